"""The window's actions: how one is made (``make_action``, ``choice_group``) and the
training actions (Train/Pause, Step, Epoch, Reset, Compiled training step), which follow
the run's state.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

PLAYABLE = ("paused", "running", "loading")  # run states in which the training actions can act


def packaged_app() -> bool:
    """True in the PyInstaller app (``sys.frozen``), which cannot compile the training step."""
    return bool(getattr(sys, "frozen", False))


def make_action(owner: QWidget, text: str, slot: Callable, shortcut=None, tip: str = "",
                checkable: bool = False) -> QAction:
    """An action of ``owner`` (its shortcut works even when no menu or toolbar shows it)."""
    action = QAction(text, owner)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    action.setCheckable(checkable)
    action.triggered.connect(slot)
    owner.addAction(action)
    return action


def choice_group(owner: QWidget, menu: QMenu, choices: dict[str, str], slot: Callable[[str], None]) -> dict[str, QAction]:
    """One checkable entry in ``menu`` per (key, text) of ``choices``, one of them checked at a
    time; choosing one calls ``slot(key)``. Returns the actions by key."""
    group = QActionGroup(owner)
    actions = {}
    for key, text in choices.items():
        action = QAction(text, owner, checkable=True)
        action.triggered.connect(lambda _=False, k=key: slot(k))
        group.addAction(action)
        menu.addAction(action)
        actions[key] = action
    return actions


class TrainingActions(QObject):
    """Train/Pause, Step, Epoch, Reset and the compiled-step switch, acting on ``controller``
    (a TrainingController); Reset calls ``reset``. The switch is remembered in ``settings``."""

    def __init__(self, owner: QWidget, controller, settings: QSettings, reset: Callable[[], None]):
        super().__init__(owner)
        self._owner = owner
        self._controller = controller
        self._settings = settings
        self.train = make_action(
            owner, self.tr("Train"), controller.toggle, Qt.Key_Space,
            self.tr("Start or pause training (Space). Each step updates the weights against the gradient of the loss."),
        )
        self.train.setAutoRepeat(False)  # holding Space must not flip between training and paused
        self.step = make_action(
            owner, self.tr("Step"), controller.step_batch, QKeySequence(Qt.Key_Period),
            self.tr("Train one batch: one forward pass, one backward pass, one optimizer step (.)."),
        )
        self.epoch = make_action(
            owner, self.tr("Epoch"), controller.step_epoch, QKeySequence("Ctrl+E"),
            self.tr("Train until the end of the current epoch: one pass over the training data (Ctrl+E)."),
        )
        self.reset = make_action(
            owner, self.tr("Reset"), reset, QKeySequence("Ctrl+R"),
            self.tr("Start again from new random initial weights on the same data (Ctrl+R)."),
        )
        self.compiled = make_action(
            owner, self.tr("Compiled training step"), self._on_compiled_toggled, tip=self.tr(
                "Compile each training step with torch.compile when a C++ compiler is available: the same "
                "results, several times faster on small networks. Training runs eagerly while it compiles."),
            checkable=True,
        )
        self.compiled.setChecked(settings.value("compiled_step", True, type=bool))
        if packaged_app():
            self._show_packaged()
        # In the packaged app too: asked for, the training process answers why it cannot ("frozen"),
        # which the status bar then says in words.
        controller.set_compiled(self.compiled.isChecked() or packaged_app())

    def _show_packaged(self) -> None:
        """The packaged app never compiles: the entry is off, disabled, and its tip says why."""
        from playground.ui.messages.run import packaged_app_text

        tip = packaged_app_text()[1]
        self.compiled.setChecked(False)
        self.compiled.setEnabled(False)
        self.compiled.setToolTip(tip)
        self.compiled.setStatusTip(tip)

    def stepping(self) -> list[QAction]:
        """Train, Step and Epoch: the actions the training keys work wherever the focus is."""
        return [self.train, self.step, self.epoch]

    def fill_menu(self, menu: QMenu) -> None:
        menu.addActions(self.stepping())
        menu.addSeparator()
        menu.addAction(self.reset)
        menu.addSeparator()
        menu.addAction(self.compiled)

    def show_state(self, state: str) -> None:
        """Pause while running, Train otherwise; no stepping once the run has ended."""
        running = state == "running"
        style = self._owner.style()
        self.train.setText(self.tr("Pause") if running else self.tr("Train"))
        self.train.setIcon(style.standardIcon(
            style.StandardPixmap.SP_MediaPause if running else style.StandardPixmap.SP_MediaPlay))
        for action in self.stepping():
            action.setEnabled(state in PLAYABLE)

    def _on_compiled_toggled(self, on: bool) -> None:
        self._settings.setValue("compiled_step", bool(on))
        self._controller.set_compiled(on)
