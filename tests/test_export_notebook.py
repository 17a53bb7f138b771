"""Exported notebooks: valid nbformat, explained in the interface language, and, executed by a
real kernel top to bottom, printing the engine's losses (from the seed, or from saved weights)."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

from playground.cli import main
from playground.design.io import save_design, weights_path_for
from playground.design.schema import Design, DropoutLayer, LinearLayer
from playground.errors import PlaygroundError
from playground.export.notebook import export_notebook, weights_beside, write_notebook
from playground.export.script import data_facts_for, data_source
from playground.export.notebook_words import WORDS
from playground.runs.checkpoint import load_checkpoint, save_checkpoint
from playground.training.trainer import Trainer
from tests.test_export import EPOCH_LINE, engine_epoch_losses, printed_losses

CLASSIFY = Design(name="Spiral", layers=(LinearLayer(units=6, activation="relu"),), init="he") \
    .with_data(dataset="spiral", samples=160, noise=0.1).with_optimizer(name="adam", lr=0.01).with_training(epochs=3)
REGRESS = Design(name="Line", layers=(LinearLayer(units=4),), loss="mae") \
    .with_data(dataset="line", samples=120, outlier_fraction=0.2, noise=0.1) \
    .with_optimizer(name="momentum", lr=0.02).with_training(batch_mode="stochastic", epochs=2)
# Dropout draws from torch's generator and momentum keeps a state: both must come back from the file.
RESUME = Design(name="Resume", layers=(LinearLayer(units=6, activation="relu"), DropoutLayer(p=0.2))) \
    .with_data(dataset="moons", samples=100).with_optimizer(name="rmsprop", lr=0.01).with_training(epochs=4, device="cpu")


@pytest.fixture
def kernel_home(tmp_path, monkeypatch):
    """Everything Jupyter, IPython and matplotlib write goes to ``tmp_path``, not the user's home."""
    for variable, folder in (("IPYTHONDIR", "ipython"), ("JUPYTER_CONFIG_DIR", "jupyter-config"),
                             ("JUPYTER_DATA_DIR", "jupyter-data"), ("JUPYTER_RUNTIME_DIR", "jupyter-runtime"),
                             ("MPLCONFIGDIR", "matplotlib")):
        monkeypatch.setenv(variable, str(tmp_path / folder))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    return tmp_path


def has_matplotlib() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def execute(notebook: nbformat.NotebookNode, folder: Path) -> str:
    """Run every cell with a python3 kernel of this Python, in ``folder``; everything the cells printed."""
    from nbclient import NotebookClient

    client = NotebookClient(notebook, kernel_name="python3", timeout=120,
                            resources={"metadata": {"path": str(folder)}})
    manager = client.create_kernel_manager()
    assert manager.format_kernel_cmd()[0] == sys.executable, "the kernel runs this venv's Python"
    client.execute()
    return "".join(output.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                   for output in cell.outputs if output.output_type == "stream")


def test_a_classification_notebook_prints_the_engines_losses_and_explains_in_korean(kernel_home):
    notebook = export_notebook(CLASSIFY, "ko", weights="spiral.ipynb.weights.safetensors")
    nbformat.validate(notebook)
    markdown = [cell.source for cell in notebook.cells if cell.cell_type == "markdown"]
    assert markdown[0].startswith("# Spiral") and WORDS["ko"]["title"] in markdown[0]
    assert any(text.startswith("## 모델") for text in markdown) and any("결정 경계" in text for text in markdown)
    cells = notebook.cells
    assert all(cells[i - 1].cell_type == "markdown" for i, cell in enumerate(cells) if cell.cell_type == "code"), \
        "each code cell comes after its explanation"

    out = execute(notebook, kernel_home)
    assert "spiral.ipynb.weights.safetensors 파일이 없습니다" in out, "no weights file: it trains from the seed"
    np.testing.assert_allclose(printed_losses(out), engine_epoch_losses(CLASSIFY, 3), rtol=1e-5)
    assert "test loss" in out and "accuracy" in out
    images = sum("image/png" in output.get("data", {}) for cell in notebook.cells for output in cell.get("outputs", []))
    if has_matplotlib():  # the data, the loss curve and the decision boundary
        assert images == 3
    else:
        assert images == 0 and out.count(WORDS["ko"]["say_no_plot"]) == 3


def test_a_regression_notebook_prints_the_engines_losses(kernel_home):
    notebook = export_notebook(REGRESS)
    assert "## The fitted curve" in notebook.cells[-2].source and not any(
        "WEIGHTS_FILE" in cell.source for cell in notebook.cells)
    out = execute(notebook, kernel_home)
    np.testing.assert_allclose(printed_losses(out), engine_epoch_losses(REGRESS, 2), rtol=1e-5)


def test_with_saved_weights_the_notebook_continues_the_run_where_it_stopped(kernel_home):
    trainer = Trainer(RESUME)  # 50 training points in batches of 10: 5 steps per epoch
    trainer.train_epoch()
    trainer.train_steps(2)  # saved in the middle of epoch 2
    path = kernel_home / "resume.ipynb"
    save_checkpoint(trainer, weights_beside(path))
    write_notebook(RESUME, path, "en", weights_beside(path))

    resumed = Trainer(RESUME)
    load_checkpoint(resumed, weights_beside(path))
    expected = [resumed.train_epoch().losses.astype(np.float64).mean() for _ in range(3)]
    out = execute(nbformat.read(path, as_version=4), kernel_home)
    assert "from step 7 (epoch 2)" in out
    assert [int(epoch) for epoch, _ in EPOCH_LINE.findall(out)] == [2, 3, 4]
    np.testing.assert_allclose([float(loss) for _, loss in EPOCH_LINE.findall(out)], expected, rtol=1e-5)

    save_checkpoint(resumed, weights_beside(path))  # a finished run: its results, and how to train on
    out = execute(nbformat.read(path, as_version=4), kernel_home)
    assert "from step 20 (epoch 5)" in out and "trained all its 4 epochs" in out and not EPOCH_LINE.search(out)
    assert f"test loss {resumed.evaluate().test_loss:.6f}" in out


def test_the_file_is_the_same_for_the_same_design_and_names_its_weights(tmp_path):
    path = tmp_path / "run.ipynb"
    write_notebook(CLASSIFY, path, "en", weights_beside(path))
    text = path.read_text(encoding="utf-8")
    write_notebook(CLASSIFY, tmp_path / "again.ipynb", "en", weights_beside(path))
    assert (tmp_path / "again.ipynb").read_text(encoding="utf-8") == text
    assert weights_beside(path).name == "run.ipynb.weights.safetensors" != weights_path_for(tmp_path / "run.json").name
    assert 'WEIGHTS_FILE = \\"run.ipynb.weights.safetensors\\"' in text
    with pytest.raises(PlaygroundError, match="Cannot export"):
        write_notebook(CLASSIFY, tmp_path / "missing-folder" / "x.ipynb")


def test_the_command_line_exports_a_script_or_a_notebook_with_its_weights(tmp_path, capsys):
    design = tmp_path / "spiral.json"
    save_design(CLASSIFY, design)
    trainer = Trainer(CLASSIFY)
    trainer.train_epoch()
    save_checkpoint(trainer, weights_path_for(design))

    assert main(["export", str(design), "--script", str(tmp_path / "spiral.py")]) == 0
    assert "def train(epochs)" in (tmp_path / "spiral.py").read_text(encoding="utf-8")
    out = tmp_path / "out" / "spiral.ipynb"
    out.parent.mkdir()
    assert main(["export", str(design), "--notebook", str(out), "--language", "ko"]) == 0
    notebook = nbformat.read(out, as_version=4)
    assert notebook.cells[0].source.startswith("# Spiral") and "Colab" in notebook.cells[0].source
    assert weights_beside(out).read_bytes() == weights_path_for(design).read_bytes(), "the weights go beside it"
    assert "spiral.ipynb" in capsys.readouterr().out


@pytest.mark.parametrize("args, words", [
    (["--script", "a.py", "--notebook", "a.ipynb"], "not allowed with argument"),
    ([], "one of the arguments --script --notebook is required"),
    (["--script", "a.py", "--language", "ko"], "--language applies to --notebook"),
    (["--notebook", "a.ipynb", "--language", "fr"], "invalid choice: 'fr'"),
])
def test_the_command_line_refuses_a_bad_export_naming_the_problem(tmp_path, capsys, args, words):
    design = tmp_path / "d.json"
    save_design(Design(), design)
    with pytest.raises(SystemExit) as exit_:
        code = main(["export", str(design), *[str(tmp_path / a) if a.endswith(("py", "ipynb")) else a for a in args]])
        raise SystemExit(code)
    assert exit_.value.code == 2 and words in capsys.readouterr().err


def test_the_command_line_names_a_missing_design_or_an_unwritable_place(tmp_path, capsys):
    assert main(["export", str(tmp_path / "missing.json"), "--notebook", str(tmp_path / "a.ipynb")]) == 2
    assert "missing.json" in capsys.readouterr().err
    design = tmp_path / "d.json"
    save_design(Design(), design)
    assert main(["export", str(design), "--script", str(tmp_path / "no" / "a.py")]) == 2
    assert "Cannot export" in capsys.readouterr().err and not (tmp_path / "a.ipynb").exists()


DIGITS = Design(name="Digits", layers=(LinearLayer(units=16, activation="relu"),), loss="cross_entropy") \
    .with_data(dataset="digits").with_optimizer(name="adam", lr=0.003).with_training(epochs=1, batch_size=64)


def test_the_data_file_goes_beside_the_notebook_so_the_two_run_anywhere(kernel_home):
    """Digits (and a CSV) are read from a file: it is copied beside the notebook and named by
    its name, so that the notebook and the file uploaded together (to Colab) run as they are."""
    import shutil

    export = kernel_home / "export"
    export.mkdir()
    write_notebook(DIGITS, export / "digits.ipynb", "ko")
    copied = export / "digits.csv.gz"
    source = Path(data_source(DIGITS, data_facts_for(DIGITS)))
    assert copied.read_bytes() == source.read_bytes()
    notebook = nbformat.read(export / "digits.ipynb", as_version=4)
    assert "DIGITS_FILE = 'digits.csv.gz'" in "".join(cell.source for cell in notebook.cells)
    (data_text,) = [cell.source for cell in notebook.cells if cell.source.startswith("## 데이터")]
    assert "`digits.csv.gz`" in data_text and "함께" in data_text

    elsewhere = kernel_home / "colab"  # another computer: the two files, nothing else
    elsewhere.mkdir()
    for name in ("digits.ipynb", "digits.csv.gz"):
        shutil.copy(export / name, elsewhere / name)
    out = execute(nbformat.read(elsewhere / "digits.ipynb", as_version=4), elsewhere)
    np.testing.assert_allclose(printed_losses(out), engine_epoch_losses(DIGITS, 1), rtol=1e-5)


def test_a_different_file_of_that_name_beside_the_notebook_is_never_replaced(tmp_path):
    theirs = tmp_path / "digits.csv.gz"
    theirs.write_bytes(b"the learner's own file")
    write_notebook(DIGITS, tmp_path / "digits.ipynb")
    assert theirs.read_bytes() == b"the learner's own file"
    source = data_source(DIGITS, data_facts_for(DIGITS))
    code = "".join(cell.source for cell in nbformat.read(tmp_path / "digits.ipynb", as_version=4).cells)
    assert f"DIGITS_FILE = {source!r}" in code  # read where it is instead
