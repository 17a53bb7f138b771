"""The Tensor lab in the main window: the "Tensor Lab…" action (Help and Lessons menus,
Ctrl+T) opens the lab's own window (playground.ui.lab.window.LabWindow), made on first use
with its bridge to the lab's process; the lab's process is ended when the main window
closes (``close``)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence

from playground.ui.lab.bridge import LabBridge, default_session
from playground.ui.lab.course import load_course
from playground.ui.theme import Theme
from playground.ui.window.actions import make_action

SHORTCUT = "Ctrl+T"


class TensorLab(QObject):
    """The lab of ``window`` (a MainWindow): ``action`` opens ``lab_window`` (None until first opened).
    ``make_session`` makes the lab's session (tests hand in a fake)."""

    def __init__(self, window, make_session=default_session):
        super().__init__(window)
        self._window = window
        self._make_session = make_session
        self._theme: Theme | None = None
        self.bridge: LabBridge | None = None
        self.lab_window = None
        self.action = make_action(
            window, self.tr("Tensor Lab…"), self.open, QKeySequence(SHORTCUT),
            self.tr("Try PyTorch tensor operations and see every tensor drawn: the course's examples and "
                    "exercises (Ctrl+T)."),
        )

    def open(self) -> None:
        """Show the lab's window (made on first use), in front."""
        if self.lab_window is None:
            from playground.ui.lab.window import LabWindow

            self.bridge = LabBridge(self._make_session, self)
            self.lab_window = LabWindow(self.bridge, load_course(self._window.language), self._window.settings,
                                        self._window)
            if self._theme is not None:
                self.lab_window.set_theme(self._theme)
        self.lab_window.show()
        self.lab_window.raise_()
        self.lab_window.activateWindow()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        if self.lab_window is not None:
            self.lab_window.set_theme(theme)

    def close(self) -> None:
        """End the lab's process and close its window (the main window closes)."""
        if self.bridge is not None:
            self.bridge.close()
        if self.lab_window is not None:
            self.lab_window.close()
