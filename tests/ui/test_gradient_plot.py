"""The Gradient flow view, fed by real training steps."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject

from playground.design.schema import Design, LinearLayer
from playground.runs.messages import RunInfo, Snapshot
from playground.training.trainer import Trainer
from playground.ui.theme import LIGHT
from playground.ui.views.gradient_plot import GradientPlot
from playground.ui.widgets.plot_utils import layer_colours
from ui_runs import fed_hidden_then_shown, info_of, run_design, shown, snapshot_of


def stack(activation: str, *, layers: int = 8, units: int = 8, init: str = "default", epochs: int = 2) -> Design:
    design = Design(layers=tuple(LinearLayer(units=units, activation=activation) for _ in range(layers)), init=init)
    return design.with_training(epochs=epochs)


def one_step(design: Design) -> tuple[RunInfo, Snapshot]:
    """A fresh network after exactly one (probed) training step."""
    trainer = Trainer(design)
    result = trainer.train_steps(1, probe=True)
    snapshot = Snapshot(run_id=1, seq=0, step=trainer.step, epoch=trainer.epoch, batch_in_epoch=trainer.batch_in_epoch,
                        state="paused", steps=np.arange(1, dtype=np.int64), losses=result.losses,
                        metrics=trainer.evaluate(), probe=result.probe, dashboard=None, lr=trainer.lr, steps_per_second=0.0)
    return info_of(trainer), snapshot


@pytest.fixture
def view(qtbot):
    widget = GradientPlot()
    qtbot.addWidget(widget)
    widget.resize(640, 420)
    return widget


def test_deep_sigmoid_stack_is_called_vanishing_after_one_step(view):
    info, snapshot = one_step(stack("sigmoid"))
    shown(view, info, [snapshot])
    assert "vanish" in view.verdict_text().lower()
    assert "smaller" in view.reason_text()
    bars = view.bar_values()
    assert len(bars) == 9  # 8 hidden Linear layers and the output layer
    assert bars[0] < 1e-3 * bars[-1]  # orders of magnitude weaker at the input side
    assert bars == pytest.approx([g.weight_grad_norm for g in snapshot.probe.gradients])


def test_relu_stack_with_he_init_is_healthy(view):
    info, snapshot = one_step(stack("relu", init="he"))
    shown(view, info, [snapshot])
    assert "vanish" not in view.verdict_text().lower()
    assert view.verdict_text() == "Healthy"
    bars = view.bar_values()
    assert bars[0] > 0.1 * bars[-1]


def test_history_has_one_point_per_probe_in_layer_order(view):
    info, snapshots = run_design(stack("tanh", layers=3, epochs=1))
    shown(view, info, snapshots)
    view.show_snapshot(snapshots[-1])  # the same probe again adds nothing
    probes = {s.probe.step: s.probe for s in snapshots if s.probe is not None}
    assert view.layer_names() == ["Linear 1", "Linear 2", "Linear 3", "Output"]
    steps, norms = view.history("Linear 2")
    np.testing.assert_array_equal(steps, sorted(probes))
    np.testing.assert_allclose(norms, [probes[k].gradients[1].weight_grad_norm for k in sorted(probes)])


def test_start_run_clears_and_follows_a_new_layer_stack(view):
    info, snapshots = run_design(stack("tanh", layers=3, epochs=1))
    shown(view, info, snapshots)
    new_info, snapshot = one_step(stack("relu", layers=5, init="he"))
    view.start_run(new_info)
    assert view.bar_values() == []
    assert "press train" in view.reason_text().lower()
    assert view.layer_names() == ["Linear 1", "Linear 2", "Linear 3", "Linear 4", "Linear 5", "Output"]
    assert len(view.history("Linear 1")[0]) == 0
    view.show_snapshot(snapshot)
    assert len(view.bar_values()) == 6 and len(view.history("Output")[0]) == 1


def test_300_snapshots_keep_the_whole_history(view):
    info, snapshots = run_design(stack("tanh", layers=2, epochs=13))
    assert len(snapshots) > 300
    shown(view, info, snapshots)
    probed = {s.probe.step for s in snapshots if s.probe is not None}
    steps, _ = view.history("Output")
    assert len(steps) == len(probed) > 300


def test_a_first_layer_without_any_gradient_is_worded_not_a_crash(view):
    import dataclasses

    from playground.nn.probes import LayerGradient, gradient_verdict

    trainer = Trainer(stack("tanh", layers=2))
    snapshot = snapshot_of(trainer, steps=1)
    grads = (LayerGradient("Linear 1", 0.0, 0.0, 1.0, 0.0), LayerGradient("Linear 2", 0.5, 0.1, 1.0, 0.01),
             LayerGradient("Output", 1.0, 0.1, 1.0, 0.01))
    probe = dataclasses.replace(snapshot.probe, gradients=grads, verdict=gradient_verdict(grads))
    shown(view, info_of(trainer), [dataclasses.replace(snapshot, probe=probe)])
    assert "Vanishing" in view.verdict_text() and "∞" in view.reason_text()


def test_a_diverged_run_says_so_over_its_finite_history(view):
    from playground.design.presets import load_preset

    info, snapshots = run_design(load_preset("learning_rate_too_large").with_training(device="cpu"))
    shown(view, info, snapshots)
    final = snapshots[-1]
    bad_step = int(final.steps[-1])
    assert final.state == "diverged"
    assert view.verdict_text() == "Diverged: exploding gradients"
    assert view.reason_text().startswith(f"The run diverged at step {bad_step + 1}: the loss became infinite")
    steps, norms = view.history("Output")
    assert steps[-1] == bad_step and np.isfinite(norms).all()
    assert norms[-1] == pytest.approx(10 * norms[:-1].max()), "the overflow is drawn a decade above the finite norms"
    (x0, x1), (y0, y1) = view.history_range()
    assert x0 <= 0 and bad_step <= x1 < 1.5 * bad_step, "the step axis covers the run, not a default range"
    assert y0 <= np.log10(norms[norms > 0].min()) and np.log10(norms[-1]) <= y1 < np.log10(norms[-1]) + 3


def test_a_diverged_run_is_explained_in_korean(qtbot, qapp):
    from playground.design.presets import load_preset
    from playground.ui.i18n import install_translators

    translators = install_translators(qapp, "ko")
    try:
        korean = GradientPlot()
        qtbot.addWidget(korean)
        info, snapshots = run_design(load_preset("learning_rate_too_large").with_training(device="cpu"))
        shown(korean, info, snapshots)
        assert "발산" in korean.verdict_text() and "기울기 폭주" in korean.verdict_text()
        assert "발산" in korean.reason_text() and f"{snapshots[-1].steps[-1] + 1}" in korean.reason_text()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)

def test_a_few_single_steps_are_dots_and_a_new_run_starts_at_step_0(view, qtbot):
    view.show()
    qtbot.waitExposed(view)
    info, snapshots = run_design(stack("tanh", layers=2, epochs=4))
    shown(view, info, snapshots)
    qtbot.waitUntil(lambda: view.step_range()[1] > 50)
    assert view.point_markers("Output") == 0  # a long history is a plain line
    trainer = Trainer(stack("relu", layers=2))
    view.start_run(info_of(trainer))
    low, high = view.step_range()
    assert low == 0 and high < 10  # the last run's axis is forgotten
    for count in (1, 2, 3):
        view.show_snapshot(snapshot_of(trainer, 1, state="paused"))  # the '.' key
        assert view.point_markers("Linear 1") == view.point_markers("Output") == count
    qtbot.waitUntil(lambda: view.step_range()[1] >= 2)  # probes of steps 0, 1 and 2
    assert view.step_range()[0] == 0


def with_norms(snapshot: Snapshot, norms: list[float]) -> Snapshot:
    """``snapshot`` with its probe's weight-gradient norms (input side first) set to ``norms``."""
    probe = snapshot.probe
    gradients = tuple(dataclasses.replace(g, weight_grad_norm=n) for g, n in zip(probe.gradients, norms))
    return dataclasses.replace(snapshot, probe=dataclasses.replace(probe, gradients=gradients, step=probe.step + 1))


DECADES = {"1", "10", "0.1", "0.01", "0.001", "100", "1000"} | {f"10{k}" for k in ("⁻⁴", "⁻⁵", "⁻⁶", "⁻⁷", "⁻⁸",
                                                                                 "⁻⁹", "⁻¹⁰", "⁻¹¹")}


@pytest.mark.parametrize("height", [420, 240])
@pytest.mark.parametrize("norms", [[3e-4, 2.2e-4, 4.1e-4], [0.12, 0.15, 0.11], [1e-10, 1e-5, 0.8]],
                         ids=["one decade (the digits run)", "one decade near 0.1", "ten decades"])
def test_the_bar_axis_labels_at_least_two_decades(view, qtbot, norms, height):
    """The digits run's bars (all near 10⁻⁴) had a single label, "10⁻⁴", at the top of their axis:
    the decade below sat on the axis's end, where pyqtgraph leaves its label out."""
    view.resize(640, height)
    view.show()
    qtbot.waitExposed(view)
    info, snapshot = one_step(stack("relu", layers=2))
    view.start_run(info)
    view.show_snapshot(with_norms(snapshot, norms))
    view.grab()

    def two_decades_read():  # after the first paint the axis widens to its labels' width
        labels = view.bar_axis_labels()
        assert len(set(labels) & DECADES) >= 2, labels

    qtbot.waitUntil(two_decades_read, timeout=10_000)
    assert view.bar_values() == norms


def probed_snapshots(design: Design, count: int) -> tuple[RunInfo, list[Snapshot]]:
    """``count`` snapshots of a run, each after one more probed step."""
    trainer = Trainer(design)
    return info_of(trainer), [snapshot_of(trainer, 1, dashboard=False) for _ in range(count)]


def test_a_33_layer_stack_keeps_one_line_per_layer_in_its_own_colour(view):
    info, snapshots = probed_snapshots(stack("tanh", layers=32), 40)
    view.show()
    shown(view, info, snapshots)
    names = ["Linear %d" % k for k in range(1, 33)] + ["Output"]
    assert view.layer_names() == names
    colours = view.line_colours()
    assert colours == [c.name() for c in layer_colours(33, LIGHT)]
    assert len(set(colours)) == 33  # neighbours alternate lighter and darker: every layer its own
    steps = [s.probe.step for s in snapshots]
    for index in (0, 16, 32):  # first, middle and output layer
        drawn_steps, norms = view.history(names[index])
        np.testing.assert_array_equal(drawn_steps, steps)
        np.testing.assert_allclose(norms, [s.probe.gradients[index].weight_grad_norm for s in snapshots])
    legend, tooltip = view.legend_text(), view.bar_tooltip()
    for name, colour in zip(names, colours):
        assert f"color:{colour}'>■</span>&nbsp;{name.replace(' ', '&nbsp;')}" in legend
        assert f"<td>{name}</td>" in tooltip
    assert view.bar_values() == pytest.approx([g.weight_grad_norm for g in snapshots[-1].probe.gradients])


def test_a_hidden_view_keeps_the_history_and_draws_it_when_shown(view, qtbot):
    info, snapshots = probed_snapshots(stack("tanh", layers=3, epochs=1), 5)
    fed_hidden_then_shown(view, qtbot, info, snapshots)
    assert view.drawn_step() == snapshots[-1].probe.step
    steps, norms = view.history("Linear 2")
    np.testing.assert_array_equal(steps, [s.probe.step for s in snapshots])
    np.testing.assert_allclose(norms, [s.probe.gradients[1].weight_grad_norm for s in snapshots])
    more_info, more = probed_snapshots(stack("tanh", layers=3, epochs=1), 1)
    view.show_snapshot(dataclasses.replace(more[0], probe=dataclasses.replace(more[0].probe, step=99)))
    assert view.drawn_step() == 99  # on screen: drawn at once


def test_each_update_paints_the_plots_once(view, qtbot, qapp):
    """The history's new range is settled before painting: pyqtgraph would otherwise paint
    every update twice (once more when the auto-range it updates at paint time moves the view)."""
    info, snapshots = probed_snapshots(stack("tanh", layers=3, epochs=1), 12)
    view.show()
    qtbot.waitExposed(view)
    view.start_run(info)
    paints = PaintCounter(view._history_widget.viewport())
    for snapshot in snapshots:
        view.show_snapshot(snapshot)
        qapp.processEvents()
    assert paints.count <= len(snapshots)


class PaintCounter(QObject):
    def __init__(self, widget):
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _obj, event):  # noqa: N802 - Qt's name
        self.count += event.type() == QEvent.Paint
        return False


def test_labels_under_33_narrow_bars_do_not_run_together(view, qtbot):
    """21 and 33 layers' numbers ran together under the bars ("1011121314..."): only every
    k-th bar is numbered when all numbers do not fit, the output bar always."""
    view.resize(640, 420)
    view.show()
    qtbot.waitExposed(view)
    info, snapshots = probed_snapshots(stack("tanh", layers=32), 1)
    shown(view, info, snapshots)
    ticks = view._bar_plot.getAxis("bottom")._tickLevels[0]
    positions = [position for position, _ in ticks]
    assert ticks[-1] == (32, "Out") and len(ticks) < 33
    metrics = view._bar_widget.fontMetrics()
    widest = max(metrics.horizontalAdvance(label) for _, label in ticks)
    bar_room = (view._bar_widget.width() - 50.0) / 33
    assert min(np.diff(positions)) * bar_room >= widest + 6  # neighbouring labels have room between them
    info, snapshots = probed_snapshots(stack("tanh", layers=2), 1)
    shown(view, info, snapshots)
    assert [label for _, label in view._bar_plot.getAxis("bottom")._tickLevels[0]] == ["Linear 1", "Linear 2", "Output"]
