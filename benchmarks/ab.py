"""Before/after on the same machine and load: run the full pipeline of one source tree on generated accounts.

    git archive <old-commit> | tar -x -C /tmp/old        # an old tree beside this one
    .venv/bin/python benchmarks/ab.py /tmp/old . --accounts 1000 --rounds 3
    .venv/bin/python benchmarks/ab.py /tmp/old . --written tests/data/blind/accounts-v16 tests/data/dev/accounts-w13h

Generated accounts carry little prose; `--written SET…` times the account sets people wrote
instead (each at its own `as_of` from the set's expectations.yaml), where reading the notes,
objections and visits costs what it costs in use; a first untimed pass loads every pack set they use.
The same files are given to every tree.

Trees are run alternately, each in a fresh process (so both see the same background load),
and the median CPU time per account of each is printed. Used for the issue 13 section of
results.md; nothing is asserted.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile

CHILD = r"""
import sys, time, random, datetime as dt
sys.path.insert(0, {root!r})
from advisor import Advisor
from tests.accountgen import random_account
from advisor.language.pack import find_packs
AS_OF = dt.date(2026, 11, 23)
adv = Advisor({root!r} + "/rules")
packs = sorted(find_packs(adv.rules_dir)); industry = [p for p in packs if p != "core"]
rng = random.Random(7)
accs = []
for i in range({n}):
    ind = industry[i % len(industry)] if i % 2 else None
    # an account may set only the checklist flags its own packs declare (else advise refuses it)
    a = random_account(rng, AS_OF, i, sorted(adv.packset(packs=["core", ind] if ind else ["core"]).flags))
    if ind:
        a.industry = ind
    accs.append(a)
for a in accs[:20]:
    adv.advise(a, as_of=AS_OF)
c = time.process_time()
for a in accs:
    advice = adv.advise(a, as_of=AS_OF)
    for x in advice.actions[:5]:
        x.what["en"], x.why["en"]
print(time.process_time() - c)
"""

# The written sets: every account of each folder, advised as of its set's date.
CHILD_WRITTEN = r"""
import sys, time, datetime as dt, pathlib, yaml
sys.path.insert(0, {root!r})
from advisor import Advisor, load_account
adv = Advisor({root!r} + "/rules")
jobs = []
for folder in {sets!r}:
    d = pathlib.Path(folder)
    as_of = dt.date.fromisoformat(str(yaml.safe_load((d / "expectations.yaml").read_text(encoding="utf-8"))["as_of"]))
    for f in sorted(d.glob("*.yaml")):
        if not f.name.startswith(("expectations", "coaches-agree")):
            jobs.append((load_account(str(f)), as_of))
# a first pass loads and compiles every pack set these accounts use (an industry's set loads on its first account):
# the timed pass is the steady cost of advising, not the packs' compilation
for a, as_of in jobs:
    adv.advise(a, as_of=as_of)
c = time.process_time()
for a, as_of in jobs:
    advice = adv.advise(a, as_of=as_of)
    for x in advice.actions[:5]:
        x.what["en"], x.why["en"]
print(len(jobs), time.process_time() - c)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+")
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--written", nargs="+", metavar="SET", help="time these written account sets instead")
    args = parser.parse_args()
    sets = [os.path.abspath(d) for d in args.written or []]
    count = args.accounts
    results: dict[str, list[float]] = {t: [] for t in args.trees}
    for _ in range(args.rounds):
        for tree in args.trees:
            env = {"ADVISOR_CACHE_DIR": tempfile.mkdtemp(), "PATH": "/usr/bin:/bin"}
            child = CHILD_WRITTEN.format(root=tree, sets=sets) if sets else CHILD.format(root=tree, n=args.accounts)
            out = subprocess.run([sys.executable, "-c", child], env=env,
                                 check=True, capture_output=True, text=True).stdout.split()
            if sets:
                count = int(out[-2])
            results[tree].append(float(out[-1]))
    for tree, times in results.items():
        per = statistics.median(times) / count * 1000
        print(f"{tree}: {per:.2f} ms CPU per account ({count / statistics.median(times):,.0f} accounts/s), runs {[round(t, 2) for t in times]}")


if __name__ == "__main__":
    main()
