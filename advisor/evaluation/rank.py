"""From fired rules to a ranked, de-duplicated, conflict-free list of actions.

Order of work: suppression first (a policy beats any tactic), then one action
per rule and contact, then exclusive groups (only the best of a group speaks),
then the score, then a per-contact cap so the top of the list is varied.
Ties break on rule id and contact name, so the output never depends on the
engine's firing order.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from .outcomes import Candidate, Suppression, due_date
from ..language.pack import PackSet

DEFAULTS = {
    "urgency_overdue": 25,  # due date already passed
    "urgency_now": 15,  # due within 2 days
    "urgency_week": 8,  # due within 7 days
    "urgency_month": 3,  # due within 30 days
    "max_per_contact": 2,  # actions per contact before others get a turn
}


@dataclass
class Action:
    rank: int
    rule: str
    pack: str
    family: str
    title: dict[str, str]
    contact: Optional[str]
    roles: Optional[list[str]]
    role_label: Optional[str]
    what: dict[str, str]
    why: dict[str, str]
    by: dt.date
    due_offset: int
    source: list[str]
    basis: str
    score: int
    tags: list[str]
    group: Optional[str] = None


@dataclass
class Suppressed:
    rule: str
    contact: Optional[str]
    what: dict[str, str]
    reason: dict[str, str]
    by_rule: str


@dataclass
class Superseded:
    rule: str
    contact: Optional[str]
    group: str
    by_rule: str


@dataclass
class Ranking:
    actions: list[Action] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)
    superseded: list[Superseded] = field(default_factory=list)


def param(packset: PackSet, name: str) -> int:
    return int(packset.params.get(name, DEFAULTS[name]))


def urgency(offset: int, packset: PackSet) -> int:
    if offset < 0:
        return param(packset, "urgency_overdue")
    if offset <= 2:
        return param(packset, "urgency_now")
    if offset <= 7:
        return param(packset, "urgency_week")
    if offset <= 30:
        return param(packset, "urgency_month")
    return 0


def score(c: Candidate, packset: PackSet) -> int:
    return c.rule.priority + urgency(c.due_offset, packset) + packset.role_weight(c.roles)


def rank(candidates: list[Candidate], suppressions: list[Suppression], packset: PackSet,
         as_of: dt.date) -> Ranking:
    out = Ranking()
    suppressions = sorted(suppressions, key=lambda s: s.rule.id)
    kept: list[Candidate] = []
    for c in candidates:
        by = next((s for s in suppressions if s.covers(c.rule)), None)
        if by:
            out.suppressed.append(Suppressed(rule=c.rule.id, contact=c.contact, what=c.what, reason=by.reason,
                                             by_rule=by.rule.id))
        else:
            kept.append(c)
    # one entry per rule and contact, like the actions
    unique = {(s.rule, s.contact or ""): s for s in reversed(out.suppressed)}
    out.suppressed = [unique[k] for k in sorted(unique)]

    best: dict[tuple, tuple[int, Candidate]] = {}
    for c in kept:
        # per objection, not per contact: three objections from one buyer are three answers
        key = (c.rule.id, c.contact or c.role_label or "", c.topic or "")
        s = score(c, packset)
        if key not in best or (s, -c.due_offset) > (best[key][0], -best[key][1].due_offset):
            best[key] = (s, c)
    scored = sorted(best.values(), key=lambda sc: (-sc[0], sc[1].rule.id, sc[1].contact or sc[1].role_label or ""))

    # exclusive groups: per target, only the best-scoring rule of a group speaks
    winners: dict[tuple, str] = {}
    survivors: list[tuple[int, Candidate]] = []
    for s, c in scored:
        g = c.rule.group
        if g:
            slot = (g, c.contact or c.role_label or "", c.topic or "")
            if slot in winners and winners[slot] != c.rule.id:
                out.superseded.append(Superseded(rule=c.rule.id, contact=c.contact, group=g, by_rule=winners[slot]))
                continue
            winners.setdefault(slot, c.rule.id)
        survivors.append((s, c))

    cap = param(packset, "max_per_contact")
    first, later = [], []
    per_contact: dict[str, int] = {}
    for s, c in survivors:
        who = c.contact
        if who is not None and cap > 0:
            per_contact[who] = per_contact.get(who, 0) + 1
            (first if per_contact[who] <= cap else later).append((s, c))
        else:
            first.append((s, c))
    for i, (s, c) in enumerate(first + later, start=1):
        r = c.rule
        out.actions.append(Action(rank=i, rule=r.id, pack=r.pack, family=r.family,
                                  title={"en": r.title.en, "zh": r.title.zh}, contact=c.contact, roles=c.roles,
                                  role_label=c.role_label, what=c.what, why=c.why,
                                  by=due_date(as_of, c.due_offset), due_offset=c.due_offset, source=r.source,
                                  basis=r.basis, score=s, tags=r.tags, group=r.group))
    out.superseded.sort(key=lambda x: (x.rule, x.contact or ""))
    return out
