"""The File menu: New, Open, Save, Save As, Save with weights, recent files, presets,
exports, and the autosave that lets unsaved work survive a crash.

Loading goes through design_io (plain JSON, every problem named by field); a file
that cannot be read leaves the design on screen untouched. Saves are atomic.

Each window autosaves to a file of its own, ``data_dir/autosave-<id>.json``, a second
after each edit, and holds ``autosave-<id>.lock`` (a QLockFile) while it lives; closing
normally removes both. At start-up a window offers back only autosaves whose lock it
can take: their window is gone (Qt sees that the process that held the lock is dead).
It never reads, offers or deletes the autosave of a window that is still open.
"""

from __future__ import annotations

import html
import json
import re
import time
import uuid
from pathlib import Path

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QLockFile, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from playground.design.schema import Design, trains_alike
from playground.design.io import weights_path_for
from playground.files import STALE_TEMP_SECONDS, remove_stale_temps
from playground.errors import PlaygroundError

from playground.ui.i18n import file_dialog_options

DESIGN_FILTER = QT_TRANSLATE_NOOP("FileActions", "NN Playground design (*.json)")  # shown through self.tr
MAX_RECENT = 8
AUTOSAVE_DELAY_MS = 1000


def _autosave_lock(design_file: Path) -> QLockFile:
    """The lock of an autosave; stale only when the process that took it has ended."""
    lock = QLockFile(str(design_file.with_suffix(".lock")))
    lock.setStaleLockTime(0)  # a window may stay open for days: age alone never makes it stale
    return lock


def _remove_autosave_files(design_file: Path, temps_older_than: float = STALE_TEMP_SECONDS) -> None:
    """An autosave's design and info, and the temp files of its saves that a kill cut off."""
    for file in (design_file, design_file.with_suffix(".info.json")):
        file.unlink(missing_ok=True)
        remove_stale_temps(file, temps_older_than)


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
        self.autosave_file = self.data_dir / f"autosave-{uuid.uuid4().hex[:12]}.json"  # this window's
        self._autosave_lock: QLockFile | None = None  # held from the first autosave until the window closes
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
        """One submenu per concept in course order, its presets in order inside."""
        from playground.design.presets import list_concepts, list_presets

        self.preset_menu.clear()
        language = self.window.language
        try:
            concepts, presets = list_concepts(), list_presets()
        except PlaygroundError as error:
            action = self.preset_menu.addAction(self.tr("The presets could not be read"))
            action.setToolTip(error.text())
            action.setEnabled(False)
            return
        for concept in concepts:
            members = [p for p in presets if p.concept == concept.id]
            if members:
                submenu = self.preset_menu.addMenu(concept.title(language))
                submenu.setToolTipsVisible(True)
                self._add_preset_actions(submenu, members)
        known = {concept.id for concept in concepts}
        self._add_preset_actions(self.preset_menu, [p for p in presets if p.concept not in known])
        self.preset_menu.setToolTipsVisible(True)

    def _add_preset_actions(self, menu: QMenu, presets) -> None:
        language = self.window.language
        for preset in presets:
            action = menu.addAction(preset.title(language))
            action.setToolTip(preset.explanation(language))
            action.triggered.connect(lambda _=False, p=preset: self.open_preset(p))

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
            self._set_design(Design(), None)  # no explanation: the previous one goes

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
        from playground.design.io import load_design

        if not confirmed and not self.confirm_discard():
            return False
        try:
            design = load_design(path, check=False)
        except PlaygroundError as error:
            self.show_problems(self.tr("The file could not be opened"), error)
            return False
        weights_file = weights_path_for(Path(path))
        for target in (Path(path), weights_file):  # temp files of saves that a crash cut off
            remove_stale_temps(target)
        weights, notice = self._usable_weights(design, weights_file)
        self._set_design(design, Path(path), weights=weights, lesson=self.lesson_of(design))
        if notice:
            self.window.show_notice(notice)
        self._remember(Path(path))
        return True

    def open_preset(self, preset) -> None:
        from playground.design.presets import load_preset

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
        if preset.pace is not None:  # before the run starts, so that it starts at the pace
            self.window.set_pace(preset.pace, title)
        self._set_design(design.with_(name=title, description=explanation), None, lesson=(title, explanation))

    def lesson_of(self, design: Design) -> tuple[str, str] | None:
        """The explanation to show for an opened design: its name and description, if it has a description.

        A design saved from a preset carries the preset's text in the language it was opened
        in; it is shown as that preset, in this window's language.
        """
        from playground.design.presets import list_presets

        if not design.description.strip():
            return None
        try:
            for preset in list_presets():
                if design.description in (preset.explanation_en, preset.explanation_ko):
                    return preset.title(self.window.language), preset.explanation(self.window.language)
        except PlaygroundError:
            pass  # a damaged preset folder: the file's own text is still worth showing
        return design.name, design.description

    def _usable_weights(self, design: Design, weights: Path) -> tuple[str | None, str]:
        """(``weights`` as a path when they resume ``design``, else None; a notice saying why not, or "").

        Reads the file's header only (playground.runs.weights_file, no torch): the training
        process loads and checks the rest.
        """
        from playground.runs.weights_file import CheckpointError, read_header, saved_design

        if not weights.exists():  # a dangling link is no weights either
            return None, ""
        name = html.escape(weights.name)
        try:
            stored = saved_design(read_header(weights))
        except CheckpointError as error:
            reasons = html.escape("; ".join(_problem_lines(error.problems)))
            return None, self.tr("The weights file beside this design ({0}) cannot be used: {1}. "
                                 "The run starts from new weights.").format(name, reasons)
        if not trains_alike(stored, design):
            return None, self.tr("The weights file beside this design ({0}) was saved with a different "
                                 "design; the run starts from new weights.").format(name)
        return str(weights), ""

    def _set_design(self, design: Design, path: Path | None, weights: str | None = None,
                    lesson: tuple[str, str] | None = None) -> None:
        """Replace the design on screen; ``lesson`` (title, text) replaces the explanation (None clears it)."""
        self.path = path
        self.window.open_design(design, weights)
        self.document.undo_stack.setClean()
        self.window.update_title()
        if lesson:
            self.window.show_lesson(*lesson)
        else:
            self.window.clear_lesson()

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
        from playground.design.io import save_design

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
        """Save the design, then have the run write its weights beside it, recording this very
        design (a live learning-rate change included) and the run's loss history."""
        if not self.save():
            return False
        self.window.controller.save_weights(str(weights_path_for(self.path)), self.document.design)
        return True

    def _on_controller_weights_saved(self, path: str, problems: list) -> None:
        name = Path(path).name
        if problems:
            QMessageBox.warning(self.window, self.tr("The weights could not be saved"),
                                self.tr("The weights could not be saved to {0}:").format(name) + "\n"
                                + "\n".join("• " + line for line in _problem_lines(problems)))
        else:
            self.window.statusBar().showMessage(self.tr("Saved the weights to {0}").format(name), 5000)

    def _on_controller_weights_failed(self, problems: list) -> None:
        QMessageBox.warning(self.window, self.tr("The weights could not be loaded"),
                            "\n".join("• " + line for line in _problem_lines(problems)) + "\n\n"
                            + self.tr("The run starts from new weights instead."))

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
        from playground.ui.messages import problem_text
        from playground.ui.messages import error_title

        box = QMessageBox(QMessageBox.Warning, title, error_title(error) or title, QMessageBox.Ok, self.window)

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
        from playground.export.script import write_script

        start = self._suggested_path(".py")
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export as PyTorch Script"), start, "Python (*.py)",
                                              options=file_dialog_options())
        if not name:
            return
        try:
            write_script(self.document.design, name)
        except PlaygroundError as error:
            self.show_problems(self.tr("The script could not be written"), error)
            return
        self.window.statusBar().showMessage(self.tr("Exported {0}").format(Path(name).name), 5000)

    def export_metrics(self) -> None:
        start = self._suggested_path("-metrics.csv")
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export Metrics"), start, "CSV (*.csv)",
                                              options=file_dialog_options())
        if name:
            self.write_metrics(Path(name))

    def write_metrics(self, path: Path) -> bool:
        from playground.files import atomic_write_text

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
        from playground.design.io import design_to_json
        from playground.files import atomic_write_text

        if not self.dirty:
            return
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            if not self._hold_autosave_lock():
                return
            atomic_write_text(self.autosave_file, design_to_json(self.document.design))
            info = {"path": str(self.path) if self.path else "", "saved_at": time.time()}
            atomic_write_text(self.autosave_file.with_suffix(".info.json"), json.dumps(info))
        except OSError:
            pass  # the next edit tries again; saving by hand reports errors

    def _hold_autosave_lock(self) -> bool:
        if self._autosave_lock is None:
            lock = _autosave_lock(self.autosave_file)
            if not lock.tryLock(0):  # cannot be another window's (the name is new): the folder is not writable
                return False
            self._autosave_lock = lock
        return True

    def remove_autosave(self) -> None:
        """The design is saved: this window's autosave is not needed (the lock stays)."""
        self._autosave_timer.stop()
        _remove_autosave_files(self.autosave_file)

    def end_autosave(self) -> None:
        """The window closes normally: remove its autosave and its lock."""
        self.remove_autosave()
        if self._autosave_lock is not None:
            self._autosave_lock.unlock()
            self._autosave_lock = None

    def recover_autosave(self) -> bool:
        """At start-up: offer the designs left by windows that did not close; True if one was restored.

        Newest first, until one is taken: a declined or unreadable one is deleted, the
        ones not offered stay for the next start. The autosaves of windows still open
        are left alone.
        """
        restored = False
        for design_file, lock in self._orphaned_autosaves():
            try:
                if restored:
                    continue
                restored = self._offer_autosave(design_file)
                _remove_autosave_files(design_file, temps_older_than=0)  # nobody writes it: its lock is ours
            finally:
                lock.unlock()
        return restored

    def _orphaned_autosaves(self) -> list[tuple[Path, QLockFile]]:
        """The autosaves in the data folder whose window is gone, newest first, each with its
        lock now held here. A lock left without an autosave is removed."""
        names = {p.stem for p in self.data_dir.glob("autosave*.lock")}
        names |= {p.name.removesuffix(".json") for p in self.data_dir.glob("autosave*.json")
                  if not p.name.endswith(".info.json")}
        names.discard(self.autosave_file.stem)
        found = []
        for name in names:
            design_file = self.data_dir / f"{name}.json"
            lock = _autosave_lock(design_file)
            if not lock.tryLock(0):
                continue  # its window is still open (or the folder cannot be written)
            if design_file.exists():
                found.append((design_file, lock))
            else:
                lock.unlock()
        return sorted(found, key=lambda item: _modified(item[0]), reverse=True)

    def _offer_autosave(self, design_file: Path) -> bool:
        """Ask about one autosave; True when its design is now on screen (and autosaved as this window's)."""
        from playground.design.io import load_design

        try:
            design = load_design(design_file, check=False)
            info = json.loads(design_file.with_suffix(".info.json").read_text("utf-8"))
            path = Path(info["path"]) if isinstance(info, dict) and info.get("path") else None
        except (PlaygroundError, OSError, ValueError, TypeError):
            return False
        if not self.ask_restore(design):
            return False
        self.path = path
        self.document.replace(design)
        self.document.undo_stack.resetClean()  # restored work is unsaved work
        self.window.update_title()
        self.write_autosave()  # before the old autosave goes
        lesson = self.lesson_of(design)
        if lesson:
            self.window.show_lesson(*lesson)
        return True

    def ask_restore(self, design: Design) -> bool:
        """A dialog; tests replace this method."""
        answer = QMessageBox.question(
            self.window, self.tr("Restore unsaved work?"),
            self.tr("NN Playground did not close properly last time. Restore the unsaved design “{0}”?").format(
                design.name or self.tr("Untitled")),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        return answer == QMessageBox.Yes


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _problem_lines(problems: list) -> list[str]:
    """Each problem in the interface language, its field in words."""
    from playground.ui.messages import problem_text

    return [problem_text(problem) for problem in problems]
