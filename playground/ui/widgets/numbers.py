"""Numbers in formulas: 4 significant digits, scientific when tiny, a true minus sign.

The one formatter of the numbers the window writes into formulas (the step-through, the
diagram's values), so that a vanishing 3.1e-07 reads the same everywhere.
"""

from __future__ import annotations

import math

TINY = 1e-3  # a number below this (in size) is written in scientific notation


def num(value: float, digits: int = 4) -> str:
    """``value`` with ``digits`` significant digits; scientific when tiny (below TINY) or
    huge, so that a vanishing 3.1e-07 stays visible; a true minus sign."""
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    if value == 0:
        return "0"
    size = abs(value)
    if size < TINY or size >= 10 ** (digits + 1):
        mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
        if "." in mantissa:
            mantissa = mantissa.rstrip("0").rstrip(".")
        text = f"{mantissa}e{exponent}"
    else:
        text = f"{value:.{digits}g}"
        if "e" in text:  # .g chose scientific (e.g. 12345 at 4 digits): write it out
            text = f"{value:.0f}"
    return text.replace("-", "−")


def term(value: float, digits: int = 4) -> str:
    """``num(value)`` in parentheses when negative, to be a factor in a product."""
    text = num(value, digits)
    return f"({text})" if float(value) < 0 else text
