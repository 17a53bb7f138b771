"""Runs in the background: a training process, and a QThread that relays its reports.

The core's RunLoop runs in a process of its own (playground.training.worker_process): training
a small network is Python-bound and so is drawing the dashboards, so in one
interpreter they would share the GIL (measured: 0.2-0.4 of a plain loop's speed with
every dashboard live). A bridge QObject on a dedicated QThread reads the process's
messages and re-emits them as Qt signals; the GUI steers the run with small command
messages (pause, step, stop, live learning rate). Snapshots are immutable and carry
a run id; those of a superseded run are dropped. The controller owns the process and
the thread and ends both in ``shutdown`` (stop -> quit -> wait), which the window
calls on close and the application on ``aboutToQuit``.
"""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from playground.design.schema import Design

@dataclass(frozen=True)
class RunInfo:
    """What the views need to know when a run starts (sent once per run)."""

    run_id: int
    design: Design
    dataset: Any  # playground.data.datasets.Dataset
    blocks: tuple  # playground.design.shapes.Block per layer, output last
    device: Any  # playground.nn.devices.DeviceChoice
    steps_per_epoch: int
    batch_size: int
    parameters: int
    unavailable_devices: dict = field(default_factory=dict)  # device -> why it cannot be used here
    history: Any = None  # playground.runs.history.RunHistory of a run resumed from saved weights


class _Bridge(QObject):
    """Lives on the bridge thread; its one slot relays the process's messages until it ends."""

    message_received = Signal(object)

    def __init__(self, events):
        super().__init__()
        self._events = events

    @Slot()
    def serve(self) -> None:
        while True:
            try:
                message = self._events.recv()
            except (EOFError, OSError):
                self.message_received.emit(("ended",))
                return
            except Exception as error:  # a message that cannot be read: report, keep going
                self.message_received.emit(("garbled", f"{type(error).__name__}: {error}"))
                continue
            self.message_received.emit(message)


class _Worker:
    """The training process and the bridge thread that listens to it."""

    def __init__(self, on_message):
        from playground.training import worker_process

        context = multiprocessing.get_context("spawn")  # fork would copy Qt's threads and state
        command_out, self.commands = context.Pipe(duplex=False)
        self.events, events_in = context.Pipe(duplex=False)
        self.process = context.Process(
            target=worker_process.main, args=(command_out, events_in), name="nn-playground-training", daemon=True
        )
        self.process.start()
        command_out.close()
        events_in.close()
        self.thread = QThread()
        self.thread.setObjectName("training-bridge")
        self.bridge = _Bridge(self.events)  # no parent: it lives on the bridge thread
        self.bridge.moveToThread(self.thread)
        self.bridge.message_received.connect(on_message)
        self.thread.started.connect(self.bridge.serve)
        self.thread.finished.connect(self.bridge.deleteLater)
        self.thread.start()

    def send(self, message: tuple) -> bool:
        try:
            self.commands.send(message)
            return True
        except (BrokenPipeError, OSError, ValueError):
            return False

    def close(self, timeout_ms: int) -> bool:
        self.send(("quit",))
        self.commands.close()
        self.process.join(timeout_ms / 1000)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(2)
        self.thread.quit()
        ended = self.thread.wait(timeout_ms)
        self.events.close()
        return ended and not self.process.is_alive()


class TrainingController(QObject):
    """Starts, steers and stops runs in the training process."""

    run_ready = Signal(object)  # RunInfo of the current run
    snapshot_ready = Signal(object)  # Snapshot of the current run
    run_failed = Signal(str, str)  # message, details
    run_refused = Signal(object)  # list of playground.errors.Problem: the design or its data cannot train
    state_changed = Signal(str)  # loading | paused | running | finished | stopped | diverged | error
    weights_saved = Signal(str, object)  # path, [playground.errors.Problem] why not (empty when saved)
    weights_failed = Signal(object)  # [Problem]: why the weights given to restart() could not be loaded

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._run_id = 0
        self._design: Design | None = None
        self._state = "stopped"
        self._paused = True
        self._speed: float | None = None
        self._compiled = True  # ask for the compiled step; the process falls back to eager by itself
        self._closed = False
        self.info: RunInfo | None = None
        # How the last training process that ended did: 0 cleanly, -N killed by signal N (None: none ended).
        self.exit_code: int | None = None
        self._worker: _Worker | None = _Worker(self._on_bridge_message_received)

    # --- runs ----------------------------------------------------------------------
    @property
    def state(self) -> str:
        return self._state

    @property
    def run_id(self) -> int:
        return self._run_id

    @property
    def paused(self) -> bool:
        return self._paused

    def restart(self, design: Design, *, running: bool = False, weights: str | None = None) -> int:
        """Stop the current run and start a new one (paused unless ``running``).

        It starts from fresh weights, or from the checkpoint file ``weights`` (a run
        saved with its weights resumes exactly where it stopped).
        """
        from playground.design.io import design_to_json

        if self._closed:
            return self._run_id
        if self._worker is None:  # the process ended (crash): start a new one
            self._worker = _Worker(self._on_bridge_message_received)
        self._run_id += 1
        self._design = design
        self._paused = not running
        self.info = None
        self._set_state("loading")
        self._send(("start", self._run_id, design_to_json(design), not running, self._speed, weights,
                    self._compiled))
        return self._run_id

    def stop(self) -> None:
        """Stop the current run and start none (e.g. the design has a problem)."""
        self._run_id += 1
        self.info = None
        self._paused = True
        self._send(("stop",))
        self._set_state("stopped")

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """End the run, the training process and the bridge thread; True when all have ended."""
        self._closed = True
        worker, self._worker = self._worker, None
        if worker is None:
            return True
        ended = worker.close(timeout_ms)
        self.exit_code = worker.process.exitcode
        return ended

    # --- controls --------------------------------------------------------------------
    def play(self) -> None:
        if self._state in ("paused", "loading", "running"):
            self._paused = False
            self._send(("resume",))
            if self._state == "paused":
                self._set_state("running")

    def pause(self) -> None:
        if self._state in ("paused", "loading", "running"):
            self._paused = True
            self._send(("pause",))

    def toggle(self) -> None:
        """Train if paused, pause if training (the Space key)."""
        if self._paused:
            self.play()
        else:
            self.pause()

    def step_batch(self) -> None:
        if self._state in ("paused", "running", "loading"):
            self._paused = True
            self._send(("step", 1))

    def step_epoch(self) -> None:
        if self._state in ("paused", "running", "loading"):
            self._paused = True
            self._send(("step_epoch",))

    def set_lr(self, lr: float) -> None:
        if lr > 0:
            self._send(("lr", float(lr)))

    def change_live(self, design: Design) -> None:
        """Apply ``design``'s live fields (playground.design.schema.LIVE_FIELDS: the learning rate and
        the epoch limit) to the current run without a reset, also once it has finished: a
        finished run whose limit is raised goes on, paused, where it stopped."""
        old, self._design = self._design, design
        if old is None or old.optimizer.lr != design.optimizer.lr:
            self.set_lr(design.optimizer.lr)
        if old is None or old.training.epochs != design.training.epochs:
            self._send(("epochs", int(design.training.epochs)))

    def set_speed(self, steps_per_second: float | None) -> None:
        self._speed = steps_per_second
        self._send(("speed", steps_per_second))

    @property
    def speed(self) -> float | None:
        """The speed limit in steps per second for this and later runs (None: as fast as it can)."""
        return self._speed

    def set_compiled(self, on: bool) -> None:
        """Use the compiled training step when one can be made (else eager only); kept for later runs."""
        self._compiled = bool(on)
        self._send(("compiled", self._compiled))

    @property
    def compiled(self) -> bool:
        return self._compiled

    def save_weights(self, path: str, design: Design, history=None) -> None:
        """Ask the training process to write the current weights and optimizer state to ``path``,
        recording ``design`` (the one saved beside them) and ``history`` (a RunHistory or None).

        ``weights_saved(path, problems)`` reports the outcome.
        """
        from playground.design.io import design_to_json
        from playground.errors import Problem

        if self._worker is None:
            self.weights_saved.emit(path, [Problem("", self.tr("The training process is not running."))])
            return
        self._send(("save_weights", str(path), design_to_json(design), history))

    def snapshot_drawn(self) -> None:
        """The views have drawn the last snapshot: the loop may send the next."""
        self._send(("taken",))

    def _send(self, message: tuple) -> None:
        if self._worker is not None:
            self._worker.send(message)

    # --- from the training process ------------------------------------------------------
    def _on_bridge_message_received(self, message: tuple) -> None:
        kind = message[0]
        if kind == "snapshot":
            snapshot = message[1]
            if snapshot.run_id == self._run_id:
                self._set_state(snapshot.state)
                self.snapshot_ready.emit(snapshot)
        elif kind == "ready":
            _, run_id, fields = message
            if run_id == self._run_id:
                self.info = RunInfo(run_id, self._design, **fields)
                self.run_ready.emit(self.info)
        elif kind == "failed":
            _, run_id, text, details, problems = message
            if run_id == self._run_id:
                self._set_state("error")
                if problems:
                    self.run_refused.emit(list(problems))
                else:
                    self.run_failed.emit(text, details)
        elif kind == "weights_saved":
            self.weights_saved.emit(message[1], message[2])
        elif kind == "weights_failed":
            if message[1] == self._run_id:
                self.weights_failed.emit(message[2])
        elif kind == "garbled":
            self.run_failed.emit(self.tr("A message from the training process could not be read."), message[1])
        elif kind == "ended" and not self._closed:
            self._on_process_ended()

    def _on_process_ended(self) -> None:
        worker, self._worker = self._worker, None
        code = None
        if worker is not None:
            worker.process.join(2)
            code = self.exit_code = worker.process.exitcode
            worker.close(2000)
        self._set_state("error")
        self.run_failed.emit(
            self.tr("The training process stopped unexpectedly (exit code {0}). "
                    "Press Reset or change the design to start it again.").format(code),
            "",
        )

    def _set_state(self, state: str) -> None:
        if state != self._state:
            self._state = state
            self.state_changed.emit(state)
