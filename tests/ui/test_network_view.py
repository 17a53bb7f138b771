"""The Network view, fed by real training runs."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QHelpEvent
from PySide6.QtWidgets import QApplication, QGraphicsView, QScrollArea, QToolTip

from playground.design.schema import BatchNormLayer, Design, DropoutLayer, LinearLayer
from playground.training.run_loop import RunControl, RunLoop
from playground.training.trainer import Trainer
from playground.ui.labels import layer_name, short_layer_name
from playground.ui.views.network_edges import EDGE_BUDGET, quotas
from playground.ui.views.network_view import MAP_GAP, MAP_RES, MIN_MAP_SIZE, TITLE_FONT_POINTS, NetworkView
from playground.ui.theme import DARK, LIGHT
from ui_runs import info_of, snapshot_of

FEATURES = ("x1", "x2", "x1_sq", "x2_sq", "sin_x1", "sin_x2")


def spiral(units: int = 8, layers: int = 6) -> Design:
    design = Design(layers=tuple(LinearLayer(units=units) for _ in range(layers)))
    return design.with_data(dataset="spiral", features=FEATURES).with_optimizer(name="adam", lr=0.01)


@pytest.fixture
def view(qtbot):
    widget = NetworkView()
    qtbot.addWidget(widget)
    widget.resize(600, 350)
    widget.show()
    return widget


def trained_view(view, design: Design, steps: int = 50):
    trainer = Trainer(design)
    view.start_run(info_of(trainer))
    snapshot = snapshot_of(trainer, steps)
    view.show_snapshot(snapshot)
    return trainer, snapshot


def nearer(colour: str, a: str, b: str) -> bool:
    """Is ``colour`` closer to ``a`` than to ``b`` (RGB distance)?"""
    c, a, b = (np.array(QColor(x).getRgb()[:3], float) for x in (colour, a, b))
    return np.linalg.norm(c - a) < np.linalg.norm(c - b)


def drawn_edges(view, snapshot):
    """(column, source, target, weight) of every drawn Linear connection."""
    edges = []
    weight_index = 0
    for column, name in enumerate(view.column_names()):
        if not (name.startswith("Linear") or name == "Output"):
            continue
        w = snapshot.dashboard.weights[weight_index]
        weight_index += 1
        for t in range(view.neuron_count(column)):
            for s in range(min(w.shape[1], 32)):
                edges.append((column, s, t, float(w[t, s])))
    return edges


def test_columns_have_one_neuron_per_unit_and_a_map_each(view):
    trainer, _ = trained_view(view, spiral())
    names = view.column_names()
    assert names == ["Input", *(f"Linear {k}" for k in range(1, 7)), "Output"]
    assert view.neuron_count(0) == len(FEATURES)
    assert [view.neuron_count(k) for k in range(1, 7)] == [8] * 6
    assert view.neuron_count(7) == 1
    atlas = view.atlas_array(3)
    assert atlas.shape == (8 * (MAP_RES + MAP_GAP) - MAP_GAP, MAP_RES, 4)
    # Every map is drawn (opaque) and the gaps between them are transparent.
    assert (atlas[:MAP_RES, :, 3] == 255).all() and (atlas[MAP_RES : MAP_RES + MAP_GAP, :, 3] == 0).all()
    # The x1 input map runs from orange (low x1, left) to blue (high x1, right).
    x1 = view.atlas_array(0)[:MAP_RES].astype(int)
    assert x1[10, 0, 0] > x1[10, 0, 2] and x1[10, -1, 2] > x1[10, -1, 0]


def test_maps_cover_exactly_their_neurons_when_the_run_starts_on_a_shown_view(view, qtbot):
    qtbot.waitExposed(view)
    trainer = Trainer(spiral(layers=2))
    view.start_run(info_of(trainer))  # laid out before any map exists, as in the app
    view.show_snapshot(snapshot_of(trainer, 10))
    for column in (0, 1, 3):
        x, y, width, height = view.atlas_rect(column)
        cx, top = view.neuron_position(column, 0)
        bottom = view.neuron_position(column, view.neuron_count(column) - 1)[1]
        assert x + width / 2 == pytest.approx(cx, abs=0.5)
        assert y == pytest.approx(top - width / 2, abs=0.5)
        assert y + height == pytest.approx(bottom + width / 2, abs=0.5)


def test_hidden_maps_change_with_training(view):
    trainer = Trainer(spiral())
    view.start_run(info_of(trainer))
    view.show_snapshot(snapshot_of(trainer))
    before = view.atlas_array(1).copy()
    view.show_snapshot(snapshot_of(trainer, 200))
    assert not np.array_equal(before, view.atlas_array(1))


def test_edge_colour_follows_the_weight_sign(view):
    _, snapshot = trained_view(view, spiral())
    edges = drawn_edges(view, snapshot)
    assert len(edges) == 6 * 8 + 5 * 8 * 8 + 8
    for column, s, t, w in edges:
        colour, _ = view.edge_style(column, s, t)
        assert nearer(colour, LIGHT.positive, LIGHT.negative) == (w >= 0)
    groups = view.edge_groups()
    assert sum(n for sign, _, n in groups if sign == "+") == sum(w >= 0 for *_, w in edges)
    assert sum(n for sign, _, n in groups if sign == "-") == sum(w < 0 for *_, w in edges)

    view.set_theme(DARK)
    for column, s, t, w in edges[:20]:
        assert nearer(view.edge_style(column, s, t)[0], DARK.positive, DARK.negative) == (w >= 0)


def test_edge_thickness_follows_the_weight_magnitude(view):
    _, snapshot = trained_view(view, spiral(), steps=300)
    edges = drawn_edges(view, snapshot)
    magnitudes = np.array([abs(w) for *_, w in edges])
    widths = np.array([view.edge_style(c, s, t)[1] for c, s, t, _ in edges])
    order = np.argsort(magnitudes)
    assert (np.diff(widths[order]) >= 0).all()  # never thinner for a larger weight
    assert widths[order[-1]] == widths.max() > widths[order[0]]
    assert len(set(widths)) >= 4  # a real spread of thicknesses


def test_item_count_does_not_grow_with_the_number_of_edges(view, qtbot):
    trained_view(view, spiral(units=8))
    small_edges = sum(n for *_, n in view.edge_groups())
    small_items = view.item_count()
    trained_view(view, spiral(units=16))
    big_edges = sum(n for *_, n in view.edge_groups())
    assert big_edges > 3 * small_edges
    assert view.item_count() == small_items
    assert small_items < 100


def test_tooltips_show_biases_and_weights(view):
    _, snapshot = trained_view(view, spiral())
    bias = snapshot.dashboard.biases[0][2]
    text = view.tooltip_at_neuron(1, 2)
    assert "Linear 1" in text and "neuron 3" in text and f"{bias:.4f}" in text
    w = snapshot.dashboard.weights[1][4, 3]
    text = view.tooltip_at_edge(2, 3, 4)
    assert "Linear 1 neuron 4" in text and "Linear 2 neuron 5" in text and f"{w:+.4f}" in text
    assert "sin x₁" in view.tooltip_at_neuron(0, 4)
    w = snapshot.dashboard.weights[0][1, 4]
    assert view.tooltip_at_edge(1, 4, 1) == f"Weight from input sin x₁ to Linear 1 neuron 2: {w:+.4f}"
    with pytest.raises(IndexError):
        view.tooltip_at_neuron(1, 8)

    # Hovering: on a neuron, then halfway along a connection into the output.
    x, y = view.neuron_position(1, 2)
    assert view.tooltip_at(x, y) == view.tooltip_at_neuron(1, 2)
    (x0, y0), (x1, y1) = view.neuron_position(6, 0), view.neuron_position(7, 0)
    assert view.tooltip_at((x0 + x1) / 2, (y0 + y1) / 2) == view.tooltip_at_edge(7, 0, 0)


def test_wide_layers_are_capped_and_say_so(view):
    design = Design(loss="cross_entropy", layers=(LinearLayer(units=40, activation="relu"),))
    trainer, snapshot = trained_view(view, design.with_data(dataset="digits"), steps=5)
    assert view.neuron_count(0) == 32 and view.more_label(0) == "+32 more"
    assert view.neuron_count(1) == 32 and view.more_label(1) == "+8 more"
    assert view.neuron_count(2) == 10 and view.more_label(2) == ""
    assert sum(n for *_, n in view.edge_groups()) == 32 * 32 + 10 * 32
    assert view.atlas_array(1) is None  # no plane to map: circles instead


def test_batchnorm_is_a_column_and_dropout_a_band_the_edges_cross(view):
    design = Design(layers=(LinearLayer(units=6), BatchNormLayer(activation="relu"), DropoutLayer(p=0.3),
                            LinearLayer(units=4))).with_data(dataset="xor")
    _, snapshot = trained_view(view, design, steps=30)
    assert view.column_names() == ["Input", "Linear 1", "BatchNorm 1", "Dropout 1", "Linear 2", "Output"]
    assert [view.neuron_count(k) for k in range(6)] == [2, 6, 6, 0, 4, 1]
    assert view.atlas_array(2) is not None  # BatchNorm outputs are mapped too
    w = snapshot.dashboard.weights[1][0, 5]
    assert "BatchNorm 1 neuron 6" in view.tooltip_at_edge(4, 5, 0) and f"{w:+.4f}" in view.tooltip_at_edge(4, 5, 0)
    assert "γ =" in view.tooltip_at_neuron(2, 0)


def test_snapshots_from_a_real_run_loop(view):
    trainer = Trainer(spiral(layers=2).with_training(epochs=2))
    view.start_run(info_of(trainer))
    control = RunControl()

    def emit(snapshot):
        view.show_snapshot(snapshot)
        control.snapshot_taken()

    final = RunLoop(trainer, control, emit, run_id=1).run()
    assert final.state == "finished"
    last = final.dashboard.weights[-1]
    assert f"{last[0, 7]:+.4f}" in view.tooltip_at_edge(3, 7, 0)


def test_dark_theme_recolours_the_maps_already_shown(view, qtbot):
    trainer = Trainer(spiral(layers=2))
    view.start_run(info_of(trainer))
    snapshot = snapshot_of(trainer, 50)
    view.show_snapshot(snapshot)
    light = view.atlas_array(1).copy()
    view.set_theme(DARK)
    fresh = NetworkView()
    qtbot.addWidget(fresh)
    fresh.set_theme(DARK)
    fresh.start_run(info_of(trainer))
    fresh.show_snapshot(snapshot)
    assert not np.array_equal(view.atlas_array(1), light)
    np.testing.assert_array_equal(view.atlas_array(1), fresh.atlas_array(1))


def test_hovering_a_neuron_shows_its_tooltip(view, qtbot):
    trained_view(view, spiral(layers=2))
    qtbot.waitExposed(view)
    x, y = view.neuron_position(2, 1)  # view pixels: the diagram fills the graphics view
    viewport = view.findChild(QGraphicsView).viewport()
    point = QPoint(round(x), round(y))
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.ToolTip, point, viewport.mapToGlobal(point)))
    assert QToolTip.text() == view.tooltip_at_neuron(2, 1)


def deep_batchnorm(units: int = 16, blocks: int = 6) -> Design:
    layers = []
    for _ in range(blocks):
        layers += [LinearLayer(units=units, activation="linear"), BatchNormLayer(activation="tanh")]
    return Design(layers=tuple(layers))


def assert_titles_fit_on_two_lines(view) -> None:
    """No title breaks inside a word: two lines, each a whole name (or cut short with "…") within its column."""
    font = QFont()
    font.setPointSizeF(TITLE_FONT_POINTS)
    bold = QFont(font)
    bold.setBold(True)
    for k, name in enumerate(view.column_names()):
        lines = view.title_lines(k)
        assert len(lines) == 2, (name, lines)
        assert lines[0] in (layer_name(name), short_layer_name(name)) or lines[0].endswith("…"), lines
        assert QFontMetricsF(bold).horizontalAdvance(lines[0]) <= view.title_width(k)
        assert QFontMetricsF(font).horizontalAdvance(lines[1]) <= view.title_width(k)


def test_titles_of_a_deep_network_never_break_inside_a_word(qtbot):
    """At 1366x768 they read "Linea r 1", "Batc hNor m 1" and "sigmo id" over 3-7 lines."""
    view = NetworkView()
    qtbot.addWidget(view)
    view.resize(600, 200)  # the Network dock of a 1366x768 window
    view.show()
    trained_view(view, deep_batchnorm(), steps=5)
    assert_titles_fit_on_two_lines(view)
    assert view.title_lines(2) == ["BN 1", "16 · Tanh"]  # shortened, in full in its tooltip
    assert view.tooltip_at(view.neuron_position(2, 0)[0], 8).startswith("BatchNorm 1\n16 units\nTanh")


def test_korean_titles_take_two_lines_too(korean, qtbot):
    view = NetworkView()
    qtbot.addWidget(view)
    view.resize(600, 200)
    view.show()
    trained_view(view, deep_batchnorm(), steps=5)
    assert_titles_fit_on_two_lines(view)
    assert view.title_lines(0) == ["입력", "특성 2개"]


def test_sixteen_units_keep_readable_maps_and_labels_and_the_diagram_scrolls(qtbot):
    """They used to shrink to ~5 px squares in a 1366x768 window, and the input names disappeared."""
    view = NetworkView()
    qtbot.addWidget(view)
    view.resize(600, 200)
    view.show()
    qtbot.waitExposed(view)
    trained_view(view, deep_batchnorm(), steps=5)
    assert view.neuron_size() >= MIN_MAP_SIZE
    assert view.side_labels(0) == ["x₁", "x₂"]
    width, height = view.minimum_diagram_size()
    assert width > 600 and height > 200  # scrolls both ways rather than squeezing
    scroll = view.findChild(QScrollArea)
    assert scroll.horizontalScrollBar().maximum() > 0 and scroll.verticalScrollBar().maximum() > 0
    inputs_bottom = view.neuron_position(0, 1)[1] + view.neuron_size() / 2
    assert inputs_bottom <= scroll.viewport().height()  # the inputs are in sight before scrolling down


# --- a large network: a budget of connections, the strongest drawn, a note that says so ---
def drawn_and_all(view, design: Design):
    """The view after one step of ``design``: its drawn connections, and every connection
    between its drawn neurons as {(column, source, target): weight}."""
    trainer = Trainer(design)
    view.start_run(info_of(trainer))
    snapshot = snapshot_of(trainer, 1)
    view.show_snapshot(snapshot)
    every = {}
    for column in range(1, len(view.column_names())):
        w = snapshot.dashboard.blocks[column - 1].weight
        for t in range(view.neuron_count(column)):
            for s in range(min(w.shape[1], view.neuron_count(column - 1))):
                every[(column, s, t)] = float(w[t, s])
    return view.drawn_edges(), every


def test_quotas_share_the_budget_and_small_pairs_keep_all_theirs():
    assert quotas([12, 64, 64, 8], budget=2000) == [12, 64, 64, 8]  # all fit: all drawn
    # Two inputs into 32 drawn neurons (64), five 32x32 pairs, 32 into the output: 2000 - 96 = 1904 = 5 x 380 (+4).
    assert quotas([64, *[1024] * 5, 32], budget=2000) == [64, *[380] * 5, 32]
    assert sum(quotas([1024] * 21, budget=2000)) <= 2000


def test_a_20x512_network_draws_at_most_the_budget_and_the_strongest_connections(view):
    drawn, every = drawn_and_all(view, spiral(512, 20))
    assert len(every) == 6 * 32 + 19 * 32 * 32 + 32  # 19,680 between the drawn neurons
    assert 0 < len(drawn) <= EDGE_BUDGET
    assert sum(count for _, _, count in view.edge_groups()) == len(drawn)
    assert quotas([192, *[1024] * 19, 32]) == [98] * 20 + [32]  # (2000 - 32) // 20: the output keeps all its 32
    for column in range(1, 21):  # the inputs and each 32x32 pair of hidden layers
        mine = {key: w for key, w in every.items() if key[0] == column}
        shown = {(c, s, t) for c, s, t, _ in drawn if c == column}
        assert len(shown) == 98
        weakest_shown = min(abs(mine[key]) for key in shown)
        strongest_left = max(abs(w) for key, w in mine.items() if key not in shown)
        assert weakest_shown >= strongest_left
    assert {(c, s, t) for c, s, t, _ in drawn if c == 21} == {key for key in every if key[0] == 21}  # the output: all
    assert "only the strongest 98 connections per layer are drawn (1,992 of 19,680)" in view.caption()


def test_a_hover_finds_only_drawn_connections(view):
    drawn, every = drawn_and_all(view, spiral(512, 20))
    hidden = next(key for key in every if key[0] == 10 and key not in {d[:3] for d in drawn})
    with pytest.raises(LookupError):
        view.edge_style(*hidden)


@pytest.mark.parametrize("design", [spiral(), Design(), spiral().with_data(features=("x1", "x2"))],
                         ids=["spiral 6x8, six features", "circle [4,2]", "spiral 6x8, two features"])
def test_tensorflow_playgrounds_networks_draw_every_connection(view, design):
    drawn, every = drawn_and_all(view, design)
    assert {(c, s, t): w for c, s, t, w in drawn} == pytest.approx(every)
    assert "strongest" not in view.caption()
