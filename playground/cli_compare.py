"""``nn-playground compare FILE [--epochs N] [--metrics out.csv] [--quiet]``: a comparison
trained headless, in lock-step as in the window (playground.training.comparison_trainer).

A progress bar counts lock-step ticks (every run one step per tick; a run at its epoch
limit or diverged stops alone). Each run is evaluated at the end of each of its own
epochs (runs whose batch modes differ end epochs at different steps), and those
evaluations feed the race (playground.runs.race): the table and the headline printed
at the end. The metrics file has one row per run per epoch, the run's label first.
Exit codes as ``train``'s: 0 trained, 1 a run diverged (the table says which and the
reason is printed), 2 a file that cannot be used (every problem named; a plain design
file is refused with a word to use ``train``), 130 interrupted.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playground.cli import (EXIT_BAD_INPUT, EXIT_DIVERGED, EXIT_INTERRUPTED, EXIT_OK, _error, epochs_allowed, metrics_row,
                            with_metrics)
from playground.errors import path_excerpt

METRIC_COLUMNS = ("run", "epoch", "step", "train_loss", "test_loss", "train_accuracy", "test_accuracy",
                  "gradient_verdict")


def compare_command(path: Path, *, epochs: int | None = None, metrics_path: Path | None = None,
                    quiet: bool = False) -> int:
    from playground.design.comparison import Comparison, check_comparison
    from playground.design.io import load_document
    from playground.errors import DesignError, PlaygroundError

    if not epochs_allowed(epochs):
        return EXIT_BAD_INPUT
    try:
        comparison = load_document(path)
        if not isinstance(comparison, Comparison):
            _error(f"{path_excerpt(path)} is a design file, not a comparison (it has no variants); "
                   f"train it with: nn-playground train {path_excerpt(path)}")
            return EXIT_BAD_INPUT
        if epochs is not None:
            comparison = comparison.with_base(comparison.base.with_training(epochs=epochs))
        problems = check_comparison(comparison)
        if problems:
            raise DesignError(problems, title="The comparison cannot be used as it stands:")
        from playground.training.comparison_trainer import ComparisonTrainer
        from playground.training.sizes import use_threads_for

        trainer = ComparisonTrainer(comparison)
    except PlaygroundError as error:
        _error(error.text())
        return EXIT_BAD_INPUT
    for run in trainer.runs:
        use_threads_for(run.network)
    return with_metrics(metrics_path, lambda writer: _train(trainer, writer, quiet))


def _train(trainer, writer, quiet: bool) -> int:
    from tqdm import tqdm

    from playground.design.comparison_labels import run_label
    from playground.runs.race import Race, default_target

    labels = [run_label(trainer.comparison, i) for i in range(len(trainer.runs))]
    race = Race(labels, default_target(trainer.comparison.base))
    probes = [None] * len(trainer.runs)
    total = max(run.max_steps for run in trainer.runs)
    bar = tqdm(total=total, unit="step", disable=quiet, file=sys.stderr, dynamic_ncols=True)
    try:
        while not trainer.finished:
            ends = [run.steps_per_epoch - run.batch_in_epoch for i, run in enumerate(trainer.runs) if trainer.training(i)]
            before = trainer.step
            result = trainer.train_steps(min(ends), probe=True)
            for i, (_, _, probe) in enumerate(result.runs):
                probes[i] = probe or probes[i]
                _report(trainer, i, race, labels[i], probes[i], writer)
            bar.update(trainer.step - before)
            bar.set_postfix_str(race.headline().text[:60], refresh=False)
    except KeyboardInterrupt:
        bar.close()
        print(f"\nInterrupted at step {trainer.step:,}.", file=sys.stderr)
        return EXIT_INTERRUPTED
    bar.close()
    print_table(race)
    for i, outcome in enumerate(trainer.outcomes):
        if outcome is not None:
            print(f"\n{labels[i]}: {outcome.error}")
    return EXIT_DIVERGED if any(trainer.outcomes) else EXIT_OK


def _report(trainer, i: int, race, label: str, probe, writer) -> None:
    """Evaluate run ``i`` for the race (and the metrics file) if it has just ended an epoch
    or stopped (diverged: its last state only)."""
    from playground.runs.messages import Snapshot

    run = trainer.runs[i]
    state = trainer.state(i)
    known = race.rows()[i]
    if known.state in ("diverged", "finished") or (run.batch_in_epoch and state == "running"):
        return
    metrics = None if state == "diverged" else run.evaluate()
    race.add(i, Snapshot(0, 0, run.step, run.epoch, run.batch_in_epoch, state, None, None, metrics, probe, None,
                         run.lr, 0.0))
    if writer is not None and metrics is not None:
        row = metrics_row(run, metrics, probe)
        writer.write({"run": label} | {key: row.get(key, "") for key in METRIC_COLUMNS[1:]})


def print_table(race) -> None:
    """The race's table (one row per run) and its headline."""
    rows = race.rows()
    width = max(len(row.label) for row in rows)
    print(f"{'run':<{width}}  {'step':>8}  {'epoch':>6}  {'train loss':>10}  {'test loss':>10}  "
          f"{'test acc':>8}  {'reached at':>10}  {'gradients':<10}  state")
    for row in rows:
        reached = f"{row.reached_at:,}" if row.reached_at is not None else "-"
        print(f"{row.label:<{width}}  {row.step:>8,}  {row.epoch:>6,}  {_number(row.train_loss):>10}  "
              f"{_number(row.test_loss):>10}  {_percent(row.test_accuracy):>8}  {reached:>10}  "
              f"{row.verdict or '-':<10}  {row.state}")
    print(f"\nTarget: {race.target.words()}. {race.headline().text}")


def _number(value) -> str:
    return "-" if value is None else f"{value:.4f}"


def _percent(value) -> str:
    return "-" if value is None else f"{value:.1%}"
