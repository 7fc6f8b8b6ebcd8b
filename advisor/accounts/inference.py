"""The kind of customer and how it buys, where the rep did not write it and the facts show it (issue 23).

Rules guard on ``account.customer_type`` (dealer advice only for a dealer, a first deal never for an
end customer's tender) and ``account.buying_pattern``. An account that leaves them out would get
advice its facts rule out, so they are inferred here from facts that leave no doubt — and only then:

- customer type: a ``dealer:`` section (its money and its main brand) → dealer; an industry pack
  whose accounts are one kind of customer says so in its ``usual_customer_type`` parameter
  (a consumer-electronics dealer pack → dealer; a hospital-equipment or critical-power pack →
  end customer); a public institution buys for its own use → end customer;
- buying pattern: an open tender (tenders.py) → project.

What the rep wrote is never overridden. Each inferred value says where it came from
(``*_source: inferred`` and ``*_basis``), so the trace shows the assumption next to the value.
"""
from __future__ import annotations

from typing import Any, Optional

from . import terms
from .account import Account

# the pack parameters enrichment reads (not rules): pack lint counts them as used
PARAMS = ("usual_customer_type",)

CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    "account": {
        "customer_type_source": ("text", "stated (written in the account) or inferred (see customer_type_basis); "
                                         "absent when neither"),
        "customer_type_basis": ("text", "what the customer type was inferred from: dealer_section / industry_pack / "
                                        "public_institution"),
        "buying_pattern_source": ("text", "stated or inferred (see buying_pattern_basis); absent when neither"),
        "buying_pattern_basis": ("text", "what the buying pattern was inferred from: open_tender"),
    },
}
CATALOG_ZH: dict[str, dict[str, str]] = {
    "account": {
        "customer_type_source": "stated(客户档案中写明)或 inferred(推断,见 customer_type_basis);都没有时不存在",
        "customer_type_basis": "客户类型的推断依据:dealer_section(有 dealer: 部分)/ industry_pack(行业包的常见客户类型)/ "
                               "public_institution(事业单位)",
        "buying_pattern_source": "stated 或 inferred(见 buying_pattern_basis);都没有时不存在",
        "buying_pattern_basis": "采购方式的推断依据:open_tender(有进行中的招标)",
    },
}

# how each basis reads in the trace (explain), in both languages
BASIS_WORDS: dict[str, tuple[str, str]] = {
    "dealer_section": ("the account has a dealer: section (its money and main brand)",
                       "客户档案有 dealer: 部分(资金与主品牌)"),
    "industry_pack": ("the industry pack's usual customer (parameter usual_customer_type)",
                      "行业包的常见客户类型(参数 usual_customer_type)"),
    "public_institution": ("a public institution buys for its own use", "事业单位为自用而采购"),
    "open_tender": ("an open deal reads as a tender", "有进行中的单子是招标采购"),
}


def customer_type(account: Account, usual: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """(customer type, basis) the facts show when the account does not state one; (None, None) when unsure."""
    if account.dealer is not None:
        return "dealer", "dealer_section"
    if usual in terms.CUSTOMER_TYPES:
        return usual, "industry_pack"
    if account.ownership == "public_institution":
        return "end_customer", "public_institution"
    return None, None


def infer(account: Account, a: dict[str, Any], usual_customer_type: Optional[str] = None) -> None:
    """Fill the account fact ``a`` (in place): the stated values are marked stated, the missing ones
    inferred where the facts leave no doubt. Runs after the tender marks (``open_tender_count``)."""
    if account.customer_type:
        a["customer_type_source"] = "stated"
    else:
        value, basis = customer_type(account, usual_customer_type)
        if value:
            a["customer_type"], a["customer_type_source"], a["customer_type_basis"] = value, "inferred", basis
    if account.buying_pattern:
        a["buying_pattern_source"] = "stated"
    elif a.get("open_tender_count", 0) > 0:
        a["buying_pattern"], a["buying_pattern_source"], a["buying_pattern_basis"] = "project", "inferred", "open_tender"


def inferred(account_fact: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """(field, value, basis) of every value inferred on the account fact, for the trace."""
    return [(name, account_fact.get(name), account_fact[f"{name}_basis"])
            for name in ("customer_type", "buying_pattern") if account_fact.get(f"{name}_source") == "inferred"]
