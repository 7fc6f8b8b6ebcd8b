"""What the customer told us stands against buying more (session 15; COACHING.md: a misfire is a rule firing against
the account's facts).

A dealer says "the shop can't hold any more", "we're sitting on three months of stock", "店里堆不下了", "货卖不动", "资金紧";
an end customer "our warehouse is full". Until that constraint is answered — a new order since says it is — an offer
to sell more (a new line, a cross-sell, an up-sell, a bundle: the closed tag growth-pitch, terms.OFFER_TAGS) pushes
against what the customer said, and a coach strikes it (rules/core/keep.yaml core.keep.no-push-past-the-constraint).

``account.buy_constraint``: the customer's words of such a constraint (the packs' vocabulary ``buy_constraint``) in a
visit note or an objection of the last RECENT_DAYS days, said on or after the account's last order, not negated ("没有库存
压力", "no stock problem"), and said by the customer — not our own side ("our truck has no room", a rep's aside:
accounts/actors.py). ``buy_constraint_days_ago``: how long ago it was said.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Optional

from . import actors, wordlists
from .account import Account

RECENT_DAYS = 90  # a constraint told a quarter ago, with no order since, is how the account stands now; older is history

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"account": {
    "buy_constraint": ("text", "the customer's own words of what stands against buying more — no room, overstocked, "
                               "stock not selling, cash tight (the packs' vocabulary buy_constraint) — said in the last "
                               "90 days on or after the last order, not negated, by the customer "
                               "(advisor/accounts/buyconstraint.py)"),
    "buy_constraint_days_ago": ("number", "days since the customer said it"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"account": {
    "buy_constraint": "客户自己说的不能再多买的原因——放不下、库存太多、卖不动、资金紧(规则包词表 buy_constraint)——"
                      "近90天内、最近一次下单当天或之后说的,未被否定,且是客户说的(advisor/accounts/buyconstraint.py)",
    "buy_constraint_days_ago": "客户说这话距今的天数",
}}


def mark(a: dict[str, Any], account: Account, as_of: dt.date, find: Callable[..., Optional[str]],
         judge: actors.Judge) -> None:
    """Set ``buy_constraint`` (and its age) on the account fact ``a`` from the newest text that states one."""
    last_order = account.sales.last_order if account.sales else None
    texts = [(v.date, v.note) for v in account.visits if v.note]
    texts += [(o.date, o.text) for o in account.objections if o.date and o.text]
    for day, text in sorted(texts, key=lambda t: t[0], reverse=True):
        age = (as_of - day).days
        if not 0 <= age <= RECENT_DAYS or (last_order is not None and day < last_order):
            continue  # too old, or an order placed since answered it
        words = _said(text, find, judge)
        if words:
            a["buy_constraint"], a["buy_constraint_days_ago"] = words, age
            return


def _said(text: str, find: Callable[..., Optional[str]], judge: actors.Judge) -> Optional[str]:
    """The first constraint words of a sentence of ``text`` that the customer says, not negated, or None."""
    pos = 0
    for sentence in wordlists.SENTENCE.split(text):
        start = text.find(sentence, pos)
        pos = max(pos, start + len(sentence))
        word = wordlists.first_unnegated(sentence, find)
        if not word:
            continue
        at = sentence.lower().find(word)
        who = judge.actor(sentence, at, actors.quoting(text[:start]), aside=judge.aside(text[:start]))
        if who.who == actors.CUSTOMER:
            return word
    return None
