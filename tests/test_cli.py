"""The headless command line, run as a user would run it."""

import csv
import json
import subprocess
import sys

import pytest

from playground.cli import main
from playground.design.schema import Design, LinearLayer
from playground.design.io import design_to_json, save_design

pytestmark = pytest.mark.usefixtures("one_torch_thread")  # as the training process trains


@pytest.fixture(autouse=True)
def _torch_threads_restored():
    """train sets this process's torch threads, as a command should; other tests compare
    losses with scripts that run on torch's default threads, so the count is restored."""
    import torch

    before = torch.get_num_threads()
    yield
    torch.set_num_threads(before)


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
    from playground.design.io import load_design

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
    from playground.design.schema import DropoutLayer

    save_design(Design(layers=(LinearLayer(units=4), DropoutLayer(p=0.2))).with_training(epochs=2), with_dropout)
    assert main(["train", str(with_dropout), "--quiet", "--compiled"]) == 0
    assert "designs with dropout train eagerly" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["race", "--help"], 2, "unknown command 'race'; the commands are train, compare, new, presets"),
        (["race"], 2, "unknown command 'race'"),
        (["missing-design.json"], 2, "no such file: 'missing-design.json'"),
        (["--help"], 0, "usage: nn-playground"),
    ],
)
def test_a_word_that_is_no_command_or_file_never_opens_the_window(args, code, words, monkeypatch, capsys, tmp_path):
    from playground import launcher

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("playground.ui.app.main", lambda argv: pytest.fail("the window was opened"))
    try:
        returned = launcher.main(args)
    except SystemExit as exit:  # argparse ends with sys.exit after printing the help
        returned = exit.code
    assert returned == code
    captured = capsys.readouterr()
    assert words in captured.out + captured.err


def test_an_existing_design_file_opens_the_window(design_file, monkeypatch):
    from playground import launcher

    opened = []
    monkeypatch.setattr("playground.ui.app.main", lambda argv: opened.append(argv) or 0)
    assert launcher.main([str(design_file)]) == 0
    assert opened == [[str(design_file)]]


def test_without_metrics_no_epoch_rows_are_kept(design_file, monkeypatch):
    """The rows of past epochs are dropped: memory does not grow with the epochs."""
    import weakref

    from playground import cli

    class Row(dict):
        pass

    made: list = []
    alive_at_each_epoch = []
    real_row = cli.metrics_row

    def tracked_row(*args):
        alive_at_each_epoch.append(sum(ref() is not None for ref in made))
        row = Row(real_row(*args))
        made.append(weakref.ref(row))
        return row

    monkeypatch.setattr(cli, "metrics_row", tracked_row)
    assert main(["train", str(design_file), "--epochs", "12", "--quiet"]) == 0
    assert len(alive_at_each_epoch) == 12 and max(alive_at_each_epoch) <= 1


def test_metrics_are_written_epoch_by_epoch_and_an_interrupt_keeps_them(design_file, tmp_path, monkeypatch, capsys):
    from playground import cli
    from playground.training.trainer import Trainer

    written = []
    real_write = cli.MetricsWriter.write
    monkeypatch.setattr(cli.MetricsWriter, "write", lambda self, row: written.append(row["epoch"]) or real_write(self, row))
    real_epoch = Trainer.train_epoch

    def interrupted_at_epoch_4(self, *args, **kwargs):
        if self.epoch == 3:
            raise KeyboardInterrupt
        return real_epoch(self, *args, **kwargs)

    monkeypatch.setattr(Trainer, "train_epoch", interrupted_at_epoch_4)
    metrics = tmp_path / "m.csv"
    assert main(["train", str(design_file), "--epochs", "10", "--quiet", "--metrics", str(metrics)]) == 130
    assert written == [1, 2, 3]
    assert [int(r["epoch"]) for r in csv.DictReader(metrics.open())] == [1, 2, 3]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["m.csv", design_file.name])  # no temp file left


def test_a_metrics_file_that_cannot_be_written_is_reported_before_training(design_file, tmp_path, capsys):
    assert main(["train", str(design_file), "--quiet", "--metrics", str(tmp_path / "no" / "m.csv")]) == 2
    captured = capsys.readouterr()
    assert "Could not write the metrics" in captured.err and "Trained" not in captured.out


def test_the_command_line_limits_torch_threads_as_the_training_process_does(design_file, monkeypatch):
    import torch

    from playground.training import worker_process

    calls = []
    monkeypatch.setattr(torch, "set_num_threads", calls.append)
    assert main(["train", str(design_file), "--epochs", "1", "--quiet"]) == 0
    worker_process.build_trainer(Design())
    assert calls == [1, 1]  # a small network: one thread, in both


def test_a_relative_csv_path_is_found_from_any_current_folder(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "course"
    folder.mkdir()
    rows = ["x,y,label"] + [f"{i},{i % 3},{i % 2}" for i in range(40)]
    (folder / "table.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    document = json.loads(design_to_json(Design(loss="cross_entropy").with_training(epochs=2)))
    document["data"].update(dataset="csv", csv_path="table.csv", csv_target="label")
    (folder / "design.json").write_text(json.dumps(document), encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert main(["train", "../course/design.json", "--quiet"]) == 0, capsys.readouterr().err
    assert "Trained 2 epochs" in capsys.readouterr().out


def comparison_file(tmp_path, *changes: dict, base: Design | None = None, name: str = "race.json"):
    from playground.design.comparison import Comparison, Variant
    from playground.design.io import save_comparison

    path = tmp_path / name
    save_comparison(Comparison(base or Design().with_training(epochs=12), tuple(Variant(changes=c) for c in changes)),
                    path)
    return path


def table_row(out: str, label: str) -> list[str]:
    """The compare table's columns after the run's label (step, epoch, losses, ..., state)."""
    line = next(line for line in out.splitlines() if line.startswith(label + "  "))
    return line[len(label):].split()


def test_compare_trains_the_runs_side_by_side_and_prints_the_table_and_headline(tmp_path, capsys):
    path = comparison_file(tmp_path, {}, {"optimizer.name": "adam"}, {"training.batch_mode": "full"})
    metrics = tmp_path / "runs.csv"
    assert main(["compare", str(path), "--epochs", "10", "--metrics", str(metrics), "--quiet"]) == 0
    out = capsys.readouterr().out
    labels = ["as designed", "Adam", "Full batch (batch gradient descent)"]
    assert table_row(out, labels[0])[:2] == ["250", "10"] and table_row(out, labels[1])[:2] == ["250", "10"]
    assert table_row(out, labels[2])[:2] == ["10", "10"], "full batch: one step an epoch"
    assert out.splitlines()[-1].startswith("Target: test accuracy 90%.")
    rows = list(csv.DictReader(metrics.open()))
    assert sorted((r["run"], r["epoch"]) for r in rows) == sorted((run, str(e)) for run in labels for e in range(1, 11))


def test_compare_refuses_a_plain_design_and_names_every_problem_of_a_bad_comparison(design_file, tmp_path, capsys):
    assert main(["compare", str(design_file), "--quiet"]) == 2
    assert "nn-playground train" in capsys.readouterr().err
    path = comparison_file(tmp_path, {}, {})
    document = json.loads(path.read_text())
    document["variants"][0]["changes"] = {"optimizer.lr": -1}
    document["variants"][1]["changes"] = {"layers[0].activation": "relux"}
    path.write_text(json.dumps(document))
    assert main(["compare", str(path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "variants[0].optimizer.lr" in err and "variants[1].layers[0].activation" in err and "Traceback" not in err


def test_compare_with_a_diverging_run_goes_on_and_exits_1(tmp_path, capsys):
    base = Design(layers=(LinearLayer(units=8, activation="relu"),) * 3, loss="mse").with_data(dataset="plane")
    path = comparison_file(tmp_path, {}, {"optimizer.lr": 10.0}, base=base.with_training(epochs=20))
    assert main(["compare", str(path), "--quiet"]) == 1
    out = capsys.readouterr().out
    steady, too_large = table_row(out, "as designed"), table_row(out, "lr 10")
    assert steady[:2] == ["500", "20"] and steady[-1] == "finished"
    assert too_large[-1] == "diverged" and int(too_large[0]) < 500
    assert "learning rate" in out
