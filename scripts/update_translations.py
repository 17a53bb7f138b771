"""Update the Korean translation from the window's source and compile it.

    .venv/bin/python scripts/update_translations.py

1. ``pyside6-lupdate`` scans every ``playground/ui/**/*.py`` (``self.tr``,
   ``QCoreApplication.translate`` and the ``QT_TRANSLATE_NOOP`` registry labels in
   ``labels.py``) into ``resources/i18n/nn_playground_ko.ts``: new messages are added
   unfinished, existing translations are kept, messages gone from the source are
   marked obsolete/vanished (kept in the file, not compiled).
2. ``pyside6-lrelease`` compiles the .ts into ``nn_playground_ko.qm``, which
   ``playground/ui/i18n.py`` loads at start-up.

Then translate the new (unfinished) messages, e.g. with ``.venv/bin/pyside6-linguist``,
and run the script again so the .qm matches the .ts (a test checks both).
The tools come from the virtualenv that runs this script (next to ``sys.executable``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "playground" / "ui"
I18N_DIR = ROOT / "resources" / "i18n"
LANGUAGES = ("ko",)
# No line numbers in the .ts: moving code around does not rewrite the translations file.
LUPDATE_OPTIONS = ("-locations", "none", "-source-language", "en")


def tool(name: str) -> str:
    """The path of ``pyside6-<name>`` in the running interpreter's environment."""
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent))
    if found is None:
        raise SystemExit(f"pyside6-{name} was not found next to {sys.executable}; "
                         "install PySide6 in this environment (pip install -e .).")
    return found


def ui_sources() -> list[Path]:
    """Every module of the window, in a stable order."""
    return sorted(UI_DIR.rglob("*.py"))


def ts_path(language: str) -> Path:
    return I18N_DIR / f"nn_playground_{language}.ts"


def qm_path(language: str) -> Path:
    return I18N_DIR / f"nn_playground_{language}.qm"


def lupdate(ts: Path, sources: list[Path] | None = None) -> None:
    """Merge the messages of ``sources`` (default: the window) into ``ts``, creating it if needed."""
    files = [str(p) for p in (sources if sources is not None else ui_sources())]
    _run([tool("lupdate"), *LUPDATE_OPTIONS, "-target-language", _target(ts), *files, "-ts", str(ts)])


def lrelease(ts: Path, qm: Path) -> None:
    """Compile ``ts`` into ``qm`` (finished translations only)."""
    _run([tool("lrelease"), "-silent", str(ts), "-qm", str(qm)])


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:  # the tool's own words say which file and line it choked on
        raise RuntimeError(f"{Path(command[0]).name} failed:\n{result.stdout}{result.stderr}")


def _target(ts: Path) -> str:
    return ts.stem.rsplit("_", 1)[-1]


def main() -> int:
    I18N_DIR.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        ts = ts_path(language)
        lupdate(ts)
        lrelease(ts, qm_path(language))
        print(f"updated {ts.relative_to(ROOT)} and {qm_path(language).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
