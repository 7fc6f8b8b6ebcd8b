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

The dealer's money in question (session 17, issue 22): a dealer whose money is unchecked asks us to carry
more of it — longer payment terms (a live objection of the terms kind: "账期能不能给到180天", "the rest
on 90 days"), so whatever it would buy on them is credit we extend; a terms objection that is a territory demand asks for a
territory, not credit) — or its money shows strain: the packs' vocabulary ``money_strain`` (a bank line
cut, facilities fully drawn, payments slipping, a big receivable from its own customer: 额度砍了一半, 逾期,
欠它60多万), not negated, in its notes, visits or objections, or an invoice of ours unpaid past its due
date — or its owners changed (account.ownership_changed). Any of these marks every open deal
``financing_unchecked`` whatever its size
(a dealer's yearly purchases prove nothing about credit it asks for now), and with nothing open to carry
— the ask is an exclusivity with a target, a doubled stock, a new line in the notes — the account fact
``dealer_money_first``: a strained, unchecked dealer that asks (terms, or a territory demand on record)
is checked before the ask is answered (rules/core/dealer-money.yaml core.dealer.check-money-before-the-ask).
A dealer whose money is checked (dealer: financing_checked and brand_contract_checked) is never marked, nor one
whose record says in words that its money was checked — a verb of checking and a record of money in one clause,
not negated ("看过蓉和2026年报和银行授信", "we reviewed their audited statements": the packs' vocabularies
``money_checked_verb`` and ``money_checked_record``, account.dealer_money_verified) — unless strain is read too.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from .account import Account
from .casefacts import DEALER_TYPES
from .history import bought_from_us, deals_of
from .paywait import longest_wait_days
from .wordlists import CLAUSE, first_unnegated, unwrap

# the pack parameters this module reads (not rules): pack lint counts them as used
PARAMS = ("financing_payment_days",)

# the objection kind that asks us for credit (the reader's kinds, rules/core/objection-kinds.yaml)
TERMS = "terms"

CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    "account": {"financing_words": ("bool", "the account's notes, a visit's note, an objection or an open deal's name "
                                            "hold a word of the packs' vocabulary financing (垫资, pre-finance, "
                                            "advance the cost …), or speak of a payment wait of at least the packs' "
                                            "financing_payment_days"),
                "payment_wait_days": ("int", "the longest payment wait the same texts speak of, in days ('the "
                                             "school pays in 6-9 months' → 270; advisor/accounts/paywait.py)"),
                "dealer_money_strain": ("text", "the clause that says a dealer's money is strained (the packs' vocabulary "
                                                "money_strain in its notes, visits or objections: a bank line cut, "
                                                "payments slipping, 逾期), or 'overdue invoice' for an invoice of ours "
                                                "unpaid past due; absent when none (advisor/accounts/financing.py)"),
                "dealer_money_verified": ("text", "the words in which the record says a dealer's money was checked — "
                                                  "a word of the packs' vocabulary money_checked_verb and one of "
                                                  "money_checked_record in one clause, not negated (reviewed … "
                                                  "statements, 看过 … 年报 / 授信), with no strain read: the money "
                                                  "check is done (advisor/accounts/financing.py)"),
                "dealer_asks_credit": ("bool", "a dealer whose money is unchecked has a live, unanswered objection of "
                                               "the terms kind that is no territory demand: it asks us to carry more "
                                               "of its money (advisor/accounts/financing.py)"),
                "dealer_money_first": ("bool", "a dealer whose money is unchecked, strained (dealer_money_strain) and "
                                               "asking — terms, or a territory demand on record — with no open deal to "
                                               "hang the check on: its money is checked before the ask is answered "
                                               "(advisor/accounts/financing.py)")},
    "opportunity": {"financing_unchecked": ("bool", "a dealer would carry it with its money or main brand's contract "
                                                    "unchecked: financing words, a dealer: section and no money "
                                                    "shown for a deal this size, or the dealer's money in question — "
                                                    "it asks for credit, its money shows strain or its owners changed "
                                                    "(advisor/accounts/financing.py)")},
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
                                     "advisor/accounts/paywait.py)",
                "dealer_money_strain": "表明经销商资金吃紧的那一句(备注、拜访记录或异议中规则包词表 money_strain 的词:银行额度被砍、"
                                       "付款变慢、逾期),或我方发票逾期未付时为 overdue invoice;没有时不存在",
                "dealer_money_verified": "记录中表明经销商资金已核实的文字(规则包词表 money_checked_verb 与 money_checked_record "
                                         "的词在同一分句、未被否定:看过……年报/授信,reviewed … statements),且未读到资金吃紧:"
                                         "资金核实已做",
                "dealer_asks_credit": "资金尚未核实的经销商有一条未回应、仍有效的条款类异议:要我们替它多垫钱",
                "dealer_money_first": "资金尚未核实、资金吃紧(dealer_money_strain)又在提要求(账期,或记录里有独家要求)的经销商,"
                                      "没有可挂靠核实的在谈单子:先核实资金,再回应要求"},
    "opportunity": {"financing_unchecked": "经销商的资金或主品牌合同尚未核实就要承接这单:有垫资类词语,或有 dealer: 部分"
                                           "且对方还没有在这种规模的单子上显示过资金实力,或经销商的资金成了问题——要账期、"
                                           "资金吃紧或换了东家(advisor/accounts/financing.py)"},
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


def _clause(text: str, word: str, most: int = 100) -> str:
    """The clause of ``text`` holding ``word`` (as found, lower-cased), as written — what the action quotes ("上個月彰銀
    把我們的額度砍了一半", not the bare "額度砍"); the word itself when the clause is too long to quote. The clause ends where the project's clauses end
    (wordlists.CLAUSE), in the text unwrapped, so a note's wrapped line does not cut it short."""
    text = unwrap(text)
    at = text.lower().find(word)
    if at < 0:
        return word
    start = max((m.end() for m in CLAUSE.finditer(text, 0, at)), default=0)
    end = next((m.start() for m in CLAUSE.finditer(text, at + len(word))), len(text))
    clause = text[start:end].strip(" \t-*•「」『』“”\"'")
    return clause if 0 < len(clause) <= most else word


def _strain(account: Account, texts: tuple, find_strain: Callable[..., Any] | None, as_of: Any) -> str | None:
    """The evidence that the dealer's money is strained: a word of the packs' money_strain vocabulary, or an invoice
    of ours unpaid past its due date (what an ERP's receivables list says without words)."""
    # not negated ("no overdue invoices", "从没逾期过"): wordlists.first_unnegated
    for text in texts if find_strain is not None else ():
        word = first_unnegated(text, find_strain)
        if word:
            return _clause(text, word)
    if as_of is not None and any(not i.paid and not i.disputed and i.due < as_of for i in account.invoices):
        return "overdue invoice"
    return None


def _verified(texts: tuple, find_checked: Callable[..., Any] | None,
              find_undone: Callable[..., Any] | None) -> str | None:
    """The words saying the dealer's money was checked (a verb of checking and a record of money in one clause:
    wordlists.pair_finder, which sets a negation aside), unless the words around them ask or plan it rather than
    report it done — "授信看过没有?", "statements to be reviewed", "需要核实年报" (the packs' vocabulary
    money_checked_undone, read in the few characters before and after)."""
    if find_checked is None:
        return None
    for text in texts:
        found = find_checked(text)
        if not found:
            continue
        low = (text or "").lower()
        at = low.find(found)
        after = low[at + len(found):at + len(found) + 8] if at >= 0 else ""
        around = low[max(0, at - 14):at] + " " + after if at >= 0 else ""
        # a question about it ("授信看过没有?", "reviewed their statements?"): the mark closing its clause
        asked = bool(re.match(r"[^。.!！;；,，]*[?？]", after))
        if asked or (find_undone is not None and find_undone(around)):
            continue
        return found
    return None


def mark(facts: list[dict[str, Any]], account: Account, a: dict[str, Any],
         reads_financing: Callable[..., bool], payment_days: int | None = None,
         find_strain: Callable[..., Any] | None = None, as_of: Any = None,
         find_checked: Callable[..., Any] | None = None, find_undone: Callable[..., Any] | None = None) -> None:
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
    # the dealer's money in question (session 17): the strain its words show (the deals are marked by mark_question,
    # after the territory demands and the owner changes are read)
    strain = _strain(account, texts, find_strain, as_of) if unchecked else None
    if strain:
        a["dealer_money_strain"] = strain
    # … and the money verified in the record's own words ("看过蓉和2026年报和银行授信", "we reviewed their audited
    # statements in March"): the rep has done the check the dealer: section would record — unless strain came after it
    verified = _verified(texts, find_checked, find_undone) if (unchecked and not strain) else None
    if verified:
        a["dealer_money_verified"] = verified
        unchecked = False
    a["dealer_unchecked_money"] = unchecked
    for f in facts:
        if f["kind"] != "opportunity":
            continue
        carried = a["financing_words"] or (
            shown is not None and (shown == 0 or (f.get("amount") or 0) > shown))
        f["financing_unchecked"] = bool(unchecked and "won" not in f and carried)


def mark_question(facts: list[dict[str, Any]], a: dict[str, Any], live_days: int | None = None) -> None:
    """The dealer's money in question (session 17; after mark, the territory demands — exclusivity.mark — and the owner
    changes — ownerchange.mark): set ``dealer_asks_credit`` and ``dealer_money_first`` on the account fact, and mark
    every open deal of an unchecked dealer ``financing_unchecked`` when it asks for credit, its money shows strain or
    its owners changed. A terms objection that is a territory demand (exclusivity_on_record: "make us the only dealer
    and I book") asks for a territory, not for credit."""
    unchecked = a.pop("dealer_unchecked_money", False)

    def live(f: dict) -> bool:
        return (f["kind"] == "objection" and not f.get("answered")
                and (live_days is None or f.get("days_ago") is None or 0 <= f["days_ago"] <= live_days))
    a["dealer_asks_credit"] = bool(unchecked and any(
        live(f) and TERMS in (f.get("kinds") or []) and not f.get("exclusivity_on_record") for f in facts))
    in_question = bool(a.get("dealer_money_strain") or a["dealer_asks_credit"] or (unchecked and a.get("ownership_changed")))
    for f in facts:
        if f["kind"] == "opportunity" and unchecked and "won" not in f and in_question:
            f["financing_unchecked"] = True
    # with no open deal to hang the check on: a strained dealer that asks — credit, or a territory (a target it
    # would have to stock for)
    asks = a["dealer_asks_credit"] or any(live(f) and f.get("exclusivity_on_record") for f in facts)
    on_deal = any(f["kind"] == "opportunity" and f.get("financing_unchecked") for f in facts)
    a["dealer_money_first"] = bool(unchecked and a.get("dealer_money_strain") and asks and not on_deal)


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
