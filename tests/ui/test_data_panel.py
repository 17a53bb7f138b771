"""The Data panel edits design.data through the document, undoably, and explains what it changes."""

import pytest
from PySide6.QtCore import Qt

from playground.design import registry
from playground.design.schema import Design
from playground.design.rules import split_sizes
from playground.ui.panels.data_panel import DataPanel
from playground.ui.document import DesignDocument


@pytest.fixture
def panel(qtbot):
    widget = DataPanel(DesignDocument())
    qtbot.addWidget(widget)
    widget.resize(320, 800)
    widget.show()
    return widget


def click_dataset(qtbot, panel, name):
    item = panel.grid.item(list(registry.DATASETS).index(name))
    rect = panel.grid.visualItemRect(item)
    qtbot.mouseClick(panel.grid.viewport(), Qt.LeftButton, pos=rect.center())


def test_shows_the_default_data_and_its_split(panel):
    assert panel.grid.currentItem().data(Qt.UserRole) == "circle"
    assert panel.counts_text() == "250 training / 250 test points"
    assert panel.message_text() == ""


def test_dragging_the_noise_slider_is_one_undo_step(panel):
    document = panel.document
    for value in (10, 20, 35):
        panel.settings.noise_slider.setValue(value)  # what a drag emits, tick by tick
    assert document.design.data.noise == pytest.approx(0.35)
    assert panel.settings.noise_value.text() == "0.35"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.design.data.noise == 0.0
    assert panel.settings.noise_slider.value() == 0 and panel.settings.noise_value.text() == "0.00"


def test_training_share_changes_the_point_counts(panel):
    panel.settings.split_slider.setValue(80)
    assert panel.document.design.data.train_fraction == pytest.approx(0.8)
    assert panel.counts_text() == "400 training / 100 test points"
    panel.document.undo_stack.undo()
    assert panel.counts_text() == "250 training / 250 test points"


@pytest.mark.parametrize(
    "dataset, shown, hidden",
    [
        ("circle", {"samples", "noise", "features"}, {"outliers", "classes", "csv"}),
        ("sine", {"samples", "noise", "outliers"}, {"features", "classes", "csv"}),
        ("blobs", {"samples", "noise", "features", "classes"}, {"outliers", "csv"}),
        ("digits", set(), {"samples", "noise", "features", "classes", "outliers", "csv"}),
    ],
)
def test_only_controls_that_apply_to_the_data_set_are_shown(panel, dataset, shown, hidden):
    panel.select_dataset(dataset)
    assert {name for name in shown | hidden if panel.control_visible(name)} == shown


def test_choosing_multi_class_data_switches_bce_to_cross_entropy_and_says_so(qtbot, panel):
    document = panel.document
    assert document.design.loss == "bce"
    click_dataset(qtbot, panel, "blobs")
    assert document.design.data.dataset == "blobs"
    assert document.design.loss == "cross_entropy"
    assert "Loss switched to Cross-entropy for multi-class data" in panel.message_text()
    assert document.undo_stack.count() == 1  # data set and loss: one step
    document.undo_stack.undo()
    assert (document.design.data.dataset, document.design.loss) == ("circle", "bce")
    assert panel.grid.currentItem().data(Qt.UserRole) == "circle"
    assert panel.message_text() == ""


def test_regression_data_gets_a_regression_loss(panel):
    panel.select_dataset("line")
    assert panel.document.design.loss == "mse"
    assert "Loss switched to MSE (L2) for regression data" in panel.message_text()


def test_unchecking_features_and_keeping_the_last_one(qtbot, panel):
    document = panel.document
    qtbot.mouseClick(panel.settings.feature_boxes["x2"], Qt.LeftButton)
    assert document.design.data.features == ("x1",)
    qtbot.mouseClick(panel.settings.feature_boxes["x1"], Qt.LeftButton)
    assert document.design.data.features == ("x1",)
    assert panel.settings.feature_boxes["x1"].isChecked()
    assert "at least one must stay checked" in panel.message_text()
    qtbot.mouseClick(panel.settings.feature_boxes["x1_sq"], Qt.LeftButton)
    assert document.design.data.features == ("x1", "x1_sq")  # registry order


def test_classes_spin_edits_the_class_count(panel):
    panel.select_dataset("blobs")
    panel.settings.classes_spin.setValue(5)
    assert panel.document.design.data.classes == 5


def test_regenerate_draws_a_new_seed_in_one_undo_step(panel):
    document = panel.document
    old_seed = document.design.data.seed
    panel.regenerate_button.click()
    assert document.design.data.seed != old_seed
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert document.design.data.seed == old_seed


def test_digits_are_bundled_with_their_fixed_size(panel):
    panel.select_dataset("digits")
    assert panel.document.design.loss == "cross_entropy"
    n_train, n_test = split_sizes(1797, 0.5)
    assert panel.counts_text() == f"{n_train} training / {n_test} test points"


def write_csv(path, rows):
    path.write_text("\n".join(",".join(map(str, row)) for row in rows) + "\n", encoding="utf-8")
    return str(path)


def test_importing_a_csv_file(qtbot, panel, tmp_path, monkeypatch):
    labels = ["setosa", "versicolor", "virginica"]
    rows = [["length", "width", "species"]] + [[i, i * 0.5, labels[i % 3]] for i in range(12)]
    path = write_csv(tmp_path / "flowers.csv", rows)
    monkeypatch.setattr(panel, "_choose_csv_path", lambda: path)
    qtbot.mouseClick(panel.import_button, Qt.LeftButton)
    data = panel.document.design.data
    assert (data.dataset, data.csv_path, data.csv_target, data.csv_task) == ("csv", path, "species", "classification")
    assert panel.document.design.loss == "cross_entropy"  # three species
    assert panel.control_visible("csv")
    assert [panel.target_combo.itemText(i) for i in range(panel.target_combo.count())] == ["length", "width", "species"]
    assert panel.counts_text() == "6 training / 6 test points"
    panel.set_csv_task("regression")  # the species is no number: explained, and the loss follows the task
    assert panel.document.design.loss == "mse"
    assert "Loss switched to MSE (L2) for regression data" in panel.message_text()
    assert "column 'species', row 2: 'setosa' is not a number" in panel.message_text()
    panel.document.undo_stack.undo()
    panel.target_combo.setCurrentIndex(1)
    panel.target_combo.activated.emit(1)  # as a user's choice
    assert panel.document.design.data.csv_target == "width"
    assert "column 'species', row 2: 'setosa' is not a number" in panel.message_text()  # now an input column


def test_a_numeric_target_with_many_values_is_guessed_as_regression(panel, tmp_path, monkeypatch):
    path = write_csv(tmp_path / "prices.csv", [["size", "price"]] + [[i, 10 + i * 1.5] for i in range(20)])
    monkeypatch.setattr(panel, "_choose_csv_path", lambda: path)
    panel.import_csv()
    assert panel.document.design.data.csv_task == "regression"
    assert panel.document.design.loss == "mse"


def test_a_csv_file_that_cannot_be_read_is_explained_not_raised(panel, tmp_path, monkeypatch):
    path = tmp_path / "one_column.csv"
    path.write_text("a b c\n1 2 3\n", encoding="utf-8")
    monkeypatch.setattr(panel, "_choose_csv_path", lambda: str(path))
    panel.import_csv()
    assert panel.document.design == Design()
    assert "separated by spaces" in panel.message_text()
    assert panel.message.isVisible()


def test_a_csv_file_with_a_bad_cell_shows_the_row_and_column(panel, tmp_path, monkeypatch):
    rows = [["x", "y", "label"]] + [[i, "oops" if i == 3 else i, i % 2] for i in range(12)]
    path = write_csv(tmp_path / "bad.csv", rows)
    monkeypatch.setattr(panel, "_choose_csv_path", lambda: path)
    panel.import_csv()
    assert panel.document.design.data.dataset == "csv"
    assert "column 'y', row 5" in panel.message_text()


def test_choosing_csv_without_a_file_asks_for_one_and_cancel_keeps_the_data(qtbot, panel, monkeypatch):
    asked = []
    monkeypatch.setattr(panel, "_choose_csv_path", lambda: asked.append(1) or "")
    click_dataset(qtbot, panel, "csv")
    assert asked == [1]
    assert panel.document.design == Design()
    assert panel.grid.currentItem().data(Qt.UserRole) == "circle"


def test_a_new_data_set_is_offered_with_its_words_and_thumbnail(qtbot, throwaway_dataset, monkeypatch):
    """conftest.py's ring, one registry entry with its generator, gets a picture in the grid with
    its name and description, and the controls of a 2-D two-class set."""
    from PySide6.QtGui import QColor

    from playground.ui.widgets import controls, dataset_icons

    monkeypatch.setattr(dataset_icons, "_ICONS", {})  # no thumbnail of the ring outlives the test
    panel = DataPanel(DesignDocument())
    qtbot.addWidget(panel)
    panel.resize(320, 800)
    panel.show()
    item = panel.grid.item(list(registry.DATASETS).index(throwaway_dataset))
    assert item.data(Qt.UserRole) == throwaway_dataset
    assert item.toolTip() == "<b>Ring</b><br>One class on a ring, the other inside and outside it."

    image = item.icon().pixmap(dataset_icons.ICON_SIZE).toImage()
    colours = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}
    theme = controls.palette_theme(panel)
    assert {QColor(theme.negative).name(), QColor(theme.positive).name()} <= colours  # its points, both classes

    click_dataset(qtbot, panel, throwaway_dataset)
    assert panel.document.design.data.dataset == throwaway_dataset
    assert "Ring" in panel.set_caption.text() and panel.message_text() == ""
    shown = {"samples", "noise", "features"}
    assert {name for name in ("samples", "noise", "features", "outliers", "classes", "csv")
            if panel.control_visible(name)} == shown
    assert panel.counts_text() == "250 training / 250 test points"
