"""The "Loss" dock: training loss per step, its smoothed trend, train/test loss and accuracy.

Every per-step loss is kept (growable buffers) and drawn with clip-to-view and peak
downsampling, so a run of a million steps stays quick to draw. The smoothed line is
TensorBoard's debiased exponential moving average, updated for new points only.
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSizePolicy, QSlider, QVBoxLayout, QWidget

from playground.design import Design
from playground.run_loop import Snapshot

from .elided_label import ElidedLabel
from .plot_utils import (History, StepAxis, axis_label_span, corner_label, ema, faded, fit_axis_label, history_curve,
                         make_plot, multiples, overlay_hint, press_train_text, reset_range, si_text, style_hint,
                         style_plot)
from .preview import preview
from .theme import LIGHT, Theme
from .training_controller import RunInfo

CURVES = ("train_steps", "smoothed", "train", "test", "train_accuracy", "test_accuracy")
DEFAULT_SMOOTHING = 0.6
REDRAW_BUDGET = 0.08
"""Share of wall time the per-step curves may take: once a redraw of a long history
costs more than this allows at the snapshot rate, they are redrawn less often."""


class EpochAxis(StepAxis):
    """An axis over steps whose ticks sit on whole epochs and read as epoch numbers (20k, not 20000)."""

    def __init__(self, orientation: str = "top", **kwargs):
        super().__init__(orientation, **kwargs)
        self.steps_per_epoch = 0

    def tickValues(self, minVal, maxVal, size):  # noqa: N802 - Qt/pyqtgraph name
        spe = self.steps_per_epoch
        if spe <= 0 or maxVal <= minVal or self.logMode:
            return []
        low, high = max(minVal, 0) / spe, maxVal / spe
        spacing = self.spacing_for(low, high, size)
        return [(spacing * spe, [e * spe for e in multiples(spacing, low, high)])]

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        spe = max(1, self.steps_per_epoch)
        return [si_text(round(v / spe)) for v in values]


class LossPlot(QWidget):
    """Loss over training steps (and accuracy below it for classification)."""

    def __init__(self, parent: QWidget | None = None, theme: Theme = LIGHT):
        super().__init__(parent)
        self._theme = theme
        self._losses = History(dtype=np.float32, capacity=4096)  # every per-step loss
        self._smoothed = History(dtype=np.float32, capacity=4096)
        self._drawn_at, self._draw_cost = 0.0, 0.0  # perf_counter seconds
        self._ema_state = (0.0, 0)
        self._metrics = History((4,))  # train loss, test loss, train acc %, test acc % at snapshot steps
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
        self._loss_widget = make_plot(self._theme, steps=True, axisItems={"top": self._epoch_axis})
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
        legend = self._loss_plot.addLegend(offset=(-4, 4), labelTextSize="8pt", verSpacing=-6, colCount=2)
        legend.setZValue(10)
        self._items = {
            "train_steps": history_curve(self._loss_plot, None, name=self.tr("loss per step")),
            "smoothed": history_curve(self._loss_plot, None, name=self.tr("smoothed")),
            "train": history_curve(self._loss_plot, None, name=self.tr("training set")),
            "test": history_curve(self._loss_plot, None, name=self.tr("test set")),
        }
        host = QWidget(self)
        self._hint = overlay_hint(host, self._loss_widget, press_train_text())
        layout.addWidget(host, 3)

        self._accuracy_widget = make_plot(self._theme, steps=True)
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
        self._show_step_label()

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
        # Whole up to 4-digit epochs and 6-digit steps (the slider narrows instead); longer ones may be cut.
        self._status = ElidedLabel(keep=self._status_text(9_999, 999_999))
        self._status.setToolTip(self.tr(
            "Completed epochs (passes over the whole training set) and training steps "
            "(parameter updates, one per batch)."))
        self._status.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        for widget in (label, self._slider, self._smoothing_value, self._log_box):
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
        style_hint(self._hint, theme)
        for label in (self._epoch_label, *self._step_labels):
            label.setText(label.text, color=theme.foreground)
        items = self._items
        items["train_steps"].setPen(pg.mkPen(faded(theme.train, 70), width=1))
        items["smoothed"].setPen(pg.mkPen(theme.train, width=2))
        items["train"].setPen(pg.mkPen(theme.train, width=2, style=Qt.DashLine))
        items["test"].setPen(pg.mkPen(theme.test, width=2))
        items["train_accuracy"].setPen(pg.mkPen(theme.train, width=2, style=Qt.DashLine))
        items["test_accuracy"].setPen(pg.mkPen(theme.test, width=2))

    def start_run(self, info: RunInfo) -> None:
        """Forget the previous run; show accuracy only for classification."""
        self._losses.clear()
        self._smoothed.clear()
        self._metrics.clear()
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
        self._hint.setText(press_train_text())
        self._hint.show()
        self._show_status(0, 0)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        if len(snapshot.steps):
            self._add_losses(snapshot.steps, snapshot.losses)
        if snapshot.state != "running" or len(snapshot.steps):
            self._draw_losses(force=snapshot.state != "running")
        if snapshot.metrics is not None:
            self._add_metrics(snapshot.step, snapshot.metrics)
        self._show_status(snapshot.epoch, snapshot.step)

    # --- public helpers (tests, other panels) -----------------------------------------
    def curve_data(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) as drawn (before display downsampling) for a name in CURVES."""
        item = self._items[name]
        if item.xData is None:
            return np.zeros(0), np.zeros(0)
        return np.asarray(item.xData).copy(), np.asarray(item.yData).copy()

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
        """The steps in view (both plots share them)."""
        low, high = self._loss_plot.viewRange()[0]
        return float(low), float(high)

    def step_tick_labels(self) -> list[str]:
        """The labels along the step axis of the lowest plot, as drawn at its present size."""
        plot = self._accuracy_plot if self._classify else self._loss_plot
        axis = plot.getAxis("bottom")
        low, high = self.step_range()
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

    def accuracy_visible(self) -> bool:
        return not self._accuracy_widget.isHidden()

    # --- updates --------------------------------------------------------------------
    def _add_losses(self, steps: np.ndarray, losses: np.ndarray) -> None:
        self._losses.extend(steps, losses)
        smooth, self._ema_state = ema(losses, self.smoothing(), self._ema_state)
        self._smoothed.extend(steps, smooth)
        self._hint.hide()

    def _draw_losses(self, force: bool = False) -> None:
        """Hand the per-step histories to their curves, less often once that gets costly.

        pyqtgraph re-reads a whole curve on every setData: with a million steps that is
        milliseconds, so the redraw rate drops to keep within REDRAW_BUDGET.
        """
        start = time.perf_counter()
        if not force and start - self._drawn_at < self._draw_cost / REDRAW_BUDGET:
            return
        x = self._losses.steps
        self._items["train_steps"].setData(x, self._losses.values)
        self._items["smoothed"].setData(x, self._smoothed.values)
        self._drawn_at = time.perf_counter()
        self._draw_cost = self._drawn_at - start

    def _add_metrics(self, step: int, metrics) -> None:
        row = [metrics.train_loss, metrics.test_loss,
               _percent(metrics.train_accuracy), _percent(metrics.test_accuracy)]
        if self._metrics.last_step == step:  # e.g. the paused report after the last running one
            self._metrics.replace_last(row)
        else:
            self._metrics.append(step, row)
        x, values = self._metrics.steps, self._metrics.values
        names = ("train", "test", "train_accuracy", "test_accuracy") if self._classify else ("train", "test")
        for column, name in enumerate(names):
            self._items[name].setData(x, values[:, column])

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
        smooth, self._ema_state = ema(self._losses.values, self.smoothing())
        self._smoothed.clear()
        self._smoothed.extend(self._losses.steps, smooth)
        if len(self._losses):
            self._draw_losses(force=True)

    def _on_log_box_toggled(self, on: bool) -> None:
        self._loss_plot.setLogMode(y=on)
        self._loss_plot.enableAutoRange(y=True)

    def _show_smoothing_value(self) -> None:
        self._smoothing_value.setText(f"{self.smoothing():.2f}")


def _percent(value: float | None) -> float:
    return float("nan") if value is None else 100.0 * float(value)


if __name__ == "__main__":
    sys.exit(preview(LossPlot, Design(), title="Loss"))
