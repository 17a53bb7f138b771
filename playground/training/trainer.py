"""The Trainer: one optimizer step, one epoch, evaluation, and instrumented probe steps.

Per step the trainer does what a plain PyTorch loop does (forward, loss, backward,
optimizer step) plus keeping the detached loss; the host reads the losses once per
``train_steps`` call, not once per step. Probes cost a few hundred microseconds and
are taken only when asked for (the run loop asks at the display rate).

``start_compiling()`` prepares a compiled K-step function (playground.training.fast_step) on
a background thread; once it is ready, runs of K equal batches go through it and
everything else (probe steps, an epoch's short last batch, a remainder shorter than
K) stays eager. Both work on the same tensors, so the two interleave freely.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch
from torch import nn

from playground.data.datasets import Dataset, make_dataset
from playground.design.schema import Design, require_valid
from playground.nn.devices import DeviceChoice, select_device
from playground.errors import DesignError, PlaygroundError, Problem
from playground.training.fast_step import COMPILER, K_MAX, Cancelled, FastStep, chunk_size, unavailable_reason
from playground.design import rules
from playground.design.shapes import check_size, output_size
from playground.nn.model import build_network, weight_penalty
from playground.runs.messages import BlockPicture, Dashboard
from playground.nn.probes import (
    OVERFLOW,
    ActivationStats,
    BatchNormStats,
    LayerGradient,
    Metrics,
    ProbeReport,
    StepMode,
    diverged_verdict,
    finite,
    finite_array,
    gradient_verdict,
)

SMALL_NETWORK = 200_000  # parameters; below this one torch thread is fastest
BOUNDARY_RESOLUTION = 64  # decision-boundary grid, points per side
NEURON_RESOLUTION = 20  # per-neuron heat maps, points per side
CURVE_POINTS = 200  # 1-D regression curve


class Diverged(PlaygroundError):
    """The loss stopped being a finite number. ``str()`` explains what to try.

    ``probe``: the gradients at the weights the run stopped with, its verdict saying
    that the run diverged (what the dashboards show last), or None.
    """

    def __init__(self, message: str, *, losses: np.ndarray, step: int, epoch: int,
                 probe: ProbeReport | None = None):
        super().__init__(message)
        self.losses = losses
        self.step = step
        self.epoch = epoch
        self.probe = probe


@dataclass(frozen=True)
class StepResult:
    losses: np.ndarray  # float32 (k,): the training loss of each step, without regularization
    probe: ProbeReport | None


# Devices where torch has a fused (one kernel for all parameters) implementation.
FUSED_ON: dict[str, tuple[str, ...]] = {
    "sgd": ("cpu", "cuda"), "momentum": ("cpu", "cuda"), "adagrad": ("cpu",), "rmsprop": (),
    "adam": ("cpu", "cuda"), "adamw": ("cpu", "cuda"),
}


def use_threads_for(network: nn.Module) -> None:
    """One torch thread for a network under SMALL_NETWORK parameters, for this process.

    On such a network the work per operation is too small to split: more threads only
    hand it around, and when another process keeps a core busy they wait for it (200
    epochs of the default design on two loaded cores: 84-106 s on two threads, 16-19 s
    on one). Larger networks keep torch's own choice. The training process and the
    command line both use this rule.
    """
    if sum(p.numel() for p in network.parameters()) < SMALL_NETWORK:
        torch.set_num_threads(1)


def make_optimizer(design: Design, params, device: torch.device | None = None) -> torch.optim.Optimizer:
    """The torch optimizer for the design: fused where torch has it for ``device``, which
    on tiny networks saves most of the per-parameter Python work (measured on the CPU:
    Adam 1.65x, SGD 1.03x steps/s); the same maths up to floating-point rounding."""
    params = list(params)
    fused = device is not None and device.type in FUSED_ON[design.optimizer.name]
    try:
        return _optimizer(design, params, fused)
    except (RuntimeError, ValueError):
        if not fused:
            raise
        return _optimizer(design, params, False)  # this torch build has no fused kernel here


def _optimizer(design: Design, params: list, fused: bool) -> torch.optim.Optimizer:
    o = design.optimizer
    common = {"lr": o.lr, "weight_decay": o.weight_decay}
    if fused:
        common["fused"] = True
    if o.name == "sgd":
        return torch.optim.SGD(params, **common)
    if o.name == "momentum":
        return torch.optim.SGD(params, momentum=o.momentum, nesterov=o.nesterov, **common)
    if o.name == "adagrad":
        return torch.optim.Adagrad(params, eps=o.eps, **common)
    if o.name == "rmsprop":
        return torch.optim.RMSprop(params, alpha=o.alpha, eps=o.eps, momentum=o.momentum, **common)
    cls = torch.optim.Adam if o.name == "adam" else torch.optim.AdamW
    return cls(params, betas=(o.beta1, o.beta2), eps=o.eps, **common)


def make_loss(name: str) -> nn.Module:
    return {
        "mse": nn.MSELoss,
        "mae": nn.L1Loss,
        "huber": nn.HuberLoss,
        "cross_entropy": nn.CrossEntropyLoss,
        "bce": nn.BCEWithLogitsLoss,
    }[name]()


def check_fit(design: Design, dataset: Dataset) -> None:
    """Refuse a loss that cannot work with this data (known only once loaded, for CSV)."""
    if design.loss == "bce" and dataset.n_classes != 2:
        raise DesignError(
            [Problem("loss", f"binary cross-entropy needs exactly 2 classes; this data has {dataset.n_classes}: use cross-entropy")],
            title="The loss does not fit the data:",
        )
    if not rules.loss_fits(design.loss, dataset.task):
        kind = "regression" if dataset.task == "regression" else "classification"
        raise DesignError([Problem("loss", f"{design.loss} does not fit {kind} data")], title="The loss does not fit the data:")


class Trainer:
    """Trains one Design on one Dataset. Not thread-safe: one thread drives it."""

    def __init__(self, design: Design, dataset: Dataset | None = None, *, device: DeviceChoice | None = None):
        self.design = require_valid(design)
        self.dataset = dataset if dataset is not None else make_dataset(design.data)
        check_fit(design, self.dataset)
        self.device_choice = device or select_device(design.training.device)
        self.device = torch.device(self.device_choice.device)
        n_outputs = output_size(design.loss, self.dataset.n_classes)
        self.parameters = check_size(design, self.dataset.n_inputs, n_outputs)  # counted once, here

        # Seeds the initial weights and the global generator dropout draws from.
        torch.manual_seed(design.training.seed)
        network, self.blocks = build_network(design, self.dataset.n_inputs, n_outputs)
        self.network = network.to(self.device)
        self.network.train()
        self.loss_fn = make_loss(design.loss)
        self.optimizer = make_optimizer(design, self.network.parameters(), self.device)
        self._shuffle = torch.Generator().manual_seed(design.training.seed)

        self.x_train, self.y_train, self.c_train = self._tensors(self.dataset.x_train, self.dataset.y_train)
        self.x_test, self.y_test, self.c_test = self._tensors(self.dataset.x_test, self.dataset.y_test)
        n_train = len(self.x_train)
        self.batch_size = rules.batch_size(design.training, n_train)
        self._cuts = rules.batch_cuts(n_train, self.batch_size, design.has_batchnorm)
        self.steps_per_epoch = rules.steps_per_epoch(n_train, self.batch_size, design.has_batchnorm)
        self.max_steps = design.training.epochs * self.steps_per_epoch
        self.step = 0
        self.diverged = False
        self._batches: list[tuple[torch.Tensor, torch.Tensor]] = []
        self._epoch_order: torch.Tensor | None = None  # CPU int64 (n_train,), for resuming mid-epoch
        self._weights = [self.network[b.start].weight for b in self.blocks if b.kind in ("linear", "output")]
        self._grid_cache: dict[str, torch.Tensor] = {}

        # The compiled step (see start_compiling); None until one is ready and wanted.
        last = n_train - (self.steps_per_epoch - 1) * self.batch_size
        self.full_batches = self.steps_per_epoch - 1 + (last == self.batch_size)  # leading batches of batch_size
        self.step_mode = StepMode()
        self.compiled_ready = threading.Event()  # set when compiling ended, either way
        self._compiled: FastStep | None = None  # set by the compile thread
        self._compiling: FastStep | None = None  # the last one asked for
        self._compiled_wanted = False
        self._mode_lock = threading.Lock()
        self._stacked: tuple[torch.Tensor, torch.Tensor] | None = None  # this epoch's full batches, (S, B, ...)

    # --- state -------------------------------------------------------------------
    @property
    def epoch(self) -> int:
        """Completed epochs."""
        return self.step // self.steps_per_epoch

    @property
    def batch_in_epoch(self) -> int:
        return self.step % self.steps_per_epoch

    @property
    def finished(self) -> bool:
        return self.step >= self.max_steps

    @property
    def compiled_steps(self) -> int:
        """Steps trained through the compiled function so far (the rest ran eagerly)."""
        return self._compiled.steps if self._compiled is not None else 0

    @property
    def lr(self) -> float:
        return self.optimizer.param_groups[0]["lr"]

    def set_lr(self, lr: float) -> None:
        """Live change: takes effect at the next step, keeps weights and optimizer state.

        ``design`` follows, so that what is saved of this run says the rate it trains with.
        """
        if not lr > 0:
            raise ValueError("the learning rate must be positive")
        if self.design.optimizer.lr != float(lr):
            self.design = self.design.with_optimizer(lr=float(lr))  # first: it refuses a rate out of range
        for group in self.optimizer.param_groups:
            group["lr"] = float(lr)

    def set_epochs(self, epochs: int) -> None:
        """Live change of the epoch limit: a run that reached its limit may go on (``finished``
        turns False) or one stops at the current step when the limit falls below it.

        ``design`` follows, as for the learning rate.
        """
        if self.design.training.epochs != int(epochs):
            self.design = self.design.with_training(epochs=int(epochs))  # first: it refuses a limit out of range
        self.max_steps = self.design.training.epochs * self.steps_per_epoch

    def _tensors(self, x: np.ndarray, y: np.ndarray):
        x_t = torch.as_tensor(x, dtype=torch.float32, device=self.device)
        if self.dataset.task == "regression":
            y_loss = torch.as_tensor(y, dtype=torch.float32, device=self.device).reshape(-1, 1)
            return x_t, y_loss, None
        classes = torch.as_tensor(y, dtype=torch.int64, device=self.device)
        y_loss = classes.to(torch.float32).reshape(-1, 1) if self.design.loss == "bce" else classes
        return x_t, y_loss, classes

    # --- training ----------------------------------------------------------------
    def _start_epoch(self) -> None:
        n = len(self.x_train)
        if self.batch_size >= n:
            self._batches = [(self.x_train, self.y_train)]
            return
        self._use_order(torch.randperm(n, generator=self._shuffle))

    def _use_order(self, order: torch.Tensor) -> None:
        self._epoch_order = order
        order = order.to(self.device)
        xs, ys = self.x_train[order], self.y_train[order]
        self._batches = list(zip(torch.tensor_split(xs, self._cuts), torch.tensor_split(ys, self._cuts)))
        self._stacked = self._stack(xs, ys, self.full_batches)

    # --- saving and resuming (the weights, optimizer and global RNG are the caller's) ---
    def shuffle_state(self) -> tuple[torch.Tensor, torch.Tensor | None]:
        """The shuffle generator's state (uint8) and, mid-epoch, this epoch's sample order
        (CPU int64 (n_train,)); the order is None at an epoch boundary, where the next
        epoch draws a new one from the generator."""
        order = self._epoch_order if self.batch_in_epoch else None
        return self._shuffle.get_state(), None if order is None else order.clone()

    def resume(self, step: int, shuffle_state: torch.Tensor, epoch_order: torch.Tensor | None) -> None:
        """Continue at ``step`` with the batches ``shuffle_state()`` described; the caller
        checks that ``epoch_order`` is a permutation of the training set when mid-epoch."""
        self._shuffle.set_state(shuffle_state)
        self.step, self.diverged, self._batches, self._epoch_order = step, False, [], None
        if self.batch_in_epoch:
            self._use_order(epoch_order)

    def _penalty(self) -> torch.Tensor | None:
        training = self.design.training
        return weight_penalty(training.regularization, training.regularization_rate, self._weights)

    def _step(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        loss = self.loss_fn(self.network(x), y)
        penalty = self._penalty()
        self.optimizer.zero_grad()
        (loss if penalty is None else loss + penalty).backward()
        self.optimizer.step()
        return loss.detach()

    def train_steps(self, n: int, probe: bool = False) -> StepResult:
        """Run up to ``n`` batches (fewer at the epoch limit); with ``probe`` the last is instrumented.

        Raises Diverged (carrying the losses up to the bad one) when a loss is NaN or infinite.
        """
        if self.diverged:
            raise PlaygroundError("This run diverged; reset it to train again.")
        k = max(0, min(n, self.max_steps - self.step))
        start = self.step
        fast = self._compiled if self._compiled_wanted else None
        ready = False  # the optimizer creates its state on the first (eager) step
        plain = k - 1 if probe else k  # steps that may go through the compiled function
        losses, report = [], None
        done = 0
        while done < k:
            at = self.step % self.steps_per_epoch
            if at == 0:
                self._start_epoch()
            if fast is not None and plain - done >= fast.k and (ready or fast.states_ready()):
                ready = True
                batches = self._fast_batches(at, fast.k)
                if batches is not None:
                    try:
                        losses.append(fast.run(*batches))
                    except Exception as error:  # e.g. an unexpected recompile: eager from here on
                        fast = None
                        self._compiled_failed(error)
                    else:
                        self.step += fast.k
                        done += fast.k
                        continue
            x, y = self._batches[at]
            if probe and done == k - 1:
                loss, report = self._probe_step(x, y)
            else:
                loss = self._step(x, y)
            losses.append(loss.view(1))
            self.step += 1
            done += 1
        values = torch.cat(losses).cpu().numpy() if losses else np.zeros(0, np.float32)
        bad = np.flatnonzero(~np.isfinite(values))
        if bad.size:
            self._diverge(start + int(bad[0]), values[: bad[0] + 1])
        return StepResult(values, report)

    def _fast_batches(self, at: int, k: int) -> tuple[torch.Tensor, torch.Tensor] | None:
        """The next ``k`` batches as (k, B, ...) tensors when they all have the full batch size."""
        if self.batch_size >= len(self.x_train):  # full batch: the same batch every step, over epochs
            return self._full_batch_stack(k)
        if at + k > self.full_batches:
            return None
        xs, ys = self._stacked
        return xs[at : at + k], ys[at : at + k]

    # --- the compiled step -----------------------------------------------------------
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
        k = K_MAX if full else chunk_size(self.full_batches)
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

    def train_epoch(self, probe: bool = False) -> StepResult:
        """Run to the end of the current epoch (a whole epoch when at a boundary)."""
        return self.train_steps(self.steps_per_epoch - self.batch_in_epoch, probe)

    def _diverge(self, bad_step: int, losses: np.ndarray) -> None:
        self.diverged = True
        self.step = bad_step + 1
        layer = self._layer_diverged()
        where = (f"{layer} was the first layer whose weights stopped being finite numbers." if layer
                 else "The weights are still finite, but the outputs grew too large for the loss.")
        lr = self.lr
        kind = "NaN" if np.isnan(losses[-1]) else "infinite"
        epoch = bad_step // self.steps_per_epoch
        error = Diverged(
            f"Training diverged: the loss became {kind} at step {bad_step + 1:,} (epoch {epoch + 1}). {where} "
            f"The updates grew too large. Try a lower learning rate (now {lr:g}; e.g. {lr / 10:g}), "
            "an adaptive optimizer such as Adam, batch normalization, or regularization; then reset the run.",
            losses=losses,
            step=bad_step,
            epoch=epoch,
            probe=self._divergence_probe(bad_step, kind),
        )
        error.problems = [Problem("", str(error), "diverged", (kind, bad_step + 1, epoch + 1, layer, lr))]
        raise error

    def _layer_diverged(self) -> str:
        """The first layer whose weights are no longer finite, or "" when all still are."""
        for block in self.blocks:
            params = [p for m in self.network[block.start : block.stop] for p in m.parameters()]
            if any(not torch.isfinite(p).all() for p in params):
                return block.name
        return ""

    def _divergence_probe(self, bad_step: int, kind: str) -> ProbeReport:
        """The gradients at the weights the run stopped with, on the batch whose loss was not
        finite, without an update (batch-norm running statistics are kept as they were)."""
        x, y = self._batches[bad_step % len(self._batches)]
        buffers = [b.detach().clone() for b in self.network.buffers()]
        report = self._probe_step(x, y, update=False)[1]
        with torch.no_grad():
            for buffer, saved in zip(self.network.buffers(), buffers):
                buffer.copy_(saved)
        return dataclasses.replace(report, step=bad_step, epoch=bad_step // self.steps_per_epoch,
                                   verdict=diverged_verdict(bad_step + 1, kind))

    # --- probes ------------------------------------------------------------------
    def _probe_step(self, x: torch.Tensor, y: torch.Tensor, update: bool = True) -> tuple[torch.Tensor, ProbeReport]:
        """One real training step (or, without ``update``, only its gradients), recording what
        the dashboards show; numbers that overflowed are reported as probes.OVERFLOW."""
        before = [w.detach().clone() for w in self._weights]
        pre_activations, bn_inputs = [], []
        out = x
        for block in self.blocks:
            for index in range(block.start, block.stop):
                module = self.network[index]
                if isinstance(module, nn.BatchNorm1d):
                    bn_inputs.append((block.name, out.detach(), module))
                out = module(out)
                if index == block.start and block.kind in ("linear", "batchnorm"):
                    pre_activations.append((block.name, out.detach()))
        loss = self.loss_fn(out, y)
        penalty = self._penalty()
        self.optimizer.zero_grad()
        (loss if penalty is None else loss + penalty).backward()
        if update:
            self.optimizer.step()

        linear_blocks = [b for b in self.blocks if b.kind in ("linear", "output")]
        rows = []
        for block, w0 in zip(linear_blocks, before):
            linear = self.network[block.start]
            rows.append(
                torch.stack(
                    [
                        _norm(linear.weight.grad),
                        _norm(linear.bias.grad),
                        torch.linalg.vector_norm(w0),
                        torch.linalg.vector_norm(linear.weight.detach() - w0),
                    ]
                )
            )
        stats = [torch.stack([a.mean(), a.std(unbiased=False)]) for _, a in pre_activations]
        numbers = [finite(n) for n in torch.cat(rows + stats).cpu().tolist()] if rows or stats else []
        grad_rows = [numbers[i : i + 4] for i in range(0, 4 * len(rows), 4)]
        stat_rows = [numbers[i : i + 2] for i in range(4 * len(rows), len(numbers), 2)]
        gradients = tuple(
            LayerGradient(b.name, g, gb, w, finite(dw / w) if w > 0 else (0.0 if dw == 0 else OVERFLOW))
            for b, (g, gb, w, dw) in zip(linear_blocks, grad_rows)
        )
        activations = tuple(
            ActivationStats(name, mean, std) for (name, _), (mean, std) in zip(pre_activations, stat_rows)
        )
        batchnorm = tuple(_bn_stats(name, inp, module) for name, inp, module in bn_inputs)
        report = ProbeReport(self.step, self.epoch, gradients, activations, batchnorm, gradient_verdict(gradients))
        return loss.detach(), report

    # --- evaluation and views ------------------------------------------------------
    @torch.no_grad()
    def evaluate(self) -> Metrics:
        self.network.eval()
        try:
            values = [*self._loss_and_accuracy(self.x_train, self.y_train, self.c_train),
                      *self._loss_and_accuracy(self.x_test, self.y_test, self.c_test)]
            numbers = torch.stack(values).cpu().tolist()
        finally:
            self.network.train()
        classify = self.dataset.task != "regression"
        return Metrics(
            numbers[0], numbers[2], numbers[1] if classify else None, numbers[3] if classify else None
        )

    def _loss_and_accuracy(self, x, y, classes):
        if len(x) == 0:
            nan = torch.tensor(float("nan"), device=self.device)
            return nan, nan
        out = self.network(x)
        loss = self.loss_fn(out, y)
        if classes is None:
            return loss, torch.zeros((), device=self.device)
        predicted = (out[:, 0] > 0).long() if self.design.loss == "bce" else out.argmax(1)
        return loss, (predicted == classes).float().mean()

    def predict(self, x: np.ndarray) -> np.ndarray:
        """Model output for inputs (m, n_inputs): class probabilities (m, C), or values (m,)."""
        with torch.no_grad():
            return self._predict(torch.as_tensor(x, dtype=torch.float32, device=self.device)).cpu().numpy()

    def _predict(self, x: torch.Tensor) -> torch.Tensor:
        self.network.eval()
        try:
            out = self.network(x)
        finally:
            self.network.train()
        if self.dataset.task == "regression":
            return out[:, 0]
        if self.design.loss == "bce":
            p = torch.sigmoid(out)
            return torch.cat([1 - p, p], dim=1)
        return torch.softmax(out, dim=1)

    def dashboard(self) -> Dashboard:
        """The heavy numbers for the dashboards (call at the display rate): the record a
        snapshot carries, in fresh numpy arrays that nothing here changes afterwards."""
        with torch.no_grad():
            planar = self.dataset.input_kind == "2d"
            maps = iter(self._neuron_maps(NEURON_RESOLUTION) if planar else ())
            blocks = []
            for block in self.blocks:
                picture = BlockPicture()
                if block.kind in ("linear", "output"):  # .numpy() shares the parameter's memory: copy
                    layer = self.network[block.start]
                    picture = BlockPicture(layer.weight.detach().cpu().numpy().copy(),
                                           layer.bias.detach().cpu().numpy().copy())
                if planar and block.kind in ("linear", "batchnorm"):
                    picture = BlockPicture(picture.weight, picture.bias, next(maps))
                blocks.append(picture)
            blocks = tuple(blocks)
            kind = self.dataset.input_kind
            if kind == "2d":
                return Dashboard(blocks, boundary=self._grid_predict(BOUNDARY_RESOLUTION))
            if kind == "1d":
                xs = self._grid("curve", CURVE_POINTS)
                return Dashboard(blocks, curve_x=self._curve_x.copy(), curve_y=self._predict(xs).cpu().numpy())
            if self.dataset.task == "regression":
                return Dashboard(blocks, predicted=self._predict(self.x_test).cpu().numpy(),
                                 actual=self.dataset.y_test.astype(np.float32))  # astype copies
            predicted = self._predict(self.x_test).argmax(1).cpu().numpy()
            c = self.dataset.n_classes
            return Dashboard(blocks, confusion=np.bincount(self.dataset.y_test * c + predicted,
                                                           minlength=c * c).reshape(c, c))

    def _grid(self, key: str, resolution: int) -> torch.Tensor:
        """Model inputs for a regular grid over the data's extent (cached per resolution)."""
        name = f"{key}{resolution}"
        if name not in self._grid_cache:
            x0, x1, y0, y1 = self.dataset.extent
            if key == "curve":
                self._curve_x = np.linspace(x0, x1, resolution, dtype=np.float32)
                raw = self._curve_x[:, None]
            else:
                gx, gy = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
                raw = np.stack([gx.ravel(), gy.ravel()], axis=1).astype(np.float32)
            features = self.dataset.features_of(raw)
            self._grid_cache[name] = torch.as_tensor(features, dtype=torch.float32, device=self.device)
        return self._grid_cache[name]

    def _grid_predict(self, resolution: int) -> np.ndarray:
        values = self._predict(self._grid("grid", resolution)).cpu().numpy()
        if values.ndim == 1:
            return values.reshape(resolution, resolution)
        return values.reshape(resolution, resolution, -1)

    def _neuron_maps(self, resolution: int) -> list[np.ndarray]:
        x = self._grid("grid", resolution)
        maps = []
        self.network.eval()
        try:
            for block in self.blocks[:-1]:
                for module in self.network[block.start : block.stop]:
                    x = module(x)
                if block.kind in ("linear", "batchnorm"):
                    maps.append(x.T.reshape(-1, resolution, resolution).cpu().numpy())  # a new tensor: no copy needed
        finally:
            self.network.train()
        return maps


def _norm(grad: torch.Tensor | None) -> torch.Tensor:
    if grad is None:
        return torch.zeros(())
    return torch.linalg.vector_norm(grad)


def _bn_stats(name: str, inputs: torch.Tensor, bn: nn.BatchNorm1d) -> BatchNormStats:
    def arr(t: torch.Tensor) -> np.ndarray:
        return finite_array(t.detach().to(torch.float32).cpu().numpy())

    return BatchNormStats(
        name,
        batch_mean=arr(inputs.mean(0)),
        batch_var=arr(inputs.var(0, unbiased=False)),
        running_mean=arr(bn.running_mean),
        running_var=arr(bn.running_var),
        gamma=arr(bn.weight),
        beta=arr(bn.bias),
    )
