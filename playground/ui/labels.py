"""Translated names and descriptions of what the registry lists, with the words for a
task and a layer's name.

The core keeps English labels; the window shows them through Qt's translation
system. The core marks them (playground.design.translatable's QT_TRANSLATE_NOOP,
which scripts/update_translations.py scans): the entries that carry behaviour
(optimizers, losses, activations, inits, data sets) their own words, registry.py
the labels of its plain tables, design.tasks the words for each task."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from playground.design import registry
from playground.design.course import STAGE_WORDS
from playground.design.tasks import TASKS

_CONTEXT = "registry"


def tr_label(text: str) -> str:
    """The registry label ``text`` in the interface language."""
    return QCoreApplication.translate(_CONTEXT, text)


def stage_words(stage: str) -> str:
    """The course stage ``stage``'s name (playground.design.course) in the interface language."""
    return QCoreApplication.translate("Course", STAGE_WORDS[stage])


def dataset_label(name: str) -> str:
    return tr_label(registry.DATASETS[name].label)


def dataset_description(name: str) -> str:
    return QCoreApplication.translate("Datasets", registry.DATASETS[name].description)


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
    return QCoreApplication.translate("Tasks", TASKS[task].adjective)


def task_words(task: str) -> str:
    """A task as a phrase: "two-class (binary classification)", "regression"..."""
    return QCoreApplication.translate("Tasks", TASKS[task].phrase) if task in TASKS else task
