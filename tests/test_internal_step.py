"""A next step that is our own internal move is no promise, and a precondition on record comes first (session 9,
issue 22): promise.internal (accounts/internalstep.py), account.ownership_changed (accounts/ownerchange.py) and the
ranking that puts the review first and makes the dependent steps say they wait (evaluation/rank.py). The cases are
written for these tests, not taken from a dev set."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.language.pack import load_packs

from .conftest import AS_OF, RULES


@pytest.fixture(scope="module")
def vocabulary():
    return load_packs(["core"], RULES).fact_options()["vocabulary"]


def _promise(vocabulary, step: str, contact: str = "Marta Ruiz") -> dict:
    account = Account.model_validate({"name": "Acme", "contacts": [{"name": contact, "met": True}],
                                      "visits": [{"date": "2026-11-20", "contact": contact, "next_step": step}]})
    [p] = [f for f in enrich(account, AS_OF, vocabulary=vocabulary) if f["kind"] == "promise"]
    return p


@pytest.mark.parametrize("step", [
    "Apply for a credit limit increase to 2M for them before month end",
    "Submit the special price request to our sales director for approval by Friday",
    "Ask finance whether a sample budget is possible this quarter",
    "Raise an internal request for extended payment terms",
    "12月20日前把授信提额申请报上去",
    "找财务问一下账期能不能延长到90天",
    "下周一前走流程申请特价",
    "月底前把特價申請報總部",
    "找財務批樣品費用,本週內",
    "先提交審批,下週再說",
])
def test_an_internal_move_of_ours_is_no_promise(vocabulary, step):
    p = _promise(vocabulary, step)
    assert p["by"] == "rep" and p["internal"] is True and p["internal_words"]


@pytest.mark.parametrize("step", [
    "Send them the revised rate card by Friday",
    "Get the special price approved and send Marta the quote by 5 Dec",
    "Call back with the delivery date once finance has signed off",
    "Bring her the sample kit to the plant on Tuesday",
    "申请特价后给客户答复新的报价",
    "下周三前送样到工厂",
    "本周五前回复客户交期",
    "申請好特價後給客戶答覆",
    "月底前把樣品帶給她",
    "週五前回覆報價",
])
def test_a_step_owed_to_the_customer_stays_a_promise(vocabulary, step):
    assert _promise(vocabulary, step)["internal"] is False


def test_a_customer_step_is_never_internal(vocabulary):
    # the customer's own approval round is theirs to take, chased as their step (customer-commitment)
    p = _promise(vocabulary, "Marta to submit the special price request to her board for approval")
    assert p["by"] == "customer" and p["internal"] is False


def _owners(vocabulary, note: str, title: str = "Finance Manager") -> dict:
    account = Account.model_validate({"name": "Acme", "contacts": [{"name": "Li", "title": title, "met": True}],
                                      "visits": [{"date": "2026-11-20", "contact": "Li", "note": note}]})
    return next(f for f in enrich(account, AS_OF, vocabulary=vocabulary) if f["kind"] == "account")


@pytest.mark.parametrize("note", [
    "Registry extract: a Cyprus holding took a stake of 35% in October.",
    "The company was acquired by a Dubai trading group last month.",
    "Li mentioned a new shareholder from Singapore is coming in.",
    "公司进了新的股东,香港一家投资公司入股了四成。",
    "工商变更:实际控制人变更为王某。",
    "聽說上個月股權變更,新股東是澳門的公司。",
    "老闆說公司被收購了,新東家下月來看。",
])
def test_an_ownership_change_on_record_is_read(vocabulary, note):
    a = _owners(vocabulary, note)
    assert a["ownership_changed"] is True and a["ownership_change_words"]


@pytest.mark.parametrize("note", [
    "No change of ownership this year; still the two founders.",
    "陈总说今年没有股东变更。",
    "股權變更已完成,受益所有人已核實。",
    "New shareholder since March; KYC refreshed on 2 April.",
    "Ordered the usual 40 drums; the owner is happy with the service.",
])
def test_no_change_or_a_change_already_reviewed_is_not_read(vocabulary, note):
    assert _owners(vocabulary, note)["ownership_changed"] is False


def test_a_new_shareholder_in_a_contact_title_is_read(vocabulary):
    a = _owners(vocabulary, "Quick call about payroll.", title="Director for the new shareholder (Macau)")
    assert a["ownership_changed"] is True


def _bank_account(step: str, note: str) -> Account:
    return Account.model_validate({
        "name": "Harbour Cold Chain Ltd", "industry": "banking-counter", "stage": "maintain",
        "customer_type": "end_customer", "buying_pattern": "repeat",
        "contacts": [{"name": "Peter Wong", "title": "Managing Director", "roles": ["decider"], "is_boss": True,
                      "met": True},
                     {"name": "Amy Lau", "title": "Accountant", "roles": ["purchaser", "initiator"], "met": True}],
        "visits": [{"date": "2026-11-18", "contact": "Amy Lau", "outcome": "positive", "note": note,
                    "next_step": step}],
        "objections": [{"contact": "Amy Lau", "text": "Why so much paperwork again? Just approve the limit.",
                        "date": "2026-11-18"}],
    })


@pytest.mark.parametrize("step, note", [
    ("File the credit-line increase to 5M by 25 Nov", "Amy said a new shareholder from Shenzhen came in last month."),
    ("11月25日前把提额申请报上去", "孙会计说公司进了新股东,深圳一家公司入股30%。"),
    ("11月25日前把提額申請報上去", "聽說上個月股權變更,新股東是深圳的公司。"),
])
def test_the_review_ranks_first_and_the_filing_waits(advisor, step, note):
    advice = advisor.advise(_bank_account(step, note), as_of=dt.date(2026, 11, 23))
    actions = advice.actions if hasattr(advice, "actions") else advice.ranking.actions
    assert actions[0].rule == "banking-counter.kyc.redo-on-ownership-change"
    assert actions[0].level == "precondition"
    filing = next(a for a in actions if a.rule == "core.promises.internal-step")
    assert not filing.promise and filing.level != "due_promise"
    assert "waits until" in filing.what["en"] and "须等" in filing.what["zh"]
    assert all(a.rule != "core.visits.follow-up-script" for a in actions)


def test_without_the_change_the_filing_is_still_no_promise_and_waits_for_nothing(advisor):
    advice = advisor.advise(_bank_account("File the credit-line increase to 5M by 25 Nov", "Payroll run as usual."),
                            as_of=dt.date(2026, 11, 23))
    actions = advice.actions if hasattr(advice, "actions") else advice.ranking.actions
    assert all(a.rule != "banking-counter.kyc.redo-on-ownership-change" for a in actions)
    filing = next(a for a in actions if a.rule == "core.promises.internal-step")
    assert "waits until" not in filing.what["en"]
