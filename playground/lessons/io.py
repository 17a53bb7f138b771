"""Lesson files: read and validated as design files are, and the shipped lessons listed.

A lesson file is one JSON object ``{"format": "nn-playground-lesson", "version": 1, ...}``
(playground.lessons.schema). Reading it never executes anything: only a regular file
of at most MAX_FILE_BYTES is read (playground.files), parsed as plain JSON by the
design files' parser (which refuses damaged text, NaN, over-long integers and
over-deep nesting, each named), its envelope checked (a newer version is refused
with a word to update the app), then its fields validated. Every problem is reported
at once in a DesignFileError whose title names the file.

The shipped lessons are ``resources/lessons/*.json``, listed in their ``order``; a
lesson opened from anywhere else loads the same way and is used the same way.
"""

from __future__ import annotations

import os
from pathlib import Path

from playground.design.io import parse_document
from playground.errors import DesignError, DesignFileError, Problem, excerpt
from playground.files import load_file
from playground.lessons.schema import FORMAT, VERSION, Lesson, invalid, lesson_from_fields
from playground.resources import resource_path

MAX_FILE_BYTES = 1024 * 1024  # a lesson is texts and one design: a few kilobytes
LESSONS_FOLDER = "lessons"  # under resources/


def lesson_from_json(text: str | bytes) -> Lesson:
    """Parse and validate a lesson file's text; DesignFileError listing every problem."""
    try:
        document = parse_document(text)
    except DesignFileError as error:
        raise _file_error(error.problems, "This is not a valid NN Playground lesson:") from None
    fields = dict(document)
    problems = [p for p in (_check_format(fields.pop("format", None)), _check_version(fields.pop("version", None)))
                if p]
    if problems:
        raise _file_error(problems, "This is not a valid NN Playground lesson:")
    try:
        return lesson_from_fields(fields)
    except DesignError as error:
        raise _file_error(error.problems, error.title) from None


def load_lesson(path: str | os.PathLike) -> Lesson:
    """Read a lesson file; DesignFileError (with the path in its title) if it cannot be used."""
    return load_file(path, MAX_FILE_BYTES, lesson_from_json, "lesson", "lesson_open")


def lesson_paths() -> list[Path]:
    """The shipped lesson files (resources/lessons/*.json), by file name."""
    folder = Path(resource_path(LESSONS_FOLDER))
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def shipped_lessons() -> list[Lesson]:
    """Every shipped lesson, in ``order`` (then id). Raises DesignFileError for one
    that cannot be used (a shipped file is tested; this is a damaged installation)."""
    return sorted((load_lesson(path) for path in lesson_paths()), key=lambda lesson: (lesson.order, lesson.id))


def _file_error(problems: list[Problem], title: str) -> DesignFileError:
    error = invalid(problems)
    return DesignFileError(error.problems, title=title or error.title, title_code=error.title_code)


def _check_format(value) -> Problem | None:
    if value == FORMAT:
        return None
    if value is None:
        return Problem("format", f"missing: this is not an NN Playground lesson file (expected \"format\": "
                                 f"\"{FORMAT}\")", "lesson_format_missing", (FORMAT,))
    got = excerpt(repr(value))
    return Problem("format", f"{got} is wrong: this is not an NN Playground lesson file (expected \"format\": "
                             f"\"{FORMAT}\")", "lesson_format_wrong", (got, FORMAT))


def _check_version(value) -> Problem | None:
    if value is None:
        return Problem("version", f"missing: a lesson file states its format version (this app reads {VERSION})",
                       "lesson_version_missing", (VERSION,))
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        got = excerpt(repr(value))
        return Problem("version", f"must be a whole number from 1 (got {got})", "lesson_version_not_int", (got,))
    if value > VERSION:
        return Problem("version", f"this lesson was written for a newer NN Playground (format version {value}); "
                                  f"this version reads up to {VERSION}: update the app", "lesson_version_newer",
                       (value, VERSION))
    return None
