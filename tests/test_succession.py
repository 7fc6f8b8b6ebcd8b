"""A succession on record (session 9, issue 22): a contact about to leave and the one named to come next
(accounts/succession.py) — contact.successor_incoming, contact.leaving, the introducer and the date words. The cases
are written for these tests, not taken from a dev set."""
from __future__ import annotations

import pytest

from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.language.pack import load_packs

from .conftest import AS_OF, RULES


@pytest.fixture(scope="module")
def vocabulary():
    return load_packs(["core"], RULES).fact_options()["vocabulary"]


def _facts(vocabulary, contacts: list[dict], note: str = "", visit: str = "") -> tuple[dict, dict]:
    data = {"name": "Acme", "contacts": contacts, "notes": note}
    if visit:
        data["visits"] = [{"date": "2026-11-10", "contact": contacts[0]["name"], "note": visit}]
    facts = enrich(Account.model_validate(data), AS_OF, vocabulary=vocabulary)
    [a] = [f for f in facts if f["kind"] == "account"]
    return a, {f["name"]: f for f in facts if f["kind"] == "contact"}


OLD = {"name": "Ruth Evans", "title": "Head of Purchasing", "roles": ["decider"], "met": True}
NEW = {"name": "Owen Price", "title": "Category Manager", "roles": ["purchaser"], "met": False}


@pytest.mark.parametrize("visit", [
    "Ruth retires at the end of June; Owen Price will take over the supplier list.",
    "Ruth is stepping down in the spring. Owen Price is her successor.",
    "Ruth hands over to Owen Price next year.",
])
def test_en_outgoing_and_named_successor_from_a_visit(vocabulary, visit):
    a, c = _facts(vocabulary, [OLD, NEW], visit=visit)
    assert c["Owen Price"]["successor_incoming"] and c["Ruth Evans"]["leaving"]
    assert c["Owen Price"]["succession_introducer"] == "Ruth Evans"
    assert a["succession_pending"] is True


@pytest.mark.parametrize("title,who", [
    ("生产总监(明年接班)", "王总"),           # simplified, the title
    ("董事长之子,从德国回来接手工厂", "王总"),
    ("少東(廠長)", "王總"),                  # traditional
    ("協理,年後接任總經理", "王總"),
])
def test_zh_title_names_the_successor(vocabulary, title, who):
    _, c = _facts(vocabulary, [{"name": who, "title": "董事长", "roles": ["decider"], "met": True},
                               {"name": "王小明", "title": title, "roles": ["influencer"], "met": False}])
    assert c["王小明"]["successor_incoming"] is True
    assert c["王小明"]["succession_introducer"] == who


@pytest.mark.parametrize("visit", ["陈总说他年底退休,李经理会接手采购。", "陳總說他即將退休,李經理接班。", "陈总准备交棒,李经理接任。"])
def test_zh_outgoing_in_a_visit(vocabulary, visit):
    _, c = _facts(vocabulary, [{"name": "陈总" if "陈" in visit else "陳總", "title": "总经理", "roles": ["decider"],
                                "met": True},
                               {"name": "李经理" if "李经理" in visit else "李經理", "title": "采购", "met": False}],
                  visit=visit)
    old, new = list(c)
    assert c[old]["leaving"] is True and c[new]["successor_incoming"] is True
    assert c[new]["succession_introducer"] == old


def test_the_date_words_are_kept(vocabulary):
    _, c = _facts(vocabulary, [OLD, dict(NEW, title="Category Manager (takes over from April)")])
    assert c["Owen Price"]["succession_when"] == "from april"
    _, c = _facts(vocabulary, [OLD, dict(NEW, title="廠長(12月回來接班)")])
    assert c["Owen Price"]["succession_when"] == "12月"


@pytest.mark.parametrize("contacts,visit", [
    ([OLD, NEW], "Ruth is not retiring; Owen Price runs the warehouse."),               # negated, no incoming word
    ([OLD, NEW], "The new range will take over from the old one."),                     # names no contact
    ([OLD, dict(NEW, met=True)], "Owen Price will take over the supplier list."),       # met: no introduction to ask
    ([OLD, dict(NEW, title="研发主管(第二代产品)")], "王工负责第二代产品。"),              # a product generation
])
def test_silent(vocabulary, contacts, visit):
    a, c = _facts(vocabulary, contacts, visit=visit)
    assert not c["Owen Price"].get("successor_incoming") or c["Owen Price"].get("met")
    assert a["succession_pending"] is False


def test_a_contact_already_gone_is_not_leaving(vocabulary):
    _, c = _facts(vocabulary, [dict(OLD, title="Head of Purchasing (retired in October)"),
                               dict(NEW, title="Head of Purchasing (took over from Ruth)")])
    assert c["Ruth Evans"]["departed"] and not c["Ruth Evans"].get("leaving")
    assert c["Owen Price"].get("successor_of") == "Ruth Evans"


# --- the next generation of a family firm (session 11) --------------------------------------------------------------
# The owner's son or daughter on file by title, related to the boss, with no takeover written: contact.next_generation
# — whom the firm's future rests on — and core.roles.know-the-next-generation builds the tie while we barely know them.

BOSS_EN = {"name": "Walter Brandt", "title": "Owner", "roles": ["decider"], "is_boss": True, "met": True}


@pytest.mark.parametrize("boss, heir", [
    (BOSS_EN, {"name": "Lena Brandt", "title": "Head of production, Walter's daughter", "related_to": ["Walter Brandt"]}),
    (BOSS_EN, {"name": "Felix Brandt", "title": "Son of the owner, runs the new e-shop", "related_to": ["Walter Brandt"]}),
    (BOSS_EN, {"name": "Marco Vitale", "title": "Operations lead (son-in-law)", "related_to": ["Walter Brandt"]}),
    ({"name": "周董", "title": "董事长", "roles": ["decider"], "is_boss": True, "met": True},
     {"name": "周小军", "title": "副总经理(董事长的儿子)", "related_to": ["周董"]}),
    ({"name": "周董", "title": "董事长", "roles": ["decider"], "is_boss": True, "met": True},
     {"name": "周婷", "title": "财务总监,老板女儿", "related_to": ["周董"]}),
    ({"name": "林董", "title": "董事長", "roles": ["decider"], "is_boss": True, "met": True},
     {"name": "林家豪", "title": "廠長(董事長長子,去年從越南廠回來)", "related_to": ["林董"]}),
])
def test_the_owners_child_by_title_is_the_next_generation(vocabulary, boss, heir):
    _, c = _facts(vocabulary, [boss, dict(heir, roles=["influencer"], met=True)])
    assert c[heir["name"]]["next_generation"] is True
    assert c[heir["name"]]["successor_incoming"] is False  # no takeover written: a tie to build, not a handover


@pytest.mark.parametrize("boss, other", [
    # a child of someone who is not the boss; a brother; a wife; no related_to
    (BOSS_EN, {"name": "Sam Jackson", "title": "Son of our old agent", "related_to": []}),
    (BOSS_EN, {"name": "Karl Brandt", "title": "Brother of the owner, sales", "related_to": ["Walter Brandt"]}),
    (BOSS_EN, {"name": "Greta Brandt", "title": "Office manager, the owner's wife", "related_to": ["Walter Brandt"]}),
    ({"name": "周董", "title": "董事长", "roles": ["decider"], "is_boss": True, "met": True},
     {"name": "周强", "title": "销售经理(董事长的弟弟)", "related_to": ["周董"]}),
    ({"name": "林董", "title": "董事長", "roles": ["decider"], "is_boss": True, "met": True},
     {"name": "陳志明", "title": "採購(董事長朋友的兒子)", "related_to": []}),
])
def test_no_next_generation_without_the_boss_and_a_childs_word(vocabulary, boss, other):
    _, c = _facts(vocabulary, [boss, dict(other, roles=["purchaser"], met=True)])
    assert c[other["name"]]["next_generation"] is False


def test_a_takeover_written_is_the_succession_not_the_next_generation(vocabulary):
    boss = {"name": "周董", "title": "董事长", "roles": ["decider"], "is_boss": True, "met": True}
    heir = {"name": "周小军", "title": "董事长的儿子", "related_to": ["周董"], "roles": ["influencer"], "met": False}
    _, c = _facts(vocabulary, [boss, heir], note="周董明年退休,周小军回来接班。")
    assert c["周小军"]["successor_incoming"] is True and c["周小军"]["next_generation"] is False
