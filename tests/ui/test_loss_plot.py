"""The Loss view, fed by real training runs (every step its own snapshot)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import pyqtgraph as pg
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QWidget

from playground.design.schema import Design
from playground.runs.history import LIVE_STEP_POINTS
from playground.ui.views.loss_plot import LossPlot
from playground.training.trainer import Trainer
from playground.ui.theme import DARK
from ui_runs import info_of, run_design, shown, snapshot_of


def classification(epochs: int = 4) -> Design:
    return Design().with_training(epochs=epochs)  # circle data, 25 steps per epoch


def regression() -> Design:
    return Design(loss="mse").with_data(dataset="sine", noise=0.2).with_training(epochs=2)


@pytest.fixture(scope="module")
def circle_run():
    return run_design(classification())


@pytest.fixture
def view(qtbot):
    widget = LossPlot()
    qtbot.addWidget(widget)
    widget.resize(640, 420)
    return widget


def tensorboard_smoothing(values: np.ndarray, weight: float) -> np.ndarray:
    last, out = 0.0, []
    for i, value in enumerate(values, start=1):
        last = last * weight + (1 - weight) * float(value)
        out.append(last / (1 - weight**i))
    return np.array(out)


def test_loss_curve_is_every_step_loss_of_the_run(view, circle_run):
    info, snapshots = circle_run
    shown(view, info, snapshots)
    x, y = view.curve_data("train_steps")
    np.testing.assert_array_equal(x, np.concatenate([s.steps for s in snapshots]))
    np.testing.assert_array_equal(y, np.concatenate([s.losses for s in snapshots]))
    assert len(x) == 100 and "step 100" in view._status.text()


def test_train_and_test_loss_and_accuracy_at_snapshot_steps(view, circle_run):
    info, snapshots = circle_run
    shown(view, info, snapshots)
    last = {s.step: s.metrics for s in snapshots}  # a later report of the same step replaces the earlier
    steps = np.array(sorted(last))
    x, test = view.curve_data("test")
    np.testing.assert_array_equal(x, steps)
    np.testing.assert_allclose(test, [last[k].test_loss for k in steps])
    _, accuracy = view.curve_data("train_accuracy")
    np.testing.assert_allclose(accuracy, [100 * last[k].train_accuracy for k in steps])
    assert view.accuracy_visible()


def test_smoothed_line_is_tensorboard_smoothing_and_follows_the_slider(view, circle_run):
    info, snapshots = circle_run
    shown(view, info, snapshots)
    losses = np.concatenate([s.losses for s in snapshots])
    assert view.smoothing() == pytest.approx(0.6)
    np.testing.assert_allclose(view.curve_data("smoothed")[1], tensorboard_smoothing(losses, 0.6), rtol=1e-5)
    view.set_smoothing(0.0)
    np.testing.assert_allclose(view.curve_data("smoothed")[1], losses, rtol=1e-6)
    view.set_smoothing(0.95)
    heavy = view.curve_data("smoothed")[1]
    np.testing.assert_allclose(heavy, tensorboard_smoothing(losses, 0.95), rtol=1e-5)
    assert np.abs(np.diff(heavy)).sum() < 0.5 * np.abs(np.diff(losses)).sum()


def test_log_scale_maps_the_curve_and_leaves_zero_losses_out(view, circle_run):
    info, snapshots = circle_run
    first = snapshots[1]
    zero = dataclasses.replace(first, losses=np.array([0.0] * len(first.losses), np.float32))
    shown(view, info, [snapshots[0], zero, *snapshots[2:]])
    _, raw = view.curve_data("train_steps")
    view.set_x_view("all")  # every step drawn, on an even step axis
    view.set_log_scale(True)
    _, drawn = view.displayed_data("train_steps")
    positive = raw > 0
    assert not positive.all()
    np.testing.assert_allclose(drawn[positive], np.log10(raw[positive]), rtol=1e-5)
    assert np.isnan(drawn[~positive]).all()  # a gap, not -inf stretching the axis
    view.set_log_scale(False)
    np.testing.assert_allclose(view.displayed_data("train_steps")[1], raw)


def test_regression_has_no_accuracy_plot(view):
    info, snapshots = run_design(regression())
    shown(view, info, snapshots)
    assert not view.accuracy_visible()
    assert len(view.curve_data("train_steps")[0]) == sum(len(s.steps) for s in snapshots)
    assert len(view.curve_data("train_accuracy")[0]) == 0


def test_start_run_forgets_the_previous_run(view, circle_run):
    info, snapshots = circle_run
    shown(view, info, snapshots)
    view.start_run(info)
    for name in ("train_steps", "smoothed", "train", "test", "train_accuracy", "test_accuracy"):
        assert len(view.curve_data(name)[0]) == 0, name
    view.show_snapshot(snapshots[1])
    np.testing.assert_array_equal(view.curve_data("train_steps")[1], snapshots[1].losses)


def test_300_snapshots_keep_the_whole_history(view):
    info, snapshots = run_design(classification(epochs=13))
    assert len(snapshots) > 300
    shown(view, info, snapshots)
    x, y = view.curve_data("train_steps")
    np.testing.assert_array_equal(x, np.arange(13 * 25))
    assert len(view.curve_data("smoothed")[1]) == len(x)
    assert len(view.curve_data("test")[0]) == len({s.step for s in snapshots})


def test_dark_theme_repaints_the_plot_background(view, circle_run):
    info, snapshots = circle_run
    shown(view, info, snapshots)
    view.set_theme(DARK)
    image = view.grab().toImage()
    dark = QColor(DARK.background)
    samples = [image.pixelColor(x, y) == dark
               for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)]
    assert sum(samples) > 0.3 * len(samples)


def long_run(view, circle_run, steps: int = 200_000, chunk: int = 5_000):
    """``view`` after a long run whose loss falls from 0.7 in the first few hundred steps,
    then stays between 0.02 and 0.03 but for one spike of 5.0 at step 150,000 (a real run's
    snapshots, with those losses and evaluations)."""
    info, snapshots = circle_run
    x = np.arange(steps)
    losses = (0.7 * np.exp(-x / 300) + 0.02 + 0.01 * np.random.default_rng(0).random(steps)).astype(np.float32)
    losses[150_000] = 5.0  # one bad batch
    view.start_run(info)
    last = snapshots[-1]
    for start in range(0, steps, chunk):
        end = start + chunk
        metrics = dataclasses.replace(last.metrics, train_loss=float(losses[end - 1]),
                                      test_loss=float(losses[end - 1]) + 0.005)
        view.show_snapshot(dataclasses.replace(last, steps=x[start:end], losses=losses[start:end], step=end,
                                               epoch=end // 25, metrics=metrics))
    view.show_snapshot(dataclasses.replace(last, steps=x[:0], losses=losses[:0], step=steps, state="paused",
                                           metrics=None))
    return losses


def share_of_width(view, first: float, last: float) -> float:
    """The share of the step axis that steps first..last take in the current view."""
    (low, high), _ = view.visible_range()
    if view.x_view() == "log":
        return (np.log10(last) - np.log10(max(first, low))) / (np.log10(high) - np.log10(low))
    return (last - first) / (high - low)


def test_after_a_long_run_the_default_step_view_shows_the_early_fall_and_the_latest_steps(view, circle_run):
    long_run(view, circle_run)
    assert view.x_view() == "log"
    (low, high), _ = view.visible_range()
    assert low <= 1 and high >= 200_000
    assert share_of_width(view, 1, 300) > 0.4, "the fall of the loss in its first 300 steps is in plain view"
    drawn_steps = 10 ** view.displayed_data("train_steps")[0]
    assert set(range(1, 11)) <= set(np.round(drawn_steps).astype(int)), "every early step is its own point"
    assert drawn_steps.max() > 199_000
    assert view.displayed_data("train_steps")[1].max() == 5.0, "thinning keeps the spike"
    view.set_x_view("all")
    assert share_of_width(view, 1, 300) < 0.01  # what the learner saw before: the fall hidden at the left edge


def test_the_recent_view_follows_the_last_steps_with_the_loss_axis_fitted_to_them(view, circle_run):
    long_run(view, circle_run)
    view.set_x_view("recent")
    (low, high), (loss_low, loss_high) = view.visible_range()
    assert 198_000 <= low <= 199_000 and high >= 199_999
    assert loss_high < 0.2, "the recent losses (0.02-0.03) fill the plot instead of the early 0.7"
    more = dataclasses.replace(circle_run[1][-1], steps=np.arange(200_000, 203_000),
                               losses=np.full(3000, 0.025, np.float32), step=203_000, state="paused")
    view.show_snapshot(more)
    assert view.visible_range()[0][0] >= 201_900, "the view moves with the run"


def test_choosing_a_step_view_redraws_the_curves_already_drawn(view, circle_run):
    info, snapshots = circle_run
    shown(view, info, snapshots)
    view.set_x_view("all")
    np.testing.assert_array_equal(view.displayed_data("train_steps")[0], np.arange(100))
    with_signal = []
    view.x_view_changed.connect(with_signal.append)
    view.set_x_view("log")
    from playground.ui.views.loss_plot import LOG_ZERO

    np.testing.assert_allclose(view.displayed_data("train_steps")[0], np.log10([LOG_ZERO, *range(1, 100)]))
    np.testing.assert_array_equal(view.curve_data("train_steps")[0], np.arange(100))  # the data stay whole
    assert with_signal == ["log"]


def single_steps(view, design: Design, count: int):
    """``count`` single steps as the '.' key gives them: each one its own paused report."""
    trainer = Trainer(design)
    view.start_run(info_of(trainer))
    for _ in range(count):
        view.show_snapshot(snapshot_of(trainer, 1, state="paused"))
    return trainer


def test_a_few_single_steps_are_drawn_as_dots(view):
    single_steps(view, classification(), 1)
    assert view.point_markers("train_steps") == view.point_markers("smoothed") == 1  # a line needs two points
    single_steps(view, classification(), 3)
    assert view.point_markers("smoothed") == 3 and view.point_markers("test") == 3
    info, snapshots = run_design(classification(epochs=2))
    shown(view, info, snapshots)
    assert view.point_markers("smoothed") == 0  # 50 steps: a plain line


@pytest.mark.parametrize("x_view", ["all", "log"])
def test_an_empty_plot_and_a_first_report_show_no_negative_steps(view, circle_run, x_view):
    from playground.ui.views.loss_plot import LOG_ZERO

    view.set_x_view(x_view)
    first = 0 if x_view == "all" else LOG_ZERO  # where step 0 is drawn
    info, snapshots = circle_run
    shown(view, info, snapshots)
    view.grab()  # pyqtgraph fits the view to the data when it paints
    assert view.step_range()[1] > 90
    view.start_run(info)
    view.grab()
    low, high = view.step_range()
    assert first * 0.75 <= low and high < 11  # the last run's 100 steps are forgotten; nothing before step 0
    view.show_snapshot(snapshot_of(Trainer(classification()), 0, state="paused"))  # one point, at step 0
    view.grab()
    low, high = view.step_range()
    assert first * 0.75 <= low <= first <= high, "the first report is in view, and nothing before it"


def test_step_ticks_of_a_long_run_are_short_distinct_and_apart(view, qtbot):
    """A narrow dock used to run long step numbers together: "0 20000400006000080000"."""
    view.set_x_view("all")  # the even step axis, where they did
    view.resize(300, 300)
    view.show()
    qtbot.waitExposed(view)
    info, snapshots = run_design(regression())
    view.start_run(info)
    steps = np.arange(85_000)
    view.show_snapshot(dataclasses.replace(snapshots[-1], steps=steps, losses=np.ones(len(steps), np.float32),
                                           step=len(steps), state="paused"))
    qtbot.waitUntil(lambda: view.step_range()[1] >= 85_000)
    labels = view.step_tick_labels()
    assert len(labels) >= 2 and len(set(labels)) == len(labels)
    assert all(len(text) <= 3 for text in labels) and {"20k", "50k"} & set(labels), labels
    axis = view._loss_plot.getAxis("bottom")
    metrics = QFontMetrics(axis.font())
    assert sum(metrics.horizontalAdvance(t) + 10 for t in labels) <= axis.width()


def test_the_accuracy_axis_title_is_never_clipped(view, qtbot, circle_run):
    """In a short dock "accuracy %" was longer than its axis and lost both ends."""
    info, snapshots = circle_run
    view.show()
    shown(view, info, snapshots)
    for height, expected in ((600, "accuracy %"), (170, "%"), (340, "accuracy %"), (300, None), (600, "accuracy %")):
        view.resize(420, height)
        view.grab()
        text, (start, end, length) = view.accuracy_label()
        assert -1 <= start and end <= length + 1, (height, text, start, end, length)  # pyqtgraph rounds to pixels
        assert expected in (None, text), (height, text)


def test_the_legend_names_every_line_below_the_plots_without_covering_a_curve(view, qtbot, circle_run):
    """The legend sat inside the loss plot's top right corner, over the start of the test curve."""
    view.show()
    qtbot.waitExposed(view)
    shown(view, *circle_run)
    legend = view.legend()
    for name in ("loss per step", "smoothed", "training set", "test set"):
        assert name.replace(" ", "&nbsp;") in legend.text()
    assert legend.text().count("<img") == 4  # a drawn key per line: its colour and dash pattern
    assert legend.isVisible()
    plots = [w for w in view.findChildren(QWidget) if isinstance(w, pg.PlotWidget) and w.isVisible()]
    top = legend.mapTo(view, legend.rect().topLeft()).y()
    assert plots and all(p.mapTo(view, p.rect().bottomLeft()).y() <= top for p in plots)


def test_a_ten_million_step_run_is_drawn_within_the_budget_with_its_spike(view, circle_run):
    """The view keeps the run's losses and their smoothed line within the live budget
    (older steps decimated), and the one bad batch at step 3,141,592 is still drawn."""
    info, snapshots = circle_run
    last, steps, chunk, spike_step = snapshots[-1], 10_000_000, 500_000, 3_141_592
    view.start_run(info)
    for start in range(0, steps, chunk):
        losses = (0.02 + 0.01 * np.random.default_rng(start).random(chunk)).astype(np.float32)
        if start <= spike_step < start + chunk:
            losses[spike_step - start] = 9.5
        view.show_snapshot(dataclasses.replace(last, steps=np.arange(start, start + chunk), losses=losses,
                                               step=start + chunk, state="running"))
    view.show_snapshot(dataclasses.replace(last, steps=np.zeros(0, np.int64), losses=np.zeros(0, np.float32),
                                           step=steps, state="paused"))
    x, y = view.curve_data("train_steps")
    assert len(x) <= LIVE_STEP_POINTS and x[-1] == steps - 1 and y[x == spike_step].tolist() == [9.5]
    smoothed_x, _ = view.curve_data("smoothed")
    assert len(smoothed_x) <= LIVE_STEP_POINTS and smoothed_x[-1] == steps - 1
    for x_view in ("log", "all"):
        view.set_x_view(x_view)
        assert 9.5 in view.displayed_data("train_steps")[1], x_view
