"""A Linear layer's live tensors for the Tensor lab (playground.training.layer_tensors):
the run's own weight and bias, and the layer's real input for the first training samples,
so that x @ weightᵀ + bias is the layer's own output; nothing of the run changes."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from playground.design.schema import BatchNormLayer, DataSpec, Design, DropoutLayer, LinearLayer
from playground.lab.messages import MAX_CELLS
from playground.runs.inside import LAYER_SAMPLES
from playground.training.layer_tensors import layer_tensors, sample_rows
from playground.training.trainer import Trainer

FLOAT32 = dict(rtol=1e-5, atol=1e-6)


def design(layers, loss="bce", **data) -> Design:
    d = Design(data=DataSpec(samples=60, **data), layers=tuple(layers), loss=loss)
    return d.with_training(batch_size=8, epochs=5)


LAYERS = (LinearLayer(units=5, activation="relu"), BatchNormLayer(), DropoutLayer(p=0.5),
          LinearLayer(units=3, activation="tanh"))


def test_the_tensors_are_the_layers_own_and_give_its_output(one_torch_thread):
    trainer = Trainer(design(LAYERS))
    trainer.train_steps(4)  # batch norm's running statistics have moved
    taken = layer_tensors(trainer, 3, run_id=9)  # Linear 2, after batch norm and dropout
    assert not taken.problem and (taken.run_id, taken.block, taken.step, taken.name) == (9, 3, 4, "Linear 2")
    assert (taken.n_in, taken.n_out, taken.rows) == (5, 3, LAYER_SAMPLES)
    assert taken.x.shape == (8, 5) and taken.weight.shape == (3, 5) and taken.bias.shape == (3,)
    assert {a.dtype for a in (taken.x, taken.weight, taken.bias)} == {np.dtype(np.float32)}
    linear = trainer.network[trainer.blocks[3].start]
    np.testing.assert_array_equal(taken.weight, linear.weight.detach().numpy())
    np.testing.assert_array_equal(taken.bias, linear.bias.detach().numpy())
    trainer.network.eval()
    with torch.no_grad():  # the network as the views draw it, block by block
        x = trainer.x_train[:8]
        for block in trainer.blocks[:3]:
            x = trainer.network[block.start:block.stop](x)
        z = linear(x).numpy()
    trainer.network.train()
    np.testing.assert_allclose(taken.x, x.numpy(), **FLOAT32)
    np.testing.assert_allclose(taken.x @ taken.weight.T + taken.bias, z, **FLOAT32)
    taken.weight[0, 0] += 1  # a copy: changing it changes nothing of the run
    assert linear.weight[0, 0] != taken.weight[0, 0]


def test_the_first_layer_gets_the_training_sets_first_rows_and_the_output_layer_answers_too(one_torch_thread):
    trainer = Trainer(design(LAYERS, loss="cross_entropy", dataset="blobs"))
    first = layer_tensors(trainer, 0)
    np.testing.assert_array_equal(first.x, trainer.x_train[:8].numpy())
    assert (first.step, first.n_in, first.n_out) == (0, 2, 5)
    output = layer_tensors(trainer, 4)
    assert output.name == "Output" and (output.n_in, output.n_out) == (3, trainer.blocks[-1].units)
    assert output.n_out == 3, "one logit per class of blobs"


def test_asking_leaves_the_run_as_it_was(one_torch_thread):
    trainer = Trainer(design(LAYERS).with_optimizer(name="adam"))
    trainer.train_steps(3)
    state = {k: v.clone() for k, v in trainer.network.state_dict().items()}
    optimizer = {id(p): {k: v.clone() for k, v in s.items()} for p, s in trainer.optimizer.state.items()}
    random = torch.get_rng_state()
    for block in (0, 3, 4):
        assert not layer_tensors(trainer, block).problem
    assert torch.equal(random, torch.get_rng_state()), "dropout drew no mask"
    for key, value in trainer.network.state_dict().items():
        assert torch.equal(value, state[key]), key  # weights and batch norm's running statistics
    for p, s in trainer.optimizer.state.items():
        assert all(torch.equal(v, optimizer[id(p)][k]) for k, v in s.items())
    assert trainer.network.training and trainer.step == 3


def test_a_layer_that_is_not_linear_or_not_there_is_refused(one_torch_thread):
    trainer = Trainer(design(LAYERS))
    refused = [layer_tensors(trainer, block) for block in (1, 2, 5, -1)]
    assert [r.problem_code for r in refused] == ["inside_not_linear", "inside_not_linear", "inside_no_layer",
                                                 "inside_no_layer"]
    assert refused[0].problem_args == ("BatchNorm 1",) and refused[2].problem_args == (6,)
    assert all(r.x.size == 0 and r.weight.size == 0 and r.bias.size == 0 for r in refused)


@pytest.mark.parametrize("n_train, n_in, n_out, rows", [
    (100, 2, 4, 8), (5, 2, 4, 5), (100, 512, 512, 8), (100, 1000, 4, 4), (100, 4, 1000, 4), (100, 9000, 4, 1)])
def test_a_wide_layer_takes_fewer_samples_so_the_lab_draws_them_whole(n_train, n_in, n_out, rows):
    assert sample_rows(n_train, n_in, n_out) == rows
    if rows > 1:
        assert rows * max(n_in, n_out) <= MAX_CELLS


def test_the_lab_runs_the_layer_and_gets_the_networks_own_output(one_torch_thread):
    """Through the lab's real process: the shape rule of the product, the bias broadcast
    over the batch, and y equal to the layer's own output for the same x."""
    from playground.lab.examples import LINEAR_INPUTS, LINEAR_LAYER_CODE
    from playground.lab.runner import LabSession

    trainer = Trainer(design(LAYERS))
    trainer.train_steps(6)
    taken = layer_tensors(trainer, 3)
    with LabSession() as lab:
        result = lab.run(LINEAR_LAYER_CODE, dict(zip(LINEAR_INPUTS, (taken.x, taken.weight, taken.bias))))
    assert result.error is None
    product, y = result.value("product"), result.result
    assert product.origin.op == "matmul" and product.origin.source_shapes == ((8, 5), (5, 3))
    assert y.shape == (8, 3) and y.origin.op == "add" and y.origin.source_shapes == ((8, 3), (3,))
    assert y.origin.broadcast_dims == (0,), "the bias is stretched over the batch"
    trainer.network.eval()
    with torch.no_grad():
        expected = trainer.network[: trainer.blocks[3].start + 1](trainer.x_train[:8]).numpy()
    trainer.network.train()
    np.testing.assert_allclose(y.values, expected, **FLOAT32)
