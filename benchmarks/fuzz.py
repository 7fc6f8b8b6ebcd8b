"""The long fuzz run behind docs/reliability.md (issue 12).

    .venv/bin/python benchmarks/fuzz.py                      # the recorded run (≈ 40 min on 2 busy cores)
    .venv/bin/python benchmarks/fuzz.py --accounts 500 --packs 100 --cli 50 --subprocess 20   # a quick look
    .venv/bin/python benchmarks/fuzz.py --write              # also rewrite the table in docs/reliability.md

Issue 20 added three categories: hostile generated-file manifests (``--manifests``: nothing
outside the folder may be deleted), feedback stores created by many processes at once
(``--stores``: no event may be lost) and plan CSV exports of formula-like CRM names (``--csv``:
no cell may run as a formula); the account files now also hold unquoted impossible dates and
lists past their bounds.

In-process checks: tests/test_fuzz.py with ADVISOR_FUZZ=long, in child processes of
``--chunk`` examples each, every child under a watchdog: a child killed by a signal
counts as a crash, one that makes no progress for ``--hang`` seconds as a hang (it is
killed and the run goes on with the next chunk). Each example appends one line to a
report file, so nothing is lost when a child dies. A sample of the CLI also runs
as real processes (one ``advisor`` process per input, run twice to compare the bytes).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor.files.atomic import write_atomic  # noqa: E402

CATEGORIES = {"accounts": "test_fuzz_account_files", "packs": "test_fuzz_packs", "cli": "test_fuzz_cli_options",
              "manifests": "test_fuzz_manifests", "stores": "test_fuzz_store_created_by_many_processes",
              "csv": "test_fuzz_csv_export"}
KINDS = ["crash", "hang", "multi-line", "unlocated", "disagree", "lint-clean-rejected", "nondeterministic", "bad-exit",
         "deleted-outside", "lost-event", "formula-cell"]


def kind_of(problem: str) -> str:
    return problem.split(":", 1)[0].strip()


def run_chunk(category: str, count: int, seed: int, report: Path, hang: float) -> tuple[str, int]:
    """One child process; returns (outcome, examples it reported)."""
    before = report.read_text(encoding="utf-8").count("\n") if report.exists() else 0
    env = dict(os.environ, ADVISOR_FUZZ="long", ADVISOR_FUZZ_SEED=str(seed), ADVISOR_FUZZ_REPORT=str(report),
               **{f"ADVISOR_FUZZ_{category.upper()}": str(count)}, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
           f"tests/test_fuzz.py::{CATEGORIES[category]}"]
    child = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    last, seen = time.monotonic(), before
    outcome = "ok"
    while child.poll() is None:
        time.sleep(1)
        now = report.read_text(encoding="utf-8").count("\n") if report.exists() else 0
        if now != seen:
            seen, last = now, time.monotonic()
        elif time.monotonic() - last > hang:
            child.kill()
            child.wait()
            outcome = "hang"
            break
    output = child.stdout.read().decode("utf-8", "replace") if child.stdout else ""
    if outcome == "ok" and child.returncode and child.returncode < 0:
        outcome = f"crash: signal {-child.returncode}"
    elif outcome == "ok" and child.returncode not in (0,):
        outcome = "crash: pytest failed: " + output[-600:].replace("\n", " | ")
    done = (report.read_text(encoding="utf-8").count("\n") if report.exists() else 0) - before
    return outcome, done


def in_process(category: str, total: int, chunk: int, hang: float, folder: Path, first_seed: int = 1) -> dict:
    report = folder / f"{category}.tsv"
    counts: Counter = Counter()
    examples: dict[str, str] = {}
    tried, seed, started = 0, first_seed, time.monotonic()
    while tried < total:
        n = min(chunk, total - tried)
        outcome, done = run_chunk(category, n, seed, report, hang)
        tried += done
        if outcome != "ok":
            counts[kind_of(outcome)] += 1
            examples.setdefault(kind_of(outcome), f"seed {seed}: {outcome}")
            tried += 1  # the example that took the child down
        seed += 1
        print(f"  {category}: {tried}/{total} ({time.monotonic() - started:.0f} s)", file=sys.stderr, flush=True)
    outcomes: Counter = Counter()
    for line in report.read_text(encoding="utf-8").splitlines() if report.exists() else []:
        _cat, outcome, *problems = line.split("\t")
        outcomes[outcome] += 1
        for problem in problems:
            if problem != "ok":
                counts[kind_of(problem)] += 1
                examples.setdefault(kind_of(problem), problem[:300])
    return {"tried": tried, "counts": counts, "examples": examples, "seconds": time.monotonic() - started,
            "outcomes": outcomes}


def as_processes(total: int, hang: float) -> dict:
    """A sample of generated CLI calls and account files, each as a real `advisor` process, twice."""
    from hypothesis import HealthCheck, given, seed, settings

    from tests import fuzzgen

    inputs: list = []

    @seed(99)
    @settings(max_examples=2 * total, database=None, deadline=None, suppress_health_check=list(HealthCheck))
    @given(fuzzgen.cli_args(), fuzzgen.account_file())
    def collect(args, blob):
        # no process can be given an argument holding NUL (C strings end there; no shell passes one):
        # such a draw is not an input a user could type, and subprocess refuses it (run 8's first try)
        if not any("\x00" in a for a in args):
            inputs.append((args, blob))

    collect()
    script = Path(sys.executable).parent / "advisor"
    counts: Counter = Counter()
    examples: dict[str, str] = {}
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="advisor-fuzz-proc-"))
    env = dict(os.environ, ADVISOR_CACHE_DIR=str(folder / "cache"))
    tried = 0
    for i, (args, blob) in enumerate(inputs[:total]):
        path = folder / f"a{i}.yaml"
        path.write_bytes(blob)
        for argv in (args, ["advise", str(path), "--as-of", "2026-11-23", "--top", "0"]):
            outs = []
            for _ in range(2):
                try:
                    # as bytes: a generated argument may hold a lone surrogate, which a shell passes as
                    # the raw (invalid UTF-8) bytes and subprocess cannot encode as text
                    raw = [str(script).encode(), *(a.encode("utf-8", "surrogatepass") for a in argv)]
                    done = subprocess.run(raw, cwd=ROOT, env=env, capture_output=True, timeout=hang)
                except subprocess.TimeoutExpired:
                    counts["hang"] += 1
                    examples.setdefault("hang", repr(argv)[:300])
                    break
                stderr = done.stderr.decode("utf-8", "replace")
                problems = fuzzgen.cli_problems(done.returncode, "", stderr)
                if done.returncode < 0:
                    problems = [f"crash: signal {-done.returncode}"]
                if argv[0] == "advise" and argv[1] == str(path) and done.returncode == 2:
                    problems += fuzzgen.message_problems(stderr.strip(), need_location=True)
                for p in problems:
                    counts[kind_of(p)] += 1
                    examples.setdefault(kind_of(p), f"{argv!r}: {p}"[:300])
                outs.append((done.returncode, done.stdout, done.stderr))
            if len(outs) == 2 and outs[0] != outs[1] and "--as-of" in argv:
                counts["nondeterministic"] += 1
                examples.setdefault("nondeterministic", repr(argv)[:300])
            tried += 1
    return {"tried": tried, "counts": counts, "examples": examples, "seconds": time.monotonic() - started}


def table(results: dict[str, dict]) -> str:
    rows = ["| category | inputs tried | crashes (tracebacks + signals) | hangs | non-one-line errors | "
            "errors without line:col | engine/trace disagreements | lint-clean packs the engine rejects | "
            "nondeterministic output | deletions outside the folder | lost events | formula cells | time |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        c = r["counts"]
        rows.append(f"| {name} | {r['tried']:,} | {c['crash']} | {c['hang']} | {c['multi-line']} | {c['unlocated']} | "
                    f"{c['disagree']} | {c['lint-clean-rejected']} | {c['nondeterministic']} | "
                    f"{c['deleted-outside']} | {c['lost-event']} | {c['formula-cell']} | {r['seconds']:.0f} s |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--packs", type=int, default=1_000)
    parser.add_argument("--cli", type=int, default=500)
    parser.add_argument("--manifests", type=int, default=300, help="hostile generated-file manifests")
    parser.add_argument("--stores", type=int, default=30, help="feedback stores created by 2–8 processes at once")
    parser.add_argument("--csv", type=int, default=200, help="plan CSV exports of formula-like CRM names")
    parser.add_argument("--subprocess", type=int, default=150, help="generated inputs run as real processes")
    parser.add_argument("--chunk", type=int, default=500, help="examples per child process")
    parser.add_argument("--hang", type=float, default=120.0, help="seconds without progress that count as a hang")
    parser.add_argument("--seed", type=int, default=1,
                        help="seed of the first child (each child of --chunk examples takes the next): runs with "
                             "disjoint seed ranges, e.g. --accounts 5000 --seed 11 beside --accounts 5000, split "
                             "one profile over processes")
    parser.add_argument("--write", action="store_true", help="rewrite the table in docs/reliability.md")
    opts = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="advisor-fuzz-"))
    results = {}
    for category, total, chunk in (("accounts", opts.accounts, opts.chunk), ("packs", opts.packs, min(opts.chunk, 100)),
                                   ("cli", opts.cli, min(opts.chunk, 100)), ("manifests", opts.manifests, 100),
                                   ("stores", opts.stores, 10), ("csv", opts.csv, 100)):
        if total:
            results[f"{category} (in process)"] = in_process(category, total, chunk, opts.hang, folder, opts.seed)
            # each category's row as soon as it is done, so a run stopped early still records what ran
            print(table({f"{category} (in process)": results[f"{category} (in process)"]}), file=sys.stderr, flush=True)
    if opts.subprocess:
        results["CLI options + account files (one process each, run twice)"] = as_processes(opts.subprocess, opts.hang)
    text = table(results)
    outcomes = "\n".join(f"- {name}: " + ", ".join(f"{k or 'other'} {v:,}" for k, v in sorted(r["outcomes"].items()))
                         for name, r in results.items() if r.get("outcomes"))
    text += "\n\nWhat the inputs did (in process):\n\n" + outcomes + "\n"
    print(text)
    for name, r in results.items():
        for kind, example in sorted(r["examples"].items()):
            print(f"- {name}: {kind}: {example}")
    if opts.write:
        doc = ROOT / "docs" / "reliability.md"
        body = doc.read_text(encoding="utf-8")
        start, end = body.index("<!-- fuzz-table -->"), body.index("<!-- /fuzz-table -->")
        stamp = (f"Recorded by `.venv/bin/python benchmarks/fuzz.py --write` on {dt.date.today().isoformat()} — "
                 f"CPython {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs.\n\n")
        write_atomic(doc, body[:start] + "<!-- fuzz-table -->\n" + stamp + text + "\n" + body[end:], force=True)


if __name__ == "__main__":
    main()
