"""The engine's messages reach a Korean learner in Korean, and stay exact in English."""

import pytest
from PySide6.QtWidgets import QApplication

from playground.design import BatchNormLayer, Design, LinearLayer, check_design
from playground.devices import select_device
from playground.errors import Problem
from playground.training import Diverged, Trainer
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

    from playground.design_io import design_from_json, design_to_json
    from playground.errors import DesignFileError
    from playground.ui.data_panel import problem_text

    document = json.loads(design_to_json(Design()))
    document["optimizer"]["lr"] = -1
    document["layers"][0]["units"] = 2.5
    document["extra"] = 1
    with pytest.raises(DesignFileError) as caught:
        design_from_json(json.dumps(document))
    texts = [problem_text(p) for p in caught.value.problems]
    assert len(texts) == 3 and all(has_hangul(t) for t in texts), texts
    assert any("0보다 커야" in t and "-1" in t for t in texts)


def weights_problems(tmp_path) -> list[Problem]:
    """Real problems of hostile or damaged weights files, as the core reports them."""
    import os
    import pickle

    import numpy as np
    import torch
    from safetensors.numpy import save as save_arrays
    from safetensors.torch import save as save_tensors

    from playground.checkpoint import CheckpointError, checkpoint_bytes, load_checkpoint, parse_checkpoint
    from playground.weights_file import read_header

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
