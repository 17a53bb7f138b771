"""Part (b) of the Batch normalization dock: internal covariate shift.

For every Linear and BatchNorm layer, the mean of its pre-activation over the batch with
a ±1 std band. Without BatchNorm these drift as training goes; after a BatchNorm layer
they stay near 0 ± 1 (moved only by the learned gamma/beta). Texts keep the dock's
translation context.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from playground.runs.series import Series
from playground.ui.labels import layer_name
from playground.ui.theme import Theme
from playground.ui.widgets.layer_lines import LayerLines
from playground.ui.widgets.plot_utils import (SWATCH, coloured, corner_label, faded, layer_colours, legend_keys,
                                              line_key, make_plot, overlay_hint, press_train_text, small_label,
                                              style_corner_label, style_hint, style_plot)


class CovariateShift(QWidget):
    """The pre-activation drift of every layer, one line (and band) per layer."""

    def __init__(self, theme: Theme, parent: QWidget | None = None):
        super().__init__(parent)
        self._theme = theme
        self.names: list[str] = []
        self.series = Series((0, 2))  # (n, layers, [mean, std])
        self._lines = LayerLines()  # every layer's mean line over its ± std band, in one item
        self._groups: list[int] = []  # colour group per layer (see _depth_groups)
        self._build()

    def _build(self) -> None:
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        tip = QCoreApplication.translate("BatchNormPlot", 
            "Internal covariate shift: as earlier layers learn, the inputs of later layers keep changing "
            "their distribution, and those layers must keep adapting.\n"
            "Each line is the mean of a layer's pre-activation (its output before the activation "
            "function) over the batch, the band ± one standard deviation. Without batch normalization "
            "they drift; after a BatchNorm layer they stay near 0 ± 1.")
        row = QHBoxLayout()
        self._title = QLabel(QCoreApplication.translate("BatchNormPlot", "Internal covariate shift (mean ± std)"))
        self._title.setToolTip(tip)
        self._title.setMinimumWidth(0)
        self._title.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self._box = QComboBox()
        self._box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self._box.setMinimumContentsLength(8)
        self._box.setToolTip(QCoreApplication.translate("BatchNormPlot", "Show every layer, or one layer with its ± std band."))
        self._box.currentIndexChanged.connect(self._on_box_changed)
        row.addWidget(self._title, 1)
        row.addWidget(self._box)
        column.addLayout(row)
        self.widget = make_plot(self._theme, steps=True)
        self.plot = self.widget.getPlotItem()
        self.plot.addItem(self._lines)
        self.widget.setToolTip(tip)
        self.step_label = corner_label(self.plot, "bottom", QCoreApplication.translate("BatchNormPlot", "step"), self._theme)
        host = QWidget()
        self._hint = overlay_hint(host, self.widget, press_train_text())
        column.addWidget(host, 1)
        self.legend = small_label()
        self.legend.setToolTip(QCoreApplication.translate("BatchNormPlot", 
            "Colour: the layer's depth, warm near the input, cool near the output. A Linear layer and the "
            "BatchNorm layer after it share a colour: the Linear layer's output (solid) is what the "
            "BatchNorm layer normalizes (dashed)."))
        column.addWidget(self.legend)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        style_plot(self.plot, theme, self.widget)
        style_corner_label(self.step_label, theme)
        style_hint(self._hint, theme)
        self._colour()

    def show_hint(self, text: str) -> None:
        """``text`` over the plot until the first point arrives."""
        self._hint.setText(text)
        self._hint.show()

    def set_layers(self, layers: list[tuple[str, str]]) -> None:
        """``layers``: (name, kind) of every Linear and BatchNorm layer, input side first."""
        names = [name for name, _ in layers]
        self.series = Series((len(names), 2))
        self._lines.set_data(np.zeros(0), np.zeros((0, len(names))))
        if names == self.names:
            return
        self.names = names
        self._groups = _depth_groups([kind for _, kind in layers])
        self._box.blockSignals(True)
        self._box.clear()
        self._box.addItem(QCoreApplication.translate("BatchNormPlot", "All layers"))
        self._box.addItems([layer_name(n) for n in names])
        self._box.blockSignals(False)
        self._colour()

    def add(self, step: int, activations) -> None:
        by_name = {a.name: (a.mean, a.std) for a in activations}
        row = np.array([by_name.get(n, (np.nan, np.nan)) for n in self.names], dtype=np.float64)
        self.series.append(step, row.reshape(len(self.names), 2))
        self._hint.hide()

    def draw(self) -> None:
        """Hand the history added so far to the lines and bands."""
        steps, values = self.series.steps, self.series.values
        mean, std = values[:, :, 0], values[:, :, 1]
        self._lines.set_data(steps, mean, mean - std, mean + std)

    def shown_layers(self) -> list[str]:
        """The layers whose pre-activation lines are drawn (all, or the one picked)."""
        return [self.names[index] for index in self._lines.shown_lines()]

    def select_layer(self, layer: str | None) -> None:
        """Show every layer (None) or one, by name, with a stronger band."""
        self._box.setCurrentIndex(0 if layer is None else self.names.index(layer) + 1)

    def _colour(self) -> None:
        """Colour = depth (a Linear layer and the BatchNorm after it share one), dashed = BatchNorm.

        Bands fade as more of them overlap, so that the lines stay readable; one layer
        shown alone gets a clear band.
        """
        theme, groups = self._theme, self._groups
        colours = layer_colours(max(groups, default=-1) + 1, theme)
        chosen = self._box.currentIndex() - 1
        alpha = 60 if chosen >= 0 else max(12, 120 // max(1, len(self.names)))
        pens, band_pens, brushes = [], [], []
        for name, group in zip(self.names, groups):
            colour = colours[group]
            style = Qt.DashLine if name.startswith("BatchNorm") else Qt.SolidLine
            pens.append(pg.mkPen(colour, width=theme.line(2), style=style))
            band_pens.append(pg.mkPen(faded(colour, min(90, 2 * alpha)), width=theme.line(1)))
            brushes.append(pg.mkBrush(faded(colour, alpha)))
        self._lines.set_styles(pens, band_pens, brushes)
        self._lines.show_only(chosen if chosen >= 0 else None)
        self.legend.setText(self._legend_text(colours))

    def _legend_text(self, colours) -> str:
        """Layer names by colour; with BatchNorm, the block numbers and what solid and dashed mean."""
        groups = self._groups
        paired = len(set(groups)) < len(groups)
        if not paired:
            return legend_keys((coloured(SWATCH, c), layer_name(n)) for n, c in zip(self.names, colours))
        swatches = "&nbsp;".join(f"{coloured(SWATCH, c)}{k + 1}" for k, c in enumerate(colours))
        return QCoreApplication.translate("BatchNormPlot", "{solid} Linear &nbsp; {dashed} BatchNorm &nbsp; depth {swatches}").format(
            solid=line_key(pg.mkPen(self._theme.foreground, width=self._theme.line(2))),
            dashed=line_key(pg.mkPen(self._theme.foreground, width=self._theme.line(2), style=Qt.DashLine)),
            swatches=swatches)

    def _on_box_changed(self, _index: int) -> None:
        self._colour()


def _depth_groups(kinds: list[str]) -> list[int]:
    """A colour group per layer: each Linear layer starts one; a BatchNorm layer joins the
    Linear layer it follows (it normalizes that layer's output)."""
    groups, last = [], None
    for kind in kinds:
        if kind == "batchnorm" and last == "linear":
            groups.append(groups[-1])
        else:
            groups.append(groups[-1] + 1 if groups else 0)
        last = kind
    return groups
