"""The training loop: throttled snapshots, no lost losses, pause/step/stop, failures.

Time is fake: the fake trainer advances the clock by 1 ms per step, so rates and
speed limits are checked in fake seconds and no test depends on the machine's speed.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from playground.errors import PlaygroundError
from playground.runs.messages import Dashboard, Snapshot
from playground.training.run_loop import RunControl, RunLoop

STEP_SECONDS = 0.001


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class FakeDiverged(PlaygroundError):
    def __init__(self, losses: np.ndarray, step: int, epoch: int):
        super().__init__(f"The loss became infinite at step {step}. Try a smaller learning rate.")
        self.losses, self.step, self.epoch = losses, step, epoch


@dataclass
class FakeResult:
    losses: np.ndarray
    probe: Any


class FakeTrainer:
    """Loss 1/(step+1); can diverge or fail at a given step; ``on_step(step)`` is a test hook.

    With ``call_steps`` it has a compiled step of that many steps per call, ready from the
    start, that can run anywhere in an epoch: ``compiled`` counts the steps it would run.
    """

    def __init__(self, clock: FakeClock, *, steps_per_epoch: int = 10, epochs: int = 10**9,
                 diverge_at: int | None = None, fail_at: int | None = None, on_step=None,
                 step_seconds: float = STEP_SECONDS, call_steps: int = 0):
        self.clock = clock
        self.step_seconds, self.call_steps, self.compiled = step_seconds, call_steps, 0
        self.steps_per_epoch, self.epochs = steps_per_epoch, epochs
        self.diverge_at, self.fail_at, self.on_step = diverge_at, fail_at, on_step
        self.step = self.epoch = self.batch_in_epoch = 0
        self.lr = 0.1
        self.calls: list[tuple[int, bool]] = []  # (n, probe) per train_steps call
        self.evaluations = 0
        self.lr_changes: list[tuple[int, float]] = []  # (step, lr)
        self.grid = np.zeros((4, 4), np.float32)  # a buffer the trainer keeps writing

    @property
    def finished(self) -> bool:
        return self.epoch >= self.epochs

    def round_chunk(self, n: int, probe: bool = False) -> int:
        if not self.call_steps:
            return n
        calls = max(1, -(-(n - probe) // self.call_steps))  # at least one whole call, then the probe
        return calls * self.call_steps + probe

    def train_steps(self, n: int, probe: bool = False) -> FakeResult:
        self.calls.append((n, probe))
        if self.call_steps:
            self.compiled += (n - probe) // self.call_steps * self.call_steps
        losses = []
        for _ in range(n):
            if self.finished:
                break
            if self.step == self.fail_at:
                raise RuntimeError("boom")
            if self.step == self.diverge_at:
                losses.append(np.inf)
                raise FakeDiverged(np.array(losses, np.float32), self.step, self.epoch)
            losses.append(1.0 / (self.step + 1))
            self.step += 1
            self.batch_in_epoch += 1
            if self.batch_in_epoch == self.steps_per_epoch:
                self.epoch, self.batch_in_epoch = self.epoch + 1, 0
            self.clock.advance(self.step_seconds)
            self.grid[:] = self.step
            if self.on_step:
                self.on_step(self.step)
        return FakeResult(np.array(losses, np.float32), {"step": self.step} if probe else None)

    def evaluate(self, sampled: bool = False) -> dict:
        self.evaluations += 1
        return {"train_loss": 1.0 / (self.step + 1)}

    def set_lr(self, lr: float) -> None:
        self.lr_changes.append((self.step, lr))
        self.lr = lr

    def dashboard(self, sampled: bool = False) -> Dashboard:
        return Dashboard(boundary=self.grid.copy())  # fresh, as TrainerLike asks


def all_steps(snapshots: list[Snapshot]) -> tuple[np.ndarray, np.ndarray]:
    return (np.concatenate([s.steps for s in snapshots]),
            np.concatenate([s.losses for s in snapshots]))


def assert_every_loss_once(snapshots: list[Snapshot], last_step: int) -> None:
    steps, losses = all_steps(snapshots)
    np.testing.assert_array_equal(steps, np.arange(last_step))
    np.testing.assert_allclose(losses, 1.0 / (steps + 1), rtol=1e-6)


def run_in_test_thread(trainer_kwargs: dict, *, stop_at: int | None = None, take: bool = True,
                       control: RunControl | None = None, **loop_kwargs):
    """Run a loop to its end in this thread; the consumer takes every snapshot at once."""
    clock = FakeClock()
    control = control or RunControl()
    hook = trainer_kwargs.pop("on_step", None)

    def on_step(step: int) -> None:
        if hook:
            hook(step, control)
        if step == stop_at:
            control.stop()

    trainer = FakeTrainer(clock, on_step=on_step, **trainer_kwargs)
    snapshots: list[Snapshot] = []

    def emit(snapshot: Snapshot) -> None:
        snapshots.append(snapshot)
        if take:
            control.snapshot_taken()

    final = RunLoop(trainer, control, emit, clock=clock, **loop_kwargs).run()
    assert final is snapshots[-1]
    return trainer, snapshots, clock


class ThreadedRun:
    """A loop in its own thread, with a queue-fed consumer that takes each snapshot it reads."""

    def __init__(self, *, paused: bool, **trainer_kwargs):
        self.clock = FakeClock()
        self.control = RunControl(paused=paused)
        self.trainer = FakeTrainer(self.clock, **trainer_kwargs)
        self.snapshots: queue.Queue[Snapshot] = queue.Queue()
        self.loop = RunLoop(self.trainer, self.control, self.snapshots.put, clock=self.clock)
        self.seen: list[Snapshot] = []
        self.thread = threading.Thread(target=self.loop.run, daemon=True)
        self.thread.start()

    def wait_for(self, predicate, timeout: float = 10.0) -> Snapshot:
        while True:
            snapshot = self.snapshots.get(timeout=timeout)
            self.control.snapshot_taken()
            self.seen.append(snapshot)
            if predicate(snapshot):
                return snapshot

    def finish(self) -> None:
        self.control.stop()
        self.thread.join(timeout=10)
        assert not self.thread.is_alive()


@pytest.fixture
def threaded():
    runs: list[ThreadedRun] = []

    def start(**kwargs) -> ThreadedRun:
        runs.append(ThreadedRun(**kwargs))
        return runs[-1]

    yield start
    for run in runs:  # never leave a thread behind, even when a test fails
        run.control.stop()
        run.thread.join(timeout=10)


def test_snapshots_are_throttled_to_max_rate():
    trainer, snapshots, clock = run_in_test_thread({}, stop_at=10_000)
    assert clock.now == pytest.approx(10.0, abs=0.01)
    assert 200 <= len(snapshots) <= 30 * 10 + 2
    assert [s.seq for s in snapshots] == list(range(len(snapshots)))
    assert snapshots[-1].state == "stopped"
    assert_every_loss_once(snapshots, trainer.step)


def test_chunks_grow_to_fill_chunk_seconds():
    trainer, _, _ = run_in_test_thread({}, stop_at=2_000, chunk_seconds=0.005)
    sizes = [n for n, _ in trainer.calls]
    assert sizes[:4] == [1, 2, 4, 5]
    assert max(sizes) == 5


def test_chunks_round_up_to_a_compiled_call_when_steps_are_slow():
    """At 2 ms a step a chunk of 5 ms is 2 steps, too few for a compiled call of 10 plus the
    probe: 0 steps ran compiled. Rounded up, every chunk holds at least one call."""
    trainer, snapshots, _ = run_in_test_thread({"step_seconds": 0.002, "call_steps": 10}, stop_at=2_000)
    assert all(n >= 10 + probe for n, probe in trainer.calls[1:])  # the first chunk measures the step time
    assert trainer.compiled >= 0.9 * trainer.step
    assert_every_loss_once(snapshots, trainer.step)


def test_no_rounding_when_a_compiled_call_would_keep_the_controls_waiting():
    trainer, _, _ = run_in_test_thread({"step_seconds": 0.05, "call_steps": 10}, stop_at=100)
    assert {n for n, _ in trainer.calls} == {1}  # 11 steps would take 0.55 s
    assert trainer.compiled == 0


@pytest.mark.parametrize("speed", [30.0, 300.0])
def test_speed_limits_hold_and_slow_ones_are_not_rounded_up_into_bursts(speed):
    clock = FakeClock()
    control = RunControl()
    control.set_speed(speed)
    trainer = FakeTrainer(clock, call_steps=10, on_step=lambda s: s == 1_000 and control.stop())
    RunLoop(trainer, control, lambda snapshot: control.snapshot_taken(), clock=clock, sleep=clock.advance).run()
    assert speed * 0.9 <= trainer.step / clock.now <= speed * 1.02
    sizes = [n for n, _ in trainer.calls[1:]]
    if speed == 30:
        assert max(sizes) == 1  # 11 steps at 30 a second would be a burst of 0.37 s
    else:
        assert min(sizes) >= 10 and trainer.compiled >= 0.9 * trainer.step  # 11 steps: 37 ms


def test_step_requests_train_exactly_what_was_asked_with_a_compiled_step(threaded):
    run = threaded(paused=True, steps_per_epoch=25, step_seconds=0.002, call_steps=10)
    run.wait_for(lambda s: s.state == "paused")
    run.control.step_batches(3)
    assert run.wait_for(lambda s: s.state == "paused").step == 3
    run.control.step_epoch()
    assert run.wait_for(lambda s: s.state == "paused").step == 25
    run.control.step_batches(1)
    assert run.wait_for(lambda s: s.state == "paused").step == 26
    assert_every_loss_once(run.seen, 26)
    run.finish()


def test_no_snapshot_until_previous_taken_and_no_loss_lost():
    pending = {"untaken": False}
    control = RunControl()

    def consumer_takes_every_300_steps(step: int, control: RunControl) -> None:
        if step % 300 == 0:
            pending["untaken"] = False
            control.snapshot_taken()

    snapshots: list[Snapshot] = []
    clock = FakeClock()
    trainer = FakeTrainer(clock, on_step=lambda s: (consumer_takes_every_300_steps(s, control),
                                                  s == 3_000 and control.stop()))

    def emit(snapshot: Snapshot) -> None:
        if snapshot.state == "running":
            assert not pending["untaken"], "a snapshot was sent before the previous was taken"
        pending["untaken"] = True
        snapshots.append(snapshot)

    RunLoop(trainer, control, emit, clock=clock).run()
    assert 5 <= len(snapshots) <= 3_000 // 300 + 2
    assert snapshots[-1].state == "stopped"  # the final one goes even though not taken
    assert_every_loss_once(snapshots, trainer.step)


def test_probe_only_before_emits_and_one_evaluation_per_snapshot():
    trainer, snapshots, _ = run_in_test_thread({}, stop_at=3_000)
    running = [s for s in snapshots if s.state == "running"]
    probed = [n for n, probe in trainer.calls if probe]
    assert len(probed) == len(running) >= 10
    assert len(trainer.calls) > 5 * len(probed)
    assert trainer.evaluations == len(snapshots)
    for snapshot in running:  # the probe comes from the chunk just before the snapshot
        assert snapshot.probe == {"step": snapshot.step}
        assert snapshot.metrics == {"train_loss": 1.0 / (snapshot.step + 1)}


def test_epoch_limit_ends_finished():
    trainer, snapshots, _ = run_in_test_thread({"steps_per_epoch": 10, "epochs": 3})
    final = snapshots[-1]
    assert (final.state, final.step, final.epoch, final.batch_in_epoch) == ("finished", 30, 3, 0)
    assert_every_loss_once(snapshots, 30)


def test_divergence_ends_diverged_with_losses_up_to_it():
    trainer, snapshots, _ = run_in_test_thread({"diverge_at": 457})
    final = snapshots[-1]
    assert final.state == "diverged"
    assert "smaller learning rate" in final.message
    steps, losses = all_steps(snapshots)
    np.testing.assert_array_equal(steps, np.arange(458))
    assert np.isinf(losses[-1]) and np.all(np.isfinite(losses[:-1]))


def test_trainer_exception_ends_in_error_state_without_raising():
    trainer, snapshots, _ = run_in_test_thread({"fail_at": 42})
    final = snapshots[-1]
    assert final.state == "error"
    assert final.message == "RuntimeError: boom"
    assert "Traceback" in final.details and "boom" in final.details
    assert final.step == 42


def test_set_lr_applies_live_without_reset():
    def change_lr_at_50(step: int, control: RunControl) -> None:
        if step == 50:
            control.set_lr(0.5)

    trainer, snapshots, _ = run_in_test_thread({"on_step": change_lr_at_50}, stop_at=500)
    assert trainer.lr == 0.5
    assert len(trainer.lr_changes) == 1 and 50 <= trainer.lr_changes[0][0] < 60
    assert snapshots[0].lr == 0.1 and snapshots[-1].lr == 0.5
    assert_every_loss_once(snapshots, trainer.step)  # steps went on from where they were


def test_submitted_commands_run_in_order_on_the_loop_thread():
    seen: list[tuple[str, int]] = []

    def submit_two(step: int, control: RunControl) -> None:
        if step == 20:
            control.submit(lambda t: seen.append(("first", t.step)))
            control.submit(lambda t: seen.append(("second", t.step)))

    run_in_test_thread({"on_step": submit_two}, stop_at=100)
    assert [name for name, _ in seen] == ["first", "second"]
    assert seen[0][1] == seen[1][1] >= 20


def test_snapshot_arrays_are_fresh_copies():
    trainer, snapshots, _ = run_in_test_thread({}, stop_at=500)
    a, b = snapshots[1], snapshots[2]
    before = b.losses.copy()
    a.losses[:] = 0
    np.testing.assert_array_equal(b.losses, before)
    assert a.dashboard.boundary[0, 0] == a.step  # the record of that moment, not overwritten by later steps
    assert not np.shares_memory(a.losses, b.losses)


def test_speed_limit_holds_steps_per_second_in_fake_time():
    clock = FakeClock()
    control = RunControl()
    control.set_speed(200.0)
    trainer = FakeTrainer(clock, on_step=lambda s: s == 1_000 and control.stop())
    snapshots: list[Snapshot] = []

    def emit(snapshot: Snapshot) -> None:
        snapshots.append(snapshot)
        control.snapshot_taken()

    RunLoop(trainer, control, emit, clock=clock, sleep=clock.advance).run()
    assert 200 * 0.9 <= trainer.step / clock.now <= 200 * 1.02
    late = [s.steps_per_second for s in snapshots if s.state == "running"][-5:]
    assert all(180 <= rate <= 205 for rate in late)


def test_full_speed_reports_measured_steps_per_second():
    _, snapshots, _ = run_in_test_thread({}, stop_at=3_000)
    late = [s.steps_per_second for s in snapshots if s.state == "running"][-5:]
    assert all(rate == pytest.approx(1 / STEP_SECONDS, rel=0.05) for rate in late)


def test_pause_holds_steps_and_resume_continues(threaded):
    run = threaded(paused=False)
    run.wait_for(lambda s: s.step > 100)
    run.control.pause()
    paused = run.wait_for(lambda s: s.state == "paused")
    assert paused.steps_per_second == 0.0
    step = run.trainer.step
    assert paused.step == step
    time.sleep(0.05)  # give a runaway loop the chance to step
    assert run.trainer.step == step
    assert run.snapshots.empty()
    run.control.resume()
    run.wait_for(lambda s: s.state == "running" and s.step > step)
    run.finish()


def test_a_resume_undone_by_a_pause_before_the_loop_woke_is_answered_with_a_paused_snapshot(threaded):
    """Train then pause at once (Space twice, a busy machine): the window shows "running" from the
    click, so the loop must say it is paused even when it never trained in between."""
    run = threaded(paused=True)
    run.wait_for(lambda s: s.state == "paused")
    for _ in range(20):  # the loop usually sleeps through both requests: it wakes paused
        step = run.trainer.step
        run.control.resume()
        run.control.pause()
        paused = run.wait_for(lambda s: s.state == "paused")  # (before: no snapshot came, ever)
        assert paused.step >= step
    run.finish()


def test_step_batches_and_step_epoch_while_paused(threaded):
    run = threaded(paused=True, steps_per_epoch=10)
    first = run.wait_for(lambda s: True)
    assert (first.state, first.step) == ("paused", 0)
    run.control.step_batches(5)
    after_five = run.wait_for(lambda s: s.state == "paused")
    assert run.trainer.step == after_five.step == 5
    assert_every_loss_once(run.seen, 5)
    assert after_five.probe == {"step": 5}
    run.control.step_epoch()
    boundary = run.wait_for(lambda s: s.state == "paused")
    assert (boundary.step, boundary.epoch, boundary.batch_in_epoch) == (10, 1, 0)
    run.control.step_epoch()  # at a boundary: one full epoch
    boundary = run.wait_for(lambda s: s.state == "paused")
    assert (boundary.step, boundary.epoch, boundary.batch_in_epoch) == (20, 2, 0)
    assert run.control.paused
    assert_every_loss_once(run.seen, 20)
    run.finish()


def test_step_batches_while_running_pauses_then_steps(threaded):
    run = threaded(paused=False)
    run.wait_for(lambda s: s.step > 50)
    run.control.pause()
    paused = run.wait_for(lambda s: s.state == "paused")
    run.control.step_batches(3)
    stepped = run.wait_for(lambda s: s.state == "paused")
    assert stepped.step == paused.step + 3
    run.finish()


def test_stop_ends_run_promptly_with_final_snapshot(threaded):
    run = threaded(paused=False)
    run.wait_for(lambda s: s.step > 10)
    run.finish()
    states = []
    while not run.snapshots.empty():
        states.append(run.snapshots.get().state)
    assert states[-1] == "stopped"


def test_stop_wakes_a_paused_loop(threaded):
    run = threaded(paused=True)
    run.wait_for(lambda s: s.state == "paused")
    run.finish()
    assert run.snapshots.get(timeout=1).state == "stopped"


def test_stop_wakes_a_loop_waiting_on_a_slow_speed_limit(threaded):
    run = threaded(paused=False)
    run.control.set_speed(0.01)  # one step per 100 s: the loop sits in a real wait
    run.wait_for(lambda s: s.step >= 1)
    run.finish()


def test_bad_requests_are_refused():
    control = RunControl()
    with pytest.raises(ValueError):
        control.step_batches(0)
    with pytest.raises(ValueError):
        control.set_speed(0)
