"""The Compare action's icon: two loss curves parting, in the first two runs' colours."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from playground.ui.theme import LIGHT

SIZES = (16, 24, 32, 48)


def comparison_icon() -> QIcon:
    """Two falling curves from one start, one levelling off high and one low (as a
    comparison's loss plot looks), drawn at each toolbar size."""
    icon = QIcon()
    for size in SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.Antialiasing)
        for colour, floor in zip(LIGHT.runs[:2], (0.45, 0.85)):
            path = QPainterPath(QPointF(0.1 * size, 0.12 * size))
            path.cubicTo(QPointF(0.3 * size, floor * size), QPointF(0.5 * size, floor * size),
                         QPointF(0.92 * size, floor * size))
            painter.setPen(QPen(QColor(colour), max(1.5, size / 11), Qt.SolidLine, Qt.RoundCap))
            painter.drawPath(path)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
