"""The Layers panel shows the stack with torch's shapes and edits it through the document."""

import pytest
from PySide6.QtCore import Qt

from playground.design import rules
from playground.design.schema import BatchNormLayer, Design, DropoutLayer, LinearLayer
from playground.ui.document import DesignDocument
from playground.ui.panels.layer_editor import LayerEditor


def make_editor(qtbot, design=None):
    editor = LayerEditor(DesignDocument(design or Design()))
    qtbot.addWidget(editor)
    editor.resize(320, 640)
    editor.show()
    return editor


@pytest.fixture
def editor(qtbot):
    return make_editor(qtbot)


def kinds(editor):
    return [layer.type for layer in editor.document.design.layers]


def test_default_network_rows_shapes_and_parameters(editor):
    assert editor.row_count() == 4
    assert [editor.row_text(i)["name"] for i in range(4)] == ["Input", "Linear 1", "Linear 2", "Output"]
    assert editor.row_text(0)["shape"] == "torch.Size([10, 2])"
    assert editor.row_text(1) == {
        "name": "Linear 1", "shape": "torch.Size([10, 4])", "params": "12", "activation": "Tanh"}
    assert editor.row_text(2)["params"] == "10"
    out = editor.row_text(3)
    assert (out["shape"], out["params"]) == ("torch.Size([10, 1])", "3")
    assert "sigmoid" in out["activation"]
    assert editor.total_text() == "Total: 25 trainable parameters"
    assert editor.message_text() == ""


@pytest.mark.parametrize("mode, rows", [("full", 250), ("stochastic", 1), ("minibatch", 10)])
def test_the_batch_dimension_follows_the_batch_mode(qtbot, mode, rows):
    editor = make_editor(qtbot, Design().with_training(batch_mode=mode))
    assert editor.row_text(1)["shape"] == f"torch.Size([{rows}, 4])"


def test_inputs_follow_the_features_and_the_output_the_loss(editor):
    document = editor.document
    document.apply(document.design.with_data(features=("x1", "x2", "x1x2")), "features")
    assert editor.row_text(0)["shape"] == "torch.Size([10, 3])"
    assert editor.row_text(1)["params"] == "16"
    document.apply(document.design.with_data(dataset="blobs", classes=4).with_(loss="cross_entropy"), "blobs")
    assert editor.row_text(3)["shape"] == "torch.Size([10, 4])"
    assert "softmax" in editor.row_text(3)["activation"]
    document.apply(document.design.with_data(dataset="digits"), "digits")
    assert editor.row_text(0)["shape"] == "torch.Size([10, 64])"
    assert editor.row_text(3)["shape"] == "torch.Size([10, 10])"


def test_a_csv_file_not_chosen_yet_shows_unknown_sizes(qtbot):
    editor = make_editor(qtbot, Design().with_data(dataset="csv").with_(loss="cross_entropy"))
    assert editor.row_text(0)["shape"] == "torch.Size([10, ?])"
    assert editor.row_text(1)["params"] == "?"
    assert editor.row_text(2)["params"] == "10"  # 4 -> 2 does not depend on the file
    assert editor.row_text(3)["shape"] == "torch.Size([10, ?])"
    assert "?" in editor.total_text()


@pytest.mark.parametrize("inputs, words", [(1, "1 column"), (3, "3 columns")])
def test_the_input_row_counts_csv_columns_in_good_english(qtbot, tmp_path, inputs, words):
    header = [f"x{i}" for i in range(inputs)] + ["kind"]
    rows = [",".join(header)] + [",".join([str(i)] * inputs + ["ab"[i % 2]]) for i in range(12)]
    path = tmp_path / "table.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    data = Design().with_data(dataset="csv", csv_path=str(path), csv_target="kind")
    editor = make_editor(qtbot, data.with_(loss="cross_entropy"))
    assert editor._rows[0].setting.text() == words


def test_add_inserts_after_the_selected_row_and_undo_restores(editor):
    editor.select_row(1)
    editor.add_layer("batchnorm")
    assert kinds(editor) == ["linear", "batchnorm", "linear"]
    assert editor.selected_row() == 2
    assert editor.row_text(2) == {"name": "BatchNorm 1", "shape": "torch.Size([10, 4])", "params": "8",
                                  "activation": "Linear (identity)"}
    editor.add_layer("dropout")
    assert kinds(editor) == ["linear", "batchnorm", "dropout", "linear"]
    assert editor.row_count() == 6
    editor.document.undo_stack.undo()
    editor.document.undo_stack.undo()
    assert kinds(editor) == ["linear", "linear"] and editor.row_count() == 4


def test_add_button_with_nothing_selected_appends_before_the_output(qtbot, editor):
    editor.select_row(-1)
    qtbot.mouseClick(editor.add_buttons["linear"], Qt.LeftButton)
    assert kinds(editor) == ["linear", "linear", "linear"]
    assert editor.row_text(3)["name"] == "Linear 3"
    assert editor.row_text(3)["shape"] == "torch.Size([10, 4])"


def test_delete_key_and_alt_arrows_remove_and_move(qtbot, editor):
    editor.select_row(1)
    editor.add_layer("dropout")  # linear, dropout, linear; the dropout (row 2) is selected
    editor.list.setFocus()
    qtbot.keyClick(editor.list, Qt.Key_Up, Qt.AltModifier)
    assert kinds(editor) == ["dropout", "linear", "linear"]
    assert editor.selected_row() == 1
    qtbot.keyClick(editor.list, Qt.Key_Up, Qt.AltModifier)  # already at the top: nothing happens
    assert kinds(editor) == ["dropout", "linear", "linear"]
    qtbot.keyClick(editor.list, Qt.Key_Down, Qt.AltModifier)
    assert kinds(editor) == ["linear", "dropout", "linear"]
    qtbot.keyClick(editor.list, Qt.Key_Delete)
    assert kinds(editor) == ["linear", "linear"]
    editor.document.undo_stack.undo()
    assert kinds(editor) == ["linear", "dropout", "linear"]


def test_input_and_output_rows_cannot_be_removed_or_moved(editor):
    for row in (0, 3):
        editor.select_row(row)
        assert not editor.remove_button.isEnabled() and not editor.up_button.isEnabled()
        editor.remove_selected()
        editor.move_selected(-1)
        assert editor.document.design == Design()
    editor.select_row(1)
    assert editor.remove_button.isEnabled() and not editor.up_button.isEnabled() and editor.down_button.isEnabled()


def test_typing_units_is_one_undo_step_and_the_spin_follows_undo(qtbot, editor):
    spin = editor._rows[1].setting
    editor.set_units(1, 5)
    editor.set_units(1, 6)
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "12")
    qtbot.keyClick(spin, Qt.Key_Return)
    assert editor.document.design.layers[0].units == 12
    assert editor.row_text(1)["shape"] == "torch.Size([10, 12])"
    assert editor.row_text(2)["params"] == str(13 * 2)
    assert editor.document.undo_stack.count() == 1
    editor.document.undo_stack.undo()
    assert spin.value() == 4 and editor.row_text(1)["shape"] == "torch.Size([10, 4])"


def test_activation_and_init_choices(editor):
    editor.set_activation(2, "relu")
    assert editor.document.design.layers[1].activation == "relu"
    assert editor.row_text(2)["activation"] == "ReLU"
    editor.init_combo.setCurrentIndex(editor.init_combo.findData("he"))
    editor.init_combo.activated.emit(editor.init_combo.currentIndex())
    assert editor.document.design.init == "he"
    editor.document.undo_stack.undo()
    editor.document.undo_stack.undo()
    assert editor.row_text(2)["activation"] == "Tanh"
    assert editor.init_combo.currentData() == "default"


def test_dropout_and_batchnorm_settings(qtbot):
    editor = make_editor(qtbot, Design().with_(layers=[LinearLayer(), BatchNormLayer(), DropoutLayer()]))
    editor._rows[2].setting.setValue(0.3)
    editor._rows[3].setting.setValue(0.25)
    assert editor.document.design.layers[1].momentum == pytest.approx(0.3)
    assert editor.document.design.layers[2].p == pytest.approx(0.25)


def test_the_batchnorm_momentum_box_is_labelled_under_it_without_shifting_the_columns(qtbot):
    editor = make_editor(qtbot, Design().with_(layers=[LinearLayer(), BatchNormLayer(), DropoutLayer()]))
    assert [editor.setting_label(i) for i in (1, 2, 3)] == ["", "momentum", "p"]
    linear, batchnorm = editor._rows[1], editor._rows[2]
    box, caption = batchnorm.setting, batchnorm.caption
    assert caption.buddy() is box and "running mean and variance" in caption.toolTip()
    assert caption.y() >= box.geometry().bottom() and caption.x() == box.x(), "the label sits under the box"
    assert batchnorm.activation.x() == linear.activation.x(), "the activation menus still line up"


def test_batchnorm_with_stochastic_batches_is_explained(qtbot):
    editor = make_editor(qtbot, Design().with_training(batch_mode="stochastic"))
    editor.select_row(1)
    editor.add_layer("batchnorm")
    assert "Batch mode: batch normalization needs at least 2 samples per batch" in editor.message_text()
    editor.document.undo_stack.undo()
    assert editor.message_text() == ""


def test_too_many_parameters_is_explained(qtbot):
    wide = [LinearLayer(units=512, activation="relu")] * 21
    editor = make_editor(qtbot, Design().with_data(dataset="digits").with_(layers=wide, loss="cross_entropy"))
    assert "more than this app trains live" in editor.message_text()
    assert f"({rules.MAX_PARAMETERS:,})" in editor.message_text()


def test_the_editing_panels_load_without_torch():
    """The window shows them while torch is still loading."""
    import subprocess
    import sys

    code = (
        "import sys, playground.ui.panels.data_panel, playground.ui.panels.layer_editor, playground.ui.panels.training_panel;"
        "sys.exit(1 if 'torch' in sys.modules else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


# --- the selected layer as a tensor operation, and the Tensor lab -------------------------------------------


def operation_of(editor, row):
    editor.select_row(row)
    return editor.operation.text()


@pytest.mark.parametrize("design, row, line", [
    (Design(), 1, "Linear 1 as a tensor operation: x (batch, 2) @ weightᵀ (2, 4) + bias (4) → y (batch, 4)"),
    (Design(), 3, "Output as a tensor operation: x (batch, 2) @ weightᵀ (2, 1) + bias (1) → y (batch, 1)"),
    (Design().with_data(dataset="sine").with_(loss="mse"), 1,  # 1-D data: one input column
     "Linear 1 as a tensor operation: x (batch, 1) @ weightᵀ (1, 4) + bias (4) → y (batch, 4)"),
    (Design().with_data(dataset="digits").with_(loss="cross_entropy"), 1,
     "Linear 1 as a tensor operation: x (batch, 64) @ weightᵀ (64, 4) + bias (4) → y (batch, 4)"),
    (Design().with_data(dataset="digits").with_(loss="cross_entropy"), 3,  # ten classes, ten logits
     "Output as a tensor operation: x (batch, 2) @ weightᵀ (2, 10) + bias (10) → y (batch, 10)"),
    (Design().with_data(dataset="csv").with_(loss="cross_entropy"), 1,  # the file not read yet
     "Linear 1 as a tensor operation: x (batch, ?) @ weightᵀ (?, 4) + bias (4) → y (batch, 4)"),
])
def test_the_selected_linear_row_is_written_as_its_tensor_operation(qtbot, design, row, line):
    editor = make_editor(qtbot, design)
    assert operation_of(editor, row) == line
    assert editor.operation.button.isVisible() and editor.operation.button.text() == "Open in Tensor Lab"
    with qtbot.waitSignal(editor.lab_requested) as requested:
        editor.operation.button.click()
    assert requested.args == [row - 1], "the row's block: the Input row is not one"


def test_the_line_follows_the_selection_and_the_edits(editor):
    assert operation_of(editor, 0) == "" and editor.operation.isHidden(), "the Input is no operation"
    editor.select_row(2)
    editor.set_units(2, 7)
    assert editor.operation.text().endswith("x (batch, 4) @ weightᵀ (4, 7) + bias (7) → y (batch, 7)")
    editor.select_row(3)
    assert "weightᵀ (7, 1)" in editor.operation.text()


def test_batch_norm_and_dropout_rows_say_their_operation_without_a_lab_button(qtbot):
    layers = (LinearLayer(units=5), BatchNormLayer(), DropoutLayer(p=0.25))
    editor = make_editor(qtbot, Design(layers=layers))
    assert operation_of(editor, 2) == ("BatchNorm 1 as a tensor operation: x (batch, 5) → (x − μ (5)) / √(σ² (5) + ε) "
                                       "· γ (5) + β (5) → y (batch, 5)")
    assert not editor.operation.button.isVisible()
    assert operation_of(editor, 3) == ("Dropout 1 as a tensor operation: x (batch, 5) · mask (batch, 5) / (1 − 0.25) "
                                       "→ y (batch, 5) while training; y = x when evaluating")
    assert operation_of(editor, 4).startswith("Output as a tensor operation: x (batch, 5) @ weightᵀ (5, 1)")
    assert editor.operation.button.isVisible()


def test_the_tensor_operation_in_korean(qtbot, korean):
    editor = make_editor(qtbot, Design().with_data(dataset="blobs", classes=5).with_(loss="cross_entropy"))
    assert operation_of(editor, 1) == "Linear 1의 텐서 연산: x (배치, 2) @ weightᵀ (2, 4) + bias (4) → y (배치, 4)"
    assert operation_of(editor, 3) == "출력의 텐서 연산: x (배치, 2) @ weightᵀ (2, 5) + bias (5) → y (배치, 5)"
    assert editor.operation.button.text() == "텐서 실습실에서 열기"
    line, button = editor.operation.line, editor.operation.button
    assert button.width() >= button.sizeHint().width() and line.width() <= editor.width(), "it fits the panel"
