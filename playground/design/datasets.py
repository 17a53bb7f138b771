"""Data sets: one entry each, carrying what the app does with it. Torch-free.

A ``DataSet`` entry names its task, the kind of input it gives (``input_kind``:
points on the plane, points along a 1-D curve, the bundled digits, a CSV file),
which settings apply to it (``controls``: what the Data tab shows), its generator
and its label and description (English marked for translation: labels in context
"registry", descriptions in "Datasets"; the window translates them,
playground.ui.labels). The generator is a function of ``playground.data.generators``
(numpy only), which ``data.datasets`` calls and exported scripts copy as source:

- "2d": ``(rng, n, noise)`` (``(rng, n, noise, classes)`` with ``uses_classes``) ->
  points float64 (n, 2) in about [-6, 6]^2 and labels: int64 classes, or float64
  targets for regression;
- "1d": the clean curve ``x -> y`` float32; the noise and outliers are added by
  ``generators.curve_points``;
- "digits" and "csv" have none: they read the bundled file (``generators.read_digits``)
  or the learner's own.

Adding a data set is one entry in ``DATASETS`` (``register``) and its generator.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Literal

from playground.data import generators
from playground.design.tasks import Task
from playground.design.translatable import QT_TRANSLATE_NOOP

InputKind = Literal["2d", "1d", "digits", "csv"]


@dataclass(frozen=True)
class DataSet:
    """One data set. ``uses_classes``: the class count is chosen (``data.classes``);
    ``uses_outliers``: a share of training points is moved off the curve."""

    name: str
    label: str
    description: str
    task: Task  # a CSV file's task comes from the design (``DataSpec.task``)
    input_kind: InputKind
    generator: Callable | None = None
    uses_classes: bool = False
    uses_outliers: bool = False

    @property
    def generated(self) -> bool:
        """Made up from a seed, with a number of points and noise (not read from a file)."""
        return self.input_kind in ("2d", "1d")

    @property
    def controls(self) -> frozenset[str]:
        """The Data tab's settings that apply: "samples", "noise", "outliers", "classes",
        "features" (inputs computed from the plane's coordinates), "csv" (file and column)."""
        shown = {"samples", "noise"} if self.generated else set()
        shown |= {"outliers"} if self.uses_outliers else set()
        shown |= {"classes"} if self.uses_classes else set()
        shown |= {"features"} if self.input_kind == "2d" else set()
        shown |= {"csv"} if self.input_kind == "csv" else set()
        return frozenset(shown)


DATASETS: dict[str, DataSet] = {
    d.name: d
    for d in [
        DataSet("circle", QT_TRANSLATE_NOOP("registry", "Circle"), QT_TRANSLATE_NOOP(
            "Datasets", "One class inside a ring of the other: the boundary must be curved."),
            "binary", "2d", generators.circle),
        DataSet("xor", QT_TRANSLATE_NOOP("registry", "XOR"), QT_TRANSLATE_NOOP(
            "Datasets", "Opposite corners share a class: no single straight line separates them."),
            "binary", "2d", generators.xor),
        DataSet("gaussians", QT_TRANSLATE_NOOP("registry", "Two Gaussians"), QT_TRANSLATE_NOOP(
            "Datasets", "Two overlapping clouds: a straight line does well."), "binary", "2d", generators.gaussians),
        DataSet("spiral", QT_TRANSLATE_NOOP("registry", "Spiral"), QT_TRANSLATE_NOOP(
            "Datasets", "Two interleaved spirals: the hardest; it needs several layers or sin features."),
            "binary", "2d", generators.spiral),
        DataSet("moons", QT_TRANSLATE_NOOP("registry", "Moons"), QT_TRANSLATE_NOOP(
            "Datasets", "Two interlocking half-moons."), "binary", "2d", generators.moons),
        DataSet("linear", QT_TRANSLATE_NOOP("registry", "Linearly separable"), QT_TRANSLATE_NOOP(
            "Datasets", "Two classes either side of a straight line: one neuron is enough."),
            "binary", "2d", generators.linear),
        DataSet("spirals_multi", QT_TRANSLATE_NOOP("registry", "Spirals (multi-class)"), QT_TRANSLATE_NOOP(
            "Datasets", "Several interleaved spiral arms, one class each."),
            "multiclass", "2d", generators.spirals_multi, uses_classes=True),
        DataSet("blobs", QT_TRANSLATE_NOOP("registry", "Blobs (multi-class)"), QT_TRANSLATE_NOOP(
            "Datasets", "Several round clouds, one class each."), "multiclass", "2d", generators.blobs,
            uses_classes=True),
        DataSet("plane", QT_TRANSLATE_NOOP("registry", "Plane (regression)"), QT_TRANSLATE_NOOP(
            "Datasets", "Regression: the target rises evenly across the plane."),
            "regression", "2d", generators.plane),
        DataSet("gauss_bumps", QT_TRANSLATE_NOOP("registry", "Gaussian bumps (regression)"), QT_TRANSLATE_NOOP(
            "Datasets", "Regression: hills and valleys to fit."), "regression", "2d", generators.gauss_bumps),
        DataSet("line", QT_TRANSLATE_NOOP("registry", "Line with outliers (1-D regression)"), QT_TRANSLATE_NOOP(
            "Datasets", "1-D regression: points along a straight line, some outliers far above it."),
            "regression", "1d", generators.line, uses_outliers=True),
        DataSet("sine", QT_TRANSLATE_NOOP("registry", "Sine with outliers (1-D regression)"), QT_TRANSLATE_NOOP(
            "Datasets", "1-D regression: points along a sine wave, some outliers far above it."),
            "regression", "1d", generators.sine, uses_outliers=True),
        DataSet("digits", QT_TRANSLATE_NOOP("registry", "Handwritten digits 8x8 (10 classes)"), QT_TRANSLATE_NOOP(
            "Datasets", "1,797 handwritten digits of 8×8 pixels: 64 inputs, 10 classes."),
            "multiclass", "digits"),
        DataSet("csv", QT_TRANSLATE_NOOP("registry", "CSV file"), QT_TRANSLATE_NOOP(
            "Datasets", "Your own table from a CSV file: choose the column to predict."), "regression", "csv"),
    ]
}


def register(entry: DataSet) -> None:
    """Offer ``entry`` everywhere (design files, the Data panel, training, export)."""
    DATASETS[entry.name] = entry
