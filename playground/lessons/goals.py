"""Evaluating a lesson's goals on observations of its runs, and remembering when each was met.

A condition is evaluated on the observations of the runs training side by side (one
for a single design, one per run of a comparison, in the comparison's order): a
metric or setting condition reads run ``run`` (an index), some run (``"any"``) or every
run (``"each"``); a metric with no value yet, or a run index with no observation,
makes it false, never an error.

``LessonProgress`` is fed observations as training goes and records each goal the
first time its condition holds: the step (the largest step among the observations),
and the caller's run number (the window counts fresh runs; the solver numbers the
runs of a solution's sequence). A goal with ``after`` is checked only once that
earlier goal is met; goals are checked in the lesson's order, so an earlier goal met
by the same observation counts.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass

from playground.lessons.metrics import RunObservation, metric_value, setting_value
from playground.lessons.conditions import Condition, Group, MetricCondition, SettingCondition
from playground.lessons.schema import Goal

_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
        "!=": operator.ne}


def holds(condition: Condition, observations: Sequence[RunObservation]) -> bool:
    """Whether ``condition`` holds for these runs' observations (a run's index into them)."""
    if isinstance(condition, Group):
        results = (holds(item, observations) for item in condition.items)
        return all(results) if condition.kind == "all" else any(results)
    if condition.run == "each" or condition.run == "any":
        runs = list(observations)
        if not runs:
            return False
        results = (_holds_for(condition, o) for o in runs)
        return all(results) if condition.run == "each" else any(results)
    return condition.run < len(observations) and _holds_for(condition, observations[condition.run])


def _holds_for(condition: MetricCondition | SettingCondition, observation: RunObservation) -> bool:
    if isinstance(condition, SettingCondition):
        value = setting_value(observation.design, condition.setting)
        return value is not None and _OPS[condition.op](value, condition.value)
    value = metric_value(condition.metric, observation, dict(condition.params))
    return value is not None and _OPS[condition.op](value, condition.value)


@dataclass(frozen=True)
class GoalMet:
    """Goal ``goal`` was first met at ``step`` of the caller's run number ``run``."""

    goal: str
    step: int
    run: int = 0


class LessonProgress:
    """Which goals of a lesson have been met, and when. Not thread-safe."""

    def __init__(self, goals: Sequence[Goal]):
        self.goals = tuple(goals)
        self.met: dict[str, GoalMet] = {}

    @property
    def done(self) -> bool:
        """Every goal has been met."""
        return len(self.met) == len(self.goals)

    def observe(self, observations: Sequence[RunObservation], run: int = 0) -> list[GoalMet]:
        """Check the goals not yet met against these observations (of all the runs
        training together); the goals met now, in the lesson's order."""
        step = max((o.step for o in observations), default=0)
        now = []
        for goal in self.goals:
            if goal.id in self.met or (goal.after is not None and goal.after not in self.met):
                continue
            if holds(goal.when, observations):
                self.met[goal.id] = GoalMet(goal.id, step, run)
                now.append(self.met[goal.id])
        return now
