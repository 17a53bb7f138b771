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


class PlaygroundError(Exception):
    """Base class: a problem that the user can fix; its text is meant for them."""

    def __init__(self, problems: list[Problem] | str, *, title: str = ""):
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        self.problems: list[Problem] = list(problems)
        self.title = title
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
