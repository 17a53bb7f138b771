"""The Korean translation: complete, placeholder-safe, compiled, up to date with the
source, and actually shown by the window."""

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from playground.ui.i18n import install_translators, resolve_language

ROOT = Path(__file__).resolve().parents[2]
HANGUL = re.compile("[\uac00-\ud7a3]")
# {0}, {1:.1%}, {n}, {gamma} (str.format) and %1, %n (Qt's arg()).
PLACEHOLDER = re.compile(r"\{[A-Za-z0-9_]*(?::[^{}]*)?\}|%(?:\d+|n)")
UPDATE_HINT = "run: .venv/bin/python scripts/update_translations.py (see resources/i18n/README.md)"


def _load_script():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


script = _load_script()
TS = script.ts_path("ko")
QM = script.qm_path("ko")


def _messages(ts: Path, with_obsolete: bool = False) -> list[dict]:
    """Every message of a .ts: context, source, disambiguation comment, translation and its type."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "")
            if kind in ("obsolete", "vanished") and not with_obsolete:
                continue
            forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
            found.append({"context": name, "source": message.findtext("source"),
                          "comment": message.findtext("comment") or "", "type": kind, "forms": forms})
    return found


def _translated(ts: Path) -> list[dict]:
    """The finished messages (the unfinished ones fail the completeness test instead)."""
    return [m for m in _messages(ts) if m["type"] != "unfinished"]


def _key(m: dict) -> tuple[str, str, str]:
    return m["context"], m["source"], m["comment"]


def test_every_message_has_a_finished_translation():
    messages = _messages(TS)
    assert len(messages) > 400  # the whole window, not an empty file
    unfinished = [_key(m) for m in messages if m["type"] == "unfinished" or not all(f.strip() for f in m["forms"])]
    assert not unfinished, f"untranslated messages: {unfinished[:10]}"


def test_translations_keep_every_placeholder():
    broken = []
    for m in _translated(TS):
        wanted = sorted(PLACEHOLDER.findall(m["source"]))
        for form in m["forms"]:
            if sorted(PLACEHOLDER.findall(form)) != wanted:
                broken.append((m["source"], form))
    assert not broken, f"placeholders differ: {broken[:5]}"


def test_translations_keep_markup_and_menu_accelerators():
    broken = []
    for m in _translated(TS):
        for form in m["forms"]:
            if sorted(re.findall(r"<[^>]+>", m["source"])) != sorted(re.findall(r"<[^>]+>", form)):
                broken.append((m["source"], form))
            if re.search(r"&\w", m["source"].replace("&nbsp;", "")) and not re.search(r"\(&[A-Z]\)", form):
                broken.append((m["source"], form))  # Korean menus read "파일(&F)"
    assert not broken, f"markup or accelerator lost: {broken[:5]}"


def test_compiled_qm_matches_the_ts(tmp_path):
    fresh = tmp_path / "fresh.qm"
    script.lrelease(TS, fresh)
    assert QM.read_bytes() == fresh.read_bytes(), f"{QM.name} is out of date; {UPDATE_HINT}"


def test_every_source_message_is_in_the_committed_ts(tmp_path):
    """A new tr() string in playground/ui fails here until it is added and translated."""
    fresh = tmp_path / "fresh_ko.ts"
    script.lupdate(fresh)
    in_source = {_key(m) for m in _messages(fresh)}
    committed = {_key(m) for m in _messages(TS)}
    assert in_source  # the scan really found the window's strings
    missing = sorted(in_source - committed)
    assert not missing, f"{len(missing)} messages missing from {TS.name}, e.g. {missing[:5]}; {UPDATE_HINT}"
    stale = sorted(committed - in_source)
    assert not stale, f"messages no longer in the source are still active: {stale[:5]}; {UPDATE_HINT}"


def test_resolve_language_follows_the_system_unless_chosen():
    assert resolve_language("system", "ko_KR") == "ko"
    assert resolve_language("system", "en_US") == "en"
    assert resolve_language("system", "de_DE") == "en"
    assert resolve_language("en", "ko_KR") == "en"
    assert resolve_language("ko", "en_US") == "ko"


def test_window_speaks_korean_and_english_returns_after(qapp, qtbot, settings, tmp_path):
    from playground.ui.main_window import MainWindow

    translators = install_translators(qapp, "ko")
    assert len(translators) == 2  # ours and Qt's own (standard dialogs)
    try:
        window = MainWindow(settings, data_dir=tmp_path, language="ko")
        qtbot.addWidget(window)
        try:
            _assert_korean(window)
        finally:
            window.close()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert QApplication.translate("MainWindow", "&File") == "&File"  # other tests stay English


def _assert_korean(window) -> None:
    window.build_dashboards()
    menus = [a.text() for a in window.menuBar().actions()]
    assert {"파일(&F)", "편집(&E)", "학습(&T)", "보기(&V)", "도움말(&H)"} <= set(menus)
    docks = {d.windowTitle() for d in (window.design_dock, window.network_dock, window.loss_dock,
                                       window.gradient_dock, window.batchnorm_dock)}
    assert docks == {"설계", "신경망", "손실", "기울기 흐름", "배치 정규화"}
    tabs = [window.editor_tabs.tabText(i) for i in range(window.editor_tabs.count())]
    assert tabs == ["데이터", "계층", "학습"]
    assert window.train_action.text() == "학습"
    assert HANGUL.search(window.train_action.toolTip()) and "(Space)" in window.train_action.toolTip()
    panel = window.training_panel
    assert HANGUL.search(panel.loss_combo.toolTip())
    assert HANGUL.search(panel.loss_combo.currentText())  # a registry label, e.g. 이진 교차 엔트로피 (BCE)
    assert HANGUL.search(panel.epoch_hint.text())
    assert window.status_labels["state"].text() in ("준비 중…", "일시 정지됨")
    assert window.status_labels["mode"].text() == "즉시 실행"  # the step mode, not "eager"


def test_the_file_dialog_speaks_korean(korean, qtbot):
    """Qt's own Korean translation lacks two labels of Qt 6's file dialog ("&Look in:",
    "Files of &type:"); a Korean interface on a system of another language uses Qt's dialog."""
    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

    from playground.ui.i18n import file_dialog_options, qt_translation_folders

    assert any((folder / "qtbase_ko.qm").exists() for folder in qt_translation_folders())
    if resolve_language("system") != "ko":
        assert file_dialog_options() & QFileDialog.DontUseNativeDialog
    for mode in (QFileDialog.AcceptOpen, QFileDialog.AcceptSave):
        dialog = QFileDialog(None, "설계 열기", str(ROOT), "NN Playground 설계 (*.json)")
        qtbot.addWidget(dialog)
        dialog.setOptions(QFileDialog.DontUseNativeDialog)
        dialog.setAcceptMode(mode)
        dialog.show()
        texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton) if w.text()]
        assert len(texts) >= 5 and all(HANGUL.search(t) for t in texts), texts
        assert "찾는 위치(&L):" in texts and "파일 형식(&T):" in texts
        dialog.close()


def test_the_coach_speaks_korean(korean):
    """Each finding's title, explanation (its numbers kept) and fix are worded in Korean."""
    from PySide6.QtCore import QCoreApplication

    from playground.coach import Finding
    from playground.coach.words import EXPLANATIONS, finding_text, finding_title, fix_text

    translate = QCoreApplication.translate
    dead = Finding("dead_units", ("Linear 2", 0.75), fix={"layers.activation": "leaky_relu"})
    assert finding_title(dead, translate) == "죽은 ReLU 뉴런"
    assert "Linear 2" in finding_text(dead, translate) and "75%" in finding_text(dead, translate)
    assert HANGUL.search(fix_text(dead, translate))
    diverged = Finding("diverged", ("infinite", 19, "Linear 1", 1.0))
    assert "무한대" in finding_text(diverged, translate) and "19" in finding_text(diverged, translate)
    assert all(HANGUL.search(translate("Coach", text)) for text in EXPLANATIONS.values())


def test_why_a_step_inside_has_no_answer_speaks_korean(korean):
    """Each inside-one-step problem (playground.runs.inside) is worded in Korean, its numbers and layer kept."""
    from playground.errors import Problem
    from playground.ui.labels import layer_name
    from playground.ui.messages.inside import INSIDE_WORDINGS
    from playground.ui.messages import problem_message

    args = {"inside_no_weight": ("Linear 1", "weight[9, 0]"), "inside_no_neuron": ("BatchNorm 2", 8),
            "inside_point": (2, 1), "inside_no_layer": (6,), "inside_not_linear": ("Dropout 1",)}
    texts = {code: problem_message(Problem("", "English", code, args.get(code, ()))) for code in INSIDE_WORDINGS}
    assert all(HANGUL.search(text) for text in texts.values()), texts
    assert texts["inside_no_weight"] == layer_name("Linear 1") + "에는 weight[9, 0]이(가) 없습니다."
    assert "8" in texts["inside_no_neuron"] and "2" in texts["inside_point"] and "1" in texts["inside_point"]
    assert "6" in texts["inside_no_layer"] and texts["inside_not_linear"].startswith(layer_name("Dropout 1"))


def test_korean_text_is_drawn_with_this_systems_korean_font(qapp):
    """The interface font keeps its own family for Latin text and takes Hangul from the
    system's Korean font (platforms.korean_fonts): Noto Sans CJK KR here on Linux."""
    import sys

    from PySide6.QtGui import QFontDatabase, QFontInfo, QTextLayout

    from playground.platforms import korean_fonts
    from playground.ui.app import use_korean_fonts

    original = qapp.font()
    interface = QFontInfo(original).family()  # "Sans Serif" resolves to a real family, DejaVu Sans here
    try:
        for platform in ("win32", "darwin", "linux"):
            use_korean_fonts(qapp, platform)
            assert qapp.font().families() == [interface, *korean_fonts(platform)]
            qapp.setFont(original)
        use_korean_fonts(qapp, sys.platform)
        installed = [name for name in korean_fonts(sys.platform) if name in QFontDatabase.families()]
        if not installed:
            pytest.skip(f"none of {korean_fonts(sys.platform)} is installed here")
        layout = QTextLayout("Loss 손실 함수", qapp.font())
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        fonts = {run.rawFont().familyName() for run in layout.glyphRuns()}
        assert fonts == {interface, installed[0]}  # Latin in the interface font, Hangul in the Korean one
    finally:
        qapp.setFont(original)
