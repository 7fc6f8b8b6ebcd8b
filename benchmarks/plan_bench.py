"""Measure the weekly plan and the feedback store: what they add to advising.

    .venv/bin/python benchmarks/plan_bench.py          # prints a Markdown table

- advise with no store vs with a store of many events (the store is read once per account);
- the cost of the fingerprints advise computes for every recommendation (CPU time spent
  in the fingerprint function, as a share of advise);
- build_plan over generated accounts, and each output format on the resulting document.

All times are process CPU time (best of 3), so a busy shared machine skews them less.
Nothing is asserted; numbers go to benchmarks/results.md by hand (section "plan and feedback").
"""
from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor import Advisor  # noqa: E402
from advisor.feedback import fingerprint as fp  # noqa: E402
from advisor.feedback.store import Event, Store  # noqa: E402
from advisor.output import plan_formats, render  # noqa: E402
from advisor.portfolio.plan import PlanFilters, build_plan, plan_to_json  # noqa: E402
from tests.accountgen import random_account  # noqa: E402

import random  # noqa: E402

AS_OF = dt.date(2026, 11, 23)
N = 300


def accounts(n: int):
    rng = random.Random(7)
    return [random_account(rng, AS_OF, i) for i in range(n)]


def timed(fn, repeat: int = 3) -> float:
    """Best of ``repeat`` runs, in process CPU seconds (the machine is shared; wall time is noise)."""
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def main() -> None:
    advisor = Advisor(ROOT / "rules")
    accs = accounts(N)
    for a in accs:  # load and compile every pack set before timing
        advisor.advise(a, as_of=AS_OF)
    rows_out = []

    base = timed(lambda: [advisor.advise(a, as_of=AS_OF) for a in accs])
    rows_out.append(("advise, no store", f"{N / base:,.0f} accounts/s"))

    folder = Path(tempfile.mkdtemp(prefix="plan-bench-"))
    store = Store(folder / "fb.sqlite3")
    events = []
    for i, a in enumerate(accs):
        advice = advisor.advise(a, as_of=AS_OF, fingerprints=True)
        for act in advice.actions[:3]:
            events.append(Event(a.name, act.rule, act.contact or "", ("done", "dismiss", "snooze")[i % 3],
                                AS_OF, until=AS_OF + dt.timedelta(days=7) if i % 3 == 2 else None,
                                fingerprint=advice.fingerprints.get((act.rule, act.contact or ""))))
    store.import_events(events)
    with_store = timed(lambda: [advisor.advise(a, as_of=AS_OF, store=store) for a in accs])
    rows_out.append((f"advise, store of {len(events)} events", f"{N / with_store:,.0f} accounts/s "
                     f"({(with_store / base - 1) * 100:+.0f}% CPU per account)"))

    real = fp.binding_component
    spent = [0.0]

    def counting(*a, **k):
        t = time.process_time()
        try:
            return real(*a, **k)
        finally:
            spent[0] += time.process_time() - t

    fp.binding_component = counting
    try:
        total = timed(lambda: [advisor.advise(a, as_of=AS_OF, fingerprints=True) for a in accs], repeat=1)
    finally:
        fp.binding_component = real
    rows_out.append(("fingerprints' share of advise when computed (CPU in binding_component)", f"{spent[0] / total * 100:.1f}%"))

    rows = [(f"gen:{i}", (lambda a=a: a)) for i, a in enumerate(accs)]
    plan_t = timed(lambda: build_plan(rows, advisor, as_of=AS_OF, store=store, filters=PlanFilters(top_actions=0)))
    rows_out.append((f"build_plan, {N} accounts, with the store", f"{plan_t:.2f} s ({N / plan_t:,.0f} accounts/s)"))
    doc = plan_to_json(build_plan(rows, advisor, as_of=AS_OF, store=store, filters=PlanFilters(top_actions=0)))
    items = len(doc["overdue"]) + sum(len(d["items"]) for d in doc["week"])
    for name, fn in (("json", lambda: render.dump_json(doc)), ("text", lambda: plan_formats.text(doc)),
                     ("csv", lambda: plan_formats.csv_text(doc)), ("markdown", lambda: plan_formats.markdown(doc)),
                     ("ics", lambda: plan_formats.ics(doc))):
        rows_out.append((f"render {name} ({items} due items)", f"{timed(fn) * 1000:.0f} ms"))

    print("| measure | value |\n|---|---|")
    for k, v in rows_out:
        print(f"| {k} | {v} |")


if __name__ == "__main__":
    main()
