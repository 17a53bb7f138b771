"""The Network view's columns: one per input set and block, what their titles, labels and
tooltips say (texts in the Network view's translation context), and what a Dashboard
record holds for each (``block_picture``, ``bias_of``).

Column indices: 0 = inputs, i = ``info.blocks[i - 1]``; a column's ``block`` indexes
RunInfo.blocks and Dashboard.blocks alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QGraphicsRectItem

from playground.design import registry
from playground.runs.messages import MAX_DRAWN
from playground.ui.labels import layer_name, short_layer_name, tr_label

TITLE_FONT_POINTS = 8


@dataclass
class Column:
    """One column of the diagram and where it sits (pixels, y down)."""

    kind: str  # input | linear | batchnorm | dropout | output
    name: str
    units: int
    activation: str = "linear"
    dropout_p: float = 0.0
    block: int | None = None  # into RunInfo.blocks and Dashboard.blocks (None: the inputs)
    source: int | None = None  # column feeding it (skips dropout bands)
    x: float = 0.0
    size: float = 0.0
    ys: np.ndarray = field(default_factory=lambda: np.zeros(0))
    atlas: pg.ImageItem | None = None
    buffer: np.ndarray | None = None  # (drawn, map rows + gap, map columns, 4) uint8
    title: pg.TextItem | None = None
    more: pg.TextItem | None = None
    band: QGraphicsRectItem | None = None
    labels: list = field(default_factory=list)
    title_width: float = 1000.0  # pixels the title may take (set by the layout)
    title_points: float = TITLE_FONT_POINTS  # the title's text size (larger in projector mode)

    @property
    def drawn(self) -> int:
        return 0 if self.kind == "dropout" else min(self.units, MAX_DRAWN)


def columns_for(info) -> list[Column]:
    """The diagram's columns for a run: inputs, one per block (output last)."""
    data = info.dataset
    columns = [Column("input", QCoreApplication.translate("NetworkView", "Input"), data.n_inputs)]
    last_neurons = 0
    layers = list(info.design.layers)
    for k, block in enumerate(info.blocks):
        column = Column(block.kind, block.name, block.units, block.activation)
        column.block = k
        if block.kind == "dropout":
            column.dropout_p = float(getattr(layers[k], "p", 0.0)) if k < len(layers) else 0.0
        else:
            column.source = last_neurons
            last_neurons = len(columns)
        columns.append(column)
    return columns


def block_picture(dashboard, column: Column):
    """The BlockPicture a Dashboard record holds for ``column``'s block (None without a record,
    for the inputs, or past the record's blocks)."""
    if dashboard is None or column.block is None or column.block >= len(dashboard.blocks):
        return None
    return dashboard.blocks[column.block]


def bias_of(dashboard, column: Column) -> np.ndarray | None:
    """The biases of ``column``'s drawn neurons in ``dashboard``, or None."""
    picture = block_picture(dashboard, column)
    if picture is None or picture.bias is None:
        return None
    bias = np.asarray(picture.bias)
    return bias[: column.drawn] if len(bias) >= column.drawn else None


def activation_label(column: Column, dataset) -> str:
    if column.kind == "output":
        if dataset is None or dataset.task == "regression":
            return QCoreApplication.translate("NetworkView", "value")
        if column.units == 1:
            return QCoreApplication.translate("NetworkView", "sigmoid")
        return QCoreApplication.translate("NetworkView", "softmax")
    if column.kind == "batchnorm" and column.activation == "linear":
        return QCoreApplication.translate("NetworkView", "normalize")
    known = registry.ACTIVATIONS.get(column.activation)
    return tr_label(known.label) if known is not None else column.activation


def side_labels(column: Column, dataset) -> list[tuple[str, tuple[float, float]]]:
    """Feature names left of the inputs; class names right of the outputs."""
    data = dataset
    if column.kind == "input":
        names = [registry.FEATURES.get(n, n) for n in data.feature_names[: column.drawn]]
        return [(name, (1, 0.5)) for name in names]
    if column.kind == "output":
        if data.task == "regression":
            return [(QCoreApplication.translate("NetworkView", "value"), (0, 0.5))]
        if column.units == 1:  # binary cross-entropy: one logit for class 1
            return [(QCoreApplication.translate("NetworkView", "class {0}").format(data.class_names[1]), (0, 0.5))]
        return [(QCoreApplication.translate("NetworkView", "class {0}").format(name), (0, 0.5)) for name in data.class_names[: column.drawn]]
    return []


def title_html(column: Column, dataset) -> str:
    """A column's title: its name in bold over its size (and activation), each fitting its width."""
    name, detail = (_html(line) for line in title_lines(column, dataset, column.title_width))
    return f"<b>{name}</b><br>{detail}"

def title_lines(column: Column, dataset, width: float) -> tuple[str, str]:
    """The layer's name and its size (and activation), each the longest form that fits
    ``width`` pixels, else cut short with "…" (the title's tooltip has them in full)."""
    font = QFont()
    font.setPointSizeF(column.title_points)
    bold = QFont(font)
    bold.setBold(True)
    names = [layer_name(column.name), short_layer_name(column.name)]
    details = title_details(column, dataset)
    return _fitting(names, QFontMetricsF(bold), width), _fitting(details, QFontMetricsF(font), width)

def title_details(column: Column, dataset) -> list[str]:
    """The second line of a title, longest first."""
    if column.kind == "input":
        return [QCoreApplication.translate("NetworkView", "{0} features").format(column.units) if column.units != 1 else QCoreApplication.translate("NetworkView", "1 feature"),
                str(column.units)]
    if column.kind == "dropout":
        return [QCoreApplication.translate("NetworkView", "p = {0:g}").format(column.dropout_p)]
    activation = activation_label(column, dataset).split(" (")[0]  # "Linear (identity)" -> "Linear"
    return [QCoreApplication.translate("NetworkView", "{0} · {1}").format(units_text(column), activation),
            QCoreApplication.translate("NetworkView", "{0} · {1}").format(column.units, activation)]

def units_text(column: Column) -> str:
    return QCoreApplication.translate("NetworkView", "{0} units").format(column.units) if column.units != 1 else QCoreApplication.translate("NetworkView", "1 unit")

def title_tooltip(column: Column, dataset) -> str:
    """A column's title in full: its name, size and activation."""
    lines = [layer_name(column.name)]
    if column.kind in ("input", "dropout"):
        lines.append(title_details(column, dataset)[0])
    else:
        lines += [units_text(column), activation_label(column, dataset)]
    return "\n".join(lines)


def neuron_text(column: Column, i: int, dataset, planar: bool, batchnorm, bias: np.ndarray | None) -> str:
    """What the tooltip says of neuron ``i`` of ``column``: ``batchnorm`` is its layer's
    BatchNormStats (or None), ``bias`` the biases of its drawn neurons (or None)."""
    number = i + 1
    if column.kind == "input":
        name = registry.FEATURES.get(dataset.feature_names[i], dataset.feature_names[i])
        text = QCoreApplication.translate("NetworkView", "Input {0} (feature {1} of {2}).").format(name, number, column.units)
        if planar:
            text += "\n" + QCoreApplication.translate("NetworkView", "The square shows this feature over the input plane: blue high, orange low.")
        return text
    if column.kind == "batchnorm":
        text = QCoreApplication.translate("NetworkView", "{0}, feature {1}: normalized over each batch, then scaled (γ) and shifted (β).").format(
            layer_name(column.name), number)
        stats = batchnorm
        if stats is not None and i < len(stats.gamma):
            text += "\n" + QCoreApplication.translate("NetworkView", "γ = {0:.3f}, β = {1:.3f}").format(float(stats.gamma[i]), float(stats.beta[i]))
        return text + "\n" + click_hint()
    head = QCoreApplication.translate("NetworkView", "{0}, neuron {1} ({2})").format(layer_name(column.name), number, activation_label(column, dataset))
    lines = [head]
    if bias is not None:
        lines.append(QCoreApplication.translate("NetworkView", "bias = {0:.4f}").format(float(bias[i])))
    if planar:
        lines.append(QCoreApplication.translate("NetworkView", 
            "The square shows this neuron's output over the input plane: blue positive, orange negative."))
    else:
        lines.append(QCoreApplication.translate("NetworkView", "Colour: its bias (blue positive, orange negative)."))
    lines.append(click_hint())
    return "\n".join(lines)

def click_hint() -> str:
    """The last line of a neuron's tooltip (those with a formula: not the inputs)."""
    return QCoreApplication.translate("NetworkView", "Click to see its formula.")

def edge_text(column: Column, source: Column, dataset, s: int, t: int, value: float) -> str:
    """What the tooltip says of the weight ``value`` from neuron ``s`` of ``source`` to neuron ``t`` of ``column``."""
    if source.kind == "input":
        name = dataset.feature_names[s]
        return QCoreApplication.translate("NetworkView", "Weight from input {0} to {1} neuron {2}: {3:+.4f}").format(
            registry.FEATURES.get(name, name), layer_name(column.name), t + 1, value)
    return QCoreApplication.translate("NetworkView", "Weight from {0} neuron {1} to {2} neuron {3}: {4:+.4f}").format(
        layer_name(source.name), s + 1, layer_name(column.name), t + 1, value)

def general_tooltip() -> str:
    return QCoreApplication.translate("NetworkView", 
        "The network: inputs on the left, the output on the right. Each connection is a weight: "
        "blue positive, orange negative, thicker = larger. Hover a neuron or a connection to see its value.")


def _fitting(variants: list[str], metrics: QFontMetricsF, width: float) -> str:
    """The first of ``variants`` (longest first) that fits ``width``; else the last, cut short with "…"."""
    for text in variants:
        if metrics.horizontalAdvance(text) <= width:
            return text
    return metrics.elidedText(variants[-1], Qt.ElideRight, width)


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
