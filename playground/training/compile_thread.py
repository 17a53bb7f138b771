"""The one background thread that compiles training steps, and how a process ends while
it is busy (playground.training.fast_step re-exports both)."""

from __future__ import annotations

import os
import queue
import signal
import sys
import threading
import traceback
from typing import Callable

COMPILE_NICENESS = 10  # the compile thread's nice value on Linux (see lower_thread_priority)


class Compiler:
    """One background thread that runs compile jobs in order.

    One at a time and at a low priority (lower_thread_priority), because compiling is
    CPU-bound and the trainer beside it needs the other core. A job whose run has ended is cancelled by its trainer and
    returns at once when its turn comes. The thread is a daemon: a process that
    quits mid-compile does not wait for it, but leaves through ``leave_if_compiling``.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._unfinished = 0  # jobs requested and not yet done with (see busy)

    def request(self, job: Callable[[], object]) -> None:
        with self._lock:
            self._unfinished += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name="compile", daemon=True)
                self._thread.start()
        self._jobs.put(job)

    def busy(self) -> bool:
        """True from a request until its job has returned and let go of its tensors:
        while the thread may be inside torch."""
        with self._lock:
            return self._unfinished > 0

    def _serve(self) -> None:
        lower_thread_priority()
        while True:
            job = self._jobs.get()
            try:
                job()
            except Exception:  # a job reports its own failure; never let the thread die
                traceback.print_exc()
            del job  # frees the job's tensors now, while busy() still says so
            with self._lock:
                self._unfinished -= 1


COMPILER = Compiler()


def per_thread_priority(platform: str = sys.platform) -> bool:
    """True where one thread's CPU priority can be lowered without the rest of the process's.

    Linux only: there a thread is a task with its own nice value, ``setpriority`` on its
    native id changes that thread alone, and the processes it starts (the C++ compiler)
    inherit it. On macOS and the BSDs the same call would lower the whole process, the
    training thread with it; Windows has no ``setpriority``. Those compile at normal
    priority.
    """
    return platform.startswith("linux") and hasattr(os, "setpriority") and hasattr(threading, "get_native_id")


def lower_thread_priority(platform: str = sys.platform) -> bool:
    """Give the calling thread the nice value COMPILE_NICENESS where per_thread_priority allows;
    True if it was set.

    Why: on the 2-core development machine (other processes keeping it busy, load ~3)
    eager training ran at 0.43x its speed while a compile went on beside it; at nice 5
    at 0.75x, at nice 10 at 0.92x (the compile took 146 s and 175 s instead of 74 s).
    At nice 19 and load 8 the compile got 13 s of CPU in 12 minutes: too little ever to
    finish. So 10: the visible run keeps its speed, and the compile still ends."""
    if not per_thread_priority(platform):
        return False
    thread = threading.get_native_id()
    try:  # never higher than it is: a process started at a lower priority keeps it
        os.setpriority(os.PRIO_PROCESS, thread, max(COMPILE_NICENESS, os.getpriority(os.PRIO_PROCESS, thread)))
    except OSError:  # not allowed here (a sandbox): compile at normal priority
        return False
    return True


def leave_if_compiling(code: int) -> None:
    """End this process at once with exit status ``code`` if the compile thread is busy; else return.

    Why: Python 3.11 ends a daemon thread that wants the GIL back after the interpreter
    began to shut down with pthread_exit, which unwinds the thread's stack. When the
    compile thread is inside torch's C++ code at that moment (a tensor freed with the
    GIL released, say), the unwinding meets a frame that may not throw and the C++
    runtime aborts the whole process: "terminate called without an active
    exception", status SIGABRT (7 of 30 window closes during a compile). A
    compile cannot be interrupted (inductor, then the C++ compiler), and waiting for
    it can take a minute; so the process skips the interpreter's shutdown instead:
    it ends the C++ compiler processes the compile started, flushes its output and
    calls os._exit. Only a process's entry point calls this, after its own clean-up
    (pipes closed, files written): nothing runs after it.
    """
    if not COMPILER.busy():
        return
    _end_child_processes()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):  # no console, or closed
            pass
    os._exit(code)


def _end_child_processes() -> None:
    """SIGTERM every process this one started, as Ctrl+C in a terminal would.

    In a process that compiles these are the C++ compiler and its helpers; gcc and
    clang delete their temporary files and unfinished outputs on it, so inductor's
    cache keeps no half-written file. On Windows the compiler finishes its file alone.
    """
    if sys.platform == "win32":
        return
    parents = _parent_ids()
    found, frontier = [], [os.getpid()]
    while frontier:
        parent_id = frontier.pop()
        children = [pid for pid, parent in parents.items() if parent == parent_id]
        found += children
        frontier += children
    for pid in found:
        try:
            os.kill(pid, signal.SIGTERM)
        except OSError:  # ended meanwhile
            pass


def _parent_ids() -> dict[int, int]:
    """Process id -> parent process id of every process: from /proc on Linux, ``ps`` elsewhere."""
    if os.path.isdir("/proc/self"):
        parents = {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    with open(f"/proc/{name}/stat", "rb") as stat:
                        parents[int(name)] = int(stat.read().rsplit(b")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):  # ended meanwhile
                    pass
        return parents
    import subprocess

    try:
        out = subprocess.run(["ps", "-A", "-o", "pid=,ppid="], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    rows = (line.split() for line in out.splitlines())
    return {int(row[0]): int(row[1]) for row in rows if len(row) == 2}
