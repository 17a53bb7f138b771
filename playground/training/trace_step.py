"""The traced step: one real training step of a Trainer, recorded stage by stage for the
window's step-through (playground.runs.inside.StepTrace).

It is the step the run would have taken next, with autograd: the same mini-batch (drawn
as ``train_steps`` draws it, so the shuffle and the epoch stay in order), the network
called as the Sequential it is, with forward hooks on its real modules that keep each
module's output and ask autograd to keep that output's gradient (``retain_grad``), the
same loss and regularization, ``zero_grad``/``backward``/``optimizer.step()``. The lean
step computes the same numbers (equal to autograd's, tested), so stepping through a step
and training on gives the losses of training straight through. What is recorded (cropped,
see playground.runs.inside) is copied out before and after the update.

``TraceContext`` keeps what a gradient check of this step needs (the batch, the weights
before the update, dropout's masks) until the next step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from playground.design import registry
from playground.nn.components import activation_module, resolve
from playground.runs.inside import (
    MAX_DRAWN,
    TRACED_SAMPLES,
    ActivationCurve,
    BlockTrace,
    LossTrace,
    ParamTrace,
    StepTrace,
)
from playground.training.probe_step import probe_report
from playground.training.trainer import StepResult

CURVE_POINTS = 201
CURVE_REACH = 6.0  # the curves span at least -6..6, wider to include every traced z


@dataclass
class TraceContext:
    """What a gradient check of the traced step needs: its batch, the network's state
    (parameters and buffers) before the update, and each Dropout module's mask (by its
    index in the Sequential) over the whole batch."""

    step: int  # the traced step's number (the trainer's step before it)
    x: torch.Tensor
    y: torch.Tensor
    state: dict[str, torch.Tensor]
    masks: dict[int, torch.Tensor]


def _np(t: torch.Tensor) -> np.ndarray:
    return t.detach().to(torch.float32).cpu().numpy().copy()


def _crop(t: torch.Tensor) -> torch.Tensor:
    """The drawn part of a unit axis (the last), or of both axes of a weight matrix."""
    return t[:MAX_DRAWN, :MAX_DRAWN] if t.dim() == 2 else t[:MAX_DRAWN]


def _rows(t: torch.Tensor) -> np.ndarray:
    """The traced samples' rows of a (batch, units) tensor, units cropped."""
    return _np(t[:TRACED_SAMPLES, :MAX_DRAWN])


def trace_step(trainer, run_id: int = 0) -> tuple[StepResult, StepTrace, TraceContext]:
    """Take the trainer's next step (eagerly, with autograd) and record it.

    The StepResult is what ``train_steps(1, probe=True)`` would have returned (its loss and
    the dashboards' probe report of this step), and raises Diverged the same way; the
    trace and context describe the step."""
    if trainer.diverged or trainer.finished:
        raise ValueError("no step to trace: the run has diverged or finished")
    at = trainer.step % trainer.steps_per_epoch
    if at == 0:
        trainer.start_epoch()
    x, y = trainer.batch(at)
    network: nn.Sequential = trainer.network
    state = {k: v.detach().clone() for k, v in network.state_dict().items()}
    params = {name: p.detach().clone() for name, p in network.named_parameters()}
    opt_before = {name: _state(trainer.optimizer, p) for name, p in network.named_parameters()}

    inputs, outputs, out = _forward(network, x)
    masks = _dropout_masks(network, inputs, outputs)
    loss = trainer.loss_fn(out, y)
    penalty = trainer.penalty()
    penalty_grads = None
    if penalty is not None:
        penalty_grads = torch.autograd.grad(penalty, trainer._weights, retain_graph=True)
    trainer.optimizer.zero_grad()
    (loss if penalty is None else loss + penalty).backward()
    grads = {name: p.grad.detach().clone() if p.grad is not None else torch.zeros_like(p)
             for name, p in network.named_parameters()}
    trainer.optimizer.step()
    context = TraceContext(trainer.step, x.detach(), y.detach(), state, masks)

    step = trainer.step
    epoch, batch_in_epoch = trainer.epoch, trainer.batch_in_epoch
    report = probe_report(trainer, [params[f"{b.start}.weight"] for b in trainer.blocks if b.kind in ("linear", "output")],
                          [(b.name, b.activation, outputs[b.start].detach()) for b in trainer.blocks
                           if b.kind in ("linear", "batchnorm")],
                          [(b.name, inputs[b.start].detach(), network[b.start]) for b in trainer.blocks
                           if b.kind == "batchnorm"])
    trainer.step += 1
    trainer.count_steps("eager", 1)
    result = trainer.chunk_result(step, [loss.detach().view(1)], report)  # raises Diverged like a step

    weight_ids = {id(w): g for w, g in zip(trainer._weights, penalty_grads or ())}
    blocks = tuple(_block_trace(trainer, block, inputs, outputs, masks, params, grads, opt_before, weight_ids)
                   for block in trainer.blocks)
    trace = StepTrace(
        run_id=run_id, step=step, epoch=epoch, batch_in_epoch=batch_in_epoch, batch_size=len(x),
        rows=_rows_of(trainer, at, len(x)), x=_np(x[:TRACED_SAMPLES]), blocks=blocks,
        loss=_loss_trace(trainer, out, y, loss, penalty, len(x)),
        optimizer=trainer.design.optimizer.name, hyperparameters=_hyperparameters(trainer.optimizer),
        optimizer_step=_optimizer_step(trainer.optimizer),
        curves=tuple(_curves(blocks)),
        regularization=trainer.design.training.regularization,
        regularization_rate=trainer.design.training.regularization_rate,
    )
    return result, trace, context


def _forward(network: nn.Sequential, x: torch.Tensor):
    """The network called as the Sequential it is, with forward hooks that keep each
    module's input and output (index -> tensor) and ask autograd to keep each output's
    gradient. A network that starts with Dropout gets an input that requires a gradient,
    so that its mask can be read from autograd (see _dropout_masks); the numbers are the same."""
    outputs: dict[int, torch.Tensor] = {}
    inputs: dict[int, torch.Tensor] = {}

    def keep(index: int):
        def hook(module, args, output):
            inputs[index] = args[0]
            if output.requires_grad:
                output.retain_grad()
            outputs[index] = output
        return hook

    if len(network) and isinstance(network[0], nn.Dropout):
        x = x.detach().requires_grad_(True)
    handles = [module.register_forward_hook(keep(i)) for i, module in enumerate(network)]
    try:
        out = network(x)
    finally:
        for handle in handles:
            handle.remove()
    return inputs, outputs, out


def _dropout_masks(network: nn.Sequential, inputs: dict, outputs: dict) -> dict[int, torch.Tensor]:
    """Each Dropout module's factors (0 or 1/(1-p)) over the whole batch, as it applied them:
    autograd's derivative of its output by its input (exactly the mask, also where the
    input is 0), read before the step's backward pass (which frees the graph). The probe
    fills the ``.grad`` that retain_grad keeps; it is cleared for the real backward pass."""
    masks = {}
    for index, module in enumerate(network):
        if isinstance(module, nn.Dropout) and index in outputs:
            out, inp = outputs[index], inputs[index]
            if out.grad_fn is None or not inp.requires_grad:  # p = 0 or not training: the identity
                masks[index] = torch.ones_like(out).detach()
                continue
            (probe,) = torch.autograd.grad(out, inp, torch.ones_like(out), retain_graph=True)
            masks[index] = probe.detach()
    if masks:
        for tensor in [*inputs.values(), *outputs.values()]:
            tensor.grad = None
    return masks


def _rows_of(trainer, at: int, batch: int) -> np.ndarray:
    """The traced samples' rows in the training set: the epoch's order when it shuffles."""
    order = trainer._epoch_order
    start = at * trainer.batch_size
    if order is None or batch >= len(trainer.x_train):
        return np.arange(min(batch, TRACED_SAMPLES), dtype=np.int64)
    return order[start : start + min(batch, TRACED_SAMPLES)].cpu().numpy().astype(np.int64)


def _state(optimizer: torch.optim.Optimizer, p: torch.Tensor) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in optimizer.state.get(p, {}).items()
            if isinstance(v, torch.Tensor) and v.dim() > 0}


def _param_trace(name: str, p: torch.Tensor, before: torch.Tensor, grad: torch.Tensor,
                 optimizer: torch.optim.Optimizer, state_before: dict, penalty_grad) -> ParamTrace:
    return ParamTrace(
        name=name, shape=tuple(p.shape), before=_np(_crop(before)), grad=_np(_crop(grad)), after=_np(_crop(p)),
        penalty_grad=None if penalty_grad is None else _np(_crop(penalty_grad)),
        state_before={k: _np(_crop(v)) for k, v in state_before.items()},
        state_after={k: _np(_crop(v)) for k, v in _state(optimizer, p).items()},
    )


def _block_trace(trainer, block, inputs, outputs, masks, params, grads, opt_before, penalty_of) -> BlockTrace:
    network = trainer.network
    first, last = block.start, block.stop - 1
    inp, z, h = inputs[first], outputs[first], outputs[last]
    grad_z = z.grad if z.grad is not None else torch.zeros_like(z)
    grad_h = h.grad if h.grad is not None else torch.zeros_like(h)
    slopes = slope(network[last], z) if last != first else torch.ones_like(z)
    traced = []
    if block.kind != "dropout":
        module = network[first]
        for pname, p in module.named_parameters():
            full = f"{first}.{pname}"
            penalty = penalty_of.get(id(p)) if pname == "weight" else None
            traced.append(_param_trace(pname, p, params[full], grads[full], trainer.optimizer,
                                       opt_before[full], penalty))
    batch_mean = batch_var = eps = None
    if block.kind == "batchnorm":
        batch_mean, batch_var = _np(_crop(inp.mean(0))), _np(_crop(inp.var(0, unbiased=False)))
        eps = float(network[first].eps)
    mask = masks.get(first)
    return BlockTrace(
        name=block.name, kind=block.kind, activation=block.activation, units=block.units,
        inputs=_rows(inp), z=_rows(z), h=_rows(h), slope=_rows(slopes), grad_h=_rows(grad_h), grad_z=_rows(grad_z),
        z_mean=_np(_crop(z.mean(0))), h_mean=_np(_crop(h.mean(0))),
        grad_h_norm=float(torch.linalg.vector_norm(grad_h)), params=tuple(traced),
        batch_mean=batch_mean, batch_var=batch_var, eps=eps, mask=None if mask is None else _rows(mask),
    )


def slope(activation: nn.Module, z: torch.Tensor) -> torch.Tensor:
    """h′(z) elementwise, from autograd through the activation module itself."""
    at = z.detach().clone().requires_grad_(True)
    with torch.enable_grad():
        (grad,) = torch.autograd.grad(activation(at), at, torch.ones_like(at))
    return grad


def _loss_trace(trainer, out, y, loss, penalty, batch) -> LossTrace:
    name = trainer.design.loss
    entry = registry.LOSSES[name]
    rows = slice(0, TRACED_SAMPLES)
    each = resolve(entry.torch_class)(reduction="none")
    with torch.no_grad():
        per = each(out[rows], y[rows])
        per = per.reshape(per.shape[0], -1).mean(1) if per.dim() > 1 else per
        probabilities = None
        if entry.head == "class_logits":
            probabilities = _np(torch.softmax(out[rows], 1))
        elif entry.head == "logit":
            probabilities = _np(torch.sigmoid(out[rows]))
    targets = y[rows].detach().reshape(-1).cpu().numpy().copy()
    grad = out.grad if out.grad is not None else torch.zeros_like(out)
    return LossTrace(
        loss=name, value=float(loss.detach()), outputs=_np(out[rows]), targets=targets, per_sample=_np(per),
        grad_output=_np(grad[rows]), batch_size=batch,
        penalty=None if penalty is None else float(penalty.detach()),
        probabilities=probabilities, delta=float(trainer.loss_fn.delta) if hasattr(trainer.loss_fn, "delta") else None,
    )


def _hyperparameters(optimizer: torch.optim.Optimizer) -> dict[str, float | bool]:
    group = optimizer.param_groups[0]
    out: dict[str, float | bool] = {}
    for key, value in group.items():
        if isinstance(value, bool):
            out[key] = value
        elif isinstance(value, (int, float)):
            out[key] = float(value)
        elif key == "betas":
            out["beta1"], out["beta2"] = float(value[0]), float(value[1])
    return out


def _optimizer_step(optimizer: torch.optim.Optimizer) -> int:
    for state in optimizer.state.values():
        if "step" in state:
            return int(state["step"])
    return 0


def _curves(blocks: tuple[BlockTrace, ...]):
    """One curve per activation the network uses, spanning every traced z of it."""
    seen: dict[str, float] = {}
    for block in blocks:
        if block.activation != "linear" and block.z.size:
            seen[block.activation] = max(seen.get(block.activation, CURVE_REACH), curve_reach(block.z))
    for name, reach in seen.items():
        yield activation_curve(name, reach)


def curve_reach(z: np.ndarray) -> float:
    """How far a curve spans to include every finite value of ``z``: at least CURVE_REACH,
    a tenth beyond the largest |z|, at most 1e3."""
    finite = np.abs(z[np.isfinite(z)])
    return max(CURVE_REACH, min(float(np.max(finite, initial=0.0)) * 1.1, 1e3))


def activation_curve(name: str, reach: float = CURVE_REACH) -> ActivationCurve:
    """Registry activation ``name`` over -reach..reach (CURVE_POINTS points) with its slope
    from autograd through its module (the identity for "linear")."""
    module = activation_module(name) or nn.Identity()
    x = torch.linspace(-reach, reach, CURVE_POINTS)
    with torch.no_grad():
        h = module(x)
    return ActivationCurve(name, _np(x), _np(h), _np(slope(module, x)))
