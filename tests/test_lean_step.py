"""The lean eager step (playground.training.lean_step) trains exactly as autograd's step.

Each comparison trains one Trainer with the lean step and one with autograd's
(``lean_step = None``) from the same seed, then compares every step's loss, every
weight and every optimizer state tensor. Tolerances: float32 rtol 1e-5, atol 1e-6
after 40 steps (the lean step calls the same kernels as autograd, so on this machine
the numbers are equal to the last bit; the tolerance leaves room for a BLAS that sums
a product in another order); float64 rtol 1e-12, atol 1e-14.
"""

import numpy as np
import pytest
import torch
from torch import nn

from playground.design import registry
from playground.design.activations import Activation
from playground.design.schema import BatchNormLayer, Design, DropoutLayer, LinearLayer
from playground.nn.components import make_loss, make_optimizer
from playground.nn.model import build_network, weight_penalty
from playground.runs.checkpoint import load_checkpoint, save_checkpoint
from playground.training import lean_step
from playground.training.lean_step import LeanStep, refusal
from playground.training.probe_step import probe_step
from playground.training.trainer import Trainer

STEPS = 40
FLOAT32 = dict(rtol=1e-5, atol=1e-6)
FLOAT64 = dict(rtol=1e-12, atol=1e-14)
OPTIMIZERS = ["sgd", "momentum", "adagrad", "rmsprop", "adam", "adamw"]


def design(layers=(LinearLayer(units=6, activation="tanh"),) * 2, loss="bce", dataset="circle", optimizer="sgd",
           batch_size=32, data=None, opt=None, **training) -> Design:
    """A small design; batch 32 of 250 points leaves a short last batch (26), a second buffer size."""
    d = Design(layers=tuple(layers), loss=loss).with_data(dataset=dataset, **(data or {}))
    d = d.with_optimizer(name=optimizer) if optimizer != "sgd" else d
    d = d.with_optimizer(**opt) if opt else d
    return d.with_training(batch_size=batch_size, **training)


def pair(d: Design) -> tuple[Trainer, Trainer]:
    """(lean, autograd) trainers of the same design and seed."""
    lean, reference = Trainer(d), Trainer(d)
    reference.lean_step = None
    assert lean.lean_step is not None, "this design should qualify for the lean step"
    return lean, reference


def assert_same_training(lean_losses, losses, lean: Trainer, reference: Trainer, tolerance=FLOAT32) -> None:
    """Losses, weights and optimizer state equal within ``tolerance``; raises AssertionError."""
    np.testing.assert_allclose(lean_losses, losses, **tolerance, err_msg="losses")
    assert np.isfinite(losses).all()
    assert_same_state(lean.network, lean.optimizer, reference.network, reference.optimizer, tolerance)


def assert_same_state(net_a, opt_a, net_b, opt_b, tolerance) -> None:
    for (name, a), b in zip(net_a.named_parameters(), net_b.parameters()):
        np.testing.assert_allclose(a.detach().numpy(), b.detach().numpy(), **tolerance, err_msg=name)
    for p, q in zip(net_a.parameters(), net_b.parameters()):
        state, expected = opt_a.state[p], opt_b.state[q]
        assert state.keys() == expected.keys()
        for key, value in expected.items():
            if torch.is_tensor(value):
                assert state[key].dtype == value.dtype and state[key].shape == value.shape, key
                np.testing.assert_allclose(state[key].numpy(), value.numpy(), **tolerance, err_msg=key)
            else:
                assert state[key] == value, key
    assert opt_a.param_groups[0]["lr"] == opt_b.param_groups[0]["lr"]


def trains_alike(d: Design, steps=STEPS) -> tuple[Trainer, Trainer]:
    lean, reference = pair(d)
    assert_same_training(lean.train_steps(steps).losses, reference.train_steps(steps).losses, lean, reference)
    assert lean.lean_step.steps == steps
    return lean, reference


# --- every activation, loss, optimizer and regularization ------------------------------------
@pytest.mark.parametrize("activation", sorted(registry.ACTIVATIONS))
def test_every_activation_trains_as_autograd(activation):
    trains_alike(design(layers=(LinearLayer(units=6, activation=activation),) * 3))


@pytest.mark.parametrize("loss, dataset, data", [
    ("bce", "circle", None),
    ("cross_entropy", "spiral", None),
    ("cross_entropy", "blobs", {"classes": 4}),
    ("mse", "plane", None),
    ("mae", "plane", None),
    ("huber", "plane", None),
])
def test_every_loss_trains_as_autograd(loss, dataset, data):
    trains_alike(design(loss=loss, dataset=dataset, data=data))


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
def test_every_optimizer_updates_as_torch_optim_with_its_own_state(optimizer):
    lean, _ = trains_alike(design(optimizer=optimizer))
    # The first step hands the gradients to optimizer.step() where torch.optim creates its
    # state (Adagrad creates it up front, plain SGD keeps none); every later step is fused.
    assert lean.lean_step.fused_steps >= STEPS - 1


@pytest.mark.parametrize("optimizer, opt", [
    ("momentum", {"nesterov": True}),
    ("momentum", {"weight_decay": 0.01}),
    ("sgd", {"weight_decay": 0.01}),
    ("adam", {"weight_decay": 0.01, "beta1": 0.5}),
    ("adamw", {"weight_decay": 0.1}),
    ("adagrad", {"weight_decay": 0.01}),
    ("rmsprop", {"momentum": 0.9, "weight_decay": 0.01}),
])
def test_optimizer_options_update_as_torch_optim(optimizer, opt):
    trains_alike(design(optimizer=optimizer, opt=opt))


@pytest.mark.parametrize("regularization", ["l1", "l2"])
@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_regularization_trains_as_autograd(regularization, optimizer):
    trains_alike(design(optimizer=optimizer, regularization=regularization, regularization_rate=0.03))


@pytest.mark.parametrize("mode", ["stochastic", "full"])
def test_batch_1_and_full_batch_train_as_autograd(mode):
    spiral = design(layers=(LinearLayer(units=8, activation="tanh"),) * 6, dataset="spiral", batch_mode=mode)
    trains_alike(spiral, steps=300 if mode == "stochastic" else STEPS)  # stochastic: more than an epoch


def test_float64_trains_as_autograd():
    d = design(layers=(LinearLayer(units=6, activation="elu"),) * 2, loss="cross_entropy", dataset="spiral",
               optimizer="adam", regularization="l2", regularization_rate=0.01)

    def build():
        torch.manual_seed(0)
        network, blocks = build_network(d, 2, 2)
        network = network.double()
        weights = [network[b.start].weight for b in blocks if b.kind in ("linear", "output")]
        return network, make_optimizer(d, network.parameters(), torch.device("cpu")), weights

    x = torch.randn(STEPS, 16, 2, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    y = (x[..., 0] * x[..., 1] > 0).long()
    loss_fn = make_loss("cross_entropy")
    network, optimizer, weights = build()
    step = LeanStep(network, loss_fn, optimizer, ("l2", 0.01), weights)
    lean_losses = [step(x[i], y[i]).item() for i in range(STEPS)]
    reference, ref_optimizer, ref_weights = build()
    losses = []
    for i in range(STEPS):
        loss = loss_fn(reference(x[i]), y[i])
        ref_optimizer.zero_grad()
        (loss + weight_penalty("l2", 0.01, ref_weights)).backward()
        ref_optimizer.step()
        losses.append(loss.item())
    assert network[0].weight.dtype == torch.float64
    np.testing.assert_allclose(lean_losses, losses, **FLOAT64)
    assert_same_state(network, optimizer, reference, ref_optimizer, FLOAT64)


def test_a_network_ending_in_an_activation_trains_as_autograd():
    def build():
        torch.manual_seed(3)
        network = nn.Sequential(nn.Linear(2, 5), nn.Softplus(beta=2.0), nn.Linear(5, 1), nn.Sigmoid())
        return network, torch.optim.Adam(network.parameters(), lr=0.05, fused=True)

    x = torch.randn(STEPS, 8, 2, generator=torch.Generator().manual_seed(4))
    y = (x[..., :1] > 0).float()
    network, optimizer = build()
    step = LeanStep(network, nn.MSELoss(), optimizer)
    lean_losses = [step(x[i], y[i]).item() for i in range(STEPS)]
    reference, ref_optimizer = build()
    losses = []
    for i in range(STEPS):
        loss = nn.MSELoss()(reference(x[i]), y[i])
        ref_optimizer.zero_grad()
        loss.backward()
        ref_optimizer.step()
        losses.append(loss.item())
    np.testing.assert_allclose(lean_losses, losses, **FLOAT32)
    assert_same_state(network, optimizer, reference, ref_optimizer, FLOAT32)


def test_an_optimizer_without_a_fused_update_gets_the_gradients_through_its_step():
    d = design(optimizer="momentum")
    lean, reference = pair(d)
    for trainer in (lean, reference):  # torch's for-loop implementation: no fused update to copy
        trainer.optimizer = torch.optim.SGD(trainer.network.parameters(), lr=0.03, momentum=0.9, fused=False)
    lean.lean_step = LeanStep(lean.network, lean.loss_fn, lean.optimizer)
    assert_same_training(lean.train_steps(STEPS).losses, reference.train_steps(STEPS).losses, lean, reference)
    assert lean.lean_step.steps == STEPS and lean.lean_step.fused_steps == 0


# --- mixing with the other steps, saving and resuming ----------------------------------------
@pytest.mark.parametrize("optimizer", ["momentum", "adam", "rmsprop"])
def test_lean_probe_and_autograd_steps_interleave_as_pure_autograd(optimizer):
    lean, reference = pair(design(optimizer=optimizer, regularization="l2", regularization_rate=0.01))
    lean_step = lean.lean_step
    losses = []
    for count, probe, use_lean in [(5, False, True), (3, True, True), (4, False, False), (1, True, True),
                                   (9, False, True), (2, False, False), (6, False, True)]:
        lean.lean_step = lean_step if use_lean else None
        losses.append(lean.train_steps(count, probe=probe).losses)
    lean.lean_step = lean_step
    assert lean_step.steps == 5 + 2 + 9 + 6
    assert_same_training(np.concatenate(losses), reference.train_steps(30).losses, lean, reference)


def test_a_live_learning_rate_change_reaches_the_lean_step():
    lean, reference = pair(design(optimizer="adam"))
    first = [t.train_steps(10).losses for t in (lean, reference)]
    for trainer in (lean, reference):
        trainer.set_lr(0.05)
    second = [t.train_steps(10).losses for t in (lean, reference)]
    assert_same_training(np.concatenate([first[0], second[0]]), np.concatenate([first[1], second[1]]), lean, reference)


def test_loading_saved_weights_into_a_trained_run_continues_from_the_loaded_state(tmp_path):
    """The lean step keeps torch.optim's state lists between steps: it must let go of them
    when loading replaces the optimizer's state."""
    d = design(optimizer="adam")
    saved = Trainer(d)
    saved.train_steps(17)
    path = tmp_path / "run.weights.safetensors"
    save_checkpoint(saved, path)
    lean = Trainer(d)
    lean.train_steps(5)  # its own optimizer state, now replaced by the loaded one
    load_checkpoint(lean, path)
    reference = Trainer(d)
    reference.lean_step = None
    load_checkpoint(reference, path)
    assert_same_training(lean.train_steps(STEPS).losses, reference.train_steps(STEPS).losses, lean, reference)


def test_loaded_state_of_an_unfused_optimizer_is_updated_by_its_step(tmp_path):
    """A file saved where torch had no fused kernel brings an optimizer group that says so:
    torch.optim then steps unfused, and so must the lean step."""
    d = design(optimizer="adam")
    saved = Trainer(d)
    saved.train_steps(7)
    saved.optimizer.param_groups[0]["fused"] = None  # as saved on such a machine
    path = tmp_path / "run.weights.safetensors"
    save_checkpoint(saved, path)
    lean, reference = pair(d)
    lean.train_steps(3)
    for trainer in (lean, reference):
        load_checkpoint(trainer, path)
        assert trainer.optimizer.param_groups[0]["fused"] is None
    fused_before = lean.lean_step.fused_steps
    assert_same_training(lean.train_steps(STEPS).losses, reference.train_steps(STEPS).losses, lean, reference)
    assert lean.lean_step.fused_steps == fused_before  # every step through optimizer.step()


# --- what it does not train falls back to autograd ---------------------------------------------
@pytest.mark.parametrize("layers", [
    (LinearLayer(units=6), BatchNormLayer()),
    (LinearLayer(units=6), DropoutLayer(p=0.2)),
])
def test_batch_norm_and_dropout_keep_the_autograd_step(layers):
    trainer = Trainer(design(layers=layers))
    assert trainer.lean_step is None
    assert refusal(trainer.network, trainer.loss_fn, trainer.device) == "layers"
    assert np.isfinite(trainer.train_steps(10).losses).all()


def test_an_activation_it_does_not_know_keeps_the_autograd_step(monkeypatch):
    monkeypatch.setitem(registry.ACTIVATIONS, "hardtanh",
                        Activation("hardtanh", "Hardtanh", "", "torch.nn.Hardtanh"))
    trainer = Trainer(design(layers=(LinearLayer(units=6, activation="hardtanh"),)))
    assert trainer.lean_step is None
    assert np.isfinite(trainer.train_steps(10).losses).all()


def test_other_devices_and_loss_options_are_refused():
    network = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))
    assert refusal(network, nn.MSELoss(), torch.device("cpu")) == ""
    assert refusal(network, nn.MSELoss(), torch.device("cuda")) == "device"
    assert refusal(network, nn.MSELoss(reduction="sum"), torch.device("cpu")) == "loss"
    assert refusal(network, nn.CrossEntropyLoss(label_smoothing=0.1), torch.device("cpu")) == "loss"
    assert refusal(nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Tanh(), nn.Linear(4, 1)), nn.MSELoss(),
                   torch.device("cpu")) == "layers"


# --- the comparison catches a wrong step -------------------------------------------------------
def _tanh_with_sigmoids_derivative(module):
    act = ORIGINAL_ACTIVATION(module)
    if type(module) is nn.Tanh:
        return act._replace(backward=lambda g, z, a: torch.ops.aten.sigmoid_backward.grad_input(g, a, grad_input=g))
    return act


def _adam_a_step_ahead(group, params, grads, states):
    torch._foreach_add_(states[0], 1)  # bias corrections of the next step; the saved count stays right
    ORIGINAL_ADAM(group, params, grads, states)
    torch._foreach_add_(states[0], -1)


def _bce_not_averaged(out, y, grad, one):
    loss = ORIGINAL_BCE(out, y, grad, one)
    grad.mul_(out.numel())
    return loss


ORIGINAL_ACTIVATION, ORIGINAL_ADAM, ORIGINAL_BCE = lean_step._activation, lean_step._adam, lean_step._bce


@pytest.mark.parametrize("mutant, d", [
    ("_activation", design()),
    ("_adam", design(optimizer="adam")),
    ("_bce", design()),
    ("l2 twice", design(regularization="l2", regularization_rate=0.03)),
])
def test_the_comparison_fails_for_a_wrong_lean_step(monkeypatch, mutant, d):
    if mutant == "l2 twice":  # forgetting that the 1/2 of the L2 term cancels the square's 2
        original = LeanStep._add_penalty

        def twice(self):
            original(self)
            original(self)

        monkeypatch.setattr(LeanStep, "_add_penalty", twice)
    else:
        wrong = {"_activation": _tanh_with_sigmoids_derivative, "_adam": _adam_a_step_ahead,
                 "_bce": _bce_not_averaged}[mutant]
        monkeypatch.setattr(lean_step, mutant, wrong)
    lean, reference = pair(d)
    with pytest.raises(AssertionError):
        assert_same_training(lean.train_steps(STEPS).losses, reference.train_steps(STEPS).losses, lean, reference)
