"""A lesson's reference solution run headless: does it meet every goal, and when?

Each run of the solution (one, or each entry of its ``sequence``) is a fresh run of
the start with its changes (playground.lessons.schema.apply_changes): a Trainer for a
design, a ComparisonTrainer for a comparison, trained as the window trains it (eager
steps, the same seeds, the design's own epoch limit). It trains in chunks of at most
``steps / MAX_CHECKS`` steps (at least 1): the last step of each chunk is probed, then
every run is evaluated on all its points, and the observations feed one
LessonProgress shared by the whole sequence. A run stops when every goal is met, when
its steps are done, or when it cannot go on (at its epoch limit, or every run diverged).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from playground.design.comparison import Comparison
from playground.lessons.goals import LessonProgress
from playground.lessons.metrics import RunObservation
from playground.lessons.schema import Lesson, SolutionRun, apply_changes
from playground.training.comparison_trainer import ComparisonTrainer
from playground.training.sizes import use_threads_for
from playground.training.trainer import Diverged, Trainer

MAX_CHECKS = 400  # evaluations per run: goals are checked at this resolution


@dataclass
class _Run:
    """What the solver keeps of one trainer: its evaluations so far and latest probe."""

    trainer: Trainer
    rows: list
    probe: object = None
    diverged: bool = False

    def observation(self) -> RunObservation:
        trainer = self.trainer
        curve = None
        if not self.diverged and trainer.dataset.input_kind == "1d":
            dashboard = trainer.dashboard()
            curve = (dashboard.curve_x, dashboard.curve_y)
        return RunObservation(step=trainer.step, epoch=trainer.epoch, steps_per_epoch=trainer.steps_per_epoch,
                              design=trainer.design, parameters=trainer.parameters, diverged=self.diverged,
                              evaluations=np.array(self.rows, dtype=np.float64).reshape(-1, 5), probe=self.probe,
                              curve=curve)

    def evaluate(self) -> None:
        if not self.diverged:
            m = self.trainer.evaluate()
            self.rows.append((self.trainer.step, m.train_loss, m.test_loss, _nan(m.train_accuracy),
                              _nan(m.test_accuracy)))


def _nan(value: float | None) -> float:
    return math.nan if value is None else value


def solve(lesson: Lesson) -> LessonProgress:
    """Run the lesson's reference solution; the progress says which goals were met and when."""
    return _train(lesson, lesson.solution)


def run_start(lesson: Lesson) -> LessonProgress:
    """Run the starting design (no changes) as the solver runs the solution, for as many
    steps as the solution's longest run: what a learner who only watches would see."""
    steps = max(run.steps for run in lesson.solution)
    return _train(lesson, (SolutionRun(changes={}, steps=steps),))


def _train(lesson: Lesson, runs: tuple[SolutionRun, ...]) -> LessonProgress:
    progress = LessonProgress(lesson.goals)
    for number, run in enumerate(runs):
        start = apply_changes(lesson.start, run.changes)
        if isinstance(start, Comparison):
            trainer = ComparisonTrainer(start)
            use_threads_for(max(trainer.runs, key=lambda t: t.parameters).network)
            _train_comparison(trainer, run.steps, progress, number)
        else:
            trainer = Trainer(start)
            use_threads_for(trainer.network)
            _train_design(trainer, run.steps, progress, number)
        if progress.done:
            break
    return progress


def _chunk(steps: int) -> int:
    return max(1, math.ceil(steps / MAX_CHECKS))


def _train_design(trainer: Trainer, steps: int, progress: LessonProgress, number: int) -> None:
    run = _Run(trainer, [])
    run.evaluate()
    progress.observe([run.observation()], number)
    chunk = _chunk(steps)
    while trainer.step < steps and not trainer.finished and not progress.done:
        try:
            run.probe = trainer.train_steps(min(chunk, steps - trainer.step), probe=True).probe
        except Diverged as error:
            run.probe, run.diverged = error.probe, True
        run.evaluate()
        progress.observe([run.observation()], number)
        if run.diverged:
            return


def _train_comparison(trainer: ComparisonTrainer, steps: int, progress: LessonProgress, number: int) -> None:
    runs = [_Run(t, []) for t in trainer.runs]
    for run in runs:
        run.evaluate()
    progress.observe([run.observation() for run in runs], number)
    chunk = _chunk(steps)
    while trainer.step < steps and not trainer.finished and not progress.done:
        done = trainer.train_steps(min(chunk, steps - trainer.step), probe=True)
        for i, (run, (_, _, probe)) in enumerate(zip(runs, done.runs)):
            run.probe = probe if probe is not None else run.probe
            run.diverged = trainer.outcomes[i] is not None
            run.evaluate()
        progress.observe([run.observation() for run in runs], number)
