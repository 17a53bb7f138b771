"""The Inside one step dock: each stage shows the traced step's own numbers.

Traces come from playground.training.trace_step on real Trainers (the step the run would
take next, with autograd), so these tests hold the text to what training really did:
the neuron's sum to its z, the chain rule's product to ∂L/∂h · h′(z) · input and its
batch sum to the optimizer's gradient, the optimizer's rule to the real Δw.
Tolerances: the panel writes float32 numbers; arithmetic on them in float64 agrees with
torch's float32 results to about 1e-6 relative (rtol 1e-4 leaves room for the order of a sum).
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from playground.design.schema import BatchNormLayer, Design, DropoutLayer, LinearLayer
from playground.runs.inside import GradientChecked
from playground.training.trace_step import trace_step
from playground.training.trainer import Trainer
from playground.ui.panels.inside import InsidePanel
from playground.ui.panels.inside.bars import bar_shares
from playground.ui.theme import LIGHT
from playground.ui.widgets.numbers import num

RTOL = 1e-4
HANGUL = re.compile("[\uac00-\ud7a3]")


def traced(design: Design, steps_before: int = 3, run_id: int = 0):
    """A trace of the step after ``steps_before`` steps of a fresh Trainer of ``design``."""
    trainer = Trainer(design)
    if steps_before:
        trainer.train_steps(steps_before)
    return trace_step(trainer, run_id)[1]


def sigmoid_deep(optimizer="sgd", **training) -> Design:
    layers = tuple(LinearLayer(units=4, activation="sigmoid") for _ in range(5))
    return Design(layers=layers, loss="bce").with_optimizer(name=optimizer).with_training(batch_size=16, **training)


def batchnorm_net(optimizer="adam") -> Design:
    layers = (LinearLayer(units=6, activation="linear"), BatchNormLayer(activation="tanh"),
              LinearLayer(units=4, activation="tanh"), DropoutLayer(p=0.25))
    return Design(layers=layers, loss="bce").with_data(dataset="moons").with_optimizer(name=optimizer).with_training(
        batch_size=32)


def classes_net(optimizer="momentum") -> Design:
    layers = (LinearLayer(units=8, activation="relu"),)
    return Design(layers=layers, loss="cross_entropy").with_data(dataset="blobs").with_optimizer(
        name=optimizer).with_training(batch_size=20, regularization="l2", regularization_rate=0.01)


@pytest.fixture
def panel(qtbot):
    widget = InsidePanel()
    widget.set_theme(LIGHT)
    widget.resize(360, 700)
    qtbot.addWidget(widget)
    return widget


def shows(panel: InsidePanel, *values: float) -> None:
    """Each value is written in the stage's text as the panel writes it."""
    text = panel.shown_text()
    for value in values:
        assert num(value) in text, f"{num(value)} not in: {text[:400]}"


# --- forward -----------------------------------------------------------------------------------
def test_forward_writes_the_neurons_sum_with_its_real_terms(panel):
    trace = traced(sigmoid_deep())
    panel.show_trace(trace)
    assert panel.stage() == 0
    v = panel.shown_values()
    block = trace.blocks[0]
    weight, bias = block.param("weight").before, block.param("bias").before
    assert v["w0"] == pytest.approx(weight[0, 0]) and v["w1"] == pytest.approx(weight[0, 1])
    assert v["x0"] == pytest.approx(trace.x[0, 0]) and v["b"] == pytest.approx(bias[0])
    # the terms shown add up to the z the forward pass computed, and h = sigmoid(z)
    assert v["w0"] * v["x0"] + v["w1"] * v["x1"] + v["b"] == pytest.approx(block.z[0, 0], rel=RTOL)
    assert v["h"] == pytest.approx(1 / (1 + math.exp(-v["z"])), rel=RTOL)
    assert v["slope"] == pytest.approx(v["h"] * (1 - v["h"]), rel=RTOL)
    shows(panel, v["w0"], v["x0"], v["z"], v["h"], v["slope"])


def test_forward_shows_batch_norms_batch_statistics_and_x_hat(panel):
    trace = traced(batchnorm_net())
    bn = next(i for i, b in enumerate(trace.blocks) if b.kind == "batchnorm")
    panel.show_trace(trace)
    panel.choose_weight(bn, "weight", (2,))
    panel.choose_sample(5)
    v = panel.shown_values()
    block = trace.blocks[bn]
    assert v["mu"] == pytest.approx(block.batch_mean[2]) and v["var"] == pytest.approx(block.batch_var[2])
    x_hat = (block.inputs[5, 2] - block.batch_mean[2]) / math.sqrt(block.batch_var[2] + block.eps)
    assert v["xhat"] == pytest.approx(x_hat, rel=RTOL)
    assert v["gamma"] * v["xhat"] + v["beta"] == pytest.approx(block.z[5, 2], rel=RTOL, abs=1e-6)
    assert v["h"] == pytest.approx(math.tanh(v["z"]), rel=RTOL)
    shows(panel, v["mu"], v["var"], v["xhat"], v["z"])
    dropout = next(b for b in trace.blocks if b.kind == "dropout")
    assert num(dropout.mask[5, 0]) in panel.shown_text()  # the sample's mask


def test_pickers_change_the_numbers(panel, qtbot):
    trace = traced(sigmoid_deep())
    panel.show_trace(trace)
    first = panel.shown_values()["z"]
    panel.sample_combo.setCurrentIndex(3)  # as the learner picks it
    assert panel.pick().sample == 3
    assert panel.shown_values()["z"] == pytest.approx(trace.blocks[0].z[3, 0])
    assert panel.shown_values()["z"] != first
    panel.unit_box.setValue(2)  # the second neuron
    assert panel.shown_values()["z"] == pytest.approx(trace.blocks[0].z[3, 1])
    panel.block_combo.setCurrentIndex(2)  # the third layer
    assert panel.pick().block == 2
    assert panel.shown_values()["z"] == pytest.approx(trace.blocks[2].z[3, 1])
    panel.choose_sample(None)  # the batch mean
    assert panel.shown_values()["z"] == pytest.approx(trace.blocks[2].z_mean[1])
    assert str(trace.batch_size) in panel.shown_text()


# --- loss --------------------------------------------------------------------------------------
def test_loss_shows_cross_entropy_with_its_softmax(panel):
    trace = traced(classes_net())
    panel.show_trace(trace, stage=1)
    v = panel.shown_values()
    logits = trace.loss.outputs[0].astype(np.float64)
    softmax = np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum()
    y = int(trace.loss.targets[0])
    assert v["p"] == pytest.approx(softmax[y], rel=RTOL)
    assert v["per_sample"] == pytest.approx(-math.log(v["p"]), rel=RTOL)
    assert v["loss"] == pytest.approx(trace.loss.value)
    assert v["penalty"] == pytest.approx(trace.loss.penalty)
    shows(panel, v["p"], v["per_sample"], v["loss"], v["penalty"])


@pytest.mark.parametrize("loss", ["mse", "mae", "huber", "bce"])
def test_loss_formula_gives_the_samples_loss(panel, loss):
    dataset = "circle" if loss == "bce" else "line"
    trace = traced(Design(layers=(LinearLayer(units=3, activation="tanh"),), loss=loss).with_data(dataset=dataset))
    panel.show_trace(trace, stage=1)
    v = panel.shown_values()
    o, y, delta = v["output"], v["target"], v.get("delta", 1.0)
    p = 1 / (1 + math.exp(-o))
    expected = {"mse": (o - y) ** 2, "mae": abs(o - y),
                "huber": 0.5 * (o - y) ** 2 if abs(o - y) <= delta else delta * (abs(o - y) - 0.5 * delta),
                "bce": -(y * math.log(p) + (1 - y) * math.log(1 - p))}[loss]
    assert v["per_sample"] == pytest.approx(expected, rel=RTOL, abs=1e-7)
    assert v["per_sample"] == pytest.approx(trace.loss.per_sample[0])
    shows(panel, v["per_sample"], v["loss"])


# --- backward ----------------------------------------------------------------------------------
def test_backward_chain_rule_is_the_product_of_the_traces_factors(panel):
    trace = traced(sigmoid_deep())
    panel.show_trace(trace, stage=2)
    panel.choose_weight(0, "weight", (1, 1))
    panel.choose_sample(2)
    v = panel.shown_values()
    block = trace.blocks[0]
    assert v["grad_h"] == pytest.approx(block.grad_h[2, 1])
    assert v["slope"] == pytest.approx(block.slope[2, 1])
    assert v["input"] == pytest.approx(block.inputs[2, 1])
    assert v["share"] == pytest.approx(block.grad_h[2, 1] * block.slope[2, 1] * block.inputs[2, 1], rel=RTOL)
    # the whole batch is traced (16 rows): the shares add up to autograd's ∂L/∂w
    assert v["shares_sum"] == pytest.approx(block.param("weight").grad[1, 1], rel=RTOL, abs=1e-9)
    assert v["data_grad"] == pytest.approx(block.param("weight").grad[1, 1])
    shows(panel, v["grad_h"], v["slope"], v["input"], v["share"], v["data_grad"])


def test_backward_bars_show_the_gradient_vanishing_down_a_sigmoid_net(panel):
    trace = traced(sigmoid_deep())
    panel.show_trace(trace, stage=2)
    rows = panel.bars.rows()
    assert [value for _, value in rows] == [pytest.approx(b.grad_h_norm) for b in reversed(trace.blocks)]
    shares = bar_shares([value for _, value in rows])
    assert shares[-1] < shares[0]  # the first layer's bar is shorter than the output's
    assert rows[0][1] / rows[-1][1] > 10  # five sigmoids lose more than a factor of 10


def test_a_weak_path_through_one_neuron_is_not_called_a_vanished_gradient(panel):
    """One neuron's ∂L/∂h made tiny for sample 1 in a healthy tanh network: the panel marks
    the factor but says this sample's error barely reaches the neuron, not that the gradient
    vanished (the layer's ‖∂L/∂h‖ is as large as the output's)."""
    trace = traced(Design(layers=(LinearLayer(units=4, activation="tanh"),) * 2))
    first = trace.blocks[0]
    sent = float(np.abs(trace.loss.grad_output[0]).max())
    assert first.grad_h_norm > 1e-2 * trace.blocks[-1].grad_h_norm, "a healthy layer"
    grad_h = first.grad_h.copy()
    grad_h[0, 0] = 1e-6 * sent
    trace = replace(trace, blocks=(replace(first, grad_h=grad_h),) + trace.blocks[1:])
    panel.show_trace(trace, stage=2)
    panel.choose_weight(0, "weight", (0, 0))
    text = panel.shown_text()
    assert "little of this sample's error reaches this neuron" in text and num(first.grad_h_norm) in text
    assert "vanished on its way down" not in text


def test_a_vanished_gradient_is_the_marked_factor(panel):
    """Eight sigmoid layers: ∂L/∂h at the first is a tiny share of what the loss sent back
    (each sigmoid passes at most 1/4), and the panel marks it; at the output nothing is tiny."""
    layers = tuple(LinearLayer(units=4, activation="sigmoid") for _ in range(8))
    trace = traced(Design(layers=layers, loss="bce").with_training(batch_size=16))
    panel.show_trace(trace, stage=2)
    v = panel.shown_values()
    sent = float(np.abs(trace.loss.grad_output[0]).max())
    assert abs(v["grad_h"]) < 1e-2 * sent
    assert "vanished on its way down" in panel.shown_text() and num(v["grad_h"]) in panel.shown_text()
    panel.choose_weight(len(trace.blocks) - 1, "weight", (0, 0))  # the output layer: ∂L/∂h is what the loss sent
    assert panel.shown_values()["grad_h"] == pytest.approx(trace.loss.grad_output[0, 0])
    assert "vanished" not in panel.shown_text()


def test_a_small_loss_is_not_a_vanished_gradient(panel):
    """A network that fits its batch sends little gradient back anywhere: ∂L/∂h is small at
    every layer, but no smaller than what the loss sent, so nothing vanished."""
    trace = traced(Design(layers=(LinearLayer(units=3, activation="tanh"),), loss="bce"))
    small = 1e-5
    blocks = tuple(replace(b, grad_h=b.grad_h * small, grad_z=b.grad_z * small) for b in trace.blocks)
    trace = replace(trace, blocks=blocks, loss=replace(trace.loss, grad_output=trace.loss.grad_output * small))
    panel.show_trace(trace, stage=2)
    assert abs(panel.shown_values()["grad_h"]) * trace.batch_size < 1e-3
    assert "vanished" not in panel.shown_text()


def test_regularization_adds_its_share_to_the_gradient(panel):
    trace = traced(classes_net())
    panel.show_trace(trace, stage=2)
    panel.choose_weight(1, "weight", (2, 3))  # the output layer
    v = panel.shown_values()
    param = trace.blocks[1].param("weight")
    assert v["penalty_grad"] == pytest.approx(param.penalty_grad[2, 3])
    assert v["data_grad"] + v["penalty_grad"] == pytest.approx(param.grad[2, 3], rel=RTOL)
    shows(panel, v["penalty_grad"], v["grad"])


def test_gradient_check_is_green_when_it_agrees_and_red_when_not(panel, qtbot):
    trace = traced(sigmoid_deep(), run_id=4)
    panel.show_trace(trace, stage=2)
    with qtbot.waitSignal(panel.gradient_check_requested) as asked:
        panel.check_button.click()
    assert asked.args == [0, "weight", (0, 0)]
    good = GradientChecked(4, trace.step, 0, "weight", (0, 0), 0.012345, 0.012345001, 8e-8, 1e-6)
    panel.show_gradient_check(good)
    assert panel.check_colour() == "good" and LIGHT.good in panel.check_result.styleSheet()
    assert num(0.012345) in panel.check_result.text() and "agree" in panel.check_result.text()
    wrong = GradientChecked(4, trace.step, 0, "weight", (0, 0), 0.02, 0.012345, 0.38, 1e-6)
    panel.show_gradient_check(wrong)
    assert panel.check_colour() == "bad" and LIGHT.bad in panel.check_result.styleSheet()
    assert "disagree" in panel.check_result.text()
    stale = GradientChecked(4, trace.step - 1, 0, "weight", (0, 0), 0.0, 0.0, 0.0, 1e-6)
    panel.show_gradient_check(stale)  # another step's check is not this one's
    assert panel.check_colour() == "bad"
    nan = float("nan")
    refused = GradientChecked(4, -1, 0, "weight", (0, 0), nan, nan, nan, 0.0, "The run moved on since.")
    panel.show_gradient_check(refused)
    assert panel.check_colour() == "" and "The run moved on since." in panel.check_result.text()


# --- update ------------------------------------------------------------------------------------
def test_adam_update_from_the_shown_state_gives_the_real_change(panel):
    trace = traced(batchnorm_net("adam"))
    panel.show_trace(trace, stage=3)
    v = panel.shown_values()
    h, t = trace.hyperparameters, trace.optimizer_step
    assert t == 4
    param = trace.blocks[0].param("weight")
    m = h["beta1"] * v["exp_avg_before"] + (1 - h["beta1"]) * v["grad"]
    assert v["exp_avg_after"] == pytest.approx(m, rel=RTOL)
    assert v["exp_avg_sq_after"] == pytest.approx(
        h["beta2"] * v["exp_avg_sq_before"] + (1 - h["beta2"]) * v["grad"] ** 2, rel=RTOL)
    m_hat, v_hat = v["exp_avg_after"] / (1 - h["beta1"] ** t), v["exp_avg_sq_after"] / (1 - h["beta2"] ** t)
    assert v["m_hat"] == pytest.approx(m_hat) and v["v_hat"] == pytest.approx(v_hat)
    delta = -h["lr"] * m_hat / (math.sqrt(v_hat) + h["eps"])
    # float32 keeps the weight to its spacing: the rule's Δ lands within one float32 step of the real change
    assert delta == pytest.approx(float(param.after[0, 0]) - float(param.before[0, 0]), rel=1e-3, abs=v["spacing"])
    assert v["delta"] == pytest.approx(float(param.after[0, 0]) - float(param.before[0, 0]))
    shows(panel, v["m_hat"], v["v_hat"], v["before"], v["after"])


@pytest.mark.parametrize("optimizer", ["sgd", "momentum", "adagrad", "rmsprop", "adamw"])
def test_every_optimizers_rule_gives_the_real_change(panel, optimizer):
    trace = traced(sigmoid_deep(optimizer))
    panel.show_trace(trace, stage=3)
    panel.choose_weight(2, "weight", (1, 2))
    v = panel.shown_values()
    param = trace.blocks[2].param("weight")
    real = float(param.after[1, 2]) - float(param.before[1, 2])
    assert v["rule_delta"] == pytest.approx(real, rel=1e-3, abs=v["spacing"])
    if optimizer == "sgd":
        assert v["rule_delta"] == pytest.approx(-trace.hyperparameters["lr"] * v["grad"], rel=RTOL)
    shows(panel, v["before"], v["after"], v["grad"])


def test_sgd_with_weight_decay_shows_the_decayed_gradient(panel):
    trace = traced(sigmoid_deep().with_optimizer(weight_decay=0.1))
    panel.show_trace(trace, stage=3)
    v = panel.shown_values()
    assert v["g_decayed"] == pytest.approx(v["grad"] + 0.1 * v["before"], rel=RTOL)
    assert v["rule_delta"] == pytest.approx(v["delta"], rel=1e-3, abs=v["spacing"])


# --- navigation --------------------------------------------------------------------------------
def test_back_and_next_by_buttons_and_keys(panel, qtbot):
    panel.show_trace(traced(sigmoid_deep()))
    panel.show()
    qtbot.waitExposed(panel)
    stages = []
    panel.stage_changed.connect(stages.append)
    panel.next_button.click()
    assert panel.stage() == 1 and panel._stage_buttons[1].isChecked()
    assert not panel.bars.isVisibleTo(panel)
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    panel.next_button.setFocus()  # the window gives it the focus when a step comes
    QTest.keyClick(panel.next_button, Qt.Key_Right)
    assert panel.stage() == 2 and panel.bars.isVisibleTo(panel)
    QTest.keyClick(panel.sample_combo, Qt.Key_Right)  # from any widget of the panel
    assert panel.stage() == 3 and not panel.check_button.isVisibleTo(panel)
    with qtbot.waitSignal(panel.next_step_requested):  # past the last stage: the next step
        QTest.keyClick(panel.next_button, Qt.Key_Right)
    QTest.keyClick(panel.next_button, Qt.Key_Left)
    assert panel.stage() == 2
    panel.back_button.click()
    panel.back_button.click()
    assert panel.stage() == 0 and not panel.back_button.isEnabled()
    panel._stage_buttons[3].click()  # the indicator's stages can be clicked
    assert panel.stage() == 3
    assert stages == [1, 2, 3, 2, 1, 0, 3]


def test_korean_has_every_stage_in_korean(korean, qtbot):
    panel = InsidePanel()  # made in Korean (the language is chosen at start-up)
    qtbot.addWidget(panel)
    trace = traced(batchnorm_net())
    panel.show_trace(trace)
    english = re.compile(r"\b(the|this|sample|batch|layer|gradient|weight|step|its)\b", re.IGNORECASE)
    assert all(HANGUL.search(title) for title in panel.stage_titles())
    for stage in range(4):
        panel.set_stage(stage)
        text = panel.shown_text()
        assert HANGUL.search(text)
        assert not english.search(text), (stage, english.search(text).group(0), text[:300])
    for widget in (panel.next_button, panel.back_button, panel.check_button):
        assert HANGUL.search(widget.text())


# --- in the window -----------------------------------------------------------------------------
def _fake_trace_step(window, asked: list):
    """What the controller's trace_step does, made here: pause, take the run's next step
    traced (on a Trainer of the window's design), emit step_traced."""

    def trace_step():
        asked.append(window.controller.state)
        window.controller.pause()
        window.controller.step_traced.emit(traced(window.document.design, 0, window.controller.run_id))

    return trace_step


@pytest.fixture
def eager_window(qtbot, settings, tmp_path):
    """A main window whose run trains eagerly: no compile competes with it for the machine
    while the test waits for the run to pause and go on."""
    from ui_window import WINDOW_TIMEOUT, open_window

    settings.setValue("compiled_step", False)
    window = open_window(qtbot, settings, tmp_path)
    window.timeout = WINDOW_TIMEOUT
    yield window
    window.document.undo_stack.setClean()
    window.close()


def test_step_inside_opens_the_dock_at_forward_and_writes_on_the_diagram(eager_window, qtbot, monkeypatch):
    window = eager_window
    asked = []
    monkeypatch.setattr(window.controller, "trace_step", _fake_trace_step(window, asked))
    inside, view = window.inside, window.network_view
    assert inside.action in window.toolbar.actions()
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() and inside.action in a.menu().actions()]
    assert [menu.title() for menu in menus] == ["&Training"] and inside.action.shortcut().toString() == "Ctrl+I"
    window.controller.play()
    qtbot.waitUntil(lambda: window.controller.state == "running", timeout=window.timeout)
    inside.action.trigger()
    assert asked == ["running"]
    qtbot.waitUntil(lambda: window.controller.state != "running", timeout=window.timeout)
    assert window.controller.state == "paused"
    trace = inside.panel.trace()
    assert inside.dock.isVisible() and inside.panel.stage() == 0
    kind, texts = view.shown_values()
    assert kind == "forward"
    assert texts[(1, 0)] == num(trace.blocks[0].h[0, 0], 3) and texts[(0, 1)] == num(trace.x[0, 1], 3)
    inside.panel.choose_sample(4)
    assert view.shown_values()[1][(1, 0)] == num(trace.blocks[0].h[4, 0], 3)
    inside.panel.next_stage()  # Loss: nothing on the neurons
    assert view.shown_values() == ("", {})
    inside.panel.next_stage()  # Backward: the gradients
    kind, texts = view.shown_values()
    assert kind == "backward" and texts[(1, 1)] == num(trace.blocks[0].grad_h[4, 1], 3) and (0, 0) not in texts
    inside.dock.close()  # training goes on, as it was before Step Inside
    assert view.shown_values() == ("", {})
    qtbot.waitUntil(lambda: window.controller.state == "running", timeout=window.timeout)
    window.controller.pause()


def test_step_inside_without_a_step_shows_the_controllers_reason(window, monkeypatch):
    reason = "There is no run to look inside yet."
    monkeypatch.setattr(window.controller, "trace_step", lambda: window.controller.step_trace_refused.emit(reason))
    window.controller.stop()
    window.inside.action.trigger()  # enabled without a run: it says why
    assert window.inside.dock.isVisible() and window.inside.panel.trace() is None
    assert window.inside.panel._message.text() == reason


def test_the_shortcut_is_in_helps_list(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    window.show_shortcuts()
    assert "Ctrl+I" in shown[0] and "Step inside" in shown[0]


def test_the_gradient_check_stays_in_sight_however_long_the_formulas(panel, qtbot):
    """A short dock (a laptop's, with long Korean lines): the formulas scroll, the Gradient
    check button and its answer do not."""
    panel.resize(320, 420)
    panel.show()
    panel.show_trace(traced(sigmoid_deep()), stage=2)
    qtbot.waitUntil(lambda: panel.check_button.isVisible() and panel._scroll.verticalScrollBar().maximum() > 0)
    assert panel._scroll.verticalScrollBar().maximum() > 0, "the formulas need a scroll here"
    top = panel.check_button.mapTo(panel, panel.check_button.rect().topLeft()).y()
    assert 0 <= top and top + panel.check_button.height() <= panel.height(), "the button is on screen"
    assert not panel._scroll.widget().isAncestorOf(panel.check_button)


def test_forward_writes_the_picked_layer_as_a_tensor_operation_that_opens_in_the_lab(panel, qtbot):
    trace = traced(batchnorm_net())  # Linear 1 (2 → 6), BatchNorm 1, Linear 2 (6 → 4), Dropout 1, Output (4 → 1)
    panel.show()
    panel.show_trace(trace)
    operation = panel.operation
    assert operation.text() == ("Linear 1 as a tensor operation: x (batch, 2) @ weightᵀ (2, 6) + bias (6) "
                                "→ y (batch, 6)")
    with qtbot.waitSignal(panel.lab_requested) as requested:
        operation.button.click()
    assert requested.args == [0]
    panel.choose_weight(2, "weight", (1, 3))
    assert "Linear 2" in operation.text() and "x (batch, 6) @ weightᵀ (6, 4) + bias (4) → y (batch, 4)" in operation.text()
    panel.choose_weight(1, "weight", (0,))
    assert operation.text().startswith("BatchNorm 1 as a tensor operation: x (batch, 6) → (x − μ (6))")
    assert not operation.button.isVisible(), "the lab runs Linear layers only"
    panel.choose_weight(4, "bias", (0,))
    assert operation.text().endswith("x (batch, 4) @ weightᵀ (4, 1) + bias (1) → y (batch, 1)")
    with qtbot.waitSignal(panel.lab_requested) as requested:
        operation.button.click()
    assert requested.args == [4], "the Output layer's block"
    panel.next_stage()  # Loss: no layer is picked there
    assert operation.text() == "" and not operation.isVisible()
    panel.previous_stage()
    assert operation.isVisible()
