"""The Compare... dialog and the comparison view, fed ComparisonSnapshots of real runs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox

from playground.design import registry
from playground.design.comparison_labels import run_label
from playground.design.schema import Design
from playground.runs.history import LiveHistory
from playground.runs.race import Target
from playground.ui.compare_choices import COURSE_OPTIMIZERS, build_comparison, choices
from playground.ui.compare_dialog import CompareDialog
from playground.ui.labels import activation_label, init_label, loss_label, optimizer_label
from playground.ui.theme import LIGHT
from playground.ui.views.comparison.view import ComparisonView
from playground.ui.window.comparisons import comparison_csv
from comparison_runs import FakeComparison

from test_i18n import HANGUL

CIRCLE = Design()


def ok_enabled(dialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.Ok).isEnabled()


def test_compare_dialog_builds_the_five_optimizers_each_with_its_own_learning_rate(qtbot):
    dialog = CompareDialog(CIRCLE)
    qtbot.addWidget(dialog)
    dialog.choose("optimizer")
    comparison = dialog.comparison
    assert ok_enabled(dialog)
    runs = comparison.designs()
    assert [r.optimizer.name for r in runs] == ["sgd", "momentum", "adagrad", "rmsprop", "adam"]
    assert [r.optimizer.lr for r in runs] == [registry.OPTIMIZERS[r.optimizer.name].defaults["lr"] for r in runs]
    assert runs[4].optimizer.lr == 0.01 and runs[0].optimizer.lr == 0.03
    assert [run_label(comparison, i) for i in range(5)] == ["SGD", "Momentum", "Adagrad", "RMSProp", "Adam"]
    assert all(r.layers == CIRCLE.layers and r.data == CIRCLE.data for r in runs)  # only the optimizer differs


def test_compare_dialog_learning_rates_too_small_right_and_too_large(qtbot):
    dialog = CompareDialog(CIRCLE.with_optimizer(lr=0.1))
    qtbot.addWidget(dialog)
    dialog.choose("lr")
    assert [r.optimizer.lr for r in dialog.comparison.designs()] == [0.001, 0.1, 3.0]


def test_compare_dialog_words_the_problem_instead_of_starting_one_run(qtbot):
    dialog = CompareDialog(CIRCLE)
    qtbot.addWidget(dialog)
    dialog.choose("batch_norm", ["With batch normalization"])
    assert dialog.comparison is None and not ok_enabled(dialog)
    assert "2 to 6 runs (got 1)" in dialog.problems.text()
    dialog.choose("batch_mode", None)
    assert ok_enabled(dialog)
    assert [r.training.batch_mode for r in dialog.comparison.designs()] == ["full", "stochastic", "minibatch"]
    assert dialog.problems.text() == ""


def test_compare_dialog_refuses_runs_over_the_parameter_limit(qtbot):
    wide = CIRCLE.with_(layers=[{"type": "linear", "units": 512, "activation": "tanh"}] * 5)
    dialog = CompareDialog(wide)
    qtbot.addWidget(dialog)
    dialog.choose("activation", ["ReLU", "Tanh"])
    assert ok_enabled(dialog)  # 2 runs of 1.05 million parameters each
    dialog.choose("activation", ["ReLU", "Tanh", "Sigmoid", "GELU", "ELU"])  # 5.3 million together
    assert dialog.comparison is None and not ok_enabled(dialog)
    assert "parameters" in dialog.problems.text()


def test_compare_dialog_in_korean(qtbot, korean):
    dialog = CompareDialog(CIRCLE)
    qtbot.addWidget(dialog)
    dialog.choose("batch_norm", ["배치 정규화 사용"])
    assert HANGUL.search(dialog.windowTitle()) and HANGUL.search(dialog.problems.text())
    assert HANGUL.search(dialog.axis.currentText())


def test_fork_dialog_makes_two_runs_as_it_is_and_with_the_change(qtbot):
    dialog = CompareDialog(CIRCLE, fork=True)
    qtbot.addWidget(dialog)
    assert not ok_enabled(dialog)  # nothing picked yet
    dialog.choose("lr", [c.text for c in choices("lr", CIRCLE)][:1])
    first, second = dialog.comparison.designs()
    assert first == CIRCLE
    assert second.optimizer.lr == pytest.approx(CIRCLE.optimizer.lr / 100)
    assert ok_enabled(dialog)


# --- the view -----------------------------------------------------------------------------------


def started_view(qtbot, axis: str, count: int | None = None):
    """A shown ComparisonView of CIRCLE's runs varying ``axis`` (the first ``count`` values)."""
    values = choices(axis, CIRCLE)[:count]
    comparison, problems = build_comparison(CIRCLE, [c.changes for c in values], [c.name for c in values])
    assert not problems
    fake = FakeComparison(comparison)
    histories = [LiveHistory(1) for _ in values]
    view = ComparisonView()
    qtbot.addWidget(view)
    view.resize(1100, 700)
    labels = [run_label(comparison, i, QCoreApplication.translate) for i in range(len(values))]
    view.start(fake.info(), labels, lambda: histories)
    view.show()
    qtbot.waitExposed(view)

    def advance(steps: int, state: str = "running"):
        snapshot = fake.snapshot(steps, state)
        for history, run in zip(histories, snapshot.runs):
            history.record(run)
        view.show_snapshot(snapshot)
        return snapshot

    return view, fake, advance


@pytest.mark.parametrize("count", [2, 5])
def test_one_line_per_run_in_its_colour_with_the_legend_naming_the_difference(qtbot, count):
    view, fake, advance = started_view(qtbot, "optimizer", count)
    for _ in range(3):
        advance(20)
    names = ["SGD", "Momentum", "Adagrad", "RMSProp", "Adam"][:count]
    assert view.loss.legend_labels() == names
    assert view.loss.line_colours() == [c.lower() for c in LIGHT.runs[:count]]
    assert view.accuracy.line_colours() == view.loss.line_colours()
    for i in range(count):
        steps, _ = view.loss.line_data(i, "test")
        assert list(steps) == [20, 40, 60]  # one point per evaluation of that run
    assert [card.title.text().count(name) for card, name in zip(view.outputs.cards, names)] == [1] * count
    assert all(card.output.image_array() is not None for card in view.outputs.cards)  # each run's own boundary


def test_table_rows_reached_at_and_headline(qtbot):
    view, fake, advance = started_view(qtbot, "optimizer")
    for _ in range(12):
        advance(40)
    rows = view.race.rows()
    assert [view.table.cell(i, 0) for i in range(5)] == ["SGD", "Momentum", "Adagrad", "RMSProp", "Adam"]
    for i, row in enumerate(rows):
        assert view.table.cell(i, 1) == "480"
        assert view.table.cell(i, 6) == (f"{row.reached_at:,}" if row.reached_at is not None else "not yet")
        assert view.table.cell(i, 5) == f"{row.test_accuracy * 100:.1f}%"
    reached = [row for row in rows if row.reached_at is not None]
    assert reached and len(reached) < 5  # some runs reached 90% in 480 steps, plain SGD not
    first = min(reached, key=lambda row: row.reached_at)
    assert view.table.headline.text().startswith(f"{first.label} reached test accuracy 90% at step {first.reached_at:,}")
    assert "SGD has not yet (step 480)" in view.table.headline.text()
    # A stricter target: the reached-at column follows at once, without training again.
    view.table.show_target(Target("test_accuracy", 0.999))
    view.table.target_chosen.emit(view.table.target())
    later = view.race.rows()
    assert all(b.reached_at is None or (a.reached_at is not None and b.reached_at >= a.reached_at)
               for a, b in zip(rows, later))


def test_headline_in_korean(qtbot, korean):
    view, fake, advance = started_view(qtbot, "optimizer", 3)
    advance(0)
    assert HANGUL.search(view.table.headline.text())  # "아직 ... 도달한 실행이 없습니다"
    for _ in range(8):
        advance(40)
    text = view.table.headline.text()
    assert HANGUL.search(text) and "reached" not in text and "not yet" not in text
    assert HANGUL.search(view.table.cell(0, 0) + view.title.text())


def test_korean_legend_table_and_headline_name_each_optimizer_as_the_window_does(qtbot, korean):
    view, fake, advance = started_view(qtbot, "optimizer")
    for _ in range(12):
        advance(40)
    words = [optimizer_label(name) for name in COURSE_OPTIMIZERS]
    assert words[1] == "모멘텀 (Momentum)"  # as the Training panel and the Compare... dialog say it
    assert view.loss.legend_labels() == words
    assert [view.table.cell(i, 0) for i in range(5)] == words
    assert [card.title.text().count(word) for card, word in zip(view.outputs.cards, words)] == [1] * 5
    # A Hangul title is no taller than a Latin one: the pictures of a row line up.
    assert len({card.output.mapTo(view, card.output.rect().topLeft()).y() for card in view.outputs.cards[:3]}) == 1
    rows = view.race.rows()
    first = min((row for row in rows if row.reached_at is not None), key=lambda row: row.reached_at)
    headline = view.table.headline.text()
    assert headline.startswith(first.label) and first.label in words
    assert headline.count("Momentum") == headline.count("모멘텀 (Momentum)")  # never the English label alone


@pytest.mark.parametrize("axis, name_of, word", [
    ("loss", lambda run: run.loss, loss_label), ("init", lambda run: run.init, init_label),
    ("activation", lambda run: run.layers[0].activation, activation_label),
    ("batch_mode", lambda run: run.training.batch_mode,
     lambda mode: QCoreApplication.translate("registry", registry.BATCH_MODES[mode]))])
def test_korean_labels_word_each_name_as_the_window_does(qapp, korean, axis, name_of, word):
    values = [c for c in choices(axis, CIRCLE) if c.offered][:6]
    comparison, problems = build_comparison(CIRCLE, [c.changes for c in values], [c.name for c in values])
    assert not problems
    for i, run in enumerate(comparison.designs()):
        label = run_label(comparison, i, QCoreApplication.translate)
        name = name_of(run)
        changed = bool(comparison.differences(i))
        assert (word(name) in label) == changed, (label, word(name))  # unchanged runs read "기준 설계 그대로"
        assert HANGUL.search(label) or label == word(name)


def test_a_diverged_run_is_marked_while_the_others_go_on(qtbot):
    view, fake, advance = started_view(qtbot, "optimizer", 3)
    advance(20)
    fake.diverged = {1}
    advance(20)
    advance(20)
    rows = view.race.rows()
    assert rows[1].diverged and rows[1].step == 20
    assert [rows[0].step, rows[2].step] == [60, 60]
    assert view.table.cell(1, 7) == "diverged" and view.table.cell(0, 7) != "diverged"
    assert view.outputs.cards[1].verdict.text() == "Diverged: exploding gradients"


def test_losses_csv_has_every_run(qtbot):
    view, fake, advance = started_view(qtbot, "optimizer", 2)
    advance(5)
    lines = comparison_csv(["SGD", "Momentum"], [LiveHistory(1), LiveHistory(1)]).splitlines()
    assert lines == ["run,label,step,loss,train_loss,test_loss,train_accuracy,test_accuracy"]
    histories = view.loss._histories()
    lines = comparison_csv(["SGD", "Momentum"], histories).splitlines()
    assert len(lines) == 1 + 2 * 5  # a row per run and step
    assert lines[1].startswith("0,SGD,0,") and lines[6].startswith("1,Momentum,0,")


def test_compare_dialog_varies_the_mini_batch_size_and_the_legend_says_which(qtbot):
    dialog = CompareDialog(CIRCLE)
    qtbot.addWidget(dialog)
    dialog.choose("batch_size")
    runs = dialog.comparison.designs()
    assert [(r.training.batch_mode, r.training.batch_size) for r in runs] == [("minibatch", 4), ("minibatch", 32),
                                                                              ("minibatch", 100)]
    labels = [run_label(dialog.comparison, i) for i in range(3)]
    assert all(str(size) in label for size, label in zip((4, 32, 100), labels)), labels
