"""The Training panel: loss, optimizer and its hyperparameters, batches and epochs,
regularization, device and seed.

The panel keeps no copy of the design; it redraws from ``document.design`` and
edits through ``document.apply``. The learning rate is a live edit (merge key
``optimizer.lr``): the window passes it to a running run without a reset.
Device availability needs torch, so the window hands it over later through
``set_device_availability``; until then every device is offered.
"""

from __future__ import annotations


from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from playground.design import registry, rules
from playground.design.schema import MAX_SAMPLES, Design, check_design, problems_from_validation

from playground.data.facts import data_facts
from playground.ui.messages import problem_text
from playground.ui.widgets.controls import MessageLabel, blocked, guard_wheel
from playground.ui.messages import device_reason
from playground.ui.labels import loss_description, loss_label, optimizer_description, optimizer_label, task_label, tr_label
from playground.ui.widgets.hyperparameter_rows import HyperparameterRows
from playground.ui.widgets.log_spin_box import LogSpinBox


class TrainingPanel(QWidget):
    """Edits ``design.loss``, ``design.optimizer`` and ``design.training`` of a DesignDocument."""

    def __init__(self, document, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self._unavailable: dict[str, str] = {}
        self._switch_note: tuple[str, Design | None] = ("", None)  # said while the design is the one it explains
        self._build()
        document.changed.connect(self._on_document_changed)
        self._refresh()

    # -- construction -----------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.message = MessageLabel()
        layout.addWidget(self.message)
        layout.addWidget(self._build_loss())
        layout.addWidget(self._build_optimizer())
        layout.addWidget(self._build_batches())
        layout.addWidget(self._build_regularization())
        layout.addWidget(self._build_run())
        layout.addStretch(1)
        self._align_labels()
        guard_wheel(*self.findChildren(QComboBox), *self.findChildren(QDoubleSpinBox), *self.findChildren(QSpinBox))

    def _align_labels(self) -> None:
        """One label width for all groups, so their fields line up."""
        labels = []
        for form in self.findChildren(QFormLayout):
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.LabelRole)
                if item is not None and item.widget() is not None:
                    labels.append(item.widget())
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    def _form(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        return box, form

    def _combo(self, items: dict[str, str], tips: dict[str, str], slot) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        for i, (name, label) in enumerate(items.items()):
            combo.addItem(label, name)
            combo.setItemData(i, tips[name], Qt.ToolTipRole)
        combo.activated.connect(lambda i: slot(combo.itemData(i)))
        return combo

    def _build_loss(self) -> QGroupBox:
        box, form = self._form(self.tr("Loss"))
        labels = {name: loss_label(name) for name in registry.LOSSES}
        self.loss_combo = self._combo(labels, {name: loss_description(name) for name in labels}, self._on_loss_chosen)
        self.loss_combo.setToolTip(self.tr(
            "The loss function measures how far the predictions are from the answers; "
            "training moves the weights to make it smaller."))
        form.addRow(self.tr("Loss"), self.loss_combo)
        return box

    def _build_optimizer(self) -> QGroupBox:
        box, self.optimizer_form = self._form(self.tr("Optimizer"))
        labels = {name: optimizer_label(name) for name in registry.OPTIMIZERS}
        tips = {name: optimizer_description(name) for name in labels}
        self.optimizer_combo = self._combo(labels, tips, self._on_optimizer_chosen)
        self.optimizer_combo.setToolTip(self.tr(
            "How the gradients turn into weight updates. Switching keeps the learning rate when it suits the new "
            "optimizer (else it sets the usual one and says so) and sets its other usual hyperparameters."))
        self.optimizer_form.addRow(self.tr("Optimizer"), self.optimizer_combo)
        self._hyper_rows = HyperparameterRows(self.optimizer_form, self)
        self._hyper_rows.value_edited.connect(self._on_hyper_rows_value_edited)
        self.hyper = self._hyper_rows.widgets
        return box

    def _build_batches(self) -> QGroupBox:
        box, self.batch_form = self._form(self.tr("Batches and epochs"))
        tips = {
            "full": self.tr("Full batch (batch gradient descent): every step uses all training points. "
                            "Smooth and stable, but one step per epoch, and it can settle in a local minimum."),
            "stochastic": self.tr("Stochastic: every step uses one random point. Many quick, noisy steps; the noise "
                                  "can shake the weights out of a poor minimum."),
            "minibatch": self.tr("Mini-batch: every step uses a batch of k random points, the usual middle way: "
                                 "less noisy than one point, many steps per epoch, and fast on a GPU."),
        }
        labels = {"full": self.tr("Full batch"), "stochastic": self.tr("Stochastic (1 point)"),
                  "minibatch": self.tr("Mini-batch")}
        self.batch_combo = self._combo(labels, tips, self.set_batch_mode)
        self.batch_combo.setToolTip(self.tr("How many training points each gradient step uses."))
        self.batch_form.addRow(self.tr("Batch mode"), self.batch_combo)
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, MAX_SAMPLES)
        self.batch_spin.setKeyboardTracking(False)
        self.batch_spin.setToolTip(self.tr(
            "Points per mini-batch. Larger batches give smoother but fewer steps per epoch."))
        self.batch_spin.valueChanged.connect(self.set_batch_size)
        self.batch_form.addRow(self.tr("Batch size"), self.batch_spin)
        self.epochs_spin = QSpinBox()
        self.epochs_spin.setRange(1, 1_000_000)
        self.epochs_spin.setKeyboardTracking(False)
        self.epochs_spin.setToolTip(self.tr(
            "An epoch is one pass over all training points. Training stops after this many epochs."))
        self.epochs_spin.valueChanged.connect(self.set_epochs)
        self.batch_form.addRow(self.tr("Epochs limit"), self.epochs_spin)
        self.epoch_hint = QLabel()
        self.epoch_hint.setWordWrap(True)
        self.epoch_hint.setToolTip(self.epochs_spin.toolTip())
        self.batch_form.addRow(self.epoch_hint)
        return box

    def _build_regularization(self) -> QGroupBox:
        box, self.regularization_form = self._form(self.tr("Regularization"))
        tips = {
            "none": self.tr("No penalty on the weights."),
            "l1": self.tr("L1: adds rate × the sum of |w| to the loss. It pushes unhelpful weights to exactly 0, "
                          "leaving a sparse network."),
            "l2": self.tr("L2: adds rate × the sum of w² / 2 to the loss. It keeps all weights small, "
                          "which smooths the boundary and fights overfitting."),
        }
        labels = {name: tr_label(label) for name, label in registry.REGULARIZATIONS.items()}
        self.regularization_combo = self._combo(labels, tips, self.set_regularization)
        self.regularization_combo.setToolTip(self.tr(
            "A penalty on large weights, added to the loss, so the network prefers simpler solutions."))
        self.regularization_form.addRow(self.tr("Penalty"), self.regularization_combo)
        self.rate_spin = LogSpinBox(0.0, 1.0, floor=1e-5)
        self.rate_spin.setToolTip(self.tr(
            "How strongly the penalty counts against the data loss. Too large and the network stays too simple."))
        self.rate_spin.valueChanged.connect(self._on_rate_spin_value_changed)
        self.regularization_form.addRow(self.tr("Rate"), self.rate_spin)
        return box

    def _build_run(self) -> QGroupBox:
        box, form = self._form(self.tr("Device and seed"))
        tips = {
            "auto": self.tr("The fastest device present: an NVIDIA GPU (CUDA), then an Apple GPU (MPS), else the CPU."),
            "cpu": self.tr("The processor. For the small networks here it is often the fastest."),
            "cuda": self.tr("An NVIDIA graphics card through CUDA."),
            "mps": self.tr("An Apple silicon GPU through Metal (MPS)."),
        }
        self._device_tips = tips
        labels = {name: tr_label(label) for name, label in registry.DEVICES.items()}
        self.device_combo = self._combo(labels, tips, self.set_device)
        self.device_combo.setToolTip(self.tr(
            "Where the tensors live and the arithmetic runs. A GPU pays off for big networks and batches."))
        form.addRow(self.tr("Device"), self.device_combo)
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2**31 - 1)
        self.seed_spin.setKeyboardTracking(False)
        self.seed_spin.setToolTip(self.tr(
            "Fixes the random starting weights, the shuffling of points and dropout: the same seed "
            "trains the same way again. Change it to see how much the start matters."))
        self.seed_spin.valueChanged.connect(self.set_seed)
        form.addRow(self.tr("Training seed"), self.seed_spin)
        return box

    # -- redraw -------------------------------------------------------------------------
    def _on_document_changed(self, new: Design, old: Design) -> None:
        self._refresh()

    def _refresh(self) -> None:
        design = self.document.design
        facts = data_facts(design.data)
        self._show_losses(design, facts.task)
        self._show_optimizer(design)
        self._show_training(design, facts.n_train)
        self._show_message(design)

    def _show_losses(self, design: Design, task: str) -> None:
        model: QStandardItemModel = self.loss_combo.model()
        for i, name in enumerate(registry.LOSSES):
            fits = rules.loss_fits(name, task)
            model.item(i).setEnabled(fits)
            tip = loss_description(name)
            if not fits:
                tip = self.tr("{0} does not fit {1} data. {2}").format(
                    loss_label(name), task_label(task), tip)
            self.loss_combo.setItemData(i, tip, Qt.ToolTipRole)
        with blocked(self.loss_combo):
            self.loss_combo.setCurrentIndex(self.loss_combo.findData(design.loss))

    def _show_optimizer(self, design: Design) -> None:
        with blocked(self.optimizer_combo):
            self.optimizer_combo.setCurrentIndex(self.optimizer_combo.findData(design.optimizer.name))
        self._hyper_rows.show(design.optimizer)

    def _show_training(self, design: Design, n_train: int | None) -> None:
        t = design.training
        widgets = (self.batch_combo, self.batch_spin, self.epochs_spin, self.regularization_combo,
                   self.rate_spin, self.device_combo, self.seed_spin)
        with blocked(*widgets):
            self.batch_combo.setCurrentIndex(self.batch_combo.findData(t.batch_mode))
            self.batch_spin.setValue(t.batch_size)
            self.epochs_spin.setValue(t.epochs)
            self.regularization_combo.setCurrentIndex(self.regularization_combo.findData(t.regularization))
            self.rate_spin.setValue(t.regularization_rate)
            self.device_combo.setCurrentIndex(self.device_combo.findData(t.device))
            self.seed_spin.setValue(t.seed)
        self.batch_form.setRowVisible(self.batch_spin, t.batch_mode == "minibatch")
        self.regularization_form.setRowVisible(self.rate_spin, t.regularization != "none")
        self.epoch_hint.setText(self._epoch_text(design, n_train))
        self.epoch_hint.setVisible(bool(self.epoch_hint.text()))

    def _epoch_text(self, design: Design, n_train: int | None) -> str:
        if not n_train:
            return ""
        mode, size = design.training.batch_mode, design.training.batch_size
        if mode == "full" or (mode == "minibatch" and size >= n_train):
            text = self.tr("One epoch is one step on all {0} training points.").format(n_train)
            if mode == "minibatch":
                text = self.tr("The batch holds the whole training set: the same as full batch. {0}").format(text)
            return text
        if mode == "stochastic" or size == 1:
            return self.tr("One epoch is {0} steps of one point each.").format(n_train)
        steps = rules.steps_per_epoch(n_train, size, design.has_batchnorm)
        return self.tr("One epoch is {0} steps of {1} points ({2} training points).").format(steps, size, n_train)

    def _show_message(self, design: Design) -> None:
        sections = ("loss", "optimizer.", "training.")
        problems = [problem_text(p) for p in check_design(design) if p.field.startswith(sections)]
        notes = []
        note, explained = self._switch_note
        if note and explained == design:
            notes.append(note)
        reason = self._unavailable.get(design.training.device)
        if reason:
            notes.append(self.tr("{0} is not available here: {1} Training runs on the CPU.").format(
                tr_label(registry.DEVICES[design.training.device]), reason))
        self.message.show_messages(problems, notes)

    # -- edits ---------------------------------------------------------------------------
    def _apply(self, make, text: str, merge_key: str = "") -> None:
        """Apply ``make()``'s design; a value out of range is shown, not raised."""
        try:
            design = make()
        except ValidationError as error:
            self._refresh()
            self.message.show_messages([problem_text(p) for p in problems_from_validation(error)])
            return
        self.document.apply(design, text, merge_key)

    def _edit_optimizer(self, text: str, merge_key: str, **changes) -> None:
        self._apply(lambda: self.document.design.with_optimizer(**changes), text, merge_key)

    def _edit_training(self, text: str, merge_key: str = "", **changes) -> None:
        self._apply(lambda: self.document.design.with_training(**changes), text, merge_key)

    def _on_loss_chosen(self, name: str) -> None:
        self._apply(lambda: self.document.design.with_(loss=name), self.tr("Change loss"))

    def _on_optimizer_chosen(self, name: str) -> None:
        lr = self.document.design.optimizer.lr
        changes = registry.switched_optimizer(name, lr)
        note = ""
        if changes["lr"] != lr:
            low, high = registry.OPTIMIZERS[name].lr_range
            note = self.tr("Learning rate set to {0}, the usual one for {1}: {2} is outside its usual range "
                           "({3} to {4}).").format(f"{changes['lr']:g}", optimizer_label(name), f"{lr:g}",
                                                   f"{low:g}", f"{high:g}")
        self._switch_note = (note, None)
        self._edit_optimizer(self.tr("Change optimizer"), "", name=name, **changes)
        if note:
            self._switch_note = (note, self.document.design)
            self._show_message(self.document.design)

    def _on_hyper_rows_value_edited(self, name: str, value: float | bool) -> None:
        label = self._hyper_rows.labels[name]
        if isinstance(value, bool):  # a check box: one edit each, nothing to merge
            self._edit_optimizer(self.tr("Change {0}").format(label), "", **{name: value})
            return
        self._edit_optimizer(self.tr("Change {0}").format(label.lower()), f"optimizer.{name}", **{name: value})

    def _on_rate_spin_value_changed(self, value: float) -> None:
        self._edit_training(self.tr("Change regularization rate"), "training.regularization_rate",
                            regularization_rate=value)

    # -- public, also for tests: each acts as the user would -------------------------------
    def set_loss(self, name: str) -> None:
        """Choose loss ``name``; ValueError if the combo offers it disabled (it does not fit the data)."""
        index = self.loss_combo.findData(name)
        if not self.loss_combo.model().item(index).isEnabled():
            raise ValueError(self.loss_combo.itemData(index, Qt.ToolTipRole))
        self.loss_combo.setCurrentIndex(index)
        self._on_loss_chosen(name)

    def loss_enabled(self, name: str) -> bool:
        return self.loss_combo.model().item(self.loss_combo.findData(name)).isEnabled()

    def set_optimizer(self, name: str) -> None:
        """Choose optimizer ``name`` with its usual hyperparameters (registry.switched_optimizer): the
        learning rate stays unless it is outside the new optimizer's range, which a note then says."""
        self.optimizer_combo.setCurrentIndex(self.optimizer_combo.findData(name))
        self._on_optimizer_chosen(name)

    def visible_hyperparameters(self) -> list[str]:
        """Design field names of the hyperparameter rows shown, in order."""
        return [name for name, widget in self.hyper.items() if widget.isVisibleTo(self)]

    def set_hyperparameter(self, name: str, value) -> None:
        widget = self.hyper[name]
        if isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        else:
            widget.setValue(value)

    def set_lr(self, value: float) -> None:
        self.hyper["lr"].setValue(value)

    def set_batch_mode(self, mode: str) -> None:
        self.batch_combo.setCurrentIndex(self.batch_combo.findData(mode))
        self._edit_training(self.tr("Change batch mode"), batch_mode=mode)

    def set_batch_size(self, n: int) -> None:
        if self.batch_spin.value() != n:
            self.batch_spin.setValue(n)  # emits valueChanged, which comes back here
            return
        self._edit_training(self.tr("Change batch size"), "training.batch_size", batch_size=n)

    def set_epochs(self, n: int) -> None:
        if self.epochs_spin.value() != n:
            self.epochs_spin.setValue(n)
            return
        self._edit_training(self.tr("Change epochs limit"), "training.epochs", epochs=n)

    def set_regularization(self, kind: str) -> None:
        """Choose "none", "l1" or "l2"; turning a penalty on with rate 0 starts it at 0.001."""
        rate = self.document.design.training.regularization_rate
        changes = {"regularization": kind}
        if kind != "none" and rate == 0:
            changes["regularization_rate"] = 0.001
        self._edit_training(self.tr("Change regularization"), **changes)

    def set_regularization_rate(self, value: float) -> None:
        self.rate_spin.setValue(value)

    def set_device(self, name: str) -> None:
        self._edit_training(self.tr("Change device"), device=name)

    def set_seed(self, n: int) -> None:
        if self.seed_spin.value() != n:
            self.seed_spin.setValue(n)
            return
        self._edit_training(self.tr("Change training seed"), "training.seed", seed=n)

    def set_device_availability(self, reasons: dict[str, str]) -> None:
        """Grey out the devices named in ``reasons`` (device -> why not), as from
        ``playground.nn.devices.unavailable_reasons()``; the reason becomes the tooltip."""
        self._unavailable = dict(reasons)
        model: QStandardItemModel = self.device_combo.model()
        for i, name in enumerate(registry.DEVICES):
            reason = self._unavailable.get(name, "")
            model.item(i).setEnabled(not reason)
            reason = device_reason(name, reason) if reason else ""
            tip = self.tr("Not available: {0}").format(reason) if reason else self._device_tips[name]
            self.device_combo.setItemData(i, tip, Qt.ToolTipRole)
        self._refresh()

    def device_enabled(self, name: str) -> bool:
        return self.device_combo.model().item(self.device_combo.findData(name)).isEnabled()

    def device_tooltip(self, name: str) -> str:
        return self.device_combo.itemData(self.device_combo.findData(name), Qt.ToolTipRole)

    def message_text(self) -> str:
        return self.message.plain_text() if self.message.isVisibleTo(self) else ""


if __name__ == "__main__":
    import sys

    from playground.ui.widgets.preview import preview_panel

    sys.exit(preview_panel(TrainingPanel, 320, 760))
