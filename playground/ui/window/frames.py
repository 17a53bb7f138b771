"""A snapshot drawn into the dashboards one view per turn of the event loop.

Drawing a snapshot into every view and then painting them all took one long turn of the
event loop: 50-90 ms on deep networks, during which a click, a key or a timer waited.
A running snapshot is drawn in slices instead: one view is brought up to date and
painted at once, then the event loop runs whatever waits before the next view. A turn
then lasts as long as the slowest single view, not the sum of them all.

A snapshot that must be seen at once (the first of a run, a paused, stepped or finished
one: frame_pacing.FramePacing.is_prompt) is drawn whole in one turn.
"""

from __future__ import annotations

from time import perf_counter

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QGraphicsView, QWidget


class SlicedFrame(QObject):
    """Hands snapshots to the views; ``finished`` (snapshot, seconds spent drawing and painting)
    when every view has drawn and painted a sliced snapshot. ``failed`` (view) when a view
    raised while drawing: the others still draw (a drawing bug must not stop the run)."""

    finished = Signal(object, float)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._snapshot = None
        self._waiting: list[QWidget] = []  # the views still to draw the snapshot, in order
        self._cost = 0.0
        self._scenes: dict[int, list] = {}  # per view: the graphics scenes inside it
        self._next = QTimer(self)
        self._next.setSingleShot(True)
        self._next.setInterval(0)
        self._next.timeout.connect(self._draw_next)

    def draw(self, snapshot, views: list[QWidget], sliced: bool) -> None:
        """Draw ``snapshot`` into ``views``: at once, or (``sliced``) one view per turn of the
        event loop. A snapshot still being drawn is first handed to the views that have not
        had it (without painting): each view sees every snapshot, in order."""
        self.complete()
        if not sliced:
            for view in views:
                self._show(view, snapshot)
            return
        self._snapshot, self._waiting, self._cost = snapshot, list(views), 0.0
        self._next.start()

    def complete(self) -> None:
        """Hand the snapshot being drawn to the views still waiting for it, now."""
        self._next.stop()
        waiting, self._waiting = self._waiting, []
        for view in waiting:
            self._show(view, self._snapshot)

    def cancel(self) -> None:
        """Forget the snapshot being drawn (a new run replaced its run)."""
        self._next.stop()
        self._waiting = []
        self._snapshot = None

    @property
    def drawing(self) -> bool:
        return bool(self._waiting)

    def _draw_next(self) -> None:
        start = perf_counter()
        view = self._waiting.pop(0)
        self._show(view, self._snapshot)
        self._paint(view)
        self._cost += perf_counter() - start
        if self._waiting:
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

    def _paint(self, view: QWidget) -> None:
        """Paint ``view`` now. Graphics scenes pass their changes on to their views in a
        queued call; deliver it first, so that this paint shows them and no second one follows."""
        if not view.isVisible():
            return
        scenes = self._scenes.get(id(view))
        if scenes is None:
            graphics = ([view] if isinstance(view, QGraphicsView) else []) + view.findChildren(QGraphicsView)
            scenes = self._scenes[id(view)] = [g.scene() for g in graphics if g.scene() is not None]
        for scene in scenes:
            QCoreApplication.sendPostedEvents(scene, QEvent.MetaCall)
        view.repaint()
