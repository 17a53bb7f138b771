"""The Network view's connections: where they run, and their weights (가중치) drawn as lines.

Colour = sign (theme.positive / theme.negative), thickness = |weight| relative to the
largest drawn. The cost per snapshot does not grow with the number of connections in
items: edges are binned by sign and width into ``2 * WIDTH_BINS`` curve items drawn with
``connect="pairs"``, made once; a snapshot only hands each curve the segments that
changed bin. BatchNorm's one-to-one pass-through lines are one more dotted curve.

A large network draws at most ``EDGE_BUDGET`` connections (painting 20,000 wide
antialiased lines would take the window's core): each pair of columns gets a share
(``quotas``) and draws its strongest connections, the largest |weight|, chosen again with
every record. A network within the budget (TensorFlow Playground's and most others) draws
every connection. ``capped`` says what was left out, for the view's note.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from playground.runs.messages import Dashboard
from playground.ui.theme import Theme
from playground.ui.views.network_columns import Column, block_picture
from playground.ui.widgets.colour_maps import mix, with_alpha

WIDTH_BINS = 6  # edge widths per sign: 2 * WIDTH_BINS curve items for all the edges
HOVER_PIXELS = 4.0  # an edge this close to the mouse gets the tooltip
EDGE_BUDGET = 2000  # connections drawn at most, over all pairs of columns


def quotas(sizes: list[int], budget: int = EDGE_BUDGET) -> list[int]:
    """Connections to draw per pair of columns, given each pair's number of ``sizes``: every
    connection when all fit ``budget``; else pairs smaller than an equal share keep all
    theirs, and the others share the rest equally (the same number each, rounded down)."""
    if sum(sizes) <= budget:
        return list(sizes)
    order = sorted(range(len(sizes)), key=lambda k: sizes[k])
    result, left = list(sizes), budget
    for rank, k in enumerate(order):
        share = left // (len(sizes) - rank)
        if sizes[k] > share:  # this pair and every larger one get the equal share
            for j in order[rank:]:
                result[j] = share
            break
        left -= sizes[k]
    return result


def strongest(values: np.ndarray, spans: list[tuple[int, int]], quota: list[int]) -> np.ndarray:
    """A mask over ``values`` (weights in edge order): in each span [start, stop) of a pair of
    columns, its ``quota`` connections of largest |weight| (ties: the first in edge order)."""
    shown = np.zeros(len(values), dtype=bool)
    for (start, stop), k in zip(spans, quota):
        if k >= stop - start:
            shown[start:stop] = True
        elif k > 0:
            size = np.abs(values[start:stop])
            shown[start + np.argsort(-size, kind="stable")[:k]] = True
    return shown


def connections(columns: list[Column]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(segments, keys, passes) for placed ``columns``: each drawn connection as a row x0, y0, x1,
    y1 (right side of the source neuron -> left side of the target) with its key (column,
    source neuron, target neuron), and BatchNorm's one-to-one pass-through lines."""
    segments, keys, passes = [], [], []
    for j, column in enumerate(columns):
        if column.source is None:
            continue
        source = columns[column.source]
        x0, x1 = source.x + source.size / 2, column.x - column.size / 2
        if column.kind == "batchnorm":
            n = min(source.drawn, column.drawn)
            passes.append(np.stack([np.full(n, x0), source.ys[:n], np.full(n, x1), column.ys[:n]], 1))
            continue
        targets, sources = np.meshgrid(np.arange(column.drawn), np.arange(source.drawn), indexing="ij")
        t, s = targets.ravel(), sources.ravel()
        segments.append(np.stack([np.full(t.size, x0), source.ys[s], np.full(t.size, x1), column.ys[t]], 1))
        keys.append(np.stack([np.full(t.size, j), s, t], 1))
    return (np.concatenate(segments) if segments else np.zeros((0, 4)),
            np.concatenate(keys).astype(np.int64) if keys else np.zeros((0, 3), np.int64),
            np.concatenate(passes) if passes else np.zeros((0, 4)))


def edge_weights(columns: list[Column], dashboard: Dashboard | None) -> np.ndarray:
    """Weights of the drawn connections in ``connections`` order (zeros where a record has none)."""
    values = []
    for column in columns:
        if column.source is None or column.kind == "batchnorm":
            continue
        n_in = columns[column.source].drawn
        picture = block_picture(dashboard, column)
        w = picture.weight if picture is not None else None
        if w is None or w.shape[0] < column.drawn or w.shape[1] < n_in:
            values.append(np.zeros(column.drawn * n_in))
        else:
            values.append(np.asarray(w[: column.drawn, :n_in], dtype=np.float64).ravel())
    return np.nan_to_num(np.concatenate(values)) if values else np.zeros(0)


def bin_width(b: int) -> float:
    """The pen width of width bin ``b`` (0 = thinnest)."""
    return 0.6 + 4.4 * b / (WIDTH_BINS - 1)


class Edges:
    """All connections of the diagram in a fixed set of curve items on ``box`` (see the module
    docstring). ``place`` gives the geometry, ``set_values`` the weights."""

    def __init__(self, box: pg.ViewBox):
        self._curves = []
        for sign in ("-", "+"):
            for b in range(WIDTH_BINS):
                curve = pg.PlotCurveItem(connect="pairs", antialias=True)
                # drawLines, not one stroked path: several times faster for many wide segments.
                curve.setSegmentedLineMode("on")
                curve.setZValue(-5)
                box.addItem(curve)
                self._curves.append((sign, b, curve))
        self._passes = pg.PlotCurveItem(connect="pairs")  # BatchNorm's 1:1 connections
        self._passes.setZValue(-6)
        box.addItem(self._passes)
        self._values = np.zeros(0)
        self._keys = np.zeros((0, 3), dtype=np.int64)  # (column, source neuron, target neuron)
        self._segments = np.zeros((0, 4))  # x0, y0, x1, y1 per edge, in edge order
        self._groups: list[tuple[str, float, int]] = []
        self._members: dict[tuple[str, int], np.ndarray] = {}  # edge numbers per curve, as drawn
        self._spans: list[tuple[int, int]] = []  # edge numbers [start, stop) of each pair of columns
        self._quotas: list[int] = []  # connections drawn of each pair
        self._shown = np.zeros(0, dtype=bool)  # the edges drawn (the strongest, over the budget)

    def set_theme(self, theme: Theme) -> None:
        self._passes.setPen(pg.mkPen(with_alpha(theme.foreground, 0.35), width=theme.line(1.5), style=Qt.DotLine))
        for sign, b, curve in self._curves:
            colour = theme.positive if sign == "+" else theme.negative
            # Thin edges fade into the background, so that the strong connections stand out.
            # Opaque (pre-blended) pens: alpha-blended antialiased lines cost twice as much to paint.
            faded = mix(colour, theme.background, 0.3 + 0.7 * b / (WIDTH_BINS - 1))
            curve.setPen(pg.mkPen(faded, width=theme.line(bin_width(b))))

    def place(self, columns: list[Column]) -> None:
        """New geometry for placed ``columns`` (the weights stay, if they still fit)."""
        self._segments, self._keys, passes = connections(columns)
        starts = np.flatnonzero(np.diff(self._keys[:, 0], prepend=-1)) if len(self._keys) else np.zeros(0, np.int64)
        stops = np.append(starts[1:], len(self._keys))
        self._spans = [(int(a), int(b)) for a, b in zip(starts, stops)]
        self._quotas = quotas([b - a for a, b in self._spans])
        self._members = {}  # every curve must be set again
        self._passes.setData(passes[:, [0, 2]].ravel(), passes[:, [1, 3]].ravel())
        self._draw()

    def set_values(self, values: np.ndarray) -> None:
        """The weights in edge order (see ``edge_weights``); a wrong length draws zeros."""
        self._values = values if len(values) == len(self._segments) else np.zeros(len(self._segments))
        self._draw()

    def _draw(self) -> None:
        n = len(self._segments)
        values = self._values if len(self._values) == n else np.zeros(n)
        largest = float(np.max(np.abs(values))) if values.size else 0.0
        relative = np.abs(values) / largest if largest > 0 else np.zeros_like(values)
        bins = np.minimum((relative * WIDTH_BINS).astype(np.int64), WIDTH_BINS - 1)
        positive = values >= 0
        self._shown = strongest(values, self._spans, self._quotas)
        groups = []
        xs, ys = self._segments[:, [0, 2]], self._segments[:, [1, 3]]
        for sign, b, curve in self._curves:
            members = np.flatnonzero(self._shown & (bins == b) & (positive if sign == "+" else ~positive))
            if not np.array_equal(members, self._members.get((sign, b))):
                self._members[(sign, b)] = members
                curve.setData(xs[members].ravel(), ys[members].ravel())
            if members.size:
                groups.append((sign, curve.opts["pen"].widthF(), int(members.size)))
        self._groups = groups

    # --- what is drawn ---------------------------------------------------------------------------
    def capped(self) -> tuple[int, int, int] | None:
        """(connections drawn per capped pair of columns, connections drawn, connections there
        are between the drawn neurons) when the budget leaves some out, else None."""
        sizes = [b - a for a, b in self._spans]
        if sum(sizes) <= EDGE_BUDGET:
            return None
        per_pair = max(k for k, n in zip(self._quotas, sizes) if k < n)
        return per_pair, sum(self._quotas), sum(sizes)

    def shown(self) -> np.ndarray:
        """Edge numbers drawn, in edge order."""
        return np.flatnonzero(self._shown)

    def groups(self) -> list[tuple[str, float, int]]:
        """(sign "+" or "-", pen width in pixels, number of edges) per non-empty curve item."""
        return list(self._groups)

    def number(self, layer_index: int, source: int, target: int) -> int:
        """The edge number of a drawn connection (IndexError if it is not drawn)."""
        match = np.flatnonzero((self._keys == [layer_index, source, target]).all(axis=1))
        if not match.size:
            raise IndexError(f"no drawn connection from neuron {source} into column {layer_index}, neuron {target}")
        return int(match[0])

    def key(self, k: int) -> tuple[int, int, int]:
        """(column, source neuron, target neuron) of edge ``k``."""
        return tuple(int(v) for v in self._keys[k])

    def value(self, k: int) -> float:
        return float(self._values[k]) if k < len(self._values) else 0.0

    def style(self, k: int) -> tuple[str, float]:
        """(pen colour "#rrggbb", pen width) of the curve that draws edge ``k``."""
        for sign, b, curve in self._curves:
            members = self._members.get((sign, b))
            if members is not None and np.any(members == k):
                pen = curve.opts["pen"]
                return pen.color().name(), pen.widthF()
        j, source, target = self.key(k)
        raise LookupError(f"connection {source} -> {target} of column {j} is not drawn")

    def near(self, x: float, y: float) -> int | None:
        """Number of the edge nearest to (x, y) within HOVER_PIXELS (vectorised over all edges)."""
        drawn = np.flatnonzero(self._shown) if len(self._shown) == len(self._segments) else np.arange(len(self._segments))
        if not drawn.size:
            return None
        a, b = self._segments[drawn, :2], self._segments[drawn, 2:]
        d = b - a
        t = np.clip(((x - a[:, 0]) * d[:, 0] + (y - a[:, 1]) * d[:, 1]) / np.maximum((d ** 2).sum(1), 1e-12), 0, 1)
        distance = np.hypot(a[:, 0] + t * d[:, 0] - x, a[:, 1] + t * d[:, 1] - y)
        # Among near edges prefer the thickest: that is the one the eye sees.
        near = drawn[distance <= HOVER_PIXELS]
        if not near.size:
            return None
        return int(near[np.argmax(np.abs(self._values[near]) if len(self._values) else 0)])
