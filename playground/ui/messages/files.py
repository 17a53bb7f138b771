"""Problems reading a file, a CSV table, a design or comparison file, or writing one, in
the interface language; and the titles of the errors that list them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from playground.errors import PlaygroundError, Problem


# Problems reading a file, a CSV table or a design file: code -> wording, whose {0},
# {1}... are the problem's args in order (after _FILE_ARGS for the codes it lists).
FILE_WORDINGS = {
    "file_too_large": QT_TRANSLATE_NOOP("EngineMessages", "'{0}' is too large: {1} MB, more than the limit of {2} MB"),
    "file_folder": QT_TRANSLATE_NOOP("EngineMessages", "'{0}' is a folder, not a file; choose a file"),
    "file_not_regular": QT_TRANSLATE_NOOP(
        "EngineMessages", "'{0}' is not an ordinary file (it is a device, pipe or socket); choose a file"),
    "file_missing": QT_TRANSLATE_NOOP(
        "EngineMessages", "no such file: '{0}' does not exist (was it moved, renamed or deleted?)"),
    "file_permission": QT_TRANSLATE_NOOP(
        "EngineMessages", "no permission to read '{0}': choose another file or ask for access"),
    "file_unreadable": QT_TRANSLATE_NOOP("EngineMessages", "'{0}' cannot be read: {1}"),
    "csv_no_column": QT_TRANSLATE_NOOP("EngineMessages", "there is no column '{0}'; the columns are: {1}"),
    "csv_few_rows": QT_TRANSLATE_NOOP("EngineMessages", "the file has only {0} data rows; at least {1} are needed"),
    "csv_one_row": QT_TRANSLATE_NOOP("EngineMessages", "the file has only 1 data row; at least {0} are needed"),
    "csv_empty": QT_TRANSLATE_NOOP("EngineMessages", "the file is empty"),
    "csv_no_header": QT_TRANSLATE_NOOP(
        "EngineMessages", "the first line holds numbers, not column names; add a header row naming the columns"),
    "csv_one_column": QT_TRANSLATE_NOOP(
        "EngineMessages", "all columns ended up in one column ('{0}'): {1}; "
                          "separate the columns with commas, semicolons, tabs or |"),
    "csv_unreadable": QT_TRANSLATE_NOOP("EngineMessages", "row {0}: the file cannot be read as CSV ({1})"),
    "csv_no_rows": QT_TRANSLATE_NOOP("EngineMessages", "the file has a header but no data rows"),
    "csv_not_utf8": QT_TRANSLATE_NOOP(
        "EngineMessages", "the file is not UTF-8 text (byte {0} at position {1}); save it again as 'CSV UTF-8'"),
    "csv_binary": QT_TRANSLATE_NOOP("EngineMessages", "the file holds binary data, not text; choose a CSV file"),
    "csv_twice": QT_TRANSLATE_NOOP("EngineMessages", "the header names column '{0}' twice; rename one of them"),
    "csv_too_many_rows": QT_TRANSLATE_NOOP(
        "EngineMessages", "the file has more than {0} data rows, the limit; use a sample of it"),
    "csv_open_quote": QT_TRANSLATE_NOOP(
        "EngineMessages", "rows {0} to {1} were read as one: the quote (\") opened on row {0} is never closed"),
    "csv_ragged": QT_TRANSLATE_NOOP(
        "EngineMessages", "row {0} has {1} but the header names {2} columns; check the separators and quotes on "
                          "that row"),
    "csv_missing_value": QT_TRANSLATE_NOOP(
        "EngineMessages", "column '{0}', row {1}: the value is missing; fill it in or remove the row"),
    "csv_not_number": QT_TRANSLATE_NOOP("EngineMessages", "column '{0}', row {1}: '{2}' is not a number; {3}"),
    "csv_not_finite": QT_TRANSLATE_NOOP(
        "EngineMessages", "column '{0}', row {1}: '{2}' is not a finite number; replace it"),
    "csv_missing_label": QT_TRANSLATE_NOOP(
        "EngineMessages", "column '{0}', row {1}: the label is missing; fill it in or remove it"),
    "csv_one_label": QT_TRANSLATE_NOOP(
        "EngineMessages", "column '{0}' has only one label ('{1}'); classification needs at least two"),
    "csv_too_many_classes": QT_TRANSLATE_NOOP(
        "EngineMessages", "column '{0}' has {1} different values, too many classes (limit {2}); "
                          "choose regression to predict a number"),
    "csv_more_columns": QT_TRANSLATE_NOOP("EngineMessages", "... and {0} more columns with problems"),
    "csv_one_more_column": QT_TRANSLATE_NOOP("EngineMessages", "... and 1 more column with problems"),
    "csv_unscalable": QT_TRANSLATE_NOOP(
        "EngineMessages", "column '{0}': some values lie too far outside the spread of the training rows to be "
                          "scaled; remove the column or the extreme rows"),
    "design_not_utf8": QT_TRANSLATE_NOOP(
        "EngineMessages", "not an NN Playground file: it is not UTF-8 text (unexpected byte at position {0})"),
    "design_empty": QT_TRANSLATE_NOOP("EngineMessages", "the file is empty"),
    "design_too_deep": QT_TRANSLATE_NOOP(
        "EngineMessages", "the file is damaged: its brackets are nested far too deeply"),
    "design_bad_json": QT_TRANSLATE_NOOP(
        "EngineMessages", "the file is damaged: invalid JSON at line {0}, column {1} ({2})"),
    "design_not_object": QT_TRANSLATE_NOOP(
        "EngineMessages", "not an NN Playground file: it holds {0} where a JSON object belongs"),
    "design_constant": QT_TRANSLATE_NOOP(
        "EngineMessages", "the file is damaged: {0} is not a valid number in a JSON file"),
    "number_too_long": QT_TRANSLATE_NOOP(
        "EngineMessages", "a whole number of {0} digits is far beyond any value the file allows"),
    "bad_character": QT_TRANSLATE_NOOP(
        "EngineMessages", "holds {0} at character {1}, which is not a valid character (half of a surrogate pair); "
                          "the file is damaged"),
    "format_missing": QT_TRANSLATE_NOOP(
        "EngineMessages", "missing: this is not an NN Playground design file (expected \"format\": \"{0}\")"),
    "format_wrong": QT_TRANSLATE_NOOP(
        "EngineMessages", "{0} is not an NN Playground design file (expected \"format\": \"{1}\")"),
    "version_missing": QT_TRANSLATE_NOOP(
        "EngineMessages", "missing: a design file states its format version (this app writes {0})"),
    "version_not_int": QT_TRANSLATE_NOOP("EngineMessages", "must be a whole number such as {0} (got {1})"),
    "version_too_small": QT_TRANSLATE_NOOP("EngineMessages", "must be 1 or more (got {0}); the file is damaged"),
    "version_newer": QT_TRANSLATE_NOOP(
        "EngineMessages", "this file was saved by a newer NN Playground (format version {0}); "
                          "this version reads up to {1}: update the app"),
    "version_no_migration": QT_TRANSLATE_NOOP("EngineMessages", "cannot upgrade format version {0} (no migration)"),
    "version_migration_failed": QT_TRANSLATE_NOOP(
        "EngineMessages", "cannot upgrade this version-{0} file: {1}; is it damaged?"),
    "design_is_comparison": QT_TRANSLATE_NOOP(
        "EngineMessages", "this file holds a comparison of {0} runs, not a single design: open it as a comparison"),
    "comparison_missing": QT_TRANSLATE_NOOP(
        "EngineMessages", "missing: this file holds a single design, not a comparison of runs"),
    "variants_not_list": QT_TRANSLATE_NOOP(
        "EngineMessages", "must be a list of runs, each with its \"changes\" to the base design"),
    "comparison_run_count": QT_TRANSLATE_NOOP("EngineMessages", "a comparison has {0} to {1} runs (got {2})"),
    "variant_fixed_field": QT_TRANSLATE_NOOP(
        "EngineMessages", "is the same for every run of a comparison (they share the data, its order, the seeds and "
                          "the layer kinds): change it in the base design"),
    "variant_no_layer": QT_TRANSLATE_NOOP(
        "EngineMessages", "the base design has no layer {0}: its layers are numbered 0 to {1}"),
    "variant_no_layers": QT_TRANSLATE_NOOP("EngineMessages", "the base design has no hidden layers"),
    "variant_too_many_layers": QT_TRANSLATE_NOOP(
        "EngineMessages", "these changes make {0} hidden layers, more than a design may have ({1})"),
    "comparison_too_large": QT_TRANSLATE_NOOP(
        "EngineMessages", "the {0} runs together have {1} parameters, more than this app trains live ({2}); "
                          "use fewer runs or smaller layers"),
    "write_folder": QT_TRANSLATE_NOOP("EngineMessages", "this is a folder, not a design file: choose a file"),
    "write_permission": QT_TRANSLATE_NOOP(
        "EngineMessages", "no permission to write this file or its folder: choose another place or ask for access"),
    "write_no_folder": QT_TRANSLATE_NOOP("EngineMessages", "the folder {0} does not exist: choose another folder"),
    "write_failed": QT_TRANSLATE_NOOP("EngineMessages", "could not write the file: {0}"),
}

# Words that some file problems put into their wording, by the key the core gives.
_FILE_WORDS = {
    "spaces": QT_TRANSLATE_NOOP("EngineMessages", "its columns seem to be separated by spaces"),
    "no_separator": QT_TRANSLATE_NOOP("EngineMessages", "it has no , ; tab or | between the column names"),
    "decimal_comma": QT_TRANSLATE_NOOP("EngineMessages", "it uses a decimal comma; save the file with '.' as the "
                                                         "decimal point"),
    "input": QT_TRANSLATE_NOOP("EngineMessages", "remove the column '{0}' or encode it as numbers (for example one "
                                                 "0/1 column per category)"),
    "target": QT_TRANSLATE_NOOP("EngineMessages", "regression needs a numeric target; choose classification to "
                                                  "predict labels"),
    "list": QT_TRANSLATE_NOOP("EngineMessages", "a list"),
    "string": QT_TRANSLATE_NOOP("EngineMessages", "a string"),
    "bool": QT_TRANSLATE_NOOP("EngineMessages", "true or false"),
    "value": QT_TRANSLATE_NOOP("EngineMessages", "a single value"),
}


def _words(key: str) -> str:
    return QCoreApplication.translate("EngineMessages", _FILE_WORDS[key])


def _names_args(target: str, shown: tuple, more: int) -> tuple:
    names = ", ".join(f"'{name}'" for name in shown)
    if more:
        names = QCoreApplication.translate("EngineMessages", "{0} and {1} more").format(names, more)
    return target, names


def _values_args(row: int, count: int, width: int) -> tuple:
    values = (QCoreApplication.translate("EngineMessages", "1 value") if count == 1
              else QCoreApplication.translate("EngineMessages", "{0} values").format(count))
    return row, values, width


_FILE_ARGS = {  # code -> the problem's args as its wording quotes them
    "csv_no_column": _names_args,
    "csv_one_column": lambda name, spaces: (name, _words("spaces" if spaces else "no_separator")),
    "csv_ragged": _values_args,
    "csv_not_number": lambda column, row, text, hint: (column, row, text, _words(hint).format(column)),
    "design_not_object": lambda kind: (_words(kind),),
}


def file_message(problem: Problem) -> str:
    args = problem.args
    if problem.code in _FILE_ARGS:
        args = _FILE_ARGS[problem.code](*args)
    return QCoreApplication.translate("EngineMessages", FILE_WORDINGS[problem.code]).format(*args)


_TITLES = {  # PlaygroundError.title_code -> wording, with the title_args as {0}...
    "design_invalid": QT_TRANSLATE_NOOP("EngineMessages", "This is not a valid NN Playground design:"),
    "design_open": QT_TRANSLATE_NOOP("EngineMessages", "Cannot open the design file {0}:"),
    "design_save": QT_TRANSLATE_NOOP("EngineMessages", "Cannot save the design to {0}:"),
    "comparison_invalid": QT_TRANSLATE_NOOP("EngineMessages", "The comparison cannot be used as it stands:"),
    "comparison_too_large": QT_TRANSLATE_NOOP("EngineMessages", "The comparison is too large:"),
    "csv_title": QT_TRANSLATE_NOOP("EngineMessages", "The CSV file cannot be used as it stands:"),
    "export_failed": QT_TRANSLATE_NOOP("EngineMessages", "Cannot export to {0}:"),
    "lesson_invalid": QT_TRANSLATE_NOOP("EngineMessages", "This is not a valid NN Playground lesson:"),
    "lesson_open": QT_TRANSLATE_NOOP("EngineMessages", "Cannot open the lesson file {0}:"),
}


def error_title(error: PlaygroundError) -> str:
    """The error's title in the interface language ("" when it has none)."""
    if error.title_code in _TITLES:
        return QCoreApplication.translate("EngineMessages", _TITLES[error.title_code]).format(*error.title_args)
    return error.title
