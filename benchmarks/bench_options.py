"""Command-line options both benchmarks share; torch-free, so that bench_app's start-up
child (which parses the same options) does not pay for importing torch."""

from __future__ import annotations

import argparse
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

DESIGNS = Path(__file__).resolve().parent / "designs"
"""Design files of the sizes the performance goals name (digits, wide, deep, the largest
a design allows, a full batch of 20,000 points): ``--design benchmarks/designs/*.json``."""

_SPIN = "while True: pass"  # the busy machine's second process: one core, all the time


def make_parser(description: str) -> argparse.ArgumentParser:
    """A parser with ``--design FILE`` (repeatable: a list of Paths, empty without it),
    ``--files-only``, ``--no-compiled`` and ``--busy``; the caller adds its own options."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--design", action="append", type=Path, default=[], metavar="FILE",
                        help="also measure this design file, beside the built-in designs (repeatable)")
    parser.add_argument("--files-only", action="store_true",
                        help="measure only the --design files, not the built-in designs")
    parser.add_argument("--no-compiled", action="store_true", help="skip the compiled step (eager only)")
    parser.add_argument("--busy", action="store_true",
                        help="a busy machine: a second process keeps one core busy during the whole measurement "
                             "(the plain loop and the app alike)")
    return parser


@contextmanager
def machine_load(busy: bool) -> Iterator[subprocess.Popen | None]:
    """With ``busy``, a second Python process spins on one core until the block ends
    (yielded, so a caller can check it runs); without, nothing."""
    if not busy:
        yield None
        return
    spinner = subprocess.Popen([sys.executable, "-c", _SPIN], stdin=subprocess.DEVNULL)
    try:
        yield spinner
    finally:
        spinner.kill()
        spinner.wait()
