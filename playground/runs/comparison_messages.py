"""What the window and the training process say about a comparison (runs side by side).

A comparison is one run of the protocol (one ``run_id``) that trains several designs in
lock-step: ``playground.design.comparison.Comparison`` names them (each variant a full
design). The commands of a single run (messages.Pause, Resume, Step, StepEpoch,
SetSpeed, SetCompiled, SnapshotTaken, Stop, SetEpochs) act on every run of a
comparison at once, by its ``run_id``; a live learning rate goes to one run or all
(``SetRunLr``). Each run reports with the existing ``messages.Snapshot`` (its own state:
one run may have diverged while the others go on), bundled per lock-step report.

No Qt, no torch: both processes import this module; as with messages.py, these are our
own objects pickled between our own two processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# --- the window to the training process -------------------------------------------------------


@dataclass(frozen=True)
class StartComparison:
    """Start comparison ``run_id`` (ending any other run) from fresh weights: every run draws
    the same data, shuffling order and (where its shapes allow) the base design's initial
    weights. ``paused``, ``speed`` and ``compiled`` as in messages.Start."""

    run_id: int
    comparison: Any  # playground.design.comparison.Comparison
    paused: bool
    speed: float | None = None
    compiled: bool = True


@dataclass(frozen=True)
class Fork:
    """Start comparison ``new_run_id`` from where run ``run_id`` is now: every run of
    ``comparison`` begins with the current weights, optimizer state, step, epoch and
    position in the data order of the run it forks (``source``: the index of a run in a
    comparison, None for a single run). A variant without changes continues exactly as
    the original would have. The forked run ends (its reports stop)."""

    run_id: int
    new_run_id: int
    comparison: Any  # playground.design.comparison.Comparison
    source: int | None = None
    paused: bool = False


@dataclass(frozen=True)
class SetRunLr:
    """A live learning rate for run ``index`` of the comparison, or for every run (None)."""

    run_id: int
    lr: float
    index: int | None = None


# --- the training process to the window --------------------------------------------------------


@dataclass(frozen=True)
class ComparisonInfo:
    """What the views need when a comparison starts: per run its messages.RunInfo (its own
    design, blocks, steps per epoch) and legend label, and which runs drew their own
    initial weights (an architecture unlike the base's) instead of the base's."""

    run_id: int
    comparison: Any  # playground.design.comparison.Comparison
    runs: tuple  # messages.RunInfo per run, in the comparison's order
    labels: tuple[str, ...]  # the legend label of each run (English; the window words its own)
    own_weights: tuple[bool, ...]


@dataclass(frozen=True)
class ComparisonReady:
    info: ComparisonInfo

    @property
    def run_id(self) -> int:
        return self.info.run_id


@dataclass(frozen=True, eq=False)
class ComparisonSnapshot:
    """One lock-step report: a messages.Snapshot per run (same order as ComparisonInfo.runs),
    each with its own state. ``state`` is the comparison's: running while any run trains,
    else paused, finished (every run finished or diverged) or stopped."""

    run_id: int
    seq: int
    state: str
    runs: tuple  # messages.Snapshot per run
