"""Names -> implementations. Design files store these names; UI combos list them.

Importing this module is cheap (no torch): implementations are resolved by name
when a model is built, so the window can list choices before torch is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Task = Literal["binary", "multiclass", "regression"]


@dataclass(frozen=True)
class Activation:
    name: str
    label: str
    torch_class: str  # attribute of torch.nn
    kwargs: dict = field(default_factory=dict)


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in [
        Activation("relu", "ReLU", "ReLU"),
        Activation("leaky_relu", "LeakyReLU", "LeakyReLU", {"negative_slope": 0.01}),
        Activation("elu", "ELU", "ELU"),
        Activation("gelu", "GELU", "GELU"),
        Activation("silu", "SiLU", "SiLU"),
        Activation("sigmoid", "Sigmoid", "Sigmoid"),
        Activation("tanh", "Tanh", "Tanh"),
        Activation("softplus", "Softplus", "Softplus"),
        Activation("linear", "Linear (identity)", "Identity"),
    ]
}


@dataclass(frozen=True)
class Loss:
    name: str
    label: str
    tasks: tuple[Task, ...]
    torch_class: str


LOSSES: dict[str, Loss] = {
    l.name: l
    for l in [
        Loss("mse", "MSE (L2)", ("regression",), "MSELoss"),
        Loss("mae", "MAE (L1)", ("regression",), "L1Loss"),
        Loss("huber", "Huber", ("regression",), "HuberLoss"),
        # The head outputs logits; the torch losses apply softmax / sigmoid
        # themselves, which is numerically stable where a separate softmax is not.
        Loss("cross_entropy", "Cross-entropy", ("binary", "multiclass"), "CrossEntropyLoss"),
        Loss("bce", "Binary cross-entropy", ("binary",), "BCEWithLogitsLoss"),
    ]
}


@dataclass(frozen=True)
class Optimizer:
    name: str
    label: str
    torch_class: str
    hyperparameters: tuple[str, ...]  # fields of the design's optimizer section it uses
    lr_range: tuple[float, float]  # learning rates it usually trains well with (kept when switching to it)


OPTIMIZERS: dict[str, Optimizer] = {
    o.name: o
    for o in [
        Optimizer("sgd", "SGD", "SGD", ("lr", "weight_decay"), (1e-4, 1.0)),
        # Momentum 0.9 makes steps about ten times larger than plain SGD's at the same rate.
        Optimizer("momentum", "Momentum", "SGD", ("lr", "momentum", "nesterov", "weight_decay"), (1e-4, 0.3)),
        Optimizer("adagrad", "Adagrad", "Adagrad", ("lr", "eps", "weight_decay"), (1e-3, 1.0)),
        # Adaptive steps are about lr per weight, whatever the gradient's size: rates above 0.1 jump about.
        Optimizer("rmsprop", "RMSProp", "RMSprop", ("lr", "alpha", "eps", "momentum", "weight_decay"), (1e-4, 0.1)),
        Optimizer("adam", "Adam", "Adam", ("lr", "beta1", "beta2", "eps", "weight_decay"), (1e-4, 0.1)),
        Optimizer("adamw", "AdamW", "AdamW", ("lr", "beta1", "beta2", "eps", "weight_decay"), (1e-4, 0.1)),
    ]
}

# Sensible defaults per optimizer, applied when the user switches optimizer (see switched_optimizer).
OPTIMIZER_DEFAULTS: dict[str, dict[str, float | bool]] = {
    "sgd": {"lr": 0.03, "weight_decay": 0.0},
    "momentum": {"lr": 0.03, "momentum": 0.9, "nesterov": False, "weight_decay": 0.0},
    "adagrad": {"lr": 0.03, "eps": 1e-10, "weight_decay": 0.0},
    "rmsprop": {"lr": 0.01, "alpha": 0.99, "eps": 1e-8, "momentum": 0.0, "weight_decay": 0.0},
    "adam": {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0},
    "adamw": {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.01},
}

def switched_optimizer(name: str, lr: float) -> dict[str, float | bool]:
    """The hyperparameters on switching to optimizer ``name`` from learning rate ``lr``: its
    usual values (OPTIMIZER_DEFAULTS), but the learner's learning rate when it lies in the
    new optimizer's ``lr_range``."""
    changes = dict(OPTIMIZER_DEFAULTS[name])
    low, high = OPTIMIZERS[name].lr_range
    if low <= lr <= high:
        changes["lr"] = lr
    return changes


INITS: dict[str, str] = {
    "default": "PyTorch default",
    "xavier": "Xavier / Glorot",
    "he": "He / Kaiming",
    "zeros": "Zeros (symmetry is never broken)",
}

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
