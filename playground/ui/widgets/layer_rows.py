"""One row of the Layers panel's stack (name, a setting, an activation, and the
output shape and parameters below), and the list that holds the rows.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QSpinBox,
    QWidget,
)

from playground.design import registry
from playground.design.schema import MAX_UNITS
from playground.ui.labels import activation_description, activation_label
from playground.ui.widgets.controls import guard_wheel


_SETTING_WIDTH: list[int] = []


def _setting_width() -> int:
    """The wider of a units box and a momentum box (made once, when the first row is)."""
    if not _SETTING_WIDTH:
        units, momentum = QSpinBox(), QDoubleSpinBox()
        units.setRange(1, MAX_UNITS)
        momentum.setRange(0.01, 1.0)
        _SETTING_WIDTH.append(max(units.sizeHint().width(), momentum.sizeHint().width()))
    return _SETTING_WIDTH[0]


class LayerRow(QFrame):
    """One row of the stack: name, a setting, an activation, and shape · parameters below."""

    focused = Signal()

    def __init__(self, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 3, 6, 3)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(1)
        self.name = QLabel()
        font = self.name.font()
        font.setBold(True)
        self.name.setFont(font)
        # One name width for every row lines the columns up; longer names simply widen their row.
        self.name.setText("BatchNorm 1")
        self.name.setMinimumWidth(self.name.sizeHint().width())
        grid.addWidget(self.name, 0, 0)
        self.setting = self._make_setting(kind)
        self.activation = self._make_activation(kind)
        if kind in ("linear", "batchnorm"):
            self.setting.setFixedWidth(_setting_width())  # lines the activation combos up
        if self.setting is not None:
            grid.addWidget(self.setting, 0, 1)
        if self.activation is not None:
            grid.addWidget(self.activation, 0, 2)
        grid.setColumnStretch(2, 1)
        self.caption = self._make_caption(kind)  # the box's name under it (inside it, it would not fit)
        if self.caption is not None:
            grid.addWidget(self.caption, 1, 1, 1, 2, Qt.AlignLeft | Qt.AlignTop)  # spans: keeps column 1 narrow
        self.details = QLabel()
        self.details.setForegroundRole(QPalette.PlaceholderText)  # quieter, for secondary text
        self.details.setToolTip(self.tr(
            "The shape of the tensor this layer outputs, as torch prints it: [rows in a batch, units], "
            "and how many weights and biases the layer learns."))
        grid.addWidget(self.details, 1 if self.caption is None else 2, 0, 1, 3)
        self.shape, self.parameters = "", ""
        for child in (self.setting, self.activation):
            if child is not None:
                guard_wheel(child)
                child.installEventFilter(self)

    def _make_setting(self, kind: str) -> QWidget | None:
        if kind == "linear":
            spin = QSpinBox()
            spin.setRange(1, MAX_UNITS)
            spin.setKeyboardTracking(False)
            spin.setToolTip(self.tr(
                "Units (neurons) in this fully connected layer. Each computes a weighted sum of all "
                "outputs of the layer before, plus a bias. More units fit more complex shapes."))
            return spin
        if kind == "dropout":
            spin = _fraction_spin(0.0, 0.95)
            spin.setPrefix("p = ")
            spin.setToolTip(self.tr(
                "The chance that each unit is switched off in a training step. The network cannot rely on "
                "any single unit, which fights overfitting. Nothing is dropped when evaluating."))
            return spin
        if kind == "batchnorm":
            spin = _fraction_spin(0.01, 1.0)
            spin.setToolTip(self.tr(
                "Batch-norm momentum: the weight of the newest batch in the running mean and variance "
                "(0.1 keeps about the last 10 batches). The running averages are used when evaluating; "
                "training uses each batch's own statistics."))
            return spin
        label = QLabel()
        return label

    def _make_caption(self, kind: str) -> QLabel | None:
        """A batch-norm row names its momentum box; a units box is named by its row's shape."""
        if kind != "batchnorm":
            return None
        caption = QLabel(self.tr("momentum"))
        caption.setForegroundRole(QPalette.PlaceholderText)
        caption.setToolTip(self.setting.toolTip())
        caption.setBuddy(self.setting)
        return caption

    def _make_activation(self, kind: str) -> QWidget | None:
        if kind in ("linear", "batchnorm"):
            combo = QComboBox()
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(5)
            for i, (name, activation) in enumerate(registry.ACTIVATIONS.items()):
                combo.addItem(activation_label(name), name)
                combo.setItemData(i, activation_description(name), Qt.ToolTipRole)
            combo.setToolTip(self.tr(
                "The activation function applied to this layer's outputs. Without a non-linear one, "
                "the whole network can only draw straight boundaries."))
            return combo
        if kind == "output":
            return QLabel()
        return None

    def set_details(self, shape: str, parameters: str) -> None:
        self.shape, self.parameters = shape, parameters
        if parameters:
            self.details.setText(self.tr("{0} · {1} parameters").format(shape, parameters))
        else:
            self.details.setText(shape)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.FocusIn:
            self.focused.emit()
        return False


class LayerList(QListWidget):
    """The rows; Delete removes and Alt+Up / Alt+Down move the selected layer."""

    key_command = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        alt = event.modifiers() & Qt.AltModifier
        if event.key() in (Qt.Key_Delete, Qt.Key_Backspace) and not event.modifiers():
            self.key_command.emit("remove")
        elif alt and event.key() == Qt.Key_Up:
            self.key_command.emit("up")
        elif alt and event.key() == Qt.Key_Down:
            self.key_command.emit("down")
        else:
            super().keyPressEvent(event)


def _fraction_spin(low: float, high: float) -> QDoubleSpinBox:
    """A box for a fraction in [low, high] (dropout's p, batch norm's momentum): steps of 0.05, two decimals."""
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setSingleStep(0.05)
    spin.setDecimals(2)
    spin.setKeyboardTracking(False)
    return spin
