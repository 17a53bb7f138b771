"""One plot item for every layer's line (and band): what a learner sees of long and short
histories, of a spike among millions of steps, of one layer picked out, in log mode."""

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

from playground.ui.theme import LIGHT
from playground.ui.widgets.layer_lines import LayerLines
from playground.ui.widgets.plot_utils import FEW_POINTS, make_plot

RED, BLUE = QColor("#d00000"), QColor("#0000d0")


def plot_with_lines(qtbot, width=400, height=240):
    widget = make_plot(LIGHT, steps=True)
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    item = LayerLines()
    widget.getPlotItem().addItem(item)
    item.set_styles([pg.mkPen(RED, width=2), pg.mkPen(BLUE, width=2)],
                    [pg.mkPen(None), pg.mkPen(None)], [pg.mkBrush(RED), pg.mkBrush(BLUE)])
    return widget, item


def rows_with(image, colour: QColor, tolerance: int = 60) -> list[int]:
    """The pixel rows (top = 0) of ``image`` holding a pixel near ``colour``."""
    array = pg.imageToArray(image, transpose=False)  # (rows, columns, BGRA)
    b, g, r = (array[..., i].astype(int) for i in range(3))
    near = (abs(r - colour.red()) + abs(g - colour.green()) + abs(b - colour.blue())) < tolerance
    return sorted(set(np.nonzero(near)[0].tolist()))


def test_a_one_step_spike_among_five_million_steps_is_drawn_to_its_height(qtbot):
    widget, item = plot_with_lines(qtbot)
    steps = np.arange(5_000_000, dtype=np.float64)
    values = np.ones((len(steps), 2))
    values[3_141_592, 0] = 9.0  # the red layer spikes at one step
    item.set_data(steps, values)
    widget.getPlotItem().setYRange(0, 10, padding=0)
    image = widget.grab().toImage()
    red = rows_with(image, RED)
    blue = rows_with(image, BLUE)
    assert red and blue
    # y = 9 lies 10% below the plot's top, y = 1 at 90%: the red line reaches far above the blue one
    assert min(red) < min(blue) - 0.5 * image.height()


def test_the_bounds_cover_every_line_and_its_band_and_only_the_line_picked_out(qtbot):
    _, item = plot_with_lines(qtbot)
    steps = np.arange(10.0)
    mean = np.column_stack([np.full(10, 1.0), np.full(10, 5.0)])
    item.set_data(steps, mean, mean - 0.5, mean + 2.0)
    assert item.dataBounds(0) == (0.0, 9.0)
    assert item.dataBounds(1) == (0.5, 7.0)
    item.show_only(0)
    assert item.dataBounds(1) == (0.5, 3.0)
    assert item.shown_lines() == [0]
    item.show_only(None)
    assert item.shown_lines() == [0, 1]


def test_in_log_mode_values_that_are_not_positive_are_left_out_of_the_bounds(qtbot):
    widget, item = plot_with_lines(qtbot)
    widget.getPlotItem().setLogMode(y=True)
    item.set_data(np.arange(3.0), np.array([[0.0, 1e-3], [10.0, 1e-2], [100.0, np.inf]]))
    low, high = item.dataBounds(1)
    assert (low, high) == (-3.0, 2.0)  # log10 of 1e-3 and of 100; 0 and inf have no place


def test_few_points_are_marked_with_dots_and_a_long_history_is_a_plain_line(qtbot):
    widget, item = plot_with_lines(qtbot)
    item.set_data(np.arange(3.0), np.array([[1.0, 2.0], [2.0, 3.0], [3.0, 4.0]]))
    assert item.point_markers() == 3
    widget.getPlotItem().setYRange(0, 5)
    assert rows_with(widget.grab().toImage(), RED)  # three steps are visible at once
    item.set_data(np.arange(FEW_POINTS + 1.0), np.ones((FEW_POINTS + 1, 2)))
    assert item.point_markers() == 0


def test_lines_follow_the_steps_in_view_after_zooming(qtbot):
    widget, item = plot_with_lines(qtbot)
    steps = np.arange(100_000, dtype=np.float64)
    values = np.column_stack([np.where(steps < 50_000, 1.0, 4.0), np.full(len(steps), 2.0)])
    item.set_data(steps, values)
    plot = widget.getPlotItem()
    plot.setYRange(0, 5, padding=0)
    plot.setXRange(0, 40_000, padding=0)  # only the steps where red is at 1
    low_rows = rows_with(widget.grab().toImage(), RED)
    plot.setXRange(60_000, 99_999, padding=0)  # only the steps where red is at 4
    high_rows = rows_with(widget.grab().toImage(), RED)
    assert low_rows and high_rows and max(high_rows) < min(low_rows)
