"""The numbers the step-through shows, read from a StepTrace (numpy only, no Qt).

Everything here is arithmetic on the trace's own float32 numbers, done in float64: the
terms of a neuron's sum, the chain rule's factors for one weight, the optimizer's rule
for one weight from its state. Nothing is re-trained or re-derived from the network: the
trace is the record of the real step (playground.training.trace_step), and these
functions only pick its numbers out and combine them the way the formulas on screen do,
so that a learner (and a test) can check that the formula gives the step's result.

A ``Pick`` names what the learner looks at: a traced sample (or the batch mean) and one
parameter entry (block, "weight"/"bias", index). The index is into the trace's cropped
arrays (the first MAX_DRAWN units and inputs).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from playground.runs.inside import BlockTrace, ParamTrace, StepTrace

# A chain-rule factor this small (and the smallest of the three) is marked as the one that shrinks the gradient.
# ∂L/∂h counts against what the loss sent back for the sample (∂L/∂ŷ): small everywhere only means a small loss;
# smaller here than there by this factor means it vanished on the way down.
TINY_FACTOR = 1e-2


@dataclass(frozen=True)
class Pick:
    """What the learner looks at: traced sample ``sample`` (None = the batch mean) and the
    entry ``index`` of parameter ``param`` of block ``block`` (its position in trace.blocks)."""

    sample: int | None
    block: int
    param: str
    index: tuple[int, ...]

    @property
    def unit(self) -> int:
        """The neuron the parameter belongs to (a weight's row, a bias's or γ/β's unit)."""
        return self.index[0]


def weighted_blocks(trace: StepTrace) -> list[int]:
    """Positions of the blocks that have parameters (every block but dropout)."""
    return [i for i, block in enumerate(trace.blocks) if block.params]


def first_pick(trace: StepTrace) -> Pick:
    """The first traced sample and the first hidden layer's first weight (the input side,
    where a vanishing gradient shows); the output's when there is no hidden layer."""
    blocks = weighted_blocks(trace)
    block = blocks[0]
    param = trace.blocks[block].params[0]
    return Pick(0 if len(trace.rows) else None, block, param.name, (0,) * len(param.before.shape))


def param_of(trace: StepTrace, pick: Pick) -> ParamTrace:
    return trace.blocks[pick.block].param(pick.param)


def x_hat(block: BlockTrace, sample: int, unit: int) -> float:
    """Batch norm's normalised input x̂ = (x − μ)/√(σ² + ε) of one traced sample."""
    x = float(block.inputs[sample, unit])
    return (x - float(block.batch_mean[unit])) / math.sqrt(float(block.batch_var[unit]) + float(block.eps))


def neuron_terms(trace: StepTrace, pick: Pick) -> tuple[list[float], list[float], float, float]:
    """(weights, inputs, bias, z) of the picked neuron of a Linear/Output block for the
    picked sample: z = Σ wᵢxᵢ + b with the weights before the update (the forward pass's)."""
    block = trace.blocks[pick.block]
    unit, sample = pick.unit, pick.sample
    weights = [float(w) for w in block.param("weight").before[unit]]
    inputs = [float(x) for x in block.inputs[sample, : len(weights)]]
    return weights, inputs, float(block.param("bias").before[unit]), float(block.z[sample, unit])


@dataclass(frozen=True)
class ChainRule:
    """∂ℓₙ/∂w for one weight and one traced sample: ``grad_h`` · ``slope`` · ``input`` =
    ``share`` (``input`` is x for a weight, x̂ for γ, 1 for a bias or β). ``data_grad`` is the
    whole batch's ∂L/∂w (the loss's part of the optimizer's gradient), ``penalty_grad`` the
    regularization's part, ``grad`` their sum (what the optimizer used)."""

    grad_h: float
    slope: float
    input: float
    share: float
    data_grad: float
    penalty_grad: float | None
    grad: float
    shares: tuple[float, ...]  # every traced sample's share
    all_traced: bool  # the traced samples are the whole batch (then Σ shares = data_grad)
    sent: float  # the largest |∂L/∂ŷ| of the sample: the gradient the loss sent back

    @property
    def factors(self) -> tuple[float, float, float]:
        return self.grad_h, self.slope, self.input

    def tiny_factor(self) -> int | None:
        """Which factor (0: ∂L/∂h, 1: h′(z), 2: input) makes the share small: the smallest in
        size when below TINY_FACTOR (∂L/∂h as a share of ``sent``, see TINY_FACTOR); None when none is."""
        sizes = [abs(self.grad_h) / self.sent if self.sent > 0 else 1.0, abs(self.slope), abs(self.input)]
        smallest = int(np.argmin(sizes))
        return smallest if sizes[smallest] < TINY_FACTOR else None


def _input_of(trace: StepTrace, pick: Pick, sample: int) -> float:
    block = trace.blocks[pick.block]
    if pick.param == "bias":
        return 1.0
    if block.kind == "batchnorm":
        return x_hat(block, sample, pick.unit)
    return float(block.inputs[sample, pick.index[1]])


def chain_rule(trace: StepTrace, pick: Pick) -> ChainRule:
    """The chain rule for the picked weight at the picked sample (the first traced sample
    when the batch mean is picked); see ChainRule."""
    block = trace.blocks[pick.block]
    param = block.param(pick.param)
    unit, sample = pick.unit, pick.sample if pick.sample is not None else 0
    shares = tuple(float(block.grad_z[n, unit]) * _input_of(trace, pick, n) for n in range(len(trace.rows)))
    grad = float(param.grad[pick.index])
    penalty = None if param.penalty_grad is None else float(param.penalty_grad[pick.index])
    grad_h, slope = float(block.grad_h[sample, unit]), float(block.slope[sample, unit])
    value = _input_of(trace, pick, sample)
    return ChainRule(grad_h=grad_h, slope=slope, input=value, share=grad_h * slope * value,
                     data_grad=grad - (penalty or 0.0), penalty_grad=penalty, grad=grad, shares=shares,
                     all_traced=len(trace.rows) >= trace.batch_size,
                     sent=float(np.abs(trace.loss.grad_output[sample]).max()))


@dataclass(frozen=True)
class Update:
    """The optimizer's rule for one parameter entry. ``state`` holds the state before and
    after by torch's names (0 before the first step), ``derived`` the rule's intermediate
    numbers (Adam's m̂ and v̂, the decayed gradient, the step's denominator), ``rule_delta``
    the Δw the rule gives from them and ``delta`` the real change after − before."""

    optimizer: str
    lr: float
    grad: float
    decay: float
    before: float
    after: float
    state_before: dict[str, float]
    state_after: dict[str, float]
    derived: dict[str, float]
    rule_delta: float

    @property
    def delta(self) -> float:
        return self.after - self.before


def update(trace: StepTrace, pick: Pick) -> Update:
    """The picked parameter entry's update by the trace's optimizer (torch's formulas)."""
    param = param_of(trace, pick)
    hyper = trace.hyperparameters
    lr, decay = float(hyper.get("lr", 0.0)), float(hyper.get("weight_decay", 0.0))
    g, w = float(param.grad[pick.index]), float(param.before[pick.index])
    after = {k: float(v[pick.index]) for k, v in param.state_after.items()}
    before = {k: float(param.state_before[k][pick.index]) if k in param.state_before else 0.0 for k in after}
    name = trace.optimizer
    derived: dict[str, float] = {}
    if name != "adamw" and decay:
        derived["g_decayed"] = g = g + decay * w
    if name in ("sgd", "momentum") and "momentum_buffer" in after:
        mu = float(hyper.get("momentum", 0.0))
        step = g + mu * after["momentum_buffer"] if hyper.get("nesterov") else after["momentum_buffer"]
        delta = -lr * step
    elif name in ("sgd", "momentum"):
        delta = -lr * g
    elif name == "adagrad":
        steps = max(trace.optimizer_step, 1)
        clr = lr / (1 + (steps - 1) * float(hyper.get("lr_decay", 0.0)))
        derived["denominator"] = math.sqrt(after["sum"]) + float(hyper["eps"])
        delta = -clr * g / derived["denominator"]
    elif name == "rmsprop":
        derived["denominator"] = math.sqrt(after["square_avg"]) + float(hyper["eps"])
        delta = -lr * (after["momentum_buffer"] if "momentum_buffer" in after else g / derived["denominator"])
    else:  # adam, adamw
        t = trace.optimizer_step
        beta1, beta2 = float(hyper["beta1"]), float(hyper["beta2"])
        derived["m_hat"] = after["exp_avg"] / (1 - beta1**t)
        derived["v_hat"] = after["exp_avg_sq"] / (1 - beta2**t)
        derived["denominator"] = math.sqrt(derived["v_hat"]) + float(hyper["eps"])
        delta = -lr * derived["m_hat"] / derived["denominator"]
        if name == "adamw" and decay:
            derived["decay_delta"] = -lr * decay * w
            delta += derived["decay_delta"]
    return Update(optimizer=name, lr=lr, grad=float(param.grad[pick.index]), decay=decay, before=w,
                  after=float(param.after[pick.index]), state_before=before, state_after=after, derived=derived,
                  rule_delta=delta)


def mean_of_traced(values: np.ndarray) -> np.ndarray:
    """The mean over the traced samples' rows (the batch mean when every row is traced)."""
    return values.mean(axis=0) if len(values) else values.reshape(-1)
