"""Where a statement's result came from (``Origin``, playground.lab.messages), worked out in
the lab's process around the one run of the statement (playground.lab.trace).

``plan_of(statement, namespace)`` looks at a statement before it runs and answers a ``Plan``
(None for a form it does not know): ``plan.make(value)`` turns the statement's result into
its Origin afterwards; ``plan.shapes`` are the operands' shapes (for an error's words);
``plan.target`` the name the statement binds ("" for the last expression).

The learner's code runs exactly once, whatever it calls (``torch.rand`` draws once, a
function with side effects is called once). Two ways keep it so:

- **Recorded operands** (products ``a @ b``, ``torch.mm``, ``a * b``...; shape changes
  ``x.reshape(...)``, ``permute``, ``.T``...): these origins need only the operands' shapes.
  The statement's tree is changed so that each operand, whatever expression it is, passes
  through a recorder (``__lab_seen(i, operand)``, which notes the shape and hands the value
  on unchanged) during the statement's own evaluation. So ``torch.arange(12).reshape(3, 4)``
  knows the shape before (12,), ``x.reshape(2, 6).permute(1, 0)`` the permute's (2, 6),
  and ``(a + b).T`` its transpose, with nothing evaluated twice (re-evaluating a call
  instead would draw random numbers again or repeat side effects).
- **Cell numbers** (``src[...]``, ``src[...] = v``, ``torch.cat``/``torch.stack``): these
  origins need to know which cell went where, so the same indexing or joining is done
  beforehand on tensors of cell numbers; the operands are evaluated again for that, so
  only when they call nothing (names, attributes, indexing and constants: ``_pure``).
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Callable

import numpy as np
import torch

from playground.lab.capture import corner
from playground.lab.messages import Origin

FILENAME = "<lab>"
RECORDER = "__lab_seen"  # the recorder's name in the learner's namespace while a statement runs
MAX_TRACED = 1_000_000  # cells above which a result's origin is not worked out (it costs a copy of indices)

_ELEMENTWISE = {ast.Mult: "mul", ast.Add: "add", ast.Sub: "sub", ast.Div: "div"}
_PRODUCTS = ("mm", "bmm", "matmul")
_ELEMENT_CALLS = ("mul", "add", "sub", "div", "multiply")
_SHAPE_CALLS = ("reshape", "view", "permute", "squeeze", "unsqueeze", "flatten", "transpose", "t")
_JOIN_CALLS = {"cat": "cat", "concat": "cat", "concatenate": "cat", "stack": "stack"}


class Recorder:
    """Called as ``__lab_seen(i, value)`` inside the statement: notes operand ``i``'s shape
    (None if it is neither an array nor a number) and returns ``value`` itself."""

    def __init__(self, count: int):
        self.seen: list[tuple[int, ...] | None] = [None] * count
        self.arrays: list[bool] = [False] * count

    def __call__(self, index: int, value):
        try:
            self.arrays[index] = _is_array(value)
            self.seen[index] = _shape_of(value)
        except Exception:  # noqa: BLE001 - a drawing hint must never change what the code does
            pass
        return value

    def shapes(self) -> tuple[tuple[int, ...], ...] | None:
        """Every operand's shape, or None if one was not seen (an error before it) or has none."""
        if any(s is None for s in self.seen):
            return None
        return tuple(self.seen)


def _shape_of(value) -> tuple[int, ...] | None:
    if _is_array(value):
        return tuple(int(d) for d in value.shape)
    if isinstance(value, (bool, int, float, complex, np.generic)):
        return ()
    return None


@dataclasses.dataclass
class Plan:
    target: str
    make: Callable  # result value -> Origin (or None)
    known_shapes: tuple = ()  # the operands' shapes, known before the statement runs
    recorder: Recorder | None = None  # the operands' shapes, noted while it runs
    operands: tuple = ()  # the nodes the recorder wraps (in the recorder's order)

    @property
    def shapes(self) -> tuple:
        if self.recorder is not None:
            return self.recorder.shapes() or ()
        return self.known_shapes


def plan_of(statement: ast.stmt, namespace: dict) -> Plan | None:
    """How to draw what ``statement`` makes (see the module docstring); None if not a known
    form. A plan with a recorder has wrapped the statement's operands (the tree is changed
    in place): run the statement with ``namespace[RECORDER] = plan.recorder``."""
    try:
        plan = None
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                plan = _expression_plan(target.id, statement.value, namespace)
            elif isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                plan = _setitem_plan(target, namespace)
        elif isinstance(statement, ast.Expr):
            plan = _expression_plan("", statement.value, namespace)
    except Exception:  # noqa: BLE001 - a form we could not follow: no drawing hints, the run goes on
        return None
    if plan is not None and plan.recorder is not None:
        _Wrap({id(node): i for i, node in enumerate(plan.operands)}).visit(statement)
        ast.fix_missing_locations(statement)
    return plan


class _Wrap(ast.NodeTransformer):
    """Puts each chosen node (by identity) inside ``__lab_seen(i, node)``."""

    def __init__(self, chosen: dict[int, int]):
        self.chosen = chosen

    def visit(self, node):
        index = self.chosen.get(id(node))
        if index is None:
            return self.generic_visit(node)
        call = ast.Call(ast.Name(RECORDER, ast.Load()), [ast.Constant(index), node], [])
        return ast.copy_location(call, node)


def _pure(node: ast.AST) -> bool:
    """True if evaluating ``node`` again calls nothing and binds nothing."""
    banned = (ast.Call, ast.NamedExpr, ast.Lambda, ast.Await, ast.Yield, ast.YieldFrom, ast.ListComp,
              ast.SetComp, ast.DictComp, ast.GeneratorExp)
    return not any(isinstance(n, banned) for n in ast.walk(node))


def _evaluate(node: ast.AST, namespace: dict, **extra):
    scope = dict(namespace, **extra)
    return eval(compile(ast.fix_missing_locations(ast.Expression(node)), FILENAME, "eval"), scope)


def _cells(value):
    """A tensor (or array) like ``value`` holding its cells' flat indices (ValueError if too large)."""
    if int(np.prod(value.shape, dtype=np.int64)) > MAX_TRACED:
        raise ValueError("too large to trace")
    if isinstance(value, np.ndarray):
        return np.arange(value.size).reshape(value.shape)
    return torch.arange(value.numel()).reshape(value.shape)


def _as_numpy(value) -> np.ndarray:
    return value.numpy() if isinstance(value, torch.Tensor) else np.asarray(value)


def _cut(array: np.ndarray) -> np.ndarray:
    part = array[corner(array.shape)] if array.ndim else array
    return np.array(part, dtype=np.int64)


def _is_array(value) -> bool:
    return isinstance(value, (torch.Tensor, np.ndarray))


def _expression_plan(target: str, node: ast.expr, namespace: dict):
    if isinstance(node, ast.Subscript) and _pure(node):
        return _index_plan(target, node, namespace)
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.MatMult):
            return _operands_plan(target, "matmul", node.left, node.right)
        if type(node.op) in _ELEMENTWISE:
            return _operands_plan(target, _ELEMENTWISE[type(node.op)], node.left, node.right)
    if isinstance(node, ast.Attribute) and node.attr in ("T", "mT"):
        return _shape_plan(target, "T", node.value, ())
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return None
    name, owner = node.func.attr, node.func.value
    on_torch = isinstance(owner, ast.Name) and namespace.get(owner.id) is torch
    if on_torch and name in _JOIN_CALLS:
        return _join_plan(target, _JOIN_CALLS[name], node, namespace)
    args = list(node.args) if on_torch else [owner] + list(node.args)  # a method: the receiver is the first operand
    if any(isinstance(a, ast.Starred) for a in args):
        return None
    if name in _PRODUCTS + _ELEMENT_CALLS and len(args) == 2:
        return _operands_plan(target, "mul" if name == "multiply" else name, args[0], args[1])
    if name in _SHAPE_CALLS and args:
        dims = tuple(_literal(a) for a in args[1:]) + tuple(_literal(k.value) for k in node.keywords)
        return _shape_plan(target, name if name != "t" else "T", args[0], dims)
    return None


def _literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return ast.unparse(node)


def _index_plan(target, node: ast.Subscript, namespace):
    source = _evaluate(node.value, namespace)
    if not _is_array(source):
        return None
    picked = _as_numpy(_evaluate(ast.Subscript(ast.Name("__lab_cells", ast.Load()), node.slice, ast.Load()),
                                 namespace, __lab_cells=_cells(source)))
    name, shape = ast.unparse(node.value), tuple(source.shape)
    return Plan(target, lambda value: Origin("index", (name,), (shape,), picked=_cut(picked)))


def _setitem_plan(target: ast.Subscript, namespace):
    if not _pure(target):
        return None
    source = namespace.get(target.value.id)
    if not _is_array(source):
        return None
    picked = _as_numpy(_evaluate(ast.Subscript(ast.Name("__lab_cells", ast.Load()), target.slice, ast.Load()),
                                 namespace, __lab_cells=_cells(source)))
    flat = np.unique(np.asarray(picked, dtype=np.int64).ravel())
    name, shape = target.value.id, tuple(source.shape)
    return Plan(name, lambda value: Origin("setitem", (name,), (shape,), picked=flat))


def _join_plan(target, op, node: ast.Call, namespace):
    if not node.args or not isinstance(node.args[0], (ast.List, ast.Tuple)):
        return None
    items = node.args[0].elts
    rest = node.args[1:] + [k.value for k in node.keywords]
    if not all(_pure(n) for n in items + rest):
        return None
    tensors = [_evaluate(n, namespace) for n in items]
    if not all(isinstance(t, torch.Tensor) for t in tensors):
        return None
    shapes = tuple(tuple(t.shape) for t in tensors)
    if sum(t.numel() for t in tensors) > MAX_TRACED:
        return None
    labels = [torch.full(t.shape, i, dtype=torch.int64) for i, t in enumerate(tensors)]
    cells = [torch.arange(t.numel()).reshape(t.shape) for t in tensors]
    call = ast.Call(node.func, [ast.Name("__lab_in", ast.Load())] + node.args[1:], node.keywords)
    from_source = _evaluate(call, namespace, __lab_in=labels).numpy()
    picked = _evaluate(call, namespace, __lab_in=cells).numpy()
    dim_node = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "dim"), None)
    dim = int(_evaluate(dim_node, namespace)) if dim_node is not None else 0
    names = tuple(ast.unparse(n) for n in items)

    def make(value):
        return Origin(op, names, shapes, picked=_cut(picked), from_source=_cut(from_source),
                      dim=dim % max(1, value.ndim))
    return Plan(target, make, shapes)


def _operands_plan(target, op, left, right):
    """A product or element-wise operation: the operands' shapes are recorded as it runs. A plain
    number (``a.add(5)``, ``t * 2``) goes to every cell: there is no shape rule to show."""
    recorder = Recorder(2)
    names = (ast.unparse(left), ast.unparse(right))

    def make(value):
        shapes = recorder.shapes()
        if shapes is None or not all(recorder.arrays):
            return None
        result = tuple(value.shape)
        if op in _PRODUCTS:
            dims = _stretched(result[:-2], [s[:-2] for s in shapes if len(s) >= 2]) if all(
                len(s) >= 2 for s in shapes) else ()
        else:
            dims = _stretched(result, shapes)
        return Origin(op, names, shapes, broadcast_dims=dims)
    return Plan(target, make, recorder=recorder, operands=(left, right))


def _stretched(result: tuple, operands) -> tuple[int, ...]:
    """The dimensions of ``result`` that some operand (aligned right) lacks or has as 1 while result does not."""
    dims = []
    for d, size in enumerate(result):
        for shape in operands:
            offset = len(result) - len(shape)
            if d < offset or (shape[d - offset] == 1 and size != 1):
                dims.append(d)
                break
    return tuple(dims)


def _shape_plan(target, op, node, dims):
    """A dimension change: the shape before is recorded as the statement runs."""
    recorder = Recorder(1)
    name = ast.unparse(node)

    def make(value):
        shapes = recorder.shapes()
        if shapes is None or not recorder.arrays[0]:
            return None
        return Origin(op, (name,), shapes, dims=dims)
    return Plan(target, make, recorder=recorder, operands=(node,))
