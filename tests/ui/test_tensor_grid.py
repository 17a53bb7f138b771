"""The Tensor lab's drawings: the cells drawn are the values, highlights where the origin
says, shape rules and shared memory written out, in English and Korean."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractSlider

from playground.lab.messages import Origin, TensorValue
from playground.ui.theme import DARK, LIGHT
from playground.ui.widgets import tensor_cells
from playground.ui.widgets.tensor_cells import CHANGED, PICKED, draw, groups_of, shape_rule, sharing
from playground.ui.widgets.tensor_grid import TensorGrid, group_colour
from playground.ui.widgets.tensor_list import TensorList


def Value(name, values, dtype="torch.int64", kind="tensor", device="cpu", **extra):  # noqa: N802 - reads like the class
    """A lab value as the lab's process sends it (built here, not run)."""
    values = None if values is None else np.asarray(values)
    return TensorValue(name, kind, np.shape(values) if values is not None else (), dtype, device, values, **extra)


def texts(drawing, index=0):
    grid = drawing.slices[index]
    rows = [[""] * grid.cols for _ in range(grid.rows)]
    for cell in grid.cells:
        rows[cell.row][cell.col] = cell.text
    return rows


def test_a_2d_tensor_is_drawn_as_its_values_row_by_row():
    t = Value("t", np.array([[1, 2, 3], [4, -5, 6]]))
    drawing = draw(t)
    assert len(drawing.slices) == 1
    assert texts(drawing) == [["1", "2", "3"], ["4", "−5", "6"]]


def test_a_1d_tensor_is_one_row_and_floats_have_four_significant_digits():
    drawing = draw(Value("v", np.array([0.5, 1 / 3, 2.0]), dtype="torch.float32"))
    assert texts(drawing) == [["0.5", "0.3333", "2"]]


def test_a_3d_tensor_is_drawn_as_its_2d_slices():
    t = Value("t", np.arange(24).reshape(2, 3, 4))
    drawing = draw(t)
    assert [s.label() for s in drawing.slices] == ["[0, :, :]", "[1, :, :]"]
    assert texts(drawing, 1)[2] == ["20", "21", "22", "23"]  # t[1, 2, :]


def test_a_large_tensor_is_capped_with_an_ellipsis_and_keeps_its_true_indices():
    t = Value("big", np.arange(20 * 30).reshape(20, 30))
    grid = draw(t).slices[0]
    assert (grid.rows, grid.cols) == (tensor_cells.MAX_ROWS, tensor_cells.MAX_COLS)
    last = [c for c in grid.cells if c.row == grid.rows - 1 and c.col == grid.cols - 1][0]
    assert last.text == "599" and last.flat == 599  # the last cell is the tensor's last value
    assert any(c.text == "…" for c in grid.cells) and any(c.text == "⋮" for c in grid.cells)


def test_many_slices_are_capped_too():
    drawing = draw(Value("t", np.zeros((10, 2, 2), dtype=int)))
    labels = [s.label() for s in drawing.slices]
    assert len(labels) == tensor_cells.MAX_SLICES
    assert labels[0] == "[0, :, :]" and labels[-1] == "[9, :, :]" and "…" in labels


def test_an_index_highlights_the_cells_it_picked_in_its_source():
    t = Value("t", np.arange(12).reshape(3, 4))
    column = Value("col", np.array([2, 6, 10]), origin=Origin("index", ("t",), ((3, 4),), np.array([2, 6, 10])))
    groups = groups_of(t, [t, column])
    picked = [c.text for c in draw(t, groups).slices[0].cells if c.group == PICKED]
    assert picked == ["2", "6", "10"]  # t[:, 2]
    assert groups_of(column, [t, column]) == {}


def test_cat_colours_each_cell_by_the_input_it_came_from():
    parts = np.array([[0, 0, 1], [0, 0, 1]])
    c = Value("c", np.array([[1, 2, 5], [3, 4, 6]]), origin=Origin("cat", ("a", "b"), from_source=parts, dim=1))
    drawing = draw(c, groups_of(c, [c]))
    by_group = {g: [cell.text for cell in drawing.slices[0].cells if cell.group == g] for g in (0, 1)}
    assert by_group == {0: ["1", "2", "3", "4"], 1: ["5", "6"]}
    assert drawing.groups == (0, 1)


def test_shape_rules_of_products_and_dimension_changes():
    p = Value("p", np.zeros((256, 5, 7)), origin=Origin("matmul", ("x", "w"), ((256, 5, 6), (6, 7)), broadcast_dims=(0,)))
    assert shape_rule(p).formula() == "(256, 5, 6) @ (6, 7) → (256, 5, 7)"
    m = Value("m", np.zeros((4, 4)), origin=Origin("mul", ("a", "b"), ((1, 4), (4, 1)), broadcast_dims=(0, 1)))
    assert shape_rule(m).formula() == "(1, 4) * (4, 1) → (4, 4)"
    r = Value("r", np.zeros((3, 8)), origin=Origin("reshape", ("t",), ((2, 3, 4),), dims=(3, 8)))
    assert shape_rule(r).formula() == "(2, 3, 4) → (3, 8)"
    assert shape_rule(Value("v", np.zeros(3))) is None


def test_values_that_share_storage_name_each_other():
    a = Value("np_data", np.array([2, 4]), kind="ndarray", storage=7)
    t = Value("t", np.array([2, 4]), storage=7)
    other = Value("u", np.array([2, 4]), storage=8)
    assert sharing(t, [a, t, other]) == ["np_data"]
    assert sharing(other, [a, t, other]) == []


def test_the_grid_heading_names_shape_dtype_and_device(qtbot):
    grid = TensorGrid()
    qtbot.addWidget(grid)
    grid.show_value(Value("x", np.zeros((2, 3)), dtype="torch.float32", device="cuda:0"))
    heading = grid.heading_text()
    assert "x" in heading and "(2, 3)" in heading and "torch.float32" in heading and "cuda:0" in heading


def test_a_number_is_written_with_its_python_type(qtbot):
    grid = TensorGrid()
    qtbot.addWidget(grid)
    grid.show_value(Value("s", None, kind="number", python_type="float", text="21.0"))
    assert "21.0" in grid.heading_text() and "float" in grid.heading_text()
    assert grid.canvas.isHidden()


def test_the_list_highlights_across_values_and_writes_what_they_mean(qtbot):
    t = Value("t", np.arange(6).reshape(2, 3), storage=1)
    view_of_t = Value("row", np.array([3, 4, 5]), storage=1, origin=Origin("index", ("t",), ((2, 3),), np.array([3, 4, 5])))
    view = TensorList()
    qtbot.addWidget(view)
    view.show_values([t, view_of_t])
    first, second = view.grids
    assert [c.text for c in first.drawing().slices[0].cells if c.group == PICKED] == ["3", "4", "5"]
    assert "row" in first.notes_text() and "shares memory" in first.notes_text()
    assert "t" in second.notes_text()


@pytest.mark.parametrize("theme", [LIGHT, DARK])
def test_highlight_colours_follow_the_theme(qtbot, theme):
    assert group_colour(theme, PICKED) == theme.accent
    assert group_colour(theme, 1) == theme.classes[1]
    c = Value("c", np.array([[1, 2], [3, 4]]), origin=Origin("stack", ("t1", "t2"), dim=0,
                                                        from_source=np.array([[0, 0], [1, 1]])))
    grid = TensorGrid()
    qtbot.addWidget(grid)
    grid.set_theme(theme)
    grid.show_value(c)
    grid.resize(400, 200)
    image = grid.canvas.grab().toImage()
    assert not image.isNull() and image.width() > 0
    assert theme.classes[0] in grid.notes_text() and "t1" in grid.notes_text() and "t2" in grid.notes_text()


def test_the_drawing_speaks_korean(korean, qtbot):
    t = Value("t", np.arange(6).reshape(2, 3), storage=1)
    r = Value("r", np.arange(6).reshape(3, 2), storage=1, origin=Origin("reshape", ("t",), ((2, 3),), dims=(3, 2)))
    view = TensorList()
    qtbot.addWidget(view)
    view.show_values([t, r])
    heading, notes = view.grids[1].heading_text(), view.grids[1].notes_text()
    assert "형태(shape) (3, 2)" in heading and "자료형(dtype) torch.int64" in heading and "장치(device) cpu" in heading
    assert "텐서" in heading
    assert "(2, 3) → (3, 2)" in notes and "메모리를 공유" in notes


def test_stack_inputs_take_the_colour_of_the_cells_they_became():
    t1, t2 = Value("t1", [[1, 2], [3, 4]]), Value("t2", [[5, 6], [7, 8]])
    s = Value("s", [[[1, 2], [5, 6]], [[3, 4], [7, 8]]],
              origin=Origin("stack", ("t1", "t2"), dim=1, from_source=np.array([[[0, 0], [1, 1]], [[0, 0], [1, 1]]])))
    values = [t1, t2, s]
    assert set(groups_of(t2, values).values()) == {1}
    first_slice = draw(s, groups_of(s, values)).slices[0]
    assert [(c.text, c.group) for c in first_slice.cells] == [("1", 0), ("2", 0), ("5", 1), ("6", 1)]


def test_an_in_place_change_marks_the_changed_cells_and_draws_the_values_before(qtbot):
    t = Value("t", [[1, 2], [3, 4]], before=np.array([[1, 2], [3, 9]]))
    grid = TensorGrid()
    qtbot.addWidget(grid)
    grid.show_value(t)
    changed = [c.text for c in grid.drawing().slices[0].cells if c.group == CHANGED]
    assert changed == ["4"]
    assert not grid.before_canvas.isHidden()
    assert [c.text for c in grid.before_canvas.drawing().slices[0].cells] == ["1", "2", "3", "9"]
    assert "changed in place" in grid.notes_text()


def test_an_assignment_highlights_the_cells_it_set():
    t = Value("t", [[1, 0, 3], [4, 0, 6]], origin=Origin("setitem", ("t",), picked=np.array([1, 4])))
    cells = draw(t, groups_of(t, [t])).slices[0].cells
    assert [c.flat for c in cells if c.group == PICKED] == [1, 4]


def test_a_result_that_is_a_variable_is_drawn_once_as_that_variable(qtbot):
    c = Value("c", [[6, 6], [6, 6]], storage=3, before=np.ones((2, 2), dtype=int))
    result = Value("", [[6, 6], [6, 6]], storage=3, before=np.ones((2, 2), dtype=int))
    view = TensorList()
    qtbot.addWidget(view)
    view.show_values([c, result])
    first, second = view.grids
    assert "result" not in first.notes_text()  # not "shares memory with" itself
    assert "c" in second.heading_text() and "drawn above" in second.heading_text()
    assert second.canvas.isHidden() and second.before_canvas.isHidden()


def test_a_result_is_the_tensor_it_names_not_the_array_sharing_its_memory(qtbot):
    """``x_np = torch.from_numpy(np_array)`` then ``x_np``: the result is x_np, not the array."""
    array = Value("np_array", [[2, 4], [6, 8]], dtype="int64", kind="ndarray", storage=1)
    tensor = Value("x_np", [[2, 4], [6, 8]], storage=1)
    result = Value("", [[2, 4], [6, 8]], storage=1)
    view = TensorList()
    qtbot.addWidget(view)
    view.show_values([array, tensor, result])
    assert "<b>x_np</b>" in view.grids[2].heading_text()


def test_a_zero_dimensional_tensor_is_one_cell_unlike_a_plain_number():
    drawing = draw(Value("agg", np.array(10.0), dtype="torch.float32"))
    assert [(c.text, c.flat) for c in drawing.slices[0].cells] == [("10", 0)]


def test_of_several_indexes_of_one_tensor_the_last_or_the_clicked_one_is_highlighted(qtbot):
    t = Value("t", np.arange(1, 13).reshape(3, 4))
    row = Value("row", [9, 10, 11, 12], origin=Origin("index", ("t",), ((3, 4),), np.array([8, 9, 10, 11])))
    column = Value("column", [3, 7, 11], origin=Origin("index", ("t",), ((3, 4),), np.array([2, 6, 10])))
    view = TensorList()
    qtbot.addWidget(view)
    view.show_values([t, row, column])

    def highlighted():
        return [c.text for c in view.grids[0].drawing().slices[0].cells if c.group == PICKED]

    assert highlighted() == ["3", "7", "11"]  # column: the last index
    assert "column" in view.grids[0].notes_text() and "click" in view.grids[0].notes_text()
    qtbot.mouseClick(view.grids[1], Qt.LeftButton)  # row
    assert highlighted() == ["9", "10", "11", "12"]


def test_the_last_expressions_result_is_called_result_in_the_words_of_its_inputs(qtbot):
    t1, t2 = Value("t1", [[1, 2]]), Value("t2", [[5, 6]])
    stacked = Value("", [[[1, 2]], [[5, 6]]], origin=Origin("stack", ("t1", "t2"), dim=0,
                                                            from_source=np.array([[[0, 0]], [[1, 1]]])))
    view = TensorList()
    qtbot.addWidget(view)
    view.show_values([t1, t2, stacked])
    assert "goes into <b>result</b>" in view.grids[0].notes_text()


def Cut(name, shape, came_back):  # noqa: N802 - reads like the class
    """A large value as the lab sends it: only its leading corner ``came_back`` (numbered cells)."""
    values = np.arange(int(np.prod(came_back))).reshape(came_back)
    return TensorValue(name, "tensor", shape, "torch.int64", "cpu", values, truncated=True)


def test_a_cut_3d_tensor_never_looks_smaller_than_its_shape(qtbot):
    """(256, 5, 6) @ (6, 7) as the lab sends it: 117 of its 256 slices came back. The drawing
    shows the first slices, then "…", never slices near 117 that would look like the last."""
    out = Cut("out", (256, 5, 7), (117, 5, 7))
    drawing = draw(out)
    assert [s.label() for s in drawing.slices] == ["[0, :, :]", "[1, :, :]", "[2, :, :]", "…"]
    grid = TensorGrid()
    qtbot.addWidget(grid)
    grid.show_value(out)
    assert "showing slices 0–2 of 256 (each 5 × 7); the rest are not drawn" in grid.notes_text()
    assert "(256, 5, 7)" in grid.heading_text()


def test_a_cut_grid_says_which_rows_and_columns_it_shows():
    big = Cut("big", (1000, 1000), (64, 64))
    grid = draw(big).slices[0]
    assert (grid.rows, grid.cols) == (5, 5)  # the first 4 rows and columns, then "⋮" and "…"
    assert max(c.flat for c in grid.cells if c.flat is not None) == 3 * 64 + 3  # no cell of row 63 looks last
    assert [(e.part, e.first, e.last, e.total) for e in draw(big).extents] == [("rows", 0, 3, 1000),
                                                                               ("columns", 0, 3, 1000)]
    deep = draw(Cut("deep", (3, 2000, 2000), (1, 64, 64)))
    assert [s.label() for s in deep.slices] == ["[0, :, :]", "…"]
    assert [e.part for e in deep.extents] == ["slices", "rows", "columns"]
    assert draw(Value("whole", np.arange(600).reshape(20, 30))).extents == ()  # capped, not cut: its end is drawn


def test_a_cut_tensor_says_what_is_shown_in_korean(korean, qtbot):
    grid = TensorGrid()
    qtbot.addWidget(grid)
    grid.show_value(Cut("big", (1000, 1000), (64, 64)))
    assert "행 1000개 중 0–3번, 열 1000개 중 0–3번" in grid.notes_text()
    grid.show_value(Cut("out", (256, 5, 7), (117, 5, 7)))
    assert "슬라이스 256개 중 0–2번 (각각 5 × 7)" in grid.notes_text() and "나머지" in grid.notes_text()


def test_the_result_comes_into_view_at_a_line_and_the_learner_s_scroll_is_kept(qtbot):
    view = TensorList()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    view.show_values([Value(n, np.arange(64).reshape(8, 8)) for n in "abcd"] + [Value("", np.arange(4))])
    bar, result = view.verticalScrollBar(), view.result_grid()

    def result_in_view():
        corner = result.mapTo(view.viewport(), QPoint(0, 0))
        return view.viewport().rect().contains(QRect(corner, result.size()))

    qtbot.waitUntil(lambda: bar.value() > 0 and result_in_view(), timeout=5_000)
    assert bar.value() in view._line_tops()  # the view begins where a row of cells does: none cut in half
    bar.triggerAction(QAbstractSlider.SliderToMinimum)  # the learner scrolls up to the inputs
    view.resize(600, 260)  # laid out again: the range changes
    qtbot.waitUntil(lambda: view.viewport().height() < 260, timeout=5_000)
    assert bar.value() == 0 and not result_in_view()
