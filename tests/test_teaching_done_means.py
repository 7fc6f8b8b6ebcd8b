"""Issue 23's done-means, one by one, on accounts of our own (en and zh, built in memory — none is a fixture or a dev
account): an open complaint in any industry is answered first (after only a due promise); a dealer's financed project
starts with its money and brand contract, and no project is offered before; a recorded reference's figures are in the
first-deal pitch; an exclusivity demand gets the territory-and-targets answer; a state-owned buyer gets its buying path.
"""
from __future__ import annotations

import pytest

from advisor.accounts.account import Account

from .conftest import AS_OF


def _advise(advisor, data):
    advice = advisor.advise(Account.model_validate(data), as_of=AS_OF)
    assert advice.errors == []
    return advice


def _behind(action) -> set[str]:
    return {action.rule, *action.merged_rules}


# --- an open complaint, any industry: apology, fix and follow-up first -----------------------------------------------
COMPLAINTS = [
    {"name": "Northgate Linen Services", "stage": "maintain",
     "sales": {"last_12m": 180000, "prior_12m": 170000, "last_order": "2026-11-10"},
     "contacts": [{"name": "Priya Shah", "roles": ["decider"], "met": True},
                  {"name": "Tom Beck", "roles": ["user"], "met": True}],
     "complaints": [{"what": "two weeks of towels returned grey and smelling of bleach", "date": "2026-11-16",
                     "contact": "Priya Shah", "status": "open", "severity": "high"}],
     "opportunities": [{"name": "Second hotel wing", "amount": 40000, "stage": "needs"}]},
    {"name": "恒远物业", "stage": "maintain",
     "sales": {"last_12m": 900000, "prior_12m": 880000, "last_order": "2026-11-12"},
     "contacts": [{"name": "宋经理", "roles": ["decider"], "met": True},
                  {"name": "小何", "roles": ["user"], "met": True}],
     "complaints": [{"what": "保洁机器人连续三天在地库卡住,业主投诉到物业", "date": "2026-11-17", "contact": "宋经理",
                     "status": "open"}],
     "opportunities": [{"name": "二期小区 扩容", "amount": 300000, "stage": "needs"}]},
]


@pytest.mark.parametrize("data", COMPLAINTS, ids=["en", "zh"])
def test_an_open_complaint_is_answered_first(advisor, data):
    first = _advise(advisor, data).actions[0]
    assert first.rule.startswith("core.complaints.") and first.serves == "fix_problem"


@pytest.mark.parametrize("data", COMPLAINTS, ids=["en", "zh"])
def test_only_a_due_promise_goes_before_the_complaint(advisor, data):
    boss = data["contacts"][1]["name"]
    data = {**data, "promises": [{"what": "send the service report" if data["name"].isascii() else "发维保报告",
                                  "to": boss, "made": "2026-11-10", "due": "2026-11-22"}]}
    actions = _advise(advisor, data).actions
    assert actions[0].level == "due_promise"
    assert actions[1].rule.startswith("core.complaints.")


# --- the dealer's money and brand contract before a financed project -------------------------------------------------
DEALERS = [
    {"name": "Ridgeview Appliance Centre", "customer_type": "dealer", "stage": "open",
     "contacts": [{"name": "Gary Lund", "title": "Owner", "roles": ["decider"], "is_boss": True, "met": True}],
     "dealer": {"main_brand": "Brand K", "financing_checked": False, "brand_contract_checked": False},
     "visits": [{"date": "2026-11-18", "contact": "Gary Lund", "minutes": 50, "outcome": "positive",
                 "note": "County school board wants 90 panels; paid 120 days after acceptance, so the dealer would "
                         "front the money. Gary says cash is fine."}],
     "opportunities": [{"name": "County schools panel rollout", "amount": 270000, "stage": "open"}]},
    {"name": "丰源家电行", "customer_type": "dealer", "stage": "open",
     "contacts": [{"name": "黄老板", "title": "老板", "roles": ["decider"], "is_boss": True, "met": True}],
     "dealer": {"main_brand": "M牌", "financing_checked": False, "brand_contract_checked": False},
     "visits": [{"date": "2026-11-18", "contact": "黄老板", "minutes": 60, "outcome": "positive",
                 "note": "镇卫生院要 40 台空调,验收后付款,要经销商垫资。黄老板说钱不是问题。"}],
     "opportunities": [{"name": "镇卫生院 空调", "amount": 360000, "stage": "open"}]},
]
OFFERS_THE_PROJECT = {"core.dealer.lead-with-first-deal", "core.dealer.first-deal-with-peer-figures",
                      "core.dealer.first-deal-with-peer-figures-ask-first"}


@pytest.mark.parametrize("data", DEALERS, ids=["en", "zh"])
def test_a_financed_project_starts_with_the_money_and_the_contract(advisor, data):
    actions = _advise(advisor, data).actions
    assert actions[0].rule == "core.dealer.check-money-and-contract"
    assert not any(_behind(a) & OFFERS_THE_PROJECT for a in actions)


# --- a reference's figures in the first-deal pitch ---------------------------------------------------------------
REFERENCES = [
    ({"name": "Coastline Irrigation Supply", "customer_type": "dealer", "stage": "open",
      "contacts": [{"name": "Mara Quinn", "title": "Owner", "roles": ["decider"], "is_boss": True, "met": True}],
      "references": [{"name": "Valley Drip Co.", "region": "Fresno", "similar": True, "consent": True,
                      "figures": "sold 1,400 controllers in its first season at 22% gross margin"}],
      "opportunities": [{"name": "Spring controller launch", "amount": 60000, "stage": "open"}]},
     "1,400 controllers"),
    ({"name": "瑞丰农资", "customer_type": "dealer", "stage": "open",
      "contacts": [{"name": "蒋老板", "title": "老板", "roles": ["decider"], "is_boss": True, "met": True}],
      "references": [{"name": "邻县 丰收农资", "similar": True, "consent": True,
                      "figures": "第一年卖了 3000 吨,零售毛利 9 个点"}],
      "opportunities": [{"name": "春耕 水溶肥 首单", "amount": 200000, "stage": "open"}]},
     "3000 吨"),
]


@pytest.mark.parametrize("data, figure", REFERENCES, ids=["en", "zh"])
def test_a_recorded_references_figures_are_in_the_first_deal_pitch(advisor, data, figure):
    lang = "en" if data["name"].isascii() else "zh"
    actions = _advise(advisor, data).actions
    pitch = next(a for a in actions if "core.dealer.first-deal-with-peer-figures" in _behind(a))
    assert figure in pitch.what[lang]
    assert actions.index(pitch) < 3


# --- an exclusivity demand: which term and why, tied to targets -------------------------------------------------------
EXCLUSIVITY = [
    {"name": "Highland Bike & Ski", "customer_type": "dealer", "stage": "propose",
     "sales": {"last_12m": 210000, "prior_12m": 190000, "last_order": "2026-10-30"},
     "contacts": [{"name": "Owen Hale", "title": "Owner", "roles": ["decider"], "is_boss": True, "met": True}],
     "objections": [{"contact": "Owen Hale", "date": "2026-11-19",
                     "text": "I'll only stock the full range if I'm your sole dealer for the whole valley."}],
     "opportunities": [{"name": "2027 range order", "amount": 150000, "stage": "propose"}]},
    {"name": "宏达五金", "customer_type": "dealer", "stage": "propose",
     "sales": {"last_12m": 600000, "prior_12m": 580000, "last_order": "2026-11-05"},
     "contacts": [{"name": "邓老板", "title": "老板", "roles": ["decider"], "is_boss": True, "met": True}],
     "objections": [{"contact": "邓老板", "date": "2026-11-19", "text": "要我们主推你们的电动工具,就得给我们全市独家。"}],
     "opportunities": [{"name": "明年 电动工具 年度订货", "amount": 500000, "stage": "propose"}]},
]


@pytest.mark.parametrize("data", EXCLUSIVITY, ids=["en", "zh"])
def test_an_exclusivity_demand_gets_the_territory_answer(advisor, data):
    actions = _advise(advisor, data).actions
    assert "core.objection.exclusivity-territory" in _behind(actions[0])
    lang = "en" if data["name"].isascii() else "zh"
    assert not any(w in a.what[lang].lower() for a in actions[:5] for w in ("agree, then test", "先答应"))


# --- a state-owned buyer: its buying path ---------------------------------------------------------------------------
SOE = [
    {"name": "Provincial Water Authority", "ownership": "state_owned", "stage": "open",
     "contacts": [{"name": "Eng. Farah Aziz", "roles": ["expert", "user"], "met": True},
                  {"name": "Procurement Office", "roles": ["purchaser"], "met": False}],
     "opportunities": [{"name": "Pump station telemetry", "amount": 420000, "stage": "open"}]},
    {"name": "市政工程集团", "stage": "open", "notes": "市属国企,明年 管网 改造",
     "contacts": [{"name": "钱工", "roles": ["expert", "user"], "met": True},
                  {"name": "采购中心 李主任", "roles": ["purchaser"], "met": False}],
     "opportunities": [{"name": "管网 监测 终端", "amount": 900000, "stage": "open"}]},
]


@pytest.mark.parametrize("data", SOE, ids=["en", "zh"])
def test_a_state_owned_buyer_gets_its_buying_path(advisor, data):
    actions = _advise(advisor, data).actions
    assert any("core.buying.map-state-buying-path" in _behind(a) for a in actions[:3])


def _industries() -> list[str]:
    from advisor.language.pack import find_packs

    from .conftest import RULES
    return sorted(p for p in find_packs(RULES) if p != "core")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_open_complaint_comes_first_in_every_industry(advisor, lang):
    """"An open complaint in any industry": each industry pack's own advice, and a falling account beside it, still
    rank below the apology and the fix."""
    who = "Kim Osei" if lang == "en" else "金总"
    for industry in _industries():
        data = {"name": "Acme Supply" if lang == "en" else "永信商贸", "industry": industry, "stage": "maintain",
                "sales": {"last_12m": 100000, "prior_12m": 150000, "last_order": "2026-11-01"},
                "contacts": [{"name": who, "roles": ["decider"], "met": True}],
                "complaints": [{"what": "three deliveries in a row arrived a week late" if lang == "en"
                                else "连续三批货晚到一周", "date": "2026-11-15", "contact": who, "status": "open"}],
                "visits": [{"date": "2026-11-15", "contact": who, "outcome": "cold", "reason_to_return": True}]}
        first = _advise(advisor, data).actions[0]
        assert first.rule.startswith("core.complaints.") and first.level == "open_complaint", industry
