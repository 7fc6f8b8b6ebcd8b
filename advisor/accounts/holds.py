"""A hold on record that stops new business until it is cleared (issue 22, session 9).

"Orders are on credit hold until the September invoices are paid", "集团下发通知,一季度冻结一切新增采购": the account's own
record says a step cannot happen yet. The action that clears the hold — or learns what it covers and when it lifts —
comes before any action that depends on it, and those say they wait (rules tagged ``precondition``; evaluation/rank.py).

``account.hold`` is the kind of the newest hold on record within ``RECENT_DAYS``: ``credit_hold`` (our side stopped
supply or orders: the packs' vocabulary ``credit_hold``) or ``purchase_freeze`` (the customer froze its buying:
``purchase_freeze``), found in a visit's note or next step or in the account's notes, not negated ("no credit hold",
"没有冻结") and not lifted since (vocabulary ``hold_lifted`` in the same or a later text: "hold released", "已解冻",
"恢复发货"). A hold only feared or rumoured ("the budget freeze rumour", "可能冻结采购") is none. ``hold_words`` quotes the words found.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Callable, Optional

from . import actors, wordlists
from .account import Account

RECENT_DAYS = 90  # a hold written down longer ago than this, never mentioned since, is history: ask, don't assume

KINDS = ("credit_hold", "purchase_freeze")

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"account": {
    "hold": ("text", "a hold on record that stops new business until cleared: credit_hold (our side stopped supply or "
                     "orders, vocabulary credit_hold) or purchase_freeze (the customer froze its buying, vocabulary "
                     "purchase_freeze) — the newest, within 90 days, not negated, not lifted since (hold_lifted); "
                     "missing when none (advisor/accounts/holds.py)"),
    "hold_words": ("text", "the words that record the hold (the evidence)"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"account": {
    "hold": "记录在案、在解除之前挡住新业务的限制:credit_hold(我方停止供货或接单,词表 credit_hold)或 purchase_freeze(客户冻结采购,"
            "词表 purchase_freeze)——90天内最新的一条,未被否定、此后也未解除(hold_lifted);没有时缺省(advisor/accounts/holds.py)",
    "hold_words": "记录这一限制的文字(依据)",
}}

# a hold only feared or heard of is no hold on record: "the budget freeze rumour", "risk of a credit hold", "可能冻结采购"
_HEDGED = re.compile(r"(?<![a-z])(?:rumou?rs?|risk|risks|might|may|could|possible|possibly|if|whether|fear|feared|worried)"
                     r"(?![a-z])|传闻|傳聞|传言|傳言|可能|也许|也許|如果|万一|萬一|风险|風險|担心|擔心")
_CLAUSE = re.compile(r"[.;!?\n。；！？，,]")


def _texts(account: Account, as_of: dt.date) -> list[tuple[Optional[dt.date], str]]:
    """The dated texts within RECENT_DAYS, oldest first, then the account's notes (undated: read last)."""
    out = [(v.date, t) for v in sorted(account.visits, key=lambda v: v.date)
           if 0 <= (as_of - v.date).days <= RECENT_DAYS for t in (v.note, v.next_step) if t]
    if account.notes:
        out.append((None, account.notes))
    return out


def _hedged(low: str, word: str) -> bool:
    """Is the clause holding ``word`` a fear or a rumour rather than a record ("Risks: the budget freeze rumour")?"""
    at = low.find(word)
    starts = [m.end() for m in _CLAUSE.finditer(low, 0, at)]
    start = starts[-1] if starts else 0
    end = _CLAUSE.search(low, at + len(word))
    return bool(_HEDGED.search(low[start:end.start() if end else len(low)]))


def mark(a: dict, account: Account, as_of: dt.date, finders: dict[str, Callable[..., Optional[str]]],
         find_lifted: Callable[..., Optional[str]], judge: Optional[actors.Judge] = None) -> None:
    """Set ``hold`` and ``hold_words`` on the account fact ``a`` (in place): the last hold read, unless the same text
    after it or a later text records it lifted. ``judge``: who acts (actors.py) — a hold a competitor or a third party
    put on ("Norbrook put them on credit hold", "另一家供应商冻结了他们的账期") is not ours nor the customer's freeze."""
    judge = judge or actors.Judge()

    def someone_else(low: str, at: int) -> bool:
        return judge.subject(low, at).who in (actors.COMPETITOR, actors.THIRD_PARTY)
    kind, words = None, ""
    for _day, text in _texts(account, as_of):
        low = text.lower()
        found = [(low.find(w), k, w) for k in KINDS
                 for w in (wordlists.first_unnegated(text, finders[k], aside=someone_else),) if w and not _hedged(low, w)]
        lifted = wordlists.first_unnegated(text, find_lifted)
        if found:
            at, kind, words = max(found)
            if lifted and low.rfind(lifted) > at:
                kind, words = None, ""
        elif lifted:
            kind, words = None, ""
    if kind:
        a["hold"], a["hold_words"] = kind, words
