"""Every test trains eagerly unless it asks for the compiled step; no test leaves anything behind.

Compiling a training step takes 10-40 s of CPU the first time per network; the
tests that are about the compiled step remove NN_PLAYGROUND_EAGER themselves
(``monkeypatch.delenv``). Spawned training processes inherit the variable.

What a test session writes outside pytest's own ``tmp_path`` goes into one folder of
its own, removed at the end: the compile cache with inductor's precompiled headers
(NN_PLAYGROUND_CACHE, shared by the session so that a network compiles once), the
temp folder of this process and of every process it starts (TMPDIR) and the user
cache folder (XDG_CACHE_HOME). The session fails if a test left anything in that temp
folder, or an ``nn-playground`` folder in that user cache folder. It looks at its own
folder only, so other programs on the machine cannot make it fail.
"""

import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pytest

os.environ["NN_PLAYGROUND_EAGER"] = "1"  # playground.training.fast_step.EAGER_ENV (imported here it would load torch)

# Before anything imports playground.training.fast_step, which reads NN_PLAYGROUND_CACHE once.
SYSTEM_TEMP = tempfile.gettempdir()
SESSION = Path(tempfile.mkdtemp(prefix="nn-playground-tests-"))
TEMP, USER_CACHE = SESSION / "temp", SESSION / "user-cache"
TEMP.mkdir()
USER_CACHE.mkdir()
os.environ.update(NN_PLAYGROUND_CACHE=str(SESSION / "compiled"), TMPDIR=str(TEMP), XDG_CACHE_HOME=str(USER_CACHE))
os.environ.pop("TORCHINDUCTOR_CACHE_DIR", None)  # playground.training.fast_step derives it from NN_PLAYGROUND_CACHE


@pytest.fixture(autouse=True, scope="session")
def _nothing_left_behind(tmp_path_factory):
    """Fail the session when a test left files in the temp folder or the user cache folder."""
    tmp_path_factory.getbasetemp()  # pytest's own folder stays in the system temp folder (it keeps the last 3)
    tempfile.tempdir = str(TEMP)  # this process's temporary files from now on
    yield
    tempfile.tempdir = SYSTEM_TEMP
    left = [path.relative_to(SESSION).as_posix() for path in [*TEMP.iterdir(), *USER_CACHE.glob("nn-playground")]]
    assert not left, f"the tests left these behind in the temp or user cache folder: {sorted(left)[:20]}"


def pytest_unconfigure(config):
    shutil.rmtree(SESSION, ignore_errors=True)


@pytest.fixture(scope="module")
def one_torch_thread():
    """Train on one thread, as the app's training process does (worker_process): tiny nets
    train fastest so, and several threads on a busy machine make them many times slower.
    Not for every test: an exported script runs in its own process on torch's default
    threads, and its losses must match the engine's to the last digits."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


# --- throwaway registry entries: each is defined here once and reaches the whole app ---


def _adamax_update(param, grad, state, lr, group):
    """torch.optim.Adamax's single-tensor update, for the compiled step (tensor methods only:
    this file must not import torch)."""
    step, exp_avg, exp_inf = state
    beta1, beta2 = group["betas"]
    step.add_(1)
    if group["weight_decay"]:
        grad = grad.add(param, alpha=group["weight_decay"])
    exp_avg.lerp_(grad, 1 - beta1)
    exp_inf.copy_(exp_inf.mul_(beta2).maximum(grad.abs().add_(group["eps"])))
    bias_correction = 1 - beta1 ** step.double()
    param.sub_((lr / bias_correction).to(param.dtype) * (exp_avg / exp_inf))


@pytest.fixture
def throwaway_optimizer(monkeypatch):
    """Adamax, which the app does not offer, registered as one entry: its name."""
    from playground.design import optimizers, registry

    entry = optimizers.Optimizer(
        "adamax", "Adamax", "Adamax: Adam with the largest recent gradient size in place of the average square.",
        "torch.optim.Adamax", {"lr": 0.01, "beta1": 0.9, "beta2": 0.99, "eps": 1e-8, "weight_decay": 0.0},
        lr_range=(1e-4, 0.2), update=_adamax_update, state_keys=lambda group: ("step", "exp_avg", "exp_inf"),
        kwargs=optimizers.betas_kwargs, limits={"lr": (0.0, 0.2)})
    monkeypatch.setitem(registry.OPTIMIZERS, entry.name, entry)
    return entry.name


@pytest.fixture
def throwaway_loss(monkeypatch):
    """Smooth L1, which the app does not offer, registered as one entry: its name."""
    from playground.design import losses, registry

    entry = losses.Loss("smooth_l1", "Smooth L1", "Smooth L1: squared below a gap of 1, absolute above.",
                        ("regression",), "torch.nn.SmoothL1Loss")
    monkeypatch.setitem(registry.LOSSES, entry.name, entry)
    return entry.name


@pytest.fixture
def throwaway_activation(monkeypatch):
    """Hardtanh, which the app does not offer, registered as one entry: its name."""
    from playground.design import activations, registry

    entry = activations.Activation("hardtanh", "Hardtanh", "Hardtanh: x clipped to -0.5..0.5.",
                                   "torch.nn.Hardtanh", {"min_val": -0.5, "max_val": 0.5}, gain="tanh")
    monkeypatch.setitem(registry.ACTIVATIONS, entry.name, entry)
    return entry.name


@pytest.fixture
def throwaway_init(monkeypatch):
    """Orthogonal init, which the app does not offer, registered as one entry: its name."""
    from playground.design import activations, registry

    entry = activations.Init("orthogonal", "Orthogonal", "Orthogonal: the rows of each weight matrix are orthonormal.",
                             "orthogonal_", lambda activation: {"gain": activations.Call("calculate_gain", (activation.gain,))},
                             "Orthogonal init scaled by each layer's activation gain; biases 0.")
    monkeypatch.setitem(registry.INITS, entry.name, entry)
    return entry.name


def ring(rng, n, noise):
    """A throwaway 2-D set's generator: class 1 on a ring between radii 2.5 and 4.5, class 0
    inside and outside it; with noise, labels come from jittered positions."""
    points = rng.uniform(-6, 6, (n, 2))
    noisy = points + rng.uniform(-3, 3, (n, 2)) * noise
    radius = np.hypot(noisy[:, 0], noisy[:, 1])
    return points, ((radius > 2.5) & (radius < 4.5)).astype(np.int64)


@pytest.fixture
def throwaway_dataset(monkeypatch):
    """A ring, which the app does not offer, registered as one entry with its generator: its name."""
    from playground.design import datasets, registry

    entry = datasets.DataSet("ring", "Ring", "One class on a ring, the other inside and outside it.", "binary", "2d", ring)
    monkeypatch.setitem(registry.DATASETS, entry.name, entry)
    return entry.name
