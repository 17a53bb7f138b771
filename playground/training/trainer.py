"""The Trainer: one optimizer step, one epoch, evaluation, and the dashboards' data.

Per step the trainer does what a plain PyTorch loop does (forward, loss, backward,
optimizer step; for plain Linear/activation stacks written out without autograd, with
the same numbers: lean_step) plus keeping the detached loss; the host reads the losses once per
``train_steps`` call, not once per step. The optimizer and loss come from the
design's registry entries (playground.nn.components). Probes (probe_step) cost a few
hundred microseconds and are taken only when asked for (the run loop asks at the
display rate); a loss that stops being finite raises Diverged (divergence).

``start_compiling()`` (CompiledSteps, in compiled) prepares a compiled K-step
function (playground.training.fast_step) on a background thread; once it is ready,
runs of K equal batches go through it and everything else (probe steps, an epoch's
short last batch, a remainder shorter than K) stays eager. Both work on the same
tensors, so the two interleave freely.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from playground.data.datasets import Dataset, make_dataset
from playground.design import registry
from playground.design.schema import Design, require_valid
from playground.errors import DesignError, PlaygroundError, Problem
from playground.design import rules
from playground.design.shapes import check_size, output_size
from playground.nn.components import make_loss, make_optimizer
from playground.nn.devices import DeviceChoice, select_device
from playground.nn.model import build_network, weight_penalty
from playground.nn.probes import Metrics, ProbeReport
from playground.runs.messages import MAX_DRAWN, BlockPicture, Dashboard
from playground.training.compiled import CompiledSteps
from playground.training.divergence import Diverged, diverge  # noqa: F401 (Diverged: part of this module's API)
from playground.training.lean_step import LeanStep, make_lean_step
from playground.training.probe_step import probe_step
from playground.training.sizes import NEURON_RESOLUTION, evaluation_points, grid_resolution, spread_sample

CURVE_POINTS = 200  # 1-D regression curve


@dataclass(frozen=True)
class StepResult:
    losses: np.ndarray  # float32 (k,): the training loss of each step, without regularization
    probe: ProbeReport | None


def check_fit(design: Design, dataset: Dataset) -> None:
    """Refuse a loss that cannot work with this data (known only once loaded, for CSV)."""
    loss = registry.LOSSES[design.loss]
    if loss.head == "logit" and dataset.n_classes != 2:
        raise DesignError(
            [Problem("loss", f"{loss.label.lower()} needs exactly 2 classes; this data has {dataset.n_classes}: use cross-entropy")],
            title="The loss does not fit the data:",
        )
    if not rules.loss_fits(design.loss, dataset.task):
        kind = "regression" if dataset.task == "regression" else "classification"
        raise DesignError([Problem("loss", f"{design.loss} does not fit {kind} data")], title="The loss does not fit the data:")


class Trainer(CompiledSteps):
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
        self._head = registry.LOSSES[design.loss].head
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
        # Eager steps of plain Linear/activation stacks without autograd (about 4x fewer
        # µs, the same numbers); None: autograd's step (batch norm, dropout, other devices).
        training = design.training
        self.lean_step: LeanStep | None = make_lean_step(
            self.network, self.loss_fn, self.optimizer, self.device,
            (training.regularization, training.regularization_rate), self._weights)
        self.grid_resolution = grid_resolution(self.parameters)
        train_index, self._test_index = (spread_sample(n, evaluation_points(n, self.parameters))
                                         for n in (len(self.x_train), len(self.x_test)))
        self._samples = [self._sample(train_index, self.x_train, self.y_train, self.c_train),
                         self._sample(self._test_index, self.x_test, self.y_test, self.c_test)]

        # The compiled step (see CompiledSteps.start_compiling); None until one is ready and wanted.
        last = n_train - (self.steps_per_epoch - 1) * self.batch_size
        self.full_batches = self.steps_per_epoch - 1 + (last == self.batch_size)  # leading batches of batch_size
        self._init_compiled()
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
        y_loss = classes.to(torch.float32).reshape(-1, 1) if self._head == "logit" else classes
        return x_t, y_loss, classes

    # --- training ----------------------------------------------------------------
    def start_epoch(self) -> None:
        """Draw this epoch's batches (the next shuffle; train_steps calls it at each epoch's start)."""
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

    def penalty(self) -> torch.Tensor | None:
        """The regularization term of the current weights, or None without one."""
        training = self.design.training
        return weight_penalty(training.regularization, training.regularization_rate, self._weights)

    def _step(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        if self.lean_step is not None:
            return self.lean_step(x, y)
        loss = self.loss_fn(self.network(x), y)
        penalty = self.penalty()
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
                self.start_epoch()
            last = probe and done == k - 1
            why = "probe" if fast is not None and last else "eager"  # how this step counts (report_step_mode)
            if fast is not None and not last:
                ready = ready or fast.states_ready()
                try:
                    ran, why = self._run_compiled(fast, at, plain - done, ready)
                except Exception as error:  # e.g. an unexpected recompile: eager from here on
                    fast, ran, why = None, None, "eager"
                    self._compiled_failed(error)
                if ran is not None:
                    losses.append(ran)
                    self._ran["compiled"] += fast.k
                    self.step += fast.k
                    done += fast.k
                    continue
            x, y = self._batches[at]
            if last:
                loss, report = probe_step(self, x, y)
            else:
                loss = self._step(x, y)
            self._ran[why] += 1
            losses.append(loss.view(1))
            self.step += 1
            done += 1
        return self.chunk_result(start, losses, report)

    def batch(self, at: int) -> tuple[torch.Tensor, torch.Tensor]:
        """The batch at position ``at`` of the current epoch (after start_epoch)."""
        return self._batches[at]

    def count_steps(self, why: str, count: int) -> None:
        """Count ``count`` steps trained outside train_steps (group_step) for report_step_mode."""
        self._ran[why] += count

    def chunk_result(self, start: int, losses: list[torch.Tensor], report) -> StepResult:
        """The StepResult of the steps from ``start`` with these losses (1-element tensors);
        raises Diverged (marking the run diverged) at the first that is not finite."""
        values = torch.cat(losses).cpu().numpy() if losses else np.zeros(0, np.float32)
        bad = np.flatnonzero(~np.isfinite(values))
        if bad.size:
            diverge(self, start + int(bad[0]), values[: bad[0] + 1])
        return StepResult(values, report)

    def train_epoch(self, probe: bool = False) -> StepResult:
        """Run to the end of the current epoch (a whole epoch when at a boundary)."""
        return self.train_steps(self.steps_per_epoch - self.batch_in_epoch, probe)

    # --- evaluation and views ------------------------------------------------------
    @torch.no_grad()
    def evaluate(self, sampled: bool = False) -> Metrics:
        """Loss (and accuracy) on the training and the test set, every point counted.

        With ``sampled`` (the dashboards, at the display rate) a large set is stood for by
        a fixed sample of its points, spread evenly over it and the same at every call
        (evaluation_points, spread_sample), and Metrics.sample says how many; small sets
        are still evaluated whole, so the numbers are the same as without it.
        """
        whole = [(self.x_train, self.y_train, self.c_train), (self.x_test, self.y_test, self.c_test)]
        sets = self._samples if sampled else whole
        self.network.eval()
        try:
            values = [v for x, y, classes in sets for v in self._loss_and_accuracy(x, y, classes)]
            numbers = torch.stack(values).cpu().tolist()
        finally:
            self.network.train()
        classify = self.dataset.task != "regression"
        counts = tuple(len(x) for x, _, _ in sets)
        sample = counts if counts != (len(self.x_train), len(self.x_test)) else None
        return Metrics(
            numbers[0], numbers[2], numbers[1] if classify else None, numbers[3] if classify else None, sample
        )

    def _sample(self, index: np.ndarray, x: torch.Tensor, y: torch.Tensor, classes: torch.Tensor | None):
        """The points ``index`` of one set, which a sampled evaluation uses (the set itself when all)."""
        if len(index) == len(x):
            return x, y, classes
        rows = torch.as_tensor(index, device=self.device)
        return x[rows], y[rows], None if classes is None else classes[rows]

    def _test_points(self, sampled: bool) -> tuple[torch.Tensor, np.ndarray]:
        """(inputs, targets) of the test set, or of its fixed sample (as evaluate's) when ``sampled``."""
        if sampled:
            return self._samples[1][0], self.dataset.y_test[self._test_index]  # indexing copies
        return self.x_test, self.dataset.y_test.copy()

    def _loss_and_accuracy(self, x, y, classes):
        if len(x) == 0:
            nan = torch.tensor(float("nan"), device=self.device)
            return nan, nan
        out = self.network(x)
        loss = self.loss_fn(out, y)
        if classes is None:
            return loss, torch.zeros((), device=self.device)
        predicted = (out[:, 0] > 0).long() if self._head == "logit" else out.argmax(1)
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
        return self._head_of(out)

    def _head_of(self, out: torch.Tensor) -> torch.Tensor:
        """What the model's raw output ``out`` predicts: class probabilities (m, C), or values (m,)."""
        if self.dataset.task == "regression":
            return out[:, 0]
        if self._head == "logit":
            p = torch.sigmoid(out)
            return torch.cat([1 - p, p], dim=1)
        return torch.softmax(out, dim=1)

    def dashboard(self, sampled: bool = False) -> Dashboard:
        """The heavy numbers for the dashboards (call at the display rate): the record a
        snapshot carries, in fresh numpy arrays that nothing here changes afterwards.

        Only what the window draws (see BlockPicture): the first MAX_DRAWN neurons' maps,
        weights and biases. On 2-D data one pass over a grid of ``grid_resolution`` points
        per side gives the boundary and the neuron maps (sampled down to NEURON_RESOLUTION).
        The test-set pictures (confusion, predicted/actual) cover the fixed sample that
        ``evaluate(sampled=True)`` uses when ``sampled``, else the whole test set.
        """
        with torch.no_grad():
            planar = self.dataset.input_kind == "2d"
            boundary, maps = self._plane(self.grid_resolution) if planar else (None, [])
            maps = iter(maps)
            blocks = []
            for block in self.blocks:
                picture = BlockPicture()
                if block.kind in ("linear", "output"):  # .numpy() shares the parameter's memory: copy
                    layer = self.network[block.start]
                    picture = BlockPicture(layer.weight.detach()[:MAX_DRAWN, :MAX_DRAWN].cpu().numpy().copy(),
                                           layer.bias.detach()[:MAX_DRAWN].cpu().numpy().copy())
                if planar and block.kind in ("linear", "batchnorm"):
                    picture = BlockPicture(picture.weight, picture.bias, next(maps))
                blocks.append(picture)
            blocks = tuple(blocks)
            kind = self.dataset.input_kind
            if kind == "2d":
                return Dashboard(blocks, boundary=boundary)
            if kind == "1d":
                xs = self._grid("curve", CURVE_POINTS)
                return Dashboard(blocks, curve_x=self._curve_x.copy(), curve_y=self._predict(xs).cpu().numpy())
            x_test, y_test = self._test_points(sampled)
            if self.dataset.task == "regression":
                return Dashboard(blocks, predicted=self._predict(x_test).cpu().numpy(),
                                 actual=y_test.astype(np.float32, copy=False))
            predicted = self._predict(x_test).argmax(1).cpu().numpy()
            c = self.dataset.n_classes
            return Dashboard(blocks, confusion=np.bincount(y_test * c + predicted, minlength=c * c).reshape(c, c))

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

    def _plane(self, resolution: int) -> tuple[np.ndarray, list[np.ndarray]]:
        """(boundary, neuron maps) from one pass over the grid: the model's output
        ((r, r, C) probabilities or (r, r) values) and per hidden Linear or BatchNorm block
        its first MAX_DRAWN neurons at min(r, NEURON_RESOLUTION) points per side, taken
        from the grid at the nearest points."""
        x = self._grid("grid", resolution)
        side = min(resolution, NEURON_RESOLUTION)
        pick = np.round(np.linspace(0, resolution - 1, side)).astype(np.int64)
        rows = torch.as_tensor((pick[:, None] * resolution + pick[None, :]).ravel(), device=self.device)
        maps = []
        self.network.eval()
        try:
            for block in self.blocks:
                for module in self.network[block.start : block.stop]:
                    x = module(x)
                if block.kind in ("linear", "batchnorm"):  # indexing makes a new tensor: no copy needed
                    maps.append(x[rows, :MAX_DRAWN].T.contiguous().reshape(-1, side, side).cpu().numpy())
        finally:
            self.network.train()
        values = self._head_of(x).cpu().numpy()
        shape = (resolution, resolution) if values.ndim == 1 else (resolution, resolution, -1)
        return values.reshape(shape), maps
