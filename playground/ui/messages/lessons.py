"""Problems of a lesson file (playground.lessons.io, schema and conditions) in the
interface language. Its design, its start and its solution's changes are checked by the
design's rules, whose problems are worded as design files' are (playground.ui.messages.files);
the codes here are the lesson format's own."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from playground.errors import Problem

# code -> wording, whose {0}, {1}... are the problem's args in order; a wording of a
# problem without args is used as it is (its braces are the file's, not placeholders).
LESSON_WORDINGS = {
    "lesson_format_missing": QT_TRANSLATE_NOOP(
        "LessonMessages", "missing: this is not an NN Playground lesson file (expected \"format\": \"{0}\")"),
    "lesson_format_wrong": QT_TRANSLATE_NOOP(
        "LessonMessages", "{0} is wrong: this is not an NN Playground lesson file (expected \"format\": \"{1}\")"),
    "lesson_version_missing": QT_TRANSLATE_NOOP(
        "LessonMessages", "missing: a lesson file states its format version (this app reads {0})"),
    "lesson_version_not_int": QT_TRANSLATE_NOOP("LessonMessages", "must be a whole number from 1 (got {0})"),
    "lesson_version_newer": QT_TRANSLATE_NOOP(
        "LessonMessages", "this lesson was written for a newer NN Playground (format version {0}); "
                          "this version reads up to {1}: update the app"),
    "lesson_unknown_field": QT_TRANSLATE_NOOP("LessonMessages", "unknown field (not part of a lesson)"),
    "lesson_answer_range": QT_TRANSLATE_NOOP("LessonMessages", "must be an index into the {0} choices (0 to {1})"),
    "lesson_goal_twice": QT_TRANSLATE_NOOP("LessonMessages", "'{0}' names an earlier goal too"),
    "lesson_after_unknown": QT_TRANSLATE_NOOP("LessonMessages", "'{0}' is not an earlier goal of this lesson"),
    "lesson_solution_both": QT_TRANSLATE_NOOP(
        "LessonMessages", "has either \"changes\" and \"steps\" or a \"sequence\", not both"),
    "lesson_condition_type": QT_TRANSLATE_NOOP(
        "LessonMessages", "must be a condition: {\"metric\": ...}, {\"setting\": ...}, {\"all\": [...]} or "
                          "{\"any\": [...]}"),
    "lesson_condition_none": QT_TRANSLATE_NOOP(
        "LessonMessages", "has none of \"metric\", \"setting\", \"all\", \"any\": a condition is one of them"),
    "lesson_condition_several": QT_TRANSLATE_NOOP(
        "LessonMessages", "has more than one of \"metric\", \"setting\", \"all\", \"any\": a condition is one of "
                          "them"),
    "lesson_condition_field": QT_TRANSLATE_NOOP("LessonMessages", "unknown field (not part of a condition)"),
    "lesson_condition_depth": QT_TRANSLATE_NOOP("LessonMessages", "conditions nest at most {0} deep"),
    "lesson_condition_items": QT_TRANSLATE_NOOP("LessonMessages", "must be a list of 1 to {0} conditions"),
    "lesson_run": QT_TRANSLATE_NOOP(
        "LessonMessages", "must be a run's index (0 to {0}), \"any\" or \"each\" (got {1})"),
    "lesson_unknown_metric": QT_TRANSLATE_NOOP("LessonMessages", "unknown metric '{0}' (choose from: {1})"),
    "lesson_setting_type": QT_TRANSLATE_NOOP(
        "LessonMessages", "must be a design setting's path, such as \"optimizer.name\""),
    "lesson_setting_unknown": QT_TRANSLATE_NOOP("LessonMessages", "'{0}' is not a setting a lesson may test: {1}"),
    "lesson_setting_value": QT_TRANSLATE_NOOP("LessonMessages", "must be a text, a number or true/false"),
    "lesson_op_missing": QT_TRANSLATE_NOOP("LessonMessages", "missing: one of {0}"),
    "lesson_op_wrong": QT_TRANSLATE_NOOP("LessonMessages", "'{0}' is not one of {1}"),
    "lesson_number": QT_TRANSLATE_NOOP("LessonMessages", "must be a number (got {0})"),
}


def lesson_message(problem: Problem, word: Callable[[Problem], str]) -> str:
    """``problem`` (its code one of LESSON_WORDINGS) in the interface language; ``word``
    words a problem a lesson problem quotes (a setting's own problem)."""
    text = QCoreApplication.translate("LessonMessages", LESSON_WORDINGS[problem.code])
    args = problem.args
    if problem.code == "lesson_setting_unknown":
        path, inner = args
        args = (path, word(inner))
    return text.format(*args) if args else text
