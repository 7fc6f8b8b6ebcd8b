"""Which start method for the batch worker pool: fork, forkserver or spawn?

    .venv/bin/python benchmarks/pool_start_bench.py

For each method, in a fresh Python process: optionally load the engine in the
parent first (as a Python caller or the test process would have), then run a
2-worker pool over the fixture accounts three times (a new pool each time) and
report the median wall time of a pool's life (start, load packs, advise 18
accounts, stop) and whether every run's output equals the in-process output.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one(method: str, engine_in_parent: bool) -> dict:
    import datetime as dt

    from advisor.portfolio import pool
    from advisor.portfolio.batch import BatchConfig, advise_row, portfolio_rows, start_worker

    config = BatchConfig(rules_dir=str(ROOT / "rules"), as_of=dt.date(2026, 11, 23), fmt="json", top_n=0)
    _, rows = portfolio_rows(ROOT / "fixtures" / "accounts")
    rows = list(rows)
    start_worker(config, preload=False)
    expected = [advise_row(r) for r in rows] if engine_in_parent else None
    if expected is None:  # the reference, computed in a child so the parent stays clean
        expected = [r.value for r in pool.imap(advise_row, rows, jobs=2, initializer=start_worker,
                                               initargs=(config, True), method="spawn")]
    walls, same = [], True
    for _ in range(3):
        t = time.perf_counter()
        got = [r.value for r in pool.imap(advise_row, rows, jobs=2, initializer=start_worker,
                                          initargs=(config, True), method=method)]
        walls.append(time.perf_counter() - t)
        same &= got == expected
    return {"wall": statistics.median(walls), "first": walls[0], "same": same}


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        print(json.dumps(one(sys.argv[2], sys.argv[3] == "engine")))
        return
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    print("| start method | engine loaded in the parent | pool life, median of 3 (s) | first pool (s) | output = in-process |")
    print("|---|---|---|---|---|")
    for method in ("fork", "forkserver", "spawn"):
        for state in ("clean", "engine"):
            out = subprocess.run([sys.executable, __file__, "--one", method, state], capture_output=True, text=True,
                                 env=env)
            if out.returncode:
                print(f"| {method} | {state} | failed: {out.stderr.strip().splitlines()[-1:]} | | |")
                continue
            r = json.loads(out.stdout)
            print(f"| {method} | {'yes' if state == 'engine' else 'no'} | {r['wall']:.2f} | {r['first']:.2f} | "
                  f"{'yes' if r['same'] else 'NO'} |", flush=True)


if __name__ == "__main__":
    main()
