"""Datasets: seeded generators, feature maps, outliers, digits and CSV import."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from playground.design import registry

from playground import resources
from playground.data.datasets import clean_curve, csv_columns, load_digits_arrays, make_dataset
from playground.design.schema import DataSpec
from playground.errors import DataError

GENERATED = [name for name, info in registry.DATASETS.items() if info.input_kind in ("2d", "1d")]
CLASSIFIERS = [name for name in GENERATED if registry.DATASETS[name].task != "regression"]
ALL_FEATURES = tuple(registry.FEATURES)


def spec(name: str, **changes) -> DataSpec:
    return DataSpec(dataset=name, **changes)


def arrays(ds):
    return [ds.x_train, ds.y_train, ds.x_test, ds.y_test, ds.raw_train, ds.raw_test, ds.outliers_train]


# -- generators -------------------------------------------------------------------


@pytest.mark.parametrize("name", GENERATED + ["digits"])
def test_same_seed_gives_identical_data_and_another_seed_different_data(name):
    s = spec(name, noise=0.3, outlier_fraction=0.1, features=ALL_FEATURES)
    first, again = make_dataset(s), make_dataset(s)
    for a, b in zip(arrays(first), arrays(again)):
        assert (a is None and b is None) or (a.dtype == b.dtype and np.array_equal(a, b))
    other = make_dataset(s.model_copy(update={"seed": 2}))
    assert not np.array_equal(first.x_train, other.x_train)


@pytest.mark.parametrize("name", GENERATED)
def test_shapes_dtypes_and_labels(name):
    s = spec(name, samples=101, train_fraction=0.3, classes=4, noise=0.2, features=("x1", "x2", "sin_x1"))
    ds = make_dataset(s)
    two_d = registry.DATASETS[name].input_kind == "2d"
    n_inputs = 3 if two_d else 1
    assert ds.x_train.shape == (30, n_inputs) and ds.x_test.shape == (71, n_inputs)
    assert ds.x_train.dtype == ds.x_test.dtype == np.float32
    assert ds.n_inputs == n_inputs == len(ds.feature_names)
    assert ds.raw_train.shape == (30, 2 if two_d else 1) and ds.raw_test.shape == (71, 2 if two_d else 1)
    assert ds.raw_train.dtype == ds.raw_test.dtype == np.float32
    assert ds.input_kind == registry.DATASETS[name].input_kind
    assert len(ds.extent) == 4 and ds.extent[0] < ds.extent[1] and ds.extent[2] < ds.extent[3]
    assert ds.task == registry.DATASETS[name].task
    if ds.task == "regression":
        assert ds.n_classes == 0 and ds.class_names == ()
        assert ds.y_train.dtype == ds.y_test.dtype == np.float32
    else:
        assert ds.n_classes == (4 if ds.task == "multiclass" else 2) == len(ds.class_names)
        assert ds.y_train.dtype == np.int64
        labels = np.concatenate([ds.y_train, ds.y_test])
        assert set(np.unique(labels)) == set(range(ds.n_classes))


def test_defaults_match_tf_playground():
    ds = make_dataset(DataSpec())
    assert ds.task == "binary" and len(ds.y_train) == 250 and len(ds.y_test) == 250
    assert ds.feature_names == ("x1", "x2") and ds.extent == (-6.0, 6.0, -6.0, 6.0)
    assert np.abs(ds.raw_train).max() <= 6


@pytest.mark.parametrize(
    "name, classes",
    [(name, 2) for name in CLASSIFIERS if registry.DATASETS[name].task == "binary"]
    + [(name, k) for name in CLASSIFIERS if registry.DATASETS[name].uses_classes for k in (3, 6)],
)
def test_classes_are_roughly_balanced(name, classes):
    ds = make_dataset(spec(name, classes=max(classes, 3), samples=600))
    assert ds.n_classes == classes
    counts = np.bincount(np.concatenate([ds.y_train, ds.y_test]), minlength=ds.n_classes)
    assert counts.min() >= 0.8 * 600 / ds.n_classes and counts.max() <= 1.2 * 600 / ds.n_classes


@pytest.mark.parametrize("name", ["plane", "gauss_bumps"])
def test_regression_targets_lie_in_about_minus_one_to_one(name):
    ds = make_dataset(spec(name))
    y = np.concatenate([ds.y_train, ds.y_test])
    assert -1.25 <= y.min() < -0.5 and 0.5 < y.max() <= 1.25


@pytest.mark.parametrize("name", GENERATED)
def test_noise_changes_the_data(name):
    clean, noisy = make_dataset(spec(name, noise=0.0)), make_dataset(spec(name, noise=1.0))
    assert not (np.array_equal(clean.x_train, noisy.x_train) and np.array_equal(clean.y_train, noisy.y_train))


def perceptron_separates(x: np.ndarray, y: np.ndarray, epochs: int = 200) -> bool:
    """True once a perceptron (with bias) classifies every point right."""
    xb = np.hstack([x, np.ones((len(x), 1))]).astype(np.float64)
    sign = np.where(y == 1, 1.0, -1.0)
    w = np.zeros(xb.shape[1])
    for _ in range(epochs):
        mistakes = 0
        for xi, si in zip(xb, sign):
            if si * (xi @ w) <= 0:
                w += si * xi
                mistakes += 1
        if mistakes == 0:
            return True
    return False


def least_squares_accuracy(x: np.ndarray, y: np.ndarray) -> float:
    xb = np.hstack([x, np.ones((len(x), 1))])
    w, *_ = np.linalg.lstsq(xb, np.where(y == 1, 1.0, -1.0), rcond=None)
    return float(np.mean((xb @ w > 0) == (y == 1)))


@pytest.mark.parametrize("seed", [1, 7, 123])
def test_linear_set_is_separable_without_noise_but_not_with_it(seed):
    ds = make_dataset(spec("linear", seed=seed))
    x, y = np.vstack([ds.x_train, ds.x_test]), np.concatenate([ds.y_train, ds.y_test])
    assert perceptron_separates(x, y)
    noisy = make_dataset(spec("linear", seed=seed, noise=0.6))
    x, y = np.vstack([noisy.x_train, noisy.x_test]), np.concatenate([noisy.y_train, noisy.y_test])
    assert not perceptron_separates(x, y)


def test_xor_needs_the_product_feature():
    ds = make_dataset(spec("xor", features=("x1", "x2", "x1x2")))
    x, y = np.vstack([ds.x_train, ds.x_test]), np.concatenate([ds.y_train, ds.y_test])
    assert least_squares_accuracy(x[:, :2], y) < 0.75
    assert np.array_equal(x[:, 2] >= 0, y == 1)  # at noise 0 the sign of x1*x2 is the label


def test_feature_maps_follow_the_requested_order():
    ds = make_dataset(spec("circle", features=("sin_x2", "x1x2", "x2_sq", "x1", "sin_x1", "x1_sq", "x2")))
    p = ds.raw_train.astype(np.float64)
    expected = [np.sin(p[:, 1]), p[:, 0] * p[:, 1], p[:, 1] ** 2, p[:, 0], np.sin(p[:, 0]), p[:, 0] ** 2, p[:, 1]]
    assert ds.feature_names == ("sin_x2", "x1x2", "x2_sq", "x1", "sin_x1", "x1_sq", "x2")
    np.testing.assert_allclose(ds.x_train, np.stack(expected, axis=1), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("name", ["spiral", "blobs", "plane", "sine"])
def test_features_of_maps_raw_points_like_the_training_inputs(name):
    ds = make_dataset(spec(name, features=ALL_FEATURES))
    assert np.array_equal(ds.features_of(ds.raw_train), ds.x_train)
    assert np.array_equal(ds.features_of(ds.raw_test), ds.x_test)
    grid = np.zeros((5, ds.raw_train.shape[1]))
    assert ds.features_of(grid).shape == (5, ds.n_inputs) and ds.features_of(grid).dtype == np.float32
    with pytest.raises(ValueError):
        ds.features_of(np.zeros((5, 3)))


def test_a_2d_set_without_features_is_a_data_error():
    with pytest.raises(DataError) as error:
        make_dataset(spec("circle", features=()))
    assert error.value.problems[0].field == "data.features"


# -- 1-D curves and outliers --------------------------------------------------------


@pytest.mark.parametrize("name", ["line", "sine"])
def test_outliers_are_marked_far_off_the_curve_and_only_in_training(name):
    ds = make_dataset(spec(name, outlier_fraction=0.2, noise=0.0))
    assert ds.outliers_train.dtype == bool and ds.outliers_train.shape == ds.y_train.shape
    assert ds.outliers_train.sum() == round(0.2 * len(ds.y_train))
    off = ds.y_train - clean_curve(name, ds.x_train[:, 0])
    assert np.all(np.abs(off[ds.outliers_train]) >= 2.5)
    np.testing.assert_allclose(off[~ds.outliers_train], 0, atol=1e-6)
    np.testing.assert_allclose(ds.y_test, clean_curve(name, ds.x_test[:, 0]), atol=1e-6)
    assert ds.extent[3] > ds.y_train.max()  # the plot shows the outliers


def test_outliers_drag_a_least_squares_line_off_the_clean_line():
    ds = make_dataset(spec("line", outlier_fraction=0.1, noise=0.1))
    xb = np.hstack([ds.x_train, np.ones_like(ds.x_train)])
    (slope, intercept), *_ = np.linalg.lstsq(xb, ds.y_train, rcond=None)
    inliers = ~ds.outliers_train
    (clean_slope, clean_intercept), *_ = np.linalg.lstsq(xb[inliers], ds.y_train[inliers], rcond=None)
    assert intercept - clean_intercept > 0.25
    assert abs(clean_intercept - 0.0) < 0.05 and abs(clean_slope - 0.8) < 0.1


def test_no_outliers_when_the_fraction_is_zero():
    ds = make_dataset(spec("sine", outlier_fraction=0.0, noise=0.5))
    assert not ds.outliers_train.any()
    assert np.abs(ds.y_train - clean_curve("sine", ds.x_train[:, 0])).max() < 2.5


def test_clean_curve_refuses_a_2d_set():
    with pytest.raises(ValueError):
        clean_curve(spec("circle"), np.zeros(3))


# -- digits -------------------------------------------------------------------------


def test_digits_file():
    images, labels = load_digits_arrays()
    assert images.shape == (1797, 64) and images.dtype == np.float32
    assert labels.shape == (1797,) and labels.dtype == np.int64
    assert images.min() == 0 and images.max() == 16 and np.array_equal(images, np.round(images))
    assert np.bincount(labels).min() >= 170 and labels[0] == 0


def test_digits_dataset():
    ds = make_dataset(spec("digits", train_fraction=0.8, samples=20))
    assert len(ds.y_train) + len(ds.y_test) == 1797 and len(ds.y_train) == round(1797 * 0.8)
    assert ds.n_inputs == 64 == len(ds.feature_names) and ds.feature_names[9] == "r1c1"
    assert ds.n_classes == 10 and ds.class_names == tuple("0123456789") and ds.task == "multiclass"
    assert 0 <= ds.x_train.min() and ds.x_train.max() == 1 and ds.x_train.dtype == np.float32
    assert ds.raw_train is None and ds.extent is None and ds.input_kind == "digits"
    with pytest.raises(ValueError):
        ds.features_of(np.zeros((3, 2)))


# -- resources ------------------------------------------------------------------------


def test_resource_path_finds_the_repo_folder_or_the_frozen_bundle(monkeypatch, tmp_path):
    assert resources.resource_path("data", "digits", "README.md").is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resource_path("data", "x.csv") == tmp_path / "resources" / "data" / "x.csv"


# -- CSV ------------------------------------------------------------------------------


def write(tmp_path, text: str | bytes, name: str = "data.csv"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return str(path)


def table(rows: int = 20, sep: str = ",") -> str:
    lines = [sep.join(["size", "weight", "kind"])]
    for i in range(rows):
        lines.append(sep.join([str(i), str(2.5 * i % 7), ["cat", "dog", "bird"][i % 3]]))
    return "\n".join(lines) + "\n"


def csv_spec(path, target="kind", task="classification", **changes) -> DataSpec:
    return DataSpec(dataset="csv", csv_path=path, csv_target=target, csv_task=task, **changes)


def csv_error(path, target="kind", task="classification") -> tuple[str, str]:
    with pytest.raises(DataError) as error:
        make_dataset(csv_spec(path, target, task))
    problem = error.value.problems[0]
    return problem.field, problem.message


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_csv_classification_with_any_delimiter(tmp_path, sep):
    path = write(tmp_path, table(sep=sep))
    assert csv_columns(path) == ["size", "weight", "kind"]
    ds = make_dataset(csv_spec(path, train_fraction=0.5))
    assert ds.task == "multiclass" and ds.n_classes == 3 and ds.class_names == ("bird", "cat", "dog")
    assert ds.feature_names == ("size", "weight") and ds.x_train.shape == (10, 2) and ds.x_test.shape == (10, 2)
    assert ds.input_kind == "csv" and ds.raw_train is None and ds.extent is None
    np.testing.assert_allclose(ds.x_train.mean(axis=0), 0, atol=1e-5)
    np.testing.assert_allclose(ds.x_train.std(axis=0), 1, atol=1e-5)
    sizes = np.argsort(np.argsort(np.concatenate([ds.x_train, ds.x_test])[:, 0]))  # rows 0..19 by rank
    kinds = np.array([1, 2, 0])[sizes % 3]  # cat, dog, bird by size, as indices into the sorted names
    assert np.array_equal(np.concatenate([ds.y_train, ds.y_test]), kinds)


def test_csv_labels_map_to_classes_in_sorted_order(tmp_path):
    rows = ["a,label"] + [f"{i},{[2, 10][i % 2]}" for i in range(12)]
    ds = make_dataset(csv_spec(write(tmp_path, "\n".join(rows)), "label"))
    assert ds.task == "binary" and ds.class_names == ("2", "10")  # numbers sort as numbers
    x = np.concatenate([ds.x_train, ds.x_test])[:, 0]
    y = np.concatenate([ds.y_train, ds.y_test])
    rows = np.argsort(np.argsort(x))  # standardization keeps the order of a
    assert np.array_equal(y, rows % 2)


def test_csv_regression_standardizes_target_and_centres_constant_columns(tmp_path):
    rows = ["x,const,price"] + [f"{i},5,{100 + 10 * i}" for i in range(30)]
    ds = make_dataset(csv_spec(write(tmp_path, "\n".join(rows)), "price", "regression"))
    assert ds.task == "regression" and ds.n_classes == 0 and ds.class_names == ()
    assert ds.y_train.dtype == np.float32 and abs(ds.y_train.mean()) < 1e-5 and abs(ds.y_train.std() - 1) < 1e-5
    assert np.all(ds.x_train[:, 1] == 0) and np.all(ds.x_test[:, 1] == 0)
    np.testing.assert_allclose(ds.x_test[:, 0], ds.y_test, atol=1e-5)  # price is linear in x


def test_csv_split_is_seeded(tmp_path):
    path = write(tmp_path, table(rows=40))
    a, b, c = (make_dataset(csv_spec(path, seed=s)) for s in (3, 3, 4))
    assert np.array_equal(a.x_train, b.x_train) and not np.array_equal(a.x_train, c.x_train)


def test_csv_missing_file(tmp_path):
    field, message = csv_error(str(tmp_path / "nope.csv"))
    assert field == "data.csv_path" and "does not exist" in message and "nope.csv" in message
    with pytest.raises(DataError):
        csv_columns(tmp_path / "nope.csv")


def test_csv_empty_file_and_header_only(tmp_path):
    assert "empty" in csv_error(write(tmp_path, ""))[1]
    assert "empty" in csv_error(write(tmp_path, "\n  \n"))[1]
    assert "no data rows" in csv_error(write(tmp_path, "size,weight,kind\n"))[1]
    assert "only 1 data row;" in csv_error(write(tmp_path, "size,weight,kind\n1,2,a\n"))[1]


def test_csv_problems_beyond_the_first_five_are_counted_in_good_english(tmp_path):
    names = [f"c{i}" for i in range(6)]
    rows = [",".join(names + ["kind"])] + [",".join(["x"] * 6 + ["a" if i % 2 else "b"]) for i in range(12)]
    with pytest.raises(DataError) as error:
        make_dataset(csv_spec(write(tmp_path, "\n".join(rows)), "kind"))
    assert error.value.problems[-1].message == "... and 1 more column with problems"


def test_csv_space_separated_file_is_a_delimiter_problem(tmp_path):
    path = write(tmp_path, table().replace(",", " "))
    with pytest.raises(DataError) as error:
        csv_columns(path)
    message = str(error.value)
    assert "one column" in message and "spaces" in message


def test_csv_non_numeric_feature_names_column_row_and_value(tmp_path):
    text = table().replace("\n4,", "\nfour,", 1)  # data row 5 = spreadsheet row 6
    field, message = csv_error(write(tmp_path, text))
    assert field == "data.csv_path"
    assert "'size'" in message and "row 6" in message and "'four'" in message and "remove" in message


def test_csv_decimal_commas_are_explained(tmp_path):
    text = "a;b;kind\n" + "".join(f"{i},5;{i};{'xy'[i % 2]}\n" for i in range(12))
    assert "decimal comma" in csv_error(write(tmp_path, text))[1]


def test_csv_missing_value_names_column_and_row(tmp_path):
    text = table().replace("\n7,", "\n,", 1)  # data row 8 = spreadsheet row 9
    field, message = csv_error(write(tmp_path, text))
    assert "'size'" in message and "row 9" in message and "missing" in message
    text = table().replace(",dog\n", ",\n", 1)
    field, message = csv_error(write(tmp_path, text))
    assert field == "data.csv_target" and "'kind'" in message and "row 3" in message


def test_csv_unknown_target_lists_the_columns(tmp_path):
    field, message = csv_error(write(tmp_path, table()), target="colour")
    assert field == "data.csv_target" and "'colour'" in message
    assert "'size'" in message and "'weight'" in message and "'kind'" in message


def test_csv_needs_two_classes_and_a_numeric_regression_target(tmp_path):
    text = "a,b\n" + "".join(f"{i},same\n" for i in range(12))
    field, message = csv_error(write(tmp_path, text), target="b")
    assert field == "data.csv_target" and "one label" in message
    field, message = csv_error(write(tmp_path, table()), task="regression")
    assert field == "data.csv_target" and "'kind'" in message and "not a number" in message


def test_csv_row_with_too_many_values_is_named(tmp_path):
    text = table().replace("\n3,", "\n3,1,", 1)  # spreadsheet row 5
    field, message = csv_error(write(tmp_path, text))
    assert "row 5" in message and "4 values" in message and "3 columns" in message


def test_csv_huge_files_are_refused(tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "wb") as f:
        f.truncate(51 * 2**20)  # sparse: costs no disk space
    assert "50 MB" in csv_error(str(path))[1]
    many = "a,b\n" + "1,2\n" * 200_001
    assert "200,000" in csv_error(write(tmp_path, many), target="b")[1]


def test_csv_that_is_not_utf8(tmp_path):
    text = table().replace("cat", "café").encode("latin-1")
    field, message = csv_error(write(tmp_path, text))
    assert field == "data.csv_path" and "UTF-8" in message
    with pytest.raises(DataError):
        csv_columns(write(tmp_path, text))


def test_csv_with_a_byte_order_mark_reads_its_first_column(tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + table().encode())
    assert csv_columns(path)[0] == "size"


def test_csv_unclosed_quote_and_missing_header_are_explained(tmp_path):
    message = csv_error(write(tmp_path, table().replace("\n4,", '\n"4,', 1)))[1]
    assert "quote" in message and "row 6" in message
    message = csv_error(write(tmp_path, "1,2,3\n" * 20))[1]
    assert "header" in message
    assert "binary" in csv_error(write(tmp_path, b"a,b,kind\n" + b"\x00\x01,2,3\n" * 12))[1]


def test_csv_columns_near_1e300_are_standardized_not_zeroed(tmp_path):
    rows = ["huge,tiny,price"] + [f"{(i - 7) * 1e300},{i * 1e-300},{i % 5}" for i in range(30)]
    with np.errstate(all="raise"):  # no overflow or underflow on the way
        ds = make_dataset(csv_spec(write(tmp_path, "\n".join(rows)), "price", "regression"))
    x = np.concatenate([ds.x_train, ds.x_test])
    assert np.isfinite(x).all()
    np.testing.assert_allclose(ds.x_train.std(axis=0), 1, atol=1e-5)  # was 0 and 0: overflow, underflow
    np.testing.assert_allclose(x[:, 0], x[:, 1], atol=1e-5)  # both are the row number, rescaled


def test_csv_test_values_beyond_any_training_spread_are_refused_naming_the_column(tmp_path):
    # Training values spread by 1e-50; a test value 1 lies 1e50 spreads away, beyond float32.
    rows = ["far,label"] + [f"{i % 2 * 1e-50},{i % 2}" for i in range(19)] + ["1,1"]
    spec = csv_spec(write(tmp_path, "\n".join(rows)), "label", train_fraction=0.9)
    train = np.random.default_rng(spec.seed).permutation(20)[:18]
    assert 19 not in train, "the far row must be a test row"
    with pytest.raises(DataError) as caught:
        make_dataset(spec)
    (problem,) = caught.value.problems
    assert problem.field == "data.csv_path" and "column 'far'" in problem.message and problem.code == "csv_unscalable"


def test_csv_problems_after_the_first_thousands_of_rows_name_the_right_row(tmp_path):
    rows = ["a,b,label"] + [f"{i},{'x' if i == 9000 else i},{i % 2}" for i in range(10_000)]
    field, message = csv_error(write(tmp_path, "\n".join(rows)), "label")
    assert "column 'b', row 9002: 'x' is not a number" in message
    ds = make_dataset(csv_spec(write(tmp_path, "\n".join(rows).replace(",x,", ",9000,")), "label"))
    a = np.concatenate([ds.x_train, ds.x_test])[:, 0]
    assert len(a) == 10_000 and np.allclose(a, np.concatenate([ds.x_train, ds.x_test])[:, 1])


def test_csv_with_a_cell_over_the_csv_modules_limit_is_a_data_error(tmp_path):
    text = "name,notes,label\n" + "".join(f"{i},{'n' * (200_000 if i == 3 else 3)},{i % 2}\n" for i in range(12))
    field, message = csv_error(write(tmp_path, text), "label")
    assert field == "data.csv_path" and "row 5" in message and "cannot be read as CSV" in message


def test_csv_messages_quote_only_an_excerpt_of_a_huge_cell_or_name(tmp_path):
    text = "size,weight,kind\n" + "".join(f"{'9' * 5000 + 'x' if i == 2 else i},{i},{i % 2}\n" for i in range(12))
    field, message = csv_error(write(tmp_path, text))
    assert "row 4" in message and len(message) < 300
    field, message = csv_error(write(tmp_path, table()), target="t" * 20_000)
    assert field == "data.csv_target" and len(message) < 300
