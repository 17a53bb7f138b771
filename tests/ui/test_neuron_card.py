"""The neuron card: a neuron's formula with the real numbers of the learner's network, its
activation curve and slope, chosen by clicking the network diagram, for a point clicked in
the Output view (or a test sample, or a traced sample)."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch
from PySide6.QtCore import QPoint, QPointF, Qt

from neuron_answers import block_input, explain
from playground.design.schema import BatchNormLayer, Design, LinearLayer
from playground.training.trace_step import trace_step
from playground.training.trainer import Trainer
from playground.design.registry import ACTIVATIONS
from playground.ui.labels import layer_name
from playground.ui.neuron_facts import MAX_TERMS, activation_name, from_explained, from_trace, sum_lines
from playground.ui.panels.neuron_card import NeuronCard, neuron_title
from playground.ui.window.neuron import in_front


def sigmoid_design(units: int = 8) -> Design:
    return Design(layers=(LinearLayer(units=units, activation="sigmoid"),))


@pytest.fixture
def card(qtbot):
    card = NeuronCard()
    qtbot.addWidget(card)
    card.resize(520, 320)
    card.show()
    return card


def shown_z(card: NeuronCard) -> float:
    """The z the card writes as the weighted sum's total (its last "z = …" line)."""
    line = [line for line in card.formula_text().splitlines() if line.startswith("z = ")][-1]
    return float(line.split("=")[-1].strip().replace("−", "-"))


def direct_z(trainer: Trainer, block: int, unit: int, point) -> float:
    """Σ wᵢxᵢ + b from the Trainer's own weights, in float64."""
    x = block_input(trainer, block, point)[0].double().numpy()
    layer = trainer.network[trainer.blocks[block].start]
    w = layer.weight.detach()[unit].double().numpy()
    return float(w @ x + float(layer.bias.detach()[unit]))


def test_the_shown_z_is_the_weighted_sum_of_the_answer_and_of_the_trainer(card):
    trainer = Trainer(Design(layers=(LinearLayer(units=16, activation="tanh"), LinearLayer(units=4, activation="sigmoid"))))
    trainer.train_steps(30)
    point = (1.5, -2.0)
    answer = explain(trainer, 1, 2, point)
    card.show_facts(neuron_title("Linear 2", 2, "sigmoid"), from_explained(answer))
    expected = direct_z(trainer, 1, 2, point)
    assert abs(expected) > 1e-3
    assert shown_z(card) == pytest.approx(expected, rel=1e-3)
    assert shown_z(card) == pytest.approx(float(answer.weights.astype(np.float64) @ answer.inputs + answer.bias), rel=1e-3)
    text = card.formula_text()
    # 16 inputs: the largest terms written out, the other 11 summed in one line; the parts add up to z.
    assert "… + 11 more terms" in text
    terms = answer.weights.astype(np.float64) * answer.inputs
    written = [float(line.split("=")[-1].replace("−", "-")) for line in text.splitlines() if line.startswith("w")]
    assert len(written) == MAX_TERMS
    assert written == pytest.approx(sorted(terms, key=abs, reverse=True)[:MAX_TERMS], rel=1e-3, abs=1e-6)
    rest = float(text.split("… + 11 more terms = ")[1].splitlines()[0].replace("−", "-"))
    assert sum(written) + rest + answer.bias == pytest.approx(expected, rel=1e-3, abs=1e-4)
    assert "Sigmoid" in text and f"h = {answer.h:.4g}" in text


def test_batchnorm_shows_its_formula_with_the_running_statistics(card):
    design = Design(layers=(LinearLayer(units=4, activation="linear"), BatchNormLayer(activation="relu")))
    trainer = Trainer(design)
    trainer.train_steps(20)
    answer = explain(trainer, 1, 0, (1.0, 1.0))
    card.show_facts("BN", from_explained(answer))
    text = card.formula_text()
    assert "running μ" in text and "γ" in text
    module = trainer.network[trainer.blocks[1].start]
    assert float(module.running_var[0]) != pytest.approx(1.0)  # the statistics moved: they are the run's
    assert f"{float(module.running_mean[0]):.4g}".replace("-", "−") in text
    assert shown_z(card) == pytest.approx(answer.z, rel=1e-3, abs=1e-6)


def test_a_saturated_sigmoid_neuron_is_said_to_pass_almost_no_gradient_and_a_healthy_one_is_not(card):
    trainer = Trainer(sigmoid_design())
    corner = (6.0, 6.0)  # the corner of the plane: large inputs
    zs = [explain(trainer, 0, unit, corner).z for unit in range(8)]
    saturated, healthy = int(np.argmax(np.abs(zs))), int(np.argmin(np.abs(zs)))
    assert abs(zs[saturated]) > 5.99 and abs(zs[healthy]) < 3  # the network as initialised has both

    answer = explain(trainer, 0, saturated, corner)
    card.show_facts("s", from_explained(answer))
    assert answer.slope < 0.0025  # under 1% of the sigmoid's largest slope, 0.25
    assert card.note_text().startswith("Saturated")
    assert f"{answer.slope:.4g}" in card.note_text()
    (zh, h), (zs_, slope) = card.marker_points()
    assert zh == zs_ == pytest.approx(answer.z) and h == pytest.approx(answer.h) and slope == pytest.approx(answer.slope)
    x, curve_h, curve_slope = card.curve_data()
    assert curve_slope.max() == pytest.approx(0.25, rel=1e-3)  # the derivative is drawn, its peak at 0

    card.show_facts("h", from_explained(explain(trainer, 0, healthy, corner)))
    assert card.note_text() == ""


def test_relu_below_zero_is_inactive(card):
    trainer = Trainer(Design(layers=(LinearLayer(units=8, activation="relu"),)))
    trainer.train_steps(5)
    answers = [explain(trainer, 0, unit, (3.0, -2.0)) for unit in range(8)]
    off = next(a for a in answers if a.z < 0)
    on = next(a for a in answers if a.z > 0)
    card.show_facts("off", from_explained(off))
    assert off.slope == 0 and card.note_text().startswith("Inactive")
    card.show_facts("on", from_explained(on))
    assert card.note_text() == ""


def test_a_traced_sample_is_shown_from_the_trace_with_the_weights_the_step_used(card):
    trainer = Trainer(Design(layers=(LinearLayer(units=40, activation="tanh"), LinearLayer(units=3, activation="tanh"))))
    trainer.train_steps(3)
    _, trace, _ = trace_step(trainer)
    facts = from_trace(trace, 1, 2, 5)
    card.show_facts("t", facts)
    block = trace.blocks[1]
    assert shown_z(card) == pytest.approx(float(block.z[5, 2]), rel=1e-3)
    # 40 inputs, 32 traced: the other 8 are one line, and the parts still add up to the step's z
    assert "the other 8 inputs (not traced)" in card.formula_text()
    assert facts.weighted_sum() == pytest.approx(float(block.z[5, 2]), rel=1e-5, abs=1e-6)
    assert facts.slope == pytest.approx(float(block.slope[5, 2]))
    assert np.array_equal(facts.weights, block.param("weight").before[2].astype(np.float64))


def _click_neuron(window, qtbot, layer_index: int, neuron_index: int) -> None:
    view = window.network_view
    x, y = view.neuron_position(layer_index, neuron_index)
    scene = view._box.mapViewToScene(QPointF(x, y))
    qtbot.mouseClick(view._view.viewport(), Qt.LeftButton, pos=view._view.mapFromScene(scene))


def _click_output(window, qtbot, x: float, y: float) -> None:
    output = window.output_view
    box = output._plot.getViewBox()
    scene = box.mapViewToScene(QPointF(x, y))
    qtbot.mouseClick(output._canvas.viewport(), Qt.LeftButton, pos=output._canvas.mapFromScene(scene))


def test_clicking_a_neuron_and_a_point_asks_for_that_neuron_at_that_point(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(window.controller, "explain_neuron", lambda *args: asked.append(args))
    neuron = window.neuron
    assert "Click to see its formula." in window.network_view.tooltip_at_neuron(1, 2)
    assert "Click to see its formula." not in window.network_view.tooltip_at_neuron(0, 0)  # an input has none

    assert in_front(window.gradient_dock) and not neuron.dock.isVisible()  # no card until a click
    _click_neuron(window, qtbot, 1, 2)
    assert neuron.dock.isVisible()
    qtbot.waitUntil(lambda: not in_front(window.gradient_dock))  # it takes Gradient flow's tab
    assert window.network_view.marked_neuron() == (0, 2)
    block, unit, point = asked[-1]
    assert (block, unit) == (0, 2)
    first = window.output_view.picked_point()  # the default: the first test sample's place, marked
    data = window.controller.info.dataset
    assert first == pytest.approx(tuple(data.raw_test[0]))
    assert point == pytest.approx(tuple(data.x_test[0]))

    _click_output(window, qtbot, 2.0, -3.0)
    picked = window.output_view.picked_point()
    assert picked == pytest.approx((2.0, -3.0), abs=0.1)  # within a pixel or two
    assert asked[-1][:2] == (0, 2)
    assert asked[-1][2] == pytest.approx(picked)

    # the answer (made from the same design's weights: the paused run has not trained yet) is shown
    trainer = Trainer(window.document.design)
    dashboard_weight = window.network_view._dashboard.blocks[0].weight
    assert np.allclose(dashboard_weight, trainer.network[0].weight.detach().numpy()[: dashboard_weight.shape[0]])
    answer = explain(trainer, 0, 2, asked[-1][2], run_id=window.controller.info.run_id)
    window.controller.neuron_explained.emit(answer)
    card = neuron.card
    assert card.heading().startswith("Linear 1, neuron 3")
    assert shown_z(card) == pytest.approx(direct_z(trainer, 0, 2, asked[-1][2]), rel=1e-3, abs=1e-6)

    # an answer for another point (an older question) does not replace it
    stale = explain(trainer, 0, 2, (5.0, 5.0), run_id=window.controller.info.run_id)
    window.controller.neuron_explained.emit(stale)
    assert shown_z(card) == pytest.approx(answer.z, rel=1e-3, abs=1e-6)

    qtbot.keyClick(card, Qt.Key_Escape)
    assert not neuron.dock.isVisible() and window.network_view.marked_neuron() is None
    qtbot.waitUntil(lambda: in_front(window.gradient_dock))  # the tab it covered is back


def test_a_test_sample_can_be_the_input(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(window.controller, "explain_neuron", lambda *args: asked.append(args))
    _click_neuron(window, qtbot, 2, 1)
    card = window.neuron.card
    card._source.setCurrentIndex(card._source.findData("test"))
    card._source.activated.emit(card._source.currentIndex())
    card._sample.setValue(4)
    data = window.controller.info.dataset
    assert asked[-1] == (1, 1, pytest.approx(tuple(float(v) for v in data.x_test[3])))


def test_the_card_in_korean_has_no_untranslated_strings(korean, card):
    trainer = Trainer(sigmoid_design())
    answer = explain(trainer, 0, 6, (6.0, 6.0))
    assert abs(answer.z) > 5.99
    card.set_theme(card._theme)
    card.set_sources(["point", "test", "traced"], {"test": 10, "traced": 4})
    card.show_facts(neuron_title("Linear 1", 6, "sigmoid"), from_explained(answer))
    texts = [card.heading(), card.formula_text(), card.note_text(), card._legend.text(),
             *[card._source.itemText(i) for i in range(card._source.count())], card._sample.suffix()]
    many = explain(Trainer(Design(layers=(LinearLayer(units=16, activation="tanh"), LinearLayer(units=2)))), 1, 0, (1.0, 1.0))
    texts += sum_lines(from_explained(many))
    # Names the Korean interface keeps as they are (registry labels: "Sigmoid", "Linear 1", ...)
    kept = {w for name in [*(activation_name(a) for a in ACTIVATIONS), layer_name("Linear 1"), layer_name("Output")]
            for w in re.findall(r"[A-Za-z]{3,}", name)}
    for text in texts:
        plain = re.sub(r"<[^>]+>|&nbsp;", " ", text)
        words = [w for w in re.findall(r"[A-Za-z]{3,}", plain) if w not in kept]
        assert not words, (text[:80], words)
        assert re.search(r"[가-힣]", plain) or re.fullmatch(r"[\s\S]*[=0-9][\s\S]*", plain), plain


def test_a_traced_sample_comes_from_the_step_trace_without_asking_the_process(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(window.controller, "explain_neuron", lambda *args: asked.append(args))
    _click_neuron(window, qtbot, 1, 1)
    card = window.neuron.card
    assert card._source.findData("traced") < 0  # no traced step yet
    trainer = Trainer(window.document.design)
    _, trace, _ = trace_step(trainer, run_id=window.controller.info.run_id)
    window.controller.step_traced.emit(trace)
    assert card._source.findData("traced") >= 0 and card._sample.maximum() >= 1
    asked.clear()
    window.neuron.show_trace(trace, sample=3)  # e.g. the sample the step-through follows
    assert not asked
    assert card.source() == "traced" and card.sample() == 3
    assert shown_z(card) == pytest.approx(float(trace.blocks[0].z[3, 1]), rel=1e-3, abs=1e-6)
    assert card.marker_points()[0][0] == pytest.approx(float(trace.blocks[0].z[3, 1]))


def _train_on(window, qtbot, design: Design, dataset: str, mode: str) -> None:
    """``design`` on ``dataset`` in the window, its run ready and its Output view in ``mode``."""
    window.document.apply(design.with_data(dataset=dataset), dataset)
    qtbot.waitUntil(lambda: window.controller.info is not None and window.controller.info.dataset.name == dataset
                    and window.controller.state == "paused", timeout=60_000)
    qtbot.waitUntil(lambda: window.output_view.mode() == mode)


def test_digits_have_no_plane_to_click_a_test_sample_is_the_input(window, qtbot, monkeypatch):
    _train_on(window, qtbot, Design(layers=(LinearLayer(units=16, activation="relu"),), loss="cross_entropy"),
              "digits", "confusion")
    asked = []
    monkeypatch.setattr(window.controller, "explain_neuron", lambda *args: asked.append(args))
    assert not window.output_view.pick_point(3.0, 3.0)  # a click on the confusion matrix picks nothing
    _click_neuron(window, qtbot, 1, 0)
    card = window.neuron.card
    assert [card._source.itemData(i) for i in range(card._source.count())] == ["test"]
    x_test = window.controller.info.dataset.x_test
    assert asked[-1][:2] == (0, 0) and asked[-1][2] == pytest.approx(tuple(float(v) for v in x_test[0]))


def test_on_1d_data_a_click_picks_an_x(window, qtbot, monkeypatch):
    _train_on(window, qtbot, Design(layers=(LinearLayer(units=4, activation="tanh"),), loss="mse"), "sine", "curve")
    asked = []
    monkeypatch.setattr(window.controller, "explain_neuron", lambda *args: asked.append(args))
    _click_neuron(window, qtbot, 1, 3)
    _click_output(window, qtbot, 0.5, 0.0)
    x = window.output_view.picked_point()
    assert len(x) == 1 and x[0] == pytest.approx(0.5, abs=0.05)
    assert asked[-1] == (0, 3, pytest.approx(x))


def test_the_picked_point_is_marked_only_while_the_card_is_open(window, qtbot, monkeypatch):
    monkeypatch.setattr(window.controller, "explain_neuron", lambda *args: None)
    assert window.output_view.picked_point() is None, "no cross on the plot before a neuron is chosen"
    _click_output(window, qtbot, 2.0, -3.0)  # a click on the plot with no card open marks nothing
    assert window.output_view.picked_point() is None
    _click_neuron(window, qtbot, 1, 2)
    assert window.output_view.picked_point() == pytest.approx((2.0, -3.0), abs=0.1), "the point clicked before"
    window.neuron.close()
    assert window.output_view.picked_point() is None
