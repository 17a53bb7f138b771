"""The "Inside one step" panel (panel.InsidePanel) and what it writes (stages, maths, bars)."""

from playground.ui.panels.inside.panel import STAGES, InsidePanel

__all__ = ["STAGES", "InsidePanel"]
