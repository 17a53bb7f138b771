"""The instrumented training step: one real step that also records what the dashboards
show (gradient and weight norms per layer, pre-activation statistics, batch-norm
statistics). A few hundred microseconds; the run loop asks for one at the display rate."""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from playground.design.registry import ACTIVATIONS
from playground.nn.probes import (
    OVERFLOW,
    SATURATED_SHARE_OF_BATCH,
    ActivationStats,
    BatchNormStats,
    LayerGradient,
    ProbeReport,
    finite,
    finite_array,
    gradient_verdict,
)


def probe_step(trainer, x: torch.Tensor, y: torch.Tensor, update: bool = True) -> tuple[torch.Tensor, ProbeReport]:
    """One real training step (or, without ``update``, only its gradients), recording what
    the dashboards show; numbers that overflowed are reported as probes.OVERFLOW."""
    before = [w.detach().clone() for w in trainer._weights]
    pre_activations, bn_inputs = [], []
    out = x
    for block in trainer.blocks:
        for index in range(block.start, block.stop):
            module = trainer.network[index]
            if isinstance(module, nn.BatchNorm1d):
                bn_inputs.append((block.name, out.detach(), module))
            out = module(out)
            if index == block.start and block.kind in ("linear", "batchnorm"):
                pre_activations.append((block.name, block.activation, out.detach()))
    loss = trainer.loss_fn(out, y)
    penalty = trainer.penalty()
    trainer.optimizer.zero_grad()
    (loss if penalty is None else loss + penalty).backward()
    if update:
        trainer.optimizer.step()
    return loss.detach(), probe_report(trainer, before, pre_activations, bn_inputs)


def probe_report(trainer, before: list[torch.Tensor], pre_activations: list, bn_inputs: list) -> ProbeReport:
    """The dashboards' record of the step just taken (before ``trainer.step`` counts it):
    ``before`` the Linear weights before the update (trainer._weights' order),
    ``pre_activations`` (block name, activation, the block's first module's output) per
    Linear and BatchNorm block and ``bn_inputs`` (block name, its input, the module) per
    BatchNorm block, from the step's forward pass; the gradients are the ``.grad`` left
    by its backward pass."""
    linear_blocks = [b for b in trainer.blocks if b.kind in ("linear", "output")]
    rows = []
    for block, w0 in zip(linear_blocks, before):
        linear = trainer.network[block.start]
        rows.append(
            torch.stack(
                [
                    _norm(linear.weight.grad),
                    _norm(linear.bias.grad),
                    torch.linalg.vector_norm(w0),
                    torch.linalg.vector_norm(linear.weight.detach() - w0),
                ]
            )
        )
    stats = [_unit_stats(a, activation) for _, activation, a in pre_activations]
    numbers = [finite(n) for n in torch.cat(rows + stats).cpu().tolist()] if rows or stats else []
    grad_rows = [numbers[i : i + 4] for i in range(0, 4 * len(rows), 4)]
    stat_rows = [numbers[i : i + 4] for i in range(4 * len(rows), len(numbers), 4)]
    gradients = tuple(
        LayerGradient(b.name, g, gb, w, finite(dw / w) if w > 0 else (0.0 if dw == 0 else OVERFLOW))
        for b, (g, gb, w, dw) in zip(linear_blocks, grad_rows)
    )
    activations = tuple(
        ActivationStats(name, mean, std, dead if ACTIVATIONS[activation].silent_below_zero else None,
                        saturated if ACTIVATIONS[activation].saturates_beyond else None)
        for (name, activation, _), (mean, std, dead, saturated) in zip(pre_activations, stat_rows)
    )
    batchnorm = tuple(_bn_stats(name, inp, module) for name, inp, module in bn_inputs)
    return ProbeReport(trainer.step, trainer.epoch, gradients, activations, batchnorm, gradient_verdict(gradients))


def _unit_stats(a: torch.Tensor, activation: str) -> torch.Tensor:
    """(mean, std, dead share, saturated share) of one layer's pre-activations ``a``
    (batch, units); the shares are 0 where the activation has no such state (see
    ActivationStats). A few elementwise operations on the batch: cheap."""
    entry = ACTIVATIONS[activation]
    zero = torch.zeros((), device=a.device)
    dead = (a <= 0).all(0).float().mean() if entry.silent_below_zero else zero
    saturated = zero
    if entry.saturates_beyond:
        beyond = (a.abs() > entry.saturates_beyond).float().mean(0)
        saturated = (beyond >= SATURATED_SHARE_OF_BATCH).float().mean()
    return torch.stack([a.mean(), a.std(unbiased=False), dead, saturated])


def _norm(grad: torch.Tensor | None) -> torch.Tensor:
    if grad is None:
        return torch.zeros(())
    return torch.linalg.vector_norm(grad)


def _bn_stats(name: str, inputs: torch.Tensor, bn: nn.BatchNorm1d) -> BatchNormStats:
    def arr(t: torch.Tensor) -> np.ndarray:
        return finite_array(t.detach().to(torch.float32).cpu().numpy())

    return BatchNormStats(
        name,
        batch_mean=arr(inputs.mean(0)),
        batch_var=arr(inputs.var(0, unbiased=False)),
        running_mean=arr(bn.running_mean),
        running_var=arr(bn.running_var),
        gamma=arr(bn.weight),
        beta=arr(bn.bias),
    )
