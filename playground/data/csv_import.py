"""Read a learner's CSV file into numbers, or say exactly what is wrong with it.

The file must be UTF-8 text with a header row, columns separated by one of
, ; tab | (detected from the first lines). Every column except the target is a
numeric feature. Rows are counted as a spreadsheet shows them: the header is row 1,
the first data row is row 2. Every problem is a ``DataError`` whose ``Problem``
names the design field (``data.csv_path``, ``data.csv_target``,
``data.csv_task``) and, in its message, the column, row and value at fault (a short
excerpt of it), with a ``code`` and ``args`` for wording it in another language.
Only a regular file of at most ``MAX_BYTES`` is read (playground.files).
"""

from __future__ import annotations

import csv
import re
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import numpy as np

from playground.errors import DataError, Problem, excerpt
from playground.files import read_file, read_problem

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
MIN_ROWS = 10
MAX_CLASSES = 50
DELIMITERS = (",", ";", "\t", "|")
MISSING = {"", "na", "n/a", "nan", "null", "none", "?", "-"}
_SNIFF_LINES = 20
_MAX_REPORTED = 5  # problems listed before "... and N more"
_LISTED = 12  # column names a message lists at most
_PATH, _TARGET, _TASK = "data.csv_path", "data.csv_target", "data.csv_task"
TITLE = "The CSV file cannot be used as it stands:"


@dataclass(frozen=True)
class CsvData:
    """A parsed file. ``x`` float64 (rows, features); ``y`` int64 class indices
    (classification) or float64 values (regression), not yet split or scaled."""

    x: np.ndarray
    y: np.ndarray
    feature_names: tuple[str, ...]
    class_names: tuple[str, ...]  # () for regression
    delimiter: str = ","


def csv_columns(path: str | Path) -> list[str]:
    """The header's column names, for choosing the target. DataError on problems."""
    return _open_table(path)[0]


def load_csv(path: str | Path, target: str, task: str) -> CsvData:
    """Parse ``path``; ``target`` names the column to predict; ``task`` is
    "classification" or "regression".

    Rows are converted to numbers ``_CHUNK_ROWS`` at a time, so that memory holds the
    file's text, its numbers and the target column's cells, not every cell as a
    Python string (a 50 MB file of short numbers would take over 1 GB).
    """
    header, reader, delimiter = _open_table(path)
    if target not in header:
        shown, more = tuple(excerpt(name) for name in header[:_LISTED]), max(0, len(header) - _LISTED)
        names = ", ".join(f"'{name}'" for name in shown) + (f" and {more} more" if more else "")
        raise _error(f"there is no column '{excerpt(target)}'; the columns are: {names}", "csv_no_column",
                     (excerpt(target), shown, more), _TARGET)
    t = header.index(target)
    inputs = [j for j in range(len(header)) if j != t]
    blocks: list[np.ndarray] = []
    bad: dict[int, Problem] = {}  # the first problem of each input column, by its position among the inputs
    cells: list[str] = []  # the target column
    row_numbers: list[int] = []
    for rows, numbers in _data_chunks(reader, len(header)):
        block = np.zeros((len(rows), len(inputs)), dtype=np.float64)
        for k, j in enumerate(inputs):
            if k not in bad:
                values, problem = _numeric_column(header[j], [row[j] for row in rows], numbers, _input_hint, _PATH)
                if problem:
                    bad[k] = problem
                block[:, k] = values
        blocks.append(block)
        cells += [row[t] for row in rows]
        row_numbers += numbers
    if not cells:
        raise _error("the file has a header but no data rows", "csv_no_rows")
    if len(cells) == 1:
        raise _error(f"the file has only 1 data row; at least {MIN_ROWS} are needed", "csv_one_row", (MIN_ROWS,))
    if len(cells) < MIN_ROWS:
        raise _error(f"the file has only {len(cells)} data rows; at least {MIN_ROWS} are needed", "csv_few_rows",
                     (len(cells), MIN_ROWS))
    problems = [bad[k] for k in sorted(bad)]
    if task == "regression":
        y, problem = _numeric_column(target, cells, row_numbers, _target_hint, _TARGET)
        class_names: tuple[str, ...] = ()
    else:
        y, class_names, problem = _class_column(target, cells, row_numbers)
    if problem:
        problems.append(problem)
    if problems:
        _raise_all(problems)
    x = np.concatenate(blocks)
    return CsvData(x, y, tuple(header[j] for j in inputs), class_names, delimiter)


# -- reading -----------------------------------------------------------------

_CHUNK_ROWS = 4096


def _open_table(path: str | Path):
    """(header names, a csv reader at the first data row, the delimiter)."""
    text = _read_text(path)
    delimiter = _detect_delimiter(text)
    reader = csv.reader(_lines(text), delimiter=delimiter)
    with _csv_errors(reader):
        header = next((row for row in reader if any(cell.strip() for cell in row)), None)
    if header is None:
        raise _error("the file is empty", "csv_empty")  # only separators and spaces
    header = _clean_header(header)
    if all(_is_number(name) for name in header):
        raise _error("the first line holds numbers, not column names; add a header row naming the columns",
                     "csv_no_header")
    if len(header) == 1:
        raise _one_column_error(header[0], text)
    return header, reader, delimiter


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def _lines(text: str):
    """The lines of ``text`` with their endings, as a file opened with newline="" gives
    them, one at a time (io.StringIO would hold a copy at 4 bytes per character)."""
    return (match.group() for match in _LINE.finditer(text))


@contextmanager
def _csv_errors(reader):
    """The csv module's own errors (a field over its size limit...) as a DataError naming the row."""
    try:
        yield
    except csv.Error as error:
        reason = excerpt(str(error), 80)
        raise _error(f"row {reader.line_num}: the file cannot be read as CSV ({reason})", "csv_unreadable",
                     (reader.line_num, reason)) from None


def _read_text(path: str | Path) -> str:
    if not str(path).strip():
        raise _error("choose a CSV file", "no_csv")
    try:
        data = read_file(path, MAX_BYTES)
    except OSError as error:
        raise DataError([read_problem(error, path, _PATH)]) from None
    try:
        text = data.decode("utf-8-sig")  # Excel puts a byte-order mark in front
    except UnicodeDecodeError as error:
        byte = f"0x{data[error.start]:02x}"
        raise _error(
            f"the file is not UTF-8 text (byte {byte} at position {error.start}); save it again as 'CSV UTF-8'",
            "csv_not_utf8", (byte, error.start),
        ) from None
    if not text.strip():
        raise _error("the file is empty", "csv_empty")
    if "\x00" in text:
        raise _error("the file holds binary data, not text; choose a CSV file", "csv_binary")
    return text


def _detect_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most columns, the same
    number on every line; a comma when none splits them."""
    lines = [line for line in _first_lines(text, _SNIFF_LINES) if line.strip()]
    best, best_count = ",", 1
    for delimiter in DELIMITERS:
        try:
            counts = {len(row) for row in csv.reader(lines, delimiter=delimiter)}
        except csv.Error:  # e.g. a line longer than the csv module's field limit: not this delimiter
            continue
        if len(counts) == 1 and (count := counts.pop()) > best_count:
            best, best_count = delimiter, count
    if best_count == 1:  # rows disagree everywhere: trust the header line
        header = lines[0] if lines else ""
        counts = {d: header.count(d) for d in DELIMITERS}
        best = max(DELIMITERS, key=lambda d: counts[d]) if any(counts.values()) else ","
    return best


def _first_lines(text: str, n: int) -> list[str]:
    """The first ``n`` lines without their endings, without splitting the whole (up to 50 MB) text."""
    return [line.rstrip("\r\n") for line in islice(_lines(text), n)]


def _clean_header(header: list[str]) -> list[str]:
    names = [cell.strip() or f"column {i + 1}" for i, cell in enumerate(header)]
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise _error(f"the header names column '{excerpt(name)}' twice; rename one of them", "csv_twice",
                         (excerpt(name),))
        seen.add(name)
    return names


def _one_column_error(name: str, text: str) -> DataError:
    first = _first_lines(text, 1)[0]
    spaces = first.count(" ") >= 1 and len(first.split()) > 1
    hint = "its columns seem to be separated by spaces" if spaces else "it has no , ; tab or | between the column names"
    return _error(
        f"all columns ended up in one column ('{excerpt(name)}'): {hint}; "
        "separate the columns with commas, semicolons, tabs or |",
        "csv_one_column", (excerpt(name), spaces),
    )


def _data_chunks(reader, width: int):
    """Lists of up to _CHUNK_ROWS data rows (blank rows skipped), each with the rows'
    numbers in the file; DataError for a row of the wrong width or too many rows."""
    rows: list[list[str]] = []
    row_numbers: list[int] = []
    count = 0
    first_line = reader.line_num + 1
    with _csv_errors(reader):
        for row in reader:
            start, first_line = first_line, reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if count >= MAX_ROWS:
                raise _error(f"the file has more than {MAX_ROWS:,} data rows, the limit; use a sample of it",
                             "csv_too_many_rows", (f"{MAX_ROWS:,}",))
            if len(row) != width:
                raise _ragged_error(row, width, start, reader.line_num)
            rows.append(row)
            row_numbers.append(start)
            count += 1
            if len(rows) == _CHUNK_ROWS:
                yield rows, row_numbers
                rows, row_numbers = [], []
    if rows:
        yield rows, row_numbers


def _ragged_error(row: list[str], width: int, start: int, end: int) -> DataError:
    if end > start and any("\n" in cell for cell in row):
        return _error(f"rows {start} to {end} were read as one: the quote (\") opened on row {start} is never closed",
                      "csv_open_quote", (start, end))
    values = "1 value" if len(row) == 1 else f"{len(row)} values"
    return _error(
        f"row {start} has {values} but the header names {width} columns; check the separators and quotes on that row",
        "csv_ragged", (start, len(row), width),
    )


# -- columns -----------------------------------------------------------------


def _numeric_column(name: str, cells, row_numbers, hint, field: str) -> tuple[np.ndarray, Problem | None]:
    """float64 values, or the first bad cell as a Problem."""
    try:  # numpy parses like float(), 5x faster; the loop below only finds the culprit
        values = np.array(cells, dtype=np.float64)
        if np.isfinite(values).all():
            return values, None
    except ValueError:
        values = np.empty(len(cells), dtype=np.float64)
    column = excerpt(name)
    for i, (cell, row) in enumerate(zip(cells, row_numbers)):
        text = cell.strip()
        where = f"column '{column}', row {row}"
        if text.lower() in MISSING:
            return values, Problem(field, f"{where}: the value is missing; fill it in or remove the row",
                                   "csv_missing_value", (column, row))
        try:
            values[i] = float(text)
        except ValueError:
            kind = hint(text)
            return values, Problem(field, f"{where}: '{excerpt(text)}' is not a number; {_HINTS[kind].format(column)}",
                                   "csv_not_number", (column, row, excerpt(text), kind))
        if not np.isfinite(values[i]):
            return values, Problem(field, f"{where}: '{excerpt(text)}' is not a finite number; replace it",
                                   "csv_not_finite", (column, row, excerpt(text)))
    return values, None


def _input_hint(text: str) -> str:
    return "decimal_comma" if _DECIMAL_COMMA.fullmatch(text) else "input"


def _target_hint(text: str) -> str:
    return "decimal_comma" if _DECIMAL_COMMA.fullmatch(text) else "target"


_DECIMAL_COMMA = re.compile(r"[-+]?\d+,\d+")
_HINTS = {  # why a cell is not a number and what to do, by the kind the hint functions give
    "decimal_comma": "it uses a decimal comma; save the file with '.' as the decimal point",
    "input": "remove the column '{0}' or encode it as numbers (for example one 0/1 column per category)",
    "target": "regression needs a numeric target; choose classification to predict labels",
}


def _class_column(name: str, cells, row_numbers) -> tuple[np.ndarray, tuple[str, ...], Problem | None]:
    """int64 class indices into the sorted label names, or a Problem."""
    labels = [cell.strip() for cell in cells]
    missing = next((row for label, row in zip(labels, row_numbers) if label.lower() in MISSING), None)
    names = sorted(set(labels), key=_label_order(labels))
    column = excerpt(name)
    if missing is not None:
        return _no_classes(Problem(_TARGET, f"column '{column}', row {missing}: the label is missing; "
                                   "fill it in or remove it", "csv_missing_label", (column, missing)))
    if len(names) < 2:
        label = excerpt(names[0])
        return _no_classes(Problem(_TARGET, f"column '{column}' has only one label ('{label}'); "
                                   "classification needs at least two", "csv_one_label", (column, label)))
    if len(names) > MAX_CLASSES:
        return _no_classes(Problem(
            _TASK,
            f"column '{column}' has {len(names)} different values, too many classes (limit {MAX_CLASSES}); "
            "choose regression to predict a number",
            "csv_too_many_classes", (column, len(names), MAX_CLASSES),
        ))
    index = {label: k for k, label in enumerate(names)}
    return np.array([index[label] for label in labels], dtype=np.int64), tuple(names), None


def _no_classes(problem: Problem) -> tuple[np.ndarray, tuple[str, ...], Problem]:
    return np.empty(0, dtype=np.int64), (), problem


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
        if more == 1:
            shown.append(Problem(_PATH, "... and 1 more column with problems", "csv_one_more_column"))
        else:
            shown.append(Problem(_PATH, f"... and {more} more columns with problems", "csv_more_columns", (more,)))
    raise DataError(shown, title=TITLE, title_code="csv_title")


def _error(message: str, code: str, args: tuple = (), field: str = _PATH) -> DataError:
    return DataError([Problem(field, message, code, args)])


