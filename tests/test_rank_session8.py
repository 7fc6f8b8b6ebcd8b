"""Session 8 (issue 22): the list a coach would sign — one action per deed, the cause the account states, a single
thread widened to the people known but never met. Accounts and wording of our own, en and zh; each reading is tested
where it fires and where it must stay silent."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor import Advisor
from advisor.accounts import declinecause, topics, unmetpeople, wordlists
from advisor.accounts.account import Account
from advisor.output.render import as_dict

AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def advisor():
    return Advisor()


@pytest.fixture(scope="module")
def vocabulary(advisor):
    packset, _ = advisor.load(["core"])
    return packset.fact_options()["vocabulary"]


def _advise(advisor, raw: dict):
    return advisor.advise(Account.model_validate(raw), as_of=AS_OF)


# --- the cause a decline's own words state ------------------------------------------------------------------------

@pytest.mark.parametrize("text, kind, quoted", [
    ("Orders fell by a third because they moved the bottling to their own plant in Porto.", "own_facility",
     "their own plant in Porto"),
    ("Tonnage is down since the new owners started central purchasing out of Munich.", "move", "central purchasing"),
    ("We lost volume, due to a budget cut at group level this spring.", "budget_cut", "budget cut"),
    ("Call-offs dropped — as they lost their biggest customer in Ohio, he told me.", "lost_customer", "biggest customer"),
    ("订单少了三成,因为他们自建了配送中心。", "own_facility", "自建了配送中心"),
    ("今年采购量下降,原因是那条老产线停产了", "line_closed", "停产"),
    ("量减少了,由于我们涨价后他们把一半转到别家", "our_price", "涨价"),
    ("這季訂單下滑,因為他們的大客戶沒了", "lost_customer", "大客戶沒了"),
])
def test_a_stated_cause_is_read_with_its_kind_and_words(vocabulary, text, kind, quoted):
    got = declinecause.stated(text, declinecause.Words(vocabulary))
    assert got is not None and got[0] == kind and quoted in got[1]


@pytest.mark.parametrize("text", [
    "Pallets are down since September, a flat month otherwise.",  # since + a date: no cause
    "Volumes dropped because of the holidays and the weather.",  # a season is no kind of cause
    "Sales are lower, not because of the price.",  # a negated cause states none
    "Their own warehouse opened in May.",  # a cause word, but no decline in the sentence
    "销量下降是季节原因,过了年就好。",
    "量少了,不是因为质量",
    "他们自建了仓库,但跟我们的量没关系",
])
def test_no_stated_cause_without_a_decline_a_joining_word_and_a_kind(vocabulary, text):
    assert declinecause.stated(text, declinecause.Words(vocabulary)) is None


def _declining(note: str, lang: str = "en") -> dict:
    return {"name": "Kestrel Foods" if lang == "en" else "鹰隼食品", "stage": "maintain", "buying_pattern": "repeat",
            "sales": {"last_12m": 500000, "prior_12m": 900000, "last_order": "2026-11-05"},
            "contacts": [{"name": "Mara Lind" if lang == "en" else "孙总", "roles": ["decider", "purchaser"],
                          "senior": True, "met": True}],
            "visits": [{"date": "2026-11-10", "contact": "Mara Lind" if lang == "en" else "孙总", "outcome": "neutral",
                        "note": note}]}


def test_the_decline_action_names_and_quotes_the_stated_cause(advisor):
    advice = _advise(advisor, _declining("Mara says throughput fell because most lines are moving to their own DC."))
    first = advice.actions[0]
    assert first.rule == "core.category.declining-stated-cause" and first.level == "fix_problem"
    assert "most lines are moving to their own DC”" in first.what["en"] and "Mara Lind, 10 Nov" in first.what["en"]
    assert "Don't ask to find the cause" in first.what["en"] and "reset the plan" in first.what["en"]
    assert "core.category.declining-find-cause" not in [a.rule for a in advice.actions]


def test_without_a_stated_cause_the_decline_still_asks_why(advisor):
    advice = _advise(advisor, _declining("Mara says it is just a quiet quarter for everybody."))
    rules = [a.rule for a in advice.actions]
    assert "core.category.declining-find-cause" in rules[:2] and "core.category.declining-stated-cause" not in rules


def test_the_stated_cause_in_chinese(advisor):
    advice = _advise(advisor, _declining("孙总说订单下滑,因为下游两家门店关店了。", "zh"))
    first = advice.actions[0]
    assert first.rule == "core.category.declining-stated-cause"
    assert "关店" in first.what["zh"] and "客户已经说了原因" in first.what["zh"]


# --- a single thread and the people known but never met -----------------------------------------------------------

@pytest.mark.parametrize("text, people", [
    ("All orders go through Dev; we have never met the finance director, the head of R&D or the owner, who is retiring.",
     ["the finance director", "the head of R&D", "the owner"]),
    ("Haven't met their operations manager and the CEO yet.", ["operations manager", "the CEO"]),
    ("No contact with the quality lead so far.", ["the quality lead"]),
    ("生产总监和财务总监我们都没见过。", ["生产总监", "财务总监"]),
    ("一直只跟刘工打交道,从未见过他们的厂长、采购经理或董事长。", ["厂长", "采购经理", "董事长"]),
    ("集团的技术总监还没接触过", ["集团的技术总监"]),
])
def test_the_people_never_met_are_read_from_the_notes(vocabulary, text, people):
    got = unmetpeople.read(text, wordlists.locator(vocabulary, "unmet_people"))
    assert [p.lower() for p in got] == [p.lower() for p in people]


@pytest.mark.parametrize("text", [
    "We met the finance director and the owner at the fair.",
    "Everything runs through Dev, who is happy with us.",
    "厂长和财务总监上个月都见过了。",
    "我们和采购经理很熟。",
])
def test_no_unmet_people_where_the_notes_name_none(vocabulary, text):
    assert unmetpeople.read(text, wordlists.locator(vocabulary, "unmet_people")) == []


def _one_thread(notes: str, lang: str = "en", second_met: bool = False) -> dict:
    one = "Dev Patel" if lang == "en" else "刘工"
    contacts = [{"name": one, "title": "Buyer" if lang == "en" else "采购", "roles": ["purchaser", "user"], "met": True,
                 "satisfied": True, "signals": ["friendly", "calm"]}]
    if second_met:
        contacts.append({"name": "Ines Roth" if lang == "en" else "钱总", "roles": ["influencer"], "met": True})
    return {"name": "Alder Packaging" if lang == "en" else "赤杨包装", "stage": "maintain",
            "relationship": {"level": "partner", "target": "strategic"},
            "sales": {"last_12m": 1200000, "prior_12m": 1050000, "last_order": "2026-11-12"},
            "contacts": contacts, "notes": notes}


@pytest.mark.parametrize("notes, lang, named", [
    ("Steady and growing. We have never met the plant manager or the owners.", "en", "the plant manager"),
    ("Haven't met their group QA head; everything is through Dev.", "en", "group QA head"),
    ("厂长和老板我们都没见过,一切都找刘工。", "zh", "厂长"),
    ("合作稳定。从没见过他们的质量经理和技术总监。", "zh", "质量经理"),
])
def test_a_single_thread_is_widened_to_the_people_known_first(advisor, notes, lang, named):
    advice = _advise(advisor, _one_thread(notes, lang))
    first = advice.actions[0]
    assert first.rule == "core.relationship.single-threaded-known-people"
    assert first.serves == "develop_relationship" and first.level == "widen_known"
    assert named in first.what[lang]
    # it outranks every personality and upkeep tip at a steady account
    assert all(a.family != "personality" for a in advice.actions[:1])


def test_no_widening_by_name_when_two_are_met_or_nobody_is_known(advisor):
    two = _advise(advisor, _one_thread("We have never met the plant manager.", second_met=True))
    assert "core.relationship.single-threaded-known-people" not in [a.rule for a in two.actions]
    none = _advise(advisor, _one_thread("Steady and growing."))
    rules = [a.rule for a in none.actions]
    assert "core.relationship.single-threaded-known-people" not in rules and "core.relationship.single-threaded" in rules


def test_a_retired_thread_is_no_thread_to_widen(advisor):
    raw = _one_thread("厂长我们没见过。", "zh")
    raw["contacts"][0]["title"] = "采购(已于10月退休)"
    advice = _advise(advisor, raw)
    assert "core.relationship.single-threaded-known-people" not in [a.rule for a in advice.actions]
    facts = {f["name"]: f for f in advice.facts if f.get("kind") == "contact"}
    assert facts["刘工"]["departed"] is True


def test_will_retire_is_not_gone(advisor):
    raw = _one_thread("厂长我们没见过。", "zh")
    raw["contacts"][0]["title"] = "采购(明年退休)"
    facts = {f["name"]: f for f in _advise(advisor, raw).facts if f.get("kind") == "contact"}
    assert facts["刘工"]["departed"] is False


# --- a promise and the rule that does what it promised: one action ------------------------------------------------

@pytest.mark.parametrize("text, topic", [
    ("propose a reference visit", "reference"), ("set up a call with a reference customer", "reference"),
    ("send two samples by Friday", "sample"), ("revised quotation to Li", "quote"),
    ("安排去样板客户参观", "reference"), ("下周寄样品", "sample"), ("月底前给方案", "proposal"),
])
def test_a_promise_names_what_it_hands_over(vocabulary, text, topic):
    assert topic in topics.read(text, topics.finders(vocabulary))


@pytest.mark.parametrize("text", ["call back next week", "check the invoice", "下周再联系"])
def test_a_promise_of_nothing_to_hand_over_has_no_topic(vocabulary, text):
    assert topics.read(text, topics.finders(vocabulary)) == []


def _proof_account(step: str, promised_to: str = "Olu Bakare", lang: str = "en") -> dict:
    zh = lang == "zh"
    boss, expert = ("欧总", "白工") if zh else ("Olu Bakare", "Ken Obi")
    return {
        "name": "鼎盛涂装" if zh else "Harbor Coatings", "stage": "needs", "customer_type": "end_customer",
        "contacts": [{"name": boss, "roles": ["decider"], "is_boss": True, "senior": True, "met": True},
                     {"name": expert, "roles": ["expert", "influencer"], "met": True}],
        "visits": [{"date": "2026-11-02", "contact": promised_to if not zh else (boss if promised_to == "Olu Bakare"
                                                                                 else expert),
                    "outcome": "neutral", "next_step": step}],
        "objections": [{"contact": boss, "date": "2026-11-02",
                        "text": ("有没有像我们这样的厂真的省下来了?拿实际数据给我看。" if zh else
                                 "Show me one plant like ours that actually gets these savings. Real numbers.")}],
        "references": [{"name": "远航船厂" if zh else "Bayside Yards", "similar": True, "consent": True,
                        "figures": "涂料用量降了18%" if zh else "paint use down 18%, one coat fewer"}],
        "opportunities": [{"name": "Primer switch", "amount": 300000, "stage": "needs"}],
    }


@pytest.mark.parametrize("step, lang", [
    ("propose a reference visit", "en"), ("line up a reference call with a yard like theirs", "en"),
    ("arrange a case study visit", "en"),
    ("安排去样板客户参观", "zh"), ("约一个同类客户的案例交流", "zh"), ("带欧总去考察一家老客户", "zh"),
])
def test_a_promise_and_the_reference_answer_are_one_action(advisor, step, lang):
    advice = _advise(advisor, _proof_account(step, lang=lang))
    boss = "欧总" if lang == "zh" else "Olu Bakare"
    merged = [a for a in advice.actions if "core.objection.trust-prove-with-reference" in a.merged_rules]
    assert len(merged) == 1
    a = merged[0]
    assert a.contact == boss and a.promise and a.promise_key
    assert a.merged_rules[0] == "core.visits.follow-up-script"  # it ranks as the promise: overdue, first
    # what it serves is the reference answer's: the first deal the peer's figures prove (session 12, tag peer-proof)
    assert a.rank == 1 and a.level == "due_promise" and a.serves == "pursue_opportunity"
    assert step in a.what[lang] and ("远航船厂" if lang == "zh" else "Bayside Yards") in a.what[lang]
    assert a.merge_note and "reference" in a.merge_note["en"]
    # the trace says what was merged and why
    out = as_dict(advice, lang, 5)["actions"][0]
    assert out["merge_note"] == a.merge_note[lang]


def test_a_promise_to_someone_else_or_of_another_deed_stays_apart(advisor):
    other = _advise(advisor, _proof_account("propose a reference visit", promised_to="Ken Obi"))
    assert not [a for a in other.actions if len(a.merged_rules) > 1
                and "core.objection.trust-prove-with-reference" in a.merged_rules]
    plain = _advise(advisor, _proof_account("confirm the delivery slots"))
    follow = next(a for a in plain.actions if a.rule == "core.visits.follow-up-script")
    assert "core.objection.trust-prove-with-reference" not in follow.merged_rules and follow.merge_note is None


# --- one rule answering two objections of one person: one conversation ---------------------------------------------

def test_one_rule_answering_two_objections_of_one_person_is_one_action(advisor):
    raw = {"name": "Quill Stationers", "stage": "needs",
           "contacts": [{"name": "Bea Moss", "roles": ["decider"], "met": True},
                        {"name": "Cy Ward", "roles": ["influencer"], "met": True}],
           "objections": [{"contact": "Bea Moss", "date": "2026-11-20", "text": "That is too expensive for us."},
                          {"contact": "Bea Moss", "date": "2026-11-20", "text": "Your price is way above the other quote."},
                          {"contact": "Cy Ward", "date": "2026-11-20", "text": "Honestly, it costs too much."}]}
    advice = _advise(advisor, raw)
    probes = [a for a in advice.actions if a.rule == "core.objection.price-probe"]
    assert sorted(a.contact for a in probes) == ["Bea Moss", "Cy Ward"]  # one per person, not one per remark
    bea = next(a for a in probes if a.contact == "Bea Moss")
    assert "one conversation answers both" in bea.what["en"]
    assert "too expensive for us" in bea.what["en"] and "way above the other quote" in bea.what["en"]
    assert set(bea.merged_rules) == {"core.objection.price-probe"}  # one rule behind it (once per firing)
    cy = next(a for a in probes if a.contact == "Cy Ward")
    assert "one conversation" not in cy.what["en"]
