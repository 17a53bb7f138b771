"""What differs between Windows, macOS and Linux (playground.platforms), checked for each
system on this one: the user's folders, the Korean fonts and the C++ compiler search."""

import json
import os
import stat
import subprocess
import sys
from pathlib import PurePosixPath, PureWindowsPath

import pytest

from playground import platforms
from playground.platforms import find_compiler, korean_fonts, user_folders

WINDOWS_ENV = {"USERPROFILE": r"C:\Users\minji", "LOCALAPPDATA": r"C:\Users\minji\AppData\Local",
               "APPDATA": r"C:\Users\minji\AppData\Roaming"}


# --- the user's folders ------------------------------------------------------------------------


def test_windows_keeps_the_cache_local_and_the_data_roaming():
    folders = user_folders("win32", WINDOWS_ENV)
    assert folders.cache == PureWindowsPath(r"C:\Users\minji\AppData\Local\nn-playground\cache\compiled")
    assert folders.data == PureWindowsPath(r"C:\Users\minji\AppData\Roaming\NN Playground\NN Playground")
    assert folders.settings == r"HKEY_CURRENT_USER\Software\NN Playground\NN Playground"
    assert str(folders.cache).count("\\") == 7  # Windows separators throughout, even built on Linux


def test_windows_without_its_variables_falls_back_to_the_profile():
    folders = user_folders("win32", {"USERPROFILE": r"D:\home\kim"})
    assert folders.cache == PureWindowsPath(r"D:\home\kim\AppData\Local\nn-playground\cache\compiled")
    assert folders.data == PureWindowsPath(r"D:\home\kim\AppData\Roaming\NN Playground\NN Playground")


def test_macos_uses_the_library_folders():
    folders = user_folders("darwin", {"HOME": "/Users/minji", "XDG_CACHE_HOME": "/ignored"})
    assert folders.cache == PurePosixPath("/Users/minji/Library/Caches/nn-playground/compiled")
    assert folders.data == PurePosixPath("/Users/minji/Library/Application Support/NN Playground/NN Playground")
    assert folders.settings == "/Users/minji/Library/Preferences/com.nn-playground.NN Playground.plist"


def test_linux_follows_the_xdg_base_directories():
    home = {"HOME": "/home/minji"}
    default = user_folders("linux", home)
    assert default.cache == PurePosixPath("/home/minji/.cache/nn-playground/compiled")
    assert default.data == PurePosixPath("/home/minji/.local/share/NN Playground/NN Playground")
    assert default.settings == "/home/minji/.config/NN Playground/NN Playground.conf"
    moved = user_folders("linux", {**home, "XDG_CACHE_HOME": "/fast/cache", "XDG_DATA_HOME": "/data",
                                   "XDG_CONFIG_HOME": "/etc-user"})
    assert (moved.cache, moved.data, moved.settings) == (
        PurePosixPath("/fast/cache/nn-playground/compiled"), PurePosixPath("/data/NN Playground/NN Playground"),
        "/etc-user/NN Playground/NN Playground.conf")
    relative = user_folders("linux", {**home, "XDG_CACHE_HOME": "cache"})  # the XDG spec says: ignore it
    assert relative.cache == default.cache


def test_the_three_systems_keep_the_files_in_different_places():
    places = [user_folders(p, {**WINDOWS_ENV, "HOME": "/home/minji"}) for p in ("win32", "darwin", "linux")]
    for kind in ("cache", "data", "settings"):
        assert len({str(getattr(folders, kind)) for folders in places}) == 3, kind


def test_linux_data_and_settings_are_where_qt_puts_them(tmp_path):
    """The app's autosave folder and settings file are Qt's own (no user's files move). Qt
    reads XDG_* once per process, so it is asked in a process of its own."""
    pytest.importorskip("PySide6")
    if not sys.platform.startswith("linux"):
        pytest.skip("compares with Qt on Linux")
    environ = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
                   QT_QPA_PLATFORM="offscreen")
    ask_qt = ("import json; from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths\n"
              "from playground.platforms import QT_NAME\n"
              "app = QCoreApplication([]); app.setOrganizationName(QT_NAME); app.setApplicationName(QT_NAME)\n"
              "print(json.dumps([QStandardPaths.writableLocation(QStandardPaths.AppDataLocation), "
              "QSettings().fileName()]))")
    answer = subprocess.run([sys.executable, "-c", ask_qt], env=environ, capture_output=True, text=True, check=True)
    data, settings = json.loads(answer.stdout)
    folders = user_folders("linux", environ)
    assert str(folders.data) == data and str(tmp_path / "data") in data
    assert folders.settings == settings and str(tmp_path / "config") in settings


def test_the_compiled_step_and_the_autosave_use_these_folders(monkeypatch, tmp_path):
    from playground.training import fast_step
    from playground.ui import autosave

    monkeypatch.delenv(fast_step.CACHE_ENV, raising=False)
    monkeypatch.setattr(platforms, "user_folders", lambda: platforms.UserFolders(
        cache=tmp_path / "c", data=tmp_path / "d", settings=""))
    assert fast_step.cache_folder() == tmp_path / "c"
    assert autosave._app_data_dir() == tmp_path / "d"


# --- Korean fonts ------------------------------------------------------------------------------


def test_each_system_gets_its_own_korean_font_first():
    assert korean_fonts("win32")[0] == "Malgun Gothic"
    assert korean_fonts("darwin")[0] == "Apple SD Gothic Neo"
    assert korean_fonts("linux")[0] == "Noto Sans CJK KR"
    assert korean_fonts("freebsd14") == korean_fonts("linux")  # other Unix systems use the same fonts
    assert not set(korean_fonts("win32")) & set(korean_fonts("darwin"))


# --- the C++ compiler --------------------------------------------------------------------------


def fake_path(tmp_path, *names: str) -> str:
    """A PATH of one folder holding an executable file for each name."""
    folder = tmp_path / "bin"
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        program = folder / name
        program.write_text("#!/bin/sh\n")
        program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return str(folder)


def test_linux_finds_gcc_first_then_any_cxx(tmp_path):
    path = fake_path(tmp_path, "clang++", "c++")
    assert find_compiler("linux", {"PATH": path}) == f"{path}/c++"
    fake_path(tmp_path, "g++")
    assert find_compiler("linux", {"PATH": path}) == f"{path}/g++"  # inductor's own default
    assert find_compiler("linux", {"PATH": str(tmp_path / "empty")}) == ""


def test_cxx_overrides_the_search(tmp_path):
    path = fake_path(tmp_path, "g++", "clang++-18")
    assert find_compiler("linux", {"PATH": path, "CXX": "clang++-18"}) == f"{path}/clang++-18"
    assert find_compiler("linux", {"PATH": path, "CXX": "missing++"}) == f"{path}/g++"


def test_windows_needs_cl_inside_msvcs_environment(tmp_path):
    path = fake_path(tmp_path, "cl", "g++")
    assert find_compiler("win32", {"PATH": path}) == ""  # cl on the PATH, but no INCLUDE/LIB: cannot build
    assert find_compiler("win32", {"PATH": path, "INCLUDE": r"C:\VC\include"}) == ""
    msvc = {"PATH": path, "INCLUDE": r"C:\VC\include", "LIB": r"C:\VC\lib"}
    assert find_compiler("win32", msvc) == f"{path}/cl"
    assert find_compiler("win32", {**msvc, "PATH": fake_path(tmp_path / "x", "g++")}) == ""  # g++ is not inductor's


def test_macos_needs_the_command_line_tools_behind_usr_bin_clang(tmp_path):
    def which(name, path=None):  # macOS always has the /usr/bin/clang++ stub
        return "/usr/bin/clang++" if name == "clang++" else None

    assert find_compiler("darwin", {"PATH": "/usr/bin"}, which=which, exists=lambda path: False) == ""
    tools = "/Library/Developer/CommandLineTools/usr/bin/clang++"
    assert find_compiler("darwin", {"PATH": "/usr/bin"}, which=which, exists=lambda p: p == tools) == "/usr/bin/clang++"
    xcode = "/Applications/Xcode-beta.app/Contents/Developer"
    assert find_compiler("darwin", {"PATH": "/usr/bin", "DEVELOPER_DIR": xcode}, which=which,
                         exists=lambda p: p == f"{xcode}/usr/bin/clang++") == "/usr/bin/clang++"
    brew = fake_path(tmp_path, "clang++")  # a compiler outside /usr/bin is a real one
    assert find_compiler("darwin", {"PATH": brew}, exists=lambda path: False) == f"{brew}/clang++"
