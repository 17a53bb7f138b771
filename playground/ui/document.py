"""The one owner of the design on screen, with undo/redo.

Panels never keep their own copy of the design: they call ``apply(new, text)`` and
redraw from ``changed``. Every edit is an undoable command; consecutive edits of the
same field (dragging a slider, typing a number) merge into one undo step.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from playground.design.schema import Design


class _Edit(QUndoCommand):
    def __init__(self, document: "DesignDocument", old: Design, new: Design, text: str, merge_key: str):
        super().__init__(text)
        self._document, self._old, self._new, self._merge_key = document, old, new, merge_key

    def id(self) -> int:  # noqa: A003 - Qt's name
        return hash(self._merge_key) & 0x7FFFFFFF if self._merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, _Edit) or other._merge_key != self._merge_key or not self._merge_key:
            return False
        self._new = other._new
        return True

    def redo(self) -> None:
        self._document._set(self._new)

    def undo(self) -> None:
        self._document._set(self._old)


class DesignDocument(QObject):
    """Holds the current Design. ``changed(new, old)`` fires after every change."""

    changed = Signal(object, object)
    replaced = Signal(object)  # a whole new design (New, Open): history cleared

    def __init__(self, design: Design | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._design = design or Design()
        self.undo_stack = QUndoStack(self)

    @property
    def design(self) -> Design:
        return self._design

    def apply(self, design: Design, text: str, merge_key: str = "", *, keep_clean: bool = False) -> None:
        """Make ``design`` current as one undoable edit named ``text`` (shown in Edit > Undo).

        Edits with the same non-empty ``merge_key`` in a row become one undo step. With
        ``keep_clean`` a document without unsaved changes stays so (the new state counts
        as the saved one): for changes that are not the learner's work, such as Reset's
        new random seed, which the next save stores. Undoing such a change then counts
        as an unsaved change, since the stack knows one clean state only.
        """
        if design == self._design:
            return
        clean = self.undo_stack.isClean()
        self.undo_stack.push(_Edit(self, self._design, design, text, merge_key))
        if keep_clean and clean:
            self.undo_stack.setClean()

    def replace(self, design: Design) -> None:
        """Start over with ``design`` (no undo across it)."""
        old = self._design
        self.undo_stack.clear()
        self._design = design
        self.replaced.emit(design)
        self.changed.emit(design, old)

    def _set(self, design: Design) -> None:
        old, self._design = self._design, design
        self.changed.emit(design, old)
