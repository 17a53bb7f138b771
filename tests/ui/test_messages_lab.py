"""The Tensor lab's errors and exercise verdicts in words: every code the lab answers with
has a wording, in Korean too, with its args (shapes as tuples) in place."""

import re
from pathlib import Path

import pytest

from playground.lab.messages import LabError
from playground.ui.messages.lab import CHECK_WORDINGS, LAB_WORDINGS, check_text, lab_error_text

ROOT = Path(__file__).resolve().parents[2]
EXERCISE_FILE_CODES = {"lab_exercise_duplicate", "lab_exercises_format", "lab_exercises_invalid",
                       "lab_exercises_open", "lab_unknown_field"}  # a file's problems: worded with files


def codes_in(*names: str, prefix: str) -> set[str]:
    text = "".join((ROOT / "playground" / "lab" / f"{name}.py").read_text(encoding="utf-8") for name in names)
    return set(re.findall(rf'"({prefix}_[a-z_]+)"', text))


def test_every_error_code_the_lab_answers_with_has_a_wording():
    assert codes_in("explain", "runner", "trace", prefix="lab") - EXERCISE_FILE_CODES <= set(LAB_WORDINGS)


def test_every_verdict_of_the_exercise_check_has_a_wording():
    assert codes_in("exercises", prefix="exercise") <= set(CHECK_WORDINGS)


def test_a_shape_error_names_its_shapes_and_line():
    error = LabError("shape", "lab_shape_mm", "english", ("mm", (2, 3), (2, 3)), line=2)
    text = lab_error_text(error)
    assert text.startswith("Line 2: ") and "a (2, 3) tensor by a (2, 3) one" in text


def test_args_not_as_listed_fall_back_to_the_labs_english():
    assert lab_error_text(LabError("shape", "lab_shape_mm", "the lab's words", ("mm",))) == "the lab's words"
    assert lab_error_text(LabError("other", "lab_new_code", "newer words")) == "newer words"


def test_memory_without_a_limit_of_ours_says_the_computer_could_not_give_it():
    assert "0 MB" not in lab_error_text(LabError("memory", "lab_memory", "m", (0,)))
    assert "1024 MB" in lab_error_text(LabError("memory", "lab_memory", "m", (1024,)))


@pytest.mark.parametrize("code", sorted(LAB_WORDINGS))
def test_every_error_is_korean_in_korean(korean, code):
    args = tuple((2, 3) for _ in range(4))
    assert re.search("[\uac00-\ud7a3]", lab_error_text(LabError("shape", code, "english", args))), code


def test_a_verdict_in_korean_quotes_the_dtypes(korean):
    text = check_text("exercise_dtype", ("torch.float32", "torch.int64"))
    assert "torch.float32" in text and "torch.int64" in text and re.search("[\uac00-\ud7a3]", text)
