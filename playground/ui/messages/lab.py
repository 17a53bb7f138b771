"""Why the Tensor lab's code stopped (playground.lab.messages.LabError), in the interface
language: code -> wording, whose {0}, {1}... are the error's args in the order
playground.lab.messages lists them (shapes written as Python writes a tuple). An unknown
code keeps the lab's English message."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from playground.lab.messages import LabError
from playground.ui.widgets.tensor_cells import shape_text

LAB_WORDINGS = {
    "lab_shape_mm": QT_TRANSLATE_NOOP(
        "LabMessages", "{0} cannot multiply a {1} tensor by a {2} one: the first one's last size must equal "
                       "the second one's first size ((a, b) @ (b, c) → (a, c))."),
    "lab_shape_matmul_dims": QT_TRANSLATE_NOOP("LabMessages", "{0} needs {1}-D tensors (mm: 2-D, bmm: 3-D)."),
    "lab_shape_batch": QT_TRANSLATE_NOOP(
        "LabMessages", "{0} needs the same batch size (the first dimension) in both: {1} and {2} differ."),
    "lab_shape_broadcast": QT_TRANSLATE_NOOP(
        "LabMessages", "The sizes {0} and {1} at dimension {2} do not broadcast: sizes must be equal, or one of "
                       "them 1."),
    "lab_shape_cat": QT_TRANSLATE_NOOP(
        "LabMessages", "cat needs the same sizes outside dimension {2}: the first input has {0} there, input "
                       "number {3} has {1}."),
    "lab_shape_cat_dims": QT_TRANSLATE_NOOP(
        "LabMessages", "cat needs inputs with the same number of dimensions: these have {0} and {1}."),
    "lab_shape_broadcast_shapes": QT_TRANSLATE_NOOP(
        "LabMessages", "The shapes {0} and {1} do not broadcast: compared from the last dimension, sizes must be "
                       "equal, or one of them 1."),
    "lab_shape_infer": QT_TRANSLATE_NOOP("LabMessages", "A new shape may hold only one -1 (the size worked out)."),
    "lab_shape_assign": QT_TRANSLATE_NOOP(
        "LabMessages", "The values assigned do not fit the slice: it has size {0} at dimension {2}, the values {1}."),
    "lab_shape_permute": QT_TRANSLATE_NOOP(
        "LabMessages", "permute needs an order of all {0} dimensions; it got {1}."),
    "lab_shape_stack": QT_TRANSLATE_NOOP(
        "LabMessages", "stack needs inputs of the same shape: the first is {0}, input number {2} is {1}."),
    "lab_shape_reshape": QT_TRANSLATE_NOOP(
        "LabMessages", "The shape {0} does not fit {1} values: the sizes of the new shape must multiply to {1}."),
    "lab_shape_view": QT_TRANSLATE_NOOP(
        "LabMessages", "view cannot rearrange this tensor's memory (it is not laid out in order, e.g. after "
                       "permute); use reshape."),
    "lab_shape_dot": QT_TRANSLATE_NOOP(
        "LabMessages", "Two 1-D tensors of different lengths ({0} and {1}) cannot be multiplied: a product of two "
                       "vectors needs the same length."),
    "lab_ragged": QT_TRANSLATE_NOOP(
        "LabMessages", "The nested lists are not a rectangle: at depth {1} a list has {2} entries where {0} were "
                       "expected; every row needs the same length."),
    "lab_dtype_mismatch": QT_TRANSLATE_NOOP(
        "LabMessages", "A matrix product needs both tensors of one dtype: these are {0} and {1} (convert one, e.g. "
                       ".float())."),
    "lab_dtype_cast": QT_TRANSLATE_NOOP(
        "LabMessages", "An in-place result of dtype {0} cannot be stored in a tensor of dtype {1}."),
    "lab_dtype_float": QT_TRANSLATE_NOOP(
        "LabMessages", "This operation needs floating-point numbers, but the tensor's dtype is {0} (use "
                       "dtype=torch.float, or .float())."),
    "lab_dim_range": QT_TRANSLATE_NOOP(
        "LabMessages", "Dimension {0} does not exist here: this tensor's dimensions go from {1} to {2}."),
    "lab_index_range": QT_TRANSLATE_NOOP(
        "LabMessages", "Index {0} is outside dimension {1}, whose size is {2} (indices 0 to size − 1, or "
                       "negative from the end)."),
    "lab_index_too_many": QT_TRANSLATE_NOOP(
        "LabMessages", "Too many indices for a tensor of {0} dimensions: one index per dimension at most."),
    "lab_index": QT_TRANSLATE_NOOP("LabMessages", "A bad index: {0}"),
    "lab_item": QT_TRANSLATE_NOOP(
        "LabMessages", ".item() needs a tensor with exactly one value; this one has {0} (use sum() first, or "
                       "index one value)."),
    "lab_type": QT_TRANSLATE_NOOP("LabMessages", "A value of the wrong type: {0}"),
    "lab_name": QT_TRANSLATE_NOOP("LabMessages", "The name {0} is not defined: assign it first, or check its spelling."),
    "lab_attribute": QT_TRANSLATE_NOOP("LabMessages", "A {0} has no attribute {1}."),
    "lab_syntax": QT_TRANSLATE_NOOP("LabMessages", "Python cannot read this code: {0} (line {1})"),
    "lab_timeout": QT_TRANSLATE_NOOP(
        "LabMessages", "The code ran longer than {0} seconds and was stopped (an endless loop, or too much work)."),
    "lab_memory": QT_TRANSLATE_NOOP(
        "LabMessages", "The code needed more memory than the lab allows ({0} MB) and was stopped: try smaller "
                       "tensors."),
    "lab_stopped": QT_TRANSLATE_NOOP("LabMessages", "The code was stopped."),
    "lab_crashed": QT_TRANSLATE_NOOP(
        "LabMessages", "The lab's process ended unexpectedly (exit code {0}); it starts again with the next run."),
    "lab_other": QT_TRANSLATE_NOOP("LabMessages", "An error ({0}): {1}"),
}

MEMORY_UNKNOWN_LIMIT = QT_TRANSLATE_NOOP(
    "LabMessages", "The code needed more memory than this computer could give and was stopped: try smaller tensors.")


def _arg(value) -> str:
    """An arg as the wording quotes it: a shape as a tuple, anything else as it is."""
    if isinstance(value, (tuple, list)) and all(isinstance(d, int) for d in value):
        return shape_text(value)
    return str(value)


def _worded(wording: str | None, args, fallback: str) -> str:
    """``wording`` translated with ``args`` in place; ``fallback`` for an unknown code or args
    not as the wording expects (a newer lab than this window)."""
    if wording is None:
        return fallback
    try:
        return QCoreApplication.translate("LabMessages", wording).format(*(_arg(a) for a in args))
    except (IndexError, KeyError, ValueError):
        return fallback


def lab_error_text(error: LabError) -> str:
    """``error`` in the interface language, with the line it happened on when known."""
    wording = LAB_WORDINGS.get(error.code)
    if error.code == "lab_memory" and tuple(error.args[:1]) == (0,):  # no limit of ours: the machine's
        wording = MEMORY_UNKNOWN_LIMIT
    text = _worded(wording, error.args, error.message)
    if error.line is not None and error.code != "lab_syntax":
        text = QCoreApplication.translate("LabMessages", "Line {0}: {1}").format(error.line, text)
    return text


CHECK_WORDINGS = {  # playground.lab.exercises.check_exercise's codes
    "exercise_ok": QT_TRANSLATE_NOOP("LabMessages", "right"),
    "exercise_error": QT_TRANSLATE_NOOP("LabMessages", "the code stopped with an error; fix it first"),
    "exercise_no_result": QT_TRANSLATE_NOOP("LabMessages", "end the code with the expression whose value is the answer"),
    "exercise_no_variable": QT_TRANSLATE_NOOP("LabMessages", "there is no variable {0}"),
    "exercise_python_type": QT_TRANSLATE_NOOP("LabMessages", "the answer should be a Python {0}, not {1}"),
    "exercise_not_tensor": QT_TRANSLATE_NOOP("LabMessages", "the answer should be a tensor, not {0}"),
    "exercise_shape": QT_TRANSLATE_NOOP("LabMessages", "the shape should be {0}, not {1}"),
    "exercise_dtype": QT_TRANSLATE_NOOP("LabMessages", "the dtype should be {0}, not {1}"),
    "exercise_values": QT_TRANSLATE_NOOP("LabMessages", "the shape is right but some values are not"),
    "exercise_too_big": QT_TRANSLATE_NOOP("LabMessages", "the answer is far larger than it should be"),
    "exercise_not_in_place": QT_TRANSLATE_NOOP(
        "LabMessages", "{0} itself should change (in place), not be assigned a new tensor"),
}


def check_text(code: str, args: tuple) -> str:
    """Why an exercise's answer is not right yet (the course's check code), in words."""
    fallback = QCoreApplication.translate("LabMessages", "the result does not match the task yet")
    return _worded(CHECK_WORDINGS.get(code), args, fallback)
