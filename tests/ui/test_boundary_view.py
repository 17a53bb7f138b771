"""The Output view, fed by real training runs."""

from __future__ import annotations

import numpy as np
import pytest

from playground.design.schema import Design, LinearLayer
from playground.training.run_loop import RunControl, RunLoop
from playground.training.trainer import Trainer
from playground.ui.views.boundary_view import OutputView
from playground.ui.widgets.colour_maps import diverging_image, diverging_lut, rgb, target_scale
from playground.ui.theme import DARK, LIGHT
from ui_runs import info_of, snapshot_of

CIRCLE = Design().with_optimizer(name="adam", lr=0.03)


@pytest.fixture
def view(qtbot):
    widget = OutputView()
    qtbot.addWidget(widget)
    widget.resize(500, 400)
    return widget


def nearer(pixel: np.ndarray, colour: str, other: str) -> bool:
    p = pixel[:3].astype(float)
    return np.linalg.norm(p - rgb(colour)) < np.linalg.norm(p - rgb(other))


def test_before_a_snapshot_only_the_data_points_are_shown(view):
    trainer = Trainer(CIRCLE)
    view.start_run(info_of(trainer))
    assert view.mode() == "boundary"
    assert view.image_array() is None
    x, y = view.points("train")
    np.testing.assert_array_equal(x, trainer.dataset.raw_train[:, 0])
    np.testing.assert_array_equal(y, trainer.dataset.raw_train[:, 1])
    assert len(view.points("test")[0]) == len(trainer.dataset.raw_test)
    assert "Press Train" in view.info_text()


def test_trained_circle_boundary_is_blue_inside_and_orange_outside(view):
    trainer = Trainer(CIRCLE)
    view.start_run(info_of(trainer))
    view.show_snapshot(snapshot_of(trainer))
    untrained = view.image_array().copy()
    view.show_snapshot(snapshot_of(trainer, 400))

    image = view.image_array()
    assert image.shape == (64, 64, 4) and image.dtype == np.uint8
    assert not np.array_equal(image, untrained)
    # The circle's inner class is 1 (positive, blue); the ring around it is class 0 (orange).
    assert nearer(image[32, 32], LIGHT.positive, LIGHT.negative)
    for row, col in [(0, 0), (0, 63), (63, 0), (63, 63), (32, 2), (2, 32)]:
        assert nearer(image[row, col], LIGHT.negative, LIGHT.positive), (row, col)
    assert "accuracy" in view.info_text()
    assert "class 1" in view.describe_point(0.0, 0.0)
    assert "class 0" in view.describe_point(5.5, 5.5)


def test_dark_theme_recolours_the_shown_boundary(view):
    trainer = Trainer(CIRCLE)
    view.start_run(info_of(trainer))
    snapshot = snapshot_of(trainer, 200)
    view.show_snapshot(snapshot)
    light = view.image_array().copy()
    view.set_theme(DARK)
    dark = view.image_array()
    p1 = snapshot.dashboard.boundary[..., 1]
    np.testing.assert_array_equal(dark, diverging_image(2 * p1 - 1, 1.0, diverging_lut(DARK, 0.6)))
    assert not np.array_equal(light, dark)


def test_show_test_data_toggles_the_test_points(view):
    trainer = Trainer(CIRCLE)
    view.start_run(info_of(trainer))
    assert view.test_points_visible()
    view.set_test_points_visible(False)
    assert not view.test_points_visible()
    assert view.points("train")[0].size == len(trainer.dataset.raw_train)  # train points stay
    view.set_test_points_visible(True)
    assert view.test_points_visible()


def test_multiclass_pixels_take_the_colour_of_their_most_likely_class(view):
    design = Design(loss="cross_entropy").with_data(dataset="blobs", classes=4).with_optimizer(name="adam", lr=0.03)
    trainer = Trainer(design)
    view.start_run(info_of(trainer))
    snapshot = snapshot_of(trainer, 300)
    view.show_snapshot(snapshot)
    image = view.image_array()
    probs = snapshot.dashboard.boundary
    winner = probs.argmax(-1)
    # A pixel is its class colour lightened towards neutral: it lies on the line from
    # neutral to that class colour, so its direction from neutral points at the class.
    neutral = rgb(LIGHT.neutral)
    directions = np.stack([rgb(c) for c in LIGHT.classes[:4]]) - neutral
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    confident = probs.max(-1) > 0.9
    assert confident.sum() > 1000  # most of the plane after training
    for row, col in np.argwhere(confident)[::37]:
        offset = image[row, col, :3] - neutral
        assert (directions @ offset).argmax() == winner[row, col]
    assert view.legend_names()[:4] == ["class 0", "class 1", "class 2", "class 3"]


def test_regression_surface_uses_fixed_symmetric_levels(view):
    design = Design(loss="mse", layers=(LinearLayer(units=8), LinearLayer(units=8)))
    trainer = Trainer(design.with_data(dataset="gauss_bumps").with_optimizer(name="adam", lr=0.01))
    view.start_run(info_of(trainer))
    assert view.mode() == "surface"
    snapshot = snapshot_of(trainer, 200)
    view.show_snapshot(snapshot)
    values = snapshot.dashboard.boundary
    expected = diverging_image(values, target_scale(trainer.dataset), diverging_lut(LIGHT, 0.6))
    np.testing.assert_array_equal(view.image_array(), expected)
    assert target_scale(trainer.dataset) == pytest.approx(1.0, abs=0.05)  # bumps are +-1 high
    high, low = np.unravel_index(values.argmax(), values.shape), np.unravel_index(values.argmin(), values.shape)
    assert nearer(view.image_array()[high], LIGHT.positive, LIGHT.negative)
    assert nearer(view.image_array()[low], LIGHT.negative, LIGHT.positive)


def test_1d_curve_follows_the_extras_and_outliers_are_marked(view):
    design = Design(loss="mse", layers=(LinearLayer(units=16),)).with_data(dataset="sine", outlier_fraction=0.1)
    trainer = Trainer(design.with_optimizer(name="adam", lr=0.01))
    data = trainer.dataset
    view.start_run(info_of(trainer))
    assert view.mode() == "curve"
    snapshot = snapshot_of(trainer, 100)
    view.show_snapshot(snapshot)

    x, y = view.curve_data()
    np.testing.assert_array_equal(x, snapshot.dashboard.curve_x)
    np.testing.assert_array_equal(y, snapshot.dashboard.curve_y)
    outliers = data.outliers_train
    assert outliers.sum() == 25
    ox, oy = view.points("outliers")
    np.testing.assert_array_equal(np.sort(ox), np.sort(data.raw_train[outliers, 0]))
    np.testing.assert_array_equal(np.sort(oy), np.sort(data.y_train[outliers]))
    assert len(view.points("train")[0]) == len(data.y_train) - 25
    assert "outliers" in view.legend_names()


def test_digits_show_a_confusion_matrix_of_the_test_set(view):
    design = Design(loss="cross_entropy", layers=(LinearLayer(units=32, activation="relu"),))
    trainer = Trainer(design.with_data(dataset="digits").with_optimizer(name="adam", lr=0.01))
    view.start_run(info_of(trainer))
    assert view.mode() == "confusion"
    view.show_snapshot(snapshot_of(trainer, 100))

    matrix = view.confusion_matrix()
    n_test = len(trainer.dataset.y_test)
    assert matrix.shape == (10, 10) and matrix.sum() == n_test
    np.testing.assert_array_equal(matrix.sum(axis=1), np.bincount(trainer.dataset.y_test, minlength=10))
    assert view.cell_texts() == [str(n) for n in matrix.ravel()]
    correct = int(np.trace(matrix))
    assert f"{correct:,} of {n_test:,}" in view.info_text()
    assert correct / n_test > 0.8
    assert "predicted 3" in view.describe_point(3.0, 5.0) and "True class 5" in view.describe_point(3.0, 5.0)


def test_csv_regression_shows_predicted_against_actual(view, tmp_path):
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(2, 120))
    rows = "\n".join(f"{x:.4f},{y:.4f},{2 * x - y:.4f}" for x, y in zip(a, b))
    path = tmp_path / "data.csv"
    path.write_text("a,b,target\n" + rows + "\n")
    design = Design(loss="mse", layers=(LinearLayer(units=8),)).with_data(
        dataset="csv", csv_path=str(path), csv_target="target", csv_task="regression")
    trainer = Trainer(design.with_optimizer(name="adam", lr=0.03))
    view.start_run(info_of(trainer))
    assert view.mode() == "scatter"
    snapshot = snapshot_of(trainer, 100)
    view.show_snapshot(snapshot)
    x, y = view.points("test")
    np.testing.assert_array_equal(x, snapshot.dashboard.actual)
    np.testing.assert_array_equal(y, snapshot.dashboard.predicted)
    assert "R²" in view.info_text()


def test_snapshots_from_a_real_run_loop_end_on_the_final_boundary(view):
    trainer = Trainer(CIRCLE.with_training(epochs=3))
    view.start_run(info_of(trainer))
    control = RunControl()
    snapshots = []

    def emit(snapshot):
        snapshots.append(snapshot)
        view.show_snapshot(snapshot)
        control.snapshot_taken()

    final = RunLoop(trainer, control, emit, run_id=1).run()
    assert final.state == "finished" and snapshots[-1] is final
    p1 = final.dashboard.boundary[..., 1]
    np.testing.assert_array_equal(view.image_array(), diverging_image(2 * p1 - 1, 1.0, diverging_lut(LIGHT, 0.6)))


def test_a_new_run_switches_mode_and_forgets_the_old_picture(view):
    circle = Trainer(CIRCLE)
    view.start_run(info_of(circle))
    view.show_snapshot(snapshot_of(circle, 10))
    sine = Trainer(Design(loss="mse").with_data(dataset="sine"))
    view.start_run(info_of(sine, run_id=2))
    assert view.mode() == "curve"
    assert view.image_array() is None
    assert view.curve_data()[0].size == 0


def test_the_legend_keeps_its_size_and_entries_over_design_switches(view):
    """Switching presets back and forth used to widen the legend a little with every run."""
    circle, sine = Trainer(CIRCLE), Trainer(Design(loss="mse").with_data(dataset="sine"))
    view.start_run(info_of(circle))
    first = (view.legend_names(), view.legend_size())
    for run_id in range(2, 12, 2):
        view.start_run(info_of(sine, run_id=run_id))
        view.start_run(info_of(circle, run_id=run_id + 1))
    assert view.legend_names() == first[0] == ["class 0", "class 1", "test point"]
    assert view.legend_size() == first[1]
    view.set_theme(DARK)
    assert view.legend_size() == first[1]
