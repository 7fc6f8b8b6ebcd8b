"""Session 14 (issue 22), two more role-gap steps read against the record: a rep new to a customer whose met decider
carries an open need introduces himself in the course of working that need (the round of introductions is widening,
tag ``widening``: it follows the need); and the first-quote rule for a new dealer stays silent for a dealer that
orders from us again and again (``account.order_count`` above one — a single trial order does not make a customer).
Accounts written here, in trades none of the seen sets use."""
from __future__ import annotations

import copy

import pytest

from advisor.accounts.account import Account

from .conftest import AS_OF

INTRO = "core.situations.introduce-yourself-as-the-new-rep"
FIRST_QUOTE = "core.dealer.cooperation-before-first-quote"


def _taken_over(name, decider, need, handover):
    """A customer in maintenance buying from us, its decider met last week, a need open at needs, and the notes
    saying the account was handed to the rep (``handover``)."""
    return {
        "name": name, "stage": "maintain", "ownership": "private", "customer_type": "end_customer",
        "buying_pattern": "repeat",
        "sales": {"last_12m": 540_000, "prior_12m": 510_000, "last_order": "2026-11-02"},
        "contacts": [{"name": decider[0], "title": decider[1], "roles": ["decider"], "met": True, "reliability": 3}],
        "visits": [{"date": "2026-11-17", "contact": decider[0], "outcome": "positive", "note": need[1]}],
        "opportunities": [{"name": need[0], "amount": 180_000, "stage": "needs", "close_date": "2027-04-30"}],
        "notes": handover,
    }


TAKEN_OVER = [
    _taken_over("Brightwater Dairies", ("Owen Price", "Plant Manager"), ("CIP chemicals for the new yoghurt line",
                "Owen wants the new line's cleaning programme settled before March."),
                "I took over this account from Gareth last month."),
    _taken_over("Kellerman Print Group", ("Sabine Vogt", "Managing Director"), ("Inks for the second press",
                "Sabine confirmed the second press arrives in February."),
                "Handover note: the account moved to me when Paul left the team in October."),
    _taken_over("Alder Valley Foods", ("Rhys Morgan", "Operations Director"), ("Pallet wrap for the new warehouse",
                "Rhys says the new warehouse opens in spring."),
                "This account was handed over to me in November; Claire covered it before."),
    _taken_over("顺德美厨电器有限公司", ("梁总", "总经理"), ("新厂区包装材料", "梁总说新厂区明年三月投产,包装要重新选。"),
                "这个客户上个月刚交接给我,之前是老陈在跟。"),
    _taken_over("滨海冷链物流", ("韩经理", "运营总监"), ("新冷库保温门", "韩经理说新冷库年后动工。"),
                "我刚接手这个片区,前任是小王。"),
    _taken_over("永安机械配件厂", ("邱厂长", "厂长"), ("二号车间切削液", "邱厂长说二号车间改造后要换切削液。"),
                "业务交接:原负责人周经理调走,客户由我接手。"),
]


def _advise(advisor, data):
    return advisor.advise(Account.model_validate(data), as_of=AS_OF, packs=["core"])


def _one(advice, rule):
    got = [a for a in advice.actions if a.rule == rule]
    assert len(got) == 1, [(a.rule, a.contact, a.level) for a in advice.actions]
    return got[0]


@pytest.mark.parametrize("data", TAKEN_OVER, ids=[d["name"] for d in TAKEN_OVER])
def test_a_new_rep_works_the_open_need_with_the_met_decider_and_introduces_himself_in_it(advisor, data):
    advice = _advise(advisor, data)
    intro = _one(advice, INTRO)
    assert (intro.level, intro.serves) == ("widen_known", "develop_relationship")
    assert advice.actions[0].serves == "pursue_opportunity"
    # in a sale, the introductions are still on the path
    selling = _advise(advisor, dict(copy.deepcopy(data), stage="needs"))
    assert _one(selling, INTRO).level == "unblock"


def _dealer(name, periods, need):
    """A dealer, ``periods`` monthly orders of ours on record, a first project not yet quoted, no cooperation agreed."""
    return {
        "name": name, "stage": "needs", "ownership": "private", "customer_type": "dealer", "buying_pattern": "repeat",
        "sales": {"periods": [{"period": f"2026-{m:02d}", "amount": 40_000} for m in range(11 - periods + 1, 12)]},
        "contacts": [{"name": "boss", "title": "Owner", "roles": ["decider"], "met": True}],
        "opportunities": [{"name": need, "amount": 300_000, "stage": "needs", "quoted": False,
                           "cooperation_agreed": False}],
    }


DEALERS = [("Coastline Marine Supplies", "Outboard service kits"), ("Redgate Tools", "Cordless range launch"),
           ("Prairie Ag Parts", "Grain dryer spares"), ("临沂鑫源五金", "电动工具新品"), ("晋城宏达农机", "收割机配件"),
           ("柳州万家电器", "空调新品首批")]


@pytest.mark.parametrize("name,need", DEALERS)
def test_a_dealer_ordering_again_and_again_has_agreed_its_cooperation(advisor, name, need):
    rules = lambda n: {a.rule for a in _advise(advisor, _dealer(name, n, need)).actions}  # noqa: E731
    assert FIRST_QUOTE not in rules(6)  # six monthly orders: a customer, not a new dealer
    assert FIRST_QUOTE not in rules(2)
    assert FIRST_QUOTE in rules(1)  # a single trial order: the cooperation is still to agree
