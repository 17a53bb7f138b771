"""Inside one step through the training process: TraceStep, CheckGradient, ExplainNeuron, LayerTensors."""

from __future__ import annotations

import numpy as np
from torch import nn

from playground.design.comparison import Comparison, Variant
from playground.design.schema import DataSpec, Design, LinearLayer
from playground.runs import comparison_messages as cm
from playground.runs import messages as m
from playground.training import worker_process
from tests.test_comparison_engine import quit_reading
from tests.test_worker_process import Process

DESIGN = Design(data=DataSpec(samples=40), layers=(LinearLayer(units=3, activation="tanh"),)).with_training(
    batch_size=8, epochs=2)  # 20 points to train on: 3 steps an epoch, 6 in all


def snapshot(run_id: int, state: str | None = None):
    return lambda e: isinstance(e, m.Snapshot) and e.run_id == run_id and (state is None or e.state == state)


def answer(kind, run_id: int):
    return lambda e: isinstance(e, kind) and e.run_id == run_id


def test_a_traced_step_in_a_paused_run_is_booked_once_and_answers_checks_and_neurons():
    process = Process()
    try:
        process.send(m.Start(1, DESIGN, paused=True, compiled=False))
        process.next_event(snapshot(1, "paused"))
        process.send(m.SnapshotTaken(1))
        process.send(m.TraceStep(1))
        trace = process.next_event(answer(m.StepTrace, 1))
        assert (trace.step, trace.batch_size, len(trace.blocks)) == (0, 8, 2)
        after = process.next_event(snapshot(1))
        assert after.state == "paused" and after.step == 1, "the run stays paused after its step"
        assert after.steps.tolist() == [0] and after.losses.tolist() == [np.float32(trace.loss.value)]
        assert after.probe is not None and after.probe.step == 0, "the dashboards show the traced step"
        process.send(m.SnapshotTaken(1))

        process.send(m.CheckGradient(1, 0, "weight", (2, 1)))
        checked = process.next_event(answer(m.GradientChecked, 1))
        assert not checked.problem and checked.step == 0 and checked.relative_error < 1e-4
        assert abs(checked.autograd - trace.blocks[0].param("weight").grad[2, 1]) < 1e-6  # float64 against float32
        process.send(m.CheckGradient(1, 1, "weight", (5, 0)))
        assert process.next_event(answer(m.GradientChecked, 1)).problem_code == "inside_no_weight"
        process.send(m.ExplainNeuron(1, 0, 1, (0.5, -0.25)))
        neuron = process.next_event(answer(m.NeuronExplained, 1))
        assert not neuron.problem and abs(neuron.h - np.tanh(neuron.z)) < 1e-6
        assert abs(neuron.z - (neuron.weights @ neuron.inputs + neuron.bias)) < 1e-6
        process.send(m.LayerTensors(1, 1))  # the Output layer's live tensors, for the Tensor lab
        taken = process.next_event(answer(m.LayerTensorsTaken, 1))
        assert not taken.problem and (taken.step, taken.name, taken.x.shape, taken.weight.shape) == (
            1, "Output", (8, 3), (1, 3))
        np.testing.assert_array_equal(taken.weight[0], trace.blocks[1].param("weight").after[0])

        process.send(m.Step(1, 2))
        steps = []
        while not steps or steps[-1] < 2:
            steps += process.next_event(snapshot(1)).steps.tolist()
            process.send(m.SnapshotTaken(1))
        assert steps == [1, 2], "every loss once: the traced step's is not booked again"
        process.send(m.CheckGradient(1, 0, "weight", (0, 0)))
        assert process.next_event(answer(m.GradientChecked, 1)).problem_code == "inside_moved_on"

        process.send(m.Resume(1))
        finished = process.next_event(snapshot(1, "finished"))
        assert finished.step == 6
        process.send(m.TraceStep(1))
        assert process.next_event(answer(m.StepTraceRefused, 1)).problem_code == "inside_finished"
        process.send(m.ExplainNeuron(1, 1, 0, (0.5, -0.25)))  # a finished run's network is still there
        assert not process.next_event(answer(m.NeuronExplained, 1)).problem
    finally:
        process.quit()


def test_a_comparison_and_a_missing_run_refuse_to_be_looked_inside():
    process = Process()
    try:
        process.send(m.TraceStep(7))  # no run at all
        assert process.next_event(answer(m.StepTraceRefused, 7)).problem_code == "inside_no_run"
        process.send(m.LayerTensors(7, 0))
        assert process.next_event(answer(m.LayerTensorsTaken, 7)).problem_code == "inside_no_run"
        comparison = Comparison(DESIGN, (Variant(changes={}), Variant(changes={"optimizer.name": "adam"})))
        process.send(cm.StartComparison(2, comparison, paused=True, compiled=False))
        process.next_event(lambda e: isinstance(e, cm.ComparisonSnapshot) and e.state == "paused")
        process.send(m.SnapshotTaken(2))
        process.send(m.TraceStep(2))
        assert process.next_event(answer(m.StepTraceRefused, 2)).problem_code == "inside_comparison"
        process.next_event(lambda e: isinstance(e, cm.ComparisonSnapshot) and e.state == "paused")  # it paused
        process.send(m.SnapshotTaken(2))
        process.send(m.CheckGradient(2, 0, "weight", (0, 0)))
        assert process.next_event(answer(m.GradientChecked, 2)).problem_code == "inside_comparison"
        process.send(m.ExplainNeuron(2, 0, 0, (0.0, 0.0)))
        assert process.next_event(answer(m.NeuronExplained, 2)).problem_code == "inside_comparison"
        process.send(m.LayerTensors(2, 0))
        assert process.next_event(answer(m.LayerTensorsTaken, 2)).problem_code == "inside_comparison"
        process.send(m.Step(2, 1))  # the comparison itself took no step and goes on
        steps = [[], []]
        while not steps[0]:
            report = process.next_event(lambda e: isinstance(e, cm.ComparisonSnapshot))
            process.send(m.SnapshotTaken(2))
            steps = [a + run.steps.tolist() for a, run in zip(steps, report.runs)]
        assert steps == [[0], [0]]
    finally:
        quit_reading(process)


class _NotANumber(nn.Module):
    def forward(self, out, y):
        return ((out - y) ** 2).mean() * float("nan")


def test_a_diverging_traced_step_ends_the_run_as_a_diverging_step_does(monkeypatch):
    real = worker_process.build_trainer

    def build(design):
        trainer = real(design)
        trainer.loss_fn = _NotANumber()
        return trainer

    monkeypatch.setattr(worker_process, "build_trainer", build)
    process = Process()
    try:
        process.send(m.Start(1, Design(loss="mse", data=DataSpec(dataset="sine", samples=40)), paused=True,
                             compiled=False))
        process.next_event(snapshot(1, "paused"))
        process.send(m.SnapshotTaken(1))
        process.send(m.TraceStep(1))
        refused = process.next_event(answer(m.StepTraceRefused, 1))
        assert refused.problem_code == "diverged"
        final = process.next_event(snapshot(1))
        assert final.state == "diverged" and final.message_code == "diverged"
        assert final.steps.tolist() == [0] and np.isnan(final.losses[0]), "its loss is kept, as a step's"
    finally:
        process.quit()
