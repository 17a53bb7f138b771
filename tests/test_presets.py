"""Every shipped preset loads, round-trips exactly, and shows the effect it promises."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np
import pytest

from playground import registry
from playground.cli import main as cli_main
from playground.datasets import clean_curve
from playground.design_io import design_to_json, load_design
from playground.presets import PresetError, list_concepts, list_presets, load_preset, presets_folder
from playground.probes import ProbeReport
from playground.training import Diverged, Trainer

PRESETS = list_presets()
IDS = [p.id for p in PRESETS]
BY_ID = {p.id: p for p in PRESETS}
HANGUL = re.compile("[\uac00-\ud7a3]")
KNOWN_EXPECT = {
    "steps", "epochs", "test_accuracy_at_least", "test_accuracy_at_most", "verdict", "verdict_is_not", "diverges",
    "steps_per_epoch", "lower_loss_than", "closer_to_clean_curve_than", "loss_drop_at_most_fraction_of",
    "pre_activation_std_drift_at_least", "batchnorm_output_std_between",
}


# --- the files ---------------------------------------------------------------------------
@pytest.mark.parametrize("preset_id", IDS)
def test_preset_file_loads_strictly_and_round_trips_byte_for_byte(preset_id):
    preset = BY_ID[preset_id]
    design = load_design(preset.path, check=True)
    assert design_to_json(design).encode("utf-8") == preset.path.read_bytes()
    assert (design.name, design.description) == (preset.title_en, preset.explanation_en)
    assert load_preset(preset_id) == design


def test_index_lists_every_file_once_with_both_languages():
    files = {p.name for p in presets_folder().glob("*.json")} - {"index.json"}
    assert sorted(p.path.name for p in PRESETS) == sorted(files)
    assert len(set(IDS)) == len(IDS)
    concepts = {c.id for c in list_concepts()}
    assert {p.concept for p in PRESETS} == concepts, "every concept has a preset and every preset a known concept"
    for p in PRESETS:
        assert HANGUL.search(p.title_ko) and HANGUL.search(p.explanation_ko), p.id
        for text in (p.explanation_en, p.explanation_ko):
            assert 2 <= len(re.split(r"(?<=[.!?])\s+", text.strip())) <= 4, (p.id, "2-4 sentences of what to try and watch")
        assert set(p.expect) <= KNOWN_EXPECT and ("steps" in p.expect or "epochs" in p.expect), p.id
        assert p.title("ko") == p.title_ko and p.explanation("en") == p.explanation_en


def test_concepts_and_presets_follow_the_course_order():
    """Open Preset shows the concepts in index order: the order the course teaches them."""
    course = ["perceptron", "loss_functions", "learning_rate", "optimizers", "vanishing_gradients", "batch_modes",
              "batch_normalization"]
    assert [c.id for c in list_concepts()] == course
    positions = [course.index(p.concept) for p in PRESETS]
    assert positions == sorted(positions), "each concept's presets sit together, in course order"


def test_presets_cover_every_concept_the_course_names():
    designs = {p.id: load_design(p.path) for p in PRESETS}
    by_concept = lambda c: [designs[p.id] for p in PRESETS if p.concept == c]  # noqa: E731
    assert {d.optimizer.name for d in by_concept("optimizers")} == {"sgd", "momentum", "adagrad", "rmsprop", "adam"}
    assert sorted(d.training.batch_mode for d in by_concept("batch_modes")) == ["full", "minibatch", "stochastic"]
    assert {d.loss for d in by_concept("loss_functions")} == {"mse", "mae", "cross_entropy", "bce"}
    assert [d.has_batchnorm for d in by_concept("batch_normalization")] == [False, True]
    assert sorted(d.optimizer.lr for d in by_concept("learning_rate")) == [0.0001, 0.1, 1.0]
    # Presets meant to be compared differ only where the lesson says they do.
    for concept, field in [("optimizers", "optimizer"), ("batch_modes", "training"), ("learning_rate", "optimizer")]:
        stripped = {design_to_json(d.with_(name="", description="", **{field: type(getattr(d, field))()})) for d in by_concept(concept)}
        assert len(stripped) == 1, concept
    xor, hidden = designs["perceptron_xor"], designs["xor_hidden_layer"]
    assert designs["perceptron_linear"].layers == xor.layers == () and len(hidden.layers) == 1


def test_unknown_preset_is_refused_with_the_list_of_names():
    with pytest.raises(PresetError) as caught:
        load_preset("no_such_preset")
    assert "perceptron_linear" in str(caught.value)


def test_cli_lists_the_presets(capsys):
    assert cli_main(["presets"]) == 0
    out = capsys.readouterr().out
    assert all(p.id in out and str(p.path) in out for p in PRESETS)


# --- the promised effects ----------------------------------------------------------------
@dataclass
class Outcome:
    trainer: Trainer
    first_loss: float
    last_loss: float
    first_probe: ProbeReport | None
    last_probe: ProbeReport | None
    diverged: Diverged | None


@functools.cache
def outcome(preset_id: str, steps: int | None, epochs: int | None) -> Outcome:
    """Train the preset from scratch for the budget, probing its first and last steps."""
    design = load_preset(preset_id).with_training(device="cpu")
    trainer = Trainer(design)
    n = steps if steps is not None else epochs * trainer.steps_per_epoch
    assert n <= trainer.max_steps, "the promised effect must show within the preset's own epoch limit"
    first_loss = trainer.evaluate().train_loss
    first_probe = last_probe = None
    try:
        first_probe = trainer.train_steps(1, probe=True).probe
        trainer.train_steps(n - 2)
        last_probe = trainer.train_steps(1, probe=True).probe
    except Diverged as error:
        return Outcome(trainer, first_loss, float("nan"), first_probe, None, error)
    return Outcome(trainer, first_loss, trainer.evaluate().train_loss, first_probe, last_probe, None)


def budget(preset_id: str) -> tuple[int | None, int | None]:
    expect = BY_ID[preset_id].expect
    return expect.get("steps"), expect.get("epochs")


def distance_to_clean_curve(o: Outcome) -> float:
    xs = np.linspace(-1, 1, 101, dtype=np.float32)[:, None]
    predicted = o.trainer.predict(o.trainer.dataset.features_of(xs))
    return float(np.abs(predicted - clean_curve(o.trainer.design.data, xs[:, 0])).mean())


@pytest.mark.parametrize("preset_id", IDS)
def test_preset_shows_the_effect_it_promises(preset_id):
    expect = BY_ID[preset_id].expect
    o = outcome(preset_id, *budget(preset_id))
    if expect.get("diverges"):
        assert o.diverged is not None, "the too-large learning rate should make training diverge"
        assert "lower learning rate" in str(o.diverged)
        return
    assert o.diverged is None, str(o.diverged)
    metrics = o.trainer.evaluate()
    if "test_accuracy_at_least" in expect:
        assert metrics.test_accuracy >= expect["test_accuracy_at_least"]
    if "test_accuracy_at_most" in expect:
        assert metrics.test_accuracy <= expect["test_accuracy_at_most"]
    if "verdict" in expect:
        assert o.last_probe.verdict.state == expect["verdict"], o.last_probe.verdict.reason
    if "verdict_is_not" in expect:
        assert o.last_probe.verdict.state != expect["verdict_is_not"], o.last_probe.verdict.reason
    if "steps_per_epoch" in expect:
        assert o.trainer.steps_per_epoch == expect["steps_per_epoch"]
        assert o.trainer.step == (expect.get("epochs") or 1) * expect["steps_per_epoch"]
    if "lower_loss_than" in expect:
        other = outcome(expect["lower_loss_than"], *budget(preset_id))
        assert o.last_loss < 0.75 * other.last_loss, (o.last_loss, other.last_loss)
    if "closer_to_clean_curve_than" in expect:
        other = outcome(expect["closer_to_clean_curve_than"], *budget(preset_id))
        assert distance_to_clean_curve(o) < distance_to_clean_curve(other) / 4
    if "loss_drop_at_most_fraction_of" in expect:
        other_id, fraction = expect["loss_drop_at_most_fraction_of"]
        other = outcome(other_id, *budget(preset_id))
        assert 0 <= o.first_loss - o.last_loss <= fraction * (other.first_loss - other.last_loss)
    if "pre_activation_std_drift_at_least" in expect:
        pairs = zip(o.first_probe.activations, o.last_probe.activations)
        drift = max(max(a.std / b.std, b.std / a.std) for a, b in pairs)
        assert drift >= expect["pre_activation_std_drift_at_least"], drift
    if "batchnorm_output_std_between" in expect:
        low, high = expect["batchnorm_output_std_between"]
        stds = [a.std for p in (o.first_probe, o.last_probe) for a in p.activations if a.name.startswith("BatchNorm")]
        assert stds and all(low <= s <= high for s in stds), stds


def test_the_learning_rate_presets_differ_only_by_learning_rate_and_the_right_one_fits():
    right = outcome("learning_rate_right", *budget("learning_rate_right"))
    assert right.last_loss < 0.2 * right.first_loss
    assert distance_to_clean_curve(right) < 0.15


def test_the_perceptron_presets_use_an_output_neuron_only():
    for preset_id in ("perceptron_linear", "perceptron_xor"):
        trainer = outcome(preset_id, *budget(preset_id)).trainer
        assert [b.kind for b in trainer.blocks] == ["output"]
        assert [w.shape for w in trainer.extras()["weights"]] == [(1, 2)]


def test_mse_fit_is_pulled_towards_the_outliers():
    mse = outcome("outliers_mse", *budget("outliers_mse"))
    xs = np.linspace(-1, 1, 101, dtype=np.float32)[:, None]
    shift = mse.trainer.predict(xs) - clean_curve("line", xs[:, 0])
    assert shift.mean() > 0.3, "MSE's line should sit above the clean line, towards the outliers"
    assert registry.DATASETS["line"].uses_outliers
