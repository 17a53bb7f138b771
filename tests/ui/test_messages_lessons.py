"""A lesson file's problems reach a Korean author in Korean, and stay exact in English.

Deliberately bad lesson files (the fixture tests/lessons/raise_rate.json, spoiled in one
way per file) are loaded as the window loads them; every code the lesson format can
produce (playground.lessons.io, schema, conditions) must come out of them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from playground.errors import DesignFileError, Problem
from playground.lessons.io import load_lesson
from playground.ui.messages import LESSON_WORDINGS, error_title, problem_message, problem_text

FIXTURE = Path(__file__).parent.parent / "lessons" / "raise_rate.json"
STEP = {"metric": "step", "op": ">", "value": 1}


def spoil(document: dict, name: str) -> None:
    """``document`` spoiled as the case ``name`` says (each case one or more codes)."""
    goal = document["goals"][0]
    if name == "format_wrong":
        document["format"] = "nn-playground-design"
    elif name == "format_and_version_missing":
        del document["format"], document["version"]
    elif name == "version_not_int":
        document["version"] = "one"
    elif name == "version_newer":
        document["version"] = 2
    elif name == "fields":  # the plain fields, each out of its range or of the wrong type
        document.update(author="x", id="Bad Id!", stage="cooking", order=1000, pace=7, start=[1])
        document["title"]["ko"] = "가" * 81
        document["text"]["en"] = ""
        document["question"]["choices"] = [{"en": "a", "ko": "가"}]
        document["hints"] = [{"after_seconds": 3601, "text": "plain"}]
        goal.update(needs_change="yes", after=3)
        document["goals"] = []
        document["solution"]["steps"] = 0
    elif name == "goals":
        document["question"]["answer"] = 3
        document["goals"] = [goal, dict(goal, after="nothing")]
        document["solution"]["sequence"] = [{"changes": {}, "steps": 10}]
    elif name == "conditions":
        goal["when"] = {"all": [3, {}, {"metric": "step", "setting": "x"}, {"all": [{"any": [{"all": [STEP]}]}]},
                                {"any": []}, {"metric": "tset_loss", "op": "<", "value": 1}]}
        document["goals"].append(dict(goal, id="two", when={"any": [
            {"metric": "step", "op": "~", "value": "many", "run": 4}, {"metric": "step", "value": 1, "code": "x"},
            {"setting": 3, "op": "==", "value": 1}, {"setting": "data.seed", "op": "==", "value": 1},
            {"setting": "optimizer.colour", "op": "==", "value": 1},
            {"setting": "layers[5].units", "op": "==", "value": 1}]}))
        document["goals"].append(dict(goal, id="three", when={"any": [
            {"setting": "optimizer.name", "op": "==", "value": [1]},
            {"setting": "layers.activation", "op": "==", "value": "rleu"},
            {"metric": "steps_to_test_accuracy", "op": "<", "value": 5}]}))
    elif name == "solution":
        document["solution"]["changes"] = {"data.seed": 3, "optimizer.lr": "fast", "layers[5].units": 3}
    elif name == "sequence":
        document["solution"] = {"sequence": [{"changes": {"loss": "mse"}, "steps": 10}] * 7}
    elif name == "start":
        document["start"]["optimizer"]["lr"] = -1


CASES = ("format_wrong", "format_and_version_missing", "version_not_int", "version_newer", "fields", "goals",
         "conditions", "solution", "sequence", "start")


def lesson_errors(tmp_path) -> list[DesignFileError]:
    """The errors of loading each bad lesson file, and of a damaged one."""
    errors = []
    for name in CASES:
        document = json.loads(FIXTURE.read_text(encoding="utf-8"))
        spoil(document, name)
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        with pytest.raises(DesignFileError) as caught:
            load_lesson(path)
        errors.append(caught.value)
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"format": "nn-playground-lesson", "version": 1,', encoding="utf-8")
    with pytest.raises(DesignFileError) as caught:
        load_lesson(damaged)
    return errors + [caught.value]


def problems_of(errors) -> list[Problem]:
    return [p for error in errors for p in error.problems]


def test_every_lesson_code_comes_out_of_the_bad_files_worded_as_the_engine_words_it(tmp_path):
    errors = lesson_errors(tmp_path)
    problems = problems_of(errors)
    assert set(LESSON_WORDINGS) <= {p.code for p in problems}, set(LESSON_WORDINGS) - {p.code for p in problems}
    lesson_problems = [p for p in problems if p.code in LESSON_WORDINGS or p.code == "unknown_name"]
    assert [problem_message(p) for p in lesson_problems] == [p.message for p in lesson_problems]
    assert [error_title(e) for e in errors] == [e.title for e in errors]


def quoted(problem: Problem) -> list[str]:
    """What a problem's wording quotes from the file (its args, a quoted problem's too)."""
    out = []
    for arg in problem.args:
        if isinstance(arg, Problem):
            out += quoted(arg)
        elif isinstance(arg, (str, int, float)):  # (not an exception, whose text is the English message)
            out += [str(arg), repr(arg)]
    return out


# English a Korean wording may keep: the file's own words (format names, keys and values
# in quotes, JSON's true and false), the app's name and the JSON it is written in.
KEPT = re.compile(r"NN Playground|JSON|\"[^\"]*\"|'[^']*'|(?<![A-Za-z])(true|false)(?![A-Za-z])")


def test_every_lesson_file_problem_is_korean_in_korean(korean, tmp_path):
    errors = lesson_errors(tmp_path)
    problems = problems_of(errors)
    assert len({p.code for p in problems}) >= len(LESSON_WORDINGS) + 10  # and the design rules' own codes
    english = []
    for problem in problems:
        text = problem_text(problem)
        assert text.startswith(problem.field), text  # a field path is the file's, as it is written there
        rest = text.removeprefix(problem.field)
        for part in sorted(quoted(problem), key=len, reverse=True):
            rest = rest.replace(part, "")
        rest = KEPT.sub("", rest)
        if re.search(r"[A-Za-z]{3,}", rest):
            english.append((problem.code, text))
    assert not english, english
    assert all(re.search("[가-힣]", error_title(e)) for e in errors)
