"""The window process never loads torch: it lives in the training process only."""

import os
import subprocess
import sys

SCRIPT = """
import sys, time
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from playground.ui.main_window import MainWindow

def main():
    app = QApplication([])
    folder = sys.argv[1]  # the test's own temporary folder
    window = MainWindow(QSettings(folder + "/s.ini", QSettings.IniFormat), data_dir=folder + "/data")
    window.show()
    deadline = time.time() + 90
    while not (window.views and window.controller.state == "paused") and time.time() < deadline:
        app.processEvents(); time.sleep(0.01)
    window.controller.play()
    while (window.loss_plot.curve_data("train_steps")[0].size < 200) and time.time() < deadline:
        app.processEvents(); time.sleep(0.01)
    trained = window.loss_plot.curve_data("train_steps")[0].size
    window.close()
    print("trained", trained, "torch", "torch" in sys.modules, "pyqtgraph", "pyqtgraph" in sys.modules)

if __name__ == "__main__":
    main()
"""


def test_the_window_trains_without_importing_torch(tmp_path):
    script = tmp_path / "window.py"
    script.write_text(SCRIPT)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True, text=True, timeout=180,
                         env=env).stdout
    words = out.split()
    assert "trained" in words, out
    assert int(words[words.index("trained") + 1]) >= 200
    assert words[words.index("torch") + 1] == "False"
    assert words[words.index("pyqtgraph") + 1] == "True"


def test_the_garbage_collector_is_settled_once_when_the_window_is_built(monkeypatch):
    """Everything alive once the window is built is frozen out of full collections, once."""
    import gc

    from playground.ui import app as app_module

    events = []

    class Window:
        def __init__(self):
            self.file_actions = self

        def show(self):
            events.append("shown")

        def recover_autosave(self):
            return True

    class App:
        def exec(self):
            events.append("event loop")
            return 0

    monkeypatch.setattr("playground.ui.platform_check.check_display", lambda: "")
    monkeypatch.setattr(app_module, "create_application", lambda argv: (App(), None))
    monkeypatch.setattr(app_module, "create_window", lambda app, settings: Window())
    monkeypatch.setattr(app_module.sys, "setswitchinterval", lambda interval: None)
    freezes = []
    monkeypatch.setattr(gc, "freeze", lambda: freezes.append(len(events)))
    assert app_module.main([]) == 0
    assert freezes == [1]  # once: after the window was shown, before the event loop
    assert events == ["shown", "event loop"]
