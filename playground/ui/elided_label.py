"""A one-line label that gives way when space runs out: it cuts its text short with "…"
(the full text is in its tooltip) instead of widening the window or being clipped at
its edge. For status texts in the status bar and above the plots."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolTip, QWidget


class ElidedLabel(QLabel):
    """A plain-text QLabel that may be narrower than its text.

    ``shrinks`` False keeps its whole text (it takes the width of its text as its
    minimum); True lets a layout squeeze it down to a few characters, so that such
    labels give way first when there is not enough room.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, *, shrinks: bool = True):
        super().__init__(text, parent)
        self.setTextFormat(Qt.PlainText)
        policy = QSizePolicy.Preferred if shrinks else QSizePolicy.Minimum
        self.setSizePolicy(policy, QSizePolicy.Preferred)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        margins = self.contentsMargins()
        shortest = self.fontMetrics().horizontalAdvance("…") + margins.left() + margins.right()
        return QSize(min(hint.width(), shortest), hint.height())

    def is_elided(self) -> bool:
        """True when the text does not fit and is shown cut short."""
        return self.shown_text() != self.text()

    def shown_text(self) -> str:
        room = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.ElideRight, room)

    def paintEvent(self, event) -> None:  # noqa: N802
        if not self.is_elided():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(self.alignment()), self.shown_text())

    def event(self, event) -> bool:
        if event.type() == QEvent.ToolTip and self.is_elided():  # the full text first, then the explanation
            tip = "\n".join(t for t in (self.text(), self.toolTip()) if t)
            QToolTip.showText(event.globalPos(), tip, self)
            return True
        return super().event(event)
