"""The window draws at the rate it can sustain: the pacing rule with numbers, and the window
acknowledging a snapshot only after it has painted it."""

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from playground.runs import messages as m
from playground.ui.frame_pacing import FramePacing
from playground.ui.main_window import MainWindow
from playground.ui.training_controller import TrainingController

TIMEOUT = 60_000


def busy_share(pacing: FramePacing, frames: list[float]) -> float:
    """The share of the time spent drawing when each frame is followed by the rule's rest."""
    rests = [pacing.rest_after(frame) for frame in frames]
    return sum(frames) / (sum(frames) + sum(rests))


def test_a_frame_is_followed_by_a_rest_that_keeps_drawing_to_half_the_time():
    assert FramePacing(busy_share=0.5).rest_after(0.040) == pytest.approx(0.040)
    assert FramePacing(busy_share=0.25).rest_after(0.010) == pytest.approx(0.030)
    assert busy_share(FramePacing(busy_share=0.5), [0.030] * 20) == pytest.approx(0.5)


def test_drawing_never_takes_more_than_its_share_when_frames_vary():
    frames = [0.005, 0.080, 0.010, 0.004, 0.120, 0.006, 0.030, 0.002] * 5
    assert busy_share(FramePacing(busy_share=0.5), frames) <= 0.5
    assert busy_share(FramePacing(busy_share=0.3), frames) <= 0.3


def test_a_quick_frame_after_slow_ones_still_rests_for_the_slow_cost():
    pacing = FramePacing(busy_share=0.5, smoothing=0.3)
    for _ in range(5):
        pacing.rest_after(0.100)
    assert pacing.rest_after(0.001) > 0.050  # the estimate fades, it does not jump to 1 ms
    for _ in range(30):
        rest = pacing.rest_after(0.001)
    assert rest < 0.002  # once frames stay quick, so does the rest


def test_a_very_slow_frame_rests_at_most_the_longest_rest():
    assert FramePacing(busy_share=0.5, longest_rest=1.0).rest_after(5.0) == 1.0


def test_the_first_and_the_paused_or_finished_snapshots_are_not_held_back():
    assert FramePacing.is_prompt("running", first=True)
    assert FramePacing.is_prompt("paused", first=False)
    assert FramePacing.is_prompt("finished", first=False)
    assert not FramePacing.is_prompt("running", first=False)


def test_a_busy_share_outside_0_to_1_is_refused():
    with pytest.raises(ValueError, match="busy_share"):
        FramePacing(busy_share=0)


def sent_acknowledgements(controller, monkeypatch, log: list | None = None) -> list:
    """Record the acknowledgements the controller sends (and still send everything)."""
    sent, send = [], controller._send

    def recording(message):
        if isinstance(message, m.SnapshotTaken):
            sent.append(message)
            if log is not None:
                log.append("acknowledged")
        send(message)

    monkeypatch.setattr(controller, "_send", recording)
    return sent


def test_pausing_or_stepping_sends_a_resting_acknowledgement_at_once(qtbot, monkeypatch):
    controller = TrainingController()
    try:
        controller._state = "running"
        sent = sent_acknowledgements(controller, monkeypatch)
        controller.snapshot_drawn(rest=600)  # ten minutes: only a request can bring it forward
        assert sent == [] and controller.acknowledgement_waiting
        controller.pause()
        assert len(sent) == 1 and not controller.acknowledgement_waiting
        controller.snapshot_drawn(rest=600)
        controller.step_batch()
        assert len(sent) == 2
    finally:
        controller.shutdown()


class _Paints(QObject):
    """Logs "painted" when a widget of the window's dashboards paints."""

    def __init__(self, views, log):
        super().__init__()
        self.views, self.log = views, log

    def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Paint and isinstance(watched, QWidget) and any(
                view is watched or view.isAncestorOf(watched) for view in self.views):
            self.log.append("painted")
        return False


def test_the_window_asks_for_the_next_snapshot_only_after_painting_the_last(qtbot, settings, tmp_path, monkeypatch):
    window = MainWindow(settings, data_dir=tmp_path / "data")
    window.resize(1366, 768)
    window.show()
    try:
        qtbot.waitUntil(lambda: bool(window.views), timeout=TIMEOUT)
        qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)
        # the run's first snapshot is drawn whole and acknowledged at once (FramePacing.is_prompt):
        # wait for it, so that every running snapshot watched below is one that must wait for paint
        qtbot.waitUntil(lambda: window._acknowledged_run == window.controller.info.run_id, timeout=TIMEOUT)
        log: list[str] = []
        acks = sent_acknowledgements(window.controller, monkeypatch, log)
        first_view = window.views[0]
        show = first_view.show_snapshot
        monkeypatch.setattr(first_view, "show_snapshot", lambda s: (log.append(f"drawing {s.state}"), show(s)))
        paints = _Paints(window.views, log)
        QApplication.instance().installEventFilter(paints)
        window.controller.play()
        qtbot.waitUntil(lambda: len(acks) >= 8, timeout=TIMEOUT)
        log.append("no longer watching paints")
        QApplication.instance().removeEventFilter(paints)
        window.controller.pause()
        qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)
        checked = 0
        watched = log[:log.index("no longer watching paints")]  # paints after this are not logged
        for k, entry in enumerate(watched):
            if entry != "drawing running" or "acknowledged" not in watched[k:]:
                continue
            until_acknowledged = watched[k: watched.index("acknowledged", k)]
            assert "painted" in until_acknowledged, " > ".join(log)
            checked += 1
        assert checked >= 5
    finally:
        window.document.undo_stack.setClean()
        window.close()
