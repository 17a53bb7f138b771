"""The lab process: run the learner's code statement by statement and trace what it made.

``serve(connection)`` is the process's loop (entered through playground.lab.runner):
it loads torch, says "ready", then answers each ("run", code, inputs, memory_bytes)
with a LabResult until ("quit",). ``run_traced`` does one run:

- the code is parsed with ``ast`` (a SyntaxError is answered in words, nothing runs);
- a fresh namespace holds ``torch``, ``np`` and the inputs as tensors (copies);
- each top-level statement runs in turn; if the last one is an expression it is
  evaluated and becomes the result (name "");
- after each statement the names it bound are noted (their order, the object and a copy
  of its first numbers), so that a value changed in place later carries ``before``;
- before a statement of a known form (``x = src[...]``, ``src[...] = v``, ``torch.cat``,
  ``torch.stack``, ``a @ b``, ``a * b``, ``x.reshape(...)``...) runs, how to draw its
  result is worked out (``Origin``) by running the same operation on tensors of cell
  numbers or input numbers; an operand is evaluated again for this only if it calls
  nothing (a name, an attribute, an index, constants), so that nothing the learner wrote
  runs twice;
- the first exception stops the run and is explained (playground.lab.explain).
"""

from __future__ import annotations

import ast
import builtins
import dataclasses
import io
import sys
import time
import traceback
import types

import numpy as np
import torch

from playground.lab.capture import assign_storages, capture, corner, numbers, short_repr
from playground.lab.explain import explain, memory_error, syntax_error
from playground.lab.messages import MAX_STDOUT, MAX_VALUES, LabResult, Origin, TensorValue

FILENAME = "<lab>"
MAX_TRACED = 1_000_000  # cells above which a result's origin is not worked out (it costs a copy of indices)
_BASE_NAMES = ("torch", "np")


def serve(connection) -> None:
    torch.set_num_threads(1)  # lab tensors are small; the window and training keep the other cores
    connection.send("ready")
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        if request[0] != "run":
            return
        _, code, inputs, memory_bytes = request
        _limit_memory(memory_bytes)
        result = run_traced(code, inputs, memory_bytes)
        try:
            connection.send(result)
        except (EOFError, OSError):
            return
        except Exception as error:  # a value that cannot be pickled: say so rather than hang the caller
            connection.send(LabResult(error=explain(error), stdout=result.stdout, seconds=result.seconds))


def _limit_memory(memory_bytes: int) -> None:
    """Linux: the address space may grow by ``memory_bytes`` beyond what it is now."""
    if not sys.platform.startswith("linux"):
        return
    import resource
    try:
        with open("/proc/self/status") as status:
            size_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        soft = size_kb * 1024 + int(memory_bytes)
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (OSError, ValueError, StopIteration):
        pass


class _CappedOutput(io.TextIOBase):
    """stdout for the learner's prints: keeps the first MAX_STDOUT characters."""

    def __init__(self):
        self.parts: list[str] = []
        self.size = 0
        self.truncated = False

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        room = MAX_STDOUT - self.size
        if room > 0:
            self.parts.append(text[:room])
            self.size += min(len(text), room)
        if len(text) > room:
            self.truncated = True
        return len(text)

    def text(self) -> str:
        return "".join(self.parts)


def run_traced(code: str, inputs: dict, memory_bytes: int = 0) -> LabResult:
    """Run ``code`` with ``inputs`` (name -> numpy array) and trace it; see the module docstring."""
    began = time.perf_counter()
    try:
        tree = ast.parse(code, FILENAME)
    except SyntaxError as error:
        return LabResult(error=syntax_error(error))
    except ValueError as error:  # source with NUL characters
        return LabResult(error=syntax_error(SyntaxError(str(error))))
    namespace = {"__name__": "__lab__", "__builtins__": builtins, "torch": torch, "np": np}
    for name, array in inputs.items():
        namespace[name] = torch.tensor(np.asarray(array))
    tracker = _Tracker(namespace)
    output = _CappedOutput()
    error = None
    result_holder: list = []
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = output  # warnings (torch's UserWarnings) are part of what the learner sees
    try:
        for index, statement in enumerate(tree.body):
            last = index == len(tree.body) - 1 and isinstance(statement, ast.Expr)
            plan = _plan(statement, namespace)
            try:
                if last:
                    result_holder.append(eval(compile(ast.Expression(statement.value), FILENAME, "eval"), namespace))
                else:
                    exec(compile(ast.Module([statement], []), FILENAME, "exec"), namespace)
            except BaseException as raised:  # the learner's exception, whatever it is (even SystemExit)
                error = _explained(raised, statement, plan, memory_bytes)
                break
            tracker.after(plan)
            if last:
                tracker.result_is(statement.value, plan)
    finally:
        sys.stdout, sys.stderr = saved
    values = tracker.values(result_holder)
    return LabResult(values, output.text(), error, time.perf_counter() - began, output.truncated)


def _explained(raised: BaseException, statement: ast.stmt, plan, memory_bytes: int):
    line = statement.lineno
    for frame, lineno in traceback.walk_tb(raised.__traceback__):
        if frame.f_code.co_filename == FILENAME:
            line = lineno
    if isinstance(raised, MemoryError) or "can't allocate memory" in str(raised):
        return memory_error(memory_bytes // 2 ** 20 if memory_bytes else None, line)
    error = explain(raised, line, _matrix_op(statement))
    if error.kind == "shape" and not error.shapes and plan is not None and plan.shapes:
        error = dataclasses.replace(error, shapes=plan.shapes)
    return error


def _matrix_op(statement: ast.stmt) -> str:
    for node in ast.walk(statement):
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
            return "@"
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr in ("mm", "bmm", "matmul"):
            return node.func.attr
    return ""


# --- what the names hold ---------------------------------------------------------------------


def _shown(name: str, value) -> bool:
    if name.startswith("_") or name in _BASE_NAMES:
        return False
    return not isinstance(value, (types.ModuleType, types.FunctionType, types.BuiltinFunctionType, type))


class _Tracker:
    def __init__(self, namespace: dict):
        self.namespace = namespace
        self.order: list[str] = []
        self.first: dict[str, tuple] = {}  # name -> (object, its numbers when first bound)
        self.origins: dict[str, object] = {}  # name -> a _Plan that made or changed it
        self.result_origin = None
        self.result_name = ""  # the variable the last expression names, if it is just a name
        self.after(None)

    def result_is(self, node: ast.expr, plan) -> None:
        """The last expression: a bare name shows that variable's origin and change."""
        if isinstance(node, ast.Name) and node.id in self.first:
            self.result_name = node.id
        self.result_origin = plan
    def after(self, plan) -> None:
        for name, value in self.namespace.items():
            if not _shown(name, value):
                continue
            known = self.first.get(name)
            if known is None or known[0] is not value:
                self.first[name] = (value, _numbers_or_none(value))
                self.origins.pop(name, None)
                if name not in self.order:
                    self.order.append(name)
        if plan is not None and plan.target in self.namespace:
            self.origins[plan.target] = plan

    def values(self, result_holder: list) -> tuple:
        names = [n for n in self.order if n in self.namespace and _shown(n, self.namespace[n])]
        names = names[: MAX_VALUES - (1 if result_holder else 0)]
        objects = [self.namespace[n] for n in names] + result_holder
        records = []
        for name, value in zip(names + [""] * len(result_holder), objects):
            record = _safe_capture(name, value)
            known = name or self.result_name  # the result of a bare name is that variable
            plan = self.origins.get(known) if known else self.result_origin
            origin = _safe_origin(plan, value)
            before = None
            if known and isinstance(value, (torch.Tensor, np.ndarray)):
                first_value, first_numbers = self.first[known]
                if first_value is value and first_numbers is not None and record.values is not None and \
                        (first_numbers.shape != record.values.shape or
                         not np.array_equal(first_numbers, record.values, equal_nan=True)):
                    before = first_numbers
            records.append(dataclasses.replace(record, origin=origin, before=before))
        storages = assign_storages(objects)
        return tuple(dataclasses.replace(r, storage=s) for r, s in zip(records, storages))


def _numbers_or_none(value):
    if isinstance(value, (torch.Tensor, np.ndarray)):
        try:
            return numbers(value)[0]
        except Exception:
            return None
    return None


def _safe_capture(name, value):
    try:
        return capture(name, value)
    except Exception:  # an odd tensor (sparse, meta...) is shown by its type only
        return TensorValue(name, "other", python_type=type(value).__name__, text=short_repr(value))


def _safe_origin(plan, value):
    if plan is None or not isinstance(value, (torch.Tensor, np.ndarray)):
        return None
    try:
        return plan.make(value)
    except Exception:  # drawing hints are a bonus: never let them break a run
        return None


# --- origins: how a statement's result is drawn ---------------------------------------------

_ELEMENTWISE = {ast.Mult: "mul", ast.Add: "add", ast.Sub: "sub", ast.Div: "div"}
_PRODUCTS = ("mm", "bmm", "matmul")
_ELEMENT_CALLS = ("mul", "add", "sub", "div", "multiply")
_SHAPE_CALLS = ("reshape", "view", "permute", "squeeze", "unsqueeze", "flatten", "transpose", "t")
_JOIN_CALLS = {"cat": "cat", "concat": "cat", "concatenate": "cat", "stack": "stack"}


@dataclasses.dataclass
class _Plan:
    target: str
    make: object  # result value -> Origin
    shapes: tuple = ()


def _plan(statement: ast.stmt, namespace: dict):
    """How to draw what ``statement`` makes, worked out before it runs; None if not a known form."""
    try:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name):
                return _expression_plan(target.id, statement.value, namespace)
            if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name):
                return _setitem_plan(target, namespace)
        if isinstance(statement, ast.Expr):
            return _expression_plan("", statement.value, namespace)
    except Exception:  # a form we could not follow: no drawing hints, the run goes on
        return None
    return None


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
    if isinstance(node, ast.BinOp) and _pure(node.left) and _pure(node.right):
        if isinstance(node.op, ast.MatMult):
            return _operands_plan(target, "matmul", node.left, node.right, namespace)
        if type(node.op) in _ELEMENTWISE:
            return _operands_plan(target, _ELEMENTWISE[type(node.op)], node.left, node.right, namespace)
    if isinstance(node, ast.Attribute) and node.attr in ("T", "mT") and _pure(node.value):
        source = _evaluate(node.value, namespace)
        return _shape_plan(target, "T", source, node.value, ())
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
        return None
    name, owner = node.func.attr, node.func.value
    on_torch = isinstance(owner, ast.Name) and namespace.get(owner.id) is torch
    if on_torch and name in _JOIN_CALLS:
        return _join_plan(target, _JOIN_CALLS[name], node, namespace)
    args = list(node.args)
    if not on_torch:  # a method: the receiver is the first operand
        if not _pure(owner):
            return None
        args = [owner] + args
    if name in _PRODUCTS + _ELEMENT_CALLS and len(args) == 2 and all(_pure(a) for a in args):
        return _operands_plan(target, "mul" if name == "multiply" else name, args[0], args[1], namespace)
    if name in _SHAPE_CALLS and args and _pure(args[0]):
        source = _evaluate(args[0], namespace)
        dims = tuple(_literal(a) for a in args[1:]) + tuple(_literal(k.value) for k in node.keywords)
        return _shape_plan(target, name if name != "t" else "T", source, args[0], dims)
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
    return _Plan(target, lambda value: Origin("index", (name,), (shape,), picked=_cut(picked)))


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
    return _Plan(name, lambda value: Origin("setitem", (name,), (shape,), picked=flat))


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
    return _Plan(target, make, shapes)


def _operands_plan(target, op, left, right, namespace):
    """Two tensors (or arrays) combined: their shapes and the dimensions that broadcast. A plain
    number (``a.add(5)``, ``t * 2``) goes to every cell: there is no shape rule to show."""
    a, b = _evaluate(left, namespace), _evaluate(right, namespace)
    if not (_is_array(a) and _is_array(b)):
        return None
    shapes = (tuple(np.shape(a)), tuple(np.shape(b)))
    names = (ast.unparse(left), ast.unparse(right))

    def make(value):
        result = tuple(value.shape)
        if op in _PRODUCTS:
            dims = _stretched(result[:-2], [s[:-2] for s in shapes if len(s) >= 2]) if all(
                len(s) >= 2 for s in shapes) else ()
        else:
            dims = _stretched(result, shapes)
        return Origin(op, names, shapes, broadcast_dims=dims)
    return _Plan(target, make, shapes)


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


def _shape_plan(target, op, source, node, dims):
    if not _is_array(source):
        return None
    shape, name = tuple(source.shape), ast.unparse(node)
    return _Plan(target, lambda value: Origin(op, (name,), (shape,), dims=dims), (shape,))
