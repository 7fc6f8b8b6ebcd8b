"""Earning the right, step by step (issue 23; seed 001 · 争取销售权利: Prepare → Open → Needs → Propose → Close).

The rep's own note recording a question not asked ("never asked how many sites", 没问预算谁批) says the needs analysis
has not been done: the deal is at most at the needs step, and its needs questions outrank the later steps' work —
mapping how a public buyer buys, a proposal, a price. The customer not asking something, "no problem" (没问题), and a
question to one's own side are no such record. Accounts in wording of our own, built in memory.
"""
from __future__ import annotations

import pytest

from advisor.accounts.account import Account
from advisor.accounts.unasked import not_asked

from .conftest import AS_OF


@pytest.mark.parametrize("note", [
    "Good first chat with the ward manager. I never asked how many beds the new wing has.",
    "Nice demo of the app; didn't ask about their current call volumes or who signs.",
    "She liked the idea — we haven't asked what the integration must talk to.",
    "Forgot to ask the number of depots they run.",
    "聊得不错,就是没问他们一年用量多少。",
    "护士长很热情,还没了解清楚现在用的系统哪里不好用。",
    "看了机房,没问过预算是哪个部门出。",
    "主任說要快,沒問到要接幾個院區。",
    "Didn't ask user counts or weekly volumes.",        # 'user', 'weekly' are not 'us', 'we'
    "没问公司规模和现有设备。",
])
def test_the_reps_unasked_question_is_read(note):
    assert not_asked(note)


@pytest.mark.parametrize("note", [
    "She didn't ask about the price at all.",          # the customer did not ask: not the rep's gap
    "The customer never asked for a discount.",
    "Haven't asked my manager about the rebate yet.",   # a question to our own side
    "客户没问价格,只关心交期。",
    "他说付款没问题,验收后一个月付清。",                 # 没问题: no problem
    "合同条款那块,没问。",                               # the object before, nothing after: not read as the needs
    "还没问我们领导能不能给独家。",
    "Asked about volumes, sites and the budget owner; all answered.",
])
def test_no_record_of_an_unasked_needs_question(note):
    assert not_asked(note) is None


def _public_hospital(note: str, lang: str = "zh") -> dict:
    if lang == "zh":
        return {
            "name": "某县人民医院", "ownership": "public_institution", "stage": "needs",
            "contacts": [{"name": "刘护士长", "roles": ["user", "initiator"], "met": True},
                         {"name": "周科长", "roles": ["purchaser"], "met": False},
                         {"name": "王院长", "roles": ["decider"], "met": False}],
            "visits": [{"date": "2026-11-18", "contact": "刘护士长", "minutes": 30, "outcome": "positive",
                        "reason_to_return": True, "note": note}],
            "opportunities": [{"name": "新病房楼 输液监控系统", "amount": 800000, "stage": "needs", "quoted": False}],
        }
    return {
        "name": "Harbour County Council", "ownership": "state_owned", "stage": "needs",
        "contacts": [{"name": "Dana Holt", "roles": ["user", "initiator"], "met": True},
                     {"name": "Sam Reyes", "roles": ["purchaser"], "met": False},
                     {"name": "Director Quinn", "roles": ["decider"], "met": False}],
        "visits": [{"date": "2026-11-18", "contact": "Dana Holt", "minutes": 30, "outcome": "positive",
                    "reason_to_return": True, "note": note}],
        "opportunities": [{"name": "Depot fleet telematics", "amount": 250000, "stage": "needs", "quoted": False}],
    }


UNASKED = [
    ("zh", "她对移动端很感兴趣。没问床位数,也没问信息科接不接HIS,我打算下周先把报价发过去。"),
    ("zh", "聊了半小时,还没了解现在一个病区几个人值夜班。"),
    ("zh", "主任很忙,沒問到預算誰批,準備先報個價。"),
    ("en", "Dana loved the live map. Didn't ask how many vehicles or who pays; I'll send pricing next week."),
    ("en", "Good call, but I never asked which depots come first or what the old system fails at."),
    ("en", "We haven't asked how the drivers log faults today — plan to quote anyway."),
]


@pytest.mark.parametrize("lang, note", UNASKED)
def test_needs_questions_outrank_the_buying_path_when_the_rep_never_asked(advisor, lang, note):
    advice = advisor.advise(Account.model_validate(_public_hospital(note, lang)), as_of=AS_OF)
    rules = [a.rule for a in advice.actions]
    assert rules[0] == "core.steps.needs-before-proposal"
    # the later step's work still stands, below the needs
    assert "core.buying.map-state-buying-path" in rules[1:]
    step = next(f for f in advice.facts if f.get("kind") == "opportunity")
    assert step["needs_open"] is True and step["needs_unasked"]


@pytest.mark.parametrize("lang, note", [
    ("zh", "问清了床位数、接口和资金来源,她说下周安排信息科一起开会。"),
    ("en", "Asked about fleet size, depots and the budget owner; Dana will set up the meeting with procurement."),
])
def test_without_the_record_the_buying_path_leads(advisor, lang, note):
    advice = advisor.advise(Account.model_validate(_public_hospital(note, lang)), as_of=AS_OF)
    assert "core.steps.needs-before-proposal" not in {a.rule for a in advice.actions}
    assert advice.actions[0].rule == "core.buying.map-state-buying-path"


def test_a_ticked_needs_confirmed_wins_over_an_old_note(advisor):
    data = _public_hospital("没问床位数。")
    data["facts"] = {"needs_confirmed": True}
    advice = advisor.advise(Account.model_validate(data), as_of=AS_OF)
    assert "core.steps.needs-before-proposal" not in {a.rule for a in advice.actions}


def test_a_dealers_project_checks_the_money_before_the_needs(advisor):
    """A dealer who would carry the project: the unasked question waits for its money and brand contract."""
    data = {"name": "县城电器行", "customer_type": "dealer", "stage": "open",
            "contacts": [{"name": "马老板", "roles": ["decider"], "is_boss": True, "met": True}],
            "dealer": {"financing_checked": False, "brand_contract_checked": False, "main_brand": "B牌"},
            "visits": [{"date": "2026-11-18", "contact": "马老板", "minutes": 40, "outcome": "positive",
                        "note": "项目要垫资,验收后付款。没问学校要多少台。"}],
            "opportunities": [{"name": "县一中 教室电视", "amount": 500000, "stage": "open", "quoted": False}]}
    advice = advisor.advise(Account.model_validate(data), as_of=AS_OF)
    assert advice.actions[0].rule == "core.dealer.check-money-and-contract"
