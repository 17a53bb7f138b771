"""Where the bundled files (presets, icons, translations, data) live.

From a source checkout they are in ``<repo root>/resources``, next to the package;
in a PyInstaller build they are unpacked under ``sys._MEIPASS/resources``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The top-level ``resources/`` folder (it need not exist)."""
    frozen_root = getattr(sys, "_MEIPASS", None)  # set only by PyInstaller's bootloader
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """``resource_path("data", "digits", "digits.csv.gz")`` -> absolute path under resources/."""
    return resource_root().joinpath(*parts)
