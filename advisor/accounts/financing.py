"""Which open deals a dealer would carry with money nobody has checked (issue 23; seed 004 · 王强案例
水到渠成: 王强 names the financer's conditions — the money, a purchase contract, pay then pick up — and
asks what A-brand's contract forbids before he puts the project to 刘总).

A dealer that buys from us has shown the money for what it buys, not for a project it must advance
for months: so the question is asked of the deal, not of the dealer's history. An open opportunity
of a dealer or distributor whose money or main brand's contract is not yet checked is marked
``financing_unchecked`` when

- the account's own words say a deal must be financed (垫资, pre-finance, advance the cost …: the
  packs' vocabulary ``financing``, read in the deal's name, the account's notes, the visits' notes
  and the objections — the money is an account's matter, spoken of anywhere), or say that its end
  customer pays only after a wait at least the packs' ``financing_payment_days`` ("the school pays in
  6–9 months", "账期九十天": paywait.py) — whoever sells on such terms carries the receivable, or
- the rep keeps the dealer's money on file (a ``dealer:`` section) and the dealer has shown none
  for a deal this size: it has never bought from us, or the deal is larger than its last twelve
  months of purchases and than any deal it has won.

A first stock order of a new dealer with no ``dealer:`` section and no such words is bought and paid
for like any order: no money check holds it (the pitch goes ahead). Bookkeeping only; what the
check says is the packs' (rules/core/dealer-money.yaml).
"""
from __future__ import annotations

from typing import Any, Callable

from .account import Account
from .casefacts import DEALER_TYPES
from .history import bought_from_us, deals_of
from .paywait import longest_wait_days

# the pack parameters this module reads (not rules): pack lint counts them as used
PARAMS = ("financing_payment_days",)

CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    "account": {"financing_words": ("bool", "the account's notes, a visit's note, an objection or an open deal's name "
                                            "hold a word of the packs' vocabulary financing (垫资, pre-finance, "
                                            "advance the cost …), or speak of a payment wait of at least the packs' "
                                            "financing_payment_days"),
                "payment_wait_days": ("int", "the longest payment wait the same texts speak of, in days ('the "
                                             "school pays in 6-9 months' → 270; advisor/accounts/paywait.py)")},
    "opportunity": {"financing_unchecked": ("bool", "a dealer would carry it with its money or main brand's contract "
                                                    "unchecked: financing words, or a dealer: section and no money "
                                                    "shown for a deal this size (advisor/accounts/financing.py)")},
    "opening": {"money_check_first": ("bool", "an open deal of the account is one a dealer would carry with its money "
                                              "or main brand's contract unchecked (opportunity.financing_unchecked): "
                                              "the check comes before the opening's window is taken "
                                              "(advisor/accounts/financing.py)")},
}
CATALOG_ZH: dict[str, dict[str, str]] = {
    "account": {"financing_words": "客户备注、拜访记录、异议或进行中商机的名称含规则包词表 financing 中的词(垫资、"
                                   "pre-finance、advance the cost …),或说到的付款等待期不短于规则包参数 "
                                   "financing_payment_days",
                "payment_wait_days": "同样这些文字里说到的最长付款等待期(天;“学校付款周期约 6-9 个月”→ 270;"
                                     "advisor/accounts/paywait.py)"},
    "opportunity": {"financing_unchecked": "经销商的资金或主品牌合同尚未核实就要承接这单:有垫资类词语,或有 dealer: 部分"
                                           "且对方还没有在这种规模的单子上显示过资金实力(advisor/accounts/financing.py)"},
    "opening": {"money_check_first": "客户有一单进行中的生意,经销商的资金或主品牌合同尚未核实就要承接"
                                     "(opportunity.financing_unchecked):先核实,再抢这个机会窗口(advisor/accounts/financing.py)"},
}


def _largest_won(account: Account) -> float:
    return max((d.amount for d in deals_of(account) if d.status == "won" and d.amount is not None), default=0)


def _money_shown(account: Account, a: dict[str, Any]) -> float | None:
    """What the dealer has shown it can pay for: 0 when it never bought from us; None when it bought but
    the amounts are unknown (nothing to hold a deal's size against)."""
    if not bought_from_us(a):
        return 0
    shown = max(a.get("sales_last_12m") or 0, _largest_won(account))
    return shown or None


def mark(facts: list[dict[str, Any]], account: Account, a: dict[str, Any],
         reads_financing: Callable[..., bool], payment_days: int | None = None) -> None:
    """Set ``financing_words`` (and ``payment_wait_days`` where the texts speak of one) on the account fact ``a``
    and ``financing_unchecked`` on every opportunity fact (in place); ``reads_financing(*texts)`` finds the packs'
    financing words (wordlists.matcher); ``payment_days`` is the packs' financing_payment_days (None: a wait is
    not read as financing). Runs after the customer type is inferred (a dealer: section reads as a dealer)."""
    open_names = [o.name for o in account.opportunities if o.won is None]
    texts = (account.notes, *open_names, *(v.note for v in account.visits), *(o.text for o in account.objections))
    wait = longest_wait_days(*texts)
    if wait is not None:
        a["payment_wait_days"] = wait
    a["financing_words"] = reads_financing(*texts) or (
        payment_days is not None and wait is not None and wait >= payment_days)
    dealer = account.dealer is not None or a.get("customer_type") in DEALER_TYPES
    unchecked = dealer and not (account.dealer is not None
                                and account.dealer.financing_checked and account.dealer.brand_contract_checked)
    shown = _money_shown(account, a) if account.dealer is not None else None
    for f in facts:
        if f["kind"] != "opportunity":
            continue
        carried = a["financing_words"] or (
            shown is not None and (shown == 0 or (f.get("amount") or 0) > shown))
        f["financing_unchecked"] = bool(unchecked and "won" not in f and carried)


def mark_openings(facts: list[dict[str, Any]]) -> None:
    """Set ``money_check_first`` on every opening fact (after mark and the openings reading): while a deal the dealer
    would carry is unchecked, taking an opening's window — a tender closing Friday, a price wanted by Wednesday — means
    pricing a project nobody knows the dealer can carry or its brand contract allows; the check comes first and the
    opening waits its turn (issue 23's standard: no project offered before the money and the contract are checked;
    session 10)."""
    unchecked = any(f.get("financing_unchecked") for f in facts if f["kind"] == "opportunity")
    for f in facts:
        if f["kind"] == "opening":
            f["money_check_first"] = unchecked
