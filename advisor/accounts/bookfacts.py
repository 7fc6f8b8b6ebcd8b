"""Facts for telling the accounts of a book apart (issue 21): share of wallet, strategic value and a
prospect's screening (seed 003 一 / 六, seed 000 · 客户名单的提纯技术).

Bookkeeping only, as in facts.py: a share is a division, a screen is a count of the three factors
that are in the prospect's favour. Which account is a key account and what a prospect's potential
is are the packs' business (rules/core/book.yaml, thresholds in rules/core/pack.yaml).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the catalogues are read where no account is (docs, the explain page): no pydantic import
    from .account import Account

ACCOUNT_FIELDS: dict[str, tuple[str, str]] = {
    "strategic": ("bool", "the account is marked of strategic value beyond its own sales (strategic: true; "
                          "false when not marked)"),
    "sales_wallet": ("number", "the customer's yearly spend in the category across all suppliers (sales.wallet)"),
    "share_of_wallet": ("number", "last 12 months' sales ÷ the wallet, 0.25 = 25% (absent when either is unknown)"),
    "prospect_fit": ("text", "prospect screening: distance from the ideal customer (close / partial / far)"),
    "prospect_competition": ("text", "prospect screening: competition for it (none / some / strong)"),
    "prospect_distance": ("text", "prospect screening: where it is for visits (near / reachable / far)"),
    "prospect_hidden_value": ("text", "prospect screening: its hidden value (high / some / none)"),
    "prospect_screen": ("number", "how many of the three screening factors (fit, competition, place) are in the "
                                  "prospect's favour: fit close, competition none, place near (absent when none is given)"),
    "prospect_screened": ("bool", "all three screening factors (fit, competition, place) are given"),
    "prospect_bottleneck_known": ("bool", "what stands between the prospect and a first order is written down"),
}

ACCOUNT_FIELDS_ZH: dict[str, str] = {
    "strategic": "客户被标为具有超出其自身销售的战略价值(strategic: true;未标即为false)",
    "sales_wallet": "客户在该品类上每年向所有供应商的采购总额(sales.wallet)",
    "share_of_wallet": "近12个月销售额÷客户品类采购总额,0.25=25%(任一未知则无此项)",
    "prospect_fit": "潜在客户提纯:与理想客户的距离(close / partial / far)",
    "prospect_competition": "潜在客户提纯:竞争情况(none / some / strong)",
    "prospect_distance": "潜在客户提纯:地理位置是否便于拜访(near / reachable / far)",
    "prospect_hidden_value": "潜在客户提纯:隐性价值(high / some / none)",
    "prospect_screen": "三个提纯因素(距离理想客户、竞争、地理位置)中对该潜在客户有利的个数:接近理想客户、无竞争、就近(一个都未填则无此项)",
    "prospect_screened": "三个提纯因素(距离理想客户、竞争、地理位置)都已填写",
    "prospect_bottleneck_known": "已写明潜在客户成为客户之前的瓶颈",
}

# the shape every fact module gives facts.py and facts_zh.py
CATALOG = {"account": ACCOUNT_FIELDS}
CATALOG_ZH = {"account": ACCOUNT_FIELDS_ZH}

# the value of each screening factor that counts in the prospect's favour (seed 000: 与理想顾客之间的
# 距离、是否存在竞争、地理位置); partial answers count against it until they are known better
_FAVOURABLE = {"fit": "close", "competition": "none", "distance": "near"}


def add(a: dict[str, Any], account: "Account") -> None:
    """Put the book facts on the account fact ``a`` (unknown values are left out)."""
    a["strategic"] = bool(account.strategic)  # not marked is not strategic: one test in a rule, not two
    s = account.sales
    if s.wallet is not None:
        a["sales_wallet"] = s.wallet
        if s.wallet > 0 and s.last_12m is not None:
            a["share_of_wallet"] = round(min(s.last_12m / s.wallet, 1.0), 4)
    p = account.prospect
    if p is None:
        return
    given = {k: getattr(p, k) for k in _FAVOURABLE if getattr(p, k) is not None}
    for key, value in given.items():
        a[f"prospect_{key}"] = value
    if p.hidden_value is not None:
        a["prospect_hidden_value"] = p.hidden_value
    if given:
        a["prospect_screen"] = sum(value == _FAVOURABLE[key] for key, value in given.items())
    a["prospect_screened"] = len(given) == len(_FAVOURABLE)
    a["prospect_bottleneck_known"] = bool(p.bottleneck)
