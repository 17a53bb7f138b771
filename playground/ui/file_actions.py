"""The File menu: New, Open, Save, Save As, Save with weights, recent files, presets,
exports, and the autosave that lets unsaved work survive a crash.

Loading goes through design_io (plain JSON, every problem named by field); a file
that cannot be read leaves the design on screen untouched. Saves are atomic. The
autosave is written a second after each edit to ``data_dir/autosave.json`` and
removed when the window closes normally, so finding it at start-up means the last
session ended without closing: it is offered back.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from playground.design import Design
from playground.design_io import weights_path_for
from playground.errors import PlaygroundError

from .i18n import file_dialog_options

DESIGN_FILTER = QT_TRANSLATE_NOOP("FileActions", "NN Playground design (*.json)")  # shown through self.tr
MAX_RECENT = 8
AUTOSAVE_DELAY_MS = 1000


def stored_design_of_weights(path: Path) -> str | None:
    """The design JSON recorded in a weights file, read without torch; None if unreadable."""
    try:
        from safetensors import safe_open

        with safe_open(str(path), framework="numpy") as handle:
            return (handle.metadata() or {}).get("design")
    except Exception:  # any unreadable file: the caller treats it as "no usable weights"
        return None


FORBIDDEN_IN_FILE_NAMES = re.compile(r'\s*[\\/:*?"<>|\x00-\x1f]+\s*')
"""Characters Windows refuses in a file name (the strictest of our systems); each run becomes " - "."""


def safe_file_name(text: str, limit: int = 120) -> str:
    """``text`` as a file name that Windows, macOS and Linux accept: Korean letters are kept,
    "옵티마이저: Adam" becomes "옵티마이저 - Adam", no leading or trailing dots or spaces."""
    name = " ".join(FORBIDDEN_IN_FILE_NAMES.sub(" - ", text).split())[:limit].strip(" .-")
    return name or "design"


class FileActions(QObject):
    """Owns the current file path and everything the File menu does. ``window`` is the MainWindow."""

    def __init__(self, window, data_dir: Path):
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.settings = window.settings
        self.data_dir = Path(data_dir)
        self.path: Path | None = None
        self.autosave_file = self.data_dir / "autosave.json"
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self.write_autosave)
        self.document.changed.connect(self._on_document_changed)
        self.document.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)
        window.controller.weights_saved.connect(self._on_controller_weights_saved)
        window.controller.weights_failed.connect(self._on_controller_weights_failed)
        self._build_actions()

    # --- menu ----------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.window.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(self.tr("&New"), self.new_design, QKeySequence.New, self.tr("Start from the default design."))
        self.open_action = self._action(self.tr("&Open…"), self.open_dialog, QKeySequence.Open, self.tr("Open a design file."))
        self.save_action = self._action(self.tr("&Save"), self.save, QKeySequence.Save, self.tr("Save the design."))
        self.save_as_action = self._action(self.tr("Save &As…"), self.save_as, QKeySequence("Ctrl+Shift+S"),
                                           self.tr("Save the design under a new name."))
        self.save_weights_action = self._action(
            self.tr("Save with &Weights…"), self.save_with_weights, QKeySequence("Ctrl+Alt+S"),
            self.tr("Save the design and the trained weights beside it; opening it resumes the run where it stopped."))
        self.export_script_action = self._action(
            self.tr("Export as PyTorch Script…"), self.export_script, tip=self.tr("A standalone .py that trains this design with torch and numpy only."))
        self.export_metrics_action = self._action(
            self.tr("Export Metrics as CSV…"), self.export_metrics, tip=self.tr("Every step's loss and the evaluated losses and accuracy."))

    def fill_menu(self, menu: QMenu) -> None:
        menu.addActions([self.new_action, self.open_action])
        self.recent_menu = menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.preset_menu = menu.addMenu(self.tr("Open &Preset"))
        self.preset_menu.aboutToShow.connect(self._fill_preset_menu)
        menu.addSeparator()
        menu.addActions([self.save_action, self.save_as_action, self.save_weights_action])
        menu.addSeparator()
        export_menu = menu.addMenu(self.tr("&Export"))
        export_menu.addActions([self.export_script_action, self.export_metrics_action])
        self.plot_menu = export_menu.addMenu(self.tr("Plot as PNG or SVG"))
        self.plot_menu.aboutToShow.connect(self._fill_plot_menu)
        menu.addSeparator()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent_files()
        for path in paths:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(Path(p)))
        if not paths:
            self.recent_menu.addAction(self.tr("No recent files")).setEnabled(False)

    def _fill_preset_menu(self) -> None:
        from playground.presets import list_presets

        self.preset_menu.clear()
        korean = self.window.language == "ko"
        for preset in list_presets():
            title = preset.title_ko if korean else preset.title_en
            action = self.preset_menu.addAction(title)
            action.setToolTip(preset.explanation_ko if korean else preset.explanation_en)
            action.triggered.connect(lambda _=False, p=preset: self.open_preset(p))
        self.preset_menu.setToolTipsVisible(True)

    def _fill_plot_menu(self) -> None:
        self.plot_menu.clear()
        for title, widget in self.window.exportable_views():
            self.plot_menu.addAction(title).triggered.connect(lambda _=False, t=title, w=widget: self.export_plot(t, w))

    # --- documents ---------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return not self.document.undo_stack.isClean()

    def confirm_discard(self) -> bool:
        """True when it is fine to drop the design on screen (saved, or the user said so)."""
        if not self.dirty:
            return True
        answer = self.ask_save_changes()
        if answer == "save":
            return self.save()
        return answer == "discard"

    def ask_save_changes(self) -> str:
        """"save", "discard" or "cancel" (a dialog; tests replace this method)."""
        box = QMessageBox(QMessageBox.Warning, self.tr("Unsaved changes"),
                          self.tr("The design “{0}” has changes that are not saved.").format(self.display_name()),
                          QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, self.window)
        box.setInformativeText(self.tr("Save them before going on?"))
        box.setDefaultButton(QMessageBox.Save)
        return {QMessageBox.Save: "save", QMessageBox.Discard: "discard"}.get(box.exec(), "cancel")

    def new_design(self) -> None:
        if self.confirm_discard():
            self._set_design(Design(), None)

    def open_dialog(self) -> None:
        if not self.confirm_discard():
            return
        start = str(self.path.parent) if self.path else str(self.settings.value("last_folder", str(Path.home())))
        name, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open Design"), start, self.tr(DESIGN_FILTER),
                                              options=file_dialog_options())
        if name:
            self.open_path(Path(name), confirmed=True)

    def open_path(self, path: Path, *, confirmed: bool = False) -> bool:
        """Open a design file; a file that cannot be read is explained and nothing changes."""
        from playground.design_io import load_design

        if not confirmed and not self.confirm_discard():
            return False
        try:
            design = load_design(path, check=False)
        except PlaygroundError as error:
            self.show_problems(self.tr("The file could not be opened"), error)
            return False
        weights = weights_path_for(Path(path))
        self._set_design(design, Path(path), weights=self._usable_weights(design, weights))
        self._remember(Path(path))
        return True

    def open_preset(self, preset) -> None:
        from playground.presets import load_preset

        if not self.confirm_discard():
            return
        try:
            design = load_preset(preset.id)
        except PlaygroundError as error:
            self.show_problems(self.tr("The preset could not be opened"), error)
            return
        # Named and described in the interface language: the title bar, the save prompt, the
        # suggested file name and the saved file then read as the preset menu did.
        language = self.window.language
        title, explanation = preset.title(language), preset.explanation(language)
        self._set_design(design.with_(name=title, description=explanation), None)
        self.window.show_note(f"<b>{title}</b><br>{explanation}")

    def _usable_weights(self, design: Design, weights: Path) -> str | None:
        if not weights.exists():
            return None
        from playground.design_io import design_to_json

        stored = stored_design_of_weights(weights)
        if stored is None or json.loads(stored) != json.loads(design_to_json(design)):
            self.window.show_note(self.tr("The weights file beside this design ({0}) was saved with a different "
                                          "design; the run starts from new weights.").format(weights.name))
            return None
        return str(weights)

    def _set_design(self, design: Design, path: Path | None, weights: str | None = None) -> None:
        self.path = path
        self.window.pending_weights = weights
        self.document.replace(design)
        if self.window.pending_weights is not None:  # only the name changed: no restart took the weights
            self.window.restart_run()
        self.document.undo_stack.setClean()
        self.window.update_title()

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._save_to(self.path)

    def save_as(self) -> bool:
        start = str(self.path) if self.path else self._suggested_path(".json")
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save Design As"), start, self.tr(DESIGN_FILTER),
                                              options=file_dialog_options())
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        from playground.design_io import save_design

        try:
            save_design(self.document.design, path)
        except PlaygroundError as error:
            self.show_problems(self.tr("The design could not be saved"), error)
            return False
        self.path = path
        self.document.undo_stack.setClean()
        self._remember(path)
        self.window.update_title()
        self.window.statusBar().showMessage(self.tr("Saved {0}").format(path.name), 5000)
        return True

    def save_with_weights(self) -> bool:
        if not self.save():
            return False
        self.window.controller.save_weights(str(weights_path_for(self.path)))
        return True

    def _on_controller_weights_saved(self, path: str, error: str) -> None:
        if error:
            QMessageBox.warning(self.window, self.tr("The weights could not be saved"), error)
        else:
            self.window.statusBar().showMessage(self.tr("Saved the weights to {0}").format(Path(path).name), 5000)

    def _on_controller_weights_failed(self, message: str) -> None:
        QMessageBox.warning(self.window, self.tr("The weights could not be loaded"),
                            message + "\n\n" + self.tr("The run starts from new weights instead."))

    def display_name(self) -> str:
        if self.path is not None:
            return self.path.stem
        return self.document.design.name or self.tr("Untitled")

    def _suggested_path(self, ending: str) -> str:
        """Where a save dialog starts: the last folder, and a file named after the design
        (in the interface language) that every system accepts, e.g. "옵티마이저 - Adam.json"."""
        folder = Path(str(self.settings.value("last_folder", str(Path.home()))))
        return str(folder / (safe_file_name(self.display_name()) + ending))

    def show_problems(self, title: str, error: PlaygroundError) -> None:
        box = QMessageBox(QMessageBox.Warning, title, error.title or title, QMessageBox.Ok, self.window)
        from .data_panel import problem_text

        box.setInformativeText("\n".join(f"• {problem_text(problem)}" for problem in error.problems))
        box.exec()

    # --- recent files -------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        paths = [value] if isinstance(value, str) else list(value or [])
        return [p for p in paths if Path(p).exists()]

    def _remember(self, path: Path) -> None:
        text = str(path.resolve())
        paths = [text] + [p for p in self.recent_files() if p != text]
        self.settings.setValue("recent_files", paths[:MAX_RECENT])
        self.settings.setValue("last_folder", str(path.resolve().parent))

    # --- exports -------------------------------------------------------------------------------
    def export_script(self) -> None:
        from playground.export import write_script

        start = self._suggested_path(".py")
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export as PyTorch Script"), start, "Python (*.py)",
                                              options=file_dialog_options())
        if not name:
            return
        try:
            write_script(self.document.design, name)
        except PlaygroundError as error:
            QMessageBox.warning(self.window, self.tr("The script could not be written"), error.text())
            return
        self.window.statusBar().showMessage(self.tr("Exported {0}").format(Path(name).name), 5000)

    def export_metrics(self) -> None:
        start = self._suggested_path("-metrics.csv")
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export Metrics"), start, "CSV (*.csv)",
                                              options=file_dialog_options())
        if name:
            self.write_metrics(Path(name))

    def write_metrics(self, path: Path) -> bool:
        from playground.design_io import atomic_write_text

        try:
            atomic_write_text(path, self.window.metrics_csv())
        except OSError as error:
            QMessageBox.warning(self.window, self.tr("The metrics could not be written"), f"{path}: {error.strerror or error}")
            return False
        self.window.statusBar().showMessage(self.tr("Exported {0}").format(path.name), 5000)
        return True

    def export_plot(self, title: str, widget) -> None:
        start = self._suggested_path(f"-{title}.png")
        name, chosen = QFileDialog.getSaveFileName(self.window, self.tr("Export Plot"), start,
                                                    "PNG (*.png);;SVG (*.svg)", options=file_dialog_options())
        if name:
            if not Path(name).suffix:
                name += ".svg" if "svg" in chosen.lower() else ".png"
            self.write_plot(widget, Path(name))

    def write_plot(self, widget, path: Path) -> bool:
        """Save ``widget`` as it looks now: PNG pixels or SVG vectors (by the file's suffix)."""
        if path.suffix.lower() == ".svg":
            from PySide6.QtCore import QPoint, QRect
            from PySide6.QtGui import QPainter
            from PySide6.QtSvg import QSvgGenerator

            generator = QSvgGenerator()
            generator.setFileName(str(path))
            generator.setSize(widget.size())
            generator.setViewBox(QRect(0, 0, widget.width(), widget.height()))
            generator.setTitle(self.display_name())
            painter = QPainter(generator)
            try:
                widget.render(painter, QPoint(0, 0))
            finally:
                ok = painter.end()
        else:
            ok = widget.grab().save(str(path))
        if not ok:
            QMessageBox.warning(self.window, self.tr("The plot could not be written"), str(path))
        return ok

    # --- autosave ----------------------------------------------------------------------------------
    def _on_document_changed(self, _new, _old) -> None:
        self._autosave_timer.start()

    def _on_undo_stack_clean_changed(self, clean: bool) -> None:
        if not shiboken6.isValid(self.window):  # the stack empties while the window is destroyed
            return
        self.window.update_title()
        if clean:
            self.remove_autosave()

    def write_autosave(self) -> None:
        """Keep the unsaved design where a crash cannot take it (atomic, in the data folder)."""
        from playground.design_io import atomic_write_text, design_to_json

        if not self.dirty:
            return
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.autosave_file, design_to_json(self.document.design))
            info = {"path": str(self.path) if self.path else "", "saved_at": time.time()}
            atomic_write_text(self.autosave_file.with_suffix(".info.json"), json.dumps(info))
        except OSError:
            pass  # the next edit tries again; saving by hand reports errors

    def remove_autosave(self) -> None:
        self._autosave_timer.stop()
        for file in (self.autosave_file, self.autosave_file.with_suffix(".info.json")):
            file.unlink(missing_ok=True)

    def recover_autosave(self) -> bool:
        """At start-up: offer the design left by a session that did not close; True if restored."""
        from playground.design_io import load_design

        if not self.autosave_file.exists():
            return False
        try:
            design = load_design(self.autosave_file, check=False)
            info = json.loads(self.autosave_file.with_suffix(".info.json").read_text("utf-8"))
        except (PlaygroundError, OSError, ValueError):
            self.remove_autosave()
            return False
        if not self.ask_restore(design):
            self.remove_autosave()
            return False
        path = Path(info["path"]) if info.get("path") else None
        self.path = path
        self.document.replace(design)
        self.document.undo_stack.resetClean()  # restored work is unsaved work
        self.window.update_title()
        return True

    def ask_restore(self, design: Design) -> bool:
        """A dialog; tests replace this method."""
        answer = QMessageBox.question(
            self.window, self.tr("Restore unsaved work?"),
            self.tr("NN Playground did not close properly last time. Restore the unsaved design “{0}”?").format(
                design.name or self.tr("Untitled")),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        return answer == QMessageBox.Yes
