"""Numbers written on the network diagram's neurons: the step-through's overlay
(playground.ui.panels.inside): during Forward the picked sample's values, during
Backward its gradients ∂L/∂h. One small text item per drawn neuron, on a plate of the
background colour so that it reads over a heat map; made when shown, removed when
cleared (a few dozen items, changed only when the learner moves a stage or a pick)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont

from playground.ui.widgets.numbers import num
from playground.ui.theme import Theme
from playground.ui.widgets.colour_maps import with_alpha

FONT_POINTS = 7.0
DIGITS = 3  # significant digits on the diagram (the panel's formulas have 4)


class ValueOverlay:
    """The numbers on ``box`` (the diagram's ViewBox) for a list of columns."""

    def __init__(self, box: pg.ViewBox):
        self._box = box
        self._items: list[tuple[int, int, pg.TextItem]] = []  # (column, neuron, item)
        self._kind = ""

    def show(self, columns, kind: str, values: list, theme: Theme) -> None:
        """``values[j]`` for column j (None: nothing there), cut to the column's drawn neurons."""
        self.clear()
        self._kind = kind
        font = QFont()
        font.setPointSizeF(FONT_POINTS * theme.font_scale)
        colour = theme.foreground if kind == "forward" else theme.accent
        for j, (column, column_values) in enumerate(zip(columns, values)):
            if column_values is None or not column.drawn:
                continue
            for i, value in enumerate(np.asarray(column_values).reshape(-1)[: column.drawn]):
                item = pg.TextItem(num(float(value), DIGITS), color=colour, anchor=(0.5, 0.5),
                                   fill=pg.mkBrush(with_alpha(theme.background, 0.8)))
                item.setFont(font)
                item.setZValue(20)
                self._box.addItem(item)
                self._items.append((j, i, item))
        self.place(columns)

    def place(self, columns) -> None:
        """Each number on its neuron (after the diagram laid its columns out); on the output
        column it ends at the neuron's right edge, on the input column it starts at the
        neuron's left edge: clear of the class and feature names beside them."""
        for j, i, item in self._items:
            column = columns[j] if j < len(columns) else None
            if column is None or i >= len(column.ys):
                item.setVisible(False)
                continue
            side = 1.0 if j == len(columns) - 1 else -1.0 if j == 0 else 0.0  # output, input, between
            item.setAnchor((0.5 + side / 2, 0.5))
            item.setPos(float(column.x) + side * column.size / 2, float(column.ys[i]))

    def clear(self) -> None:
        for _, _, item in self._items:
            self._box.removeItem(item)
        self._items, self._kind = [], ""

    def texts(self) -> dict[tuple[int, int], str]:
        """(column, neuron) -> the number written there."""
        return {(j, i): item.textItem.toPlainText() for j, i, item in self._items}

    @property
    def kind(self) -> str:
        """"forward", "backward", or "" when nothing is shown."""
        return self._kind
