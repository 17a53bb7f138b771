"""Build the offline desktop app: ``python packaging/build.py`` -> dist/nn-playground/.

Runs PyInstaller with packaging/nn_playground.spec using the Python that runs this
script (so the bundle holds exactly the packages of that environment), then prints
where the bundle is, its size and how long the build took. It installs nothing:
PyInstaller comes with the ``build`` (or ``test``) extra:

    .venv/bin/pip install -c constraints.txt -e ".[build]"
    .venv/bin/python packaging/build.py

Exit code 0 when the bundle was built, PyInstaller's code when it failed, 2 when
PyInstaller is not installed.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "nn_playground.spec"
sys.path.insert(0, str(ROOT / "packaging"))
from platform_parts import NAME, program  # noqa: E402


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Build the one-folder NN Playground app with PyInstaller.")
    parser.add_argument("--distpath", type=Path, default=ROOT / "dist",
                        help="where the app folder goes (default: dist/)")
    parser.add_argument("--workpath", type=Path, default=ROOT / "build",
                        help="PyInstaller's working files and cache of the analysis (default: build/)")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first (slower)")
    return parser.parse_args(argv)


def bundle_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) under ``folder``; symbolic links are not counted twice."""
    total = files = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            files += 1
    return total, files


def executable(distpath: Path) -> Path:
    """The program the build made under ``distpath`` (inside NN Playground.app on macOS)."""
    return distpath / program()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if importlib.util.find_spec("PyInstaller") is None:
        print(f"PyInstaller is not installed in {sys.prefix}. Install it with:\n"
              f'  {sys.executable} -m pip install -c constraints.txt -e ".[build]"', file=sys.stderr)
        return 2
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(args.distpath), "--workpath", str(args.workpath), str(SPEC)]
    if args.clean:
        command.insert(3, "--clean")
    print("Building:", " ".join(command), flush=True)
    started = time.monotonic()
    # PyInstaller's analysis imports torch._inductor, which makes its cache folder at import:
    # in the build's working folder, not the user's temp folder (torchinductor_<user>).
    env = {**os.environ, "PYTHONNOUSERSITE": "1", "TORCHINDUCTOR_CACHE_DIR": str(args.workpath / "torchinductor")}
    result = subprocess.run(command, cwd=ROOT, env=env)
    seconds = time.monotonic() - started
    if result.returncode != 0:
        print(f"PyInstaller failed (exit code {result.returncode}) after {seconds:.0f} s; see its messages above.",
              file=sys.stderr)
        return result.returncode
    folder = args.distpath / NAME
    size, files = bundle_size(folder)
    print(f"Built {folder} in {seconds:.0f} s: {size / 1e6:,.0f} MB in {files:,} files.")
    print(f"Run it with {executable(args.distpath)} (check it with: {executable(args.distpath)} --self-test)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
