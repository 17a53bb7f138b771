"""Small pieces every editing panel uses: setting values without signals, a mouse
wheel that scrolls the panel instead of an unfocused control, the theme of a
widget's palette, the inline message under a panel's controls, and the arrow that
folds a part to its title line.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolButton, QWidget

from playground.ui.theme import DARK, LIGHT, Theme


@contextmanager
def blocked(*widgets: QObject):
    """Set widget values without emitting their signals (no edit loops on redraw)."""
    blockers = [QSignalBlocker(w) for w in widgets]
    try:
        yield
    finally:
        for blocker in blockers:
            blocker.unblock()


def fold_button() -> QToolButton:
    """A flat arrow button that folds a part to its title line (checked: unfolded)."""
    button = QToolButton()
    button.setAutoRaise(True)
    button.setCheckable(True)
    return button


def palette_theme(widget: QWidget) -> Theme:
    """The light or dark theme that matches the widget's current palette."""
    return DARK if widget.palette().window().color().lightness() < 128 else LIGHT


class _WheelGuard(QObject):
    """Lets the mouse wheel scroll the panel instead of changing an unfocused control."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()
            return True
        return False


_WHEEL_GUARD: _WheelGuard | None = None


def guard_wheel(*widgets: QWidget) -> None:
    """Spin boxes, combos and sliders in a scrolled panel change only once focused."""
    global _WHEEL_GUARD
    if _WHEEL_GUARD is None:
        _WHEEL_GUARD = _WheelGuard()
    for widget in widgets:
        widget.setFocusPolicy(Qt.StrongFocus)
        widget.installEventFilter(_WHEEL_GUARD)


class MessageLabel(QLabel):
    """An inline message under a panel's controls: problems in red, notes in the text colour.

    Hidden when there is nothing to say.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.RichText)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        self._problems: list[str] = []
        self._notes: list[str] = []
        self.hide()

    def show_messages(self, problems: list[str], notes: list[str] = ()) -> None:
        self._problems, self._notes = list(problems), list(notes)
        self._render()

    def plain_text(self) -> str:
        return "\n".join(self._problems + self._notes)

    def _render(self) -> None:
        bad = palette_theme(self).bad
        lines = [f'<span style="color:{bad}">{_escape(p)}</span>' for p in self._problems]
        lines += [_escape(n) for n in self._notes]
        self.setText("<br>".join(lines))
        self.setVisible(bool(lines))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange:
            self._render()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
