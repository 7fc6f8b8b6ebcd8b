"""Session 13 (issue 22): an action whose words presume a fact about the account must read that fact — a lint over
every rule of every pack.

A rule that tells the rep to make "the first visit", to agree "the first order", to "win the account back", to
defend "the renewal", to bring "display props" or to talk "as if the deal is agreed" says something about the
account that is true only on some records: nobody there has been met, it has never bought, it stopped buying
(against its own rhythm), it has a contract that renews, its problem is on the shelf, the decider has agreed the
step. Each such rule's conditions must read at least one fact of the record's structure that can rule the
presumption out (who has been met, the sales and won deals, the category or lost deal, the contract or buying
pattern, the account's trouble, the deal's earned step). A rule added later with such words and no such guard fails
here by name, with the facts it could read.

The exemptions are few and each says why the words do not presume (a conditional "before the budget or renewal
date", a membership card's renewal)."""
from __future__ import annotations

import re

import pytest

from .conftest import RULES
from .packkit import reads_of, recommending_rules

# presumption → (the words, in English and Chinese; the facts of which a guard must read one)
PRESUMPTIONS: dict[str, tuple[str, frozenset[str]]] = {
    "nobody met yet": (
        r"first visit|first meeting|首次拜访|首次拜訪|初次拜访|初次拜訪|第一次拜访|第一次拜訪|首次见面|首次見面",
        frozenset({"contact.met", "contact.visit_count", "account.met_count", "account.visit_count",
                   "account.successor_count", "contact.successor_of", "potential.value"})),
    "never bought": (
        r"first order|first deal|first purchase|首单|首單|第一单|第一單|第一筆|首批订单|首批訂單|首次订单|首次訂單",
        frozenset({"account.has_sales_history", "account.won_count", "account.deals_won_count",
                   "account.tenure_years", "account.sales_last_12m", "account.sales_prior_12m", "potential.value"})),
    "stopped buying": (
        r"win (?:it |the account |them |him |her )?back|win-back|reactivat|唤醒|喚醒|赢回|贏回|挽回",
        frozenset({"category.value", "deal.status", "objection.business_moved", "objection.moved_by_record",
                   "objection.switching", "account.within_rhythm", "account.days_since_last_order"})),
    "a contract that renews": (
        r"\brenewal\b|\brenews\b|续约|續約|续签|續簽",
        frozenset({"situation.type", "account.buying_pattern", "opportunity.tender", "opportunity.renewal",
                   "opening.type"})),
    "the problem is on the shelf": (
        r"display (?:props|shells|stands|material)|light box|陈列道具|陳列道具|灯箱|燈箱",
        frozenset({"visit.rep_promised", "account.decline_cause_kind", "category.value", "account.complaint_count",
                   "account.dissatisfied_count"})),
    "the decider has agreed": (
        r"as if the deal|as though the deal|assumptive|假定成交|视同成交|視同成交",
        frozenset({"opportunity.step", "account.decider_met", "contact.met"})),
}

# rules whose words match but presume nothing, and why
EXEMPT: dict[tuple[str, str], str] = {
    ("core.steps.grow-existing-customer", "a contract that renews"):
        "conditional: 'well before the budget or renewal date' — whichever the account has",
    ("leisure-services.promise.explain-member-terms", "a contract that renews"):
        "a member card's renewal, the card on the record's member_terms_changed flag",
}


def _actions() -> list[tuple[str, str, set[str]]]:
    """(rule id, its action's words in both languages, the facts its conditions read) for every recommending rule of
    every pack (each pack loaded with what it extends; a rule counted once)."""
    out = []
    for rule in recommending_rules(RULES):
        recommend = rule.then.recommend
        texts = [recommend.what.en or "", recommend.what.zh or ""]
        if rule.policy_safe is not None:  # the same action without its gift: the same presumptions
            texts += [rule.policy_safe.what.en or "", rule.policy_safe.what.zh or ""]
        out.append((rule.id, " ".join(texts), reads_of(rule)))
    return out


ACTIONS = _actions()


@pytest.mark.parametrize("presumption", sorted(PRESUMPTIONS))
def test_an_action_that_presumes_a_fact_reads_it(presumption):
    words, guards = PRESUMPTIONS[presumption]
    found = [(rule_id, facts) for rule_id, text, facts in ACTIONS if re.search(words, text, re.I)]
    # the lint has something to check: the words are in the packs (a pattern that matches nothing cannot fail)
    assert found, f"no action's words presume {presumption!r}: the pattern is stale"
    unguarded = [rule_id for rule_id, facts in found
                 if not facts & guards and (rule_id, presumption) not in EXEMPT]
    assert not unguarded, (f"{unguarded}: the action presumes {presumption!r} but its conditions read none of "
                           f"{sorted(guards)} — add the guard (or an exemption saying why the words presume nothing)")


def test_every_exemption_still_matches():
    """An exemption for words a rule no longer has is a hole for the next rule with that id."""
    texts = {rule_id: text for rule_id, text, _ in ACTIONS}
    for (rule_id, presumption), why in EXEMPT.items():
        assert rule_id in texts and re.search(PRESUMPTIONS[presumption][0], texts[rule_id], re.I), (rule_id, why)


def test_the_lint_catches_an_unguarded_first_order():
    """The check itself can fail: a dealer's first-order action that reads only the deal's state is caught."""
    words, guards = PRESUMPTIONS["never bought"]
    reads = {"opportunity.won", "opportunity.quoted"}
    assert re.search(words, "Agree the channel and the first order.", re.I)
    assert not reads & guards
    assert re.search(words, "谈妥合作方式和首单。") and re.search(PRESUMPTIONS["nobody met yet"][0], "预约首次拜访")
