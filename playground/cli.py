"""The command line: ``nn-playground train DESIGN.json [--epochs N] [--metrics out.csv]``, ``compare``
(playground.cli_compare), ``lesson check`` (playground.cli_lesson), ``export`` (playground.cli_export),
``new``, ``presets``.

Trains headless with the same engine as the window, shows a progress bar with the
epoch and losses, streams one CSV row per epoch to the metrics file (kept nowhere
else: memory stays flat however many epochs run), prints the final figures and the
gradient verdict. Exit codes: 0 trained, 1 diverged, 2 bad design or data file (or an
unknown command), 130 interrupted (the metrics so far are still written).
"""

from __future__ import annotations

import argparse
import csv
import sys
from contextlib import nullcontext
from pathlib import Path

from playground.errors import excerpt, path_excerpt
from playground.export.notebook_words import LANGUAGES

EXIT_OK, EXIT_DIVERGED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nn-playground",
        description="Build a neural network, train it live with PyTorch, and watch what happens inside. "
        "With no command, opens the app: nn-playground [DESIGN.json].",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    train = commands.add_parser("train", help="train a design file headless and report the results")
    train.add_argument("design", type=Path, help="a design file (.json) saved by NN Playground")
    train.add_argument("--epochs", type=int, help="train this many epochs instead of the design's limit")
    train.add_argument("--metrics", type=Path, help="write per-epoch metrics (losses, accuracy, gradient norms) to this CSV file")
    train.add_argument("--quiet", action="store_true", help="no progress bar")
    train.add_argument("--compiled", action="store_true",
                       help="compile the training step with torch.compile in the background and use it once ready "
                            "(several times faster on small networks; the same losses up to rounding; needs a C++ compiler)")
    compare = commands.add_parser("compare", help="train a comparison file (runs side by side) headless, "
                                                  "print the table and the headline")
    compare.add_argument("comparison", type=Path, help="a comparison file (.json with variants) saved by NN Playground")
    compare.add_argument("--epochs", type=int, help="train this many epochs instead of the comparison's limit")
    compare.add_argument("--metrics", type=Path, help="write per-run, per-epoch metrics to this CSV file")
    compare.add_argument("--quiet", action="store_true", help="no progress bar")
    new = commands.add_parser("new", help="write the default design (TensorFlow Playground's circle problem) to a file")
    new.add_argument("design", type=Path, help="where to write the design (.json)")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    commands.add_parser("presets", help="list the shipped example designs (small experiments by course stage) and their files")
    lesson = commands.add_parser("lesson", help="check a lesson file; with --solve, run its reference solution headless")
    lesson_commands = lesson.add_subparsers(dest="lesson_command", metavar="ACTION", required=True)
    check = lesson_commands.add_parser("check", help="validate a lesson file (exit 2 naming every problem); "
                                                     "with --solve, report whether its solution meets every goal")
    check.add_argument("lesson", type=Path, help="a lesson file (.json)")
    check.add_argument("--solve", action="store_true",
                       help="train the reference solution headless: a line per goal, exit 0 only if all are met")
    export = commands.add_parser("export", help="write a design as a standalone PyTorch script or a Jupyter notebook "
                                                "(which continues the run when the design was saved with its weights)")
    export.add_argument("design", type=Path, help="a design file (.json) saved by NN Playground")
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--script", type=Path, metavar="OUT.py", help="write a .py that needs only torch and numpy")
    target.add_argument("--notebook", type=Path, metavar="OUT.ipynb",
                        help="write a Jupyter notebook (its weights beside it when the design has saved weights)")
    export.add_argument("--language", choices=LANGUAGES, help="the notebook's explanations: en (default) or ko")
    return parser


def command_names() -> tuple[str, ...]:
    """The commands, as the parser knows them."""
    parser = build_parser()
    return tuple(next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices)


def unknown_word(word: str) -> int:
    """Refuse a first word that is neither a command nor an existing file; the exit code."""
    if any(sep in word for sep in ("/", "\\")) or Path(word).suffix:
        _error(f"no such file: '{path_excerpt(word)}'")
    else:
        _error(f"unknown command '{excerpt(word)}'; the commands are {', '.join(command_names())} "
               "(nn-playground --help explains them; a design file opens in the window)")
    return EXIT_BAD_INPUT


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "train":
        return train_command(args.design, epochs=args.epochs, metrics_path=args.metrics, quiet=args.quiet,
                             compiled=args.compiled)
    if args.command == "compare":
        from playground.cli_compare import compare_command

        return compare_command(args.comparison, epochs=args.epochs, metrics_path=args.metrics, quiet=args.quiet)
    if args.command == "export":
        from playground.cli_export import export_command

        return export_command(args.design, script=args.script, notebook=args.notebook, language=args.language)
    if args.command == "new":
        return new_command(args.design, force=args.force)
    if args.command == "presets":
        return presets_command()
    if args.command == "lesson":
        from playground.cli_lesson import lesson_check_command

        return lesson_check_command(args.lesson, solve=args.solve)
    build_parser().print_help()
    return EXIT_OK


def new_command(path: Path, *, force: bool = False) -> int:
    from playground.design.schema import Design
    from playground.design.io import save_design
    from playground.errors import PlaygroundError

    if path.exists() and not force:
        _error(f"{path} already exists; pass --force to overwrite it")
        return EXIT_BAD_INPUT
    try:
        save_design(Design(), path)
    except PlaygroundError as error:
        _error(error.text())
        return EXIT_BAD_INPUT
    print(f"Wrote the default design to {path}. Edit it, then: nn-playground train {path}")
    return EXIT_OK


def presets_command() -> int:
    from playground.errors import PlaygroundError
    from playground.design.presets import list_presets

    try:
        presets = list_presets()
    except PlaygroundError as error:
        _error(error.text())
        return EXIT_BAD_INPUT
    width = max((len(p.id) for p in presets), default=0)
    for preset in presets:
        print(f"{preset.id:<{width}}  {preset.title_en}\n{'':<{width}}  {preset.path}")
    print("\nTrain one with: nn-playground train FILE")
    return EXIT_OK


def train_command(path: Path, *, epochs: int | None = None, metrics_path: Path | None = None, quiet: bool = False,
                  compiled: bool = False) -> int:
    from playground.design.io import load_design
    from playground.errors import PlaygroundError

    if not epochs_allowed(epochs):
        return EXIT_BAD_INPUT
    try:
        design = load_design(path)
        if epochs is not None:
            design = design.with_training(epochs=epochs)
        from playground.training.sizes import use_threads_for
        from playground.training.trainer import Trainer

        trainer = Trainer(design)
    except PlaygroundError as error:
        _error(error.text())
        return EXIT_BAD_INPUT
    use_threads_for(trainer.network)
    if trainer.device_choice.notice:
        print(trainer.device_choice.notice, file=sys.stderr)
    if compiled:
        mode = trainer.start_compiling()
        if mode.mode == "eager":
            print(f"No compiled step: {COMPILE_REASONS.get(mode.reason, mode.reason)}; training eagerly.", file=sys.stderr)
    return with_metrics(metrics_path, lambda writer: _train(trainer, writer, quiet))


def epochs_allowed(epochs: int | None) -> bool:
    """Whether ``--epochs`` is absent or at least 1 (else the error is printed)."""
    if epochs is not None and epochs < 1:
        _error("--epochs must be 1 or more")
        return False
    return True


def with_metrics(metrics_path: Path | None, train) -> int:
    """``train(writer)`` with the metrics file open (writer None without one); its exit code,
    or EXIT_BAD_INPUT when the file cannot be written."""
    try:
        with MetricsWriter(metrics_path) if metrics_path is not None else nullcontext() as writer:
            return train(writer)
    except OSError as error:
        _error(f"Could not write the metrics to {path_excerpt(metrics_path)}: {error.strerror or error}")
        return EXIT_BAD_INPUT


def _train(trainer, writer: "MetricsWriter | None", quiet: bool) -> int:
    """Train to the end; each epoch's row goes to ``writer`` and only the last one is kept."""
    from tqdm import tqdm

    from playground.training.trainer import Diverged

    total = trainer.design.training.epochs
    report = row = None
    bar = tqdm(total=total, unit="epoch", disable=quiet, file=sys.stderr, dynamic_ncols=True)
    try:
        while not trainer.finished:
            result = trainer.train_epoch(probe=True)
            report = result.probe or report
            metrics = trainer.evaluate()
            row = metrics_row(trainer, metrics, report)
            if writer is not None:
                writer.write(row)
            bar.update(1)
            bar.set_postfix_str(_postfix(metrics), refresh=False)
    except Diverged as error:
        bar.close()
        print(f"\n{error}", file=sys.stderr)
        return EXIT_DIVERGED
    except KeyboardInterrupt:
        bar.close()
        print(f"\nInterrupted after epoch {trainer.epoch}.", file=sys.stderr)
        return EXIT_INTERRUPTED
    bar.close()
    _print_summary(trainer, row, report)
    return EXIT_OK


def _postfix(metrics) -> str:
    text = f"train {metrics.train_loss:.4f} test {metrics.test_loss:.4f}"
    if metrics.test_accuracy is not None:
        text += f" acc {metrics.test_accuracy:.1%}"
    return text


def metrics_row(trainer, metrics, report) -> dict:
    row = {
        "epoch": trainer.epoch,
        "step": trainer.step,
        "train_loss": metrics.train_loss,
        "test_loss": metrics.test_loss,
        "train_accuracy": "" if metrics.train_accuracy is None else metrics.train_accuracy,
        "test_accuracy": "" if metrics.test_accuracy is None else metrics.test_accuracy,
    }
    if report is not None:
        for grad in report.gradients:
            row[f"grad_norm[{grad.name}]"] = grad.weight_grad_norm
        row["gradient_verdict"] = report.verdict.state
    return row


class MetricsWriter:
    """The metrics CSV file, one row per epoch as it comes (a context manager).

    Rows go to a temporary file beside ``path`` that replaces ``path`` when the
    ``with`` block ends without an exception (also after a divergence or Ctrl+C, which
    the caller handles): ``path`` holds the old file or every row written, never a
    part. Opening fails at once (OSError) when the folder cannot take the file.
    """

    COLUMNS = ["epoch", "step", "train_loss", "test_loss", "train_accuracy", "test_accuracy"]

    def __init__(self, path: Path):
        self.path = path
        self._writer: csv.DictWriter | None = None

    def __enter__(self) -> "MetricsWriter":
        from playground.files import atomic_file

        self._atomic = atomic_file(self.path, "w", encoding="utf-8", newline="")
        self._file = self._atomic.__enter__()
        return self

    def write(self, row: dict) -> None:
        if self._writer is None:
            self._writer = csv.DictWriter(self._file, fieldnames=list(row), lineterminator="\n")
            self._writer.writeheader()
        self._writer.writerow(row)

    def __exit__(self, *exc) -> bool:
        if self._writer is None and exc[0] is None:
            csv.writer(self._file, lineterminator="\n").writerow(self.COLUMNS)  # no epoch ran: the header only
        return bool(self._atomic.__exit__(*exc))


def _print_summary(trainer, row: dict | None, report) -> None:
    print(f"Trained {trainer.epoch} epochs ({trainer.step:,} steps) on {trainer.device_choice.label}.")
    if row is not None:
        print(f"  train loss     {row['train_loss']:.6f}")
        print(f"  test loss      {row['test_loss']:.6f}")
        if row["test_accuracy"] != "":
            print(f"  train accuracy {row['train_accuracy']:.1%}")
            print(f"  test accuracy  {row['test_accuracy']:.1%}")
    if report is not None:
        print(f"  gradients      {report.verdict.state}: {report.verdict.reason}")
    mode = trainer.step_mode
    if mode.mode != "eager" or mode.reason:  # a compiled step was asked for
        why = f" ({COMPILE_REASONS.get(mode.reason, mode.reason)}{': ' + mode.detail if mode.detail else ''})" if mode.reason else ""
        print(f"  step mode      {mode.mode}{why}; {trainer.compiled_steps:,} of {trainer.step:,} steps compiled")


COMPILE_REASONS = {
    "off": "turned off by NN_PLAYGROUND_EAGER",
    "frozen": "the packaged app trains eagerly",
    "no_compiler": "no C++ compiler found",
    "dropout": "designs with dropout train eagerly (random numbers would differ)",
    "device": "not supported on this device",
    "failed": "compiling failed",
    "grouped": "stepped together with the comparison's runs of the same shape",
}


def _error(text: str) -> None:
    print(f"nn-playground: {text}", file=sys.stderr)



if __name__ == "__main__":
    sys.exit(main())
