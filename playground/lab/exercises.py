"""The lab's exercises: data files read and validated as lesson files are, and checked against
what the learner's code produced. Torch-free.

An exercise file (``resources/lab/*.json``, listed by file name) is one JSON object
``{"format": "nn-playground-lab-exercises", "version": 1, "exercises": [...]}``; each
exercise holds only data (never code):

- ``id`` (``[a-z0-9_]{1,40}``, unique among the shipped files), ``topic`` (one of
  playground.lab.examples.TOPIC_IDS), ``task`` and 1 to MAX_HINTS ``hints`` (``{"en", "ko"}``);
- ``inputs``: at most MAX_INPUTS tensors by variable name, each ``{"values": nested
  lists of numbers, "dtype": one of DTYPES}`` (a rectangle of at most MAX_INPUT_CELLS
  numbers, at most MAX_NDIM dimensions);
- ``expected``: which value is checked (``name``: a variable, or "" for the last
  expression's result) and what it must be: any of ``shape``, ``dtype`` (torch's name),
  ``values`` (nested lists, compared to within 1e-5), ``python_type`` ("int", "float",
  "bool" for a plain number such as ``.item()`` gives) and ``changed_in_place`` (the
  variable must have changed without being assigned again, as ``add_`` does); at least one.

Reading never executes anything: only a regular file of at most MAX_FILE_BYTES, parsed
by the design files' JSON parser, then validated field by field; every problem is
reported at once, named by its path (``exercises[2].inputs.t.values``).

``check_exercise(exercise, result)`` -> ``Check(ok, code, args, message)``, the code one
of those listed in playground.lab.messages.
"""

from __future__ import annotations

import keyword
import os
from pathlib import Path
from typing import Any, Literal, NamedTuple

import numpy as np
from pydantic import Field, ValidationError, field_validator, model_validator

from playground.design.io import parse_document
from playground.design.schema import StrictModel, problems_from_validation
from playground.errors import DesignFileError, Problem, excerpt
from playground.files import load_file
from playground.lab.examples import TOPIC_IDS
from playground.lab.messages import LabResult
from playground.lessons.schema import Text
from playground.resources import resource_path

FORMAT = "nn-playground-lab-exercises"
VERSION = 1
MAX_FILE_BYTES = 256 * 1024
MAX_EXERCISES = 40  # in one file
MAX_INPUTS, MAX_HINTS = 4, 4
MAX_INPUT_CELLS, MAX_NDIM, MAX_SIZE = 1000, 4, 1000
DTYPES = {"float32": "torch.float32", "float64": "torch.float64", "int64": "torch.int64", "int32": "torch.int32",
          "bool": "torch.bool"}  # a file's dtype -> torch's name (what the lab reports)
ID_PATTERN = r"^[a-z0-9_]{1,40}$"
NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]{0,30}$"
RESERVED_NAMES = ("torch", "np")  # the lab's namespace already holds these
FOLDER = "lab"  # under resources/
TOLERANCE = 1e-5

_TITLE = "This is not a valid NN Playground exercise file:"


def _nested_array(values, dtype: str = "float64") -> np.ndarray:
    """``values`` (nested lists of numbers) as an array; ValueError in words if it is not a
    rectangle of numbers within the limits."""
    def check(item, depth):
        if depth > MAX_NDIM:
            raise ValueError(f"must be nested at most {MAX_NDIM} lists deep")
        if isinstance(item, list):
            if len(item) > MAX_SIZE:
                raise ValueError(f"a list holds at most {MAX_SIZE} entries")
            for entry in item:
                check(entry, depth + 1)
        elif not isinstance(item, (int, float, bool)):
            raise ValueError(f"must hold numbers only (found {excerpt(repr(item))})")
    check(values, 0)
    try:
        array = np.array(values, dtype=np.float64 if dtype != "bool" else bool)
    except ValueError:
        raise ValueError("must be a rectangle: every row the same length") from None
    if array.size > MAX_INPUT_CELLS:
        raise ValueError(f"holds at most {MAX_INPUT_CELLS} numbers")
    return array.astype(dtype)


class TensorData(StrictModel):
    values: Any
    dtype: Literal[tuple(DTYPES)] = "float32"

    @model_validator(mode="after")
    def _rectangle(self):
        _nested_array(self.values, self.dtype)
        return self

    def array(self) -> np.ndarray:
        return _nested_array(self.values, self.dtype)


class Expected(StrictModel):
    name: str = Field("", pattern=r"^$|" + NAME_PATTERN)
    shape: tuple[int, ...] | None = Field(None, max_length=MAX_NDIM)
    dtype: Literal[tuple(DTYPES.values())] | None = None
    values: Any = None
    python_type: Literal["int", "float", "bool"] | None = None
    changed_in_place: bool = False

    @field_validator("shape")
    @classmethod
    def _sizes(cls, shape):
        if shape is not None and any(not 0 <= n <= MAX_SIZE for n in shape):
            raise ValueError(f"sizes are from 0 to {MAX_SIZE}")
        return shape

    @model_validator(mode="after")
    def _something(self):
        if self.values is not None:
            array = _nested_array(self.values)
            if self.shape is not None and tuple(array.shape) != self.shape:
                raise ValueError(f"values have shape {tuple(array.shape)}, not the shape given {self.shape}")
        if self.shape is None and self.dtype is None and self.values is None and self.python_type is None \
                and not self.changed_in_place:
            raise ValueError("says nothing to check: give shape, dtype, values, python_type or changed_in_place")
        if self.changed_in_place and not self.name:
            raise ValueError("changed_in_place needs the variable's name")
        return self

    def array(self) -> np.ndarray | None:
        return None if self.values is None else _nested_array(self.values)


class Exercise(StrictModel):
    id: str = Field(pattern=ID_PATTERN)
    topic: Literal[TOPIC_IDS]
    task: Text
    inputs: dict[str, TensorData] = Field(default_factory=dict, max_length=MAX_INPUTS)
    expected: Expected
    hints: tuple[Text, ...] = Field(min_length=1, max_length=MAX_HINTS)

    @field_validator("inputs")
    @classmethod
    def _names(cls, inputs):
        import re
        for name in inputs:
            if not re.match(NAME_PATTERN, name) or keyword.iskeyword(name) or name in RESERVED_NAMES:
                raise ValueError(f"{excerpt(repr(name))} cannot be a variable's name here")
        return inputs

    def input_arrays(self) -> dict[str, np.ndarray]:
        """The inputs as the lab takes them (LabSession.run's ``inputs``)."""
        return {name: data.array() for name, data in self.inputs.items()}


class ExerciseFile(StrictModel):
    exercises: tuple[Exercise, ...] = Field(min_length=1, max_length=MAX_EXERCISES)


# --- reading ---------------------------------------------------------------------------------


def exercises_from_json(text: str | bytes) -> tuple[Exercise, ...]:
    """Parse and validate an exercise file's text; DesignFileError listing every problem."""
    try:
        document = parse_document(text)
    except DesignFileError as error:
        raise DesignFileError(error.problems, title=_TITLE, title_code="lab_exercises_invalid") from None
    fields = dict(document)
    problems = _envelope(fields.pop("format", None), fields.pop("version", None))
    if problems:
        raise DesignFileError(problems, title=_TITLE, title_code="lab_exercises_invalid")
    try:
        exercises = ExerciseFile.model_validate(fields).exercises
    except ValidationError as error:
        raise DesignFileError(_words(problems_from_validation(error)), title=_TITLE,
                              title_code="lab_exercises_invalid") from None
    duplicates = sorted({e.id for e in exercises if [x.id for x in exercises].count(e.id) > 1})
    if duplicates:
        raise DesignFileError([Problem("exercises", f"the id {excerpt(duplicates[0])!r} is used twice",
                                       "lab_exercise_duplicate", (excerpt(duplicates[0]),))],
                              title=_TITLE, title_code="lab_exercises_invalid")
    return exercises


def load_exercises(path: str | os.PathLike) -> tuple[Exercise, ...]:
    """Read an exercise file; DesignFileError (with the path in its title) if it cannot be used."""
    return load_file(path, MAX_FILE_BYTES, exercises_from_json, "exercise", "lab_exercises_open")


def exercise_paths() -> list[Path]:
    folder = Path(resource_path(FOLDER))
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def shipped_exercises() -> tuple[Exercise, ...]:
    """Every shipped exercise, by file name then in file order (DesignFileError for a damaged one)."""
    return tuple(exercise for path in exercise_paths() for exercise in load_exercises(path))


def _envelope(format_, version) -> list[Problem]:
    problems = []
    if format_ != FORMAT:
        problems.append(Problem("format", f"must be \"{FORMAT}\" (got {excerpt(repr(format_))})",
                                "lab_exercises_format", (FORMAT, excerpt(repr(format_)))))
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append(Problem("version", f"must be a whole number from 1 (got {excerpt(repr(version))})",
                                "lesson_version_not_int", (excerpt(repr(version)),)))
    elif version > VERSION:
        problems.append(Problem("version", f"this file was written for a newer NN Playground (format version "
                                           f"{version}); this version reads up to {VERSION}: update the app",
                                "lesson_version_newer", (version, VERSION)))
    return problems


def _words(problems: list[Problem]) -> list[Problem]:
    return [Problem(p.field, "unknown field (not part of an exercise file)", "lab_unknown_field", p.args)
            if p.code == "pydantic.extra_forbidden" else p for p in problems]


# --- checking --------------------------------------------------------------------------------


class Check(NamedTuple):
    ok: bool
    code: str
    args: tuple
    message: str  # in English


def check_exercise(exercise: Exercise, result: LabResult) -> Check:
    """Whether ``result`` (the learner's run with ``exercise.input_arrays()``) solves the exercise."""
    want = exercise.expected
    if result.error is not None:
        return Check(False, "exercise_error", (), "The code stopped with an error; fix it first.")
    value = result.value(want.name)
    if value is None:
        if want.name:
            return Check(False, "exercise_no_variable", (want.name,), f"There is no variable {want.name}.")
        return Check(False, "exercise_no_result", (), "End the code with the expression whose value is the answer.")
    if want.python_type is not None:
        if value.python_type != want.python_type or value.kind not in ("number", "bool"):
            return Check(False, "exercise_python_type", (want.python_type, value.python_type or value.kind),
                         f"The answer should be a Python {want.python_type}, not {value.python_type or value.kind}.")
    elif value.kind not in ("tensor", "ndarray") and (want.shape is not None or want.dtype is not None):
        return Check(False, "exercise_not_tensor", (value.kind,), f"The answer should be a tensor, not {value.kind}.")
    if want.shape is not None and tuple(value.shape) != want.shape:
        return Check(False, "exercise_shape", (want.shape, tuple(value.shape)),
                     f"The shape should be {want.shape}, not {tuple(value.shape)}.")
    if want.dtype is not None and value.dtype != want.dtype:
        return Check(False, "exercise_dtype", (want.dtype, value.dtype),
                     f"The dtype should be {want.dtype}, not {value.dtype}.")
    expected = want.array()
    if expected is not None:
        if value.truncated or value.values is None:
            return Check(False, "exercise_too_big", (), "The answer is far larger than it should be.")
        got = np.asarray(value.values)
        if got.shape != expected.shape:
            return Check(False, "exercise_shape", (tuple(expected.shape), tuple(value.shape)),
                         f"The shape should be {tuple(expected.shape)}, not {tuple(value.shape)}.")
        if got.dtype == object or not np.allclose(got.astype(np.float64), expected, rtol=TOLERANCE, atol=TOLERANCE):
            return Check(False, "exercise_values", (), "The shape is right but some values are not.")
    if want.changed_in_place and not value.changed_in_place:
        return Check(False, "exercise_not_in_place", (want.name,),
                     f"{want.name} itself should change (in place), not be assigned a new tensor.")
    return Check(True, "exercise_ok", (), "Right!")


