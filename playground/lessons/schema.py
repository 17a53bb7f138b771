"""The lesson file model (format version 1; see LESSONS.md): validated strictly, every
problem named by its field path (``goals[1].when.all[0].metric: unknown metric 'tset_loss'``).

The plain fields are pydantic models (unknown keys refused, strict types); a goal's
``when`` is parsed by playground.lessons.conditions (which holds the conditions' own
limits), so that each problem is named by its path inside the condition; ``start`` is
loaded by playground.design.io as a design file's JSON object (a design, or a
comparison with ``variants``); ``solution`` changes are a variant's changes, checked
by playground.design.comparison. Every other limit of the format is a constant below.
When the plain fields fail, the start and the conditions are still checked, so that
every problem is named at once.

Decisions the spec left open: ``order`` is 0-999 (the file name's three digits); a
solution's ``sequence`` has at most MAX_SEQUENCE runs; for a comparison, solution
changes apply to every run after the run's own changes (the same path: the
solution's value wins).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import Field, ValidationError, create_model

from playground.design.comparison import Comparison, Variant, check_comparison, variant_design
from playground.design.io import document_from_json
from playground.design.course import STAGES
from playground.design.schema import Design, StrictModel, check_design, problems_from_validation
from playground.errors import DesignError, Problem, excerpt
from playground.lessons.conditions import Condition, parse_condition
from playground.training.run_loop import SPEEDS

FORMAT = "nn-playground-lesson"
VERSION = 1
MAX_TEXT, MAX_TITLE, MAX_GOAL_TEXT, MAX_CHOICE = 2000, 80, 200, 120  # characters
MIN_CHOICES, MAX_CHOICES = 2, 5
MIN_GOALS, MAX_GOALS = 1, 3
MAX_HINTS, MAX_HINT_SECONDS = 4, 3600
MAX_ORDER = 999
MAX_SOLUTION_STEPS = 200_000
MAX_SEQUENCE = 6  # runs of a solution's sequence
ID_PATTERN = r"^[a-z0-9_]{1,40}$"
PACES = tuple(speed for speed in SPEEDS if speed is not None)

_TITLE = "This is not a valid NN Playground lesson:"


def _text(name: str, limit: int) -> type[StrictModel]:
    """A model of a text in both languages of the interface, each 1 to ``limit`` characters."""
    text = (str, Field(min_length=1, max_length=limit))
    return create_model(name, __base__=StrictModel, en=text, ko=text)


Text = _text("Text", MAX_TEXT)
Title = _text("Title", MAX_TITLE)
GoalText = _text("GoalText", MAX_GOAL_TEXT)
ChoiceText = _text("ChoiceText", MAX_CHOICE)


class Question(StrictModel):
    """Asked before training, its answer revealed after."""
    prompt: Text
    choices: tuple[ChoiceText, ...] = Field(min_length=MIN_CHOICES, max_length=MAX_CHOICES)
    answer: int = Field(ge=0, lt=MAX_CHOICES)
    explanation: Text


class Hint(StrictModel):
    after_seconds: int = Field(ge=0, le=MAX_HINT_SECONDS)
    """0: shown only on request."""
    text: Text


class SolutionRun(StrictModel):
    """A fresh run from the start with these variant changes, trained ``steps`` steps."""
    changes: dict[str, Any] = Field(default_factory=dict)
    steps: int = Field(ge=1, le=MAX_SOLUTION_STEPS)


class _SolutionFields(StrictModel):
    """One run (``changes``, ``steps``) or a ``sequence`` of runs."""
    changes: dict[str, Any] | None = None
    steps: int | None = Field(None, ge=1, le=MAX_SOLUTION_STEPS)
    sequence: tuple[SolutionRun, ...] | None = Field(None, min_length=1, max_length=MAX_SEQUENCE)


class _GoalFields(StrictModel):
    id: str = Field(pattern=ID_PATTERN)
    text: GoalText
    when: dict[str, Any]
    needs_change: bool
    after: str | None = None


class _LessonFields(StrictModel):
    id: str = Field(pattern=ID_PATTERN)
    stage: Literal[STAGES]  # type: ignore[valid-type]
    order: int = Field(ge=0, le=MAX_ORDER)
    title: Title
    text: Text
    pace: Literal[PACES]  # type: ignore[valid-type]
    start: dict[str, Any]
    question: Question
    goals: tuple[_GoalFields, ...] = Field(min_length=MIN_GOALS, max_length=MAX_GOALS)
    hints: tuple[Hint, ...] = Field(default=(), max_length=MAX_HINTS)
    solution: _SolutionFields


@dataclass(frozen=True)
class Goal:
    id: str
    text: GoalText
    when: Condition
    needs_change: bool
    after: str | None = None


@dataclass(frozen=True)
class Lesson:
    """A validated lesson. ``start`` is a Design or a Comparison; ``solution`` its
    reference runs (one, or the sequence), each a fresh run of the start with its changes."""
    id: str
    stage: str
    order: int
    title: Title
    text: Text
    pace: float
    start: Design | Comparison
    question: Question
    goals: tuple[Goal, ...]
    hints: tuple[Hint, ...]
    solution: tuple[SolutionRun, ...]

    @property
    def runs(self) -> int:
        """How many runs train side by side: a comparison's, else 1."""
        return len(self.start.variants) if isinstance(self.start, Comparison) else 1


def lesson_from_fields(fields: dict) -> Lesson:
    """A Lesson from a lesson file's fields (without ``format`` and ``version``).
    Raises DesignError listing every problem, each named by its field path."""
    try:
        raw = _LessonFields.model_validate_json(json.dumps(fields), strict=True)
    except ValidationError as error:
        raise invalid(_lesson_words(problems_from_validation(error)) + _raw_problems(fields)) from None
    problems: list[Problem] = []
    start = _start(raw.start, problems)
    runs = len(start.variants) if isinstance(start, Comparison) else 1
    solution = _solution(raw.solution, problems)
    if start is not None:
        for i, run in enumerate(solution):
            where = f"solution.sequence[{i}].changes" if raw.solution.sequence else "solution.changes"
            problems += changes_problems(start, run.changes, where)
    if raw.question.answer >= len(raw.question.choices):
        problems.append(Problem("question.answer", f"must be an index into the {len(raw.question.choices)} choices "
                                                   f"(0 to {len(raw.question.choices) - 1})", "lesson_answer_range",
                                (len(raw.question.choices), len(raw.question.choices) - 1)))
    goals, seen = [], set()
    base = start.base if isinstance(start, Comparison) else start
    for i, goal in enumerate(raw.goals):
        where = f"goals[{i}]"
        if goal.id in seen:
            problems.append(Problem(f"{where}.id", f"'{goal.id}' names an earlier goal too", "lesson_goal_twice",
                                    (goal.id,)))
        if goal.after is not None and goal.after not in seen:
            problems.append(Problem(f"{where}.after", f"'{excerpt(goal.after)}' is not an earlier goal of this "
                                                      "lesson", "lesson_after_unknown", (excerpt(goal.after),)))
        seen.add(goal.id)
        when = parse_condition(goal.when, f"{where}.when", base, runs, problems)
        goals.append(Goal(goal.id, goal.text, when, goal.needs_change, goal.after))
    if problems:
        raise invalid(problems)
    return Lesson(raw.id, raw.stage, raw.order, raw.title, raw.text, raw.pace, start, raw.question, tuple(goals),
                  raw.hints, tuple(solution))


def _lesson_words(problems: list[Problem]) -> list[Problem]:
    """The design schema's problems worded for a lesson's own fields."""
    return [Problem(p.field, "unknown field (not part of a lesson)", "lesson_unknown_field", p.args)
            if p.code == "pydantic.extra_forbidden" else p for p in problems]


def _raw_problems(fields: dict) -> list[Problem]:
    """The problems of the start and of the goals' conditions of fields that failed
    validation elsewhere, so that every problem is named at once."""
    problems: list[Problem] = []
    start = _start(fields["start"], problems) if isinstance(fields.get("start"), dict) else None
    base = start.base if isinstance(start, Comparison) else start
    runs = len(start.variants) if isinstance(start, Comparison) else 1
    goals = fields.get("goals")
    for i, goal in enumerate(goals if isinstance(goals, list) else []):
        if isinstance(goal, dict) and isinstance(goal.get("when"), dict):
            parse_condition(goal["when"], f"goals[{i}].when", base, runs, problems)
    return problems


def _solution(fields: _SolutionFields, problems: list[Problem]) -> tuple[SolutionRun, ...]:
    if fields.sequence is not None:
        if fields.changes is not None or fields.steps is not None:
            problems.append(Problem("solution", "has either \"changes\" and \"steps\" or a \"sequence\", not both",
                                    "lesson_solution_both"))
        return fields.sequence
    if fields.steps is None:
        problems.append(Problem("solution.steps", "required field is missing", "pydantic.missing", (None, None)))
        return ()
    return (SolutionRun(changes=fields.changes or {}, steps=fields.steps),)


def invalid(problems: list[Problem]) -> DesignError:
    return DesignError(problems, title=_TITLE, title_code="lesson_invalid")


def _start(fields: dict, problems: list[Problem]) -> Design | Comparison | None:
    """The start loaded as design files are (playground.design.io); its problems named ``start.<field>``."""
    try:
        return document_from_json(json.dumps(fields))
    except DesignError as error:
        problems += [_prefixed("start", p) for p in error.problems]
        return None


def _prefixed(prefix: str, problem: Problem) -> Problem:
    field = f"{prefix}.{problem.field}" if problem.field else prefix
    return Problem(field, problem.message, problem.code, problem.args)


def changes_problems(start: Design | Comparison, changes: dict, where: str) -> list[Problem]:
    """The problems of ``changes`` as a variant's changes applied to the start (for a
    comparison, to every run), named ``where.<path>``; and the cross-field problems of
    the result (a loss that does not fit the data...), named ``where``."""
    try:
        changed = apply_changes(start, changes)
    except DesignError as error:
        return _renamed(error.problems, changes, where)
    found = check_comparison(changed) if isinstance(changed, Comparison) else check_design(changed)
    return [_prefixed(where, p) for p in found]


def apply_changes(start: Design | Comparison, changes: dict) -> Design | Comparison:
    """The start with a variant's ``changes`` (to the base design, or to every run of a
    comparison, after the run's own). Raises DesignError naming each problem."""
    if not changes:
        return start
    if isinstance(start, Comparison):
        return Comparison(start.base, tuple(Variant(name=v.name, changes={**v.changes, **changes})
                                            for v in start.variants))
    design, problems = variant_design(start, changes, "changes")
    if problems:
        raise DesignError(problems)
    return design


def _renamed(problems: list[Problem], changes: dict, where: str) -> list[Problem]:
    """Problems named ``changes.<key>`` or ``variants[i].<key>`` renamed ``where.<key>``, once each."""
    out = []
    for problem in problems:
        key = re.sub(r"^(changes|variants\[\d+\])\.", "", problem.field)
        renamed = _prefixed(where, Problem(key if key in changes else "", problem.message, problem.code, problem.args))
        if renamed not in out:
            out.append(renamed)
    return out

