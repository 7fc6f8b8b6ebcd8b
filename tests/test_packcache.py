"""The parsed-pack cache (language/packcache.py): a hit gives what parsing gives, anything unsound is a miss.

Behaviour only; what it saves is measured in benchmarks/results.md ("Fast start").
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from advisor.files.errors import AdvisorError
from advisor.language import pack as pack_module
from advisor.language import packcache
from advisor.language.pack import load_packs

RULES = Path(__file__).resolve().parent.parent / "rules"


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    out = tmp_path / "rules"
    shutil.copytree(RULES / "core", out / "core")
    return out


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ADVISOR_NO_CACHE", raising=False)
    return tmp_path / "cache" / "packs"


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.json")) if cache.exists() else []


def summary(packset, lines: bool = False) -> list:
    # r.line re-reads the file with ruamel.yaml (slow): asked for only where places are the point
    return [(r.id, r.pack, r.file, r.line if lines else None, r.raw, r.kinds) for r in packset.rules]


def no_parsing(monkeypatch):
    def refuse(text, file):
        raise AssertionError(f"{file} was parsed, not read from the cache")

    monkeypatch.setattr(pack_module, "load_yaml_text", refuse)


def test_a_second_load_reads_the_cache_and_gets_the_same_packs(rules_dir, cache, monkeypatch):
    first = load_packs(["core"], rules_dir)
    assert len(entries(cache)) == 1
    no_parsing(monkeypatch)
    second = load_packs(["core"], rules_dir)
    assert summary(second, lines=True) == summary(first, lines=True)  # ids, data, the line each rule is on
    assert second.params == first.params and second.recogniser is not None


def test_an_edited_rule_file_is_parsed_again_and_its_edit_is_seen(rules_dir, cache, monkeypatch):
    load_packs(["core"], rules_dir)
    target = rules_dir / "core" / "keep.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("Keep a needs-tracking sheet", "Keep a sheet", 1),
                      encoding="utf-8")
    titles = {r.title.en for r in load_packs(["core"], rules_dir).rules}
    assert "Keep a sheet" in titles and "Keep a needs-tracking sheet" not in titles
    assert len(entries(cache)) == 2
    no_parsing(monkeypatch)  # and the edited set is now served from its own entry
    assert "Keep a sheet" in {r.title.en for r in load_packs(["core"], rules_dir).rules}


def test_an_error_in_a_cached_set_still_names_its_line(rules_dir, cache):
    load_packs(["core"], rules_dir)  # cached; now a pack that extends core has a bad rule
    ext = rules_dir / "ext"
    ext.mkdir()
    (ext / "pack.yaml").write_text("name: ext\nversion: '1'\ndescription: {en: e, zh: e}\nextends: core\n",
                                   encoding="utf-8")
    (ext / "bad.yaml").write_text("rules:\n  - id: ext.bad\n    family: x\n    title: {en: t, zh: t}\n"
                                  "    basis: derived\n    for: nothing\n    then: {derive: {kind: x}}\n",
                                  encoding="utf-8")
    for _ in range(2):  # a set that fails is not cached: the second attempt fails the same way
        with pytest.raises(AdvisorError) as err:
            load_packs(["ext"], rules_dir)
        assert "bad.yaml" in str(err.value) and ":6:" in str(err.value), str(err.value)
    assert len(entries(cache)) == 1


@pytest.mark.parametrize("damage", ["truncated", "edited body", "surrogate", "not json", "wrong key"])
def test_a_damaged_entry_is_ignored_and_rebuilt(rules_dir, cache, damage):
    first = summary(load_packs(["core"], rules_dir))
    (entry,) = entries(cache)
    text = entry.read_text(encoding="utf-8")
    head, _, body = text.partition("\n")
    if damage == "truncated":
        text = text[: len(text) // 2]
    elif damage == "edited body":
        text = head + "\n" + body.replace("core.", "evil.", 1)
    elif damage == "surrogate":  # well-formed, digest recomputed: still refused (YAML parsing never makes one)
        body = body.replace('"rules":', '"x":"\\ud800","rules":', 1)
        meta = json.loads(head) | {"digest": hashlib.sha256(body.encode()).hexdigest()}
        text = json.dumps(meta) + "\n" + body
    elif damage == "not json":
        text = "\x00\x01garbage"
    elif damage == "wrong key":
        text = json.dumps(json.loads(head) | {"key": "0" * 64}) + "\n" + body
    entry.write_text(text, encoding="utf-8")
    assert summary(load_packs(["core"], rules_dir)) == first
    assert entry.read_text(encoding="utf-8").partition("\n")[0] == head  # rebuilt whole


def test_no_cache_writes_nothing(rules_dir, cache, monkeypatch):
    monkeypatch.setenv("ADVISOR_NO_CACHE", "1")
    load_packs(["core"], rules_dir)
    assert entries(cache) == []


def test_entries_are_bounded(rules_dir, cache, monkeypatch):
    monkeypatch.setattr(packcache, "KEEP", 3)  # the same pruning as at 16, in fewer loads
    target = rules_dir / "core" / "keep.yaml"
    original = target.read_text(encoding="utf-8")
    for i in range(packcache.KEEP + 2):
        target.write_text(original + f"\n# edit {i}\n", encoding="utf-8")
        load_packs(["core"], rules_dir)
    assert len(entries(cache)) == packcache.KEEP
    assert not list(cache.glob("*.tmp")) and not list(cache.glob(".*"))


def test_an_unwritable_cache_folder_is_no_error(rules_dir, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(blocker))
    monkeypatch.delenv("ADVISOR_NO_CACHE", raising=False)
    assert load_packs(["core"], rules_dir).rules


def test_data_json_cannot_hold_is_not_cached():
    assert packcache.encode({"when": {"date": __import__("datetime").date(2026, 1, 1)}}) is None
    assert packcache.encode({"a": [1, 1.5, "中文", None, True]}) == '{"a":[1,1.5,"中文",null,true]}'
