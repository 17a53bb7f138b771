"""The lab's exercises: shipped files load, right answers pass and wrong ones are refused with
the reason, a bad file is refused by field, and nothing in a file runs as code."""

from __future__ import annotations

import json

import numpy as np
import pytest

from playground.errors import DesignFileError
from playground.lab.examples import TOPIC_IDS
from playground.lab.exercises import check_exercise, exercises_from_json, load_exercises, shipped_exercises
from playground.lab.messages import LabError, LabResult, TensorValue
from playground.lab.runner import LabSession

RIGHT = {
    "float_from_list": "torch.tensor([[1., 2.], [3., 4.]])",
    "ones_like_t": "torch.ones_like(t)",
    "count_columns": "t.shape[-1]",
    "last_column": "t[..., -1]",
    "zero_column": "t[:, 1] = 0",
    "stack_first_slice": "torch.stack([t1, t2], dim=1)",
    "cat_side_by_side": "torch.cat((t1, t2), dim=1)",
    "matmul_transpose": "a @ b.T",
    "broadcast_table": "row * column",
    "batch_matmul": "torch.matmul(x, w)",
    "sum_as_number": "total = t.sum()\ntotal.item()",
    "add_in_place": "t.add_(10)",
    "reshape_3_8": "t.reshape(3, -1)",
    "channels_first": "t.permute(2, 0, 1)",
    "row_vector": "v.unsqueeze(0)",
    "zeros_from_shape": "shape = (2, 3)\ntorch.zeros(shape)",
    "zero_row": "t[1, :] = 0",
    "squeeze_all": "t.squeeze()",
}
WRONG = {  # a learner's likely mistake, and the reason the check gives
    "float_from_list": ("torch.tensor([[1, 2], [3, 4]])", "exercise_dtype"),
    "ones_like_t": ("torch.ones(2, 3)", "exercise_dtype"),
    "count_columns": ("t.shape[0]", "exercise_values"),
    "last_column": ("t[:, 0]", "exercise_values"),
    "zero_column": ("t = torch.tensor([[1., 0., 1.], [1., 0., 1.]])", "exercise_not_in_place"),
    "stack_first_slice": ("torch.stack([t1, t2])", "exercise_values"),
    "cat_side_by_side": ("torch.cat((t1, t2))", "exercise_shape"),
    "matmul_transpose": ("a @ b", "exercise_error"),
    "broadcast_table": ("column * 3", "exercise_shape"),
    "batch_matmul": ("x", "exercise_shape"),
    "sum_as_number": ("t.sum()", "exercise_python_type"),
    "add_in_place": ("t = t + 10", "exercise_not_in_place"),
    "reshape_3_8": ("t.permute(1, 0, 2).reshape(3, 8)", "exercise_values"),
    "channels_first": ("t.reshape(4, 2, 3)\nx = 1", "exercise_no_result"),
    "row_vector": ("v.unsqueeze(1)", "exercise_shape"),
    "zeros_from_shape": ("torch.zeros(2, 3, dtype=torch.int64)", "exercise_dtype"),
    "zero_row": ("t[:, 1] = 0", "exercise_values"),
    "squeeze_all": ("t.squeeze(0)", "exercise_shape"),
}


@pytest.fixture(scope="module")
def session():
    with LabSession() as lab:
        yield lab


def test_every_topic_has_an_exercise_and_every_exercise_has_an_answer_here():
    exercises = shipped_exercises()
    assert {e.topic for e in exercises} == set(TOPIC_IDS)
    assert len({e.id for e in exercises}) == len(exercises)
    assert {e.id for e in exercises} == set(RIGHT) == set(WRONG)
    for e in exercises:
        assert e.task.en and e.task.ko and all(h.en and h.ko for h in e.hints)


@pytest.mark.parametrize("exercise", shipped_exercises(), ids=lambda e: e.id)
def test_the_right_answer_passes_and_a_wrong_one_is_refused_with_its_reason(session, exercise):
    right = check_exercise(exercise, session.run(RIGHT[exercise.id], exercise.input_arrays()))
    assert right.ok and right.code == "exercise_ok", right
    code, reason = WRONG[exercise.id]
    wrong = check_exercise(exercise, session.run(code, exercise.input_arrays()))
    assert (wrong.ok, wrong.code) == (False, reason), wrong


def test_the_course_s_three_exercises_are_shipped():
    tasks = {e.task.en for e in shipped_exercises()}
    assert "Make a (3, 8) tensor from this (2, 3, 4) one." in tasks
    assert "Take the last column of t." in tasks
    assert "Stack t1 and t2 so that the result's first slice is [[1, 2], [5, 6]]." in tasks


def _file(**changes) -> dict:
    exercise = {"id": "e1", "topic": "indexing", "task": {"en": "Take row 0.", "ko": "0번 행을 꺼내세요."},
                "inputs": {"t": {"values": [[1, 2], [3, 4]], "dtype": "int64"}},
                "expected": {"values": [1, 2]}, "hints": [{"en": "t[0]", "ko": "t[0]"}]}
    exercise.update(changes)
    return {"format": "nn-playground-lab-exercises", "version": 1, "exercises": [exercise]}


def _problems(document) -> dict[str, str]:
    with pytest.raises(DesignFileError) as caught:
        exercises_from_json(json.dumps(document))
    return {p.field: p.message for p in caught.value.problems}


def test_a_good_file_loads_its_inputs_as_arrays():
    exercise, = exercises_from_json(json.dumps(_file()))
    arrays = exercise.input_arrays()
    assert arrays["t"].dtype == np.int64 and arrays["t"].tolist() == [[1, 2], [3, 4]]


@pytest.mark.parametrize("changes, field, words", [
    ({"topic": "magic"}, "exercises[0].topic", "indexing"),
    ({"id": "Bad Id"}, "exercises[0].id", "pattern"),
    ({"inputs": {"t": {"values": [[1, 2], [3]], "dtype": "int64"}}}, "exercises[0].inputs.t", "rectangle"),
    ({"inputs": {"t": {"values": [1, 2], "dtype": "complex"}}}, "exercises[0].inputs.t.dtype", "float32"),
    ({"inputs": {"torch": {"values": [1], "dtype": "int64"}}}, "exercises[0].inputs", "cannot be a variable"),
    ({"inputs": {"t": {"values": list(range(1001))}}}, "exercises[0].inputs.t", "1000"),
    ({"expected": {}}, "exercises[0].expected", "nothing to check"),
    ({"expected": {"values": [1, 2], "shape": [3]}}, "exercises[0].expected", "shape (2,)"),
    ({"hints": []}, "exercises[0].hints", "at least 1"),
    ({"task": {"en": "Take row 0."}}, "exercises[0].task.ko", "missing"),
])
def test_a_bad_exercise_is_refused_by_field(changes, field, words):
    problems = _problems(_file(**changes))
    assert field in problems and words in problems[field], problems


def test_a_bad_envelope_is_refused_by_field():
    assert "format" in _problems(dict(_file(), format="nn-playground-lesson"))
    assert "newer" in _problems(dict(_file(), version=2))["version"]


def test_nothing_in_an_exercise_file_runs_as_code(tmp_path):
    marker = tmp_path / "ran"
    payload = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    problems = _problems(_file(code=payload, inputs={"t": {"values": payload}}, expected={"values": [payload]}))
    assert problems["exercises[0].code"] == "unknown field (not part of an exercise file)"
    assert "numbers only" in problems["exercises[0].inputs.t"]
    assert "numbers only" in problems["exercises[0].expected"]
    assert not marker.exists()


def test_a_file_that_cannot_be_read_names_the_file(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{ not json", encoding="utf-8")
    with pytest.raises(DesignFileError) as caught:
        load_exercises(path)
    assert "broken.json" in caught.value.title


def _result(value: TensorValue | None = None, error: LabError | None = None) -> LabResult:
    return LabResult(values=(value,) if value else (), error=error)


def test_a_cut_result_is_refused_as_too_big():
    exercise, = exercises_from_json(json.dumps(_file(expected={"values": [1, 2]})))
    big = TensorValue("", "tensor", (2,), "torch.int64", "cpu", np.array([1]), truncated=True)
    assert check_exercise(exercise, _result(big)).code == "exercise_too_big"


def test_a_named_variable_must_exist():
    exercise, = exercises_from_json(json.dumps(_file(expected={"name": "answer", "shape": [2]})))
    check = check_exercise(exercise, _result(TensorValue("other", "tensor", (2,), values=np.zeros(2))))
    assert (check.ok, check.code, check.args) == (False, "exercise_no_variable", ("answer",))
