"""Hostile and odd paths for a CSV or a design file: each ends in a message naming the
field, with exit code 2 on the command line, without hanging and without reading
the file into memory (the commands run in a process whose memory is capped)."""

import os
import subprocess
import sys

import pytest

from playground import files
from playground.design.schema import Design
from playground.design.io import MAX_FILE_BYTES, save_design
from playground.files import FileTooLarge, read_file

MEMORY_CAP = 2 << 30  # bytes of address space: importing torch needs about 0.7 GB


def _cap_memory():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_command(*args) -> subprocess.CompletedProcess:
    """``nn-playground ARGS`` in a process with capped memory; a hang fails the test."""
    return subprocess.run([sys.executable, "-m", "playground.launcher", *args], capture_output=True, text=True,
                          timeout=300, preexec_fn=_cap_memory)


def hostile(tmp_path, kind: str, limit: int):
    """A path of the given kind: (path, the words the message must hold)."""
    if kind == "device":
        return "/dev/zero", "not an ordinary file"
    if kind == "symlink":
        (tmp_path / "zeros").symlink_to("/dev/zero")
        return tmp_path / "zeros", "not an ordinary file"
    if kind == "fifo":
        os.mkfifo(tmp_path / "pipe")
        return tmp_path / "pipe", "not an ordinary file"
    if kind == "folder":
        (tmp_path / "folder").mkdir()
        return tmp_path / "folder", "is a folder"
    with open(tmp_path / "sparse", "wb") as f:
        f.truncate(limit + 2**20)  # sparse: costs no disk space
    return tmp_path / "sparse", "too large"


KINDS = ["device", "symlink", "fifo", "folder", "sparse"]
posix_only = pytest.mark.skipif(not os.path.exists("/dev/zero") or not hasattr(os, "mkfifo"), reason="POSIX paths")


@posix_only
@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_csv_path_is_refused_by_train_with_exit_code_2(tmp_path, kind):
    path, words = hostile(tmp_path, kind, 50 * 2**20)
    design = tmp_path / "design.json"
    save_design(Design().with_data(dataset="csv", csv_path=str(path), csv_target="y"), design)
    result = run_command("train", str(design), "--quiet")
    assert result.returncode == 2, result.stderr[-2000:]
    assert "data.csv_path" in result.stderr and words in result.stderr
    assert "Traceback" not in result.stderr


@posix_only
@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_design_path_is_refused_by_train_with_exit_code_2(tmp_path, kind):
    path, words = hostile(tmp_path, kind, MAX_FILE_BYTES)
    result = run_command("train", str(path), "--quiet")
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Cannot open the design file" in result.stderr and words in result.stderr
    assert "Traceback" not in result.stderr


def test_a_file_that_grows_after_its_size_was_checked_is_read_only_up_to_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "growing.csv"
    path.write_bytes(b"1,2\n" * 2**18)  # 1 MB, as if written after os.stat said it was small
    read = []
    real_read = os.read
    monkeypatch.setattr(files, "_check", lambda *args: None)  # both size checks saw the small file
    monkeypatch.setattr(files.os, "read", lambda fd, n: read.append(real_read(fd, n)) or read[-1])
    with pytest.raises(FileTooLarge):
        read_file(path, 1000)
    assert sum(len(chunk) for chunk in read) == 1001


def test_a_regular_file_within_the_limit_is_read_whole(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(b"a,b\n" * 3000)
    assert read_file(path, 12_000) == b"a,b\n" * 3000
    with pytest.raises(FileTooLarge):
        read_file(path, 11_999)
