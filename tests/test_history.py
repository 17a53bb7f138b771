"""The window's record of a run stays within a fixed memory budget however long the run,
and what it keeps still shows every spike."""

from __future__ import annotations

import numpy as np
import pytest

from playground.runs.history import (LIVE_EVAL_POINTS, LIVE_RECENT_EVALS, LIVE_RECENT_STEPS, LIVE_STEP_POINTS, LiveHistory,
                                     thinned)
from playground.runs.series import Series

RUN_STEPS = 10_000_000
SPIKE_STEP, SPIKE = 3_141_592, 9.5
DIP_STEP, DIP = 7_777_777, 1e-4
CHUNK = 250_000  # steps per snapshot
BUDGET_BYTES = 8 * 1024 * 1024  # well under the 50 MB the window may grow over 10M steps


def run_losses(start: int, end: int) -> np.ndarray:
    """A long run's per-step losses: noise between 0.02 and 0.03, one spike and one dip."""
    rng = np.random.default_rng(start)
    losses = (0.02 + 0.01 * rng.random(end - start)).astype(np.float32)
    for step, value in ((SPIKE_STEP, SPIKE), (DIP_STEP, DIP)):
        if start <= step < end:
            losses[step - start] = value
    return losses


def nbytes(series: Series) -> int:
    return series._steps.nbytes + series._values.nbytes  # the storage held, used or not


@pytest.fixture(scope="module")
def long_history() -> LiveHistory:
    """A LiveHistory after a 10M-step run, recorded from snapshots of CHUNK steps."""
    history = LiveHistory()
    for start in range(0, RUN_STEPS, CHUNK):
        history.losses.extend(np.arange(start, start + CHUNK, dtype=np.int64), run_losses(start, start + CHUNK))
    return history


def test_ten_million_steps_stay_within_the_budget(long_history):
    losses = long_history.losses
    assert len(losses) <= LIVE_STEP_POINTS
    assert nbytes(losses) <= LIVE_STEP_POINTS * 12 <= BUDGET_BYTES  # 10M steps kept whole: 120 MB and more


def test_every_spike_survives_with_its_step_and_value(long_history):
    steps, values = long_history.losses.steps, long_history.losses.values
    assert np.all(np.diff(steps) > 0) and steps[0] == 0 and steps[-1] == RUN_STEPS - 1
    assert values[steps == SPIKE_STEP].tolist() == [np.float32(SPIKE)]
    assert values[steps == DIP_STEP].tolist() == [np.float32(DIP)]
    assert values.max() == np.float32(SPIKE) and values.min() == np.float32(DIP)


def test_the_newest_steps_are_kept_whole(long_history):
    steps, values = long_history.losses.steps, long_history.losses.values
    recent = np.arange(RUN_STEPS - LIVE_RECENT_STEPS, RUN_STEPS)
    np.testing.assert_array_equal(steps[-LIVE_RECENT_STEPS:], recent)
    np.testing.assert_array_equal(values[-LIVE_RECENT_STEPS:],
                                  run_losses(RUN_STEPS - CHUNK, RUN_STEPS)[-LIVE_RECENT_STEPS:])


def test_step_by_step_recording_decimates_the_same_way():
    series = Series(dtype=np.float32, max_rows=64, recent=16)
    for step in range(1000):
        series.append(step, 7.0 if step == 333 else float(step % 5))
    assert len(series) <= 64
    np.testing.assert_array_equal(series.steps[-16:], np.arange(984, 1000))
    assert series.values[series.steps == 333].tolist() == [7.0]


def test_exports_work_on_the_decimated_history(long_history):
    csv = long_history.metrics_csv()
    assert csv.count("\n") == len(long_history.losses) + 1  # header, then a row per kept step
    assert f"\n{SPIKE_STEP},9.5," in csv
    thin = thinned(long_history.saved())  # as Save with Weights stores it
    assert thin.losses[thin.steps == SPIKE_STEP].tolist() == [np.float32(SPIKE)]
    resumed = LiveHistory(2, thin)
    assert resumed.losses.values.max() == np.float32(SPIKE) and resumed.losses.last_step == RUN_STEPS - 1


def test_a_million_evaluations_keep_each_columns_extremes_within_the_budget():
    """A run of a day reports ~30 evaluations a second: the window keeps LIVE_EVAL_POINTS,
    with the worst test loss and the best test accuracy among them."""
    history, total, chunk = LiveHistory(), 1_000_000, 100_000
    for start in range(0, total, chunk):
        rows = np.random.default_rng(start).uniform(0.3, 0.6, (chunk, 4))
        steps = np.arange(start, start + chunk, dtype=np.int64) * 10
        if start <= 123_456 < start + chunk:
            rows[123_456 - start, 1] = 8.0  # the test loss jumps once
        if start <= 654_321 < start + chunk:
            rows[654_321 - start, 3] = 0.99  # the best test accuracy
        history.evals.extend(steps, rows)
    evals = history.evals
    assert len(evals) <= LIVE_EVAL_POINTS and nbytes(evals) <= LIVE_EVAL_POINTS * 40
    assert evals.values[evals.steps == 1_234_560, 1].tolist() == [8.0]
    assert evals.values[evals.steps == 6_543_210, 3].tolist() == [0.99]
    np.testing.assert_array_equal(evals.steps[-LIVE_RECENT_EVALS:], np.arange(total - LIVE_RECENT_EVALS, total) * 10)
