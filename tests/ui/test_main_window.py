"""The whole window driven as a learner would: build, train, pause, step, reset, edit live, close."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from playground.design import BatchNormLayer, Design, LinearLayer
from playground.ui.main_window import MainWindow

TIMEOUT = 60_000


@pytest.fixture
def window(qtbot, settings, tmp_path):
    window = MainWindow(settings, data_dir=tmp_path / "data")
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: bool(window.views), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)
    yield window
    window.document.undo_stack.setClean()  # no "save changes?" question at close
    window.close()


def wait_state(qtbot, window, state):
    qtbot.waitUntil(lambda: window.controller.state == state, timeout=TIMEOUT)


def latest_step(window) -> int:
    return window.loss_plot.curve_data("train_steps")[0][-1] if len(window.loss_plot.curve_data("train_steps")[0]) else 0


def test_build_a_net_in_the_editor_and_train_until_the_loss_drops(qtbot, window):
    editor = window.layer_editor
    editor.select_row(editor.row_count() - 2)  # the last hidden layer
    editor.add_layer("linear")
    editor.set_units(editor.row_count() - 2, 6)
    assert len(window.document.design.layers) == 3
    window.training_panel.set_optimizer("adam")
    wait_state(qtbot, window, "paused")
    qtbot.keyClick(window, Qt.Key_Space)  # Train
    qtbot.waitUntil(lambda: latest_step(window) > 1500, timeout=TIMEOUT)
    qtbot.keyClick(window, Qt.Key_Space)  # Pause
    wait_state(qtbot, window, "paused")
    steps, losses = window.loss_plot.curve_data("train_steps")
    np.testing.assert_array_equal(steps, np.arange(len(steps)))  # every step reached the plot
    assert losses[-100:].mean() < losses[:100].mean() / 2
    assert "Accuracy" in window.status_labels["accuracy"].text()
    assert window.train_action.text() == "Train"


def test_pause_step_and_epoch(qtbot, window):
    window.step_action.trigger()
    qtbot.waitUntil(lambda: len(window.loss_plot.curve_data("train_steps")[0]) == 1, timeout=TIMEOUT)
    assert window.status_labels["step"].text() == "Step 1"
    window.epoch_action.trigger()
    qtbot.waitUntil(lambda: window.status_labels["epoch"].text() == "Epoch 1", timeout=TIMEOUT)
    assert window.status_labels["step"].text() == "Step 25"
    assert window.controller.state == "paused"


def test_reset_gives_new_weights_on_the_same_data(qtbot, window):
    data = window.document.design.data
    seed = window.document.design.training.seed
    window.controller.play()
    qtbot.waitUntil(lambda: latest_step(window) > 100, timeout=TIMEOUT)
    window.controller.pause()
    wait_state(qtbot, window, "paused")
    boundary = window.output_view.image_array().copy()
    window.reset_action.trigger()
    assert window.document.design.training.seed != seed
    assert window.document.design.data == data
    qtbot.waitUntil(lambda: len(window.loss_plot.curve_data("train_steps")[0]) == 0, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.output_view.image_array() is not None, timeout=TIMEOUT)
    assert not np.array_equal(window.output_view.image_array(), boundary), "new weights, new boundary"
    window.document.undo_stack.undo()
    assert window.document.design.training.seed == seed


def test_learning_rate_changes_live_without_a_reset(qtbot, window):
    window.controller.play()
    qtbot.waitUntil(lambda: latest_step(window) > 200, timeout=TIMEOUT)
    run = window.controller.run_id
    window.lr_box.setValue(0.3)
    assert window.document.design.optimizer.lr == 0.3
    qtbot.waitUntil(lambda: latest_step(window) > 400, timeout=TIMEOUT)
    assert window.controller.run_id == run, "a live change keeps the run"
    assert window.controller.state == "running"


def test_switching_activation_changes_the_gradient_verdict(qtbot, window):
    deep = tuple(LinearLayer(units=8, activation="sigmoid") for _ in range(8))
    window.document.apply(window.document.design.with_(layers=deep), "deep sigmoid")
    wait_state(qtbot, window, "paused")
    window.step_action.trigger()
    qtbot.waitUntil(lambda: "anish" in window.gradient_plot.verdict_text(), timeout=TIMEOUT)
    relu = tuple(LinearLayer(units=8, activation="relu") for _ in range(8))
    window.document.apply(window.document.design.with_(layers=relu, init="he"), "relu")
    wait_state(qtbot, window, "paused")
    window.step_action.trigger()
    qtbot.waitUntil(lambda: window.gradient_plot.verdict_text() == "Healthy", timeout=TIMEOUT)


def test_adding_batchnorm_fills_its_panel(qtbot, window):
    assert not window.batchnorm_plot.has_batchnorm_section()
    layers = (LinearLayer(units=6, activation="linear"), BatchNormLayer(activation="relu"), LinearLayer(units=3))
    window.document.apply(window.document.design.with_(layers=layers), "add BN")
    qtbot.waitUntil(lambda: window.batchnorm_plot.has_batchnorm_section(), timeout=TIMEOUT)
    window.controller.play()
    qtbot.waitUntil(lambda: len(window.batchnorm_plot.series("BatchNorm 1", "running_mean")[0]) > 5, timeout=TIMEOUT)


def test_structural_edit_while_training_resets_the_run_cleanly(qtbot, window):
    window.controller.play()
    qtbot.waitUntil(lambda: latest_step(window) > 300, timeout=TIMEOUT)
    run = window.controller.run_id
    window.data_panel.select_dataset("xor")
    qtbot.waitUntil(lambda: window.controller.run_id != run and window.controller.state == "running", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: 0 < latest_step(window) < 300 or latest_step(window) > 0, timeout=TIMEOUT)
    assert window.controller.info.design.data.dataset == "xor"


def test_a_diverging_run_stops_with_a_visible_explanation(qtbot, window):
    design = Design(layers=(LinearLayer(units=8, activation="relu"),) * 3, loss="mse").with_data(dataset="plane")
    window.document.apply(design.with_optimizer(lr=10.0), "diverge")
    wait_state(qtbot, window, "paused")
    window.controller.play()
    wait_state(qtbot, window, "diverged")
    assert window.banner.isVisible() and "learning rate" in window.banner.text()
    assert not window.train_action.isEnabled()


def test_a_design_that_cannot_train_is_explained_not_run(qtbot, window):
    layers = (LinearLayer(units=4), BatchNormLayer())
    window.document.apply(window.document.design.with_(layers=layers).with_training(batch_mode="stochastic"), "bad")
    wait_state(qtbot, window, "stopped")
    assert "batch normalization" in window.banner.text()
    window.document.undo_stack.undo()
    wait_state(qtbot, window, "paused")
    assert not window.banner.isVisible()


def test_theme_switch_restyles_the_app(qtbot, window):
    from PySide6.QtWidgets import QApplication

    window.set_theme_choice("dark")
    assert QApplication.instance().palette().window().color().lightness() < 80
    assert window.settings.value("theme") == "dark"
    window.set_theme_choice("light")
    assert QApplication.instance().palette().window().color().lightness() > 180


def test_closing_mid_run_stops_the_thread_and_process(qtbot, settings, tmp_path):
    window = MainWindow(settings, data_dir=tmp_path)
    window.show()
    qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)
    window.controller.play()
    qtbot.waitUntil(lambda: window.controller.state == "running", timeout=TIMEOUT)
    worker = window.controller._worker
    window.close()
    assert not worker.thread.isRunning() and not worker.process.is_alive()


def test_the_layout_is_remembered_between_launches(qtbot, settings, tmp_path):
    first = MainWindow(settings, data_dir=tmp_path)
    first.show()
    qtbot.waitUntil(lambda: bool(first.views), timeout=TIMEOUT)
    first.network_dock.hide()
    first.close()
    second = MainWindow(settings, data_dir=tmp_path)
    second.show()
    qtbot.waitUntil(lambda: bool(second.views), timeout=TIMEOUT)
    assert not second.network_dock.isVisible()
    second.reset_layout()
    assert second.network_dock.isVisible()
    second.close()


def test_the_default_window_fits_a_1366x768_screen(qtbot, window):
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 740


def test_status_bar_texts_fit_a_1280x720_window_in_korean(qtbot, korean, settings, tmp_path):
    """The longest texts a run shows (running, compiling, big numbers) in Korean: all of them in full
    at 1280x720; in a narrower window the state, counts, loss and accuracy stay whole."""
    from types import SimpleNamespace

    from playground.probes import StepMode

    window = MainWindow(settings, data_dir=tmp_path / "data", language="ko")
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitUntil(lambda: bool(window.views), timeout=TIMEOUT)
    metrics = SimpleNamespace(train_loss=1.234e-5, test_loss=0.123456, train_accuracy=1.0, test_accuracy=0.999)
    window._show_status(SimpleNamespace(epoch=123_456, step=12_345_678, steps_per_second=12_345.0, state="running",
                                        metrics=metrics, step_mode=StepMode("compiling")))
    window.status_labels["device"].setText("CUDA (NVIDIA GPU)")
    labels = window.status_labels
    qtbot.waitUntil(lambda: labels["accuracy"].width() >= labels["accuracy"].sizeHint().width())
    assert [k for k, label in labels.items() if label.is_elided()] == []
    assert labels["mode"].text() == "즉시 실행, 컴파일 중…"
    assert max(label.geometry().right() for label in labels.values()) <= window.width()
    window.resize(900, 720)
    qtbot.waitUntil(lambda: window.width() == 900)
    important = ("state", "epoch", "step", "loss", "accuracy")
    qtbot.waitUntil(lambda: all(labels[k].width() >= labels[k].sizeHint().width() for k in important))
    assert max(label.geometry().right() for label in labels.values()) <= window.width()
    window.close()
