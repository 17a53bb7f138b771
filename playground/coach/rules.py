"""The coach's rules: each a small function of a CoachInput that returns a Finding or None.

Each threshold has one owner: the gradient verdict's (vanishing, exploding) is
playground.nn.probes.gradient_verdict's, which these rules read rather than repeat;
the divergence is the banner's (playground.training.divergence); the points where a
unit is dead or saturated are the activation entries' (playground.design.activations)
and the probe's (SATURATED_SHARE_OF_BATCH); the rest are named below, each with why.
"""

from __future__ import annotations

import numpy as np

from playground.coach import fixes
from playground.coach.findings import ADVICE, SEVERE, WARNING, CoachInput, Finding
from playground.design.schema import LinearLayer

# -- gradients (the verdict's rule, read, not repeated) -------------------------------------

PERSISTENT_SHARE = 0.5
"""A state (vanishing, exploding, dead, saturated) counts when the newest probe shows it and
so do at least this share of the recent ones: one odd batch is not a diagnosis."""


def _probes(run: CoachInput) -> list:
    return [*run.recent_probes, run.probe] if run.probe is not None else []


def _persistent_verdict(run: CoachInput, state: str):
    probes = _probes(run)
    if not probes or probes[-1].verdict.state != state or probes[-1].verdict.code == "diverged":
        return None
    share = sum(p.verdict.state == state for p in probes) / len(probes)
    return probes[-1].verdict if share >= PERSISTENT_SHARE else None


def vanishing(run: CoachInput) -> Finding | None:
    """The gradient verdict says vanishing, on the newest probe and most recent ones."""
    verdict = _persistent_verdict(run, "vanishing")
    if verdict is None:
        return None
    gradients = run.probe.gradients
    first, last = gradients[0].weight_grad_norm, gradients[-1].weight_grad_norm
    evidence = (("first_gradient", first), ("output_gradient", last),
                ("ratio", first / last if last else 0.0))
    return Finding("vanishing", (gradients[0].name, first, last), evidence, SEVERE, fixes.for_vanishing(run.design, verdict.code == "all_zero"))


def exploding(run: CoachInput) -> Finding | None:
    """The gradient verdict says exploding (a run that diverged is the divergence rule's)."""
    verdict = _persistent_verdict(run, "exploding")
    if verdict is None or run.divergence:
        return None
    largest = max(g.weight_grad_norm for g in run.probe.gradients)
    first, last = run.probe.gradients[0].weight_grad_norm, run.probe.gradients[-1].weight_grad_norm
    evidence = (("largest_gradient", largest), ("first_gradient", first), ("output_gradient", last),
                ("lr", run.design.optimizer.lr))
    return Finding("exploding", (largest, run.design.optimizer.lr), evidence, SEVERE, fixes.lower_lr(run.design))


def diverged(run: CoachInput) -> Finding | None:
    """The run diverged: the banner's reason (kind, step, layer) and its suggestion, a
    learning rate ten times smaller than the one the run diverged with."""
    if run.divergence:
        kind, step, epoch, layer, lr = run.divergence
    elif run.probe is not None and run.probe.verdict.code == "diverged":
        (kind, step), layer, lr = run.probe.verdict.values, "", run.design.optimizer.lr
        epoch = run.probe.epoch + 1
    else:
        return None
    evidence = (("step", step), ("epoch", epoch), ("lr", lr))
    return Finding("diverged", (kind, step, layer, lr), evidence, SEVERE, fixes.lower_lr(run.design, lr))


# -- units --------------------------------------------------------------------------------------

DEAD_SHARE = 0.5
"""Half a layer's ReLU units silent on every probed batch: the layer has lost half its
width (a few dead units are normal; half is a network shrinking as it trains)."""
SATURATED_SHARE = 0.5
"""Half a layer's sigmoid/tanh units saturated on every probed batch: half its width barely learns."""


def _worst_layer(run: CoachInput, field: str) -> tuple[str, float] | None:
    """(layer name, its smallest share over the newest and recent probes) of the layer
    where that smallest share is largest; None when no probe reports ``field``."""
    probes = [p for p in _probes(run) if p.activations]
    if not probes or len({len(p.activations) for p in probes}) != 1:
        probes = probes[-1:]
    if not probes:
        return None
    names = [a.name for a in probes[-1].activations]
    shares = [[getattr(p.activations[i], field) for p in probes] for i in range(len(names))]
    lowest = [min(s) if None not in s else None for s in shares]
    candidates = [(share, name) for share, name in zip(lowest, names) if share is not None]
    if not candidates:
        return None
    share, name = max(candidates)
    return name, share


def dead_units(run: CoachInput) -> Finding | None:
    """At least DEAD_SHARE of a ReLU layer's units were never active on the probed batches."""
    return _unit_finding(run, "dead", DEAD_SHARE, fixes.for_dead_units())


def saturated_units(run: CoachInput) -> Finding | None:
    """At least SATURATED_SHARE of a sigmoid/tanh layer's units were saturated on the probed batches."""
    return _unit_finding(run, "saturated", SATURATED_SHARE, fixes.for_saturation(run.design))


def _unit_finding(run: CoachInput, field: str, limit: float, fix: dict) -> Finding | None:
    """Finding "<field>_units" (args: layer, share; evidence layer and "<field>_share") on the
    worst layer when its share reaches ``limit``."""
    worst = _worst_layer(run, field)
    if worst is None or worst[1] < limit:
        return None
    layer, share = worst
    return Finding(f"{field}_units", (layer, share), (("layer", layer), (f"{field}_share", share)), WARNING, fix)


# -- the loss over time ---------------------------------------------------------------------

FLAT_FALL = 0.03
"""The loss counts as flat when its mean over the last fifth of a stretch is within 3% of its
mean over the first fifth, below or above (means: a mini-batch's loss jumps about from step
to step). A loss that rose by more has not stalled: it got worse (a spike, an unstable rate)."""
LR_FLAT_STEPS = 300
"""The stretch over which a too-small learning rate shows: 300 steps is a few seconds at
the usual speeds, and a healthy rate moves the loss by far more than FLAT_FALL in it."""
TINY_UPDATE = 2e-4
"""Updates under 2/10,000 of a layer's weights in every layer: five times below the ~1e-3 of
a healthy SGD step (probes.LayerGradient.update_ratio)."""
PLATEAU_STEPS = 1000
"""A long stretch: about 25 epochs of a preset's 400 points in batches of 10."""
STILL_HIGH = 0.5
"""A loss that has not yet halved from where the run started is not small."""
TOO_SMALL_ACCURACY = 0.8
"""Training accuracy a network that fits the data reaches easily on the app's 2-D sets."""
TINY_UNITS = 4
"""A network whose widest hidden layer has at most 4 units (or that has none) is tiny:
circles, spirals and XOR need more than that to bend the boundary."""
OVERFIT_RATIO = 2.0
"""Test loss at least twice the training loss: far below, not the noise of a small test set."""
OVERFIT_GAP = 0.1
"""... and at least 0.1 apart, so two losses near 0 are not called overfitting."""
GAP_GROWTH = 1.05
"""The gap now at least 5% wider than half the run ago: still growing (evaluations cover
the whole sets, so the gap does not jitter between them), not just present."""
MIN_EVALS = 4


def fall(run: CoachInput, span: int) -> tuple[float, float, float] | None:
    """(relative fall, mean loss at the start, mean loss at the end) of the per-step loss over
    the last ``span`` steps, means over a fifth of the stretch each; None when the run has not
    trained ``span`` steps yet."""
    steps, losses = np.asarray(run.steps), np.asarray(run.losses, np.float64)
    if not len(steps) or steps[-1] - steps[0] + 1 < span:
        return None
    keep = steps > steps[-1] - span
    steps, losses = steps[keep], losses[keep]
    fifth = span / 5
    start = losses[steps <= steps[0] + fifth].mean()
    end = losses[steps > steps[-1] - fifth].mean()
    return (start - end) / start if start > 0 else 0.0, float(start), float(end)


def is_flat(flat: tuple[float, float, float] | None) -> bool:
    """Whether ``fall``'s answer says the loss stood still (see FLAT_FALL)."""
    return flat is not None and abs(flat[0]) < FLAT_FALL


def _first_loss(run: CoachInput) -> float:
    losses = np.asarray(run.losses, np.float64)
    return float(losses[: max(1, min(len(losses), 20))].mean())


def lr_too_small(run: CoachInput) -> Finding | None:
    """The loss is flat over LR_FLAT_STEPS and still above STILL_HIGH of where it started (a run
    that has learned takes small steps too), while the update of every layer is under
    TINY_UPDATE of its weights (the median over the probes of each one's largest ratio)."""
    flat = fall(run, LR_FLAT_STEPS)
    probes = [p for p in _probes(run) if p.gradients]
    if not is_flat(flat) or not probes or flat[2] < STILL_HIGH * _first_loss(run):
        return None
    largest = float(np.median([max(g.update_ratio for g in p.gradients) for p in probes]))
    fix = fixes.higher_lr(run.design)
    # gradients that vanished make tiny updates at any rate: that is the vanishing rule's
    if largest >= TINY_UPDATE or run.probe.verdict.state == "vanishing" or fix["optimizer.lr"] <= run.design.optimizer.lr:
        return None
    evidence = (("fall", flat[0]), ("steps", LR_FLAT_STEPS), ("largest_update_ratio", largest),
                ("lr", run.design.optimizer.lr))
    return Finding("lr_too_small", (run.design.optimizer.lr, largest), evidence, WARNING, fix)


def plateau(run: CoachInput) -> Finding | None:
    """Classification whose loss is flat over PLATEAU_STEPS while still above STILL_HIGH of
    where it started. Not on regression: there a flat loss may be the floor that noise and
    outliers set (MSE on outliers stays high at its best), which the numbers cannot tell
    from a plateau."""
    if run.task == "regression":
        return None
    flat = fall(run, PLATEAU_STEPS)
    if not is_flat(flat):
        return None
    first = _first_loss(run)
    if first <= 0 or flat[2] < STILL_HIGH * first:
        return None
    evidence = (("fall", flat[0]), ("steps", PLATEAU_STEPS), ("loss", flat[2]), ("first_loss", first))
    return Finding("plateau", (PLATEAU_STEPS, flat[2]), evidence, ADVICE, _plateau_fix(run))


def _plateau_fix(run: CoachInput) -> dict:
    """An adaptive optimizer steps out of flat stretches; a run using one tries a higher rate."""
    if run.design.optimizer.name in ("sgd", "momentum"):
        return {"optimizer.name": "adam", "optimizer.lr": 0.01}
    return fixes.higher_lr(run.design)


def too_small(run: CoachInput) -> Finding | None:
    """Classification whose training accuracy stays under TOO_SMALL_ACCURACY, the loss flat over
    PLATEAU_STEPS, with a tiny network (widest hidden layer TINY_UNITS or fewer)."""
    accuracy = run.train_accuracies
    if run.task == "regression" or not len(accuracy) or np.isnan(accuracy[-1]):
        return None
    units = [layer.units for layer in run.design.layers if isinstance(layer, LinearLayer)]
    widest = max(units, default=0)
    flat = fall(run, PLATEAU_STEPS)
    if widest > TINY_UNITS or accuracy[-1] >= TOO_SMALL_ACCURACY or not is_flat(flat):
        return None
    evidence = (("train_accuracy", float(accuracy[-1])), ("widest_layer", widest), ("fall", flat[0]))
    if not units:
        return Finding("too_small_no_hidden", (float(accuracy[-1]),), evidence, WARNING, {}, "add_hidden_layer")
    return Finding("too_small", (widest, float(accuracy[-1])), evidence, WARNING, fixes.wider(run.design))


def overfitting(run: CoachInput) -> Finding | None:
    """The latest test loss is OVERFIT_RATIO times the training loss and OVERFIT_GAP above it,
    and the gap grew GAP_GROWTH times since the evaluation half the run ago."""
    train, test, steps = run.train_losses, run.test_losses, np.asarray(run.eval_steps)
    if len(train) < MIN_EVALS or np.isnan(test[-1]) or np.isnan(train[-1]):
        return None
    gap = test[-1] - train[-1]
    if test[-1] < OVERFIT_RATIO * train[-1] or gap < OVERFIT_GAP:
        return None
    then = int(np.searchsorted(steps, steps[-1] / 2))
    earlier = test[then] - train[then]
    if gap < GAP_GROWTH * max(earlier, 0.0) or then >= len(train) - 1:
        return None
    evidence = (("train_loss", float(train[-1])), ("test_loss", float(test[-1])), ("gap", float(gap)),
                ("earlier_gap", float(earlier)), ("earlier_step", int(steps[then])))
    return Finding("overfitting", (float(train[-1]), float(test[-1]), int(steps[then])), evidence, WARNING,
                   fixes.for_overfitting())
