"""Before/after on the same machine and load: run the full pipeline of one source tree on generated accounts.

    git archive <old-commit> | tar -x -C /tmp/old        # an old tree beside this one
    .venv/bin/python benchmarks/ab.py /tmp/old . --accounts 1000 --rounds 3

Trees are run alternately, each in a fresh process (so both see the same background load),
and the median CPU time per account of each is printed. Used for the issue 13 section of
results.md; nothing is asserted.
"""
from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+")
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[float]] = {t: [] for t in args.trees}
    for _ in range(args.rounds):
        for tree in args.trees:
            env = {"ADVISOR_CACHE_DIR": tempfile.mkdtemp(), "PATH": "/usr/bin:/bin"}
            out = subprocess.run([sys.executable, "-c", CHILD.format(root=tree, n=args.accounts)], env=env,
                                 check=True, capture_output=True, text=True).stdout
            results[tree].append(float(out.split()[-1]))
    for tree, times in results.items():
        per = statistics.median(times) / args.accounts * 1000
        print(f"{tree}: {per:.2f} ms CPU per account ({args.accounts / statistics.median(times):,.0f} accounts/s), runs {[round(t, 2) for t in times]}")


if __name__ == "__main__":
    main()
