"""Session 14 (issue 22): a role gap is a blocker only on the path to a decision the people we know cannot carry. At a
customer we serve (in maintenance, buying from us) whose decider we have met and still see, a new need is grown with
those people — they bring the one who started it in — so meeting that unmet initiator, going higher or widening the
thread ranks after the opportunity's own work, as relationship work (tag ``widening``, tag_levels ``carried_only``;
evaluation/outcomes.decision_carried). Where the decider is unmet or gone cold, where the account is in a sale, where a
price is already out, or where it has never bought, the role gap keeps its unblock level. Accounts written here, in
trades none of the seen sets use."""
from __future__ import annotations

import copy

import pytest

from advisor.accounts.account import Account
from advisor.evaluation.outcomes import decision_carried

from .conftest import AS_OF

INITIATOR = "core.roles.meet-the-initiator-before-the-requirement"


def _customer(name, decider, initiator, need, *, others=(), pattern="repeat"):
    """A customer in maintenance buying from us for years; ``decider`` (name, title) met on a visit last week;
    ``initiator`` (name, title) never met; ``need`` the open opportunity, at needs, no price out."""
    return {
        "name": name, "stage": "maintain", "ownership": "private", "customer_type": "end_customer",
        "buying_pattern": pattern,
        "sales": {"last_12m": 820_000, "prior_12m": 790_000, "last_order": "2026-10-28"},
        "contacts": [{"name": decider[0], "title": decider[1], "roles": ["decider"], "met": True, "reliability": 4},
                     {"name": initiator[0], "title": initiator[1], "roles": ["initiator", "influencer"], "met": False},
                     *others],
        "visits": [{"date": "2026-11-16", "contact": decider[0], "outcome": "positive", "note": need[1]}],
        "opportunities": [{"name": need[0], "amount": 260_000, "stage": "needs", "close_date": "2027-05-31"}],
    }


CARRIED = [
    # a steel service centre's customer: a trailer builder's new line, its quality head new and unmet
    ("en", _customer("Harlow Trailers Ltd", ("Dan Mercer", "Operations Director"), ("Ruth Okafor", "Head of Quality"),
                     ("Laser-cut blanks for the new curtain-sider line", "Dan wants blanks for the new line; Ruth is "
                      "drawing up what the parts must pass."))),
    # a payroll software subscriber opening an office abroad: the sales-ops head who asked for it never met
    ("en", _customer("Quayside Insurance Brokers", ("Mark Ellery", "Finance Director"), ("Sofia Brandt",
                     "Head of Sales Operations"), ("40 more seats for the Hamburg office", "Mark confirmed Hamburg opens "
                     "in spring; Sofia raised the need for the extra seats."), pattern="subscription")),
    # a hotel group's laundry contract, a new spa wing whose manager writes the linen list
    ("en", _customer("Lakeshore Resorts", ("Ines Duarte", "General Manager"), ("Tom Weir", "Spa Manager"),
                     ("Spa wing linen and robes", "Ines said the spa wing opens in June; Tom is putting the list "
                      "together."), pattern="subscription")),
    # 机床厂:新产线的刀具,新来的工艺科长在定要求
    ("zh", _customer("常州精工机床有限公司", ("周总", "生产副总"), ("许科长", "工艺科科长(新到任)"),
                     ("新产线刀具配套", "周总说新产线年后投产,刀具要求由许科长在定。"))),
    # 连锁超市:新开三家门店的冷柜,门店运营经理提的需求
    ("zh", _customer("惠家连锁超市", ("钱老板", "董事长"), ("孙经理", "门店运营经理"),
                     ("三家新店冷柜", "钱老板说春节后新开三家店,冷柜需求是孙经理提的。"))),
    # 民营医院:新院区的耗材,设备科主任起草清单
    ("zh", _customer("仁和医院", ("李院长", "院长"), ("赵主任", "设备科主任"),
                     ("新院区耗材配套", "李院长确认新院区明年启用,耗材清单由赵主任起草。"), pattern="subscription")),
]


def _advise(advisor, data):
    return advisor.advise(Account.model_validate(data), as_of=AS_OF, packs=["core"])


def _initiator(advice):
    got = [a for a in advice.actions if a.rule == INITIATOR]
    assert len(got) == 1, [(a.rule, a.contact, a.level) for a in advice.actions]
    return got[0]


@pytest.mark.parametrize("lang,data", CARRIED, ids=[d["name"] for _, d in CARRIED])
def test_a_new_need_at_a_served_customer_is_grown_with_the_decider_we_know(advisor, lang, data):
    advice = _advise(advisor, data)
    meet = _initiator(advice)
    assert (meet.level, meet.serves) == ("widen_known", "develop_relationship")
    assert advice.actions[0].serves == "pursue_opportunity"
    above = advice.actions[advice.actions.index(meet) - 1]
    assert above.serves == "pursue_opportunity"
    # the trace says why: the opportunity before the widening, in the widening's own words
    assert "widens the relationship beyond the met decider" in above.above_next["en"]
    assert "在已见过的决策人之外拓宽关系" in above.above_next["zh"]


def _gone_cold(data):
    data["visits"][0]["date"] = "2025-06-02"  # one visit, seventeen months ago
    return data


def _in_a_sale(data):
    data["stage"] = "needs"
    return data


def _priced(data):
    data["opportunities"][0]["quoted"] = True
    return data


def _never_bought(data):
    del data["sales"]
    return data


def _decider_unmet(data):
    data["contacts"][0]["met"] = False
    data["visits"][0]["contact"] = data["contacts"][1]["name"]
    data["contacts"][1]["met"] = True
    data["contacts"].append({"name": "Unmet Starter", "title": "Planner", "roles": ["initiator"], "met": False})
    return data


@pytest.mark.parametrize("change", [_gone_cold, _in_a_sale, _priced, _never_bought],
                         ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("lang,data", [CARRIED[0], CARRIED[3], CARRIED[4]], ids=["en", "zh", "zh-chain"])
def test_the_role_gap_stays_a_blocker_where_the_people_we_know_do_not_carry_it(advisor, lang, data, change):
    advice = _advise(advisor, change(copy.deepcopy(data)))
    assert _initiator(advice).level == "unblock"


def test_what_the_people_we_know_carry_is_read_from_the_record():
    account = {"kind": "account", "stage": "maintain", "has_sales_history": True, "open_opportunity_count": 1,
               "open_tender_count": 0}
    decider = {"kind": "contact", "roles": ["decider"], "met": True, "days_since_last_visit": 20}
    need = {"kind": "opportunity", "stage": "needs"}
    assert decision_carried(account, [account, decider, need])
    # a decider seen long ago has gone cold — unless the account's own rhythm makes the gap usual (a yearly visit)
    cold = dict(decider, days_since_last_visit=400)
    assert not decision_carried(account, [account, cold, need])
    assert decision_carried(account, [account, dict(cold, account_visit_gap_ratio=1.1), need])
    # met but never visited on record: nothing says the tie went cold
    assert decision_carried(account, [account, dict(decider, days_since_last_visit=None), need])
    # a decider who left carries nothing; nor does a decider never met
    assert not decision_carried(account, [account, dict(decider, departed=True), need])
    assert not decision_carried(account, [account, dict(decider, met=False), need])
    # a proposal out, a tender open, nothing open at all: not this state
    assert not decision_carried(account, [account, decider, dict(need, stage="propose")])
    assert not decision_carried(dict(account, open_tender_count=1), [account, decider, need])
    assert not decision_carried(dict(account, open_opportunity_count=0), [account, decider])
    # a won opportunity is not an open one
    assert decision_carried(account, [account, decider, need, {"kind": "opportunity", "stage": "close", "won": True}])


def test_the_carried_only_lift_is_pack_data_and_holds_only_where_the_decision_is_carried():
    from advisor.evaluation import rank
    from advisor.language.pack import load_packs

    from .conftest import RULES

    packset = load_packs(["core"], RULES)
    lift = packset.tag_levels["widening"]
    assert (lift.level, lift.serves, lift.carried_only, lift.idle_only) == ("widen_known", ["unblock"], True, False)
    p = rank.params(packset)
    for rule_id in (INITIATOR, "core.relationship.go-high", "core.relationship.single-threaded"):
        rule = next(r for r in packset.rules if r.id == rule_id)
        assert rank.tag_lift(rule, packset, p, carried=True) == "widen_known"
        assert rank.tag_lift(rule, packset, p, carried=False) is None
    # a decider never met is the decision path itself: meeting them is never widening
    decider = next(r for r in packset.rules if r.id == "core.roles.meet-decider")
    assert rank.tag_lift(decider, packset, p, carried=True) is None
