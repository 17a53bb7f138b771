"""A goal's condition: parsed from a lesson file's ``when`` against the vocabulary
(playground.lessons.metrics for metrics, playground.design.comparison for the setting
paths a variant may change), each problem named by its path inside the condition.

Decisions the spec left open: a ``setting`` condition may name a ``run`` like a
metric's (default 0) and its value is checked as that variant change would be (a
misspelt activation is refused, not silently never equal); an ``all``/``any`` counts
as one level of nesting (at most MAX_DEPTH, the outermost included); a run index must
be one of the start's runs (0 for a single design).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal, Union

from playground.design.comparison import change_path_problem, variant_design
from playground.design.schema import Design
from playground.errors import Problem, excerpt
from playground.lessons.metrics import METRICS

MAX_ITEMS, MAX_DEPTH = 6, 3  # of an all/any; levels of all/any
OPS = ("<", "<=", ">", ">=", "==")
SETTING_OPS = ("==", "!=")
RUN_WORDS = ("any", "each")

Run = Union[int, Literal["any", "each"]]


@dataclass(frozen=True)
class MetricCondition:
    """``metric`` (with ``params``) of run ``run`` compared by ``op`` with ``value``."""
    metric: str
    op: str
    value: float
    run: Run = 0
    params: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class SettingCondition:
    """The design setting at ``setting`` (a variant change path) of run ``run``, == or != ``value``."""
    setting: str
    op: str
    value: Any
    run: Run = 0


@dataclass(frozen=True)
class Group:
    """``all`` (every item holds) or ``any`` (some item holds)."""
    kind: Literal["all", "any"]
    items: tuple["Condition", ...]


Condition = Union[MetricCondition, SettingCondition, Group]



def parse_condition(raw, where: str, base: Design | None, runs: int, problems: list[Problem],
                    depth: int = 1) -> Condition | None:
    """The condition ``raw`` (a parsed JSON value), or None with its problems appended,
    each named ``where.<path>``. ``base``: the start's base design (None: unknown, setting
    paths are then not checked); ``runs``: how many runs the start has."""
    if not isinstance(raw, dict):
        problems.append(Problem(where, "must be a condition: {\"metric\": ...}, {\"setting\": ...}, "
                                       "{\"all\": [...]} or {\"any\": [...]}", "lesson_condition_type"))
        return None
    kinds = [key for key in ("metric", "setting", "all", "any") if key in raw]
    if len(kinds) != 1:
        what, code = ("has none of", "lesson_condition_none") if not kinds else \
            ("has more than one of", "lesson_condition_several")
        problems.append(Problem(where, f"{what} \"metric\", \"setting\", \"all\", \"any\": a condition is one of them",
                                code))
        return None
    kind = kinds[0]
    if kind in ("all", "any"):
        return _group(raw, kind, where, base, runs, problems, depth)
    count = len(problems)
    allowed = {kind, "op", "value", "run"} | (set(METRICS[raw["metric"]].params) if kind == "metric" and
                                              isinstance(raw["metric"], str) and raw["metric"] in METRICS else set())
    problems += [_unknown_field(where, key) for key in raw if key not in allowed]
    run = _run(raw.get("run", 0), f"{where}.run", runs, problems)
    if kind == "metric":
        condition = _metric(raw, where, run, problems)
    else:
        condition = _setting(raw, where, base, run, problems)
    return condition if len(problems) == count else None


def _group(raw: dict, kind: str, where: str, base, runs: int, problems: list[Problem], depth: int) -> Group | None:
    count = len(problems)
    problems += [_unknown_field(where, key) for key in raw if key != kind]
    items = raw[kind]
    where = f"{where}.{kind}"
    if depth > MAX_DEPTH:
        problems.append(Problem(where, f"conditions nest at most {MAX_DEPTH} deep", "lesson_condition_depth",
                                (MAX_DEPTH,)))
        return None
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_ITEMS:
        problems.append(Problem(where, f"must be a list of 1 to {MAX_ITEMS} conditions", "lesson_condition_items",
                                (MAX_ITEMS,)))
        return None
    parsed = tuple(parse_condition(item, f"{where}[{i}]", base, runs, problems, depth + 1)
                   for i, item in enumerate(items))
    return Group(kind, parsed) if len(problems) == count else None


def _run(value, where: str, runs: int, problems: list[Problem]) -> Run:
    if value in RUN_WORDS:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < runs:
        return value
    shown = excerpt(repr(value))
    problems.append(Problem(where, f"must be a run's index (0 to {runs - 1}), \"any\" or \"each\" (got {shown})",
                            "lesson_run", (runs - 1, shown)))
    return 0


def _metric(raw: dict, where: str, run: Run, problems: list[Problem]) -> MetricCondition | None:
    name = raw["metric"]
    if not isinstance(name, str) or name not in METRICS:
        shown = excerpt(str(name))
        names = ", ".join(METRICS)
        problems.append(Problem(f"{where}.metric", f"unknown metric '{shown}' (choose from: {names})",
                                "lesson_unknown_metric", (shown, names)))
        return None
    op = _op(raw, where, OPS, problems)
    value = _number(raw, "value", where, problems)
    params = tuple((param, _number(raw, param, where, problems)) for param in METRICS[name].params)
    if op is None or value is None or any(v is None for _, v in params):
        return None
    return MetricCondition(name, op, value, run, params)


def _setting(raw: dict, where: str, base: Design | None, run: Run, problems: list[Problem]) -> SettingCondition | None:
    path = raw["setting"]
    if not isinstance(path, str):
        problems.append(Problem(f"{where}.setting", "must be a design setting's path, such as \"optimizer.name\"",
                                "lesson_setting_type"))
        return None
    found = change_path_problem(path, base, where) if base is not None else None
    if found is not None:
        problems.append(Problem(f"{where}.setting", f"'{excerpt(path)}' is not a setting a lesson may test: "
                                                    f"{found.message}", "lesson_setting_unknown",
                                (excerpt(path), found)))  # the setting's own problem, worded in its turn
    op = _op(raw, where, SETTING_OPS, problems)
    value = raw.get("value")
    if isinstance(value, (dict, list)) or value is None or (isinstance(value, float) and not math.isfinite(value)):
        problems.append(Problem(f"{where}.value", "must be a text, a number or true/false", "lesson_setting_value"))
        return None
    if found is None and base is not None:
        # A value the setting cannot take (a misspelt activation...) could never be equal.
        _, wrong = variant_design(base, {path: value}, where)
        problems += [Problem(f"{where}.value", p.message, p.code, p.args) for p in wrong]
        found = wrong[0] if wrong else None
    return None if found is not None or op is None else SettingCondition(path, op, value, run)


def _op(raw: dict, where: str, ops: tuple[str, ...], problems: list[Problem]) -> str | None:
    op = raw.get("op")
    if op in ops:
        return op
    choices = ", ".join(ops)
    if op is None:
        problems.append(Problem(f"{where}.op", f"missing: one of {choices}", "lesson_op_missing", (choices,)))
    else:
        shown = excerpt(str(op))
        problems.append(Problem(f"{where}.op", f"'{shown}' is not one of {choices}", "lesson_op_wrong",
                                (shown, choices)))
    return None


def _unknown_field(where: str, key) -> Problem:
    return Problem(f"{where}.{excerpt(key)}", "unknown field (not part of a condition)", "lesson_condition_field",
                   (None, None))


def _number(raw: dict, key: str, where: str, problems: list[Problem]) -> float | None:
    value = raw.get(key)
    if isinstance(value, (int, float)) and (isinstance(value, bool) or math.isfinite(value)):
        return float(value)
    if key not in raw:
        problems.append(Problem(f"{where}.{key}", "required field is missing", "pydantic.missing", (None, None)))
        return None
    shown = excerpt(repr(value))
    problems.append(Problem(f"{where}.{key}", f"must be a number (got {shown})", "lesson_number", (shown,)))
    return None
