"""Layer names, output widths and parameter counts from a Design, without torch.

The window shows these while torch is still loading; ``nn.model.build_network``
names its blocks with ``layer_names`` and refuses a network over the parameter
limit with ``check_size`` before allocating it.
"""

from __future__ import annotations

from dataclasses import dataclass

from playground.design import registry
from playground.design.rules import MAX_PARAMETERS
from playground.design.schema import BatchNormLayer, Design, LinearLayer
from playground.errors import DesignError, Problem

MAX_DRAWN = 32
"""Neurons the window draws per layer (the rest are summarised as "+N more"): the
training process computes and sends the maps, weights and biases of these only (and
crops a traced step's unit axes to them). playground.runs.messages re-exports it."""


@dataclass(frozen=True)
class Block:
    """One design layer (or the output layer) inside the Sequential."""

    name: str  # "Linear 1", "BatchNorm 1", "Dropout 1", "Output"
    kind: str  # "linear" | "batchnorm" | "dropout" | "output"
    start: int  # index of its first module in the Sequential
    stop: int  # one past its last module
    units: int  # output width
    activation: str  # registry name ("linear" when none)


@dataclass(frozen=True)
class LayerShape:
    name: str  # "Linear 1", "BatchNorm 1", "Dropout 1", "Output"
    kind: str  # "linear" | "batchnorm" | "dropout" | "output"
    units: int  # output width; the output shape is (batch, units)
    parameters: int


def output_size(loss: str, n_classes: int) -> int:
    """Width of the output layer: one logit per class for a loss that takes them (cross-entropy), else 1."""
    return n_classes if registry.LOSSES[loss].head == "class_logits" else 1


def layer_names(design: Design) -> list[str]:
    """Each hidden layer's name, numbered per kind: "Linear 1", "BatchNorm 1", "Linear 2"..."""
    counts = dict.fromkeys(registry.LAYER_TYPES, 0)
    names = []
    for layer in design.layers:
        counts[layer.type] += 1
        names.append(f"{registry.LAYER_TYPES[layer.type]} {counts[layer.type]}")
    return names


def layer_shapes(design: Design, n_inputs: int, n_outputs: int) -> list[LayerShape]:
    """Every hidden layer, then the output layer: its width and trainable parameters."""
    shapes, width = [], n_inputs
    for layer, name in zip(design.layers, layer_names(design)):
        params = 0
        if isinstance(layer, LinearLayer):
            params, width = (width + 1) * layer.units, layer.units
        elif isinstance(layer, BatchNormLayer):
            params = 2 * width
        shapes.append(LayerShape(name, layer.type, width, params))
    shapes.append(LayerShape("Output", "output", n_outputs, (width + 1) * n_outputs))
    return shapes


def total_parameters(design: Design, n_inputs: int, n_outputs: int) -> int:
    return sum(s.parameters for s in layer_shapes(design, n_inputs, n_outputs))


def check_size(design: Design, n_inputs: int, n_outputs: int) -> int:
    """The stack's parameter count; DesignError (field ``layers``) for one over MAX_PARAMETERS,
    before allocating it."""
    total = total_parameters(design, n_inputs, n_outputs)
    if total > MAX_PARAMETERS:
        raise DesignError(
            [Problem("layers", f"{total:,} parameters is more than this app trains live ({MAX_PARAMETERS:,}); "
                               "use fewer or narrower layers")],
            title="The network is too large:",
        )
    return total


def shape_text(batch: int | str, units: int | str) -> str:
    """How torch prints the shape: torch.Size([10, 4])."""
    return f"torch.Size([{batch}, {units}])"
