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
- a statement of a known form (``x = src[...]``, ``src[...] = v``, ``torch.cat``,
  ``torch.stack``, ``a @ b``, ``a * b``, ``x.reshape(...)``...) gets a plan for drawing its
  result (``Origin``; playground.lab.origins says how, without running anything the
  learner wrote twice);
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

from playground.lab.capture import assign_storages, capture, numbers, short_repr
from playground.lab.explain import explain, memory_error, syntax_error
from playground.lab.messages import MAX_STDOUT, MAX_VALUES, LabResult, TensorValue
from playground.lab.origins import FILENAME, RECORDER, plan_of

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
            plan = plan_of(statement, namespace)
            if plan is not None and plan.recorder is not None:
                namespace[RECORDER] = plan.recorder  # the statement's operands pass through it
            try:
                if last:
                    result_holder.append(eval(compile(ast.Expression(statement.value), FILENAME, "eval"), namespace))
                else:
                    exec(compile(ast.Module([statement], []), FILENAME, "exec"), namespace)
            except BaseException as raised:  # the learner's exception, whatever it is (even SystemExit)
                error = _explained(raised, statement, plan, memory_bytes)
                break
            finally:
                namespace.pop(RECORDER, None)
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
        self.origins: dict[str, object] = {}  # name -> the Plan that made or changed it
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
