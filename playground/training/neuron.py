"""One neuron explained for one input (playground.runs.inside.ExplainNeuron / NeuronExplained):
z = Σ wᵢxᵢ + b (Linear and Output blocks) or z = γ·(x − μ)/√(σ² + ε) + β (BatchNorm), then
h = f(z) with f′(z) and f's curve, as the views draw the network: in eval mode (batch
norm with its running statistics, Dropout passing its input on unchanged).

z and h are the values the network's own modules compute for the point (not a
re-computation); f′ and the curve come from autograd through the block's activation
module (trace_step's ``slope`` and ``activation_curve``). A Dropout block's unit is
explained as the identity it is in eval mode: its own input, weight 1, bias 0. Nothing of
the run changes: no weights, no running statistics, no random numbers.
"""

from __future__ import annotations

import math

import numpy as np
import torch

from playground.errors import Problem
from playground.runs.inside import ExplainNeuron, NeuronExplained
from playground.training.layer_tensors import block_input, evaluated
from playground.training.trace_step import activation_curve, curve_reach, slope


def explain_neuron(trainer, block: int, unit: int, point: tuple[float, ...], run_id: int = 0) -> NeuronExplained:
    """Unit ``unit`` of block ``block`` (its position in trainer.blocks) for the model input
    ``point`` (n_inputs features); ``problem`` set (numbers NaN) when there is no such
    neuron or the point does not fit."""
    point = tuple(float(v) for v in point)
    problem = _refusal(trainer, block, unit, point)
    if problem is not None:
        return NeuronExplained.refused(ExplainNeuron(run_id, block, unit, point), problem)
    spec = trainer.blocks[block]
    network = trainer.network
    x = block_input(trainer, spec.start, torch.tensor([point], dtype=torch.float32, device=trainer.device))
    first = network[spec.start]
    z = evaluated(trainer, first, x)
    h = evaluated(trainer, network[spec.start + 1 : spec.stop], z)  # an empty slice (no activation) gives z
    activation = network[spec.stop - 1] if spec.stop > spec.start + 1 else None
    z_value = z[0, unit : unit + 1]
    slope_value = float(slope(activation, z_value)[0]) if activation is not None else 1.0
    inputs, weights, bias, extra = _formula(spec.kind, first, x[0], unit)
    z_float = float(z_value[0])
    return NeuronExplained(
        run_id, block, unit, point, spec.kind, spec.activation, inputs, weights, bias, z_float, float(h[0, unit]),
        slope_value, activation_curve(spec.activation, curve_reach(np.array([z_float]))), **extra)


def _formula(kind: str, module, x: torch.Tensor, unit: int):
    """(inputs, weights, bias, BatchNorm's running statistics) of the unit's formula."""
    def arr(t: torch.Tensor) -> np.ndarray:
        return t.detach().to(torch.float32).cpu().numpy().copy()

    if kind in ("linear", "output"):
        return arr(x), arr(module.weight[unit]), float(module.bias[unit].detach()), {}
    if kind == "batchnorm":
        extra = {"mean": float(module.running_mean[unit]), "var": float(module.running_var[unit]), "eps": float(module.eps)}
        return arr(x[unit : unit + 1]), arr(module.weight[unit : unit + 1]), float(module.bias[unit].detach()), extra
    return arr(x[unit : unit + 1]), np.ones(1, np.float32), 0.0, {}


def _refusal(trainer, block: int, unit: int, point: tuple[float, ...]) -> Problem | None:
    blocks = trainer.blocks
    if not 0 <= block < len(blocks) or not 0 <= unit < blocks[block].units:
        name = blocks[block].name if 0 <= block < len(blocks) else f"layer {block}"
        return Problem("", f"{name} has no neuron {unit + 1}.", "inside_no_neuron", (name, unit + 1))
    n = trainer.dataset.n_inputs
    if len(point) != n or not all(math.isfinite(v) for v in point):
        return Problem("", f"The point needs {n} finite input values; it has {len(point)}.", "inside_point",
                       (n, len(point)))
    return None
