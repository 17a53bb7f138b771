"""The four stages of one step as Qt rich text, written with the step's real numbers.

Each builder takes a StepTrace, a Pick (playground.ui.panels.inside.maths) and the theme,
and returns a ``Shown``: the HTML and, by name, every number it wrote in a formula (the
values are the trace's, or arithmetic on them done as the formula says), so that a test
can hold the text to the trace. Formulas are plain Unicode in Qt's rich text (no LaTeX);
numbers have 4 significant digits, scientific when tiny (playground.ui.widgets.numbers).

Symbols: x the block's input, z the value before the activation, h = f(z) its output, ŷ
the network's output, y the target, ℓₙ one sample's loss, L the batch's, B the batch
size, g the gradient the optimizer used, η the learning rate. A hat is the modifier
letter ˆ after its letter (xˆ, mˆ): fonts place a combining hat badly in small text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from playground.runs.inside import BlockTrace, StepTrace
from playground.ui.labels import activation_label, layer_name
from playground.ui.panels.inside.maths import TINY_FACTOR, Pick, chain_rule, neuron_terms, param_of, update, x_hat
from playground.ui.theme import Theme
from playground.ui.widgets.numbers import num, term

PREVIEW_UNITS = 3  # values of a layer written in its row of the forward table, then "…"
SHOWN_TERMS = 6  # terms of a sum written out; a longer sum is cut with "…"

WORDS = {  # the stages' sentences by name; QT_TRANSLATE_NOOP marks them for lupdate (context "Inside")
    "batch_mean_line": QT_TRANSLATE_NOOP("Inside", "<b>The batch mean</b> over its {0} samples."),
    "sample_line": QT_TRANSLATE_NOOP("Inside", "<b>Sample {0}</b> of {1} in the batch (row {2} of the training "
                                               "set): x = {3}, target y = {4}"),
    "forward_intro": QT_TRANSLATE_NOOP("Inside", "Each layer takes its input x, computes z, then its activation h"
                                                 " = f(z); h is the next layer's input."),
    "layer": QT_TRANSLATE_NOOP("Inside", "layer"),
    "layer_mean": QT_TRANSLATE_NOOP("Inside", "layer (batch mean)"),
    "bn_stats": QT_TRANSLATE_NOOP("Inside", "{0} normalised with this batch's mean μ = {1} and variance σ² = {2}."),
    "dropout_mask": QT_TRANSLATE_NOOP("Inside", "{0} kept {1} of the first {2} values of this sample and scaled "
                                                "them by 1/(1 − p): its mask is {3}."),
    "neuron": QT_TRANSLATE_NOOP("Inside", "Neuron {0} of {1}"),
    "neuron_mean": QT_TRANSLATE_NOOP("Inside", "Its batch mean: z̄ = {0}, h̄ = {1}. (h̄ is the mean of each "
                                               "sample's h, not f(z̄).) Pick a sample to see its sum term by "
                                               "term."),
    "sum_cut": QT_TRANSLATE_NOOP("Inside", "(The sum goes over all {0} inputs; the first {1} are written out.)"),
    "no_activation": QT_TRANSLATE_NOOP("Inside", "No activation: h = z = <b>{0}</b>."),
    "slope_kept": QT_TRANSLATE_NOOP("Inside", "Its slope here, h′(z) = {0}, is kept for the backward pass."),
    "loss_intro": QT_TRANSLATE_NOOP("Inside", "The loss compares the network's output ŷ with the target y."),
    "the_batch": QT_TRANSLATE_NOOP("Inside", "The batch"),
    "loss_curve": QT_TRANSLATE_NOOP("Inside", "This is the loss the loss curve shows for this step."),
    "penalty": QT_TRANSLATE_NOOP("Inside", "Regularization adds a penalty on the weights: {0} = {1} with λ = {2};"
                                           " backward differentiates L + penalty = {3}."),
    "softmax": QT_TRANSLATE_NOOP("Inside", "Softmax turns the {0} output scores o into chances:"),
    "true_class": QT_TRANSLATE_NOOP("Inside", "The true class is {0}:"),
    "sigmoid": QT_TRANSLATE_NOOP("Inside", "The sigmoid turns the output score o into the chance of class 1:"),
    "huber": QT_TRANSLATE_NOOP("Inside", "Huber with δ = {0}: squared while |ŷ − y| ≤ δ, linear beyond."),
    "first_output": QT_TRANSLATE_NOOP("Inside", "(The first of {0} outputs is written; ℓ is the mean over them.)"),
    "backward_start": QT_TRANSLATE_NOOP("Inside", "Backpropagation starts at the loss: {0} = {1} for sample {2}."),
    "chain_rule": QT_TRANSLATE_NOOP("Inside", "The chain rule for {0} of {1}"),
    "batch_sum": QT_TRANSLATE_NOOP("Inside", "Summed over the batch's {0} samples (∂L/∂h already carries the 1/B "
                                             "of the mean):"),
    "penalty_grad": QT_TRANSLATE_NOOP("Inside", "The penalty adds {0}, so the optimizer's gradient is g = {1}."),
    "tiny_grad": QT_TRANSLATE_NOOP("Inside", "∂L/∂h = {0} is tiny next to the {1} the loss sent back for this "
                                             "sample: the gradient vanished on its way down to this layer."),
    "tiny_grad_neuron": QT_TRANSLATE_NOOP(
        "Inside", "∂L/∂h = {0} is tiny next to the {1} the loss sent back for this sample: little of this "
                  "sample's error reaches this neuron, although the layer as a whole still gets ‖∂L/∂h‖ = {2}."),
    "tiny_slope": QT_TRANSLATE_NOOP("Inside", "h′(z) = {0} is tiny: the activation is flat (saturated) at this z,"
                                              " so almost no gradient passes through it."),
    "tiny_input": QT_TRANSLATE_NOOP("Inside", "The input {0} is tiny: this weight barely changed the output for "
                                              "this sample."),
    "updates": QT_TRANSLATE_NOOP("Inside", "{0} updates {1} of {2}"),
    "update_grad": QT_TRANSLATE_NOOP("Inside", "Its gradient from the backward pass: g = {0}; learning rate η = "
                                               "{1}."),
    "weight_decay": QT_TRANSLATE_NOOP("Inside", "Weight decay λ = {0} adds λ·w to the gradient:"),
    "the_weight": QT_TRANSLATE_NOOP("Inside", "The weight"),
    "rule_vs_real": QT_TRANSLATE_NOOP("Inside", "The rule above gives Δ = {0}; the change really made is {1}. "
                                                "They agree up to float32's rounding: near this weight its "
                                                "numbers are {2} apart."),
    "first_step": QT_TRANSLATE_NOOP("Inside", "This is the optimizer's first step: its state started at 0."),
    "momentum": QT_TRANSLATE_NOOP("Inside", "The velocity v keeps a fraction μ = {0} of the previous steps:"),
    "adagrad": QT_TRANSLATE_NOOP("Inside", "Adagrad adds up every squared gradient so far (G); a weight with "
                                           "large gradients gets smaller steps:"),
    "rmsprop": QT_TRANSLATE_NOOP("Inside", "RMSProp keeps a running average s of the squared gradients (α = {0}):"),
    "adam": QT_TRANSLATE_NOOP("Inside", "Adam keeps a running mean m of the gradients (like momentum) and v of "
                                        "their squares (like RMSProp), β₁ = {0}, β₂ = {1}:"),
    "adam_t": QT_TRANSLATE_NOOP("Inside", "Step t = {0}: the bias corrections undo the start at 0:"),
    "adamw": QT_TRANSLATE_NOOP("Inside", "AdamW first shrinks the weight by η·λ·w (weight decay, λ = {0}): {1}."),
}


def _say(key: str) -> str:
    """WORDS[key] in the interface language."""
    return QCoreApplication.translate("Inside", WORDS[key])


@dataclass
class Shown:
    """A stage's HTML and the numbers in its formulas by name (see the module docstring)."""

    html: str
    values: dict[str, float] = field(default_factory=dict)


def _vector(values, limit: int = PREVIEW_UNITS) -> str:
    values = [float(v) for v in np.asarray(values).reshape(-1)]
    text = ", ".join(num(v) for v in values[:limit])
    return f"({text}{', …' if len(values) > limit else ''})"


def _p(text: str) -> str:
    return f"<p style='margin:2px 0 6px 0'>{text}</p>"


def _heading(text: str) -> str:
    return f"<p style='margin:8px 0 2px 0'><b>{text}</b></p>"


def _f(activation: str, argument: str) -> str:
    return "" if activation == "linear" else f"{escape(activation_label(activation))}({argument})"


def _sample_line(trace: StepTrace, pick: Pick) -> str:
    if pick.sample is None:
        return _say("batch_mean_line").format(trace.batch_size)
    n = pick.sample
    target = trace.loss.targets[n]
    return _say("sample_line").format(
        n + 1, trace.batch_size, int(trace.rows[n]), _vector(trace.x[n], 4), num(float(target)))


# --- forward ----------------------------------------------------------------------------------------
def forward(trace: StepTrace, pick: Pick, theme: Theme) -> Shown:
    """Per block z and h for the picked sample (or the batch mean), then the picked
    neuron's sum term by term, batch norm's statistics and dropout's mask."""
    shown = Shown(_p(_sample_line(trace, pick)))
    shown.html += _p(_say("forward_intro"))
    rows = []
    for i, block in enumerate(trace.blocks):
        z = block.z_mean if pick.sample is None else block.z[pick.sample]
        h = block.h_mean if pick.sample is None else block.h[pick.sample]
        name = escape(layer_name(block.name))
        name = f"<b>{name}</b>" if i == pick.block else name
        rows.append(f"<tr><td>{name}</td><td>{_vector(z, 2)}</td><td>{_vector(h, 2)}</td></tr>")
    header = _say("layer") if pick.sample is not None else _say("layer_mean")
    shown.html += ("<table cellspacing='0' cellpadding='2'>"
                   f"<tr><th align='left'>{header}</th><th align='left'>z</th><th align='left'>h</th></tr>"
                   + "".join(rows) + "</table>")
    for block in trace.blocks:
        if block.kind == "batchnorm":
            shown.html += _p(_say("bn_stats").format(
                escape(layer_name(block.name)), _vector(block.batch_mean), _vector(block.batch_var)))
        elif block.kind == "dropout" and block.mask is not None and pick.sample is not None:
            kept = int((block.mask[pick.sample] != 0).sum())
            shown.html += _p(_say("dropout_mask").format(
                escape(layer_name(block.name)), kept, block.mask.shape[1], _vector(block.mask[pick.sample], 6)))
    block = trace.blocks[pick.block]
    shown.html += _heading(_say("neuron").format(pick.unit + 1, escape(layer_name(block.name))))
    if pick.sample is None:
        shown.html += _p(_say("neuron_mean").format(num(block.z_mean[pick.unit]), num(block.h_mean[pick.unit])))
        shown.values.update(z=float(block.z_mean[pick.unit]), h=float(block.h_mean[pick.unit]))
        return shown
    if block.kind == "batchnorm":
        _batchnorm_neuron(shown, block, pick)
    else:
        _linear_neuron(shown, trace, pick)
    _activation(shown, block, pick)
    return shown


def _linear_neuron(shown: Shown, trace: StepTrace, pick: Pick) -> None:
    weights, inputs, bias, z = neuron_terms(trace, pick)
    block = trace.blocks[pick.block]
    parts = [f"{term(w)}·{term(x)}" for w, x in zip(weights[:SHOWN_TERMS], inputs[:SHOWN_TERMS])]
    more = len(weights) > SHOWN_TERMS or block.param("weight").shape[1] > len(weights)
    sum_text = " + ".join(parts) + (" + …" if more else "") + f" + {term(bias)}"
    shown.html += _p(f"z = Σ w<sub>i</sub>x<sub>i</sub> + b = {sum_text} = <b>{num(z)}</b>")
    for i, (w, x) in enumerate(zip(weights, inputs)):
        shown.values[f"w{i}"], shown.values[f"x{i}"] = w, x
    shown.values.update(b=bias, z=z)
    if more:
        shown.html += _p(_say("sum_cut").format(block.param("weight").shape[1], min(len(weights), SHOWN_TERMS)))


def _batchnorm_neuron(shown: Shown, block: BlockTrace, pick: Pick) -> None:
    unit, n = pick.unit, pick.sample
    x, mu, var, eps = (float(block.inputs[n, unit]), float(block.batch_mean[unit]), float(block.batch_var[unit]),
                       float(block.eps))
    xhat = x_hat(block, n, unit)
    gamma, beta = float(block.param("weight").before[unit]), float(block.param("bias").before[unit])
    z = float(block.z[n, unit])
    shown.html += _p(f"xˆ = (x − μ)/√(σ² + ε) = ({num(x)} − {term(mu)})/√({num(var)} + {num(eps)}) = "
                     f"<b>{num(xhat)}</b>")
    shown.html += _p(f"z = γ·xˆ + β = {term(gamma)}·{term(xhat)} + {term(beta)} = <b>{num(z)}</b>")
    shown.values.update(x=x, mu=mu, var=var, eps=eps, xhat=xhat, gamma=gamma, beta=beta, z=z)


def _activation(shown: Shown, block: BlockTrace, pick: Pick) -> None:
    z, h = float(block.z[pick.sample, pick.unit]), float(block.h[pick.sample, pick.unit])
    slope = float(block.slope[pick.sample, pick.unit])
    if block.activation == "linear":
        shown.html += _p(_say("no_activation").format(num(h)))
    else:
        shown.html += _p(f"h = {_f(block.activation, 'z')} = {_f(block.activation, num(z))} = <b>{num(h)}</b>")
        shown.html += _p(_say("slope_kept").format(num(slope)))
    shown.values.update(h=h, slope=slope)


# --- loss --------------------------------------------------------------------------------------------
def loss(trace: StepTrace, pick: Pick, theme: Theme) -> Shown:
    """The loss's formula with the picked sample's numbers, then the batch's mean and the penalty."""
    L = trace.loss
    shown = Shown(_p(_sample_line(trace, pick)))
    shown.html += _p(_say("loss_intro"))
    if pick.sample is not None:
        _sample_loss(shown, trace, pick.sample)
    terms = " + ".join(num(v) for v in L.per_sample[:3]) + (" + …" if L.batch_size > 3 else "")
    shown.html += _heading(_say("the_batch"))
    shown.html += _p(f"L = (1/B)·Σ ℓ<sub>n</sub> = (1/{L.batch_size})·({terms}) = <b>{num(L.value)}</b>")
    shown.html += _p(_say("loss_curve"))
    shown.values.update(loss=L.value, batch=float(L.batch_size))
    if L.penalty is not None:
        rate = trace.regularization_rate
        formula = "λ·Σ|w|" if trace.regularization == "l1" else "(λ/2)·Σw²"
        shown.html += _p(_say("penalty").format(formula, num(L.penalty), num(rate), num(L.value + L.penalty)))
        shown.values.update(penalty=L.penalty, rate=rate)
    return shown


def _sample_loss(shown: Shown, trace: StepTrace, n: int) -> None:
    L = trace.loss
    outputs = [float(v) for v in L.outputs[n]]
    per = float(L.per_sample[n])
    name = L.loss
    shown.values.update(per_sample=per, output=outputs[0])
    if name == "cross_entropy":
        p = [float(v) for v in L.probabilities[n]]
        y = int(L.targets[n])
        shown.html += _p(_say("softmax").format(len(outputs)))
        shown.html += _p(f"p<sub>k</sub> = e<sup>o<sub>k</sub></sup> / Σ<sub>j</sub> e<sup>o<sub>j</sub></sup>: "
                         f"o = {_vector(outputs, 5)} → p = {_vector(p, 5)}")
        shown.html += _p(_say("true_class").format(y) +
                         f" ℓ = −log p<sub>y</sub> = −log {num(p[y])} = <b>{num(per)}</b>")
        shown.values.update(p=p[y], target=float(y))
        return
    y = float(L.targets[n])
    shown.values["target"] = y
    if name == "bce":
        p = float(L.probabilities[n][0])
        shown.html += _p(_say("sigmoid") +
                         f" p = σ(o) = 1/(1 + e<sup>−o</sup>) = σ({num(outputs[0])}) = {num(p)}")
        shown.html += _p(f"ℓ = −[y·log p + (1 − y)·log(1 − p)] = "
                         f"−[{num(y)}·log {num(p)} + {num(1 - y)}·log {num(1 - p)}] = <b>{num(per)}</b>")
        shown.values["p"] = p
        return
    d = outputs[0] - y
    gap = f"({num(outputs[0])} − {term(y)})"
    if name == "mse":
        shown.html += _p(f"ℓ = (ŷ − y)² = {gap}² = <b>{num(per)}</b>")
    elif name == "mae":
        shown.html += _p(f"ℓ = |ŷ − y| = |{num(outputs[0])} − {term(y)}| = <b>{num(per)}</b>")
    elif name == "huber":
        delta = float(L.delta or 1.0)
        shown.values["delta"] = delta
        if abs(d) <= delta:
            rule = f"½(ŷ − y)² = ½·{gap}²"
        else:
            rule = f"δ·(|ŷ − y| − ½δ) = {num(delta)}·(|{num(d)}| − ½·{num(delta)})"
        shown.html += _p(_say("huber").format(num(delta)))
        shown.html += _p(f"|ŷ − y| = {num(abs(d))} → ℓ = {rule} = <b>{num(per)}</b>")
    else:
        shown.html += _p(f"ℓ = <b>{num(per)}</b>")
    if len(outputs) > 1:
        shown.html += _p(_say("first_output").format(len(outputs)))


# --- backward ----------------------------------------------------------------------------------------
_OUTPUT_GRAD = {
    "mse": "∂L/∂ŷ = 2·(ŷ − y)/B", "mae": "∂L/∂ŷ = sign(ŷ − y)/B", "huber": "∂L/∂ŷ = clip(ŷ − y, −δ, δ)/B",
    "cross_entropy": "∂L/∂o<sub>k</sub> = (p<sub>k</sub> − [k = y])/B", "bce": "∂L/∂o = (p − y)/B",
}


def backward(trace: StepTrace, pick: Pick, theme: Theme) -> Shown:
    """Where the gradient starts (∂L/∂ŷ), then the chain rule for the picked weight with the
    factor that makes it small marked, and the batch's sum (the layer bars are the panel's)."""
    shown = Shown(_p(_sample_line(trace, pick)))
    n = pick.sample if pick.sample is not None else 0
    start = trace.loss.grad_output[n]
    shown.html += _p(_say("backward_start").format(
        _OUTPUT_GRAD.get(trace.loss.loss, "∂L/∂ŷ"), _vector(start, 4), n + 1))
    shown.values["grad_output"] = float(start[0])
    block = trace.blocks[pick.block]
    rule = chain_rule(trace, pick)
    sym, factor_names = _chain_symbols(block, pick)
    shown.html += _heading(_say("chain_rule").format(sym, escape(layer_name(block.name))))
    if pick.sample is not None:
        marked = rule.tiny_factor()
        factors = [_mark(f"{name} = {num(value)}", i == marked, theme)
                   for i, (name, value) in enumerate(zip(factor_names, rule.factors))]
        product = " · ".join(term(v) for v in rule.factors)
        shown.html += _p(f"∂ℓ<sub>{n + 1}</sub>/∂{sym} = {' · '.join(factor_names)}")
        shown.html += _p(f"= {product} = <b>{num(rule.share)}</b>")
        shown.html += _p(" ; ".join(factors))
        if marked is not None:
            shown.html += _p(_mark(_tiny_words(marked, rule, trace, block), True, theme))
        shown.values.update(grad_h=rule.grad_h, slope=rule.slope, input=rule.input, share=rule.share)
    shares = " + ".join(term(v) for v in rule.shares[:3]) + (" + …" if trace.batch_size > 3 else "")
    shown.html += _p(_say("batch_sum").format(trace.batch_size))
    shown.html += _p(f"∂L/∂{sym} = Σ<sub>n</sub> ∂ℓ<sub>n</sub>/∂{sym} = {shares} = <b>{num(rule.data_grad)}</b>")
    shown.values["data_grad"] = rule.data_grad
    if rule.all_traced:
        shown.values["shares_sum"] = float(sum(rule.shares))
    if rule.penalty_grad is not None:
        shown.html += _p(_say("penalty_grad").format(num(rule.penalty_grad), num(rule.grad)))
        shown.values.update(penalty_grad=rule.penalty_grad)
    shown.values["grad"] = rule.grad
    return shown


def _chain_symbols(block: BlockTrace, pick: Pick) -> tuple[str, list[str]]:
    """The picked parameter's symbol and the chain rule's three factor names."""
    i = pick.unit + 1
    grad_h, slope = f"∂L/∂h<sub>{i}</sub>", f"h′(z<sub>{i}</sub>)"
    if block.kind == "batchnorm":
        if pick.param == "weight":
            return f"γ<sub>{i}</sub>", [grad_h, slope, f"xˆ<sub>{i}</sub>"]
        return f"β<sub>{i}</sub>", [grad_h, slope, "1"]
    if pick.param == "bias":
        return f"b<sub>{i}</sub>", [grad_h, slope, "1"]
    j = pick.index[1] + 1
    return f"w<sub>{i},{j}</sub>", [grad_h, slope, f"x<sub>{j}</sub>"]


def symbol(block: BlockTrace, pick: Pick) -> str:
    """The picked parameter's symbol (rich text): w₁,₂, b₁, γ₁ or β₁ (1-based)."""
    return _chain_symbols(block, pick)[0]


def _mark(text: str, marked: bool, theme: Theme) -> str:
    return f"<span style='color:{theme.warning}'><b>{text}</b></span>" if marked else text


def _tiny_words(which: int, rule, trace: StepTrace, block) -> str:
    """Why factor ``which`` of the chain rule is tiny. A tiny ∂L/∂h is the gradient vanishing
    on the way down only when the whole layer's ‖∂L/∂h‖ is tiny next to the output's too
    (by the same TINY_FACTOR); else it is this sample's path through this neuron that is weak."""
    value = rule.factors[which]
    if which == 0:
        output = trace.blocks[-1].grad_h_norm
        if output > 0 and block.grad_h_norm >= TINY_FACTOR * output:
            return _say("tiny_grad_neuron").format(num(value), num(rule.sent), num(block.grad_h_norm))
        return _say("tiny_grad").format(num(value), num(rule.sent))
    if which == 1:
        return _say("tiny_slope").format(num(value))
    return _say("tiny_input").format(num(value))


def norms(trace: StepTrace) -> list[tuple[str, float]]:
    """(translated layer name, ‖∂L/∂h‖) from the output down to the first layer."""
    return [(layer_name(block.name), float(block.grad_h_norm)) for block in reversed(trace.blocks)]


# --- update ------------------------------------------------------------------------------------------
def update_stage(trace: StepTrace, pick: Pick, theme: Theme) -> Shown:
    """The optimizer's rule with its state for the picked entry, and the weight before → after."""
    u = update(trace, pick)
    block = trace.blocks[pick.block]
    sym = symbol(block, pick)
    shown = Shown(_heading(_say("updates").format(
        escape(_optimizer_name(u.optimizer)), sym, escape(layer_name(block.name)))))
    shown.html += _p(_say("update_grad").format(num(u.grad), num(u.lr)))
    shown.values.update(grad=u.grad, lr=u.lr, before=u.before, after=u.after, delta=u.delta, rule_delta=u.rule_delta)
    if "g_decayed" in u.derived:
        shown.html += _p(_say("weight_decay").format(num(u.decay)) +
                         f" g = {num(u.grad)} + {num(u.decay)}·{term(u.before)} = {num(u.derived['g_decayed'])}")
        shown.values.update(decay=u.decay, g_decayed=u.derived["g_decayed"])
    g = u.derived.get("g_decayed", u.grad)
    for line in _RULES[u.optimizer](trace, u, g):
        shown.html += _p(line)
    for key, value in {**{f"{k}_before": v for k, v in u.state_before.items()},
                       **{f"{k}_after": v for k, v in u.state_after.items()}, **u.derived}.items():
        shown.values[key] = value
    shown.html += _heading(_say("the_weight"))
    shown.html += _p(f"{sym}: {num(u.before)} → {num(u.after)}, Δ = {num(u.delta)}")
    spacing = abs(float(np.spacing(np.float32(u.after))))  # one float32 step at the new weight
    shown.html += _p(_say("rule_vs_real").format(num(u.rule_delta), num(u.delta), num(spacing)))
    shown.values["spacing"] = spacing
    if not param_of(trace, pick).state_before and u.state_after:
        shown.html += _p(_say("first_step"))
    return shown


def _optimizer_name(name: str) -> str:
    from playground.ui.labels import optimizer_label

    return optimizer_label(name)


def _sgd(trace, u, g):
    return [f"w ← w − η·g = {num(u.before)} − {num(u.lr)}·{term(g)} "
            f"= <b>{num(u.before + u.rule_delta)}</b>"]


def _momentum(trace, u, g):
    if "momentum_buffer" not in u.state_after:
        return _sgd(trace, u, g)
    mu = float(trace.hyperparameters.get("momentum", 0.0))
    v0, v1 = u.state_before["momentum_buffer"], u.state_after["momentum_buffer"]
    lines = [_say("momentum").format(num(mu)),
             f"v ← μ·v + g = {num(mu)}·{term(v0)} + {term(g)} = <b>{num(v1)}</b>"]
    if trace.hyperparameters.get("nesterov"):
        lines.append(f"w ← w − η·(g + μ·v) = <b>{num(u.before + u.rule_delta)}</b>")
    else:
        lines.append(f"w ← w − η·v = {num(u.before)} − {num(u.lr)}·{term(v1)} = <b>{num(u.before + u.rule_delta)}</b>")
    return lines


def _adagrad(trace, u, g):
    s0, s1 = u.state_before["sum"], u.state_after["sum"]
    eps = float(trace.hyperparameters.get("eps", 0.0))
    return [_say("adagrad"),
            f"G ← G + g² = {num(s0)} + ({num(g)})² = <b>{num(s1)}</b>",
            f"w ← w − η·g/(√G + ε) = {num(u.before)} − {num(u.lr)}·{term(g)}/"
            f"(√{num(s1)} + {num(eps)}) = <b>{num(u.before + u.rule_delta)}</b>"]


def _rmsprop(trace, u, g):
    alpha = float(trace.hyperparameters.get("alpha", 0.99))
    eps = float(trace.hyperparameters.get("eps", 0.0))
    s0, s1 = u.state_before["square_avg"], u.state_after["square_avg"]
    lines = [_say("rmsprop").format(num(alpha)),
             f"s ← α·s + (1 − α)·g² = {num(alpha)}·{num(s0)} + {num(1 - alpha)}·({num(g)})² = <b>{num(s1)}</b>"]
    if "momentum_buffer" in u.state_after:
        lines.append(f"v ← μ·v + g/(√s + ε) = <b>{num(u.state_after['momentum_buffer'])}</b>; w ← w − η·v "
                     f"= <b>{num(u.before + u.rule_delta)}</b>")
    else:
        lines.append(f"w ← w − η·g/(√s + ε) = {num(u.before)} − {num(u.lr)}·{term(g)}/"
                     f"(√{num(s1)} + {num(eps)}) = <b>{num(u.before + u.rule_delta)}</b>")
    return lines


def _adam(trace, u, g):
    h = trace.hyperparameters
    b1, b2, eps, t = float(h["beta1"]), float(h["beta2"]), float(h["eps"]), trace.optimizer_step
    m0, m1 = u.state_before["exp_avg"], u.state_after["exp_avg"]
    v0, v1 = u.state_before["exp_avg_sq"], u.state_after["exp_avg_sq"]
    m_hat, v_hat = u.derived["m_hat"], u.derived["v_hat"]
    lines = [_say("adam").format(num(b1), num(b2)),
             f"m ← β₁·m + (1 − β₁)·g = {num(b1)}·{term(m0)} + {num(1 - b1)}·{term(g)} = <b>{num(m1)}</b>",
             f"v ← β₂·v + (1 − β₂)·g² = {num(b2)}·{num(v0)} + {num(1 - b2)}·({num(g)})² = <b>{num(v1)}</b>",
             _say("adam_t").format(t),
             f"mˆ = m/(1 − β₁<sup>t</sup>) = {num(m1)}/{num(1 - b1 ** t)} = <b>{num(m_hat)}</b>; "
             f"vˆ = v/(1 − β₂<sup>t</sup>) = {num(v1)}/{num(1 - b2 ** t)} = <b>{num(v_hat)}</b>",
             f"w ← w − η·mˆ/(√vˆ + ε) = {num(u.before)} − {num(u.lr)}·{term(m_hat)}/(√{num(v_hat)} + {num(eps)})"
             f" = <b>{num(u.before + u.rule_delta - u.derived.get('decay_delta', 0.0))}</b>"]
    if "decay_delta" in u.derived:
        lines.insert(0, _say("adamw").format(num(u.decay), num(u.derived["decay_delta"])))
    return lines


_RULES = {"sgd": _momentum, "momentum": _momentum, "adagrad": _adagrad, "rmsprop": _rmsprop, "adam": _adam,
          "adamw": _adam}


def relative_error_ok(error: float, limit: float = 1e-4) -> bool:
    """A gradient check passes below ``limit`` (INSIDE.md's threshold)."""
    return math.isfinite(error) and error < limit
