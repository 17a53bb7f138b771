"""What a comparison can vary, and the values offered for each, on a given design.

Compare... and Fork from here offer the same choices: one *axis* (optimizer, learning
rate, loss, ...) and its values, each value a variant's changes in the dotted paths of
``playground.design.comparison``. The values depend on the design (its learning rate,
the losses that fit its task); ``offered`` marks the ones checked at first (e.g. a
learning rate too small, right and too large). ``build_comparison`` turns the chosen
values into a Comparison, or the problems (as ``Problem``\\ s, worded by
``playground.ui.messages.problem_text``) that keep it from training.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from playground.design import registry, rules
from playground.design.comparison import (ACTIVATION, BATCH_NORM, DROPOUT, Comparison, Variant,
                                          check_comparison, run_count_problems, size_problems)
from playground.design.schema import Design
from playground.design.translatable import QT_TRANSLATE_NOOP
from playground.errors import DesignError, Problem

COURSE_OPTIMIZERS = ("sgd", "momentum", "adagrad", "rmsprop", "adam")  # the five of the course
LR_FACTORS = (0.01, 0.1, 1.0, 10.0, 30.0)  # times the design's learning rate
LR_CHECKED = (0.01, 1.0, 30.0)  # too small, right, too large
CONTEXT = "CompareChoices"

AXES = {
    "optimizer": QT_TRANSLATE_NOOP("CompareChoices", "Optimizer"),
    "lr": QT_TRANSLATE_NOOP("CompareChoices", "Learning rate"),
    "loss": QT_TRANSLATE_NOOP("CompareChoices", "Loss function"),
    "activation": QT_TRANSLATE_NOOP("CompareChoices", "Activation of every hidden layer"),
    "init": QT_TRANSLATE_NOOP("CompareChoices", "Weight initialization"),
    "batch_mode": QT_TRANSLATE_NOOP("CompareChoices", "Batch mode"),
    "batch_size": QT_TRANSLATE_NOOP("CompareChoices", "Mini-batch size"),
    "batch_norm": QT_TRANSLATE_NOOP("CompareChoices", "Batch normalization"),
    "dropout": QT_TRANSLATE_NOOP("CompareChoices", "Dropout"),
    "regularization": QT_TRANSLATE_NOOP("CompareChoices", "Regularization"),
    "noise": QT_TRANSLATE_NOOP("CompareChoices", "Data noise"),
    "outliers": QT_TRANSLATE_NOOP("CompareChoices", "Outliers in the data"),
}
"""The axes a comparison varies, by key, with their names."""


@dataclass(frozen=True)
class Choice:
    """One value of an axis: its words, a variant's ``changes``, and whether it is checked at first."""

    text: str
    changes: dict
    offered: bool = True
    name: str = ""  # the run's name in the file and legend ("" = what it changes)


translate = QCoreApplication.translate


def _tr(text: str) -> str:
    return translate(CONTEXT, text)


def _label(table: dict, name: str) -> str:
    return QCoreApplication.translate("registry", table[name].label)


def _number(value: float) -> str:
    return f"{value:.2g}"


def choices(axis: str, design: Design) -> list[Choice]:
    """The values offered for ``axis`` on ``design`` (the design's own setting among them)."""
    return _MAKERS[axis](design)


def _optimizers(design: Design) -> list[Choice]:
    out = []
    for name in COURSE_OPTIMIZERS:
        lr = registry.OPTIMIZERS[name].defaults["lr"]
        text = translate("CompareChoices", "{0} (learning rate {1})").format(
            _label(registry.OPTIMIZERS, name), _number(lr))
        out.append(Choice(text, {"optimizer.name": name, "optimizer.lr": lr},
                          name=registry.OPTIMIZERS[name].label))
    return out


def _learning_rates(design: Design) -> list[Choice]:
    lr = design.optimizer.lr
    out = []
    for factor in LR_FACTORS:
        value = float(_number(min(lr * factor, 10.0)))
        words = {0.01: translate("CompareChoices", "{0} (too small)"),
                 1.0: translate("CompareChoices", "{0} (as designed)"),
                 30.0: translate("CompareChoices", "{0} (too large)")}
        out.append(Choice(words.get(factor, "{0}").format(_number(value)), {"optimizer.lr": value},
                          factor in LR_CHECKED))
    return out


def _losses(design: Design) -> list[Choice]:
    return [Choice(_label(registry.LOSSES, name), {"loss": name}) for name in rules.fitting_losses(design.data.task)]


def _activations(design: Design) -> list[Choice]:
    usual = ("sigmoid", "tanh", "relu")
    return [Choice(_label(registry.ACTIVATIONS, name), {ACTIVATION: name}, name in usual)
            for name in registry.ACTIVATIONS]


def _inits(design: Design) -> list[Choice]:
    return [Choice(_label(registry.INITS, name), {"init": name}, name != "zeros") for name in registry.INITS]


def _batch_modes(design: Design) -> list[Choice]:
    return [Choice(QCoreApplication.translate("registry", text), {"training.batch_mode": mode})
            for mode, text in registry.BATCH_MODES.items()]


def _batch_sizes(design: Design) -> list[Choice]:
    """Mini-batches of a few sizes (each a run's batches per epoch: N / size), the design's own among them."""
    sizes = sorted({1, 4, 10, 32, 100, design.training.batch_size})
    offered = {4, 32, 100}
    return [Choice(translate("CompareChoices", "Mini-batch of {0}").format(size),
                   {"training.batch_mode": "minibatch", "training.batch_size": size}, size in offered)
            for size in sizes]


def _batch_norm(design: Design) -> list[Choice]:
    return [Choice(translate("CompareChoices", "Without batch normalization"), {BATCH_NORM: False}),
            Choice(translate("CompareChoices", "With batch normalization"), {BATCH_NORM: True})]


def _dropout(design: Design) -> list[Choice]:
    return [Choice(translate("CompareChoices", "No dropout") if p == 0 else
                   translate("CompareChoices", "Dropout {0}").format(_number(p)), {DROPOUT: p}, p in (0.0, 0.2))
            for p in (0.0, 0.1, 0.2, 0.5)]


def _regularizations(design: Design) -> list[Choice]:
    rate = design.training.regularization_rate or 0.001
    out = [Choice(QCoreApplication.translate("registry", registry.REGULARIZATIONS["none"]),
                  {"training.regularization": "none"})]
    for kind in ("l1", "l2"):
        out.append(Choice(translate("CompareChoices", "{0} (rate {1})").format(
            QCoreApplication.translate("registry", registry.REGULARIZATIONS[kind]), _number(rate)),
            {"training.regularization": kind, "training.regularization_rate": rate}))
    return out


def _noise(design: Design) -> list[Choice]:
    return [Choice(translate("CompareChoices", "Noise {0}").format(_number(v)), {"data.noise": v}, v in (0.0, 0.25, 0.5))
            for v in (0.0, 0.1, 0.25, 0.5)]


def _outliers(design: Design) -> list[Choice]:
    return [Choice(translate("CompareChoices", "Outliers {0}").format(_number(v)), {"data.outlier_fraction": v},
                   v in (0.0, 0.1))
            for v in (0.0, 0.05, 0.1, 0.2)]


_MAKERS = {"optimizer": _optimizers, "lr": _learning_rates, "loss": _losses, "activation": _activations,
           "init": _inits, "batch_mode": _batch_modes, "batch_size": _batch_sizes, "batch_norm": _batch_norm,
           "dropout": _dropout,
           "regularization": _regularizations, "noise": _noise, "outliers": _outliers}


def build_comparison(design: Design, chosen: list[dict],
                     names: list[str] | None = None) -> tuple[Comparison | None, list[Problem]]:
    """The comparison of ``design`` whose runs make the ``chosen`` changes (one dict per run,
    named by ``names``: "" or none for a legend of what it changes),
    or None and every problem that keeps it from training: the number of runs, a value a
    run cannot take, a cross-field rule (check_comparison), all runs together over the
    parameter limit."""
    problems = run_count_problems(len(chosen))
    if problems:
        return None, problems
    try:
        names = names or [""] * len(chosen)
        comparison = Comparison(design, tuple(Variant(name=n, changes=dict(c)) for n, c in zip(names, chosen)))
    except DesignError as error:
        return None, list(error.problems)
    problems = check_comparison(comparison)
    if not problems:
        from playground.data.facts import data_facts

        facts = data_facts(design.data)
        if facts.n_inputs is not None:
            problems = size_problems(comparison, facts.n_inputs, facts.n_classes or 0)
    return (None, problems) if problems else (comparison, [])


def fork_comparison(design: Design, changes: dict) -> tuple[Comparison | None, list[Problem]]:
    """The two runs of a fork: ``design`` as it is, and with ``changes``."""
    return build_comparison(design, [{}, changes])
