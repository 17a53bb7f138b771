"""The Training panel: only sensible choices offered, only the chosen optimizer's settings shown."""

import pytest
from PySide6.QtCore import Qt

from playground.design import registry
from playground.design.schema import BatchNormLayer, Design, LinearLayer, is_live_change
from playground.ui.document import DesignDocument
from playground.ui.panels.training_panel import TrainingPanel
from playground.ui.widgets.log_spin_box import ladder_step


def make_panel(qtbot, design=None):
    panel = TrainingPanel(DesignDocument(design or Design()))
    qtbot.addWidget(panel)
    panel.resize(320, 800)
    panel.show()
    return panel


@pytest.fixture
def panel(qtbot):
    return make_panel(qtbot)


def test_losses_that_do_not_fit_the_data_are_disabled_with_the_reason(panel):
    assert panel.loss_combo.currentData() == "bce"
    assert panel.loss_enabled("cross_entropy") and not panel.loss_enabled("mse")
    tip = panel.loss_combo.itemData(panel.loss_combo.findData("mse"), Qt.ToolTipRole)
    assert "does not fit two-class data" in tip
    with pytest.raises(ValueError):
        panel.set_loss("mse")
    panel.set_loss("cross_entropy")
    assert panel.document.design.loss == "cross_entropy"


def test_a_loss_that_does_not_fit_is_shown_as_a_problem(panel):
    document = panel.document
    document.apply(document.design.with_data(dataset="plane"), "regression data, loss left as it was")
    assert panel.loss_enabled("mse") and not panel.loss_enabled("bce")
    assert "Loss: Binary cross-entropy does not fit regression data" in panel.message_text()
    panel.set_loss("huber")
    assert document.design.loss == "huber" and panel.message_text() == ""


def test_switching_optimizer_shows_only_its_settings_with_their_defaults(panel):
    document = panel.document
    assert panel.visible_hyperparameters() == ["lr", "weight_decay"]
    panel.set_optimizer("adam")
    assert document.design.optimizer.name == "adam"
    assert panel.visible_hyperparameters() == list(registry.OPTIMIZERS["adam"].hyperparameters)
    assert document.design.optimizer.beta2 == registry.OPTIMIZERS["adam"].defaults["beta2"]
    panel.set_optimizer("momentum")
    assert panel.visible_hyperparameters() == ["lr", "momentum", "nesterov", "weight_decay"]
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.design.optimizer.name == "sgd"
    assert panel.optimizer_combo.currentData() == "sgd"
    assert panel.visible_hyperparameters() == ["lr", "weight_decay"]


def test_switching_optimizer_keeps_a_learning_rate_that_suits_the_new_one(panel):
    document = panel.document
    panel.set_lr(0.05)
    panel.set_optimizer("adam")
    assert document.design.optimizer.lr == pytest.approx(0.05) and panel.hyper["lr"].value() == pytest.approx(0.05)
    assert panel.message_text() == "", "nothing changed behind the learner's back, nothing to say"


def test_switching_optimizer_replaces_an_unsuitable_learning_rate_and_says_so(panel):
    document = panel.document
    panel.set_lr(1.0)  # fine for plain SGD, far too large for Adam's per-weight steps
    panel.set_optimizer("adam")
    assert document.design.optimizer.lr == pytest.approx(0.01) and panel.hyper["lr"].value() == pytest.approx(0.01)
    assert panel.message_text() == ("Learning rate set to 0.01, the usual one for Adam: 1 is outside its usual "
                                    "range (0.0001 to 0.1).")
    panel.set_epochs(50)  # the note belongs to the switch: it goes with the next edit
    assert panel.message_text() == ""


def test_the_learning_rate_note_is_korean_in_korean(qtbot, qapp):
    from playground.ui.i18n import install_translators

    translators = install_translators(qapp, "ko")
    try:
        panel = make_panel(qtbot)
        panel.set_lr(1.0)
        panel.set_optimizer("rmsprop")
        note = panel.message_text()
        assert "학습률" in note and "0.01" in note and "RMSProp" in note, note
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_learning_rate_edits_are_live_and_merge_into_one_undo_step(panel):
    document = panel.document
    before = document.design
    for lr in (0.1, 0.3, 1.0):
        panel.set_lr(lr)
    assert document.design.optimizer.lr == pytest.approx(1.0)
    assert is_live_change(before, document.design)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert panel.hyper["lr"].value() == pytest.approx(0.03)


def test_learning_rate_box_steps_along_a_log_ladder_and_accepts_typing(qtbot, panel):
    box = panel.hyper["lr"]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key_Up)
    assert panel.document.design.optimizer.lr == pytest.approx(0.05)
    qtbot.keyClick(box, Qt.Key_Down)
    qtbot.keyClick(box, Qt.Key_Down)
    assert panel.document.design.optimizer.lr == pytest.approx(0.02)
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "0.0003")
    qtbot.keyClick(box, Qt.Key_Return)
    assert panel.document.design.optimizer.lr == pytest.approx(0.0003)
    assert box.text() == "0.0003"


def test_ladder_step():
    assert ladder_step(0.03, 1, 1e-5) == pytest.approx(0.05)
    assert ladder_step(0.05, 1, 1e-5) == pytest.approx(0.1)
    assert ladder_step(0.1, -1, 1e-5) == pytest.approx(0.05)
    assert ladder_step(0.004, -1, 1e-5) == pytest.approx(0.003)
    assert ladder_step(0.0, 1, 1e-5) == pytest.approx(1e-5)
    assert ladder_step(1e-5, -1, 1e-5) == 0.0


def test_batch_size_only_for_mini_batch_and_the_epoch_is_explained(panel):
    assert panel.batch_spin.isVisibleTo(panel)
    assert panel.epoch_hint.text() == "One epoch is 25 steps of 10 points (250 training points)."
    panel.set_batch_mode("full")
    assert panel.document.design.training.batch_mode == "full"
    assert not panel.batch_spin.isVisibleTo(panel)
    assert panel.epoch_hint.text() == "One epoch is one step on all 250 training points."
    panel.set_batch_mode("stochastic")
    assert panel.epoch_hint.text() == "One epoch is 250 steps of one point each."
    panel.document.undo_stack.undo()
    panel.document.undo_stack.undo()
    assert panel.batch_combo.currentData() == "minibatch" and panel.batch_spin.isVisibleTo(panel)
    panel.set_batch_size(32)
    assert panel.document.design.training.batch_size == 32
    panel.set_batch_size(1)
    assert panel.epoch_hint.text() == "One epoch is 250 steps of one point each.", "not 'of 1 points'"


def test_batchnorm_with_stochastic_batches_is_explained(qtbot):
    panel = make_panel(qtbot, Design().with_(layers=[LinearLayer(), BatchNormLayer()]))
    assert panel.message_text() == ""
    panel.batch_combo.setCurrentIndex(panel.batch_combo.findData("stochastic"))
    panel.batch_combo.activated.emit(panel.batch_combo.currentIndex())
    assert panel.document.design.training.batch_mode == "stochastic"
    assert "Batch mode: batch normalization needs at least 2 samples per batch" in panel.message_text()


def test_regularization_rate_only_with_a_penalty(panel):
    assert not panel.rate_spin.isVisibleTo(panel)
    panel.set_regularization("l2")
    training = panel.document.design.training
    assert (training.regularization, training.regularization_rate) == ("l2", 0.001)
    assert panel.rate_spin.isVisibleTo(panel)
    panel.set_regularization_rate(0.01)
    assert panel.document.design.training.regularization_rate == pytest.approx(0.01)
    panel.set_regularization("none")
    assert not panel.rate_spin.isVisibleTo(panel)


def test_nesterov_without_momentum_is_explained(panel):
    panel.set_optimizer("momentum")
    panel.set_hyperparameter("momentum", 0.0)
    panel.set_hyperparameter("nesterov", True)
    assert panel.document.design.optimizer.nesterov
    assert "Nesterov: Nesterov momentum needs a momentum above 0" in panel.message_text()


def test_epochs_and_seed(panel):
    panel.set_epochs(50)
    panel.set_seed(7)
    assert (panel.document.design.training.epochs, panel.document.design.training.seed) == (50, 7)


def test_unavailable_devices_are_greyed_out_with_the_reason(panel):
    assert all(panel.device_enabled(name) for name in registry.DEVICES)  # torch not asked yet
    reason = "No CUDA GPU found (needs an NVIDIA GPU, its driver and a CUDA build of PyTorch)."
    panel.set_device_availability({"cuda": reason})
    assert not panel.device_enabled("cuda") and panel.device_enabled("mps") and panel.device_enabled("cpu")
    assert reason in panel.device_tooltip("cuda")
    panel.set_device("cpu")
    assert panel.document.design.training.device == "cpu"


def test_a_design_asking_for_an_absent_device_says_the_cpu_is_used(qtbot):
    panel = make_panel(qtbot, Design().with_training(device="cuda"))
    assert panel.message_text() == ""
    panel.set_device_availability({"cuda": "No CUDA GPU found."})
    assert "No CUDA GPU found" in panel.message_text() and "CPU" in panel.message_text()


def test_a_new_optimizer_entry_is_offered_with_its_description_and_hyperparameters(qtbot, throwaway_optimizer):
    """The throwaway Adamax of conftest.py: one registry entry, and the panel offers it."""
    panel = make_panel(qtbot)
    index = panel.optimizer_combo.findData(throwaway_optimizer)
    assert panel.optimizer_combo.itemText(index) == "Adamax"
    assert panel.optimizer_combo.itemData(index, Qt.ToolTipRole).startswith("Adamax: Adam with the largest")
    panel.set_optimizer(throwaway_optimizer)
    design = panel.document.design
    assert design.optimizer.name == "adamax" and design.optimizer.beta2 == 0.99  # its own usual values
    assert panel.visible_hyperparameters() == ["lr", "beta1", "beta2", "eps", "weight_decay"]
    panel.set_lr(0.5)  # above the entry's own limit of 0.2: said, as any problem of the design
    assert "Learning rate: must be at most 0.2" in panel.message_text()
