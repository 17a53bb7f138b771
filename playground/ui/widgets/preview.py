"""Preview one dashboard view alone, fed by a real run: ``python -m playground.ui.views.loss_plot``.

Every view module ends with ``if __name__ == "__main__": preview(ViewClass)``.
"""

from __future__ import annotations

import sys
from typing import Callable

from PySide6.QtWidgets import QApplication, QWidget

from playground.design.schema import Design


def preview(make_view: Callable[[], QWidget], design: Design | None = None, *, title: str = "") -> int:
    """Show the view in a window and train ``design`` (default: the circle problem) into it."""
    from playground.ui.theme import apply_palette, resolve
    from playground.ui.training_controller import TrainingController

    app = QApplication.instance() or QApplication(sys.argv)
    theme = resolve("system")
    apply_palette(app, theme)
    view = make_view()
    if hasattr(view, "set_theme"):
        view.set_theme(theme)
    view.setWindowTitle(title or type(view).__name__)
    view.resize(640, 420)
    controller = TrainingController()
    controller.run_ready.connect(view.start_run)

    def draw(snapshot) -> None:
        view.show_snapshot(snapshot)
        controller.snapshot_drawn()

    controller.snapshot_ready.connect(draw)
    app.aboutToQuit.connect(controller.shutdown)
    controller.restart(design or Design(), running=True)
    view.show()
    return app.exec()


def preview_panel(make_panel: Callable[[object], QWidget], width: int = 320, height: int = 700) -> int:
    """Show an editing panel alone on a default design: ``python -m playground.ui.panels.data_panel``."""
    from playground.ui.document import DesignDocument
    from playground.ui.theme import apply_palette, resolve

    app = QApplication.instance() or QApplication(sys.argv)
    apply_palette(app, resolve("system"))
    panel = make_panel(DesignDocument())
    panel.resize(width, height)
    panel.show()
    return app.exec()
