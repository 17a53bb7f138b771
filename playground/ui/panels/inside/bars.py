"""A small bar chart of ‖∂L/∂h‖ per layer on a log scale, so that a gradient that
vanishes on its way down the network is visible at a glance."""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

from playground.ui.widgets.numbers import num
from playground.ui.theme import LIGHT, Theme

DECADES = 8  # the widest span drawn: a bar 10⁸ times shorter than the longest is drawn empty
VANISHED = 1e-3  # a layer whose norm is below this share of the largest is drawn in the warning colour


def bar_shares(values: list[float]) -> list[float]:
    """Each value's bar length as a share (0..1) of the longest, on a log scale spanning the
    values (at least one decade, at most DECADES); 0 for 0 or a non-finite value."""
    finite = [v for v in values if math.isfinite(v) and v > 0]
    if not finite:
        return [0.0] * len(values)
    top, low = math.log10(max(finite)), math.log10(min(finite))
    span = min(max(top - low, 1.0), DECADES)
    base = top - span - 0.25 * span  # the smallest value still gets a visible stub
    return [max(0.0, (math.log10(v) - base) / (top - base)) if math.isfinite(v) and v > 0 else 0.0 for v in values]


class NormBars(QWidget):
    """One row per layer: its name, a bar and the number."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[tuple[str, float]] = []
        self._theme = LIGHT
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)

    def set_rows(self, rows: list[tuple[str, float]]) -> None:
        """(name, ‖∂L/∂h‖) from the top of the network down."""
        self._rows = list(rows)
        self.updateGeometry()
        self.update()

    def rows(self) -> list[tuple[str, float]]:
        return list(self._rows)

    def vanished(self) -> list[str]:
        """The names of the layers drawn in the warning colour."""
        top = max((v for _, v in self._rows if math.isfinite(v)), default=0.0)
        return [name for name, v in self._rows if top > 0 and v < VANISHED * top]

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.update()

    def _line(self) -> int:
        return self.fontMetrics().height() + 4

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(260, self._line() * max(len(self._rows), 1) + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(160, self.sizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        metrics = self.fontMetrics()
        line = self._line()
        names = max((metrics.horizontalAdvance(name) for name, _ in self._rows), default=0) + 8
        numbers = metrics.horizontalAdvance("−0.0000e-00") + 6
        room = max(self.width() - names - numbers, 20)
        vanished = set(self.vanished())
        text = QColor(self.palette().windowText().color())
        for k, ((name, value), share) in enumerate(zip(self._rows, bar_shares([v for _, v in self._rows]))):
            y = k * line
            painter.setPen(text)
            painter.drawText(QRectF(0, y, names, line), Qt.AlignVCenter | Qt.AlignLeft, name)
            colour = QColor(self._theme.warning if name in vanished else self._theme.accent)
            painter.fillRect(QRectF(names, y + 3, max(room * share, 1.0 if value > 0 else 0.0), line - 6), colour)
            painter.drawText(QRectF(names + room + 4, y, numbers, line), Qt.AlignVCenter | Qt.AlignLeft, num(value))
        painter.end()
