"""Every run's curves overlaid: train and test loss (or accuracy), one colour per run.

The curves come from the runs' histories (the controller's LiveHistory per run: every
evaluation, whatever was drawn); train is the solid line, test the dashed one, and the
legend names what each run changes. Each run keeps its colour (the Theme's ``runs``) in every
view of the comparison.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from playground.ui.theme import LIGHT, Theme
from playground.ui.widgets.plot_utils import (corner_label, make_plot, points, reset_range, settle_range,
                                              style_corner_label, style_plot)

COLUMNS = {"loss": (0, 1), "accuracy": (2, 3)}  # history.EVAL_COLUMNS: train, test


def run_colour(index: int, theme: Theme = LIGHT) -> str:
    """The colour of run ``index`` (Okabe-Ito: told apart by most colour-blind eyes, on light
    and dark backgrounds alike)."""
    return theme.runs[index % len(theme.runs)]


class RunCurves(QWidget):
    """Train (solid) and test (dashed) ``metric`` ("loss" or "accuracy") of every run."""

    def __init__(self, metric: str, parent: QWidget | None = None, legend: bool = True):
        super().__init__(parent)
        # Not ``self.metric``: that would hide QPaintDevice.metric, which Qt calls to paint (a crash).
        self.kind = metric
        self._theme = LIGHT
        self._histories: Callable[[], Sequence] = tuple
        self._labels: list[str] = []
        self._lines: list[tuple[pg.PlotDataItem, pg.PlotDataItem]] = []
        self.widget = make_plot(self._theme, log_y=metric == "loss", steps=True)
        self.plot = self.widget.getPlotItem()
        if metric == "loss":
            self.plot.setLogMode(y=True)
        self.plot.setTitle(self._title())
        self._corner = corner_label(self.plot, "bottom", self.tr("step"), self._theme)
        # The legend is a row under the plot, never over a curve; one is enough (every view
        # of the comparison gives a run the same colour).
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.legend.setVisible(legend)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.widget, 1)
        layout.addWidget(self.legend)

    def _title(self) -> str:
        return (self.tr("Loss (train ━, test ╍)") if self.kind == "loss"
                else self.tr("Accuracy (train ━, test ╍)"))

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        style_plot(self.plot, theme, self.widget)
        self.plot.setTitle(self._title(), color=theme.foreground, size=points(theme, 11))
        style_corner_label(self._corner, theme)
        self._style_lines()

    def _style_lines(self) -> None:
        theme = self._theme
        for i, (train, test) in enumerate(self._lines):
            train.setPen(pg.mkPen(run_colour(i, theme), width=theme.line(2)))
            test.setPen(pg.mkPen(run_colour(i, theme), width=theme.line(1.5), style=Qt.DashLine))

    def start(self, labels: Sequence[str], histories: Callable[[], Sequence]) -> None:
        """New runs named ``labels``; ``histories()`` gives their LiveHistory each, in order."""
        self._histories = histories
        self._labels = list(labels)
        for train, test in self._lines:
            self.plot.removeItem(train)
            self.plot.removeItem(test)
        self._lines = []
        for _ in self._labels:
            self._lines.append((self.plot.plot(), self.plot.plot()))
        self._style_lines()
        self.legend.setText("&nbsp;&nbsp; ".join(
            f"<span style='color:{run_colour(i, self._theme)}'>━</span>&nbsp;{html.escape(label)}"
            for i, label in enumerate(self._labels)))
        reset_range(self.plot)

    def draw(self) -> None:
        """Bring every line up to its run's history."""
        train_col, test_col = COLUMNS[self.kind]
        for (train, test), history in zip(self._lines, self._histories()):
            steps, values = history.evals.steps, history.evals.values
            for item, col in ((train, train_col), (test, test_col)):
                y = values[:, col] if len(steps) else np.zeros(0)
                keep = np.isfinite(y) & ((y > 0) if self.kind == "loss" else True)
                item.setData(steps[keep].astype(float), y[keep])
        settle_range(self.plot)

    # --- what the tests read ---------------------------------------------------------------
    def legend_labels(self) -> list[str]:
        """The runs the legend row names, in order (none when this plot has no legend)."""
        if self.legend.isHidden() or not self.legend.text():
            return []
        return [html.unescape(part.rpartition("&nbsp;")[2]) for part in self.legend.text().split("&nbsp;&nbsp; ")]

    def line_colours(self) -> list[str]:
        return [train.opts["pen"].color().name() for train, _ in self._lines]

    def line_data(self, index: int, which: str = "test") -> tuple[np.ndarray, np.ndarray]:
        item = self._lines[index][0 if which == "train" else 1]
        x, y = item.getData()
        return (np.zeros(0), np.zeros(0)) if x is None else (x, y)
