"""The ``nn-playground`` entry point: a command (``train`` ...) runs headless,
``--self-test`` checks the installation (playground/ui/self_test.py), a design file
(or nothing) opens the window. Kept apart from cli.py so that the core never imports Qt.

Anything else never opens the window: ``-h``/``--help`` anywhere prints the help, and
a first word that is neither a command nor an existing file is refused with the list
of commands (exit code 2), so that a mistyped command cannot start a window that, on
a machine without a display, would never return.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

HELP = ("-h", "--help")


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()  # the frozen app starts its training process through this executable
    args = sys.argv[1:] if argv is None else argv
    if "--self-test" in args:
        from .ui.self_test import main as self_test

        return self_test()
    from playground.cli import command_names, unknown_word

    word = next((a for a in args if not a.startswith("-")), None)
    if word in command_names():
        return _command(args)
    if word is not None and not os.path.exists(word):
        return unknown_word(word)
    if any(a in HELP for a in args):
        return _command(["--help"])
    try:
        from .ui.app import main as app_main
    except ModuleNotFoundError as error:
        if not (error.name or "").startswith("playground.ui"):
            raise
        return _command(args)
    return app_main(args)


def _command(args: list[str]) -> int:
    """A headless command; the process ends here if ``train --compiled`` left a compile running."""
    from playground.cli import main as cli_main

    code = cli_main(args)
    compile_thread = sys.modules.get("playground.training.compile_thread")  # imported only by a command that trained
    if compile_thread is not None:
        compile_thread.leave_if_compiling(code)
    return code


if __name__ == "__main__":
    sys.exit(main())
