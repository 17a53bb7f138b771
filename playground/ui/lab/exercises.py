"""The lab's Exercises tab: the list (✓ for the ones done), the task, Check, hints, progress.

Progress is kept in QSettings under ``lab/done/<exercise key>`` (True once checked right),
so it stays between launches. The tab does not run code: Check emits
``check_requested(exercise)`` and the window runs the editor's code with the exercise's
inputs, then hands the verdict back to ``show_verdict``.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
                               QWidget)

from playground.ui.lab.course import Exercise
from playground.ui.theme import LIGHT, Theme

DONE_KEY = "lab/done/{0}"


class ExercisesTab(QWidget):
    """The exercises of a course, with progress in ``settings``."""

    exercise_chosen = Signal(object)  # Exercise
    check_requested = Signal(object)  # Exercise

    def __init__(self, exercises: tuple[Exercise, ...], settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self._exercises = exercises
        self._settings = settings
        self._hints_shown = 0
        self._theme = LIGHT
        self.progress = QLabel()
        self.list = QListWidget()
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # a long task is elided (…), whole in its tooltip
        self.list.setTextElideMode(Qt.ElideRight)
        for exercise in exercises:
            item = QListWidgetItem(exercise.title)
            item.setToolTip(exercise.task)
            self.list.addItem(item)
        self.task = QLabel()
        self.task.setWordWrap(True)
        self.task.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.setToolTip(self.tr("Run the code in the editor with this exercise's tensors and check "
                                             "its result"))
        self.hint_button = QPushButton(self.tr("Hint"))
        self.hints = QLabel()
        self.hints.setWordWrap(True)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.hint_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.list, 2)
        layout.addWidget(self.task)
        layout.addLayout(buttons)
        layout.addWidget(self.verdict)
        layout.addWidget(self.hints)
        layout.addStretch(1)
        if not exercises:
            self.task.setText(self.tr("The course's exercises are not installed in this version yet."))
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.check_button.clicked.connect(self._on_check_button_clicked)
        self.hint_button.clicked.connect(self._on_hint_button_clicked)
        self._show_progress()
        self._show_current()

    def current(self) -> Exercise | None:
        row = self.list.currentRow()
        return self._exercises[row] if 0 <= row < len(self._exercises) else None

    def choose(self, row: int) -> None:
        self.list.setCurrentRow(row)

    def is_done(self, exercise: Exercise) -> bool:
        return self._settings.value(DONE_KEY.format(exercise.key), False, type=bool)

    def done_count(self) -> int:
        return sum(self.is_done(e) for e in self._exercises)

    def show_verdict(self, exercise: Exercise, ok: bool, why: str) -> None:
        """The check's answer for ``exercise``: right (remembered) or ``why`` not."""
        if ok:
            self._settings.setValue(DONE_KEY.format(exercise.key), True)
            self._show_progress()
        colour = self._theme.good if ok else self._theme.bad
        text = self.tr("✓ Right!") if ok else self.tr("Not yet: {0}").format(html.escape(why))
        self.verdict.setText(f"<span style='color:{colour}'>{text}</span>")

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def _show_progress(self) -> None:
        for row, exercise in enumerate(self._exercises):
            item = self.list.item(row)
            item.setText(("✓ " if self.is_done(exercise) else "") + exercise.title)
        self.progress.setText(self.tr("{0} of {1} exercises done").format(self.done_count(), len(self._exercises)))

    def _show_current(self) -> None:
        exercise = self.current()
        self._hints_shown = 0
        self.hints.clear()
        self.verdict.clear()
        self.check_button.setEnabled(exercise is not None)
        self.hint_button.setEnabled(exercise is not None and bool(exercise.hints))
        if exercise is not None:
            self.task.setText(exercise.task)
        elif self._exercises:
            self.task.setText(self.tr("Choose an exercise."))

    def _on_list_current_row_changed(self, _row: int) -> None:
        self._show_current()
        exercise = self.current()
        if exercise is not None:
            self.exercise_chosen.emit(exercise)

    def _on_check_button_clicked(self) -> None:
        exercise = self.current()
        if exercise is not None:
            self.verdict.setText(self.tr("Checking…"))
            self.check_requested.emit(exercise)

    def _on_hint_button_clicked(self) -> None:
        exercise = self.current()
        if exercise is None or self._hints_shown >= len(exercise.hints):
            return
        self._hints_shown += 1
        self.hints.setText("<br>".join(self.tr("Hint {0}: {1}").format(i + 1, html.escape(h))
                                       for i, h in enumerate(exercise.hints[:self._hints_shown])))
        self.hint_button.setEnabled(self._hints_shown < len(exercise.hints))
