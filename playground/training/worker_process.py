"""The training process: runs the RunLoop away from the window's interpreter.

Why a process: training a tiny network is Python-bound, and so is drawing the
dashboards; in one process they share the GIL and the measured throughput with
every dashboard live fell to 0.2-0.4 of a plain loop. In a process of its own the
loop has a core to itself and talks to the window over two pipes.

Messages to the process (tuples): ("start", run_id, design_json, paused, speed,
weights_path_or_None, compiled), ("pause",), ("resume",), ("step", n), ("step_epoch",),
("lr", value), ("epochs", value), ("speed", value_or_None), ("compiled", on), ("taken",),
("save_weights", path, design_json, RunHistory_or_None), ("stop",), ("quit",).
``compiled`` asks for the compiled training step (playground.training.fast_step), prepared in
the background while eager training runs; each snapshot says which mode the steps
run in. ``save_weights`` records the design the window saved beside the weights
(it may differ from the run's only in name and description) and the run's history.
Messages from it: ("ready", run_id, RunInfo fields as a dict; ``history`` is the
RunHistory of resumed weights or None), ("snapshot", Snapshot), ("failed", run_id,
message, details, problems) (problems: the PlaygroundError's Problems of a design or
data that cannot train, () for a bug, which has details), ("weights_failed", run_id,
[Problem]), ("weights_saved", path, [Problem], empty when saved).

``lr`` and ``epochs`` are live changes: they reach a finished run too (its trainer stays
in the process until the next start), and a higher epoch limit lets a finished run go
on, from where it stopped, as the same run (a new loop, paused, same run id). So does
``save_weights``: once a run has ended it is saved from the ended run's trainer.

The messages are our own objects pickled between our own two processes (never
data read from a file). Closing the command pipe (the window died) ends the process.
"""

from __future__ import annotations

import atexit
import queue
import sys
import threading
import traceback
from multiprocessing.connection import Connection

from playground.nn.devices import unavailable_reasons
from playground.errors import PlaygroundError, Problem
from playground.training.run_loop import RunControl, RunLoop

class _Runs:
    """The current run's control and the last run's trainer, shared by the reader thread
    and the thread that runs the loops (``serve``).

    While a loop runs, the trainer is the loop's alone (commands go through its control);
    once it has ended, ``ended`` holds its final state and the reader thread may use the
    trainer directly, under ``lock``.
    """

    def __init__(self, events: Connection) -> None:
        self.lock = threading.Lock()
        self.control: RunControl | None = None
        self.trainer = None  # of the current or last run, for "save_weights" after it ended
        self.run_id = 0  # the trainer's run
        self.ended = ""  # the final state of the trainer's run once its loop has returned
        self.speed: float | None = None  # of the current run, for a run that goes on
        self.after_end: list = []  # commands for the trainer once its loop has ended (it is ending)
        self.starts: queue.Queue = queue.Queue()
        self.events = events

    def current(self) -> RunControl | None:
        with self.lock:
            return self.control


def serve(commands: Connection, events: Connection) -> None:
    """Run until told to quit or the window's end of ``commands`` closes."""
    runs = _Runs(events)
    reader = threading.Thread(target=_read_commands, args=(commands, runs), name="commands", daemon=True)
    reader.start()
    while True:
        request = runs.starts.get()
        if request is None:
            return
        if request[0] == "go_on":  # a finished run whose epoch limit was raised
            _, run_id, control = request
            if not control.stopped and run_id == runs.run_id:
                _loop(runs.trainer, control, run_id, runs)
            else:
                _ended(control, runs)
            continue
        run_id, design_json, control, weights, compiled = request
        if control.stopped:
            _ended(control, runs)
            continue
        _run(run_id, design_json, control, weights, compiled, runs)


def _read_commands(commands: Connection, runs: _Runs) -> None:
    while True:
        try:
            message = commands.recv()
        except (EOFError, OSError):
            message = ("quit",)
        kind = message[0]
        if kind in ("start", "quit", "stop"):
            with runs.lock:
                if runs.control is not None:
                    runs.control.stop()
                runs.control = None
                if kind == "start":
                    _, run_id, design_json, paused, speed, weights, compiled = message
                    runs.control = RunControl(paused=paused)
                    runs.speed = speed
                    if speed is not None:
                        runs.control.set_speed(speed)
                    runs.starts.put((run_id, design_json, runs.control, weights, compiled))
            if kind == "quit":
                runs.starts.put(None)
                return
            continue
        control = runs.current()
        if kind == "save_weights":
            _save_weights(runs, control, *message[1:])
            continue
        if kind in ("lr", "epochs"):
            _live(runs, control, kind, message[1])
            continue
        if control is None:
            continue
        if kind == "pause":
            control.pause()
        elif kind == "resume":
            control.resume()
        elif kind == "step":
            control.step_batches(message[1])
        elif kind == "step_epoch":
            control.step_epoch()
        elif kind == "speed":
            runs.speed = message[1]
            control.set_speed(message[1])
        elif kind == "compiled":
            control.submit(_compiled_step(message[1], control))
        elif kind == "taken":
            control.snapshot_taken()


def _live(runs: _Runs, control: RunControl | None, kind: str, value) -> None:
    """A live change: through the running loop, or to the ended run's trainer; a finished
    run whose new epoch limit lies ahead goes on as a new loop (paused)."""

    def change(trainer) -> None:
        if trainer is None:
            return
        if kind == "lr":
            trainer.set_lr(value)
        else:
            trainer.set_epochs(value)
        if runs.ended == "finished" and not trainer.finished and runs.control is not None:
            runs.ended = ""  # called under runs.lock when the loop has ended
            runs.control = RunControl(paused=True)
            if runs.speed is not None:
                runs.control.set_speed(runs.speed)
            runs.starts.put(("go_on", runs.run_id, runs.control))

    _to_trainer(runs, control, change)


def _save_weights(runs: _Runs, control: RunControl | None, path: str, design_json: str, history) -> None:
    """Save on the loop's thread between chunks, or here when no run is going on."""

    def save(trainer) -> None:
        from playground.runs.checkpoint import save_checkpoint
        from playground.design.io import design_from_json

        if trainer is None:
            _send(runs.events, ("weights_saved", path, [Problem("", "There are no weights to save yet.", "no_weights")]))
            return
        try:
            save_checkpoint(trainer, path, design_from_json(design_json, check=False), history)
            _send(runs.events, ("weights_saved", path, []))
        except PlaygroundError as error:
            _send(runs.events, ("weights_saved", path, error.problems))
        except OSError as error:
            _send(runs.events, ("weights_saved", path, [Problem("", f"{path}: {error.strerror or error}")]))

    _to_trainer(runs, control, save)


def _to_trainer(runs: _Runs, control: RunControl | None, command) -> None:
    """Run ``command(trainer)`` on the loop's thread while the loop runs; on the last run's
    trainer (or None when there is none) once its loop has ended; or, while it is ending,
    as soon as it has."""
    if control is not None and control.submit(command):
        return
    with runs.lock:
        if runs.ended or runs.trainer is None:
            command(runs.trainer)
        else:
            runs.after_end.append(command)


def _compiled_step(on: bool, control: RunControl):
    """A loop command that asks for the compiled step (or turns it off).

    When compiling ends, an empty command wakes the loop, so that even a paused
    run sends a snapshot with the new mode.
    """

    def command(trainer) -> None:
        if on:
            trainer.start_compiling(on_done=lambda mode: control.submit(_nothing))
        else:
            trainer.stop_compiled()

    return command


def _nothing(trainer) -> None:
    pass


def _run(run_id: int, design_json: str, control: RunControl, weights: str | None, compiled: bool,
         runs: _Runs) -> None:
    events = runs.events
    try:
        trainer = build_trainer(design_json)
    except PlaygroundError as error:  # the problems go too, so the window can word them by field
        _send(events, ("failed", run_id, error.text(), "", tuple(error.problems)))
        _ended(control, runs)
        return
    except Exception as error:  # a bug must reach the user, not end the process
        _send(events, ("failed", run_id, f"{type(error).__name__}: {error}", traceback.format_exc(), ()))
        _ended(control, runs)
        return
    info = {
        "dataset": trainer.dataset,
        "blocks": trainer.blocks,
        "device": trainer.device_choice,
        "steps_per_epoch": trainer.steps_per_epoch,
        "batch_size": trainer.batch_size,
        "parameters": sum(p.numel() for p in trainer.network.parameters()),
        "unavailable_devices": unavailable_reasons(),
        "history": None,  # of the run resumed from ``weights``
    }
    if weights:
        from playground.runs.checkpoint import load_checkpoint

        lr = trainer.design.optimizer.lr
        try:
            info["history"] = load_checkpoint(trainer, weights).history
            trainer.set_lr(lr)  # a live field: the design opened says it, as a live change would
        except Exception as error:  # CheckpointError names the tensor; anything else is reported too
            problems = error.problems if isinstance(error, PlaygroundError) else [
                Problem("", f"{type(error).__name__}: {error}")]
            _send(events, ("weights_failed", run_id, problems))
            trainer = build_trainer(design_json)  # start from fresh weights instead
    with runs.lock:
        runs.trainer, runs.run_id, runs.ended = trainer, run_id, ""
    _compiled_step(compiled, control)(trainer)
    _send(events, ("ready", run_id, info))
    _loop(trainer, control, run_id, runs)


def _loop(trainer, control: RunControl, run_id: int, runs: _Runs) -> None:
    """Train until the run ends; then its control takes no more commands (``_ended``)."""
    state = "error"
    try:
        state = RunLoop(trainer, control, lambda snapshot: _send(runs.events, ("snapshot", snapshot)),
                        run_id=run_id).run().state
    finally:
        trainer.cancel_compiling()  # a compile still going on for this run would only slow the next one
        _ended(control, runs, state)


def _ended(control: RunControl, runs: _Runs, state: str = "") -> None:
    """The loop of ``control`` is over, in ``state`` (or it never ran: "", and the last run's
    state stands): commands that were still queued for it, or waited for it to end, run
    now on the last run's trainer."""
    with runs.lock:
        commands = control.end() + runs.after_end
        runs.after_end = []
        runs.ended = state or runs.ended or "stopped"
        for command in commands:
            try:
                command(runs.trainer)
            except Exception:  # a live change the ended run cannot take: nothing to keep
                traceback.print_exc()


def build_trainer(design_json: str):
    from playground.design.io import design_from_json
    from playground.training.trainer import Trainer, use_threads_for

    trainer = Trainer(design_from_json(design_json, check=False))
    use_threads_for(trainer.network)
    return trainer


def _send(events: Connection, message: tuple) -> None:
    try:
        events.send(message)
    except (BrokenPipeError, OSError):
        pass  # the window has gone; the reader thread will see the closed pipe and quit


def main(commands: Connection, events: Connection) -> None:
    """Process entry point (multiprocessing target)."""
    try:
        serve(commands, events)
    finally:
        events.close()
    # At exit: after multiprocessing's own clean-up (run when this returns), before the
    # interpreter's shutdown, which would abort the process mid-compile (see leave_if_compiling).
    atexit.register(_leave_if_compiling)


def _leave_if_compiling() -> None:
    fast_step = sys.modules.get("playground.training.fast_step")  # not imported: nothing was compiled
    if fast_step is not None:
        fast_step.leave_if_compiling(0)
