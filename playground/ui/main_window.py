"""The main window: it builds its parts (ui/window/: docks, toolbar, actions, status, look,
help; the File menu in file_actions.py) and wires the document, the controller and the views.

Data flows one way: the DesignDocument owns the design; panels edit it; the window
turns design changes into run changes (live learning rate, or a reset); the
TrainingController sends snapshots; the window updates the status bar and hands each
snapshot to every view, one view per turn of the event loop (ui/window/frames.py), and
once they have painted it tells the controller it was drawn (after a rest that keeps
drawing to a share of its core: playground.ui.frame_pacing).
"""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from playground.design.schema import Design, check_design, is_cosmetic_change, is_live_change
from playground.runs.messages import RunInfo

from playground.ui.document import DesignDocument
from playground.ui.file_actions import FileActions, WindowHooks, design_files
from playground.ui.frame_pacing import FramePacing
from playground.ui.messages import device_notice, snapshot_message
from playground.ui.panels.data_panel import DataPanel
from playground.ui.panels.layer_editor import LayerEditor
from playground.ui.panels.lesson_note import LessonNote
from playground.ui.theme import Theme
from playground.ui.training_controller import TrainingController
from playground.ui.training_keys import TrainingKeys
from playground.ui.window.actions import TrainingActions, make_action
from playground.ui.window.coach import Coach
from playground.ui.window.comparisons import Comparisons
from playground.ui.window.docks import DockLayout, placeholder, scrolled_tabs
from playground.ui.window.frames import SlicedFrame
from playground.ui.window.help import HelpMenu
from playground.ui.window.inside import InsideStep
from playground.ui.window.lab import TensorLab
from playground.ui.window.lessons import Lessons
from playground.ui.window.look import LookChoices
from playground.ui.window.neuron import NeuronInside
from playground.ui.window.status import Banner, RunStatusBar
from playground.ui.window.toolbar import TrainingToolbar


class MainWindow(QMainWindow):
    """The app's window. ``settings`` keeps layout, theme, language and speed between launches."""

    language_chosen = Signal(str)
    dashboards_built = Signal()

    def __init__(self, settings: QSettings, design: Design | None = None, parent: QWidget | None = None,
                 data_dir: Path | None = None, language: str = "en"):
        super().__init__(parent)
        self.settings = settings
        self.language = language  # the interface language in use ("en" or "ko")
        self.document = DesignDocument(design or Design(), self)
        self.controller = TrainingController(self)
        self._closing = False
        self._opening = False  # a design being opened: its run starts once it is on screen
        self.views: list[QWidget] = []  # the dashboards, built once the window is on screen
        self._pending_info: RunInfo | None = None
        self._pending_snapshot = None
        self._pacing = FramePacing()  # the rest after each drawn snapshot, from its frame's cost
        self._frame = SlicedFrame(self)  # hands snapshots to the views
        self._frame.finished.connect(self._on_frame_finished)
        self._frame.failed.connect(self._on_frame_failed)
        self._acknowledged_run = -1  # the run whose snapshots have been acknowledged (its first goes at once)
        self._build_central()
        self._build_docks()
        self.file_actions = FileActions(self, self.document, self.controller, settings, language=language,
                                        data_dir=data_dir, hooks=self._file_hooks())
        self.setAcceptDrops(True)
        self._build_actions()
        self._training_keys = TrainingKeys(self, self.training_actions.stepping(), self.centralWidget())
        QApplication.instance().installEventFilter(self._training_keys)
        self.toolbar = TrainingToolbar([self.train_action, self.step_action, self.epoch_action, self.reset_action],
                                       settings, self)
        self.toolbar.insertAction(self.toolbar.actions()[4], self.comparisons.compare)
        self.toolbar.insertAction(self.epoch_action, self.inside.action)  # beside Step: one step, looked into
        self.addToolBar(Qt.TopToolBarArea, self.toolbar)
        self.speed_slider, self.speed_label, self.lr_box = (self.toolbar.speed_slider, self.toolbar.speed_label,
                                                            self.toolbar.lr_box)
        self.status_bar = RunStatusBar(self)
        self.setStatusBar(self.status_bar)
        self.status_labels = self.status_bar.labels
        self._build_menus()
        self._wire()
        lesson = self.file_actions.lesson_of(self.document.design)  # a design handed in with an explanation
        if lesson:
            self.show_lesson(*lesson)
        self.set_theme_choice(str(settings.value("theme", "system")))
        self.docks.restore()
        self.update_title()
        self._on_controller_state_changed("loading")
        self._restart(self.document.design, running=False)  # it prepares while the dashboards are built

    # --- construction ------------------------------------------------------------
    def _build_central(self) -> None:
        """Above the output: the lesson note (the open design's explanation, kept while the
        design is open), then the banner (status messages: finished, diverged, notices).
        The output's place holds a note until the dashboards are built."""
        self.lesson_note = LessonNote()
        self.banner = Banner()
        central = QWidget()
        central.setFocusPolicy(Qt.ClickFocus)  # a click beside the controls takes the focus out of a number box
        self._central_column = QVBoxLayout(central)
        self._central_column.setContentsMargins(4, 4, 4, 4)
        self._central_column.addWidget(self.lesson_note)
        self._central_column.addWidget(self.banner)
        self._central_column.addWidget(placeholder(), 1)
        self.setCentralWidget(central)

    def _build_docks(self) -> None:
        """The editors in the Design dock; the dashboards' docks hold a note until they are built."""
        from playground.ui.panels.training_panel import TrainingPanel

        self.data_panel = DataPanel(self.document)
        self.layer_editor = LayerEditor(self.document)
        self.training_panel = TrainingPanel(self.document)
        self.editor_tabs = scrolled_tabs([
            (self.data_panel, self.tr("Data"), self.tr("Choose the data set, its noise and the input features.")),
            (self.layer_editor, self.tr("Layers"), self.tr("Stack the hidden layers of the network.")),
            (self.training_panel, self.tr("Training"), self.tr("Loss function, optimizer, batches and epochs.")),
        ])
        self.docks = DockLayout(self, self.editor_tabs, self.settings)
        self.design_dock, self.network_dock, self.loss_dock = self.docks.design, self.docks.network, self.docks.loss
        self.gradient_dock, self.batchnorm_dock = self.docks.gradients, self.docks.batchnorm

    def build_dashboards(self) -> None:
        """Import pyqtgraph and create the live views (after the window is first shown)."""
        if self.views:
            return
        from playground.ui.views.batchnorm_plot import BatchNormPlot
        from playground.ui.views.boundary_view import OutputView
        from playground.ui.views.gradient_plot import GradientPlot
        from playground.ui.views.loss_plot import LossPlot
        from playground.ui.views.network_view import NetworkView

        self.output_view = OutputView()
        self._central_column.takeAt(2).widget().deleteLater()
        self._central_column.addWidget(self.output_view, 1)
        self.network_view = NetworkView()
        self.loss_plot = LossPlot(history_of=self.controller.history_of)
        self.loss_plot.set_x_view(str(self.settings.value("loss_x_view", self.loss_plot.x_view())))
        self.loss_plot.x_view_changed.connect(self._on_loss_plot_x_view_changed)
        self.gradient_plot = GradientPlot()
        self.batchnorm_plot = BatchNormPlot()
        for dock, view in ((self.network_dock, self.network_view), (self.loss_dock, self.loss_plot),
                           (self.gradient_dock, self.gradient_plot), (self.batchnorm_dock, self.batchnorm_plot)):
            self.docks.put(dock, view)
        self.views = [self.output_view, self.network_view, self.loss_plot, self.gradient_plot, self.batchnorm_plot]
        theme = self.look.theme()
        for view in self.views:
            view.set_theme(theme)
        if self.comparisons.is_open:
            self.output_view.hide()
        if self._pending_info is not None:
            info, self._pending_info = self._pending_info, None
            self._on_controller_run_ready(info)
        snapshot, self._pending_snapshot = self._pending_snapshot, None
        if snapshot is not None and self.controller.info is not None and snapshot.run_id == self.controller.info.run_id:
            for view in self.views:
                view.show_snapshot(snapshot)
        self.dashboards_built.emit()

    def _file_hooks(self) -> WindowHooks:
        """What the File menu may ask of this window."""
        return WindowHooks(
            open_design=self.open_design, show_notice=self.show_notice,
            show_lesson=self._show_opened_lesson,
            show_message=lambda text, ms: self.statusBar().showMessage(text, ms), update_title=self.update_title,
            set_pace=self.set_pace, exportable_views=self.exportable_views,
        )

    def _build_actions(self) -> None:
        self.training_actions = TrainingActions(self, self.controller, self.settings, self.reset_weights)
        actions = self.training_actions
        self.train_action, self.step_action, self.epoch_action = actions.train, actions.step, actions.epoch
        self.reset_action, self.compiled_action = actions.reset, actions.compiled
        self.comparisons = Comparisons(self)
        self.coach = Coach(self)  # the findings about the run, in the Coach dock
        self.docks.put(self.docks.coach, self.coach.panel)
        self.lessons = Lessons(self)
        self.neuron = NeuronInside(self)  # the neuron card: a neuron's formula, in its own dock
        self.inside = InsideStep(self)  # Step Inside and its dock
        self.tensor_lab = TensorLab(self)  # the Tensor lab's window, opened on demand
        self.lesson_action = make_action(
            self, self.tr("Explanation"), self.lesson_note.set_expanded, QKeySequence("Ctrl+L"),
            self.tr("Show or fold the explanation of the open design: what to try and what to watch (Ctrl+L)."),
            checkable=True,
        )
        self.lesson_note.expanded_changed.connect(self.lesson_action.setChecked)
        self._show_lesson_state()
        self.undo_action = self.document.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.redo_action = self.document.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.Redo])
        self.quit_action = make_action(self, self.tr("&Quit"), self.close, QKeySequence.Quit)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.file_actions.fill_menu(file_menu)
        after_presets = file_menu.actions()[file_menu.actions().index(self.file_actions.preset_menu.menuAction()) + 1]
        file_menu.insertAction(after_presets, self.lessons.list_action)  # lessons beside the presets
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        training_menu = bar.addMenu(self.tr("&Training"))
        self.training_actions.fill_menu(training_menu)
        training_menu.insertAction(self.epoch_action, self.inside.action)
        training_menu.addSeparator()
        training_menu.addActions([self.comparisons.compare, self.comparisons.fork, self.comparisons.close])
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.lesson_action)
        view_menu.addSeparator()
        self.docks.fill_menu(view_menu)
        self.look = LookChoices(self, self.settings)
        self.look.fill_menu(view_menu)
        lessons_menu = bar.addMenu(self.tr("L&essons"))
        self.lessons.fill_menu(lessons_menu)
        lessons_menu.addSeparator()
        lessons_menu.addAction(self.tensor_lab.action)
        self.help = HelpMenu(self)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.tensor_lab.action)
        help_menu.addSeparator()
        self.help.fill_menu(help_menu)

    def _wire(self) -> None:
        self.document.changed.connect(self._on_document_changed)
        self.controller.run_ready.connect(self._on_controller_run_ready)
        self.controller.snapshot_ready.connect(self._on_controller_snapshot_ready)
        self.controller.run_failed.connect(self._on_controller_run_failed)
        self.controller.run_refused.connect(self._on_controller_run_refused)
        self.controller.state_changed.connect(self._on_controller_state_changed)
        self.toolbar.speed_chosen.connect(self.controller.set_speed)
        self.toolbar.lr_chosen.connect(self._on_toolbar_lr_chosen)
        self.look.theme_changed.connect(self._on_look_theme_changed)
        self.look.language_chosen.connect(self.language_chosen)
        self.toolbar.restore_speed()
        self.toolbar.show_lr(self.document.design.optimizer.lr)

    # --- runs --------------------------------------------------------------------------
    def _restart(self, design: Design, running: bool, weights: str | None = None) -> None:
        """Start ``design`` (from the checkpoint file ``weights``, else fresh weights), or show why it cannot train."""
        problems = check_design(design)
        if problems:
            self.controller.stop()
            self._show_no_run(problems, "warning")
            return
        self.banner.hide_message()  # the previous run's messages; the lesson note stays
        self.controller.restart(design, running=running, weights=weights)

    def open_design(self, design: Design, weights: str | None = None) -> None:
        """Put an opened ``design`` on screen (undo starts afresh). With the checkpoint file
        ``weights`` its run starts again, paused, from them; without, the change is handled
        as any other (a name-only change keeps the run)."""
        if weights is None:
            self.document.replace(design)
            return
        self._opening = True  # the document's change restarts nothing: the run starts here, with the weights
        try:
            self.document.replace(design)
        finally:
            self._opening = False
        self._restart(design, running=False, weights=weights)

    def restart_current(self) -> None:
        """Start the design in the editor afresh, paused (e.g. after a comparison closes)."""
        self._restart(self.document.design, running=False)

    def apply_without_restart(self, design: Design, text: str) -> None:
        """Make ``design`` the editor's (one undoable edit) without restarting the run: the caller starts it."""
        self._opening = True
        try:
            self.document.apply(design, text)
        finally:
            self._opening = False

    def central_column(self) -> QVBoxLayout:
        """The central area's column (lesson note, banner, then the Output view)."""
        return self._central_column

    def pacing_rest(self, cost: float) -> float:
        """The rest after a frame that took ``cost`` seconds to draw (FramePacing)."""
        return self._pacing.rest_after(cost)

    def reset_weights(self) -> None:
        """New initial weights, same data: a new training seed (undoable). A new random start is
        not unsaved work: a saved design stays saved (the next save stores the new seed)."""
        design = self.document.design
        seed = random.randrange(2**31)
        self.document.apply(design.with_training(seed=seed), self.tr("Reset weights"), keep_clean=True)

    def set_pace(self, steps_per_second: float | None, source: str) -> None:
        """Train at a preset's pace (TrainingToolbar.set_pace) until the learner moves the speed control."""
        self.toolbar.set_pace(steps_per_second, source)

    def _on_toolbar_lr_chosen(self, value: float) -> None:
        if self.comparisons.is_open:  # every run's, live; the design keeps its own
            self.comparisons.set_lr(value)
            return
        design = self.document.design
        if value != design.optimizer.lr:
            self.document.apply(design.with_optimizer(lr=value), self.tr("Change learning rate"), "optimizer.lr")

    def _on_document_changed(self, new: Design, old: Design) -> None:
        self.update_title()
        self.toolbar.show_lr(new.optimizer.lr)
        if self._opening or is_cosmetic_change(old, new):
            return
        if self.comparisons.is_open:
            self.comparisons.design_changed(new, old)
            return
        if is_live_change(old, new) and self.controller.state in ("running", "paused", "loading", "finished"):
            self.controller.change_live(new)  # a finished run keeps its weights; a higher limit lets it go on
            return
        self._restart(new, running=self.controller.state == "running")

    def _on_controller_run_ready(self, info: RunInfo) -> None:
        self._frame.cancel()  # the previous run's snapshot is of no use to the views any more
        if not self.views:
            self._pending_info = info
            return
        for view in self.views:
            view.start_run(info)
        self.status_bar.show_device(info.device.label)
        if info.device.notice:
            self.banner.show_message(device_notice(info.device), "info")
        self.training_panel.set_device_availability(info.unavailable_devices)

    def _on_controller_snapshot_ready(self, snapshot) -> None:
        self.status_bar.show_snapshot(snapshot)
        if snapshot.state == "diverged":
            self.banner.show_message(snapshot_message(snapshot), "error")
        elif snapshot.state == "finished":
            self.banner.show_finished(self.document.design.training.epochs)
        first, self._acknowledged_run = snapshot.run_id != self._acknowledged_run, snapshot.run_id
        if not self.views or self._pending_info is not None:  # drawn once the dashboards exist
            self._pending_snapshot = snapshot
            self.controller.snapshot_drawn()
            return
        if FramePacing.is_prompt(snapshot.state, first):  # seen at once, and the next one asked for at once
            self._frame.draw(snapshot, self.views, sliced=False)
            self.controller.snapshot_drawn()
        else:  # the next one is asked for once every view has painted this one (_on_frame_finished)
            self._frame.draw(snapshot, self.views, sliced=True)

    def _on_frame_finished(self, snapshot, cost: float) -> None:
        """Every view painted a running snapshot: ask for the next after a rest that keeps drawing
        and painting to FramePacing's share of the window's core, whatever the network's size."""
        if self.controller.info is not None and snapshot.run_id == self.controller.info.run_id:
            self.controller.snapshot_drawn(rest=self._pacing.rest_after(cost))

    def _on_frame_failed(self, _view) -> None:
        self.banner.show_message(self.tr("A dashboard could not draw the latest results; training goes on. "
                                         "Details are in the terminal output."), "warning")

    def _on_controller_run_failed(self, message: str, details: str) -> None:
        self.banner.show_message(message, "error")
        if details:  # a bug, not a design problem: show the details for a report
            box = QMessageBox(QMessageBox.Warning, self.tr("Training stopped"),
                              self.tr("Training stopped because of an unexpected error:") + "\n\n" + message, parent=self)
            box.setDetailedText(details)
            box.setModal(False)
            box.show()

    def _on_controller_run_refused(self, problems: list) -> None:
        """The training process could not start the design (e.g. a CSV file it cannot use)."""
        self._show_no_run(problems, "error")

    def _show_no_run(self, problems: list, kind: str) -> None:
        """No run for the design on screen: each problem by field in the banner, and every
        dashboard cleared so that no picture of an earlier design stays as if it were this one's."""
        self.banner.show_problems(problems, kind)
        self.status_bar.clear_run()  # it described the old run
        reason = self.tr("No current run: the design above cannot train as it stands. "
                         "The picture returns once the problem is fixed.")
        for view in self.views:  # every dashboard: none keeps a picture of an earlier design
            view.clear_run(reason)

    def _on_controller_state_changed(self, state: str) -> None:
        self.training_actions.show_state(state)
        self.status_bar.show_state(state)
        if state in ("paused", "running") and self.banner.kind() in ("error", "finished"):
            self.banner.hide_message()  # a run that goes on (after Reset, or a raised epoch limit)

    # --- look, layout, lesson ------------------------------------------------------------------
    def set_theme_choice(self, choice: str) -> None:
        """Use and remember the theme ``choice`` ("system", "light" or "dark")."""
        self.look.set_theme_choice(choice)

    def _on_look_theme_changed(self, theme: Theme) -> None:
        self.banner.set_theme(theme)
        self.coach.panel.set_theme(theme)
        self.inside.set_theme(theme)
        self.tensor_lab.set_theme(theme)
        self.comparisons.set_theme(theme)
        self.lessons.panel.set_theme(theme)
        self.data_panel.set_theme(theme)
        QTimer.singleShot(0, self.docks, self.docks.fit_editor)  # once the widgets have taken the new font
        for view in self.views:
            view.set_theme(theme)

    def reset_layout(self) -> None:
        self.docks.reset()

    def update_title(self) -> None:
        """The file's name, with a mark while there are unsaved changes."""
        self.setWindowTitle(self.tr("{0}[*] — NN Playground").format(self.file_actions.display_name()))
        self.setWindowModified(self.file_actions.dirty)

    def show_lesson(self, title: str, text: str) -> None:
        """The open design's explanation (plain text), kept above the output until the design is replaced."""
        self.lesson_note.set_lesson(title, text)
        self._show_lesson_state()

    def _show_opened_lesson(self, lesson: tuple[str, str] | None) -> None:
        """A design, preset or lesson start was put on screen: the open lesson (if any) ends; its explanation shows."""
        self.lessons.close()
        if lesson:
            self.show_lesson(*lesson)
        else:
            self.clear_lesson()

    def clear_lesson(self) -> None:
        self.lesson_note.clear()
        self._show_lesson_state()

    def _show_lesson_state(self) -> None:
        self.lesson_action.setEnabled(self.lesson_note.has_lesson())
        self.lesson_action.setChecked(self.lesson_note.has_lesson() and self.lesson_note.is_expanded())

    def show_notice(self, text: str) -> None:
        """A message about what just happened (e.g. a file's weights not loaded), in the banner."""
        self.banner.show_message(text, "info")

    def show_shortcuts(self) -> None:
        self.help.show_shortcuts()

    def _on_loss_plot_x_view_changed(self, mode: str) -> None:
        self.settings.setValue("loss_x_view", mode)

    def exportable_views(self) -> list[tuple[str, QWidget]]:
        """(title, widget) of every dashboard, for File > Export > Plot."""
        if self.comparisons.is_open:
            return self.comparisons.plots()
        if not self.views:
            return []
        return [(self.tr("Output"), self.output_view), (self.network_dock.windowTitle(), self.network_view),
                (self.loss_dock.windowTitle(), self.loss_plot), (self.gradient_dock.windowTitle(), self.gradient_plot),
                (self.batchnorm_dock.windowTitle(), self.batchnorm_plot)]

    # --- Qt events ------------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if design_files([url.toLocalFile() for url in event.mimeData().urls()]):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        files = design_files([url.toLocalFile() for url in event.mimeData().urls()])
        if files:
            event.acceptProposedAction()
            self.file_actions.open_path(files[0])

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self.views:  # paint the window first, then import pyqtgraph and build the dashboards
            QTimer.singleShot(1, self.build_dashboards)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self._closing and not self.file_actions.confirm_discard():
            event.ignore()
            return
        QApplication.instance().removeEventFilter(self._training_keys)
        self.file_actions.autosave.end()
        self.comparisons.close_view()  # the docks as the learner had them, not as a comparison left them
        self.docks.save()
        self.settings.sync()
        self.tensor_lab.close()
        self.controller.shutdown()
        self._closing = True
        super().closeEvent(event)
