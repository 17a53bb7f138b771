"""Names -> what they stand for. Design files store these names; UI combos list them.

The index of every registry: optimizers (``optimizers``), losses (``losses``),
activations and weight inits (``activations``) are entries that carry their
behaviour, defined in those modules and re-exported here; batch modes,
regularizations, devices, datasets, input features and layer types are tables here.
Importing it is cheap (no torch, no Qt): torch classes are named by dotted path and
resolved in the training process (playground.nn.components), so the window
can list choices before torch is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# The entries that carry behaviour live in their own modules; they are listed here too,
# so that ``registry.OPTIMIZERS`` (and the rest) stays the one index of names.
from playground.design.activations import ACTIVATIONS, INITS, Activation, Init  # noqa: F401
from playground.design.losses import LOSSES, Loss, Task  # noqa: F401
from playground.design.optimizers import HYPERPARAMETERS, OPTIMIZERS, Optimizer, switched_optimizer  # noqa: F401


BATCH_MODES: dict[str, str] = {
    "full": "Full batch (batch gradient descent)",
    "stochastic": "Stochastic (batch size 1)",
    "minibatch": "Mini-batch",
}

REGULARIZATIONS: dict[str, str] = {"none": "None", "l1": "L1", "l2": "L2"}

DEVICES: dict[str, str] = {"auto": "Auto", "cpu": "CPU", "cuda": "CUDA (NVIDIA GPU)", "mps": "MPS (Apple GPU)"}

InputKind = Literal["2d", "1d", "digits", "csv"]


@dataclass(frozen=True)
class DatasetInfo:
    name: str
    label: str
    task: Task
    input_kind: InputKind
    uses_classes: bool = False  # the n_classes parameter applies
    uses_outliers: bool = False  # the outlier_fraction parameter applies


DATASETS: dict[str, DatasetInfo] = {
    d.name: d
    for d in [
        DatasetInfo("circle", "Circle", "binary", "2d"),
        DatasetInfo("xor", "XOR", "binary", "2d"),
        DatasetInfo("gaussians", "Two Gaussians", "binary", "2d"),
        DatasetInfo("spiral", "Spiral", "binary", "2d"),
        DatasetInfo("moons", "Moons", "binary", "2d"),
        DatasetInfo("linear", "Linearly separable", "binary", "2d"),
        DatasetInfo("spirals_multi", "Spirals (multi-class)", "multiclass", "2d", uses_classes=True),
        DatasetInfo("blobs", "Blobs (multi-class)", "multiclass", "2d", uses_classes=True),
        DatasetInfo("plane", "Plane (regression)", "regression", "2d"),
        DatasetInfo("gauss_bumps", "Gaussian bumps (regression)", "regression", "2d"),
        DatasetInfo("line", "Line with outliers (1-D regression)", "regression", "1d", uses_outliers=True),
        DatasetInfo("sine", "Sine with outliers (1-D regression)", "regression", "1d", uses_outliers=True),
        DatasetInfo("digits", "Handwritten digits 8x8 (10 classes)", "multiclass", "digits"),
        DatasetInfo("csv", "CSV file", "regression", "csv"),  # task comes from the design
    ]
}

# Input feature maps for 2-D data (TensorFlow Playground's set).
FEATURES: dict[str, str] = {
    "x1": "x₁",
    "x2": "x₂",
    "x1_sq": "x₁²",
    "x2_sq": "x₂²",
    "x1x2": "x₁·x₂",
    "sin_x1": "sin x₁",
    "sin_x2": "sin x₂",
}

LAYER_TYPES: dict[str, str] = {"linear": "Linear", "batchnorm": "BatchNorm", "dropout": "Dropout"}
