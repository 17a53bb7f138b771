"""The dashboards' budget in the run loop: running snapshots come only as often as their
work (probe step, evaluation, dashboard record, sending) can take at most 15% of the
loop's time, at most MAX_PERIOD (1.5 s) apart, and never more often than max_rate.

Time is fake (test_run_loop's FakeClock): steps take 1 ms, the dashboard work whatever
the test says, so the rule is checked with numbers and no test depends on the machine.
"""

from __future__ import annotations

import pytest
from test_run_loop import STEP_SECONDS, FakeClock, FakeTrainer

from playground.runs.messages import Dashboard, Snapshot
from playground.training.run_loop import DASHBOARD_SHARE, MAX_PERIOD, RunControl, RunLoop


class CostlyTrainer(FakeTrainer):
    """A fake trainer whose probe step, evaluation and dashboard record take fake time."""

    def __init__(self, clock: FakeClock, *, probe: float, evaluate: float, dashboard: float, **kwargs):
        super().__init__(clock, **kwargs)
        self.costs = {"probe": probe, "evaluate": evaluate, "dashboard": dashboard}
        self.sampled: dict[str, list[bool]] = {"evaluate": [], "dashboard": []}  # ``sampled`` of each call, in order
        self.probed_at: list[float] = []  # when each probed chunk began: when its snapshot was decided

    def train_steps(self, n: int, probe: bool = False):
        if probe:
            self.probed_at.append(self.clock.now)
        result = super().train_steps(n, probe)
        if probe:
            self.clock.advance(self.costs["probe"])
        return result

    def evaluate(self, sampled: bool = False) -> dict:
        self.sampled["evaluate"].append(sampled)
        self.clock.advance(self.costs["evaluate"])
        return super().evaluate(sampled)

    def dashboard(self, sampled: bool = False) -> Dashboard:
        self.sampled["dashboard"].append(sampled)
        self.clock.advance(self.costs["dashboard"])
        return super().dashboard(sampled)


def run(costs: dict, steps: int = 20_000, max_rate: float = 30.0) -> tuple[CostlyTrainer, list[tuple[float, Snapshot]], FakeClock]:
    """Train ``steps`` fake steps at full speed, every snapshot taken at once; (time sent, snapshot) each."""
    clock = FakeClock()
    control = RunControl()
    trainer = CostlyTrainer(clock, **costs, on_step=lambda step: step == steps and control.stop())
    sent: list[tuple[float, Snapshot]] = []

    def emit(snapshot: Snapshot) -> None:
        sent.append((clock.now, snapshot))
        control.snapshot_taken()

    RunLoop(trainer, control, emit, clock=clock, max_rate=max_rate, chunk_seconds=0.005).run()
    return trainer, sent, clock


@pytest.mark.parametrize("costs, period", [
    ({"probe": 0.005, "evaluate": 0.010, "dashboard": 0.015}, 0.2),  # 30 ms: 30 / 0.15 = 200 ms apart
    ({"probe": 0.05, "evaluate": 0.15, "dashboard": 0.2}, MAX_PERIOD),  # 400 ms: the share alone would say 2.7 s
])
def test_running_snapshots_are_spaced_so_dashboards_take_at_most_their_share(costs, period):
    trainer, sent, clock = run(costs)
    running = [s for _, s in sent if s.state == "running"]
    assert len(trainer.probed_at) == len(running) >= 10
    gaps = [b - a for a, b in zip(trainer.probed_at[1:], trainer.probed_at[2:])]  # after the first, measured one
    chunk = 0.005 + costs["probe"]  # decisions fall at chunk starts: a gap overshoots by at most one chunk
    assert min(gaps) >= period - 1e-9
    assert max(gaps) <= period + chunk + 1e-9
    cost = sum(costs.values())
    work = cost * len(running) + costs["evaluate"] + costs["dashboard"]  # and the final snapshot's
    assert trainer.step * STEP_SECONDS + work == pytest.approx(clock.now)  # nothing else took fake time
    span = trainer.probed_at[-1] - trainer.probed_at[0]  # from the first snapshot's decision to the last's
    share = cost * (len(running) - 1) / span  # the dashboards' share of the loop's time
    if period < MAX_PERIOD:  # within its budget: the dashboards take at most 15%, training the rest
        assert share <= DASHBOARD_SHARE + 1e-9  # training takes at least the other 85%
    else:  # over it: still a snapshot every MAX_PERIOD, the dashboards' share is what one costs in it
        assert cost / (MAX_PERIOD + chunk) <= share <= cost / MAX_PERIOD


def test_a_max_rate_slower_than_once_a_second_is_kept():
    """The budget never sends running snapshots more often than max_rate asks (a guard of the rule's order)."""
    trainer, _, _ = run({"probe": 0.05, "evaluate": 0.15, "dashboard": 0.2}, max_rate=0.5)
    times = trainer.probed_at
    assert len(times) >= 5
    assert min(b - a for a, b in zip(times, times[1:])) >= 2.0 - 1e-9  # 1 / max_rate, above MAX_PERIOD


def test_running_snapshots_use_a_sample_of_large_sets_the_final_one_every_point():
    trainer, sent, _ = run({"probe": 0.001, "evaluate": 0.001, "dashboard": 0.001}, steps=2_000)
    assert sent[-1][1].state == "stopped"
    assert len(sent) >= 10
    for calls in trainer.sampled.values():  # one evaluation and one dashboard record per snapshot
        assert calls == [True] * (len(sent) - 1) + [False]
