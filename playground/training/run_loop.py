"""The loop a run trains in: control in, throttled immutable snapshots out.

No Qt here. In the app the training process (playground.training.worker_process) calls
``RunLoop.run()`` on its own thread and sends each snapshot to the window; the window
talks back by messages that the process applies through the run's ``RunControl``. The
loop trains in chunks of a few milliseconds, applies control between chunks, and emits a
``Snapshot`` (playground.runs.messages) at most ``max_rate`` times a second and only
once the consumer has called ``snapshot_taken()`` for the previous one. Every per-step
loss reaches the consumer exactly once, however many snapshots were held back.

The dashboards have a budget: the loop measures what each running snapshot's work costs
(its probe step beyond a plain step, the evaluation, the dashboard record and sending
it) and stretches the period between running snapshots so that this work takes at most
DASHBOARD_SHARE of the loop's time, up to MAX_PERIOD (see ``RunLoop._budget``).
"""

from __future__ import annotations

import threading
import time
import traceback
from collections import deque
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Protocol

import numpy as np

from playground.errors import PlaygroundError
from playground.runs.messages import Dashboard, Snapshot
from playground.runs.series import Series

_EPOCH = "epoch"  # a step request meaning "to the end of the current epoch"
_MAX_CHUNK = 4096  # steps; bounds the work done between two looks at the control
_RATE_WINDOW = 1.0  # seconds of history behind steps_per_second
DASHBOARD_SHARE = 0.15  # of the loop's time, at most, for running snapshots' work
MAX_PERIOD = 1.5
"""Seconds between two running snapshots at most, whatever their work costs: a learner
sees the run move at least every 1.5 s. The largest design a file allows (20 x 512) costs
0.14-0.28 s per snapshot on the 2-core development machine (evaluating 500 points 65-95
ms, its probe step 35-70 ms beyond a plain step, the 16 x 16 grid 35-50 ms, more when
other processes share the cores): within DASHBOARD_SHARE of this period unless the
machine is busy, when the share is exceeded (up to ~19%) rather than the picture left
still for longer."""
CHUNK_SECONDS = 0.005  # a chunk's length, by which the loop chooses its steps
CHUNK_ROUND_SECONDS = 0.1  # a chunk may grow to this to let compiled calls run (pause and stop wait that long at most)

SPEEDS: tuple[float | None, ...] = (1, 3, 10, 30, 100, 300, 1000, 3000, 10000, None)
"""The speeds a learner can choose (steps per second; None = as fast as possible):
the positions of the window's speed control and the paces a preset may set."""


class TrainerLike(Protocol):
    """What the loop needs of ``playground.training.trainer.Trainer``.

    ``train_steps`` returns an object with ``losses`` (float32 (k,), k <= n, fewer
    only at the epoch limit) and ``probe`` (ProbeReport of the last step, or None).
    Probe reports, metrics and dashboards go into snapshots as they are, uncopied: they
    must be fresh objects that the trainer never changes afterwards. An optional
    ``step_mode`` (playground.nn.probes.StepMode) is passed on in every snapshot, or
    the optional ``report_step_mode()`` (the mode with the steps that ran compiled and
    eagerly since its last call) when there is one. An optional ``round_chunk(n, probe)``
    returns at least ``n``: more steps for a chunk in which compiled calls can run
    (the loop takes them when they fit in CHUNK_ROUND_SECONDS).
    ``evaluate(sampled=True)`` and ``dashboard(sampled=True)`` may use a fixed sample of a
    large data set (running and paused snapshots); the final snapshot's count every point.
    """

    step: int
    epoch: int
    batch_in_epoch: int
    steps_per_epoch: int
    finished: bool
    lr: float

    def train_steps(self, n: int, probe: bool = False) -> Any: ...
    def evaluate(self, sampled: bool = False) -> Any: ...
    def set_lr(self, lr: float) -> None: ...
    def dashboard(self, sampled: bool = False) -> Dashboard: ...


Command = Callable[[TrainerLike], object]


def reading(command: Command) -> Command:
    """``command`` marked as a question about the run that changes nothing a snapshot shows
    (e.g. explaining a neuron): a paused loop sends no new snapshot after it."""
    command.reads_only = True
    return command


class TakeStep:
    """A command that takes the run's next step itself (e.g. a traced step,
    playground.training.trace_step), queued with ``RunControl.submit`` after ``pause``.

    The loop calls ``step(trainer)`` between chunks: it takes one step or none and returns
    what ``train_steps`` would (an object with ``losses`` and ``probe``), or None when it
    took none; the loop books the losses like any step's (each reaches the consumer exactly
    once) and the probe, sends the paused snapshot after it as after a Step, and a
    Diverged raised by it ends the run as a diverging step does. Called like any other
    command (``refuse(trainer)``) it is not taken: a ComparisonLoop (whose runs step in
    lock-step) calls it so, and so does the owner of an ended loop's leftover commands.
    """

    def __init__(self, step: Callable[[TrainerLike], Any], refuse: Callable[[Any], object]):
        self.step, self.refuse = step, refuse

    def __call__(self, trainer) -> object:
        return self.refuse(trainer)


@dataclass(frozen=True)
class _Work:
    """What the loop takes from the control in one look (under the lock)."""

    version: int
    commands: list[Command]
    paused: bool
    stopped: bool
    taken: bool
    speed: float | None
    step_request: int | str | None
    resumed: bool = False  # resume() was called since the last look (perhaps undone by a pause)


class RunControl:
    """Thread-safe requests from the GUI to the loop; every method may be called from any thread.

    Requests are applied by the loop between chunks, in the order given.
    """

    def __init__(self, *, paused: bool = False):
        self._cond = threading.Condition(threading.Lock())
        self._version = 0  # bumped on every request so the loop never misses a wake-up
        self._paused = paused
        self._stopped = False
        self._resumed = False  # resume() called since the loop last looked
        self._taken = True  # the first snapshot may go at once
        self._speed: float | None = None
        self._commands: deque[Command] = deque()
        self._step_requests: deque[int | str] = deque()
        self._ended = False  # the loop has returned: nothing queued now would ever run

    def pause(self) -> None:
        with self._changing():
            self._paused = True

    def resume(self) -> None:
        """Run freely again; pending step requests are dropped."""
        with self._changing():
            self._paused = False
            self._resumed = True
            self._step_requests.clear()

    def stop(self) -> None:
        """End the run: ``run()`` emits a final "stopped" snapshot and returns."""
        with self._changing():
            self._stopped = True

    def step_batches(self, n: int) -> None:
        """Pause (if running), then train exactly ``n`` more batches, emit, stay paused."""
        if int(n) < 1:
            raise ValueError(f"step_batches needs at least 1 batch, got {n}")
        self._request_steps(int(n))

    def step_epoch(self) -> None:
        """Pause (if running), then train to the end of the current epoch (a full one at a boundary)."""
        self._request_steps(_EPOCH)

    def set_lr(self, lr: float) -> bool:
        """Change the learning rate live, without a reset (False: the loop has ended, see ``submit``)."""
        return self.submit(lambda trainer: trainer.set_lr(lr))

    def set_speed(self, max_steps_per_second: float | None) -> None:
        """Limit training speed (steps per second); None is full speed."""
        if max_steps_per_second is not None and not max_steps_per_second > 0:
            raise ValueError(f"speed must be positive or None, got {max_steps_per_second}")
        with self._changing():
            self._speed = max_steps_per_second

    def snapshot_taken(self) -> None:
        """The consumer has drawn the last snapshot; the loop may send the next one."""
        with self._changing():
            self._taken = True

    def submit(self, command: Command) -> bool:
        """Queue ``command(trainer)`` to run on the loop thread between chunks (live edits).

        An exception raised by the command ends the run in the "error" state. Returns
        False, queueing nothing, once the loop has ended (``end``): the caller then runs
        the command on the ended run's trainer itself.
        """
        with self._changing():
            if self._ended:
                return False
            self._commands.append(command)
            return True

    def end(self) -> list[Command]:
        """The loop is over: from now on ``submit`` queues nothing. Returns the commands that
        were queued but never ran, for the owner to run on the ended run's trainer."""
        with self._changing():
            self._ended = True
            commands = list(self._commands)
            self._commands.clear()
            return commands

    @property
    def paused(self) -> bool:
        with self._cond:
            return self._paused

    @property
    def stopped(self) -> bool:
        with self._cond:
            return self._stopped

    # The loop's side.

    def _take(self, want_step: bool) -> _Work:
        with self._cond:
            commands = list(self._commands)
            self._commands.clear()
            step = self._step_requests.popleft() if want_step and self._step_requests else None
            resumed, self._resumed = self._resumed, False
            return _Work(self._version, commands, self._paused, self._stopped,
                         self._taken, self._speed, step, resumed)

    def _wait(self, version: int, timeout: float | None = None) -> None:
        """Block until a request newer than ``version`` arrives, or ``timeout`` seconds pass."""
        with self._cond:
            self._cond.wait_for(lambda: self._version != version, timeout)

    def _emitted(self) -> None:
        with self._cond:
            self._taken = False

    def _request_steps(self, request: int | str) -> None:
        with self._changing():
            self._paused = True
            self._step_requests.append(request)

    @contextmanager
    def _changing(self) -> Iterator[None]:
        """Hold the lock for a request, then wake the loop."""
        with self._cond:
            yield
            self._version += 1
            self._cond.notify_all()


class RunLoop:
    """Trains ``trainer`` under ``control``, calling ``emit(snapshot)`` on the loop thread.

    ``clock`` gives seconds (monotonic); ``sleep(seconds)`` is used for the speed limit
    when given, else the loop waits on the control so that stop stays responsive.
    """

    def __init__(self, trainer: TrainerLike, control: RunControl,
                 emit: Callable[[Snapshot], object], *, run_id: int = 0,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], object] | None = None,
                 max_rate: float = 30.0, chunk_seconds: float = CHUNK_SECONDS):
        self._trainer, self._control, self._emit = trainer, control, emit
        self._run_id, self._clock, self._sleep = run_id, clock, sleep
        self._min_period = 1.0 / max_rate
        self._period = self._min_period  # stretched by _budget
        self._plain_step_seconds: float | None = None  # from the last unprobed chunk
        self._chunk_seconds = chunk_seconds
        self._chunk = 1  # steps per chunk, adapted to last about chunk_seconds
        self._seconds_per_step: float | None = None  # measured over the last chunk, probed or not
        self._buffer = Series(dtype=np.float32, capacity=1024)  # per-step losses not yet emitted
        self._seq = 0
        self._probe: Any = None
        self._last_emit: float | None = None  # clock when the last running snapshot was decided
        self._window: deque[tuple[float, int]] = deque()  # (time, step) at chunk ends
        self._speed_seen: float | None = None
        self._next_start = 0.0  # earliest clock time of the next chunk under a speed limit
        self._chunk_start: int | None = None  # trainer.step while a chunk is in flight
        self._shown_paused = False

    def run(self) -> Snapshot:
        """Train until finished, stopped, diverged or failed; emit the final snapshot and return it.

        Never raises for a trainer failure: it becomes an "error" snapshot instead.
        """
        metrics, dashboard, message, details, code, args = None, None, "", "", "", ()
        try:
            state = self._train()
            metrics, dashboard = self._trainer.evaluate(), self._trainer.dashboard()  # every point counted
        except Exception as exc:  # a worker thread must report, not die silently
            state, message, details = self._failure(exc)
            problems = getattr(exc, "problems", None) or []
            if problems:
                code, args = problems[0].code, problems[0].args
        return self._send(state, metrics, dashboard, message, details, code, args)

    def _train(self) -> str:
        budget = 0  # steps left of a step request (paused only)
        while True:
            work = self._control._take(want_step=budget == 0)
            if work.resumed:  # the window shows "running" from the click: a pause that came before
                self._shown_paused = False  # any chunk ran must still be answered with a paused snapshot
            for command in work.commands:
                if isinstance(command, TakeStep):
                    self._take_step(command)
                else:
                    command(self._trainer)
                self._shown_paused = self._shown_paused and getattr(command, "reads_only", False)
            if work.stopped:
                return "stopped"
            if self._trainer.finished:
                return "finished"
            if not work.paused:
                budget = 0
            elif budget == 0 and work.step_request is not None:
                budget = self._resolve(work.step_request)
            if work.paused and budget == 0:
                self._idle(work)
            elif not self._pace(work):
                budget = self._chunk_then_emit(work, budget)

    def _take_step(self, take: TakeStep) -> None:
        """A step the command takes itself, booked like a chunk's (see TakeStep)."""
        self._chunk_start = self._trainer.step
        result = take.step(self._trainer)
        if result is not None:
            self._book(result, np.asarray(result.losses, dtype=np.float32))
        self._chunk_start = None

    def _resolve(self, request: int | str) -> int:
        if request == _EPOCH:
            return self._trainer.steps_per_epoch - self._trainer.batch_in_epoch
        return int(request)

    def _idle(self, work: _Work) -> None:
        """Paused with nothing to do: show the paused state once, then sleep until a request."""
        self._window.clear()
        if self._shown_paused or not work.taken:
            self._control._wait(work.version)
        else:
            self._send("paused", self._trainer.evaluate(sampled=True), self._trainer.dashboard(sampled=True))
            self._shown_paused = True

    def _pace(self, work: _Work) -> bool:
        """Wait if the speed limit says the next chunk is not due yet; True if it waited."""
        if work.speed != self._speed_seen:
            self._speed_seen, self._next_start = work.speed, 0.0
        delay = self._next_start - self._clock() if work.speed is not None else 0.0
        if delay <= 0:
            return False
        if self._sleep is not None:
            self._sleep(delay)
        else:
            self._control._wait(work.version, delay)
        return True

    def _chunk_then_emit(self, work: _Work, budget: int) -> int:
        """Train one chunk (probed if a snapshot follows), emit if due; returns the budget left."""
        trainer = self._trainer
        n = min(self._chunk, budget) if budget else self._chunk
        if work.speed is not None:
            n = min(n, max(1, int(work.speed * self._chunk_seconds)))
        start = self._clock()
        due = work.taken and (self._last_emit is None or start - self._last_emit >= self._period)
        if due:  # rate by decision time: the chunk in between does not stretch the period
            self._last_emit = start
        n = self._rounded(n, due or budget > 0, budget, work.speed)
        ends_request = budget > 0 and n == budget  # the paused snapshot that follows wants a probe
        probed = due or ends_request
        self._chunk_start = trainer.step
        result = trainer.train_steps(n, probe=probed)
        losses = np.asarray(result.losses, dtype=np.float32)
        self._book(result, losses)
        self._chunk_start = None
        self._shown_paused = False
        end = self._clock()
        self._measure(len(losses), start, end, work.speed, probed)
        if len(losses) == 0 and not trainer.finished:
            raise RuntimeError("the trainer did no step although it is not finished")
        probe_cost = self._probe_cost(len(losses), end - start, probed)
        left = max(0, budget - len(losses)) if budget else 0
        if due and not trainer.finished and not (budget and left == 0):
            self._send("running", trainer.evaluate(sampled=True), trainer.dashboard(sampled=True))
            self._budget(probe_cost + self._clock() - end)
        return left

    def _book(self, result: Any, losses: np.ndarray) -> None:
        """Keep a chunk's losses (from the step it started at) and its probe for the next snapshot."""
        self._buffer.extend(np.arange(self._chunk_start, self._chunk_start + len(losses)), losses)
        if result.probe is not None:
            self._probe = result.probe

    def _probe_cost(self, k: int, seconds: float, probed: bool) -> float:
        """What probing cost in a chunk of ``k`` steps that took ``seconds``: beyond ``k`` plain
        steps (the whole chunk until a plain one has been measured)."""
        if not probed:
            return 0.0
        plain = k * self._plain_step_seconds if self._plain_step_seconds is not None else 0.0
        return max(0.0, seconds - plain)

    def _budget(self, cost: float) -> None:
        """The period after a running snapshot whose work took ``cost`` seconds: long enough
        that the work is DASHBOARD_SHARE of it, never below 1 / max_rate, never above
        MAX_PERIOD (unless 1 / max_rate is)."""
        wanted = min(MAX_PERIOD, cost / DASHBOARD_SHARE)
        self._period = max(self._min_period, wanted)

    def _rounded(self, n: int, probe: bool, budget: int, speed: float | None) -> int:
        """``n``, or the more steps the trainer's ``round_chunk`` asks for so that its compiled
        calls run, if the chunk then lasts at most CHUNK_ROUND_SECONDS (by the last chunk's
        time per step and the speed limit); never more than a step request has left."""
        round_chunk = getattr(self._trainer, "round_chunk", None)
        if round_chunk is None or self._seconds_per_step is None:
            return n
        more = round_chunk(n, probe)
        if budget:
            more = min(more, budget)
        seconds_per_step = max(self._seconds_per_step, 1.0 / speed if speed is not None else 0.0)
        return more if more <= _MAX_CHUNK and more * seconds_per_step <= CHUNK_ROUND_SECONDS else n

    def _measure(self, k: int, start: float, end: float, speed: float | None, probed: bool) -> None:
        """Book the time per step (a plain one's too when not ``probed``), adapt the chunk
        size, record the rate window, and book the speed limit."""
        if k:
            seconds_per_step = self._seconds_per_step = (end - start) / k
            if not probed:
                self._plain_step_seconds = seconds_per_step
            ideal = self._chunk_seconds / seconds_per_step if seconds_per_step > 0 else _MAX_CHUNK
            self._chunk = int(max(1, min(ideal, 2 * self._chunk, _MAX_CHUNK)))
        step = self._trainer.step
        if not self._window:
            self._window.append((start, step - k))
        self._window.append((end, step))
        while len(self._window) > 2 and end - self._window[1][0] >= _RATE_WINDOW:
            self._window.popleft()
        if speed is not None:
            self._next_start = max(self._next_start, start) + k / speed

    def _rate(self) -> float:
        if len(self._window) < 2:
            return 0.0
        (t0, s0), (t1, s1) = self._window[0], self._window[-1]
        return (s1 - s0) / (t1 - t0) if t1 > t0 else 0.0

    def _failure(self, exc: Exception) -> tuple[str, str, str]:
        """(state, message, details) for an exception out of the trainer or a command."""
        if isinstance(exc, PlaygroundError) and hasattr(exc, "losses"):
            if self._chunk_start is not None:  # keep the losses up to the divergence
                losses = np.asarray(exc.losses, dtype=np.float32)
                self._buffer.extend(np.arange(self._chunk_start, self._chunk_start + len(losses)), losses)
            if getattr(exc, "probe", None) is not None:  # the dashboards' last picture says it diverged
                self._probe = exc.probe
            return "diverged", str(exc), ""
        return "error", f"{type(exc).__name__}: {exc}", traceback.format_exc()

    def _send(self, state: str, metrics: Any, dashboard: Dashboard | None,
              message: str = "", details: str = "", code: str = "", args: tuple = ()) -> Snapshot:
        steps, losses = self._buffer.steps.copy(), self._buffer.values.copy()
        self._buffer.clear()
        t = self._trainer
        snapshot = Snapshot(
            run_id=self._run_id, seq=self._seq, step=int(t.step), epoch=int(t.epoch),
            batch_in_epoch=int(t.batch_in_epoch), state=state, steps=steps, losses=losses,
            metrics=metrics, probe=self._probe, dashboard=dashboard, lr=float(t.lr),
            steps_per_second=self._rate() if state == "running" else 0.0,
            message=message, details=details, message_code=code, message_args=args,
            step_mode=t.report_step_mode() if hasattr(t, "report_step_mode") else getattr(t, "step_mode", None))
        self._seq += 1
        self._control._emitted()
        self._emit(snapshot)
        return snapshot
