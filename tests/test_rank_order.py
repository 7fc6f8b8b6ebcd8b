"""rank._order picks score group by score; it must give exactly the order of the plain rule it replaced:
repeatedly take the least (-score, over the contact's cap, the tie-breaks — fresher evidence, due sooner, named —,
rule id, target)."""
from __future__ import annotations

import random
from types import SimpleNamespace

from advisor.evaluation.rank import _Entry, _cap_generic, _order, _tie


def reference(entries, cap, top_n, max_generic):
    left = sorted(entries, key=_Entry.order)
    picked, seen = [], {}
    while left:
        e = min(left, key=lambda e: (-e.score, bool(e.c.contact) and cap > 0 and seen.get(e.c.contact, 0) >= cap,
                                     _tie(e.c), e.c.rule.id, e.c.target))
        left.remove(e)
        if e.c.contact:
            seen[e.c.contact] = seen.get(e.c.contact, 0) + 1
        picked.append(e)
    return _cap_generic(picked, top_n, max_generic)  # the generic cap is shared; the pick order is what differs


def test_order_equals_the_plain_rule_on_random_entries():
    rng = random.Random(5)
    for _ in range(300):
        entries = []
        for i in range(rng.randint(0, 25)):
            contact = rng.choice([None, "A", "B", "C"])
            rule = SimpleNamespace(id=f"r.{rng.randint(0, 9)}", generic=rng.random() < 0.3)
            c = SimpleNamespace(rule=rule, contact=contact, role_label=None, target=contact or "",
                                evidence_days=rng.choice([None, 2, 40]), due_offset=rng.choice([2, 7]),
                                named=rng.random() < 0.2)
            entries.append(_Entry(c, {"priority": rng.choice([10, 20, 30]), "urgency": rng.choice([0, 4])}))
        cap, top_n, generic = rng.choice([0, 1, 2]), rng.choice([3, 5]), rng.choice([0, 1])
        packset = SimpleNamespace(params={"max_per_contact": cap, "top_n": top_n, "max_generic_top": generic})
        assert _order(entries, packset) == reference(entries, cap, top_n, generic)


def _stub(rule_id, evidence=None, due=3, named=False, contact=None):
    rule = SimpleNamespace(id=rule_id, generic=False)
    c = SimpleNamespace(rule=rule, contact=contact, role_label=None, target=contact or "", evidence_days=evidence,
                        due_offset=due, named=named)
    return _Entry(c, {"priority": 30, "urgency": 12, "serves": 900})


def test_equal_scores_go_to_the_fresher_evidence_then_the_sooner_date_then_the_named_person_not_the_rule_id():
    packset = SimpleNamespace(params={})
    order = [e.c.rule.id for e in _order([_stub("a.standing"), _stub("b.old-visit", evidence=40),
                                          _stub("c.new-objection", evidence=3)], packset)]
    assert order == ["c.new-objection", "b.old-visit", "a.standing"]
    order = [e.c.rule.id for e in _order([_stub("a.later", due=7), _stub("b.sooner", due=2)], packset)]
    assert order == ["b.sooner", "a.later"]
    order = [e.c.rule.id for e in _order([_stub("a.on-file"), _stub("b.named", named=True)], packset)]
    assert order == ["b.named", "a.on-file"]


def test_the_trace_says_which_tie_break_decided():
    from advisor.evaluation.rank import why_above

    parts = {"priority": 30, "serves": 900}
    words = why_above(parts, parts, "unblock", "unblock", tie={"fresh": (3, 40), "due": (2, 2), "named": (False, False)})
    assert words["en"] == "equal score; fresher evidence (3 days old vs 40)"
    assert words["zh"] == "得分相同;依据更新(分别为3天前与40天前)"
    words = why_above(parts, parts, "unblock", "unblock", tie={"fresh": (13, None), "due": (2, 2), "named": (False, False)})
    assert words["en"] == "equal score; fresher evidence (13 days old; the other rests on standing facts)"
    words = why_above(parts, parts, "unblock", "unblock", tie={"fresh": (None, None), "due": (2, 7), "named": (False, False)})
    assert words["en"] == "equal score; due sooner (in 2 days vs 7)"
    words = why_above(parts, parts, "unblock", "unblock", tie={"fresh": (None, None), "due": (2, 2), "named": (True, False)})
    assert words["en"] == "equal score; the recent notes name this person"
    # the contact cap put a staler action first: the trace does not claim freshness for it
    words = why_above(parts, parts, "unblock", "unblock", tie={"fresh": (40, 3), "due": (2, 2), "named": (False, False)})
    assert words["en"] == "equal score; a contact's third action goes later, then rule id order"
