"""A growable series of rows recorded over training: the one buffer the run loop, the run
history and the dashboards all keep their numbers in.

numpy only (no Qt, no torch).
"""

from __future__ import annotations

import numpy as np


class Series:
    """Rows recorded over training: ``steps`` (int64, (n,)) and ``values`` (dtype, (n, *tail)).

    Storage grows by doubling, so appending is amortised O(rows added). With
    ``max_bytes`` the series never outgrows that budget: when full it drops every
    other row and from then on keeps every second, fourth... new row (the display
    stays true in shape, older detail thins). With ``max_rows`` it never holds more
    rows: when full, all but the newest ``recent`` rows are decimated by ``extremes``
    (each stretch's lowest and highest value of every column survive, so every spike
    stays, with its step), the newest ``recent`` stay whole. Without
    either every row is kept.
    """

    def __init__(self, tail: tuple[int, ...] = (), dtype=np.float64, *,
                 capacity: int = 256, max_bytes: int | None = None,
                 max_rows: int | None = None, recent: int = 0):
        self._tail, self._dtype = tuple(tail), np.dtype(dtype)
        self._steps = np.empty(capacity, np.int64)
        self._values = np.empty((capacity, *self._tail), self._dtype)
        self._n = 0
        self._max_rows = None
        self._recent: int | None = None  # set: decimate by extremes, keeping this many newest rows whole
        if max_bytes is not None:
            row_bytes = self._dtype.itemsize * max(1, int(np.prod(self._tail, dtype=np.int64))) + 8
            self._max_rows = max(2, max_bytes // row_bytes)
        if max_rows is not None:
            # the older part is decimated to half its room, so each decimation frees at least a quarter
            columns = int(np.prod(self._tail, dtype=np.int64))
            if max_bytes is not None or not 0 <= recent <= max_rows // 2 or (max_rows - recent) // 2 < 4 * columns:
                raise ValueError("max_rows needs no max_bytes, recent <= max_rows / 2 and room for 4 rows a column")
            self._max_rows, self._recent = int(max_rows), int(recent)
        self._stride, self._offered = 1, 0  # thinning: keep one row in ``stride``

    def __len__(self) -> int:
        return self._n

    @property
    def steps(self) -> np.ndarray:
        """A view of the recorded steps; valid until the next append."""
        return self._steps[: self._n]

    @property
    def values(self) -> np.ndarray:
        """A view of the recorded values; valid until the next append."""
        return self._values[: self._n]

    @property
    def last_step(self) -> int | None:
        return int(self._steps[self._n - 1]) if self._n else None

    def clear(self) -> None:
        self._n, self._stride, self._offered = 0, 1, 0

    def append(self, step: int, row) -> None:
        self._offered += 1
        if (self._offered - 1) % self._stride:
            return
        if self._max_rows is not None and self._n >= self._max_rows:
            self._thin()
        self._reserve(self._n + 1)
        self._steps[self._n] = step
        self._values[self._n] = row
        self._n += 1

    def extend(self, steps: np.ndarray, rows: np.ndarray) -> None:
        """Append many rows at once (decimating as needed with ``max_rows``; no thinning with
        ``max_bytes``: extend is for series without it)."""
        k, done = len(steps), 0
        while done < k:
            if self._recent is not None and self._n >= self._max_rows:
                self._decimate()
            take = k - done if self._recent is None else min(k - done, self._max_rows - self._n)
            self._reserve(self._n + take)
            self._steps[self._n : self._n + take] = steps[done : done + take]
            self._values[self._n : self._n + take] = rows[done : done + take]
            self._n += take
            done += take

    def replace_last(self, row) -> None:
        """Overwrite the newest row (a second report of the same step)."""
        self._values[self._n - 1] = row

    def _reserve(self, n: int) -> None:
        if n <= len(self._steps):
            return
        size = max(n, 2 * len(self._steps))
        if self._max_rows is not None:
            size = max(n, min(size, self._max_rows))
        steps = np.empty(size, np.int64)
        values = np.empty((size, *self._tail), self._dtype)
        steps[: self._n] = self._steps[: self._n]
        values[: self._n] = self._values[: self._n]
        self._steps, self._values = steps, values

    def _decimate(self) -> None:
        """Keep the newest ``recent`` rows and the extremes of the older ones, at most half their room."""
        older = self._n - self._recent
        columns = self._values[:older].reshape(older, -1).T
        each = (self._max_rows - self._recent) // 2 // len(columns)
        keep = np.unique(np.concatenate([extremes(column, each) for column in columns]))
        kept = len(keep)
        self._steps[:kept] = self._steps[keep]
        self._values[:kept] = self._values[keep]
        self._steps[kept : kept + self._recent] = self._steps[older : self._n]
        self._values[kept : kept + self._recent] = self._values[older : self._n]
        self._n = kept + self._recent

    def _thin(self) -> None:
        if self._recent is not None:
            self._decimate()
            return
        keep = (self._n + 1) // 2
        self._steps[:keep] = self._steps[: self._n : 2]
        self._values[:keep] = self._values[: self._n : 2]
        self._n, self._stride = keep, self._stride * 2
        self._offered = 1  # the row being appended now starts the new stride


def extremes(values: np.ndarray, limit: int) -> np.ndarray:
    """Sorted indices into ``values`` (1-D): all when ``len(values) <= limit``, else the first,
    the last, and each of equal stretches' lowest and highest (NaN counts as neither), at
    most ``limit``. The one decimation rule of the run's numbers: every spike survives."""
    n = len(values)
    if n <= limit:
        return np.arange(n)
    buckets = max(1, (limit - 2) // 2)
    size = -(-n // buckets)  # ceil
    padded = np.full(buckets * size, np.nan)
    padded[:n] = values
    nan = np.isnan(padded)
    low = np.where(nan, np.inf, padded).reshape(buckets, size).argmin(axis=1)
    high = np.where(nan, -np.inf, padded).reshape(buckets, size).argmax(axis=1)
    offsets = np.arange(buckets) * size
    keep = np.concatenate([[0, n - 1], low + offsets, high + offsets])
    return np.unique(keep[keep < n])
