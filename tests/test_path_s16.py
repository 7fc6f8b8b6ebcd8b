"""Session 16 (issue 22): when a step on the decision path is the first move — general rules, each tested in wording
written for these tests (en and zh, three phrasings or more), firing and silent.

- at a customer in maintenance whose only open business is a need still being shaped — every open opportunity at the
  prepare step, unquoted, no close date within shaping_horizon_days, no open deal or tender — nothing waits on a
  decision yet: an unmet decider is the relationship the need will be decided through. The meeting serves the
  relationship there and ranks at the ``before_scoping`` level, ahead of the opportunity work, and the trace says
  why; a quote out, a stage past prepare, a date near or an open deal make it a decision at hand (it stays unblock);
- a newcomer is introduced by the met contact whose ``reaches:`` names them — the one with the standing to introduce
  them — before whoever only mentioned them; with nobody reaching them, by whoever mentioned them."""
from __future__ import annotations

import pytest

from advisor.accounts.account import Account

from .conftest import AS_OF  # 2026-11-23

# a need the customer is shaping, in the customer's or the rep's words: (lang, opportunity name, a visit's note)
SHAPING = [
    ("en", "New cold store in Leipzig (2028)", "Order delivered on time. Jens says the board wants a cold store in "
                                               "Leipzig one day — they have not started on it."),
    ("en", "Second bottling line, not yet approved", "Routine delivery. The owner is thinking about a second line "
                                                     "when the group approves the budget, maybe late next year."),
    ("en", "Canteen refit after the merger", "Quarterly review went well; Jens mentioned the canteen will be redone "
                                             "once the merger settles."),
    ("zh", "新厂区二期冷库(2028年)", "按时交货。王工说集团以后想在二期建冷库,还没开始立项。"),
    ("zh", "第二条灌装线(待批)", "例行送货。老板在考虑上第二条线,要等集团批预算,估计明年底。"),
    ("zh", "食堂改造(合并之后)", "季度回顾顺利;王工提到等合并落定,食堂要重新装修。"),
]


def _steady(lang: str, opportunity: str, note: str, **opp) -> dict:
    """A steady customer: buying on rhythm, its operations head met and satisfied, its CFO (who signs) never met; one
    opportunity, at prepare unless ``opp`` says otherwise."""
    en = lang == "en"
    head, cfo = ("Jens Albrecht", "Dr Ute Brandt") if en else ("王工", "财务总监刘敏")
    return {
        "name": "Albrecht Frischelogistik GmbH" if en else "江南冷链物流有限公司",
        "stage": "maintain", "customer_type": "end_customer", "buying_pattern": "repeat", "ownership": "private",
        "relationship": {"level": "preferred", "target": "partner", "cycle_stage": "trust"},
        "sales": {"last_12m": 1180000, "prior_12m": 1080000, "last_order": "2026-11-02"},
        "plan": {"growth": 0.08, "industry_growth": 0.06},
        "contacts": [
            {"name": head, "title": "Head of Operations" if en else "运营经理", "roles": ["expert", "user", "influencer"],
             "met": True, "satisfied": True, "reliability": 5, "reaches": [cfo]},
            {"name": cfo, "title": "CFO" if en else "财务总监", "roles": ["decider"], "senior": True, "met": False},
        ],
        "visits": [
            {"date": "2026-08-20", "contact": head, "outcome": "positive",
             "note": "Summer order placed." if en else "夏季订单已下。"},
            {"date": "2026-11-02", "contact": head, "outcome": "positive", "note": note},
        ],
        "opportunities": [{"name": opportunity, "stage": "prepare", "quoted": False, **opp}],
    }


def _advise(advisor, data: dict):
    return advisor.advise(Account.model_validate(data), AS_OF, packs=["core"]).actions


def _meeting(actions, cfo_lang: str):
    cfo = "Dr Ute Brandt" if cfo_lang == "en" else "财务总监刘敏"
    return next(a for a in actions if a.rule == "core.roles.meet-decider" and a.contact == cfo)


@pytest.mark.parametrize("lang,opportunity,note", SHAPING)
def test_an_unmet_decider_of_a_need_still_being_shaped_is_relationship_work_before_the_opportunity(
        advisor, lang, opportunity, note):
    actions = _advise(advisor, _steady(lang, opportunity, note))
    meet = _meeting(actions, lang)
    assert meet.level == "before_scoping" and meet.serves == "develop_relationship", (meet.level, meet.serves)
    # ahead of every opportunity action, after nothing but the account's problems, promises and decisions at hand
    assert all(a.rank > meet.rank for a in actions if a.level in ("pursue_opportunity", "develop_relationship"))
    assert actions[0].level == "before_scoping", [(a.rule, a.level) for a in actions[:4]]
    below = actions[meet.rank]  # the action after it
    if below.level != meet.level:
        assert "still being shaped" in meet.above_next["en"] and "还在成形" in meet.above_next["zh"]


# what makes it a decision at hand: a close date near, a quote out, a stage past prepare, an open deal
AT_HAND = [
    pytest.param({"close_date": "2026-12-20"}, id="dated-within-the-horizon"),
    pytest.param({"quoted": True}, id="quoted"),
    pytest.param({"stage": "needs"}, id="needs-stage"),
    pytest.param({"stage": "propose"}, id="propose-stage"),
]


@pytest.mark.parametrize("lang,opportunity,note", SHAPING[:1] + SHAPING[3:4])
@pytest.mark.parametrize("change", AT_HAND)
def test_a_decision_at_hand_keeps_the_unmet_decider_a_blocker(advisor, lang, opportunity, note, change):
    meet = _meeting(_advise(advisor, _steady(lang, opportunity, note, **change)), lang)
    assert meet.level == "unblock" and meet.serves == "unblock", (meet.level, meet.serves)


@pytest.mark.parametrize("lang,opportunity,note", SHAPING[1:2] + SHAPING[4:5])
def test_an_open_deal_or_a_later_date_decides_whether_the_need_is_still_shaping(advisor, lang, opportunity, note):
    data = _steady(lang, opportunity, note)
    data["deals"] = [{"name": "Spare parts 2027" if lang == "en" else "2027年备件", "status": "open", "amount": 40000}]
    assert _meeting(_advise(advisor, data), lang).level == "unblock"
    # a close date beyond the horizon (90 days) is a need still being shaped
    far = _steady(lang, opportunity, note, close_date="2027-09-30")
    assert _meeting(_advise(advisor, far), lang).level == "before_scoping"


# a newcomer mentioned by one contact, whom another (met) contact reaches: (lang, the note naming the newcomer)
NEWCOMER = [
    ("en", "Site visit went well. Tom says the new head of maintenance, Rita Okafor, has not met any of us yet."),
    ("en", "Tom mentioned that Rita Okafor was appointed maintenance manager last month and reviews all service "
           "contracts."),
    ("en", "Good inspection. According to Tom, Rita Okafor joined as head of engineering and wants to meet suppliers."),
    ("zh", "巡检顺利。小陈说新来的设备部长赵丽还没见过我们。"),
    ("zh", "小陈提到赵丽刚上任设备部长,要重新看所有维保合同。"),
    ("zh", "检查合格。小陈说集团新调来的赵丽部长想认识各家供应商。"),
]


def _newcomer(lang: str, note: str, *, reached: bool) -> dict:
    """A customer weighing a service extension: the site engineer (met) mentions a newcomer; the deputy GM (met,
    decider) reaches them when ``reached``."""
    en = lang == "en"
    engineer, deputy, new = ("Tom Reilly", "Grace Huang", "Rita Okafor") if en else ("小陈", "周副总", "赵丽")
    return {
        "name": "Harbourside Cold Rolling Ltd" if en else "临港冷轧有限公司",
        "stage": "maintain", "customer_type": "end_customer", "buying_pattern": "subscription", "ownership": "private",
        "relationship": {"level": "partner", "target": "strategic", "cycle_stage": "trust"},
        "sales": {"last_12m": 2400000, "prior_12m": 2350000, "last_order": "2026-11-01"},
        "contacts": [
            {"name": engineer, "title": "Site engineer" if en else "现场工程师", "roles": ["user", "expert"],
             "met": True, "satisfied": True, "reliability": 4},
            {"name": deputy, "title": "Deputy GM" if en else "副总经理", "roles": ["decider"], "senior": True,
             "met": True, "satisfied": True, "reliability": 5, "reaches": [new] if reached else []},
            {"name": new, "title": "Head of maintenance" if en else "设备部长", "roles": ["expert", "influencer"],
             "met": False},
        ],
        "visits": [
            {"date": "2026-09-15", "contact": deputy, "outcome": "positive",
             "note": "Annual review; all fine." if en else "年度回顾,一切正常。"},
            {"date": "2026-11-16", "contact": engineer, "outcome": "positive", "note": note},
        ],
        "opportunities": [{"name": "Service extension to line 2" if en else "二号线维保扩展", "stage": "needs",
                           "quoted": False}],
    }


@pytest.mark.parametrize("lang,note", NEWCOMER)
def test_a_newcomer_is_introduced_by_the_contact_who_reaches_them(advisor, lang, note):
    deputy, new = ("Grace Huang", "Rita Okafor") if lang == "en" else ("周副总", "赵丽")
    actions = _advise(advisor, _newcomer(lang, note, reached=True))
    meet = next(a for a in actions if a.rule == "core.situations.meet-the-newcomer")
    assert meet.contact == deputy and new in meet.what[lang] and deputy in meet.what[lang], (meet.contact, meet.what)
    assert actions[0] is meet, [(a.rule, a.contact) for a in actions[:3]]


@pytest.mark.parametrize("lang,note", NEWCOMER)
def test_with_nobody_reaching_the_newcomer_whoever_mentioned_them_introduces(advisor, lang, note):
    engineer = "Tom Reilly" if lang == "en" else "小陈"
    actions = _advise(advisor, _newcomer(lang, note, reached=False))
    meet = next(a for a in actions if a.rule == "core.situations.meet-the-newcomer")
    assert meet.contact == engineer, (meet.contact, meet.what)


# a prospect's live objection about the substance of the sale — the need, the timing, the proof — said by the engineer
# we deal with, while the plant director who decides has never been met: (lang, objection)
SUBSTANCE = [
    ("en", "You have not even asked how many shifts we run — how can you size anything for us?"),
    ("en", "Not before the spring audit, we do not know next year's volumes yet."),
    ("en", "Show me one plant like ours running your pumps, with the downtime figures, not adjectives."),
    ("zh", "你们连我们几班倒都没问,怎么就定型号了?"),
    ("zh", "等明年春天审计完再说,现在量还定不下来。"),
    ("zh", "有没有跟我们一样的厂在用?拿停机数字来,别光说好。"),
]
# … and objections that point to the decider themselves: the money, who signs, "leave it with me"
PATH = [
    ("en", "Your price is 15% above what we pay today."),
    ("en", "I cannot decide this, the plant director signs anything like it."),
    ("en", "Leave it with me, I will come back to you when I can."),
    ("zh", "你们比现在用的贵了15%。"),
    ("zh", "这个我定不了,要厂长签字。"),
    ("zh", "先放着吧,有消息我再找你。"),
]


def _prospect(lang: str, objection: str, *, bought: bool = False, answered: bool = False) -> dict:
    """A prospect at the needs step: its process engineer met twice, its plant director (who decides) never met; the
    engineer's objection ten days old. ``bought``: a customer that has bought from us for years instead."""
    en = lang == "en"
    engineer, director = ("Priya Raman", "Karl Lindqvist") if en else ("技术科孙工", "厂长郑国平")
    data = {
        "name": "Nordvik Paper Mill AB" if en else "华东纸业股份有限公司",
        "stage": "needs", "customer_type": "end_customer", "buying_pattern": "project", "ownership": "private",
        "relationship": {"level": "ordinary", "target": "preferred", "cycle_stage": "acquaintance"},
        "contacts": [
            {"name": engineer, "title": "Process engineer" if en else "工艺工程师", "roles": ["expert", "user"],
             "met": True, "reliability": 3},
            {"name": director, "title": "Plant director" if en else "厂长", "roles": ["decider"], "senior": True,
             "met": False},
        ],
        "visits": [
            {"date": "2026-10-20", "contact": engineer, "outcome": "neutral",
             "note": "First visit, plant tour." if en else "首次拜访,参观车间。"},
            {"date": "2026-11-13", "contact": engineer, "outcome": "neutral",
             "note": "Went through the pump line-up." if en else "介绍了泵的产品线。"},
        ],
        "objections": [{"contact": engineer, "text": objection, "date": "2026-11-13", "answered": answered}],
        "opportunities": [{"name": "Stock-prep pumps" if en else "制浆段泵组更换", "amount": 380000, "stage": "needs",
                           "quoted": False}],
    }
    if bought:
        data["stage"] = "maintain"
        data["sales"] = {"last_12m": 900000, "prior_12m": 850000, "last_order": "2026-10-30"}
        data["relationship"] = {"level": "preferred", "target": "partner", "cycle_stage": "trust"}
    return data


def _decider_meeting(actions, lang: str):
    director = "Karl Lindqvist" if lang == "en" else "厂长郑国平"
    return next(a for a in actions if a.rule == "core.roles.meet-decider" and a.contact == director)


def _answer(actions):
    return next(a for a in actions if a.intent and a.intent.startswith("answer objection"))


@pytest.mark.parametrize("lang,objection", SUBSTANCE)
def test_at_a_prospect_the_contacts_live_objection_is_answered_before_going_over_their_head(advisor, lang, objection):
    actions = _advise(advisor, _prospect(lang, objection))
    meet, answer = _decider_meeting(actions, lang), _answer(actions)
    assert meet.level == "earn_first" and meet.serves == "unblock", (meet.level, meet.serves)
    assert answer.rank < meet.rank, [(a.rule, a.level) for a in actions[:5]]
    # the trace says why the step before it outranks the meeting
    before = actions[meet.rank - 2]
    if before.level != meet.level:
        assert "head" in before.above_next["en"] and "越过对接人" in before.above_next["zh"], before.above_next


@pytest.mark.parametrize("lang,objection", SUBSTANCE[:1] + SUBSTANCE[4:5])
def test_a_customer_who_buys_or_an_answered_objection_keeps_the_decider_a_blocker(advisor, lang, objection):
    for data in (_prospect(lang, objection, bought=True), _prospect(lang, objection, answered=True)):
        assert _decider_meeting(_advise(advisor, data), lang).level == "unblock"


@pytest.mark.parametrize("lang,objection", PATH)
def test_an_objection_that_points_to_the_decider_keeps_the_meeting_a_blocker(advisor, lang, objection):
    assert _decider_meeting(_advise(advisor, _prospect(lang, objection)), lang).level == "unblock"


# a proposal asked for by someone who does not own the need — a coordinator, a buyer — while the decider, who is also the
# one who knows what it must do, has never been met: (lang, the visit's note)
SECOND_HAND = [
    ("en", "Coordinator wants 120 tablets for the drivers, 'just send me your best price'. The ops director was away."),
    ("en", "Buyer forwarded a one-line spec (10-inch, LTE) and asked for a proposal by Friday."),
    ("en", "Met the office manager: they need tablets for the whole fleet, she will pass our offer upstairs."),
    ("zh", "行政小刘说要120台平板给司机用,'你先报个最低价'。运营总监出差了。"),
    ("zh", "采购转来一句话的规格(10寸、带4G),让周五前出方案。"),
    ("zh", "见了办公室主任:全车队都要换平板,她说会把我们的方案转给领导。"),
]


def _second_hand(lang: str, note: str, **change) -> dict:
    """A small customer (one order last year) whose fleet project is marked propose, unquoted; the coordinator met,
    the operations director — decider and expert — never met."""
    en = lang == "en"
    coordinator, director = ("Nadia Qureshi", "Omar Haddad") if en else ("行政小刘", "运营总监马骏")
    data = {
        "name": "Gulfline Haulage LLC" if en else "海联物流有限公司",
        "stage": "propose", "customer_type": "end_customer", "buying_pattern": "project", "ownership": "private",
        "sales": {"last_12m": 0, "prior_12m": 9000, "last_order": "2025-09-10"},
        "contacts": [
            {"name": coordinator, "title": "Office coordinator" if en else "行政专员",
             "roles": ["initiator", "gatekeeper", "user"], "met": True},
            {"name": director, "title": "Operations director" if en else "运营总监", "roles": ["decider", "expert"],
             "senior": True, "met": False},
        ],
        "visits": [{"date": "2026-11-16", "contact": coordinator, "outcome": "positive", "note": note}],
        "opportunities": [{"name": "Driver tablets" if en else "司机平板", "amount": 60000, "stage": "propose",
                           "quoted": False}],
    }
    for key, value in change.items():
        if key == "quoted":
            data["opportunities"][0]["quoted"] = value
        elif key == "director_met":
            data["contacts"][1]["met"] = value
        elif key == "expert_met":
            data["contacts"][0]["roles"] = ["initiator", "expert", "user"]
    return data


def _step(advisor, data):
    got = advisor.advise(Account.model_validate(data), AS_OF, packs=["core"])
    opp = next(f for f in got.facts if f["kind"] == "opportunity")
    return opp["step"], opp["step_basis"], got.actions


@pytest.mark.parametrize("lang,note", SECOND_HAND)
def test_a_proposal_nobody_who_owns_the_need_has_asked_for_is_at_the_needs_step(advisor, lang, note):
    step, basis, actions = _step(advisor, _second_hand(lang, note))
    assert (step, basis) == ("needs", "needs_owner_not_met")
    first = actions[0]
    assert first.rule == "core.steps.needs-before-proposal", [(a.rule, a.level) for a in actions[:4]]


@pytest.mark.parametrize("lang,note", SECOND_HAND[:1] + SECOND_HAND[3:4])
@pytest.mark.parametrize("change", [{"quoted": True}, {"director_met": True}, {"expert_met": True}])
def test_a_quote_out_or_the_needs_owner_met_keeps_the_proposal_step(advisor, lang, note, change):
    step, basis, _ = _step(advisor, _second_hand(lang, note, **change))
    assert step == "propose" and basis != "needs_owner_not_met", (step, basis)
