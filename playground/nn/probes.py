"""What the dashboards plot: gradient flow, pre-activation drift, batch-norm statistics.

A ProbeReport is taken on one real training step (the trainer instruments that
step only), so its gradients and updates are the ones training applied. All values
are plain floats or fresh numpy arrays: safe to hand to another thread, and finite
(a number that overflowed is reported as OVERFLOW), so views never meet NaN.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

# A layer whose gradient is this many times smaller than the output layer's has
# (practically) stopped learning: two orders of magnitude.
VANISHING_RATIO = 1e-2
EXPLODING_RATIO = 1e2
EXPLODING_NORM = 1e3

OVERFLOW = float(np.finfo(np.float32).max)
"""What a probe reports for a number that overflowed (infinite or NaN): the largest float32.
Probe reports carry finite numbers only, so a view never meets NaN or infinity;
a value at OVERFLOW means "no longer a finite number"."""


@dataclass(frozen=True)
class StepMode:
    """How the training steps run now (playground.training.fast_step makes them faster when it can).

    ``mode``: "eager", "compiling" (eager until the compiled step is ready) or
    "compiled". ``reason`` (eager only): why no compiled step is used, one of
    "off", "frozen", "no_compiler", "dropout", "optimizer" (its entry has no compiled
    update), "device", "failed", "grouped" (a comparison's run stepped with the others of
    its shape: playground.training.group_step), "" (not asked).
    ``detail``: the compile error for "failed". ``seconds``: how long compiling took.

    What really ran since the previous snapshot (playground.training.run_loop fills these
    in per snapshot): ``compiled_steps`` and ``eager_steps``, and ``eager_because``, why
    most eager ones ran eagerly while the compiled step was ready: "probe" (the step the
    dashboards inspect), "epoch_end" (fewer than ``call_steps`` equal batches left in
    the epoch, or its short last batch), "short_run" (a run of steps shorter than one
    compiled call: a step request, a slow speed setting, a very slow step), "first"
    (the optimizer's first step creates its state), "" (none ran eagerly, or no
    compiled step was ready). ``call_steps``: steps per compiled call (0 before one is ready).
    """

    mode: str = "eager"
    reason: str = ""
    detail: str = ""
    seconds: float = 0.0
    compiled_steps: int = 0
    eager_steps: int = 0
    eager_because: str = ""
    call_steps: int = 0


@dataclass(frozen=True)
class Metrics:
    train_loss: float
    test_loss: float
    train_accuracy: float | None  # classification only, 0..1
    test_accuracy: float | None
    sample: tuple[int, int] | None = None
    """(training, test) points evaluated when a fixed sample of a large set stood for it
    (see Trainer.evaluate); None when every point was."""


@dataclass(frozen=True)
class LayerGradient:
    name: str  # "Linear 1" ... "Output"
    weight_grad_norm: float  # L2 norm of dLoss/dW
    bias_grad_norm: float
    weight_norm: float
    update_ratio: float  # ||W_after - W_before|| / ||W_before||; ~1e-3 is healthy for SGD


SATURATED_SHARE_OF_BATCH = 0.9
"""A unit counts as saturated when its input is beyond its activation's saturation point
(registry Activation.saturates_beyond) for at least this share of the batch: it then
barely learns from nearly every sample, while one saturated on some samples still
learns from the rest."""


@dataclass(frozen=True)
class ActivationStats:
    name: str
    mean: float  # of the layer's pre-activation (the Linear output) over batch and units
    std: float
    dead: float | None = None
    """Share (0..1) of the layer's units whose input was <= 0 for every sample of the batch,
    for an activation silent below zero (ReLU); None for other activations."""
    saturated: float | None = None
    """Share (0..1) of the layer's units whose input was beyond the activation's saturation
    point for SATURATED_SHARE_OF_BATCH of the batch (sigmoid, tanh); None for others."""


@dataclass(frozen=True)
class BatchNormStats:
    name: str
    batch_mean: np.ndarray  # float32 (features,): mean of the BN input over this batch
    batch_var: np.ndarray  # biased variance over this batch (what BN normalizes by)
    running_mean: np.ndarray  # after this step's update
    running_var: np.ndarray
    gamma: np.ndarray
    beta: np.ndarray


@dataclass(frozen=True)
class Verdict:
    state: str  # "healthy" | "vanishing" | "exploding"
    reason: str  # in English, for the command line
    code: str = ""  # which reason, for an interface that words it in another language ("diverged": the run did)
    values: tuple = ()  # the numbers the reason quotes, in its order


@dataclass(frozen=True)
class ProbeReport:
    step: int  # the step the probe was taken on (0-based)
    epoch: int
    gradients: tuple[LayerGradient, ...]  # Linear layers, input side first, then Output
    activations: tuple[ActivationStats, ...]  # hidden Linear layers
    batchnorm: tuple[BatchNormStats, ...]
    verdict: Verdict


def gradient_verdict(gradients: tuple[LayerGradient, ...] | list[LayerGradient]) -> Verdict:
    """healthy / vanishing / exploding, from the first and last layers' gradient norms."""
    norms = [g.weight_grad_norm for g in gradients]
    if not norms:
        return Verdict("healthy", "No layers with weights.", "no_layers")
    if overflowed(norms).any():
        return Verdict("exploding", "Some gradients are no longer finite numbers (NaN or infinity).", "non_finite")
    first, last, largest = norms[0], norms[-1], max(norms)
    if largest > EXPLODING_NORM:
        return Verdict("exploding", f"A gradient norm reached {largest:.3g}; updates this large throw the weights about.",
                       "large", (largest,))
    if len(norms) == 1:
        return Verdict("healthy", "A single layer: the gradient reaches it directly.", "single")
    if last == 0.0:
        if first == 0.0:
            return Verdict("vanishing", "Every gradient is zero: nothing is learning (dead units, or zero weights).",
                           "all_zero")
        return Verdict("healthy", "The output layer's gradient is zero at this step.", "output_zero")
    ratio = first / last
    if ratio < VANISHING_RATIO:
        return Verdict(
            "vanishing",
            f"The first layer's gradient is {_orders(ratio)} smaller than the output layer's "
            f"({first:.2g} vs {last:.2g}): early layers barely learn.",
            "smaller", (_factor(ratio), first, last),
        )
    if ratio > EXPLODING_RATIO:
        return Verdict(
            "exploding",
            f"The first layer's gradient is {_orders(1 / ratio)} larger than the output layer's "
            f"({first:.2g} vs {last:.2g}): it grows on the way back.",
            "larger", (_factor(1 / ratio), first, last),
        )
    return Verdict("healthy", f"Gradients reach the first layer (first/output = {ratio:.2g}).", "flow", (ratio,))


def diverged_verdict(step: int, kind: str) -> Verdict:
    """The verdict on a run whose loss became ``kind`` ("NaN" or "infinite") at ``step`` (1-based)."""
    return Verdict(
        "exploding",
        f"The run diverged at step {step:,}: the loss became {kind}. The updates grew until the numbers "
        "overflowed; lower the learning rate and reset.",
        "diverged", (kind, step),
    )


def overflowed(values):
    """True for a number that is no longer finite or that a probe reported as OVERFLOW
    (element-wise for an array)."""
    values = np.asarray(values, dtype=np.float64)
    return ~np.isfinite(values) | (np.abs(values) >= OVERFLOW)


def finite(value: float) -> float:
    """``value`` clipped to +-OVERFLOW; NaN becomes OVERFLOW (a probe's numbers are all finite)."""
    if value != value:
        return OVERFLOW
    return max(-OVERFLOW, min(OVERFLOW, value))


def finite_array(values: np.ndarray) -> np.ndarray:
    """float32 copy of ``values`` with NaN -> OVERFLOW and +-inf -> +-OVERFLOW."""
    return np.nan_to_num(np.asarray(values, np.float32), nan=OVERFLOW, posinf=OVERFLOW, neginf=-OVERFLOW)


def _factor(ratio: float) -> float:
    """The power of ten nearest to 1/ratio (how many times smaller)."""
    return 10.0 ** round(-math.log10(ratio)) if ratio > 0 else float("inf")


def _orders(ratio: float) -> str:
    n = round(-math.log10(ratio)) if ratio > 0 else float("inf")
    if ratio == 0:
        return "infinitely"
    return f"about {10 ** n:,.0f} times" if n <= 6 else f"about 10^{n} times"
