"""A layer as the tensor operation it is, in one line, and the button that opens it in the
Tensor Lab with the network's live tensors. The Layers panel shows it for the selected
row, the step-through's Forward stage for the picked layer; both pass ``lab_requested``
on to the window, which asks the run for the tensors (TrainingController.layer_tensors).

A Linear layer (a hidden one or the Output layer), with the names the lab gives its
tensors (playground.lab.examples.LINEAR_INPUTS) and the result y:
``x (batch, 2) @ weightᵀ (2, 4) + bias (4) → y (batch, 4)``: weight is stored (out, in),
so the product takes its transpose. Batch norm and dropout are written as the
element-wise operations they are; they have no lab button (the lab runs Linear layers).

Preview: ``python -m playground.ui.widgets.layer_operation``.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from playground.ui.labels import layer_name

LAB_KINDS = ("linear", "output")  # the blocks the lab runs, as playground.training.layer_tensors serves them


class LayerOperation(QWidget):
    """The line and the button; hidden until ``show_layer``."""

    lab_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.line = QLabel()
        self.line.setWordWrap(True)
        self.line.setTextFormat(Qt.RichText)
        self.line.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.line.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)  # wraps to the panel, never widens it
        self.button = QPushButton(self.tr("Open in Tensor Lab"))
        self.button.setToolTip(self.tr(
            "Open this layer in the Tensor Lab with your network's live tensors: its weight and bias as they are "
            "now, and its input x for the first training samples. The lab runs it as this one tensor operation."))
        self.button.setSizePolicy(QSizePolicy.Maximum, QSizePolicy.Fixed)
        self.button.clicked.connect(self.lab_requested)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.line)
        column.addWidget(self.button, 0, Qt.AlignLeft)
        self.clear()

    def show_layer(self, name: str, kind: str, n_in: int | str, n_out: int | str, p: float | None = None) -> None:
        """Block ``name`` (e.g. "Linear 2", in English: it is translated here) of ``kind`` with
        ``n_in`` inputs and ``n_out`` outputs ("?" when not known yet); ``p`` a dropout's rate."""
        formula = self.formula(kind, n_in, n_out, p)
        if not formula:
            self.clear()
            return
        words = self.tr("{0} as a tensor operation: {1}")
        self._plain = words.format(layer_name(name), formula)
        self.line.setText(words.format(f"<b>{escape(layer_name(name))}</b>", "<br>" + _unbroken(formula)))
        self.line.setToolTip(self._tip(kind))
        self.button.setVisible(kind in LAB_KINDS)
        self.show()

    def clear(self) -> None:
        self._plain = ""
        self.line.clear()
        self.hide()

    def text(self) -> str:
        """The line as the learner reads it ("" when hidden)."""
        return "" if self.isHidden() else self._plain

    def formula(self, kind: str, n_in: int | str, n_out: int | str, p: float | None = None) -> str:
        """The operation with its shapes ("" for a kind that has none written)."""
        batch = self.tr("batch")
        if kind in LAB_KINDS:
            return f"x ({batch}, {n_in}) @ weightᵀ ({n_in}, {n_out}) + bias ({n_out}) → y ({batch}, {n_out})"
        if kind == "batchnorm":
            return (f"x ({batch}, {n_out}) → (x − μ ({n_out})) / √(σ² ({n_out}) + ε) · γ ({n_out}) + β ({n_out}) "
                    f"→ y ({batch}, {n_out})")
        if kind == "dropout":
            rate = f"{p:g}" if p is not None else "p"
            return self.tr("x ({0}, {1}) · mask ({0}, {1}) / (1 − {2}) → y ({0}, {1}) while training; y = x when "
                           "evaluating").format(batch, n_out, rate)
        return ""

    def _tip(self, kind: str) -> str:
        if kind in LAB_KINDS:
            return self.tr("A Linear layer is one matrix product and one addition for the whole batch: each row of x "
                           "(one sample) times the transposed weight matrix, plus the bias, broadcast over the batch.")
        if kind == "batchnorm":
            return self.tr("Batch normalization works unit by unit: μ and σ² are each unit's mean and variance over "
                           "the batch while training (the running averages when evaluating), γ and β are learned.")
        return self.tr("Dropout multiplies each value by a random mask of 0s and 1s and scales up the survivors by "
                       "1/(1 − p), so that the expected value stays the same.")


def _unbroken(formula: str) -> str:
    """``formula`` as HTML that wraps only between its terms (at @, +, →...), never inside
    a tensor's name and shape: "x (batch, 8)" stays on one line."""
    return escape(formula).replace(" (", "&nbsp;(").replace(", ", ",&nbsp;")


if __name__ == "__main__":
    import sys

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    widget = LayerOperation()
    widget.show_layer("Linear 2", "linear", 2, 4)
    widget.resize(320, 80)
    widget.show()
    sys.exit(app.exec())
