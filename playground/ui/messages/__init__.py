"""The engine's messages in the interface language.

The core words its problems in English and adds a code and the values it quotes;
here each known code gets a translatable wording. Unknown codes keep the English.
``problem_text`` and ``error_text`` put a problem's field in words before it, as
the editing panels and dialogs show them.

One module per concern, each the one owner of its wordings: ``files`` (reading a
file, a CSV table, a design or comparison file; error titles), ``lessons`` (a lesson
file's own problems), ``weights`` (weights files), ``run`` (divergence, devices, the
step mode) and ``problems`` (the dispatch by code, the design's field checks, fields
in words). Import from this package; the modules are its inside.
"""

from playground.ui.messages.files import FILE_WORDINGS as _FILE_WORDINGS
from playground.ui.messages.files import error_title
from playground.ui.messages.lessons import LESSON_WORDINGS
from playground.ui.messages.problems import (error_text, field_words, problem_message, problem_text,
                                             snapshot_message)
from playground.ui.messages.run import device_notice, device_reason, divergence_message, step_mode_text
from playground.ui.messages.weights import weights_message

__all__ = ["LESSON_WORDINGS", "_FILE_WORDINGS", "device_notice", "device_reason", "divergence_message",
           "error_text", "error_title", "field_words", "problem_message", "problem_text", "snapshot_message",
           "step_mode_text", "weights_message"]
