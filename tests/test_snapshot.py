"""Loaded pack sets kept between runs (language/snapshot.py): a hit is the pack set a load gives,
anything unsound or stale is a miss, and lint never uses it.

Behaviour only; what it saves is measured in benchmarks/results.md.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from advisor.accounts.account import load_account
from advisor.api import Advisor, default_pack_path
from advisor.language import pack as pack_module
from advisor.language import packcache, snapshot
from advisor.language.pack import find_packs, load_packs
from advisor.output import render

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
AS_OF = dt.date(2026, 11, 23)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ADVISOR_NO_CACHE", raising=False)
    return tmp_path / "cache" / "loaded"


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    out = tmp_path / "rules"
    for name in ("core", "it-distribution"):
        shutil.copytree(RULES / name, out / name)
    return out


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.json")) if cache.exists() else []


def no_loading(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the packs were loaded, not read from the snapshot")

    monkeypatch.setattr(snapshot, "load_packs", refuse)


def pack_sets() -> list[list[str]]:
    names = sorted(find_packs(RULES))
    return [["core"]] + [["core", n] for n in names if n != "core"] + [[n] for n in names if n != "core"]


@pytest.mark.parametrize("names", pack_sets(), ids="+".join)
def test_every_bundled_pack_set_reads_back_as_loaded(names, cache, monkeypatch):
    path = default_pack_path()
    loaded = snapshot.load(names, path)  # a miss: loaded and kept
    assert len(entries(cache)) == 1
    no_loading(monkeypatch)
    back = snapshot.load(names, path)
    assert back is not loaded
    assert snapshot.dump(back) == snapshot.dump(loaded)
    for a, b in zip(loaded.rules, back.rules, strict=True):
        # what the dump leaves to the parser and to the caches on the rule
        assert (a.when, a.kinds, a.action, a.locs.file, a.where) == (b.when, b.kinds, b.action, b.locs.file, b.where)
        assert (a.then, a.title, a.intent, a.policy_safe) == (b.then, b.title, b.intent, b.policy_safe)
    assert back.catalog == loaded.catalog
    assert [p.spec_locs.file for p in back.packs] == [p.spec_locs.file for p in loaded.packs]
    if loaded.recogniser:
        assert back.recogniser.spec == loaded.recogniser.spec


def test_advice_from_the_snapshot_is_byte_identical_on_every_fixture(cache, monkeypatch):
    def advise_all() -> list[str]:
        advisor = Advisor()
        out = []
        for path in sorted((ROOT / "fixtures" / "accounts").glob("*.yaml")):
            advice = advisor.advise(load_account(path), as_of=AS_OF, trace=True)
            for lang in ("en", "zh"):
                out.append(render.dump_json(render.as_dict(advice, lang, 0)))
                out.append(render.RENDERERS["text"](advice, lang, 0))
        return out

    first = advise_all()
    assert entries(cache)
    no_loading(monkeypatch)
    assert advise_all() == first


def test_an_edited_rule_file_is_a_miss(rules_dir, cache):
    first = snapshot.load(["core"], rules_dir)
    target = sorted((rules_dir / "core").glob("*.yaml"))[1]
    text = target.read_text(encoding="utf-8")
    rule = next(r for r in first.rules if r.file == str(target))
    target.write_text(text.replace(rule.title.en, rule.title.en + " (edited)", 1), encoding="utf-8")
    second = snapshot.load(["core"], rules_dir)
    assert second.rule(rule.id).title.en == rule.title.en + " (edited)"


def test_an_added_or_removed_rule_file_is_a_miss(rules_dir, cache):
    first = snapshot.load(["core"], rules_dir)
    extra = rules_dir / "core" / "zz-extra.yaml"
    extra.write_text("rules:\n  - id: core.extra.call\n    family: extra\n    title: {en: Call, zh: 打电话}\n"
                     "    basis: derived\n    then:\n      recommend:\n        who: account\n"
                     "        what: {en: Call them, zh: 打电话}\n        why: {en: Because, zh: 因为}\n", encoding="utf-8")
    assert "core.extra.call" in {r.id for r in snapshot.load(["core"], rules_dir).rules}
    extra.unlink()
    assert {r.id for r in snapshot.load(["core"], rules_dir).rules} == {r.id for r in first.rules}


def test_an_edited_pack_yaml_is_a_miss(rules_dir, cache):
    snapshot.load(["core"], rules_dir)
    spec = rules_dir / "core" / "pack.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("version: 1.0.0", "version: 1.0.1", 1), encoding="utf-8")
    assert snapshot.load(["core"], rules_dir).packs[0].version == "1.0.1"


def test_a_pack_that_starts_shadowing_another_is_a_miss(rules_dir, cache, tmp_path):
    snapshot.load(["core", "it-distribution"], rules_dir)
    user = tmp_path / "user"
    shutil.copytree(rules_dir / "it-distribution", user / "it-distribution")
    spec = user / "it-distribution" / "pack.yaml"
    spec.write_text(spec.read_text(encoding="utf-8") + "shadows: {reason: a local copy}\n", encoding="utf-8")
    from advisor.language.packpath import Entry, PackPath

    both = PackPath([Entry(rules_dir, "--rules"), Entry(user, "--rules")])
    got = snapshot.load(["core", "it-distribution"], both)
    assert got.packs[-1].folder == user / "it-distribution"


def test_a_corrupt_or_truncated_entry_is_a_miss_and_is_rebuilt(rules_dir, cache):
    first = snapshot.load(["core"], rules_dir)
    entry, = entries(cache)
    text = entry.read_text(encoding="utf-8")
    for bad in (text[: len(text) // 2], text.replace('"priority":', '"priority":1', 1), "", "not json\n{}"):
        entry.write_text(bad, encoding="utf-8")
        assert snapshot.dump(snapshot.load(["core"], rules_dir)) == snapshot.dump(first)
        assert entry.read_text(encoding="utf-8") == text  # rebuilt whole


def test_an_entry_of_another_shape_is_a_miss(rules_dir, cache):
    first = snapshot.load(["core"], rules_dir)
    entry, = entries(cache)
    head, _, body = entry.read_text(encoding="utf-8").partition("\n")
    data = json.loads(body)
    del data["packset"]["packs"][0]["rules"][0]["then"]  # a sound digest over a body we never write
    body = json.dumps(data)
    meta = json.loads(head) | {"digest": packcache.digest(body)}
    entry.write_text(json.dumps(meta) + "\n" + body, encoding="utf-8")
    assert snapshot.dump(snapshot.load(["core"], rules_dir)) == snapshot.dump(first)


def test_a_file_changed_while_loading_is_not_kept(rules_dir, cache, monkeypatch):
    target = sorted((rules_dir / "core").glob("*.yaml"))[1]
    real = snapshot.load_packs

    def load_then_edit(names, where):
        got = real(names, where)
        target.write_text(target.read_text(encoding="utf-8") + "\n# edited during the load\n", encoding="utf-8")
        return got

    monkeypatch.setattr(snapshot, "load_packs", load_then_edit)
    snapshot.load(["core"], rules_dir)
    assert entries(cache) == []  # it would pair the new text with what the old text made


def test_no_cache_turns_it_off(rules_dir, cache, monkeypatch):
    monkeypatch.setenv("ADVISOR_NO_CACHE", "1")
    snapshot.load(["core"], rules_dir)
    assert not cache.exists()


def test_an_unwritable_cache_folder_is_no_error(rules_dir, tmp_path, monkeypatch):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the folder would be", encoding="utf-8")
    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(blocker))
    monkeypatch.delenv("ADVISOR_NO_CACHE", raising=False)
    assert snapshot.load(["core"], rules_dir).rules


def test_a_broken_pack_is_never_kept_and_its_error_stays(rules_dir, cache):
    bad = rules_dir / "core" / "zz-bad.yaml"
    bad.write_text("rules:\n  - id: core.bad.rule\n    family: x\n", encoding="utf-8")
    for _ in range(2):  # the same located error each time: nothing was kept in between
        with pytest.raises(pack_module.AdvisorError, match="zz-bad.yaml"):
            snapshot.load(["core"], rules_dir)
    assert entries(cache) == []


def test_lint_and_load_packs_never_read_it(rules_dir, cache, monkeypatch):
    snapshot.load(["core"], rules_dir)
    monkeypatch.setattr(snapshot, "_read", lambda *a: pytest.fail("the snapshot was read"))
    load_packs(["core"], rules_dir)
    from advisor.toolkit.lint import Linter

    Linter(rules_dir).lint(["core"])


def test_entries_are_pruned(rules_dir, cache, monkeypatch):
    monkeypatch.setattr(snapshot, "KEEP", 2)
    for names in (["core"], ["core", "it-distribution"], ["it-distribution"]):
        snapshot.load(names, rules_dir)
    assert len(entries(cache)) == 2


def test_a_file_gone_before_the_snapshot_is_written_is_no_error(rules_dir, cache, monkeypatch):
    target = sorted((rules_dir / "core").glob("*.yaml"))[1]
    real = snapshot.load_packs

    def load_then_remove(names, where):
        got = real(names, where)
        target.unlink()
        return got

    monkeypatch.setattr(snapshot, "load_packs", load_then_remove)
    assert snapshot.load(["core"], rules_dir).rules  # the advice goes on; nothing is kept
    assert entries(cache) == []
