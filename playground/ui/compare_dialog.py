"""Training > Compare... and Fork from here: what varies, and its values.

Compare... checks two to six values of one axis (playground.ui.compare_choices) and
builds a Comparison of the current design; Fork from here picks one value (the fork's
second run; the first goes on as it is). The problems that keep the comparison from
training are shown in words under the list, and OK stays disabled, instead of starting
a comparison that cannot train.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QListWidget,
                               QListWidgetItem, QVBoxLayout, QWidget)

from playground.design.comparison import MAX_RUNS, MIN_RUNS
from playground.design.schema import Design
from playground.ui import compare_choices
from playground.ui.compare_choices import AXES, build_comparison, fork_comparison
from playground.ui.messages import problem_text
from playground.ui.theme import LIGHT


class CompareDialog(QDialog):
    """Choose what varies on ``design``; ``comparison`` is the result once accepted.

    ``fork``: one value only (a two-run fork: as it is, and with that change)."""

    def __init__(self, design: Design, parent: QWidget | None = None, fork: bool = False, theme=None):
        super().__init__(parent)
        self._design = design
        self._fork = fork
        self.comparison = None
        self.setWindowTitle(self.tr("Fork from Here") if fork else self.tr("Compare Runs"))
        self.axis = QComboBox()
        for key, text in AXES.items():
            self.axis.addItem(compare_choices._tr(text), key)
        self.axis.setToolTip(self.tr("The setting the runs differ in; everything else is the design's own."))
        self.values = QListWidget()
        self.values.setMinimumHeight(150)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(f"color: {(theme or LIGHT).bad};")
        intro = QLabel(self.tr(
            "The fork goes on from the run's weights and optimizer state twice: as it is, and with the change "
            "you pick. Their curves continue from the same point.") if fork else self.tr(
            "Each checked value becomes a run ({0} to {1}). All runs share the data, its order and, where the "
            "shapes allow, the initial weights.").format(MIN_RUNS, MAX_RUNS))
        intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.button(QDialogButtonBox.Ok).setText(self.tr("Fork") if fork else self.tr("Compare"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("What varies:"), self.axis)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.values, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.axis.currentIndexChanged.connect(self._on_axis_current_index_changed)
        self.values.itemChanged.connect(self._on_values_item_changed)
        self.values.currentRowChanged.connect(self._on_values_item_changed)
        self.resize(460, 420)
        self._fill_values()

    def choose(self, axis: str, texts: list[str] | None = None) -> None:
        """Pick ``axis`` and check exactly the values worded ``texts`` (None: the offered ones)."""
        self.axis.setCurrentIndex(self.axis.findData(axis))
        if texts is not None:
            for i in range(self.values.count()):
                item = self.values.item(i)
                wanted = item.text() in texts
                if self._fork:
                    if wanted:
                        self.values.setCurrentRow(i)
                else:
                    item.setCheckState(Qt.Checked if wanted else Qt.Unchecked)
        self._check()

    def chosen_changes(self) -> list[dict]:
        """The changes of each run the choices make, in order."""
        return [item.data(Qt.UserRole) for item in self._chosen_items()]

    def _chosen_items(self) -> list[QListWidgetItem]:
        if self._fork:
            item = self.values.currentItem()
            return [item] if item is not None else []
        return [self.values.item(i) for i in range(self.values.count())
                if self.values.item(i).checkState() == Qt.Checked]

    def _fill_values(self) -> None:
        self.values.blockSignals(True)
        self.values.clear()
        for choice in compare_choices.choices(self.axis.currentData(), self._design):
            item = QListWidgetItem(choice.text)
            item.setData(Qt.UserRole, choice.changes)
            item.setData(Qt.UserRole + 1, choice.name)
            if not self._fork:
                item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
                item.setCheckState(Qt.Checked if choice.offered else Qt.Unchecked)
            self.values.addItem(item)
        if self._fork:
            self.values.setCurrentRow(-1)
        self.values.blockSignals(False)
        self._check()

    def _check(self) -> None:
        """Build the comparison the choices make; show its problems, or allow OK."""
        chosen = self.chosen_changes()
        if self._fork:
            self.comparison, problems = fork_comparison(self._design, chosen[0]) if chosen else (None, [])
            if not chosen:
                self.problems.setText(self.tr("Pick the change the fork makes."))
        else:
            names = [item.data(Qt.UserRole + 1) for item in self._chosen_items()]
            self.comparison, problems = build_comparison(self._design, chosen, names)
        if problems:
            self.problems.setText("\n".join("• " + problem_text(p) for p in problems))
        elif self.comparison is not None:
            self.problems.setText("")
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(self.comparison is not None)

    def _on_axis_current_index_changed(self, _index: int) -> None:
        self._fill_values()

    def _on_values_item_changed(self, *_args) -> None:
        self._check()
