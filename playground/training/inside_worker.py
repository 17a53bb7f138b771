"""The training process's questions inside one step (playground.runs.inside), handled as
worker_process's commands are (``HANDLERS`` joins its table): ``TraceStep`` pauses the run and
takes its next step traced on the loop's thread (a run_loop.TakeStep: its loss booked once,
the paused snapshot after it as after Step), answered by ``StepTrace`` or ``StepTraceRefused``;
``CheckGradient`` (on the last traced step, kept with its trainer), ``ExplainNeuron`` and
``LayerTensors`` are answered from the loop's thread, or from the ended run's trainer, with a
``problem`` when they cannot (never an error that ends the run)."""

from __future__ import annotations

import traceback

from playground.errors import Problem
from playground.runs import messages as m
from playground.training.run_loop import TakeStep
from playground.training.worker_process import _Runs, _send, _to_trainer


def _no_answer(trainer, ended: bool) -> Problem | None:
    """Why ``trainer`` (None: no trainer of the run) cannot take a traced step, or None."""
    if trainer is None:
        return Problem("", "There is no run to look inside yet.", "inside_no_run")
    if hasattr(trainer, "runs"):  # a ComparisonTrainer
        return Problem("", "A comparison cannot be looked inside; promote a run to the editor to step inside it.",
                       "inside_comparison")
    if trainer.diverged:
        return Problem("", "This run diverged; reset it to look inside a step.", "inside_diverged")
    if trainer.finished:
        return Problem("", "This run has finished; raise the epoch limit or reset it to look inside a step.",
                       "inside_finished")
    if ended:
        return Problem("", "This run has ended; reset it to look inside a step.", "inside_ended")
    return None


def _trace_step(message: m.TraceStep, runs: _Runs) -> None:
    """Pause the run and take its next step traced, on the loop's thread (see the module docstring)."""
    run_id, events = message.run_id, runs.events

    def refuse(trainer, problem: Problem | None = None) -> None:
        problem = problem or _no_answer(trainer, ended=True)
        _send(events, m.StepTraceRefused.of(run_id, problem))

    def step(trainer):
        from playground.training.divergence import Diverged
        from playground.training.trace_step import trace_step

        problem = _no_answer(trainer, ended=False)
        if problem is not None:
            refuse(trainer, problem)
            return None
        try:
            result, trace, context = trace_step(trainer, run_id)
        except Diverged as error:  # the run ends diverged, as after a Step
            refuse(trainer, error.problems[0])
            raise
        runs.traced = (trainer, context)
        _send(events, trace)
        return result

    control = runs.control_of(run_id)
    if control is not None:
        control.pause()
        if control.submit(TakeStep(step, refuse)):
            return
    with runs.lock:
        refuse(runs.trainer if runs.run_id == run_id else None)


def _answer(runs: _Runs, run_id: int, answer, refused) -> None:
    """Send ``answer(trainer)`` for run ``run_id`` (see _to_trainer), or ``refused(problem)``
    when there is no trainer of it, it is a comparison, or answering failed (a bug: said,
    not raised, so that the run goes on)."""

    def command(trainer) -> None:
        problem = _no_answer(trainer, ended=False) if trainer is None or hasattr(trainer, "runs") else None
        if problem is None:
            try:
                _send(runs.events, answer(trainer))
                return
            except Exception as error:
                traceback.print_exc()
                problem = Problem("", f"{type(error).__name__}: {error}")
        _send(runs.events, refused(problem))

    _to_trainer(runs, run_id, command, reads_only=True)


def _check_gradient(message: m.CheckGradient, runs: _Runs) -> None:
    def answer(trainer):
        from playground.training.gradient_check import check_gradient

        traced = runs.traced
        context = traced[1] if traced is not None and traced[0] is trainer else None
        return check_gradient(trainer, context, message.block, message.param, message.index, message.run_id)

    _answer(runs, message.run_id, answer, lambda problem: m.GradientChecked.refused(message, problem))


def _explain_neuron(message: m.ExplainNeuron, runs: _Runs) -> None:
    def answer(trainer):
        from playground.training.neuron import explain_neuron

        return explain_neuron(trainer, message.block, message.unit, message.point, message.run_id)

    _answer(runs, message.run_id, answer, lambda problem: m.NeuronExplained.refused(message, problem))


def _layer_tensors(message: m.LayerTensors, runs: _Runs) -> None:
    def answer(trainer):
        from playground.training.layer_tensors import layer_tensors

        return layer_tensors(trainer, message.block, message.run_id)

    _answer(runs, message.run_id, answer, lambda problem: m.LayerTensorsTaken.refused(message, problem))


HANDLERS = {
    m.TraceStep: _trace_step,
    m.CheckGradient: _check_gradient,
    m.ExplainNeuron: _explain_neuron,
    m.LayerTensors: _layer_tensors,
}
