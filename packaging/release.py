"""The release workflow's steps, one command each: the same on a laptop and in CI.

    python packaging/release.py install     # pip install -c constraints.txt -e ".[build]" (+ torch's CPU index on Linux)
    python packaging/release.py build       # packaging/build.py: dist/nn-playground/ (and NN Playground.app on macOS)
    python packaging/release.py self-test   # run the built app's --self-test, away from the source tree
    python packaging/release.py zip         # dist/nn-playground-<version>-<system>-<machine>.zip
    python packaging/release.py publish ZIP...  # attach the zips to the GitHub release of the tag (gh)

.github/workflows/release.yml runs install, build, self-test and zip on Windows, macOS
and Linux for a tag ``v*``, then publish once with the three zips. Each command prints
what it did (the time it took, sizes, the self-test's lines) and exits non-zero when
it failed, which stops the workflow. ``--dry-run`` prints the commands that install
and publish would run, without running them. Which platform does what is in
platform_parts.py (tested for all three in tests/test_packaging.py).
"""

from __future__ import annotations

import argparse
import os
import platform as platform_module
import stat
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "packaging"))
from platform_parts import program, release_target, zip_name  # noqa: E402

DIST = ROOT / "dist"
WORK = ROOT / "build"
SELF_TEST_TIMEOUT = 300  # seconds; the self-test ends itself after at most 140
# PyPI's torch for Linux is the CUDA build (several GB of nvidia-* packages); torch's own
# index has the CPU build of the same version (2.13.0+cpu satisfies constraints.txt's
# torch==2.13.0). PyPI's Windows and macOS wheels are CPU builds already.
TORCH_CPU_INDEX = "https://download.pytorch.org/whl/cpu"
# What the Linux bundle loads from the system rather than carrying (Qt's offscreen and
# xcb platforms: OpenGL/EGL, the keyboard map, fonts, D-Bus, GLib); present on desktops,
# not always on a bare CI runner. Debian/Ubuntu package names.
LINUX_SYSTEM_PACKAGES = ("libegl1", "libgl1", "libxkbcommon0", "libxkbcommon-x11-0", "libfontconfig1",
                         "libdbus-1-3", "libglib2.0-0t64")


def install_command(python: str, platform: str = sys.platform) -> list[str]:
    """pip's command that installs the app and PyInstaller at the tested versions."""
    command = [python, "-m", "pip", "install", "-c", "constraints.txt", "-e", ".[build]"]
    if platform.startswith("linux"):
        command[4:4] = ["--extra-index-url", TORCH_CPU_INDEX]
    return command


def system_packages_commands(platform: str = sys.platform, root: bool = False) -> list[list[str]]:
    """Linux: apt-get's commands that install LINUX_SYSTEM_PACKAGES; none elsewhere."""
    if not platform.startswith("linux"):
        return []
    apt = ([] if root else ["sudo"]) + ["apt-get"]
    return [apt + ["update", "-q"], apt + ["install", "-y", "-q", "--no-install-recommends", *LINUX_SYSTEM_PACKAGES]]


def release_version(environ: Mapping[str, str], pyproject: str) -> str:
    """The tag being released (GITHUB_REF_NAME, "v0.2.0" -> "0.2.0"), else pyproject's version."""
    tag = environ.get("GITHUB_REF_NAME", "")
    if environ.get("GITHUB_REF_TYPE", "tag") == "tag" and tag.startswith("v"):
        return tag.removeprefix("v")
    return tomllib.loads(pyproject)["project"]["version"]


def publish_commands(tag: str, files: list[str]) -> list[list[str]]:
    """gh's commands that attach ``files`` to the release of ``tag``: create it with them
    when it does not exist yet; otherwise upload them, replacing same-named files."""
    return [["gh", "release", "create", tag, "--verify-tag", "--title", f"NN Playground {tag}",
             "--generate-notes", *files],
            ["gh", "release", "upload", tag, "--clobber", *files]]


def zip_folder(folder: Path, archive: Path) -> tuple[int, int]:
    """``folder`` (itself, not only its contents) into ``archive``; (entries: files, folders and
    links; bytes of the archive).

    Keeps what an unzip on Linux and macOS needs: the permission bits (the executable
    stays executable) and symbolic links as links. On macOS ``ditto`` zips instead,
    which also keeps the .app's extended attributes."""
    if sys.platform == "darwin":
        subprocess.run(["ditto", "-c", "-k", "--sequesterRsrc", "--keepParent", str(folder), str(archive)],
                       check=True)
        return sum(1 for _ in folder.rglob("*")), archive.stat().st_size
    count = 0
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as out:
        for path in sorted([folder, *folder.rglob("*")]):
            name = path.relative_to(folder.parent).as_posix()
            info = zipfile.ZipInfo.from_file(path, name) if not path.is_symlink() else zipfile.ZipInfo(name)
            if path.is_symlink():
                info.create_system = 3  # Unix: the mode below is read
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                out.writestr(info, os.readlink(path))
            elif path.is_dir():
                out.writestr(info, b"")
            else:
                info.compress_type = zipfile.ZIP_DEFLATED
                with open(path, "rb") as source, out.open(info, "w") as target:
                    while chunk := source.read(1 << 20):
                        target.write(chunk)
            count += 1
    return count, archive.stat().st_size


# --- the commands -----------------------------------------------------------------------------


def run(command: list[str], dry_run: bool) -> int:
    print("$", " ".join(command), flush=True)
    return 0 if dry_run else subprocess.run(command, cwd=ROOT).returncode


def do_install(args) -> int:
    if not args.no_system_packages:
        for command in system_packages_commands(root=hasattr(os, "geteuid") and os.geteuid() == 0):
            if run(command, args.dry_run):
                return 1
    return run(install_command(sys.executable), args.dry_run)


def do_build(args) -> int:
    import build

    return build.main(["--distpath", str(args.dist), "--workpath", str(args.work)])


def do_self_test(args) -> int:
    sys.path.insert(0, str(ROOT))  # this checkout's playground, installed or not
    from playground.ui.self_test import REPORT_ENV

    executable = args.dist / program()
    if not executable.is_file():
        print(f"No built app at {executable}: run `python packaging/release.py build` first.", file=sys.stderr)
        return 1
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    env.pop("PYTHONPATH", None)  # the bundle must not find the source tree
    print("$", executable, "--self-test", flush=True)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as away:  # not the source tree, which the bundle must not need
        report = Path(away) / "report.txt"  # the Windows and macOS apps have no console to print to
        env[REPORT_ENV] = str(report)
        result = subprocess.run([str(executable), "--self-test"], cwd=away, env=env, timeout=SELF_TEST_TIMEOUT)
        print(report.read_text(encoding="utf-8", errors="replace") if report.is_file() else "(no report written)",
              end="", flush=True)
    seconds = time.monotonic() - started
    verdict = "passed" if result.returncode == 0 else f"FAILED (exit code {result.returncode})"
    print(f"Self-test {verdict} in {seconds:.0f} s.")
    return result.returncode


def do_zip(args) -> int:
    target = args.dist / release_target()
    if not target.exists():
        print(f"No built app at {target}: run `python packaging/release.py build` first.", file=sys.stderr)
        return 1
    version = release_version(os.environ, (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    archive = args.dist / zip_name(version, machine=platform_module.machine())
    archive.unlink(missing_ok=True)
    started = time.monotonic()
    files, size = zip_folder(target, archive)
    print(f"Zipped {target} ({files:,} files, folders and links) into {archive}: {size / 1e6:,.0f} MB "
          f"in {time.monotonic() - started:.0f} s.")
    return 0


def do_publish(args) -> int:
    tag = os.environ.get("GITHUB_REF_NAME", "")
    if not tag.startswith("v"):
        print("publish runs for a tag v*: GITHUB_REF_NAME is not one.", file=sys.stderr)
        return 1
    create, upload = publish_commands(tag, [str(f) for f in args.files])
    if args.dry_run:
        return run(create, True)
    exists = subprocess.run(["gh", "release", "view", tag], cwd=ROOT, capture_output=True).returncode == 0
    return run(upload if exists else create, False)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="The release workflow's steps (see the module's docstring).")
    parser.add_argument("--dist", type=Path, default=DIST, help="where the app is built (default: dist/)")
    parser.add_argument("--work", type=Path, default=WORK, help="PyInstaller's working files (default: build/)")
    parser.add_argument("--dry-run", action="store_true", help="install, publish: print the commands only")
    steps = parser.add_subparsers(dest="step", required=True)
    install = steps.add_parser("install", help="the app and PyInstaller at constraints.txt's versions")
    install.add_argument("--no-system-packages", action="store_true",
                         help="Linux: skip apt-get (the libraries Qt loads from the system)")
    install.set_defaults(do=do_install)
    steps.add_parser("build", help="build the one-folder app with PyInstaller").set_defaults(do=do_build)
    steps.add_parser("self-test", help="run the built app's --self-test").set_defaults(do=do_self_test)
    steps.add_parser("zip", help="zip the built app for the release").set_defaults(do=do_zip)
    publish = steps.add_parser("publish", help="attach zips to the GitHub release of the tag")
    publish.add_argument("files", nargs="+", type=Path)
    publish.set_defaults(do=do_publish)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    for stream in (sys.stdout, sys.stderr):  # a Windows console's code page cannot print every character
        stream.reconfigure(errors="replace")
    return args.do(args)


if __name__ == "__main__":
    sys.exit(main())
