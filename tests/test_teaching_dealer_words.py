"""A dealer's teachings told in its own words (issue 23, session 11; seed 004 · 王强案例).

Three readings failed on dealer accounts nobody here wrote: an exclusivity demand told as "stop supplying the others"
was not read as one, and a demand that was read ranked below a plan gap or a lost bid's post-mortem although it is the
condition the dealer puts on its business now; a buyer asking for "a factory like ours that uses it" was not read as
asking for a peer; and a rival named in a threat ("再不给到位,我们就找华屏做了") was read as business already gone, so an
apology for a long-closed complaint led the list. Accounts in wording of our own, built in memory.
"""
from __future__ import annotations

import pytest

from advisor.accounts.account import Account
from advisor.accounts.exclusivity import _cut_off

from .conftest import AS_OF

CUT_OFF = [
    "Fine, we'll push your boards — but stop supplying the other two shops in Harrogate.",
    "If we carry the range, you don't sell to anyone else in the valley.",
    "Cut off supplying the other stockists in town and you have a deal.",
    "要我们主推可以,但县城里其他几家你们都别给货了。",
    "你们把别家的货断掉,我就全力推你们。",
    "其余的批发商不要再供货了,不然价格又乱。",
    "市區其他門市你們都別再出貨了。",
    "斷掉別家的貨,我哋先至幫你推。",
    "其他幾家批發不准再給貨。",
]


@pytest.mark.parametrize("text", CUT_OFF)
def test_stopping_the_others_supply_is_a_demand_for_exclusivity(text):
    assert _cut_off(text)


@pytest.mark.parametrize("text", [
    "We don't sell to other brands' dealers anyway.",   # what they do, no demand of us
    "The other shops get their stock from the same wholesaler.",
    "别家给的价更低。",
    "其他的我不要了,只要这款。",
    "他们停了其他供应商的合作。",
    "其他門市生意都不錯。",
])
def test_no_demand_in_words_of_the_others(text):
    assert _cut_off(text) is None


def _dealer(lang: str, demand: str) -> dict:
    """A dealer of ours for two years, growing below its market, who puts a territory condition on its next order."""
    base = {
        "customer_type": "dealer", "stage": "maintain", "ownership": "private",
        "sales": {"periods": [{"period": "2025-H1", "amount": 52000}, {"period": "2025-H2", "amount": 60000},
                              {"period": "2026-H1", "amount": 61000}], "last_order": "2026-10-28"},
        "plan": {"growth": 0.08, "industry_growth": 0.15},
        "opportunities": [],
    }
    if lang == "zh":
        base.update({
            "name": "城东五金批发部",
            "contacts": [{"name": "邓老板", "roles": ["decider", "purchaser"], "is_boss": True, "met": True}],
            "visits": [{"date": "2026-11-16", "contact": "邓老板", "minutes": 40, "outcome": "neutral",
                        "note": "谈明年备货。"}],
            "objections": [{"contact": "邓老板", "date": "2026-11-16", "text": demand}],
        })
    else:
        base.update({
            "name": "Dales Outdoor Supply",
            "contacts": [{"name": "Gareth Lowe", "roles": ["decider", "purchaser"], "is_boss": True, "met": True}],
            "visits": [{"date": "2026-11-16", "contact": "Gareth Lowe", "minutes": 40, "outcome": "neutral",
                        "note": "Next season's stock plan."}],
            "objections": [{"contact": "Gareth Lowe", "date": "2026-11-16", "text": demand}],
        })
    return base


DEMANDS = [
    ("en", "Fine, we'll push your boards — but stop supplying the other two shops in Harrogate, they undercut us."),
    ("en", "We want to be the only stockist for the Dales or we take on the other brand."),
    ("en", "Give us the whole county exclusive and we'll double the pre-order."),
    ("zh", "要我们主推可以,但县城里其他几家你们都别给货了,不然价格全乱。"),
    ("zh", "全县独家给我们,我就把别的牌子撤下来。"),
    ("zh", "全區獨家代理給我們,我就把別的牌子撤下來。"),
]


@pytest.mark.parametrize("lang, demand", DEMANDS)
def test_a_dealers_exclusivity_demand_ranks_with_the_accounts_problems(advisor, lang, demand):
    advice = advisor.advise(Account.model_validate(_dealer(lang, demand)), as_of=AS_OF)
    rules = [a.rule for a in advice.actions]
    assert rules[0] == "core.objection.exclusivity-territory"
    # the plan gap is still there, below it
    assert "core.keep.plan-vs-industry" in rules[1:]
    top = advice.actions[0]
    assert top.serves == "unblock" and top.level == "fix_problem"


def _threat(lang: str, text: str) -> dict:
    data = _dealer(lang, text)
    data.pop("plan")
    who = data["contacts"][0]["name"]
    data["competitors"] = [{"name": "Northvale" if lang == "en" else "华屏"}]
    data["complaints"] = [{"what": "rebate paid two months late" if lang == "en" else "返点晚到两个月",
                           "date": "2026-03-02", "contact": who, "status": "closed", "severity": "low"}]
    return data


@pytest.mark.parametrize("lang, text", [
    # read by the reader as a switch (a rival named with a completed 做了), yet only threatened: the guard's cases
    ("zh", "你们返点去年拖了两个月,这次项目价再不给到位,我们就找华屏做了。"),
    ("zh", "要是返点还拖,这批工程就找华屏做了。"),
    ("zh", "返點再拖兩個月,我們就找華屏做了。"),
    # English threats the reader does not take for a move at all: they stay silent too
    ("en", "Your rebate was two months late last year; get the project price right this time or we go to Northvale."),
    ("en", "Late rebates again and we take the job to Northvale, simple as that."),
    ("en", "If the rebate slips again, Northvale gets the hotel job."),
])
def test_a_rival_named_in_a_threat_is_no_business_gone(advisor, lang, text):
    advice = advisor.advise(Account.model_validate(_threat(lang, text)), as_of=AS_OF)
    assert "core.switching.left-over-a-complaint" not in [a.rule for a in advice.actions]


def _prospect(lang: str, text: str) -> dict:
    if lang == "zh":
        return {"name": "南岭织造厂", "stage": "needs", "customer_type": "end_customer",
                "contacts": [{"name": "彭经理", "roles": ["purchaser"], "met": True}],
                "objections": [{"contact": "彭经理", "date": "2026-11-18", "text": text}],
                "opportunities": [{"name": "年度供应", "amount": 900000, "stage": "needs", "quoted": False}]}
    return {"name": "Tamar Mills", "stage": "needs", "customer_type": "end_customer",
            "contacts": [{"name": "Ruth Penrose", "roles": ["purchaser"], "met": True}],
            "objections": [{"contact": "Ruth Penrose", "date": "2026-11-18", "text": text}],
            "opportunities": [{"name": "Annual supply", "amount": 300000, "stage": "needs", "quoted": False}]}


@pytest.mark.parametrize("lang, text, asked", [
    ("en", "Is anyone our size actually running your line yet?", True),
    ("en", "Has any shop our size tried it, and what did it save?", True),
    ("en", "Which plant in our trade has installed it?", True),
    ("zh", "有没有跟我们一样做针织的厂在用?断线率多少?", True),
    ("zh", "和我们差不多规模的谁家上了你们的设备?", True),
    ("zh", "有沒有跟我們一樣做機能布的廠用過?講數字。", True),
    ("en", "We want the same terms as last year.", False),
    ("en", "Our size is about two hundred looms, and we used the old spindles for years.", False),
    ("zh", "规模和我们差不多。", False),         # a likeness, no use or result asked
    ("zh", "我们用过你们的样品,手感还行。", False),  # a use, no likeness
])
def test_a_peer_asked_for_in_words_of_its_own(advisor, lang, text, asked):
    advice = advisor.advise(Account.model_validate(_prospect(lang, text)), as_of=AS_OF)
    got = next(f for f in advice.facts if f.get("kind") == "objection")
    assert got["asks_for_reference"] is asked
