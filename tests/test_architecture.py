"""The rules between the code's layers (import-linter contracts in pyproject.toml) and what each side loads."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contract_holds():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is a test dependency"
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(contracts())} kept, 0 broken" in result.stdout


def loaded_in_a_fresh_interpreter(modules: str, packages: tuple[str, ...]) -> list[str]:
    """Which of ``packages`` importing ``modules`` (comma-separated) loads in a new interpreter."""
    code = (f"import json, sys, {modules};"
            f"print(json.dumps([m for m in sys.modules if m.split('.')[0] in {packages!r}]))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_training_headless_loads_no_qt():
    modules = "playground.cli, playground.training.trainer, playground.training.run_loop, playground.design.io"
    assert loaded_in_a_fresh_interpreter(modules, ("PySide6", "pyqtgraph", "shiboken6")) == []


def test_what_the_window_reads_of_a_weights_file_needs_no_torch():
    modules = "playground.runs.weights_file, playground.runs.history, playground.design.io"
    assert loaded_in_a_fresh_interpreter(modules, ("torch",)) == []


def contracts() -> list[dict]:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]


def test_every_core_module_is_under_the_no_qt_contract():
    """A new module or package in the core is covered without editing the contract."""
    (no_qt,) = [c for c in contracts() if "Qt" in c["name"]]
    covered = set(no_qt["source_modules"])
    core = {f"playground.{p.stem}" for p in (ROOT / "playground").glob("*.py")}
    core |= {f"playground.{p.parent.name}" for p in (ROOT / "playground").glob("*/__init__.py")}
    core -= {"playground.__init__", "playground.launcher", "playground.ui"}
    assert core <= covered, core - covered
