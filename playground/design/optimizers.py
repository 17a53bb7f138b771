"""Optimizers: one entry each, carrying everything the app does with it. Torch-free.

An ``Optimizer`` entry names its torch class (a dotted path, imported only in the
training process), the hyperparameters it uses with their usual values and any
tighter limits, the learning rates it trains well with, the devices where torch has
a fused kernel for it, the keyword arguments its torch class takes (the trainer and
the exported script both write them from ``torch_kwargs``), the functional update
and state names of the compiled step, and its description. Adding an optimizer is
adding one entry to ``OPTIMIZERS`` (``register``).

The hyperparameters themselves (``HYPERPARAMETERS``: the fields of the design's
optimizer section) carry their default, the range a design file may hold, the
widget that edits them and their words. Labels (translation context "registry"),
descriptions ("Optimizers") and hyperparameters' words ("Hyperparameters") are
English marked for translation; the window translates them (playground.ui.labels).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Literal

from playground.design.translatable import QT_TRANSLATE_NOOP
from playground.errors import Problem

@dataclass(frozen=True)
class Hyperparameter:
    """A field of the design's optimizer section.

    ``bounds``: pydantic Field limits (gt/ge/lt/le) every design obeys; ``widget``:
    "log" (a spin box stepping 1-2-3-5 x 10^k over ``shown``, values below
    ``floor`` step to 0), "fraction" (plain steps of ``step``) or "check".
    """

    name: str
    label: str
    description: str
    default: float | bool
    bounds: dict[str, float] = field(default_factory=dict)
    widget: Literal["log", "fraction", "check"] = "log"
    shown: tuple[float, float] = (0.0, 1.0)
    step: float = 0.0
    decimals: int = 0
    floor: float | None = None
    short: str = ""
    """A short word for a legend ("lr 0.01"); "" = ``label``."""

    @property
    def short_label(self) -> str:
        return self.short or self.label


HYPERPARAMETERS: dict[str, Hyperparameter] = {
    h.name: h
    for h in [
        Hyperparameter("lr", QT_TRANSLATE_NOOP("Hyperparameters", "Learning rate"), QT_TRANSLATE_NOOP(
            "Hyperparameters", "How big each update is: the gradient is multiplied by it. Too small learns slowly; "
            "too large overshoots the minimum and the loss grows until training diverges. "
            "It can be changed while training."), 0.03, {"gt": 0.0, "le": 10.0}, "log", (1e-5, 10.0),
            short=QT_TRANSLATE_NOOP("Hyperparameters", "lr")),
        Hyperparameter("momentum", QT_TRANSLATE_NOOP("Hyperparameters", "Momentum"), QT_TRANSLATE_NOOP(
            "Hyperparameters", "The fraction of the previous update kept in the next one (0 = none, 0.9 is usual)."),
            0.9, {"ge": 0.0, "lt": 1.0}, "fraction", (0.0, 0.999), 0.05, 3,
            short=QT_TRANSLATE_NOOP("Hyperparameters", "momentum")),
        Hyperparameter("nesterov", QT_TRANSLATE_NOOP("Hyperparameters", "Nesterov"), QT_TRANSLATE_NOOP(
            "Hyperparameters", "Nesterov momentum: look ahead along the momentum before taking the gradient; "
            "often a little faster. Needs a momentum above 0."), False, widget="check"),
        Hyperparameter("alpha", QT_TRANSLATE_NOOP("Hyperparameters", "Alpha (decay)"), QT_TRANSLATE_NOOP(
            "Hyperparameters", "How slowly RMSProp's average of squared gradients forgets: 0.99 averages about the "
            "last 100 steps."), 0.99, {"gt": 0.0, "lt": 1.0}, "fraction", (0.0001, 0.9999), 0.01, 4, short="α"),
        Hyperparameter("beta1", QT_TRANSLATE_NOOP("Hyperparameters", "Beta 1"), QT_TRANSLATE_NOOP(
            "Hyperparameters", "Adam's momentum: how slowly the average gradient forgets (0.9 is usual)."),
            0.9, {"ge": 0.0, "lt": 1.0}, "fraction", (0.0, 0.999), 0.05, 3, short="β₁"),
        Hyperparameter("beta2", QT_TRANSLATE_NOOP("Hyperparameters", "Beta 2"), QT_TRANSLATE_NOOP(
            "Hyperparameters", "How slowly Adam's average of squared gradients forgets (0.999 is usual)."),
            0.999, {"ge": 0.0, "lt": 1.0}, "fraction", (0.0, 0.9999), 0.001, 4, short="β₂"),
        Hyperparameter("eps", QT_TRANSLATE_NOOP("Hyperparameters", "Epsilon"), QT_TRANSLATE_NOOP(
            "Hyperparameters", "A tiny number added before dividing by the gradient size, so steps stay finite."),
            1e-8, {"gt": 0.0, "le": 1.0}, "log", (1e-12, 1.0), short="ε"),
        Hyperparameter("weight_decay", QT_TRANSLATE_NOOP("Hyperparameters", "Weight decay"), QT_TRANSLATE_NOOP(
            "Hyperparameters", "Shrinks every weight a little at each step (like L2 regularization), "
            "which keeps weights small and fights overfitting."),
            0.0, {"ge": 0.0, "le": 1.0}, "log", (0.0, 1.0), floor=1e-5,
            short=QT_TRANSLATE_NOOP("Hyperparameters", "weight decay")),
    ]
}


def plain_kwargs(entry: "Optimizer", spec: Any) -> dict[str, Any]:
    """The torch keyword arguments of most optimizers: each hyperparameter under its own name."""
    return {name: getattr(spec, name) for name in entry.hyperparameters}


def betas_kwargs(entry: "Optimizer", spec: Any) -> dict[str, Any]:
    """Adam-like: beta1 and beta2 go to torch as one ``betas`` pair."""
    out = {}
    for name in entry.hyperparameters:
        if name == "beta1":
            out["betas"] = (spec.beta1, spec.beta2)
        elif name != "beta2":
            out[name] = getattr(spec, name)
    return out


@dataclass(frozen=True)
class Optimizer:
    """One optimizer and everything the app does with it (see the module docstring).

    ``defaults``: the hyperparameters it uses, in the order the Training panel shows
    them, with the values set on switching to it. ``limits``: (low, high) per
    hyperparameter where it needs a narrower range than every design may hold.
    ``kwargs(entry, spec)`` -> torch keyword arguments for a design's optimizer
    section ``spec``. ``update``: the compiled step's in-place update of one
    parameter, ``update(param, grad, state, lr, group)`` with ``state`` the tensors
    named by ``state_keys(group)`` (``group``: torch's param group), or a
    "module:function" path to one (resolved in the training process); None: this
    optimizer always trains eagerly.
    """

    name: str
    label: str
    description: str
    torch_class: str  # dotted path, e.g. "torch.optim.Adam"
    defaults: dict[str, float | bool]
    lr_range: tuple[float, float]  # learning rates it usually trains well with (kept when switching to it)
    fused_on: tuple[str, ...] = ()  # device types where torch has a fused (one kernel) implementation
    update: str | Callable | None = None
    state_keys: Callable[[dict], tuple[str, ...]] = lambda group: ()
    kwargs: Callable[["Optimizer", Any], dict[str, Any]] = plain_kwargs
    limits: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def hyperparameters(self) -> tuple[str, ...]:
        """Fields of the design's optimizer section it uses, in the order they are shown."""
        return tuple(self.defaults)

    def torch_kwargs(self, spec: Any) -> dict[str, Any]:
        """The keyword arguments (besides the parameters) its torch class takes for ``spec``."""
        return self.kwargs(self, spec)

    def problems(self, spec: Any) -> list[Problem]:
        """What is wrong with ``spec`` for this optimizer: Nesterov without momentum, and
        hyperparameters outside its own ``limits``."""
        out = []
        if "nesterov" in self.defaults and spec.nesterov and spec.momentum == 0:
            out.append(Problem("optimizer.nesterov", "Nesterov momentum needs a momentum above 0", "nesterov"))
        for name, (low, high) in self.limits.items():
            value = getattr(spec, name)
            if value < low:
                out.append(Problem(f"optimizer.{name}", f"must be at least {low:g} for {self.label} (got {value!r})",
                                   "pydantic.greater_than_equal", (low, value)))
            elif value > high:
                out.append(Problem(f"optimizer.{name}", f"must be at most {high:g} for {self.label} (got {value!r})",
                                   "pydantic.less_than_equal", (high, value)))
        return out


def _adam_states(group: dict) -> tuple[str, ...]:
    return ("step", "exp_avg", "exp_avg_sq")


def _rmsprop_states(group: dict) -> tuple[str, ...]:
    return ("step", "square_avg") + (("momentum_buffer",) if group["momentum"] > 0 else ())


_UPDATES = "playground.training.updates:"

OPTIMIZERS: dict[str, Optimizer] = {
    o.name: o
    for o in [
        Optimizer("sgd", QT_TRANSLATE_NOOP("registry", "SGD"), QT_TRANSLATE_NOOP(
            "Optimizers", "Stochastic gradient descent: every step moves each weight against its gradient, "
            "by the learning rate times the gradient."),
            "torch.optim.SGD", {"lr": 0.03, "weight_decay": 0.0}, (1e-4, 1.0), ("cpu", "cuda"), _UPDATES + "sgd"),
        # Momentum 0.9 makes steps about ten times larger than plain SGD's at the same rate.
        Optimizer("momentum", QT_TRANSLATE_NOOP("registry", "Momentum"), QT_TRANSLATE_NOOP(
            "Optimizers", "SGD with momentum: each step keeps a fraction of the previous one, like a ball "
            "rolling downhill; it speeds through flat valleys and damps zig-zags."),
            "torch.optim.SGD", {"lr": 0.03, "momentum": 0.9, "nesterov": False, "weight_decay": 0.0}, (1e-4, 0.3),
            ("cpu", "cuda"), _UPDATES + "momentum", lambda group: ("momentum_buffer",)),
        Optimizer("adagrad", QT_TRANSLATE_NOOP("registry", "Adagrad"), QT_TRANSLATE_NOOP(
            "Optimizers", "Adagrad: a learning rate per weight, shrinking for weights that got large "
            "gradients so far. Good for rare features; steps keep getting smaller."),
            "torch.optim.Adagrad", {"lr": 0.03, "eps": 1e-10, "weight_decay": 0.0}, (1e-3, 1.0), ("cpu",),
            _UPDATES + "adagrad", lambda group: ("step", "sum")),
        # Adaptive steps are about lr per weight, whatever the gradient's size: rates above 0.1 jump about.
        Optimizer("rmsprop", QT_TRANSLATE_NOOP("registry", "RMSProp"), QT_TRANSLATE_NOOP(
            "Optimizers", "RMSProp: like Adagrad, but recent gradients weigh more (a moving average), "
            "so the steps do not die out."),
            "torch.optim.RMSprop", {"lr": 0.01, "alpha": 0.99, "eps": 1e-8, "momentum": 0.0, "weight_decay": 0.0},
            (1e-4, 0.1), (), _UPDATES + "rmsprop", _rmsprop_states),
        Optimizer("adam", QT_TRANSLATE_NOOP("registry", "Adam"), QT_TRANSLATE_NOOP(
            "Optimizers", "Adam: momentum and RMSProp together, with bias correction. A good default."),
            "torch.optim.Adam", {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0},
            (1e-4, 0.1), ("cpu", "cuda"), _UPDATES + "adam", _adam_states, betas_kwargs),
        Optimizer("adamw", QT_TRANSLATE_NOOP("registry", "AdamW"), QT_TRANSLATE_NOOP(
            "Optimizers", "AdamW: Adam with weight decay applied to the weights directly, not through "
            "the gradient."),
            "torch.optim.AdamW", {"lr": 0.01, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.01},
            (1e-4, 0.1), ("cpu", "cuda"), _UPDATES + "adamw", _adam_states, betas_kwargs),
    ]
}


def register(entry: Optimizer) -> None:
    """Offer ``entry`` everywhere (design files, the Training panel, training, export)."""
    unknown = set(entry.defaults) - set(HYPERPARAMETERS)
    if unknown:
        raise ValueError(f"{entry.name}: no hyperparameter field {sorted(unknown)}")
    OPTIMIZERS[entry.name] = entry


def switched_optimizer(name: str, lr: float) -> dict[str, float | bool]:
    """The hyperparameters on switching to optimizer ``name`` from learning rate ``lr``: its
    usual values (``defaults``), but the learner's learning rate when it lies in the
    new optimizer's ``lr_range``."""
    entry = OPTIMIZERS[name]
    changes = dict(entry.defaults)
    low, high = entry.lr_range
    if low <= lr <= high:
        changes["lr"] = lr
    return changes
