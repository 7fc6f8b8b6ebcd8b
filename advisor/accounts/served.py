"""Has the account ever been served by us? (issue 23, session 5; seed 003 · 七、大客戶關系維護技巧與方法 (二)老客戶關系
維持措施: a complaint is handled for a customer we deliver to; seed 004 · 王强案例 水到渠成: a new buyer's story of
what went wrong with others is a doubt to be met with proof — a customer like him, and its figures.)

A complaint needs something of ours to complain of. A prospect who tells how his previous vendor's machines broke
and nobody came ("上次换的那批机器坏了没人管", "the last lot of kit from our old supplier sat broken for a week")
or a contact marked unhappy at an account that never bought from us speaks of someone else's service: he doubts
that we will do better. ``unserved_prospect`` says the rep records the account as one being won (a stage before
maintain, or its sales) and it has never bought from us (no sales, no won deal, no complaint on record);
``prospect_service_story`` marks a service-kind objection there —
the packs answer it as a doubt (rules/core/objections.yaml kind-service-story-at-prospect), not as our complaint.
Bookkeeping only; runs after the deal history (history.py sets the won deals).
"""
from __future__ import annotations

from typing import Any

from .account import Account
from .history import bought_from_us

CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    "account": {"unserved_prospect": ("bool", "the rep records the account in a stage before maintain (or records its "
                                              "sales) and it has never bought from us: no sales, no won deal or "
                                              "opportunity, no complaint on record — nothing of ours to complain of; "
                                              "false when that is unknown (advisor/accounts/served.py)")},
    "objection": {"prospect_service_story": ("bool", "a service-kind objection (a failure, a repair, after-sales) at "
                                                     "an unserved prospect: the story of another supplier's service, a "
                                                     "doubt about ours — not our complaint")},
}
CATALOG_ZH: dict[str, dict[str, str]] = {
    "account": {"unserved_prospect": "销售记录的阶段在客户维护之前(或记录了销售额),且从未向我们买过:无销售、无赢单、无投诉记录——"
                                     "没有我们的东西可投诉;无从判断时为 false(advisor/accounts/served.py)"},
    "objection": {"prospect_service_story": "未合作客户说出的服务类异议(故障、维修、售后):讲的是别家供应商的服务,"
                                            "是对我们的怀疑——不是对我们的投诉"},
}


def mark(facts: list[dict[str, Any]], account: Account, a: dict[str, Any]) -> None:
    """Set ``unserved_prospect`` on the account fact ``a`` and ``prospect_service_story`` on every objection fact (in
    place); after the deal history and the objection facts are built. An account whose stage and sales were never
    written down is not known to be a prospect: its complaint is read as ours, as before."""
    served = bought_from_us(a) or account.stage == "maintain" or bool(account.complaints)
    recorded = bool({"stage", "sales"} & account.model_fields_set)
    a["unserved_prospect"] = recorded and not served
    for f in facts:
        if f["kind"] == "objection":
            f["prospect_service_story"] = bool(f.get("complaint")) and a["unserved_prospect"]
