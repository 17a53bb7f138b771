"""A comparison's race: where each run is, the step at which it first reached a target,
and a headline in words ("Adam reached test loss 0.10 at step 1,240; SGD has not yet
(step 9,800).").

Torch-free and Qt-free: the window's table and headline and the ``compare`` command
share it. Each run's reports (``messages.Snapshot``) are added as they come; a run's
evaluations are kept (step, test loss, test accuracy), so that a new target gives each
run's first step at once, without training again. The headline's text is English; its
``code`` and ``args`` let the window word it in another language.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

METRICS = ("test_loss", "test_accuracy")
"""What a target is set on: a test loss to get below, or a test accuracy to get above."""


@dataclass(frozen=True)
class Target:
    """Reached when the run's ``metric`` is at or below ``value`` (a loss) or at or above it
    (an accuracy, 0-1)."""

    metric: str
    value: float

    def __post_init__(self) -> None:
        if self.metric not in METRICS:
            raise ValueError(f"a target is set on one of {', '.join(METRICS)}, not {self.metric!r}")
        if not math.isfinite(self.value) or self.value < 0:
            raise ValueError(f"a target value must be a finite number of at least 0, got {self.value!r}")
        if self.metric == "test_accuracy" and not 0 < self.value <= 1:
            raise ValueError(f"an accuracy target lies in (0, 1], got {self.value!r}")

    def reached(self, loss: float, accuracy: float | None) -> bool:
        if self.metric == "test_loss":
            return math.isfinite(loss) and loss <= self.value
        return accuracy is not None and accuracy >= self.value

    def words(self) -> str:
        """"test loss 0.1" or "test accuracy 90%" (English)."""
        if self.metric == "test_loss":
            return f"test loss {self.value:g}"
        return f"test accuracy {self.value * 100:g}%"


DEFAULT_ACCURACY = 0.9
DEFAULT_LOSS = 0.05


def default_target(design) -> Target:
    """90% test accuracy for a classification design; a test loss of 0.05 for regression."""
    if design.data.task == "regression":
        return Target("test_loss", DEFAULT_LOSS)
    return Target("test_accuracy", DEFAULT_ACCURACY)


@dataclass(frozen=True)
class RaceRow:
    """One run's line of the table: where it is now and when it first reached the target."""

    label: str
    state: str  # the run's own: running, paused, finished, diverged...
    step: int
    epoch: int
    train_loss: float | None
    test_loss: float | None
    train_accuracy: float | None
    test_accuracy: float | None
    reached_at: int | None  # the step of the first evaluation at the target, None if not yet
    verdict: str | None  # the gradient verdict's state (healthy, vanishing, exploding), None before a probe
    diverged: bool


@dataclass(frozen=True)
class Headline:
    """``code`` "none_yet" (args: metric, value, step) or "race" (args: metric, value, parts,
    each part (part code, run label, step) with part code "reached" (the first to reach),
    "also" (reached later), "not_yet" or "diverged"); ``text`` in English."""

    code: str
    args: tuple
    text: str


class Race:
    """The race of runs named ``labels`` to ``target``."""

    def __init__(self, labels: Sequence[str], target: Target):
        self.labels = tuple(labels)
        self.target = target
        self._latest: list = [None] * len(self.labels)  # the newest Snapshot per run
        self._evaluations: list[list[tuple[int, float, float | None]]] = [[] for _ in self.labels]
        self._verdicts: list[str | None] = [None] * len(self.labels)

    def add(self, index: int, snapshot) -> None:
        """Take run ``index``'s report (a messages.Snapshot)."""
        self._latest[index] = snapshot
        metrics = snapshot.metrics
        if metrics is not None:
            evaluations = self._evaluations[index]
            if not evaluations or evaluations[-1][0] != snapshot.step:
                evaluations.append((snapshot.step, metrics.test_loss, metrics.test_accuracy))
        if snapshot.probe is not None and snapshot.probe.verdict is not None:
            self._verdicts[index] = snapshot.probe.verdict.state

    def set_target(self, target: Target) -> None:
        self.target = target

    def reached_at(self, index: int) -> int | None:
        """The first step at which run ``index`` was evaluated at the target, or None."""
        return next((step for step, loss, accuracy in self._evaluations[index]
                     if self.target.reached(loss, accuracy)), None)

    def rows(self) -> list[RaceRow]:
        rows = []
        for index, label in enumerate(self.labels):
            snapshot = self._latest[index]
            metrics = None if snapshot is None else snapshot.metrics
            rows.append(RaceRow(
                label=label,
                state="waiting" if snapshot is None else snapshot.state,
                step=0 if snapshot is None else snapshot.step,
                epoch=0 if snapshot is None else snapshot.epoch,
                train_loss=None if metrics is None else metrics.train_loss,
                test_loss=None if metrics is None else metrics.test_loss,
                train_accuracy=None if metrics is None else metrics.train_accuracy,
                test_accuracy=None if metrics is None else metrics.test_accuracy,
                reached_at=self.reached_at(index),
                verdict=self._verdicts[index],
                diverged=snapshot is not None and snapshot.state == "diverged"))
        return rows

    def headline(self) -> Headline:
        """Who reached the target first, who later, who not yet, who diverged."""
        rows = self.rows()
        metric, value = self.target.metric, self.target.value
        reached = sorted((row for row in rows if row.reached_at is not None), key=lambda row: row.reached_at)
        if not reached:
            step = max((row.step for row in rows), default=0)
            return Headline("none_yet", (metric, value, step),
                            f"No run has reached {self.target.words()} yet (step {step:,}).")
        parts = [("reached", reached[0].label, reached[0].reached_at)]
        parts += [("also", row.label, row.reached_at) for row in reached[1:]]
        parts += [("diverged" if row.diverged else "not_yet", row.label, row.step)
                  for row in rows if row.reached_at is None]
        return Headline("race", (metric, value, tuple(parts)), _english(parts, self.target))


_PART_WORDS = {
    "reached": "{label} reached {target} at step {step:,}",
    "also": "{label} at step {step:,}",
    "not_yet": "{label} has not yet (step {step:,})",
    "diverged": "{label} diverged (step {step:,})",
}


def _english(parts: list[tuple[str, str, int]], target: Target) -> str:
    return "; ".join(_PART_WORDS[code].format(label=label, target=target.words(), step=step)
                     for code, label, step in parts) + "."
