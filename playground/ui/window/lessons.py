"""Lessons in the window: the lesson list, opening a lesson, its question, goals, hints and progress.

Opening a lesson (from Lessons…, or a lesson file from disk, which is used exactly as a
shipped one) puts its start on screen (a design in the editor, or a comparison through
the window's comparisons part) at the lesson's pace, pins its title and text in the
lesson note and shows the lesson panel (question, goals, hints) in its own dock.
The lesson stays open until another design, preset or lesson replaces it.

Goals are fed from the window's reports: every snapshot of the current run (or every
comparison report, all its runs) becomes one RunObservation per run (the step and
epoch of the snapshot, the run's evaluations so far from the controller's history, its
newest probe, the newest curve the dashboard drew, the run's design), and
LessonProgress ticks each goal the first time it holds, with the step and the run: the
window numbers the runs it sees while the lesson is open (1, 2, ...; a Reset or an edit
that restarts training is a new run). Goals met stay met across resets in the lesson.

The question is asked before training: while it is unanswered, Train does not start
(TrainingController.may_play) and the banner points the learner to it. Its answer and explanation are revealed
once every goal is met or a run ends (finished or diverged). A hint appears after its
``after_seconds`` of the lesson being open while training runs (``advance`` counts that
time; a timer calls it each second), or on request.

Progress is kept in the window's QSettings under ``lessons/<id>/``: ``met`` (JSON: goal id
-> [step, run]) and ``answer`` (the chosen index, -1 when skipped). A lesson opened again
shows the goals met before as met.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QDialog, QDockWidget, QFileDialog, QMenu

from playground.design.comparison import Comparison
from playground.errors import PlaygroundError
from playground.lessons.goals import GoalMet, LessonProgress
from playground.lessons.metrics import RunObservation, evaluation_rows
from playground.lessons.schema import Lesson
from playground.ui.i18n import file_dialog_options
from playground.ui.panels.lesson_panel import LessonPanel
from playground.ui.window.actions import make_action

ENDED = ("finished", "diverged")
LESSON_DOCK_HEIGHT = 330  # px: at 1280x720 the goals and the question show whole, the editors keep the rest


def observation(snapshot, info, design, history, curve) -> RunObservation:
    """One run at ``snapshot`` (playground.runs.messages.Snapshot): ``info`` its RunInfo,
    ``design`` the design it trains now, ``history`` its LiveHistory (the snapshot already
    recorded), ``curve`` the newest (x, y) the dashboard drew, or None."""
    return RunObservation(
        step=snapshot.step, epoch=snapshot.epoch, steps_per_epoch=info.steps_per_epoch, design=design,
        parameters=info.parameters, diverged=snapshot.state == "diverged",
        evaluations=evaluation_rows(history.evals.steps, history.evals.values), probe=history.probe, curve=curve)


class LessonRecords:
    """What a learner did in each lesson, kept in ``settings`` between launches."""

    def __init__(self, settings: QSettings):
        self._settings = settings

    def met(self, lesson_id: str) -> dict[str, tuple[int, int]]:
        """Goal id -> (step, run) of every goal met so far; {} for a damaged record."""
        try:
            stored = json.loads(str(self._settings.value(f"lessons/{lesson_id}/met", "{}")))
            return {str(goal): (int(step), int(run)) for goal, (step, run) in stored.items()}
        except (ValueError, TypeError, AttributeError):
            return {}

    def answer(self, lesson_id: str) -> int | None:
        """The choice kept (-1: skipped), None when not answered."""
        value = self._settings.value(f"lessons/{lesson_id}/answer")
        try:
            return None if value is None else int(value)
        except (ValueError, TypeError):
            return None

    def remember_met(self, lesson_id: str, met: dict[str, GoalMet]) -> None:
        self._settings.setValue(f"lessons/{lesson_id}/met",
                                json.dumps({goal: [m.step, m.run] for goal, m in met.items()}))

    def remember_answer(self, lesson_id: str, chosen: int) -> None:
        self._settings.setValue(f"lessons/{lesson_id}/answer", int(chosen))

    def status(self, lesson: Lesson) -> str:
        """"done" (every goal met), "started" (a goal met or the question answered) or ""."""
        met = self.met(lesson.id)
        if all(goal.id in met for goal in lesson.goals):
            return "done"
        return "started" if met or self.answer(lesson.id) is not None else ""


class Lessons(QObject):
    """The lesson side of ``window`` (a MainWindow)."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._controller = window.controller
        self.records = LessonRecords(window.settings)
        self.lesson: Lesson | None = None
        self.progress: LessonProgress | None = None
        self.answer: int | None = None
        self.elapsed = 0.0  # seconds the lesson has been open while training ran
        self._hints_shown: list[int] = []
        self._runs = 0  # runs seen while the lesson is open
        self._run_id = None  # the controller's run id of the latest one
        self._curves: dict[int, tuple] = {}  # run index -> newest (x, y) curve
        self.panel = LessonPanel()
        self.panel.answered.connect(self._on_panel_answered)
        self.panel.hint_asked.connect(self.show_next_hint)
        self.dock = QDockWidget(self.tr("Lesson"), window)
        self.dock.setObjectName("dock_lesson")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable)
        window.addDockWidget(Qt.LeftDockWidgetArea, self.dock, Qt.Vertical)
        self.dock.hide()
        self.list_action = make_action(
            window, self.tr("&Lessons…"), self.ask_open, "Ctrl+Shift+L",
            self.tr("The course's lessons, stage by stage: each opens a design, asks a question and checks "
                    "goals on your run (Ctrl+Shift+L)."))
        self.file_action = make_action(window, self.tr("Open Lesson &File…"), self.ask_file,
                                       tip=self.tr("Open a lesson file, e.g. one your teacher wrote."))
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._controller.snapshot_ready.connect(self._on_controller_snapshot_ready)
        self._controller.comparison_snapshot_ready.connect(self._on_controller_comparison_snapshot_ready)
        self._controller.state_changed.connect(self._on_controller_state_changed)
        self._controller.may_play = self._may_play

    def fill_menu(self, menu: QMenu) -> None:
        menu.addActions([self.list_action, self.file_action])

    # --- opening and closing -------------------------------------------------------------------
    def ask_open(self) -> None:
        """The lesson list; opens the lesson (or the file) the learner picks."""
        from playground.lessons.io import shipped_lessons
        from playground.ui.lesson_list import LessonList

        try:
            lessons = shipped_lessons()
        except PlaygroundError as error:  # a damaged installation: say which file, open nothing
            self._window.file_actions.show_problems(self.tr("The lessons could not be read"), error)
            return
        dialog = LessonList(lessons, self.records.status, self._window.language, self._window)
        if self.exec_list(dialog) != QDialog.Accepted:
            return
        if dialog.wants_file:
            self.ask_file()
        elif dialog.lesson is not None:
            self.open(dialog.lesson)

    def exec_list(self, dialog) -> int:
        """Run the lesson list; tests replace this method."""
        return dialog.exec()

    def ask_file(self) -> None:
        start = str(self._window.file_actions.recent.last_folder())
        name, _ = QFileDialog.getOpenFileName(self._window, self.tr("Open Lesson File"), start, self.tr("NN Playground lessons (*.json);;All files (*)"),
                                              options=file_dialog_options())
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> bool:
        """Open the lesson file at ``path``; one that cannot be used is explained by field and nothing changes."""
        from playground.lessons.io import load_lesson

        try:
            lesson = load_lesson(path)
        except PlaygroundError as error:
            self._window.file_actions.show_problems(self.tr("The lesson could not be opened"), error)
            return False
        return self.open(lesson)

    def open(self, lesson: Lesson) -> bool:
        """Put ``lesson``'s start on screen at its pace, with its text, question, goals and hints."""
        window = self._window
        if not window.file_actions.confirm_discard():
            return False
        language = window.language
        title, text = getattr(lesson.title, language), getattr(lesson.text, language)
        window.comparisons.close_view()
        window.set_pace(lesson.pace, title)  # before the run starts, so that it starts at the pace
        start = lesson.start
        base = start.base if isinstance(start, Comparison) else start
        window.file_actions.show_design(base.with_(name=title, description=text), (title, text))
        if isinstance(start, Comparison):
            window.comparisons.start(start)
        self._begin(lesson)
        return True

    def _begin(self, lesson: Lesson) -> None:
        language = self._window.language
        self.lesson = lesson
        self.progress = LessonProgress(lesson.goals)
        self.elapsed, self._hints_shown, self._runs, self._run_id, self._curves = 0.0, [], 0, None, {}
        self.panel.set_question(getattr(lesson.question.prompt, language),
                                [getattr(choice, language) for choice in lesson.question.choices])
        self.panel.set_goals([getattr(goal.text, language) for goal in lesson.goals])
        self.panel.set_hints(len(lesson.hints))
        for goal, (step, run) in self.records.met(lesson.id).items():
            if any(g.id == goal for g in lesson.goals):
                self.progress.met[goal] = GoalMet(goal, step, run)
                self._show_met(self.progress.met[goal], earlier=True)
        self.answer = self.records.answer(lesson.id)
        if self.answer is not None:
            self._show_answer()
            if self.progress.done:
                self._reveal()
        if self.dock.isHidden():
            self.dock.show()
            self._window.resizeDocks([self.dock], [LESSON_DOCK_HEIGHT], Qt.Vertical)
        self.dock.raise_()
        self._timer.start()

    def close(self) -> None:
        """No lesson: the panel goes (the design stays on screen as any other)."""
        self.lesson = self.progress = None
        self._timer.stop()
        self.dock.hide()

    # --- the question ---------------------------------------------------------------------------
    def _on_panel_answered(self, chosen: int) -> None:
        if self.lesson is None:
            return
        self.answer = chosen
        self.records.remember_answer(self.lesson.id, chosen)
        self._show_answer()
        if self.progress.done or self._controller.state in ENDED:
            self._reveal()

    def _show_answer(self) -> None:
        choices = self.lesson.question.choices
        if self.answer is None or not 0 <= self.answer < len(choices):
            text = self.tr("Skipped. The answer shows once the goals are met or the run ends. Now train.")
        else:
            text = self.tr("Your answer: {0}. It is checked once the goals are met or the run ends. "
                           "Now train.").format(getattr(choices[self.answer], self._window.language))
        self.panel.show_answered(-1 if self.answer is None else self.answer, text)

    def _reveal(self) -> None:
        if self.lesson is None or self.answer is None or self.panel.is_revealed():
            return
        question, language = self.lesson.question, self._window.language
        right = getattr(question.choices[question.answer], language)
        if self.answer == question.answer:
            verdict = self.tr("Right: {0}.").format(right)
        elif self.answer < 0:
            verdict = self.tr("The answer: {0}.").format(right)
        else:
            verdict = self.tr("Not quite: the answer is {0}.").format(right)
        self.panel.reveal(verdict, getattr(question.explanation, language))

    def _on_controller_state_changed(self, state: str) -> None:
        if self.lesson is None:
            return
        if state in ENDED:
            self._reveal()

    def _may_play(self) -> bool:
        """Train only once the question is answered or skipped: a guess after watching teaches less."""
        if self.lesson is None or self.answer is not None:
            return True
        self._window.banner.show_message(self.tr("Answer the lesson's question (or skip it) first, then train."),
                                         "info")
        self.dock.show()
        self.dock.raise_()
        return False

    # --- goals --------------------------------------------------------------------------------------
    def _on_controller_snapshot_ready(self, snapshot) -> None:
        controller = self._controller
        info = controller.info
        if self.lesson is None or controller.comparison is not None or info is None or snapshot.run_id != info.run_id:
            return
        self._keep_curve(0, snapshot)
        self.observe([observation(snapshot, info, self._window.document.design, controller.history,
                                  self._curves.get(0))], snapshot.run_id)

    def _on_controller_comparison_snapshot_ready(self, report) -> None:
        controller = self._controller
        info = controller.comparison_info
        if self.lesson is None or controller.comparison is None or info is None or report.run_id != info.run_id:
            return
        designs = controller.comparison.designs()
        observations = []
        for i, (snapshot, run_info, history) in enumerate(zip(report.runs, info.runs, controller.run_histories)):
            self._keep_curve(i, snapshot)
            observations.append(observation(snapshot, run_info, designs[i], history, self._curves.get(i)))
        self.observe(observations, report.run_id)

    def _keep_curve(self, index: int, snapshot) -> None:
        dashboard = snapshot.dashboard
        if dashboard is not None and dashboard.curve_x is not None and dashboard.curve_y is not None:
            self._curves[index] = (dashboard.curve_x, dashboard.curve_y)

    def observe(self, observations: list[RunObservation], run_id: int) -> None:
        """Check the goals on these observations of the runs of the controller's run ``run_id``."""
        if run_id != self._run_id:  # a fresh run (or comparison) since the last report
            self._run_id, self._runs = run_id, self._runs + 1
            self._curves = {}
        met = self.progress.observe(observations, self._runs)
        if not met:
            return
        for goal in met:
            self._show_met(goal)
        self.records.remember_met(self.lesson.id, self.progress.met)
        if self.progress.done:
            self._reveal()

    def _show_met(self, met: GoalMet, earlier: bool = False) -> None:
        row = [goal.id for goal in self.lesson.goals].index(met.goal)
        goal_text = getattr(self.lesson.goals[row].text, self._window.language)
        moment = (self.tr("Met in an earlier session, at step {0} of run {1}.") if earlier
                  else self.tr("Met at step {0} of run {1}.")).format(met.step, met.run)
        self.panel.show_goal_met(row, goal_text, moment)

    # --- hints --------------------------------------------------------------------------------------
    def _on_timer_timeout(self) -> None:
        if self._controller.state == "running":
            self.advance(self._timer.interval() / 1000)

    def advance(self, seconds: float) -> None:
        """The lesson has been open and training for ``seconds`` more: show the hints now due."""
        if self.lesson is None:
            return
        self.elapsed += seconds
        for index, hint in enumerate(self.lesson.hints):
            if 0 < hint.after_seconds <= self.elapsed and index not in self._hints_shown:
                self._show_hint(index)

    def show_next_hint(self) -> None:
        """The first hint not shown yet (the learner asked)."""
        if self.lesson is None:
            return
        left = [i for i in range(len(self.lesson.hints)) if i not in self._hints_shown]
        if left:
            self._show_hint(left[0])

    def _show_hint(self, index: int) -> None:
        self._hints_shown.append(index)
        more = len(self._hints_shown) < len(self.lesson.hints)
        self.panel.add_hint(getattr(self.lesson.hints[index].text, self._window.language), more)
