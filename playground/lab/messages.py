"""What the tensor lab's process answers: plain data (numpy only, no torch, no Qt).

The window imports this module; the lab's process (playground.lab.runner) builds these
objects and sends them back pickled. Everything here is frozen dataclasses of numbers,
strings, tuples and numpy arrays.

``LabResult``: ``values`` (one ``TensorValue`` per variable, inputs first, then in the order
the code first assigned them, then the last expression's result with ``name`` ""),
``stdout`` (at most MAX_STDOUT characters, ``stdout_truncated`` says if cut), ``error``
(a ``LabError`` or None) and ``seconds`` (time spent running the code). Values assigned
before an error are still returned.

``TensorValue`` fields (see the class). Arrays: ``values`` holds at most MAX_CELLS cells;
a larger value is cut to its leading corner ``v[:a, :b, ...]`` (``values.shape`` says which
part) and ``truncated`` is True. Tensors' ``dtype`` is torch's name ("torch.float32"),
NumPy arrays' NumPy's ("float64"). ``storage`` is a small integer shared by every value
whose memory overlaps (``torch.from_numpy`` and its array, a view and its base), None for
values that are not tensors or arrays. ``before`` holds the values an object had when
its name was first assigned, if it later changed without being assigned again (an
in-place operation such as ``add_``, ``t[1, 1] = 0``, or ``np.multiply(a, 2, out=a)``
changing a tensor made by ``from_numpy``); None otherwise.

``Origin`` (``TensorValue.origin``), where a value came from, for drawing; set for a
statement ``name = <expression>`` (or the last expression) of these forms:

- ``op="index"``: ``src[...]`` with ``src`` a variable: ``picked`` has the result's
  (cut) shape and holds, for each result cell, the flat index of the source cell it came
  from (``np.unravel_index(picked, source_shapes[0])``).
- ``op="setitem"``: ``src[...] = value``: on ``src``'s own value; ``picked`` holds the
  flat indices of the cells assigned (1-D).
- ``op="cat"`` / ``"stack"``: ``torch.cat([a, b], dim=d)``: ``sources`` the inputs'
  names (or their text), ``from_source`` (result's cut shape) which input each cell came
  from (index into ``sources``), ``picked`` the flat index within that input; ``dim`` the
  dimension (normalised to be non-negative, of the result).
- ``op`` in "matmul", "mm", "bmm", "mul", "add", "sub", "div": ``a @ b``, ``torch.mm(a, b)``,
  ``a.matmul(b)``, ``a * b``...: ``source_shapes`` the two operands' shapes,
  ``broadcast_dims`` the result's dimensions where an operand of size 1 (or missing) was
  stretched.
- ``op`` in "reshape", "view", "permute", "squeeze", "unsqueeze", "flatten",
  "transpose", "T": ``source_shapes[0]`` the shape before; ``dims`` the arguments
  (permute's order, squeeze's dim...).

Products and dimension changes take any expression as an operand (``(a + b).T``,
``torch.arange(12).reshape(3, 4)``, a chain's last step); ``sources`` then holds the
operand's text. Index, setitem, cat and stack need operands that call nothing (names,
attributes, indexing). Either way the learner's code runs once (playground.lab.origins).

Error codes (``LabError.code``; ``args`` in this order; the window words them):

- ``lab_shape_mm`` (op, shape_a, shape_b): the inner sizes of a matrix product differ
  (op "mm", "matmul", "bmm", "@" or "matrix product"; for bmm ``shape_a`` holds "?").
- ``lab_shape_matmul_dims`` (op, ndim): mm/bmm given tensors without the ``ndim``
  dimensions they need.
- ``lab_shape_batch`` (op, batches_a, batches_b): bmm's batch sizes differ.
- ``lab_shape_broadcast`` (size_a, size_b, dim): two sizes that neither match nor are 1
  at a dimension (elementwise ops, matmul's batch dimensions); ``shapes`` holds the two
  operands' shapes when the statement names them.
- ``lab_shape_broadcast_shapes`` (shape_a, shape_b): NumPy's wording of the same.
- ``lab_shape_cat`` (expected, got, dim, position): cat's inputs differ outside ``dim``
  (``expected`` the size in the first, ``got`` in input number ``position``).
- ``lab_shape_cat_dims`` (ndim_a, ndim_b): cat's inputs have different numbers of dimensions.
- ``lab_shape_stack`` (shape_first, shape_other, position): stack's inputs differ in shape.
- ``lab_shape_reshape`` (shape, numel): a new shape whose cell count does not match.
- ``lab_shape_infer`` (): more than one -1 in a new shape.
- ``lab_shape_view`` (): ``view`` on a tensor whose memory is not laid out for it (use
  reshape).
- ``lab_shape_assign`` (size_wanted, size_given, dim): values assigned into a slice do not
  fit it.
- ``lab_shape_permute`` (ndim, given): permute given an order of the wrong length.
- ``lab_shape_dot`` (length_a, length_b): a product of two 1-D tensors of different lengths.
- ``lab_ragged`` (expected, depth, got): nested lists that are not a rectangle (torch.tensor).
- ``lab_dtype_mismatch`` (dtype_a, dtype_b): a matrix product of two dtypes (kind "type").
- ``lab_dtype_cast`` (result, target): an in-place result that the tensor's dtype cannot hold.
- ``lab_dtype_float`` (dtype,): an operation that needs floats given integers (rand_like, mean).
- ``lab_dim_range`` (dim, low, high): a dimension outside the tensor's range.
- ``lab_index_range`` (index, dim, size): an index outside a dimension.
- ``lab_index_too_many`` (ndim,): more indices than the tensor has dimensions.
- ``lab_index`` (detail,): any other IndexError.
- ``lab_item`` (numel,): ``.item()`` on a tensor with more than one element.
- ``lab_type`` (detail,): a TypeError (``detail`` an excerpt of Python's message).
- ``lab_name`` (name,): a name the code never defined.
- ``lab_attribute`` (type, name): an attribute the value does not have.
- ``lab_syntax`` (detail, line): code Python cannot read (nothing ran).
- ``lab_timeout`` (seconds,): the code ran longer than the limit and was stopped.
- ``lab_stopped`` (): the learner (or closing the lab) stopped the code (kind "timeout").
- ``lab_memory`` (megabytes,): the code needed more memory than the limit (0: unknown limit).
- ``lab_crashed`` (exitcode,): the lab's process ended unexpectedly (it restarts on the next run).
- ``lab_other`` (exception, detail): anything else.

Exercise check codes (``check_exercise`` in playground.lab.exercises): ``exercise_ok`` (),
``exercise_error`` (), ``exercise_no_result`` (), ``exercise_no_variable`` (name,),
``exercise_python_type`` (expected, got), ``exercise_not_tensor`` (kind,),
``exercise_shape`` (expected, got), ``exercise_dtype`` (expected, got), ``exercise_values`` (),
``exercise_too_big`` (), ``exercise_not_in_place`` (name,). Exercise file problems:
title codes ``lab_exercises_invalid`` () and ``lab_exercises_open`` (path,); problem codes
``lab_exercises_format`` (expected, got), ``lab_unknown_field``, ``lab_exercise_duplicate``
(id,), ``lesson_version_not_int``, ``lesson_version_newer`` and pydantic's (``pydantic.*``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_CELLS = 4096  # cells of one value sent back; a drawn grid shows far fewer
MAX_VALUES = 24  # values sent back; more variables than a lab cell shows are dropped
MAX_STDOUT = 10_000  # characters of printed output kept
MAX_TEXT = 400  # characters of a value's repr kept

KINDS = ("tensor", "ndarray", "number", "bool", "size", "text", "other")
ERROR_KINDS = ("shape", "index", "type", "name", "syntax", "timeout", "memory", "other")


@dataclass(frozen=True)
class Origin:
    """Where a value came from, for drawing (see the module docstring for each ``op``)."""

    op: str
    sources: tuple[str, ...] = ()
    source_shapes: tuple[tuple[int, ...], ...] = ()
    picked: np.ndarray | None = None
    from_source: np.ndarray | None = None
    dim: int | None = None
    dims: tuple = ()
    broadcast_dims: tuple[int, ...] = ()


@dataclass(frozen=True)
class TensorValue:
    """One value the learner's code produced, as the window draws it.

    ``kind`` is one of KINDS. ``shape`` is the full shape (a number's is ()); ``values``
    the numbers (a numpy array, at most MAX_CELLS cells; None for "text"/"other");
    ``python_type`` the Python type's name of a plain value ("float" for ``t.item()`` of a
    float tensor, "int", "bool", "str"...); ``text`` a short repr (at most MAX_TEXT
    characters).
    """

    name: str
    kind: str
    shape: tuple[int, ...] = ()
    dtype: str = ""
    device: str = ""
    values: np.ndarray | None = None
    truncated: bool = False
    storage: int | None = None
    python_type: str = ""
    text: str = ""
    origin: Origin | None = None
    before: np.ndarray | None = None

    @property
    def changed_in_place(self) -> bool:
        return self.before is not None


@dataclass(frozen=True)
class LabError:
    """Why the code stopped, in words: ``kind`` one of ERROR_KINDS, ``code`` and ``args`` for
    the window to word it (module docstring), ``message`` the English wording, ``shapes``
    the shapes involved, ``line`` the line of the learner's code (1-based; None if
    unknown), ``detail`` an excerpt of the original exception's text."""

    kind: str
    code: str
    message: str
    args: tuple = ()
    shapes: tuple[tuple[int, ...], ...] = ()
    line: int | None = None
    detail: str = ""


@dataclass(frozen=True)
class LabResult:
    values: tuple[TensorValue, ...] = ()
    stdout: str = ""
    error: LabError | None = None
    seconds: float = 0.0
    stdout_truncated: bool = False

    def value(self, name: str) -> TensorValue | None:
        """The value named ``name`` ("" for the last expression's result), or None."""
        return next((v for v in self.values if v.name == name), None)

    @property
    def result(self) -> TensorValue | None:
        """The last expression's value, or None if the code did not end with an expression."""
        return self.value("")


