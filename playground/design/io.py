"""Design files: human-readable JSON with a format name and a version, written atomically.

A file is one JSON object, UTF-8, ``indent=2``, keys in model order, trailing newline::

    {"format": "nn-playground-design", "version": 1, "name": ..., "data": {...}, ...}

The form is canonical: ``design_to_json(design_from_json(text)) == text`` for any text
that ``design_to_json`` wrote. Loading parses plain JSON only (never executes code),
upgrades older versions through ``MIGRATIONS`` and then validates strictly: a string
where a number belongs, ``true`` for an integer, an unknown name or field are refused,
and so are an integer of more than ``MAX_DIGITS`` digits and text that is not valid
Unicode (a lone surrogate escape), each named by its field. Every problem is reported
at once in a ``DesignFileError``; messages quote at most a short excerpt of the file.

``data.csv_path`` may be relative to the design file's folder, so that a folder
holding a design and its CSV file can be moved: ``load_design`` resolves it,
``save_design`` writes it relative when the CSV file lies in that folder or below.
Only a regular file of at most ``MAX_FILE_BYTES`` is read (playground.files).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from playground.design.schema import Design, check_design, problems_from_validation
from playground.errors import DesignFileError, Problem, excerpt, path_excerpt
from playground.files import atomic_write_text, read_file, read_problem

FORMAT = "nn-playground-design"
VERSION = 1
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DIGITS = 30  # of a JSON integer; every integer field of a design has at most 10

DESIGN_SUFFIX = ".json"  # what a design file's name ends with
WEIGHTS_SUFFIX = ".weights.safetensors"

MIGRATIONS: dict[int, Callable[[dict], dict]] = {}
"""version n -> a function taking the design fields of a version-n file (without
``format`` and ``version``) and returning them as version n + 1 expects them."""

_TITLE = "This is not a valid NN Playground design:"
_TITLE_CODE = "design_invalid"


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
        raise _invalid(problems_from_validation(error)) from None
    problems = check_design(design) if check else []
    if problems:
        raise _invalid(problems)
    return design


def _invalid(problems: list[Problem] | Problem) -> DesignFileError:
    return DesignFileError(problems if isinstance(problems, list) else [problems], title=_TITLE,
                           title_code=_TITLE_CODE)


def weights_path_for(design_path: str | os.PathLike) -> Path:
    """Where a design's weights live: ``a/my-design.json`` -> ``a/my-design.weights.safetensors``."""
    path = Path(design_path)
    stem = path.stem if path.suffix.lower() == DESIGN_SUFFIX else path.name
    return path.with_name(stem + WEIGHTS_SUFFIX)


def save_design(design: Design, path: str | os.PathLike) -> None:
    """Write ``design`` to ``path`` atomically; DesignFileError if it cannot be written.

    A CSV file in the design's folder or below is written as a path relative to it."""
    name = path_excerpt(path)
    try:
        atomic_write_text(path, design_to_json(_with_csv_path(design, _relative_to(design.data.csv_path, path))))
    except OSError as error:
        raise DesignFileError([_write_problem(error, path)], title=f"Cannot save the design to {name}:",
                              title_code="design_save", title_args=(name,)) from None


def load_design(path: str | os.PathLike, *, check: bool = True) -> Design:
    """Read a design file; DesignFileError (with the path in its title) if it cannot be used.

    A relative ``data.csv_path`` is resolved against the design file's folder."""
    name = path_excerpt(path)
    title = f"Cannot open the design file {name}:"
    try:
        data = read_file(path, MAX_FILE_BYTES)
        design = design_from_json(data, check=check)
    except OSError as error:
        raise DesignFileError([read_problem(error, Path(path).name)], title=title, title_code="design_open",
                              title_args=(name,)) from None
    except DesignFileError as error:
        raise DesignFileError(error.problems, title=title, title_code="design_open", title_args=(name,)) from None
    return _with_csv_path(design, _resolved(design.data.csv_path, path))


def _with_csv_path(design: Design, csv_path: str) -> Design:
    return design if csv_path == design.data.csv_path else design.with_data(csv_path=csv_path)


def _resolved(csv_path: str, design_path: str | os.PathLike) -> str:
    """An absolute ``csv_path``: a relative one is taken from the design file's folder."""
    if not csv_path or os.path.isabs(csv_path):
        return csv_path
    folder = os.path.dirname(os.path.abspath(design_path))
    return os.path.normpath(os.path.join(folder, csv_path))


def _relative_to(csv_path: str, design_path: str | os.PathLike) -> str:
    """``csv_path`` relative to the design file's folder when it lies in it or below
    (with / as separator, readable on every system); otherwise unchanged."""
    if not csv_path or not os.path.isabs(csv_path):
        return csv_path
    folder = Path(os.path.abspath(design_path)).parent
    try:
        return Path(os.path.normpath(csv_path)).relative_to(folder).as_posix()
    except ValueError:  # elsewhere, or on another drive
        return csv_path


def _parse(text: str | bytes) -> dict:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise _invalid(_problem(f"not a design file: it is not UTF-8 text (unexpected byte at position "
                                    f"{error.start})", "design_not_utf8", error.start)) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise _invalid(_problem("the file is empty: it holds no design", "design_empty"))
    too_deep = _problem("the file is damaged: its brackets are nested far too deeply", "design_too_deep")
    try:
        document = json.loads(text, parse_constant=_refuse_constant, parse_int=_parse_int)
    except json.JSONDecodeError as error:
        message = f"the file is damaged: invalid JSON at line {error.lineno}, column {error.colno} ({error.msg})"
        raise _invalid(_problem(message, "design_bad_json", error.lineno, error.colno, error.msg)) from None
    except _Constant as error:
        raise _invalid(error.problem) from None
    except RecursionError:
        raise _invalid(too_deep) from None
    if _too_deep(document, 16):
        # Would otherwise hit the validator's recursion limit with a confusing message.
        raise _invalid(too_deep)
    if not isinstance(document, dict):
        kind = {list: "list", str: "string", bool: "bool"}.get(type(document), "value")
        words = {"list": "a list", "string": "a string", "bool": "true or false", "value": "a single value"}[kind]
        raise _invalid(_problem(f"not a design file: it holds {words} where a design (a JSON object) belongs",
                                "design_not_object", kind))
    problems = _bad_values(document)
    if problems:
        raise _invalid(problems)
    return document


def _problem(message: str, code: str, *args) -> Problem:
    return Problem("", message, code, args)


class _LongInteger:
    """A JSON integer with more than MAX_DIGITS digits, kept as its digit count: Python
    refuses to convert one of over 4,300 digits, and no field could take it anyway."""

    def __init__(self, digits: int):
        self.digits = digits


def _parse_int(text: str) -> int | _LongInteger:
    digits = len(text.lstrip("-"))
    return _LongInteger(digits) if digits > MAX_DIGITS else int(text)


def _bad_values(value, path: str = "") -> list[Problem]:
    """Every over-long integer and every text that is not valid Unicode, by field path."""
    if isinstance(value, _LongInteger):
        digits = f"{value.digits:,}"
        return [Problem(path, f"a whole number of {digits} digits is far beyond any value a design allows",
                        "number_too_long", (digits,))]
    if isinstance(value, str):
        return _bad_text(value, path)
    problems = []
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        if isinstance(key, str):
            problems += _bad_text(key, path)
            child_path = f"{path}.{excerpt(key)}" if path else excerpt(key)
        else:
            child_path = f"{path}[{key}]"
        problems += _bad_values(child, child_path)
    return problems


def _bad_text(text: str, path: str) -> list[Problem]:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        char = excerpt(text[error.start])
        return [Problem(path, f"holds {char} at character {error.start + 1}, which is not a valid character "
                              "(half of a surrogate pair); the file is damaged", "bad_character",
                        (char, error.start + 1))]
    return []


def _too_deep(value, limit: int) -> bool:
    if limit < 0:
        return True
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    return any(_too_deep(child, limit - 1) for child in children)


class _Constant(ValueError):
    def __init__(self, name: str):
        super().__init__(name)
        self.problem = _problem(f"the file is damaged: {name} is not a valid number in a design file",
                                "design_constant", name)


def _refuse_constant(name: str):
    raise _Constant(name)


def _upgrade(document: dict) -> dict:
    """The design fields of ``document``, migrated to VERSION; refuses a wrong envelope."""
    fields = dict(document)
    version = fields.pop("version", None)
    problems = [p for p in (_check_format(fields.pop("format", None)), _check_version(version)) if p]
    if problems:
        raise _invalid(problems)
    for n in range(version, VERSION):
        if n not in MIGRATIONS:
            raise _invalid(Problem("version", f"cannot upgrade format version {n} (no migration)",
                                   "version_no_migration", (n,)))
        try:
            fields = MIGRATIONS[n](fields)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            reason = excerpt(repr(error), 80)
            raise _invalid(Problem("version", f"cannot upgrade this version-{n} file: {reason}; is it damaged?",
                                   "version_migration_failed", (n, reason))) from None
    return fields


def _check_format(value) -> Problem | None:
    expected = f'expected "format": "{FORMAT}"'
    if value is None:
        return Problem("format", f"missing: this is not an NN Playground design file ({expected})",
                       "format_missing", (FORMAT,))
    if value != FORMAT:
        got = excerpt(repr(value))
        return Problem("format", f"{got} is not an NN Playground design file ({expected})", "format_wrong",
                       (got, FORMAT))
    return None


def _check_version(value) -> Problem | None:
    if value is None:
        return Problem("version", f"missing: a design file states its format version (this app writes {VERSION})",
                       "version_missing", (VERSION,))
    if not isinstance(value, int) or isinstance(value, bool):
        got = excerpt(repr(value))
        return Problem("version", f"must be a whole number such as {VERSION} (got {got})", "version_not_int",
                       (VERSION, got))
    if value < 1:
        return Problem("version", f"must be 1 or more (got {value}); the file is damaged", "version_too_small",
                       (value,))
    if value > VERSION:
        return Problem(
            "version",
            f"this file was saved by a newer NN Playground (format version {value}); "
            f"this version reads up to {VERSION}: update the app",
            "version_newer", (value, VERSION),
        )
    return None


def _write_problem(error: OSError, path: str | os.PathLike) -> Problem:
    if isinstance(error, IsADirectoryError):
        return _problem("this is a folder, not a design file: choose a file", "write_folder")
    if isinstance(error, PermissionError):
        return _problem("no permission to write this file or its folder: choose another place or ask for access",
                        "write_permission")
    if isinstance(error, FileNotFoundError):
        folder = path_excerpt(Path(path).parent)
        return _problem(f"the folder {folder} does not exist: choose another folder", "write_no_folder", folder)
    reason = str(error.strerror or error)
    return _problem(f"could not write the file: {reason}", "write_failed", reason)
