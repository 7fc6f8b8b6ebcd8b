"""Session 17 (issue 22): the dealer's money first — general rules, tested in wording written for these tests (en, zh,
zh-Hant), firing and silent.

- a dealer whose money nobody has checked asks us to carry more of it (a live terms objection) or shows strain (the
  packs' vocabulary money_strain, not negated, or an invoice of ours unpaid past due): every open deal it would carry
  is ``financing_unchecked`` whatever its size, and the check ranks at the ``precondition`` level (tag dealer-money),
  before the account's other problems and after a due promise or an open complaint;
- with no open deal, a strained dealer asking for terms or a protected territory gets the same check at the account
  level (core.dealer.check-money-before-the-ask);
- silent at an end customer, at a dealer whose money and brand contract are checked, and where the strain words are
  negated."""
from __future__ import annotations

import pytest

from advisor.accounts.account import Account

from .conftest import AS_OF  # 2026-11-23

ASK_RULE = "core.dealer.check-money-before-the-ask"
DEAL_RULE = "core.dealer.check-money-and-contract"

# (lang, a visit note that tells of strain, the dealer's ask as an objection: terms or a territory)
STRAINED = [
    ("en", "Their bank cut the credit line by a third in October; two of our invoices are past due.",
     "We need 120 days on the next container or we can't take it."),
    ("en", "Owner admits cash is tight — the builders he sells to still owe them for the summer jobs.",
     "Give us the whole county as exclusive territory and we'll sign a big target."),
    ("zh", "老板说银行上个月抽贷,下游工地还有四十多万没回款。", "下一批货账期得给我们放到120天。"),
    ("zh", "财务说账上紧,上月第一次逾期。", "全市独家给我们,目标我们来签。"),
    ("zh_hant", "老闆娘說銀行把額度砍了三成,手上都是建商的期票。", "這批貨帳期要給到一百二十天。"),
]


def _dealer(lang: str, note: str, ask: str, *, customer_type: str = "distributor", dealer: dict | None = None,
            opportunity: dict | None = None) -> dict:
    en = lang == "en"
    boss, money = ("Victor Hale", "Nora Hale") if en else (("周老板", "周太太") if lang == "zh" else ("周老闆", "周太太"))
    data = {
        "name": "Hale Building Supplies" if en else "周记建材商行",
        "stage": "maintain", "customer_type": customer_type, "buying_pattern": "repeat", "ownership": "private",
        "relationship": {"level": "preferred", "target": "partner", "cycle_stage": "trust"},
        "sales": {"last_12m": 2400000, "prior_12m": 2300000, "last_order": "2026-11-05"},
        "contacts": [
            {"name": boss, "title": "Owner" if en else "老板", "roles": ["decider"], "is_boss": True, "met": True,
             "reliability": 4},
            {"name": money, "title": "Finance" if en else "财务", "controls": ["money"], "met": True},
        ],
        "visits": [{"date": "2026-11-10", "contact": boss, "outcome": "positive", "note": note}],
        "objections": [{"contact": boss, "text": ask, "date": "2026-11-10"}],
    }
    if dealer is not None:
        data["dealer"] = dealer
    if opportunity is not None:
        data["opportunities"] = [opportunity]
    return data


def _advise(advisor, data: dict):
    return advisor.advise(Account.model_validate(data), AS_OF, packs=["core"])


def _account_fact(advice) -> dict:
    return next(f for f in advice.facts if f["kind"] == "account")


@pytest.mark.parametrize("lang,note,ask", STRAINED)
def test_a_strained_dealer_asking_more_is_checked_first(advisor, lang, note, ask):
    advice = _advise(advisor, _dealer(lang, note, ask))
    first = advice.actions[0]
    assert first.rule == ASK_RULE, [a.rule for a in advice.actions[:3]]
    assert first.level == "precondition"
    assert _account_fact(advice)["dealer_money_strain"]
    # the trace says why it leads, in both languages
    assert first.above_next is None or set(first.above_next) == {"en", "zh"}


@pytest.mark.parametrize("lang,note,ask", STRAINED)
def test_silent_at_an_end_customer(advisor, lang, note, ask):
    advice = _advise(advisor, _dealer(lang, note, ask, customer_type="end_customer"))
    assert ASK_RULE not in [a.rule for a in advice.actions]
    assert not _account_fact(advice).get("dealer_money_first")


@pytest.mark.parametrize("lang,note,ask", STRAINED)
def test_silent_where_the_money_and_contract_are_checked(advisor, lang, note, ask):
    checked = {"main_brand": "Brand B", "financing_checked": True, "financing_capacity": 900000,
               "brand_contract_checked": True}
    advice = _advise(advisor, _dealer(lang, note, ask, dealer=checked))
    rules = [a.rule for a in advice.actions]
    assert ASK_RULE not in rules and DEAL_RULE not in rules


@pytest.mark.parametrize("lang,note", [
    ("en", "Good visit. No overdue invoices, they have never paid late."),
    ("zh", "拜访顺利。从没逾期过,付款一直准时。"),
    ("zh_hant", "拜訪順利。從來沒有逾期,付款一向準時。"),
])
def test_negated_strain_is_no_strain(advisor, lang, note):
    ask = "We need 120 days on the next order." if lang == "en" else "下一批货账期要放到120天。"
    advice = _advise(advisor, _dealer(lang, note, ask))
    assert "dealer_money_strain" not in _account_fact(advice)
    assert ASK_RULE not in [a.rule for a in advice.actions]


@pytest.mark.parametrize("lang,ask", [
    ("en", "Put the rest on 90 days and we'll take the whole spring range."),
    ("zh", "首付三成,其余给我们九十天账期。"),
    ("zh_hant", "訂金三成,其餘給我們九十天帳期。"),
])
def test_a_dealer_asking_credit_on_a_deal_within_its_purchases_is_checked_first(advisor, lang, ask):
    """A deal smaller than a year of its purchases, which alone would not hold it: the credit it asks for does."""
    en = lang == "en"
    data = _dealer(lang, "They plan to open a second shop next spring." if en else "老板说明年春天要再开一家门店。" if lang == "zh"
                   else "老闆說明年春天要再開一家門市。", ask,
                   dealer={"main_brand": "Brand B", "financing_checked": False, "brand_contract_checked": False},
                   opportunity={"name": "Spring range stocking" if en else "春季备货", "amount": 900000,
                                "stage": "propose", "quoted": False})
    data["plan"] = {"growth": 0.15, "industry_growth": 0.08}   # a plan gap: an account problem it must outrank
    data["sales"]["prior_12m"] = 2600000                         # sales falling against the market
    advice = _advise(advisor, data)
    opportunity = next(f for f in advice.facts if f["kind"] == "opportunity")
    assert opportunity["financing_unchecked"] is True
    assert _account_fact(advice)["dealer_asks_credit"] is True
    assert advice.actions[0].rule == DEAL_RULE, [a.rule for a in advice.actions[:3]]
    assert advice.actions[0].level == "precondition"
    # what depends on the money says it waits for the check (rank._say_what_waits)
    pursued = [a for a in advice.actions if a.serves == "pursue_opportunity"]
    assert pursued and all("waits until" in a.what["en"] and "完成之后" in a.what["zh"] for a in pursued)


def test_a_due_promise_still_comes_before_the_check(advisor):
    lang, note, ask = STRAINED[0]
    data = _dealer(lang, note, ask)
    data["promises"] = [{"what": "Send the corrected price list", "by": "rep", "due": "2026-11-22"}]
    advice = _advise(advisor, data)
    rules = [a.rule for a in advice.actions]
    assert rules.index(ASK_RULE) > 0 and advice.actions[0].level == "due_promise"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_need_still_being_shaped_keeps_the_check_below_the_precondition_level(advisor, lang):
    """The only open business is a plan for next year (prepare, unquoted, no date near): nothing is proposed yet that
    depends on the money, so the dealer-money lift does not hold (tag_levels not_while_shaping)."""
    en = lang == "en"
    note, ask = STRAINED[0][1:] if en else STRAINED[2][1:]
    data = _dealer(lang, note, ask, opportunity={"name": "Third branch, next year" if en else "明年第三家分店",
                                                 "amount": 600000, "stage": "prepare", "quoted": False,
                                                 "close_date": "2027-10-01"})
    advice = _advise(advisor, data)
    check = next(a for a in advice.actions if a.rule == DEAL_RULE)
    assert check.level != "precondition"
    # the same deal with its date near is a decision at hand: the check leads
    data["opportunities"][0]["close_date"] = "2026-12-20"
    advice = _advise(advisor, data)
    assert advice.actions[0].rule == DEAL_RULE and advice.actions[0].level == "precondition"


def test_the_terms_objection_is_answered_by_the_check_not_twice(advisor):
    """A strained distributor's terms request with no deal: the check answers it; no separate terms probe beside it."""
    lang, note, ask = STRAINED[0]
    advice = _advise(advisor, _dealer(lang, note, ask))
    objection = next(f for f in advice.facts if f["kind"] == "objection")
    assert objection["money_check_answers"] is True
    assert "core.objection.terms-clarify" not in [a.rule for a in advice.actions]


@pytest.mark.parametrize("lang,verified", [
    ("en", "In March we reviewed their audited statements and the bank's facility letter."),
    ("zh", "3月看过他们的年报和银行授信,复印件在档。"),
    ("zh_hant", "三月已看過他們的財報和銀行授信函。"),
])
def test_money_verified_in_words_is_a_check_done(advisor, lang, verified):
    """No dealer: section, but the record says the money was checked: the dealer asking for credit on a deal gets no
    money check (a near-miss of the class: its first move is something else)."""
    en = lang == "en"
    ask = "Put the rest on 90 days." if en else "其余给我们九十天账期。"
    data = _dealer(lang, verified, ask, opportunity={"name": "Spring range" if en else "春季备货", "amount": 900000,
                                                      "stage": "propose", "quoted": False})
    advice = _advise(advisor, data)
    assert _account_fact(advice)["dealer_money_verified"]
    assert DEAL_RULE not in [a.rule for a in advice.actions]


@pytest.mark.parametrize("lang,asked", [
    ("en", "Have you reviewed their statements?"),
    ("en", "We still need to review their statements and the credit line."),
    ("zh", "他家流水、授信看过没有?"),
    ("zh", "需要核实他们的年报。"),
    ("zh_hant", "他們的授信確認過沒有?"),
])
def test_a_check_asked_or_planned_is_no_check_done(advisor, lang, asked):
    en = lang == "en"
    ask = "Put the rest on 90 days." if en else "其余给我们九十天账期。"
    data = _dealer(lang, asked, ask, opportunity={"name": "Spring range" if en else "春季备货", "amount": 900000,
                                                   "stage": "propose", "quoted": False})
    advice = _advise(advisor, data)
    assert "dealer_money_verified" not in _account_fact(advice)
    assert advice.actions[0].rule == DEAL_RULE


@pytest.mark.parametrize("lang,note", [
    ("en", "The family sold the company in October; a new owner runs it now."),
    ("zh", "十月份公司换了新股东,现在由新老板管。"),
])
def test_a_dealer_whose_owners_changed_has_its_money_in_question(advisor, lang, note):
    """Its purchases so far were the old owners' money: a deal within them is checked again."""
    en = lang == "en"
    data = _dealer(lang, note, "Fine." if en else "好的。",
                   dealer={"main_brand": "Brand B", "financing_checked": False, "brand_contract_checked": False},
                   opportunity={"name": "Spring range" if en else "春季备货", "amount": 900000, "stage": "propose",
                                "quoted": False})
    data["objections"] = []
    advice = _advise(advisor, data)
    assert _account_fact(advice)["ownership_changed"] is True
    assert next(f for f in advice.facts if f["kind"] == "opportunity")["financing_unchecked"] is True
    # and without the change the same deal, within a year of its purchases, is not held for the check
    data["visits"][0]["note"] = "Routine visit." if en else "例行拜访。"
    advice = _advise(advisor, data)
    assert next(f for f in advice.facts if f["kind"] == "opportunity")["financing_unchecked"] is False
