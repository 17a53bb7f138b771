"""The run loop of a comparison: RunLoop's control, pacing and dashboard budget, with a
ComparisonTrainer, reporting ComparisonSnapshots (a messages.Snapshot per run).

The dashboard budget is shared: a running report's work (every run's probe step,
evaluation and dashboard) is measured as one, so with R runs the period between
reports stretches as RunLoop's rule says for R times the work. Every run's per-step
losses reach the consumer exactly once, as a single run's do; a run that diverged
keeps its losses up to the bad step, its reason and its last probe (which says it
diverged), and reports no metrics or dashboard from then on.
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from playground.runs.comparison_messages import ComparisonSnapshot
from playground.runs.messages import Snapshot
from playground.runs.series import Series
from playground.training.comparison_trainer import ComparisonTrainer
from playground.training.run_loop import CHUNK_SECONDS, RunControl, RunLoop, TakeStep

_ENDED = ("finished", "stopped", "diverged", "error")


class ComparisonLoop(RunLoop):
    """Trains ``trainer`` (a ComparisonTrainer) under ``control``; ``emit`` gets ComparisonSnapshots."""

    def __init__(self, trainer: ComparisonTrainer, control: RunControl,
                 emit: Callable[[ComparisonSnapshot], object], **options: Any):
        # A chunk as long per run as a single run's: the runs' per-call overheads stay as
        # small a share (at 5 ms for all five runs of a race, chunks of 1-2 ticks spent
        # more in the calls than in the steps); pause and stop wait R times as long.
        options.setdefault("chunk_seconds", CHUNK_SECONDS * len(trainer.runs))
        super().__init__(trainer, control, emit, **options)
        runs = len(trainer.runs)
        self._buffers = [Series(dtype=np.float32, capacity=1024) for _ in range(runs)]
        self._probes: list[Any] = [None] * runs

    def _book(self, result: Any, losses: np.ndarray) -> None:
        for i, (first, run_losses, probe) in enumerate(result.runs):
            run_losses = np.asarray(run_losses, dtype=np.float32)
            self._buffers[i].extend(np.arange(first, first + len(run_losses)), run_losses)
            if probe is not None:
                self._probes[i] = probe

    def _take_step(self, take: TakeStep) -> None:
        """The runs of a comparison step in lock-step only: a step a command would take is refused."""
        take(self._trainer)

    def _send(self, state: str, metrics: Any, dashboard: Any, message: str = "", details: str = "",
              code: str = "", args: tuple = ()) -> ComparisonSnapshot:
        trainer: ComparisonTrainer = self._trainer
        modes = trainer.report_step_mode()
        rate = self._rate() if state == "running" else 0.0
        runs = []
        for i, run in enumerate(trainer.runs):
            buffer = self._buffers[i]
            steps, losses = buffer.steps.copy(), buffer.values.copy()
            buffer.clear()
            run_state, run_message, run_code, run_args = self._run_state(i, state, message, code, args)
            runs.append(Snapshot(
                run_id=self._run_id, seq=self._seq, step=int(run.step), epoch=int(run.epoch),
                batch_in_epoch=int(run.batch_in_epoch), state=run_state, steps=steps, losses=losses,
                metrics=metrics[i] if metrics is not None else None, probe=self._probes[i],
                dashboard=dashboard[i] if dashboard is not None else None, lr=float(run.lr),
                steps_per_second=rate if run_state == "running" else 0.0,
                message=run_message, details=details if run_state == "error" else "",
                message_code=run_code, message_args=run_args, step_mode=modes[i]))
        snapshot = ComparisonSnapshot(self._run_id, self._seq, state, tuple(runs))
        self._seq += 1
        self._control._emitted()
        self._emit(snapshot)
        return snapshot

    def _run_state(self, i: int, state: str, message: str, code: str, args: tuple) -> tuple[str, str, str, tuple]:
        """(state, message, message code, its args) of run ``i`` in a report of the comparison's ``state``."""
        trainer: ComparisonTrainer = self._trainer
        outcome = trainer.outcomes[i]
        if outcome is not None:
            problem = (outcome.error.problems or [None])[0]
            return ("diverged", str(outcome.error), problem.code if problem else "",
                    tuple(problem.args) if problem else ())
        if trainer.runs[i].finished and state not in ("error",):
            return "finished", "", "", ()
        if state in _ENDED:
            return state, message, code, args
        return state, "", "", ()

    def run(self) -> ComparisonSnapshot:
        """As RunLoop.run; the comparison is "finished" when every run finished or diverged."""
        return super().run()
