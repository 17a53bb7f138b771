"""The views draw what a large network's training process sends: a coarser input-plane grid
and only the first MAX_DRAWN neurons' maps, weights and biases (see Trainer.dashboard)."""

from __future__ import annotations

import numpy as np

from playground.design.schema import Design, LinearLayer
from playground.runs.messages import MAX_DRAWN
from playground.training.trainer import Trainer
from playground.ui.theme import LIGHT
from playground.ui.views.boundary_view import OutputView
from playground.ui.views.network_neurons import MAP_GAP, MAP_RES, resample
from playground.ui.views.network_view import NetworkView
from playground.ui.widgets.colour_maps import diverging_image, diverging_lut
from ui_runs import info_of, snapshot_of


def largest() -> Trainer:
    """The largest network a design allows: 20 x 512, five million parameters."""
    layers = tuple(LinearLayer(units=512, activation="relu") for _ in range(20))
    return Trainer(Design(layers=layers).with_data(dataset="spiral").with_optimizer(lr=0.003))


def test_the_largest_network_is_drawn_from_a_coarse_grid_and_its_drawn_neurons(qtbot):
    trainer = largest()
    info, snapshot = info_of(trainer), snapshot_of(trainer, 2)
    dashboard = snapshot.dashboard
    assert dashboard.boundary.shape == (16, 16, 2)
    assert [m.shape for m in dashboard.neurons] == [(MAX_DRAWN, 16, 16)] * 20

    output = OutputView()
    qtbot.addWidget(output)
    output.start_run(info)
    output.show_snapshot(snapshot)
    probability = dashboard.boundary[..., 1]
    np.testing.assert_array_equal(output.image_array(), diverging_image(2 * probability - 1, 1.0, diverging_lut(LIGHT, 0.6)))

    network = NetworkView()
    qtbot.addWidget(network)
    network.resize(600, 350)
    network.show()
    network.start_run(info)
    network.show_snapshot(snapshot)
    atlas = network.atlas_array(1)  # Linear 1: 32 maps of 16 x 16 drawn at MAP_RES
    assert atlas.shape == (MAX_DRAWN * (MAP_RES + MAP_GAP) - MAP_GAP, MAP_RES, 4)
    maps = dashboard.neurons[0]
    expected = diverging_image(resample(maps, MAP_RES) / max(1.0, float(np.abs(maps).max())), 1.0, diverging_lut(LIGHT))
    for k in (0, MAX_DRAWN - 1):
        np.testing.assert_array_equal(atlas[k * (MAP_RES + MAP_GAP):][:MAP_RES], expected[k][::-1])
