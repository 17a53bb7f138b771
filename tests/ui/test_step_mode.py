"""The compiled training step as the learner meets it: the status bar and the Training menu."""

from pathlib import Path

import pytest

from playground.nn.probes import StepMode
from playground.ui.main_window import MainWindow
from playground.ui.messages import step_mode_text

TIMEOUT = 30_000


def test_every_mode_and_reason_has_its_own_words():
    texts = {}
    for mode in [None, StepMode("compiling"), StepMode("compiled", seconds=3.25),
                 *(StepMode("eager", reason) for reason in ("off", "frozen", "no_compiler", "dropout", "device"))]:
        texts[mode] = step_mode_text(mode)
    failed = step_mode_text(StepMode("eager", "failed", "CompilationError: cc1plus missing"))
    assert [t for t, _ in texts.values()] == ["eager", "eager, compiling…", "compiled, ready", "eager",
                                              "eager: the packaged app does not compile the training step",
                                              "eager", "eager", "eager"]
    assert len({tip for _, tip in texts.values()}) == len(texts)  # every case explained differently
    assert "3.2 s" in texts[StepMode("compiled", seconds=3.25)][1]
    assert "cc1plus missing" in failed[1]


def test_the_packaged_app_says_in_words_that_it_does_not_compile(qtbot):
    """The packaged app (sys.frozen) has no C++ headers: the status bar says so, in both languages."""
    from types import SimpleNamespace

    from PySide6.QtWidgets import QApplication

    from playground.ui.i18n import install_translators
    from playground.ui.window.status import RunStatusBar

    bar = RunStatusBar()
    qtbot.addWidget(bar)
    snapshot = SimpleNamespace(epoch=1, step=25, steps_per_second=4000.0, state="running", metrics=None,
                               step_mode=StepMode("eager", "frozen"))
    bar.show_snapshot(snapshot)
    label = bar.labels["mode"]
    assert label.text() == "eager: the packaged app does not compile the training step"
    assert "C++ headers and a C++ compiler" in label.toolTip() and "several times faster" in label.toolTip()
    app = QApplication.instance()
    translators = install_translators(app, "ko")
    try:
        text, tip = step_mode_text(StepMode("eager", "frozen"))
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    assert text == "즉시 실행: 패키지된 앱은 학습 스텝을 컴파일하지 않습니다"
    assert "C++ 헤더" in tip and "컴파일러" in tip


def test_in_the_packaged_app_the_compiled_step_is_off_and_says_why(qtbot, settings, monkeypatch):
    from types import SimpleNamespace

    from PySide6.QtWidgets import QWidget

    from playground.ui.window import actions

    asked = []
    controller = SimpleNamespace(toggle=lambda: None, step_batch=lambda: None, step_epoch=lambda: None,
                                 set_compiled=asked.append)
    owner = QWidget()
    qtbot.addWidget(owner)
    settings.setValue("compiled_step", True)
    source = actions.TrainingActions(owner, controller, settings, reset=lambda: None)
    assert source.compiled.isEnabled() and source.compiled.isChecked() and asked == [True]

    monkeypatch.setattr(actions.sys, "frozen", True, raising=False)
    for stored in (True, False):  # whatever a source install left in the settings
        settings.setValue("compiled_step", stored)
        packaged = actions.TrainingActions(owner, controller, settings, reset=lambda: None)
        assert not packaged.compiled.isEnabled() and not packaged.compiled.isChecked()
        assert "packaged app" in packaged.compiled.toolTip()
        assert asked[-1] is True  # asked, so that the training process answers "frozen" for the status bar
    assert settings.value("compiled_step", type=bool) is False  # the user's own choice is left as it was


def test_the_status_bar_says_compiled_only_when_compiled_steps_ran(qtbot):
    from types import SimpleNamespace

    from playground.ui.window.status import RunStatusBar

    bar = RunStatusBar()
    qtbot.addWidget(bar)
    label = bar.labels["mode"]

    def show(**counts):
        mode = StepMode("compiled", seconds=31.0, call_steps=7, **counts)
        bar.show_snapshot(SimpleNamespace(epoch=3, step=240, steps_per_second=900.0, state="running",
                                          metrics=None, step_mode=mode))
        return label.text(), label.toolTip()

    text, tip = show(compiled_steps=70, eager_steps=10, eager_because="epoch_end")
    assert text == "compiled" and "70 of 80 steps ran compiled" in tip and "fewer than 7 equal batches" in tip
    text, tip = show(compiled_steps=0, eager_steps=12, eager_because="short_run")
    assert text == "eager: short runs" and "none of the 12 steps" in tip and "(7 steps)" in tip
    assert show(compiled_steps=0, eager_steps=1, eager_because="probe")[0] == "eager: dashboard steps"
    assert show(compiled_steps=0, eager_steps=3, eager_because="epoch_end")[0] == "eager: end of epoch"
    text, tip = show()  # paused: no step ran since the last update
    assert text == "compiled, ready" and "No step ran" in tip


def test_the_window_switches_to_the_compiled_step_and_back(qtbot, settings, tmp_path, monkeypatch):
    monkeypatch.delenv("NN_PLAYGROUND_EAGER")  # the training process inherits the environment at start
    window = MainWindow(settings, data_dir=tmp_path / "data")
    window.show()
    label = window.status_labels["mode"]
    try:
        qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)
        assert window.compiled_action.isChecked()
        # The first run waits paused; when compiling ends the paused view is refreshed.
        qtbot.waitUntil(lambda: label.text() == "compiled, ready", timeout=300_000)
        assert "Compiling took" in label.toolTip()
        window.controller.play()
        qtbot.waitUntil(lambda: window.controller.state == "running", timeout=TIMEOUT)
        qtbot.waitUntil(lambda: label.text() == "compiled", timeout=TIMEOUT)  # compiled steps ran

        window.compiled_action.trigger()  # off: eager at once, remembered for the next launch
        qtbot.waitUntil(lambda: label.text() == "eager", timeout=TIMEOUT)
        assert "turned off" in label.toolTip()
        assert settings.value("compiled_step") in (False, "false")
        window.controller.pause()
        qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)
        window.compiled_action.trigger()  # on again: already compiled, so straight back
        qtbot.waitUntil(lambda: label.text() == "compiled, ready", timeout=TIMEOUT)
    finally:
        window.document.undo_stack.setClean()
        window.close()


@pytest.mark.parametrize("stored", [False, "false"])
def test_a_turned_off_compiled_step_stays_off_at_the_next_launch(qtbot, settings, tmp_path, stored, monkeypatch):
    monkeypatch.delenv("NN_PLAYGROUND_EAGER")  # so that only the setting can keep it eager
    settings.setValue("compiled_step", stored)
    window = MainWindow(settings, data_dir=tmp_path / "data")
    window.show()
    try:
        qtbot.waitUntil(lambda: window.controller.state == "paused", timeout=TIMEOUT)
        assert not window.compiled_action.isChecked() and not window.controller.compiled
        qtbot.waitUntil(lambda: "turned off" in window.status_labels["mode"].toolTip(), timeout=TIMEOUT)
    finally:
        window.document.undo_stack.setClean()
        window.close()


def test_closing_the_window_while_it_compiles_ends_the_compile_and_the_process_cleanly(
        qtbot, settings, tmp_path, monkeypatch, capfd):
    """Closing during a compile aborted the training process ("terminate called without an
    active exception", SIGABRT) and left the C++ compiler running."""
    cache = tmp_path / "cache"  # cold: this compile needs the C++ compiler, headers and all
    monkeypatch.delenv("NN_PLAYGROUND_EAGER")
    monkeypatch.delenv("TORCHINDUCTOR_CACHE_DIR", raising=False)
    monkeypatch.setenv("NN_PLAYGROUND_CACHE", str(cache))
    window = MainWindow(settings, data_dir=tmp_path / "data")
    window.show()
    try:
        qtbot.waitUntil(lambda: window.status_labels["mode"].text() == "eager, compiling…", timeout=TIMEOUT)
        # Inductor writes the header it precompiles just before the C++ compiler starts on it.
        qtbot.waitUntil(lambda: any(cache.glob("precompiled_headers/*.h")), timeout=600_000)
    finally:
        window.document.undo_stack.setClean()
        window.close()
    assert window.controller.exit_code == 0
    assert "terminate" not in capfd.readouterr().err
    qtbot.waitUntil(lambda: not processes_working_in(cache), timeout=TIMEOUT)


def processes_working_in(folder) -> list[str]:
    """Command lines of the running processes that name ``folder`` (Linux; none seen elsewhere)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # ended meanwhile
            continue
        if str(folder) in text:
            found.append(text[:300])
    return found
