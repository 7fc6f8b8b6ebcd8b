"""Why didn't a rule fire, and what would make it fire? Read off the trace's result tree.

A silent rule's tree says every condition's actual value. The *culprit* is the first
leaf that keeps the tree from passing: under ``all`` the first failing child, under a
failing ``any`` its first branch (any one branch would do), and under ``not`` the roles
swap (the inner tree must *fail*, so the culprit is its first leaf that passes, negated).
The sentence names the condition the rule needs, the value it saw and a value that
would pass, e.g. ``needs contact.met eq false; is true``.
"""
from __future__ import annotations

import json
from typing import Any, Optional

from ..language.conditions import NEGATION

NEGATED_ONLY = {"mentions": "not_mentions"}  # operators without a positive twin in NEGATION


def value_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def group_of(node: dict) -> Optional[str]:
    return next((k for k in ("all", "any", "not") if k in node), None)


def children_of(node: dict) -> list[dict]:
    op = group_of(node)
    return [node["not"]] if op == "not" else list(node[op])


def culprit(node: dict, want: bool = True, path: tuple = ()) -> Optional[dict]:
    """The first leaf standing between ``node`` and result ``want``; None when it already has it.

    Returns {"leaf": the trace leaf, "negated": whether the rule needs it *false*,
    "path": child indexes from the root, "alternatives": how many ``any`` branches could
    serve instead (0 when this leaf must change)}.
    """
    if node.get("result") == want:
        return None
    op = group_of(node)
    if op is None:
        return {"leaf": node, "negated": not want, "path": path, "alternatives": 0}
    kids = children_of(node)
    if op == "not":
        return culprit(kids[0], not want, path + (0,))
    # For `all` wanting True and `any` wanting False, every child must reach `want`: the
    # first child that does not is the culprit. For `all` wanting False and `any` wanting
    # True, one child reaching `want` is enough: take the first (they all miss it).
    every = (op == "all") == want
    for i, kid in enumerate(kids):
        if kid.get("result") != want:
            found = culprit(kid, want, path + (i,))
            if found is not None:
                if not every:
                    found["alternatives"] = max(found["alternatives"], len(kids) - 1)
                return found
    return None


def failing_conjuncts(tree: dict) -> int:
    """How many top-level conditions fail (0 = fires); fewer means closer to firing."""
    if tree.get("result"):
        return 0
    if group_of(tree) == "all":
        return sum(1 for kid in tree["all"] if not kid.get("result"))
    return 1


def _op_text(op: str, negated: bool) -> str:
    if not negated:
        return op
    return NEGATION.get(op) or NEGATED_ONLY.get(op) or f"not {op}"


def passing_text(op: str, value: Any, lang: str) -> str:
    """A value that would satisfy ``fact op value``."""
    v = value_text(value)
    zh = lang == "zh"
    if op == "eq":
        return v
    if op == "ne":
        return f"除 {v} 以外的任何值" if zh else f"anything but {v}"
    if op in ("gt", "gte", "lt", "lte"):
        sign = {"gt": ">", "gte": "≥", "lt": "<", "lte": "≤"}[op]
        return f"{sign} {v}"
    if op == "in":
        return f"{v} 之一" if zh else f"one of {v}"
    if op == "not_in":
        return f"{v} 以外的值" if zh else f"none of {v}"
    if op == "contains":
        return f"包含 {v} 的列表" if zh else f"a list with {v}"
    if op == "not_contains":
        return f"不含 {v} 的列表" if zh else f"a list without {v}"
    if op == "mentions":
        return f"提到 {v} 的文字" if zh else f"text mentioning {v}"
    if op == "not_mentions":
        return f"不提 {v} 的文字" if zh else f"text not mentioning {v}"
    if op == "exists":
        return "任何值" if zh else "any value"
    if op == "not_exists":
        return "无此值" if zh else "no value"
    return v


def explain(found: dict, lang: str) -> str:
    """One line: what the rule needs, what it saw, what would pass."""
    leaf = found["leaf"]
    op = _op_text(leaf["operator"], found["negated"])
    needs = f"{leaf['fact']} {op}" + (f" {value_text(leaf['value'])}" if "value" in leaf else "")
    actual = leaf.get("factResult")
    zh = lang == "zh"
    seen = ("缺失" if zh else "missing") if actual is None else value_text(actual)
    passes = passing_text(op, leaf.get("value"), lang) if op != "eq" else None  # eq already says it
    if zh:
        line = f"需要 {needs};实际为 {seen}" + (f";{passes} 即可通过" if passes else "")
        if found["alternatives"]:
            line += f"(或满足 any 的另外 {found['alternatives']} 个分支之一)"
        return line
    line = f"needs {needs}; is {seen}" + (f"; would pass with {passes}" if passes else "")
    n = found["alternatives"]
    if n:
        line += " (or the other branch of its any)" if n == 1 else f" (or one of the {n} other branches of its any)"
    return line


def why_not(tree: dict) -> Optional[dict]:
    """{"path", "fact", "operator", "value", "actual", "failing", "text": {en, zh}} or None if it passed."""
    found = culprit(tree)
    if found is None:
        return None
    leaf = found["leaf"]
    return {"path": list(found["path"]), "fact": leaf["fact"], "operator": _op_text(leaf["operator"], found["negated"]),
            "value": leaf.get("value"), "actual": leaf.get("factResult"), "alternatives": found["alternatives"],
            "failing": failing_conjuncts(tree), "text": {lang: explain(found, lang) for lang in ("en", "zh")}}


def closest_binding(bindings: list[dict]) -> Optional[dict]:
    """The binding nearest to firing (fewest failing top-level conditions; the first on ties)."""
    if not bindings:
        return None
    return min(bindings, key=lambda b: failing_conjuncts(b["conditions"]))
