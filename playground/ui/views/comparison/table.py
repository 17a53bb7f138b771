"""The live table of a comparison (one row per run) and its headline in words.

The numbers come from ``playground.runs.race`` (the same race the ``compare`` command
prints): where each run is now, the step at which it first reached the target, its
gradient verdict, whether it diverged. The learner sets the target (a test loss to get
below or a test accuracy to get above; ``race.default_target`` suits the task) and the
reached-at column follows at once. The headline's code and arguments are worded here,
in the interface language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDoubleSpinBox, QHBoxLayout, QHeaderView, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from playground.runs.race import Headline, RaceRow, Target
from playground.ui.theme import LIGHT, Theme
from playground.ui.views.comparison.curves import run_colour
from playground.ui.views.comparison.outputs import verdict_words

def target_words(metric: str, value: float) -> str:
    if metric == "test_loss":
        return QCoreApplication.translate("RaceTable", "test loss {0}").format(f"{value:g}")
    return QCoreApplication.translate("RaceTable", "test accuracy {0}%").format(f"{value * 100:g}")


def headline_text(headline: Headline) -> str:
    """race.Headline in the interface language."""
    translate = QCoreApplication.translate
    if headline.code == "none_yet":
        metric, value, step = headline.args
        return translate("RaceTable", "No run has reached {0} yet (step {1}).").format(
            target_words(metric, value), f"{step:,}")
    metric, value, parts = headline.args
    target = target_words(metric, value)
    words = {
        "reached": lambda label, step: translate("RaceTable", "{0} reached {1} at step {2}").format(
            label, target, step),
        "also": lambda label, step: translate("RaceTable", "{0} at step {1}").format(label, step),
        "not_yet": lambda label, step: translate("RaceTable", "{0} has not yet (step {1})").format(label, step),
        "diverged": lambda label, step: translate("RaceTable", "{0} diverged (step {1})").format(label, step),
    }
    return "; ".join(words[code](label, f"{step:,}") for code, label, step in parts) + "."


def _state_words(state: str) -> str:
    translate = QCoreApplication.translate
    words = {"waiting": translate("RaceTable", "waiting"), "loading": translate("RaceTable", "loading"),
             "running": translate("RaceTable", "training"), "paused": translate("RaceTable", "paused"),
             "finished": translate("RaceTable", "finished"), "stopped": translate("RaceTable", "stopped"),
             "diverged": translate("RaceTable", "diverged"), "error": translate("RaceTable", "error")}
    return words.get(state, state)


class RaceTable(QWidget):
    """The headline, the target, and a row per run. ``target_chosen(Target)`` when the learner sets one."""

    target_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._theme = LIGHT
        self._classification = True
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.metric_box = QComboBox()
        self.metric_box.addItem(self.tr("test accuracy ≥"), "test_accuracy")
        self.metric_box.addItem(self.tr("test loss ≤"), "test_loss")
        self.value = QDoubleSpinBox()
        self.value.setDecimals(3)
        self.value.setSingleStep(0.01)
        self.value.setRange(0.001, 100.0)
        self.value.setKeyboardTracking(False)
        for widget in (self.metric_box, self.value):
            widget.setToolTip(self.tr("The target of the race: the table shows the step at which each run first "
                                      "reached it (a test accuracy in %, or a test loss)."))
        self.metric_box.currentIndexChanged.connect(self._on_target_edited)
        self.value.valueChanged.connect(self._on_target_edited)
        self.table = QTableWidget(0, 8)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setHorizontalHeaderLabels([
            self.tr("Run"), self.tr("Step"), self.tr("Train loss"), self.tr("Test loss"), self.tr("Train acc."),
            self.tr("Test acc."), self.tr("Reached at"), self.tr("Verdict")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.headline, 1)
        top.addWidget(QLabel(self.tr("Target:")))
        top.addWidget(self.metric_box)
        top.addWidget(self.value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme

    def start(self, target: Target, classification: bool) -> None:
        """A new race to ``target``; accuracy columns only for ``classification``."""
        self._classification = classification
        self.table.setColumnHidden(4, not classification)
        self.table.setColumnHidden(5, not classification)
        self.metric_box.setItemData(0, None if classification else 0, Qt.UserRole - 1)  # accuracy: classification only
        self.show_target(target)

    def show_target(self, target: Target) -> None:
        self.metric_box.blockSignals(True)
        self.value.blockSignals(True)
        self.metric_box.setCurrentIndex(self.metric_box.findData(target.metric))
        accuracy = target.metric == "test_accuracy"
        self.value.setRange(1.0, 100.0) if accuracy else self.value.setRange(0.001, 100.0)
        self.value.setSuffix(" %" if accuracy else "")
        self.value.setDecimals(1 if accuracy else 3)
        self.value.setValue(target.value * 100 if accuracy else target.value)
        self.metric_box.blockSignals(False)
        self.value.blockSignals(False)

    def target(self) -> Target:
        metric = self.metric_box.currentData()
        value = self.value.value()
        return Target(metric, value / 100 if metric == "test_accuracy" else value)

    def show_rows(self, rows: list[RaceRow], headline: Headline) -> None:
        self.headline.setText(headline_text(headline))
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            cells = [row.label, f"{row.step:,}", _number(row.train_loss), _number(row.test_loss),
                     _percent(row.train_accuracy), _percent(row.test_accuracy),
                     f"{row.reached_at:,}" if row.reached_at is not None else self.tr("not yet"),
                     self.tr("diverged") if row.diverged else verdict_words(row.verdict, False)]
            for j, text in enumerate(cells):
                item = self.table.item(i, j)
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(i, j, item)
                item.setText(text)
            name = self.table.item(i, 0)
            name.setForeground(QColor(run_colour(i, self._theme)))
            name.setToolTip(_state_words(row.state))
            verdict = self.table.item(i, 7)
            verdict.setForeground(QColor(self._theme.bad if row.diverged else self._theme.foreground))

    def height_for(self, runs: int) -> int:
        """The height that shows the headline (two lines) and ``runs`` rows without scrolling."""
        line = self.fontMetrics().height()
        rows = self.table.verticalHeader().defaultSectionSize() * runs
        return 2 * line + 12 + self.table.horizontalHeader().sizeHint().height() + rows + 2 * self.table.frameWidth()

    def cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _on_target_edited(self, *_args) -> None:
        metric = self.metric_box.currentData()
        if metric == "test_accuracy" and self.value.suffix() == "":  # switched from a loss: a sensible accuracy
            self.show_target(Target("test_accuracy", 0.9))
        elif metric == "test_loss" and self.value.suffix():
            self.show_target(Target("test_loss", 0.05))
        self.target_chosen.emit(self.target())


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.4g}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"
