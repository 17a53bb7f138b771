"""The Design: everything needed to reproduce a run, as immutable validated models.

A Design is data (which set, its parameters and seed), the hidden layer stack (the
output layer is added to fit the loss), the weight init, the loss, the optimizer
and its hyperparameters, and how to train (batch mode, epochs, regularization,
seed, device). Change one with ``design.model_copy(update=...)`` or the helpers
below, then ``check_design`` it: field types and ranges are checked on
construction, cross-field rules (a loss that fits the task...) by ``check_design``.

Defaults reproduce TensorFlow Playground's opening problem: circle data, inputs x1
and x2, hidden layers [4, 2] with tanh, SGD at learning rate 0.03, batch size 10,
250 training points.
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from playground.design import registry, rules
from playground.design.tasks import TASKS
from playground.errors import EXCERPT, DesignError, Problem, excerpt

MAX_UNITS = 512
MAX_LAYERS = 32
MAX_SAMPLES = 20_000


def field_range(model: type[BaseModel], name: str) -> tuple:
    """(lowest, highest) value that field ``name`` of ``model`` allows: its ge/le limits."""
    low = high = None
    for limit in model.model_fields[name].metadata:
        low, high = getattr(limit, "ge", low), getattr(limit, "le", high)
    return low, high


class StrictModel(BaseModel):
    """A frozen model that refuses unknown fields: every section of a design, comparison or
    lesson file."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class UnknownName(ValueError):
    """A name no entry of a registry table has; ``kind`` says which table ("activation"...)."""

    def __init__(self, kind: str, value: str, table: dict):
        self.kind, self.value, self.names = kind, excerpt(value), ", ".join(table)
        super().__init__(f"unknown {kind} '{self.value}' (choose one of: {self.names})")


def _known(kind: str, table: dict):
    def check(value: str) -> str:
        if value not in table:
            raise UnknownName(kind, value, table)
        return value

    return check


class DataSpec(StrictModel):
    dataset: str = "circle"
    """Name in registry.DATASETS."""
    samples: int = Field(500, ge=20, le=MAX_SAMPLES)
    """Points generated, train and test together (the digits set always has 1,797)."""
    noise: float = Field(0.0, ge=0.0, le=1.0)
    """0 = clean; 1 = as much noise as signal. Scaled to each generator."""
    train_fraction: float = Field(0.5, ge=0.1, le=0.9)
    outlier_fraction: float = Field(0.0, ge=0.0, le=0.5)
    """1-D curves only: this share of training points is moved far off the curve."""
    classes: int = Field(3, ge=3, le=6)
    """Multi-class 2-D sets only."""
    features: tuple[str, ...] = ("x1", "x2")
    """2-D sets only: input feature maps, names in registry.FEATURES."""
    seed: int = Field(1, ge=0, le=2**31 - 1)
    csv_path: str = ""
    csv_target: str = ""
    csv_task: Literal["classification", "regression"] = "classification"

    _check_dataset = field_validator("dataset")(_known("dataset", registry.DATASETS))

    @field_validator("features")
    @classmethod
    def _check_features(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [f for f in value if f not in registry.FEATURES]
        if unknown:
            names = ", ".join(f"'{excerpt(name)}'" for name in unknown[:3]) + (", ..." if len(unknown) > 3 else "")
            raise ValueError(f"unknown feature {names} (choose from: {', '.join(registry.FEATURES)})")
        if len(set(value)) != len(value):
            raise ValueError("a feature is listed twice")
        return value

    @property
    def info(self) -> registry.DataSet:
        """The data set's registry entry."""
        return registry.DATASETS[self.dataset]

    @property
    def task(self) -> registry.Task | Literal["classification"]:
        """The task; for CSV classification the class count is known only once loaded."""
        if self.info.input_kind == "csv":
            return "regression" if self.csv_task == "regression" else "classification"
        return self.info.task


class LinearLayer(StrictModel):
    type: Literal["linear"] = "linear"
    units: int = Field(4, ge=1, le=MAX_UNITS)
    activation: str = "tanh"

    _check_activation = field_validator("activation")(_known("activation", registry.ACTIVATIONS))


class BatchNormLayer(StrictModel):
    """Normalizes each feature over the batch; ``activation`` is applied after it."""

    type: Literal["batchnorm"] = "batchnorm"
    activation: str = "linear"
    momentum: float = Field(0.1, gt=0.0, le=1.0)
    """Weight of the newest batch in the running mean/variance."""

    _check_activation = field_validator("activation")(_known("activation", registry.ACTIVATIONS))


class DropoutLayer(StrictModel):
    type: Literal["dropout"] = "dropout"
    p: float = Field(0.5, ge=0.0, le=0.95)


Layer = Annotated[Union[LinearLayer, BatchNormLayer, DropoutLayer], Field(discriminator="type")]


def _hyper(name: str):
    """The field of hyperparameter ``name``: its default and limits from registry.HYPERPARAMETERS."""
    h = registry.HYPERPARAMETERS[name]
    return Field(h.default, **h.bounds)


class OptimizerSpec(StrictModel):
    """All hyperparameters; registry.OPTIMIZERS[name].hyperparameters says which apply
    (and its ``limits``, checked by check_design, may narrow them)."""

    name: str = "sgd"
    lr: float = _hyper("lr")
    momentum: float = _hyper("momentum")
    nesterov: bool = _hyper("nesterov")
    alpha: float = _hyper("alpha")
    beta1: float = _hyper("beta1")
    beta2: float = _hyper("beta2")
    eps: float = _hyper("eps")
    weight_decay: float = _hyper("weight_decay")

    _check_name = field_validator("name")(_known("optimizer", registry.OPTIMIZERS))


class TrainingSpec(StrictModel):
    batch_mode: Literal["full", "stochastic", "minibatch"] = "minibatch"
    batch_size: int = Field(10, ge=1, le=MAX_SAMPLES)
    """Mini-batch only; a batch larger than the training set means full batch."""
    epochs: int = Field(10_000, ge=1, le=1_000_000)
    """The run stops after this many epochs."""
    regularization: Literal["none", "l1", "l2"] = "none"
    regularization_rate: float = Field(0.0, ge=0.0, le=1.0)
    """Added to the loss: rate * sum(|w|) (L1) or rate * sum(w^2) / 2 (L2), weights only."""
    seed: int = Field(0, ge=0, le=2**31 - 1)
    """Initial weights, shuffling and dropout."""
    device: Literal["auto", "cpu", "cuda", "mps"] = "auto"


def _default_layers() -> tuple[LinearLayer, ...]:
    return (LinearLayer(units=4, activation="tanh"), LinearLayer(units=2, activation="tanh"))


class Design(StrictModel):
    name: str = Field("", max_length=200)
    description: str = Field("", max_length=20_000)
    data: DataSpec = DataSpec()
    layers: tuple[Layer, ...] = Field(default_factory=_default_layers, max_length=MAX_LAYERS)
    """Hidden layers, input side first; the output layer is added to fit the loss."""
    init: str = "default"
    loss: str = Field(default_factory=lambda: rules.default_loss(DataSpec().task))
    """The loss chosen for the default data."""
    optimizer: OptimizerSpec = OptimizerSpec()
    training: TrainingSpec = TrainingSpec()

    _check_init = field_validator("init")(_known("weight init", registry.INITS))
    _check_loss = field_validator("loss")(_known("loss", registry.LOSSES))

    @property
    def has_batchnorm(self) -> bool:
        return any(isinstance(layer, BatchNormLayer) for layer in self.layers)

    @property
    def has_dropout(self) -> bool:
        """A Dropout layer that drops something (p > 0): training then draws random numbers."""
        return any(isinstance(layer, DropoutLayer) and layer.p > 0 for layer in self.layers)

    def with_(self, **sections) -> "Design":
        """A copy with whole fields or sections replaced, validated again."""
        return Design.model_validate({**self.model_dump(), **_dump(sections)})

    def with_data(self, **changes) -> "Design":
        return self.with_(data={**self.data.model_dump(), **changes})

    def with_optimizer(self, **changes) -> "Design":
        return self.with_(optimizer={**self.optimizer.model_dump(), **changes})

    def with_training(self, **changes) -> "Design":
        return self.with_(training={**self.training.model_dump(), **changes})


LIVE_FIELDS = frozenset({("optimizer", "lr"), ("training", "epochs")})
"""Fields that change a run without resetting it, also once it has finished (a higher
epoch limit lets a finished run go on), and that a run's saved weights follow: the
learning rate the run trained with last is the one it keeps."""
COSMETIC_FIELDS = frozenset({("name", ""), ("description", "")})
"""Fields that change nothing a run computes."""


def changed_fields(old: Design, new: Design) -> set[tuple[str, str]]:
    """(section, field) pairs that differ; top-level fields are (name, "")."""
    a, b = old.model_dump(), new.model_dump()
    out = set()
    for key in a:
        if a[key] == b[key]:
            continue
        if isinstance(a[key], dict):
            out |= {(key, sub) for sub in a[key] if a[key][sub] != b[key][sub]}
        else:
            out.add((key, ""))
    return out


def is_live_change(old: Design, new: Design) -> bool:
    """True when only live fields changed: the run goes on without a reset."""
    fields = changed_fields(old, new)
    return bool(fields) and fields <= LIVE_FIELDS


def is_cosmetic_change(old: Design, new: Design) -> bool:
    """Only the name or description changed: nothing to retrain."""
    fields = changed_fields(old, new)
    return bool(fields) and fields <= COSMETIC_FIELDS


def trains_alike(old: Design, new: Design) -> bool:
    """The same run: any difference is cosmetic or live, so one run's weights and
    position carry over to the other (the live fields then follow ``new``)."""
    return changed_fields(old, new) <= LIVE_FIELDS | COSMETIC_FIELDS


def _dump(sections: dict) -> dict:
    out = {}
    for key, value in sections.items():
        if isinstance(value, BaseModel):
            value = value.model_dump()
        elif isinstance(value, (list, tuple)):
            value = [v.model_dump() if isinstance(v, BaseModel) else v for v in value]
        out[key] = value
    return out


def check_design(design: Design) -> list[Problem]:
    """Cross-field problems (each field alone is already valid). Empty list = fine."""
    problems: list[Problem] = []
    task = design.data.task
    loss = registry.LOSSES[design.loss]
    if not rules.loss_fits(design.loss, task):
        allowed = rules.fitting_losses(task)
        problems.append(
            Problem(
                "loss",
                f"{loss.label} does not fit {TASKS[task].phrase} data; "
                f"use {', '.join(registry.LOSSES[name].label for name in allowed)}",
                "loss_task", (design.loss, task, allowed),
            )
        )
    data = design.data
    if "features" in data.info.controls and not data.features:
        problems.append(Problem("data.features", "choose at least one input feature", "no_features"))
    if data.info.input_kind == "csv":
        if not data.csv_path:
            problems.append(Problem("data.csv_path", "choose a CSV file", "no_csv"))
        if not data.csv_target:
            problems.append(Problem("data.csv_target", "choose the column to predict", "no_target"))
    if design.has_batchnorm and design.training.batch_mode == "stochastic":
        problems.append(
            Problem(
                "training.batch_mode",
                "batch normalization needs at least 2 samples per batch; "
                "use mini-batch or full batch, or remove the BatchNorm layers",
                "bn_stochastic",
            )
        )
    if design.has_batchnorm and design.training.batch_mode == "minibatch" and design.training.batch_size < 2:
        problems.append(Problem("training.batch_size", "batch normalization needs a batch size of at least 2",
                                "bn_batch_size"))
    problems += registry.OPTIMIZERS[design.optimizer.name].problems(design.optimizer)
    return problems


def require_valid(design: Design) -> Design:
    """Return the design, or raise DesignError listing every cross-field problem."""
    problems = check_design(design)
    if problems:
        raise DesignError(problems, title="The design cannot be trained as it stands:")
    return design


def field_path(loc: tuple) -> str:
    """Pydantic's error location as a dotted path: ('layers', 1, 'linear', 'units') -> layers[1].units."""
    out = ""
    parts = list(loc)
    i = 0
    while i < len(parts):
        part = parts[i]
        if isinstance(part, int):
            out += f"[{part}]"
            # Skip the union tag pydantic puts after a list index of a tagged union.
            if i + 1 < len(parts) and parts[i + 1] in registry.LAYER_TYPES:
                i += 1
        elif part not in ("function-after",):
            out += ("." if out else "") + str(part)
        i += 1
    return out


_MAX_MESSAGE = 300  # characters; only a message quoting a huge input comes near


def problems_from_validation(error: ValidationError, prefix: str = "") -> list[Problem]:
    """One Problem per field error, its message quoting at most an excerpt of the input.

    ``code`` is ``pydantic.<error type>``; ``args`` are (the limit or choices, the
    input or an excerpt of it), for wording the problem in another language.
    """
    problems = []
    for e in error.errors(include_url=False):
        path = field_path(tuple(e["loc"]))
        path = f"{prefix}.{path}" if prefix and path else (prefix or path)
        got = e.get("input") if not isinstance(e.get("input"), (dict, list)) else None
        if isinstance(got, str):
            got = excerpt(got)
        message = _quoting_excerpts(e["msg"].removeprefix("Value error, "), e)
        if e["type"] == "extra_forbidden":
            message = "unknown field (not part of a design)"
        elif e["type"] == "missing":
            message = "required field is missing"
        elif "input" in e and e["type"] not in ("value_error",) and not isinstance(e["input"], (dict, list)):
            message += f" (got {got!r})"
        ctx = e.get("ctx") or {}
        if isinstance(ctx.get("error"), UnknownName):
            unknown = ctx["error"]
            problems.append(Problem(path, excerpt(message, _MAX_MESSAGE), "unknown_name",
                                    (unknown.kind, unknown.value, unknown.names)))
            continue
        # A length error's context starts with the field's type ("Tuple"): its limit is the length.
        limit = ctx.get("min_length", ctx.get("max_length", next(iter(ctx.values()), None)))
        problems.append(Problem(path, excerpt(message, _MAX_MESSAGE), f"pydantic.{e['type']}", (limit, got)))
    return problems


def _quoting_excerpts(message: str, e: dict) -> str:
    """pydantic's message with the long strings it quotes (a union tag...) cut to an excerpt."""
    quoted = [e.get("input"), *(e.get("ctx") or {}).values()]
    for value in quoted:
        if isinstance(value, str) and len(value) > EXCERPT and value in message:
            message = message.replace(value, excerpt(value))
    return message
