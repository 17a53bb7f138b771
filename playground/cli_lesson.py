"""``nn-playground lesson check FILE [--solve]``: is a lesson file usable, and does its
reference solution meet every goal?

Without ``--solve`` the file is only validated: exit 0 when it can be used, 2 naming
every problem by its field when it cannot. With ``--solve`` the reference solution is
trained headless (playground.lessons.solve) and each goal gets a line, ``met at step N``
(with the sequence's run when there are several) or ``not met``; exit 0 only if every
goal is met, 1 otherwise; 130 when interrupted.
"""

from __future__ import annotations

from pathlib import Path

from playground.cli import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, _error

EXIT_NOT_MET = 1


def lesson_check_command(path: Path, *, solve: bool = False) -> int:
    from playground.errors import PlaygroundError
    from playground.lessons.io import load_lesson

    try:
        lesson = load_lesson(path)
    except PlaygroundError as error:
        _error(error.text())
        return EXIT_BAD_INPUT
    runs = f"a comparison of {lesson.runs} runs" if lesson.runs > 1 else "a single design"
    goals = f"{len(lesson.goals)} goal" + ("s" if len(lesson.goals) > 1 else "")
    print(f"{lesson.id}: a valid lesson ({lesson.stage}, {goals}, starts from {runs})")
    if not solve:
        return EXIT_OK
    from playground.lessons.solve import solve as solve_lesson

    try:
        progress = solve_lesson(lesson)
    except KeyboardInterrupt:
        _error("interrupted")
        return EXIT_INTERRUPTED
    except PlaygroundError as error:
        _error(error.text())
        return EXIT_BAD_INPUT
    several = len(lesson.solution) > 1
    for goal in lesson.goals:
        met = progress.met.get(goal.id)
        where = "" if met is None or not several else f" of run {met.run + 1}"
        print(f"  {goal.id}: " + (f"met at step {met.step:,}{where}" if met else "not met"))
    return EXIT_OK if progress.done else EXIT_NOT_MET
