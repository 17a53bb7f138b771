"""The self-test's checks of what the main window opens on demand (playground.ui.self_test):
the notebook export (nbformat and its schema bundled) and the Tensor lab's own process
(started with "spawn" like the training process, so that in the bundle it re-runs the
executable). Each returns its report line or raises SelfTestFailure."""

from __future__ import annotations

from pathlib import Path

LAB_CODE = "torch.ones(2, 3) @ torch.ones(3, 4)"  # a (2, 4) of threes


def check_notebook(design, folder: Path, failure: type[Exception]) -> str:
    """File > Export > as Jupyter Notebook, to a path given instead of asked for; read back and validated."""
    import nbformat

    from playground.export.notebook import write_notebook

    path = folder / "self-test.ipynb"
    try:
        write_notebook(design, path, "ko")
        notebook = nbformat.read(str(path), as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # noqa: BLE001 - any failure is the check's finding
        raise failure(f"export: the notebook could not be written or read back: {type(error).__name__}: {error}")
    return f"export: notebook ({len(notebook.cells)} cells, {path.stat().st_size:,} bytes) written and validated"


def check_lab(failure: type[Exception]) -> str:
    """Run a matrix product in the Tensor lab's own process and check the answer."""
    from playground.lab.runner import LabSession

    with LabSession() as lab:
        result = lab.run(LAB_CODE, timeout=60.0)
    value = result.result
    if result.error is not None:
        raise failure(f"lab: {LAB_CODE} failed: {result.error.code} {result.error.message}")
    if value is None or tuple(value.shape) != (2, 4) or not (value.values == 3).all():
        raise failure(f"lab: {LAB_CODE} gave {value!r}, not a (2, 4) of threes")
    return f"lab: the Tensor lab's process ran {LAB_CODE} -> {tuple(value.shape)}"
