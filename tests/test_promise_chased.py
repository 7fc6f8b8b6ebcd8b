"""A later contact where the buyer chases a promise does not keep it (issue 22, session 11).

promises.py reads a later visit to the person a next step was promised to as the rep going back with it. When that
later contact is the buyer asking after it ("Any news?", "where's the quote?", "又来催报价了"), the promise is still
open and overdue — the most urgent thing on the account — not kept. Accounts in wording of our own, built in memory.
"""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account

AS_OF = dt.date(2027, 3, 22)


def _account(step: str, chase: str) -> Account:
    return Account.model_validate({
        "name": "Westbrook Rowing Club", "stage": "maintain", "buying_pattern": "repeat",
        "sales": {"last_12m": 40000, "prior_12m": 36000, "last_order": "2026-12-01"},
        "contacts": [{"name": "Maya Ortiz", "title": "club secretary", "roles": ["purchaser"], "met": True},
                     {"name": "Tom Reid", "title": "treasurer", "roles": ["decider"], "met": True}],
        "visits": [{"date": "2027-03-08", "contact": "Maya Ortiz", "outcome": "positive", "note": "Planned the regatta.",
                    "next_step": step},
                   {"date": "2027-03-18", "contact": "Maya Ortiz", "minutes": 2, "note": chase}]})


@pytest.mark.parametrize("step, chase", [
    ("send Maya the regatta catering quote by 15 March", "E-mail from Maya: 'Any news on the catering? Tom wants numbers.'"),
    ("send Maya the regatta catering quote by 15 March", "Maya rang and chased the catering quote again."),
    ("send Maya the regatta catering quote by 15 March", "Text from Maya — where's the catering quote? Committee is Monday."),
    ("3月15日前把划艇赛餐饮报价发给Maya", "Maya发微信来催报价,说周一要开会。"),
    ("3月15日前把划艇赛餐饮报价发给Maya", "Maya打电话问报价有没有消息。"),
    ("3月15日前把划艇賽餐飲報價發給Maya", "Maya傳訊息問報價進展如何,週一要開會。"),
])
def test_a_chase_keeps_the_promise_open(advisor, step, chase):
    advice = advisor.advise(_account(step, chase), as_of=AS_OF)
    [promise] = [f for f in advice.facts if f.get("kind") == "promise"]
    assert promise["status"] == "open" and promise["days_overdue"] == 7
    assert advice.actions[0].rule == "core.visits.follow-up-script", [a.rule for a in advice.actions[:3]]


@pytest.mark.parametrize("step, later", [
    ("send Maya the regatta catering quote by 15 March", "Went through the catering quote with Maya; she liked the menu."),
    ("3月15日前把划艇赛餐饮报价发给Maya", "和Maya过了一遍餐饮报价,她很满意。"),
])
def test_going_back_with_it_still_keeps_it(advisor, step, later):
    advice = advisor.advise(_account(step, later), as_of=AS_OF)
    [promise] = [f for f in advice.facts if f.get("kind") == "promise"]
    assert promise["status"] == "kept"
