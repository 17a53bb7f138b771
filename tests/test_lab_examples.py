"""Every course example runs in the lab and reproduces the course's shapes and values."""

from __future__ import annotations

import numpy as np
import pytest

from playground.lab.examples import EXAMPLES, TOPIC_IDS, example, examples_of
from playground.lab.runner import LabSession


@pytest.fixture(scope="module")
def results():
    with LabSession() as lab:
        yield {e.id: lab.run(e.code) for e in EXAMPLES}


def _grid(result, name):
    return result.value(name).values.tolist()


def test_every_topic_has_examples_and_every_example_runs_to_a_result(results):
    assert all(examples_of(topic) for topic in TOPIC_IDS)
    assert {e.topic for e in EXAMPLES} <= set(TOPIC_IDS)
    for e in EXAMPLES:
        assert results[e.id].error is None, (e.id, results[e.id].error)
        assert results[e.id].result is not None, e.id
        assert e.title.en and e.title.ko and e.explanation.en and e.explanation.ko


def test_creation(results):
    r = results["tensor_from_list"]
    assert (r.result.shape, r.result.dtype, r.result.values.tolist()) == ((2, 2), "torch.int64", [[1, 2], [3, 4]])
    r = results["from_numpy"]  # np.multiply(out=) changed the array, and so the tensor
    assert r.result.values.tolist() == [[2, 4], [6, 8]] and r.result.before.tolist() == [[1, 2], [3, 4]]
    assert r.value("x_np").before.tolist() == [[1, 2], [3, 4]]
    assert r.value("x_np").storage == r.value("np_array").storage
    r = results["like"]
    assert (r.value("x_ones").dtype, _grid(r, "x_ones")) == ("torch.int64", [[1, 1], [1, 1]])
    assert (r.result.shape, r.result.dtype) == ((2, 2), "torch.float32")
    assert ((r.result.values >= 0) & (r.result.values < 1)).all()
    r = results["with_shape"]
    for name in ("rand_tensor", "randn_tensor", "ones_tensor", "zeros_tensor", "empty_tensor"):
        assert r.value(name).shape == (2, 3)
    assert _grid(r, "ones_tensor") == [[1, 1, 1]] * 2 and _grid(r, "zeros_tensor") == [[0, 0, 0]] * 2


def test_attributes(results):
    r = results["attributes"]
    assert (r.result.kind, r.result.text) == ("size", "torch.Size([3, 4])")
    assert "Datatype of tensor: torch.float32" in r.stdout and "stored on: cpu" in r.stdout
    r = results["device"]
    assert r.value("device").text in ("cpu", "cuda") and r.value("tensor").device.startswith(r.value("device").text)


def test_indexing(results):
    r = results["index_pick"]
    assert _grid(r, "row") == [9, 10, 11, 12] and _grid(r, "column") == [3, 7, 11]
    assert _grid(r, "last") == [4, 8, 12] and r.result.values.tolist() == [[7, 5], [11, 9]]
    assert r.result.origin.picked.tolist() == [[6, 4], [10, 8]]
    assert _grid(results["assign_one"], "t") == [[1, 1, 1, 1], [1, 0, 1, 1], [1, 1, 1, 1]]
    assert _grid(results["assign_column"], "t") == [[1, 0, 1, 1]] * 3
    assert _grid(results["assign_row"], "t") == [[1, 1, 1, 1], [0, 0, 0, 0], [1, 1, 1, 1]]
    assert results["assign_row"].value("t").origin.picked.tolist() == [4, 5, 6, 7]


def test_joining(results):
    assert results["cat_dim0"].result.values.tolist() == [[1, 2], [3, 4], [5, 6], [7, 8]]
    assert results["cat_dim1"].result.values.tolist() == [[1, 2, 5, 6], [3, 4, 7, 8]]
    assert results["stack_dim0"].result.shape == (2, 2, 2)
    assert results["stack_dim0"].result.values[0].tolist() == [[1, 2], [3, 4]]
    stacked = results["stack_dim1"].result
    assert stacked.values.tolist() == [[[1, 2], [5, 6]], [[3, 4], [7, 8]]]
    assert stacked.origin.op == "stack" and stacked.origin.dim == 1


def test_arithmetic(results):
    assert results["mm"].result.values.tolist() == [[6, 6], [15, 15]]
    assert results["mm"].result.origin.source_shapes == ((2, 3), (3, 2))
    product = results["mul_broadcast"].result
    assert product.shape == (4, 4) and product.values[2].tolist() == [100, 200, 300, 400]
    bmm = results["bmm"].result
    assert bmm.shape == (10, 3, 5) and np.all(bmm.values == 4)
    assert results["at"].result.values.tolist() == [[5, 11], [11, 25]]
    r = results["matmul_batch"]
    assert r.result.text == "torch.Size([256, 5, 7])" and r.value("out").shape == (256, 5, 7)
    assert r.value("out").origin.broadcast_dims == (0,)


def test_single_element(results):
    r = results["sum_item"]
    assert r.value("agg").shape == () and r.value("agg").values.tolist() == 10.0
    assert (r.result.python_type, r.result.text) == ("float", "10.0")
    assert r.stdout == "10.0 <class 'float'>\n"


def test_in_place(results):
    r = results["add_vs_add_"]
    assert _grid(r, "a") == [[1, 1], [1, 1]] and r.value("a").before is None
    assert _grid(r, "b") == [[6, 6], [6, 6]]
    assert r.result.values.tolist() == [[6, 6], [6, 6]] and r.value("c").before.tolist() == [[1, 1], [1, 1]]


def test_dimensions(results):
    r = results["reshape"]
    assert r.result.shape == (3, 8) and r.result.values[1].tolist() == list(range(8, 16))
    assert r.value("m").origin.source_shapes == ((2, 3, 4),) and r.value("m").origin.dims == (3, -1)
    assert results["permute"].result.values.tolist() == [4, 2, 3]
    r = results["squeeze"]
    assert r.value("all_gone").shape == (3, 2) and r.result.values.tolist() == [3, 1, 2]
    r = results["unsqueeze"]
    assert r.value("row").shape == (1, 3) and r.result.values.tolist() == [[1], [2], [3]]


def test_an_example_is_found_by_id():
    assert example("mm").topic == "arithmetic"
    with pytest.raises(KeyError):
        example("nope")


def test_a_linear_layer_runs_as_its_tensor_operation():
    from playground.lab.examples import LINEAR_INPUTS, LINEAR_LAYER_CODE
    x = np.array([[1, 2, 3], [4, 5, 6]], dtype=np.float32)  # (batch 2, in 3)
    weight = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]], dtype=np.float32)  # (out 4, in 3)
    bias = np.array([0, 0, 0, 100], dtype=np.float32)
    with LabSession() as lab:
        result = lab.run(LINEAR_LAYER_CODE, dict(zip(LINEAR_INPUTS, (x, weight, bias))))
    assert result.error is None
    product, y = result.value("product"), result.result
    assert product.origin.op == "matmul" and product.origin.source_shapes == ((2, 3), (3, 4))
    assert y.values.tolist() == [[1, 2, 3, 106], [4, 5, 6, 115]]
    assert y.origin.op == "add" and y.origin.source_shapes == ((2, 4), (4,)) and y.origin.broadcast_dims == (0,)
