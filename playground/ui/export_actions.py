"""File > Export: the design as a standalone PyTorch script or a Jupyter notebook (with the
run's weights beside it), the run's metrics as CSV, a dashboard as PNG or SVG.

The metrics come from the controller's run history (playground.runs.history.LiveHistory),
not from the plots, so they export whatever the dashboards show (or before any was drawn).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from playground.errors import PlaygroundError

from playground.ui.document import DesignDocument
from playground.ui.i18n import file_dialog_options


class ExportActions(QObject):
    """The exports of ``document`` and of ``controller``'s current run; dialogs open over ``parent``.

    ``suggested_path(ending)`` is where a save dialog starts; ``name()`` the design's name
    (an SVG's title); ``show_problems(title, error)`` explains a PlaygroundError;
    ``show_message(text)`` says briefly what was written; ``language`` is the notebook's.
    """

    def __init__(self, parent: QWidget, document: DesignDocument, controller, *,
                 suggested_path: Callable[[str], str], name: Callable[[], str],
                 show_problems: Callable[[str, PlaygroundError], None], show_message: Callable[[str], None],
                 language: str = "en"):
        super().__init__(parent)
        self._parent = parent
        self._language = language
        self._document = document
        self._controller = controller
        self._suggested_path = suggested_path
        self._name = name
        self._show_problems = show_problems
        self._show_message = show_message

    def export_script(self) -> None:
        from playground.export.script import write_script

        name, _ = QFileDialog.getSaveFileName(self._parent, self.tr("Export as PyTorch Script"),
                                              self._suggested_path(".py"), "Python (*.py)",
                                              options=file_dialog_options())
        if not name:
            return
        try:
            write_script(self._document.design, name)
        except PlaygroundError as error:
            self._show_problems(self.tr("The script could not be written"), error)
            return
        self._show_message(self.tr("Exported {0}").format(Path(name).name))

    def export_notebook(self) -> None:
        """A notebook in the interface language; when the run has trained, its weights beside it
        (written by the training process, as Save with Weights writes them), for the notebook to
        continue from."""
        from playground.export.notebook import weights_beside, write_notebook

        name, _ = QFileDialog.getSaveFileName(self._parent, self.tr("Export as Jupyter Notebook"),
                                              self._suggested_path(".ipynb"), self.tr("Jupyter Notebook (*.ipynb)"),
                                              options=file_dialog_options())
        if not name:
            return
        weights = weights_beside(name) if self._has_trained() else None
        try:
            write_notebook(self._document.design, name, self._language, weights)
        except PlaygroundError as error:
            self._show_problems(self.tr("The notebook could not be written"), error)
            return
        if weights is not None:  # weights_saved says how it went (File > Save with Weights' message)
            self._controller.save_weights(str(weights), self._document.design)
        self._show_message(self.tr("Exported {0}").format(Path(name).name))

    def _has_trained(self) -> bool:
        """Whether the current run has weights worth continuing: it took a step and did not diverge."""
        return self._controller.state in ("paused", "running", "finished") and len(self._controller.history.losses) > 0

    def export_metrics(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self._parent, self.tr("Export Metrics"),
                                              self._suggested_path("-metrics.csv"), "CSV (*.csv)",
                                              options=file_dialog_options())
        if name:
            self.write_metrics(Path(name))

    def write_metrics(self, path: Path) -> bool:
        """The current run's metrics (LiveHistory.metrics_csv) to ``path``; False (explained) if it cannot be written."""
        from playground.files import atomic_write_text

        try:
            atomic_write_text(path, self._controller.history.metrics_csv())
        except OSError as error:
            QMessageBox.warning(self._parent, self.tr("The metrics could not be written"),
                                f"{path}: {error.strerror or error}")
            return False
        self._show_message(self.tr("Exported {0}").format(path.name))
        return True

    def export_plot(self, title: str, widget: QWidget) -> None:
        name, chosen = QFileDialog.getSaveFileName(self._parent, self.tr("Export Plot"),
                                                   self._suggested_path(f"-{title}.png"),
                                                   "PNG (*.png);;SVG (*.svg)", options=file_dialog_options())
        if name:
            if not Path(name).suffix:
                name += ".svg" if "svg" in chosen.lower() else ".png"
            self.write_plot(widget, Path(name))

    def write_plot(self, widget: QWidget, path: Path) -> bool:
        """Save ``widget`` as it looks now: PNG pixels or SVG vectors (by the file's suffix)."""
        if path.suffix.lower() == ".svg":
            from PySide6.QtCore import QPoint, QRect
            from PySide6.QtGui import QPainter
            from PySide6.QtSvg import QSvgGenerator

            generator = QSvgGenerator()
            generator.setFileName(str(path))
            generator.setSize(widget.size())
            generator.setViewBox(QRect(0, 0, widget.width(), widget.height()))
            generator.setTitle(self._name())
            painter = QPainter(generator)
            try:
                widget.render(painter, QPoint(0, 0))
            finally:
                ok = painter.end()
        else:
            ok = widget.grab().save(str(path))
        if not ok:
            QMessageBox.warning(self._parent, self.tr("The plot could not be written"), str(path))
        return ok
