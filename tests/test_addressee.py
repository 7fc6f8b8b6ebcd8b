"""Who an action goes to (issue 22, session 4): a coach names the person. ``who: lead`` is the most senior
contact met on the buying path; a ``role:<r>`` action whose role nobody holds goes to that contact too and says
so as an assumption; with nobody met, the action names the account or the role as before."""
from __future__ import annotations

import pytest

from advisor.accounts.account import Account
from advisor.language.pack import Recommend

from .conftest import AS_OF

PLAN = {"stage": "maintain", "plan": {"growth": 0.05, "industry_growth": 0.22},
        "sales": {"last_12m": 1000000, "prior_12m": 1000000, "last_order": "2026-11-01"}}


def _advise(advisor, data: dict, packs=("core",)):
    return advisor.advise(Account.model_validate({"name": "Acme", **data}), AS_OF, packs=list(packs))


def _one(advice, rule: str):
    got = [a for a in advice.actions if a.rule == rule]
    assert len(got) == 1, [a.rule for a in advice.actions]
    return got[0]


def test_a_lead_action_goes_to_the_most_senior_contact_met_on_the_buying_path(advisor):
    contacts = [{"name": "小王", "roles": ["user"], "met": True},
                {"name": "李总", "roles": ["decider"], "senior": True, "met": False},  # not met: not the one to tell
                {"name": "张经理", "roles": ["purchaser"], "senior": True, "met": True},
                {"name": "Mia", "roles": ["marketing"], "senior": True, "met": True}]  # senior, but off the buying path
    plan = _one(_advise(advisor, {**PLAN, "contacts": contacts}), "core.keep.plan-vs-industry")
    assert plan.contact == "张经理" and plan.roles == ["purchaser"]
    assert "+5% is below the industry's +22%" in plan.what["en"] and "on file" not in plan.what["en"]


def test_the_boss_then_the_weightier_role_then_more_visits_decide_among_met_contacts(advisor):
    contacts = [{"name": "周经理", "roles": ["influencer"], "met": True},
                {"name": "陈工", "roles": ["expert"], "met": True}]
    assert _one(_advise(advisor, {**PLAN, "contacts": contacts}), "core.keep.plan-vs-industry").contact == "周经理"
    boss = contacts + [{"name": "老刘", "roles": ["purchaser"], "met": True, "is_boss": True}]
    assert _one(_advise(advisor, {**PLAN, "contacts": boss}), "core.keep.plan-vs-industry").contact == "老刘"


def test_a_lead_action_skips_who_left_and_names_the_account_when_nobody_is_met(advisor):
    gone = [{"name": "陈总", "title": "总经理(已离职)", "roles": ["decider"], "senior": True, "met": True},
            {"name": "小王", "roles": ["user"], "met": True}]
    assert _one(_advise(advisor, {**PLAN, "contacts": gone}), "core.keep.plan-vs-industry").contact == "小王"
    unmet = [{"name": "李总", "roles": ["decider"], "met": False}]
    plan = _one(_advise(advisor, {**PLAN, "contacts": unmet}), "core.keep.plan-vs-industry")
    assert plan.contact is None and plan.role_label is None


LOST = {"stage": "maintain",
        "deals": [{"name": "Tablets", "amount": 90000, "status": "lost", "competitor": "Softcat", "closed": "2026-11-10"}]}


def test_a_role_nobody_holds_goes_to_the_lead_contact_as_an_assumption(advisor):
    advice = _advise(advisor, {**LOST, "contacts": [{"name": "D. Ashworth", "roles": ["purchaser"], "met": True}]})
    learn_why = _one(advice, "core.lost.learn-why")
    assert (learn_why.contact, learn_why.role_label) == ("D. Ashworth", None)
    assert learn_why.what["en"].endswith("(No decider is on file: this goes to D. Ashworth, the most senior contact you "
                                        "have met — an assumption; change it once you know who the decider is.)")
    assert "档案中没有决策人:暂交给已见过的最高层联系人D. Ashworth" in learn_why.what["zh"]


def test_a_role_someone_holds_goes_to_them_with_no_assumption(advisor):
    contacts = [{"name": "D. Ashworth", "roles": ["purchaser"], "met": True},
                {"name": "Jo Hale", "roles": ["decider"], "met": False}]
    learn_why = _one(_advise(advisor, {**LOST, "contacts": contacts}), "core.lost.learn-why")
    assert learn_why.contact == "Jo Hale" and "on file" not in learn_why.what["en"]


def test_who_lead_is_a_known_value_and_a_wrong_one_is_named():
    assert Recommend(who="lead", what={"en": "a", "zh": "甲"}, why={"en": "b", "zh": "乙"}).who == "lead"
    with pytest.raises(ValueError, match=r"must be subject, account, lead, decider, latest, role:<role> or met:<role>"):
        Recommend(who="leader", what={"en": "a", "zh": "甲"}, why={"en": "b", "zh": "乙"})
    # session 15: met:<role>[,<role>…] names known roles only
    assert Recommend(who="met:purchaser,expert", what={"en": "a", "zh": "甲"}, why={"en": "b", "zh": "乙"}).who
    with pytest.raises(ValueError, match="met:<role>"):
        Recommend(who="met:purchaser,engineer", what={"en": "a", "zh": "甲"}, why={"en": "b", "zh": "乙"})


def test_an_action_handed_to_the_lead_weighs_as_the_account_not_as_that_persons_role(advisor):
    # the lead receives it; the action is about the account — a met decider as lead adds no decider weight to the
    # plan gap or to a role's action nobody holds (else a checklist map would climb above a first introduction)
    contacts = [{"name": "王总", "roles": ["decider"], "senior": True, "met": True}]
    advice = _advise(advisor, {**PLAN, "contacts": contacts})
    packset, _ = advisor.load(["core"])
    plan = _one(advice, "core.keep.plan-vs-industry")
    assert plan.contact == "王总" and plan.score_parts["role"] == packset.role_weight(None)
    assert packset.role_weight(["decider"]) > packset.role_weight(None)
    learn = _one(_advise(advisor, {**LOST, "contacts": [{"name": "D. Ashworth", "roles": ["purchaser"], "met": True}]}),
                 "core.lost.learn-why")
    assert learn.score_parts["role"] == packset.role_weight(None)
