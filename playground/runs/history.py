"""A run's history: the loss of each training step and the evaluated losses and accuracy.

``LiveHistory`` records a run as its snapshots arrive (the window's controller keeps one
per run; the Loss dock draws it, File > Export > Metrics writes it, Save with Weights
saves it), whatever the dashboards show. ``RunHistory`` is the frozen form kept with
saved weights, so that a resumed run shows where it came from.

numpy only (no Qt, no torch). ``playground.runs.checkpoint`` stores a RunHistory as the
tensors named in TENSORS (a file without them, as older ones are, simply has no history). A long history is thinned to
at most MAX_STEP_POINTS per-step losses and MAX_EVAL_POINTS evaluations, keeping the
lowest and highest value of every stretch, so spikes survive the thinning.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import numpy as np

from playground.runs.series import Series, extremes
from playground.runs.weights_file import CheckpointError, problem

MAX_STEP_POINTS = 100_000  # 1.2 MB in the file
MAX_EVAL_POINTS = 20_000  # 0.8 MB
LIVE_STEP_POINTS = 400_000  # per-step losses the window keeps of a run: 4.8 MB
LIVE_RECENT_STEPS = 100_000  # of which the newest, every step
LIVE_EVAL_POINTS = 100_000  # evaluations the window keeps of a run (one a snapshot): 4 MB
LIVE_RECENT_EVALS = 20_000  # of which the newest, every one
EVAL_COLUMNS = ("train_loss", "test_loss", "train_accuracy", "test_accuracy")
TENSORS = ("history/steps", "history/losses", "history/eval_steps", "history/evals")
_DTYPES = (np.int64, np.float32, np.int64, np.float64)


@dataclass(frozen=True, eq=False)
class RunHistory:
    """``steps`` int64 (n,), strictly increasing: the step each loss belongs to (0 is the
    first step); ``losses`` float32 (n,): that step's training loss. ``eval_steps`` int64
    (m,), increasing: the number of steps done when evaluated; ``evals`` float64 (m, 4):
    EVAL_COLUMNS, accuracy as a fraction, NaN where not measured (regression)."""

    steps: np.ndarray
    losses: np.ndarray
    eval_steps: np.ndarray
    evals: np.ndarray

    def __len__(self) -> int:
        return len(self.steps)

    def arrays(self) -> tuple[np.ndarray, ...]:
        """The four arrays in TENSORS order, with their dtypes."""
        fields = (self.steps, self.losses, self.eval_steps, self.evals.reshape(-1, len(EVAL_COLUMNS)))
        return tuple(np.ascontiguousarray(a, dtype=t) for a, t in zip(fields, _DTYPES))


def per_step_series() -> Series:
    """An empty float32 Series of one number per training step, within the live budget
    (LIVE_STEP_POINTS, the newest LIVE_RECENT_STEPS whole)."""
    return Series(dtype=np.float32, capacity=4096, max_rows=LIVE_STEP_POINTS, recent=LIVE_RECENT_STEPS)


class LiveHistory:
    """Run ``run_id``'s numbers so far: ``losses`` (a per_step_series of the per-step losses,
    float32, decimated once long) and ``evals`` (a Series of evaluations, EVAL_COLUMNS per row,
    accuracy as a fraction, NaN where not measured, decimated likewise), and the newest probe
    report (``probe``, at step ``probe_step``). A run resumed from saved weights starts with the RunHistory it was saved with."""

    def __init__(self, run_id: int = 0, saved: RunHistory | None = None) -> None:
        self.run_id = run_id
        self.losses = per_step_series()
        self.evals = Series((len(EVAL_COLUMNS),), max_rows=LIVE_EVAL_POINTS, recent=LIVE_RECENT_EVALS)
        self.probe = None  # playground.nn.probes.ProbeReport
        self.probe_step: int | None = None
        if saved is not None:
            self.losses.extend(saved.steps, saved.losses)
            self.evals.extend(saved.eval_steps, saved.evals)

    def record(self, snapshot) -> None:
        """Add what a playground.runs.messages.Snapshot of this run brings."""
        if len(snapshot.steps):
            self.losses.extend(snapshot.steps, snapshot.losses)
        metrics = snapshot.metrics
        if metrics is not None:
            row = [metrics.train_loss, metrics.test_loss, _fraction(metrics.train_accuracy),
                   _fraction(metrics.test_accuracy)]
            if self.evals.last_step == snapshot.step:  # e.g. the paused report after the last running one
                self.evals.replace_last(row)
            else:
                self.evals.append(snapshot.step, row)
        if snapshot.probe is not None:
            self.probe, self.probe_step = snapshot.probe, snapshot.step

    def saved(self) -> RunHistory:
        """The run so far as a RunHistory (fresh arrays), to save with its weights."""
        return RunHistory(self.losses.steps.copy(), self.losses.values.copy(), self.evals.steps.copy(),
                          self.evals.values.copy())

    def metrics_csv(self) -> str:
        """CSV text: one row per step kept (its loss; a long run's older steps decimated); the
        evaluations on the steps they were taken (accuracy as a fraction, as the command line
        writes it; empty where not measured)."""
        evaluated = {int(step): row for step, row in zip(self.evals.steps, self.evals.values)}
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["step", "loss", *EVAL_COLUMNS])
        for step, loss in zip(self.losses.steps, self.losses.values):
            row = evaluated.get(int(step), ())
            writer.writerow([int(step), f"{loss:.6g}"] + ["" if np.isnan(value) else f"{value:.6g}" for value in row]
                            + [""] * (len(EVAL_COLUMNS) - len(row)))
        return out.getvalue()


def _fraction(value: float | None) -> float:
    return float("nan") if value is None else float(value)


def thinned(history: RunHistory, max_steps: int = MAX_STEP_POINTS, max_evals: int = MAX_EVAL_POINTS) -> RunHistory:
    """``history`` with at most ``max_steps`` losses and ``max_evals`` evaluations: the first,
    the last, and the lowest and highest of each of equal stretches in between."""
    steps, losses, eval_steps, evals = history.arrays()
    keep = extremes(losses, max_steps)
    half = max(2, max_evals // 2)
    rows = np.union1d(extremes(evals[:, 0], half), extremes(evals[:, 1], half))
    return RunHistory(steps[keep], losses[keep], eval_steps[rows], evals[rows])


def from_arrays(arrays: dict[str, np.ndarray], step: int) -> RunHistory | None:
    """The history stored as TENSORS (None when the file has none), checked against the
    run's ``step``; CheckpointError naming the tensor when it is damaged."""
    present = [name for name in TENSORS if name in arrays]
    if not present:
        return None
    problems = [problem("weights_history_missing", "missing: the loss history is incomplete", field=name)
                for name in TENSORS if name not in arrays]
    if problems:
        raise CheckpointError(problems)
    steps, losses, eval_steps, evals = (np.asarray(arrays[name]) for name in TENSORS)
    checks = (  # in order: each may assume the ones before it held
        (TENSORS[0], lambda: steps.dtype == np.int64 and steps.ndim == 1 and len(steps) <= MAX_STEP_POINTS),
        (TENSORS[1], lambda: losses.dtype == np.float32 and losses.shape == steps.shape),
        (TENSORS[2], lambda: eval_steps.dtype == np.int64 and eval_steps.ndim == 1
                             and len(eval_steps) <= MAX_EVAL_POINTS),
        (TENSORS[3], lambda: evals.dtype == np.float64 and evals.shape == (len(eval_steps), len(EVAL_COLUMNS))),
        (TENSORS[0], lambda: not len(steps) or (np.all(np.diff(steps) > 0) and 0 <= steps[0] and steps[-1] < step)),
        (TENSORS[1], lambda: np.all(np.isfinite(losses))),
        (TENSORS[2], lambda: not len(eval_steps) or (np.all(np.diff(eval_steps) >= 0)
                                                     and 0 <= eval_steps[0] and eval_steps[-1] <= step)),
        (TENSORS[3], lambda: not np.isinf(evals).any() and not (evals[:, 2:] < 0).any()
                             and not (evals[:, 2:] > 1).any()),
    )
    for name, ok in checks:
        if not ok():
            raise CheckpointError([problem("weights_history", "the loss history is damaged; save the weights again",
                                           field=name)])
    return RunHistory(steps, losses, eval_steps, evals)
