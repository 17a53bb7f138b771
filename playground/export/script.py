"""Export a Design as a standalone, readable PyTorch script: the script's assembly.

``export_script(design)`` returns the text of a .py file that needs only torch and
numpy (and the standard library). It makes the same data with the engine's own
functions (the ones the design uses, from ``data.generators`` and ``design.rules``,
written in as source: one source for the app and the script), builds the same
``nn.Sequential`` with the same init, and trains with the same loss, optimizer,
regularization and batches, seeded as the app seeds them: on the CPU it reproduces
the app's losses step by step.

Each epoch it prints ``epoch N  train loss L``, where L is the mean of that epoch's
per-batch training losses (without the regularization term), the number the app's
loss plot averages over an epoch. Nothing runs on import: ``python script.py
[--epochs N]`` trains.

Here are the header, imports and constants and the order of the parts; the data,
model and training parts are written by ``data_code``, ``model_code`` and
``training_code``, from the engine's own source (``source``).
"""

from __future__ import annotations

import os

from playground.data import csv_import, datasets
from playground.data.facts import data_facts
from playground.design import rules
from playground.design.schema import Design, require_valid
from playground.design.shapes import output_size
from playground.errors import PlaygroundError, Problem, path_excerpt
from playground.export.data_code import data_code
from playground.export.model_code import model_code
from playground.export.source import SOURCE_MODULES, comment  # noqa: F401  (SOURCE_MODULES: the bundle ships them)
from playground.export.training_code import shuffles, training_code
from playground.files import atomic_write_text
from playground.resources import resource_path


def export_script(design: Design) -> str:
    """The script's text. DesignError if the design cannot train; DataError if its CSV cannot be read."""
    require_valid(design)
    data = data_facts_for(design)
    parts = [
        _header(design),
        imports_code(design, ("argparse",)),
        section("the design", constants_code(design, data)),
        section("data", data_code(design, data)),
        section("model", model_code(design, data)),
        section("training", training_code(design, data)),
        _MAIN,
    ]
    return "\n\n\n".join(part.strip("\n") for part in parts) + "\n"


def write_script(design: Design, path: str | os.PathLike) -> None:
    """Export ``design`` to ``path`` atomically; PlaygroundError if it cannot be written."""
    write_export(path, export_script(design))


def write_export(path: str | os.PathLike, text: str) -> None:
    """Write an export's ``text`` to ``path`` atomically; PlaygroundError (naming the path) if it cannot."""
    try:
        atomic_write_text(path, text)
    except OSError as error:
        reason = str(error.strerror or error)
        name = path_excerpt(path)
        problem = Problem("", f"could not write the file: {reason}", "write_failed", (reason,))
        raise PlaygroundError([problem], title=f"Cannot export to {name}:", title_code="export_failed",
                              title_args=(name,)) from None


def section(title: str, code: str) -> str:
    """``code`` under a comment line that names its part of the script."""
    return f"# --- {title} ".ljust(81, "-") + "\n" + code.strip("\n")


# -- what the script must know about the data -------------------------------------------


def data_facts_for(design: Design) -> dict:
    """kind, n_inputs, n_train, n_classes, n_outputs (and, for CSV, the file's delimiter and
    class names): what the parts of a script or notebook need. DataError if a CSV file cannot be used."""
    spec = design.data
    facts = data_facts(spec)
    if facts.error is not None:
        raise facts.error
    out = {"kind": spec.info.input_kind, "n_inputs": facts.n_inputs, "n_train": facts.n_train,
           "n_classes": facts.n_classes, "n_outputs": output_size(design.loss, facts.n_classes)}
    if out["kind"] == "csv":
        table = csv_import.load_csv(spec.csv_path, spec.csv_target, spec.csv_task)
        out.update(class_names=table.class_names, delimiter=table.delimiter)
    return out


# -- header, imports, constants ----------------------------------------------------------


def _header(design: Design) -> str:
    name = design.name or "Untitled design"
    parts = [
        comment(name),
        "#",
        "# Exported from NN Playground as a standalone PyTorch script. It needs only torch",
        "# and numpy and, run on the CPU, reproduces the app's training for the same seeds.",
        "# Run it with:  python this_file.py [--epochs N]",
    ]
    if design.description.strip():
        parts += ["#", comment(design.description.strip())]
    return "\n".join(parts)


def imports_code(design: Design, extra: tuple[str, ...] = ()) -> str:
    """The imports the parts need (and the standard library's ``extra`` modules)."""
    kind = design.data.info.input_kind
    std = [*extra, "math"] + (["gzip"] if kind == "digits" else []) + (["csv"] if kind == "csv" else [])
    return "\n".join(f"import {m}" for m in sorted(std)) + "\n\nimport numpy as np\nimport torch\nfrom torch import nn"


def data_source(design: Design, data: dict) -> str | None:
    """The file a design's data is read from (the digits set's, a CSV's), or None for generated data."""
    if data["kind"] == "digits":
        return str(resource_path(*datasets.DIGITS_FILE))
    if data["kind"] == "csv":
        return design.data.csv_path
    return None


def constants_code(design: Design, data: dict, data_file: str | None = None) -> str:
    """The design's numbers as the parts use them (DATA_SEED, SAMPLES... LEARNING_RATE);
    ``data_file``: the name the data file is read by, instead of where it is (data_source)."""
    spec, t, o = design.data, design.training, design.optimizer
    lines = []
    lines.append(f"DATA_SEED = {spec.seed}  # the data set's own seed")
    if data["kind"] in ("2d", "1d"):
        lines.append(f"SAMPLES = {spec.samples}  # points generated, train and test together")
        lines.append(f"NOISE = {spec.noise!r}  # 0 = clean, 1 = as much noise as signal")
    if data["kind"] == "2d" and spec.info.uses_classes:
        lines.append(f"CLASSES = {spec.classes}")
    if data["kind"] == "2d":
        lines.append(f"FEATURES = {tuple(spec.features)!r}  # the model's inputs, computed from each point")
    if data["kind"] == "1d":
        lines.append(f"OUTLIER_FRACTION = {spec.outlier_fraction!r}  # share of training points moved off the curve")
    if data["kind"] == "digits":
        path = data_file or data_source(design, data)
        lines.append(f"DIGITS_FILE = {path!r}  # per row: 64 pixel counts 0..16 (8x8), then the digit")
    if data["kind"] == "csv":
        lines.append(f"CSV_FILE = {data_file or data_source(design, data)!r}")
        lines.append(f"DELIMITER = {data['delimiter']!r}")
        lines.append(f"TARGET = {spec.csv_target!r}  # the column to predict; every other column is an input")
        if spec.csv_task != "regression":
            lines.append(f"CLASS_NAMES = {data['class_names']!r}  # class k is CLASS_NAMES[k]")
    lines.append(f"TRAIN_FRACTION = {spec.train_fraction!r}  # the rest is the test set")
    lines.append(f"SEED = {t.seed}  # initial weights, shuffling and dropout")
    lines.append(f"EPOCHS = {t.epochs}")
    if shuffles(design, data):
        lines.append(f"BATCH_SIZE = {rules.batch_size(t, data['n_train'])}")
    if t.regularization != "none" and t.regularization_rate > 0:
        lines.append(f"REGULARIZATION_RATE = {t.regularization_rate!r}  # {t.regularization.upper()}")
    lines.append(f"LEARNING_RATE = {o.lr!r}")
    return "\n".join(lines)


_MAIN = '''
def main():
    parser = argparse.ArgumentParser(description="Train the exported NN Playground design.")
    parser.add_argument("--epochs", type=int, default=EPOCHS, help=f"epochs to train (default {EPOCHS})")
    train(parser.parse_args().epochs)


if __name__ == "__main__":
    main()
'''
