"""Measure the weekly plan and the feedback store: what they add to advising; and the plan at scale.

    .venv/bin/python benchmarks/plan_bench.py          # prints a Markdown table
    .venv/bin/python benchmarks/plan_bench.py scale --sizes 1000,10000,100000 --modes jobs,dask

- advise with no store vs with a store of many events (the store is read once per account);
- the cost of the fingerprints advise computes for every recommendation (CPU time spent
  in the fingerprint function, as a share of advise);
- build_plan over generated accounts, and each output format on the resulting document.

All times are process CPU time (best of 3), so a busy shared machine skews them less.
Nothing is asserted; numbers go to benchmarks/results.md by hand (section "plan and feedback").

``scale`` (issue 21) plans a folder of N generated account files (tests/accountgen.py, seed 7,
written once under $TMPDIR/advisor-plan-bench/N) the way ``advisor plan --format json -o FILE``
does — streamed: advised in ``--jobs`` worker processes or on a Dask LocalCluster of as many
single-threaded worker processes (rows isolated under the 30 s time limit, as ``--dask`` runs
them), ranked in the spill file, written as read back — each run in a fresh child process. Per
run: wall time from the first row to the written file (the Dask cluster's start apart), CPU per
account (the child and all its workers: getrusage of self + children), the peak RSS of the
planning process (what used to grow ~96 KB per account) and of the largest worker, and the
output's SHA-256 (``--jobs`` and ``--dask`` must write the same bytes). The Dask cluster runs in a
process of its own (``plan_bench.py cluster N``), as ``advisor plan --dask ADDRESS`` meets a
cluster: the planning process is the Dask client alone, and the scheduler's peak RSS is its own column.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import resource
import subprocess
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
from tests.accountgen import random_account, random_account_data  # noqa: E402

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


# ------------------------------------------------------------------ scale ---
def book(n: int) -> Path:
    """N generated account files (JSON is YAML), written once and reused."""
    folder = Path(tempfile.gettempdir()) / "advisor-plan-bench" / str(n)
    done = folder / ".complete"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        rng = random.Random(7)
        for i in range(n):
            data = random_account_data(rng, AS_OF, i)
            (folder / f"acc{i:06d}.yaml").write_text(json.dumps(data, default=str, ensure_ascii=False),
                                                     encoding="utf-8")
        done.write_text("ok")
    return folder


def run_one(folder: str, mode: str, jobs: int, out_path: str) -> None:
    """In a fresh child: plan the folder as ``advisor plan`` does; print one JSON line of figures."""
    from advisor.output import plan_formats
    from advisor.output.render import _as_json
    from advisor.portfolio.batch import BatchConfig, portfolio_rows
    from advisor.portfolio.plan_stream import SpilledPlan, iter_pieces

    name, rows = portfolio_rows(Path(folder))
    config = BatchConfig(rules_dir=str(ROOT / "rules"), as_of=AS_OF)
    cluster = client = None
    start_cluster = 0.0
    scheduler_rss = worker_rss = None
    if mode == "dask":
        from dask.distributed import Client

        # the cluster in a process of its own, as `advisor plan --dask ADDRESS` meets it: the planning
        # process is the client alone, and the scheduler's memory is measured apart
        t = time.perf_counter()
        cluster = subprocess.Popen([sys.executable, __file__, "cluster", str(jobs)], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, text=True)
        client = Client(cluster.stdout.readline().strip())
        start_cluster = time.perf_counter() - t
    t = time.perf_counter()
    with SpilledPlan(as_of=AS_OF, portfolio=name) as spilled:
        spilled.add_pieces(iter_pieces(rows, config, spilled.spec, jobs=jobs, timeout=30.0, dask=client))
        advised = time.perf_counter() - t
        digest = hashlib.sha256()
        with open(out_path, "w", encoding="utf-8", newline="") as out:
            for chunk in plan_formats.iter_json(spilled.document(), _as_json):
                out.write(chunk)
                digest.update(chunk.encode("utf-8"))
    wall = time.perf_counter() - t
    if client is not None:
        from advisor.portfolio.dask_run import close_pools

        worker_cpu = sum(client.run(_cpu_here).values())
        client.run(close_pools)
        client.close()
        cluster.stdin.close()  # the cluster process reports its peak RSS and CPU, and ends
        scheduler_rss, worker_rss, cluster_cpu = json.loads(cluster.stdout.readline())
        cluster.wait()
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    if client is not None:  # the Dask workers are not this process's children: each counted its own
        cpu = me.ru_utime + me.ru_stime + worker_cpu + cluster_cpu
    else:
        cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
    print(json.dumps({"wall": wall, "advise_wall": advised, "cluster_start": start_cluster,
                      "cpu": cpu,
                      "rss_mib": me.ru_maxrss / 1024,
                      "worker_rss_mib": kids.ru_maxrss / 1024 if scheduler_rss is None else worker_rss,
                      "scheduler_rss_mib": scheduler_rss,
                      "sha256": digest.hexdigest()[:16], "bytes": os.path.getsize(out_path)}))


def cluster(workers: int) -> None:
    """A Dask LocalCluster in this process (the scheduler) with ``workers`` single-threaded worker
    processes: prints its address, runs until stdin closes, then prints this process's peak RSS in MiB."""
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        print(c.scheduler_address, flush=True)
        sys.stdin.read()
    # the scheduler (and the nannies) run here; the workers and their children are this process's children
    me = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps([me.ru_maxrss / 1024, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                      me.ru_utime + me.ru_stime]), flush=True)


def _cpu_here() -> float:
    """On a Dask worker (client.run): its CPU seconds and its row-running child's. The child is the fork
    server's child, not the worker's (a Dask worker runs threads: no plain fork), so no getrusage of the
    worker ever counts it; it is read from /proc while it still runs."""
    from advisor.portfolio import dask_run

    me = resource.getrusage(resource.RUSAGE_SELF)
    total = me.ru_utime + me.ru_stime
    tick = os.sysconf("SC_CLK_TCK")
    for pool in dask_run._POOLS.values():
        for worker in pool.workers:
            with open(f"/proc/{worker.process.pid}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime (fields 14 and 15)
    return total


def scale(sizes: list[int], modes: list[str], jobs: int) -> None:
    print("| accounts | run | wall s | accounts/s | CPU ms/account | peak RSS, planning process | "
          "peak RSS, largest worker | peak RSS, scheduler | output | sha256 |\n|---|---|---|---|---|---|---|---|---|---|",
          flush=True)
    for n in sizes:
        folder = book(n)
        for mode in modes:
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "plan.json"
                proc = subprocess.run([sys.executable, __file__, "run-one", str(folder), mode, str(jobs), str(out)],
                                      capture_output=True, text=True)
            if proc.returncode != 0:
                print(f"| {n:,} | {mode} | failed: {proc.stderr.strip().splitlines()[-1:]} |", flush=True)
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            run = f"--jobs {jobs}" if mode == "jobs" else f"--dask ({jobs} workers; cluster start {r['cluster_start']:.1f} s)"
            print(f"| {n:,} | {run} | {r['wall']:.1f} | {n / r['wall']:,.0f} | {r['cpu'] / n * 1000:.1f} | "
                  f"{r['rss_mib']:.0f} MiB | {r['worker_rss_mib']:.0f} MiB | "
                  f"{'—' if r['scheduler_rss_mib'] is None else format(r['scheduler_rss_mib'], '.0f') + ' MiB'} | "
                  f"{r['bytes'] / 2**20:.1f} MiB | "
                  f"{r['sha256']} |", flush=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "run-one":
        run_one(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
    elif len(sys.argv) > 1 and sys.argv[1] == "cluster":
        cluster(int(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "scale":
        parser = argparse.ArgumentParser(prog="plan_bench.py scale")
        parser.add_argument("--sizes", default="1000,10000,100000")
        parser.add_argument("--modes", default="jobs,dask")
        parser.add_argument("--jobs", type=int, default=2)
        args = parser.parse_args(sys.argv[2:])
        scale([int(x) for x in args.sizes.split(",")], args.modes.split(","), args.jobs)
    else:
        main()
