"""Reading a file a user named (a design, a CSV table): the one rule for what may be read.

Only a regular file (symlinks followed) of at most a given size is read, and never
more than that size plus one byte, so that ``/dev/zero``, a FIFO, a folder or a
file that grows while it is read cost neither memory nor a hang. ``read_problem``
words any failure for the user, naming the file and the design field.
"""

from __future__ import annotations

import math
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager

from playground.errors import Problem, path_excerpt

_CHUNK = 1 << 20


class NotRegularFile(OSError):
    """A device, FIFO, socket... at the path: reading it could block or never end."""


class FileTooLarge(OSError):
    """More bytes than the limit: ``size`` (bytes, at least) and ``limit``."""

    def __init__(self, path, size: int, limit: int):
        super().__init__(27, "File too large", str(path))
        self.size = size
        self.limit = limit


def read_file(path: str | os.PathLike, limit: int) -> bytes:
    """All bytes of the regular file at ``path``, which holds at most ``limit`` bytes.

    Opened with ``opened`` and read at most ``limit + 1`` bytes, so a file that grows
    meanwhile is refused too. Raises IsADirectoryError, NotRegularFile, FileTooLarge,
    or the OSError that opening or reading raised (FileNotFoundError, PermissionError...).
    """
    with opened(path, limit) as (fd, _size):
        data = read_up_to(fd, limit + 1)
    if len(data) > limit:
        raise FileTooLarge(path, len(data), limit)
    return data


@contextmanager
def opened(path: str | os.PathLike, limit: int) -> Iterator[tuple[int, int]]:
    """``with opened(path, limit) as (fd, size)``: the regular file at ``path``, of at most
    ``limit`` bytes, open for reading.

    The path is checked with ``os.stat`` before it is opened, so a FIFO or a device is
    never opened (nothing blocks) and a sparse or huge file is refused without reading
    it; the descriptor is checked again (the path may have changed in between): what
    is checked is what is read. Raises as ``read_file`` does.
    """
    _check(os.stat(path), path, limit)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        _check(info, path, limit)
        yield fd, info.st_size
    finally:
        os.close(fd)


def read_up_to(fd: int, n: int) -> bytes:
    """Up to ``n`` bytes from ``fd`` (fewer only at the end of the file)."""
    chunks, remaining = [], n
    while remaining > 0:
        chunk = os.read(fd, min(remaining, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _check(info: os.stat_result, path, limit: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(21, "Is a directory", str(path))
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile(6, "Not a regular file", str(path))
    if info.st_size > limit:
        raise FileTooLarge(path, info.st_size, limit)


def read_problem(error: OSError, path, field: str = "") -> Problem:
    """What went wrong reading ``path`` (a path, or the name to quote), for the user;
    ``args`` start with the path as quoted."""
    name = path_excerpt(path)
    if isinstance(error, FileTooLarge):
        size = f"{math.ceil(error.size / 2**20 * 10) / 10:.1f}"  # rounded up: 5 MB + 1 byte is "5.1 MB"
        limit = f"{error.limit / 2**20:g}"
        return Problem(field, f"'{name}' is too large: {size} MB, more than the limit of {limit} MB",
                       "file_too_large", (name, size, limit))
    if isinstance(error, IsADirectoryError):
        return Problem(field, f"'{name}' is a folder, not a file; choose a file", "file_folder", (name,))
    if isinstance(error, NotRegularFile):
        return Problem(field, f"'{name}' is not an ordinary file (it is a device, pipe or socket); choose a file",
                       "file_not_regular", (name,))
    if isinstance(error, FileNotFoundError):
        return Problem(field, f"no such file: '{name}' does not exist (was it moved, renamed or deleted?)",
                       "file_missing", (name,))
    if isinstance(error, PermissionError):
        return Problem(field, f"no permission to read '{name}': choose another file or ask for access",
                       "file_permission", (name,))
    reason = str(error.strerror or error)
    return Problem(field, f"'{name}' cannot be read: {reason}", "file_unreadable", (name, reason))
