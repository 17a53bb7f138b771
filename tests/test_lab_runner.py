"""The tensor lab's process: what the learner's code makes comes back as plain data, errors
come back in words, and runaway code is stopped with the session usable afterwards."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from playground.lab.runner import LabSession, run_code


@pytest.fixture(scope="module")
def session():
    with LabSession() as lab:
        yield lab


def test_values_come_back_in_the_order_assigned_then_the_result(session):
    result = session.run("b = torch.tensor([[1, 2], [3, 4]])\na = b * 10\nprint('shape', a.shape)\na.sum().item()")
    assert result.error is None
    assert [v.name for v in result.values] == ["b", "a", ""]
    a = result.value("a")
    assert (a.kind, a.shape, a.dtype, a.device) == ("tensor", (2, 2), "torch.int64", "cpu")
    assert a.values.tolist() == [[10, 20], [30, 40]]
    assert (result.result.kind, result.result.python_type, result.result.text) == ("number", "int", "100")
    assert result.stdout == "shape torch.Size([2, 2])\n"


def test_inputs_arrive_as_tensors_and_are_shown_first(session):
    result = session.run("y = x.T", {"x": np.arange(6, dtype=np.float32).reshape(2, 3)})
    assert [v.name for v in result.values] == ["x", "y"]
    assert result.value("x").dtype == "torch.float32"
    assert result.value("y").values.tolist() == [[0, 3], [1, 4], [2, 5]]
    assert result.value("y").origin.op == "T" and result.value("y").origin.source_shapes == ((2, 3),)


def test_from_numpy_shares_memory_and_shows_the_change(session):
    result = session.run("n = np.ones(5)\nt = torch.from_numpy(n)\nnp.multiply(n, 2, out=n)\nu = torch.tensor(n)")
    n, t, u = result.value("n"), result.value("t"), result.value("u")
    assert t.values.tolist() == [2.0] * 5 and t.before.tolist() == [1.0] * 5
    assert n.storage == t.storage and u.storage != t.storage
    assert u.before is None  # a copy made after the change did not change


def test_add_leaves_the_original_and_add_underscore_changes_it(session):
    result = session.run("a = torch.ones(2)\nb = torch.ones(2)\nc = a.add(5)\nd = b.add_(5)")
    assert result.value("a").values.tolist() == [1, 1] and result.value("a").before is None
    assert result.value("b").values.tolist() == [6, 6] and result.value("b").before.tolist() == [1, 1]
    assert result.value("d").storage == result.value("b").storage
    assert result.value("c").storage != result.value("a").storage


def test_a_view_shares_its_base_storage(session):
    result = session.run("t = torch.arange(6)\nv = t.view(2, 3)\nr = t.reshape(3, 2).clone()")
    assert result.value("v").storage == result.value("t").storage != result.value("r").storage
    assert result.value("v").origin.source_shapes == ((6,),) and result.value("v").origin.dims == (2, 3)


def test_an_index_picks_cells_of_its_source(session):
    result = session.run("t = torch.arange(12).reshape(3, 4)\ns = t[1:, [2, 0]]\nlast = t[..., -1]")
    s = result.value("s")
    assert s.values.tolist() == [[6, 4], [10, 8]]
    assert s.origin.op == "index" and s.origin.sources == ("t",) and s.origin.picked.tolist() == [[6, 4], [10, 8]]
    assert result.value("last").origin.picked.tolist() == [3, 7, 11]


def test_an_assignment_marks_the_cells_it_set(session):
    result = session.run("t = torch.ones(3, 3)\nt[:, 1] = 0")
    t = result.value("t")
    assert t.values.tolist() == [[1, 0, 1]] * 3 and t.before.tolist() == [[1, 1, 1]] * 3
    assert t.origin.op == "setitem" and t.origin.picked.tolist() == [1, 4, 7]


def test_cat_and_stack_say_where_each_input_landed(session):
    result = session.run("t1 = torch.tensor([[1, 2], [3, 4]])\nt2 = torch.tensor([[5, 6], [7, 8]])\n"
                         "c = torch.cat([t1, t2], dim=1)\ns = torch.stack((t1, t2), dim=1)")
    c, s = result.value("c"), result.value("s")
    assert c.origin.op == "cat" and c.origin.sources == ("t1", "t2") and c.origin.dim == 1
    assert c.origin.from_source.tolist() == [[0, 0, 1, 1], [0, 0, 1, 1]]
    assert s.shape == (2, 2, 2) and s.values[0].tolist() == [[1, 2], [5, 6]]
    assert s.origin.from_source[0].tolist() == [[0, 0], [1, 1]] and s.origin.picked[0].tolist() == [[0, 1], [0, 1]]


def test_products_record_operand_shapes_and_broadcast_dims(session):
    result = session.run("a = torch.ones(256, 5, 6)\nb = torch.ones(6, 7)\nc = a @ b\n"
                         "r = torch.ones(1, 4)\nk = torch.ones(4, 1)\nm = r * k")
    c, m = result.value("c"), result.value("m")
    assert c.shape == (256, 5, 7) and c.truncated and c.values.size <= 4096
    assert c.origin.op == "matmul" and c.origin.source_shapes == ((256, 5, 6), (6, 7))
    assert c.origin.broadcast_dims == (0,)
    assert m.shape == (4, 4) and m.origin.op == "mul" and m.origin.broadcast_dims == (0, 1)


def test_a_plain_number_added_to_a_tensor_has_no_shape_rule(session):
    """``a.add(5)`` adds 5 to every cell: not written as "(2, 2) + () -> (2, 2)" with a broadcast."""
    result = session.run("a = torch.ones(2, 2)\nb = a.add(5)\ns = torch.tensor(2.0)\nd = a * s")
    assert result.value("b").values.tolist() == [[6, 6], [6, 6]] and result.value("b").origin is None
    d = result.value("d")  # a 0-d tensor is a tensor: it does broadcast
    assert d.origin.op == "mul" and d.origin.source_shapes == ((2, 2), ()) and d.origin.broadcast_dims == (0, 1)


def test_chained_expressions_get_the_shape_before_of_what_they_change(session):
    result = session.run("a = torch.arange(12).reshape(3, 4)\nx = torch.arange(12)\n"
                         "p = x.reshape(2, 6).permute(1, 0)\nb = torch.ones(3, 4)\n(a + b).T")
    a, p, t = result.value("a"), result.value("p"), result.result
    assert (a.origin.op, a.origin.source_shapes, a.origin.dims) == ("reshape", ((12,),), (3, 4))
    assert (p.origin.op, p.origin.source_shapes, p.origin.dims) == ("permute", ((2, 6),), (1, 0))
    assert p.origin.sources == ("x.reshape(2, 6)",) and p.shape == (6, 2)
    assert (t.origin.op, t.origin.source_shapes, t.shape) == ("T", ((3, 4),), (4, 3))
    m = session.run("torch.ones(2, 3) @ torch.ones(3, 4).T.T").result
    assert (m.origin.op, m.origin.source_shapes) == ("matmul", ((2, 3), (3, 4)))


def test_a_chained_expression_runs_once(session):
    """The shape before is noted while the code runs, not by running its calls again: the
    reshaped values are the one draw of torch.rand, and a function is called once."""
    result = session.run("torch.manual_seed(7)\nr = torch.rand(3).reshape(1, 3)\n"
                         "torch.manual_seed(7)\nfirst = torch.rand(3)\n"
                         "calls = []\ndef made():\n    calls.append(1)\n    return torch.arange(6)\n"
                         "m = made().view(2, 3)\nlen(calls)")
    r, first = result.value("r"), result.value("first")
    assert result.error is None and r.origin.source_shapes == ((3,),)
    assert r.values[0].tolist() == first.values.tolist()
    assert result.value("m").origin.source_shapes == ((6,),) and result.result.text == "1"


def test_item_and_sizes_say_their_python_type(session):
    result = session.run("t = torch.tensor([1.5, 2.5])\ns = t.sum()\nv = s.item()\nshape = t.shape\nflag = v > 3")
    assert result.value("s").shape == () and result.value("s").values.tolist() == 4.0
    assert (result.value("v").kind, result.value("v").python_type) == ("number", "float")
    assert (result.value("shape").kind, result.value("shape").values.tolist()) == ("size", [2])
    assert (result.value("flag").kind, result.value("flag").python_type) == ("bool", "bool")


def test_printed_output_is_capped(session):
    result = session.run("for i in range(100000):\n    print('line', i)")
    assert result.stdout_truncated and len(result.stdout) == 10_000
    assert result.error is None


def test_values_before_an_error_come_back_with_the_line(session):
    result = session.run("a = torch.ones(2, 3)\n\nb = a @ a")
    assert result.value("a") is not None and result.value("b") is None
    assert result.error.line == 3


@pytest.mark.parametrize("code, kind, code_name, args", [
    ("torch.ones(2, 3) @ torch.ones(4, 5)", "shape", "lab_shape_mm", ("@", (2, 3), (4, 5))),
    ("torch.ones(2, 3).mm(torch.ones(4, 5))", "shape", "lab_shape_mm", ("mm", (2, 3), (4, 5))),
    ("torch.matmul(torch.ones(2, 3, 4), torch.ones(5, 4, 6))", "shape", "lab_shape_broadcast", (2, 5, 0)),
    ("torch.bmm(torch.ones(2, 3, 4), torch.ones(3, 4, 5))", "shape", "lab_shape_batch", ("bmm", 2, 3)),
    ("torch.bmm(torch.ones(3, 4), torch.ones(4, 5))", "shape", "lab_shape_matmul_dims", ("bmm", 3)),
    ("torch.ones(2, 3) * torch.ones(4)", "shape", "lab_shape_broadcast", (3, 4, 1)),
    ("torch.cat([torch.ones(2, 3), torch.ones(2, 4)])", "shape", "lab_shape_cat", (3, 4, 0, 1)),
    ("torch.cat([torch.ones(2, 3), torch.ones(3)])", "shape", "lab_shape_cat_dims", (2, 1)),
    ("torch.stack([torch.ones(2, 3), torch.ones(2, 4)])", "shape", "lab_shape_stack", ((2, 3), (2, 4), 1)),
    ("torch.ones(2, 3, 4).view(5, -1)", "shape", "lab_shape_reshape", ((5, -1), 24)),
    ("torch.ones(2, 3, 4).reshape(5, 5)", "shape", "lab_shape_reshape", ((5, 5), 24)),
    ("torch.ones(2, 3).t().view(6)", "shape", "lab_shape_view", ()),
    ("torch.ones(2, 3).squeeze(3)", "index", "lab_dim_range", (3, -2, 1)),
    ("torch.ones(2, 3)[:, 3]", "index", "lab_index_range", (3, 1, 3)),
    ("torch.ones(2, 3)[0, 0, 0]", "index", "lab_index_too_many", (2,)),
    ("torch.ones(2, 3).item()", "shape", "lab_item", (6,)),
    ("torch.ones(2, 3) + 'a'", "type", "lab_type", None),
    ("y = undefined_name + 1", "name", "lab_name", ("undefined_name",)),
    ("torch.ones(2).shapes", "type", "lab_attribute", ("Tensor", "shapes")),
    ("t = torch.ones(2, 3\nu = 1", "syntax", "lab_syntax", None),
    ("np.ones((2, 3)) * np.ones(4)", "shape", "lab_shape_broadcast_shapes", ((2, 3), (4,))),
    ("torch.ones(3) @ torch.ones(4)", "shape", "lab_shape_dot", (3, 4)),
    ("torch.ones(2, 3) @ torch.ones(3, 2, dtype=torch.long)", "type", "lab_dtype_mismatch", ("float", "long int")),
    ("torch.ones(2, dtype=torch.long).add_(0.5)", "type", "lab_dtype_cast", ("Float", "Long")),
    ("torch.rand_like(torch.tensor([[1, 2], [3, 4]]))", "type", "lab_dtype_float", ("Long",)),
    ("torch.tensor([1, 2]).mean()", "type", "lab_dtype_float", ("Long",)),
    ("torch.tensor([[1, 2], [3]])", "shape", "lab_ragged", (2, 1, 1)),
    ("raise ValueError('mine')", "other", "lab_other", ("ValueError", "mine")),
])
def test_errors_are_explained_in_words(session, code, kind, code_name, args):
    error = session.run(code).error
    assert (error.kind, error.code) == (kind, code_name)
    if args is not None:
        assert error.args == args
    assert "Traceback" not in error.message and error.line == 1
    assert "\n" not in error.message


def test_a_broadcast_error_names_the_operand_shapes(session):
    error = session.run("a = torch.ones(2, 3)\nb = torch.ones(4)\nc = a + b").error
    assert error.code == "lab_shape_broadcast" and error.shapes == ((2, 3), (4,)) and error.line == 3
    assert "dimension 1" in error.message


def test_an_endless_loop_is_stopped_and_the_session_runs_again(session):
    result = session.run("while True:\n    pass", timeout=3)
    assert result.error.kind == "timeout" and result.error.code == "lab_timeout"
    assert session.run("torch.ones(2).sum().item()").result.text == "2.0"


def test_a_huge_allocation_is_stopped_and_the_session_runs_again(session):
    result = session.run("x = torch.zeros(10**6, 10**6)")
    assert result.error.kind == "memory" and result.error.line == 1
    assert session.run("y = torch.zeros(3)").value("y").values.tolist() == [0, 0, 0]


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="the memory limit is Linux's")
def test_the_memory_limit_is_ours_not_the_machine_s(session):
    result = session.run("x = torch.ones(100_000_000)", memory_bytes=256 * 2 ** 20)  # 400 MB
    assert result.error.code == "lab_memory" and result.error.args == (256,)
    assert session.run("x = torch.ones(1_000_000)\nx.sum().item()", memory_bytes=256 * 2 ** 20).error is None


def test_a_process_that_dies_is_reported_and_replaced(session):
    result = session.run("import os\nos._exit(3)")
    assert result.error.code == "lab_crashed" and result.error.args == (3,)
    assert session.run("1 + 1").result.text == "2"


def test_submit_answers_through_a_future(session):
    future = session.submit("torch.ones(2, 2).sum()")
    assert future.result(timeout=120).result.values.tolist() == 4.0


def test_stop_ends_a_running_loop_and_the_session_runs_again(session, tmp_path):
    started = tmp_path / "started"
    future = session.submit(f"open({str(started)!r}, 'w').close()\nwhile True:\n    pass", timeout=600)
    _wait_for(started.exists)
    session.stop()
    assert future.result(timeout=120).error.code == "lab_stopped"
    assert session.run("2 * 3").result.text == "6"


def test_a_stop_while_the_process_loads_torch_answers_stopped():
    """Stop pressed at once after Run: the process is still starting (loading torch, or not
    made yet); the session answers lab_stopped itself, never a crash, and runs again after."""
    with LabSession() as lab:
        future = lab.submit("import time\ntime.sleep(60)", timeout=600)
        _wait_for(lambda: lab.running)  # the process is alive: loading torch (a second or more)
        lab.stop()
        assert future.result(timeout=120).error.code == "lab_stopped"
        future = lab.submit("1 + 1")
        lab.stop()  # before the process even exists
        assert future.result(timeout=120).error.code == "lab_stopped"
        assert lab.run("2 * 3").result.text == "6"
        future = lab.submit("1 + 1")
        lab.close()  # closing the lab during a start stops that run too
        assert future.result(timeout=120).error.code == "lab_stopped"


def test_close_is_safe_before_any_run_twice_and_after_a_process_that_never_started(monkeypatch):
    LabSession().close()

    def refuse(process):
        raise OSError("no more processes")

    monkeypatch.setattr(multiprocessing.context.SpawnProcess, "start", refuse)
    lab = LabSession()
    result = lab.run("1 + 1")
    assert result.error.code == "lab_crashed" and result.error.args == ("OSError",)
    lab.close()
    lab.close()


def _wait_for(condition, limit: float = 120.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "the condition never came true"
        time.sleep(0.02)


def test_run_code_runs_once_in_its_own_process():
    assert run_code("torch.arange(3).tolist()").result.text == "[0, 1, 2]"


def test_odd_values_and_warnings_do_not_break_a_run(session):
    result = session.run("import warnings\ns = torch.ones(3).to_sparse()\nwarnings.warn('careful')\nm = "
                         "torch.empty(2, device='meta')\nl = [1, 2]\nl")
    assert result.error is None
    assert (result.value("s").kind, result.value("s").python_type) == ("other", "Tensor")
    assert result.value("m").text.startswith("tensor(")
    assert "UserWarning: careful" in result.stdout and result.result.text == "[1, 2]"


def test_the_window_side_never_loads_torch():
    script = ("import sys\nfrom playground.lab.runner import LabSession\nwith LabSession() as lab:\n"
              "    result = lab.run('t = torch.ones(2, 3)\\nt @ t.T')\n"
              "assert result.result.values.tolist() == [[3, 3], [3, 3]], result\n"
              "print('torch' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1])))
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "False"
