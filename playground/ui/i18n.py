"""Interface language: English (the source strings) or Korean, from the system locale
unless the View menu chose one. Translations are Qt .qm files in resources/i18n/."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from playground.resources import resource_path

LANGUAGES = {"en": "English", "ko": "한국어"}


def resolve_language(choice: str, system_locale: str | None = None) -> str:
    """``choice`` is "system", "en" or "ko"; "system" follows the locale (ko_KR -> ko)."""
    if choice in LANGUAGES:
        return choice
    name = system_locale if system_locale is not None else QLocale.system().name()
    return "ko" if name.lower().startswith("ko") else "en"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load our translation and Qt's own (standard dialogs) for ``language``.

    Returns the installed translators; keep them alive as long as the app runs.
    """
    installed = []
    if language == "en":
        return installed
    ours = QTranslator(app)
    if ours.load(str(resource_path("i18n", f"nn_playground_{language}.qm"))):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
