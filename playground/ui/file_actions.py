"""The File menu: New, Open, Save, Save As, Save with weights; beside them Open Recent and
Open Preset (file_menus.py), the Export submenu (export_actions.py) and the window's
autosave (autosave.py), which FileActions puts together.

Loading goes through design.io (plain JSON, every problem named by field); a file that
cannot be read leaves the design on screen untouched. Saves are atomic. A design file
saved with its weights (``weights_path_for``) resumes its run when opened, if the
weights fit the design.

FileActions knows nothing of the window but what ``WindowHooks`` gives it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from playground.design.schema import Design, trains_alike
from playground.design.io import DESIGN_SUFFIX, weights_path_for
from playground.files import remove_stale_temps
from playground.errors import PlaygroundError

from playground.ui.autosave import Autosave
from playground.ui.document import DesignDocument
from playground.ui.export_actions import ExportActions
from playground.ui.file_menus import PresetMenu, RecentFiles
from playground.ui.i18n import file_dialog_options
from playground.ui.window.actions import make_action

DESIGN_FILTER = QT_TRANSLATE_NOOP("FileActions", "NN Playground design (*.json)")  # shown through self.tr
MESSAGE_MS = 5000  # how long a "Saved …" message stays in the status bar


@dataclass(frozen=True)
class WindowHooks:
    """What the File menu asks of the window it belongs to, and nothing more."""

    open_design: Callable[[Design, str | None], None]  # put a design on screen; its run resumes from the weights file given
    show_lesson: Callable[[tuple[str, str] | None], None]  # the explanation (title, text) above the output; None clears it
    show_notice: Callable[[str], None]  # what just happened (e.g. weights not loaded), in the banner
    show_message: Callable[[str, int], None]  # a brief message in the status bar, for so many milliseconds
    update_title: Callable[[], None]  # the file's name or its unsaved mark changed
    set_pace: Callable[[float | None, str], None]  # train at a preset's pace (steps per second, the preset's title)
    exportable_views: Callable[[], list[tuple[str, QWidget]]]  # (title, widget) of each dashboard drawn


FORBIDDEN_IN_FILE_NAMES = re.compile(r'\s*[\\/:*?"<>|\x00-\x1f]+\s*')
"""Characters Windows refuses in a file name (the strictest of our systems); each run becomes " - "."""


def safe_file_name(text: str, limit: int = 120) -> str:
    """``text`` as a file name that Windows, macOS and Linux accept: Korean letters are kept,
    "옵티마이저: Adam" becomes "옵티마이저 - Adam", no leading or trailing dots or spaces."""
    name = " ".join(FORBIDDEN_IN_FILE_NAMES.sub(" - ", text).split())[:limit].strip(" .-")
    return name or "design"


def design_files(paths: list[str]) -> list[Path]:
    """The design files among ``paths`` (e.g. dropped on the window), in order."""
    return [Path(p) for p in paths if p.lower().endswith(DESIGN_SUFFIX)]


class FileActions(QObject):
    """Owns the current file path and everything the File menu does.

    ``parent`` owns the actions (their shortcuts) and the dialogs; ``document`` is the
    design on screen; ``controller`` (a TrainingController) saves and loads weights and
    keeps the run's history; ``language`` names presets; ``data_dir`` holds the autosave (None:
    the user's application data); ``hooks`` is all it asks of the window.
    """

    def __init__(self, parent: QWidget, document: DesignDocument, controller, settings: QSettings, *,
                 language: str, data_dir: Path | None, hooks: WindowHooks):
        super().__init__(parent)
        self._parent = parent
        self.document = document
        self._controller = controller
        self.language = language
        self._hooks = hooks
        self.path: Path | None = None
        self.recent = RecentFiles(settings, self.open_path, self)
        self.autosave = Autosave(document, data_dir, lambda: self.path, self)
        self.exports = ExportActions(parent, document, controller, suggested_path=self._suggested_path,
                                     name=self.display_name, show_problems=self.show_problems,
                                     show_message=lambda text: hooks.show_message(text, MESSAGE_MS),
                                     language=language)
        self.document.undo_stack.cleanChanged.connect(self._on_undo_stack_clean_changed)
        controller.weights_saved.connect(self._on_controller_weights_saved)
        controller.weights_failed.connect(self._on_controller_weights_failed)
        self._build_actions()

    # --- menu ----------------------------------------------------------------------
    def _build_actions(self) -> None:
        owner, exports = self._parent, self.exports
        self.new_action = make_action(owner, self.tr("&New"), self.new_design, QKeySequence.New,
                                      self.tr("Start from the default design."))
        self.open_action = make_action(owner, self.tr("&Open…"), self.open_dialog, QKeySequence.Open,
                                       self.tr("Open a design file."))
        self.save_action = make_action(owner, self.tr("&Save"), self.save, QKeySequence.Save, self.tr("Save the design."))
        self.save_as_action = make_action(owner, self.tr("Save &As…"), self.save_as, QKeySequence("Ctrl+Shift+S"),
                                          self.tr("Save the design under a new name."))
        self.save_weights_action = make_action(
            owner, self.tr("Save with &Weights…"), self.save_with_weights, QKeySequence("Ctrl+Alt+S"),
            self.tr("Save the design and the trained weights beside it; opening it resumes the run where it stopped."))
        self.export_script_action = make_action(
            owner, self.tr("Export as PyTorch Script…"), exports.export_script,
            tip=self.tr("A standalone .py that trains this design with torch and numpy only."))
        self.export_notebook_action = make_action(
            owner, self.tr("Export as Jupyter Notebook…"), exports.export_notebook,
            tip=self.tr("A notebook that trains this design cell by cell, explained; with the run's weights "
                        "beside it, it continues the run (on Colab too)."))
        self.export_metrics_action = make_action(
            owner, self.tr("Export Metrics as CSV…"), exports.export_metrics,
            tip=self.tr("Every step's loss and the evaluated losses and accuracy."))

    def fill_menu(self, menu: QMenu) -> None:
        menu.addActions([self.new_action, self.open_action])
        self.recent_menu = menu.addMenu(self.tr("Open &Recent"))
        self.recent.attach(self.recent_menu)
        self.preset_menu = menu.addMenu(self.tr("Open &Preset"))
        PresetMenu(self.language, self.open_preset, self).attach(self.preset_menu)
        menu.addSeparator()
        menu.addActions([self.save_action, self.save_as_action, self.save_weights_action])
        menu.addSeparator()
        export_menu = menu.addMenu(self.tr("&Export"))
        export_menu.addActions([self.export_script_action, self.export_notebook_action, self.export_metrics_action])
        self.plot_menu = export_menu.addMenu(self.tr("Plot as PNG or SVG"))
        self.plot_menu.aboutToShow.connect(self._fill_plot_menu)
        menu.addSeparator()

    def _fill_plot_menu(self) -> None:
        self.plot_menu.clear()
        for title, widget in self._hooks.exportable_views():
            self.plot_menu.addAction(title).triggered.connect(
                lambda _=False, t=title, w=widget: self.exports.export_plot(t, w))

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
                          QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, self._parent)
        box.setInformativeText(self.tr("Save them before going on?"))
        box.setDefaultButton(QMessageBox.Save)
        return {QMessageBox.Save: "save", QMessageBox.Discard: "discard"}.get(box.exec(), "cancel")

    def new_design(self) -> None:
        if self.confirm_discard():
            self._set_design(Design(), None)  # no explanation: the previous one goes

    def open_dialog(self) -> None:
        if not self.confirm_discard():
            return
        start = str(self.path.parent if self.path else self.recent.last_folder())
        name, _ = QFileDialog.getOpenFileName(self._parent, self.tr("Open Design"), start, self.tr(DESIGN_FILTER),
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
            self._hooks.show_notice(notice)
        self.recent.remember(Path(path))
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
        title, explanation = preset.title(self.language), preset.explanation(self.language)
        if preset.pace is not None:  # before the run starts, so that it starts at the pace
            self._hooks.set_pace(preset.pace, title)
        self._set_design(design.with_(name=title, description=explanation), None, lesson=(title, explanation))

    def show_design(self, design: Design, lesson: tuple[str, str]) -> None:
        """Put ``design`` on screen unsaved (not from a file; e.g. a lesson's start), with its explanation."""
        self._set_design(design, None, lesson=lesson)

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
                    return preset.title(self.language), preset.explanation(self.language)
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
        self._hooks.open_design(design, weights)
        self.document.undo_stack.setClean()
        self._hooks.update_title()
        self._hooks.show_lesson(lesson)

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._save_to(self.path)

    def save_as(self) -> bool:
        start = str(self.path) if self.path else self._suggested_path(DESIGN_SUFFIX)
        name, _ = QFileDialog.getSaveFileName(self._parent, self.tr("Save Design As"), start, self.tr(DESIGN_FILTER),
                                              options=file_dialog_options())
        if not name:
            return False
        path = Path(name)
        if path.suffix.lower() != DESIGN_SUFFIX:
            path = path.with_name(path.name + DESIGN_SUFFIX)
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
        self.recent.remember(path)
        self._hooks.update_title()
        self._hooks.show_message(self.tr("Saved {0}").format(path.name), MESSAGE_MS)
        return True

    def save_with_weights(self) -> bool:
        """Save the design, then have the run write its weights beside it, recording this very
        design (a live learning-rate change included) and the run's loss history."""
        if not self.save():
            return False
        self._controller.save_weights(str(weights_path_for(self.path)), self.document.design)
        return True

    def _on_controller_weights_saved(self, path: str, problems: list) -> None:
        name = Path(path).name
        if problems:
            QMessageBox.warning(self._parent, self.tr("The weights could not be saved"),
                                self.tr("The weights could not be saved to {0}:").format(name) + "\n"
                                + "\n".join("• " + line for line in _problem_lines(problems)))
        else:
            self._hooks.show_message(self.tr("Saved the weights to {0}").format(name), MESSAGE_MS)

    def _on_controller_weights_failed(self, problems: list) -> None:
        QMessageBox.warning(self._parent, self.tr("The weights could not be loaded"),
                            "\n".join("• " + line for line in _problem_lines(problems)) + "\n\n"
                            + self.tr("The run starts from new weights instead."))

    def display_name(self) -> str:
        if self.path is not None:
            return self.path.stem
        return self.document.design.name or self.tr("Untitled")

    def suggested_path(self, ending: str) -> str:
        """Where a save dialog for a file ending in ``ending`` starts."""
        return self._suggested_path(ending)

    def _suggested_path(self, ending: str) -> str:
        """Where a save dialog starts: the last folder, and a file named after the design
        (in the interface language) that every system accepts, e.g. "옵티마이저 - Adam.json"."""
        return str(self.recent.last_folder() / (safe_file_name(self.display_name()) + ending))

    def show_problems(self, title: str, error: PlaygroundError) -> None:
        """A dialog; tests replace this method."""
        show_problems(self._parent, title, error)

    # --- autosave ---------------------------------------------------------------------------
    @property
    def autosave_file(self) -> Path:
        """This window's autosave (it exists while there are unsaved changes)."""
        return self.autosave.file

    def _on_undo_stack_clean_changed(self, clean: bool) -> None:
        if not shiboken6.isValid(self._parent):  # the stack empties while the window is destroyed
            return
        self._hooks.update_title()
        if clean:
            self.autosave.remove()

    def recover_autosave(self) -> bool:
        """At start-up: offer back the unsaved design of a window that did not close (Autosave.recover);
        True if one is now on screen."""
        return self.autosave.recover(self.ask_restore, self._restore)

    def _restore(self, design: Design, path: Path | None) -> None:
        """A recovered design on screen, as unsaved work to be saved to ``path``."""
        self.path = path
        self.document.replace(design)
        self.document.undo_stack.resetClean()  # restored work is unsaved work
        self._hooks.update_title()
        lesson = self.lesson_of(design)
        if lesson:
            self._hooks.show_lesson(lesson)

    def ask_restore(self, design: Design) -> bool:
        """A dialog; tests replace this method."""
        answer = QMessageBox.question(
            self._parent, self.tr("Restore unsaved work?"),
            self.tr("NN Playground did not close properly last time. Restore the unsaved design “{0}”?").format(
                design.name or self.tr("Untitled")),
            QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        return answer == QMessageBox.Yes


def show_problems(parent: QWidget | None, title: str, error: PlaygroundError) -> None:
    """A warning over ``parent`` with each of ``error``'s problems in the interface language."""
    from playground.ui.messages import error_title

    box = QMessageBox(QMessageBox.Warning, title, error_title(error) or title, QMessageBox.Ok, parent)
    box.setInformativeText("\n".join(f"• {line}" for line in _problem_lines(error.problems)))
    box.exec()


def _problem_lines(problems: list) -> list[str]:
    """Each problem in the interface language, its field in words."""
    from playground.ui.messages import problem_text

    return [problem_text(problem) for problem in problems]
