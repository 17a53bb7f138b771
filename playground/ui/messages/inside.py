"""Why a step inside, a gradient check or a neuron has no answer (playground.runs.inside),
in the interface language: code -> wording, whose {0}, {1} are the problem's args (a
layer's name put in words). playground.ui.messages.problem_message dispatches here."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from playground.errors import Problem
from playground.ui.labels import layer_name

INSIDE_WORDINGS = {
    "inside_no_run": QT_TRANSLATE_NOOP("EngineMessages", "There is no run to look inside yet."),
    "inside_comparison": QT_TRANSLATE_NOOP(
        "EngineMessages", "A comparison cannot be looked inside; promote a run to the editor to step inside it."),
    "inside_finished": QT_TRANSLATE_NOOP(
        "EngineMessages", "This run has finished; raise the epoch limit or reset it to look inside a step."),
    "inside_diverged": QT_TRANSLATE_NOOP("EngineMessages", "This run diverged; reset it to look inside a step."),
    "inside_ended": QT_TRANSLATE_NOOP("EngineMessages", "This run has ended; reset it to look inside a step."),
    "inside_no_trace": QT_TRANSLATE_NOOP("EngineMessages", "There is no step inside to check yet: take one first."),
    "inside_moved_on": QT_TRANSLATE_NOOP(
        "EngineMessages", "The run has trained on since the step inside: take a new one to check a gradient."),
    "inside_no_weight": QT_TRANSLATE_NOOP("EngineMessages", "{0} has no {1}."),
    "inside_no_neuron": QT_TRANSLATE_NOOP("EngineMessages", "{0} has no neuron {1}."),
    "inside_point": QT_TRANSLATE_NOOP("EngineMessages", "The point needs {0} finite input values; it has {1}."),
    "inside_no_layer": QT_TRANSLATE_NOOP("EngineMessages", "The network has no layer {0}."),
    "inside_not_linear": QT_TRANSLATE_NOOP(
        "EngineMessages", "{0} is not a Linear layer: only Linear layers and the output layer open in the Tensor Lab."),
}


def inside_message(problem: Problem) -> str:
    """The wording of a problem whose code INSIDE_WORDINGS has, its args quoted."""
    args = tuple(problem.args)
    if problem.code in ("inside_no_weight", "inside_no_neuron", "inside_not_linear") and args:
        args = (layer_name(str(args[0])),) + args[1:]
    return QCoreApplication.translate("EngineMessages", INSIDE_WORDINGS[problem.code]).format(*args)
