"""Comparison throughput, side by side in one run: the five-optimizer race and two runs against one.

1. The five-optimizer race (SGD, Momentum, Adagrad, RMSProp, Adam, each with its usual
   learning rate) on TensorFlow Playground's default design (circle, [4, 2] tanh, batch
   10, 250 training points) through the app's comparison loop with every view live
   (each run's probe, evaluation and dashboard, snapshots at up to 30 a second, taken
   at once by a consumer): epochs/s of each run. Goal: >= 98 each (2x TensorFlow
   Playground's single run, about 49).
2. Step time of a two-run comparison (the same network, two learning rates) relative to
   one run, bare lock-step steps without views. Goal: <= 1.6x.
3. For the record, the alternative the engine did not take (see
   playground.training.comparison_trainer): one torch.func.vmap over
   ``grad(functional_call)`` of the runs' stacked parameters, each optimizer's update on
   its runs' slices, against the loop over the runs' own steps: microseconds per
   lock-step tick at 1, 2 and 5 runs.

Each measurement alternates its contenders ``--repeats`` times and prints medians (with
min and max) and their ratios; compare ratios, not absolute figures, between machines.
With ``--no-compiled`` (or NN_PLAYGROUND_EAGER=1) only eager steps are measured;
otherwise part 1 and 2 also run with each run's compiled step (compiled before timing).

    .venv/bin/python benchmarks/bench_compare.py [--repeats 5] [--no-compiled] [--busy]
"""

from __future__ import annotations

import os
import statistics
import time

import torch
from bench_options import machine_load, make_parser

from playground.design import registry
from playground.design.comparison import Comparison, Variant
from playground.design.schema import Design
from playground.nn.components import resolve
from playground.training.comparison_loop import ComparisonLoop
from playground.training.comparison_trainer import ComparisonTrainer
from playground.training.fast_step import EAGER_ENV
from playground.training.run_loop import RunControl
from playground.training.trainer import Trainer

OPTIMIZERS = ("sgd", "momentum", "adagrad", "rmsprop", "adam")
RACE_EPOCHS = 100
TICKS = 2500  # lock-step ticks per timed step-time run (100 epochs of the default design)


def race(epochs: int = RACE_EPOCHS) -> Comparison:
    base = Design().with_training(epochs=epochs)
    return Comparison(base, tuple(Variant(changes={"optimizer.name": name}) for name in OPTIMIZERS))


def two_runs() -> Comparison:
    return Comparison(Design(), (Variant(), Variant(changes={"optimizer.lr": 0.01})))


def variant_design(variant: Variant) -> Design:
    """The design of a run of the race (a comparison needs two runs; one is measured alone too)."""
    return Comparison(Design(), (variant, variant)).designs()[0]


def compiled_trainer(trainer, compiled: bool):
    """``trainer`` (a Trainer or ComparisonTrainer) with every run's step compiled when asked."""
    if compiled:
        for run in getattr(trainer, "runs", [trainer]):
            mode = run.start_compiling(background=False)
            if mode.mode != "compiled":
                raise SystemExit(f"no compiled step on this machine: {mode}")
    return trainer


def race_with_views(compiled: bool) -> list[float]:
    """Epochs/s of each run of the race through the comparison loop, every view live."""
    trainer = compiled_trainer(ComparisonTrainer(race()), compiled)
    control = RunControl()
    loop = ComparisonLoop(trainer, control, lambda snapshot: control.snapshot_taken())
    start = time.perf_counter()
    final = loop.run()
    seconds = time.perf_counter() - start
    assert final.state == "finished", [run.message for run in final.runs]
    return [run.epoch / seconds for run in trainer.runs]


def step_seconds(trainer, ticks: int = TICKS) -> float:
    """Seconds per lock-step tick (a step of every run), in chunks of an epoch as the loop trains."""
    trainer.train_steps(trainer.steps_per_epoch)  # optimizer state created, caches warm
    start = time.perf_counter()
    done = 0
    while done < ticks:
        trainer.train_steps(trainer.steps_per_epoch)
        done += trainer.steps_per_epoch
    return (time.perf_counter() - start) / done


class VmapTick:
    """The alternative not taken: every run's gradient from one vmap over the stacked
    parameters, then each run's optimizer update on its slice (updates.py's formulas)."""

    def __init__(self, designs: list[Design]):
        self.runs = [Trainer(design) for design in designs]
        first = self.runs[0]
        names = [name for name, _ in first.network.named_parameters()]
        self.params = [torch.stack([dict(run.network.named_parameters())[name].detach() for run in self.runs])
                       for name in names]

        def loss_of(params, x, y):
            out = torch.func.functional_call(first.network, dict(zip(names, params)), (x,))
            loss = first.loss_fn(out, y)
            return loss, loss.detach()

        self.grad = torch.vmap(torch.func.grad(loss_of, has_aux=True), in_dims=(0, None, None))
        self.updates = []
        for i, run in enumerate(self.runs):
            entry = registry.OPTIMIZERS[run.design.optimizer.name]
            group = {k: v for k, v in run.optimizer.param_groups[0].items() if k != "params"}
            states = [[torch.zeros(()) if key == "step" else torch.zeros_like(p[i]) for key in entry.state_keys(group)]
                      for p in self.params]
            self.updates.append((resolve(entry.update), group, states, torch.tensor(group["lr"], dtype=torch.float64)))
        first._start_epoch()
        self.batches = first._batches
        self.steps_per_epoch = first.steps_per_epoch

    def train_steps(self, n: int) -> None:
        for k in range(n):
            x, y = self.batches[k % len(self.batches)]
            with torch.no_grad():
                grads, _ = self.grad(self.params, x, y)
            for i, (update, group, states, lr) in enumerate(self.updates):
                for param, grad, state in zip(self.params, grads, states):
                    update(param[i], grad[i], state, lr, group)


def _median(values: list[float]) -> str:
    return f"{statistics.median(values):8.1f} (min {min(values):.1f}, max {max(values):.1f})"


def main() -> None:
    parser = make_parser(__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    torch.set_num_threads(1)  # as the training process trains networks this small (training.sizes)
    eager_only = args.no_compiled or os.environ.get(EAGER_ENV, "") not in ("", "0")
    modes = [False] if eager_only else [False, True]
    print(f"torch {torch.__version__}, 1 thread, {args.repeats} repeats" + (", busy" if args.busy else ""))
    with machine_load(args.busy):
        for compiled in modes:
            name = "compiled" if compiled else "eager"
            per_run = [race_with_views(compiled) for _ in range(args.repeats)]
            print(f"\n[{name}] five-optimizer race, circle [4,2] tanh batch 10, {RACE_EPOCHS} epochs, every view live:")
            for i, optimizer in enumerate(OPTIMIZERS):
                print(f"  {optimizer:<9} epochs/s {_median([r[i] for r in per_run])}   goal >= 98")
            one, two = [], []
            for _ in range(args.repeats):
                one.append(step_seconds(compiled_trainer(Trainer(Design()), compiled)) * 1e6)
                two.append(step_seconds(compiled_trainer(ComparisonTrainer(two_runs()), compiled)) * 1e6)
            print(f"[{name}] step time, µs per tick: one run {_median(one)}; two runs {_median(two)}; "
                  f"ratio {statistics.median(two) / statistics.median(one):.2f}x   goal <= 1.6x")
        print("\n[eager] the alternative not taken, µs per lock-step tick (loop of the runs' steps | one vmap):")
        for count in (1, 2, 5):
            variants = race().variants[:count]
            designs = [variant_design(v) for v in variants]
            loops, vmaps = [], []
            for _ in range(args.repeats):
                loop = ComparisonTrainer(Comparison(Design(), variants)) if count > 1 else Trainer(designs[0])
                loops.append(step_seconds(loop, TICKS // 5) * 1e6)
                vmaps.append(step_seconds(VmapTick(designs), TICKS // 5) * 1e6)
            print(f"  {count} run(s): loop {_median(loops)} | vmap {_median(vmaps)}; "
                  f"vmap / loop {statistics.median(vmaps) / statistics.median(loops):.1f}x")


if __name__ == "__main__":
    main()
