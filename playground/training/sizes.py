"""What a design's size decides in the training process: torch's threads, the
input-plane grid's resolution, and how many points a sampled evaluation takes (the
dashboards' budget, see playground.training.run_loop). No state: rules and their limits."""

from __future__ import annotations

import os

import numpy as np
import torch
from torch import nn

SMALL_NETWORK = 200_000  # parameters; below this one torch thread is fastest
GRID_RESOLUTIONS = (64, 48, 32, 24, 20, 16)  # the input-plane grid's points per side, finest first
GRID_WORK = 400_000_000  # multiply-adds one pass over the grid may take (about 10 ms on one core)
NEURON_RESOLUTION = 20  # per-neuron heat maps, points per side (fewer on a coarser grid)
EVAL_WORK = 400_000_000  # multiply-adds evaluating one set may take per snapshot (sampled)
EVAL_MIN_POINTS = 500  # a set this small is always evaluated whole (TensorFlow Playground's are)


def threads_for(parameters: int, cores: int) -> int:
    """Torch threads for training a network of ``parameters`` on a machine of ``cores``.

    One below SMALL_NETWORK parameters: the work per operation is too small to split,
    so more threads only hand it around, and when another process keeps a core busy
    they wait for it (200 epochs of the default design on two loaded cores: 84-106 s on
    two threads, 16-19 s on one). Larger networks split well (two threads 1.9x as fast,
    5.7x on 6 x 256 at batch 32): every core but one, which is left for the window, and
    at least one.
    """
    if parameters < SMALL_NETWORK:
        return 1
    return max(1, cores - 1)


def grid_resolution(parameters: int) -> int:
    """Points per side of the input-plane grid the boundary and the neuron maps are drawn from.

    A pass over the grid costs about resolution² x ``parameters`` multiply-adds: the finest
    of GRID_RESOLUTIONS within GRID_WORK (64 up to about 100,000 parameters, 32 for 6 x 256,
    16 for 6 x 512 and larger), never coarser than the last.
    """
    for resolution in GRID_RESOLUTIONS:
        if resolution * resolution * parameters <= GRID_WORK:
            return resolution
    return GRID_RESOLUTIONS[-1]


def evaluation_points(n: int, parameters: int) -> int:
    """Points of a set of ``n`` that a sampled evaluation uses: all when the set is small
    (EVAL_MIN_POINTS) or evaluating it whole fits EVAL_WORK, else as many as fit, at least
    EVAL_MIN_POINTS."""
    if n <= EVAL_MIN_POINTS or n * parameters <= EVAL_WORK:
        return n
    return max(EVAL_MIN_POINTS, EVAL_WORK // max(1, parameters))


def spread_sample(n: int, m: int) -> np.ndarray:
    """``m`` of ``n`` indices spread evenly from first to last, increasing (all when m >= n)."""
    if m >= n:
        return np.arange(n)
    return np.arange(m) * n // m


def machine_cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def use_threads_for(network: nn.Module, cores: int | None = None) -> int:
    """Set this process's torch threads for training ``network`` (threads_for), on every
    run, so that a small design after a large one gets one thread again and a large one
    after a small one more; returns the count. The training process and the command
    line both use this rule; ``cores`` defaults to the machine's."""
    parameters = sum(p.numel() for p in network.parameters())
    count = threads_for(parameters, machine_cores() if cores is None else cores)
    torch.set_num_threads(count)
    return count
