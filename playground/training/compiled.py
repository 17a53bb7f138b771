"""The compiled-step half of the Trainer: preparing a compiled K-step function
(playground.training.fast_step) on the shared compile thread and handing it runs of
equal batches. Everything else stays eager; both work on the same tensors.

``CompiledSteps`` is mixed into Trainer, whose batches, network, loss, optimizer and
design it uses; it owns the step mode and the compile's state (under ``_mode_lock``,
because the compile thread finishes a compile while the trainer's thread trains).
"""

from __future__ import annotations

import dataclasses
import threading
from collections import Counter
from typing import Callable

import torch

from playground.nn.probes import StepMode
from playground.training.compile_thread import COMPILER
from playground.training.fast_step import Cancelled, FastStep, steps_per_call, unavailable_reason


class CompiledSteps:
    """Trainer's compiled step (see the module docstring); ``_init_compiled`` sets its state."""

    def _init_compiled(self) -> None:
        self.step_mode = StepMode()
        self.compiled_ready = threading.Event()  # set when compiling ended, either way
        self._compiled: FastStep | None = None  # set by the compile thread
        self._compiling: FastStep | None = None  # the last one asked for
        self._compiled_wanted = False
        self._mode_lock = threading.Lock()
        # Steps since the last report_step_mode(): "compiled", or why one ran eagerly while
        # a compiled step was ready ("probe", "epoch_end", "short_run", "first"), else "eager".
        self._ran: Counter[str] = Counter()

    @property
    def compiled_steps(self) -> int:
        """Steps trained through the compiled function so far (the rest ran eagerly)."""
        return self._compiled.steps if self._compiled is not None else 0

    def start_compiling(self, *, background: bool = True, on_done: Callable[[StepMode], object] | None = None,
                        backend: str | None = "inductor") -> StepMode:
        """Prepare the compiled step: on the shared compile thread, or here when not ``background``.

        Returns the mode right after the request ("compiling", "compiled" when it is
        already, or "eager" with the reason none can be used). When a compile ends,
        either way, ``compiled_ready`` is set and ``on_done(mode)`` is called (on the
        compile thread). ``backend`` goes to torch.compile; None runs the same
        functional K-step uncompiled (to check it against eager quickly).
        """
        with self._mode_lock:
            self._compiled_wanted = True
            if self._compiled is not None:
                self.step_mode = StepMode("compiled", seconds=self._compiled.seconds)
                return self.step_mode
            if self.step_mode.mode == "compiling":
                return self.step_mode
            reason = unavailable_reason(self.design, self.device.type)
            if reason:
                self.step_mode = StepMode("eager", reason)
                self.compiled_ready.set()
                return self.step_mode
            self.step_mode = StepMode("compiling")
            self.compiled_ready.clear()
        fast, sample = self._make_fast_step()
        self._compiling = fast

        def job() -> None:
            try:
                if fast.cancelled:  # superseded before its turn on the compile thread
                    raise Cancelled("cancelled")
                fast.compile(*sample, backend=backend)
            except Exception as error:  # any compiler failure: stay eager and say why
                with self._mode_lock:
                    if fast.cancelled:
                        self.step_mode = StepMode("eager", "off")
                    else:
                        self.step_mode = StepMode("eager", "failed", f"{type(error).__name__}: {error}"[:2000])
            else:
                with self._mode_lock:
                    self._compiled = fast
                    wanted = self._compiled_wanted
                    self.step_mode = StepMode("compiled", seconds=fast.seconds) if wanted else StepMode("eager", "off")
            finally:
                self.compiled_ready.set()
                if on_done is not None:
                    on_done(self.step_mode)

        if background:
            COMPILER.request(job)
        else:
            job()
        return self.step_mode

    def report_step_mode(self) -> StepMode:
        """The step mode with the steps that ran compiled and eagerly since the last report
        (and why most eager ones did), for a snapshot; starts the next count."""
        ran, self._ran = self._ran, Counter()
        compiled = ran.pop("compiled", 0)
        eager = sum(ran.values())
        reasons = [why for why, _ in ran.most_common() if why != "eager"]
        call = self._compiled.k if self._compiled is not None else 0
        return dataclasses.replace(self.step_mode, compiled_steps=compiled, eager_steps=eager,
                                   eager_because=reasons[0] if reasons else "", call_steps=call)

    def round_chunk(self, n: int, probe: bool = False) -> int:
        """The fewest steps, at least ``n``, for a ``train_steps(steps, probe)`` call from the
        current step that makes at least one compiled call and in which no step that could
        run compiled runs eagerly; ``n`` when no compiled step is ready. Follows train_steps' choice step by step: compiled calls
        wherever K equal batches of this epoch remain, eager steps in between (an epoch's
        remainder), the first step eager while the optimizer has no state, the probe last.
        """
        fast = self._compiled if self._compiled_wanted else None
        if fast is None:
            return n
        full = self.batch_size >= len(self.x_train)
        at, done = self.batch_in_epoch, 0
        if not fast.states_ready():
            at, done = (at + 1) % self.steps_per_epoch, 1
        plain, calls = n - 1 if probe else n, 0
        while done < plain or not calls:
            fits = full or at + fast.k <= self.full_batches
            step, calls = (fast.k, calls + 1) if fits else (1, calls)
            at, done = (at + step) % self.steps_per_epoch, done + step
        return done + 1 if probe else done

    def _run_compiled(self, fast: FastStep, at: int, left: int, ready: bool) -> tuple[torch.Tensor | None, str]:
        """(the losses of one compiled call of ``fast.k`` steps from epoch position ``at``, "")
        or (None, why the next step runs eagerly), with ``left`` plain steps in the call."""
        if not ready:
            return None, "first"
        if left < fast.k:
            return None, "short_run"
        batches = self._fast_batches(at, fast.k)
        if batches is None:
            return None, "epoch_end"
        return fast.run(*batches), ""

    def train_eagerly(self, reason: str) -> StepMode:
        """Do not compile: the steps run eagerly for ``reason`` (StepMode's reasons), e.g.
        "grouped": the run is stepped with others of its shape (group_step), faster than
        its own compiled step would be."""
        with self._mode_lock:
            self._compiled_wanted = False
            self.step_mode = StepMode("eager", reason)
            self.compiled_ready.set()
            return self.step_mode

    def cancel_compiling(self) -> None:
        """The run is over: stop a compile for it that is still going on (frees the compile thread)."""
        with self._mode_lock:
            self._compiled_wanted = False
        if self._compiling is not None:
            self._compiling.cancel()

    def _compiled_failed(self, error: Exception) -> None:
        with self._mode_lock:
            self._compiled_wanted, self._compiled = False, None
            self.step_mode = StepMode("eager", "failed", f"{type(error).__name__}: {error}"[:2000])

    def stop_compiled(self) -> StepMode:
        """Use eager steps only, from the next call on (the learner turned the compiled step off)."""
        with self._mode_lock:
            self._compiled_wanted = False
            if self.step_mode.mode != "compiling":
                self.step_mode = StepMode("eager", "off")
            return self.step_mode

    def _make_fast_step(self) -> tuple[FastStep, tuple[torch.Tensor, torch.Tensor]]:
        """The K-step function for this design, and a sample of its input batches to compile with."""
        full = self.batch_size >= len(self.x_train)
        rows = len(self.x_train) if full else self.batch_size
        size = self.parameters + sum(m.out_features for m in self.network if isinstance(m, torch.nn.Linear))
        k = steps_per_call(None if full else self.full_batches, rows, size)
        index = {id(p): i for i, p in enumerate(self.network.parameters())}
        training = self.design.training
        penalty = (training.regularization, training.regularization_rate, tuple(index[id(w)] for w in self._weights))
        fast = FastStep(self.network, self.loss_fn, self.optimizer, self.design.optimizer.name, k, penalty)
        if full:
            return fast, self._full_batch_stack(k)
        return fast, self._stack(self.x_train, self.y_train, k)

    def _stack(self, x: torch.Tensor, y: torch.Tensor, count: int) -> tuple[torch.Tensor, torch.Tensor]:
        """The first ``count`` batches of (x, y) as (count, batch_size, ...) views."""
        used = count * self.batch_size
        return (x[:used].view(count, self.batch_size, *x.shape[1:]),
                y[:used].view(count, self.batch_size, *y.shape[1:]))

    def _full_batch_stack(self, k: int) -> tuple[torch.Tensor, torch.Tensor]:
        """Full batch: the whole training set k times, expanded (not copied)."""
        return self.x_train.expand(k, *self.x_train.shape), self.y_train.expand(k, *self.y_train.shape)

    def _fast_batches(self, at: int, k: int) -> tuple[torch.Tensor, torch.Tensor] | None:
        """The next ``k`` batches as (k, B, ...) tensors when they all have the full batch size."""
        if self.batch_size >= len(self.x_train):  # full batch: the same batch every step, over epochs
            return self._full_batch_stack(k)
        if at + k > self.full_batches:
            return None
        xs, ys = self._stacked
        return xs[at : at + k], ys[at : at + k]
