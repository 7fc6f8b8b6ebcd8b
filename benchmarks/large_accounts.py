"""Advice on large legal accounts grows linearly with their size (issue 20).

    .venv/bin/python benchmarks/large_accounts.py            # CPU seconds of one advise, per size

An outside audit found 4,000 contacts took 32 s and 20,000 over 300 s (per-contact scans of
every contact, visit and objection; a scan of every fact per firing; an ordering loop that
searched and removed from a list). Each kind of list is grown here from a quarter of its
documented bound (accounts/bounds.py) to the bound, and one ``Advisor.advise`` is timed in CPU
seconds (``time.process_time``: the machine is shared, wall time would measure the others).
Linear: the time per entry stays about the same as the list grows.
"""
from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor.accounts.account import validate_account  # noqa: E402
from advisor.accounts.bounds import COUNT_LIMITS  # noqa: E402
from advisor.api import Advisor  # noqa: E402
from advisor.files.yamlio import Locations  # noqa: E402

AS_OF = dt.date(2026, 11, 23)
ROLES = ["decider", "influencer", "purchaser", "user", "expert"]


def account(kind: str, n: int) -> dict:
    data: dict = {"name": "Large Co", "stage": "propose", "industry": "it-distribution",
                  "contacts": [{"name": "C0", "roles": ["decider"], "met": True}]}
    if kind == "contacts":
        data["contacts"] = [{"name": f"C{i}", "roles": [ROLES[i % 5]], "met": i % 2 == 0,
                             "reaches": [f"C{(i + 1) % n}"], "related_to": [f"C{(i + 2) % n}"]} for i in range(n)]
    elif kind == "objections":
        data["objections"] = [{"contact": "C0", "text": f"太贵了 {i}", "date": "2026-11-01"} for i in range(n)]
    elif kind == "visits":
        data["visits"] = [{"contact": "C0", "date": "2026-10-01", "minutes": 30, "outcome": "neutral"}
                          for _ in range(n)]
    elif kind == "deals":
        data["deals"] = [{"name": f"D{i}", "status": ["won", "lost", "open"][i % 3], "amount": 1000,
                          "closed": "2026-01-01"} for i in range(n)]
    return data


def main() -> None:
    advisor = Advisor()
    advisor.advise(validate_account(account("visits", 1), Locations("warm-up")), as_of=AS_OF)  # packs loaded
    print("| list | entries | CPU s of one advise | ms per entry |")
    print("|---|---|---|---|")
    for kind in ("contacts", "objections", "visits", "deals"):
        bound = COUNT_LIMITS[(kind,)]
        for n in (bound // 4, bound // 2, bound):
            acc = validate_account(account(kind, n), Locations("generated"))
            start = time.process_time()
            advisor.advise(acc, as_of=AS_OF)
            spent = time.process_time() - start
            print(f"| {kind} | {n:,} | {spent:.2f} | {1000 * spent / n:.3f} |", flush=True)


if __name__ == "__main__":
    main()
