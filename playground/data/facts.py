"""What a data set gives the network, without making it: its task, split sizes,
input width and class count.

The editing panels show these on every change and the exported script writes them,
so nothing is generated here; only a CSV file is read (cached until the file
changes). Errors stay ``DataError``s: the window words them in its language.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from playground.data import csv_import
from playground.design.rules import split_sizes
from playground.design.schema import DataSpec
from playground.design.tasks import class_count, classification_task
from playground.errors import DataError

DIGITS_ROWS = 1797  # the bundled digits file: 1,797 images ...
DIGITS_INPUTS = 64  # ... of 8x8 pixels ...
DIGITS_CLASSES = 10  # ... of the digits 0..9


@dataclass(frozen=True)
class DataFacts:
    """Sizes the editors show. None = not known (a CSV file not chosen or not readable).

    ``task`` is "binary", "multiclass", "regression", or "classification" for a CSV
    file whose classes are not known yet. ``error`` is why a CSV file cannot be used.
    """

    task: str
    n_train: int | None
    n_test: int | None
    n_inputs: int | None
    n_classes: int | None
    error: DataError | None = None


def data_facts(spec: DataSpec) -> DataFacts:
    """Task, split sizes, input width and class count for ``spec``; only a CSV file is read."""
    kind = spec.info.input_kind
    if kind == "csv":
        return _csv_facts(spec)
    task = spec.info.task
    if kind == "digits":
        return DataFacts(task, *split_sizes(DIGITS_ROWS, spec.train_fraction), DIGITS_INPUTS, DIGITS_CLASSES)
    n_inputs = len(spec.features) if kind == "2d" else 1
    return DataFacts(task, *split_sizes(spec.samples, spec.train_fraction), n_inputs, class_count(task, spec.classes))


def _file_key(path: str) -> tuple[str, int, int]:
    """Path plus modification time and size, so an edited file is read again."""
    try:
        stat = os.stat(path)
        return path, stat.st_mtime_ns, stat.st_size
    except OSError:
        return path, -1, -1


@lru_cache(maxsize=8)
def _columns(key: tuple[str, int, int]) -> tuple[tuple[str, ...], DataError | None]:
    try:
        return tuple(csv_import.csv_columns(key[0])), None
    except DataError as error:
        return (), error


@lru_cache(maxsize=8)
def _loaded(key: tuple[str, int, int], target: str, task: str) -> tuple[int, int, int, DataError | None]:
    """(rows, inputs, classes, error) of a CSV file read as ``task``."""
    try:
        data = csv_import.load_csv(key[0], target, task)
    except DataError as error:
        return 0, 0, 0, error
    return len(data.y), data.x.shape[1], len(data.class_names), None


def csv_columns_of(path: str) -> tuple[list[str], DataError | None]:
    """(column names, why they cannot be read) of a CSV file; cached until the file changes."""
    columns, error = _columns(_file_key(path))
    return list(columns), error


def _csv_facts(spec: DataSpec) -> DataFacts:
    guess = "regression" if spec.csv_task == "regression" else "classification"
    if not spec.csv_path:
        return DataFacts(guess, None, None, None, None)
    columns, error = csv_columns_of(spec.csv_path)
    if error or not spec.csv_target:
        n_inputs = len(columns) - 1 if columns else None
        return DataFacts(guess, None, None, n_inputs, None, error)
    rows, n_inputs, n_classes, error = _loaded(_file_key(spec.csv_path), spec.csv_target, spec.csv_task)
    if error:
        return DataFacts(guess, None, None, len(columns) - 1, None, error)
    task = "regression" if spec.csv_task == "regression" else classification_task(n_classes)
    return DataFacts(task, *split_sizes(rows, spec.train_fraction), n_inputs, n_classes or 0)


def guess_csv_task(path: str, target: str) -> str:
    """Regression for a numeric column with many different values, else classification."""
    try:
        data = csv_import.load_csv(path, target, "regression")
    except DataError:
        return "classification"
    values = np.unique(data.y)
    integral = bool(np.all(values == np.round(values)))
    return "classification" if integral and len(values) <= 10 else "regression"
