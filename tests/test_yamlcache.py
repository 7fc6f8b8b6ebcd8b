"""The parsed-YAML cache: same answers with or without it, and a broken cache file is ignored."""
from __future__ import annotations

from advisor.files import yamlcache
from advisor.files.yamlio import load_yaml_file

from .conftest import FIXTURES, RULES


def test_cached_parse_equals_fresh_parse(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path))
    for path in [FIXTURES / "accounts" / "bank-mainframe.yaml", RULES / "core" / "roles.yaml"]:
        fresh, fresh_locs = load_yaml_file(path)  # parses and stores
        assert len(list(tmp_path.rglob("*.json"))) >= 1
        cached, cached_locs = load_yaml_file(path)  # served from the cache
        assert cached == fresh
        assert cached_locs._where == fresh_locs._where and cached_locs._keys == fresh_locs._keys
        assert cached_locs.file == str(path)


def test_dates_survive_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path))
    path = tmp_path / "a.yaml"
    path.write_text("name: x\nsales: {last_order: 2026-03-01}\n", encoding="utf-8")
    first, _ = load_yaml_file(path)
    second, _ = load_yaml_file(path)
    assert first == second and second["sales"]["last_order"].isoformat() == "2026-03-01"


def test_corrupt_cache_file_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path))
    path = tmp_path / "a.yaml"
    path.write_text("name: x\n", encoding="utf-8")
    load_yaml_file(path)
    for f in tmp_path.rglob("*.json"):
        f.write_text("{not json", encoding="utf-8")
    data, locs = load_yaml_file(path)
    assert data == {"name": "x"} and locs.find(("name",)) == (1, 7)


def test_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("ADVISOR_NO_CACHE", "1")
    assert yamlcache.cache_dir() is None
    path = tmp_path / "a.yaml"
    path.write_text("name: x\n", encoding="utf-8")
    load_yaml_file(path)
    assert list(tmp_path.rglob("*.json")) == []
