"""Which open deals are tenders: an opportunity or a deal whose own words say it is bought by
public tender, bid or request for proposal (issue 23).

A tender is bought on published rules — a timeline, a specification, evaluation criteria and a
panel — so the advice differs from a deal a buyer negotiates (rules/core/buying.yaml). Only the
deal's own name (and, for a deal of the history, its product and note) is read: the account's
free notes speak of many things and would mark every deal of a customer that once mentioned a
tender. Bookkeeping only; what a tender calls for is the packs'.
"""
from __future__ import annotations

import re
from typing import Any

# words that name a tendered purchase, in English and in Chinese (simplified and traditional);
# "bid" alone also covers "our bid", which is the same situation seen from the seller's side
_WORDS = re.compile(
    r"\b(?:tender(?:s|ed|ing)?|bid(?:s|ding)?|rfp|rfq|rft|itt|invitation to tender|request for (?:proposal|quotation)s?"
    r"|call for tenders?|procurement notice)\b"
    r"|招标|招標|投标|投標|标书|標書|开标|開標|评标|評標|竞标|競標|比选|比選|挂网|掛網|集采|集中采购|竞争性谈判|竞争性磋商|询价采购")

CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    "account": {"open_tender_count": ("number", "open opportunities and open deals whose name reads as a tender")},
    "opportunity": {"tender": ("bool", "its name reads as a tender, bid or RFP (招标, 投标, 比选 …)")},
    "deal": {"tender": ("bool", "its name, product or note reads as a tender, bid or RFP (招标, 投标, 比选 …)")},
}
CATALOG_ZH: dict[str, dict[str, str]] = {
    "account": {"open_tender_count": "名称显示为招标的进行中商机和进行中单子的数量"},
    "opportunity": {"tender": "名称显示为招标、投标或比选等(tender, bid, RFP …)"},
    "deal": {"tender": "名称、产品或备注显示为招标、投标或比选等(tender, bid, RFP …)"},
}


def reads_as_tender(*texts: str | None) -> bool:
    return any(t and _WORDS.search(t.lower()) for t in texts)


def mark(facts: list[dict[str, Any]], account_fact: dict[str, Any]) -> None:
    """Set ``tender`` on every opportunity and deal fact (in place) and count the open ones on the
    account fact."""
    count = 0
    for f in facts:
        if f["kind"] == "opportunity":
            f["tender"] = reads_as_tender(f.get("name"))
            count += f["tender"] and "won" not in f
        elif f["kind"] == "deal":
            f["tender"] = reads_as_tender(f.get("name"), f.get("product"), f.get("note"))
            count += f["tender"] and f.get("status") == "open"
    account_fact["open_tender_count"] = count
