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

import re
from typing import Callable, Optional

from . import wordlists
from .commitment import NEGATED

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"visit": {
    "rep_promised": ("bool", "the note or next step records a promise the rep made to the customer (vocabulary "
                             "rep_promised; not negated, not said of the customer: advisor/accounts/reppromise.py)"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"visit": {
    "rep_promised": "拜访记录或下一步写明销售向客户作出的承诺(词表 rep_promised;前面没有否定词,也不是客户的承诺)",
}}

# the customer (or a third person) right before the word: his promise, not the rep's
_THEIRS = re.compile(r"(?:\b(?:he|she|they|customer|client|buyer)\b[^.;,!?]{0,6}"
                     r"|(?:他|她|他们|他們|她们|她們|客户|客戶|对方|對方|老板|老闆)[^。;,!?]{0,2})$")


# a negation, or the customer as the one who promised, in the few words before the promise word
_TAKEN_BACK = re.compile(f"(?:{NEGATED.pattern})|(?:{_THEIRS.pattern})")


def promised(text: Optional[str], find: Callable[..., Optional[str]]) -> bool:
    """Does ``text`` record a promise of the rep's: a ``find`` word (the vocabulary rep_promised), not negated and
    not said of the customer?"""
    return wordlists.first_unnegated(text, find, _TAKEN_BACK) is not None


def mark(facts: list[dict], visits: list, find: Callable[..., Optional[str]]) -> None:
    """Set ``rep_promised`` on each visit fact (``visits``: the account's visits in the facts' order)."""
    mine = [f for f in facts if f["kind"] == "visit"]
    for f, v in zip(mine, visits):
        f["rep_promised"] = promised(v.note, find) or promised(v.next_step, find)
