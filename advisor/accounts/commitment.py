"""A visit that records the customer's commitment already given (issue 22, session 6): "SKO confirmed (contract
signed)", "PO issued for the first 40 units", "已付定金", "合同已簽". Advice that asks for a commitment prepares an
event; after the event it is noise — "agree a concrete next step" at a meeting that ended with a signature.

``visit.commitment_recorded`` is true where the visit's note or next step holds a word of the packs' vocabulary
``commitment_given`` not right after a negation ("not signed the contract yet", "还没签合同" record no commitment).
"""
from __future__ import annotations

import datetime as dt
from typing import Callable, Optional

from . import actors, wordlists

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"visit": {
    "commitment_recorded": ("bool", "the note or next step records a commitment the customer gave — a contract signed, "
                                    "an order placed, a booking confirmed, a deposit paid (vocabulary commitment_given, "
                                    "not negated)"),
    "commitment_set_aside": ("text", "why words of a commitment in the visit record none given to us: a competitor's "
                                     "or a third party's, our own plan, deferred (accounts/actors.py)"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"visit": {
    "commitment_recorded": "拜访记录或下一步写明客户已给出承诺——合同已签、已下单、预订已确认、定金已付(词表 commitment_given,"
                           "且前面没有否定词)",
    "commitment_set_aside": "拜访记录中有承诺的字眼却不算客户给我们的承诺的原因:竞争对手或第三方的、我方自己的打算、推后了",
}}

# a negation in the few words before the phrase ("has not signed the contract", "还没签合同", "尚未下單", "别急着签合同"):
# the one negation judgement (wordlists.NEGATED_BEFORE) — 别家 / 別家 is another company, no negation ("跟別家合同已簽")
NEGATED = wordlists.NEGATED_BEFORE


def _recorded(text: Optional[str], find: Callable[..., Optional[str]], judge: Optional[actors.Judge] = None,
              made: Optional[dt.date] = None) -> tuple[bool, Optional[str]]:
    """(does the text record a commitment the customer gave us, why a commitment's words there record none — a
    competitor's, our plan, deferred: actors.py)."""
    if not text:
        return False, None
    aside = None
    for sentence in wordlists.SENTENCE.split(text):
        low = sentence.lower()
        start = 0
        while True:
            word = find(low[start:])
            if word is None:
                break
            at = low.index(word, start)
            start = at + len(word)
            if wordlists.negated_before(low, at) or wordlists.told_not_to(sentence):
                continue  # "not signed yet", "别急着签合同", "no need to sign now": no commitment given
            why = judge.not_given(sentence, at + len(word), made) if judge is not None and made else None
            if why:
                aside = aside or why
                continue
            return True, None
    return False, aside


def mark(facts: list[dict], visits: list, find: Callable[..., Optional[str]],
         judge: Optional[actors.Judge] = None) -> None:
    """Set ``commitment_recorded`` on each visit fact (``visits``: the account's visits in the facts' order);
    ``judge``: whose words and which time (accounts/actors.py) — a commitment a competitor got, one we only plan or
    one deferred is none given, and ``commitment_set_aside`` says why."""
    mine = [f for f in facts if f["kind"] == "visit"]
    for f, v in zip(mine, visits):
        note, why_note = _recorded(v.note, find, judge, v.date)
        step, why_step = _recorded(v.next_step, find, judge, v.date)
        f["commitment_recorded"] = note or step
        if not f["commitment_recorded"] and (why_note or why_step):
            f["commitment_set_aside"] = why_note or why_step
