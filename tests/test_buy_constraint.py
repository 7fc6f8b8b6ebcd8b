"""What the customer told us stands against buying more (advisor/accounts/buyconstraint.py; session 15): the customer's
own words — no room, overstocked, stock not selling, cash tight — after its last order hold back any offer to sell more;
our own side's words, a negation and an order placed since do not."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account
from advisor.accounts.facts import enrich

AS_OF = dt.date(2027, 1, 20)


@pytest.fixture(scope="module")
def options(advisor):
    packset, _ = advisor.load(["core"])
    return packset.fact_options()


def _constraint(options, note: str, last_order: str = "2026-12-28", owner: str = "Sam Reid"):
    account = Account.model_validate({
        "name": "Harbour Cycles", "stage": "maintain", "customer_type": "dealer", "owner": owner,
        "sales": {"last_12m": 400000, "prior_12m": 380000, "last_order": last_order},
        "contacts": [{"name": "Tom Okafor", "roles": ["decider"], "is_boss": True, "met": True},
                     {"name": "马老板", "roles": ["decider"], "met": True}],
        "visits": [{"date": "2027-01-15", "contact": "Tom Okafor", "outcome": "positive", "note": note}]})
    acc = next(f for f in enrich(account, AS_OF, **options) if f["kind"] == "account")
    return acc.get("buy_constraint")


@pytest.mark.parametrize("note", [
    "Tom: stock is moving, but the back room is full — honestly the shop is full until March.",
    "He says they are overstocked on helmets after the Christmas order.",
    "Tom told me cash is tight until the January invoices are paid, so nothing more for now.",
    "WeChat 19:20 马老板:货都到了,卖得可以,年前不用再补了,店里堆不下了。",
    "马老板说上批货卖不动,库存太多。",
    "馬老闆說年前資金緊,先不進貨。",
])
def test_the_customers_constraint_is_read(options, note):
    assert _constraint(options, note, owner="陈伟" if any("\u4e00" <= c <= "\u9fff" for c in note) else "Sam Reid")


@pytest.mark.parametrize("note", [
    "Sell-through is fine and there is no stock problem.",                  # nothing stands against buying
    "Our truck was full, so the second pallet comes Monday.",              # our side's room, not theirs
    "[Sam 18 Jan: quarter short; I will push 200 helmets even if stock is not moving fast.]",  # our aside
    "动销正常,没有库存压力。",
    "我们仓库放不下了,下周再发。",
    "【陈伟备注 1/18:我们自己仓库堆不下了,想先发一批过去。】",            # our warehouse, in our aside
])
def test_no_constraint_of_the_customers(options, note):
    assert not _constraint(options, note, owner="陈伟" if any("\u4e00" <= c <= "\u9fff" for c in note) else "Sam Reid")


def test_an_order_since_answers_it(options):
    assert not _constraint(options, "He says they are overstocked on helmets.", last_order="2027-01-18")
