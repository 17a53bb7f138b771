"""Before Qt starts on Linux: say which system packages are missing instead of Qt's bare abort.

Qt aborts with "Could not load the Qt platform plugin xcb" when a library the xcb
plugin links against is absent. We run ``ldd`` on the plugin first and, if anything
is "not found", print the Debian/Ubuntu packages that provide it. No Qt import here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

# Library (soname) -> Debian/Ubuntu package providing it.
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}


def missing_libraries(ldd_output: str) -> list[str]:
    """Sonames that ``ldd`` reports as "not found", in order, without repeats."""
    missing = []
    for line in ldd_output.splitlines():
        if "not found" in line:
            name = line.split("=>")[0].strip()
            if name and name not in missing:
                missing.append(name)
    return missing


def advice(missing: list[str]) -> str:
    """The message for the user: what is missing and the command that installs it."""
    packages = sorted({PACKAGES[name] for name in missing if name in PACKAGES})
    unknown = [name for name in missing if name not in PACKAGES]
    lines = [
        "NN Playground cannot open its window: Qt's xcb platform plugin needs system libraries that are missing:",
        *(f"  {name}" for name in missing),
    ]
    if packages:
        lines += ["", "On Debian or Ubuntu, install them with:", f"  sudo apt-get install {' '.join(packages)}"]
    if unknown:
        lines += ["", "Find the package for the others with: apt-file search <library name>"]
    lines += ["", "(For headless use, set QT_QPA_PLATFORM=offscreen.)"]
    return "\n".join(lines)


def _xcb_plugin() -> Path | None:
    try:
        import importlib.util

        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(list(spec.submodule_search_locations)[0]) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.exists() else None


def uses_xcb(environ=os.environ, platform: str = sys.platform) -> bool:
    """Would Qt pick the xcb plugin here?"""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def check_display(environ=os.environ, platform: str = sys.platform) -> str | None:
    """A message when the window cannot open on this machine, else None."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return (
            "NN Playground cannot open its window: no display was found (DISPLAY and WAYLAND_DISPLAY are not set).\n"
            "Run it on a desktop session, or for headless use set QT_QPA_PLATFORM=offscreen.\n"
            "To train without a window: nn-playground train DESIGN.json"
        )
    if not uses_xcb(environ, platform):
        return None
    plugin, ldd = _xcb_plugin(), shutil.which("ldd")
    if plugin is None or ldd is None:
        return None
    try:
        output = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    missing = missing_libraries(output)
    return advice(missing) if missing else None
