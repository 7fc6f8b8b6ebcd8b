"""Condition trees: parse, check, evaluate with a trace, and compile for durable-rules.

A ``when`` is a json-rules-engine style tree::

    all: [ {fact: contact.met, op: eq, value: false}, {any: [...]}, {not: {...}} ]

The same tree is used twice: compiled to a durable-rules expression (the engine
decides what fires) and evaluated here in Python (the trace says why). Both
follow the engine's semantics (ENGINE-NOTES 10): a missing field makes every
test false except ``not_exists``; a differential test keeps them in step.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Mapping, Union

from ..accounts import wordlists
from ..accounts.bounds import DECIMALS, MAX_NUMBER, MAX_TEXT
from ..files.errors import choice_hint, did_you_mean

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
# Limits the engine has (ENGINE-NOTES 15), enforced at load so that lint-clean
# means the engine accepts the pack: durable rejects an expression nested 16
# and/or levels deep (error 113) and hangs or rejects one whose DNF reaches 512
# branches; the branch budget per rule is compiler.FANOUT_BUDGET (48).
MAX_NESTING = 10  # all/any/not levels in a `when` (compiled: ≤ 12 of the engine's 15)
MAX_ENGINE_DEPTH = 12  # $and/$or levels of a compiled pattern
MAX_LIST = 100  # values in an `in` / `mentions` list
MAX_BRANCHES = 48  # engine branches one rule may cost per fact kind (ENGINE-NOTES 6, 15)


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
    return _parse(raw, where, err, 0)


def _parse(raw: Any, where: tuple, err, depth: int) -> Condition:
    if depth > MAX_NESTING:
        raise err(where, f"conditions are nested more than {MAX_NESTING} all/any/not levels deep",
                  "flatten the condition, or derive a fact in a rule of its own and test that")
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
            return Node("not", [_parse(raw["not"], where + ("not",), err, depth + 1)], where)
        items = raw[key]
        if not isinstance(items, list) or not items:
            raise err(where + (key,), f"'{key}' needs a non-empty list of conditions", f"write {key}: [ ... ]")
        return Node(key, [_parse(c, where + (key, i), err, depth + 1) for i, c in enumerate(items)], where)
    unknown = sorted(set(raw) - {"fact", "op", "value"})
    if unknown:
        hint = did_you_mean(unknown[0], ["fact", "op", "value", "all", "any", "not"])
        raise err(where + (unknown[0],), f"unknown condition key '{unknown[0]}'",
                  hint or "a condition has fact, op and value, or one of all/any/not")
    if "fact" not in raw or "op" not in raw:
        raise err(where, "a condition needs 'fact' and 'op'", "write {fact: kind.field, op: eq, value: ...}")
    op = raw["op"]
    if not isinstance(op, str) or op not in OPERATORS:
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


def resolve_params(cond: Condition, params: dict, err, vocabulary: Mapping[str, Any] | None = None) -> Condition:
    """Replace ``{param: name}`` values with the pack's parameter values, and a ``mentions`` test's
    ``{vocabulary: name}`` with the pack set's words of that vocabulary (``vocabulary:`` in pack.yaml, all packs'
    words merged; see ``vocabulary_value``): one list of words, written once, read by every rule that names it."""
    if isinstance(cond, Node):
        return Node(cond.op, [resolve_params(c, params, err, vocabulary) for c in cond.children], cond.where)
    value = cond.value
    if isinstance(value, dict) and "vocabulary" in value:
        return Leaf(cond.fact, cond.op, _resolve_vocabulary(cond, vocabulary or {}, err), cond.where)
    if isinstance(value, dict):
        if set(value) != {"param"} or not isinstance(value["param"], str):
            raise err(cond.where + ("value",), "a value mapping must be {param: name} or, for mentions, {vocabulary: name}",
                      "write value: {param: dormant_days}, value: {vocabulary: reference_demand} or a plain value")
        name = value["param"]
        if name not in params:
            raise err(cond.where + ("value",), f"unknown parameter '{name}'", choice_hint(str(name), params or {"(none defined)": 1}))
        value = params[name]
    return Leaf(cond.fact, cond.op, value, cond.where)


def _resolve_vocabulary(leaf: Leaf, vocabulary: Mapping[str, Any], err) -> dict:
    where = leaf.where + ("value",)
    name = leaf.value.get("vocabulary")
    if set(leaf.value) != {"vocabulary"} or not isinstance(name, str):
        raise err(where, "a vocabulary value must be {vocabulary: name}", "write value: {vocabulary: reference_demand}")
    if leaf.op != "mentions":
        raise err(where, f"a {{vocabulary: {name}}} value works only with 'mentions', not '{leaf.op}'",
                  "write op: mentions, or give a plain value")
    if name not in vocabulary:
        raise err(where, f"unknown vocabulary '{name}'",
                  choice_hint(name, vocabulary) if vocabulary else "define it under vocabulary: in pack.yaml")
    return vocabulary_value(name, vocabulary[name])


def vocabulary_value(name: str, words: Any) -> dict:
    """A resolved ``{vocabulary: name}``: the name (what the trace and the docs show) and its words, read as the fact
    builder reads a vocabulary (accounts/wordlists.py: English by whole word, a plural s/es included; Chinese,
    simplified and traditional, by substring), so a rule and a fact never disagree on what a word matches."""
    w = words.model_dump() if hasattr(words, "model_dump") else dict(words)
    return {"vocabulary": name, "en": sorted(w.get("en") or ()),
            "zh": sorted(set(w.get("zh") or ()) | set(w.get("zh_hant") or ()))}


def is_vocabulary(value: Any) -> bool:
    return isinstance(value, dict) and "vocabulary" in value


@lru_cache(maxsize=None)
def _vocabulary_finder(en: tuple, zh: tuple):
    return wordlists.finder({"v": {"en": list(en), "zh": list(zh)}}, "v")


def mention_found(value: Any, text: Any) -> str | None:
    """The word of a ``mentions`` value that the text holds (the first in the list's order; for a vocabulary, the
    first in the text), or None: the trace shows it, so a reader sees which word made the rule fire."""
    if not isinstance(text, str):
        return None
    if is_vocabulary(value):
        return _vocabulary_finder(tuple(value["en"]), tuple(value["zh"]))(text)
    for w in (value if isinstance(value, list) else [value]):
        if w.lower() in text:
            return w
    return None


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


def number_problem(value: Any) -> str | None:
    """Why a pack's number cannot reach the engine (ENGINE-NOTES 13), or None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value!r} is not a finite number"
    if abs(value) > MAX_NUMBER:
        return f"{value!r} is beyond ±{MAX_NUMBER:,.0f}"
    if isinstance(value, float) and round(value, DECIMALS) != value:
        return f"{value!r} has more than {DECIMALS} decimal places (accounts are compared at 0.0001)"
    return None


def value_problem(value: Any) -> str | None:
    """Why a pack value (number, text or list of them) is out of the engine's range, or None."""
    if isinstance(value, list):
        if len(value) > MAX_LIST:
            return f"a list of {len(value)} values is longer than {MAX_LIST}"
        for v in value:
            problem = value_problem(v)
            if problem:
                return problem
        return None
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return f"a text of {len(value)} characters is longer than {MAX_TEXT}"
    return number_problem(value)


def _check_value(leaf: Leaf, ftype: str, err) -> None:
    op, value = leaf.op, leaf.value
    if op in ("exists", "not_exists"):
        return
    where = leaf.where + ("value",)
    problem = value_problem(value)
    if problem:
        raise err(where, f"value {problem}", "use a plain number with at most 4 decimals, "
                  f"within ±{MAX_NUMBER:,.0f}, and short texts and lists")
    if op in ("in", "not_in"):
        if not isinstance(value, list) or not value or not all(_scalar_ok(v, ftype) for v in value):
            raise err(where, f"'{op}' on {ftype} fact '{leaf.fact}' needs a non-empty list of {ftype} values",
                      "write value: [a, b]")
        return
    if op == "mentions":
        if is_vocabulary(value):
            if not (value["en"] or value["zh"]):
                raise err(where, f"vocabulary '{value['vocabulary']}' has no words in this pack set",
                          f"add words under vocabulary: {value['vocabulary']}: in pack.yaml")
            return
        words = value if isinstance(value, list) else [value]
        if not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise err(where, "'mentions' needs a word or a list of words", "write value: [贵, expensive]")
        return  # words are literal: matching happens in Python, never in the engine (mention_key)
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
        return mention_found(value, actual) is not None
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
            # a vocabulary is shown by its name (its words are in the pack docs), with the word that matched
            node["value"] = {"vocabulary": cond.value["vocabulary"]} if is_vocabulary(cond.value) else cond.value
        node["factResult"] = None if actual is MISSING else actual
        if cond.op == "mentions" and result:
            node["matched"] = mention_found(cond.value, actual)
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
# durable's $mt is a Lua pattern, not literal text: '|' and '{n}' change the meaning,
# a bare '{' is rejected and a text of 64 KiB never matches (ENGINE-NOTES 14). So the
# engine never matches text: each `mentions` test is computed in Python (the same
# ``_test`` the trace uses) and handed to the engine as a boolean field of the fact.
MENTION_PREFIX = "mentions__"


def mention_words(leaf: Leaf) -> Any:
    """A mentions test's value: a list of words, or a resolved vocabulary (``vocabulary_value``)."""
    if is_vocabulary(leaf.value):
        return leaf.value
    return leaf.value if isinstance(leaf.value, list) else [leaf.value]


def mention_key(leaf: Leaf) -> str:
    """The engine-side field holding the result of this `mentions` test for a fact."""
    words = mention_words(leaf)
    if is_vocabulary(words):  # the name and every word: a pack that adds a word makes another test
        words = ["vocabulary:" + words["vocabulary"], "en:"] + words["en"] + ["zh:"] + words["zh"]
    text = leaf.field + "\0" + "\0".join(words)
    return MENTION_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def mention_tests(cond: Condition | None) -> dict[str, tuple[str, str, list[str]]]:
    """mention key → (kind, field, words) for every `mentions` leaf of a tree."""
    out = {}
    for leaf in leaves(cond) if cond is not None else ():
        if leaf.op == "mentions":
            out[mention_key(leaf)] = (leaf.kind, leaf.field, mention_words(leaf))
    return out


def mentions_result(fact: dict, name: str, words: Any) -> bool:
    """The value of a `mentions` test on one fact, exactly as the trace computes it."""
    actual = fact.get(name, MISSING)
    return isinstance(actual, str) and _test("mentions", actual, words)


def bool_depth(expr: Any) -> int:
    """How many $and/$or levels a compiled expression nests (the engine allows 15)."""
    if isinstance(expr, dict):
        inner = max((bool_depth(v) for v in expr.values()), default=0)
        return inner + (1 if ("$and" in expr or "$or" in expr) else 0)
    if isinstance(expr, list):
        return max((bool_depth(v) for v in expr), default=0)
    return 0


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
        if cond.op == "mentions" and not negate:
            return {mention_key(cond): True}  # computed in Python before the engine (see mention_key)
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
