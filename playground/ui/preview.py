"""Preview one dashboard view alone, fed by a real run in the training process:
``python -m playground.ui.preview loss_plot`` (or output, network, gradient, batchnorm).

Here rather than in the views: the preview plays the window's part (it drives a
TrainingController), and views do not import the controller.
"""

from __future__ import annotations

import sys
from typing import Callable

from PySide6.QtWidgets import QApplication, QWidget

from playground.design.schema import BatchNormLayer, Design, LinearLayer


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


def _spiral(*units: int) -> Design:
    design = Design(layers=tuple(LinearLayer(units=u) for u in units))
    design = design.with_data(dataset="spiral", features=("x1", "x2", "x1_sq", "x2_sq", "sin_x1", "sin_x2"))
    return design.with_optimizer(name="adam", lr=0.01)


def _deep_sigmoid() -> Design:
    """Eight sigmoid layers: the textbook case of vanishing gradients."""
    return Design(layers=tuple(LinearLayer(units=8, activation="sigmoid") for _ in range(8)))


def _with_batchnorm() -> Design:
    """Four Linear -> BatchNorm -> ReLU blocks: flat, well-scaled pre-activations."""
    layers = []
    for _ in range(4):
        layers += [LinearLayer(units=8, activation="linear"), BatchNormLayer(activation="relu")]
    return Design(layers=tuple(layers))


PREVIEWS = {  # name -> (module, class, design, title)
    "output": ("boundary_view", "OutputView", lambda: _spiral(8, 8, 4), "Output"),
    "network": ("network_view", "NetworkView", lambda: _spiral(8, 8, 8, 8, 8, 8), "Network"),
    "loss": ("loss_plot", "LossPlot", Design, "Loss"),
    "gradient": ("gradient_plot", "GradientPlot", _deep_sigmoid, "Gradient flow"),
    "batchnorm": ("batchnorm_plot", "BatchNormPlot", _with_batchnorm, "Batch normalization"),
}


def main(argv: list[str]) -> int:
    import importlib

    name = argv[0] if len(argv) == 1 else ""
    entry = PREVIEWS.get(name) or next((e for e in PREVIEWS.values() if e[0] == name), None)
    if entry is None:
        print(f"usage: python -m playground.ui.preview {{{','.join(PREVIEWS)}}}", file=sys.stderr)
        return 2
    module, cls, design, title = entry
    view_class = getattr(importlib.import_module(f"playground.ui.views.{module}"), cls)
    return preview(view_class, design(), title=title)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
