"""The tasks a data set poses and their words: the one owner of task names. Torch-free.

"binary" (two classes), "multiclass" (three or more) and "regression" are the tasks
a data set has; "classification" stands for a CSV file whose class count is not
known yet. Each task's words (English marked for translation, context "Tasks") come
as an adjective for "... data" and as a phrase for messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from playground.design.translatable import QT_TRANSLATE_NOOP

Task = Literal["binary", "multiclass", "regression"]


@dataclass(frozen=True)
class TaskWords:
    adjective: str  # "Loss switched to MSE for regression data."
    phrase: str  # "Cross-entropy does not fit regression data"


TASKS: dict[str, TaskWords] = {
    "binary": TaskWords(QT_TRANSLATE_NOOP("Tasks", "two-class"),
                        QT_TRANSLATE_NOOP("Tasks", "two-class (binary classification)")),
    "multiclass": TaskWords(QT_TRANSLATE_NOOP("Tasks", "multi-class"),
                            QT_TRANSLATE_NOOP("Tasks", "multi-class classification")),
    "regression": TaskWords(QT_TRANSLATE_NOOP("Tasks", "regression"), QT_TRANSLATE_NOOP("Tasks", "regression")),
    "classification": TaskWords(QT_TRANSLATE_NOOP("Tasks", "classification"),
                                QT_TRANSLATE_NOOP("Tasks", "classification")),
}


def classification_task(n_classes: int) -> Task:
    """The task of labels with ``n_classes`` classes: two make a binary task."""
    return "binary" if n_classes == 2 else "multiclass"


def class_count(task: str, chosen: int) -> int:
    """Classes of a generated set of ``task``: 2, the ``chosen`` number, or 0 for regression."""
    return {"binary": 2, "multiclass": chosen, "regression": 0}[task]
