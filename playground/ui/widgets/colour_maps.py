"""Colours for pictures of predictions: diverging and per-class images at fixed levels.

Shared by the Output view and the Network view. Images are RGBA uint8 computed with
numpy at fixed levels (no autoscaling), so a colour always means the same thing. The
colours are the Theme's; a perceptual theme's diverging map runs evenly in CIELAB (equal
steps of value look like equal steps of colour), a standard one's in RGB.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from playground.ui.theme import Theme


def rgb(colour: str) -> np.ndarray:
    """'#rrggbb' -> float64 (3,) in 0..255."""
    c = QColor(colour)
    return np.array([c.red(), c.green(), c.blue()], dtype=np.float64)


_WHITE = np.array([0.95047, 1.0, 1.08883])  # D65
_RGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                        [0.2126729, 0.7151522, 0.0721750],
                        [0.0193339, 0.1191920, 0.9503041]])


def rgb_to_lab(colours: np.ndarray) -> np.ndarray:
    """sRGB (..., 3) in 0..255 -> CIELAB (..., 3) (D65): L* 0..100, a*, b*."""
    c = np.asarray(colours, dtype=np.float64) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    xyz = linear @ _RGB_TO_XYZ.T / _WHITE
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], axis=-1)


def lab_to_rgb(lab: np.ndarray) -> np.ndarray:
    """CIELAB (..., 3) -> sRGB (..., 3) in 0..255 (clipped to the gamut)."""
    lab = np.asarray(lab, dtype=np.float64)
    fy = (lab[..., 0] + 16) / 116
    f = np.stack([fy + lab[..., 1] / 500, fy, fy - lab[..., 2] / 200], axis=-1)
    xyz = np.where(f > 6 / 29, f ** 3, 3 * (6 / 29) ** 2 * (f - 4 / 29)) * _WHITE
    linear = np.clip(xyz @ np.linalg.inv(_RGB_TO_XYZ).T, 0.0, 1.0)
    c = np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)
    return c * 255.0


def diverging_lut(theme: Theme, strength: float = 1.0) -> np.ndarray:
    """(256, 4) uint8 RGBA: 0 = theme.negative, 127.5 = theme.neutral, 255 = theme.positive.

    ``strength`` < 1 stops the ends short of the full colours (blended with neutral).
    A ``perceptual`` theme blends in CIELAB, so the map's lightness and chroma change evenly.
    """
    t = np.abs(np.linspace(-1.0, 1.0, 256))[:, None] * strength
    side = np.linspace(-1.0, 1.0, 256)[:, None] < 0
    mid, negative, positive = rgb(theme.neutral), rgb(theme.negative), rgb(theme.positive)
    if theme.perceptual:
        mid, negative, positive = rgb_to_lab(mid), rgb_to_lab(negative), rgb_to_lab(positive)
    colours = mid + (np.where(side, negative, positive) - mid) * t
    if theme.perceptual:
        colours = lab_to_rgb(colours)
    return np.concatenate([colours, np.full((256, 1), 255.0)], axis=1).round().astype(np.uint8)


def diverging_image(values: np.ndarray, scale: float, lut: np.ndarray) -> np.ndarray:
    """Values (...) -> RGBA uint8 (..., 4) through ``lut`` at the fixed levels -scale..scale.

    NaN maps to neutral, values beyond the levels to the end colours.
    """
    t = np.nan_to_num(np.asarray(values, dtype=np.float64) / scale, nan=0.0, posinf=1.0, neginf=-1.0)
    index = ((np.clip(t, -1.0, 1.0) + 1.0) * 127.5).astype(np.intp)
    return lut[index]


def class_image(probs: np.ndarray, colours: np.ndarray, neutral: np.ndarray, strength: float) -> np.ndarray:
    """Class probabilities (..., C) -> RGBA uint8 (..., 4): each pixel its argmax class colour
    (``colours`` (C, 3)), blended with ``neutral`` by confidence (1/C -> neutral, 1 -> ``strength``)."""
    probs = np.nan_to_num(np.asarray(probs, dtype=np.float64))
    c = probs.shape[-1]
    winner = probs.argmax(-1)
    top = np.take_along_axis(probs, winner[..., None], -1)
    confidence = np.clip((top - 1.0 / c) / (1.0 - 1.0 / c), 0.0, 1.0) * strength
    colours_out = neutral + (colours[winner] - neutral) * confidence
    alpha = np.full(colours_out.shape[:-1] + (1,), 255.0)
    return np.concatenate([colours_out, alpha], axis=-1).round().astype(np.uint8)


def cell_centred_rect(extent: tuple[float, float, float, float], resolution: int) -> QRectF:
    """The image rect for a grid sampled at linspace(lo, hi, resolution) on both axes,
    so that each pixel is centred on its sample point."""
    x0, x1, y0, y1 = extent
    dx, dy = (x1 - x0) / max(resolution - 1, 1), (y1 - y0) / max(resolution - 1, 1)
    return QRectF(x0 - dx / 2, y0 - dy / 2, x1 - x0 + dx, y1 - y0 + dy)


def target_scale(data) -> float:
    """Fixed symmetric colour levels for a regression surface: the largest |target|."""
    values = np.concatenate([np.ravel(data.y_train), np.ravel(data.y_test)]).astype(np.float64)
    largest = float(np.max(np.abs(values))) if values.size else 1.0
    return largest if largest > 0 else 1.0


def mix(colour: str, background: str, amount: float) -> QColor:
    """``amount`` of ``colour`` over ``background``, opaque."""
    a, b = QColor(colour), QColor(background)
    return QColor.fromRgbF(*(amount * x + (1 - amount) * y for x, y in
                             zip((a.redF(), a.greenF(), a.blueF()), (b.redF(), b.greenF(), b.blueF()))))


def with_alpha(colour: str, alpha: float) -> QColor:
    c = QColor(colour)
    c.setAlphaF(alpha)
    return c
