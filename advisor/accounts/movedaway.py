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

from . import declinenote
from .account import Account

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"objection": {
    "moved_by_record": ("bool", "the account has bought from us, its sales are falling, and the objection names a "
                                "competitor as the supplier they buy from: the business moved there, whatever words "
                                "say it (advisor/accounts/movedaway.py)"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"objection": {
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
