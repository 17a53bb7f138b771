"""Loss functions: one entry each, carrying what the app does with it. Torch-free.

A ``Loss`` entry names its torch class (a dotted path, imported only where training
runs; the exported script writes the same class), the tasks it fits, what the
output layer gives it (``head``), the tasks for which it is the one chosen
(``chosen_for``; ``design.rules.default_loss`` asks) and its description, English
marked for translation. Adding a loss is adding one entry to ``LOSSES`` (``register``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from playground.design.tasks import Task
from playground.design.translatable import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Loss:
    """One loss. ``head``: what the output layer gives the loss and in which form the
    targets come: "value" (one output, float targets (n, 1)), "logit" (one logit, the
    loss applies the sigmoid; targets 0./1. (n, 1)) or "class_logits" (one logit per
    class, the loss applies softmax; int64 class indices (n,))."""

    name: str
    label: str
    description: str
    tasks: tuple[Task, ...]
    torch_class: str  # dotted path, e.g. "torch.nn.MSELoss"
    head: Literal["value", "logit", "class_logits"] = "value"
    chosen_for: tuple[str, ...] = ()
    """The tasks (or "classification") for which it is chosen when the data changes to them."""

    @property
    def classifies(self) -> bool:
        return self.head != "value"


LOSSES: dict[str, Loss] = {
    l.name: l
    for l in [
        Loss("mse", QT_TRANSLATE_NOOP("registry", "MSE (L2)"), QT_TRANSLATE_NOOP(
            "Losses", "Mean squared error (L2): the average squared gap between prediction and target. "
            "Big errors count a lot, so it is sensitive to outliers."), ("regression",), "torch.nn.MSELoss",
            chosen_for=("regression",)),
        Loss("mae", QT_TRANSLATE_NOOP("registry", "MAE (L1)"), QT_TRANSLATE_NOOP(
            "Losses", "Mean absolute error (L1): the average gap itself. Every error counts in proportion, "
            "so it is robust to outliers."), ("regression",), "torch.nn.L1Loss"),
        Loss("huber", QT_TRANSLATE_NOOP("registry", "Huber"), QT_TRANSLATE_NOOP(
            "Losses", "Huber: squared for small errors, absolute for large ones: smooth near the target, "
            "robust to outliers."), ("regression",), "torch.nn.HuberLoss"),
        # The head outputs logits; the torch losses apply softmax / sigmoid
        # themselves, which is numerically stable where a separate softmax is not.
        Loss("cross_entropy", QT_TRANSLATE_NOOP("registry", "Cross-entropy"), QT_TRANSLATE_NOOP(
            "Losses", "Cross-entropy: the softmax of one score per class gives chances; the loss is "
            "minus the log of the chance given to the true class. For two or more classes."),
            ("binary", "multiclass"), "torch.nn.CrossEntropyLoss", "class_logits", ("multiclass", "classification")),
        Loss("bce", QT_TRANSLATE_NOOP("registry", "Binary cross-entropy"), QT_TRANSLATE_NOOP(
            "Losses", "Binary cross-entropy: the sigmoid of one score is the chance of class 1; the loss is "
            "minus the log of the chance given to the true class. For two classes."),
            ("binary",), "torch.nn.BCEWithLogitsLoss", "logit", ("binary",)),
    ]
}


def register(entry: Loss) -> None:
    """Offer ``entry`` everywhere (design files, the Training panel, training, export)."""
    LOSSES[entry.name] = entry
