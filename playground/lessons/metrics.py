"""The vocabulary of lesson goals: every metric a condition may name, its parameters and
how it is computed from an observation of one run, and the design settings a condition
may test. This module is the one owner of that vocabulary (the schema refuses names
that are not here; the evaluator computes them only here).

A metric returns a number, or None when it has no value yet: no evaluation yet, an
accuracy on regression data, ``fit_distance`` on data that is not a 1-D curve, no
probe yet. A run that diverged has no current loss or accuracy (its weights are no
longer numbers): ``train_loss``, ``test_loss``, the accuracies, ``loss_ratio``,
``generalization_gap`` and ``fit_distance`` have no value then, while the records of
its past (``best_*``, ``steps_to_*``) keep theirs. Booleans are 0/1.

numpy only (no torch, no Qt): the window builds observations from its snapshots and
history, the headless solver (playground.lessons.solve) from a Trainer.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from playground.data.datasets import clean_curve
from playground.design import registry
from playground.design.comparison import ACTIVATION, BATCH_NORM, DROPOUT
from playground.design.layer_stack import block_activations
from playground.design.schema import Design, DropoutLayer, LinearLayer
from playground.nn.probes import ProbeReport
from playground.runs.history import EVAL_COLUMNS

EVALUATION_COLUMNS = ("step", *EVAL_COLUMNS)


@dataclass(frozen=True, eq=False)
class RunObservation:
    """One run at one moment, as the evaluator reads it.

    ``step``: steps trained; ``epoch``: completed epochs; ``steps_per_epoch``: batches per
    epoch; ``diverged``: the loss stopped being finite. ``evaluations``: float64 (m, 5),
    rows in EVALUATION_COLUMNS order and in step order (the step is the number of steps
    done when evaluated, as RunHistory.eval_steps; accuracies 0-1, NaN on regression).
    ``probe``: the latest ProbeReport or None. ``design``: the run's Design;
    ``parameters``: its trainable parameters. ``curve``: the model's curve (x, y) over
    the data's x grid when the data is a 1-D curve (Dashboard.curve_x / curve_y), else None.
    """

    step: int
    epoch: int
    steps_per_epoch: int
    design: Design
    parameters: int
    diverged: bool = False
    evaluations: np.ndarray = field(default_factory=lambda: np.zeros((0, len(EVALUATION_COLUMNS))))
    probe: ProbeReport | None = None
    curve: tuple[np.ndarray, np.ndarray] | None = None

    def __post_init__(self):
        rows = np.asarray(self.evaluations, dtype=np.float64).reshape(-1, len(EVALUATION_COLUMNS))
        object.__setattr__(self, "evaluations", rows)


def evaluation_rows(steps: np.ndarray, evals: np.ndarray) -> np.ndarray:
    """RunObservation.evaluations from a run history's evaluations: ``steps`` (m,) and
    ``evals`` (m, 4) in EVAL_COLUMNS order (LiveHistory.evals' steps and values,
    RunHistory.eval_steps and evals)."""
    evals = np.asarray(evals, dtype=np.float64).reshape(-1, len(EVAL_COLUMNS))
    return np.column_stack((np.asarray(steps, dtype=np.float64), evals))


@dataclass(frozen=True)
class Metric:
    """A named number of a run: ``params`` are the names of the numbers a condition
    gives it (each required); ``compute(observation, **params)`` is its value or None."""

    name: str
    compute: Callable[..., float | None]
    params: tuple[str, ...] = ()


def _column(name: str) -> int:
    return EVALUATION_COLUMNS.index(name)


def _latest(name: str, current: bool = True) -> Callable[[RunObservation], float | None]:
    """The latest evaluation's ``name`` (``current``: none for a run that diverged)."""
    def compute(o: RunObservation) -> float | None:
        if not len(o.evaluations) or (current and o.diverged):
            return None
        return _number(o.evaluations[-1, _column(name)])
    return compute


def _best(name: str, pick: Callable) -> Callable[[RunObservation], float | None]:
    def compute(o: RunObservation) -> float | None:
        values = o.evaluations[:, _column(name)]
        values = values[np.isfinite(values)]
        return float(pick(values)) if len(values) else None
    return compute


def _first_step(name: str, reached: Callable[[np.ndarray, float], np.ndarray]) -> Callable[..., float | None]:
    def compute(o: RunObservation, threshold: float) -> float | None:
        rows = np.flatnonzero(reached(o.evaluations[:, _column(name)], threshold))
        return float(o.evaluations[rows[0], 0]) if len(rows) else None
    return compute


def _number(value) -> float | None:
    value = float(value)
    return None if math.isnan(value) else value


def _loss_ratio(o: RunObservation) -> float | None:
    latest = _latest("train_loss")(o)
    if latest is None:
        return None
    first = float(o.evaluations[0, _column("train_loss")])
    return _ratio(first, latest)


def _ratio(top: float, bottom: float) -> float | None:
    """top / bottom; infinite when only the bottom is 0, no value when both are."""
    if bottom == 0:
        return math.inf if top > 0 else None
    return top / bottom


def _gap(o: RunObservation) -> float | None:
    train, test = _latest("train_loss")(o), _latest("test_loss")(o)
    return None if train is None or test is None else test - train


def _gradient(index: int) -> Callable[[RunObservation], float | None]:
    def compute(o: RunObservation) -> float | None:
        gradients = o.probe.gradients if o.probe is not None else ()
        return _number(gradients[index].weight_grad_norm) if gradients else None
    return compute


def _gradient_ratio(o: RunObservation) -> float | None:
    first, last = _gradient(0)(o), _gradient(-1)(o)
    return None if first is None or last is None else _ratio(last, first)


def _update_ratio(o: RunObservation) -> float | None:
    gradients = o.probe.gradients if o.probe is not None else ()
    return min((g.update_ratio for g in gradients), default=None)


def _fit_distance(o: RunObservation) -> float | None:
    """Mean absolute distance between the model's curve and the data's clean curve."""
    if o.curve is None or o.diverged or registry.DATASETS[o.design.data.dataset].input_kind != "1d":
        return None
    x, y = (np.asarray(a, dtype=np.float64) for a in o.curve)
    return _number(np.mean(np.abs(y - clean_curve(o.design.data, x))))


def _hidden_units(design: Design) -> list[int]:
    return [layer.units for layer in design.layers if isinstance(layer, LinearLayer)]


def _metrics(*metrics: Metric) -> dict[str, Metric]:
    return {metric.name: metric for metric in metrics}


METRICS: dict[str, Metric] = _metrics(
    Metric("step", lambda o: o.step),
    Metric("epoch", lambda o: o.epoch),
    Metric("train_loss", _latest("train_loss")),
    Metric("test_loss", _latest("test_loss")),
    Metric("train_accuracy", _latest("train_accuracy")),
    Metric("test_accuracy", _latest("test_accuracy")),
    Metric("best_test_loss", _best("test_loss", np.min)),
    Metric("best_test_accuracy", _best("test_accuracy", np.max)),
    Metric("loss_ratio", _loss_ratio),
    Metric("generalization_gap", _gap),
    Metric("steps_to_test_loss", lambda o, below: _first_step("test_loss", np.less_equal)(o, below), ("below",)),
    Metric("steps_to_test_accuracy", lambda o, at_least: _first_step("test_accuracy", np.greater_equal)(o, at_least),
           ("at_least",)),
    Metric("diverged", lambda o: int(o.diverged)),
    Metric("first_layer_gradient", _gradient(0)),
    Metric("last_layer_gradient", _gradient(-1)),
    Metric("gradient_ratio", _gradient_ratio),
    Metric("update_ratio", _update_ratio),
    Metric("fit_distance", _fit_distance),
    Metric("hidden_layers", lambda o: len(_hidden_units(o.design))),
    Metric("max_units", lambda o: max(_hidden_units(o.design), default=0)),
    Metric("parameters", lambda o: o.parameters),
    Metric("steps_per_epoch", lambda o: o.steps_per_epoch),
    Metric("batch_norm", lambda o: int(o.design.has_batchnorm)),
)
"""Every metric a condition may name, by name."""


def metric_value(name: str, observation: RunObservation, params: dict[str, float] | None = None) -> float | None:
    """The value of metric ``name`` (a key of METRICS) for ``observation``, or None (no value yet)."""
    value = METRICS[name].compute(observation, **(params or {}))
    return None if value is None else float(value)


def setting_value(design: Design, path: str):
    """The setting at a variant's change path (playground.design.comparison) in ``design``:
    ``layers.activation`` the activation every hidden block applies (None when they
    differ or there are none), ``layers.batch_norm`` whether there is batch
    normalization, ``layers.dropout`` the dropout rate of every Dropout layer (0 when
    none, None when they differ), ``layers[i].field`` that layer's field, otherwise
    the design's field. None when the design has no such setting."""
    if path == ACTIVATION:
        return _same(block_activations(design.layers))
    if path == BATCH_NORM:
        return design.has_batchnorm
    if path == DROPOUT:
        rates = [layer.p for layer in design.layers if isinstance(layer, DropoutLayer)]
        return _same(rates) if rates else 0.0
    if path.startswith("layers["):
        index, _, leaf = path.removeprefix("layers[").partition("].")
        layers = design.layers
        return getattr(layers[int(index)], leaf, None) if int(index) < len(layers) else None
    section, _, leaf = path.partition(".")
    value = getattr(design, section, None)
    return getattr(value, leaf, None) if leaf else value


def _same(values):
    return values[0] if values and all(v == values[0] for v in values) else None
