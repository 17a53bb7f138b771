"""The Tensor lab window: the course's examples by topic and its exercises (left), an
editor (monospace; Ctrl+Enter runs), and the result (right): every value drawn
(playground.ui.widgets.tensor_grid), the error in words (playground.ui.messages.lab),
what the code printed, how long it took.

A top-level window of its own (resizable; it opens at a size that fits 1280x720), so that
the training window stays as the learner left it. It runs code only through its
LabBridge (never waiting on it); while a run goes, Run and Check wait for it and Stop
stops it (closing the window does too). An exercise
chosen in the Exercises tab gives every run its input tensors; Check also checks the
result with the course's check and words the verdict. A layer of the learner's network
opened here (``open_layer``: a Linear layer's live tensors from the training process)
runs as its tensor operation with those tensors as inputs, and later runs keep them
until an example or an exercise is picked.

Preview: ``python -m playground.ui.lab.window`` (a fake lab that echoes made-up values).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextFormat
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSplitter, QTabWidget, QTextEdit,
                               QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

from playground.lab.examples import LINEAR_INPUTS, LINEAR_LAYER_CODE
from playground.lab.messages import LabResult
from playground.runs.inside import LayerTensorsTaken
from playground.ui.lab.bridge import LabBridge
from playground.ui.lab.course import Course, Exercise
from playground.ui.lab.exercises import ExercisesTab
from playground.ui.labels import layer_name
from playground.ui.messages.lab import check_text, lab_error_text
from playground.ui.theme import LIGHT, Theme, fixed_font
from playground.ui.widgets.colour_maps import with_alpha
from playground.ui.widgets.controls import blocked
from playground.ui.widgets.tensor_list import TensorList

OPEN_SIZE = (1180, 630)  # fits 1280x720 with the title bar and a taskbar (about 90 px)


class LabWindow(QWidget):
    """The lab (see the module's docstring); ``settings`` keeps the exercises' progress."""

    def __init__(self, bridge: LabBridge, course: Course, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent, Qt.Window)
        self.setWindowTitle(self.tr("Tensor Lab — NN Playground"))
        self._bridge = bridge
        self._course = course
        self._theme = LIGHT
        self._exercise: Exercise | None = None  # the exercise whose inputs the runs get
        self._layer_inputs: dict = {}  # a network layer's tensors (open_layer), the runs' inputs without an exercise
        self._reveal = ""  # the value the next result scrolls to (a layer's product: its shape rule, then y)
        self._checking: Exercise | None = None  # the exercise the running code is checked against
        self._error_words = ""
        self.examples = QTreeWidget()
        self.examples.setHeaderHidden(True)
        self._fill_examples()
        self.exercises = ExercisesTab(course.exercises, settings)
        self.side = QTabWidget()
        self.side.addTab(self.examples, self.tr("Examples"))
        self.side.addTab(self.exercises, self.tr("Exercises"))
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setFont(fixed_font(LIGHT))
        self.editor.setPlaceholderText(self.tr("Type PyTorch code, e.g. torch.tensor([[1, 2], [3, 4]]), or pick an "
                                               "example. torch and np are ready. Ctrl+Enter runs it."))
        self.editor.setTabChangesFocus(False)
        self.run_button = QPushButton(self.tr("Run (Ctrl+Enter)"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the code running now (the lab starts again for the next run)"))
        self.stop_button.setEnabled(False)
        self.status = QLabel()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.error.hide()
        self.drawings = TensorList()
        self.stdout = QPlainTextEdit()
        self.stdout.setReadOnly(True)
        self.stdout.setFont(fixed_font(LIGHT))
        self.stdout.setPlaceholderText(self.tr("What the code prints (print) appears here."))
        self._lay_out()
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self.editor, self.run_code, context=Qt.WidgetWithChildrenShortcut)
        self.run_button.clicked.connect(self.run_code)
        self.stop_button.clicked.connect(bridge.stop)
        self.examples.currentItemChanged.connect(self._on_examples_current_item_changed)
        self.exercises.exercise_chosen.connect(self._on_exercises_exercise_chosen)
        self.exercises.check_requested.connect(self._on_exercises_check_requested)
        self.side.currentChanged.connect(self._on_side_current_changed)
        bridge.result_ready.connect(self.show_result)
        bridge.busy_changed.connect(self._on_bridge_busy_changed)
        self.resize(*OPEN_SIZE)

    def _lay_out(self) -> None:
        run_row = QHBoxLayout()
        run_row.addWidget(self.run_button)
        run_row.addWidget(self.stop_button)
        run_row.addWidget(self.status, 1)
        top = QWidget()
        top_column = QVBoxLayout(top)
        top_column.setContentsMargins(0, 0, 0, 0)
        top_column.addWidget(self.explanation)
        top_column.addWidget(self.editor, 1)
        top_column.addLayout(run_row)
        results = QWidget()
        results_column = QVBoxLayout(results)
        results_column.setContentsMargins(0, 0, 0, 0)
        results_column.addWidget(self.error)
        results_column.addWidget(self.drawings, 1)
        right = QSplitter(Qt.Vertical)
        right.addWidget(top)
        right.addWidget(results)
        right.addWidget(self.stdout)
        right.setStretchFactor(1, 1)  # the drawings take what the window gains
        right.setSizes([170, 440, 50])
        main = QSplitter(Qt.Horizontal)
        main.addWidget(self.side)
        main.addWidget(right)
        main.setStretchFactor(1, 1)
        main.setSizes([260, 920])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(main)

    def _fill_examples(self) -> None:
        topics: dict[str, QTreeWidgetItem] = {}
        for example in self._course.examples:
            parent = topics.get(example.topic)
            if parent is None:
                parent = topics[example.topic] = QTreeWidgetItem(self.examples, [example.topic])
                parent.setFlags(parent.flags() & ~Qt.ItemIsSelectable)
                parent.setExpanded(True)
            item = QTreeWidgetItem(parent, [example.title])
            item.setToolTip(0, example.explanation)
            item.setData(0, Qt.UserRole, example)
        if not self._course.examples:
            QTreeWidgetItem(self.examples, [self.tr("The course's examples are not installed in this version yet.")])

    # --- the learner's requests ------------------------------------------------------------------
    def show_example(self, title: str) -> bool:
        """Put the example titled ``title`` in the editor (False if there is none)."""
        for item in self._example_items():
            if item.data(0, Qt.UserRole).title == title:
                self.examples.setCurrentItem(item)
                return True
        return False

    def run_code(self) -> None:
        """Run the editor's code (with the chosen exercise's inputs, if one is chosen)."""
        self._start(None)

    def open_layer(self, taken: LayerTensorsTaken) -> None:
        """Run the network's Linear layer ``taken`` as its tensor operation (LINEAR_LAYER_CODE)
        with its live tensors as the inputs, saying above the editor what they are."""
        self._exercise = None
        self._layer_inputs = dict(zip(LINEAR_INPUTS, (taken.x, taken.weight, taken.bias)))
        with blocked(self.examples):
            self.examples.setCurrentItem(None)  # so that picking an example afterwards is a change
        samples = (self.tr("the first training sample") if taken.rows == 1 else
                   self.tr("the first {0} training samples").format(taken.rows))
        self.explanation.setText(self.tr(
            "<b>{0} of your network</b> (Linear {1} → {2}) at step {3}: x is its input for {4}; weight and bias "
            "are its own, as training has made them. y is what the layer gives the next one.").format(
            html.escape(layer_name(taken.name)), taken.n_in, taken.n_out, f"{taken.step:,}", samples))
        self.editor.setPlainText(self._course.linear_layer or LINEAR_LAYER_CODE)
        self._reveal = "product"  # the inputs are drawn above it, the operation is what is new
        self.run_code()

    def layer_inputs(self) -> dict:
        """The network layer's tensors the runs get (empty once an example or exercise is picked)."""
        return dict(self._layer_inputs)

    def _start(self, check: Exercise | None) -> None:
        inputs = self._exercise.inputs if self._exercise is not None else self._layer_inputs
        if self._bridge.run(self.editor.toPlainText(), inputs):
            self._checking = check
        else:
            self.status.setText(self.tr("Still running the previous code…"))

    # --- the answer ------------------------------------------------------------------------------
    def show_result(self, result: LabResult) -> None:
        """Draw ``result``: its values, its error in words, its printed output; check it if asked."""
        self.drawings.show_values(result.values)
        if self._reveal:
            self.drawings.reveal(self._reveal)
            self._reveal = ""
        self.stdout.setPlainText(result.stdout + ("\n…" if result.stdout_truncated else ""))
        if result.error is not None:
            self.error.setText(self._error_html(lab_error_text(result.error)))
            self.error.show()
            self.status.setText(self.tr("Stopped with an error"))
            self._mark_line(result.error.line)
        else:
            self.error.hide()
            self._mark_line(None)
            self.status.setText(self.tr("Done in {0:.2f} s").format(result.seconds))
        exercise, self._checking = self._checking, None
        if exercise is not None:
            ok, code, args = self._course.check(exercise, result)
            self.exercises.show_verdict(exercise, ok, check_text(code, args))

    def _mark_line(self, line: int | None) -> None:
        """Shade the editor's line ``line`` (1-based; the error's), or none."""
        selections = []
        block = self.editor.document().findBlockByNumber(line - 1) if line else None
        if block is not None and block.isValid():
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(with_alpha(self._theme.bad, 0.25))
            selection.format.setProperty(QTextFormat.FullWidthSelection, True)
            selection.cursor = QTextCursor(block)
            selections.append(selection)
        self.editor.setExtraSelections(selections)

    def marked_line(self) -> int | None:
        """The editor's line shaded as the error's (1-based), or None."""
        marks = self.editor.extraSelections()
        return marks[0].cursor.blockNumber() + 1 if marks else None

    def error_text(self) -> str:
        """The error shown, in words, or "" when the last run had none."""
        return "" if self.error.isHidden() else self._error_words

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        for text in (self.editor, self.stdout):
            text.setFont(fixed_font(theme))
        self.drawings.set_theme(theme)
        self.exercises.set_theme(theme)
        if not self.error.isHidden():
            self.error.setText(self._error_html(self._error_words))

    def _error_html(self, words: str) -> str:
        self._error_words = words
        label = self.tr("Error")
        return f"<span style='color:{self._theme.bad}'><b>{label}</b>: {html.escape(words)}</span>"

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._bridge.stop()  # code left running in a closed window would only use the machine
        super().closeEvent(event)

    # --- wiring ---------------------------------------------------------------------------------
    def _example_items(self) -> list[QTreeWidgetItem]:
        items = []
        for t in range(self.examples.topLevelItemCount()):
            topic = self.examples.topLevelItem(t)
            items += [topic.child(i) for i in range(topic.childCount())]
        return items

    def _on_examples_current_item_changed(self, item: QTreeWidgetItem | None, _previous) -> None:
        example = item.data(0, Qt.UserRole) if item is not None else None
        if example is None:
            return
        self._exercise, self._layer_inputs = None, {}
        self.explanation.setText(f"<b>{html.escape(example.title)}</b> — {html.escape(example.explanation)}")
        self.editor.setPlainText(example.code)
        self.run_code()  # the result appears at once

    def _on_exercises_exercise_chosen(self, exercise: Exercise) -> None:
        self._exercise, self._layer_inputs = exercise, {}
        names = ", ".join(exercise.inputs) or "—"
        self.explanation.setText(self.tr("<b>{0}</b> — your code gets these tensors: {1}").format(
            html.escape(exercise.title), html.escape(names)))
        self.editor.setPlainText(exercise.starter)
        self.drawings.show_values(exercise.input_values)  # what the code will get, before it runs

    def _on_exercises_check_requested(self, exercise: Exercise) -> None:
        self._exercise = exercise
        self._start(exercise)

    def _on_side_current_changed(self, index: int) -> None:
        if self.side.widget(index) is self.exercises:
            current = self.exercises.current()
            if current is not None and current is not self._exercise:
                self._on_exercises_exercise_chosen(current)

    def _on_bridge_busy_changed(self, busy: bool) -> None:
        self.run_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        self.exercises.check_button.setEnabled(not busy and self.exercises.current() is not None)
        if busy:
            self.status.setText(self.tr("Running…"))


if __name__ == "__main__":  # a preview with a fake lab
    import sys
    from concurrent.futures import Future

    import numpy as np
    from PySide6.QtWidgets import QApplication

    from playground.lab.messages import TensorValue
    from playground.ui.lab.course import Example

    class EchoSession:
        def submit(self, code, inputs, **_limits):
            future = Future()
            t = np.arange(12).reshape(3, 4)
            future.set_result(LabResult((TensorValue("t", "tensor", t.shape, "torch.int64", "cpu", t),),
                                        stdout=code, seconds=0.01))
            return future

        def close(self):
            pass

    app = QApplication(sys.argv)
    course = Course((Example("Creation", "From a list", "torch.tensor makes a tensor", "t = torch.arange(12)"),))
    window = LabWindow(LabBridge(EchoSession), course, QSettings("nn-playground-preview", "lab"))
    window.show()
    sys.exit(app.exec())
