"""The engine's messages reach a Korean learner in Korean, and stay exact in English."""

import json

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from playground.design.schema import BatchNormLayer, Design, LinearLayer, check_design
from playground.nn.devices import select_device
from playground.errors import Problem
from playground.training.trainer import Diverged, Trainer
from playground.ui.i18n import install_translators
from playground.ui.messages import device_notice, problem_message


def diverged_problem() -> Problem:
    design = Design(layers=(LinearLayer(units=8, activation="relu"),) * 3, loss="mse").with_data(dataset="plane")
    trainer = Trainer(design.with_optimizer(lr=10.0).with_training(epochs=50))
    with pytest.raises(Diverged) as caught:
        trainer.train_steps(trainer.max_steps)
    return caught.value.problems[0]


def cross_field_problems() -> list[Problem]:
    bad = Design(layers=(LinearLayer(units=4), BatchNormLayer()), loss="mse").with_training(batch_mode="stochastic")
    return check_design(bad.with_optimizer(name="momentum", nesterov=True, momentum=0.0))


def test_in_english_the_wording_is_the_engines():
    problems = cross_field_problems() + [diverged_problem()]
    assert [problem_message(p) for p in problems] == [p.message for p in problems]
    assert problem_message(Problem("x", "something new")) == "something new"


@pytest.fixture
def korean(qtbot):
    app = QApplication.instance()
    translators = install_translators(app, "ko")
    yield
    for translator in translators:
        app.removeTranslator(translator)


def has_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def test_in_korean_design_problems_divergence_and_devices_are_korean(korean):
    for problem in cross_field_problems():
        assert has_hangul(problem_message(problem)), problem.message
    divergence = problem_message(diverged_problem())
    assert has_hangul(divergence) and "발산" in divergence and "10" in divergence
    notice = device_notice(select_device("cuda", lambda: False, lambda: False))
    assert has_hangul(notice) and "CPU" in notice


def test_design_file_problems_are_worded_in_korean(korean):
    import json

    from playground.design.io import design_from_json, design_to_json
    from playground.errors import DesignFileError
    from playground.ui.messages import problem_text

    document = json.loads(design_to_json(Design()))
    document["optimizer"]["lr"] = -1
    document["layers"][0]["units"] = 2.5
    document["extra"] = 1
    document["layers"][1]["activation"] = "rleu"
    with pytest.raises(DesignFileError) as caught:
        design_from_json(json.dumps(document))
    texts = [problem_text(p) for p in caught.value.problems]
    assert len(texts) == 4 and all(has_hangul(t) for t in texts), texts
    assert any("0보다 커야" in t and "-1" in t for t in texts)
    assert any("알 수 없는 활성 함수 'rleu'" in t and "relu, " in t for t in texts), texts


def caught(make):
    """The PlaygroundError that ``make()`` raises."""
    from playground.errors import PlaygroundError

    with pytest.raises(PlaygroundError) as error:
        make()
    return error.value


def file_errors(tmp_path) -> list:
    """Real errors, one or more for every code of a file problem (CSV, design file, reading, writing)."""
    import os

    from playground.data import csv_import, datasets
    from playground.design.schema import DataSpec
    from playground.design.io import MAX_FILE_BYTES, design_from_json, design_to_json, load_design, save_design

    def write(name: str, text: str | bytes) -> str:
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        return str(path)

    rows = "".join(f"{i},{i % 3},{'ab'[i % 2]}\n" for i in range(12))
    good = write("good.csv", "x,y,label\n" + rows)
    csv_cases = [
        ("missing.csv", None, "label", "classification"),
        (str(tmp_path), None, "label", "classification"),
        ("good.csv", None, "nope", "classification"),
        ("one.csv", "label\n" + "a\n" * 12, "label", "classification"),
        ("few.csv", "x,label\n1,a\n2,b\n", "label", "classification"),
        ("onerow.csv", "x,label\n1,a\n", "label", "classification"),
        ("empty.csv", " \n", "label", "classification"),
        ("numbers.csv", "1,2\n3,4\n", "label", "classification"),
        ("spaces.csv", "x y label\n1 2 a\n", "label", "classification"),
        ("glued.csv", "xylabel\n1\n", "label", "classification"),
        ("header.csv", "x,label\n", "label", "classification"),
        ("latin.csv", "x,label\n1,caf\xe9\n".encode("latin-1"), "label", "classification"),
        ("binary.csv", b"x,label\n\x00,a\n", "label", "classification"),
        ("twice.csv", "x,x,label\n" + rows, "label", "classification"),
        ("quote.csv", 'x,y,label\n"1,2,a\n' + rows, "label", "classification"),
        ("ragged.csv", "x,y,label\n1,a\n" + rows, "label", "classification"),
        ("gap.csv", "x,y,label\n,1,a\n" + rows, "label", "classification"),
        ("word.csv", "x,y,label\nred,1,a\n2,1;5,b\n" + rows, "label", "classification"),
        ("comma.csv", "x;y;label\n1,5;1;a\n" + rows.replace(",", ";"), "label", "classification"),
        ("inf.csv", "x,y,label\ninf,1,a\n" + rows, "label", "classification"),
        ("nolabel.csv", "x,y,label\n1,1,\n" + rows, "label", "classification"),
        ("onelabel.csv", "x,label\n" + "1,a\n" * 12, "label", "classification"),
        ("target.csv", "x,label\n" + "1,a\n" * 12, "label", "regression"),
        ("classes.csv", "x,label\n" + "".join(f"1,c{i}\n" for i in range(60)), "label", "classification"),
        ("wide.csv", ",".join(f"c{i}" for i in range(8)) + ",label\n" + "x,x,x,x,x,x,x,x,a\n" * 12, "label",
         "classification"),
        ("six.csv", ",".join(f"c{i}" for i in range(6)) + ",label\n" + "x,x,x,x,x,x,a\nx,x,x,x,x,x,b\n" * 6, "label",
         "classification"),
        ("long.csv", "x,label\n" + "1,a\n" * 12 + f"{'1' * 200_000},a\n", "label", "classification"),
    ]
    errors = []
    for name, text, target, task in csv_cases:
        path = write(name, text) if text is not None else (name if os.path.isabs(name) else str(tmp_path / name))
        errors.append(caught(lambda: csv_import.load_csv(path, target, task)))
    far = write("far.csv", "far,label\n" + "".join(f"{i % 2 * 1e-50},{i % 2}\n" for i in range(19)) + "1,1\n")
    errors.append(caught(lambda: datasets.make_dataset(DataSpec(dataset="csv", csv_path=far, csv_target="label",
                                                                train_fraction=0.9))))
    errors.append(caught(lambda: csv_import.load_csv("", "label", "classification")))
    many = write("many.csv", "x,label\n" + "1,a\n" * (csv_import.MAX_ROWS + 1))
    errors.append(caught(lambda: csv_import.load_csv(many, "label", "classification")))

    document = json.loads(design_to_json(Design()))
    bad_texts = [b"\xff{}", " ", "[" * 40 + "]" * 40, '{"name": 1,}', "[1]", '{"a": NaN}',
                 json.dumps({**document, "name": "SURROGATE"}).replace('"SURROGATE"', '"\\udc80"'),
                 json.dumps({**document, "name": "SEED"}).replace('"SEED"', "1" * 5001),
                 json.dumps({k: v for k, v in document.items() if k not in ("format", "version")}),
                 json.dumps({**document, "format": "x", "version": "one"}), json.dumps({**document, "version": 0}),
                 json.dumps({**document, "version": 99})]
    errors += [caught(lambda: design_from_json(text)) for text in bad_texts]
    sparse = tmp_path / "sparse.json"
    with open(sparse, "wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)
    errors += [caught(lambda: load_design(path)) for path in (sparse, tmp_path, tmp_path / "gone.json")]
    if os.path.exists("/dev/zero"):
        errors.append(caught(lambda: load_design("/dev/zero")))
    errors += [caught(lambda: save_design(Design(), path)) for path in (tmp_path, tmp_path / "no" / "d.json")]
    errors += comparison_errors(document)
    return errors


def comparison_errors(document: dict) -> list:
    """Real errors of comparison files and of comparisons over the parameter limit."""
    from playground.design.comparison import Comparison, Variant, check_size
    from playground.design.io import comparison_from_json, design_from_json

    texts = [json.dumps({**document, "variants": [{}, {"changes": {"data.seed": 2, "layers[5].units": 3}}]}),
             json.dumps({**document, "variants": [{}]}), json.dumps({**document, "variants": {}}),
             json.dumps({**document, "layers": [], "variants": [{}, {"changes": {"layers[0].units": 3}}]}),
             json.dumps({**document, "layers": [{"type": "linear", "units": 2, "activation": "tanh"}] * 12,
                         "variants": [{}, {"changes": {"layers.batch_norm": True, "layers.dropout": 0.1}}]}),
             json.dumps(document)]
    errors = [caught(lambda: comparison_from_json(text)) for text in texts]
    errors.append(caught(lambda: design_from_json(texts[0])))
    errors.append(caught(lambda: Comparison(Design(), [Variant()] * 7)))
    wide = Comparison(Design(layers=(LinearLayer(units=512),) * 10), [Variant()] * 3)
    errors.append(caught(lambda: check_size(wide, 2, 2)))
    return errors


def test_every_file_problem_is_worded_as_the_engine_words_it_in_english(tmp_path):
    from playground.ui.messages import _FILE_WORDINGS, error_title

    errors = file_errors(tmp_path)
    problems = [p for error in errors for p in error.problems]
    assert [problem_message(p) for p in problems] == [p.message for p in problems]
    assert [error_title(e) for e in errors] == [e.title for e in errors]
    covered = {p.code for p in problems}
    missing = set(_FILE_WORDINGS) - covered - {"file_permission", "file_unreadable", "write_permission",
                                               "write_failed", "version_no_migration", "version_migration_failed",
                                               "file_not_regular"}
    assert not missing, missing


def test_every_file_problem_and_title_is_korean_in_korean(korean, tmp_path):
    from playground.design import io as design_io
    from playground import files
    from playground.ui.messages import _FILE_WORDINGS, error_title

    errors = file_errors(tmp_path)
    problems = [p for error in errors for p in error.problems]
    for code, error in [("file_permission", PermissionError(13, "Permission denied")),
                        ("file_unreadable", OSError(5, "Input/output error")),
                        ("file_not_regular", files.NotRegularFile(6, "Not a regular file"))]:
        problems.append(files.read_problem(error, "data.csv", "data.csv_path"))
    for error in (PermissionError(13, "Permission denied"), OSError(28, "No space left on device")):
        problems.append(design_io._write_problem(error, tmp_path / "d.json"))
    problems += [Problem("version", "", "version_no_migration", (1,)),
                 Problem("version", "", "version_migration_failed", (1, "KeyError('x')"))]
    assert {p.code for p in problems} >= set(_FILE_WORDINGS)
    untranslated = [p.message for p in problems if not has_hangul(problem_message(p))]
    assert not untranslated, untranslated
    assert all(has_hangul(error_title(e)) for e in errors if e.title)


def test_the_data_panel_and_the_file_dialog_speak_korean(korean, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from playground.design.io import load_design
    from playground.errors import PlaygroundError
    from playground.ui.panels.data_panel import DataPanel
    from playground.ui.document import DesignDocument
    from playground.ui.file_actions import show_problems

    panel = DataPanel(DesignDocument())
    qtbot.addWidget(panel)
    path = tmp_path / "spaces.csv"
    path.write_text("a b c\n1 2 3\n", encoding="utf-8")
    monkeypatch.setattr(panel, "_choose_csv_path", lambda: str(path))
    panel.import_csv()
    assert "공백" in panel.message_text(), panel.message_text()

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.informativeText())) or 0)
    with pytest.raises(PlaygroundError) as caught:
        load_design(tmp_path)
    show_problems(None, "title", caught.value)
    (text, details), = shown
    assert has_hangul(text) and str(tmp_path) in text and "폴더" in details
def weights_problems(tmp_path) -> list[Problem]:
    """Real problems of hostile or damaged weights files, as the core reports them."""
    import os
    import pickle

    import numpy as np
    import torch
    from safetensors.numpy import save as save_arrays
    from safetensors.torch import save as save_tensors

    from playground.runs.checkpoint import CheckpointError, checkpoint_bytes, load_checkpoint, parse_checkpoint
    from playground.runs.weights_file import read_header

    def header(metadata: dict) -> bytes:
        return save_arrays({"w": np.zeros(2, np.float32)}, metadata)

    trainer = Trainer(Design().with_data(samples=100).with_optimizer(name="adam").with_training(device="cpu"))
    trainer.train_steps(3)
    good = checkpoint_bytes(trainer)
    tensors, metadata = parse_checkpoint(good)
    nan, inf = tensors["network.0.weight"].clone(), tensors["optimizer/state/0/exp_avg"].clone()
    nan[0, 0], inf[0, 0] = float("nan"), float("inf")
    files = {
        "empty": b"", "text": b'{"format": "nn-playground-design"}', "pickle": pickle.dumps({"w": 1}, protocol=2),
        "noise": b"\x05\x00\x00\x00\x00\x00\x00\x00hello", "foreign": header({"format": "pt"}),
        "newer": header({"format": "nn-playground-weights", "version": "9"}),
        "version": header({"format": "nn-playground-weights", "version": "one"}),
        "cut": good[:-4], "nan": save_tensors({**tensors, "network.0.weight": nan,
                                                 "optimizer/state/0/exp_avg": inf}, metadata),
        "history": save_tensors({**tensors, "history/steps": torch.arange(2)}, metadata),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "folder").mkdir()
    special = ["fifo"] if hasattr(os, "mkfifo") else []  # POSIX
    for name in special:
        os.mkfifo(tmp_path / name)
    with open(tmp_path / "sparse", "wb") as file:
        file.truncate(2**31)
    problems = []
    for name in [*files, "folder", *special, "sparse", "missing"]:
        with pytest.raises(CheckpointError) as caught:
            read_header(tmp_path / name)
            load_checkpoint(Trainer(trainer.design), tmp_path / name)
        problems += caught.value.problems
    with pytest.raises(CheckpointError) as caught:
        checkpoint_bytes(trainer, trainer.design.with_(layers=(LinearLayer(units=3),)))
    return problems + caught.value.problems


def test_weights_file_problems_are_worded_in_korean_and_exactly_in_english(qtbot, tmp_path):
    problems = weights_problems(tmp_path)
    codes = {p.code for p in problems}
    assert len(codes) >= 15 and all(code.startswith("weights_") for code in codes), codes
    assert [problem_message(p) for p in problems] == [p.message for p in problems]
    app = QApplication.instance()
    translators = install_translators(app, "ko")
    try:
        untranslated = [p.message for p in problems if not has_hangul(problem_message(p))]
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    assert not untranslated


def test_a_comparisons_legend_and_fields_are_korean_in_korean(korean):
    from playground.design.comparison import Comparison, Variant
    from playground.design.comparison_labels import run_label
    from playground.ui.messages import problem_text

    runs = Comparison(Design(), [Variant(changes=c) for c in (
        {}, {"optimizer.name": "adam", "optimizer.lr": 0.01}, {"layers.batch_norm": True, "layers.dropout": 0.2},
        {"layers[1].units": 3, "training.regularization": "l2"}, {"init": "he", "optimizer.weight_decay": 0.1})])
    labels = [run_label(runs, i, QCoreApplication.translate) for i in range(5)]
    assert labels == ["기준 설계 그대로", "Adam, 학습률 0.01", "배치 정규화, 드롭아웃 0.2",
                      labels[3], labels[4]]
    assert "뉴런 3개" in labels[3] and "L2 규제" in labels[3]
    assert labels[4].endswith("초기화, 가중치 감쇠 0.1") and has_hangul(labels[4])
    text = problem_text(Problem("variants[1].optimizer.lr", "", "pydantic.greater_than", (0.0, 0)))
    assert text.startswith("실행 2, 학습률: ") and "0보다 커야" in text


def test_a_comparisons_legend_in_english_is_the_cores():
    from playground.design.comparison import Comparison, Variant
    from playground.design.comparison_labels import run_label

    runs = Comparison(Design(), [Variant(), Variant(changes={"optimizer.name": "adam", "optimizer.lr": 0.01,
                                                             "layers[0].units": 3})])
    assert run_label(runs, 1, QCoreApplication.translate) == run_label(runs, 1) == "Adam, lr 0.01, 3 units in Linear 1"


COMPARISON_RUN_PROBLEMS = [
    Problem("", "A comparison's weights cannot be saved as one file; promote a run to the editor and "
                "train it to save its weights.", "comparison_weights"),
    Problem("", "There is no run to fork from.", "no_fork_source"),
]


def test_the_training_process_comparison_problems_read_as_the_engine_words_them_in_english():
    assert [problem_message(p) for p in COMPARISON_RUN_PROBLEMS] == [p.message for p in COMPARISON_RUN_PROBLEMS]


def test_the_training_process_comparison_problems_are_korean_in_korean(korean):
    for problem in COMPARISON_RUN_PROBLEMS:
        assert has_hangul(problem_message(problem)), problem.message
