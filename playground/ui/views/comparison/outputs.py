"""Each run's output as small multiples, with its gradient-flow verdict under it.

One card per run: its colour and label, the Output view's picture of it (decision
boundary, fitted curve with outliers, confusion matrix...: the same painters as the
single run's Output view, in compact form), its gradient verdict in words, and buttons
to make it the design in the editor (promote) or fork it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from playground.ui.theme import LIGHT, Theme
from playground.ui.views.boundary_view import OutputView
from playground.ui.views.comparison.curves import run_colour


def verdict_words(state: str | None, diverged: bool) -> str:
    """A run's gradient verdict in the interface language (the Gradients view's words)."""
    if diverged:
        return QCoreApplication.translate("GradientPlot", "Diverged: exploding gradients")
    words = {"healthy": "Healthy", "vanishing": "Vanishing gradients", "exploding": "Exploding gradients"}
    if state not in words:
        return "—"
    return QCoreApplication.translate("GradientPlot", words[state])


class RunCard(QFrame):
    """One run's small multiple."""

    promote_clicked = Signal(int)
    fork_clicked = Signal(int)
    lr_clicked = Signal(int)

    def __init__(self, index: int, label: str, own_weights: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.index = index
        self.setFrameShape(QFrame.StyledPanel)
        self.title = QLabel()
        self.title.setWordWrap(True)
        swatch = f"<span style='color:{run_colour(index)}; font-size:14pt'>■</span>"
        self.title.setText(f"{swatch} <b>{html.escape(label)}</b>")
        # As tall as a line that starts in Hangul (its fallback font makes the line taller than
        # Latin alone): a Korean title does not push its picture below the others of its row.
        self.title.setMinimumHeight(QLabel(f"{swatch} <b>가 Ag</b>").sizeHint().height())
        if own_weights:
            self.title.setToolTip(self.tr("This run changes the layers' shapes or their initialization: it draws "
                                          "its own initial weights from the same seed."))
        self.output = OutputView()
        self.output.set_compact(True)
        self.verdict = QLabel("—")
        self.verdict.setToolTip(self.tr("How the gradients flow back through this run's layers (the Gradients "
                                        "view's verdict)."))
        self.promote = QToolButton()
        self.promote.setText(self.tr("Use"))
        self.promote.setToolTip(self.tr("Make this run's design the design in the editor (undoable)."))
        self.promote.clicked.connect(lambda: self.promote_clicked.emit(self.index))
        self.fork = QToolButton()
        self.fork.setText(self.tr("Fork…"))
        self.fork.setToolTip(self.tr("Go on from this run's weights twice: as it is, and with one change."))
        self.fork.clicked.connect(lambda: self.fork_clicked.emit(self.index))
        self.lr = QAction(self.tr("Learning Rate of This Run…"), self)
        self.lr.setToolTip(self.tr("Change this run's learning rate now, while the others keep theirs."))
        self.lr.triggered.connect(lambda: self.lr_clicked.emit(self.index))
        for action, button in ((self.lr, None), (None, self.promote), (None, self.fork)):
            if action is None:
                action = QAction(button.toolTip(), self)
                action.triggered.connect(button.click)
            self.addAction(action)
        self.setContextMenuPolicy(Qt.ActionsContextMenu)  # right-click: the same, and the learning rate
        foot = QHBoxLayout()
        foot.setContentsMargins(0, 0, 0, 0)
        foot.addWidget(self.verdict, 1)
        foot.addWidget(self.promote)
        foot.addWidget(self.fork)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3, 3, 3, 3)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.output, 1)
        layout.addLayout(foot)
        self._theme = LIGHT
        self._state = None

    def show_verdict(self, state: str | None, diverged: bool) -> None:
        self.verdict.setText(verdict_words(state, diverged))
        self._state = "exploding" if diverged else state
        self._colour_verdict()

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.output.set_theme(theme)
        self._colour_verdict()

    def _colour_verdict(self) -> None:
        theme = self._theme
        colour = {"healthy": theme.good, "vanishing": theme.warning, "exploding": theme.bad}.get(
            self._state, theme.foreground)
        self.verdict.setStyleSheet(f"color: {colour};")


class RunOutputs(QWidget):
    """The cards of every run in a grid (up to three a row)."""

    promote_clicked = Signal(int)
    fork_clicked = Signal(int)
    lr_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(4)
        self.cards: list[RunCard] = []
        self._theme = LIGHT

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        for card in self.cards:
            card.set_theme(theme)

    def start(self, labels: Sequence[str], infos: Sequence, own_weights: Sequence[bool]) -> None:
        """A card per run, its output started with its messages.RunInfo."""
        for card in self.cards:
            card.deleteLater()
        self.cards = []
        per_row = 3 if len(labels) > 4 else 2
        for i, (label, info, own) in enumerate(zip(labels, infos, own_weights)):
            card = RunCard(i, label, own)
            card.set_theme(self._theme)
            card.output.start_run(info)
            card.promote_clicked.connect(self.promote_clicked)
            card.fork_clicked.connect(self.fork_clicked)
            card.lr_clicked.connect(self.lr_clicked)
            self._grid.addWidget(card, i // per_row, i % per_row)
            self.cards.append(card)

    def show_run(self, index: int, snapshot, row) -> None:
        """Run ``index``'s snapshot and race row on its card."""
        card = self.cards[index]
        card.output.show_snapshot(snapshot)
        card.show_verdict(row.verdict, row.diverged)

    def set_forkable(self, on: bool) -> None:
        for card in self.cards:
            card.fork.setEnabled(on)
