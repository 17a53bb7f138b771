"""Trained weights saved beside their design, in a format that cannot execute code.

``my-design.json`` -> ``my-design.weights.safetensors`` (``weights_path_for``). The
file is one safetensors file (plain tensors and string metadata, nothing to unpickle)
holding everything a run needs to continue exactly as if it had never stopped:

tensors
    ``network.<name>``: every parameter and buffer (BatchNorm running statistics and
    ``num_batches_tracked`` included), as ``nn.Sequential.state_dict()`` names them;
    ``optimizer/state/<param index>/<name>``: the optimizer's per-parameter state
    (momentum buffers, Adam's moments and step counts...);
    ``rng/torch`` (and ``rng/cuda`` or ``rng/mps`` on a GPU): the global generator that
    dropout draws from; ``rng/shuffle``: the generator that shuffles each epoch;
    ``shuffle/order``: mid-epoch only, this epoch's sample order (int64 (n_train,));
    ``history/...`` (optional; ``playground.runs.history``): the run's per-step losses
    and evaluations, so that a resumed run's curves start where they stopped.
metadata (strings)
    ``format``, ``version``, ``design`` (the design file's text: the design as the run
    trains it, a live learning-rate change included), ``step``, ``n_train``,
    ``steps_per_epoch`` and ``optimizer`` (JSON: the torch class, the param groups and
    any per-parameter state that is a plain number).

The envelope (which files may be read at all, the header, the format and version) is
checked without torch in ``playground.runs.weights_file``, which the window uses too.
Loading checks everything before it changes the trainer: a refused file leaves the
run as it was. Problems are ``CheckpointError`` s that name the tensor or field.
Refused: tensors whose names or shapes do not fit the design's network, weights or
optimizer state that are not finite numbers, another optimizer, another number of
training samples or batches per epoch, a damaged history. Allowed: any other change
to the design (a longer epoch limit...); ``load_checkpoint`` returns the saved design
for a caller that wants to compare, and the history.

Dropout draws from torch's global generator, so a run is saved as it stands only
if nothing else reseeded or drew from that generator since its last step (building
another Trainer reseeds it): save from the process, and at the moment, that trains.
"""

from __future__ import annotations

import json
import os
from typing import NamedTuple

import numpy as np
import torch
from safetensors import SafetensorError
from safetensors.torch import load as load_tensors
from safetensors.torch import save as save_tensors

from playground.design import registry
from playground.design.schema import COSMETIC_FIELDS, Design, changed_fields
from playground.design.io import design_to_json
from playground.files import atomic_write_bytes
from playground.errors import Problem
from playground.runs.history import TENSORS as HISTORY_TENSORS
from playground.runs.history import RunHistory, from_arrays, thinned
from playground.runs.weights_file import (  # noqa: F401 - FORMAT, VERSION, SUFFIX, MAX_FILE_BYTES: this module's too
    FORMAT,
    MAX_FILE_BYTES,
    NETWORK,
    OPTIMIZER_STATE,
    SHUFFLE_ORDER,
    SHUFFLE_RNG,
    SUFFIX,
    TORCH_RNG,
    VERSION,
    CheckpointError,
    check_header,
    problem,
    read_weights,
    refuse,
    saved_design,
)

_NETWORK, _OPTIMIZER = NETWORK, OPTIMIZER_STATE


class Restored(NamedTuple):
    """What ``load_checkpoint`` gives back besides the restored run."""

    design: Design  # as it was saved
    history: RunHistory | None  # None for a file without one (saved before histories were kept)


# -- saving ------------------------------------------------------------------------


def checkpoint_bytes(trainer, design: Design | None = None, history: RunHistory | None = None) -> bytes:
    """The weights file of ``trainer``'s current state, as bytes.

    ``design`` is the design to record (the one saved beside the weights; default:
    ``trainer.design``); it may differ from the run's only in its name and description.
    ``history`` (thinned, and cut to the steps done) is stored with the weights.
    """
    if trainer.diverged:
        raise refuse("weights_diverged",
                     "this run diverged and its weights are no longer numbers; reset it before saving weights")
    design = trainer.design if design is None else design
    changed = sorted(".".join(filter(None, f)) for f in changed_fields(trainer.design, design) - COSMETIC_FIELDS)
    if changed:
        fields = ", ".join(changed[:5])
        raise refuse("weights_design_changed",
                     f"these weights belong to the design before its last changes ({fields}), which has not "
                     "started training yet: train the design as it is now, then save the weights", fields)
    tensors = {_NETWORK + name: t for name, t in trainer.network.state_dict().items()}
    optimizer = trainer.optimizer.state_dict()
    scalars = {}
    for index, state in optimizer["state"].items():
        for name, value in state.items():
            key = f"{index}/{name}"
            if isinstance(value, torch.Tensor):
                tensors[_OPTIMIZER + key] = value
            else:
                scalars[key] = value
    shuffle, order = trainer.shuffle_state()
    tensors[SHUFFLE_RNG] = shuffle
    tensors[TORCH_RNG] = torch.get_rng_state()
    tensors.update(_device_rng(trainer.device))
    if order is not None:
        tensors[SHUFFLE_ORDER] = order
    if history is not None:
        tensors.update(_history_tensors(history, trainer.step))
    metadata = {
        "format": FORMAT,
        "version": str(VERSION),
        "design": design_to_json(design),
        "step": str(trainer.step),
        "n_train": str(len(trainer.x_train)),
        "steps_per_epoch": str(trainer.steps_per_epoch),
        "optimizer": json.dumps(
            {"class": type(trainer.optimizer).__name__, "param_groups": optimizer["param_groups"], "scalars": scalars}
        ),
    }
    return save_tensors({k: t.detach().cpu().contiguous() for k, t in tensors.items()}, metadata)


def save_checkpoint(trainer, path: str | os.PathLike, design: Design | None = None,
                    history: RunHistory | None = None) -> None:
    """Write ``trainer``'s weights, optimizer state, step and generators to ``path`` atomically
    (``design`` and ``history`` as ``checkpoint_bytes`` takes them)."""
    data = checkpoint_bytes(trainer, design, history)
    try:
        atomic_write_bytes(path, data)
    except OSError as error:
        reason = str(error.strerror or error)[:200]
        raise CheckpointError([problem("weights_unwritable", f"could not write the file: {reason}; choose another "
                                                             "place or ask for access", reason)],
                              title=f"Cannot save the weights to {path}:") from None


def _history_tensors(history: RunHistory, step: int) -> dict[str, torch.Tensor]:
    """The history's tensors, thinned, in order and without anything after ``step`` (it is the
    window's record of the run, which may lag the run but never lead it): whatever the
    window sent, the file loads again."""
    steps, losses, eval_steps, evals = history.arrays()
    first = np.unique(steps, return_index=True)[1]
    first = first[(steps[first] >= 0) & (steps[first] < step) & np.isfinite(losses[first])]
    rows = np.argsort(eval_steps, kind="stable")
    rows = rows[(eval_steps[rows] >= 0) & (eval_steps[rows] <= step)]
    evals = np.where(np.isinf(evals), np.nan, evals)
    evals[:, 2:] = np.clip(evals[:, 2:], 0.0, 1.0)
    thin = thinned(RunHistory(steps[first], losses[first], eval_steps[rows], evals[rows]))
    return {name: torch.from_numpy(array) for name, array in zip(HISTORY_TENSORS, thin.arrays())}


def _device_rng(device: torch.device) -> dict[str, torch.Tensor]:
    if device.type == "cuda":
        return {"rng/cuda": torch.cuda.get_rng_state(device)}
    if device.type == "mps":
        return {"rng/mps": torch.mps.get_rng_state()}
    return {}


# -- reading -----------------------------------------------------------------------


def read_checkpoint(path: str | os.PathLike) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    """The tensors (on the CPU) and metadata of a weights file; CheckpointError if unusable."""
    try:
        return parse_checkpoint(read_weights(path))
    except CheckpointError as error:
        raise CheckpointError(error.problems, title=f"Cannot open the weights file {path}:") from None


def parse_checkpoint(data: bytes) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    """Tensors and metadata from a weights file's bytes; refuses anything but our format."""
    metadata = check_header(data, len(data))
    try:
        tensors = load_tensors(data)
    except (SafetensorError, ValueError, TypeError) as error:
        raise refuse("weights_damaged_detail", f"the file is damaged ({str(error)[:200]}); save the weights again",
                     str(error)[:200]) from None
    return tensors, metadata


# -- loading into a trainer ----------------------------------------------------------


def load_checkpoint(trainer, path: str | os.PathLike) -> Restored:
    """Restore weights, buffers, optimizer state, step and generators from ``path``, so that
    training continues exactly as if it had never stopped (at the learning rate it trained
    with last). Returns the saved design and the run's history.

    Everything is checked first: on CheckpointError the trainer is unchanged.
    """
    title = f"These weights do not fit the design ({path}):"
    tensors, metadata = read_checkpoint(path)
    try:
        return restore(trainer, tensors, metadata)
    except CheckpointError as error:
        raise CheckpointError(error.problems, title=title) from None


def restore(trainer, tensors: dict[str, torch.Tensor], metadata: dict[str, str]) -> Restored:
    """``load_checkpoint`` for tensors and metadata already read."""
    design = saved_design(metadata)
    network = {k.removeprefix(_NETWORK): t for k, t in tensors.items() if k.startswith(_NETWORK)}
    problems = _network_problems(trainer.network.state_dict(), network) or _not_finite(tensors)
    if problems:
        raise CheckpointError(problems)
    optimizer = _optimizer_state(trainer, design, tensors, metadata)
    lr = _learning_rate(trainer, optimizer)
    _check_known(tensors)
    step, shuffle, order = _position(trainer, tensors, metadata)
    history = from_arrays({k: tensors[k].numpy() for k in HISTORY_TENSORS if k in tensors}, step)

    try:  # first: the one step that could still refuse, before anything has changed
        trainer.optimizer.load_state_dict(optimizer)
    except (KeyError, TypeError, ValueError, RuntimeError) as error:
        raise _refusal("optimizer", f"the optimizer state cannot be used ({error}); save the weights again") from None
    trainer.set_lr(lr)  # the trainer's design follows the rate the run trained with last
    trainer.network.load_state_dict(network)
    torch.set_rng_state(tensors[TORCH_RNG])
    _set_device_rng(trainer.device, tensors)
    trainer.resume(step, shuffle, order)
    return Restored(design, history)


def _not_finite(tensors: dict[str, torch.Tensor]) -> list[Problem]:
    """A problem for each weight, buffer or optimizer state that holds NaN or infinity."""
    problems = []
    for name, tensor in tensors.items():
        if not name.startswith((_NETWORK, _OPTIMIZER)) or not tensor.is_floating_point():
            continue
        finite = torch.isfinite(tensor)
        if not bool(finite.all()):
            kind = "NaN" if bool(torch.isnan(tensor).any()) else "infinite"
            problems.append(problem("weights_not_finite",
                                    f"holds {kind} values; these weights cannot train on (they were damaged, or "
                                    "saved from a run that diverged): train the design anew", kind, field=name))
    return problems


def _learning_rate(trainer, optimizer: dict) -> float:
    """The learning rate the saved run trained with last, checked as a design's would be."""
    try:
        lr = float(optimizer["param_groups"][0]["lr"])
        trainer.design.with_optimizer(lr=lr)
    except (IndexError, KeyError, TypeError, ValueError):  # pydantic's ValidationError is a ValueError
        raise _optimizer_damaged("optimizer.lr") from None
    return lr


def _network_problems(expected: dict[str, torch.Tensor], found: dict[str, torch.Tensor]) -> list[Problem]:
    problems = []
    for name, want in expected.items():
        got = found.get(name)
        if got is None:
            problems.append(Problem(_NETWORK + name, f"missing from the file; this design needs shape {_shape(want)}"))
        elif got.shape != want.shape:
            problems.append(
                Problem(_NETWORK + name, f"the file has shape {_shape(got)}, this design needs {_shape(want)}")
            )
        elif got.dtype != want.dtype:
            problems.append(Problem(_NETWORK + name, f"the file holds {got.dtype}, this design needs {want.dtype}"))
    for name in found.keys() - expected.keys():
        message = f"the file has this tensor (shape {_shape(found[name])}) but this design has no such layer"
        problems.append(Problem(_NETWORK + name, message))
    if problems:
        problems.append(Problem("", "the design's layers changed since these weights were saved: "
                                    "open the matching design, or train this one anew"))
    return problems


def _optimizer_state(trainer, design: Design, tensors: dict[str, torch.Tensor], metadata: dict[str, str]) -> dict:
    """A torch optimizer state dict, checked against ``trainer``'s optimizer."""
    try:
        saved = json.loads(metadata["optimizer"])
        cls, groups, scalars = saved["class"], saved["param_groups"], saved["scalars"]
        if not (isinstance(groups, list) and all(isinstance(g, dict) for g in groups) and isinstance(scalars, dict)):
            raise TypeError
    except (KeyError, TypeError, ValueError):
        raise _optimizer_damaged("optimizer") from None
    was, now = design.optimizer.name, trainer.design.optimizer.name
    if was != now or cls != type(trainer.optimizer).__name__:
        raise _refusal(
            "optimizer.name",
            f"these weights were trained with {_label(was)}, this design uses {_label(now)}: "
            "the optimizer's state does not carry over; choose the same optimizer",
        )
    current = trainer.optimizer.state_dict()["param_groups"]
    if [g.get("params") for g in groups] != [g["params"] for g in current]:
        raise _refusal("optimizer", "the optimizer's parameter groups do not match this design")
    params = [p for group in trainer.optimizer.param_groups for p in group["params"]]
    state: dict[int, dict] = {}
    problems = []
    for key, tensor in tensors.items():
        if not key.startswith(_OPTIMIZER):
            continue
        index, _, name = key.removeprefix(_OPTIMIZER).partition("/")
        if not index.isdigit() or int(index) >= len(params) or not name:
            problems.append(Problem(key, "the file has this optimizer tensor but this design has no such parameter"))
            continue
        want = params[int(index)]
        if tensor.dim() > 0 and tensor.shape != want.shape:
            problems.append(Problem(key, f"the file has shape {_shape(tensor)}, this design needs {_shape(want)}"))
        state.setdefault(int(index), {})[name] = tensor
    for key, value in scalars.items():
        index, _, name = key.partition("/")
        if index.isdigit() and int(index) < len(params):
            state.setdefault(int(index), {})[name] = value
    names = {frozenset(entry) for entry in state.values()}
    if not problems and state and (len(state) != len(params) or len(names) != 1):
        problems.append(Problem("optimizer", "the optimizer's state is incomplete (the file is damaged); save the weights again"))
    if problems:
        raise CheckpointError(problems)
    return {"state": state, "param_groups": [_same_types(g, c) for g, c in zip(groups, current)]}


def _same_types(saved: dict, current: dict) -> dict:
    # JSON has no tuples: Adam's betas come back as a list.
    return {k: tuple(v) if isinstance(current.get(k), tuple) and isinstance(v, list) else v for k, v in saved.items()}


def _position(trainer, tensors: dict[str, torch.Tensor], metadata: dict[str, str]):
    """(step, shuffle generator state, this epoch's order or None), checked."""
    try:
        step, n_train, per_epoch = (int(metadata[k]) for k in ("step", "n_train", "steps_per_epoch"))
    except (KeyError, ValueError):
        raise CheckpointError("the training position (step, epoch) is missing or damaged; save the weights again") from None
    if (n_train, per_epoch) != (len(trainer.x_train), trainer.steps_per_epoch):
        raise _refusal(
            "training.batch_size",
            f"these weights were saved with {n_train} training samples in {per_epoch} batches per epoch; "
            f"this design has {len(trainer.x_train)} in {trainer.steps_per_epoch}: use the same data and batch size",
        )
    order = tensors.get(SHUFFLE_ORDER)
    if step % per_epoch and not _is_permutation(order, n_train):
        raise CheckpointError("the order of this epoch's batches is missing or damaged; save the weights again")
    if step < 0:
        raise CheckpointError("the training position is damaged; save the weights again")
    return step, tensors[SHUFFLE_RNG], order if step % per_epoch else None


def _is_permutation(order: torch.Tensor | None, n: int) -> bool:
    if order is None or order.dtype != torch.int64 or order.shape != (n,):
        return False
    return bool(torch.equal(torch.sort(order).values, torch.arange(n)))


def _check_known(tensors: dict[str, torch.Tensor]) -> None:
    known = {SHUFFLE_RNG, TORCH_RNG, "rng/cuda", "rng/mps", SHUFFLE_ORDER, *HISTORY_TENSORS}
    extra = [k for k in tensors if k not in known and not k.startswith((_NETWORK, _OPTIMIZER))]
    if extra:
        message = "the file has this tensor but an NN Playground weights file does not"
        raise CheckpointError([Problem(k, message) for k in extra])
    size = torch.get_rng_state().numel()  # the CPU generator's; both states are one
    for key in (TORCH_RNG, SHUFFLE_RNG):
        if key not in tensors or tensors[key].dtype != torch.uint8 or tensors[key].shape != (size,):
            raise _refusal(key, "this generator state is missing or damaged; save the weights again")


def _set_device_rng(device: torch.device, tensors: dict[str, torch.Tensor]) -> None:
    # A state saved on another kind of device is left out: that device's draws cannot be replayed here.
    if device.type == "cuda" and "rng/cuda" in tensors:
        torch.cuda.set_rng_state(tensors["rng/cuda"], device)
    elif device.type == "mps" and "rng/mps" in tensors:
        torch.mps.set_rng_state(tensors["rng/mps"])


def _optimizer_damaged(field: str) -> CheckpointError:
    return refuse("weights_optimizer_damaged", "the optimizer state is missing or damaged; save the weights again",
                  field=field)


def _refusal(field: str, message: str) -> CheckpointError:
    return CheckpointError([Problem(field, message)])


def _label(optimizer: str) -> str:
    return registry.OPTIMIZERS[optimizer].label if optimizer in registry.OPTIMIZERS else repr(optimizer)


def _shape(t: torch.Tensor) -> str:
    return "[" + ", ".join(str(d) for d in t.shape) + "]"
