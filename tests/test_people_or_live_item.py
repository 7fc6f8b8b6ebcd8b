"""A people gap beside a live item: which comes first, and the people step's deed (session 17, issue 22, class 'order').

Accounts in wording of our own, built in memory and advised by the session advisor: a trial set on a day leads an
unmet newcomer named in passing; a contact who says the decision is not theirs is asked for the introduction before
the quote; a lost deal's own note quoting a contact on the cause sends the answer to that contact. (A tender barring
contact with the evaluators, holding every first meeting: rules/core/tests/buying.yaml.)"""
from __future__ import annotations

import datetime as dt

from advisor.accounts.account import Account

AS_OF = dt.date(2026, 11, 23)


def _advise(advisor, data: dict):
    base = {"stage": "propose", "sales": {"last_12m": 300000, "prior_12m": 290000, "last_order": "2026-10-20"}}
    return advisor.advise(Account.model_validate({**base, **data}), as_of=AS_OF)


def _trial(note: str, newcomer: str) -> dict:
    return {"name": "Harlow Precision",
            "contacts": [{"name": "Ivo Brandt", "roles": ["user", "expert"], "met": True},
                         {"name": "Mia Lund", "roles": ["purchaser"], "met": True}],
            "opportunities": [{"name": "Cutting fluid supply", "amount": 90000, "stage": "propose",
                               "close_date": "2027-02-28", "quoted": True}],
            "visits": [{"date": "2026-11-18", "contact": "Ivo Brandt", "outcome": "positive", "note": note}],
            "notes": newcomer}


def test_a_trial_set_on_a_day_leads_the_newcomer_named_in_passing(advisor):
    advice = _advise(advisor, _trial("Ivo has booked a trial run of our fluid on 2 December.",
                                     "Mia says a new plant director started and is looking at every contract."))
    rules = [a.rule for a in advice.actions]
    assert rules[0] == "core.openings.run-the-trial" and advice.actions[0].contact == "Ivo Brandt"
    assert "core.situations.meet-the-newcomer-unnamed" in rules[1:]


def test_without_a_day_the_newcomer_comes_first(advisor):
    advice = _advise(advisor, _trial("Ivo would like a trial of our fluid some time.",
                                     "Mia says a new plant director started and is looking at every contract."))
    rules = [a.rule for a in advice.actions]
    assert "core.openings.run-the-trial" not in rules
    assert rules[0] == "core.situations.meet-the-newcomer-unnamed"


def test_a_contact_who_cannot_decide_is_asked_for_the_introduction_before_the_quote(advisor):
    for note, lang in (("Lucy wants our prices by Friday, but she said: I just collect the quotes.", "en"),
                       ("陆姐要我们周五前报价,不过她说这个我定不了,得老板拍板。", "zh")):
        advice = _advise(advisor, {"name": "Pinecrest", "contacts": [
            {"name": "Lucy Tran" if lang == "en" else "陆姐", "roles": ["purchaser"], "met": True}],
            "opportunities": [{"name": "Tyres", "amount": 90000, "stage": "propose", "close_date": "2027-01-15"}],
            "visits": [{"date": "2026-11-16", "contact": "Lucy Tran" if lang == "en" else "陆姐",
                        "outcome": "neutral", "note": note}]})
        assert advice.actions[0].rule == "core.situations.meet-who-decides-first", lang
        assert advice.actions[0].level == "unblock"


def test_the_answer_to_a_cause_told_in_the_deal_note_goes_to_the_teller(advisor):
    advice = _advise(advisor, {
        "name": "Harbourside", "stage": "maintain",
        "contacts": [{"name": "Omar Haddad", "roles": ["purchaser"], "met": True},
                     {"name": "Ruth Klein", "roles": ["decider"], "is_boss": True, "met": True}],
        "deals": [{"name": "Winter reorder", "status": "lost", "closed": "2026-11-10", "competitor": "Iberian Oils",
                   "loss_reason": "service", "note": "Omar: the pallets came two weeks late and we ran out."}]})
    first = advice.actions[0]
    assert first.rule == "core.lost.answer-the-cause-told-in-the-deal" and first.contact == "Omar Haddad"
    assert "the pallets came two weeks late" in first.what["en"]
