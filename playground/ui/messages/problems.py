"""A problem in the interface language, whatever its kind: the dispatch from a problem's
code to the module that words it, the design's field checks (pydantic's error types),
and the field in words before a problem, as the editing panels and dialogs show it."""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from playground.errors import PlaygroundError, Problem
from playground.ui.labels import loss_label, task_words
from playground.ui.messages.files import FILE_WORDINGS, error_title, file_message
from playground.ui.messages.inside import INSIDE_WORDINGS, inside_message
from playground.ui.messages.lessons import LESSON_WORDINGS, lesson_message
from playground.ui.messages.run import divergence_message
from playground.ui.messages.weights import weights_message


def problem_message(problem: Problem) -> str:
    """The problem's message (without its field) in the interface language."""
    a = problem.args
    if problem.code == "loss_task":
        loss, task, allowed = a
        return QCoreApplication.translate("EngineMessages", "{0} does not fit {1} data; use {2}").format(
            loss_label(loss), task_words(task), ", ".join(loss_label(name) for name in allowed))
    wordings = {
        "no_features": lambda: QCoreApplication.translate("EngineMessages", "choose at least one input feature"),
        "no_csv": lambda: QCoreApplication.translate("EngineMessages", "choose a CSV file"),
        "no_target": lambda: QCoreApplication.translate("EngineMessages", "choose the column to predict"),
        "bn_stochastic": lambda: QCoreApplication.translate("EngineMessages", "batch normalization needs at least 2 samples per batch; use mini-batch or "
                                     "full batch, or remove the BatchNorm layers"),
        "bn_batch_size": lambda: QCoreApplication.translate("EngineMessages", "batch normalization needs a batch size of at least 2"),
        "nesterov": lambda: QCoreApplication.translate("EngineMessages", "Nesterov momentum needs a momentum above 0"),
        "diverged": lambda: divergence_message(*a),
        "comparison_weights": lambda: QCoreApplication.translate(
            "EngineMessages", "A comparison's weights cannot be saved as one file; promote a run to the editor and "
                              "train it to save its weights."),
        "no_fork_source": lambda: QCoreApplication.translate("EngineMessages", "There is no run to fork from."),
    }
    make = wordings.get(problem.code)
    if make is not None:
        return make()
    if problem.code in INSIDE_WORDINGS:
        return inside_message(problem)
    if problem.code in FILE_WORDINGS:
        return file_message(problem)
    if problem.code in LESSON_WORDINGS:
        return lesson_message(problem, problem_message)
    if problem.code.startswith("weights_") or problem.code == "no_weights":
        return weights_message(problem)
    if problem.code.startswith("pydantic."):
        return _validation_message(problem)
    if problem.code == "unknown_name":
        kind, name, names = a
        return QCoreApplication.translate("EngineMessages", "unknown {0} '{1}' (choose one of: {2})").format(
            QCoreApplication.translate("EngineMessages", _NAME_KINDS.get(kind, kind)), name, names)
    return problem.message


_NAME_KINDS = {  # playground.design.schema.UnknownName.kind -> its words
    "dataset": QT_TRANSLATE_NOOP("EngineMessages", "dataset"),
    "activation": QT_TRANSLATE_NOOP("EngineMessages", "activation"),
    "optimizer": QT_TRANSLATE_NOOP("EngineMessages", "optimizer"),
    "weight init": QT_TRANSLATE_NOOP("EngineMessages", "weight init"),
    "loss": QT_TRANSLATE_NOOP("EngineMessages", "loss"),
}


def _validation_message(problem: Problem) -> str:
    """A field check of the design file (pydantic's error types) in the interface language."""
    limit, got = problem.args if len(problem.args) == 2 else (None, None)
    kind = problem.code.removeprefix("pydantic.")
    wordings = {
        "greater_than": QCoreApplication.translate("EngineMessages", "must be greater than {0}"),
        "greater_than_equal": QCoreApplication.translate("EngineMessages", "must be at least {0}"),
        "less_than": QCoreApplication.translate("EngineMessages", "must be less than {0}"),
        "less_than_equal": QCoreApplication.translate("EngineMessages", "must be at most {0}"),
        "too_long": QCoreApplication.translate("EngineMessages", "is too long (at most {0})"),
        "int_type": QCoreApplication.translate("EngineMessages", "must be a whole number"),
        "int_from_float": QCoreApplication.translate("EngineMessages", "must be a whole number"),
        "float_type": QCoreApplication.translate("EngineMessages", "must be a number"),
        "bool_type": QCoreApplication.translate("EngineMessages", "must be true or false"),
        "string_type": QCoreApplication.translate("EngineMessages", "must be text"),
        "literal_error": QCoreApplication.translate("EngineMessages", "must be one of {0}"),
        "missing": QCoreApplication.translate("EngineMessages", "required field is missing"),
        "extra_forbidden": QCoreApplication.translate("EngineMessages", "unknown field (not part of a design)"),
        "too_short": QCoreApplication.translate("EngineMessages", "is too short (at least {0})"),
        "string_too_short": QCoreApplication.translate("EngineMessages", "must have at least {0} characters"),
        "string_too_long": QCoreApplication.translate("EngineMessages", "must have at most {0} characters"),
        "string_pattern_mismatch": QCoreApplication.translate("EngineMessages", "must match the pattern {0}"),
        "dict_type": QCoreApplication.translate("EngineMessages", "must be a JSON object"),
        "model_type": QCoreApplication.translate("EngineMessages", "must be a JSON object"),
    }
    if kind not in wordings:
        return problem.message
    text = wordings[kind].format(limit)
    if got is not None and kind not in ("missing", "extra_forbidden"):
        text = QCoreApplication.translate("EngineMessages", "{0} (got {1})").format(text, repr(got))
    return text


def snapshot_message(snapshot) -> str:
    if snapshot.message_code:
        return problem_message(Problem("", snapshot.message, snapshot.message_code, snapshot.message_args))
    return snapshot.message


# -- problems with the field they are about, for the editing panels ---------------------

_VARIANT_FIELD = re.compile(r"variants\[(\d+)\]\.?(.*)")


def field_words(field: str) -> str:
    """A design field path in words for a learner ("data.features" -> "Input features";
    a comparison's "variants[1].optimizer.lr" -> "Run 2, Learning rate")."""
    run = _VARIANT_FIELD.fullmatch(field)
    if run:
        words = QCoreApplication.translate("FieldWords", "Run {0}").format(int(run[1]) + 1)
        return QCoreApplication.translate("FieldWords", "{0}, {1}").format(words, field_words(run[2])) if run[2] \
            else words
    words = {
        "data.dataset": QT_TRANSLATE_NOOP("FieldWords", "Data set"),
        "data.features": QT_TRANSLATE_NOOP("FieldWords", "Input features"),
        "data.csv_path": QT_TRANSLATE_NOOP("FieldWords", "CSV file"),
        "data.csv_target": QT_TRANSLATE_NOOP("FieldWords", "Column to predict"),
        "data.csv_task": QT_TRANSLATE_NOOP("FieldWords", "Task"),
        "data.samples": QT_TRANSLATE_NOOP("FieldWords", "Points"),
        "data.noise": QT_TRANSLATE_NOOP("FieldWords", "Noise"),
        "data.train_fraction": QT_TRANSLATE_NOOP("FieldWords", "Training data"),
        "data.outlier_fraction": QT_TRANSLATE_NOOP("FieldWords", "Outliers"),
        "data.classes": QT_TRANSLATE_NOOP("FieldWords", "Classes"),
        "layers": QT_TRANSLATE_NOOP("FieldWords", "Layers"),
        "init": QT_TRANSLATE_NOOP("FieldWords", "Weight init"),
        "loss": QT_TRANSLATE_NOOP("FieldWords", "Loss"),
        "optimizer.lr": QT_TRANSLATE_NOOP("FieldWords", "Learning rate"),
        "optimizer.nesterov": QT_TRANSLATE_NOOP("FieldWords", "Nesterov"),
        "optimizer.momentum": QT_TRANSLATE_NOOP("FieldWords", "Momentum"),
        "training.batch_mode": QT_TRANSLATE_NOOP("FieldWords", "Batch mode"),
        "training.batch_size": QT_TRANSLATE_NOOP("FieldWords", "Batch size"),
        "training.epochs": QT_TRANSLATE_NOOP("FieldWords", "Epochs"),
        "training.regularization_rate": QT_TRANSLATE_NOOP("FieldWords", "Regularization rate"),
        "training.device": QT_TRANSLATE_NOOP("FieldWords", "Device"),
    }
    if field in words:
        return QCoreApplication.translate("FieldWords", words[field])
    return field


def problem_text(problem: Problem) -> str:
    """The problem in the interface language, after its field in words ("Loss: ...")."""
    message = problem_message(problem)
    if not problem.field:
        return message
    return QCoreApplication.translate("FieldWords", "{0}: {1}").format(field_words(problem.field), message)


def error_text(error: PlaygroundError) -> str:
    """An error's problems with their fields in words, under its title if it has one."""
    lines = [problem_text(p) for p in error.problems]
    title = error_title(error)
    if title:
        return "\n".join([title, *("• " + line for line in lines)])
    return "\n".join(lines)
