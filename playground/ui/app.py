"""Process setup and the window's entry point (``nn-playground`` with no command).

The window appears before the heavy imports: torch is imported on the training
thread when the first run is prepared, so start-up costs Qt, pyqtgraph and pydantic
only.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

# Training runs in its own process; the window's one other Python thread is the bridge
# (ui/training_controller.py), which unpickles each message from the training process
# holding the GIL. A shorter switch interval than Python's 5 ms bounds how long the GUI
# thread can wait for it. (Chosen when training ran in a thread of this process; the
# benchmarks in benchmarks/bench_app.py run with it.)
SWITCH_INTERVAL = 0.001


def main(argv: list[str] | None = None) -> int:
    from playground.ui.platform_check import check_display

    problem = check_display()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    sys.setswitchinterval(SWITCH_INTERVAL)
    paths = [a for a in (argv or []) if not a.startswith("-")]
    app, settings = create_application(argv)
    window = create_window(app, settings)
    window.show()
    settle_garbage_collector()
    if not window.file_actions.recover_autosave() and paths:
        window.file_actions.open_path(Path(paths[0]), confirmed=True)
    return app.exec()


def settle_garbage_collector() -> None:
    """Move everything alive now (the window, Qt's wrappers, pyqtgraph, pydantic: ~57,000
    objects) out of the garbage collector's sight; called once, when the window is built.

    They live as long as the window, yet every full (generation-2) collection walked
    them all: ~50 ms while a run trains on the other core (measured, spiral 32x8; up to
    ~150 ms on a busier machine), a stall of the event loop. Frozen, a full collection
    walks only what came later (~6 ms). Frozen objects are never collected, which costs
    nothing here: they live until the window closes anyway. Not repeated after loading
    a design: the previous design's views would then never be freed.
    """
    gc.collect()  # the garbage of building the window is freed, not frozen
    gc.freeze()


def create_application(argv: list[str] | None = None):
    """The QApplication (reused if one exists), with names, translators and settings."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from playground.ui.i18n import install_translators, resolve_language

    from playground.platforms import QT_NAME

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName(QT_NAME)  # Qt names the settings and data folders after these (platforms.user_folders)
    app.setApplicationName(QT_NAME)
    app.setApplicationDisplayName("NN Playground")
    use_korean_fonts(app)
    from PySide6.QtGui import QIcon

    from playground.resources import resource_path

    app.setWindowIcon(QIcon(str(resource_path("icons", "nn-playground.png"))))
    settings = QSettings()
    language = resolve_language(str(settings.value("language", "system")))
    app._translators = install_translators(app, language)  # kept alive with the app
    app._language = language
    return app, settings


def use_korean_fonts(app, platform: str = sys.platform) -> None:
    """Give the interface font this system's Korean fonts as fallbacks (platforms.korean_fonts).

    Latin text keeps the system's interface font; Hangul, which it lacks, comes from the
    first of these that is installed, rather than from whatever font Qt finds first
    with the glyphs. Every QFont the app makes starts from this one. The interface
    font is named as it resolved ("Sans Serif" is an alias on Linux, which Qt would
    skip for the first real family in the list, a Korean font's Latin letters)."""
    from PySide6.QtGui import QFontDatabase, QFontInfo

    from playground.platforms import korean_fonts

    font = app.font()
    primary = font.family() if QFontDatabase.hasFamily(font.family()) else QFontInfo(font).family()
    font.setFamilies([primary, *(name for name in korean_fonts(platform) if name != primary)])
    app.setFont(font)


def create_window(app, settings, data_dir: Path | None = None):
    """The main window; ``data_dir`` (autosave) defaults to the user's data folder."""
    from playground.ui.main_window import MainWindow

    window = MainWindow(settings, data_dir=data_dir, language=getattr(app, "_language", "en"))
    app.aboutToQuit.connect(window.controller.shutdown)  # the backstop if the window is not closed
    return window


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
