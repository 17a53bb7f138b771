"""The neuron card: one neuron of the network for one input, from the inside.

Its formula with the current numbers (z = Σ wᵢxᵢ + b written out term by term, the
largest first, then h = f(z) with the activation's name; batch norm's own formula with
its μ, σ², γ and β), and a small plot of the activation h(x) and its derivative h′(x)
with the neuron's z marked on both, so that a saturated sigmoid's flat slope is seen, with
a note when almost no gradient (or none) passes back. The numbers and texts come from
playground.ui.neuron_facts; the window (playground.ui.window.neuron) says which neuron and
which input, and hands the answers in.

The input is a point picked in the Output view (2-D and 1-D data), a test sample (every
kind of data; the only choice for digits and CSV), or a sample of the traced step when the
step-through has one: the card's source row chooses, and says so with ``source_chosen``.

Why it is a dock (placed by the window beside the Gradient flow) and not a popup: at
1280x720 a popup would cover the diagram or the output the learner is picking in; a dock
stays put while the learner clicks another neuron or another point. It lays its formula
and plot side by side when it is wide, one above the other when it is narrow.
"""

from __future__ import annotations

import html
import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QBoxLayout, QComboBox, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QSpinBox, QToolButton,
                               QVBoxLayout, QWidget)

from playground.ui.labels import layer_name
from playground.ui.neuron_facts import (NeuronFacts, activation_lines, activation_name, number, slope_note,
                                        slope_state, sum_lines)
from playground.ui.theme import LIGHT, Theme
from playground.ui.widgets.plot_utils import legend_keys, line_key, make_plot, small_label, style_plot

SOURCES = ("point", "test", "traced")  # the source row's choices, in its order
WIDE = 380  # pixels: at least this wide, formula and plot side by side
MARKER_SIZE = 9


class NeuronCard(QWidget):
    """See the module docstring. ``show_facts`` draws a neuron; ``show_problem`` says why not."""

    source_chosen = Signal(str, int)  # "point" | "test" | "traced", and the sample's index (0 for a point)
    close_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._theme = LIGHT
        self._facts: NeuronFacts | None = None
        self._title = ""
        self._build()
        self.set_theme(LIGHT)
        self.clear()

    # --- construction ---------------------------------------------------------------------
    def _build(self) -> None:
        self._heading = QLabel()
        bold = QFont(self._heading.font())
        bold.setBold(True)
        self._heading.setFont(bold)
        self._heading.setWordWrap(True)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Close the neuron card (Esc)."))
        close.clicked.connect(self.close_requested)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self._heading, 1)
        top.addWidget(close, 0, Qt.AlignTop)

        self._source = QComboBox()
        self._source.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self._source.setToolTip(self.tr("The input the formula is computed for."))
        self._sample = QSpinBox()
        self._sample.setToolTip(self.tr("Which sample: its number in the test set, or in the traced batch."))
        self._where = small_label()
        self._where.setWordWrap(False)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self._source)
        row.addWidget(self._sample)
        row.addWidget(self._where, 1)
        self._source.activated.connect(self._on_source_activated)
        self._sample.valueChanged.connect(self._on_sample_value_changed)

        self._formula = QLabel()
        self._formula.setTextFormat(Qt.RichText)
        self._formula.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self._formula.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self._formula.setWordWrap(True)
        self._formula.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        self._note = QLabel()
        self._note.setWordWrap(True)
        words = QWidget()
        left = QVBoxLayout(words)
        left.setContentsMargins(0, 0, 2, 0)
        left.addWidget(self._formula)
        left.addStretch(1)
        self._words = QScrollArea()  # a short dock scrolls the formula instead of squeezing its lines together
        self._words.setWidget(words)
        self._words.setWidgetResizable(True)
        self._words.setFrameShape(QScrollArea.NoFrame)
        self._words.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)

        self._plot_widget = make_plot(self._theme)
        self._plot_widget.setMinimumSize(190, 110)
        plot = self._plot = self._plot_widget.getPlotItem()
        plot.setMouseEnabled(False, False)
        plot.hideButtons()
        self._h_curve = pg.PlotDataItem()
        self._slope_curve = pg.PlotDataItem()
        self._z_line = pg.InfiniteLine(angle=90, movable=False)
        self._h_mark = pg.ScatterPlotItem(size=MARKER_SIZE)
        self._slope_mark = pg.ScatterPlotItem(size=MARKER_SIZE)
        for item in (self._h_curve, self._slope_curve, self._z_line, self._h_mark, self._slope_mark):
            plot.addItem(item)
        self._legend = small_label()
        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(1)
        right.addWidget(self._plot_widget, 1)
        right.addWidget(self._legend)
        self._plot_box = QWidget()
        self._plot_box.setLayout(right)

        self._body = QBoxLayout(QBoxLayout.LeftToRight)
        self._body.setContentsMargins(0, 0, 0, 0)
        self._body.addWidget(self._words, 1)
        self._body.addWidget(self._plot_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(3)
        layout.addLayout(top)
        layout.addLayout(row)
        layout.addLayout(self._body, 1)
        layout.addWidget(self._note)  # under both, always in sight: the point of the card when it shows

    # --- what it shows ----------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        style_plot(self._plot, theme, self._plot_widget)
        self._h_curve.setPen(pg.mkPen(theme.positive, width=theme.line(2)))
        self._slope_curve.setPen(pg.mkPen(theme.negative, width=theme.line(2), style=Qt.DashLine))
        self._z_line.setPen(pg.mkPen(theme.foreground, width=theme.line(1), style=Qt.DotLine))
        for mark, colour in ((self._h_mark, theme.positive), (self._slope_mark, theme.negative)):
            mark.setBrush(pg.mkBrush(colour))
            mark.setPen(pg.mkPen(theme.foreground, width=theme.line(1)))
        self._note.setStyleSheet(f"color: {theme.warning}; font-weight: bold;")
        self._legend.setText(legend_keys([(line_key(self._h_curve.opts["pen"]), self.tr("h(x)")),
                                          (line_key(self._slope_curve.opts["pen"]), self.tr("h′(x), slope"))]))
        self._legend.setToolTip(self.tr("h(x): the activation function. h′(x): its slope (derivative), the factor "
                                        "back-propagation multiplies the gradient by. The dots mark this neuron's z."))
        if self._facts is not None:
            self._show_formula()

    def set_sources(self, sources: list[str], counts: dict[str, int]) -> None:
        """The inputs the learner may choose (a subset of SOURCES, in order) and how many
        samples each sample source has."""
        current = self.source()
        self._counts = dict(counts)
        names = {"point": self.tr("Point in the output view"), "test": self.tr("Test sample"),
                 "traced": self.tr("Sample of the traced batch")}
        self._source.blockSignals(True)
        self._source.clear()
        for source in sources:
            self._source.addItem(names[source], source)
        index = self._source.findData(current)
        self._source.setCurrentIndex(max(index, 0))
        self._source.blockSignals(False)
        self._fit_sample_box()

    def set_source(self, source: str, sample: int = 0) -> None:
        """Choose ``source`` (and ``sample``) without announcing it."""
        index = self._source.findData(source)
        if index < 0:
            return
        self._source.blockSignals(True)
        self._source.setCurrentIndex(index)
        self._source.blockSignals(False)
        self._fit_sample_box()
        self._sample.blockSignals(True)
        self._sample.setValue(sample + 1)
        self._sample.blockSignals(False)

    def source(self) -> str:
        return self._source.currentData() or "point"

    def sample(self) -> int:
        """The chosen sample's index (0-based)."""
        return self._sample.value() - 1

    def set_where(self, text: str) -> None:
        """The chosen input in words, beside the source row (e.g. the point's coordinates)."""
        self._where.setText(text)

    def show_facts(self, title: str, facts: NeuronFacts, output_of_classifier: bool = False) -> None:
        """The formula, curve and note of one neuron; ``title`` names it (layer, neuron)."""
        self._title, self._facts, self._classifier = title, facts, output_of_classifier
        self._heading.setText(title)
        self._show_formula()
        self._show_curve()

    def show_problem(self, title: str, text: str) -> None:
        self._facts = None
        self._heading.setText(title)
        self._formula.setText(html.escape(text))
        self._note.setVisible(False)
        self._show_curve()

    def clear(self) -> None:
        self._facts = None
        self._heading.setText(self.tr("Neuron"))
        self._formula.setText(html.escape(self.tr("Click a neuron on the network diagram to see its formula.")))
        self._note.setVisible(False)
        self._show_curve()

    # --- public for tests -----------------------------------------------------------------
    def facts(self) -> NeuronFacts | None:
        return self._facts

    def formula_text(self) -> str:
        """The formula as shown, plain text, a line each."""
        return html.unescape(re.sub(r"<[^>]+>", "", self._formula.text().replace("<br>", "\n")))

    def note_text(self) -> str:
        """The note under the formula and plot ("" when none shows)."""
        return self._note.text() if not self._note.isHidden() else ""

    def heading(self) -> str:
        return self._heading.text()

    def marker_points(self) -> list[tuple[float, float]]:
        """(z, h) and (z, h′) as marked on the plot (empty without a curve)."""
        points = []
        for mark in (self._h_mark, self._slope_mark):
            x, y = mark.getData()
            points += [(float(a), float(b)) for a, b in zip(x, y)]
        return points

    def curve_data(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        x, h = self._h_curve.getData()
        _, slope = self._slope_curve.getData()
        empty = np.zeros(0)
        return (empty, empty, empty) if x is None else (x, h, slope)

    def is_wide(self) -> bool:
        return self._body.direction() == QBoxLayout.LeftToRight

    # --- drawing ----------------------------------------------------------------------------
    def _show_formula(self) -> None:
        facts = self._facts
        lines = [html.escape(line) for line in sum_lines(facts)]
        lines[-1] = f"<b>{lines[-1]}</b>"  # z, the sum
        lines[1] = f"<span style='color:{self._theme.muted}'>{lines[1]}</span>"  # the formula in words
        lines += [html.escape(line) for line in activation_lines(facts, self._classifier)]
        self._formula.setText("<br>".join(lines))
        note = slope_note(facts)
        self._note.setText(note)
        self._note.setVisible(bool(note))

    def _show_curve(self) -> None:
        facts = self._facts
        curve = facts.curve if facts is not None else None
        self._plot_box.setVisible(curve is not None)
        if curve is None:
            for item in (self._h_curve, self._slope_curve, self._h_mark, self._slope_mark):
                item.setData([], [])
            return
        self._h_curve.setData(curve.x, curve.h)
        self._slope_curve.setData(curve.x, curve.slope)
        self._h_mark.setData([facts.z], [facts.h])
        self._slope_mark.setData([facts.z], [facts.slope])
        self._z_line.setPos(facts.z)
        tip = self.tr("{0}: z = {1}, h = {2}, h′ = {3}").format(activation_name(facts.activation), number(facts.z),
                                                               number(facts.h), number(facts.slope))
        if slope_state(facts):
            tip += "\n" + slope_note(facts)
        self._plot_widget.setToolTip(tip)
        low, high = float(np.min(curve.x)), float(np.max(curve.x))
        self._plot.setXRange(min(low, facts.z), max(high, facts.z), padding=0.02)
        values = np.concatenate([curve.h, curve.slope, [facts.h, facts.slope]])
        values = values[np.isfinite(values)]
        self._plot.setYRange(float(values.min()), float(values.max()), padding=0.08)

    def _fit_sample_box(self) -> None:
        source = self.source()
        count = getattr(self, "_counts", {}).get(source, 0)
        self._sample.setVisible(source != "point")
        self._sample.blockSignals(True)
        self._sample.setRange(1, max(count, 1))
        self._sample.setSuffix(self.tr(" of {0}").format(count))
        self._sample.blockSignals(False)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        direction = QBoxLayout.LeftToRight if self.width() >= WIDE else QBoxLayout.TopToBottom
        if self._body.direction() != direction:
            self._body.setDirection(direction)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key_Escape:
            self.close_requested.emit()
            return
        super().keyPressEvent(event)

    # --- slots ------------------------------------------------------------------------------
    def _on_source_activated(self, _index: int) -> None:
        self._fit_sample_box()
        self.source_chosen.emit(self.source(), 0 if self.source() == "point" else self.sample())

    def _on_sample_value_changed(self, _value: int) -> None:
        self.source_chosen.emit(self.source(), self.sample())


def neuron_title(block_name: str, unit: int, activation: str | None) -> str:
    """"Linear 1, neuron 3 · Sigmoid" in the interface language; without ``activation``
    (the output, whose activation the loss applies) "Output, neuron 1"."""
    if activation is None:
        return QCoreApplication.translate("NeuronCard", "{0}, neuron {1}").format(layer_name(block_name), unit + 1)
    return QCoreApplication.translate("NeuronCard", "{0}, neuron {1} · {2}").format(
        layer_name(block_name), unit + 1, activation_name(activation))


if __name__ == "__main__":  # preview: python -m playground.ui.panels.neuron_card
    from PySide6.QtWidgets import QApplication

    from playground.runs.inside import ActivationCurve

    app = QApplication([])
    card = NeuronCard()
    x = np.linspace(-8, 8, 201)
    s = 1 / (1 + np.exp(-x))
    facts = NeuronFacts("linear", "sigmoid", np.array([1.5, -2.0, 0.3]), np.array([2.0, -1.2, 0.4]), 1.0,
                        6.52, 0.9985, 0.0015, ActivationCurve("sigmoid", x, s, s * (1 - s)), 3)
    card.set_sources(["point", "test"], {"test": 250})
    card.show_facts(neuron_title("Linear 1", 2, "sigmoid"), facts)
    card.resize(520, 300)
    card.show()
    app.exec()
