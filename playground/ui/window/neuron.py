"""A neuron from the inside, in the window: clicking a neuron on the network diagram opens
the neuron card (playground.ui.panels.neuron_card) in a "Neuron" dock beside the Gradient
flow, with that neuron's formula for the chosen input; the neuron is ringed on the diagram.

The input: a point picked by clicking the Output view (2-D and 1-D data; marked there; at
first the first test sample's place, since at the plane's centre every input is 0), a test
sample (every kind of data; the only choice for digits and CSV, where there is no plane to
click), or a sample of the step the step-through traced (from the StepTrace itself, without
asking the training process).

Decisions:
- Hovering a neuron does not change the card: on the way from the diagram to the card the
  pointer crosses other neurons, and a card that followed it would jump. Hover shows the
  tooltip ("Click to see its formula."); a click chooses.
- The card follows training: after each snapshot it asks again, one question at a time
  (the next only after the answer: throttled at the source, as snapshots are).
- Esc closes the card (from the card, or from the network diagram).
- A new run keeps the chosen neuron when the new network has it (same layer index, unit
  and kind), else the card closes; the picked point goes back to its default.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget

from playground.runs.inside import NeuronExplained, StepTrace
from playground.ui.neuron_facts import from_explained, from_trace, number
from playground.ui.window.docks import placeholder


def default_point(data) -> tuple[float, ...] | None:
    """Where the picked point starts: on the first test sample (2-D: (x1, x2); 1-D: (x,)),
    a real input whose terms are not all 0 as at the plane's centre; None without a plane."""
    if data.input_kind not in ("2d", "1d") or data.raw_test is None or not len(data.raw_test):
        return None
    return tuple(float(v) for v in data.raw_test[0])


def in_front(dock: QDockWidget) -> bool:
    """Whether ``dock`` is shown and is its tab group's raised tab (the others are moved out of sight)."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


class NeuronInside(QObject):
    """The neuron card of ``window`` (a MainWindow): its dock, the chosen neuron and input."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._controller = window.controller
        self.card = None  # the NeuronCard, made with the dashboards (it draws with pyqtgraph)
        self.dock = QDockWidget(self.tr("Neuron"), window)
        self.dock.setObjectName("dock_neuron")
        self.dock.setWidget(placeholder())
        self.dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable
                              | QDockWidget.DockWidgetClosable)
        window.addDockWidget(Qt.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.docks.coach, self.dock)  # this makes it the raised tab of its group
        self.dock.hide()
        window.docks.add_on_demand(self.dock)
        window.docks.gradients.raise_()
        self._behind = None  # the dock that was raised before the card took its place
        self.chosen: tuple[int, int] | None = None  # (block, unit)
        self.point: tuple[float, ...] | None = None  # the picked point, plot coordinates
        self.source, self.sample = "point", 0
        self._info = None
        self._trace: StepTrace | None = None
        self._asking = False  # a question is on its way to the training process
        self.asked: list[tuple[int, int, tuple[float, ...]]] = []  # (block, unit, features) asked, newest last
        window.dashboards_built.connect(self._on_window_dashboards_built)

    # --- the public API -------------------------------------------------------------------
    def open(self, block: int, unit: int) -> None:
        """Show neuron ``unit`` of block ``block`` (RunInfo.blocks index) for the chosen input."""
        if self.card is None or self._info is None:
            return
        self.chosen = (block, unit)
        self._window.network_view.mark_neuron(self.chosen)
        if not self.dock.isVisible():
            coach = self._window.docks.coach  # the group it was tabbed into (a hidden dock has no tabs to ask)
            group = [coach, *self._window.tabifiedDockWidgets(coach)] if self.dock.isHidden() else []
            self._behind = next((d for d in group if d is not self.dock and in_front(d)), None)
        self.dock.show()
        self.dock.raise_()
        self.card.setFocus(Qt.OtherFocusReason)
        self._explain()

    def close(self) -> None:
        """Hide the card; the tab it covered (e.g. Gradient flow) comes back to the front."""
        self.chosen = None
        was_visible = self.dock.isVisible()
        self.dock.hide()
        if was_visible and self._behind is not None:
            self._behind.raise_()
        if self.card is not None:
            self._window.network_view.mark_neuron(None)
            self.card.clear()

    def pick(self, point: tuple[float, ...]) -> None:
        """Explain the chosen neuron at ``point`` (plot coordinates of the Output view)."""
        self.point = tuple(point)
        self.source = "point"
        self._show_marker()
        if self.card is not None:
            self.card.set_source("point")
        self._explain()

    def show_trace(self, trace: StepTrace, sample: int | None = None) -> None:
        """A traced step of the current run: its samples become a choice; with ``sample``,
        the card shows that traced sample (e.g. the one the step-through follows)."""
        if self._info is None or trace.run_id != self._info.run_id:
            return
        self._trace = trace
        self._offer_sources()
        if sample is not None:
            self.source, self.sample = "traced", sample
            self.card.set_source("traced", sample)
        if self.source == "traced":
            self._explain()

    def features(self) -> np.ndarray | None:
        """The chosen input as the model's features (float32), or None (a traced sample, no run)."""
        data = self._info.dataset if self._info is not None else None
        if data is None or self.source == "traced":
            return None
        if self.source == "test":
            return np.asarray(data.x_test[min(self.sample, len(data.x_test) - 1)], dtype=np.float32)
        if self.point is None:
            return None
        return data.features_of(np.array([self.point]))[0]

    # --- asking and showing ----------------------------------------------------------------
    def _explain(self) -> None:
        if self.chosen is None or self.card is None or not self.dock.isVisible():
            return
        block, unit = self.chosen
        self.card.set_where(self._where_text())
        if self.source == "traced":
            self._show_traced(block, unit)
            return
        point = self.features()
        if point is None:
            return
        features = tuple(float(v) for v in point)
        self.asked.append((block, unit, features))
        del self.asked[:-20]
        self._asking = True
        self._controller.explain_neuron(block, unit, features)

    def _show_traced(self, block: int, unit: int) -> None:
        facts = None if self._trace is None else from_trace(self._trace, block, unit, self.sample)
        if facts is None:
            self.card.show_problem(self._title(), self.tr("The traced step does not hold this neuron "
                                                          "(only the first neurons of a layer are traced)."))
            return
        self.card.show_facts(self._title(), facts, self._classifier_output(block))

    def _on_controller_neuron_explained(self, answer: NeuronExplained) -> None:
        self._asking = False
        if self.card is None or self._info is None or answer.run_id != self._info.run_id:
            return
        if self.chosen != (answer.block, answer.unit) or self.source == "traced":
            return  # an answer for a neuron (or an input) no longer shown; the newer question is on its way
        if not self.asked or tuple(answer.point) != self.asked[-1][2]:
            return
        if answer.problem:
            self.card.show_problem(self._title(), self.tr("No formula for this neuron now: {0}").format(answer.problem))
            return
        self.card.show_facts(self._title(), from_explained(answer), self._classifier_output(answer.block))

    def _title(self) -> str:
        from playground.ui.panels.neuron_card import neuron_title

        block, unit = self.chosen
        b = self._info.blocks[block]
        return neuron_title(b.name, unit, None if b.kind == "output" else b.activation)

    def _classifier_output(self, block: int) -> bool:
        return self._info.blocks[block].kind == "output" and self._info.dataset.task != "regression"

    def _where_text(self) -> str:
        if self.source == "point" and self.point is not None:
            if len(self.point) == 2:
                return self.tr("at x₁ = {0}, x₂ = {1}").format(number(self.point[0]), number(self.point[1]))
            return self.tr("at x = {0}").format(number(self.point[0]))
        if self.source == "test" and self._info is not None:
            data = self._info.dataset
            target = data.y_test[min(self.sample, len(data.y_test) - 1)]
            if data.task == "regression":
                return self.tr("target {0}").format(number(float(target)))
            return self.tr("class {0}").format(data.class_names[int(target)])
        return ""

    # --- runs ---------------------------------------------------------------------------------
    def _start(self, info) -> None:
        """A new run: the default input, the sources its data offers; the chosen neuron if it still is one."""
        old = self._info
        self._info, self._trace, self._asking = info, None, False
        data = info.dataset
        self.point = default_point(data)
        if self.point is None and self.source == "point":
            self.source, self.sample = "test", 0
        if self.source == "traced":
            self.source = "point" if self.point is not None else "test"
        self.sample = min(self.sample, len(data.x_test) - 1)
        self._offer_sources()
        self.card.set_source(self.source, self.sample)
        self._show_marker()
        if self.chosen is not None and not self._still_there(old, info, *self.chosen):
            self.close()
        if self.chosen is not None:
            self._window.network_view.mark_neuron(self.chosen)
            self._explain()

    @staticmethod
    def _still_there(old, new, block: int, unit: int) -> bool:
        if old is None or block >= len(new.blocks) or block >= len(old.blocks):
            return False
        a, b = old.blocks[block], new.blocks[block]
        return a.kind == b.kind and unit < b.units

    def _offer_sources(self) -> None:
        data = self._info.dataset
        sources = (["point"] if data.input_kind in ("2d", "1d") else []) + ["test"]
        counts = {"test": len(data.x_test)}
        if self._trace is not None:
            sources.append("traced")
            counts["traced"] = len(self._trace.rows)
        self.card.set_sources(sources, counts)

    # --- slots ----------------------------------------------------------------------------------
    def _on_window_dashboards_built(self) -> None:
        from playground.ui.panels.neuron_card import NeuronCard

        window = self._window
        self.card = NeuronCard()
        self.card.set_theme(window.look.theme())
        window.docks.put(self.dock, self.card)
        self.card.source_chosen.connect(self._on_card_source_chosen)
        self.card.close_requested.connect(self.close)
        window.network_view.neuron_clicked.connect(self.open)
        window.output_view.point_picked.connect(self.pick)
        window.look.theme_changed.connect(self._on_look_theme_changed)  # after the views' own (connected first)
        self._controller.neuron_explained.connect(self._on_controller_neuron_explained)
        self._controller.step_traced.connect(self.show_trace)
        self._controller.run_ready.connect(self._start)  # after the window's own: the views have started the run
        self._controller.snapshot_ready.connect(self._on_controller_snapshot_ready)
        self._controller.state_changed.connect(self._on_controller_state_changed)
        self.dock.visibilityChanged.connect(self._on_dock_visibility_changed)
        for host in (self.dock, window.docks.network):
            shortcut = QShortcut(QKeySequence(Qt.Key_Escape), host)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)  # not the window's: a dialog's Esc stays its own
            shortcut.activated.connect(self.close)
        if self._controller.info is not None and window.network_view.has_run():
            self._start(self._controller.info)
        self.dock.hide()  # a card needs a neuron: it opens with a click, whatever the saved layout says

    def _on_look_theme_changed(self, theme) -> None:
        self.card.set_theme(theme)
        self._window.network_view.mark_neuron(self._window.network_view.marked_neuron())  # the ring in the new colours
        self._show_marker()

    def _on_card_source_chosen(self, source: str, sample: int) -> None:
        self.source, self.sample = source, sample
        if source == "point" and self.point is not None:
            self._show_marker()
        self._explain()

    def _on_controller_snapshot_ready(self, snapshot) -> None:
        if self.chosen is not None and not self._asking and self.source != "traced" and snapshot.dashboard is not None:
            self._explain()

    def _on_controller_state_changed(self, state: str) -> None:
        if state == "stopped":  # no run: no numbers of a network that is gone
            self.close()

    def _show_marker(self) -> None:
        """The picked point marked in the Output view while the card is open and explains it;
        no marker otherwise (a cross on the plot would mean nothing with the card closed)."""
        shown = self.dock.isVisible() and self.source == "point"
        self._window.output_view.set_picked_point(self.point if shown else None)

    def _on_dock_visibility_changed(self, visible: bool) -> None:
        self._show_marker()
        if not visible and self.dock.isHidden() and self.chosen is not None:  # closed with its own button
            self.chosen = None
            self._window.network_view.mark_neuron(None)
            if self._behind is not None:
                self._behind.raise_()
