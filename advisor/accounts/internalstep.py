"""A next step that is our own internal move is not a promise to the customer (issue 22, session 9).

A promise is something owed *to the customer*: send, deliver, bring, show, call back, quote, 给客户…, 答复, 送样. A rep
also writes down steps that only move things on our side — file a credit-line increase, apply for a special price,
ask finance for a sample budget, 申请特价, 报批, 走流程, 找财务 — and read as a promise such a step was kept "due" and
ranked before the account's own problem (a v11 bank: "上报提额" as #1, before the know-your-customer review the new
shareholder calls for). Owed to nobody outside, it is work, not a promise: it may appear as its own action
(core.promises.internal-step), never as a due promise.

``promise.internal`` is true for one of ours (by: rep) whose words hold a word of the packs' vocabulary
``step_internal`` (an approval, a filing, a request to our own finance, legal or management) and none of
``step_for_customer`` (a deed done to or for the customer: "send them", "call back", "给客户", "答复") — a step that does
both ("get the price approved and send Anna the quote"), or names the person it was made to ("send Suresh the file"),
still owes the customer something, and stays a promise.
``internal_words`` shows the word found (the trace's evidence).
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from .wordlists import name_at

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"promise": {
    "internal": ("bool", "one of ours whose words name only an internal move — an approval, a filing, a request to our "
                         "own finance, legal or management (vocabulary step_internal), no deed for the customer "
                         "(step_for_customer): work on our side, not a promise owed to the customer "
                         "(advisor/accounts/internalstep.py)"),
    "internal_words": ("text", "the words that make it internal (the evidence; empty when it is not)"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"promise": {
    "internal": "我方的一步,文字只写了内部动作——审批、上报、向我方财务/法务/管理层申请(词表 step_internal),没有为客户做的事"
                "(step_for_customer):是我方内部的工作,不是欠客户的承诺(advisor/accounts/internalstep.py)",
    "internal_words": "判定为内部动作的词(依据;不是时为空)",
}}


# titles before a name that say nothing of who the person is
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "ir", "encik", "puan", "sr", "sra", "herr", "frau"}


def names_contact(text: str, contact: Optional[str]) -> bool:
    """Does ``text`` name the contact — the whole name, or a word of it of three letters or more that is no
    honorific ("Send Suresh …" names "Mr. Suresh Patil")? A Chinese name is matched whole."""
    if not contact:
        return False
    low = text.lower()
    if name_at(low, contact.lower()) >= 0:
        return True
    words = [w for w in re.split(r"[\s.,]+", contact.lower()) if len(w) >= 3 and w not in _HONORIFICS]
    return any(w.isascii() and name_at(low, w) >= 0 for w in words)


def mark(facts: list[dict], find_internal: Callable[..., Optional[str]],
         find_for_customer: Callable[..., Optional[str]]) -> None:
    """Set ``internal`` and ``internal_words`` on every promise fact (in place)."""
    for f in facts:
        if f["kind"] != "promise":
            continue
        word = find_internal(f["what"]) if f.get("by") == "rep" else None
        internal = (word is not None and find_for_customer(f["what"]) is None
                    and not names_contact(f["what"], f.get("to")))
        f["internal"] = internal
        f["internal_words"] = word if internal else ""
