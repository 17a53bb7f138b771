"""The compiled step's optimizer updates: torch.optim's single-tensor formulas, in place.

Each optimizer entry (playground.design.optimizers) names its update here as
"playground.training.updates:<function>". An update is ``update(param, grad, state,
lr, group)``: one parameter and its gradient, the optimizer's state tensors for it
(in the order of the entry's ``state_keys(group)``), the learning rate as a 0-d
float64 tensor (read at every call, so live changes reach it) and torch's param
group (the other hyperparameters, read when tracing). It must be traceable by
torch.compile with ``fullgraph=True``: no Python branches on tensor values.
"""

from __future__ import annotations

import torch


def _decayed(param: torch.Tensor, grad: torch.Tensor, group: dict) -> torch.Tensor:
    """The gradient with L2 weight decay added, as torch.optim adds it (not AdamW's way)."""
    decay = group["weight_decay"]
    return grad.add(param, alpha=decay) if decay else grad


def sgd(param, grad, state, lr, group) -> None:
    param.sub_(lr * _decayed(param, grad, group))


def momentum(param, grad, state, lr, group) -> None:
    grad = _decayed(param, grad, group)
    (buf,) = state
    buf.mul_(group["momentum"]).add_(grad)
    direction = grad.add(buf, alpha=group["momentum"]) if group["nesterov"] else buf
    param.sub_(lr * direction)


def adagrad(param, grad, state, lr, group) -> None:
    grad = _decayed(param, grad, group)
    step, total = state
    step.add_(1)
    total.addcmul_(grad, grad, value=1)
    param.sub_(lr * (grad / total.sqrt().add_(group["eps"])))


def rmsprop(param, grad, state, lr, group) -> None:
    grad = _decayed(param, grad, group)
    step, square_avg = state[0], state[1]
    step.add_(1)
    alpha = group["alpha"]
    square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
    avg = square_avg.sqrt().add_(group["eps"])
    if len(state) == 3:  # momentum > 0 (see the entry's state_keys)
        buf = state[2]
        buf.mul_(group["momentum"]).addcdiv_(grad, avg)
        param.sub_(lr * buf)
    else:
        param.sub_(lr * (grad / avg))


def adam(param, grad, state, lr, group) -> None:
    _adam_step(param, _decayed(param, grad, group), state, lr, group)


def adamw(param, grad, state, lr, group) -> None:
    decay = group["weight_decay"]
    if decay:
        param.mul_(1 - lr * decay)
    _adam_step(param, grad, state, lr, group)


def _adam_step(param, grad, state, lr, group) -> None:
    """Adam's moments and step; bias corrections in float64, as eager computes them in Python."""
    step, exp_avg, exp_avg_sq = state
    beta1, beta2 = group["betas"]
    step.add_(1)
    exp_avg.lerp_(grad, 1 - beta1)
    exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
    count = step.to(torch.float64)
    bias1 = 1 - torch.pow(beta1, count)
    bias2_sqrt = (1 - torch.pow(beta2, count)).sqrt()
    denom = (exp_avg_sq.sqrt() / bias2_sqrt.to(exp_avg_sq.dtype)).add_(group["eps"])
    param.sub_((lr / bias1).to(param.dtype) * (exp_avg / denom))
