"""The window's link to the lab's process: code in, a LabResult out, never waiting.

``LabBridge.run(code, inputs)`` hands the code to a session (an object with
``submit(code, inputs, timeout=..., memory_bytes=...) -> concurrent.futures.Future[LabResult]``,
``stop()`` and ``close()``, as playground.lab.runner.LabSession has) and returns at once;
``result_ready(LabResult)`` comes on the GUI thread when the answer does. One run at a time:
a run asked for while one is going is refused (``run`` returns False); the session stops
runaway code itself (its timeout and memory limit) and answers with a LabError. ``stop``
hands the learner's Stop to the session, which answers the run ``lab_stopped`` whatever the
run was doing (even loading torch): the bridge passes answers on as they come.

The session is made on first use by ``make_session`` (default: the lab's own LabSession,
imported only then, so that the window opens without it); tests hand in a fake.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

from playground.lab.messages import LabError, LabResult

TIMEOUT = 5.0  # seconds the learner's code may run
MEMORY_BYTES = 1024 ** 3  # bytes it may allocate beyond torch itself


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
        self._answered.connect(self._on_answered, Qt.QueuedConnection)  # from the session's thread

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
        """Stop the code running now (its run answers lab_stopped); nothing if none runs."""
        if self._busy and self._session is not None:
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
