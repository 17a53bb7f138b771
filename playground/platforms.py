"""What differs between Windows, macOS and Linux: the user's folders, a Korean font and
the C++ compiler, each as a pure function of the platform.

Every function takes the platform (``sys.platform``: "win32", "darwin", "linux") and the
environment as arguments, so that a test selects each system on any machine; the app
calls them with the defaults. No Qt and no torch here: the window, the training
process, the packaging and the README all ask this one module.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

APP_FOLDER = "nn-playground"  # our own folder in the user's cache folder
QT_NAME = "NN Playground"  # the organization and application name ui/app.py gives Qt; Qt names its folders after it


@dataclass(frozen=True)
class UserFolders:
    """Where the app keeps the user's files on one system.

    ``cache``: compiled training steps (inductor's cache, playground.training.fast_step);
    safe to delete, rebuilt when needed. ``data``: the autosaves of unsaved designs
    (playground.ui.autosave); the same folder as Qt's ``QStandardPaths.AppDataLocation``.
    ``settings``: where ``QSettings()`` keeps the preferences (language, recent files,
    window layout): a file, or on Windows a key of the registry.
    """

    cache: PurePath
    data: PurePath
    settings: str


def user_folders(platform: str = sys.platform, environ: Mapping[str, str] = os.environ,
                 home: PurePath | None = None) -> UserFolders:
    """The user's cache, data and settings locations on ``platform`` (paths of that system's kind).

    Windows: the cache under %LOCALAPPDATA% (not copied between machines), the data under
    %APPDATA% (roaming) as Qt puts it, the settings in the registry. macOS: ~/Library's
    Caches, Application Support and Preferences. Linux and the rest: the XDG base
    directories ($XDG_CACHE_HOME, $XDG_DATA_HOME, $XDG_CONFIG_HOME, or their defaults
    ~/.cache, ~/.local/share, ~/.config). The data and settings paths are Qt's own
    (QStandardPaths, QSettings' native format) for the names ui/app.py sets.
    """
    if platform == "win32":
        home = PureWindowsPath(home or environ.get("USERPROFILE") or Path.home())
        local = PureWindowsPath(environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        roaming = PureWindowsPath(environ.get("APPDATA") or home / "AppData" / "Roaming")
        return UserFolders(cache=local / APP_FOLDER / "cache" / "compiled",
                           data=roaming / QT_NAME / QT_NAME,
                           settings=f"HKEY_CURRENT_USER\\Software\\{QT_NAME}\\{QT_NAME}")
    home = PurePosixPath(home or environ.get("HOME") or Path.home())
    if platform == "darwin":
        library = home / "Library"
        return UserFolders(cache=library / "Caches" / APP_FOLDER / "compiled",
                           data=library / "Application Support" / QT_NAME / QT_NAME,
                           settings=str(library / "Preferences" / f"com.{_domain(QT_NAME)}.{QT_NAME}.plist"))

    def xdg(variable: str, default: PurePosixPath) -> PurePosixPath:
        value = environ.get(variable, "")
        return PurePosixPath(value) if value.startswith("/") else default  # the spec ignores relative paths

    return UserFolders(cache=xdg("XDG_CACHE_HOME", home / ".cache") / APP_FOLDER / "compiled",
                       data=xdg("XDG_DATA_HOME", home / ".local" / "share") / QT_NAME / QT_NAME,
                       settings=str(xdg("XDG_CONFIG_HOME", home / ".config") / QT_NAME / f"{QT_NAME}.conf"))


def _domain(organization: str) -> str:
    """The reversed domain QSettings makes on macOS from an organization name with no
    domain: lower case, spaces to hyphens ("NN Playground" -> "nn-playground")."""
    return "-".join("".join(c.lower() if c.isascii() and c.isalnum() else " " for c in organization).split())


# --- fonts ---------------------------------------------------------------------------------

KOREAN_FONTS = {
    "win32": ("Malgun Gothic", "Gulim"),  # Windows' Korean UI font since Vista; Gulim before it
    "darwin": ("Apple SD Gothic Neo", "AppleGothic"),  # macOS's Korean system font; the older one
    "linux": ("Noto Sans CJK KR", "Noto Sans KR", "NanumGothic"),  # fonts-noto-cjk; Google's KR cut; fonts-nanum
}


def korean_fonts(platform: str = sys.platform) -> tuple[str, ...]:
    """The font families that draw Hangul well on ``platform``, best first: the fallbacks
    behind the system's interface font, so that Korean text never falls to whatever
    font happens to have the glyphs (Gulim's bitmaps on Windows, a serif on Linux).
    Other Unix systems get Linux's."""
    return KOREAN_FONTS.get(platform, KOREAN_FONTS["linux"])


# --- the C++ compiler ----------------------------------------------------------------------

COMPILERS = {
    "win32": ("cl",),  # MSVC, what inductor runs on Windows
    "darwin": ("clang++",),  # the Xcode Command Line Tools' clang, inductor's default on macOS
    "linux": ("g++", "c++", "clang++"),  # inductor's default first
}
MSVC_ENVIRONMENT = ("INCLUDE", "LIB")  # set by Visual Studio's vcvarsall.bat (a Developer Command Prompt)
APPLE_SHIM_FOLDER = "/usr/bin/"  # macOS's clang++ here only asks to install the Command Line Tools...
APPLE_DEVELOPER_FOLDERS = ("/Library/Developer/CommandLineTools",  # ... unless these hold the real one
                           "/Applications/Xcode.app/Contents/Developer")


def find_compiler(platform: str = sys.platform, environ: Mapping[str, str] = os.environ,
                  which: Callable[..., str | None] = shutil.which,
                  exists: Callable[[str], bool] = os.path.exists) -> str:
    """The C++ compiler inductor can use for CPU code on ``platform``, or "" when there is none.

    ``$CXX`` first (inductor reads it too), then the system's usual compilers, searched
    on ``environ``'s PATH. Windows: ``cl`` counts only inside MSVC's environment
    (INCLUDE and LIB set, as a Developer Command Prompt does): a ``cl`` on the PATH
    without it cannot find the C++ headers. macOS: /usr/bin/clang++ is a stub until the
    Command Line Tools (or Xcode) are installed: it counts only when $DEVELOPER_DIR or
    one of APPLE_DEVELOPER_FOLDERS holds a clang++.
    """
    override = environ.get("CXX", "")
    names = ((override,) if override else ()) + COMPILERS.get(platform, COMPILERS["linux"])
    for name in names:
        found = which(name, path=environ.get("PATH", os.defpath))
        if not found:
            continue
        if platform == "win32" and not all(environ.get(key) for key in MSVC_ENVIRONMENT):
            continue
        if platform == "darwin" and found.startswith(APPLE_SHIM_FOLDER) and not _apple_tools(environ, exists):
            continue
        return found
    return ""


def _apple_tools(environ: Mapping[str, str], exists: Callable[[str], bool]) -> bool:
    folders = ((environ["DEVELOPER_DIR"],) if environ.get("DEVELOPER_DIR") else ()) + APPLE_DEVELOPER_FOLDERS
    return any(exists(f"{folder}/usr/bin/clang++") for folder in folders)
