"""Would a learned re-ranker of the top five beat the hand-written ranking on accounts it was not fitted to?

    .venv/bin/pip install scikit-learn          # for this probe only; nothing here ships
    .venv/bin/python benchmarks/rerank_probe.py --holdout tests/data/dev/accounts-w11b --holdout tests/data/dev/accounts-w12h

Each account of the seen sets (their expectations.yaml) is advised; every action of its top five is described by what
the advice says about it (serves, level, family, core or industry pack, tags, score parts, whether it keeps a promise,
is generic, names a contact, is due within 0 / 3 / beyond 14 days, and which levels stand beside it) and labelled by the
coach benchmark's own test (benchmarks/coach.py: serves, who and one of the coach's words). A pairwise logistic
regression learns "the coach's first beats this one"; leave-one-set-out, it picks each held-out set's #1, against the
ranking's own #1. The hold-outs are only counted. Session 12's answer (benchmarks/results.md): no — the signal that
separates the coach's first from the two actions beside it is in the account's words, not in the actions' attributes.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor import load_account  # noqa: E402
from advisor.api import Advisor  # noqa: E402
from advisor.files.yamlio import load_yaml_file  # noqa: E402
from benchmarks.coach import is_coach_first  # noqa: E402  (the coach benchmark's own test of the coach's first)

TOP = 5
SEEN = ["tests/data/blind/accounts"] + [f"tests/data/blind/accounts-v{n}" for n in range(2, 15)] + \
       [f"tests/data/dev/accounts-{w}" for w in ("w10", "w10b", "w11a", "w11c")]


def labelled(folder: Path, advisor: Advisor) -> list[list[dict]]:
    """Each account's top five: the actions' attributes and whether the coach benchmark calls each the coach's first."""
    spec, _ = load_yaml_file(folder / "expectations.yaml")
    as_of = dt.date.fromisoformat(str(spec["as_of"]))
    accounts = []
    for file, expect in sorted((spec.get("accounts") or {}).items()):
        lang = expect.get("lang", "en")
        advice = advisor.advise(load_account(folder / file), as_of=as_of)
        rows = []
        for a in advice.actions[:TOP]:
            serves = a.serves or ("keep_promise" if a.level == "due_promise" else a.level)
            right = is_coach_first(a, expect, lang)
            rows.append({"serves": serves, "level": a.level, "family": a.family, "core": a.pack == "core",
                         "tags": a.tags, "parts": a.score_parts, "promise": a.promise, "generic": a.generic,
                         "contact": bool(a.contact), "named": a.named, "due": a.due_offset, "right": right})
        accounts.append(rows)
    return accounts


def features(row: dict, rows: list[dict]) -> dict:
    f = {"serves=" + row["serves"]: 1, "level=" + row["level"]: 1, "family=" + row["family"]: 1, "core": row["core"],
         "promise": row["promise"], "generic": row["generic"], "contact": row["contact"], "named": row["named"],
         "due<=0": row["due"] <= 0, "due<=3": row["due"] <= 3, "due>14": row["due"] > 14}
    f.update({"tag=" + t: 1 for t in row["tags"]})
    f.update({"part=" + p: v / 100 for p, v in (row["parts"] or {}).items()})
    for other in rows:
        if other is not row:
            key = f"beside:{row['serves']}|{other['serves']}"
            f[key] = f.get(key, 0) + 1
    return f


def pairs(accounts):
    X, y = [], []
    for rows in accounts:
        F = [features(r, rows) for r in rows]
        for i, a in enumerate(rows):
            for j, b in enumerate(rows):
                if a["right"] and not b["right"]:
                    d = {k: F[i].get(k, 0) - F[j].get(k, 0) for k in set(F[i]) | set(F[j])}
                    X += [d, {k: -v for k, v in d.items()}]
                    y += [1, 0]
    return X, y


def fit(accounts, C: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    X, y = pairs(accounts)
    vec = DictVectorizer()
    return vec, LogisticRegression(C=C, fit_intercept=False, max_iter=2000).fit(vec.fit_transform(X), y)


def picked_right(vec, model, rows) -> bool:
    if not rows:
        return False
    scores = vec.transform([features(r, rows) for r in rows]) @ model.coef_[0]
    return rows[int(scores.argmax())]["right"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--holdout", action="append", default=[], help="a set only counted (summary), never fitted")
    ap.add_argument("-C", type=float, default=0.05)
    args = ap.parse_args()
    advisor = Advisor()
    seen = {s: labelled(ROOT / s, advisor) for s in SEEN}
    ranking = learned = 0
    for s, accounts in seen.items():
        vec, model = fit([rows for t, a in seen.items() if t != s for rows in a], args.C)
        r = sum(bool(rows and rows[0]["right"]) for rows in accounts)
        m = sum(picked_right(vec, model, rows) for rows in accounts)
        ranking, learned = ranking + r, learned + m
        print(f"{Path(s).name}: ranking {r}/{len(accounts)}, learned {m}")
    print(f"leave-one-set-out over {sum(map(len, seen.values()))} accounts: ranking #1 right {ranking}, learned {learned}")
    vec, model = fit([rows for a in seen.values() for rows in a], args.C)
    for h in args.holdout:
        accounts = labelled(ROOT / h, advisor)
        print(f"hold-out {Path(h).name}: ranking {sum(bool(r and r[0]['right']) for r in accounts)}/{len(accounts)}, "
              f"learned {sum(picked_right(vec, model, r) for r in accounts)}")


if __name__ == "__main__":
    main()
