"""Inside one step, in the window: the "Step Inside" action, the dock of the step-through
(playground.ui.panels.inside.InsidePanel) and its numbers on the network diagram.

Step Inside (Training menu, toolbar, Ctrl+I) asks the controller for a traced step
(``TrainingController.trace_step``: it pauses the run and takes its next real step with
autograd); ``step_traced`` brings the StepTrace, and the dock opens at Forward. The step
is already taken, so nothing is undone or replayed: pressing Train goes on training, and
closing the dock resumes training when the run was training when Step Inside was pressed
(and nothing else moved it since). A comparison, no run, a finished or diverged run: the
controller says why (``step_trace_refused``, the one owner of that rule) and the dock
opens with its words in place of a step.

During Forward the network diagram writes the picked sample's values on its neurons,
during Backward their gradients ∂L/∂h; the numbers leave when the stage moves on, when
training goes on, and when the dock closes. A gradient check asks
``TrainingController.check_gradient``; ``gradient_checked`` brings the answer.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget

from playground.runs.inside import GradientChecked, StepTrace
from playground.ui.panels.inside import InsidePanel
from playground.ui.theme import Theme
from playground.ui.window.actions import make_action

SHORTCUT = "Ctrl+I"


class InsideStep(QObject):
    """The step-through of ``window`` (a MainWindow): ``action`` (Step Inside) and ``dock``."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._controller = window.controller
        self._resume = False  # the run was training when Step Inside was pressed: closing the dock resumes it
        self._waiting = False  # a traced step was asked for and has not come yet
        self.panel = InsidePanel()
        self.dock = QDockWidget(self.tr("Inside one step"), window)
        self.dock.setObjectName("dock_inside")
        self.dock.setWidget(self.panel)
        self.dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable |
                              QDockWidget.DockWidgetClosable)
        window.addDockWidget(Qt.LeftDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.docks.design, self.dock)  # beside the editors: the height it needs
        self.dock.hide()
        window.docks.add_on_demand(self.dock)
        window.docks.design.raise_()
        self.action = make_action(
            window, self.tr("Step Inside"), self.step_inside, QKeySequence(SHORTCUT),
            self.tr("Take the next training step and look inside it, stage by stage: forward pass, loss, "
                    "backward pass and update, with your network's real numbers (Ctrl+I)."),
        )
        self.action.setIcon(window.style().standardIcon(window.style().StandardPixmap.SP_FileDialogContentsView))
        self.panel.stage_changed.connect(self._on_panel_stage_changed)
        self.panel.pick_changed.connect(self._show_on_diagram)
        self.panel.gradient_check_requested.connect(self._on_panel_gradient_check_requested)
        self.panel.next_step_requested.connect(self.step_inside)
        self.dock.toggleViewAction().toggled.connect(self._on_dock_toggled)
        self._controller.state_changed.connect(self._on_controller_state_changed)
        self._controller.step_traced.connect(self.show_trace)
        self._controller.step_trace_refused.connect(self.show_refusal)
        self._controller.gradient_checked.connect(self.show_gradient_check)

    # --- the learner's requests ------------------------------------------------------------------
    def step_inside(self) -> None:
        """Pause, take the next step traced, and open the dock at Forward when it comes (or
        with the controller's reason when the run cannot: ``step_trace_refused``)."""
        self._resume = self._resume or self._controller.state == "running"
        self._waiting = True
        self.panel.clear(self.tr("Taking the next step…"))
        self._show_dock()
        self._controller.trace_step()

    # --- from the controller ---------------------------------------------------------------------
    def show_trace(self, trace: StepTrace) -> None:
        """Open the dock at Forward on ``trace`` (a superseded run's trace is dropped)."""
        if trace.run_id != self._controller.run_id:
            return
        self._waiting = False
        self.panel.show_trace(trace, 0)
        self._show_dock()
        self.panel.next_button.setFocus(Qt.OtherFocusReason)  # the arrow keys move through the stages at once
        self._show_on_diagram()

    def show_refusal(self, text: str) -> None:
        """The run cannot take a step inside (a comparison, no run, an ended run): ``text`` says why."""
        self._waiting = self._resume = False
        self.panel.clear(text)
        self._show_dock()

    def show_gradient_check(self, result: GradientChecked) -> None:
        if result.run_id == self._controller.run_id:
            self.panel.show_gradient_check(result)

    def _on_controller_state_changed(self, state: str) -> None:
        """(Step Inside stays enabled in every state: without a step to look at, it says why.)"""
        if state in ("loading", "stopped", "error"):  # a new run or none: the old step is not this run's
            self._resume = self._waiting = False
            if self.panel.trace() is not None:
                self.panel.clear(self.tr("The run started again: press Step Inside to look at its next step."))
            self._clear_diagram()
        elif state == "running" and not self._waiting:  # Train pressed: the numbers on the diagram are old
            self._resume = False
            self._clear_diagram()

    # --- the dock and the diagram --------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self.panel.set_theme(theme)
        QTimer.singleShot(0, self._show_on_diagram)  # once the diagram has taken the theme too (the window's next call)

    def _show_dock(self) -> None:
        self.dock.show()
        self.dock.raise_()

    def _on_dock_toggled(self, shown: bool) -> None:
        if shown:
            return
        self._clear_diagram()
        if self._resume and self._controller.state == "paused" and self.panel.trace() is not None:
            self._controller.play()
        self._resume = False

    def _on_panel_stage_changed(self, _stage: int) -> None:
        self._show_on_diagram()

    def _on_panel_gradient_check_requested(self, block: int, param: str, index: tuple) -> None:
        self._controller.check_gradient(block, param, tuple(index))

    def _show_on_diagram(self) -> None:
        view = self._network_view()
        if view is None:
            return
        overlay = self.panel.overlay() if self.dock.isVisible() else None
        if overlay is None:
            view.clear_values()
        else:
            view.show_values(*overlay)

    def _clear_diagram(self) -> None:
        view = self._network_view()
        if view is not None:
            view.clear_values()

    def _network_view(self):
        return getattr(self._window, "network_view", None) if self._window.views else None
