"""Comparisons: a base design and 2 to 6 variants, each a full design, validated field by
field, saved as one file, labelled by what differs, and kept under the parameter limit."""

from __future__ import annotations

import json

import pytest

from playground.design.comparison import (MAX_RUNS, MIN_RUNS, Comparison, Variant, check_comparison,
                                          check_size, draws_own_weights, run_parameters, size_problems)
from playground.design.comparison_labels import run_label
from playground.design.io import (comparison_from_json, comparison_to_json, design_to_json,
                                  document_from_json, load_comparison, load_design, load_document, save_comparison)
from playground.design.rules import MAX_PARAMETERS
from playground.design.schema import Design, DropoutLayer, LinearLayer
from playground.design.shapes import total_parameters
from playground.errors import DesignError, DesignFileError

BASE = Design(layers=(LinearLayer(units=8, activation="tanh"), LinearLayer(units=4, activation="tanh")))


def comparison(*changes: dict, base: Design = BASE, names: tuple[str, ...] = ()) -> Comparison:
    names = names or ("",) * len(changes)
    return Comparison(base, [Variant(name=n, changes=c) for n, c in zip(names, changes)])


def refused(*changes: dict, base: Design = BASE) -> dict[str, str]:
    """field -> message of every problem a comparison of these variants has."""
    with pytest.raises(DesignError) as caught:
        comparison(*changes, base=base)
    return {p.field: p.message for p in caught.value.problems}


def file_problems(document: dict, **kwargs) -> dict[str, str]:
    with pytest.raises(DesignFileError) as caught:
        comparison_from_json(json.dumps(document), **kwargs)
    return {p.field: p.message for p in caught.value.problems}


OPTIMIZERS = comparison({}, {"optimizer.name": "adam", "optimizer.lr": 0.01}, {"optimizer.name": "rmsprop"},
                        names=("", "", "RMS"))


# -- the runs --------------------------------------------------------------------------------


def test_the_runs_are_the_variants_each_a_full_design():
    runs = OPTIMIZERS.designs()
    assert len(runs) == 3
    assert runs[0] == BASE  # a variant without changes is the base as it is
    assert (runs[1].optimizer.name, runs[1].optimizer.lr) == ("adam", 0.01)
    # Everything else is the base's: the data, the layers, the seeds.
    assert runs[1].with_(optimizer=BASE.optimizer) == BASE
    # Switching optimizer starts from its usual settings, as the Training panel does:
    # RMSProp's momentum is 0 (the base's SGD section holds 0.9) and the base's rate 0.03 suits it.
    assert (runs[2].optimizer.momentum, runs[2].optimizer.alpha, runs[2].optimizer.lr) == (0.0, 0.99, 0.03)


def test_identical_variants_produce_identical_designs():
    twins = comparison({"layers.activation": "relu"}, {"layers.activation": "relu"})
    first, second = twins.designs()
    assert first == second and design_to_json(first) == design_to_json(second)
    assert first != BASE


def test_activation_of_every_layer_and_of_one_layer():
    every, one = comparison({"layers.activation": "sigmoid"}, {"layers[1].activation": "relu"}).designs()
    assert [layer.activation for layer in every.layers] == ["sigmoid", "sigmoid"]
    assert [layer.activation for layer in one.layers] == ["tanh", "relu"]


def test_batch_norm_after_each_hidden_layer_takes_over_its_activation():
    on, = comparison({"layers.batch_norm": True}, {}).designs()[:1]
    assert [(layer.type, layer.activation) for layer in on.layers] == [
        ("linear", "linear"), ("batchnorm", "tanh"), ("linear", "linear"), ("batchnorm", "tanh")]
    # Off again gives back the plain stack; the activation returns to the Linear layer.
    off, = comparison({"layers.batch_norm": False}, {}, base=on).designs()[:1]
    assert off.layers == BASE.layers
    # With batch norm on, every hidden layer's activation is the one after the BatchNorm.
    both, = comparison({"layers.batch_norm": True, "layers.activation": "relu"}, {}).designs()[:1]
    assert [layer.activation for layer in both.layers] == ["linear", "relu", "linear", "relu"]


def test_dropout_after_each_hidden_layer_and_none():
    dropped, = comparison({"layers.dropout": 0.25}, {}).designs()[:1]
    assert [layer.type for layer in dropped.layers] == ["linear", "dropout", "linear", "dropout"]
    assert {layer.p for layer in dropped.layers if isinstance(layer, DropoutLayer)} == {0.25}
    none, = comparison({"layers.dropout": 0}, {}, base=dropped).designs()[:1]
    assert none.layers == BASE.layers


def test_layer_changes_index_the_base_layers_before_the_stack_changes():
    run, = comparison({"layers.batch_norm": True, "layers[1].units": 16}, {}).designs()[:1]
    assert [getattr(layer, "units", None) for layer in run.layers] == [8, None, 16, None]


# -- refused field by field ------------------------------------------------------------------


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"optimizer.lr": 0}, "variants[1].optimizer.lr", "greater than 0"),
    ({"optimizer.lr": "0.1"}, "variants[1].optimizer.lr", "valid number"),
    ({"optimizer.name": "lbfgs"}, "variants[1].optimizer.name", "unknown optimizer"),
    ({"training.batch_size": 0}, "variants[1].training.batch_size", "greater than or equal to 1"),
    ({"data.noise": 2.0}, "variants[1].data.noise", "less than or equal to 1"),
    ({"colour": "red"}, "variants[1].colour", "unknown field"),
    ({"optimizer.colour": 1}, "variants[1].optimizer.colour", "unknown field"),
    ({"data.seed": 5}, "variants[1].data.seed", "same for every run"),
    ({"data.dataset": "spiral"}, "variants[1].data.dataset", "same for every run"),
    ({"training.seed": 5}, "variants[1].training.seed", "same for every run"),
    ({"training.epochs": 5}, "variants[1].training.epochs", "same for every run"),
    ({"layers[0].type": "dropout"}, "variants[1].layers[0].type", "same for every run"),
    ({"layers[2].units": 3}, "variants[1].layers[2].units", "no layer 2: its layers are numbered 0 to 1"),
    ({"layers[0].units": 0}, "variants[1].layers[0].units", "greater than or equal to 1"),
    ({"layers[0].p": 0.5}, "variants[1].layers[0].p", "unknown field"),
    ({"layers[1].activation": "swish"}, "variants[1].layers[1].activation", "unknown activation"),
    ({"layers.activation": "swish"}, "variants[1].layers.activation", "unknown activation"),
    ({"layers.batch_norm": 1}, "variants[1].layers.batch_norm", "valid boolean"),
    ({"layers.dropout": 0.99}, "variants[1].layers.dropout", "less than or equal to 0.95"),
])
def test_a_bad_change_is_named_by_its_path_inside_the_variant(changes, field, words):
    problems = refused({}, changes)
    assert list(problems) == [field] and words in problems[field], problems


def test_a_key_that_is_no_design_field_is_named_not_crashed_on():
    huge = "layers[" + "9" * 5000 + "].units"
    (field,) = refused({}, {huge: 1})
    assert field.startswith("variants[1].layers[999") and len(field) < 60


def test_changes_that_make_too_many_layers_are_refused():
    deep = Design(layers=(LinearLayer(units=4),) * 12)
    problems = refused({}, {"layers.batch_norm": True, "layers.dropout": 0.1}, base=deep)
    assert problems == {"variants[1].layers": "these changes make 36 hidden layers, more than a design may have (32)"}


def test_every_problem_of_every_variant_is_reported_at_once():
    problems = refused({"optimizer.lr": -1, "layers.activation": "swish"}, {}, {"data.seed": 2, "loss": "hinge"})
    assert set(problems) == {"variants[0].optimizer.lr", "variants[0].layers.activation", "variants[2].data.seed",
                             "variants[2].loss"}


@pytest.mark.parametrize("count", [0, 1, MAX_RUNS + 1])
def test_too_few_or_too_many_variants_are_refused(count):
    assert refused(*[{}] * count)["variants"] == f"a comparison has 2 to 6 runs (got {count})"


def test_two_to_six_variants_are_accepted():
    assert [len(comparison(*[{}] * n).designs()) for n in (MIN_RUNS, MAX_RUNS)] == [2, 6]


def test_a_loss_not_fitting_the_task_is_a_cross_field_problem_of_that_variant():
    mixed = comparison({}, {"loss": "mse"}, {"loss": "cross_entropy"})  # circle data: two classes
    problems = {p.field: p for p in check_comparison(mixed)}
    assert list(problems) == ["variants[1].loss"]
    assert problems["variants[1].loss"].code == "loss_task"
    assert "does not fit two-class" in problems["variants[1].loss"].message


def test_a_problem_the_base_has_is_named_once_for_the_base():
    bad_base = BASE.with_(loss="mse")
    problems = [p.field for p in check_comparison(comparison({}, {"optimizer.lr": 0.1}, base=bad_base))]
    assert problems == ["loss"]
    # A variant that adds batch norm to stochastic training breaks a rule the base keeps.
    stochastic = BASE.with_training(batch_mode="stochastic")
    fields = [p.field for p in check_comparison(comparison({}, {"layers.batch_norm": True}, base=stochastic))]
    assert fields == ["variants[1].training.batch_mode"]


# -- the parameter limit --------------------------------------------------------------------


def test_all_runs_together_are_held_to_the_parameter_limit():
    wide = Design(layers=(LinearLayer(units=512),) * 10)  # about 2.4 million parameters on 2 inputs
    one = total_parameters(wide, 2, 1)
    assert one < MAX_PARAMETERS < 3 * one
    assert run_parameters(comparison({}, {}, base=wide), 2, 2) == (one, one)
    assert check_size(comparison({}, {}, base=wide), 2, 2) == 2 * one
    three = comparison({}, {}, {"optimizer.name": "adam"}, base=wide)
    (problem,) = size_problems(three, 2, 2)
    assert problem.field == "variants" and problem.code == "comparison_too_large"
    assert problem.message == (f"the 3 runs together have {3 * one:,} parameters, more than this app trains live "
                               f"({MAX_PARAMETERS:,}); use fewer runs or smaller layers")
    with pytest.raises(DesignError):
        check_size(three, 2, 2)


def test_the_limit_counts_each_runs_own_layers():
    # Cross-entropy has one output per class where binary cross-entropy has one.
    counts = run_parameters(comparison({}, {"loss": "cross_entropy"}, {"layers[0].units": 100}), 2, 2)
    assert counts == (24 + 36 + 5, 24 + 36 + 10, 300 + 404 + 5)


# -- what differs, and the legend -----------------------------------------------------------


def test_differences_of_an_optimizer_change():
    name, lr = OPTIMIZERS.differences(1)
    assert (name.field, name.old, name.new) == ("optimizer.name", "sgd", "adam")
    assert (lr.field, lr.old, lr.new) == ("optimizer.lr", 0.03, 0.01)
    assert OPTIMIZERS.differences(0) == ()
    assert [run_label(OPTIMIZERS, i) for i in range(3)] == ["as designed", "Adam, lr 0.01", "RMS"]


def test_differences_of_an_activation_for_every_layer_and_batch_norm():
    runs = comparison({"layers.activation": "sigmoid"}, {"layers.batch_norm": True}, {"loss": "cross_entropy"},
                      {"layers[1].activation": "relu", "layers[0].units": 16})
    (activation,) = runs.differences(0)
    assert (activation.field, activation.old, activation.new) == ("layers.activation", ("tanh", "tanh"), "sigmoid")
    (norm,) = runs.differences(1)
    assert (norm.field, norm.old, norm.new) == ("layers.batch_norm", False, True)
    assert [run_label(runs, i) for i in range(4)] == ["Sigmoid", "batch norm", "Cross-entropy",
                                                      "ReLU in Linear 2, 16 units in Linear 1"]


def test_a_change_that_changes_nothing_is_not_a_difference():
    runs = comparison({"optimizer.lr": 0.03, "layers.activation": "tanh", "layers.batch_norm": False},
                      {"optimizer.momentum": 0.5})  # plain SGD has no momentum
    assert runs.differences(0) == () and runs.differences(1) == ()
    assert run_label(runs, 1) == "as designed"


def test_a_stack_change_to_a_network_without_hidden_layers_is_no_difference():
    runs = comparison({"layers.batch_norm": True, "layers.activation": "relu", "layers.dropout": 0.5}, {},
                      base=BASE.with_(layers=()))
    assert runs.designs()[0] == runs.base and runs.differences(0) == ()


def test_legend_words_for_the_other_settings():
    runs = comparison({"training.batch_mode": "full", "init": "he"},
                      {"training.regularization": "l2", "training.regularization_rate": 0.001},
                      {"layers.dropout": 0.2, "data.noise": 0.3},
                      {"optimizer.name": "momentum", "optimizer.nesterov": True, "training.batch_size": 32})
    assert [run_label(runs, i) for i in range(4)] == [
        "Full batch (batch gradient descent), He / Kaiming init", "L2 regularization, regularization rate 0.001",
        "dropout 0.2, noise 0.3", "Momentum, Nesterov, batch size 32"]


# -- sharing the base's initial weights -----------------------------------------------------


def test_runs_of_the_same_shapes_share_the_base_weights_others_draw_their_own():
    runs = comparison({}, {"optimizer.name": "adam"}, {"layers.activation": "relu"}, {"layers.batch_norm": True},
                      {"layers[0].units": 16}, {"loss": "cross_entropy"})
    assert draws_own_weights(runs, 2, 2) == (False, False, False, True, True, True)


def test_an_init_that_depends_on_the_activation_draws_new_weights_for_a_new_activation():
    xavier = BASE.with_(init="xavier")
    runs = comparison({"layers.activation": "relu"}, {"layers.activation": "tanh"}, {"init": "he"},
                      {"layers.activation": "sigmoid"}, base=xavier)
    # Xavier's scale is each layer's activation gain: 5/3 for tanh, √2 for ReLU, 1 for sigmoid.
    assert draws_own_weights(runs, 2, 2) == (True, False, True, True)
    # PyTorch's default init ignores the activation.
    assert draws_own_weights(comparison({"layers.activation": "relu"}, {}), 2, 2) == (False, False)


# -- the file --------------------------------------------------------------------------------


def test_a_comparison_file_round_trips_exactly(tmp_path):
    text = comparison_to_json(OPTIMIZERS)
    document = json.loads(text)
    assert (document["format"], document["version"]) == ("nn-playground-design", 2)
    assert list(document)[-1] == "variants"
    assert document["variants"][1] == {"name": "", "changes": {"optimizer.name": "adam", "optimizer.lr": 0.01}}
    loaded = comparison_from_json(text)
    assert loaded == OPTIMIZERS and loaded.designs() == OPTIMIZERS.designs()
    assert comparison_to_json(loaded) == text
    assert document_from_json(text) == OPTIMIZERS
    path = tmp_path / "optimizers.json"
    save_comparison(OPTIMIZERS, path)
    assert path.read_text(encoding="utf-8") == text and load_comparison(path) == OPTIMIZERS
    assert load_document(path) == OPTIMIZERS and sorted(p.name for p in tmp_path.iterdir()) == ["optimizers.json"]


def test_a_design_file_is_not_a_comparison_and_a_comparison_is_not_a_design(tmp_path):
    assert document_from_json(design_to_json(BASE)) == BASE
    with pytest.raises(DesignFileError) as caught:
        comparison_from_json(design_to_json(BASE))
    assert caught.value.problems[0].field == "variants" and "a single design" in caught.value.text()
    path = tmp_path / "optimizers.json"
    save_comparison(OPTIMIZERS, path)
    with pytest.raises(DesignFileError) as caught:
        load_design(path)
    (problem,) = caught.value.problems
    assert problem.message == "this file holds a comparison of 3 runs, not a single design: open it as a comparison"
    assert str(path) in caught.value.title


def test_a_version_1_design_file_loads_as_a_document():
    text = design_to_json(BASE).replace('"version": 2', '"version": 1', 1)
    assert document_from_json(text) == BASE


def test_a_newer_comparison_file_is_refused_with_a_message():
    document = json.loads(comparison_to_json(OPTIMIZERS))
    document["version"] = 3
    assert "saved by a newer NN Playground (format version 3)" in file_problems(document)["version"]


def _document(*variants) -> dict:
    return {**json.loads(design_to_json(BASE)), "variants": list(variants)}


@pytest.mark.parametrize(("variants", "field", "words"), [
    ([{"changes": {}}, {"changes": {"optimizer.lr": 0}}], "variants[1].optimizer.lr", "greater than 0"),
    ([{"changes": {}}, {"changes": {"optimizer.lr": True}}], "variants[1].optimizer.lr", "valid number"),
    ([{"changes": {}}, {"changes": {"loss": "mse"}}], "variants[1].loss", "does not fit two-class"),
    ([{"changes": {}}, {"changes": {"training.seed": 1}}], "variants[1].training.seed", "same for every run"),
    ([{"changes": {}}, {"colour": "red"}], "variants[1].colour", "unknown field"),
    ([{"changes": {}}, {"changes": []}], "variants[1].changes", "should be an object"),
    ([{"changes": {}}, {"name": "n" * 41}], "variants[1].name", "at most 40 characters"),
    ([{"changes": {}}], "variants", "2 to 6 runs (got 1)"),
    ([{}] * 7, "variants", "2 to 6 runs (got 7)"),
])
def test_a_bad_variant_in_a_file_is_named_by_its_path(variants, field, words):
    problems = file_problems(_document(*variants))
    assert words in problems[field], problems


def test_a_variants_section_that_is_no_list_is_refused():
    document = {**_document(), "variants": {"changes": {}}}
    assert "must be a list of runs" in file_problems(document)["variants"]


def test_cross_field_problems_of_a_variant_only_with_check():
    document = _document({}, {"changes": {"loss": "mse"}})
    assert comparison_from_json(json.dumps(document), check=False).designs()[1].loss == "mse"


def test_a_bad_base_and_a_bad_variant_are_reported_together():
    document = _document({}, {"name": 5})
    document["optimizer"]["lr"] = -1
    assert set(file_problems(document)) == {"optimizer.lr", "variants[1].name"}


def test_a_csv_path_in_a_comparison_is_saved_relative_and_resolved(tmp_path):
    (tmp_path / "prices.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    base = Design(loss="mse").with_data(dataset="csv", csv_path=str(tmp_path / "prices.csv"), csv_target="b",
                                        csv_task="regression")
    runs = comparison({}, {"loss": "mae"}, base=base)
    save_comparison(runs, tmp_path / "c.json")
    assert json.loads((tmp_path / "c.json").read_text("utf-8"))["data"]["csv_path"] == "prices.csv"
    loaded = load_comparison(tmp_path / "c.json", check=False)
    assert loaded == runs and loaded.designs()[1].data.csv_path == str(tmp_path / "prices.csv")

