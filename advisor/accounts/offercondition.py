"""A past failure the buyer sets as a condition of the next offer (issue 23, session 7; seed 004 · 客户关系管理课程第一
小组(后街KTV案例): answer a complaint at once and fix it — here the buyer has said how: in the next offer).

"Last time your delivery came 4 days before the shutdown … This time I need firm dates in the offer, otherwise the
committee will not accept", "上次晚到三天差点停线,这次报价里要写明交期": a service-kind objection whose words tie what
went wrong to what the next offer or order must hold (the packs' vocabulary ``offer_condition``: in the offer, in your
quote, next order, 报价里, 下一单), at an account with a deal still open to write it into. ``offer_condition`` on the
objection fact: the answer is to write the fix into that offer (rules/core/complaints.yaml), not to reopen it as an old
grievance — the deal it decides is on the table.
"""
from __future__ import annotations

from typing import Any, Callable

from .account import Account

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"objection": {
    "offer_condition": ("bool", "a service-kind objection whose words set what the next offer or order must hold (the "
                                "packs' vocabulary offer_condition: 'in the offer', 'next order', 报价里), with a deal "
                                "open to write it into (advisor/accounts/offercondition.py)"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"objection": {
    "offer_condition": "服务类异议,原话把上次的问题变成下一份报价或下一单的条件(规则包词表 offer_condition:报价里、"
                       "下一单、in the offer),且有在谈的单子可以写进去(advisor/accounts/offercondition.py)",
}}


def mark(facts: list[dict[str, Any]], account: Account, reads: Callable[..., bool]) -> None:
    """Set ``offer_condition`` on every objection fact (in place); after the objection facts (``complaint``: read as
    service). ``reads`` is the packs' offer_condition matcher (wordlists.matcher)."""
    open_deal = any(o.won is None for o in account.opportunities)
    for f in facts:
        if f["kind"] == "objection":
            f["offer_condition"] = bool(open_deal and f.get("complaint") and reads(f.get("quote")))
