"""Interface language: English (the source strings) or Korean, from the system locale
unless the View menu chose one. Translations are Qt .qm files in resources/i18n/:
ours, and Qt's own (qtbase_ko.qm, shipped with PySide6) for its standard dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QFileDialog

from playground.resources import resource_path

LANGUAGES = {"en": "English", "ko": "한국어"}
LOCALES = {"en": (QLocale.English, QLocale.UnitedStates), "ko": (QLocale.Korean, QLocale.SouthKorea)}

# Qt 6 gave two labels of its own file dialog accelerators ("&Look in:"); its Korean
# translation still has them without, so they would show in English. Our translation
# carries them; Qt's translator is asked first, ours after.
QT_GAPS = (QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"), QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"))


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
    app.setProperty("interface_language", language)
    installed = []
    if language == "en":
        return installed
    ours = QTranslator(app)
    if ours.load(str(resource_path("i18n", f"nn_playground_{language}.qm"))):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if any(qt.load(f"qtbase_{language}", str(folder)) for folder in qt_translation_folders()):
        app.installTranslator(qt)
        installed.append(qt)
    return installed


def qt_translation_folders() -> list[Path]:
    """Where Qt's own translations may be: Qt's configured folder, else PySide6's package
    (a bundle or a virtualenv where Qt's configured path points elsewhere)."""
    import PySide6

    folders = [Path(QLibraryInfo.path(QLibraryInfo.TranslationsPath)),
               Path(PySide6.__file__).parent / "Qt" / "translations"]
    return [folder for k, folder in enumerate(folders) if folder not in folders[:k]]


def interface_language() -> str:
    """The language the running app speaks ("en" before any translators were installed)."""
    app = QCoreApplication.instance()
    language = app.property("interface_language") if app is not None else None
    return language if language in LANGUAGES else "en"


def file_dialog_options() -> QFileDialog.Option:
    """Options for every file dialog: the system's own dialog speaks the system's language,
    so when the interface speaks another one Qt's dialog (translated with the interface) is used."""
    if resolve_language("system") == interface_language():
        return QFileDialog.Option(0)
    return QFileDialog.Option.DontUseNativeDialog
