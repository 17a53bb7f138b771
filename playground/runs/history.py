"""A run's loss history as it is kept with its saved weights, so that a resumed run shows
where it came from: the loss of each training step and the evaluated losses and accuracy.

numpy only (no torch): the window builds one from its loss curves and draws one it gets
back; ``playground.runs.checkpoint`` stores it as the tensors named in TENSORS (a file
without them, as older ones are, simply has no history). A long history is thinned to
at most MAX_STEP_POINTS per-step losses and MAX_EVAL_POINTS evaluations, keeping the
lowest and highest value of every stretch, so spikes survive the thinning.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from playground.runs.weights_file import CheckpointError, problem

MAX_STEP_POINTS = 100_000  # 1.2 MB in the file
MAX_EVAL_POINTS = 20_000  # 0.8 MB
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


def thinned(history: RunHistory, max_steps: int = MAX_STEP_POINTS, max_evals: int = MAX_EVAL_POINTS) -> RunHistory:
    """``history`` with at most ``max_steps`` losses and ``max_evals`` evaluations: the first,
    the last, and the lowest and highest of each of equal stretches in between."""
    steps, losses, eval_steps, evals = history.arrays()
    keep = _extremes(losses, max_steps)
    half = max(2, max_evals // 2)
    rows = np.union1d(_extremes(evals[:, 0], half), _extremes(evals[:, 1], half))
    return RunHistory(steps[keep], losses[keep], eval_steps[rows], evals[rows])


def _extremes(values: np.ndarray, limit: int) -> np.ndarray:
    """Sorted indices: all when ``len(values) <= limit``, else first, last and each stretch's
    lowest and highest (NaN counts as neither), at most ``limit``."""
    n = len(values)
    if n <= limit:
        return np.arange(n)
    buckets = max(1, (limit - 2) // 2)
    size = -(-n // buckets)  # ceil
    padded = np.full(buckets * size, np.nan)
    padded[:n] = values
    nan = np.isnan(padded)
    low = np.where(nan, np.inf, padded).reshape(buckets, size).argmin(axis=1)
    high = np.where(nan, -np.inf, padded).reshape(buckets, size).argmax(axis=1)
    offsets = np.arange(buckets) * size
    keep = np.concatenate([[0, n - 1], low + offsets, high + offsets])
    return np.unique(keep[keep < n])


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
