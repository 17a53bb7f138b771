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
    ``shuffle/order``: mid-epoch only, this epoch's sample order (int64 (n_train,)).
metadata (strings)
    ``format``, ``version``, ``design`` (the design file's text), ``step``,
    ``n_train``, ``steps_per_epoch`` and ``optimizer`` (JSON: the torch class, the
    param groups and any per-parameter state that is a plain number).

Loading checks everything before it changes the trainer: a refused file leaves the
run as it was. Problems are ``CheckpointError`` s that name the tensor or field.
Refused: tensors whose names or shapes do not fit the design's network, another
optimizer, another number of training samples or batches per epoch. Allowed: any
other change to the design (a longer epoch limit...); ``load_checkpoint`` returns
the saved design for a caller that wants to compare.

Dropout draws from torch's global generator, so a run is saved as it stands only
if nothing else reseeded or drew from that generator since its last step (building
another Trainer reseeds it): save from the process, and at the moment, that trains.
"""

from __future__ import annotations

import json
import os
import struct

import torch
from safetensors import SafetensorError
from safetensors.torch import load as load_tensors
from safetensors.torch import save as save_tensors

from . import registry
from .design import Design
from .design_io import WEIGHTS_SUFFIX, atomic_write_bytes, design_from_json, design_to_json
from .errors import DesignFileError, PlaygroundError, Problem

FORMAT = "nn-playground-weights"
VERSION = 1
SUFFIX = WEIGHTS_SUFFIX
MAX_FILE_BYTES = 1024 * 2**20  # 5 M parameters with Adam's two moments are about 60 MB
_NETWORK, _OPTIMIZER = "network.", "optimizer/state/"


class CheckpointError(PlaygroundError):
    """A weights file that cannot be written, read, or used with this design."""


# -- saving ------------------------------------------------------------------------


def checkpoint_bytes(trainer) -> bytes:
    """The weights file of ``trainer``'s current state, as bytes."""
    if trainer.diverged:
        raise CheckpointError("this run diverged and its weights are no longer numbers; reset it before saving weights")
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
    tensors["rng/shuffle"] = shuffle
    tensors["rng/torch"] = torch.get_rng_state()
    tensors.update(_device_rng(trainer.device))
    if order is not None:
        tensors["shuffle/order"] = order
    metadata = {
        "format": FORMAT,
        "version": str(VERSION),
        "design": design_to_json(trainer.design),
        "step": str(trainer.step),
        "n_train": str(len(trainer.x_train)),
        "steps_per_epoch": str(trainer.steps_per_epoch),
        "optimizer": json.dumps(
            {"class": type(trainer.optimizer).__name__, "param_groups": optimizer["param_groups"], "scalars": scalars}
        ),
    }
    return save_tensors({k: t.detach().cpu().contiguous() for k, t in tensors.items()}, metadata)


def save_checkpoint(trainer, path: str | os.PathLike) -> None:
    """Write ``trainer``'s weights, optimizer state, step and generators to ``path`` atomically."""
    data = checkpoint_bytes(trainer)
    try:
        atomic_write_bytes(path, data)
    except OSError as error:
        message = f"could not write the file: {error.strerror or error}; choose another place or ask for access"
        raise CheckpointError(message, title=f"Cannot save the weights to {path}:") from None


def _device_rng(device: torch.device) -> dict[str, torch.Tensor]:
    if device.type == "cuda":
        return {"rng/cuda": torch.cuda.get_rng_state(device)}
    if device.type == "mps":
        return {"rng/mps": torch.mps.get_rng_state()}
    return {}


# -- reading -----------------------------------------------------------------------


def read_checkpoint(path: str | os.PathLike) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    """The tensors (on the CPU) and metadata of a weights file; CheckpointError if unusable."""
    title = f"Cannot open the weights file {path}:"
    try:
        data = _read_limited(path)
    except OSError as error:
        raise CheckpointError(_os_message(error), title=title) from None
    try:
        return parse_checkpoint(data)
    except CheckpointError as error:
        raise CheckpointError(error.problems, title=title) from None


def parse_checkpoint(data: bytes) -> tuple[dict[str, torch.Tensor], dict[str, str]]:
    """Tensors and metadata from a weights file's bytes; refuses anything but our format."""
    metadata = _metadata(data)
    try:
        tensors = load_tensors(data)
    except (SafetensorError, ValueError, TypeError) as error:
        raise CheckpointError(f"the file is damaged ({error}); save the weights again") from None
    return tensors, metadata


def _metadata(data: bytes) -> dict[str, str]:
    """The header's metadata, refusing files that are not (whole) weights files of a known version."""
    if len(data) < 8:
        raise CheckpointError("the file is empty or cut short: it holds no weights")
    (length,) = struct.unpack("<Q", data[:8])
    if length > len(data) - 8:
        if data[:1] in (b"{", b"[") or length > 100 * 2**20:
            raise CheckpointError("not a weights file: it is not a safetensors file (a design file, perhaps?)")
        raise CheckpointError("the file is cut short (only part of it was written or copied); save the weights again")
    try:
        header = json.loads(data[8 : 8 + length].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise CheckpointError("not a weights file: it is not a safetensors file") from None
    metadata = header.get("__metadata__") if isinstance(header, dict) else None
    if not isinstance(metadata, dict) or metadata.get("format") != FORMAT:
        raise CheckpointError("not an NN Playground weights file (a safetensors file saved by another program?)")
    version = metadata.get("version", "")
    if not version.isdigit() or int(version) < 1:
        raise CheckpointError(f"the format version {version!r} is not a whole number: the file is damaged")
    if int(version) > VERSION:
        raise CheckpointError(
            f"these weights were saved by a newer NN Playground (format version {version}); "
            f"this version reads up to {VERSION}: update the app"
        )
    return metadata


def _read_limited(path: str | os.PathLike) -> bytes:
    if os.path.isdir(path):
        raise IsADirectoryError(21, "Is a directory", str(path))
    with open(path, "rb") as file:
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise CheckpointError(f"not a weights file: too large (at most {MAX_FILE_BYTES // 2**20} MB)")
    return data


def _os_message(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file: this design has no saved weights (or they were moved or deleted)"
    if isinstance(error, PermissionError):
        return "no permission to read this file: ask for access or copy it elsewhere"
    if isinstance(error, IsADirectoryError):
        return "this is a folder, not a weights file"
    return f"could not read the file: {error.strerror or error}"


# -- loading into a trainer ----------------------------------------------------------


def saved_design(metadata: dict[str, str]) -> Design:
    """The design the weights were trained with (``check=False``: as it was saved)."""
    try:
        return design_from_json(metadata.get("design", ""), check=False)
    except DesignFileError as error:
        problems = [Problem(f"design.{p.field}" if p.field else "design", p.message) for p in error.problems]
        raise CheckpointError(problems) from None


def load_checkpoint(trainer, path: str | os.PathLike) -> Design:
    """Restore weights, buffers, optimizer state, step and generators from ``path``, so that
    training continues exactly as if it had never stopped. Returns the saved design.

    Everything is checked first: on CheckpointError the trainer is unchanged.
    """
    title = f"These weights do not fit the design ({path}):"
    tensors, metadata = read_checkpoint(path)
    try:
        return restore(trainer, tensors, metadata)
    except CheckpointError as error:
        raise CheckpointError(error.problems, title=title) from None


def restore(trainer, tensors: dict[str, torch.Tensor], metadata: dict[str, str]) -> Design:
    """``load_checkpoint`` for tensors and metadata already read."""
    design = saved_design(metadata)
    network = {k.removeprefix(_NETWORK): t for k, t in tensors.items() if k.startswith(_NETWORK)}
    problems = _network_problems(trainer.network.state_dict(), network)
    if problems:
        raise CheckpointError(problems)
    optimizer = _optimizer_state(trainer, design, tensors, metadata)
    _check_known(tensors)
    step, shuffle, order = _position(trainer, tensors, metadata)

    try:  # first: the one step that could still refuse, before anything has changed
        trainer.optimizer.load_state_dict(optimizer)
    except (KeyError, TypeError, ValueError, RuntimeError) as error:
        raise _refusal("optimizer", f"the optimizer state cannot be used ({error}); save the weights again") from None
    trainer.network.load_state_dict(network)
    torch.set_rng_state(tensors["rng/torch"])
    _set_device_rng(trainer.device, tensors)
    trainer.resume(step, shuffle, order)
    return design


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
        raise _refusal("optimizer", "the optimizer state is missing or damaged; save the weights again") from None
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
    order = tensors.get("shuffle/order")
    if step % per_epoch and not _is_permutation(order, n_train):
        raise CheckpointError("the order of this epoch's batches is missing or damaged; save the weights again")
    if step < 0:
        raise CheckpointError("the training position is damaged; save the weights again")
    return step, tensors["rng/shuffle"], order if step % per_epoch else None


def _is_permutation(order: torch.Tensor | None, n: int) -> bool:
    if order is None or order.dtype != torch.int64 or order.shape != (n,):
        return False
    return bool(torch.equal(torch.sort(order).values, torch.arange(n)))


def _check_known(tensors: dict[str, torch.Tensor]) -> None:
    known = {"rng/shuffle", "rng/torch", "rng/cuda", "rng/mps", "shuffle/order"}
    extra = [k for k in tensors if k not in known and not k.startswith((_NETWORK, _OPTIMIZER))]
    if extra:
        message = "the file has this tensor but an NN Playground weights file does not"
        raise CheckpointError([Problem(k, message) for k in extra])
    size = torch.get_rng_state().numel()  # the CPU generator's; both states are one
    for key in ("rng/torch", "rng/shuffle"):
        if key not in tensors or tensors[key].dtype != torch.uint8 or tensors[key].shape != (size,):
            raise _refusal(key, "this generator state is missing or damaged; save the weights again")


def _set_device_rng(device: torch.device, tensors: dict[str, torch.Tensor]) -> None:
    # A state saved on another kind of device is left out: that device's draws cannot be replayed here.
    if device.type == "cuda" and "rng/cuda" in tensors:
        torch.cuda.set_rng_state(tensors["rng/cuda"], device)
    elif device.type == "mps" and "rng/mps" in tensors:
        torch.mps.set_rng_state(tensors["rng/mps"])


def _refusal(field: str, message: str) -> CheckpointError:
    return CheckpointError([Problem(field, message)])


def _label(optimizer: str) -> str:
    return registry.OPTIMIZERS[optimizer].label if optimizer in registry.OPTIMIZERS else repr(optimizer)


def _shape(t: torch.Tensor) -> str:
    return "[" + ", ".join(str(d) for d in t.shape) + "]"
