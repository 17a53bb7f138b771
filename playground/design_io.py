"""Design files: human-readable JSON with a format name and a version, written atomically.

A file is one JSON object, UTF-8, ``indent=2``, keys in model order, trailing newline::

    {"format": "nn-playground-design", "version": 1, "name": ..., "data": {...}, ...}

The form is canonical: ``design_to_json(design_from_json(text)) == text`` for any text
that ``design_to_json`` wrote. Loading parses plain JSON only (never executes code),
upgrades older versions through ``MIGRATIONS`` and then validates strictly: a string
where a number belongs, ``true`` for an integer, an unknown name or field are refused.
Every problem is reported at once in a ``DesignFileError``.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from .design import Design, check_design, problems_from_validation
from .errors import DesignFileError, Problem

FORMAT = "nn-playground-design"
VERSION = 1
MAX_FILE_BYTES = 5 * 1024 * 1024

WEIGHTS_SUFFIX = ".weights.safetensors"
STALE_TEMP_SECONDS = 60.0
"""A save's temp file older than this was left by a save that a crash or kill cut off
(a save takes well under a second), and is removed; a younger one may be a save
going on right now in another window or process."""
_TEMP_PREFIX, _TEMP_SUFFIX = ".{0}.", ".tmp"  # atomic_write_bytes' temp files: .NAME.XXXXXXXX.tmp

MIGRATIONS: dict[int, Callable[[dict], dict]] = {}
"""version n -> a function taking the design fields of a version-n file (without
``format`` and ``version``) and returning them as version n + 1 expects them."""

_TITLE = "This is not a valid NN Playground design:"


def design_to_json(design: Design) -> str:
    """The canonical file text of ``design``."""
    document = {"format": FORMAT, "version": VERSION, **design.model_dump(mode="json")}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def design_from_json(text: str | bytes, *, check: bool = True) -> Design:
    """Parse, upgrade and validate file text (bytes must be UTF-8, a BOM is allowed).

    With ``check`` the cross-field problems of ``check_design`` (a loss that does not
    fit the task...) are refused too; without, such a design is returned as it is.
    Raises DesignFileError listing every problem found.
    """
    document = _parse(text)
    fields = _upgrade(document)
    try:
        # JSON mode, strict: refuses "0.1" for a float and true for an int, but
        # accepts arrays for tuples and integers for floats, as JSON has them.
        design = Design.model_validate_json(json.dumps(fields), strict=True)
    except ValidationError as error:
        raise DesignFileError(problems_from_validation(error), title=_TITLE) from None
    problems = check_design(design) if check else []
    if problems:
        raise DesignFileError(problems, title=_TITLE)
    return design


def weights_path_for(design_path: str | os.PathLike) -> Path:
    """Where a design's weights live: ``a/my-design.json`` -> ``a/my-design.weights.safetensors``."""
    path = Path(design_path)
    stem = path.stem if path.suffix.lower() == ".json" else path.name
    return path.with_name(stem + WEIGHTS_SUFFIX)


def save_design(design: Design, path: str | os.PathLike) -> None:
    """Write ``design`` to ``path`` atomically; DesignFileError if it cannot be written."""
    try:
        atomic_write_text(path, design_to_json(design))
    except OSError as error:
        raise DesignFileError(_os_message(error, path, "write"), title=f"Cannot save the design to {path}:") from None


def load_design(path: str | os.PathLike, *, check: bool = True) -> Design:
    """Read a design file; DesignFileError (with the path in its title) if it cannot be used."""
    title = f"Cannot open the design file {path}:"
    try:
        data = _read_limited(path)
    except OSError as error:
        raise DesignFileError(_os_message(error, path, "read"), title=title) from None
    if data is None:
        message = f"not a design file: too large (a design file is at most {MAX_FILE_BYTES // 2**20} MB)"
        raise DesignFileError(message, title=title)
    try:
        return design_from_json(data, check=check)
    except DesignFileError as error:
        raise DesignFileError(error.problems, title=title) from None


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` as UTF-8 (newlines kept as given) so that ``path`` holds either
    its old content or all of ``text``, never a part. Raises OSError as ``open`` does."""
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to a temp file beside ``path``, fsync it, then rename it over ``path``.

    On any failure the temp file is removed and ``path`` is left untouched. A symlink
    is followed (its target is replaced). Raises OSError as ``open`` does.
    """
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise IsADirectoryError(21, "Is a directory", str(path))
    remove_stale_temps(target)
    # Same folder as the target: os.replace is atomic only within one file system.
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=_TEMP_PREFIX.format(target.name), suffix=_TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
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


def _parse(text: str | bytes) -> dict:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DesignFileError(
                f"not a design file: it is not UTF-8 text (unexpected byte at position {error.start})",
                title=_TITLE,
            ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise DesignFileError("the file is empty: it holds no design", title=_TITLE)
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        message = f"the file is damaged: invalid JSON at line {error.lineno}, column {error.colno} ({error.msg})"
        raise DesignFileError(message, title=_TITLE) from None
    except ValueError as error:
        raise DesignFileError(str(error), title=_TITLE) from None
    except RecursionError:
        raise DesignFileError("the file is damaged: its brackets are nested far too deeply", title=_TITLE) from None
    if _too_deep(document, 16):
        # Would otherwise hit the validator's recursion limit with a confusing message.
        raise DesignFileError("the file is damaged: its brackets are nested far too deeply", title=_TITLE)
    if not isinstance(document, dict):
        kind = {list: "a list", str: "a string", bool: "true or false"}.get(type(document), "a single value")
        raise DesignFileError(
            f"not a design file: it holds {kind} where a design (a JSON object {{...}}) belongs", title=_TITLE
        )
    return document


def _too_deep(value, limit: int) -> bool:
    if limit < 0:
        return True
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return any(_too_deep(child, limit - 1) for child in children)


def _refuse_constant(name: str):
    raise ValueError(f"the file is damaged: {name} is not a valid number in a design file")


def _upgrade(document: dict) -> dict:
    """The design fields of ``document``, migrated to VERSION; refuses a wrong envelope."""
    fields = dict(document)
    version = fields.pop("version", None)
    problems = [p for p in (_check_format(fields.pop("format", None)), _check_version(version)) if p]
    if problems:
        raise DesignFileError(problems, title=_TITLE)
    for n in range(version, VERSION):
        if n not in MIGRATIONS:
            problem = Problem("version", f"cannot upgrade format version {n} (no migration)")
            raise DesignFileError([problem], title=_TITLE)
        try:
            fields = MIGRATIONS[n](fields)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            problem = Problem("version", f"cannot upgrade this version-{n} file: {error!r}; is it damaged?")
            raise DesignFileError([problem], title=_TITLE) from None
    return fields


def _check_format(value) -> Problem | None:
    expected = f'expected "format": "{FORMAT}"'
    if value is None:
        return Problem("format", f"missing: this is not an NN Playground design file ({expected})")
    if value != FORMAT:
        return Problem("format", f"{value!r} is not an NN Playground design file ({expected})")
    return None


def _check_version(value) -> Problem | None:
    if value is None:
        return Problem("version", f"missing: a design file states its format version (this app writes {VERSION})")
    if not isinstance(value, int) or isinstance(value, bool):
        return Problem("version", f"must be a whole number such as {VERSION} (got {value!r})")
    if value < 1:
        return Problem("version", f"must be 1 or more (got {value}); the file is damaged")
    if value > VERSION:
        return Problem(
            "version",
            f"this file was saved by a newer NN Playground (format version {value}); "
            f"this version reads up to {VERSION}: update the app",
        )
    return None


def _read_limited(path: str | os.PathLike) -> bytes | None:
    """The file's bytes, or None if it holds more than MAX_FILE_BYTES."""
    if os.path.isdir(path):
        raise IsADirectoryError(21, "Is a directory", str(path))
    with open(path, "rb") as file:
        # Read one byte past the limit: st_size is 0 for pipes and devices.
        data = file.read(MAX_FILE_BYTES + 1)
    return None if len(data) > MAX_FILE_BYTES else data


def _os_message(error: OSError, path: str | os.PathLike, verb: str) -> str:
    if isinstance(error, IsADirectoryError):
        return "this is a folder, not a design file: choose a file"
    if isinstance(error, PermissionError):
        where = "this file" if verb == "read" else "this file or its folder"
        return f"no permission to {verb} {where}: choose another place or ask for access"
    if isinstance(error, FileNotFoundError):
        if verb == "read":
            return "no such file: it was moved, renamed or deleted"
        return f"the folder {Path(path).parent} does not exist: choose another folder"
    return f"could not {verb} the file: {error.strerror or error}"


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
