"""What is a promise (session 14, issue 22): a next step that only sets a meeting owes nothing yet, and a promise
weeks from its date is work in flight.

- accounts/meetingset.py: "Meet Helen at the Leeds office next Tuesday" is the meeting to prepare, for the person who
  will be in the room (core.visits.first-meeting-set with someone never met, core.visits.meeting-set with someone
  met) — not a due promise kept by going back to whoever set it up. A meeting that brings something owed ("with the
  revised layout", "带上样品") stays a promise; one whose date has passed is an open step again.
- evaluation/rank.py PROMISE_AHEAD: a promise of ours more than promise_ahead_days from its date ranks with the
  opportunities; within reach it is beside the blockers, due or overdue it is first — and stays listed however late.

Accounts in wording of our own, built in memory."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.language.pack import load_packs

from .conftest import AS_OF, RULES


@pytest.fixture(scope="module")
def vocabulary():
    return load_packs(["core"], RULES).fact_options()["vocabulary"]


def _account(step: str, made: str = "2026-11-20", boss_met: bool = False) -> Account:
    return Account.model_validate({
        "name": "Harbourside Printing", "stage": "needs",
        "contacts": [{"name": "Lena Fischer", "title": "office manager", "roles": ["influencer", "gatekeeper"], "met": True},
                     {"name": "Oskar Brandt", "title": "owner", "roles": ["decider"], "senior": True, "met": boss_met},
                     {"name": "王建国", "title": "老板", "roles": ["decider"], "met": boss_met}],
        "opportunities": [{"name": "Press line service contract", "amount": 90000, "stage": "needs"}],
        "visits": [{"date": made, "contact": "Lena Fischer", "minutes": 20, "outcome": "neutral", "next_step": step}]})


def _facts(vocabulary, step: str, made: str = "2026-11-20", boss_met: bool = False):
    facts = enrich(_account(step, made, boss_met), AS_OF, vocabulary=vocabulary)
    [promise] = [f for f in facts if f["kind"] == "promise"]
    return promise, {f["name"]: f for f in facts if f["kind"] == "contact"}


@pytest.mark.parametrize("step, meets", [
    ("Meet Oskar Brandt at the works next Tuesday, 10am", "Oskar Brandt"),
    ("See Oskar at their print hall on Thursday 26 Nov", "Oskar Brandt"),
    ("Go back to the office next Monday morning, Lena will be there", "Lena Fischer"),
    ("Drop by the shop floor on 27 Nov — Oskar said he can spare half an hour", "Oskar Brandt"),
    ("下周二上午去见王建国", "王建国"),
    ("11月26日下午再去厂里,王建国在", "王建国"),
    ("下周一到店里碰个面", "Lena Fischer"),
    ("下週三上午再去門市,王建国會在", "王建国"),
])
def test_a_step_that_only_sets_a_meeting_is_the_meeting_with_the_person_in_it(vocabulary, step, meets):
    promise, contacts = _facts(vocabulary, step)
    assert promise["meeting_only"] is True
    met = contacts[meets]
    assert met["meeting_in_days"] >= 0 and met["meeting_words"] == step and met["meeting_set_by"] == "Lena Fischer"
    assert all("meeting_in_days" not in c for name, c in contacts.items() if name != meets)


@pytest.mark.parametrize("step", [
    "Meet Oskar next Tuesday with the revised press layout",
    "Visit the works next week to install the trial unit",
    "See Oskar on Thursday 26 Nov to go through the service contract",
    "Send Oskar the quote by Friday",
    "下周二去见王建国,带上样品",
    "下周一上门给他们做设备检测",
    "11月26日再去厂里谈谈保养合同",
    "下週三前把報價發給王建国",
])
def test_a_meeting_that_brings_something_owed_stays_a_promise(vocabulary, step):
    promise, contacts = _facts(vocabulary, step)
    assert promise["meeting_only"] is False
    assert all("meeting_in_days" not in c for c in contacts.values())


@pytest.mark.parametrize("step", ["Meet Oskar Brandt at the works on 18 Nov", "11月18日再去厂里见王建国"])
def test_a_meeting_whose_day_has_passed_is_an_open_step_again(advisor, step):
    advice = advisor.advise(_account(step, made="2026-11-10"), as_of=AS_OF)
    assert [f["meeting_only"] for f in advice.facts if f.get("kind") == "promise"] == [False]
    assert "core.visits.follow-up-script" in [a.rule for a in advice.actions]


@pytest.mark.parametrize("step, person", [
    ("Meet Oskar Brandt at the works next Tuesday, 10am", "Oskar Brandt"),
    ("See Oskar at their print hall on Thursday 26 Nov", "Oskar Brandt"),
    ("下周二上午去见王建国", "王建国"),
    ("11月26日下午再去厂里,王建国在", "王建国"),
])
def test_a_first_meeting_set_is_prepared_for_the_unmet_decider_not_kept_as_a_promise(advisor, step, person):
    advice = advisor.advise(_account(step), as_of=AS_OF)
    rules = [a.rule for a in advice.actions]
    assert "core.visits.follow-up-script" not in rules
    [first] = [a for a in advice.actions if a.rule == "core.visits.first-meeting-set"]
    assert first.contact == person and first.serves == "unblock" and not first.promise
    # the meeting is set: asking for an introduction to the same person is superseded by it
    assert not any(a.rule in ("core.roles.meet-decider", "core.roles.win-key-person") and a.contact == person
                   for a in advice.actions)


def test_a_meeting_set_with_someone_met_is_run_by_the_return_visit_script(advisor):
    advice = advisor.advise(_account("Meet Oskar Brandt at the works next Tuesday, 10am", boss_met=True), as_of=AS_OF)
    [meeting] = [a for a in advice.actions if a.rule == "core.visits.meeting-set"]
    assert meeting.contact == "Oskar Brandt" and meeting.serves == "pursue_opportunity" and not meeting.promise
    assert not any(a.rule == "core.visits.first-meeting-set" for a in advice.actions)


# ------------------------------------------------------------------ a promise weeks from its date ---
def _promise_account(what: str, due: str, made: str = "2026-11-16") -> Account:
    return Account.model_validate({
        "name": "Norrland Timber", "stage": "propose",
        "contacts": [{"name": "Ida Berg", "title": "purchasing", "roles": ["purchaser"], "met": True},
                     {"name": "Nils Holm", "title": "CEO", "roles": ["decider"], "senior": True, "met": False}],
        "opportunities": [{"name": "Sawline retrofit", "amount": 400000, "stage": "propose", "quoted": False}],
        "promises": [{"what": what, "by": "rep", "to": "Ida Berg", "made": made, "due": due}]})


def _level_of_promise(advice) -> str:
    [kept] = [a for a in advice.actions if a.rule.startswith("core.promises.")]
    return kept.level


@pytest.mark.parametrize("what", ["Send Ida the retrofit proposal", "把改造方案发给Ida", "把改造方案發給Ida"])
def test_a_promise_weeks_from_its_date_ranks_with_the_opportunities(advisor, what):
    far = advisor.advise(_promise_account(what, "2026-12-30"), as_of=AS_OF)  # 37 days ahead
    assert _level_of_promise(far) == "promise_ahead"
    near = advisor.advise(_promise_account(what, "2026-11-30"), as_of=AS_OF)  # a week ahead: beside the blockers
    assert _level_of_promise(near) == "keep_promise"
    due = advisor.advise(_promise_account(what, "2026-11-24"), as_of=AS_OF)  # tomorrow: first
    assert _level_of_promise(due) == "due_promise" and due.actions[0].rule.startswith("core.promises.")


def test_a_promise_by_13_nov_stays_first_sixty_days_later(advisor):
    account = _promise_account("Send Ida the retrofit proposal by 13 Nov", "2026-11-13", made="2026-11-02")
    advice = advisor.advise(account, as_of=dt.date(2027, 1, 12))
    assert advice.actions[0].rule == "core.promises.overdue" and advice.actions[0].level == "due_promise"
    assert "60 days" in advice.actions[0].what["en"]
