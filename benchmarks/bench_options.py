"""Command-line options both benchmarks share; torch-free, so that bench_app's start-up
child (which parses the same options) does not pay for importing torch."""

from __future__ import annotations

import argparse
from pathlib import Path


def make_parser(description: str) -> argparse.ArgumentParser:
    """A parser with ``--design FILE`` (repeatable: a list of Paths, empty without it);
    the caller adds its own options."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--design", action="append", type=Path, default=[], metavar="FILE",
                        help="also measure this design file, beside the built-in designs (repeatable)")
    return parser
