"""Activation functions and weight inits: one entry each, carrying what the app does
with it. Torch-free.

An ``Activation`` names its torch module (a dotted path and keyword arguments; the
model and the exported script build the same one), the gain Xavier init and the
non-linearity He init use for the layer before it, and its description. An ``Init``
names the ``torch.nn.init`` function applied to each Linear layer's weights (biases
start at 0) and its arguments, which may depend on the layer's activation.
Descriptions are English marked for translation. Adding one is adding one entry
(``register_activation``, ``register_init``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from playground.design.translatable import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Activation:
    """``torch_class`` "" means the identity: no module at all (no cost)."""

    name: str
    label: str
    description: str
    torch_class: str  # dotted path, e.g. "torch.nn.ReLU"
    kwargs: dict = field(default_factory=dict)
    gain: str = "linear"  # torch.nn.init.calculate_gain's name for it (Xavier init)
    rectifier: str = "relu"  # kaiming_normal_'s nonlinearity for it (He init)
    silent_below_zero: bool = False
    """Output and slope are exactly 0 for every input <= 0 (ReLU): a unit whose input is
    <= 0 for every sample of a batch is dead on it (no gradient reaches its weights)."""
    saturates_beyond: float = 0.0
    """|input| beyond which the slope is under 1% of its maximum (a saturated unit barely
    learns); 0: it never saturates."""


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in [
        Activation("relu", QT_TRANSLATE_NOOP("registry", "ReLU"), QT_TRANSLATE_NOOP(
            "Activations",
            "ReLU: max(0, x). Its slope is 1 for every positive input, so gradients pass back through deep "
            "stacks without shrinking: the usual cure for vanishing gradients. Units stuck below 0 stop learning."),
            "torch.nn.ReLU", gain="relu", silent_below_zero=True),
        Activation("leaky_relu", QT_TRANSLATE_NOOP("registry", "LeakyReLU"), QT_TRANSLATE_NOOP(
            "Activations", "LeakyReLU: like ReLU, but a small slope (0.01) below 0 keeps every unit learning."),
            "torch.nn.LeakyReLU", {"negative_slope": 0.01}, gain="leaky_relu", rectifier="leaky_relu"),
        Activation("elu", QT_TRANSLATE_NOOP("registry", "ELU"), QT_TRANSLATE_NOOP(
            "Activations", "ELU: like ReLU for positive inputs, a smooth curve towards -1 below 0."),
            "torch.nn.ELU"),
        Activation("gelu", QT_TRANSLATE_NOOP("registry", "GELU"), QT_TRANSLATE_NOOP(
            "Activations", "GELU: a smooth ReLU, used in transformers."), "torch.nn.GELU"),
        Activation("silu", QT_TRANSLATE_NOOP("registry", "SiLU"), QT_TRANSLATE_NOOP(
            "Activations", "SiLU (swish): x times sigmoid(x), a smooth ReLU."), "torch.nn.SiLU"),
        Activation("sigmoid", QT_TRANSLATE_NOOP("registry", "Sigmoid"), QT_TRANSLATE_NOOP(
            "Activations",
            "Sigmoid: squashes into 0..1. Its slope is at most 0.25, so in deep stacks the gradient shrinks "
            "layer by layer: vanishing gradients."), "torch.nn.Sigmoid", gain="sigmoid",
            saturates_beyond=5.99),  # sigmoid'(x) = s(1 - s) falls below 1% of its 0.25 at |x| = 5.99
        Activation("tanh", QT_TRANSLATE_NOOP("registry", "Tanh"), QT_TRANSLATE_NOOP(
            "Activations",
            "Tanh: squashes into -1..1, centred on 0. Saturates for large inputs, where its slope (and the "
            "gradient) nearly vanishes."), "torch.nn.Tanh", gain="tanh",
            saturates_beyond=3.0),  # tanh'(x) = 1 - tanh(x)^2 falls below 1% of its 1 at |x| = 3.0
        Activation("softplus", QT_TRANSLATE_NOOP("registry", "Softplus"), QT_TRANSLATE_NOOP(
            "Activations", "Softplus: log(1 + eˣ), a smooth ReLU that is never exactly 0."), "torch.nn.Softplus"),
        Activation("linear", QT_TRANSLATE_NOOP("registry", "Linear (identity)"), QT_TRANSLATE_NOOP(
            "Activations", "Linear (identity): no non-linearity. Stacked linear layers are no better than one."), ""),
    ]
}


@dataclass(frozen=True)
class Init:
    """``function``: the name in ``torch.nn.init`` applied to each Linear weight ("" keeps
    PyTorch's default init, biases included); ``kwargs(activation entry)`` -> its keyword
    arguments, as values or as ``Call(name, args)`` for ``torch.nn.init.<name>(*args)``;
    ``comment``: what the exported script says about it."""

    name: str
    label: str
    description: str
    function: str
    kwargs: Callable[[Activation], dict[str, Any]] = lambda activation: {}
    comment: str = ""


@dataclass(frozen=True)
class Call:
    """A value computed by ``torch.nn.init.<name>(*args)`` (written as that call when exported)."""

    name: str
    args: tuple = ()


INITS: dict[str, Init] = {
    i.name: i
    for i in [
        Init("default", QT_TRANSLATE_NOOP("registry", "PyTorch default"), QT_TRANSLATE_NOOP(
            "Inits", "PyTorch's default: uniform weights scaled by 1/√(inputs) (Kaiming uniform with a=√5)."), "",
            comment="PyTorch's default init: uniform in +-1/sqrt(inputs) for weights and biases."),
        Init("xavier", QT_TRANSLATE_NOOP("registry", "Xavier / Glorot"), QT_TRANSLATE_NOOP(
            "Inits", "Xavier / Glorot: keeps the variance of signals equal from layer to layer for "
            "tanh and sigmoid units."), "xavier_uniform_", lambda a: {"gain": Call("calculate_gain", (a.gain,))},
            "Xavier (Glorot) uniform init, scaled by each layer's activation gain; biases 0."),
        Init("he", QT_TRANSLATE_NOOP("registry", "He / Kaiming"), QT_TRANSLATE_NOOP(
            "Inits", "He / Kaiming: twice Xavier's variance, made for ReLU units, which silence half "
            "their inputs."), "kaiming_normal_", lambda a: {"nonlinearity": a.rectifier},
            "He (Kaiming) normal init: weights ~ N(0, 2 / inputs); biases 0."),
        Init("zeros", QT_TRANSLATE_NOOP("registry", "Zeros (symmetry is never broken)"), QT_TRANSLATE_NOOP(
            "Inits", "All weights zero: every unit of a layer computes the same thing and gets the "
            "same gradient, so they never become different (symmetry is never broken)."), "zeros_",
            comment="Zeros: every weight 0 (units in a layer stay identical: symmetry is never broken)."),
    ]
}


def register_activation(entry: Activation) -> None:
    """Offer ``entry`` everywhere (design files, the layer editor, training, export)."""
    ACTIVATIONS[entry.name] = entry


def register_init(entry: Init) -> None:
    INITS[entry.name] = entry
