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
