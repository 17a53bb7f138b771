"""What a tensor drawing shows, as plain data: the cells of each 2-D slice, their text and
their highlight, the shape rules, the memory shared between values. No painting here
(playground.ui.widgets.tensor_grid paints it), so that tests read what is drawn.

It reads the lab's values (playground.lab.messages.TensorValue and its Origin, whose
docstring says what each ``op`` carries). Highlight groups: PICKED for the cells an index
picked in its source (or a ``t[...] = x`` assigned), 0, 1, ... for the inputs of a cat or
stack (in the result, and the whole input in its own drawing: where it came from and where
it landed have the same colour), CHANGED for the cells an in-place operation changed.

Large tensors are drawn in part: at most MAX_ROWS rows and MAX_COLS columns of a slice
(the first and last ones, "…" between) and at most MAX_SLICES slices (the first and last).
A value the lab cut to its leading corner (``TensorValue.truncated``: ``values`` holds
``v[:a, :b, ...]`` of the full ``shape``) is drawn honestly: of a dimension that was cut
only the first ones, then "…" (its last ones did not come back, so nothing drawn may look
like the end), and ``Drawing.extents`` says which part of each cut dimension is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from playground.lab.messages import TensorValue
from playground.ui.widgets.numbers import num

MAX_ROWS = 8  # rows of one slice drawn; more: the first and last, "⋮" between
MAX_COLS = 8
MAX_SLICES = 6  # 2-D slices of a 3-D+ tensor drawn; more: the first and last, "…" between
ELLIPSIS = "…"
OPERATOR_SIGNS = {"mul": " * ", "add": " + ", "sub": " − ", "div": " / "}  # the others are matrix products
PRODUCTS = ("mm", "matmul", "bmm", "mul", "add", "sub", "div")  # Origin ops with two operands
DIMENSION_CHANGES = ("reshape", "view", "permute", "squeeze", "unsqueeze", "flatten", "transpose", "T")
PICKED = -1  # the highlight group of cells an index picked (cat/stack inputs are 0, 1, ...)
CHANGED = -2  # the highlight group of cells an in-place operation changed


@dataclass(frozen=True)
class Cell:
    """One box of a slice's grid: at ``row``, ``col`` of the drawing, ``text``, the tensor's
    flat index it shows (None for "…"), its highlight group (None, PICKED or an input's number)."""

    row: int
    col: int
    text: str
    flat: int | None = None
    group: int | None = None


@dataclass(frozen=True)
class SliceGrid:
    """One 2-D slice: ``index`` of the leading dimensions ((), for a 1-D or 2-D tensor; None
    for the "…" between slices), its grid size and cells."""

    index: tuple[int, ...] | None
    rows: int
    cols: int
    cells: tuple[Cell, ...] = ()

    def label(self) -> str:
        if self.index is None:
            return ELLIPSIS
        return "[" + ", ".join(str(i) for i in self.index) + ", :, :]" if self.index else ""


@dataclass(frozen=True)
class Extent:
    """What a drawing shows of a cut dimension: ``part`` "slices", "rows", "columns" or
    "values" (a 1-D tensor's), the ``first`` and ``last`` drawn (a slice's index, or a number)
    and ``total``, the full size (for slices, the sizes of the leading dimensions)."""

    part: str
    first: tuple[int, ...] | int
    last: tuple[int, ...] | int
    total: tuple[int, ...] | int


@dataclass(frozen=True)
class Drawing:
    """A value as drawn: ``slices`` (empty for a value without cells) and, for a scalar
    tensor or a non-tensor, its ``text``; ``extents`` for a value cut before it came back."""

    slices: tuple[SliceGrid, ...] = ()
    text: str = ""
    groups: tuple[int, ...] = field(default=())  # the highlight groups present, in order
    extents: tuple[Extent, ...] = ()


def is_array(value) -> bool:
    return value.kind in ("tensor", "ndarray") and value.values is not None


def cell_text(x, dtype: str) -> str:
    """A value as the grid writes it: True/False, a whole number, or 4 significant digits."""
    if "bool" in dtype or isinstance(x, (bool, np.bool_)):
        return "True" if bool(x) else "False"
    if "int" in dtype or isinstance(x, (int, np.integer)):
        return str(int(x)).replace("-", "−")
    if "complex" in dtype:
        return str(complex(x))
    return num(float(x))


def _shown(n: int, cap: int, cut: bool = False) -> list[int | None]:
    """The indices 0..n-1 drawn under a cap: all, or the first and last with None between;
    of a ``cut`` dimension (more exist than the n that came back) the first, then None."""
    head = (cap - 1) // 2 + (cap - 1) % 2
    if cut:
        return list(range(min(n, head))) + [None]
    if n <= cap:
        return list(range(n))
    tail = cap - 1 - head
    return list(range(head)) + [None] + list(range(n - tail, n))


def _slice_grid(array: np.ndarray, lead: tuple[int, ...], dtype: str, groups: Mapping[int, int],
                cut: tuple[bool, bool] = (False, False)) -> SliceGrid:
    """The grid of ``array[lead]`` (1-D: one row; 2-D: rows and columns); ``cut`` says
    whether its rows and its columns were cut."""
    plane = array[lead] if lead else array
    matrix = plane.reshape(1, -1) if plane.ndim == 1 else plane
    n_rows, n_cols = matrix.shape
    rows, cols = _shown(n_rows, MAX_ROWS, cut[0]), _shown(n_cols, MAX_COLS, cut[1])
    cells = []
    for r, i in enumerate(rows):
        for c, j in enumerate(cols):
            if i is None or j is None:
                text = "⋮" if i is None and j is not None else ELLIPSIS if j is None and i is not None else "⋱"
                cells.append(Cell(r, c, text))
                continue
            where = lead + ((j,) if plane.ndim == 1 else (i, j))
            flat = int(np.ravel_multi_index(where, array.shape))
            cells.append(Cell(r, c, cell_text(matrix[i, j], dtype), flat, groups.get(flat)))
    return SliceGrid(lead, len(rows), len(cols), tuple(cells))


def draw(value: TensorValue, groups: Mapping[int, int] | None = None) -> Drawing:
    """What ``value`` looks like: a scalar or non-tensor as text; a 1-D tensor as one row;
    a 2-D one as a grid; 3-D+ as its 2-D slices. ``groups`` maps flat indices to highlight
    groups (picked cells from another value's index, or the cat/stack parts)."""
    groups = dict(groups or {})
    if not is_array(value):
        return Drawing(text=value.text)
    array = np.asarray(value.values)
    dtype = value.dtype
    if array.ndim == 0:  # a one-cell box: a tensor still, unlike the plain number .item() gives
        cell = Cell(0, 0, cell_text(array.item(), dtype), 0, groups.get(0))
        return Drawing(slices=(SliceGrid((), 1, 1, (cell,)),), groups=() if cell.group is None else (cell.group,))
    if array.size == 0:
        return Drawing(text="[]")
    full = tuple(int(d) for d in value.shape) if len(value.shape) == array.ndim else array.shape
    cut = tuple(got < size for got, size in zip(array.shape, full))
    plane_cut = (False, cut[0]) if array.ndim == 1 else cut[-2:]
    leads = [()] if array.ndim <= 2 else _leading(array.shape[:-2], any(cut[:-2]))
    slices = tuple(SliceGrid(None, 1, 1) if lead is None else _slice_grid(array, lead, dtype, groups, plane_cut)
                   for lead in leads)
    present = sorted({c.group for s in slices for c in s.cells if c.group is not None})
    return Drawing(slices=slices, groups=tuple(present), extents=_extents(slices, full, cut))


def _leading(shape: tuple[int, ...], cut: bool = False) -> list[tuple[int, ...] | None]:
    """The indices of the 2-D slices of a tensor whose leading dims are ``shape``, capped
    (``cut``: more slices exist than these)."""
    every = list(np.ndindex(*shape))
    shown = _shown(len(every), MAX_SLICES, cut)
    return [None if k is None else tuple(int(i) for i in every[k]) for k in shown]


def _extents(slices: tuple[SliceGrid, ...], full: tuple[int, ...], cut: tuple[bool, ...]) -> tuple[Extent, ...]:
    """What the drawing shows of each dimension that was cut (see Extent)."""
    extents = []
    if any(cut[:-2]):
        drawn = [s.index for s in slices if s.index is not None]
        extents.append(Extent("slices", drawn[0], drawn[-1], full[:-2]))
    grid = slices[0]
    drawn_rows = sorted({c.row for c in grid.cells if c.flat is not None})
    drawn_cols = sorted({c.col for c in grid.cells if c.flat is not None})
    if len(full) >= 2 and cut[-2]:
        extents.append(Extent("rows", 0, drawn_rows[-1], full[-2]))
    if cut[-1]:
        extents.append(Extent("columns" if len(full) >= 2 else "values", 0, drawn_cols[-1], full[-1]))
    return tuple(extents)


def _op(value) -> str | None:
    return value.origin.op if value.origin is not None else None


def own_groups(value) -> dict[int, int]:
    """The highlights ``value`` carries itself: a cat/stack result's cells by input, the cells
    a ``t[...] = x`` assigned, the cells an in-place operation changed."""
    origin = value.origin
    groups: dict[int, int] = {}
    if value.before is not None and np.shape(value.before) == np.shape(value.values):
        changed = np.flatnonzero(np.asarray(value.before) != np.asarray(value.values))
        groups.update({int(i): CHANGED for i in changed})
    if origin is None:
        return groups
    if origin.op in ("cat", "stack") and origin.from_source is not None:
        groups.update({i: int(g) for i, g in enumerate(np.asarray(origin.from_source).reshape(-1)) if g >= 0})
    elif origin.op == "setitem" and origin.picked is not None:
        groups.update({int(i): PICKED for i in np.asarray(origin.picked).reshape(-1)})
    return groups


def index_results(values: Iterable, name: str) -> list:
    """The values among ``values`` that an index of the value named ``name`` made."""
    if not name:
        return []
    return [v for v in values if _op(v) == "index" and v.origin.sources[:1] == (name,)]


def picker(values: Iterable, name: str, chosen: str | None = None):
    """The index result whose picks the value named ``name`` shows: the one named ``chosen``
    if it indexed ``name``, else the last one (one at a time: several indexes of one tensor
    in one colour would not say which picked what). None if nothing indexed it."""
    made = index_results(values, name)
    for v in made:
        if chosen is not None and v.name == chosen:
            return v
    return made[-1] if made else None


def picked_in(values: Iterable, name: str, chosen: str | None = None) -> set[int]:
    """The flat indices of the value named ``name`` that the index result ``picker`` picked."""
    made = picker(values, name, chosen)
    if made is None or made.origin.picked is None:
        return set()
    return {int(i) for i in np.asarray(made.origin.picked).reshape(-1)}


def joined_into(values: Iterable, name: str) -> list[tuple[object, int]]:
    """(result, input number) of every cat/stack among ``values`` that took the value named ``name``."""
    if not name:
        return []
    return [(v, v.origin.sources.index(name)) for v in values
            if _op(v) in ("cat", "stack") and name in v.origin.sources]


def groups_of(value, values: Iterable, chosen: str | None = None) -> dict[int, int]:
    """Every highlight of ``value`` among the result's ``values``: its own (parts, assigned,
    changed cells), its colour as an input of a cat/stack, and the cells an index elsewhere
    picked from it (those win: the learner's question is "which"; of several indexes, the one
    named ``chosen`` or the last: ``picker``)."""
    values = list(values)
    groups = {}
    joined = joined_into(values, value.name)
    if joined and is_array(value):
        groups = {i: joined[0][1] for i in range(np.asarray(value.values).size)}
    groups.update(own_groups(value))
    groups.update({i: PICKED for i in picked_in(values, value.name, chosen)})
    return groups


def shape_text(shape: Iterable[int]) -> str:
    """(2, 3), (4,) or () as Python writes a tuple."""
    dims = tuple(int(d) for d in shape)
    return "(" + ", ".join(str(d) for d in dims) + ("," if len(dims) == 1 else "") + ")"


def sharing(value, values: Iterable) -> list[str]:
    """The names of the other values in ``values`` that share ``value``'s memory (storage);
    "" is the last expression's result."""
    storage = value.storage
    if storage is None:
        return []
    return [v.name for v in values if v is not value and v.storage == storage]


def same_as(value, values: Iterable) -> str | None:
    """The name of a variable among ``values`` that the result ``value`` simply is (the code
    ended with that name: same memory, kind, dtype, shape and values), or None. A tensor made
    by ``torch.from_numpy`` shares its array's memory and values but is not the array."""
    if value.name or not is_array(value) or value.storage is None:
        return None
    for other in values:
        if (other.name and other.storage == value.storage and other.kind == value.kind and other.dtype == value.dtype
                and tuple(other.shape) == tuple(value.shape) and np.array_equal(other.values, value.values)):
            return other.name
    return None


@dataclass(frozen=True)
class ShapeRule:
    """How a value's shape came about: ``op``, the shapes going in and the shape coming out,
    and the result's dimensions that broadcast."""

    op: str
    before: tuple[tuple[int, ...], ...]
    after: tuple[int, ...]
    broadcast: tuple[int, ...] = ()

    def formula(self) -> str:
        """(2, 3) @ (3, 4) → (2, 4); mul: (1, 4) * (4, 1) → (4, 4); reshape: (2, 3, 4) → (3, 8)."""
        if self.op in PRODUCTS:
            sign = OPERATOR_SIGNS.get(self.op, " @ ")
            left = sign.join(shape_text(s) for s in self.before)
        else:
            left = shape_text(self.before[0]) if self.before else "()"
        return f"{left} → {shape_text(self.after)}"


def shape_rule(value) -> ShapeRule | None:
    """The shape rule of ``value``'s origin (a product or a dimension change), if it has one."""
    origin = value.origin
    if origin is None:
        return None
    shape = tuple(int(d) for d in value.shape)
    shapes = tuple(tuple(int(d) for d in s) for s in origin.source_shapes)
    if origin.op in PRODUCTS:
        broadcast = tuple(int(d) for d in origin.broadcast_dims)
        return ShapeRule(origin.op, shapes, shape, broadcast) if len(shapes) == 2 else None
    if origin.op in DIMENSION_CHANGES and shapes:
        return ShapeRule(origin.op, shapes[:1], shape)
    return None
