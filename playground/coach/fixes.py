"""The changes each finding proposes, as a comparison's Variant takes them (dotted paths).

Every fix is a valid variant of the design it was computed for: a learning rate stays
within the optimizer's limits, batch normalization comes with batches of at least 2.
"""

from __future__ import annotations

from playground.design import registry
from playground.design.layer_stack import block_activations
from playground.design.schema import MAX_UNITS, Design, LinearLayer

LR_STEP = 10.0  # a learning rate "too large" or "too small" is tried ten times smaller or larger
WIDER = 4  # a too-small network's layers are tried this many times wider (8 units at least)
MIN_WIDTH = 8
L2_RATE = 0.01  # an L2 rate that visibly narrows a small network's gap without stopping it learning


def lower_lr(design: Design, lr: float | None = None) -> dict:
    """The learning rate LR_STEP times smaller (the divergence banner's own suggestion)."""
    return {"optimizer.lr": _within_limits(design, (lr or design.optimizer.lr) / LR_STEP)}


def higher_lr(design: Design) -> dict:
    """The learning rate LR_STEP times larger, at most the top of the optimizer's usual range."""
    high = registry.OPTIMIZERS[design.optimizer.name].lr_range[1]
    return {"optimizer.lr": _within_limits(design, min(design.optimizer.lr * LR_STEP, max(high, design.optimizer.lr)))}


def _within_limits(design: Design, lr: float) -> float:
    low, high = registry.OPTIMIZERS[design.optimizer.name].limits.get("lr", (0.0, 10.0))
    lr = float(f"{lr:.3g}")
    return min(max(lr, low), high) if low > 0 else min(lr, high)


def relu_he() -> dict:
    """ReLU in every hidden layer with He init: slope 1 for positive inputs, variance kept."""
    return {"layers.activation": "relu", "init": "he"}


def batch_norm(design: Design) -> dict:
    """Batch normalization after every hidden Linear (which needs batches of at least 2)."""
    changes: dict = {"layers.batch_norm": True}
    if design.training.batch_mode == "stochastic":
        changes["training.batch_mode"] = "minibatch"
    if design.training.batch_mode == "minibatch" and design.training.batch_size < 2:
        changes["training.batch_size"] = 2
    return changes


def for_vanishing(design: Design, all_zero: bool) -> dict:
    """What eases vanishing gradients: away from zero weights; away from squashing
    activations (ReLU + He); for ReLU units that all fell silent (``all_zero``: every
    gradient is 0), LeakyReLU; else batch normalization."""
    if design.init == "zeros":
        return {"init": "he" if _all_rectified(design) else "xavier"}
    squashing = [a for a in block_activations(design.layers) if registry.ACTIVATIONS[a].saturates_beyond]
    if squashing:
        return relu_he()
    if all_zero and _all_rectified(design):
        return for_dead_units()
    return {} if design.has_batchnorm else batch_norm(design)


def for_saturation(design: Design) -> dict:
    """Batch normalization keeps each unit's input near 0, where the slope is largest;
    a stack that has it already tries ReLU + He."""
    return relu_he() if design.has_batchnorm else batch_norm(design)


def for_dead_units() -> dict:
    """LeakyReLU keeps a small slope below 0, so a unit that fell silent can come back."""
    return {"layers.activation": "leaky_relu"}


def for_overfitting() -> dict:
    return {"training.regularization": "l2", "training.regularization_rate": L2_RATE}


def wider(design: Design) -> dict:
    """Every hidden Linear WIDER times wider (MIN_WIDTH units at least, MAX_UNITS at most)."""
    return {f"layers[{i}].units": min(MAX_UNITS, max(MIN_WIDTH, layer.units * WIDER))
            for i, layer in enumerate(design.layers) if isinstance(layer, LinearLayer)}


def _all_rectified(design: Design) -> bool:
    return bool(design.layers) and all(registry.ACTIVATIONS[a].silent_below_zero for a in block_activations(design.layers))
