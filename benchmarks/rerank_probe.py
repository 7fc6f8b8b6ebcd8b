"""Would a learned re-ranker of the top five beat the hand-written ranking on accounts it was not fitted to?

    .venv/bin/pip install scikit-learn          # for this probe only
    .venv/bin/python benchmarks/rerank_probe.py --groups own                       # session 12: the actions alone
    .venv/bin/python benchmarks/rerank_probe.py --groups own,cross,text            # session 13: with the account
    .venv/bin/python benchmarks/rerank_probe.py ... --holdout tests/data/dev/accounts-w12h   # counted only

Each account of the seen sets (their expectations.yaml) is advised; every action of its top five is described by
benchmarks/rerank_context.py — its own attributes (serves, level, family, tags, score parts, position, …; group
``own``), those crossed with what the account is about (the situation reader's kinds, an open complaint, an overdue
promise, a lost deal, a decline, an open opportunity and its stage, an unmet decider, a new policy, the relationship
type, …; ``cross`` with serves, ``family`` with the rule family) and how strongly the account's latest record talks
about what the action says (``text``, ``textcross``) — and labelled by the coach benchmark's own test
(benchmarks/coach.py: serves, who and one of the coach's words). A pairwise logistic regression learns "the coach's
first beats this one" over the actions a coach may move (not a due promise, an unverified change of money or
authority, an open complaint, upkeep: they keep their places); leave-one-set-out, the movable actions of each held-out
set's top five are re-ordered by it, against the ranking's own order. The hold-outs are only counted (summary lines).

Session 12's answer (``own``): no. Session 13's: benchmarks/results.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from advisor import load_account  # noqa: E402
from advisor.api import Advisor  # noqa: E402
from benchmarks import rerank_context as context  # noqa: E402  (the features: what the account is about)
from advisor.files.yamlio import load_yaml_file  # noqa: E402
from benchmarks.coach import is_coach_first  # noqa: E402  (the coach benchmark's own test of the coach's first)

TOP = 5
SEEN = ["tests/data/blind/accounts"] + [f"tests/data/blind/accounts-v{n}" for n in range(2, 16)] + \
       [f"tests/data/dev/accounts-{w}" for w in ("w10", "w10b", "w11a", "w11c")]
FIXED = {"due_promise", "money_at_risk", "open_complaint", "upkeep"}  # levels that keep their places


def labelled(folder: Path, advisor: Advisor) -> list[dict]:
    """Each account's top five (the actions), its context, which actions are the coach's first, which may move."""
    spec, _ = load_yaml_file(folder / "expectations.yaml")
    as_of = dt.date.fromisoformat(str(spec["as_of"]))
    out = []
    for file, expect in sorted((spec.get("accounts") or {}).items()):
        lang = expect.get("lang", "en")
        account = load_account(folder / file)
        advice = advisor.advise(account, as_of=as_of)
        top = advice.actions[:TOP]
        out.append({"file": file, "actions": top, "ctx": context.context_of(account, advice.facts, as_of),
                    "right": [is_coach_first(a, expect, lang) for a in top],
                    "movable": [a.level not in FIXED for a in top]})
    return out


def load(sets: list[str], cache: Path | None) -> dict[str, list[dict]]:
    if cache and cache.is_file():
        try:
            got = pickle.loads(cache.read_bytes())
        except (pickle.UnpicklingError, ImportError, AttributeError, EOFError):  # written by other code: advise again
            got = {}
        if set(sets) <= set(got):
            return got
    advisor = Advisor()
    got = {s: labelled(ROOT / s, advisor) for s in sets}
    if cache:
        cache.write_bytes(pickle.dumps(got))
    return got


def pairs(accounts, groups):
    X, y = [], []
    for acc in accounts:
        F = context.features(acc["actions"], acc["ctx"], groups)
        for i in range(len(F)):
            for j in range(len(F)):
                if acc["right"][i] and not acc["right"][j] and acc["movable"][i] and acc["movable"][j]:
                    d = {k: F[i].get(k, 0) - F[j].get(k, 0) for k in set(F[i]) | set(F[j])}
                    X += [d, {k: -v for k, v in d.items()}]
                    y += [1, 0]
    return X, y


def fit(accounts, groups, C: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    X, y = pairs(accounts, groups)
    vec = DictVectorizer()
    return vec, LogisticRegression(C=C, fit_intercept=False, max_iter=5000).fit(vec.fit_transform(X), y)


def reorder(acc, vec, model, groups, margin: float = 0.0) -> list[int]:
    """The top five's new order (indices): the movable actions sorted by the learned score within their own places;
    an action moves above another only by more than ``margin``."""
    n = len(acc["actions"])
    if not n:
        return []
    scores = vec.transform(context.features(acc["actions"], acc["ctx"], groups)) @ model.coef_[0]
    slots = [i for i in range(n) if acc["movable"][i]]
    # rank order is the prior: a later action needs more than margin to pass an earlier one
    moved = sorted(slots, key=lambda i: -(scores[i] - margin * slots.index(i)))
    order = list(range(n))
    for slot, i in zip(slots, moved):
        order[slot] = i
    return order


def latest_words_first(acc, margin: float = 1.5) -> list[int]:
    """Hand-written: of the movable actions of the top two at the #1's level, the one whose own words the account's
    latest record shares most goes first (by more than ``margin``: a share is shared words / sqrt(own words))."""
    order = list(range(len(acc["actions"])))
    if not order or not acc["movable"][0]:
        return order
    shares = [f["latest_share"] for f in context.features(acc["actions"], acc["ctx"], ("text",))]
    level = acc["actions"][0].level
    best = max((i for i in order[:2] if acc["movable"][i] and acc["actions"][i].level == level),
               key=lambda i: (shares[i], -i))
    return [best] + [i for i in order if i != best] if shares[best] - shares[0] > margin else order


def prose_below_open_deal(acc) -> list[int]:
    """Hand-written: while an opportunity is open, a situation read from the account's prose (a rule of the
    situations family: a new rep to introduce, our news, a shipping change) does not take #1 from the first movable
    action of another family below it."""
    A, order = acc["actions"], list(range(len(acc["actions"])))
    if not A or not acc["movable"][0] or A[0].family != "situations" or "opp_open" not in acc["ctx"].flags:
        return order
    j = next((j for j in order[1:] if acc["movable"][j] and A[j].family != "situations"), None)
    return order if j is None else [j] + [i for i in order if i != j]


RULES = {"latest-words": latest_words_first, "prose-below-deal": prose_below_open_deal}


def count(accounts, order_of) -> tuple[int, int, int, int]:
    """Ranking #1 right, top three; re-ordered #1 right, top three."""
    r1 = l1 = r3 = l3 = 0
    for acc in accounts:
        r = acc["right"]
        if not r:
            continue
        o = order_of(acc)
        r1, r3 = r1 + r[0], r3 + any(r[:3])
        l1, l3 = l1 + r[o[0]], l3 + any(r[i] for i in o[:3])
    return r1, r3, l1, l3


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--holdout", action="append", default=[], help="a set only counted (summary), never fitted")
    ap.add_argument("--groups", default="own", help=f"feature groups, of {','.join(context.GROUPS)}")
    ap.add_argument("-C", type=float, default=0.05)
    ap.add_argument("--margin", type=float, default=0.0)
    ap.add_argument("--window", type=int, default=TOP, help="only the first N of the five may move (and train)")
    ap.add_argument("--rule", choices=sorted(RULES), help="a hand-written re-order instead of the learned one (no fit)")
    ap.add_argument("--cache", type=Path, help="a pickle of the advised seen sets (reused while the code is the same)")
    args = ap.parse_args()
    groups = tuple(args.groups.split(","))
    seen = load(SEEN, args.cache)
    for accounts in seen.values():
        for acc in accounts:
            acc["movable"] = [m and i < args.window for i, m in enumerate(acc["movable"])]
    what = f"rule {args.rule}" if args.rule else f"learned ({args.groups}, C={args.C}, margin={args.margin})"

    def order_of_fitted(accounts):
        if args.rule:
            return RULES[args.rule]
        vec, model = fit(accounts, groups, args.C)
        return lambda acc: reorder(acc, vec, model, groups, args.margin)

    tot = [0, 0, 0, 0]
    n = 0
    for s in SEEN:
        got = count(seen[s], order_of_fitted([acc for t in SEEN if t != s for acc in seen[t]]))
        tot = [a + b for a, b in zip(tot, got)]
        n += len(seen[s])
        print(f"{Path(s).name}: ranking #1 {got[0]}/{len(seen[s])} top3 {got[1]}; re-ordered #1 {got[2]} top3 {got[3]}")
    print(f"leave-one-set-out over {n} accounts, {what}: ranking #1 right {tot[0]} top3 {tot[1]}; "
          f"re-ordered #1 right {tot[2]} top3 {tot[3]}")
    if args.holdout:
        order_of = order_of_fitted([acc for s in SEEN for acc in seen[s]])
        advisor = Advisor()
        for h in args.holdout:
            accounts = labelled(ROOT / h, advisor)
            got = count(accounts, order_of)
            print(f"hold-out {Path(h).name}: ranking #1 {got[0]}/{len(accounts)} top3 {got[1]}; "
                  f"re-ordered #1 {got[2]} top3 {got[3]}")


if __name__ == "__main__":
    main()
