"""Does an objection ask us to send a price, a quote or a proposal? (issue 23, session 5; seed 001 · 二、IBM的销售模式
争取销售权利: a proposal or a price sent before the needs are known ends the sale on price.)

A buyer words the push many ways — "just send me your proposal and a per-head price", "can you email over your
rates", "给我发个报价", "先把方案和价格给我" — so a fixed phrase list misses most of them: an asking word followed,
within a few words, by a word for what we would send is the request. The words are the packs' (``vocabulary:``
offer_ask, offer_thing, offer_handed, offer_undone in rules/core/pack.yaml), where sales-ops can read and extend
them (and offer_figure, offer_figure_undone: "just send me a number", "先给个数" — a bare figure is a price unless it
counts something, "a number of"); this module only says how they pair (wordlists.pair_finder). ``asks_for_offer`` on each objection fact says
so; ``prospect_asks_for_offer`` says it of a customer that has never bought from us (accounts.history.bought_from_us:
no sales on record and no deal won), where a "service" reading of the same words is no complaint — nothing has
been delivered to complain of (rules/core/objections.yaml kind-service).
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from . import wordlists

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"objection": {
    "asks_for_offer": ("bool", "the words ask us to send or give a price, a quote or a proposal ('send me your "
                               "proposal and a per-head price', '给我发个报价': the packs' vocabularies offer_ask, "
                               "offer_thing, offer_handed, offer_undone; advisor/accounts/offerask.py)"),
    "prospect_asks_for_offer": ("bool", "asks_for_offer at a customer that has never bought from us (no sales on "
                                        "record, no deal won): a request, no complaint about a service never "
                                        "delivered"),
    "holds_price": ("bool", "the words tell us not to price yet ('你们先别急着报价', 'don't send a quote yet': the packs' "
                            "vocabulary price_not_yet): a quote named to say there is none yet, no request for one"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"objection": {
    "asks_for_offer": "原话要求我们发送或给出价格、报价或方案(“send me your proposal”“给我发个报价”:规则包词表 "
                      "offer_ask、offer_thing、offer_handed、offer_undone;advisor/accounts/offerask.py)",
    "prospect_asks_for_offer": "从未向我们买过的客户(无销售记录、无赢单)提出 asks_for_offer:是索要报价,不是对从未提供过的服务的投诉",
    "holds_price": "原话叫我们先别报价(“你们先别急着报价”“don't send a quote yet”:规则包词表 price_not_yet):提到报价是为了说还不要,不是索要报价",
}}

# English packs a few words between the asking verb and the thing ("email me your rebate sheet"); Chinese a few
# characters ("给我发一份方案") — a one-character verb further off belongs to something else ("出了问题…报价")
_WINDOW, _CJK_WINDOW = 24, 6
Finder = Callable[..., Optional[str]]


# Chinese asks for a figure with a measure word and any qualifier before 价: 报个人均价, 出个底价, 给個團購價, 报一下单价 —
# the qualifier is open (per head, floor, group, all-in …), so it is read by its shape, not listed (session 11: "你先报个
# 人均价嘛" was no request). A price said to be too high (价太高, 价格贵) is a complaint, not a request.
_ZH_FIGURE = re.compile(r"(?:报|報|出|给|給|开|開)(?:个|個|一个|一個|一下|下)[\u4e00-\u9fff]{0,3}?(?:价|價)"
                        r"(?!格?(?:太|偏|贵|貴|高|了))")


def _zh_figure(*texts: Optional[str]) -> Optional[str]:
    for text in texts:
        got = _ZH_FIGURE.search(text or "")
        if got:
            return got.group(0)
    return None


def finder(vocabulary: Optional[wordlists.Vocabulary]) -> Finder:
    """``find(text)``: the words that make ``text`` a request for our offer, or None. An asking word first, then
    what we would send ("send me your proposal"), or — the Chinese 把-order — what we would send, then the handing
    over ("先把方案和价格给我"); a word of offer_undone right after either undoes it."""
    def pair(first: str, second: str, undone: str = "offer_undone") -> Finder:
        return wordlists.pair_finder(vocabulary, first, second, _WINDOW, ordered=True, cjk_window=_CJK_WINDOW,
                                     not_followed_by=undone)
    # a bare figure asked for ("just send me a number", "先给个数") is a price, unless it counts something ("a number
    # of", "这个数量": offer_figure_undone) — session 10
    return wordlists.first_of(pair("offer_ask", "offer_thing"), pair("offer_thing", "offer_handed"),
                              pair("offer_ask", "offer_figure", "offer_figure_undone"), _zh_figure)


def mark(objection: dict, text: str, bought: bool, find: Finder, holds: Callable[..., bool] = lambda _t: False) -> None:
    """Set the facts on one objection fact; ``bought``: the account has bought from us (history.bought_from_us);
    ``holds(text)``: the words tell us not to price yet (the vocabulary price_not_yet) — then they ask for no offer,
    whatever word for a quote they name (session 9 round 2)."""
    objection["holds_price"] = bool(holds(text))
    objection["asks_for_offer"] = find(text) is not None and not objection["holds_price"]
    objection["prospect_asks_for_offer"] = objection["asks_for_offer"] and not bought
