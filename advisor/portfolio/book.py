"""The book in the plan (issue 21): each account's key-account tier or prospect potential, with the
rule and seed section behind it, and the rep's week shared out between the tiers.

The tiers and potentials are derived by the packs (rules/core/book.yaml: seed 003 一 / 六 and seed
000 · 客户名单的提纯技术); this module only reads them off the advice, looks up which rule derives
each value (so the plan cites the rule's own ``source:``) and turns the pack's ``attention_*``
parameters into hours: the share of the week each tier gets, divided among its accounts.
Prospects of potential A and B share the prospects' time; C and D get no visits (the seed's advice
for them is a call or nothing). A tier with no account gives its share to the others in proportion,
so the hours always add up to the week.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

TIERS = ("key", "potential_key", "regular")  # most attention first
POTENTIALS = ("A", "B", "C", "D")
# the week's buckets: the three tiers, then the prospects worth visits (A, B)
BUCKETS = ("key", "potential_key", "regular", "prospect")
# the pack parameters the plan reads (no rule does: `advisor pack lint` knows them as used)
# (tier_currency: the facts read it, accounts/bookfacts.py, and the plan says it beside a tier)
PARAMS = ("attention_source", "attention_hours", *(f"attention_{b}" for b in BUCKETS), "tier_currency")
LABELS = {
    ("tier", "key"): ("key account", "重点大客户"),
    ("tier", "potential_key"): ("potential key account", "潜在大客户"),
    ("tier", "regular"): ("regular account", "一般客户"),
    ("potential", "A"): ("prospect, potential A", "A类潜在客户"),
    ("potential", "B"): ("prospect, potential B", "B类潜在客户"),
    ("potential", "C"): ("prospect, potential C", "C类潜在客户"),
    ("potential", "D"): ("prospect, potential D", "D类潜在客户"),
    ("bucket", "prospect"): ("prospects A and B", "A、B类潜在客户"),
}


@dataclass(frozen=True)
class BookRules:
    """What the plan needs from the pack set: the rule behind each tier and potential, and the week."""

    rules: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # (kind, value) → (rule, source)
    hours: float = 0.0
    shares: dict[str, float] = field(default_factory=dict)  # bucket → share of the week
    source: Optional[str] = None  # the seed section the sharing rests on (attention_source)


def book_rules(packset) -> BookRules:
    """Read the tier / potential rules and the attention parameters off a loaded PackSet."""
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for rule in packset.rules:
        derive = rule.then.derive
        if derive is not None and derive.kind in ("tier", "potential"):
            value = str(derive.set.get("value"))
            found.setdefault((derive.kind, value), (rule.id, "; ".join(rule.source) or "basis: derived"))
    params = packset.params
    hours = float(params.get("attention_hours", 0) or 0)
    shares = {b: float(params.get(f"attention_{b}", 0) or 0) for b in BUCKETS}
    source = params.get("attention_source")
    return BookRules(found, hours, shares, str(source) if source else None)


def _derived(advice, kind: str) -> Optional[str]:
    values = sorted(str(f.get("value")) for f in advice.derived if f.get("kind") == kind and f.get("value"))
    order = TIERS if kind == "tier" else POTENTIALS
    ranked = [v for v in order if v in values]
    return ranked[0] if ranked else (values[0] if values else None)


def tier_of(advice) -> Optional[str]:
    return _derived(advice, "tier")


def potential_of(advice) -> Optional[str]:
    return _derived(advice, "potential")


def label(kind: str, value: str, lang: str) -> str:
    en, zh = LABELS.get((kind, value), (value, value))
    return zh if lang == "zh" else en


def class_json(kind: str, value: Optional[str], rules: BookRules, lang: str,
               note: Optional[str] = None) -> Optional[dict[str, Any]]:
    """An account's tier or potential in the plan document: value, label, the rule and its seed citation;
    a tier also says (``note``) when its sales were converted, or not compared, for the thresholds."""
    if value is None:
        return None
    rule, source = rules.rules.get((kind, value), (None, None))
    out = {"value": value, "label": label(kind, value, lang), "rule": rule, "source": source}
    if kind == "tier":
        out["note"] = note
    return out


def bucket_of(tier: Optional[str], potential: Optional[str]) -> Optional[str]:
    if tier in TIERS:
        return tier
    if potential in ("A", "B"):
        return "prospect"
    return None


def attention(counts: dict[str, int], rules: BookRules, lang: str) -> dict[str, Any]:
    """The week by tier: per bucket its accounts, share, hours and hours per account.

    ``counts`` maps a bucket (BUCKETS) to its number of accounts in the plan.
    """
    present = {b: rules.shares.get(b, 0.0) for b in BUCKETS if counts.get(b)}
    total = sum(present.values())
    rows = []
    for b in BUCKETS:
        n = counts.get(b, 0)
        share = present[b] / total if b in present and total > 0 else 0.0
        hours = round(rules.hours * share, 1)
        rows.append({"tier": b, "label": label("bucket" if b == "prospect" else "tier", b, lang), "accounts": n,
                     "share": round(share, 3), "hours": hours,
                     "hours_per_account": round(hours / n, 2) if n else 0.0})
    return {"hours": rules.hours, "source": rules.source, "tiers": rows}
