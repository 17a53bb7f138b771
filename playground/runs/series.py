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
    stays true in shape, older detail thins). Without it every row is kept.
    """

    def __init__(self, tail: tuple[int, ...] = (), dtype=np.float64, *,
                 capacity: int = 256, max_bytes: int | None = None):
        self._tail, self._dtype = tuple(tail), np.dtype(dtype)
        self._steps = np.empty(capacity, np.int64)
        self._values = np.empty((capacity, *self._tail), self._dtype)
        self._n = 0
        self._max_rows = None
        if max_bytes is not None:
            row_bytes = self._dtype.itemsize * max(1, int(np.prod(self._tail, dtype=np.int64))) + 8
            self._max_rows = max(2, max_bytes // row_bytes)
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
        """Append many rows at once (no thinning: for a series without ``max_bytes``)."""
        k = len(steps)
        self._reserve(self._n + k)
        self._steps[self._n : self._n + k] = steps
        self._values[self._n : self._n + k] = rows
        self._n += k

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

    def _thin(self) -> None:
        keep = (self._n + 1) // 2
        self._steps[:keep] = self._steps[: self._n : 2]
        self._values[:keep] = self._values[: self._n : 2]
        self._n, self._stride = keep, self._stride * 2
        self._offered = 1  # the row being appended now starts the new stride
