"""The headless reference solver, ``nn-playground lesson check``, and every shipped lesson."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from playground.cli import main
from playground.design.comparison import Comparison, Variant
from playground.design.io import comparison_to_json, design_to_json
from playground.design.schema import Design
from playground.lessons.io import lesson_from_json, lesson_paths, load_lesson
from playground.lessons.solve import run_start, solve

FIXTURES = Path(__file__).parent / "lessons"


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


def text(en: str) -> dict:
    return {"en": en, "ko": en}


def test_watching_the_start_meets_a_goal_that_needs_no_change():
    lesson = load_lesson(FIXTURES / "watch_circle.json")
    met = run_start(lesson).met["accurate"]
    assert 0 < met.step < 3000 and met.run == 0
    assert solve(lesson).met["accurate"] == met  # no changes: the solution is the start
    short = fixture("watch_circle")
    short["solution"]["steps"] = 40  # far too few steps to reach 90% test accuracy
    assert solve(lesson_from_json(json.dumps(short))).met == {}


def test_a_learning_rate_too_small_needs_the_change_the_solution_makes():
    lesson = load_lesson(FIXTURES / "raise_rate.json")
    assert run_start(lesson).met == {}  # lr 0.0001: the loss does not fall to a third in 800 steps
    met = solve(lesson).met["falls"]  # lr 0.1
    assert 0 < met.step <= 800


def test_a_sequence_meets_a_goal_after_the_one_before_in_a_later_run():
    line = Design().with_data(dataset="line", samples=100, noise=0.1).with_(loss="mse").with_optimizer(lr=0.03)
    document = fixture("watch_circle")
    document["start"] = json.loads(design_to_json(line))
    document["goals"] = [
        {"id": "diverges", "text": text("diverges"), "when": {"metric": "diverged", "op": "==", "value": 1},
         "needs_change": True},
        {"id": "fits", "text": text("fits"), "when": {"metric": "fit_distance", "op": "<=", "value": 0.1},
         "needs_change": False, "after": "diverges"}]
    document["solution"] = {"sequence": [{"changes": {"optimizer.lr": 10}, "steps": 100},
                                         {"changes": {}, "steps": 2000}]}
    lesson = lesson_from_json(json.dumps(document))
    met = solve(lesson).met
    assert met["diverges"].run == 0 and met["diverges"].step <= 100
    assert met["fits"].run == 1 and 0 < met["fits"].step <= 2000
    assert run_start(lesson).met == {}  # lr 0.03 never diverges, so "fits" is never checked


def test_a_comparison_start_is_solved_run_by_run():
    slow = Design().with_data(samples=200).with_optimizer(lr=0.0001)
    comparison = Comparison(slow, (Variant(name="slow"), Variant(name="fast", changes={"optimizer.lr": 0.1})))
    document = fixture("raise_rate")
    document["start"] = json.loads(comparison_to_json(comparison))
    document["goals"][0]["when"] = {"all": [{"metric": "loss_ratio", "op": ">=", "value": 3, "run": 1},
                                            {"metric": "loss_ratio", "op": "<", "value": 1.5, "run": 0}]}
    document["goals"][0]["needs_change"] = False
    document["solution"] = {"changes": {}, "steps": 800}
    met = solve(lesson_from_json(json.dumps(document))).met["falls"]
    assert 0 < met.step <= 800


def write(tmp_path: Path, document: dict) -> Path:
    path = tmp_path / "lesson.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_lesson_check_exit_codes(tmp_path, capsys):
    assert main(["lesson", "check", str(FIXTURES / "raise_rate.json")]) == 0
    assert "raise_rate: a valid lesson" in capsys.readouterr().out
    assert main(["lesson", "check", str(FIXTURES / "raise_rate.json"), "--solve"]) == 0
    assert "falls: met at step" in capsys.readouterr().out
    unsolved = fixture("raise_rate")
    unsolved["solution"]["changes"] = {}
    assert main(["lesson", "check", str(write(tmp_path, unsolved)), "--solve"]) == 1
    assert "falls: not met" in capsys.readouterr().out
    broken = fixture("raise_rate")
    broken["version"] = 9
    broken["goals"][0]["when"]["metric"] = "tset_loss"
    assert main(["lesson", "check", str(write(tmp_path, broken)), "--solve"]) == 2
    err = capsys.readouterr().err
    assert "version: this lesson was written for a newer NN Playground" in err
    broken["version"] = 1
    assert main(["lesson", "check", str(write(tmp_path, broken))]) == 2
    assert "goals[0].when.metric: unknown metric 'tset_loss'" in capsys.readouterr().err
    assert main(["lesson", "check", str(tmp_path / "missing.json")]) == 2


@pytest.mark.parametrize("path", lesson_paths(), ids=lambda path: path.stem)
def test_every_shipped_lesson_is_solved_and_its_start_needs_the_change(path):
    lesson = load_lesson(path)
    met = solve(lesson).met
    assert [goal.id for goal in lesson.goals if goal.id not in met] == []
    needing = [goal.id for goal in lesson.goals if goal.needs_change]
    if needing:
        assert [goal for goal in needing if goal in run_start(lesson).met] == []
