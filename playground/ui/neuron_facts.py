"""What the neuron card says about one neuron for one input, as numbers and text: the
weighted sum z = Σ wᵢxᵢ + b term by term (largest first), the activation h = f(z), its
slope h′(z), and whether that slope lets a gradient pass back. No plotting here
(playground.ui.panels.neuron_card draws it; a module of its own so that the step-through can share it); no torch.

``NeuronFacts`` come from the training process's answer (``from_explained``: a
NeuronExplained, the network as the views draw it: batch norm with its running statistics,
no dropout) or from a traced step (``from_trace``: one traced sample of a StepTrace, the
numbers that step used: batch norm with the batch's own μ and σ², the weights before the
update). A trace keeps only the first MAX_DRAWN inputs of a block: the weighted sum's
other inputs are then one line "the other inputs (not traced)", z − b − Σ(shown), so the
total stays the network's own z.

Saturation follows the registry's rule (Activation.saturates_beyond, the one the probes and
the coach use: beyond it the slope is under 1% of its largest), inactivity its
``silent_below_zero`` (ReLU: z ≤ 0, slope exactly 0), or any slope that is exactly 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate

from playground.design import registry
from playground.runs.inside import ActivationCurve, NeuronExplained, StepTrace

MAX_TERMS = 5  # terms of Σ wᵢxᵢ written out, the largest |wᵢxᵢ| first; the rest are summed in one line
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def number(value: float) -> str:
    """4 significant digits, scientific when tiny or huge (3.1e-07 stays visible), a real minus."""
    if value is None or not math.isfinite(value):
        return "—" if value is None else str(value)
    if value == 0:
        return "0"
    return f"{value:.4g}".replace("-", "−")


def factor(value: float) -> str:
    """``number`` in parentheses when negative (a factor in a product)."""
    text = number(value)
    return f"({text})" if text.startswith("−") else text


def subscript(index: int) -> str:
    return str(index).translate(SUBSCRIPTS)


@dataclass(frozen=True)
class NeuronFacts:
    """One neuron for one input (see the module docstring). Linear/Output: ``inputs`` and
    ``weights`` (n,), float64, possibly the first MAX_DRAWN of ``n_inputs``; ``rest`` the
    untraced inputs' share of z (0 when every input is here). BatchNorm: ``inputs`` = (x,),
    ``weights`` = (γ,), ``bias`` = β, ``mean``/``var``/``eps`` the statistics it used."""

    kind: str
    activation: str
    inputs: np.ndarray
    weights: np.ndarray
    bias: float
    z: float
    h: float
    slope: float
    curve: ActivationCurve | None = None
    n_inputs: int = 0
    rest: float = 0.0
    mean: float | None = None
    var: float | None = None
    eps: float | None = None
    batch_statistics: bool = False  # BatchNorm: μ and σ² of the traced batch (else running)

    def terms(self) -> np.ndarray:
        return self.weights * self.inputs

    def weighted_sum(self) -> float:
        """Σ wᵢxᵢ + b as the card adds it (float64), the untraced share included."""
        return float(self.terms().sum() + self.rest + self.bias)


def from_explained(answer: NeuronExplained) -> NeuronFacts:
    inputs = np.asarray(answer.inputs, dtype=np.float64)
    return NeuronFacts(
        kind=answer.kind, activation=answer.activation, inputs=inputs,
        weights=np.asarray(answer.weights, dtype=np.float64), bias=float(answer.bias), z=float(answer.z),
        h=float(answer.h), slope=float(answer.slope), curve=answer.curve, n_inputs=len(inputs),
        mean=answer.mean, var=answer.var, eps=answer.eps)


def from_trace(trace: StepTrace, block: int, unit: int, sample: int) -> NeuronFacts | None:
    """Traced sample ``sample`` at unit ``unit`` of block ``block``, from the trace alone;
    None when the trace does not hold it (a unit past the drawn ones, a dropout block)."""
    if not 0 <= block < len(trace.blocks):
        return None
    b = trace.blocks[block]
    if b.kind == "dropout" or not 0 <= unit < b.z.shape[1] or not 0 <= sample < b.z.shape[0]:
        return None
    weight, bias = b.param("weight"), b.param("bias")
    if weight is None or bias is None:
        return None
    z, h, slope = float(b.z[sample, unit]), float(b.h[sample, unit]), float(b.slope[sample, unit])
    curve = next((c for c in trace.curves if c.activation == b.activation), None)
    common = dict(kind=b.kind, activation=b.activation, z=z, h=h, slope=slope, curve=curve,
                  bias=float(bias.before[unit]))
    if b.kind == "batchnorm":
        return NeuronFacts(inputs=np.array([float(b.inputs[sample, unit])]), weights=np.array([float(weight.before[unit])]),
                           n_inputs=1, mean=float(b.batch_mean[unit]), var=float(b.batch_var[unit]), eps=b.eps,
                           batch_statistics=True, **common)
    inputs = b.inputs[sample].astype(np.float64)
    weights = weight.before[unit, : len(inputs)].astype(np.float64)
    n_inputs = int(weight.shape[1])
    rest = z - float((weights * inputs).sum()) - common["bias"] if n_inputs > len(inputs) else 0.0
    return NeuronFacts(inputs=inputs, weights=weights, n_inputs=n_inputs, rest=rest, **common)


def sum_lines(facts: NeuronFacts, max_terms: int = MAX_TERMS) -> list[str]:
    """The weighted sum and what it is in words, a line per term (largest |wᵢxᵢ| first), then
    the rest summed, b and z (the last line)."""
    if facts.kind == "batchnorm":
        return batchnorm_lines(facts)
    terms = facts.terms()
    order = np.argsort(-np.abs(terms), kind="stable")
    lines = ["z = Σ wᵢxᵢ + b", translate("NeuronCard", "the weighted sum: weights w times inputs x, plus the bias b")]
    for i in order[:max_terms]:
        k = subscript(int(i) + 1)
        lines.append(f"w{k}·x{k} = {factor(facts.weights[i])}·{factor(facts.inputs[i])} = {number(terms[i])}")
    hidden = order[max_terms:]
    if len(hidden):
        lines.append(translate("NeuronCard", "… + {0} more terms = {1}").format(len(hidden), number(float(terms[hidden].sum()))))
    if facts.n_inputs > len(terms):
        lines.append(translate("NeuronCard", "+ the other {0} inputs (not traced) = {1}").format(facts.n_inputs - len(terms),
                                                                            number(facts.rest)))
    lines.append(translate("NeuronCard", "b = {0} (the bias)").format(number(facts.bias)))
    lines.append(translate("NeuronCard", "z = {0}").format(number(facts.z)))
    return lines


def batchnorm_lines(facts: NeuronFacts) -> list[str]:
    x, gamma = float(facts.inputs[0]), float(facts.weights[0])
    lines = ["z = γ·(x − μ)/√(σ² + ε) + β",
             translate("NeuronCard", "batch normalization: x normalized with the mean μ and the variance σ², "
                                     "then scaled by γ and shifted by β")]
    which = translate("NeuronCard", "this batch's") if facts.batch_statistics else translate("NeuronCard", "running")
    lines.append(translate("NeuronCard", "{0} μ = {1}, σ² = {2}, ε = {3}").format(which, number(facts.mean), number(facts.var),
                                                                number(facts.eps)))
    lines.append(translate("NeuronCard", "γ = {0}, β = {1}, x = {2}").format(number(gamma), number(facts.bias), number(x)))
    lines.append(f"z = {factor(gamma)}·({number(x)} − {factor(facts.mean)})/√({number(facts.var)} + {number(facts.eps)})"
                 f" + {factor(facts.bias)} = {number(facts.z)}")
    return lines


def activation_name(name: str) -> str:
    known = registry.ACTIVATIONS.get(name)
    return QCoreApplication.translate("registry", known.label) if known is not None else name


def activation_lines(facts: NeuronFacts, output_of_classifier: bool = False) -> list[str]:
    """h = f(z) with the activation's name, and h′(z)."""
    if facts.activation == "linear":
        line = translate("NeuronCard", "h = z = {0} (no activation function)").format(number(facts.h))
        if output_of_classifier:
            line += " " + translate("NeuronCard", "(the loss turns it into a probability)")
        return [line]
    return [translate("NeuronCard", "h = f(z) with f = {0}: h = {1}").format(activation_name(facts.activation), number(facts.h)),
            translate("NeuronCard", "h′(z) = {0} (its slope)").format(number(facts.slope))]


def slope_state(facts: NeuronFacts) -> str:
    """"inactive" (the slope is 0: no gradient), "saturated" (under 1% of its largest) or "" (it learns)."""
    if facts.activation == "linear":
        return ""
    entry = registry.ACTIVATIONS.get(facts.activation)
    if facts.slope == 0 or (entry is not None and entry.silent_below_zero and facts.z <= 0):
        return "inactive"
    if entry is not None and entry.saturates_beyond and abs(facts.z) > entry.saturates_beyond:
        return "saturated"
    return ""


def slope_note(facts: NeuronFacts) -> str:
    state = slope_state(facts)
    if state == "inactive":
        return translate("NeuronCard", "Inactive: h′(z) = 0, no gradient passes back through this neuron to its weights.")
    if state == "saturated":
        return translate("NeuronCard", "Saturated: h′(z) = {0} is under 1% of its largest slope; almost no gradient passes back."
                   ).format(number(facts.slope))
    return ""
