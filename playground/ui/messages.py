"""The engine's messages in the interface language.

The core words its problems in English and adds a code and the values it quotes;
here each known code gets a translatable wording. Unknown codes keep the English.
``problem_text`` and ``error_text`` put a problem's field in words before it, as
the editing panels and dialogs show them.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from playground.design import registry
from playground.errors import PlaygroundError, Problem

from playground.ui.inside_words import INSIDE_WORDINGS, inside_message
from playground.ui.labels import layer_name, loss_label, task_words


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
    if problem.code in _FILE_WORDINGS:
        return _file_message(problem)
    if problem.code.startswith("weights_") or problem.code == "no_weights":
        return weights_message(problem)
    if problem.code.startswith("pydantic."):
        return _validation_message(problem)
    return problem.message


# Problems reading a file, a CSV table or a design file: code -> wording, whose {0},
# {1}... are the problem's args in order (after _FILE_ARGS for the codes it lists).
_FILE_WORDINGS = {
    "file_too_large": QT_TRANSLATE_NOOP("EngineMessages", "'{0}' is too large: {1} MB, more than the limit of {2} MB"),
    "file_folder": QT_TRANSLATE_NOOP("EngineMessages", "'{0}' is a folder, not a file; choose a file"),
    "file_not_regular": QT_TRANSLATE_NOOP(
        "EngineMessages", "'{0}' is not an ordinary file (it is a device, pipe or socket); choose a file"),
    "file_missing": QT_TRANSLATE_NOOP(
        "EngineMessages", "no such file: '{0}' does not exist (was it moved, renamed or deleted?)"),
    "file_permission": QT_TRANSLATE_NOOP(
        "EngineMessages", "no permission to read '{0}': choose another file or ask for access"),
    "file_unreadable": QT_TRANSLATE_NOOP("EngineMessages", "'{0}' cannot be read: {1}"),
    "csv_no_column": QT_TRANSLATE_NOOP("EngineMessages", "there is no column '{0}'; the columns are: {1}"),
    "csv_few_rows": QT_TRANSLATE_NOOP("EngineMessages", "the file has only {0} data rows; at least {1} are needed"),
    "csv_one_row": QT_TRANSLATE_NOOP("EngineMessages", "the file has only 1 data row; at least {0} are needed"),
    "csv_empty": QT_TRANSLATE_NOOP("EngineMessages", "the file is empty"),
    "csv_no_header": QT_TRANSLATE_NOOP(
        "EngineMessages", "the first line holds numbers, not column names; add a header row naming the columns"),
    "csv_one_column": QT_TRANSLATE_NOOP(
        "EngineMessages", "all columns ended up in one column ('{0}'): {1}; "
                          "separate the columns with commas, semicolons, tabs or |"),
    "csv_unreadable": QT_TRANSLATE_NOOP("EngineMessages", "row {0}: the file cannot be read as CSV ({1})"),
    "csv_no_rows": QT_TRANSLATE_NOOP("EngineMessages", "the file has a header but no data rows"),
    "csv_not_utf8": QT_TRANSLATE_NOOP(
        "EngineMessages", "the file is not UTF-8 text (byte {0} at position {1}); save it again as 'CSV UTF-8'"),
    "csv_binary": QT_TRANSLATE_NOOP("EngineMessages", "the file holds binary data, not text; choose a CSV file"),
    "csv_twice": QT_TRANSLATE_NOOP("EngineMessages", "the header names column '{0}' twice; rename one of them"),
    "csv_too_many_rows": QT_TRANSLATE_NOOP(
        "EngineMessages", "the file has more than {0} data rows, the limit; use a sample of it"),
    "csv_open_quote": QT_TRANSLATE_NOOP(
        "EngineMessages", "rows {0} to {1} were read as one: the quote (\") opened on row {0} is never closed"),
    "csv_ragged": QT_TRANSLATE_NOOP(
        "EngineMessages", "row {0} has {1} but the header names {2} columns; check the separators and quotes on "
                          "that row"),
    "csv_missing_value": QT_TRANSLATE_NOOP(
        "EngineMessages", "column '{0}', row {1}: the value is missing; fill it in or remove the row"),
    "csv_not_number": QT_TRANSLATE_NOOP("EngineMessages", "column '{0}', row {1}: '{2}' is not a number; {3}"),
    "csv_not_finite": QT_TRANSLATE_NOOP(
        "EngineMessages", "column '{0}', row {1}: '{2}' is not a finite number; replace it"),
    "csv_missing_label": QT_TRANSLATE_NOOP(
        "EngineMessages", "column '{0}', row {1}: the label is missing; fill it in or remove it"),
    "csv_one_label": QT_TRANSLATE_NOOP(
        "EngineMessages", "column '{0}' has only one label ('{1}'); classification needs at least two"),
    "csv_too_many_classes": QT_TRANSLATE_NOOP(
        "EngineMessages", "column '{0}' has {1} different values, too many classes (limit {2}); "
                          "choose regression to predict a number"),
    "csv_more_columns": QT_TRANSLATE_NOOP("EngineMessages", "... and {0} more columns with problems"),
    "csv_one_more_column": QT_TRANSLATE_NOOP("EngineMessages", "... and 1 more column with problems"),
    "csv_unscalable": QT_TRANSLATE_NOOP(
        "EngineMessages", "column '{0}': some values lie too far outside the spread of the training rows to be "
                          "scaled; remove the column or the extreme rows"),
    "design_not_utf8": QT_TRANSLATE_NOOP(
        "EngineMessages", "not a design file: it is not UTF-8 text (unexpected byte at position {0})"),
    "design_empty": QT_TRANSLATE_NOOP("EngineMessages", "the file is empty: it holds no design"),
    "design_too_deep": QT_TRANSLATE_NOOP(
        "EngineMessages", "the file is damaged: its brackets are nested far too deeply"),
    "design_bad_json": QT_TRANSLATE_NOOP(
        "EngineMessages", "the file is damaged: invalid JSON at line {0}, column {1} ({2})"),
    "design_not_object": QT_TRANSLATE_NOOP(
        "EngineMessages", "not a design file: it holds {0} where a design (a JSON object) belongs"),
    "design_constant": QT_TRANSLATE_NOOP(
        "EngineMessages", "the file is damaged: {0} is not a valid number in a design file"),
    "number_too_long": QT_TRANSLATE_NOOP(
        "EngineMessages", "a whole number of {0} digits is far beyond any value a design allows"),
    "bad_character": QT_TRANSLATE_NOOP(
        "EngineMessages", "holds {0} at character {1}, which is not a valid character (half of a surrogate pair); "
                          "the file is damaged"),
    "format_missing": QT_TRANSLATE_NOOP(
        "EngineMessages", "missing: this is not an NN Playground design file (expected \"format\": \"{0}\")"),
    "format_wrong": QT_TRANSLATE_NOOP(
        "EngineMessages", "{0} is not an NN Playground design file (expected \"format\": \"{1}\")"),
    "version_missing": QT_TRANSLATE_NOOP(
        "EngineMessages", "missing: a design file states its format version (this app writes {0})"),
    "version_not_int": QT_TRANSLATE_NOOP("EngineMessages", "must be a whole number such as {0} (got {1})"),
    "version_too_small": QT_TRANSLATE_NOOP("EngineMessages", "must be 1 or more (got {0}); the file is damaged"),
    "version_newer": QT_TRANSLATE_NOOP(
        "EngineMessages", "this file was saved by a newer NN Playground (format version {0}); "
                          "this version reads up to {1}: update the app"),
    "version_no_migration": QT_TRANSLATE_NOOP("EngineMessages", "cannot upgrade format version {0} (no migration)"),
    "version_migration_failed": QT_TRANSLATE_NOOP(
        "EngineMessages", "cannot upgrade this version-{0} file: {1}; is it damaged?"),
    "design_is_comparison": QT_TRANSLATE_NOOP(
        "EngineMessages", "this file holds a comparison of {0} runs, not a single design: open it as a comparison"),
    "comparison_missing": QT_TRANSLATE_NOOP(
        "EngineMessages", "missing: this file holds a single design, not a comparison of runs"),
    "variants_not_list": QT_TRANSLATE_NOOP(
        "EngineMessages", "must be a list of runs, each with its \"changes\" to the base design"),
    "comparison_run_count": QT_TRANSLATE_NOOP("EngineMessages", "a comparison has {0} to {1} runs (got {2})"),
    "variant_fixed_field": QT_TRANSLATE_NOOP(
        "EngineMessages", "is the same for every run of a comparison (they share the data, its order, the seeds and "
                          "the layer kinds): change it in the base design"),
    "variant_no_layer": QT_TRANSLATE_NOOP(
        "EngineMessages", "the base design has no layer {0}: its layers are numbered 0 to {1}"),
    "variant_no_layers": QT_TRANSLATE_NOOP("EngineMessages", "the base design has no hidden layers"),
    "variant_too_many_layers": QT_TRANSLATE_NOOP(
        "EngineMessages", "these changes make {0} hidden layers, more than a design may have ({1})"),
    "comparison_too_large": QT_TRANSLATE_NOOP(
        "EngineMessages", "the {0} runs together have {1} parameters, more than this app trains live ({2}); "
                          "use fewer runs or smaller layers"),
    "write_folder": QT_TRANSLATE_NOOP("EngineMessages", "this is a folder, not a design file: choose a file"),
    "write_permission": QT_TRANSLATE_NOOP(
        "EngineMessages", "no permission to write this file or its folder: choose another place or ask for access"),
    "write_no_folder": QT_TRANSLATE_NOOP("EngineMessages", "the folder {0} does not exist: choose another folder"),
    "write_failed": QT_TRANSLATE_NOOP("EngineMessages", "could not write the file: {0}"),
}

# Words that some file problems put into their wording, by the key the core gives.
_FILE_WORDS = {
    "spaces": QT_TRANSLATE_NOOP("EngineMessages", "its columns seem to be separated by spaces"),
    "no_separator": QT_TRANSLATE_NOOP("EngineMessages", "it has no , ; tab or | between the column names"),
    "decimal_comma": QT_TRANSLATE_NOOP("EngineMessages", "it uses a decimal comma; save the file with '.' as the "
                                                         "decimal point"),
    "input": QT_TRANSLATE_NOOP("EngineMessages", "remove the column '{0}' or encode it as numbers (for example one "
                                                 "0/1 column per category)"),
    "target": QT_TRANSLATE_NOOP("EngineMessages", "regression needs a numeric target; choose classification to "
                                                  "predict labels"),
    "list": QT_TRANSLATE_NOOP("EngineMessages", "a list"),
    "string": QT_TRANSLATE_NOOP("EngineMessages", "a string"),
    "bool": QT_TRANSLATE_NOOP("EngineMessages", "true or false"),
    "value": QT_TRANSLATE_NOOP("EngineMessages", "a single value"),
}


def _words(key: str) -> str:
    return QCoreApplication.translate("EngineMessages", _FILE_WORDS[key])


def _names_args(target: str, shown: tuple, more: int) -> tuple:
    names = ", ".join(f"'{name}'" for name in shown)
    if more:
        names = QCoreApplication.translate("EngineMessages", "{0} and {1} more").format(names, more)
    return target, names


def _values_args(row: int, count: int, width: int) -> tuple:
    values = (QCoreApplication.translate("EngineMessages", "1 value") if count == 1
              else QCoreApplication.translate("EngineMessages", "{0} values").format(count))
    return row, values, width


_FILE_ARGS = {  # code -> the problem's args as its wording quotes them
    "csv_no_column": _names_args,
    "csv_one_column": lambda name, spaces: (name, _words("spaces" if spaces else "no_separator")),
    "csv_ragged": _values_args,
    "csv_not_number": lambda column, row, text, hint: (column, row, text, _words(hint).format(column)),
    "design_not_object": lambda kind: (_words(kind),),
}


def _file_message(problem: Problem) -> str:
    args = problem.args
    if problem.code in _FILE_ARGS:
        args = _FILE_ARGS[problem.code](*args)
    return QCoreApplication.translate("EngineMessages", _FILE_WORDINGS[problem.code]).format(*args)


_TITLES = {  # PlaygroundError.title_code -> wording, with the title_args as {0}...
    "design_invalid": QT_TRANSLATE_NOOP("EngineMessages", "This is not a valid NN Playground design:"),
    "design_open": QT_TRANSLATE_NOOP("EngineMessages", "Cannot open the design file {0}:"),
    "design_save": QT_TRANSLATE_NOOP("EngineMessages", "Cannot save the design to {0}:"),
    "comparison_invalid": QT_TRANSLATE_NOOP("EngineMessages", "The comparison cannot be used as it stands:"),
    "comparison_too_large": QT_TRANSLATE_NOOP("EngineMessages", "The comparison is too large:"),
    "csv_title": QT_TRANSLATE_NOOP("EngineMessages", "The CSV file cannot be used as it stands:"),
    "export_failed": QT_TRANSLATE_NOOP("EngineMessages", "Cannot export to {0}:"),
    "lesson_invalid": QT_TRANSLATE_NOOP("EngineMessages", "This is not a valid NN Playground lesson:"),
    "lesson_open": QT_TRANSLATE_NOOP("EngineMessages", "Cannot open the lesson file {0}:"),
}


def error_title(error: PlaygroundError) -> str:
    """The error's title in the interface language ("" when it has none)."""
    if error.title_code in _TITLES:
        return QCoreApplication.translate("EngineMessages", _TITLES[error.title_code]).format(*error.title_args)
    return error.title
def weights_message(problem: Problem) -> str:
    """A problem with a weights file (playground.runs.weights_file, playground.runs.checkpoint) in the interface language."""
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
    """(status bar text, tooltip) for a playground.nn.probes.StepMode (None: not known yet)."""
    eager = QCoreApplication.translate("StepMode", "eager")
    plain = QCoreApplication.translate("StepMode", "How each step runs: eager PyTorch, one operation at a time.")
    if mode is None or (mode.mode == "eager" and not mode.reason):
        return eager, plain
    if mode.mode == "compiled":
        return _compiled_text(mode)
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
        "optimizer": QCoreApplication.translate(
            "StepMode", "This optimizer has no compiled step, so training runs eagerly."),
        "failed": QCoreApplication.translate(
            "StepMode", "Compiling failed, so training runs eagerly. The error was: {0}").format(mode.detail),
        "grouped": QCoreApplication.translate(
            "StepMode", "The runs of this comparison that share a network shape train together in one batched "
                        "eager step, which is faster than compiling each of them."),
    }
    return eager, reasons.get(mode.reason, plain)


def _compiled_text(mode) -> tuple[str, str]:
    """(status bar text, tooltip) once the compiled step is ready: "compiled" only when
    compiled steps ran since the last snapshot, else eager and why (StepMode's counts)."""
    about = QCoreApplication.translate(
        "StepMode",
        "Training steps run as one compiled function (torch.compile): the same losses as eager PyTorch, "
        "several times faster on small networks. Compiling took {0} s.").format(f"{mode.seconds:.1f}")
    total = mode.compiled_steps + mode.eager_steps
    if total == 0:
        return (QCoreApplication.translate("StepMode", "compiled, ready"),
                about + " " + QCoreApplication.translate("StepMode", "No step ran since the last update."))
    k = mode.call_steps
    why = {
        "probe": QCoreApplication.translate(
            "StepMode", "The step the dashboards inspect, one per update, runs eagerly."),
        "epoch_end": QCoreApplication.translate(
            "StepMode", "At the end of an epoch, where fewer than {0} equal batches are left for one compiled "
                        "call, steps run eagerly.").format(k),
        "short_run": QCoreApplication.translate(
            "StepMode", "Steps asked for in runs shorter than one compiled call ({0} steps) run eagerly: single "
                        "steps, a slow speed, or steps so slow that {0} at once would keep the controls "
                        "waiting.").format(k),
        "first": QCoreApplication.translate("StepMode", "The optimizer's first step runs eagerly to create its state."),
    }.get(mode.eager_because, "")
    if mode.compiled_steps == 0:
        words = {
            "probe": QCoreApplication.translate("StepMode", "eager: dashboard steps"),
            "epoch_end": QCoreApplication.translate("StepMode", "eager: end of epoch"),
            "short_run": QCoreApplication.translate("StepMode", "eager: short runs"),
            "first": QCoreApplication.translate("StepMode", "eager: first step"),
        }
        ready = QCoreApplication.translate(
            "StepMode", "The compiled step is ready, but none of the {0} steps since the last update ran compiled.")
        return (words.get(mode.eager_because, QCoreApplication.translate("StepMode", "eager")),
                " ".join(filter(None, [ready.format(f"{total:,}"), why])))
    share = QCoreApplication.translate("StepMode", "Since the last update {0} of {1} steps ran compiled.")
    return (QCoreApplication.translate("StepMode", "compiled"),
            " ".join(filter(None, [about, share.format(f"{mode.compiled_steps:,}", f"{total:,}"),
                                   why if mode.eager_steps else ""])))


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
