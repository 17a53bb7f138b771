"""Translated names and descriptions of what the registry lists, with the words for a
task and an activation's tooltip.

The core keeps English labels; the window shows them through Qt's translation
system. Entries that carry behaviour (optimizers, losses, activations, inits) mark
their own words in the core (playground.design.translatable), which
scripts/update_translations.py scans; the QT_TRANSLATE_NOOP list below is the labels
of the plain tables in playground.design.registry."""

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


def init_label(name: str) -> str:
    return tr_label(registry.INITS[name].label)


def optimizer_description(name: str) -> str:
    return QCoreApplication.translate("Optimizers", registry.OPTIMIZERS[name].description)


def loss_description(name: str) -> str:
    return QCoreApplication.translate("Losses", registry.LOSSES[name].description)


def activation_description(name: str) -> str:
    return QCoreApplication.translate("Activations", registry.ACTIVATIONS[name].description)


def init_description(name: str) -> str:
    return QCoreApplication.translate("Inits", registry.INITS[name].description)


def hyperparameter_words(name: str) -> tuple[str, str]:
    """(label, description) of optimizer hyperparameter ``name`` in the interface language."""
    h = registry.HYPERPARAMETERS[name]
    return (QCoreApplication.translate("Hyperparameters", h.label),
            QCoreApplication.translate("Hyperparameters", h.description))


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
