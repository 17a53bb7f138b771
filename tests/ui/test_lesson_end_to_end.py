"""A shipped lesson from open to every goal ticked, as a learner takes it: the real training
process, the window at 1366x768, English and Korean. (test_lesson_window checks each part
at known steps with fed reports; here nothing is fed.)"""

from __future__ import annotations

import pytest

from playground.lessons.io import shipped_lessons
from playground.training.run_loop import SPEEDS
from test_i18n import HANGUL
from ui_window import open_window

TRAINING_TIMEOUT = 300_000  # ms: generous, a busy machine trains slowly; nothing here is timed


def lesson(lesson_id: str):
    return next(lesson for lesson in shipped_lessons() if lesson.id == lesson_id)


def take(qtbot, window, taken) -> None:
    """Open ``taken``, answer its question rightly, train as fast as the window goes until
    every goal is ticked, then pause."""
    lessons = window.lessons
    assert lessons.open(taken)
    qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TRAINING_TIMEOUT)
    panel = lessons.panel
    assert lessons.dock.isVisible() and not any(panel.goal_ticked(i) for i in range(len(taken.goals)))
    window.train_action.trigger()
    assert window.controller.state == "paused", "the question comes first"
    panel.choose(taken.question.answer)
    panel.answer_button.click()
    window.speed_slider.setValue(SPEEDS.index(None))
    window.train_action.trigger()
    qtbot.waitUntil(lambda: all(panel.goal_ticked(i) for i in range(len(taken.goals))), timeout=TRAINING_TIMEOUT)
    window.controller.pause()
    qtbot.waitUntil(lambda: window.controller.state in ("paused", "finished"), timeout=TRAINING_TIMEOUT)
    assert panel.is_revealed(), "every goal met: the answer is revealed"
    assert lessons.records.status(taken) == "done"


@pytest.mark.parametrize("lesson_id", ["loss_outliers"])
def test_a_comparison_lesson_from_open_to_done_in_english(qtbot, settings, tmp_path, lesson_id):
    window = open_window(qtbot, settings, tmp_path)
    try:
        taken = lesson(lesson_id)
        take(qtbot, window, taken)
        assert window.comparisons.is_open
        panel = window.lessons.panel
        assert "Right" in panel.answer_label.text()
        assert "of run" in panel.goal_text(0), "the moment it was met, with its step and run"
    finally:
        window.file_actions.document.undo_stack.setClean()
        window.close()


def test_a_lesson_from_open_to_done_in_korean(qtbot, settings, tmp_path, korean):
    window = open_window(qtbot, settings, tmp_path, language="ko")
    try:
        taken = lesson("perceptron_line")
        take(qtbot, window, taken)
        panel = window.lessons.panel
        assert window.lesson_note.title() == taken.title.ko
        assert HANGUL.search(panel.answer_label.text()) and HANGUL.search(panel.goal_text(0).splitlines()[-1])
    finally:
        window.file_actions.document.undo_stack.setClean()
        window.close()
