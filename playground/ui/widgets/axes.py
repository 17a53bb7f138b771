"""Plot axes for the dashboards: readable ticks on log and step axes, axis titles that fit.

pyqtgraph labels every minor tick of a log axis and always draws its major labels; in
a small dock those collide. These axes choose ticks by the room their labels need.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics

_SUPERSCRIPT = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def power_of_ten_text(value: float) -> str:
    """A tick label for a log axis: 0.001 ... 1000 plainly, else 10⁻⁵ or 2×10⁻⁵."""
    if value <= 0 or not np.isfinite(value):
        return ""
    k = int(np.floor(np.log10(value) + 1e-9))
    mantissa = round(value / 10.0**k)
    if -3 <= k <= 3:
        return f"{value:.{max(0, -k)}f}"
    power = "10" + str(k).translate(_SUPERSCRIPT)
    return power if mantissa == 1 else f"{mantissa}\u00d7{power}"


class LogAxis(pg.AxisItem):
    """A vertical axis for log10 data with sparse, readable labels.

    pyqtgraph labels every minor tick of a log axis (0.09, 0.08, 0.07...), which
    collide in a small dock. Here: decades (every n-th one on a wide range), and
    2 and 5 times a decade only when fewer than two decades are in view.
    """

    LABEL_PIXELS = 22  # at least this much room per label

    def tickValues(self, minVal, maxVal, size):  # noqa: N802 - pyqtgraph's name
        if not self.logMode or not (np.isfinite(minVal) and np.isfinite(maxVal)) or maxVal <= minVal:
            return super().tickValues(minVal, maxVal, size)
        return log_tick_values(minVal, maxVal, size, self.LABEL_PIXELS)

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        if not self.logMode:
            return super().tickStrings(values, scale, spacing)
        return [power_of_ten_text(10.0**v) for v in values]


def log_tick_values(low: float, high: float, size: float, label_pixels: float) -> list[tuple[float, list[float]]]:
    """pyqtgraph tick levels for a log10 axis over [low, high] (log10 units) of ``size`` pixels:
    decades (every n-th one when they would crowd), and 2 and 5 times a decade only when
    fewer than two decades have their labels in view.

    A label is centred on its tick, and pyqtgraph leaves out one that would stick out of
    the axis: a decade within half a label (``label_pixels / 2``) of either end is in view
    but unlabelled, and does not count.
    """
    if not (np.isfinite(low) and np.isfinite(high)) or high <= low:
        return []
    room = max(1, int(size // label_pixels))
    first, last = int(np.ceil(low - 1e-9)), int(np.floor(high + 1e-9))
    decades = list(range(first, last + 1))
    margin = (high - low) * label_pixels / 2 / max(size, 1.0)
    labelled = [k for k in decades if low + margin <= k <= high - margin]
    if len(labelled) >= 2:
        every = max(1, int(np.ceil(len(decades) / room)))
        return [(float(every), [float(k) for k in decades if k % every == 0])]
    near = range(int(np.floor(low)), int(np.ceil(high)) + 1)
    extra = [k + np.log10(m) for k in near for m in (1, 2, 5) if low <= k + np.log10(m) <= high]
    return [(1.0, [float(k) for k in decades]), (0.3, [v for v in extra if v not in decades])]


_SI = ((1e9, "G"), (1e6, "M"), (1e3, "k"))


def si_text(value: float) -> str:
    """A short tick label for a count: 950, 1.5k, 20k, 1.2M (at most 3 significant digits)."""
    if not np.isfinite(value):
        return ""
    for size, suffix in _SI:
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}" if value != round(value) else str(int(round(value)))


class StepAxis(pg.AxisItem):
    """A horizontal axis over training steps (or other counts): whole numbers only, short labels
    (20k, not 20000), and only as many ticks as fit without their labels touching.

    pyqtgraph always draws its major tick labels, and on a narrow dock long step
    numbers run together ("0 20000400006000080000"). In log mode it behaves as usual.
    """

    GAP_PIXELS = 14  # at least this much space between two labels

    def tickValues(self, minVal, maxVal, size):  # noqa: N802 - pyqtgraph's name
        if self.logMode or not (np.isfinite(minVal) and np.isfinite(maxVal)) or maxVal <= minVal:
            return super().tickValues(minVal, maxVal, size)
        spacing = self.spacing_for(minVal, maxVal, size)
        return [(spacing, list(multiples(spacing, minVal, maxVal)))]

    def spacing_for(self, low: float, high: float, size: float) -> float:
        """The smallest whole 1-2-5 spacing whose labels (``si_text``) fit side by side in ``size`` pixels."""
        metrics = QFontMetrics(self.style["tickFont"] or self.font())
        for exponent in range(0, 16):
            for mantissa in (1, 2, 5):
                spacing = mantissa * 10.0**exponent
                if ((high - low) / spacing - 1) * self.GAP_PIXELS > size:  # more ticks than even their gaps leave room for
                    continue
                values = multiples(spacing, low, high)
                label = max((metrics.horizontalAdvance(si_text(v)) for v in values), default=0)
                if len(values) * (label + self.GAP_PIXELS) <= size:
                    return spacing
        return spacing

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        if self.logMode:
            return super().tickStrings(values, scale, spacing)
        return [si_text(v) for v in values]


def multiples(spacing: float, low: float, high: float) -> np.ndarray:
    """The multiples of ``spacing`` from ``low`` to ``high`` (both included)."""
    return np.arange(np.ceil(low / spacing), np.floor(high / spacing) + 1) * spacing


def fit_axis_label(plot: pg.PlotItem, side: str, texts: tuple[str, ...]) -> None:
    """Title the ``side`` axis with the first of ``texts`` (longest first) that fits along it:
    a plot squeezed into a short dock would otherwise clip its title at both ends."""
    axis, box = plot.getAxis(side), plot.getViewBox()  # the axis runs along the view (resized first)
    room = box.height() if side in ("left", "right") else box.width()
    for text in texts:
        if text != axis.labelText:
            plot.setLabel(side, text)
            axis.resizeEvent()  # pyqtgraph centres the title only when the axis is resized
        if axis.label.boundingRect().width() <= room:
            return


def axis_label_span(plot: pg.PlotItem, side: str) -> tuple[float, float, float]:
    """Where the ``side`` axis's title lies along the axis (start, end) and the axis's length, in pixels."""
    axis = plot.getAxis(side)
    rect = axis.label.mapRectToParent(axis.label.boundingRect())
    if side in ("left", "right"):
        return rect.top(), rect.bottom(), axis.height()
    return rect.left(), rect.right(), axis.width()


LOG_BUCKETS_PER_DECADE = 300
"""On the log step axis a decade of steps is drawn as this many buckets (first x, lowest and highest y)."""


class EpochAxis(StepAxis):
    """An axis over steps whose ticks sit on whole epochs and read as epoch numbers (20k, not 20000)."""

    def __init__(self, orientation: str = "top", **kwargs):
        super().__init__(orientation, **kwargs)
        self.steps_per_epoch = 0

    def tickValues(self, minVal, maxVal, size):  # noqa: N802 - Qt/pyqtgraph name
        spe = self.steps_per_epoch
        if spe <= 0 or maxVal <= minVal:
            return []
        if self.logMode:  # the range is log10(step): ticks on 1, 10, 100... epochs
            return [(1.0, [math.log10(e * spe) for e in _log_ticks(10.0**minVal / spe, 10.0**maxVal / spe)])]
        low, high = max(minVal, 0) / spe, maxVal / spe
        spacing = self.spacing_for(low, high, size)
        return [(spacing * spe, [e * spe for e in multiples(spacing, low, high)])]

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        spe = max(1, self.steps_per_epoch)
        if self.logMode:
            values = [10.0**v for v in values]
        return [si_text(round(v / spe)) for v in values]


class LogStepAxis(StepAxis):
    """The step axis: StepAxis on a linear axis; on log10 steps, ticks on 1, 10, 100... read 1, 10, 100, 1k."""

    LABEL_PIXELS = 40  # horizontal labels such as "100k"

    def tickValues(self, minVal, maxVal, size):  # noqa: N802 - pyqtgraph's name
        if not self.logMode:
            return super().tickValues(minVal, maxVal, size)
        return log_tick_values(minVal, maxVal, size, self.LABEL_PIXELS)

    def tickStrings(self, values, scale, spacing):  # noqa: N802 - pyqtgraph's name
        if not self.logMode:
            return super().tickStrings(values, scale, spacing)
        return [si_text(round(10.0**v)) for v in values]


def _log_ticks(low: float, high: float) -> list[float]:
    """Whole numbers 1, 10, 100... in [low, high]; with 2 and 5 times them when fewer than two fit."""
    if high < 1:
        return []
    first, last = max(0, math.ceil(math.log10(max(low, 1)) - 1e-9)), math.floor(math.log10(high) + 1e-9)
    decades = [10.0**k for k in range(first, last + 1)]
    if len(decades) >= 2:
        return decades
    near = [m * 10.0**k for k in range(max(0, first - 1), last + 2) for m in (1, 2, 5)]
    return [v for v in near if low <= v <= high]


def log_peaks(x: np.ndarray, y: np.ndarray, per_decade: int = LOG_BUCKETS_PER_DECADE) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) for a log10 x axis: the points with x > 0 (x ascending), thinned to ``per_decade``
    buckets per decade of x, each drawn at its first x with its lowest then highest y.

    Peak downsampling as pyqtgraph does it, but in log space: its own assumes evenly spaced
    x and would merge the first thousand steps of a long run into one point. Early steps,
    sparse on this axis, keep every point; spikes survive.
    """
    start = int(np.searchsorted(x, 0, side="right"))
    x, y = x[start:], y[start:]
    if len(x) < 2:
        return x, y
    low, high = math.log10(x[0]) * per_decade, math.log10(x[-1]) * per_decade
    edges = 10.0 ** (np.arange(math.floor(low), math.floor(high) + 1) / per_decade)
    starts = np.unique(np.searchsorted(x, edges))  # bucket k: 10**(k/per_decade) <= x < the next edge
    if len(starts) == len(x):
        return x, y
    out_x = np.repeat(x[starts], 2)
    out_y = np.empty(2 * len(starts), dtype=y.dtype)
    out_y[0::2] = np.fmin.reduceat(y, starts)
    out_y[1::2] = np.fmax.reduceat(y, starts)
    return out_x, out_y
