"""The Python reference evaluation: the same condition trees, with every value shown.

durable-rules only says which action ran. This module evaluates each rule's
tree over every binding of facts, reaching the same fixpoint of derived facts,
and keeps the json-rules-engine style result tree (each leaf's fact, operator,
expected value, actual value and result). A differential test holds its fired
set equal to the engine's on every fixture.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from ..language import conditions as cnd
from .deadline import checkpoint
from .outcomes import binding_key, derived_fact
from ..language.pack import PackSet, Rule


@dataclass
class RuleTrace:
    rule: Rule
    bindings: list[dict] = field(default_factory=list)  # {"facts": {kind: id}, "result": bool, "conditions": tree}
    missing_kinds: list[str] = field(default_factory=list)  # kinds with no fact at all

    @property
    def fired(self) -> bool:
        return any(b["result"] for b in self.bindings)


@dataclass
class Evaluation:
    traces: dict[str, RuleTrace]
    fired: dict[tuple, dict]  # binding key → binding
    derived: list[dict]


def _bindings(rule: Rule, by_kind: dict[str, list[dict]]):
    pools = [by_kind.get(kind, []) for kind in rule.kinds]
    for combo in itertools.product(*pools):
        yield dict(zip(rule.kinds, combo))


def _index(facts: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for f in facts:
        out.setdefault(f["kind"], []).append(f)
    return out


def evaluate(packset: PackSet, facts: list[dict]) -> Evaluation:
    all_facts = list(facts)
    known = {f["id"] for f in all_facts}
    derived: list[dict] = []
    derivers = [r for r in packset.rules if r.action == "derive"]
    changed = True
    while changed:  # monotonic rules: iterate to the fixpoint
        changed = False
        by_kind = _index(all_facts)
        for rule in derivers:
            checkpoint()  # per rule: a cooperative --timeout stops the trace here (deadline.py)
            for binding in _bindings(rule, by_kind):
                ok = cnd.evaluate(rule.when, binding)[0] if rule.when else True
                if ok:
                    fact = derived_fact(rule, binding)
                    if fact["id"] not in known:
                        known.add(fact["id"])
                        all_facts.append(fact)
                        derived.append(fact)
                        changed = True
    by_kind = _index(all_facts)
    traces: dict[str, RuleTrace] = {}
    fired: dict[tuple, dict] = {}
    for rule in packset.rules:
        checkpoint()
        rt = RuleTrace(rule=rule, missing_kinds=[k for k in rule.kinds if not by_kind.get(k)])
        for binding in _bindings(rule, by_kind):
            if rule.when:
                ok, tree = cnd.evaluate(rule.when, binding)
            else:
                ok, tree = True, {"all": [], "result": True}
            rt.bindings.append({"facts": {k: f["id"] for k, f in binding.items()}, "result": ok, "conditions": tree})
            if ok:
                fired.setdefault(binding_key(rule, binding), binding)
        traces[rule.id] = rt
    return Evaluation(traces=traces, fired=fired, derived=derived)
