"""The course as the lab window lists it: examples and exercises in the interface language.

The window shows ``Example`` and ``Exercise`` entries and asks a ``Course`` to check an
answer; ``Course.check(exercise, result)`` returns ``(ok, code, args)`` (the lab's
check_exercise, whose codes playground.ui.messages.lab words). The course's data (code
strings, inputs, expected results, texts in English and Korean) is the lab's
(playground.lab.examples, resources/lab/ read by playground.lab.exercises);
``load_course(language)`` turns it into these entries. An exercise's title in the list is
its task (the list elides it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from playground.lab.messages import LabResult, TensorValue


@dataclass(frozen=True)
class Example:
    """A piece of the course's code: ``topic`` and ``title`` as listed, ``explanation`` in one line."""

    topic: str
    title: str
    explanation: str
    code: str


@dataclass(frozen=True)
class Exercise:
    """A task: ``key`` (stable: progress is kept under it), the ``inputs`` the code gets as
    tensors (name -> numpy array), ``starter`` code for the editor, ``hints`` one by one."""

    key: str
    topic: str
    title: str
    task: str
    inputs: dict[str, np.ndarray] = field(default_factory=dict)
    hints: tuple[str, ...] = ()
    starter: str = ""
    input_values: tuple[TensorValue, ...] = ()  # the inputs as the lab will give them, drawn before a run
    source: object = field(default=None, compare=False)  # the lab's own exercise, for its check


def _no_check(_exercise: Exercise, _result: LabResult) -> tuple[bool, str, tuple]:
    return False, "lab_check_unavailable", ()


@dataclass(frozen=True)
class Course:
    examples: tuple[Example, ...] = ()
    exercises: tuple[Exercise, ...] = ()
    check: Callable[[Exercise, LabResult], tuple[bool, str, tuple]] = _no_check
    linear_layer: str = ""  # the code that runs a network's Linear layer, commented in the course's language

    def topics(self) -> list[str]:
        """The examples' topics in the order they first come."""
        return list(dict.fromkeys(e.topic for e in self.examples))


def _drawn_inputs(exercise) -> tuple[TensorValue, ...]:
    """An exercise's inputs as the lab hands them to the code (tensors on the CPU)."""
    from playground.lab.exercises import DTYPES

    values = []
    for name, data in exercise.inputs.items():
        array = data.array()
        values.append(TensorValue(name, "tensor", tuple(array.shape), DTYPES[data.dtype], "cpu", array))
    return tuple(values)


def load_course(language: str) -> Course:
    """The shipped examples and exercises (playground.lab.examples and .exercises) in
    ``language`` ("en" or "ko"). A damaged exercise file leaves the exercises out (the
    examples stay); `lab check`-style messages about it are the core's."""
    from playground.errors import DesignFileError
    from playground.lab import examples as lab_examples
    from playground.lab.exercises import check_exercise, shipped_exercises

    def words(text) -> str:
        return getattr(text, language, None) or text.en

    topics = {topic: words(title) for topic, title in lab_examples.TOPICS}
    examples = tuple(Example(topics[e.topic], words(e.title), words(e.explanation), e.code)
                     for e in lab_examples.EXAMPLES)
    try:
        shipped = shipped_exercises()
    except DesignFileError:
        shipped = ()
    exercises = tuple(Exercise(e.id, topics.get(e.topic, e.topic), words(e.task), words(e.task), e.input_arrays(),
                               tuple(words(h) for h in e.hints), input_values=_drawn_inputs(e), source=e)
                      for e in shipped)

    def check(exercise: Exercise, result: LabResult) -> tuple[bool, str, tuple]:
        verdict = check_exercise(exercise.source, result)
        return verdict.ok, verdict.code, tuple(verdict.args)

    return Course(examples, exercises, check, lab_examples.linear_layer_code(language))
