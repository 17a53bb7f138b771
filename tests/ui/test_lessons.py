"""Lessons as a learner meets them: the explanation stays pinned while its design is open,
a preset opens at a pace a person can watch, and Open Preset follows the course."""

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from playground.design.schema import Design
from playground.design.io import save_design
from playground.design.course import STAGE_WORDS, STAGES
from playground.design.presets import find_preset, list_presets
from playground.ui.labels import stage_words
from playground.training.run_loop import SPEEDS
from ui_window import open_window

TIMEOUT = 60_000






def note_shown(window) -> str:
    """The explanation a learner can read now ("" when there is none or it is folded)."""
    note = window.lesson_note
    if not note.isVisible() or not note.body.isVisible():
        return ""
    return note.text()


def test_the_explanation_survives_finished_reset_and_edits_and_new_clears_it(qtbot, window):
    preset = find_preset("batch_full")
    window.file_actions.open_preset(preset)
    assert window.lesson_note.title() == preset.title_en
    assert note_shown(window) == preset.explanation_en
    window.document.apply(window.document.design.with_training(epochs=3), "fewer epochs")  # restarts the run
    qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)
    window.lr_box.setValue(0.2)  # a live edit
    window.controller.play()
    qtbot.waitUntil(lambda: window.controller.state == "finished", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: "Finished" in window.banner.text(), timeout=TIMEOUT)
    assert window.banner.isVisible()
    assert note_shown(window) == preset.explanation_en, "the Finished message sits beside the note, not over it"

    window.reset_action.trigger()
    qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)
    assert not window.banner.isVisible()
    assert note_shown(window) == preset.explanation_en

    window.file_actions.new_design()
    assert not window.lesson_note.isVisible() and window.lesson_note.text() == ""
    assert not window.lesson_action.isEnabled()


def test_the_explanation_folds_and_comes_back_from_the_view_menu_and_keyboard(qtbot, window):
    preset = find_preset("optimizer_adam")
    window.file_actions.open_preset(preset)
    window.lesson_note.fold_button.click()  # the learner hides it
    assert note_shown(window) == ""
    assert window.lesson_note.title() == preset.title_en, "the title line stays as the way back"
    assert not window.lesson_action.isChecked()
    window.lesson_action.trigger()  # View > Explanation
    assert note_shown(window) == preset.explanation_en
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)
    assert note_shown(window) == ""
    qtbot.keyClick(window, Qt.Key_L, Qt.ControlModifier)
    assert note_shown(window) == preset.explanation_en


def test_another_preset_or_file_replaces_the_explanation_and_notices_go_to_the_banner(qtbot, window, tmp_path):
    window.file_actions.open_preset(find_preset("perceptron_linear"))
    second = find_preset("perceptron_xor")
    window.file_actions.open_preset(second)
    assert note_shown(window) == second.explanation_en

    described = tmp_path / "mine.json"
    save_design(Design(name="My spiral", description="Watch the arms appear.").with_data(dataset="spiral"), described)
    assert window.file_actions.open_path(described)
    assert (window.lesson_note.title(), note_shown(window)) == ("My spiral", "Watch the arms appear.")
    window.show_notice("Something happened.")
    assert window.banner.text() == "Something happened." and note_shown(window) == "Watch the arms appear."

    plain = tmp_path / "plain.json"
    save_design(Design(name="Plain"), plain)
    assert window.file_actions.open_path(plain)
    assert not window.lesson_note.isVisible()


def test_a_korean_window_explains_in_korean_even_a_preset_saved_as_a_file(qtbot, settings, tmp_path):
    from PySide6.QtWidgets import QApplication

    from playground.ui.i18n import install_translators

    translators = install_translators(QApplication.instance(), "ko")
    window = open_window(qtbot, settings, tmp_path, language="ko")
    try:
        preset = find_preset("deep_with_batchnorm")
        window.file_actions.open_preset(preset)
        assert window.lesson_note.title() == preset.title_ko and note_shown(window) == preset.explanation_ko
        saved = tmp_path / "saved.json"
        save_design(window.document.design, saved)  # the file carries the English text
        window.file_actions.new_design()
        window.file_actions.open_path(saved)
        assert note_shown(window) == preset.explanation_ko
        assert window.speed_label.text() == f"{preset.pace:,.0f} 스텝/초"  # the preset's pace, worded in Korean
        window.speed_slider.setValue(SPEEDS.index(None))
        assert window.speed_label.text() == "최대"
        window.speed_slider.setValue(SPEEDS.index(30))
        assert window.speed_label.text() == "30 스텝/초"
        window.file_actions.preset_menu.aboutToShow.emit()
        titles = [a.menu().title() for a in window.file_actions.preset_menu.actions()]
        stages = [s for s in STAGES if any(p.stage == s for p in list_presets())]
        assert titles == [stage_words(s) for s in stages] and titles[0] == "뉴런과 퍼셉트론"
    finally:
        window.document.undo_stack.setClean()
        window.close()
        for translator in translators:
            QApplication.instance().removeTranslator(translator)


def test_a_preset_opens_at_its_pace_until_the_learner_changes_it(qtbot, window, settings):
    assert window.speed_label.text() == "max"
    paced = dataclasses.replace(find_preset("batch_full"), pace=10)
    window.file_actions.open_preset(paced)
    assert window.controller.speed == 10
    assert window.speed_label.text() == "10 steps/s"
    assert paced.title_en in window.speed_slider.toolTip() and "10 steps/s" in window.speed_slider.toolTip()
    assert int(settings.value("speed")) == SPEEDS.index(None), "a preset's pace is not the learner's remembered speed"

    window.speed_slider.setValue(SPEEDS.index(100))  # the learner's choice
    assert window.controller.speed == 100 and window.speed_label.text() == "100 steps/s"
    assert paced.title_en not in window.speed_slider.toolTip()
    window.file_actions.open_preset(dataclasses.replace(find_preset("batch_stochastic"), pace=None))
    window.file_actions.new_design()
    assert window.controller.speed == 100, "presets without a pace and New keep the learner's speed"
    assert int(settings.value("speed")) == SPEEDS.index(100)

    window.file_actions.open_preset(dataclasses.replace(find_preset("batch_minibatch"), pace=30))
    assert window.controller.speed == 30 and window.speed_label.text() == "30 steps/s"


def test_the_preset_menu_is_grouped_by_course_stage_in_course_order(qtbot, window):
    menu = window.file_actions.preset_menu
    menu.aboutToShow.emit()
    presets = list_presets()
    stages = [s for s in STAGES if any(p.stage == s for p in presets)]
    submenus = [a.menu() for a in menu.actions()]
    assert all(isinstance(m, QMenu) for m in submenus)
    assert [m.title() for m in submenus] == [STAGE_WORDS[s] for s in stages]
    assert "Feed-forward networks and XOR" in [m.title() for m in submenus], "the lesson list's stages"
    for stage, submenu in zip(stages, submenus):
        assert [a.text() for a in submenu.actions()] == [p.title_en for p in presets if p.stage == stage]
    first = submenus[0].actions()[0]
    first.trigger()
    assert window.lesson_note.title() == presets[0].title_en
    assert window.document.design.name == presets[0].title_en


def test_a_long_korean_explanation_wraps_and_scrolls_in_whole_lines_above_a_roomy_output(qtbot):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from playground.ui.panels.lesson_note import MAX_SHARE, LessonNote, _line_bottoms

    column = QWidget()
    qtbot.addWidget(column)
    layout = QVBoxLayout(column)
    note, output = LessonNote(), QWidget()
    layout.addWidget(note)
    layout.addWidget(output, 1)
    column.resize(430, 400)  # the output column of a 1280x720 window
    column.show()
    text = find_preset("deep_with_batchnorm").explanation_ko * 2
    note.set_lesson("배치 정규화를 넣은 같은 신경망", text)
    qtbot.waitUntil(lambda: note.body.verticalScrollBar().maximum() > 0 and note.height() == note.sizeHint().height())
    body = note.body
    assert body.horizontalScrollBar().maximum() == 0, "the text wraps instead of running off to the side"
    assert body.height() <= MAX_SHARE * column.height()
    assert any(abs(body.height() - bottom) < 1 for bottom in _line_bottoms(body.document())), "no half line"
    assert note.height() <= 0.33 * column.height(), "title line and text together leave the output two thirds"
    body.verticalScrollBar().setValue(body.verticalScrollBar().maximum())  # the end of the text can be reached
    assert body.cursorForPosition(body.viewport().rect().bottomLeft()).block().text().endswith("씁니다.")
