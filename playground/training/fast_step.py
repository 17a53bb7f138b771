"""The compiled training step: K optimizer steps as one function, compiled by torch.compile.

On the tiny networks learners build, an eager step is mostly PyTorch's per-operation
overhead (about 125 µs for TensorFlow Playground's default network, 220 µs for a
6 x 8 tanh network at batch 1). Compiling the usual ``loss.backward();
optimizer.step()`` does not help (graph breaks; measured 0.6-0.98x). What does is
one functional graph for the whole step: ``torch.func.grad`` of a ``functional_call``
of the learner's own ``nn.Sequential``, followed by the optimizer's update written
out with the same formulas as ``torch.optim`` (the update and state names its
registry entry gives, playground.training.updates), unrolled K times and compiled
with ``fullgraph=True`` (measured 4-14x; docs/compiled-step-research.md).

The compiled function works in place on the very tensors the eager path uses: the
module's parameters (as detached views sharing their storage), its buffers (batch
norm's running statistics) and the optimizer's state tensors. So the trainer can
mix the two freely: the instrumented probe step, an epoch's short last batch and
any step that does not fill K run eagerly, everything else compiled, and saving or
resuming sees one consistent state. Losses match eager to floating-point tolerance
(tested); only the speed changes.

Compiling takes 10-40 s the first time and a few seconds once inductor's cache (in
the user's cache folder) holds the graph, so it runs on a background thread while
eager training goes on; ``mode`` says where it stands. Designs that cannot match
eager (dropout draws random numbers differently), optimizers whose entry has no
compiled update, machines without a C++ compiler, the packaged app (no headers to
compile against) and a compile that fails all stay eager, with the reason kept for
the status bar. The compile thread and leaving a process mid-compile are in
compile_thread.
"""

from __future__ import annotations

import os
import sys
import time
import types
from pathlib import Path
from typing import Callable

import torch
from torch import nn

from playground import platforms
from playground.design import registry
from playground.nn.components import resolve
from playground.nn.model import weight_penalty

K_MAX = 10  # steps unrolled per call; compile time grows linearly with it
CALL_WORK = 5_000_000  # batch rows x (parameters + units) per compiled call before K shrinks (steps_per_call)
EAGER_ENV = "NN_PLAYGROUND_EAGER"  # set (to anything but "" or "0") to never compile
CACHE_ENV = "NN_PLAYGROUND_CACHE"  # overrides the cache folder


def cache_folder() -> Path:
    """Where compiled graphs are kept between launches: the user's cache folder
    (playground.platforms.user_folders says where that is on each system)."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    return Path(platforms.user_folders().cache)


def use_cache_folder() -> None:
    """Point inductor's cache at ``cache_folder()`` unless the user already chose one.

    Inductor fixes its folder (in this variable) the first time anything asks for
    it, and creating any torch optimizer already does: so this runs when this module
    is imported, before the trainer makes its optimizer.
    """
    if "TORCHINDUCTOR_CACHE_DIR" not in os.environ:
        os.environ["TORCHINDUCTOR_CACHE_DIR"] = str(cache_folder())


use_cache_folder()


def find_compiler() -> str:
    """The C++ compiler inductor would use on the CPU, or "" when there is none (playground.platforms)."""
    return platforms.find_compiler()


def unavailable_reason(design, device_type: str) -> str:
    """Why this design cannot use a compiled step here ("" when it can); see StepMode.reason."""
    if os.environ.get(EAGER_ENV, "") not in ("", "0"):
        return "off"
    if getattr(sys, "frozen", False):
        return "frozen"
    if design.has_dropout:
        return "dropout"
    if registry.OPTIMIZERS[design.optimizer.name].update is None:
        return "optimizer"
    if device_type == "cpu":
        return "" if find_compiler() else "no_compiler"
    if device_type == "cuda":
        try:
            import triton  # noqa: F401  (inductor's GPU code generator)
        except ImportError:
            return "no_compiler"
        return ""
    return "device"  # inductor on Apple's MPS is still experimental


def chunk_size(full_batches: int, k_max: int = K_MAX) -> int:
    """Steps per compiled call for an epoch of ``full_batches`` equal batches.

    A divisor of the epoch, so that the calls tile it without an eager remainder,
    preferably at least k_max / 2; otherwise k_max and the remainder runs eagerly.
    """
    if full_batches <= k_max:
        return max(1, full_batches)
    for k in range(k_max, (k_max + 1) // 2 - 1, -1):
        if full_batches % k == 0:
            return k
    return k_max


def steps_per_call(full_batches: int | None, rows: int, size: int) -> int:
    """Steps per compiled call for an epoch of ``full_batches`` equal batches (None: full
    batch, the same batch every step, which any K tiles) of ``rows`` rows, through a
    network of ``size`` (its parameters plus its units): chunk_size, with fewer than
    K_MAX steps for large steps.

    Unrolling pays where a step is mostly per-operation overhead; a large step is
    mostly arithmetic, and K steps cost K times the compile time and make the run loop
    wait for K steps at once. Measured (one thread): spiral 6 x 256 at batch 32 (10.7M)
    ran 1.2 ms a step at K = 1 and at K = 7, compiled in 25 s and 42 s; a 6 x 8 tanh net
    on 10,000 points full batch (4.4M) ran 3.6 and 3.4 ms at K = 1 and 10, compiled
    in 12 s and 44 s. So K_MAX up to CALL_WORK rows x size per call, and one step per
    call beyond.
    """
    k_max = max(1, min(K_MAX, CALL_WORK // max(1, rows * size)))
    return k_max if full_batches is None else chunk_size(full_batches, k_max)


class FastStep:
    """K training steps of ``network`` as one function (compiled by ``compile()``).

    ``penalty`` is (the design's regularization, its rate, the indices among
    ``network.parameters()`` of the weights it applies to), as model.weight_penalty takes them. Optimizer hyperparameters other than the
    learning rate are read once, here; the learning rate is read at every call.
    """

    def __init__(self, network: nn.Module, loss_fn: nn.Module, optimizer: torch.optim.Optimizer,
                 optimizer_name: str, k: int, penalty: tuple[str, float, tuple[int, ...]] = ("none", 0.0, ())):
        entry = registry.OPTIMIZERS[optimizer_name]
        if entry.update is None:
            raise ValueError(f"no compiled step for the optimizer {optimizer_name!r}")
        self.k = k
        self._network, self._loss_fn, self._optimizer = network, loss_fn, optimizer
        self._module_params = list(network.parameters())
        self._params = [p.detach() for p in self._module_params]  # share storage with the module
        self._param_names = [name for name, _ in network.named_parameters()]
        self._buffer_names = [name for name, _ in network.named_buffers()]
        self._buffers = [b for _, b in network.named_buffers()]
        # The hyperparameters as torch holds them, constants of the traced graph; not the
        # learning rate, which comes in as a tensor at every call (live changes).
        self._group = {key: value for key, value in optimizer.param_groups[0].items() if key not in ("params", "lr")}
        self._update = resolve(entry.update)
        self._keys = tuple(entry.state_keys(self._group))
        self._penalty = penalty
        self._lr_value: float | None = None
        self._lr = torch.zeros((), dtype=torch.float64)
        self._function: Callable = self._k_steps  # uncompiled until compile() succeeds
        self.seconds = 0.0  # how long compile() took
        self.steps = 0  # trained through run()
        self.cancelled = False  # set by cancel(); compile() then stops at its next chance
        self._grad = torch.func.grad(self._loss_of, has_aux=True)

    # --- the step, written for torch.compile (no Python-side data dependence) ---------
    def _loss_of(self, params: list[torch.Tensor], buffers: list[torch.Tensor],
                 x: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        tensors = dict(zip(self._param_names, params))
        tensors.update(zip(self._buffer_names, buffers))
        loss = self._loss_fn(torch.func.functional_call(self._network, tensors, (x,)), y)
        kind, rate, indices = self._penalty
        extra = weight_penalty(kind, rate, [params[i] for i in indices])
        return (loss if extra is None else loss + extra), loss.detach()

    def _k_steps(self, params: list[torch.Tensor], buffers: list[torch.Tensor],
                 states: list[list[torch.Tensor]], xs: torch.Tensor, ys: torch.Tensor,
                 lr: torch.Tensor) -> torch.Tensor:
        losses = []
        for i in range(self.k):
            grads, loss = self._grad(params, buffers, xs[i], ys[i])
            for param, grad, state in zip(params, grads, states):
                self._update(param, grad, state, lr, self._group)
            losses.append(loss)
        return torch.stack(losses)

    # --- use -----------------------------------------------------------------------------
    def states_ready(self) -> bool:
        """True once the optimizer holds every state tensor the update needs (after one eager step)."""
        state = self._optimizer.state
        return all(all(torch.is_tensor(state[p].get(key)) for key in self._keys) for p in self._module_params)

    def run(self, xs: torch.Tensor, ys: torch.Tensor) -> torch.Tensor:
        """Train K steps on the batches ``xs[i], ys[i]``; returns the K losses (a tensor).

        Needs ``states_ready()``. Updates the module and the optimizer state in place.
        """
        lr = self._optimizer.param_groups[0]["lr"]  # live; load_state_dict replaces the group dicts
        if lr != self._lr_value:
            self._lr_value = lr
            self._lr = torch.tensor(lr, dtype=torch.float64)
        state = self._optimizer.state
        states = [[state[p][key] for key in self._keys] for p in self._module_params]
        self.steps += self.k
        with torch.no_grad():
            return self._function(self._params, self._buffers, states, xs, ys, self._lr)

    def compile(self, xs: torch.Tensor, ys: torch.Tensor, backend: str | None = "inductor") -> float:
        """Compile the K-step function and run it once on copies of the state; returns seconds.

        Safe to call on a background thread while the owner trains eagerly: nothing
        the owner uses is touched. Raises whatever torch.compile raises. ``backend``
        None keeps the function uncompiled (plain Python, to check its formulas).
        """
        start = time.perf_counter()
        compiled = self._k_steps
        if backend is not None:
            # A silent fall back to uncompiled Python after too many recompiles would be
            # slower than eager: raise instead, and the trainer goes back to eager steps.
            torch._dynamo.config.fail_on_recompile_limit_hit = True
            # Compile in this thread only: no pool of compile processes beside the
            # training process (the trainer and the window already use both cores of
            # a small machine, and a pool outlives the compile).
            from torch._inductor import config as inductor_config

            inductor_config.compile_threads = 1
            _use_compiler_found(inductor_config)
            _keep_headers_in_cache()
            compiled = torch.compile(_own_code(self._k_steps), fullgraph=True, dynamic=False,
                                     backend=self._cancellable(backend))
        with torch.no_grad():
            params = [p.clone() for p in self._params]
            buffers = [b.clone() for b in self._buffers]
            states = [[_state_like(p, key, self._optimizer.state[m].get(key))
                       for key in self._keys] for p, m in zip(self._params, self._module_params)]
            try:
                losses = compiled(params, buffers, states, xs.clone(), ys.clone(), self._lr.clone())
            except Exception:
                if self.cancelled:  # torch wraps the backend's exception in its own
                    raise Cancelled("the run ended while its step was compiled") from None
                raise
        if losses.shape != (self.k,):
            raise RuntimeError(f"the compiled step returned losses of shape {tuple(losses.shape)}")
        if self.cancelled:
            raise Cancelled("the run ended while its step was compiled")
        self._function = compiled
        self.seconds = time.perf_counter() - start
        return self.seconds

    def cancel(self) -> None:
        """Stop a compile in progress at its next chance: after tracing, before the
        expensive part (inductor's code generation and the C++ compiler)."""
        self.cancelled = True

    def _cancellable(self, backend: str):
        from torch._dynamo.backends.registry import lookup_backend

        inner = lookup_backend(backend)

        def compile_graph(graph, example_inputs):
            if self.cancelled:
                raise Cancelled("the run ended while its step was compiled")
            return inner(graph, example_inputs)

        return compile_graph


def _use_compiler_found(inductor_config) -> None:
    """Let inductor run the compiler find_compiler() chose (on Windows it reads $CXX or
    runs ``cl`` itself): on Linux it would try only g++, which a machine with just
    ``c++`` or ``clang++`` lacks, and the compile would fail where it can succeed."""
    compiler = find_compiler()
    if compiler and sys.platform != "win32":
        inductor_config.cpp.cxx = (None, compiler)


def _keep_headers_in_cache() -> None:
    """Precompile inductor's C++ headers into its cache folder rather than the system's.

    Inductor keeps them (about 150 MB, a third less C++ compiler time for a cold
    compile of the default network) in the temp folder's ``torchinductor_<user>``, outside
    ``TORCHINDUCTOR_CACHE_DIR``; beside our compiled graphs they are in the one
    folder the README names, and a test's temporary cache folder catches them too.
    """
    from torch._inductor import codecache
    from torch._inductor.runtime.cache_dir_utils import cache_dir

    if hasattr(codecache, "_HEADER_DIR"):  # a private name: newer torch may keep them elsewhere
        codecache._HEADER_DIR = os.path.join(cache_dir(), "precompiled_headers")
        codecache._HEADER_LOCK_DIR = os.path.join(codecache._HEADER_DIR, "locks")


class Cancelled(Exception):
    """compile() was cancelled: the run it was for has ended."""


def _own_code(method):
    """``method`` with a copy of its code object: torch.compile caches compiled graphs on
    the code object, and every FastStep (every design of a session) needs its own cache,
    or the recompile limit (8 per code object) would be hit after a few designs."""
    function = method.__func__
    copy = types.FunctionType(function.__code__.replace(), function.__globals__, function.__name__,
                              function.__defaults__, function.__closure__)
    return types.MethodType(copy, method.__self__)


def _state_like(param: torch.Tensor, key: str, value) -> torch.Tensor:
    """A copy of an optimizer state tensor, or one of the right kind when not created yet."""
    if torch.is_tensor(value):
        return value.clone()
    if key == "step":
        return torch.zeros((), dtype=torch.float32)
    return torch.zeros_like(param)
