"""A visit that records the customer's commitment already given (issue 22, session 6): "SKO confirmed (contract
signed)", "PO issued for the first 40 units", "已付定金", "合同已簽". Advice that asks for a commitment prepares an
event; after the event it is noise — "agree a concrete next step" at a meeting that ended with a signature.

``visit.commitment_recorded`` is true where the visit's note or next step holds a word of the packs' vocabulary
``commitment_given`` not right after a negation ("not signed the contract yet", "还没签合同" record no commitment).
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from . import wordlists

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"visit": {
    "commitment_recorded": ("bool", "the note or next step records a commitment the customer gave — a contract signed, "
                                    "an order placed, a booking confirmed, a deposit paid (vocabulary commitment_given, "
                                    "not negated)"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"visit": {
    "commitment_recorded": "拜访记录或下一步写明客户已给出承诺——合同已签、已下单、预订已确认、定金已付(词表 commitment_given,"
                           "且前面没有否定词)",
}}

# a negation in the few words before the phrase: "has not signed the contract", "还没签合同", "尚未下單"
NEGATED = re.compile(r"(?:(?:\b(?:not|never|no|yet to|without)\b|n[’']t\b)[^.;,!?]{0,12}"
                      r"|(?:没|沒|未|不|还没|還沒|尚未|别|別)[^。;,!?]{0,3})$")


def _recorded(text: Optional[str], find: Callable[..., Optional[str]]) -> bool:
    return wordlists.first_unnegated(text, find, NEGATED) is not None


def mark(facts: list[dict], visits: list, find: Callable[..., Optional[str]]) -> None:
    """Set ``commitment_recorded`` on each visit fact (``visits``: the account's visits in the facts' order)."""
    mine = [f for f in facts if f["kind"] == "visit"]
    for f, v in zip(mine, visits):
        f["commitment_recorded"] = _recorded(v.note, find) or _recorded(v.next_step, find)
