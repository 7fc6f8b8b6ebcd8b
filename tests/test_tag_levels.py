"""The levels a rule's tag lifts it to are pack data (``tag_levels:`` in pack.yaml, session 6): an industry or a user's
pack adds a level — its own serves_<level> parameter and a tag — without editing rank.py; a tag naming a level no pack
defines fails at load, located, with the fix."""
from __future__ import annotations

import shutil

import pytest

from advisor import Advisor
from advisor.accounts.account import Account
from advisor.evaluation import rank
from advisor.files.errors import AdvisorError
from advisor.language.pack import load_packs

from .conftest import AS_OF, RULES
from .packkit import rule, write_pack

# a level between an open complaint (1500) and the account's other problems (1200): a dated window that closes
WINDOW = """\
extends: core
params:
  serves_closing_window:
    value: 1300
    description: "an opportunity whose dated window closes soon (test)"
tag_levels:
  closing-window:
    level: closing_window
    serves: [pursue_opportunity]
    words: {en: "takes a window that closes soon", zh: "抓住即将关闭的窗口"}
"""
ACCOUNT = {"name": "Acme", "stage": "maintain",
           "contacts": [{"name": "Li", "roles": ["decider"], "met": True}],
           "plan": {"growth": 0.05, "industry_growth": 0.18}}


def _pack(tmp_path, extra: str, tags: str = "[closing-window]", serves: str = "pursue_opportunity"):
    rules = tmp_path / "rules"
    shutil.copytree(RULES / "core", rules / "core")
    write_pack(rules, "window", "rules:\n" + rule("window.sign-before-the-lock", "all:\n  - {fact: account.stage, op: eq, "
                                                  "value: maintain}", tags=tags, serves=serves), extra=extra)
    return rules


def _advise(rules):
    return Advisor(rules).advise(Account.model_validate(ACCOUNT), AS_OF, packs=["core", "window"], trace=True)


def test_a_packs_own_tag_lifts_its_rule_to_its_own_level_above_the_accounts_problems(tmp_path):
    advice = _advise(_pack(tmp_path, WINDOW))
    ranked = [a.rule for a in advice.actions]
    assert ranked[0] == "window.sign-before-the-lock"
    first = advice.actions[0]
    assert first.level == "closing_window" and first.score_parts["serves"] == 1300
    assert first.above_next["en"].startswith("takes a window that closes soon before ")
    assert first.above_next["zh"].startswith("抓住即将关闭的窗口,先于")
    # the plan below the industry (fix_problem, 1200) follows it; without the tag the same rule ranks as an
    # opportunity, below that problem
    assert "core.keep.plan-vs-industry" in ranked[1:]
    plain = _advise(_pack(tmp_path / "plain", WINDOW, tags="[]"))
    order = [a.rule for a in plain.actions]
    assert order.index("core.keep.plan-vs-industry") < order.index("window.sign-before-the-lock")
    assert next(a for a in plain.actions if a.rule == "window.sign-before-the-lock").level == "pursue_opportunity"


def test_a_lift_applies_only_to_the_serves_it_names(tmp_path):
    advice = _advise(_pack(tmp_path, WINDOW, serves="develop_relationship"))
    action = next(a for a in advice.actions if a.rule == "window.sign-before-the-lock")
    assert action.level == "develop_relationship"


def test_the_core_lifts_are_pack_data():
    packset = load_packs(["core"], RULES)
    assert {t: (x.level, x.serves) for t, x in packset.tag_levels.items()} == {
        "money-at-risk": ("money_at_risk", ["fix_problem"]), "open-complaint": ("open_complaint", ["fix_problem"]),
        "window-closing": ("opportunity_window", ["pursue_opportunity"]),  # session 6: rules/core/openings.yaml
        "supplier-gate": ("supplier_gate", ["pursue_opportunity"]),  # session 7: core.openings.meet-the-deadline
        # session 7: a lift may lower, where nothing is open to decide (tests/test_rank_session7.py)
        "timing": ("develop_relationship", ["unblock"]),
        # session 8: a single thread with the others known, where nothing is open to decide (test_rank_session8.py)
        "single-thread-known": ("widen_known", ["unblock"]),
        # session 9: what the account's facts say must come first (tests/test_internal_step.py)
        "precondition": ("precondition", ["fix_problem"]),
        # session 9: the successor introduced while the outgoing contact is there (tests/test_succession.py)
        "succession": ("succession", ["develop_relationship"]),
        # session 10: a state buyer's supplier gate mapped with its path (tests/test_teachings_on_new_accounts.py)
        "state-gate": ("supplier_gate", ["unblock"]),
        # session 11: a dealer's exclusivity demand ranks with the account's problems (tests/test_teaching_dealer_words.py)
        "territory-demand": ("fix_problem", ["unblock"]),
        # session 12: a state buyer's path with a new gift ban, before a closing window; a peer's figures on the path
        # (tests/test_state_buying_path_and_peer_proof.py)
        "state-conduct": ("fix_problem", ["unblock"]), "state-window": ("opportunity_window", ["unblock"]),
        "peer-proof": ("unblock", ["pursue_opportunity"]),
        # session 14: a role gap where the met decider carries the open need widens (tests/test_carried_decision.py)
        "widening": ("widen_known", ["unblock"]),
        # session 15: the first meeting with the person a steady account names now (tests/test_steady_s15.py)
        "meeting": ("now_matters", ["develop_relationship", "unblock"]),
        # session 16: the cause the customer's own person stated for a lost deal (tests/test_stated_loss_cause.py)
        "stated-loss-cause": ("open_complaint", ["fix_problem"]),
        # session 17: a dealer's money and brand contract checked before what depends on them
        # (tests/test_dealer_money_s17.py)
        "dealer-money": ("precondition", ["unblock"])}
    p = rank.params(packset)
    assert p["serves_pursue_opportunity"] > p["serves_widen_known"] > p["serves_develop_relationship"]
    assert p["serves_money_at_risk"] > p["serves_open_complaint"] > p["serves_precondition"] > p["serves_supplier_gate"]
    assert p["serves_supplier_gate"] > p["serves_fix_problem"]
    assert p["serves_fix_problem"] > p["serves_opportunity_window"] > p["serves_unblock"]
    assert p["serves_opportunity_window"] > p["serves_succession"] > p["serves_unblock"] > p["serves_pursue_opportunity"]


def test_of_two_lifting_tags_the_higher_level_wins(tmp_path):
    advice = _advise(_pack(tmp_path, WINDOW.replace("[pursue_opportunity]", "[fix_problem]"),
                           tags="[closing-window, open-complaint]", serves="fix_problem"))
    assert next(a for a in advice.actions if a.rule == "window.sign-before-the-lock").level == "open_complaint"


@pytest.mark.parametrize("change, message, fix", [
    ("level: closing_window", "lifts to level 'closing_windw', which no pack defines (no parameter "
     "'serves_closing_windw')", "closing_window"),
    ("serves: [pursue_opportunity]", "unknown serves 'pursue'", "pursue_opportunity"),
])
def test_a_tag_naming_a_level_or_serves_that_does_not_exist_fails_at_load_located(tmp_path, change, message, fix):
    broken = {"level: closing_window": "level: closing_windw",
              "serves: [pursue_opportunity]": "serves: [pursue]"}[change]
    rules = _pack(tmp_path, WINDOW.replace(change, broken))
    with pytest.raises(AdvisorError) as exc:
        load_packs(["core", "window"], rules)
    text = str(exc.value)
    assert "window/pack.yaml:" in text and message in text and fix in text


def test_a_level_whose_value_is_no_whole_number_fails_at_load(tmp_path):
    rules = _pack(tmp_path, WINDOW.replace("value: 1300", "value: 13.5"))
    with pytest.raises(AdvisorError) as exc:
        load_packs(["core", "window"], rules)
    assert "serves_closing_window" in str(exc.value) and "not a whole number" in str(exc.value)


def test_lint_counts_a_levels_parameter_as_used(tmp_path):
    from advisor.toolkit.lint import lint

    rules = _pack(tmp_path, WINDOW)
    report = lint(rules, ["window"])
    assert report.packs and not report.errors
    assert not [f for f in report.findings if "serves_closing_window" in f.message]
    # … while a parameter no level and no rule reads is still flagged
    spare = WINDOW.replace("params:\n", "params:\n  serves_spare:\n    value: 5\n")
    report = lint(_pack(tmp_path / "spare", spare), ["window"])
    assert [f.check for f in report.findings if "'serves_spare'" in f.message] == ["unused-param"]
