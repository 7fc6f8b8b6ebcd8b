"""Measure advisor: throughput against raw durable-rules, cold start, parse cost, engine-vs-trace agreement.

    .venv/bin/python benchmarks/bench.py            # prints a Markdown report
    .venv/bin/python benchmarks/bench.py --write    # also replaces this run's section of benchmarks/results.md

Every figure is a median of several runs, as CPU time (what the work costs; the
machine is shared, so wall time varies with other load) and wall time side by side.

Throughput: the full pipeline (enrich → engine → rank → texts of the shown actions) and
the engine layer alone, against two raw baselines on the *same compiled rulesets and
the same facts, derived ones included* (each account's derived facts are computed
first and asserted with the base facts, so the raw runs fire the same rules):
- wrapper: durable's Python ``Host`` with no-op actions (what the wrapper costs);
- C: ``durable_rules_engine`` called directly, each action started and completed with
  nothing done — the floor any layer on this engine can reach.

Nothing is asserted here; numbers are recorded.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor import Advisor  # noqa: E402
from advisor.accounts.facts import enrich  # noqa: E402
from advisor.language.compiler import DONE_KIND, engine_fact  # noqa: E402
from advisor.language.pack import find_packs  # noqa: E402
from tests.accountgen import random_account  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import durable_rules_engine as dre  # noqa: E402
    from durable.engine import Host  # noqa: E402

AS_OF = dt.date(2026, 11, 23)
RESULTS = ROOT / "benchmarks" / "results.md"
SECTION = "## Issue 13: libyaml, lean engine path, fast start"


def timed(fn, runs: int) -> tuple[float, float]:
    """Median (cpu seconds, wall seconds) of ``runs`` calls."""
    cpu, wall = [], []
    for _ in range(runs):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), statistics.median(wall)


def interleaved(fns, runs: int) -> list[tuple[float, float]]:
    """Like ``timed`` for several functions, alternating them run by run."""
    got: list[list[tuple[float, float]]] = [[] for _ in fns]
    for _ in range(runs):
        for i, fn in enumerate(fns):
            got[i].append(timed(fn, 1))
    return [(statistics.median(c for c, _ in g), statistics.median(w for _, w in g)) for g in got]


# ------------------------------------------------------------- raw durable ---
class _NoopHost(Host):
    def _run(self):  # no timer threads
        pass

    def get_action(self, name):
        def noop(c):
            return None
        return noop


_raw_ids = iter(range(1, 10**9))


def wrapper_raw(compiled, batches):
    host = _NoopHost()
    tag = next(_raw_ids)
    definitions = {f"w{tag}/{name}": json.loads(json.dumps(d)) for name, d in compiled.rulesets.items()}
    host.register_rulesets(definitions)
    names = list(definitions)

    def run():
        for i, facts in enumerate(batches):
            sid = f"w{i}"
            batch = [dict(f, sid=sid) for f in facts]
            for name in names:
                host.assert_facts(name, batch)
            for name in names:
                host.delete_state(name, sid)
    return run


def c_raw(compiled, batches):
    tag = next(_raw_ids)
    handles = []
    for name, definition in compiled.rulesets.items():
        body = {k: {kk: vv for kk, vv in r.items() if kk != "run"} for k, r in definition.items()}
        handles.append(dre.create_ruleset(f"c{tag}/{name}", json.dumps(body, ensure_ascii=False)))

    def run():
        for i, facts in enumerate(batches):
            sid = f"c{i}"
            text = json.dumps([dict(f, sid=sid) for f in facts], ensure_ascii=False)
            for h in handles:
                state = dre.assert_facts(h, text)[1]
                started = dre.start_action_for_state(h, state)
                if started:
                    while dre.complete_and_start_action(h, state):
                        pass
            for h in handles:
                dre.delete_state(h, sid)
    return run


# ------------------------------------------------------ where the time goes ---
def stage_costs(advisor, accounts, names) -> dict[str, float]:
    """CPU seconds per account of each stage of the full pipeline (``pipeline_only``'s loop), by
    wrapping the functions advise calls with process-time counters (each wrapper adds ~1 µs a call)."""
    import advisor.api as api
    from advisor.evaluation.engine import Engine

    spent: dict[str, float] = {}
    wrapped = [("recognising objections", api.Advisor, "recognise"), ("building facts", api, "enrich"),
               ("engine layer", Engine, "run"), ("recommendations and suppressions", api.outcomes, "recommendations"),
               ("recommendations and suppressions", api.outcomes, "suppression"), ("ranking", api, "rank"),
               ("checking the account against the packs", api, "check_account")]
    originals = []
    for label, owner, attr in wrapped:
        fn = owner.__dict__[attr] if isinstance(owner, type) else getattr(owner, attr)
        originals.append((owner, attr, fn))

        def timed_call(*a, _fn=fn.__func__ if isinstance(fn, staticmethod) else fn, _label=label, **k):
            t = time.process_time()
            try:
                return _fn(*a, **k)
            finally:
                spent[_label] = spent.get(_label, 0.0) + time.process_time() - t
        setattr(owner, attr, staticmethod(timed_call) if isinstance(fn, staticmethod) else timed_call)
    try:
        total = time.process_time()
        for acc in accounts:
            advice = advisor.advise(acc, as_of=AS_OF, packs=names)
            t = time.process_time()
            for a in advice.actions[:5]:
                a.what["en"], a.why["en"]
            spent["texts of the top five"] = spent.get("texts of the top five", 0.0) + time.process_time() - t
        total = time.process_time() - total
    finally:
        for owner, attr, fn in originals:
            setattr(owner, attr, fn)
    spent["the rest of advise (the Advice, bookkeeping)"] = total - sum(spent.values())
    return {label: value / len(accounts) for label, value in spent.items()}


# ----------------------------------------------------------- subprocesses ---
WRAPPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, capture_output=True)
wall = time.perf_counter() - start
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, r.ru_utime + r.ru_stime, r.ru_maxrss)
"""


def process(cmd: list[str], runs: int) -> tuple[float, float, float]:
    """Median cpu and wall seconds and max peak RSS (MB) of a whole process, one per run."""
    cpu, wall, peak = [], [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], check=True, capture_output=True,
                             text=True).stdout.split()
        wall.append(float(out[0]))
        cpu.append(float(out[1]))
        peak.append(int(out[2]) / 1024)
    return statistics.median(cpu), statistics.median(wall), max(peak)


# ------------------------------------------------------------------ parse ---
def parse_costs(runs: int) -> dict[str, tuple[float, float]]:
    """Median cpu ms per file: ruamel.yaml round trip with positions (before) vs libyaml (now)."""
    from advisor.files import yamlio
    from advisor.files.yamlparse import parse

    groups = {"account files (fixtures/accounts)": sorted((ROOT / "fixtures" / "accounts").glob("*.yaml")),
              "pack files (rules/)": sorted((ROOT / "rules").rglob("*.yaml"))}
    out = {}
    for label, files in groups.items():
        texts = [p.read_text(encoding="utf-8") for p in files]

        def before():
            for t in texts:
                locs = yamlio.Locations("f", t)
                locs.find(())  # the round-trip parse and the position walk, as every load did before

        def now():
            for t in texts:
                parse(t)
        b = timed(before, runs)[0] / len(texts) * 1000
        a = timed(now, runs)[0] / len(texts) * 1000
        out[label] = (b, a, len(texts))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5, help="runs per in-process measure (median)")
    parser.add_argument("--procs", type=int, default=15, help="processes per cold-start measure (median)")
    parser.add_argument("--check", type=int, default=1000, help="accounts for the engine-vs-trace check")
    parser.add_argument("--write", action="store_true", help="replace this section of benchmarks/results.md")
    args = parser.parse_args()

    advisor = Advisor(ROOT / "rules")
    packs = sorted(find_packs(ROOT / "rules"))
    industry = [p for p in packs if p != "core"]
    rng = random.Random(7)
    accounts = []
    for i in range(args.accounts):
        ind = industry[i % len(industry)] if industry and i % 2 else None
        # an account may set only the checklist flags its own packs declare (else advise refuses it)
        acc = random_account(rng, AS_OF, i, sorted(advisor.packset(packs=["core", ind] if ind else ["core"]).flags))
        if ind:
            acc.industry = ind
        accounts.append(acc)
    for acc in accounts[:20]:  # load and compile every pack set once
        advisor.advise(acc, as_of=AS_OF)

    # full pipeline, the way `advise` uses it: the top 5 actions' texts in one language are read
    def pipeline():
        for acc in accounts:
            advice = advisor.advise(acc, as_of=AS_OF)
            for a in advice.actions[:5]:
                a.what["en"], a.why["en"]
    full_cpu, full_wall = timed(pipeline, args.runs)

    rows = []
    for names in (["core"], [max(industry, key=lambda p: len(advisor.packset(packs=[p]).rules))]):
        packset, engine = advisor.load(names)
        # accounts of this pack set (checklist flags it declares; packs are chosen, so no industry)
        row_rng = random.Random(8)
        row_accounts = [random_account(row_rng, AS_OF, i, sorted(packset.flags)) for i in range(args.accounts)]
        facts = [enrich(acc, AS_OF) for acc in row_accounts]
        derived = [engine.run(f).derived for f in facts]
        # the facts exactly as the engine layer sends them (mentions results included), derived ones too
        batches = [[engine_fact(x, "", engine.compiled.mentions) for x in f] + [{"id": "$done", "kind": DONE_KIND}]
                   + [engine_fact(x, "", engine.compiled.mentions) for x in d]
                   for f, d in zip(facts, derived)]

        def engine_only():
            for f in facts:
                engine.run(f)

        def pipeline_only():
            for acc in row_accounts:
                advice = advisor.advise(acc, as_of=AS_OF, packs=names)
                for a in advice.actions[:5]:
                    a.what["en"], a.why["en"]
        # interleaved, run by run, so a change in the machine's load hits all four alike
        eng, full, wrap, floor = interleaved([engine_only, pipeline_only, wrapper_raw(engine.compiled, batches),
                                              c_raw(engine.compiled, batches)], args.runs)
        rows.append((" + ".join(packset.names), len(packset.rules), len(engine.compiled.rulesets),
                     sum(map(len, derived)) / len(accounts), full, eng, wrap, floor))
        if len(rows) == 1:  # where one account's time goes, core only, against the C floor's time
            stages = (stage_costs(advisor, row_accounts, names), floor[0] / len(row_accounts))

    # engine and trace agree (ENGINE-NOTES 10) on many more accounts than the test suite runs
    crng = random.Random(20261124)
    agree = 0
    for i in range(args.check):
        chosen = ["core"] if i % 3 == 0 else [packs[i % len(packs)]]
        acc = random_account(crng, AS_OF, i, sorted(advisor.packset(packs=chosen).flags))
        advice = advisor.advise(acc, as_of=AS_OF, packs=chosen, trace=True)
        agree += set(advice.fired) == set(advice.evaluation.fired) and not advice.errors

    parse = parse_costs(args.runs)
    fixture = str(ROOT / "fixtures" / "accounts" / "jingfeng-dealer.yaml")
    exe = str(Path(sys.executable).parent / "advisor")
    env_note = os.environ.get("PYDANTIC_DISABLE_PLUGINS")
    cold = process([exe, "advise", fixture, "--as-of", "2026-11-23"], args.procs)
    version = process([exe, "--version"], args.procs)
    bare = process([sys.executable, "-c", "pass"], args.procs)
    load = os.getloadavg()[0]

    def rate(t: float) -> str:
        return f"{args.accounts / t:,.0f}"

    lines = [SECTION, "",
             f"Recorded by `.venv/bin/python benchmarks/bench.py --write` on {dt.date.today()} — "
             f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}, "
             f"{os.cpu_count()} CPUs shared with other jobs (1-min load average {load:.1f} at the end). "
             f"{args.accounts} generated accounts (tests/accountgen.py, seed 7), as of {AS_OF}; "
             f"medians of {args.runs} runs; processes: medians of {args.procs}."
             + (f" PYDANTIC_DISABLE_PLUGINS={env_note} was set outside." if env_note else ""), "",
             "| measure | CPU | wall |", "|---|---|---|",
             f"| full pipeline, mixed core/industry packs (accounts/s) | {rate(full_cpu)} | {rate(full_wall)} |"]
    for name, n_rules, n_sets, n_derived, full, eng, wrap, floor in rows:
        lines += [
            f"| **{name}** ({n_rules} rules, {n_sets} rulesets, {n_derived:.1f} derived facts per account) | | |",
            f"| &nbsp; full pipeline (accounts/s) | {rate(full[0])} | {rate(full[1])} |",
            f"| &nbsp; advisor engine layer (accounts/s) | {rate(eng[0])} | {rate(eng[1])} |",
            f"| &nbsp; raw durable, Python wrapper, no-op actions (accounts/s) | {rate(wrap[0])} | {rate(wrap[1])} |",
            f"| &nbsp; raw durable, C extension directly — the floor (accounts/s) | {rate(floor[0])} | {rate(floor[1])} |",
            f"| &nbsp; engine layer ÷ C floor | {eng[0] / floor[0]:.2f}× | {eng[1] / floor[1]:.2f}× |",
            f"| &nbsp; engine layer ÷ wrapper raw | {eng[0] / wrap[0]:.2f}× | {eng[1] / wrap[1]:.2f}× |",
            f"| &nbsp; full pipeline ÷ wrapper raw (raw durable as a user drives it) | {full[0] / wrap[0]:.2f}× "
            f"| {full[1] / wrap[1]:.2f}× |",
            f"| &nbsp; full pipeline ÷ C floor | {full[0] / floor[0]:.2f}× | {full[1] / floor[1]:.2f}× |",
        ]
    costs, floor_each = stages
    lines += [f"| **where a full-pipeline account's CPU time goes** (core; ms per account; the C floor's whole run "
              f"of the same account takes {floor_each * 1000:.3f} ms) | | |"]
    lines += [f"| &nbsp; {label} | {value * 1000:.3f} ms ({value / sum(costs.values()):.0%}) | |"
              for label, value in sorted(costs.items(), key=lambda kv: -kv[1])]
    lines += [
        f"| `advisor advise fixtures/accounts/jingfeng-dealer.yaml` as a whole process (ms) | {cold[0] * 1000:,.0f} | {cold[1] * 1000:,.0f} |",
        f"| `advisor --version` as a whole process (ms) | {version[0] * 1000:,.0f} | {version[1] * 1000:,.0f} |",
        f"| `python -c pass` on this machine now, for scale (ms) | {bare[0] * 1000:,.0f} | {bare[1] * 1000:,.0f} |",
        f"| peak RSS of one `advisor advise` process | {cold[2]:,.0f} MB | |",
    ]
    for label, (before, after, n) in parse.items():
        lines.append(f"| parse cost per new file, {label}, {n} files: ruamel.yaml with positions → libyaml (ms) "
                     f"| {before:.2f} → {after:.2f} ({before / after:.0f}× less) | |")
    lines += [f"| engine and trace fire the same rules (generated accounts, mixed packs) | {agree:,} / {args.check:,} | |", ""]
    report = "\n".join(lines)
    print(report)
    if args.write:
        old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
        head, _, rest = old.partition(SECTION)
        tail = rest[rest.find("\n## ", 1):] if "\n## " in rest else ""
        RESULTS.write_text(head.rstrip() + "\n\n" + report.rstrip() + "\n" + tail, encoding="utf-8")


if __name__ == "__main__":
    main()
