"""The Data panel: which data set (a grid of thumbnails), its settings and the
learner's own CSV file.

The panel keeps no copy of the design: it redraws from ``document.design`` on
``document.changed`` and edits only through ``document.apply``. Each data set's
label, description and the settings it uses come from its registry entry
(``design.datasets``); what the data gives the network (split sizes, inputs,
classes) from ``data.facts``; the settings form is ``widgets.data_settings``, the
thumbnails ``widgets.dataset_icons``.
"""

from __future__ import annotations

import random
from pathlib import Path

from pydantic import ValidationError
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from playground.data.facts import DataFacts, csv_columns_of, data_facts, guess_csv_task
from playground.design import registry, rules
from playground.design.schema import DataSpec, Design, check_design, problems_from_validation
from playground.errors import Problem
from playground.ui.i18n import file_dialog_options
from playground.ui.labels import dataset_description, dataset_label, loss_label, task_label
from playground.ui.messages import error_text, problem_text
from playground.ui.theme import Theme
from playground.ui.widgets.controls import MessageLabel, blocked, guard_wheel, palette_theme
from playground.ui.widgets.data_settings import DataSettings
from playground.ui.widgets.dataset_icons import DatasetGrid, dataset_icon


def fit_loss(design: Design) -> tuple[Design, str]:
    """``design`` with a loss that fits its data, and a note for the user if it had to change."""
    task = data_facts(design.data).task
    if rules.loss_fits(design.loss, task):
        return design, ""
    choice = rules.default_loss(task)
    note = QCoreApplication.translate("DataPanel", "Loss switched to {0} for {1} data.").format(
        loss_label(choice), task_label(task)
    )
    return design.with_(loss=choice), note


# -- the panel -----------------------------------------------------------------------


class DataPanel(QWidget):
    """Edits ``design.data`` of a DesignDocument (and the loss, when the data's task changes)."""

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self._notes: list[str] = []
        self._applying = False
        self._theme: Theme | None = None  # None: the light or dark theme of the widget's palette
        self._build()
        document.changed.connect(self._on_document_changed)
        self._refresh()

    # -- construction -----------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._build_sets())
        self.message = MessageLabel()
        layout.addWidget(self.message)
        self.settings = DataSettings()
        self.settings.edited.connect(self._on_settings_edited)
        self.settings.refused.connect(self._on_settings_refused)
        layout.addWidget(self.settings)
        self.csv_box = self._build_csv()
        layout.addWidget(self.csv_box)
        layout.addLayout(self._build_buttons())
        layout.addStretch(1)

    def _build_sets(self) -> QGroupBox:
        box = QGroupBox(self.tr("Data set"))
        column = QVBoxLayout(box)
        self.grid = DatasetGrid()
        self.grid.setToolTip(self.tr("Choose the problem the network learns. Point at a picture to see its name."))
        for name, info in registry.DATASETS.items():
            item = QListWidgetItem()
            item.setData(Qt.UserRole, name)
            item.setData(Qt.AccessibleTextRole, dataset_label(name))
            item.setToolTip("<b>{0}</b><br>{1}".format(dataset_label(name), dataset_description(name)))
            self.grid.addItem(item)
        self.grid.currentItemChanged.connect(self._on_grid_current_item_changed)
        column.addWidget(self.grid)
        self.set_caption = QLabel()
        self.set_caption.setWordWrap(True)
        column.addWidget(self.set_caption)
        self._paint_icons()
        return box

    def _build_csv(self) -> QGroupBox:
        box = QGroupBox(self.tr("CSV file"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.csv_file_label = QLabel()
        self.csv_file_label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        form.addRow(self.tr("File"), self.csv_file_label)
        self.target_combo = QComboBox()
        self.target_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.target_combo.setMinimumContentsLength(8)
        self.target_combo.setToolTip(self.tr(
            "The column the network learns to predict. Every other column is an input, "
            "standardized with the training points' mean and spread."))
        self.target_combo.activated.connect(self._on_target_combo_activated)
        form.addRow(self.tr("Predict"), self.target_combo)
        self.task_combo = QComboBox()
        self.task_combo.addItem(self.tr("Classification"), "classification")
        self.task_combo.addItem(self.tr("Regression"), "regression")
        self.task_combo.setToolTip(self.tr(
            "Classification predicts a label (one of a few values, such as a species); "
            "regression predicts a number (such as a price)."))
        self.task_combo.activated.connect(self._on_task_combo_activated)
        form.addRow(self.tr("Task"), self.task_combo)
        guard_wheel(self.target_combo, self.task_combo)
        return box

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.regenerate_button = QPushButton(self.tr("Regenerate"))
        self.regenerate_button.setToolTip(self.tr(
            "Draw new random points from the same pattern (a new data seed). Training starts again."))
        self.regenerate_button.clicked.connect(self.regenerate)
        self.import_button = QPushButton(self.tr("Import CSV…"))
        self.import_button.setToolTip(self.tr(
            "Train on your own table: a CSV file (UTF-8, with a header row naming the columns). "
            "Then choose the column to predict."))
        self.import_button.clicked.connect(self.import_csv)
        row.addWidget(self.regenerate_button)
        row.addWidget(self.import_button)
        return row

    def set_theme(self, theme: Theme) -> None:
        """Thumbnails in ``theme``'s colours (until then, the colours of the light or dark palette)."""
        self._theme = theme
        self._paint_icons()

    def _paint_icons(self) -> None:
        theme = self._theme or palette_theme(self)
        for i in range(self.grid.count()):
            item = self.grid.item(i)
            item.setIcon(dataset_icon(item.data(Qt.UserRole), theme))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange and hasattr(self, "grid"):
            self._paint_icons()

    # -- redraw -------------------------------------------------------------------------
    def _on_document_changed(self, new: Design, old: Design) -> None:
        if not self._applying:
            self._notes = []
        self._refresh()

    def _refresh(self) -> None:
        data = self.document.design.data
        facts = data_facts(data)
        with blocked(self.grid):
            self.grid.setCurrentRow(list(registry.DATASETS).index(data.dataset))
        self.settings.show_data(data, facts)
        self.set_caption.setText(
            "<b>{0}</b><br>{1}".format(dataset_label(data.dataset), dataset_description(data.dataset)))
        self.csv_box.setVisible("csv" in data.info.controls)
        self._show_csv(data, facts)
        self._show_message(facts)

    def _show_csv(self, data: DataSpec, facts: DataFacts) -> None:
        if "csv" not in data.info.controls:
            return
        name = Path(data.csv_path).name if data.csv_path else self.tr("(none chosen: press Import CSV…)")
        self.csv_file_label.setText(name)
        self.csv_file_label.setToolTip(data.csv_path)
        columns, _ = csv_columns_of(data.csv_path) if data.csv_path else ([], None)
        with blocked(self.target_combo, self.task_combo):
            self.target_combo.clear()
            self.target_combo.addItems(columns)
            self.target_combo.setCurrentIndex(columns.index(data.csv_target) if data.csv_target in columns else -1)
            self.task_combo.setCurrentIndex(self.task_combo.findData(data.csv_task))
        self.target_combo.setEnabled(bool(columns))

    def _show_message(self, facts: DataFacts) -> None:
        problems = [problem_text(p) for p in check_design(self.document.design) if p.field.startswith("data.")]
        error = error_text(facts.error) if facts.error is not None else ""
        if error and error not in problems:
            problems.append(error)
        self.message.show_messages(problems, self._notes)

    # -- edits ---------------------------------------------------------------------------
    def _apply(self, design: Design, text: str, merge_key: str = "", notes: list[str] = ()) -> None:
        self._notes = [n for n in notes if n]
        self._applying = True
        try:
            self.document.apply(design, text, merge_key)
        finally:
            self._applying = False
        self._refresh()

    def _edit_data(self, text: str, merge_key: str = "", **changes) -> None:
        try:
            design = self.document.design.with_data(**changes)
        except ValidationError as error:
            self._show_problems_only(problems_from_validation(error, "data"))
            return
        design, note = fit_loss(design)
        self._apply(design, text, merge_key, [note])

    def _show_problems_only(self, problems: list[Problem]) -> None:
        """An edit that was refused: the controls go back to the design, the message says why."""
        self._notes = []
        self._refresh()
        self.message.show_messages([problem_text(p) for p in problems])

    def _on_grid_current_item_changed(self, current: QListWidgetItem | None, previous) -> None:
        if current is not None:
            self.select_dataset(current.data(Qt.UserRole))

    def _on_settings_edited(self, text: str, merge_key: str, changes: dict) -> None:
        self._edit_data(text, merge_key, **changes)

    def _on_settings_refused(self, note: str) -> None:
        self._notes = [note]
        self.message.show_messages([], self._notes)

    def _on_target_combo_activated(self, index: int) -> None:
        self.set_csv_target(self.target_combo.itemText(index))

    def _on_task_combo_activated(self, index: int) -> None:
        self.set_csv_task(self.task_combo.itemData(index))

    # -- public, also for tests -----------------------------------------------------------
    def select_dataset(self, name: str) -> None:
        """Switch to data set ``name`` as the user would by clicking its picture.

        A CSV file not chosen yet opens the file dialog; cancelling it keeps the old set.
        """
        data = self.document.design.data
        if name == data.dataset:
            return
        if name == "csv" and not data.csv_path:
            self.import_csv()
            return
        self._edit_data(self.tr("Choose data set {0}").format(dataset_label(name)), dataset=name)

    def regenerate(self) -> None:
        """New random points from the same pattern: a new data seed, one undo step."""
        old = self.document.design.data.seed
        seed = old
        while seed == old:
            seed = random.randint(0, 2**31 - 1)
        self._edit_data(self.tr("Regenerate data"), seed=seed)

    def _choose_csv_path(self) -> str:
        """Ask for a CSV file; "" when cancelled. Tests replace this method."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a CSV file"), "", self.tr("CSV files (*.csv *.txt *.tsv);;All files (*)"),
            options=file_dialog_options())
        return path

    def import_csv(self) -> None:
        """Choose a CSV file and use it: the last column is predicted until the user picks another."""
        path = self._choose_csv_path()
        if not path:
            self._refresh()  # the grid may show CSV while the design does not
            return
        columns, error = csv_columns_of(path)
        if error:
            self._refresh()
            self.message.show_messages([error_text(error)])
            return
        target = columns[-1]
        self._edit_data(self.tr("Import CSV file"), dataset="csv", csv_path=path, csv_target=target,
                        csv_task=guess_csv_task(path, target))

    def set_csv_target(self, column: str) -> None:
        self._edit_data(self.tr("Choose column to predict"), csv_target=column)

    def set_csv_task(self, task: str) -> None:
        self._edit_data(self.tr("Change task"), csv_task=task)

    def message_text(self) -> str:
        """The inline message as plain text, "" when none is shown."""
        return self.message.plain_text() if self.message.isVisibleTo(self) else ""

    def counts_text(self) -> str:
        return self.settings.counts_label.text()

    def control_visible(self, name: str) -> bool:
        """Whether the control is shown: "samples", "noise", "outliers", "classes", "features", "csv"."""
        return self.csv_box.isVisibleTo(self) if name == "csv" else self.settings.control_visible(name)

if __name__ == "__main__":
    import sys

    from playground.ui.widgets.preview import preview_panel

    sys.exit(preview_panel(DataPanel, 320, 700))
