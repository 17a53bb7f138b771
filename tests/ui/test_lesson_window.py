"""Lessons in the window as a learner uses them: the list, opening a lesson at its pace, the
question before training, goals ticking live with their moment, hints, progress kept.

The training process's reports are fed here as the bridge delivers them (Ready and
Snapshots of real Trainers, ComparisonReady and ComparisonSnapshots of FakeComparison),
so each goal's tick is checked at a known step."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from playground.design.io import design_to_json
from playground.design.schema import Design, LinearLayer
from playground.lessons.goals import GoalMet
from playground.lessons.io import lesson_paths, load_lesson, shipped_lessons
from playground.design.course import STAGES
from playground.runs import comparison_messages as cm
from playground.training.run_loop import SPEEDS
from playground.training.trainer import Trainer
from playground.ui.i18n import install_translators
from playground.ui.labels import stage_words
from playground.ui.lesson_list import LessonList
from playground.ui.messages import error_text
from playground.ui.window.lessons import Lessons
from comparison_runs import FakeComparison
from test_i18n import HANGUL
from ui_runs import snapshot_of
from ui_window import open_window

TIMEOUT = 60_000
TRAINING = {"Resume", "Step", "StepEpoch", "TraceStep"}  # the commands that make the training process train
DESIGN = Design(layers=(LinearLayer(units=4, activation="tanh"),))


def teacher_lesson(**changes) -> dict:
    """A lesson file a teacher wrote: goal ``ten_steps`` (step >= 10), then ``learned`` (after it:
    an evaluation with test loss at most 100, i.e. any evaluation once the first goal is met)."""
    fields = {
        "format": "nn-playground-lesson", "version": 1, "id": "teacher_steps", "stage": "perceptron", "order": 500,
        "title": {"en": "Ten steps", "ko": "열 스텝"},
        "text": {"en": "Train ten steps and watch the loss.", "ko": "열 스텝 학습하고 손실을 보세요."},
        "pace": 10,
        "start": json.loads(design_to_json(DESIGN)),
        "question": {"prompt": {"en": "Will the loss fall?", "ko": "손실이 줄어들까요?"},
                     "choices": [{"en": "Yes", "ko": "예"}, {"en": "No", "ko": "아니요"}], "answer": 0,
                     "explanation": {"en": "Gradient descent lowers it.", "ko": "경사하강법이 손실을 줄입니다."}},
        "goals": [
            {"id": "ten_steps", "text": {"en": "Train 10 steps", "ko": "10 스텝 학습"},
             "when": {"metric": "step", "op": ">=", "value": 10}, "needs_change": False},
            {"id": "learned", "text": {"en": "An evaluation after that", "ko": "그 뒤의 평가"},
             "when": {"metric": "steps_to_test_loss", "below": 100, "op": ">=", "value": 0},
             "needs_change": False, "after": "ten_steps"},
        ],
        "hints": [{"after_seconds": 30, "text": {"en": "Press Train.", "ko": "학습을 누르세요."}},
                  {"after_seconds": 0, "text": {"en": "Watch the loss curve.", "ko": "손실 곡선을 보세요."}}],
        "solution": {"changes": {}, "steps": 20},
    }
    fields.update(changes)
    return fields


def write(tmp_path, fields: dict):
    path = tmp_path / "teacher.json"
    path.write_text(json.dumps(fields), encoding="utf-8")
    return path


def opened(window, qtbot, tmp_path, **changes) -> Lessons:
    lessons = window.lessons
    assert lessons.open_path(write(tmp_path, teacher_lesson(**changes)))
    qtbot.waitUntil(lambda: window.controller.state == "paused" and window.controller.info is not None,
                    timeout=TIMEOUT)
    return lessons


def deliver(window, trainer: Trainer, steps: int, state: str = "paused") -> None:
    """A report of the current run after ``trainer`` trained ``steps`` more, as the bridge delivers it."""
    snapshot = snapshot_of(trainer, steps, window.controller.run_id, state)
    window.controller._on_bridge_message_received(snapshot)


def test_the_list_shows_the_course_by_stage_and_opens_a_lesson_at_its_pace(qtbot, window, monkeypatch):
    lessons = shipped_lessons()
    seen = {}

    def pick(self, dialog):
        seen["stages"], seen["rows"] = dialog.stages(), dialog.rows()
        dialog.select("loss_outliers")
        dialog.open_button.click()
        return dialog.result()

    monkeypatch.setattr(Lessons, "exec_list", pick)
    window.lessons.list_action.trigger()
    assert seen["stages"] == [stage_words(s) for s in STAGES], "every stage of the course, in its order"
    assert [title for title, _ in seen["rows"]] == [lesson.title.en for lesson in lessons]
    assert all(progress == "" for _, progress in seen["rows"]), "nothing done yet"
    lesson = window.lessons.lesson
    assert lesson is not None and lesson.id == "loss_outliers"
    assert window.lesson_note.title() == lesson.title.en and window.lesson_note.text() == lesson.text.en
    assert window.lessons.dock.isVisible()
    assert SPEEDS[window.speed_slider.value()] == lesson.pace
    if lesson.runs > 1:
        assert window.comparisons.is_open and window.controller.comparison is not None
    else:
        assert window.document.design.with_(name="", description="") == lesson.start.with_(name="", description="")
    window.file_actions.new_design()  # another design replaces the lesson: its panel goes
    assert window.lessons.lesson is None and not window.lessons.dock.isVisible()


def test_the_question_comes_first_then_goals_tick_with_their_step_and_run(qtbot, window, tmp_path):
    lessons = opened(window, qtbot, tmp_path)
    panel = lessons.panel
    window.train_action.trigger()
    assert window.controller.state == "paused", "Train waits for the question"
    assert window.banner.isVisible() and "question" in window.banner.text()
    assert not panel.answer_button.isEnabled(), "nothing chosen yet"
    panel.choose(1)
    panel.answer_button.click()
    assert lessons.answer == 1 and not panel.is_revealed(), "the answer waits for the goals"

    trainer = Trainer(window.controller.info.design)
    deliver(window, trainer, 6)
    assert not panel.goal_ticked(0) and not panel.goal_ticked(1)
    deliver(window, trainer, 6)  # step 12
    assert panel.goal_ticked(0) and "step 12 of run 1" in panel.goal_text(0)
    assert panel.goal_ticked(1), "its evaluation in the same report counts once the first goal is met"
    assert panel.is_revealed() and "Not quite" in panel.answer_label.text()
    assert "Gradient descent" in panel.explanation_label.text()


def test_goals_met_stay_met_across_a_reset(qtbot, window, tmp_path):
    lessons = opened(window, qtbot, tmp_path, goals=[
        teacher_lesson()["goals"][0],
        {"id": "fresh_run", "text": {"en": "A second run", "ko": "두 번째 실행"}, "needs_change": False,
         "after": "ten_steps", "when": {"all": [{"metric": "step", "op": "<=", "value": 3},
                                                {"metric": "step", "op": ">=", "value": 1}]}},
    ])
    lessons.panel.skip_button.click()
    trainer = Trainer(window.controller.info.design)
    deliver(window, trainer, 10)
    assert lessons.panel.goal_ticked(0) and not lessons.panel.goal_ticked(1)
    window.reset_action.trigger()  # new initial weights: a fresh run
    qtbot.waitUntil(lambda: window.controller.state == "paused" and window.controller.info is not None
                    and window.controller.info.run_id == window.controller.run_id, timeout=TIMEOUT)
    deliver(window, Trainer(window.controller.info.design), 2)
    assert lessons.panel.goal_ticked(0) and "run 1" in lessons.panel.goal_text(0)
    assert lessons.panel.goal_ticked(1) and "step 2 of run 2" in lessons.panel.goal_text(1)
    assert lessons.panel.is_revealed() and "The answer: Yes" in lessons.panel.answer_label.text()


def test_hints_come_after_their_time_training_or_on_request(qtbot, window, tmp_path):
    lessons = opened(window, qtbot, tmp_path)
    assert lessons.panel.hints_shown() == []
    lessons.advance(29)
    assert lessons.panel.hints_shown() == []
    lessons.advance(1)
    assert lessons.panel.hints_shown() == ["Press Train."]
    lessons.panel.hint_button.click()
    assert lessons.panel.hints_shown() == ["Press Train.", "Watch the loss curve."]
    assert not lessons.panel.hint_button.isEnabled(), "no hint left"


def test_hints_go_once_every_goal_is_met_and_none_comes_back(qtbot, window, tmp_path):
    lessons = opened(window, qtbot, tmp_path)
    lessons.panel.skip_button.click()
    deliver(window, Trainer(window.controller.info.design), 10)
    assert lessons.progress.done and lessons.panel.is_revealed()
    assert lessons.panel.hints_box.isHidden() and lessons.panel.hint_button.isHidden(), "room for the answer"
    lessons.advance(60)
    lessons.show_next_hint()
    assert lessons.panel.hints_shown() == [] and lessons.panel.hints_box.isHidden()


def test_progress_survives_a_new_window_with_the_same_settings(qtbot, window, tmp_path, settings):
    lessons = opened(window, qtbot, tmp_path)
    lessons.panel.choose(0)
    lessons.panel.answer_button.click()
    deliver(window, Trainer(window.controller.info.design), 10)
    window.close()
    again = open_window(qtbot, settings, tmp_path / "again")
    try:
        records = again.lessons.records  # kept by the lesson's id and its file
        key = records.key("teacher_steps", tmp_path / "teacher.json")
        assert records.met(key) == {"ten_steps": (10, 1), "learned": (10, 1)}
        assert records.answer(key) == 0
        assert records.status(shipped_lessons()[0]) == ""
        assert again.lessons.open_path(write(tmp_path, teacher_lesson()))
        panel = again.lessons.panel
        assert panel.goal_ticked(0) and panel.goal_ticked(1) and "earlier session" in panel.goal_text(0)
        assert panel.is_revealed() and "Right: Yes" in panel.answer_label.text()
    finally:
        again.close()


def test_the_list_marks_done_and_in_progress(qtbot, window, tmp_path):
    records = window.lessons.records
    lessons = shipped_lessons()
    first, second = lessons[0], lessons[1]
    records.remember_answer(records.key(second.id), -1)
    records.remember_met(records.key(first.id), {g.id: GoalMet(g.id, 40, 1) for g in first.goals})
    dialog = LessonList(lessons, records.status, "en", window)
    rows = dict(dialog.rows())
    assert rows[first.title.en] == "✔ Done" and rows[second.title.en] == "In progress"
    assert rows[lessons[2].title.en] == ""
    dialog.close()


def test_a_bad_lesson_file_names_each_problem_by_field_and_changes_nothing(qtbot, window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(window.file_actions, "show_problems", lambda title, error: shown.append((title, error)))
    before = window.document.design
    bad = teacher_lesson(pace=7)
    bad["goals"][0]["when"]["metric"] = "tset_loss"
    assert not window.lessons.open_path(write(tmp_path, bad))
    (title, error), = shown
    text = error_text(error)
    assert "pace" in text and "goals[0].when.metric" in text and "tset_loss" in text
    assert "Traceback" not in text
    assert window.lessons.lesson is None and window.document.design == before


def test_a_comparison_lesson_ticks_from_every_run(qtbot, window, monkeypatch):
    lesson = next(lesson for lesson in shipped_lessons() if lesson.runs > 1)
    window.lessons.open(lesson)
    comparison = window.controller.comparison
    assert comparison is not None and window.comparisons.is_open
    fake = FakeComparison(comparison, run_id=window.controller.run_id)
    window.controller._on_bridge_message_received(cm.ComparisonReady(fake.info()))
    window.controller._on_bridge_message_received(fake.snapshot(0, "paused"))
    qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)
    observed = []
    monkeypatch.setattr(window.lessons.progress, "observe",
                        lambda observations, run=0: observed.append((len(observations), run)) or [])
    window.controller._on_bridge_message_received(fake.snapshot(3, "paused"))
    assert observed[-1] == (len(comparison.designs()), 1), "one observation per run of the comparison"


def test_a_lesson_in_korean(qtbot, settings, tmp_path, korean):
    window = open_window(qtbot, settings, tmp_path, language="ko")
    try:
        lessons = opened(window, qtbot, tmp_path)
        panel = lessons.panel
        assert window.lesson_note.title() == "열 스텝"
        assert HANGUL.search(panel.question_box.title()) and HANGUL.search(panel.answer_button.text())
        assert HANGUL.search(lessons.dock.windowTitle()) and HANGUL.search(lessons.list_action.text())
        panel.skip_button.click()
        deliver(window, Trainer(window.controller.info.design), 10)
        assert panel.goal_ticked(0) and HANGUL.search(panel.goal_text(0).splitlines()[-1])
        assert HANGUL.search(panel.answer_label.text()) and "경사하강법" in panel.explanation_label.text()
        dialog = LessonList(shipped_lessons(), lessons.records.status, "ko", window)
        assert all(HANGUL.search(stage) for stage in dialog.stages())
        assert all(HANGUL.search(title) for title, _ in dialog.rows())
        dialog.close()
    finally:
        window.close()


def test_nothing_trains_before_the_question_whichever_way_training_is_asked_for(qtbot, window, tmp_path):
    lessons = opened(window, qtbot, tmp_path)
    sent = []
    send = window.controller._send
    window.controller._send = lambda message: sent.append(type(message).__name__) or send(message)
    button = window.toolbar.widgetForAction
    ways = {
        "Train": window.train_action.trigger, "Step": window.step_action.trigger,
        "Epoch": window.epoch_action.trigger, "Train button": button(window.train_action).click,
        "Step button": button(window.step_action).click, "Epoch button": button(window.epoch_action).click,
        "Space": lambda: QTest.keyClick(lessons.panel, Qt.Key_Space),
        "'.'": lambda: QTest.keyClick(lessons.panel, Qt.Key_Period),
        "Ctrl+E": lambda: QTest.keyClick(lessons.panel, Qt.Key_E, Qt.ControlModifier),
        "a step inside": window.controller.trace_step,
    }
    for way, ask in ways.items():
        window.banner.hide_message()
        ask()
        assert not TRAINING & set(sent), f"{way} trained before the question was answered"
        assert window.banner.isVisible() and "question" in window.banner.text(), f"{way}: the banner says why"
    lessons.panel.skip_button.click()
    window.step_action.trigger()
    assert "Step" in sent, "once answered (or skipped), Step trains"
    qtbot.waitUntil(lambda: len(window.controller.history.losses.steps) == 1, timeout=TIMEOUT)


def test_a_lesson_opened_while_training_waits_for_its_question(qtbot, window, tmp_path):
    window.controller.play()
    qtbot.waitUntil(lambda: window.controller.state == "running", timeout=TIMEOUT)
    lessons = window.lessons
    assert lessons.open_path(write(tmp_path, teacher_lesson()))
    assert window.controller.paused, "the lesson's run does not start training before its question"
    assert window.banner.isVisible() and "question" in window.banner.text()
    qtbot.waitUntil(lambda: window.controller.state == "paused" and window.controller.info is not None,
                    timeout=TIMEOUT)
    comparison = next(lesson for lesson in shipped_lessons() if lesson.runs > 1)
    lessons.panel.skip_button.click()
    window.controller.play()
    qtbot.waitUntil(lambda: window.controller.state == "running", timeout=TIMEOUT)
    assert lessons.open(comparison)
    assert window.controller.comparison is not None and window.controller.paused
    sent = []
    send = window.controller._send
    window.controller._send = lambda message: sent.append(type(message).__name__) or send(message)
    for action in (window.train_action, window.step_action, window.epoch_action):
        action.trigger()
    assert not TRAINING & set(sent), "the comparison's runs wait for the question too"


def test_start_over_forgets_the_lesson_and_loads_its_start_again(qtbot, window, tmp_path, monkeypatch):
    lessons = opened(window, qtbot, tmp_path)
    panel, records = lessons.panel, lessons.records
    asked = []
    monkeypatch.setattr(Lessons, "confirm_start_over", lambda self, title: asked.append(title) or True)
    panel.start_over_button.click()
    assert asked == [] and lessons.lesson is not None, "nothing to lose: no question asked"
    qtbot.waitUntil(lambda: window.controller.state == "paused" and window.controller.info is not None
                    and window.controller.info.run_id == window.controller.run_id, timeout=TIMEOUT)
    panel.choose(0)
    panel.answer_button.click()
    deliver(window, Trainer(window.controller.info.design), 10)
    lessons.show_next_hint()
    window.document.apply(window.document.design.with_optimizer(lr=0.5), "a learner's edit")
    assert panel.goal_ticked(0) and panel.goal_ticked(1) and panel.is_revealed()
    run = window.controller.run_id

    monkeypatch.setattr(Lessons, "confirm_start_over", lambda self, title: asked.append(title) or False)
    panel.start_over_button.click()
    assert asked == ["Ten steps"] and panel.goal_ticked(0) and records.answer(lessons.key) == 0, "Cancel keeps it"

    monkeypatch.setattr(Lessons, "confirm_start_over", lambda self, title: asked.append(title) or True)
    panel.start_over_button.click()
    assert len(asked) == 2
    assert not panel.goal_ticked(0) and not panel.goal_ticked(1) and not panel.is_revealed()
    assert lessons.answer is None and not panel.buttons.isHidden() and panel.hints_shown() == []
    assert records.met(lessons.key) == {} and records.answer(lessons.key) is None
    assert window.document.design.optimizer.lr == DESIGN.optimizer.lr, "its start, not the edit"
    assert window.controller.run_id != run, "a fresh run"
    window.train_action.trigger()
    assert window.controller.paused and "question" in window.banner.text(), "the question comes first again"


def test_the_list_starts_over_a_finished_lesson(qtbot, window, monkeypatch):
    records = window.lessons.records
    done, fresh = shipped_lessons()[0], shipped_lessons()[1]
    records.remember_met(records.key(done.id), {g.id: GoalMet(g.id, 40, 1) for g in done.goals})
    records.remember_answer(records.key(done.id), 1)
    monkeypatch.setattr(Lessons, "confirm_start_over", lambda self, title: True)
    seen = {}

    def pick(self, dialog):
        dialog.select(fresh.id)
        seen["fresh"] = dialog.start_over_button.isEnabled()
        dialog.select(done.id)
        seen["done"] = dialog.start_over_button.isEnabled()
        dialog.start_over_button.click()
        return dialog.result()

    monkeypatch.setattr(Lessons, "exec_list", pick)
    window.lessons.list_action.trigger()
    assert seen == {"fresh": False, "done": True}, "Start Over is offered for a lesson done or in progress"
    assert window.lessons.lesson.id == done.id and records.status(done) == ""
    assert not window.lessons.panel.goal_ticked(0) and window.lessons.answer is None


def test_a_teacher_file_with_a_shipped_lessons_id_keeps_its_own_progress(qtbot, window, tmp_path):
    shipped = shipped_lessons()[0]
    records = window.lessons.records
    records.remember_met(records.key(shipped.id), {g.id: GoalMet(g.id, 40, 1) for g in shipped.goals})
    lessons = opened(window, qtbot, tmp_path, id=shipped.id)
    assert not lessons.panel.goal_ticked(0), "the shipped lesson's progress is not this file's"
    lessons.panel.choose(0)
    lessons.panel.answer_button.click()
    deliver(window, Trainer(window.controller.info.design), 10)
    assert lessons.panel.goal_ticked(0) and lessons.panel.goal_ticked(1)
    shipped_key = records.key(shipped.id)
    assert records.status(shipped) == "done" and records.answer(shipped_key) is None, "the shipped record is untouched"
    assert set(records.met(shipped_key)) == {g.id for g in shipped.goals}

    (tmp_path / "copy").mkdir()
    assert lessons.open_path(write(tmp_path / "copy", teacher_lesson(id=shipped.id)))
    assert not lessons.panel.goal_ticked(0) and lessons.answer is None, "another file with the same id: its own record"
    assert lessons.open_path(tmp_path / "teacher.json")
    assert lessons.panel.goal_ticked(1) and lessons.answer == 0, "the same file again: its record"
    shipped_file = next(path for path in lesson_paths() if load_lesson(path).id == shipped.id)
    assert lessons.open_path(shipped_file)
    assert lessons.key == shipped_key and lessons.panel.goal_ticked(0), "the shipped file is the shipped lesson"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_lesson_fits_a_1280x720_screen_beside_the_design_dock(qtbot, settings, tmp_path, qapp, language):
    translators = install_translators(qapp, language)
    window = open_window(qtbot, settings, tmp_path, language=language)
    try:
        window.resize(1280, 720)
        lessons, panel = window.lessons, window.lessons.panel

        def fits(state: str, lesson) -> None:
            qtbot.waitUntil(lambda: not getattr(lessons, "_fit_timer", QTimer()).isActive() and panel.verticalScrollBar().maximum() == 0,
                            timeout=10_000)
            assert panel.verticalScrollBar().maximum() == 0, f"{lesson.id} {state}: the lesson panel scrolls"

        for lesson in shipped_lessons():
            assert lessons.open(lesson)
            fits("asking", lesson)
            panel.skip_button.click()
            lessons.show_next_hint()
            fits("training, a hint shown", lesson)
            assert window.design_dock.height() > lessons.dock.height(), f"{lesson.id}: the Design dock keeps the room"
            lessons.records.remember_met(lessons.key, {g.id: GoalMet(g.id, 40, 1) for g in lesson.goals})
            assert lessons.open(lesson)
            assert panel.is_revealed()
            fits("done, the answer revealed", lesson)
    finally:
        window.close()
        for translator in translators:
            qapp.removeTranslator(translator)
        install_translators(qapp, "en")
