"""The kind of customer and how it buys, where the rep did not write it and the facts show it (issue 23).

Rules guard on ``account.customer_type`` (dealer advice only for a dealer, a first deal never for an
end customer's tender) and ``account.buying_pattern``. An account that leaves them out would get
advice its facts rule out, so they are inferred here from facts that leave no doubt — and only then:

- customer type: a ``dealer:`` section (its money and its main brand) → dealer; an industry pack
  whose accounts are one kind of customer says so in its ``usual_customer_type`` parameter
  (a consumer-electronics dealer pack → dealer; a hospital-equipment or critical-power pack →
  end customer); a public institution buys for its own use → end customer;
- buying pattern: an open tender (tenders.py) → project;
- ownership: the customer's own name or the account's notes say what it is — state-owned (国企, 央企,
  国资委, SASAC, "state-owned", Persero …), a public institution (事业单位, 人民医院, a name ending in
  局 / 委 / 大学, "city council", "ministry", "school district" …), private (民营, 私企, "family-owned" …)
  or foreign-owned (外资, "foreign-owned" …). The words are the packs' (``vocabulary: ownership_*`` in
  rules/core/pack.yaml). The name is read first (it says what the customer is); the notes only when
  they point one way — notes that name two kinds speak of more than the customer, and nothing is inferred.

What the rep wrote is never overridden. Each inferred value says where it came from
(``*_source: inferred`` and ``*_basis``), so the trace shows the assumption next to the value.
"""
from __future__ import annotations

from typing import Any, Optional

import re

from . import terms, wordlists
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
        "ownership_source": ("text", "stated or inferred (see ownership_basis, ownership_evidence); absent when neither"),
        "ownership_basis": ("text", "what the ownership was inferred from: name (the customer's name) / notes (the account's notes)"),
        "ownership_evidence": ("text", "the word of the packs' vocabulary ownership_* the ownership was inferred from "
                                       "(国企, 事业单位, state-owned, council …)"),
    },
}
CATALOG_ZH: dict[str, dict[str, str]] = {
    "account": {
        "customer_type_source": "stated(客户档案中写明)或 inferred(推断,见 customer_type_basis);都没有时不存在",
        "customer_type_basis": "客户类型的推断依据:dealer_section(有 dealer: 部分)/ industry_pack(行业包的常见客户类型)/ "
                               "public_institution(事业单位)",
        "buying_pattern_source": "stated 或 inferred(见 buying_pattern_basis);都没有时不存在",
        "buying_pattern_basis": "采购方式的推断依据:open_tender(有进行中的招标)",
        "ownership_source": "stated 或 inferred(见 ownership_basis、ownership_evidence);都没有时不存在",
        "ownership_basis": "所有制的推断依据:name(客户名称)/ notes(客户备注)",
        "ownership_evidence": "推断所有制所依据的词(规则包词表 ownership_*:国企、事业单位、state-owned、council …)",
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
    "name": ("the customer's name says so: {evidence}", "客户名称表明:{evidence}"),
    "notes": ("the account's notes say so: {evidence}", "客户备注表明:{evidence}"),
}

# the ownership vocabularies (rules/core/pack.yaml), in the order a name is read: a state-owned group's
# "…局三公司" is a company of the state, not a bureau, so the state words come before the public ones
OWNERSHIP_WORDS = (("state_owned", "ownership_state_owned"), ("public_institution", "ownership_public_institution"),
                   ("foreign", "ownership_foreign"), ("private", "ownership_private"))
# what a name ending in one of these words is (a bureau, a council, a university): vocabulary ownership_public_name
PUBLIC_NAME = "ownership_public_name"
# a name's own part: without what the rep added in brackets or after a dash ("教育局(课桌椅项目)", "PT X — plant")
_NAME_EXTRAS = re.compile(r"[(（\[【].*?[)）\]】]")
_NAME_TAIL = re.compile(r"\s+[—–-]\s+.*$|—.*$")


def _own_name(name: str) -> str:
    return _NAME_TAIL.sub("", _NAME_EXTRAS.sub("", name)).strip()


def ownership(account: Account, vocabulary: wordlists.Vocabulary | None) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """(ownership, basis, evidence) the customer's name or the notes show; (None, None, None) when unsure."""
    finders = [(kind, wordlists.finder(vocabulary, name)) for kind, name in OWNERSHIP_WORDS]
    for kind, find in finders:
        word = find(account.name)
        if word:
            return kind, "name", word
    word = wordlists.ending(vocabulary, PUBLIC_NAME)(_own_name(account.name))
    if word:
        return "public_institution", "name", word
    found = [(kind, find(account.notes)) for kind, find in finders]
    found = [(kind, word) for kind, word in found if word]
    if len(found) == 1:
        return found[0][0], "notes", found[0][1]
    return None, None, None


def customer_type(account: Account, usual: Optional[str],
                  ownership_: Optional[str] = None) -> tuple[Optional[str], Optional[str]]:
    """(customer type, basis) the facts show when the account does not state one; (None, None) when unsure.
    ``ownership_`` is the account's ownership, stated or inferred."""
    if account.dealer is not None:
        return "dealer", "dealer_section"
    if usual in terms.CUSTOMER_TYPES:
        return usual, "industry_pack"
    if ownership_ == "public_institution":
        return "end_customer", "public_institution"
    return None, None


def infer(account: Account, a: dict[str, Any], usual_customer_type: Optional[str] = None,
          vocabulary: wordlists.Vocabulary | None = None) -> None:
    """Fill the account fact ``a`` (in place): the stated values are marked stated, the missing ones
    inferred where the facts leave no doubt. Runs after the tender marks (``open_tender_count``)."""
    if account.ownership:
        a["ownership_source"] = "stated"
    else:
        value, basis, evidence = ownership(account, vocabulary)
        if value:
            a["ownership"], a["ownership_source"], a["ownership_basis"] = value, "inferred", basis
            a["ownership_evidence"] = evidence
    if account.customer_type:
        a["customer_type_source"] = "stated"
    else:
        value, basis = customer_type(account, usual_customer_type, a.get("ownership"))
        if value:
            a["customer_type"], a["customer_type_source"], a["customer_type_basis"] = value, "inferred", basis
    if account.buying_pattern:
        a["buying_pattern_source"] = "stated"
    elif a.get("open_tender_count", 0) > 0:
        a["buying_pattern"], a["buying_pattern_source"], a["buying_pattern_basis"] = "project", "inferred", "open_tender"


def inferred(account_fact: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """(field, value, basis, evidence) of every value inferred on the account fact, for the trace; evidence is
    the word read (ownership) or None."""
    return [(name, account_fact.get(name), account_fact[f"{name}_basis"], account_fact.get(f"{name}_evidence"))
            for name in ("ownership", "customer_type", "buying_pattern")
            if account_fact.get(f"{name}_source") == "inferred"]
