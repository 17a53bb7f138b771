"""The main window as the window tests open it."""

from __future__ import annotations

from playground.ui.main_window import MainWindow

WINDOW_TIMEOUT = 60_000  # ms: a window's first run is prepared in a spawned process


def open_window(qtbot, settings, tmp_path, language: str = "en") -> MainWindow:
    """A main window at 1366x768, shown, its dashboards built and its first run paused."""
    window = MainWindow(settings, data_dir=tmp_path / "data", language=language)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: bool(window.views) and window.controller.state == "paused", timeout=WINDOW_TIMEOUT)
    return window
