"""The Network view's neurons (뉴런): what each one shows.

2-D data: a square per neuron with its output over the input plane (a heat map at the
fixed levels -1..1), the maps of one column stacked into one atlas image, and the
squares' outlines in one curve item. Other data: one scatter item of circles coloured by
each neuron's bias. Items are made once (the atlases once per run, with the columns) and
updated with setImage/setData.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter

from playground.runs.messages import Dashboard
from playground.ui.theme import Theme
from playground.ui.views.network_columns import Column, bias_of, block_picture
from playground.ui.widgets.colour_maps import diverging_image, diverging_lut, target_scale, with_alpha

MAP_RES = 20  # pixels per side of a neuron's heat map
MAP_GAP = 10  # transparent atlas rows between two maps: neuron pitch = 1.5 x size
PITCH = (MAP_RES + MAP_GAP) / MAP_RES


class _Atlas(pg.ImageItem):
    """A column's heat maps in one image, drawn with bilinear smoothing."""

    smooth = True

    def paint(self, painter, *args):
        painter.setRenderHint(QPainter.SmoothPixmapTransform, self.smooth)
        super().paint(painter, *args)


def squares(x: float, ys: np.ndarray, size: float) -> np.ndarray:
    """Outline segments (4 per square) as rows x0, y0, x1, y1."""
    h = size / 2
    left, right, top, bottom = x - h, x + h, ys - h, ys + h
    n = len(ys)
    lx, rx = np.full(n, left), np.full(n, right)
    return np.concatenate([
        np.stack([lx, top, rx, top], 1), np.stack([rx, top, rx, bottom], 1),
        np.stack([rx, bottom, lx, bottom], 1), np.stack([lx, bottom, lx, top], 1)])


def resample(maps: np.ndarray, resolution: int) -> np.ndarray:
    """(n, r, r) -> (n, resolution, resolution) by nearest sample (no-op when r fits)."""
    r = maps.shape[-1]
    if r == resolution:
        return maps
    index = np.round(np.linspace(0, r - 1, resolution)).astype(np.intp)
    return maps[:, index][:, :, index]


class Neurons:
    """The neurons of the diagram on ``box`` (see the module docstring). ``start`` takes a
    run's columns, ``place`` their positions, ``draw_maps`` and ``recolour`` a record."""

    def __init__(self, box: pg.ViewBox):
        self._box = box
        self._outlines = pg.PlotCurveItem(connect="pairs")  # squares around the neuron maps
        self._outlines.setSegmentedLineMode("on")
        self._outlines.setZValue(5)
        self._circles = pg.ScatterPlotItem(pxMode=True)
        self._circles.setZValue(4)
        for item in (self._outlines, self._circles):
            box.addItem(item)
        self._columns: list[Column] = []
        self._dataset = None
        self._planar = False

    def set_theme(self, theme: Theme) -> None:
        self._lut = diverging_lut(theme)
        self._brush_lut = np.array([pg.mkBrush(*c) for c in self._lut.tolist()], dtype=object)
        self._outlines.setPen(pg.mkPen(with_alpha(theme.foreground, 0.45), width=theme.line(1)))
        self._circles.setPen(pg.mkPen(with_alpha(theme.foreground, 0.6), width=theme.line(1)))

    def start(self, columns: list[Column], dataset) -> None:
        """A run's columns (the view's list, placed later); maps are drawn for 2-D data."""
        self._columns, self._dataset = columns, dataset
        self._planar = dataset.input_kind == "2d"

    def clear(self) -> None:
        """No run: forget the columns (the view removes their atlases with their other items)."""
        self._columns, self._dataset = [], None

    def add_atlas(self, column: Column) -> None:
        """Make the atlas image of a column with neurons (2-D data), on the view box."""
        if not (self._planar and column.drawn):
            return
        column.atlas = _Atlas(axisOrder="row-major")
        column.buffer = np.zeros((column.drawn, MAP_RES + MAP_GAP, MAP_RES, 4), np.uint8)
        # An (empty) image of the final shape now: setRect needs the image size.
        blank = column.buffer.reshape(-1, MAP_RES, 4)[:-MAP_GAP]
        column.atlas.setImage(blank, levels=(0, 255), autoLevels=False)
        self._box.addItem(column.atlas)

    def place(self, dashboard: Dashboard | None) -> None:
        """Atlases, outlines or circles where the placed columns put their neurons."""
        drawn = [c for c in self._columns if c.drawn]
        for column in drawn:
            if column.atlas is not None:
                size = column.size
                span = (column.drawn - 1) * size * PITCH + size
                column.atlas.setRect(QRectF(column.x - size / 2, column.ys[0] - size / 2, size, span))
        if self._planar:
            boxes = np.concatenate([squares(c.x, c.ys, c.size) for c in drawn])
            self._outlines.setData(boxes[:, [0, 2]].ravel(), boxes[:, [1, 3]].ravel())
            self._circles.setData([], [])
            return
        xs = np.concatenate([np.full(c.drawn, c.x) for c in drawn])
        ys = np.concatenate([c.ys for c in drawn])
        self._outlines.setData([], [])
        self._circles.setData(xs, ys, size=drawn[0].size, brush=self._circle_brushes(dashboard))

    def recolour(self, dashboard: Dashboard | None) -> None:
        """Circles (other data) coloured by the record's biases."""
        if not self._planar and self._columns:
            self._circles.setBrush(self._circle_brushes(dashboard))

    def _circle_brushes(self, dashboard: Dashboard | None) -> list:
        """Neutral inputs, others coloured by bias relative to the largest in their layer."""
        brushes = []
        for column in self._columns:
            if not column.drawn:
                continue
            bias = bias_of(dashboard, column)
            if bias is None:
                brushes.extend([self._brush_lut[128]] * column.drawn)
                continue
            largest = max(float(np.max(np.abs(bias))), 1e-12)
            index = ((np.clip(np.nan_to_num(bias / largest), -1, 1) + 1) * 127.5).astype(np.intp)
            brushes.extend(self._brush_lut[index].tolist())
        return brushes

    # --- heat maps (2-D data) -------------------------------------------------------------------
    def draw_input_maps(self) -> None:
        """Each input feature over the plane, computed once per run (scaled to its own range)."""
        column = self._columns[0] if self._columns else None
        if column is None or column.atlas is None:
            return
        x0, x1, y0, y1 = self._dataset.extent
        gx, gy = np.meshgrid(np.linspace(x0, x1, MAP_RES), np.linspace(y0, y1, MAP_RES))
        features = self._dataset.features_of(np.stack([gx.ravel(), gy.ravel()], 1))
        maps = features.T.reshape(-1, MAP_RES, MAP_RES)[: column.drawn]
        scale = np.maximum(np.abs(maps).max(axis=(1, 2), keepdims=True), 1e-12)
        self._set_atlas(column, maps / scale)

    def draw_maps(self, dashboard: Dashboard | None) -> None:
        """The hidden neurons' and the output's maps from a record (nothing without one)."""
        if dashboard is None or not self._planar:
            return
        for column in self._columns:
            picture = block_picture(dashboard, column)
            if picture is None or picture.neurons is None or column.atlas is None:
                continue
            maps = np.asarray(picture.neurons)[: column.drawn]
            if len(maps) < column.drawn:
                continue
            # Fixed levels -1..1 (tanh's range); larger outputs (ReLU) scale the layer down together.
            scale = max(1.0, float(np.max(np.abs(np.nan_to_num(maps)))))
            self._set_atlas(column, resample(maps, MAP_RES) / scale)
        if dashboard.boundary is not None:
            self._draw_output_map(np.asarray(dashboard.boundary))

    def _draw_output_map(self, boundary: np.ndarray) -> None:
        column = self._columns[-1]
        if column.atlas is None:
            return
        if boundary.ndim == 2:  # regression: value, levels +-largest |target|
            maps = boundary[None] / target_scale(self._dataset)
        elif column.units == 1:  # one logit: p(class 1)
            maps = 2 * boundary[None, ..., 1] - 1
        else:
            maps = 2 * np.moveaxis(boundary, -1, 0) - 1
        self._set_atlas(column, resample(maps[: column.drawn], MAP_RES))

    def _set_atlas(self, column: Column, maps: np.ndarray) -> None:
        """maps (n, r, r), row = x2 low->high, already scaled to -1..1."""
        rgba = diverging_image(maps, 1.0, self._lut)
        column.buffer[:, :MAP_RES] = rgba[:, ::-1]  # the view's y runs down: x2 high on top
        atlas = column.buffer.reshape(-1, MAP_RES, 4)[:-MAP_GAP]
        column.atlas.setImage(atlas, levels=(0, 255), autoLevels=False)
