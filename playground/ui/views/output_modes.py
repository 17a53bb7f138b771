"""The Output view's five modes (``mode_for``): what each draws, says and explains.

boundary (2-D classification), surface (2-D regression), curve (1-D regression),
confusion (digits and CSV classification), scatter (CSV regression). The texts keep the
Output view's translation context. The painters that draw the modes are in output_plane.py,
output_curve.py and output_test_set.py (their interface in output_painter.py).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication

MODES = ("boundary", "surface", "curve", "confusion", "scatter")
FIELDS = {"boundary": "boundary", "surface": "boundary", "curve": "curve_y", "confusion": "confusion",
          "scatter": "predicted"}
"""The playground.runs.messages.Dashboard field each mode draws."""
PLANAR = ("boundary", "surface")  # an image over the input plane
WITH_TRAIN_POINTS = ("boundary", "surface", "curve")  # the training data drawn too (test points optional)


def mode_for(dataset) -> str:
    """Which picture fits the data: boundary | surface | curve | confusion | scatter."""
    kind, regression = dataset.input_kind, dataset.task == "regression"
    if kind == "2d":
        return "surface" if regression else "boundary"
    if kind == "1d":
        return "curve"
    return "scatter" if regression else "confusion"


def title_text(mode: str) -> str:
    return {
        "boundary": QCoreApplication.translate(
            "OutputView", "Decision boundary: the class the network predicts at each point"),
        "surface": QCoreApplication.translate(
            "OutputView", "Regression surface: the value the network predicts at each point"),
        "curve": QCoreApplication.translate(
            "OutputView", "Regression curve: the network's prediction for each x"),
        "confusion": QCoreApplication.translate(
            "OutputView", "Confusion matrix (test set): each true class against the predicted class"),
        "scatter": QCoreApplication.translate(
            "OutputView", "Predicted against actual values (test set)"),
    }[mode]


def mode_tooltip(mode: str) -> str:
    return {
        "boundary": QCoreApplication.translate("OutputView",
            "The decision boundary is where the background colour changes. Dots are the data, "
            "coloured by their true class; a dot on the other colour is misclassified. "
            "Pale colours mean the network is unsure."),
        "surface": QCoreApplication.translate("OutputView",
            "The background is the value the network predicts at each point; the dots are the "
            "data, coloured by their true value. Where they match, the network has learned the surface."),
        "curve": QCoreApplication.translate("OutputView",
            "The line is the network's prediction. Red crosses are outliers: points moved far off "
            "the trend. MSE (L2) pulls the line towards them; MAE (L1) mostly ignores them."),
        "confusion": QCoreApplication.translate("OutputView",
            "Rows are the true classes, columns the predicted ones. The diagonal counts correct "
            "answers; any other cell is a mistake of one kind."),
        "scatter": QCoreApplication.translate("OutputView",
            "Each dot is a test sample: its true value across, the network's prediction up. "
            "A perfect network puts every dot on the dashed line."),
    }[mode]


def metrics_text(mode: str, metrics, confusion: np.ndarray | None, scatter: tuple | None) -> str:
    """The line under the title for a snapshot's ``metrics`` (not None): accuracy, or the losses
    (with R² for ``scatter`` = (actual, predicted))."""
    if mode == "confusion" and confusion is not None:
        total = int(confusion.sum())
        correct = int(np.trace(confusion))
        return QCoreApplication.translate("OutputView", "Test accuracy {0:.1%} ({1:,} of {2:,} correct)").format(
            correct / max(total, 1), correct, total)
    if metrics.test_accuracy is not None:
        return QCoreApplication.translate("OutputView", "Test accuracy {0:.1%}, train accuracy {1:.1%}").format(
            metrics.test_accuracy, metrics.train_accuracy)
    if mode == "scatter" and scatter is not None:
        actual, predicted = scatter
        return QCoreApplication.translate("OutputView", "Test loss {0:.4g}, R² = {1:.3f}").format(
            metrics.test_loss, r_squared(actual, predicted))
    return QCoreApplication.translate("OutputView", "Test loss {0:.4g}, train loss {1:.4g}").format(
        metrics.test_loss, metrics.train_loss)


def describe_plane(mode: str, values: np.ndarray, dataset, x: float, y: float) -> str:
    """What the network predicts at (x, y) of a plane mode, from the grid ``values``."""
    x0, x1, y0, y1 = dataset.extent
    r = values.shape[0]
    col = int(round((x - x0) / (x1 - x0) * (r - 1)))
    row = int(round((y - y0) / (y1 - y0) * (r - 1)))
    where = QCoreApplication.translate("OutputView", "x₁ = {0:.2f}, x₂ = {1:.2f}").format(x, y)
    if not (0 <= col < r and 0 <= row < r):
        return mode_tooltip(mode)
    if mode == "surface":
        return QCoreApplication.translate("OutputView", "{0}\nThe network predicts {1:.3f} here.").format(
            where, float(values[row, col]))
    probs = values[row, col]
    k = int(np.argmax(probs))
    return QCoreApplication.translate(
        "OutputView", "{0}\nThe network predicts class {1} here, with probability {2:.2f}.").format(
        where, dataset.class_names[k], float(probs[k]))


def confusion_rgba(counts: np.ndarray, neutral: np.ndarray, accent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(RGBA uint8 (C, C, 4), share (C, C)): each cell from ``neutral`` to ``accent`` by its share
    of its true class, so rare classes show as clearly."""
    totals = counts.sum(axis=1, keepdims=True)
    share = counts / np.maximum(totals, 1)
    colours = neutral + (accent - neutral) * share[..., None]
    rgba = np.concatenate([colours, np.full(share.shape + (1,), 255.0)], axis=-1).round().astype(np.uint8)
    return rgba, share


def outlier_mask(data) -> np.ndarray:
    if data.outliers_train is None:
        return np.zeros(len(data.y_train), dtype=bool)
    return np.asarray(data.outliers_train, dtype=bool)


def padded(values: np.ndarray) -> tuple[float, float]:
    low, high = (float(values.min()), float(values.max())) if values.size else (0.0, 1.0)
    pad = 0.05 * max(high - low, 1e-6)
    return low - pad, high + pad


def r_squared(actual: np.ndarray, predicted: np.ndarray) -> float:
    spread = float(np.sum((actual - actual.mean()) ** 2)) if actual.size else 0.0
    if spread == 0:
        return float("nan")
    return 1.0 - float(np.sum((actual - predicted) ** 2)) / spread
