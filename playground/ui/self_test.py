"""``nn-playground --self-test``: prove that this installation works, end to end.

It opens the real main window offscreen, loads a preset, trains it a few hundred
steps in the training process, saves the design with its weights, exports it as a
notebook, runs a matrix product in the Tensor lab's process, closes the
window (which ends the training process), opens the saved design in a fresh window
and checks that the run resumes at the saved step with the same loss. One report
line per check on stdout; exit code 0 only if every check passed, 1 with the
reason otherwise (a failed check, a timeout), 3 if the event loop stopped answering.

It works the same from a source checkout and from the PyInstaller bundle, where it
also proves that the bundled resources, Qt plugins and the "spawn" start of the
training process work. Settings and files go to a temporary folder, so the user's
settings, recent files and autosave are never touched. Nothing here may block: every
wait has a timeout, a dialog that pops up is closed and reported, and a watchdog
thread ends the process if the event loop itself stops answering.

The report is a diagnostic for developers and bug reports, so it is not translated.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

from playground.ui.self_test_more import check_lab, check_notebook

DEADLINE_SECONDS = 120.0  # the whole test; a normal run takes 5-15 s
WAIT_SECONDS = 60.0  # the longest single wait (the training process's first torch import)
PRESET_ID = "xor_hidden_layer"  # small, and its loss falls fast
TRAIN_STEPS = 300
TRAIN_SPEED = 300  # steps/s: quick, yet a late pause is far from the preset's 4,000-step limit
LOSS_DROP = 0.95  # the loss after training must be below this fraction of the first
EXIT_FAILED, EXIT_TIMEOUT = 1, 3
PREFIX = "self-test:"
REPORT_ENV = "NN_PLAYGROUND_SELF_TEST_REPORT"  # a file that gets the report (and any traceback) instead of stdout


class SelfTestFailure(Exception):
    """A check failed; the message says which and why."""


def main(argv: list[str] | None = None) -> int:
    """Run every check; 0 if all passed. Sets QT_QPA_PLATFORM=offscreen unless already set.

    With REPORT_ENV set, stdout and stderr go to that file: the Windows and macOS apps
    have no console, and packaging/release.py prints the file after the test."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt loads
    if os.environ.get(REPORT_ENV):
        sys.stdout = sys.stderr = open(os.environ[REPORT_ENV], "w", encoding="utf-8", buffering=1)
    started = time.monotonic()
    watchdog = threading.Timer(DEADLINE_SECONDS + 20, _abort_hung)
    watchdog.daemon = True
    watchdog.start()
    try:
        with tempfile.TemporaryDirectory(prefix="nn-playground-self-test-") as folder:
            _run_checks(Path(folder), started)
    except SelfTestFailure as failure:
        return _failed(str(failure), started)
    except Exception as error:  # a broken installation: say what broke, with the traceback for a report
        traceback.print_exc()
        return _failed(f"unexpected {type(error).__name__}: {error}", started)
    finally:
        watchdog.cancel()
    _report("ok", f"self-test passed in {time.monotonic() - started:.1f} s")
    return 0


def _failed(reason: str, started: float) -> int:
    _report("FAIL", reason)
    _report("FAIL", f"self-test failed after {time.monotonic() - started:.1f} s")
    return EXIT_FAILED


def _report(status: str, text: str) -> None:
    try:
        print(f"{PREFIX} {status:4} {text}", flush=True)
    except (OSError, ValueError):  # stdout closed (a pipe reader gone): the exit code still tells
        pass


def _abort_hung() -> None:
    """Last resort when the event loop is stuck (a deadline check could not run)."""
    _report("FAIL", f"no answer within {DEADLINE_SECONDS + 20:.0f} s; the event loop is stuck")
    sys.stdout.flush()
    os._exit(EXIT_TIMEOUT)


def process_age() -> float | None:
    """Seconds since this process started (Linux only; None elsewhere).

    Covers interpreter start-up and, in the bundle, the bootloader: what a user waits."""
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            start_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as uptime:
            now = float(uptime.read().split()[0])
        return now - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


# --- the checks -------------------------------------------------------------------------------


def _run_checks(folder: Path, started: float) -> None:
    from playground.ui.platform_check import check_display

    problem = check_display()
    if problem:
        raise SelfTestFailure(f"display: {problem}")
    _check_resources()
    from PySide6.QtCore import QSettings

    from playground.ui.app import SWITCH_INTERVAL, create_application

    sys.setswitchinterval(SWITCH_INTERVAL)
    _quiet_offscreen_warnings()
    app, _user_settings = create_application([sys.argv[0]])
    settings = QSettings(str(folder / "settings.ini"), QSettings.IniFormat)  # never the user's
    watch = _Watch(app, started + DEADLINE_SECONDS)
    design_path = folder / "self-test.json"

    try:
        window = _open_window(app, settings, folder, watch, started)
        trained = _train_preset(window, watch)
        _save(window, design_path, watch)
        _report("ok", check_notebook(window.document.design, folder, SelfTestFailure))
        _report("ok", check_lab(SelfTestFailure))
        _close(window, watch, "first")
        _resume(app, settings, folder, design_path, trained, watch)
    finally:
        watch.end()  # after a failure too: no training process or thread may outlive the test


def _quiet_offscreen_warnings() -> None:
    """The offscreen platform warns on every window resize; keep the report readable."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode, _context, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr, flush=True)

    qInstallMessageHandler(handler)


def _check_resources() -> None:
    from playground.resources import resource_path, resource_root

    wanted = {
        "presets": resource_path("presets", "index.json"),
        "icon": resource_path("icons", "nn-playground.png"),
        "Korean translation": resource_path("i18n", "nn_playground_ko.qm"),
    }
    missing = [f"{name} ({path})" for name, path in wanted.items() if not path.is_file()]
    if missing:
        raise SelfTestFailure(f"resources: missing from {resource_root()}: {', '.join(missing)}")
    _report("ok", f"resources: presets, icon and translations found in {resource_root()}")


def _open_window(app, settings, folder: Path, watch: "_Watch", started: float):
    """The first window; reports when it was shown, when its dashboards were built and
    when its training process was ready, counted from the process start where known."""
    window = _new_window(app, settings, folder, watch)
    age = process_age()
    origin, since = (time.monotonic() - age, "the process started") if age is not None \
        else (started, "the self-test began")
    shown = time.monotonic() - origin
    watch.wait("the dashboards to be built", lambda: bool(window.views))
    dashboards = time.monotonic() - origin
    watch.wait("the training process to be ready", lambda: watch.paused_snapshot(window.controller.run_id))
    ready = time.monotonic() - origin
    _report("ok", f"window: shown {shown:.2f} s, dashboards built {dashboards:.2f} s, training process "
                  f"ready {ready:.2f} s after {since}")
    return window


def _new_window(app, settings, folder: Path, watch: "_Watch"):
    """A shown MainWindow whose data folder (autosave) is the temporary one and which
    never waits for a person: unsaved changes are discarded, autosaves not restored."""
    from playground.ui.main_window import MainWindow

    window = MainWindow(settings, data_dir=folder / "data", language=getattr(app, "_language", "en"))
    window.file_actions.ask_save_changes = lambda: "discard"
    window.file_actions.ask_restore = lambda design: False
    watch.follow(window)
    window.show()
    return window


def _train_preset(window, watch: "_Watch"):
    """Load the preset (the default design if presets cannot be read), train, pause.

    Returns the paused snapshot after training."""
    from playground.errors import PlaygroundError
    from playground.design.presets import find_preset, load_preset

    from playground.training.run_loop import SPEEDS

    controller = window.controller
    try:
        preset = find_preset(PRESET_ID)
    except PlaygroundError as error:
        _report("warn", f"preset: cannot be read ({error}); training the default design instead")
    else:
        window.file_actions.open_preset(preset)
        if window.document.design != load_preset(PRESET_ID):
            raise SelfTestFailure(f"preset: '{PRESET_ID}' did not reach the window")
        _report("ok", f"preset: {PRESET_ID} loaded ({preset.title_en})")
    run_id = controller.run_id
    first = watch.wait("the preset's run to start", lambda: watch.paused_snapshot(run_id))
    window.speed_slider.setValue(SPEEDS.index(TRAIN_SPEED))
    began = time.monotonic()
    window.train_action.trigger()
    watch.wait(f"{TRAIN_STEPS} training steps", lambda: watch.latest_step(run_id) >= TRAIN_STEPS)
    window.train_action.trigger()  # pause
    last = watch.wait("training to pause", lambda: watch.paused_snapshot(run_id, after_step=TRAIN_STEPS))
    seconds = time.monotonic() - began
    before, after = first.metrics.train_loss, last.metrics.train_loss
    if not after < LOSS_DROP * before:
        raise SelfTestFailure(f"training: the training loss did not drop in {last.step} steps "
                              f"({before:.4f} -> {after:.4f})")
    _report("ok", f"training: {last.step} steps in {seconds:.1f} s, training loss {before:.4f} -> {after:.4f}")
    return last


def _save(window, design_path: Path, watch: "_Watch") -> None:
    """File > Save with Weights, to a path given instead of asked for."""
    from playground.design.io import load_design

    from playground.design.io import weights_path_for

    weights_path = weights_path_for(design_path)
    window.file_actions.path = design_path
    if not window.file_actions.save_with_weights():
        raise SelfTestFailure(f"save: the design could not be saved to {design_path}")
    outcome = watch.wait("the weights to be saved", lambda: watch.weights_saved.get(str(weights_path)))
    if outcome != "saved":
        raise SelfTestFailure(f"save: the weights could not be saved: {outcome}")
    if load_design(design_path) != window.document.design:
        raise SelfTestFailure("save: the saved design reads back different from the one in the window")
    _report("ok", f"save: design ({design_path.stat().st_size:,} bytes) and weights "
                  f"({weights_path.stat().st_size:,} bytes) saved")


def _close(window, watch: "_Watch", which: str) -> None:
    import multiprocessing

    window.close()
    if window.isVisible():
        raise SelfTestFailure(f"close: the {which} window did not close")
    watch.wait("the training process to end", lambda: not multiprocessing.active_children())
    code = window.controller.exit_code
    if code != 0:  # e.g. -6: aborted while it compiled the training step
        raise SelfTestFailure(f"close: the {which} window's training process ended with exit code {code}")
    window.deleteLater()
    _report("ok", f"close: the {which} window closed and its training process ended")


def _resume(app, settings, folder: Path, design_path: Path, trained, watch: "_Watch") -> None:
    """A fresh window opens the saved file: the run must continue where it stopped."""
    window = _new_window(app, settings, folder, watch)
    if not window.file_actions.open_path(design_path, confirmed=True):
        raise SelfTestFailure(f"reload: {design_path} could not be opened")
    controller = window.controller
    run_id = controller.run_id
    resumed = watch.wait("the saved run to load", lambda: watch.paused_snapshot(run_id))
    if watch.weights_failed:
        raise SelfTestFailure(f"reload: the weights were refused: {watch.weights_failed[-1]}")
    expected_loss = trained.metrics.train_loss
    loss = resumed.metrics.train_loss
    if resumed.step != trained.step or abs(loss - expected_loss) > 1e-5 * max(1.0, abs(expected_loss)):
        raise SelfTestFailure(f"reload: the run restarted at step {resumed.step} with loss {loss:.6f} instead of "
                              f"resuming at step {trained.step} with loss {expected_loss:.6f}")
    if resumed.state == "finished":  # a very slow machine trained to the epoch limit: nothing left to do
        _report("ok", f"reload: a fresh window resumed the finished run at step {resumed.step} "
                      f"(training loss {loss:.4f})")
    else:
        window.step_action.trigger()
        stepped = watch.wait("one more step", lambda: watch.paused_snapshot(run_id, after_step=trained.step + 1))
        if stepped.step != trained.step + 1:
            raise SelfTestFailure(f"reload: one step after resuming, the run is at step {stepped.step}, "
                                  f"not {trained.step + 1}")
        _report("ok", f"reload: a fresh window resumed the run at step {resumed.step} "
                      f"(training loss {loss:.4f}) and trained on to step {stepped.step}")
    _close(window, watch, "second")


# --- waiting on the event loop ------------------------------------------------------------------


class _Watch:
    """Records what the controllers report and runs the event loop until a condition holds.

    Any dialog that opens is closed and fails the test (offscreen nobody could answer it);
    so does a run that fails or a training process that dies.
    """

    def __init__(self, app, deadline: float):
        from PySide6.QtCore import QTimer

        self.app = app
        self.deadline = deadline
        self.snapshots: dict[int, list] = {}  # run id -> snapshots of that run, in order
        self.weights_saved: dict[str, str] = {}  # path -> "saved" or the error
        self.weights_failed: list[str] = []
        self.problems: list[str] = []
        self.windows: list = []
        self._previous_excepthook = sys.excepthook
        sys.excepthook = self._on_uncaught_exception  # PySide6 reports exceptions in slots through it
        self._dialog_timer = QTimer()
        self._dialog_timer.setInterval(100)
        self._dialog_timer.timeout.connect(self._close_dialogs)
        self._dialog_timer.start()

    def follow(self, window) -> None:
        """Record what ``window``'s controller reports (from now on, for this window only)."""
        controller = window.controller
        self.windows.append(window)
        self.snapshots.clear()
        self.weights_failed.clear()
        controller.snapshot_ready.connect(self._on_snapshot)
        controller.run_failed.connect(lambda text, details: self.problems.append(f"the run failed: {text} {details}"))
        controller.run_refused.connect(lambda problems: self.problems.append(
            "the run was refused: " + "; ".join(str(p) for p in problems)))
        controller.weights_saved.connect(lambda path, problems: self.weights_saved.__setitem__(
            path, "; ".join(map(str, problems)) or "saved"))
        controller.weights_failed.connect(lambda problems: self.weights_failed.append("; ".join(map(str, problems))))

    def end(self) -> None:
        """Shut down every window's training process and thread; restore the exception hook."""
        for window in self.windows:
            try:
                window.controller.shutdown(5000)
                window.close()
            except RuntimeError:  # already deleted by Qt
                pass
        self._dialog_timer.stop()
        sys.excepthook = self._previous_excepthook

    def _on_uncaught_exception(self, kind, error, trace) -> None:
        self.problems.append(f"an error in the window: {kind.__name__}: {error}")
        self._previous_excepthook(kind, error, trace)

    def _on_snapshot(self, snapshot) -> None:
        self.snapshots.setdefault(snapshot.run_id, []).append(snapshot)
        if snapshot.state in ("diverged", "error"):
            self.problems.append(f"the run ended in state '{snapshot.state}': {snapshot.message}")

    def latest_step(self, run_id: int) -> int:
        runs = self.snapshots.get(run_id)
        return runs[-1].step if runs else -1

    def paused_snapshot(self, run_id: int, after_step: int = 0):
        """The last snapshot of ``run_id`` if the run is paused (or finished) at ``after_step`` or later."""
        runs = self.snapshots.get(run_id)
        if runs and runs[-1].state in ("paused", "finished") and runs[-1].step >= after_step \
                and runs[-1].metrics is not None:
            return runs[-1]
        return None

    def wait(self, what: str, condition, timeout: float = WAIT_SECONDS):
        """Run the event loop until ``condition()`` is truthy and return its value.

        SelfTestFailure naming ``what`` after ``timeout`` seconds, at the overall
        deadline, or as soon as a problem (failed run, dialog) is recorded."""
        from PySide6.QtCore import QEventLoop, QTimer

        limit = min(time.monotonic() + timeout, self.deadline)
        result = None
        loop = QEventLoop()

        def check() -> None:
            nonlocal result
            if self.problems or time.monotonic() >= limit:
                loop.quit()
                return
            result = condition()
            if result:
                loop.quit()

        poll = QTimer()
        poll.setInterval(20)
        poll.timeout.connect(check)
        poll.start()
        check()
        if not result and not self.problems and time.monotonic() < limit:
            loop.exec()
        poll.stop()
        if self.problems:
            raise SelfTestFailure(f"while waiting for {what}: {self.problems[0]}")
        if not result:
            waited = f"the whole test took over {DEADLINE_SECONDS:.0f}" if time.monotonic() >= self.deadline \
                else f"{timeout:.0f}"
            raise SelfTestFailure(f"timed out waiting for {what} ({waited} s)")
        return result

    def _close_dialogs(self) -> None:
        dialog = self.app.activeModalWidget()
        if dialog is None:
            return
        text = dialog.text() if hasattr(dialog, "text") else ""
        self.problems.append(f"a dialog opened: '{dialog.windowTitle()}' {text}".strip())
        dialog.close()
