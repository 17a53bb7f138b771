"""Runs of one network shape trained together (playground.training.group_step).

Each test trains a comparison whose runs form a group and, beside it, every run's design
alone (a plain Trainer: the lean step, equal to autograd's to the last bit), then
compares every step's loss and the final weights and optimizer state. The batched
products and sums round some shapes differently from the single-run ones (in the last
bit, about 1e-7 relative), and steps carry such differences on (Adam divides by the
gradient's own size): float32 rtol 1e-4, atol 1e-5 after 30-40 steps, ten times
lean_step's tolerance. A group that computes anything else is far outside it
(test_a_wrong_group_step_fails_the_comparison).
"""

import numpy as np
import pytest
import torch

from playground.design.comparison import Comparison, Variant
from playground.design.schema import LinearLayer
from playground.training import group_step
from playground.training.comparison_trainer import ComparisonTrainer, run_state
from playground.training.trainer import Trainer
from tests.test_lean_step import OPTIMIZERS, STEPS, assert_same_state, design

ROUNDING = dict(rtol=1e-4, atol=1e-5)


def comparison(base, *changes: dict) -> Comparison:
    return Comparison(base, tuple(Variant(changes=c) for c in changes))


def assert_trains_as_alone(c: Comparison, steps: int = STEPS, probe_every: int = 0) -> ComparisonTrainer:
    """Every run of ``c`` trains in one group and as its design trains alone (see the module docstring)."""
    together = ComparisonTrainer(c)
    assert [indices for indices, _ in together.groups] == [list(range(len(together.runs)))], "one group of all runs"
    alone = [Trainer(d) for d in c.designs()]
    for trainer, run in zip(alone, together.runs):
        trainer.network.load_state_dict(run.network.state_dict())  # the base's weights, as the comparison shares them
    chunks = [probe_every] * (steps // probe_every) if probe_every else [steps]
    for chunk in chunks:
        runs = together.train_steps(chunk, probe=bool(probe_every)).runs
        for (_, losses, _), trainer in zip(runs, alone):
            np.testing.assert_allclose(losses, trainer.train_steps(chunk, probe=bool(probe_every)).losses, **ROUNDING)
    for run, trainer in zip(together.runs, alone):
        assert run.step == trainer.step == steps
        assert_same_state(run.network, run.optimizer, trainer.network, trainer.optimizer, ROUNDING)
    return together


def test_five_optimizers_train_together_as_each_alone():
    c = comparison(design(), *({"optimizer.name": name} for name in OPTIMIZERS[:5]))
    together = assert_trains_as_alone(c)
    assert all(run.lean_step.steps == STEPS for run in together.runs)
    # the fused update each step once torch.optim has its state (Momentum, RMSProp and Adam make it on their first)
    assert [run.lean_step.fused_steps for run in together.runs] == [STEPS, STEPS - 1, STEPS, STEPS - 1, STEPS - 1]


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "leaky_relu", "elu", "gelu", "linear"])
@pytest.mark.parametrize("loss, dataset", [("mse", "sine"), ("cross_entropy", "spiral"), ("bce", "xor"),
                                           ("mae", "sine"), ("huber", "sine")])
def test_every_activation_and_loss_trains_together_as_alone(activation, loss, dataset):
    base = design(layers=(LinearLayer(units=5, activation=activation), LinearLayer(units=3, activation=activation)),
                  loss=loss, dataset=dataset)
    assert_trains_as_alone(comparison(base, {}, {"optimizer.lr": 0.01}, {"optimizer.name": "adam"}))


def test_learning_rates_and_regularization_differ_per_run_within_a_group():
    c = comparison(design(optimizer="momentum"), {}, {"optimizer.lr": 0.3},
                   {"training.regularization": "l1", "training.regularization_rate": 0.01},
                   {"training.regularization": "l2", "training.regularization_rate": 0.03})
    assert_trains_as_alone(c)


@pytest.mark.parametrize("batch_size", [1, 250])  # stochastic, full batch
def test_stochastic_and_full_batch_groups_with_probe_steps_train_as_alone(batch_size):
    c = comparison(design(batch_size=batch_size, optimizer="adam"), {}, {"optimizer.name": "rmsprop"})
    assert_trains_as_alone(c, steps=30, probe_every=10)


def test_the_group_computes_in_place_of_each_runs_step_and_the_modules_see_its_weights(monkeypatch):
    together = ComparisonTrainer(comparison(design(), {}, {"optimizer.lr": 0.5}))
    calls = []
    real = group_step.GroupStep.__call__
    monkeypatch.setattr(group_step.GroupStep, "__call__", lambda self, x, y: (calls.append(len(x)), real(self, x, y))[1])
    together.train_steps(8)
    assert len(calls) == 8, "one batched call per step for both runs"
    weights = [run.network[0].weight for run in together.runs]
    assert weights[0].untyped_storage().data_ptr() == weights[1].untyped_storage().data_ptr(), "one stacked tensor"
    assert not torch.equal(weights[0], weights[1]), "each run's own slice, trained at its own rate"
    metrics = together.evaluate()
    assert metrics[0].train_loss != metrics[1].train_loss


@pytest.mark.parametrize("changes, grouped", [
    ({"optimizer.lr": 0.01}, [[0, 1]]),
    ({"layers[0].activation": "relu"}, []),  # another computation
    ({"training.batch_size": 10}, []),  # other batches
    ({"data.noise": 0.3}, []),  # other data
])
def test_only_runs_of_one_shape_on_the_same_batches_are_grouped(changes, grouped):
    together = ComparisonTrainer(comparison(design(), {}, changes))
    assert [indices for indices, _ in together.groups] == grouped


def test_batch_norm_runs_keep_their_own_autograd_steps_beside_a_group():
    c = comparison(design(), {}, {"optimizer.name": "adam"}, {"layers.batch_norm": True})
    together = ComparisonTrainer(c)
    assert [indices for indices, _ in together.groups] == [[0, 1]]
    assert together.runs[2].lean_step is None
    runs = together.train_steps(20).runs
    assert all(len(losses) == 20 and np.isfinite(losses).all() for _, losses, _ in runs)


def test_a_run_that_diverges_in_a_group_stops_alone_and_the_others_train_as_alone():
    c = comparison(design(layers=(LinearLayer(units=6, activation="relu"),) * 2, loss="mse", dataset="sine"),
                   {}, {"optimizer.lr": 10.0})
    together = ComparisonTrainer(c)
    alone = Trainer(c.designs()[0])
    alone.network.load_state_dict(together.runs[0].network.state_dict())
    first = together.train_steps(30).runs
    assert together.state(1) == "diverged" and together.state(0) == "running"
    assert len(first[1][1]) < 30 and not np.isfinite(first[1][1][-1])
    diverged_weights = together.runs[1].network[0].weight.detach().clone()
    then = together.train_steps(30).runs
    assert len(then[1][1]) == 0, "the diverged run takes no more steps"
    assert torch.equal(torch.nan_to_num(together.runs[1].network[0].weight), torch.nan_to_num(diverged_weights))
    np.testing.assert_allclose(np.concatenate([first[0][1], then[0][1]]), alone.train_steps(60).losses, **ROUNDING)


def _losses_of_the_next_run(loss):
    def shifted(out, y, grad, one):
        return loss(out, y, grad, one) * 1.001  # a loss reported a little off

    return shifted


@pytest.mark.parametrize("mutant", ["loss", "bias", "penalty"])
def test_a_wrong_group_step_fails_the_comparison(monkeypatch, mutant):
    base = design(optimizer="adam")
    c = comparison(base, {}, {"training.regularization": "l2", "training.regularization_rate": 0.01})
    init = group_step.GroupStep.__init__

    def wrong(self, steps):
        init(self, steps)
        if mutant == "loss":
            self._loss = _losses_of_the_next_run(self._loss)
        elif mutant == "bias":
            self._grad_biases = [g.clone() for g in self._grad_biases]  # the update never sees the bias gradients
        else:
            steps[1]._penalty = None  # the second run's regularization forgotten

    monkeypatch.setattr(group_step.GroupStep, "__init__", wrong)
    with pytest.raises(AssertionError):
        assert_trains_as_alone(c)


def test_a_forks_unchanged_run_keeps_its_own_step_and_continues_bit_for_bit_where_a_group_would_round():
    base = design(layers=(LinearLayer(units=8, activation="tanh"),) * 3, batch_size=1, optimizer="adam")
    original = Trainer(base)
    original.train_steps(300)
    fork = ComparisonTrainer(comparison(base, {}, {"optimizer.lr": 0.01}, {"optimizer.lr": 0.001}),
                             run_state(original))
    assert [indices for indices, _ in fork.groups] == [[1, 2]]
    np.testing.assert_array_equal(fork.train_steps(200).runs[0][1], original.train_steps(200).losses)
    # the same run in a group: equal within rounding (on this machine not bit for bit on these shapes)
    grouped = ComparisonTrainer(comparison(base, {"optimizer.name": "adam"}, {"optimizer.lr": 0.01}),
                                run_state(fork.runs[0]))
    assert [indices for indices, _ in grouped.groups] == [[0, 1]]
    going_on = original.train_steps(200).losses
    np.testing.assert_allclose(grouped.train_steps(200).runs[0][1], going_on, **ROUNDING)


def test_a_fork_of_a_grouped_run_gets_state_of_its_own_that_trains_and_saves_as_any_run(tmp_path):
    from playground.runs.checkpoint import save_checkpoint

    together = ComparisonTrainer(comparison(design(optimizer="adam"), {}, {"optimizer.lr": 0.01}))
    together.train_steps(30)
    state = run_state(together.runs[1])
    tensors = [t for s in state.optimizer["state"].values() for t in s.values() if torch.is_tensor(t)]
    flat = together.runs[1].optimizer.state[together.runs[1].network[0].weight]["exp_avg"]
    assert flat._base is not None, "the grouped run's state is views of one tensor per kind"
    assert all(t.untyped_storage().nbytes() == t.numel() * t.element_size() for t in tensors), \
        "each tensor of the copy has storage of its own, not a view of the group's"
    alone = Trainer(together.runs[1].design)
    alone.network.load_state_dict(state.weights)
    alone.optimizer.load_state_dict(state.optimizer)
    alone.resume(state.step, state.shuffle, state.epoch_order)
    np.testing.assert_allclose(alone.train_steps(20).losses, together.train_steps(20).runs[1][1], **ROUNDING)
    save_checkpoint(alone, tmp_path / "run.safetensors")  # shared storage would be refused here


def test_grouped_runs_are_not_compiled_and_say_why_while_a_run_alone_compiles(monkeypatch):
    asked = []
    monkeypatch.setattr(Trainer, "start_compiling", lambda self, on_done=None: asked.append(self.design.loss))
    together = ComparisonTrainer(comparison(design(), {}, {"optimizer.lr": 0.1}, {"loss": "cross_entropy"}))
    together.start_compiling()
    assert asked == ["cross_entropy"], "only the run outside the group compiles"
    assert [run.step_mode.reason for run in together.runs[:2]] == ["grouped", "grouped"]
    assert all(run.compiled_ready.is_set() for run in together.runs[:2])
