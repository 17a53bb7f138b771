"""The Tensor lab window, run against a fake lab session that answers LabResults built here:
examples run at once and are drawn, Ctrl+Enter runs, errors in words (Korean too), exercises
checked with hints and progress kept, a slow run never blocks the window."""

from concurrent.futures import Future

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt

from playground.lab.messages import LabError, LabResult, Origin, TensorValue
from playground.ui.lab.bridge import LabBridge
from playground.ui.lab.course import Course, Example, Exercise
from playground.ui.lab.window import LabWindow


def tensor(name, array, dtype="torch.int64"):
    array = np.asarray(array)
    return TensorValue(name, "tensor", array.shape, dtype, "cpu", array)


class FakeSession:
    """Answers each submitted code with ``answers[code]`` (a LabResult), at once or when told."""

    def __init__(self, answers, hold=False):
        self.answers = answers
        self.hold = hold
        self.submitted = []  # (code, inputs)
        self.pending = []
        self.closed = False

    def submit(self, code, inputs, timeout, memory_bytes):
        assert timeout > 0 and memory_bytes > 0
        self.submitted.append((code, inputs))
        future = Future()
        if self.hold:
            self.pending.append((future, code))
        else:
            future.set_result(self.answers[code])
        return future

    def stop(self):
        pass

    def release(self):
        for future, code in self.pending:
            future.set_result(self.answers[code])
        self.pending = []

    def close(self):
        self.closed = True


T = np.arange(24).reshape(2, 3, 4)
EXAMPLES = (
    Example("Creation", "From a list", "torch.tensor copies nested lists", "t = torch.tensor([[1, 2], [3, 4]])"),
    Example("Arithmetic", "mm", "the shape rule", "torch.ones(2, 3).mm(torch.ones(2, 3))"),
)
EXERCISES = (
    Exercise("reshape_3x8", "Dimensions", "Make it (3, 8)", "Make a (3, 8) tensor from t, a (2, 3, 4) one.",
             {"t": T}, ("reshape keeps the values.", "Try t.reshape(3, -1).")),
    Exercise("last_column", "Indexing", "Last column", "Take the last column of t.", {"t": T[0]}),
)
ANSWERS = {
    EXAMPLES[0].code: LabResult((tensor("t", [[1, 2], [3, 4]]),), seconds=0.01),
    EXAMPLES[1].code: LabResult(error=LabError("shape", "lab_shape_mm", "mm: (2, 3) by (2, 3)",
                                               ("mm", (2, 3), (2, 3)), ((2, 3), (2, 3)), line=1)),
    "t.reshape(3, -1)": LabResult((tensor("t", T), tensor("", T.reshape(3, 8)))),
    "t.reshape(4, -1)": LabResult((tensor("t", T), tensor("", T.reshape(4, 6)))),
    "print('hi')": LabResult(stdout="hi\n"),
}


def check(exercise, result):
    """The course's check, as far as these tests need it: the result's shape."""
    got = result.result
    ok = got is not None and got.shape == (3, 8)
    return ok, "lab_check_shape", ((3, 8), got.shape if got is not None else ())


@pytest.fixture
def lab(qtbot, tmp_path):
    session = FakeSession(ANSWERS)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    window = LabWindow(LabBridge(lambda: session), Course(EXAMPLES, EXERCISES, check), settings)
    qtbot.addWidget(window)
    window.show()
    window.session = session
    window.settings = settings
    return window


def wait_idle(qtbot, window):
    qtbot.waitUntil(lambda: window.run_button.isEnabled(), timeout=10_000)


def test_picking_an_example_puts_its_code_in_the_editor_and_draws_its_result(qtbot, lab):
    assert lab.show_example("From a list")
    assert lab.editor.toPlainText() == EXAMPLES[0].code
    qtbot.waitUntil(lambda: len(lab.drawings.grids) == 1, timeout=10_000)
    cells = [c.text for c in lab.drawings.grids[0].drawing().slices[0].cells]
    assert cells == ["1", "2", "3", "4"]
    assert lab.session.submitted == [(EXAMPLES[0].code, {})]
    assert "torch.tensor copies nested lists" in lab.explanation.text()


def test_ctrl_enter_runs_the_editor_and_shows_what_it_printed(qtbot, lab):
    lab.editor.setPlainText("print('hi')")
    lab.editor.setFocus()
    qtbot.keyClick(lab.editor, Qt.Key_Return, Qt.ControlModifier)
    qtbot.waitUntil(lambda: lab.stdout.toPlainText() == "hi\n", timeout=10_000)
    assert lab.session.submitted[-1][0] == "print('hi')"


def test_an_error_is_explained_in_words_with_its_shapes(qtbot, lab):
    lab.show_example("mm")
    qtbot.waitUntil(lambda: lab.error_text() != "", timeout=10_000)
    text = lab.error_text()
    assert "(2, 3)" in text and "Line 1" in text and "Traceback" not in text
    assert lab.marked_line() == 1  # the error's line shaded in the editor
    lab.show_example("From a list")
    qtbot.waitUntil(lambda: lab.error_text() == "", timeout=10_000)
    assert lab.marked_line() is None


def test_an_error_is_explained_in_korean(qtbot, korean, tmp_path):
    session = FakeSession(ANSWERS)
    window = LabWindow(LabBridge(lambda: session), Course(EXAMPLES), QSettings(str(tmp_path / "s.ini"),
                                                                                  QSettings.IniFormat))
    qtbot.addWidget(window)
    window.show_example("mm")
    qtbot.waitUntil(lambda: window.error_text() != "", timeout=10_000)
    assert "(2, 3)" in window.error_text() and "행렬" in window.error_text()
    assert window.side.tabText(0) == "예제" and window.side.tabText(1) == "연습 문제"


def test_an_exercise_gets_its_inputs_and_a_right_answer_is_remembered(qtbot, lab, tmp_path):
    lab.side.setCurrentWidget(lab.exercises)
    lab.exercises.choose(0)
    assert "0 of 2" in lab.exercises.progress.text()
    lab.editor.setPlainText("t.reshape(4, -1)")
    qtbot.mouseClick(lab.exercises.check_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Not yet" in lab.exercises.verdict.text(), timeout=10_000)
    code, inputs = lab.session.submitted[-1]
    assert code == "t.reshape(4, -1)" and list(inputs) == ["t"] and inputs["t"].shape == (2, 3, 4)
    assert "0 of 2" in lab.exercises.progress.text()
    lab.editor.setPlainText("t.reshape(3, -1)")
    wait_idle(qtbot, lab)
    qtbot.mouseClick(lab.exercises.check_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Right" in lab.exercises.verdict.text(), timeout=10_000)
    assert "1 of 2" in lab.exercises.progress.text()
    assert lab.exercises.list.item(0).text().startswith("✓")
    lab.settings.sync()
    again = LabWindow(LabBridge(lambda: lab.session), Course(EXAMPLES, EXERCISES, check),
                      QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat))
    qtbot.addWidget(again)
    assert "1 of 2" in again.exercises.progress.text()  # progress kept between launches


def test_hints_come_one_at_a_time(qtbot, lab):
    lab.side.setCurrentWidget(lab.exercises)
    lab.exercises.choose(0)
    assert lab.exercises.hints.text() == ""
    qtbot.mouseClick(lab.exercises.hint_button, Qt.LeftButton)
    assert "reshape keeps the values." in lab.exercises.hints.text() and "-1" not in lab.exercises.hints.text()
    qtbot.mouseClick(lab.exercises.hint_button, Qt.LeftButton)
    assert "t.reshape(3, -1)" in lab.exercises.hints.text()
    assert not lab.exercises.hint_button.isEnabled()
    lab.exercises.choose(1)  # no hints
    assert not lab.exercises.hint_button.isEnabled() and lab.exercises.hints.text() == ""


def test_a_slow_run_never_blocks_the_window_and_a_second_run_waits(qtbot, tmp_path):
    session = FakeSession(ANSWERS, hold=True)
    window = LabWindow(LabBridge(lambda: session), Course(EXAMPLES), QSettings(str(tmp_path / "s.ini"),
                                                                                  QSettings.IniFormat))
    qtbot.addWidget(window)
    window.editor.setPlainText("print('hi')")
    window.run_code()  # returns at once: the answer has not come
    assert not window.run_button.isEnabled() and window.stdout.toPlainText() == ""
    window.run_code()
    assert len(session.submitted) == 1 and "Still running" in window.status.text()
    session.release()
    qtbot.waitUntil(lambda: window.stdout.toPlainText() == "hi\n", timeout=10_000)
    assert window.run_button.isEnabled()


def test_a_broken_session_is_answered_in_words(qtbot, tmp_path):
    def broken():
        raise OSError("cannot start the lab")

    window = LabWindow(LabBridge(broken), Course(EXAMPLES), QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    window.editor.setPlainText("1 + 1")
    window.run_code()
    qtbot.waitUntil(lambda: "cannot start the lab" in window.error_text(), timeout=10_000)
    assert window.run_button.isEnabled()


def test_the_main_window_opens_the_lab_and_ends_its_process_when_it_closes(qtbot, window):
    session = FakeSession(ANSWERS)
    window.tensor_lab._make_session = lambda: session
    assert window.tensor_lab.action.shortcut().toString() == "Ctrl+T"
    window.tensor_lab.action.trigger()
    lab = window.tensor_lab.lab_window
    assert lab.isVisible() and lab.isWindow()
    assert lab.width() <= 1280 and lab.height() <= 720
    lab.editor.setPlainText("print('hi')")
    lab.run_code()
    qtbot.waitUntil(lambda: lab.stdout.toPlainText() == "hi\n", timeout=10_000)
    window.close()
    assert session.closed and not lab.isVisible()



def in_view(area, widget) -> bool:
    """True if all of ``widget`` shows in the scroll area's viewport."""
    corner = widget.mapTo(area.viewport(), QPoint(0, 0))
    return widget.isVisible() and area.viewport().rect().contains(QRect(corner, widget.size()))


def big(name, shape, came_back, **extra):
    """A value as the lab sends a large one: cut to its leading corner."""
    values = np.random.default_rng(0).random(came_back)
    return TensorValue(name, "tensor", shape, "torch.float32", "cpu", values, truncated=shape != came_back, **extra)


LARGE = {  # the matmul batch example as the lab answers it; and several 2-D inputs
    "matmul": LabResult((big("batch", (256, 5, 6), (136, 5, 6)), big("weight", (6, 7), (6, 7)),
                         big("out", (256, 5, 7), (117, 5, 7),
                             origin=Origin("matmul", ("batch", "weight"), ((256, 5, 6), (6, 7)), broadcast_dims=(0,))),
                         TensorValue("", "size", (3,), "", "", np.array([256, 5, 7]), python_type="torch.Size",
                                     text="torch.Size([256, 5, 7])"))),
    "inputs": LabResult(tuple(big(n, (8, 8), (8, 8)) for n in "abcde") + (big("", (8, 8), (8, 8)),)),
}


@pytest.mark.parametrize("code", sorted(LARGE))
def test_the_result_is_in_view_after_a_run_below_large_inputs(qtbot, tmp_path, code):
    window = LabWindow(LabBridge(lambda: FakeSession(LARGE)), Course(EXAMPLES, EXERCISES, check),
                       QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    window.resize(1180, 630)  # the lab's open size
    window.show()
    qtbot.waitExposed(window)
    window.editor.setPlainText(code)
    window.run_code()
    qtbot.waitUntil(lambda: len(window.drawings.grids) == len(LARGE[code].values), timeout=10_000)
    drawings = window.drawings
    result = drawings.result_grid()
    qtbot.waitUntil(lambda: drawings.widget().height() > drawings.viewport().height() + 200, timeout=5_000)
    qtbot.waitUntil(lambda: in_view(drawings, result), timeout=5_000)  # the answer, without scrolling
    assert drawings.verticalScrollBar().value() > 0  # the inputs above it are a scroll away, not gone
    if code == "matmul":  # the inputs say how much of them is drawn
        assert "showing slices 0–2 of 256 (each 5 × 6)" in drawings.grids[0].notes_text()


# --- with the real lab process (torch in a spawned process; the window never waits) ---------------

LAB_TIMEOUT = 180_000  # ms: the lab's process loads torch on its first run


@pytest.fixture
def real_lab(qtbot, tmp_path):
    from playground.ui.lab.course import load_course

    bridge = LabBridge()
    window = LabWindow(bridge, load_course("en"), QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    window.show()
    yield window
    bridge.close()


def test_from_numpy_runs_in_the_lab_and_is_drawn_sharing_memory_with_its_array(qtbot, real_lab):
    assert real_lab.show_example("From NumPy: shared memory")
    qtbot.waitUntil(lambda: real_lab.run_button.isEnabled() and bool(real_lab.drawings.grids), timeout=LAB_TIMEOUT)
    grids = {grid._value.name: grid for grid in real_lab.drawings.grids}
    x_np = grids["x_np"]
    assert [c.text for c in x_np.drawing().slices[0].cells] == ["2", "4", "6", "8"]  # doubled through the array
    assert "np_array" in x_np.notes_text() and "shares memory" in x_np.notes_text()
    assert real_lab.error_text() == ""


def test_an_endless_loop_is_stopped_with_words_and_the_window_stays_responsive(qtbot, real_lab):
    real_lab.editor.setPlainText("while True:\n    pass")
    real_lab.run_code()
    ticks = []
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(50)
    qtbot.waitUntil(lambda: real_lab.error_text() != "", timeout=LAB_TIMEOUT)
    timer.stop()
    assert "stopped" in real_lab.error_text() and "Traceback" not in real_lab.error_text()
    assert len(ticks) > 3  # the event loop kept turning while the code ran
    real_lab.editor.setPlainText("torch.ones(2, 3).mm(torch.ones(2, 3))")  # the lab starts again for the next run
    real_lab.run_code()
    qtbot.waitUntil(lambda: "(2, 3)" in real_lab.error_text(), timeout=LAB_TIMEOUT)


def test_a_shipped_exercise_is_checked_right_and_wrong(qtbot, real_lab):
    real_lab.side.setCurrentWidget(real_lab.exercises)
    real_lab.exercises.choose(0)  # float_from_list: [[1, 2], [3, 4]] as float32
    real_lab.editor.setPlainText("torch.tensor([[1, 2], [3, 4]])")
    qtbot.mouseClick(real_lab.exercises.check_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Not yet" in real_lab.exercises.verdict.text(), timeout=LAB_TIMEOUT)
    assert "torch.float32" in real_lab.exercises.verdict.text() and "torch.int64" in real_lab.exercises.verdict.text()
    real_lab.editor.setPlainText("torch.tensor([[1., 2.], [3., 4.]])")
    qtbot.waitUntil(lambda: real_lab.exercises.check_button.isEnabled(), timeout=LAB_TIMEOUT)
    qtbot.mouseClick(real_lab.exercises.check_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Right" in real_lab.exercises.verdict.text(), timeout=LAB_TIMEOUT)


def test_a_session_that_fails_to_close_does_not_stop_the_window_closing(qtbot, tmp_path):
    session = FakeSession(ANSWERS)

    def refuse():
        raise AssertionError("can only join a started process")

    session.close = refuse
    bridge = LabBridge(lambda: session)
    bridge.run("print('hi')")
    qtbot.waitUntil(lambda: not bridge.is_busy(), timeout=10_000)
    bridge.close()  # no exception


def test_the_shipped_exercises_draw_their_inputs_as_the_lab_gives_them(qtbot, tmp_path):
    from playground.ui.lab.course import load_course

    course = load_course("ko")
    exercise = next(e for e in course.exercises if e.key == "reshape_3_8")
    assert "(3, 8)" in exercise.task and any("\uac00" <= ch <= "\ud7a3" for ch in exercise.task)
    window = LabWindow(LabBridge(lambda: FakeSession(ANSWERS)), course,
                       QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(window)
    window.side.setCurrentWidget(window.exercises)
    window.exercises.choose(course.exercises.index(exercise))
    (grid,) = window.drawings.grids
    assert grid._value.name == "t" and grid._value.shape == (2, 3, 4)
    assert len(grid.drawing().slices) == 2


def test_stop_ends_an_endless_loop_in_words(qtbot, real_lab):
    real_lab.editor.setPlainText("while True:\n    pass")
    real_lab.run_code()
    qtbot.waitUntil(lambda: real_lab.stop_button.isEnabled(), timeout=LAB_TIMEOUT)
    qtbot.mouseClick(real_lab.stop_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: real_lab.error_text() != "", timeout=LAB_TIMEOUT)
    assert "The code was stopped." in real_lab.error_text()
    assert real_lab.run_button.isEnabled() and not real_lab.stop_button.isEnabled()
