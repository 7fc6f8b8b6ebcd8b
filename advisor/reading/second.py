"""A second kind read clause by clause: the kind a clause of its own carries, weighed by a small learned judge.

Why: a missed second kind was the reader's largest error group (188 of 568 held-out misses, session 6) — the
second objection's clause is there ("太贵了，而且老板说要等他回来才能定"), but on the whole message the model
gives the second kind too little, since the first kind's words take most of the weight. Scoring each clause
alone finds it, and finds far more that is not meant: a conceded clause ("the price is fine, but …"), the
context of a complaint, a reporting frame all score a kind of their own when read alone (session 6 tried a
threshold on the clause's figure: +5 lines at best). So the clause's figure is not trusted alone: a logistic
judge over a few signals — the kind's figure on the whole text and on its best clause, the first kind's
figure in that clause and elsewhere, where the clause stands, whether a strong cue of the kind is in a clause of
its own, whether an adding word (而且, "on top of that") or a contrast word stands before it, and which kind it
is — says how likely the kind is meant as a second one. It is fitted by ``scripts/train_reader.py`` on
out-of-fold readings (each fold's lines scored by a model trained without them), so it is calibrated on text
the model had not seen, and it ships as a handful of numbers in the model file (``second:``).

Only for an objection read with one kind, with two clauses or more; never a third kind; the pairs the reader
never reads together (stall with timing, price with budget) are not offered.
"""
from __future__ import annotations

import math
from typing import Optional, Sequence

from .words import ALSO, CONTRAST

# the judge's signals, in the order of its coefficients (then one "kind=<kind>" per kind of the model)
SIGNALS = ("whole", "whole_first", "clause", "clause_margin", "first_elsewhere", "last_clause", "first_clause",
           "three_clauses", "clause_words", "strong_cue", "own_clause_cue", "weak_cue", "conceded", "cue_adds",
           "text_adds", "adds_before", "after_contrast", "before_contrast")
# a kind is offered only when the model sees something of it: on the whole text, or in a clause
_OFFER_WHOLE, _OFFER_CLAUSE = 0.03, 0.5

Unit = tuple[str, dict, int]  # a clause, the model's figures on it alone, how many of its n-grams the model knows


def names(kinds: Sequence[str]) -> list[str]:
    """The judge's feature names for a model of these kinds."""
    return list(SIGNALS) + [f"kind={k}" for k in kinds]


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def candidates(first: str, probs: dict, units: list[Unit], sig: dict, text: str,
               excluded: set) -> list[tuple[str, list[float], int]]:
    """Each kind the judge may add beside ``first``: (kind, its features, the index of its clause)."""
    n = len(units)
    out = []
    for k in probs:
        # a kind the cues found negated or conceded ("it's not that we don't trust you", 贵倒是不贵) is not raised:
        # never offered as a second one, whatever its clause scores alone
        if k == first or frozenset((first, k)) in excluded or k in sig["cleared"] or k in sig.get("barred", ()):
            continue
        best = max(range(n), key=lambda i: (units[i][1][k] - units[i][1][first], -i))
        clause, pc, grams = units[best]
        top = max(u[1][k] for u in units)
        if probs[k] < _OFFER_WHOLE and top < _OFFER_CLAUSE:
            continue
        elsewhere = max((u[1][first] for i, u in enumerate(units) if i != best), default=0.0)
        at = text.find(clause)
        before = text[max(0, at - 16):at] if at > 0 else ""
        after = text[at + len(clause):at + len(clause) + 12] if at >= 0 else ""
        strong = sig["strong"]
        features = [
            _logit(probs[k]), _logit(probs[first]), _logit(top), _logit(pc[k]) - _logit(pc[first]), _logit(elsewhere),
            best == n - 1, best == 0, n > 2, min(grams, 20) / 20,
            k in strong, bool(strong.get(k, set()) - strong.get(first, set())), k in sig["weak"], k in sig["cleared"],
            k in sig["also"], sig["adds"],
            bool(ALSO.search(clause) or ALSO.search(before)), bool(CONTRAST.search(before) or CONTRAST.match(clause)),
            bool(CONTRAST.search(after)),
        ] + [k == kind for kind in probs]
        out.append((k, [float(x) for x in features], best))
    return out


def judge(features: list[float], weights: dict) -> float:
    """The judge's probability that the kind is meant as a second one."""
    z = weights["intercept"] + sum(w * x for w, x in zip(weights["coef"], features))
    return 1.0 / (1.0 + math.exp(-z)) if z > -500 else 0.0


def by_clause(first: str, probs: dict, units: list[Unit], sig: dict, text: str, weights: dict, at: float,
              excluded: set) -> Optional[tuple[str, float, int]]:
    """The second kind the judge finds at ``at`` or more (the likeliest), its figure and its clause's index; or None."""
    if len(units) < 2:
        return None
    best = None
    for k, features, clause in candidates(first, probs, units, sig, text, excluded):
        p = judge(features, weights)
        if p >= at and (best is None or p > best[1]):
            best = (k, p, clause)
    return best
