"""pytest-qt setup: offscreen Qt, isolated settings, and no training thread left running."""

import os
import weakref

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

_controllers: "weakref.WeakSet" = weakref.WeakSet()


@pytest.fixture(autouse=True)
def _no_thread_left_running(monkeypatch):
    """Fail a test that leaves a training QThread running (it must be shut down)."""
    from playground.ui import training_controller

    original = training_controller.TrainingController.__init__

    def tracking_init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        _controllers.add(self)

    monkeypatch.setattr(training_controller.TrainingController, "__init__", tracking_init)
    yield
    running = [c for c in list(_controllers) if _is_running(c)]
    for controller in running:
        controller.shutdown()
    _controllers.clear()
    assert not running, "a test left a training thread or process running"


def _is_running(controller) -> bool:
    worker = controller._worker
    if worker is None:
        return False
    try:
        return worker.thread.isRunning() or worker.process.is_alive()
    except RuntimeError:  # the C++ object is already gone
        return worker.process.is_alive()


@pytest.fixture(autouse=True, scope="module")
def _one_torch_thread(one_torch_thread):
    """Window tests that train in this process do so on one thread, as the app's training process."""


@pytest.fixture(autouse=True)
def _no_blocking_questions(monkeypatch):
    """Offscreen, a modal question would wait forever: answer it (tests that care override this)."""
    from playground.ui import file_actions

    monkeypatch.setattr(file_actions.FileActions, "ask_save_changes", lambda self: "discard")
    monkeypatch.setattr(file_actions.FileActions, "ask_restore", lambda self, design: False)


@pytest.fixture
def settings(tmp_path):
    """A QSettings in a temporary file, so tests never touch the user's settings."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)


@pytest.fixture
def korean(qapp):
    """The Korean translations (ours and Qt's) for one test; English again afterwards."""
    from playground.ui.i18n import install_translators

    translators = install_translators(qapp, "ko")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    install_translators(qapp, "en")



@pytest.fixture
def window(qtbot, settings, tmp_path):
    """A main window (ui_window.open_window), closed afterwards without a "save changes?" question."""
    from ui_window import open_window

    window = open_window(qtbot, settings, tmp_path)
    yield window
    window.document.undo_stack.setClean()
    window.close()


@pytest.fixture
def sent(window, monkeypatch):
    """The commands the controller sends to the training process, in order."""
    commands = []
    original = window.controller._send

    def record(message):
        commands.append(message)
        original(message)

    monkeypatch.setattr(window.controller, "_send", record)
    return commands
