"""Comparison throughput, side by side in one run: the five-optimizer race and two runs against one.

1. The five-optimizer race (SGD, Momentum, Adagrad, RMSProp, Adam, each with its usual
   learning rate) on TensorFlow Playground's default design (circle, [4, 2] tanh, batch
   10, 250 training points) through the app's comparison loop with every view live
   (each run's probe, evaluation and dashboard, snapshots at up to 30 a second, taken
   at once by a consumer): epochs/s of each run. Goal: >= 98 each (2x TensorFlow
   Playground's single run, about 49).
2. Step time of a two-run comparison (the same network, two learning rates) relative to
   one run, bare lock-step steps without views. Goal: <= 1.6x.
3. How the runs are stepped together (see playground.training.group_step), microseconds
   per lock-step tick at 1, 2 and 5 runs of the race: the group step (one batched step
   for the runs of one network shape), a loop over the runs' own lean steps (the engine
   before groups), and one torch.func.vmap over ``grad(functional_call)`` of the runs'
   stacked parameters with each optimizer's update on its runs' slices.

4. The race in the window (offscreen, 1366x768, the comparison view drawing every report):
   each run's epochs/s as the window sees it, reports drawn per second, and the GUI
   thread's event-loop latency (how late a 5 ms timer fires: p50, p99, max). Goal:
   p99 < 50 ms. ``--no-window`` leaves it out.

Each measurement alternates its contenders ``--repeats`` times and prints medians (with
min and max) and their ratios; compare ratios, not absolute figures, between machines.
With ``--no-compiled`` (or NN_PLAYGROUND_EAGER=1) only eager steps are measured;
otherwise part 1 and 2 also run with each run's compiled step (compiled before timing).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_compare.py [--repeats 5] [--no-compiled] [--busy]
                                                                         [--no-window] [--seconds 8]
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
    """``trainer`` (a Trainer or ComparisonTrainer) with its step compiled when asked: every
    run's that trains alone (grouped runs keep their group step, as in the app)."""
    if compiled:
        grouped = {i for indices, _ in getattr(trainer, "groups", []) for i in indices}
        for i, run in enumerate(getattr(trainer, "runs", [trainer])):
            if i in grouped:
                run.train_eagerly("grouped")
                continue
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


def window_race(seconds: float, compiled: bool) -> dict:
    """The race trained in the window for ``seconds`` (see part 4 of the module docstring)."""
    import tempfile
    from pathlib import Path

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench_app import _wait, watch_lateness
    from PySide6.QtCore import QSettings

    from playground.ui.app import create_application, create_window

    with tempfile.TemporaryDirectory() as folder:
        app, _ = create_application([])
        window = create_window(app, QSettings(str(Path(folder) / "bench.ini"), QSettings.IniFormat),
                               Path(folder) / "data")
        window.resize(1366, 768)
        window.show()
        try:
            if window.compiled_action.isChecked() != compiled:
                window.compiled_action.trigger()
            _wait(lambda: bool(window.views) and window.controller.state == "paused", 120)
            reports = []
            window.controller.comparison_snapshot_ready.connect(reports.append)
            window.comparisons.start(race(epochs=1_000_000))
            _wait(lambda: bool(reports), 120)
            window.controller.play()
            _wait(lambda: len(reports) > 30, 120)  # warmed up
            first, count = reports[-1], len(reports)
            lateness, elapsed = watch_lateness(seconds)
            end = reports[-1]
            window.controller.pause()
        finally:
            window.document.undo_stack.setClean()
            window.close()
    per_epoch = 25  # the default design: 250 training points, batch 10
    return {"epochs_per_s": (end.runs[0].step - first.runs[0].step) / per_epoch / elapsed,
            "updates_per_s": (len(reports) - count) / elapsed, "lateness": lateness}


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
        first.start_epoch()
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
    parser.add_argument("--seconds", type=float, default=8.0, help="of the race in the window, per repeat")
    parser.add_argument("--no-window", action="store_true", help="leave out the race in the window")
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
        if not args.no_window:
            for compiled in modes:
                name = "compiled" if compiled else "eager"
                runs = [window_race(args.seconds, compiled) for _ in range(args.repeats)]
                lateness = sorted(x for run in runs for x in run["lateness"])
                p50, p99 = (lateness[int(len(lateness) * q)] for q in (0.5, 0.99))
                print(f"\n[{name}] the race in the window, 1366x768, comparison view live: "
                      f"epochs/s per run {_median([r['epochs_per_s'] for r in runs])}, "
                      f"reports/s {_median([r['updates_per_s'] for r in runs])}; GUI latency "
                      f"p50 {p50:.1f} / p99 {p99:.1f} / max {lateness[-1]:.1f} ms   goal p99 < 50")
        print("\n[eager] stepping runs together, µs per lock-step tick (group step | loop of the runs' steps | vmap):")
        for count in (1, 2, 5):
            variants = race().variants[:count]
            designs = [variant_design(v) for v in variants]
            groups, loops, vmaps = [], [], []
            for _ in range(args.repeats):
                if count > 1:
                    groups.append(step_seconds(ComparisonTrainer(Comparison(Design(), variants)), TICKS // 5) * 1e6)
                    loop = ComparisonTrainer(Comparison(Design(), variants))
                    loop.groups = []  # each run its own lean step
                else:
                    loop = Trainer(designs[0])
                loops.append(step_seconds(loop, TICKS // 5) * 1e6)
                vmaps.append(step_seconds(VmapTick(designs), TICKS // 5) * 1e6)
            group = f"{_median(groups)}" if groups else f"{'(one run)':>8}"
            print(f"  {count} run(s): group {group} | loop {_median(loops)} | vmap {_median(vmaps)}"
                  + (f"; loop / group {statistics.median(loops) / statistics.median(groups):.1f}x" if groups else ""))


if __name__ == "__main__":
    main()
