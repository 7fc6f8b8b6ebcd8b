"""Why not: the first failing condition of a silent rule, its actual value and what would pass."""
from __future__ import annotations

from advisor.output import whynot

from .conftest import AS_OF, FIXTURES


def leaf(fact, op, value, actual, result):
    node = {"fact": fact, "operator": op, "factResult": actual, "result": result}
    if op not in ("exists", "not_exists"):
        node["value"] = value
    return node


def test_first_failing_leaf_of_an_all_is_named_with_its_actual_value():
    tree = {"all": [leaf("contact.roles", "contains", "decider", ["decider"], True),
                    leaf("contact.met", "eq", False, True, False),
                    leaf("contact.senior", "eq", True, False, False)], "result": False}
    wn = whynot.why_not(tree)
    assert wn["path"] == [1]
    assert wn["text"]["en"] == "needs contact.met eq false; is true"
    assert wn["text"]["zh"] == "需要 contact.met eq false;实际为 true"
    assert wn["failing"] == 2


def test_a_passing_tree_has_no_why_not():
    assert whynot.why_not({"all": [leaf("a.x", "eq", 1, 1, True)], "result": True}) is None


def test_under_not_the_passing_inner_leaf_is_the_culprit_negated():
    tree = {"all": [{"not": leaf("contact.is_boss", "eq", True, True, True), "result": False}], "result": False}
    wn = whynot.why_not(tree)
    assert wn["path"] == [0, 0]
    assert wn["operator"] == "ne"
    assert wn["text"]["en"] == "needs contact.is_boss ne true; is true; would pass with anything but true"


def test_a_failing_any_points_at_its_first_branch_and_counts_the_others():
    tree = {"any": [leaf("account.policies", "contains", "no_gifts", [], False),
                    leaf("account.policies", "contains", "no_entertainment", [], False),
                    leaf("account.stage", "in", ["open"], "needs", False)], "result": False}
    wn = whynot.why_not(tree)
    assert wn["path"] == [0]
    assert wn["text"]["en"] == ('needs account.policies contains "no_gifts"; is []; would pass with a list with "no_gifts"'
                                " (or one of the 2 other branches of its any)")


def test_a_missing_fact_says_missing_and_a_number_says_what_passes():
    wn = whynot.why_not({"all": [leaf("account.sales_growth", "gte", 0.3, None, False)], "result": False})
    assert wn["text"]["en"] == "needs account.sales_growth gte 0.3; is missing; would pass with ≥ 0.3"
    assert wn["text"]["zh"] == "需要 account.sales_growth gte 0.3;实际为 缺失;≥ 0.3 即可通过"


def test_not_over_all_names_a_leaf_that_must_turn_false():
    inner = {"all": [leaf("visit.outcome", "eq", "cold", "cold", True), leaf("visit.minutes", "lt", 10, 5, True)],
             "result": True}
    wn = whynot.why_not({"not": inner, "result": False})
    assert (wn["fact"], wn["operator"], wn["path"]) == ("visit.outcome", "ne", [0, 0])
    assert wn["alternatives"] == 1  # making either leaf false would do


def test_closest_binding_is_the_one_with_fewest_failing_conditions():
    far = {"facts": {"contact": "contact:A"}, "result": False, "conditions": {
        "all": [leaf("c.x", "eq", 1, 0, False), leaf("c.y", "eq", 1, 0, False)], "result": False}}
    near = {"facts": {"contact": "contact:B"}, "result": False, "conditions": {
        "all": [leaf("c.x", "eq", 1, 1, True), leaf("c.y", "eq", 1, 0, False)], "result": False}}
    assert whynot.closest_binding([far, near]) is near
    assert whynot.closest_binding([]) is None


def test_why_not_on_a_real_silent_rule(advisor):
    from advisor import load_account
    from advisor.output import explain

    acc = load_account(FIXTURES / "accounts" / "bank-mainframe.yaml")
    advice = advisor.advise(acc, as_of=AS_OF, trace=True)
    doc = explain.document(advice, advisor.packset(acc), "en")
    entry = next(t for t in doc["trace"] if t["rule"] == "core.dealer.cooperation-before-quote")
    assert entry["status"] == "silent"
    wn = whynot.why_not(whynot.closest_binding(entry["bindings"])["conditions"])
    # the bank is an end customer (inferred from the enterprise-equipment pack, issue 23): that is why a dealer rule
    # is silent — before, the only culprit found was the unquoted opportunity
    assert wn["text"]["en"] == ('needs account.customer_type in ["dealer", "distributor", "integrator"]; is "end_customer"; '
                                'would pass with one of ["dealer", "distributor", "integrator"] (or the other branch of its any)')
