"""Build a torch module from a Design, and describe it layer by layer.

The network is a plain ``nn.Sequential`` (the same object a learner would write):
for every design layer its modules in order (Linear then activation, BatchNorm then
activation, Dropout), then the output Linear whose size follows the loss. ``Block``
records which modules belong to which design layer, for the probes and the
layer editor.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn

from playground.design import registry
from playground.design.schema import BatchNormLayer, Design, DropoutLayer, LinearLayer
from playground.errors import DesignError, Problem
from playground.nn.components import activation_module, init_weight
from playground.design.shapes import Block, output_size, total_parameters

MAX_PARAMETERS = 5_000_000


@dataclass(frozen=True)
class LayerInfo:
    name: str
    kind: str
    output_shape: torch.Size  # for a batch of the design's batch size
    parameters: int
    activation: str


def build_network(design: Design, n_inputs: int, n_outputs: int) -> tuple[nn.Sequential, tuple[Block, ...]]:
    """The Sequential for the design and where each layer's modules sit in it.

    Weights are initialised from the global torch generator, which the caller seeds.
    """
    modules: list[nn.Module] = []
    blocks: list[Block] = []
    width = n_inputs
    counts = {"linear": 0, "batchnorm": 0, "dropout": 0}
    for layer in design.layers:
        start = len(modules)
        counts[layer.type] += 1
        label = f"{registry.LAYER_TYPES[layer.type]} {counts[layer.type]}"
        activation = "linear"
        if isinstance(layer, LinearLayer):
            modules.append(nn.Linear(width, layer.units))
            width, activation = layer.units, layer.activation
        elif isinstance(layer, BatchNormLayer):
            modules.append(nn.BatchNorm1d(width, momentum=layer.momentum))
            activation = layer.activation
        elif isinstance(layer, DropoutLayer):
            modules.append(nn.Dropout(layer.p))
        act = activation_module(activation)
        if act is not None:
            modules.append(act)
        blocks.append(Block(label, layer.type, start, len(modules), width, activation))
    modules.append(nn.Linear(width, n_outputs))
    blocks.append(Block("Output", "output", len(modules) - 1, len(modules), n_outputs, "linear"))
    network = nn.Sequential(*modules)
    _initialise(network, design.init, blocks)
    return network, tuple(blocks)


def _initialise(network: nn.Sequential, init: str, blocks: tuple[Block, ...]) -> None:
    if not registry.INITS[init].function:
        return  # PyTorch's default, biases included
    for block in blocks:
        if block.kind in ("linear", "output"):
            linear = network[block.start]
            init_weight(init, linear.weight, block.activation)
            nn.init.zeros_(linear.bias)


def weight_penalty(kind: str, rate: float, weights: list[torch.Tensor]) -> torch.Tensor | None:
    """The regularization term over the Linear weights (biases are not penalised):
    L1 ``rate * sum|w|``, L2 ``rate * sum(w^2) / 2``; None when there is none."""
    if kind == "none" or rate == 0:
        return None
    if kind == "l1":
        return rate * sum(w.abs().sum() for w in weights)
    return rate * 0.5 * sum(w.pow(2).sum() for w in weights)


def count_parameters(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def check_size(design: Design, n_inputs: int, n_outputs: int) -> None:
    """Refuse a stack too big to train live, before allocating it."""
    total = total_parameters(design, n_inputs, n_outputs)
    if total > MAX_PARAMETERS:
        raise DesignError(
            [Problem("layers", f"{total:,} parameters is more than this app trains live ({MAX_PARAMETERS:,}); use fewer or narrower layers")],
            title="The network is too large:",
        )


def describe(design: Design, n_inputs: int, n_classes: int, batch_size: int | None = None) -> list[LayerInfo]:
    """Each layer's output shape (torch.Size, batch first) and parameter count.

    Shapes come from a real forward pass on a zero batch, so they are what torch
    computes, not what we think it computes.
    """
    n_outputs = output_size(design.loss, n_classes)
    check_size(design, n_inputs, n_outputs)
    batch = max(2, batch_size or design.training.batch_size)
    with torch.random.fork_rng(devices=[]):
        network, blocks = build_network(design, n_inputs, n_outputs)
    network.eval()
    infos = []
    x = torch.zeros(batch, n_inputs)
    with torch.no_grad():
        for block in blocks:
            for module in network[block.start : block.stop]:
                x = module(x)
            params = sum(count_parameters(m) for m in network[block.start : block.stop])
            infos.append(LayerInfo(block.name, block.kind, x.shape, params, block.activation))
    return infos


def steps_per_epoch(n_train: int, batch_size: int) -> int:
    return max(1, math.ceil(n_train / batch_size))
