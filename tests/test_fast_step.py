"""The compiled training step: same losses as eager, used when ready, eager when it cannot be.

Most tests run the functional K-step uncompiled (``backend=None``): the same Python
torch.compile traces, checked against torch.optim in well under a second. A few
compile for real (10-40 s of CPU each on a cold cache).
"""

import os
import threading
import time

import numpy as np
import pytest
import torch

from playground.training import fast_step
from playground.runs.checkpoint import checkpoint_bytes, parse_checkpoint, restore
from playground.design.schema import BatchNormLayer, Design, DropoutLayer, LinearLayer
from playground.training.fast_step import chunk_size, unavailable_reason
from playground.training.run_loop import RunControl, RunLoop
from playground.training.trainer import Diverged, Trainer


@pytest.fixture(autouse=True)
def compiling_allowed(monkeypatch):
    monkeypatch.delenv(fast_step.EAGER_ENV, raising=False)  # into the session's cache folder (conftest.py)


def spiral(batch_size=30, **training) -> Design:
    d = Design(layers=tuple(LinearLayer(units=8, activation="tanh") for _ in range(3))).with_data(dataset="spiral")
    return d.with_training(batch_size=batch_size, **training)


def losses_of(trainer: Trainer, calls: int, n: int, probe: bool = False) -> np.ndarray:
    return np.concatenate([trainer.train_steps(n, probe=probe).losses for _ in range(calls)])


def side_by_side(design: Design, calls=12, n=17, probe=False, backend=None):
    """(eager losses, functional-step losses, eager trainer, functional trainer)."""
    eager, fast = Trainer(design), Trainer(design)
    mode = fast.start_compiling(background=False, backend=backend)
    assert mode.mode == "compiled", mode
    return losses_of(eager, calls, n, probe), losses_of(fast, calls, n, probe), eager, fast


def assert_close(fast: np.ndarray, eager: np.ndarray, strict: int = 40):
    """Equal to float32 rounding at first; later rounding differences may grow a little."""
    np.testing.assert_allclose(fast[:strict], eager[:strict], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(fast, eager, rtol=1e-3, atol=1e-4)


def assert_same_state(eager: Trainer, fast: Trainer, rtol=1e-3, atol=1e-5):
    for (name, a), b in zip(eager.network.state_dict().items(), fast.network.state_dict().values()):
        np.testing.assert_allclose(a.numpy(), b.numpy(), rtol=rtol, atol=atol, err_msg=name)


OPTIMIZERS = {
    "sgd": {"lr": 0.1},
    "momentum": {"lr": 0.05, "momentum": 0.9},
    "nesterov": {"lr": 0.05, "momentum": 0.9, "nesterov": True},
    "adagrad": {"lr": 0.05},
    "rmsprop": {"lr": 0.002, "momentum": 0.5},
    "rmsprop_plain": {"lr": 0.002, "momentum": 0.0},
    "adam": {"lr": 0.005},
    "adamw": {"lr": 0.005, "weight_decay": 0.01},
}


@pytest.mark.parametrize("key", OPTIMIZERS)
def test_every_optimizer_gives_the_losses_and_weights_of_torch_optim(key):
    name = {"nesterov": "momentum", "rmsprop_plain": "rmsprop"}.get(key, key)
    design = spiral().with_optimizer(name=name, **OPTIMIZERS[key])
    eager, fast, e, f = side_by_side(design)
    assert f.compiled_steps > 0.5 * len(fast)  # most steps went through the K-step function
    assert_close(fast, eager)
    assert_same_state(e, f)
    for p, q in zip(e.network.parameters(), f.network.parameters()):  # optimizer state too
        for key_, value in e.optimizer.state[p].items():
            np.testing.assert_allclose(f.optimizer.state[q][key_].numpy(), value.numpy(), rtol=1e-3, atol=1e-5)


@pytest.mark.parametrize("penalty", ["l1", "l2"])
def test_regularization_and_weight_decay_match(penalty):
    design = spiral(regularization=penalty, regularization_rate=0.003).with_optimizer(name="sgd", lr=0.1, weight_decay=0.01)
    eager, fast, e, f = side_by_side(design)
    assert_close(fast, eager)
    assert_same_state(e, f)


@pytest.mark.parametrize("loss,dataset", [("mse", "sine"), ("mae", "line"), ("huber", "sine"),
                                          ("cross_entropy", "blobs"), ("bce", "moons")])
def test_every_loss_matches(loss, dataset):
    design = Design(layers=(LinearLayer(units=6, activation="relu"),), loss=loss).with_data(dataset=dataset)
    design = design.with_optimizer(name="adam", lr=0.01)
    eager, fast, e, f = side_by_side(design)
    assert_close(fast, eager)
    assert_same_state(e, f)


def test_batchnorm_running_statistics_follow_the_same_path():
    design = Design(layers=(LinearLayer(units=6), BatchNormLayer(activation="relu"), LinearLayer(units=4)))
    design = design.with_training(batch_size=25).with_optimizer(name="momentum", lr=0.05)
    eager, fast, e, f = side_by_side(design)
    assert_close(fast, eager)
    assert_same_state(e, f)  # includes running_mean, running_var, num_batches_tracked
    (bn,) = [m for m in f.network if isinstance(m, torch.nn.BatchNorm1d)]
    assert bn.num_batches_tracked.item() == f.step


def test_full_batch_runs_k_epochs_per_call_and_matches():
    design = spiral(batch_mode="full").with_optimizer(name="sgd", lr=0.3)
    eager, fast, e, f = side_by_side(design, calls=5, n=23)
    assert f.compiled_steps >= 100
    assert_close(fast, eager)


def test_probe_steps_and_short_last_batches_interleave_with_compiled_ones():
    design = spiral(batch_size=40)  # 250 training points: 6 full batches and one of 10
    eager, fast, e, f = side_by_side(design, calls=20, n=13, probe=True)
    assert 0 < f.compiled_steps < f.step
    assert_close(fast, eager)
    assert_same_state(e, f)
    report = f.train_steps(3, probe=True).probe
    assert report is not None and report.step == f.step - 1  # the last step of the call


def test_a_live_learning_rate_change_reaches_the_compiled_step():
    design = spiral().with_optimizer(name="sgd", lr=0.1)
    e, f = Trainer(design), Trainer(design)
    f.start_compiling(background=False, backend=None)
    first = [losses_of(t, 3, 16) for t in (e, f)]
    for t in (e, f):
        t.set_lr(0.01)
    second = [losses_of(t, 3, 16) for t in (e, f)]
    assert_close(first[1], first[0])
    assert_close(second[1], second[0])


def test_divergence_in_the_compiled_step_stops_with_the_explanation():
    design = Design(layers=(LinearLayer(units=8, activation="linear"),), loss="mse").with_data(dataset="sine")
    design = design.with_optimizer(name="sgd", lr=5.0)
    t = Trainer(design)
    t.start_compiling(background=False, backend=None)
    with pytest.raises(Diverged) as caught:
        for _ in range(200):
            t.train_steps(50)
    assert "learning rate" in str(caught.value) and np.isfinite(caught.value.losses[:-1]).all()
    assert t.compiled_steps > 0 and t.diverged


def test_turning_the_compiled_step_off_trains_eagerly_again():
    t = Trainer(spiral())
    t.start_compiling(background=False, backend=None)
    t.train_steps(40)
    done = t.compiled_steps
    assert done > 0
    assert t.stop_compiled().reason == "off"
    t.train_steps(40)
    assert t.compiled_steps == done and t.step_mode.mode == "eager"
    assert t.start_compiling().mode == "compiled"  # already compiled: back at once
    t.train_steps(40)
    assert t.compiled_steps > done


def test_a_run_loop_with_slow_steps_uses_the_compiled_step_and_snapshots_say_what_ran():
    """Steps of 2 ms (the loop's clock says so) made chunks of 2 steps, too short for a call of
    7 plus the probe: 0 steps ran compiled while the status said "compiled"."""
    trainer = Trainer(spiral(batch_size=32, epochs=40))  # 250 points: 7 full batches and one of 26
    assert trainer.start_compiling(background=False, backend=None).mode == "compiled"
    assert trainer._compiled.k == 7
    control, snapshots = RunControl(), []

    def consume(snapshot):
        snapshots.append(snapshot)
        control.snapshot_taken()

    RunLoop(trainer, control, consume, clock=lambda: trainer.step * 0.002).run()
    assert trainer.step == 40 * 8 and trainer.compiled_steps >= 0.8 * trainer.step
    modes = [s.step_mode for s in snapshots]
    assert sum(m.compiled_steps for m in modes) == trainer.compiled_steps  # every step counted once
    assert sum(m.compiled_steps + m.eager_steps for m in modes) == trainer.step
    for snapshot, before in zip(snapshots[1:], snapshots):
        mode = snapshot.step_mode
        assert mode.compiled_steps + mode.eager_steps == snapshot.step - before.step
        assert mode.eager_because in ("probe", "epoch_end", "first", "") and mode.call_steps == 7


@pytest.mark.parametrize("at", range(8))
@pytest.mark.parametrize("probe", [False, True])
def test_a_chunk_rounded_up_runs_compiled_wherever_a_call_fits(at, probe):
    trainer = Trainer(spiral(batch_size=32))
    trainer.start_compiling(background=False, backend=None)
    trainer.train_steps(8 + at)  # the optimizer has its state; ``at`` batches into an epoch
    trainer.report_step_mode()
    n = trainer.round_chunk(2, probe)
    trainer.train_steps(n, probe)
    mode = trainer.report_step_mode()
    assert n == (8 - at) % 8 + 7 + probe  # the epoch's last batches eagerly, then one call of 7
    assert mode.compiled_steps == 7
    assert mode.eager_steps == n - 7 and mode.eager_because == ("epoch_end" if at else "probe" if probe else "")


def test_steps_too_few_for_a_call_run_eagerly_and_say_why():
    trainer = Trainer(spiral(batch_size=32))
    trainer.start_compiling(background=False, backend=None)
    for _ in range(5):
        trainer.train_steps(2)  # e.g. Step 1 batch, or a slow speed
    mode = trainer.report_step_mode()
    assert (mode.mode, mode.compiled_steps, mode.eager_steps, mode.eager_because) == ("compiled", 0, 10, "short_run")


def test_large_steps_unroll_fewer_steps_per_call():
    assert fast_step.steps_per_call(7, 32, 330_000) == 1  # spiral 6 x 256 at batch 32
    assert fast_step.steps_per_call(None, 10_000, 444) == 1  # 6 x 8 on 10,000 points, full batch
    assert fast_step.steps_per_call(None, 1, 444) == fast_step.K_MAX  # full batch of one point
    assert fast_step.steps_per_call(250, 1, 444) == 10 and fast_step.steps_per_call(7, 32, 444) == 7
    assert fast_step.steps_per_call(24, 32, 40_000) == 3  # 3.9 steps of work: a divisor of the epoch, 3


# --- when there is no compiled step ------------------------------------------------------------
def test_designs_and_machines_without_a_compiled_step_stay_eager_and_say_why(monkeypatch, tmp_path):
    assert unavailable_reason(spiral(), "cpu") == ""
    with_dropout = Design(layers=(LinearLayer(units=4), DropoutLayer(p=0.3)))
    assert unavailable_reason(with_dropout, "cpu") == "dropout"
    assert unavailable_reason(Design(layers=(LinearLayer(units=4), DropoutLayer(p=0.0))), "cpu") == ""
    assert unavailable_reason(spiral(), "mps") == "device"
    monkeypatch.setenv("PATH", str(tmp_path))  # no compiler on it (playground.platforms searches the PATH)
    monkeypatch.delenv("CXX", raising=False)
    assert unavailable_reason(spiral(), "cpu") == "no_compiler"
    monkeypatch.setattr(fast_step.sys, "frozen", True, raising=False)
    assert unavailable_reason(spiral(), "cpu") == "frozen"
    monkeypatch.setenv(fast_step.EAGER_ENV, "1")
    assert unavailable_reason(spiral(), "cpu") == "off"

    t = Trainer(spiral())
    mode = t.start_compiling()
    assert (mode.mode, mode.reason) == ("eager", "off") and t.compiled_ready.is_set()
    assert len(t.train_steps(20).losses) == 20 and t.compiled_steps == 0


def test_a_compile_that_fails_leaves_eager_training_with_the_error(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("no working C++ compiler: cc1plus not found")

    monkeypatch.setattr(torch, "compile", broken)
    t = Trainer(spiral())
    done = []
    t.start_compiling(on_done=done.append)
    assert t.compiled_ready.wait(60)
    assert (t.step_mode.mode, t.step_mode.reason) == ("eager", "failed")
    assert "cc1plus" in t.step_mode.detail and done == [t.step_mode]
    assert len(t.train_steps(30).losses) == 30 and t.compiled_steps == 0


def test_a_compiled_step_that_fails_while_training_hands_back_to_eager():
    design = spiral()
    e, t = Trainer(design), Trainer(design)
    t.start_compiling(background=False, backend=None)
    expected = losses_of(e, 4, 16)
    got = [t.train_steps(16).losses]

    def broken(*args):
        raise RuntimeError("recompile limit hit")

    t._compiled._function = broken
    got += [t.train_steps(16).losses for _ in range(3)]
    assert (t.step_mode.mode, t.step_mode.reason) == ("eager", "failed") and "recompile" in t.step_mode.detail
    assert_close(np.concatenate(got), expected)  # no step lost or repeated


def test_a_compile_for_a_run_that_ended_is_cancelled(monkeypatch):
    t = Trainer(spiral())
    assert t.start_compiling().mode == "compiling"
    t.cancel_compiling()  # the run ended (new design, or closed) while compiling
    assert t.compiled_ready.wait(120)
    assert t.step_mode.mode == "eager" and t.compiled_steps == 0
    assert len(t.train_steps(20).losses) == 20

    fast, sample = Trainer(spiral())._make_fast_step()
    fast.cancel()
    with pytest.raises(fast_step.Cancelled):
        fast.compile(*sample)


LEAVING = """
import multiprocessing, sys, threading
import torch
from playground.training import compile_thread, fast_step, worker_process
from playground import launcher
from playground.runs.messages import Quit

inside = threading.Event()


def in_torch():
    # Stands in for a compile: in torch's C++ code with the GIL released, as inductor often is.
    a = torch.ones(800, 800)
    while True:
        inside.set()
        a @ a


def training_process(commands, events):
    compile_thread.COMPILER.request(in_torch)
    inside.wait()
    worker_process.main(commands, events)


if __name__ == "__main__":
    if sys.argv[1] == "training":  # as the window closes it: quit, close the pipe, join
        context = multiprocessing.get_context("spawn")
        commands, to_process = context.Pipe(duplex=False)
        from_process, events = context.Pipe(duplex=False)
        process = context.Process(target=training_process, args=(commands, events), daemon=True)
        process.start()
        to_process.send(Quit())
        to_process.close()
        process.join(120)
        print("exit", process.exitcode)
    else:  # a command that ends while its compile runs (train --compiled, short)
        compile_thread.COMPILER.request(in_torch)
        inside.wait()
        sys.exit(launcher.main(["new", __file__]))  # refused: the file exists (exit code 2)
"""


@pytest.mark.parametrize("process", ["training", "command"])
def test_a_process_that_ends_while_its_step_compiles_exits_cleanly(process, tmp_path):
    """Python's shutdown ended a compile thread inside torch's C++ code with "terminate called
    without an active exception" and SIGABRT (7 of 30 window closes during a compile)."""
    import subprocess
    import sys

    script = tmp_path / "leaving.py"
    script.write_text(LEAVING)
    result = subprocess.run([sys.executable, str(script), process], capture_output=True, text=True, timeout=300)
    assert "terminate" not in result.stderr and "Fatal Python error" not in result.stderr, result.stderr
    if process == "training":
        assert result.returncode == 0 and result.stdout.split() == ["exit", "0"], result.stdout + result.stderr
    else:
        assert result.returncode == 2 and "already exists" in result.stderr, result.stderr


def test_the_compile_thread_runs_at_low_priority_on_linux_only(monkeypatch):
    from playground.training import compile_thread

    assert compile_thread.per_thread_priority("linux")
    for platform in ("darwin", "win32", "freebsd14"):  # there setpriority would slow the whole process
        assert not compile_thread.per_thread_priority(platform)
        assert not compile_thread.lower_thread_priority(platform)
    if not compile_thread.per_thread_priority():
        pytest.skip("no per-thread priority on this platform")
    main = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen = {}

    def lowered():
        seen["done"] = compile_thread.lower_thread_priority()
        seen["nice"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    thread = threading.Thread(target=lowered)
    thread.start()
    thread.join(30)
    assert seen == {"done": True, "nice": max(main, compile_thread.COMPILE_NICENESS)}
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == main  # training keeps its priority


def test_steps_per_call_tile_the_epoch():
    assert chunk_size(25) == 5 and chunk_size(250) == 10 and chunk_size(8) == 8 and chunk_size(1) == 1
    assert chunk_size(24) == 8 and chunk_size(23) == 10  # no divisor from 5 to 10: 10, the rest eagerly


def test_the_cache_lives_in_the_users_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv(fast_step.CACHE_ENV, raising=False)
    monkeypatch.setattr(fast_step.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert fast_step.cache_folder() == tmp_path / "nn-playground" / "compiled"
    monkeypatch.delenv("TORCHINDUCTOR_CACHE_DIR", raising=False)
    fast_step.use_cache_folder()
    import os

    assert os.environ["TORCHINDUCTOR_CACHE_DIR"] == str(tmp_path / "nn-playground" / "compiled")
    monkeypatch.setenv("TORCHINDUCTOR_CACHE_DIR", "/elsewhere")  # the user's own choice wins
    fast_step.use_cache_folder()
    assert os.environ["TORCHINDUCTOR_CACHE_DIR"] == "/elsewhere"


def test_a_training_process_compiles_into_the_users_cache_folder(tmp_path):
    """Creating any torch optimizer fixes inductor's folder: it must be ours by then."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("TORCHINDUCTOR_CACHE_DIR", fast_step.CACHE_ENV)}
    env.update(XDG_CACHE_HOME=str(tmp_path), HOME=str(tmp_path))
    script = ("import os; from playground.design.schema import Design; from playground.training.trainer import Trainer; "
              "Trainer(Design()); from torch._inductor.runtime.cache_dir_utils import cache_dir; print(cache_dir())")
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == str(tmp_path / "nn-playground" / "compiled"), out.stderr


# --- compiled for real --------------------------------------------------------------------------
AFTER_TAKEOVER = 3000  # steps compared with eager, from the state the compiled step took over


def test_the_compiled_step_takes_over_from_a_running_loop_and_matches_eager():
    """TensorFlow Playground's default network, compiled in the background while the loop trains.

    The comparison with eager starts from the state the loop left once the compiled
    step had taken over (a checkpoint of it), so its length does not grow with how long
    compiling took (replaying every step from the start once took 111,767 eager steps)."""
    design = Design().with_training(epochs=100_000)
    trainer = Trainer(design)
    control = RunControl()
    snapshots = []

    def consume(snapshot):
        snapshots.append(snapshot)
        control.snapshot_taken()

    control.set_speed(2000)  # steps/s: chunks of up to 10 steps, so that some are compiled beside each probe
    assert trainer.start_compiling().mode == "compiling"
    loop = threading.Thread(target=lambda: RunLoop(trainer, control, consume).run())
    loop.start()
    try:
        assert trainer.compiled_ready.wait(900), "compiling took more than 15 minutes"
        assert trainer.step_mode.mode == "compiled", trainer.step_mode
        wait_for(lambda: trainer.compiled_steps > 0, "the running loop to use the compiled step")
    finally:
        control.stop()
        if not trainer.compiled_ready.is_set():  # failed waiting: the compile need not go on
            trainer.cancel_compiling()
        loop.join(60)
    assert not loop.is_alive()
    modes = [s.step_mode.mode for s in snapshots]
    assert modes[0] == "compiling" and modes[-1] == "compiled"  # eager first, then the compiled step
    steps = np.concatenate([s.steps for s in snapshots])
    np.testing.assert_array_equal(steps, np.arange(trainer.step))  # every step's loss reached the window, once

    reference = Trainer(design)
    restore(reference, *parse_checkpoint(checkpoint_bytes(trainer)))
    compiled_before = trainer.compiled_steps
    got = losses_of(trainer, 1, AFTER_TAKEOVER)
    assert trainer.compiled_steps - compiled_before > 0.9 * AFTER_TAKEOVER
    np.testing.assert_allclose(got, losses_of(reference, 1, AFTER_TAKEOVER), rtol=1e-3, atol=1e-5)


def wait_for(condition, what: str, seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds:.0f} s for {what}"
        time.sleep(0.01)


def test_compiled_adam_with_batchnorm_and_l2_matches_eager():
    design = Design(layers=(LinearLayer(units=6), BatchNormLayer(activation="relu")))
    design = design.with_data(samples=80).with_training(batch_size=10, regularization="l2", regularization_rate=0.01)
    design = design.with_optimizer(name="adam", lr=0.01)
    eager, fast, e, f = side_by_side(design, calls=10, n=12, backend="inductor")
    assert f.compiled_steps > 0.5 * f.step
    np.testing.assert_allclose(fast, eager, rtol=1e-4, atol=1e-5)
    assert_same_state(e, f, rtol=1e-3, atol=1e-5)
