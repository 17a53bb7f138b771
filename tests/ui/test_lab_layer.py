"""A layer of the network opened in the Tensor lab: the lab runs LINEAR_LAYER_CODE on the
layer's live tensors (from the training process), says what they are, keeps them for the
next runs until an example or an exercise is picked; a run that cannot answer is said in
the status bar. The lab's session is a fake here (test_lab_window.FakeSession); the
tensors come from the real training process in the main-window tests."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from playground.errors import Problem
from playground.lab.examples import LINEAR_LAYER_CODE
from playground.lab.messages import LabResult
from playground.runs.inside import LayerTensorsTaken
from playground.ui.lab.bridge import LabBridge
from playground.ui.lab.course import Course
from playground.ui.lab.window import LabWindow
from test_lab_window import EXAMPLES, EXERCISES, FakeSession, check, tensor

X = np.arange(12, dtype=np.float32).reshape(3, 4)  # 3 samples (a wide layer's few), 4 inputs
WEIGHT = np.ones((2, 4), np.float32)
BIAS = np.array([0.5, -0.5], np.float32)
TAKEN = LayerTensorsTaken(1, 2, 1234, "Linear 2", 4, 2, X, WEIGHT, BIAS)


def answers():
    product = X @ WEIGHT.T
    values = (("x", X), ("weight", WEIGHT), ("bias", BIAS), ("product", product), ("y", product + BIAS))
    return defaultdict(LabResult, {LINEAR_LAYER_CODE: LabResult(tuple(tensor(n, v, "torch.float32") for n, v in values))})


@pytest.fixture
def lab(qtbot, tmp_path):
    session = FakeSession(answers())
    window = LabWindow(LabBridge(lambda: session), Course(EXAMPLES, EXERCISES, check),
                       QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.session = session
    return window


def test_a_layer_runs_at_once_with_its_tensors_and_keeps_them_until_an_example_is_picked(qtbot, lab):
    lab.open_layer(TAKEN)
    qtbot.waitUntil(lambda: lab.run_button.isEnabled() and bool(lab.drawings.grids), timeout=10_000)
    code, inputs = lab.session.submitted[-1]
    assert code == LINEAR_LAYER_CODE == lab.editor.toPlainText()
    assert list(inputs) == ["x", "weight", "bias"] and inputs["x"] is X and inputs["weight"] is WEIGHT
    assert lab.explanation.text() == (
        "<b>Linear 2 of your network</b> (Linear 4 → 2) at step 1,234: x is its input for the first 3 training "
        "samples; weight and bias are its own, as training has made them. y is what the layer gives the next one.")
    bar = lab.drawings.verticalScrollBar()
    product = next(g for g in lab.drawings.grids if g._value.name == "product")
    # the inputs are drawn above: the view scrolls to the operation (as far as it goes)
    qtbot.waitUntil(lambda: bar.value() > 0 and 0 <= product.y() - bar.value() <= 8, timeout=10_000)  # at the top
    lab.editor.setPlainText("y = x @ weight.T + bias\ny.shape")  # the learner's own line, the same tensors
    lab.run_code()
    qtbot.waitUntil(lambda: lab.run_button.isEnabled(), timeout=10_000)
    assert lab.session.submitted[-1][1]["bias"] is BIAS
    assert lab.show_example(EXAMPLES[0].title)
    qtbot.waitUntil(lambda: lab.run_button.isEnabled(), timeout=10_000)
    assert lab.session.submitted[-1] == (EXAMPLES[0].code, {}) and lab.layer_inputs() == {}


def test_an_exercise_takes_the_place_of_the_layers_tensors(qtbot, lab):
    lab.open_layer(TAKEN)
    qtbot.waitUntil(lambda: lab.run_button.isEnabled(), timeout=10_000)
    lab.side.setCurrentWidget(lab.exercises)
    lab.exercises.choose(0)
    lab.run_code()
    qtbot.waitUntil(lambda: lab.run_button.isEnabled(), timeout=10_000)
    assert list(lab.session.submitted[-1][1]) == ["t"] and lab.layer_inputs() == {}


def test_the_layers_header_in_korean_for_one_sample(qtbot, lab, korean):
    lab.open_layer(LayerTensorsTaken(1, 4, 7, "Output", 4, 1, X[:1], WEIGHT[:1], BIAS[:1]))
    assert lab.explanation.text().startswith("<b>내 신경망의 출력</b> (Linear 4 → 1), 스텝 7: x는 첫 번째 학습 샘플에 대한")


def test_the_layers_code_is_commented_in_the_courses_language():
    from playground.ui.lab.course import load_course

    english, korean = load_course("en").linear_layer, load_course("ko").linear_layer
    assert english == LINEAR_LAYER_CODE and english.startswith("# a Linear layer is one tensor operation")
    assert korean.startswith("# Linear 층(완전 연결 계층)은 텐서 연산 하나입니다")
    assert korean.splitlines()[1:] == english.splitlines()[1:]  # the same code: only the words differ


# --- from the main window, with the training process's live tensors -------------------------------------


def test_open_in_tensor_lab_from_the_layers_panel_brings_the_runs_tensors(qtbot, window):
    session = FakeSession(answers())
    window.tensor_lab._make_session = lambda: session
    editor = window.layer_editor
    editor.select_row(1)  # Linear 1: its input is the training set's first rows themselves
    editor.operation.button.click()
    qtbot.waitUntil(lambda: bool(session.submitted), timeout=30_000)
    lab = window.tensor_lab.lab_window
    assert lab.isVisible()
    code, inputs = session.submitted[-1]
    assert code == LINEAR_LAYER_CODE
    np.testing.assert_array_equal(inputs["x"], window.controller.info.dataset.x_train[:8].astype(np.float32))
    assert inputs["weight"].shape == (4, 2) and inputs["bias"].shape == (4,)
    assert "Linear 1 of your network</b> (Linear 2 → 4) at step 0" in lab.explanation.text(), "the paused new run"
    editor.select_row(3)  # the Output layer: 2 → 1
    editor.operation.button.click()
    qtbot.waitUntil(lambda: session.submitted[-1][1]["weight"].shape == (1, 2), timeout=30_000)
    assert session.submitted[-1][1]["x"].shape == (8, 2)
    assert "Output of your network" in lab.explanation.text()
    window.inside.panel.lab_requested.emit(1)  # the step-through's Forward stage asks the same way
    qtbot.waitUntil(lambda: session.submitted[-1][1]["weight"].shape == (2, 4), timeout=30_000)
    assert "Linear 2 of your network" in lab.explanation.text()


def test_a_run_that_cannot_answer_is_said_in_the_status_bar_and_the_lab_stays_closed(window, monkeypatch):
    problem = Problem("", "There is no run to look inside yet.", "inside_no_run")
    monkeypatch.setattr(window.controller, "_inside_refusal", lambda stepping=True: problem)
    window.layer_editor.select_row(2)
    window.layer_editor.operation.button.click()  # the controller refuses at once
    assert window.statusBar().currentMessage() == (
        "The Tensor Lab cannot open this layer: There is no run to look inside yet.")
    assert window.tensor_lab.lab_window is None
