"""Exported PyTorch scripts run on their own and reproduce the engine's training."""

from __future__ import annotations

import ast
import re
import runpy
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from playground.design import registry, rules
from playground.data.datasets import make_dataset
from playground.design.schema import BatchNormLayer, Design, DropoutLayer, LinearLayer
from playground.errors import PlaygroundError
from playground.export.script import SOURCE_MODULES, export_script, write_script
from playground.training.trainer import Trainer

EPOCH_LINE = re.compile(r"^epoch (\d+)  train loss (\S+)$", re.M)


def engine_epoch_losses(design: Design, epochs: int) -> np.ndarray:
    """What the script prints: each epoch's mean per-step training loss."""
    trainer = Trainer(design.with_training(device="cpu"))
    return np.array([trainer.train_epoch().losses.astype(np.float64).mean() for _ in range(epochs)])


def printed_losses(output: str) -> np.ndarray:
    rows = EPOCH_LINE.findall(output)
    assert [int(epoch) for epoch, _ in rows] == list(range(1, len(rows) + 1))
    return np.array([float(loss) for _, loss in rows])


def write(design: Design, folder: Path, name: str) -> Path:
    path = folder / f"{name}.py"
    write_script(design, path)
    return path


def load(path: Path) -> dict:
    return runpy.run_path(str(path), run_name="exported")


SUBPROCESS_DESIGNS = {
    "circle_default": Design(name="Circle"),
    "spiral_relu_adam": Design(
        layers=tuple(LinearLayer(units=8, activation="relu") for _ in range(3)), init="he"
    ).with_data(dataset="spiral", noise=0.2).with_optimizer(name="adam", lr=0.01),
    "line_outliers_mae": Design(layers=(LinearLayer(units=4),), loss="mae")
    .with_data(dataset="line", outlier_fraction=0.2, noise=0.1)
    .with_optimizer(name="momentum", lr=0.02, nesterov=True)
    .with_training(batch_mode="stochastic"),
    # 211 training points in batches of 10: the lone last point joins the previous batch.
    "batchnorm_dropout_l2": Design(
        layers=(LinearLayer(units=8, activation="linear"), BatchNormLayer(activation="relu"), DropoutLayer(p=0.3),
                LinearLayer(units=6, activation="leaky_relu")),
        loss="cross_entropy", init="xavier",
    ).with_data(dataset="blobs", classes=4, samples=301, train_fraction=0.7)
    .with_optimizer(name="rmsprop", lr=0.01, weight_decay=0.001)
    .with_training(regularization="l2", regularization_rate=0.003),
}


def test_exported_scripts_run_alone_and_print_the_engines_losses(tmp_path):
    epochs = 4
    runs = {}
    for name, design in SUBPROCESS_DESIGNS.items():
        script = write(design, tmp_path, name)
        command = [sys.executable, str(script), "--epochs", str(epochs)]
        # Started together: each pays torch's import time once, in parallel.
        runs[name] = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for name, process in runs.items():
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        expected = engine_epoch_losses(SUBPROCESS_DESIGNS[name], epochs)
        np.testing.assert_allclose(printed_losses(out), expected, rtol=1e-5, err_msg=name)
        assert "test loss" in out


def in_process_losses(design: Design, folder: Path, epochs: int, capsys) -> np.ndarray:
    namespace = load(write(design, folder, "script"))
    capsys.readouterr()
    namespace["train"](epochs)
    return printed_losses(capsys.readouterr().out)


def csv_design(folder: Path, task: str) -> Design:
    rng = np.random.default_rng(3)
    path = folder / f"{task}.csv"
    lines = ["size ; weight;kind"]  # spaces around names and a semicolon separator
    for i in range(60):
        a, b = rng.normal(5, 2), rng.normal(-1, 0.5)
        kind = ["emu", "cat", "dog"][i % 3] if task == "classification" else f"{2 * a - b + rng.normal(0, 0.1):.4f}"
        lines.append(f"{a:.3f};{b:.3f};{kind}")
        if i == 30:
            lines.append(";;")  # a blank row, skipped
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loss = "cross_entropy" if task == "classification" else "huber"
    return Design(layers=(LinearLayer(units=3),), loss=loss).with_data(
        dataset="csv", csv_path=str(path), csv_target="kind", csv_task=task, train_fraction=0.6
    )


@pytest.mark.parametrize("kind", ["digits", "sine_zeros_huge_batch", "csv_classification", "csv_regression"])
def test_other_data_sources_and_settings_reproduce_too(tmp_path, capsys, kind):
    if kind == "digits":
        design = Design(layers=(LinearLayer(units=16, activation="gelu"),), loss="cross_entropy").with_data(
            dataset="digits").with_optimizer(name="adagrad", lr=0.05).with_training(
            batch_mode="full", regularization="l1", regularization_rate=0.0001)
    elif kind == "sine_zeros_huge_batch":
        design = Design(layers=(LinearLayer(units=5, activation="elu"),), loss="huber", init="zeros").with_data(
            dataset="sine").with_optimizer(name="adamw").with_training(batch_size=500)
    else:
        design = csv_design(tmp_path, kind.removeprefix("csv_"))
    np.testing.assert_allclose(in_process_losses(design, tmp_path, 3, capsys), engine_epoch_losses(design, 3), rtol=1e-5)


@pytest.mark.parametrize("dataset", [*registry.DATASETS, "csv_regression"])
def test_the_scripts_data_part_makes_the_engines_data(tmp_path, dataset):
    if dataset.startswith("csv"):
        design = csv_design(tmp_path, "regression" if dataset == "csv_regression" else "classification")
    else:
        info = registry.DATASETS[dataset]
        features = ("x1", "x2", "x1_sq", "x2_sq", "x1x2", "sin_x1", "sin_x2") if info.input_kind == "2d" else ("x1", "x2")
        design = Design(loss=rules.default_loss(info.task)).with_data(
            dataset=dataset, noise=0.3, outlier_fraction=0.1, classes=4, samples=203, features=features, seed=5
        )
    x_train, y_train, x_test, y_test = load(write(design, tmp_path, dataset))["make_data"]()
    data = make_dataset(design.data)
    for got, want in ((x_train, data.x_train), (x_test, data.x_test)):
        assert got.dtype == torch.float32
        np.testing.assert_array_equal(got.numpy(), want)
    for got, want in ((y_train, data.y_train), (y_test, data.y_test)):
        np.testing.assert_array_equal(got.numpy().reshape(-1), want.astype(got.numpy().dtype))


def test_the_bundle_ships_the_source_that_scripts_copy():
    """Export reads the engine's functions with inspect, which in the frozen app needs their .py files."""
    spec = (Path(__file__).resolve().parents[1] / "packaging" / "nn_playground.spec").read_text(encoding="utf-8")
    for module in SOURCE_MODULES:
        assert re.search(rf'"{re.escape(module)}":\s*"pyz\+py"', spec), module


def test_a_diverging_design_says_so_and_stops(tmp_path, capsys):
    design = Design(layers=(LinearLayer(units=8),), loss="mse").with_data(dataset="sine").with_optimizer(lr=5.0)
    namespace = load(write(design, tmp_path, "diverge"))
    capsys.readouterr()
    namespace["train"](50)
    out = capsys.readouterr().out
    assert "diverged" in out and len(EPOCH_LINE.findall(out)) < 50


def test_the_script_is_readable_self_contained_and_runs_nothing_on_import(tmp_path, capsys):
    hostile = 'Tricky"""\n\rimport os; raise SystemExit(3)\x00\u2028print("boo")'
    design = Design(name=hostile, description="Line one.\nLine two: raise SystemExit(4)")
    text = export_script(design)
    path = tmp_path / "tricky.py"
    path.write_text(text, encoding="utf-8")
    namespace = load(path)
    assert capsys.readouterr().out == ""
    assert {"make_data", "build_model", "train", "main"} <= set(namespace)

    lines = text.splitlines()
    assert lines[0] == '# Tricky"""' and "# Exported from NN Playground as a standalone PyTorch script. It needs only torch" in lines
    assert "# Line two: raise SystemExit(4)" in lines
    code_lines = [line for line in lines if not line.lstrip().startswith("#")]
    assert not any("SystemExit" in line or "boo" in line for line in code_lines)

    tree = ast.parse(text)
    imported = {alias.name.split(".")[0] for node in tree.body if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in tree.body if isinstance(node, ast.ImportFrom)}
    assert imported <= {"argparse", "math", "gzip", "csv", "numpy", "torch"}
    kinds = {type(node).__name__ for node in tree.body}
    assert kinds <= {"Import", "ImportFrom", "Assign", "FunctionDef", "If"}
    assert max(len(line) for line in lines if not line.startswith("# ")) <= 120, "generated code stays readable"


def test_the_model_and_optimizer_read_as_the_design_says(tmp_path):
    design = Design(layers=(LinearLayer(units=8, activation="leaky_relu"), BatchNormLayer(momentum=0.2), DropoutLayer(p=0.25)),
                    init="he").with_optimizer(name="momentum", lr=0.05, nesterov=True)
    text = export_script(design)
    assert "nn.Linear(2, 8),  # Linear 1: 2 -> 8" in text
    assert "nn.LeakyReLU(negative_slope=0.01)," in text
    assert "nn.BatchNorm1d(8, momentum=0.2)," in text and "nn.Dropout(0.25)," in text
    assert 'nn.init.kaiming_normal_(model[0].weight, nonlinearity="leaky_relu")' in text
    assert "torch.optim.SGD(model.parameters(), lr=LEARNING_RATE, momentum=0.9, nesterov=True, weight_decay=0.0)" in text
    assert "LEARNING_RATE = 0.05" in text and "nn.BCEWithLogitsLoss()" in text
    model = load(write(design, tmp_path, "m"))["build_model"]()
    engine = Trainer(design.with_training(device="cpu")).network
    assert [type(m) for m in model] == [type(m) for m in engine]


def test_writing_to_an_impossible_place_is_a_clear_error(tmp_path):
    with pytest.raises(PlaygroundError, match="Cannot export"):
        write_script(Design(), tmp_path / "missing-folder" / "x.py")
