"""Which open deals are tenders: an opportunity or a deal whose own words say it is bought by
public tender, bid or request for proposal (issue 23).

A tender is bought on published rules — a timeline, a specification, evaluation criteria and a
panel — so the advice differs from a deal a buyer negotiates (rules/core/buying.yaml). Only the
deal's own name (and, for a deal of the history, its product and note) is read: the account's
free notes speak of many things and would mark every deal of a customer that once mentioned a
tender. The words are the packs' (``vocabulary: tender:`` in rules/core/pack.yaml; an industry pack
adds its own), found by wordlists.py. Bookkeeping only; what a tender calls for is the packs'.
"""
from __future__ import annotations

from typing import Any, Callable

CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    "account": {"open_tender_count": ("number", "open opportunities and open deals whose name reads as a tender")},
    "opportunity": {"tender": ("bool", "its name holds a word of the packs' vocabulary tender (招标, 投标, 比选, tender, bid, RFP …)")},
    "deal": {"tender": ("bool", "its name, product or note holds a word of the packs' vocabulary tender (招标, 投标, 比选, tender, bid, RFP …)")},
}
CATALOG_ZH: dict[str, dict[str, str]] = {
    "account": {"open_tender_count": "名称显示为招标的进行中商机和进行中单子的数量"},
    "opportunity": {"tender": "名称含规则包词表 tender 中的词(招标、投标、比选、tender、bid、RFP …)"},
    "deal": {"tender": "名称、产品或备注含规则包词表 tender 中的词(招标、投标、比选、tender、bid、RFP …)"},
}


def mark(facts: list[dict[str, Any]], account_fact: dict[str, Any], reads_as_tender: Callable[..., bool]) -> None:
    """Set ``tender`` on every opportunity and deal fact (in place) and count the open ones on the
    account fact; ``reads_as_tender(*texts)`` finds the packs' tender words (wordlists.matcher)."""
    count = 0
    for f in facts:
        if f["kind"] == "opportunity":
            f["tender"] = reads_as_tender(f.get("name"))
            count += f["tender"] and "won" not in f
        elif f["kind"] == "deal":
            f["tender"] = reads_as_tender(f.get("name"), f.get("product"), f.get("note"))
            count += f["tender"] and f.get("status") == "open"
    account_fact["open_tender_count"] = count
