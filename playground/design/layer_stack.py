"""Whole-stack changes to a design's hidden layers, as a comparison's variants and the
coach's fixes make them: every hidden block's activation, batch normalization on or off,
dropout after every block. A hidden *block* is a Linear layer and the BatchNorm right after
it; its activation is carried by the BatchNorm when the Linear's is "linear" (the presets'
Linear -> BatchNorm -> activation), else by the Linear. Pure functions of a list of layers.
"""

from __future__ import annotations

from playground.design.schema import BatchNormLayer, DropoutLayer, LinearLayer


def blocks(layers: list) -> list[tuple[int, int | None]]:
    """(index of each hidden Linear, index of the BatchNorm right after it or None)."""
    out = []
    for j, layer in enumerate(layers):
        if isinstance(layer, LinearLayer):
            follows = j + 1 < len(layers) and isinstance(layers[j + 1], BatchNormLayer)
            out.append((j, j + 1 if follows else None))
    return out


def carrier(layers: list, linear: int, norm: int | None) -> int:
    """The layer of a block that applies its activation."""
    return norm if norm is not None and layers[linear].activation == "linear" else linear


def block_activations(layers) -> tuple[str, ...]:
    """The activation each hidden block applies, input side first."""
    layers = list(layers)
    return tuple(layers[carrier(layers, j, n)].activation for j, n in blocks(layers))


def with_activation(layers: list, activation: str) -> list:
    out = list(layers)
    for j, n in blocks(layers):
        k = carrier(layers, j, n)
        out[k] = out[k].model_copy(update={"activation": activation})
    return out


def with_batch_norm(layers: list, on: bool) -> list:
    """On: a BatchNorm after every hidden Linear that has none, taking over its activation.
    Off: no BatchNorm; one's activation moves to the Linear before it (if that one has none)."""
    out = []
    for j, layer in enumerate(layers):
        if isinstance(layer, BatchNormLayer) and not on:
            if out and isinstance(out[-1], LinearLayer) and out[-1].activation == "linear":
                out[-1] = out[-1].model_copy(update={"activation": layer.activation})
            continue
        out.append(layer)
        normalized = j + 1 < len(layers) and isinstance(layers[j + 1], BatchNormLayer)
        if on and isinstance(layer, LinearLayer) and not normalized:
            out[-1] = layer.model_copy(update={"activation": "linear"})
            out.append(BatchNormLayer(activation=layer.activation))
    return out


def with_dropout(layers: list, p: float) -> list:
    """No Dropout layers but, when ``p`` > 0, one of rate ``p`` after every hidden block."""
    kept = [layer for layer in layers if not isinstance(layer, DropoutLayer)]
    if p == 0:
        return kept
    ends = {n if n is not None else j for j, n in blocks(kept)}
    out = []
    for j, layer in enumerate(kept):
        out.append(layer)
        if j in ends:
            out.append(DropoutLayer(p=p))
    return out
