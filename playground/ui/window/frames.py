"""A snapshot drawn into the dashboards one view per turn of the event loop.

Drawing a snapshot into every view and then painting them all took one long turn of the
event loop: 50-90 ms on deep networks, during which a click, a key or a timer waited.
A running snapshot is drawn in slices instead: one turn hands it to a view (whose plots
are held back from painting meanwhile), then one turn per plot paints it, and between
turns the event loop runs whatever waits. A turn then lasts as long as the slowest
single view's drawing or plot's painting, not the sum of them all.

A snapshot that must be seen at once (the first of a run, a paused, stepped or finished
one: frame_pacing.FramePacing.is_prompt) is drawn whole in one turn.
"""

from __future__ import annotations

from time import perf_counter

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QGraphicsView, QWidget


DRAW, PAINT = "draw", "paint"


class SlicedFrame(QObject):
    """Hands snapshots to the views; ``finished`` (snapshot, seconds spent drawing and painting)
    when every view has drawn and painted a sliced snapshot. ``failed`` (view) when a view
    raised while drawing: the others still draw (a drawing bug must not stop the run)."""

    finished = Signal(object, float)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._snapshot = None
        self._tasks: list[tuple[str, QWidget]] = []  # what the next turns do, in order
        self._held: list[QGraphicsView] = []  # plots kept from painting until their turn
        self._cost = 0.0
        self._next = QTimer(self)
        self._next.setSingleShot(True)
        self._next.setInterval(0)
        self._next.timeout.connect(self._draw_next)

    def draw(self, snapshot, views: list[QWidget], sliced: bool) -> None:
        """Draw ``snapshot`` into ``views``: at once, or (``sliced``) in turns of the event loop.
        A snapshot still being drawn is first handed to the views that have not had it
        (without painting): each view sees every snapshot, in order."""
        self.complete()
        if not sliced:
            for view in views:
                self._show(view, snapshot)
            return
        self._snapshot, self._cost = snapshot, 0.0
        self._tasks = [(DRAW, view) for view in views]
        self._next.start()

    def complete(self) -> None:
        """Hand the snapshot being drawn to the views still waiting for it, now; the plots
        held back paint in Qt's usual way."""
        self._next.stop()
        tasks, self._tasks = self._tasks, []
        for kind, target in tasks:
            if kind == DRAW:
                self._show(target, self._snapshot)
        self._release_all()

    def cancel(self) -> None:
        """Forget the snapshot being drawn (a new run replaced its run)."""
        self._next.stop()
        self._tasks = []
        self._snapshot = None
        self._release_all()

    @property
    def drawing(self) -> bool:
        return bool(self._tasks)

    def _draw_next(self) -> None:
        """One turn: a view takes the snapshot (its plots held back from painting), or one
        held plot paints."""
        start = perf_counter()
        kind, target = self._tasks.pop(0)
        try:
            if kind == DRAW:
                plots = [plot for plot in self._plots(target) if plot.isVisible()]
                for plot in plots:
                    plot.setUpdatesEnabled(False)
                    self._held.append(plot)
                self._tasks[0:0] = [(PAINT, plot) for plot in plots]
                self._show(target, self._snapshot)
                if not plots and target.isVisible():  # a view without plots paints in its own turn
                    target.repaint()
            else:
                self._release(target)
                self._paint(target)
        finally:  # whatever a turn met, the frame goes on: the next snapshot is asked for at its end
            self._go_on(perf_counter() - start)

    def _go_on(self, cost: float) -> None:
        self._cost += cost
        if self._tasks:
            self._next.start()
        else:
            snapshot, self._snapshot = self._snapshot, None
            self.finished.emit(snapshot, self._cost)

    def _show(self, view: QWidget, snapshot) -> None:
        try:
            view.show_snapshot(snapshot)
        except Exception:  # reported by the window; the other views go on
            import traceback

            traceback.print_exc()
            self.failed.emit(view)

    @staticmethod
    def _plots(view: QWidget) -> list[QGraphicsView]:
        """The graphics views (plots, the network diagram) in ``view``. Found at every frame: a
        view's parts may be made anew for each report (the comparison view's cards)."""
        return ([view] if isinstance(view, QGraphicsView) else []) + view.findChildren(QGraphicsView)

    def _release(self, plot: QGraphicsView) -> None:
        if plot in self._held:
            self._held.remove(plot)
            plot.setUpdatesEnabled(True)  # Qt schedules a paint of the whole plot

    def _release_all(self) -> None:
        for plot in list(self._held):
            self._release(plot)

    @staticmethod
    def _paint(plot: QGraphicsView) -> None:
        """Paint ``plot`` now. Its scene passes changes on to it in a queued call; deliver it
        first, so that this paint shows them and no second one follows."""
        if not plot.isVisible():
            return
        if plot.scene() is not None:
            QCoreApplication.sendPostedEvents(plot.scene(), QEvent.MetaCall)
        plot.repaint()
