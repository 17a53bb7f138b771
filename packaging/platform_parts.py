"""What the build does differently on Windows, macOS and Linux, as pure functions of the platform.

nn_playground.spec, build.py and release.py ask here instead of testing ``sys.platform``
themselves, so that tests/test_packaging.py can check every system's choices on any
machine (PyInstaller cannot cross-build: each system's bundle is made on that system,
by the release workflow). Plain Python, no PyInstaller: importable by the tests.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import PurePosixPath

NAME = "nn-playground"  # the executable and the one-folder bundle
APP_NAME = "NN Playground"  # the macOS application (NN Playground.app) as the Finder and the Dock show it
BUNDLE_IDENTIFIER = "com.nn-playground.app"  # macOS: the .app's CFBundleIdentifier
ICONS = "resources/icons"


@dataclass(frozen=True)
class BuildParts:
    """One system's build.

    ``executable``: the program's file name in the bundle folder. ``icon``: the icon file
    (relative to the repository) PyInstaller puts on the executable or the .app, None
    where the system takes no icon from the binary (Linux: the window icon and a
    desktop entry use the .png/.svg). ``console``: keep a console, so that
    ``--self-test`` prints (Windows and macOS apps have none; only the exit code
    tells). ``app_bundle``: macOS only, the ``.app`` folder made around the bundle.
    ``spawn_module``: how multiprocessing starts the training process there (a hidden
    import). ``strip_torch`` and ``drop_orphans``: Linux-only size savings that use
    ``strip`` and ``ldd`` (nn_playground.spec explains them).
    """

    executable: str
    icon: str | None
    console: bool
    app_bundle: str | None
    spawn_module: str
    strip_torch: bool
    drop_orphans: bool


def build_parts(platform: str = sys.platform) -> BuildParts:
    """The build's choices for ``platform`` (``sys.platform``: "win32", "darwin", "linux")."""
    if platform == "win32":
        return BuildParts(executable=NAME + ".exe", icon=f"{ICONS}/{NAME}.ico", console=False, app_bundle=None,
                          spawn_module="multiprocessing.popen_spawn_win32", strip_torch=False, drop_orphans=False)
    if platform == "darwin":
        return BuildParts(executable=NAME, icon=f"{ICONS}/{NAME}.icns", console=False, app_bundle=APP_NAME + ".app",
                          spawn_module="multiprocessing.popen_spawn_posix", strip_torch=False, drop_orphans=False)
    linux = platform.startswith("linux")
    return BuildParts(executable=NAME, icon=None, console=True, app_bundle=None,
                      spawn_module="multiprocessing.popen_spawn_posix", strip_torch=linux, drop_orphans=linux)


def release_target(platform: str = sys.platform) -> str:
    """What a release ships, relative to the build's dist folder: the .app on macOS (what
    a Mac user drags to Applications), the one-folder bundle elsewhere."""
    parts = build_parts(platform)
    return parts.app_bundle or NAME


def program(platform: str = sys.platform) -> str:
    """The program to run, relative to the dist folder (inside the .app on macOS)."""
    parts = build_parts(platform)
    if parts.app_bundle:
        return str(PurePosixPath(parts.app_bundle, "Contents", "MacOS", parts.executable))
    return str(PurePosixPath(NAME, parts.executable))


SYSTEMS = {"win32": "windows", "darwin": "macos"}  # the rest by their own name ("linux")
MACHINES = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}  # platform.machine() spellings


def zip_name(version: str, platform: str = sys.platform, machine: str = "") -> str:
    """The release file of one system: nn-playground-0.1.0-windows-x86_64.zip, ...-macos-arm64.zip,
    ...-linux-x86_64.zip (``machine`` as platform.machine() names the processor)."""
    system = SYSTEMS.get(platform, "linux" if platform.startswith("linux") else platform)
    arch = MACHINES.get(machine.lower(), machine.lower()) or "unknown"
    return f"{NAME}-{version.removeprefix('v')}-{system}-{arch}.zip"
