"""Screenshots of the main window during training: laptop sizes, light and dark, English and Korean.

    .venv/bin/python scripts/screenshots.py                 # docs/screenshots/ (the README's)
    .venv/bin/python scripts/screenshots.py --eager --seconds 2.5   # as the README's were last taken
    .venv/bin/python scripts/screenshots.py --review /tmp/shots   # every design at every size
    .venv/bin/python scripts/screenshots.py --compare-only        # the comparison scene alone
    .venv/bin/python scripts/screenshots.py --lesson-only         # the lesson scenes alone
    .venv/bin/python scripts/screenshots.py --inside-only         # the step-through scenes alone
    .venv/bin/python scripts/screenshots.py --lab-only            # the Tensor lab scenes alone
    .venv/bin/python scripts/screenshots.py --look-only           # colour-blind-safe colours, projector mode
    .venv/bin/python scripts/screenshots.py --review /tmp/shots --palette colour_blind --projector

Our learners' laptops show 1366x768, or 1920x1080 at 150 % scaling = 1280x720
logical pixels: every shot is taken at both. The README's set is the spiral design
(``main-<size>-<language>-<theme>.png``); ``--review`` adds the designs that stress
the window (``<design>-<size>-<language>-<theme>.png``): the default circle, a deep
net of 16-unit layers with BatchNorm (the Batch normalization dock raised), a 1-D
regression with outliers opened as a preset (with its note), the digits, the
vanishing-gradient preset (its Coach tab comes forward by itself with the finding's card), a lesson
(``lesson``: LESSON opened, answered and trained until a goal ticks, a hint asked for: shown while a goal is open),
and the neuron card (``neuron``: a saturated sigmoid neuron of the vanishing-gradient preset).
The README's set also has the comparison scene (``compare-1366x768-en-light.png``,
``compare-1366x768-ko-dark.png``): Compare... with the optimizer axis (the five
optimizers) on the default circle design, trained until the headline names a winner;
a lesson from open to done (``lesson_open-...``, ``lesson_done-...``, both at
LESSON_SHOTS): README_LESSON just opened from the list with its question, then answered
and trained until every goal is met and the answer is revealed; and the step-through
scene (``inside-<stage>-1366x768-en-light.png`` and ``-ko-dark``, stage forward, loss,
backward or update): the README design trained a few seconds at INSIDE_SPEED, then Step
Inside, the Inside one step dock at that stage (``--review`` with ``--designs inside``
takes every stage at every size). ``--compare-only``, ``--lesson-only`` and
``--inside-only`` take one of these scenes alone; and the Tensor lab scene
(``lab-<example>-<size>-<language>-<theme>.png`` at LAB_SHOTS, ``--lab-only`` alone):
Tensor Lab… opened over the window, filling the screen, one of LAB_EXAMPLES run and drawn.
The look scene (``look-palette-...`` and ``look-projector-...`` at LOOK_SHOTS, ``--look-only``
alone): the README design trained with View > Colours > Colour-Blind Safe, and with View >
Projector Mode. ``--palette`` and ``--projector`` take any other shots in that look
(their files end in ``-colour_blind`` and ``-projector``).
Two more scenes: ``layers``, the README design trained, the Layers tab raised with
LAYER_ROW selected (its tensor operation under the list; ``--review``), and ``lab_layer``,
that layer opened in the Tensor lab from its Open in Tensor Lab button with the run's live
tensors (``lab_layer-...`` at LAB_SHOTS, with the lab scenes; ``--review`` too).

Each shot runs in a fresh process (the language is chosen at start-up), trains the
design for a few seconds with every dashboard live, and saves ``window.grab()``.
Runs offscreen unless QT_QPA_PLATFORM says otherwise; Korean needs a CJK font
(Debian: fonts-noto-cjk). ``--eager`` turns the compiled step off (quicker: no
waiting for a compile to finish).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = ("1366x768", "1280x720")
LANGUAGES = ("en", "ko")
THEMES = ("light", "dark")
README_DESIGN = "spiral"
COMPARE = "compare"  # the comparison scene, and its shots (size, language, theme)
COMPARE_SHOTS = (("1366x768", "en", "light"), ("1366x768", "ko", "dark"))
COMPARE_SPEED = 30  # steps per second
REVIEW_DESIGNS = ("circle", "deep_bn", "outliers", "digits", "largest", "vanishing", "lesson", "neuron", "layers",
                  "lab_layer")
LAYERS, LAB_LAYER = "layers", "lab_layer"  # the Layers tab with a row's tensor operation; that layer in the lab
LAYER_ROW = 1  # the README design's Linear 1 (2 → 8): x is the data itself
INSIDE = "inside"  # the step-through scene, "inside:<stage>" (one of INSIDE_STAGES)
INSIDE_STAGES = ("forward", "loss", "backward", "update")
INSIDE_SHOTS = (("1366x768", "en", "light"), ("1366x768", "ko", "dark"))
INSIDE_SPEED = 100  # steps per second: a few hundred steps in, while the gradients are still large
LESSON = "cross_entropy_classes"  # the lesson scene: opened from the list, answered, trained until a goal ticks
README_LESSON = "loss_outliers"  # the README's lesson: MSE against MAE on outliers, a comparison
LESSON_SCENES = ("lesson_open", "lesson_done")
LESSON_SHOTS = (("1366x768", "en", "light"), ("1366x768", "ko", "dark"))
LAB = "lab"  # the Tensor lab scene, "lab:<example id>": the lab's window with that example run
LAB_EXAMPLES = ("index_pick", "stack_dim1")
LAB_SHOTS = (("1366x768", "en", "light"), ("1366x768", "ko", "dark"))  # --sizes etc. do not apply to the scenes
LOOK = "look"  # the look scene, "look:palette" or "look:projector": the README design in that look
LOOK_SHOTS = (("palette", "1366x768", "en", "light"), ("projector", "1366x768", "ko", "dark"))
TITLE_BAR = 48  # px of the screen a window's title bar and the taskbar take: the lab's window fills the rest


def shoot(out: Path, theme: str, language: str, size: tuple[int, int], seconds: float, design: str,
          compiled: bool, palette: str = "standard", projector: bool = False) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    settings_file = Path(tempfile.mkdtemp()) / "settings.ini"
    settings = QSettings(str(settings_file), QSettings.IniFormat)
    settings.setValue("theme", theme)
    settings.setValue("language", language)
    settings.setValue("compiled_step", compiled)
    if design.startswith(LOOK):
        palette = "colour_blind" if design == f"{LOOK}:palette" else palette
        projector = projector or design == f"{LOOK}:projector"
        design = README_DESIGN
    settings.setValue("palette", palette)
    settings.setValue("projector", projector)
    if design == COMPARE or design.startswith(INSIDE):  # compare: a point on every curve every few steps
        from playground.training.run_loop import SPEEDS

        settings.setValue("speed", SPEEDS.index(COMPARE_SPEED if design == COMPARE else INSIDE_SPEED))
    settings.sync()

    from playground.ui.i18n import install_translators
    from playground.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("NN Playground")
    app._translators = install_translators(app, language)
    design, _, stage = design.partition(":")
    window = MainWindow(settings, design=_design(design), data_dir=settings_file.parent, language=language)
    window.resize(*size)
    window.show()
    _wait(app, lambda: bool(window.views) and window.controller.state == "paused")
    preset = _PRESETS.get(design)
    if preset:
        from playground.design.presets import find_preset

        window.file_actions.open_preset(find_preset(preset))
        _wait(app, lambda: window.controller.state == "paused")
    if design == "deep_bn":
        window.batchnorm_dock.raise_()
    if design == "neuron":
        _neuron(app, window)
        _save(app, window, out)
        return
    if design == "lesson":
        _lesson(app, window)
        _save(app, window, out)
        return
    if design in LESSON_SCENES:
        _readme_lesson(app, window, done=design == "lesson_done")
        _save(app, window, out)
        return
    if design == COMPARE:
        _compare(app, window)
        _save(app, window, out)
        return
    if design == LAB:
        lab = _lab(app, window, stage, size)
        _save(app, window, out, shown=lab)
        return
    modes = []  # the status bar shows the step mode: wait until compiling has ended
    window.controller.snapshot_ready.connect(lambda snapshot: modes.append(snapshot.step_mode))
    window.controller.play()
    deadline = time.monotonic() + seconds
    _wait(app, lambda: time.monotonic() > deadline)
    # Until compiling has ended, or the run has (then no more snapshots come; the status bar shows no step mode).
    _wait(app, lambda: window.controller.state == "finished" or (modes and getattr(modes[-1], "mode", "") != "compiling"),
          timeout=1200)  # a busy machine compiles slowly
    window.controller.pause()
    _wait(app, lambda: window.controller.state in ("paused", "finished"))  # a preset may end first
    if design == INSIDE:
        _inside(app, window, stage)
    if design in (LAYERS, LAB_LAYER):
        window.editor_tabs.setCurrentIndex(1)  # Layers
        window.layer_editor.select_row(LAYER_ROW)
    if design == LAB_LAYER:
        _save(app, window, out, shown=_lab_layer(app, window, size))
        return
    _save(app, window, out)


def _inside(app, window, stage: str) -> None:
    """Step Inside on the paused run, the dock at ``stage`` once the traced step has come."""
    window.inside.step_inside()
    _wait(app, lambda: window.inside.panel.trace() is not None, timeout=120)
    window.inside.panel.set_stage(INSIDE_STAGES.index(stage))


def _lab(app, window, example_id: str, size: tuple[int, int]):
    """Tensor Lab… opened, filling the screen below its title bar, with the example
    ``example_id`` run in the lab's process and drawn."""
    from playground.lab.examples import example

    window.tensor_lab.open()
    lab = window.tensor_lab.lab_window
    lab.resize(size[0], size[1] - TITLE_BAR)
    title = example(example_id).title.ko if window.language == "ko" else example(example_id).title.en
    lab.show_example(title)
    _wait(app, lambda: lab.run_button.isEnabled() and bool(lab.drawings.grids))
    return lab


def _lab_layer(app, window, size: tuple[int, int]):
    """The selected layer opened in the Tensor lab by its button, run on the live tensors and drawn."""
    window.layer_editor.operation.button.click()
    _wait(app, lambda: window.tensor_lab.lab_window is not None)
    lab = window.tensor_lab.lab_window
    lab.resize(size[0], size[1] - TITLE_BAR)
    _wait(app, lambda: lab.run_button.isEnabled() and bool(lab.drawings.grids))
    return lab


def _save(app, window, out: Path, shown=None) -> None:
    """Save a picture of ``shown`` (default: ``window``), then close ``window``."""
    for _ in range(20):
        app.processEvents()
        time.sleep(0.01)
    out.parent.mkdir(parents=True, exist_ok=True)
    (shown or window).grab().save(str(out), None, 0)  # for PNG, quality 0 is the strongest compression: the smallest file
    window.file_actions.document.undo_stack.setClean()  # nothing to ask about on close
    window.close()
    print(f"wrote {out}")


def _compare(app, window) -> None:
    """Compare... with the optimizer axis (its offered values: the five optimizers), trained
    until the headline names a winner (a run reached the target) and compiling has ended
    (the status bar shows the step mode), then paused."""
    from playground.ui.compare_dialog import CompareDialog

    dialog = CompareDialog(window.document.design, window, theme=window.look.theme())
    dialog.choose("optimizer")
    comparison = dialog.comparison
    dialog.deleteLater()
    window.comparisons.start(comparison)
    view = window.comparisons.view
    _wait(app, lambda: view.race is not None and window.controller.state == "paused")
    modes = []
    window.controller.comparison_snapshot_ready.connect(lambda snapshot: modes.append(snapshot.runs[0].step_mode))
    window.controller.play()
    _wait(app, lambda: view.race.headline().code == "race" and modes and getattr(modes[-1], "mode", "") != "compiling",
          timeout=1200)  # a busy machine compiles slowly
    window.controller.pause()
    _wait(app, lambda: window.controller.state == "paused")


def _lesson(app, window) -> None:
    """Lesson LESSON opened, its question answered, trained (faster than its pace, to save
    time) until its first goal ticks, one hint asked for (shown only while a goal is still open), then paused."""
    from playground.lessons.io import shipped_lessons
    from playground.training.run_loop import SPEEDS

    lessons = window.lessons
    lessons.open(next(lesson for lesson in shipped_lessons() if lesson.id == LESSON))
    _wait(app, lambda: window.controller.state == "paused" and window.controller.info is not None)
    lessons.panel.choose(0)
    lessons.panel.answer_button.click()
    window.speed_slider.setValue(SPEEDS.index(300))
    window.controller.play()
    _wait(app, lambda: bool(lessons.progress.met), timeout=600)
    lessons.show_next_hint()
    window.controller.pause()
    _wait(app, lambda: window.controller.state in ("paused", "finished"))


def _readme_lesson(app, window, done: bool) -> None:
    """README_LESSON opened; with ``done`` its question answered (the right choice) and
    trained (faster than its pace, to save time) until every goal is met, then paused."""
    from playground.lessons.io import shipped_lessons
    from playground.training.run_loop import SPEEDS

    lessons = window.lessons
    lesson = next(lesson for lesson in shipped_lessons() if lesson.id == README_LESSON)
    lessons.open(lesson)
    if lesson.runs > 1:
        view = window.comparisons.view
        _wait(app, lambda: view.race is not None and window.controller.state == "paused")
    else:
        _wait(app, lambda: window.controller.state == "paused" and window.controller.info is not None)
    if not done:
        return
    lessons.panel.choose(lesson.question.answer)
    lessons.panel.answer_button.click()
    window.speed_slider.setValue(SPEEDS.index(100))
    window.controller.play()
    _wait(app, lambda: len(lessons.progress.met) == len(lesson.goals), timeout=600)
    window.controller.pause()
    _wait(app, lambda: window.controller.state in ("paused", "finished"))


def _neuron(app, window) -> None:
    """The neuron card on the vanishing-gradient preset as it starts (untrained): a point picked
    near the plane's corner, and the first layer's neuron with the largest |z| there, a
    saturated sigmoid (its flat slope marked on the curve)."""
    import numpy as np

    from playground.training.neuron import explain_neuron
    from playground.training.trainer import Trainer

    def explain(trainer, block, unit, point):
        return explain_neuron(trainer, block, unit, tuple(float(v) for v in point))

    trainer = Trainer(window.document.design)  # the paused run's weights: same design, same seed, no step yet
    data = window.controller.info.dataset
    corners = [(5.5 * a, 5.5 * b) for a in (-1, 1) for b in (-1, 1)]
    point, unit = max(((p, u) for p in corners for u in range(8)),
                      key=lambda pu: abs(explain(trainer, 0, pu[1], data.features_of(np.array([pu[0]]))[0]).z))
    window.output_view.pick_point(*point)
    answers = []
    window.controller.neuron_explained.connect(answers.append)
    window.network_view.click_neuron(1, unit)
    _wait(app, lambda: bool(answers) and not answers[-1].problem)


_PRESETS = {"outliers": "outliers_mse", "vanishing": "vanishing_sigmoid", "neuron": "vanishing_sigmoid"}


def _design(name: str):
    from playground.design.schema import BatchNormLayer, Design, LinearLayer

    if name in ("spiral", INSIDE, LAYERS, LAB_LAYER):
        layers = tuple(LinearLayer(units=8, activation="tanh") for _ in range(4))
        return Design(name="Spiral", layers=layers).with_data(dataset="spiral", noise=0.1).with_optimizer(
            name="adam", lr=0.01)
    if name == "deep_bn":  # the densest diagram and every Batch normalization plot in use
        layers = []
        for _ in range(6):
            layers += [LinearLayer(units=16, activation="linear"), BatchNormLayer(activation="tanh")]
        return Design(name="Deep BatchNorm", layers=tuple(layers)).with_optimizer(name="adam", lr=0.01)
    if name == "largest":  # 20 x 512, the largest a design allows: budgets for connections, grid, snapshots
        from playground.design.io import load_design

        return load_design(ROOT / "benchmarks" / "designs" / "spiral-20x512-relu-bs32.json")
    if name == "digits":
        layers = (LinearLayer(units=32, activation="relu"), LinearLayer(units=16, activation="relu"))
        return Design(name="Digits", layers=layers, loss="cross_entropy").with_data(dataset="digits").with_optimizer(
            name="adam", lr=0.003).with_training(batch_size=32)
    return Design(name="Circle")  # "circle", and the presets before they are opened


def _wait(app, condition, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.005)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--review", type=Path, metavar="FOLDER",
                        help="every review design at every size and language into FOLDER (not the README's)")
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument("--themes", default=",".join(THEMES))
    parser.add_argument("--designs", help="with --review: a comma-separated subset of " + ", ".join(REVIEW_DESIGNS))
    parser.add_argument("--seconds", type=float, default=6.0)
    parser.add_argument("--eager", action="store_true", help="train without the compiled step")
    parser.add_argument("--compare-only", action="store_true", help="only the README's comparison scene")
    parser.add_argument("--lesson-only", action="store_true", help="only the README's lesson scenes")
    parser.add_argument("--inside-only", action="store_true", help="only the README's step-through scenes")
    parser.add_argument("--lab-only", action="store_true", help="only the README's Tensor lab scenes")
    parser.add_argument("--look-only", action="store_true",
                        help="only the README's look scenes (colour-blind-safe colours, projector mode)")
    parser.add_argument("--palette", choices=("standard", "colour_blind"), default="standard",
                        help="View > Colours for every shot")
    parser.add_argument("--projector", action="store_true", help="View > Projector Mode for every shot")
    parser.add_argument("--one", nargs=5, metavar=("DESIGN", "SIZE", "THEME", "LANGUAGE", "FILE"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        design, size, theme, language, file = args.one
        shoot(Path(file), theme, language, _size(size), args.seconds, design, compiled=not args.eager,
              palette=args.palette, projector=args.projector)
        return
    only = {"compare": args.compare_only, "lesson": args.lesson_only, "inside": args.inside_only,
            "lab": args.lab_only, "look": args.look_only}
    if args.review:
        folder, designs = args.review, (args.designs or ",".join(REVIEW_DESIGNS)).split(",")
        designs = [f"{INSIDE}:{stage}" for d in designs for stage in INSIDE_STAGES if d == INSIDE] + \
            [d for d in designs if d != INSIDE]
    else:
        folder, designs = args.out, [] if any(only.values()) else [README_DESIGN]
    shots = [(design, size, language, theme) for design in designs for size in args.sizes.split(",")
             for language in args.languages.split(",") for theme in args.themes.split(",")]
    if not args.review:  # the README's scenes: all of them, or those asked for alone
        scenes = {
            "compare": [(COMPARE, *shot) for shot in COMPARE_SHOTS],
            "lesson": [(scene, *shot) for scene in LESSON_SCENES for shot in LESSON_SHOTS],
            "inside": [(f"{INSIDE}:{stage}", *shot) for stage in INSIDE_STAGES for shot in INSIDE_SHOTS],
            "lab": [(f"{LAB}:{name}", *shot) for name in LAB_EXAMPLES for shot in LAB_SHOTS] +
                   [(LAB_LAYER, *shot) for shot in LAB_SHOTS],
            "look": [(f"{LOOK}:{look}", *shot) for look, *shot in LOOK_SHOTS],
        }
        for scene, scene_shots in scenes.items():
            if only[scene] or not any(only.values()):
                shots += scene_shots
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    look = ["--palette", args.palette] + (["--projector"] if args.projector else [])
    suffix = ("-colour_blind" if args.palette == "colour_blind" else "") + ("-projector" if args.projector else "")
    for design, size, language, theme in shots:
        prefix = "main" if design == README_DESIGN and not args.review else design.replace(":", "-")
        file = folder / f"{prefix}-{size}-{language}-{theme}{suffix}.png"
        command = [sys.executable, __file__, "--seconds", str(args.seconds), *look, "--one", design, size, theme,
                   language, str(file)]
        subprocess.run(command + (["--eager"] if args.eager else []), env=env, check=True)


def _size(text: str) -> tuple[int, int]:
    width, height = (int(v) for v in text.split("x"))
    return width, height


if __name__ == "__main__":
    main()
