"""The File menu as a user works it: open, save, unsaved marks, bad files, autosave, exports, weights."""

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from playground.design import Design, LinearLayer
from playground.design_io import design_to_json, load_design, save_design
from playground.ui import file_actions as fa
from playground.ui.main_window import MainWindow

TIMEOUT = 60_000


@pytest.fixture
def window(qtbot, settings, tmp_path):
    window = MainWindow(settings, data_dir=tmp_path / "data")
    window.show()
    qtbot.waitUntil(lambda: bool(window.views) and window.controller.state == "paused", timeout=TIMEOUT)
    yield window
    window.document.undo_stack.setClean()
    window.close()


def answer_save_dialog(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def test_save_as_then_edit_marks_the_title_and_save_clears_it(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "mine.json"
    answer_save_dialog(monkeypatch, path)
    window.document.apply(window.document.design.with_data(noise=0.2), "noise")
    assert window.isWindowModified()
    assert window.file_actions.save()
    assert load_design(path) == window.document.design
    assert not window.isWindowModified() and "mine" in window.windowTitle()
    window.document.apply(window.document.design.with_data(noise=0.3), "noise")
    assert window.isWindowModified()
    window.file_actions.save()  # to the same file, no dialog needed
    assert load_design(path).data.noise == 0.3


def test_open_a_design_and_a_bad_file_leaves_the_screen_untouched(qtbot, window, tmp_path, monkeypatch):
    good = tmp_path / "spiral.json"
    save_design(Design(name="Spiral").with_data(dataset="spiral"), good)
    assert window.file_actions.open_path(good)
    assert window.document.design.data.dataset == "spiral"
    qtbot.waitUntil(lambda: window.controller.info is not None and window.controller.info.design.data.dataset == "spiral",
                    timeout=TIMEOUT)

    shown = []
    monkeypatch.setattr(fa.FileActions, "show_problems", lambda self, title, error: shown.append(error))
    bad = tmp_path / "bad.json"
    document = json.loads(design_to_json(Design()))
    document["version"] = 9
    document["optimizer"]["lr"] = "fast"
    bad.write_text(json.dumps(document))
    assert not window.file_actions.open_path(bad)
    assert "newer" in str(shown[-1])
    document["version"] = 1
    bad.write_text(json.dumps(document))
    assert not window.file_actions.open_path(bad)
    assert [p.field for p in shown[-1].problems] == ["optimizer.lr"]
    assert not window.file_actions.open_path(tmp_path / "missing.json")
    assert window.document.design.data.dataset == "spiral", "the design on screen stays"


def test_unsaved_changes_are_asked_about_and_cancel_keeps_them(qtbot, window, monkeypatch):
    window.document.apply(window.document.design.with_data(noise=0.4), "noise")
    monkeypatch.setattr(fa.FileActions, "ask_save_changes", lambda self: "cancel")
    window.file_actions.new_design()
    assert window.document.design.data.noise == 0.4
    monkeypatch.setattr(fa.FileActions, "ask_save_changes", lambda self: "discard")
    window.file_actions.new_design()
    assert window.document.design == Design()


def test_closing_with_unsaved_changes_can_be_cancelled(qtbot, window, monkeypatch):
    window.document.apply(window.document.design.with_data(noise=0.4), "noise")
    monkeypatch.setattr(fa.FileActions, "ask_save_changes", lambda self: "cancel")
    assert not window.close()
    assert window.isVisible()


def test_recent_files_remember_what_was_opened(qtbot, window, tmp_path):
    for name in ("a", "b"):
        save_design(Design(name=name), tmp_path / f"{name}.json")
        window.file_actions.open_path(tmp_path / f"{name}.json")
    assert [Path(p).name for p in window.file_actions.recent_files()] == ["b.json", "a.json"]


def test_autosave_survives_a_crash_and_is_offered_back(qtbot, settings, tmp_path, monkeypatch):
    data = tmp_path / "data"
    first = MainWindow(settings, data_dir=data)
    first.document.apply(first.document.design.with_(layers=(LinearLayer(units=7),)), "edit")
    qtbot.waitUntil(lambda: (data / "autosave.json").exists(), timeout=10_000)
    saved = load_design(data / "autosave.json")
    first.controller.shutdown()  # a crash: the window never closes normally
    first.file_actions._autosave_timer.stop()
    assert saved.layers[0].units == 7

    monkeypatch.setattr(fa.FileActions, "ask_restore", lambda self, design: True)
    second = MainWindow(settings, data_dir=data)
    assert second.file_actions.recover_autosave()
    assert second.document.design.layers[0].units == 7 and second.isWindowModified()
    second.document.undo_stack.setClean()
    assert not (data / "autosave.json").exists(), "saving (here: clean) removes the autosave"
    second.close()
    first.deleteLater()


def test_a_dropped_design_file_opens(qtbot, window, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    path = tmp_path / "dropped.json"
    save_design(Design(name="Dropped").with_data(dataset="moons"), path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(10, 10), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    window.dropEvent(event)
    assert window.document.design.data.dataset == "moons"


def test_exports_script_metrics_and_plots(qtbot, window, tmp_path, monkeypatch):
    window.controller.step_epoch()
    qtbot.waitUntil(lambda: len(window.loss_plot.curve_data("train_steps")[0]) == 25, timeout=TIMEOUT)
    script = tmp_path / "train.py"
    answer_save_dialog(monkeypatch, script)
    window.file_actions.export_script()
    assert "torch" in script.read_text() and "def main" in script.read_text()

    metrics = tmp_path / "metrics.csv"
    assert window.file_actions.write_metrics(metrics)
    rows = list(csv.DictReader(metrics.open()))
    assert [int(r["step"]) for r in rows] == list(range(25))
    assert any(r["test_loss"] for r in rows)

    for suffix in ("png", "svg"):
        out = tmp_path / f"loss.{suffix}"
        assert window.file_actions.write_plot(window.loss_plot, out)
        assert out.stat().st_size > 1000
    assert out.read_text().lstrip().startswith("<?xml")


def test_save_with_weights_and_reopen_resumes_where_it_stopped(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "resume.json"
    answer_save_dialog(monkeypatch, path)
    window.controller.step_epoch()
    qtbot.waitUntil(lambda: window.status_labels["step"].text() == "Step 25", timeout=TIMEOUT)
    with qtbot.waitSignal(window.controller.weights_saved, timeout=TIMEOUT) as saved:
        assert window.file_actions.save_with_weights()
    assert saved.args == [str(fa.weights_path_for(path)), ""]
    assert fa.weights_path_for(path).exists()

    window.file_actions.new_design()
    qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)
    assert window.file_actions.open_path(path)
    qtbot.waitUntil(lambda: window.controller.state == "paused" and window.status_labels["step"].text() == "Step 25",
                    timeout=TIMEOUT)


def test_weights_saved_with_another_design_are_not_loaded(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "changed.json"
    answer_save_dialog(monkeypatch, path)
    window.file_actions.save_with_weights()
    qtbot.waitUntil(lambda: fa.weights_path_for(path).exists(), timeout=TIMEOUT)
    save_design(Design(layers=(LinearLayer(units=9),)), path)  # the design changed on disk
    assert window.file_actions.open_path(path)
    assert "different design" in window.banner.text()


def test_weights_load_even_when_the_opened_design_equals_the_one_on_screen(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "same.json"
    answer_save_dialog(monkeypatch, path)
    window.controller.step_batch()
    qtbot.waitUntil(lambda: window.status_labels["step"].text() == "Step 1", timeout=TIMEOUT)
    with qtbot.waitSignal(window.controller.weights_saved, timeout=TIMEOUT):
        window.file_actions.save_with_weights()
    window.controller.step_batch()
    qtbot.waitUntil(lambda: window.status_labels["step"].text() == "Step 2", timeout=TIMEOUT)
    assert window.file_actions.open_path(path)  # the same design: no field changes
    qtbot.waitUntil(lambda: window.status_labels["step"].text() == "Step 1", timeout=TIMEOUT)
    assert window.pending_weights is None


def test_a_preset_opened_in_korean_is_named_and_saved_in_korean(qtbot, korean, settings, tmp_path, monkeypatch):
    """The save prompt, the title bar and the suggested file name used the English preset title."""
    from playground.presets import find_preset

    window = MainWindow(settings, data_dir=tmp_path / "data", language="ko")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(window.views) and window.controller.state == "paused", timeout=TIMEOUT)
    settings.setValue("last_folder", str(tmp_path))
    preset = find_preset("optimizer_adam")
    window.file_actions.open_preset(preset)
    assert preset.title_ko == "옵티마이저: Adam"
    assert window.file_actions.display_name() == "옵티마이저: Adam" and "옵티마이저: Adam" in window.windowTitle()
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, caption, start, *a, **k: (
        asked.append((caption, start)) or (str(tmp_path / Path(start).name), "")))
    assert window.file_actions.save_as()
    caption, start = asked[0]
    assert caption == "다른 이름으로 설계 저장" and Path(start) == tmp_path / "옵티마이저 - Adam.json"
    saved = load_design(tmp_path / "옵티마이저 - Adam.json")
    assert saved.name == "옵티마이저: Adam" and saved.description == preset.explanation_ko
    window.close()


def test_file_names_suggested_for_any_title_are_accepted_everywhere():
    assert fa.safe_file_name("Batch gradient descent: one step per epoch") == "Batch gradient descent - one step per epoch"
    assert fa.safe_file_name('a/b\\c*?"<x>|') == "a - b - c - x"
    assert fa.safe_file_name(" .hidden. ") == "hidden"
    assert fa.safe_file_name("...") == "design"
