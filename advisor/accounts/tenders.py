"""Which open deals are tenders: an opportunity or a deal whose own words say it is bought by
public tender, bid or request for proposal (issue 23).

A tender is bought on published rules — a timeline, a specification, evaluation criteria and a
panel — so the advice differs from a deal a buyer negotiates (rules/core/buying.yaml). Only the
deal's own name (and, for a deal of the history, its product and note) is read: the account's
free notes speak of many things and would mark every deal of a customer that once mentioned a
tender. The words are the packs' (``vocabulary: tender:`` in rules/core/pack.yaml; an industry pack
adds its own), found by wordlists.py. Bookkeeping only; what a tender calls for is the packs'.

One exception, narrow on purpose: a recent visit's note that says a tender is under way — its notice
published, its bid opening or closing date set (vocabulary ``tender_under_way``: 挂网, 开标, 截标,
bid opening, bids due …; words a future or possible tender never has) — marks the account's only
open opportunity as a tender. A rep writes "the tender was published on the 19th, bids open on the
10th" in the visit where he learned it, not in the deal's name.

Session 17: ``account.tender_contact_barred`` — an open tender, and the account's notes or a recent visit's note hold
a word of the packs' vocabulary ``tender_no_contact`` (the tender's own rule against private contact with the
evaluators while bids are open: 不得与评标小组成员私下接触, quiet period, all communication through the tender
office). A first meeting with the unmet decider then is not a way in but a reason to disqualify the bid: the bid is
the work, the people are met after the award (the rule that holds the meetings back: rules/core/buying.yaml).
"""
from __future__ import annotations

from typing import Any, Callable, Sequence

# a visit within this many days is recent enough to say what is under way now (derived: a tender runs for weeks)
RECENT_VISIT_DAYS = 60

CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    "account": {"open_tender_count": ("number", "open opportunities and open deals whose name reads as a tender"),
                "tender_contact_barred": ("bool", "an open tender, and the notes or a visit of the last 60 days hold the "
                                                  "tender's rule against private contact with the evaluators while bids "
                                                  "are open (vocabulary tender_no_contact: 不得私下接触, quiet period …)")},
    "opportunity": {"tender": ("bool", "its name holds a word of the packs' vocabulary tender (招标, 投标, 比选, tender, bid, RFP …), "
                                       "or it is the only open one and a visit of the last 60 days says a tender is under way "
                                       "(vocabulary tender_under_way: 挂网, 开标, 截标, bid opening …)")},
    "deal": {"tender": ("bool", "its name, product or note holds a word of the packs' vocabulary tender (招标, 投标, 比选, tender, bid, RFP …)")},
}
CATALOG_ZH: dict[str, dict[str, str]] = {
    "account": {"open_tender_count": "名称显示为招标的进行中商机和进行中单子的数量",
                "tender_contact_barred": "有进行中的招标,且备注或近60天的拜访记录写明投标期间不得与评标人员私下接触"
                                         "(词表 tender_no_contact:不得私下接触、静默期 …)"},
    "opportunity": {"tender": "名称含规则包词表 tender 中的词(招标、投标、比选、tender、bid、RFP …),"
                              "或它是唯一进行中的商机且近60天的拜访记录写明招标正在进行(词表 tender_under_way:挂网、开标、截标 …)"},
    "deal": {"tender": "名称、产品或备注含规则包词表 tender 中的词(招标、投标、比选、tender、bid、RFP …)"},
}


def mark(facts: list[dict[str, Any]], account_fact: dict[str, Any], reads_as_tender: Callable[..., bool],
         reads_under_way: Callable[..., bool] | None = None, recent_notes: Sequence[str | None] = (),
         reads_barred: Callable[..., bool] | None = None, notes: str | None = None) -> None:
    """Set ``tender`` on every opportunity and deal fact (in place) and count the open ones on the
    account fact; ``reads_as_tender(*texts)`` finds the packs' tender words (wordlists.matcher).
    ``recent_notes`` are the notes of the account's recent visits: where ``reads_under_way`` finds a
    tender under way in one of them, the only open opportunity (if none reads as a tender already) is one.
    ``reads_barred`` finds the tender's bar on private contact in the account's ``notes`` or the recent visits' notes:
    with an open tender, ``tender_contact_barred``."""
    opportunities = [f for f in facts if f["kind"] == "opportunity"]
    for f in opportunities:
        f["tender"] = reads_as_tender(f.get("name"))
    open_ones = [f for f in opportunities if "won" not in f]
    if (len(open_ones) == 1 and not open_ones[0]["tender"] and reads_under_way is not None
            and reads_under_way(*recent_notes)):
        open_ones[0]["tender"] = True
    count = sum(f["tender"] for f in open_ones)
    for f in facts:
        if f["kind"] == "deal":
            f["tender"] = reads_as_tender(f.get("name"), f.get("product"), f.get("note"))
            count += f["tender"] and f.get("status") == "open"
    account_fact["open_tender_count"] = count
    account_fact["tender_contact_barred"] = bool(count and reads_barred is not None
                                                 and reads_barred(notes, *recent_notes))
