"""Many lines over one shared x (one per layer), with optional bands, as one plot item.

A deep network has one line per layer in the gradient history and one line and one band
per layer in the covariate-shift plot: 33 of each at 32 layers. As separate pyqtgraph
items, every update cost each of them a data check, a bounds computation and a paint of
its own, and the plot's auto-range asked all of them for their bounds twice: about 45 ms
per plot and update, most of the window's frame. One item holds them all instead: its
bounds are one numpy reduction, and it paints only the steps in view, reduced to each
pixel column's smallest and largest value (so a spike of a single step is still drawn,
as pyqtgraph's "peak" downsampling does), with one path per line.

While a history has few points (``FEW_POINTS``) each point is also drawn as a dot: a
line needs two points to be seen, and a few single steps should show at once.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QPainter, QPen


from playground.ui.widgets.plot_utils import FEW_POINTS

DOT_RADIUS = 2.5  # pixels


class LayerLines(pg.GraphicsObject):
    """Lines ``y[:, i]`` over ``x`` (steps, increasing), each with its own pen; optionally a
    band from ``lower[:, i]`` to ``upper[:, i]`` under each line, filled with its own brush.

    ``x`` and the values are the data as given (the plot's log mode, if on, is applied when
    drawing: values that are not positive are then left out, as pyqtgraph does).
    """

    def __init__(self) -> None:
        super().__init__()
        self._x = np.zeros(0)
        self._y = np.zeros((0, 0))
        self._lower: np.ndarray | None = None
        self._upper: np.ndarray | None = None
        self._pens: list[QPen] = []
        self._band_pens: list[QPen] = []
        self._brushes: list[QBrush] = []
        self._shown: int | None = None  # every line (None) or one
        self._log_y = False
        self._bounds: tuple[tuple[float, float], tuple[float, float]] | None = None
        self._paths: tuple[tuple, list] | None = None  # (key, [(band path, line path, dots)]) of the last paint

    # --- data and styles --------------------------------------------------------------
    def set_data(self, x, y, lower=None, upper=None) -> None:
        """``x`` (n,), ``y`` (n, lines); ``lower``/``upper`` (n, lines) for bands, or None."""
        self._x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        self._y = y.reshape(len(self._x), 1) if y.ndim == 1 else y
        self._lower = None if lower is None else np.asarray(lower, dtype=np.float64).reshape(self._y.shape)
        self._upper = None if upper is None else np.asarray(upper, dtype=np.float64).reshape(self._y.shape)
        self._changed()

    def set_styles(self, pens: list[QPen], band_pens: list[QPen] | None = None,
                   brushes: list[QBrush] | None = None) -> None:
        """One pen per line; for bands, one outline pen and one fill brush per line."""
        self._pens = [QPen(p) for p in pens]
        self._band_pens = [QPen(p) for p in band_pens or []]
        self._brushes = [QBrush(b) for b in brushes or []]
        self._paths = None
        self.update()

    def show_only(self, index: int | None) -> None:
        """Draw every line (None) or only line ``index`` (with its band)."""
        self._shown = index
        self._changed()

    def setLogMode(self, x: bool, y: bool) -> None:  # noqa: N802 - pyqtgraph calls it on the items of a plot
        self._log_y = bool(y)
        self._changed()

    # --- what is drawn (tests and legends) ---------------------------------------------
    def line_count(self) -> int:
        return self._y.shape[1] if self._y.ndim == 2 else 0

    def line(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) of line ``index`` as given."""
        if index >= self.line_count():
            return np.zeros(0), np.zeros(0)
        return self._x.copy(), self._y[:, index].copy()

    def shown_lines(self) -> list[int]:
        return list(range(self.line_count())) if self._shown is None else [self._shown]

    def pen(self, index: int) -> QPen:
        return QPen(self._pens[index])

    def point_markers(self) -> int:
        """How many points of each line are drawn as dots (0 for plain lines)."""
        return len(self._x) if 0 < len(self._x) <= FEW_POINTS else 0

    # --- pyqtgraph's item protocol -----------------------------------------------------
    def dataBounds(self, ax: int, frac: float = 1.0, orthoRange=None):  # noqa: N802 - pyqtgraph's name
        """(low, high) of the shown data along x (0) or y (1) as drawn; None when empty."""
        bounds = self._data_bounds()
        return None if bounds is None else bounds[ax]

    def pixelPadding(self) -> float:  # noqa: N802 - pyqtgraph's name
        return DOT_RADIUS if self.point_markers() else 0.0

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        bounds = self._data_bounds()
        if bounds is None:
            return QRectF()
        (x0, x1), (y0, y1) = bounds
        px, py = self.pixelVectors()
        pad_x = 4 * px.length() if px is not None else 0.0  # cosmetic pens and dots reach past the data
        pad_y = 4 * py.length() if py is not None else 0.0
        return QRectF(x0 - pad_x, y0 - pad_y, x1 - x0 + 2 * pad_x, y1 - y0 + 2 * pad_y)

    def viewTransformChanged(self) -> None:  # noqa: N802 - pyqtgraph's name
        self.prepareGeometryChange()  # the pixel padding of boundingRect changed

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not len(self._x) or not self._pens:
            return
        painter.setRenderHint(QPainter.Antialiasing, bool(pg.getConfigOption("antialias")))
        inverse, invertible = painter.transform().inverted()
        device = QRectF(painter.viewport())
        view = inverse.mapRect(device) if invertible else None  # what is on screen, in data units
        drawn = self._drawn_paths(view, max(16, int(device.width())))
        for index, band, _, _ in drawn:
            if band is not None and index < len(self._brushes):
                painter.setPen(self._band_pens[index] if index < len(self._band_pens) else Qt.NoPen)
                painter.setBrush(self._brushes[index])
                painter.drawPath(band)
        painter.setBrush(Qt.NoBrush)
        for index, _, line, _ in drawn:
            painter.setPen(self._pens[index % len(self._pens)])
            painter.drawPath(line)
        if any(dots for *_, dots in drawn):
            transform = painter.transform()
            painter.resetTransform()  # dots keep their size in pixels whatever the zoom
            painter.setPen(Qt.NoPen)
            for index, _, _, dots in drawn:
                painter.setBrush(self._pens[index % len(self._pens)].color())
                for x, y in dots:
                    painter.drawEllipse(transform.map(QPointF(x, y)), DOT_RADIUS, DOT_RADIUS)

    # --- internals ---------------------------------------------------------------------
    def _changed(self) -> None:
        self._bounds = None
        self._paths = None
        self.prepareGeometryChange()
        self.informViewBoundsChanged()
        self.update()

    def _display(self, values: np.ndarray) -> np.ndarray:
        """Values as drawn: log10 in log mode (not positive -> NaN, left out)."""
        if not self._log_y:
            return values
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.log10(values)
        out[~np.isfinite(out)] = np.nan
        return out

    def _shown_columns(self, values: np.ndarray) -> np.ndarray:
        return values if self._shown is None else values[:, self._shown:self._shown + 1]

    def _data_bounds(self):
        if self._bounds is None and len(self._x) and self.line_count():
            parts = [self._y] + ([self._lower, self._upper] if self._lower is not None else [])
            shown = np.concatenate([self._display(self._shown_columns(p)).ravel() for p in parts])
            finite = shown[np.isfinite(shown)]
            if len(finite):
                self._bounds = ((float(self._x[0]), float(self._x[-1])), (float(finite.min()), float(finite.max())))
        return self._bounds

    def _drawn_paths(self, view: QRectF | None, columns: int) -> list:
        """[(line index, band path or None, line path, dots)] for the steps in ``view`` (data
        units), reduced to two values per pixel column of ``columns``; kept while neither the
        data nor the view changes."""
        key = (view.left(), view.right(), columns) if view is not None else (None, None, columns)
        if self._paths is not None and self._paths[0] == key:
            return self._paths[1]
        first, last = 0, len(self._x)
        if view is not None:  # one step beyond each side, so that lines run to the edges
            first = max(0, int(np.searchsorted(self._x, view.left())) - 1)
            last = min(len(self._x), int(np.searchsorted(self._x, view.right(), side="right")) + 1)
        x = self._x[first:last]
        columns_shown = self.shown_lines()
        y = self._display(self._y[first:last][:, columns_shown])
        lower = upper = None
        if self._lower is not None:
            lower = self._display(self._lower[first:last][:, columns_shown])
            upper = self._display(self._upper[first:last][:, columns_shown])
        dots = 0 < len(self._x) <= FEW_POINTS
        line_x, line_y = _peaks(x, y, columns)
        drawn = []
        for k, index in enumerate(columns_shown):
            band = None
            if lower is not None:
                band_x, low = _peaks(x, lower[:, k:k + 1], columns, keep="min")
                _, high = _peaks(x, upper[:, k:k + 1], columns, keep="max")
                band = _band_path(band_x, low[:, 0], high[:, 0])
            line = pg.arrayToQPath(line_x, line_y[:, k], connect="finite")
            points = [(float(a), float(b)) for a, b in zip(x, y[:, k]) if np.isfinite(b)] if dots else []
            drawn.append((index, band, line, points))
        self._paths = (key, drawn)
        return drawn


def _peaks(x: np.ndarray, y: np.ndarray, columns: int, keep: str = "both") -> tuple[np.ndarray, np.ndarray]:
    """``x`` (n,) and ``y`` (n, lines) reduced to ``columns`` buckets of consecutive points:
    each bucket's smallest and largest value (``keep`` "both"), or only one of them ("min",
    "max"), so that no spike is lost. Short data comes back whole."""
    n = len(x)
    if n <= 2 * columns:
        return x, y
    size = -(-n // columns)
    buckets = -(-n // size)
    padded = np.full((buckets * size, y.shape[1]), np.nan)
    padded[:n] = y
    grouped = padded.reshape(buckets, size, y.shape[1])
    starts = x[::size]
    with np.errstate(invalid="ignore"):
        low, high = np.fmin.reduce(grouped, axis=1), np.fmax.reduce(grouped, axis=1)
    if keep == "min":
        return starts, low
    if keep == "max":
        return starts, high
    ends = x[np.minimum(np.arange(buckets) * size + size - 1, n - 1)]
    xs = np.column_stack([starts, ends]).ravel()
    ys = np.stack([low, high], axis=1).reshape(2 * buckets, y.shape[1])
    return xs, ys


def _band_path(x: np.ndarray, lower: np.ndarray, upper: np.ndarray):
    """The closed region between ``lower`` and ``upper`` over ``x``; points where either is not
    finite are left out."""
    keep = np.isfinite(lower) & np.isfinite(upper)
    x, lower, upper = x[keep], lower[keep], upper[keep]
    if len(x) < 2:
        return None
    path = pg.arrayToQPath(np.concatenate([x, x[::-1]]), np.concatenate([upper, lower[::-1]]), connect="all")
    path.closeSubpath()
    return path
