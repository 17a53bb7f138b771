"""The offline desktop app: ``--self-test`` passes from source, and the PyInstaller
bundle builds, holds its icon and resources, leaves out what the app does not use,
and passes the same self-test with no Python environment around it."""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
from platform_parts import build_parts  # noqa: E402
SELF_TEST_TIMEOUT = 300  # seconds; the self-test ends itself after about 140
BUILD_TIMEOUT = 45 * 60  # about 1.5 min on a 2-core machine with a warm disk; generous for CI
REPORT = (  # one line per check, in order
    "resources: presets, icon and translations found",
    "window: shown",
    "preset: xor_hidden_layer loaded",
    "training:",
    "save: design",
    "export: notebook",
    "lab: the Tensor lab's process ran",
    "close: the first window closed and its training process ended",
    "reload: a fresh window resumed the run at step",
    "close: the second window closed and its training process ended",
    "self-test passed",
)


def run_self_test(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(command + ["--self-test"], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=SELF_TEST_TIMEOUT)


def assert_passed(result: subprocess.CompletedProcess) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    lines = [line for line in result.stdout.splitlines() if line.startswith("self-test:")]
    assert len(lines) == len(REPORT), output
    for line, expected in zip(lines, REPORT):
        assert line.startswith("self-test: ok") and expected in line, output


def test_self_test_from_source_passes():
    result = run_self_test([sys.executable, "-m", "playground.launcher"], cwd=ROOT)
    assert_passed(result)


# --- the bundle -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    """Build the app once for this module (into a temporary folder, removed afterwards)."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip('PyInstaller is not installed; install the test extra: pip install -c constraints.txt -e ".[test]"')
    work = tmp_path_factory.mktemp("bundle")
    command = [sys.executable, str(ROOT / "packaging" / "build.py"),
               "--distpath", str(work / "dist"), "--workpath", str(work / "build")]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    assert result.returncode == 0, (result.stdout + result.stderr)[-5000:]
    yield work / "dist" / "nn-playground"
    shutil.rmtree(work, ignore_errors=True)  # about 1.2 GB


def bundle_files(bundle: Path) -> list[str]:
    return [path.relative_to(bundle).as_posix() for path in bundle.rglob("*")]


@pytest.mark.slow
def test_the_bundle_passes_its_self_test(bundle, tmp_path):
    executable = bundle / build_parts().executable
    result = run_self_test([str(executable)], cwd=tmp_path)  # away from the source tree
    assert_passed(result)


@pytest.mark.slow
def test_the_bundle_holds_the_icon_and_resources(bundle):
    (resources,) = [path for path in bundle.rglob("resources") if (path / "presets").is_dir()]
    assert (resources / "icons" / "nn-playground.png").is_file()
    assert (resources / "presets" / "index.json").is_file()
    assert len(list((resources / "presets").glob("*.json"))) > 10
    assert (resources / "i18n" / "nn_playground_ko.qm").is_file()
    assert (resources / "data" / "digits").is_dir()


@pytest.mark.slow
def test_the_bundle_leaves_out_what_the_app_does_not_use(bundle):
    files = bundle_files(bundle)
    for unwanted in ("torch/include/", "torch/test/", "QtWebEngine", "Qt6Quick", "Qt6Qml", "Qt6Pdf",
                     "_test.so", "platforms/libqeglfs", "platforms/libqvnc", "platformthemes/libqgtk3"):
        assert not [f for f in files if unwanted in f], unwanted
    translations = [f for f in files if f.endswith(".qm") and "/translations/" in f]
    assert translations and all(f.endswith(("_ko.qm", "_en.qm")) for f in translations), translations
    assert [f for f in files if f.endswith("platforms/libqoffscreen.so")] or sys.platform != "linux"
    assert [f for f in files if f.endswith("platforms/libqxcb.so")] or sys.platform != "linux"
