"""Contract-shaped `advisor plan` documents for the board's tests (notes: plan-contract.md, version 1).

`advisor plan` is built elsewhere; the board renders its JSON document. These helpers
make such documents by hand and from real batch output, so the board is tested on the
contract's shape and on real actions.
"""
from __future__ import annotations

import datetime as dt

from advisor.output import render


def item(account: str, action: dict, as_of: dt.date) -> dict:
    by = dt.date.fromisoformat(action["by"])
    return {"account": account, "rule": action["rule"], "contact": action["who"]["contact"],
            "who": action["who"]["label"], "what": action["what"], "by": action["by"],
            "due_in_days": action["due_in_days"], "uid": f"{account}/{action['rule']}/{action['who']['contact']}@{by}"}


def plan_from_batch(results, as_of: dt.date, days: int = 7, lang: str = "en") -> dict:
    """A version-1 plan document from `run_batch` rows: a crude need score, real actions."""
    accounts, week, overdue, failed = [], {as_of + dt.timedelta(d): [] for d in range(days)}, [], []
    for row in results:
        if row.error:
            failed.append({"file": row.label, "error": row.error})
            continue
        doc = render.as_dict(row.advice, lang, 0)
        acts = doc["actions"]
        late = [a for a in acts if a["due_in_days"] < 0]
        soon = [a for a in acts if 0 <= a["due_in_days"] < days]
        category = next((f["value"] for f in row.advice.derived if f["kind"] == "category"), None)
        parts = {"overdue": 30 * len(late), "due_soon": 5 * len(soon), "top_action": acts[0]["score"] if acts else 0}
        accounts.append({
            "account": doc["account"], "file": row.label, "owner": None, "industry": doc["industry"],
            "category": category, "need": float(sum(parts.values())), "need_parts": parts,
            "reasons": [f"{len(late)} actions overdue"] if late else [f"{len(soon)} actions due within {days} days"],
            "overdue": len(late), "due_soon": len(soon), "days_since_contact": None,
            "value_at_stake": 0.0, "actions": acts[:3]})
        for a in acts:
            (overdue if a["due_in_days"] < 0 else week.get(dt.date.fromisoformat(a["by"]), [])).append(
                item(doc["account"], a, as_of))
    accounts.sort(key=lambda a: (-a["need"], a["account"]))
    for rank, acc in enumerate(accounts, 1):
        acc["rank"] = rank
    return {"version": 1, "as_of": as_of.isoformat(), "lang": lang, "days": days,
            "accounts": [{"rank": a.pop("rank"), **a} for a in accounts],
            "week": [{"date": d.isoformat(), "items": items} for d, items in sorted(week.items())],
            "overdue": overdue, "failed": failed}
