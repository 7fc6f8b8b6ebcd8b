"""What a rule serves (issue 22): required on every rule, from a closed vocabulary, shown in the
pack docs and the trace."""
from __future__ import annotations

import pytest

from advisor import load_account
from advisor.accounts import terms
from advisor.files.errors import AdvisorError
from advisor.language.pack import find_packs, load_packs
from advisor.output import explain

from .conftest import AS_OF, FIXTURES, RULES
from .test_cli_toolkit import core_copy, finding, lint_lines, plant  # noqa: F401  (core_copy is a fixture)


def test_every_bundled_rule_says_what_it_serves():
    packset = load_packs(sorted(find_packs(RULES)), RULES)
    missing = [r.id for r in packset.rules if r.serves not in terms.SERVES]
    assert not missing


def test_lint_flags_a_rule_without_serves(core_copy):
    text = (core_copy / "roles.yaml").read_text(encoding="utf-8")
    id_line = text[:text.index("  - id: core.roles.meet-decider")].count("\n") + 1
    plant(core_copy / "roles.yaml", "  - id: core.roles.meet-decider\n    family: roles\n    serves: unblock\n",
          "  - id: core.roles.meet-decider\n    family: roles\n")
    result, lines = lint_lines("rules/core")
    assert result.exit_code == 1
    hit = finding(lines, f"rules/core/roles.yaml:{id_line}:", "missing-serves")
    assert "core.roles.meet-decider" in hit and "upkeep" in hit


def test_an_unknown_serves_is_a_located_error_with_did_you_mean(core_copy):
    line = plant(core_copy / "roles.yaml", "  - id: core.roles.meet-decider\n    family: roles\n    serves: unblock\n",
                 "  - id: core.roles.meet-decider\n    family: roles\n    serves: unblok\n") + 2
    result, lines = lint_lines("rules/core")
    assert result.exit_code == 1
    assert "did you mean 'unblock'?" in finding(lines, f"rules/core/roles.yaml:{line}:", "unknown-serves")
    with pytest.raises(AdvisorError) as exc:
        load_packs(["core"], core_copy.parent)
    assert f"roles.yaml:{line}" in str(exc.value) and "did you mean 'unblock'?" in str(exc.value)


def test_pack_docs_and_trace_show_serves(advisor):
    doc = (RULES.parent / "docs" / "rules" / "core.md").read_text(encoding="utf-8")
    assert "serves `upkeep` (upkeep · 日常维护)" in doc
    account = load_account(FIXTURES / "accounts" / "tcl-too-expensive.yaml")
    advice = advisor.advise(account, as_of=AS_OF, trace=True)
    packset, _ = advisor.load(advisor.pack_names(account))
    entry = next(e for e in explain.trace_entries(advice, packset) if e["rule"] == "core.roles.meet-decider")
    assert entry["serves"] == "unblock"
    assert "  serves: unblock the decision path" in explain.text(advice, packset, "en", "core.roles.meet-decider")
    assert "作用: 打通决策链" in explain.text(advice, packset, "zh", "core.roles.meet-decider")


# --- ranking by what an action serves (issue 22) ---------------------------------------------------
PLAN_BELOW_INDUSTRY = {
    "name": "Acme Pumps", "stage": "maintain",
    "relationship": {"level": "preferred", "target": "partner", "cycle_stage": "trust"},
    "sales": {"last_12m": 800000, "prior_12m": 760000, "last_order": "2026-11-02"},
    "plan": {"growth": 0.10, "industry_growth": 0.18},
    "contacts": [{"name": "Ana Ruiz", "title": "Purchasing Manager", "roles": ["purchaser", "decider"], "met": True,
                  "satisfied": True, "reliability": 4},
                 {"name": "Tom Berg", "title": "Plant Manager", "roles": ["user", "influencer"], "met": True}],
    "visits": [{"date": "2026-09-10", "contact": "Ana Ruiz", "outcome": "positive"}],
}


def _advise(advisor, data):
    from advisor.accounts.account import Account
    return advisor.advise(Account.model_validate(data), as_of=AS_OF, packs=["core"])


def test_a_plan_below_the_industry_outranks_every_upkeep_action(advisor):
    advice = _advise(advisor, PLAN_BELOW_INDUSTRY)
    plan = next(a for a in advice.actions if a.rule == "core.keep.plan-vs-industry")
    upkeep = [a for a in advice.actions if a.serves == "upkeep"]
    assert upkeep and all(plan.rank < a.rank for a in upkeep)
    assert plan.level == "fix_problem" and plan.score_parts["serves"] > max(a.score_parts["serves"] for a in upkeep)


@pytest.mark.parametrize("name", sorted(p.name for p in (FIXTURES / "accounts").glob("*.yaml")))
def test_no_upkeep_above_a_specific_action_and_scores_explain_the_order(advisor, name):
    advice = advisor.advise(load_account(FIXTURES / "accounts" / name), as_of=AS_OF)
    seen_upkeep = False
    for a in advice.actions:
        if a.level == "upkeep":
            seen_upkeep = True
        else:
            assert not seen_upkeep, f"{a.rule} (#{a.rank}) below an upkeep action"
        assert sum(a.score_parts.values()) == a.score
    for upper, lower in zip(advice.actions, advice.actions[1:]):
        assert upper.score >= lower.score  # the serves step is wider than the other parts can span
        assert upper.above_next and upper.above_next["en"] and upper.above_next["zh"]
    assert advice.actions[-1].above_next is None


def test_why_an_action_outranks_the_next_is_said_in_words(advisor):
    advice = _advise(advisor, PLAN_BELOW_INDUSTRY)
    plan = next(a for a in advice.actions if a.rule == "core.keep.plan-vs-industry")
    nxt = advice.actions[plan.rank]
    if nxt.level != plan.level:
        assert plan.above_next["en"] == f"fix a problem before {terms.label(terms.SERVES, nxt.level, 'en')}"
    else:
        assert plan.above_next["en"].startswith("both fix a problem; higher score")


def test_an_open_complaint_a_lost_deal_and_an_overdue_promise_each_outrank_every_upkeep_action(advisor):
    data = dict(PLAN_BELOW_INDUSTRY)
    data["objections"] = [{"contact": "Tom Berg", "text": "The pump you sent leaks and nobody came to fix it",
                           "kind": "service", "date": "2026-11-20"}]
    data["deals"] = [{"name": "2027 framework", "status": "lost", "closed": "2026-10-30", "competitor": "Acme Flow"}]
    data["promises"] = [{"what": "Send the seal test report", "to": "Ana Ruiz", "made": "2026-11-01", "due": "2026-11-10"}]
    advice = _advise(advisor, data)
    rank = {a.rule: a.rank for a in advice.actions}
    upkeep = [a.rank for a in advice.actions if a.serves == "upkeep"]
    assert upkeep
    # the lost deal with no reason recorded: "learn why" speaks for it (one answer per lost deal group); the complaint,
    # heard after the loss, states its cause: the stated cause's answer speaks for it (session 16)
    for rule in ("core.keep.plan-vs-industry", "core.lost.answer-the-stated-cause", "core.lost.learn-why",
                 "core.promises.overdue"):
        assert rank[rule] < min(upkeep), rule
    assert rank["core.promises.overdue"] == 1


def test_above_next_is_said_again_when_feedback_hides_an_action(advisor, tmp_path):
    from advisor.evaluation.rank import why_above
    from advisor.feedback.store import Store
    path = FIXTURES / "accounts" / "tcl-too-expensive.yaml"
    before = advisor.advise(load_account(path), as_of=AS_OF)
    second = before.actions[1]
    store = Store(tmp_path / "fb.sqlite3")
    store.record(advisor.feedback_event("done", str(path), second.rule, second.contact, as_of=AS_OF))
    after = advisor.advise(load_account(path), as_of=AS_OF, store=store)
    first, new_second = after.actions[0], after.actions[1]
    assert (new_second.rule, new_second.contact) != (second.rule, second.contact)
    assert first.above_next == why_above(first.score_parts, new_second.score_parts, first.level, new_second.level)
    assert after.actions[-1].above_next is None
