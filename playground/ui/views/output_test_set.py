"""The Output view's test-set modes (digits and CSV data, whose inputs have no plane to draw):

- ``ConfusionPainter`` (classification): the test set's confusion matrix, each cell shaded by
  its share of its true class, the counts written in the cells up to ``MAX_TEXT_CLASSES``.
- ``ScatterPainter`` (regression): each test sample's prediction against its true value,
  with the dashed line y = x where a perfect network puts every point.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt

from playground.runs.messages import Dashboard
from playground.ui.views import output_modes as modes
from playground.ui.views.output_modes import padded
from playground.ui.views.output_painter import POINT_SIZE, Frame, ModePainter, PlaneImage, legend_sample
from playground.ui.widgets.colour_maps import rgb

MAX_TEXT_CLASSES = 12  # confusion counts are written in the cells up to this many classes


class ConfusionPainter(ModePainter):
    """Classification without a plane: rows are the true classes, columns the predicted ones."""

    mode = "confusion"

    def __init__(self, plot: pg.PlotItem):
        super().__init__(plot)
        self._image = PlaneImage(axisOrder="row-major")
        self._image.smooth = False  # one cell per count, sharp edges
        self._image.setZValue(-10)
        self._add(self._image)
        self._counts: np.ndarray | None = None
        self._rgba: np.ndarray | None = None
        self._cell_texts: list[pg.TextItem] = []  # made per run: one per cell

    def start(self, dataset, show_test: bool) -> None:
        super().start(dataset, show_test)
        self._remove_cell_texts()
        if dataset.n_classes > MAX_TEXT_CLASSES:
            return
        c = dataset.n_classes
        for true in range(c):
            for predicted in range(c):
                item = pg.TextItem("", anchor=(0.5, 0.5))
                item.setPos(predicted, true)
                self._plot.addItem(item)
                self._cell_texts.append(item)

    def clear(self) -> None:
        super().clear()
        self._remove_cell_texts()

    def _remove_cell_texts(self) -> None:
        for item in self._cell_texts:
            self._plot.removeItem(item)
        self._cell_texts = []

    def forget(self) -> None:
        self._counts = None
        self._rgba = None
        self._image.clear()

    def restyle(self) -> None:
        self._counts = None  # the next draw recolours even though the counts did not change

    def frame(self) -> Frame:
        data = self._dataset
        c = data.n_classes
        ticks = [[(i, str(name)) for i, name in enumerate(data.class_names)]]
        return Frame((-0.5, c - 0.5), (-0.5, c - 0.5), QCoreApplication.translate("OutputView", "predicted class"),
                     QCoreApplication.translate("OutputView", "true class"), aspect_locked=True, inverted=True,
                     ticks=ticks)

    def draw(self, dashboard: Dashboard) -> None:
        counts = np.asarray(dashboard.confusion)
        if self._counts is not None and np.array_equal(counts, self._counts):
            return
        self._counts = counts
        theme = self._theme
        self._rgba, share = modes.confusion_rgba(counts, rgb(theme.neutral), rgb(theme.accent))
        self._image.setImage(self._rgba, levels=(0, 255), autoLevels=False)
        c = len(counts)
        self._image.setRect(QRectF(-0.5, -0.5, c, c))
        for item, count, dark in zip(self._cell_texts, counts.ravel(), share.ravel() > 0.55):
            item.setText(str(int(count)), color=self._cell_text_colour(dark, count == 0))

    def _cell_text_colour(self, dark_cell: bool, zero: bool = False) -> str:
        if dark_cell:
            return self._theme.on_strong
        if zero:  # the eye should go to the mistakes that happen
            return self._theme.faint
        return self._theme.foreground

    def describe(self, x: float, y: float) -> str | None:
        if self._counts is None:
            return None
        c = len(self._counts)
        predicted, true = int(round(x)), int(round(y))
        if not (0 <= predicted < c and 0 <= true < c):
            return None
        names = self._dataset.class_names
        return QCoreApplication.translate("OutputView", "True class {0}, predicted {1}: {2:,} test samples.").format(
            names[true], names[predicted], int(self._counts[true, predicted]))

    def metrics_text(self, metrics) -> str:
        return modes.metrics_text(self.mode, metrics, self._counts, None)

    def image_array(self) -> np.ndarray | None:
        return self._rgba

    def confusion_matrix(self) -> np.ndarray | None:
        """The counts shown (rows true class, columns predicted)."""
        return self._counts

    def cell_texts(self) -> list[str]:
        """The numbers written in the cells, row by row ("" when not written)."""
        return [item.textItem.toPlainText() for item in self._cell_texts]


class ScatterPainter(ModePainter):
    """Regression without a plane: predicted against actual values on the test set."""

    mode = "scatter"

    def __init__(self, plot: pg.PlotItem):
        super().__init__(plot)
        self._diagonal = pg.PlotCurveItem()
        self._test = pg.ScatterPlotItem(size=POINT_SIZE)
        self._add(self._diagonal, self._test)
        self._points = {"test": self._test}
        self._values: tuple[np.ndarray, np.ndarray] | None = None  # (actual, predicted) drawn last

    def set_theme(self, theme) -> None:
        super().set_theme(theme)
        self._diagonal.setPen(pg.mkPen(theme.foreground, width=theme.line(1.5), style=Qt.DashLine))

    def forget(self) -> None:
        self._values = None

    def clear(self) -> None:
        super().clear()
        self._diagonal.setData([], [])

    def _range(self) -> tuple[float, float]:
        return padded(np.asarray(self._dataset.y_test, dtype=np.float64))

    def frame(self) -> Frame:
        low, high = self._range()
        return Frame((low, high), (low, high), QCoreApplication.translate("OutputView", "actual value"),
                     QCoreApplication.translate("OutputView", "predicted value"))

    def _style_points(self) -> None:
        low, high = self._range()
        self._diagonal.setData([low, high], [low, high])
        self._test.clear()
        self._test.setData([], [], brush=pg.mkBrush(self._theme.test),
                           pen=pg.mkPen(self._train_outline(), width=self._theme.line(1)),
                           symbol="o")

    def draw(self, dashboard: Dashboard) -> None:
        actual = np.asarray(dashboard.actual if dashboard.actual is not None else [], dtype=np.float32)
        predicted = np.nan_to_num(np.asarray(dashboard.predicted, dtype=np.float32))
        self._test.setData(actual, predicted)
        self._values = (actual, predicted)

    def metrics_text(self, metrics) -> str:
        return modes.metrics_text(self.mode, metrics, None, self._values)

    def legend_entries(self) -> list:
        theme = self._theme
        return [(legend_sample(theme.test, pg.mkPen(self._train_outline())),
                 QCoreApplication.translate("OutputView", "test point")),
                (pg.PlotDataItem(pen=pg.mkPen(theme.foreground, width=theme.line(1.5), style=Qt.DashLine)),
                 QCoreApplication.translate("OutputView", "perfect (y = x)"))]
