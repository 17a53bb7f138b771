"""What an Output mode's painter is, and what the painters share.

The Output view (playground.ui.views.boundary_view) makes one painter per mode
(playground.ui.views.output_modes.MODES) when it is built, and picks the one for each run's
data. A painter owns its plot items: made once and added to the view's plot, hidden while
another mode shows, given a run's data by ``start`` and each snapshot's record by ``draw``
(setData / setImage, never a new item per frame). The view keeps the chrome around them:
title, info line, the "Show test data" box, the plot's frame (``Frame``), legend and colour bar.

Texts keep the Output view's translation context.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QPainter

from playground.runs.messages import Dashboard
from playground.ui.theme import LIGHT, Theme
from playground.ui.views import output_modes as modes

BACKGROUND_STRENGTH = 0.6  # confident regions stop short of the point colours, so points stay visible
POINT_SIZE = 7


@dataclass(frozen=True)
class Frame:
    """The plot's axes for a run: ranges, labels, and how the view box behaves."""

    x_range: tuple[float, float]
    y_range: tuple[float, float]
    bottom: str
    left: str
    aspect_locked: bool = False
    inverted: bool = False  # y grows downwards (a matrix's rows)
    ticks: list | None = None  # [[(position, text), ...]] on both axes; None: numbers


class PlaneImage(pg.ImageItem):
    """An ImageItem drawn with bilinear smoothing when ``smooth`` is set: a coarse grid of
    predictions then looks like the smooth function it samples."""

    smooth = True

    def paint(self, painter, *args):
        painter.setRenderHint(QPainter.SmoothPixmapTransform, self.smooth)
        super().paint(painter, *args)


def legend_sample(brush, pen, symbol: str = "o", size: int = POINT_SIZE + 2) -> pg.ScatterPlotItem:
    """A point as the legend shows it."""
    return pg.ScatterPlotItem(symbol=symbol, size=size, brush=pg.mkBrush(brush), pen=pen)


class ModePainter(ABC):
    """One Output mode (see the module docstring). Subclasses set ``mode``, make their items
    with ``_add`` and fill in ``frame``, ``draw``, ``legend_entries`` and what they show."""

    mode = ""
    optional_test = False  # test points that the "Show test data" box shows or hides

    def __init__(self, plot: pg.PlotItem):
        self._plot = plot
        self._theme = LIGHT
        self._dataset = None
        self._items: list = []
        self._points: dict[str, pg.ScatterPlotItem] = {}  # "train" | "test" | "outliers" -> item

    def _add(self, *items) -> None:
        """Put items on the plot, hidden until this mode shows."""
        for item in items:
            self._plot.addItem(item)
            item.setVisible(False)
            self._items.append(item)

    @property
    def field(self) -> str:
        """The Dashboard field this mode draws (a record without it is skipped)."""
        return modes.FIELDS[self.mode]

    # --- driven by the view ------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        """Pens and colour tables; the view then calls ``restyle`` and ``draw`` for a shown run."""
        self._theme = theme

    def start(self, dataset, show_test: bool) -> None:
        """A run with ``dataset``: no picture yet, its points drawn, the items shown."""
        self._dataset = dataset
        self.forget()
        self._style_points()
        for item in self._items:
            item.setVisible(True)
        self.set_test_visible(show_test)

    def clear(self) -> None:
        """No run for this mode: the items hidden and empty."""
        self._dataset = None
        self.forget()
        for item in self._points.values():
            item.clear()
        for item in self._items:
            item.setVisible(False)

    def forget(self) -> None:
        """Drop the picture of the last record (the points stay)."""

    def restyle(self) -> None:
        """Recolour the run's points after a theme change."""
        if self._dataset is not None:
            self._style_points()

    def _style_points(self) -> None:
        """Point positions and colours for the run's data (once per run and theme)."""

    @abstractmethod
    def draw(self, dashboard: Dashboard) -> None:
        """Show a record whose ``field`` is set."""

    @abstractmethod
    def frame(self) -> Frame:
        """The axes' ranges, labels and ticks for this mode."""

    def legend_entries(self) -> list[tuple[pg.GraphicsObject, str]]:
        """(sample item, name) per legend row."""
        return []

    def colour_bar(self) -> tuple[str, float] | None:
        """(label, largest value) of a colour bar beside the plot, or None for none."""
        return None

    def describe(self, x: float, y: float) -> str | None:
        """What the hover tooltip says at plot coordinates (x, y); None: the mode's tooltip."""
        return None

    def metrics_text(self, metrics) -> str:
        return modes.metrics_text(self.mode, metrics, None, None)

    def set_test_visible(self, visible: bool) -> None:
        if self.optional_test and "test" in self._points:
            self._points["test"].setVisible(visible)

    def _train_outline(self) -> str:
        """Train points: a background-coloured ring as in TF Playground."""
        return self._theme.ring

    # --- what is shown (for tests) -------------------------------------------------------------
    def test_points_visible(self) -> bool:
        item = self._points.get("test")
        return item is not None and item.isVisible()

    def points(self, kind: str) -> tuple[np.ndarray, np.ndarray]:
        """The (x, y) of the plotted "train", "test" or "outliers" points (empty if none)."""
        if kind not in ("train", "test", "outliers"):
            raise KeyError(kind)
        item = self._points.get(kind)
        if item is None:
            return np.zeros(0), np.zeros(0)
        x, y = item.getData()
        return np.asarray(x), np.asarray(y)

    def image_array(self) -> np.ndarray | None:
        return None

    def curve_data(self) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(0, np.float32), np.zeros(0, np.float32)

    def outline_data(self) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(0), np.zeros(0)

    def confusion_matrix(self) -> np.ndarray | None:
        return None

    def cell_texts(self) -> list[str]:
        return []
