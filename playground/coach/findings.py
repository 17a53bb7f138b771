"""What the coach reads (CoachInput) and what it says (Finding). numpy only: no Qt, no torch.

A CoachInput is what the window has of one run at a snapshot; a Finding is one rule's
diagnosis, worded by ``playground.coach.words`` from its ``code`` and ``args``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from playground.design.schema import Design
from playground.nn.probes import ProbeReport
from playground.runs.history import EVAL_COLUMNS

_EMPTY_INT = np.zeros(0, np.int64)
_EMPTY_FLOAT = np.zeros(0, np.float32)
_TRAIN_LOSS, _TEST_LOSS, _TRAIN_ACCURACY = (EVAL_COLUMNS.index(c) for c in ("train_loss", "test_loss",
                                                                           "train_accuracy"))


@dataclass(frozen=True, eq=False)
class CoachInput:
    """One run as the window has it (playground.runs.history.LiveHistory holds all of it).

    ``design``: the run's design (its learning rate the one it trains with now).
    ``probe``: the newest ProbeReport (playground.nn.probes), or None before one.
    ``recent_probes``: earlier reports, oldest first (may be empty; ``probe`` is not repeated).
    ``steps`` int64 (n,) and ``losses`` float32 (n,): the per-step training losses
    (LiveHistory.losses), increasing steps.
    ``eval_steps`` int64 (m,) and ``evals`` float64 (m, 4): the evaluations, columns
    EVAL_COLUMNS (train_loss, test_loss, train_accuracy, test_accuracy; NaN where not
    measured), as LiveHistory.evals.
    ``divergence``: () unless the run diverged; then the banner's reason, the args of the
    "diverged" Problem (Snapshot.message_args): (kind "NaN"/"infinite", step (1-based),
    epoch (1-based), the first layer whose weights stopped being finite or "", learning rate).
    """

    design: Design
    probe: ProbeReport | None = None
    recent_probes: tuple[ProbeReport, ...] = ()
    steps: np.ndarray = field(default_factory=lambda: _EMPTY_INT)
    losses: np.ndarray = field(default_factory=lambda: _EMPTY_FLOAT)
    eval_steps: np.ndarray = field(default_factory=lambda: _EMPTY_INT)
    evals: np.ndarray = field(default_factory=lambda: np.zeros((0, len(EVAL_COLUMNS))))
    divergence: tuple = ()

    @classmethod
    def from_history(cls, design: Design, history, recent_probes: tuple = (), divergence: tuple = ()) -> "CoachInput":
        """The input for a playground.runs.history.LiveHistory of the run."""
        return cls(design, history.probe, tuple(recent_probes), history.losses.steps, history.losses.values,
                   history.evals.steps, history.evals.values, tuple(divergence))

    @property
    def task(self) -> str:
        return self.design.data.task

    @property
    def train_losses(self) -> np.ndarray:
        return np.asarray(self.evals, np.float64).reshape(-1, len(EVAL_COLUMNS))[:, _TRAIN_LOSS]

    @property
    def test_losses(self) -> np.ndarray:
        return np.asarray(self.evals, np.float64).reshape(-1, len(EVAL_COLUMNS))[:, _TEST_LOSS]

    @property
    def train_accuracies(self) -> np.ndarray:
        return np.asarray(self.evals, np.float64).reshape(-1, len(EVAL_COLUMNS))[:, _TRAIN_ACCURACY]

    @property
    def step(self) -> int:
        """Steps trained so far (as far as the input knows)."""
        ends = [int(self.steps[-1]) + 1 if len(self.steps) else 0, int(self.eval_steps[-1]) if len(self.eval_steps)
                else 0, self.probe.step + 1 if self.probe is not None else 0]
        return max(ends)


@dataclass(frozen=True)
class Finding:
    """One rule's diagnosis.

    ``code``: which finding (words.FINDING_WORDS words it, English and Korean), ``args``:
    what its words quote (numbers, layer names), in order. ``evidence``: the named numbers
    it rests on. ``severity``: SEVERE (the run cannot learn), WARNING (it learns badly) or
    ADVICE (it could learn better); findings are listed most severe first.
    ``fix``: a playground.design.comparison.Variant's ``changes`` (dotted paths) that try
    to cure it, to compare against the run as it is ("Try the fix"); empty when no
    variant can make the change (e.g. adding a hidden layer to a network that has none:
    ``fix_code`` then words what to do by hand in the design)."""

    code: str
    args: tuple = ()
    evidence: tuple[tuple[str, Any], ...] = ()
    severity: int = 1
    fix: dict[str, Any] = field(default_factory=dict)
    fix_code: str = ""

    def number(self, name: str) -> Any:
        """The evidence called ``name`` (KeyError when it has none)."""
        return dict(self.evidence)[name]


SEVERE, WARNING, ADVICE = 3, 2, 1
