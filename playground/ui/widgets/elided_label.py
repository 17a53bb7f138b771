"""A one-line label that gives way when space runs out: it cuts its text short with "…"
(the full text is in its tooltip) instead of widening the window or being clipped at
its edge. For status texts in the status bar and above the plots."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolTip, QWidget


class ElidedLabel(QLabel):
    """A plain-text QLabel that may be narrower than its text.

    ``keep`` None: the whole text always shows (its width is the label's minimum).
    Otherwise a layout may squeeze the label down to the width of ``keep`` ("…" by
    default: almost nothing), so that such labels give way first when room runs out.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, *, keep: str | None = "…"):
        super().__init__(text, parent)
        self._keep = keep
        self.setTextFormat(Qt.PlainText)
        policy = QSizePolicy.Minimum if keep is None else QSizePolicy.Preferred
        self.setSizePolicy(policy, QSizePolicy.Preferred)

    def set_keep(self, keep: str) -> None:
        """Let a layout squeeze the label down to the width of ``keep`` from now on."""
        self._keep = keep
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        if self._keep is None:
            return hint
        margins = self.contentsMargins()
        kept = self.fontMetrics().horizontalAdvance(self._keep) + margins.left() + margins.right()
        return QSize(min(hint.width(), kept), hint.height())

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
