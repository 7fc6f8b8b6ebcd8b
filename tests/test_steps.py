"""The step each open deal has earned (issue 23; seed 001 · 争取销售权利: Prepare → Open → Needs → Propose →
Close; advisor/accounts/steps.py): the deal's own stage, lowered by what is not established."""
from __future__ import annotations

import pytest

from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.language.pack import load_packs

from .conftest import AS_OF, RULES

VOCABULARY = load_packs(["core"], RULES).fact_options()["vocabulary"]
MET = [{"name": "Ana", "roles": ["purchaser"], "met": True}, {"name": "Ben", "roles": ["decider"], "met": True}]


def _facts(data):
    facts = enrich(Account.model_validate({"name": "Acme", **data}), AS_OF, vocabulary=VOCABULARY)
    account = next(f for f in facts if f["kind"] == "account")
    return account, [f for f in facts if f["kind"] == "opportunity"]


@pytest.mark.parametrize("data,expected", [
    # the stage stands when nothing is against it
    ({"stage": "propose", "contacts": MET, "opportunities": [{"name": "X", "stage": "propose"}]},
     ("propose", "propose", "stage", False)),
    # the deal's own stage, not the account's: an account at maintain selling a deal at open
    ({"stage": "maintain", "contacts": MET, "opportunities": [{"name": "X", "stage": "open"}]},
     ("open", "open", "stage", False)),
    # a deal ahead of the step the rep gives the whole account is at the account's step
    ({"stage": "needs", "contacts": MET, "opportunities": [{"name": "X", "stage": "propose"}]},
     ("needs", "propose", "account_stage", True)),
    # a new deal with no stage at a customer who buys starts at needs
    ({"stage": "maintain", "contacts": MET, "sales": {"last_12m": 90000, "prior_12m": 80000},
      "opportunities": [{"name": "X"}]}, ("needs", "needs", "new_deal_at_customer", False)),
    # nobody met: at most open
    ({"stage": "propose", "contacts": [{"name": "Ben", "roles": ["decider"], "met": False}],
      "opportunities": [{"name": "X", "stage": "propose"}]}, ("open", "propose", "nobody_met", True)),
    # the needs ticked not confirmed: at most needs
    ({"stage": "close", "contacts": MET, "facts": {"needs_confirmed": False},
      "opportunities": [{"name": "X", "stage": "close"}]}, ("needs", "close", "needs_not_established", True)),
    # the notes say the needs were never asked (en, zh, zh_hant)
    ({"stage": "propose", "contacts": MET, "notes": "We have not yet asked the needs questions.",
      "opportunities": [{"name": "X", "stage": "propose"}]}, ("needs", "propose", "needs_not_established", True)),
    ({"stage": "propose", "contacts": MET, "notes": "钻孔米数这些需求数据还没系统问过。",
      "opportunities": [{"name": "X", "stage": "propose"}]}, ("needs", "propose", "needs_not_established", True)),
    ({"stage": "propose", "contacts": MET,
      "objections": [{"contact": "Ben", "text": "唔好一上來就報價,你哋唔明我哋嘅情況。"}],
      "opportunities": [{"name": "X", "stage": "propose"}]}, ("needs", "propose", "needs_not_established", True)),
    # at close with no decider met: propose
    ({"stage": "close", "contacts": MET[:1] + [{"name": "Ben", "roles": ["decider"], "met": False}],
      "opportunities": [{"name": "X", "stage": "close"}]}, ("propose", "close", "decider_not_met", True)),
])
def test_the_step_each_open_deal_has_earned(data, expected):
    account, (opp,) = _facts(data)
    assert (opp["step"], opp["step_stated"], opp["step_basis"], opp["step_behind"]) == expected
    assert account["deal_step"] == expected[0]


def test_the_rep_ticking_the_needs_confirmed_outweighs_words_and_a_won_deal_has_no_step():
    _, (open_deal, won) = _facts({"stage": "propose", "contacts": MET, "facts": {"needs_confirmed": True},
                                  "notes": "Needs not confirmed last month; settled since.",
                                  "opportunities": [{"name": "X", "stage": "propose"},
                                                    {"name": "Y", "stage": "close", "won": True}]})
    assert (open_deal["step"], open_deal["needs_open"]) == ("propose", False)
    assert "step" not in won


def test_the_step_is_worked_with_a_met_expert_or_user_else_the_latest_met():
    contacts = [{"name": "Boss", "roles": ["decider"], "met": True}, {"name": "Eng", "roles": ["expert"], "met": True},
                {"name": "Gone", "title": "CTO (left the company)", "roles": ["user"], "met": True}]
    visits = [{"date": "2026-11-20", "contact": "Boss"}, {"date": "2026-10-01", "contact": "Eng"}]
    _, (opp,) = _facts({"stage": "needs", "contacts": contacts, "visits": visits,
                        "opportunities": [{"name": "X", "stage": "needs"}]})
    assert opp["contact"] == "Eng"   # the expert knows the needs; the departed user is nobody to ask
    _, (opp,) = _facts({"stage": "needs", "contacts": contacts[:1], "opportunities": [{"name": "X", "stage": "needs"}]})
    assert opp["contact"] == "Boss"
    account, (opp,) = _facts({"stage": "open", "contacts": [{"name": "Boss", "roles": ["decider"]}],
                              "opportunities": [{"name": "X", "stage": "open"}]})
    assert "contact" not in opp and opp["step"] == "open"


def test_no_open_deal_no_deal_step():
    account, _ = _facts({"stage": "needs", "contacts": MET})
    assert "deal_step" not in account
