"""The coach: why a run is not learning, with the evidence and a fix to try.

Headless and torch-free: it reads the numbers the training process already reports (a
CoachInput: the probe reports, the evaluations, the per-step losses, the design, the
divergence) and returns Findings, most severe first. The window words them
(``words.finding_text``) and opens "Try the fix" as a comparison of the run against a
variant with the finding's ``fix`` changes.

The plateau is the coach's last word: a flat loss that a more specific finding explains
(vanishing gradients, a learning rate too small, a network too small, dead or saturated
units, a diverged run) is reported by that finding alone.
"""

from __future__ import annotations

from playground.coach import rules
from playground.coach.findings import ADVICE, SEVERE, WARNING, CoachInput, Finding

RULES = (rules.diverged, rules.exploding, rules.vanishing, rules.dead_units, rules.saturated_units,
         rules.lr_too_small, rules.too_small, rules.overfitting)
"""Every rule but the plateau, in the order findings of equal severity are listed."""

__all__ = ["ADVICE", "RULES", "SEVERE", "WARNING", "CoachInput", "Finding", "diagnose"]


def diagnose(run: CoachInput) -> list[Finding]:
    """Every finding about ``run``, most severe first (rule order among equals); [] for a healthy run."""
    found = [f for f in (rule(run) for rule in RULES) if f is not None]
    if not any(f.code != "overfitting" for f in found):
        flat = rules.plateau(run)
        found += [flat] if flat is not None else []
    return sorted(found, key=lambda f: -f.severity)
