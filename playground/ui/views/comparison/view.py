"""The comparison view: what the central area shows while a comparison is open.

Top: a bar naming the comparison, with its exports and the button that closes it (back
to the single design). Then the overlaid curves (loss, and accuracy for
classification) beside the runs' small multiples, and at the bottom the race: the
headline in words and the live table. Splitters let the learner trade space between
them. Every part is fed from one ComparisonSnapshot at a time (``show_snapshot``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from playground.runs.race import Race, Target, default_target
from playground.ui.theme import LIGHT, Theme
from playground.ui.views.comparison.curves import RunCurves
from playground.ui.views.comparison.outputs import RunOutputs
from playground.ui.views.comparison.table import RaceTable


class Part:
    """A part of the view that takes a report alone (``show_snapshot``), drawn on ``widget``."""

    def __init__(self, widget: QWidget, show: Callable[[object], None]):
        self.widget, self.show_snapshot = widget, show

    def isVisible(self) -> bool:  # noqa: N802 - the QWidget calls a frame makes of its views
        return self.widget.isVisible()

    def findChildren(self, kind) -> list:  # noqa: N802
        return self.widget.findChildren(kind)

    def repaint(self) -> None:
        self.widget.repaint()


class ComparisonView(QWidget):
    """See the module docstring. ``closed``, ``promote_clicked(index)``, ``fork_clicked(index)``,
    ``export_clicked`` are the learner's requests; the window carries them out."""

    closed = Signal()
    promote_clicked = Signal(int)
    fork_clicked = Signal(int)
    lr_clicked = Signal(int)
    export_clicked = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._theme = LIGHT
        self.race: Race | None = None
        self._latest = None
        self._rows: list = []  # the race's rows of the latest report, which the cards read
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.export = QPushButton(self.tr("Export Losses…"))
        self.export.setToolTip(self.tr("Every run's losses and accuracy, step by step, as one CSV file."))
        self.export.clicked.connect(self.export_clicked)
        self.close_button = QPushButton(self.tr("Close Comparison"))
        self.close_button.setToolTip(self.tr("End the comparison and return to the design in the editor."))
        self.close_button.clicked.connect(self.closed)
        self.loss = RunCurves("loss")
        self.accuracy = RunCurves("accuracy", legend=False)
        self.outputs = RunOutputs()
        self.outputs.promote_clicked.connect(self.promote_clicked)
        self.outputs.fork_clicked.connect(self.fork_clicked)
        self.outputs.lr_clicked.connect(self.lr_clicked)
        self.table = RaceTable()
        self.table.target_chosen.connect(self._on_table_target_chosen)
        self.reason = QLabel()  # why there is no comparison to show (clear_run), in place of the pictures
        self.reason.setWordWrap(True)
        self.reason.setAlignment(Qt.AlignCenter)
        self.reason.hide()
        self._build()

    def _build(self) -> None:
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.export)
        bar.addWidget(self.close_button)
        curves = QSplitter(Qt.Vertical)
        curves.addWidget(self.loss)
        curves.addWidget(self.accuracy)
        self.upper = QSplitter(Qt.Horizontal)
        self.upper.addWidget(curves)
        self.upper.addWidget(self.outputs)
        self.upper.setStretchFactor(0, 4)
        self.upper.setStretchFactor(1, 5)
        self.splitter = QSplitter(Qt.Vertical)
        self.splitter.addWidget(self.upper)
        self.splitter.addWidget(self.table)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.reason, 1)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        for part in (self.loss, self.accuracy, self.outputs, self.table):
            part.set_theme(theme)

    def start(self, info, labels: Sequence[str], histories: Callable[[], Sequence],
              target: Target | None = None) -> None:
        """A comparison started: ``info`` its comparison_messages.ComparisonInfo, ``labels`` the
        runs' legend labels in the interface language, ``histories()`` their LiveHistory each."""
        base = info.comparison.base
        classification = base.data.task != "regression"
        self.title.setText(self.tr("Comparing {0} runs").format(len(labels)))
        self.reason.hide()
        self.splitter.show()
        self.export.setEnabled(True)
        self.race = Race(labels, target or default_target(base))
        self._latest = None
        for curves in (self.loss, self.accuracy):
            curves.start(labels, histories)
        self.accuracy.setVisible(classification)
        self.outputs.start(labels, info.runs, info.own_weights)
        self.table.start(self.race.target, classification)
        self._show_race()
        self._share_space(len(labels))

    def clear_run(self, reason: str) -> None:
        """The comparison cannot train (the training process refused it): no curve, card or
        table row of an earlier comparison stays as if it were this one's; ``reason`` in
        their place. ``start`` brings the pictures back."""
        self.race = None
        self._latest = None
        for curves in (self.loss, self.accuracy):
            curves.start([], lambda: [])
        self.outputs.start([], [], [])
        self.title.setText(self.tr("Comparison: no current runs"))
        self.splitter.hide()
        self.export.setEnabled(False)  # no losses to export
        self.reason.setText(reason)
        self.reason.show()

    def _share_space(self, runs: int) -> None:
        """The table as tall as its rows, the rest above; the curves and the small multiples half and half."""
        total = sum(self.splitter.sizes())
        if total > 0:
            table = min(self.table.height_for(runs), total // 2)
            self.splitter.setSizes([total - table, table])
        width = sum(self.upper.sizes())
        if width > 0:
            self.upper.setSizes([width * 9 // 20, width - width * 9 // 20])

    def show_snapshot(self, snapshot) -> None:
        """One lock-step report (comparison_messages.ComparisonSnapshot), every part at once."""
        for part in self.parts():
            part.show_snapshot(snapshot)

    def parts(self) -> list[Part]:
        """The view as parts that each take a report on their own, in this order: the race
        (table and headline, which every other part reads), the loss curves, the accuracy
        curves, each run's card. The window draws a running report one part per turn of
        its event loop (ui/window/frames.py)."""
        if self.race is None:
            return []
        parts = [Part(self.table, self._show_report), Part(self.loss, lambda _: self._draw_curves(self.loss)),
                 Part(self.accuracy, lambda _: self._draw_curves(self.accuracy))]
        return parts + [Part(card, lambda snapshot, i=i: self._show_card(i, snapshot))
                        for i, card in enumerate(self.outputs.cards)]

    def _show_report(self, snapshot) -> None:
        if self.race is None:
            return
        self._latest = snapshot
        for index, run in enumerate(snapshot.runs):
            self.race.add(index, run)
        self._rows = self._show_race()
        self.outputs.set_forkable(snapshot.state in ("running", "paused"))

    def _draw_curves(self, curves: RunCurves) -> None:
        if self.race is not None and curves.isVisibleTo(self):
            curves.draw()

    def _show_card(self, index: int, snapshot) -> None:
        if self.race is not None and index < len(self.outputs.cards) and index < len(snapshot.runs):
            self.outputs.show_run(index, snapshot.runs[index], self._rows[index])

    def run_lr(self, index: int) -> float | None:
        """Run ``index``'s learning rate as last reported (None before a report)."""
        return None if self._latest is None else float(self._latest.runs[index].lr)

    def _show_race(self) -> list:
        rows = self.race.rows()
        self.table.show_rows(rows, self.race.headline())
        return rows

    def _on_table_target_chosen(self, target: Target) -> None:
        if self.race is not None:
            self.race.set_target(target)
            self._show_race()

    def plots(self) -> list[tuple[str, QWidget]]:
        """(title, widget) of each part that exports as a picture (none while there are no runs)."""
        if self.race is None:
            return []
        out = [(self.tr("Comparison loss"), self.loss)]
        if self.accuracy.isVisibleTo(self):
            out.append((self.tr("Comparison accuracy"), self.accuracy))
        return out + [(self.tr("Comparison outputs"), self.outputs), (self.tr("Comparison table"), self.table),
                      (self.tr("Comparison"), self)]
