"""The training process: runs the RunLoop away from the window's interpreter.

Why a process: training a tiny network is Python-bound, and so is drawing the
dashboards; in one process they share the GIL and the measured throughput with
every dashboard live fell to 0.2-0.4 of a plain loop. In a process of its own the
loop has a core to itself and talks to the window over two pipes.

The messages are the frozen dataclasses of playground.runs.messages, dispatched by type
(``_HANDLERS``). Every one names its run: a command for a run other than the current one
is ignored, and every report says which run it is about (the window drops a superseded
run's reports by that id). ``Start`` carries the Design object itself (checked in the
window; not parsed again here); ``SetCompiled`` asks for the compiled training step
(playground.training.fast_step), prepared in the background while eager training runs,
and each snapshot says which mode the steps run in. Reports: ``Ready`` (the RunInfo,
built here; ``history`` is the RunHistory of resumed weights or None), ``Snapshot``,
``Failed`` (problems: the PlaygroundError's Problems of a design or data that cannot
train, () for a bug, which has details), ``WeightsFailed``, ``WeightsSaved``.

``SetLr`` and ``SetEpochs`` are live changes: they reach a finished run too (its trainer
stays in the process until the next start), and a higher epoch limit lets a finished run
go on, from where it stopped, as the same run (a new loop, paused, same run id). So does
``SaveWeights``: once a run has ended it is saved from the ended run's trainer.

Inside one step (playground.runs.inside: TraceStep, CheckGradient, ExplainNeuron,
LayerTensors) is handled by playground.training.inside_worker, whose handlers join
``_HANDLERS``: answered from the loop's thread, or from the ended run's trainer.

Comparisons (playground.runs.comparison_messages: StartComparison, Fork, SetRunLr) are
handled by playground.training.comparison_worker, whose handlers join ``_HANDLERS``; a
comparison is one run here (a ComparisonTrainer under a ComparisonLoop).

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

from playground.design.schema import Design
from playground.errors import PlaygroundError, Problem
from playground.nn.devices import unavailable_reasons
from playground.runs import messages as m
from playground.training.run_loop import RunControl, RunLoop, reading


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
        self.current_id = 0  # the run last started: commands naming another one are ignored
        self.trainer = None  # of the current or last run, for live changes and saving after it ended
        self.run_id = 0  # the trainer's run
        self.ended = ""  # the final state of the trainer's run once its loop has returned
        self.speed: float | None = None  # of the current run, for a run that goes on
        self.after_end: list = []  # commands for the trainer once its loop has ended (it is ending)
        self.traced = None  # (trainer, trace_step.TraceContext) of the last traced step
        self.starts: queue.Queue = queue.Queue()
        self.events = events

    def control_of(self, run_id: int) -> RunControl | None:
        """The control of run ``run_id`` while its loop may run, else None."""
        with self.lock:
            return self.control if run_id == self.current_id else None

    def for_run(self, run_id: int, command):
        """``command`` given the trainer of run ``run_id``, or None when the trainer is another run's."""
        return lambda trainer: command(trainer if trainer is not None and self.run_id == run_id else None)


def serve(commands: Connection, events: Connection) -> None:
    """Run until told to quit or the window's end of ``commands`` closes."""
    runs = _Runs(events)
    reader = threading.Thread(target=_read_commands, args=(commands, runs), name="commands", daemon=True)
    reader.start()
    while True:
        request = runs.starts.get()
        if request is None:
            return
        if isinstance(request, _GoOn):  # a finished run whose epoch limit was raised
            if not request.control.stopped and request.run_id == runs.run_id:
                _loop(runs.trainer, request.control, request.run_id, runs)
            else:
                _ended(request.control, runs)
            continue
        start, control = request
        if control.stopped:
            _ended(control, runs)
            continue
        if isinstance(start, m.Start):
            _run(start, control, runs)
        else:
            from playground.training.comparison_worker import run_comparison

            run_comparison(start, control, runs)


class _GoOn:
    """A finished run goes on in a new loop (its epoch limit was raised)."""

    def __init__(self, run_id: int, control: RunControl) -> None:
        self.run_id, self.control = run_id, control


def _read_commands(commands: Connection, runs: _Runs) -> None:
    while True:
        try:
            message = commands.recv()
        except (EOFError, OSError):
            message = m.Quit()
        handler = _HANDLERS.get(type(message))
        if handler is not None and handler(message, runs):
            return


def _start(message, runs: _Runs) -> None:
    """Start (a run, or a comparison: StartComparison or a fork's start) ``message``, ending the current one."""
    with runs.lock:
        if runs.control is not None:
            runs.control.stop()
        runs.control = RunControl(paused=message.paused)
        runs.current_id = message.run_id
        runs.speed = getattr(message, "speed", runs.speed)
        if runs.speed is not None:
            runs.control.set_speed(runs.speed)
        runs.starts.put((message, runs.control))


def _stop(message: m.Stop | m.Quit, runs: _Runs) -> bool:
    """Stop the run named (any run for Quit); Quit also ends ``serve``: True to end the reader."""
    quitting = isinstance(message, m.Quit)
    with runs.lock:
        if runs.control is not None and (quitting or message.run_id == runs.current_id):
            runs.control.stop()
            runs.control = None
    if quitting:
        runs.starts.put(None)
    return quitting


def _to_control(apply):
    """A handler that applies ``apply(control, message, runs)`` to the named run's loop, if it runs."""

    def handle(message, runs: _Runs) -> None:
        control = runs.control_of(message.run_id)
        if control is not None:
            apply(control, message, runs)

    return handle


def _set_speed(control: RunControl, message: m.SetSpeed, runs: _Runs) -> None:
    runs.speed = message.speed
    control.set_speed(message.speed)


def _live(message: m.SetLr | m.SetEpochs, runs: _Runs) -> None:
    """A live change: through the running loop, or to the ended run's trainer; a finished
    run whose new epoch limit lies ahead goes on as a new loop (paused)."""

    def change(trainer) -> None:
        if trainer is None:
            return
        if isinstance(message, m.SetLr):
            trainer.set_lr(message.lr)
        else:
            trainer.set_epochs(message.epochs)
        if runs.ended == "finished" and not trainer.finished and runs.control is not None:
            runs.ended = ""  # called under runs.lock when the loop has ended
            runs.control = RunControl(paused=True)
            if runs.speed is not None:
                runs.control.set_speed(runs.speed)
            runs.starts.put(_GoOn(runs.run_id, runs.control))

    _to_trainer(runs, message.run_id, change)


def _save_weights(message: m.SaveWeights, runs: _Runs) -> None:
    """Save on the loop's thread between chunks, or here when no run is going on."""
    events, path = runs.events, message.path

    def save(trainer) -> None:
        from playground.runs.checkpoint import save_checkpoint

        if trainer is None:
            problems = (Problem("", "There are no weights to save yet.", "no_weights"),)
            _send(events, m.WeightsSaved(message.run_id, path, problems))
            return
        if hasattr(trainer, "runs"):  # a ComparisonTrainer: a weights file holds one run
            problems = (Problem("", "A comparison's weights cannot be saved as one file; promote a run "
                                    "to the editor and train it to save its weights.", "comparison_weights"),)
            _send(events, m.WeightsSaved(message.run_id, path, problems))
            return
        try:
            save_checkpoint(trainer, path, message.design, message.history)
            _send(events, m.WeightsSaved(message.run_id, path))
        except PlaygroundError as error:
            _send(events, m.WeightsSaved(message.run_id, path, tuple(error.problems)))
        except OSError as error:
            _send(events, m.WeightsSaved(message.run_id, path, (Problem("", f"{path}: {error.strerror or error}"),)))

    _to_trainer(runs, message.run_id, save)


def _to_trainer(runs: _Runs, run_id: int, command, reads_only: bool = False) -> None:
    """Run ``command(trainer)`` for run ``run_id``: on the loop's thread while its loop runs; on
    its trainer once its loop has ended, or as soon as it has while it is ending; with None
    when there is no trainer of that run. ``reads_only``: it changes nothing a snapshot
    shows (run_loop.reading)."""
    command = runs.for_run(run_id, command)
    if reads_only:
        command = reading(command)
    control = runs.control_of(run_id)
    if control is not None and control.submit(command):
        return
    with runs.lock:
        if runs.ended or runs.trainer is None or run_id != runs.current_id:
            command(runs.trainer)
        else:
            runs.after_end.append(command)


def _compiled_step(on: bool, control: RunControl):
    """A loop command that asks for the compiled step (or turns it off).

    When compiling ends, an empty command wakes the loop, so that even a paused
    run sends a snapshot with the new mode.
    """

    def command(trainer) -> None:
        if trainer is None:  # the run ended before it got to it
            return
        if on:
            trainer.start_compiling(on_done=lambda mode: control.submit(_nothing))
        else:
            trainer.stop_compiled()

    return command


def _set_compiled(control: RunControl, message: m.SetCompiled, runs: _Runs) -> None:
    control.submit(runs.for_run(message.run_id, _compiled_step(message.on, control)))


def _nothing(trainer) -> None:
    pass


def built(build, run_id: int, control: RunControl, runs: _Runs):
    """``build()`` (a trainer), or None once Failed has said why it cannot train and
    ``control``'s loop is marked ended."""
    try:
        return build()
    except PlaygroundError as error:  # the problems go too, so the window can word them by field
        _send(runs.events, m.Failed(run_id, error.text(), "", tuple(error.problems)))
    except Exception as error:  # a bug must reach the user, not end the process
        _send(runs.events, m.Failed(run_id, f"{type(error).__name__}: {error}", traceback.format_exc()))
    _ended(control, runs)
    return None


def _run(start: m.Start, control: RunControl, runs: _Runs) -> None:
    events, run_id = runs.events, start.run_id
    trainer = built(lambda: build_trainer(start.design), run_id, control, runs)
    if trainer is None:
        return
    history = None  # of the run resumed from ``start.weights``
    if start.weights:
        from playground.runs.checkpoint import load_checkpoint

        lr = trainer.design.optimizer.lr
        try:
            history = load_checkpoint(trainer, start.weights).history
            trainer.set_lr(lr)  # a live field: the design opened says it, as a live change would
        except Exception as error:  # CheckpointError names the tensor; anything else is reported too
            problems = error.problems if isinstance(error, PlaygroundError) else [
                Problem("", f"{type(error).__name__}: {error}")]
            _send(events, m.WeightsFailed(run_id, tuple(problems)))
            trainer = build_trainer(start.design)  # start from fresh weights instead
    with runs.lock:
        runs.trainer, runs.run_id, runs.ended, runs.traced = trainer, run_id, "", None
    _compiled_step(start.compiled, control)(trainer)
    _send(events, m.Ready(run_info(trainer, run_id, history)))
    _loop(trainer, control, run_id, runs)


def run_info(trainer, run_id: int, history=None) -> m.RunInfo:
    """What the window's views need to know of ``trainer``'s run."""
    return m.RunInfo(run_id, trainer.design, trainer.dataset, trainer.blocks, trainer.device_choice,
                     trainer.steps_per_epoch, trainer.batch_size, trainer.parameters,
                     unavailable_reasons(), history)


def _loop(trainer, control: RunControl, run_id: int, runs: _Runs) -> None:
    """Train until the run ends; then its control takes no more commands (``_ended``)."""
    state = "error"
    loop = RunLoop
    if hasattr(trainer, "runs"):  # a ComparisonTrainer
        from playground.training.comparison_loop import ComparisonLoop as loop
    try:
        state = loop(trainer, control, lambda snapshot: _send(runs.events, snapshot), run_id=run_id).run().state
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


def build_trainer(design: Design):
    from playground.training.sizes import use_threads_for
    from playground.training.trainer import Trainer

    trainer = Trainer(design)
    use_threads_for(trainer.network)
    return trainer


def _send(events: Connection, message: m.Event) -> None:
    try:
        events.send(message)
    except (BrokenPipeError, OSError):
        pass  # the window has gone; the reader thread will see the closed pipe and quit


_HANDLERS = {  # each returns True when the reader thread is to end
    m.Start: _start,
    m.Stop: _stop,
    m.Quit: _stop,
    m.Pause: _to_control(lambda control, message, runs: control.pause()),
    m.Resume: _to_control(lambda control, message, runs: control.resume()),
    m.Step: _to_control(lambda control, message, runs: control.step_batches(message.batches)),
    m.StepEpoch: _to_control(lambda control, message, runs: control.step_epoch()),
    m.SetSpeed: _to_control(_set_speed),
    m.SetCompiled: _to_control(_set_compiled),
    m.SnapshotTaken: _to_control(lambda control, message, runs: control.snapshot_taken()),
    m.SetLr: _live,
    m.SetEpochs: _live,
    m.SaveWeights: _save_weights,
}


def _more_handlers() -> None:
    """Add the comparison commands (playground.training.comparison_worker) and the questions
    inside one step (playground.training.inside_worker) to _HANDLERS."""
    from playground.training import comparison_worker, inside_worker

    _HANDLERS.update(comparison_worker.HANDLERS)
    _HANDLERS.update(inside_worker.HANDLERS)


_more_handlers()


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
    compile_thread = sys.modules.get("playground.training.compile_thread")  # not imported: nothing was compiled
    if compile_thread is not None:
        compile_thread.leave_if_compiling(0)
