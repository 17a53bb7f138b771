"""The engine's messages in the interface language.

The core words its problems in English and adds a code and the values it quotes;
here each known code gets a translatable wording. Unknown codes keep the English.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from playground import registry
from playground.errors import Problem

from .labels import layer_name, loss_label


def task_words(task: str) -> str:
    return {
        "binary": QCoreApplication.translate("EngineMessages", "two-class (binary classification)"),
        "multiclass": QCoreApplication.translate("EngineMessages", "multi-class classification"),
        "classification": QCoreApplication.translate("EngineMessages", "classification"),
        "regression": QCoreApplication.translate("EngineMessages", "regression"),
    }.get(task, task)


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
    }
    make = wordings.get(problem.code)
    if make is not None:
        return make()
    if problem.code.startswith("weights_") or problem.code == "no_weights":
        return weights_message(problem)
    if problem.code.startswith("pydantic."):
        return _validation_message(problem)
    return problem.message


def weights_message(problem: Problem) -> str:
    """A problem with a weights file (playground.weights_file, playground.checkpoint) in the interface language."""
    a = problem.args
    translate = QCoreApplication.translate
    wordings = {
        "weights_empty": lambda: translate(
            "WeightsMessages", "the file is empty or cut short: it holds no weights"),
        "weights_cut_short": lambda: translate(
            "WeightsMessages", "the file is cut short (only part of it was written or copied); save the weights again"),
        "weights_text": lambda: translate(
            "WeightsMessages", "not a weights file: it is a text (JSON) file, a design file perhaps"),
        "weights_pickle": lambda: translate(
            "WeightsMessages", "not a weights file: it looks like a PyTorch file saved with torch.save (a pickle), "
                               "which NN Playground never opens because opening one can run any code"),
        "weights_not_safetensors": lambda: translate(
            "WeightsMessages", "not a weights file: it is not a safetensors file"),
        "weights_foreign": lambda: translate(
            "WeightsMessages", "not an NN Playground weights file (a safetensors file saved by another program?)"),
        "weights_version_damaged": lambda: translate(
            "WeightsMessages", "the format version {0} is not a whole number: the file is damaged").format(repr(a[0])),
        "weights_newer": lambda: translate(
            "WeightsMessages", "these weights were saved by a newer NN Playground (format version {0}); "
                               "this version reads up to {1}: update the app").format(*a),
        "weights_damaged": lambda: translate(
            "WeightsMessages", "the file is damaged (its header cannot be read); save the weights again"),
        "weights_damaged_detail": lambda: translate(
            "WeightsMessages", "the file is damaged ({0}); save the weights again").format(*a),
        "weights_too_large": lambda: translate(
            "WeightsMessages", "not a weights file: too large ({0} MB; at most {1} MB)").format(*a),
        "weights_not_regular": lambda: translate(
            "WeightsMessages", "not a weights file: it is a device, a pipe or another special file, "
                               "not an ordinary file"),
        "weights_missing": lambda: translate(
            "WeightsMessages", "no such file: this design has no saved weights (or they were moved or deleted)"),
        "weights_permission": lambda: translate(
            "WeightsMessages", "no permission to read this file: ask for access or copy it elsewhere"),
        "weights_folder": lambda: translate("WeightsMessages", "this is a folder, not a weights file"),
        "weights_unreadable": lambda: translate("WeightsMessages", "could not read the file: {0}").format(*a),
        "weights_unwritable": lambda: translate(
            "WeightsMessages", "could not write the file: {0}; choose another place or ask for access").format(*a),
        "weights_not_finite": lambda: translate(
            "WeightsMessages", "holds NaN values; these weights cannot train on (they were damaged, or saved from "
                               "a run that diverged): train the design anew") if a[0] == "NaN" else translate(
            "WeightsMessages", "holds infinite values; these weights cannot train on (they were damaged, or saved "
                               "from a run that diverged): train the design anew"),
        "weights_optimizer_damaged": lambda: translate(
            "WeightsMessages", "the optimizer state is missing or damaged; save the weights again"),
        "weights_history": lambda: translate(
            "WeightsMessages", "the loss history is damaged; save the weights again"),
        "weights_history_missing": lambda: translate(
            "WeightsMessages", "missing: the loss history is incomplete"),
        "weights_diverged": lambda: translate(
            "WeightsMessages", "this run diverged and its weights are no longer numbers; reset it before saving "
                               "weights"),
        "weights_design_changed": lambda: translate(
            "WeightsMessages", "these weights belong to the design before its last changes ({0}), which has not "
                               "started training yet: train the design as it is now, then save the weights").format(*a),
        "no_weights": lambda: translate("WeightsMessages", "There are no weights to save yet."),
    }
    make = wordings.get(problem.code)
    return make() if make is not None else problem.message


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
    }
    if kind not in wordings:
        return problem.message
    text = wordings[kind].format(limit)
    if got is not None and kind not in ("missing", "extra_forbidden"):
        text = QCoreApplication.translate("EngineMessages", "{0} (got {1})").format(text, repr(got))
    return text


def divergence_message(kind: str, step: int, epoch: int, layer: str, lr: float) -> str:
    first = (QCoreApplication.translate("EngineMessages", "Training diverged: the loss became NaN at step {0} (epoch {1}).") if kind == "NaN"
             else QCoreApplication.translate("EngineMessages", "Training diverged: the loss became infinite at step {0} (epoch {1}).")).format(f"{step:,}", epoch)
    where = (QCoreApplication.translate("EngineMessages", "{0} was the first layer whose weights stopped being finite numbers.").format(layer_name(layer))
             if layer else QCoreApplication.translate("EngineMessages", "The weights are still finite, but the outputs grew too large for the loss."))
    advice = QCoreApplication.translate("EngineMessages", "The updates grew too large. Try a lower learning rate (now {0}; e.g. {1}), an adaptive optimizer "
                 "such as Adam, batch normalization, or regularization; then reset the run.").format(f"{lr:g}", f"{lr / 10:g}")
    return f"{first} {where} {advice}"


def snapshot_message(snapshot) -> str:
    if snapshot.message_code:
        return problem_message(Problem("", snapshot.message, snapshot.message_code, snapshot.message_args))
    return snapshot.message


def device_reason(device: str, english: str = "") -> str:
    return {
        "cuda": QCoreApplication.translate("EngineMessages", "No CUDA GPU found (needs an NVIDIA GPU, its driver and a CUDA build of PyTorch)."),
        "mps": QCoreApplication.translate("EngineMessages", "Apple's MPS is not available (needs a Mac with Apple silicon and macOS 12.3 or later)."),
    }.get(device, english)


def device_notice(choice) -> str:
    """Why the run is on the CPU although another device was asked for ("" when it was not)."""
    if not choice.notice:
        return ""
    return QCoreApplication.translate("EngineMessages", "{0} was asked for but is not available: {1} Training on the CPU instead.").format(
        registry.DEVICES.get(choice.requested, choice.requested), device_reason(choice.requested))


def step_mode_text(mode) -> tuple[str, str]:
    """(status bar text, tooltip) for a playground.probes.StepMode (None: not known yet)."""
    eager = QCoreApplication.translate("StepMode", "eager")
    plain = QCoreApplication.translate("StepMode", "How each step runs: eager PyTorch, one operation at a time.")
    if mode is None or (mode.mode == "eager" and not mode.reason):
        return eager, plain
    if mode.mode == "compiled":
        tip = QCoreApplication.translate(
            "StepMode",
            "Training steps run as one compiled function (torch.compile): the same losses as eager PyTorch, "
            "several times faster on small networks. The steps the dashboards inspect still run eagerly. "
            "Compiling took {0} s.")
        return QCoreApplication.translate("StepMode", "compiled"), tip.format(f"{mode.seconds:.1f}")
    if mode.mode == "compiling":
        tip = QCoreApplication.translate(
            "StepMode",
            "Training runs eagerly while a faster compiled step is prepared in the background: a few seconds, "
            "up to a minute the first time a network is compiled. It takes over by itself when ready.")
        return QCoreApplication.translate("StepMode", "eager, compiling…"), tip
    reasons = {
        "off": QCoreApplication.translate("StepMode", "The compiled training step is turned off (Training menu)."),
        "frozen": QCoreApplication.translate(
            "StepMode", "The packaged app always trains eagerly: compiling needs PyTorch's C++ headers and a "
                        "C++ compiler, which it does not include."),
        "no_compiler": QCoreApplication.translate(
            "StepMode", "No C++ compiler was found, so training runs eagerly. With one installed (g++ or "
                        "clang, or Visual Studio Build Tools on Windows) small networks train several times "
                        "faster."),
        "dropout": QCoreApplication.translate(
            "StepMode", "Designs with dropout train eagerly: a compiled step draws different random numbers, "
                        "so its results would not match eager PyTorch."),
        "device": QCoreApplication.translate("StepMode", "Compiling is not supported on this device, so training runs eagerly."),
        "failed": QCoreApplication.translate(
            "StepMode", "Compiling failed, so training runs eagerly. The error was: {0}").format(mode.detail),
    }
    return eager, reasons.get(mode.reason, plain)
