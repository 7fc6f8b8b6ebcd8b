"""The customer's own step, not yet due, waits with its opportunity (issue 22, session 11).

A step the customer committed to ("they send the design brief by the 29th") is their work until it falls due: it no
longer ranks with our blockers above the work the opening needs now (core.promises.customer-step-ahead, serves
pursue_opportunity); due or late, core.promises.customer-commitment chases it as before. Accounts in wording of our
own, built in memory.
"""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account

AS_OF = dt.date(2027, 3, 22)
AHEAD, CHASE = "core.promises.customer-step-ahead", "core.promises.customer-commitment"


def _account(what: str, due: str) -> Account:
    return Account.model_validate({
        "name": "Golden Harbour Bakery", "stage": "needs", "buying_pattern": "project",
        "sales": {"last_12m": 900000, "prior_12m": 820000, "last_order": "2026-09-01"},
        "contacts": [{"name": "Lily Chan", "title": "marketing", "roles": ["influencer"], "met": True},
                     {"name": "Mr Chan", "title": "owner", "roles": ["decider"], "is_boss": True, "met": True}],
        "opportunities": [{"name": "National Day gift tins, 80k", "amount": 600000, "stage": "needs",
                           "close_date": "2027-05-10"}],
        "promises": [{"what": what, "by": "customer", "to": "Lily Chan", "made": "2027-03-15", "due": due}]})


@pytest.mark.parametrize("what", [
    "Lily to send the artwork direction and the hotel's brand guide",
    "Lily sends the final pack sizes for the gift line",
    "Lily will share the approval timetable from the hotel",
    "Lily 發設計方向同酒店品牌指引",
    "Lily提供礼盒最终尺寸",
    "Lily把酒店的批图时间表发过来",
])
def test_a_step_of_theirs_not_yet_due_waits_with_the_opportunity(advisor, what):
    advice = advisor.advise(_account(what, "2027-03-30"), as_of=AS_OF)
    rules = [a.rule for a in advice.actions]
    assert AHEAD in rules and CHASE not in rules
    assert next(a for a in advice.actions if a.rule == AHEAD).serves == "pursue_opportunity"
    assert rules[0] != AHEAD


@pytest.mark.parametrize("due", ["2027-03-23", "2027-03-18"])  # due tomorrow, or late: chased first as before
def test_a_step_of_theirs_due_or_late_is_chased(advisor, due):
    advice = advisor.advise(_account("Lily to send the artwork direction", due), as_of=AS_OF)
    assert advice.actions[0].rule == CHASE and AHEAD not in {a.rule for a in advice.actions}
