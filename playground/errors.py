"""Errors the engine reports to people, not programmers.

Every error carries a list of ``Problem`` s, each naming the field (a dotted path
into the design, such as ``optimizer.lr``) and what is wrong with it, so that a
dialog or the command line can show all of them at once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    field: str
    message: str  # in English
    code: str = ""  # which problem, so an interface can word it in another language
    args: tuple = ()  # the values the wording quotes

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message


EXCERPT = 40  # characters of a user's input that a message quotes at most


def excerpt(text: str, limit: int = EXCERPT, *, keep_end: bool = False) -> str:
    """``text`` as a message may quote it: at most ``limit`` characters (an ellipsis
    marks the cut; ``keep_end`` keeps the end, for paths), characters that cannot be
    shown (control characters, lone surrogates) as escapes."""
    text = str(text)
    if len(text) > 4 * limit:  # escaping a 20,000-character string only to cut it
        text = text[-4 * limit:] if keep_end else text[: 4 * limit]
    if not text.isprintable():
        text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    if len(text) <= limit:
        return text
    return "…" + text[-(limit - 1):] if keep_end else text[: limit - 1] + "…"


def path_excerpt(path) -> str:
    """A path as a message quotes it: its end, where the file name is."""
    return excerpt(str(path), 80, keep_end=True)


class PlaygroundError(Exception):
    """Base class: a problem that the user can fix; its text is meant for them.

    ``title_code`` and ``title_args`` let an interface word the title in another
    language, as ``Problem.code`` and ``args`` do for each problem.
    """

    def __init__(self, problems: list[Problem] | str, *, title: str = "", title_code: str = "",
                 title_args: tuple = ()):
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        self.problems: list[Problem] = list(problems)
        self.title = title
        self.title_code = title_code
        self.title_args = title_args
        super().__init__(self.text())

    def text(self) -> str:
        lines = [str(p) for p in self.problems]
        if self.title:
            return self.title + ("\n" + "\n".join("  - " + line for line in lines) if lines else "")
        return "\n".join(lines)


class DesignError(PlaygroundError):
    """A design that is invalid, or cannot be built or trained as it stands."""


class DesignFileError(DesignError):
    """A design file that cannot be read: corrupt, too new, or with invalid fields."""


class DataError(PlaygroundError):
    """Data that cannot be loaded or generated (bad CSV, missing file...)."""
