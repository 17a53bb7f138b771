"""How long the window rests after drawing a snapshot before it asks for the next one.

Qt-free: fed measured durations, it answers in seconds. The window measures a frame (every
view's ``show_snapshot`` plus the paint that follows) and acknowledges the snapshot only
after the rest this rule gives, so that drawing takes at most ``busy_share`` of the
window's core whatever the network's size: the rest of its time stays free for the mouse,
the keyboard and the timers (the event loop's latency stays low), and a slow frame lowers
the rate of updates instead of queueing paints behind one another.
"""

from __future__ import annotations

from dataclasses import dataclass

PROMPT_STATES = frozenset({"paused", "finished", "stopped", "diverged", "error"})


@dataclass
class FramePacing:
    """The pacing rule. ``busy_share``: the share of the window's time drawing may take (0-1];
    ``longest_rest``: the most it ever waits (seconds), so that even a very slow frame is
    followed by the next snapshot within a second; ``smoothing``: the weight of the newest
    frame in the running frame cost (one slow frame counts in full at once, then fades)."""

    busy_share: float = 0.5
    longest_rest: float = 1.0
    smoothing: float = 0.3
    _typical: float = 0.0  # running estimate of a frame's cost, seconds

    def __post_init__(self) -> None:
        if not 0 < self.busy_share <= 1:
            raise ValueError(f"busy_share must be in (0, 1], got {self.busy_share}")

    def rest_after(self, frame: float) -> float:
        """Seconds to wait after a frame that took ``frame`` seconds (drawing plus painting)
        before acknowledging it: a frame of cost f followed by a rest of f * (1 - s) / s keeps
        the busy share at s. The cost used is the larger of this frame and the running
        estimate, so one quick frame after slow ones does not undo the pacing."""
        frame = max(0.0, float(frame))
        self._typical = frame if self._typical == 0 else (1 - self.smoothing) * self._typical + self.smoothing * frame
        cost = max(frame, self._typical)
        return min(self.longest_rest, cost * (1 - self.busy_share) / self.busy_share)

    @staticmethod
    def is_prompt(state: str, first: bool) -> bool:
        """A run's first snapshot and those of a stopped, paused or finished run are acknowledged
        at once: no running snapshot follows them that drawing could fall behind, and a step
        requested next must not wait for a rest."""
        return first or state in PROMPT_STATES
