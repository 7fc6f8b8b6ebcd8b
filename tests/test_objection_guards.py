"""The guard facts an objection's words set before the engine (advisor/accounts/objectionguards.py)."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace as D

from advisor.accounts import objectionguards as og


def test_a_competitor_is_named_by_its_full_name_or_its_distinctive_first_word():
    assert og.names_any("nutriblend is cheaper and pays us time", ["NutriBlend Premix"])
    assert og.names_any("我们换成长飞光纤了", ["长飞光纤"])
    assert not og.names_any("我们换成长飞了", ["长飞光纤"])  # a Chinese short form is no fixed part of the name
    assert og.names_any("we moved it to xylem's local distributor", ["Xylem"])
    assert not og.names_any("the abc team liked it", ["ABC Ltd"])  # a first word of three letters is too common
    assert not og.names_any("a nutriblended feed", ["NutriBlend"])  # a whole word, not a prefix


def test_only_losses_nothing_was_won_after_count():
    lost = D(status="lost", competitor="SealCo", closed=dt.date(2026, 3, 1))
    won_after = D(status="won", competitor=None, closed=dt.date(2026, 6, 1))
    undated = D(status="lost", competitor="Acme", closed=None)
    assert og.lost_competitors([lost, undated]) == ["SealCo", "Acme"]
    assert og.lost_competitors([lost, won_after, undated]) == ["Acme"]
    assert og.lost_competitors([D(status="won", competitor="X", closed=None)]) == []


def test_mark_sets_both_facts():
    fact: dict = {}
    og.mark(fact, "It wasn't only the price, NutriBlend", lambda t: "only the price" in t.lower(), ["NutriBlend"])
    assert fact == {"price_not_the_point": True, "names_lost_to": True}
    og.mark(fact, "too expensive", lambda t: False, [])
    assert fact == {"price_not_the_point": False, "names_lost_to": False}


def test_the_money_check_comes_before_price_terms_or_financing_words_only_beside_an_unchecked_financed_deal():
    # session 5 (issue 23): a plain price objection there waits for the check too — no price talk on a deal nobody
    # knows the dealer can carry; an objection about something else (timing) is still answered for itself
    reads = lambda t: "垫资" in (t or "")  # noqa: E731 — a stand-in for the packs' financing vocabulary
    terms = {"kind": "objection", "kinds": ["terms"], "quote": "验收后才付款"}
    words = {"kind": "objection", "kinds": ["stall"], "quote": "要我们垫资"}
    price = {"kind": "objection", "kinds": ["price"], "quote": "太贵了"}
    other = {"kind": "objection", "kinds": ["timing"], "quote": "等开学以后再说"}
    facts = [{"kind": "opportunity", "financing_unchecked": True}, terms, words, price, other]
    og.mark_money(facts, reads)
    assert [f["money_check_answers"] for f in (terms, words, price, other)] == [True, True, True, False]
    facts[0]["financing_unchecked"] = False
    og.mark_money(facts, reads)
    assert not any(f["money_check_answers"] for f in (terms, words, price, other))


def test_a_competitor_is_named_by_whole_word_or_as_written_in_chinese():
    from advisor.accounts.wordlists import name_at

    assert name_at("我们跟grundfos签了三年", "grundfos") == 3
    assert name_at("grundfos's contract runs", "grundfos") == 0
    assert name_at("abbott quoted less", "abb") == -1
    assert name_at("还是长飞光纤便宜", "长飞光纤") == 2
    assert name_at("anything", "") == -1
