"""The exported script's model part: ``build_model()``, the same ``nn.Sequential`` as
the engine's, with the design's init written as ``nn.init`` calls.
"""

from __future__ import annotations

from playground.design import registry
from playground.design.schema import BatchNormLayer, Design, DropoutLayer, LinearLayer
from playground.design.shapes import layer_names
from playground.export.source import call, literal, torch_name


def _module_code(name: str) -> str | None:
    spec = registry.ACTIVATIONS[name]
    if not spec.torch_class:
        return None
    return call(torch_name(spec.torch_class), "", {k: repr(v) for k, v in spec.kwargs.items()})


def model_code(design: Design, data: dict) -> str:
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
        kwargs = {k: literal(v) for k, v in entry.kwargs(registry.ACTIVATIONS[activation]).items()}
        lines.append("    " + call(f"nn.init.{entry.function}", f"model[{index}].weight", kwargs))
        lines.append(f"    nn.init.zeros_(model[{index}].bias)")
    return "\n".join(lines) + "\n"
