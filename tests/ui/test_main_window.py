"""The whole window driven as a learner would: build, train, pause, step, reset, edit live, close."""

from contextlib import contextmanager

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QSpinBox

from playground.design.schema import BatchNormLayer, Design, LinearLayer
from playground.ui.main_window import MainWindow

TIMEOUT = 60_000




def wait_state(qtbot, window, state):
    qtbot.waitUntil(lambda: window.controller.state == state, timeout=TIMEOUT)


def latest_step(window) -> int:
    """The newest step on the loss curve (-1 before any: step 0 is the first one trained)."""
    steps = window.loss_plot.curve_data("train_steps")[0]
    return int(steps[-1]) if len(steps) else -1


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


def test_reset_does_not_mark_the_design_unsaved(qtbot, window):
    assert not window.isWindowModified()
    seed = window.document.design.training.seed
    window.reset_action.trigger()
    assert window.document.design.training.seed != seed
    assert not window.isWindowModified() and not window.file_actions.dirty, "a new random start is not unsaved work"
    window.document.apply(window.document.design.with_data(noise=0.1), "noise")
    assert window.isWindowModified()


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
    run, old_steps = window.controller.run_id, latest_step(window)
    new_runs_first_steps = []  # the first step of each snapshot of a later run that carries steps
    window.controller.snapshot_ready.connect(
        lambda s: new_runs_first_steps.append(int(s.steps[0])) if s.run_id != run and len(s.steps) else None)
    window.data_panel.select_dataset("xor")
    qtbot.waitUntil(lambda: window.controller.run_id != run and window.controller.state == "running", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: bool(new_runs_first_steps), timeout=TIMEOUT)
    assert new_runs_first_steps[0] == 0 < old_steps, "the new run counts its steps from the start again"
    steps = window.loss_plot.curve_data("train_steps")[0]
    np.testing.assert_array_equal(steps, np.arange(len(steps)))  # only the new run's steps are on the plot
    assert window.controller.info.design.data.dataset == "xor"


def test_a_diverging_run_stops_with_a_visible_explanation(qtbot, window):
    design = Design(layers=(LinearLayer(units=8, activation="relu"),) * 3, loss="mse").with_data(dataset="plane")
    window.document.apply(design.with_optimizer(lr=10.0), "diverge")
    wait_state(qtbot, window, "paused")
    window.controller.play()
    wait_state(qtbot, window, "diverged")
    assert window.banner.isVisible() and "learning rate" in window.banner.text()
    assert not window.train_action.isEnabled()


def diverge_at_full_speed(qtbot, window):
    """The learning-rate-too-large preset, trained at full speed until it diverges."""
    from playground.design.presets import load_preset

    window.document.apply(load_preset("learning_rate_too_large").with_training(device="cpu"), "diverge")
    wait_state(qtbot, window, "paused")
    window.speed_slider.setValue(window.speed_slider.maximum())
    window.controller.play()
    wait_state(qtbot, window, "diverged")
    qtbot.waitUntil(lambda: window.gradient_plot.verdict_text() != "Healthy", timeout=TIMEOUT)


def test_after_divergence_the_verdict_banner_and_charts_agree(qtbot, window):
    diverge_at_full_speed(qtbot, window)
    bad_step = latest_step(window)
    assert f"step {bad_step + 1}" in window.banner.text()
    plot = window.gradient_plot
    assert plot.verdict_text() == "Diverged: exploding gradients"
    assert f"diverged at step {bad_step + 1}" in plot.reason_text()
    steps, norms = plot.history("Output")
    assert len(steps) >= 2 and steps[-1] == bad_step and np.isfinite(norms).all()
    (x0, x1), _ = plot.history_range()
    assert x0 <= 0 and bad_step <= x1 < 1.5 * (bad_step + 1), (x0, x1)
    labels = window.status_labels
    assert labels["state"].text() == "Diverged" and labels["loss"].text() == "Loss not finite"
    assert labels["speed"].text() == "" and labels["mode"].text() == "", "no rate or step mode once it ended"


@contextmanager
def korean_window(qtbot, qapp, settings, tmp_path):
    """A window in Korean, ready to train; English again afterwards."""
    from playground.ui.i18n import install_translators

    translators = install_translators(qapp, "ko")
    try:
        window = MainWindow(settings, data_dir=tmp_path / "data", language="ko")
        window.resize(1366, 768)
        window.show()
        qtbot.waitUntil(lambda: bool(window.views) and window.controller.state == "paused", timeout=TIMEOUT)
        try:
            yield window
        finally:
            window.document.undo_stack.setClean()
            window.close()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_after_divergence_the_korean_window_says_it_diverged(qtbot, qapp, settings, tmp_path):
    with korean_window(qtbot, qapp, settings, tmp_path) as window:
        diverge_at_full_speed(qtbot, window)
        assert window.gradient_plot.verdict_text() == "발산: 기울기 폭주"
        assert "발산" in window.gradient_plot.reason_text() and "발산" in window.banner.text()
        assert window.status_labels["state"].text() == "발산함"


def test_when_the_training_process_dies_the_status_bar_stops_claiming_a_rate(qtbot, window):
    window.controller.play()
    qtbot.waitUntil(lambda: window.status_labels["speed"].text().endswith("steps/s"), timeout=TIMEOUT)
    assert window.status_labels["mode"].text()
    window.controller._worker.process.kill()
    wait_state(qtbot, window, "error")
    labels = window.status_labels
    assert labels["state"].text() == "Error"
    assert labels["speed"].text() == "" and labels["mode"].text() == ""
    assert "stopped unexpectedly" in window.banner.text()


def focus(qtbot, widget):
    """Give ``widget`` the keyboard focus, its window first becoming the active one."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=TIMEOUT)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=TIMEOUT)


def test_enter_commits_the_learning_rate_and_space_then_trains(qtbot, window):
    box = window.lr_box
    focus(qtbot, box)
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "0.5")
    qtbot.keyClick(box, Qt.Key_Return)
    assert window.document.design.optimizer.lr == 0.5
    assert not box.hasFocus(), "Enter gives the focus back to the window"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Space)
    wait_state(qtbot, window, "running")
    assert box.text() == "0.50000"


def test_space_in_a_number_box_trains_and_the_decimal_point_is_typed(qtbot, window, sent):
    box = window.lr_box
    focus(qtbot, box)
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "0.25")  # '.' is the number's decimal point here, not "step one batch"
    assert box.lineEdit().text() == "0.25" and window.controller.state == "paused"
    qtbot.keyClick(box, Qt.Key_Space)
    wait_state(qtbot, window, "running")
    assert box.lineEdit().text() == "0.25", "Space trains; it is not typed into the number"
    units = window.layer_editor.findChild(QSpinBox)
    focus(qtbot, units)
    qtbot.keyClick(units, Qt.Key_Space)
    qtbot.waitUntil(lambda: window.controller.paused, timeout=TIMEOUT)
    wait_state(qtbot, window, "paused")
    steps_sent = lambda: [type(m).__name__ for m in sent].count("Step")  # noqa: E731
    step, before = latest_step(window), steps_sent()
    qtbot.keyClick(units, Qt.Key_Period)  # a whole number has no decimal point: '.' steps one batch
    assert steps_sent() == before + 1, "'.' asked for one step"
    # (Not "== step + 1": on a busy machine a report sent before the pause may still arrive.)
    qtbot.waitUntil(lambda: latest_step(window) > step, timeout=TIMEOUT)


def test_space_still_types_in_a_text_field(qtbot, window):
    field = QLineEdit()
    window.statusBar().addWidget(field)  # e.g. a name or a CSV column typed by the learner
    focus(qtbot, field)
    qtbot.keyClicks(field, "my net.")
    qtbot.keyClick(field, Qt.Key_Space)
    assert field.text() == "my net. " and window.controller.state == "paused"
    assert len(window.loss_plot.curve_data("train_steps")[0]) == 0, "'.' typed, no step taken"


def test_after_a_dialog_closes_space_trains_instead_of_pressing_a_button(qtbot, window):
    button = window.data_panel.regenerate_button
    focus(qtbot, button)
    seed = window.document.design.data.seed

    def close_dialog():
        dialog = QApplication.activeModalWidget()
        qtbot.keyClick(dialog.focusWidget(), Qt.Key_Space)  # in the dialog, Space presses its button

    QTimer.singleShot(200, close_dialog)
    window.show_shortcuts()
    qtbot.keyClick(button, Qt.Key_Space)
    wait_state(qtbot, window, "running")
    assert window.document.design.data.seed == seed, "the focused button was not pressed"


def import_broken_csv(qtbot, window, tmp_path, monkeypatch):
    """Train the default design a little, then import a CSV file with a word among its numbers."""
    window.step_action.trigger()
    qtbot.waitUntil(lambda: window.output_view.image_array() is not None, timeout=TIMEOUT)
    path = tmp_path / "bad.csv"
    path.write_text("x,y,label\n" + "".join(f"{i},{'oops' if i == 3 else i},{i % 2}\n" for i in range(12)))
    monkeypatch.setattr(window.data_panel, "_choose_csv_path", lambda: str(path))
    window.data_panel.import_csv()
    wait_state(qtbot, window, "error")


def test_a_broken_csv_file_is_named_in_words_and_the_old_picture_goes(qtbot, window, tmp_path, monkeypatch):
    import_broken_csv(qtbot, window, tmp_path, monkeypatch)
    text = window.banner.text()
    assert text.startswith("CSV file: column 'y', row 5: 'oops' is not a number"), text
    assert "data.csv_path" not in text
    view = window.output_view
    assert not view.has_run() and view.image_array() is None, "no picture of the earlier design stays"
    assert view.title_text() == "Output: no current run" and "cannot train" in view.info_text()
    assert len(view.points("train")[0]) == 0
    assert window.status_labels["loss"].text() == "" and window.status_labels["accuracy"].text() == ""
    assert not window.network_view.has_run() and not window.batchnorm_plot.has_run(), "no other dashboard either"
    assert len(window.loss_plot.curve_data("train_steps")[0]) == 0
    assert window.gradient_plot.verdict_text() == "No current run" and not window.gradient_plot.layer_names()
    window.document.undo_stack.undo()  # back to the circle: its run and its picture return
    qtbot.waitUntil(lambda: view.has_run() and window.controller.state == "paused", timeout=TIMEOUT)
    assert window.network_view.has_run() and window.batchnorm_plot.has_run()
    assert view.title_text().startswith("Decision boundary") and not window.banner.isVisible()


def test_a_broken_csv_file_is_named_in_korean(qtbot, qapp, settings, tmp_path, monkeypatch):
    with korean_window(qtbot, qapp, settings, tmp_path) as window:
        import_broken_csv(qtbot, window, tmp_path, monkeypatch)
        assert window.banner.text().startswith("CSV 파일: ")
        assert "현재 실행" in window.output_view.title_text() and "data.csv_path" not in window.banner.text()


def test_a_one_epoch_run_finishes_in_good_english(qtbot, window):
    window.document.apply(window.document.design.with_training(epochs=1), "one epoch")
    wait_state(qtbot, window, "paused")
    window.controller.play()
    wait_state(qtbot, window, "finished")
    assert "reached its limit of 1 epoch." in window.banner.text()


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


def test_the_layout_and_the_loss_step_view_are_remembered_between_launches(qtbot, settings, tmp_path):
    first = MainWindow(settings, data_dir=tmp_path)
    first.show()
    qtbot.waitUntil(lambda: bool(first.views), timeout=TIMEOUT)
    assert first.loss_plot.x_view() == "log"  # the default: a long run's whole curve in view
    first.network_dock.hide()
    first.loss_plot.set_x_view("recent")
    first.close()
    second = MainWindow(settings, data_dir=tmp_path)
    second.show()
    qtbot.waitUntil(lambda: bool(second.views), timeout=TIMEOUT)
    assert not second.network_dock.isVisible()
    assert second.loss_plot.x_view() == "recent"
    second.reset_layout()
    assert second.network_dock.isVisible()
    second.close()


def test_the_default_window_fits_a_1366x768_screen(qtbot, window):
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 740


def test_status_bar_losses_stay_short_when_they_explode():
    from playground.ui.window.status import format_loss as _fmt

    assert _fmt(9.695364e35) == "9.70e+35"  # not 36 digits
    assert _fmt(0.6931) == "0.6931" and _fmt(2.5e-5) == "2.50e-05"


def test_status_bar_texts_fit_a_1280x720_window_in_korean(qtbot, korean, settings, tmp_path):
    """The longest texts a run shows (running, compiling, big numbers) in Korean: all of them in full
    at 1280x720; in a narrower window the state, counts, loss and accuracy stay whole."""
    from types import SimpleNamespace

    from playground.nn.probes import StepMode

    window = MainWindow(settings, data_dir=tmp_path / "data", language="ko")
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitUntil(lambda: bool(window.views), timeout=TIMEOUT)
    metrics = SimpleNamespace(train_loss=1.234e-5, test_loss=0.123456, train_accuracy=1.0, test_accuracy=0.999)
    window.status_bar.show_snapshot(SimpleNamespace(epoch=123_456, step=12_345_678, steps_per_second=12_345.0,
                                                    state="running", metrics=metrics, step_mode=StepMode("compiling")))
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


def test_raising_the_limit_of_a_finished_run_lets_it_go_on_with_its_weights(qtbot, window):
    """The Finished banner says "raise the limit in the Training tab": doing so must not start over."""
    window.document.apply(window.document.design.with_training(epochs=1), "one epoch")
    qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)
    window.controller.play()
    qtbot.waitUntil(lambda: window.controller.state == "finished", timeout=TIMEOUT)
    run = window.controller.run_id
    assert "Finished" in window.banner.text() and window.banner.isVisible()
    window.document.apply(window.document.design.with_training(epochs=2), "two epochs")
    qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)
    assert window.controller.run_id == run and latest_step(window) == 24, "the same run, where it stopped"
    assert not window.banner.isVisible() and window.train_action.isEnabled()
    window.controller.play()
    qtbot.waitUntil(lambda: window.controller.state == "finished" and latest_step(window) == 49, timeout=TIMEOUT)
    steps, _ = window.loss_plot.curve_data("train_steps")
    assert steps.tolist() == list(range(50)), "one curve from step 0 to 49, not a new run's"


def test_the_docks_that_open_on_demand_are_in_the_view_menu_and_reset_layout_puts_them_away(qtbot, window):
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.menu() and a.text() == "&View")
    entries = [a.text() for a in view_menu.actions()]
    assert "Neuron" in entries and "Inside one step" in entries, "every dock can be shown from View"
    for dock in (window.neuron.dock, window.inside.dock):
        assert not dock.isVisible(), "they start hidden: they open when asked for"
        dock.toggleViewAction().trigger()
        assert dock.isVisible()
    window.docks.reset()
    assert not window.neuron.dock.isVisible() and not window.inside.dock.isVisible()
    assert window.docks.design.isVisible() and window.docks.gradients.isVisible()
