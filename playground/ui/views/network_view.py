"""The Network view: the network diagram, as in TensorFlow Playground.

Columns left to right: the inputs, each hidden layer, the output. A neuron (뉴런) is a
square showing its output over the input plane (2-D data) or a circle coloured by
its bias (other data). Connections show the weights (가중치): colour = sign
(theme.positive / theme.negative), thickness = |weight| relative to the largest.
BatchNorm layers are columns joined 1:1 to the layer before; Dropout layers are a
labelled band the connections cross.

Cost per snapshot does not grow with the number of connections in items: edges are
binned by sign and width into ``2 * WIDTH_BINS`` curve items drawn with
``connect="pairs"``; the neuron maps of one column are one atlas image. Wide layers
show their first ``MAX_DRAWN`` neurons and a "+N more" label.

Column indices (``layer_index`` below): 0 = inputs, i = ``info.blocks[i - 1]``; the
columns and what their titles and tooltips say are in playground.ui.views.network_columns.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QTextOption
from PySide6.QtWidgets import QGraphicsRectItem, QLabel, QScrollArea, QToolTip, QVBoxLayout, QWidget

from playground.runs.messages import BlockPicture, Dashboard
from playground.ui.views.network_columns import (MAX_DRAWN, TITLE_FONT_POINTS, Column, columns_for, connections,
                                                 edge_text, general_tooltip, neuron_text, resample, side_labels,
                                                 squares, title_html, title_tooltip)
from playground.ui.widgets.colour_maps import diverging_image, diverging_lut, mix, target_scale, with_alpha
from playground.ui.theme import LIGHT, Theme

WIDTH_BINS = 6  # edge widths per sign: 2 * WIDTH_BINS curve items for all the edges
MAP_RES = 20  # pixels per side of a neuron's heat map
MAP_GAP = 10  # transparent atlas rows between two maps: neuron pitch = 1.5 x size
PITCH = (MAP_RES + MAP_GAP) / MAP_RES
HOVER_PIXELS = 4.0  # an edge this close to the mouse gets the tooltip
TITLE_HEIGHT = 30  # at least: two lines of 8 pt
BOTTOM_MARGIN = 6
MORE_LABEL_HEIGHT = 14  # below a capped column: "+N more"
SIDE_MARGIN = 46  # room for input feature names / output class names
DROPOUT_WIDTH = 0.7  # a dropout band's share of a column's width
MIN_COLUMN_WIDTH = 66  # pixels; a deeper network scrolls sideways instead of squeezing its titles
MIN_MAP_SIZE = 12  # pixels per neuron map (2-D data); a taller column scrolls instead of shrinking them
MIN_CIRCLE_SIZE = 10  # pixels per neuron circle (other data)


class _Atlas(pg.ImageItem):
    """A column's heat maps in one image, drawn with bilinear smoothing."""

    smooth = True

    def paint(self, painter, *args):
        painter.setRenderHint(QPainter.SmoothPixmapTransform, self.smooth)
        super().paint(painter, *args)


class NetworkView(QWidget):
    """The network diagram. Implements the dashboard view API."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._theme = LIGHT
        self._columns: list[Column] = []
        self._dataset = None
        self._planar = False
        self._dashboard: Dashboard | None = None  # the newest record (weights, maps), kept to recolour
        self._batchnorm: dict = {}
        self._edge_values = np.zeros(0)
        self._edge_keys = np.zeros((0, 3), dtype=np.int64)  # (column, source neuron, target neuron)
        self._segments = np.zeros((0, 4))  # x0, y0, x1, y1 per edge, in edge order
        self._groups: list[tuple[str, float, int]] = []
        self._edge_bins = np.zeros(0, dtype=np.int64)
        self._edge_members: dict[tuple[str, int], np.ndarray] = {}  # edge numbers per curve, as drawn
        self._build()
        self.set_theme(LIGHT)

    # --- construction --------------------------------------------------------------------
    def _build(self) -> None:
        self._view = pg.GraphicsView()
        self._view.setAntialiasing(True)
        self._box = pg.ViewBox(enableMouse=False, invertY=True, enableMenu=False)
        self._box.setDefaultPadding(0)
        self._view.setCentralItem(self._box)
        self._view.viewport().installEventFilter(self)
        self._box.sigResized.connect(self._relayout)
        # Below its minimum size (minimum_diagram_size) the diagram scrolls.
        self._scroll = QScrollArea()
        self._scroll.setWidget(self._view)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QScrollArea.NoFrame)
        self._empty = QLabel(self.tr("Press Train to start: the network diagram appears here."))
        self._empty.setAlignment(Qt.AlignCenter)
        self._empty.setWordWrap(True)
        self._caption = QLabel(self.tr(
            "Weights: blue positive, orange negative, thicker = larger. Hover for values."))
        self._caption.setWordWrap(True)
        small = QFont(self._caption.font())
        small.setPointSizeF(max(small.pointSizeF() - 1, 7.0))
        self._caption.setFont(small)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 2)
        layout.setSpacing(0)
        layout.addWidget(self._empty)
        layout.addWidget(self._scroll, 1)
        layout.addWidget(self._caption)
        self._scroll.setVisible(False)

        self._edges = []
        for sign in ("-", "+"):
            for b in range(WIDTH_BINS):
                curve = pg.PlotCurveItem(connect="pairs", antialias=True)
                # drawLines, not one stroked path: several times faster for many wide segments.
                curve.setSegmentedLineMode("on")
                curve.setZValue(-5)
                self._box.addItem(curve)
                self._edges.append((sign, b, curve))
        self._passes = pg.PlotCurveItem(connect="pairs")  # BatchNorm's 1:1 connections
        self._passes.setZValue(-6)
        self._outlines = pg.PlotCurveItem(connect="pairs")  # squares around the neuron maps
        self._outlines.setSegmentedLineMode("on")
        self._outlines.setZValue(5)
        self._circles = pg.ScatterPlotItem(pxMode=True)
        self._circles.setZValue(4)
        for item in (self._passes, self._outlines, self._circles):
            self._box.addItem(item)
        self._view.setToolTip(general_tooltip())

    # --- the view API ----------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._lut = diverging_lut(theme)
        self._brush_lut = np.array([pg.mkBrush(*c) for c in self._lut.tolist()], dtype=object)
        self._view.setBackground(theme.background)
        grey = "#666666" if theme.name == "light" else "#a0a4ab"
        self._caption.setStyleSheet(f"color: {grey}; padding-left: 6px;")
        self._outlines.setPen(pg.mkPen(with_alpha(theme.foreground, 0.45), width=1))
        self._passes.setPen(pg.mkPen(with_alpha(theme.foreground, 0.35), width=1.5, style=Qt.DotLine))
        self._circles.setPen(pg.mkPen(with_alpha(theme.foreground, 0.6), width=1))
        self._style_edges()
        for column in self._columns:
            self._style_column(column)
        if self._columns:
            self._draw_input_maps()
            self._draw_maps()
            self._redraw()

    def start_run(self, info) -> None:
        """Rebuild the columns for the run's layers; the maps fill in with the first snapshot."""
        self._clear_columns()
        self._dataset = info.dataset
        self._planar = info.dataset.input_kind == "2d"
        self._dashboard, self._batchnorm = None, {}
        self._columns = columns_for(info)
        for column in self._columns:
            self._make_column_items(column)
        self._empty.setVisible(False)
        self._empty.setText(self.tr("Press Train to start: the network diagram appears here."))
        self._scroll.setVisible(True)
        self._view.setMinimumSize(*self.minimum_diagram_size())
        self._relayout()
        self._draw_input_maps()
        self._redraw()

    def has_run(self) -> bool:
        """A run's network is drawn (False before the first run and after ``clear_run``)."""
        return bool(self._columns)

    def clear_run(self, reason: str) -> None:
        """There is no current run: no diagram of an earlier design; ``reason`` in its place."""
        self._clear_columns()
        self._dashboard, self._batchnorm = None, {}
        self._scroll.setVisible(False)
        self._empty.setText(reason)
        self._empty.setVisible(True)

    def show_snapshot(self, snapshot) -> None:
        """Update maps, circles and edges from ``snapshot.dashboard`` (items are reused)."""
        if not self._columns:
            return
        if snapshot.dashboard is not None:
            self._dashboard = snapshot.dashboard
        if snapshot.probe is not None:
            self._batchnorm = {bn.name: bn for bn in getattr(snapshot.probe, "batchnorm", ())}
        if self._planar:
            self._draw_maps()
        self._redraw()

    def _draw_maps(self) -> None:
        if self._dashboard is None:
            return
        self._draw_hidden_maps()
        if self._dashboard.boundary is not None:
            self._draw_output_map(np.asarray(self._dashboard.boundary))

    def _picture(self, column: Column) -> BlockPicture | None:
        """What the newest record says of ``column``'s block (None before one, or for the inputs)."""
        dashboard = self._dashboard
        if dashboard is None or column.block is None or column.block >= len(dashboard.blocks):
            return None
        return dashboard.blocks[column.block]

    # --- public for tests ------------------------------------------------------------------
    def column_names(self) -> list[str]:
        return [c.name for c in self._columns]

    def neuron_count(self, layer_index: int) -> int:
        """Neurons drawn in a column (at most MAX_DRAWN; 0 for a dropout band)."""
        return self._columns[layer_index].drawn

    def neuron_position(self, layer_index: int, neuron_index: int) -> tuple[float, float]:
        """Centre of a drawn neuron in view pixels."""
        column = self._columns[layer_index]
        return float(column.x), float(column.ys[neuron_index])

    def more_label(self, layer_index: int) -> str:
        """The "+N more" text under a capped column, else ""."""
        more = self._columns[layer_index].more
        return more.textItem.toPlainText() if more is not None and more.isVisible() else ""

    def edge_groups(self) -> list[tuple[str, float, int]]:
        """(sign "+" or "-", pen width in pixels, number of edges) per non-empty curve item."""
        return list(self._groups)

    def edge_style(self, layer_index: int, source: int, target: int) -> tuple[str, float]:
        """(pen colour "#rrggbb", pen width) of the curve item that draws one connection
        into column ``layer_index`` (thin edges are faded towards the background)."""
        k = self._edge_number(layer_index, source, target)
        for sign, b, curve in self._edges:
            members = self._edge_members.get((sign, b))
            if members is not None and np.any(members == k):
                pen = curve.opts["pen"]
                return pen.color().name(), pen.widthF()
        raise LookupError(f"connection {source} -> {target} of column {layer_index} is not drawn")

    def item_count(self) -> int:
        """Graphics items in the scene (does not depend on the number of connections)."""
        return len(self._view.scene().items())

    def atlas_array(self, layer_index: int) -> np.ndarray | None:
        """The RGBA atlas shown for a column (maps stacked top to bottom), or None."""
        column = self._columns[layer_index]
        return None if column.atlas is None else column.atlas.image

    def atlas_rect(self, layer_index: int) -> tuple[float, float, float, float]:
        """Where a column's maps are drawn: (x, y, width, height) in view pixels."""
        atlas = self._columns[layer_index].atlas
        rect = atlas.mapRectToParent(atlas.boundingRect())
        return rect.x(), rect.y(), rect.width(), rect.height()

    def tooltip_at_neuron(self, layer_index: int, neuron_index: int) -> str:
        column = self._columns[layer_index]
        if not 0 <= neuron_index < column.drawn:
            raise IndexError(f"column {layer_index} draws {column.drawn} neurons, not {neuron_index + 1}")
        return self._neuron_text(layer_index, neuron_index)

    def tooltip_at_edge(self, layer_index: int, source: int, target: int) -> str:
        """Tooltip of the connection from neuron ``source`` of the feeding column to
        neuron ``target`` of column ``layer_index`` (a Linear or Output column)."""
        return self._edge_text(self._edge_number(layer_index, source, target))

    def tooltip_at(self, x: float, y: float) -> str:
        """The hover tooltip at view pixel (x, y): a neuron, else the nearest edge, else general."""
        hit = self._neuron_at(x, y)
        if hit is not None:
            return self._neuron_text(*hit)
        k = self._edge_near(x, y)
        if k is not None:
            return self._edge_text(k)
        scene_point = self._box.mapViewToScene(QPointF(x, y))
        for column in self._columns:
            for item in (column.more, column.title):
                if item is not None and item.sceneBoundingRect().contains(scene_point):
                    return item.toolTip()
        return general_tooltip()

    # --- per-run items ------------------------------------------------------------------------
    def _clear_columns(self) -> None:
        for column in self._columns:
            for item in [column.atlas, column.title, column.more, column.band, *column.labels]:
                if item is not None:
                    self._box.removeItem(item)
        self._columns = []

    def _make_column_items(self, column: Column) -> None:
        small = QFont()
        small.setPointSizeF(TITLE_FONT_POINTS)
        column.title = pg.TextItem(anchor=(0.5, 0))
        column.title.setFont(small)
        document = column.title.textItem.document()
        document.setDocumentMargin(0)
        option = QTextOption(Qt.AlignHCenter)
        option.setWrapMode(QTextOption.NoWrap)  # a title never breaks inside a word: it is shortened to fit
        document.setDefaultTextOption(option)
        column.title.setToolTip(title_tooltip(column, self._dataset))
        self._box.addItem(column.title)
        if column.kind == "dropout":
            column.band = QGraphicsRectItem()
            column.band.setZValue(-8)
            self._box.addItem(column.band)
        if column.units > column.drawn and column.kind != "dropout":
            column.more = self._more_label(column, small)
            self._box.addItem(column.more)
        if self._planar and column.drawn:
            column.atlas = _Atlas(axisOrder="row-major")
            column.buffer = np.zeros((column.drawn, MAP_RES + MAP_GAP, MAP_RES, 4), np.uint8)
            # An (empty) image of the final shape now: setRect needs the image size.
            blank = column.buffer.reshape(-1, MAP_RES, 4)[:-MAP_GAP]
            column.atlas.setImage(blank, levels=(0, 255), autoLevels=False)
            self._box.addItem(column.atlas)
        for text, anchor in side_labels(column, self._dataset):
            label = pg.TextItem(text, anchor=anchor)
            label.setFont(small)
            self._box.addItem(label)
            column.labels.append(label)
        self._style_column(column)

    def _more_label(self, column: Column, font: QFont) -> pg.TextItem:
        label = pg.TextItem(self.tr("+{0} more").format(column.units - column.drawn), anchor=(0.5, 0))
        label.setFont(font)
        if column.kind == "input":
            note = self.tr("There are {0} input features; the first {1} are drawn, with their connections.")
        else:
            note = self.tr("This layer has {0} neurons; the first {1} are drawn, with their connections.")
        label.setToolTip(note.format(column.units, column.drawn))
        return label

    def _style_column(self, column: Column) -> None:
        theme = self._theme
        if column.title is not None:
            column.title.setColor(theme.foreground)
            column.title.setHtml(title_html(column, self._dataset))
        for item in [column.more, *column.labels]:
            if item is not None:
                item.setColor(theme.foreground)
        if column.band is not None:
            column.band.setBrush(pg.mkBrush(with_alpha(theme.foreground, 0.07)))
            column.band.setPen(pg.mkPen(with_alpha(theme.foreground, 0.3), width=1, style=Qt.DashLine))

    def title_lines(self, layer_index: int) -> list[str]:
        """The lines of a column's title as laid out on screen (plain text)."""
        lines = []
        block = self._columns[layer_index].title.textItem.document().begin()
        while block.isValid():
            layout = block.layout()
            for k in range(layout.lineCount()):
                line = layout.lineAt(k)
                lines.append(block.text()[line.textStart():line.textStart() + line.textLength()].strip("\u2028 "))
            block = block.next()
        return lines

    def side_labels(self, layer_index: int) -> list[str]:
        """The names shown beside a column's neurons (input features, output classes)."""
        return [label.textItem.toPlainText() for label in self._columns[layer_index].labels if label.isVisible()]

    def neuron_size(self) -> float:
        """The side of a neuron's map (or a circle's diameter), in pixels."""
        return self._columns[0].size

    def title_width(self, layer_index: int) -> float:
        """The width a column's title may take, in pixels."""
        return self._columns[layer_index].title_width

    def _bottom_margin(self) -> float:
        return BOTTOM_MARGIN + (MORE_LABEL_HEIGHT if any(c.more is not None for c in self._columns) else 0)

    def _min_neuron_size(self) -> float:
        return MIN_MAP_SIZE if self._planar else MIN_CIRCLE_SIZE

    def minimum_diagram_size(self) -> tuple[int, int]:
        """The smallest (width, height) in pixels at which titles and neurons stay readable:
        MIN_COLUMN_WIDTH per column, MIN_MAP_SIZE or MIN_CIRCLE_SIZE per neuron. Below it the diagram scrolls."""
        if not self._columns:
            return 0, 0
        weights = sum(DROPOUT_WIDTH if c.kind == "dropout" else 1.0 for c in self._columns)
        tallest = max(c.drawn for c in self._columns)
        title = 2 * QFontMetricsF(self._columns[0].title.textItem.font()).lineSpacing() + 6
        span = (tallest * PITCH - (PITCH - 1)) * self._min_neuron_size()
        return (int(np.ceil(2 * SIDE_MARGIN + weights * MIN_COLUMN_WIDTH)),
                int(np.ceil(max(TITLE_HEIGHT, title) + span + self._bottom_margin())))

    # --- layout (pixels, y down) ----------------------------------------------------------------
    def _relayout(self) -> None:
        if not self._columns:
            return
        width, height = max(self._box.width(), 50.0), max(self._box.height(), 50.0)
        self._box.setRange(xRange=(0, width), yRange=(0, height), padding=0)
        weights = np.array([DROPOUT_WIDTH if c.kind == "dropout" else 1.0 for c in self._columns])
        unit = (width - 2 * SIDE_MARGIN) / weights.sum()
        centres = SIDE_MARGIN + unit * (np.cumsum(weights) - weights / 2)
        for column, share in zip(self._columns, weights):
            column.title_width = max(unit * share - 4, 20.0)
            column.title.setTextWidth(column.title_width)  # a width, so that the lines centre
            column.title.setHtml(title_html(column, self._dataset))
        title_height = max(TITLE_HEIGHT, max(c.title.textItem.boundingRect().height() for c in self._columns) + 6)
        tallest = max(c.drawn for c in self._columns)
        room = height - title_height - self._bottom_margin()
        size = float(np.clip(min(room / (tallest * PITCH - (PITCH - 1)), unit * 0.5), self._min_neuron_size(), 56.0))
        # Columns are centred on the tallest, unless the diagram scrolls: then a short column
        # (the inputs, the output) would sit out of sight below the fold, so all start at the top.
        scrolls = self._view.height() > self._scroll.viewport().height()
        for column, x in zip(self._columns, centres):
            column.x, column.size = float(x), size
            n = column.drawn
            span = (n - 1) * size * PITCH + size if n else 0.0
            top = title_height + (0 if scrolls else (room - span) / 2) + size / 2
            column.ys = top + np.arange(n) * size * PITCH
            self._place_column(column, title_height, room, unit)
        self._place_connections()
        self._redraw_edges()

    def _place_column(self, column: Column, top: float, room: float, unit: float) -> None:
        size = column.size
        column.title.setPos(column.x, 2)
        if column.more is not None:
            column.more.setPos(column.x, column.ys[-1] + size / 2 + 2)
        if column.band is not None:
            column.band.setRect(QRectF(column.x - unit * 0.25, top, unit * 0.5, room))
        if column.atlas is not None:
            span = (column.drawn - 1) * size * PITCH + size
            column.atlas.setRect(QRectF(column.x - size / 2, column.ys[0] - size / 2, size, span))
        left = column.kind == "input"
        offset = (-size / 2 - 4) if left else (size / 2 + 4)
        show = size >= 9  # names would overlap on tiny neurons
        for label, y in zip(column.labels, column.ys):
            label.setPos(column.x + offset, y)
            label.setVisible(show)

    def _place_connections(self) -> None:
        """Edge endpoints, the BatchNorm pass-through lines and the neuron outlines or circles."""
        self._segments, self._edge_keys, lines = connections(self._columns)
        self._edge_members = {}  # geometry changed: every edge curve must be set again
        self._passes.setData(lines[:, [0, 2]].ravel(), lines[:, [1, 3]].ravel())
        self._place_neurons()

    def _place_neurons(self) -> None:
        drawn = [c for c in self._columns if c.drawn]
        if self._planar:
            boxes = np.concatenate([squares(c.x, c.ys, c.size) for c in drawn])
            self._outlines.setData(boxes[:, [0, 2]].ravel(), boxes[:, [1, 3]].ravel())
            self._circles.setData([], [])
            return
        xs = np.concatenate([np.full(c.drawn, c.x) for c in drawn])
        ys = np.concatenate([c.ys for c in drawn])
        self._outlines.setData([], [])
        self._circles.setData(xs, ys, size=drawn[0].size, brush=self._circle_brushes())

    # --- drawing per snapshot ------------------------------------------------------------------------
    def _redraw(self) -> None:
        self._edge_values = self._current_edge_values()
        self._redraw_edges()
        if not self._planar and self._columns:
            self._circles.setBrush(self._circle_brushes())

    def _current_edge_values(self) -> np.ndarray:
        """Weights of the drawn edges, in the order of ``self._segments`` (zeros before a snapshot)."""
        values = []
        for column in self._columns:
            if column.source is None or column.kind == "batchnorm":
                continue
            n_in = self._columns[column.source].drawn
            picture = self._picture(column)
            w = picture.weight if picture is not None else None
            if w is None or w.shape[0] < column.drawn or w.shape[1] < n_in:
                values.append(np.zeros(column.drawn * n_in))
            else:
                values.append(np.asarray(w[: column.drawn, :n_in], dtype=np.float64).ravel())
        edge_values = np.concatenate(values) if values else np.zeros(0)
        return np.nan_to_num(edge_values) if len(edge_values) == len(self._segments) else np.zeros(len(self._segments))

    def _redraw_edges(self) -> None:
        values = self._edge_values if len(self._edge_values) == len(self._segments) else np.zeros(len(self._segments))
        largest = float(np.max(np.abs(values))) if values.size else 0.0
        relative = np.abs(values) / largest if largest > 0 else np.zeros_like(values)
        self._edge_bins = np.minimum((relative * WIDTH_BINS).astype(np.int64), WIDTH_BINS - 1)
        positive = values >= 0
        groups = []
        xs, ys = self._segments[:, [0, 2]], self._segments[:, [1, 3]]
        for sign, b, curve in self._edges:
            mask = (self._edge_bins == b) & (positive if sign == "+" else ~positive)
            n = int(np.count_nonzero(mask))
            members = np.flatnonzero(mask)
            if not np.array_equal(members, self._edge_members.get((sign, b))):
                self._edge_members[(sign, b)] = members
                curve.setData(xs[members].ravel(), ys[members].ravel())
            if n:
                groups.append((sign, self._bin_width(b), n))
        self._groups = groups

    def _bin_width(self, b: int) -> float:
        return 0.6 + 4.4 * b / (WIDTH_BINS - 1)

    def _style_edges(self) -> None:
        for sign, b, curve in self._edges:
            colour = self._theme.positive if sign == "+" else self._theme.negative
            # Thin edges fade into the background, so that the strong connections stand out.
            # Opaque (pre-blended) pens: alpha-blended antialiased lines cost twice as much to paint.
            faded = mix(colour, self._theme.background, 0.3 + 0.7 * b / (WIDTH_BINS - 1))
            curve.setPen(pg.mkPen(faded, width=self._bin_width(b)))

    def _circle_brushes(self) -> list:
        """Neuron circles (non-2-D data): neutral inputs, others coloured by bias."""
        brushes = []
        for column in self._columns:
            if not column.drawn:
                continue
            bias = self._bias_of(column)
            if bias is None:
                brushes.extend([self._brush_lut[128]] * column.drawn)
                continue
            largest = max(float(np.max(np.abs(bias))), 1e-12)
            index = ((np.clip(np.nan_to_num(bias / largest), -1, 1) + 1) * 127.5).astype(np.intp)
            brushes.extend(self._brush_lut[index].tolist())
        return brushes

    def _bias_of(self, column: Column) -> np.ndarray | None:
        picture = self._picture(column)
        if picture is None or picture.bias is None:
            return None
        bias = np.asarray(picture.bias)
        return bias[: column.drawn] if len(bias) >= column.drawn else None

    def _draw_input_maps(self) -> None:
        """Each input feature over the plane, computed once per run (scaled to its own range)."""
        column = self._columns[0] if self._columns else None
        if column is None or column.atlas is None:
            return
        x0, x1, y0, y1 = self._dataset.extent
        gx, gy = np.meshgrid(np.linspace(x0, x1, MAP_RES), np.linspace(y0, y1, MAP_RES))
        features = self._dataset.features_of(np.stack([gx.ravel(), gy.ravel()], 1))
        maps = features.T.reshape(-1, MAP_RES, MAP_RES)[: column.drawn]
        scale = np.maximum(np.abs(maps).max(axis=(1, 2), keepdims=True), 1e-12)
        self._set_atlas(column, maps / scale)

    def _draw_hidden_maps(self) -> None:
        for column in self._columns:
            picture = self._picture(column)
            if picture is None or picture.neurons is None or column.atlas is None:
                continue
            maps = np.asarray(picture.neurons)[: column.drawn]
            if len(maps) < column.drawn:
                continue
            # Fixed levels -1..1 (tanh's range); larger outputs (ReLU) scale the layer down together.
            scale = max(1.0, float(np.max(np.abs(np.nan_to_num(maps)))))
            self._set_atlas(column, resample(maps, MAP_RES) / scale)

    def _draw_output_map(self, boundary: np.ndarray) -> None:
        column = self._columns[-1]
        if column.atlas is None:
            return
        if boundary.ndim == 2:  # regression: value, levels +-largest |target|
            maps = boundary[None] / target_scale(self._dataset)
        elif column.units == 1:  # one logit: p(class 1)
            maps = 2 * boundary[None, ..., 1] - 1
        else:
            maps = 2 * np.moveaxis(boundary, -1, 0) - 1
        self._set_atlas(column, resample(maps[: column.drawn], MAP_RES))

    def _set_atlas(self, column: Column, maps: np.ndarray) -> None:
        """maps (n, r, r), row = x2 low->high, already scaled to -1..1."""
        rgba = diverging_image(maps, 1.0, self._lut)
        column.buffer[:, :MAP_RES] = rgba[:, ::-1]  # the view's y runs down: x2 high on top
        atlas = column.buffer.reshape(-1, MAP_RES, 4)[:-MAP_GAP]
        column.atlas.setImage(atlas, levels=(0, 255), autoLevels=False)

    # --- hover ------------------------------------------------------------------------------------------
    def _neuron_at(self, x: float, y: float) -> tuple[int, int] | None:
        for j, column in enumerate(self._columns):
            if not column.drawn or abs(x - column.x) > column.size / 2 + 1:
                continue
            i = int(np.argmin(np.abs(column.ys - y)))
            if abs(column.ys[i] - y) <= column.size / 2 + 1:
                return j, i
        return None

    def _edge_near(self, x: float, y: float) -> int | None:
        """Index of the edge nearest to (x, y) within HOVER_PIXELS (vectorised over all edges)."""
        if not len(self._segments):
            return None
        a, b = self._segments[:, :2], self._segments[:, 2:]
        d = b - a
        t = np.clip(((x - a[:, 0]) * d[:, 0] + (y - a[:, 1]) * d[:, 1]) / np.maximum((d ** 2).sum(1), 1e-12), 0, 1)
        distance = np.hypot(a[:, 0] + t * d[:, 0] - x, a[:, 1] + t * d[:, 1] - y)
        # Among near edges prefer the thickest: that is the one the eye sees.
        near = np.flatnonzero(distance <= HOVER_PIXELS)
        if not near.size:
            return None
        return int(near[np.argmax(np.abs(self._edge_values[near]) if len(self._edge_values) else 0)])

    def _edge_number(self, layer_index: int, source: int, target: int) -> int:
        match = np.flatnonzero((self._edge_keys == [layer_index, source, target]).all(axis=1))
        if not match.size:
            raise IndexError(f"no drawn connection from neuron {source} into column {layer_index}, neuron {target}")
        return int(match[0])

    def _neuron_text(self, j: int, i: int) -> str:
        column = self._columns[j]
        return neuron_text(column, i, self._dataset, self._planar, self._batchnorm.get(column.name),
                           self._bias_of(column))

    def _edge_text(self, k: int) -> str:
        j, s, t = (int(v) for v in self._edge_keys[k])
        column, source = self._columns[j], self._columns[self._columns[j].source]
        value = float(self._edge_values[k]) if k < len(self._edge_values) else 0.0
        return edge_text(column, source, self._dataset, s, t, value)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.ToolTip and watched is self._view.viewport():
            point = self._box.mapSceneToView(self._view.mapToScene(event.pos()))
            QToolTip.showText(event.globalPos(), self.tooltip_at(point.x(), point.y()), self._view)
            return True
        return super().eventFilter(watched, event)


# --- helpers ----------------------------------------------------------------------------------------------
