"""Comparisons in the window: Compare..., Fork from here, the comparison view, promote, close.

While a comparison is open the central area shows the comparison view in place of the
Output view, and the single run's dashboards (network, loss, gradients, batch norm)
are put away (each is about one run); closing the comparison brings the Output view,
the docks as they were and the single design's run back. The Design dock stays: an
edit of the design restarts the comparison on the edited design (the same variants),
and the controls (train, pause, step, epoch, reset, speed, learning rate) act on every
run at once. Any run can be promoted to be the design in the editor (undoable).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from playground.design.comparison_labels import run_label
from playground.errors import DesignError
from playground.runs.history import EVAL_COLUMNS
from playground.ui.compare_dialog import CompareDialog
from playground.ui.i18n import file_dialog_options
from playground.ui.views.comparison.icon import comparison_icon
from playground.ui.window.actions import make_action
from playground.ui.window.frames import SlicedFrame

FORKABLE = ("running", "paused")


class Comparisons(QObject):
    """The comparison side of ``window`` (a MainWindow)."""

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._controller = window.controller
        self._document = window.document
        self.view = None  # the ComparisonView, made when the first comparison opens
        self._docks_state = None  # the window's docks before the comparison put the dashboards away
        self._frame = SlicedFrame(self)  # a running report drawn one part of the view per turn
        self._frame.finished.connect(self._on_frame_finished)
        self.compare = make_action(
            window, self.tr("Compare…"), self.ask_compare, "Ctrl+K",
            self.tr("Train two to six versions of this design side by side, from the same data and initial "
                    "weights: pick what varies (optimizer, learning rate, loss...) (Ctrl+K)."))
        self.compare.setIcon(comparison_icon())
        self.fork = make_action(
            window, self.tr("Fork from Here…"), self.ask_fork, "Ctrl+Shift+K",
            self.tr("Go on from the run's current weights twice, as it is and with one change, and watch the "
                    "two curves part (Ctrl+Shift+K)."))
        self.close = make_action(window, self.tr("Close Comparison"), self.close_comparison,
                                 tip=self.tr("End the comparison and return to the design in the editor."))
        self.fork.setEnabled(False)
        self.close.setEnabled(False)
        self._controller.comparison_ready.connect(self._on_controller_comparison_ready)
        self._controller.comparison_snapshot_ready.connect(self._on_controller_comparison_snapshot_ready)
        self._controller.run_refused.connect(self._on_controller_run_refused)
        self._controller.state_changed.connect(self._on_controller_state_changed)

    @property
    def is_open(self) -> bool:
        return self._docks_state is not None

    # --- starting ---------------------------------------------------------------------------
    def ask_compare(self) -> None:
        dialog = CompareDialog(self._document.design, self._window, theme=self._window.look.theme())
        if dialog.exec() == QDialog.Accepted and dialog.comparison is not None:
            self.start(dialog.comparison)

    def start(self, comparison) -> None:
        """Open the comparison view and start ``comparison`` (training if the current run is)."""
        running = self._controller.state == "running"
        self._open_view()
        self._window.banner.hide_message()
        self._controller.start_comparison(comparison, running=running)

    def ask_fork(self, source: int | None = None) -> None:
        """Fork the current run (or run ``source`` of the comparison): pick one change."""
        if self._controller.state not in FORKABLE:
            return
        comparison = self._controller.comparison
        base = self._document.design if comparison is None else comparison.designs()[source or 0]
        dialog = CompareDialog(base, self._window, fork=True, theme=self._window.look.theme())
        if dialog.exec() == QDialog.Accepted and dialog.comparison is not None:
            self.fork_into(dialog.comparison, source if comparison is not None else None)

    def fork_into(self, comparison, source: int | None = None) -> None:
        self._open_view()
        self._controller.fork(comparison, source)

    # --- closing, promoting -------------------------------------------------------------------
    def close_comparison(self) -> None:
        """Back to the single design in the editor, its run started afresh (paused)."""
        if not self.close_view():
            return
        self._window.restart_current()

    def promote(self, index: int) -> None:
        """Make run ``index``'s design the design in the editor (one undoable edit) and close the comparison."""
        comparison = self._controller.comparison
        if comparison is None:
            return
        design = comparison.designs()[index].with_(name=self._document.design.name)
        label = run_label(comparison, index, QCoreApplication.translate)
        self.close_view()
        self._window.apply_without_restart(design, self.tr("Use run “{0}”").format(label))
        self._window.restart_current()

    def design_changed(self, new, old) -> None:
        """The design in the editor changed while the comparison is open: the same variants on it."""
        comparison = self._controller.comparison
        if comparison is None:
            return
        try:
            changed = comparison.with_base(new)
        except DesignError as error:
            self._controller.stop()
            self._window.banner.show_problems(list(error.problems), "warning")
            self._clear_view()
            return
        self.start(changed)

    def set_lr(self, lr: float) -> None:
        """The toolbar's learning rate, for every run."""
        self._controller.set_run_lr(lr)

    def ask_run_lr(self, index: int) -> None:
        """A live learning rate for run ``index`` alone."""
        comparison = self._controller.comparison
        if comparison is None:
            return
        current = self.view.run_lr(index) or comparison.designs()[index].optimizer.lr
        label = run_label(comparison, index, QCoreApplication.translate)
        value, ok = QInputDialog.getDouble(self._window, self.tr("Learning Rate of One Run"),
                                           self.tr("Learning rate of “{0}”:").format(label), current,
                                           1e-6, 10.0, 6)
        if ok and value > 0:
            self._controller.set_run_lr(value, index)

    def _open_view(self) -> None:
        window = self._window
        if self.view is None:
            from playground.ui.views.comparison.view import ComparisonView

            self.view = ComparisonView()
            self.view.set_theme(window.look.theme())
            self.view.closed.connect(self.close_comparison)
            self.view.promote_clicked.connect(self.promote)
            self.view.fork_clicked.connect(self.ask_fork)
            self.view.lr_clicked.connect(self.ask_run_lr)
            self.view.export_clicked.connect(self.export_losses)
            window.central_column().addWidget(self.view, 1)
        if self._docks_state is None:
            self._docks_state = window.saveState()
            for dock in window.docks.all()[1:]:  # the single run's dashboards; the design dock stays
                dock.hide()
        if window.views:
            window.output_view.hide()
        self.view.show()
        self.close.setEnabled(True)

    def close_view(self) -> bool:
        """Put the comparison view away and the single run's dashboards back; False if none was open."""
        if self._docks_state is None:
            return False
        window = self._window
        self._frame.cancel()
        self._controller.close_comparison()
        self.view.hide()
        if window.views:
            window.output_view.show()
        window.restoreState(self._docks_state)
        self._docks_state = None
        self.close.setEnabled(False)
        return True

    def set_theme(self, theme) -> None:
        if self.view is not None:
            self.view.set_theme(theme)

    def plots(self) -> list:
        """The comparison's exportable plots while it is open."""
        return self.view.plots() if self._docks_state is not None else []

    # --- from the controller -----------------------------------------------------------------
    def _on_controller_comparison_ready(self, info) -> None:
        self._frame.cancel()  # the parts of the previous comparison's view are gone
        if self.view is None:
            return
        labels = [run_label(info.comparison, i, QCoreApplication.translate) for i in range(len(info.runs))]
        self.view.start(info, labels, lambda: self._controller.run_histories)
        self._window.status_bar.show_device(info.runs[0].device.label)

    def _on_controller_comparison_snapshot_ready(self, snapshot) -> None:
        if self.view is None or self._docks_state is None:
            self._controller.snapshot_drawn()
            return
        if snapshot.runs:
            self._window.status_bar.show_snapshot(snapshot.runs[0])
        running = snapshot.state == "running"
        self._frame.draw(snapshot, self.view.parts(), sliced=running)  # running: the next is asked for when painted
        if not running:
            self._controller.snapshot_drawn()

    def _on_frame_finished(self, snapshot, cost: float) -> None:
        if snapshot.run_id == self._controller.run_id:
            self._controller.snapshot_drawn(rest=self._window.pacing_rest(cost))

    def _on_controller_run_refused(self, _problems: list) -> None:
        """The training process refused the comparison (the banner names why): its view is cleared."""
        if self.is_open and self._controller.comparison is not None:
            self._clear_view()

    def _clear_view(self) -> None:
        self.view.clear_run(self.tr("These runs cannot train as they stand: the message above says why. "
                                    "Change the design (the comparison starts again on it) or close the "
                                    "comparison to return to the single design."))

    def _on_controller_state_changed(self, state: str) -> None:
        self.fork.setEnabled(state in FORKABLE and self._controller.comparison is None)

    # --- exports -----------------------------------------------------------------------------
    def export_losses(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self._window, self.tr("Export Comparison Losses"),
                                              self._window.file_actions.suggested_path("-comparison.csv"),
                                              "CSV (*.csv)", options=file_dialog_options())
        if name:
            self.write_losses(Path(name))

    def write_losses(self, path: Path) -> bool:
        """Every run's losses and evaluations (one row per run and step) to ``path``."""
        from playground.files import atomic_write_text

        comparison = self._controller.comparison
        if comparison is None:
            return False
        labels = [run_label(comparison, i) for i in range(len(comparison.designs()))]
        try:
            atomic_write_text(path, comparison_csv(labels, self._controller.run_histories))
        except OSError as error:
            QMessageBox.warning(self._window, self.tr("The losses could not be written"),
                                f"{path}: {error.strerror or error}")
            return False
        self._window.statusBar().showMessage(self.tr("Exported {0}").format(path.name), 5000)
        return True


def comparison_csv(labels, histories) -> str:
    """CSV text: a ``run`` and ``label`` column before each run's metrics rows (LiveHistory.metrics_csv)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["run", "label", "step", "loss", *EVAL_COLUMNS])
    for index, (label, history) in enumerate(zip(labels, histories)):
        rows = csv.reader(io.StringIO(history.metrics_csv()))
        next(rows)  # its header
        for row in rows:
            writer.writerow([index, label, *row])
    return out.getvalue()
