"""Earning the right with the person who now decides (session 17, issue 22: the class "earn the right before proposing").

- accounts/newdecider.py: a decider whose title says they arrived in the post within the year, never met or met only in
  passing, is ``contact.new_in_post`` / ``needs_unheard``; a deal at propose or close is at needs with them
  (accounts/steps.py, basis new_decider) and core.steps.earn-the-right-with-the-new-decider goes to them first.
- accounts/unasked.py: the rep's list of what is still unknown after a colon ("未了解：…", "Not yet asked: …").
- accounts/meetingset.py mark_notes: a meeting the notes say is booked, on a date ahead, with a contact named — the
  first meeting is prepared as a conversation (core.visits.first-meeting-set), not asked for again.

Accounts in wording of our own, built in memory."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts import newdecider
from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.accounts.unasked import not_asked
from advisor.language.pack import load_packs

from .conftest import AS_OF, RULES

RULE = "core.steps.earn-the-right-with-the-new-decider"


@pytest.fixture(scope="module")
def vocabulary():
    return load_packs(["core"], RULES).fact_options()["vocabulary"]


def _account(title: str, met: bool = False, minutes: int | None = None, roles=("decider",), stage: str = "propose",
             notes: str = "") -> Account:
    visits = [{"date": "2026-11-02", "contact": "Ines Varga", "minutes": 45, "outcome": "positive",
               "note": "walked the packing hall; the line stops twice a shift"}]
    if met:
        visits.append({"date": "2026-11-10", "contact": "Tomas Kral", "outcome": "neutral", "note": "said hello",
                       **({"minutes": minutes} if minutes is not None else {})})
    return Account.model_validate({
        "name": "Brightwater Foods", "stage": "maintain",
        "sales": {"last_12m": 400000, "prior_12m": 380000, "last_order": "2026-10-30"},
        "contacts": [{"name": "Ines Varga", "title": "Maintenance lead", "roles": ["expert", "user"], "met": True},
                     {"name": "Tomas Kral", "title": title, "roles": list(roles), "met": met}],
        "opportunities": [{"name": "Conveyor retrofit", "amount": 250000, "stage": stage, "quoted": stage == "close"}],
        "visits": visits, "notes": notes})


def _facts(vocabulary, account: Account, as_of: dt.date = AS_OF) -> dict:
    facts = enrich(account, as_of, vocabulary=vocabulary)
    return {"account": next(f for f in facts if f["kind"] == "account"),
            "contact": next(f for f in facts if f["kind"] == "contact" and f["name"] == "Tomas Kral"),
            "deal": next(f for f in facts if f["kind"] == "opportunity")}


NEW_TITLES = [
    "Operations Director (new, since October)",
    "Site General Manager — joined 2026-09-14",
    "COO (since August 2026, came from a brewery)",
    "Head of Engineering (the plant moved to him 1 Oct 2026)",
    "厂长（2026年9月到任，从集团调来）",
    "运营总监（2026年10月入职）",
    "新任生產總監",
    "總經理（2026年8月到任）",
]


@pytest.mark.parametrize("title", NEW_TITLES)
def test_a_decider_new_in_the_post_and_not_yet_heard_puts_the_deal_back_at_needs(vocabulary, title):
    got = _facts(vocabulary, _account(title))
    assert got["contact"]["new_in_post"] is True and got["contact"]["needs_unheard"] is True
    assert got["account"]["new_decider"] == "Tomas Kral"
    assert got["deal"]["step"] == "needs" and got["deal"]["step_basis"] == "new_decider"


@pytest.mark.parametrize("title", [
    "Operations Director",                       # nothing says new
    "Site General Manager, joined 2019",         # long in the post
    "COO since 2015",                            # the date says years ago
    "Head of Engineering since the merger",     # a word of arriving only counts beside a date
    "厂长（2018年到任）",
    "运营总监（入职十年）",
    "總經理",
])
def test_a_title_that_does_not_say_a_recent_arrival_is_no_newcomer(vocabulary, title):
    got = _facts(vocabulary, _account(title))
    assert got["contact"]["new_in_post"] is False
    assert "new_decider" not in got["account"]
    assert got["deal"]["step_basis"] != "new_decider"


@pytest.mark.parametrize("minutes, unheard", [(5, True), (15, True), (45, False), (None, False)])
def test_met_in_passing_is_not_heard_out_a_real_meeting_is(vocabulary, minutes, unheard):
    got = _facts(vocabulary, _account("Operations Director (new, since October)", met=True, minutes=minutes))
    assert got["contact"]["needs_unheard"] is unheard
    assert (got["deal"]["step_basis"] == "new_decider") is unheard


def test_a_newcomer_who_does_not_decide_leaves_the_step_alone(vocabulary):
    got = _facts(vocabulary, _account("Head of People (joined 1 Nov 2026)", roles=("influencer",)))
    assert got["contact"]["new_in_post"] is True
    assert "new_decider" not in got["account"] and got["deal"]["step"] == "propose"


def test_title_dates_read_every_written_form():
    dates = newdecider.title_dates("joined 2026-09-14; 2026年3月; 1 Apr 2026; Sept. 2025; 2024")
    assert dates == [dt.date(2026, 9, 1), dt.date(2026, 3, 1), dt.date(2026, 4, 1), dt.date(2025, 9, 1),
                     dt.date(2024, 7, 1)]


@pytest.mark.parametrize("title, stage", [("Operations Director (new, since October)", "propose"),
                                          ("厂长（2026年9月到任）", "close"),
                                          ("總經理（2026年8月到任）", "propose")])
def test_the_coach_earns_the_right_with_the_new_decider_first(advisor, title, stage):
    advice = advisor.advise(_account(title, stage=stage), as_of=AS_OF, packs=["core"])
    first = advice.actions[0]
    assert first.rule == RULE and first.contact == "Tomas Kral" and first.serves == "unblock"
    assert "needs" in first.what["en"] and "需求" in first.what["zh"]
    # nothing of the proposal, the close or the price ranks while the newcomer is unheard
    assert not any(a.rule in ("core.steps.close-techniques", "core.steps.needs-before-proposal") for a in advice.actions)


@pytest.mark.parametrize("account", [
    _account("Operations Director", stage="propose"),
    _account("Operations Director (new, since October)", met=True, minutes=60, stage="propose"),
    _account("Head of People (joined 1 Nov 2026)", roles=("influencer",), stage="propose"),
])
def test_the_rule_is_silent_without_an_unheard_new_decider(advisor, account):
    advice = advisor.advise(account, as_of=AS_OF, packs=["core"])
    assert not any(a.rule == RULE for a in advice.actions)


@pytest.mark.parametrize("text", ["未了解：门店客群、月销量、为什么来看我们", "還沒問：每月用量、預算",
                                  "Not yet asked: volumes, who signs, the budget"])
def test_a_list_of_what_is_still_unknown_is_a_question_not_asked(text):
    assert not_asked(text)


@pytest.mark.parametrize("text", ["没问题：下周发货", "客户没问：价格"])
def test_no_problem_or_the_customer_not_asking_is_no_gap_of_ours(text):
    assert not_asked(text) is None


def _booked(notes: str) -> Account:
    return Account.model_validate({
        "name": "Harbourside Printing", "stage": "open",
        "contacts": [{"name": "Lena Fischer", "title": "office manager", "roles": ["influencer"], "met": True},
                     {"name": "Oskar Brandt", "title": "owner", "roles": ["decider"], "met": False},
                     {"name": "Mia Roth", "title": "assistant", "roles": ["gatekeeper"], "met": False},
                     {"name": "王建国", "title": "老板", "roles": ["decider"], "met": False}],
        "opportunities": [{"name": "Press line", "amount": 90000, "stage": "open"}],
        "visits": [{"date": "2026-11-02", "contact": "Lena Fischer", "minutes": 30, "outcome": "positive"}],
        "notes": notes})


@pytest.mark.parametrize("notes, meets", [
    ("First proper meeting booked for Thu 26 Nov, 9am, with Oskar Brandt and Lena (via Mia).", "Oskar Brandt"),
    ("Oskar's meeting is scheduled on 1 Dec at the works.", "Oskar Brandt"),
    ("已约好11月27日上午和王建国见面。", "王建国"),
    ("已約好11月30日去拜訪王建国。", "王建国"),
    ("约了下周二上午去见王建国。", "王建国"),
    ("Meeting with Oskar Brandt booked for next Wednesday.", "Oskar Brandt"),
])
def test_a_meeting_the_notes_book_is_the_first_meeting_to_prepare(vocabulary, advisor, notes, meets):
    facts = enrich(_booked(notes), AS_OF, vocabulary=vocabulary)
    contacts = {f["name"]: f for f in facts if f["kind"] == "contact"}
    assert contacts[meets]["meeting_in_days"] >= 0
    assert "meeting_in_days" not in contacts["Mia Roth"]  # who arranged it is not in the room
    advice = advisor.advise(_booked(notes), as_of=AS_OF, packs=["core"])
    first = next(a for a in advice.actions if a.contact == meets)
    assert first.rule == "core.visits.first-meeting-set"
    assert not any(a.rule == "core.roles.meet-decider" and a.contact == meets for a in advice.actions)


@pytest.mark.parametrize("notes", [
    "No meeting booked yet with Oskar Brandt; he has not replied.",   # negated
    "Meeting with Oskar Brandt was booked for 3 Nov but he cancelled.",  # the date is past
    "We should meet Oskar Brandt some time in spring.",               # no booking
    "还没约好和王建国见面。",
])
def test_a_meeting_not_booked_or_already_past_sets_nothing(vocabulary, notes):
    facts = enrich(_booked(notes), AS_OF, vocabulary=vocabulary)
    assert all("meeting_in_days" not in f for f in facts if f["kind"] == "contact")
