"""The training toolbar: the training actions, the speed control and the learning rate.

The speed the learner sets is remembered between launches; a preset's pace is not (it
stays until the learner moves the control or another paced preset opens). The learning
rate box shows the design's rate and reports the learner's number; the window applies it
to the design (an undoable, live change).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QSlider, QToolBar, QWidget

from playground.training.run_loop import SPEEDS


class TrainingToolbar(QToolBar):
    """Train, Step, Epoch and Reset (``actions`` in that order), then speed and learning rate."""

    speed_chosen = Signal(object)  # steps per second, one of SPEEDS (None = as fast as it can)
    lr_chosen = Signal(float)  # a learning rate the learner typed, different from the design's

    def __init__(self, actions: list[QAction], settings: QSettings, parent: QWidget | None = None):
        super().__init__(self.tr("Training controls"), parent)
        self._settings = settings
        self.setObjectName("toolbar_training")
        self.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.setMovable(False)
        style = self.style()
        icons = (style.StandardPixmap.SP_MediaPlay, style.StandardPixmap.SP_MediaSeekForward,
                 style.StandardPixmap.SP_MediaSkipForward, style.StandardPixmap.SP_BrowserReload)
        for action, icon in zip(actions, icons, strict=True):
            action.setIcon(style.standardIcon(icon))
        self.addActions(actions)
        self.addSeparator()

        self.addWidget(QLabel(self.tr("Speed") + " "))
        self.speed_slider = QSlider(Qt.Horizontal)
        self.speed_slider.setRange(0, len(SPEEDS) - 1)
        self.speed_slider.setFixedWidth(110)
        self.addWidget(self.speed_slider)
        self.speed_label = QLabel()
        widest = max((self._speed_text(speed) for speed in SPEEDS), key=self.speed_label.fontMetrics().horizontalAdvance)
        self.speed_label.setMinimumWidth(self.speed_label.fontMetrics().horizontalAdvance(widest) + 6)
        self.addWidget(self.speed_label)
        self._pace_source = ""  # the title of the preset whose pace the speed is, "" once the learner sets it
        self._setting_pace = False  # True while a preset moves the slider
        self._show_speed_tip()
        self.addSeparator()

        self.addWidget(QLabel(self.tr("Learning rate") + " "))
        self.lr_box = QDoubleSpinBox()
        self.lr_box.setDecimals(5)
        self.lr_box.setRange(0.00001, 10.0)
        self.lr_box.setStepType(QDoubleSpinBox.AdaptiveDecimalStepType)
        self.lr_box.setKeyboardTracking(False)
        self.lr_box.setToolTip(
            self.tr("How big each update is. Change it while training: too small crawls, too large diverges.")
        )
        self.addWidget(self.lr_box)
        self.speed_slider.valueChanged.connect(self._on_speed_slider_value_changed)
        self.lr_box.valueChanged.connect(self._on_lr_box_value_changed)

    def restore_speed(self) -> None:
        """The speed of the last launch (the fastest the first time), reported as chosen."""
        position = int(self._settings.value("speed", len(SPEEDS) - 1))
        self.speed_slider.setValue(max(0, min(position, len(SPEEDS) - 1)))
        self._on_speed_slider_value_changed(self.speed_slider.value())

    def set_pace(self, steps_per_second: float | None, source: str) -> None:
        """Train at ``steps_per_second`` (one of SPEEDS; None = max), the pace of ``source`` (a preset's title)."""
        self._setting_pace = True
        try:
            self.speed_slider.setValue(SPEEDS.index(steps_per_second))
        finally:
            self._setting_pace = False
        self._pace_source = source
        self._show_speed_tip()

    def show_lr(self, lr: float) -> None:
        """The design's learning rate, without reporting it as chosen."""
        if self.lr_box.value() != lr:
            blocked = self.lr_box.blockSignals(True)
            self.lr_box.setValue(lr)
            self.lr_box.blockSignals(blocked)

    def _on_speed_slider_value_changed(self, position: int) -> None:
        speed = SPEEDS[position]
        self.speed_label.setText(self._speed_text(speed))
        if not self._setting_pace:  # the learner's own speed is remembered; a preset's pace is not
            self._pace_source = ""
            self._settings.setValue("speed", position)
        self._show_speed_tip()
        self.speed_chosen.emit(speed)

    def _on_lr_box_value_changed(self, value: float) -> None:
        if value > 0:
            self.lr_chosen.emit(value)

    def _speed_text(self, speed: float | None) -> str:
        return self.tr("max") if speed is None else self.tr("{0} steps/s").format(f"{speed:,.0f}")

    def _show_speed_tip(self) -> None:
        tip = self.tr("Training speed in steps per second (one step = one batch: forward pass, backward pass, "
                      "update). Slow it down to watch each step, or let it run as fast as it can (max).")
        if self._pace_source:
            tip += "\n\n" + self.tr("“{0}” opens at {1}: slow enough to watch its effect unfold over tens of "
                                     "seconds. Move the slider to change it.").format(
                self._pace_source, self._speed_text(SPEEDS[self.speed_slider.value()]))
        self.speed_slider.setToolTip(tip)
        self.speed_label.setToolTip(tip)
