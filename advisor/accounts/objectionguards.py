"""What an objection's own words say that rules a price answer out (issue 22, session 4).

A coach never answers with a price probe where the buyer said price is not the point ("it wasn't only the
price", "價錢唔係最大問題"), nor where the words are about a deal just lost to a competitor ("NutriBlend is
cheaper … maybe next year" after the loss): there the lost-deal rules learn why first. Both are guard facts
on the objection, set before the engine runs:

- ``price_not_the_point`` — the words hold one of the packs' vocabulary ``price_not_the_point``;
- ``names_lost_to`` — the words name a competitor that won a deal from us with nothing won since
  (``deal.competitor`` of such a lost deal, by its full name or its first word);
- ``money_check_answers`` — a deal is open that a dealer would carry with its money unchecked, and the words are
  about price, terms, budget or financing ("the university pays only after installation … give me your best price",
  "就看你们价格放不放得下来", "要先垫进去两百来万,我得算算账"): the dealer's money and contract check comes first — a payment-terms probe beside it
  would ask the same thing twice, and price talk on a deal nobody knows the dealer can carry gives a price away
  for a deal that may never happen (issue 23: no price talk before the money and the contract are checked);
- ``proof_answers`` — a reference with figures is on record and the words are a doubt that proof answers (it will
  not sell, will not work, will not pay back: the packs' vocabulary result_doubt; a demand to see a peer:
  reference_demand; or read as trust) with no word of the price itself (vocabulary price_complaint: "too
  expensive", "便宜点"): the proof on record answers it first (rules/core/references.yaml; 004 · 王强案例 水到渠成) —
  "誰買得起? 我怕進了貨放在倉庫" is the dealer's fear of dead stock, which 高雄's figures answer, not a price to
  probe. A price probe needs a real price objection (issue 23, session 7).
"""
from __future__ import annotations

import re
from typing import Callable, Iterable

from .wordlists import name_at

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"objection": {
    "price_not_the_point": ("bool", "the words say price is not the point (a word of the packs' vocabulary "
                                    "price_not_the_point: 'it wasn't only the price', '价格不是问题')"),
    "names_lost_to": ("bool", "the words name a competitor that won a deal from us, nothing won since (a lost "
                              "deal's competitor)"),
    "proof_answers": ("bool", "a reference with figures is on record and the words are a doubt that proof answers "
                              "(vocabularies result_doubt or reference_demand, or read as trust) with no word of the "
                              "price itself (vocabulary price_complaint): the proof answers first, no price probe"),
    "money_check_answers": ("bool", "a deal is open that a dealer would carry with its money unchecked "
                                    "(opportunity.financing_unchecked) and the objection is about price, terms or budget or holds "
                                    "a word of the packs' vocabulary financing: the money and contract check comes "
                                    "first (rules/core/dealer-money.yaml)"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"objection": {
    "price_not_the_point": "原话说明价格不是重点(规则包词表 price_not_the_point:“不只是价格”“价格不是问题”)",
    "names_lost_to": "原话提到从我们手里赢走订单、此后我们未再赢单的竞争对手(丢单记录中的竞争对手)",
    "proof_answers": "档案里有带数字的样板客户,而原话是证据能回答的疑虑(规则包词表 result_doubt 或 reference_demand 的词,"
                     "或读作信任类),且没有说价格本身的词(词表 price_complaint:“太贵”“便宜点”):先用证据回答,不做价格探询",
    "money_check_answers": "有经销商要垫资承接、资金尚未核实的在谈单子(opportunity.financing_unchecked),而异议说的是"
                           "价格、条款、预算或含规则包词表 financing 的词:先核实资金与合同(rules/core/dealer-money.yaml)",
}}

_WORD = re.compile(r"[a-z0-9][a-z0-9&'’.-]*|[\u3400-\u9fff]+")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _names(competitor: str) -> set[str]:
    """The ways a buyer names a competitor: its full name, and for a Latin name its first word when that word is
    distinctive (four letters or more) — "NutriBlend" for "NutriBlend Premix". A Chinese name is read whole: its
    short form is no fixed part of it (长飞 for 长飞光纤, but 中国 for nothing)."""
    full = competitor.strip().lower()
    out = {full} if full else set()
    words = _WORD.findall(full)
    if words and not _CJK.match(words[0]) and len(words[0]) >= 4:
        out.add(words[0])
    return out


def names_any(text: str, competitors: Iterable[str]) -> bool:
    """Does ``text`` name one of ``competitors``? Latin names by whole word, Chinese ones by substring."""
    low = text.lower()
    return any(name_at(low, name) >= 0 for competitor in competitors for name in _names(competitor))


def mark(objection: dict, text: str, reads_not_the_point: Callable[..., bool], lost_to: Iterable[str]) -> None:
    """Set both guard facts on one objection fact."""
    objection["price_not_the_point"] = bool(reads_not_the_point(text))
    objection["names_lost_to"] = names_any(text, lost_to)


def lost_competitors(deals: list) -> list[str]:
    """The competitors that won the lost deals nothing has been won after — a loss followed by wins is a lost
    round in a running business (history.py: ``wins_since``), not what the buyer is still talking about."""
    out: list[str] = []
    for d in deals:
        if d.status != "lost" or not d.competitor or d.competitor in out:
            continue
        if d.closed and any(w.status == "won" and w.closed and w.closed > d.closed for w in deals):
            continue
        out.append(d.competitor)
    return out


def mark_money(facts: list[dict], reads_financing: Callable[..., bool]) -> None:
    """Set ``money_check_answers`` on every objection fact: after financing.mark (opportunity.financing_unchecked)."""
    unchecked = any(f["kind"] == "opportunity" and f.get("financing_unchecked") for f in facts)
    for f in facts:
        if f["kind"] == "objection":
            # payment or contract terms at a dealer with such a deal are its money and its brand contract: what the
            # check asks (a terms objection there, or words of the financing vocabulary in any objection); a price
            # objection there waits for the check — a price for a deal the dealer may not carry is given away; and a
            # budget objection there ("I must do the sums first") is the dealer's own money, which the check asks
            # about (session 6)
            kinds = f.get("kinds", ())
            f["money_check_answers"] = bool(unchecked and (bool({"terms", "price", "budget"} & set(kinds))
                                                           or reads_financing(f.get("quote"))))


def mark_proof(facts: list[dict], account_fact: dict, reads_doubt: Callable[..., bool],
               reads_price: Callable[..., bool]) -> None:
    """Set ``proof_answers`` on every objection fact: after casefacts.add (account.reference_with_figures) and after
    the objection's own ``asks_for_reference``."""
    on_record = bool(account_fact.get("reference_with_figures"))
    for f in facts:
        if f["kind"] == "objection":
            words = f.get("quote") or ""
            doubt = bool(f.get("asks_for_reference")) or "trust" in f.get("kinds", ()) or reads_doubt(words)
            f["proof_answers"] = on_record and doubt and not reads_price(words)
