"""The envelope of a weights file, read without torch: what may be read, its header, its design.

A weights file (``playground.runs.checkpoint`` writes and loads it) is a safetensors file:
an 8-byte little-endian header length, a JSON header (each tensor's dtype, shape and
byte range, and string metadata), then the tensors' bytes. Here is everything that
needs no torch, so that the window can check the file beside a design before it asks
the training process to load it, with the same reasons the loader gives:

- only a regular file (symlinks followed) of at most MAX_FILE_BYTES is opened
  (``playground.files.opened``: checked before a byte is read), so ``/dev/zero``, a FIFO, a folder or a
  huge sparse file cost neither memory nor a hang;
- the header must be ours (``format``), of a version this app reads, and the file must
  be as long as its header says (``read_header`` reads the header only);
- ``saved_design`` is the design the weights were trained with.

Every problem is a ``CheckpointError`` whose ``Problem`` s carry a code (``weights_*``)
so that the window words them in its language.
"""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Iterator
from contextlib import contextmanager

from playground import files
from playground.design.schema import Design
from playground.design.io import WEIGHTS_SUFFIX, design_from_json
from playground.errors import DesignFileError, PlaygroundError, Problem

FORMAT = "nn-playground-weights"
VERSION = 1
SUFFIX = WEIGHTS_SUFFIX
MAX_FILE_BYTES = 1024 * 2**20  # 5 M parameters with Adam's two moments are about 60 MB
MAX_HEADER_BYTES = 16 * 2**20  # ours: the design (a few kB) and a few hundred tensor entries
_MB = 2**20

# The tensors' names (``playground.runs.checkpoint`` says what each holds; exported notebooks read them too).
NETWORK = "network."  # + the nn.Sequential's state_dict() name: "network.0.weight"
OPTIMIZER_STATE = "optimizer/state/"  # + "<param index>/<name>": "optimizer/state/0/exp_avg"
TORCH_RNG, SHUFFLE_RNG, SHUFFLE_ORDER = "rng/torch", "rng/shuffle", "shuffle/order"


class CheckpointError(PlaygroundError):
    """A weights file that cannot be written, read, or used with this design."""


def problem(code: str, message: str, *args, field: str = "") -> Problem:
    """A problem with a weights file (``code`` names it for translations, ``args`` are what it quotes)."""
    return Problem(field, message, code, args)


def refuse(code: str, message: str, *args, field: str = "") -> CheckpointError:
    return CheckpointError([problem(code, message, *args, field=field)])


# -- reading ------------------------------------------------------------------------


def read_header(path: str | os.PathLike) -> dict[str, str]:
    """The metadata of the weights file at ``path``, reading its header only.

    Refuses (CheckpointError) what ``read_weights`` would refuse for the envelope:
    not a regular file, too large, not safetensors, another program's, a newer
    version, cut short. The tensors themselves are checked by the loader.
    """
    with _opened(path) as (fd, size):
        head = files.read_up_to(fd, 8)
        if len(head) == 8:
            (length,) = struct.unpack("<Q", head)
            if length <= min(MAX_HEADER_BYTES, size - 8):
                head += files.read_up_to(fd, length)
    return check_header(head, size)


def read_weights(path: str | os.PathLike) -> bytes:
    """All bytes of the weights file at ``path``, its header checked (``check_header``).

    Reads at most MAX_FILE_BYTES + 1 bytes, after ``os.fstat`` said it is a regular
    file no larger than that.
    """
    with _opened(path) as (fd, _size):
        data = files.read_up_to(fd, MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:  # it grew while it was read
        raise _too_large(len(data))
    check_header(data, len(data))
    return data


def check_header(head: bytes, size: int) -> dict[str, str]:
    """The metadata of a weights file of ``size`` bytes whose first bytes are ``head``
    (at least its length prefix and header when the file has them)."""
    if size < 8:
        raise refuse("weights_empty", "the file is empty or cut short: it holds no weights")
    (length,) = struct.unpack("<Q", head[:8])
    if length > MAX_HEADER_BYTES or length > size - 8:
        raise _unreadable(head, cut_short=length <= MAX_HEADER_BYTES)
    try:
        header = json.loads(head[8 : 8 + length].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise _unreadable(head, cut_short=False) from None
    metadata = header.get("__metadata__") if isinstance(header, dict) else None
    if not isinstance(metadata, dict) or metadata.get("format") != FORMAT:
        raise refuse("weights_foreign",
                     "not an NN Playground weights file (a safetensors file saved by another program?)")
    if not all(isinstance(value, str) for value in metadata.values()):
        raise _damaged()
    version = metadata.get("version", "")
    if not (version.isascii() and version.isdigit() and len(version) < 10) or int(version) < 1:
        raise refuse("weights_version_damaged",
                     f"the format version {version[:20]!r} is not a whole number: the file is damaged",
                     version[:20])
    if int(version) > VERSION:
        raise refuse("weights_newer",
                     f"these weights were saved by a newer NN Playground (format version {version}); "
                     f"this version reads up to {VERSION}: update the app", version, VERSION)
    if 8 + length + _data_bytes(header) > size:
        raise _cut_short()
    return metadata


def saved_design(metadata: dict[str, str]) -> Design:
    """The design the weights were trained with (``check=False``: as it was saved)."""
    try:
        return design_from_json(metadata.get("design", ""), check=False)
    except DesignFileError as error:
        problems = [Problem(f"design.{p.field}" if p.field else "design", p.message, p.code, p.args)
                    for p in error.problems]
        raise CheckpointError(problems) from None


def _data_bytes(header: dict) -> int:
    """How many bytes of tensor data the header describes (the largest end offset)."""
    end = 0
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        offsets = entry.get("data_offsets") if isinstance(entry, dict) else None
        if not (isinstance(offsets, list) and len(offsets) == 2 and all(type(o) is int and o >= 0 for o in offsets)):
            raise _damaged()
        end = max(end, offsets[1])
    return end


def _damaged() -> CheckpointError:
    return refuse("weights_damaged", "the file is damaged (its header cannot be read); save the weights again")


def _unreadable(head: bytes, cut_short: bool) -> CheckpointError:
    """Why a header cannot be read: what the file is instead, by its first bytes, or else
    cut short (``cut_short``: its header runs past its end) or not safetensors at all."""
    pickle = head[:1] == b"\x80" and head[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05") and head[2:3] != b"\x00"
    if head[:4] == b"PK\x03\x04" or pickle:  # zip (torch.save) or pickle; a header of our size has a 0 there
        return refuse("weights_pickle",
                      "not a weights file: it looks like a PyTorch file saved with torch.save (a pickle), which "
                      "NN Playground never opens because opening one can run any code")
    if head[:1] in (b"{", b"["):
        return refuse("weights_text", "not a weights file: it is a text (JSON) file, a design file perhaps")
    if cut_short:
        return _cut_short()
    return refuse("weights_not_safetensors", "not a weights file: it is not a safetensors file")


def _cut_short() -> CheckpointError:
    return refuse("weights_cut_short",
                  "the file is cut short (only part of it was written or copied); save the weights again")


def _too_large(size: int) -> CheckpointError:
    mb, limit = f"{size / _MB:,.0f}", f"{MAX_FILE_BYTES // _MB:,}"
    return refuse("weights_too_large", f"not a weights file: too large ({mb} MB; at most {limit} MB)", mb, limit)


@contextmanager
def _opened(path: str | os.PathLike) -> Iterator[tuple[int, int]]:
    """``with _opened(path) as (fd, size)``: ``files.opened`` for a weights file; any
    OSError (here or in the body) becomes a CheckpointError that says why."""
    try:
        with files.opened(path, MAX_FILE_BYTES) as (fd, size):
            yield fd, size
    except files.FileTooLarge as error:
        raise _too_large(error.size) from None
    except files.NotRegularFile:
        raise refuse("weights_not_regular",
                     "not a weights file: it is a device, a pipe or another special file, not an ordinary file") from None
    except OSError as error:
        raise os_refusal(error) from None


def os_refusal(error: OSError) -> CheckpointError:
    """Why a weights file could not be opened or read, for the user."""
    if isinstance(error, FileNotFoundError):
        return refuse("weights_missing",
                      "no such file: this design has no saved weights (or they were moved or deleted)")
    if isinstance(error, PermissionError):
        return refuse("weights_permission", "no permission to read this file: ask for access or copy it elsewhere")
    if isinstance(error, IsADirectoryError):
        return refuse("weights_folder", "this is a folder, not a weights file")
    reason = str(error.strerror or error)[:200]
    return refuse("weights_unreadable", f"could not read the file: {reason}", reason)
