"""The whole app, offscreen, with every dashboard live: throughput, GUI latency, start-up.

In one run:
- for each Design, the plain hand-written PyTorch loop (bench_engine.plain_loop) and
  the full window training it (all docks drawing every snapshot), alternating, the
  app once with eager steps and once with the compiled step (timed once the status
  says "compiled"; the compile itself runs in the background and is not timed): the
  app's epochs/s, dashboard updates per second, and the ratios app / plain;
- the GUI thread's event-loop latency while training: a 5 ms timer records how late
  it fires (p50, p99, max);
- start-up, in fresh processes: time from launch to the first window shown, and to
  ready-to-train (the first run prepared, torch loaded).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_app.py [--repeats 3] [--seconds 4] [--no-compiled]
                                      [--busy] [--design FILE ...] [--files-only]

Designs: bench_engine's, then every design file given with ``--design`` (repeatable;
benchmarks/designs/ has the sizes the performance goals name). The plain loop runs with
the threads the app's training process chooses for the design. ``--busy`` runs
everything while a second process keeps one core busy.
With NN_PLAYGROUND_EAGER=1 it measures the app as packaged, without a compiler:
eager steps only, no compiled column.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
# Nothing heavy at module level: the training process re-imports this file (spawn),
# and the start-up measurement must not pay for torch.


def app_run(window, design, seconds: float, compiled: bool) -> dict:
    """Train ``design`` in the window for ``seconds``; measure steps/s, updates/s, timer lateness."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    controller = window.controller
    if window.compiled_action.isChecked() != compiled:
        window.compiled_action.trigger()
    window.document.replace(design.with_training(epochs=1_000_000))
    _wait(lambda: controller.state == "paused", 60)
    snapshots = []
    controller.snapshot_ready.connect(snapshots.append)
    controller.play()
    _wait(lambda: len(snapshots) > 5, 30)  # warmed up
    want = "compiled" if compiled else "eager"
    _wait(lambda: snapshots[-1].step_mode.mode == want, 600)
    _wait(lambda: len(snapshots) > 5 and snapshots[-5].step_mode.mode == want, 30)
    first = snapshots[-1]
    count0 = len(snapshots)
    lateness, elapsed = watch_lateness(seconds)
    last_snapshot = snapshots[-1]
    controller.pause()
    _wait(lambda: controller.state == "paused", 30)
    controller.snapshot_ready.disconnect(snapshots.append)
    app.processEvents()
    steps = last_snapshot.step - first.step
    info = controller.info
    if last_snapshot.step_mode.mode != want:
        raise RuntimeError(f"the run left {want} mode: {last_snapshot.step_mode}")
    return {
        "steps_per_s": steps / elapsed,
        "epochs_per_s": steps / info.steps_per_epoch / elapsed,
        "updates_per_s": (len(snapshots) - count0) / elapsed,
        "lateness": lateness,
    }


def watch_lateness(seconds: float, period_ms: int = 5) -> tuple[list[float], float]:
    """Run the event loop for ``seconds`` with a ``period_ms`` timer: how late each firing
    came (ms), and the seconds that passed."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    lateness: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        lateness.append(max(0.0, (now - last[0]) / 1e6 - period_ms))
        last[0] = now

    timer = QTimer()
    timer.setTimerType(timer.timerType().PreciseTimer)
    timer.timeout.connect(tick)
    timer.start(period_ms)
    start = time.perf_counter()
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    elapsed = time.perf_counter() - start
    timer.stop()
    return lateness, elapsed


def _wait(condition, seconds: float) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.perf_counter() + seconds
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        QApplication.instance().processEvents()
        time.sleep(0.002)


def startup_child() -> None:
    """Run in a fresh process: print seconds since launch at first window and at ready-to-train.

    Settings and autosave go to the folder BENCH_FOLDER names, not the user's."""
    launched = float(os.environ["BENCH_LAUNCHED"])
    folder = Path(os.environ["BENCH_FOLDER"])
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer

    from playground.ui.app import SWITCH_INTERVAL, create_application, create_window

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Paint and not getattr(self, "seen", False):
                self.seen = True
                print(f"shown {time.time() - launched:.3f}", flush=True)
            return False

    sys.setswitchinterval(SWITCH_INTERVAL)
    app, _user_settings = create_application([])
    window = create_window(app, QSettings(str(folder / "startup.ini"), QSettings.IniFormat), folder / "data")
    first_paint = FirstPaint()
    window.installEventFilter(first_paint)
    window.show()

    def ready(_info) -> None:
        print(f"ready {time.time() - launched:.3f}", flush=True)
        window.close()

    window.controller.run_ready.connect(ready)
    QTimer.singleShot(60_000, window.close)
    app.exec()


def startup(repeats: int, folder: Path) -> tuple[list[float], list[float]]:
    shown, ready = [], []
    for _ in range(repeats):
        env = dict(os.environ, BENCH_LAUNCHED=repr(time.time()), BENCH_FOLDER=str(folder))
        out = subprocess.run([sys.executable, __file__, "--startup-child"], env=env, capture_output=True,
                             text=True, timeout=120).stdout
        values = dict(line.split() for line in out.splitlines() if line[:5] in ("shown", "ready"))
        shown.append(float(values["shown"]))
        ready.append(float(values["ready"]))
    return shown, ready


def main() -> None:
    from bench_options import make_parser

    parser = make_parser(__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--startup-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.startup_child:
        startup_child()
        return

    import tempfile

    with tempfile.TemporaryDirectory(prefix="nn-playground-bench-") as folder:  # settings and autosave
        measure(args, Path(folder))


def measure(args: argparse.Namespace, folder: Path) -> None:
    import torch
    from bench_engine import designs
    from bench_options import machine_load
    from PySide6.QtCore import QSettings

    from playground.ui.app import SWITCH_INTERVAL, create_application, create_window

    chosen = designs(args.design, args.files_only)  # a bad file ends the run before the window opens
    sys.setswitchinterval(SWITCH_INTERVAL)
    # NN_PLAYGROUND_EAGER=1 measures the app as packaged (no compiler): eager steps only.
    no_compiler = os.environ.get("NN_PLAYGROUND_EAGER", "") not in ("", "0")
    app, _ = create_application([])
    settings = QSettings(str(folder / "bench.ini"), QSettings.IniFormat)
    window = create_window(app, settings, folder / "data")
    window.resize(1366, 768)
    window.show()
    if (args.no_compiled or no_compiler) and window.compiled_action.isChecked():
        window.compiled_action.trigger()
    # The first run compiles its step in the background; let it finish so that it
    # does not share the training process's time with the first measured run.
    modes = []
    window.controller.snapshot_ready.connect(lambda snapshot: modes.append(snapshot.step_mode))
    _wait(lambda: modes and modes[-1] is not None and modes[-1].mode != "compiling", 600)
    eager_only = ", NN_PLAYGROUND_EAGER=1: eager steps only" if no_compiler else ""
    load = ", a second process keeping one core busy" if args.busy else ""
    print(f"torch {torch.__version__}, offscreen window 1366x768, all docks visible{load}, "
          f"{args.repeats} repeats of {args.seconds:g} s, epochs/s median (min-max); "
          f"the plain loop with the threads the app chooses{eager_only}\n")
    with machine_load(args.busy):
        all_lateness = measure_designs(args, window, chosen, no_compiler)
    print("\nupdates/s: the lowest of all runs of the design")
    print(f"GUI event-loop latency over all runs: {_latency(all_lateness)} ms (p50/p99/max)")
    window.close()
    shown, ready = startup(max(3, args.repeats), folder)
    print(f"launch to first window: {_spread(shown, '{:.2f}')} s")
    print(f"launch to ready-to-train: {_spread(ready, '{:.2f}')} s")


def measure_designs(args: argparse.Namespace, window, chosen, no_compiler: bool) -> list[float]:
    """Print one row per design (plain loop and app, alternating; the app eager only with
    ``--no-compiled`` or without a compiler); returns every lateness."""
    from bench_engine import NAME_WIDTH, plain_loop, same_threads, timed_epochs

    header = (f"{'design':{NAME_WIDTH}} {'plain':>20} {'app eager':>20} {'app compiled':>20} {'eager/plain':>11} "
              f"{'compiled/plain':>14} {'updates/s':>10} {'latency p50/p99/max ms':>24}")
    print(header)
    print("-" * len(header))
    all_lateness = []
    for name, design, epochs in chosen:
        same_threads(design)  # the plain loop runs here with the threads the app's process takes
        epochs = timed_epochs(design, epochs)
        plain, eager, fast, updates, lateness = [], [], [], [], []
        for _ in range(args.repeats):
            plain.append(epochs / plain_loop(design, epochs))
            for compiled, results in ((False, eager), (True, fast))[: 1 if args.no_compiled or no_compiler else 2]:
                result = app_run(window, design, args.seconds, compiled)
                results.append(result["epochs_per_s"])
                updates.append(result["updates_per_s"])
                lateness += result["lateness"]
        all_lateness += lateness
        p = statistics.median(plain)
        fast_text, fast_ratio = (_spread(fast), f"{statistics.median(fast) / p:.2f}") if fast else ("-", "-")
        print(f"{name:{NAME_WIDTH}} {_spread(plain):>20} {_spread(eager):>20} {fast_text:>20} "
              f"{statistics.median(eager) / p:>11.2f} {fast_ratio:>14} "
              f"{min(updates):>10.1f} {_latency(lateness):>24}")
    return all_lateness


def _latency(values: list[float]) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    p = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))]  # noqa: E731
    return f"{p(0.5):.1f} / {p(0.99):.1f} / {ordered[-1]:.1f}"


def _spread(values: list[float], fmt: str = "{:.1f}") -> str:
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}-{fmt.format(max(values))})"


if __name__ == "__main__":
    main()
