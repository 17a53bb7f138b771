"""Text the exported script's parts share: the engine's own functions written in as
source (``source``: one source for the app and the script), Python literals and
calls, comments that nothing in a name can turn into code, and joined parts.
"""

from __future__ import annotations

import ast
import inspect
import json
import sys
import textwrap

from playground.design.activations import Call

SOURCE_MODULES = ("playground.data.generators", "playground.design.rules")
"""Modules whose functions scripts copy as source. The bundle ships their .py files too
(``module_collection_mode`` in packaging/nn_playground.spec), for ``inspect``."""


def source(*functions) -> str:
    """The source of ``functions`` as written in SOURCE_MODULES, after every function and
    constant of those modules that they use (each once, what is used before its user)."""
    parts: dict[str, str] = {}

    def add(function) -> None:
        if function.__name__ in parts:
            return
        parts[function.__name__] = ""  # being added: a cycle stops here
        for name in global_names(function.__code__):
            value = function.__globals__.get(name)
            if inspect.isfunction(value) and value.__module__ in SOURCE_MODULES:
                add(value)
            elif name.isupper() and name in function.__globals__ and name not in parts:
                parts[name] = constant_source(sys.modules[function.__module__], name)
        del parts[function.__name__]
        parts[function.__name__] = inspect.getsource(function)

    for function in functions:
        add(function)
    return join(*parts.values())


def global_names(code) -> list[str]:
    """The names ``code`` (and the functions and comprehensions inside it) looks up."""
    names = list(code.co_names)
    for const in code.co_consts:
        if inspect.iscode(const):
            names += global_names(const)
    return names


def constant_source(module, name: str) -> str:
    """The lines that assign ``name`` in ``module`` (with their comment and docstring)."""
    source = inspect.getsource(module)
    lines = source.splitlines()
    body = ast.parse(source).body
    for i, node in enumerate(body):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == name for t in node.targets):
            end = node.end_lineno
            after = body[i + 1] if i + 1 < len(body) else None
            if isinstance(after, ast.Expr) and isinstance(getattr(after, "value", None), ast.Constant):
                end = after.end_lineno
            return "\n".join(lines[node.lineno - 1 : end])
    raise LookupError(f"{module.__name__} assigns no {name}")


def comment(text: str) -> str:
    """``text`` as comment lines: nothing in a name or description can become code."""
    lines = text.splitlines() or [""]
    clean = ("".join(c if c.isprintable() or c == "\t" else " " for c in line).rstrip() for line in lines)
    return "\n".join(f"# {line}".rstrip() for line in clean)


def torch_name(path: str) -> str:
    """How the script, which imports ``torch`` and ``from torch import nn``, spells a
    registry entry's dotted path: "torch.nn.ReLU" -> "nn.ReLU"."""
    path = path.replace(":", ".")
    return path.removeprefix("torch.") if path.startswith("torch.nn.") else path


def literal(value) -> str:
    """A Python literal for an argument the script writes: strings in double quotes."""
    if isinstance(value, Call):
        return f"nn.init.{value.name}({', '.join(literal(a) for a in value.args)})"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, tuple):
        return f"({', '.join(literal(v) for v in value)}{',' if len(value) == 1 else ''})"
    return repr(value)


def call(function: str, first: str, kwargs: dict) -> str:
    return f"{function}({', '.join([first] * bool(first) + [f'{k}={v}' for k, v in kwargs.items()])})"


def join(*parts: str) -> str:
    return "\n\n\n".join(textwrap.dedent(p).strip("\n") for p in parts if p.strip())
