"""Weights files: resuming continues a run bit for bit; a file that does not fit is refused by name."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import numpy as np
import pytest
import torch
from safetensors import safe_open
from safetensors.torch import save as save_tensors

from playground.runs.checkpoint import (
    CheckpointError,
    load_checkpoint,
    read_checkpoint,
    save_checkpoint,
)
from playground.design.schema import BatchNormLayer, Design, DropoutLayer, LinearLayer
from playground.design.io import design_to_json, save_design, weights_path_for
from playground.errors import PlaygroundError
from playground.runs.history import MAX_EVAL_POINTS, MAX_STEP_POINTS, RunHistory, thinned
from playground.training.trainer import Diverged, Trainer
from playground.runs.weights_file import read_header

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


def history_of(n: int, every: int = 5) -> RunHistory:
    steps = np.arange(n, dtype=np.int64)
    losses = (1.0 / (1.0 + steps / 100)).astype(np.float32)
    eval_steps = np.arange(every, n + 1, every, dtype=np.int64)
    evals = np.column_stack([1 / (1 + eval_steps / 100), 1.1 / (1 + eval_steps / 100),
                             np.full(len(eval_steps), 0.9), np.full(len(eval_steps), np.nan)])
    return RunHistory(steps, losses, eval_steps, evals)


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
    assert load_checkpoint(resumed, path) == (d, None)  # saved without a history
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


def test_the_file_records_the_design_as_the_run_trains_it_after_a_live_change(tmp_path):
    before = design("adam")
    first = Trainer(before)
    first.train_steps(3)
    first.set_lr(0.0042)
    assert first.design == before.with_optimizer(lr=0.0042)
    on_screen = first.design.with_(name="Renamed", description="saved under a new name")
    path = tmp_path / "run.weights.safetensors"
    save_checkpoint(first, path, design=on_screen)
    assert read_checkpoint(path)[1]["design"] == design_to_json(on_screen), "exactly the design saved beside it"
    resumed = Trainer(on_screen)
    assert load_checkpoint(resumed, path).design == on_screen
    assert resumed.design == on_screen and resumed.step == 3


def test_weights_are_not_recorded_for_a_design_that_trains_differently(tmp_path):
    trainer = Trainer(design("adam"))
    trainer.train_steps(2)
    wider = trainer.design.with_(layers=(LinearLayer(units=9),))
    with pytest.raises(CheckpointError) as caught:
        save_checkpoint(trainer, tmp_path / "x.weights.safetensors", design=wider)
    assert "layers" in str(caught.value) and caught.value.problems[0].code == "weights_design_changed"
    assert not (tmp_path / "x.weights.safetensors").exists()


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
    assert "a text (JSON) file, a design file perhaps" in refused(trainer, design_file)
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
    path = tmp_path / "run.weights.safetensors"
    save_checkpoint(trainer, path, history=history_of(7, every=3))
    fresh = Trainer(design("adam"))

    def without(name):
        return lambda t: {k: v for k, v in t.items() if k != name}

    def replaced(name, tensor):
        return lambda t: {**t, name: tensor}

    for edit, expected in [
        (without("shuffle/order"), "order of this epoch"),
        (replaced("shuffle/order", torch.zeros(50, dtype=torch.int64)), "order of this epoch"),
        (replaced("optimizer/state/0/exp_avg", torch.zeros(3, 3)),
         "optimizer/state/0/exp_avg: the file has shape [3, 3], this design needs [6, 2]"),
        (without("rng/torch"), "save the weights again"),
        (replaced("payload", torch.zeros(1)), "payload"),
        (replaced("history/steps", torch.arange(3, 10)), "history/steps: the loss history is damaged"),
        (without("history/evals"), "history/evals: missing"),
        (replaced("history/notes", torch.zeros(2)),
         "history/notes: the file has this tensor but an NN Playground weights file does not"),
    ]:
        assert expected in refused(fresh, rewrite(path, edit)), expected


def test_a_diverged_run_or_an_unwritable_place_cannot_be_saved(tmp_path):
    trainer = Trainer(Design(layers=(LinearLayer(units=8),), loss="mse").with_data(dataset="sine").with_optimizer(lr=5.0))
    with pytest.raises(Diverged):
        trainer.train_steps(500)
    with pytest.raises(CheckpointError, match="diverged"):
        save_checkpoint(trainer, tmp_path / "x.safetensors")
    with pytest.raises(CheckpointError, match="Cannot save the weights"):
        save_checkpoint(Trainer(design()), tmp_path / "no-such-folder" / "x.safetensors")


# --- the run's history ------------------------------------------------------------------------
def test_the_history_comes_back_with_the_weights(tmp_path):
    trainer = Trainer(design("adam"))
    trainer.train_steps(12)
    history = history_of(12, every=4)
    save_checkpoint(trainer, tmp_path / "h.weights.safetensors", history=history)
    back = load_checkpoint(Trainer(design("adam")), tmp_path / "h.weights.safetensors").history
    np.testing.assert_array_equal(back.steps, history.steps)
    np.testing.assert_array_equal(back.losses, history.losses)
    np.testing.assert_array_equal(back.eval_steps, [4, 8, 12])
    np.testing.assert_array_equal(back.evals, history.evals)  # NaN accuracy (not measured) included


def test_a_long_history_is_thinned_but_keeps_its_spikes():
    history = history_of(1_000_000, every=50)
    spike = np.array(history.losses)
    spike[654_321] = 40.0
    dip = 123_457
    spike[dip] = 0.0
    thin = thinned(RunHistory(history.steps, spike, history.eval_steps, history.evals))
    assert len(thin.steps) <= MAX_STEP_POINTS and len(thin.eval_steps) <= MAX_EVAL_POINTS
    assert {654_321, dip, 0, 999_999} <= set(thin.steps.tolist())
    assert thin.losses.max() == 40.0 and thin.losses.min() == 0.0
    assert np.all(np.diff(thin.steps) > 0) and thin.eval_steps[-1] == 1_000_000


def test_the_saved_history_never_leads_the_run(tmp_path):
    trainer = Trainer(design("adam"))
    trainer.train_steps(5)
    path = tmp_path / "h.weights.safetensors"
    save_checkpoint(trainer, path, history=history_of(9, every=2))  # e.g. the previous run's curves
    back = load_checkpoint(Trainer(design("adam")), path).history
    assert back.steps.tolist() == [0, 1, 2, 3, 4] and back.eval_steps.tolist() == [2, 4]


# --- hostile files ----------------------------------------------------------------------------
def test_weights_that_are_not_numbers_are_refused_naming_the_tensor(tmp_path):
    trainer = Trainer(design("adam"))
    trainer.train_steps(4)
    path = saved(trainer, tmp_path)
    fresh = Trainer(design("adam"))

    def poisoned(t):
        weight = t["network.0.weight"].clone()
        weight[1, 0] = float("nan")
        moment = t["optimizer/state/0/exp_avg"].clone()
        moment[0, 0] = float("inf")
        return {**t, "network.0.weight": weight, "optimizer/state/0/exp_avg": moment}

    text = refused(fresh, rewrite(path, poisoned))
    assert "network.0.weight: holds NaN values" in text
    assert "optimizer/state/0/exp_avg: holds infinite values" in text


def test_a_pickle_is_refused_as_a_pytorch_file_without_being_opened(tmp_path, monkeypatch):
    pickled = tmp_path / "model.weights.safetensors"
    torch.save(Trainer(design()).network.state_dict(), pickled)
    monkeypatch.setattr(pickle, "loads", lambda *a, **k: pytest.fail("unpickled"))
    assert "torch.save (a pickle)" in refused(Trainer(design()), pickled)
    legacy = tmp_path / "legacy.weights.safetensors"
    torch.save({"w": torch.zeros(2)}, legacy, _use_new_zipfile_serialization=False)
    assert "torch.save (a pickle)" in refused(Trainer(design()), legacy)
    for protocol in (2, 4, 5):
        plain = tmp_path / f"protocol{protocol}.weights.safetensors"
        plain.write_bytes(pickle.dumps({"network.0.weight": [0.5] * 300}, protocol=protocol))
        assert "torch.save (a pickle)" in refused(Trainer(design()), plain), protocol


def test_a_file_cut_short_in_its_tensors_says_so_from_its_header_alone(tmp_path):
    trainer = Trainer(design())
    trainer.train_steps(3)
    data = saved(trainer, tmp_path).read_bytes()
    cut = tmp_path / "cut.weights.safetensors"
    cut.write_bytes(data[:-10])
    with pytest.raises(CheckpointError, match="cut short"):
        read_header(cut)  # what the window reads: the header, not the tensors
    assert "cut short" in refused(Trainer(design()), cut)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")
def test_special_files_and_huge_files_are_refused_before_a_byte_is_read(tmp_path, monkeypatch):
    zero = tmp_path / "zero.weights.safetensors"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "fifo.weights.safetensors"
    os.mkfifo(fifo)  # opening it to read would wait for a writer forever
    sparse = tmp_path / "sparse.weights.safetensors"
    with open(sparse, "wb") as file:
        file.truncate(2 * 2**30)  # 2 GB of nothing, taking no disk space
    reads = []
    original = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or original(fd, n))
    trainer = Trainer(design())
    for path in (zero, fifo):
        assert "not an ordinary file" in refused(trainer, path)
        with pytest.raises(CheckpointError, match="not an ordinary file"):
            read_header(path)
    assert "too large (2,048 MB; at most 1,024 MB)" in refused(trainer, sparse)
    with pytest.raises(CheckpointError, match="too large"):
        read_header(sparse)
    assert reads == [], "refused on what os.stat says, without reading"
