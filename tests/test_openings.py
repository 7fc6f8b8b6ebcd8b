"""Openings the account's own words describe (advisor/accounts/openings.py, rules/core/openings.yaml; issue 22,
session 6): what the reader finds and what it leaves alone, and where the ranking puts a window that closes soon.
Each finding is checked twice, worded differently, in another industry or the other language."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts import anchors, openings
from advisor.accounts.account import Account
from advisor.accounts.facts import enrich

AS_OF = dt.date(2026, 12, 4)


@pytest.fixture(scope="module")
def options(advisor):
    packset, _ = advisor.load(["core"])
    return packset.fact_options()


def _account(notes=None, visits=(), contacts=None, **extra) -> Account:
    data = {"name": "Test Account", "stage": "maintain",
            "sales": {"last_12m": 500000, "prior_12m": 480000, "last_order": "2026-11-20"},
            "contacts": contacts or [{"name": "Ann Lee", "title": "Owner", "roles": ["decider"], "is_boss": True,
                                      "met": True}],
            "visits": list(visits)}
    if notes:
        data["notes"] = notes
    data.update(extra)
    return Account.model_validate(data)


def _openings(options, account: Account, as_of: dt.date = AS_OF) -> list[dict]:
    return [f for f in enrich(account, as_of, **options) if f["kind"] == "opening"]


@pytest.mark.parametrize("notes, kind, closes", [
    ("The regional energy grant for heat pumps closes to applications on 18 Dec.", "subsidy", "2026-12-18"),
    ("县商务局通知:家电以旧换新补贴门店12月25日前报名。", "subsidy", "2026-12-25"),
    ("縣裡的設備更新補貼12月22日前報名。", "subsidy", "2026-12-22"),  # traditional characters
    ("Their budget is set on 20 Dec for next year's fleet.", "budget", "2026-12-20"),
    ("总部12月18日锁定2027年资本预算。", "budget", "2026-12-18"),
    ("Planning for the new clinic wing starts Q1 2027.", "expansion", "2027-01-01"),
    ("三家比选方案1月8日前交工会。", "tender", "2027-01-08"),
    ("Their service contract is up for renewal on 31 Dec.", "renewal", "2026-12-31"),
])
def test_a_dated_opening_is_read_with_its_window(options, notes, kind, closes):
    got = _openings(options, _account(notes=notes))
    assert [(f["type"], f.get("closes")) for f in got] == [(kind, closes)]
    assert got[0]["dated"] is True and got[0]["days_left"] == (dt.date.fromisoformat(closes) - AS_OF).days
    assert got[0]["contact"] == "Ann Lee"  # nobody named: the met decider


@pytest.mark.parametrize("notes", [
    "No expansion planned for 2027.",
    "扩建已经完成,9月投产。",
    "The subsidy sign-up closed on 30 Nov.",  # the date is past: the window has closed
    "They say the budget is tight this year.",  # a budget word with no date is no window
    "续约一直顺利。",  # a renewal without a date is history
    "没有新建门店的打算。",
    "Their plant had a product recall in May.",  # the customer's own recall, not a rival's trouble
    "梁主管要把付款分三期。",  # instalments, not a third phase
    "手術室UPS切換，一部麻醉機要重新開機。",  # 重新開機 holds 新開: no new branch
    "Give us the state, or we keep you as a second line.",  # a second supplier, not a second production line
    "主机与存储上次 2023 年 9 月扩容。",  # the last expansion, done
    "Tender documents out on 16 Nov.",  # a day just past names an event; a tender needs its closing date
])
def test_a_negated_past_or_undated_budget_signal_is_no_opening(options, notes):
    assert _openings(options, _account(notes=notes)) == []


def test_a_rival_in_trouble_counts_where_the_sentence_names_it(options):
    competitors = [{"name": "Brightline"}]
    named = _account(notes="Brightline cannot deliver until March.", competitors=competitors)
    assert [f["type"] for f in _openings(options, named)] == ["competitor_trouble"]
    unnamed = _account(notes="原供应商断货两个月了。")
    assert [f["type"] for f in _openings(options, unnamed)] == ["competitor_trouble"]


def test_who_is_the_met_contact_named_and_reach_the_unmet_one(options):
    contacts = [{"name": "Priya Shah", "roles": ["influencer"], "met": True},
                {"name": "Mark Dunn", "roles": ["decider"], "met": False},
                {"name": "Sam Ortiz", "roles": ["purchaser"], "met": True}]
    visits = [{"date": "2026-11-30", "contact": "Sam Ortiz", "outcome": "positive",
               "note": "Priya says a new warehouse is coming and Mark Dunn closes the site choice by 15 Jan."}]
    (got,) = _openings(options, _account(visits=visits, contacts=contacts))
    assert (got["contact"], got["reach"], got["type"], got["closes"]) == ("Priya Shah", "Mark Dunn", "expansion",
                                                                         "2027-01-15")
    # nobody named: the visit's contact
    visits = [{"date": "2026-11-30", "contact": "Sam Ortiz", "outcome": "positive", "note": "二期厂房明年开工。"}]
    (got,) = _openings(options, _account(visits=visits, contacts=contacts))
    assert (got["contact"], got.get("reach"), got["dated"]) == ("Sam Ortiz", None, False)


def test_an_old_visit_or_a_decided_deal_gives_no_opening(options):
    old = [{"date": "2026-06-01", "contact": "Ann Lee", "outcome": "positive", "note": "A new line is planned."}]
    assert _openings(options, _account(visits=old)) == []
    lost = _account(notes="以旧换新补贴12月25日前报名。",
                    opportunities=[{"name": "以旧换新补贴门店报名", "won": False, "close_date": "2026-11-30"}])
    assert [f.get("decided") for f in _openings(options, lost)] == ["lost"]


def test_a_live_objection_against_us_is_answered_first_a_not_now_is_not(options):
    notes = "Tender for 20 trucks: bids due 15 Dec."
    against = _account(notes=notes, objections=[{"contact": "Ann Lee", "text": "Your last delivery was seven weeks late.",
                                                  "date": "2026-11-20", "kind": "service"}])
    assert _openings(options, against)[0]["answer_first"] == "Your last delivery was seven weeks late."
    not_now = _account(notes=notes, objections=[{"contact": "Ann Lee", "text": "明年再说吧。", "date": "2026-11-20",
                                                  "kind": "timing"}])
    assert "answer_first" not in _openings(options, not_now)[0]
    # the buyer's process ("it all goes through the tender") is part of taking the opening, not a case against us
    process = _account(notes=notes, objections=[{"contact": "Ann Lee", "text": "Everything goes through the tender.",
                                                  "date": "2026-11-20", "kind": "authority"}])
    assert "answer_first" not in _openings(options, process)[0]


def test_a_month_written_alone_is_its_first_day(options):
    (got,) = _openings(options, _account(notes="Their capital budget is set in January."))
    assert (got["type"], got["closes"]) == ("budget", "2027-01-01")
    (got,) = _openings(options, _account(notes="预算3月份批复后走政府采购。"))
    assert (got["type"], got["closes"]) == ("budget", "2027-03-01")
    # a month past in this year is next year's; a day written with it is the day
    assert anchors.month("budget is set in may", dt.date(2026, 12, 4)) == dt.date(2027, 5, 1)
    assert anchors.month("12月18日锁定", dt.date(2026, 12, 4)) is None


def test_a_quarter_is_its_first_day_when_something_starts_then():
    assert anchors.quarter("planning starts q1 2027") == dt.date(2027, 1, 1)
    assert anchors.quarter("2027年第二季度交付") == dt.date(2027, 6, 30)
    assert anchors.quarter("no quarter here") is None


def _advise(advisor, data, as_of=AS_OF):
    return advisor.advise(Account.model_validate(data), as_of=as_of, packs=["core"])


def test_a_window_closing_soon_outranks_the_unmet_decider_and_an_undated_one_does_not(advisor):
    base = {"name": "Harbour Hotels", "stage": "maintain",
            "sales": {"last_12m": 900000, "prior_12m": 880000, "last_order": "2026-11-25"},
            "opportunities": [{"name": "2027 linen contract", "stage": "needs"}],
            "contacts": [{"name": "Nina Park", "title": "Housekeeping Manager", "roles": ["influencer", "user"],
                          "met": True},
                         {"name": "Owen Hart", "title": "CFO", "roles": ["decider"], "senior": True, "met": False}]}
    dated = dict(base, visits=[{"date": "2026-12-01", "contact": "Nina Park", "outcome": "positive",
                                "note": "Nina says the group's capex requests close on 15 Dec."}])
    first = _advise(advisor, dated).actions[0]
    assert (first.rule, first.level, first.contact) == ("core.openings.window-closing", "opportunity_window",
                                                        "Nina Park")
    undated = dict(base, visits=[{"date": "2026-12-01", "contact": "Nina Park", "outcome": "positive",
                                  "note": "Nina says a new spa wing is being talked about."}])
    actions = _advise(advisor, undated).actions
    pursue = next(a for a in actions if a.rule == "core.openings.pursue")
    decider = next(a for a in actions if a.rule == "core.roles.meet-decider")
    assert pursue.level == "pursue_opportunity" and actions.index(decider) < actions.index(pursue)


def test_a_dated_decision_by_an_unmet_person_is_one_introduction(advisor):
    data = {"name": "华晟制造", "stage": "maintain", "buying_pattern": "subscription",
            "sales": {"last_12m": 680000, "prior_12m": 650000, "last_order": "2026-03-01"},
            "contacts": [{"name": "王经理", "roles": ["influencer", "user"], "met": True},
                         {"name": "赵总", "title": "财务总监(新任)", "roles": ["decider"], "senior": True, "met": False}],
            "visits": [{"date": "2026-11-28", "contact": "王经理", "outcome": "positive",
                        "note": "王经理说赵总12月15日要审所有续约合同。"}]}
    actions = _advise(advisor, data, dt.date(2026, 12, 2)).actions
    meeting = [a for a in actions if {"core.openings.meet-before-the-date", "core.roles.meet-decider"} & set(a.merged_rules)]
    assert len(meeting) == 1 and set(meeting[0].merged_rules) >= {"core.openings.meet-before-the-date",
                                                                   "core.roles.meet-decider"}


def test_a_tender_on_file_is_left_to_the_tender_rules(options):
    visits = [{"date": "2026-11-28", "contact": "Ann Lee", "outcome": "neutral", "note": "招标公告已挂网,12月20日开标"}]
    on_file = _account(visits=visits, opportunities=[{"name": "CT采购项目", "stage": "propose"}])
    assert _openings(options, on_file) == []
    # the same words with no tender under way on file: a selection with its date is an opening
    assert [f["type"] for f in _openings(options, _account(notes="三家比选方案12月20日前交。"))] == ["tender"]


def test_a_live_objection_holds_the_opening_back_for_the_packs_objection_live_days():
    """The age past which an objection is history is the pack's objection_live_days (the same the objection rules
    probe by), not a second number here: 40 days is live at the core pack's 90 and history at a pack's 30."""
    facts = [{"kind": "objection", "kinds": ["service"], "quote": "Two loads came late.", "days_ago": 40}]
    assert openings.live_objection(facts) == "Two loads came late."
    assert openings.live_objection(facts, 90) == "Two loads came late."
    assert openings.live_objection(facts, 30) is None
    facts[0]["answered"] = True
    assert openings.live_objection(facts, 90) is None


def test_an_objection_no_longer_live_holds_no_opening_back(options):
    """One notion of live (session 7): the openings wait only for an objection the ranking still treats as the live
    issue (objection.live, accounts/liveness.py) — not one we answered with a promise to the same person since, nor
    one a later concern of theirs took the place of."""
    notes = "Tender for 20 trucks: bids due 15 Dec."
    doubt = [{"contact": "Ann Lee", "text": "I want test results before I trust a new axle supplier.",
              "date": "2026-11-20", "kind": "trust"}]
    live = _account(notes=notes, objections=doubt)
    assert _openings(options, live)[0]["answer_first"].startswith("I want test results")
    promised = _account(notes=notes, objections=doubt, visits=[
        {"date": "2026-11-20", "contact": "Ann Lee", "outcome": "positive",
         "next_step": "send Ann the axle fatigue test report by 1 Dec"}])
    assert "answer_first" not in _openings(options, promised)[0]
    # in Chinese: a feature doubt of October, then a price point of the same buyer in late November
    zh = "以旧换新补贴12月25日前报名。"
    moved_on = _account(notes=zh, objections=[
        {"contact": "Ann Lee", "text": "你们的机器能不能接我们的ERP?", "date": "2026-10-20", "kind": "feature"},
        {"contact": "Ann Lee", "text": "比隔壁那家贵了一成。", "date": "2026-11-25", "kind": "price"}])
    assert "answer_first" not in _openings(options, moved_on)[0]
    heard_lately = _account(notes=zh, objections=[
        {"contact": "Ann Lee", "text": "你们的机器能不能接我们的ERP?", "date": "2026-11-28", "kind": "feature"}])
    assert _openings(options, heard_lately)[0]["answer_first"] == "你们的机器能不能接我们的ERP?"
