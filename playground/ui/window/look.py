"""The window's look and language, chosen in the View menu and kept in the settings.

The look has three parts that make one Theme (playground.ui.theme.resolve): the theme
("system", "light" or "dark"), the colours (standard or colour-blind safe) and the room
(projector mode: larger text and thicker lines). Each applies at once: the application's
palette and font, and every view's colours and pens. A language applies from the next
start (the translators are installed before any window exists).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QWidget

from playground.ui.i18n import LANGUAGES
from playground.ui.theme import PALETTES, Theme, apply_font, apply_palette, resolve
from playground.ui.window.actions import choice_group, make_action

THEME_CHOICES = ("system", "light", "dark")
PROJECTOR_SHORTCUT = "Ctrl+Shift+P"


class LookChoices(QObject):
    """The Theme, Colours, Projector Mode and Language entries of ``owner``'s View menu
    (``owner``: the window, the parent of the language note)."""

    theme_changed = Signal(object)  # the Theme now in use
    language_chosen = Signal(str)  # a key of playground.ui.i18n.LANGUAGES, or "system"

    def __init__(self, owner: QWidget, settings: QSettings):
        super().__init__(owner)
        self._owner = owner
        self._settings = settings
        self.theme_actions: dict = {}
        self.palette_actions: dict = {}
        self.language_actions: dict = {}
        self.projector_action = make_action(
            owner, self.tr("Projector Mode"), self.set_projector, PROJECTOR_SHORTCUT,
            self.tr("Larger text and thicker lines, for a classroom's projector or a screen seen from afar "
                    "({0}).").format(PROJECTOR_SHORTCUT),
            checkable=True,
        )

    def fill_menu(self, menu: QMenu) -> None:
        """Theme, Colours and Language submenus and the projector switch, the current choices checked."""
        self.theme_actions = choice_group(
            self._owner, menu.addMenu(self.tr("Theme")),
            {"system": self.tr("Follow the system"), "light": self.tr("Light"), "dark": self.tr("Dark")},
            self.set_theme_choice,
        )
        colours = menu.addMenu(self.tr("Colours"))
        colours.setToolTipsVisible(True)
        self.palette_actions = choice_group(
            self._owner, colours,
            {"standard": self.tr("Standard"), "colour_blind": self.tr("Colour-Blind Safe")},
            self.set_palette_choice,
        )
        self.palette_actions["colour_blind"].setToolTip(self.tr(
            "Colours told apart with every common colour vision (Okabe-Ito), a map from orange to blue "
            "for values, and a line on the decision boundary."))
        menu.addAction(self.projector_action)
        self.language_actions = choice_group(
            self._owner, menu.addMenu(self.tr("Language")), {"system": self.tr("Follow the system"), **LANGUAGES},
            self._on_language_chosen,
        )
        self.language_actions[str(self._settings.value("language", "system"))].setChecked(True)

    def theme(self) -> Theme:
        """The theme in use: the remembered theme, colours and room."""
        return resolve(self._theme_choice(), self._palette_choice(), self.projector())

    def projector(self) -> bool:
        """Whether projector mode is on."""
        return self._settings.value("projector", False, type=bool)

    def set_theme_choice(self, choice: str) -> None:
        """Use and remember ``choice`` (an unknown one means "system")."""
        self._settings.setValue("theme", choice if choice in THEME_CHOICES else "system")
        self._apply()

    def set_palette_choice(self, palette: str) -> None:
        """Use and remember the colours ``palette`` (one of playground.ui.theme.PALETTES; an
        unknown one means "standard")."""
        self._settings.setValue("palette", palette if palette in PALETTES else "standard")
        self._apply()

    def set_projector(self, on: bool) -> None:
        """Projector mode on or off, remembered."""
        self._settings.setValue("projector", bool(on))
        self._apply()

    def _theme_choice(self) -> str:
        choice = str(self._settings.value("theme", "system"))
        return choice if choice in THEME_CHOICES else "system"

    def _palette_choice(self) -> str:
        palette = str(self._settings.value("palette", "standard"))
        return palette if palette in PALETTES else "standard"

    def _apply(self) -> None:
        """Check the menus' entries for the remembered look, apply it to the application and tell the views."""
        for actions, key in ((self.theme_actions, self._theme_choice()),
                             (self.palette_actions, self._palette_choice())):
            if key in actions:
                actions[key].setChecked(True)
        self.projector_action.setChecked(self.projector())
        theme = self.theme()
        app = QApplication.instance()
        if app is not None:
            apply_palette(app, theme)
            apply_font(app, theme)
        self.theme_changed.emit(theme)

    def _on_language_chosen(self, language: str) -> None:
        self._settings.setValue("language", language)
        self.language_chosen.emit(language)
        QMessageBox.information(
            self._owner, self.tr("Language"),
            self.tr("The new language is used from the next time NN Playground starts."),
        )
