"""Export a Design as a Jupyter notebook that reproduces the app's run, cell by cell.

``export_notebook(design, language, weights)`` returns an nbformat (v4) notebook whose code
cells are the exported script's own parts (``playground.export.script``: the imports and
constants, ``data_code``, ``model_code``, ``training_code``; one source for both), each
after a short explanation in the interface language (``notebook_words``): the data (and a
plot of it), the model, the loss and optimizer, one epoch, the training loop printing the
script's ``epoch N  train loss L`` line, the results, and the plots of the loss and of what
the model learned (``plot_code``, drawn only when matplotlib imports).

With ``weights`` (the name of a weights file beside the notebook, as
``playground.runs.checkpoint`` writes it) a cell before the training loop loads that file
when it exists: the network's weights and buffers, the optimizer's state, the learning
rate, the random generators and the position in the epoch, so that training continues
exactly where the app stopped ("take my run to Colab"); without the file it trains from
the seed, as the script does.
"""

from __future__ import annotations

import filecmp
import json
import os
from pathlib import Path

import nbformat
from nbformat import v4

from playground.design import registry, rules
from playground.design.io import weights_path_for
from playground.design.schema import Design, require_valid
from playground.export.data_code import data_code
from playground.export.model_code import model_code
from playground.export.notebook_words import words
from playground.export.plot_code import LOSS_PLOT, data_plot, guarded, model_plot
from playground.data.csv_import import MAX_BYTES
from playground.errors import PlaygroundError
from playground.export.script import constants_code, data_facts_for, data_source, imports_code, write_export
from playground.files import atomic_write_bytes, read_file
from playground.export.source import join
from playground.export.training_code import (
    LOAD_DATA,
    MODEL_SETUP,
    RESULTS,
    batches_code,
    epoch_report,
    evaluate_code,
    optimizer_setup,
    penalty_code,
    shuffles,
    train_epoch_code,
)
from playground.runs.weights_file import NETWORK, OPTIMIZER_STATE, SHUFFLE_ORDER, SHUFFLE_RNG, TORCH_RNG


def export_notebook(design: Design, language: str = "en", weights: str | None = None,
                    data_file: str | None = None) -> nbformat.NotebookNode:
    """The notebook, validated. ``language``: "en" or "ko"; ``weights``: the weights file's name
    (beside the notebook) to continue from, or None; ``data_file``: the name of a copy of the data
    file beside the notebook (digits, CSV), or None to read it where it is. DesignError / DataError
    as ``export_script``."""
    require_valid(design)
    data = data_facts_for(design)
    say = words(language)
    kind = data["kind"]
    cells: list[tuple[str, str]] = []  # (markdown, code)

    title = f"# {_one_line(design.name) or say['untitled']}\n\n"
    if design.description.strip():
        title += design.description.strip() + "\n\n"
    title += say["title"] + ("\n\n" + say["colab"].format(weights) if weights else "")
    data_text = say["data"]
    if kind in ("digits", "csv"):
        constant = "DIGITS_FILE" if kind == "digits" else "CSV_FILE"
        data_text += " " + (say["data_copied"].format(constant, data_file) if data_file else
                            say["data_file"].format(constant))
    cells += [
        (title, ""),
        (say["setup"], join(imports_code(design), constants_code(design, data, data_file))),
        (data_text, join(data_code(design, data), LOAD_DATA + '\nprint("training:", tuple(x_train.shape), '
                                                              '"test:", tuple(x_test.shape))')),
    ]
    plot = data_plot(design, kind)
    if plot:
        cells.append((say[_DATA_PLOT_WORDS[kind]], guarded(plot, say["say_no_plot"])))
    cells += [
        (say["model"], join(model_code(design, data), MODEL_SETUP + "print(model)")),
        (_loss_text(design, say), join(penalty_code(design), optimizer_setup(design))),
        (say["epoch"].format(_batch_words(design, data, say)),
         join(batches_code(design, data), train_epoch_code(design))),
    ]
    if weights:
        cells.append((say["weights"].format(weights), _weights_code(weights, say)))
    cells += [
        (say["train"], _loop_code(resumes=bool(weights))),
        (say["results"], join(evaluate_code(design), RESULTS)),
        (say["loss_plot"], guarded(LOSS_PLOT, say["say_no_plot"])),
    ]
    plot = model_plot(design, kind)
    if plot:
        head = registry.LOSSES[design.loss].head
        text = say["curve"] if kind == "1d" else say["surface"] if head == "value" else say["boundary"]
        cells.append((text, guarded(plot, say["say_no_plot"])))
    return _notebook(cells)


def write_notebook(design: Design, path: str | os.PathLike, language: str = "en",
                   weights_path: str | os.PathLike | None = None) -> None:
    """Export ``design`` to ``path`` atomically; PlaygroundError (naming the path) if it cannot be
    written. ``weights_path``: the weights file the notebook continues from (``weights_beside(path)``
    by custom), named relative to the notebook when beside it."""
    weights = None
    if weights_path is not None:
        weights_path = Path(weights_path)
        weights = weights_path.name if weights_path.parent.resolve() == Path(path).parent.resolve() \
            else str(weights_path.resolve())
    data_file = copy_data_beside(design, path)
    write_export(path, nbformat.writes(export_notebook(design, language, weights, data_file)) + "\n")


def copy_data_beside(design: Design, notebook_path: str | os.PathLike) -> str | None:
    """Copy the file the design's data is read from (digits, a CSV) beside the notebook, so that
    the two go to Colab together: its name, or None (generated data; or a different file of that
    name is already there, which is never replaced, or the copy failed: the notebook then reads the
    file where it is)."""
    source = data_source(design, data_facts_for(design))
    if source is None:
        return None
    source, target = Path(source), Path(notebook_path).parent / Path(source).name
    try:
        if target.exists():
            return target.name if target.resolve() == source.resolve() or filecmp.cmp(source, target, False) else None
        atomic_write_bytes(target, read_file(source, MAX_BYTES))
    except (OSError, PlaygroundError):
        return None
    return target.name


def weights_beside(notebook_path: str | os.PathLike) -> Path:
    """Where a notebook's weights go: ``a/run.ipynb`` -> ``a/run.ipynb.weights.safetensors``, so that
    they never replace the weights of a design saved as ``a/run.json``."""
    return weights_path_for(notebook_path)


# -- cells ------------------------------------------------------------------------------

_DATA_PLOT_WORDS = {"2d": "plot_plane", "1d": "plot_curve", "digits": "plot_digits"}


def _notebook(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    """The cells in order (a markdown cell, then its code cell when there is code), with stable ids."""
    notebook = v4.new_notebook(metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    for markdown, code in cells:
        notebook.cells.append(v4.new_markdown_cell(markdown))
        if code:
            notebook.cells.append(v4.new_code_cell(code.strip("\n")))
    for index, cell in enumerate(notebook.cells):  # the same file for the same design, whatever the run
        cell.id = f"{cell.cell_type[:2]}{index:02d}"
    nbformat.validate(notebook)
    return notebook


def _one_line(text: str) -> str:
    """A name as one line of markdown heading."""
    return " ".join(text.split())


def _loss_text(design: Design, say: dict[str, str]) -> str:
    loss = registry.LOSSES[design.loss].torch_class.rpartition(".")[2]
    text = say["loss"].format(loss, registry.OPTIMIZERS[design.optimizer.name].label)
    if penalty_code(design):
        text += say["penalty"].format(design.training.regularization.upper())
    return text


def _batch_words(design: Design, data: dict, say: dict[str, str]) -> str:
    if not shuffles(design, data):
        return say["full"]
    if design.training.batch_mode == "stochastic":
        return say["stochastic"]
    return say["minibatch"].format(rules.batch_size(design.training, data["n_train"]))


def _loop_code(resumes: bool) -> str:
    """The script's epoch loop at the top level, keeping every step's loss for the plot; with
    ``resumes`` it starts where the weights cell left it (``first_epoch``, ``resumed``)."""
    first, batches = ("first_epoch", "resumed or batches(x_train, y_train, shuffle)") if resumes \
        else ("1", "batches(x_train, y_train, shuffle)")
    body = f"losses = train_epoch(model, loss_fn, optimizer, {batches})\n"
    body += "resumed = None  # the saved epoch is finished: the next ones draw their order\n" if resumes else ""
    body += "step_losses += losses\n" + epoch_report("break").strip("\n") + "\nepoch_losses.append((len(step_losses), mean))"
    return ("step_losses = []  # every step's training loss, for the loss curve\n"
            "epoch_losses = []  # (steps so far, the epoch's mean training loss)\n"
            f"for epoch in range({first}, EPOCHS + 1):\n" + "\n".join("    " + line for line in body.splitlines()))


def _weights_code(weights: str, say: dict[str, str]) -> str:
    """Load the app's weights file (``playground.runs.checkpoint``'s tensors and metadata) into
    ``model``, ``optimizer`` and the generators, when the file is there."""
    resumed, from_seed, finished = (json.dumps(say[key], ensure_ascii=False)
                                    for key in ("say_resumed", "say_from_seed", "say_finished"))
    return f'''
import json
import os

from safetensors import safe_open
from safetensors.torch import load_file

WEIGHTS_FILE = {json.dumps(weights, ensure_ascii=False)}  # saved by NN Playground beside this notebook
first_epoch, resumed = 1, None  # where training starts; the rest of a saved epoch's batches
if os.path.exists(WEIGHTS_FILE):
    tensors = load_file(WEIGHTS_FILE)
    with safe_open(WEIGHTS_FILE, "pt") as f:
        saved = f.metadata()
    # The network's weights, biases and buffers: "{NETWORK}0.weight" is model[0].weight.
    model.load_state_dict({{k.removeprefix("{NETWORK}"): t for k, t in tensors.items() if k.startswith("{NETWORK}")}})
    # The optimizer's state of each parameter (momentum buffers, Adam's moments...): "{OPTIMIZER_STATE}0/exp_avg".
    stored = json.loads(saved["optimizer"])
    state = {{}}
    for key, value in [*((k.removeprefix("{OPTIMIZER_STATE}"), t) for k, t in tensors.items()
                         if k.startswith("{OPTIMIZER_STATE}")), *stored["scalars"].items()]:
        index, name = key.split("/", 1)
        state.setdefault(int(index), {{}})[name] = value
    optimizer.load_state_dict({{"state": state, "param_groups": optimizer.state_dict()["param_groups"]}})
    for group in optimizer.param_groups:
        group["lr"] = stored["param_groups"][0]["lr"]  # the learning rate the run trained with last
    torch.set_rng_state(tensors["{TORCH_RNG}"])  # dropout's random numbers
    shuffle.set_state(tensors["{SHUFFLE_RNG}"])  # the next epochs' batch order
    step, per_epoch = int(saved["step"]), int(saved["steps_per_epoch"])
    first_epoch, at = step // per_epoch + 1, step % per_epoch
    if at:  # saved in the middle of an epoch: its remaining batches, in its order, come first
        resumed = batches(x_train, y_train, shuffle, tensors["{SHUFFLE_ORDER}"])[at:]
    print({resumed}.format(step=step, epoch=first_epoch, file=WEIGHTS_FILE))
    if first_epoch > EPOCHS:
        print({finished}.format(epochs=EPOCHS))
else:
    print({from_seed}.format(file=WEIGHTS_FILE))
'''
