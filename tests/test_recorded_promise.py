"""A seed's process step is not the customer's promise (issue 23).

A pack rule may retell a step of a seed case (王强 went back with new display shells); it ranks as a promise only where
the account records a promise of the rep's — visit.rep_promised, read from the visit's note or next step, not negated
and not said of the customer. Pack lint asks every ``promise: true`` rule to read something on record as owed.
Accounts in wording of our own, built in memory.
"""
from __future__ import annotations

import pytest

from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.language.pack import load_packs

from .conftest import AS_OF, RULES
from .test_cli_toolkit import core_copy, finding, lint_lines, plant  # noqa: F401  (core_copy is a fixture)

SHELLS = "consumer-electronics-dealer.visits.bring-display-shells"
SHELLS_IDEA = "consumer-electronics-dealer.visits.shells-as-reason-to-return"


@pytest.fixture(scope="module")
def vocabulary():
    return load_packs(["core"], RULES).fact_options()["vocabulary"]


@pytest.mark.parametrize("note, next_step, promised", [
    ("Showed the catalogue. Promised to bring two demo units on my next visit.", None, True),
    ("Walked the floor with the buyer.", "I'll send the revised planogram by Friday", True),
    ("He wants proof; we said we would arrange a call with a reference store.", None, True),
    ("看了门店,答应下次带几块样板过来。", None, True),
    ("跟老板聊了一个小时,说好月底前把陈列方案发给他。", None, True),
    ("店長人很好,我承諾下週送新的展示架。", None, True),
    ("He promised to send the PO next week.", None, False),          # the customer's promise, not the rep's
    ("客户答应月底前下单。", None, False),
    ("Didn't promise anything — just listened.", None, False),       # negated
    ("这次没答应他任何东西,先听他说。", None, False),
    ("Good chat about the season; left a reason to come back.", None, False),
    ("聊了陈列和价格,留了回访的理由。", None, False),
])
def test_a_visit_records_the_reps_promise(vocabulary, note, next_step, promised):
    account = Account.model_validate({"name": "Acme", "contacts": [{"name": "Li", "met": True}],
                                      "visits": [{"date": "2026-11-20", "contact": "Li", "note": note,
                                                  "next_step": next_step}]})
    [visit] = [f for f in enrich(account, AS_OF, vocabulary=vocabulary) if f["kind"] == "visit"]
    assert visit["rep_promised"] is promised


def _dealer(note: str) -> dict:
    return {"name": "城东家电城", "industry": "consumer-electronics-dealer", "stage": "open",
            "contacts": [{"name": "魏老板", "roles": ["decider"], "is_boss": True, "met": True}],
            "visits": [{"date": "2026-11-17", "contact": "魏老板", "minutes": 40, "outcome": "positive",
                        "reason_to_return": True, "note": note}]}


@pytest.mark.parametrize("note", [
    "第一次见面,聊了他们店的客流和主推品牌。",
    "Met the owner, talked about the holiday season and his floor space.",
    "老闆很爽快,聊了店裡的陳列。",
])
def test_without_a_recorded_promise_the_shells_are_no_promise(advisor, note):
    advice = advisor.advise(Account.model_validate(_dealer(note)), as_of=AS_OF)
    rules = {r for a in advice.actions for r in [a.rule, *a.merged_rules]}
    assert SHELLS not in rules
    assert not any(a.promise for a in advice.actions if SHELLS_IDEA in [a.rule, *a.merged_rules])


@pytest.mark.parametrize("note", [
    "答应下次带新机壳过来,帮他们换掉旧的。",
    "Promised to bring new display shells next time.",
    "我會帶新的機殼過去,答應了店長。",
])
def test_a_recorded_promise_of_shells_ranks_as_a_promise(advisor, note):
    advice = advisor.advise(Account.model_validate(_dealer(note)), as_of=AS_OF)
    shells = next(a for a in advice.actions if SHELLS in [a.rule, *a.merged_rules])
    assert shells.promise


def test_lint_asks_a_promise_rule_to_read_a_recorded_promise(core_copy):
    """core.visits.leave-reason-to-return reads only the visit's reason to return: marked a promise, lint refuses it."""
    line = plant(core_copy / "visits.yaml",
                 "  - id: core.visits.leave-reason-to-return\n    family: visits\n",
                 "  - id: core.visits.leave-reason-to-return\n    family: visits\n    promise: true\n")
    result, lines = lint_lines("rules/core")
    assert result.exit_code == 1
    hit = finding(lines, f"rules/core/visits.yaml:{line + 2}:", "promise-unrecorded")
    assert "core.visits.leave-reason-to-return" in hit
