"""The Tensor lab in the main window: the "Tensor Lab…" action (Help and Lessons menus,
Ctrl+T) opens the lab's own window (playground.ui.lab.window.LabWindow), made on first use
with its bridge to the lab's process; the lab's process is ended when the main window
closes (``close``).

A layer of the network opens in the lab too: "Open in Tensor Lab" under the Layers panel's
selected Linear row, or at the step-through's Forward stage, asks the training process for
the layer's live tensors (TrainingController.layer_tensors); the answer opens the lab on
them (LabWindow.open_layer). When the run cannot answer (no run yet, a comparison) the
lab stays as it is and the status bar says why: made-up values would not be the layer's.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence

from playground.runs.inside import LayerTensorsTaken
from playground.ui.lab.bridge import LabBridge, default_session
from playground.ui.lab.course import load_course
from playground.ui.theme import Theme
from playground.ui.window.actions import make_action

SHORTCUT = "Ctrl+T"
REFUSAL_MS = 10_000  # how long the status bar says why a layer could not open


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
        self._asked_for: int | None = None  # the run whose layer was asked for and has not come yet
        window.layer_editor.lab_requested.connect(self.ask_layer)
        window.inside.panel.lab_requested.connect(self.ask_layer)
        window.controller.layer_tensors_taken.connect(self._on_controller_layer_tensors_taken)

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

    def ask_layer(self, block: int) -> None:
        """Ask the current run for block ``block``'s live tensors; they open the lab when they come."""
        self._asked_for = self._window.controller.run_id
        self._window.controller.layer_tensors(block)

    def open_layer(self, taken: LayerTensorsTaken) -> None:
        """Open the lab on the network's layer ``taken`` and run it as its tensor operation."""
        self.open()
        self.lab_window.open_layer(taken)

    def _on_controller_layer_tensors_taken(self, taken: LayerTensorsTaken) -> None:
        if self._asked_for is None or taken.run_id != self._asked_for:
            return  # not asked for here, or a superseded run's
        self._asked_for = None
        if taken.problem:
            status = self._window.statusBar()
            status.showMessage(self.tr("The Tensor Lab cannot open this layer: {0}").format(taken.problem), REFUSAL_MS)
            return
        self.open_layer(taken)

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
