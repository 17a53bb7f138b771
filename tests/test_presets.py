"""Every shipped preset loads, round-trips exactly, and shows the effect it promises."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np
import pytest

from playground.cli import main as cli_main
from playground.data.datasets import clean_curve
from playground.design.course import STAGES
from playground.design.io import design_to_json, load_design
from playground.design.presets import EXPECT_KEYS, PresetError, list_presets, load_preset, presets_folder
from playground.nn.probes import Metrics, ProbeReport
from playground.training.run_loop import SPEEDS
from playground.training.trainer import Diverged, Trainer

pytestmark = pytest.mark.usefixtures("one_torch_thread")  # as the training process trains

PRESETS = list_presets()
IDS = [p.id for p in PRESETS]
BY_ID = {p.id: p for p in PRESETS}
HANGUL = re.compile("[\uac00-\ud7a3]")


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
    assert {p.stage for p in PRESETS} <= set(STAGES), "every preset shows one of the course's stages"
    assert set(STAGES) - {p.stage for p in PRESETS} == {"backpropagation"}, "a preset for every other stage"
    for p in PRESETS:
        assert HANGUL.search(p.title_ko) and HANGUL.search(p.explanation_ko), p.id
        for text in (p.explanation_en, p.explanation_ko):
            assert 2 <= len(re.split(r"(?<=[.!?])\s+", text.strip())) <= 4, (p.id, "2-4 sentences of what to try and watch")
        assert set(p.expect) <= EXPECT_KEYS and ("steps" in p.expect or "epochs" in p.expect), p.id
        assert p.title("ko") == p.title_ko and p.explanation("en") == p.explanation_en


def test_concepts_and_presets_follow_the_course_order():
    """The index lists the presets in the order the course teaches their stages."""
    positions = [STAGES.index(p.stage) for p in PRESETS]
    assert positions == sorted(positions), "each concept's presets sit together, in course order"


def test_presets_cover_every_concept_the_course_names():
    designs = {p.id: load_design(p.path) for p in PRESETS}
    by_concept = lambda c: [designs[p.id] for p in PRESETS if p.stage == c]  # noqa: E731
    assert {d.optimizer.name for d in by_concept("optimizers")} == {"sgd", "momentum", "adagrad", "rmsprop", "adam"}
    assert sorted(d.training.batch_mode for d in by_concept("batching")) == ["full", "minibatch", "stochastic"]
    assert {d.loss for d in by_concept("loss_functions")} == {"mse", "mae", "cross_entropy", "bce"}
    assert [d.has_batchnorm for d in by_concept("batch_norm")] == [False, True]
    assert sorted(d.optimizer.lr for d in by_concept("learning_rate")) == [0.0001, 0.1, 1.0]
    # Presets meant to be compared differ only where the lesson says they do.
    for concept, field in [("optimizers", "optimizer"), ("batching", "training"), ("learning_rate", "optimizer"),
                           ("batch_norm", "layers")]:
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
    steps: int  # the budget
    first_metrics: Metrics  # before training
    trace: np.ndarray  # (m, 2): step, evaluated training loss; at step 0 and after every epoch and the last step
    step_losses: np.ndarray  # every step's training loss (one batch), as the loss plot's faint line shows it
    first_probe: ProbeReport | None
    last_probe: ProbeReport | None
    diverged: Diverged | None

    @property
    def first_loss(self) -> float:
        return float(self.trace[0, 1])

    @property
    def last_loss(self) -> float:
        return float(self.trace[-1, 1]) if self.diverged is None else float("nan")

    def steps_to(self, target: float) -> int | None:
        """The first evaluation step whose training loss is below ``target``; None when none is."""
        below = np.flatnonzero(self.trace[:, 1] < target)
        return int(self.trace[below[0], 0]) if below.size else None

    def drop_per_step(self, start: int, stop: int) -> float:
        """How fast the evaluated training loss fell between two evaluation steps."""
        at = {int(s): loss for s, loss in self.trace}
        return (at[start] - at[stop]) / (stop - start)


def budget_steps(preset_id: str, trainer: Trainer) -> int:
    expect = BY_ID[preset_id].expect
    return expect["steps"] if "steps" in expect else expect["epochs"] * trainer.steps_per_epoch


@functools.cache
def outcome(preset_id: str) -> Outcome:
    """Train the preset from scratch for its budget as the app does (on the CPU; conftest: one thread), evaluating
    the training loss after every epoch and probing the first and the last step."""
    trainer = Trainer(load_preset(preset_id).with_training(device="cpu"))
    n = budget_steps(preset_id, trainer)
    assert n <= trainer.max_steps, "the promised effect must show within the preset's own epoch limit"
    first_metrics = trainer.evaluate()
    trace, losses = [(0, first_metrics.train_loss)], []
    first_probe = probe = None
    try:
        while trainer.step < n:
            k = 1 if trainer.step == 0 else min(trainer.steps_per_epoch - trainer.batch_in_epoch, n - trainer.step)
            result = trainer.train_steps(k, probe=trainer.step == 0 or trainer.step + k == n)
            losses.append(result.losses)
            probe = result.probe or probe
            first_probe = first_probe or result.probe
            if trainer.batch_in_epoch == 0 or trainer.step == n:
                trace.append((trainer.step, trainer.evaluate().train_loss))
    except Diverged as error:
        losses.append(error.losses)
        return Outcome(trainer, n, first_metrics, np.array(trace), np.concatenate(losses), first_probe, None, error)
    return Outcome(trainer, n, first_metrics, np.array(trace), np.concatenate(losses), first_probe, probe, None)


def distance_to_clean_curve(trainer: Trainer) -> np.ndarray:
    """The fitted curve minus the noiseless one at 101 points across the data."""
    xs = np.linspace(-1, 1, 101, dtype=np.float32)[:, None]
    predicted = trainer.predict(trainer.dataset.features_of(xs))
    return predicted - clean_curve(trainer.design.data, xs[:, 0])


def roughness(o: Outcome) -> float:
    """How jagged the per-step loss line is: the mean change from one step to the next."""
    return float(np.abs(np.diff(o.step_losses)).mean())


def compared(preset_id: str, key: str, *, same_budget: bool = True) -> tuple[Outcome, float]:
    """The outcome of the preset that ``expect[key]`` = [other id, factor] names, and the factor."""
    other_id, factor = BY_ID[preset_id].expect[key]
    if same_budget:
        mine, theirs = BY_ID[preset_id].expect, BY_ID[other_id].expect
        assert [mine.get("steps"), mine.get("epochs")] == [theirs.get("steps"), theirs.get("epochs")], "compare like with like"
    return outcome(other_id), factor


@pytest.mark.parametrize("preset_id", IDS)
def test_preset_shows_the_effect_it_promises(preset_id):
    expect = BY_ID[preset_id].expect
    o = outcome(preset_id)
    if "diverges_in_epoch" in expect:
        assert o.diverged is not None, "the too-large learning rate should make training diverge"
        assert "lower learning rate" in str(o.diverged)
        assert o.diverged.epoch + 1 == expect["diverges_in_epoch"]
        assert np.all(np.diff(o.step_losses) > 0), "the loss climbs with every step"
        assert o.diverged.step >= o.steps / 2, "the budget is the time the loss takes to blow up, to watch it"
        return
    assert o.diverged is None, str(o.diverged)
    metrics = o.trainer.evaluate()
    if "first_test_accuracy_at_most" in expect:
        assert o.first_metrics.test_accuracy <= expect["first_test_accuracy_at_most"], "it starts wrong"
    if "train_accuracy_at_most" in expect:
        assert metrics.train_accuracy <= expect["train_accuracy_at_most"], "some training points stay on the wrong side"
    if "test_accuracy_at_least" in expect:
        assert metrics.test_accuracy >= expect["test_accuracy_at_least"]
    if "test_accuracy_at_most" in expect:
        assert metrics.test_accuracy <= expect["test_accuracy_at_most"]
    if "train_loss_at_least" in expect:
        assert o.trace[len(o.trace) // 2 :, 1].min() >= expect["train_loss_at_least"], "the loss stays up"
    if "target_loss" in expect:
        reached = o.steps_to(expect["target_loss"])
        assert reached is not None, (o.last_loss, expect["target_loss"])
        if expect.get("stays_below_target"):
            later = o.trace[o.trace[:, 0] >= reached, 1]
            assert later.max() < expect["target_loss"], "once below the target, the loss spikes back above it"
    if "reaches_target_faster_than" in expect:
        other, factor = compared(preset_id, "reaches_target_faster_than", same_budget=False)
        target = expect["target_loss"]
        mine, theirs = o.steps_to(target), other.steps_to(target)
        assert factor * mine <= other.steps, "the other run trains long enough to compare"
        assert theirs is None or theirs >= factor * mine, (mine, theirs)
    if "lower_loss_than" in expect:
        other, factor = compared(preset_id, "lower_loss_than")
        assert o.last_loss * factor <= other.last_loss, (o.last_loss, other.last_loss)
    if "loss_drop_at_most_fraction_of" in expect:
        other, fraction = compared(preset_id, "loss_drop_at_most_fraction_of")
        assert 0 <= o.first_loss - o.last_loss <= fraction * (other.first_loss - other.last_loss)
    if "slows_down_by_at_least" in expect:
        tenth, half = (int(o.trace[o.trace[:, 0] >= o.steps * f, 0][0]) for f in (0.1, 0.5))
        slowdown = o.drop_per_step(0, tenth) / o.drop_per_step(half, o.steps)
        assert slowdown >= expect["slows_down_by_at_least"], slowdown
    if "smooth" in expect:
        assert np.all(np.diff(o.step_losses) <= 0), "with the exact gradient every step lowers the loss"
    if "noisier_than" in expect:
        other, factor = compared(preset_id, "noisier_than")
        assert roughness(o) >= factor * roughness(other), (roughness(o), roughness(other))
    if "clean_curve_distance_at_most" in expect:
        assert np.abs(distance_to_clean_curve(o.trainer)).mean() <= expect["clean_curve_distance_at_most"]
    if "above_clean_curve_by_at_least" in expect:
        assert distance_to_clean_curve(o.trainer).mean() >= expect["above_clean_curve_by_at_least"]
    if "first_to_output_gradient_at_most" in expect:
        norms = [g.weight_grad_norm for g in o.last_probe.gradients]
        assert norms[0] / norms[-1] <= expect["first_to_output_gradient_at_most"], norms
    if "verdict" in expect:
        assert o.last_probe.verdict.state == expect["verdict"], o.last_probe.verdict.reason
    if "verdict_is_not" in expect:
        assert o.last_probe.verdict.state != expect["verdict_is_not"], o.last_probe.verdict.reason
    if "steps_per_epoch" in expect:
        assert o.trainer.steps_per_epoch == expect["steps_per_epoch"]
        assert o.trainer.step == (expect.get("epochs") or 1) * expect["steps_per_epoch"]
    if "pre_activation_std_drift_at_least" in expect:
        pairs = zip(o.first_probe.activations, o.last_probe.activations)
        drift = max(max(a.std / b.std, b.std / a.std) for a, b in pairs)
        assert drift >= expect["pre_activation_std_drift_at_least"], drift
    if "batchnorm_output_std_between" in expect:
        low, high = expect["batchnorm_output_std_between"]
        stds = [a.std for p in (o.first_probe, o.last_probe) for a in p.activations if a.name.startswith("BatchNorm")]
        assert stds and all(low <= s <= high for s in stds), stds


def test_the_perceptron_presets_use_an_output_neuron_only():
    for preset_id in ("perceptron_linear", "perceptron_xor"):
        trainer = outcome(preset_id).trainer
        assert [b.kind for b in trainer.blocks] == ["output"]
        assert [w.shape for w in trainer.dashboard().weights] == [(1, 2)]


def test_the_right_learning_rate_bounces_at_the_rate_its_explanation_suggests():
    """"Try 0.5 next: the loss starts to bounce": at 0.5 the epoch losses jump up, at 0.1 they never do."""
    assert "Try 0.5" in BY_ID["learning_rate_right"].explanation_en
    right = outcome("learning_rate_right")
    assert np.diff(right.trace[:, 1]).max() < 0.05
    trainer = Trainer(load_preset("learning_rate_right").with_optimizer(lr=0.5).with_training(device="cpu"))
    losses = [trainer.evaluate().train_loss]
    for _ in range(10):
        trainer.train_epoch()
        losses.append(trainer.evaluate().train_loss)
    assert np.isfinite(losses).all() and (np.diff(losses) >= 0.05).sum() >= 2, losses



def test_raising_the_outlier_share_moves_mse_and_not_mae():
    """"Raise the outlier share and watch MAE hold while MSE gives way" (here from 20 % to 40 %)."""
    assert "Raise the outlier share" in BY_ID["outliers_mae"].explanation_en
    shifts = {}
    for preset_id in ("outliers_mse", "outliers_mae"):
        trainer = Trainer(load_preset(preset_id).with_data(outlier_fraction=0.4).with_training(device="cpu"))
        trainer.train_steps(outcome(preset_id).steps)
        shifts[preset_id] = distance_to_clean_curve(trainer)
    assert shifts["outliers_mse"].mean() >= 1.5 * distance_to_clean_curve(outcome("outliers_mse").trainer).mean()
    assert np.abs(shifts["outliers_mae"]).mean() <= BY_ID["outliers_mae"].expect["clean_curve_distance_at_most"]

# --- the pace ------------------------------------------------------------------------------
@pytest.mark.parametrize("preset_id", IDS)
def test_preset_pace_unfolds_its_effect_over_tens_of_seconds(preset_id):
    """The budget in ``expect`` is how many steps the effect takes; at the preset's pace a person
    watches it unfold over 15-60 seconds, and the explanation says what to watch."""
    preset = BY_ID[preset_id]
    assert preset.pace in SPEEDS and preset.pace is not None
    trainer = Trainer(load_preset(preset_id).with_training(device="cpu"))
    seconds = budget_steps(preset_id, trainer) / preset.pace
    assert 15 <= seconds <= 60, seconds
    assert "watch" in preset.explanation_en.lower() and "보세요" in preset.explanation_ko
    for text in (preset.explanation_en, preset.explanation_ko):
        assert not re.search(r"steps?/s|per second|\bpace\b|초당", text), "the window shows the pace, not the text"


def test_presets_compared_with_each_other_open_at_the_same_epochs_per_second():
    """A learner compares the two runs' curves as they unfold: neither may run ahead of the other."""
    def epochs_per_second(preset_id: str) -> float:
        return BY_ID[preset_id].pace / Trainer(load_preset(preset_id).with_training(device="cpu")).steps_per_epoch

    for preset in PRESETS:
        for key in ("reaches_target_faster_than", "lower_loss_than", "loss_drop_at_most_fraction_of", "noisier_than"):
            if key in preset.expect:
                other = preset.expect[key][0]
                assert epochs_per_second(preset.id) == epochs_per_second(other), (preset.id, other)
