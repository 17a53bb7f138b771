"""Screenshots of the main window during training: light and dark, English and Korean.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--size 1366x768]

Each shot runs in a fresh process (the language is chosen at start-up), trains the
design for a few seconds with every dashboard live, and saves ``window.grab()``.
Runs offscreen unless QT_QPA_PLATFORM says otherwise; Korean needs a CJK font
(Debian: fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shoot(out: Path, theme: str, language: str, size: tuple[int, int], seconds: float, preset: str) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    settings_file = Path(tempfile.mkdtemp()) / "settings.ini"
    settings = QSettings(str(settings_file), QSettings.IniFormat)
    settings.setValue("theme", theme)
    settings.setValue("language", language)
    settings.sync()

    from playground.ui.i18n import install_translators
    from playground.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("NN Playground")
    app._translators = install_translators(app, language)
    window = MainWindow(settings, design=_design(preset))
    window.resize(*size)
    window.show()
    _wait(app, lambda: bool(window.views) and window.controller.state == "paused")
    modes = []  # the status bar shows the step mode: wait until compiling has ended
    window.controller.snapshot_ready.connect(lambda snapshot: modes.append(snapshot.step_mode))
    window.controller.play()
    deadline = time.monotonic() + seconds
    _wait(app, lambda: time.monotonic() > deadline)
    _wait(app, lambda: modes and getattr(modes[-1], "mode", "") != "compiling", timeout=300)
    window.controller.pause()
    _wait(app, lambda: window.controller.state == "paused")
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    window.close()
    print(f"wrote {out}")


def _design(preset: str):
    from playground.design import Design, LinearLayer

    if preset == "spiral":
        layers = tuple(LinearLayer(units=8, activation="tanh") for _ in range(4))
        return Design(name="Spiral", layers=layers).with_data(dataset="spiral", noise=0.1).with_optimizer(
            name="adam", lr=0.01)
    return Design(name="Circle")


def _wait(app, condition, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.005)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--one", nargs=3, metavar=("THEME", "LANGUAGE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    if args.one:
        theme, language, file = args.one
        shoot(Path(file), theme, language, size, args.seconds, "spiral")
        return
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    for language in ("en", "ko"):
        for theme in ("light", "dark"):
            file = args.out / f"main-{language}-{theme}.png"
            subprocess.run([sys.executable, __file__, "--size", args.size, "--seconds", str(args.seconds),
                            "--one", theme, language, str(file)], env=env, check=True)


if __name__ == "__main__":
    main()
