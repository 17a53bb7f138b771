"""The "Loss" dock: training loss per step, its smoothed trend, train/test loss and accuracy.

The per-step losses (and their smoothed line) are kept within a fixed budget: a long
run's older steps are decimated to each stretch's lowest and highest loss, so every
spike stays (history.per_step_series). They are drawn with clip-to-view and peak
downsampling, so a run of millions of steps stays quick to draw. The smoothed line is
TensorBoard's debiased exponential moving average, updated for new points only.
The numbers are the run's LiveHistory (playground.runs.history): in the window the
controller's, which records every snapshot whatever is on screen (so a resumed run shows
the history it was saved with); a LossPlot given none keeps its own.

The step axis has three views (X_VIEWS): all steps on a linear axis, the most recent
RECENT_STEPS following the run, or a log10 step axis on which the early fall and the
latest steps of a long run are both in view (the default).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QHBoxLayout, QLabel, QSizePolicy, QSlider, QVBoxLayout, QWidget

from playground.runs.history import LiveHistory, per_step_series
from playground.runs.messages import RunInfo, Snapshot

from playground.ui.widgets.elided_label import ElidedLabel
from playground.ui.widgets.axes import EpochAxis, LogStepAxis, axis_label_span, fit_axis_label, log_peaks
from playground.ui.widgets.plot_utils import (corner_label, ema, faded, history_curve, legend_keys, line_key, make_plot,
                                              overlay_hint, press_train_text, reset_range, small_label,
                                              style_corner_label, style_hint, style_plot)
from playground.ui.theme import LIGHT, Theme

CURVES = ("train_steps", "smoothed", "train", "test", "train_accuracy", "test_accuracy")
DEFAULT_SMOOTHING = 0.6
REDRAW_BUDGET = 0.08
"""Share of wall time the per-step curves may take: once a redraw of a long history
costs more than this allows at the snapshot rate, they are redrawn less often."""
X_VIEWS = ("all", "recent", "log")
"""How the step axis shows the run: every step (linear), the last RECENT_STEPS, or log10 steps."""
DEFAULT_X_VIEW = "log"
RECENT_STEPS = 1000
LOG_ZERO = 0.5
"""Where step 0 (the loss of the initial weights) sits on the log step axis, which has no
place for 0: half a step before step 1, so that a first step or a run's start stays in view."""
class LossPlot(QWidget):
    """Loss over training steps (and accuracy below it for classification).

    ``x_view_changed(mode)`` fires when the step axis view changes (a name in X_VIEWS).
    """

    x_view_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, theme: Theme = LIGHT,
                 history_of: Callable[[int], LiveHistory] | None = None):
        """``history_of(run_id)`` gives a run's history, recorded by its owner before each snapshot
        reaches this view; without it the view records the snapshots it is shown itself."""
        super().__init__(parent)
        self._theme = theme
        self._history_of = history_of
        self._history = LiveHistory()  # the run drawn
        self._smoothed = per_step_series()  # of the history's losses up to its last step
        self._drawn_at, self._draw_cost = 0.0, 0.0  # perf_counter seconds
        self._ema_state = (0.0, 0)
        self._classify = False  # accuracy appears once a run says the task is classification
        self._build()
        self.set_theme(theme)

    # --- construction -----------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addLayout(self._build_controls())

        self._epoch_axis = EpochAxis("top")
        self._loss_widget = make_plot(self._theme, steps=True,
                                      axisItems={"top": self._epoch_axis, "bottom": LogStepAxis("bottom")})
        self._loss_plot = self._loss_widget.getPlotItem()
        self._loss_plot.showAxis("top")
        self._loss_plot.setLabel("left", self.tr("loss"))
        self._epoch_label = corner_label(self._loss_plot, "top", self.tr("epoch"), self._theme)
        self._epoch_axis.setToolTip(self.tr(
            "Epochs: one epoch is one pass over the whole training set; the ticks mark where each begins."))
        self._loss_widget.setToolTip(self.tr(
            "The loss: how far the network's answers are from the right ones; training pushes it down.\n"
            "Faint line: the loss of each training step (one batch). Solid line: its smoothed trend.\n"
            "Dashed line: the loss on the whole training set; orange: on the test set, which the network "
            "never trains on. A test loss rising while the training loss falls means overfitting.\n"
            "Scroll to zoom, drag to pan; the 'A' button in the corner shows everything again."))
        self._items = {name: history_curve(self._loss_plot, None) for name in CURVES[:4]}
        host = QWidget(self)
        self._hint = overlay_hint(host, self._loss_widget, press_train_text())
        layout.addWidget(host, 3)

        self._accuracy_widget = make_plot(self._theme, steps=True, axisItems={"bottom": LogStepAxis("bottom")})
        self._accuracy_plot = self._accuracy_widget.getPlotItem()
        self._accuracy_plot.setLabel("left", self.tr("accuracy %"))
        self._accuracy_plot.getViewBox().sigResized.connect(self._fit_accuracy_label)
        self._accuracy_plot.setXLink(self._loss_plot)
        self._accuracy_widget.setToolTip(self.tr(
            "Accuracy: the share of points whose class the network gets right, on the training set (blue) "
            "and on the test set (orange)."))
        self._items["train_accuracy"] = history_curve(self._accuracy_plot, None)
        self._items["test_accuracy"] = history_curve(self._accuracy_plot, None)
        self._step_labels = (corner_label(self._loss_plot, "bottom", self.tr("step"), self._theme),
                             corner_label(self._accuracy_plot, "bottom", self.tr("step"), self._theme))
        layout.addWidget(self._accuracy_widget, 2)
        self._accuracy_widget.setVisible(self._classify)
        # Which line is which, in a row under the plots: inside the loss plot it hid the curve.
        self._legend = small_label()
        self._legend.setToolTip(self._loss_widget.toolTip())
        layout.addWidget(self._legend)
        self._show_step_label()
        self._apply_x_view()

    def _build_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        smoothing_tip = self.tr(
            "Smoothing of the solid loss line: an exponential moving average, as in TensorBoard. "
            "0 shows the raw loss of every step; near 1 averages over many steps.")
        label = QLabel(self.tr("Smoothing"))
        label.setToolTip(smoothing_tip)
        self._slider = QSlider(Qt.Horizontal)
        self._slider.setRange(0, 99)
        self._slider.setValue(round(DEFAULT_SMOOTHING * 100))
        self._slider.setToolTip(smoothing_tip)
        self._slider.setMinimumWidth(50)
        self._slider.setMaximumWidth(160)
        self._slider.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)  # narrows before the text is cut
        self._smoothing_value = QLabel()
        self._smoothing_value.setMinimumWidth(self._smoothing_value.fontMetrics().horizontalAdvance("0.00"))
        self._slider.valueChanged.connect(self._on_slider_value_changed)
        self._log_box = QCheckBox(self.tr("Log scale"))
        self._log_box.setToolTip(self.tr(
            "Logarithmic loss axis: each grid step is ten times smaller, so progress late in training "
            "stays visible. A loss of exactly zero cannot be drawn on it and is left out."))
        self._log_box.toggled.connect(self._on_log_box_toggled)
        self._x_view_box = QComboBox()
        for mode, text in zip(X_VIEWS, (self.tr("All steps"), self.tr("Recent steps"), self.tr("Log steps"))):
            self._x_view_box.addItem(text, mode)
        self._x_view_box.setCurrentIndex(X_VIEWS.index(DEFAULT_X_VIEW))
        self._x_view_box.setToolTip(self.tr(
            "How the step axis shows a long run.\n"
            "All steps: the whole run on an even axis; after many steps the early fall of the loss is "
            "squeezed against the left edge.\n"
            "Recent steps: the last {0} steps, following the run.\n"
            "Log steps: steps 1, 10, 100, 1,000... equally far apart, so the early fall and the latest "
            "steps are both in view.").format(f"{RECENT_STEPS:,}"))
        self._x_view_box.currentIndexChanged.connect(self._on_x_view_box_current_index_changed)
        # Whole up to 4-digit epochs and 6-digit steps (the slider narrows instead); longer ones may be cut.
        self._status = ElidedLabel(keep=self._status_text(9_999, 999_999))  # (projector mode: set_theme)
        self._status.setToolTip(self.tr(
            "Completed epochs (passes over the whole training set) and training steps "
            "(parameter updates, one per batch)."))
        self._status.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        for widget in (label, self._slider, self._smoothing_value, self._log_box, self._x_view_box):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self._status)
        self._show_smoothing_value()
        self._show_status(0, 0)
        return row

    # --- the view API -----------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        style_plot(self._loss_plot, theme, self._loss_widget)
        style_plot(self._accuracy_plot, theme, self._accuracy_widget)
        # Tall enough for three tick labels (with room between them) over the step row, in the text's
        # size (larger in projector mode): pyqtgraph labels at least two intervals, and a shorter plot
        # would stack them.
        self._accuracy_widget.setMinimumHeight(5 * QFontMetrics(QApplication.font()).lineSpacing())
        # In projector mode's larger text the whole count would make the Loss dock wider than a
        # 1280x720 window can give it next to the Output view: it is cut first (whole in its tooltip).
        self._status.set_keep("…" if theme.font_scale > 1 else self._status_text(9_999, 999_999))
        style_hint(self._hint, theme)
        for label in (self._epoch_label, *self._step_labels):
            style_corner_label(label, theme)
        items = self._items
        items["train_steps"].setPen(pg.mkPen(faded(theme.train, 70), width=theme.line(1)))
        items["smoothed"].setPen(pg.mkPen(theme.train, width=theme.line(2)))
        items["train"].setPen(pg.mkPen(theme.train, width=theme.line(2), style=Qt.DashLine))
        items["test"].setPen(pg.mkPen(theme.test, width=theme.line(2)))
        items["train_accuracy"].setPen(pg.mkPen(theme.train, width=theme.line(2), style=Qt.DashLine))
        items["test_accuracy"].setPen(pg.mkPen(theme.test, width=theme.line(2)))
        self._legend.setText(legend_keys((line_key(items[name].opts["pen"]), text) for name, text in (
            ("train_steps", self.tr("loss per step")), ("smoothed", self.tr("smoothed")),
            ("train", self.tr("training set")), ("test", self.tr("test set")))))

    def start_run(self, info: RunInfo) -> None:
        """Forget the previous run (or show the history a resumed one was saved with); show
        accuracy only for classification."""
        self._history = self._history_of(info.run_id) if self._history_of else LiveHistory(info.run_id, info.history)
        self._smoothed.clear()
        self._ema_state = (0.0, 0)
        self._drawn_at, self._draw_cost = 0.0, 0.0
        self._epoch_axis.steps_per_epoch = int(info.steps_per_epoch)
        self._epoch_axis.picture = None  # pyqtgraph caches the drawn ticks
        self._epoch_axis.update()
        self._classify = getattr(info.dataset, "task", "regression") != "regression"
        self._accuracy_widget.setVisible(self._classify)
        self._show_step_label()
        for item in self._items.values():
            item.setData([], [])
        reset_range(self._loss_plot)  # the accuracy plot's x axis follows (linked)
        self._accuracy_plot.enableAutoRange(y=True)
        self._apply_x_view()
        self._hint.setText(press_train_text())
        self._hint.show()
        self._show_status(0, 0)
        if len(self._history.losses) or len(self._history.evals):  # resumed, or reports came before the view
            self._smooth_new()
            self._draw_losses(force=True)
            self._draw_metrics()

    def clear_run(self, reason: str) -> None:
        """There is no current run: no curves of an earlier design; ``reason`` in their place."""
        self._history = LiveHistory()
        self._smoothed.clear()
        self._ema_state = (0.0, 0)
        for item in self._items.values():
            item.setData([], [])
        self._hint.setText(reason)
        self._hint.show()
        self._show_status(0, 0)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        if self._history_of is None:
            self._history.record(snapshot)
        self._smooth_new()
        if snapshot.state != "running" or len(snapshot.steps):
            self._draw_losses(force=snapshot.state != "running")
        if snapshot.metrics is not None:
            self._draw_metrics()
        self._show_status(snapshot.epoch, snapshot.step)

    # --- public helpers (tests, other panels) -----------------------------------------
    def curve_data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """(step, value) of every point of a curve in CURVES, whatever the step axis view shows."""
        if name in ("train_steps", "smoothed"):
            series = self._history.losses if name == "train_steps" else self._smoothed
            return series.steps.copy(), series.values.copy()
        column = ("train", "test", "train_accuracy", "test_accuracy").index(name)
        if column >= 2 and not self._classify:
            return np.zeros(0), np.zeros(0)
        return self._history.evals.steps.copy(), self._evals()[:, column].copy()

    def displayed_data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) as painted: after the log mapping (log10, NaN where impossible) and downsampling."""
        x, y = self._items[name].getData()
        if x is None:
            return np.zeros(0), np.zeros(0)
        return np.asarray(x).copy(), np.asarray(y).copy()

    def point_markers(self, name: str) -> int:
        """How many points of a curve (a name in CURVES) are marked with dots: all while there are few."""
        return self._items[name].point_markers()

    def step_range(self) -> tuple[float, float]:
        """The steps in view (both plots share them); on the log step axis step 0 is at LOG_ZERO."""
        low, high = self._loss_plot.viewRange()[0]
        if self.x_view() == "log":
            low, high = 10.0**low, 10.0**high
        return float(low), float(high)

    def step_tick_labels(self) -> list[str]:
        """The labels along the step axis of the lowest plot, as drawn at its present size."""
        plot = self._accuracy_plot if self._classify else self._loss_plot
        axis = plot.getAxis("bottom")
        low, high = self._loss_plot.viewRange()[0]  # in the axis's own units (log10 steps on the log axis)
        return [text for spacing, values in axis.tickValues(low, high, axis.width())
                for text in axis.tickStrings(values, 1, spacing)]

    def set_log_scale(self, on: bool) -> None:
        self._log_box.setChecked(bool(on))

    def log_scale(self) -> bool:
        return self._log_box.isChecked()

    def set_smoothing(self, smoothing: float) -> None:
        """0 (none) .. 0.99 (heavy); redraws the smoothed line from the whole history."""
        self._slider.setValue(round(min(max(float(smoothing), 0.0), 0.99) * 100))

    def smoothing(self) -> float:
        return self._slider.value() / 100

    def set_x_view(self, mode: str) -> None:
        """Show the steps as ``mode`` (a name in X_VIEWS; anything else gives DEFAULT_X_VIEW)."""
        self._x_view_box.setCurrentIndex(X_VIEWS.index(mode if mode in X_VIEWS else DEFAULT_X_VIEW))

    def x_view(self) -> str:
        return X_VIEWS[self._x_view_box.currentIndex()]

    def visible_range(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """((first, last) step, (lowest, highest) loss) in view, as the next paint shows them."""
        box = self._loss_plot.getViewBox()
        box.updateAutoRange()  # pyqtgraph fits the range lazily, just before painting
        (x_low, x_high), (y_low, y_high) = box.viewRange()
        if self.x_view() == "log":
            x_low, x_high = 10.0**x_low, 10.0**x_high
        if self.log_scale():
            y_low, y_high = 10.0**y_low, 10.0**y_high
        return (x_low, x_high), (y_low, y_high)

    def legend(self) -> QLabel:
        """The legend row under the plots (which line is which)."""
        return self._legend

    def accuracy_visible(self) -> bool:
        return not self._accuracy_widget.isHidden()

    # --- updates --------------------------------------------------------------------
    def _smooth_new(self) -> None:
        """Smooth the losses the history gained since the last call (those after the last
        step smoothed: either may have decimated its older steps since)."""
        losses = self._history.losses
        last = self._smoothed.last_step
        done = 0 if last is None else int(np.searchsorted(losses.steps, last, side="right"))
        if len(losses) > done:
            smooth, self._ema_state = ema(losses.values[done:], self.smoothing(), self._ema_state)
            self._smoothed.extend(losses.steps[done:], smooth)
            self._hint.hide()

    def _evals(self) -> np.ndarray:
        """The evaluations as drawn: losses, then accuracy in %."""
        return self._history.evals.values * _PERCENT

    def _draw_losses(self, force: bool = False) -> None:
        """Hand the per-step histories to their curves, less often once that gets costly.

        pyqtgraph re-reads a whole curve on every setData: with a million steps that is
        milliseconds, so the redraw rate drops to keep within REDRAW_BUDGET.
        """
        start = time.perf_counter()
        if not force and start - self._drawn_at < self._draw_cost / REDRAW_BUDGET:
            return
        self._set_curve("train_steps", self._history.losses.steps, self._history.losses.values)
        self._set_curve("smoothed", self._smoothed.steps, self._smoothed.values)
        self._follow_recent()
        self._drawn_at = time.perf_counter()
        self._draw_cost = self._drawn_at - start

    def _draw_metrics(self) -> None:
        x, values = self._history.evals.steps, self._evals()
        names = ("train", "test", "train_accuracy", "test_accuracy") if self._classify else ("train", "test")
        for column, name in enumerate(names):
            self._set_curve(name, x, values[:, column])
        self._follow_recent()

    def _set_curve(self, name: str, x: np.ndarray, y: np.ndarray) -> None:
        if self.x_view() == "log":
            x, y = log_peaks(np.where(x == 0, LOG_ZERO, x), y)
        self._items[name].setData(x, y)

    def _apply_x_view(self) -> None:
        """Axis mode, downsampling and range for the chosen view; the curves drawn so far are redrawn in it."""
        log = self.x_view() == "log"
        for plot in (self._loss_plot, self._accuracy_plot):
            plot.setLogMode(x=log)
            plot.setLimits(xMin=math.log10(LOG_ZERO) - 0.1 if log else 0)  # never before step 0
            plot.getViewBox().setAutoVisible(y=self.x_view() == "recent")  # y fits the steps in view
        for item in self._items.values():
            item.setDownsampling(auto=not log, method="peak")  # log_peaks thins in log space instead
        self._epoch_axis.picture = None
        self._set_curve("train_steps", self._history.losses.steps, self._history.losses.values)
        self._set_curve("smoothed", self._smoothed.steps, self._smoothed.values)
        names = ("train", "test", "train_accuracy", "test_accuracy") if self._classify else ("train", "test")
        for column, name in enumerate(names):
            self._set_curve(name, self._history.evals.steps, self._evals()[:, column])
        self._loss_plot.enableAutoRange()
        self._accuracy_plot.enableAutoRange()
        self._follow_recent()

    def _follow_recent(self) -> None:
        """In the "recent" view: the last RECENT_STEPS steps, moving with the run."""
        losses = self._history.losses
        if self.x_view() != "recent" or not len(losses):
            return
        first, last = int(losses.steps[0]), int(losses.steps[-1])
        self._loss_plot.setXRange(max(first, last - RECENT_STEPS), max(last, first + 1), padding=0.02)

    def _show_status(self, epoch: int, step: int) -> None:
        self._status.setText(self._status_text(epoch, step))

    def _status_text(self, epoch: int, step: int) -> str:
        return self.tr("Epoch {epoch} · step {step}").format(epoch=f"{epoch:,}", step=f"{step:,}")

    def _fit_accuracy_label(self) -> None:
        fit_axis_label(self._accuracy_plot, "left", (self.tr("accuracy %"), "%"))

    def accuracy_label(self) -> tuple[str, tuple[float, float, float]]:
        """The accuracy axis's title as shown, and where it lies along the axis (see axis_label_span)."""
        return self._accuracy_plot.getAxis("left").labelText, axis_label_span(self._accuracy_plot, "left")

    def _show_step_label(self) -> None:
        """Steps are labelled under the lowest plot only (the x axes are linked)."""
        self._loss_plot.getAxis("bottom").setStyle(showValues=not self._classify)
        self._step_labels[0].setVisible(not self._classify)

    # --- slots ----------------------------------------------------------------------
    def _on_slider_value_changed(self, _value: int) -> None:
        self._show_smoothing_value()
        losses = self._history.losses
        smooth, self._ema_state = ema(losses.values, self.smoothing())
        self._smoothed.clear()
        self._smoothed.extend(losses.steps, smooth)
        if len(losses):
            self._draw_losses(force=True)

    def _on_x_view_box_current_index_changed(self, _index: int) -> None:
        self._apply_x_view()
        self.x_view_changed.emit(self.x_view())

    def _on_log_box_toggled(self, on: bool) -> None:
        self._loss_plot.setLogMode(y=on)
        self._loss_plot.enableAutoRange(y=True)

    def _show_smoothing_value(self) -> None:
        self._smoothing_value.setText(f"{self.smoothing():.2f}")


_PERCENT = np.array([1.0, 1.0, 100.0, 100.0])  # the history's evaluations hold accuracy as a fraction
