"""The Data panel: which data set, its noise, split, outliers, classes, input
features and the learner's own CSV file.

The panel keeps no copy of the design: it redraws from ``document.design`` on
``document.changed`` and edits only through ``document.apply``. What the data gives
the network (split sizes, inputs, classes) comes from ``data.facts``; the
thumbnails from ``widgets.dataset_icons``.
"""

from __future__ import annotations

import random
from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from playground.data.facts import DataFacts, csv_columns_of, data_facts, guess_csv_task
from playground.design import registry, rules
from playground.design.schema import MAX_SAMPLES, DataSpec, Design, check_design, problems_from_validation
from playground.errors import Problem
from playground.ui.i18n import file_dialog_options
from playground.ui.labels import dataset_label, loss_label, task_label
from playground.ui.messages import error_text, problem_text
from playground.ui.widgets.controls import MessageLabel, blocked, guard_wheel, palette_theme
from playground.ui.widgets.dataset_icons import DatasetGrid, dataset_icon


def fit_loss(design: Design) -> tuple[Design, str]:
    """``design`` with a loss that fits its data, and a note for the user if it had to change."""
    task = data_facts(design.data).task
    if rules.loss_fits(design.loss, task):
        return design, ""
    choice = rules.default_loss(task)
    note = QCoreApplication.translate("DataPanel", "Loss switched to {0} for {1} data.").format(
        loss_label(choice), task_label(task)
    )
    return design.with_(loss=choice), note


# -- the panel -----------------------------------------------------------------------


class DataPanel(QWidget):
    """Edits ``design.data`` of a DesignDocument (and the loss, when the data's task changes)."""

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self._notes: list[str] = []
        self._applying = False
        self._build()
        document.changed.connect(self._on_document_changed)
        self._refresh()

    # -- construction -----------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._build_sets())
        self.message = MessageLabel()
        layout.addWidget(self.message)
        layout.addWidget(self._build_settings())
        self.csv_box = self._build_csv()
        layout.addWidget(self.csv_box)
        layout.addLayout(self._build_buttons())
        layout.addStretch(1)

    def _build_sets(self) -> QGroupBox:
        box = QGroupBox(self.tr("Data set"))
        column = QVBoxLayout(box)
        self.grid = DatasetGrid()
        self.grid.setToolTip(self.tr("Choose the problem the network learns. Point at a picture to see its name."))
        for name, info in registry.DATASETS.items():
            item = QListWidgetItem()
            item.setData(Qt.UserRole, name)
            item.setData(Qt.AccessibleTextRole, self._set_label(name))
            item.setToolTip("<b>{0}</b><br>{1}".format(self._set_label(name), self._set_description(name)))
            self.grid.addItem(item)
        self.grid.currentItemChanged.connect(self._on_grid_current_item_changed)
        column.addWidget(self.grid)
        self.set_caption = QLabel()
        self.set_caption.setWordWrap(True)
        column.addWidget(self.set_caption)
        self._paint_icons()
        return box

    def _build_settings(self) -> QGroupBox:
        box = QGroupBox(self.tr("Settings"))
        self.form = QFormLayout(box)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        self._slider_rows: dict[QSlider, QHBoxLayout] = {}
        self.samples_spin = QSpinBox()
        self.samples_spin.setRange(20, MAX_SAMPLES)
        self.samples_spin.setSingleStep(50)
        self.samples_spin.setKeyboardTracking(False)
        self.samples_spin.setToolTip(self.tr(
            "How many points are made, training and test together. More points show the pattern "
            "more clearly; each epoch then takes more steps."))
        self.samples_spin.valueChanged.connect(self._on_samples_spin_value_changed)
        self.form.addRow(self.tr("Points"), self.samples_spin)
        self.noise_slider, self.noise_value = self._slider_row(
            self.tr("Noise"), 0, 100,
            self.tr("How far points stray from the clean pattern (0 = none, 1 = as much noise as signal). "
                    "With noise some points sit on the wrong side; a network that fits them too has "
                    "learned the noise: overfitting."))
        self.noise_slider.valueChanged.connect(self._on_noise_slider_value_changed)
        self.split_slider, self.split_value = self._slider_row(
            self.tr("Training data"), 10, 90,
            self.tr("The share of points the network learns from. The rest is the test set, never trained "
                    "on: it shows whether the network generalizes. Test loss rising while training loss "
                    "falls means overfitting."))
        self.split_slider.valueChanged.connect(self._on_split_slider_value_changed)
        self.outlier_slider, self.outlier_value = self._slider_row(
            self.tr("Outliers"), 0, 50,
            self.tr("The share of training points moved far above the curve. MSE (L2) squares their "
                    "error and bends towards them; MAE (L1) and Huber are robust to outliers."))
        self.outlier_slider.valueChanged.connect(self._on_outlier_slider_value_changed)
        self.classes_spin = QSpinBox()
        self.classes_spin.setRange(3, 6)
        self.classes_spin.setToolTip(self.tr(
            "How many classes (colours) the set has. The output layer gets one unit per class; "
            "cross-entropy compares their softmax with the true class."))
        self.classes_spin.valueChanged.connect(self._on_classes_spin_value_changed)
        self.form.addRow(self.tr("Classes"), self.classes_spin)
        self.features_box = self._build_features()
        self.form.addRow(self.features_box)
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        self.counts_label.setToolTip(self.tr(
            "Training points are used to update the weights; test points only to measure how well "
            "the network does on data it has not seen."))
        self.form.addRow(self.counts_label)
        guard_wheel(self.samples_spin, self.noise_slider, self.split_slider, self.outlier_slider, self.classes_spin)
        return box

    def _slider_row(self, label: str, low: int, high: int, tip: str) -> tuple[QSlider, QLabel]:
        slider = QSlider(Qt.Horizontal)
        slider.setRange(low, high)
        slider.setPageStep(10)
        slider.setToolTip(tip)
        value = QLabel()
        value.setMinimumWidth(value.fontMetrics().horizontalAdvance("0.00 ") + 4)
        value.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        value.setToolTip(tip)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(slider, 1)
        row.addWidget(value)
        caption = QLabel(label)
        caption.setToolTip(tip)
        self.form.addRow(caption, row)
        self._slider_rows[slider] = row
        return slider, value

    def _build_features(self) -> QGroupBox:
        box = QGroupBox(self.tr("Input features"))
        box.setToolTip(self.tr(
            "What the network sees of each point, computed from its coordinates x₁ and x₂. "
            "A well-chosen feature can make a hard problem easy for a small network. "
            "At least one must stay checked."))
        grid = QGridLayout(box)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(8)
        tips = {
            "x1": self.tr("x₁: the point's horizontal coordinate."),
            "x2": self.tr("x₂: the point's vertical coordinate."),
            "x1_sq": self.tr("x₁²: with x₂² a circle becomes separable by a straight line."),
            "x2_sq": self.tr("x₂²: with x₁² a circle becomes separable by a straight line."),
            "x1x2": self.tr("x₁·x₂: positive in two opposite corners, negative in the others; makes XOR easy."),
            "sin_x1": self.tr("sin x₁: a wave along x₁; helps with spirals."),
            "sin_x2": self.tr("sin x₂: a wave along x₂; helps with spirals."),
        }
        self.feature_boxes: dict[str, QCheckBox] = {}
        for i, (name, label) in enumerate(registry.FEATURES.items()):
            check = QCheckBox(label)
            check.setToolTip(tips[name])
            check.toggled.connect(self._on_feature_toggled)
            grid.addWidget(check, i // 4, i % 4)
            self.feature_boxes[name] = check
        return box

    def _build_csv(self) -> QGroupBox:
        box = QGroupBox(self.tr("CSV file"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.csv_file_label = QLabel()
        self.csv_file_label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        form.addRow(self.tr("File"), self.csv_file_label)
        self.target_combo = QComboBox()
        self.target_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.target_combo.setMinimumContentsLength(8)
        self.target_combo.setToolTip(self.tr(
            "The column the network learns to predict. Every other column is an input, "
            "standardized with the training points' mean and spread."))
        self.target_combo.activated.connect(self._on_target_combo_activated)
        form.addRow(self.tr("Predict"), self.target_combo)
        self.task_combo = QComboBox()
        self.task_combo.addItem(self.tr("Classification"), "classification")
        self.task_combo.addItem(self.tr("Regression"), "regression")
        self.task_combo.setToolTip(self.tr(
            "Classification predicts a label (one of a few values, such as a species); "
            "regression predicts a number (such as a price)."))
        self.task_combo.activated.connect(self._on_task_combo_activated)
        form.addRow(self.tr("Task"), self.task_combo)
        guard_wheel(self.target_combo, self.task_combo)
        return box

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.regenerate_button = QPushButton(self.tr("Regenerate"))
        self.regenerate_button.setToolTip(self.tr(
            "Draw new random points from the same pattern (a new data seed). Training starts again."))
        self.regenerate_button.clicked.connect(self.regenerate)
        self.import_button = QPushButton(self.tr("Import CSV…"))
        self.import_button.setToolTip(self.tr(
            "Train on your own table: a CSV file (UTF-8, with a header row naming the columns). "
            "Then choose the column to predict."))
        self.import_button.clicked.connect(self.import_csv)
        row.addWidget(self.regenerate_button)
        row.addWidget(self.import_button)
        return row

    def _set_label(self, name: str) -> str:
        return dataset_label(name)

    def _set_description(self, name: str) -> str:
        text = {
            "circle": self.tr("One class inside a ring of the other: the boundary must be curved."),
            "xor": self.tr("Opposite corners share a class: no single straight line separates them."),
            "gaussians": self.tr("Two overlapping clouds: a straight line does well."),
            "spiral": self.tr("Two interleaved spirals: the hardest; it needs several layers or sin features."),
            "moons": self.tr("Two interlocking half-moons."),
            "linear": self.tr("Two classes either side of a straight line: one neuron is enough."),
            "spirals_multi": self.tr("Several interleaved spiral arms, one class each."),
            "blobs": self.tr("Several round clouds, one class each."),
            "plane": self.tr("Regression: the target rises evenly across the plane."),
            "gauss_bumps": self.tr("Regression: hills and valleys to fit."),
            "line": self.tr("1-D regression: points along a straight line, some outliers far above it."),
            "sine": self.tr("1-D regression: points along a sine wave, some outliers far above it."),
            "digits": self.tr("1,797 handwritten digits of 8×8 pixels: 64 inputs, 10 classes."),
            "csv": self.tr("Your own table from a CSV file: choose the column to predict."),
        }
        return text[name]

    def _paint_icons(self) -> None:
        theme = palette_theme(self)
        for i in range(self.grid.count()):
            item = self.grid.item(i)
            item.setIcon(dataset_icon(item.data(Qt.UserRole), theme))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange and hasattr(self, "grid"):
            self._paint_icons()

    # -- redraw -------------------------------------------------------------------------
    def _on_document_changed(self, new: Design, old: Design) -> None:
        if not self._applying:
            self._notes = []
        self._refresh()

    def _refresh(self) -> None:
        data = self.document.design.data
        info = data.info
        facts = data_facts(data)
        self._show_values(data)
        self.set_caption.setText(
            "<b>{0}</b><br>{1}".format(self._set_label(data.dataset), self._set_description(data.dataset)))
        generated = info.input_kind in ("2d", "1d")  # noise and size apply to made-up data only
        self.form.setRowVisible(self.samples_spin, generated)
        self.form.setRowVisible(self._slider_rows[self.noise_slider], generated)
        self.form.setRowVisible(self._slider_rows[self.outlier_slider], info.uses_outliers)
        self.form.setRowVisible(self.classes_spin, info.uses_classes)
        self.form.setRowVisible(self.features_box, info.input_kind == "2d")
        self.csv_box.setVisible(info.input_kind == "csv")
        self._show_csv(data, facts)
        self._show_counts(facts)
        self._show_message(facts)

    def _show_values(self, data: DataSpec) -> None:
        widgets = [self.grid, self.samples_spin, self.noise_slider, self.split_slider, self.outlier_slider,
                   self.classes_spin, *self.feature_boxes.values()]
        with blocked(*widgets):
            self.grid.setCurrentRow(list(registry.DATASETS).index(data.dataset))
            self.samples_spin.setValue(data.samples)
            self.noise_slider.setValue(round(data.noise * 100))
            self.split_slider.setValue(round(data.train_fraction * 100))
            self.outlier_slider.setValue(round(data.outlier_fraction * 100))
            self.classes_spin.setValue(data.classes)
            for name, check in self.feature_boxes.items():
                check.setChecked(name in data.features)
        self.noise_value.setText(f"{data.noise:.2f}")
        self.split_value.setText(self.tr("{0} %").format(round(data.train_fraction * 100)))
        self.outlier_value.setText(self.tr("{0} %").format(round(data.outlier_fraction * 100)))

    def _show_csv(self, data: DataSpec, facts: DataFacts) -> None:
        if data.dataset != "csv":
            return
        name = Path(data.csv_path).name if data.csv_path else self.tr("(none chosen: press Import CSV…)")
        self.csv_file_label.setText(name)
        self.csv_file_label.setToolTip(data.csv_path)
        columns, _ = csv_columns_of(data.csv_path) if data.csv_path else ([], None)
        with blocked(self.target_combo, self.task_combo):
            self.target_combo.clear()
            self.target_combo.addItems(columns)
            self.target_combo.setCurrentIndex(columns.index(data.csv_target) if data.csv_target in columns else -1)
            self.task_combo.setCurrentIndex(self.task_combo.findData(data.csv_task))
        self.target_combo.setEnabled(bool(columns))

    def _show_counts(self, facts: DataFacts) -> None:
        if facts.n_train is None:
            self.counts_label.setText(self.tr("Point counts appear once the file can be read."))
            return
        self.counts_label.setText(self.tr("{0} training / {1} test points").format(facts.n_train, facts.n_test))

    def _show_message(self, facts: DataFacts) -> None:
        problems = [problem_text(p) for p in check_design(self.document.design) if p.field.startswith("data.")]
        error = error_text(facts.error) if facts.error is not None else ""
        if error and error not in problems:
            problems.append(error)
        self.message.show_messages(problems, self._notes)

    # -- edits ---------------------------------------------------------------------------
    def _apply(self, design: Design, text: str, merge_key: str = "", notes: list[str] = ()) -> None:
        self._notes = [n for n in notes if n]
        self._applying = True
        try:
            self.document.apply(design, text, merge_key)
        finally:
            self._applying = False
        self._refresh()

    def _edit_data(self, text: str, merge_key: str = "", **changes) -> None:
        try:
            design = self.document.design.with_data(**changes)
        except ValidationError as error:
            self._show_problems_only(problems_from_validation(error, "data"))
            return
        design, note = fit_loss(design)
        self._apply(design, text, merge_key, [note])

    def _show_problems_only(self, problems: list[Problem]) -> None:
        """An edit that was refused: the controls go back to the design, the message says why."""
        self._notes = []
        self._refresh()
        self.message.show_messages([problem_text(p) for p in problems])

    def _on_grid_current_item_changed(self, current: QListWidgetItem | None, previous) -> None:
        if current is not None:
            self.select_dataset(current.data(Qt.UserRole))

    def _on_samples_spin_value_changed(self, value: int) -> None:
        self._edit_data(self.tr("Change number of points"), "data.samples", samples=value)

    def _on_noise_slider_value_changed(self, value: int) -> None:
        self._edit_data(self.tr("Change noise"), "data.noise", noise=value / 100)

    def _on_split_slider_value_changed(self, value: int) -> None:
        self._edit_data(self.tr("Change training data share"), "data.train_fraction", train_fraction=value / 100)

    def _on_outlier_slider_value_changed(self, value: int) -> None:
        self._edit_data(self.tr("Change outliers"), "data.outlier_fraction", outlier_fraction=value / 100)

    def _on_classes_spin_value_changed(self, value: int) -> None:
        self._edit_data(self.tr("Change number of classes"), "data.classes", classes=value)

    def _on_feature_toggled(self, checked: bool) -> None:
        features = tuple(name for name, box in self.feature_boxes.items() if box.isChecked())
        if not features:
            self._refresh()  # puts the tick back
            self._notes = [self.tr("Input features: at least one must stay checked, or the network has no input.")]
            self.message.show_messages([], self._notes)
            return
        self._edit_data(self.tr("Change input features"), features=features)

    def _on_target_combo_activated(self, index: int) -> None:
        self.set_csv_target(self.target_combo.itemText(index))

    def _on_task_combo_activated(self, index: int) -> None:
        self.set_csv_task(self.task_combo.itemData(index))

    # -- public, also for tests -----------------------------------------------------------
    def select_dataset(self, name: str) -> None:
        """Switch to data set ``name`` as the user would by clicking its picture.

        A CSV file not chosen yet opens the file dialog; cancelling it keeps the old set.
        """
        data = self.document.design.data
        if name == data.dataset:
            return
        if name == "csv" and not data.csv_path:
            self.import_csv()
            return
        self._edit_data(self.tr("Choose data set {0}").format(self._set_label(name)), dataset=name)

    def regenerate(self) -> None:
        """New random points from the same pattern: a new data seed, one undo step."""
        old = self.document.design.data.seed
        seed = old
        while seed == old:
            seed = random.randint(0, 2**31 - 1)
        self._edit_data(self.tr("Regenerate data"), seed=seed)

    def _choose_csv_path(self) -> str:
        """Ask for a CSV file; "" when cancelled. Tests replace this method."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a CSV file"), "", self.tr("CSV files (*.csv *.txt *.tsv);;All files (*)"),
            options=file_dialog_options())
        return path

    def import_csv(self) -> None:
        """Choose a CSV file and use it: the last column is predicted until the user picks another."""
        path = self._choose_csv_path()
        if not path:
            self._refresh()  # the grid may show CSV while the design does not
            return
        columns, error = csv_columns_of(path)
        if error:
            self._refresh()
            self.message.show_messages([error_text(error)])
            return
        target = columns[-1]
        self._edit_data(self.tr("Import CSV file"), dataset="csv", csv_path=path, csv_target=target,
                        csv_task=guess_csv_task(path, target))

    def set_csv_target(self, column: str) -> None:
        self._edit_data(self.tr("Choose column to predict"), csv_target=column)

    def set_csv_task(self, task: str) -> None:
        self._edit_data(self.tr("Change task"), csv_task=task)

    def message_text(self) -> str:
        """The inline message as plain text, "" when none is shown."""
        return self.message.plain_text() if self.message.isVisibleTo(self) else ""

    def counts_text(self) -> str:
        return self.counts_label.text()

    def control_visible(self, name: str) -> bool:
        """Whether the control is shown: "samples", "noise", "outliers", "classes", "features", "csv"."""
        widget = {"samples": self.samples_spin, "noise": self.noise_slider, "outliers": self.outlier_slider,
                  "classes": self.classes_spin, "features": self.features_box, "csv": self.csv_box}[name]
        return widget.isVisibleTo(self)


if __name__ == "__main__":
    import sys

    from playground.ui.widgets.preview import preview_panel

    sys.exit(preview_panel(DataPanel, 320, 700))
