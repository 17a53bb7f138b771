"""Tests that show the ideas of a first course happen in the engine, with fixed seeds."""

import numpy as np
import pytest

from playground.design.schema import BatchNormLayer, Design, LinearLayer
from playground.training.trainer import Trainer


def design(dataset="circle", layers=(), loss=None, epochs=50, **changes) -> Design:
    d = Design(layers=tuple(layers)).with_data(dataset=dataset)
    if loss:
        d = d.with_(loss=loss)
    d = d.with_training(epochs=epochs)
    for section, values in changes.items():
        d = getattr(d, f"with_{section}")(**values)
    return d


def train(d: Design) -> Trainer:
    trainer = Trainer(d)
    trainer.train_steps(trainer.max_steps)
    return trainer


def test_perceptron_separates_linear_data_but_not_xor():
    perceptron_linear = train(design("linear", optimizer={"name": "adam", "lr": 0.05}, epochs=30))
    perceptron_xor = train(design("xor", optimizer={"name": "adam", "lr": 0.05}, epochs=30))
    assert perceptron_linear.evaluate().test_accuracy >= 0.97
    assert perceptron_xor.evaluate().test_accuracy <= 0.75


def test_one_hidden_layer_solves_xor():
    hidden = [LinearLayer(units=8, activation="tanh")]
    trainer = train(design("xor", hidden, optimizer={"name": "adam", "lr": 0.03}, epochs=40))
    assert trainer.evaluate().test_accuracy >= 0.95


def _first_to_last_gradient_ratio(activation: str, init: str) -> tuple[float, str]:
    layers = [LinearLayer(units=8, activation=activation) for _ in range(8)]
    d = design("circle", layers, epochs=1).with_(init=init)
    trainer = Trainer(d)
    report = trainer.train_steps(1, probe=True).probe
    grads = report.gradients
    return grads[0].weight_grad_norm / grads[-1].weight_grad_norm, report.verdict.state


def test_deep_sigmoid_gradients_vanish_while_relu_with_he_init_does_not():
    sigmoid_ratio, sigmoid_verdict = _first_to_last_gradient_ratio("sigmoid", "default")
    relu_ratio, relu_verdict = _first_to_last_gradient_ratio("relu", "he")
    assert sigmoid_ratio < 1e-3, "the first layer of a deep sigmoid stack should barely get any gradient"
    assert sigmoid_verdict == "vanishing"
    assert relu_ratio > 1e-1
    assert relu_verdict == "healthy"


def test_mae_fit_stays_closer_to_the_clean_line_than_mse_with_outliers():
    from playground.data.datasets import clean_curve

    fits = {}
    for loss in ("mse", "mae"):
        d = design("line", loss=loss, epochs=200, optimizer={"name": "adam", "lr": 0.05})
        d = d.with_data(dataset="line", outlier_fraction=0.2, noise=0.05)
        trainer = train(d)
        xs = np.linspace(-1, 1, 101, dtype=np.float32)[:, None]
        predicted = trainer.predict(trainer.dataset.features_of(xs))
        fits[loss] = float(np.abs(predicted - clean_curve(d.data, xs[:, 0])).mean())
    assert fits["mae"] < fits["mse"] / 3, fits


def test_batchnorm_running_statistics_converge_to_the_batch_statistics():
    layers = [LinearLayer(units=6, activation="linear"), BatchNormLayer(activation="relu")]
    d = design("circle", layers, epochs=200, training={"batch_mode": "full"}, optimizer={"lr": 1e-6})
    trainer = Trainer(d)
    first = trainer.train_steps(1, probe=True).probe.batchnorm[0]
    trainer.train_steps(148)
    last = trainer.train_steps(1, probe=True).probe.batchnorm[0]
    start_gap = np.abs(first.running_mean - first.batch_mean).max()
    end_gap = np.abs(last.running_mean - last.batch_mean).max()
    assert start_gap > 0.1 * np.abs(first.batch_mean).max()
    assert end_gap < 1e-3 * max(1.0, np.abs(last.batch_mean).max())
    np.testing.assert_allclose(last.running_var, last.batch_var * 250 / 249, rtol=1e-3)


@pytest.mark.parametrize(
    "mode, batch_size, expected",
    [("full", 10, 1), ("stochastic", 10, 250), ("minibatch", 10, 25), ("minibatch", 30, 9)],
)
def test_batch_modes_take_the_steps_per_epoch_they_should(mode, batch_size, expected):
    d = design("circle", [LinearLayer(units=3)], epochs=2, training={"batch_mode": mode, "batch_size": batch_size})
    trainer = Trainer(d)
    result = trainer.train_epoch()
    assert trainer.steps_per_epoch == expected
    assert len(result.losses) == expected
    assert (trainer.epoch, trainer.step) == (1, expected)


def test_same_design_and_seeds_give_exactly_the_same_losses():
    d = design("spiral", [LinearLayer(units=6), LinearLayer(units=6)], epochs=3)
    a = Trainer(d).train_steps(10_000).losses
    b = Trainer(d).train_steps(10_000).losses
    c = Trainer(d.with_training(seed=7)).train_steps(10_000).losses
    assert len(a) == 75
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
