"""Seeded datasets as numpy arrays: TF Playground's 2-D sets, 1-D curves with
outliers, the bundled 8x8 digits and the learner's own CSV file.

``make_dataset(spec)`` is deterministic: the same ``DataSpec`` gives bit-identical
arrays (all randomness comes from ``np.random.default_rng(spec.seed)``). Points are
shuffled with the seed and the first ``round(samples * train_fraction)`` train.
How each set is made is its registry entry's generator (``design.datasets``: a
function of ``generators``, which exported scripts copy); this module puts the
pieces together into a ``Dataset`` by the set's input kind and words what can go
wrong.

2-D sets' model inputs are the chosen feature maps of the raw coordinates, not
standardized (as in TF Playground, so sin x1 means the sine of the coordinate a
learner sees).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from playground.data import csv_import, generators
from playground.data.csv_import import csv_columns  # noqa: F401  (part of this module's API)
from playground.data.facts import DIGITS_CLASSES
from playground.data.generators import feature_map, split
from playground.design import registry
from playground.design.schema import DataSpec
from playground.design.tasks import class_count, classification_task
from playground.errors import DataError, Problem, excerpt
from playground.resources import resource_path

PLANE_EXTENT = (-6.0, 6.0, -6.0, 6.0)
CURVE_X_EXTENT = (-1.1, 1.1)
DIGITS_FILE = ("data", "digits", "digits.csv.gz")


@dataclass(frozen=True, eq=False)
class Dataset:
    """Train and test arrays, ready for a model.

    ``x_*`` float32 (n, n_inputs); ``y_*`` int64 class indices (classification) or
    float32 targets (regression). ``raw_*`` are the plotted coordinates: float32
    (n, 2) for 2-D sets, (n, 1) for 1-D curves, None for digits and CSV.
    ``extent`` is the plot range (x_min, x_max, y_min, y_max): the plane for 2-D
    sets, (x, target) for 1-D curves, None otherwise. ``outliers_train`` bool
    (n_train,) marks the training points moved off a 1-D curve. ``name`` is the
    registry name ("" when built by hand: the input kind is then guessed from
    ``raw_train``, and None means "csv").
    """

    task: str
    n_classes: int
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    feature_names: tuple[str, ...]
    class_names: tuple[str, ...]
    raw_train: np.ndarray | None = None
    raw_test: np.ndarray | None = None
    outliers_train: np.ndarray | None = None
    extent: tuple[float, float, float, float] | None = None
    name: str = ""

    @property
    def n_inputs(self) -> int:
        return int(self.x_train.shape[1])

    @property
    def input_kind(self) -> str:
        if self.name:
            return registry.DATASETS[self.name].input_kind
        if self.raw_train is None:
            return "csv"
        return "2d" if self.raw_train.shape[1] == 2 else "1d"

    def features_of(self, raw: np.ndarray) -> np.ndarray:
        """Raw points (m, 2) or (m, 1) -> model inputs float32 (m, n_inputs), as
        for the training points; for decision-boundary grids."""
        kind = self.input_kind
        if kind not in ("2d", "1d"):
            raise ValueError(f"{kind} data has no plane to map: features_of needs a 2-D or 1-D set")
        raw = np.asarray(raw, dtype=np.float64)
        width = 2 if kind == "2d" else 1
        if raw.ndim != 2 or raw.shape[1] != width:
            raise ValueError(f"expected raw points of shape (m, {width}), got {raw.shape}")
        if kind == "1d":
            return raw.astype(np.float32)
        return feature_map(raw, self.feature_names)


def make_dataset(spec: DataSpec) -> Dataset:
    """The dataset ``spec`` describes. DataError (fields ``data.*``) if it cannot be made."""
    kind = spec.info.input_kind
    if kind == "2d":
        return _plane_dataset(spec)
    if kind == "1d":
        return _curve_dataset(spec)
    if kind == "digits":
        return _digits_dataset(spec)
    return _csv_dataset(spec)


# -- 2-D sets ---------------------------------------------------------------------


def _plane_dataset(spec: DataSpec) -> Dataset:
    if not spec.features:
        raise DataError([Problem("data.features", "choose at least one input feature")])
    rng = np.random.default_rng(spec.seed)
    classes = (spec.classes,) if spec.info.uses_classes else ()
    points, labels = spec.info.generator(rng, spec.samples, spec.noise, *classes)
    # Rounded once, so that features_of(raw_train) reproduces x_train exactly.
    raw = points.astype(np.float32)
    train, test = split(rng, spec.samples, spec.train_fraction)
    task = spec.info.task
    n_classes = class_count(task, spec.classes)
    y = labels.astype(np.float32 if task == "regression" else np.int64)
    return Dataset(
        task=task,
        n_classes=n_classes,
        x_train=feature_map(raw[train], spec.features),
        y_train=y[train],
        x_test=feature_map(raw[test], spec.features),
        y_test=y[test],
        feature_names=tuple(spec.features),
        class_names=tuple(str(k) for k in range(n_classes)),
        raw_train=raw[train],
        raw_test=raw[test],
        extent=PLANE_EXTENT,
        name=spec.dataset,
    )


# -- 1-D curves ---------------------------------------------------------------

def clean_curve(spec: DataSpec | str, x: np.ndarray) -> np.ndarray:
    """The noiseless target of a 1-D set ("line" or "sine") at ``x``; same shape, float32."""
    name = spec if isinstance(spec, str) else spec.dataset
    entry = registry.DATASETS.get(name)
    if entry is None or entry.input_kind != "1d":
        curves = [n for n, e in registry.DATASETS.items() if e.input_kind == "1d"]
        raise ValueError(f"'{name}' is not a 1-D curve (choose from {', '.join(curves)})")
    return entry.generator(np.asarray(x))


def _curve_dataset(spec: DataSpec) -> Dataset:
    rng = np.random.default_rng(spec.seed)
    x, y, train, test, y_train, moved = generators.curve_points(
        rng, spec.info.generator, spec.samples, spec.noise, spec.train_fraction, spec.outlier_fraction)
    outliers = np.zeros(len(train), dtype=bool)
    outliers[moved] = True
    raw = x[:, None]
    return Dataset(
        task="regression",
        n_classes=0,
        x_train=raw[train],
        y_train=y_train,
        x_test=raw[test],
        y_test=y[test],
        feature_names=("x",),
        class_names=(),
        raw_train=raw[train],
        raw_test=raw[test],
        outliers_train=outliers,
        extent=CURVE_X_EXTENT + _padded_range(np.concatenate([y_train, y[test]])),
        name=spec.dataset,
    )


def _padded_range(values: np.ndarray) -> tuple[float, float]:
    low, high = float(values.min()), float(values.max())
    pad = 0.1 * max(high - low, 1.0)
    return (low - pad, high + pad)


# -- digits and CSV -----------------------------------------------------------------


@lru_cache(maxsize=1)
def _digits_file() -> tuple[np.ndarray, np.ndarray]:
    path = resource_path(*DIGITS_FILE)
    try:
        return generators.read_digits(path)
    except (OSError, ValueError) as error:
        message = f"the bundled digits file '{path}' cannot be read ({error}); reinstall the app"
        raise DataError([Problem("data.dataset", message)]) from None


def load_digits_arrays() -> tuple[np.ndarray, np.ndarray]:
    """Images float32 (1797, 64), pixel counts 0..16 row by row; labels int64 (1797,) 0..9."""
    images, labels = _digits_file()
    return images.copy(), labels.copy()


def _digits_dataset(spec: DataSpec) -> Dataset:
    images, labels = _digits_file()
    train, test = split(np.random.default_rng(spec.seed), len(labels), spec.train_fraction)
    x = images / np.float32(16)
    return Dataset(
        task=spec.info.task,
        n_classes=DIGITS_CLASSES,
        x_train=x[train],
        y_train=labels[train],
        x_test=x[test],
        y_test=labels[test],
        feature_names=tuple(f"r{r}c{c}" for r in range(8) for c in range(8)),
        class_names=tuple(str(d) for d in range(DIGITS_CLASSES)),
        name=spec.dataset,
    )


def _csv_dataset(spec: DataSpec) -> Dataset:
    """Features standardized with the training split's mean and std (a constant
    column is only centred); a regression target is standardized the same way, so
    losses are in units of the target's spread."""
    if not spec.csv_target:
        raise DataError([Problem("data.csv_target", "choose the column to predict")])
    data = csv_import.load_csv(spec.csv_path, spec.csv_target, spec.csv_task)
    train, test = split(np.random.default_rng(spec.seed), len(data.y), spec.train_fraction)
    x = _standardize(data.x, train, data.feature_names, "data.csv_path")
    if spec.csv_task == "regression":
        y = _standardize(data.y[:, None], train, (spec.csv_target,), "data.csv_target")[:, 0]
        task, n_classes = "regression", 0
    else:
        y = data.y
        n_classes = len(data.class_names)
        task = classification_task(n_classes)
    return Dataset(
        task=task,
        n_classes=n_classes,
        x_train=x[train],
        y_train=y[train],
        x_test=x[test],
        y_test=y[test],
        feature_names=data.feature_names,
        class_names=data.class_names,
        name=spec.dataset,
    )


def _standardize(values: np.ndarray, train: np.ndarray, names: tuple[str, ...], field: str) -> np.ndarray:
    """``generators.standardize``, or DataError naming the column (``names[j]``, field
    ``field``) when a standardized value exceeds float32: test values millions of
    millions of training spreads away from the training values."""
    out = generators.standardize(values, train)
    bad = np.flatnonzero(~np.isfinite(out).all(axis=0))
    if len(bad):
        name = excerpt(names[bad[0]])
        raise DataError([Problem(
            field,
            f"column '{name}': some values lie too far outside the spread of the training rows to be scaled; "
            "remove the column or the extreme rows",
            "csv_unscalable", (name,),
        )], title=csv_import.TITLE, title_code="csv_title")
    return out
