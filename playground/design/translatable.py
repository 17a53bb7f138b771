"""A marker for English text in the core that the window shows translated.

The core never imports Qt, so it cannot call Qt's own ``QT_TRANSLATE_NOOP``; this
function of the same name returns its text unchanged, and pyside6-lupdate (which
matches calls by name) still extracts ``QT_TRANSLATE_NOOP("Context", "text")`` from the
core modules that ``scripts/update_translations.py`` scans. Call it with literal
strings only. The window shows such text through
``QCoreApplication.translate(context, text)`` with the same context.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """``text``, unchanged: only a mark for the translation tools."""
    return text
