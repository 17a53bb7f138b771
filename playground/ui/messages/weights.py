"""Problems with a weights file in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from playground.errors import Problem


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
