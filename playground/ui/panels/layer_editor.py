"""The Layers panel: the hidden-layer stack between the Input and Output rows, each
row with its settings, activation, output shape (as torch prints it) and parameter
count, plus the weight init.

Rows are numbered as shown: row 0 is the Input, rows 1..n the hidden layers
(``design.layers[row - 1]``), the last row the Output. The panel keeps no copy of
the design; it redraws from ``document.design`` and edits through ``document.apply``.
Names, shapes, parameter counts, the batch's rows and the parameter limit come from
the torch-free ``design.shapes`` and ``design.rules``; a row is a
``widgets.layer_rows.LayerRow``. Under the list, the selected layer as the tensor operation
it is (``widgets.layer_operation``); its "Open in Tensor Lab" emits ``lab_requested`` with
the layer's block (its position among the run's blocks: row - 1), which the window answers.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from playground.data.facts import DataFacts, data_facts
from playground.design import registry, rules
from playground.design.schema import MAX_LAYERS, BatchNormLayer, Design, DropoutLayer, LinearLayer, check_design
from playground.design.shapes import layer_shapes, output_size, shape_text
from playground.ui.labels import init_description, init_label, layer_name
from playground.ui.messages import problem_text
from playground.ui.widgets.controls import MessageLabel, blocked, guard_wheel
from playground.ui.widgets.layer_operation import LayerOperation
from playground.ui.widgets.layer_rows import LayerList, LayerRow

UNKNOWN = "?"


class LayerEditor(QWidget):
    """Edits ``design.layers`` and ``design.init`` of a DesignDocument."""

    lab_requested = Signal(int)  # the block of the selected Linear or Output row, to open in the Tensor lab

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self._rows: list[LayerRow] = []
        self._operations: list[tuple | None] = []  # per row: LayerOperation.show_layer's arguments (Input: None)
        self._build()
        document.changed.connect(self._on_document_changed)
        self._refresh()

    # -- construction -----------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.list = LayerList()
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.list.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Expanding)
        self.list.setMinimumHeight(220)
        self.list.setToolTip(self.tr(
            "The network, input at the top, output at the bottom. Each row shows the shape of the tensor "
            "the layer outputs, torch.Size([batch, units]), and how many weights and biases it learns."))
        self.list.key_command.connect(self._on_list_key_command)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.list.currentRowChanged.connect(self._show_operation)
        layout.addWidget(self.list, 1)
        self.operation = LayerOperation()
        self.operation.lab_requested.connect(lambda: self.lab_requested.emit(self.list.currentRow() - 1))
        layout.addWidget(self.operation)
        layout.addLayout(self._build_add_buttons())
        layout.addLayout(self._build_edit_buttons())
        self.total_label = QLabel()
        self.total_label.setToolTip(self.tr(
            "Every weight and bias the optimizer adjusts. More parameters can fit more, "
            "but train slower and overfit more easily."))
        layout.addWidget(self.total_label)
        self.message = MessageLabel()
        layout.addWidget(self.message)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.init_combo = self._build_init_combo()
        form.addRow(self.tr("Weight init"), self.init_combo)
        layout.addLayout(form)

    def _tool(self, text: str, tip: str, slot, icon=None) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAutoRaise(False)
        button.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        if icon is not None:
            button.setIcon(self.style().standardIcon(icon))
            button.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        button.clicked.connect(slot)
        return button

    def _build_add_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        self.add_buttons = {
            "linear": self._tool(self.tr("+ Linear"), self.tr(
                "Add a fully connected layer after the selected row: every unit sees every output of the "
                "layer before (torch.nn.Linear)."), lambda: self.add_layer("linear")),
            "batchnorm": self._tool(self.tr("+ BatchNorm"), self.tr(
                "Add batch normalization after the selected row: it rescales each feature to mean 0 and "
                "variance 1 over the batch, then learns a scale and shift. This keeps the next layer's "
                "inputs steady while earlier weights change (internal covariate shift)."),
                lambda: self.add_layer("batchnorm")),
            "dropout": self._tool(self.tr("+ Dropout"), self.tr(
                "Add dropout after the selected row: while training, each unit is switched off at random, "
                "so the network cannot rely on any single unit (fights overfitting)."),
                lambda: self.add_layer("dropout")),
        }
        for button in self.add_buttons.values():
            row.addWidget(button)
        return row

    def _build_edit_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        self.remove_button = self._tool(self.tr("Remove"), self.tr("Remove the selected layer (Delete)."),
                                        self.remove_selected)
        self.up_button = self._tool(self.tr("Up"), self.tr("Move the selected layer towards the input (Alt+Up)."),
                                    lambda: self.move_selected(-1), QStyle.SP_ArrowUp)
        self.down_button = self._tool(self.tr("Down"),
                                      self.tr("Move the selected layer towards the output (Alt+Down)."),
                                      lambda: self.move_selected(1), QStyle.SP_ArrowDown)
        for button in (self.remove_button, self.up_button, self.down_button):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _build_init_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        for i, name in enumerate(registry.INITS):
            combo.addItem(init_label(name), name)
            combo.setItemData(i, init_description(name), Qt.ToolTipRole)
        combo.setToolTip(self.tr(
            "How the weights are set before training. Good scales keep signals and gradients from "
            "shrinking or growing layer by layer."))
        combo.activated.connect(lambda i: self.set_init(combo.itemData(i)))
        guard_wheel(combo)
        return combo

    # -- redraw -------------------------------------------------------------------------
    def _on_document_changed(self, new: Design, old: Design) -> None:
        self._refresh()

    def _kinds(self, design: Design) -> list[str]:
        return ["input", *(layer.type for layer in design.layers), "output"]

    def _refresh(self) -> None:
        design = self.document.design
        if [row.kind for row in self._rows] != self._kinds(design):
            self._rebuild(design)
        facts = data_facts(design.data)
        self._show_rows(design, facts)
        with blocked(self.init_combo):
            self.init_combo.setCurrentIndex(self.init_combo.findData(design.init))
        self._show_message(design, facts)
        self._update_buttons()
        self._show_operation()

    def _rebuild(self, design: Design) -> None:
        selected = self.list.currentRow()
        with blocked(self.list):
            self.list.clear()
            self._rows = []
            for index, kind in enumerate(self._kinds(design)):
                row = LayerRow(kind)
                self._connect_row(row, index)
                item = QListWidgetItem()
                self.list.addItem(item)
                self.list.setItemWidget(item, row)
                self._rows.append(row)
            self.list.setCurrentRow(min(selected, self.list.count() - 1))

    def _connect_row(self, row: LayerRow, index: int) -> None:
        row.focused.connect(lambda: self.list.setCurrentRow(index))
        if isinstance(row.setting, QSpinBox):
            row.setting.valueChanged.connect(lambda n: self._edit_layer(index, self.tr("Change units"), units=n))
        elif isinstance(row.setting, QDoubleSpinBox) and row.kind == "dropout":
            row.setting.valueChanged.connect(lambda p: self._edit_layer(index, self.tr("Change dropout"), p=p))
        elif isinstance(row.setting, QDoubleSpinBox):
            row.setting.valueChanged.connect(
                lambda m: self._edit_layer(index, self.tr("Change batch-norm momentum"), momentum=m))
        if isinstance(row.activation, QComboBox):
            combo = row.activation
            combo.activated.connect(lambda i: self._edit_layer(
                index, self.tr("Change activation"), merge=False, activation=combo.itemData(i)))

    def _show_rows(self, design: Design, facts: DataFacts) -> None:
        rows = rules.batch_size(design.training, facts.n_train)
        batch = UNKNOWN if rows is None else rows
        n_outputs = self._n_outputs(design, facts)
        shapes = layer_shapes(design, facts.n_inputs or 1, n_outputs if isinstance(n_outputs, int) else 1)
        unknown_until = self._unknown_until(design, facts)
        self._show_input(self._rows[0], design, facts, batch)
        self._operations = [None]  # the widths each layer takes in and gives out, as its row shows them
        width = facts.n_inputs if facts.n_inputs is not None else UNKNOWN
        for i, (layer, shape) in enumerate(zip(design.layers, shapes)):
            unknown = i <= unknown_until
            units = UNKNOWN if unknown and shape.kind != "linear" else shape.units
            self._show_layer(self._rows[i + 1], layer, layer_name(shape.name), batch, units,
                             UNKNOWN if unknown else shape.parameters)
            self._operations.append((shape.name, shape.kind, width, units, getattr(layer, "p", None)))
            width = units
        self._operations.append(("Output", "output", width, n_outputs))
        out = shapes[-1]
        unknown = unknown_until >= len(design.layers) or not isinstance(n_outputs, int)
        self._show_output(self._rows[-1], design, batch, n_outputs, UNKNOWN if unknown else out.parameters)
        self._total = UNKNOWN if facts.n_inputs is None or not isinstance(n_outputs, int) else sum(
            s.parameters for s in shapes)
        self.total_label.setText(self.tr("Total: {0} trainable parameters").format(self._number(self._total)))
        for i, row in enumerate(self._rows):
            self.list.item(i).setSizeHint(row.sizeHint())

    def _unknown_until(self, design: Design, facts: DataFacts) -> int:
        """Index of the last layer whose width or parameters depend on an unknown input count (-1: none)."""
        if facts.n_inputs is not None:
            return -1
        linear = [i for i, layer in enumerate(design.layers) if isinstance(layer, LinearLayer)]
        return linear[0] if linear else len(design.layers)

    def _n_outputs(self, design: Design, facts: DataFacts) -> int | str:
        if registry.LOSSES[design.loss].head == "class_logits":  # one output per class
            return facts.n_classes if facts.n_classes else UNKNOWN
        return output_size(design.loss, 2)

    def _show_input(self, row: LayerRow, design: Design, facts: DataFacts, batch) -> None:
        row.name.setText(self.tr("Input"))
        kind = design.data.info.input_kind
        n = facts.n_inputs
        if kind == "2d":
            text = ", ".join(registry.FEATURES[f] for f in design.data.features) or self.tr("no features")
        elif kind == "digits":
            text = self.tr("64 pixels")
        elif n is None:
            text = self.tr("? columns")
        else:
            text = self.tr("1 column") if n == 1 else self.tr("{0} columns").format(n)
        row.setting.setText(text)
        row.setting.setToolTip(self.tr(
            "What the network receives for each point: one number per input feature, a row of the input tensor."))
        row.set_details(shape_text(batch, n if n is not None else UNKNOWN), "")

    def _show_layer(self, row: LayerRow, layer, name: str, batch, units, parameters) -> None:
        row.name.setText(name)
        with blocked(*[w for w in (row.setting, row.activation) if w is not None]):
            if isinstance(layer, LinearLayer):
                row.setting.setValue(layer.units)
            elif isinstance(layer, DropoutLayer):
                row.setting.setValue(layer.p)
            elif isinstance(layer, BatchNormLayer):
                row.setting.setValue(layer.momentum)
            if row.activation is not None:
                row.activation.setCurrentIndex(row.activation.findData(layer.activation))
        row.set_details(shape_text(batch, units), self._number(parameters))

    def _show_output(self, row: LayerRow, design: Design, batch, n_outputs, parameters) -> None:
        row.name.setText(self.tr("Output"))
        if n_outputs == 1:
            row.setting.setText(self.tr("1 unit"))
        else:
            row.setting.setText(self.tr("{0} units").format(n_outputs))
        implied = {  # by what the output layer gives the loss (its entry's head)
            "logit": (self.tr("sigmoid in the loss"), self.tr(
                "The output unit gives a raw score (logit); binary cross-entropy applies the sigmoid "
                "itself, which is numerically safer. The sigmoid of the score is the chance of class 1.")),
            "class_logits": (self.tr("softmax in the loss"), self.tr(
                "One raw score (logit) per class; cross-entropy applies the softmax itself, which is "
                "numerically safer. The softmax turns the scores into chances that add up to 1.")),
        }
        text, tip = implied.get(registry.LOSSES[design.loss].head, (self.tr("identity"), self.tr(
            "Regression: the output is the predicted number itself, with no activation.")))
        row.activation.setText(text)
        row.activation.setToolTip(tip)
        row.setting.setToolTip(self.tr(
            "The output layer is added to fit the loss: one unit for binary cross-entropy and regression, "
            "one per class for cross-entropy."))
        row.set_details(shape_text(batch, n_outputs), self._number(parameters))

    def _number(self, value) -> str:
        return f"{value:,}" if isinstance(value, int) else str(value)

    def _show_message(self, design: Design, facts: DataFacts) -> None:
        problems = [problem_text(p) for p in check_design(design)
                    if p.field.startswith("layers") or "batch normalization" in p.message]
        if isinstance(self._total, int) and self._total > rules.MAX_PARAMETERS:
            problems.append(self.tr(
                "Layers: {0} parameters is more than this app trains live ({1}); use fewer or narrower layers."
            ).format(self._number(self._total), self._number(rules.MAX_PARAMETERS)))
        notes = []
        if len(design.layers) >= MAX_LAYERS:
            notes.append(self.tr("The stack is full: at most {0} hidden layers.").format(MAX_LAYERS))
        self.message.show_messages(problems, notes)

    def _update_buttons(self, *_) -> None:
        row = self.list.currentRow()
        hidden = self._is_hidden_row(row)
        n_layers = len(self.document.design.layers)
        self.remove_button.setEnabled(hidden)
        self.up_button.setEnabled(hidden and row > 1)
        self.down_button.setEnabled(hidden and row < n_layers)
        for button in self.add_buttons.values():
            button.setEnabled(n_layers < MAX_LAYERS)

    def _show_operation(self, *_) -> None:
        row = self.list.currentRow()
        operation = self._operations[row] if 0 <= row < len(self._operations) else None
        if operation is None:
            self.operation.clear()
        else:
            self.operation.show_layer(*operation)

    def _is_hidden_row(self, row: int) -> bool:
        return 1 <= row <= len(self.document.design.layers)

    # -- edits ---------------------------------------------------------------------------
    def _apply_layers(self, layers: list, text: str, merge_key: str = "") -> None:
        self.document.apply(self.document.design.with_(layers=layers), text, merge_key)

    def _edit_layer(self, index: int, text: str, merge: bool = True, **changes) -> None:
        layers = list(self.document.design.layers)
        layers[index - 1] = layers[index - 1].model_copy(update=changes)
        key = "layers[{0}].{1}".format(index - 1, next(iter(changes))) if merge else ""
        self._apply_layers(layers, text, key)

    def _on_list_key_command(self, command: str) -> None:
        if command == "remove":
            self.remove_selected()
        else:
            self.move_selected(-1 if command == "up" else 1)

    # -- public, also for tests -----------------------------------------------------------
    def row_count(self) -> int:
        """Rows shown: Input, every hidden layer, Output."""
        return len(self._rows)

    def row_text(self, i: int) -> dict[str, str]:
        """What row ``i`` shows: name, shape (torch.Size([...])), params (a number or "?"), activation."""
        row = self._rows[i]
        if isinstance(row.activation, QComboBox):
            activation = row.activation.currentText()
        else:
            activation = row.activation.text() if row.activation is not None else ""
        return {"name": row.name.text(), "shape": row.shape, "params": row.parameters, "activation": activation}

    def setting_label(self, i: int) -> str:
        """The visible name of row ``i``'s setting box ("momentum", "p"), "" when it has none."""
        row = self._rows[i]
        if row.caption is not None and row.caption.isVisibleTo(self):
            return row.caption.text()
        return getattr(row.setting, "prefix", lambda: "")().strip(" =")

    def select_row(self, i: int) -> None:
        self.list.setCurrentRow(i)

    def selected_row(self) -> int:
        return self.list.currentRow()

    def add_layer(self, kind: str) -> None:
        """Insert a layer of ``kind`` ("linear", "batchnorm", "dropout") after the selected row
        (at the end when none is selected) and select it."""
        layers = list(self.document.design.layers)
        if len(layers) >= MAX_LAYERS:
            return
        row = self.list.currentRow()
        index = len(layers) if row < 0 else min(row, len(layers))
        layers.insert(index, self._new_layer(kind, layers[:index]))
        texts = {"linear": self.tr("Add Linear layer"), "batchnorm": self.tr("Add BatchNorm layer"),
                 "dropout": self.tr("Add Dropout layer")}
        self._apply_layers(layers, texts[kind])
        self.list.setCurrentRow(index + 1)

    def _new_layer(self, kind: str, before: list):
        if kind == "linear":
            linear = [layer for layer in before if isinstance(layer, LinearLayer)]
            return LinearLayer(units=4, activation=linear[-1].activation if linear else "tanh")
        return BatchNormLayer() if kind == "batchnorm" else DropoutLayer()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if not self._is_hidden_row(row):
            return
        layers = list(self.document.design.layers)
        del layers[row - 1]
        self._apply_layers(layers, self.tr("Remove layer"))
        self.list.setCurrentRow(min(row, len(layers)) if layers else -1)

    def move_selected(self, delta: int) -> None:
        """Move the selected hidden layer ``delta`` rows (-1 towards the input, +1 towards the output)."""
        row = self.list.currentRow()
        layers = list(self.document.design.layers)
        target = row + delta
        if not self._is_hidden_row(row) or not 1 <= target <= len(layers):
            return
        layers[row - 1], layers[target - 1] = layers[target - 1], layers[row - 1]
        self._apply_layers(layers, self.tr("Move layer up") if delta < 0 else self.tr("Move layer down"))
        self.list.setCurrentRow(target)

    def set_units(self, row: int, n: int) -> None:
        self._rows[row].setting.setValue(n)

    def set_activation(self, row: int, name: str) -> None:
        combo = self._rows[row].activation
        index = combo.findData(name)
        combo.setCurrentIndex(index)
        combo.activated.emit(index)  # as a user's choice

    def set_init(self, name: str) -> None:
        self.document.apply(self.document.design.with_(init=name), self.tr("Change weight init"))

    def total_text(self) -> str:
        return self.total_label.text()

    def message_text(self) -> str:
        return self.message.plain_text() if self.message.isVisibleTo(self) else ""


if __name__ == "__main__":
    import sys

    from playground.ui.widgets.preview import preview_panel

    sys.exit(preview_panel(LayerEditor, 320, 600))
