"""Update the Korean translation from the window's source and compile it.

    .venv/bin/python scripts/update_translations.py

1. ``pyside6-lupdate`` scans every ``playground/ui/**/*.py`` (``self.tr``,
   ``QCoreApplication.translate``, ``QT_TRANSLATE_NOOP``) and the core modules whose
   words the window shows (``CORE_SOURCES``: registry entries and tables, task
   words and comparison legends, marked with playground.design.translatable's
   ``QT_TRANSLATE_NOOP``)
   into ``resources/i18n/nn_playground_ko.ts``: new messages are added
   unfinished, existing translations are kept, messages gone from the source are
   marked obsolete/vanished (kept in the file, not compiled). A new message whose
   English text was translated before in another context (text moved, e.g. from a
   panel into a registry entry) takes that translation, still marked unfinished
   for a translator to confirm; ``--accept-moved`` marks those finished and drops
   their old, vanished copies.
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
# Core modules with words for the window (QT_TRANSLATE_NOOP of playground.design.translatable).
CORE_SOURCES = tuple(ROOT / "playground" / "design" / f"{name}.py"
                     for name in ("optimizers", "losses", "activations", "datasets", "tasks", "registry", "comparison_labels")
                     ) + (ROOT / "playground" / "coach" / "words.py", ROOT / "playground" / "design" / "course.py")
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
    """Every module of the window and the core modules it shows words of, in a stable order."""
    return sorted(UI_DIR.rglob("*.py")) + list(CORE_SOURCES)


def ts_path(language: str) -> Path:
    return I18N_DIR / f"nn_playground_{language}.ts"


def qm_path(language: str) -> Path:
    return I18N_DIR / f"nn_playground_{language}.qm"


def lupdate(ts: Path, sources: list[Path] | None = None) -> None:
    """Merge the messages of ``sources`` (default: the window) into ``ts``, creating it if needed."""
    files = [str(p) for p in (sources if sources is not None else ui_sources())]
    _run([tool("lupdate"), *LUPDATE_OPTIONS, "-target-language", _target(ts), *files, "-ts", str(ts)])


def carry_moved(ts: Path, accept: bool = False) -> int:
    """Give each unfinished message of ``ts`` the translation its English text has in another
    context (finished, obsolete or vanished); with ``accept`` mark it finished. Returns
    how many messages were given one."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(ts)
    known: dict[tuple[str, str], str] = {}
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        if translation.get("type") != "unfinished" and translation.text and not translation.findall("numerusform"):
            known.setdefault((message.findtext("source"), message.findtext("comment") or ""), translation.text)
    moved = set()
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        key = (message.findtext("source"), message.findtext("comment") or "")
        if translation.get("type") == "unfinished" and key in known:
            translation.text = translation.text or known[key]
            if accept:
                del translation.attrib["type"]
            moved.add(key)
    if accept:  # the old place of a moved message is not kept beside the new one
        for context in list(tree.getroot().iter("context")):
            for message in context.findall("message"):
                key = (message.findtext("source"), message.findtext("comment") or "")
                if message.find("translation").get("type") in ("obsolete", "vanished") and key in moved:
                    context.remove(message)
            if not context.findall("message"):
                tree.getroot().remove(context)
    if moved:
        _write_ts(tree, ts)
    return len(moved)


def _write_ts(tree, ts: Path) -> None:
    """Write a .ts as lupdate does (its DOCTYPE line kept), so that lupdate's next run changes nothing."""
    import xml.etree.ElementTree as ET

    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


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
        carried = carry_moved(ts, accept="--accept-moved" in sys.argv)
        if carried:
            lupdate(ts)  # lupdate's own layout again
            print(f"{carried} moved messages took their earlier translation")
        lrelease(ts, qm_path(language))
        print(f"updated {ts.relative_to(ROOT)} and {qm_path(language).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
