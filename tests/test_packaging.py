"""The build's platform-specific parts, checked for Windows, macOS and Linux on this machine
(packaging/platform_parts.py, packaging/release.py, the icons), and the release workflow
calling only release.py. The real builds run per system in .github/workflows/release.yml;
tests/test_bundle.py builds this system's."""

import os
import re
import stat
import struct
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
import platform_parts  # noqa: E402
import release  # noqa: E402
from platform_parts import build_parts, program, release_target, zip_name  # noqa: E402

ICONS = ROOT / "resources" / "icons"
SYSTEMS = ("win32", "darwin", "linux")


# --- what each system's build does ---------------------------------------------------------------


def test_windows_builds_a_windowed_exe_with_the_ico():
    parts = build_parts("win32")
    assert (parts.executable, parts.icon, parts.console, parts.app_bundle) == (
        "nn-playground.exe", "resources/icons/nn-playground.ico", False, None)
    assert parts.spawn_module == "multiprocessing.popen_spawn_win32"
    assert program("win32") == "nn-playground/nn-playground.exe"
    assert release_target("win32") == "nn-playground"


def test_macos_builds_an_app_with_the_icns():
    parts = build_parts("darwin")
    assert (parts.icon, parts.console, parts.app_bundle) == ("resources/icons/nn-playground.icns", False,
                                                             "NN Playground.app")
    assert program("darwin") == "NN Playground.app/Contents/MacOS/nn-playground"
    assert release_target("darwin") == "NN Playground.app"  # what a Mac user drags to Applications


def test_linux_keeps_a_console_and_strips_torch():
    parts = build_parts("linux")
    assert (parts.executable, parts.icon, parts.console, parts.app_bundle) == ("nn-playground", None, True, None)
    assert parts.strip_torch and parts.drop_orphans  # strip and ldd: Linux tools
    assert not any(build_parts(p).strip_torch or build_parts(p).drop_orphans for p in ("win32", "darwin"))
    assert program("linux") == "nn-playground/nn-playground"


@pytest.mark.parametrize("platform", SYSTEMS)
def test_each_systems_icon_exists(platform):
    icon = build_parts(platform).icon
    assert icon is None or (ROOT / icon).is_file()


def test_the_release_files_name_the_version_system_and_processor():
    assert zip_name("v0.2.0", "win32", "AMD64") == "nn-playground-0.2.0-windows-x86_64.zip"
    assert zip_name("0.2.0", "darwin", "arm64") == "nn-playground-0.2.0-macos-arm64.zip"
    assert zip_name("0.2.0", "linux", "x86_64") == "nn-playground-0.2.0-linux-x86_64.zip"
    assert zip_name("0.2.0", "linux", "aarch64") == "nn-playground-0.2.0-linux-arm64.zip"


# --- the icons -----------------------------------------------------------------------------------


def test_qt_reads_every_size_of_the_ico(qapp):
    from PySide6.QtGui import QImageReader

    reader = QImageReader(str(ICONS / "nn-playground.ico"))
    sizes = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull(), reader.errorString()
        sizes.append(image.width())
    assert sorted(sizes) == [16, 24, 32, 48, 64, 128, 256]


def test_linux_and_the_window_use_the_png_and_the_svg(qapp):
    """Linux takes no icon from the executable: the window icon (.png, set by ui/app.py) and a
    desktop entry's (.svg) are what show."""
    from PySide6.QtGui import QImage
    from PySide6.QtSvg import QSvgRenderer

    png = QImage(str(ICONS / "nn-playground.png"))
    assert (png.width(), png.height()) == (256, 256)
    svg = QSvgRenderer(str(ICONS / "nn-playground.svg"))
    assert svg.isValid() and svg.viewBox().width() == 256


def icns_chunks(data: bytes) -> dict[bytes, bytes]:
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    chunks, offset = {}, 8
    while offset < len(data):
        kind, length = data[offset:offset + 4], struct.unpack(">I", data[offset + 4:offset + 8])[0]
        assert length > 8 and offset + length <= len(data), kind
        chunks[kind] = data[offset + 8:offset + length]
        offset += length
    assert offset == len(data)  # the chunks tile the file exactly
    return chunks


def test_the_icns_holds_a_valid_png_of_each_apple_size(qapp):
    from PySide6.QtGui import QImage

    chunks = icns_chunks((ICONS / "nn-playground.icns").read_bytes())
    expected = {b"ic07": 128, b"ic08": 256, b"ic09": 512, b"ic10": 1024}
    assert set(chunks) == set(expected)
    for kind, side in expected.items():
        assert chunks[kind].startswith(b"\x89PNG\r\n\x1a\n"), kind
        image = QImage.fromData(chunks[kind], "PNG")
        assert (image.width(), image.height()) == (side, side), kind
        assert image.pixelColor(side // 2, side // 2).alpha() == 255  # drawn, not blank
        assert image.pixelColor(0, 0).alpha() == 0  # the rounded corner stays transparent


def test_make_icon_writes_the_same_icns(qapp, tmp_path):
    import make_icon

    make_icon.write_icns(tmp_path / "icon.icns")
    assert icns_chunks((tmp_path / "icon.icns").read_bytes()).keys() == {b"ic07", b"ic08", b"ic09", b"ic10"}


# --- the release steps ---------------------------------------------------------------------------


def test_linux_installs_torch_from_its_cpu_index_and_the_others_from_pypi():
    linux = release.install_command("python", "linux")
    assert linux[linux.index("--extra-index-url") + 1] == release.TORCH_CPU_INDEX
    for platform in ("win32", "darwin"):  # PyPI's torch wheels there are CPU builds
        command = release.install_command("python", platform)
        assert "--extra-index-url" not in command
        assert command[-4:] == ["-c", "constraints.txt", "-e", ".[build]"]
    assert release.system_packages_commands("win32") == release.system_packages_commands("darwin") == []
    update, install = release.system_packages_commands("linux")
    assert update[:2] == ["sudo", "apt-get"] and "libxkbcommon0" in install
    assert release.system_packages_commands("linux", root=True)[1][0] == "apt-get"


def test_the_version_comes_from_the_tag_else_pyproject():
    pyproject = '[project]\nname = "nn-playground"\nversion = "0.1.0"\n'
    assert release.release_version({"GITHUB_REF_NAME": "v0.3.1", "GITHUB_REF_TYPE": "tag"}, pyproject) == "0.3.1"
    assert release.release_version({"GITHUB_REF_NAME": "main", "GITHUB_REF_TYPE": "branch"}, pyproject) == "0.1.0"
    assert release.release_version({}, pyproject) == "0.1.0"


def test_publishing_creates_the_release_or_adds_to_it():
    create, upload = release.publish_commands("v0.3.1", ["a.zip", "b.zip"])
    assert create[:4] == ["gh", "release", "create", "v0.3.1"] and "--verify-tag" in create
    assert upload == ["gh", "release", "upload", "v0.3.1", "--clobber", "a.zip", "b.zip"]


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="Python's zip writer is used on Linux")
def test_the_zip_keeps_the_folder_the_executable_bit_and_links(tmp_path):
    app = tmp_path / "nn-playground"
    (app / "_internal").mkdir(parents=True)
    (app / "nn-playground").write_bytes(b"\x7fELF")
    (app / "nn-playground").chmod(0o755)
    (app / "_internal" / "libc10.so").write_bytes(b"x" * 5000)
    os.symlink("libc10.so", app / "_internal" / "libc10.so.2")
    files, size = release.zip_folder(app, tmp_path / "app.zip")
    with zipfile.ZipFile(tmp_path / "app.zip") as archive:
        infos = {info.filename: info for info in archive.infolist()}
        assert set(infos) == {"nn-playground/", "nn-playground/nn-playground", "nn-playground/_internal/",
                              "nn-playground/_internal/libc10.so", "nn-playground/_internal/libc10.so.2"}
        mode = infos["nn-playground/nn-playground"].external_attr >> 16
        assert mode & 0o111 == 0o111  # still executable after unzip
        link = infos["nn-playground/_internal/libc10.so.2"]
        assert stat.S_ISLNK(link.external_attr >> 16) and archive.read(link) == b"libc10.so"
        assert archive.read("nn-playground/_internal/libc10.so") == b"x" * 5000
    assert files == 5 and size < 5000  # compressed


def test_every_workflow_step_is_one_release_py_command():
    workflow = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    runs = re.findall(r"^\s+run: (.+)$", workflow, re.M)
    commands = [re.fullmatch(r"python3? packaging/release\.py (\S+).*", run) for run in runs]
    assert all(commands), runs
    assert [c.group(1) for c in commands] == ["install", "build", "self-test", "zip", "publish"]
    assert re.search(r"os: \[ubuntu-latest, windows-latest, macos-latest\]", workflow)
    assert 'python-version: "3.11"' in workflow
    assert re.search(r'tags: \["v\*"\]', workflow)
    uses = re.findall(r"uses: (\S+)", workflow)
    assert uses and all(re.fullmatch(r"[\w-]+/[\w-]+@v\d+(\.\d+)*", action) for action in uses), uses  # pinned
    steps = release.parse_args(["build"])  # every step the workflow names exists
    assert steps.step == "build"
    for step in ("install", "self-test", "zip"):
        assert release.parse_args([step]).step == step
