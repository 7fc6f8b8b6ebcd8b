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

Proof before price (issue 23, session 8). A buyer asks for proof in three ways, none tied to one trade: he demands to
see a peer (reference_demand), he doubts it will work, sell or pay back (result_doubt), or he asks *who* got the
result — a question word of the packs' vocabulary ``proof_asker`` (who, which customer, anyone, 谁, 哪家, 有没有人, 誰,
邊個) and a result word of ``proof_result`` (made money, saved, works, 赚, 省, 见效, 回本, 賺) in one clause: "you say it
makes money — who made money?", "有哪家用了真的省电?", "邊個用咗真係慳到?" (``result_question``). A fourth way (session 10): he makes
seeing it the condition of going on — a word of seeing (vocabulary ``proof_see``: show me, I want to see, 看到, 帶我去睇)
and, later in the same sentence, a word of going on (``proof_then``: and we talk, then I'll sign, 再谈, 我先信) with
something to see between them, not a way of stalling ("let me see what the board says", 看看再说: ``proof_see_undone``
right after the seeing word, or nothing between) nor our price or offer (``offer_thing``, ``price_complaint`` between:
"看到报价再说" asks for the quote) — "Show me that and we talk seriously", "你帶我去睇下邊間舖賣緊…,我先信"
(``proof_condition``). Any of them is a
``proof_request``. Where a request the proof rules answer is live (unanswered, heard within objection_live_days, not
superseded by a later concern) — a demand to see a peer or a question of who got the result, or, with a reference with
figures on file, a doubt of the result or one read as trust — every objection of the account carries ``proof_pending``: a price point said beside it waits for the proof (core.objection.price-after-the-proof) —
a price probe never ranks above the answer to a live proof request (004 · 王强案例 水到渠成: 刘总 hears 物美商贸's figures
before any terms; agree the cooperation first, quote after).
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Optional

from . import wordlists
from .wordlists import name_at

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"account": {
    "proof_pending": ("bool", "a proof request the proof rules answer is live at this account (objection.proof_pending): "
                              "the needs questions wait for the proof (rules/core/selling-right.yaml)"),
}, "objection": {
    "price_not_the_point": ("bool", "the words say price is not the point (a word of the packs' vocabulary "
                                    "price_not_the_point: 'it wasn't only the price', '价格不是问题')"),
    "names_lost_to": ("bool", "the words name a competitor that won a deal from us, nothing won since (a lost "
                              "deal's competitor)"),
    "proof_answers": ("bool", "a reference with figures is on record and the words are a doubt that proof answers "
                              "(vocabularies result_doubt or reference_demand, or read as trust) with no word of the "
                              "price itself (vocabulary price_complaint): the proof answers first, no price probe"),
    "result_question": ("bool", "the words ask who got the result: a word of the packs' vocabulary proof_asker (who, "
                                "which customer, anyone, 谁, 哪家) and one of proof_result (made money, saved, works, 赚, "
                                "省, 回本) in one clause — 'who actually made money with it?', '谁赚到了?'"),
    "proof_condition": ("bool", "the words make seeing something the condition of going on: a word of the packs' "
                                "vocabulary proof_see, then one of proof_then in one sentence, something to see "
                                "between and no price or offer word there — 'show me one running and we talk', "
                                "'看到效果再谈', '帶我去睇…我先信' (advisor/accounts/objectionguards.py)"),
    "proof_request": ("bool", "the words ask for proof that it works for someone like them: a demand to see a peer "
                              "(asks_for_reference), a doubt of the result (vocabulary result_doubt), a question "
                              "about who got the result (result_question) or seeing it as the condition of going on "
                              "(proof_condition) — whatever kind the reader gave them"),
    "proof_pending": ("bool", "a proof request the proof rules answer is live at this account (this objection's or "
                              "another's; unanswered, heard within objection_live_days, not superseded): a demand to "
                              "see a peer or a question of who got the result, or — where a reference with figures is "
                              "on file — a doubt of the result or one read as trust: a price point waits for the proof"),
    "price_for_the_decider": ("bool", "our price is on the table (account.open_quoted_count) and whoever said it cannot "
                                      "decide (no decider role, not the boss) while the account's decider is known and "
                                      "has not been met: the concession is the decider's to trade — a price or terms "
                                      "answer to it waits for the way to the decider (evaluation/rank.py, level "
                                      "undecided_voice)"),
    "money_check_answers": ("bool", "a deal is open that a dealer would carry with its money unchecked "
                                    "(opportunity.financing_unchecked), or the account's money is checked first with "
                                    "no deal (account.dealer_money_first), and the objection is about price, terms or budget or holds "
                                    "a word of the packs' vocabulary financing: the money and contract check comes "
                                    "first (rules/core/dealer-money.yaml)"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"account": {
    "proof_pending": "本客户有证据规则会回答、仍然有效的要证据的异议(objection.proof_pending):需求提问等证据给出之后再问",
}, "objection": {
    "price_not_the_point": "原话说明价格不是重点(规则包词表 price_not_the_point:“不只是价格”“价格不是问题”)",
    "names_lost_to": "原话提到从我们手里赢走订单、此后我们未再赢单的竞争对手(丢单记录中的竞争对手)",
    "proof_answers": "档案里有带数字的样板客户,而原话是证据能回答的疑虑(规则包词表 result_doubt 或 reference_demand 的词,"
                     "或读作信任类),且没有说价格本身的词(词表 price_complaint:“太贵”“便宜点”):先用证据回答,不做价格探询",
    "result_question": "原话在问谁得到了结果:同一分句里有规则包词表 proof_asker 的问词(谁、哪家、有没有人、who、"
                       "which customer)和 proof_result 的结果词(赚、省、回本、made money、saved)——“谁赚到了?”",
    "proof_condition": "原话把“先看到”当作继续谈的条件:同一句里先有规则包词表 proof_see 的词(看到、show me、帶我去睇),"
                       "后有 proof_then 的词(再谈、我先信、and we talk),中间有要看的东西,且不是价格或报价——"
                       "“看到效果再谈”“帶我去睇…我先信”(advisor/accounts/objectionguards.py)",
    "proof_request": "原话在要证据,证明对和他一样的客户管用:要看同类客户(asks_for_reference)、怀疑效果(词表 "
                     "result_doubt)、问谁得到了结果(result_question)或把先看到当作继续的条件(proof_condition)——不论读作哪类异议",
    "proof_pending": "本客户有证据规则会回答、仍然有效的要证据的异议(本条或另一条:未答复、在 objection_live_days 天内、"
                     "未被取代):要看同类客户或问谁得到了结果;或档案里有带数字的样板客户时,怀疑效果或读作信任类的疑虑:"
                     "价格问题等证据给出之后再谈",
    "price_for_the_decider": "我们的报价已经递出(account.open_quoted_count),提出异议的人却无权拍板(不是决策人、也不是"
                             "老板),而本客户的决策人已知却从未见过:让不让价由决策人定——对它的价格或条款回应,排在通往"
                             "决策人的行动之后(evaluation/rank.py,层级 undecided_voice)",
    "money_check_answers": "有经销商要垫资承接、资金尚未核实的在谈单子(opportunity.financing_unchecked),或没有单子时先核实"
                           "经销商资金(account.dealer_money_first),而异议说的是"
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


def mark_price_for_the_decider(facts: list[dict], account_fact: dict, contacts: dict) -> None:
    """Set ``price_for_the_decider`` on every objection fact (session 15): our price is on the table (an open deal
    quoted: account.open_quoted_count), the objection's voice — a contact on file — holds no decider role and is not the
    boss, and the account knows a decider still there whom nobody has met. A purchaser pressing for 5% off a quote, an
    engineer asking for a sharper number: the concession is not theirs to trade, and a price answered to them before
    the decider has seen the case is given away — the way to the decider comes first (/work/shared/COACHING.md §3;
    002 · 2.决策影响). Before any quote, "too expensive" is a perception the probe explores with whoever says it
    (001 · 3、管理不同的声音)."""
    on_table = bool(account_fact.get("open_quoted_count"))
    unmet = not account_fact.get("decider_met") and bool(account_fact.get("unmet_decider_count"))
    for f in facts:
        if f["kind"] != "objection":
            continue
        voice = contacts.get(f.get("contact") or "")
        f["price_for_the_decider"] = bool(on_table and unmet and voice is not None and "decider" not in voice.roles
                                          and not voice.is_boss)


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
    """Set ``money_check_answers`` on every objection fact: after financing.mark (opportunity.financing_unchecked) and
    again after financing.mark_question (the deals it marks, and account.dealer_money_first: the same check asked of
    the account where no deal carries it, session 17)."""
    unchecked = any((f["kind"] == "opportunity" and f.get("financing_unchecked"))
                    or (f["kind"] == "account" and f.get("dealer_money_first")) for f in facts)
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


def result_question_finder(vocabulary: Optional[wordlists.Vocabulary]) -> Callable[..., Optional[str]]:
    """``find(text)``: the stretch where a question word (vocabulary proof_asker) and a result word (proof_result) stand
    in one clause — "who made money", "哪家用了真的省电", "有冇人用咗慳到" (an A-not-A 有没有 asks, it does not deny) —
    or None. Forty characters at most between them in English (one clause: "which dealer around here has actually made
    money"), twelve in Chinese ("哪几家批发商靠你们的牌子赚到"): 谁 far from 赚 asks about something else."""
    return wordlists.pair_finder(vocabulary, "proof_asker", "proof_result", window=40, cjk_window=12, questions=True)


# a sentence: the seeing and the going on are often a clause apart ("带我去看一家,看完我再决定")
_SENTENCE = re.compile(r"[;!?\n。；！？]|\.(?:\s|$)")
_PROOF_GAP, _CJK_PROOF_GAP = 80, 30  # the most characters between the seeing word and the going on


def proof_condition_finder(vocabulary: Optional[wordlists.Vocabulary]) -> Callable[..., Optional[str]]:
    """``find(text)``: the stretch where the buyer makes seeing something the condition of going on (the module's
    docstring: proof_see … proof_then in one sentence, something between, no price or offer word there), or None."""
    sees, thens = wordlists.locator(vocabulary, "proof_see"), wordlists.locator(vocabulary, "proof_then")
    stalls = wordlists.finder(vocabulary, "proof_see_undone")
    money = wordlists.first_of(wordlists.finder(vocabulary, "offer_thing"), wordlists.finder(vocabulary, "price_complaint"))

    def find(text: Optional[str]) -> Optional[str]:
        for sentence in _SENTENCE.split((text or "").lower()):
            for s0, s1 in sees(sentence):
                for t0, t1 in thens(sentence):
                    seen = sentence[s1:t0]
                    gap = _CJK_PROOF_GAP if _CJK.search(sentence[s0:t1]) else _PROOF_GAP
                    if t0 < s1 or len(seen.strip(" ,，、")) < 2 or t0 - s1 > gap:
                        continue
                    stall = stalls(seen.lstrip()[:12])
                    if stall is not None and seen.lstrip().startswith(stall):
                        continue  # "let me see what the board says", "看看情况": a stall, nothing to see
                    if money(seen) is None:
                        return sentence[s0:t1]
        return None
    return find


def mark_proof(facts: list[dict], account_fact: dict, reads_doubt: Callable[..., bool],
               reads_price: Callable[..., bool], finds_result_question: Callable[..., Optional[str]],
               finds_condition: Callable[..., Optional[str]] = lambda _t: None) -> None:
    """Set ``result_question``, ``proof_condition``, ``proof_request`` and ``proof_answers`` on every objection fact:
    after casefacts.add (account.reference_with_figures) and after the objection's own ``asks_for_reference``."""
    on_record = bool(account_fact.get("reference_with_figures"))
    for f in facts:
        if f["kind"] == "objection":
            words = f.get("quote") or ""
            f["result_question"] = finds_result_question(words) is not None
            f["proof_condition"] = finds_condition(words) is not None
            f["proof_request"] = (bool(f.get("asks_for_reference")) or f["result_question"] or f["proof_condition"]
                                  or reads_doubt(words))
            doubt = f["proof_request"] or "trust" in f.get("kinds", ())
            f["proof_answers"] = on_record and doubt and not reads_price(words)


def mark_proof_pending(facts: list[dict], account_fact: dict, live_days: int) -> None:
    """Set ``proof_pending`` on every objection fact: after liveness.mark (a superseded request is no longer pending;
    one a promise of ours answers still is — the promised visit is the proof being given) and mark_proof."""
    on_record = bool(account_fact.get("reference_with_figures"))
    objections = [f for f in facts if f["kind"] == "objection"]

    def pending(f: dict) -> bool:
        # a request the proof rules answer: a demand to see a peer or a question of who got the result, with or
        # without a reference on file (without one the rep finds one: core.objection.find-a-reference-to-visit); a
        # doubt of the result or one read as trust only where a reference with figures is on file to answer it — with
        # none, "will it pay back?" beside a price stays a price point to probe (rules/core/references.yaml)
        asks = (f.get("asks_for_reference") or f.get("result_question")
                or (on_record and (f.get("proof_request") or "trust" in f.get("kinds", ()))))
        days = f.get("days_ago")
        fresh = days is None or days <= live_days
        return bool(asks and not f.get("answered") and fresh
                    and (f.get("live", True) or f.get("not_live_reason") == "promised"))

    any_pending = any(pending(f) for f in objections)
    for f in objections:
        f["proof_pending"] = any_pending
    # the account's view of it (session 10): while the buyer waits for the proof, the needs questions wait too — "show
    # me one like mine, then I'll believe" is answered before a needs meeting he has not agreed to
    account_fact["proof_pending"] = any_pending
