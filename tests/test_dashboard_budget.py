"""What the training process computes for the dashboards, within a budget: only what the
window draws (the first MAX_DRAWN neurons of a layer), the input-plane grid coarser for
large networks, and a fixed sample of a large data set evaluated at the display rate."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from playground.design.schema import Design, LinearLayer
from playground.runs.messages import MAX_DRAWN
from playground.training.sizes import (EVAL_MIN_POINTS, GRID_RESOLUTIONS, NEURON_RESOLUTION, evaluation_points,
                                       grid_resolution, spread_sample)
from playground.training.trainer import Trainer


def spiral(*units: int, samples: int = 500) -> Design:
    layers = tuple(LinearLayer(units=u, activation="tanh") for u in units)
    return Design(layers=layers).with_data(dataset="spiral", samples=samples)


def test_a_wide_layer_sends_the_maps_weights_and_biases_of_its_drawn_neurons_only():
    trainer = Trainer(spiral(300, 300))
    trainer.train_steps(3)
    dashboard = trainer.dashboard()
    assert MAX_DRAWN == 32
    assert [m.shape for m in dashboard.neurons] == [(32, 20, 20), (32, 20, 20)]  # not (300, 20, 20)
    assert [w.shape for w in dashboard.weights] == [(32, 2), (32, 32), (1, 32)]
    assert [b.shape for b in dashboard.biases] == [(32,), (32,), (1,)]
    linears = [trainer.network[b.start] for b in trainer.blocks if b.kind in ("linear", "output")]
    for sent, layer in zip(dashboard.weights, linears):  # the same numbers, cut to the drawn corner
        np.testing.assert_array_equal(sent, layer.weight.detach().numpy()[: sent.shape[0], : sent.shape[1]])
    for sent, layer in zip(dashboard.biases, linears):
        np.testing.assert_array_equal(sent, layer.bias.detach().numpy()[: len(sent)])


def test_neuron_maps_are_the_neurons_outputs_over_the_plane():
    trainer = Trainer(spiral(300))
    r = trainer.grid_resolution
    maps = trainer.dashboard().neurons[0]  # first hidden layer: tanh(W x + b) at grid points
    x0, x1, y0, y1 = trainer.dataset.extent
    pick = np.round(np.linspace(0, r - 1, NEURON_RESOLUTION)).astype(int)
    xs, ys = np.linspace(x0, x1, r)[pick], np.linspace(y0, y1, r)[pick]
    gx, gy = np.meshgrid(xs, ys)  # row = x2 from low to high
    features = trainer.dataset.features_of(np.stack([gx.ravel(), gy.ravel()], 1).astype(np.float32))
    layer = trainer.network[0]
    with torch.no_grad():
        expected = torch.tanh(layer(torch.as_tensor(features, dtype=torch.float32))).numpy()
    np.testing.assert_allclose(maps, expected[:, :MAX_DRAWN].T.reshape(MAX_DRAWN, NEURON_RESOLUTION, NEURON_RESOLUTION),
                               atol=1e-5)


@pytest.mark.parametrize("parameters, resolution", [
    (400, 64), (21_000, 64), (83_000, 64),  # TensorFlow Playground sizes up to 6 x 128: the full grid
    (330_000, 32), (1_300_000, 16), (5_000_000, 16),  # 6 x 256, 6 x 512, 20 x 512
])
def test_the_grid_is_coarser_for_large_networks(parameters, resolution):
    assert grid_resolution(parameters) == resolution
    assert resolution * resolution * parameters <= 400_000_000 or resolution == GRID_RESOLUTIONS[-1]


def test_a_large_network_draws_its_boundary_and_maps_from_one_coarse_grid():
    trainer = Trainer(spiral(512, 512, 512))  # 528,000 parameters
    assert trainer.grid_resolution == 24
    dashboard = trainer.dashboard()
    assert dashboard.boundary.shape == (24, 24, 2)
    np.testing.assert_allclose(dashboard.boundary.sum(axis=2), 1, rtol=1e-5)
    assert [m.shape for m in dashboard.neurons] == [(32, 20, 20)] * 3
    x0, x1, y0, y1 = trainer.dataset.extent  # the coarse grid still spans the plane, row = x2 low to high
    corner = trainer.predict(trainer.dataset.features_of(np.array([[x1, y0]], np.float32)))[0]
    np.testing.assert_allclose(dashboard.boundary[0, -1], corner, atol=1e-5)


def test_small_sets_are_evaluated_whole_even_when_sampled():
    trainer = Trainer(spiral(300, 300))  # 500 points: a TensorFlow Playground size
    trainer.train_steps(5)
    assert trainer.evaluate(sampled=True) == trainer.evaluate()
    assert trainer.evaluate(sampled=True).sample is None
    assert evaluation_points(EVAL_MIN_POINTS, 5_000_000) == EVAL_MIN_POINTS


def test_a_large_set_is_sampled_the_same_way_every_time_and_exactly_when_asked():
    trainer = Trainer(spiral(512, 512, 512, samples=20_000))
    n_train, n_test = len(trainer.x_train), len(trainer.x_test)
    m_train, m_test = (evaluation_points(n, trainer.parameters) for n in (n_train, n_test))
    assert EVAL_MIN_POINTS <= m_train < n_train and EVAL_MIN_POINTS <= m_test < n_test
    sampled = trainer.evaluate(sampled=True)
    assert sampled.sample == (m_train, m_test)
    assert trainer.evaluate(sampled=True) == sampled  # a fixed sample, not a random one
    index = spread_sample(n_test, m_test)
    gaps = np.diff(index)  # spread evenly over the set, from its first point
    assert index[0] == 0 and len(index) == m_test and gaps.min() >= 1 and gaps.max() - gaps.min() <= 1
    predicted = trainer.predict(trainer.dataset.x_test[index]).argmax(1)
    accuracy = float(np.mean(predicted == trainer.dataset.y_test[index]))
    assert sampled.test_accuracy == pytest.approx(accuracy, abs=1e-6)
    exact = trainer.evaluate()
    assert exact.sample is None
    assert exact.test_loss != sampled.test_loss  # every point counted


def test_the_confusion_matrix_of_a_sampled_record_counts_the_evaluations_sample():
    design = Design(layers=(LinearLayer(units=512),) * 3).with_data(dataset="digits")
    trainer = Trainer(design.with_(loss="cross_entropy"))
    sampled, exact = trainer.evaluate(sampled=True), trainer.evaluate()
    assert sampled.sample is not None and exact.sample is None  # 899 test digits x 564,000 parameters: sampled
    m_test = sampled.sample[1]
    confusion = trainer.dashboard(sampled=True).confusion
    assert confusion.sum() == m_test
    assert np.trace(confusion) / m_test == pytest.approx(sampled.test_accuracy, abs=1e-6)
    assert trainer.dashboard().confusion.sum() == len(trainer.dataset.y_test)  # the final record: every point
