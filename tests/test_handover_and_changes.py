"""Session 10, issue 22: a promise closes a proof request only when it is proof (liveness.answers); a successor already
met gets the handover (succession.py contact.handover_from, core.roles.handover-with-the-successor); a new ship-to,
billing entity or channel on record is an event to confirm (a situation, accounts/situations.py: the vocabularies
situation_ship_change*; core.situations.confirm-ship-change).
Accounts in wording of our own, built in memory (en, zh, one traditional each)."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.language.pack import load_packs

from .conftest import RULES

AS_OF = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def vocabulary():
    return load_packs(["core"], RULES).fact_options()["vocabulary"]


def _facts(vocabulary, raw):
    return enrich(Account.model_validate(raw), AS_OF, vocabulary=vocabulary)


# ---- 4. a promise closes a proof request only when it is about proof -------------------------------------------------
@pytest.mark.parametrize("objection, step, live", [
    ("Show me one plant like ours that runs it before we talk.", "Send Ruth the 2027 price list by Friday", True),
    ("Show me one plant like ours that runs it before we talk.", "Arrange Ruth's visit to the Leeds reference plant", False),
    ("Which customer of yours actually saved money with it?", "Email the revised quote", True),
    ("有没有跟我们一样的厂用过?我要去现场看看。", "周五前把价目表发给她", True),
    ("有没有跟我们一样的厂用过?我要去现场看看。", "安排她去参考客户现场参观", False),
    ("有冇同我哋一樣嘅廠用過?我要去睇下。", "週五前把報價單發給她", True),
])
def test_a_promise_closes_a_proof_request_only_with_proof(vocabulary, objection, step, live):
    facts = _facts(vocabulary, {
        "name": "Hadley Foods", "contacts": [{"name": "Ruth Ames", "met": True}],
        "objections": [{"contact": "Ruth Ames", "date": "2026-11-18", "text": objection}],
        "visits": [{"date": "2026-11-20", "contact": "Ruth Ames", "note": "Talked it through.", "next_step": step}]})
    [o] = [f for f in facts if f["kind"] == "objection"]
    assert o["live"] is live


# ---- 5. a successor already met: the handover --------------------------------------------------------------------------
@pytest.mark.parametrize("note, met, handover", [
    ("Ruth retires in March. Owen takes over from Ruth on the supplier panel.", True, True),
    ("Owen took over from Ruth as buyer last month.", True, True),
    ("Ruth said the new MD takes over in April.", True, False),     # Owen not named: no successor
    ("Ruth retires in March. Owen takes over from Ruth on the supplier panel.", False, False),  # unmet: introduction
    ("Ruth明年三月退休,Owen接替她管供应商。", True, True),
    ("Ruth明年三月退休,由Owen接任採購。", True, True),
])
def test_a_met_successor_gets_the_handover(vocabulary, note, met, handover):
    facts = _facts(vocabulary, {
        "name": "Hadley Foods", "sales": {"last_12m": 300000, "prior_12m": 290000},
        "contacts": [{"name": "Ruth Ames", "met": True, "roles": ["decider"]}, {"name": "Owen", "met": met}],
        "visits": [{"date": "2026-11-20", "contact": "Ruth Ames", "note": note}]})
    [owen] = [f for f in facts if f["kind"] == "contact" and f["name"] == "Owen"]
    assert ("handover_from" in owen) is handover
    if not met:
        assert owen["successor_incoming"] is True


def test_the_handover_rule_not_a_first_meeting(advisor):
    account = Account.model_validate({
        "name": "Hadley Foods", "stage": "maintain", "sales": {"last_12m": 300000, "prior_12m": 290000},
        "contacts": [{"name": "Ruth Ames", "met": True, "roles": ["decider"]},
                     {"name": "Owen Pryce", "met": True, "roles": ["purchaser"]}],
        "visits": [{"date": "2026-11-20", "contact": "Ruth Ames",
                    "note": "Ruth retires in March. Owen takes over from Ruth on the supplier panel."}]})
    rules = [a.rule for a in advisor.advise(account, as_of=AS_OF).actions]
    assert "core.roles.handover-with-the-successor" in rules
    assert "core.roles.introduce-the-successor" not in rules


# ---- 6. a change of ship-to, billing entity or channel: an event to confirm ---------------------------------------------
@pytest.mark.parametrize("note, changed", [
    ("From January the delivery address changes to their new warehouse in Thurrock.", True),
    ("Invoices go to a new billing entity, Hadley Holdings, from next month.", True),
    ("They will order through a new distributor, Delta Supply, from Q2.", True),
    ("The delivery address has not changed.", False),
    ("Norbrook changed its distributor in Essex.", False),                      # a competitor's change
    ("New delivery address from January; confirmed with Ruth by phone.", False),
    ("收货地址改到新厂,一月起生效。", True),
    ("下个月开始开票抬头改为集团子公司。", True),
    ("收货地址没有变。", False),
    ("下個月起發票抬頭改為集團子公司。", True),
])
def test_a_change_of_ship_to_is_read(vocabulary, note, changed):
    facts = _facts(vocabulary, {
        "name": "Hadley Foods", "contacts": [{"name": "Ruth Ames", "met": True}], "competitors": [{"name": "Norbrook"}],
        "visits": [{"date": "2026-11-20", "contact": "Ruth Ames", "note": note}]})
    read = [f for f in facts if f["kind"] == "situation" and f["type"] == "ship_change" and f["actor"] != "competitor"]
    assert bool(read) is changed


# ---- 3. the real cause a lost deal's note marks ----------------------------------------------------------------------
@pytest.mark.parametrize("note, reason, cause", [
    ("The buyer told us it was price, but actually our last three deliveries were two weeks late.", "price", "service"),
    ("说是价格原因,其实是我们交货一直拖期,他们等不起。", "price", "service"),
    ("說是價格,其實是我們的交期一直延誤。", "price", "service"),
    ("The buyer told us it was price and our quote was 12% higher.", "price", "price"),      # no marker: the field
])
def test_a_lost_deals_real_cause_wins(advisor, note, reason, cause):
    account = Account.model_validate({
        "name": "Hadley Foods", "contacts": [{"name": "Ruth Ames", "met": True}],
        "deals": [{"name": "2026 frame", "status": "lost", "closed": "2026-11-10", "competitor": "Norbrook",
                   "loss_reason": reason, "note": note}]})
    advice = advisor.advise(account, as_of=AS_OF)
    [a] = [f for f in advice.facts if f["kind"] == "account"]
    assert a["loss_cause"] == cause


# ---- 1. who acts: holds and owner changes are the customer's or ours, never a competitor's ----------------------------
@pytest.mark.parametrize("note, hold", [
    ("Norbrook put them on credit hold last week, so they are short of stock.", None),
    ("Their orders are on credit hold until the September invoices are paid.", "credit_hold"),
    ("竞争对手暂停供货了,他们现在缺货。", None),
    ("集团下发通知,一季度冻结采购。", "purchase_freeze"),
    ("友商停止供貨了,他們在找替代。", None),
])
def test_a_hold_is_ours_or_the_customers(vocabulary, note, hold):
    facts = _facts(vocabulary, {
        "name": "Hadley Foods", "contacts": [{"name": "Ruth Ames", "met": True}], "competitors": [{"name": "Norbrook"}],
        "visits": [{"date": "2026-11-20", "contact": "Ruth Ames", "note": note}]})
    [a] = [f for f in facts if f["kind"] == "account"]
    assert a.get("hold") == hold


@pytest.mark.parametrize("notes, changed", [
    ("Norbrook was acquired by a private-equity fund in October.", False),
    ("Hadley Foods was acquired by a private-equity fund in October.", True),
    ("竞争对手被收购了,价格可能要变。", False),
    ("今年公司被收购了,新东家派了财务总监。", True),
    ("友商被收購了。", False),
])
def test_an_owner_change_is_the_customers(vocabulary, notes, changed):
    facts = _facts(vocabulary, {"name": "Hadley Foods", "contacts": [{"name": "Ruth Ames", "met": True}],
                                "competitors": [{"name": "Norbrook"}], "notes": notes})
    [a] = [f for f in facts if f["kind"] == "account"]
    assert a["ownership_changed"] is changed


@pytest.mark.parametrize("title, handover", [
    ("采购经理(接替王经理)", True),
    ("新来的采购经理", True),
    ("New purchasing manager (joined in October)", True),
    ("Purchasing manager", False),            # in the seat all along: no handover without a word of arriving
])
def test_a_met_contact_in_a_departed_ones_seat_gets_the_handover(vocabulary, title, handover):
    facts = _facts(vocabulary, {
        "name": "Hadley Foods", "sales": {"last_12m": 300000, "prior_12m": 290000},
        "contacts": [{"name": "王经理", "title": "采购经理(已离职)", "met": True, "roles": ["purchaser"]},
                     {"name": "刘敏", "title": title, "met": True, "roles": ["purchaser"]}]})
    [liu] = [f for f in facts if f["kind"] == "contact" and f["name"] == "刘敏"]
    assert (liu.get("handover_from") == "王经理") is handover
