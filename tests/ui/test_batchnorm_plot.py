"""The Batch normalization view, fed by real training runs (every step its own snapshot)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from playground.design.schema import BatchNormLayer, Design, LinearLayer
from playground.runs.messages import Snapshot
from playground.training.trainer import Trainer
from playground.ui.views.batchnorm_plot import BatchNormPlot
from playground.runs.series import Series
from ui_runs import fed_hidden_then_shown, info_of, run_design, shown, snapshot_of


def plain(epochs: int = 2) -> Design:
    return Design(layers=(LinearLayer(units=6, activation="relu"), LinearLayer(units=6, activation="relu"))
                  ).with_training(epochs=epochs)


def with_batchnorm(epochs: int = 2) -> Design:
    layers = (LinearLayer(units=6, activation="linear"), BatchNormLayer(activation="relu"),
              LinearLayer(units=4, activation="linear"), BatchNormLayer(activation="relu"))
    return Design(layers=layers).with_training(epochs=epochs)


def probes(snapshots: list[Snapshot]) -> list:
    """The distinct probe reports, in step order."""
    by_step = {s.probe.step: s.probe for s in snapshots if s.probe is not None}
    return [by_step[k] for k in sorted(by_step)]


@pytest.fixture(scope="module")
def bn_run():
    return run_design(with_batchnorm())


@pytest.fixture
def view(qtbot):
    widget = BatchNormPlot()
    qtbot.addWidget(widget)
    widget.resize(640, 420)
    return widget


def test_without_batchnorm_it_says_how_to_add_one_and_still_shows_the_shift(view):
    info, snapshots = run_design(plain())
    shown(view, info, snapshots)
    assert not view.has_batchnorm_section()
    message = view.empty_message()
    assert "no BatchNorm layer" in message and "layer editor" in message and "after a Linear layer" in message
    reports = probes(snapshots)
    steps, mean, std = view.shift_series("Linear 2")
    np.testing.assert_array_equal(steps, [p.step for p in reports])
    np.testing.assert_allclose(mean, [p.activations[1].mean for p in reports])
    np.testing.assert_allclose(std, [p.activations[1].std for p in reports])


def test_batchnorm_series_are_the_probed_statistics(view, bn_run):
    info, snapshots = bn_run
    shown(view, info, snapshots)
    assert view.has_batchnorm_section()
    assert view.batchnorm_layers() == ["BatchNorm 1", "BatchNorm 2"]
    reports = probes(snapshots)
    steps, running = view.series("BatchNorm 2", "running_mean")
    np.testing.assert_array_equal(steps, [p.step for p in reports])
    np.testing.assert_allclose(running, [p.batchnorm[1].running_mean.mean() for p in reports], rtol=1e-5)
    _, gamma = view.series("BatchNorm 1", "gamma")
    assert gamma[0] == pytest.approx(1.0, abs=0.05)  # gamma starts at 1 and learns slowly
    _, variance = view.series("BatchNorm 1", "batch_var", feature=3)
    np.testing.assert_allclose(variance, [p.batchnorm[0].batch_var[3] for p in reports], rtol=1e-5)


def test_the_chosen_layer_and_feature_are_drawn(view, bn_run):
    info, snapshots = bn_run
    shown(view, info, snapshots)
    np.testing.assert_allclose(view.shown_series("beta")[1], view.series("BatchNorm 1", "beta")[1])
    view.select("BatchNorm 2", feature=2)
    x, y = view.shown_series("batch_mean")
    steps, expected = view.series("BatchNorm 2", "batch_mean", feature=2)
    np.testing.assert_array_equal(x, steps)
    np.testing.assert_allclose(y, expected)
    view.select("BatchNorm 2", None)
    np.testing.assert_allclose(view.shown_series("batch_mean")[1], view.series("BatchNorm 2", "batch_mean")[1])


def test_batchnorm_holds_preactivations_at_zero_mean_unit_std_while_linear_ones_wander(view, bn_run):
    info, snapshots = bn_run
    shown(view, info, snapshots)
    _, bn_mean, bn_std = view.shift_series("BatchNorm 2")
    _, linear_mean, linear_std = view.shift_series("Linear 2")
    early = slice(0, 10)  # before gamma and beta have moved far from 1 and 0
    assert np.abs(bn_mean[early]).max() < 0.05 and np.abs(bn_std[early] - 1).max() < 0.05
    assert np.abs(linear_std - 1).max() > 0.1 or np.abs(linear_mean).max() > 0.1


def test_start_run_clears_and_switches_to_the_empty_state(view, bn_run):
    info, snapshots = bn_run
    shown(view, info, snapshots)
    view.start_run(info)
    assert len(view.series("BatchNorm 1", "gamma")[0]) == 0
    assert len(view.shift_series("Linear 1")[0]) == 0
    assert len(view.shown_series("gamma")[0]) == 0
    plain_info, plain_snapshots = run_design(plain(epochs=1))
    shown(view, plain_info, plain_snapshots[:3])
    assert not view.has_batchnorm_section()
    assert view.batchnorm_layers() == []


def test_300_snapshots_keep_the_whole_history(view):
    info, snapshots = run_design(with_batchnorm(epochs=13))
    assert len(snapshots) > 300
    shown(view, info, snapshots)
    count = len(probes(snapshots))
    assert len(view.series("BatchNorm 1", "running_var")[0]) == count > 300
    assert len(view.series("BatchNorm 1", "running_var", feature=0)[0]) == count
    assert len(view.shift_series("BatchNorm 2")[0]) == count


def test_per_feature_history_thins_out_within_its_budget_instead_of_growing():
    history = Series((6, 512), np.float32, max_bytes=100 * (6 * 512 * 4 + 8))
    for step in range(1000):
        history.append(step, np.full((6, 512), step, np.float32))
    assert len(history) <= 100
    steps = history.steps
    assert steps[0] == 0 and steps[-1] >= 1000 - 16  # still spans the whole run
    assert len(set(np.diff(steps))) == 1  # evenly thinned
    np.testing.assert_array_equal(history.values[:, 0, 0], steps)


def test_a_new_run_forgets_the_last_runs_axes_and_a_few_steps_are_dots(view, bn_run, qtbot):
    view.show()
    qtbot.waitExposed(view)
    info, snapshots = bn_run
    shown(view, info, snapshots)
    qtbot.waitUntil(lambda: view.step_ranges()[1][1] > 40)
    trainer = Trainer(with_batchnorm())
    view.start_run(info_of(trainer))
    for low, high in view.step_ranges():
        assert low == 0 and high < 10
    for count in (1, 2, 3):
        view.show_snapshot(snapshot_of(trainer, 1, state="paused"))  # the '.' key
        assert view.point_markers("batch_mean") == view.point_markers("gamma") == count
    qtbot.waitUntil(lambda: view.step_ranges()[0][1] >= 2)  # probes of steps 0, 1 and 2
    assert [low for low, _ in view.step_ranges()] == [0, 0]


def sixteen_wide_with_batchnorm(blocks: int = 6) -> Design:
    layers = []
    for _ in range(blocks):
        layers += [LinearLayer(units=16, activation="linear"), BatchNormLayer(activation="tanh")]
    return Design(layers=tuple(layers)).with_training(epochs=1)


def test_in_a_narrow_dock_the_statistics_come_one_at_a_time_at_full_width(view, qtbot):
    """Three plots side by side were ~90 px wide in a 1366x768 window, their ticks run together."""
    info, snapshots = run_design(with_batchnorm(epochs=1))
    view.resize(416, 300)
    view.show()
    qtbot.waitExposed(view)
    shown(view, info, snapshots)
    assert not view.stats_side_by_side()
    shown_plots = view.shown_statistics()
    assert list(shown_plots) == ["mean"] and shown_plots["mean"] >= 380
    view.choose_statistic("gamma_beta")
    assert list(view.shown_statistics()) == ["gamma_beta"]
    assert "γ" in view.legend_texts()[0]  # its colours are named where its title would be
    view.resize(900, 300)
    qtbot.waitUntil(view.stats_side_by_side)
    assert list(view.shown_statistics()) == ["mean", "variance", "gamma_beta"]


def test_in_a_short_dock_statistics_and_covariate_shift_come_one_at_a_time(view, qtbot):
    """At 1280x720 the dock was ~260 px tall and each of the two parts' plots ~55 px, too flat to read."""
    info, snapshots = run_design(with_batchnorm(epochs=1))
    view.resize(640, 260)
    view.show()
    qtbot.waitExposed(view)
    shown(view, info, snapshots)
    assert view.parts_one_at_a_time() and not view.shift_shown()
    qtbot.waitUntil(lambda: view.plot_heights()["mean"] >= 150)  # the part alone, laid out
    view.choose_part(shift=True)
    assert view.shift_shown() and not view.shown_statistics()
    qtbot.waitUntil(lambda: view.plot_heights()["shift"] >= 150)
    view.choose_part(shift=False)
    assert view.shown_statistics() and not view.shift_shown()
    view.resize(640, 600)  # room for both: one above the other again
    qtbot.waitUntil(lambda: not view.parts_one_at_a_time())
    assert view.shift_shown() and view.shown_statistics()
    view.start_run(run_design(plain(epochs=1))[0])  # no BatchNorm: the short message leaves the shift its room
    view.resize(640, 260)
    qtbot.waitUntil(view.shift_shown)
    assert not view.parts_one_at_a_time() and not view.has_batchnorm_section()


def test_twelve_layers_drift_in_colours_that_can_be_told_apart(view, qtbot):
    info, snapshots = run_design(sixteen_wide_with_batchnorm())
    view.resize(416, 300)
    shown(view, info, snapshots)
    legend = view.legend_texts()[1]
    colours = [QColor(c) for c in re.findall(r"color:(#[0-9a-f]{6})", legend)]
    assert len(colours) == 6  # Linear k and the BatchNorm after it share the colour of depth k
    rgb = np.array([c.getRgb()[:3] for c in colours], float)
    nearest = min(np.linalg.norm(rgb[i] - rgb[j]) for i in range(6) for j in range(i + 1, 6))
    assert nearest > 60
    label = QLabel(legend)  # the legend takes at most two lines of the narrow dock
    label.setWordWrap(True)
    assert label.heightForWidth(400) <= 2 * label.fontMetrics().lineSpacing() + 2
    view.select_shift_layer("Linear 3")
    assert view.shown_shift_layers() == ["Linear 3"]
    view.select_shift_layer(None)
    assert len(view.shown_shift_layers()) == 12


def test_a_hidden_view_keeps_every_probe_and_draws_them_when_shown(view, qtbot, bn_run):
    info, snapshots = bn_run
    fed_hidden_then_shown(view, qtbot, info, snapshots)
    reports = probes(snapshots)
    assert view.drawn_step() == reports[-1].step
    steps, running = view.shown_series("running_mean")  # BatchNorm 1, the mean over its features
    np.testing.assert_array_equal(steps, [p.step for p in reports])
    np.testing.assert_allclose(running, [p.batchnorm[0].running_mean.mean() for p in reports], rtol=1e-5)
