"""Design files: human-readable JSON with a format name and a version, written atomically.

A file is one JSON object, UTF-8, ``indent=2``, keys in model order, trailing newline::

    {"format": "nn-playground-design", "version": 2, "name": ..., "data": {...}, ...}

A comparison (playground.design.comparison) is the same file with its base design's
fields and one more section, ``"variants"``: a list of 2 to 6 runs, each
``{"name": ..., "changes": {"optimizer.name": "adam", ...}}``. ``design_from_json`` and
``load_design`` refuse such a file (naming it a comparison: the runs would be lost if
only its base were opened and saved again); ``comparison_from_json`` and
``load_comparison`` refuse a file without variants; ``document_from_json`` and
``load_document`` return whichever the file holds.

Version 2 added the ``variants`` section; a version-1 file (a design, never a
comparison) loads unchanged. The form is canonical:
``design_to_json(design_from_json(text)) == text`` (and the same for comparisons) for
any text that ``design_to_json`` wrote. Loading parses plain JSON only (never
executes code), upgrades older versions through ``MIGRATIONS`` and then validates
strictly: a string where a number belongs, ``true`` for an integer, an unknown name
or field are refused, and so are an integer of more than ``MAX_DIGITS`` digits and
text that is not valid Unicode (a lone surrogate escape), each named by its field (a
variant's by its path inside the variant: ``variants[2].optimizer.lr``). Every
problem is reported at once in a ``DesignFileError``; messages quote at most a short
excerpt of the file.

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

from playground.design.comparison import Comparison, Variant, check_comparison, run_count_problems
from playground.design.schema import Design, check_design, problems_from_validation
from playground.errors import DesignError, DesignFileError, Problem, excerpt, path_excerpt
from playground.files import atomic_write_text, load_file

FORMAT = "nn-playground-design"
VERSION = 2
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DIGITS = 30  # of a JSON integer; every integer field of a design has at most 10

DESIGN_SUFFIX = ".json"  # what a design file's name ends with
WEIGHTS_SUFFIX = ".weights.safetensors"
VARIANTS = "variants"  # the section that makes a design file a comparison


def _from_version_1(fields: dict) -> dict:
    """Version 2 only added the optional ``variants`` section: a version-1 design is unchanged."""
    return dict(fields)


MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _from_version_1}
"""version n -> a function taking the design fields of a version-n file (without
``format`` and ``version``) and returning them as version n + 1 expects them."""

_TITLE = "This is not a valid NN Playground design:"
_TITLE_CODE = "design_invalid"


def design_to_json(design: Design) -> str:
    """The canonical file text of ``design``."""
    return _text(design.model_dump(mode="json"))


def comparison_to_json(comparison: Comparison) -> str:
    """The canonical file text of ``comparison``: its base design's fields, then its variants."""
    variants = [variant.model_dump(mode="json") for variant in comparison.variants]
    return _text({**comparison.base.model_dump(mode="json"), VARIANTS: variants})


def _text(fields: dict) -> str:
    document = {"format": FORMAT, "version": VERSION, **fields}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def design_from_json(text: str | bytes, *, check: bool = True) -> Design:
    """Parse, upgrade and validate file text (bytes must be UTF-8, a BOM is allowed).

    With ``check`` the cross-field problems of ``check_design`` (a loss that does not
    fit the task...) are refused too; without, such a design is returned as it is.
    Raises DesignFileError listing every problem found, or naming a comparison file.
    """
    fields = _upgrade(parse_document(text))
    if VARIANTS in fields:
        raise _invalid(_a_comparison(fields[VARIANTS]))
    return _design(fields, check)


def comparison_from_json(text: str | bytes, *, check: bool = True) -> Comparison:
    """A comparison's file text parsed, upgraded and validated as ``design_from_json``
    does (``check``: the cross-field problems of ``check_comparison`` too). Raises
    DesignFileError listing every problem, or saying the file holds a single design."""
    fields = _upgrade(parse_document(text))
    if VARIANTS not in fields:
        raise _invalid(Problem(VARIANTS, "missing: this file holds a single design, not a comparison of runs",
                               "comparison_missing"))
    return _comparison(fields, check)


def document_from_json(text: str | bytes, *, check: bool = True) -> Design | Comparison:
    """A Comparison for file text with a ``variants`` section, else a Design."""
    fields = _upgrade(parse_document(text))
    return _comparison(fields, check) if VARIANTS in fields else _design(fields, check)


def _design(fields: dict, check: bool) -> Design:
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


def _comparison(fields: dict, check: bool) -> Comparison:
    fields = dict(fields)
    variants, problems = _variants(fields.pop(VARIANTS))
    try:
        base = Design.model_validate_json(json.dumps(fields), strict=True)
    except ValidationError as error:
        raise _invalid(problems_from_validation(error) + problems) from None
    if problems:
        raise _invalid(problems)
    try:
        comparison = Comparison(base, variants)
    except DesignError as error:
        raise _invalid(error.problems) from None
    problems = check_comparison(comparison) if check else []
    if problems:
        raise _invalid(problems)
    return comparison


def _variants(section) -> tuple[list[Variant], list[Problem]]:
    """The variants of a file's ``variants`` section and the problems found in it."""
    if not isinstance(section, list):
        return [], [Problem(VARIANTS, "must be a list of runs, each with its \"changes\" to the base design",
                            "variants_not_list")]
    variants, problems = [], run_count_problems(len(section))
    for i, item in enumerate(section):
        try:
            variants.append(Variant.model_validate_json(json.dumps(item), strict=True))
        except ValidationError as error:
            problems += problems_from_validation(error, prefix=f"{VARIANTS}[{i}]")
    return variants, problems


def _a_comparison(section) -> Problem:
    runs = len(section) if isinstance(section, list) else 0
    return Problem(VARIANTS, f"this file holds a comparison of {runs} runs, not a single design: "
                             "open it as a comparison", "design_is_comparison", (runs,))


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
    _save(design_to_json(_with_csv_path(design, _relative_to(design.data.csv_path, path))), path)


def save_comparison(comparison: Comparison, path: str | os.PathLike) -> None:
    """Write ``comparison`` to ``path`` as ``save_design`` writes a design."""
    base = comparison.base
    _save(comparison_to_json(_with_base(comparison, _with_csv_path(base, _relative_to(base.data.csv_path, path)))),
          path)


def _save(text: str, path: str | os.PathLike) -> None:
    name = path_excerpt(path)
    try:
        atomic_write_text(path, text)
    except OSError as error:
        raise DesignFileError([_write_problem(error, path)], title=f"Cannot save the design to {name}:",
                              title_code="design_save", title_args=(name,)) from None


def load_design(path: str | os.PathLike, *, check: bool = True) -> Design:
    """Read a design file; DesignFileError (with the path in its title) if it cannot be
    used, a comparison file included.

    A relative ``data.csv_path`` is resolved against the design file's folder."""
    return _resolved_document(_load(path, design_from_json, check), path)


def load_comparison(path: str | os.PathLike, *, check: bool = True) -> Comparison:
    """Read a comparison file as ``load_design`` reads a design file."""
    return _resolved_document(_load(path, comparison_from_json, check), path)


def load_document(path: str | os.PathLike, *, check: bool = True) -> Design | Comparison:
    """Read a design or comparison file, whichever it is (``document_from_json``)."""
    return _resolved_document(_load(path, document_from_json, check), path)


def _load(path: str | os.PathLike, parse: Callable, check: bool):
    return load_file(path, MAX_FILE_BYTES, lambda text: parse(text, check=check), "design", "design_open")


def _resolved_document(document: Design | Comparison, path: str | os.PathLike):
    """``document`` with its relative ``data.csv_path`` taken from the folder of ``path``."""
    base = document.base if isinstance(document, Comparison) else document
    resolved = _with_csv_path(base, _resolved(base.data.csv_path, path))
    return _with_base(document, resolved) if isinstance(document, Comparison) else resolved


def _with_base(comparison: Comparison, base: Design) -> Comparison:
    return comparison if base == comparison.base else comparison.with_base(base)


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


def parse_document(text: str | bytes) -> dict:
    """The JSON object a design, comparison or lesson file holds, refusing what no such
    file can be (not UTF-8, empty, damaged JSON, NaN, over-long integers, over-deep
    nesting, not an object, bad characters) with DesignFileError naming each problem."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise _invalid(_problem(f"not an NN Playground file: it is not UTF-8 text (unexpected byte at position "
                                    f"{error.start})", "design_not_utf8", error.start)) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise _invalid(_problem("the file is empty", "design_empty"))
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
        raise _invalid(_problem(f"not an NN Playground file: it holds {words} where a JSON object belongs",
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
        return [Problem(path, f"a whole number of {digits} digits is far beyond any value the file allows",
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
        self.problem = _problem(f"the file is damaged: {name} is not a valid number in a JSON file",
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
