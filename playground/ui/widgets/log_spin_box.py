"""A spin box for scale-free values (learning rate, epsilon, rates): its arrows step
along 1, 2, 3, 5 x 10^k and its text shows significant digits."""

from __future__ import annotations

import math

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QWidget

LADDER = (1, 2, 3, 5)
"""Arrow steps of a LogSpinBox: 1, 2, 3, 5 times a power of ten."""


def ladder_step(value: float, direction: int, floor: float) -> float:
    """The next value on the 1-2-3-5 ladder above (direction 1) or below (-1) ``value``.

    Below ``floor`` the step goes to 0 (down) or to ``floor`` (up from 0).
    """
    if value <= 0:
        return floor if direction > 0 else 0.0
    exponent = math.floor(math.log10(value))
    candidates = sorted(m * 10.0**e for e in range(exponent - 1, exponent + 2) for m in LADDER)
    if direction > 0:
        return next(c for c in candidates if c > value * (1 + 1e-9))
    below = [c for c in candidates if c < value * (1 - 1e-9)]
    return below[-1] if below and below[-1] >= floor * (1 - 1e-9) else 0.0


class LogSpinBox(QDoubleSpinBox):
    """A spin box for scale-free values (learning rate, epsilon): the arrows step along
    1, 2, 3, 5 x 10^k and the text shows significant digits (0.0003, 1e-08)."""

    def __init__(self, minimum: float, maximum: float, floor: float | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDecimals(15)  # the box rounds values to this many places
        self.setRange(minimum, maximum)
        self.setKeyboardTracking(False)
        self._floor = floor if floor is not None else minimum

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt's name
        return "0" if value == 0 else f"{value:.4g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802 - Qt's name
        try:
            return float(text.strip().replace(",", "."))
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int):
        try:
            value = float(text.strip().replace(",", "."))
        except ValueError:
            return QValidator.Intermediate, text, pos
        state = QValidator.Acceptable if self.minimum() <= value <= self.maximum() else QValidator.Intermediate
        return state, text, pos

    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt's name
        value = self.value()
        for _ in range(abs(steps)):
            value = ladder_step(value, 1 if steps > 0 else -1, self._floor)
        self.setValue(min(max(value, self.minimum()), self.maximum()))
