"""Every test trains eagerly unless it asks for the compiled step.

Compiling a training step takes 10-40 s of CPU the first time per network; the
tests that are about the compiled step remove NN_PLAYGROUND_EAGER themselves
(``monkeypatch.delenv``). Spawned training processes inherit the variable.
"""

import os

import pytest

os.environ["NN_PLAYGROUND_EAGER"] = "1"  # playground.fast_step.EAGER_ENV (imported here it would load torch)


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
