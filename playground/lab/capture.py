"""The learner's variables as TensorValue records (runs in the lab's process; torch).

``capture(name, value)`` makes one record; ``assign_storages`` gives every record whose
memory overlaps another's the same small ``storage`` number (a tensor's whole storage
counts, so a view shares its base's number; an array's own byte range counts).
"""

from __future__ import annotations

import numpy as np
import torch

from playground.errors import excerpt
from playground.lab.messages import MAX_CELLS, MAX_TEXT, TensorValue

_GRID_SIDE = 64  # the last two dimensions are cut to this many before leading ones shrink


def corner(shape: tuple[int, ...]) -> tuple[slice, ...]:
    """The leading corner of a value of ``shape`` that fits in MAX_CELLS cells."""
    sizes = list(shape)
    for i in range(max(0, len(sizes) - 2), len(sizes)):
        sizes[i] = min(sizes[i], _GRID_SIDE)
    for i in range(len(sizes)):
        rest = int(np.prod(sizes[i + 1:], dtype=np.int64)) or 1
        sizes[i] = max(1, min(sizes[i], MAX_CELLS // rest)) if shape[i] else 0
    return tuple(slice(0, n) for n in sizes)


def numbers(value) -> tuple[np.ndarray, bool]:
    """A tensor's or array's numbers as a (cut) numpy array, and whether it was cut."""
    cut = corner(tuple(value.shape))
    part = value[cut] if cut else value
    if isinstance(part, torch.Tensor):
        part = part.detach().cpu().resolve_conj().resolve_neg()
        if part.dtype in (torch.bfloat16,) or part.dtype.is_floating_point and part.element_size() < 2:
            part = part.float()
        part = part.numpy()
    truncated = tuple(part.shape) != tuple(value.shape)
    return np.array(part, copy=True), truncated


def short_repr(value) -> str:
    """``repr(value)`` cut to MAX_TEXT characters (a type name if the repr fails)."""
    try:
        return excerpt(repr(value), MAX_TEXT)
    except Exception:  # a learner's object whose repr fails
        return f"<{type(value).__name__}>"


def capture(name: str, value) -> TensorValue:
    """One record for ``value`` (storage numbers are given later by assign_storages)."""
    if isinstance(value, torch.Tensor):
        array, truncated = numbers(value)
        return TensorValue(name, "tensor", tuple(value.shape), str(value.dtype), str(value.device), array,
                           truncated, text=short_repr(value) if value.numel() <= 16 else "")
    if isinstance(value, np.ndarray):
        array, truncated = numbers(value)
        return TensorValue(name, "ndarray", tuple(value.shape), str(value.dtype), "cpu", array, truncated)
    if isinstance(value, torch.Size):
        return TensorValue(name, "size", (len(value),), "", "", np.array(list(value), dtype=np.int64),
                           python_type="torch.Size", text=short_repr(value))
    if isinstance(value, (bool, np.bool_)):
        return TensorValue(name, "bool", (), "", "", np.array(bool(value)), python_type=type(value).__name__,
                           text=short_repr(value))
    if isinstance(value, (int, float, np.integer, np.floating)):
        return TensorValue(name, "number", (), "", "", np.array(value), python_type=type(value).__name__,
                           text=short_repr(value))
    if isinstance(value, str):
        return TensorValue(name, "text", python_type="str", text=excerpt(value, MAX_TEXT))
    return TensorValue(name, "other", python_type=type(value).__name__, text=short_repr(value))


def memory_range(value) -> tuple[int, int] | None:
    """The byte range [start, end) a tensor's storage or an array's data covers; None if none."""
    if isinstance(value, torch.Tensor):
        if value.device.type != "cpu" and value.device.type != "cuda":
            return None
        storage = value.untyped_storage()
        start = storage.data_ptr()
        return (start, start + storage.nbytes()) if storage.nbytes() else None
    if isinstance(value, np.ndarray) and value.nbytes:
        low, high = np.lib.array_utils.byte_bounds(value)
        return low, high
    return None


def _safe_range(value):
    try:
        return memory_range(value)
    except Exception:  # a tensor without plain storage (sparse, meta...): shares nothing we can show
        return None


def assign_storages(values: list) -> list[int | None]:
    """For each object, a storage number (1, 2, ... in order of first appearance) shared by
    objects whose memory overlaps, or None (not a tensor/array, or empty)."""
    ranges = [_safe_range(v) for v in values]
    group = list(range(len(values)))

    def root(i):
        while group[i] != i:
            i = group[i]
        return i

    for i, a in enumerate(ranges):
        for j in range(i):
            b = ranges[j]
            if a and b and a[0] < b[1] and b[0] < a[1]:
                group[root(i)] = root(j)
    numbers_of: dict[int, int] = {}
    result: list[int | None] = []
    for i, r in enumerate(ranges):
        if r is None:
            result.append(None)
            continue
        result.append(numbers_of.setdefault(root(i), len(numbers_of) + 1))
    return result
