"""The general judgements applied everywhere they concern (issue 22, session 10): who acts (accounts/actors.py) in the
decline cause, the people never met and the business moved; one negation (wordlists.NEGATED_BEFORE, told_not_to) in
commitments, promises and every reading; the real cause after "but actually / 其实" (wordlists.real_cause).

Accounts in wording of our own, built in memory (en, zh, one traditional each), each case failing without the change.
"""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts import wordlists
from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.language.pack import load_packs

from .conftest import RULES

AS_OF = dt.date(2026, 12, 1)
DAY = "2026-11-20"


@pytest.fixture(scope="module")
def vocabulary():
    return load_packs(["core"], RULES).fact_options()["vocabulary"]


def _account(vocabulary, *, notes=None, note=None, next_step=None, objection=None, competitors=(), contacts=None,
             falling=False):
    raw = {"name": "Hadley Foods", "contacts": contacts or [{"name": "Ruth Ames", "met": True}],
           "competitors": [{"name": c} for c in competitors], "notes": notes,
           "visits": [{"date": DAY, "contact": "Ruth Ames", "note": note, "next_step": next_step}],
           "objections": [{"contact": "Ruth Ames", "text": objection, "date": DAY}] if objection else []}
    if falling:
        raw["sales"] = {"last_12m": 500000, "prior_12m": 900000}
    facts = enrich(Account.model_validate(raw), AS_OF, vocabulary=vocabulary)
    return facts


def _of(facts, kind):
    return [f for f in facts if f["kind"] == kind]


# ---- 1. who acts: the decline cause ---------------------------------------------------------------------------------
@pytest.mark.parametrize("note, kind", [
    # a customer's own deed done by a competitor is competition, not the customer moving away
    ("Volumes are down since Norbrook relocated its depot to their industrial park.", "competitor"),
    ("Orders have dropped because the rival opened a new warehouse two streets away.", "competitor"),
    ("Sales to them fell because they relocated production to Vietnam.", "move"),
    ("订单少了三成,因为竞争对手把仓库搬迁到他们园区隔壁。", "competitor"),
    ("销量下降,因为他们搬迁到了新厂。", "move"),
    ("銷量下滑,因為友商搬遷到他們工業區旁邊。", "competitor"),
])
def test_the_decline_cause_asks_who_acts(vocabulary, note, kind):
    [a] = _of(_account(vocabulary, note=note, competitors=["Norbrook"]), "account")
    assert a.get("decline_cause_kind") == kind


@pytest.mark.parametrize("note", [
    "Volumes down because we relocated our own warehouse and deliveries slipped.",
    "量少了,因为我们搬迁了仓库,送货慢了。",
])
def test_our_own_move_is_no_customer_move(vocabulary, note):
    [a] = _of(_account(vocabulary, note=note), "account")
    assert a.get("decline_cause_kind") != "move"


# ---- 1. who acts: the people never met ------------------------------------------------------------------------------
@pytest.mark.parametrize("notes, unmet", [
    ("We have never met the plant manager or the CFO.", ["the plant manager", "the CFO"]),
    ("Ruth has never met our competitor's rep either.", []),            # Ruth's, not ours
    ("Their owner never met the people from Norbrook.", []),
    ("质量经理和老板我们都没见过。", ["质量经理", "老板"]),
    ("老板从没见过竞争对手的销售。", []),
    ("周經理從沒見過友商的業務。", []),
])
def test_never_met_is_ours_only(vocabulary, notes, unmet):
    [a] = _of(_account(vocabulary, notes=notes, competitors=["Norbrook"]), "account")
    assert a["unmet_people"] == unmet
    assert bool(a.get("unmet_set_aside")) == (not unmet)


# ---- 1. who acts: the business moved --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, moved", [
    ("We moved the whole business to Norbrook in October.", True),
    ("Norbrook moved its warehouse next door to us, that's all.", False),
    ("The competitor switched its courier and now delivers overnight.", False),
    ("我们已经换了供应商,订单转给了诺布鲁克。", True),
    ("竞争对手换了仓库,就在我们隔壁。", False),
    ("友商換了經銷商,價格也跟著調了。", False),
])
def test_the_business_moved_is_the_customer_moving_it(vocabulary, text, moved):
    [o] = _of(_account(vocabulary, objection=text, competitors=["Norbrook"]), "objection")
    assert o["business_moved"] is moved
    assert bool(o.get("moved_set_aside")) is (not moved)


def test_a_competitor_moving_its_warehouse_gets_no_win_back(advisor):
    account = Account.model_validate({
        "name": "Hadley Foods", "contacts": [{"name": "Ruth Ames", "met": True, "roles": ["decider"]}],
        "competitors": [{"name": "Norbrook"}],
        "objections": [{"contact": "Ruth Ames", "date": DAY, "kind": "incumbent",
                        "text": "Norbrook moved its warehouse next to our plant, so they are always quick."}]})
    advice = advisor.advise(account, as_of=AS_OF)
    assert "core.lost.moved-business" not in {a.rule for a in advice.actions}
    moved = account.model_copy(update={"objections": [account.objections[0].model_copy(
        update={"text": "We moved the business to a cheaper local supplier."})]})
    assert "core.lost.moved-business" in {a.rule for a in advisor.advise(moved, as_of=AS_OF).actions}


# ---- 2. negation: one judgement -------------------------------------------------------------------------------------
@pytest.mark.parametrize("next_step, promise", [
    ("Don't send the quote yet — they will call us after the board.", False),
    ("No need to visit before January; they will get back to us.", False),
    ("Do not chase the PO.", False),
    ("别再发报价了,等他们通知。", False),
    ("不用再跑了。", False),
    ("別急著簽,等董事會。", False),
    # a reminder is no prohibition; a plain step is a promise
    ("Don't forget to send the samples by Friday.", True),
    ("别忘了周五前把样品寄过去。", True),
    ("Send the revised quote by Friday.", True),
])
def test_a_step_not_to_take_is_no_promise(vocabulary, next_step, promise):
    promises = [p for p in _of(_account(vocabulary, note="Met Ruth.", next_step=next_step), "promise")
                if p["origin"] == "visit"]
    assert bool(promises) is promise


@pytest.mark.parametrize("note, given", [
    ("No need to sign the contract now, the GM said.", False),
    ("别急着签合同,等集团批。", False),
    ("別急著簽合同,先看報告。", False),
    ("Contract signed on the spot.", True),
    ("合同已签,下周发货。", True),
    ("合同已簽,別家也來問過。", True),     # 別家 is another company, no negation
])
def test_a_commitment_told_not_to_is_none(vocabulary, note, given):
    [v] = _of(_account(vocabulary, note=note), "visit")
    assert v["commitment_recorded"] is given


@pytest.mark.parametrize("text, at_word, negated", [
    ("跟別家合同已簽", "合同已簽", False),
    ("他们特别签了一个框架", "签了", False),
    ("不少客户已经下单", "下单", False),
    ("先别签合同", "签合同", True),
    ("we haven't signed the contract", "signed", True),
    ("don't forget to send the quote", "send", False),
    ("no need to send the quote", "send", True),
])
def test_the_one_negation(text, at_word, negated):
    assert wordlists.negated_before(text.lower(), text.lower().index(at_word.lower())) is negated


@pytest.mark.parametrize("text", ["客户说别急着报价,先把需求弄清楚。", "Their buyer said: no need to quote before March.",
                                  "別急著報價,先把規格定下來。"])
def test_a_prohibition_in_the_buyers_words_asks_for_no_offer(vocabulary, text):
    [o] = _of(_account(vocabulary, objection=text), "objection")
    assert not o.get("asks_for_offer")


# ---- 3. the real cause after "but actually / 其实" -------------------------------------------------------------------
@pytest.mark.parametrize("note, kind", [
    ("Volumes are down because of our price increase, but actually because they moved production offshore.", "move"),
    ("Orders fell due to budget cuts; in fact the real reason is a competitor took half the volume.", "competitor"),
    ("Volumes are down because of our price increase and they relocated production.", "our_price"),  # no marker
    ("量少了是因为涨价,其实是因为他们搬迁到新厂了。", "move"),
    ("订单下降说是因为预算削减,说白了是因为竞争对手拿走了一半。", "competitor"),
    ("量少了是因為漲價,其實是因為他們搬遷了。", "move"),
])
def test_the_real_cause_wins(vocabulary, note, kind):
    [a] = _of(_account(vocabulary, note=note), "account")
    assert a.get("decline_cause_kind") == kind


@pytest.mark.parametrize("text, kind, not_kind", [
    ("They say it's the price, but actually your deliveries keep arriving late.", "service", "price"),
    ("说是价格高,其实是你们交货老是拖。", "service", "price"),
    ("說是價格,其實是你們的交期一直延誤。", "service", "price"),
])
def test_an_objections_real_reason_wins(advisor, text, kind, not_kind):
    account = Account.model_validate({"name": "Hadley Foods", "contacts": [{"name": "Ruth Ames", "met": True}],
                                      "objections": [{"contact": "Ruth Ames", "text": text, "date": DAY}]})
    [reading] = advisor.recognise(account, advisor.packset(account))
    from advisor.reading.realcause import real_cause
    got = real_cause(advisor.packset(account).recogniser, text, reading, [])
    assert kind in got.kinds and not_kind not in got.kinds
