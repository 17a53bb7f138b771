"""The training thread: a worker QObject in a QThread runs the core's RunLoop.

The GUI talks to a run only through its ``RunControl`` (pause, step, stop, live
learning rate); the run talks back only through ``snapshot_ready`` carrying an
immutable Snapshot. Each run has an id; snapshots of a superseded run are dropped.
The controller owns the thread and stops it in ``shutdown`` (stop flag -> quit ->
wait), which the window calls on close and the application on ``aboutToQuit``.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from playground.design import Design
from playground.errors import PlaygroundError
from playground.run_loop import RunControl, RunLoop, Snapshot

SPEEDS: tuple[float | None, ...] = (1, 3, 10, 30, 100, 300, 1000, 3000, 10000, None)
"""Speed control positions: steps per second, None = as fast as possible."""

SMALL_NETWORK = 200_000  # parameters; below this one torch thread is fastest and leaves a core to the GUI


@dataclass(frozen=True)
class RunInfo:
    """What the views need to know when a run starts (sent once per run)."""

    run_id: int
    design: Design
    dataset: Any  # playground.datasets.Dataset
    blocks: tuple  # playground.model.Block per layer, output last
    device: Any  # playground.devices.DeviceChoice
    steps_per_epoch: int
    batch_size: int
    parameters: int


@dataclass(frozen=True)
class _Request:
    run_id: int
    design: Design
    control: RunControl


class _Worker(QObject):
    run_ready = Signal(object)
    snapshot_ready = Signal(object)
    run_failed = Signal(int, str, str)  # run id, message for the user, details

    @Slot(object)
    def start(self, request: _Request) -> None:
        if request.control.stopped:  # superseded before it began
            return
        try:
            trainer = _build_trainer(request.design)
        except PlaygroundError as error:
            self.run_failed.emit(request.run_id, error.text(), "")
            return
        except Exception as error:  # a bug must reach the user, not kill the thread
            self.run_failed.emit(request.run_id, f"{type(error).__name__}: {error}", traceback.format_exc())
            return
        parameters = sum(p.numel() for p in trainer.network.parameters())
        self.run_ready.emit(
            RunInfo(request.run_id, request.design, trainer.dataset, trainer.blocks, trainer.device_choice,
                    trainer.steps_per_epoch, trainer.batch_size, parameters)
        )
        RunLoop(trainer, request.control, self.snapshot_ready.emit, run_id=request.run_id).run()


def _build_trainer(design: Design):
    import torch  # the heavy import happens here, on the training thread, after the window is up

    from playground.training import Trainer

    trainer = Trainer(design)
    parameters = sum(p.numel() for p in trainer.network.parameters())
    torch.set_num_threads(1 if parameters < SMALL_NETWORK else max(1, torch.get_num_threads()))
    return trainer


class TrainingController(QObject):
    """Starts, steers and stops runs on one background thread."""

    run_ready = Signal(object)  # RunInfo of the current run
    snapshot_ready = Signal(object)  # Snapshot of the current run
    run_failed = Signal(str, str)  # message, details
    state_changed = Signal(str)  # loading | paused | running | finished | stopped | diverged | error
    _start_requested = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("training")
        self._worker = _Worker()  # no parent: it lives on the training thread
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._start_requested.connect(self._worker.start)
        self._worker.run_ready.connect(self._on_worker_run_ready)
        self._worker.snapshot_ready.connect(self._on_worker_snapshot_ready)
        self._worker.run_failed.connect(self._on_worker_run_failed)
        self._thread.start()
        self._run_id = 0
        self._control: RunControl | None = None
        self._state = "stopped"
        self._speed: float | None = None
        self.info: RunInfo | None = None

    # --- runs ----------------------------------------------------------------------
    @property
    def state(self) -> str:
        return self._state

    @property
    def run_id(self) -> int:
        return self._run_id

    def restart(self, design: Design, *, running: bool = False) -> int:
        """Stop the current run and start a new one from fresh weights (paused unless ``running``)."""
        if self._control is not None:
            self._control.stop()
        self._run_id += 1
        self._control = RunControl(paused=not running)
        if self._speed is not None:
            self._control.set_speed(self._speed)
        self.info = None
        self._set_state("loading")
        self._start_requested.emit(_Request(self._run_id, design, self._control))
        return self._run_id

    def stop(self) -> None:
        """Stop the current run and start none (e.g. the design has a problem)."""
        if self._control is not None:
            self._control.stop()
        self._control = None
        self._run_id += 1
        self.info = None
        self._set_state("stopped")

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Stop the run and the thread; True when the thread has ended."""
        if self._control is not None:
            self._control.stop()
        self._control = None
        if self._thread.isRunning():
            self._thread.quit()
            return self._thread.wait(timeout_ms)
        return True

    # --- controls --------------------------------------------------------------------
    def play(self) -> None:
        if self._control is not None and self._state in ("paused", "loading", "running"):
            self._control.resume()
            if self._state == "paused":
                self._set_state("running")

    def pause(self) -> None:
        if self._control is not None:
            self._control.pause()

    def toggle(self) -> None:
        """Train if paused, pause if training (the Space key)."""
        if self._control is None:
            return
        if self._control.paused:
            self.play()
        else:
            self.pause()

    @property
    def paused(self) -> bool:
        return self._control is None or self._control.paused

    def step_batch(self) -> None:
        if self._control is not None and self._state in ("paused", "running", "loading"):
            self._control.step_batches(1)

    def step_epoch(self) -> None:
        if self._control is not None and self._state in ("paused", "running", "loading"):
            self._control.step_epoch()

    def set_lr(self, lr: float) -> None:
        if self._control is not None and lr > 0:
            self._control.set_lr(lr)

    def set_speed(self, steps_per_second: float | None) -> None:
        self._speed = steps_per_second
        if self._control is not None:
            self._control.set_speed(steps_per_second)

    def snapshot_drawn(self) -> None:
        """The views have drawn the last snapshot: the loop may send the next."""
        if self._control is not None:
            self._control.snapshot_taken()

    # --- from the worker ---------------------------------------------------------------
    def _on_worker_run_ready(self, info: RunInfo) -> None:
        if info.run_id != self._run_id:
            return
        self.info = info
        self.run_ready.emit(info)

    def _on_worker_snapshot_ready(self, snapshot: Snapshot) -> None:
        if snapshot.run_id != self._run_id:
            return
        self._set_state(snapshot.state)
        self.snapshot_ready.emit(snapshot)

    def _on_worker_run_failed(self, run_id: int, message: str, details: str) -> None:
        if run_id != self._run_id:
            return
        self._control = None
        self._set_state("error")
        self.run_failed.emit(message, details)

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)
