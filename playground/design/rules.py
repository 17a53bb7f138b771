"""The sizes, limits and batch rules the window, the trainer and the exported script
all follow, without torch (the window shows them before torch has loaded).

How many rows train and test, how many rows a training step's batch has and how an
epoch is cut into batches, the largest network trained live, and which losses fit
which task. Layer names, output widths and parameter counts are in ``shapes``.

``split_sizes`` and ``batch_cuts`` are written into exported scripts as they are
here (see ``playground.export.script``): keep them plain Python that needs nothing
but their arguments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from playground.design.losses import LOSSES

if TYPE_CHECKING:
    from playground.design.schema import TrainingSpec

MAX_PARAMETERS = 5_000_000
"""The most weights and biases a network may have to be trained live."""


def split_sizes(n, train_fraction):
    """(training rows, test rows) of ``n`` rows: the first round(n * train_fraction) train."""
    n_train = int(round(n * train_fraction))
    return n_train, n - n_train


def batch_size(training: TrainingSpec, n_train: int | None) -> int | None:
    """Rows in one training step's batch: 1 for stochastic, every training row for full
    batch, the batch size (at most every training row) for mini-batch. None when it
    depends on an ``n_train`` that is not known (None: a CSV file not read yet)."""
    if training.batch_mode == "stochastic":
        return 1
    if n_train is None:
        return None if training.batch_mode == "full" else training.batch_size
    return n_train if training.batch_mode == "full" else min(training.batch_size, n_train)


def batch_cuts(n_train, batch_size, has_batchnorm):
    """Where an epoch's (shuffled) training rows are cut into batches: every batch_size
    rows. With batch norm a lone last row joins the batch before it (batch norm needs
    at least 2 rows)."""
    cuts = list(range(batch_size, n_train, batch_size))
    if has_batchnorm and n_train % batch_size == 1 and cuts:
        cuts.pop()
    return cuts


def steps_per_epoch(n_train: int, batch_size: int, has_batchnorm: bool) -> int:
    """Training steps (batches) in one pass over the training rows."""
    return len(batch_cuts(n_train, batch_size, has_batchnorm)) + 1


def loss_fits(loss: str, task: str) -> bool:
    """Whether ``loss`` can train on data of ``task`` ("binary", "multiclass", "regression",
    or "classification" for a CSV file whose class count is not known yet)."""
    entry = LOSSES[loss]
    return entry.classifies if task == "classification" else task in entry.tasks


def fitting_losses(task: str) -> tuple[str, ...]:
    """The losses that fit ``task``, in the registry's order."""
    return tuple(name for name in LOSSES if loss_fits(name, task))


def default_loss(task: str) -> str:
    """The loss chosen for ``task`` when the data changes to it: the first whose entry is
    ``chosen_for`` it, else the first that fits it."""
    chosen = [name for name, entry in LOSSES.items() if task in entry.chosen_for]
    return (chosen + list(fitting_losses(task)))[0]
