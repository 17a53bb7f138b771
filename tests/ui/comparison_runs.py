"""Fake comparisons for the window's tests: real Trainers per run, bundled into the
protocol's ComparisonInfo and ComparisonSnapshots as the training process would send them."""

from __future__ import annotations

import dataclasses

from playground.data.facts import data_facts
from playground.design.comparison import Comparison, draws_own_weights
from playground.design.comparison_labels import run_label
from playground.runs.comparison_messages import ComparisonInfo, ComparisonSnapshot
from playground.training.trainer import Trainer
from ui_runs import info_of, snapshot_of


class FakeComparison:
    """Trains every run of ``comparison`` in this process; ``snapshot(steps)`` advances them all."""

    def __init__(self, comparison: Comparison, run_id: int = 1):
        self.comparison = comparison
        self.run_id = run_id
        self.trainers = [Trainer(design) for design in comparison.designs()]
        self.seq = 0
        self.diverged: set[int] = set()

    def info(self) -> ComparisonInfo:
        infos = tuple(info_of(t, self.run_id) for t in self.trainers)
        facts = data_facts(self.comparison.base.data)
        own = draws_own_weights(self.comparison, facts.n_inputs, facts.n_classes or 0)
        labels = tuple(run_label(self.comparison, i) for i in range(len(self.trainers)))
        return ComparisonInfo(self.run_id, self.comparison, infos, labels, own)

    def snapshot(self, steps: int, state: str = "running") -> ComparisonSnapshot:
        runs = []
        for i, trainer in enumerate(self.trainers):
            if i in self.diverged:
                runs.append(dataclasses.replace(self.last[i], state="diverged"))
                continue
            runs.append(snapshot_of(trainer, steps, self.run_id, state))
        self.last = runs
        self.seq += 1
        return ComparisonSnapshot(self.run_id, self.seq, state, tuple(runs))
