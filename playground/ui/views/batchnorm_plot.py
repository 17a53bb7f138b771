"""The "Batch normalization" dock: what BatchNorm layers see and learn, and why they help.

(a) For a chosen BatchNorm layer, over the probed steps: the mean and variance of
each batch against the running estimates used at evaluation, and the learned scale
(gamma) and shift (beta); averaged over features or for one feature.
(b) Internal covariate shift (playground.ui.views.covariate_shift): for every Linear and
BatchNorm layer, the mean of its pre-activation with a ±1 std band. Without BatchNorm
these drift as training goes; after a BatchNorm layer they stay near 0 ± 1.
"""

from __future__ import annotations


import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QTabBar, QVBoxLayout, QWidget

from playground.runs.messages import RunInfo, Snapshot
from playground.runs.series import Series
from playground.ui.views.covariate_shift import CovariateShift
from playground.ui.widgets.plot_utils import (DrawnWhenSeen, coloured, corner_label, history_curve, line_key, make_plot, press_train_text,
                                              points, reset_range, settle_range, small_label, style_corner_label,
                                              style_plot)
from playground.ui.theme import LIGHT, Theme

SERIES = ("batch_mean", "running_mean", "batch_var", "running_var", "gamma", "beta")
STATISTICS = ("mean", "variance", "gamma_beta")  # the three plots, two SERIES each
STAT_PLOT_WIDTH = 220
BOTH_PARTS_HEIGHT = 360
"""Pixels of height below which the batch statistics and the covariate shift come one at a
time (picked with tabs): sharing less, each plot was ~55 px tall, too flat to read."""
"""Below 3 x this many pixels of width, mean, variance and γ/β are shown one at a time."""
FEATURE_HISTORY_BYTES = 16 * 2**20
"""Per BatchNorm layer, the budget of the per-feature history (the feature picker);
beyond it older per-feature points thin out. The mean over features is kept whole."""


class BatchNormPlot(DrawnWhenSeen, QWidget):
    """BatchNorm statistics of one layer, and the pre-activation drift of every layer."""

    def __init__(self, parent: QWidget | None = None, theme: Theme = LIGHT):
        super().__init__(parent)
        self._theme = theme
        self._bn_names: list[str] = []
        self._bn_units: dict[str, int] = {}
        self._bn_mean: dict[str, Series] = {}  # (n, 6): each series averaged over features
        self._bn_full: dict[str, Series] = {}  # (n, 6, features)
        self._last_probe_step: int | None = None
        self._drawn_step: int | None = None  # the probe step the plots show; behind while hidden
        self._build()
        self.set_theme(theme)
        self._arrange_statistics()
        self._has_statistics: bool | None = None  # until a run says whether there is any BatchNorm layer
        self._arrange_parts()

    # --- construction -----------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        # In a short dock the two parts come one at a time, picked with these tabs.
        self._part_tabs = QTabBar()
        self._part_tabs.setDocumentMode(True)
        self._part_tabs.setExpanding(False)
        self._part_tabs.addTab(self.tr("Batch statistics"))
        self._part_tabs.addTab(self.tr("Covariate shift"))
        self._part_tabs.setTabToolTip(0, self.tr("The mean, variance, γ and β of a BatchNorm layer over the steps."))
        self._part_tabs.setTabToolTip(1, self.tr("How the inputs of every layer drift while earlier layers learn."))
        self._part_tabs.currentChanged.connect(lambda _index: self._arrange_parts())
        layout.addWidget(self._part_tabs)
        self._statistics = self._build_statistics()
        self._statistics.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Ignored)
        layout.addWidget(self._statistics, 1)
        self._message = QLabel()  # part (a)'s empty state, in its place
        self._message.setWordWrap(True)
        self._message.setAlignment(Qt.AlignCenter)
        self._message.setContentsMargins(12, 6, 12, 6)
        layout.addWidget(self._message)
        self._shift = CovariateShift(self._theme)
        # Ignore the plots' large size hints so that the two parts share the height evenly.
        self._shift.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Ignored)
        layout.addWidget(self._shift, 1)

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
        # The layer's name whole ("BatchNorm 12"); "Mean over all features" may be cut short.
        self._layer_box.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self._feature_box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self._feature_box.setMinimumContentsLength(8)
        self._stats_legend = small_label()
        self._stats_legend.setToolTip(self.tr(
            "Batch: the mean and variance of the current batch, which BatchNorm normalizes with while "
            "training. Running: their moving averages, which it uses when evaluating."))
        row.addWidget(self._layer_box)
        row.addWidget(self._feature_box, 1)
        column.addLayout(row)

        # Side by side when the dock is wide; one at a time, picked with these tabs, when it is not.
        self._stat_tabs = QTabBar()
        self._stat_tabs.setDocumentMode(True)
        self._stat_tabs.setExpanding(False)
        for text in (self.tr("mean"), self.tr("variance"), self.tr("γ and β")):
            self._stat_tabs.addTab(text)
        self._stat_tabs.currentChanged.connect(self._on_stat_tabs_changed)
        column.addWidget(self._stat_tabs)
        tip = self.tr(
            "Batch normalization subtracts each batch's mean and divides by its standard deviation, "
            "then scales by gamma and shifts by beta (both learned).\n"
            "Solid: the statistics of the current batch. Dashed: the running averages the layer uses "
            "when it evaluates (no batch then). They should agree once training settles.")
        plots = QHBoxLayout()
        plots.setSpacing(4)
        self._stat_widgets = [make_plot(self._theme, steps=True) for _ in range(3)]
        self._stat_plots = [widget.getPlotItem() for widget in self._stat_widgets]
        for widget in self._stat_widgets:
            widget.setToolTip(tip)
            plots.addWidget(widget, 1)
        for plot in self._stat_plots[1:]:
            plot.setXLink(self._stat_plots[0])
        self._stat_step_labels = [corner_label(plot, "bottom", self.tr("step"), self._theme)
                                  for plot in self._stat_plots]
        self._stat_items = {  # pens are set by set_theme
            name: history_curve(self._stat_plots[index // 2], None) for index, name in enumerate(SERIES)}
        column.addLayout(plots, 1)
        column.addWidget(self._stats_legend)  # under the plots, as the other legend rows
        return page

    # --- the view API -----------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        for plot, widget in zip(self._stat_plots, self._stat_widgets):
            style_plot(plot, theme, widget)
        for label in self._stat_step_labels:
            style_corner_label(label, theme)
        self._shift.set_theme(theme)
        self._message.setStyleSheet(f"color: {theme.foreground};")
        batch, running = theme.train, theme.test
        items = self._stat_items
        items["batch_mean"].setPen(pg.mkPen(batch, width=theme.line(1.5)))
        items["running_mean"].setPen(pg.mkPen(running, width=theme.line(2), style=Qt.DashLine))
        items["batch_var"].setPen(pg.mkPen(batch, width=theme.line(1.5)))
        items["running_var"].setPen(pg.mkPen(running, width=theme.line(2), style=Qt.DashLine))
        items["gamma"].setPen(pg.mkPen(theme.classes[2], width=theme.line(2)))
        items["beta"].setPen(pg.mkPen(theme.classes[4], width=theme.line(2)))
        self._title_statistics()

    def start_run(self, info: RunInfo) -> None:
        """Forget the previous run; pick up the BatchNorm layers and the layers to watch drift."""
        bn_blocks = [b for b in info.blocks if b.kind == "batchnorm"]
        self._set_batchnorm_layers([b.name for b in bn_blocks], [b.units for b in bn_blocks])
        self._shift.set_layers([(b.name, b.kind) for b in info.blocks if b.kind in ("linear", "batchnorm")])
        self._last_probe_step = self._drawn_step = None
        for plot in (self._stat_plots[0], self._shift.plot):  # the other two follow the first (linked)
            reset_range(plot)
        for plot in self._stat_plots[1:]:
            plot.enableAutoRange(y=True)
        if bn_blocks:
            self._show_section(True)
        else:
            self._show_message(self._no_batchnorm_text())
        self._shift.show_hint(press_train_text())

    def has_run(self) -> bool:
        """A run's layers are shown (False before the first run and after ``clear_run``)."""
        return bool(self._shift.names)

    def clear_run(self, reason: str) -> None:
        """There is no current run: no statistics of an earlier design; ``reason`` in their place."""
        self._set_batchnorm_layers([], [])
        self._shift.set_layers([])
        self._last_probe_step = self._drawn_step = None
        self._show_message(reason)
        self._shift.show_hint(reason)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        probe = snapshot.probe
        if probe is None or probe.step == self._last_probe_step:
            return
        self._last_probe_step = probe.step
        if probe.batchnorm:
            self._add_batchnorm(probe.step, probe.batchnorm)
        if probe.activations:
            self._shift.add(probe.step, probe.activations)
        self.draw_if_seen()

    def _draw(self) -> None:
        """Bring both parts up to the latest probe (nothing if they are)."""
        if self._drawn_step == self._last_probe_step:
            return
        self._drawn_step = self._last_probe_step
        self._draw_statistics()
        self._shift.draw()
        settle_range(*self._stat_plots, self._shift.plot)

    def drawn_step(self) -> int | None:
        """The probe step the plots show (None before any): behind the latest while the view is hidden."""
        return self._drawn_step

    # --- public helpers (tests) -------------------------------------------------------
    def has_batchnorm_section(self) -> bool:
        """True when part (a) holds statistics, False when it holds the empty-state message."""
        return bool(self._has_statistics)

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
        self._draw()
        item = self._stat_items[name]
        if item.xData is None:
            return np.zeros(0), np.zeros(0)
        return np.asarray(item.xData).copy(), np.asarray(item.yData).copy()

    def shift_series(self, layer: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(steps, mean, std) of the pre-activation of a Linear or BatchNorm layer."""
        index = self._shift.names.index(layer)
        series = self._shift.series
        return series.steps.copy(), series.values[:, index, 0].copy(), series.values[:, index, 1].copy()

    def shown_statistics(self) -> dict[str, int]:
        """The statistics plots on screen ("mean", "variance", "gamma_beta") and their widths in pixels."""
        return {name: widget.width() for name, widget in zip(STATISTICS, self._stat_widgets) if widget.isVisible()}

    def choose_statistic(self, name: str) -> None:
        """Which statistic to show when they come one at a time (a name in STATISTICS)."""
        self._stat_tabs.setCurrentIndex(STATISTICS.index(name))

    def legend_texts(self) -> tuple[str, str]:
        """The legends (rich text) beside the statistics and under the covariate-shift plot."""
        return self._stats_legend.text(), self._shift.legend.text()

    def point_markers(self, name: str) -> int:
        """How many points of a statistic (a name in SERIES) are marked with dots: all while there are few."""
        self._draw()
        return self._stat_items[name].point_markers()

    def step_ranges(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The steps in view: in the statistics plots and in the covariate-shift plot."""
        self._draw()
        return tuple(tuple(float(v) for v in plot.viewRange()[0]) for plot in (self._stat_plots[0], self._shift.plot))

    def select(self, layer: str, feature: int | None = None) -> None:
        """Show ``layer`` (a BatchNorm layer's name), one feature (0-based) or the mean (None)."""
        self._layer_box.setCurrentIndex(self._bn_names.index(layer))
        self._feature_box.setCurrentIndex(0 if feature is None else feature + 1)

    # --- part (a): BatchNorm statistics ----------------------------------------------
    def _set_batchnorm_layers(self, names: list[str], units: list[int]) -> None:
        self._bn_names = list(names)
        self._bn_units = dict(zip(names, units))
        self._bn_mean = {n: Series((len(SERIES),)) for n in names}
        self._bn_full = {n: Series((len(SERIES), u), np.float32, max_bytes=FEATURE_HISTORY_BYTES)
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
        """Plot titles (side by side) or tabs (one at a time), and the legend for what is shown."""
        theme = self._theme
        gamma_beta = self.tr("{gamma} · {beta}").format(
            gamma=coloured(self.tr("γ scale"), theme.classes[2]), beta=coloured(self.tr("β shift"), theme.classes[4]))
        batch_running = self.tr("{batch} batch &nbsp; {running} running").format(
            batch=line_key(self._stat_items["batch_mean"].opts["pen"]),
            running=line_key(self._stat_items["running_mean"].opts["pen"]))
        wide = self.stats_side_by_side()
        for plot, title in zip(self._stat_plots, (self.tr("mean"), self.tr("variance"), gamma_beta)):
            plot.setTitle(title if wide else None, color=theme.foreground, size=points(theme, 8))
        self._stats_legend.setText(gamma_beta if not wide and self._stat_tabs.currentIndex() == 2 else batch_running)

    def stats_side_by_side(self) -> bool:
        """True when mean, variance and γ/β are drawn side by side; else one at a time (tabs)."""
        return self._stat_tabs.isHidden()

    def _arrange_statistics(self) -> None:
        """Side by side when each plot gets STAT_PLOT_WIDTH pixels, else the one of the chosen tab."""
        wide = self.width() >= 3 * STAT_PLOT_WIDTH
        changed = wide != self.stats_side_by_side()
        self._stat_tabs.setVisible(not wide)
        for index, widget in enumerate(self._stat_widgets):
            widget.setVisible(wide or index == self._stat_tabs.currentIndex())
        if changed:
            self._title_statistics()

    def parts_one_at_a_time(self) -> bool:
        """True when the batch statistics and the covariate shift are picked with tabs (a short dock)."""
        return not self._part_tabs.isHidden()

    def choose_part(self, shift: bool) -> None:
        """Show the covariate shift (True) or the batch statistics (False) when they come one at a time."""
        self._part_tabs.setCurrentIndex(int(shift))

    def shift_shown(self) -> bool:
        return not self._shift.isHidden()

    def plot_heights(self) -> dict[str, int]:
        """Heights in pixels of the plots on screen: the statistics (by name) and "shift"."""
        widgets = dict(zip(STATISTICS, self._stat_widgets)) | {"shift": self._shift.widget}
        return {name: widget.height() for name, widget in widgets.items() if widget.isVisible()}

    def _arrange_parts(self) -> None:
        """Both parts, one above the other; in a short dock with statistics to show, one at a time."""
        one_at_a_time = bool(self._has_statistics) and self.height() < BOTH_PARTS_HEIGHT
        chosen = self._part_tabs.currentIndex()
        self._part_tabs.setVisible(one_at_a_time)
        self._statistics.setVisible(bool(self._has_statistics) and (not one_at_a_time or chosen == 0))
        self._message.setVisible(self._has_statistics is False)
        self._shift.setVisible(not one_at_a_time or chosen == 1)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._arrange_statistics()
        self._arrange_parts()

    def _show_section(self, statistics: bool) -> None:
        """Part (a): the statistics plots, or in their place a message."""
        self._has_statistics = statistics
        self._arrange_parts()

    def _show_message(self, text: str) -> None:
        self._message.setText(text)
        self._show_section(False)

    def _no_batchnorm_text(self) -> str:
        return self.tr(
            "This network has no BatchNorm layer, so there are no batch statistics to show.\n"
            "Add one in the layer editor, after a Linear layer and before its activation "
            "(Linear → BatchNorm → activation), to see its statistics here.\n"
            "The internal covariate shift below works for every network.")

    def shown_shift_layers(self) -> list[str]:
        """The layers whose pre-activation lines are drawn (all, or the one picked)."""
        return self._shift.shown_layers()

    def select_shift_layer(self, layer: str | None) -> None:
        """Show every layer (None) or one, by name, with a stronger band."""
        self._shift.select_layer(layer)

    # --- slots ----------------------------------------------------------------------
    def _on_layer_box_changed(self, _index: int) -> None:
        self._fill_feature_box()
        self._draw_statistics()

    def _on_feature_box_changed(self, _index: int) -> None:
        self._draw_statistics()

    def _on_stat_tabs_changed(self, _index: int) -> None:
        self._arrange_statistics()
        self._title_statistics()
