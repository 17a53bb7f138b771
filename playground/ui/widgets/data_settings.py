"""The Data panel's settings of a data set: number of points, noise, training share,
outliers, classes, input features and the resulting point counts.

``DataSettings`` shows a ``DataSpec`` (``show``) with the controls its data set's
entry says apply (``DataSet.controls``), and reports each edit as ``edited(undo
text, merge key, changes to design.data)``; the panel applies it. The limits of
each control are the design's own (``schema.field_range``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QSlider, QSpinBox

from playground.data.facts import DataFacts
from playground.design import registry
from playground.design.schema import DataSpec, field_range
from playground.ui.widgets.controls import blocked, guard_wheel


class DataSettings(QGroupBox):
    """The settings form. ``edited(text, merge_key, changes)``: the user changed ``changes``
    (a dict of DataSpec fields); ``refused(note)``: an edit that cannot be made (the
    controls went back)."""

    edited = Signal(str, str, dict)
    refused = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(self.tr("Settings"))
        self._data = DataSpec()
        self._build()

    def _build(self) -> None:
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        self._slider_rows: dict[QSlider, QHBoxLayout] = {}
        self.samples_spin = QSpinBox()
        self.samples_spin.setRange(*field_range(DataSpec, "samples"))
        self.samples_spin.setSingleStep(50)
        self.samples_spin.setKeyboardTracking(False)
        self.samples_spin.setToolTip(self.tr(
            "How many points are made, training and test together. More points show the pattern "
            "more clearly; each epoch then takes more steps."))
        self.samples_spin.valueChanged.connect(self._on_samples_spin_value_changed)
        self.form.addRow(self.tr("Points"), self.samples_spin)
        self.noise_slider, self.noise_value = self._slider_row(
            self.tr("Noise"), "noise",
            self.tr("How far points stray from the clean pattern (0 = none, 1 = as much noise as signal). "
                    "With noise some points sit on the wrong side; a network that fits them too has "
                    "learned the noise: overfitting."))
        self.noise_slider.valueChanged.connect(self._on_noise_slider_value_changed)
        self.split_slider, self.split_value = self._slider_row(
            self.tr("Training data"), "train_fraction",
            self.tr("The share of points the network learns from. The rest is the test set, never trained "
                    "on: it shows whether the network generalizes. Test loss rising while training loss "
                    "falls means overfitting."))
        self.split_slider.valueChanged.connect(self._on_split_slider_value_changed)
        self.outlier_slider, self.outlier_value = self._slider_row(
            self.tr("Outliers"), "outlier_fraction",
            self.tr("The share of training points moved far above the curve. MSE (L2) squares their "
                    "error and bends towards them; MAE (L1) and Huber are robust to outliers."))
        self.outlier_slider.valueChanged.connect(self._on_outlier_slider_value_changed)
        self.classes_spin = QSpinBox()
        self.classes_spin.setRange(*field_range(DataSpec, "classes"))
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

    def _slider_row(self, label: str, field: str, tip: str) -> tuple[QSlider, QLabel]:
        """A slider in hundredths over the range of DataSpec's ``field``, and its value."""
        low, high = field_range(DataSpec, field)
        slider = QSlider(Qt.Horizontal)
        slider.setRange(round(low * 100), round(high * 100))
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

    # -- redraw -------------------------------------------------------------------------
    def show_data(self, data: DataSpec, facts: DataFacts) -> None:
        """Show ``data``'s values, the controls its data set uses and the point counts."""
        self._data = data
        controls = data.info.controls
        self.form.setRowVisible(self.samples_spin, "samples" in controls)
        self.form.setRowVisible(self._slider_rows[self.noise_slider], "noise" in controls)
        self.form.setRowVisible(self._slider_rows[self.outlier_slider], "outliers" in controls)
        self.form.setRowVisible(self.classes_spin, "classes" in controls)
        self.form.setRowVisible(self.features_box, "features" in controls)
        self._show_values(data)
        self._show_counts(facts)

    def _show_values(self, data: DataSpec) -> None:
        widgets = [self.samples_spin, self.noise_slider, self.split_slider, self.outlier_slider,
                   self.classes_spin, *self.feature_boxes.values()]
        with blocked(*widgets):
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

    def _show_counts(self, facts: DataFacts) -> None:
        if facts.n_train is None:
            self.counts_label.setText(self.tr("Point counts appear once the file can be read."))
            return
        self.counts_label.setText(self.tr("{0} training / {1} test points").format(facts.n_train, facts.n_test))

    # -- edits ---------------------------------------------------------------------------
    def _edit(self, text: str, merge_key: str = "", **changes) -> None:
        self.edited.emit(text, merge_key, changes)

    def _on_samples_spin_value_changed(self, value: int) -> None:
        self._edit(self.tr("Change number of points"), "data.samples", samples=value)

    def _on_noise_slider_value_changed(self, value: int) -> None:
        self._edit(self.tr("Change noise"), "data.noise", noise=value / 100)

    def _on_split_slider_value_changed(self, value: int) -> None:
        self._edit(self.tr("Change training data share"), "data.train_fraction", train_fraction=value / 100)

    def _on_outlier_slider_value_changed(self, value: int) -> None:
        self._edit(self.tr("Change outliers"), "data.outlier_fraction", outlier_fraction=value / 100)

    def _on_classes_spin_value_changed(self, value: int) -> None:
        self._edit(self.tr("Change number of classes"), "data.classes", classes=value)

    def _on_feature_toggled(self, checked: bool) -> None:
        features = tuple(name for name, box in self.feature_boxes.items() if box.isChecked())
        if not features:
            self._show_values(self._data)  # puts the tick back
            self.refused.emit(self.tr("Input features: at least one must stay checked, or the network has no input."))
            return
        self._edit(self.tr("Change input features"), features=features)

    def control_visible(self, name: str) -> bool:
        """Whether the control is shown: "samples", "noise", "outliers", "classes", "features"."""
        widget = {"samples": self.samples_spin, "noise": self.noise_slider, "outliers": self.outlier_slider,
                  "classes": self.classes_spin, "features": self.features_box}[name]
        return widget.isVisibleTo(self)
