"""The playbook's case teachings (issue 23), each on a realistic account a coach would sign.

Every fixture below was written as a rep would record the account, before the rules that answer
it; the test holds the coach's reading of it: what comes first (or in the top three), and what
must not appear in the top five. The rule-level cases (fires / stays silent) are beside the rules
in rules/<pack>/tests/; these check the ranked list as a whole, with the account's default packs.
"""
from __future__ import annotations

from advisor import load_account

from .conftest import AS_OF, FIXTURES

ACCOUNTS = FIXTURES / "accounts"


def _advise(advisor, fixture, lang=None):
    advice = advisor.advise(load_account(ACCOUNTS / fixture), as_of=AS_OF)
    assert advice.errors == []
    return advice


def _behind(action) -> set[str]:
    """Every rule behind an action, merged ones included."""
    return set(action.merged_rules) | {action.rule}


def _top(advice, n=5) -> list[set[str]]:
    return [_behind(a) for a in advice.actions[:n]]


def test_complaint_late_fix_comes_first_and_the_asks_wait(advisor):
    """004 · 后街KTV案例: the promised fix is five days late — escalate and apologise before anything
    else; the fixed invoice error is confirmed with the buyer; no cross-sell or bundle while it is open."""
    advice = _advise(advisor, "complaint-late-fix-packaging.yaml")
    first = advice.actions[0]
    assert first.rule == "core.complaints.escalate-late-fix"
    assert first.contact == "Jonas Meier" and first.due_offset <= 0  # today, or the overdue step merged in
    assert "replacement sealing head" in first.what["en"] and "2026-11-18" in first.what["en"]
    # the overdue next step with the same person is the same conversation: merged, not repeated
    assert "core.visits.follow-up-script" in first.merged_rules
    top3 = set().union(*_top(advice, 3))
    assert "core.complaints.confirm-the-fix" in top3
    held = {s.rule for s in advice.suppressed if s.by_rule == "core.complaints.no-asks-while-open"}
    assert {"core.keep.cross-sell", "core.keep.bundle-full-line"} <= held
    assert not any("core.keep.cross-sell" in rules for rules in _top(advice))
