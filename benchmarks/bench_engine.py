"""Engine throughput against a plain hand-written PyTorch loop, side by side in one run.

For each Design the plain loop and the engine's run loop (probes, evaluation,
dashboard views and snapshots at up to 30 a second, taken at once by a consumer)
train the same number of epochs, alternating, ``--repeats`` times: the engine with
its eager steps (the lean step, playground.training.lean_step, where the design
qualifies), with autograd's eager step (the lean step turned off) and with the
compiled step (playground.training.fast_step; compiled before the timed run, its
compile time printed). Printed: epochs/s of each (median, with min and max), steps/s,
and the ratios engine / plain of the medians. Target: ratio >= 0.9 on every Design,
and above 1 with the compiled step. With NN_PLAYGROUND_EAGER=1 (the packaged app's
way: no compiler) or ``--no-compiled`` the compiled step is left out.

    .venv/bin/python benchmarks/bench_engine.py [--repeats 5] [--threads 1] [--no-compiled] [--busy]
                                                [--design FILE ...] [--files-only]

Designs: TensorFlow Playground's default (circle, x1 x2, hidden [4, 2] tanh, SGD lr
0.03, batch 10, 250 training points) and its spiral with hidden 6 x 8 tanh at batch
1 and batch 30; then every design file given with ``--design`` (repeatable), timed
over as many epochs as the plain loop trains in about TIMED_SECONDS
(benchmarks/designs/ has the sizes the performance goals name). ``--busy`` runs
everything while a second process keeps one core busy.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import torch
from bench_options import machine_load, make_parser

from playground.data.datasets import make_dataset
from playground.design import registry, rules
from playground.design.io import load_design
from playground.design.schema import Design, LinearLayer
from playground.design.shapes import output_size
from playground.errors import PlaygroundError
from playground.nn.components import make_loss, make_optimizer
from playground.nn.model import build_network, weight_penalty
from playground.training.fast_step import EAGER_ENV
from playground.training.run_loop import RunControl, RunLoop
from playground.training.sizes import use_threads_for
from playground.training.trainer import Trainer

TIMED_SECONDS = 2.0  # a design file's timed run: about this long in the plain loop
NAME_WIDTH = 24  # the design column


def designs(files: Sequence[Path] = (), files_only: bool = False) -> list[tuple[str, Design, int | None]]:
    """(name, design, epochs per timed run): the built-in designs (unless ``files_only``),
    then the design files (epochs None: chosen by timed_epochs). A file that cannot be used
    is reported in words on stderr and ends the program with exit code 2, before anything
    is timed."""
    built_in = [] if files_only else builtin_designs()
    return built_in + [(_name(path), _load(path), None) for path in files]


def _load(path: Path) -> Design:
    try:
        design = load_design(path)
        Trainer(design)  # the data loads, the loss fits it, the network is within the size limit
    except PlaygroundError as error:
        print(error.text(), file=sys.stderr)
        raise SystemExit(2) from None
    return design


def _name(path: Path) -> str:
    name = path.stem
    return name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 3] + "..."


def timed_epochs(design: Design, epochs: int | None) -> int:
    """``epochs``, or for a design file as many as the plain loop trains in about TIMED_SECONDS."""
    if epochs is not None:
        return epochs
    return max(1, round(TIMED_SECONDS / plain_loop(design, 1)))


def builtin_designs() -> list[tuple[str, Design, int]]:
    """(name, design, epochs per timed run)."""
    default = Design()
    spiral = Design(layers=tuple(LinearLayer(units=8, activation="tanh") for _ in range(6)))
    spiral = spiral.with_data(dataset="spiral")
    return [
        ("circle [4,2] batch 10", default, 300),
        ("spiral 6x8 batch 1", spiral.with_training(batch_mode="stochastic"), 20),
        ("spiral 6x8 batch 30", spiral.with_training(batch_size=30), 400),
    ]


def same_threads(design: Design, threads: int | None = None) -> int:
    """Set torch's threads for a design's plain loop and engine alike: ``threads``, or the
    app's choice for the design's size (what its training process uses). Returns the count."""
    if threads:
        torch.set_num_threads(threads)
        return threads
    return use_threads_for(Trainer(design).network)


def plain_loop(design: Design, epochs: int) -> float:
    """A learner's loop: the design's Sequential, loss and optimizer (unfused), reshuffled
    batches, the weight penalty added to the loss when the design has one. Returns seconds."""
    data = make_dataset(design.data)
    x = torch.as_tensor(data.x_train, dtype=torch.float32)
    y = torch.as_tensor(data.y_train)
    class_indices = data.task != "regression" and registry.LOSSES[design.loss].head != "logit"
    y = y.to(torch.int64) if class_indices else y.to(torch.float32).reshape(-1, 1)  # as the Trainer's
    torch.manual_seed(design.training.seed)
    model, blocks = build_network(design, x.shape[1], output_size(design.loss, data.n_classes))
    weights = [model[b.start].weight for b in blocks if b.kind in ("linear", "output")]
    loss_fn = make_loss(design.loss)
    optimizer = make_optimizer(design, model.parameters())
    training = design.training
    batch = rules.batch_size(training, len(x))
    cuts = rules.batch_cuts(len(x), batch, design.has_batchnorm)
    generator = torch.Generator().manual_seed(training.seed)
    start = time.perf_counter()
    for _ in range(epochs):
        for index in torch.tensor_split(torch.randperm(len(x), generator=generator), cuts):
            optimizer.zero_grad()
            loss = loss_fn(model(x[index]), y[index])
            penalty = weight_penalty(training.regularization, training.regularization_rate, weights)
            (loss if penalty is None else loss + penalty).backward()
            optimizer.step()
    return time.perf_counter() - start


def engine_loop(design: Design, epochs: int, compiled: bool = False, lean: bool = True) -> tuple[float, int, int, float]:
    """The app's engine with everything the dashboards need; without ``lean``, eager
    steps go through autograd even where the lean step would take them.

    Returns (seconds, steps, snapshots, compile seconds); compiling is not timed.
    """
    trainer = Trainer(design.with_training(epochs=epochs))
    if not lean:
        trainer.lean_step = None
    compile_seconds = 0.0
    if compiled:
        mode = trainer.start_compiling(background=False)
        if mode.mode != "compiled":
            raise SystemExit(f"no compiled step on this machine: {mode}")
        compile_seconds = mode.seconds
    control = RunControl()
    count = 0

    def consume(snapshot) -> None:
        nonlocal count
        count += 1
        control.snapshot_taken()

    loop = RunLoop(trainer, control, consume)
    start = time.perf_counter()
    final = loop.run()
    seconds = time.perf_counter() - start
    assert final.state == "finished", final.message
    return seconds, trainer.step, count, compile_seconds


def main() -> None:
    parser = make_parser(__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=None,
                        help="torch intra-op threads for the plain loop and the engine alike "
                             "(default: the app's choice per design, training.sizes.threads_for)")
    args = parser.parse_args()
    chosen = designs(args.design, args.files_only)  # a bad file ends the run before anything is timed
    no_compiler = os.environ.get(EAGER_ENV, "") not in ("", "0")
    load = ", a second process keeping one core busy" if args.busy else ""
    threads = f"{args.threads} thread(s)" if args.threads else "threads as the app chooses them"
    print(f"torch {torch.__version__}, {threads}{load}, {args.repeats} repeats, epochs/s median (min-max)"
          f"{f', {EAGER_ENV}=1: no compiled step' if no_compiler else ''}\n")
    with machine_load(args.busy):
        measure(args, chosen, no_compiler)


def measure(args, chosen: list[tuple[str, Design, int | None]], no_compiler: bool) -> None:
    """Print the table: each design's plain loop and engine, alternating, side by side."""
    header = (f"{'design':{NAME_WIDTH}} {'plain':>18} {'engine autograd':>18} {'engine eager':>18} "
              f"{'engine compiled':>18} {'autograd/plain':>14} {'eager/plain':>11} {'compiled/plain':>14} "
              f"{'snaps/s':>8} {'compile s':>10}")
    print(header)
    print("-" * len(header))
    # (compiled, lean): autograd's eager step, the app's eager step, the compiled step
    modes = [(False, False), (False, True)] + ([] if args.no_compiled or no_compiler else [(True, True)])
    for name, design, epochs in chosen:
        same_threads(design, args.threads)
        epochs = timed_epochs(design, epochs)
        plain_loop(design, max(1, epochs // 10))  # warm up allocators and kernels
        engine_loop(design, max(1, epochs // 10))
        plain, engine, snaps, compile_times = [], {m: [] for m in modes}, [], []
        for _ in range(args.repeats):
            plain.append(epochs / plain_loop(design, epochs))
            for compiled, lean in modes:
                run_epochs = epochs * 4 if compiled else epochs  # the compiled step is faster: time a longer run
                seconds, steps, count, compile_seconds = engine_loop(design, run_epochs, compiled, lean)
                engine[compiled, lean].append(run_epochs / seconds)
                snaps.append(count / seconds)
                if compiled:
                    compile_times.append(compile_seconds)
        p = statistics.median(plain)
        columns = [_spread(engine[m]) if m in engine else "-" for m in ((False, False), (False, True), (True, True))]
        ratios = [f"{statistics.median(engine[m]) / p:.2f}" if m in engine else "-"
                  for m in ((False, False), (False, True), (True, True))]
        times = f"{compile_times[0]:.0f} / {statistics.median(compile_times[1:] or compile_times):.1f}" if compile_times else "-"
        print(f"{name:{NAME_WIDTH}} {_spread(plain):>18} {columns[0]:>18} {columns[1]:>18} {columns[2]:>18} "
              f"{ratios[0]:>14} {ratios[1]:>11} {ratios[2]:>14} {statistics.median(snaps):>8.1f} {times:>10}")
    print("\nengine eager: the app's eager step (the lean step where the design qualifies, else autograd's)")
    print("compile s: the first compile of the run / the median of the others (inductor's cache warm)")


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} ({min(values):.1f}-{max(values):.1f})"


if __name__ == "__main__":
    main()
