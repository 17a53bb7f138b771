"""The Help menu: the keyboard shortcuts and the About box."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from playground.ui.window.actions import make_action
from playground.ui.window.lab import SHORTCUT as LAB_SHORTCUT
from playground.ui.window.look import PROJECTOR_SHORTCUT


class HelpMenu(QObject):
    """Help's entries; its dialogs open over ``owner`` (the window)."""

    def __init__(self, owner: QWidget):
        super().__init__(owner)
        self._owner = owner

    def fill_menu(self, menu: QMenu) -> None:
        menu.addAction(make_action(self._owner, self.tr("Keyboard shortcuts"), self.show_shortcuts,
                                   QKeySequence.HelpContents))
        menu.addAction(make_action(self._owner, self.tr("About NN Playground"), self.show_about))

    def show_shortcuts(self) -> None:
        rows = [
            (self.tr("Train / Pause"), "Space"), (self.tr("Step one batch"), "."), (self.tr("Step one epoch"), "Ctrl+E"),
            (self.tr("Step inside: look inside the next step"), "Ctrl+I"),
            (self.tr("Inside one step: previous / next stage"), "← / →"),
            (self.tr("Reset weights"), "Ctrl+R"), (self.tr("Fold or unfold the explanation"), "Ctrl+L"),
            (self.tr("Lessons"), "Ctrl+Shift+L"), (self.tr("Tensor Lab"), LAB_SHORTCUT),
            (self.tr("Tensor Lab: run the code"), "Ctrl+Enter"),
            (self.tr("Projector mode: larger text, thicker lines"), PROJECTOR_SHORTCUT),
            (self.tr("Undo"), "Ctrl+Z"), (self.tr("Redo"), "Ctrl+Shift+Z"),
            (self.tr("Quit"), "Ctrl+Q"),
        ]
        html = "<table>" + "".join(f"<tr><td>{a}</td><td>&nbsp;&nbsp;<b>{k}</b></td></tr>" for a, k in rows) + "</table>"
        html += "<p>" + self.tr("Space, . and Ctrl+E work wherever the focus is, except while you type in a text "
                                "field. Enter in a number box (such as the learning rate) applies the number and "
                                "gives the keys back to training.") + "</p>"
        QMessageBox.information(self._owner, self.tr("Keyboard shortcuts"), html)

    def show_about(self) -> None:
        from playground import __version__

        QMessageBox.about(
            self._owner, self.tr("About NN Playground"),
            self.tr("<b>NN Playground {0}</b><br>Build a neural network, train it live with PyTorch, "
                    "and watch what happens inside.").format(__version__),
        )
