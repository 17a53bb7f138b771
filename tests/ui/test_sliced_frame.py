"""A running snapshot is drawn one view per turn of the event loop, each view painted
before the next: a click or a timer waits for one view, not for the whole window."""

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QHBoxLayout, QVBoxLayout, QWidget

from playground.ui.window.frames import SlicedFrame


class View(QWidget):
    def __init__(self, name, log, fail=False):
        super().__init__()
        self.name, self.log, self.fail = name, log, fail
        self.setMinimumSize(40, 40)

    def show_snapshot(self, snapshot):
        self.log.append(f"draw {self.name} {snapshot}")
        if self.fail:
            raise RuntimeError("a drawing bug")

    def paintEvent(self, event):  # noqa: N802 - Qt's name
        self.log.append(f"paint {self.name}")


def window_with_views(qtbot, log, failing=()):
    host = QWidget()
    qtbot.addWidget(host)
    row = QHBoxLayout(host)
    views = [View(name, log, fail=name in failing) for name in "abc"]
    for view in views:
        row.addWidget(view)
    host.show()
    qtbot.waitExposed(host)
    qtbot.wait(50)
    log.clear()
    return host, views


def test_each_view_draws_and_paints_in_its_own_turn_and_a_timer_runs_between(qtbot):
    log: list[str] = []
    _host, views = window_with_views(qtbot, log)
    frame = SlicedFrame()
    done = []
    frame.finished.connect(lambda snapshot, cost: done.append((snapshot, cost)))
    frame.draw(1, views, sliced=True)
    QTimer.singleShot(0, lambda: log.append("timer"))
    assert log == []  # nothing drawn in the turn that received the snapshot
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    drawn = [entry for entry in log if entry != "timer"]
    assert drawn == ["draw a 1", "paint a", "draw b 1", "paint b", "draw c 1", "paint c"]
    assert log.index("timer") < log.index("draw c 1")  # the event loop ran in between
    assert done[0][0] == 1 and done[0][1] > 0


def test_a_prompt_snapshot_is_drawn_whole_at_once(qtbot):
    log: list[str] = []
    _host, views = window_with_views(qtbot, log)
    frame = SlicedFrame()
    frame.draw("paused", views, sliced=False)
    assert log == ["draw a paused", "draw b paused", "draw c paused"]


def test_a_new_snapshot_mid_frame_first_hands_the_old_one_to_the_views_that_lack_it(qtbot):
    log: list[str] = []
    _host, views = window_with_views(qtbot, log)
    frame = SlicedFrame()
    frame.draw(1, views, sliced=True)
    qtbot.waitUntil(lambda: "draw a 1" in log, timeout=5000)
    frame.draw(2, views, sliced=False)
    draws = [entry for entry in log if entry.startswith("draw")]
    assert draws == ["draw a 1", "draw b 1", "draw c 1", "draw a 2", "draw b 2", "draw c 2"]


def test_a_view_that_fails_is_reported_and_the_others_still_draw(qtbot):
    log: list[str] = []
    _host, views = window_with_views(qtbot, log, failing="b")
    frame = SlicedFrame()
    failed, done = [], []
    frame.failed.connect(failed.append)
    frame.finished.connect(lambda snapshot, cost: done.append(snapshot))
    frame.draw(1, views, sliced=True)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert failed == [views[1]]
    assert "draw c 1" in log


def test_a_new_run_cancels_the_frame_of_the_old_one(qtbot):
    log: list[str] = []
    _host, views = window_with_views(qtbot, log)
    frame = SlicedFrame()
    done = []
    frame.finished.connect(lambda snapshot, cost: done.append(snapshot))
    frame.draw(1, views, sliced=True)
    frame.cancel()
    qtbot.wait(100)
    assert log == [] and done == [] and not frame.drawing


class PlotPaints(QObject):
    def __init__(self, log):
        super().__init__()
        self.log = log

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Paint:
            self.log.append(f"paint {watched.parent().objectName()}")
        return False


class PlotsView(QWidget):
    """A dashboard with two plots; drawing a snapshot changes both."""

    def __init__(self, log):
        super().__init__()
        self.log = log
        column = QVBoxLayout(self)
        self.plots = []
        self.painting = PlotPaints(log)
        for name in ("plot 1", "plot 2"):
            plot = QGraphicsView(QGraphicsScene(0, 0, 100, 50))
            plot.setObjectName(name)
            plot.viewport().installEventFilter(self.painting)
            column.addWidget(plot)
            self.plots.append(plot)

    def show_snapshot(self, snapshot):
        self.log.append(f"draw {snapshot}")
        for plot in self.plots:
            plot.scene().addRect(0, 0, 10 * snapshot, 10)


def shown_plots_view(qtbot, log: list[str]) -> PlotsView:
    view = PlotsView(log)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(50)
    log.clear()
    return view


def test_a_views_plots_paint_each_in_a_turn_of_its_own_after_the_view_drew(qtbot):
    log: list[str] = []
    view = shown_plots_view(qtbot, log)

    class Turns(SlicedFrame):
        def _draw_next(self):
            log.append("turn")
            super()._draw_next()

    frame = Turns()
    done = []
    frame.finished.connect(lambda snapshot, cost: done.append(snapshot))
    frame.draw(1, [view], sliced=True)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert log[:6] == ["turn", "draw 1", "turn", "paint plot 1", "turn", "paint plot 2"]
    assert all(plot.updatesEnabled() for plot in view.plots)  # none is left held back


def test_completing_a_frame_mid_way_releases_the_plots_it_held(qtbot):
    log: list[str] = []
    view = shown_plots_view(qtbot, log)
    frame = SlicedFrame()
    frame.draw(1, [view], sliced=True)
    qtbot.waitUntil(lambda: "draw 1" in log, timeout=5000)
    frame.draw(2, [view], sliced=False)
    assert all(plot.updatesEnabled() for plot in view.plots)
    assert [entry for entry in log if entry.startswith("draw")] == ["draw 1", "draw 2"]
