"""What an action rested on, as a short hash: "done" lasts until this changes.

A rule fires on a binding (one fact per kind it tests). The fingerprint keeps
what would make the rep look again:

- the account fact: only the fields the rule's conditions test (a new contact
  elsewhere must not bring back a finished account-level action);
- a contact: its name and the fields tested on it;
- a visit, an objection or any other event-like fact: all of its content (so a
  new objection or a new visit is a new component), never its list position;
- derived facts (category, objection kind …): their values and the fact they
  were derived from (two objections of the same kind are two components).

Counts of days ("days_since_last_visit": 40) change every day although nothing
happened; they are turned back into the date they count from (as-of minus 40),
which only moves when a new visit, order or objection arrives.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, Iterable

from ..accounts import promises
from ..language import conditions as cnd
from ..language.pack import Rule

IDENTITY_KINDS = {"account", "contact"}  # facts with an identity of their own; others are their content


def _is_day_count(name: str) -> bool:
    return name == "days_ago" or name.startswith("days_since")


def _stable(name: str, value: Any, as_of: dt.date) -> Any:
    if _is_day_count(name) and isinstance(value, (int, float)) and not isinstance(value, bool):
        return (as_of - dt.timedelta(days=int(value))).isoformat()
    return value


def tested_fields(rule: Rule) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for leaf in cnd.leaves(rule.when) if rule.when else []:
        out.setdefault(leaf.kind, set()).add(leaf.field)
    return out


def _content(fact: dict, as_of: dt.date) -> dict:
    if fact.get("kind") == "contact":
        return {"name": fact.get("name")}
    if fact.get("kind") == "account":
        return {}
    volatile = promises.VOLATILE if fact.get("kind") == "promise" else ()
    return {n: _stable(n, v, as_of) for n, v in fact.items() if n not in ("id", "subject") and n not in volatile}


def binding_component(rule: Rule, binding: dict, as_of: dt.date, facts_by_id: dict | None = None) -> str:
    """One binding of a rule, as a canonical JSON string (``facts_by_id`` resolves derived facts' subjects)."""
    tested = tested_fields(rule)
    parts = {}
    for kind in rule.kinds:
        fact = binding.get(kind)
        if fact is None:
            continue
        if fact.get("kind") in IDENTITY_KINDS:
            names = sorted(tested.get(kind, set()))
            part = {n: _stable(n, fact.get(n), as_of) for n in names}
            if fact.get("kind") == "contact":
                part["name"] = fact.get("name")
        else:
            part = _content(fact, as_of)
            subject = (facts_by_id or {}).get(fact.get("subject"))
            if subject is not None and subject is not fact:
                part["subject"] = _content(subject, as_of)
        parts[kind] = part
    return json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)


def combine(components: Iterable[str]) -> str:
    blob = "\n".join(sorted(set(components)))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
