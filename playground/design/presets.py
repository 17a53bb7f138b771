"""The shipped presets: one small experiment per concept of the course.

``resources/presets/`` holds one design file per preset (its ``name`` and
``description`` are the English title and explanation) and ``index.json``, which
lists them in course order with their Korean title and explanation, the course
stage they show (playground.design.course) and ``expect``: the effect the preset promises, which
``tests/test_presets.py`` checks by training it from scratch as the app does, with
the numbers its explanation quotes. Keys of ``expect`` (``EXPECT_KEYS``):

- ``steps`` or ``epochs``: the budget: how long the effect takes to show;
- ``test_accuracy_at_least`` / ``test_accuracy_at_most`` / ``train_accuracy_at_most``:
  after the budget; ``first_test_accuracy_at_most``: before training;
- ``target_loss``: the evaluated training loss falls below it within the budget;
  ``stays_below_target``: and never rises back above it;
- ``reaches_target_faster_than``: [preset id, f]: that preset needs at least f times
  the steps to reach this one's ``target_loss`` (or never does in its budget);
- ``lower_loss_than``: [preset id, f]: with the same budget, this run ends with a
  training loss f times lower;
- ``loss_drop_at_most_fraction_of``: [preset id, f]: with the same budget, this run's
  loss falls by at most f times what that preset's falls;
- ``train_loss_at_least``: the training loss stays at least this high through the
  second half of the budget;
- ``slows_down_by_at_least``: the loss falls this many times faster per step in the
  first tenth of the budget than in its second half (the curve flattens);
- ``smooth``: no step raises the training loss;
- ``noisier_than``: [preset id, f]: the loss of one step differs from the next one's
  by f times as much on average (a jagged curve);
- ``clean_curve_distance_at_most`` / ``above_clean_curve_by_at_least`` (1-D data):
  the fit's mean distance from the noiseless curve / its mean height above it;
- ``verdict`` / ``verdict_is_not``: the gradient verdict on the last step;
  ``first_to_output_gradient_at_most``: the first layer's gradient norm over the
  output layer's, on the last step;
- ``diverges_in_epoch``: the loss climbs with every step until training raises
  ``Diverged`` in this epoch (counted from 1), in the second half of the budget;
- ``steps_per_epoch``: batches per epoch;
- ``pre_activation_std_drift_at_least``: some hidden layer's pre-activation std
  changes by this factor between the first and the last step;
- ``batchnorm_output_std_between``: [low, high] for every BatchNorm output std.

``pace`` (optional) is the training speed the preset opens at, in steps per second,
one of ``playground.training.run_loop.SPEEDS``: slow enough that its effect unfolds over tens
of seconds for a person to watch. Without it the speed stays as the learner set it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from playground.design.course import STAGES
from playground.design.schema import Design
from playground.design.io import load_design
from playground.errors import PlaygroundError
from playground.resources import resource_path
from playground.training.run_loop import SPEEDS

EXPECT_KEYS = frozenset({
    "steps", "epochs", "test_accuracy_at_least", "test_accuracy_at_most", "train_accuracy_at_most",
    "first_test_accuracy_at_most", "target_loss", "stays_below_target", "reaches_target_faster_than",
    "lower_loss_than", "loss_drop_at_most_fraction_of", "train_loss_at_least", "slows_down_by_at_least", "smooth",
    "noisier_than", "clean_curve_distance_at_most", "above_clean_curve_by_at_least", "verdict", "verdict_is_not",
    "first_to_output_gradient_at_most", "diverges_in_epoch", "steps_per_epoch", "pre_activation_std_drift_at_least",
    "batchnorm_output_std_between",
})
INDEX_FORMAT = "nn-playground-presets"
INDEX_VERSION = 2  # 2: each preset names its course stage (playground.design.course)


class PresetError(PlaygroundError):
    """An unknown preset, or a damaged preset folder (a broken installation)."""


@dataclass(frozen=True)
class Preset:
    id: str
    path: Path  # the design file
    stage: str  # the course stage it shows (playground.design.course.STAGES)
    title_en: str
    title_ko: str
    explanation_en: str  # what to try and what to watch, 2-4 sentences
    explanation_ko: str
    expect: dict = field(default_factory=dict, compare=False)
    pace: float | None = None  # steps per second to open at (one of SPEEDS); None keeps the learner's speed

    def title(self, language: str = "en") -> str:
        """The title in ``language`` ("ko" for Korean; anything else gives English)."""
        return self.title_ko if language == "ko" else self.title_en

    def explanation(self, language: str = "en") -> str:
        return self.explanation_ko if language == "ko" else self.explanation_en


def presets_folder() -> Path:
    return resource_path("presets")


def _index(folder: Path | None = None) -> dict:
    folder = folder or presets_folder()
    path = folder / "index.json"
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise PresetError(f"the preset list {path} cannot be read ({error}); reinstall the app") from None
    if not isinstance(index, dict) or index.get("format") != INDEX_FORMAT or index.get("version") != INDEX_VERSION:
        raise PresetError(f"{path} is not a preset list this version understands; reinstall the app")
    return index


def list_presets(folder: Path | None = None) -> list[Preset]:
    """Every preset in course order (``folder`` defaults to the bundled ``resources/presets``)."""
    folder = folder or presets_folder()
    try:
        return [
            Preset(
                id=entry["id"],
                path=folder / entry["file"],
                stage=_stage(entry),
                title_en=entry["title_en"],
                title_ko=entry["title_ko"],
                explanation_en=entry["explanation_en"],
                explanation_ko=entry["explanation_ko"],
                expect=dict(entry.get("expect", {})),
                pace=_pace(entry),
            )
            for entry in _index(folder)["presets"]
        ]
    except (KeyError, TypeError) as error:
        raise PresetError(f"the preset list is damaged (missing {error}); reinstall the app") from None


def _stage(entry: dict) -> str:
    stage = entry["stage"]
    if stage not in STAGES:
        raise PresetError(f"preset {entry.get('id')!r}: stage {stage!r} is not one of the course's stages "
                          f"{', '.join(STAGES)}; reinstall the app")
    return stage


def _pace(entry: dict) -> float | None:
    pace = entry.get("pace")
    if pace is not None and pace not in SPEEDS:
        choices = ", ".join(str(s) for s in SPEEDS if s is not None)
        raise PresetError(f"preset {entry.get('id')!r}: pace {pace!r} is not one of the speeds {choices}; reinstall the app")
    return pace


def find_preset(preset_id: str, folder: Path | None = None) -> Preset:
    presets = list_presets(folder)
    for preset in presets:
        if preset.id == preset_id:
            return preset
    raise PresetError(f"there is no preset '{preset_id}'; the presets are: {', '.join(p.id for p in presets)}")


def load_preset(preset_id: str, folder: Path | None = None) -> Design:
    """The preset's design; PresetError for an unknown id, DesignFileError for a damaged file."""
    return load_design(find_preset(preset_id, folder).path)
