"""Before/after for `advisor batch` on new account files: two source trees, alternating processes.

    git archive <old-commit> | tar -x -C /tmp/old        # an old tree beside this one
    .venv/bin/python benchmarks/batch_ab.py /tmp/old . --accounts 1000 --rounds 3

Each round runs `advisor batch FOLDER --format json --as-of 2026-11-23 --jobs 1` once per tree,
in turn, over the same folder of generated account files (benchmarks/batch_bench.py makes them;
ADVISOR_NO_CACHE=1, output to /dev/null), so both trees see the same background load. Printed:
the median CPU time (user + sys of the whole process) per tree, accounts per CPU-second, and
whether every tree wrote the same bytes. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

CLI = "import sys; sys.path.insert(0, {root!r}); from advisor.cli import main; sys.argv = ['advisor', *sys.argv[1:]]; main()"


def run(tree: str, folder: Path, out: Path) -> float:
    """CPU seconds of one whole `advisor batch` process of ``tree``."""
    env = dict(os.environ, ADVISOR_NO_CACHE="1", ADVISOR_CACHE_DIR=tempfile.mkdtemp())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(out, "wb") as sink:
        proc = subprocess.run([sys.executable, "-c", CLI.format(root=str(Path(tree).resolve())), "batch", str(folder),
                               "--format", "json", "--as-of", "2026-11-23", "--jobs", "1"],
                              stdout=sink, stderr=subprocess.PIPE, env=env)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{tree}: batch failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    from batch_bench import generate, templates

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+")
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="advisor-ab-"))
    outs = Path(tempfile.mkdtemp(prefix="advisor-ab-out-"))
    try:
        generate(folder, args.accounts, templates())
        cpu: dict[str, list[float]] = {t: [] for t in args.trees}
        digests: dict[str, set[str]] = {t: set() for t in args.trees}
        for _ in range(args.rounds):
            for i, tree in enumerate(args.trees):
                out = outs / f"{i}.json"
                cpu[tree].append(run(tree, folder, out))
                digests[tree].add(hashlib.sha256(out.read_bytes()).hexdigest())
        for tree, times in cpu.items():
            med = statistics.median(times)
            print(f"{tree}: {med:.2f} s CPU for {args.accounts} accounts ({args.accounts / med:,.0f} accounts per "
                  f"CPU-s), runs {[round(t, 2) for t in times]}")
        same = len({d for ds in digests.values() for d in ds}) == 1
        print(f"output bytes identical across trees and runs: {'yes' if same else 'NO'}; "
              f"1-min load average at the end {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(outs, ignore_errors=True)


if __name__ == "__main__":
    main()
