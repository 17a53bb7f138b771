"""The main window: menus, toolbar, docks and status bar, and the wiring between them.

Data flows one way: the DesignDocument owns the design; panels edit it; the window
turns design changes into run changes (live learning rate, or a reset); the
TrainingController sends snapshots; the window hands each to every view, updates
the status bar and tells the controller it was drawn.
"""

from __future__ import annotations

import random
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QDoubleSpinBox,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSlider,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from playground.design.schema import Design, check_design, is_cosmetic_change, is_live_change
from playground.training.run_loop import SPEEDS

from playground.ui.panels.data_panel import DataPanel
from playground.ui.document import DesignDocument
from playground.ui.widgets.elided_label import ElidedLabel
from playground.ui.i18n import LANGUAGES
from playground.ui.panels.layer_editor import LayerEditor
from playground.ui.panels.lesson_note import LessonNote
from playground.ui.messages import device_notice, problem_text, snapshot_message, step_mode_text
from playground.ui.theme import Theme, apply_palette, resolve
from playground.runs.messages import RunInfo
from playground.ui.training_controller import TrainingController
from playground.ui.training_keys import TrainingKeys

STATE_VERSION = 1  # bump when the dock layout changes incompatibly
ENDED = ("finished", "stopped", "diverged", "error")  # run states in which no step runs any more


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
        self._build_views()
        from playground.ui.file_actions import FileActions

        if data_dir is None:
            from PySide6.QtCore import QStandardPaths

            data_dir = Path(QStandardPaths.writableLocation(QStandardPaths.AppDataLocation))
        self.file_actions = FileActions(self, data_dir)
        self.setAcceptDrops(True)
        self._build_actions()
        self._training_keys = TrainingKeys(self, [self.train_action, self.step_action, self.epoch_action],
                                           self.centralWidget())
        QApplication.instance().installEventFilter(self._training_keys)
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._wire()
        lesson = self.file_actions.lesson_of(self.document.design)  # a design handed in with an explanation
        if lesson:
            self.show_lesson(*lesson)
        self.set_theme_choice(str(settings.value("theme", "system")))
        self._restore_layout()
        self.update_title()
        self._on_controller_state_changed("loading")
        self._start_first_run()  # the training process prepares while the dashboards are built

    # --- construction ------------------------------------------------------------
    def _build_views(self) -> None:
        """The editors and the docks; the dashboards' places hold a note until they are built.

        Above the output: the lesson note (the open design's explanation, kept while the
        design is open), then the banner (status messages: finished, diverged, notices).
        """
        self.lesson_note = LessonNote()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.banner.hide()
        central = QWidget()
        central.setFocusPolicy(Qt.ClickFocus)  # a click beside the controls takes the focus out of a number box
        self._central_column = QVBoxLayout(central)
        self._central_column.setContentsMargins(4, 4, 4, 4)
        self._central_column.addWidget(self.lesson_note)
        self._central_column.addWidget(self.banner)
        self._central_column.addWidget(_placeholder(), 1)
        self.setCentralWidget(central)
        self.data_panel = DataPanel(self.document)
        self.layer_editor = LayerEditor(self.document)
        from playground.ui.panels.training_panel import TrainingPanel

        self.training_panel = TrainingPanel(self.document)
        self.editor_tabs = QTabWidget()
        self.editor_tabs.setDocumentMode(True)
        for widget, title, tip in (
            (self.data_panel, self.tr("Data"), self.tr("Choose the data set, its noise and the input features.")),
            (self.layer_editor, self.tr("Layers"), self.tr("Stack the hidden layers of the network.")),
            (self.training_panel, self.tr("Training"), self.tr("Loss function, optimizer, batches and epochs.")),
        ):
            scroll = QScrollArea()
            scroll.setWidget(widget)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.NoFrame)
            index = self.editor_tabs.addTab(scroll, title)
            self.editor_tabs.setTabToolTip(index, tip)

        self.design_dock = self._dock("design", self.tr("Design"), self.editor_tabs, Qt.LeftDockWidgetArea)
        self.network_dock = self._dock("network", self.tr("Network"), _placeholder(), Qt.BottomDockWidgetArea)
        self.loss_dock = self._dock("loss", self.tr("Loss"), _placeholder(), Qt.RightDockWidgetArea)
        self.gradient_dock = self._dock("gradients", self.tr("Gradient flow"), _placeholder(), Qt.RightDockWidgetArea)
        self.batchnorm_dock = self._dock("batchnorm", self.tr("Batch normalization"), _placeholder(), Qt.RightDockWidgetArea)
        self.tabifyDockWidget(self.gradient_dock, self.batchnorm_dock)
        self.gradient_dock.raise_()
        self.setCorner(Qt.BottomLeftCorner, Qt.LeftDockWidgetArea)
        self.setCorner(Qt.BottomRightCorner, Qt.RightDockWidgetArea)
        self.resizeDocks([self.design_dock], [330], Qt.Horizontal)
        self.resizeDocks([self.loss_dock], [420], Qt.Horizontal)
        self.resizeDocks([self.network_dock], [230], Qt.Vertical)
        # Nearly half and half: at 1280x720 the gradient and batch-norm plots need the height as much as the loss.
        self.resizeDocks([self.loss_dock, self.gradient_dock], [370, 330], Qt.Vertical)
        self._default_state = self.saveState(STATE_VERSION)

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
        old = self._central_column.takeAt(2).widget()
        old.deleteLater()
        self._central_column.addWidget(self.output_view, 1)
        self.network_view = NetworkView()
        self.loss_plot = LossPlot(history_of=self.controller.history_of)
        self.loss_plot.set_x_view(str(self.settings.value("loss_x_view", self.loss_plot.x_view())))
        self.loss_plot.x_view_changed.connect(self._on_loss_plot_x_view_changed)
        self.gradient_plot = GradientPlot()
        self.batchnorm_plot = BatchNormPlot()
        for dock, view in ((self.network_dock, self.network_view), (self.loss_dock, self.loss_plot),
                           (self.gradient_dock, self.gradient_plot), (self.batchnorm_dock, self.batchnorm_plot)):
            old = dock.widget()
            dock.setWidget(view)
            old.deleteLater()
        self.views = [self.output_view, self.network_view, self.loss_plot, self.gradient_plot, self.batchnorm_plot]
        theme = self._theme
        for view in self.views:
            view.set_theme(theme)
        if self._pending_info is not None:
            info, self._pending_info = self._pending_info, None
            self._on_controller_run_ready(info)
        snapshot, self._pending_snapshot = self._pending_snapshot, None
        if snapshot is not None and self.controller.info is not None and snapshot.run_id == self.controller.info.run_id:
            for view in self.views:
                view.show_snapshot(snapshot)
        self.dashboards_built.emit()

    def _dock(self, name: str, title: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable | QDockWidget.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _action(self, text: str, slot, shortcut=None, tip: str = "", checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even when the toolbar is hidden
        return action

    def _build_actions(self) -> None:
        self.train_action = self._action(
            self.tr("Train"), self.controller.toggle, Qt.Key_Space,
            self.tr("Start or pause training (Space). Each step updates the weights against the gradient of the loss."),
        )
        self.train_action.setAutoRepeat(False)  # holding Space must not flip between training and paused
        self.step_action = self._action(
            self.tr("Step"), self.controller.step_batch, QKeySequence(Qt.Key_Period),
            self.tr("Train one batch: one forward pass, one backward pass, one optimizer step (.)."),
        )
        self.epoch_action = self._action(
            self.tr("Epoch"), self.controller.step_epoch, QKeySequence("Ctrl+E"),
            self.tr("Train until the end of the current epoch: one pass over the training data (Ctrl+E)."),
        )
        self.reset_action = self._action(
            self.tr("Reset"), self.reset_weights, QKeySequence("Ctrl+R"),
            self.tr("Start again from new random initial weights on the same data (Ctrl+R)."),
        )
        self.compiled_action = self._action(
            self.tr("Compiled training step"), self._on_compiled_action_toggled, tip=self.tr(
                "Compile each training step with torch.compile when a C++ compiler is available: the same "
                "results, several times faster on small networks. Training runs eagerly while it compiles."),
            checkable=True,
        )
        self.lesson_action = self._action(
            self.tr("Explanation"), self.lesson_note.set_expanded, QKeySequence("Ctrl+L"),
            self.tr("Show or fold the explanation of the open design: what to try and what to watch (Ctrl+L)."),
            checkable=True,
        )
        self.lesson_note.expanded_changed.connect(self.lesson_action.setChecked)
        self._show_lesson_state()
        self.compiled_action.setChecked(self.settings.value("compiled_step", True, type=bool))
        self.controller.set_compiled(self.compiled_action.isChecked())
        self.undo_action = self.document.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.Undo)
        self.redo_action = self.document.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.Redo])
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.Quit)

    def _on_compiled_action_toggled(self, on: bool) -> None:
        self.settings.setValue("compiled_step", bool(on))
        self.controller.set_compiled(on)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self.file_actions.fill_menu(file_menu)
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(self.tr("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        training_menu = bar.addMenu(self.tr("&Training"))
        training_menu.addActions([self.train_action, self.step_action, self.epoch_action])
        training_menu.addSeparator()
        training_menu.addAction(self.reset_action)
        training_menu.addSeparator()
        training_menu.addAction(self.compiled_action)

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.lesson_action)
        view_menu.addSeparator()
        for dock in (self.design_dock, self.network_dock, self.loss_dock, self.gradient_dock, self.batchnorm_dock):
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addSeparator()
        view_menu.addAction(self._action(self.tr("Reset layout"), self.reset_layout, tip=self.tr("Put every panel back where it started.")))
        theme_menu = view_menu.addMenu(self.tr("Theme"))
        self.theme_actions = self._choice_group(
            theme_menu,
            {"system": self.tr("Follow the system"), "light": self.tr("Light"), "dark": self.tr("Dark")},
            self.set_theme_choice,
        )
        language_menu = view_menu.addMenu(self.tr("Language"))
        self.language_actions = self._choice_group(
            language_menu, {"system": self.tr("Follow the system"), **LANGUAGES}, self._on_language_chosen,
        )
        self.language_actions[str(self.settings.value("language", "system"))].setChecked(True)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("Keyboard shortcuts"), self.show_shortcuts, QKeySequence.HelpContents))
        help_menu.addAction(self._action(self.tr("About NN Playground"), self.show_about))

    def _choice_group(self, menu, choices: dict[str, str], slot) -> dict[str, QAction]:
        group = QActionGroup(self)
        actions = {}
        for key, text in choices.items():
            action = QAction(text, self, checkable=True)
            action.triggered.connect(lambda _=False, k=key: slot(k))
            group.addAction(action)
            menu.addAction(action)
            actions[key] = action
        return actions

    def _build_toolbar(self) -> None:
        bar = QToolBar(self.tr("Training controls"))
        bar.setObjectName("toolbar_training")
        bar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        bar.setMovable(False)
        self.addToolBar(Qt.TopToolBarArea, bar)
        style = self.style()
        self.train_action.setIcon(style.standardIcon(style.StandardPixmap.SP_MediaPlay))
        self.step_action.setIcon(style.standardIcon(style.StandardPixmap.SP_MediaSeekForward))
        self.epoch_action.setIcon(style.standardIcon(style.StandardPixmap.SP_MediaSkipForward))
        self.reset_action.setIcon(style.standardIcon(style.StandardPixmap.SP_BrowserReload))
        bar.addActions([self.train_action, self.step_action, self.epoch_action, self.reset_action])
        bar.addSeparator()

        bar.addWidget(QLabel(self.tr("Speed") + " "))
        self.speed_slider = QSlider(Qt.Horizontal)
        self.speed_slider.setRange(0, len(SPEEDS) - 1)
        self.speed_slider.setFixedWidth(110)
        bar.addWidget(self.speed_slider)
        self.speed_label = QLabel()
        widest = max((self._speed_text(speed) for speed in SPEEDS), key=self.speed_label.fontMetrics().horizontalAdvance)
        self.speed_label.setMinimumWidth(self.speed_label.fontMetrics().horizontalAdvance(widest) + 6)
        bar.addWidget(self.speed_label)
        self._pace_source = ""  # the title of the preset whose pace the speed is, "" once the learner sets it
        self._setting_pace = False  # True while a preset moves the slider
        self._show_speed_tip()
        bar.addSeparator()

        bar.addWidget(QLabel(self.tr("Learning rate") + " "))
        self.lr_box = QDoubleSpinBox()
        self.lr_box.setDecimals(5)
        self.lr_box.setRange(0.00001, 10.0)
        self.lr_box.setStepType(QDoubleSpinBox.AdaptiveDecimalStepType)
        self.lr_box.setKeyboardTracking(False)
        self.lr_box.setToolTip(
            self.tr("How big each update is. Change it while training: too small crawls, too large diverges.")
        )
        bar.addWidget(self.lr_box)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.status_labels: dict[str, ElidedLabel] = {}
        tips = {
            "state": self.tr("What the run is doing."),
            "epoch": self.tr("Epochs: complete passes over the training data."),
            "step": self.tr("Steps: optimizer updates, one per batch."),
            "speed": self.tr("Training steps per second."),
            "device": self.tr("Where the tensors live and the maths runs (CPU or GPU)."),
            "mode": "",
            "loss": self.tr("Loss on the training and test data (lower is better)."),
            "accuracy": self.tr("Share of test points classified correctly."),
        }
        for key, tip in tips.items():
            # Without room for every text (a narrow window, a wide font), the run's speed,
            # device and step mode give way first, cut short with "…" (in full in their tooltip).
            label = ElidedLabel(keep="…" if key in ("speed", "device", "mode") else None)
            label.setToolTip(tip)
            label.setContentsMargins(6, 0, 6, 0)
            status.addPermanentWidget(label)
            self.status_labels[key] = label
        self._show_step_mode(None)

    def _show_step_mode(self, mode, ended: bool = False) -> None:
        """The step mode in the status bar; nothing once the run has ended (no step runs any more)."""
        text, tip = ("", "") if ended else step_mode_text(mode)
        self.status_labels["mode"].setText(text)
        self.status_labels["mode"].setToolTip(tip)

    def _wire(self) -> None:
        self.document.changed.connect(self._on_document_changed)
        self.controller.run_ready.connect(self._on_controller_run_ready)
        self.controller.snapshot_ready.connect(self._on_controller_snapshot_ready)
        self.controller.run_failed.connect(self._on_controller_run_failed)
        self.controller.run_refused.connect(self._on_controller_run_refused)
        self.controller.state_changed.connect(self._on_controller_state_changed)
        self.speed_slider.valueChanged.connect(self._on_speed_slider_value_changed)
        self.lr_box.valueChanged.connect(self._on_lr_box_value_changed)
        speed = int(self.settings.value("speed", len(SPEEDS) - 1))
        self.speed_slider.setValue(max(0, min(speed, len(SPEEDS) - 1)))
        self._on_speed_slider_value_changed(self.speed_slider.value())
        self._show_lr(self.document.design.optimizer.lr)

    # --- runs --------------------------------------------------------------------------
    def _start_first_run(self) -> None:
        self._restart(self.document.design, running=False)

    def _restart(self, design: Design, running: bool, weights: str | None = None) -> None:
        """Start ``design`` (from the checkpoint file ``weights``, else fresh weights), or show why it cannot train."""
        problems = check_design(design)
        if problems:
            self.controller.stop()
            self._show_no_run(problems, "warning")
            return
        self._hide_banner()  # the previous run's messages; the lesson note stays
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

    def reset_weights(self) -> None:
        """New initial weights, same data: a new training seed (undoable). A new random start is
        not unsaved work: a saved design stays saved (the next save stores the new seed)."""
        design = self.document.design
        seed = random.randrange(2**31)
        self.document.apply(design.with_training(seed=seed), self.tr("Reset weights"), keep_clean=True)

    def _on_document_changed(self, new: Design, old: Design) -> None:
        self.update_title()
        self._show_lr(new.optimizer.lr)
        if self._opening or is_cosmetic_change(old, new):
            return
        if is_live_change(old, new) and self.controller.state in ("running", "paused", "loading", "finished"):
            self.controller.change_live(new)  # a finished run keeps its weights; a higher limit lets it go on
            return
        self._restart(new, running=self.controller.state == "running")

    def _on_controller_run_ready(self, info: RunInfo) -> None:
        if not self.views:
            self._pending_info = info
            return
        for view in self.views:
            view.start_run(info)
        self.status_labels["device"].setText(info.device.label)
        if info.device.notice:
            self._show_banner(device_notice(info.device), "info")
        self.training_panel.set_device_availability(info.unavailable_devices)

    def _on_controller_snapshot_ready(self, snapshot) -> None:
        if not self.views or self._pending_info is not None:  # drawn once the dashboards exist
            self._pending_snapshot = snapshot
            self._show_status(snapshot)
            self.controller.snapshot_drawn()
            return
        for view in self.views:
            try:
                view.show_snapshot(snapshot)
            except Exception:  # a drawing bug must not stop the run: report it, keep the snapshots flowing
                import traceback

                traceback.print_exc()
                self._show_banner(self.tr("A dashboard could not draw the latest results; training goes on. "
                                          "Details are in the terminal output."), "warning")
        self._show_status(snapshot)
        if snapshot.state == "diverged":
            self._show_banner(snapshot_message(snapshot), "error")
        elif snapshot.state == "finished":
            epochs = self.document.design.training.epochs
            text = (self.tr("Finished: the run reached its limit of 1 epoch. Raise the limit in the Training tab "
                            "or press Reset to train again.") if epochs == 1 else
                    self.tr("Finished: the run reached its limit of {0} epochs. Raise the limit in the Training tab "
                            "or press Reset to train again.").format(f"{epochs:,}"))
            self._show_banner(text, "finished")
        self.controller.snapshot_drawn()

    def _on_controller_run_failed(self, message: str, details: str) -> None:
        self._show_banner(message, "error")
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
        lines = [problem_text(p) for p in problems]
        if len(lines) > 1:
            lines = [self.tr("This design cannot train as it stands:")] + ["• " + line for line in lines]
        self._show_banner("\n".join(lines), kind)
        for key in ("epoch", "step", "speed", "mode", "loss", "accuracy"):  # they described the old run
            self.status_labels[key].setText("")
        reason = self.tr("No current run: the design above cannot train as it stands. "
                         "The picture returns once the problem is fixed.")
        for view in self.views:  # every dashboard: none keeps a picture of an earlier design
            view.clear_run(reason)

    def _on_controller_state_changed(self, state: str) -> None:
        running = state == "running"
        style = self.style()
        self.train_action.setText(self.tr("Pause") if running else self.tr("Train"))
        self.train_action.setIcon(style.standardIcon(
            style.StandardPixmap.SP_MediaPause if running else style.StandardPixmap.SP_MediaPlay))
        can_train = state in ("paused", "running", "loading")
        for action in (self.train_action, self.step_action, self.epoch_action):
            action.setEnabled(can_train)
        names = {
            "loading": self.tr("Preparing…"), "paused": self.tr("Paused"), "running": self.tr("Training", "run state"),
            "finished": self.tr("Finished"), "stopped": self.tr("Stopped"), "diverged": self.tr("Diverged"),
            "error": self.tr("Error"),
        }
        self.status_labels["state"].setText(names.get(state, state))
        if state != "running":  # a rate or a step mode would describe steps that no longer run
            self.status_labels["speed"].setText("")
        if state in ENDED:
            self._show_step_mode(None, ended=True)
        if state in ("paused", "running") and self.banner.property("kind") in ("error", "finished"):
            self._hide_banner()  # a run that goes on (after Reset, or a raised epoch limit)

    def _show_status(self, snapshot) -> None:
        labels = self.status_labels
        labels["epoch"].setText(self.tr("Epoch {0}").format(f"{snapshot.epoch:,}"))
        self._show_step_mode(snapshot.step_mode, ended=snapshot.state in ENDED)
        labels["step"].setText(self.tr("Step {0}").format(f"{snapshot.step:,}"))
        running = snapshot.state == "running"  # a rate means nothing while paused or stopped
        labels["speed"].setText(self.tr("{0} steps/s").format(f"{snapshot.steps_per_second:,.0f}") if running else "")
        metrics = snapshot.metrics
        if metrics is None and snapshot.state == "diverged":  # the last evaluated losses are no longer true
            labels["loss"].setText(self.tr("Loss not finite"))
            labels["loss"].setToolTip(self.tr("The loss is no longer a finite number: the run diverged."))
            labels["accuracy"].setText("")
        if metrics is not None:
            labels["loss"].setText(self.tr("Loss {0} / {1}").format(_fmt(metrics.train_loss), _fmt(metrics.test_loss)))
            labels["loss"].setToolTip(self.tr("Training loss {0}, test loss {1}.").format(
                _fmt(metrics.train_loss), _fmt(metrics.test_loss)))
            if metrics.test_accuracy is None:
                labels["accuracy"].setText("")
            else:
                labels["accuracy"].setText(self.tr("Accuracy {0} / {1}").format(
                    f"{metrics.train_accuracy:.1%}", f"{metrics.test_accuracy:.1%}"))

    def _show_banner(self, text: str, kind: str) -> None:
        theme = self._theme
        colour = {"error": theme.bad, "warning": theme.warning}.get(kind, theme.accent)
        self.banner.setProperty("kind", kind)
        self.banner.setStyleSheet(
            f"QLabel {{ border: 1px solid {colour}; border-left: 4px solid {colour}; padding: 6px; }}")
        self.banner.setText(text)
        self.banner.show()

    def _hide_banner(self) -> None:
        self.banner.setProperty("kind", "")
        self.banner.hide()

    # --- toolbar --------------------------------------------------------------------------
    def _on_speed_slider_value_changed(self, position: int) -> None:
        speed = SPEEDS[position]
        self.controller.set_speed(speed)
        self.speed_label.setText(self._speed_text(speed))
        if not self._setting_pace:  # the learner's own speed is remembered; a preset's pace is not
            self._pace_source = ""
            self.settings.setValue("speed", position)
        self._show_speed_tip()

    def set_pace(self, steps_per_second: float | None, source: str) -> None:
        """Train at ``steps_per_second`` (one of SPEEDS; None = max), the pace of ``source`` (a preset's title).

        It stays until the learner moves the speed control or another paced preset opens.
        """
        self._setting_pace = True
        try:
            self.speed_slider.setValue(SPEEDS.index(steps_per_second))
        finally:
            self._setting_pace = False
        self._pace_source = source
        self._show_speed_tip()

    def _speed_text(self, speed: float | None) -> str:
        return self.tr("max") if speed is None else self.tr("{0} steps/s").format(f"{speed:,.0f}")

    def _show_speed_tip(self) -> None:
        tip = self.tr("Training speed in steps per second (one step = one batch: forward pass, backward pass, "
                      "update). Slow it down to watch each step, or let it run as fast as it can (max).")
        if self._pace_source:
            tip += "\n\n" + self.tr("“{0}” opens at {1}: slow enough to watch its effect unfold over tens of "
                                     "seconds. Move the slider to change it.").format(
                self._pace_source, self._speed_text(SPEEDS[self.speed_slider.value()]))
        self.speed_slider.setToolTip(tip)
        self.speed_label.setToolTip(tip)

    def _on_lr_box_value_changed(self, value: float) -> None:
        design = self.document.design
        if value > 0 and value != design.optimizer.lr:
            self.document.apply(design.with_optimizer(lr=value), self.tr("Change learning rate"), "optimizer.lr")

    def _show_lr(self, lr: float) -> None:
        if self.lr_box.value() != lr:
            blocked = self.lr_box.blockSignals(True)
            self.lr_box.setValue(lr)
            self.lr_box.blockSignals(blocked)

    # --- look and language ------------------------------------------------------------------
    @property
    def _theme(self) -> Theme:
        return resolve(str(self.settings.value("theme", "system")))

    def set_theme_choice(self, choice: str) -> None:
        if choice not in ("system", "light", "dark"):
            choice = "system"
        self.settings.setValue("theme", choice)
        self.theme_actions[choice].setChecked(True)
        theme = resolve(choice)
        app = QApplication.instance()
        if app is not None:
            apply_palette(app, theme)
        for view in self.views:
            view.set_theme(theme)

    def _on_language_chosen(self, language: str) -> None:
        self.settings.setValue("language", language)
        self.language_chosen.emit(language)
        QMessageBox.information(
            self, self.tr("Language"),
            self.tr("The new language is used from the next time NN Playground starts."),
        )

    def reset_layout(self) -> None:
        self.restoreState(self._default_state, STATE_VERSION)
        for dock in (self.design_dock, self.network_dock, self.loss_dock, self.gradient_dock, self.batchnorm_dock):
            dock.show()

    def _restore_layout(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self._fit_to_screen()
        state = self.settings.value("window_state")
        if state is not None:
            self.restoreState(state, STATE_VERSION)

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is None:
            self.resize(1366, 740)
            return
        width, height = min(1600, screen.width()), min(940, screen.height())
        self.resize(width, height)
        self.move(screen.center() - self.rect().center())

    def update_title(self) -> None:
        """The file's name, with a mark while there are unsaved changes."""
        self.setWindowTitle(self.tr("{0}[*] — NN Playground").format(self.file_actions.display_name()))
        self.setWindowModified(self.file_actions.dirty)

    def show_lesson(self, title: str, text: str) -> None:
        """The open design's explanation (plain text), kept above the output until the design is replaced."""
        self.lesson_note.set_lesson(title, text)
        self._show_lesson_state()

    def clear_lesson(self) -> None:
        self.lesson_note.clear()
        self._show_lesson_state()

    def _show_lesson_state(self) -> None:
        self.lesson_action.setEnabled(self.lesson_note.has_lesson())
        self.lesson_action.setChecked(self.lesson_note.has_lesson() and self.lesson_note.is_expanded())

    def show_notice(self, text: str) -> None:
        """A message about what just happened (e.g. a file's weights not loaded), in the banner."""
        self._show_banner(text, "info")

    def _on_loss_plot_x_view_changed(self, mode: str) -> None:
        self.settings.setValue("loss_x_view", mode)

    def exportable_views(self) -> list[tuple[str, QWidget]]:
        """(title, widget) of every dashboard, for File > Export > Plot."""
        if not self.views:
            return []
        return [(self.tr("Output"), self.output_view), (self.network_dock.windowTitle(), self.network_view),
                (self.loss_dock.windowTitle(), self.loss_plot), (self.gradient_dock.windowTitle(), self.gradient_plot),
                (self.batchnorm_dock.windowTitle(), self.batchnorm_plot)]

    def metrics_csv(self) -> str:
        """The current run's metrics as CSV text (LiveHistory.metrics_csv), whatever the dashboards show."""
        return self.controller.history.metrics_csv()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if any(url.toLocalFile().lower().endswith(".json") for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt's name
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.toLocalFile().lower().endswith(".json")]
        if files:
            event.acceptProposedAction()
            self.file_actions.open_path(Path(files[0]))

    # --- help -------------------------------------------------------------------------------
    def show_shortcuts(self) -> None:
        rows = [
            (self.tr("Train / Pause"), "Space"), (self.tr("Step one batch"), "."), (self.tr("Step one epoch"), "Ctrl+E"),
            (self.tr("Reset weights"), "Ctrl+R"), (self.tr("Fold or unfold the explanation"), "Ctrl+L"),
            (self.tr("Undo"), "Ctrl+Z"), (self.tr("Redo"), "Ctrl+Shift+Z"),
            (self.tr("Quit"), "Ctrl+Q"),
        ]
        html = "<table>" + "".join(f"<tr><td>{a}</td><td>&nbsp;&nbsp;<b>{k}</b></td></tr>" for a, k in rows) + "</table>"
        html += "<p>" + self.tr("Space, . and Ctrl+E work wherever the focus is, except while you type in a text "
                                "field. Enter in a number box (such as the learning rate) applies the number and "
                                "gives the keys back to training.") + "</p>"
        QMessageBox.information(self, self.tr("Keyboard shortcuts"), html)

    def show_about(self) -> None:
        from playground import __version__

        QMessageBox.about(
            self, self.tr("About NN Playground"),
            self.tr("<b>NN Playground {0}</b><br>Build a neural network, train it live with PyTorch, "
                    "and watch what happens inside.").format(__version__),
        )

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self.views:  # paint the window first, then import pyqtgraph and build the dashboards
            QTimer.singleShot(1, self.build_dashboards)

    # --- closing ------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self._closing and not self.file_actions.confirm_discard():
            event.ignore()
            return
        QApplication.instance().removeEventFilter(self._training_keys)
        self.file_actions.end_autosave()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState(STATE_VERSION))
        self.settings.sync()
        self.controller.shutdown()
        self._closing = True
        super().closeEvent(event)


def _placeholder() -> QLabel:
    label = QLabel(QApplication.translate("MainWindow", "Loading…"))
    label.setAlignment(Qt.AlignCenter)
    label.setEnabled(False)
    return label


def _fmt(value: float) -> str:
    if value != value:  # NaN
        return "–"
    return f"{value:.4f}" if 1e-3 <= abs(value) < 1e5 else f"{value:.2e}"  # 9.70e+35, not 36 digits
