"""Lessons in the window: the lesson list, opening a lesson, its question, goals, hints and progress.

Opening a lesson (from Lessons…, or a lesson file from disk, which is used exactly as a
shipped one) puts its start on screen (a design in the editor, or a comparison through
the window's comparisons part) as a fresh run at the lesson's pace, pins its title and
text in the lesson note and shows the lesson panel (question, goals, hints) in its own
dock, as tall as the panel needs (at most MAX_SHARE of the docks' column: the Design
dock keeps the rest; the panel folds the answered question to stay small).
The lesson stays open until another design, preset or lesson replaces it.

Goals are fed from the window's reports: every snapshot of the current run (or every
comparison report, all its runs) becomes one RunObservation per run (the step and
epoch of the snapshot, the run's evaluations so far from the controller's history, its
newest probe, the newest curve the dashboard drew, the run's design), and
LessonProgress ticks each goal the first time it holds, with the step and the run: the
window numbers the runs it sees while the lesson is open (1, 2, ...; a Reset or an edit
that restarts training is a new run). Goals met stay met across resets in the lesson.

The question is asked before training: while it is unanswered, nothing trains - Train,
Space, Step, Epoch, their buttons and keys, and a run or comparison that would start
running all ask the controller's one gate (TrainingController.may_train, which this part
sets) - and the banner points the learner to it. Its answer and explanation are revealed
once every goal is met or a run ends (finished or diverged). A hint appears after its
``after_seconds`` of the lesson being open while training runs (``advance`` counts that
time; a timer calls it each second), or on request; once every goal is met the hints go
(their room goes to the answer and its explanation).

Progress is kept in the window's QSettings, one group per lesson (LessonRecords.key):
``lessons/<id>/`` for a shipped lesson (also when its file is opened from the shipped
lessons' folder), and ``lesson_files/<id>-<hash>/`` for a lesson file opened from anywhere
else, ``<hash>`` the first 12 hex digits of the SHA-256 of the file's resolved path (case
folded where the file system folds case). So a teacher's file that reuses a shipped
lesson's id (or another file's) keeps its own record and never reads or overwrites the
shipped lesson's; the same file opened again (even after the teacher edits it) finds
its record, and a copy moved elsewhere starts afresh. A group holds ``met`` (JSON: goal
id -> [step, run]) and ``answer`` (the chosen index, -1 when skipped). A lesson opened
again shows the goals met before as met.

Start over (the panel's button, or the lesson list's for a lesson in progress or done)
forgets the lesson's record (goals met, answer) and the hints shown, and opens the lesson
afresh: its start is loaded again. It asks first only when a goal was met or the question
answered (unsaved edits of the design are asked about as when any design replaces them).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QDialog, QDockWidget, QFileDialog, QMenu, QMessageBox

from playground.design.comparison import Comparison
from playground.errors import PlaygroundError
from playground.lessons.goals import GoalMet, LessonProgress
from playground.lessons.metrics import RunObservation, evaluation_rows
from playground.lessons.schema import Lesson
from playground.ui.i18n import file_dialog_options
from playground.ui.panels.lesson_panel import LessonPanel
from playground.ui.window.actions import make_action

ENDED = ("finished", "diverged")
MAX_SHARE = 0.55  # of the docks' column the Lesson dock may take; the Design dock keeps the rest
SHIPPED_GROUP, FILE_GROUP = "lessons", "lesson_files"  # QSettings groups of the progress records


def observation(snapshot, info, design, history, curve) -> RunObservation:
    """One run at ``snapshot`` (playground.runs.messages.Snapshot): ``info`` its RunInfo,
    ``design`` the design it trains now, ``history`` its LiveHistory (the snapshot already
    recorded), ``curve`` the newest (x, y) the dashboard drew, or None."""
    return RunObservation(
        step=snapshot.step, epoch=snapshot.epoch, steps_per_epoch=info.steps_per_epoch, design=design,
        parameters=info.parameters, diverged=snapshot.state == "diverged",
        evaluations=evaluation_rows(history.evals.steps, history.evals.values), probe=history.probe, curve=curve)


class LessonRecords:
    """What a learner did in each lesson, kept in ``settings`` between launches, by record key
    (``key``: a settings group, see the module docstring)."""

    def __init__(self, settings: QSettings):
        self._settings = settings

    @staticmethod
    def key(lesson_id: str, path: Path | None = None) -> str:
        """The record of lesson ``lesson_id``, shipped (``path`` None or in the shipped lessons'
        folder) or opened from the file at ``path``."""
        from playground.lessons.io import lesson_paths

        if path is None:
            return f"{SHIPPED_GROUP}/{lesson_id}"
        resolved = os.path.normcase(str(Path(path).resolve()))
        if resolved in {os.path.normcase(str(shipped.resolve())) for shipped in lesson_paths()}:
            return f"{SHIPPED_GROUP}/{lesson_id}"
        digest = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        return f"{FILE_GROUP}/{lesson_id}-{digest}"

    def met(self, key: str) -> dict[str, tuple[int, int]]:
        """Goal id -> (step, run) of every goal met so far; {} for a damaged record."""
        try:
            stored = json.loads(str(self._settings.value(f"{key}/met", "{}")))
            return {str(goal): (int(step), int(run)) for goal, (step, run) in stored.items()}
        except (ValueError, TypeError, AttributeError):
            return {}

    def answer(self, key: str) -> int | None:
        """The choice kept (-1: skipped), None when not answered."""
        value = self._settings.value(f"{key}/answer")
        try:
            return None if value is None else int(value)
        except (ValueError, TypeError):
            return None

    def remember_met(self, key: str, met: dict[str, GoalMet]) -> None:
        self._settings.setValue(f"{key}/met", json.dumps({goal: [m.step, m.run] for goal, m in met.items()}))

    def remember_answer(self, key: str, chosen: int) -> None:
        self._settings.setValue(f"{key}/answer", int(chosen))

    def forget(self, key: str) -> None:
        """Start over: no goal met, no answer."""
        self._settings.remove(key)

    def has_progress(self, key: str) -> bool:
        """A goal met or the question answered: what starting over would lose."""
        return bool(self.met(key)) or self.answer(key) is not None

    def status(self, lesson: Lesson) -> str:
        """A shipped lesson's progress: "done" (every goal met), "started" (a goal met or the
        question answered) or ""."""
        key = self.key(lesson.id)
        met = self.met(key)
        if all(goal.id in met for goal in lesson.goals):
            return "done"
        return "started" if self.has_progress(key) else ""


class Lessons(QObject):
    """The lesson side of ``window`` (a MainWindow)."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._controller = window.controller
        self.records = LessonRecords(window.settings)
        self.lesson: Lesson | None = None
        self.key = ""  # the open lesson's record (LessonRecords.key)
        self._path: Path | None = None  # the file it was opened from, None for a shipped one
        self._opening = False  # its start is being put on screen: the lesson stays open meanwhile
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
        self.panel.start_over_asked.connect(self.start_over)
        self._fit_timer = QTimer(self)  # the dock fits the panel once its changes are laid out
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_dock)
        self.panel.content_changed.connect(self._fit_timer.start)
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
        self._controller.may_train = self._may_train

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
        elif dialog.lesson is not None and dialog.starting_over:
            self.start_over(dialog.lesson)
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
        return self.open(lesson, path)

    def open(self, lesson: Lesson, path: Path | None = None, *, forget: bool = False) -> bool:
        """Put ``lesson`` (shipped, or read from the file at ``path``) on screen: its start as a
        fresh run at its pace, with its text, question, goals and hints. ``forget``: its record
        is forgotten first (start over). False when the learner kept unsaved edits instead."""
        window = self._window
        if not window.file_actions.confirm_discard():
            return False
        key = self.records.key(lesson.id, path)
        if forget:
            self.records.forget(key)
        language = window.language
        title, text = getattr(lesson.title, language), getattr(lesson.text, language)
        window.comparisons.close_view()  # first: it puts back the docks as they were before the comparison
        window.set_pace(lesson.pace, title)  # before the run starts, so that it starts at the pace
        self._begin(lesson, key, path)  # before the run starts, so that it waits for the question
        start = lesson.start
        base = start.base if isinstance(start, Comparison) else start
        run = self._controller.run_id
        self._opening = True  # the design put on screen would otherwise close the lesson
        try:
            window.file_actions.show_design(base.with_(name=title, description=text), (title, text))
            if isinstance(start, Comparison):
                window.comparisons.start(start)
            elif self._controller.run_id == run:  # the same design as on screen: still a fresh run
                window.restart_current()
        finally:
            self._opening = False
        return True

    def start_over(self, lesson: Lesson | None = None) -> bool:
        """Open ``lesson`` (by default the open one, from where it was opened) afresh, its record
        forgotten; asks first when a goal was met or the question answered."""
        path = self._path if lesson is None else None
        lesson = lesson or self.lesson
        if lesson is None:
            return False
        key = self.records.key(lesson.id, path)
        if self.records.has_progress(key) and not self.confirm_start_over(getattr(lesson.title, self._window.language)):
            return False
        return self.open(lesson, path, forget=True)

    def confirm_start_over(self, title: str) -> bool:
        """Ask before forgetting the progress of lesson ``title``; tests replace this method."""
        answer = QMessageBox.question(
            self._window, self.tr("Start Over"),
            self.tr("Start “{0}” over? The goals met and your answer are forgotten, and its start is loaded "
                    "again.").format(title), QMessageBox.Yes | QMessageBox.Cancel, QMessageBox.Cancel)
        return answer == QMessageBox.Yes

    def _begin(self, lesson: Lesson, key: str, path: Path | None) -> None:
        language = self._window.language
        self.lesson, self.key, self._path = lesson, key, path
        self.progress = LessonProgress(lesson.goals)
        self.elapsed, self._hints_shown, self._runs, self._run_id, self._curves = 0.0, [], 0, None, {}
        self.panel.set_question(getattr(lesson.question.prompt, language),
                                [getattr(choice, language) for choice in lesson.question.choices])
        self.panel.set_goals([getattr(goal.text, language) for goal in lesson.goals])
        self.panel.set_hints(len(lesson.hints))
        for goal, (step, run) in self.records.met(key).items():
            if any(g.id == goal for g in lesson.goals):
                self.progress.met[goal] = GoalMet(goal, step, run)
                self._show_met(self.progress.met[goal], earlier=True)
        self.answer = self.records.answer(key)
        if self.answer is not None:
            self._show_answer()
            if self.progress.done:
                self._reveal()
        self.dock.show()
        self.dock.raise_()
        self._fit_timer.start()
        self._timer.start()

    def close(self) -> None:
        """No lesson: the panel goes (the design stays on screen as any other)."""
        if self._opening:
            return
        self.lesson = self.progress = None
        self._timer.stop()
        self.dock.hide()

    # --- the question ---------------------------------------------------------------------------
    def _on_panel_answered(self, chosen: int) -> None:
        if self.lesson is None:
            return
        self.answer = chosen
        self.records.remember_answer(self.key, chosen)
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

    def _may_train(self) -> bool:
        """The controller's gate: train only once the question is answered or skipped (a guess after
        watching teaches less); until then the banner says why and the question shows."""
        if self.lesson is None or self.answer is not None:
            return True
        self._window.banner.show_message(self.tr("Answer the lesson's question (or skip it) first, then train."),
                                         "info")
        self.dock.show()
        self.dock.raise_()
        return False

    # --- layout ---------------------------------------------------------------------------------------
    def fit_dock(self) -> None:
        """The Lesson dock as tall as the panel needs, at most MAX_SHARE of the docks' column it
        sits in (the Design dock keeps the rest; a taller panel scrolls). A floating dock, or
        one tabbed with others, is left as the learner made it."""
        window, dock = self._window, self.dock
        if dock.isHidden() or dock.isFloating() or window.tabifiedDockWidgets(dock):
            return
        area = window.dockWidgetArea(dock)
        others = [other for other in window.findChildren(QDockWidget)
                  if other is not dock and window.dockWidgetArea(other) == area and other.isVisible()
                  and not other.isFloating() and other.x() < dock.x() + dock.width()
                  and dock.x() < other.x() + other.width()]
        column = dock.height() + sum(other.height() for other in others)
        chrome = dock.height() - self.panel.viewport().height()  # the dock's title bar and frame
        wanted = min(self.panel.needed_height() + chrome, int(column * MAX_SHARE))
        if wanted == dock.height():
            return
        # Every dock of the column sized (the others keep their proportions): given one alone,
        # Qt moves it only part of the way.
        rest, kept = column - wanted, sum(other.height() for other in others) or 1
        window.resizeDocks([dock, *others], [wanted, *(round(other.height() * rest / kept) for other in others)],
                           Qt.Vertical)

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
        self.records.remember_met(self.key, self.progress.met)
        if self.progress.done:
            self._reveal()

    def _show_met(self, met: GoalMet, earlier: bool = False) -> None:
        row = [goal.id for goal in self.lesson.goals].index(met.goal)
        goal_text = getattr(self.lesson.goals[row].text, self._window.language)
        moment = (self.tr("Met in an earlier session, at step {0} of run {1}.") if earlier
                  else self.tr("Met at step {0} of run {1}.")).format(met.step, met.run)
        self.panel.show_goal_met(row, goal_text, moment)
        if self.progress.done:  # the hints helped towards the goals: their room goes to the answer
            self.panel.hide_hints()

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
        if self.progress.done:  # the hints have gone (_show_met): none comes back, by time or asked for
            return
        self._hints_shown.append(index)
        more = len(self._hints_shown) < len(self.lesson.hints)
        self.panel.add_hint(getattr(self.lesson.hints[index].text, self._window.language), more)
