"""The dashboards' cost in the training process: what share of the run loop's time their
work takes, how often snapshots go and how large they are, against a plain loop.

For each Design the engine's run loop trains for ``--seconds`` at full speed on one torch
thread, every snapshot pickled as the pipe to the window does and taken at once; then
the plain loop (bench_engine.plain_loop) trains for about 3 s. Printed per design:
steps/s of each and their ratio, snapshots/s, the period the budget chose (median), the
mean pickled size of a running snapshot, and the dashboards' share of the loop's time
with its parts: the instrumented steps beyond a plain step, the evaluations, the
dashboard records and pickling (the budget keeps their sum within
run_loop.DASHBOARD_SHARE, up to run_loop.MAX_PERIOD).

    .venv/bin/python benchmarks/bench_dashboards.py [--seconds 10] [--design FILE ...]
"""

from __future__ import annotations

import pickle
import statistics
import threading
import time

import torch
from bench_engine import NAME_WIDTH, designs, plain_loop
from bench_options import make_parser

from playground.training.run_loop import RunControl, RunLoop
from playground.training.trainer import Trainer


def measure(design, seconds: float) -> dict:
    """Run the engine's loop on ``design`` for ``seconds``; the figures printed per design."""
    trainer = Trainer(design.with_training(epochs=1_000_000))
    spent = {"probe": 0.0, "evaluate": 0.0, "dashboard": 0.0, "pickle": 0.0}
    chunks = {True: [], False: []}  # (seconds, steps) of probed and plain chunks

    def timed(name, method):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - start
        return wrapper

    train_steps = trainer.train_steps

    def train_and_time(n, probe=False):
        start = time.perf_counter()
        result = train_steps(n, probe)
        chunks[bool(probe)].append((time.perf_counter() - start, len(result.losses)))
        return result

    trainer.train_steps = train_and_time
    trainer.evaluate, trainer.dashboard = timed("evaluate", trainer.evaluate), timed("dashboard", trainer.dashboard)
    control = RunControl()
    sizes, periods = [], []

    def emit(snapshot) -> None:
        start = time.perf_counter()
        size = len(pickle.dumps(snapshot, protocol=pickle.HIGHEST_PROTOCOL))
        spent["pickle"] += time.perf_counter() - start
        if snapshot.state == "running":
            sizes.append(size)
            periods.append(loop._period)
        control.snapshot_taken()

    loop = RunLoop(trainer, control, emit)
    timer = threading.Timer(seconds, control.stop)
    timer.start()
    start = time.perf_counter()
    loop.run()
    total = time.perf_counter() - start
    plain_time, plain_steps = (sum(c[i] for c in chunks[False]) for i in (0, 1))
    per_step = plain_time / plain_steps if plain_steps else 0.0
    spent["probe"] = sum(max(0.0, t - k * per_step) for t, k in chunks[True])  # beyond the training it does
    epochs = max(1, round(3.0 / plain_loop(design, 1)))
    plain_rate = epochs * trainer.steps_per_epoch / plain_loop(design, epochs)
    return {"steps/s": trainer.step / total, "plain": plain_rate, "snapshots/s": len(sizes) / total,
            "period": statistics.median(periods) if periods else 0.0,
            "size": statistics.mean(sizes) if sizes else 0.0, "shares": {k: v / total for k, v in spent.items()}}


def main() -> None:
    parser = make_parser(__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    chosen = designs(args.design)
    torch.set_num_threads(1)
    print(f"torch {torch.__version__}, 1 thread, {args.seconds:g} s per design\n")
    for name, design, _ in chosen:
        r = measure(design, args.seconds)
        shares = r["shares"]
        parts = ", ".join(f"{k} {v:.1%}" for k, v in shares.items())
        print(f"{name:{NAME_WIDTH}} steps/s {r['steps/s']:8.0f} plain {r['plain']:8.0f} ratio {r['steps/s'] / r['plain']:5.2f}"
              f"  snapshots/s {r['snapshots/s']:5.1f} period {r['period']:.3f} s  snapshot {r['size'] / 1e3:8.1f} kB"
              f"  dashboards {sum(shares.values()):5.1%} ({parts})", flush=True)


if __name__ == "__main__":
    main()
