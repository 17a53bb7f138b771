"""The course's contrasts as comparisons: runs side by side from the same data, shuffling
order and initial weights (ComparisonTrainer), with fixed seeds and numbers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from playground.design.comparison import Comparison, Variant
from playground.design.io import load_design
from playground.design.schema import Design, LinearLayer
from playground.training.comparison_trainer import ComparisonTrainer

pytestmark = pytest.mark.usefixtures("one_torch_thread")  # as the training process trains these sizes

PRESETS = Path(__file__).resolve().parent.parent / "resources" / "presets"


def compare(base: Design, *changes: dict) -> ComparisonTrainer:
    return ComparisonTrainer(Comparison(base, tuple(Variant(changes=c) for c in changes)))


def epochs_to(trainer: ComparisonTrainer, reached) -> list[int | None]:
    """Per run the first epoch at whose end ``reached(metrics)`` holds (None: never, within
    the epoch limit or before diverging); each run is evaluated at the end of its own epochs."""
    found: list[int | None] = [None] * len(trainer.runs)
    while True:
        ends = [run.steps_per_epoch - run.batch_in_epoch for i, run in enumerate(trainer.runs)
                if trainer.training(i) and found[i] is None]
        if not ends:
            return found
        trainer.train_steps(min(ends))
        for i, run in enumerate(trainer.runs):
            if found[i] is None and run.batch_in_epoch == 0 and trainer.outcomes[i] is None and reached(run.evaluate()):
                found[i] = run.epoch


def test_identical_variants_give_identical_curves_and_a_noisier_data_run_the_same_first_weights():
    base = Design(layers=(LinearLayer(units=6), LinearLayer(units=6))).with_data(dataset="spiral")
    trainer = compare(base.with_training(epochs=3), {}, {}, {"data.noise": 0.3})
    first = [[p.detach().clone() for p in run.network.parameters()] for run in trainer.runs]
    runs = trainer.train_steps(10_000).runs
    assert len(runs[0][1]) == 75
    np.testing.assert_array_equal(runs[0][1], runs[1][1])  # same data, weights and order: bit for bit
    assert trainer.evaluate()[0] == trainer.evaluate()[1]
    assert all(torch.equal(a, b) for a, b in zip(first[0], first[2])), "the noise changes the data, not the weights"
    assert not np.array_equal(runs[0][1], runs[2][1])
    assert not np.array_equal(trainer.runs[0].dataset.x_train, trainer.runs[2].dataset.x_train)


def test_on_outlier_data_the_mae_fit_stays_closer_to_the_clean_line_than_the_mse_fit():
    from playground.data.datasets import clean_curve

    base = Design(loss="mse").with_data(dataset="line", outlier_fraction=0.2, noise=0.05)
    base = base.with_optimizer(name="adam", lr=0.05).with_training(epochs=200)
    trainer = compare(base, {}, {"loss": "mae"})
    trainer.train_steps(10**6)
    xs = np.linspace(-1, 1, 101, dtype=np.float32)[:, None]
    clean = clean_curve(base.data, xs[:, 0])
    mse, mae = (float(np.abs(run.predict(run.dataset.features_of(xs)) - clean).mean()) for run in trainer.runs)
    assert mae < mse / 3, (mse, mae)


def test_in_a_deep_stack_relu_with_he_gets_orders_of_magnitude_more_first_layer_gradient_than_sigmoid():
    base = Design(layers=tuple(LinearLayer(units=8, activation="sigmoid") for _ in range(8)))
    trainer = compare(base, {}, {"layers.activation": "relu", "init": "he"})
    sigmoid, relu = (probe for _, _, probe in trainer.train_steps(1, probe=True).runs)
    assert relu.gradients[0].weight_grad_norm > 1e4 * sigmoid.gradients[0].weight_grad_norm
    assert (sigmoid.verdict.state, relu.verdict.state) == ("vanishing", "healthy")


def test_the_batch_norm_run_reaches_the_target_loss_in_fewer_epochs():
    base = load_design(PRESETS / "deep_without_batchnorm.json")  # 6 x 8 tanh, full batch, SGD 0.3
    without, with_batch_norm = epochs_to(compare(base, {}, {"layers.batch_norm": True}), lambda m: m.test_loss <= 0.1)
    assert with_batch_norm is not None and without is not None
    assert with_batch_norm * 2 < without, (with_batch_norm, without)


def test_adam_reaches_the_target_on_the_spiral_before_plain_sgd():
    base = Design(layers=(LinearLayer(units=12), LinearLayer(units=12))).with_data(dataset="spiral")
    trainer = compare(base.with_training(epochs=200), {}, {"optimizer.name": "adam"})
    sgd, adam = epochs_to(trainer, lambda m: m.test_accuracy >= 0.9)
    assert adam is not None and adam < 150 and sgd is None, (sgd, adam)


def test_a_too_large_learning_rate_diverges_alone_while_the_others_train_on():
    base = load_design(PRESETS / "learning_rate_right.json")  # sine, SGD 0.1
    trainer = compare(base, {"optimizer.lr": 0.0001}, {}, {"optimizer.lr": 1.0})
    trainer.train_steps(10**6)
    assert [trainer.state(i) for i in range(3)] == ["finished", "finished", "diverged"]
    assert [run.step for run in trainer.runs[:2]] == [trainer.runs[0].max_steps] * 2
    assert trainer.runs[2].step < trainer.runs[0].max_steps / 10
    assert "learning rate" in str(trainer.outcomes[2].error)
    too_small, right = (metrics.test_loss for metrics in trainer.evaluate()[:2])
    assert right < too_small / 10


def test_full_batch_stochastic_and_mini_batch_take_1_n_and_n_over_k_steps_per_epoch_side_by_side():
    base = load_design(PRESETS / "batch_minibatch.json")  # moons, batch 10
    trainer = compare(base, {"training.batch_mode": "full"}, {"training.batch_mode": "stochastic"}, {})
    n = len(trainer.runs[0].x_train)
    assert [run.steps_per_epoch for run in trainer.runs] == [1, n, n // 10]
    runs = trainer.train_steps(n).runs
    assert [len(losses) for _, losses, _ in runs] == [n, n, n], "lock-step: every run one step per tick"
    assert [run.epoch for run in trainer.runs] == [n, 1, 10]
