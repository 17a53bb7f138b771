"""How a comparison's runs are named in legends, tables and headlines.

A run is named by the learner's name for it (a registry label such as "Momentum" worded
like the rest of the window), else by what it changes from the base ("Adam, lr 0.01",
"Sigmoid", "batch norm"), else "as designed". English by default; the window passes
``QCoreApplication.translate`` to word them in the interface language.
"""

from __future__ import annotations

from collections.abc import Callable

from playground.design import registry
from playground.design.comparison import Comparison, Difference
from playground.design.translatable import QT_TRANSLATE_NOOP

# How a legend words a difference ({0}, {1}: its args, names as labels, numbers as :g).
LEGEND_WORDS = {
    "hyperparameter": QT_TRANSLATE_NOOP("Comparison", "{0} {1}"),
    "hyperparameter_off": QT_TRANSLATE_NOOP("Comparison", "no {0}"),
    "init": QT_TRANSLATE_NOOP("Comparison", "{0} init"),
    "layer_activation": QT_TRANSLATE_NOOP("Comparison", "{1} in {0}"),
    "layer_units": QT_TRANSLATE_NOOP("Comparison", "{1} units in {0}"),
    "layer_p": QT_TRANSLATE_NOOP("Comparison", "dropout {1} in {0}"),
    "layer_momentum": QT_TRANSLATE_NOOP("Comparison", "momentum {1} in {0}"),
    "batch_norm_on": QT_TRANSLATE_NOOP("Comparison", "batch norm"),
    "batch_norm_off": QT_TRANSLATE_NOOP("Comparison", "no batch norm"),
    "dropout": QT_TRANSLATE_NOOP("Comparison", "dropout {0}"),
    "no_dropout": QT_TRANSLATE_NOOP("Comparison", "no dropout"),
    "batch_size": QT_TRANSLATE_NOOP("Comparison", "batch size {0}"),
    "regularization": QT_TRANSLATE_NOOP("Comparison", "{0} regularization"),
    "no_regularization": QT_TRANSLATE_NOOP("Comparison", "no regularization"),
    "regularization_rate": QT_TRANSLATE_NOOP("Comparison", "regularization rate {0}"),
    "noise": QT_TRANSLATE_NOOP("Comparison", "noise {0}"),
    "outliers": QT_TRANSLATE_NOOP("Comparison", "outliers {0}"),
    "base": QT_TRANSLATE_NOOP("Comparison", "as designed"),
}
"""Legend wordings by Difference.code; the codes missing here are worded by a name alone
(optimizer, loss, activation, batch mode, a flag hyperparameter that is on)."""

Translate = Callable[[str, str], str]


def _english(context: str, text: str) -> str:
    return text


def difference_text(difference: Difference, translate: Translate = _english) -> str:
    """A legend's words for one difference ("Adam", "lr 0.01", "Sigmoid", "batch norm"):
    English, or the interface language when ``translate`` is
    ``QCoreApplication.translate`` (contexts "Comparison", "registry", "Hyperparameters", "layers")."""
    code, args = difference.code, difference.args
    label = lambda table, name: translate("registry", table[name].label)  # noqa: E731
    if code == "hyperparameter_on":
        return translate("Hyperparameters", registry.HYPERPARAMETERS[args[0]].short_label)
    names = {"optimizer": lambda: label(registry.OPTIMIZERS, args[0]),
             "loss": lambda: label(registry.LOSSES, args[0]),
             "activation": lambda: label(registry.ACTIVATIONS, args[0]),
             "batch_mode": lambda: translate("registry", registry.BATCH_MODES[args[0]])}
    if code in names:
        return names[code]()
    if code in ("hyperparameter", "hyperparameter_off"):
        args = (translate("Hyperparameters", registry.HYPERPARAMETERS[args[0]].short_label), *args[1:])
    elif code == "init":
        args = (label(registry.INITS, args[0]),)
    elif code == "regularization":
        args = (translate("registry", registry.REGULARIZATIONS[args[0]]),)
    elif code == "layer_activation":
        args = (_layer_words(args[0], translate), label(registry.ACTIVATIONS, args[1]))
    elif code.startswith("layer_"):
        args = (_layer_words(args[0], translate), args[1])
    shown = [f"{a:g}" if isinstance(a, float) else str(a) for a in args]
    return translate("Comparison", LEGEND_WORDS[code]).format(*shown)


def _layer_words(tag: tuple[str, int], translate: Translate) -> str:
    kind, number = tag
    return translate("layers", "{0} {1}").format(translate("registry", registry.LAYER_TYPES[kind]), number)


_REGISTRY_LABELS = frozenset(
    [entry.label for table in (registry.OPTIMIZERS, registry.LOSSES, registry.ACTIVATIONS, registry.INITS)
     for entry in table.values()] + list(registry.BATCH_MODES.values()))
"""Names a run may carry that are the registry's own labels (Compare... names each
optimizer's run "Momentum", "Adam"...): a legend words them as the window words that name."""


def run_label(comparison: Comparison, i: int, translate: Translate = _english) -> str:
    """Run ``i``'s legend label: the learner's name for it (a registry label such as
    "Momentum" worded like the rest of the window: context "registry"), else what differs
    from the base ("Adam, lr 0.01"), else "as designed"."""
    name = comparison.variants[i].name.strip()
    if name in _REGISTRY_LABELS:
        return translate("registry", name)
    if name:
        return name
    words = [difference_text(d, translate) for d in comparison.differences(i)]
    if not words:
        return translate("Comparison", LEGEND_WORDS["base"])
    return ", ".join(words)
