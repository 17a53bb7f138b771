"""Colours and rooms: the colour-blind-safe palette (View > Colours) and projector mode
(View > Projector Mode) reach every view, keep their colours apart for red-green colour
vision, outline the decision boundary, and are remembered between launches."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from playground.design.schema import Design
from playground.training.trainer import Trainer
from playground.ui.main_window import MainWindow
from playground.ui.theme import (DARK, LIGHT, OKABE_ITO, PROJECTOR_FONT_SCALE, PROJECTOR_LINE_SCALE, apply_font,
                                 resolve)
from playground.ui.views.boundary_view import OutputView
from playground.ui.views.network_edges import WIDTH_BINS, bin_width
from playground.ui.views.output_painter import BACKGROUND_STRENGTH
from playground.ui.widgets.colour_maps import diverging_lut, rgb, rgb_to_lab
from playground.ui.widgets.contours import boundary_segments, level_segments
from playground.ui.widgets.plot_utils import layer_colours
from ui_runs import info_of, snapshot_of
from ui_window import WINDOW_TIMEOUT, open_window

# Machado, Oliveira & Fernandes (2009): full deuteranopia and protanopia, on linear RGB.
MACHADO = {
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
}
APART = 15.0  # CIELAB ΔE (1976) between two colours that must be told apart at a glance
COLOUR_BLIND = [resolve("light", "colour_blind"), resolve("dark", "colour_blind")]


def seen_with(colour, deficiency: str) -> np.ndarray:
    """CIELAB of sRGB ``colour`` ('#rrggbb' or 0..255 (3,)) as seen with ``deficiency``."""
    c = (rgb(colour) if isinstance(colour, str) else np.asarray(colour, dtype=np.float64)[:3]) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    seen = np.clip(MACHADO[deficiency] @ linear, 0.0, 1.0)
    encoded = np.where(seen <= 0.0031308, 12.92 * seen, 1.055 * seen ** (1 / 2.4) - 0.055)
    return rgb_to_lab(encoded * 255.0)


def apart(a, b, deficiency: str) -> float:
    """ΔE between ``a`` and ``b`` as seen with ``deficiency``."""
    return float(np.linalg.norm(seen_with(a, deficiency) - seen_with(b, deficiency)))


def pixels_of(widget, colour: str) -> int:
    """How many pixels of ``widget``'s grab are exactly ``colour``."""
    image = widget.grab().toImage().convertToFormat(QImage.Format_RGB888)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    data = np.frombuffer(image.constBits(), np.uint8, count=stride * height).reshape(height, stride)
    pixels = data[:, : width * 3].reshape(height, width, 3)
    return int(np.all(pixels == rgb(colour).astype(np.uint8), axis=-1).sum())


@pytest.fixture
def restore_font():
    """Projector mode enlarges the application's font: the next test starts from the standard one."""
    yield
    apply_font(QApplication.instance(), LIGHT)


# --- the palette's colours --------------------------------------------------------------------------
@pytest.mark.parametrize("theme", COLOUR_BLIND, ids=["light", "dark"])
def test_the_colour_blind_palette_takes_okabe_ito_for_classes_and_runs(theme):
    okabe_ito = {c.lower() for name, c in OKABE_ITO.items() if name != "black"}
    assert {c.lower() for c in theme.classes[:7]} == okabe_ito
    assert (theme.classes[0], theme.classes[1]) == (theme.negative, theme.positive)  # two classes: orange, blue
    assert {c.lower() for c in theme.runs} <= okabe_ito
    assert [c.name() for c in layer_colours(4, theme)] == [c.lower() for c in theme.classes[:4]]
    assert theme.outline and theme.perceptual


@pytest.mark.parametrize("deficiency", MACHADO)
@pytest.mark.parametrize("theme", COLOUR_BLIND, ids=["light", "dark"])
def test_colour_blind_colours_stay_apart_with_red_green_colour_blindness(theme, deficiency):
    closest = min(apart(a, b, deficiency) for a, b in itertools.combinations(theme.classes, 2))
    assert closest > APART  # all ten class colours (the digits', the lab's inputs, 10 layers' lines)
    picture = diverging_lut(theme, BACKGROUND_STRENGTH)  # the Output view's background, as pale as it gets
    assert apart(picture[0], picture[-1], deficiency) > 3 * APART
    assert apart(theme.negative, theme.positive, deficiency) > 3 * APART
    assert apart(theme.train, theme.test, deficiency) > 3 * APART
    assert apart(theme.good, theme.bad, deficiency) > 2 * APART


def test_the_standard_palette_fails_the_same_check():
    """Evidence that the check sees colour blindness: the standard palette's red and green
    classes (2 and 3) and its dark theme's healthy and exploding verdicts merge."""
    assert apart(LIGHT.classes[2], LIGHT.classes[3], "deuteranopia") < APART / 2
    assert apart(DARK.good, DARK.bad, "deuteranopia") < APART
    assert min(apart(a, b, "protanopia") for a, b in itertools.combinations(LIGHT.classes, 2)) < APART / 2


@pytest.mark.parametrize("name", ["light", "dark"])
def test_the_colour_blind_diverging_map_is_even_in_cielab(name):
    """Equal steps of value look like equal steps of colour: on each side of the middle the
    distance in CIELAB from the neutral middle grows in proportion to the value."""

    def worst_bend(theme) -> float:
        lab = rgb_to_lab(diverging_lut(theme)[:, :3].astype(np.float64))
        middle, t = (lab[127] + lab[128]) / 2, np.abs(np.linspace(-1.0, 1.0, 256))
        bends = []
        for side in (slice(0, 128), slice(128, 256)):
            distance = np.linalg.norm(lab[side] - middle, axis=1)
            bends.append(np.abs(distance / distance.max() - t[side] / t[side].max()).max())
        return max(bends)

    theme = resolve(name, "colour_blind")
    lut = diverging_lut(theme)
    np.testing.assert_allclose(lut[0, :3], rgb(theme.negative), atol=1)
    np.testing.assert_allclose(lut[-1, :3], rgb(theme.positive), atol=1)
    assert worst_bend(theme) < 0.02
    assert worst_bend(resolve(name)) > 0.03  # the standard map blends in RGB


# --- the boundary's outline --------------------------------------------------------------------------
def test_level_lines_lie_on_the_level():
    x = np.linspace(-1.0, 1.0, 40)
    gx, gy = np.meshgrid(x, x)
    xs, ys = level_segments(gx ** 2 + gy ** 2, 0.25, (-1.0, 1.0, -1.0, 1.0))
    assert len(xs) > 40 and len(xs) % 2 == 0
    np.testing.assert_allclose(np.hypot(xs, ys), 0.5, atol=0.01)
    # A trained network's probabilities jump from 0 to 1 between two samples (float32): the
    # outline still lies where the probability is 0.5, not half-way between the samples.
    z = 60.0 * (gx - 0.31)
    steep = np.stack([1 / (1 + np.exp(z)), 1 / (1 + np.exp(-z))], axis=-1).astype(np.float32)
    xs, ys = boundary_segments(steep, (-1.0, 1.0, -1.0, 1.0))
    np.testing.assert_allclose(xs, 0.31, atol=1e-3)
    np.testing.assert_allclose(np.sort(np.unique(ys.round(6)))[[0, -1]], [-1.0, 1.0])


def test_many_classes_are_outlined_where_they_meet():
    x = np.linspace(-1.0, 1.0, 60)
    gx, gy = np.meshgrid(x, x)
    angle = np.arctan2(gy, gx)
    logits = np.stack([np.cos(angle - a) for a in (0.0, 2.1, 4.2)], axis=-1) * 8 * np.hypot(gx, gy)[..., None]
    probs = np.exp(logits) / np.exp(logits).sum(-1, keepdims=True)
    xs, ys = boundary_segments(probs, (-1.0, 1.0, -1.0, 1.0))
    assert len(xs) > 60
    on = np.stack([np.cos(np.arctan2(ys, xs) - a) for a in (0.0, 2.1, 4.2)], axis=-1)
    top_two = np.sort(on, axis=-1)[:, -2:]
    away = np.hypot(xs, ys) > 0.1  # the cells round the point where all three meet are cut across
    assert away.mean() > 0.9
    assert np.abs(top_two[away, 1] - top_two[away, 0]).max() < 0.05  # each point lies between two classes


@pytest.fixture(scope="module")
def trained_circle():
    trainer = Trainer(Design().with_optimizer(name="adam", lr=0.03))
    info = info_of(trainer)
    return trainer, info, snapshot_of(trainer, 400)


def _output(qtbot, theme, trained_circle) -> OutputView:
    _, info, snapshot = trained_circle
    view = OutputView()
    qtbot.addWidget(view)
    view.resize(520, 420)
    view.set_theme(theme)
    view.start_run(info)
    view.show_snapshot(snapshot)
    return view


def _clear_of_points(view, trainer) -> list[np.ndarray]:
    """The middles of the outline's segments that no data point covers."""
    xs, ys = view.outline_data()
    middles = np.stack([(xs[::2] + xs[1::2]) / 2, (ys[::2] + ys[1::2]) / 2], axis=1)
    points = np.concatenate([trainer.dataset.raw_train, trainer.dataset.raw_test])
    return [m for m in middles if np.min(np.hypot(*(points - m).T)) > 0.4]


def _outline_pixels_around(view, colour: str, places) -> float:
    """How many pixels of ``colour`` there are in the 9x9 pixels round each of ``places``, on average."""
    image = view.grab().toImage()
    counts = []
    for place in places:
        x, y = view.pixel_of(*place)
        counts.append(sum(image.pixelColor(x + dx, y + dy).name() == colour.lower()
                          for dx in range(-4, 5) for dy in range(-4, 5)))
    return float(np.mean(counts))


@pytest.mark.parametrize("theme", COLOUR_BLIND, ids=["light", "dark"])
def test_the_decision_boundary_is_outlined_where_the_probability_is_half(qtbot, theme, trained_circle):
    trainer, _, snapshot = trained_circle
    probs = np.asarray(snapshot.dashboard.boundary)[..., 1]
    assert probs.min() < 0.1 and probs.max() > 0.9  # a boundary there to outline
    view = _output(qtbot, theme, trained_circle)
    xs, ys = view.outline_data()
    assert len(xs) > 40
    x0, x1, y0, y1 = trainer.dataset.extent
    assert np.hypot(xs, ys).min() > 0.5 and np.hypot(xs, ys).max() < 0.95 * max(x1, y1)  # round the inner class
    # The pixels on the line, away from the data's points, take the outline colour.
    clear = _clear_of_points(view, trainer)
    assert len(clear) >= 10
    image = view.grab().toImage()
    hits = [image.pixelColor(*view.pixel_of(*m)).name() == theme.outline.lower() for m in clear]
    assert np.mean(hits) > 0.9
    assert "decision boundary" in view.legend_names()
    # The standard palette draws no outline: the same pixels show the picture.
    view.set_theme(LIGHT)
    assert len(view.outline_data()[0]) == 0
    image = view.grab().toImage()
    assert not any(image.pixelColor(*view.pixel_of(*m)).name() == theme.outline.lower() for m in clear)


@pytest.mark.parametrize("theme", COLOUR_BLIND, ids=["light", "dark"])
def test_projector_mode_draws_the_outline_thicker(qtbot, theme, trained_circle):
    thin = _output(qtbot, theme, trained_circle)
    thick = _output(qtbot, resolve(theme.name, "colour_blind", projector=True), trained_circle)
    clear = _clear_of_points(thin, trained_circle[0])
    ratio = _outline_pixels_around(thick, theme.outline, clear) / _outline_pixels_around(thin, theme.outline, clear)
    assert ratio > 1.5  # a 3.6 px line against a 2 px one


def test_a_narrow_output_in_projector_mode_puts_its_legend_under_the_plot(qtbot, trained_circle):
    trainer = trained_circle[0]
    x0, x1, _, _ = trainer.dataset.extent

    def plane_width(view) -> int:
        return view.pixel_of(x1, 0.0)[0] - view.pixel_of(x0, 0.0)[0]

    view = _output(qtbot, resolve("light", "colour_blind", projector=True), trained_circle)
    view.resize(340, 460)  # the Output beside a raised Batch normalization dock at 1366x768
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: plane_width(view) > 150)  # beside the plot the legend left it 50 px
    assert view.legend_names() == ["class 0", "class 1", "test point", "decision boundary"]
    wide = _output(qtbot, LIGHT, trained_circle)  # the standard room, a usual width: beside, as before
    wide.resize(520, 420)
    wide.show()
    qtbot.waitExposed(wide)
    assert plane_width(wide) > 250


# --- the window ------------------------------------------------------------------------------------------
def _trained_window(qtbot, settings, tmp_path) -> MainWindow:
    window = open_window(qtbot, settings, tmp_path)
    window.epoch_action.trigger()
    qtbot.waitUntil(lambda: window.output_view.image_array() is not None and
                    len(window.loss_plot.curve_data("train_steps")[0]) > 20, timeout=WINDOW_TIMEOUT)
    qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=WINDOW_TIMEOUT)
    return window


def test_the_colour_blind_palette_reaches_every_view_at_once(qtbot, settings, tmp_path):
    window = _trained_window(qtbot, settings, tmp_path)
    standard = window.look.theme()
    assert standard.palette == "standard"
    for widget in (window.output_view, window.network_view, window.data_panel):
        assert pixels_of(widget, standard.negative) > 0, widget  # the check can see the standard colours
    window.look.set_palette_choice("colour_blind")
    theme = window.look.theme()
    assert theme == resolve(standard.name, "colour_blind")
    assert window.look.palette_actions["colour_blind"].isChecked()
    assert settings.value("palette") == "colour_blind"
    for colour in (standard.negative, standard.positive, standard.train, standard.test):
        assert pixels_of(window, colour) == 0, colour  # not one pixel left in the old colours
    for widget in (window.output_view, window.network_view, window.data_panel):
        assert pixels_of(widget, theme.negative) > 0 and pixels_of(widget, theme.positive) > 0, widget
    assert pixels_of(window.loss_plot, theme.train) > 0 and pixels_of(window.loss_plot, theme.test) > 0
    assert len(window.output_view.outline_data()[0]) > 0
    assert window.network_view.edge_style(*window.network_view.drawn_edges()[0][:3])[0] in (
        *(c.lower() for c in (theme.negative, theme.positive)), *_faded_edge_colours(theme))
    names = window.gradient_plot.layer_names()
    assert window.gradient_plot.line_colours() == [c.name() for c in layer_colours(len(names), theme)]
    window.document.undo_stack.setClean()
    window.close()


def _faded_edge_colours(theme) -> set[str]:
    from playground.ui.widgets.colour_maps import mix

    return {mix(c, theme.background, 0.3 + 0.7 * b / (WIDTH_BINS - 1)).name()
            for c in (theme.negative, theme.positive) for b in range(WIDTH_BINS)}


def test_projector_mode_enlarges_text_and_lines_and_both_choices_are_remembered(qtbot, settings, tmp_path,
                                                                                restore_font):
    window = open_window(qtbot, settings, tmp_path)
    app = QApplication.instance()
    base = app.font().pointSizeF()
    widest = max(width for _, width, _ in window.network_view.edge_groups())
    menu_font = window.menuBar().font().pointSizeF()
    legend_font = window.loss_plot.legend().font().pointSizeF()  # a label with a smaller size of its own
    window.look.set_palette_choice("colour_blind")
    window.look.projector_action.trigger()  # View > Projector Mode
    assert window.look.projector() and settings.value("projector", type=bool)
    assert app.font().pointSizeF() == pytest.approx(base * PROJECTOR_FONT_SCALE, abs=0.05)
    qtbot.waitUntil(lambda: window.menuBar().font().pointSizeF() > menu_font)  # Qt posts the change to the widgets
    assert window.menuBar().font().pointSizeF() == pytest.approx(menu_font * PROJECTOR_FONT_SCALE, abs=0.05)
    assert window.loss_plot.legend().font().pointSizeF() == pytest.approx(legend_font * PROJECTOR_FONT_SCALE, abs=0.05)
    assert max(width for _, width, _ in window.network_view.edge_groups()) == pytest.approx(
        widest * PROJECTOR_LINE_SCALE)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1366 and hint.height() <= 740  # the window still fits a 1366x768 screen
    editors = window.editor_tabs.currentWidget()  # the Design dock widens rather than scroll sideways
    qtbot.waitUntil(lambda: editors.viewport().width() >= editors.widget().minimumSizeHint().width())
    assert not editors.horizontalScrollBar().isVisible()
    assert window.output_view.width() > 350
    window.document.undo_stack.setClean()
    window.close()

    again = open_window(qtbot, settings, tmp_path)  # the next launch
    assert again.look.projector_action.isChecked() and again.look.palette_actions["colour_blind"].isChecked()
    assert again.look.theme() == resolve(again.look.theme().name, "colour_blind", projector=True)
    assert app.font().pointSizeF() == pytest.approx(base * PROJECTOR_FONT_SCALE, abs=0.05)
    assert max(width for _, width, _ in again.network_view.edge_groups()) == pytest.approx(
        bin_width(WIDTH_BINS - 1) * PROJECTOR_LINE_SCALE)
    again.look.set_projector(False)
    assert app.font().pointSizeF() == pytest.approx(base, abs=0.05)
    assert again.loss_plot.legend().font().pointSizeF() == pytest.approx(legend_font, abs=0.05)
    again.document.undo_stack.setClean()
    again.close()


def test_projector_mode_at_1280x720_leaves_the_output_view_room(qtbot, settings, tmp_path, restore_font):
    """In projector mode's larger text the Loss dock's row of controls gives way (the epoch and
    step count is cut, whole in its tooltip and the status bar) so that the Output view beside
    it is not squeezed to a sliver on a 1280x720 screen."""
    settings.setValue("projector", True)
    window = MainWindow(settings, data_dir=tmp_path / "data")  # launched on a 1280x720 screen
    window.resize(1280, 720)
    window.show()
    qtbot.waitUntil(lambda: bool(window.views) and window.controller.state == "paused", timeout=WINDOW_TIMEOUT)
    window.epoch_action.trigger()  # the counts and the gradients' verdict take their room
    qtbot.waitUntil(lambda: len(window.loss_plot.curve_data("train_steps")[0]) > 20, timeout=WINDOW_TIMEOUT)
    qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=WINDOW_TIMEOUT)
    window.loss_plot._show_status(3_564, 89_116)  # a few seconds of training later, as in the screenshot
    qtbot.wait(200)
    assert window.output_view.width() > 280  # it was 243 (the Loss dock 685 px), its plot a sliver
    window.document.undo_stack.setClean()
    window.close()
