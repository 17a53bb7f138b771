"""Export a Design as a standalone, readable PyTorch script.

``export_script(design)`` returns the text of a .py file that needs only torch and
numpy (and the standard library). It makes the same data with the engine's own
functions (the ones the design uses, from ``data.generators`` and ``design.rules``,
written in as source: one source for the app and the script), builds the same
``nn.Sequential`` with the same init, and trains with the same loss, optimizer,
regularization and batches, seeded as the app seeds them: on the CPU it reproduces
the app's losses step by step.

Each epoch it prints ``epoch N  train loss L``, where L is the mean of that epoch's
per-batch training losses (without the regularization term), the number the app's
loss plot averages over an epoch. Nothing runs on import: ``python script.py
[--epochs N]`` trains.
"""

from __future__ import annotations

import ast
import inspect
import json
import os
import sys
import textwrap

from playground.data import csv_import, datasets
from playground.data.datasets import CURVES, PLANE_GENERATORS
from playground.data.facts import data_facts
from playground.data.generators import curve_points, feature_map, read_digits, split, standardize
from playground.design import registry, rules
from playground.files import atomic_write_text
from playground.design.activations import Call
from playground.design.schema import BatchNormLayer, Design, DropoutLayer, LinearLayer, require_valid
from playground.design.shapes import layer_names, output_size
from playground.errors import PlaygroundError, Problem, path_excerpt
from playground.resources import resource_path

def export_script(design: Design) -> str:
    """The script's text. DesignError if the design cannot train; DataError if its CSV cannot be read."""
    require_valid(design)
    data = _data_facts(design)
    parts = [
        _header(design),
        _imports(design),
        _constants(design, data),
        _data_code(design, data),
        _model_code(design, data),
        _training_code(design, data),
        _MAIN,
    ]
    return "\n\n\n".join(part.strip("\n") for part in parts) + "\n"


def write_script(design: Design, path: str | os.PathLike) -> None:
    """Export ``design`` to ``path`` atomically; PlaygroundError if it cannot be written."""
    text = export_script(design)
    try:
        atomic_write_text(path, text)
    except OSError as error:
        reason = str(error.strerror or error)
        name = path_excerpt(path)
        problem = Problem("", f"could not write the file: {reason}", "write_failed", (reason,))
        raise PlaygroundError([problem], title=f"Cannot export to {name}:", title_code="export_failed",
                              title_args=(name,)) from None


# -- what the script must know about the data -------------------------------------------


def _data_facts(design: Design) -> dict:
    """kind, n_inputs, n_train, n_classes, n_outputs (and, for CSV, the file's delimiter and
    class names). DataError if a CSV file cannot be used."""
    spec = design.data
    facts = data_facts(spec)
    if facts.error is not None:
        raise facts.error
    out = {"kind": spec.info.input_kind, "n_inputs": facts.n_inputs, "n_train": facts.n_train,
           "n_classes": facts.n_classes, "n_outputs": output_size(design.loss, facts.n_classes)}
    if out["kind"] == "csv":
        table = csv_import.load_csv(spec.csv_path, spec.csv_target, spec.csv_task)
        out.update(class_names=table.class_names, delimiter=table.delimiter)
    return out


# -- header, imports, constants ----------------------------------------------------------


def _comment(text: str) -> str:
    """``text`` as comment lines: nothing in a name or description can become code."""
    lines = text.splitlines() or [""]
    clean = ("".join(c if c.isprintable() or c == "\t" else " " for c in line).rstrip() for line in lines)
    return "\n".join(f"# {line}".rstrip() for line in clean)


def _header(design: Design) -> str:
    name = design.name or "Untitled design"
    parts = [
        _comment(name),
        "#",
        "# Exported from NN Playground as a standalone PyTorch script. It needs only torch",
        "# and numpy and, run on the CPU, reproduces the app's training for the same seeds.",
        "# Run it with:  python this_file.py [--epochs N]",
    ]
    if design.description.strip():
        parts += ["#", _comment(design.description.strip())]
    return "\n".join(parts)


def _imports(design: Design) -> str:
    kind = design.data.info.input_kind
    std = ["argparse", "math"] + (["gzip"] if kind == "digits" else []) + (["csv"] if kind == "csv" else [])
    return "\n".join(f"import {m}" for m in sorted(std)) + "\n\nimport numpy as np\nimport torch\nfrom torch import nn"


def _constants(design: Design, data: dict) -> str:
    spec, t, o = design.data, design.training, design.optimizer
    lines = ["# --- the design ----------------------------------------------------------------"]
    lines.append(f"DATA_SEED = {spec.seed}  # the data set's own seed")
    if data["kind"] in ("2d", "1d"):
        lines.append(f"SAMPLES = {spec.samples}  # points generated, train and test together")
        lines.append(f"NOISE = {spec.noise!r}  # 0 = clean, 1 = as much noise as signal")
    if data["kind"] == "2d" and spec.info.uses_classes:
        lines.append(f"CLASSES = {spec.classes}")
    if data["kind"] == "2d":
        lines.append(f"FEATURES = {tuple(spec.features)!r}  # the model's inputs, computed from each point")
    if data["kind"] == "1d":
        lines.append(f"OUTLIER_FRACTION = {spec.outlier_fraction!r}  # share of training points moved off the curve")
    if data["kind"] == "digits":
        path = str(resource_path(*datasets.DIGITS_FILE))
        lines.append(f"DIGITS_FILE = {path!r}  # per row: 64 pixel counts 0..16 (8x8), then the digit")
    if data["kind"] == "csv":
        lines.append(f"CSV_FILE = {spec.csv_path!r}")
        lines.append(f"DELIMITER = {data['delimiter']!r}")
        lines.append(f"TARGET = {spec.csv_target!r}  # the column to predict; every other column is an input")
        if spec.csv_task != "regression":
            lines.append(f"CLASS_NAMES = {data['class_names']!r}  # class k is CLASS_NAMES[k]")
    lines.append(f"TRAIN_FRACTION = {spec.train_fraction!r}  # the rest is the test set")
    lines.append(f"SEED = {t.seed}  # initial weights, shuffling and dropout")
    lines.append(f"EPOCHS = {t.epochs}")
    if _shuffles(design, data):
        lines.append(f"BATCH_SIZE = {rules.batch_size(t, data['n_train'])}")
    if t.regularization != "none" and t.regularization_rate > 0:
        lines.append(f"REGULARIZATION_RATE = {t.regularization_rate!r}  # {t.regularization.upper()}")
    lines.append(f"LEARNING_RATE = {o.lr!r}")
    return "\n".join(lines)


def _shuffles(design: Design, data: dict) -> bool:
    """Whether an epoch has several batches, drawn in a new order each epoch."""
    return rules.batch_size(design.training, data["n_train"]) < data["n_train"]


# -- data: the engine's own functions, as source -------------------------------------------

SOURCE_MODULES = ("playground.data.generators", "playground.design.rules")
"""Modules whose functions scripts copy as source. The bundle ships their .py files too
(``module_collection_mode`` in packaging/nn_playground.spec), for ``inspect``."""


def _source(*functions) -> str:
    """The source of ``functions`` as written in SOURCE_MODULES, after every function and
    constant of those modules that they use (each once, what is used before its user)."""
    parts: dict[str, str] = {}

    def add(function) -> None:
        if function.__name__ in parts:
            return
        parts[function.__name__] = ""  # being added: a cycle stops here
        for name in _global_names(function.__code__):
            value = function.__globals__.get(name)
            if inspect.isfunction(value) and value.__module__ in SOURCE_MODULES:
                add(value)
            elif name.isupper() and name in function.__globals__ and name not in parts:
                parts[name] = _constant_source(sys.modules[function.__module__], name)
        del parts[function.__name__]
        parts[function.__name__] = inspect.getsource(function)

    for function in functions:
        add(function)
    return _join(*parts.values())


def _global_names(code) -> list[str]:
    """The names ``code`` (and the functions and comprehensions inside it) looks up."""
    names = list(code.co_names)
    for const in code.co_consts:
        if inspect.iscode(const):
            names += _global_names(const)
    return names


def _constant_source(module, name: str) -> str:
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


def _targets_code(design: Design) -> str:
    entry = registry.LOSSES[design.loss]
    if entry.head == "logit":
        doc, body = f"Classes 0/1 as float32 (n, 1), the form {entry.torch_class.rpartition('.')[2]} takes.", \
            "torch.as_tensor(labels, dtype=torch.int64).to(torch.float32).reshape(-1, 1)"
    elif entry.head == "class_logits":
        doc, body = f"Class indices, int64 (n,), the form {entry.torch_class.rpartition('.')[2]} takes.", \
            "torch.as_tensor(labels, dtype=torch.int64)"
    else:
        doc, body = "Target values as float32 (n, 1), one per output.", \
            "torch.as_tensor(labels, dtype=torch.float32).reshape(-1, 1)"
    return f'def targets(labels):\n    """{doc}"""\n    return {body}'


def _data_code(design: Design, data: dict) -> str:
    kind = data["kind"]
    body = {"2d": _plane_data, "1d": _curve_data, "digits": _digits_data, "csv": _csv_data}[kind](design, data)
    return "# --- data ----------------------------------------------------------------------\n" + body


def _plane_data(design: Design, data: dict) -> str:
    generate = PLANE_GENERATORS[design.data.dataset]
    classes = ", CLASSES" if design.data.info.uses_classes else ""
    inputs = '''
def inputs(points):
    """The model's inputs (the FEATURES of each point) as a float32 tensor."""
    return torch.as_tensor(feature_map(points, FEATURES))
'''
    make = f'''
def make_data():
    """Training and test inputs and targets, as torch tensors."""
    rng = np.random.default_rng(DATA_SEED)
    points, labels = {generate.__name__}(rng, SAMPLES, NOISE{classes})
    points = points.astype(np.float32)  # the app rounds the coordinates to float32 once, here
    train, test = split(rng, SAMPLES, TRAIN_FRACTION)
    return inputs(points[train]), targets(labels[train]), inputs(points[test]), targets(labels[test])
'''
    return _join(_source(generate, split, feature_map), inputs, _targets_code(design), make)


def _curve_data(design: Design, data: dict) -> str:
    curve = CURVES[design.data.dataset]
    inputs = '''
def inputs(x):
    """x as a float32 column (n, 1): one input."""
    return torch.as_tensor(x[:, None])
'''
    make = f'''
def make_data():
    """Training and test inputs and targets, as torch tensors: y = {curve.__name__}(x) plus noise,
    with outliers among the training targets."""
    rng = np.random.default_rng(DATA_SEED)
    x, y, train, test, y_train, _ = curve_points(rng, {curve.__name__}, SAMPLES, NOISE, TRAIN_FRACTION, OUTLIER_FRACTION)
    return inputs(x[train]), targets(y_train), inputs(x[test]), targets(y[test])
'''
    return _join(_source(curve, curve_points), inputs, _targets_code(design), make)


def _digits_data(design: Design, data: dict) -> str:
    make = '''
def make_data():
    """The 1,797 handwritten digits: 64 pixels scaled to 0..1, and the digit 0..9."""
    images, labels = read_digits(DIGITS_FILE)
    train, test = split(np.random.default_rng(DATA_SEED), len(labels), TRAIN_FRACTION)
    x = images / np.float32(16)
    return torch.as_tensor(x[train]), targets(labels[train]), torch.as_tensor(x[test]), targets(labels[test])
'''
    return _join(_source(read_digits, split), _targets_code(design), make)


def _csv_data(design: Design, data: dict) -> str:
    regression = design.data.csv_task == "regression"
    read = '''
def read_csv():
    """The input columns as float64 (rows, inputs) and the target column's cells (blank rows skipped)."""
    with open(CSV_FILE, encoding="utf-8-sig", newline="") as f:
        rows = [row for row in csv.reader(f, delimiter=DELIMITER) if any(cell.strip() for cell in row)]
    header = [name.strip() or f"column {i + 1}" for i, name in enumerate(rows[0])]
    t = header.index(TARGET)
    x = np.array([[float(cell) for j, cell in enumerate(row) if j != t] for row in rows[1:]], dtype=np.float64)
    return x, [row[t].strip() for row in rows[1:]]
'''
    if regression:
        target = "y = np.array([float(cell) for cell in cells], dtype=np.float64)"
        scale = "    y = standardize(y[:, None], train)[:, 0]  # the target too: losses are in units of its spread\n"
    else:
        target = (
            "index = {name: k for k, name in enumerate(CLASS_NAMES)}\n"
            "    y = np.array([index[cell] for cell in cells], dtype=np.int64)"
        )
        scale = ""
    make = f'''
def make_data():
    """The file's rows, split into training and test sets, inputs standardized."""
    x, cells = read_csv()
    {target}
    train, test = split(np.random.default_rng(DATA_SEED), len(y), TRAIN_FRACTION)
    x = standardize(x, train)
{scale}    return torch.as_tensor(x[train]), targets(y[train]), torch.as_tensor(x[test]), targets(y[test])
'''
    return _join(read, _source(standardize, split), _targets_code(design), make)


# -- model ----------------------------------------------------------------------------------


def _torch_name(path: str) -> str:
    """How the script, which imports ``torch`` and ``from torch import nn``, spells a
    registry entry's dotted path: "torch.nn.ReLU" -> "nn.ReLU"."""
    path = path.replace(":", ".")
    return path.removeprefix("torch.") if path.startswith("torch.nn.") else path


def _literal(value) -> str:
    """A Python literal for an argument the script writes: strings in double quotes."""
    if isinstance(value, Call):
        return f"nn.init.{value.name}({', '.join(_literal(a) for a in value.args)})"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, tuple):
        return f"({', '.join(_literal(v) for v in value)}{',' if len(value) == 1 else ''})"
    return repr(value)


def _call(function: str, first: str, kwargs: dict) -> str:
    return f"{function}({', '.join([first] * bool(first) + [f'{k}={v}' for k, v in kwargs.items()])})"


def _module_code(name: str) -> str | None:
    spec = registry.ACTIVATIONS[name]
    if not spec.torch_class:
        return None
    return _call(_torch_name(spec.torch_class), "", {k: repr(v) for k, v in spec.kwargs.items()})


def _model_code(design: Design, data: dict) -> str:
    lines, linears = [], []  # linears: (module index, activation after it)
    width, index = data["n_inputs"], 0

    def add(code: str, comment: str = "") -> None:
        nonlocal index
        lines.append(f"        {code},{f'  # {comment}' if comment else ''}")
        index += 1

    for layer, label in zip(design.layers, layer_names(design)):
        activation = "linear"
        if isinstance(layer, LinearLayer):
            linears.append((index, layer.activation))
            add(f"nn.Linear({width}, {layer.units})", f"{label}: {width} -> {layer.units}")
            width, activation = layer.units, layer.activation
        elif isinstance(layer, BatchNormLayer):
            add(f"nn.BatchNorm1d({width}, momentum={layer.momentum!r})", label)
            activation = layer.activation
        elif isinstance(layer, DropoutLayer):
            add(f"nn.Dropout({layer.p!r})", label)
        act = _module_code(activation)
        if act:
            add(act)
    linears.append((index, "linear"))
    head = {
        "logit": "one logit; the loss applies the sigmoid",
        "class_logits": "one logit per class; the loss applies softmax",
        "value": "the predicted value",
    }[registry.LOSSES[design.loss].head]
    add(f"nn.Linear({width}, {data['n_outputs']})", f"Output: {head}")
    init = _init_code(design.init, linears)
    return (
        "# --- model ---------------------------------------------------------------------\n"
        "def build_model():\n"
        '    """The network: a plain nn.Sequential. Weights come from the global generator,\n'
        '    which the caller seeds."""\n'
        "    model = nn.Sequential(\n" + "\n".join(lines) + "\n    )\n" + init + "    return model"
    )


def _init_code(init: str, linears: list[tuple[int, str]]) -> str:
    entry = registry.INITS[init]
    lines = [f"    # {entry.comment}"]
    if not entry.function:
        return lines[0] + "\n"
    for index, activation in linears:
        kwargs = {k: _literal(v) for k, v in entry.kwargs(registry.ACTIVATIONS[activation]).items()}
        lines.append("    " + _call(f"nn.init.{entry.function}", f"model[{index}].weight", kwargs))
        lines.append(f"    nn.init.zeros_(model[{index}].bias)")
    return "\n".join(lines) + "\n"


# -- training ---------------------------------------------------------------------------------


def _optimizer_code(design: Design) -> str:
    entry = registry.OPTIMIZERS[design.optimizer.name]
    kwargs = {k: "LEARNING_RATE" if k == "lr" else _literal(v) for k, v in entry.torch_kwargs(design.optimizer).items()}
    return _call(_torch_name(entry.torch_class), "model.parameters()", kwargs)


def _batches_code(design: Design, data: dict) -> str:
    if not _shuffles(design, data):
        return '''
def batches(x, y, shuffle):
    """Batch gradient descent: the whole training set is one batch, so one step per epoch."""
    return [(x, y)]
'''
    what = {
        "stochastic": "Stochastic gradient descent (one sample per step)",
        "minibatch": "Mini-batch gradient descent (BATCH_SIZE samples per step)",
    }[design.training.batch_mode]
    batches = f'''
def batches(x, y, shuffle):
    """{what}: the training set in a new
    random order each epoch, cut into batches."""
    order = torch.randperm(len(x), generator=shuffle)
    cuts = batch_cuts(len(x), BATCH_SIZE, has_batchnorm={design.has_batchnorm})
    return list(zip(torch.tensor_split(x[order], cuts), torch.tensor_split(y[order], cuts)))
'''
    return _join(_source(rules.batch_cuts), batches)


def _penalty_code(design: Design) -> str:
    kind = design.training.regularization
    if kind == "none" or design.training.regularization_rate == 0:
        return ""
    if kind == "l1":
        doc, expr = "L1 regularization: RATE * sum(|w|)", "REGULARIZATION_RATE * sum(w.abs().sum() for w in weights)"
    else:
        doc = "L2 regularization: RATE * sum(w^2) / 2"
        expr = "REGULARIZATION_RATE * 0.5 * sum(w.pow(2).sum() for w in weights)"
    return f'''
def penalty(model):
    """{doc}, over every Linear layer's weights (not the biases)."""
    weights = [m.weight for m in model if isinstance(m, nn.Linear)]
    return {expr}
'''


def _evaluate_code(design: Design) -> str:
    head = registry.LOSSES[design.loss].head
    if head == "logit":
        accuracy = "((out[:, 0] > 0).float() == y[:, 0]).float().mean().item()"
    elif head == "class_logits":
        accuracy = "(out.argmax(1) == y).float().mean().item()"
    else:
        accuracy = "None  # regression: no accuracy"
    return f'''
@torch.no_grad()
def evaluate(model, loss_fn, x, y):
    """(loss, accuracy) on a whole set, with dropout off and BatchNorm's running statistics."""
    model.eval()
    out = model(x)
    model.train()
    return loss_fn(out, y).item(), {accuracy}
'''


def _training_code(design: Design, data: dict) -> str:
    penalty = _penalty_code(design)
    backward = "(loss + penalty(model)).backward()" if penalty else "loss.backward()"
    loss = _torch_name(registry.LOSSES[design.loss].torch_class)
    train = f'''
def train(epochs):
    """Train for `epochs`, printing each epoch's mean training loss, then the final figures."""
    x_train, y_train, x_test, y_test = make_data()
    torch.manual_seed(SEED)  # the initial weights, then dropout
    model = build_model()
    loss_fn = {loss}()
    optimizer = {_optimizer_code(design)}
    shuffle = torch.Generator().manual_seed(SEED)  # each epoch's batch order
    print(model)
    for epoch in range(1, epochs + 1):
        total, steps = 0.0, 0
        for x, y in batches(x_train, y_train, shuffle):
            loss = loss_fn(model(x), y)
            optimizer.zero_grad()
            {backward}
            optimizer.step()
            total, steps = total + loss.item(), steps + 1
        mean = total / steps  # the mean training loss of this epoch's steps (without regularization)
        print(f"epoch {{epoch}}  train loss {{mean:.8g}}")
        if not math.isfinite(mean):
            print("The loss is no longer a finite number: training diverged. Try a lower learning rate.")
            return model
    for name, x, y in (("train", x_train, y_train), ("test", x_test, y_test)):
        loss, accuracy = evaluate(model, loss_fn, x, y)
        print(f"{{name}} loss {{loss:.6f}}" + ("" if accuracy is None else f", accuracy {{accuracy:.1%}}"))
    return model
'''
    return _join(
        "# --- training ------------------------------------------------------------------\n"
        + _batches_code(design, data).strip("\n"),
        penalty,
        _evaluate_code(design),
        train,
    )


_MAIN = '''
def main():
    parser = argparse.ArgumentParser(description="Train the exported NN Playground design.")
    parser.add_argument("--epochs", type=int, default=EPOCHS, help=f"epochs to train (default {EPOCHS})")
    train(parser.parse_args().epochs)


if __name__ == "__main__":
    main()
'''


def _join(*parts: str) -> str:
    return "\n\n\n".join(textwrap.dedent(p).strip("\n") for p in parts if p.strip())
