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

Each mode is drawn by its painter (playground.ui.views.output_painter; the plane modes in
output_plane.py, the curve in output_curve.py, confusion and scatter in output_test_set.py),
made once with its plot items; this view picks the painter for each run, forwards the
theme and the snapshots' Dashboard records to it, and keeps the chrome: title, info
line, the "Show test data" box, the plot's frame, the legend and the colour bar, hover.

Images are RGBA uint8 computed with numpy at fixed levels (playground.ui.widgets.colour_maps:
no autoscaling, so a colour always means the same thing); plot items are made once and
updated with setImage/setData.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from PySide6.QtCore import QEvent, QObject, QPointF, QSizeF, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from playground.runs.messages import Dashboard
from playground.ui.theme import LIGHT, Theme
from playground.ui.views import output_modes as modes
from playground.ui.views.output_curve import CurvePainter
from playground.ui.views.output_painter import Frame, ModePainter
from playground.ui.views.output_plane import BoundaryPainter, SurfacePainter
from playground.ui.views.output_test_set import ConfusionPainter, ScatterPainter
from playground.ui.widgets.colour_maps import diverging_lut
from playground.ui.widgets.plot_utils import points

PAINTERS = (BoundaryPainter, SurfacePainter, CurvePainter, ConfusionPainter, ScatterPainter)  # one per mode


class _Sample(ItemSample):
    """A legend sample that only shows the symbol (clicking it must not hide anything)."""

    def mouseClickEvent(self, event):
        event.ignore()


class OutputView(QWidget):
    """The Output view (see the module docstring). Implements the dashboard view API."""

    point_picked = Signal(object)  # (x1, x2) or (x,): a click on the plane (2-D) or the curve's axis (1-D)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._theme = LIGHT
        self._dataset = None
        self._last: Dashboard | None = None  # the newest record the painter can draw
        self._legend_samples: list = []
        self._legend_sizes = (0.0, 0.0, 0.0, 0.0)  # the legend's (width, height) in one column, then in two
        self._legend_place = (False, 1)  # (under the plot rather than beside it, columns)
        self._info_text = ""
        self._compact = False  # a small multiple: the plot alone (ui/views/comparison)
        self._build_widgets()
        self._build_chrome()
        self._painters: dict[str, ModePainter] = {cls.mode: cls(self._plot) for cls in PAINTERS}
        self._painter = self._painters["boundary"]
        self._build_pick_marker()
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

    def _build_chrome(self) -> None:
        """The plot the painters draw into, and the side column (legend, colour bar)."""
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

    # --- the view API ---------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._canvas.setBackground(theme.background)
        for plot in (self._plot, self._colorbar):
            for name in ("left", "bottom", "right", "top"):
                axis = plot.getAxis(name)
                axis.setPen(theme.foreground)
                axis.setTextPen(theme.foreground)
        self._legend.setPen(pg.mkPen(theme.foreground, width=0.5))
        self._legend.setBrush(pg.mkBrush(theme.background))
        self._legend.setLabelTextColor(theme.foreground)
        self._legend.setLabelTextSize(points(theme, 9))
        self._colorbar.setColorMap(pg.ColorMap(np.linspace(0.0, 1.0, 256), diverging_lut(theme)))
        self._info.setStyleSheet(f"color: {theme.muted};")
        for painter in self._painters.values():
            painter.set_theme(theme)
        if self._dataset is not None:
            self._painter.restyle()
            self._rebuild_legend()
            if self._last is not None:
                self._painter.draw(self._last)

    def start_run(self, info) -> None:
        """A new run: pick the painter for its data, plot the points, forget the old picture."""
        self._dataset = info.dataset
        self._last = None
        mode = modes.mode_for(info.dataset)
        for painter in self._painters.values():
            if painter.mode != mode:
                painter.clear()
        self._painter = self._painters[mode]
        for name in ("left", "bottom"):
            self._plot.showAxis(name, not self._compact)
        self._painter.start(info.dataset, self._show_test.isChecked())
        self._set_frame(self._painter.frame())
        self._show_test.setVisible(self._painter.optional_test and not self._compact)
        self._rebuild_legend()
        self._set_info(self.tr("Press Train to start: the picture shows what the network predicts."))
        self._title.setText(modes.title_text(mode))
        self._canvas.setToolTip(modes.mode_tooltip(mode))

    def set_compact(self, on: bool) -> None:
        """The plot alone, without title, info line, test box and legend (one of several
        side by side, whose chrome is shared)."""
        self._compact = on
        for widget in (self._title, self._info, self._show_test):
            widget.setVisible(not on)
        self._canvas.setMinimumSize(*((100, 80) if on else (200, 160)))
        for name in ("left", "bottom"):  # the data's axes are the same in every small multiple
            self._plot.showAxis(name, not on and self._dataset is not None)
        if self._dataset is not None:
            self._rebuild_legend()

    def clear_run(self, reason: str) -> None:
        """There is no current run (the design or its data cannot train): forget the picture,
        hide the axes and say ``reason`` instead. ``start_run`` brings a run back."""
        self._dataset = None
        self._last = None
        self.set_picked_point(None)
        for painter in self._painters.values():
            painter.clear()
        self._clear_legend()
        self._title.setText(self.tr("Output: no current run"))
        self._set_info(reason)
        self._show_test.setVisible(False)
        for name in ("left", "bottom"):  # an empty frame: the old axes belong to the old data
            self._plot.hideAxis(name)
        self._canvas.setToolTip(reason)

    def has_run(self) -> bool:
        """Whether a run's data is shown (False before the first run and after ``clear_run``)."""
        return self._dataset is not None

    def show_snapshot(self, snapshot) -> None:
        """Draw the snapshot's predictions (cheap: one image or one curve, a label)."""
        if self._dataset is None:
            return
        dashboard = snapshot.dashboard
        if dashboard is not None and getattr(dashboard, self._painter.field) is not None:
            self._last = dashboard
            self._painter.draw(dashboard)
        if snapshot.metrics is not None:
            self._set_info(self._painter.metrics_text(snapshot.metrics))

    # --- public for tests -------------------------------------------------------------------
    def mode(self) -> str:
        return self._painter.mode

    def image_array(self) -> np.ndarray | None:
        """The RGBA uint8 image shown (rows = y from low to high), or None."""
        return self._painter.image_array()

    def test_points_visible(self) -> bool:
        return self._painter.test_points_visible()

    def set_test_points_visible(self, visible: bool) -> None:
        self._show_test.setChecked(visible)

    def curve_data(self) -> tuple[np.ndarray, np.ndarray]:
        """The fitted curve drawn in 1-D mode (x, y)."""
        return self._painter.curve_data()

    def outline_data(self) -> tuple[np.ndarray, np.ndarray]:
        """The decision boundary's outline drawn (x, y (2k,): segment i from point 2i to
        2i + 1); empty in a theme without an outline colour, and outside the boundary mode."""
        return self._painter.outline_data()

    def points(self, kind: str) -> tuple[np.ndarray, np.ndarray]:
        """The (x, y) of the plotted "train", "test" or "outliers" points."""
        return self._painter.points(kind)

    def pixel_of(self, x: float, y: float) -> tuple[int, int]:
        """Where plot coordinates (x, y) are drawn, in this widget's pixels (what its grab shows there)."""
        scene = self._plot.getViewBox().mapViewToScene(QPointF(x, y))
        point = self._canvas.mapTo(self, self._canvas.mapFromScene(scene))
        return point.x(), point.y()

    def legend_names(self) -> list[str]:
        return [label.text for _, label in self._legend.items]

    def legend_size(self) -> tuple[float, float]:
        """(width, height) of the legend beside the plot, in pixels."""
        return self._legend.width(), self._legend.height()

    def confusion_matrix(self) -> np.ndarray | None:
        """The counts shown in confusion mode (rows true class, columns predicted)."""
        return self._painter.confusion_matrix()

    def info_text(self) -> str:
        return self._info.text()

    def title_text(self) -> str:
        return self._title.text()

    def cell_texts(self) -> list[str]:
        """The numbers written in the confusion cells, row by row ("" when not written)."""
        return self._painter.cell_texts()

    def describe_point(self, x: float, y: float) -> str:
        """What the hover tooltip says at plot coordinates (x, y)."""
        if self._dataset is None:
            return self.tr("Press Train to start.")
        return self._painter.describe(x, y) or modes.mode_tooltip(self._painter.mode)

    # --- chrome -------------------------------------------------------------------------------
    def _set_frame(self, frame: Frame) -> None:
        plot = self._plot
        plot.getViewBox().invertY(frame.inverted)
        plot.setAspectLocked(frame.aspect_locked, ratio=1.0)
        for name in ("left", "bottom"):
            plot.getAxis(name).setTicks(frame.ticks)
        plot.setLabel("bottom", frame.bottom)
        plot.setLabel("left", frame.left)
        if self._compact:  # setLabel shows an axis
            for name in ("left", "bottom"):
                plot.hideAxis(name)
        plot.setRange(xRange=frame.x_range, yRange=frame.y_range, padding=0)

    def _clear_legend(self) -> None:
        self._side.clear()
        if self._legend_place[0]:
            self._canvas.ci.removeItem(self._legend)
        self._legend_place = (False, 1)
        self._legend.clear()
        self._legend.setColumnCount(1)
        self._legend_samples = []

    def _rebuild_legend(self) -> None:
        """The side column: a legend of the point styles, and the painter's colour bar if any.
        The legend goes under the plot instead (in two columns if they fit) when that leaves the
        plot the larger square: a narrow Output, or larger text in projector mode."""
        self._clear_legend()
        if self._compact:
            return
        for item, name in self._painter.legend_entries():
            self._legend_samples.append(item)
            self._legend.addItem(item, name)
        if self._legend_samples:
            sizes = []
            for columns in (1, 2):
                self._legend.setColumnCount(columns)
                self._pin_legend_size()
                sizes += [self._legend.width(), self._legend.height()]
            self._legend_sizes = tuple(sizes)
            self._legend_place = below, columns = self._legend_placement()
            self._legend.setColumnCount(columns)
            self._pin_legend_size()
            if below:
                self._canvas.ci.addItem(self._legend, row=1, col=0)
                self._canvas.ci.layout.setAlignment(self._legend, Qt.AlignHCenter)
            else:
                self._side.addItem(self._legend, row=0, col=0)
                self._side.layout.setAlignment(self._legend, Qt.AlignTop | Qt.AlignLeft)
        colour_bar = self._painter.colour_bar()
        if colour_bar is not None:
            label, scale = colour_bar
            self._colorbar.setLevels((-scale, scale))
            self._colorbar.setLabel("left", label)
            self._side.addItem(self._colorbar, row=1, col=0)

    def _pin_legend_size(self) -> None:
        """LegendItem sizes itself; pin that size inside the layout. The previous pin must go
        first, or the legend would start from it and grow with every run."""
        self._legend.setMinimumSize(0, 0)
        self._legend.setMaximumSize(QSizeF(1e6, 1e6))
        self._legend.updateSize()
        self._legend.setFixedWidth(self._legend.width() + 6)
        self._legend.setFixedHeight(self._legend.height() + 4)

    def _legend_placement(self) -> tuple[bool, int]:
        """(under the plot, columns): where the legend leaves the plot the larger square."""
        width, height = self._canvas.width(), self._canvas.height()
        one_width, one_height, two_width, two_height = self._legend_sizes
        below_height = two_height if two_width <= width else one_height
        below = width > 0 and min(width, height - below_height) > min(width - one_width, height)
        return below, (2 if below and two_width <= width else 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self._legend_samples and self._legend_placement() != self._legend_place:
            self._rebuild_legend()

    def _show_no_run(self) -> None:
        self._title.setText(self.tr("Output"))
        self._set_info(self.tr("Press Train to start."))
        self._show_test.setVisible(False)

    def _set_info(self, text: str) -> None:
        if text != self._info_text:
            self._info_text = text
            self._info.setText(text)

    # --- events -------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.MouseButtonRelease and watched is self._canvas.viewport():
            return self._on_canvas_clicked(event)
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
        self._painter.set_test_visible(checked)

    # --- the picked point (the neuron card's input: playground.ui.window.neuron) -----------------------
    def _build_pick_marker(self) -> None:
        """A cross on the plane (2-D data), a vertical line at x (1-D): the point the neuron
        card explains. Hidden until ``set_picked_point``."""
        self._cross = pg.ScatterPlotItem(symbol="+", size=18, pxMode=True)
        self._cross.setZValue(20)
        self._x_line = pg.InfiniteLine(angle=90, movable=False)
        self._x_line.setZValue(20)
        self._x_line.hide()
        self._plot.addItem(self._cross, ignoreBounds=True)
        self._plot.addItem(self._x_line, ignoreBounds=True)
        self._picked: tuple[float, ...] | None = None

    def can_pick(self) -> bool:
        """Whether a click picks a point: the plane (2-D data) or the curve's x axis (1-D)."""
        return self._dataset is not None and self._painter.mode in ("boundary", "surface", "curve")

    def pick_point(self, x: float, y: float) -> bool:
        """What a click at plot coordinates (x, y) does: on the data's plot, the point (x, y)
        (2-D) or (x,) (1-D) is marked and ``point_picked`` emitted. False when nothing is picked."""
        if not self.can_pick():
            return False
        point = (float(x),) if self._painter.mode == "curve" else (float(x), float(y))
        self.set_picked_point(point)
        self.point_picked.emit(point)
        return True

    def set_picked_point(self, point: tuple[float, ...] | None) -> None:
        """Mark ``point`` (plot coordinates: (x1, x2), or (x,) for 1-D data); None: no marker."""
        self._picked = None if point is None or not self.can_pick() else tuple(point)
        two = self._picked is not None and len(self._picked) == 2
        self._cross.setData([self._picked[0]], [self._picked[1]]) if two else self._cross.setData([], [])
        self._x_line.setVisible(self._picked is not None and not two)
        if self._picked is not None and not two:
            self._x_line.setPos(self._picked[0])
        pen = pg.mkPen(self._theme.accent, width=self._theme.line(2.5))
        self._cross.setPen(pen)
        self._cross.setBrush(pg.mkBrush(self._theme.accent))
        self._x_line.setPen(pg.mkPen(self._theme.accent, width=self._theme.line(2), style=Qt.DashLine))

    def picked_point(self) -> tuple[float, ...] | None:
        """The marked point, or None."""
        return self._picked

    def _on_canvas_clicked(self, event) -> bool:
        if event.button() != Qt.LeftButton:
            return False
        scene_pos = self._canvas.mapToScene(event.position().toPoint())
        box = self._plot.getViewBox()
        if not box.sceneBoundingRect().contains(scene_pos):
            return False
        point = box.mapSceneToView(scene_pos)
        return self.pick_point(point.x(), point.y())
