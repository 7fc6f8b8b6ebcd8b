"""A change of who owns the customer, in the account's own record (issue 22, session 9).

A new shareholder, a new owner, a change of control ("11月新增香港公司入股40%", "acquired by a Dubai group in October",
"股權變更") changes who the customer *is*. Where the seller must know its customer (a bank's know-your-customer duty:
the beneficial owner, the source of funds), nothing new — a credit line, a new payment route — can be done for the
customer until it is identified again: the review is a precondition, and the steps that depend on it wait
(rules tagged ``precondition``; evaluation/rank.py says the waiting steps wait).

``account.ownership_changed`` is true where the notes, a visit's note or next step, or a contact's title hold a word
of the packs' vocabulary ``ownership_change`` — not right after a negation ("no change of ownership", "股东没有变化") —
and no text records the customer identified again since (vocabulary ``kyc_redone``: "KYC refreshed", "受益所有人已核实").
``ownership_change_words`` quotes the words found (the trace's evidence).
"""
from __future__ import annotations

from typing import Callable, Optional

from . import actors, wordlists
from .account import Account

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"account": {
    "ownership_changed": ("bool", "the record says the customer's owners changed — a new shareholder, a new owner, a "
                                  "change of control (vocabulary ownership_change in the notes, a visit or a contact's "
                                  "title, not negated) — and nothing records it identified again since (vocabulary "
                                  "kyc_redone) (advisor/accounts/ownerchange.py)"),
    "ownership_change_words": ("text", "the words that record the change (the evidence)"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"account": {
    "ownership_changed": "记录表明客户的所有者变了——新股东、新东家、控制权变更(词表 ownership_change,见于备注、拜访或联系人职务,"
                         "且未被否定)——且没有记录表明此后已重新识别客户(词表 kyc_redone)(advisor/accounts/ownerchange.py)",
    "ownership_change_words": "记录这一变更的文字(依据)",
}}

# a negation in the few characters before the words: "no change of ownership", "股东没有变化" is read after (没有变化
# follows the noun in Chinese: the words themselves then say 没/未/无 right after)


def _texts(account: Account) -> list[str]:
    out = [account.notes or ""]
    for v in account.visits:
        out += [v.note or "", v.next_step or ""]
    out += [c.title or "" for c in account.contacts]
    return [t for t in out if t]


def _found(text: str, find: Callable[..., Optional[str]], judge: Optional[actors.Judge] = None) -> Optional[str]:
    """The first word of the vocabulary in ``text`` not negated and not about someone else — a competitor or a third
    party changing hands ("Norbrook was bought by a private-equity fund", "B品牌被收购了"), or our own company ("我们公司
    被收购了": our news, not the customer's owners; actors.py) — or None."""
    judge = judge or actors.Judge()

    def someone_else(low: str, at: int) -> bool:
        return judge.subject(low, at).who in (actors.COMPETITOR, actors.THIRD_PARTY, actors.US)
    return wordlists.first_unnegated(text, find, after=wordlists.NEGATED_AFTER, aside=someone_else)


def mark(a: dict, account: Account, find_change: Callable[..., Optional[str]],
         find_redone: Callable[..., Optional[str]], judge: Optional[actors.Judge] = None) -> None:
    """Set ``ownership_changed`` (and its evidence) on the account fact ``a`` (in place); ``judge``: who acts."""
    texts = _texts(account)
    word = next((w for w in (_found(t, find_change, judge) for t in texts) if w), None)
    redone = any(_found(t, find_redone) for t in texts)
    a["ownership_changed"] = bool(word) and not redone
    a["ownership_change_words"] = word if a["ownership_changed"] else ""
