"""The window's link to the lab's process: code in, a LabResult out, never waiting.

``LabBridge.run(code, inputs)`` hands the code to a session (an object with
``submit(code, inputs, timeout=..., memory_bytes=...) -> concurrent.futures.Future[LabResult]``,
``stop()`` and ``close()``, as playground.lab.runner.LabSession has) and returns at once;
``result_ready(LabResult)`` comes on the GUI thread when the answer does. One run at a time:
a run asked for while one is going is refused (``run`` returns False); the session stops
runaway code itself (its timeout and memory limit) and answers with a LabError.

The session is made on first use by ``make_session`` (default: the lab's own LabSession,
imported only then, so that the window opens without it); tests hand in a fake.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from playground.lab.messages import LabError, LabResult

TIMEOUT = 5.0  # seconds the learner's code may run
MEMORY_BYTES = 1024 ** 3  # bytes it may allocate beyond torch itself
STOP_POLL_MS = 100  # how often a stop asked for during the process's start looks for the process


def default_session():
    from playground.lab.runner import LabSession  # the lab's process; torch loads in it, not here

    return LabSession()


class LabBridge(QObject):
    """Runs code through a session off the GUI thread (see the module's docstring)."""

    result_ready = Signal(object)  # LabResult, on the GUI thread
    busy_changed = Signal(bool)
    _answered = Signal(object)  # from the session's thread

    def __init__(self, make_session: Callable[[], object] = default_session, parent: QObject | None = None):
        super().__init__(parent)
        self._make_session = make_session
        self._session = None
        self._busy = False
        self._stop_asked = False  # the learner pressed Stop during the run going now
        self._answered.connect(self._on_answered, Qt.QueuedConnection)  # from the session's thread
        self._stop_timer = QTimer(self)  # a stop asked for while the process starts
        self._stop_timer.setInterval(STOP_POLL_MS)
        self._stop_timer.timeout.connect(self._on_stop_timer_timeout)

    def is_busy(self) -> bool:
        return self._busy

    def run(self, code: str, inputs: dict | None = None) -> bool:
        """Start ``code`` with ``inputs`` (name -> numpy array); False if a run is still going."""
        if self._busy:
            return False
        self._set_busy(True)
        try:
            if self._session is None:
                self._session = self._make_session()
            future = self._session.submit(code, dict(inputs or {}), timeout=TIMEOUT, memory_bytes=MEMORY_BYTES)
        except Exception as exc:  # noqa: BLE001 - the lab could not start: say so, keep the window
            self._answered.emit(_failure(exc))
            return True
        future.add_done_callback(self._on_future_done)
        return True

    def stop(self) -> None:
        """Stop the code running now (its run answers lab_stopped); nothing if none runs.
        While the lab's process is still starting (loading torch) the stop waits for it:
        a stop then would find no process to stop, and the code would run to its timeout."""
        if not self._busy or self._session is None:
            return
        self._stop_asked = True
        if getattr(self._session, "running", True):
            self._session.stop()
        else:
            self._stop_timer.start()

    def _on_stop_timer_timeout(self) -> None:
        if not self._busy or self._session is None:
            self._stop_timer.stop()
        elif getattr(self._session, "running", True):
            self._stop_timer.stop()
            self._session.stop()

    def close(self) -> None:
        """End the session's process (the lab window closed or the app quits)."""
        session, self._session = self._session, None
        if session is None:
            return
        try:
            session.close()
        except Exception as exc:  # noqa: BLE001 - closing the window must not fail over the lab's process
            print(f"the Tensor lab's process did not close cleanly: {type(exc).__name__}: {exc}", file=sys.stderr)

    def _on_future_done(self, future) -> None:
        """(The session's thread.) The answer, or the exception turned into one."""
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - a broken session answers in words too
            result = _failure(exc)
        self._answered.emit(result)

    def _on_answered(self, result: LabResult) -> None:
        self._stop_timer.stop()
        if self._stop_asked and result.error is not None and result.error.code == "lab_crashed":
            # stopped while the process was still loading torch: the session calls that a crash
            result = replace(result, error=LabError("timeout", "lab_stopped", "The code was stopped."))
        self._stop_asked = False
        self._set_busy(False)
        self.result_ready.emit(result)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)


def _failure(exc: Exception) -> LabResult:
    """A LabResult saying the lab itself failed (not the learner's code)."""
    detail = f"{type(exc).__name__}: {str(exc)[:200]}"
    return LabResult(error=LabError("other", "lab_other", detail, (type(exc).__name__, str(exc)[:200])))
