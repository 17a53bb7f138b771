"""The Output view's curve mode (1-D regression): the train points, the outliers (이상치)
marked with crosses, the test points as rings, and the network's fitted curve."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from playground.runs.messages import Dashboard
from playground.ui.views.output_modes import outlier_mask
from playground.ui.views.output_painter import POINT_SIZE, Frame, ModePainter, legend_sample


class CurvePainter(ModePainter):
    """1-D regression: the network's prediction for each x over the data."""

    mode = "curve"
    optional_test = True

    def __init__(self, plot: pg.PlotItem):
        super().__init__(plot)
        self._fit = pg.PlotCurveItem()
        self._fit.setZValue(5)
        self._train = pg.ScatterPlotItem(size=POINT_SIZE)
        self._outliers = pg.ScatterPlotItem(size=11, symbol="x")
        self._test = pg.ScatterPlotItem(size=POINT_SIZE)
        self._add(self._fit, self._train, self._outliers, self._test)
        self._points = {"train": self._train, "outliers": self._outliers, "test": self._test}
        self._curve = (np.zeros(0, np.float32), np.zeros(0, np.float32))

    def set_theme(self, theme) -> None:
        super().set_theme(theme)
        self._fit.setPen(pg.mkPen(theme.foreground, width=theme.line(2.5)))
        self._outliers.setPen(pg.mkPen(theme.bad, width=theme.line(1)))
        self._outliers.setBrush(pg.mkBrush(theme.bad))

    def forget(self) -> None:
        self._curve = (np.zeros(0, np.float32), np.zeros(0, np.float32))
        self._fit.setData([], [])

    def frame(self) -> Frame:
        x0, x1, y0, y1 = self._dataset.extent
        return Frame((x0, x1), (y0, y1), QCoreApplication.translate("OutputView", "input x"),
                     QCoreApplication.translate("OutputView", "target y"))

    def _style_points(self) -> None:
        data, theme = self._dataset, self._theme
        for item in self._points.values():
            item.clear()
        outliers = outlier_mask(data)
        x, y = data.raw_train[:, 0], data.y_train
        self._train.setData(x[~outliers], y[~outliers], brush=pg.mkBrush(theme.train),
                            pen=pg.mkPen(self._train_outline(), width=theme.line(1)), symbol="o")
        self._outliers.setData(x[outliers], y[outliers])
        # Rings: many test points sit on the train points and must not hide them.
        self._test.setData(data.raw_test[:, 0], data.y_test, brush=pg.mkBrush(None),
                           pen=pg.mkPen(theme.test, width=theme.line(1.5)), symbol="o")

    def draw(self, dashboard: Dashboard) -> None:
        x = np.asarray(dashboard.curve_x if dashboard.curve_x is not None else [], dtype=np.float32)
        y = np.nan_to_num(np.asarray(dashboard.curve_y, dtype=np.float32))
        self._curve = (x, y)
        self._fit.setData(x, y)

    def legend_entries(self) -> list:
        theme = self._theme
        return [(legend_sample(theme.train, pg.mkPen(self._train_outline())),
                 QCoreApplication.translate("OutputView", "train")),
                (legend_sample(theme.bad, pg.mkPen(theme.bad), "x", 11),
                 QCoreApplication.translate("OutputView", "outliers")),
                (legend_sample(None, pg.mkPen(theme.test, width=theme.line(1.5))),
                 QCoreApplication.translate("OutputView", "test")),
                (pg.PlotDataItem(pen=pg.mkPen(theme.foreground, width=theme.line(2.5))),
                 QCoreApplication.translate("OutputView", "network"))]

    def curve_data(self) -> tuple[np.ndarray, np.ndarray]:
        """The fitted curve drawn (x, y)."""
        return self._curve
