"""Inside one step: the traced step shows the numbers the training step uses.

Each test compares a traced step (playground.training.trace_step) with an independent
trainer of the same design and seed that takes the same step with plain autograd
(``plain_step``), from the same global random state (dropout draws the same masks).
Equal means equal to the last bit unless a tolerance is named: the chain rule's shares
are summed here in another order than autograd's matrix product (float32, rtol 1e-5).
The gradient check runs in float64 (relative error below 1e-4 when right; a gradient
made wrong on purpose is off by a half).
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from playground.design import registry
from playground.design.activations import Activation
from playground.design.schema import BatchNormLayer, DataSpec, Design, DropoutLayer, LinearLayer
from playground.runs.inside import MAX_DRAWN
from playground.training.gradient_check import check_gradient, relative_error
from playground.training.neuron import explain_neuron
from playground.training.trace_step import trace_step
from playground.training.trainer import Trainer

DATA = {"value": "sine", "class_logits": "blobs", "logit": "circle"}  # a data set per loss head
SHARES = dict(rtol=1e-5, atol=1e-7)
CHECKED = 1e-4  # the gradient check's relative error when autograd is right (float64)


def tiny(layers=(LinearLayer(units=3, activation="tanh"),), loss="bce", optimizer="sgd", **training) -> Design:
    """40 points (20 to train on) in batches of 8: three steps an epoch, the last one short."""
    data = DataSpec(dataset=DATA[registry.LOSSES[loss].head], samples=40)
    d = Design(data=data, layers=tuple(layers), loss=loss).with_optimizer(name=optimizer)
    return d.with_training(batch_size=8, epochs=20, **training)


def twins(design: Design, steps: int = 1) -> tuple[Trainer, Trainer]:
    """Two trainers of ``design`` after ``steps`` steps each, the global random state as it
    was after the first one's (the second's construction seeds it again)."""
    traced, plain = Trainer(design), None
    traced.train_steps(steps)
    plain = Trainer(design)
    plain.train_steps(steps)
    return traced, plain


def plain_step(trainer: Trainer) -> dict:
    """The trainer's next step as a plain PyTorch loop writes it: what it saw and did."""
    at = trainer.step % trainer.steps_per_epoch
    if at == 0:
        trainer.start_epoch()
    x, y = trainer.batch(at)
    params = dict(trainer.network.named_parameters())
    before = {n: p.detach().clone() for n, p in params.items()}
    state_before = {n: {k: v.clone() for k, v in trainer.optimizer.state.get(p, {}).items()} for n, p in params.items()}
    loss = trainer.loss_fn(trainer.network(x), y)
    penalty = trainer.penalty()
    trainer.optimizer.zero_grad()
    (loss if penalty is None else loss + penalty).backward()
    grads = {n: p.grad.clone() for n, p in params.items()}
    trainer.optimizer.step()
    trainer.step += 1
    return {"loss": float(loss.detach()), "before": before, "grads": grads, "state_before": state_before,
            "after": {n: p.detach().clone() for n, p in params.items()},
            "state_after": {n: trainer.optimizer.state[p] for n, p in params.items()}}


def crop(t: torch.Tensor) -> np.ndarray:
    return (t[:MAX_DRAWN, :MAX_DRAWN] if t.dim() == 2 else t[:MAX_DRAWN]).numpy()


def traced_and_plain(design: Design, steps: int = 1):
    traced, plain = twins(design, steps)
    random = torch.get_rng_state()
    result, trace, context = trace_step(traced)
    torch.set_rng_state(random)
    return traced, trace, context, result, plain_step(plain)


def assert_chain_rule(trace) -> None:
    """Every weight's ∂L/∂w is the sum over the batch of its chain-rule shares (all units traced)."""
    assert trace.batch_size <= len(trace.x), "the whole batch is traced"
    for block in trace.blocks:
        np.testing.assert_allclose(block.grad_z, block.grad_h * block.slope, **SHARES, err_msg=block.name)
        weight, bias = block.param("weight"), block.param("bias")
        if block.kind in ("linear", "output"):
            shares = block.grad_z[:, :, None] * block.inputs[:, None, :]  # (S, out, in)
            data_part = weight.grad - (weight.penalty_grad if weight.penalty_grad is not None else 0)
            np.testing.assert_allclose(shares.sum(0), data_part, **SHARES, err_msg=block.name)
            np.testing.assert_allclose(block.grad_z.sum(0), bias.grad, **SHARES, err_msg=block.name)
        elif block.kind == "batchnorm":
            normalised = (block.inputs - block.batch_mean) / np.sqrt(block.batch_var + block.eps)
            np.testing.assert_allclose((block.grad_z * normalised).sum(0), weight.grad, **SHARES, err_msg=block.name)
            np.testing.assert_allclose(block.grad_z.sum(0), bias.grad, **SHARES, err_msg=block.name)


def assert_checks(trainer, context, trace) -> None:
    """The gradient check agrees for one weight and one bias of every block that has them."""
    for i, block in enumerate(trace.blocks):
        for param in block.params:
            index = tuple(min(i, n - 1) for i, n in zip((1, 1) if param.grad.ndim == 2 else (1,), param.shape))
            checked = check_gradient(trainer, context, i, param.name, index)
            assert not checked.problem
            assert checked.relative_error < CHECKED, (block.name, param.name, checked)
            assert checked.autograd == pytest.approx(float(param.grad[index]), rel=1e-4, abs=1e-9)


LAYER_KINDS = {
    "linear": (LinearLayer(units=3, activation="tanh"), LinearLayer(units=2, activation="relu")),
    "batchnorm": (LinearLayer(units=3, activation="relu"), BatchNormLayer(activation="tanh")),
    "dropout": (LinearLayer(units=4, activation="relu"), DropoutLayer(p=0.5)),  # zeros into the dropout
    "dropout on the inputs": (DropoutLayer(p=0.3), LinearLayer(units=3, activation="tanh")),
}
CASES = ([("layers", kind, tiny(layers)) for kind, layers in LAYER_KINDS.items()]
         + [("activation", name, tiny((LinearLayer(units=3, activation=name),))) for name in registry.ACTIVATIONS]
         + [("loss", name, tiny(loss=name)) for name in registry.LOSSES]
         + [("regularization", kind, tiny(regularization=kind, regularization_rate=0.01)) for kind in ("l1", "l2")])


@pytest.mark.parametrize("design", [c[2] for c in CASES], ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_the_traced_gradients_are_autograds_and_the_chain_rule_adds_up_to_them(design, one_torch_thread):
    trainer, trace, context, result, plain = traced_and_plain(design)
    assert trace.loss.value == plain["loss"] == float(result.losses[0])
    for block in trace.blocks:
        for param in block.params:
            name = f"{trainer.blocks[trace.blocks.index(block)].start}.{param.name}"
            np.testing.assert_array_equal(param.grad, crop(plain["grads"][name]), err_msg=name)
            np.testing.assert_array_equal(param.before, crop(plain["before"][name]), err_msg=name)
    assert_chain_rule(trace)
    assert_checks(trainer, context, trace)
    np.testing.assert_allclose(trace.loss.per_sample.mean(), trace.loss.value, rtol=1e-5)


class _WrongTanh(torch.autograd.Function):
    """tanh whose backward is twice the truth: a gradient made wrong on purpose."""

    @staticmethod
    def forward(ctx, z):
        h = torch.tanh(z)
        ctx.save_for_backward(h)
        return h

    @staticmethod
    def backward(ctx, grad):
        (h,) = ctx.saved_tensors
        return 2 * grad * (1 - h * h)


class WrongTanh(nn.Module):
    def forward(self, z):
        return _WrongTanh.apply(z)


def test_the_gradient_check_fails_visibly_when_a_gradient_is_wrong(monkeypatch, one_torch_thread):
    wrong = Activation("wrong_tanh", "Wrong tanh", "tanh with a wrong derivative", WrongTanh, gain="tanh")
    monkeypatch.setitem(registry.ACTIVATIONS, wrong.name, wrong)
    for name, off in (("tanh", False), ("wrong_tanh", True)):
        trainer = Trainer(tiny((LinearLayer(units=3, activation=name),)))
        _, trace, context = trace_step(trainer)
        first = check_gradient(trainer, context, 0, "weight", (1, 0))  # every path to it passes the activation
        output = check_gradient(trainer, context, 1, "weight", (0, 1))  # none of its paths does
        assert output.relative_error < CHECKED
        if off:
            assert first.relative_error > 1e-2
            assert first.autograd == pytest.approx(2 * first.numeric, rel=1e-4)
        else:
            assert first.relative_error < CHECKED


def test_the_gradient_check_leaves_the_run_as_it_was(one_torch_thread):
    trainer = Trainer(tiny(LAYER_KINDS["batchnorm"] + (DropoutLayer(p=0.5),), optimizer="adam"))
    trainer.train_steps(2)
    _, trace, context = trace_step(trainer)
    state = {k: v.clone() for k, v in trainer.network.state_dict().items()}
    optimizer = {id(p): {k: v.clone() for k, v in s.items()} for p, s in trainer.optimizer.state.items()}
    random = torch.get_rng_state()
    for i, block in enumerate(trace.blocks):
        for param in block.params:
            assert check_gradient(trainer, context, i, param.name, (0,) * param.grad.ndim).relative_error < CHECKED
    assert torch.equal(random, torch.get_rng_state())
    for key, value in trainer.network.state_dict().items():
        assert torch.equal(value, state[key]), key  # weights and batch norm's running statistics
    for p, s in trainer.optimizer.state.items():
        assert all(torch.equal(v, optimizer[id(p)][k]) for k, v in s.items())
    assert trainer.network.training


def test_the_gradient_check_refuses_without_a_traced_step_after_the_run_moved_on_and_out_of_range():
    trainer = Trainer(tiny())
    assert check_gradient(trainer, None, 0, "weight", (0, 0)).problem_code == "inside_no_trace"
    _, _, context = trace_step(trainer)
    wrong = [check_gradient(trainer, context, *ask) for ask in
             [(0, "weight", (3, 0)), (0, "weight", (0,)), (5, "weight", (0, 0)), (0, "gamma", (0,)), (1, "bias", (-1,))]]
    assert [w.problem_code for w in wrong] == ["inside_no_weight"] * 5
    assert wrong[0].problem_args == ("Linear 1", "weight[3, 0]") and np.isnan(wrong[0].relative_error)
    trainer.train_steps(1)
    assert check_gradient(trainer, context, 0, "weight", (0, 0)).problem_code == "inside_moved_on"


def test_relative_error_is_zero_when_both_are_below_what_the_difference_measures():
    assert relative_error(3e-13, -4e-13) == 0.0
    assert relative_error(0.0, -5.6e-11, floor=2.5e-10) == 0.0  # an MAE bias's 0 against the difference's noise
    assert relative_error(3e-7, 1e-7, floor=2.5e-10) == pytest.approx(2 / 3)  # a vanishing gradient is compared
    assert relative_error(1.0, 1.5) == pytest.approx(1 / 3)


@pytest.mark.parametrize("optimizer", list(registry.OPTIMIZERS))
def test_the_shown_update_is_the_real_change_for_every_optimizer(optimizer, one_torch_thread):
    trainer, trace, _, _, plain = traced_and_plain(tiny(optimizer=optimizer), steps=2)
    assert trace.optimizer == optimizer
    assert trace.hyperparameters["lr"] == trainer.lr
    for i, block in enumerate(trace.blocks):
        for param in block.params:
            name = f"{trainer.blocks[i].start}.{param.name}"
            change = plain["after"][name] - plain["before"][name]
            np.testing.assert_array_equal(param.after - param.before, crop(change), err_msg=name)
            assert np.abs(param.after - param.before).max() > 0, "the step changed the weight"
            tensors = {k: v for k, v in plain["state_after"][name].items() if v.dim() > 0}
            assert param.state_after.keys() == tensors.keys(), name
            for key, value in tensors.items():
                np.testing.assert_array_equal(param.state_after[key], crop(value), err_msg=f"{name} {key}")
                np.testing.assert_array_equal(param.state_before[key], crop(plain["state_before"][name][key]))
    steps = [s["step"] for s in trainer.optimizer.state.values() if "step" in s]
    assert trace.optimizer_step == (int(steps[0]) if steps else 0)


@pytest.mark.parametrize("layers", [LAYER_KINDS["linear"], LAYER_KINDS["batchnorm"] + (DropoutLayer(p=0.5),),
                                    LAYER_KINDS["dropout on the inputs"]], ids=["eager", "batchnorm-dropout", "dropout"])
def test_stepping_inside_then_training_on_gives_the_losses_of_training_straight_through(layers, one_torch_thread):
    design = tiny(layers, optimizer="adam", regularization="l2", regularization_rate=0.001)
    straight = Trainer(design).train_steps(14).losses
    stepped = Trainer(design)
    losses = [trace_step(stepped)[0].losses]  # the epoch's first batch, traced
    losses.append(stepped.train_steps(4).losses)
    result, trace, _ = trace_step(stepped)  # mid-epoch: the 6th step
    assert (trace.step, trace.epoch, trace.batch_in_epoch, trace.batch_size) == (5, 1, 2, 4)  # the short last batch
    np.testing.assert_array_equal(trace.x, stepped.x_train[torch.as_tensor(trace.rows)].numpy())  # its rows
    losses += [result.losses, stepped.train_steps(8).losses]
    np.testing.assert_array_equal(np.concatenate(losses), straight)


def test_a_dropout_mask_is_the_one_applied_even_where_the_input_is_zero(one_torch_thread):
    trainer = Trainer(tiny((LinearLayer(units=8, activation="relu"), DropoutLayer(p=0.5))))
    _, trace, context = trace_step(trainer)
    dropout = trace.blocks[1]
    assert (dropout.inputs == 0).any(), "ReLU gives zeros here"
    assert set(np.unique(dropout.mask)) == {0.0, 2.0}
    np.testing.assert_array_equal(dropout.h, dropout.inputs * dropout.mask)
    kept = dropout.mask != 0  # ∂L/∂input is zero exactly where the unit was dropped
    np.testing.assert_array_equal(trace.blocks[0].grad_h[~kept], 0)
    np.testing.assert_array_equal(context.masks[2].numpy(), dropout.mask)


def test_a_neuron_is_explained_as_the_views_draw_the_network(one_torch_thread):
    trainer = Trainer(tiny(LAYER_KINDS["batchnorm"] + (DropoutLayer(p=0.5),)))
    trainer.train_steps(5)
    state = {k: v.clone() for k, v in trainer.network.state_dict().items()}
    point = (0.4, -1.3)
    linear = explain_neuron(trainer, 0, 2, point)
    assert linear.kind == "linear" and linear.activation == "relu" and not linear.problem
    np.testing.assert_array_equal(linear.inputs, np.float32(point))
    assert linear.z == pytest.approx(float(linear.weights @ linear.inputs) + linear.bias, abs=1e-6)
    assert linear.h == max(linear.z, 0.0) and linear.slope == (1.0 if linear.z > 0 else 0.0)
    bn = explain_neuron(trainer, 1, 2, point)
    assert bn.kind == "batchnorm" and bn.activation == "tanh" and bn.inputs[0] == max(linear.z, 0.0)
    normalised = (bn.inputs[0] - bn.mean) / np.sqrt(bn.var + bn.eps)  # the running statistics
    assert bn.z == pytest.approx(bn.weights[0] * normalised + bn.bias, abs=1e-6)
    assert bn.h == pytest.approx(np.tanh(bn.z), abs=1e-6) and bn.slope == pytest.approx(1 - np.tanh(bn.z) ** 2, abs=1e-6)
    curve = bn.curve
    assert curve.activation == "tanh" and curve.x[0] <= -6 and curve.x[-1] >= 6
    np.testing.assert_allclose(curve.slope, 1 - np.tanh(curve.x) ** 2, atol=1e-6)
    dropout = explain_neuron(trainer, 2, 2, point)
    assert dropout.z == dropout.h == pytest.approx(bn.h) and dropout.weights[0] == 1 and dropout.bias == 0
    with torch.no_grad():
        trainer.network.eval()
        out = trainer.network(torch.tensor([point]))[0]
        trainer.network.train()
    output = explain_neuron(trainer, 3, 0, point)
    assert output.z == pytest.approx(float(out[0]), abs=1e-6) and output.curve.activation == "linear"
    assert [explain_neuron(trainer, *ask).problem_code for ask in [(0, 3, point), (9, 0, point), (0, 0, (1.0,))]] == [
        "inside_no_neuron", "inside_no_neuron", "inside_point"]
    for key, value in trainer.network.state_dict().items():
        assert torch.equal(value, state[key]), key
    assert trainer.network.training
