"""Build a torch module from a Design.

The network is a plain ``nn.Sequential`` (the same object a learner would write):
for every design layer its modules in order (Linear then activation, BatchNorm then
activation, Dropout), then the output Linear whose size follows the loss. ``Block``
records which modules belong to which design layer, for the probes. Names, widths,
parameter counts and the size limit are the torch-free ``design.shapes``'.
"""

from __future__ import annotations

import torch
from torch import nn

from playground.design import registry
from playground.design.schema import BatchNormLayer, Design, DropoutLayer, LinearLayer
from playground.nn.components import activation_module, init_weight
from playground.design.shapes import Block, layer_names


def build_network(design: Design, n_inputs: int, n_outputs: int) -> tuple[nn.Sequential, tuple[Block, ...]]:
    """The Sequential for the design and where each layer's modules sit in it.

    Weights are initialised from the global torch generator, which the caller seeds.
    """
    modules: list[nn.Module] = []
    blocks: list[Block] = []
    width = n_inputs
    for layer, label in zip(design.layers, layer_names(design)):
        start = len(modules)
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
