"""``nn-playground export DESIGN --script out.py | --notebook out.ipynb [--language ko]``: the
design as a standalone PyTorch script or a Jupyter notebook, as File > Export writes them.

A design saved with its weights (``my-design.weights.safetensors`` beside it, of this
design) gives a notebook that continues the saved run: the weights file is copied beside
the notebook (``playground.export.notebook.weights_beside``) and the notebook names it.
Weights that cannot be used are left out with a note, and the notebook trains from the seed.
Exit codes: 0 written, 2 a design that cannot be read or exported or a file that cannot be
written (the problem named).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playground.cli import EXIT_BAD_INPUT, EXIT_OK, _error


def export_command(design_path: Path, *, script: Path | None, notebook: Path | None, language: str | None) -> int:
    from playground.design.io import load_design
    from playground.errors import PlaygroundError

    if script is not None and language is not None:
        _error("--language applies to --notebook only (the script's comments are in English)")
        return EXIT_BAD_INPUT
    try:
        design = load_design(design_path)
        if script is not None:
            from playground.export.script import write_script

            write_script(design, script)
            print(f"Wrote {script}: run it with: python {script.name} [--epochs N]")
            return EXIT_OK
        return _export_notebook(design, design_path, notebook, language or "en")
    except PlaygroundError as error:
        _error(error.text())
        return EXIT_BAD_INPUT


def _export_notebook(design, design_path: Path, notebook: Path, language: str) -> int:
    from playground.design.io import weights_path_for
    from playground.export.notebook import weights_beside, write_notebook

    saved = weights_path_for(design_path)
    weights = weights_beside(notebook) if _usable(saved, design) else None
    write_notebook(design, notebook, language, weights)
    if weights is not None:
        try:
            if saved.resolve() != weights.resolve():
                shutil.copyfile(saved, weights)
        except OSError as error:
            _error(f"Could not copy the weights to {weights}: {error.strerror or error}; "
                   "the notebook trains from the seed until they are beside it")
            return EXIT_BAD_INPUT
        print(f"Wrote {notebook} and the run's weights beside it ({weights.name}): "
              "upload both to continue the run on Colab")
    else:
        print(f"Wrote {notebook}")
    return EXIT_OK


def _usable(weights: Path, design) -> bool:
    """Whether the weights file beside the design continues it (a note on stderr when it cannot)."""
    from playground.design.schema import trains_alike
    from playground.runs.weights_file import CheckpointError, read_header, saved_design

    if not weights.exists():
        return False
    try:
        usable = trains_alike(saved_design(read_header(weights)), design)
    except CheckpointError as error:
        print(f"Note: {weights.name} is left out: {error.text()}", file=sys.stderr)
        return False
    if not usable:
        print(f"Note: {weights.name} was saved with a different design and is left out", file=sys.stderr)
    return usable
