"""Adding an optimizer, a loss, an activation or a data set is one registry entry: the
throwaway entries of conftest.py (Adamax, Smooth L1, Hardtanh, a ring data set with
its generator), defined nowhere else, reach design validation, eager and compiled
training, weights files and the exported script. (tests/ui/test_training_panel.py
shows the Training panel offering the optimizer, tests/ui/test_data_panel.py the
Data panel offering the data set.)"""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import torch

from playground.design.optimizers import switched_optimizer
from playground.design.io import design_from_json, design_to_json
from playground.design.schema import Design, LinearLayer, check_design, require_valid
from playground.errors import DesignError
from playground.export.script import export_script, write_script
from playground.runs.checkpoint import load_checkpoint, save_checkpoint
from playground.training import fast_step
from playground.training.trainer import Trainer

EPOCH_LOSS = r"epoch (\d+)  train loss (\S+)"


def spiral(optimizer: str, **hyper) -> Design:
    """Spiral data and ``optimizer`` with its usual hyperparameters (as on choosing it), then ``hyper``."""
    d = Design(layers=(LinearLayer(units=8), LinearLayer(units=8))).with_data(dataset="spiral", samples=200)
    usual = switched_optimizer(optimizer, lr=0.0)
    return d.with_optimizer(name=optimizer, **{**usual, **hyper}).with_training(device="cpu", batch_size=20)


def script_losses(design: Design, folder, epochs: int) -> np.ndarray:
    """Run the exported script alone; the epoch losses it prints."""
    import re

    path = folder / "exported.py"
    write_script(design, path)
    done = subprocess.run([sys.executable, str(path), "--epochs", str(epochs)], cwd=folder,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return np.array([float(loss) for _, loss in re.findall(EPOCH_LOSS, done.stdout)])


def engine_losses(design: Design, epochs: int) -> np.ndarray:
    trainer = Trainer(design)
    return np.array([trainer.train_epoch().losses.astype(np.float64).mean() for _ in range(epochs)])


# --- an optimizer -------------------------------------------------------------------------------


def test_a_new_optimizer_validates_with_its_own_limits(throwaway_optimizer):
    design = spiral(throwaway_optimizer, lr=0.05)
    assert check_design(design) == []
    assert design_from_json(design_to_json(design)) == design  # design files store its name
    too_fast = design.with_optimizer(lr=0.5)  # every design may hold 0.5; Adamax's entry allows up to 0.2
    [problem] = check_design(too_fast)
    assert (problem.field, problem.code, problem.args) == ("optimizer.lr", "pydantic.less_than_equal", (0.2, 0.5))
    with pytest.raises(DesignError, match="at most 0.2 for Adamax"):
        require_valid(too_fast)


def test_a_new_optimizer_trains_eagerly_with_its_torch_class(throwaway_optimizer):
    trainer = Trainer(spiral(throwaway_optimizer).with_data(dataset="circle"))
    assert type(trainer.optimizer) is torch.optim.Adamax
    assert trainer.optimizer.param_groups[0]["betas"] == (0.9, 0.99)
    start = trainer.evaluate()
    trainer.train_steps(300)
    end = trainer.evaluate()
    assert end.train_loss < 0.5 * start.train_loss and end.train_accuracy > 0.9, (start, end)


def _state_close(a: Trainer, b: Trainer) -> None:
    for p, q in zip(a.network.parameters(), b.network.parameters()):
        np.testing.assert_allclose(q.detach().numpy(), p.detach().numpy(), rtol=1e-4, atol=1e-6)
        for key, value in a.optimizer.state[p].items():
            np.testing.assert_allclose(b.optimizer.state[q][key].numpy(), value.numpy(), rtol=1e-4, atol=1e-6)


def test_the_compiled_step_uses_the_new_optimizers_update(throwaway_optimizer, monkeypatch):
    """The functional K-step (uncompiled, then once compiled for real) gives torch.optim.Adamax's losses."""
    monkeypatch.delenv(fast_step.EAGER_ENV, raising=False)
    design = spiral(throwaway_optimizer, lr=0.02)
    eager, functional = Trainer(design), Trainer(design)
    assert functional.start_compiling(background=False, backend=None).mode == "compiled"
    expected = np.concatenate([eager.train_steps(30).losses for _ in range(3)])
    got = np.concatenate([functional.train_steps(30).losses for _ in range(3)])
    assert functional.compiled_steps >= 60  # most steps went through the entry's update
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-6)
    _state_close(eager, functional)

    compiled = Trainer(design)
    mode = compiled.start_compiling(background=False)
    if mode.reason == "no_compiler":
        pytest.skip("no C++ compiler for inductor on this machine")
    assert mode.mode == "compiled", mode
    got = np.concatenate([compiled.train_steps(30).losses for _ in range(3)])
    assert compiled.compiled_steps >= 60
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-6)


def test_an_optimizer_without_a_compiled_update_trains_eagerly(throwaway_optimizer, monkeypatch):
    import dataclasses

    from playground.design import registry

    monkeypatch.delenv(fast_step.EAGER_ENV, raising=False)
    monkeypatch.setitem(registry.OPTIMIZERS, throwaway_optimizer,
                        dataclasses.replace(registry.OPTIMIZERS[throwaway_optimizer], update=None))
    trainer = Trainer(spiral(throwaway_optimizer))
    assert trainer.start_compiling(background=False, backend=None).reason == "optimizer"
    assert len(trainer.train_steps(20).losses) == 20 and trainer.compiled_steps == 0


def test_a_weights_file_resumes_the_new_optimizer_exactly(throwaway_optimizer, tmp_path):
    design = spiral(throwaway_optimizer)
    unbroken = Trainer(design)
    reference = unbroken.train_steps(25).losses
    first = Trainer(design)
    losses = [first.train_steps(13).losses]
    path = tmp_path / "run.weights.safetensors"
    save_checkpoint(first, path)
    resumed = Trainer(design)
    load_checkpoint(resumed, path)
    assert set(resumed.optimizer.state[next(resumed.network.parameters())]) == {"step", "exp_avg", "exp_inf"}
    losses.append(resumed.train_steps(12).losses)
    np.testing.assert_array_equal(np.concatenate(losses), reference)


def test_the_exported_script_uses_the_new_optimizer(throwaway_optimizer, tmp_path):
    design = spiral(throwaway_optimizer)
    text = export_script(design)
    assert ("torch.optim.Adamax(model.parameters(), lr=LEARNING_RATE, betas=(0.9, 0.99), eps=1e-08, "
            "weight_decay=0.0)") in text
    np.testing.assert_allclose(script_losses(design, tmp_path, 3), engine_losses(design, 3), rtol=1e-5)


# --- a loss and an activation ---------------------------------------------------------------------


def test_a_new_loss_and_activation_validate_train_and_export(throwaway_loss, throwaway_activation, tmp_path):
    design = (Design(layers=(LinearLayer(units=8, activation=throwaway_activation),), loss=throwaway_loss, init="xavier")
              .with_data(dataset="sine", samples=200).with_optimizer(name="adam", lr=0.01)
              .with_training(device="cpu", batch_size=20))
    assert check_design(design) == []
    assert check_design(design.with_data(dataset="circle"))[0].field == "loss"  # a regression loss, as its entry says
    trainer = Trainer(design)
    assert isinstance(trainer.loss_fn, torch.nn.SmoothL1Loss)
    hardtanh = trainer.network[1]
    assert isinstance(hardtanh, torch.nn.Hardtanh) and (hardtanh.min_val, hardtanh.max_val) == (-0.5, 0.5)
    start = trainer.evaluate().train_loss
    trainer.train_steps(300)
    assert trainer.evaluate().train_loss < 0.8 * start

    text = export_script(design)
    assert "nn.Hardtanh(min_val=-0.5, max_val=0.5)," in text and "loss_fn = nn.SmoothL1Loss()" in text
    assert 'nn.init.xavier_uniform_(model[0].weight, gain=nn.init.calculate_gain("tanh"))' in text
    np.testing.assert_allclose(script_losses(design, tmp_path, 3), engine_losses(design, 3), rtol=1e-5)


def test_a_new_init_validates_and_sets_the_same_weights_in_the_app_and_the_script(throwaway_init, tmp_path):
    import runpy

    design = Design(layers=(LinearLayer(units=6, activation="relu"), LinearLayer(units=5)), init=throwaway_init)
    assert check_design(design) == []
    text = export_script(design)
    assert 'nn.init.orthogonal_(model[0].weight, gain=nn.init.calculate_gain("relu"))' in text
    path = tmp_path / "exported.py"
    write_script(design, path)
    torch.manual_seed(design.training.seed)  # as the script's train() seeds before build_model()
    exported = runpy.run_path(str(path), run_name="exported")["build_model"]()
    engine = Trainer(design.with_training(device="cpu")).network
    weight = engine[0].weight.detach()
    gain = torch.nn.init.calculate_gain("relu")
    assert weight.shape == (6, 2)
    np.testing.assert_allclose((weight.T @ weight).numpy(), gain**2 * np.eye(2), atol=1e-5)  # orthogonal columns
    for a, b in zip(engine.state_dict().values(), exported.state_dict().values()):
        np.testing.assert_array_equal(a.numpy(), b.numpy())


# --- a data set -------------------------------------------------------------------------------------


def test_a_new_data_set_validates_trains_and_exports_the_same_data(throwaway_dataset, tmp_path):
    import runpy

    from playground.data.datasets import make_dataset
    from playground.data.facts import data_facts

    design = (Design(layers=(LinearLayer(units=8),)).with_data(dataset=throwaway_dataset, samples=300, noise=0.1,
                                                                features=("x1", "x2", "x1_sq", "x2_sq"))
              .with_optimizer(name="adam", lr=0.03).with_training(device="cpu", batch_size=30))
    assert check_design(design) == []  # binary data: the default loss (binary cross-entropy) fits
    assert design_from_json(design_to_json(design)) == design  # design files store its name
    assert check_design(design.with_(loss="mse"))[0].field == "loss"  # its entry says: two classes
    facts = data_facts(design.data)
    assert (facts.task, facts.n_train, facts.n_inputs, facts.n_classes) == ("binary", 150, 4, 2)

    data = make_dataset(design.data)
    radius = np.hypot(*np.concatenate([data.raw_train, data.raw_test]).T)
    labels = np.concatenate([data.y_train, data.y_test])
    assert np.mean(labels == ((radius > 2.5) & (radius < 4.5))) > 0.85  # the ring, with a little noise

    trainer = Trainer(design)
    start = trainer.evaluate()
    trainer.train_steps(400)
    end = trainer.evaluate()
    assert end.train_loss < 0.6 * start.train_loss and end.train_accuracy > 0.85, (start, end)

    path = tmp_path / "exported.py"
    write_script(design, path)
    assert "def ring(rng, n, noise):" in path.read_text(encoding="utf-8")
    x_train, y_train, x_test, y_test = runpy.run_path(str(path), run_name="exported")["make_data"]()
    np.testing.assert_array_equal(x_train.numpy(), data.x_train)
    np.testing.assert_array_equal(x_test.numpy(), data.x_test)
    np.testing.assert_array_equal(y_train.numpy().reshape(-1), data.y_train)
    np.testing.assert_array_equal(y_test.numpy().reshape(-1), data.y_test)
    np.testing.assert_allclose(script_losses(design, tmp_path, 3), engine_losses(design, 3), rtol=1e-5)
