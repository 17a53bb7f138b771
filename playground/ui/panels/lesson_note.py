"""The lesson note above the output: what to try and what to watch in the open design.

It holds one explanation (a preset's title and text, or a design file's name and
description) for as long as that design is open: status messages go to the window's
banner, never here. The learner can fold it to its title line and unfold it again;
a long text wraps and scrolls inside a height cap so the output keeps most of the
room. ``python -m playground.ui.panels.lesson_note`` shows it alone.
"""

from __future__ import annotations

import math
import sys

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QPalette, QTextDocument
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QTextBrowser, QVBoxLayout, QWidget

from playground.ui.widgets.controls import fold_button

MAX_LINES = 6
"""The text shows at most this many lines before it scrolls."""
MAX_SHARE = 0.25
"""...and takes at most this share of the height of the column it sits in (the output has the rest)."""


class LessonNote(QFrame):
    """Title line with a fold button, and the explanation below it. Hidden while there is no lesson."""

    expanded_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lesson_note")
        self.setFrameShape(QFrame.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 4)
        layout.setSpacing(2)
        header = QHBoxLayout()
        header.setSpacing(4)
        self.fold_button = fold_button()
        self.fold_button.setChecked(True)
        self.fold_button.toggled.connect(self._on_fold_button_toggled)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.PlainText)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.installEventFilter(self)  # a click on the title folds too
        header.addWidget(self.fold_button, 0, Qt.AlignTop)
        header.addWidget(self.title_label, 1)
        layout.addLayout(header)
        self.body = QTextBrowser()
        self.body.setFrameShape(QFrame.NoFrame)
        self.body.setOpenLinks(False)
        palette = self.body.palette()
        palette.setColor(QPalette.Base, Qt.transparent)  # the text sits on the note, not in a white box
        self.body.setPalette(palette)
        self.body.setFocusPolicy(Qt.ClickFocus)
        self.body.document().setDocumentMargin(0)  # capped text then ends on a whole line, no sliver of the next
        layout.addWidget(self.body)
        self._show_fold_state()
        self.hide()

    # --- the API the window uses -------------------------------------------------------
    def set_lesson(self, title: str, text: str) -> None:
        """Show ``title`` and ``text`` (plain text), unfolded; an empty title and text hide the note."""
        if not title and not text:
            self.clear()
            return
        self.title_label.setText(title)
        self.title_label.setVisible(bool(title))
        self.body.setPlainText(text)
        self.body.setVisible(bool(text))
        self.show()
        self.set_expanded(True)
        self._fit_body()

    def clear(self) -> None:
        """No lesson: the note disappears until the next one."""
        self.title_label.clear()
        self.body.clear()
        self.hide()

    def has_lesson(self) -> bool:
        return bool(self.title_label.text() or self.body.toPlainText())

    def title(self) -> str:
        return self.title_label.text()

    def text(self) -> str:
        return self.body.toPlainText()

    def is_expanded(self) -> bool:
        return self.fold_button.isChecked()

    def set_expanded(self, on: bool) -> None:
        self.fold_button.setChecked(bool(on))

    # --- layout -------------------------------------------------------------------------
    def _on_fold_button_toggled(self, on: bool) -> None:
        self._show_fold_state()
        self.body.setVisible(on and bool(self.body.toPlainText()))
        self._fit_body()
        self.expanded_changed.emit(on)

    def _show_fold_state(self) -> None:
        on = self.fold_button.isChecked()
        self.fold_button.setArrowType(Qt.DownArrow if on else Qt.RightArrow)
        self.fold_button.setToolTip(self.tr("Fold the explanation to its title line (Ctrl+L).") if on
                                    else self.tr("Show the explanation again (Ctrl+L)."))
        self.fold_button.setAccessibleName(self.tr("Hide explanation") if on else self.tr("Show explanation"))

    def _fit_body(self) -> None:
        """As tall as the text at the current width, up to the cap in whole lines; taller text scrolls."""
        if self.body.isHidden():
            return
        document = self.body.document()
        document.setTextWidth(self.body.viewport().width())
        bottoms = _line_bottoms(document)  # measured: a line with Korean in it is taller than a Latin one
        budget = float("inf")
        column = self.parentWidget()
        if column is not None and column.height() > 0:
            budget = column.height() * MAX_SHARE
        shown = [b for b in bottoms[:MAX_LINES] if b <= budget] or bottoms[:2]
        height = document.size().height() if len(shown) == len(bottoms) else shown[-1]
        self.body.setFixedHeight(math.ceil(height) + 2 * self.body.frameWidth())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_body()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        column = self.parentWidget()
        if column is not None and not self.property("watching_column"):
            column.installEventFilter(self)  # the cap follows the column's height
            self.setProperty("watching_column", True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.title_label and event.type() == QEvent.MouseButtonRelease:
            self.fold_button.toggle()
            return True
        if watched is self.parentWidget() and event.type() == QEvent.Resize:
            self._fit_body()
        return False


def _line_bottoms(document: QTextDocument) -> list[float]:
    """The bottom of every laid-out line of ``document``, in its pixels, top to bottom."""
    bottoms = []
    block = document.begin()
    while block.isValid():
        top = document.documentLayout().blockBoundingRect(block).top()
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            bottoms.append(top + line.y() + line.height())
        block = block.next()
    return bottoms


if __name__ == "__main__":
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    note = LessonNote()
    note.set_lesson("A lesson", "What to try and what to watch. " * 30)
    note.resize(520, 200)
    note.show()
    sys.exit(app.exec())
