"""Where a cold `advise` spends its time, phase by phase, in fresh processes (issue 13).

    .venv/bin/python benchmarks/coldstart_phases.py --runs 15

Each run is a new interpreter that does what `advisor advise FIXTURE` does, in its order, and
reads the CPU clock between the phases:

- the fixed stack: click, PyYAML and pydantic imported, one small model validated (what
  benchmarks/stack_floor.py does: any program on this stack pays it), with advisor's CLI module
  (it switches pydantic's plugin loader off before the first model, as the command does);
- the rest of advisor's modules: the API, the account and pack models, the engine, rendering;
- reading the account file (libyaml) and validating it (pydantic builds the account models'
  validators on first use);
- loading the packs (from the loaded-pack snapshot when it is warm: language/snapshot.py);
- registering the compiled rulesets in the C engine;
- advising, and rendering the text.

Interpreter start-up (before the first line) is not a phase here; `python -c pass` shows it.
Prints the median of each phase in ms, CPU time. Nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "accounts" / "jingfeng-dealer.yaml"

CHILD = """
import time, json, sys
sys.path.insert(0, {root!r})
t = [time.process_time()]
marks = []
def mark(name):
    t.append(time.process_time()); marks.append(name)
import advisor.cli  # click, and the CLI's plugin switch before pydantic builds any model (as `advisor` does)
advisor.cli._without_pydantic_plugins()
import yaml
from pydantic import BaseModel, ConfigDict
class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")
    x: int
Model(x=1)
mark("the fixed stack (click, PyYAML, pydantic, one model) and advisor's CLI module")
import datetime as dt
from advisor.api import Advisor
from advisor.accounts.account import load_account
from advisor.evaluation.engine import Engine
from advisor.language import snapshot
from advisor.output import render
mark("the rest of advisor's modules")
account = load_account({fixture!r})
mark("reading and validating the account")
advisor = Advisor()
names = advisor.pack_names(account)
packset = snapshot.load(names, advisor.pack_path)
mark("loading the packs")
advisor._loaded[tuple(names)] = (packset, Engine(packset))
mark("registering the rulesets in the C engine")
advice = advisor.advise(account, as_of=dt.date(2026, 11, 23))
text = render.RENDERERS["text"](advice, "en", 5)
mark("advising and rendering")
print(json.dumps(dict(zip(marks, [(b - a) * 1000 for a, b in zip(t, t[1:])]))))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # bytecode as after an install
    code = CHILD.format(root=str(ROOT), fixture=str(FIXTURE))
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)  # warm the caches
    runs = [json.loads(subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True,
                                      text=True).stdout) for _ in range(args.runs)]
    print(f"| phase (fresh process, median of {args.runs}) | CPU ms |\n|---|---|")
    for phase in runs[0]:
        print(f"| {phase} | {statistics.median(r[phase] for r in runs):.1f} |")
    print(f"| total after interpreter start | {statistics.median(sum(r.values()) for r in runs):.1f} |")


if __name__ == "__main__":
    main()
