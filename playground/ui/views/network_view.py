"""The Network view: the network diagram, as in TensorFlow Playground.

Columns left to right: the inputs, each hidden layer, the output. A neuron (뉴런) is a
square showing its output over the input plane (2-D data) or a circle coloured by
its bias (other data); connections show the weights (가중치). BatchNorm layers are
columns joined 1:1 to the layer before; Dropout layers are a labelled band the
connections cross. Wide layers show their first ``MAX_DRAWN`` neurons and a "+N more" label;
a large network draws only its strongest connections (network_edges.EDGE_BUDGET), and
the caption under the diagram says so.

This module is the widget, the layout (where columns and neurons sit, in pixels) and
each column's text items; the parts it hands positions and records to are
playground.ui.views.network_columns (the columns, their texts, what a record holds for
each), network_edges (the connections: a fixed set of curve items) and network_neurons
(heat-map atlases or circles).

Column indices (``layer_index`` below): 0 = inputs, i = ``info.blocks[i - 1]``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QTextOption
from PySide6.QtWidgets import QGraphicsRectItem, QLabel, QScrollArea, QToolTip, QVBoxLayout, QWidget

from playground.runs.messages import MAX_DRAWN, Dashboard
from playground.ui.theme import LIGHT, Theme
from playground.ui.views.network_columns import (TITLE_FONT_POINTS, Column, bias_of, columns_for,
                                                 edge_text, general_tooltip, neuron_text, side_labels, title_html,
                                                 title_tooltip)
from playground.ui.views.network_edges import Edges, edge_weights
from playground.ui.views.network_neurons import MAP_GAP, MAP_RES, PITCH, Neurons
from playground.ui.views.network_values import ValueOverlay
from playground.ui.widgets.colour_maps import with_alpha

# MAP_RES, MAP_GAP (network_neurons), TITLE_FONT_POINTS (network_columns) and MAX_DRAWN (runs.messages:
# the training process sends only that many neurons per layer) are the diagram's sizes; importable
# from here with the layout's own.

TITLE_HEIGHT = 30  # at least: two lines of 8 pt
BOTTOM_MARGIN = 6
MORE_LABEL_HEIGHT = 14  # below a capped column: "+N more"
SIDE_MARGIN = 46  # room for input feature names / output class names
DROPOUT_WIDTH = 0.7  # a dropout band's share of a column's width
MIN_COLUMN_WIDTH = 66  # pixels; a deeper network scrolls sideways instead of squeezing its titles
MIN_MAP_SIZE = 12  # pixels per neuron map (2-D data); a taller column scrolls instead of shrinking them
MIN_CIRCLE_SIZE = 10  # pixels per neuron circle (other data)


class NetworkView(QWidget):
    """The network diagram. Implements the dashboard view API."""

    neuron_clicked = Signal(int, int)  # block (RunInfo.blocks index), unit: a neuron that has a formula

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._theme = LIGHT
        self._columns: list[Column] = []
        self._dataset = None
        self._planar = False
        self._dashboard: Dashboard | None = None  # the newest record (weights, maps), kept to recolour
        self._batchnorm: dict = {}
        self._build()
        self.set_theme(LIGHT)

    # --- construction --------------------------------------------------------------------
    def _build(self) -> None:
        self._view = pg.GraphicsView()
        self._view.setAntialiasing(True)
        self._box = pg.ViewBox(enableMouse=False, invertY=True, enableMenu=False)
        self._box.setDefaultPadding(0)
        self._view.setCentralItem(self._box)
        self._edges = Edges(self._box)
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
        self._caption = QLabel(self._caption_text())
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

        self._neurons = Neurons(self._box)
        self._view.setToolTip(general_tooltip())
        self._build_chosen_ring()

    # --- the view API ----------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._view.setBackground(theme.background)
        self._caption.setStyleSheet(f"color: {theme.muted}; padding-left: 6px;")
        self._edges.set_theme(theme)
        self._neurons.set_theme(theme)
        for column in self._columns:
            self._style_column(column)
        if self._columns:
            self._view.setMinimumSize(*self.minimum_diagram_size())
            self._relayout()
            self._neurons.draw_input_maps()
            self._neurons.draw_maps(self._dashboard)
            self._redraw()

    def start_run(self, info) -> None:
        """Rebuild the columns for the run's layers; the maps fill in with the first snapshot."""
        self._clear_columns()
        self._dataset = info.dataset
        self._planar = info.dataset.input_kind == "2d"
        self._dashboard, self._batchnorm = None, {}
        self._columns = columns_for(info)
        self._neurons.start(self._columns, info.dataset)
        for column in self._columns:
            self._make_column_items(column)
        self._empty.setVisible(False)
        self._empty.setText(self.tr("Press Train to start: the network diagram appears here."))
        self._scroll.setVisible(True)
        self._view.setMinimumSize(*self.minimum_diagram_size())
        self._relayout()
        self._neurons.draw_input_maps()
        self._redraw()
        self.mark_neuron(None)

    def has_run(self) -> bool:
        """A run's network is drawn (False before the first run and after ``clear_run``)."""
        return bool(self._columns)

    def clear_run(self, reason: str) -> None:
        """There is no current run: no diagram of an earlier design; ``reason`` in its place."""
        self._clear_columns()
        self._dashboard, self._batchnorm = None, {}
        self._edges.place([])
        self._caption.setText(self._caption_text())
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
        self._neurons.draw_maps(self._dashboard)
        self._redraw()

    def _redraw(self) -> None:
        """Edges and circles from the newest record (zero weights and neutral circles before one)."""
        self._edges.set_values(edge_weights(self._columns, self._dashboard))
        self._neurons.recolour(self._dashboard)

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

    def caption(self) -> str:
        """The text under the diagram: the key to the connections, and what is left out."""
        return self._caption.text()

    def drawn_edges(self) -> list[tuple[int, int, int, float]]:
        """(column, source neuron, target neuron, weight) of every connection drawn."""
        return [(*self._edges.key(k), self._edges.value(k)) for k in self._edges.shown()]

    def edge_groups(self) -> list[tuple[str, float, int]]:
        """(sign "+" or "-", pen width in pixels, number of edges) per non-empty curve item."""
        return self._edges.groups()

    def edge_style(self, layer_index: int, source: int, target: int) -> tuple[str, float]:
        """(pen colour "#rrggbb", pen width) of the curve item that draws one connection
        into column ``layer_index`` (thin edges are faded towards the background)."""
        return self._edges.style(self._edges.number(layer_index, source, target))

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
        return self._edge_text(self._edges.number(layer_index, source, target))

    def tooltip_at(self, x: float, y: float) -> str:
        """The hover tooltip at view pixel (x, y): a neuron, else the nearest edge, else general."""
        hit = self._neuron_at(x, y)
        if hit is not None:
            return self._neuron_text(*hit)
        k = self._edges.near(x, y)
        if k is not None:
            return self._edge_text(k)
        scene_point = self._box.mapViewToScene(QPointF(x, y))
        for column in self._columns:
            for item in (column.more, column.title):
                if item is not None and item.sceneBoundingRect().contains(scene_point):
                    return item.toolTip()
        return general_tooltip()

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

    # --- per-run items ------------------------------------------------------------------------
    def _clear_columns(self) -> None:
        self.clear_values()
        for column in self._columns:
            for item in [column.atlas, column.title, column.more, column.band, *column.labels]:
                if item is not None:
                    self._box.removeItem(item)
        self._columns = []
        self._neurons.clear()

    def _make_column_items(self, column: Column) -> None:
        small = QFont()
        small.setPointSizeF(TITLE_FONT_POINTS)
        column.title = pg.TextItem(anchor=(0.5, 0))
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
        self._neurons.add_atlas(column)
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
        column.title_points = TITLE_FONT_POINTS * theme.font_scale
        small = QFont()
        small.setPointSizeF(column.title_points)
        for item in [column.title, column.more, *column.labels]:
            if item is not None:
                item.setFont(small)
        if column.title is not None:
            column.title.setColor(theme.foreground)
            column.title.setHtml(title_html(column, self._dataset))
        for item in [column.more, *column.labels]:
            if item is not None:
                item.setColor(theme.foreground)
        if column.band is not None:
            column.band.setBrush(pg.mkBrush(with_alpha(theme.foreground, 0.07)))
            column.band.setPen(pg.mkPen(with_alpha(theme.foreground, 0.3), width=theme.line(1), style=Qt.DashLine))

    # --- layout (pixels, y down) ----------------------------------------------------------------
    def _bottom_margin(self) -> float:
        more = MORE_LABEL_HEIGHT * self._theme.font_scale if any(c.more is not None for c in self._columns) else 0
        return BOTTOM_MARGIN + more

    def _side_margin(self) -> float:
        return SIDE_MARGIN * self._theme.font_scale

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
        return (int(np.ceil(2 * self._side_margin() + weights * MIN_COLUMN_WIDTH)),
                int(np.ceil(max(TITLE_HEIGHT, title) + span + self._bottom_margin())))

    def _relayout(self) -> None:
        if not self._columns:
            return
        width, height = max(self._box.width(), 50.0), max(self._box.height(), 50.0)
        self._box.setRange(xRange=(0, width), yRange=(0, height), padding=0)
        weights = np.array([DROPOUT_WIDTH if c.kind == "dropout" else 1.0 for c in self._columns])
        unit = (width - 2 * self._side_margin()) / weights.sum()
        centres = self._side_margin() + unit * (np.cumsum(weights) - weights / 2)
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
        self._edges.place(self._columns)
        self._neurons.place(self._dashboard)
        self._caption.setText(self._caption_text())
        self._place_chosen_ring()

    def _caption_text(self) -> str:
        """The key to the connections, and what a large network leaves out (Edges.capped)."""
        text = self.tr("Weights: blue positive, orange negative, thicker = larger. Hover for values.")
        capped = self._edges.capped()
        if capped is not None:
            text += " " + self.tr("Large network: only the strongest {0} connections per layer are drawn "
                                  "({1:,} of {2:,}).").format(*capped)
        return text

    def _place_column(self, column: Column, top: float, room: float, unit: float) -> None:
        size = column.size
        column.title.setPos(column.x, 2)
        if column.more is not None:
            column.more.setPos(column.x, column.ys[-1] + size / 2 + 2)
        if column.band is not None:
            column.band.setRect(QRectF(column.x - unit * 0.25, top, unit * 0.5, room))
        left = column.kind == "input"
        offset = (-size / 2 - 4) if left else (size / 2 + 4)
        show = size >= 9  # names would overlap on tiny neurons
        for label, y in zip(column.labels, column.ys):
            label.setPos(column.x + offset, y)
            label.setVisible(show)

    # --- the step-through's numbers on the neurons (playground.ui.window.inside) ----------------------
    def show_values(self, kind: str, values: list) -> None:
        """Write a number on each drawn neuron: ``values[j]`` for column j (0 = the inputs,
        i = the run's block i - 1; None or a dropout band: nothing), ``kind`` "forward" (the
        values, in the text colour) or "backward" (gradients ∂L/∂h, in the accent colour).
        They stay, following the layout, until ``clear_values`` or the next run."""
        if self._columns:
            self._value_overlay().show(self._columns, kind, values, self._theme)

    def clear_values(self) -> None:
        """No numbers on the neurons (the step-through closed)."""
        overlay = getattr(self, "_values", None)
        if overlay is not None:
            overlay.clear()

    def shown_values(self) -> tuple[str, dict[tuple[int, int], str]]:
        """(kind, {(column, neuron): text}) of the numbers on the neurons; ("", {}) without."""
        overlay = getattr(self, "_values", None)
        return ("", {}) if overlay is None else (overlay.kind, overlay.texts())

    def _value_overlay(self) -> ValueOverlay:
        """Made the first time numbers are shown; it follows every relayout (connected after _relayout)."""
        if getattr(self, "_values", None) is None:
            self._values = ValueOverlay(self._box)
            self._box.sigResized.connect(lambda: self._values.place(self._columns))
        return self._values

    # --- hover ------------------------------------------------------------------------------------------
    def _neuron_at(self, x: float, y: float) -> tuple[int, int] | None:
        for j, column in enumerate(self._columns):
            if not column.drawn or abs(x - column.x) > column.size / 2 + 1:
                continue
            i = int(np.argmin(np.abs(column.ys - y)))
            if abs(column.ys[i] - y) <= column.size / 2 + 1:
                return j, i
        return None

    def _neuron_text(self, j: int, i: int) -> str:
        column = self._columns[j]
        return neuron_text(column, i, self._dataset, self._planar, self._batchnorm.get(column.name),
                           bias_of(self._dashboard, column))

    def _edge_text(self, k: int) -> str:
        j, s, t = self._edges.key(k)
        column, source = self._columns[j], self._columns[self._columns[j].source]
        return edge_text(column, source, self._dataset, s, t, self._edges.value(k))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.MouseButtonRelease and watched is self._view.viewport():
            return self._on_viewport_clicked(event)
        if event.type() == QEvent.ToolTip and watched is self._view.viewport():
            point = self._box.mapSceneToView(self._view.mapToScene(event.pos()))
            QToolTip.showText(event.globalPos(), self.tooltip_at(point.x(), point.y()), self._view)
            return True
        return super().eventFilter(watched, event)


    # --- choosing a neuron (its formula: playground.ui.window.neuron) ------------------------------------
    def _build_chosen_ring(self) -> None:
        self._chosen: tuple[int, int] | None = None  # (block, unit) ringed on the diagram
        self._ring = pg.ScatterPlotItem(pxMode=False, symbol="o", brush=None)
        self._ring.setZValue(6)
        self._box.addItem(self._ring)

    def click_neuron(self, layer_index: int, neuron_index: int) -> bool:
        """What a click on a drawn neuron does: a neuron with a formula (a Linear, BatchNorm or
        Output column's) emits ``neuron_clicked``; an input or nothing is ignored (False)."""
        column = self._columns[layer_index]
        if column.block is None or column.kind == "dropout" or not 0 <= neuron_index < column.drawn:
            return False
        self.neuron_clicked.emit(column.block, neuron_index)
        return True

    def mark_neuron(self, chosen: tuple[int, int] | None) -> None:
        """Ring neuron (block, unit), the one the neuron card shows; None: no ring."""
        self._chosen = chosen
        self._place_chosen_ring()

    def marked_neuron(self) -> tuple[int, int] | None:
        """(block, unit) of the ringed neuron, if it is drawn."""
        return self._chosen if self._ring.data.size else None

    def _place_chosen_ring(self) -> None:
        column = next((c for c in self._columns if self._chosen and c.block == self._chosen[0]), None)
        if column is None or not 0 <= self._chosen[1] < column.drawn:
            self._ring.setData([], [])
            return
        self._ring.setPen(pg.mkPen(self._theme.accent, width=self._theme.line(2.5)))
        self._ring.setData([column.x], [float(column.ys[self._chosen[1]])], size=column.size * 1.45)

    def _on_viewport_clicked(self, event) -> bool:
        if event.button() != Qt.LeftButton:
            return False
        point = self._box.mapSceneToView(self._view.mapToScene(event.position().toPoint()))
        hit = self._neuron_at(point.x(), point.y())
        return hit is not None and self.click_neuron(*hit)
