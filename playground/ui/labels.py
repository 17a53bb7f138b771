"""Translated names for what the registry lists (datasets, activations, losses...),
with the words for a task and an activation's tooltip.

The core keeps English labels; the window shows them through Qt's translation
system. The QT_TRANSLATE_NOOP list below is what pyside6-lupdate extracts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from playground.design import registry

_CONTEXT = "registry"

_LABELS = (
    QT_TRANSLATE_NOOP("registry", 'Circle'),
    QT_TRANSLATE_NOOP("registry", 'XOR'),
    QT_TRANSLATE_NOOP("registry", 'Two Gaussians'),
    QT_TRANSLATE_NOOP("registry", 'Spiral'),
    QT_TRANSLATE_NOOP("registry", 'Moons'),
    QT_TRANSLATE_NOOP("registry", 'Linearly separable'),
    QT_TRANSLATE_NOOP("registry", 'Spirals (multi-class)'),
    QT_TRANSLATE_NOOP("registry", 'Blobs (multi-class)'),
    QT_TRANSLATE_NOOP("registry", 'Plane (regression)'),
    QT_TRANSLATE_NOOP("registry", 'Gaussian bumps (regression)'),
    QT_TRANSLATE_NOOP("registry", 'Line with outliers (1-D regression)'),
    QT_TRANSLATE_NOOP("registry", 'Sine with outliers (1-D regression)'),
    QT_TRANSLATE_NOOP("registry", 'Handwritten digits 8x8 (10 classes)'),
    QT_TRANSLATE_NOOP("registry", 'CSV file'),
    QT_TRANSLATE_NOOP("registry", 'ReLU'),
    QT_TRANSLATE_NOOP("registry", 'LeakyReLU'),
    QT_TRANSLATE_NOOP("registry", 'ELU'),
    QT_TRANSLATE_NOOP("registry", 'GELU'),
    QT_TRANSLATE_NOOP("registry", 'SiLU'),
    QT_TRANSLATE_NOOP("registry", 'Sigmoid'),
    QT_TRANSLATE_NOOP("registry", 'Tanh'),
    QT_TRANSLATE_NOOP("registry", 'Softplus'),
    QT_TRANSLATE_NOOP("registry", 'Linear (identity)'),
    QT_TRANSLATE_NOOP("registry", 'MSE (L2)'),
    QT_TRANSLATE_NOOP("registry", 'MAE (L1)'),
    QT_TRANSLATE_NOOP("registry", 'Huber'),
    QT_TRANSLATE_NOOP("registry", 'Cross-entropy'),
    QT_TRANSLATE_NOOP("registry", 'Binary cross-entropy'),
    QT_TRANSLATE_NOOP("registry", 'SGD'),
    QT_TRANSLATE_NOOP("registry", 'Momentum'),
    QT_TRANSLATE_NOOP("registry", 'Adagrad'),
    QT_TRANSLATE_NOOP("registry", 'RMSProp'),
    QT_TRANSLATE_NOOP("registry", 'Adam'),
    QT_TRANSLATE_NOOP("registry", 'AdamW'),
    QT_TRANSLATE_NOOP("registry", 'PyTorch default'),
    QT_TRANSLATE_NOOP("registry", 'Xavier / Glorot'),
    QT_TRANSLATE_NOOP("registry", 'He / Kaiming'),
    QT_TRANSLATE_NOOP("registry", 'Zeros (symmetry is never broken)'),
    QT_TRANSLATE_NOOP("registry", 'Full batch (batch gradient descent)'),
    QT_TRANSLATE_NOOP("registry", 'Stochastic (batch size 1)'),
    QT_TRANSLATE_NOOP("registry", 'Mini-batch'),
    QT_TRANSLATE_NOOP("registry", 'None'),
    QT_TRANSLATE_NOOP("registry", 'L1'),
    QT_TRANSLATE_NOOP("registry", 'L2'),
    QT_TRANSLATE_NOOP("registry", 'Auto'),
    QT_TRANSLATE_NOOP("registry", 'CPU'),
    QT_TRANSLATE_NOOP("registry", 'CUDA (NVIDIA GPU)'),
    QT_TRANSLATE_NOOP("registry", 'MPS (Apple GPU)'),
    QT_TRANSLATE_NOOP("registry", 'Linear'),
    QT_TRANSLATE_NOOP("registry", 'BatchNorm'),
    QT_TRANSLATE_NOOP("registry", 'Dropout'),
)


def tr_label(text: str) -> str:
    """The registry label ``text`` in the interface language."""
    return QCoreApplication.translate(_CONTEXT, text)


def dataset_label(name: str) -> str:
    return tr_label(registry.DATASETS[name].label)


def activation_label(name: str) -> str:
    return tr_label(registry.ACTIVATIONS[name].label)


def loss_label(name: str) -> str:
    return tr_label(registry.LOSSES[name].label)


def optimizer_label(name: str) -> str:
    return tr_label(registry.OPTIMIZERS[name].label)


def layer_name(name: str) -> str:
    """A block name such as "Linear 2" or "Output" in the interface language."""
    kind, _, number = name.partition(" ")
    if kind == "Output":
        return QCoreApplication.translate("layers", "Output")
    return QCoreApplication.translate("layers", "{0} {1}").format(tr_label(kind), number) if number else tr_label(kind)


def short_layer_name(name: str) -> str:
    """A block name cut down for a narrow column: "BatchNorm 2" -> "BN 2", "Linear 3" -> "Lin 3"."""
    kind, _, number = name.partition(" ")
    short = {
        "Linear": QCoreApplication.translate("layers", "Lin"),
        "BatchNorm": QCoreApplication.translate("layers", "BN"),
        "Dropout": QCoreApplication.translate("layers", "Drop"),
        "Output": QCoreApplication.translate("layers", "Out"),
        "Input": QCoreApplication.translate("layers", "In"),
    }.get(kind)
    if short is None:
        return layer_name(name)
    return QCoreApplication.translate("layers", "{0} {1}").format(short, number) if number else short


def task_label(task: str) -> str:
    """A task as an adjective for "... data": "two-class", "multi-class", "regression",
    "classification" (a CSV file whose classes are not known yet)."""
    words = {
        "binary": QT_TRANSLATE_NOOP("DataPanel", "two-class"),
        "multiclass": QT_TRANSLATE_NOOP("DataPanel", "multi-class"),
        "regression": QT_TRANSLATE_NOOP("DataPanel", "regression"),
        "classification": QT_TRANSLATE_NOOP("DataPanel", "classification"),
    }
    return QCoreApplication.translate("DataPanel", words[task])


def activation_tip(name: str) -> str:
    """What the activation ``name`` does, for its tooltip."""
    tips = {
        "relu": QT_TRANSLATE_NOOP(
            "Activations",
            "ReLU: max(0, x). Its slope is 1 for every positive input, so gradients pass back through deep "
            "stacks without shrinking: the usual cure for vanishing gradients. Units stuck below 0 stop learning."),
        "leaky_relu": QT_TRANSLATE_NOOP(
            "Activations", "LeakyReLU: like ReLU, but a small slope (0.01) below 0 keeps every unit learning."),
        "elu": QT_TRANSLATE_NOOP(
            "Activations", "ELU: like ReLU for positive inputs, a smooth curve towards -1 below 0."),
        "gelu": QT_TRANSLATE_NOOP("Activations", "GELU: a smooth ReLU, used in transformers."),
        "silu": QT_TRANSLATE_NOOP("Activations", "SiLU (swish): x times sigmoid(x), a smooth ReLU."),
        "sigmoid": QT_TRANSLATE_NOOP(
            "Activations",
            "Sigmoid: squashes into 0..1. Its slope is at most 0.25, so in deep stacks the gradient shrinks "
            "layer by layer: vanishing gradients."),
        "tanh": QT_TRANSLATE_NOOP(
            "Activations",
            "Tanh: squashes into -1..1, centred on 0. Saturates for large inputs, where its slope (and the "
            "gradient) nearly vanishes."),
        "softplus": QT_TRANSLATE_NOOP("Activations", "Softplus: log(1 + eˣ), a smooth ReLU that is never exactly 0."),
        "linear": QT_TRANSLATE_NOOP(
            "Activations", "Linear (identity): no non-linearity. Stacked linear layers are no better than one."),
    }
    return QCoreApplication.translate("Activations", tips[name])
