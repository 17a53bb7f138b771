"""The status bar says when the losses and accuracy it shows come from a sample of a large data set."""

from __future__ import annotations

from types import SimpleNamespace

from playground.nn.probes import Metrics
from playground.ui.window.status import RunStatusBar


def snapshot(metrics: Metrics, state: str = "running") -> SimpleNamespace:
    return SimpleNamespace(epoch=3, step=1_200, steps_per_second=400.0, state=state, metrics=metrics, step_mode=None)


def test_a_sampled_evaluation_is_named_in_the_loss_and_accuracy_tooltips(qtbot):
    bar = RunStatusBar()
    qtbot.addWidget(bar)
    bar.show_snapshot(snapshot(Metrics(0.25, 0.5, 0.9, 0.8, sample=(1_500, 1_212))))
    for key in ("loss", "accuracy"):
        tip = bar.labels[key].toolTip()
        assert "sample of 1,500 training and 1,212 test points" in tip, key
    assert bar.labels["loss"].toolTip().startswith("Training loss 0.25")

    bar.show_snapshot(snapshot(Metrics(0.25, 0.5, 0.9, 0.8), state="finished"))  # every point counted
    assert "sample" not in bar.labels["loss"].toolTip()
    assert bar.labels["accuracy"].toolTip() == "Share of test points classified correctly."
