"""Real runs for the dashboard tests: RunInfo and Snapshots made by the real engine."""

from __future__ import annotations

import itertools

import numpy as np

from playground.design.schema import Design
from playground.runs.messages import RunInfo, Snapshot
from playground.training.run_loop import RunControl, RunLoop
from playground.training.trainer import Trainer
from playground.training.worker_process import run_info


def info_of(trainer: Trainer, run_id: int = 1) -> RunInfo:
    return run_info(trainer, run_id)


def snapshot_of(trainer: Trainer, steps: int = 0, run_id: int = 1, state: str = "running",
                dashboard: bool = True) -> Snapshot:
    """Train ``steps`` batches (the last one probed), then report as the run loop does."""
    result = trainer.train_steps(steps, probe=True) if steps else None
    losses = result.losses if result else np.zeros(0, np.float32)
    return Snapshot(run_id=run_id, seq=0, step=trainer.step, epoch=trainer.epoch,
                    batch_in_epoch=trainer.batch_in_epoch, state=state,
                    steps=np.arange(trainer.step - len(losses), trainer.step, dtype=np.int64),
                    losses=losses, metrics=trainer.evaluate(), probe=result.probe if result else None,
                    dashboard=trainer.dashboard() if dashboard else None, lr=trainer.lr, steps_per_second=0.0)


def run_design(design: Design) -> tuple[RunInfo, list[Snapshot]]:
    """Train ``design`` to its end through the real RunLoop; a snapshot after every step."""
    trainer = Trainer(design)
    control = RunControl()
    snapshots: list[Snapshot] = []

    def emit(snapshot: Snapshot) -> None:
        snapshots.append(snapshot)
        control.snapshot_taken()

    ticks = itertools.count()  # each clock reading a second later: every chunk is due, one step each
    RunLoop(trainer, control, emit, clock=lambda: float(next(ticks)), chunk_seconds=1e-9).run()
    return info_of(trainer), snapshots


def shown(view, info: RunInfo, snapshots: list[Snapshot]):
    """``view`` after starting ``info``'s run and drawing every snapshot."""
    view.start_run(info)
    for snapshot in snapshots:
        view.show_snapshot(snapshot)
    return view


def fed_hidden_then_shown(view, qtbot, info: RunInfo, snapshots: list[Snapshot]):
    """``view`` fed every snapshot while hidden (checked: nothing drawn), then shown."""
    assert not view.isVisible()  # a closed dock, or one tabbed behind another
    shown(view, info, snapshots)
    assert view.drawn_step() is None  # nothing drawn while nobody can see it
    view.show()
    qtbot.waitExposed(view)
    return view
