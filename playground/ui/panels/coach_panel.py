"""The Coach panel: the coach's findings about the run as cards, most severe first.

Each card: the finding's title, its explanation with the numbers, the evidence it used,
what to try, and a **Try the fix** button when a comparison variant can make the fix
(``Finding.fix``); a finding whose fix no variant can express says what to do instead.
No findings: a calm line. The panel only shows what it is given (playground.ui.window.coach
decides which findings hold); it rebuilds its cards only when the findings' codes change,
and otherwise updates their numbers in place.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout,
                               QWidget)

from playground.coach import SEVERE, WARNING, Finding
from playground.coach.words import evidence_lines, finding_text, finding_title, fix_text
from playground.ui.theme import Theme, resolve


def severity_colour(theme: Theme, severity: int) -> str:
    """A card's mark: the theme's colour for trouble (severe), for caution (warning), else its accent."""
    return {SEVERE: theme.bad, WARNING: theme.warning}.get(severity, theme.accent)


def _translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class FindingCard(QFrame):
    """One finding's card; ``fix_clicked`` carries the finding shown now."""

    fix_clicked = Signal(object)

    def __init__(self, finding: Finding, theme: Theme, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("coach_card")
        self.setFrameShape(QFrame.StyledPanel)
        self.finding = finding
        self.bar = bar = QFrame()
        bar.setFixedWidth(4)
        self.set_theme(theme)
        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.text = self._wrapped()
        self.evidence = self._wrapped()
        small = self.evidence.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)  # the numbers behind the words, a step quieter
        self.evidence.setFont(small)
        self.fix = self._wrapped()
        self.button = QPushButton(self.tr("Try the fix"))
        self.button.setToolTip(self.tr("Compare this run with the fix, side by side, from the same starting "
                                       "weights and data."))
        self.button.clicked.connect(lambda: self.fix_clicked.emit(self.finding))
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        for widget in (self.title, self.text, self.evidence, self.fix):
            column.addWidget(widget)
        column.addWidget(self.button, 0, Qt.AlignLeft)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 6, 8, 8)
        row.addWidget(bar)
        row.addLayout(column, 1)
        self.show_finding(finding)

    def set_theme(self, theme: Theme) -> None:
        self.bar.setStyleSheet(f"background: {severity_colour(theme, self.finding.severity)}; border: none;")

    @staticmethod
    def _wrapped() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        # Its height follows its width (the label's own height-for-width): a "Minimum" policy would
        # make the lines' unwrapped-guess heights the panel's minimum and show a needless scrollbar.
        return label

    def show_finding(self, finding: Finding) -> None:
        """The same kind of finding with its newest numbers."""
        self.finding = finding
        self.title.setText(finding_title(finding, _translate))
        self.text.setText(finding_text(finding, _translate))
        self.evidence.setText(self.tr("Evidence: {0}").format(
            " · ".join(f"{name} {value}" for name, value in evidence_lines(finding, _translate))))
        words = fix_text(finding, _translate)
        self.fix.setText(words if finding.fix else self.tr("What to do: {0}").format(words))
        self.button.setVisible(bool(finding.fix))


class CoachPanel(QWidget):
    """The cards of the findings given to ``show_findings``; ``fix_clicked(Finding)`` when the
    learner asks to try one's fix."""

    fix_clicked = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.cards: list[FindingCard] = []
        self._theme = resolve("system")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self._column = QVBoxLayout()
        self._column.setSpacing(6)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(6, 6, 6, 6)
        inner_layout.addWidget(self.note)
        inner_layout.addLayout(self._column)
        inner_layout.addStretch(1)
        self.scroll = scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarAsNeeded)  # only when the cards do not fit
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.show_waiting()

    def set_theme(self, theme: Theme) -> None:
        """The cards' severity marks in ``theme``'s colours."""
        self._theme = theme
        for card in self.cards:
            card.set_theme(theme)

    def show_waiting(self) -> None:
        """No numbers yet (a new run, or none): what the panel will do."""
        self._set_cards([])
        self.note.setText(self.tr("The coach reads the run as it trains: gradients, units and the loss. "
                                  "What it finds appears here."))
        self.note.setVisible(True)

    def show_findings(self, findings: list[Finding]) -> None:
        """``findings`` as cards in this order; none: the run looks healthy."""
        self._set_cards(findings)
        self.note.setText("" if findings else self.tr("The run looks healthy: the coach has found nothing to fix."))
        self.note.setVisible(not findings)

    def _set_cards(self, findings: list[Finding]) -> None:
        if [c.finding.code for c in self.cards] == [f.code for f in findings]:
            for card, finding in zip(self.cards, findings):
                card.show_finding(finding)
            return
        for card in self.cards:
            self._column.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for finding in findings:
            card = FindingCard(finding, self._theme)
            card.fix_clicked.connect(self.fix_clicked)
            self._column.addWidget(card)
            card.show()  # shown with the panel (a child added to a shown widget would wait for the event loop)
            self.cards.append(card)


if __name__ == "__main__":  # preview: python -m playground.ui.panels.coach_panel
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    panel = CoachPanel()
    panel.show_findings([
        Finding("vanishing", ("Linear 1", 2.1e-6, 0.034), (("first_gradient", 2.1e-6), ("output_gradient", 0.034),
                                                           ("ratio", 6.2e-5)), SEVERE,
                {"layers.activation": "relu", "init": "he"}),
        Finding("too_small_no_hidden", (0.52,), (("train_accuracy", 0.52), ("widest_layer", 0)), WARNING, {},
                "add_hidden_layer"),
    ])
    panel.resize(420, 500)
    panel.show()
    app.exec()
