"""The course as the lab window lists it: examples and exercises in the interface language.

The window shows ``Example`` and ``Exercise`` entries and asks a ``Course`` to check an
answer; ``Course.check(exercise, result)`` returns ``(ok, code, args)`` (the lab's
check_exercise, whose codes playground.ui.messages.lab words). The course's data (code
strings, inputs, expected results, texts in English and Korean) is lab-core's
(playground.lab.examples, resources/lab/); ``load_course(language)`` turns it into these
entries once it exists and until then gives an empty course, which the window says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from playground.lab.messages import LabResult


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


def _no_check(_exercise: Exercise, _result: LabResult) -> tuple[bool, str, tuple]:
    return False, "lab_check_unavailable", ()


@dataclass(frozen=True)
class Course:
    examples: tuple[Example, ...] = ()
    exercises: tuple[Exercise, ...] = ()
    check: Callable[[Exercise, LabResult], tuple[bool, str, tuple]] = _no_check

    def topics(self) -> list[str]:
        """The examples' topics in the order they first come."""
        return list(dict.fromkeys(e.topic for e in self.examples))


def load_course(language: str) -> Course:
    """The course's examples and exercises in ``language`` ("en" or "ko"). Empty for now:
    lab-core's playground.lab.examples is being written; its adapter goes here."""
    del language
    return Course()
