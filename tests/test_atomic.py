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
