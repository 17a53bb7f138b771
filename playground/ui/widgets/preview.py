"""Preview one editing panel alone: ``python -m playground.ui.panels.data_panel``.

(A dashboard view is previewed with ``python -m playground.ui.preview``.)
"""

from __future__ import annotations

import sys
from typing import Callable

from PySide6.QtWidgets import QApplication, QWidget



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
