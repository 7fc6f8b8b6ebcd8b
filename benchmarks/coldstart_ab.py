"""Cold start before/after under the same load: whole `advise` and `--version` processes of two trees, alternated.

    .venv/bin/python benchmarks/coldstart_ab.py /tmp/old . --runs 15

Prints the median CPU and wall ms of each (tree, command). Each tree runs through its own
console-script entry point (``advisor.__main__:main`` where it exists, else ``advisor.cli:main``).
The new tree's parsed-pack cache is measured warm (its usual case) and cold (a fresh cache folder:
the first run after a pack edit or an upgrade). Bytecode is written and reused as after an
install (PYTHONDONTWRITEBYTECODE is not passed on). Nothing is asserted.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

FIXTURE = "fixtures/accounts/jingfeng-dealer.yaml"
RUN = ("import sys, os; sys.path.insert(0, {root!r}); sys.argv = ['advisor'] + {args!r}\n"
       "if os.path.exists(os.path.join({root!r}, 'advisor', '__main__.py')):\n"
       "    from advisor.__main__ import main\n"
       "else:\n"
       "    from advisor.cli import main\n"
       "sys.exit(main())")


IMPORTS = ("import sys; sys.path.insert(0, {root!r}); import advisor.cli, advisor.api, advisor.accounts.account, "
           "advisor.evaluation.engine, advisor.output.render, advisor.feedback.store")


def one(root: str, args: list[str] | None, env: dict) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = IMPORTS.format(root=root) if args is None else RUN.format(root=root, args=args)
    subprocess.run([sys.executable, "-c", code], cwd=root, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    warm = tempfile.mkdtemp()
    base = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    advise = ["advise", FIXTURE, "--as-of", "2026-11-23"]
    cases = {
        "old advise": (args.old, advise, dict(base, ADVISOR_CACHE_DIR=warm)),
        "new advise (pack cache warm)": (args.new, advise, dict(base, ADVISOR_CACHE_DIR=warm)),
        "new advise (pack cache cold: first run)": (args.new, advise, None),
        "old --version": (args.old, ["--version"], dict(base, ADVISOR_CACHE_DIR=warm)),
        "new --version": (args.new, ["--version"], dict(base, ADVISOR_CACHE_DIR=warm)),
        "python -c pass": (None, [], dict(base)),
        # what any `advise` must import (click, pydantic and the models, libyaml, durable) and nothing
        # done: the floor a start cannot go below while these stay on its path
        "new: the advise path's imports alone": (args.new, None, dict(base, ADVISOR_CACHE_DIR=warm)),
    }
    for root in (args.old, args.new):  # fill the caches, write the bytecode
        one(root, advise, dict(base, ADVISOR_CACHE_DIR=warm))
    got: dict[str, list[tuple[float, float]]] = {k: [] for k in cases}
    for _ in range(args.runs):
        for name, (root, argv, env) in cases.items():
            if root is None:
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run([sys.executable, "-c", "pass"], check=True)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                got[name].append((after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
                                  time.perf_counter() - start))
                continue
            got[name].append(one(root, argv, env if env is not None else dict(base, ADVISOR_CACHE_DIR=tempfile.mkdtemp())))
    for name, values in got.items():
        cpu = statistics.median(v[0] for v in values) * 1000
        wall = statistics.median(v[1] for v in values) * 1000
        print(f"| {name} | {cpu:,.0f} | {wall:,.0f} |")


if __name__ == "__main__":
    main()
