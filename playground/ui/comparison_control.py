"""The controller's comparison side (mixed into ``TrainingController``): start a comparison,
fork a run, a live learning rate for one run or all, and the comparison's reports.

A comparison is one run of the protocol (playground.runs.comparison_messages): it has the
controller's ``run_id``, so Pause, Resume, Step, StepEpoch, SetSpeed, SnapshotTaken and
Stop act on every run of it without change. The controller keeps a LiveHistory per run
(``run_histories``) as the reports arrive, for the views and the CSV export.
"""

from __future__ import annotations

from playground.runs import comparison_messages as cm
from playground.runs.history import LiveHistory


class ComparisonControl:
    """Needs the TrainingController's ``_run_id``, ``_begin`` (which asks the gate whether the new
    run trains), ``_send``, ``_set_state``, ``_acknowledgement``, ``_speed``, ``_compiled``,
    ``_closed``, ``_paused`` and its signals ``comparison_ready`` and ``comparison_snapshot_ready``."""

    comparison = None  # the open playground.design.comparison.Comparison, None for a single run
    comparison_info: cm.ComparisonInfo | None = None
    run_histories: tuple[LiveHistory, ...] = ()

    def start_comparison(self, comparison, *, running: bool = False) -> int:
        """End the current run and start ``comparison`` from fresh weights (paused unless ``running``
        and the gate allows it)."""
        if self._closed:
            return self._run_id
        self._ensure_worker()
        running = self._begin(running)
        self._open_comparison(comparison)
        self._send(cm.StartComparison(self._run_id, comparison, not running, self._speed, self._compiled))
        return self._run_id

    def fork(self, comparison, source: int | None = None) -> int:
        """Fork the current run (or run ``source`` of the current comparison) into the runs of
        ``comparison`` (e.g. fork_comparison: as it is, and with one change); they go on from
        its weights, optimizer state and step, running if it was."""
        if self._closed:
            return self._run_id
        old = self._run_id
        running = self._begin(not self._paused)
        self._open_comparison(comparison)
        self._send(cm.Fork(old, self._run_id, comparison, source, not running))
        return self._run_id

    def set_run_lr(self, lr: float, index: int | None = None) -> None:
        """A live learning rate for run ``index`` of the comparison (None: every run)."""
        if lr > 0 and self.comparison is not None:
            self._send(cm.SetRunLr(self._run_id, float(lr), index))

    def close_comparison(self) -> None:
        """Forget the comparison (its run is ended by the next restart or stop)."""
        self.comparison = None
        self.comparison_info = None
        self.run_histories = ()

    def _open_comparison(self, comparison) -> None:
        self.comparison = comparison
        self.comparison_info = None
        self.run_histories = tuple(LiveHistory(self._run_id) for _ in comparison.designs())

    def _on_comparison_ready(self, ready: cm.ComparisonReady) -> None:
        self.comparison_info = ready.info
        self.comparison_ready.emit(ready.info)

    def _on_comparison_snapshot(self, snapshot: cm.ComparisonSnapshot) -> None:
        for history, run in zip(self.run_histories, snapshot.runs):
            history.record(run)
        self._set_state(snapshot.state)
        self.comparison_snapshot_ready.emit(snapshot)
