"""The training process's side of comparisons: StartComparison, Fork and SetRunLr
(playground.runs.comparison_messages), added to worker_process's handlers.

A comparison is one run of the protocol: the single-run commands (pause, resume, step,
epoch, speed, compiled step, snapshot taken, stop, epoch limit, learning rate) reach
its ComparisonTrainer through the same RunControl and act on every run; ``SetRunLr``
changes one run's rate or all. It reports ``ComparisonReady`` and then
ComparisonSnapshots, paced by SnapshotTaken as a single run is (ComparisonLoop). A
comparison whose runs together exceed the parameter limit, or that cannot train on its
data, is refused with ``messages.Failed`` carrying the problems.

A fork pauses its source, captures where it is (weights, optimizer state, step, data
order) on the loop's thread between chunks, then starts the new comparison, which ends
the source at the step the fork starts from.
"""

from __future__ import annotations

import queue
import traceback

from playground.design.comparison_labels import run_label
from playground.errors import Problem
from playground.runs import comparison_messages as cm
from playground.runs import messages as m
from playground.training.worker_process import _compiled_step, _loop, _send, _start, _to_trainer, built, run_info

FORK_WAIT = 60.0  # seconds the reader thread waits for a fork's source state (a chunk lasts milliseconds)


class _ForkStart:
    """A fork's start request: the new comparison and where its runs begin."""

    def __init__(self, fork: cm.Fork, state) -> None:
        self.run_id, self.paused, self.comparison, self.state = fork.new_run_id, fork.paused, fork.comparison, state


def run_comparison(start: cm.StartComparison | _ForkStart, control, runs) -> None:
    """Build the comparison's trainer, report it ready, train it until it ends (on the serve thread)."""
    from playground.training.comparison_trainer import ComparisonTrainer
    from playground.training.sizes import use_threads_for

    events, run_id = runs.events, start.run_id

    def build() -> ComparisonTrainer:
        trainer = ComparisonTrainer(start.comparison, getattr(start, "state", None))
        for run in trainer.runs:
            use_threads_for(run.network)
        return trainer

    trainer = built(build, run_id, control, runs)
    if trainer is None:
        return
    with runs.lock:
        runs.trainer, runs.run_id, runs.ended = trainer, run_id, ""
    _compiled_step(getattr(start, "compiled", True), control)(trainer)
    _send(events, cm.ComparisonReady(comparison_info(trainer, run_id)))
    _loop(trainer, control, run_id, runs)


def comparison_info(trainer, run_id: int) -> cm.ComparisonInfo:
    comparison = trainer.comparison
    labels = tuple(run_label(comparison, i) for i in range(len(trainer.runs)))
    return cm.ComparisonInfo(run_id, comparison, tuple(run_info(t, run_id) for t in trainer.runs), labels,
                             tuple(trainer.own_weights))


def _fork(message: cm.Fork, runs) -> None:
    got: queue.Queue = queue.Queue(maxsize=1)

    def capture(trainer) -> None:
        try:
            got.put(_source_state(trainer, message.source))
        except Exception:  # e.g. a run index the comparison does not have
            traceback.print_exc()
            got.put(None)

    source = runs.control_of(message.run_id)
    if source is not None:  # no step between the captured state and the source's end
        source.pause()
    _to_trainer(runs, message.run_id, capture)
    try:
        state = got.get(timeout=FORK_WAIT)
    except queue.Empty:
        state = None
    if state is None:
        problem = Problem("", "There is no run to fork from.", "no_fork_source")
        _send(runs.events, m.Failed(message.new_run_id, problem.message, "", (problem,)))
        return
    _start(_ForkStart(message, state), runs)


def _source_state(trainer, source: int | None):
    """Where the forked run is (RunState), or None without a trainer of that run."""
    if trainer is None:
        return None
    from playground.training.comparison_trainer import run_state

    if hasattr(trainer, "runs"):  # a comparison: the run named, the first by default
        return trainer.run_state(source or 0)
    return run_state(trainer)


def _set_run_lr(message: cm.SetRunLr, runs) -> None:
    def change(trainer) -> None:
        if trainer is None:
            return
        if hasattr(trainer, "runs"):
            trainer.set_lr(message.lr, message.index)
        else:
            trainer.set_lr(message.lr)

    _to_trainer(runs, message.run_id, change)


HANDLERS = {
    cm.StartComparison: _start,
    cm.Fork: _fork,
    cm.SetRunLr: _set_run_lr,
}
