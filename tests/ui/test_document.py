"""Undo/redo of design edits and the live/structural distinction."""

from playground.design.schema import Design, LinearLayer, is_cosmetic_change, is_live_change
from playground.ui.document import DesignDocument


def test_edits_undo_and_redo(qtbot):
    document = DesignDocument()
    seen = []
    document.changed.connect(lambda new, old: seen.append(new))
    wider = document.design.with_(layers=(LinearLayer(units=8),))
    document.apply(wider, "Widen")
    assert document.design == wider and seen == [wider]
    document.undo_stack.undo()
    assert document.design == Design()
    document.undo_stack.redo()
    assert document.design == wider


def test_edits_with_one_merge_key_are_one_undo_step(qtbot):
    document = DesignDocument()
    for lr in (0.1, 0.2, 0.3):
        document.apply(document.design.with_optimizer(lr=lr), "lr", "optimizer.lr")
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.design.optimizer.lr == 0.03


def test_an_edit_that_changes_nothing_is_not_recorded(qtbot):
    document = DesignDocument()
    document.apply(Design(), "nothing")
    assert document.undo_stack.count() == 0


def test_learning_rate_is_live_and_structure_is_not():
    base = Design()
    assert is_live_change(base, base.with_optimizer(lr=0.1))
    assert not is_live_change(base, base.with_optimizer(lr=0.1, name="adam"))
    assert not is_live_change(base, base.with_data(noise=0.2))
    assert is_cosmetic_change(base, base.with_(name="mine"))


def test_a_change_that_keeps_clean_leaves_a_saved_document_saved(qtbot):
    document = DesignDocument()
    reseeded = document.design.with_training(seed=7)
    document.apply(reseeded, "Reset weights", keep_clean=True)
    assert document.undo_stack.isClean() and document.design == reseeded
    document.apply(document.design.with_data(noise=0.2), "Noise")
    assert not document.undo_stack.isClean()
    document.apply(document.design.with_training(seed=8), "Reset weights", keep_clean=True)
    assert not document.undo_stack.isClean(), "unsaved work stays unsaved"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.undo_stack.isClean() and document.design == reseeded
