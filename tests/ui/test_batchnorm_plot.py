"""The Batch normalization view, fed by real training runs (every step its own snapshot)."""

from __future__ import annotations


import numpy as np
import pytest

from playground.design import BatchNormLayer, Design, LinearLayer
from playground.run_loop import Snapshot
from playground.ui.batchnorm_plot import BatchNormPlot
from playground.ui.plot_utils import History
from ui_runs import run_design, shown


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
    history = History((6, 512), np.float32, max_bytes=100 * (6 * 512 * 4 + 8))
    for step in range(1000):
        history.append(step, np.full((6, 512), step, np.float32))
    assert len(history) <= 100
    steps = history.steps
    assert steps[0] == 0 and steps[-1] >= 1000 - 16  # still spans the whole run
    assert len(set(np.diff(steps))) == 1  # evenly thinned
    np.testing.assert_array_equal(history.values[:, 0, 0], steps)
