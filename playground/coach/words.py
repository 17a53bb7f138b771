"""How the coach words its findings, in English and (through Qt's translator) Korean.

Each Finding.code has a title (a few words, for a card's heading), an explanation quoting
the finding's args ({0}, {1}...: numbers shown with 2-3 significant digits, shares as
percentages), and the words for its fix (FIX_WORDS by the Finding's ``fix_code``, or by its
code when the fix is a variant). English by default; the window passes
``QCoreApplication.translate`` (context "Coach") to word them in the interface language.
"""

from __future__ import annotations

from collections.abc import Callable

from playground.coach.findings import Finding
from playground.design.translatable import QT_TRANSLATE_NOOP

TITLES = {
    "diverged": QT_TRANSLATE_NOOP("Coach", "The run diverged"),
    "exploding": QT_TRANSLATE_NOOP("Coach", "Exploding gradients"),
    "vanishing": QT_TRANSLATE_NOOP("Coach", "Vanishing gradients"),
    "dead_units": QT_TRANSLATE_NOOP("Coach", "Dead ReLU units"),
    "saturated_units": QT_TRANSLATE_NOOP("Coach", "Saturated units"),
    "lr_too_small": QT_TRANSLATE_NOOP("Coach", "Learning rate too small"),
    "plateau": QT_TRANSLATE_NOOP("Coach", "The loss is on a plateau"),
    "overfitting": QT_TRANSLATE_NOOP("Coach", "Overfitting"),
    "too_small": QT_TRANSLATE_NOOP("Coach", "The network is too small for the data"),
    "too_small_no_hidden": QT_TRANSLATE_NOOP("Coach", "The network is too small for the data"),
}

EXPLANATIONS = {
    "diverged": QT_TRANSLATE_NOOP(
        "Coach", "The loss became {0} at step {1}: the updates grew until the numbers overflowed. "
        "With a learning rate of {3} each step overshoots further than the last."),
    "exploding": QT_TRANSLATE_NOOP(
        "Coach", "A gradient norm reached {0}. Updates this large throw the weights about, and the run is "
        "close to diverging at a learning rate of {1}."),
    "vanishing": QT_TRANSLATE_NOOP(
        "Coach", "The gradient of {0} is {1}, against {2} at the output layer: back-propagation shrinks it "
        "layer by layer, so the early layers barely learn."),
    "dead_units": QT_TRANSLATE_NOOP(
        "Coach", "{1} of the units in {0} never fired on the batches probed: their input is below 0 for "
        "every sample, so ReLU passes no gradient back and they stop learning."),
    "saturated_units": QT_TRANSLATE_NOOP(
        "Coach", "{1} of the units in {0} are saturated: their input is so large that the activation's "
        "slope is almost 0 for nearly every sample, so they barely learn."),
    "lr_too_small": QT_TRANSLATE_NOOP(
        "Coach", "The loss has hardly moved, and each step changes the weights by at most {1} of their size "
        "(about 0.001 is healthy). The learning rate {0} is too small."),
    "plateau": QT_TRANSLATE_NOOP(
        "Coach", "The loss has stayed at about {1} for the last {0} steps without halving from where it "
        "started: training is stuck on a flat stretch."),
    "overfitting": QT_TRANSLATE_NOOP(
        "Coach", "The training loss is {0} but the test loss is {1}, and the gap has grown since step {2}: "
        "the network memorizes the training points instead of the pattern."),
    "too_small": QT_TRANSLATE_NOOP(
        "Coach", "The widest hidden layer has {0} units and training accuracy stays at {1}: too few units "
        "to bend the decision boundary around this data."),
    "too_small_no_hidden": QT_TRANSLATE_NOOP(
        "Coach", "Without a hidden layer the decision boundary is a straight line, and training accuracy "
        "stays at {0}: this data needs a curved boundary."),
}

FIX_WORDS = {
    "diverged": QT_TRANSLATE_NOOP("Coach", "Try a learning rate ten times smaller."),
    "exploding": QT_TRANSLATE_NOOP("Coach", "Try a learning rate ten times smaller."),
    "vanishing": QT_TRANSLATE_NOOP("Coach", "Try ReLU with He initialization, or batch normalization."),
    "dead_units": QT_TRANSLATE_NOOP("Coach", "Try LeakyReLU: its small slope below 0 keeps every unit learning."),
    "saturated_units": QT_TRANSLATE_NOOP(
        "Coach", "Try batch normalization: it keeps each unit's input near 0, where the slope is largest."),
    "lr_too_small": QT_TRANSLATE_NOOP("Coach", "Try a learning rate ten times larger."),
    "plateau": QT_TRANSLATE_NOOP("Coach", "Try Adam, whose steps do not shrink on flat stretches."),
    "overfitting": QT_TRANSLATE_NOOP("Coach", "Try L2 regularization, which keeps the weights small."),
    "too_small": QT_TRANSLATE_NOOP("Coach", "Try more units in each hidden layer."),
    "add_hidden_layer": QT_TRANSLATE_NOOP("Coach", "Add a hidden layer with a few units in the design."),
}

INFINITE = QT_TRANSLATE_NOOP("Coach", "infinite")  # the loss became infinite (NaN is NaN in every language)

Translate = Callable[[str, str], str]


def _english(context: str, text: str) -> str:
    return text


def _shown(value) -> str:
    if isinstance(value, float):
        return f"{value:.2g}" if abs(value) < 1e4 else f"{value:.1e}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _percent(share: float) -> str:
    return f"{share:.0%}"


def finding_title(finding: Finding, translate: Translate = _english) -> str:
    return translate("Coach", TITLES[finding.code])


def finding_text(finding: Finding, translate: Translate = _english) -> str:
    """The explanation of ``finding`` with its numbers (English, or the interface language
    when ``translate`` is ``QCoreApplication.translate``)."""
    args = list(finding.args)
    if finding.code in ("dead_units", "saturated_units"):
        args[1] = _percent(args[1])
    elif finding.code == "lr_too_small":
        args[1] = f"{args[1]:.1g}"
    elif finding.code in ("too_small", "too_small_no_hidden"):
        args[-1] = _percent(args[-1])
    shown = [a if isinstance(a, str) else _shown(a) for a in args]
    if finding.code == "diverged" and args[0] == "infinite":
        shown[0] = translate("Coach", INFINITE)
    return translate("Coach", EXPLANATIONS[finding.code]).format(*shown)


def fix_text(finding: Finding, translate: Translate = _english) -> str:
    """What the fix tries, in words."""
    return translate("Coach", FIX_WORDS[finding.fix_code or finding.code])



EVIDENCE = {
    "first_gradient": QT_TRANSLATE_NOOP("Coach", "first layer's gradient"),
    "output_gradient": QT_TRANSLATE_NOOP("Coach", "output layer's gradient"),
    "ratio": QT_TRANSLATE_NOOP("Coach", "first / output"),
    "largest_gradient": QT_TRANSLATE_NOOP("Coach", "largest gradient"),
    "lr": QT_TRANSLATE_NOOP("Coach", "learning rate"),
    "step": QT_TRANSLATE_NOOP("Coach", "step"),
    "epoch": QT_TRANSLATE_NOOP("Coach", "epoch"),
    "layer": QT_TRANSLATE_NOOP("Coach", "layer"),
    "dead_share": QT_TRANSLATE_NOOP("Coach", "dead units"),
    "saturated_share": QT_TRANSLATE_NOOP("Coach", "saturated units"),
    "fall": QT_TRANSLATE_NOOP("Coach", "loss fall"),
    "steps": QT_TRANSLATE_NOOP("Coach", "over steps"),
    "largest_update_ratio": QT_TRANSLATE_NOOP("Coach", "largest update / weight"),
    "loss": QT_TRANSLATE_NOOP("Coach", "loss now"),
    "first_loss": QT_TRANSLATE_NOOP("Coach", "loss at the start"),
    "train_accuracy": QT_TRANSLATE_NOOP("Coach", "training accuracy"),
    "widest_layer": QT_TRANSLATE_NOOP("Coach", "widest hidden layer"),
    "train_loss": QT_TRANSLATE_NOOP("Coach", "training loss"),
    "test_loss": QT_TRANSLATE_NOOP("Coach", "test loss"),
    "gap": QT_TRANSLATE_NOOP("Coach", "gap"),
    "earlier_gap": QT_TRANSLATE_NOOP("Coach", "earlier gap"),
    "earlier_step": QT_TRANSLATE_NOOP("Coach", "step of the earlier gap"),
}
"""The name of each evidence number a Finding carries (Finding.evidence), for its card."""

_PERCENT_EVIDENCE = frozenset({"dead_share", "saturated_share", "fall", "train_accuracy"})


def evidence_lines(finding: Finding, translate: Translate = _english) -> list[tuple[str, str]]:
    """(name, value) of each evidence number of ``finding``, worded: shares as percentages,
    other numbers with 2 significant digits; a name without words keeps its code."""
    lines = []
    for name, value in finding.evidence:
        if name in _PERCENT_EVIDENCE and isinstance(value, float):
            shown = _percent(value)
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            shown = str(value)
        else:
            shown = _shown(value)
        words = EVIDENCE.get(name)
        lines.append((translate("Coach", words) if words else name, shown))
    return lines
