"""The optimizer's hyperparameter rows of a form: one row per field of
registry.HYPERPARAMETERS (its widget, label and description from that table), of
which ``show`` makes the chosen optimizer's own visible. Edits come out as
``value_edited(name, value)``; the owner turns them into design edits."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSignalBlocker, Signal
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QFormLayout, QLabel, QWidget

from playground.design import registry
from playground.ui.labels import hyperparameter_words
from playground.ui.widgets.log_spin_box import LogSpinBox


class HyperparameterRows(QObject):
    """Adds its rows to ``form`` (after what is already there) and keeps them in ``widgets``."""

    value_edited = Signal(str, object)  # field name, new value (float, or bool for a check box)

    def __init__(self, form: QFormLayout, parent: QObject | None = None):
        super().__init__(parent)
        self._form = form
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, str] = {}  # field name -> its label in the interface language
        for name, h in registry.HYPERPARAMETERS.items():
            label, tip = hyperparameter_words(name)
            widget = _widget(h, label)
            widget.setToolTip(tip)
            self.widgets[name], self.labels[name] = widget, label
            if isinstance(widget, QCheckBox):
                widget.toggled.connect(lambda on, n=name: self.value_edited.emit(n, on))
                form.addRow(widget)
                continue
            widget.setKeyboardTracking(False)
            widget.valueChanged.connect(lambda v, n=name: self.value_edited.emit(n, v))
            caption = QLabel(label)
            caption.setToolTip(tip)
            form.addRow(caption, widget)

    def show(self, spec) -> None:
        """Show the values of the design's optimizer section ``spec`` (no signals), and only
        the rows its optimizer uses."""
        used = registry.OPTIMIZERS[spec.name].hyperparameters
        blockers = [QSignalBlocker(w) for w in self.widgets.values()]
        for name, widget in self.widgets.items():
            value = getattr(spec, name)
            if isinstance(widget, QCheckBox):
                widget.setChecked(value)
            else:
                widget.setValue(value)
            self._form.setRowVisible(widget, name in used)
        for blocker in blockers:
            blocker.unblock()


def _widget(h, label: str) -> QWidget:
    if h.widget == "check":
        return QCheckBox(label)
    if h.widget == "log":
        return LogSpinBox(*h.shown, floor=h.floor)
    box = QDoubleSpinBox()
    box.setRange(*h.shown)
    box.setSingleStep(h.step)
    box.setDecimals(h.decimals)
    return box
