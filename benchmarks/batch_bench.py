"""Benchmark `advisor batch` on big generated books: accounts/s, CPU, peak RSS of the process tree.

    .venv/bin/python benchmarks/batch_bench.py --sizes 1000 10000 --jobs 1 2 --repeat 3
    .venv/bin/python benchmarks/batch_bench.py --sizes 100000 --jobs 2 --repeat 1

Each size gets a fresh temp folder of new account files (varied accounts from
tests/accountgen.py, each file with its own name), and every run is a fresh
`advisor batch FOLDER --format json --jobs J` process with ADVISOR_NO_CACHE=1
(every file parsed, nothing read from the parsed-YAML cache), stdout to
/dev/null. The process tree (the command, the fork server, the workers) is
sampled from /proc every 0.25 s: peak RSS is the largest sum of its RSS seen
(pages a forked worker shares with its parent are counted in both), peak PSS
the largest sum of proportional set sizes (a shared page split among its
sharers: what the tree really holds);
CPU is the sum over every process seen of its last user+system time (so up
to 0.25 s of a process's last moments may be missed). Medians of --repeat runs.
--minimal writes one-line accounts (`name:` only) instead: parsing and advice
then cost little, which makes a 100k memory run affordable on a busy machine.
Prints a Markdown table; --write appends it to benchmarks/results.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def templates(count: int = 300) -> list[str]:
    """Varied account YAML texts (generated accounts, dumped as block YAML)."""
    import io

    from ruamel.yaml import YAML

    from tests.accountgen import random_account

    rng = random.Random(7)
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    out = []
    for i in range(count):
        account = random_account(rng, dt.date(2026, 11, 23), i)
        data = account.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        buf = io.StringIO()
        yaml.dump(data, buf)
        text = buf.getvalue()
        out.append("\n".join(line for line in text.splitlines() if not line.startswith("name:")))
    return out


def generate(folder: Path, n: int, texts: list[str]) -> None:
    for i in range(n):
        (folder / f"account-{i:06d}.yaml").write_text(f"name: Generated account {i}\n{texts[i % len(texts)]}\n",
                                                       encoding="utf-8")


def _tree(root: int) -> list[int]:
    """The process and its descendants, from /proc/PID/task/TID/children (no scan of all of /proc:
    the sampler must not take the CPU the workers need)."""
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            continue
    return out


def _sample(pid: int) -> tuple[int, int, float] | None:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        with open(f"/proc/{pid}/statm") as f:
            rss_pages = int(f.read().split()[1])
        with open(f"/proc/{pid}/smaps_rollup") as f:
            pss = next(int(line.split()[1]) * 1024 for line in f if line.startswith("Pss:"))
    except (OSError, IndexError, StopIteration):
        return None
    cpu = (int(fields[11]) + int(fields[12])) / TICK  # utime, stime
    return rss_pages * PAGE, pss, cpu


def run(folder: Path, jobs: int, log: str | None = None) -> dict:
    env = dict(os.environ, ADVISOR_NO_CACHE="1")
    cmd = [str(ROOT / ".venv" / "bin" / "advisor"), "batch", str(folder), "--format", "json",
           "--as-of", "2026-11-23", "--jobs", str(jobs)]
    start = time.perf_counter()
    # with --log the report goes to a temp file whose rows are counted as it grows (how far a long run got)
    report = tempfile.NamedTemporaryFile(prefix="advisor-report-", suffix=".json") if log else None
    proc = subprocess.Popen(cmd, stdout=report or subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak, peak_pss, cpu_seen = 0, 0, {}
    rows_done, read_at, last_log = 0, 0, start
    while proc.poll() is None:
        if report and time.perf_counter() - last_log >= 30:
            with open(report.name, "rb") as f:
                f.seek(read_at)
                data = f.read()
            cut = data.rfind(b"\n") + 1  # whole lines only: a row's "file" line is counted once
            rows_done += data[:cut].count(b'\n      "file": ')
            read_at += cut
            last_log = time.perf_counter()
            with open(log, "a", encoding="utf-8") as f:
                f.write(f"{dt.datetime.utcnow():%H:%M:%S} UTC {last_log - start:7.0f} s  rows {rows_done:,}  "
                        f"{rows_done / (last_log - start):6.1f} rows/s  CPU {sum(cpu_seen.values()):7.1f} s  "
                        f"peak RSS {peak / 2**20:5.0f} MiB  peak PSS {peak_pss / 2**20:5.0f} MiB  "
                        f"load {os.getloadavg()[0]:.1f}\n")
        total = total_pss = 0
        for pid in _tree(proc.pid):
            sample = _sample(pid)
            if sample:
                total += sample[0]
                total_pss += sample[1]
                cpu_seen[pid] = sample[2]
        peak, peak_pss = max(peak, total), max(peak_pss, total_pss)
        time.sleep(0.25)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"batch failed ({proc.returncode}): {err[-2000:]}")
    return {"wall": wall, "cpu": sum(cpu_seen.values()), "rss": peak, "pss": peak_pss, "failed": err.count("\n")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--log", help="append progress (rows, rate, CPU, peak RSS/PSS) to this file every 30 s")
    parser.add_argument("--minimal", action="store_true", help="one-line accounts (name only)")
    args = parser.parse_args()
    texts = [""] if args.minimal else templates()
    rows = []
    for n in args.sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"advisor-book-{n}-"))
        try:
            generate(folder, n, texts)
            for jobs in args.jobs:
                runs = [run(folder, jobs, args.log) for _ in range(args.repeat)]
                wall = statistics.median(r["wall"] for r in runs)
                cpu = statistics.median(r["cpu"] for r in runs)
                rss = statistics.median(r["rss"] for r in runs)
                pss = statistics.median(r["pss"] for r in runs)
                rows.append((n, jobs, wall, cpu, n / wall, rss, pss, runs[0]["failed"], len(runs)))
                print(f"{n} accounts, --jobs {jobs}: {wall:.1f} s wall, {cpu:.1f} s CPU, {n / wall:,.0f} accounts/s, "
                      f"peak RSS {rss / 2**20:,.0f} MiB, peak PSS {pss / 2**20:,.0f} MiB, "
                      f"failed rows {runs[0]['failed']}", file=sys.stderr, flush=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    kind = "one-line" if args.minimal else "generated"
    lines = ["| accounts | --jobs | wall (s) | CPU (s) | accounts/s (wall) | accounts per CPU-s | "
             "peak RSS, tree (MiB) | peak PSS, tree (MiB) | failed rows | runs |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for n, jobs, wall, cpu, rate, rss, pss, failed, count in rows:
        lines.append(f"| {n:,} {kind} | {jobs} | {wall:.1f} | {cpu:.1f} | {rate:,.0f} | {n / cpu:,.0f} | "
                     f"{rss / 2**20:,.0f} | {pss / 2**20:,.0f} | {failed} | {count} |")
    table = "\n".join(lines)
    head = (f"Recorded by `.venv/bin/python benchmarks/batch_bench.py {' '.join(sys.argv[1:])}` on "
            f"{dt.date.today()} — CPython {platform.python_version()}, {os.cpu_count()} CPUs, "
            "ADVISOR_NO_CACHE=1, `advisor batch FOLDER --format json`, medians.")
    print(head + "\n\n" + table)
    if args.write:
        with open(ROOT / "benchmarks" / "results.md", "a", encoding="utf-8") as f:
            f.write("\n" + head + "\n\n" + table + "\n")


if __name__ == "__main__":
    main()
