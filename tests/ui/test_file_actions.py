"""The File menu as a user works it: open, save, unsaved marks, bad files, autosave, exports, weights."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog

from playground.design.schema import Design, LinearLayer
from playground.design.io import design_to_json, load_design, save_design
from playground.ui import file_actions as fa
from playground.ui.main_window import MainWindow

TIMEOUT = 60_000




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
    assert [Path(p).name for p in window.file_actions.recent.paths()] == ["b.json", "a.json"]


CRASHING_WINDOW = """
import os, sys, time
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from playground.design.schema import LinearLayer
from playground.ui.main_window import MainWindow

if __name__ == "__main__":
    app = QApplication([])
    window = MainWindow(QSettings(sys.argv[2], QSettings.IniFormat), data_dir=sys.argv[1])
    window.document.apply(window.document.design.with_(layers=(LinearLayer(units=7),)), "edit")
    deadline = time.time() + 120
    while not window.file_actions.autosave_file.exists() and time.time() < deadline:
        app.processEvents()
        time.sleep(0.01)
    print(window.file_actions.autosave_file, flush=True)
    os._exit(9)  # a crash: nothing is closed, removed or unlocked
"""


def test_autosave_survives_a_crash_and_is_offered_back(qtbot, settings, tmp_path, monkeypatch):
    data = tmp_path / "data"
    script = tmp_path / "crashing_window.py"
    script.write_text(CRASHING_WINDOW)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=os.pathsep.join(sys.path))
    crashed = subprocess.run([sys.executable, str(script), str(data), str(tmp_path / "crashed.ini")],
                             capture_output=True, text=True, timeout=300, env=env)
    autosave = Path(crashed.stdout.strip())
    assert crashed.returncode == 9 and autosave.exists(), crashed.stderr
    assert load_design(autosave).layers[0].units == 7
    assert autosave.with_suffix(".lock").exists(), "the dead window's lock is left behind"

    monkeypatch.setattr(fa.FileActions, "ask_restore", lambda self, design: True)
    second = MainWindow(settings, data_dir=data)
    assert second.file_actions.recover_autosave()
    assert second.document.design.layers[0].units == 7 and second.isWindowModified()
    assert not autosave.exists() and not autosave.with_suffix(".lock").exists()
    mine = second.file_actions.autosave_file
    assert load_design(mine).layers[0].units == 7, "the restored work is this window's autosave at once"
    second.document.undo_stack.setClean()
    assert not mine.exists(), "saving (here: clean) removes the autosave"
    second.close()
    assert sorted(p.name for p in data.iterdir()) == []


def test_each_window_keeps_its_own_autosave_and_never_touches_an_open_ones(qtbot, settings, tmp_path, monkeypatch):
    data = tmp_path / "data"
    asked = []
    monkeypatch.setattr(fa.FileActions, "ask_restore", lambda self, design: asked.append(design) or False)
    first = MainWindow(settings, data_dir=data)
    first.document.apply(first.document.design.with_(layers=(LinearLayer(units=7),)), "edit")
    qtbot.waitUntil(lambda: first.file_actions.autosave_file.exists(), timeout=10_000)

    second = MainWindow(settings, data_dir=data)  # started while the first is open
    assert not second.file_actions.recover_autosave()
    assert asked == [], "an open window's autosave is not offered"
    second.document.apply(second.document.design.with_(layers=(LinearLayer(units=5),)), "edit")
    qtbot.waitUntil(lambda: second.file_actions.autosave_file.exists(), timeout=10_000)
    assert second.file_actions.autosave_file != first.file_actions.autosave_file
    assert load_design(first.file_actions.autosave_file).layers[0].units == 7

    second.close()  # normally, discarding its changes
    assert not second.file_actions.autosave_file.exists()
    assert load_design(first.file_actions.autosave_file).layers[0].units == 7, "closing removes only its own"
    third = MainWindow(settings, data_dir=data)
    assert not third.file_actions.recover_autosave() and asked == []
    third.close()
    assert first.file_actions.autosave_file.exists()
    first.close()
    assert sorted(p.name for p in data.iterdir()) == []


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
    window.file_actions.exports.export_script()
    assert "torch" in script.read_text() and "def main" in script.read_text()

    metrics = tmp_path / "metrics.csv"
    assert window.file_actions.exports.write_metrics(metrics)
    rows = list(csv.DictReader(metrics.open()))
    assert [int(r["step"]) for r in rows] == list(range(25))
    assert any(r["test_loss"] for r in rows)

    for suffix in ("png", "svg"):
        out = tmp_path / f"loss.{suffix}"
        assert window.file_actions.exports.write_plot(window.loss_plot, out)
        assert out.stat().st_size > 1000
    assert out.read_text().lstrip().startswith("<?xml")


def test_metrics_export_needs_no_dashboard_on_screen(qtbot, settings, tmp_path):
    """The metrics come from the run's history, not from the Loss dock's curves: a window whose
    dashboards were never built (never shown) exports every step's loss and the evaluations."""
    window = MainWindow(settings, data_dir=tmp_path / "data")
    try:
        qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)
        window.controller.step_epoch()
        qtbot.waitUntil(lambda: window.status_labels["step"].text() == "Step 25", timeout=TIMEOUT)
        assert window.views == [], "no dashboard was ever drawn"
        metrics = tmp_path / "metrics.csv"
        assert window.file_actions.exports.write_metrics(metrics)
        rows = list(csv.DictReader(metrics.open()))
        assert [int(r["step"]) for r in rows] == list(range(25))
        assert all(float(r["loss"]) > 0 for r in rows)
        evaluated = [r for r in rows if r["test_loss"]]
        assert evaluated and all(0 <= float(r["test_accuracy"]) <= 1 for r in evaluated)
    finally:
        window.document.undo_stack.setClean()
        window.close()


def test_save_with_weights_and_reopen_resumes_where_it_stopped(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "resume.json"
    answer_save_dialog(monkeypatch, path)
    window.controller.step_epoch()
    qtbot.waitUntil(lambda: window.status_labels["step"].text() == "Step 25", timeout=TIMEOUT)
    with qtbot.waitSignal(window.controller.weights_saved, timeout=TIMEOUT) as saved:
        assert window.file_actions.save_with_weights()
    assert saved.args == [str(fa.weights_path_for(path)), []]
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


def trained(qtbot, window, monkeypatch, path: Path, steps: int) -> list:
    """The run trained ``steps`` steps (1, or 25: an epoch), Save dialogs answering ``path``;
    returns the snapshots the window gets from then on (the newest last)."""
    answer_save_dialog(monkeypatch, path)
    seen = []
    window.controller.snapshot_ready.connect(seen.append)
    if steps == 25:
        window.controller.step_epoch()
    else:
        window.controller.step_batch()
    qtbot.waitUntil(lambda: window.status_labels["step"].text() == f"Step {steps}", timeout=TIMEOUT)
    return seen


def test_save_with_weights_after_a_live_learning_rate_change_resumes_with_it_and_its_curves(
        qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "live.json"
    seen = trained(qtbot, window, monkeypatch, path, 25)
    window.lr_box.setValue(0.1)  # the toolbar's live change: the run goes on
    window.document.apply(window.document.design.with_(name="Circle, faster"), "rename")  # no restart either
    qtbot.waitUntil(lambda: seen and seen[-1].lr == 0.1, timeout=TIMEOUT)
    assert seen[-1].step == 25
    steps, losses = window.loss_plot.curve_data("train_steps")
    evaluated = window.loss_plot.curve_data("test")
    assert steps.tolist() == list(range(25)) and len(evaluated[0]) >= 1
    with qtbot.waitSignal(window.controller.weights_saved, timeout=TIMEOUT) as saved:
        assert window.file_actions.save_with_weights()
    assert saved.args == [str(fa.weights_path_for(path)), []]

    window.file_actions.new_design()
    qtbot.waitUntil(lambda: window.controller.state == "paused" and window.status_labels["step"].text() == "Step 0",
                    timeout=TIMEOUT)
    assert len(window.loss_plot.curve_data("train_steps")[0]) == 0
    assert window.file_actions.open_path(path)
    run = window.controller.run_id
    qtbot.waitUntil(lambda: seen[-1].run_id == run and seen[-1].state == "paused", timeout=TIMEOUT)
    assert seen[-1].step == 25 and seen[-1].lr == 0.1, "resumed where it stopped, at the rate it trained with"
    assert window.lr_box.value() == 0.1 and window.document.design.name == "Circle, faster"
    assert "different design" not in window.banner.text()
    back_steps, back_losses = window.loss_plot.curve_data("train_steps")
    np.testing.assert_array_equal(back_steps, steps)
    np.testing.assert_array_equal(back_losses, losses)
    np.testing.assert_array_equal(window.loss_plot.curve_data("test")[1][: len(evaluated[1])], evaluated[1])
    window.controller.step_batch()
    qtbot.waitUntil(lambda: window.status_labels["step"].text() == "Step 26", timeout=TIMEOUT)
    assert window.loss_plot.curve_data("train_steps")[0].tolist() == list(range(26)), "the curve carries on"


def test_weights_resume_a_design_saved_later_with_another_learning_rate_at_that_rate(
        qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "later.json"
    seen = trained(qtbot, window, monkeypatch, path, 1)
    with qtbot.waitSignal(window.controller.weights_saved, timeout=TIMEOUT):
        window.file_actions.save_with_weights()
    window.lr_box.setValue(0.2)
    assert window.file_actions.save()  # the design only: the weights file keeps 0.03
    assert window.file_actions.open_path(path)
    run = window.controller.run_id
    qtbot.waitUntil(lambda: seen and seen[-1].run_id == run and seen[-1].state == "paused", timeout=TIMEOUT)
    assert seen[-1].step == 1 and seen[-1].lr == 0.2, "a live field: the design opened decides it"


def hostile_weights(kind: str, weights: Path, good: bytes) -> None:
    """Put a weights file of ``kind`` at ``weights`` (``good`` is a real one's bytes)."""
    if kind == "truncated":
        weights.write_bytes(good[: len(good) // 2])
    elif kind == "pickle":
        import torch

        torch.save({"network.0.weight": torch.zeros(4, 2)}, weights)
    elif kind == "foreign":
        from safetensors.numpy import save

        weights.write_bytes(save({"w": np.zeros(3, np.float32)}, {"format": "pt"}))
    elif kind == "newer":
        weights.write_bytes(good.replace(b'"version":"1"', b'"version":"7"'))
    elif kind == "dev_zero":
        weights.symlink_to("/dev/zero")
    elif kind == "sparse":
        with open(weights, "wb") as file:
            file.truncate(2 * 2**30)
    elif kind == "fifo":
        os.mkfifo(weights)
    elif kind == "folder":
        weights.mkdir()


HOSTILE = {"truncated": "cut short", "pickle": "torch.save (a pickle)", "foreign": "saved by another program",
           "newer": "newer NN Playground (format version 7)", "dev_zero": "not an ordinary file",
           "sparse": "too large (2,048 MB; at most 1,024 MB)", "fifo": "not an ordinary file",
           "folder": "a folder, not a weights file"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")
def test_a_weights_file_that_cannot_be_used_is_named_with_its_real_reason(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "good.json"
    trained(qtbot, window, monkeypatch, path, 1)
    with qtbot.waitSignal(window.controller.weights_saved, timeout=TIMEOUT):
        window.file_actions.save_with_weights()
    good = fa.weights_path_for(path).read_bytes()
    assert b'"version":"1"' in good
    failed = []
    window.controller.weights_failed.connect(failed.append)
    for kind, reason in HOSTILE.items():
        design = tmp_path / f"{kind}.json"
        save_design(window.document.design, design)
        hostile_weights(kind, fa.weights_path_for(design), good)
        assert window.file_actions.open_path(design)
        note = window.banner.text()
        assert reason in note and "The run starts from new weights" in note, (kind, note)
        assert "different design" not in note
    qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)
    assert window.status_labels["step"].text() == "Step 0" and failed == []


def test_opening_a_design_removes_stale_temp_files_of_killed_saves(qtbot, window, tmp_path):
    import tempfile
    import time

    path = tmp_path / "kept.json"
    save_design(Design(), path)
    left = []
    for target, age in ((path, 3600), (fa.weights_path_for(path), 3600), (path, 2)):
        fd, temp = tempfile.mkstemp(dir=tmp_path, prefix=f".{target.name}.", suffix=".tmp")
        os.close(fd)
        os.utime(temp, (time.time() - age, time.time() - age))
        left.append(Path(temp))
    assert window.file_actions.open_path(path)
    assert [p.exists() for p in left] == [False, False, True], "a save going on now keeps its temp file"


def test_a_preset_opened_in_korean_is_named_and_saved_in_korean(qtbot, korean, settings, tmp_path, monkeypatch):
    """The save prompt, the title bar and the suggested file name used the English preset title."""
    from playground.design.presets import find_preset

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


def test_the_file_menu_works_with_only_what_it_is_given(qtbot, settings, tmp_path):
    """FileActions without a window: a parent widget, the document, a controller and the hooks.
    Opening a described design puts it and its explanation on screen through the hooks;
    Save with Weights asks the controller for the weights beside the file and reports where."""
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QWidget

    from playground.runs.history import LiveHistory
    from playground.ui.document import DesignDocument

    class Controller(QObject):
        weights_saved = Signal(str, object)
        weights_failed = Signal(object)
        history = LiveHistory()

        def save_weights(self, path, design):
            asked.append((path, design))

    asked, calls = [], []
    parent = QWidget()
    qtbot.addWidget(parent)
    document = DesignDocument()
    hooks = fa.WindowHooks(
        open_design=lambda design, weights: (document.replace(design), calls.append(("open", design.name, weights))),
        show_lesson=lambda lesson: calls.append(("lesson", lesson)),
        show_notice=lambda text: calls.append(("notice", text)),
        show_message=lambda text, ms: calls.append(("message", text)), update_title=lambda: None,
        set_pace=lambda pace, title: calls.append(("pace", pace)), exportable_views=lambda: [])
    controller = Controller()
    files = fa.FileActions(parent, document, controller, settings, language="en", data_dir=tmp_path / "data",
                           hooks=hooks)
    path = tmp_path / "described.json"
    save_design(Design(name="Described", description="Watch the boundary bend.").with_data(dataset="moons"), path)

    assert files.open_path(path)
    assert document.design.data.dataset == "moons" and files.display_name() == "described"
    assert calls == [("open", "Described", None), ("lesson", ("Described", "Watch the boundary bend."))]
    assert files.save_with_weights()
    assert asked == [(str(fa.weights_path_for(path)), document.design)]
    controller.weights_saved.emit(str(fa.weights_path_for(path)), [])
    assert calls[-1] == ("message", "Saved the weights to described.weights.safetensors")


def test_export_as_notebook_writes_it_with_the_runs_weights_beside_it(qtbot, window, tmp_path, monkeypatch):
    import nbformat

    from playground.export.notebook import weights_beside

    first = tmp_path / "untrained.ipynb"
    answer_save_dialog(monkeypatch, first)
    window.file_actions.exports.export_notebook()  # no step yet: nothing to continue from
    assert nbformat.read(first, as_version=4).cells[0].source.startswith("# ")
    assert not weights_beside(first).exists() and "WEIGHTS_FILE" not in first.read_text(encoding="utf-8")

    window.controller.step_epoch()
    qtbot.waitUntil(lambda: window.status_labels["step"].text() == "Step 25", timeout=TIMEOUT)
    path = tmp_path / "run.ipynb"
    answer_save_dialog(monkeypatch, path)
    with qtbot.waitSignal(window.controller.weights_saved, timeout=TIMEOUT) as saved:
        window.file_actions.exports.export_notebook()
    assert saved.args == [str(weights_beside(path)), []]
    notebook = nbformat.read(path, as_version=4)
    assert any('WEIGHTS_FILE = "run.ipynb.weights.safetensors"' in cell.source for cell in notebook.cells)
