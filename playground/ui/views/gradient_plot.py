"""The "Gradient flow" dock: how strongly each layer's weights are pushed, over time and now.

One line per layer with weights (its weight-gradient norm, log axis) over the probed
steps, bars of the latest norms in layer order (input side left), and the verdict in
words: healthy, vanishing or exploding gradients, or a run that diverged. A deep
sigmoid stack shows bars falling by orders of magnitude towards the input; a ReLU
stack with He init does not. A norm that overflowed (probes.OVERFLOW) is drawn one
decade above the largest finite norm, marked with a triangle: the axes keep covering
the finite history.
"""

from __future__ import annotations

import html
import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget

from playground.nn.probes import overflowed
from playground.runs.messages import RunInfo, Snapshot
from playground.runs.series import Series

from playground.ui.labels import layer_name
from playground.ui.widgets.layer_lines import LayerLines
from playground.ui.widgets.plot_utils import (DrawnWhenSeen, SWATCH, coloured, corner_label, format_number, style_corner_label, layer_colours, legend_keys,
                         make_plot, reset_range, settle_range, small_label, style_plot)
from playground.ui.theme import LIGHT, Theme

BAR_WIDTH = 0.7
MARKER_SIZE = 9  # pixels: the latest norm's dot and the overflow triangles


class GradientPlot(DrawnWhenSeen, QWidget):
    """Per-layer weight-gradient norms: history lines, current bars, and a verdict."""

    def __init__(self, parent: QWidget | None = None, theme: Theme = LIGHT):
        super().__init__(parent)
        self._theme = theme
        self._names: list[str] = []
        self._history = Series((0,))
        self._lines = LayerLines()  # one line per layer with weights, in one item
        self._current = np.zeros(0)  # latest weight-gradient norms, input side first
        self._ratios = np.zeros(0)  # latest update-to-weight ratios
        self._largest = 0.0  # the largest positive finite norm of the history
        self._overflowing = False  # whether any norm of the history overflowed
        self._state = ""  # verdict state of the latest probe; "" before any
        self._last_probe_step: int | None = None
        self._drawn_step: int | None = None  # the probe step the plots show; behind while hidden
        self._latest_verdict = None
        self._build()
        self.set_theme(theme)
        self._show_empty()

    # --- construction -----------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        self._verdict = QLabel()
        font = QFont(self._verdict.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self._verdict.setFont(font)
        self._verdict.setToolTip(self.tr(
            "Vanishing gradients: the gradient shrinks layer by layer on its way back to the input, so "
            "the early layers barely learn (typical of deep sigmoid or tanh stacks; ReLU and good "
            "initialization help). Exploding gradients: it grows until the updates throw the weights "
            "about (lower the learning rate)."))
        self._reason = QLabel()
        self._reason.setWordWrap(True)
        layout.addWidget(self._verdict)
        layout.addWidget(self._reason)

        self._plots = QBoxLayout(QBoxLayout.LeftToRight)
        self._plots.setSpacing(4)
        layout.addLayout(self._plots, 1)
        self._build_history()
        self._build_bars()
        # The legend is a line of text under the plots: inside a plot it would hide the lines.
        self._legend = small_label()
        self._legend.setToolTip(self.tr(
            "Layer colours: warm for layers near the input, cool for layers near the output."))
        layout.addWidget(self._legend)

    def _build_history(self) -> None:
        self._history_widget = make_plot(self._theme, log_y=True, steps=True)
        plot = self._history_plot = self._history_widget.getPlotItem()
        plot.setLogMode(y=True)
        plot.setLabel("left", self.tr("gradient norm"))
        self._step_label = corner_label(plot, "bottom", self.tr("step"), self._theme)
        # The latest norm of each layer as a dot (a single probe is no line), overflows as triangles.
        plot.addItem(self._lines)
        self._latest = pg.ScatterPlotItem(size=MARKER_SIZE, pen=None)
        self._overflows = pg.ScatterPlotItem(size=MARKER_SIZE, symbol="t1", pen=None)
        plot.addItem(self._latest)
        plot.addItem(self._overflows)
        self._history_ceiling = self._ceiling_line(plot)
        self._history_widget.setToolTip(self.tr(
            "How large each layer's weight gradient (the push from back-propagation) has been during "
            "training, on a logarithmic axis: each grid line is ten times larger than the one below.\n"
            "Warm colours are layers near the input, cool colours layers near the output."))
        self._plots.addWidget(self._history_widget, 3)

    def _build_bars(self) -> None:
        self._bar_widget = make_plot(self._theme, log_y=True)
        plot = self._bar_plot = self._bar_widget.getPlotItem()
        plot.getAxis("left").setLogMode(True)  # heights are log10 values; the axis labels them 10^k
        plot.setMouseEnabled(x=False, y=False)
        plot.getAxis("bottom").setStyle(hideOverlappingLabels=12)  # "Out" may reach past the last bar
        plot.showGrid(x=False, y=True)
        self._bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH)
        plot.addItem(self._bars)
        self._bar_ceiling = self._ceiling_line(plot)
        self._plots.addWidget(self._bar_widget, 2)

    def _ceiling_line(self, plot: pg.PlotItem) -> pg.InfiniteLine:
        """A dashed line, hidden until a norm overflows, marking where overflowed norms are drawn."""
        line = pg.InfiniteLine(angle=0, movable=False, label=self.tr("not finite"),
                               labelOpts={"position": 0.02, "anchors": [(0, 1), (0, 1)]})
        line.setToolTip(self.tr("Gradient norms above this line overflowed: they are no longer finite "
                                "numbers (infinity or NaN). The run has exploded."))
        line.hide()
        plot.addItem(line, ignoreBounds=True)
        return line

    # --- the view API -----------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        style_plot(self._history_plot, theme, self._history_widget)
        style_plot(self._bar_plot, theme, self._bar_widget)
        self._bar_plot.showGrid(x=False, y=True, alpha=theme.grid_alpha)
        style_corner_label(self._step_label, theme)
        for line in (self._history_ceiling, self._bar_ceiling):
            line.setPen(pg.mkPen(theme.bad, width=theme.line(1), style=Qt.DashLine))
            line.label.setColor(theme.bad)
        self._colour_layers()
        self._show_verdict_colour()

    def start_run(self, info: RunInfo) -> None:
        """Forget the previous run; one line and one bar per layer with weights."""
        names = [b.name for b in info.blocks if b.kind in ("linear", "output")]
        self._set_layers(names)
        reset_range(self._history_plot)
        self._show_empty()

    def clear_run(self, reason: str) -> None:
        """There is no current run: no gradients of an earlier design; ``reason`` in their place."""
        self._set_layers([])
        self._show_empty()
        self._verdict.setText(self.tr("No current run"))
        self._reason.setText(reason)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        probe = snapshot.probe
        if probe is None or probe.step == self._last_probe_step or not probe.gradients:
            return
        names = [g.name for g in probe.gradients]
        if names != self._names:  # shown without start_run, or the layers changed under us
            self._set_layers(names)
        self._last_probe_step = probe.step
        self._current = np.array([g.weight_grad_norm for g in probe.gradients], dtype=np.float64)
        self._ratios = np.array([g.update_ratio for g in probe.gradients], dtype=np.float64)
        self._history.append(probe.step, self._current)
        over = overflowed(self._current)  # kept up per row: a long history is not scanned per snapshot
        finite = self._current[~over & (self._current > 0)]
        self._largest = max(self._largest, float(finite.max())) if len(finite) else self._largest
        self._overflowing |= bool(over.any())
        self._latest_verdict = probe.verdict
        self.draw_if_seen()

    def _draw(self) -> None:
        """Bring the plots and the verdict up to the latest probe (nothing if they are)."""
        if self._drawn_step == self._last_probe_step or not len(self._history):
            return
        self._drawn_step = self._last_probe_step
        self._show_history()
        self._show_bars()
        self._show_verdict(self._latest_verdict)
        settle_range(self._history_plot, self._bar_plot)

    def drawn_step(self) -> int | None:
        """The probe step the plots show (None before any): behind the latest while the view is hidden."""
        return self._drawn_step

    # --- public helpers (tests) -------------------------------------------------------
    def verdict_text(self) -> str:
        self._draw()
        return self._verdict.text()

    def reason_text(self) -> str:
        self._draw()
        return self._reason.text()

    def bar_values(self) -> list[float]:
        """The latest weight-gradient norm per layer, input side first (what the bars show)."""
        self._draw()
        return [float(v) for v in self._current]

    def bar_axis_labels(self) -> list[str]:
        """The labels drawn along the bars' (log) axis at its present size, bottom to top."""
        axis = self._bar_plot.getAxis("left")
        image = QImage(max(1, axis.width()), max(1, axis.height()), QImage.Format_ARGB32)
        painter = QPainter(image)
        try:
            _, _, texts = axis.generateDrawSpecs(painter)  # what pyqtgraph paints: labels that fit
        finally:
            painter.end()
        return [text for rect, _, text in sorted(texts, key=lambda spec: -spec[0].center().y())]

    def history(self, layer_name: str) -> tuple[np.ndarray, np.ndarray]:
        """(steps, weight-gradient norms) drawn for ``layer_name`` ("Linear 1" ... "Output");
        an overflowed norm is drawn (and given here) one decade above the largest finite one."""
        self._draw()
        return self._lines.line(self._names.index(layer_name))

    def layer_names(self) -> list[str]:
        return list(self._names)

    def line_colours(self) -> list[str]:
        """Each layer's line colour ("#rrggbb"), input side first."""
        return [self._lines.pen(i).color().name() for i in range(len(self._names))]

    def legend_text(self) -> str:
        """The legend row under the plots (rich text)."""
        return self._legend.text()

    def bar_tooltip(self) -> str:
        """The bars' tooltip (rich text): a row per layer with its latest numbers."""
        self._draw()
        return self._bar_widget.toolTip()

    def history_range(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """((first step, last step), (log10 low, log10 high)) the history plot shows when next drawn."""
        self._draw()
        box = self._history_plot.getViewBox()
        box.prepareForPaint()  # brings a pending auto-range up to date
        (x0, x1), (y0, y1) = box.viewRange()
        return (x0, x1), (y0, y1)

    def point_markers(self, layer_name: str) -> int:
        """How many points of a layer's line are marked with dots: all while there are few."""
        self._draw()
        self._names.index(layer_name)  # a ValueError for a layer the plot does not have
        return self._lines.point_markers()

    def step_range(self) -> tuple[float, float]:
        """The steps in view in the history plot."""
        self._draw()
        low, high = self._history_plot.viewRange()[0]
        return float(low), float(high)

    # --- layers -----------------------------------------------------------------------
    def _set_layers(self, names: list[str]) -> None:
        """Empty histories; rebuild the curves only when the layers changed."""
        self._history = Series((len(names),))
        self._largest, self._overflowing = 0.0, False
        self._current = np.zeros(0)
        self._ratios = np.zeros(0)
        self._last_probe_step = self._drawn_step = None
        self._lines.set_data(np.zeros(0), np.zeros((0, len(names))))
        if names != self._names:
            self._names = list(names)
            self._colour_layers()
            self._label_bars()
        self._latest.setData([], [])
        self._overflows.setData([], [])
        self._history_ceiling.hide()
        self._bar_ceiling.hide()
        self._bars.setOpts(x=[], height=[], y0=0, brushes=None)

    def _colour_layers(self) -> None:
        colours = layer_colours(len(self._names), self._theme)
        self._lines.set_styles([pg.mkPen(colour, width=self._theme.line(2)) for colour in colours])
        self._bar_brushes = [pg.mkBrush(c) for c in colours]
        if len(self._history):
            self._show_history()
        self._legend.setText(legend_keys((coloured(SWATCH, c), layer_name(n)) for n, c in zip(self._names, colours)))
        if len(self._current):
            self._show_bars()

    def _label_bars(self) -> None:
        """Layer names under the bars; the numbers alone when full names would overlap, and
        only every k-th number (the last bar always) when even those would."""
        metrics = self._bar_widget.fontMetrics()
        room = max(1.0, self._bar_widget.width() - 50.0) / max(1, len(self._names))  # minus the axis
        names = [layer_name(n) for n in self._names]
        widest = max((metrics.horizontalAdvance(n) for n in names), default=0)
        ticks = list(enumerate(names))
        if widest + 6 >= room:
            short = [_short_name(n) for n in names]
            every = math.ceil((max(metrics.horizontalAdvance(n) for n in short) + 6) / room)
            last = len(short) - 1
            ticks = [(i, n) for i, n in enumerate(short) if i % every == 0 and last - i >= every or i == last]
        self._bar_plot.getAxis("bottom").setTicks([ticks])
        self._bar_plot.setXRange(-0.7, len(self._names) - 0.3, padding=0)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        wide = event.size().width() >= 1.2 * event.size().height()
        self._plots.setDirection(QBoxLayout.LeftToRight if wide else QBoxLayout.TopToBottom)
        self._label_bars()

    # --- drawing ----------------------------------------------------------------------
    def _show_history(self) -> None:
        """Every layer's line; the latest norms as dots; overflowed norms as triangles on a
        ceiling one decade above the largest finite norm of the history."""
        steps, values = self._history.steps, self._history.values
        rows = columns = np.zeros(0, np.int64)
        if self._overflowing:
            over = overflowed(values)
            values = np.where(over, self._ceiling, values)
            rows, columns = np.nonzero(over)
        _show_ceiling(self._history_ceiling, self._ceiling, self._overflowing)
        self._lines.set_data(steps, values)
        brushes = self._bar_brushes[: values.shape[1]]
        latest = values[-1]
        shown = (latest > 0) & ~overflowed(self._current)  # a zero norm has no place on a log axis
        self._latest.setData(x=np.full(int(shown.sum()), steps[-1]), y=np.log10(latest[shown]),
                             brush=[b for b, keep in zip(brushes, shown) if keep])
        self._overflows.setData(x=steps[rows], y=np.log10(values[rows, columns]),
                                brush=[brushes[c] for c in columns])

    @property
    def _ceiling(self) -> float:
        """Where overflowed norms are drawn: one decade above the largest positive finite norm (10 if none)."""
        return 10.0 * self._largest if self._largest > 0 else 10.0

    def _show_bars(self) -> None:
        over = overflowed(self._current)
        _show_ceiling(self._bar_ceiling, self._ceiling, over.any())
        with np.errstate(divide="ignore", invalid="ignore"):
            logs = np.log10(np.where(over, self._ceiling, self._current))
        finite = logs[np.isfinite(logs)]
        real = logs[np.isfinite(logs) & ~over]  # an overflowed bar reaches the ceiling from below the rest
        if len(finite):
            base, top = _bar_range(real.min() if len(real) else np.log10(self._ceiling) - 1, finite.max())
        else:
            base, top = -1.0, 0.0
        heights = np.where(np.isfinite(logs), logs - base, 0.0)  # zero gradient: no bar
        self._bars.setOpts(x=np.arange(len(logs)), height=heights, y0=base, width=BAR_WIDTH,
                           brushes=self._bar_brushes[: len(logs)], pen=None)
        self._bar_plot.setYRange(base, top, padding=0.02)
        self._bar_widget.setToolTip(self._bar_tooltip())

    def _bar_tooltip(self) -> str:
        intro = html.escape(self.tr(
            "The latest weight-gradient norm of each layer, input side on the left (logarithmic axis). "
            "Update/weight: how much one step changed the weights relative to their size; "
            "around 0.001 is healthy for SGD, much smaller means the layer barely learns."))
        head = (html.escape(self.tr("layer")), html.escape(self.tr("gradient norm")),
                html.escape(self.tr("update/weight")))
        rows = "".join(
            f"<tr><td>{html.escape(layer_name(n))}</td><td align='right'>{self._number(g)}</td>"
            f"<td align='right'>{self._number(r)}</td></tr>"
            for n, g, r in zip(self._names, self._current, self._ratios))
        header = "".join(f"<th>{h}</th>" for h in head)
        return f"<p>{intro}</p><table cellspacing='6'><tr>{header}</tr>{rows}</table>"

    def _number(self, value: float) -> str:
        return html.escape(self.tr("overflow (not finite)")) if overflowed(value) else format_number(value)

    def _show_verdict(self, verdict) -> None:
        words = {
            "healthy": self.tr("Healthy"),
            "vanishing": self.tr("Vanishing gradients"),
            "exploding": self.tr("Exploding gradients"),
        }
        heading = self.tr("Diverged: exploding gradients") if verdict.code == "diverged" else None
        self._verdict.setText(heading or words.get(verdict.state, verdict.state))
        self._reason.setText(self._reason_words(verdict))
        if verdict.state != self._state:  # a style sheet is re-parsed on every set: only on change
            self._state = verdict.state
            self._show_verdict_colour()

    def _reason_words(self, verdict) -> str:
        """The verdict's reason in the interface language (the core words it in English)."""
        v = verdict.values
        n = lambda x: f"{x:.2g}"  # noqa: E731
        times = lambda x: "∞" if not math.isfinite(x) else (f"{x:,.0f}" if x < 1e7 else f"10^{round(math.log10(x))}")  # noqa: E731
        templates = {
            "no_layers": lambda: self.tr("No layers with weights."),
            "non_finite": lambda: self.tr("Some gradients are no longer finite numbers (NaN or infinity)."),
            "large": lambda: self.tr("A gradient norm reached {0}; updates this large throw the weights about.").format(
                f"{v[0]:.3g}"),
            "single": lambda: self.tr("A single layer: the gradient reaches it directly."),
            "all_zero": lambda: self.tr("Every gradient is zero: nothing is learning (dead units, or zero weights)."),
            "output_zero": lambda: self.tr("The output layer's gradient is zero at this step."),
            "smaller": lambda: self.tr("The first layer's gradient is about {0} times smaller than the output "
                                       "layer's ({1} vs {2}): early layers barely learn.").format(times(v[0]), n(v[1]), n(v[2])),
            "larger": lambda: self.tr("The first layer's gradient is about {0} times larger than the output "
                                      "layer's ({1} vs {2}): it grows on the way back.").format(times(v[0]), n(v[1]), n(v[2])),
            "flow": lambda: self.tr("Gradients reach the first layer (first/output = {0}).").format(n(v[0])),
            "diverged": lambda: (
                self.tr("The run diverged at step {0}: the loss became NaN. The updates grew until the numbers "
                        "overflowed; lower the learning rate and reset.") if v[0] == "NaN" else
                self.tr("The run diverged at step {0}: the loss became infinite. The updates grew until the "
                        "numbers overflowed; lower the learning rate and reset.")).format(f"{v[1]:,}"),
        }
        make = templates.get(verdict.code)
        return make() if make is not None else verdict.reason

    def _show_verdict_colour(self) -> None:
        theme = self._theme
        colour = {"healthy": theme.good, "vanishing": theme.warning, "exploding": theme.bad}.get(
            self._state, theme.foreground)
        self._verdict.setStyleSheet(f"color: {colour};")

    def _show_empty(self) -> None:
        self._state = ""
        self._verdict.setText(self.tr("No gradients yet"))
        self._reason.setText(self.tr(
            "Press Train to start: after the first step each layer's gradient appears here."))
        self._show_verdict_colour()
        self._bar_widget.setToolTip(self.tr(
            "The latest weight-gradient norm of each layer, input side on the left (logarithmic axis)."))


def _show_ceiling(line: pg.InfiniteLine, ceiling: float, visible: bool) -> None:
    line.setPos(np.log10(ceiling))  # both plots place their items in log10 units
    line.setVisible(bool(visible))


def _bar_range(lowest: float, highest: float) -> tuple[float, float]:
    """(base, top) of the bars' log10 axis for bars reaching from ``lowest`` to ``highest`` (log10).

    The decade at or below the shortest bar and the next one up are both well inside, so
    that at least two decade labels can be read against the bars (a decade on the axis's
    end loses its label); the shortest bar stands half a decade tall.
    """
    decade = np.floor(lowest)
    return decade - 0.5, max(highest + 0.25, decade + 1.4)


def _short_name(name: str) -> str:
    """"Linear 3" -> "3", "Output" -> "Out": what fits under a narrow bar."""
    last = name.split()[-1]
    return last if last.isdigit() else name[:3]
