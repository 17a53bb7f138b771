"""Run the learner's code in a separate process, stop it if it runs away, answer a LabResult.

``LabSession`` owns one spawned process (torch loaded once, a second or two) that runs
one piece of code at a time, each in a fresh namespace holding ``torch``, ``np`` and
the inputs (numpy arrays, given to the code as tensors). The session's methods are
called from one thread at a time:

- ``run(code, inputs, timeout, memory_bytes) -> LabResult`` blocks until the answer (at
  most ``timeout`` seconds of running, plus the process's start when it is not running);
- ``submit(...) -> concurrent.futures.Future[LabResult]`` does the same on the session's
  own worker thread, for a window that must never wait (``future.add_done_callback``
  is called on that thread: hand the result to the GUI thread with a queued signal);
- ``stop()`` (from any thread, e.g. a Stop button) kills the process now: the run in
  progress answers ``lab_stopped``, even while its process is still loading torch (the
  session owns this rule: a stop is never reported as a crash); the next run starts a new
  process. A stop asked for after ``submit`` belongs to that run even before the worker
  thread began it (one run at a time, as playground.ui.lab.bridge runs them);
- ``close()`` ends the process and the thread (a run in progress answers ``lab_stopped``);
  safe at any time, before any run and twice.

Runaway code is stopped and answered with a LabError, never by freezing the caller:

- **timeout** (every system): after ``timeout`` seconds without an answer the process
  is killed (``lab_timeout``); the next run starts a new one.
- **memory**: on Linux the process's address space is limited (RLIMIT_AS) to what it
  uses once torch is loaded plus ``memory_bytes``, so an allocation beyond it fails at
  once inside the code (``lab_memory``; the session stays alive). On macOS (RLIMIT_AS is
  not enforced) and Windows (no rlimit) there is no limit of ours: an impossible request
  such as ``torch.zeros(10**6, 10**6)`` is still refused by torch's allocator
  (``lab_memory``), a merely large one may use the machine's memory until the timeout
  stops it. A process that dies (the system's out-of-memory killer) is answered with
  ``lab_crashed`` and restarted with the next run.

What the code assigns is traced statement by statement (playground.lab.trace): the
values, in-place changes, storage sharing and origins for drawing.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

from playground.lab.explain import crashed_error, stopped_error, timeout_error
from playground.lab.messages import LabResult

DEFAULT_TIMEOUT = 5.0  # seconds a piece of lab code may run
DEFAULT_MEMORY = 1024 ** 3  # bytes a piece of lab code may allocate (beyond torch itself)
START_TIMEOUT = 120.0  # seconds the process may take to load torch (a slow laptop, a cold disk)


class LabSession:
    """One lab process, started on first use and again after it was killed."""

    def __init__(self):
        self._process = None
        self._connection = None
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        self._stop_asked = threading.Event()  # stop() was called during the run going now (or queued)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def start(self) -> None:
        """Start the process now (otherwise the first run does) and wait until torch is loaded."""
        self._stop_asked.clear()
        with self._lock:
            self._ensure_started()

    def run(self, code: str, inputs: dict | None = None, timeout: float = DEFAULT_TIMEOUT,
            memory_bytes: int = DEFAULT_MEMORY) -> LabResult:
        """Run ``code``; a LabResult whatever happens (the error says why it stopped)."""
        self._stop_asked.clear()
        return self._run(code, inputs, timeout, memory_bytes)

    def _run(self, code: str, inputs: dict | None, timeout: float, memory_bytes: int) -> LabResult:
        with self._lock:
            if self._stop_asked.is_set():  # stopped (or closed) before this run began: start nothing
                return LabResult(error=stopped_error())
            try:
                self._ensure_started()
            except (OSError, EOFError, TimeoutError) as error:
                self._kill()
                stopped = self._stop_asked.is_set()
                return LabResult(error=stopped_error() if stopped else crashed_error(type(error).__name__))
            began = time.perf_counter()
            try:
                self._connection.send(("run", code, dict(inputs or {}), memory_bytes))
                if not self._connection.poll(timeout):
                    self._kill()
                    return LabResult(error=timeout_error(timeout), seconds=time.perf_counter() - began)
                return self._connection.recv()
            except (OSError, EOFError):
                self._process.join(10)  # it closed its end while dying: wait for its exit code
                exitcode = self._process.exitcode
                self._kill()
                error = stopped_error() if self._stop_asked.is_set() else crashed_error(exitcode)
                return LabResult(error=error, seconds=time.perf_counter() - began)

    def submit(self, code: str, inputs: dict | None = None, timeout: float = DEFAULT_TIMEOUT,
               memory_bytes: int = DEFAULT_MEMORY) -> Future:
        """``run`` on the session's worker thread; a Future of the LabResult."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="tensor-lab")
        self._stop_asked.clear()  # a stop from now on is this run's
        return self._executor.submit(self._run, code, inputs, timeout, memory_bytes)

    def stop(self) -> None:
        """Kill the process now (safe from any thread); a run in progress answers ``lab_stopped``
        (one whose process is still starting: as soon as it has started)."""
        self._stop_asked.set()
        process = self._process
        try:
            if process is not None and process.is_alive():
                process.kill()
        except ValueError:  # the run's thread closed the process object meanwhile: it has ended
            pass

    def close(self) -> None:
        """End the process and the worker thread; a run in progress answers ``lab_stopped``.
        Safe at any time: before any run, after a process that failed to start, twice."""
        self.stop()
        if self._executor is not None:
            self._executor.shutdown(wait=True)  # a run still queued answers lab_stopped at once
            self._executor = None
        with self._lock:
            self._kill()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _ensure_started(self) -> None:
        if self.running:
            return
        self._kill()
        context = multiprocessing.get_context("spawn")  # fork would copy the window's threads and state
        ours, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs,), name="tensor-lab", daemon=True)
        try:
            process.start()
        except BaseException:
            ours.close()  # no process to end: _kill only ever sees started ones
            raise
        finally:
            theirs.close()
        self._process, self._connection = process, ours
        if self._stop_asked.is_set():  # stop() came before there was a process to kill
            process.kill()  # the wait below ends at once (EOFError): the run answers lab_stopped
        if not ours.poll(START_TIMEOUT):
            raise TimeoutError("the lab's process did not start")
        ours.recv()  # "ready"

    def _kill(self) -> None:
        if self._process is not None:
            if self._process.is_alive():
                self._process.kill()
            self._process.join(10)
            if self._process.exitcode is not None:
                self._process.close()
        if self._connection is not None:
            self._connection.close()
        self._process = None
        self._connection = None


def _serve(connection) -> None:
    """The lab process's entry point: torch is imported here, in the child, never in the window."""
    from playground.lab.trace import serve
    serve(connection)


def run_code(code: str, inputs: dict | None = None, timeout: float = DEFAULT_TIMEOUT,
             memory_bytes: int = DEFAULT_MEMORY) -> LabResult:
    """Run ``code`` once in a process of its own (started and ended for it)."""
    with LabSession() as session:
        return session.run(code, inputs, timeout, memory_bytes)
