"""The training keys (Space, '.', Ctrl+E) wherever the focus is in the main window.

Qt lets a focused spin box take Space (it types a space into the number) and, while
the window's shortcuts are not active (right after a dialog closed), lets a focused
button take Space and press itself. So whether Space trained depended on where the
focus happened to be. An application event filter makes the rule simple: in the main
window (and its floating panels) the training keys run their action unless the
focused widget is a text field being typed in. Space and '.' go to a free-text field
(a name, a description, a CSV column), '.' also to a decimal number box (the decimal
point); Ctrl+E always steps an epoch. Enter in a number box commits the number and
gives the focus back to the window, so the next Space trains.

Cost: Qt calls the filter for every event of the application, about 800 a second
with every dashboard live at full speed; one that is not a key press takes about
5 µs in Python (measured), well under 1 % of the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_KEY_PRESS = QEvent.Type.KeyPress
_ENTER = (Qt.Key_Return, Qt.Key_Enter)


def types_free_text(widget: QWidget) -> bool:
    """True for a widget in which Space types text: an editable line (not a number box's),
    an editable combo box, a text editor."""
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    if isinstance(widget, QLineEdit):
        return not widget.isReadOnly() and not isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox))
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return not widget.isReadOnly()
    return False


def keeps_key(widget: QWidget, key: int) -> bool:
    """Whether the focused ``widget`` keeps ``key`` (it is typing text) instead of training."""
    if key == Qt.Key_Space:
        return types_free_text(widget)
    if key == Qt.Key_Period:
        return types_free_text(widget) or isinstance(_number_box(widget), QDoubleSpinBox)
    return False


def _number_box(widget: QWidget) -> QAbstractSpinBox | None:
    """The spin box ``widget`` is, or whose text line it is."""
    if isinstance(widget, QAbstractSpinBox):
        return widget
    parent = widget.parentWidget()
    return parent if isinstance(widget, QLineEdit) and isinstance(parent, QAbstractSpinBox) else None


class TrainingKeys(QObject):
    """Installed on the application by the main ``window``: routes the ``actions``' keys
    (their first shortcut) to them from any widget of the window, and Enter in a number box
    to ``home`` (which takes the focus). Removed automatically when the window is deleted."""

    def __init__(self, window: QWidget, actions: list[QAction], home: QWidget):
        super().__init__(window)
        self._window, self._home = window, home
        self._actions = {_combined(action.shortcut()[0]): action for action in actions}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() is not _KEY_PRESS or not isinstance(watched, QWidget) or not self._owns(watched):
            return False
        action = self._actions.get(_combined(event.keyCombination()))
        if action is not None:
            if keeps_key(watched, event.key()):
                return False
            if action.isEnabled() and (action.autoRepeat() or not event.isAutoRepeat()):
                action.trigger()
            return True
        box = _number_box(watched)
        if box is not None and event.key() in _ENTER and event.modifiers() in (Qt.NoModifier, Qt.KeypadModifier):
            box.interpretText()  # commit what was typed (valueChanged), as Enter does
            self._home.setFocus(Qt.OtherFocusReason)  # and leave the box: the next Space trains
            return True
        return False

    def _owns(self, widget: QWidget) -> bool:
        """The widget is in the main window or in one of its floating panels (not in a dialog)."""
        top = widget.window()
        if isinstance(top, QDockWidget) and top.parentWidget() is not None:
            top = top.parentWidget().window()
        return top is self._window


def _combined(combination: QKeyCombination) -> int:
    """Key and modifiers as one number, without the keypad flag: '.' on the number pad is '.' too."""
    return combination.toCombined() & ~Qt.KeypadModifier.value
