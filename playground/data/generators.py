"""How every data set is made, as plain numpy functions: the one source of the data
for the app and for exported scripts.

``datasets.make_dataset`` calls these; ``playground.export.script`` writes the ones
a design uses into the exported script as they are written here (their source,
with the constants and functions of this module and of ``design.rules`` that they
use). So each function needs only numpy (``np``), ``gzip``, its arguments and this
module's names, and reads as a learner should read it. A 2-D or 1-D set's function
has the set's registry name.

2-D sets live in about [-6, 6]^2 like TensorFlow Playground's; each generator
follows its dataset.ts. A generator takes (rng, n, noise) (and ``classes`` for the
multi-class sets) and returns points float64 (n, 2) and labels: int64 classes, or
float64 targets for regression. ``noise`` 0..1 is TensorFlow Playground's noise
slider 0..50 %.
"""

from __future__ import annotations

import gzip

import numpy as np

from playground.design.rules import split_sizes

CURVE_NOISE = 0.4  # std of the y noise at noise = 1, about the curves' own spread
OUTLIER_OFFSET = (3.0, 5.0)  # outliers move up by this much: MSE follows them, MAE does not
BUMPS = ((-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1))
"""Gaussian bumps: (x, y, height) of each; +1 a hill, -1 a valley."""


def split(rng, n, train_fraction):
    """Shuffled row indices: the first round(n * train_fraction) train, the rest test."""
    order = rng.permutation(n)
    n_train, _ = split_sizes(n, train_fraction)
    return order[:n_train], order[n_train:]


# -- 2-D sets ------------------------------------------------------------------------


def balanced_labels(n, classes):
    """int64 (n,) in blocks: each class n // classes or n // classes + 1 times."""
    return (np.arange(n) * classes // n).astype(np.int64)


def circle(rng, n, noise):
    """Class 1 inside radius 2.5, class 0 on a ring from 3.5 to 5."""
    tf_noise = noise / 2
    n_inside = n // 2
    r = np.concatenate([rng.uniform(0, 2.5, n_inside), rng.uniform(3.5, 5, n - n_inside)])
    angle = rng.uniform(0, 2 * np.pi, n)
    points = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
    noisy = points + rng.uniform(-5, 5, (n, 2)) * tf_noise
    return points, (np.hypot(noisy[:, 0], noisy[:, 1]) < 2.5).astype(np.int64)


def xor(rng, n, noise):
    """Class 1 where x1 and x2 have the same sign, class 0 where they differ."""
    tf_noise = noise / 2
    points = rng.uniform(-5, 5, (n, 2))
    points += np.where(points > 0, 0.3, -0.3)  # keeps points off the axes
    noisy = points + rng.uniform(-5, 5, (n, 2)) * tf_noise
    return points, (noisy[:, 0] * noisy[:, 1] >= 0).astype(np.int64)


def gaussians(rng, n, noise):
    """Two Gaussian clouds, class 0 around (-2, -2) and class 1 around (2, 2)."""
    std = np.sqrt(0.5 + 3.5 * noise)  # variance 0.5 .. 4
    labels = balanced_labels(n, 2)
    centres = np.where(labels[:, None] == 1, 2.0, -2.0)
    return centres + rng.normal(0, std, (n, 2)), labels


def spiral_arms(rng, n, noise, arms):
    """Points on ``arms`` spiral arms, one class per arm."""
    tf_noise = noise / 2
    labels = balanced_labels(n, arms)
    points = np.empty((n, 2))
    for k in range(arms):
        idx = np.flatnonzero(labels == k)
        i = np.arange(len(idx)) / len(idx)
        # 2 arms make 1.75 turns; more arms turn less, keeping the gap between arms.
        r, t = i * 5, (3.5 / arms) * i * 2 * np.pi + 2 * np.pi * k / arms
        points[idx] = np.stack([r * np.sin(t), r * np.cos(t)], axis=1)
    return points + rng.uniform(-1, 1, (n, 2)) * tf_noise, labels


def spiral(rng, n, noise):
    """Two interleaved spiral arms; the first arm is class 1."""
    points, labels = spiral_arms(rng, n, noise, 2)
    return points, 1 - labels


def spirals_multi(rng, n, noise, classes):
    """One spiral arm per class."""
    return spiral_arms(rng, n, noise, classes)


def moons(rng, n, noise):
    """Two interleaved half-moons, class 0 on the upper one; about [-5, 5] x [-3, 3]."""
    labels = balanced_labels(n, 2)
    t = rng.uniform(0, np.pi, n)
    upper = np.stack([np.cos(t), np.sin(t)], axis=1)
    lower = np.stack([1 - np.cos(t), 0.5 - np.sin(t)], axis=1)
    points = np.where(labels[:, None] == 0, upper, lower) + rng.normal(0, 0.4 * noise, (n, 2))
    return (points - [0.5, 0.25]) * 3.5, labels


def sample_side(rng, m, normal, margin):
    """``m`` uniform points in [-5, 5]^2 with (point . normal) >= margin."""
    found = np.empty((0, 2))
    while len(found) < m:
        candidates = rng.uniform(-5, 5, (2 * m + 16, 2))
        found = np.concatenate([found, candidates[candidates @ normal >= margin]])
    return found[:m]


def linear(rng, n, noise, margin=0.5):
    """Two classes either side of a random line through the origin, none within
    ``margin`` of it; with noise, labels come from jittered positions."""
    angle = rng.uniform(0, np.pi)
    normal = np.array([np.cos(angle), np.sin(angle)])
    labels = balanced_labels(n, 2)
    points = np.empty((n, 2))
    for label, sign in ((0, -1), (1, 1)):
        idx = np.flatnonzero(labels == label)
        points[idx] = sample_side(rng, len(idx), normal * sign, margin)
    if noise > 0:
        noisy = points + rng.uniform(-5, 5, (n, 2)) * noise / 2
        labels = (noisy @ normal > 0).astype(np.int64)
    return points, labels


def blobs(rng, n, noise, classes):
    """One Gaussian blob per class, on a circle of radius 3.5."""
    labels = balanced_labels(n, classes)
    angles = np.pi / 2 + 2 * np.pi * np.arange(classes) / classes
    centres = 3.5 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    return centres[labels] + rng.normal(0, 0.5 + 1.5 * noise, (n, 2)), labels


def plane(rng, n, noise):
    """Regression: the target is (x1 + x2) / 10, in [-1, 1] over the plane."""
    points = rng.uniform(-6, 6, (n, 2))
    noisy = points + rng.uniform(-6, 6, (n, 2)) * noise / 2
    return points, (noisy[:, 0] + noisy[:, 1]) / 10


def gauss_bumps(rng, n, noise):
    """Regression: the BUMPS, each 1 (or -1) at its centre and 0 from distance 2."""
    bumps = np.array(BUMPS)
    points = rng.uniform(-6, 6, (n, 2))
    noisy = points + rng.uniform(-6, 6, (n, 2)) * noise / 2
    dist = np.hypot(noisy[:, None, 0] - bumps[:, 0], noisy[:, None, 1] - bumps[:, 1])
    heights = bumps[:, 2] * np.clip(1 - dist / 2, 0, 1)
    strongest = np.argmax(np.abs(heights), axis=1)
    return points, heights[np.arange(n), strongest]


def feature_map(points, features):
    """Coordinates (m, 2) -> the model's inputs, float32 (m, len(features)): one
    column per feature name (x1, x2, x1_sq, x2_sq, x1x2, sin_x1, sin_x2)."""
    p = np.asarray(points, dtype=np.float64)
    x1, x2 = p[:, 0], p[:, 1]
    every = {"x1": x1, "x2": x2, "x1_sq": x1 ** 2, "x2_sq": x2 ** 2, "x1x2": x1 * x2,
             "sin_x1": np.sin(x1), "sin_x2": np.sin(x2)}
    columns = [every[name] for name in features]
    return np.stack(columns, axis=1).astype(np.float32) if columns else np.zeros((len(p), 0), np.float32)


# -- 1-D curves with outliers -------------------------------------------------------------


def line(x):
    """The clean target y = 0.8 x, float32."""
    return (0.8 * x.astype(np.float64)).astype(np.float32)


def sine(x):
    """The clean target y = sin(pi x), float32."""
    return np.sin(np.pi * x.astype(np.float64)).astype(np.float32)


def curve_points(rng, curve, n, noise, train_fraction, outlier_fraction):
    """x uniform in [-1, 1] and y = curve(x) + noise, float32 (n,); the training and
    test rows; the training targets with a share of them moved up by OUTLIER_OFFSET
    (outliers: the test set keeps its clean targets); and which training rows moved."""
    x = rng.uniform(-1, 1, n).astype(np.float32)
    y = curve(x) + rng.normal(0, CURVE_NOISE * noise, n).astype(np.float32)
    train, test = split(rng, n, train_fraction)
    y_train = y[train].copy()
    n_outliers = int(round(outlier_fraction * len(train)))
    moved = rng.choice(len(train), size=n_outliers, replace=False)
    y_train[moved] += rng.uniform(*OUTLIER_OFFSET, n_outliers).astype(np.float32)
    return x, y, train, test, y_train, moved


# -- files -----------------------------------------------------------------------------------


def read_digits(path):
    """The digits file: images float32 (1797, 64), pixel counts 0..16 row by row,
    and labels int64 (1797,) 0..9."""
    with gzip.open(path, "rt", encoding="ascii") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.float32)
    return table[:, :64], table[:, 64].astype(np.int64)


def standardize(values, train):
    """(values - mean) / std per column with the training rows' mean and std (a
    constant column is only centred), float32. Each column is first divided by its
    largest magnitude (which cancels out), so that values near 1e300 do not overflow;
    a value still beyond float32 comes out infinite."""
    magnitude = np.abs(values).max(axis=0)
    scaled = values / np.where(magnitude > 0, magnitude, 1.0)
    mean = scaled[train].mean(axis=0)
    std = scaled[train].std(axis=0)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        return ((scaled - mean) / np.where(std > 0, std, 1.0)).astype(np.float32)
