"""Lesson files refused by field, and goal conditions evaluated on hand-made observations."""

from __future__ import annotations

import copy
import json
import math
import os
from pathlib import Path

import numpy as np
import pytest

from playground.design.comparison import Comparison, Variant
from playground.design.io import comparison_to_json
from playground.design.schema import BatchNormLayer, Design, LinearLayer
from playground.errors import DesignFileError
from playground.lessons.goals import LessonProgress, holds
from playground.lessons.io import MAX_FILE_BYTES, lesson_from_json, load_lesson
from playground.lessons.metrics import METRICS, RunObservation, evaluation_rows, metric_value, setting_value
from playground.runs.history import RunHistory
from playground.lessons.conditions import MetricCondition, parse_condition
from playground.lessons.schema import Goal
from playground.nn.probes import LayerGradient, ProbeReport, Verdict

FIXTURES = Path(__file__).parent / "lessons"


def fixture() -> dict:
    return json.loads((FIXTURES / "raise_rate.json").read_text(encoding="utf-8"))


def problems_of(document: dict) -> list[str]:
    with pytest.raises(DesignFileError) as caught:
        lesson_from_json(json.dumps(document))
    return [str(p) for p in caught.value.problems]


def test_the_fixture_lessons_load():
    lesson = load_lesson(FIXTURES / "raise_rate.json")
    assert (lesson.id, lesson.stage, lesson.pace, lesson.runs) == ("raise_rate", "learning_rate", 30, 1)
    assert lesson.start.optimizer.lr == 0.0001
    assert lesson.solution[0].changes == {"optimizer.lr": 0.1} and lesson.solution[0].steps == 800
    assert lesson.goals[0] == Goal("falls", lesson.goals[0].text, MetricCondition("loss_ratio", ">=", 3.0), True)


def test_a_newer_version_and_a_wrong_format_are_refused():
    document = fixture()
    document["version"] = 2
    newer = "version: this lesson was written for a newer NN Playground"
    assert any(p.startswith(newer) for p in problems_of(document))
    document = fixture()
    document["format"] = "nn-playground-design"
    assert problems_of(document)[0].startswith("format: ")


def test_a_corrupt_file_is_refused(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "nn-playground-lesson", "version": 1,', encoding="utf-8")
    with pytest.raises(DesignFileError) as caught:
        load_lesson(path)
    assert "broken.json" in caught.value.title
    assert "invalid JSON at line 1" in caught.value.text()


def test_an_unknown_metric_is_named_by_its_path():
    document = fixture()
    document["goals"][0]["when"] = {"all": [{"metric": "tset_loss", "op": "<", "value": 1}]}
    problems = problems_of(document)
    assert problems[0].startswith("goals[0].when.all[0].metric: unknown metric 'tset_loss'")


def test_every_out_of_range_value_is_named_at_once():
    document = fixture()
    document["pace"] = 7
    document["order"] = 1000
    document["solution"]["steps"] = 0
    document["hints"][0]["after_seconds"] = 3601
    document["title"]["ko"] = "가" * 81
    document["question"]["choices"] = [{"en": "a", "ko": "가"}]
    fields = {p.split(":")[0] for p in problems_of(document)}
    assert {"pace", "order", "solution.steps", "hints[0].after_seconds", "title.ko", "question.choices"} <= fields


def test_an_answer_outside_the_choices_and_a_goal_after_a_later_one_are_refused():
    document = fixture()
    document["question"]["answer"] = 2
    document["goals"][0]["after"] = "falls_later"
    fields = [p.split(":")[0] for p in problems_of(document)]
    assert fields == ["question.answer", "goals[0].after"]


def test_unknown_keys_are_refused_anywhere_all_at_once():
    document = fixture()
    document["author"] = "x"
    document["goals"][0]["when"] = {"any": [{"metric": "steps_to_test_loss", "below": 0.2, "op": "<", "value": 500,
                                             "code": "import os"}]}
    document["start"]["layers"][0]["colour"] = "red"
    assert problems_of(document) == ["author: unknown field (not part of a lesson)",
                                     "start.layers[0].colour: unknown field (not part of a design)",
                                     "goals[0].when.any[0].code: unknown field (not part of a condition)"]


def test_a_missing_metric_parameter_and_a_bad_run_are_named():
    document = fixture()
    document["goals"][0]["when"] = {"all": [{"metric": "steps_to_test_accuracy", "op": "<", "value": 500},
                                            {"metric": "step", "op": ">", "value": 1, "run": 1},
                                            {"metric": "step", "op": "~", "value": "many"}]}
    fields = [p.split(":")[0] for p in problems_of(document)]
    assert fields == ["goals[0].when.all[0].at_least", "goals[0].when.all[1].run", "goals[0].when.all[2].op",
                      "goals[0].when.all[2].value"]


def test_conditions_nest_at_most_three_deep_with_at_most_six_items():
    innermost = {"metric": "step", "op": ">", "value": 1}
    problems: list = []
    three = {"all": [{"any": [{"all": [innermost]}]}]}
    assert parse_condition(three, "when", Design(), 1, problems) is not None and problems == []
    parse_condition({"all": [three]}, "when", Design(), 1, problems)
    assert [p.field for p in problems] == ["when.all[0].all[0].any[0].all"]
    problems = []
    parse_condition({"any": [innermost] * 7}, "when", Design(), 1, problems)
    assert [p.field for p in problems] == ["when.any"]


def test_a_setting_path_outside_the_vocabulary_is_refused():
    document = fixture()
    document["goals"][0]["when"] = {"all": [{"setting": "data.seed", "op": "==", "value": 1},
                                            {"setting": "optimizer.colour", "op": "==", "value": 1},
                                            {"setting": "optimizer.name", "op": "<", "value": "adam"}]}
    fields = [p.split(":")[0] for p in problems_of(document)]
    assert fields == ["goals[0].when.all[0].setting", "goals[0].when.all[1].setting", "goals[0].when.all[2].op"]
    document["goals"][0]["when"] = {"any": [{"setting": "layers.activation", "op": "==", "value": "rleu"},
                                            {"setting": "optimizer.lr", "op": "!=", "value": "fast"}]}
    problems = problems_of(document)
    assert [p.split(":")[0] for p in problems] == ["goals[0].when.any[0].value", "goals[0].when.any[1].value"]
    assert "rleu" in problems[0]


def test_the_start_and_the_solution_are_checked_by_the_design_rules():
    document = fixture()
    document["start"]["optimizer"]["lr"] = -1
    document["solution"]["changes"] = {"optimizer.lr": 0.1}
    assert problems_of(document)[0].startswith("start.optimizer.lr: ")
    document = fixture()
    document["solution"]["changes"] = {"data.seed": 3, "optimizer.lr": "fast"}
    fields = [p.split(":")[0] for p in problems_of(document)]
    assert fields == ["solution.changes.data.seed", "solution.changes.optimizer.lr"]


def test_a_sequence_solution_is_checked_entry_by_entry():
    document = fixture()
    document["solution"] = {"sequence": [{"changes": {"optimizer.lr": 0.1}, "steps": 10},
                                         {"changes": {"layers[5].units": 3}, "steps": 10}]}
    assert [p.split(":")[0] for p in problems_of(document)] == ["solution.sequence[1].changes.layers[5].units"]


def test_not_a_regular_file_and_a_huge_file_are_refused(tmp_path):
    with pytest.raises(DesignFileError) as caught:
        load_lesson(tmp_path)
    assert caught.value.title_code == "lesson_open"
    huge = tmp_path / "huge.json"
    huge.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    with pytest.raises(DesignFileError) as caught:
        load_lesson(huge)
    assert "huge.json" in caught.value.title
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.json"
        os.mkfifo(fifo)
        with pytest.raises(DesignFileError):
            load_lesson(fifo)


# -- conditions on hand-made observations ------------------------------------------------


def observation(rows=(), **fields) -> RunObservation:
    values = dict(step=100, epoch=4, steps_per_epoch=25, design=Design(), parameters=25)
    values.update(fields)
    return RunObservation(evaluations=np.array(rows, dtype=np.float64).reshape(-1, 5), **values)


ROWS = [(0, 0.8, 0.9, 0.5, 0.4), (50, 0.4, 0.5, 0.8, 0.85), (100, 0.2, 0.6, 0.95, 0.9)]


def probe(first: float, last: float, updates=(1e-3, 1e-5)) -> ProbeReport:
    gradients = (LayerGradient("Linear 1", first, 0.0, 1.0, updates[0]),
                 LayerGradient("Output", last, 0.0, 1.0, updates[1]))
    return ProbeReport(3, 0, gradients, (), (), Verdict("healthy", ""))


def test_each_metric_means_what_the_vocabulary_says():
    o = observation(ROWS, probe=probe(0.001, 2.0))
    given = {"below": 0.55, "at_least": 0.85}
    values = {name: metric_value(name, o, {p: given[p] for p in METRICS[name].params}) for name in METRICS}
    expected = {"step": 100, "epoch": 4, "train_loss": 0.2, "test_loss": 0.6, "train_accuracy": 0.95,
                "test_accuracy": 0.9, "best_test_loss": 0.5, "best_test_accuracy": 0.9, "loss_ratio": 4.0,
                "generalization_gap": 0.4, "steps_to_test_loss": 50, "steps_to_test_accuracy": 50, "diverged": 0,
                "first_layer_gradient": 0.001, "last_layer_gradient": 2.0, "gradient_ratio": 2000,
                "update_ratio": 1e-5, "fit_distance": None, "hidden_layers": 2, "max_units": 4, "parameters": 25,
                "steps_per_epoch": 25, "batch_norm": 0}
    assert values.keys() == expected.keys()
    for name, value in expected.items():
        assert values[name] == (None if value is None else pytest.approx(value)), name


def test_no_value_yet_makes_a_comparison_false_never_an_error():
    empty = observation()
    for name in ("train_loss", "test_accuracy", "best_test_loss", "loss_ratio", "steps_to_test_loss",
                 "first_layer_gradient", "gradient_ratio", "update_ratio", "fit_distance"):
        for op in ("<", ">", "=="):
            params = tuple((p, 1.0) for p in METRICS[name].params)
            assert not holds(MetricCondition(name, op, 0.0, params=params), [empty]), name
    regression = observation([(0, 1.0, 1.0, math.nan, math.nan)])
    assert not holds(MetricCondition("test_accuracy", "<", 2.0), [regression])
    diverged = observation(ROWS, diverged=True)
    assert not holds(MetricCondition("train_loss", "<", 100.0), [diverged])
    assert holds(MetricCondition("best_test_loss", "<=", 0.5), [diverged])
    assert holds(MetricCondition("diverged", "==", 1), [diverged])


def test_a_run_history_gives_the_observations_evaluations():
    rows = np.array(ROWS)
    history = RunHistory(np.arange(3), np.zeros(3, np.float32), rows[:, 0].astype(np.int64), rows[:, 1:])
    o = observation(evaluation_rows(history.eval_steps, history.evals))
    assert metric_value("loss_ratio", o) == pytest.approx(4.0)
    assert metric_value("steps_to_test_accuracy", o, {"at_least": 0.85}) == 50


def test_steps_to_a_threshold_has_no_value_until_the_run_reaches_it():
    o = observation(ROWS)
    assert metric_value("steps_to_test_loss", o, {"below": 0.3}) is None
    assert metric_value("steps_to_test_accuracy", o, {"at_least": 0.9}) == 100


def test_fit_distance_is_the_mean_distance_to_the_clean_curve():
    line = Design().with_data(dataset="line")
    from playground.data.datasets import clean_curve

    x = np.linspace(-1, 1, 5)
    clean = clean_curve("line", x)
    assert metric_value("fit_distance", observation(design=line, curve=(x, clean + 0.25))) == pytest.approx(0.25)
    assert metric_value("fit_distance", observation(design=line, curve=(x, clean - 0.5))) == pytest.approx(0.5)


def test_design_metrics_and_settings_read_the_runs_design():
    design = Design(layers=(LinearLayer(units=8, activation="linear"), BatchNormLayer(activation="relu"),
                            LinearLayer(units=3, activation="relu")))
    o = observation(design=design)
    assert metric_value("hidden_layers", o) == 2 and metric_value("max_units", o) == 8
    assert metric_value("batch_norm", o) == 1
    assert setting_value(design, "layers.activation") == "relu"
    assert setting_value(design, "layers.batch_norm") is True and setting_value(design, "layers.dropout") == 0.0
    assert setting_value(design, "layers[2].units") == 3 and setting_value(design, "optimizer.name") == "sgd"
    problems: list = []
    relu = parse_condition({"setting": "layers.activation", "op": "==", "value": "relu"}, "when", design, 1, problems)
    assert holds(relu, [o]) and not holds(relu, [observation()])


def test_run_any_and_each_over_a_comparisons_runs():
    slow, fast = observation(ROWS[:1] + [(100, 0.7, 0.8, 0.6, 0.5)]), observation(ROWS)
    below = dict(metric="train_loss", op="<", value=0.5)
    assert holds(MetricCondition(**below, run="any"), [slow, fast])
    assert not holds(MetricCondition(**below, run="each"), [slow, fast])
    assert holds(MetricCondition(**below, run="each"), [fast, fast])
    assert holds(MetricCondition(**below, run=1), [slow, fast]) and not holds(MetricCondition(**below), [slow, fast])
    assert not holds(MetricCondition(**below, run=2), [slow, fast])


def test_progress_records_each_goal_once_and_honours_after():
    problems: list = []
    when = lambda raw: parse_condition(raw, "when", Design(), 1, problems)  # noqa: E731
    goals = [Goal("diverges", None, when({"metric": "diverged", "op": "==", "value": 1}), True),
             Goal("converges", None, when({"metric": "train_loss", "op": "<", "value": 0.3}), True, after="diverges")]
    assert problems == []
    progress = LessonProgress(goals)
    assert progress.observe([observation(ROWS, step=100)], run=0) == []  # converged, but not after diverging
    assert [g.goal for g in progress.observe([observation(ROWS, step=40, diverged=True)], run=1)] == ["diverges"]
    met = progress.observe([observation(ROWS, step=300)], run=2)
    assert [(g.goal, g.step, g.run) for g in met] == [("converges", 300, 2)] and progress.done
    assert progress.observe([observation(ROWS, step=400, diverged=True)], run=3) == []
    assert progress.met["diverges"].step == 40


def test_a_comparison_start_takes_run_indices_into_its_runs():
    comparison = Comparison(Design(), (Variant(), Variant(changes={"optimizer.name": "adam"})))
    document = fixture()
    document["start"] = json.loads(comparison_to_json(comparison))
    document["goals"][0]["when"] = {"metric": "train_loss", "op": "<", "value": 0.1, "run": 2}
    assert [p.split(":")[0] for p in problems_of(document)] == ["goals[0].when.run"]
    document["goals"][0]["when"]["run"] = 1
    lesson = lesson_from_json(json.dumps(document))
    assert lesson.runs == 2 and isinstance(lesson.start, Comparison)


def test_loading_never_changes_the_document():
    document = fixture()
    before = copy.deepcopy(document)
    lesson_from_json(json.dumps(document))
    assert document == before


def test_shipped_lessons_are_listed_in_their_order_and_load_like_any_file(tmp_path, monkeypatch):
    import playground.lessons.io as lessons_io

    folder = tmp_path / "lessons"
    folder.mkdir()
    for name, order in (("a_second", 20), ("b_first", 10)):
        document = fixture()
        document["id"], document["order"] = name, order
        (folder / f"{name}.json").write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setattr(lessons_io, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    lessons = lessons_io.shipped_lessons()
    assert [lesson.id for lesson in lessons] == ["b_first", "a_second"]
    assert lessons[0] == load_lesson(folder / "b_first.json")
