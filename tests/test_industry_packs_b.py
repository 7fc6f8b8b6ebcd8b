"""Industry packs (issue 5, part b): each pack's fixture gets that pack's advice on top.

For every pack: advising the pack's fixture with the default packs (core + the account's
``industry:``) puts the pack's own rules at the top of the list; advising the same account with
core alone gives visibly more generic advice. banking-counter's KYC rules and
power-supply-critical's outage rule hold back every other action through the general suppression
mechanism.
"""
from __future__ import annotations

import pytest

from advisor import load_account
from advisor.accounts.account import Account

from .conftest import AS_OF, FIXTURES

ACCOUNTS = FIXTURES / "accounts"

# pack → its fixtures
FIXTURES_BY_PACK = {
    "mobile-accessory-distribution": ["mobile-accessory-distribution-capdase-dealer.yaml"],
    "banking-counter": ["banking-counter-doubtful-id.yaml", "banking-counter-corporate-change.yaml"],
    "logistics": ["logistics-pharma-integrated.yaml"],
    "sporting-goods": ["sporting-goods-lapsed-club.yaml", "sporting-goods-cross-sell-dealer.yaml"],
    "power-supply-critical": ["power-supply-critical-outage.yaml", "power-supply-critical-inspection.yaml"],
    "leisure-services": ["leisure-services-ktv-student-union.yaml"],
}
CASES = [(pack, name) for pack, names in FIXTURES_BY_PACK.items() for name in names]
IDS = [name.removesuffix(".yaml") for _, name in CASES]


def _key(action):
    return (action.rule, action.pack, action.contact or action.role_label or "")


@pytest.mark.parametrize("pack,fixture", CASES, ids=IDS)
def test_fixture_selects_its_industry_pack(advisor, pack, fixture):
    account = load_account(ACCOUNTS / fixture)
    assert account.industry == pack
    advice = advisor.advise(account, as_of=AS_OF)
    assert [name for name, _ in advice.packs] == ["core", pack]
    assert advice.errors == []


@pytest.mark.parametrize("pack,fixture", CASES, ids=IDS)
def test_industry_rules_lead_the_advice(advisor, pack, fixture):
    advice = advisor.advise(load_account(ACCOUNTS / fixture), as_of=AS_OF)
    top = advice.actions[:5]
    ours = [a for a in top if a.pack == pack]
    mine_all = [a for a in advice.actions if a.pack == pack]
    # a promise that is due comes first (issue 10); the first new idea is the pack's own
    lead = next(a for a in top if not (a.promise and a.due_offset <= 2))
    assert lead.pack == pack, [(a.rule, a.score) for a in top]
    assert len(ours) >= min(2, len(mine_all)), [(a.rule, a.pack, a.score) for a in top]
    # every applicable high-priority industry action makes the top five (the score without its serves
    # level, issue 22: that level orders the list, the rest says how pressing the action is)
    urgent = {_key(a) for a in mine_all if a.score - a.score_parts.get("serves", 0) >= 100}
    assert urgent <= {_key(a) for a in top}, [(a.rule, a.score) for a in advice.actions]


@pytest.mark.parametrize("pack,fixture", CASES, ids=IDS)
def test_core_alone_is_more_generic(advisor, pack, fixture):
    account = load_account(ACCOUNTS / fixture)
    industry = advisor.advise(account, as_of=AS_OF)
    generic = advisor.advise(account, as_of=AS_OF, packs=["core"])
    assert [name for name, _ in generic.packs] == ["core"]
    assert not [a for a in generic.actions if a.pack == pack]
    assert not [key for key in generic.fired if key[0].startswith(pack + ".")]
    assert [_key(a) for a in industry.actions[:5]] != [_key(a) for a in generic.actions[:5]]
    # the industry advice speaks of the industry; core's top five does not
    assert sum(a.pack == pack for a in industry.actions[:5]) > sum(a.pack == pack for a in generic.actions[:5])


# --- banking-counter: KYC blocks everything else -------------------------------------------
@pytest.mark.parametrize("fixture,blocker", [
    ("banking-counter-doubtful-id.yaml", "banking-counter.kyc.hold-until-identity-verified"),
    ("banking-counter-corporate-change.yaml", "banking-counter.kyc.hold-corporate-change"),
])
def test_kyc_suppresses_every_non_kyc_action(advisor, fixture, blocker):
    account = load_account(ACCOUNTS / fixture)
    advice = advisor.advise(account, as_of=AS_OF)
    generic = advisor.advise(account, as_of=AS_OF, packs=["core"])
    assert advice.actions, "the KYC actions themselves remain"
    assert all("kyc" in a.tags for a in advice.actions), [a.rule for a in advice.actions]
    suppressed = {(s.rule, s.contact) for s in advice.suppressed}
    # everything core would have advised is held back, each with the reason and the rule that held it
    assert {(a.rule, a.contact) for a in generic.actions} <= suppressed
    for s in advice.suppressed:
        assert s.by_rule == blocker
        assert s.reason["en"] and s.reason["zh"]
        assert account.name in s.reason["zh"]


def test_doubtful_id_reason_names_kyc(advisor):
    advice = advisor.advise(load_account(ACCOUNTS / "banking-counter-doubtful-id.yaml"), as_of=AS_OF)
    assert advice.actions[0].rule == "banking-counter.kyc.require-genuine-documents"
    reasons = {s.reason["en"] for s in advice.suppressed}
    assert len(reasons) == 1 and "know your customer" in reasons.pop()
    assert {"core.roles.frame-customer-order", "core.roles.map-buying-centre"} <= {s.rule for s in advice.suppressed}


def test_kyc_block_lifts_once_identity_is_verified(advisor):
    data = load_account(ACCOUNTS / "banking-counter-doubtful-id.yaml").model_dump()
    data["facts"] = {"id_document_doubtful": True, "genuine_documents_verified": True, "customer_educated": True}
    advice = advisor.advise(Account.model_validate(data), as_of=AS_OF)
    assert advice.suppressed == []
    assert any(a.pack == "core" for a in advice.actions[:5])


# --- power-supply-critical: the outage holds back routine work; dormant win-back is disabled --
def test_outage_holds_back_routine_and_sales_work(advisor):
    advice = advisor.advise(load_account(ACCOUNTS / "power-supply-critical-outage.yaml"), as_of=AS_OF)
    assert all("outage" in a.tags for a in advice.actions)
    held = {s.rule for s in advice.suppressed}
    assert "power-supply-critical.prevent.preventive-tests" in held
    assert {s.by_rule for s in advice.suppressed} == {"power-supply-critical.fault.outage-first"}


def test_power_customer_is_never_won_back_like_a_lapsed_buyer(advisor):
    account = Account.model_validate({
        "name": "某数据中心", "industry": "power-supply-critical", "stage": "maintain",
        "sales": {"last_12m": 1000000, "prior_12m": 4000000, "last_order": "2026-11-01"},
        "facts": {"preventive_tests_current": True, "dc_system_checked": True},
    })
    rules = {k[0] for k in advisor.advise(account, as_of=AS_OF).fired}
    core_rules = {k[0] for k in advisor.advise(account, as_of=AS_OF, packs=["core"]).fired}
    assert "core.category.dormant-win-back" in core_rules
    assert "core.category.dormant-win-back" not in rules
    packset = advisor.packset(account)
    assert packset.disabled["core.category.dormant-win-back"][0] == "power-supply-critical"


# --- overrides ---------------------------------------------------------------------------------
@pytest.mark.parametrize("fixture,rule,pack", [
    ("sporting-goods-lapsed-club.yaml", "core.category.dormant-win-back", "sporting-goods"),
    ("leisure-services-ktv-student-union.yaml", "core.category.loyal-service", "leisure-services"),
])
def test_industry_override_replaces_the_core_rule(advisor, fixture, rule, pack):
    account = load_account(ACCOUNTS / fixture)
    ours = [a for a in advisor.advise(account, as_of=AS_OF).actions if a.rule == rule]
    core = [a for a in advisor.advise(account, as_of=AS_OF, packs=["core"]).actions if a.rule == rule]
    assert len(ours) == 1 and ours[0].pack == pack
    assert len(core) == 1 and core[0].pack == "core"
    assert ours[0].what["en"] != core[0].what["en"]
    assert ours[0].score > core[0].score
    assert advisor.packset(account).overridden[rule][0] == pack
