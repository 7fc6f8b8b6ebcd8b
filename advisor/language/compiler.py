"""Compile a PackSet into durable-rules rulesets (the dict/JSON form).

Design choices forced by the engine (see ../shared/ENGINE-NOTES.md):
- one pattern per fact kind a rule tests, aliased by the kind, and no tests
  between facts (joins crash: notes 2, 3);
- each pack's rules packed into as few rulesets as keep every fact kind within
  ``FANOUT_BUDGET`` alpha branches per ruleset (note 6). Every ruleset costs
  each account an assert call, a session and its deletion: one per pack doubled
  throughput against one per family, and first-fit packing took core from five
  rulesets to four (benchmarks/results.md);
- every ruleset carries a sink rule (accepts any fact, never completes: note 4)
  and a sentinel rule on the ``$done`` fact asserted last, so every session
  runs an action before ``delete_state`` (note 1);
- actions are referred to by name: the rule id (``get_action`` maps it back);
- the engine never matches free text (note 14): each ``mentions`` test becomes a
  boolean field computed in Python by ``engine_fact``, and every number it gets
  is checked to be one it can read (note 13; ``accounts.bounds``).
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

from . import conditions as cnd
from ..accounts.bounds import engine_safe
from ..files.errors import AdvisorError
from .pack import PackSet, Rule

FANOUT_BUDGET = cnd.MAX_BRANCHES  # the engine fails at ~64 branches per fact; keep a margin
DONE_KIND = "$done"
DONE_ACTION = "$done"
SINK = {"all": [{"any_fact": {"$ex": {"kind": 1}}}, {"never": {"kind": "$never"}}], "run": DONE_ACTION}
SENTINEL = {"all": [{"done": {"kind": DONE_KIND}}], "run": DONE_ACTION}


def patterns(rule: Rule) -> list[dict]:
    """The rule's durable patterns: one per fact kind, subject first."""
    parts = cnd.split_by_kind(rule.when)
    out = []
    for kind in rule.kinds:
        exprs = [cnd.to_durable(p) for p in parts.get(kind, [])]
        out.append({kind: {"$and": [{"kind": kind}, *exprs]} if exprs else {"kind": kind}})
    return out


def branches(rule: Rule, compiled: list[dict] | None = None) -> dict[str, int]:
    """Alpha-network branches each fact kind costs for this rule (``compiled``: its patterns, if made)."""
    out = {}
    for pattern in compiled if compiled is not None else patterns(rule):
        (kind, expr), = pattern.items()
        out[kind] = cnd.branch_count(expr)
    return out


@dataclass
class Compiled:
    rulesets: dict[str, dict]  # name → durable definition
    members: dict[str, list[str]]  # ruleset name → rule ids
    fanout: dict[str, dict[str, int]]  # ruleset name → kind → branches
    mentions: dict[str, tuple[str, str, list[str]]] = None  # field → (kind, text field, words)

    def __post_init__(self):
        if self.mentions is None:
            self.mentions = {}


def compile_packs(packset: PackSet) -> Compiled:
    groups: dict[str, list[Rule]] = {}
    for rule in packset.rules:
        groups.setdefault(rule.pack, []).append(rule)
    rulesets: dict[str, dict] = {}
    members: dict[str, list[str]] = {}
    fanout: dict[str, dict[str, int]] = {}
    for pack, rules in sorted(groups.items()):
        made = {r.id: patterns(r) for r in rules}  # once per rule: for its cost and for its definition
        for index, (chunk, load) in enumerate(_pack_chunks(rules, made)):
            name = f"{pack}.{index}"
            definition = {r.id: {"all": made[r.id], "run": r.id} for r in chunk}
            definition["$sink"] = copy.deepcopy(SINK)
            definition["$sentinel"] = copy.deepcopy(SENTINEL)
            rulesets[name] = definition
            members[name] = [r.id for r in chunk]
            fanout[name] = dict(load)
    mentions: dict[str, tuple[str, str, list[str]]] = {}
    for rule in packset.rules:
        mentions.update(cnd.mention_tests(rule.when))
    return Compiled(rulesets=rulesets, members=members, fanout=fanout, mentions=dict(sorted(mentions.items())))


def _pack_chunks(rules: list[Rule], made: dict[str, list[dict]]) -> list[tuple[list[Rule], dict[str, int]]]:
    """A pack's rules in as few rulesets as the fan-out budget allows (ENGINE-NOTES 6).

    Every ruleset costs each account one ``assert_facts`` of all its facts, a session and
    its deletion, so fewer rulesets is less engine work. First fit, the costliest rules
    first (ties by id), so the chunks depend only on the rules, never on the file order;
    each chunk keeps its rules in id order."""
    costs = {r.id: branches(r, made[r.id]) for r in rules}
    order = sorted(rules, key=lambda r: (-max(costs[r.id].values(), default=0), -sum(costs[r.id].values()), r.id))
    chunks: list[tuple[list[Rule], dict[str, int]]] = []
    for rule in order:
        cost = costs[rule.id]
        home = next((c for c in chunks if all(c[1].get(k, 0) + n <= FANOUT_BUDGET for k, n in cost.items())), None)
        if home is None:
            home = ([], {})
            chunks.append(home)
        home[0].append(rule)
        for k, n in cost.items():
            home[1][k] = home[1].get(k, 0) + n
    return [(sorted(chunk, key=lambda r: r.id), load) for chunk, load in chunks]


def mentions_by_kind(mentions: dict) -> dict[str, list[tuple[str, str, list[str]]]]:
    """``Compiled.mentions`` grouped by fact kind (each group in the mentions' order), for engine_fact."""
    out: dict[str, list[tuple[str, str, list[str]]]] = {}
    for key, (kind, name, words) in mentions.items():
        out.setdefault(kind, []).append((key, name, words))
    return out


_ENGINE_INT = 10 ** 15  # bounds.engine_safe's limit for an int
_is_str = str.__instancecheck__  # isinstance(x, str), as engine_safe tests list items


def engine_fact(fact: dict, sid: str, mentions: dict | None = None,
                by_kind: dict[str, list[tuple[str, str, list[str]]]] | None = None) -> dict:
    """A fact as the engine gets it: with the session id, empty lists padded (see
    conditions.LIST_PAD), the results of the ``mentions`` tests on its kind added
    as booleans, and only numbers the engine can read (else a one-line error, never
    a crash inside the engine). ``by_kind`` (``mentions_by_kind(mentions)``, worked
    out once by the caller) replaces ``mentions``."""
    out = {}
    for k, v in fact.items():
        t = type(v)  # the common plain values by exact type; anything else is checked in full
        if t is str or t is bool or v is None or (t is int and -_ENGINE_INT < v < _ENGINE_INT):
            out[k] = v
        elif t is list and all(map(_is_str, v)):
            out[k] = v if v else [cnd.LIST_PAD]
        elif not engine_safe(v):
            raise AdvisorError(f"fact {fact.get('id')}: field '{k}' holds {v!r}, which the rule engine cannot read",
                               fix="use plain numbers within ±1,000,000,000,000 with at most 4 decimals")
        else:
            out[k] = [cnd.LIST_PAD] if isinstance(v, list) and not v else v
    if by_kind is None:
        by_kind = mentions_by_kind(mentions) if mentions else {}
    for key, name, words in by_kind.get(fact.get("kind"), ()):
        out[key] = cnd.mentions_result(fact, name, words)
    out["sid"] = sid
    return out
