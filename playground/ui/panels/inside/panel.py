"""The "Inside one step" panel: one real training step, stage by stage.

It shows a StepTrace (playground.runs.inside) in four stages — Forward, Loss, Backward,
Update — with Back/Next (buttons, and the Left/Right keys inside the panel), a stage
indicator whose stages can be clicked, a sample picker (a traced sample or the batch
mean) and a weight picker (layer, weight or bias, neuron, input). Each stage's text is
written by playground.ui.panels.inside.stages with the trace's numbers; Backward adds
the per-layer gradient bars and the gradient check (``gradient_check_requested``; the
answer comes back through ``show_gradient_check``); Forward adds the picked layer as the
tensor operation it is, whose "Open in Tensor Lab" emits ``lab_requested`` with its block.
After the last stage, Next asks for another traced step (``next_step_requested``).

The panel only shows what it is given: the window (playground.ui.window.inside) takes
the trace from the controller, answers the requests and puts ``overlay()`` on the
network diagram.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QSizePolicy, QSpinBox, QVBoxLayout, QWidget)

from playground.runs.inside import GradientChecked, StepTrace
from playground.ui.labels import layer_name
from playground.ui.panels.inside import stages
from playground.ui.panels.inside.bars import NormBars
from playground.ui.panels.inside.maths import Pick, first_pick, weighted_blocks
from playground.ui.widgets.layer_operation import LayerOperation
from playground.ui.widgets.numbers import num
from playground.ui.theme import LIGHT, Theme

STAGES = ("forward", "loss", "backward", "update")
BATCH_MEAN = -1  # the sample picker's data for the batch mean


class InsidePanel(QWidget):
    """See the module docstring. ``stage_changed`` carries the stage's index, ``pick_changed``
    says the sample or the weight changed (the diagram's overlay follows both)."""

    stage_changed = Signal(int)
    pick_changed = Signal()
    gradient_check_requested = Signal(int, str, tuple)  # block (position in the trace), "weight"/"bias", index
    next_step_requested = Signal()
    lab_requested = Signal(int)  # the picked block (a Linear or the Output layer), to open in the Tensor lab

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._trace: StepTrace | None = None
        self._pick: Pick | None = None
        self._stage = 0
        self._theme = LIGHT
        self._shown = stages.Shown("")
        self._check: GradientChecked | None = None
        self._checking = False  # a check was asked for and has not been answered
        self._filling = False  # True while the pickers are being filled (their signals are not the learner's)
        self._build()
        self.clear()

    # --- construction ------------------------------------------------------------------------
    def _build(self) -> None:
        self._stage_buttons = []
        indicator = QHBoxLayout()
        indicator.setSpacing(2)
        for i, (title, tip) in enumerate(self._stage_words()):
            button = QPushButton(f"{i + 1} {title}")
            button.setCheckable(True)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.NoFocus)
            button.setSizePolicy(QSizePolicy.Minimum, QSizePolicy.Fixed)
            button.clicked.connect(lambda _=False, k=i: self.set_stage(k))
            indicator.addWidget(button)
            self._stage_buttons.append(button)
        self._message = QLabel()
        self._message.setWordWrap(True)
        self._pickers = self._build_pickers()
        self._bars_title = QLabel(self.tr("Gradient arriving at each layer, ‖∂L/∂h‖ (log scale), output first:"))
        self._bars_title.setWordWrap(True)
        self.bars = NormBars()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.RichText)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.text.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.check_button = QPushButton(self.tr("Gradient check"))
        self.check_button.setToolTip(self.tr(
            "Compare autograd's ∂L/∂w for the picked weight with a finite-difference estimate: nudge the weight "
            "by ±ε, recompute the loss on the same batch, and divide the change by 2ε."))
        self.check_button.clicked.connect(self._on_check_button_clicked)
        self.check_result = QLabel()
        self.check_result.setWordWrap(True)
        self.check_result.setTextInteractionFlags(Qt.TextSelectableByMouse)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(2, 2, 6, 2)
        for widget in (self._bars_title, self.bars, self.text):
            column.addWidget(widget)
        column.addStretch(1)
        # The gradient check stays in sight below the scrolled formulas (a long Korean chain rule
        # would push it out of view at 1366x768).
        check_row = QVBoxLayout()
        check_row.setContentsMargins(2, 0, 2, 0)
        check_row.addWidget(self.check_button, 0, Qt.AlignLeft)
        check_row.addWidget(self.check_result)
        self.operation = LayerOperation()  # Forward: the picked layer as one tensor operation
        self.operation.lab_requested.connect(lambda: self.lab_requested.emit(self._pick.block))
        check_row.addWidget(self.operation)
        self._scroll = QScrollArea()
        self._scroll.setWidget(body)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.NoFrame)
        self.back_button = QPushButton(self.tr("◀ Back"))
        self.back_button.setToolTip(self.tr("The previous stage (Left arrow)."))
        self.back_button.clicked.connect(self.previous_stage)
        self.next_button = QPushButton()
        self.next_button.clicked.connect(self.next_stage)
        self._position = QLabel()
        self._position.setAlignment(Qt.AlignCenter)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addWidget(self._position, 1)
        nav.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(indicator)
        layout.addWidget(self._message)
        layout.addWidget(self._pickers)
        layout.addWidget(self._scroll, 1)
        layout.addLayout(check_row)
        layout.addLayout(nav)
        for key, slot in ((Qt.Key_Right, self.next_stage), (Qt.Key_Left, self.previous_stage)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _stage_words(self) -> list[tuple[str, str]]:
        return [
            (self.tr("Forward"), self.tr("Forward pass: the batch flows through the layers, z = Σ wx + b, h = f(z).")),
            (self.tr("Loss"), self.tr("The loss: how far the outputs are from the targets, for this batch.")),
            (self.tr("Backward"), self.tr("Backpropagation: the loss's gradient flows back layer by layer, "
                                          "by the chain rule.")),
            (self.tr("Update"), self.tr("The optimizer moves each weight against its gradient.")),
        ]

    def _build_pickers(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        self.sample_combo = QComboBox()
        self.sample_combo.setToolTip(self.tr("The sample of the batch whose numbers are shown, or the batch mean."))
        self.block_combo = QComboBox()
        self.block_combo.setToolTip(self.tr("The layer of the weight whose forward sum, chain rule and update "
                                            "are shown."))
        self.param_combo = QComboBox()
        self.param_combo.setToolTip(self.tr("A weight or the bias (batch normalization: γ or β)."))
        self.unit_box = QSpinBox()
        self.unit_box.setToolTip(self.tr("The neuron (the weight matrix's row)."))
        self.input_box = QSpinBox()
        self.input_box.setToolTip(self.tr("The input the weight multiplies (the weight matrix's column)."))
        for box_ in (self.unit_box, self.input_box):
            box_.setMinimum(1)
            box_.setKeyboardTracking(False)
        grid.addWidget(QLabel(self.tr("Sample")), 0, 0)
        grid.addWidget(self.sample_combo, 0, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("Weight")), 1, 0)
        grid.addWidget(self.block_combo, 1, 1)
        grid.addWidget(self.param_combo, 1, 2, 1, 2)
        grid.addWidget(QLabel(self.tr("Neuron")), 2, 0)
        grid.addWidget(self.unit_box, 2, 1)
        self._input_label = QLabel(self.tr("Input"))
        grid.addWidget(self._input_label, 2, 2)
        grid.addWidget(self.input_box, 2, 3)
        grid.setColumnStretch(1, 1)
        self.sample_combo.currentIndexChanged.connect(self._on_picker_changed)
        self.block_combo.currentIndexChanged.connect(self._on_block_combo_changed)
        self.param_combo.currentIndexChanged.connect(self._on_picker_changed)
        self.unit_box.valueChanged.connect(self._on_picker_changed)
        self.input_box.valueChanged.connect(self._on_picker_changed)
        return box

    # --- what is shown ---------------------------------------------------------------------------
    def show_trace(self, trace: StepTrace, stage: int = 0) -> None:
        """Show ``trace`` at ``stage`` (0 = Forward) with the first sample and the first layer's first weight."""
        self._trace, self._check, self._checking = trace, None, False
        self._pick = first_pick(trace)
        self._fill_pickers()
        self._message.setText(self.tr("Step {0} (epoch {1}, batch {2}): the real step, already taken; "
                                      "training goes on from it.").format(trace.step + 1, trace.epoch + 1,
                                                                          trace.batch_in_epoch + 1))
        self._pickers.setEnabled(True)
        self.check_result.clear()
        self._stage = -1
        self.set_stage(stage)

    def clear(self, message: str = "") -> None:
        """No step to show; ``message`` (or how to get one) in its place."""
        self._trace = self._pick = self._check = None
        self._checking = False
        self._message.setText(message or self.tr("Press Step Inside (Ctrl+I) to take the next training step "
                                                 "and look inside it, stage by stage."))
        self._pickers.setEnabled(False)
        self.text.clear()
        self.check_result.clear()
        self._shown = stages.Shown("")
        for widget in (self._bars_title, self.bars, self.check_button, self.check_result):
            widget.setVisible(False)
        self.operation.clear()
        for button in self._stage_buttons:
            button.setChecked(False)
        self.back_button.setEnabled(False)
        self.next_button.setEnabled(False)
        self.next_button.setText(self.tr("Next ▶"))
        self._position.clear()
        self.stage_changed.emit(-1)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.bars.set_theme(theme)
        self._render()

    def set_stage(self, stage: int) -> None:
        """Show stage ``stage`` (0 Forward, 1 Loss, 2 Backward, 3 Update)."""
        if self._trace is None:
            return
        stage = max(0, min(stage, len(STAGES) - 1))
        changed = stage != self._stage
        self._stage = stage
        for i, button in enumerate(self._stage_buttons):
            button.setChecked(i == stage)
        backward = STAGES[stage] == "backward"
        for widget in (self._bars_title, self.bars, self.check_button, self.check_result):
            widget.setVisible(backward)
        self.back_button.setEnabled(stage > 0)
        self.next_button.setEnabled(True)
        last = stage == len(STAGES) - 1
        self.next_button.setText(self.tr("Next step ▶") if last else self.tr("Next ▶"))
        self.next_button.setToolTip(self.tr("Take the next training step and look inside it (Right arrow).") if last
                                    else self.tr("The next stage (Right arrow)."))
        self._position.setText(self.tr("Stage {0} of {1}").format(stage + 1, len(STAGES)))
        self._render()
        self._scroll.verticalScrollBar().setValue(0)
        if changed:
            self.stage_changed.emit(stage)

    def next_stage(self) -> None:
        if self._trace is None:
            return
        if self._stage == len(STAGES) - 1:
            self.next_step_requested.emit()
        else:
            self.set_stage(self._stage + 1)

    def previous_stage(self) -> None:
        if self._trace is not None and self._stage > 0:
            self.set_stage(self._stage - 1)

    def choose_sample(self, sample: int | None) -> None:
        """Show traced sample ``sample`` (0-based), or the batch mean (None)."""
        self.sample_combo.setCurrentIndex(self.sample_combo.findData(BATCH_MEAN if sample is None else sample))

    def choose_weight(self, block: int, param: str, index: tuple[int, ...]) -> None:
        """Pick entry ``index`` of parameter ``param`` of block ``block`` (its position in the trace)."""
        self._filling = True
        try:
            self.block_combo.setCurrentIndex(self.block_combo.findData(block))
            self._fill_weight_pickers(block)
            self.param_combo.setCurrentIndex(self.param_combo.findData(param))
            self.unit_box.setValue(index[0] + 1)
            if len(index) > 1:
                self.input_box.setValue(index[1] + 1)
        finally:
            self._filling = False
        self._on_picker_changed()

    def show_gradient_check(self, result: GradientChecked) -> None:
        """Autograd against the finite-difference estimate, green when they agree (relative
        error below 1e-4), red otherwise, or why there is no answer (``problem``); the
        numbers of a check of another step are not shown."""
        if self._trace is None or result.run_id != self._trace.run_id:
            return
        if not result.problem and result.step != self._trace.step:
            return
        self._check, self._checking = result, False
        self._render_check()

    # --- for the window and tests ----------------------------------------------------------------
    def trace(self) -> StepTrace | None:
        return self._trace

    def stage(self) -> int:
        """The stage shown (0..3), -1 without a trace."""
        return self._stage if self._trace is not None else -1

    def pick(self) -> Pick | None:
        return self._pick

    def shown_values(self) -> dict[str, float]:
        """The numbers in the stage's formulas by name (stages.Shown.values)."""
        return dict(self._shown.values)

    def shown_text(self) -> str:
        """The stage's text as plain text (what the learner reads)."""
        from PySide6.QtGui import QTextDocument

        document = QTextDocument()
        document.setHtml(self.text.text())
        return document.toPlainText()

    def check_colour(self) -> str:
        """"good" or "bad" for the gradient check's result, "" without one."""
        if self._check is None or self._check.problem:
            return ""
        return "good" if stages.relative_error_ok(self._check.relative_error) else "bad"

    def stage_titles(self) -> list[str]:
        return [button.text() for button in self._stage_buttons]

    def overlay(self) -> tuple[str, list] | None:
        """What the network diagram shows on its neurons now: ("forward", values) or
        ("backward", values), values per diagram column (0 = the inputs, i = the trace's
        block i - 1; None for a column without values); None at the other stages. Forward:
        the picked sample's x and h (the batch mean: h̄, and x̄ when every row is traced);
        Backward: the picked sample's ∂L/∂h (the batch mean: when every row is traced)."""
        trace, pick = self._trace, self._pick
        if trace is None or STAGES[self._stage] not in ("forward", "backward"):
            return None
        n, whole = pick.sample, len(trace.rows) >= trace.batch_size
        if STAGES[self._stage] == "forward":
            x = trace.x[n] if n is not None else (trace.x.mean(0) if whole else None)
            return "forward", [x, *[(b.h[n] if n is not None else b.h_mean) for b in trace.blocks]]
        grads = [(b.grad_h[n] if n is not None else (b.grad_h.mean(0) if whole else None)) for b in trace.blocks]
        return "backward", [None, *grads]

    # --- rendering -------------------------------------------------------------------------------------
    def _render(self) -> None:
        if self._trace is None or self._stage < 0:
            return
        build = (stages.forward, stages.loss, stages.backward, stages.update_stage)[self._stage]
        self._shown = build(self._trace, self._pick, self._theme)
        self.text.setText(self._shown.html)
        block = self._trace.blocks[self._pick.block]
        if STAGES[self._stage] == "forward":
            n_out, n_in = block.param("weight").shape if block.kind != "batchnorm" else (block.units, block.units)
            self.operation.show_layer(block.name, block.kind, n_in, n_out)
        else:
            self.operation.clear()
        if STAGES[self._stage] == "backward":
            self.bars.set_rows(stages.norms(self._trace))
            self._render_check()

    def _render_check(self) -> None:
        result = self._check
        if result is None:
            self.check_result.setText(self.tr("Checking…") if self._checking else "")
            self.check_result.setStyleSheet("")
            return
        if result.problem:
            self.check_result.setText(self.tr("The check could not run: {0}").format(result.problem))
            self.check_result.setStyleSheet("")
            return
        ok = stages.relative_error_ok(result.relative_error)
        words = (self.tr("They agree: backpropagation computed this gradient correctly.") if ok else
                 self.tr("They disagree: this gradient is not the slope of the loss. Something in the backward "
                         "pass is wrong."))
        checked = Pick(None, result.block, result.param, tuple(result.index))
        block = self._trace.blocks[result.block]
        where = f"{stages.symbol(block, checked)} ({layer_name(block.name)})"
        self.check_result.setText(self.tr("{0}: autograd {1}, finite differences (ε = {2}) {3}, relative error {4}. "
                                          "{5}").format(where, num(result.autograd), num(result.epsilon),
                                                        num(result.numeric), num(result.relative_error, 2), words))
        colour = self._theme.good if ok else self._theme.bad
        self.check_result.setStyleSheet(f"color: {colour}; font-weight: bold;")

    # --- pickers -----------------------------------------------------------------------------------------
    def _fill_pickers(self) -> None:
        trace, pick = self._trace, self._pick
        self._filling = True
        try:
            self.sample_combo.clear()
            for n, row in enumerate(trace.rows):
                self.sample_combo.addItem(self.tr("Sample {0} (row {1})").format(n + 1, int(row)), n)
            self.sample_combo.addItem(self.tr("Batch mean ({0} samples)").format(trace.batch_size), BATCH_MEAN)
            self.sample_combo.setCurrentIndex(0 if pick.sample is not None else self.sample_combo.count() - 1)
            self.block_combo.clear()
            for i in weighted_blocks(trace):
                self.block_combo.addItem(layer_name(trace.blocks[i].name), i)
            self.block_combo.setCurrentIndex(self.block_combo.findData(pick.block))
            self._fill_weight_pickers(pick.block)
        finally:
            self._filling = False

    def _fill_weight_pickers(self, block_index: int) -> None:
        """The parameter names of ``block_index`` and the ranges of its neuron and input boxes."""
        block = self._trace.blocks[block_index]
        was = self._filling
        self._filling = True
        try:
            chosen = self.param_combo.currentData()
            self.param_combo.clear()
            norm = block.kind == "batchnorm"
            for param in block.params:
                text = {("weight", False): self.tr("weight w"), ("bias", False): self.tr("bias b"),
                        ("weight", True): self.tr("scale γ"), ("bias", True): self.tr("shift β")}[(param.name, norm)]
                self.param_combo.addItem(text, param.name)
            found = self.param_combo.findData(chosen)
            self.param_combo.setCurrentIndex(found if found >= 0 else 0)
            weight = block.param("weight")
            self.unit_box.setMaximum(weight.before.shape[0])
            self.input_box.setMaximum(weight.before.shape[1] if weight.before.ndim == 2 else 1)
        finally:
            self._filling = was
        self._show_input_box()

    def _show_input_box(self) -> None:
        block = self._trace.blocks[self.block_combo.currentData()]
        has_input = block.kind != "batchnorm" and self.param_combo.currentData() == "weight"
        self.input_box.setEnabled(has_input)
        self._input_label.setEnabled(has_input)

    def _on_block_combo_changed(self, _index: int) -> None:
        if self._filling or self._trace is None or self.block_combo.currentData() is None:
            return
        self._fill_weight_pickers(self.block_combo.currentData())
        self._on_picker_changed()

    def _on_picker_changed(self, *_args) -> None:
        if self._filling or self._trace is None:
            return
        self._show_input_box()
        sample = self.sample_combo.currentData()
        block, param = self.block_combo.currentData(), self.param_combo.currentData()
        trace_param = self._trace.blocks[block].param(param)
        index = (self.unit_box.value() - 1,) + ((self.input_box.value() - 1,) if trace_param.before.ndim == 2 else ())
        self._pick = Pick(None if sample == BATCH_MEAN else sample, block, param, index)
        self._render()
        self.pick_changed.emit()

    def _on_check_button_clicked(self) -> None:
        if self._pick is None:
            return
        self._check, self._checking = None, True
        self._render_check()
        self.gradient_check_requested.emit(self._pick.block, self._pick.param, tuple(self._pick.index))
