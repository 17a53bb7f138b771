"""What the window says about the run: the status bar's labels and the banner above the output.

The status bar shows the run's state, epoch, step, speed, device, step mode, losses and
accuracy; the banner shows one message at a time (a notice, a warning, an error, the end
of a run) in the theme's colour for its kind.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from playground.ui.messages import problem_text, step_mode_text
from playground.ui.theme import Theme, resolve
from playground.ui.widgets.elided_label import ElidedLabel

ENDED = ("finished", "stopped", "diverged", "error")  # run states in which no step runs any more
RUN_KEYS = ("epoch", "step", "speed", "mode", "loss", "accuracy")  # the labels that describe one run


class RunStatusBar(QStatusBar):
    """The run's numbers, one label each (``labels``, by key); brief messages show on the left."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.labels: dict[str, ElidedLabel] = {}
        self._tips = tips = {
            "state": self.tr("What the run is doing."),
            "epoch": self.tr("Epochs: complete passes over the training data."),
            "step": self.tr("Steps: optimizer updates, one per batch."),
            "speed": self.tr("Training steps per second."),
            "device": self.tr("Where the tensors live and the maths runs (CPU or GPU)."),
            "mode": "",
            "loss": self.tr("Loss on the training and test data (lower is better)."),
            "accuracy": self.tr("Share of test points classified correctly."),
        }
        for key, tip in tips.items():
            # Without room for every text (a narrow window, a wide font), the run's speed,
            # device and step mode give way first, cut short with "…" (in full in their tooltip).
            label = ElidedLabel(keep="…" if key in ("speed", "device", "mode") else None)
            label.setToolTip(tip)
            label.setContentsMargins(6, 0, 6, 0)
            self.addPermanentWidget(label)
            self.labels[key] = label
        self.show_step_mode(None)

    def show_state(self, state: str) -> None:
        """The run's state in words; a rate or a step mode only while steps run."""
        names = {
            "loading": self.tr("Preparing…"), "paused": self.tr("Paused"), "running": self.tr("Training", "run state"),
            "finished": self.tr("Finished"), "stopped": self.tr("Stopped"), "diverged": self.tr("Diverged"),
            "error": self.tr("Error"),
        }
        self.labels["state"].setText(names.get(state, state))
        if state != "running":  # a rate or a step mode would describe steps that no longer run
            self.labels["speed"].setText("")
        if state in ENDED:
            self.show_step_mode(None, ended=True)

    def show_snapshot(self, snapshot) -> None:
        """Epoch, step, speed, step mode, losses and accuracy of ``snapshot`` (a runs.messages.Snapshot)."""
        labels = self.labels
        labels["epoch"].setText(self.tr("Epoch {0}").format(f"{snapshot.epoch:,}"))
        self.show_step_mode(snapshot.step_mode, ended=snapshot.state in ENDED)
        labels["step"].setText(self.tr("Step {0}").format(f"{snapshot.step:,}"))
        running = snapshot.state == "running"  # a rate means nothing while paused or stopped
        labels["speed"].setText(self.tr("{0} steps/s").format(f"{snapshot.steps_per_second:,.0f}") if running else "")
        metrics = snapshot.metrics
        if metrics is None and snapshot.state == "diverged":  # the last evaluated losses are no longer true
            labels["loss"].setText(self.tr("Loss not finite"))
            labels["loss"].setToolTip(self.tr("The loss is no longer a finite number: the run diverged."))
            labels["accuracy"].setText("")
        if metrics is not None:
            note = self._sample_note(getattr(metrics, "sample", None))
            labels["loss"].setText(self.tr("Loss {0} / {1}").format(
                format_loss(metrics.train_loss), format_loss(metrics.test_loss)))
            labels["loss"].setToolTip(self.tr("Training loss {0}, test loss {1}.").format(
                format_loss(metrics.train_loss), format_loss(metrics.test_loss)) + note)
            labels["accuracy"].setToolTip(self._tips["accuracy"] + note)
            if metrics.test_accuracy is None:
                labels["accuracy"].setText("")
            else:
                labels["accuracy"].setText(self.tr("Accuracy {0} / {1}").format(
                    f"{metrics.train_accuracy:.1%}", f"{metrics.test_accuracy:.1%}"))

    def _sample_note(self, sample: tuple[int, int] | None) -> str:
        """What the loss and accuracy tooltips add when a fixed sample of a large data set
        stood for it (Metrics.sample); nothing when every point was evaluated."""
        if sample is None:
            return ""
        return "\n" + self.tr("While the run goes on, measured on a fixed sample of {0} training and {1} test "
                              "points spread over each set (large data sets); on every point once it ends.").format(
            f"{sample[0]:,}", f"{sample[1]:,}")

    def show_device(self, label: str) -> None:
        self.labels["device"].setText(label)

    def show_step_mode(self, mode, ended: bool = False) -> None:
        """The step mode (a probes.StepMode or None); nothing once the run has ended (no step runs any more)."""
        text, tip = ("", "") if ended else step_mode_text(mode)
        self.labels["mode"].setText(text)
        self.labels["mode"].setToolTip(tip)

    def clear_run(self) -> None:
        """No current run: the numbers that described the old one go."""
        for key in RUN_KEYS:
            self.labels[key].setText("")


class Banner(QLabel):
    """One message above the output, framed in the colour of its kind ("info", "warning",
    "error", "finished"); selectable, so that a learner can copy it into a question."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._theme = resolve("system")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.hide()

    def set_theme(self, theme: Theme) -> None:
        """The colours of the next message."""
        self._theme = theme

    def kind(self) -> str:
        """The kind of the message shown, "" when none is."""
        return self.property("kind") or ""

    def show_message(self, text: str, kind: str) -> None:
        theme = self._theme
        colour = {"error": theme.bad, "warning": theme.warning}.get(kind, theme.accent)
        self.setProperty("kind", kind)
        self.setStyleSheet(f"QLabel {{ border: 1px solid {colour}; border-left: 4px solid {colour}; padding: 6px; }}")
        self.setText(text)
        self.show()

    def show_problems(self, problems: list, kind: str) -> None:
        """Why the design on screen cannot train: each problem (playground.errors.Problem) by field."""
        lines = [problem_text(p) for p in problems]
        if len(lines) > 1:
            lines = [self.tr("This design cannot train as it stands:")] + ["• " + line for line in lines]
        self.show_message("\n".join(lines), kind)

    def show_finished(self, epochs: int) -> None:
        """The run reached its limit of ``epochs``, and how to go on."""
        text = (self.tr("Finished: the run reached its limit of 1 epoch. Raise the limit in the Training tab "
                        "or press Reset to train again.") if epochs == 1 else
                self.tr("Finished: the run reached its limit of {0} epochs. Raise the limit in the Training tab "
                        "or press Reset to train again.").format(f"{epochs:,}"))
        self.show_message(text, "finished")

    def hide_message(self) -> None:
        self.setProperty("kind", "")
        self.hide()


def format_loss(value: float) -> str:
    """A loss short enough for the status bar: four decimals, or powers of ten when huge or tiny."""
    if value != value:  # NaN
        return "–"
    return f"{value:.4f}" if 1e-3 <= abs(value) < 1e5 else f"{value:.2e}"  # 9.70e+35, not 36 digits
