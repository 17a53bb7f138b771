"""NeuronExplained answers made from a real Trainer, as the training process answers
ExplainNeuron (the network as the views draw it: eval mode, batch norm's running
statistics, no dropout), for the neuron card's tests until the process side is merged."""

from __future__ import annotations

import numpy as np
import torch

from playground.nn.components import activation_module
from playground.runs.inside import ActivationCurve, NeuronExplained
from playground.training.trainer import Trainer


def block_input(trainer: Trainer, block: int, point) -> torch.Tensor:
    """The input (1, n_in) of block ``block`` for the model features ``point``."""
    network = trainer.network
    x = torch.tensor([list(point)], dtype=torch.float32)
    network.eval()
    try:
        with torch.no_grad():
            for module in network[: trainer.blocks[block].start]:
                x = module(x)
    finally:
        network.train()
    return x


def explain(trainer: Trainer, block: int, unit: int, point, run_id: int = 1) -> NeuronExplained:
    b = trainer.blocks[block]
    module = trainer.network[b.start]
    x = block_input(trainer, block, point)
    module.eval()
    try:
        with torch.no_grad():
            z = module(x)[0, unit]
    finally:
        module.train()
    extra = {}
    if b.kind == "batchnorm":
        inputs = x[0, unit : unit + 1].numpy().copy()
        weights = module.weight.detach()[unit : unit + 1].numpy().copy()
        extra = dict(mean=float(module.running_mean[unit]), var=float(module.running_var[unit]), eps=float(module.eps))
    else:
        inputs = x[0].numpy().copy()
        weights = module.weight.detach()[unit].numpy().copy()
    act = activation_module(b.activation)
    curve = None
    if act is None:
        h, slope = z, torch.tensor(1.0)
    else:
        at = z.detach().clone().requires_grad_(True)
        h = act(at)
        (slope,) = torch.autograd.grad(h, at)
        reach = max(6.0, abs(float(z)) * 1.1)
        xs = torch.linspace(-reach, reach, 201, requires_grad=True)
        hs = act(xs)
        (slopes,) = torch.autograd.grad(hs.sum(), xs)
        curve = ActivationCurve(b.activation, xs.detach().numpy().copy(), hs.detach().numpy().copy(),
                                slopes.numpy().copy())
    return NeuronExplained(
        run_id=run_id, block=block, unit=unit, point=tuple(float(v) for v in point), kind=b.kind,
        activation=b.activation, inputs=inputs.astype(np.float32), weights=weights.astype(np.float32),
        bias=float(module.bias.detach()[unit]), z=float(z), h=float(h.detach()), slope=float(slope),
        curve=curve, **extra)
