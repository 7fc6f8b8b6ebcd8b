"""Facts for telling the accounts of a book apart (issue 21): share of wallet, strategic value and a
prospect's screening (seed 003 一 / 六, seed 000 · 客户名单的提纯技术).

Bookkeeping only, as in facts.py: a share is a division, a screen is a count of the three factors
that are in the prospect's favour. Which account is a key account and what a prospect's potential
is are the packs' business (rules/core/book.yaml, thresholds in rules/core/pack.yaml).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:  # the catalogues are read where no account is (docs, the explain page): no pydantic import
    from .account import Account

ACCOUNT_FIELDS: dict[str, tuple[str, str]] = {
    "sales_currency": ("text", "the currency of the account's sales figures (sales.currency, CNY unless given)"),
    "tier_amounts": ("text", "how the account's sales compare with the pack's tier thresholds (written in the pack's "
                             "tier_currency): same_currency, converted (with the rate table given: plan --rates) "
                             "or not_comparable (another currency and no rate for it: tiered without its amounts)"),
    "tier_currency": ("text", "the currency the pack's tier thresholds are written in (its tier_currency parameter)"),
    "tier_sales_12m": ("number", "last 12 months' sales in the pack's tier_currency, for the tier thresholds "
                                 "(absent when not comparable or unknown)"),
    "tier_wallet": ("number", "the wallet (sales.wallet) in the pack's tier_currency, for the tier thresholds "
                              "(absent when not comparable or unknown)"),
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
    "sales_currency": "客户销售数字的币种(sales.currency,未填为CNY)",
    "tier_amounts": "客户销售额与规则包分层门槛(以规则包的tier_currency计)如何比较:same_currency(同一币种)、"
                    "converted(用给定的汇率表换算:plan --rates)或not_comparable(另一币种且无汇率:分层时不看金额)",
    "tier_currency": "规则包分层门槛所用的币种(其tier_currency参数)",
    "tier_sales_12m": "折合为规则包tier_currency的近12个月销售额,用于分层门槛(无法比较或未知时无此项)",
    "tier_wallet": "折合为规则包tier_currency的客户品类采购总额(sales.wallet),用于分层门槛(无法比较或未知时无此项)",
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


def add(a: dict[str, Any], account: "Account", tier_currency: Optional[str] = None, rates: Any = None) -> None:
    """Put the book facts on the account fact ``a`` (unknown values are left out).

    ``tier_currency`` is the currency the pack's tier thresholds are written in (its ``tier_currency``
    parameter; None: the account's own, as for a pack that sets none); ``rates`` a rate table
    (``money.Rates``, the user's ``plan --rates``) that may convert the account's amounts into it.
    """
    a["strategic"] = bool(account.strategic)  # not marked is not strategic: one test in a rule, not two
    s = account.sales
    a["sales_currency"] = s.currency
    if s.wallet is not None:
        a["sales_wallet"] = s.wallet
        if s.wallet > 0 and s.last_12m is not None:
            a["share_of_wallet"] = round(min(s.last_12m / s.wallet, 1.0), 4)
    _tier_amounts(a, s, tier_currency, rates)
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


def _tier_amounts(a: dict[str, Any], sales, tier_currency: Optional[str], rates: Any) -> None:
    """The amounts the tier thresholds read, in the thresholds' currency — never a USD figure held
    against a CNY threshold (issue 21). Converted only with a rate table the user gave; without one an
    account in another currency is tiered on what needs no money (strategic value, growth, share)."""
    if tier_currency is not None:
        a["tier_currency"] = tier_currency
    factor = _factor(sales.currency, tier_currency, rates)
    if factor is None:
        a["tier_amounts"] = "not_comparable"
        return
    same = tier_currency is None or sales.currency == tier_currency
    a["tier_amounts"] = "same_currency" if same else "converted"
    for name, amount in (("tier_sales_12m", sales.last_12m), ("tier_wallet", sales.wallet)):
        if amount is not None:
            a[name] = round(amount * factor, 2)


def _factor(currency: str, target: Optional[str], rates: Any) -> Optional[float]:
    """How many units of ``target`` one unit of ``currency`` is worth, or None when nothing says."""
    if target is None or currency == target:
        return 1.0
    if rates is None:
        return None
    known = {rates.base, *rates.rates}
    if currency not in known or target not in known:
        return None
    return rates.factor(currency) / rates.factor(target)
