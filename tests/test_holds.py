"""A hold on record comes first, and what depends on it waits (session 9, issue 22): account.hold (accounts/holds.py),
core.holds.* (tag precondition). Cases written for these tests, en / zh / traditional, three phrasings each."""
from __future__ import annotations

import pytest

from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.language.pack import load_packs

from .conftest import AS_OF, RULES


@pytest.fixture(scope="module")
def vocabulary():
    return load_packs(["core"], RULES).fact_options()["vocabulary"]


def _account(note: str, notes: str | None = None, later: str | None = None, step: str | None = None) -> Account:
    visits = [{"date": "2026-11-16", "contact": "Rosa", "outcome": "neutral", "note": note, "next_step": step}]
    if later:
        visits.append({"date": "2026-11-20", "contact": "Rosa", "outcome": "positive", "note": later})
    return Account.model_validate({
        "name": "Meridian Tiles", "stage": "maintain", "buying_pattern": "repeat",
        "sales": {"last_12m": 900000, "prior_12m": 880000, "last_order": "2026-10-30"},
        "contacts": [{"name": "Rosa", "roles": ["purchaser", "decider"], "is_boss": True, "met": True}],
        "opportunities": [{"name": "Showroom refit 2027", "amount": 120000, "stage": "propose"}],
        "visits": visits, "notes": notes})


def _hold(vocabulary, account: Account):
    return next(f for f in enrich(account, AS_OF, vocabulary=vocabulary) if f["kind"] == "account").get("hold")


@pytest.mark.parametrize("note, kind", [
    ("Finance put them on credit hold until the September invoices are paid.", "credit_hold"),
    ("Orders on hold: they are over their credit limit by 40k.", "credit_hold"),
    ("Rosa says head office announced a spending freeze for Q1.", "purchase_freeze"),
    ("财务说他们超出信用额度,暂停发货,等9月的款到了再说。", "credit_hold"),
    ("集团下了通知,一季度冻结一切新增采购。", "purchase_freeze"),
    ("總部說明年上半年凍結採購,只保留維修。", "purchase_freeze"),
    ("財務那邊停止發貨了,要先清欠款。", "credit_hold"),
])
def test_a_hold_on_record_is_read(vocabulary, note, kind):
    assert _hold(vocabulary, _account(note)) == kind


@pytest.mark.parametrize("note, later", [
    ("No credit hold on them, they pay in 30 days.", None),
    ("没有冻结采购,只是预算要重新批。", None),
    ("Finance put them on credit hold.", "Payment in; hold released this morning."),
    ("集团冻结采购。", "刚接到通知,已解冻,恢复采购。"),
    ("Nice visit, they like the new glaze range.", None),
    ("Risks: the budget freeze rumour from head office.", None),
    ("听说集团可能冻结采购,还没定。", None),
])
def test_no_hold_or_a_lifted_one_is_not_read(vocabulary, note, later):
    assert _hold(vocabulary, _account(note, later=later)) is None


@pytest.mark.parametrize("note, first", [
    ("Orders on hold: they are over their credit limit by 40k.", "core.holds.clear-the-credit-hold"),
    ("集团下了通知,一季度冻结一切新增采购。", "core.holds.learn-the-freeze"),
    ("財務那邊停止發貨了,要先清欠款。", "core.holds.clear-the-credit-hold"),
])
def test_the_hold_ranks_first_and_the_deal_waits(advisor, note, first):
    # the rep's own next step, an internal filing for the showroom deal, depends on the hold
    actions = advisor.advise(_account(note, step="Apply for a special price for the showroom refit"), as_of=AS_OF).actions
    assert actions[0].rule == first and actions[0].level == "precondition"
    waiting = [a for a in actions if a.serves == "pursue_opportunity"]
    assert "core.promises.internal-step" in {a.rule for a in waiting}
    assert waiting and all("waits until" in a.what["en"] and "须等" in a.what["zh"] for a in waiting)
