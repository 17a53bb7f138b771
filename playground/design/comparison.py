"""A comparison: a base design and 2 to 6 variants of it that train side by side.

The runs are exactly the variants: each one is a full ``Design``, the base with the
variant's changes. The base is the reference they differ from (and the design the
editing panels show); it trains only as a variant with no changes. "All five
optimizers" is five variants; "SGD against Adam" is a variant with no changes next
to one that switches to Adam.

A variant is written as the design's own fields, by dotted path, with a few words
for changes to the whole layer stack::

    {"name": "Adam", "changes": {"optimizer.name": "adam", "optimizer.lr": 0.01}}
    {"changes": {"layers.activation": "sigmoid"}}        every hidden layer's activation
    {"changes": {"layers[2].activation": "relu"}}        one layer's (index into the base's layers)
    {"changes": {"layers.batch_norm": true}}             BatchNorm after each hidden Linear (false: none)
    {"changes": {"layers.dropout": 0.2}}                 Dropout(0.2) after each hidden layer (0: none)

Dotted paths were chosen over partial design objects because one line names one
change, as a learner says it, and a problem is named by the same path inside the
variant (``variants[2].optimizer.lr: must be greater than 0``). Only the settings a
comparison is about may change (``VARIABLE_FIELDS``, ``LAYER_FIELDS``, ``STACK_KEYS``):
every run shares the data (except its noise and outliers), the split, the seeds and
so the shuffling order, the epoch limit and the device.

How changes apply: layer paths (``layers[i].units``...) index the base's layers and
apply first; then ``layers.batch_norm``, ``layers.activation``, ``layers.dropout`` in
that order, whatever order the file lists them in. Switching ``optimizer.name`` starts
from that optimizer's usual hyperparameters, keeping the base's learning rate when it
suits the new optimizer (``registry.switched_optimizer``, as the Training panel does);
the variant's own ``optimizer.*`` values then apply. The whole-stack changes and what
a hidden block is are playground.design.layer_stack's.

Constructing a ``Comparison`` checks each field (like constructing a ``Design``) and
raises ``DesignError`` naming every problem by its path inside the variant;
``check_comparison`` adds the cross-field rules of ``check_design`` (like
``check_design``), and ``size_problems`` the parameter limit of all runs together,
which needs the data's input width and class count (``playground.data.facts``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field as dataclass_field
from typing import Any

from pydantic import Field, ValidationError

from playground.design import registry
from playground.design.rules import MAX_PARAMETERS
from playground.design.schema import (MAX_LAYERS, Design, DropoutLayer, LinearLayer, OptimizerSpec,
                                      StrictModel, check_design, problems_from_validation)
from playground.design.layer_stack import (block_activations, blocks, with_activation, with_batch_norm,
                                           with_dropout)
from playground.design.shapes import layer_names, layer_shapes, output_size, total_parameters
from playground.errors import DesignError, Problem, excerpt

MIN_RUNS = 2
MAX_RUNS = 6
MAX_RUN_NAME = 40  # characters of a learner's name for a run (it labels a legend)

VARIABLE_FIELDS = frozenset(
    {"loss", "init", "training.batch_mode", "training.batch_size", "training.regularization",
     "training.regularization_rate", "data.noise", "data.outlier_fraction"}
    | {f"optimizer.{name}" for name in OptimizerSpec.model_fields}
)
"""Design fields (dotted paths) a variant may change."""
LAYER_FIELDS = ("activation", "units", "p", "momentum")
"""Fields of one hidden layer (``layers[i].<field>``) a variant may change."""
ACTIVATION, BATCH_NORM, DROPOUT = "layers.activation", "layers.batch_norm", "layers.dropout"
STACK_KEYS = (BATCH_NORM, ACTIVATION, DROPOUT)
"""Changes to every hidden layer, in the order they apply."""

_LAYER_PATH = re.compile(r"layers\[(\d{1,6})\]\.(\w+)")  # a longer index is no design field
_SECTIONS = {"data", "optimizer", "training"}


class Variant(StrictModel):
    """One run: an optional name (its legend label) and its changes to the base.

    ``changes``: path -> JSON value (a number, text, or true/false); see the module
    docstring for the paths."""

    name: str = Field("", max_length=MAX_RUN_NAME)
    changes: dict[str, Any] = Field(default_factory=dict)


@dataclass(frozen=True)
class Difference:
    """What one change of a run does: ``field`` its path, ``old`` the base's setting,
    ``new`` the run's. ``code`` and ``args`` say how a legend words it (``comparison_labels.difference_text``)."""

    field: str
    old: Any
    new: Any
    code: str
    args: tuple = ()


@dataclass(frozen=True)
class Comparison:
    """A base design and its variants; the runs are the variants' full designs.

    Raises DesignError (every problem, named by its path) when the number of variants
    is not MIN_RUNS..MAX_RUNS or a change is not a valid design field."""

    base: Design
    variants: tuple[Variant, ...]
    _runs: tuple[Design, ...] = dataclass_field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "variants", tuple(self.variants))
        problems = run_count_problems(len(self.variants))
        runs = []
        for i, variant in enumerate(self.variants):
            run, found = _run_design(self.base, variant.changes, f"variants[{i}]")
            runs.append(run)
            problems += found
        if problems:
            raise DesignError(problems, title="The comparison cannot be used as it stands:",
                              title_code="comparison_invalid")
        object.__setattr__(self, "_runs", tuple(runs))

    def designs(self) -> tuple[Design, ...]:
        """The full design of each run, in the variants' order."""
        return self._runs

    def differences(self, i: int) -> tuple[Difference, ...]:
        """What run ``i`` changes relative to the base, in the order of its changes; a
        change that leaves the base's setting as it was (or an optimizer hyperparameter
        the run's optimizer does not use) is left out."""
        return _differences(self.base, self._runs[i], self.variants[i].changes)

    def with_base(self, base: Design) -> "Comparison":
        """The same variants applied to another base (validated again)."""
        return Comparison(base, self.variants)


def run_count_problems(count: int) -> list[Problem]:
    """A problem (field ``variants``) unless there are MIN_RUNS..MAX_RUNS variants."""
    if MIN_RUNS <= count <= MAX_RUNS:
        return []
    return [Problem("variants", f"a comparison has {MIN_RUNS} to {MAX_RUNS} runs (got {count})",
                    "comparison_run_count", (MIN_RUNS, MAX_RUNS, count))]


# -- applying a variant -------------------------------------------------------------------


def variant_design(base: Design, changes: dict, prefix: str) -> tuple[Design, list[Problem]]:
    """(``base`` with ``changes`` applied as a variant's, the problems of the changes named
    ``prefix.<path>``); the design is ``base`` when there are problems. For other owners
    of variant changes (a lesson's solution) so that the paths allowed stay this module's."""
    return _run_design(base, changes, prefix)


def change_path_problem(key: str, base: Design, prefix: str) -> Problem | None:
    """The problem with ``key`` as a variant's change path on ``base`` (named
    ``prefix.<key>``), or None when a variant may change it."""
    if key in STACK_KEYS:
        return None
    found = _field_path(key, base, prefix)
    return found if isinstance(found, Problem) else None



def _run_design(base: Design, changes: dict, prefix: str) -> tuple[Design, list[Problem]]:
    """(the run's design, the problems of its changes named ``prefix.<path>``); the
    design is the base when there are problems."""
    fields = base.model_dump(mode="json")
    origin: dict[str, str] = {}  # design field path -> the change that set it
    problems: list[Problem] = []
    name = changes.get("optimizer.name")
    if isinstance(name, str) and name in registry.OPTIMIZERS and name != base.optimizer.name:
        fields["optimizer"].update(registry.switched_optimizer(name, base.optimizer.lr))
    for key, value in changes.items():
        if key in STACK_KEYS:
            continue
        path = _field_path(key, base, prefix)
        if isinstance(path, Problem):
            problems.append(path)
            continue
        section, leaf, layer = path
        if layer:
            fields["layers"][layer[0]][layer[1]] = value
        elif leaf:
            fields[section][leaf] = value
        else:
            fields[section] = value
        origin[_path_text(path)] = key
    problems += [p for p in (_stack_value_problem(key, changes[key], f"{prefix}.{key}")
                             for key in STACK_KEYS if key in changes) if p]
    try:
        design = Design.model_validate_json(json.dumps(fields), strict=True)
    except ValidationError as error:
        for problem in problems_from_validation(error):
            key = origin.get(problem.field, problem.field)
            problems.append(Problem(f"{prefix}.{key}", problem.message, problem.code, problem.args))
        return base, problems
    if problems:
        return base, problems
    design, problems = _with_stack_changes(design, changes, prefix)
    return (base if problems else design), problems


def _field_path(key: str, base: Design, prefix: str) -> tuple | Problem:
    """("layers", "", (i, field)) | (section, field, "") | (field, "", ""), or the problem with ``key``."""
    where = f"{prefix}.{excerpt(key)}"
    match = _LAYER_PATH.fullmatch(key)
    if match:
        index, leaf = int(match[1]), match[2]
        if index >= len(base.layers):
            return _no_layer(where, index, len(base.layers))
        if leaf not in LAYER_FIELDS:
            return _fixed(where) if leaf == "type" else _unknown(where)
        return "layers", "", (index, leaf)
    section, _, leaf = key.partition(".")
    known = (section in _SECTIONS and leaf in type(getattr(base, section)).model_fields) or (
        not leaf and section in Design.model_fields)
    if not known:
        return _unknown(where)
    if key not in VARIABLE_FIELDS:
        return _fixed(where)
    return (section, leaf, "") if leaf else (section, "", "")


def _path_text(path: tuple) -> str:
    section, leaf, layer = path
    if layer:
        return f"layers[{layer[0]}].{layer[1]}"
    return f"{section}.{leaf}" if leaf else section


def _unknown(where: str) -> Problem:
    return Problem(where, "unknown field (not part of a design)", "pydantic.extra_forbidden", (None, None))


def _fixed(where: str) -> Problem:
    return Problem(where, "is the same for every run of a comparison (they share the data, its order, the seeds "
                          "and the layer kinds): change it in the base design", "variant_fixed_field")


def _no_layer(where: str, index: int, count: int) -> Problem:
    if count == 0:
        return Problem(where, "the base design has no hidden layers", "variant_no_layers")
    return Problem(where, f"the base design has no layer {index}: its layers are numbered 0 to {count - 1}",
                   "variant_no_layer", (index, count - 1))


def _with_stack_changes(design: Design, changes: dict, prefix: str) -> tuple[Design, list[Problem]]:
    """``design`` with the (valid) changes to every hidden layer applied, in STACK_KEYS' order."""
    layers = list(design.layers)
    for key in STACK_KEYS:
        if key not in changes:
            continue
        value = changes[key]
        if key == BATCH_NORM:
            layers = with_batch_norm(layers, value)
        elif key == ACTIVATION:
            layers = with_activation(layers, value)
        else:
            layers = with_dropout(layers, float(value))
    if layers == list(design.layers):
        return design, []
    if len(layers) > MAX_LAYERS:
        return design, [Problem(f"{prefix}.layers", f"these changes make {len(layers)} hidden layers, more than a "
                                                    f"design may have ({MAX_LAYERS})",
                                "variant_too_many_layers", (len(layers), MAX_LAYERS))]
    return design.with_(layers=layers), []


def _stack_value_problem(key: str, value, where: str) -> Problem | None:
    if key == BATCH_NORM:
        if isinstance(value, bool):
            return None
        return Problem(where, f"Input should be a valid boolean (got {_shown(value)})", "pydantic.bool_type",
                       (None, _shown(value)))
    model, name = (LinearLayer, "activation") if key == ACTIVATION else (DropoutLayer, "p")
    try:
        model.model_validate_json(json.dumps({name: value}), strict=True)
    except ValidationError as error:
        problem = problems_from_validation(error)[0]
        return Problem(where, problem.message, problem.code, problem.args)
    return None


def _shown(value):
    return excerpt(value) if isinstance(value, str) else value if not isinstance(value, (dict, list)) else None


def _stack_state(layers, key: str):
    """How the base stands on a whole-stack change: every block batch-normalized (True),
    none (False) or some (None); every block with Dropout of one rate (that rate), none
    (0.0) or mixed (None); the blocks' activations."""
    layers = list(layers)
    if key == ACTIVATION:
        return block_activations(layers)
    hidden = blocks(layers)
    if key == BATCH_NORM:
        flags = {n is not None for _, n in hidden}
        return flags.pop() if len(flags) == 1 else (False if not hidden else None)
    rates = [layer.p for layer in layers if isinstance(layer, DropoutLayer)]
    if not rates:
        return 0.0
    return rates[0] if len(set(rates)) == 1 and with_dropout(layers, rates[0]) == layers else None


# -- what a run changes ---------------------------------------------------------------------


def _differences(base: Design, run: Design, changes: dict) -> tuple[Difference, ...]:
    out = []
    staged = _run_design_before_stack(base, changes)
    used = registry.OPTIMIZERS[run.optimizer.name].hyperparameters
    for key, value in changes.items():
        if key in STACK_KEYS:
            old = _stack_state(base.layers, key)
            if old != _stack_state(run.layers, key):
                out.append(_stack_difference(key, old, value))
            continue
        match = _LAYER_PATH.fullmatch(key)
        if match:
            index, leaf = int(match[1]), match[2]
            old, new = getattr(base.layers[index], leaf), getattr(staged.layers[index], leaf)
            if old != new:
                out.append(Difference(key, old, new, f"layer_{leaf}", (_layer_tag(base, index), new)))
            continue
        section, _, leaf = key.partition(".")
        old = getattr(getattr(base, section), leaf) if leaf else getattr(base, section)
        new = getattr(getattr(run, section), leaf) if leaf else getattr(run, section)
        if old == new or (section == "optimizer" and leaf != "name" and leaf not in used):
            continue
        out.append(_field_difference(key, old, new))
    return tuple(out)


def _run_design_before_stack(base: Design, changes: dict) -> Design:
    """The run's design with its changes to single fields only (layer indices still the base's)."""
    return _run_design(base, {k: v for k, v in changes.items() if k not in STACK_KEYS}, "")[0]


def _layer_tag(design: Design, index: int) -> tuple[str, int]:
    """(layer type, its number among layers of that type): ("linear", 2) for "Linear 2"."""
    name = layer_names(design)[index]
    return design.layers[index].type, int(name.rpartition(" ")[2])


def _stack_difference(key: str, old, value) -> Difference:
    if key == BATCH_NORM:
        return Difference(key, old, value, "batch_norm_on" if value else "batch_norm_off")
    if key == DROPOUT:
        return Difference(key, old, float(value), "dropout" if value else "no_dropout", (float(value),))
    return Difference(key, old, value, "activation", (value,))


def _field_difference(key: str, old, new) -> Difference:
    section, _, leaf = key.partition(".")
    if section == "optimizer":
        if leaf == "name":
            return Difference(key, old, new, "optimizer", (new,))
        if isinstance(new, bool):
            return Difference(key, old, new, "hyperparameter_on" if new else "hyperparameter_off", (leaf,))
        return Difference(key, old, new, "hyperparameter", (leaf, new))
    if leaf == "regularization" and new == "none":
        return Difference(key, old, new, "no_regularization")
    code = {"loss": "loss", "init": "init", "training.batch_mode": "batch_mode", "training.batch_size": "batch_size",
            "training.regularization": "regularization", "training.regularization_rate": "regularization_rate",
            "data.noise": "noise", "data.outlier_fraction": "outliers"}[key]
    return Difference(key, old, new, code, (new,))


# -- checks over all runs -------------------------------------------------------------------


def check_comparison(comparison: Comparison) -> list[Problem]:
    """Cross-field problems (``check_design``) of the base and of every run, a run's named
    ``variants[i].<field>``; a problem a run shares with the base is named once, for the base."""
    base_problems = check_design(comparison.base)
    seen = {(p.field, p.code, p.args) for p in base_problems}
    problems = list(base_problems)
    for i, run in enumerate(comparison.designs()):
        problems += [Problem(f"variants[{i}].{p.field}", p.message, p.code, p.args)
                     for p in check_design(run) if (p.field, p.code, p.args) not in seen]
    return problems


def run_parameters(comparison: Comparison, n_inputs: int, n_classes: int) -> tuple[int, ...]:
    """Each run's trainable parameters, for data of ``n_inputs`` inputs and ``n_classes``
    classes (0 for regression)."""
    return tuple(total_parameters(run, n_inputs, output_size(run.loss, n_classes)) for run in comparison.designs())


def size_problems(comparison: Comparison, n_inputs: int, n_classes: int) -> list[Problem]:
    """A problem (field ``variants``) when all runs together have more than MAX_PARAMETERS:
    they train in one process, side by side."""
    counts = run_parameters(comparison, n_inputs, n_classes)
    total = sum(counts)
    if total <= MAX_PARAMETERS:
        return []
    shown, limit = f"{total:,}", f"{MAX_PARAMETERS:,}"
    return [Problem("variants", f"the {len(counts)} runs together have {shown} parameters, more than this app "
                                f"trains live ({limit}); use fewer runs or smaller layers",
                    "comparison_too_large", (len(counts), shown, limit))]


def check_size(comparison: Comparison, n_inputs: int, n_classes: int) -> int:
    """All runs' parameters together; DesignError when over MAX_PARAMETERS."""
    problems = size_problems(comparison, n_inputs, n_classes)
    if problems:
        raise DesignError(problems, title="The comparison is too large:", title_code="comparison_too_large")
    return sum(run_parameters(comparison, n_inputs, n_classes))


def draws_own_weights(comparison: Comparison, n_inputs: int, n_classes: int) -> tuple[bool, ...]:
    """For each run, whether it draws its own initial weights (True) or starts from the
    base's (False): a run shares them when its layers have the base's shapes (the same
    kinds, widths and parameter counts, in order, output layer included) and its weights
    are drawn by the same init with the same arguments (Xavier and He depend on each
    Linear layer's activation)."""
    def fingerprint(design: Design) -> tuple:
        shapes = layer_shapes(design, n_inputs, output_size(design.loss, n_classes))
        return tuple((s.kind, s.units, s.parameters) for s in shapes), _init_arguments(design)

    base = fingerprint(comparison.base)
    return tuple(fingerprint(run) != base for run in comparison.designs())


def _init_arguments(design: Design) -> tuple:
    init = registry.INITS[design.init]
    if not init.function:
        return (design.init,)
    activations = [layer.activation for layer in design.layers if isinstance(layer, LinearLayer)] + ["linear"]
    return (design.init, *(tuple(sorted(init.kwargs(registry.ACTIVATIONS[a]).items())) for a in activations))
