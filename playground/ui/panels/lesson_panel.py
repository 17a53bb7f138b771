"""The lesson panel: the open lesson's question, its goals with their ticks, and its hints.

It shows what it is given and says what the learner did (``answered``, ``hint_asked``,
``start_over_asked``); the window's lesson part (playground.ui.window.lessons) decides
when a goal is met, when a hint is due and when the answer is revealed. All texts are
plain text in the interface language, worded by the caller. The lesson's own title and
text stay in the lesson note above the output (playground.ui.panels.lesson_note).

It is compact so that it fits a 1280x720 screen beside the Design dock: once answered,
the question folds to its title line, "Your guess" (the guess and, later, the answer
stay shown; a click on the title unfolds it); parts have a bold title line instead of a
group box's frame; the hints' part appears with the first hint; Show a hint and Start
over share one row. ``needed_height`` is the height its contents need at the current width
(the window sizes the dock to it); ``content_changed`` says that it may have changed.

``python -m playground.ui.panels.lesson_panel`` shows it alone.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QRadioButton, QScrollArea, QVBoxLayout, QWidget

from playground.ui.theme import LIGHT, Theme
from playground.ui.widgets.controls import fold_button

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


def _discard(widget: QWidget) -> None:
    """Out of sight at once (deleted once the event loop gets to it): the next lesson's rows take its place."""
    widget.hide()
    widget.deleteLater()


class Section(QWidget):
    """A titled part of the panel: a bold title line (with a fold arrow when ``foldable``),
    then ``body``, indented. Lighter than a group box's frame: the panel fits a short screen."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        header = QHBoxLayout()
        header.setSpacing(2)
        self.fold_button = fold_button()
        self.fold_button.hide()
        self.title_label = _label(title, bold=True)
        header.addWidget(self.fold_button, 0, Qt.AlignVCenter)
        header.addWidget(self.title_label, 1)
        layout.addLayout(header)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(8, 0, 0, 0)
        self.body.setSpacing(4)
        layout.addLayout(self.body)

    def title(self) -> str:
        return self.title_label.text()

    def set_title(self, title: str) -> None:
        self.title_label.setText(title)


class LessonPanel(QScrollArea):
    """Goals (each with a tick and its moment), question (choices, Answer, Skip; then the guess,
    the question folded, and the reveal), hints (the ones shown so far), and a row with Show a
    hint and Start over."""

    answered = Signal(int)  # the chosen choice's index, -1 when skipped
    hint_asked = Signal()
    start_over_asked = Signal()
    content_changed = Signal()  # shown or hidden parts or texts: needed_height may have changed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lesson_panel")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)  # texts wrap to the dock's width
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 4, 6, 4)
        column.setSpacing(8)
        column.addWidget(self._build_goals())  # first: a short list, and what the learner watches for
        column.addWidget(self._build_question())
        column.addWidget(self._build_hints())
        column.addLayout(self._build_buttons())
        column.addStretch(1)
        self.setWidget(body)
        body.installEventFilter(self)  # a new width wraps the texts anew: needed_height changes
        self._goal_rows: list[tuple[QLabel, QLabel]] = []
        self._theme = LIGHT

    # --- construction --------------------------------------------------------------------------
    def _build_question(self) -> Section:
        self.question_box = Section(self.tr("Before you train"))
        self.fold_button = self.question_box.fold_button  # once answered: the question folds to its title
        self.fold_button.toggled.connect(self._show_fold)
        self.question_box.title_label.installEventFilter(self)  # a click on the title folds too
        layout = self.question_box.body
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

    def _build_goals(self) -> Section:
        self.goals_box = Section(self.tr("Goals"))
        self.goals_column = self.goals_box.body
        return self.goals_box

    def _build_hints(self) -> Section:
        self.hints_box = Section(self.tr("Hints"))
        self.hints_column = self.hints_box.body
        self.hints_box.hide()  # until the first hint
        return self.hints_box

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.hint_button = QPushButton(self.tr("Show a hint"))
        self.hint_button.setToolTip(self.tr("Show the next hint now."))
        self.hint_button.clicked.connect(self.hint_asked)
        self.start_over_button = QPushButton(self.tr("Start over"))
        self.start_over_button.setToolTip(self.tr("Forget this lesson's goals met, your answer and the hints shown, "
                                                  "and load its start again."))
        self.start_over_button.clicked.connect(self.start_over_asked)
        row.addWidget(self.hint_button)
        row.addStretch(1)
        row.addWidget(self.start_over_button)
        return row

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (watched is self.question_box.title_label and event.type() == QEvent.MouseButtonRelease
                and not self.fold_button.isHidden()):
            self.fold_button.toggle()
            return True
        if watched is self.widget() and event.type() == QEvent.Resize and event.size().width() != event.oldSize().width():
            self.content_changed.emit()
        return super().eventFilter(watched, event)

    # --- the API the window uses ------------------------------------------------------------------
    def set_question(self, prompt: str, choices: list[str]) -> None:
        """A new question, unanswered: its choices, none chosen."""
        self.question_box.set_title(self.tr("Before you train"))
        self.fold_button.hide()
        self.fold_button.setChecked(False)
        self.prompt_label.setText(prompt)
        self.prompt_label.show()
        for button in self.choice_group.buttons():
            self.choice_group.removeButton(button)
        while self.choices_column.count():
            _discard(self.choices_column.takeAt(0).widget())
        for index, text in enumerate(choices):
            self.choices_column.addWidget(self._choice_row(index, text))
        self.buttons.show()
        self.answer_button.setEnabled(False)
        self.skip_button.setEnabled(True)
        self.answer_label.hide()
        self.explanation_label.hide()
        self.content_changed.emit()

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
        """The learner's choice kept (``chosen`` -1: skipped) and ``text`` saying so; the question
        folds to its title line (the goals and the Design dock need the room while training)."""
        for button in self.choice_group.buttons():
            button.setChecked(self.choice_group.id(button) == chosen)
            button.setEnabled(False)
        self.buttons.hide()
        self.question_box.set_title(self.tr("Your guess"))
        self.answer_button.setEnabled(False)
        self.skip_button.setEnabled(False)
        self.answer_label.setText(text)
        self.answer_label.show()
        self.fold_button.show()
        self.set_question_folded(True)
        self._show_fold(self.fold_button.isChecked())

    def set_question_folded(self, folded: bool) -> None:
        """Fold the answered question to its title line, or show its prompt and choices again."""
        self.fold_button.setChecked(not folded)

    def is_question_folded(self) -> bool:
        return self.prompt_label.isHidden()

    def _show_fold(self, unfolded: bool) -> None:
        self.fold_button.setArrowType(Qt.DownArrow if unfolded else Qt.RightArrow)
        self.fold_button.setToolTip(self.tr("Hide the question") if unfolded else self.tr("Show the question again"))
        if self.fold_button.isHidden():  # not answered yet: the question shows whole
            return
        self.prompt_label.setVisible(unfolded)
        for i in range(self.choices_column.count()):
            self.choices_column.itemAt(i).widget().setVisible(unfolded)
        self.content_changed.emit()

    def reveal(self, verdict: str, explanation: str) -> None:
        """The right answer (``verdict``) and why."""
        self.answer_label.setText(verdict)
        self.answer_label.show()
        self.explanation_label.setText(explanation)
        self.explanation_label.show()
        self.content_changed.emit()

    def is_revealed(self) -> bool:
        return not self.explanation_label.isHidden()

    def choose(self, index: int) -> None:
        """Select choice ``index`` (as a click would)."""
        self.choice_group.button(index).setChecked(True)

    def set_theme(self, theme: Theme) -> None:
        """The ticks of met goals in ``theme``'s colour for a good outcome."""
        self._theme = theme
        for tick, _ in self._goal_rows:
            if tick.text() == TICK:
                tick.setStyleSheet(f"color: {theme.good}; font-weight: bold;")

    def set_goals(self, texts: list[str]) -> None:
        """The goals, none met yet."""
        while self.goals_column.count():  # the rows of the lesson before, with their layouts
            line = self.goals_column.takeAt(0).layout()
            while line.count():
                _discard(line.takeAt(0).widget())
            line.deleteLater()
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
        self.content_changed.emit()

    def show_goal_met(self, row: int, text: str, moment: str) -> None:
        """Goal ``row`` ticked, its text followed by when it was met."""
        tick, label = self._goal_rows[row]
        tick.setText(TICK)
        tick.setStyleSheet(f"color: {self._theme.good}; font-weight: bold;")
        tick.setAccessibleName(self.tr("Met"))
        label.setText(f"{text}\n{moment}")
        self.content_changed.emit()

    def goal_ticked(self, row: int) -> bool:
        return self._goal_rows[row][0].text() == TICK

    def goal_text(self, row: int) -> str:
        return self._goal_rows[row][1].text()

    def set_hints(self, count: int) -> None:
        """A lesson with ``count`` hints, none shown yet."""
        while self.hints_column.count():
            _discard(self.hints_column.takeAt(0).widget())
        self.hints_box.hide()
        self.hint_button.setVisible(count > 0)
        self.hint_button.setEnabled(count > 0)
        self.content_changed.emit()

    def add_hint(self, text: str, more: bool) -> None:
        """Show one more hint; ``more``: others are left to ask for."""
        self.hints_column.addWidget(_label("• " + text))
        self.hints_box.show()
        self.hint_button.setEnabled(more)
        self.content_changed.emit()

    def hide_hints(self) -> None:
        """No more hints (the lesson is done): the hints and their button go."""
        self.hints_box.hide()
        self.hint_button.hide()
        self.content_changed.emit()

    def hints_shown(self) -> list[str]:
        return [self.hints_column.itemAt(i).widget().text().removeprefix("• ")
                for i in range(self.hints_column.count())]

    def needed_height(self) -> int:
        """The height the contents need at the panel's current width (no scrolling below it)."""
        column = self.widget().layout()
        width = self.viewport().width()
        if column.hasHeightForWidth():
            return column.totalHeightForWidth(width)
        return column.totalSizeHint().height()


if __name__ == "__main__":
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    panel = LessonPanel()
    panel.set_question("Which loss will follow the outliers?", ["MSE", "MAE"])
    panel.set_goals(["MAE's fit stays within 0.1 of the clean curve", "MSE's is more than 0.3 away"])
    panel.show_goal_met(0, "MAE's fit stays within 0.1 of the clean curve", "Met at step 420 of run 1")
    panel.set_hints(2)
    panel.add_hint("Watch the loss curve.", True)
    panel.show_answered(1, "Your answer: MAE. It is checked once the goals are met or the run ends. Now train.")
    panel.resize(330, panel.needed_height())
    panel.show()
    sys.exit(app.exec())
