"""Thumbnails of the data sets: a few hundred of their points in the theme's colours
(a digit for the digits, a page for CSV), made once per theme, and the grid that
shows them wrapped to the panel's width.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QListView, QListWidget, QSizePolicy, QWidget

from playground.data import datasets
from playground.design import registry
from playground.design.schema import DataSpec
from playground.ui.theme import Theme

ICON_SIZE = 44


def _rgb(colour: str) -> np.ndarray:
    c = QColor(colour)
    return np.array([c.red(), c.green(), c.blue()], dtype=np.float64)


def _point_colours(dataset: datasets.Dataset, labels: np.ndarray, theme: Theme) -> np.ndarray:
    """uint8 (n, 3): class colours, or negative..positive blended by a regression target."""
    if dataset.task == "regression":
        span = float(np.max(np.abs(labels))) or 1.0
        t = np.clip((labels / span + 1) / 2, 0, 1)[:, None]
        return ((1 - t) * _rgb(theme.negative) + t * _rgb(theme.positive)).astype(np.uint8)
    if dataset.task == "binary":
        table = np.stack([_rgb(theme.negative), _rgb(theme.positive)])
    else:
        table = np.stack([_rgb(c) for c in theme.classes])
    return table[labels % len(table)].astype(np.uint8)


def _scatter_image(points: np.ndarray, colours: np.ndarray, extent, background: str, size: int) -> QImage:
    """Points (n, 2) within extent (x0, x1, y0, y1) as 3x3 px dots on a size x size image."""
    pixels = np.empty((size, size, 3), dtype=np.uint8)
    pixels[:] = _rgb(background).astype(np.uint8)
    x0, x1, y0, y1 = extent
    col = np.clip(((points[:, 0] - x0) / (x1 - x0) * (size - 3)).astype(int), 0, size - 3)
    row = np.clip(((y1 - points[:, 1]) / (y1 - y0) * (size - 3)).astype(int), 0, size - 3)
    for dy in range(3):
        for dx in range(3):
            pixels[row + dy, col + dx] = colours
    image = QImage(pixels.data, size, size, 3 * size, QImage.Format_RGB888)
    return image.copy()  # the numpy buffer dies with this function


def _generated_icon(name: str, theme: Theme, size: int) -> QImage:
    data = datasets.make_dataset(DataSpec(dataset=name, samples=200, seed=1, noise=0.1))
    raw = np.concatenate([data.raw_train, data.raw_test])
    labels = np.concatenate([data.y_train, data.y_test])
    if raw.shape[1] == 1:  # a 1-D curve: plot target against x
        raw = np.stack([raw[:, 0], labels], axis=1)
        colours = np.repeat(_rgb(theme.train)[None].astype(np.uint8), len(raw), axis=0)
    else:
        colours = _point_colours(data, labels, theme)
    return _scatter_image(raw, colours, data.extent, theme.background, size)


def _digit_icon(theme: Theme, size: int) -> QImage:
    images, labels = datasets.load_digits_arrays()
    digit = images[int(np.flatnonzero(labels == 3)[0])].reshape(8, 8) / 16.0
    ink, paper = _rgb(theme.foreground), _rgb(theme.background)
    pixels = (paper + digit[..., None] * (ink - paper)).astype(np.uint8)
    pixels = np.ascontiguousarray(np.repeat(np.repeat(pixels, size // 8, axis=0), size // 8, axis=1))
    side = pixels.shape[0]
    image = QImage(pixels.data, side, side, 3 * side, QImage.Format_RGB888).copy()
    return image.scaled(size, size)


def _csv_icon(theme: Theme, size: int) -> QImage:
    image = QImage(size, size, QImage.Format_ARGB32)
    image.fill(QColor(theme.background))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    ink = QColor(theme.foreground)
    painter.setPen(QPen(ink, 1.5))
    m, fold = size * 0.18, size * 0.2
    left, top, right, bottom = m, m * 0.7, size - m, size - m * 0.7
    page = [(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)]
    for (ax, ay), (bx, by) in zip(page, page[1:] + page[:1]):
        painter.drawLine(int(ax), int(ay), int(bx), int(by))
    painter.drawLine(int(right - fold), int(top), int(right - fold), int(top + fold))
    painter.drawLine(int(right - fold), int(top + fold), int(right), int(top + fold))
    font = QFont()
    font.setPixelSize(max(8, size // 5))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor(theme.accent))
    painter.drawText(QRectF(left, size * 0.45, right - left, size * 0.3), Qt.AlignCenter, "CSV")
    painter.end()
    return image


def _framed(image: QImage, theme: Theme) -> QImage:
    """A thin frame, so that a thumbnail stands out from a background of the same colour."""
    painter = QPainter(image)
    colour = QColor(theme.foreground)
    colour.setAlpha(70)
    painter.setPen(colour)
    painter.drawRect(0, 0, image.width() - 1, image.height() - 1)
    painter.end()
    return image


_ICONS: dict[tuple[str, str, str], QIcon] = {}


def dataset_icon(name: str, theme: Theme, size: int = ICON_SIZE) -> QIcon:
    """A small picture of the data set, made once per theme and palette."""
    key = (name, theme.name, theme.palette)
    if key not in _ICONS:
        kind = registry.DATASETS[name].input_kind
        if kind == "digits":
            image = _digit_icon(theme, size)
        elif kind == "csv":
            image = _csv_icon(theme, size)
        else:
            image = _generated_icon(name, theme, size)
        _ICONS[key] = QIcon(QPixmap.fromImage(_framed(image, theme)))
    return _ICONS[key]


class DatasetGrid(QListWidget):
    """Thumbnails that wrap to the panel's width; as tall as its rows, never scrolled."""

    GRID = ICON_SIZE + 8

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setViewMode(QListView.IconMode)
        self.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.setGridSize(QSize(self.GRID, self.GRID))
        self.setMovement(QListView.Static)
        self.setResizeMode(QListView.Adjust)
        self.setWrapping(True)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.setMinimumWidth(3 * self.GRID)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        per_row = max(1, self.viewport().width() // self.GRID)
        rows = math.ceil(self.count() / per_row)
        self.setFixedHeight(rows * self.GRID + 2 * self.frameWidth() + 4)
