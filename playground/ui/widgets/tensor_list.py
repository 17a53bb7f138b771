"""Every value of a result drawn, one under another, scrolled (the Tensor lab's results).

``TensorList.show_values(values)`` draws a result's values (``TensorGrid`` each), working out
which cells of each are highlighted from the others' origins (a click on an index result
shows what it picked). After a run the last expression's result is brought into view
(scrolled to, as a console shows its newest output): large inputs drawn above it must not
push the answer out of sight; the learner scrolls up to the inputs. ``reveal(name)`` brings
another value to the top of the view instead (a network layer's product: its shape rule, then
y below it).

Preview: ``python -m playground.ui.widgets.tensor_list``.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from playground.ui.theme import LIGHT, Theme
from playground.ui.widgets.tensor_cells import same_as
from playground.ui.widgets.tensor_grid import TensorGrid

MARGIN = 8  # px around the drawings


class TensorList(QScrollArea):
    """Every value of a result drawn, one under another, scrolled."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self._theme = LIGHT
        self._inner = QWidget()
        self._column = QVBoxLayout(self._inner)
        self._column.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self._column.setSpacing(14)
        self._column.addStretch(1)
        self.setWidget(self._inner)
        self.grids: list[TensorGrid] = []
        self._values: list = []
        self._chosen: str | None = None  # the index result whose picks its source shows
        self._follow = False  # keep the result in view while the new drawings are laid out
        self._revealing = ""  # the value shown at the top of the view instead of the result (reveal)
        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(self._on_range_changed)
        bar.actionTriggered.connect(self._on_scrolled_by_learner)  # the wheel, the arrows, the slider

    def show_values(self, values) -> None:
        """Draw ``values`` (a result's TensorValues, in order), replacing what was drawn."""
        for grid in self.grids:
            self._column.removeWidget(grid)
            grid.deleteLater()
        self.grids = []
        self._values = list(values)
        self._chosen = None
        self._revealing = ""
        for value in self._values:
            grid = TensorGrid()
            grid.set_theme(self._theme)
            grid.clicked.connect(self._on_grid_clicked)
            self._column.insertWidget(self._column.count() - 1, grid)
            self.grids.append(grid)
        self._draw_grids()
        self._set_bottom_room(0)
        self.verticalScrollBar().setValue(0)
        self._follow = self.result_grid() is not None
        self.show_result()

    def result_grid(self) -> TensorGrid | None:
        """The grid of the last expression's result (name ""), or None if there is none."""
        return self._grid("")

    def reveal(self, name: str) -> bool:
        """Scroll the value ``name`` to the top of the view instead of the result into it, now
        and while the drawings are laid out (False if none is drawn)."""
        if self._grid(name) is None:
            return False
        self._revealing = name
        self._follow = True
        self.show_result()
        return True

    def _grid(self, name: str) -> TensorGrid | None:
        return next((g for g, v in zip(self.grids, self._values) if v.name == name), None)

    def show_result(self) -> None:
        """Scroll no further down than needed for the result's drawing to be in view, whole (so
        as much of what is drawn above it as fits stays in view too), or its top if it is taller
        than the view. A result that just names a variable is drawn as that variable: its drawing
        is that variable's. The top of the view is then moved down to where a line of words or a
        row of cells begins, never cutting one in half."""
        revealed = self._grid(self._revealing) if self._revealing else None
        grid = revealed or self.result_grid()
        if grid is None:
            return
        named = None if revealed else same_as(self._values[self.grids.index(grid)], self._values)
        drawing = next((g for g, v in zip(self.grids, self._values) if named and v.name == named), grid)
        room = self.viewport().height()
        top, end = drawing.y(), drawing.y() + drawing.height() + MARGIN
        needed = end - room if end - top <= room and not revealed else top - MARGIN
        value = 0 if needed <= 0 else min((y for y in self._line_tops() if needed <= y <= top), default=needed)
        last = self.grids[-1]
        self._set_bottom_room(max(0, value + room - (last.y() + last.height() + MARGIN)))
        self.verticalScrollBar().setValue(value)

    def _set_bottom_room(self, extra: int) -> None:
        """Blank room below the last drawing, so that the view can scroll to a line's top even
        near the end (the scroll bar's range follows, and show_result again with it)."""
        margins = self._column.contentsMargins()
        if margins.bottom() != MARGIN + extra:
            self._column.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN + extra)

    def _line_tops(self) -> list[int]:
        """Where the drawings' lines begin (in the scrolled widget): each value's heading, notes,
        slice labels and rows of cells."""
        tops = []
        for grid in self.grids:
            for part in (grid.heading, grid.notes, grid.canvas, grid.before_label, grid.before_canvas):
                if part.isHidden():
                    continue
                y = part.mapTo(self._inner, QPoint(0, 0)).y()
                tops.append(y)
                if part in (grid.canvas, grid.before_canvas):
                    tops += [y + row for row in part.line_tops()]
        return tops

    def choose(self, name: str) -> None:
        """Show the cells the index result ``name`` picked in its source (a click on it does)."""
        self._chosen = name
        self._draw_grids()

    def _draw_grids(self) -> None:
        shown = [v for v in self._values if same_as(v, self._values) is None]
        for grid, value in zip(self.grids, self._values):
            grid.show_value(value, shown, self._chosen)

    def _on_grid_clicked(self, name: str) -> None:
        self.choose(name)

    def _on_range_changed(self, _low: int, _high: int) -> None:
        if self._follow:  # the drawings were laid out (again): where the result is now
            self.show_result()

    def _on_scrolled_by_learner(self, _action: int) -> None:
        self._follow = False

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        for grid in self.grids:
            grid.set_theme(theme)


if __name__ == "__main__":  # a preview with made-up values
    import sys

    import numpy as np
    from PySide6.QtWidgets import QApplication

    from playground.lab.messages import Origin, TensorValue

    def tensor(name, array, dtype="torch.float32", **extra):
        array = np.asarray(array)
        return TensorValue(name, "tensor", array.shape, dtype, "cpu", array, **extra)

    app = QApplication(sys.argv)
    view = TensorList()
    view.show_values([
        tensor("t", np.arange(12).reshape(3, 4), "torch.int64", storage=1),
        tensor("col", [2, 6, 10], "torch.int64", origin=Origin("index", ("t",), ((3, 4),), np.array([2, 6, 10]))),
        tensor("c", np.arange(8).reshape(4, 2), origin=Origin("cat", ("a", "b"), dim=0,
                                                             from_source=np.array([[0, 0], [0, 0], [1, 1], [1, 1]]))),
        tensor("p", np.ones((2, 4)), origin=Origin("mm", source_shapes=((2, 3), (3, 4)))),
        tensor("x", np.random.rand(3, 2, 5), origin=Origin("reshape", source_shapes=((6, 5),), dims=(3, 2, 5))),
    ])
    view.resize(700, 600)
    view.show()
    sys.exit(app.exec())
