"""A comparison's race: first step at the target per run, the table's rows, the headline."""

import numpy as np
import pytest

from playground.design.schema import DataSpec, Design
from playground.nn.probes import Metrics
from playground.runs.messages import Snapshot
from playground.runs.race import Race, Target, default_target


def report(step: int, test_loss: float, accuracy: float | None = None, state: str = "running") -> Snapshot:
    return Snapshot(run_id=1, seq=step, step=step, epoch=step // 25, batch_in_epoch=step % 25, state=state,
                    steps=np.zeros(0, np.int64), losses=np.zeros(0, np.float32),
                    metrics=Metrics(train_loss=test_loss, test_loss=test_loss, train_accuracy=accuracy,
                                    test_accuracy=accuracy),
                    probe=None, dashboard=None, lr=0.03, steps_per_second=0.0)


def race_of(runs: dict[str, list[tuple[int, float]]], target: Target) -> Race:
    race = Race(list(runs), target)
    for index, reports in enumerate(runs.values()):
        for step, loss in reports:
            race.add(index, report(step, loss))
    return race


def test_the_first_evaluation_at_the_target_gives_each_runs_step():
    race = race_of({"Adam": [(100, 0.5), (1240, 0.09), (2000, 0.2), (3000, 0.05)],
                    "SGD": [(100, 0.7), (9800, 0.3)]}, Target("test_loss", 0.10))
    rows = race.rows()
    assert [row.reached_at for row in rows] == [1240, None]  # the first, not the latest, and not a later dip
    assert [row.step for row in rows] == [3000, 9800]
    assert rows[0].test_loss == 0.05


def test_the_headline_names_the_winner_and_who_has_not_yet():
    race = race_of({"Adam": [(1240, 0.09)], "SGD": [(9800, 0.3)]}, Target("test_loss", 0.10))
    headline = race.headline()
    assert headline.text == "Adam reached test loss 0.1 at step 1,240; SGD has not yet (step 9,800)."
    assert headline.code == "race"
    assert headline.args[2] == (("reached", "Adam", 1240), ("not_yet", "SGD", 9800))


def test_runs_reaching_later_come_in_order_and_a_diverged_run_says_so():
    race = Race(["SGD", "Adam", "RMSProp", "lr 10"], Target("test_accuracy", 0.9))
    race.add(0, report(5000, 0.2, 0.91))
    race.add(1, report(800, 0.2, 0.95))
    race.add(2, report(2000, 0.2, 0.92))
    race.add(3, report(40, float("nan"), 0.5, state="diverged"))
    parts = race.headline().args[2]
    assert parts == (("reached", "Adam", 800), ("also", "RMSProp", 2000), ("also", "SGD", 5000),
                     ("diverged", "lr 10", 40))
    assert race.rows()[3].diverged and not race.rows()[0].diverged


def test_a_new_target_recomputes_every_runs_step_from_what_was_kept():
    race = race_of({"a": [(10, 0.5), (20, 0.2), (30, 0.05)], "b": [(10, 0.3), (20, 0.15)]}, Target("test_loss", 0.1))
    assert [row.reached_at for row in race.rows()] == [30, None]
    race.set_target(Target("test_loss", 0.25))
    assert [row.reached_at for row in race.rows()] == [20, 20]


def test_before_anyone_reaches_it_the_headline_says_so_with_the_furthest_step():
    race = race_of({"a": [(10, 0.5)], "b": [(1500, 0.4)]}, Target("test_loss", 0.1))
    headline = race.headline()
    assert headline.code == "none_yet" and headline.args == ("test_loss", 0.1, 1500)
    assert headline.text == "No run has reached test loss 0.1 yet (step 1,500)."


def test_a_loss_that_is_not_a_number_never_reaches_a_loss_target():
    assert not Target("test_loss", 0.1).reached(float("nan"), None)
    assert Target("test_accuracy", 0.9).reached(float("nan"), 0.9)


def test_default_targets_fit_the_task():
    assert default_target(Design()) == Target("test_accuracy", 0.9)
    regression = Design(data=DataSpec(dataset="sine"), loss="mse")
    assert default_target(regression) == Target("test_loss", 0.05)


@pytest.mark.parametrize("metric, value", [("train_loss", 0.1), ("test_loss", float("inf")),
                                           ("test_accuracy", 1.5), ("test_loss", -1.0)])
def test_a_target_that_cannot_be_met_is_refused_in_words(metric, value):
    with pytest.raises(ValueError, match="target|accuracy"):
        Target(metric, value)
