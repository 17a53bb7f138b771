"""Inside one step: what the training process tells the window about one traced training
step, one neuron and one gradient check. Numpy only (no torch, no Qt): both processes
import this module.

A ``StepTrace`` is the record of a *real* training step of the run (the next mini-batch
the run would have trained on, the same forward pass, the same gradients from autograd,
the same optimizer update): the window shows it stage by stage (forward, loss, backward,
update) after the step has been taken, so training then goes on exactly as if the step
had been taken normally. It is made by ``playground.training.trace_step``.

Sizes stay small whatever the network: unit axes are cropped to ``MAX_DRAWN`` (the
neurons the network diagram draws) and the per-sample arrays to the first
``TRACED_SAMPLES`` rows of the batch; batch means and norms are over the whole batch.
Every array is fresh (made for the message) and float32 unless said otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from playground.errors import Problem
from playground.design.shapes import MAX_DRAWN  # noqa: F401 (the unit crop, re-exported for the window)

TRACED_SAMPLES = 64
"""Rows of the batch kept sample by sample in a trace (the learner picks one of them)."""


@dataclass(frozen=True)
class ParamTrace:
    """One parameter tensor of a block (Linear/Output: "weight" (out, in) and "bias" (out,);
    BatchNorm: "weight" (γ) and "bias" (β)), cropped to [:MAX_DRAWN, :MAX_DRAWN].

    ``grad`` is the ``.grad`` the optimizer used: the data loss's gradient plus
    ``penalty_grad`` (the regularization's share; None without regularization and for
    biases and batch-norm parameters, which are not penalised). ``state_before`` and
    ``state_after`` are the optimizer's state tensors for this parameter by torch's names
    ("momentum_buffer", "sum", "square_avg", "exp_avg", "exp_avg_sq"), cropped alike;
    ``state_before`` is empty on the optimizer's first step (torch creates the state then).
    """

    name: str
    shape: tuple[int, ...]  # the full shape, before cropping
    before: np.ndarray
    grad: np.ndarray
    after: np.ndarray
    penalty_grad: np.ndarray | None = None
    state_before: dict[str, np.ndarray] = field(default_factory=dict)
    state_after: dict[str, np.ndarray] = field(default_factory=dict)


@dataclass(frozen=True)
class BlockTrace:
    """One design layer (playground.design.shapes.Block, the output layer included) in a
    traced step, for the traced samples S (rows) and its first MAX_DRAWN units u.

    ``z`` is the value before the block's activation (Linear/Output: x·Wᵀ + b; BatchNorm:
    γ·x̂ + β; Dropout: the input times its mask) and ``h`` the block's output (``z`` when it
    has no activation). ``slope`` is h′(z) from autograd (1 without activation),
    ``grad_h`` = ∂L/∂h, the gradient arriving from the layer above, and ``grad_z`` =
    ∂L/∂z, both from autograd on the real modules; ∂L/∂z = ∂L/∂h · h′(z).
    """

    name: str  # the block's name, "Linear 1" ... "Output" (shapes.layer_names)
    kind: str  # "linear" | "batchnorm" | "dropout" | "output"
    activation: str  # registry activation name, "linear" when none
    units: int  # full width, before cropping
    inputs: np.ndarray  # (S, min(n_in, MAX_DRAWN)) the block's input
    z: np.ndarray  # (S, u)
    h: np.ndarray  # (S, u)
    slope: np.ndarray  # (S, u)
    grad_h: np.ndarray  # (S, u)
    grad_z: np.ndarray  # (S, u)
    z_mean: np.ndarray  # (u,) over the whole batch
    h_mean: np.ndarray  # (u,) over the whole batch
    grad_h_norm: float  # ‖∂L/∂h‖ over the whole batch and every unit
    params: tuple[ParamTrace, ...] = ()
    batch_mean: np.ndarray | None = None  # BatchNorm: (u,) the batch mean it normalised with
    batch_var: np.ndarray | None = None  # BatchNorm: (u,) the biased batch variance it normalised with
    eps: float | None = None  # BatchNorm's ε
    mask: np.ndarray | None = None  # Dropout: (S, u) its factors, 0 or 1/(1-p)

    def param(self, name: str) -> ParamTrace | None:
        return next((p for p in self.params if p.name == name), None)


@dataclass(frozen=True)
class LossTrace:
    """The loss of the traced batch. ``value`` is what the loss curve shows for this step
    (without the regularization ``penalty``, which backward adds). ``per_sample`` is each
    traced sample's own loss term (the batch's loss is their mean over the whole batch);
    ``probabilities`` the softmax (cross-entropy, (S, C)) or sigmoid (binary
    cross-entropy, (S, 1)) the loss applies to the outputs, None for regression;
    ``grad_output`` = ∂L/∂output from autograd (it carries the 1/batch of the mean)."""

    loss: str  # registry loss name
    value: float
    outputs: np.ndarray  # (S, n_out) the network's raw outputs
    targets: np.ndarray  # (S,) float values, or int64 class indices
    per_sample: np.ndarray  # (S,)
    grad_output: np.ndarray  # (S, n_out)
    batch_size: int
    penalty: float | None = None
    probabilities: np.ndarray | None = None
    delta: float | None = None  # Huber's δ


@dataclass(frozen=True)
class ActivationCurve:
    """An activation drawn over ``x`` with its derivative from autograd (float32 (201,))."""

    activation: str
    x: np.ndarray
    h: np.ndarray
    slope: np.ndarray


@dataclass(frozen=True)
class StepTrace:
    """One real training step, recorded (see the module docstring)."""

    run_id: int
    step: int  # the step's number: the run had taken ``step`` steps before it
    epoch: int  # completed epochs before it
    batch_in_epoch: int  # its batch's position in the epoch (0-based)
    batch_size: int  # rows in the whole batch
    rows: np.ndarray  # int64 (S,) the traced samples' rows in the training set
    x: np.ndarray  # (S, n_inputs) their inputs (the model's features, uncropped)
    blocks: tuple[BlockTrace, ...]
    loss: LossTrace
    optimizer: str  # registry optimizer name
    hyperparameters: dict[str, float | bool]  # torch's param-group values: lr, momentum, betas, eps, ...
    optimizer_step: int  # the optimizer's step count after this step (Adam's t)
    curves: tuple[ActivationCurve, ...] = ()  # one per activation the network uses
    regularization: str = "none"
    regularization_rate: float = 0.0


# --- the window asks, the training process answers ------------------------------------------------


@dataclass(frozen=True)
class TraceStep:
    """Take the run's next step as a traced step (the run stays paused) and send a StepTrace."""

    run_id: int


@dataclass(frozen=True)
class CheckGradient:
    """Compare autograd's ∂L/∂``param``[``index``] of block ``block`` (its position in the
    trace's blocks) with a finite-difference estimate, on the last traced step's batch and
    its weights before the update."""

    run_id: int
    block: int
    param: str  # "weight" | "bias"
    index: tuple[int, ...]


@dataclass(frozen=True)
class GradientChecked:
    """The answer to CheckGradient, in float64. ``relative_error`` = |a - n| / max(|a|, |n|)
    (0 when both are below 1e-12); ``problem`` says why there is no answer (then the
    numbers are NaN): no traced step yet, the run moved on since, an index out of range.
    ``problem`` is English from the training process, with ``problem_code`` and
    ``problem_args`` for wording it in the interface language (playground.errors.Problem's
    code and args); the window's controller emits it already worded."""

    run_id: int
    step: int
    block: int
    param: str
    index: tuple[int, ...]
    autograd: float
    numeric: float
    relative_error: float
    epsilon: float
    problem: str = ""
    problem_code: str = ""
    problem_args: tuple = ()

    @classmethod
    def refused(cls, ask: CheckGradient, problem: Problem, step: int = -1) -> GradientChecked:
        """The answer to ``ask`` that there is none, saying why."""
        nan = float("nan")
        return cls(ask.run_id, step, ask.block, ask.param, tuple(ask.index), nan, nan, nan, 0.0, problem.message,
                   problem.code, tuple(problem.args))


@dataclass(frozen=True)
class ExplainNeuron:
    """Explain unit ``unit`` of block ``block`` for one input: ``point`` (model features,
    e.g. a point picked in the output view) with the network as the views draw it (batch
    norm with its running statistics, no dropout)."""

    run_id: int
    block: int
    unit: int
    point: tuple[float, ...]


@dataclass(frozen=True)
class NeuronExplained:
    """z = Σ wᵢxᵢ + b (Linear/Output) or z = γ·(x − μ)/√(σ² + ε) + β (BatchNorm, running
    μ and σ²), then h = f(z), for ExplainNeuron's point; ``inputs`` and ``weights`` whole
    (not cropped), float32. A Dropout block's unit is the identity it is in eval mode:
    its own input, weight 1, bias 0. ``curve`` spans at least -6..6 and z. ``problem``
    says why there is no answer (then the numbers are NaN, the arrays empty), with its
    code and args as in GradientChecked."""

    run_id: int
    block: int
    unit: int
    point: tuple[float, ...]
    kind: str
    activation: str
    inputs: np.ndarray  # (n_in,) the block's input for the point (BatchNorm: (1,), its own unit's)
    weights: np.ndarray  # (n_in,) the unit's weights (BatchNorm: (1,), γ)
    bias: float  # b (BatchNorm: β)
    z: float
    h: float
    slope: float
    curve: ActivationCurve | None = None
    mean: float | None = None  # BatchNorm: running μ
    var: float | None = None  # BatchNorm: running σ²
    eps: float | None = None
    problem: str = ""
    problem_code: str = ""
    problem_args: tuple = ()

    @classmethod
    def refused(cls, ask: ExplainNeuron, problem: Problem, kind: str = "", activation: str = "") -> NeuronExplained:
        """The answer to ``ask`` that there is none, saying why."""
        nan, empty = float("nan"), np.zeros(0, np.float32)
        return cls(ask.run_id, ask.block, ask.unit, tuple(ask.point), kind, activation, empty, empty, nan, nan, nan,
                   nan, problem=problem.message, problem_code=problem.code, problem_args=tuple(problem.args))


@dataclass(frozen=True)
class StepTraceRefused:
    """The answer to TraceStep when the run cannot take a traced step (a comparison, a run
    that has finished, diverged or ended, no run of that id): ``problem`` (English), its
    code and args as in GradientChecked. A traced step whose loss stops being finite is
    answered so too (code "diverged"); the run's final "diverged" snapshot follows, with
    that step's loss, as after a Step."""

    run_id: int
    problem: str
    problem_code: str = ""
    problem_args: tuple = ()

    @classmethod
    def of(cls, run_id: int, problem: Problem) -> StepTraceRefused:
        return cls(run_id, problem.message, problem.code, tuple(problem.args))


@dataclass(frozen=True)
class LayerTensors:
    """Send the live tensors of block ``block`` (its position in the run's blocks; a Linear
    or the Output layer) for the Tensor lab: answered by LayerTensorsTaken."""

    run_id: int
    block: int


LAYER_SAMPLES = 8
"""Training samples whose input to a layer LayerTensorsTaken carries (fewer for a wide layer)."""


@dataclass(frozen=True)
class LayerTensorsTaken:
    """A Linear (or the Output) block's tensors as the run has them after ``step`` steps,
    float32 copies: ``weight`` (n_out, n_in) as torch stores it, ``bias`` (n_out,), and
    ``x`` (rows, n_in), the block's real input for the first ``rows`` samples of the
    training set (the network before it in eval mode: batch norm with its running
    statistics, no dropout). ``rows`` is LAYER_SAMPLES, or fewer when the training set is
    smaller or ``x`` would hold more than the lab draws whole (lab_cells). ``weight`` and
    ``bias`` are whole: their size is bounded by the network's (design.rules.MAX_PARAMETERS).
    ``problem`` says why there is no answer (no run, a comparison, no such Linear layer;
    then the arrays are empty), with its code and args as in GradientChecked."""

    run_id: int
    block: int
    step: int
    name: str  # the block's name, "Linear 2" or "Output" (shapes.layer_names)
    n_in: int
    n_out: int
    x: np.ndarray
    weight: np.ndarray
    bias: np.ndarray
    problem: str = ""
    problem_code: str = ""
    problem_args: tuple = ()

    @property
    def rows(self) -> int:
        return int(self.x.shape[0])

    @classmethod
    def refused(cls, ask: LayerTensors, problem: Problem, name: str = "") -> LayerTensorsTaken:
        """The answer to ``ask`` that there is none, saying why."""
        empty = np.zeros((0, 0), np.float32)
        return cls(ask.run_id, ask.block, -1, name, 0, 0, empty, empty, np.zeros(0, np.float32), problem.message,
                   problem.code, tuple(problem.args))
