"""A visit that records a promise the rep made to the customer (issue 23): "答应下次带新机壳", "promised to bring the
new brochures", "I'll send the drawings on Monday".

A pack rule may retell a step of a seed case — 王强 brought new display shells as his reason to return — but that step
is the seed's, not a promise this rep made this customer. An action ranks as a promise only where the account records
one (rules/core/promises.yaml reads the ``promises:`` list and a visit's ``next_step``; a pack rule that would speak of
"the promised …" reads ``visit.rep_promised``, and pack lint asks every ``promise: true`` rule to read something
recorded as owed: advisor/toolkit/lint.py).

``visit.rep_promised`` is true where the visit's note or next step holds a word of the packs' vocabulary
``rep_promised`` that is not negated ("didn't promise anything", "没答应") and not said of the customer ("he promised
to send the PO", "客户答应下单": the customer's promise is his, chased as his — core.promises.customer-commitment).
"""
from __future__ import annotations

from typing import Callable, Optional

from . import actors, wordlists

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"visit": {
    "rep_promised": ("bool", "the note or next step records a promise the rep made to the customer (vocabulary "
                             "rep_promised; not negated, not said of the customer: advisor/accounts/reppromise.py)"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"visit": {
    "rep_promised": "拜访记录或下一步写明销售向客户作出的承诺(词表 rep_promised;前面没有否定词,也不是客户的承诺)",
}}


def promised(text: Optional[str], find: Callable[..., Optional[str]], judge: Optional[actors.Judge] = None) -> bool:
    """Does ``text`` record a promise of ours: a ``find`` word (the vocabulary rep_promised), not negated
    (wordlists.NEGATED_BEFORE) and not said of someone named other than us — the customer ("he promised to send the
    PO", "客户答应下单": his promise, chased as his), a competitor (actors.py: who acts)? A promise with nobody named is
    the rep's own note of it ("答应下次带新机壳")."""
    judge = judge or actors.Judge()

    def theirs(low: str, at: int) -> bool:
        who = judge.subject(low, at)
        return who.who != actors.US and bool(who.words)
    return wordlists.first_unnegated(text, find, aside=theirs) is not None


def mark(facts: list[dict], visits: list, find: Callable[..., Optional[str]],
         judge: Optional[actors.Judge] = None) -> None:
    """Set ``rep_promised`` on each visit fact (``visits``: the account's visits in the facts' order; ``judge``: who
    acts, accounts/actors.py)."""
    mine = [f for f in facts if f["kind"] == "visit"]
    for f, v in zip(mine, visits):
        f["rep_promised"] = promised(v.note, find, judge) or promised(v.next_step, find, judge)
