"""Session 14: an action whose words give or promise something — a gift, hospitality, a rebate, a price concession — is
checked against the account's policies and against what the customer asked: one lint over every rule of every pack.

- **A gift or hospitality** (the packs' ``gift_words``): the rule carries the tag of its words (gift / entertainment),
  so a customer's no-gift or no-entertainment policy holds the action back (or swaps in its ``policy_safe`` variant
  without the gift), or its conditions read the account's policies themselves. A rule that speaks *about* the ban (the
  compliance rules, ``gift_words_exempt_tags``) gives nothing.
- **A price concession** (the packs' ``offer_price_move`` words, and the concession words below): the rule carries the
  tag price-move (the guards that hold a price move back while the account loses business over something else, or
  before a complaint's fix is confirmed, find it by the tag) AND its conditions read either what the customer asked
  about price (a price objection, a price-led loss or decline) or the account's buying rules (bought by tender or
  project, a public or state buyer, its policies) — a rebate nobody asked for, offered to a buyer whose procurement
  rules do not allow it, is a misfire.

- **A price probe** ("a discount?") answers a price objection, not a failure of service told in the same words
  ("cheaper elsewhere, and the last repair took three weeks"): the price is the surface there
  (objection_kind.complaint; core.objection.price-probe, price-incentive-option).

Words under a negation ("don't cut the price", "不要打折") offer nothing. A rule added later with such words and no such
guard fails here by name, with the facts it could read. The exemptions are few, each with why."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from advisor.accounts.account import Account

from .conftest import RULES
from .packkit import pack_alone, pack_names, reads_of, recommending_rules

# "don't cut the price", "no discount", "不要打折", "别降价", "而不是白给": advice against the concession makes none
NEGATION_EN = re.compile(r"(?<![a-z])(?:no|not|never|don['’]t|do not|without|nor|neither|rather than|instead of|"
                         r"before any|hold|holds)(?![a-z])[^.;:!?]{0,24}$")
NEGATION_ZH = re.compile(r"(?:不|别|別|勿|无|無|没|沒|而非|不是|先别|先別)[^。;:!?]{0,6}$")

# a price concession beyond the packs' offer_price_move list: the words a playbook uses for giving on price
CONCESSION_EN = ["price concession", "cheaper price", "knock off", "money off", "free of charge"]
CONCESSION_ZH = ["让利", "讓利", "减价", "減價", "优惠价", "優惠價", "免费送", "免費送"]

# the facts that say what the customer asked about price, or the account's buying rules: a guard reads one
PRICE_ASKED = frozenset({"objection.kinds", "objection_kind.value", "account.loss_cause", "account.decline_cause_kind",
                         "objection.price_not_the_point", "objection.asks_for_offer", "deal.loss_reason"})
BUYING_RULES = frozenset({"account.buying_pattern", "account.ownership", "account.policies", "opportunity.tender",
                          "account.open_tender_count"})
POLICY_FACTS = frozenset({"account.policies", "account.newest_policy_days"})

# rules whose words match but give nothing, and why
EXEMPT: dict[tuple[str, str], str] = {
    ("consumer-electronics-dealer.close.agency-after-first-project", "price"):
        "the seed's channel lever after a project won together (004 · 水到渠成): project prices to a dealer who has won "
        "with us (account.won_count), to make the regional agency — the dealer's margin on its resale, not a "
        "concession to a buyer's procurement",
}


def _words() -> tuple[dict[str, tuple[list[str], list[str]]], set[str], tuple[list[str], list[str]]]:
    """The packs' gift words by tag, the tags whose rules speak about the ban, and the price-concession words."""
    gifts: dict[str, tuple[list[str], list[str]]] = {}
    exempt: set[str] = set()
    price_en, price_zh = list(CONCESSION_EN), list(CONCESSION_ZH)
    for name in pack_names(RULES):
        packset = pack_alone(name, RULES)
        for tag, words in packset.gift_words.items():
            en, zh = gifts.setdefault(tag, ([], []))
            en += [w for w in words.en if w not in en]
            zh += [w for w in words.zh if w not in zh]
        for pack in packset.packs:
            exempt |= set(pack.gift_words_exempt_tags)
        move = packset.vocabulary.get("offer_price_move")
        if move is not None:
            price_en += [w for w in move.en if w not in price_en]
            price_zh += [w for w in list(move.zh) + list(move.zh_hant) if w not in price_zh]
    return gifts, exempt, (price_en, price_zh)


GIFTS, EXEMPT_TAGS, PRICE = _words()


def _offered(text: str, words: list[str], lang: str) -> list[str]:
    """The words that stand in ``text`` at least once outside a negation (English by whole word, plural allowed)."""
    low, out = text.lower(), []
    for w in words:
        pattern = re.escape(w.lower()) if lang == "zh" else r"(?<![a-z-])" + re.escape(w.lower()) + r"(?:s|es)?(?![a-z-])"
        neg = NEGATION_ZH if lang == "zh" else NEGATION_EN
        if any(not neg.search(low[max(0, m.start() - 40):m.start()]) for m in re.finditer(pattern, low)):
            out.append(w)
    return out


def _actions() -> list[tuple[str, dict[str, str], set[str], set[str], bool]]:
    """(rule id, its action's words by language — the policy-safe variant's apart, the facts its conditions read, its
    tags, whether it has a policy-safe variant) for every recommending rule of every pack (a rule counted once)."""
    out = []
    for rule in recommending_rules(RULES):
        recommend = rule.then.recommend
        texts = {"en": recommend.what.en or "", "zh": recommend.what.zh or ""}
        reads = reads_of(rule)
        # the tags a policy holds the action back by: its own, and those its words carry (language/pack.mark_words)
        out.append((rule.id, texts, reads, set(rule.tags) | set(rule.word_tags), rule.policy_safe is not None))
    return out


ACTIONS = _actions()


def _gift_hits():
    for rule_id, texts, reads, tags, safe in ACTIONS:
        if tags & EXEMPT_TAGS:
            continue
        for tag, (en, zh) in GIFTS.items():
            words = _offered(texts["en"], en, "en") + _offered(texts["zh"], zh, "zh")
            if words:
                yield rule_id, tag, words, reads, tags, safe


def _price_hits():
    en, zh = PRICE
    for rule_id, texts, reads, tags, _ in ACTIONS:
        words = _offered(texts["en"], en, "en") + _offered(texts["zh"], zh, "zh")
        if words:
            yield rule_id, words, reads, tags


def test_a_gift_or_hospitality_is_held_back_by_the_customers_policy():
    found = list(_gift_hits())
    assert found, "no action's words give a gift or hospitality: the word lists are stale"
    unguarded = [(rule_id, tag, words) for rule_id, tag, words, reads, tags, safe in found
                 if tag not in tags and not safe and not reads & POLICY_FACTS and (rule_id, tag) not in EXEMPT]
    assert not unguarded, (f"{unguarded}: the action gives a gift or hospitality but neither carries its tag (a "
                           f"no-gift / no-entertainment policy then holds it back), a policy_safe variant, nor reads "
                           f"{sorted(POLICY_FACTS)}")


def test_a_price_concession_reads_what_the_customer_asked_or_how_it_buys():
    found = list(_price_hits())
    assert found, "no action's words make a price concession: the word lists are stale"
    untagged = [rule_id for rule_id, _, _, tags in found if "price-move" not in tags]
    assert not untagged, f"{untagged}: the action makes a price concession but is not tagged price-move"
    guards = PRICE_ASKED | BUYING_RULES
    unguarded = [(rule_id, words) for rule_id, words, reads, _ in found
                 if not reads & guards and (rule_id, "price") not in EXEMPT]
    assert not unguarded, (f"{unguarded}: the action makes a price concession but its conditions read none of "
                           f"{sorted(guards)} — what the customer asked about price, or how it buys")


def test_every_exemption_still_matches():
    hits = {(r, t) for r, t, *_ in _gift_hits()} | {(r, "price") for r, *_ in _price_hits()}
    for key, why in EXEMPT.items():
        assert key in hits, (key, why)


@pytest.mark.parametrize("text, lang, offered", [
    # the check itself can fail: each phrasing below offers, or advises against, a concession
    ("Offer them a loyalty rebate on every reorder.", "en", True),
    ("Give the buyer 5% off as a special price for the spring order.", "en", True),
    ("Quote a discount if they sign this month.", "en", True),
    ("Don't cut the price: ask what the buyer weighs.", "en", False),
    ("No discount before the fix is confirmed.", "en", False),
    ("Hold the price rather than a discount.", "en", False),
    ("给他们让利两个点,冲一下季度。", "zh", True),
    ("报一个特价,月底前签。", "zh", True),
    ("返点按季度结算给经销商。", "zh", True),
    ("不要降价,先问清原因。", "zh", False),
    ("先别让价,问清楚对方要什么。", "zh", False),
    ("別打折,先回答售後的問題。", "zh", False),
])
def test_the_lint_reads_offers_and_negations(text, lang, offered):
    en, zh = PRICE
    assert bool(_offered(text, en if lang == "en" else zh, lang)) == offered


# --- the same check at run time: accounts in wording of our own, built in memory -----------------------------------

AS_OF = dt.date(2027, 3, 22)
FREQUENCY, BUNDLE = "core.keep.frequency-marketing", "core.keep.bundle-full-line"


def _buyer(note: str, lang: str, policies=(), **extra) -> Account:
    name = "Ann Lee" if lang == "en" else "王经理"
    data = {"name": "Harbour Tools Ltd" if lang == "en" else "港湾五金有限公司", "stage": "maintain",
            "owner": "Sam Reid", "buying_pattern": "repeat",
            "sales": {"last_12m": 800000, "prior_12m": 790000, "last_order": "2027-03-01"},
            "contacts": [{"name": name, "title": "Purchasing manager", "roles": ["purchaser", "decider"],
                          "is_boss": True, "met": True, "senior": True, "reliability": 4}],
            "visits": [{"date": "2027-03-15", "contact": name, "outcome": "positive", "note": note}],
            "policies": list(policies)}
    data.update(extra)
    return Account.model_validate(data)


NOTES = [
    ("Good meeting, Ann is happy with the spanners and the delivery times.", "en"),
    ("Ann confirmed the spring reorder; no issues raised.", "en"),
    ("Quarterly review done — Ann wants the same range next year.", "en"),
    ("王经理对交货很满意,明年照旧订。", "zh"),
    ("季度回顾做完了,王经理没提任何问题。", "zh"),
    ("王經理說品質穩定,春季補貨照常。", "zh"),
]


def _gift_words(lang: str) -> list[str]:
    return [w for words in GIFTS.values() for w in (words[0] if lang == "en" else words[1])]


@pytest.mark.parametrize("note, lang", NOTES)
def test_a_gift_or_a_dinner_is_offered_only_where_no_policy_bans_it(advisor, note, lang):
    def advise(policies):
        return advisor.advise(_buyer(note, lang, policies=policies), as_of=AS_OF).actions
    free = advise([])
    assert any(_offered(a.what[lang], _gift_words(lang), lang) for a in free), [a.rule for a in free]
    for a in advise(["no_gifts", "no_entertainment"]):
        if "compliance" not in a.tags:  # the compliance rules speak about the ban
            assert not _offered(a.what[lang], _gift_words(lang), lang), (a.rule, a.what[lang])


def _loyal(lang: str, **extra) -> Account:
    return _buyer("Steady orders, nothing new." if lang == "en" else "订货稳定,没什么新情况。", lang, **extra)


@pytest.mark.parametrize("lang, extra, silent", [
    ("en", {"ownership": "public_institution"}, {FREQUENCY, BUNDLE}),  # a city hospital: public procurement fixes it
    ("en", {"ownership": "state_owned"}, {FREQUENCY, BUNDLE}),         # a state utility: the framework contract does
    ("en", {"buying_pattern": "project"}, {FREQUENCY}),               # no reorders to reward
    ("zh", {"ownership": "public_institution"}, {FREQUENCY, BUNDLE}),
    ("zh", {"ownership": "state_owned"}, {FREQUENCY, BUNDLE}),
    ("zh", {"buying_pattern": "project"}, {FREQUENCY}),
])
def test_no_rebate_or_bundle_price_for_a_buyer_bound_by_procurement_rules(advisor, lang, extra, silent):
    rules = {a.rule for a in advisor.advise(_loyal(lang, **extra), as_of=AS_OF).actions}
    assert not rules & silent, rules


@pytest.mark.parametrize("lang, extra", [("en", {}), ("zh", {}), ("en", {"ownership": "private"}),
                                         ("zh", {"buying_pattern": "subscription"})])
def test_a_rebate_or_bundle_price_still_fits_a_buyer_who_negotiates(advisor, lang, extra):
    rules = {a.rule for a in advisor.advise(_loyal(lang, **extra), as_of=AS_OF).actions}
    assert rules & {FREQUENCY, BUNDLE}, rules


# --- a price probe answers a price objection, not a failure of service told with it ----------------------------------

PROBE = "core.objection.price-probe"


def _objecting(text: str, lang: str) -> Account:
    """A prospect we have quoted: a service story there is another supplier's (objection.prospect_service_story), so no
    complaint rule answers it — only the price guard keeps the probe away."""
    name = "Ann Lee" if lang == "en" else "王经理"
    return Account.model_validate({
        "name": "Harbour Tools Ltd" if lang == "en" else "港湾五金有限公司", "stage": "propose", "owner": "Sam Reid",
        "opportunities": [{"name": "Workshop tools refit" if lang == "en" else "车间工具更新", "amount": 300000,
                           "stage": "propose", "quoted": True}],
        "contacts": [{"name": name, "title": "Purchasing manager", "roles": ["purchaser", "decider"],
                      "is_boss": True, "met": True}],
        "objections": [{"contact": name, "date": "2027-03-18", "text": text}]})


@pytest.mark.parametrize("text, lang", [
    ("Your price is well above what the others quote us for the same spanners.", "en"),
    ("Honestly it's too expensive — I can get the same kit for a lot less elsewhere.", "en"),
    ("We like the tools but your prices are hard to justify to my boss.", "en"),
    ("你们的价格比别家贵了一大截。", "zh"),
    ("东西是好,就是太贵了,别家便宜不少。", "zh"),
    ("你們的報價比同行高太多了。", "zh"),
])
def test_a_price_objection_is_probed(advisor, text, lang):
    assert PROBE in {a.rule for a in advisor.advise(_objecting(text, lang), as_of=AS_OF).actions}


@pytest.mark.parametrize("text, lang", [
    ("You're 10% dearer than the other lot, and the last two deliveries came a week late.", "en"),
    ("Too expensive — and when the grinder broke in May nobody came for three weeks.", "en"),
    ("Your price is higher, and your after-sales service let us down badly on the last repair.", "en"),
    ("贵就算了,你们的维修太慢,坏了半个月才修好。", "zh"),
    ("价格高就算了,交货还老是拖,上个月晚了十天。", "zh"),
    ("報價貴兩成,之前壞的燈三個禮拜都沒人理。", "zh"),
])
def test_a_price_told_with_a_failure_of_service_is_not_probed(advisor, text, lang):
    advice = advisor.advise(_objecting(text, lang), as_of=AS_OF)
    kinds = next(f["kinds"] for f in advice.facts if f.get("kind") == "objection")
    assert {"price", "service"} <= set(kinds), kinds  # the reader hears both: the guard, not the reader, is tested
    assert PROBE not in {a.rule for a in advice.actions}
