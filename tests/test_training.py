"""The Trainer, the model builder and device selection, as the app and CLI use them."""

import numpy as np
import pytest
import torch

from playground.design.schema import BatchNormLayer, Design, DropoutLayer, LinearLayer
from playground.nn.devices import select_device, unavailable_reasons
from playground.errors import DesignError
from playground.design import rules
from playground.design.shapes import check_size, layer_shapes, output_size, shape_text
from playground.nn.model import build_network
from playground.nn.probes import OVERFLOW, LayerGradient, gradient_verdict
from playground.training.trainer import Diverged, Trainer


def small(dataset="circle", layers=(LinearLayer(units=4),), loss="bce", **training) -> Design:
    d = Design(layers=tuple(layers), loss=loss).with_data(dataset=dataset)
    return d.with_training(**training) if training else d


def run_loop(trainer: Trainer):
    """(final snapshot, every snapshot) of the real RunLoop driving ``trainer`` to its end."""
    from playground.training.run_loop import RunControl, RunLoop

    control = RunControl()
    snapshots = []

    def consume(snapshot):
        snapshots.append(snapshot)
        control.snapshot_taken()

    return RunLoop(trainer, control, consume).run(), snapshots


# --- layer shapes and the size limit (the torch-free owner the window shows) ---------
def test_the_default_net_has_the_torch_shapes_and_parameter_counts_shown():
    d = Design()
    shapes = layer_shapes(d, 2, output_size(d.loss, 2))
    batch = rules.batch_size(d.training, 250)
    assert [s.name for s in shapes] == ["Linear 1", "Linear 2", "Output"]
    assert [shape_text(batch, s.units) for s in shapes] == [
        "torch.Size([10, 4])", "torch.Size([10, 2])", "torch.Size([10, 1])"]
    assert [s.parameters for s in shapes] == [2 * 4 + 4, 4 * 2 + 2, 2 + 1]


def test_batchnorm_and_dropout_are_counted_and_cross_entropy_has_a_unit_per_class():
    d = Design(layers=(LinearLayer(units=5), BatchNormLayer(), DropoutLayer(p=0.2)), loss="cross_entropy")
    d = d.with_data(dataset="blobs", classes=4).with_training(batch_size=32)
    shapes = layer_shapes(d, 2, output_size(d.loss, 4))
    assert [(s.name, s.parameters) for s in shapes] == [("Linear 1", 15), ("BatchNorm 1", 10), ("Dropout 1", 0), ("Output", 24)]
    assert shape_text(rules.batch_size(d.training, 250), shapes[-1].units) == "torch.Size([32, 4])"


def test_a_network_too_large_to_train_live_is_refused_with_a_message():
    d = Design(layers=tuple(LinearLayer(units=512) for _ in range(30)))
    with pytest.raises(DesignError) as caught:
        check_size(d, 2, 1)
    assert "parameters" in str(caught.value) and caught.value.problems[0].field == "layers"
    with pytest.raises(DesignError):
        Trainer(d)


def test_a_batch_has_one_row_all_rows_or_the_batch_size_and_an_epoch_is_cut_to_match():
    t = Design().training
    assert [rules.batch_size(t.model_copy(update={"batch_mode": m}), 250) for m in ("stochastic", "full", "minibatch")] \
        == [1, 250, 10]
    assert rules.batch_size(t.model_copy(update={"batch_size": 400}), 250) == 250  # never more than every row
    assert rules.batch_size(t.model_copy(update={"batch_mode": "full"}), None) is None  # a CSV file not read yet
    assert rules.steps_per_epoch(250, 10, has_batchnorm=False) == 25
    assert rules.steps_per_epoch(251, 10, has_batchnorm=False) == 26  # a last batch of one row
    assert rules.steps_per_epoch(251, 10, has_batchnorm=True) == 25  # ... joins the one before: batch norm needs 2
    assert rules.split_sizes(1797, 0.5) == (898, 899)


# --- refusing designs that cannot train ----------------------------------------------
def test_a_loss_that_does_not_fit_the_task_is_refused():
    with pytest.raises(DesignError) as caught:
        Trainer(small(loss="mse"))
    assert caught.value.problems[0].field == "loss"
    assert "Binary cross-entropy" in str(caught.value)
    with pytest.raises(DesignError):
        Trainer(small("plane", loss="bce"))
    with pytest.raises(DesignError) as caught:
        Trainer(small("blobs", loss="bce"))
    assert "cross-entropy" in str(caught.value)


def test_batchnorm_with_stochastic_batches_is_refused():
    with pytest.raises(DesignError) as caught:
        Trainer(small(layers=(LinearLayer(units=4), BatchNormLayer()), batch_mode="stochastic"))
    assert caught.value.problems[0].field == "training.batch_mode"


def test_batchnorm_never_sees_a_batch_of_one():
    # 250 training points in batches of 3 leave one sample over: it joins the last batch.
    d = small(layers=(LinearLayer(units=4), BatchNormLayer()), batch_size=3, epochs=2)
    trainer = Trainer(d)
    assert len(trainer.train_epoch().losses) == trainer.steps_per_epoch == 83
    assert trainer.epoch == 1


# --- training behaviour ------------------------------------------------------------------
def test_training_lowers_the_loss_and_evaluate_reports_accuracy():
    trainer = Trainer(small(epochs=60, layers=(LinearLayer(units=8, activation="tanh"),)).with_optimizer(name="adam", lr=0.03))
    before = trainer.evaluate()
    trainer.train_steps(trainer.max_steps)
    after = trainer.evaluate()
    assert after.train_loss < before.train_loss / 3
    assert after.test_accuracy > 0.9
    assert trainer.finished and trainer.epoch == 60
    assert len(trainer.train_steps(10).losses) == 0, "no steps past the epoch limit"


def test_live_learning_rate_change_keeps_the_weights_and_step():
    trainer = Trainer(small(epochs=10))
    trainer.train_steps(30)
    weights = [p.detach().clone() for p in trainer.network.parameters()]
    trainer.set_lr(0.5)
    assert trainer.lr == 0.5 and trainer.step == 30
    assert all(torch.equal(a, b) for a, b in zip(weights, trainer.network.parameters()))
    trainer.train_steps(1)
    assert trainer.step == 31
    with pytest.raises(ValueError):
        trainer.set_lr(0)


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adagrad", "rmsprop", "adam", "adamw"])
@pytest.mark.parametrize("rate", ["default", "top of its range"])
def test_every_optimizer_trains(optimizer, rate):
    """At its usual learning rate and at the top of the range kept when switching to it."""
    from playground.design.registry import OPTIMIZERS

    settings = dict(OPTIMIZERS[optimizer].defaults)
    low, high = OPTIMIZERS[optimizer].lr_range
    assert low <= settings["lr"] <= high
    if rate != "default":
        settings["lr"] = high
    d = small(epochs=20).with_optimizer(name=optimizer, **settings)
    trainer = Trainer(d)
    start = trainer.evaluate().train_loss
    trainer.train_steps(trainer.max_steps)
    assert trainer.evaluate().train_loss < start


@pytest.mark.parametrize("regularization", ["l1", "l2"])
def test_regularization_shrinks_the_weights(regularization):
    base = small(epochs=20, layers=(LinearLayer(units=8),))
    plain, regular = Trainer(base), Trainer(base.with_training(regularization=regularization, regularization_rate=0.05))
    for t in (plain, regular):
        t.train_steps(t.max_steps)
    norm = lambda t: sum(float(w.detach().abs().sum()) for w in t._weights)  # noqa: E731
    assert norm(regular) < 0.8 * norm(plain)


def test_zero_init_never_breaks_symmetry():
    trainer = Trainer(small(epochs=5, layers=(LinearLayer(units=4, activation="tanh"),)).with_(init="zeros"))
    trainer.train_steps(trainer.max_steps)
    hidden = trainer.network[0].weight.detach()
    assert torch.allclose(hidden, hidden[0].expand_as(hidden)), "all hidden units stay identical"


# --- divergence ------------------------------------------------------------------------------
def test_a_diverging_run_stops_with_an_explanation():
    d = small("plane", layers=(LinearLayer(units=8, activation="relu"),) * 3, loss="mse", epochs=50)
    trainer = Trainer(d.with_optimizer(lr=10.0))
    with pytest.raises(Diverged) as caught:
        trainer.train_steps(trainer.max_steps)
    error = caught.value
    assert not np.isfinite(error.losses[-1]) and np.isfinite(error.losses[:-1]).all()
    assert "learning rate" in str(error) and "step" in str(error)
    assert trainer.diverged and trainer.step == error.step + 1
    with pytest.raises(Exception, match="reset"):
        trainer.train_steps(1)


def _probe_numbers(report) -> np.ndarray:
    """Every number of a probe report, flattened."""
    scalars = [v for g in report.gradients for v in (g.weight_grad_norm, g.bias_grad_norm, g.weight_norm, g.update_ratio)]
    scalars += [v for a in report.activations for v in (a.mean, a.std)]
    arrays = [getattr(b, f) for b in report.batchnorm
              for f in ("batch_mean", "batch_var", "running_mean", "running_var", "gamma", "beta")]
    return np.concatenate([np.asarray(scalars, np.float64)] + [a.astype(np.float64) for a in arrays])


def test_a_diverging_runs_last_probe_says_it_diverged_in_finite_numbers():
    from playground.design.presets import load_preset

    final, _ = run_loop(Trainer(load_preset("learning_rate_too_large").with_training(device="cpu")))
    assert final.state == "diverged"
    probe = final.probe
    bad_step = int(final.steps[-1])  # the step whose loss was not finite
    assert not np.isfinite(final.losses[-1])
    assert probe.verdict.state == "exploding" and probe.verdict.code == "diverged", probe.verdict
    assert probe.step == bad_step and probe.verdict.values == ("infinite", bad_step + 1)
    assert f"diverged at step {bad_step + 1}" in probe.verdict.reason
    numbers = _probe_numbers(probe)
    assert np.isfinite(numbers).all(), "a probe never hands NaN or infinity to the views"
    assert max(g.weight_grad_norm for g in probe.gradients) >= OVERFLOW  # the gradients exploded


def test_a_network_whose_numbers_overflow_is_probed_in_finite_numbers():
    d = small("plane", layers=(LinearLayer(units=8, activation="relu"), BatchNormLayer(activation="relu")), loss="mse")
    trainer = Trainer(d)
    with torch.no_grad():
        trainer.network[0].weight.mul_(1e30)  # the first layer's outputs overflow float32
    result = trainer.train_steps(1, probe=True)  # batch normalization keeps the loss finite
    assert np.isfinite(result.losses).all()
    numbers = _probe_numbers(result.probe)
    assert len(result.probe.batchnorm) == 1 and np.isfinite(numbers).all()
    assert (np.abs(numbers) >= OVERFLOW).any(), "what overflowed is reported as OVERFLOW, not as a small number"


# --- probes ------------------------------------------------------------------------------------
def test_probe_reports_gradients_updates_activations_and_batchnorm():
    d = small(layers=(LinearLayer(units=6, activation="linear"), BatchNormLayer(activation="relu"), LinearLayer(units=3)))
    trainer = Trainer(d)
    result = trainer.train_steps(5, probe=True)
    report = result.probe
    assert report.step == 4
    assert [g.name for g in report.gradients] == ["Linear 1", "Linear 2", "Output"]
    assert all(g.weight_grad_norm > 0 and 0 < g.update_ratio < 1 for g in report.gradients)
    assert [a.name for a in report.activations] == ["Linear 1", "BatchNorm 1", "Linear 2"]
    bn_out = report.activations[1]
    assert abs(bn_out.mean) < 0.05 and abs(bn_out.std - 1) < 0.05, "BatchNorm output is normalized"
    (bn,) = report.batchnorm
    assert bn.batch_mean.shape == bn.running_var.shape == bn.gamma.shape == (6,)
    assert trainer.train_steps(5).probe is None


def test_gradient_verdicts():
    def grads(*norms):
        return [LayerGradient(str(i), n, 0.0, 1.0, 0.01) for i, n in enumerate(norms)]

    assert gradient_verdict(grads(1e-5, 1e-3, 1.0)).state == "vanishing"
    assert gradient_verdict(grads(0.5, 1.0)).state == "healthy"
    assert gradient_verdict(grads(5e3, 1.0)).state == "exploding"
    assert gradient_verdict(grads(float("nan"), 1.0)).state == "exploding"
    assert gradient_verdict(grads(0.5, OVERFLOW)).code == "non_finite"  # what a probe reports for inf or NaN
    assert gradient_verdict(grads(0.0, 0.0)).state == "vanishing"
    assert "1,000 times" in gradient_verdict(grads(1e-3, 1.0)).reason


# --- dashboard views --------------------------------------------------------------------------
def test_dashboard_for_two_dimensional_classification():
    trainer = Trainer(small(layers=(LinearLayer(units=3), LinearLayer(units=2))))
    dashboard = trainer.dashboard()
    assert dashboard.boundary.shape == (64, 64, 2)
    np.testing.assert_allclose(dashboard.boundary.sum(axis=2), 1, rtol=1e-5)
    assert [m.shape for m in dashboard.neurons] == [(3, 20, 20), (2, 20, 20)]
    assert [w.shape for w in dashboard.weights] == [(3, 2), (2, 3), (1, 2)]
    assert len(dashboard.blocks) == len(trainer.blocks), "one picture per block, in the blocks' order"


def test_dashboard_arrays_are_not_the_trainers_own():
    trainer = Trainer(small(layers=(LinearLayer(units=3),)))
    dashboard = trainer.dashboard()
    before = [w.copy() for w in dashboard.weights]
    trainer.train_steps(5)
    for kept, now in zip(dashboard.weights, trainer.dashboard().weights):
        assert not np.shares_memory(kept, now)
    for kept, old in zip(dashboard.weights, before):
        np.testing.assert_array_equal(kept, old)  # training went on; the record did not change


def test_dashboard_for_regression_curve_and_digits_confusion():
    curve = Trainer(small("sine", loss="mse")).dashboard()
    assert curve.curve_x.shape == curve.curve_y.shape == (200,)
    digits = Trainer(small("digits", layers=(LinearLayer(units=16),), loss="cross_entropy"))
    confusion = digits.dashboard().confusion
    assert confusion.shape == (10, 10) and confusion.sum() == len(digits.dataset.y_test)


def test_predictions_match_the_boundary_grid_orientation():
    trainer = Trainer(small(epochs=30).with_optimizer(name="adam", lr=0.03))
    trainer.train_steps(trainer.max_steps)
    boundary = trainer.dashboard().boundary[..., 1]
    x0, x1, y0, y1 = trainer.dataset.extent
    corner = trainer.predict(trainer.dataset.features_of(np.array([[x1, y0]], np.float32)))[0, 1]
    assert boundary[0, -1] == pytest.approx(corner, abs=1e-5), "row 0 is the lowest x2, last column the highest x1"


# --- devices --------------------------------------------------------------------------------------
def test_device_selection_prefers_cuda_then_mps_then_cpu():
    yes, no = (lambda: True), (lambda: False)
    assert select_device("auto", yes, yes).device == "cuda"
    assert select_device("auto", no, yes).device == "mps"
    assert select_device("auto", no, no).device == "cpu"
    assert select_device("cpu", yes, yes).device == "cpu"
    assert select_device("cuda", yes, no).device == "cuda" and select_device("cuda", yes, no).notice == ""


def test_asking_for_an_absent_device_falls_back_to_cpu_with_a_notice():
    no = lambda: False  # noqa: E731
    choice = select_device("cuda", no, no)
    assert choice.device == "cpu" and "CUDA" in choice.notice and "CPU" in choice.notice
    choice = select_device("mps", no, no)
    assert choice.device == "cpu" and "MPS" in choice.notice
    assert set(unavailable_reasons(no, no)) == {"cuda", "mps"}


def test_trainer_uses_the_fallback_device_on_this_machine():
    if torch.cuda.is_available():
        pytest.skip("a CUDA GPU is present")
    trainer = Trainer(small().with_training(device="cuda"))
    assert trainer.device.type == "cpu" and "not available" in trainer.device_choice.notice


def test_the_run_loop_drives_the_real_trainer_to_the_epoch_limit():
    final, snapshots = run_loop(Trainer(small(epochs=4)))
    assert final.state == "finished" and final.epoch == 4
    steps = np.concatenate([s.steps for s in snapshots])
    np.testing.assert_array_equal(steps, np.arange(100))
    assert final.metrics.test_accuracy is not None and final.dashboard.boundary is not None
    assert any(s.probe is not None for s in snapshots)


@pytest.mark.parametrize("dataset, loss, classes", [("circle", "bce", 2), ("blobs", "cross_entropy", 5), ("plane", "mse", 0)])
def test_shapes_without_torch_agree_with_the_real_forward_pass(dataset, loss, classes):
    layers = (LinearLayer(units=5), BatchNormLayer(), DropoutLayer(), LinearLayer(units=3, activation="relu"))
    d = Design(layers=layers, loss=loss).with_data(dataset=dataset, classes=max(classes, 3))
    quick = layer_shapes(d, 2, output_size(loss, classes))
    network, blocks = build_network(d, 2, output_size(loss, classes))
    network.eval()
    x, real = torch.zeros(7, 2), []
    with torch.no_grad():
        for block in blocks:
            modules = network[block.start : block.stop]
            x = modules(x)
            real.append((block.name, x.shape[1], sum(p.numel() for p in modules.parameters())))
    assert [(q.name, q.units, q.parameters) for q in quick] == real

# --- torch threads per design ---------------------------------------------------------
def test_threads_one_for_a_tiny_network_and_all_cores_but_the_windows_for_a_large_one():
    from playground.training.sizes import SMALL_NETWORK, threads_for

    assert threads_for(37, cores=8) == 1  # the default design: splitting only hands work around
    assert threads_for(SMALL_NETWORK - 1, cores=8) == 1
    assert threads_for(SMALL_NETWORK, cores=8) == 7  # one core left for the window
    assert threads_for(5_000_000, cores=4) == 3
    assert threads_for(5_000_000, cores=2) == 1
    assert threads_for(5_000_000, cores=1) == 1  # never none


def test_each_run_sets_the_threads_of_its_own_design(monkeypatch):
    """A large design after a small one gets its threads back, and a small one after a
    large one goes back to one (the training process builds a trainer per run)."""
    from playground.training import sizes, worker_process

    monkeypatch.setattr(sizes, "machine_cores", lambda: 4)
    small = Design()
    large = Design(layers=(LinearLayer(units=512), LinearLayer(units=512)))  # 264,705 parameters
    before = torch.get_num_threads()
    try:
        counts = []
        for design in (small, large, small, large):
            worker_process.build_trainer(design)
            counts.append(torch.get_num_threads())
        assert counts == [1, 3, 1, 3]
    finally:
        torch.set_num_threads(before)
