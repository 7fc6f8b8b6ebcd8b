"""How far do two coaches agree on the first move? The ceiling of the blind benchmark's "#1 right".

    .venv/bin/python benchmarks/second_coach.py options --blind DIR --out OPTIONS.json   # the five to choose from
    .venv/bin/python benchmarks/second_coach.py score OPTIONS.json PICKS.jsonl [PICKS.jsonl ...]

The blind account sets carry one coach's first move per account (the writer's ``expectations.yaml``). Issue 22 asks
that the advisor's #1 match it on 90% of new accounts — but a second, equally experienced coach would not match it
every time either. This measures that: ``options`` writes, for every account of a set, the advisor's top five
actions in a random order (seeded by the account's file name, so the same advice gives the same file) with, kept
apart, each option's rank and whether the coach benchmark's own test (``coach.is_coach_first``) calls it the
writer's first move. A second coach who has not read the expectations reads each account and picks the option they
would do first (and second), or says none is (``picks``: one JSON object per line, ``{"id": "SET/FILE", "first":
"B", "second": "E", "first_is_what_i_would_do": true, "better": "", "why": "..."}``). ``score`` then counts, over
the same accounts: the second coach = the writer, the advisor's #1 = the writer, the second coach = the advisor.
When the advisor agrees with the writer as often as a second coach does, the benchmark cannot tell it from a coach.
Results: benchmarks/results.md, "Session 13 — how far two coaches agree".
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor import Advisor, load_account  # noqa: E402
from advisor.files.yamlio import load_yaml_file  # noqa: E402
from benchmarks.coach import is_coach_first  # noqa: E402

LETTERS = "ABCDE"


def options(folder: Path) -> dict:
    """Each account's top five, shuffled, as the second coach sees them (``shown``) and as the score reads them."""
    spec, _ = load_yaml_file(folder / "expectations.yaml")
    as_of = dt.date.fromisoformat(str(spec["as_of"]))
    advisor = Advisor()
    out = {}
    for file, expect in sorted((spec.get("accounts") or {}).items()):
        lang = expect.get("lang", "en")
        actions = advisor.advise(load_account(folder / file), as_of=as_of).actions[:len(LETTERS)]
        order = list(range(len(actions)))
        random.Random(f"{folder.name}/{file}").shuffle(order)
        shown, key = [], {}
        for letter, k in zip(LETTERS, order):
            a = actions[k]
            who = " / ".join(x for x in (a.contact, a.role_label) if x) or "-"
            shown.append(f"{letter}. [{who}; by {a.by}] {a.what[lang]}")
            key[letter] = {"rank": k + 1, "rule": a.rule, "writer_first": is_coach_first(a, expect, lang)}
        out[f"{folder.name}/{file}"] = {"file": str(folder / file), "as_of": as_of.isoformat(), "shown": shown,
                                        "key": key}
    return out


def score(opts: dict, picks: list[dict]) -> Counter:
    """Agreement counts over the picked accounts (an account whose top five lacks the writer's first counts too:
    neither the advisor nor the second coach can match the writer there)."""
    t = Counter()
    for p in picks:
        key = opts[p["id"]]["key"]
        mine = key[p["first"]]
        advisors = next(o for o in key.values() if o["rank"] == 1)
        t["accounts"] += 1
        t["second coach = writer"] += mine["writer_first"]
        t["advisor #1 = writer"] += advisors["writer_first"]
        t["second coach = advisor #1"] += mine["rank"] == 1
        t["second coach's first in the advisor's top three"] += mine["rank"] <= 3
        t["writer's first in the top five"] += any(o["writer_first"] for o in key.values())
        t["second coach: none of the five is my first move"] += not p.get("first_is_what_i_would_do", True)
    return t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    o = sub.add_parser("options", help="write the options file of a blind set")
    o.add_argument("--blind", type=Path, required=True)
    o.add_argument("--out", type=Path, required=True)
    s = sub.add_parser("score", help="count the agreement of one or more picks files")
    s.add_argument("options_file", type=Path)
    s.add_argument("picks", type=Path, nargs="+")
    args = parser.parse_args()
    if args.command == "options":
        args.out.write_text(json.dumps(options(args.blind), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        return
    opts = json.loads(args.options_file.read_text(encoding="utf-8"))
    picks = [json.loads(line) for path in args.picks for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    for name, n in score(opts, picks).items():
        print(f"{name}: {n}")


if __name__ == "__main__":
    main()
