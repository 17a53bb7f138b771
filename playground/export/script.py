"""Export a Design as a standalone, readable PyTorch script.

``export_script(design)`` returns the text of a .py file that needs only torch and
numpy (and the standard library). It generates the same data (only the generator the
design uses, copied from ``datasets``), builds the same ``nn.Sequential`` with the
same init, and trains with the same loss, optimizer, regularization and batches,
seeded as the app seeds them: on the CPU it reproduces the app's losses step by step.

Each epoch it prints ``epoch N  train loss L``, where L is the mean of that epoch's
per-batch training losses (without the regularization term), the number the app's
loss plot averages over an epoch. Nothing runs on import: ``python script.py
[--epochs N]`` trains.

A test keeps the copied generators equal to ``datasets`` (they are text here, so
that export works in a frozen build with no .py sources).
"""

from __future__ import annotations

import json
import os
import textwrap

from playground.data import csv_import

from playground.design import registry
from playground.design.activations import Call
from playground.data.datasets import CURVE_NOISE, OUTLIER_OFFSET, DIGITS_FILE
from playground.design.schema import BatchNormLayer, Design, DropoutLayer, LinearLayer, require_valid
from playground.design.io import atomic_write_text
from playground.errors import PlaygroundError, Problem, path_excerpt
from playground.resources import resource_path
from playground.design.shapes import output_size


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
    """n_inputs, n_train, n_classes (and, for CSV, the file's delimiter and class names)."""
    spec = design.data
    kind = spec.info.input_kind
    facts: dict = {"kind": kind}
    if kind == "2d":
        facts.update(n_inputs=len(spec.features), n_rows=spec.samples)
        facts["n_classes"] = {"binary": 2, "multiclass": spec.classes, "regression": 0}[spec.info.task]
    elif kind == "1d":
        facts.update(n_inputs=1, n_rows=spec.samples, n_classes=0)
    elif kind == "digits":
        facts.update(n_inputs=64, n_rows=1797, n_classes=10)
    else:
        table = csv_import.load_csv(spec.csv_path, spec.csv_target, spec.csv_task)
        facts.update(n_inputs=table.x.shape[1], n_rows=len(table.y), n_classes=len(table.class_names))
        facts.update(class_names=table.class_names, delimiter=table.delimiter)
    facts["n_train"] = int(round(facts["n_rows"] * spec.train_fraction))
    facts["n_outputs"] = output_size(design.loss, facts["n_classes"])
    return facts


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
    if data["kind"] == "1d":
        lines.append(f"CURVE_NOISE = {CURVE_NOISE!r}  # std of the y noise at NOISE = 1")
        lines.append(f"OUTLIER_FRACTION = {spec.outlier_fraction!r}  # share of training points moved off the curve")
    if data["kind"] == "digits":
        path = str(resource_path(*DIGITS_FILE))
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
        lines.append(f"BATCH_SIZE = {_batch_size(design, data)}")
    if t.regularization != "none" and t.regularization_rate > 0:
        lines.append(f"REGULARIZATION_RATE = {t.regularization_rate!r}  # {t.regularization.upper()}")
    lines.append(f"LEARNING_RATE = {o.lr!r}")
    return "\n".join(lines)


def _batch_size(design: Design, data: dict) -> int:
    mode = design.training.batch_mode
    return {"full": data["n_train"], "stochastic": 1}.get(mode, min(design.training.batch_size, data["n_train"]))


def _shuffles(design: Design, data: dict) -> bool:
    """Whether an epoch has several batches, drawn in a new order each epoch."""
    return _batch_size(design, data) < data["n_train"]


# -- data ----------------------------------------------------------------------------------

_SPLIT = '''
def split(rng, n):
    """Shuffled row indices: the first round(n * TRAIN_FRACTION) train, the rest test."""
    order = rng.permutation(n)
    n_train = int(round(n * TRAIN_FRACTION))
    return order[:n_train], order[n_train:]
'''

_BALANCED = '''
def balanced_labels(n, classes):
    """int64 (n,): class 0 for the first n / classes points, then class 1, ..."""
    return (np.arange(n) * classes // n).astype(np.int64)
'''

_SPIRAL_ARMS = '''
def spiral_arms(rng, n, noise, arms):
    """Points on `arms` spiral arms, one class per arm (TensorFlow Playground's spiral)."""
    tf_noise = noise / 2
    labels = balanced_labels(n, arms)
    points = np.empty((n, 2))
    for k in range(arms):
        idx = np.flatnonzero(labels == k)
        i = np.arange(len(idx)) / len(idx)
        # 2 arms make 1.75 turns; more arms turn less, keeping the gap between arms.
        r, t = i * 5, (3.5 / arms) * i * 2 * np.pi + 2 * np.pi * k / arms
        points[idx] = np.stack([r * np.sin(t), r * np.cos(t)], axis=1)
    return points + rng.uniform(-1, 1, (n, 2)) * tf_noise, labels
'''

_SAMPLE_SIDE = '''
def sample_side(rng, m, normal, margin):
    """m uniform points in [-5, 5]^2 with (point . normal) >= margin."""
    found = np.empty((0, 2))
    while len(found) < m:
        candidates = rng.uniform(-5, 5, (2 * m + 16, 2))
        found = np.concatenate([found, candidates[candidates @ normal >= margin]])
    return found[:m]
'''

# Each 2-D generator: (rng, n, noise[, classes]) -> points float64 (n, 2), labels.
# ``noise`` is 0..1; TensorFlow Playground's noise slider is 0..50 %.
_GENERATORS = {
    "circle": ('''
def make_points(rng, n, noise):
    """Class 1 inside radius 2.5, class 0 on a ring from 3.5 to 5."""
    tf_noise = noise / 2
    n_inside = n // 2
    r = np.concatenate([rng.uniform(0, 2.5, n_inside), rng.uniform(3.5, 5, n - n_inside)])
    angle = rng.uniform(0, 2 * np.pi, n)
    points = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
    noisy = points + rng.uniform(-5, 5, (n, 2)) * tf_noise
    return points, (np.hypot(noisy[:, 0], noisy[:, 1]) < 2.5).astype(np.int64)
''', ()),
    "xor": ('''
def make_points(rng, n, noise):
    """Class 1 where x1 and x2 have the same sign, class 0 where they differ."""
    tf_noise = noise / 2
    points = rng.uniform(-5, 5, (n, 2))
    points += np.where(points > 0, 0.3, -0.3)  # keeps points off the axes
    noisy = points + rng.uniform(-5, 5, (n, 2)) * tf_noise
    return points, (noisy[:, 0] * noisy[:, 1] >= 0).astype(np.int64)
''', ()),
    "gaussians": ('''
def make_points(rng, n, noise):
    """Two Gaussian clouds, class 0 around (-2, -2) and class 1 around (2, 2)."""
    std = np.sqrt(0.5 + 3.5 * noise)  # variance 0.5 .. 4
    labels = balanced_labels(n, 2)
    centres = np.where(labels[:, None] == 1, 2.0, -2.0)
    return centres + rng.normal(0, std, (n, 2)), labels
''', (_BALANCED,)),
    "spiral": ('''
def make_points(rng, n, noise):
    """Two interleaved spiral arms; the first arm is class 1."""
    points, labels = spiral_arms(rng, n, noise, 2)
    return points, 1 - labels
''', (_BALANCED, _SPIRAL_ARMS)),
    "spirals_multi": ('''
def make_points(rng, n, noise, classes):
    """One spiral arm per class."""
    return spiral_arms(rng, n, noise, classes)
''', (_BALANCED, _SPIRAL_ARMS)),
    "moons": ('''
def make_points(rng, n, noise):
    """Two interleaved half-moons, class 0 on the upper one."""
    labels = balanced_labels(n, 2)
    t = rng.uniform(0, np.pi, n)
    upper = np.stack([np.cos(t), np.sin(t)], axis=1)
    lower = np.stack([1 - np.cos(t), 0.5 - np.sin(t)], axis=1)
    points = np.where(labels[:, None] == 0, upper, lower) + rng.normal(0, 0.4 * noise, (n, 2))
    return (points - [0.5, 0.25]) * 3.5, labels
''', (_BALANCED,)),
    "linear": ('''
def make_points(rng, n, noise, margin=0.5):
    """Two classes either side of a random line through the origin, none within
    `margin` of it; with noise, labels come from jittered positions."""
    angle = rng.uniform(0, np.pi)
    normal = np.array([np.cos(angle), np.sin(angle)])
    labels = balanced_labels(n, 2)
    points = np.empty((n, 2))
    for label, sign in ((0, -1), (1, 1)):
        idx = np.flatnonzero(labels == label)
        points[idx] = sample_side(rng, len(idx), normal * sign, margin)
    if noise > 0:
        noisy = points + rng.uniform(-5, 5, (n, 2)) * noise / 2
        labels = (noisy @ normal > 0).astype(np.int64)
    return points, labels
''', (_BALANCED, _SAMPLE_SIDE)),
    "blobs": ('''
def make_points(rng, n, noise, classes):
    """One Gaussian blob per class, on a circle of radius 3.5."""
    labels = balanced_labels(n, classes)
    angles = np.pi / 2 + 2 * np.pi * np.arange(classes) / classes
    centres = 3.5 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    return centres[labels] + rng.normal(0, 0.5 + 1.5 * noise, (n, 2)), labels
''', (_BALANCED,)),
    "plane": ('''
def make_points(rng, n, noise):
    """Regression: the target is (x1 + x2) / 10, in [-1, 1] over the plane."""
    points = rng.uniform(-6, 6, (n, 2))
    noisy = points + rng.uniform(-6, 6, (n, 2)) * noise / 2
    return points, (noisy[:, 0] + noisy[:, 1]) / 10
''', ()),
    "gauss_bumps": ('''
BUMPS = np.array([[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]])


def make_points(rng, n, noise):
    """Regression: six bumps (x, y, height +1 or -1), each 1 at its centre and 0 from distance 2."""
    points = rng.uniform(-6, 6, (n, 2))
    noisy = points + rng.uniform(-6, 6, (n, 2)) * noise / 2
    dist = np.hypot(noisy[:, None, 0] - BUMPS[:, 0], noisy[:, None, 1] - BUMPS[:, 1])
    heights = BUMPS[:, 2] * np.clip(1 - dist / 2, 0, 1)
    strongest = np.argmax(np.abs(heights), axis=1)
    return points, heights[np.arange(n), strongest]
''', ()),
}

_FEATURES = {
    "x1": "p[:, 0]",
    "x2": "p[:, 1]",
    "x1_sq": "p[:, 0] ** 2",
    "x2_sq": "p[:, 1] ** 2",
    "x1x2": "p[:, 0] * p[:, 1]",
    "sin_x1": "np.sin(p[:, 0])",
    "sin_x2": "np.sin(p[:, 1])",
}

_CURVES = {"line": "0.8 * x", "sine": "np.sin(np.pi * x)"}


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
    spec = design.data
    source, helpers = _GENERATORS[spec.dataset]
    columns = ", ".join(_FEATURES[f] for f in spec.features)
    names = ", ".join(spec.features)
    classes = ", CLASSES" if spec.info.uses_classes else ""
    inputs = f'''
def inputs(points):
    """The model's inputs ({names}) of each point, float32 (n, {len(spec.features)})."""
    p = points.astype(np.float64)
    return torch.as_tensor(np.stack([{columns}], axis=1).astype(np.float32))
'''
    make = f'''
def make_data():
    """Training and test inputs and targets, as torch tensors."""
    rng = np.random.default_rng(DATA_SEED)
    points, labels = make_points(rng, SAMPLES, NOISE{classes})
    points = points.astype(np.float32)  # the app rounds the coordinates to float32 once, here
    train, test = split(rng, SAMPLES)
    return inputs(points[train]), targets(labels[train]), inputs(points[test]), targets(labels[test])
'''
    return _join(*helpers, source, _SPLIT, inputs, _targets_code(design), make)


def _curve_data(design: Design, data: dict) -> str:
    low, high = OUTLIER_OFFSET
    curve = f'''
def curve(x):
    """The clean target ({design.data.dataset}: y = {_CURVES[design.data.dataset]}), float32 like x."""
    x = x.astype(np.float64)
    return ({_CURVES[design.data.dataset]}).astype(np.float32)
'''
    make = f'''
def make_data():
    """x uniform in [-1, 1], y = curve(x) + noise; then some training points are moved up by
    {low:g} to {high:g} (outliers). The test set keeps its clean targets."""
    rng = np.random.default_rng(DATA_SEED)
    x = rng.uniform(-1, 1, SAMPLES).astype(np.float32)
    y = curve(x) + rng.normal(0, CURVE_NOISE * NOISE, SAMPLES).astype(np.float32)
    train, test = split(rng, SAMPLES)
    y_train = y[train].copy()
    n_outliers = int(round(OUTLIER_FRACTION * len(train)))
    moved = rng.choice(len(train), size=n_outliers, replace=False)
    y_train[moved] += rng.uniform({low!r}, {high!r}, n_outliers).astype(np.float32)
    return inputs(x[train]), targets(y_train), inputs(x[test]), targets(y[test])
'''
    inputs = '''
def inputs(x):
    """x as a float32 column (n, 1): one input."""
    return torch.as_tensor(x[:, None])
'''
    return _join(curve, _SPLIT, inputs, _targets_code(design), make)


def _digits_data(design: Design, data: dict) -> str:
    make = '''
def make_data():
    """The 1,797 handwritten digits: 64 pixels scaled to 0..1, and the digit 0..9."""
    with gzip.open(DIGITS_FILE, "rt", encoding="ascii") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.float32)
    images, labels = table[:, :64], table[:, 64].astype(np.int64)
    train, test = split(np.random.default_rng(DATA_SEED), len(labels))
    x = images / np.float32(16)
    return torch.as_tensor(x[train]), targets(labels[train]), torch.as_tensor(x[test]), targets(labels[test])
'''
    return _join(_SPLIT, _targets_code(design), make)


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
    standardize = '''
def standardize(values, train):
    """(values - mean) / std per column, with the training rows' mean and std
    (a constant column is only centred), as float32. Each column is first divided
    by its largest magnitude, so that values near 1e300 do not overflow."""
    magnitude = np.abs(values).max(axis=0)
    values = values / np.where(magnitude > 0, magnitude, 1.0)
    mean = values[train].mean(axis=0)
    std = values[train].std(axis=0)
    return ((values - mean) / np.where(std > 0, std, 1.0)).astype(np.float32)
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
    train, test = split(np.random.default_rng(DATA_SEED), len(y))
    x = standardize(x, train)
{scale}    return torch.as_tensor(x[train]), targets(y[train]), torch.as_tensor(x[test]), targets(y[test])
'''
    return _join(read, standardize, _SPLIT, _targets_code(design), make)


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
    counts = dict.fromkeys(registry.LAYER_TYPES, 0)

    def add(code: str, comment: str = "") -> None:
        nonlocal index
        lines.append(f"        {code},{f'  # {comment}' if comment else ''}")
        index += 1

    for layer in design.layers:
        counts[layer.type] += 1
        label = f"{registry.LAYER_TYPES[layer.type]} {counts[layer.type]}"
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
    lone = ""
    if design.has_batchnorm:
        lone = (
            "    if len(x) % BATCH_SIZE == 1 and cuts:\n"
            "        cuts.pop()  # BatchNorm needs 2+ samples: a lone last sample joins the previous batch\n"
        )
    return f'''
def batches(x, y, shuffle):
    """{what}: the training set in a new
    random order each epoch, cut into batches."""
    order = torch.randperm(len(x), generator=shuffle)
    cuts = list(range(BATCH_SIZE, len(x), BATCH_SIZE))
{lone}    return list(zip(torch.tensor_split(x[order], cuts), torch.tensor_split(y[order], cuts)))
'''


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
