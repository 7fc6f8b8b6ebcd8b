"""Does an objection ask us to send a price, a quote or a proposal? (issue 23, session 5; seed 001 · 二、IBM的销售模式
争取销售权利: a proposal or a price sent before the needs are known ends the sale on price.)

A buyer words the push many ways — "just send me your proposal and a per-head price", "can you email over your
rates", "给我发个报价", "先把方案和价格给我" — so a fixed phrase list misses most of them: an asking verb followed,
within a few words, by a word for what we would send is the request. ``asks_for_offer`` on each objection fact says
so; ``prospect_asks_for_offer`` says it of a customer that has never bought from us, where a "service" reading of
the same words is no complaint — nothing has been delivered to complain of (rules/core/objections.yaml kind-service).
"""
from __future__ import annotations

import re

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"objection": {
    "asks_for_offer": ("bool", "the words ask us to send or give a price, a quote or a proposal ('send me your "
                               "proposal and a per-head price', '给我发个报价'; advisor/accounts/offerask.py)"),
    "prospect_asks_for_offer": ("bool", "asks_for_offer at a customer that has never bought from us (no sales "
                                        "history): a request, no complaint about a service never delivered"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"objection": {
    "asks_for_offer": "原话要求我们发送或给出价格、报价或方案(“send me your proposal”“给我发个报价”;"
                      "advisor/accounts/offerask.py)",
    "prospect_asks_for_offer": "从未向我们买过的客户(无销售记录)提出 asks_for_offer:是索要报价,不是对从未提供过的服务的投诉",
}}

_EN_ASK = r"(?:send|sending|email|e-mail|mail|forward|share|give|get|pass|drop|put together|submit|need|want|" \
          r"would like|'d like|like to see)"
_EN_OFFER = r"(?:proposals?|quotes?|quotations?|pric(?:e|es|ing)|rates?|rate card|costings?|costs|fees?|offers?|" \
            r"tenders?|bids?|estimates?)"
# … not a price that should move ("we need the price to come down": a price objection, not a request)
_EN = re.compile(r"(?<![a-z])" + _EN_ASK + r"(?:\s+[a-z'’-]+){0,4}?\s+" + _EN_OFFER + r"(?![a-z])"
                 r"(?!\s+(?:to\s+)?(?:come|comes|go|goes|drop|fall|is|are|was|were|too|higher|lower|down|cut|reduced)\b)")
_ZH = re.compile(r"(?:发|發|给|給|报|報|出|寄|拿|传|傳|交|提供|来|來)[^。,,;;!!??\n]{0,6}?"
                 r"(?:方案|报价|報價|价格|價格|价钱|價錢|价目|價目|价单|價單|建议书|建議書|标书|標書)"
                 # "先把方案和价格给我": what is asked for first, the asking after it
                 r"|(?:把|將|将)[^。,,;;!!??\n]{0,8}?(?:方案|报价|報價|价格|價格|价钱|價錢)[^。,,;;!!??\n]{0,6}?"
                 r"(?:给我|給我|发我|發我|发给|發給|发过来|發過來|传过来|傳過來)")


def asks_for_offer(text: str) -> bool:
    """An asking verb, then within a few words something we would send: a price, a quote, a proposal."""
    low = (text or "").lower()
    return bool(_EN.search(low) or _ZH.search(low))


def mark(objection: dict, text: str, bought: bool) -> None:
    """Set both facts on one objection fact; ``bought``: the account has a sales history with us."""
    objection["asks_for_offer"] = asks_for_offer(text)
    objection["prospect_asks_for_offer"] = objection["asks_for_offer"] and not bought
