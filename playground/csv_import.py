"""Read a learner's CSV file into numbers, or say exactly what is wrong with it.

The file must be UTF-8 text with a header row, columns separated by one of
, ; tab | (detected from the first lines). Every column except the target is a
numeric feature. Rows are counted as a spreadsheet shows them: the header is row 1,
the first data row is row 2. Every problem is a ``DataError`` whose ``Problem``
names the design field (``data.csv_path``, ``data.csv_target``,
``data.csv_task``) and, in its message, the column, row and value at fault.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import DataError, Problem

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
MIN_ROWS = 10
MAX_CLASSES = 50
DELIMITERS = (",", ";", "\t", "|")
MISSING = {"", "na", "n/a", "nan", "null", "none", "?", "-"}
_SNIFF_LINES = 20
_MAX_REPORTED = 5  # problems listed before "... and N more"
_PATH, _TARGET, _TASK = "data.csv_path", "data.csv_target", "data.csv_task"


@dataclass(frozen=True)
class CsvData:
    """A parsed file. ``x`` float64 (rows, features); ``y`` int64 class indices
    (classification) or float64 values (regression), not yet split or scaled."""

    x: np.ndarray
    y: np.ndarray
    feature_names: tuple[str, ...]
    class_names: tuple[str, ...]  # () for regression


def csv_columns(path: str | Path) -> list[str]:
    """The header's column names, for choosing the target. DataError on problems."""
    return _read_rows(path, header_only=True)[0]


def load_csv(path: str | Path, target: str, task: str) -> CsvData:
    """Parse ``path``; ``target`` names the column to predict; ``task`` is
    "classification" or "regression"."""
    header, rows, row_numbers = _read_rows(path)
    if target not in header:
        raise _error(f"there is no column '{target}'; the columns are: {_names(header)}", _TARGET)
    if len(header) < 2:
        raise _error("the file has only the target column; add at least one input column")
    if len(rows) < MIN_ROWS:
        rows_text = "1 data row" if len(rows) == 1 else f"{len(rows)} data rows"
        raise _error(f"the file has only {rows_text}; at least {MIN_ROWS} are needed")
    t = header.index(target)
    features = [name for name in header if name != target]
    columns = list(zip(*rows))
    problems: list[Problem] = []
    x = np.empty((len(rows), len(features)), dtype=np.float64)
    for j, name in enumerate(features):
        values, problem = _numeric_column(name, columns[header.index(name)], row_numbers, _input_hint, _PATH)
        if problem:
            problems.append(problem)
        else:
            x[:, j] = values
    if task == "regression":
        y, problem = _numeric_column(target, columns[t], row_numbers, _target_hint, _TARGET)
        class_names: tuple[str, ...] = ()
    else:
        y, class_names, problem = _class_column(target, columns[t], row_numbers)
    if problem:
        problems.append(problem)
    if problems:
        _raise_all(problems)
    return CsvData(x, y, tuple(features), class_names)


# -- reading -----------------------------------------------------------------


def _read_rows(path: str | Path, header_only: bool = False) -> tuple[list[str], list[list[str]], list[int]]:
    """Header names, data rows (blank rows skipped) and each row's number in the file."""
    text = _read_text(path)
    delimiter = _detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next((row for row in reader if any(cell.strip() for cell in row)), None)
        if header is None:
            raise _error("the file is empty")  # only separators and spaces
        header = _clean_header(header)
        if all(_is_number(name) for name in header):
            raise _error("the first line holds numbers, not column names; add a header row naming the columns")
        if len(header) == 1:
            raise _error(_one_column_message(header[0], text))
        if header_only:
            return header, [], []
        rows, row_numbers = _data_rows(reader, len(header))
    except csv.Error as error:
        raise _error(f"row {reader.line_num}: the file cannot be read as CSV ({error})") from None
    if not rows:
        raise _error("the file has a header but no data rows")
    return header, rows, row_numbers


def _read_text(path: str | Path) -> str:
    if not str(path).strip():
        raise _error("choose a CSV file")
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise _error(f"'{path}' is a folder, not a CSV file")
        if size > MAX_BYTES:
            raise _error(f"the file is {size / 2**20:.1f} MB; the limit is {MAX_BYTES // 2**20} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise _error(f"the file '{path}' does not exist; choose the file again") from None
    except OSError as error:
        raise _error(f"the file '{path}' cannot be read: {error.strerror or error}") from None
    try:
        text = data.decode("utf-8-sig")  # Excel puts a byte-order mark in front
    except UnicodeDecodeError as error:
        raise _error(
            f"the file is not UTF-8 text (byte 0x{data[error.start]:02x} at position {error.start}); "
            "save it again as 'CSV UTF-8'"
        ) from None
    if not text.strip():
        raise _error("the file is empty")
    if "\x00" in text:
        raise _error("the file holds binary data, not text; choose a CSV file")
    return text


def _detect_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most columns, the same
    number on every line; a comma when none splits them."""
    lines = [line for line in text.splitlines()[:_SNIFF_LINES] if line.strip()]
    best, best_count = ",", 1
    for delimiter in DELIMITERS:
        counts = {len(row) for row in csv.reader(lines, delimiter=delimiter)}
        if len(counts) == 1 and (count := counts.pop()) > best_count:
            best, best_count = delimiter, count
    if best_count == 1:  # rows disagree everywhere: trust the header line
        header = lines[0] if lines else ""
        counts = {d: header.count(d) for d in DELIMITERS}
        best = max(DELIMITERS, key=lambda d: counts[d]) if any(counts.values()) else ","
    return best


def _clean_header(header: list[str]) -> list[str]:
    names = [cell.strip() or f"column {i + 1}" for i, cell in enumerate(header)]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise _error(f"the header names column '{name}' twice; rename one of them")
        seen.add(name)
    return names


def _one_column_message(name: str, text: str) -> str:
    first = text.splitlines()[0]
    if first.count(" ") >= 1 and len(first.split()) > 1:
        hint = "its columns seem to be separated by spaces"
    else:
        hint = "it has no , ; tab or | between the column names"
    return (
        f"all columns ended up in one column ('{_short(name)}'): {hint}; "
        "separate the columns with commas, semicolons, tabs or |"
    )


def _data_rows(reader, width: int) -> tuple[list[list[str]], list[int]]:
    rows, row_numbers = [], []
    first_line = reader.line_num + 1
    for row in reader:
        start, first_line = first_line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(rows) >= MAX_ROWS:
            raise _error(f"the file has more than {MAX_ROWS:,} data rows, the limit; use a sample of it")
        if len(row) != width:
            raise _error(_ragged_message(row, width, start, reader.line_num))
        rows.append(row)
        row_numbers.append(start)
    return rows, row_numbers


def _ragged_message(row: list[str], width: int, start: int, end: int) -> str:
    if end > start and any("\n" in cell for cell in row):
        return f"rows {start} to {end} were read as one: the quote (\") opened on row {start} is never closed"
    values = "1 value" if len(row) == 1 else f"{len(row)} values"
    return f"row {start} has {values} but the header names {width} columns; check the separators and quotes on that row"


# -- columns -----------------------------------------------------------------


def _numeric_column(name: str, cells, row_numbers, hint, field: str) -> tuple[np.ndarray, Problem | None]:
    """float64 values, or the first bad cell as a Problem."""
    try:  # numpy parses like float(), 5x faster; the loop below only finds the culprit
        values = np.array(cells, dtype=np.float64)
        if np.isfinite(values).all():
            return values, None
    except ValueError:
        values = np.empty(len(cells), dtype=np.float64)
    for i, (cell, row) in enumerate(zip(cells, row_numbers)):
        text = cell.strip()
        where = f"column '{name}', row {row}"
        if text.lower() in MISSING:
            return values, Problem(field, f"{where}: the value is missing; fill it in or remove the row")
        try:
            values[i] = float(text)
        except ValueError:
            return values, Problem(field, f"{where}: '{_short(text)}' is not a number; {hint(name, text)}")
        if not np.isfinite(values[i]):
            return values, Problem(field, f"{where}: '{_short(text)}' is not a finite number; replace it")
    return values, None


def _input_hint(name: str, text: str) -> str:
    if _DECIMAL_COMMA.fullmatch(text):
        return _DECIMAL_COMMA_FIX
    return f"remove the column '{name}' or encode it as numbers (for example one 0/1 column per category)"


def _target_hint(name: str, text: str) -> str:
    if _DECIMAL_COMMA.fullmatch(text):
        return _DECIMAL_COMMA_FIX
    return "regression needs a numeric target; choose classification to predict labels"


_DECIMAL_COMMA = re.compile(r"[-+]?\d+,\d+")
_DECIMAL_COMMA_FIX = "it uses a decimal comma; save the file with '.' as the decimal point"


def _class_column(name: str, cells, row_numbers) -> tuple[np.ndarray, tuple[str, ...], Problem | None]:
    """int64 class indices into the sorted label names, or a Problem."""
    labels = [cell.strip() for cell in cells]
    missing = next((row for label, row in zip(labels, row_numbers) if label.lower() in MISSING), None)
    names = sorted(set(labels), key=_label_order(labels))
    if missing is not None:
        return _no_classes(_TARGET, f"column '{name}', row {missing}: the label is missing; fill it in or remove it")
    if len(names) < 2:
        return _no_classes(
            _TARGET, f"column '{name}' has only one label ('{_short(names[0])}'); classification needs at least two"
        )
    if len(names) > MAX_CLASSES:
        return _no_classes(
            _TASK,
            f"column '{name}' has {len(names)} different values, too many classes (limit {MAX_CLASSES}); "
            "choose regression to predict a number",
        )
    index = {label: k for k, label in enumerate(names)}
    return np.array([index[label] for label in labels], dtype=np.int64), tuple(names), None


def _no_classes(field: str, message: str) -> tuple[np.ndarray, tuple[str, ...], Problem]:
    return np.empty(0, dtype=np.int64), (), Problem(field, message)


def _label_order(labels: list[str]):
    """Numeric labels sort as numbers (2 before 10), others as text."""
    return float if all(_is_number(label) for label in set(labels)) else str


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _raise_all(problems: list[Problem]) -> None:
    shown = problems[:_MAX_REPORTED]
    if len(problems) > _MAX_REPORTED:
        more = len(problems) - _MAX_REPORTED
        shown.append(Problem(_PATH, f"... and {more} more {'column' if more == 1 else 'columns'} with problems"))
    raise DataError(shown, title="The CSV file cannot be used as it stands:")


def _error(message: str, field: str = _PATH) -> DataError:
    return DataError([Problem(field, message)])


def _names(header: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in header)


def _short(text: str, limit: int = 40) -> str:
    text = text if text.isprintable() else repr(text)[1:-1]
    return text if len(text) <= limit else text[: limit - 1] + "…"
