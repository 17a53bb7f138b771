"""Names -> what they stand for. Design files store these names; UI combos list them.

The index of every registry: optimizers (``optimizers``), losses (``losses``),
activations and weight inits (``activations``) and data sets (``datasets``) are
entries that carry their behaviour, defined in those modules and re-exported here;
batch modes, regularizations, devices, input features and layer types are plain
tables of labels here (English marked for translation, context "registry").
Importing it is cheap (no torch, no Qt): torch classes are named by dotted path and
resolved in the training process (playground.nn.components), so the window
can list choices before torch is loaded.
"""

from __future__ import annotations

# The entries that carry behaviour live in their own modules; they are listed here too,
# so that ``registry.OPTIMIZERS`` (and the rest) stays the one index of names.
from playground.design.activations import ACTIVATIONS, INITS, Activation, Init  # noqa: F401
from playground.design.datasets import DATASETS, DataSet  # noqa: F401
from playground.design.losses import LOSSES, Loss  # noqa: F401
from playground.design.optimizers import HYPERPARAMETERS, OPTIMIZERS, Optimizer, switched_optimizer  # noqa: F401
from playground.design.tasks import Task  # noqa: F401
from playground.design.translatable import QT_TRANSLATE_NOOP


BATCH_MODES: dict[str, str] = {
    "full": QT_TRANSLATE_NOOP("registry", "Full batch (batch gradient descent)"),
    "stochastic": QT_TRANSLATE_NOOP("registry", "Stochastic (batch size 1)"),
    "minibatch": QT_TRANSLATE_NOOP("registry", "Mini-batch"),
}

REGULARIZATIONS: dict[str, str] = {
    "none": QT_TRANSLATE_NOOP("registry", "None"),
    "l1": QT_TRANSLATE_NOOP("registry", "L1"),
    "l2": QT_TRANSLATE_NOOP("registry", "L2"),
}

DEVICES: dict[str, str] = {
    "auto": QT_TRANSLATE_NOOP("registry", "Auto"),
    "cpu": QT_TRANSLATE_NOOP("registry", "CPU"),
    "cuda": QT_TRANSLATE_NOOP("registry", "CUDA (NVIDIA GPU)"),
    "mps": QT_TRANSLATE_NOOP("registry", "MPS (Apple GPU)"),
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

LAYER_TYPES: dict[str, str] = {
    "linear": QT_TRANSLATE_NOOP("registry", "Linear"),
    "batchnorm": QT_TRANSLATE_NOOP("registry", "BatchNorm"),
    "dropout": QT_TRANSLATE_NOOP("registry", "Dropout"),
}
