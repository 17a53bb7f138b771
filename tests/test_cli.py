"""The headless command line, run as a user would run it."""

import csv
import json
import subprocess
import sys

import pytest

from playground.cli import main
from playground.design import Design, LinearLayer
from playground.design_io import design_to_json, save_design

pytestmark = pytest.mark.usefixtures("one_torch_thread")  # as the training process trains


@pytest.fixture
def design_file(tmp_path):
    path = tmp_path / "circle.json"
    save_design(Design().with_training(epochs=3), path)
    return path


def test_train_writes_per_epoch_metrics_and_prints_the_verdict(design_file, tmp_path, capsys):
    metrics = tmp_path / "out" / "metrics.csv"
    metrics.parent.mkdir()
    assert main(["train", str(design_file), "--epochs", "40", "--metrics", str(metrics), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "Trained 40 epochs (1,000 steps)" in out
    assert "test accuracy" in out and "gradients" in out
    rows = list(csv.DictReader(metrics.open()))
    assert [int(r["epoch"]) for r in rows] == list(range(1, 41))
    assert {"train_loss", "test_loss", "test_accuracy", "grad_norm[Linear 1]", "grad_norm[Output]", "gradient_verdict"} <= set(rows[0])
    # The default design learns slowly (0.675 after epoch 1, 0.664 after 4, 0.454 after 40): it must really train.
    assert float(rows[-1]["train_loss"]) < 0.8 * float(rows[0]["train_loss"])


def test_a_bad_design_file_exits_non_zero_naming_the_fields(tmp_path, capsys):
    document = json.loads(design_to_json(Design()))
    document["optimizer"]["lr"] = -1
    document["layers"][0]["activation"] = "relux"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    assert main(["train", str(path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "optimizer.lr" in err and "layers[0].activation" in err and "Traceback" not in err


def test_a_missing_file_and_a_corrupt_file_are_reported(tmp_path, capsys):
    assert main(["train", str(tmp_path / "nope.json")]) == 2
    assert "nope.json" in capsys.readouterr().err
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text('{"format": "nn-playground-design", "version": 1,')
    assert main(["train", str(corrupt)]) == 2
    assert "line 1" in capsys.readouterr().err


def test_a_diverging_run_exits_with_the_explanation(tmp_path, capsys):
    d = Design(layers=(LinearLayer(units=8, activation="relu"),) * 3, loss="mse").with_data(dataset="plane")
    path = tmp_path / "diverge.json"
    save_design(d.with_optimizer(lr=10.0).with_training(epochs=50), path)
    metrics = tmp_path / "m.csv"
    assert main(["train", str(path), "--quiet", "--metrics", str(metrics)]) == 1
    assert "learning rate" in capsys.readouterr().err
    assert metrics.exists()


def test_the_console_script_runs_as_a_process(design_file, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "playground.launcher", "train", str(design_file), "--epochs", "1"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "epoch" in result.stderr  # the progress bar
    assert "Trained 1 epochs" in result.stdout


def test_new_writes_the_default_design_and_refuses_to_overwrite(tmp_path, capsys):
    from playground.design_io import load_design

    path = tmp_path / "mine.json"
    assert main(["new", str(path)]) == 0
    assert load_design(path) == Design()
    assert main(["new", str(path)]) == 2
    assert "--force" in capsys.readouterr().err


def test_every_command_of_the_parser_is_routed_to_the_command_line(monkeypatch):
    """`nn-playground COMMAND` must never open the window for a headless command."""
    import argparse

    from playground import launcher
    from playground.cli import build_parser

    commands = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)).choices
    routed = []
    monkeypatch.setattr("playground.cli.main", lambda args: routed.append(args[0]) or 0)
    for command in commands:
        assert launcher.main([command, "--help"]) == 0
    assert routed == list(commands)


def test_train_compiled_reports_the_step_mode(design_file, capsys, monkeypatch):
    # With the compiled step turned off (as in every test) the run says why it stayed eager.
    assert main(["train", str(design_file), "--quiet", "--compiled"]) == 0
    captured = capsys.readouterr()
    assert "No compiled step: turned off by NN_PLAYGROUND_EAGER" in captured.err
    assert "step mode      eager (turned off by NN_PLAYGROUND_EAGER); 0 of 75 steps compiled" in captured.out

    monkeypatch.delenv("NN_PLAYGROUND_EAGER")
    with_dropout = design_file.with_name("dropout.json")
    from playground.design import DropoutLayer

    save_design(Design(layers=(LinearLayer(units=4), DropoutLayer(p=0.2))).with_training(epochs=2), with_dropout)
    assert main(["train", str(with_dropout), "--quiet", "--compiled"]) == 0
    assert "designs with dropout train eagerly" in capsys.readouterr().err
