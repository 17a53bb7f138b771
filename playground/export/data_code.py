"""The exported script's data part: ``make_data()`` makes the engine's data with the
engine's own functions (the set's generator and the helpers it uses, from
``data.generators`` and ``design.rules``, copied as source), and ``targets()`` gives
them the form the loss takes.
"""

from __future__ import annotations

from playground.data.generators import curve_points, feature_map, read_digits, split, standardize
from playground.design import registry
from playground.design.schema import Design
from playground.export.source import join, source


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


def data_code(design: Design, data: dict) -> str:
    kind = data["kind"]
    body = {"2d": _plane_data, "1d": _curve_data, "digits": _digits_data, "csv": _csv_data}[kind](design, data)
    return body


def _plane_data(design: Design, data: dict) -> str:
    generate = design.data.info.generator
    classes = ", CLASSES" if design.data.info.uses_classes else ""
    inputs = '''
def inputs(points):
    """The model's inputs (the FEATURES of each point) as a float32 tensor."""
    return torch.as_tensor(feature_map(points, FEATURES))
'''
    points = f'''
def make_points():
    """The points (float32 (n, 2)) and their labels, and the indices of the training and test sets."""
    rng = np.random.default_rng(DATA_SEED)
    points, labels = {generate.__name__}(rng, SAMPLES, NOISE{classes})
    points = points.astype(np.float32)  # the app rounds the coordinates to float32 once, here
    train, test = split(rng, SAMPLES, TRAIN_FRACTION)
    return points, labels, train, test
'''
    make = '''
def make_data():
    """Training and test inputs and targets, as torch tensors."""
    points, labels, train, test = make_points()
    return inputs(points[train]), targets(labels[train]), inputs(points[test]), targets(labels[test])
'''
    return join(source(generate, split, feature_map), inputs, _targets_code(design), points, make)


def _curve_data(design: Design, data: dict) -> str:
    curve = design.data.info.generator
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
    return join(source(curve, curve_points), inputs, _targets_code(design), make)


def _digits_data(design: Design, data: dict) -> str:
    make = '''
def make_data():
    """The 1,797 handwritten digits: 64 pixels scaled to 0..1, and the digit 0..9."""
    images, labels = read_digits(DIGITS_FILE)
    train, test = split(np.random.default_rng(DATA_SEED), len(labels), TRAIN_FRACTION)
    x = images / np.float32(16)
    return torch.as_tensor(x[train]), targets(labels[train]), torch.as_tensor(x[test]), targets(labels[test])
'''
    return join(source(read_digits, split), _targets_code(design), make)


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
    return join(read, source(standardize, split), _targets_code(design), make)
