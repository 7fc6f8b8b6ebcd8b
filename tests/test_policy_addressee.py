"""Who a problem's action addresses (session 14, issue 22).

- ``who: latest`` (evaluation/outcomes.py): a new no-gift or no-entertainment policy is said first to the contact the
  rep deals with now — the one met most recently, who heard of it and would be offered the dinner it rules out — not to
  the boss met once long ago; with no visit on record, to the lead as before (core.compliance.comply-openly).
- it-distribution.satisfaction.recover-unhappy-contact stays silent while a deal lost lately is the account's problem:
  the lost-deal review asks the unhappy contact why (core.lost.*).

Accounts in wording of our own, built in memory."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account

AS_OF = dt.date(2027, 4, 12)


def _policy_account(people: list[dict], visits: list[dict], policy: str = "no_gifts") -> Account:
    return Account.model_validate({
        "name": "Account", "stage": "maintain", "customer_type": "end_customer", "buying_pattern": "repeat",
        "sales": {"last_12m": 500000, "prior_12m": 480000, "last_order": "2027-03-20"},
        "policies": [{"name": policy, "since": "2027-03-15"}], "contacts": people, "visits": visits})


def _comply_to(advisor, account: Account) -> str:
    [action] = [a for a in advisor.advise(account, as_of=AS_OF).actions if a.rule == "core.compliance.comply-openly"]
    return action.contact


@pytest.mark.parametrize("people, visits, expected", [
    # the boss met in the autumn, the buyer seen last week: the buyer hears it first
    ([{"name": "Greta Lind", "title": "Managing Director", "roles": ["decider"], "is_boss": True, "senior": True, "met": True},
      {"name": "Owen Park", "title": "Buyer", "roles": ["purchaser"], "met": True}],
     [{"date": "2026-10-02", "contact": "Greta Lind"}, {"date": "2027-04-06", "contact": "Owen Park"}], "Owen Park"),
    # the planner seen yesterday, the buyer a month ago
    ([{"name": "Owen Park", "title": "Buyer", "roles": ["purchaser"], "met": True},
      {"name": "Rita Sousa", "title": "Production planner", "roles": ["user"], "met": True}],
     [{"date": "2027-03-10", "contact": "Owen Park"}, {"date": "2027-04-11", "contact": "Rita Sousa"}], "Rita Sousa"),
    # nobody visited on record: the lead, as before
    ([{"name": "Greta Lind", "title": "Managing Director", "roles": ["decider"], "is_boss": True, "senior": True, "met": True},
      {"name": "Owen Park", "title": "Buyer", "roles": ["purchaser"], "met": True}], [], "Greta Lind"),
    ([{"name": "钱总", "title": "总经理", "roles": ["decider"], "is_boss": True, "senior": True, "met": True},
      {"name": "小何", "title": "采购专员", "roles": ["purchaser"], "met": True}],
     [{"date": "2026-09-18", "contact": "钱总"}, {"date": "2027-04-08", "contact": "小何"}], "小何"),
    ([{"name": "小何", "title": "采购专员", "roles": ["purchaser"], "met": True},
      {"name": "吕工", "title": "设备科长", "roles": ["user", "expert"], "met": True}],
     [{"date": "2027-02-20", "contact": "小何"}, {"date": "2027-04-10", "contact": "吕工"}], "吕工"),
    ([{"name": "钱总", "title": "总经理", "roles": ["decider"], "is_boss": True, "senior": True, "met": True},
      {"name": "小何", "title": "採購專員", "roles": ["purchaser"], "met": True}], [], "钱总"),
])
def test_a_new_policy_is_said_first_to_the_contact_met_last(advisor, people, visits, expected):
    assert _comply_to(advisor, _policy_account(people, visits)) == expected


def _unhappy_account(lost: bool) -> Account:
    return Account.model_validate({
        "name": "Kowhai School Trust", "industry": "it-distribution", "stage": "maintain",
        "customer_type": "end_customer", "buying_pattern": "project",
        "sales": {"last_12m": 200000, "prior_12m": 700000, "last_order": "2027-01-10"},
        "contacts": [{"name": "Mere Tane", "title": "IT lead", "roles": ["expert", "user"], "met": True, "satisfied": False},
                     {"name": "Hugh Bell", "title": "Bursar", "roles": ["decider", "purchaser"], "met": True}],
        "deals": ([{"name": "Classroom laptops 2027", "status": "lost", "amount": 500000, "closed": "2027-02-20",
                    "competitor": "Tui Computers"}] if lost else [])})


def test_an_unhappy_contact_after_a_lost_deal_is_asked_why_in_the_loss_review(advisor):
    lost = [a.rule for a in advisor.advise(_unhappy_account(lost=True), as_of=AS_OF).actions]
    assert "it-distribution.satisfaction.recover-unhappy-contact" not in lost
    assert lost[0].startswith("core.lost.")
    kept = [a.rule for a in advisor.advise(_unhappy_account(lost=False), as_of=AS_OF).actions]
    assert "it-distribution.satisfaction.recover-unhappy-contact" in kept
