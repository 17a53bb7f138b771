"""The "Batch normalization" dock: what BatchNorm layers see and learn, and why they help.

(a) For a chosen BatchNorm layer, over the probed steps: the mean and variance of
each batch against the running estimates used at evaluation, and the learned scale
(gamma) and shift (beta); averaged over features or for one feature.
(b) Internal covariate shift: for every Linear and BatchNorm layer, the mean of its
pre-activation with a ±1 std band. Without BatchNorm these drift as training goes;
after a BatchNorm layer they stay near 0 ± 1 (moved only by the learned gamma/beta).
"""

from __future__ import annotations

import html
import sys

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from playground.design import BatchNormLayer, Design, LinearLayer
from playground.run_loop import Snapshot

from .plot_utils import (History, band_item, corner_label, faded, history_curve, layer_colours, make_plot,
                         overlay_hint, press_train_text, set_band, style_hint, style_plot)
from .preview import preview
from .theme import LIGHT, Theme
from .training_controller import RunInfo

SERIES = ("batch_mean", "running_mean", "batch_var", "running_var", "gamma", "beta")
FEATURE_HISTORY_BYTES = 16 * 2**20
"""Per BatchNorm layer, the budget of the per-feature history (the feature picker);
beyond it older per-feature points thin out. The mean over features is kept whole."""


class BatchNormPlot(QWidget):
    """BatchNorm statistics of one layer, and the pre-activation drift of every layer."""

    def __init__(self, parent: QWidget | None = None, theme: Theme = LIGHT):
        super().__init__(parent)
        self._theme = theme
        self._bn_names: list[str] = []
        self._bn_units: dict[str, int] = {}
        self._bn_mean: dict[str, History] = {}  # (n, 6): each series averaged over features
        self._bn_full: dict[str, History] = {}  # (n, 6, features)
        self._shift_names: list[str] = []
        self._shift = History((0, 2))  # (n, layers, [mean, std])
        self._shift_items: list[tuple[pg.PlotDataItem, pg.PlotCurveItem]] = []  # (mean line, ± std band)
        self._last_probe_step: int | None = None
        self._build()
        self.set_theme(theme)
        self._statistics.hide()  # until a run says whether there is any BatchNorm layer
        self._message.hide()

    # --- construction -----------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        self._statistics = self._build_statistics()
        self._statistics.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Ignored)
        layout.addWidget(self._statistics, 1)
        self._message = QLabel()  # part (a)'s empty state, in its place
        self._message.setWordWrap(True)
        self._message.setAlignment(Qt.AlignCenter)
        self._message.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self._message)
        shift = self._build_shift()
        # Ignore the plots' large size hints so that the two parts share the height evenly.
        shift.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Ignored)
        layout.addWidget(shift, 1)

    def _build_statistics(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        row = QHBoxLayout()
        self._layer_box = QComboBox()
        self._layer_box.setToolTip(self.tr("Which BatchNorm layer to show."))
        self._layer_box.currentIndexChanged.connect(self._on_layer_box_changed)
        self._feature_box = QComboBox()
        self._feature_box.setToolTip(self.tr(
            "BatchNorm normalizes every feature (unit) on its own: show one feature, "
            "or the average over all of them."))
        self._feature_box.currentIndexChanged.connect(self._on_feature_box_changed)
        self._stats_legend = QLabel()
        self._stats_legend.setWordWrap(True)
        font = QFont(self._stats_legend.font())
        font.setPointSizeF(font.pointSizeF() * 0.85)
        self._stats_legend.setFont(font)
        self._stats_legend.setToolTip(self.tr(
            "Batch: the mean and variance of the current batch, which BatchNorm normalizes with while "
            "training. Running: their moving averages, which it uses when evaluating."))
        row.addWidget(self._layer_box)
        row.addWidget(self._feature_box)
        row.addWidget(self._stats_legend, 1)
        column.addLayout(row)

        self._stats_widget = pg.GraphicsLayoutWidget()
        self._stats_widget.ci.layout.setContentsMargins(0, 0, 0, 0)
        self._stats_widget.ci.layout.setHorizontalSpacing(4)
        self._stats_widget.setToolTip(self.tr(
            "Batch normalization subtracts each batch's mean and divides by its standard deviation, "
            "then scales by gamma and shifts by beta (both learned).\n"
            "Solid: the statistics of the current batch. Dashed: the running averages the layer uses "
            "when it evaluates (no batch then). They should agree once training settles."))
        self._stat_plots = []
        for _ in range(3):
            plot = self._stats_widget.addPlot()
            plot.setMenuEnabled(False)
            plot.layout.setContentsMargins(2, 2, 4, 2)
            for axis in ("left", "bottom"):
                plot.getAxis(axis).enableAutoSIPrefix(False)
                plot.getAxis(axis).setStyle(maxTickLevel=1)
            self._stat_plots.append(plot)
        for plot in self._stat_plots[1:]:
            plot.setXLink(self._stat_plots[0])
        self._stat_step_label = corner_label(self._stat_plots[0], "bottom", self.tr("step"), self._theme)
        self._stat_items = {  # pens are set by set_theme
            name: history_curve(self._stat_plots[index // 2], None) for index, name in enumerate(SERIES)}
        column.addWidget(self._stats_widget, 1)
        return page

    def _build_shift(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        self._shift_title = QLabel(self.tr("Internal covariate shift: each layer's pre-activation, mean ± std"))
        self._shift_title.setWordWrap(True)
        tip = self.tr(
            "Internal covariate shift: as earlier layers learn, the inputs of later layers keep changing "
            "their distribution, and those layers must keep adapting.\n"
            "Each line is the mean of a layer's pre-activation (its output before the activation "
            "function) over the batch, the band ± one standard deviation. Without batch normalization "
            "they drift; after a BatchNorm layer they stay near 0 ± 1.")
        self._shift_title.setToolTip(tip)
        column.addWidget(self._shift_title)
        self._shift_widget = make_plot(self._theme)
        self._shift_plot = self._shift_widget.getPlotItem()
        self._shift_widget.setToolTip(tip)
        self._shift_step_label = corner_label(self._shift_plot, "bottom", self.tr("step"), self._theme)
        host = QWidget()
        self._shift_hint = overlay_hint(host, self._shift_widget, press_train_text())
        column.addWidget(host, 1)
        self._shift_legend = QLabel()
        self._shift_legend.setWordWrap(True)
        font = QFont(self._shift_legend.font())
        font.setPointSizeF(font.pointSizeF() * 0.85)
        self._shift_legend.setFont(font)
        self._shift_legend.setToolTip(self.tr(
            "Layer colours: warm for layers near the input, cool for layers near the output."))
        column.addWidget(self._shift_legend)
        return box

    # --- the view API -----------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._stats_widget.setBackground(theme.background)
        for plot in self._stat_plots:
            style_plot(plot, theme)
        style_plot(self._shift_plot, theme, self._shift_widget)
        for label in (self._stat_step_label, self._shift_step_label):
            label.setText(label.text, color=theme.foreground)
        style_hint(self._shift_hint, theme)
        self._message.setStyleSheet(f"color: {theme.foreground};")
        batch, running = theme.train, theme.test
        items = self._stat_items
        items["batch_mean"].setPen(pg.mkPen(batch, width=1.5))
        items["running_mean"].setPen(pg.mkPen(running, width=2, style=Qt.DashLine))
        items["batch_var"].setPen(pg.mkPen(batch, width=1.5))
        items["running_var"].setPen(pg.mkPen(running, width=2, style=Qt.DashLine))
        items["gamma"].setPen(pg.mkPen(theme.classes[2], width=2))
        items["beta"].setPen(pg.mkPen(theme.classes[4], width=2))
        self._title_statistics()
        self._colour_shift()

    def start_run(self, info: RunInfo) -> None:
        """Forget the previous run; pick up the BatchNorm layers and the layers to watch drift."""
        bn_blocks = [b for b in info.blocks if b.kind == "batchnorm"]
        self._set_batchnorm_layers([b.name for b in bn_blocks], [b.units for b in bn_blocks])
        self._set_shift_layers([b.name for b in info.blocks if b.kind in ("linear", "batchnorm")])
        self._last_probe_step = None
        if bn_blocks:
            self._show_section(True)
        else:
            self._show_message(self._no_batchnorm_text())
        self._shift_hint.setText(press_train_text())
        self._shift_hint.show()

    def show_snapshot(self, snapshot: Snapshot) -> None:
        probe = snapshot.probe
        if probe is None or probe.step == self._last_probe_step:
            return
        self._last_probe_step = probe.step
        if probe.batchnorm:
            self._add_batchnorm(probe.step, probe.batchnorm)
        if probe.activations:
            self._add_shift(probe.step, probe.activations)

    # --- public helpers (tests) -------------------------------------------------------
    def has_batchnorm_section(self) -> bool:
        """True when part (a) shows statistics, False when it shows the empty-state message."""
        return not self._statistics.isHidden()

    def empty_message(self) -> str:
        return self._message.text()

    def batchnorm_layers(self) -> list[str]:
        return list(self._bn_names)

    def series(self, layer: str, name: str, feature: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(steps, values) of ``name`` in SERIES for a BatchNorm layer: the mean over its
        features (``feature`` None, the default view) or one feature (0-based)."""
        column = SERIES.index(name)
        if feature is None:
            history = self._bn_mean[layer]
            return history.steps.copy(), history.values[:, column].copy()
        history = self._bn_full[layer]
        return history.steps.copy(), history.values[:, column, feature].astype(np.float64)

    def shown_series(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) of the curve drawn for ``name`` (the chosen layer and feature)."""
        item = self._stat_items[name]
        if item.xData is None:
            return np.zeros(0), np.zeros(0)
        return np.asarray(item.xData).copy(), np.asarray(item.yData).copy()

    def shift_series(self, layer: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(steps, mean, std) of the pre-activation of a Linear or BatchNorm layer."""
        index = self._shift_names.index(layer)
        values = self._shift.values
        return self._shift.steps.copy(), values[:, index, 0].copy(), values[:, index, 1].copy()

    def select(self, layer: str, feature: int | None = None) -> None:
        """Show ``layer`` (a BatchNorm layer's name), one feature (0-based) or the mean (None)."""
        self._layer_box.setCurrentIndex(self._bn_names.index(layer))
        self._feature_box.setCurrentIndex(0 if feature is None else feature + 1)

    # --- part (a): BatchNorm statistics ----------------------------------------------
    def _set_batchnorm_layers(self, names: list[str], units: list[int]) -> None:
        self._bn_names = list(names)
        self._bn_units = dict(zip(names, units))
        self._bn_mean = {n: History((len(SERIES),)) for n in names}
        self._bn_full = {n: History((len(SERIES), u), np.float32, max_bytes=FEATURE_HISTORY_BYTES)
                         for n, u in zip(names, units)}
        self._layer_box.blockSignals(True)
        self._layer_box.clear()
        self._layer_box.addItems(names)
        self._layer_box.blockSignals(False)
        self._layer_box.setEnabled(len(names) > 1)
        self._fill_feature_box()
        for item in self._stat_items.values():
            item.setData([], [])

    def _fill_feature_box(self) -> None:
        units = self._bn_units.get(self._layer_box.currentText(), 0)
        self._feature_box.blockSignals(True)
        self._feature_box.clear()
        self._feature_box.addItem(self.tr("Mean over all features"))
        self._feature_box.addItems([self.tr("Feature {n}").format(n=k + 1) for k in range(units)])
        self._feature_box.blockSignals(False)

    def _add_batchnorm(self, step: int, stats) -> None:
        for s in stats:
            if s.name not in self._bn_mean:
                continue
            rows = np.stack([s.batch_mean, s.running_mean, s.batch_var, s.running_var, s.gamma, s.beta])
            self._bn_mean[s.name].append(step, rows.mean(axis=1))
            self._bn_full[s.name].append(step, rows)
        self._draw_statistics()

    def _draw_statistics(self) -> None:
        layer = self._layer_box.currentText()
        if layer not in self._bn_mean:
            return
        feature = self._feature_box.currentIndex() - 1
        steps, values = (self._bn_mean[layer].steps, self._bn_mean[layer].values) if feature < 0 else (
            self._bn_full[layer].steps, self._bn_full[layer].values[:, :, feature])
        for column, name in enumerate(SERIES):
            self._stat_items[name].setData(steps, values[:, column])

    def _title_statistics(self) -> None:
        """Short plot titles (three plots share a small dock) and the batch/running legend."""
        theme = self._theme

        def word(text: str, colour: str) -> str:
            return f"<span style='color:{colour}'>{html.escape(text)}</span>"

        titles = (self.tr("mean"), self.tr("variance"), self.tr("{gamma} · {beta}").format(
            gamma=word(self.tr("γ scale"), theme.classes[2]), beta=word(self.tr("β shift"), theme.classes[4])))
        for plot, title in zip(self._stat_plots, titles):
            plot.setTitle(title, color=theme.foreground, size="8pt")
        self._stats_legend.setText(self.tr("{batch} batch &nbsp; {running} running").format(
            batch=word("━", theme.train), running=word("┅", theme.test)))

    def _show_section(self, statistics: bool) -> None:
        """Part (a): the statistics plots, or in their place a message."""
        self._statistics.setVisible(statistics)
        self._message.setVisible(not statistics)

    def _show_message(self, text: str) -> None:
        self._message.setText(text)
        self._show_section(False)

    def _no_batchnorm_text(self) -> str:
        return self.tr(
            "This network has no BatchNorm layer, so there are no batch statistics to show.\n"
            "Add one in the layer editor, after a Linear layer and before its activation "
            "(Linear → BatchNorm → activation), to see its statistics here.\n"
            "The internal covariate shift below works for every network.")

    # --- part (b): internal covariate shift ---------------------------------------
    def _set_shift_layers(self, names: list[str]) -> None:
        self._shift = History((len(names), 2))
        if names == self._shift_names:
            for mean, band in self._shift_items:
                mean.setData([], [])
                band.setData([], [])
            return
        for items in self._shift_items:
            for item in items:
                self._shift_plot.removeItem(item)
        self._shift_names = list(names)
        self._shift_items = []
        bands = [band_item(self._shift_plot) for _ in names]  # all bands under all lines
        self._shift_items = [(history_curve(self._shift_plot, None), band) for band in bands]
        self._colour_shift()

    def _add_shift(self, step: int, activations) -> None:
        by_name = {a.name: (a.mean, a.std) for a in activations}
        row = np.array([by_name.get(n, (np.nan, np.nan)) for n in self._shift_names], dtype=np.float64)
        self._shift.append(step, row.reshape(len(self._shift_names), 2))
        steps, values = self._shift.steps, self._shift.values
        for index, (mean, band) in enumerate(self._shift_items):
            m, s = values[:, index, 0], values[:, index, 1]
            set_band(band, steps, m - s, m + s)
            mean.setData(steps, m)
        self._shift_hint.hide()

    def _colour_shift(self) -> None:
        colours = layer_colours(len(self._shift_names), self._theme)
        for (mean, band), colour in zip(self._shift_items, colours):
            mean.setPen(pg.mkPen(colour, width=2))
            band.setPen(pg.mkPen(faded(colour, 90), width=1))
            band.setBrush(pg.mkBrush(faded(colour, 45)))
        self._shift_legend.setText("&nbsp;&nbsp; ".join(
            f"<span style='color:{c.name()}'>&#9632;</span>&nbsp;{html.escape(n)}"
            for n, c in zip(self._shift_names, colours)))

    # --- slots ----------------------------------------------------------------------
    def _on_layer_box_changed(self, _index: int) -> None:
        self._fill_feature_box()
        self._draw_statistics()

    def _on_feature_box_changed(self, _index: int) -> None:
        self._draw_statistics()


def _with_batchnorm() -> Design:
    """Four Linear -> BatchNorm -> ReLU blocks: flat, well-scaled pre-activations."""
    layers = []
    for _ in range(4):
        layers += [LinearLayer(units=8, activation="linear"), BatchNormLayer(activation="relu")]
    return Design(layers=tuple(layers))


if __name__ == "__main__":
    sys.exit(preview(BatchNormPlot, _with_batchnorm(), title="Batch normalization"))
