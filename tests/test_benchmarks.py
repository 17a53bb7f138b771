"""The benchmarks measure any design file beside their built-in designs (--design FILE)."""

import json
from pathlib import Path

import pytest

from playground.design.io import design_to_json, save_design
from playground.design.schema import Design, LinearLayer

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture
def bench(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import bench_engine
    import bench_options

    return bench_engine, bench_options


def test_design_files_are_measured_after_the_built_in_designs(bench, tmp_path):
    bench_engine, bench_options = bench
    wide = Design(layers=(LinearLayer(units=64, activation="relu"),) * 6).with_data(dataset="spiral")
    digits = Design(layers=(LinearLayer(units=128), LinearLayer(units=64)), loss="cross_entropy").with_data(dataset="digits")
    save_design(wide, tmp_path / "spiral 6x64.json")
    save_design(digits, tmp_path / "digits.json")
    args = bench_options.make_parser("bench").parse_args(
        ["--design", str(tmp_path / "spiral 6x64.json"), "--design", str(tmp_path / "digits.json")])
    rows = bench_engine.designs(args.design)
    built_in = bench_engine.builtin_designs()
    assert rows[: len(built_in)] == built_in
    assert [(name, epochs) for name, _, epochs in rows[len(built_in):]] == [("spiral 6x64", None), ("digits", None)]
    assert rows[-2][1] == wide and rows[-1][1].layers == digits.layers and rows[-1][1].loss == "cross_entropy"
    assert bench_options.make_parser("bench").parse_args([]).design == []  # the built-in designs only


def test_a_design_file_that_cannot_be_used_stops_the_benchmark_with_the_problem_in_words(bench, tmp_path, capsys):
    bench_engine, _ = bench
    document = json.loads(design_to_json(Design()))
    document["layers"][0]["units"] = 0
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        bench_engine.designs([bad])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert "bad.json" in err and "layers" in err and "units" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as stopped:
        bench_engine.designs([tmp_path / "missing.json"])
    assert stopped.value.code == 2 and "missing.json" in capsys.readouterr().err


def test_the_benchmarks_can_measure_design_files_alone_with_the_same_threads(bench, tmp_path):
    bench_engine, bench_options = bench
    save_design(Design(), tmp_path / "mine.json")
    args = bench_options.make_parser("bench").parse_args(["--design", str(tmp_path / "mine.json"), "--files-only"])
    assert [name for name, _, _ in bench_engine.designs(args.design, args.files_only)] == ["mine"]
    import torch

    before = torch.get_num_threads()
    try:
        assert bench_engine.same_threads(Design(), 2) == 2 and torch.get_num_threads() == 2
        assert bench_engine.same_threads(Design()) == 1  # a tiny network: the app's training process takes one
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)


def test_a_busy_machine_is_a_second_process_spinning_for_the_whole_measurement(bench):
    _, bench_options = bench
    assert bench_options.make_parser("bench").parse_args(["--busy"]).busy
    with bench_options.machine_load(False) as spinner:
        assert spinner is None
    with bench_options.machine_load(True) as spinner:
        assert spinner.poll() is None  # running while the block runs
    assert spinner.returncode is not None  # and gone after it
