"""Comparisons in the main window: start from Compare..., controls on every run, promote, close.

The training process's comparison side is fed here by the protocol's own events
(ComparisonReady, ComparisonSnapshot of real runs), as the bridge would deliver them."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from playground.data.facts import data_facts
from playground.design.comparison import size_problems
from playground.design.schema import Design, LinearLayer
from playground.runs import comparison_messages as cm
from playground.runs import messages as m
from playground.ui import compare_dialog
from playground.ui.compare_choices import choices
from playground.ui.main_window import MainWindow
from comparison_runs import FakeComparison

from test_i18n import HANGUL

TIMEOUT = 60_000


def answer(monkeypatch, axis: str, texts=None):
    """Compare... (or Fork) answered with ``axis`` and its values ``texts`` (None: the offered ones)."""
    def exec_(dialog):
        dialog.choose(axis, texts)
        return QDialog.Accepted

    monkeypatch.setattr(compare_dialog.CompareDialog, "exec", exec_)


def deliver(window, fake: FakeComparison, steps: int, state: str = "paused") -> cm.ComparisonSnapshot:
    snapshot = fake.snapshot(steps, state)
    window.controller._on_bridge_message_received(snapshot)
    return snapshot


def started(window, qtbot, monkeypatch, axis: str = "optimizer") -> FakeComparison:
    answer(monkeypatch, axis)
    window.comparisons.compare.trigger()
    comparison = window.controller.comparison
    assert comparison is not None
    fake = FakeComparison(comparison, run_id=window.controller.run_id)
    window.controller._on_bridge_message_received(cm.ComparisonReady(fake.info()))
    deliver(window, fake, 0)
    qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)
    return fake


def test_compare_starts_a_comparison_in_place_of_the_single_design(qtbot, window, monkeypatch, sent):
    button = window.toolbar.widgetForAction(window.comparisons.compare)
    assert button is not None and button.isVisible() and not button.icon().isNull(), "Compare in the toolbar, with an icon"
    fake = started(window, qtbot, monkeypatch)
    start = [c for c in sent if isinstance(c, cm.StartComparison)]
    assert len(start) == 1 and start[0].run_id == window.controller.run_id and start[0].paused
    assert [d.optimizer.name for d in start[0].comparison.designs()] == ["sgd", "momentum", "adagrad", "rmsprop", "adam"]
    view = window.comparisons.view
    assert view.isVisible() and not window.output_view.isVisible()
    assert not window.loss_dock.isVisible() and window.design_dock.isVisible()
    assert view.loss.legend_labels() == ["SGD", "Momentum", "Adagrad", "RMSProp", "Adam"]
    deliver(window, fake, 30)
    assert view.table.cell(0, 1) == "30"
    # The controls act on the whole comparison, by its run id.
    sent.clear()
    window.train_action.trigger()
    window.step_action.trigger()
    window.toolbar.lr_chosen.emit(0.5)
    run_id = window.controller.run_id
    assert [type(c) for c in sent[:3]] == [m.Resume, m.Step, cm.SetRunLr]
    assert all(c.run_id == run_id for c in sent[:3])
    assert sent[2].index is None and sent[2].lr == 0.5
    assert window.document.design.optimizer.lr == Design().optimizer.lr  # the design keeps its own


def test_an_edit_restarts_the_comparison_on_the_edited_design(qtbot, window, monkeypatch, sent):
    started(window, qtbot, monkeypatch)
    sent.clear()
    window.reset_action.trigger()  # a new seed: every run starts again from new weights
    start = [c for c in sent if isinstance(c, cm.StartComparison)]
    assert len(start) == 1
    seeds = {d.training.seed for d in start[0].comparison.designs()}
    assert seeds == {window.document.design.training.seed}
    assert window.comparisons.is_open


def test_promote_makes_a_run_the_design_and_undo_brings_the_old_one_back(qtbot, window, monkeypatch, sent):
    old = window.document.design
    started(window, qtbot, monkeypatch)
    window.comparisons.view.outputs.cards[4].promote.click()  # Adam
    design = window.document.design
    assert design.optimizer.name == "adam" and design.optimizer.lr == 0.01
    assert design.layers == old.layers
    assert not window.comparisons.is_open and window.output_view.isVisible() and window.loss_dock.isVisible()
    assert isinstance(sent[-1], m.Start) and sent[-1].design == design
    window.undo_action.trigger()
    assert window.document.design == old


def test_close_returns_to_the_single_design(qtbot, window, monkeypatch, sent):
    started(window, qtbot, monkeypatch)
    window.comparisons.close.trigger()
    assert not window.comparisons.is_open and window.controller.comparison is None
    assert window.output_view.isVisible() and window.loss_dock.isVisible() and window.network_dock.isVisible()
    assert not window.comparisons.view.isVisible()
    assert isinstance(sent[-1], m.Start) and sent[-1].design == window.document.design
    qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)  # the single run is back


def test_a_refused_comparison_leaves_no_picture_of_the_last_one(qtbot, window, monkeypatch, sent):
    fake = started(window, qtbot, monkeypatch)
    deliver(window, fake, 30)
    view = window.comparisons.view
    assert len(view.outputs.cards) == 5 and len(view.loss.legend_labels()) == 5
    # An edit that makes the five runs together too large: the training process refuses it.
    wide = window.document.design.with_(layers=[LinearLayer(units=512, activation="tanh")] * 5)
    window.document.apply(wide, "wider")
    comparison = window.controller.comparison
    facts = data_facts(wide.data)
    problems = size_problems(comparison, facts.n_inputs, facts.n_classes)
    assert problems  # five runs of five 512-unit layers: over the limit together, not alone
    window.controller._on_bridge_message_received(
        m.Failed(window.controller.run_id, "The comparison is too large:", problems=tuple(problems)))
    assert window.banner.kind() == "error" and "parameters" in window.banner.text()
    assert view.outputs.cards == [] and view.loss.legend_labels() == [] and view.loss.line_colours() == []
    assert view.race is None
    assert view.reason.isVisible() and not view.splitter.isVisible() and "cannot train" in view.reason.text()
    assert window.exportable_views() == [] and not view.export.isEnabled()  # nor its pictures or losses to export
    assert window.comparisons.is_open  # the next edit starts the comparison again
    # Undoing the edit: the comparison starts again and its pictures come back.
    window.undo_action.trigger()
    fake = FakeComparison(window.controller.comparison, run_id=window.controller.run_id)
    window.controller._on_bridge_message_received(cm.ComparisonReady(fake.info()))
    deliver(window, fake, 10)
    assert len(view.outputs.cards) == 5 and view.splitter.isVisible() and not view.reason.isVisible()
    assert view.export.isEnabled()
    assert view.table.cell(0, 1) == "10"


def test_fork_from_here_sends_a_two_run_fork_of_the_current_run(qtbot, window, monkeypatch, sent):
    assert window.comparisons.fork.isEnabled()  # a paused run
    lr_values = [c.text for c in choices("lr", window.document.design)]
    answer(monkeypatch, "lr", lr_values[:1])
    old_run = window.controller.run_id
    window.comparisons.fork.trigger()
    fork = [c for c in sent if isinstance(c, cm.Fork)]
    assert len(fork) == 1
    assert fork[0].run_id == old_run and fork[0].new_run_id == window.controller.run_id and fork[0].source is None
    first, second = fork[0].comparison.designs()
    assert first == window.document.design and second.optimizer.lr == pytest.approx(first.optimizer.lr / 100)
    assert window.comparisons.is_open


def test_the_comparison_in_korean(qtbot, window, monkeypatch, korean):
    window = MainWindow(window.settings, data_dir=None, language="ko")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitUntil(lambda: bool(window.views), timeout=TIMEOUT)
    try:
        assert HANGUL.search(window.comparisons.compare.text()) and HANGUL.search(window.comparisons.compare.toolTip())
        fake = started(window, qtbot, monkeypatch, "batch_norm")
        deliver(window, fake, 10)
        view = window.comparisons.view
        assert HANGUL.search(view.title.text()) and HANGUL.search(view.table.headline.text())
        assert all(HANGUL.search(label) for label in view.loss.legend_labels())  # "배치 정규화" ...
    finally:
        window.document.undo_stack.setClean()
        window.close()


def test_exports_every_runs_losses_and_the_comparison_plots(qtbot, window, monkeypatch, tmp_path):
    fake = started(window, qtbot, monkeypatch, "batch_norm")
    deliver(window, fake, 5)
    assert window.comparisons.write_losses(tmp_path / "losses.csv")
    lines = (tmp_path / "losses.csv").read_text().splitlines()
    assert lines[0] == "run,label,step,loss,train_loss,test_loss,train_accuracy,test_accuracy"
    assert len(lines) == 1 + 2 * 5 and lines[1].startswith("0,as designed,0,") and lines[6].startswith("1,batch norm,0,")
    titles = [title for title, _ in window.exportable_views()]
    assert titles[:2] == ["Comparison loss", "Comparison accuracy"]
    window.file_actions._fill_plot_menu()
    assert [a.text() for a in window.file_actions.plot_menu.actions()] == titles
    for index, (title, widget) in enumerate(window.exportable_views()):
        for suffix in (".png", ".svg"):
            path = tmp_path / f"{index}{suffix}"
            assert window.file_actions.exports.write_plot(widget, path) and path.stat().st_size > 1000


def test_one_runs_learning_rate_and_a_fork_of_one_run(qtbot, window, monkeypatch, sent):
    from PySide6.QtWidgets import QInputDialog

    fake = started(window, qtbot, monkeypatch)
    deliver(window, fake, 10)
    asked = []
    monkeypatch.setattr(QInputDialog, "getDouble", lambda *args: (asked.append(args[3]), (0.2, True))[1])
    window.comparisons.view.outputs.cards[1].lr.trigger()  # Momentum's, from the card's context menu
    assert asked == [pytest.approx(0.03)]  # its learning rate as last reported
    assert isinstance(sent[-1], cm.SetRunLr) and (sent[-1].index, sent[-1].lr) == (1, 0.2)
    # Fork run 4 (Adam) with a smaller learning rate: the fork's base is Adam's design.
    adam = window.controller.comparison.designs()[4]
    answer(monkeypatch, "lr", [c.text for c in choices("lr", adam)][:1])
    old_run = window.controller.run_id
    window.comparisons.view.outputs.cards[4].fork.click()
    fork = sent[-1]
    assert isinstance(fork, cm.Fork) and (fork.run_id, fork.source) == (old_run, 4)
    assert fork.comparison.designs()[0] == adam and fork.comparison.designs()[1].optimizer.lr == pytest.approx(0.0001)
    assert window.controller.run_histories and len(window.controller.run_histories) == 2
    # The old comparison's reports no longer reach the views.
    stale = fake.snapshot(10, "paused")
    window.controller._on_bridge_message_received(stale)
    assert window.controller.run_histories[0].losses.steps.size == 0


def test_a_running_report_is_drawn_part_by_part_and_the_next_asked_for_after(qtbot, window, monkeypatch):
    """The real training process: each running report reaches the last run's card in a later
    turn of the event loop than the one that received it, and the next comes only after."""
    answer(monkeypatch, "optimizer")
    window.comparisons.compare.trigger()
    qtbot.waitUntil(lambda: bool(window.comparisons.view.outputs.cards) and window.controller.state == "paused",
                    timeout=TIMEOUT)
    card = window.comparisons.view.outputs.cards[-1].output
    log = []
    show = card.show_snapshot
    monkeypatch.setattr(card, "show_snapshot", lambda s: (log.append(("drawn", s.step)), show(s)))
    window.controller.comparison_snapshot_ready.connect(  # after the window's own handler
        lambda s: log.append(("arrived", s.runs[-1].step, s.state)))
    window.train_action.trigger()
    qtbot.waitUntil(lambda: sum(1 for e in log if e[0] == "arrived" and e[2] == "running") >= 4, timeout=TIMEOUT)
    window.controller.pause()
    qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)
    running = [k for k, e in enumerate(log) if e[0] == "arrived" and e[2] == "running"]
    for k in running[:-1]:
        step = log[k][1]
        assert log[k + 1] == ("drawn", step), log  # drawn after its arrival, before the next arrives
