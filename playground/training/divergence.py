"""A run whose loss stopped being a finite number: the Diverged error, where it happened
and what to try, and the gradients it stopped with (the dashboards' last probe)."""

from __future__ import annotations

import dataclasses
from typing import NoReturn

import numpy as np
import torch

from playground.errors import PlaygroundError, Problem
from playground.nn.probes import ProbeReport, diverged_verdict
from playground.training.probe_step import probe_step


class Diverged(PlaygroundError):
    """The loss stopped being a finite number. ``str()`` explains what to try.

    ``probe``: the gradients at the weights the run stopped with, its verdict saying
    that the run diverged (what the dashboards show last), or None.
    """

    def __init__(self, message: str, *, losses: np.ndarray, step: int, epoch: int,
                 probe: ProbeReport | None = None):
        super().__init__(message)
        self.losses = losses
        self.step = step
        self.epoch = epoch
        self.probe = probe


def diverge(trainer, bad_step: int, losses: np.ndarray) -> NoReturn:
    """Mark ``trainer`` diverged at ``bad_step`` (its losses up to the bad one) and raise Diverged
    saying where and what to try."""
    trainer.diverged = True
    trainer.step = bad_step + 1
    layer = _layer_diverged(trainer)
    where = (f"{layer} was the first layer whose weights stopped being finite numbers." if layer
             else "The weights are still finite, but the outputs grew too large for the loss.")
    lr = trainer.lr
    kind = "NaN" if np.isnan(losses[-1]) else "infinite"
    epoch = bad_step // trainer.steps_per_epoch
    error = Diverged(
        f"Training diverged: the loss became {kind} at step {bad_step + 1:,} (epoch {epoch + 1}). {where} "
        f"The updates grew too large. Try a lower learning rate (now {lr:g}; e.g. {lr / 10:g}), "
        "an adaptive optimizer such as Adam, batch normalization, or regularization; then reset the run.",
        losses=losses,
        step=bad_step,
        epoch=epoch,
        probe=_divergence_probe(trainer, bad_step, kind),
    )
    error.problems = [Problem("", str(error), "diverged", (kind, bad_step + 1, epoch + 1, layer, lr))]
    raise error


def _layer_diverged(trainer) -> str:
    """The first layer whose weights are no longer finite, or "" when all still are."""
    for block in trainer.blocks:
        params = [p for m in trainer.network[block.start : block.stop] for p in m.parameters()]
        if any(not torch.isfinite(p).all() for p in params):
            return block.name
    return ""


def _divergence_probe(trainer, bad_step: int, kind: str) -> ProbeReport:
    """The gradients at the weights the run stopped with, on the batch whose loss was not
    finite, without an update (batch-norm running statistics are kept as they were)."""
    x, y = trainer._batches[bad_step % len(trainer._batches)]
    buffers = [b.detach().clone() for b in trainer.network.buffers()]
    report = probe_step(trainer, x, y, update=False)[1]
    with torch.no_grad():
        for buffer, saved in zip(trainer.network.buffers(), buffers):
            buffer.copy_(saved)
    return dataclasses.replace(report, step=bad_step, epoch=bad_step // trainer.steps_per_epoch,
                               verdict=diverged_verdict(bad_step + 1, kind))
