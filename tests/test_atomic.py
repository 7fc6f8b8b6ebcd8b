"""write_atomic: all or nothing, never over an existing file without force."""
import os

import pytest

from advisor.files.atomic import write_atomic
from advisor.files.errors import AdvisorError


def test_writes_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "out" / "advice.json"
    write_atomic(target, "{}\n")
    assert target.read_text() == "{}\n"
    assert os.listdir(target.parent) == ["advice.json"]


def test_refuses_to_replace_without_force(tmp_path):
    target = tmp_path / "mine.md"
    target.write_text("the user's own words")
    with pytest.raises(AdvisorError, match=r"mine.md already exists.*--force"):
        write_atomic(target, "generated")
    assert target.read_text() == "the user's own words"
    write_atomic(target, "generated", force=True)
    assert target.read_text() == "generated"


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "keep.txt"
    target.write_text("old")

    def boom(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(AdvisorError, match="the disk is full; nothing was written"):
        write_atomic(target, "new", force=True)
    assert target.read_text() == "old"
    assert sorted(os.listdir(tmp_path)) == ["keep.txt"]


def test_a_new_file_gets_the_usual_mode_and_a_replaced_one_keeps_its_own(tmp_path):
    old = os.umask(0o022)
    try:
        fresh = write_atomic(tmp_path / "board.html", "<html>")
        assert fresh.stat().st_mode & 0o777 == 0o644  # not mkstemp's private 0600
        mine = tmp_path / "mine.txt"
        mine.write_text("x")
        mine.chmod(0o600)
        write_atomic(mine, "y", force=True)
        assert mine.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)
