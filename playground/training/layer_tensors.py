"""A Linear layer's live tensors for the Tensor lab (playground.runs.inside.LayerTensors /
LayerTensorsTaken): its ``weight`` and ``bias`` as the run has them now, and ``x``, its real
input for the first training samples, so that the lab can run the layer as the tensor
operation it is, x @ weightᵀ + bias, and get the layer's own output.

``x`` is what the network in eval mode passes to the layer (as the views draw the
network: batch norm with its running statistics, Dropout passing its input on). Nothing
of the run changes: no weights, no running statistics, no random numbers, no step.
"""

from __future__ import annotations

import numpy as np
import torch

from playground.errors import Problem
from playground.lab.messages import MAX_CELLS
from playground.runs.inside import LAYER_SAMPLES, LayerTensors, LayerTensorsTaken

LINEAR_KINDS = ("linear", "output")  # the blocks that are one tensor operation, x @ weightᵀ + bias


def sample_rows(n_train: int, n_in: int, n_out: int) -> int:
    """Training samples the layer's input carries: LAYER_SAMPLES, fewer for a small training
    set, or so that x (rows, n_in) and the lab's y (rows, n_out) stay within the cells the
    lab draws whole (MAX_CELLS), but always one."""
    return max(1, min(LAYER_SAMPLES, n_train, MAX_CELLS // max(n_in, n_out, 1)))


def layer_tensors(trainer, block: int, run_id: int = 0) -> LayerTensorsTaken:
    """Block ``block`` (its position in trainer.blocks) of ``trainer``'s network, or a
    refusal (problem set) when it is not a Linear or the Output layer."""
    ask = LayerTensors(run_id, block)
    blocks = trainer.blocks
    if not 0 <= block < len(blocks):
        return LayerTensorsTaken.refused(ask, Problem("", f"The network has no layer {block + 1}.",
                                                      "inside_no_layer", (block + 1,)))
    spec = blocks[block]
    if spec.kind not in LINEAR_KINDS:
        why = f"{spec.name} is not a Linear layer: only Linear layers and the output layer open in the Tensor Lab."
        return LayerTensorsTaken.refused(ask, Problem("", why, "inside_not_linear", (spec.name,)), spec.name)
    linear = trainer.network[spec.start]
    n_out, n_in = linear.weight.shape
    rows = sample_rows(len(trainer.x_train), n_in, n_out)
    x = block_input(trainer, spec.start, trainer.x_train[:rows])
    return LayerTensorsTaken(run_id, block, trainer.step, spec.name, int(n_in), int(n_out), _array(x),
                             _array(linear.weight), _array(linear.bias))


def block_input(trainer, start: int, x: torch.Tensor) -> torch.Tensor:
    """``x`` (model features) passed through the network's modules before ``start`` (evaluated)."""
    return evaluated(trainer, trainer.network[:start], x)


def evaluated(trainer, modules, x: torch.Tensor) -> torch.Tensor:
    """``modules(x)`` (a slice of ``trainer.network``) as the views draw the network: in eval mode
    (batch norm's running statistics, no dropout) and without gradients; the mode is restored."""
    network = trainer.network
    was_training = network.training
    network.eval()
    try:
        with torch.no_grad():
            return modules(x)
    finally:
        network.train(was_training)


def _array(t: torch.Tensor) -> np.ndarray:
    return t.detach().to(torch.float32).cpu().numpy().copy()
