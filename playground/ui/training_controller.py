"""Runs in the background: a training process, and a QThread that relays its reports.

The core's RunLoop runs in a process of its own (playground.training.worker_process): training
a small network is Python-bound and so is drawing the dashboards, so in one
interpreter they would share the GIL (measured: 0.2-0.4 of a plain loop's speed with
every dashboard live). A bridge QObject on a dedicated QThread reads the process's
messages and re-emits them as Qt signals; the GUI steers the run with small typed
commands (playground.runs.messages: pause, step, stop, live learning rate...). The
controller allocates each run's id; every command names it and every report from the
process echoes it, so a superseded run's reports are dropped by id. The controller keeps
the current run's history (playground.runs.history.LiveHistory: every loss and
evaluation, whatever the dashboards show). It owns the process and the thread and ends
both in ``shutdown`` (stop -> quit -> wait), which the window calls on close and the
application on ``aboutToQuit``.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from playground.design.schema import Design
from playground.runs import messages as m
from playground.runs.history import LiveHistory
from playground.runs import comparison_messages as cm
from playground.ui.comparison_control import ComparisonControl


@dataclass(frozen=True)
class _ProcessEnded:
    """The bridge's own report: the training process's end of the pipe closed."""


@dataclass(frozen=True)
class _Garbled:
    """The bridge's own report: a message that could not be read."""

    details: str


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
                self.message_received.emit(_ProcessEnded())
                return
            except Exception as error:  # a message that cannot be read: report, keep going
                self.message_received.emit(_Garbled(f"{type(error).__name__}: {error}"))
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

    def send(self, message: m.Command) -> bool:
        try:
            self.commands.send(message)
            return True
        except (BrokenPipeError, OSError, ValueError):
            return False

    def close(self, timeout_ms: int) -> bool:
        self.send(m.Quit())
        self.commands.close()
        self.process.join(timeout_ms / 1000)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(2)
        self.thread.quit()
        ended = self.thread.wait(timeout_ms)
        self.events.close()
        return ended and not self.process.is_alive()


class TrainingController(ComparisonControl, QObject):
    """Starts, steers and stops runs (a single design, or a comparison: ComparisonControl)
    in the training process."""

    run_ready = Signal(object)  # playground.runs.messages.RunInfo of the current run
    snapshot_ready = Signal(object)  # Snapshot of the current run
    run_failed = Signal(str, str)  # message, details
    run_refused = Signal(object)  # list of playground.errors.Problem: the design or its data cannot train
    state_changed = Signal(str)  # loading | paused | running | finished | stopped | diverged | error
    weights_saved = Signal(str, object)  # path, [playground.errors.Problem] why not (empty when saved)
    weights_failed = Signal(object)  # [Problem]: why the weights given to restart() could not be loaded
    comparison_ready = Signal(object)  # comparison_messages.ComparisonInfo of the current comparison
    comparison_snapshot_ready = Signal(object)  # comparison_messages.ComparisonSnapshot of it
    # STUB (inside-steps, to be replaced by inside-wire's TrainingController API, INSIDE.md):
    step_traced = Signal(object)  # playground.runs.inside.StepTrace
    step_trace_refused = Signal(str)  # why the current run cannot take a step inside (interface language)
    gradient_checked = Signal(object)  # playground.runs.inside.GradientChecked

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._run_id = 0
        self._design: Design | None = None
        self._state = "stopped"
        self._paused = True
        self._speed: float | None = None
        self._compiled = True  # ask for the compiled step; the process falls back to eager by itself
        self._closed = False
        self.info: m.RunInfo | None = None
        self.history = LiveHistory()  # the current run's losses and evaluations, recorded as they arrive
        # Asked before Train: False keeps the run paused (e.g. a lesson's question is answered first).
        self.may_play: Callable[[], bool] = lambda: True
        # How the last training process that ended did: 0 cleanly, -N killed by signal N (None: none ended).
        self.exit_code: int | None = None
        self._worker: _Worker | None = _Worker(self._on_bridge_message_received)
        self._acknowledgement = QTimer(self)  # a drawn snapshot's acknowledgement, sent after a rest
        self._acknowledgement.setSingleShot(True)
        self._acknowledgement.timeout.connect(self._acknowledge)

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
        if self._closed:
            return self._run_id
        self._ensure_worker()
        self._begin(running)
        self.close_comparison()
        self._design = design
        self._send(m.Start(self._run_id, design, not running, self._speed, weights, self._compiled))
        return self._run_id

    def _ensure_worker(self) -> None:
        if self._worker is None:  # the process ended (crash): start a new one
            self._worker = _Worker(self._on_bridge_message_received)

    def _begin(self, running: bool) -> None:
        """A new run id, loading: the old run's reports are dropped from now on."""
        self._acknowledgement.stop()  # the old run's: the new run's first snapshot goes at once
        self._run_id += 1
        self._paused = not running
        self.info = None
        self.history = LiveHistory(self._run_id)
        self._set_state("loading")

    def stop(self) -> None:
        """Stop the current run and start none (e.g. the design has a problem)."""
        self._send(m.Stop(self._run_id))
        self._acknowledgement.stop()
        self._run_id += 1
        self.info = None
        self.close_comparison()
        self.history = LiveHistory(self._run_id)
        self._paused = True
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

    def history_of(self, run_id: int) -> LiveHistory:
        """Run ``run_id``'s history (recorded as its snapshots arrive); an empty one for a run
        that is not the current one."""
        return self.history if run_id == self.history.run_id else LiveHistory(run_id)

    # --- controls --------------------------------------------------------------------
    def play(self) -> None:
        if self._state in ("paused", "loading", "running") and (self._state == "running" or self.may_play()):
            self._paused = False
            self._send(m.Resume(self._run_id))
            if self._state == "paused":
                self._set_state("running")

    def pause(self) -> None:
        if self._state in ("paused", "loading", "running"):
            self._paused = True
            self._send(m.Pause(self._run_id))
            self._acknowledge_now()

    def toggle(self) -> None:
        """Train if paused, pause if training (the Space key)."""
        if self._paused:
            self.play()
        else:
            self.pause()

    def step_batch(self) -> None:
        if self._state in ("paused", "running", "loading"):
            self._paused = True
            self._send(m.Step(self._run_id, 1))
            self._acknowledge_now()

    def step_epoch(self) -> None:
        if self._state in ("paused", "running", "loading"):
            self._paused = True
            self._send(m.StepEpoch(self._run_id))
            self._acknowledge_now()

    def trace_step(self) -> None:
        """STUB (inside-wire builds it): pause; the traced step is not taken here."""
        self.pause()

    def check_gradient(self, block: int, param: str, index: tuple[int, ...]) -> None:
        """STUB (inside-wire builds it): no answer."""

    def set_lr(self, lr: float) -> None:
        if lr > 0:
            self._send(m.SetLr(self._run_id, float(lr)))

    def change_live(self, design: Design) -> None:
        """Apply ``design``'s live fields (playground.design.schema.LIVE_FIELDS: the learning rate and
        the epoch limit) to the current run without a reset, also once it has finished: a
        finished run whose limit is raised goes on, paused, where it stopped."""
        old, self._design = self._design, design
        if old is None or old.optimizer.lr != design.optimizer.lr:
            self.set_lr(design.optimizer.lr)
        if old is None or old.training.epochs != design.training.epochs:
            self._send(m.SetEpochs(self._run_id, int(design.training.epochs)))

    def set_speed(self, steps_per_second: float | None) -> None:
        self._speed = steps_per_second
        self._send(m.SetSpeed(self._run_id, steps_per_second))

    @property
    def speed(self) -> float | None:
        """The speed limit in steps per second for this and later runs (None: as fast as it can)."""
        return self._speed

    def set_compiled(self, on: bool) -> None:
        """Use the compiled training step when one can be made (else eager only); kept for later runs."""
        self._compiled = bool(on)
        self._send(m.SetCompiled(self._run_id, self._compiled))

    @property
    def compiled(self) -> bool:
        return self._compiled

    def save_weights(self, path: str, design: Design) -> None:
        """Ask the training process to write the current weights and optimizer state to ``path``,
        recording ``design`` (the one saved beside them) and the run's history (none while
        the run has not reported yet: a resumed run's saved history comes with its report).

        ``weights_saved(path, problems)`` reports the outcome.
        """
        from playground.errors import Problem

        if self._worker is None:
            self.weights_saved.emit(path, [Problem("", self.tr("The training process is not running."))])
            return
        history = self.history.saved() if self.info is not None else None
        self._send(m.SaveWeights(self._run_id, str(path), design, history))

    def snapshot_drawn(self, rest: float = 0.0) -> None:
        """The views have drawn the last snapshot: the loop may send the next, ``rest`` seconds
        from now (at once if 0). A later call moves the time; pausing or stepping sends a
        waiting acknowledgement at once (the paused snapshot and the step are not held back)."""
        if rest > 0:
            self._acknowledgement.start(max(1, round(rest * 1000)))
        else:
            self._acknowledgement.stop()
            self._acknowledge()

    @property
    def acknowledgement_waiting(self) -> bool:
        """A drawn snapshot's acknowledgement waits for its rest to pass."""
        return self._acknowledgement.isActive()

    def _acknowledge_now(self) -> None:
        if self._acknowledgement.isActive():
            self._acknowledgement.stop()
            self._acknowledge()

    def _acknowledge(self) -> None:
        self._send(m.SnapshotTaken(self._run_id))

    def _send(self, message: m.Command) -> None:
        if self._worker is not None:
            self._worker.send(message)

    # --- from the training process ------------------------------------------------------
    def _on_bridge_message_received(self, message) -> None:
        handler = self._HANDLERS.get(type(message))
        if handler is None:
            return
        if getattr(message, "run_id", self._run_id) != self._run_id and not isinstance(message, m.WeightsSaved):
            return  # a superseded run's report (a save is answered whichever run it was)
        handler(self, message)

    def _on_snapshot(self, snapshot: m.Snapshot) -> None:
        self.history.record(snapshot)
        self._set_state(snapshot.state)
        self.snapshot_ready.emit(snapshot)

    def _on_ready(self, ready: m.Ready) -> None:
        self.info = ready.info
        if ready.info.history is not None:  # resumed: the history it was saved with comes first
            self.history = LiveHistory(self._run_id, ready.info.history)
        self.run_ready.emit(self.info)

    def _on_failed(self, failed: m.Failed) -> None:
        self._set_state("error")
        if failed.problems:
            self.run_refused.emit(list(failed.problems))
        else:
            self.run_failed.emit(failed.message, failed.details)

    def _on_weights_saved(self, saved: m.WeightsSaved) -> None:
        self.weights_saved.emit(saved.path, list(saved.problems))

    def _on_weights_failed(self, failed: m.WeightsFailed) -> None:
        self.weights_failed.emit(list(failed.problems))

    def _on_garbled(self, garbled: _Garbled) -> None:
        self.run_failed.emit(self.tr("A message from the training process could not be read."), garbled.details)

    def _on_ended(self, _ended: _ProcessEnded) -> None:
        if not self._closed:
            self._on_process_ended()

    _HANDLERS = {
        m.Snapshot: _on_snapshot, m.Ready: _on_ready, m.Failed: _on_failed, m.WeightsSaved: _on_weights_saved,
        m.WeightsFailed: _on_weights_failed, _Garbled: _on_garbled, _ProcessEnded: _on_ended,
        cm.ComparisonReady: ComparisonControl._on_comparison_ready,
        cm.ComparisonSnapshot: ComparisonControl._on_comparison_snapshot,
    }

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
