"""The probe's dead and saturated unit shares, on hand-made weights whose answer is known."""

import pytest
import torch

from playground.design.schema import BatchNormLayer, Design, LinearLayer
from playground.training.probe_step import probe_step
from playground.training.trainer import Trainer


def _trainer(activation: str, units: int = 4, batch_norm: bool = False) -> Trainer:
    layers = (LinearLayer(units=units, activation="linear" if batch_norm else activation),)
    if batch_norm:
        layers += (BatchNormLayer(activation=activation),)
    design = Design(layers=layers, loss="bce", training={"batch_mode": "full", "seed": 0})
    return Trainer(design, device=None)


def _set_first_layer(trainer: Trainer, weight: list[list[float]], bias: list[float]) -> None:
    linear = trainer.network[trainer.blocks[0].start]
    with torch.no_grad():
        linear.weight.copy_(torch.tensor(weight))
        linear.bias.copy_(torch.tensor(bias))


def _probe(trainer: Trainer, x: torch.Tensor):
    y = torch.zeros(len(x), 1)
    return probe_step(trainer, x, y, update=False)[1]


# Inputs all in the positive quadrant, so a unit's sign on the batch is known from its weights.
POSITIVE = torch.tensor([[1.0, 2.0], [0.5, 0.1], [3.0, 1.0], [0.2, 0.7]])


def test_a_relu_unit_whose_input_is_never_positive_on_the_batch_is_counted_dead():
    trainer = _trainer("relu")
    # units 0 and 2 negative for every sample; unit 1 positive; unit 3 positive for some samples only
    _set_first_layer(trainer, [[-1, -1], [1, 1], [-2, 0], [1, -1]], [0, 0, 0, 0])
    stats = _probe(trainer, POSITIVE).activations[0]
    assert stats.dead == pytest.approx(0.5)
    assert stats.saturated is None  # ReLU never saturates


def test_a_relu_unit_at_exactly_zero_for_every_sample_is_dead_too():
    trainer = _trainer("relu")
    _set_first_layer(trainer, [[0, 0], [1, 1], [1, 1], [1, 1]], [0, 0, 0, 0])
    assert _probe(trainer, POSITIVE).activations[0].dead == pytest.approx(0.25)


@pytest.mark.parametrize("activation, beyond", [("sigmoid", 5.99), ("tanh", 3.0)])
def test_a_unit_beyond_the_saturation_point_for_nearly_every_sample_is_counted_saturated(activation, beyond):
    trainer = _trainer(activation)
    x = torch.ones(10, 2)
    x[0] = torch.tensor([0.0, 0.0])  # one sample in ten is at 0: 90% of the batch is still saturated
    big = beyond / 2 + 0.5  # x1 + x2 = 2: input beyond + 1 on the ones
    _set_first_layer(trainer, [[big, big], [-big, -big], [0.1, 0.1], [big / 4, big / 4]], [0, 0, 0, 0])
    stats = _probe(trainer, x).activations[0]
    # units 0 (far positive) and 1 (far negative) saturated; 2 near 0; 3 at a quarter: not beyond
    assert stats.saturated == pytest.approx(0.5)
    assert stats.dead is None


def test_a_unit_saturated_on_only_half_the_batch_still_learns_from_the_rest():
    trainer = _trainer("tanh")
    x = torch.cat([torch.ones(5, 2), torch.zeros(5, 2)])
    _set_first_layer(trainer, [[5, 5], [5, 5], [5, 5], [5, 5]], [0, 0, 0, 0])
    assert _probe(trainer, x).activations[0].saturated == 0.0


def test_with_batch_norm_the_activations_input_is_the_normalized_one():
    trainer = _trainer("relu", batch_norm=True)
    # every Linear output negative, but batch norm centres each unit: none is dead after it
    _set_first_layer(trainer, [[-1, -1], [-1, 0], [0, -1], [-2, -1]], [-5, -5, -5, -5])
    linear, norm = _probe(trainer, POSITIVE).activations
    assert linear.dead is None  # the Linear has no activation of its own
    assert norm.dead == 0.0


def test_an_old_report_without_the_new_numbers_still_loads():
    from playground.nn.probes import ActivationStats

    stats = ActivationStats("Linear 1", 0.1, 1.0)
    assert stats.dead is None and stats.saturated is None
