"""rank._order picks score group by score; it must give exactly the order of the plain rule it replaced:
repeatedly take the least (-score, over the contact's cap, rule id, target)."""
from __future__ import annotations

import random
from types import SimpleNamespace

from advisor.evaluation.rank import _Entry, _cap_generic, _order


def reference(entries, cap, top_n, max_generic):
    left = sorted(entries, key=_Entry.order)
    picked, seen = [], {}
    while left:
        e = min(left, key=lambda e: (-e.score, bool(e.c.contact) and cap > 0 and seen.get(e.c.contact, 0) >= cap,
                                     e.c.rule.id, e.c.target))
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
            c = SimpleNamespace(rule=rule, contact=contact, role_label=None, target=contact or "")
            entries.append(_Entry(c, {"priority": rng.choice([10, 20, 30]), "urgency": rng.choice([0, 4])}))
        cap, top_n, generic = rng.choice([0, 1, 2]), rng.choice([3, 5]), rng.choice([0, 1])
        packset = SimpleNamespace(params={"max_per_contact": cap, "top_n": top_n, "max_generic_top": generic})
        assert _order(entries, packset) == reference(entries, cap, top_n, generic)
