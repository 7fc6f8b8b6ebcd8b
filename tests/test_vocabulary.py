"""The packs' vocabularies (``vocabulary:`` in pack.yaml): the tender words and the departed words
live in the core pack as data, an industry pack adds its own, lint checks each list, and a pack
that names an unknown vocabulary is a one-line load error (advisor/accounts/wordlists.py)."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from advisor.accounts.account import Account
from advisor.api import Advisor
from advisor.files.errors import AdvisorError
from advisor.language.pack import load_packs
from advisor.toolkit.lint import lint

from .conftest import AS_OF, RULES

# words only the test pack knows: no core word is in them
EXTRA = """\
    vocabulary:
      tender:
        en: [expression of interest]
        zh: [遴选公告]
      departed:
        en: [on garden leave]
"""


def _pack(rules_dir: Path, extra: str = EXTRA, name: str = "hospital-supply") -> Path:
    folder = rules_dir / name
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(textwrap.dedent(f"""\
        name: {name}
        version: 0.0.1
        description: {{en: test pack, zh: 测试规则包}}
        extends: core
        """) + textwrap.dedent(extra), encoding="utf-8")
    return folder / "pack.yaml"


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    out = tmp_path / "rules"
    shutil.copytree(RULES / "core", out / "core")
    return out


def _facts(rules_dir: Path, packs: list[str], data: dict) -> list[dict]:
    account = Account.model_validate({"name": "Acme", "stage": "open", **data})
    return Advisor(rules_dir).advise(account, AS_OF, packs=packs).facts


ACCOUNT = {
    "contacts": [{"name": "Lee", "title": "Head of Purchasing (on garden leave)", "roles": ["decider"], "met": True},
                 {"name": "Wu", "title": "CFO, left the company in May", "roles": ["influencer"], "met": True},
                 {"name": "Ma", "title": "Head of Projects", "roles": ["expert"], "met": True}],
    "opportunities": [{"name": "Ward 5 monitors — expression of interest"}, {"name": "病房改造遴选公告"},
                      {"name": "ICU beds tender 2027"}, {"name": "Spare parts top-up"}],
}


def _marks(facts: list[dict]) -> tuple[dict, dict, int]:
    tender = {f["name"]: f["tender"] for f in facts if f["kind"] == "opportunity"}
    departed = {f["name"]: f["departed"] for f in facts if f["kind"] == "contact"}
    return tender, departed, next(f for f in facts if f["kind"] == "account")["open_tender_count"]


@pytest.mark.parametrize("packs, tender, count, departed", [
    # an industry pack adds words, and the core words still count
    (["core", "hospital-supply"], [True, True, True, False], 3, [True, True, False]),
    # without the industry pack only the core words count
    (["core"], [False, False, True, False], 1, [False, True, False]),
])
def test_a_pack_adds_vocabulary_words_to_the_core_ones(rules_dir, packs, tender, count, departed):
    _pack(rules_dir)
    got_tender, got_departed, got_count = _marks(_facts(rules_dir, packs, ACCOUNT))
    assert got_tender == dict(zip(["Ward 5 monitors — expression of interest", "病房改造遴选公告",
                                   "ICU beds tender 2027", "Spare parts top-up"], tender))
    assert got_count == count
    assert got_departed == dict(zip(["Lee", "Wu", "Ma"], departed))


def test_a_pack_added_tender_word_fires_the_tender_rule(rules_dir):
    _pack(rules_dir)
    account = Account.model_validate({"name": "Acme", "stage": "open",
                                      "contacts": [{"name": "Ma", "roles": ["expert"], "met": True}],
                                      "opportunities": [{"name": "Ward 5 monitors — expression of interest"}]})
    advisor = Advisor(rules_dir)
    assert "core.buying.work-the-tender" in {a.rule for a in advisor.advise(account, AS_OF, packs=["core", "hospital-supply"]).actions}
    assert "core.buying.work-the-tender" not in {a.rule for a in advisor.advise(account, AS_OF, packs=["core"]).actions}


def test_the_pack_set_unites_the_lists_and_the_core_list_is_data():
    core = load_packs(["core"], RULES).vocabulary
    assert {"tender", "bid", "rfp"} <= set(core["tender"].en)
    assert {"招标", "投标", "比选"} <= set(core["tender"].zh) and {"招標", "投標", "比選"} <= set(core["tender"].zh_hant)
    assert {"已离职", "left"} <= set(core["departed"].zh) | set(core["departed"].en)


def test_an_unknown_vocabulary_is_a_one_line_load_error(rules_dir):
    path = _pack(rules_dir, "vocabulary:\n  tenders:\n    en: [eoi]\n")
    with pytest.raises(AdvisorError) as info:
        load_packs(["hospital-supply"], rules_dir)
    message = str(info.value)
    assert f"{path}:6:" in message and "tenders" in message and "tender" in message.split("—")[0] and "\n" not in message.strip()


@pytest.mark.parametrize("words,finding", [
    ("en: [标书]", "'标书' is Chinese — list it under zh"),
    ("zh: [eoi]", "'eoi' has no Chinese character — list it under en"),
    ("zh: [标]", "'标' is one character"),
    ("zh_hant: [\"  \"]", "is empty"),
    ("en: [x]", "'x' is one letter"),
])
def test_lint_rejects_a_word_that_cannot_be_found_as_meant(rules_dir, words, finding):
    path = _pack(rules_dir, f"vocabulary:\n  tender:\n    {words}\n")
    errors = [str(e) for e in lint(rules_dir, ["hospital-supply"]).errors]
    assert any(finding in e and f"{path.name}:7" in e for e in errors), errors


def test_lint_warns_of_a_word_the_base_pack_lists_already(rules_dir):
    _pack(rules_dir, "vocabulary:\n  tender:\n    zh: [招标, 遴选公告]\n")
    report = lint(rules_dir, ["hospital-supply"])
    assert not report.errors
    assert [w.message for w in report.warnings if "vocabulary" in w.message] == [
        "vocabulary tender (zh): '招标' is listed already by a pack this one extends — remove it"]


def test_the_bundled_packs_lint_clean_on_vocabularies():
    assert not [f for f in lint(RULES, ["core"]).findings if "vocabulary" in str(f)]


def test_one_character_is_a_word_only_in_a_pair_part_vocabulary(rules_dir):
    """offer_ask is read as one half of a pair in core (pair_part: true): 发 counts only a few characters before what we
    would send, so an industry pack may add one character there; in tender (read alone) it is still an error."""
    _pack(rules_dir, "vocabulary:\n  offer_ask:\n    zh: [递]\n  tender:\n    zh: [标]\n")
    errors = [str(e) for e in lint(rules_dir, ["hospital-supply"]).errors]
    assert any("'标' is one character" in e for e in errors), errors
    assert not any("'递'" in e for e in errors), errors
