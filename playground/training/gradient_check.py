"""The gradient check of a traced step: autograd's ∂L/∂w for one weight against a central
finite difference, in float64 (playground.runs.inside.CheckGradient / GradientChecked).

It works on a float64 copy of the network with the traced step's state before the update
(playground.training.trace_step.TraceContext): the same batch, each Dropout replaced by
the mask it applied, batch norm in train mode (normalising with the batch's statistics,
as in the step), the same loss plus regularization. The run itself is untouched: not its
weights, optimizer, batch-norm running statistics nor the global random generator.

The difference is (L(w + ε) − L(w − ε)) / 2ε with ε = EPSILON · max(1, |w|). In float64
it agrees with autograd to far below 1e-4 wherever the loss is smooth around w. Where
it is not (a ReLU unit, MAE or L1 regularization within ε of their kink for some sample)
the two disagree because the derivative jumps there, not because autograd is wrong.

The relative error is |a − n| / max(|a|, |n|), and 0 when both are below what the
difference can measure: 1e-12, or its rounding noise, ROUNDING · |L| / 2ε (about 1e-9 · |L|
at ε = 1e-6) when that is larger. An MAE's bias gradient of exactly 0 (as many outputs
above their targets as below) comes out of the difference as ±5e-11: that is noise, not a
disagreement. A vanishing gradient of 1e-7 is still compared.
"""

from __future__ import annotations

import copy

import torch
from torch import nn

from playground.errors import Problem
from playground.nn.model import weight_penalty
from playground.runs.inside import CheckGradient, GradientChecked
from playground.training.trace_step import TraceContext

EPSILON = 1e-6
TINY = 1e-12  # both below this: the relative error is 0 (nothing to compare)
ROUNDING = 1e-15  # float64's rounding of a loss (4.5 ulp of its value), for the difference's noise


class _Mask(nn.Module):
    """A Dropout that applies a recorded mask (its factors, 0 or 1/(1-p))."""

    def __init__(self, mask: torch.Tensor):
        super().__init__()
        self.mask = mask

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.mask


def relative_error(a: float, n: float, floor: float = TINY) -> float:
    """|a - n| / max(|a|, |n|), 0 when both are below ``floor`` (what can be measured)."""
    scale = max(abs(a), abs(n))
    return 0.0 if scale < max(floor, TINY) else abs(a - n) / scale


def check_gradient(trainer, context: TraceContext | None, block: int, param: str, index: tuple[int, ...],
                   run_id: int = 0) -> GradientChecked:
    """Autograd's and the finite difference's ∂L/∂``param``[``index``] of block ``block``
    (its position in trainer.blocks) at the traced step ``context``; ``problem`` set (and
    the numbers NaN) when there is no traced step, the run has trained on since, or there
    is no such weight."""
    index = tuple(int(i) for i in index)
    step = context.step if context is not None else -1
    problem = _refusal(trainer, context, block, param, index)
    if problem is not None:
        return GradientChecked.refused(CheckGradient(run_id, block, param, index), problem, step)
    network, loss_of = _float64_copy(trainer, context)
    target = getattr(network[trainer.blocks[block].start], param)
    with torch.enable_grad():
        network.zero_grad()
        loss_of(network).backward()
    autograd = float(target.grad[index])
    with torch.no_grad():
        w = float(target[index])
        epsilon = EPSILON * max(1.0, abs(w))
        target[index] = w + epsilon
        above = float(loss_of(network))
        target[index] = w - epsilon
        below = float(loss_of(network))
        target[index] = w
    numeric = (above - below) / (2 * epsilon)
    noise = ROUNDING * max(abs(above), abs(below)) / (2 * epsilon)
    return GradientChecked(run_id, step, block, param, index, autograd, numeric,
                           relative_error(autograd, numeric, noise), epsilon)


def _refusal(trainer, context: TraceContext | None, block: int, param: str, index: tuple[int, ...]) -> Problem | None:
    if context is None:
        return Problem("", "There is no step inside to check yet: take one first.", "inside_no_trace")
    if trainer.step != context.step + 1:
        return Problem("", "The run has trained on since the step inside: take a new one to check a gradient.",
                       "inside_moved_on")
    where = f"{param}{list(index)}"
    blocks = trainer.blocks
    name = blocks[block].name if 0 <= block < len(blocks) else f"layer {block}"
    missing = Problem("", f"{name} has no {where}.", "inside_no_weight", (name, where))
    if not 0 <= block < len(blocks) or blocks[block].kind == "dropout" or param not in ("weight", "bias"):
        return missing
    shape = tuple(getattr(trainer.network[blocks[block].start], param).shape)
    if len(index) != len(shape) or not all(0 <= i < n for i, n in zip(index, shape)):
        return missing
    return None


def _float64_copy(trainer, context: TraceContext):
    """(the network as it was before the traced step's update, in float64 with its dropout
    masks fixed, in train mode; the traced batch's loss + regularization of a network)."""
    modules = []
    for i, module in enumerate(trainer.network):
        modules.append(_Mask(context.masks[i].double()) if i in context.masks else copy.deepcopy(module))
    network = nn.Sequential(*modules).double()
    network.load_state_dict(context.state)
    network.train()
    x = context.x.double()
    y = context.y.double() if context.y.is_floating_point() else context.y
    loss_fn = trainer.loss_fn
    training = trainer.design.training
    weights = [network[b.start].weight for b in trainer.blocks if b.kind in ("linear", "output")]

    def loss_of(net: nn.Sequential) -> torch.Tensor:
        loss = loss_fn(net(x), y)
        penalty = weight_penalty(training.regularization, training.regularization_rate, weights)
        return loss if penalty is None else loss + penalty

    return network, loss_of
