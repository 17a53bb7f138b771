"""The Data panel: which data set, its noise, split, outliers, classes, input
features and the learner's own CSV file.

The panel keeps no copy of the design: it redraws from ``document.design`` on
``document.changed`` and edits only through ``document.apply``. It also hosts the
small helpers the other editing panels share (``data_facts``, ``MessageLabel``,
``blocked``, ``guard_wheel``), which need no torch.
"""

from __future__ import annotations

import math
import os
import random
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from pydantic import ValidationError
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, QRectF, QSignalBlocker, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QCheckBox,
    QVBoxLayout,
    QWidget,
)

from playground.data import csv_import, datasets

from playground.design import registry
from playground.design.schema import MAX_SAMPLES, DataSpec, Design, check_design, problems_from_validation
from playground.errors import DataError, PlaygroundError, Problem

from playground.ui.i18n import file_dialog_options
from playground.ui.labels import dataset_label, loss_label
from playground.ui.theme import DARK, LIGHT, Theme

# -- helpers shared by the editing panels ---------------------------------------------


@contextmanager
def blocked(*widgets: QObject):
    """Set widget values without emitting their signals (no edit loops on redraw)."""
    blockers = [QSignalBlocker(w) for w in widgets]
    try:
        yield
    finally:
        for blocker in blockers:
            blocker.unblock()


def palette_theme(widget: QWidget) -> Theme:
    """The light or dark theme that matches the widget's current palette."""
    return DARK if widget.palette().window().color().lightness() < 128 else LIGHT


class _WheelGuard(QObject):
    """Lets the mouse wheel scroll the panel instead of changing an unfocused control."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()
            return True
        return False


_WHEEL_GUARD: _WheelGuard | None = None


def guard_wheel(*widgets: QWidget) -> None:
    """Spin boxes, combos and sliders in a scrolled panel change only once focused."""
    global _WHEEL_GUARD
    if _WHEEL_GUARD is None:
        _WHEEL_GUARD = _WheelGuard()
    for widget in widgets:
        widget.setFocusPolicy(Qt.StrongFocus)
        widget.installEventFilter(_WHEEL_GUARD)


def field_words(field: str) -> str:
    """A design field path in words for a learner ("data.features" -> "Input features")."""
    words = {
        "data.dataset": QT_TRANSLATE_NOOP("FieldWords", "Data set"),
        "data.features": QT_TRANSLATE_NOOP("FieldWords", "Input features"),
        "data.csv_path": QT_TRANSLATE_NOOP("FieldWords", "CSV file"),
        "data.csv_target": QT_TRANSLATE_NOOP("FieldWords", "Column to predict"),
        "data.csv_task": QT_TRANSLATE_NOOP("FieldWords", "Task"),
        "data.samples": QT_TRANSLATE_NOOP("FieldWords", "Points"),
        "data.noise": QT_TRANSLATE_NOOP("FieldWords", "Noise"),
        "data.train_fraction": QT_TRANSLATE_NOOP("FieldWords", "Training data"),
        "data.outlier_fraction": QT_TRANSLATE_NOOP("FieldWords", "Outliers"),
        "data.classes": QT_TRANSLATE_NOOP("FieldWords", "Classes"),
        "layers": QT_TRANSLATE_NOOP("FieldWords", "Layers"),
        "init": QT_TRANSLATE_NOOP("FieldWords", "Weight init"),
        "loss": QT_TRANSLATE_NOOP("FieldWords", "Loss"),
        "optimizer.lr": QT_TRANSLATE_NOOP("FieldWords", "Learning rate"),
        "optimizer.nesterov": QT_TRANSLATE_NOOP("FieldWords", "Nesterov"),
        "optimizer.momentum": QT_TRANSLATE_NOOP("FieldWords", "Momentum"),
        "training.batch_mode": QT_TRANSLATE_NOOP("FieldWords", "Batch mode"),
        "training.batch_size": QT_TRANSLATE_NOOP("FieldWords", "Batch size"),
        "training.epochs": QT_TRANSLATE_NOOP("FieldWords", "Epochs"),
        "training.regularization_rate": QT_TRANSLATE_NOOP("FieldWords", "Regularization rate"),
        "training.device": QT_TRANSLATE_NOOP("FieldWords", "Device"),
    }
    if field in words:
        return QCoreApplication.translate("FieldWords", words[field])
    return field


def problem_text(problem: Problem) -> str:
    from playground.ui.messages import problem_message

    message = problem_message(problem)
    if not problem.field:
        return message
    return QCoreApplication.translate("FieldWords", "{0}: {1}").format(field_words(problem.field), message)


def error_text(error: PlaygroundError) -> str:
    """An error's problems with their fields in words, under its title if it has one."""
    from playground.ui.messages import error_title

    lines = [problem_text(p) for p in error.problems]
    title = error_title(error)
    if title:
        return "\n".join([title, *("• " + line for line in lines)])
    return "\n".join(lines)


class MessageLabel(QLabel):
    """An inline message under a panel's controls: problems in red, notes in the text colour.

    Hidden when there is nothing to say.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.RichText)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        self._problems: list[str] = []
        self._notes: list[str] = []
        self.hide()

    def show_messages(self, problems: list[str], notes: list[str] = ()) -> None:
        self._problems, self._notes = list(problems), list(notes)
        self._render()

    def plain_text(self) -> str:
        return "\n".join(self._problems + self._notes)

    def _render(self) -> None:
        bad = palette_theme(self).bad
        lines = [f'<span style="color:{bad}">{_escape(p)}</span>' for p in self._problems]
        lines += [_escape(n) for n in self._notes]
        self.setText("<br>".join(lines))
        self.setVisible(bool(lines))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange:
            self._render()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")


# -- what the data gives the network, without generating it -------------------------


@dataclass(frozen=True)
class DataFacts:
    """Sizes the editors show. None = not known (a CSV file not chosen or not readable).

    ``task`` is "binary", "multiclass", "regression", or "classification" for a CSV
    file whose classes are not known yet. ``error`` is the CSV problem, for the user.
    """

    task: str
    n_train: int | None
    n_test: int | None
    n_inputs: int | None
    n_classes: int | None
    error: str = ""


def split_sizes(n: int, train_fraction: float) -> tuple[int, int]:
    """(training, test) point counts, exactly as datasets._split makes them."""
    n_train = int(round(n * train_fraction))
    return n_train, n - n_train


def data_facts(spec: DataSpec) -> DataFacts:
    """Task, split sizes, input width and class count for ``spec``; only a CSV file is read."""
    kind = spec.info.input_kind
    if kind == "csv":
        return _csv_facts(spec)
    task = spec.info.task
    n_classes = {"binary": 2, "multiclass": spec.classes, "regression": 0}[task]
    if kind == "digits":
        return DataFacts(task, *split_sizes(DIGITS_COUNT, spec.train_fraction), 64, 10)
    n_inputs = len(spec.features) if kind == "2d" else 1
    return DataFacts(task, *split_sizes(spec.samples, spec.train_fraction), n_inputs, n_classes)


DIGITS_COUNT = 1797


def _file_key(path: str) -> tuple[str, int, int]:
    """Path plus modification time and size, so an edited file is read again."""
    try:
        stat = os.stat(path)
        return path, stat.st_mtime_ns, stat.st_size
    except OSError:
        return path, -1, -1


@lru_cache(maxsize=8)
def _columns(key: tuple[str, int, int]) -> tuple[tuple[str, ...], str]:
    try:
        return tuple(csv_import.csv_columns(key[0])), ""
    except DataError as error:
        return (), error_text(error)


@lru_cache(maxsize=8)
def _loaded(key: tuple[str, int, int], target: str, task: str) -> tuple[int, int, int, str]:
    """(rows, inputs, classes, error) of a CSV file read as ``task``."""
    try:
        data = csv_import.load_csv(key[0], target, task)
    except DataError as error:
        return 0, 0, 0, error_text(error)
    return len(data.y), data.x.shape[1], len(data.class_names), ""


def csv_columns_of(path: str) -> tuple[list[str], str]:
    """(column names, error text) of a CSV file; cached until the file changes."""
    columns, error = _columns(_file_key(path))
    return list(columns), error


def _csv_facts(spec: DataSpec) -> DataFacts:
    guess = "regression" if spec.csv_task == "regression" else "classification"
    if not spec.csv_path:
        return DataFacts(guess, None, None, None, None)
    columns, error = csv_columns_of(spec.csv_path)
    if error or not spec.csv_target:
        n_inputs = len(columns) - 1 if columns else None
        return DataFacts(guess, None, None, n_inputs, None, error)
    rows, n_inputs, n_classes, error = _loaded(_file_key(spec.csv_path), spec.csv_target, spec.csv_task)
    if error:
        return DataFacts(guess, None, None, len(columns) - 1, None, error)
    if spec.csv_task == "regression":
        task = "regression"
    else:
        task = "binary" if n_classes == 2 else "multiclass"
    return DataFacts(task, *split_sizes(rows, spec.train_fraction), n_inputs, n_classes or 0)


def guess_csv_task(path: str, target: str) -> str:
    """Regression for a numeric column with many different values, else classification."""
    try:
        data = csv_import.load_csv(path, target, "regression")
    except DataError:
        return "classification"
    values = np.unique(data.y)
    integral = bool(np.all(values == np.round(values)))
    return "classification" if integral and len(values) <= 10 else "regression"


def fit_loss(design: Design) -> tuple[Design, str]:
    """``design`` with a loss that fits its data, and a note for the user if it had to change."""
    task = data_facts(design.data).task
    if task == "classification":
        fits, choice = design.loss in ("cross_entropy", "bce"), "cross_entropy"
    else:
        fits, choice = registry.loss_fits(design.loss, task), registry.default_loss(task)
    if fits:
        return design, ""
    note = QCoreApplication.translate("DataPanel", "Loss switched to {0} for {1} data.").format(
        loss_label(choice), task_words(task)
    )
    return design.with_(loss=choice), note


def task_words(task: str) -> str:
    words = {
        "binary": QT_TRANSLATE_NOOP("DataPanel", "two-class"),
        "multiclass": QT_TRANSLATE_NOOP("DataPanel", "multi-class"),
        "regression": QT_TRANSLATE_NOOP("DataPanel", "regression"),
        "classification": QT_TRANSLATE_NOOP("DataPanel", "classification"),
    }
    return QCoreApplication.translate("DataPanel", words[task])


# -- thumbnails -----------------------------------------------------------------------

ICON_SIZE = 44


def _rgb(colour: str) -> np.ndarray:
    c = QColor(colour)
    return np.array([c.red(), c.green(), c.blue()], dtype=np.float64)


def _point_colours(dataset: datasets.Dataset, labels: np.ndarray, theme: Theme) -> np.ndarray:
    """uint8 (n, 3): class colours, or negative..positive blended by a regression target."""
    if dataset.task == "regression":
        span = float(np.max(np.abs(labels))) or 1.0
        t = np.clip((labels / span + 1) / 2, 0, 1)[:, None]
        return ((1 - t) * _rgb(theme.negative) + t * _rgb(theme.positive)).astype(np.uint8)
    if dataset.task == "binary":
        table = np.stack([_rgb(theme.negative), _rgb(theme.positive)])
    else:
        table = np.stack([_rgb(c) for c in theme.classes])
    return table[labels % len(table)].astype(np.uint8)


def _scatter_image(points: np.ndarray, colours: np.ndarray, extent, background: str, size: int) -> QImage:
    """Points (n, 2) within extent (x0, x1, y0, y1) as 3x3 px dots on a size x size image."""
    pixels = np.empty((size, size, 3), dtype=np.uint8)
    pixels[:] = _rgb(background).astype(np.uint8)
    x0, x1, y0, y1 = extent
    col = np.clip(((points[:, 0] - x0) / (x1 - x0) * (size - 3)).astype(int), 0, size - 3)
    row = np.clip(((y1 - points[:, 1]) / (y1 - y0) * (size - 3)).astype(int), 0, size - 3)
    for dy in range(3):
        for dx in range(3):
            pixels[row + dy, col + dx] = colours
    image = QImage(pixels.data, size, size, 3 * size, QImage.Format_RGB888)
    return image.copy()  # the numpy buffer dies with this function


def _generated_icon(name: str, theme: Theme, size: int) -> QImage:
    data = datasets.make_dataset(DataSpec(dataset=name, samples=200, seed=1, noise=0.1))
    raw = np.concatenate([data.raw_train, data.raw_test])
    labels = np.concatenate([data.y_train, data.y_test])
    if raw.shape[1] == 1:  # a 1-D curve: plot target against x
        raw = np.stack([raw[:, 0], labels], axis=1)
        colours = np.repeat(_rgb(theme.train)[None].astype(np.uint8), len(raw), axis=0)
    else:
        colours = _point_colours(data, labels, theme)
    return _scatter_image(raw, colours, data.extent, theme.background, size)


def _digit_icon(theme: Theme, size: int) -> QImage:
    images, labels = datasets.load_digits_arrays()
    digit = images[int(np.flatnonzero(labels == 3)[0])].reshape(8, 8) / 16.0
    ink, paper = _rgb(theme.foreground), _rgb(theme.background)
    pixels = (paper + digit[..., None] * (ink - paper)).astype(np.uint8)
    pixels = np.ascontiguousarray(np.repeat(np.repeat(pixels, size // 8, axis=0), size // 8, axis=1))
    side = pixels.shape[0]
    image = QImage(pixels.data, side, side, 3 * side, QImage.Format_RGB888).copy()
    return image.scaled(size, size)


def _csv_icon(theme: Theme, size: int) -> QImage:
    image = QImage(size, size, QImage.Format_ARGB32)
    image.fill(QColor(theme.background))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    ink = QColor(theme.foreground)
    painter.setPen(QPen(ink, 1.5))
    m, fold = size * 0.18, size * 0.2
    left, top, right, bottom = m, m * 0.7, size - m, size - m * 0.7
    page = [(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)]
    for (ax, ay), (bx, by) in zip(page, page[1:] + page[:1]):
        painter.drawLine(int(ax), int(ay), int(bx), int(by))
    painter.drawLine(int(right - fold), int(top), int(right - fold), int(top + fold))
    painter.drawLine(int(right - fold), int(top + fold), int(right), int(top + fold))
    font = QFont()
    font.setPixelSize(max(8, size // 5))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor(theme.accent))
    painter.drawText(QRectF(left, size * 0.45, right - left, size * 0.3), Qt.AlignCenter, "CSV")
    painter.end()
    return image


def _framed(image: QImage, theme: Theme) -> QImage:
    """A thin frame, so that a thumbnail stands out from a background of the same colour."""
    painter = QPainter(image)
    colour = QColor(theme.foreground)
    colour.setAlpha(70)
    painter.setPen(colour)
    painter.drawRect(0, 0, image.width() - 1, image.height() - 1)
    painter.end()
    return image


_ICONS: dict[tuple[str, str], QIcon] = {}


def dataset_icon(name: str, theme: Theme, size: int = ICON_SIZE) -> QIcon:
    """A small picture of the data set, made once per theme."""
    key = (name, theme.name)
    if key not in _ICONS:
        kind = registry.DATASETS[name].input_kind
        if kind == "digits":
            image = _digit_icon(theme, size)
        elif kind == "csv":
            image = _csv_icon(theme, size)
        else:
            image = _generated_icon(name, theme, size)
        _ICONS[key] = QIcon(QPixmap.fromImage(_framed(image, theme)))
    return _ICONS[key]


class _DatasetGrid(QListWidget):
    """Thumbnails that wrap to the panel's width; as tall as its rows, never scrolled."""

    GRID = ICON_SIZE + 8

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setViewMode(QListView.IconMode)
        self.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.setGridSize(QSize(self.GRID, self.GRID))
        self.setMovement(QListView.Static)
        self.setResizeMode(QListView.Adjust)
        self.setWrapping(True)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.setMinimumWidth(3 * self.GRID)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        per_row = max(1, self.viewport().width() // self.GRID)
        rows = math.ceil(self.count() / per_row)
        self.setFixedHeight(rows * self.GRID + 2 * self.frameWidth() + 4)


# -- the panel -----------------------------------------------------------------------


class DataPanel(QWidget):
    """Edits ``design.data`` of a DesignDocument (and the loss, when the data's task changes)."""

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self._notes: list[str] = []
        self._applying = False
        self._build()
        document.changed.connect(self._on_document_changed)
        self._refresh()

    # -- construction -----------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self._build_sets())
        self.message = MessageLabel()
        layout.addWidget(self.message)
        layout.addWidget(self._build_settings())
        self.csv_box = self._build_csv()
        layout.addWidget(self.csv_box)
        layout.addLayout(self._build_buttons())
        layout.addStretch(1)

    def _build_sets(self) -> QGroupBox:
        box = QGroupBox(self.tr("Data set"))
        column = QVBoxLayout(box)
        self.grid = _DatasetGrid()
        self.grid.setToolTip(self.tr("Choose the problem the network learns. Point at a picture to see its name."))
        for name, info in registry.DATASETS.items():
            item = QListWidgetItem()
            item.setData(Qt.UserRole, name)
            item.setData(Qt.AccessibleTextRole, self._set_label(name))
            item.setToolTip("<b>{0}</b><br>{1}".format(self._set_label(name), self._set_description(name)))
            self.grid.addItem(item)
        self.grid.currentItemChanged.connect(self._on_grid_current_item_changed)
        column.addWidget(self.grid)
        self.set_caption = QLabel()
        self.set_caption.setWordWrap(True)
        column.addWidget(self.set_caption)
        self._paint_icons()
        return box

    def _build_settings(self) -> QGroupBox:
        box = QGroupBox(self.tr("Settings"))
        self.form = QFormLayout(box)
        self.form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        self._slider_rows: dict[QSlider, QHBoxLayout] = {}
        self.samples_spin = QSpinBox()
        self.samples_spin.setRange(20, MAX_SAMPLES)
        self.samples_spin.setSingleStep(50)
        self.samples_spin.setKeyboardTracking(False)
        self.samples_spin.setToolTip(self.tr(
            "How many points are made, training and test together. More points show the pattern "
            "more clearly; each epoch then takes more steps."))
        self.samples_spin.valueChanged.connect(self._on_samples_spin_value_changed)
        self.form.addRow(self.tr("Points"), self.samples_spin)
        self.noise_slider, self.noise_value = self._slider_row(
            self.tr("Noise"), 0, 100,
            self.tr("How far points stray from the clean pattern (0 = none, 1 = as much noise as signal). "
                    "With noise some points sit on the wrong side; a network that fits them too has "
                    "learned the noise: overfitting."))
        self.noise_slider.valueChanged.connect(self._on_noise_slider_value_changed)
        self.split_slider, self.split_value = self._slider_row(
            self.tr("Training data"), 10, 90,
            self.tr("The share of points the network learns from. The rest is the test set, never trained "
                    "on: it shows whether the network generalizes. Test loss rising while training loss "
                    "falls means overfitting."))
        self.split_slider.valueChanged.connect(self._on_split_slider_value_changed)
        self.outlier_slider, self.outlier_value = self._slider_row(
            self.tr("Outliers"), 0, 50,
            self.tr("The share of training points moved far above the curve. MSE (L2) squares their "
                    "error and bends towards them; MAE (L1) and Huber are robust to outliers."))
        self.outlier_slider.valueChanged.connect(self._on_outlier_slider_value_changed)
        self.classes_spin = QSpinBox()
        self.classes_spin.setRange(3, 6)
        self.classes_spin.setToolTip(self.tr(
            "How many classes (colours) the set has. The output layer gets one unit per class; "
            "cross-entropy compares their softmax with the true class."))
        self.classes_spin.valueChanged.connect(self._on_classes_spin_value_changed)
        self.form.addRow(self.tr("Classes"), self.classes_spin)
        self.features_box = self._build_features()
        self.form.addRow(self.features_box)
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        self.counts_label.setToolTip(self.tr(
            "Training points are used to update the weights; test points only to measure how well "
            "the network does on data it has not seen."))
        self.form.addRow(self.counts_label)
        guard_wheel(self.samples_spin, self.noise_slider, self.split_slider, self.outlier_slider, self.classes_spin)
        return box

    def _slider_row(self, label: str, low: int, high: int, tip: str) -> tuple[QSlider, QLabel]:
        slider = QSlider(Qt.Horizontal)
        slider.setRange(low, high)
        slider.setPageStep(10)
        slider.setToolTip(tip)
        value = QLabel()
        value.setMinimumWidth(value.fontMetrics().horizontalAdvance("0.00 ") + 4)
        value.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        value.setToolTip(tip)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(slider, 1)
        row.addWidget(value)
        caption = QLabel(label)
        caption.setToolTip(tip)
        self.form.addRow(caption, row)
        self._slider_rows[slider] = row
        return slider, value

    def _build_features(self) -> QGroupBox:
        box = QGroupBox(self.tr("Input features"))
        box.setToolTip(self.tr(
            "What the network sees of each point, computed from its coordinates x₁ and x₂. "
            "A well-chosen feature can make a hard problem easy for a small network. "
            "At least one must stay checked."))
        grid = QGridLayout(box)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(8)
        tips = {
            "x1": self.tr("x₁: the point's horizontal coordinate."),
            "x2": self.tr("x₂: the point's vertical coordinate."),
            "x1_sq": self.tr("x₁²: with x₂² a circle becomes separable by a straight line."),
            "x2_sq": self.tr("x₂²: with x₁² a circle becomes separable by a straight line."),
            "x1x2": self.tr("x₁·x₂: positive in two opposite corners, negative in the others; makes XOR easy."),
            "sin_x1": self.tr("sin x₁: a wave along x₁; helps with spirals."),
            "sin_x2": self.tr("sin x₂: a wave along x₂; helps with spirals."),
        }
        self.feature_boxes: dict[str, QCheckBox] = {}
        for i, (name, label) in enumerate(registry.FEATURES.items()):
            check = QCheckBox(label)
            check.setToolTip(tips[name])
            check.toggled.connect(self._on_feature_toggled)
            grid.addWidget(check, i // 4, i % 4)
            self.feature_boxes[name] = check
        return box

    def _build_csv(self) -> QGroupBox:
        box = QGroupBox(self.tr("CSV file"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        self.csv_file_label = QLabel()
        self.csv_file_label.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        form.addRow(self.tr("File"), self.csv_file_label)
        self.target_combo = QComboBox()
        self.target_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.target_combo.setMinimumContentsLength(8)
        self.target_combo.setToolTip(self.tr(
            "The column the network learns to predict. Every other column is an input, "
            "standardized with the training points' mean and spread."))
        self.target_combo.activated.connect(self._on_target_combo_activated)
        form.addRow(self.tr("Predict"), self.target_combo)
        self.task_combo = QComboBox()
        self.task_combo.addItem(self.tr("Classification"), "classification")
        self.task_combo.addItem(self.tr("Regression"), "regression")
        self.task_combo.setToolTip(self.tr(
            "Classification predicts a label (one of a few values, such as a species); "
            "regression predicts a number (such as a price)."))
        self.task_combo.activated.connect(self._on_task_combo_activated)
        form.addRow(self.tr("Task"), self.task_combo)
        guard_wheel(self.target_combo, self.task_combo)
        return box

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.regenerate_button = QPushButton(self.tr("Regenerate"))
        self.regenerate_button.setToolTip(self.tr(
            "Draw new random points from the same pattern (a new data seed). Training starts again."))
        self.regenerate_button.clicked.connect(self.regenerate)
        self.import_button = QPushButton(self.tr("Import CSV…"))
        self.import_button.setToolTip(self.tr(
            "Train on your own table: a CSV file (UTF-8, with a header row naming the columns). "
            "Then choose the column to predict."))
        self.import_button.clicked.connect(self.import_csv)
        row.addWidget(self.regenerate_button)
        row.addWidget(self.import_button)
        return row

    def _set_label(self, name: str) -> str:
        return dataset_label(name)

    def _set_description(self, name: str) -> str:
        text = {
            "circle": self.tr("One class inside a ring of the other: the boundary must be curved."),
            "xor": self.tr("Opposite corners share a class: no single straight line separates them."),
            "gaussians": self.tr("Two overlapping clouds: a straight line does well."),
            "spiral": self.tr("Two interleaved spirals: the hardest; it needs several layers or sin features."),
            "moons": self.tr("Two interlocking half-moons."),
            "linear": self.tr("Two classes either side of a straight line: one neuron is enough."),
            "spirals_multi": self.tr("Several interleaved spiral arms, one class each."),
            "blobs": self.tr("Several round clouds, one class each."),
            "plane": self.tr("Regression: the target rises evenly across the plane."),
            "gauss_bumps": self.tr("Regression: hills and valleys to fit."),
            "line": self.tr("1-D regression: points along a straight line, some outliers far above it."),
            "sine": self.tr("1-D regression: points along a sine wave, some outliers far above it."),
            "digits": self.tr("1,797 handwritten digits of 8×8 pixels: 64 inputs, 10 classes."),
            "csv": self.tr("Your own table from a CSV file: choose the column to predict."),
        }
        return text[name]

    def _paint_icons(self) -> None:
        theme = palette_theme(self)
        for i in range(self.grid.count()):
            item = self.grid.item(i)
            item.setIcon(dataset_icon(item.data(Qt.UserRole), theme))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange and hasattr(self, "grid"):
            self._paint_icons()

    # -- redraw -------------------------------------------------------------------------
    def _on_document_changed(self, new: Design, old: Design) -> None:
        if not self._applying:
            self._notes = []
        self._refresh()

    def _refresh(self) -> None:
        data = self.document.design.data
        info = data.info
        facts = data_facts(data)
        self._show_values(data)
        self.set_caption.setText(
            "<b>{0}</b><br>{1}".format(self._set_label(data.dataset), self._set_description(data.dataset)))
        generated = info.input_kind in ("2d", "1d")  # noise and size apply to made-up data only
        self.form.setRowVisible(self.samples_spin, generated)
        self.form.setRowVisible(self._slider_rows[self.noise_slider], generated)
        self.form.setRowVisible(self._slider_rows[self.outlier_slider], info.uses_outliers)
        self.form.setRowVisible(self.classes_spin, info.uses_classes)
        self.form.setRowVisible(self.features_box, info.input_kind == "2d")
        self.csv_box.setVisible(info.input_kind == "csv")
        self._show_csv(data, facts)
        self._show_counts(facts)
        self._show_message(facts)

    def _show_values(self, data: DataSpec) -> None:
        widgets = [self.grid, self.samples_spin, self.noise_slider, self.split_slider, self.outlier_slider,
                   self.classes_spin, *self.feature_boxes.values()]
        with blocked(*widgets):
            self.grid.setCurrentRow(list(registry.DATASETS).index(data.dataset))
            self.samples_spin.setValue(data.samples)
            self.noise_slider.setValue(round(data.noise * 100))
            self.split_slider.setValue(round(data.train_fraction * 100))
            self.outlier_slider.setValue(round(data.outlier_fraction * 100))
            self.classes_spin.setValue(data.classes)
            for name, check in self.feature_boxes.items():
                check.setChecked(name in data.features)
        self.noise_value.setText(f"{data.noise:.2f}")
        self.split_value.setText(self.tr("{0} %").format(round(data.train_fraction * 100)))
        self.outlier_value.setText(self.tr("{0} %").format(round(data.outlier_fraction * 100)))

    def _show_csv(self, data: DataSpec, facts: DataFacts) -> None:
        if data.dataset != "csv":
            return
        name = Path(data.csv_path).name if data.csv_path else self.tr("(none chosen: press Import CSV…)")
        self.csv_file_label.setText(name)
        self.csv_file_label.setToolTip(data.csv_path)
        columns, _ = csv_columns_of(data.csv_path) if data.csv_path else ([], "")
        with blocked(self.target_combo, self.task_combo):
            self.target_combo.clear()
            self.target_combo.addItems(columns)
            self.target_combo.setCurrentIndex(columns.index(data.csv_target) if data.csv_target in columns else -1)
            self.task_combo.setCurrentIndex(self.task_combo.findData(data.csv_task))
        self.target_combo.setEnabled(bool(columns))

    def _show_counts(self, facts: DataFacts) -> None:
        if facts.n_train is None:
            self.counts_label.setText(self.tr("Point counts appear once the file can be read."))
            return
        self.counts_label.setText(self.tr("{0} training / {1} test points").format(facts.n_train, facts.n_test))

    def _show_message(self, facts: DataFacts) -> None:
        problems = [problem_text(p) for p in check_design(self.document.design) if p.field.startswith("data.")]
        if facts.error and facts.error not in problems:
            problems.append(facts.error)
        self.message.show_messages(problems, self._notes)

    # -- edits ---------------------------------------------------------------------------
    def _apply(self, design: Design, text: str, merge_key: str = "", notes: list[str] = ()) -> None:
        self._notes = [n for n in notes if n]
        self._applying = True
        try:
            self.document.apply(design, text, merge_key)
        finally:
            self._applying = False
        self._refresh()

    def _edit_data(self, text: str, merge_key: str = "", **changes) -> None:
        try:
            design = self.document.design.with_data(**changes)
        except ValidationError as error:
            self._show_problems_only(problems_from_validation(error, "data"))
            return
        design, note = fit_loss(design)
        self._apply(design, text, merge_key, [note])

    def _show_problems_only(self, problems: list[Problem]) -> None:
        """An edit that was refused: the controls go back to the design, the message says why."""
        self._notes = []
        self._refresh()
        self.message.show_messages([problem_text(p) for p in problems])

    def _on_grid_current_item_changed(self, current: QListWidgetItem | None, previous) -> None:
        if current is not None:
            self.select_dataset(current.data(Qt.UserRole))

    def _on_samples_spin_value_changed(self, value: int) -> None:
        self._edit_data(self.tr("Change number of points"), "data.samples", samples=value)

    def _on_noise_slider_value_changed(self, value: int) -> None:
        self._edit_data(self.tr("Change noise"), "data.noise", noise=value / 100)

    def _on_split_slider_value_changed(self, value: int) -> None:
        self._edit_data(self.tr("Change training data share"), "data.train_fraction", train_fraction=value / 100)

    def _on_outlier_slider_value_changed(self, value: int) -> None:
        self._edit_data(self.tr("Change outliers"), "data.outlier_fraction", outlier_fraction=value / 100)

    def _on_classes_spin_value_changed(self, value: int) -> None:
        self._edit_data(self.tr("Change number of classes"), "data.classes", classes=value)

    def _on_feature_toggled(self, checked: bool) -> None:
        features = tuple(name for name, box in self.feature_boxes.items() if box.isChecked())
        if not features:
            self._refresh()  # puts the tick back
            self._notes = [self.tr("Input features: at least one must stay checked, or the network has no input.")]
            self.message.show_messages([], self._notes)
            return
        self._edit_data(self.tr("Change input features"), features=features)

    def _on_target_combo_activated(self, index: int) -> None:
        self.set_csv_target(self.target_combo.itemText(index))

    def _on_task_combo_activated(self, index: int) -> None:
        self.set_csv_task(self.task_combo.itemData(index))

    # -- public, also for tests -----------------------------------------------------------
    def select_dataset(self, name: str) -> None:
        """Switch to data set ``name`` as the user would by clicking its picture.

        A CSV file not chosen yet opens the file dialog; cancelling it keeps the old set.
        """
        data = self.document.design.data
        if name == data.dataset:
            return
        if name == "csv" and not data.csv_path:
            self.import_csv()
            return
        self._edit_data(self.tr("Choose data set {0}").format(self._set_label(name)), dataset=name)

    def regenerate(self) -> None:
        """New random points from the same pattern: a new data seed, one undo step."""
        old = self.document.design.data.seed
        seed = old
        while seed == old:
            seed = random.randint(0, 2**31 - 1)
        self._edit_data(self.tr("Regenerate data"), seed=seed)

    def _choose_csv_path(self) -> str:
        """Ask for a CSV file; "" when cancelled. Tests replace this method."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a CSV file"), "", self.tr("CSV files (*.csv *.txt *.tsv);;All files (*)"),
            options=file_dialog_options())
        return path

    def import_csv(self) -> None:
        """Choose a CSV file and use it: the last column is predicted until the user picks another."""
        path = self._choose_csv_path()
        if not path:
            self._refresh()  # the grid may show CSV while the design does not
            return
        columns, error = csv_columns_of(path)
        if error:
            self._refresh()
            self.message.show_messages([error])
            return
        target = columns[-1]
        self._edit_data(self.tr("Import CSV file"), dataset="csv", csv_path=path, csv_target=target,
                        csv_task=guess_csv_task(path, target))

    def set_csv_target(self, column: str) -> None:
        self._edit_data(self.tr("Choose column to predict"), csv_target=column)

    def set_csv_task(self, task: str) -> None:
        self._edit_data(self.tr("Change task"), csv_task=task)

    def message_text(self) -> str:
        """The inline message as plain text, "" when none is shown."""
        return self.message.plain_text() if self.message.isVisibleTo(self) else ""

    def counts_text(self) -> str:
        return self.counts_label.text()

    def control_visible(self, name: str) -> bool:
        """Whether the control is shown: "samples", "noise", "outliers", "classes", "features", "csv"."""
        widget = {"samples": self.samples_spin, "noise": self.noise_slider, "outliers": self.outlier_slider,
                  "classes": self.classes_spin, "features": self.features_box, "csv": self.csv_box}[name]
        return widget.isVisibleTo(self)


if __name__ == "__main__":
    import sys

    from playground.ui.widgets.preview import preview_panel

    sys.exit(preview_panel(DataPanel, 320, 700))
