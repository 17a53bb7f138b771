"""An exception from the learner's code as a LabError in words (no traceback).

Torch-free: it reads the exception's type and text (torch's and NumPy's messages for
shape mismatches, bad indices and dimensions) and picks a code from the list in
playground.lab.messages, with the numbers it found as ``args`` and ``shapes``. A message
it does not recognise becomes ``lab_other`` with an excerpt of the original text.
"""

from __future__ import annotations

import re

from playground.errors import excerpt
from playground.lab.messages import LabError

_INT = r"(-?\d+)"


def _shape(text: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"-?\d+", text))


def _shape_words(shape) -> str:
    return "(" + ", ".join(str(n) for n in shape) + ("," if len(shape) == 1 else "") + ")"


def _mm(m, op):
    a, b = _shape(m[1].replace("x", " ")), _shape(m[2].replace("x", " "))
    return ("shape", "lab_shape_mm", (op, a, b), (a, b),
            f"{op}: the first matrix {_shape_words(a)} has {a[-1]} columns but the second "
            f"{_shape_words(b)} has {b[0]} rows; (a, b) @ (b, c) needs them equal.")


def _broadcast(m, op):
    a, b, dim = int(m[1]), int(m[2]), int(m[3])
    return ("shape", "lab_shape_broadcast", (a, b, dim), (),
            f"sizes {a} and {b} at dimension {dim} cannot be broadcast: each dimension must be equal, "
            "or 1 in one of the two tensors.")


def _np_broadcast(m, op):
    a, b = _shape(m[1]), _shape(m[2])
    return ("shape", "lab_shape_broadcast_shapes", (a, b), (a, b),
            f"shapes {_shape_words(a)} and {_shape_words(b)} cannot be broadcast: compared from the right, "
            "each dimension must be equal, or 1 in one of the two.")


def _bmm(m, op):
    want, got = _shape(m[1]), _shape(m[2])
    if want[0] != got[0]:
        return ("shape", "lab_shape_batch", (op, want[0], got[0]), (),
                f"bmm: the batches differ: {want[0]} matrices in the first tensor, {got[0]} in the second.")
    return ("shape", "lab_shape_mm", (op, (want[0], "?", want[1]), got), (),
            f"bmm: each matrix of the first tensor has {want[1]} columns but each of the second has {got[1]} rows; "
            "(n, a, b) @ (n, b, c) needs them equal.")


def _matrix_dims(m, op):
    need = 3 if "3D" in m[0] else 2
    return ("shape", "lab_shape_matmul_dims", (op, need), (),
            f"{op} needs {need}-dimensional tensors (use matmul or @ for other numbers of dimensions).")


def _cat(m, op):
    dim, want, got, position = int(m[1]), int(m[2]), int(m[3]), int(m[4])
    return ("shape", "lab_shape_cat", (want, got, dim, position), (),
            f"cat: tensors may differ only in dimension {dim}; the first has size {want} in another dimension, "
            f"tensor number {position} has {got}.")


def _cat_dims(m, op):
    a, b = int(m[1]), int(m[2])
    return ("shape", "lab_shape_cat_dims", (a, b), (),
            f"cat: the tensors have different numbers of dimensions ({a} and {b}); they need the same.")


def _stack(m, op):
    a, b, position = _shape(m[1]), _shape(m[2]), int(m[3])
    return ("shape", "lab_shape_stack", (a, b, position), (a, b),
            f"stack: every tensor must have the same shape; the first is {_shape_words(a)}, "
            f"number {position} is {_shape_words(b)}.")


def _reshape(m, op):
    shape, numel = _shape(m[1]), int(m[2])
    return ("shape", "lab_shape_reshape", (shape, numel), (shape,),
            f"the new shape {_shape_words(shape)} does not hold the tensor's {numel} elements: the sizes' product "
            f"must be {numel} (-1 lets torch work one size out).")


def _infer(m, op):
    return ("shape", "lab_shape_infer", (), (), "only one size in a new shape can be -1.")


def _view(m, op):
    return ("shape", "lab_shape_view", (), (),
            "view needs the tensor's memory laid out in order (a transposed or permuted tensor is not); "
            "use reshape, which copies when it must.")


def _expand(m, op):
    want, have, dim = int(m[1]), int(m[2]), int(m[3])
    return ("shape", "lab_shape_assign", (want, have, dim), (_shape(m[4]), _shape(m[5])),
            f"the values' size {have} does not fit size {want} at dimension {dim}; "
            "they must be equal, or 1 to be repeated.")


def _dim_range(m, op):
    low, high, got = int(m[1]), int(m[2]), int(m[3])
    return ("index", "lab_dim_range", (got, low, high), (),
            f"dimension {got} does not exist: this tensor's dimensions go from {low} to {high}.")


def _index_range(m, op):
    index, dim, size = int(m[1]), int(m[2]), int(m[3])
    return ("index", "lab_index_range", (index, dim, size), (),
            f"index {index} is out of range for dimension {dim}, which has size {size} "
            f"(indices 0 to {size - 1}, or -{size} to -1 from the end).")


def _too_many(m, op):
    ndim = int(m[1])
    return ("index", "lab_index_too_many", (ndim,), (),
            f"too many indices: the tensor has {ndim} dimension{'s' if ndim != 1 else ''}.")


def _item(m, op):
    numel = int(m[1])
    return ("shape", "lab_item", (numel,), (),
            f".item() needs a tensor with exactly one element; this one has {numel} (sum() first, or index one).")


def _permute(m, op):
    have, got = int(m[1]), int(m[2])
    return ("shape", "lab_shape_permute", (have, got), (),
            f"permute needs one entry per dimension: the tensor has {have}, the order given has {got}.")


def _dot(m, op):
    a, b = int(m[1]), int(m[2])
    return ("shape", "lab_shape_dot", (a, b), ((a,), (b,)),
            f"the product of two 1-D tensors (a dot product) needs the same length; they have {a} and {b}.")


def _dtype_product(m, op):
    a, b = m[1].strip(), m[2].strip()
    return ("type", "lab_dtype_mismatch", (a, b), (),
            f"{op}: both tensors need the same dtype; one is {a}, the other {b} (convert one, e.g. .float()).")


def _dtype_cast(m, op):
    result, target = m[1], m[2]
    return ("type", "lab_dtype_cast", (result, target), (),
            f"the result is {result} but must be stored in a {target} tensor (in place); "
            "convert the tensor first, e.g. .float().")


def _needs_float(m, op):
    dtype = m[1]
    return ("type", "lab_dtype_float", (dtype,), (),
            f"this needs a floating-point tensor, not {dtype}: give dtype=torch.float, or convert with .float().")


def _ragged(m, op):
    want, dim, got = int(m[1]), int(m[2]), int(m[3])
    return ("shape", "lab_ragged", (want, dim, got), (),
            f"the nested lists are not a rectangle: at depth {dim} a list has {got} entries where {want} were "
            "expected; every row needs the same length.")


_PATTERNS = [  # (exception types, pattern, builder)
    (("RuntimeError",), r"mat1 and mat2 shapes cannot be multiplied \((\S+) and (\S+)\)", _mm),
    (("RuntimeError",), r"Expected size for first two dimensions of batch2 tensor to be: (\[[^\]]*\]) but got: "
                        r"(\[[^\]]*\])", _bmm),
    (("RuntimeError",), r"(?:self must be a matrix|batch1 must be a 3D tensor|mat2 must be a matrix|"
                        r"batch2 must be a 3D tensor)", _matrix_dims),
    (("RuntimeError",), rf"The size of tensor a \({_INT}\) must match the size of tensor b \({_INT}\) at "
                        rf"non-singleton dimension {_INT}", _broadcast),
    (("ValueError",), r"operands could not be broadcast together with shapes (\S+) (\S+?)\s*$", _np_broadcast),
    (("RuntimeError",), rf"Sizes of tensors must match except in dimension {_INT}\. Expected size {_INT} but "
                        rf"got size {_INT} for tensor number {_INT}", _cat),
    (("RuntimeError",), rf"Tensors must have same number of dimensions: got {_INT} and {_INT}", _cat_dims),
    (("RuntimeError",), r"stack expects each tensor to be equal size, but got (\[[^\]]*\]) at entry \d+ and "
                        r"(\[[^\]]*\]) at entry (\d+)", _stack),
    (("RuntimeError",), rf"shape '(\[[^\]]*\])' is invalid for input of size {_INT}", _reshape),
    (("RuntimeError",), r"only one dimension can be inferred", _infer),
    (("RuntimeError",), r"view size is not compatible with input tensor's size and stride", _view),
    (("RuntimeError",), rf"The expanded size of the tensor \({_INT}\) must match the existing size \({_INT}\) at "
                        rf"non-singleton dimension {_INT}\.\s+Target sizes: (\[[^\]]*\])\.\s+Tensor sizes: "
                        r"(\[[^\]]*\])", _expand),
    (("IndexError",), rf"Dimension out of range \(expected to be in range of \[{_INT}, {_INT}\], but got {_INT}\)",
     _dim_range),
    (("IndexError",), rf"index {_INT} is out of bounds for (?:dimension|axis) {_INT} with size {_INT}",
     _index_range),
    (("IndexError",), rf"too many indices for (?:tensor|array) of dimension {_INT}", _too_many),
    (("IndexError",), rf"too many indices for array: array is {_INT}-dimensional", _too_many),
    (("RuntimeError", "ValueError"), rf"a Tensor with {_INT} elements cannot be converted to Scalar", _item),
    (("RuntimeError",), rf"input\.dim\(\) = {_INT} is not equal to len\(dims\) = {_INT}", _permute),
    (("RuntimeError",), rf"inconsistent tensor size, expected tensor \[{_INT}\] and src \[{_INT}\]", _dot),
    (("RuntimeError",), r"expected m1 and m2 to have the same dtype, but got: (.+?) != (.+)$", _dtype_product),
    (("RuntimeError",), r"result type (\w+) can't be cast to the desired output type (\w+)", _dtype_cast),
    (("NotImplementedError",), r"not implemented for '(\w+)'", _needs_float),
    (("RuntimeError",), r"Input dtype must be either a floating point or complex dtype\. Got: (\w+)", _needs_float),
    (("ValueError",), rf"expected sequence of length {_INT} at dim {_INT} \(got {_INT}\)", _ragged),
]


def explain(error: BaseException, line: int | None = None, op: str = "") -> LabError:
    """``error`` (raised by the learner's code at ``line``) as a LabError; ``op`` names the
    operation when the caller knows it (for matrix products: "mm", "bmm", "matmul", "@")."""
    kind_name = type(error).__name__
    text = str(error)
    detail = excerpt(text.strip().splitlines()[0] if text.strip() else kind_name, 160)
    for types, pattern, build in _PATTERNS:
        if kind_name in types:
            match = re.search(pattern, text)
            if match:
                kind, code, args, shapes, message = build(match, op or "matrix product")
                return LabError(kind, code, _at(message, line), args, shapes, line, detail)
    if isinstance(error, MemoryError) or "can't allocate memory" in text or "not enough memory" in text:
        return memory_error(None, line, detail)
    if isinstance(error, NameError):
        name = getattr(error, "name", None) or (re.findall(r"'([^']+)'", text) or ["?"])[0]
        return LabError("name", "lab_name", _at(f"the name '{name}' is not defined (a typo, or a variable set "
                                                f"only later?).", line), (name,), (), line, detail)
    if isinstance(error, AttributeError):
        found = re.search(r"'([^']+)' object has no attribute '([^']+)'", text)
        owner, name = found.groups() if found else ("?", getattr(error, "name", "?") or "?")
        return LabError("type", "lab_attribute", _at(f"a {owner} has no attribute '{name}'.", line),
                        (owner, name), (), line, detail)
    if isinstance(error, TypeError):
        return LabError("type", "lab_type", _at(f"a value of the wrong type: {detail}", line), (detail,), (),
                        line, detail)
    if isinstance(error, IndexError):
        return LabError("index", "lab_index", _at(f"a bad index: {detail}", line), (detail,), (), line, detail)
    return LabError("other", "lab_other", _at(f"{kind_name}: {detail}", line), (kind_name, detail), (), line,
                    detail)


def syntax_error(error: SyntaxError) -> LabError:
    """Code Python cannot read: where and why, in words."""
    detail = excerpt(error.msg or "invalid syntax", 120)
    line = error.lineno
    return LabError("syntax", "lab_syntax", _at(f"Python cannot read this code: {detail}.", line), (detail, line),
                    (), line, detail)


def memory_error(megabytes: int | None, line: int | None = None, detail: str = "") -> LabError:
    limit = f" (the limit is {megabytes} MB)" if megabytes else ""
    return LabError("memory", "lab_memory", _at(f"the code needed more memory than the lab allows{limit}; "
                                                "a tensor this large was stopped.", line), (megabytes or 0,), (),
                    line, detail)


def timeout_error(seconds: float) -> LabError:
    return LabError("timeout", "lab_timeout", f"The code ran longer than {seconds:g} seconds and was stopped "
                    "(an endless loop?).", (seconds,))


def stopped_error() -> LabError:
    return LabError("timeout", "lab_stopped", "The code was stopped.")


def crashed_error(exitcode) -> LabError:
    return LabError("other", "lab_crashed", f"The lab's process ended unexpectedly (exit code {exitcode}); "
                    "it starts again with the next run.", (exitcode,))


def _at(message: str, line: int | None) -> str:
    message = message[0].upper() + message[1:]
    return f"Line {line}: {message}" if line else message


