"""The training process's side of comparisons: lock-step training, forks, the protocol."""

from __future__ import annotations

import numpy as np

from playground.design.comparison import Comparison, Variant
from playground.design.schema import Design, DropoutLayer, LinearLayer
from playground.runs import comparison_messages as cm
from playground.runs import messages as m
from playground.training.comparison_trainer import ComparisonTrainer, run_state
from playground.training.trainer import Trainer
from tests.test_worker_process import Process


def comparison(*changes: dict, base: Design | None = None) -> Comparison:
    return Comparison(base or Design(), tuple(Variant(changes=c) for c in changes))


def test_a_fork_without_changes_continues_bit_identically_and_a_changed_one_does_not():
    original = Trainer(Design())
    original.train_steps(37)  # mid-epoch: 25 steps an epoch
    fork = ComparisonTrainer(comparison({}, {"optimizer.lr": 0.01}), run_state(original))
    assert fork.step == 37 and [t.batch_in_epoch for t in fork.runs] == [12, 12]
    going_on = original.train_steps(88).losses
    runs = fork.train_steps(88).runs
    np.testing.assert_array_equal(runs[0][1], going_on)  # bit for bit, through the next epochs' orders
    assert runs[0][1][0] == runs[1][1][0], "both start from the same weights"
    assert not np.array_equal(runs[1][1], going_on)


def test_a_fork_of_a_comparison_run_starts_from_that_run():
    race = ComparisonTrainer(comparison({}, {"optimizer.name": "adam"}))
    race.train_steps(60)
    fork = ComparisonTrainer(comparison({}, {"optimizer.lr": 0.001}, base=race.runs[1].design), run_state(race.runs[1]))
    going_on = race.train_steps(30).runs[1][1]
    # the race's runs step as a group (group_step), the fork's unchanged run alone: equal within rounding
    np.testing.assert_allclose(fork.train_steps(30).runs[0][1], going_on, rtol=1e-5, atol=1e-6)
    assert not np.allclose(fork.train_steps(30).runs[0][1], race.train_steps(30).runs[0][1], rtol=1e-3), \
        "not the race's other run"


def test_comparison_process_reports_each_run_and_refuses_one_too_large():
    process = Process()
    try:
        small = comparison({}, {"optimizer.name": "adam"}, {"training.batch_mode": "full"},
                           base=Design().with_training(epochs=2))
        process.send(cm.StartComparison(1, small, paused=False, compiled=False))
        ready = process.next_event(lambda e: isinstance(e, cm.ComparisonReady))
        assert [info.steps_per_epoch for info in ready.info.runs] == [25, 25, 1]
        assert ready.info.own_weights == (False, False, False) and ready.info.labels[1] == "Adam"
        steps = [[], [], []]
        while True:
            report = process.next_event(lambda e: isinstance(e, cm.ComparisonSnapshot))
            process.send(m.SnapshotTaken(1))
            for i, run in enumerate(report.runs):
                steps[i] += run.steps.tolist()
            if report.state != "running":
                break
        assert report.state == "finished" and [r.state for r in report.runs] == ["finished"] * 3
        assert steps == [list(range(50)), list(range(50)), [0, 1]], "every loss exactly once"
        assert all(r.metrics is not None and r.dashboard.boundary is not None for r in report.runs)
        process.send(m.SaveWeights(1, "unused.safetensors", small.base))  # one file holds one run
        saved = process.next_event(lambda e: isinstance(e, m.WeightsSaved))
        assert [p.code for p in saved.problems] == ["comparison_weights"]

        wide = Design(layers=tuple(LinearLayer(units=512, activation="relu") for _ in range(6)))  # 1.3M each
        too_large = comparison({}, {"optimizer.name": "adam"}, {"optimizer.name": "rmsprop"},
                               {"optimizer.name": "momentum"}, base=wide)
        process.send(cm.StartComparison(2, too_large, paused=True, compiled=False))
        failed = process.next_event(lambda e: isinstance(e, m.Failed))
        assert failed.run_id == 2 and [p.code for p in failed.problems] == ["comparison_too_large"]
    finally:
        quit_reading(process)


def quit_reading(process: Process) -> None:
    """Quit, reading the reports meanwhile (a comparison's final report can exceed the pipe's buffer)."""
    process.send(m.Quit())
    while process.thread.is_alive():
        while process.events.poll(0.05):
            process.events.recv()
    process.thread.join()


def until(process: Process, predicate):
    """The first report ``predicate`` accepts, taking (SnapshotTaken) every snapshot on the way."""
    while True:
        event = process.next_event()
        if isinstance(event, (m.Snapshot, cm.ComparisonSnapshot)):
            process.send(m.SnapshotTaken(event.run_id))
        if predicate(event):
            return event


def test_fork_and_set_run_lr_through_the_process():
    process = Process()
    try:
        design = Design().with_training(epochs=50)
        process.send(m.Start(1, design, paused=True, compiled=False))
        until(process, lambda e: isinstance(e, m.Snapshot) and e.state == "paused")
        process.send(m.Step(1, 30))
        at = until(process, lambda e: isinstance(e, m.Snapshot) and e.step == 30)
        process.send(cm.Fork(1, 2, comparison({}, {"optimizer.lr": 0.01}, base=design), paused=True))
        ready = until(process, lambda e: isinstance(e, cm.ComparisonReady))
        assert ready.run_id == 2
        paused = until(process, lambda e: isinstance(e, cm.ComparisonSnapshot))
        assert [r.step for r in paused.runs] == [at.step] * 2 and paused.state == "paused"
        process.send(cm.SetRunLr(2, 0.5, index=1))
        process.send(m.Step(2, 1))
        stepped = until(process, lambda e: isinstance(e, cm.ComparisonSnapshot) and e.runs[0].step == 31)
        assert [r.lr for r in stepped.runs] == [design.optimizer.lr, 0.5]
        process.send(m.Resume(2))  # forked while it trains: from run 1, at the step it has reached
        until(process, lambda e: isinstance(e, cm.ComparisonSnapshot) and e.state == "running")
        fast = design.with_optimizer(lr=0.5)
        process.send(cm.Fork(2, 3, comparison({}, {"optimizer.name": "adam"}, base=fast), source=1, paused=True))
        before = until(process, lambda e: isinstance(e, cm.ComparisonSnapshot) and e.run_id == 2 and e.state == "stopped")
        forked = until(process, lambda e: isinstance(e, cm.ComparisonSnapshot) and e.run_id == 3)
        assert [r.step for r in forked.runs] == [before.runs[1].step] * 2 and forked.runs[0].lr == 0.5
    finally:
        quit_reading(process)


def test_a_diverging_run_reports_diverged_alone_with_its_losses_up_to_the_bad_step():
    from playground.design.io import load_design
    from playground.training.comparison_loop import ComparisonLoop
    from playground.training.run_loop import RunControl
    from tests.test_comparison_concepts import PRESETS

    base = load_design(PRESETS / "learning_rate_right.json").with_training(epochs=20)
    trainer = ComparisonTrainer(comparison({}, {"optimizer.lr": 1.0}, base=base))
    control, reports = RunControl(), []
    final = ComparisonLoop(trainer, control, lambda r: reports.append(r) or control.snapshot_taken(), run_id=7).run()
    assert final.state == "finished" and [r.state for r in final.runs] == ["finished", "diverged"]
    steady, diverged = ([s for r in reports for s in r.runs[i].steps.tolist()] for i in range(2))
    assert steady == list(range(200))
    bad = trainer.outcomes[1].error.step
    assert diverged == list(range(bad + 1)), "every loss up to the bad one, once"
    losses = np.concatenate([r.runs[1].losses for r in reports])
    assert np.isfinite(losses[:-1]).all() and not np.isfinite(losses[-1])
    assert final.runs[1].message_code == "diverged" and "learning rate" in final.runs[1].message
    assert final.runs[1].probe.verdict.code == "diverged" and final.runs[1].metrics is None
    assert final.runs[0].metrics.test_loss < 0.2, "the steady run trained on"


def test_runs_with_dropout_draw_their_own_masks_as_each_would_alone_and_a_fork_continues_them():
    base = Design(layers=(LinearLayer(units=8, activation="relu"), DropoutLayer(p=0.3),
                          LinearLayer(units=8, activation="relu")))
    together = ComparisonTrainer(comparison({}, {}, {"optimizer.lr": 0.1}, base=base))
    runs = together.train_steps(60).runs
    np.testing.assert_array_equal(runs[0][1], runs[1][1])  # the same masks, though stepped one after the other
    alone = Trainer(base)
    np.testing.assert_array_equal(runs[0][1], alone.train_steps(60).losses)
    state = together.run_state(1)
    fork = ComparisonTrainer(comparison({}, {"optimizer.lr": 0.01}, base=together.runs[1].design), state)
    np.testing.assert_array_equal(fork.train_steps(40).runs[0][1], together.train_steps(40).runs[1][1])
