"""Condition trees: parse, check, evaluate with a trace, and compile for durable-rules.

A ``when`` is a json-rules-engine style tree::

    all: [ {fact: contact.met, op: eq, value: false}, {any: [...]}, {not: {...}} ]

The same tree is used twice: compiled to a durable-rules expression (the engine
decides what fires) and evaluated here in Python (the trace says why). Both
follow the engine's semantics (ENGINE-NOTES 10): a missing field makes every
test false except ``not_exists``; a differential test keeps them in step.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Union

from ..files.errors import AdvisorError, choice_hint, did_you_mean

MISSING = object()

# operator → fact types it applies to
OPERATORS = {
    "eq": {"text", "number", "bool"},
    "ne": {"text", "number", "bool"},
    "gt": {"number"},
    "gte": {"number"},
    "lt": {"number"},
    "lte": {"number"},
    "in": {"text", "number"},
    "not_in": {"text", "number"},
    "contains": {"list"},
    "not_contains": {"list"},
    "mentions": {"text"},
    "exists": {"text", "number", "bool", "list"},
    "not_exists": {"text", "number", "bool", "list"},
}
NEGATION = {"eq": "ne", "ne": "eq", "gt": "lte", "lte": "gt", "gte": "lt", "lt": "gte",
            "in": "not_in", "not_in": "in", "contains": "not_contains", "not_contains": "contains",
            "exists": "not_exists", "not_exists": "exists"}
# Empty lists are sent to the engine with this one element, because durable's
# $iall is false on an empty list while "x not in []" is true (ENGINE-NOTES 10).
LIST_PAD = "\u2205"


@dataclass
class Leaf:
    fact: str  # "kind.field"
    op: str
    value: Any
    where: tuple = ()  # path in the pack file, for errors

    @property
    def kind(self) -> str:
        return self.fact.split(".", 1)[0]

    @property
    def field(self) -> str:
        return self.fact.split(".", 1)[1]


@dataclass
class Node:
    op: str  # all / any / not
    children: list = field(default_factory=list)
    where: tuple = ()


Condition = Union[Leaf, Node]


# ---------------------------------------------------------------- parsing ---
def parse(raw: Any, where: tuple, err) -> Condition:
    """Parse a raw tree; ``err(path, message, fix)`` builds a located error."""
    if not isinstance(raw, dict):
        raise err(where, "a condition must be a mapping with all/any/not or fact/op/value",
                  "write e.g. {fact: contact.met, op: eq, value: false}")
    groups = [k for k in ("all", "any", "not") if k in raw]
    if groups:
        if len(raw) != 1:
            extra = sorted(set(raw) - {groups[0]})
            raise err(where, f"'{groups[0]}' cannot stand beside {', '.join(extra)}",
                      "put each condition in its own list item")
        key = groups[0]
        if key == "not":
            return Node("not", [parse(raw["not"], where + ("not",), err)], where)
        items = raw[key]
        if not isinstance(items, list) or not items:
            raise err(where + (key,), f"'{key}' needs a non-empty list of conditions", f"write {key}: [ ... ]")
        return Node(key, [parse(c, where + (key, i), err) for i, c in enumerate(items)], where)
    unknown = sorted(set(raw) - {"fact", "op", "value"})
    if unknown:
        hint = did_you_mean(unknown[0], ["fact", "op", "value", "all", "any", "not"])
        raise err(where + (unknown[0],), f"unknown condition key '{unknown[0]}'",
                  hint or "a condition has fact, op and value, or one of all/any/not")
    if "fact" not in raw or "op" not in raw:
        raise err(where, "a condition needs 'fact' and 'op'", "write {fact: kind.field, op: eq, value: ...}")
    op = raw["op"]
    if op not in OPERATORS:
        raise err(where + ("op",), f"unknown operator '{op}'", choice_hint(str(op), OPERATORS))
    if op in ("exists", "not_exists"):
        if "value" in raw:
            raise err(where + ("value",), f"'{op}' takes no value", "remove 'value:'")
        value = None
    elif "value" not in raw:
        raise err(where, f"operator '{op}' needs a value", "add 'value: ...'")
    else:
        value = raw["value"]
    fact = raw["fact"]
    if not isinstance(fact, str) or "." not in fact:
        raise err(where + ("fact",), f"fact '{fact}' must be kind.field", "e.g. contact.met or account.stage")
    return Leaf(fact, op, value, where)


def leaves(cond: Condition):
    if isinstance(cond, Leaf):
        yield cond
    else:
        for child in cond.children:
            yield from leaves(child)


def kinds_of(cond: Condition) -> set[str]:
    return {leaf.kind for leaf in leaves(cond)}


def resolve_params(cond: Condition, params: dict, err) -> Condition:
    """Replace ``{param: name}`` values with the pack's parameter values."""
    if isinstance(cond, Node):
        return Node(cond.op, [resolve_params(c, params, err) for c in cond.children], cond.where)
    value = cond.value
    if isinstance(value, dict):
        if set(value) != {"param"}:
            raise err(cond.where + ("value",), "a value mapping must be {param: name}",
                      "write value: {param: dormant_days} or a plain value")
        name = value["param"]
        if name not in params:
            raise err(cond.where + ("value",), f"unknown parameter '{name}'", choice_hint(str(name), params or {"(none defined)": 1}))
        value = params[name]
    return Leaf(cond.fact, cond.op, value, cond.where)


def check(cond: Condition, catalog: dict, err) -> None:
    """Check fact paths, operator/type fit and value types against the fact catalog."""
    for leaf in leaves(cond):
        kind, _, name = leaf.fact.partition(".")
        if kind not in catalog:
            raise err(leaf.where + ("fact",), f"unknown fact kind '{kind}' in '{leaf.fact}'",
                      choice_hint(kind, catalog))
        fields = catalog[kind]
        if name not in fields:
            hint = did_you_mean(name, fields)
            raise err(leaf.where + ("fact",), f"unknown fact '{leaf.fact}'",
                      (hint.replace("'", f"'{kind}.", 1) if hint else f"fields of {kind}: " + ", ".join(sorted(fields))))
        ftype = fields[name][0] if isinstance(fields[name], tuple) else fields[name]
        if ftype not in OPERATORS[leaf.op]:
            fits = [o for o, types in OPERATORS.items() if ftype in types]
            raise err(leaf.where + ("op",), f"operator '{leaf.op}' does not fit {ftype} fact '{leaf.fact}'",
                      "use one of: " + ", ".join(fits))
        _check_value(leaf, ftype, err)


def _scalar_ok(value: Any, ftype: str) -> bool:
    if ftype == "bool":
        return isinstance(value, bool)
    if ftype == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, str)


def _check_value(leaf: Leaf, ftype: str, err) -> None:
    op, value = leaf.op, leaf.value
    if op in ("exists", "not_exists"):
        return
    where = leaf.where + ("value",)
    if op in ("in", "not_in"):
        if not isinstance(value, list) or not value or not all(_scalar_ok(v, ftype) for v in value):
            raise err(where, f"'{op}' on {ftype} fact '{leaf.fact}' needs a non-empty list of {ftype} values",
                      "write value: [a, b]")
        return
    if op == "mentions":
        words = value if isinstance(value, list) else [value]
        if not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise err(where, f"'mentions' needs a word or a list of words", "write value: [贵, expensive]")
        for w in words:
            if PATTERN_SPECIALS.search(w):
                raise err(where, f"keyword '{w}' contains a character the engine treats as a pattern "
                          "(one of ^$()%.[]*+-?\\)", "write the word without it, e.g. 'built in' for 'built-in'")
        return
    if op in ("contains", "not_contains"):
        if not isinstance(value, str):
            raise err(where, f"'{op}' needs one text value", "write value: decider")
        return
    if not _scalar_ok(value, ftype):
        fix = {"bool": "use true or false", "number": "use a plain number (no quotes)",
               "text": "use text (quote it)"}[ftype]
        raise err(where, f"value {value!r} is not a {ftype}, as fact '{leaf.fact}' is", fix)


# ------------------------------------------------------------- evaluation ---
def _test(op: str, actual: Any, value: Any) -> bool:
    if op == "exists":
        return actual is not MISSING
    if op == "not_exists":
        return actual is MISSING
    if actual is MISSING:
        return False
    if op == "eq":
        return actual == value
    if op == "ne":
        return actual != value
    if op == "gt":
        return actual > value
    if op == "gte":
        return actual >= value
    if op == "lt":
        return actual < value
    if op == "lte":
        return actual <= value
    if op == "in":
        return actual in value
    if op == "not_in":
        return actual not in value
    if op == "contains":
        return value in actual
    if op == "not_contains":
        return value not in actual
    if op == "mentions":
        words = value if isinstance(value, list) else [value]
        return any(w.lower() in actual for w in words)
    raise ValueError(op)


def lookup(binding: dict, path: str) -> Any:
    kind, _, name = path.partition(".")
    fact = binding.get(kind)
    if fact is None:
        return MISSING
    return fact.get(name, MISSING)


def evaluate(cond: Condition, binding: dict) -> tuple[bool, dict]:
    """Evaluate against facts bound by kind; return (result, trace tree)."""
    if isinstance(cond, Leaf):
        actual = lookup(binding, cond.fact)
        result = _test(cond.op, actual, cond.value)
        node = {"fact": cond.fact, "operator": cond.op}
        if cond.op not in ("exists", "not_exists"):
            node["value"] = cond.value
        node["factResult"] = None if actual is MISSING else actual
        node["result"] = result
        return result, node
    results = [evaluate(c, binding) for c in cond.children]
    if cond.op == "all":
        ok = all(r for r, _ in results)
    elif cond.op == "any":
        ok = any(r for r, _ in results)
    else:
        ok = not results[0][0]
    trace = {cond.op: [t for _, t in results] if cond.op != "not" else results[0][1], "result": ok}
    return ok, trace


# --------------------------------------------------------------- compiling ---
# durable's $mt is its own pattern language: "%-" is rejected (error 501) and other
# specials change the meaning. Keywords are therefore restricted to plain text.
PATTERN_SPECIALS = re.compile(r"[\^\$\(\)\%\.\[\]\*\+\-\?\\]")


def _leaf_expr(op: str, name: str, value: Any) -> dict:
    if op == "eq":
        return {name: value}
    if op == "ne":
        return {"$neq": {name: value}}
    if op in ("gt", "gte", "lt", "lte"):
        return {f"${op}": {name: value}}
    if op == "in":
        return {"$or": [{name: v} for v in value]}
    if op == "not_in":
        return {"$and": [{"$neq": {name: v}} for v in value]}
    if op == "contains":
        return {"$iany": {name: {"$i": value}}}
    if op == "not_contains":
        return {"$iall": {name: {"$neq": {"$i": value}}}}
    if op == "mentions":
        words = value if isinstance(value, list) else [value]
        return {"$or": [{"$mt": {name: f".*{w.lower()}.*"}} for w in words]}
    if op == "exists":
        return {"$ex": {name: 1}}
    if op == "not_exists":
        return {"$nex": {name: 1}}
    raise ValueError(op)


def to_durable(cond: Condition, negate: bool = False) -> dict:
    """Compile a single-kind tree to a durable-rules expression.

    ``not`` is pushed down to the leaves (De Morgan), because durable has no
    boolean negation inside a pattern. A negated leaf also accepts a missing
    field, which is what Python's ``not`` of a false-on-missing test gives.
    """
    if isinstance(cond, Leaf):
        name = cond.field
        if not negate:
            return _leaf_expr(cond.op, name, cond.value)
        if cond.op == "mentions":
            raise ValueError("'not' over 'mentions' cannot be compiled")
        neg = NEGATION[cond.op]
        expr = _leaf_expr(neg, name, cond.value)
        if cond.op in ("exists", "not_exists"):
            return expr
        return {"$or": [expr, {"$nex": {name: 1}}]}
    if cond.op == "not":
        return to_durable(cond.children[0], not negate)
    op = cond.op
    if negate:
        op = "any" if op == "all" else "all"
    parts = [to_durable(c, negate) for c in cond.children]
    return {"$and": parts} if op == "all" else {"$or": parts}


def split_by_kind(cond: Condition | None) -> dict[str, list[Condition]]:
    """The top-level conjuncts of a rule, grouped by the one fact kind each tests.

    Each kind becomes one pattern of the durable rule. A conjunct that tests
    more than one kind would need a join; the pack loader rejects it.
    """
    if cond is None:
        return {}
    parts = cond.children if isinstance(cond, Node) and cond.op == "all" else [cond]
    out: dict[str, list[Condition]] = {}
    for part in parts:
        kinds = kinds_of(part)
        if len(kinds) != 1:
            raise ValueError(sorted(kinds))
        out.setdefault(kinds.pop(), []).append(part)
    return out


def has_negated_mentions(cond: Condition, negate: bool = False) -> Leaf | None:
    if isinstance(cond, Leaf):
        return cond if negate and cond.op == "mentions" else None
    for child in cond.children:
        found = has_negated_mentions(child, negate ^ (cond.op == "not"))
        if found:
            return found
    return None


def branch_count(expr: Any) -> int:
    """How many alpha-network branches an expression costs (its DNF size), for ENGINE-NOTES 6."""
    if isinstance(expr, dict):
        if "$or" in expr:
            return sum(branch_count(e) for e in expr["$or"])
        if "$and" in expr:
            n = 1
            for e in expr["$and"]:
                n *= branch_count(e)
            return n
    return 1


def to_json(cond: Condition | None) -> Any:
    """The tree as plain data (for docs, explain of rules, diffs)."""
    if cond is None:
        return None
    if isinstance(cond, Leaf):
        out = {"fact": cond.fact, "op": cond.op}
        if cond.op not in ("exists", "not_exists"):
            out["value"] = cond.value
        return out
    if cond.op == "not":
        return {"not": to_json(cond.children[0])}
    return {cond.op: [to_json(c) for c in cond.children]}
