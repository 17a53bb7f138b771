"""Design files: canonical JSON, migrations, every problem named, atomic saves."""

from __future__ import annotations

import json
import os
import random

import pytest

from playground.design import io as design_io
from playground import files
from playground.design.schema import BatchNormLayer, DataSpec, Design, DropoutLayer, LinearLayer, OptimizerSpec, TrainingSpec
from playground.design.io import (
    FORMAT,
    VERSION,
    design_from_json,
    design_to_json,
    load_design,
    save_design,
)
from playground.errors import DesignFileError


def _varied_designs() -> list[Design]:
    every_layer = Design(
        name="Spirale — tiefes Netz 🌀",
        description="Ünïcödé text\nwith a newline, \"quotes\" and a tab\t.",
        data=DataSpec(dataset="spiral", samples=1200, noise=0.35, train_fraction=0.7, features=("x1", "x2", "sin_x1")),
        layers=(
            LinearLayer(units=16, activation="relu"),
            BatchNormLayer(activation="gelu", momentum=0.05),
            DropoutLayer(p=0.1),
            LinearLayer(units=8, activation="leaky_relu"),
        ),
        init="he",
        loss="cross_entropy",
        optimizer=OptimizerSpec(name="adam", lr=3e-05, eps=1e-8, beta2=0.9999, weight_decay=0.1),
        training=TrainingSpec(batch_mode="full", epochs=5, regularization="l2", regularization_rate=1e-8, device="cpu"),
    )
    regression = Design(
        name="回归",
        data=DataSpec(dataset="sine", outlier_fraction=0.2, seed=2**31 - 1),
        layers=(),
        loss="huber",
        optimizer=OptimizerSpec(name="momentum", lr=0.1, momentum=0.5, nesterov=True),
        training=TrainingSpec(batch_mode="stochastic", seed=123),
    )
    csv = Design(
        data=DataSpec(dataset="csv", csv_path="/tmp/données.csv", csv_target="prix", csv_task="regression"),
        loss="mse",
    )
    rng = random.Random(7)
    random_floats = [
        Design(
            data=DataSpec(noise=rng.random(), train_fraction=rng.uniform(0.1, 0.9)),
            optimizer=OptimizerSpec(lr=10 ** rng.uniform(-7, 1), eps=10 ** rng.uniform(-12, -1)),
            layers=(BatchNormLayer(momentum=rng.uniform(1e-9, 1.0)), DropoutLayer(p=rng.uniform(0, 0.95))),
        )
        for _ in range(20)
    ]
    return [Design(), every_layer, regression, csv, *random_floats]


def _document(**changes) -> dict:
    return {**json.loads(design_to_json(Design())), **changes}


def _problems(text: str | bytes, **kwargs) -> dict[str, str]:
    with pytest.raises(DesignFileError) as caught:
        design_from_json(text, **kwargs)
    return {p.field: p.message for p in caught.value.problems}


def _with(section: str, **values) -> str:
    document = _document()
    document[section] = {**document[section], **values}
    return json.dumps(document)


# -- the canonical form ----------------------------------------------------------------


def test_file_is_readable_json_with_format_and_version_first():
    text = design_to_json(Design(name="Ünïcödé"))
    assert text.startswith('{\n  "format": "nn-playground-design",\n  "version": 2,\n  "name": "Ünïcödé",')
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert list(json.loads(text))[2:] == list(Design.model_fields)


@pytest.mark.parametrize("design", _varied_designs(), ids=lambda d: d.name or "unnamed")
def test_round_trip_is_exact(design):
    text = design_to_json(design)
    loaded = design_from_json(text)
    assert loaded == design
    assert design_to_json(loaded) == text
    assert design_from_json(text.encode("utf-8")) == design


def test_utf8_bom_and_integers_for_floats_are_accepted():
    text = _with("optimizer", lr=1)
    design = design_from_json("\ufeff" + text)
    assert design.optimizer.lr == 1.0
    assert design_from_json(b"\xef\xbb\xbf" + text.encode()).optimizer.lr == 1.0


# -- migrations ------------------------------------------------------------------------


def test_older_version_is_migrated_before_validation(monkeypatch):
    def rename_learning_rate(fields: dict) -> dict:
        optimizer = dict(fields["optimizer"])
        optimizer["lr"] = optimizer.pop("learning_rate")
        return {**fields, "optimizer": optimizer}

    monkeypatch.setattr(design_io, "VERSION", 3)
    monkeypatch.setitem(design_io.MIGRATIONS, 2, rename_learning_rate)
    old = _document(version=2)
    old["optimizer"] = {**old["optimizer"], "learning_rate": 0.25}
    del old["optimizer"]["lr"]
    assert design_from_json(json.dumps(old)).optimizer.lr == 0.25
    assert json.loads(design_to_json(Design()))["version"] == 3
    # A version-1 file goes through every migration in turn.
    older = {**old, "version": 1}
    assert design_from_json(json.dumps(older)).optimizer.lr == 0.25


def test_a_version_1_file_loads_as_the_same_design():
    for design in _varied_designs()[:4]:
        text = design_to_json(design).replace('"version": 2,', '"version": 1,', 1)
        assert json.loads(text)["version"] == 1
        assert design_from_json(text) == design
        assert design_to_json(design_from_json(text)) == design_to_json(design)  # saved again as version 2


def test_current_version_is_not_migrated(monkeypatch):
    monkeypatch.setitem(design_io.MIGRATIONS, VERSION - 1, lambda fields: pytest.fail("migrated a current file"))
    assert design_from_json(design_to_json(Design())) == Design()


def test_failing_migration_is_a_file_error(monkeypatch):
    monkeypatch.setitem(design_io.MIGRATIONS, 1, lambda fields: fields["no such section"])
    assert "cannot upgrade" in _problems(json.dumps(_document(version=1)))["version"]


@pytest.mark.parametrize(
    ("version", "word"),
    [(0, "1 or more"), (-3, "1 or more"), (1.0, "whole number"), ("1", "whole number"), (True, "whole number")],
)
def test_impossible_versions_are_refused(version, word):
    assert word in _problems(json.dumps(_document(version=version)))["version"]


def test_newer_version_asks_to_update_the_app():
    message = _problems(json.dumps(_document(version=7)))["version"]
    assert message == (
        "this file was saved by a newer NN Playground (format version 7); this version reads up to 2: update the app"
    )


# -- corrupt files and wrong envelopes -------------------------------------------------


def test_invalid_json_names_line_and_column():
    text = design_to_json(Design()).replace('"loss": "bce",', '"loss": "bce"')
    line = next(i for i, row in enumerate(text.splitlines(), 1) if '"optimizer"' in row)
    message = _problems(text)[""]
    assert "invalid JSON" in message and f"line {line}, column 3" in message


@pytest.mark.parametrize(
    ("text", "word"),
    [
        (b"\xff\xfe{\x00}\x00", "not UTF-8"),
        (b"", "empty"),
        ("  \n", "empty"),
        ("[1, 2]", "a list"),
        ('"design"', "a string"),
        ('{"format": "nn-playground-design", "version": 1, "name": NaN}', "NaN"),
        ("[" * 100 + "]" * 100, "nested"),
    ],
)
def test_corrupt_files_are_refused(text, word):
    assert word in _problems(text)[""]


def test_missing_or_wrong_format_and_version_are_reported_together():
    document = _document(format="tensorflow-playground")
    del document["version"]
    problems = _problems(json.dumps(document))
    assert "not an NN Playground design" in problems["format"]
    assert "missing" in problems["version"]
    document = _document()
    del document["format"]
    assert "missing" in _problems(json.dumps(document))["format"]


# -- wrong fields: each named by its path ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "field", "word"),
    [
        (_with("optimizer", lr="0.1"), "optimizer.lr", "valid number"),
        (_with("training", epochs=True), "training.epochs", "valid integer"),
        (_with("training", epochs=10.5), "training.epochs", "valid integer"),
        (_with("optimizer", nesterov=1), "optimizer.nesterov", "valid boolean"),
        (_with("data", features="x1"), "data.features", "valid array"),
        (_with("optimizer", lr=0), "optimizer.lr", "greater than"),
        (_with("data", noise=1.5), "data.noise", "less than"),
        (_with("optimizer", name="lbfgs"), "optimizer.name", "unknown optimizer"),
        (_with("data", dataset="mnist"), "data.dataset", "unknown dataset"),
        (_with("data", features=["x1", "x3"]), "data.features", "unknown feature"),
        (_with("training", batch_mode="online"), "training.batch_mode", "Input should be"),
        (_with("optimizer", colour="red"), "optimizer.colour", "unknown field"),
        (json.dumps(_document(loss="hinge")), "loss", "unknown loss"),
        (json.dumps(_document(colour="red")), "colour", "unknown field"),
        (json.dumps(_document(name=5)), "name", "valid string"),
        (json.dumps(_document(layers={"units": 4})), "layers", "valid array"),
    ],
)
def test_bad_field_is_named(text, field, word):
    problems = _problems(text)
    assert word in problems[field], problems


@pytest.mark.parametrize(
    ("layer", "field", "word"),
    [
        ({"type": "linear", "units": 0, "activation": "tanh"}, "layers[1].units", "greater than"),
        ({"type": "linear", "units": 4, "activation": "swish"}, "layers[1].activation", "unknown activation"),
        ({"type": "dropout", "p": 0.99}, "layers[1].p", "less than"),
        ({"type": "batchnorm", "momentum": "0.1"}, "layers[1].momentum", "valid number"),
        ({"type": "conv", "units": 4}, "layers[1]", "conv"),
        ({"units": 4}, "layers[1]", "type"),
    ],
)
def test_bad_layer_is_named_by_index(layer, field, word):
    document = _document()
    document["layers"] = [document["layers"][0], layer]
    assert word in _problems(json.dumps(document))[field]


def test_three_independent_problems_are_all_reported():
    document = _document(loss="hinge", colour="red")
    document["layers"][1]["units"] = -1
    problems = _problems(json.dumps(document))
    assert set(problems) == {"loss", "colour", "layers[1].units"}


def test_cross_field_problems_only_with_check():
    text = json.dumps(_document(loss="mse"))  # circle data is two-class
    assert "does not fit" in _problems(text)["loss"]
    assert design_from_json(text, check=False).loss == "mse"


# -- saving ------------------------------------------------------------------------------


def _folder_listing(path) -> list[str]:
    return sorted(os.listdir(path))


def test_save_then_load_gives_the_same_design(tmp_path):
    design = _varied_designs()[1]
    path = tmp_path / "spiral.json"
    save_design(design, path)
    assert load_design(path) == design
    assert path.read_text(encoding="utf-8") == design_to_json(design)
    assert _folder_listing(tmp_path) == ["spiral.json"]
    save_design(Design(), path)  # replacing an existing file
    assert load_design(path) == Design()


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failed_save_keeps_old_file_and_leaves_no_temp_file(tmp_path, monkeypatch, failing):
    path = tmp_path / "design.json"
    save_design(Design(name="old"), path)
    old = path.read_bytes()

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(design_io.os, failing, disk_full)
    with pytest.raises(DesignFileError) as caught:
        save_design(Design(name="new"), path)
    assert "No space left" in caught.value.text()
    assert path.read_bytes() == old
    assert _folder_listing(tmp_path) == ["design.json"]


def test_interrupted_write_leaves_no_temp_file(tmp_path, monkeypatch):
    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(design_io.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.atomic_write_text(tmp_path / "metrics.csv", "epoch,loss\n")
    assert _folder_listing(tmp_path) == []


def test_save_into_missing_folder_or_onto_a_folder(tmp_path):
    with pytest.raises(DesignFileError) as caught:
        save_design(Design(), tmp_path / "nowhere" / "d.json")
    assert "does not exist" in caught.value.text() and "d.json" in caught.value.title
    with pytest.raises(DesignFileError) as caught:
        save_design(Design(), tmp_path)
    assert "folder" in caught.value.text()


def test_save_without_permission(tmp_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", denied)
    with pytest.raises(DesignFileError) as caught:
        save_design(Design(), tmp_path / "d.json")
    assert "no permission to write" in caught.value.text()


def _left_by_a_killed_save(target, age_seconds: float) -> str:
    """The temp file a save leaves when it is killed before its rename, last written ``age_seconds`` ago."""
    import tempfile
    import time

    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.write(fd, b'{"half": ')
    os.close(fd)
    then = time.time() - age_seconds
    os.utime(temp, (then, then))
    return os.path.basename(temp)


def test_saving_removes_the_stale_temp_files_of_killed_saves_of_that_file_only(tmp_path):
    path = tmp_path / "design.json"
    stale = _left_by_a_killed_save(path, 3600)
    going_on = _left_by_a_killed_save(path, 5)  # perhaps another window saving right now
    other = _left_by_a_killed_save(tmp_path / "design.json.bak", 3600)  # another file's
    mine = tmp_path / ".design.json.notes.tmp"
    mine.write_text("a file of the user's")
    os.utime(mine, (0, 0))
    save_design(Design(), path)
    assert _folder_listing(tmp_path) == sorted(["design.json", going_on, other, mine.name])
    assert stale not in _folder_listing(tmp_path)
    assert load_design(path) == Design()


def test_atomic_write_keeps_permissions_and_follows_symlinks(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old")
    os.chmod(real, 0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    files.atomic_write_bytes(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert real.stat().st_mode & 0o777 == 0o640


# -- loading from disk -------------------------------------------------------------------


def test_load_problems_carry_the_path(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_document(loss="hinge")), encoding="utf-8")
    with pytest.raises(DesignFileError) as caught:
        load_design(path)
    assert str(path) in caught.value.title
    assert "unknown loss" in {p.field: p.message for p in caught.value.problems}["loss"]


@pytest.mark.parametrize(
    ("make", "word"),
    [
        (lambda folder: folder / "missing.json", "no such file"),
        (lambda folder: folder, "folder"),
    ],
)
def test_unreadable_paths(tmp_path, make, word):
    path = make(tmp_path)
    with pytest.raises(DesignFileError) as caught:
        load_design(path)
    assert str(path) in caught.value.title and word in caught.value.text()


def test_load_without_permission(tmp_path, monkeypatch):
    path = tmp_path / "secret.json"
    save_design(Design(), path)

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # Running as root, chmod 000 would not stop the read: simulate it.
    monkeypatch.setattr(files, "read_file", denied)  # every file is opened by files.load_file
    with pytest.raises(DesignFileError) as caught:
        load_design(path)
    assert str(path) in caught.value.title and "no permission to read" in caught.value.text()


def test_too_large_file_is_refused_without_parsing(tmp_path):
    path = tmp_path / "huge.json"
    path.write_bytes(b" " * (design_io.MAX_FILE_BYTES + 1))
    with pytest.raises(DesignFileError) as caught:
        load_design(path)
    assert str(path) in caught.value.title and "too large: 5.1 MB, more than the limit of 5 MB" in caught.value.text()


def test_format_constants():
    assert FORMAT == "nn-playground-design" and VERSION == 2 and set(design_io.MIGRATIONS) == {1}


# -- hostile values: named by their field, quoted only as an excerpt -------------------------


def test_a_huge_integer_is_named_by_its_field_not_by_pythons_limit():
    digits = "1" * 5001
    text = _with("training", seed="SEED").replace('"SEED"', digits)
    with pytest.raises(DesignFileError) as caught:
        design_from_json(text)
    (problem,) = caught.value.problems
    assert problem.field == "training.seed" and "5,001 digits" in problem.message
    assert "set_int_max_str_digits" not in caught.value.text()
    document = _document()
    document["layers"][1]["units"] = "UNITS"
    document["data"]["samples"] = "UNITS"
    problems = _problems(json.dumps(document).replace('"UNITS"', "-" + digits))
    assert set(problems) == {"layers[1].units", "data.samples"}


def test_long_text_is_quoted_only_as_a_short_excerpt():
    cases = [json.dumps(_document(description="x" * 20_001)), json.dumps(_document(name="n" * 5000)),
             _with("optimizer", name="o" * 20_000), _with("data", features=["f" * 20_000] * 50),
             json.dumps(_document(format="F" * 20_000))]
    document = _document()
    document["layers"][0] = {"type": "t" * 20_000, "units": 4}
    cases.append(json.dumps(document))
    for text in cases:
        with pytest.raises(DesignFileError) as caught:
            design_from_json(text)
        assert len(caught.value.text()) < 500, caught.value.text()[:200]
        assert all(len(repr(arg)) < 300 for p in caught.value.problems for arg in p.args)
    assert "description" in {p.field for p in _raised(cases[0]).problems}


def _raised(text) -> DesignFileError:
    with pytest.raises(DesignFileError) as caught:
        design_from_json(text)
    return caught.value


def test_a_lone_surrogate_is_named_by_its_field():
    text = json.dumps(_document(name="ab")).replace('"name": "ab"', '"name": "ab\\udc80"')
    error = _raised(text)
    (problem,) = error.problems
    assert problem.field == "name" and "\\udc80" in problem.message and "character 3" in problem.message
    error.text().encode("utf-8")  # printable on any console: the surrogate is shown as an escape


def test_a_device_fifo_or_sparse_file_is_refused_before_reading(tmp_path):
    if not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"):
        pytest.skip("POSIX paths")
    os.mkfifo(tmp_path / "pipe")
    with open(tmp_path / "sparse.json", "wb") as f:
        f.truncate(design_io.MAX_FILE_BYTES + 2**20)
    for path, words in [("/dev/zero", "not an ordinary file"), (tmp_path / "pipe", "not an ordinary file"),
                        (tmp_path / "sparse.json", "6.0 MB, more than the limit of 5 MB")]:
        with pytest.raises(DesignFileError) as caught:
            load_design(path)
        assert words in caught.value.text() and caught.value.title_code == "design_open"


# -- a CSV file travels with its design ----------------------------------------------------


def test_a_csv_path_is_saved_relative_to_the_design_and_resolved_against_its_folder(tmp_path, monkeypatch):
    import shutil

    folder = tmp_path / "course"
    (folder / "data").mkdir(parents=True)
    for name in ("flowers.csv", "data/prices.csv"):
        (folder / name).write_text("a,b\n1,2\n", encoding="utf-8")
    outside = tmp_path / "elsewhere.csv"
    for csv, written in [(folder / "flowers.csv", "flowers.csv"), (folder / "data" / "prices.csv", "data/prices.csv"),
                         (outside, str(outside))]:
        design = Design().with_data(dataset="csv", csv_path=str(csv), csv_target="b")
        save_design(design, folder / "design.json")
        assert json.loads((folder / "design.json").read_text("utf-8"))["data"]["csv_path"] == written
        assert load_design(folder / "design.json", check=False) == design

    save_design(Design().with_data(dataset="csv", csv_path=str(folder / "data" / "prices.csv"), csv_target="b"),
                folder / "design.json")
    shutil.copytree(folder, tmp_path / "moved")
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")  # a relative path is not taken from the current folder
    loaded = load_design(tmp_path / "moved" / "design.json", check=False)
    assert loaded.data.csv_path == str(tmp_path / "moved" / "data" / "prices.csv")
    assert load_design(os.path.relpath(tmp_path / "moved" / "design.json"), check=False) == loaded
