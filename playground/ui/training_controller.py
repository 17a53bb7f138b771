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

Inside one step (playground.runs.inside), for the current single run: ``trace_step()``
pauses the run and takes its next step traced (its loss reaches the history once, a
paused snapshot follows as after Step), then ``step_traced(StepTrace)``; when the run
cannot (a comparison, no run, a run that has finished, diverged or ended)
``step_trace_refused(text)`` says why instead. ``check_gradient(...)`` and
``explain_neuron(...)`` and ``layer_tensors(block)`` (a Linear layer's live tensors, for the
Tensor lab) always answer with ``gradient_checked`` / ``neuron_explained`` /
``layer_tensors_taken``, whose ``problem`` (empty when answered) is already in the
interface language.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from playground.design.schema import Design
from playground.runs import messages as m
from playground.runs.history import LiveHistory
from playground.runs import comparison_messages as cm
from playground.errors import Problem
from playground.ui.comparison_control import ComparisonControl
from playground.ui.messages import problem_message


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
    step_traced = Signal(object)  # playground.runs.inside.StepTrace of the current run
    step_trace_refused = Signal(str)  # why the current run cannot take a step inside (interface language)
    gradient_checked = Signal(object)  # inside.GradientChecked, its problem in the interface language
    neuron_explained = Signal(object)  # inside.NeuronExplained, its problem in the interface language
    layer_tensors_taken = Signal(object)  # inside.LayerTensorsTaken, its problem in the interface language

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
        # The one gate of training: asked by every way of starting it (Train, Step, Epoch, a step
        # inside: _trains_now; a run or a comparison started or forked running: _begin). False keeps the run paused, and
        # the gate says why (e.g. a lesson's question is answered first).
        self.may_train: Callable[[], bool] = lambda: True
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
        """Stop the current run and start a new one (paused unless ``running`` and the gate allows it).

        It starts from fresh weights, or from the checkpoint file ``weights`` (a run
        saved with its weights resumes exactly where it stopped).
        """
        if self._closed:
            return self._run_id
        self._ensure_worker()
        running = self._begin(running)
        self.close_comparison()
        self._design = design
        self._send(m.Start(self._run_id, design, not running, self._speed, weights, self._compiled))
        return self._run_id

    def _ensure_worker(self) -> None:
        if self._worker is None:  # the process ended (crash): start a new one
            self._worker = _Worker(self._on_bridge_message_received)

    def _begin(self, running: bool) -> bool:
        """A new run id, loading: the old run's reports are dropped from now on. Returns whether
        the new run trains at once: ``running`` if the gate allows it."""
        running = running and self.may_train()
        self._acknowledgement.stop()  # the old run's: the new run's first snapshot goes at once
        self._run_id += 1
        self._paused = not running
        self.info = None
        self.history = LiveHistory(self._run_id)
        self._set_state("loading")
        return running

    def _trains_now(self) -> bool:
        """Whether Train, Step or Epoch may train now: the run can, and it already trains or the
        gate (``may_train``) lets it start."""
        if self._state not in ("paused", "loading", "running"):
            return False
        return self._state == "running" or self.may_train()

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
        if self._trains_now():
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
        if self._trains_now():
            self._paused = True
            self._send(m.Step(self._run_id, 1))
            self._acknowledge_now()

    def step_epoch(self) -> None:
        if self._trains_now():
            self._paused = True
            self._send(m.StepEpoch(self._run_id))
            self._acknowledge_now()

    # --- inside one step -------------------------------------------------------------
    def trace_step(self) -> None:
        """Pause the run (if it plays) and take its next step as a traced step: ``step_traced``
        with the StepTrace, or ``step_trace_refused`` saying why not."""
        problem = self._inside_refusal()
        if problem is not None:
            self.step_trace_refused.emit(problem_message(problem))
            return
        if not self._trains_now():  # the gate (a lesson's question first) says why itself
            return
        self._paused = True
        self._send(m.TraceStep(self._run_id))
        self._acknowledge_now()

    def check_gradient(self, block: int, param: str, index: tuple[int, ...]) -> None:
        """Compare autograd's ∂L/∂``param``[``index``] of block ``block`` at the last traced step
        with a finite difference: ``gradient_checked``."""
        self._ask_inside(m.CheckGradient(self._run_id, int(block), str(param), tuple(int(i) for i in index)),
                         m.GradientChecked)

    def explain_neuron(self, block: int, unit: int, point: tuple[float, ...]) -> None:
        """Unit ``unit`` of block ``block`` for the model input ``point`` (the model's features),
        as the views draw the network: ``neuron_explained``."""
        self._ask_inside(m.ExplainNeuron(self._run_id, int(block), int(unit), tuple(float(v) for v in point)),
                         m.NeuronExplained)

    def layer_tensors(self, block: int) -> None:
        """The live weight, bias and input of block ``block`` (a Linear or the Output layer) of
        the current run, for the Tensor lab: ``layer_tensors_taken``."""
        self._ask_inside(m.LayerTensors(self._run_id, int(block)), m.LayerTensorsTaken)

    def _ask_inside(self, ask, answer) -> None:
        """Send ``ask`` to the training process, or answer it here (``answer.refused``) when
        the current run cannot be asked."""
        problem = self._inside_refusal(stepping=False)
        if problem is None:
            self._send(ask)
        else:
            self._HANDLERS[answer](self, answer.refused(ask, problem))

    def _inside_refusal(self, stepping: bool = True) -> Problem | None:
        """Why the current run cannot be looked inside, known here (the training process
        says the rest): a comparison, no run, or (to take a step) a run that has ended."""
        if self.comparison is not None:
            return Problem("", "A comparison cannot be looked inside; promote a run to the editor to step inside it.",
                           "inside_comparison")
        if self._worker is None or self._state == "stopped" and self.info is None:
            return Problem("", "There is no run to look inside yet.", "inside_no_run")
        ended = {"finished": ("This run has finished; raise the epoch limit or reset it to look inside a step.",
                              "inside_finished"),
                 "diverged": ("This run diverged; reset it to look inside a step.", "inside_diverged")}
        if stepping and self._state in ended:
            return Problem("", *ended[self._state])
        if stepping and self._state in ("stopped", "error"):
            return Problem("", "This run has ended; reset it to look inside a step.", "inside_ended")
        return None

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

    def _on_step_traced(self, trace: m.StepTrace) -> None:
        self.step_traced.emit(trace)

    def _on_step_trace_refused(self, refused: m.StepTraceRefused) -> None:
        self.step_trace_refused.emit(_worded(refused))

    def _on_gradient_checked(self, checked: m.GradientChecked) -> None:
        self.gradient_checked.emit(replace(checked, problem=_worded(checked)) if checked.problem else checked)

    def _on_neuron_explained(self, explained: m.NeuronExplained) -> None:
        self.neuron_explained.emit(replace(explained, problem=_worded(explained)) if explained.problem else explained)

    def _on_layer_tensors_taken(self, taken: m.LayerTensorsTaken) -> None:
        self.layer_tensors_taken.emit(replace(taken, problem=_worded(taken)) if taken.problem else taken)

    def _on_garbled(self, garbled: _Garbled) -> None:
        self.run_failed.emit(self.tr("A message from the training process could not be read."), garbled.details)

    def _on_ended(self, _ended: _ProcessEnded) -> None:
        if not self._closed:
            self._on_process_ended()

    _HANDLERS = {
        m.Snapshot: _on_snapshot, m.Ready: _on_ready, m.Failed: _on_failed, m.WeightsSaved: _on_weights_saved,
        m.WeightsFailed: _on_weights_failed, _Garbled: _on_garbled, _ProcessEnded: _on_ended,
        m.StepTrace: _on_step_traced, m.StepTraceRefused: _on_step_trace_refused,
        m.GradientChecked: _on_gradient_checked, m.NeuronExplained: _on_neuron_explained,
        m.LayerTensorsTaken: _on_layer_tensors_taken,
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


def _worded(answer) -> str:
    """An inside-one-step answer's ``problem`` in the interface language (by its code)."""
    return problem_message(Problem("", answer.problem, answer.problem_code, tuple(answer.problem_args)))
