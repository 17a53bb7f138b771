"""Reading a file a user named (a design, a CSV table): the one rule for what may be read;
and writing one atomically (a design, weights, an export): all of it or nothing.

Only a regular file (symlinks followed) of at most a given size is read, and never
more than that size plus one byte, so that ``/dev/zero``, a FIFO, a folder or a
file that grows while it is read cost neither memory nor a hang. ``read_problem``
words any failure for the user, naming the file and the design field.
"""

from __future__ import annotations

import math
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playground.errors import DesignFileError, Problem, path_excerpt

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


# --- atomic writes -------------------------------------------------------------------
STALE_TEMP_SECONDS = 60.0
"""A save's temp file older than this was left by a save that a crash or kill cut off
(a save takes well under a second), and is removed; a younger one may be a save
going on right now in another window or process."""
_TEMP_PREFIX, _TEMP_SUFFIX = ".{0}.", ".tmp"  # atomic_write_bytes' temp files: .NAME.XXXXXXXX.tmp


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` as UTF-8 (newlines kept as given) so that ``path`` holds either
    its old content or all of ``text``, never a part. Raises OSError as ``open`` does."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to a temp file beside ``path``, fsync it, then rename it over ``path``.

    On any failure the temp file is removed and ``path`` is left untouched. A symlink
    is followed (its target is replaced). Raises OSError as ``open`` does.
    """
    with atomic_file(path) as file:
        file.write(data)


@contextmanager
def atomic_file(path: str | os.PathLike, mode: str = "wb", **options):
    """A new file (opened with ``mode`` and ``open``'s ``options``) that replaces
    ``path`` when the ``with`` block ends: a temp file beside ``path``, fsynced, then
    renamed over it. If the block raises, the temp file is removed and ``path`` is
    left untouched. A symlink is followed (its target is replaced). Raises OSError as
    ``open`` does, at once when the temp file cannot be made.
    """
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(path))
    remove_stale_temps(target)
    # Same folder as the target: os.replace is atomic only within one file system.
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=_TEMP_PREFIX.format(target.name), suffix=_TEMP_SUFFIX)
    try:
        with os.fdopen(fd, mode, **options) as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, _mode_for(target))
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    _fsync_folder(target.parent)


def remove_stale_temps(path: str | os.PathLike, older_than: float = STALE_TEMP_SECONDS) -> None:
    """Remove the temp files that ``atomic_write_bytes`` left beside ``path`` (``.NAME.XXXXXXXX.tmp``)
    and that were last written more than ``older_than`` seconds ago; never raises.

    Only this target's temps match (mkstemp's eight random characters, no dot), and only
    regular files (a link is left alone).
    """
    target = Path(os.path.realpath(path))
    pattern = re.compile(re.escape(_TEMP_PREFIX.format(target.name)) + r"[a-z0-9_]{8}" + re.escape(_TEMP_SUFFIX))
    now = time.time()
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        try:
            if (pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False)
                    and now - entry.stat(follow_symlinks=False).st_mtime > older_than):
                os.unlink(entry.path)
        except OSError:
            pass  # gone already, or not ours to remove


def _mode_for(target: Path) -> int:
    # mkstemp creates 0600; keep the old file's permissions, or the usual 0644.
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o644


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; folders cannot be opened on Windows.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def load_file(path: str | os.PathLike, max_bytes: int, parse, kind: str, title_code: str):
    """``parse`` of the text of the file at ``path`` (read_file, at most ``max_bytes``): the
    one way design, lesson and exercise files are opened. Any problem comes as a
    DesignFileError titled "Cannot open the ``kind`` file NAME:" (``title_code``, args (NAME,)),
    a read error named as read_problem words it."""
    name = path_excerpt(path)
    title = f"Cannot open the {kind} file {name}:"
    try:
        return parse(read_file(path, max_bytes))
    except OSError as error:
        problems = [read_problem(error, Path(path).name)]
    except DesignFileError as error:
        problems = error.problems
    raise DesignFileError(problems, title=title, title_code=title_code, title_args=(name,))
