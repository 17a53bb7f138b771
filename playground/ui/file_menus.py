"""The File menu's two lists: Open Recent (the design files opened or saved last, kept in
the settings with the folder they were in) and Open Preset (the shipped experiments, one
submenu per course stage, in course order). Each list is filled when its menu opens.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QMenu

from playground.errors import PlaygroundError
from playground.ui.labels import stage_words

MAX_RECENT = 8


class RecentFiles(QObject):
    """The settings' "recent_files" (newest first) and "last_folder"; ``open_path(path)`` opens one."""

    def __init__(self, settings: QSettings, open_path: Callable[[Path], object], parent: QObject | None = None):
        super().__init__(parent)
        self._settings = settings
        self._open_path = open_path

    def paths(self) -> list[str]:
        """The remembered files that still exist, newest first."""
        value = self._settings.value("recent_files", [])
        paths = [value] if isinstance(value, str) else list(value or [])
        return [p for p in paths if Path(p).exists()]

    def remember(self, path: Path) -> None:
        """``path`` first in the list, its folder the one dialogs start in."""
        text = str(path.resolve())
        paths = [text] + [p for p in self.paths() if p != text]
        self._settings.setValue("recent_files", paths[:MAX_RECENT])
        self._settings.setValue("last_folder", str(path.resolve().parent))

    def last_folder(self) -> Path:
        """Where the last file was opened or saved (the home folder at first)."""
        return Path(str(self._settings.value("last_folder", str(Path.home()))))

    def attach(self, menu: QMenu) -> None:
        """List the files in ``menu`` each time it opens."""
        menu.aboutToShow.connect(lambda: self._fill(menu))

    def _fill(self, menu: QMenu) -> None:
        menu.clear()
        paths = self.paths()
        for path in paths:
            action = menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self._open_path(Path(p)))
        if not paths:
            menu.addAction(self.tr("No recent files")).setEnabled(False)


class PresetMenu(QObject):
    """The presets in ``language``, each explained in its tooltip; ``open_preset(preset)`` opens one."""

    def __init__(self, language: str, open_preset: Callable[[object], None], parent: QObject | None = None):
        super().__init__(parent)
        self._language = language
        self._open_preset = open_preset

    def attach(self, menu: QMenu) -> None:
        """List the presets in ``menu`` each time it opens (a preset folder may change or break meanwhile)."""
        menu.aboutToShow.connect(lambda: self._fill(menu))

    def _fill(self, menu: QMenu) -> None:
        """One submenu per course stage that has presets, in course order, its presets in order inside."""
        from playground.design.course import STAGES
        from playground.design.presets import list_presets

        menu.clear()
        try:
            presets = list_presets()
        except PlaygroundError as error:
            action = menu.addAction(self.tr("The presets could not be read"))
            action.setToolTip(error.text())
            action.setEnabled(False)
            return
        for stage in STAGES:
            members = [p for p in presets if p.stage == stage]
            if members:
                submenu = menu.addMenu(stage_words(stage))
                submenu.setToolTipsVisible(True)
                self._add_presets(submenu, members)
        menu.setToolTipsVisible(True)

    def _add_presets(self, menu: QMenu, presets) -> None:
        for preset in presets:
            action = menu.addAction(preset.title(self._language))
            action.setToolTip(preset.explanation(self._language))
            action.triggered.connect(lambda _=False, p=preset: self._open_preset(p))
