"""Small helpers the dashboard plots share: smoothing, themed plots, curves, colours, legends.

The plots keep their numbers in playground.runs.series.Series (every point; the plots
downsample for display); pens and backgrounds come from the Theme so that ``set_theme``
can restyle items in place. Axes are in playground.ui.widgets.axes.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from playground.ui.theme import Theme
from playground.ui.widgets.axes import LogAxis, StepAxis


def ema(values: np.ndarray, smoothing: float, state: tuple[float, int] = (0.0, 0)) -> tuple[np.ndarray, tuple[float, int]]:
    """TensorBoard's smoothing: a debiased exponential moving average, vectorised.

    ``values`` (n,) any float dtype; ``smoothing`` in [0, 1): the weight of the past.
    ``state`` = (biased average so far, points seen so far) continues an earlier
    call, so a long history is smoothed once and new points cost O(new).
    Non-finite values are skipped (the average carries on) like TensorBoard does.
    Returns (float64 (n,), new state).
    """
    x = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(x)
    if not finite.all():
        x = _forward_fill(x, finite, state)
    w = float(smoothing)
    last, count = float(state[0]), int(state[1])
    if w <= 0.0 or len(x) == 0:
        return x.copy(), ((x[-1] if len(x) else last), count + len(x))
    out = np.empty(len(x))
    # Blocks keep w**-block below 1e100: the cumulative sum stays exact enough in float64.
    block = max(1, int(100 / -np.log10(w)))
    powers = w ** -np.arange(1, block + 1, dtype=np.float64)
    for start in range(0, len(x), block):
        chunk = x[start : start + block]
        m = len(chunk)
        decay = 1.0 / powers[:m]  # w**1 .. w**m
        biased = decay * (last + (1.0 - w) * np.cumsum(chunk * powers[:m]))
        seen = count + start + np.arange(1, m + 1)
        out[start : start + m] = biased / (1.0 - w ** seen)
        last = float(biased[-1])
    return out, (last, count + len(x))


def _forward_fill(x: np.ndarray, finite: np.ndarray, state: tuple[float, int]) -> np.ndarray:
    """Non-finite entries take the previous finite value (or the average so far)."""
    index = np.where(finite, np.arange(len(x)), -1)
    np.maximum.accumulate(index, out=index)
    filler = state[0] if state[1] else 0.0
    return np.where(index >= 0, x[np.maximum(index, 0)], filler)


def style_plot(plot: pg.PlotItem, theme: Theme, widget: pg.GraphicsView | None = None) -> None:
    """Background (of ``widget``), axis colours, grid and title colour from ``theme``."""
    if widget is not None:
        widget.setBackground(theme.background)
    pen = pg.mkPen(theme.foreground, width=theme.line(1))
    for name in ("left", "bottom", "top", "right"):
        axis = plot.getAxis(name)
        axis.setPen(pen)
        axis.setTextPen(pen)
    plot.showGrid(x=True, y=True, alpha=theme.grid_alpha)
    if plot.titleLabel.text:
        plot.titleLabel.setText(plot.titleLabel.text, color=theme.foreground)
    if plot.legend is not None:
        style_legend(plot.legend, theme)


def style_legend(legend: pg.LegendItem, theme: Theme) -> None:
    background = QColor(theme.background)
    background.setAlpha(200)
    legend.setBrush(pg.mkBrush(background))
    legend.setPen(pg.mkPen(theme.foreground, width=0.5))
    legend.setLabelTextColor(theme.foreground)
    for _, label in legend.items:  # existing labels keep their colour unless re-set
        label.setText(label.text, color=theme.foreground)


def reset_range(plot: pg.PlotItem) -> None:
    """Forget the previous run's view: pyqtgraph keeps the old range while a plot is empty."""
    plot.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
    plot.enableAutoRange()


class DrawnWhenSeen:
    """A dashboard view (QWidget mixin) that draws only while on screen.

    A closed dock, or a dock tabbed behind another, still keeps every number it is
    given, but its plots are brought up to date (``_draw``, which the view defines and
    which does nothing when they are) only when it is shown again.
    """

    def draw_if_seen(self) -> None:
        if self.isVisible():
            self._draw()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._draw()


def settle_range(*plots: pg.PlotItem) -> None:
    """Bring the plots' auto-range up to date now, after their data changed.

    pyqtgraph otherwise does it when the plot is about to be painted; the range change
    then schedules a second full paint of the plot, which doubles the cost of every update.
    """
    for plot in plots:
        plot.getViewBox().prepareForPaint()


def make_plot(theme: Theme, parent: QWidget | None = None, *, log_y: bool = False, steps: bool = False,
              **plot_kwargs) -> pg.PlotWidget:
    """A PlotWidget styled for ``theme``: no context menu, small margins, mouse zoom on.

    ``log_y`` gives it a LogAxis on the left (log mode itself is switched on by the caller).
    ``steps``: the x axis counts training steps: a StepAxis at the bottom, and the view
    never shows negative steps (an empty plot or a single point starts at 0).
    """
    axes = dict(plot_kwargs.pop("axisItems", {}))
    if log_y:
        axes["left"] = LogAxis("left")
    if steps:
        axes.setdefault("bottom", StepAxis("bottom"))
    widget = pg.PlotWidget(parent, axisItems=axes or None, **plot_kwargs)
    plot = widget.getPlotItem()
    if steps:
        plot.setLimits(xMin=0)
    plot.setMenuEnabled(False)  # the "A" button (shown after zooming) brings back the full view
    plot.layout.setContentsMargins(2, 2, 6, 2)
    for name in ("left", "bottom", "top", "right"):
        axis = plot.getAxis(name)
        axis.enableAutoSIPrefix(False)  # "loss (x0.001)" confuses more than it helps
        axis.setStyle(maxTickLevel=1)  # the finest grid level doubles the painting and is barely seen
    style_plot(plot, theme, widget)
    return widget


def corner_label(plot: pg.PlotItem, corner: str, text: str, theme: Theme) -> pg.LabelItem:
    """A small axis title in the empty corner left of the top or bottom axis.

    ``corner`` is "top" or "bottom"; it names the x axis there (e.g. "epoch", "step")
    without the extra row a regular axis title costs, which matters in small docks.
    """
    label = pg.LabelItem(text, justify="right")
    style_corner_label(label, theme)
    plot.layout.addItem(label, 1 if corner == "top" else 3, 0)
    return label


def style_corner_label(label: pg.LabelItem, theme: Theme) -> None:
    """A ``corner_label`` in the theme's colour and text size."""
    label.setText(label.text, color=theme.foreground, size=points(theme, 8))


def points(theme: Theme, size: float) -> str:
    """A text size for pyqtgraph's labels, which keep their own sizes rather than follow the
    application's font: ``size`` points in the standard room, larger in projector mode."""
    return f"{size * theme.font_scale:g}pt"


FEW_POINTS = 30
"""A history of at most this many points is drawn with a dot on each point as well:
a line needs two points to be seen, and a few single steps should show at once."""


class HistoryCurve(pg.PlotDataItem):
    """A PlotDataItem that marks its points with dots (in the pen's colour) while there are few."""

    _marked = False

    def setData(self, *args, **kwargs):  # noqa: N802 - pyqtgraph's name
        super().setData(*args, **kwargs)
        self._mark_points()

    def setPen(self, *args, **kwargs):  # noqa: N802
        super().setPen(*args, **kwargs)
        self._mark_points(recolour=True)

    def point_markers(self) -> int:
        """How many points are drawn as dots (0 for a plain line)."""
        return len(self.xData) if self._marked and self.xData is not None else 0

    def _mark_points(self, recolour: bool = False) -> None:
        n = 0 if self.xData is None else len(self.xData)
        few = 0 < n <= FEW_POINTS
        if few == self._marked and not (few and recolour):
            return
        self._marked = few
        if not few:
            self.setSymbol(None)
            return
        colour = pg.mkPen(self.opts["pen"]).color()
        self.setSymbolPen(None)
        self.setSymbolBrush(colour)
        self.setSymbolSize(5)
        self.setSymbol("o")


def history_curve(plot: pg.PlotItem, pen, *, name: str | None = None) -> HistoryCurve:
    """A line for a long history (x increasing): clip-to-view and peak downsampling,
    which keeps spikes visible however many points there are; dots while there are few."""
    item = HistoryCurve(pen=pen, name=name)
    plot.addItem(item)  # first: addItem imposes the plot's own downsampling settings on the item
    # About one bucket per pixel: pyqtgraph's default (5) costs 5x the painting for no visible gain.
    item.opts["autoDownsampleFactor"] = 1.0
    item.setDownsampling(auto=True, method="peak")
    item.setClipToView(True)
    return item


def layer_colours(n: int, theme: Theme) -> list[QColor]:
    """``n`` colours from the input side (warm) to the output side (cool), readable on the theme.

    Up to 3 layers: the theme's negative (orange) -> positive (blue) scale. More: hues
    from orange round to violet, neighbours alternating lighter and darker, so that
    even 8-12 layers stay tell-apart instead of fading into each other. The colour-blind-safe
    palette gives its class colours in turn instead (Okabe-Ito first): a hue scale's
    neighbours merge for red-green colour vision.
    """
    if n <= 1:
        return [QColor(theme.positive)] * n
    if theme.palette == "colour_blind":
        return [QColor(theme.classes[i % len(theme.classes)]) for i in range(n)]
    if n <= 3:
        stops = [theme.negative, theme.classes[4], theme.positive]
        cmap = pg.ColorMap(np.linspace(0.0, 1.0, len(stops)), [QColor(c) for c in stops])
        return [cmap.map(i / (n - 1), mode="qcolor") for i in range(n)]
    light = theme.name == "light"
    colours = []
    for i in range(n):
        hue = (30 + 250 * i / (n - 1)) / 360  # orange, yellow-green, green, cyan, blue, violet
        lightness = (0.40 if light else 0.62) + (0.0 if i % 2 == 0 else (0.12 if light else -0.14))
        colours.append(QColor.fromHslF(hue, 0.75, lightness))
    return colours


def faded(colour: str | QColor, alpha: int) -> QColor:
    out = QColor(colour)
    out.setAlpha(alpha)
    return out


def overlay_hint(host: QWidget, under: QWidget, text: str = "") -> QLabel:
    """Put ``under`` into ``host`` with a centred, click-through hint label on top of it.

    Used for empty states ("Press Train to start") over a plot.
    """
    layout = QGridLayout(host)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(under, 0, 0)
    hint = QLabel(text, host)
    hint.setAlignment(Qt.AlignCenter)
    hint.setWordWrap(True)
    hint.setAttribute(Qt.WA_TransparentForMouseEvents)
    hint.setContentsMargins(24, 12, 24, 12)
    layout.addWidget(hint, 0, 0)
    return hint


def small_label(text: str = "") -> QLabel:
    """A word-wrapped label in a smaller font, for the legends under and beside the plots."""
    label = QLabel(text)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * 0.85)
    label.setFont(font)
    return label


SWATCH = "\u25a0"
"""The key of a colour in a legend row (a layer's colour): a small square."""
KEY_SIZE = (22, 10)
"""Logical pixels of a line's key in a legend row: long enough to show a dash pattern."""


def coloured(text: str, colour: str | QColor) -> str:
    """``text`` (plain) as rich text in ``colour``."""
    return f"<span style='color:{QColor(colour).name()}'>{html.escape(text)}</span>"


def line_key(pen: QPen) -> str:
    """Rich text for a short stretch of line drawn with ``pen`` (its colour, width, dashes and
    opacity, as the plot draws it): an inline image, drawn at twice the size for sharp HiDPI screens."""
    width, height = KEY_SIZE
    image = QImage(2 * width, 2 * height, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    painter.scale(2, 2)
    key = QPen(pen)
    key.setCosmetic(False)  # widths in logical pixels, scaled with the painter
    key.setCapStyle(Qt.FlatCap)
    painter.setPen(key)
    painter.drawLine(QPointF(0, height / 2), QPointF(width, height / 2))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    encoded = bytes(data.toBase64()).decode("ascii")
    return f"<img src='data:image/png;base64,{encoded}' width='{width}' height='{height}'>"


def legend_keys(entries: Iterable[tuple[str, str]]) -> str:
    """Rich text for a legend row under plots (a ``small_label``): each (key, name) as the key
    (``line_key``, or ``coloured(SWATCH, colour)``) followed by the name.

    A legend row says which line is which without covering any of them, as a legend
    inside a plot does. Each entry is kept whole: a narrow dock wraps the row between
    entries, never inside one.
    """
    return "&nbsp;&nbsp; ".join(f"{key}&nbsp;{html.escape(name).replace(' ', '&nbsp;')}" for key, name in entries)


def style_hint(hint: QLabel, theme: Theme) -> None:
    hint.setStyleSheet(f"color: {faded(theme.foreground, 190).name(QColor.HexArgb)}; background: transparent;")


def press_train_text() -> str:
    return QCoreApplication.translate("plot_utils", "Press Train to start.")


def format_number(value: float) -> str:
    """Compact, readable number for labels and tooltips: 0.0123, 1.2e-05, 3.4e+03."""
    if not np.isfinite(value):
        return str(value)
    if value == 0:
        return "0"
    return f"{value:.3g}"
