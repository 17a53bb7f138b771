"""The Output view: what the network predicts, drawn with the data it learns from.

One plot whose content follows the data (playground.ui.views.output_modes: ``mode_for``,
and each mode's texts):

- ``boundary``: 2-D classification. The decision boundary (결정 경계) as an image over
  the plane, train and test points on top.
- ``surface``: 2-D regression. The predicted surface as a diverging image, points
  coloured by their target.
- ``curve``: 1-D regression. The points, outliers (이상치) marked, and the fitted curve.
- ``confusion``: digits and CSV classification. The test set's confusion matrix.
- ``scatter``: CSV regression. Predicted against actual values on the test set.

Images are RGBA uint8 computed with numpy at fixed levels (playground.ui.widgets.colour_maps:
no autoscaling, so a colour always means the same thing); plot items are made once per
run and updated with setImage/setData.
"""

from __future__ import annotations


import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from PySide6.QtCore import QEvent, QObject, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from playground.design import registry
from playground.runs.messages import Dashboard
from playground.ui.views import output_modes as modes
from playground.ui.views.output_modes import outlier_mask, padded
from playground.ui.widgets.colour_maps import (cell_centred_rect, class_image, diverging_image, diverging_lut,
                                               neutral_colour, rgb, target_scale)

from playground.ui.theme import LIGHT, Theme

BACKGROUND_STRENGTH = 0.6  # confident regions stop short of the point colours, so points stay visible
MAX_TEXT_CLASSES = 12  # confusion counts are written in the cells up to this many classes
POINT_SIZE = 7


class _PlaneImage(pg.ImageItem):
    """An ImageItem drawn with bilinear smoothing when ``smooth`` is set: a coarse grid of
    predictions then looks like the smooth function it samples."""

    smooth = True

    def paint(self, painter, *args):
        painter.setRenderHint(QPainter.SmoothPixmapTransform, self.smooth)
        super().paint(painter, *args)


class _Sample(ItemSample):
    """A legend sample that only shows the symbol (clicking it must not hide anything)."""

    def mouseClickEvent(self, event):
        event.ignore()


# --- the view ---------------------------------------------------------------------------


class OutputView(QWidget):
    """The Output view (see the module docstring). Implements the dashboard view API."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._theme = LIGHT
        self._dataset = None
        self._mode = "boundary"
        self._last: Dashboard | None = None  # the newest record this mode can draw
        self._image_rgba: np.ndarray | None = None
        self._curve = (np.zeros(0, np.float32), np.zeros(0, np.float32))
        self._confusion: np.ndarray | None = None
        self._value_scale = 1.0
        self._cell_texts: list[pg.TextItem] = []
        self._legend_samples: list = []
        self._info_text = ""
        self._scatter_values: tuple[np.ndarray, np.ndarray] | None = None
        self._build_widgets()
        self._build_items()
        self.set_theme(LIGHT)
        self._show_no_run()

    # --- construction ---------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self._title = QLabel()
        bold = QFont(self._title.font())
        bold.setBold(True)
        self._title.setFont(bold)
        self._title.setWordWrap(True)
        self._info = QLabel()
        self._info.setWordWrap(True)
        self._show_test = QCheckBox(self.tr("Show test data"))
        self._show_test.setChecked(True)
        self._show_test.setToolTip(self.tr(
            "Test points are held back from training. Showing them tells you whether the "
            "network also works on data it has never seen."))
        self._show_test.toggled.connect(self._on_show_test_toggled)
        self._canvas = pg.GraphicsLayoutWidget()
        self._canvas.setMinimumSize(200, 160)
        self._canvas.viewport().installEventFilter(self)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._info, 1)
        row.addWidget(self._show_test, 0, Qt.AlignRight | Qt.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addWidget(self._title)
        layout.addLayout(row)
        layout.addWidget(self._canvas, 1)

    def _build_items(self) -> None:
        self._plot = self._canvas.addPlot(row=0, col=0)
        self._plot.setMouseEnabled(False, False)
        self._plot.setMenuEnabled(False)
        self._plot.hideButtons()
        self._plot.disableAutoRange()
        self._side = self._canvas.addLayout(row=0, col=1)
        self._side.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Preferred)
        self._canvas.ci.layout.setColumnStretchFactor(0, 1)
        self._canvas.ci.layout.setColumnStretchFactor(1, 0)
        self._legend = pg.LegendItem(sampleType=_Sample, labelTextSize="9pt", verSpacing=-4)
        self._colorbar = pg.ColorBarItem(values=(-1, 1), width=14, interactive=False,
                                         colorMapMenu=False, label="")
        self._colorbar.setMouseEnabled(False, False)

        self._image = _PlaneImage(axisOrder="row-major")
        self._train = pg.ScatterPlotItem(size=POINT_SIZE)
        self._outliers = pg.ScatterPlotItem(size=11, symbol="x")
        self._test = pg.ScatterPlotItem(size=POINT_SIZE)
        self._fit = pg.PlotCurveItem()
        self._diagonal = pg.PlotCurveItem()
        for item in (self._image, self._fit, self._diagonal, self._train, self._outliers, self._test):
            self._plot.addItem(item)
        self._image.setZValue(-10)
        self._fit.setZValue(5)

    # --- the view API ---------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._lut = diverging_lut(theme, BACKGROUND_STRENGTH)
        self._point_lut = diverging_lut(theme, 1.0)
        self._canvas.setBackground(theme.background)
        for plot in (self._plot, self._colorbar):
            for name in ("left", "bottom", "right", "top"):
                axis = plot.getAxis(name)
                axis.setPen(theme.foreground)
                axis.setTextPen(theme.foreground)
        self._legend.setPen(pg.mkPen(theme.foreground, width=0.5))
        self._legend.setBrush(pg.mkBrush(theme.background))
        self._legend.setLabelTextColor(theme.foreground)
        self._colorbar.setColorMap(pg.ColorMap(
            [0.0, 0.5, 1.0], [theme.negative, neutral_colour(theme), theme.positive]))
        self._fit.setPen(pg.mkPen(theme.foreground, width=2.5))
        self._diagonal.setPen(pg.mkPen(theme.foreground, width=1.5, style=Qt.DashLine))
        self._outliers.setPen(pg.mkPen(theme.bad, width=1))
        self._outliers.setBrush(pg.mkBrush(theme.bad))
        grey = "#666666" if theme.name == "light" else "#a0a4ab"
        self._info.setStyleSheet(f"color: {grey};")
        if self._dataset is not None:
            self._style_points()
            self._rebuild_legend()
            if self._last is not None:
                self._confusion = None  # recolour even though the counts did not change
                self._draw(self._last)

    def start_run(self, info) -> None:
        """A new run: pick the mode for its data, plot the points, forget the old picture."""
        self._dataset = info.dataset
        self._mode = modes.mode_for(info.dataset)
        for name in ("left", "bottom"):
            self._plot.showAxis(name)
        self._forget_picture()
        self._setup_axes()
        self._style_points()
        self._setup_confusion_cells()
        self._rebuild_legend()
        self._set_info(self.tr("Press Train to start: the picture shows what the network predicts."))
        self._title.setText(self._title_text())
        self._canvas.setToolTip(self._mode_tooltip())

    def clear_run(self, reason: str) -> None:
        """There is no current run (the design or its data cannot train): forget the picture,
        hide the axes and say ``reason`` instead. ``start_run`` brings a run back."""
        self._dataset = None
        self._forget_picture()
        self._diagonal.setData([], [])
        for item in (self._train, self._test, self._outliers):
            item.clear()
        for item in self._cell_texts:
            self._plot.removeItem(item)
        self._cell_texts = []
        self._side.clear()
        self._legend.clear()
        self._legend_samples = []
        self._title.setText(self.tr("Output: no current run"))
        self._set_info(reason)
        self._show_test.setVisible(False)
        for name in ("left", "bottom"):  # an empty frame: the old axes belong to the old data
            self._plot.hideAxis(name)
        self._canvas.setToolTip(reason)

    def _forget_picture(self) -> None:
        self._last = None
        self._image_rgba = None
        self._curve = (np.zeros(0, np.float32), np.zeros(0, np.float32))
        self._confusion = None
        self._scatter_values = None
        self._image.clear()
        self._fit.setData([], [])

    def has_run(self) -> bool:
        """Whether a run's data is shown (False before the first run and after ``clear_run``)."""
        return self._dataset is not None

    def show_snapshot(self, snapshot) -> None:
        """Draw the snapshot's predictions (cheap: one image or one curve, a label)."""
        if self._dataset is None:
            return
        dashboard = snapshot.dashboard
        if dashboard is not None and getattr(dashboard, self._wanted_field()) is not None:
            self._last = dashboard
            self._draw(dashboard)
        self._set_info(self._metrics_text(snapshot.metrics))

    # --- public for tests -------------------------------------------------------------------
    def mode(self) -> str:
        return self._mode

    def image_array(self) -> np.ndarray | None:
        """The RGBA uint8 image shown (rows = y from low to high), or None."""
        return self._image_rgba

    def test_points_visible(self) -> bool:
        return self._test.isVisible()

    def set_test_points_visible(self, visible: bool) -> None:
        self._show_test.setChecked(visible)

    def curve_data(self) -> tuple[np.ndarray, np.ndarray]:
        """The fitted curve drawn in 1-D mode (x, y)."""
        return self._curve

    def points(self, kind: str) -> tuple[np.ndarray, np.ndarray]:
        """The (x, y) of the plotted "train", "test" or "outliers" points."""
        item = {"train": self._train, "test": self._test, "outliers": self._outliers}[kind]
        x, y = item.getData()
        return np.asarray(x), np.asarray(y)

    def legend_names(self) -> list[str]:
        return [label.text for _, label in self._legend.items]

    def legend_size(self) -> tuple[float, float]:
        """(width, height) of the legend beside the plot, in pixels."""
        return self._legend.width(), self._legend.height()

    def confusion_matrix(self) -> np.ndarray | None:
        """The counts shown in confusion mode (rows true class, columns predicted)."""
        return self._confusion

    def info_text(self) -> str:
        return self._info.text()

    def title_text(self) -> str:
        return self._title.text()

    def cell_texts(self) -> list[str]:
        """The numbers written in the confusion cells, row by row ("" when not written)."""
        return [item.textItem.toPlainText() for item in self._cell_texts]

    def describe_point(self, x: float, y: float) -> str:
        """What the hover tooltip says at plot coordinates (x, y)."""
        if self._dataset is None:
            return self.tr("Press Train to start.")
        if self._mode in modes.PLANAR and self._last is not None:
            return modes.describe_plane(self._mode, np.asarray(self._last.boundary), self._dataset, x, y)
        if self._mode == "confusion" and self._confusion is not None:
            return self._describe_cell(x, y)
        return self._mode_tooltip()

    # --- drawing -----------------------------------------------------------------------------
    def _wanted_field(self) -> str:
        """The Dashboard field this mode draws."""
        return modes.FIELDS[self._mode]

    def _draw(self, dashboard: Dashboard) -> None:
        getattr(self, f"_draw_{self._mode}")(dashboard)

    def _draw_boundary(self, dashboard: Dashboard) -> None:
        probs = np.asarray(dashboard.boundary)
        if probs.ndim != 3:
            return
        if probs.shape[-1] == 2:
            rgba = diverging_image(2.0 * probs[..., 1] - 1.0, 1.0, self._lut)
        else:
            rgba = class_image(probs, self._class_rgb(probs.shape[-1]),
                               rgb(neutral_colour(self._theme)), BACKGROUND_STRENGTH)
        self._set_plane_image(rgba)

    def _draw_surface(self, dashboard: Dashboard) -> None:
        values = np.asarray(dashboard.boundary)
        if values.ndim != 2:
            return
        self._set_plane_image(diverging_image(values, self._value_scale, self._lut))

    def _set_plane_image(self, rgba: np.ndarray) -> None:
        self._image_rgba = rgba
        self._image.setImage(rgba, levels=(0, 255), autoLevels=False)
        self._image.setRect(cell_centred_rect(self._dataset.extent, rgba.shape[0]))

    def _draw_curve(self, dashboard: Dashboard) -> None:
        x = np.asarray(dashboard.curve_x if dashboard.curve_x is not None else [], dtype=np.float32)
        y = np.nan_to_num(np.asarray(dashboard.curve_y, dtype=np.float32))
        self._curve = (x, y)
        self._fit.setData(x, y)

    def _draw_confusion(self, dashboard: Dashboard) -> None:
        counts = np.asarray(dashboard.confusion)
        if self._confusion is not None and np.array_equal(counts, self._confusion):
            return
        self._confusion = counts
        rgba, share = modes.confusion_rgba(counts, rgb(neutral_colour(self._theme)), rgb(self._theme.accent))
        self._image_rgba = rgba
        self._image.setImage(rgba, levels=(0, 255), autoLevels=False)
        c = len(counts)
        self._image.setRect(QRectF(-0.5, -0.5, c, c))
        if self._cell_texts:
            for item, count, dark in zip(self._cell_texts, counts.ravel(), share.ravel() > 0.55):
                item.setText(str(int(count)), color=self._cell_text_colour(dark, count == 0))

    def _draw_scatter(self, dashboard: Dashboard) -> None:
        actual = np.asarray(dashboard.actual if dashboard.actual is not None else [], dtype=np.float32)
        predicted = np.nan_to_num(np.asarray(dashboard.predicted, dtype=np.float32))
        self._test.setData(actual, predicted)
        self._scatter_values = (actual, predicted)

    # --- per-run setup ---------------------------------------------------------------------------
    def _setup_axes(self) -> None:
        data, plot = self._dataset, self._plot
        mode = self._mode
        plot.getViewBox().invertY(mode == "confusion")
        self._image.smooth = mode in ("boundary", "surface")
        plot.setAspectLocked(mode in ("boundary", "surface", "confusion"), ratio=1.0)
        for name in ("left", "bottom"):
            plot.getAxis(name).setTicks(None)
        if mode in ("boundary", "surface"):
            x0, x1, y0, y1 = data.extent
            self._set_labels(registry.FEATURES["x1"], registry.FEATURES["x2"])
        elif mode == "curve":
            x0, x1, y0, y1 = data.extent
            self._set_labels(self.tr("input x"), self.tr("target y"))
        elif mode == "confusion":
            c = data.n_classes
            x0, x1, y0, y1 = -0.5, c - 0.5, -0.5, c - 0.5
            ticks = [[(i, str(name)) for i, name in enumerate(data.class_names)]]
            plot.getAxis("bottom").setTicks(ticks)
            plot.getAxis("left").setTicks(ticks)
            self._set_labels(self.tr("predicted class"), self.tr("true class"))
        else:
            low, high = padded(np.asarray(data.y_test, dtype=np.float64))
            x0, x1, y0, y1 = low, high, low, high
            self._set_labels(self.tr("actual value"), self.tr("predicted value"))
            self._diagonal.setData([low, high], [low, high])
        self._diagonal.setVisible(mode == "scatter")
        self._fit.setVisible(mode == "curve")
        self._outliers.setVisible(mode == "curve")
        self._train.setVisible(mode in ("boundary", "surface", "curve"))
        self._show_test.setVisible(mode in ("boundary", "surface", "curve"))
        self._test.setVisible(mode == "scatter" or self._show_test.isChecked())
        plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        self._value_scale = target_scale(data) if mode == "surface" else 1.0
        self._colorbar.setLevels((-self._value_scale, self._value_scale))

    def _set_labels(self, bottom: str, left: str) -> None:
        self._plot.setLabel("bottom", bottom)
        self._plot.setLabel("left", left)

    def _style_points(self) -> None:
        """Point positions and colours for the run's data (once per run and theme)."""
        data, theme, mode = self._dataset, self._theme, self._mode
        outline = pg.mkPen(self._train_outline(), width=1)
        test_outline = pg.mkPen(theme.foreground, width=1)
        for item in (self._train, self._test, self._outliers):
            item.clear()
        if mode in ("boundary", "surface"):
            train_brushes = self._point_brushes(data.y_train)
            test_brushes = self._point_brushes(data.y_test)
            self._train.setData(pos=data.raw_train, brush=train_brushes, pen=outline, symbol="o")
            self._test.setData(pos=data.raw_test, brush=test_brushes, pen=test_outline, symbol="o")
        elif mode == "curve":
            outliers = outlier_mask(data)
            x, y = data.raw_train[:, 0], data.y_train
            self._train.setData(x[~outliers], y[~outliers], brush=pg.mkBrush(theme.train), pen=outline, symbol="o")
            self._outliers.setData(x[outliers], y[outliers])
            # Rings: many test points sit on the train points and must not hide them.
            self._test.setData(data.raw_test[:, 0], data.y_test, brush=pg.mkBrush(None),
                               pen=pg.mkPen(theme.test, width=1.5), symbol="o")
        elif mode == "scatter":
            self._test.setData([], [], brush=pg.mkBrush(theme.test), pen=outline, symbol="o")

    def _train_outline(self) -> str:
        """Train points: a background-coloured ring as in TF Playground; on a surface a grey
        one, since targets near 0 are neutral-coloured and would vanish."""
        if self._mode == "surface":
            return "#8a8d93"
        return "#ffffff" if self._theme.name == "light" else self._theme.background

    def _point_brushes(self, labels: np.ndarray) -> list:
        if self._mode == "surface":
            colours = diverging_image(labels, self._value_scale, self._point_lut)
            return [pg.mkBrush(*c) for c in colours.tolist()]
        palette = [pg.mkBrush(c) for c in self._class_colours(self._dataset.n_classes)]
        return [palette[int(k)] for k in labels]

    def _class_colours(self, c: int) -> list[str]:
        theme = self._theme
        if c == 2:
            return [theme.negative, theme.positive]
        return [theme.classes[k % len(theme.classes)] for k in range(c)]

    def _class_rgb(self, c: int) -> np.ndarray:
        return np.stack([rgb(colour) for colour in self._class_colours(c)])

    def _setup_confusion_cells(self) -> None:
        for item in self._cell_texts:
            self._plot.removeItem(item)
        self._cell_texts = []
        if self._mode != "confusion" or self._dataset.n_classes > MAX_TEXT_CLASSES:
            return
        c = self._dataset.n_classes
        for true in range(c):
            for predicted in range(c):
                item = pg.TextItem("", anchor=(0.5, 0.5))
                item.setPos(predicted, true)
                self._plot.addItem(item)
                self._cell_texts.append(item)

    def _cell_text_colour(self, dark_cell: bool, zero: bool = False) -> str:
        if dark_cell:
            return "#ffffff" if self._theme.name == "light" else "#101114"
        if zero:  # the eye should go to the mistakes that happen
            return "#b0b3b8" if self._theme.name == "light" else "#5c6068"
        return self._theme.foreground

    def _rebuild_legend(self) -> None:
        """The side column: a legend of the point styles, and a colour bar for surfaces."""
        self._side.clear()
        self._legend.clear()
        self._legend_samples = []
        for item, name in self._legend_entries():
            self._legend_samples.append(item)
            self._legend.addItem(item, name)
        if self._legend_samples:
            # LegendItem sizes itself; pin that size inside the layout. The previous pin must go
            # first, or the legend would start from it and grow with every run.
            self._legend.setMinimumSize(0, 0)
            self._legend.setMaximumSize(QSizeF(1e6, 1e6))
            self._legend.updateSize()
            self._legend.setFixedWidth(self._legend.width() + 6)
            self._legend.setFixedHeight(self._legend.height() + 4)
            self._side.addItem(self._legend, row=0, col=0)
            self._side.layout.setAlignment(self._legend, Qt.AlignTop | Qt.AlignLeft)
        if self._mode == "surface":
            self._colorbar.setLabel("left", self.tr("target value"))
            self._side.addItem(self._colorbar, row=1, col=0)

    def _legend_entries(self) -> list[tuple[pg.ScatterPlotItem, str]]:
        theme, mode, data = self._theme, self._mode, self._dataset
        outline = self._train_outline()
        entries = []

        def sample(brush, pen, symbol="o", size=POINT_SIZE + 2):
            return pg.ScatterPlotItem(symbol=symbol, size=size, brush=pg.mkBrush(brush), pen=pen)

        if mode == "boundary":
            for name, colour in zip(data.class_names, self._class_colours(data.n_classes)):
                entries.append((sample(colour, pg.mkPen(outline)), self.tr("class {0}").format(name)))
            entries.append((sample(theme.background, pg.mkPen(theme.foreground, width=1.5)), self.tr("test point")))
        elif mode == "surface":
            entries.append((sample(theme.positive, pg.mkPen(outline)), self.tr("train point")))
            entries.append((sample(theme.positive, pg.mkPen(theme.foreground, width=1.5)), self.tr("test point")))
        elif mode == "curve":
            entries.append((sample(theme.train, pg.mkPen(outline)), self.tr("train")))
            entries.append((sample(theme.bad, pg.mkPen(theme.bad), "x", 11), self.tr("outliers")))
            entries.append((sample(None, pg.mkPen(theme.test, width=1.5)), self.tr("test")))
            line = pg.PlotDataItem(pen=pg.mkPen(theme.foreground, width=2.5))
            entries.append((line, self.tr("network")))
        elif mode == "scatter":
            entries.append((sample(theme.test, pg.mkPen(outline)), self.tr("test point")))
            line = pg.PlotDataItem(pen=pg.mkPen(theme.foreground, width=1.5, style=Qt.DashLine))
            entries.append((line, self.tr("perfect (y = x)")))
        return entries

    # --- text --------------------------------------------------------------------------------------
    def _show_no_run(self) -> None:
        self._title.setText(self.tr("Output"))
        self._set_info(self.tr("Press Train to start."))
        self._show_test.setVisible(False)

    def _set_info(self, text: str) -> None:
        if text != self._info_text:
            self._info_text = text
            self._info.setText(text)

    def _title_text(self) -> str:
        return modes.title_text(self._mode)

    def _mode_tooltip(self) -> str:
        return modes.mode_tooltip(self._mode)

    def _metrics_text(self, metrics) -> str:
        if metrics is None:
            return self._info_text
        return modes.metrics_text(self._mode, metrics, self._confusion, self._scatter_values)

    def _describe_cell(self, x: float, y: float) -> str:
        c = len(self._confusion)
        predicted, true = int(round(x)), int(round(y))
        if not (0 <= predicted < c and 0 <= true < c):
            return self._mode_tooltip()
        names = self._dataset.class_names
        return self.tr("True class {0}, predicted {1}: {2:,} test samples.").format(
            names[true], names[predicted], int(self._confusion[true, predicted]))

    # --- events -------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.ToolTip and watched is self._canvas.viewport():
            scene_pos = self._canvas.mapToScene(event.pos())
            box = self._plot.getViewBox()
            if box.sceneBoundingRect().contains(scene_pos):
                point = box.mapSceneToView(scene_pos)
                QToolTip.showText(event.globalPos(), self.describe_point(point.x(), point.y()), self._canvas)
            else:
                QToolTip.showText(event.globalPos(), self._canvas.toolTip(), self._canvas)
            return True
        return super().eventFilter(watched, event)

    def _on_show_test_toggled(self, checked: bool) -> None:
        self._test.setVisible(checked or self._mode == "scatter")


