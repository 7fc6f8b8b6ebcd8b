"""Has the business moved to a rival, by the account's record rather than its words? (issue 22, session 8)

"冰箱从七月开始我们就进海尔的了", "the resin comes from Dow these days", "分散剂现在都从巴斯夫进了": our own customer
names a rival as the one they buy from, in words no list of "moved to / switched / 转给" holds (the paraphrase tests
found the move read only when written with those words). The record says it: an account that has bought from us,
whose sales to us are falling, and whose buyer names a rival as their supplier has moved (that part of) the business
to that rival — a customer is won back on why he left (004 · ◎客户亲和管理), not unseated like an incumbent.

``moved_by_record`` on an objection fact: the objector's account has bought from us (``from_our_customer``), the
objection names a competitor as its supplier (the reader's incumbent kind, with the competitor named) and the
account's own figures fall (``falling``: declinenote's thresholds, and the last period against the one before). A prospect's "we buy from X"
stays an incumbent to unseat; so does a steady customer's remark about a rival in another line.
"""
from __future__ import annotations

from typing import Callable, Optional

from . import actors, declinenote, wordlists
from .account import Account

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"objection": {
    "business_moved": ("bool", "the customer's words say THEY moved the business: a word of the vocabulary "
                               "business_moved (moved, switched, 换了, 转给), not negated, whose subject is the customer "
                               "or nobody named — not a competitor or a third party ('the competitor moved its "
                               "warehouse'): who acts, advisor/accounts/actors.py"),
    "moved_set_aside": ("text", "why words of moving in the objection are not the customer moving the business: a "
                                "competitor's or a third party's move (advisor/accounts/actors.py)"),
    "moved_by_record": ("bool", "the account has bought from us, its sales are falling, and the objection names a "
                                "competitor as the supplier they buy from: the business moved there, whatever words "
                                "say it (advisor/accounts/movedaway.py)"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"objection": {
    "business_moved": "客户的原话说是他们把生意转走了:词表 business_moved 中的词(换了、转给、moved、switched),前面没有否定,"
                      "主语是客户或没写明——不是竞争对手或第三方(“竞争对手把仓库搬了”不算;谁在做:advisor/accounts/actors.py)",
    "moved_set_aside": "异议里有“转走/搬走”的字眼、却不是客户把生意转走的原因:竞争对手或第三方的动作(advisor/accounts/actors.py)",
    "moved_by_record": "客户向我们买过、销售在下滑,异议又点名某竞争对手是他们现在的供应商:不论用什么字眼,生意已转给了它"
                       "(advisor/accounts/movedaway.py)",
}}


def falling(account: Account, a: dict) -> bool:
    """Do the account's own figures fall (declinenote's thresholds)? An order gap well past its usual one, the last
    months low against the usual, the last period (a month, a quarter, a half) or the last year below the one
    before — not the general words the decline note falls back on when the figures show nothing."""
    if (a.get("order_gap_ratio") or 0) >= declinenote.LATE_RATIO:
        return True
    recent = a.get("recent_sales_ratio")
    if recent is not None and recent <= declinenote.RECENT_LOW:
        return True
    if (a.get("sales_trend") or 0) <= declinenote.FALL or (a.get("sales_growth") or 0) <= declinenote.FALL:
        return True
    periods = [p.amount for p in (account.sales.periods if account.sales else None) or []]
    return len(periods) >= 2 and periods[-2] > 0 and (periods[-1] - periods[-2]) / periods[-2] <= declinenote.FALL


def mark(facts: list[dict], account: Account, a: dict) -> None:
    """Set ``moved_by_record`` on every objection fact (in place), after ``from_our_customer`` (exclusivity.mark) and
    the history's figures are on the facts (``a``: the account fact)."""
    down = falling(account, a)
    for f in facts:
        if f["kind"] == "objection":
            f["moved_by_record"] = bool(down and f.get("from_our_customer") and f.get("competitor")
                                        and "incumbent" in (f.get("kinds") or ()))


def mark_moved_words(facts: list[dict], texts: list[str], find: Callable[..., Optional[str]],
                     judge: Optional[actors.Judge] = None) -> None:
    """Set ``business_moved`` (and ``moved_set_aside``) on every objection fact (``texts``: the objections' words, in
    the facts' order): a word of business_moved not negated whose subject — in the customer's own voice, where "we"
    is the customer — is not a competitor, a third party or us."""
    judge = judge or actors.Judge()
    mine = [f for f in facts if f["kind"] == "objection"]
    for f, text in zip(mine, texts):
        why: list[str] = []

        def theirs(low: str, at: int) -> bool:
            who = judge.actor(low, at, quoted=True, nearest=True)
            if who.who in (actors.COMPETITOR, actors.THIRD_PARTY, actors.US):
                why.append(who.note())
                return True
            return False
        f["business_moved"] = wordlists.first_unnegated(text, find, aside=theirs) is not None
        if not f["business_moved"] and why:
            f["moved_set_aside"] = why[0]
