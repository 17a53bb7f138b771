"""Weights files: resuming continues a run bit for bit; a file that does not fit is refused by name."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest
import torch
from safetensors import safe_open
from safetensors.torch import save as save_tensors

from playground.checkpoint import (
    CheckpointError,
    load_checkpoint,
    read_checkpoint,
    save_checkpoint,
)
from playground.design import BatchNormLayer, Design, DropoutLayer, LinearLayer
from playground.design_io import design_to_json, save_design, weights_path_for
from playground.errors import PlaygroundError
from playground.training import Diverged, Trainer

BN_DROPOUT = (LinearLayer(units=6, activation="relu"), BatchNormLayer(), DropoutLayer(p=0.3), LinearLayer(units=4))


def design(optimizer="adam", layers=BN_DROPOUT, **training) -> Design:
    d = Design(layers=layers).with_data(samples=100).with_optimizer(name=optimizer)
    return d.with_training(device="cpu", epochs=20, **training)


def saved(trainer: Trainer, tmp_path: Path, name="run.weights.safetensors") -> Path:
    path = tmp_path / name
    save_checkpoint(trainer, path)
    return path


def parameters(trainer: Trainer) -> list[np.ndarray]:
    return [t.detach().cpu().numpy().copy() for t in trainer.network.state_dict().values()]


# --- resuming exactly -----------------------------------------------------------------------
@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adagrad", "rmsprop", "adam"])
@pytest.mark.parametrize("before, after", [(7, 20), (5, 10), (0, 6), (12, 9)], ids=["mid-epoch", "at-boundary", "fresh", "across-boundary"])
def test_save_then_load_continues_exactly_as_an_unbroken_run(tmp_path, optimizer, before, after):
    d = design(optimizer)  # 50 training points in batches of 10: 5 steps per epoch
    unbroken = Trainer(d)
    reference = unbroken.train_steps(before + after).losses

    first = Trainer(d)
    losses = [first.train_steps(before).losses]
    path = saved(first, tmp_path)
    resumed = Trainer(d)  # reseeds the global generator, as a new session would
    assert load_checkpoint(resumed, path) == d
    assert (resumed.step, resumed.epoch, resumed.batch_in_epoch) == (first.step, first.epoch, first.batch_in_epoch)
    losses.append(resumed.train_steps(after).losses)

    np.testing.assert_array_equal(np.concatenate(losses), reference)
    for a, b in zip(parameters(resumed), parameters(unbroken)):
        np.testing.assert_array_equal(a, b)
    assert resumed.evaluate() == unbroken.evaluate()


@pytest.mark.parametrize("mode", ["full", "stochastic"])
def test_resume_is_exact_in_full_batch_and_stochastic_modes(tmp_path, mode):
    layers = (LinearLayer(units=5), DropoutLayer(p=0.2))
    d = design("momentum", layers, batch_mode=mode)
    reference = Trainer(d).train_steps(63).losses
    first = Trainer(d)
    head = first.train_steps(41).losses
    path = saved(first, tmp_path)  # before the next Trainer reseeds the global generator
    resumed = Trainer(d)
    load_checkpoint(resumed, path)
    np.testing.assert_array_equal(np.concatenate([head, resumed.train_steps(22).losses]), reference)


def test_a_live_learning_rate_change_is_kept(tmp_path):
    first = Trainer(design("adam"))
    first.train_steps(3)
    first.set_lr(0.0042)
    path = saved(first, tmp_path)
    resumed = Trainer(design("adam"))
    load_checkpoint(resumed, path)
    assert resumed.lr == 0.0042
    assert resumed.optimizer.param_groups[0]["betas"] == (0.9, 0.999)


def test_the_file_holds_parameters_buffers_optimizer_state_generators_and_the_design(tmp_path):
    trainer = Trainer(design("adam"))
    trainer.train_steps(7)
    path = saved(trainer, tmp_path)
    with safe_open(str(path), framework="pt") as f:  # read by safetensors alone: a plain, documented format
        keys, metadata = set(f.keys()), f.metadata()
        assert f.get_tensor("network.2.num_batches_tracked").item() == 7
        assert f.get_tensor("network.2.running_var").shape == (6,)
    assert {"network.0.weight", "network.2.running_mean", "network.2.num_batches_tracked", "network.6.bias"} <= keys
    assert {"optimizer/state/0/exp_avg", "optimizer/state/0/exp_avg_sq", "optimizer/state/0/step"} <= keys
    assert {"rng/torch", "rng/shuffle", "shuffle/order"} <= keys
    assert metadata["format"] == "nn-playground-weights" and metadata["version"] == "1"
    assert metadata["design"] == design_to_json(trainer.design)
    assert metadata["step"] == "7"


def test_loading_never_unpickles(tmp_path, monkeypatch):
    trainer = Trainer(design("momentum"))
    trainer.train_steps(3)
    path = saved(trainer, tmp_path)

    def refuse(*args, **kwargs):
        raise AssertionError("a weights file must load without pickle")

    monkeypatch.setattr(torch, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "load", refuse)
    load_checkpoint(Trainer(design("momentum")), path)


def test_weights_sit_beside_the_design(tmp_path):
    assert weights_path_for(tmp_path / "my-design.json") == tmp_path / "my-design.weights.safetensors"
    assert weights_path_for("a/b.c.JSON") == Path("a/b.c.weights.safetensors")
    assert weights_path_for("notes") == Path("notes.weights.safetensors")


# --- refusing files ---------------------------------------------------------------------------
def refused(trainer: Trainer, path: Path) -> str:
    before, step = parameters(trainer), trainer.step
    with pytest.raises(CheckpointError) as caught:
        load_checkpoint(trainer, path)
    assert isinstance(caught.value, PlaygroundError)
    assert trainer.step == step and all(np.array_equal(a, b) for a, b in zip(before, parameters(trainer))), "a refused file must leave the run untouched"
    return str(caught.value)


def test_weights_of_a_wider_layer_are_refused_naming_the_tensor_and_both_shapes(tmp_path):
    wide = Trainer(design("sgd", (LinearLayer(units=8),)))
    narrow = Trainer(design("sgd", (LinearLayer(units=4),)))
    text = refused(narrow, saved(wide, tmp_path))
    assert "network.0.weight: the file has shape [8, 2], this design needs [4, 2]" in text
    assert "network.2.weight: the file has shape [1, 8], this design needs [1, 4]" in text


def test_missing_and_extra_tensors_are_named(tmp_path):
    one = Trainer(design("sgd", (LinearLayer(units=4),)))
    two = Trainer(design("sgd", (LinearLayer(units=4), LinearLayer(units=4))))
    text = refused(two, saved(one, tmp_path))
    assert "network.4.weight: missing from the file; this design needs shape [1, 4]" in text
    text = refused(one, saved(two, tmp_path, "two.safetensors"))
    assert "network.4.weight: the file has this tensor (shape [1, 4]) but this design has no such layer" in text


def test_another_optimizer_or_batch_size_is_refused_by_field(tmp_path):
    adam = Trainer(design("adam"))
    adam.train_steps(2)
    path = saved(adam, tmp_path)
    assert "optimizer.name: these weights were trained with Adam, this design uses SGD" in refused(Trainer(design("sgd")), path)
    assert "training.batch_size" in refused(Trainer(design("adam", batch_size=25)), path)


def test_a_file_that_is_not_a_weights_file_is_refused_with_a_reason(tmp_path):
    design_file = tmp_path / "d.json"
    save_design(Design(), design_file)
    foreign = tmp_path / "foreign.safetensors"
    foreign.write_bytes(save_tensors({"w": torch.zeros(2)}))
    empty = tmp_path / "empty.safetensors"
    empty.write_bytes(b"")
    noise = tmp_path / "noise.safetensors"
    noise.write_bytes(np.random.default_rng(0).integers(0, 256, 4000, dtype=np.uint8).tobytes())
    trainer = Trainer(design())
    assert "not a safetensors file" in refused(trainer, design_file)
    assert "not an NN Playground weights file" in refused(trainer, foreign)
    assert "empty" in refused(trainer, empty)
    assert "not a" in refused(trainer, noise)
    assert "no such file" in refused(trainer, tmp_path / "missing.safetensors")
    assert "folder" in refused(trainer, tmp_path)


@pytest.mark.parametrize("keep", [0.5, 0.9995, 40 / 13000])
def test_a_truncated_file_is_refused(tmp_path, keep):
    trainer = Trainer(design())
    trainer.train_steps(3)
    data = saved(trainer, tmp_path).read_bytes()
    cut = tmp_path / "cut.safetensors"
    cut.write_bytes(data[: int(len(data) * keep)])
    text = refused(Trainer(design()), cut)
    assert "cut short" in text or "damaged" in text


def rewrite(path: Path, tensors=None, metadata=None) -> Path:
    """The file with its tensors and metadata changed by the given functions."""
    t, m = read_checkpoint(path)
    t, m = (tensors or dict)(t), (metadata or dict)(m)
    out = path.with_name("edited.safetensors")
    out.write_bytes(save_tensors(t, m))
    return out


def test_a_file_from_a_newer_version_is_refused(tmp_path):
    path = saved(Trainer(design()), tmp_path)
    newer = rewrite(path, metadata=lambda m: {**m, "version": "2"})
    assert "newer NN Playground (format version 2)" in refused(Trainer(design()), newer)


def test_damaged_contents_are_refused(tmp_path):
    trainer = Trainer(design("adam"))
    trainer.train_steps(7)  # mid-epoch: the order of this epoch is in the file
    path = saved(trainer, tmp_path)
    fresh = Trainer(design("adam"))
    no_order = rewrite(path, lambda t: {k: v for k, v in t.items() if k != "shuffle/order"})
    assert "order of this epoch" in refused(fresh, no_order)
    bad_order = rewrite(path, lambda t: {**t, "shuffle/order": torch.zeros(50, dtype=torch.int64)})
    assert "order of this epoch" in refused(fresh, bad_order)
    bad_moment = rewrite(path, lambda t: {**t, "optimizer/state/0/exp_avg": torch.zeros(3, 3)})
    assert "optimizer/state/0/exp_avg: the file has shape [3, 3], this design needs [6, 2]" in refused(fresh, bad_moment)
    no_rng = rewrite(path, lambda t: {k: v for k, v in t.items() if k != "rng/torch"})
    assert "save the weights again" in refused(fresh, no_rng)
    stranger = rewrite(path, lambda t: {**t, "payload": torch.zeros(1)})
    assert "payload" in refused(fresh, stranger)


def test_a_diverged_run_or_an_unwritable_place_cannot_be_saved(tmp_path):
    trainer = Trainer(Design(layers=(LinearLayer(units=8),), loss="mse").with_data(dataset="sine").with_optimizer(lr=5.0))
    with pytest.raises(Diverged):
        trainer.train_steps(500)
    with pytest.raises(CheckpointError, match="diverged"):
        save_checkpoint(trainer, tmp_path / "x.safetensors")
    with pytest.raises(CheckpointError, match="Cannot save the weights"):
        save_checkpoint(Trainer(design()), tmp_path / "no-such-folder" / "x.safetensors")
