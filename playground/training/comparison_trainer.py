"""The comparison trainer: the runs of a Comparison trained side by side, in lock-step.

Every run is a full ``Trainer`` (its own network, optimizer, probes, evaluation,
dashboards, divergence, compiled step), built so that the runs share what a fair
comparison needs: the data (runs that change the data's noise or outliers draw their
own data set from the same seed), the shuffling order (every trainer's shuffle
generator starts from the same seed) and the initial weights: a run whose layer shapes
and weight init are the base's (``comparison.draws_own_weights``) starts from the base
design's initial weights, copied in; the others draw their own from the same seed.

Lock-step: ``train_steps(n)`` advances every run that is still training by the same
``n`` steps (fewer at its epoch limit), so every report finds all runs at the same step
(runs whose batch modes differ are at different epochs: the table compares by step and
by epoch). A run that diverges stops alone, with its reason (``RunOutcome``); the
others go on.

How the runs step: the runs that share a network shape and their batches (a plain
Linear/activation stack with a lean step, the same loss, data, batch size and shuffle)
form a group and take one batched step together (playground.training.group_step): each
layer's weights of all of them are one strided tensor, the forward and backward passes
are batched matrix products, each run's loss, regularization and optimizer update stay
its own (the update one fused call on the run's parameters end to end). The others
(batch norm, dropout, another shape or batching) take their own steps, in a loop.
A fork's unchanged run keeps its own step, so that it continues bit for bit as its
source would alone (a group's products round some shapes differently in the last bit).

Measured before choosing (2-core development machine, one thread, eager; the
five-optimizer race on TensorFlow Playground's default design, circle [4, 2] tanh,
batch 10), microseconds per lock-step tick: a loop over the runs' own lean steps
62 / 123 / 416 at 1 / 2 / 5 runs; one torch.func.vmap over ``grad(functional_call)``
of the stacked parameters with each optimizer's update on its slices 1,028-1,500 /
1,086-1,500 / 1,483-2,500 (vmap's batching costs about 1 ms of per-operation overhead
per step on networks this small); the group step 82-111 / 180-211 at 2 / 5 runs,
also faster than the runs' compiled steps side by side (145-165 against 217-264 at 2,
110-263 against 262-605 at 5): grouped runs are not compiled (StepMode reason
"grouped"). benchmarks/bench_compare.py repeats these.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import numpy as np
import torch

from playground.data.datasets import make_dataset
from playground.design.comparison import Comparison, draws_own_weights, size_problems
from playground.design.shapes import output_size
from playground.errors import DesignError
from playground.nn.model import build_network
from playground.training.divergence import Diverged
from playground.training.group_step import GroupStep, train_group
from playground.training.trainer import Trainer


@dataclass(frozen=True)
class RunState:
    """Where a run is, for a fork: its weights (and buffers), optimizer state, step and
    position in the data order, all copied (nothing shared with the running trainer)."""

    design: object  # the source's Design
    weights: dict
    optimizer: dict
    step: int
    steps_per_epoch: int
    shuffle: torch.Tensor
    epoch_order: torch.Tensor | None
    dropout_rng: torch.Tensor  # the state of the generator its dropout draws its next masks from


def run_state(trainer: Trainer, dropout_rng: torch.Tensor | None = None) -> RunState:
    """A copy of where ``trainer`` is now (see RunState). ``dropout_rng``: the generator
    state its dropout draws from (a run alone draws from torch's global generator)."""
    shuffle, order = trainer.shuffle_state()
    weights = {name: tensor.detach().clone() for name, tensor in trainer.network.state_dict().items()}
    rng = torch.get_rng_state() if dropout_rng is None else dropout_rng.clone()
    return RunState(trainer.design, weights, _own_copy(trainer.optimizer.state_dict()), trainer.step,
                    trainer.steps_per_epoch, shuffle.clone(), order, rng)


def _own_copy(value):
    """A deep copy in which every tensor has storage of its own: a grouped run's optimizer
    state is views of one tensor per kind (group_step), which must not travel as such."""
    if torch.is_tensor(value):
        return value.detach().clone()
    if isinstance(value, dict):
        return {key: _own_copy(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_own_copy(item) for item in value)
    return copy.deepcopy(value)


@dataclass
class RunOutcome:
    """How one run ended early: its Diverged error (message, problems, losses, probe)."""

    error: Diverged
    losses: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))


@dataclass(frozen=True)
class ComparisonSteps:
    """What one ``train_steps`` call did: per run its losses (float32, possibly fewer than
    the ticks: a finished or diverged run) and probe; ``losses`` has one entry per tick
    (the ticks, for the run loop's bookkeeping: the per-run losses are in ``runs``)."""

    losses: np.ndarray
    probe: object
    runs: tuple  # per run: (first step of its losses, losses, probe or None)


class ComparisonTrainer:
    """Trains every run of ``comparison`` in lock-step (see the module docstring).

    ``start``: where a fork starts from (RunState), else fresh weights. Raises
    DesignError for runs that together exceed the parameter limit."""

    def __init__(self, comparison: Comparison, start: RunState | None = None):
        self.comparison = comparison
        designs = comparison.designs()
        datasets = {design.data: None for design in designs}  # one per data setting, from the same seed
        first = datasets[designs[0].data] = make_dataset(designs[0].data)
        problems = size_problems(comparison, first.n_inputs, first.n_classes)
        if problems:  # before any network is built
            raise DesignError(problems, title="The comparison cannot be used as it stands:",
                              title_code="comparison_invalid")
        for key in datasets:
            datasets[key] = datasets[key] or make_dataset(key)
        # Dropout draws its masks from torch's global generator, which a Trainer seeds and then
        # draws the initial weights from: each run with dropout keeps its own generator state,
        # swapped in while it steps, so that its masks are those it would draw alone.
        self.runs: list[Trainer] = []
        self._dropout_rng: list[torch.Tensor | None] = []
        for design in designs:
            self.runs.append(Trainer(design, datasets[design.data]))
            self._dropout_rng.append(torch.get_rng_state() if design.has_dropout else None)
        if start is not None:
            self._dropout_rng = [None if rng is None else start.dropout_rng.clone() for rng in self._dropout_rng]
        self.own_weights = draws_own_weights(comparison, first.n_inputs, first.n_classes)
        if start is None:
            self._share_base_weights()
        else:
            for trainer, own in zip(self.runs, self.own_weights):
                _continue_from(trainer, start, own)
        self.outcomes: list[RunOutcome | None] = [None] * len(self.runs)
        # (indices, GroupStep): runs stepped together. A fork's unchanged run continues as its
        # source would alone, bit for bit: it keeps its own step (a group's products may round
        # its last bits otherwise).
        alone = {i for i, v in enumerate(comparison.variants) if start is not None and not v.changes}
        self.groups = _groups(self.runs, alone)
        self.step = max(t.step for t in self.runs)  # the lock-step tick: every training run is at it

    def _share_base_weights(self) -> None:
        base = self.comparison.base
        dataset = self.runs[0].dataset
        torch.manual_seed(base.training.seed)  # as Trainer draws them
        network, _ = build_network(base, dataset.n_inputs, output_size(base.loss, dataset.n_classes))
        weights = network.state_dict()
        for trainer, own in zip(self.runs, self.own_weights):
            if not own:  # copies in place: the lean and compiled steps share the parameters' storage
                trainer.network.load_state_dict(weights)

    # --- state ---------------------------------------------------------------------
    def training(self, i: int) -> bool:
        """Whether run ``i`` still trains (not diverged, not at its epoch limit)."""
        return self.outcomes[i] is None and not self.runs[i].finished

    @property
    def reference(self) -> Trainer:
        """The run whose epochs the comparison's epoch commands follow: the first still
        training (batch modes may differ), else the first."""
        return next((t for i, t in enumerate(self.runs) if self.training(i)), self.runs[0])

    @property
    def finished(self) -> bool:
        return not any(self.training(i) for i in range(len(self.runs)))

    @property
    def epoch(self) -> int:
        return self.reference.epoch

    @property
    def batch_in_epoch(self) -> int:
        return self.reference.batch_in_epoch

    @property
    def steps_per_epoch(self) -> int:
        return self.reference.steps_per_epoch

    @property
    def lr(self) -> float:
        return self.runs[0].lr

    def state(self, i: int) -> str:
        """Run ``i``'s own state while the comparison trains: diverged, finished or running."""
        if self.outcomes[i] is not None:
            return "diverged"
        return "finished" if self.runs[i].finished else "running"

    def set_lr(self, lr: float, index: int | None = None) -> None:
        """A live learning rate for run ``index``, or every run (None)."""
        for i, trainer in enumerate(self.runs):
            if index is None or i == index:
                trainer.set_lr(lr)

    def set_epochs(self, epochs: int) -> None:
        for trainer in self.runs:
            trainer.set_epochs(epochs)

    # --- training ------------------------------------------------------------------
    def train_steps(self, n: int, probe: bool = False) -> ComparisonSteps:
        """Advance every training run by ``n`` steps (fewer at its limit); one that diverges
        stops alone (``outcomes``) with the losses up to the bad step."""
        start = self.step
        firsts = [trainer.step for trainer in self.runs]
        results: list = [None] * len(self.runs)
        grouped = set()
        for indices, group in self.groups:
            grouped.update(indices)
            if any(self.training(i) for i in indices):
                for i, result in zip(indices, train_group(group, [self.runs[i] for i in indices], n, probe)):
                    results[i] = result
        for i in range(len(self.runs)):
            if i not in grouped and self.training(i):
                try:
                    results[i] = self._own_steps(i, n, probe)
                except Diverged as error:
                    results[i] = error
        runs = []
        for i, (first, result) in enumerate(zip(firsts, results)):
            if result is None:
                runs.append((first, np.zeros(0, np.float32), None))
            elif isinstance(result, Diverged):
                self.outcomes[i] = RunOutcome(result, np.asarray(result.losses, np.float32))
                self._stop_in_group(i)
                runs.append((first, self.outcomes[i].losses, result.probe))
            else:
                runs.append((first, result.losses, result.probe))
        self.step = max([start] + [t.step for i, t in enumerate(self.runs) if self.outcomes[i] is None])
        ticks = max((len(losses) for _, losses, _ in runs), default=0)
        return ComparisonSteps(np.zeros(ticks, np.float32), None, tuple(runs))

    def _own_steps(self, i: int, n: int, probe: bool):
        """Run ``i``'s own steps, with its own dropout generator when it has dropout."""
        rng = self._dropout_rng[i]
        if rng is None:
            return self.runs[i].train_steps(n, probe)
        others = torch.get_rng_state()
        torch.set_rng_state(rng)
        try:
            return self.runs[i].train_steps(n, probe)
        finally:
            self._dropout_rng[i] = torch.get_rng_state()
            torch.set_rng_state(others)

    def run_state(self, i: int) -> RunState:
        """Where run ``i`` is now, for a fork (its own dropout generator included)."""
        return run_state(self.runs[i], self._dropout_rng[i])

    def _stop_in_group(self, run: int) -> None:
        for indices, group in self.groups:
            if run in indices:
                group.stop(indices.index(run))

    def train_epoch(self, probe: bool = False) -> ComparisonSteps:
        return self.train_steps(self.steps_per_epoch - self.batch_in_epoch, probe)

    # --- views ---------------------------------------------------------------------
    def evaluate(self, sampled: bool = False) -> tuple:
        """Per run its Metrics (None for a run that diverged: its weights are not numbers)."""
        return tuple(None if self.outcomes[i] else t.evaluate(sampled) for i, t in enumerate(self.runs))

    def dashboard(self, sampled: bool = False) -> tuple:
        """Per run its Dashboard (None for a run that diverged)."""
        return tuple(None if self.outcomes[i] else t.dashboard(sampled) for i, t in enumerate(self.runs))

    def report_step_mode(self) -> tuple:
        return tuple(t.report_step_mode() for t in self.runs)

    def round_chunk(self, n: int, probe: bool = False) -> int:
        """At least ``n``: the most steps any training run's compiled calls want (Trainer.round_chunk)."""
        return max([n] + [t.round_chunk(n, probe) for i, t in enumerate(self.runs) if self.training(i)])

    def start_compiling(self, on_done=None) -> None:
        """Compile the runs that train alone; the grouped ones stay in their group step, which
        is faster than their compiled steps side by side (benchmarks/bench_compare.py)."""
        grouped = {i for indices, _ in self.groups for i in indices}
        for i, trainer in enumerate(self.runs):
            if i in grouped:
                trainer.train_eagerly("grouped")
            else:
                trainer.start_compiling(on_done=on_done)

    def stop_compiled(self) -> None:
        for trainer in self.runs:
            trainer.stop_compiled()

    def cancel_compiling(self) -> None:
        for trainer in self.runs:
            trainer.cancel_compiling()


def _groups(runs: list[Trainer], alone: set[int]) -> list[tuple[list[int], GroupStep]]:
    """The runs that can be stepped together (group_step), as (their indices, GroupStep):
    each a lean step of one signature, on the same data in the same batches (data set,
    batch size, epoch limit, step and shuffling all equal); not those in ``alone``."""
    by_key: dict[tuple, list[int]] = {}
    for i, trainer in enumerate(runs):
        if trainer.lean_step is None or i in alone:
            continue
        shuffle, order = trainer.shuffle_state()
        key = (trainer.lean_step.signature, id(trainer.dataset), trainer.batch_size, trainer.max_steps, trainer.step,
               shuffle.numpy().tobytes(), None if order is None else order.numpy().tobytes())
        by_key.setdefault(key, []).append(i)
    return [(indices, GroupStep([runs[i].lean_step for i in indices])) for indices in by_key.values()
            if len(indices) > 1]


def _continue_from(trainer: Trainer, start: RunState, own_weights: bool) -> None:
    """Put ``trainer`` where the fork's source is: its weights (unless the run's shapes or
    init differ: ``own_weights``), its optimizer state (when the optimizer is the same
    kind; the run's own hyperparameters stay), its step and data order (at the start of
    the source's current epoch when the batches differ)."""
    if not own_weights:
        trainer.network.load_state_dict(start.weights)  # in place: the steps share the storage
    if not own_weights and start.design.optimizer.name == trainer.design.optimizer.name:
        groups = [{k: v for k, v in g.items() if k != "params"} for g in trainer.optimizer.param_groups]
        trainer.optimizer.load_state_dict(copy.deepcopy(start.optimizer))
        for group, own in zip(trainer.optimizer.param_groups, groups):
            group.update(own)
    source_steps = start.steps_per_epoch
    if source_steps == trainer.steps_per_epoch:
        trainer.resume(start.step, start.shuffle.clone(), start.epoch_order)
    else:  # another batching: from the next epoch boundary, with the shuffles drawn so far
        epochs = -(-start.step // source_steps)
        trainer.resume(epochs * trainer.steps_per_epoch, start.shuffle.clone(), None)

