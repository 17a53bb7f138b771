"""The lesson panel: the open lesson's question, its goals with their ticks, and its hints.

It shows what it is given and says what the learner did (``answered``, ``hint_asked``);
the window's lesson part (playground.ui.window.lessons) decides when a goal is met,
when a hint is due and when the answer is revealed. All texts are plain text in the
interface language, worded by the caller. The lesson's own title and text stay in the
lesson note above the output (playground.ui.panels.lesson_note).

``python -m playground.ui.panels.lesson_panel`` shows it alone.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QGroupBox, QHBoxLayout, QLabel, QPushButton, QRadioButton,
                               QScrollArea, QVBoxLayout, QWidget)

TICK, OPEN = "✔", "○"


def _label(text: str = "", bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.PlainText)
    label.setTextInteractionFlags(Qt.TextSelectableByMouse)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)
    return label


class LessonPanel(QScrollArea):
    """Question (choices, Answer, Skip; then the reveal), goals (each with a tick and its moment),
    hints (the ones shown so far, and a button for the next)."""

    answered = Signal(int)  # the chosen choice's index, -1 when skipped
    hint_asked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lesson_panel")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # texts wrap to the dock's width
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 4, 6, 4)
        column.addWidget(self._build_goals())  # first: a short list, and what the learner watches for
        column.addWidget(self._build_question())
        column.addWidget(self._build_hints())
        column.addStretch(1)
        self.setWidget(body)
        self._goal_rows: list[tuple[QLabel, QLabel]] = []

    # --- construction --------------------------------------------------------------------------
    def _build_question(self) -> QGroupBox:
        self.question_box = QGroupBox(self.tr("Before you train"))
        layout = QVBoxLayout(self.question_box)
        self.prompt_label = _label(bold=True)
        layout.addWidget(self.prompt_label)
        self.choices_column = QVBoxLayout()
        layout.addLayout(self.choices_column)
        self.choice_group = QButtonGroup(self)
        self.choice_group.idToggled.connect(lambda *_: self.answer_button.setEnabled(self.choice_group.checkedId() >= 0))
        self.buttons = QWidget()
        buttons = QHBoxLayout(self.buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        self.answer_button = QPushButton(self.tr("Answer"))
        self.answer_button.setToolTip(self.tr("Keep this answer; it is checked once the goals are met or the run ends."))
        self.answer_button.clicked.connect(lambda: self.answered.emit(self.choice_group.checkedId()))
        self.skip_button = QPushButton(self.tr("Skip"))
        self.skip_button.setToolTip(self.tr("Train without answering."))
        self.skip_button.clicked.connect(lambda: self.answered.emit(-1))
        buttons.addWidget(self.answer_button)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        layout.addWidget(self.buttons)
        self.answer_label = _label()
        self.explanation_label = _label()
        layout.addWidget(self.answer_label)
        layout.addWidget(self.explanation_label)
        return self.question_box

    def _build_goals(self) -> QGroupBox:
        self.goals_box = QGroupBox(self.tr("Goals"))
        self.goals_column = QVBoxLayout(self.goals_box)
        self.goals_column.setSpacing(4)
        return self.goals_box

    def _build_hints(self) -> QGroupBox:
        self.hints_box = QGroupBox(self.tr("Hints"))
        layout = QVBoxLayout(self.hints_box)
        self.hints_column = QVBoxLayout()
        layout.addLayout(self.hints_column)
        self.hint_button = QPushButton(self.tr("Show a hint"))
        self.hint_button.setToolTip(self.tr("Show the next hint now."))
        self.hint_button.clicked.connect(self.hint_asked)
        layout.addWidget(self.hint_button, 0, Qt.AlignLeft)
        return self.hints_box

    # --- the API the window uses ------------------------------------------------------------------
    def set_question(self, prompt: str, choices: list[str]) -> None:
        """A new question, unanswered: its choices, none chosen."""
        self.question_box.setTitle(self.tr("Before you train"))
        self.prompt_label.setText(prompt)
        for button in self.choice_group.buttons():
            self.choice_group.removeButton(button)
        while self.choices_column.count():
            self.choices_column.takeAt(0).widget().deleteLater()
        for index, text in enumerate(choices):
            self.choices_column.addWidget(self._choice_row(index, text))
        self.buttons.show()
        self.answer_button.setEnabled(False)
        self.skip_button.setEnabled(True)
        self.answer_label.hide()
        self.explanation_label.hide()

    def _choice_row(self, index: int, text: str) -> QWidget:
        """A choice: its radio button and its text beside it, wrapped (a long Korean choice
        would otherwise widen the dock); a click on the text chooses it too."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        button = QRadioButton()
        button.setAccessibleName(text)
        self.choice_group.addButton(button, index)
        label = _label(text)
        label.setTextInteractionFlags(Qt.NoTextInteraction)
        label.mousePressEvent = lambda _event: button.isEnabled() and button.setChecked(True)
        line.addWidget(button, 0, Qt.AlignTop)
        line.addWidget(label, 1)
        return row

    def show_answered(self, chosen: int, text: str) -> None:
        """The learner's choice kept (``chosen`` -1: skipped) and ``text`` saying so, in place of the
        choices (they go: the goals need the room while training)."""
        for button in self.choice_group.buttons():
            button.setChecked(self.choice_group.id(button) == chosen)
            button.setEnabled(False)
        for i in range(self.choices_column.count()):
            self.choices_column.itemAt(i).widget().hide()
        self.buttons.hide()
        self.question_box.setTitle(self.tr("Your guess"))
        self.answer_button.setEnabled(False)
        self.skip_button.setEnabled(False)
        self.answer_label.setText(text)
        self.answer_label.show()

    def reveal(self, verdict: str, explanation: str) -> None:
        """The right answer (``verdict``) and why."""
        self.answer_label.setText(verdict)
        self.answer_label.show()
        self.explanation_label.setText(explanation)
        self.explanation_label.show()

    def is_revealed(self) -> bool:
        return not self.explanation_label.isHidden()

    def choose(self, index: int) -> None:
        """Select choice ``index`` (as a click would)."""
        self.choice_group.button(index).setChecked(True)

    def set_goals(self, texts: list[str]) -> None:
        """The goals, none met yet."""
        for tick, label in self._goal_rows:
            tick.deleteLater()
            label.deleteLater()
        self._goal_rows = []
        for row, text in enumerate(texts):
            line = QHBoxLayout()
            tick = QLabel(OPEN)
            tick.setAccessibleName(self.tr("Not met yet"))
            label = _label(text)
            line.addWidget(tick, 0, Qt.AlignTop)
            line.addWidget(label, 1)
            self.goals_column.addLayout(line)
            self._goal_rows.append((tick, label))

    def show_goal_met(self, row: int, text: str, moment: str) -> None:
        """Goal ``row`` ticked, its text followed by when it was met."""
        tick, label = self._goal_rows[row]
        tick.setText(TICK)
        tick.setStyleSheet("color: #2e9d4f; font-weight: bold;")
        tick.setAccessibleName(self.tr("Met"))
        label.setText(f"{text}\n{moment}")

    def goal_ticked(self, row: int) -> bool:
        return self._goal_rows[row][0].text() == TICK

    def goal_text(self, row: int) -> str:
        return self._goal_rows[row][1].text()

    def set_hints(self, count: int) -> None:
        """A lesson with ``count`` hints, none shown yet."""
        while self.hints_column.count():
            self.hints_column.takeAt(0).widget().deleteLater()
        self.hints_box.setVisible(count > 0)
        self.hint_button.setEnabled(count > 0)

    def add_hint(self, text: str, more: bool) -> None:
        """Show one more hint; ``more``: others are left to ask for."""
        self.hints_column.addWidget(_label("• " + text))
        self.hint_button.setEnabled(more)

    def hints_shown(self) -> list[str]:
        return [self.hints_column.itemAt(i).widget().text().removeprefix("• ")
                for i in range(self.hints_column.count())]


if __name__ == "__main__":
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    panel = LessonPanel()
    panel.set_question("Which loss will follow the outliers?", ["MSE", "MAE"])
    panel.set_goals(["MAE's fit stays within 0.1 of the clean curve", "MSE's is more than 0.3 away"])
    panel.show_goal_met(0, "MAE's fit stays within 0.1 of the clean curve", "Met at step 420 of run 1")
    panel.set_hints(2)
    panel.resize(330, 420)
    panel.show()
    sys.exit(app.exec())
