"""The Output view's plane modes (2-D data): a picture of the prediction over the input plane,
the train and test points on top.

- ``BoundaryPainter`` (classification): the decision boundary (결정 경계), each pixel the colour
  of its likeliest class, pale where the network is unsure; in a theme with an ``outline``
  colour (the colour-blind-safe palette), a line where the answer changes (probability 0.5
  for two classes, the border between classes for more).
- ``SurfacePainter`` (regression): the predicted value as a diverging image at the fixed
  levels ±(largest |target|), the points coloured by their target.
"""

from __future__ import annotations

from abc import abstractmethod

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from playground.design import registry
from playground.runs.messages import Dashboard
from playground.ui.views import output_modes as modes
from playground.ui.views.output_painter import (BACKGROUND_STRENGTH, POINT_SIZE, Frame, ModePainter, PlaneImage,
                                                legend_sample)
from playground.ui.widgets.colour_maps import (cell_centred_rect, class_image, diverging_image, diverging_lut,
                                               rgb, target_scale)
from playground.ui.widgets.contours import boundary_segments


class _PlanePainter(ModePainter):
    """An image over the input plane (smoothed), the train and test points on top."""

    optional_test = True

    def __init__(self, plot: pg.PlotItem):
        super().__init__(plot)
        self._image = PlaneImage(axisOrder="row-major")
        self._image.setZValue(-10)
        self._train = pg.ScatterPlotItem(size=POINT_SIZE)
        self._test = pg.ScatterPlotItem(size=POINT_SIZE)
        self._add(self._image, self._train, self._test)
        self._points = {"train": self._train, "test": self._test}
        self._rgba: np.ndarray | None = None
        self._values: np.ndarray | None = None  # the grid drawn last, for the hover text

    def set_theme(self, theme) -> None:
        super().set_theme(theme)
        self._lut = diverging_lut(theme, BACKGROUND_STRENGTH)
        self._point_lut = diverging_lut(theme, 1.0)

    def forget(self) -> None:
        self._rgba = None
        self._values = None
        self._image.clear()

    def frame(self) -> Frame:
        x0, x1, y0, y1 = self._dataset.extent
        return Frame((x0, x1), (y0, y1), registry.FEATURES["x1"], registry.FEATURES["x2"], aspect_locked=True)

    def _style_points(self) -> None:
        data = self._dataset
        self._train.clear()
        self._test.clear()
        self._train.setData(pos=data.raw_train, brush=self._point_brushes(data.y_train),
                            pen=pg.mkPen(self._train_outline(), width=self._theme.line(1)), symbol="o")
        self._test.setData(pos=data.raw_test, brush=self._point_brushes(data.y_test),
                           pen=pg.mkPen(self._theme.foreground, width=self._theme.line(1)), symbol="o")

    @abstractmethod
    def _point_brushes(self, targets: np.ndarray) -> list:
        """A brush per point for ``targets`` (class colours, or a value's colour)."""

    def _set_image(self, rgba: np.ndarray, values: np.ndarray) -> None:
        self._rgba, self._values = rgba, values
        self._image.setImage(rgba, levels=(0, 255), autoLevels=False)
        self._image.setRect(cell_centred_rect(self._dataset.extent, rgba.shape[0]))

    def describe(self, x: float, y: float) -> str | None:
        if self._values is None:
            return None
        return modes.describe_plane(self.mode, self._values, self._dataset, x, y)

    def image_array(self) -> np.ndarray | None:
        """The RGBA uint8 image shown (rows = y from low to high), or None."""
        return self._rgba


class BoundaryPainter(_PlanePainter):
    """2-D classification: the class the network predicts at each point."""

    mode = "boundary"

    def __init__(self, plot: pg.PlotItem):
        super().__init__(plot)
        self._outline = pg.PlotCurveItem(connect="pairs")
        self._outline.setZValue(-5)  # over the picture, under the points
        self._add(self._outline)

    def set_theme(self, theme) -> None:
        super().set_theme(theme)
        self._outline.setPen(pg.mkPen(theme.outline or theme.foreground, width=theme.line(2)))
        if not theme.outline:
            self._outline.setData([], [])

    def forget(self) -> None:
        super().forget()
        self._outline.setData([], [])

    def outline_data(self) -> tuple[np.ndarray, np.ndarray]:
        """The boundary's outline drawn: x, y (2k,), segment i from point 2i to 2i + 1."""
        x, y = self._outline.getData()
        return (np.zeros(0), np.zeros(0)) if x is None else (np.asarray(x), np.asarray(y))

    def draw(self, dashboard: Dashboard) -> None:
        probs = np.asarray(dashboard.boundary)
        if probs.ndim != 3:
            return
        if probs.shape[-1] == 2:
            rgba = diverging_image(2.0 * probs[..., 1] - 1.0, 1.0, self._lut)
        else:
            colours = np.stack([rgb(colour) for colour in self._class_colours()])
            rgba = class_image(probs, colours, rgb(self._theme.neutral), BACKGROUND_STRENGTH)
        self._set_image(rgba, probs)
        if self._theme.outline:
            self._outline.setData(*boundary_segments(probs, self._dataset.extent))

    def _class_colours(self) -> list[str]:
        theme, c = self._theme, self._dataset.n_classes
        if c == 2:
            return [theme.negative, theme.positive]
        return [theme.classes[k % len(theme.classes)] for k in range(c)]

    def _point_brushes(self, labels: np.ndarray) -> list:
        palette = [pg.mkBrush(c) for c in self._class_colours()]
        return [palette[int(k)] for k in labels]

    def legend_entries(self) -> list:
        theme, outline = self._theme, pg.mkPen(self._train_outline())
        entries = [(legend_sample(colour, outline), QCoreApplication.translate("OutputView", "class {0}").format(name))
                   for name, colour in zip(self._dataset.class_names, self._class_colours())]
        entries.append((legend_sample(theme.background, pg.mkPen(theme.foreground, width=theme.line(1.5))),
                        QCoreApplication.translate("OutputView", "test point")))
        if theme.outline:
            entries.append((pg.PlotDataItem(pen=pg.mkPen(theme.outline, width=theme.line(2))),
                            QCoreApplication.translate("OutputView", "decision boundary")))
        return entries


class SurfacePainter(_PlanePainter):
    """2-D regression: the value the network predicts at each point."""

    mode = "surface"

    def start(self, dataset, show_test: bool) -> None:
        self._value_scale = target_scale(dataset)  # before the points take their colours
        super().start(dataset, show_test)

    def draw(self, dashboard: Dashboard) -> None:
        values = np.asarray(dashboard.boundary)
        if values.ndim != 2:
            return
        self._set_image(diverging_image(values, self._value_scale, self._lut), values)

    def _train_outline(self) -> str:
        """Grey: targets near 0 are neutral-coloured and would vanish in a background-coloured ring."""
        return self._theme.mid_ring

    def _point_brushes(self, targets: np.ndarray) -> list:
        colours = diverging_image(targets, self._value_scale, self._point_lut)
        return [pg.mkBrush(*c) for c in colours.tolist()]

    def legend_entries(self) -> list:
        theme = self._theme
        return [(legend_sample(theme.positive, pg.mkPen(self._train_outline())),
                 QCoreApplication.translate("OutputView", "train point")),
                (legend_sample(theme.positive, pg.mkPen(theme.foreground, width=theme.line(1.5))),
                 QCoreApplication.translate("OutputView", "test point"))]

    def colour_bar(self) -> tuple[str, float]:
        return QCoreApplication.translate("OutputView", "target value"), self._value_scale
