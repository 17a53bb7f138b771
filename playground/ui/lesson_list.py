"""The lesson list: the shipped lessons in the course's order, grouped by stage, each marked
done or in progress, with Open, Start Over (a lesson done or in progress) and Open Lesson File….

It shows what it is given (lessons and their status) and says which lesson the learner
picked (``lesson`` after Open or Start Over, ``starting_over`` after Start Over) or that
a file was asked for (``wants_file``); the window's lesson part opens it. ``python -m playground.ui.lesson_list`` shows it alone.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from playground.design.course import STAGES
from playground.lessons.schema import Lesson
from playground.ui.labels import stage_words


class LessonList(QDialog):
    """``lessons`` in order under their stages; ``status(lesson)`` is "done", "started" or ""."""

    def __init__(self, lessons: list[Lesson], status: Callable[[Lesson], str], language: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Lessons"))
        self.lesson: Lesson | None = None  # the one to open, once accepted
        self.starting_over = False  # ...afresh, its progress forgotten
        self.wants_file = False
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Each lesson opens a design to train, asks a question first and checks its goals "
                               "on your run. Pick one and press Open."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Lesson"), self.tr("Progress")])
        self.tree.setRootIsDecorated(True)
        self.tree.itemDoubleClicked.connect(lambda item, _column: self._open(item))
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.open_button = buttons.addButton(self.tr("Open"), QDialogButtonBox.AcceptRole)
        self.open_button.setEnabled(False)
        self.start_over_button = buttons.addButton(self.tr("Start Over"), QDialogButtonBox.ActionRole)
        self.start_over_button.setToolTip(self.tr("Open the lesson afresh: its goals met and your answer are "
                                                  "forgotten."))
        self.start_over_button.setEnabled(False)
        self.file_button = buttons.addButton(self.tr("Open Lesson File…"), QDialogButtonBox.ActionRole)
        self.file_button.setToolTip(self.tr("Open a lesson file, e.g. one your teacher wrote."))
        self.open_button.clicked.connect(lambda: self._open(self.tree.currentItem()))
        self.start_over_button.clicked.connect(self._on_start_over_button_clicked)
        self.file_button.clicked.connect(self._on_file_button_clicked)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill(lessons, status, language)
        self.resize(620, 600)  # most of the course without scrolling, within 1280x720

    def _fill(self, lessons: list[Lesson], status: Callable[[Lesson], str], language: str) -> None:
        words = {"done": self.tr("✔ Done"), "started": self.tr("In progress"), "": ""}
        stages: dict[str, QTreeWidgetItem] = {}
        for lesson in sorted(lessons, key=lambda lesson: (STAGES.index(lesson.stage), lesson.order, lesson.id)):
            if lesson.stage not in stages:
                stages[lesson.stage] = QTreeWidgetItem(self.tree, [stage_words(lesson.stage)])
                stages[lesson.stage].setFlags(Qt.ItemIsEnabled)
                stages[lesson.stage].setExpanded(True)
            progress = status(lesson)
            item = QTreeWidgetItem(stages[lesson.stage], [getattr(lesson.title, language), words[progress]])
            item.setData(0, Qt.UserRole, lesson)
            item.setData(1, Qt.UserRole, progress)
        self.tree.resizeColumnToContents(1)
        self.tree.setColumnWidth(0, 440)

    def rows(self) -> list[tuple[str, str]]:
        """(title, progress) of every lesson as listed, top to bottom."""
        rows = []
        for s in range(self.tree.topLevelItemCount()):
            stage = self.tree.topLevelItem(s)
            rows += [(stage.child(i).text(0), stage.child(i).text(1)) for i in range(stage.childCount())]
        return rows

    def stages(self) -> list[str]:
        return [self.tree.topLevelItem(i).text(0) for i in range(self.tree.topLevelItemCount())]

    def select(self, lesson_id: str) -> None:
        """Make lesson ``lesson_id`` the current row (as a click would)."""
        for s in range(self.tree.topLevelItemCount()):
            stage = self.tree.topLevelItem(s)
            for i in range(stage.childCount()):
                if self._lesson_of(stage.child(i)).id == lesson_id:
                    self.tree.setCurrentItem(stage.child(i))

    def _lesson_of(self, item: QTreeWidgetItem | None) -> Lesson | None:
        return item.data(0, Qt.UserRole) if item is not None else None

    def _on_tree_current_item_changed(self, item: QTreeWidgetItem | None, _old) -> None:
        lesson = self._lesson_of(item)
        self.open_button.setEnabled(lesson is not None)
        self.start_over_button.setEnabled(lesson is not None and bool(item.data(1, Qt.UserRole)))

    def _open(self, item: QTreeWidgetItem | None) -> None:
        self.lesson = self._lesson_of(item)
        if self.lesson is not None:
            self.accept()

    def _on_start_over_button_clicked(self) -> None:
        self.starting_over = True
        self._open(self.tree.currentItem())

    def _on_file_button_clicked(self) -> None:
        self.wants_file = True
        self.accept()


if __name__ == "__main__":
    from PySide6.QtWidgets import QApplication

    from playground.lessons.io import shipped_lessons

    app = QApplication(sys.argv)
    dialog = LessonList(shipped_lessons(), lambda lesson: "done" if lesson.order < 20 else "", "en")
    dialog.show()
    sys.exit(app.exec())
