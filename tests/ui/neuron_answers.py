"""NeuronExplained answers made from a real Trainer by the training process's own code
(playground.training.neuron), and a block's input computed independently of it (for
checking the card's z against the Trainer's weights)."""

from __future__ import annotations

import torch

from playground.runs.inside import NeuronExplained
from playground.training.neuron import explain_neuron
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
    """The training process's own answer (playground.training.neuron), for the given run id."""
    return explain_neuron(trainer, block, unit, tuple(float(v) for v in point), run_id=run_id)
