"""Seeded datasets as numpy arrays: TF Playground's 2-D sets, 1-D curves with
outliers, the bundled 8x8 digits and the learner's own CSV file.

``make_dataset(spec)`` is deterministic: the same ``DataSpec`` gives bit-identical
arrays (all randomness comes from ``np.random.default_rng(spec.seed)``). Points are
shuffled with the seed and the first ``round(samples * train_fraction)`` train.

2-D sets live in about [-6, 6]^2 like TF Playground's, and their model inputs are
the chosen feature maps of the raw coordinates, not standardized (as in TF
Playground, so sin x1 means the sine of the coordinate a learner sees). Noise 0..1
is TF Playground's noise slider 0..50 %.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from playground.data import csv_import

from playground.design import registry
from playground.data.csv_import import csv_columns  # noqa: F401  (part of this module's API)
from playground.design.schema import DataSpec
from playground.errors import DataError, Problem, excerpt
from playground.resources import resource_path

PLANE_EXTENT = (-6.0, 6.0, -6.0, 6.0)
CURVE_X_EXTENT = (-1.1, 1.1)
CURVE_NOISE = 0.4  # std of y noise at noise=1, about the curves' own spread
OUTLIER_OFFSET = (3.0, 5.0)  # outliers move up by this much: MSE follows them, MAE does not
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


# -- 2-D feature maps -----------------------------------------------------------

FEATURE_MAPS = {
    "x1": lambda p: p[:, 0],
    "x2": lambda p: p[:, 1],
    "x1_sq": lambda p: p[:, 0] ** 2,
    "x2_sq": lambda p: p[:, 1] ** 2,
    "x1x2": lambda p: p[:, 0] * p[:, 1],
    "sin_x1": lambda p: np.sin(p[:, 0]),
    "sin_x2": lambda p: np.sin(p[:, 1]),
}


def feature_map(points: np.ndarray, features: tuple[str, ...]) -> np.ndarray:
    """(m, 2) coordinates -> float32 (m, len(features)), one column per feature name."""
    points = np.asarray(points, dtype=np.float64)
    columns = [FEATURE_MAPS[name](points) for name in features]
    return np.stack(columns, axis=1).astype(np.float32) if columns else np.zeros((len(points), 0), np.float32)


# -- 2-D generators: (rng, n, noise, classes) -> points float64 (n, 2), labels ---
# ``tf`` is TF Playground's noise (0..0.5); each generator follows its dataset.ts.


def _circle(rng, n, noise, classes):
    tf = noise / 2
    n_in = n // 2
    r = np.concatenate([rng.uniform(0, 2.5, n_in), rng.uniform(3.5, 5, n - n_in)])
    angle = rng.uniform(0, 2 * np.pi, n)
    points = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
    noisy = points + rng.uniform(-5, 5, (n, 2)) * tf
    return points, (np.hypot(noisy[:, 0], noisy[:, 1]) < 2.5).astype(np.int64)


def _xor(rng, n, noise, classes):
    tf = noise / 2
    points = rng.uniform(-5, 5, (n, 2))
    points += np.where(points > 0, 0.3, -0.3)  # TF's padding keeps points off the axes
    noisy = points + rng.uniform(-5, 5, (n, 2)) * tf
    return points, (noisy[:, 0] * noisy[:, 1] >= 0).astype(np.int64)


def _gaussians(rng, n, noise, classes):
    std = np.sqrt(0.5 + 3.5 * noise)  # TF: variance 0.5 .. 4
    labels = _balanced_labels(n, 2)
    centres = np.where(labels[:, None] == 1, 2.0, -2.0)
    return centres + rng.normal(0, std, (n, 2)), labels


def _spiral_arms(rng, n, noise, arms):
    tf = noise / 2
    labels = _balanced_labels(n, arms)
    points = np.empty((n, 2))
    for k in range(arms):
        idx = np.flatnonzero(labels == k)
        i = np.arange(len(idx)) / len(idx)
        # TF's 2 arms make 1.75 turns; more arms turn less, keeping the gap between arms.
        r, t = i * 5, (3.5 / arms) * i * 2 * np.pi + 2 * np.pi * k / arms
        points[idx] = np.stack([r * np.sin(t), r * np.cos(t)], axis=1)
    return points + rng.uniform(-1, 1, (n, 2)) * tf, labels


def _spiral(rng, n, noise, classes):
    points, labels = _spiral_arms(rng, n, noise, 2)
    return points, 1 - labels  # TF's first arm (angle offset 0) is the positive class


def _spirals_multi(rng, n, noise, classes):
    return _spiral_arms(rng, n, noise, classes)


def _moons(rng, n, noise, classes):
    labels = _balanced_labels(n, 2)
    t = rng.uniform(0, np.pi, n)
    upper = np.stack([np.cos(t), np.sin(t)], axis=1)
    lower = np.stack([1 - np.cos(t), 0.5 - np.sin(t)], axis=1)
    points = np.where(labels[:, None] == 0, upper, lower) + rng.normal(0, 0.4 * noise, (n, 2))
    return (points - [0.5, 0.25]) * 3.5, labels  # centred, about [-5, 5] x [-3, 3]


def _linear(rng, n, noise, classes, margin=0.5):
    """Two classes either side of a seeded line through the origin, none within
    ``margin`` of it; at noise > 0 labels come from jittered positions (as TF's)."""
    angle = rng.uniform(0, np.pi)
    normal = np.array([np.cos(angle), np.sin(angle)])
    labels = _balanced_labels(n, 2)
    points = np.empty((n, 2))
    for label, sign in ((0, -1), (1, 1)):
        idx = np.flatnonzero(labels == label)
        points[idx] = _sample_side(rng, len(idx), normal * sign, margin)
    if noise > 0:
        noisy = points + rng.uniform(-5, 5, (n, 2)) * noise / 2
        labels = (noisy @ normal > 0).astype(np.int64)
    return points, labels


def _sample_side(rng, m, normal, margin):
    """``m`` uniform points in [-5, 5]^2 with (point . normal) >= margin."""
    found = np.empty((0, 2))
    while len(found) < m:
        candidates = rng.uniform(-5, 5, (2 * m + 16, 2))
        found = np.concatenate([found, candidates[candidates @ normal >= margin]])
    return found[:m]


def _blobs(rng, n, noise, classes):
    labels = _balanced_labels(n, classes)
    angles = np.pi / 2 + 2 * np.pi * np.arange(classes) / classes
    centres = 3.5 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    return centres[labels] + rng.normal(0, 0.5 + 1.5 * noise, (n, 2)), labels


def _plane(rng, n, noise, classes):
    points = rng.uniform(-6, 6, (n, 2))
    noisy = points + rng.uniform(-6, 6, (n, 2)) * noise / 2
    return points, (noisy[:, 0] + noisy[:, 1]) / 10  # TF: x + y in [-10, 10] -> [-1, 1]


BUMPS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]])


def _gauss_bumps(rng, n, noise, classes):
    points = rng.uniform(-6, 6, (n, 2))
    noisy = points + rng.uniform(-6, 6, (n, 2)) * noise / 2
    dist = np.hypot(noisy[:, None, 0] - BUMPS[:, 0], noisy[:, None, 1] - BUMPS[:, 1])
    heights = BUMPS[:, 2] * np.clip(1 - dist / 2, 0, 1)  # TF: 1 at a centre, 0 from distance 2
    strongest = np.argmax(np.abs(heights), axis=1)
    return points, heights[np.arange(n), strongest]


def _balanced_labels(n, classes):
    """int64 (n,) in blocks: each class n // classes or n // classes + 1 times."""
    return (np.arange(n) * classes // n).astype(np.int64)


PLANE_GENERATORS = {
    "circle": _circle,
    "xor": _xor,
    "gaussians": _gaussians,
    "spiral": _spiral,
    "moons": _moons,
    "linear": _linear,
    "spirals_multi": _spirals_multi,
    "blobs": _blobs,
    "plane": _plane,
    "gauss_bumps": _gauss_bumps,
}


def _plane_dataset(spec: DataSpec) -> Dataset:
    if not spec.features:
        raise DataError([Problem("data.features", "choose at least one input feature")])
    rng = np.random.default_rng(spec.seed)
    points, labels = PLANE_GENERATORS[spec.dataset](rng, spec.samples, spec.noise, spec.classes)
    # Rounded once, so that features_of(raw_train) reproduces x_train exactly.
    raw = points.astype(np.float32)
    train, test = _split(rng, spec.samples, spec.train_fraction)
    task = spec.info.task
    n_classes = {"binary": 2, "multiclass": spec.classes, "regression": 0}[task]
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

CURVES = {"line": lambda x: 0.8 * x, "sine": lambda x: np.sin(np.pi * x)}


def clean_curve(spec: DataSpec | str, x: np.ndarray) -> np.ndarray:
    """The noiseless target of a 1-D set ("line" or "sine") at ``x``; same shape, float32."""
    name = spec if isinstance(spec, str) else spec.dataset
    if name not in CURVES:
        raise ValueError(f"'{name}' is not a 1-D curve (choose from {', '.join(CURVES)})")
    return CURVES[name](np.asarray(x, dtype=np.float64)).astype(np.float32)


def _curve_dataset(spec: DataSpec) -> Dataset:
    rng = np.random.default_rng(spec.seed)
    n = spec.samples
    x = rng.uniform(-1, 1, n).astype(np.float32)
    y = clean_curve(spec, x) + rng.normal(0, CURVE_NOISE * spec.noise, n).astype(np.float32)
    train, test = _split(rng, n, spec.train_fraction)
    y_train = y[train].copy()
    outliers = np.zeros(len(train), dtype=bool)
    n_out = int(round(spec.outlier_fraction * len(train)))
    moved = rng.choice(len(train), size=n_out, replace=False)
    outliers[moved] = True
    y_train[moved] += rng.uniform(*OUTLIER_OFFSET, n_out).astype(np.float32)
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
        with gzip.open(path, "rt", encoding="ascii") as f:
            table = np.loadtxt(f, delimiter=",", dtype=np.float32)
    except (OSError, ValueError) as error:
        message = f"the bundled digits file '{path}' cannot be read ({error}); reinstall the app"
        raise DataError([Problem("data.dataset", message)]) from None
    return table[:, :64], table[:, 64].astype(np.int64)


def load_digits_arrays() -> tuple[np.ndarray, np.ndarray]:
    """Images float32 (1797, 64), pixel counts 0..16 row by row; labels int64 (1797,) 0..9."""
    images, labels = _digits_file()
    return images.copy(), labels.copy()


def _digits_dataset(spec: DataSpec) -> Dataset:
    images, labels = _digits_file()
    train, test = _split(np.random.default_rng(spec.seed), len(labels), spec.train_fraction)
    x = images / np.float32(16)
    return Dataset(
        task="multiclass",
        n_classes=10,
        x_train=x[train],
        y_train=labels[train],
        x_test=x[test],
        y_test=labels[test],
        feature_names=tuple(f"r{r}c{c}" for r in range(8) for c in range(8)),
        class_names=tuple(str(d) for d in range(10)),
        name=spec.dataset,
    )


def _csv_dataset(spec: DataSpec) -> Dataset:
    """Features standardized with the training split's mean and std (a constant
    column is only centred); a regression target is standardized the same way, so
    losses are in units of the target's spread."""
    if not spec.csv_target:
        raise DataError([Problem("data.csv_target", "choose the column to predict")])
    data = csv_import.load_csv(spec.csv_path, spec.csv_target, spec.csv_task)
    train, test = _split(np.random.default_rng(spec.seed), len(data.y), spec.train_fraction)
    x = _standardize(data.x, train, data.feature_names, "data.csv_path")
    if spec.csv_task == "regression":
        y = _standardize(data.y[:, None], train, (spec.csv_target,), "data.csv_target")[:, 0]
        task, n_classes = "regression", 0
    else:
        y = data.y
        n_classes = len(data.class_names)
        task = "binary" if n_classes == 2 else "multiclass"
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
    """float32 (values - train mean) / train std per column; std 0 -> divided by 1.

    Each column is first divided by its largest magnitude (which cancels out), so that
    values up to float64's limit (1e308) neither overflow the spread nor silently turn
    into zeros. DataError naming the column (``names[j]``, field ``field``) when a
    standardized value still exceeds float32: test values millions of millions of
    training spreads away from the training values.
    """
    magnitude = np.abs(values).max(axis=0)
    scaled = values / np.where(magnitude > 0, magnitude, 1.0)
    mean = scaled[train].mean(axis=0)
    std = scaled[train].std(axis=0)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        out = ((scaled - mean) / np.where(std > 0, std, 1.0)).astype(np.float32)
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


def _split(rng: np.random.Generator, n: int, train_fraction: float) -> tuple[np.ndarray, np.ndarray]:
    """Shuffled indices: the first round(n * train_fraction) train, the rest test."""
    order = rng.permutation(n)
    n_train = int(round(n * train_fraction))
    return order[:n_train], order[n_train:]
