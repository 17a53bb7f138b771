"""The coach in the window: cards from the run's snapshots, held while they hold, the
divergence worded as the banner has it, Try the fix as a comparison, English and Korean.

Snapshots are made by the real engine headless (ui_runs.snapshot_of), as the training
process would send them, and handed to the controller as the bridge would deliver them."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication

from playground.coach import Finding, WARNING
from playground.design.presets import load_preset
from playground.nn.probes import VANISHING_RATIO
from playground.runs import comparison_messages as cm
from playground.runs import messages as m
from playground.training.trainer import Diverged, Trainer
from playground.ui.panels.coach_panel import CoachPanel
from playground.ui.theme import resolve
from playground.ui.window.coach import HOLD_PROBES
from test_i18n import HANGUL
from ui_runs import snapshot_of

TIMEOUT = 60_000
CHUNK = 50  # steps between snapshots (each probed)


def opened(window, qtbot, preset: str):
    """``preset`` open in the window, its run ready and paused; returns its design."""
    design = load_preset(preset)
    window.open_design(design)
    qtbot.waitUntil(lambda: window.controller.state == "paused" and window.controller.info is not None
                    and window.controller.info.design == design, timeout=TIMEOUT)
    return design


def trained(window, design, steps: int) -> Trainer:
    """``design`` trained headless ``steps`` steps, a snapshot of the current run every CHUNK steps."""
    trainer = Trainer(design)
    while trainer.step < steps:
        deliver(window, snapshot_of(trainer, CHUNK, window.controller.run_id, "paused", dashboard=False))
    return trainer


def deliver(window, snapshot) -> None:
    window.controller._on_bridge_message_received(snapshot)


def coach_dock_shown(window, qtbot) -> None:
    window.docks.coach.show()
    window.docks.coach.raise_()
    qtbot.waitUntil(lambda: window.coach.panel.isVisible(), timeout=TIMEOUT)


def test_vanishing_gradients_show_a_card_with_the_numbers_and_try_the_fix_compares(qtbot, window, sent):
    design = opened(window, qtbot, "vanishing_sigmoid")
    panel = window.coach.panel
    assert panel.cards == [] and "reads the run" in panel.note.text()  # nothing measured yet
    trained(window, design, 300)
    coach_dock_shown(window, qtbot)
    assert [c.finding.code for c in panel.cards] == ["vanishing"]
    card = panel.cards[0]
    finding = card.finding
    first, last = finding.number("first_gradient"), finding.number("output_gradient")
    assert first / last < VANISHING_RATIO
    assert window.controller.history.probe.gradients[0].weight_grad_norm == first  # the newest probe's numbers
    assert card.title.text() == "Vanishing gradients"
    assert f"{first:.2g}" in card.text.text() and f"{last:.2g}" in card.text.text() and "Linear 1" in card.text.text()
    assert "first / output" in card.evidence.text() and f"{first / last:.2g}" in card.evidence.text()
    assert card.button.isVisibleTo(panel) and "ReLU" in card.fix.text()
    assert window.docks.coach.windowTitle() == "Coach (1)"
    assert not panel.note.isVisibleTo(panel)

    sent.clear()
    card.button.click()
    starts = [c for c in sent if isinstance(c, cm.StartComparison)]
    assert len(starts) == 1 and not any(isinstance(c, cm.Fork) for c in sent)
    comparison = starts[0].comparison
    as_is, fixed = comparison.designs()
    assert as_is == design  # the current run, from the same seed: the same starting weights and data
    assert comparison.variants[1].changes == {"layers.activation": "relu", "init": "he"}
    assert {layer.activation for layer in fixed.layers} == {"relu"} and fixed.init == "he"
    assert fixed.training.seed == design.training.seed
    assert window.comparisons.is_open and not window.docks.coach.isVisible()  # a single run's dashboard


def test_a_card_stays_while_its_finding_holds_and_leaves_after_it_stopped(qtbot, window):
    design = opened(window, qtbot, "vanishing_sigmoid")
    trainer = trained(window, design, 300)
    panel = window.coach.panel
    card = panel.cards[0]
    healthy = Trainer(load_preset("vanishing_relu_he"))
    healthy.train_steps(CHUNK, probe=True)
    cured = healthy.train_steps(1, probe=True).probe
    assert cured.verdict.state != "vanishing"
    base = snapshot_of(trainer, CHUNK, window.controller.run_id, "paused", dashboard=False)
    deliver(window, base)
    for k in range(1, HOLD_PROBES + 1):
        step = base.step + k * CHUNK
        later = dataclasses.replace(base, step=step, steps=np.zeros(0, np.int64), losses=np.zeros(0, np.float32),
                                    probe=dataclasses.replace(cured, step=step))
        deliver(window, later)
        if k < HOLD_PROBES:
            assert panel.cards == [card]  # reports without it, fewer than HOLD_PROBES: the card holds
            deliver(window, later)
            assert panel.cards == [card]  # the same report again counts once
    assert panel.cards == [] and "healthy" in panel.note.text()
    assert window.docks.coach.windowTitle() == "Coach"


def in_front(dock) -> bool:
    """``dock`` is the tab shown of its tabbed group (after the layout caught up)."""
    QApplication.processEvents()
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def gradients_in_front(window, qtbot) -> None:
    window.docks.gradients.raise_()
    qtbot.waitUntil(lambda: in_front(window.docks.gradients) and not in_front(window.docks.coach), timeout=TIMEOUT)


def focused(window, qtbot, widget) -> None:
    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=TIMEOUT)


def test_a_new_finding_brings_the_coach_tab_forward_once_and_leaves_the_focus_where_it_is(qtbot, window):
    design = opened(window, qtbot, "vanishing_sigmoid")
    gradients_in_front(window, qtbot)
    typing = next(w for w in window.editor_tabs.currentWidget().findChildren(QAbstractSpinBox) if w.isVisible())
    focused(window, qtbot, typing)
    trainer = trained(window, design, 300)
    assert [f.code for f in window.coach.findings()] == ["vanishing"]
    assert in_front(window.docks.coach) and not in_front(window.docks.gradients)
    assert QApplication.focusWidget() is typing  # the learner's typing goes on where it was

    gradients_in_front(window, qtbot)  # the learner looks back at the gradients: the same finding leaves them there
    base = snapshot_of(trainer, CHUNK, window.controller.run_id, "paused", dashboard=False)
    deliver(window, base)
    assert window.docks.coach.windowTitle() == "Coach (1)" and not in_front(window.docks.coach)

    step = base.step
    diverged = dataclasses.replace(base, step=step + 1, state="diverged", message_code="diverged",
                                   message_args=("NaN", step + 1, 1, "Linear 1", design.optimizer.lr),
                                   steps=np.zeros(0, np.int64), losses=np.zeros(0, np.float32))
    deliver(window, diverged)  # a new kind of finding: forward again, once
    assert "diverged" in [f.code for f in window.coach.findings()]
    assert in_front(window.docks.coach) and QApplication.focusWidget() is typing


def test_the_coach_tab_waits_while_the_learner_works_in_the_tab_in_front(qtbot, window):
    design = opened(window, qtbot, "vanishing_sigmoid")
    gradients_in_front(window, qtbot)
    plot = window.gradient_plot
    plot.setFocusPolicy(Qt.StrongFocus)
    focused(window, qtbot, plot)
    trained(window, design, 300)
    assert window.docks.coach.windowTitle() == "Coach (1)"  # the count on its tab says there is news
    assert in_front(window.docks.gradients) and QApplication.focusWidget() is plot


def test_a_healthy_run_shows_no_card_but_a_calm_line(qtbot, window):
    design = opened(window, qtbot, "vanishing_relu_he")
    trainer = trained(window, design, 300)  # (early on, half the units of a layer were silent for a while)
    gradients_in_front(window, qtbot)
    deliver(window, snapshot_of(trainer, CHUNK, window.controller.run_id, "paused", dashboard=False))
    assert in_front(window.docks.gradients)  # nothing to see: the calm line does not pull the coach forward
    panel = window.coach.panel
    assert panel.cards == []
    assert panel.note.text() == "The run looks healthy: the coach has found nothing to fix."
    assert window.docks.coach.windowTitle() == "Coach"


def test_the_divergence_card_agrees_with_the_banner_and_tries_a_smaller_learning_rate(qtbot, window, sent):
    design = opened(window, qtbot, "learning_rate_too_large")
    trainer = Trainer(design)
    with pytest.raises(Diverged) as caught:
        while True:
            trainer.train_steps(CHUNK, probe=True)
    problem = caught.value.problems[0]
    kind, step, epoch, layer, lr = problem.args
    snapshot = m.Snapshot(run_id=window.controller.run_id, seq=0, step=trainer.step, epoch=trainer.epoch,
                          batch_in_epoch=0, state="diverged", steps=np.zeros(0, np.int64),
                          losses=np.zeros(0, np.float32), metrics=None, probe=caught.value.probe, dashboard=None,
                          lr=trainer.lr, steps_per_second=0.0, message=str(caught.value),
                          message_code=problem.code, message_args=tuple(problem.args))
    deliver(window, snapshot)
    card = window.coach.panel.cards[0]
    assert card.finding.code == "diverged" and card.finding.args == (kind, step, layer, lr)
    assert f"at step {step:,}" in card.text.text()
    assert f"{step:,}" in window.banner.text() or str(step) in window.banner.text()  # the banner's reason
    sent.clear()
    card.button.click()
    start = next(c for c in sent if isinstance(c, cm.StartComparison))
    assert start.comparison.designs()[1].optimizer.lr == pytest.approx(lr / 10)


def test_a_fix_no_variant_can_make_says_what_to_do_without_a_button(qtbot):
    panel = CoachPanel()
    qtbot.addWidget(panel)
    panel.show()
    finding = Finding("too_small_no_hidden", (0.55,), (("train_accuracy", 0.55), ("widest_layer", 0)), WARNING,
                      {}, "add_hidden_layer")
    panel.show_findings([finding])
    card = panel.cards[0]
    assert not card.button.isVisibleTo(panel) and card.fix.isVisibleTo(panel)
    assert card.fix.text() == "What to do: Add a hidden layer with a few units in the design."
    assert "55%" in card.text.text() and "training accuracy 55%" in card.evidence.text()
    for name in ("light", "dark"):  # a warning's mark in the theme's colour for caution
        panel.set_theme(resolve(name))
        assert resolve(name).warning in card.bar.styleSheet()


def test_the_coach_speaks_korean(qtbot, korean, window):
    design = opened(window, qtbot, "vanishing_sigmoid")
    trained(window, design, 300)
    coach_dock_shown(window, qtbot)
    card = window.coach.panel.cards[0]
    for text in (card.title.text(), card.text.text(), card.evidence.text(), card.fix.text(), card.button.text(),
                 window.docks.coach.windowTitle()):
        assert HANGUL.search(text), text
    assert "기울기 소실" in card.title.text()


def test_the_scrollbar_shows_only_when_the_cards_do_not_fit(qtbot):
    panel = CoachPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 600)
    panel.show()
    finding = Finding("too_small_no_hidden", (0.55,), (("train_accuracy", 0.55), ("widest_layer", 0)), WARNING,
                      {}, "add_hidden_layer")
    panel.show_findings([finding])
    bar = panel.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: panel.cards[0].isVisible(), timeout=TIMEOUT)
    assert not bar.isVisible()  # one card fits: its width is not spent on an empty scrollbar
    panel.resize(420, 120)
    qtbot.waitUntil(bar.isVisible, timeout=TIMEOUT)  # it no longer fits: scroll to the rest
    assert bar.maximum() > 0


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_on_a_laptop_in_korean_the_cards_fill_the_width_and_scroll_only_when_they_do_not_fit(qtbot, korean,
                                                                                              window, size):
    window.resize(*size)
    design = opened(window, qtbot, "vanishing_sigmoid")
    trained(window, design, 300)
    panel = window.coach.panel
    qtbot.waitUntil(lambda: in_front(window.docks.coach) and panel.cards[0].isVisible(), timeout=TIMEOUT)
    assert (window.width(), window.height()) == size
    viewport, inner, card = panel.scroll.viewport(), panel.scroll.widget(), panel.cards[0]
    bar = panel.scroll.verticalScrollBar()
    assert HANGUL.search(card.fix.text()) and card.button.isVisible()
    assert not panel.scroll.horizontalScrollBar().isVisible()
    assert inner.width() == viewport.width() and inner.minimumSizeHint().width() <= viewport.width()
    assert card.width() >= viewport.width() - 2 * 6  # the card spans the panel but for its margins
    for label in (card.title, card.text, card.evidence, card.fix):  # every line wraps inside the card
        assert label.geometry().right() < card.width()
        assert label.height() >= label.heightForWidth(label.width())  # and none is cut short
    assert card.button.geometry().right() < card.width()
    needed = inner.heightForWidth(viewport.width() + (bar.width() if bar.isVisible() else 0))
    assert bar.isVisible() == (needed > viewport.height())  # the scroll area at its full width
    if size == (1366, 768):
        assert needed < viewport.height() and not bar.isVisible()  # one card fits: no scrollbar beside it
