"""A complaint the record shows settled, raised again in a bargain, is leverage — not a complaint to answer now
(issue 22, session 11).

"Your rebate came two months late last year — give us the project price or we go elsewhere": the complaints: list says
the late rebate was closed months ago. Read as a live service complaint, it ranked first (apologise today, get
after-sales on it) above the deal in front of the account. The rule about accounts in general: an objection that raises
again a complaint recorded resolved or closed (the same contact, said after it, a word of what went wrong shared) is no
service complaint; its other kinds stand. A complaint still open, or a new trouble, is read as before. Accounts in
wording of our own, built in memory."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account

AS_OF = dt.date(2026, 9, 1)
COMPLAINT_RULES = {"core.objection.service-complaint", "core.objection.service-complaint-old",
                   "core.switching.left-over-a-complaint", "core.complaints.escalate-late-fix",
                   "core.complaints.apologise-and-fix"}


def _account(objection: str, complaint: str, status: str) -> Account:
    return Account.model_validate({
        "name": "Riverside Appliances", "stage": "propose", "customer_type": "dealer",
        "sales": {"last_12m": 300000, "prior_12m": 280000, "last_order": "2026-08-10"},
        "contacts": [{"name": "Mrs Lin", "title": "finance", "roles": ["purchaser"], "met": True},
                     {"name": "Mr Chen", "title": "owner", "roles": ["decider"], "is_boss": True, "met": True}],
        "competitors": [{"name": "Brightline"}],
        "opportunities": [{"name": "Hotel TV project, 160 rooms", "amount": 400000, "stage": "propose",
                           "close_date": "2026-10-15"}],
        "objections": [{"contact": "Mrs Lin", "date": "2026-08-25", "text": objection}],
        "complaints": [{"what": complaint, "date": "2026-02-10", "contact": "Mrs Lin", "status": status,
                        "severity": "low"}]})


CASES = [
    ("Your rebate came two months late last year; sharpen the project price or we take it to Brightline.",
     "The year-end rebate was paid two months late."),
    ("Last winter the spare parts took three weeks to arrive — so this time the price has to be right.",
     "Spare parts for the service desk took three weeks to arrive."),
    ("The wrong models you delivered to two of our stores in spring still annoy us, so the project price must be sharper.",
     "Spring delivery mix-up: wrong models delivered to two stores."),
    ("你们的返点去年拖了两个月,这次项目价给不到位我们就找Brightline。", "去年的年终返点拖了两个月才到账。"),
    ("上次配件等了三个星期才到,这回价格要给够。", "售后配件等了三个星期才到。"),
    ("你哋上次送錯貨,今次個價要靚啲。", "春季送錯貨,兩間分店收到錯型號。"),
]


@pytest.mark.parametrize("objection, complaint", CASES)
def test_a_settled_complaint_raised_in_a_bargain_is_no_complaint_to_answer(advisor, objection, complaint):
    advice = advisor.advise(_account(objection, complaint, "closed"), as_of=AS_OF)
    [fact] = [f for f in advice.facts if f.get("kind") == "objection"]
    assert fact["restates_settled_complaint"] is True and fact["complaint"] is False
    assert not COMPLAINT_RULES & {a.rule for a in advice.actions[:5]}, [a.rule for a in advice.actions[:5]]


@pytest.mark.parametrize("objection, complaint", CASES[:1] + CASES[3:4])
def test_the_same_words_beside_an_open_complaint_are_still_a_complaint(advisor, objection, complaint):
    advice = advisor.advise(_account(objection, complaint, "open"), as_of=AS_OF)
    [fact] = [f for f in advice.facts if f.get("kind") == "objection"]
    assert fact["restates_settled_complaint"] is False


@pytest.mark.parametrize("objection", [
    "The new panels you shipped last week are scratched and the installer walked off the job.",
    "这批新电视上周到货,有五台屏幕碎了,还没人来处理。",
])
def test_a_new_trouble_beside_a_settled_one_is_still_a_complaint(advisor, objection):
    advice = advisor.advise(_account(objection, "The year-end rebate was paid two months late.", "closed"),
                            as_of=AS_OF)
    [fact] = [f for f in advice.facts if f.get("kind") == "objection"]
    assert fact["restates_settled_complaint"] is False
