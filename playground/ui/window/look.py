"""The window's look and language, chosen in the View menu and kept in the settings.

A theme ("system", "light" or "dark") applies at once: the application's palette and
every view's colours. A language applies from the next start (the translators are
installed before any window exists).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget

from playground.ui.i18n import LANGUAGES
from playground.ui.theme import Theme, apply_palette, resolve
from playground.ui.window.actions import choice_group

THEME_CHOICES = ("system", "light", "dark")


class LookChoices(QObject):
    """The Theme and Language menus of ``owner`` (the window, the parent of the language note)."""

    theme_changed = Signal(object)  # the Theme now in use
    language_chosen = Signal(str)  # a key of playground.ui.i18n.LANGUAGES, or "system"

    def __init__(self, owner: QWidget, settings: QSettings):
        super().__init__(owner)
        self._owner = owner
        self._settings = settings
        self.theme_actions: dict = {}
        self.language_actions: dict = {}

    def fill_menu(self, menu: QMenu) -> None:
        """Theme and Language submenus, the current choices checked."""
        self.theme_actions = choice_group(
            self._owner, menu.addMenu(self.tr("Theme")),
            {"system": self.tr("Follow the system"), "light": self.tr("Light"), "dark": self.tr("Dark")},
            self.set_theme_choice,
        )
        self.language_actions = choice_group(
            self._owner, menu.addMenu(self.tr("Language")), {"system": self.tr("Follow the system"), **LANGUAGES},
            self._on_language_chosen,
        )
        self.language_actions[str(self._settings.value("language", "system"))].setChecked(True)

    def theme(self) -> Theme:
        """The theme in use."""
        return resolve(str(self._settings.value("theme", "system")))

    def set_theme_choice(self, choice: str) -> None:
        """Use and remember ``choice`` (an unknown one means "system")."""
        if choice not in THEME_CHOICES:
            choice = "system"
        self._settings.setValue("theme", choice)
        if choice in self.theme_actions:
            self.theme_actions[choice].setChecked(True)
        theme = resolve(choice)
        app = QApplication.instance()
        if app is not None:
            apply_palette(app, theme)
        self.theme_changed.emit(theme)

    def _on_language_chosen(self, language: str) -> None:
        self._settings.setValue("language", language)
        self.language_chosen.emit(language)
        QMessageBox.information(
            self._owner, self.tr("Language"),
            self.tr("The new language is used from the next time NN Playground starts."),
        )
