"""Our side's asides and internal meetings (advisor/accounts/actors.py ``aside``, ``_REVIEW_LINE``; session 15): a rep
or a sales manager writes into the record in blocks of their own — "[Sam 18 Jan: … Proposal: accept a 6% cut.]",
"【陈伟备注 1/18:…想年前再给马老板压一批货】", "--- 销售经理批注 ---", "Forecast review (6 Jan): …". What such a block proposes
is our plan (a price cut, a stock push), never the customer's opening, window or forecast cut; what it reports the
customer doing (a person named acting) is still the customer's."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts import actors
from advisor.accounts.account import Account
from advisor.accounts.facts import enrich

AS_OF = dt.date(2027, 1, 20)


@pytest.fixture(scope="module")
def options(advisor):
    packset, _ = advisor.load(["core"])
    return packset.fact_options()


def _account(notes: str, owner: str = "Sam Reid") -> Account:
    return Account.model_validate({
        "name": "Test Account", "stage": "maintain", "owner": owner,
        "sales": {"last_12m": 500000, "prior_12m": 480000, "last_order": "2027-01-10"},
        "contacts": [{"name": "Ann Lee", "title": "Owner", "roles": ["decider"], "is_boss": True, "met": True},
                     {"name": "李总", "roles": ["decider"], "met": True}],
        "notes": notes})


def _cast(owner: str) -> actors.Cast:
    return actors.cast(_account("", owner))


# --- where an aside of ours is open ----------------------------------------------------------------------------------

@pytest.mark.parametrize("owner, before", [
    ("Sam Reid", "Call went fine.\n[Sam 18 Jan: Ann never called back. "),
    ("Pham Quoc Bao", "[Bao, 18 Jan: Hung has not answered. "),          # a given name written last
    ("Sam Reid", "[Rep note 3 Feb: the order slipped again. "),
    ("陈伟", "客户很忙。\n【陈伟备注 1/18:Q1任务还差四成。"),
    ("欧阳明华", "【明华 2027-01-18:老板没空。"),                             # the given name our notes use
    ("陳偉", "【業務備註:年前沒補貨。"),
    ("Sam Reid", "=== Loss review - Sam Reid 12 Jan ===\n1 Why lost? price.\n"),
    ("陈伟", "--- 销售经理批注(何经理) ---\n* 同意。\n"),
    ("陳偉", "### 內部復盤 ###\n一、丟單原因。\n"),
])
def test_an_aside_of_ours_is_open(owner, before):
    assert actors.aside(before, _cast(owner)), before


@pytest.mark.parametrize("owner, before", [
    ("Sam Reid", "[Sam 18 Jan: Ann never called back.] She then wrote: "),   # the bracket closed
    ("Sam Reid", "[41:30] Ann: "),                                            # a transcript's time stamp
    ("Sam Reid", "[Ann Lee, 18 Jan: we need the new line by March. "),         # the customer's own bracketed words
    ("陈伟", "【李总 1/18:年后要扩建。"),
    ("陳偉", "【客戶來信】"),
    ("Sam Reid", "=== Ann's e-mail of 12 Jan ===\nWe plan a second hall.\n"),  # a heading the customer owns
    ("陈伟", "--- 销售经理批注 ---\n* 同意。\n\n客户来电:"),                     # a blank line ended our block
    ("Sam Reid", "Quiet month. "),
])
def test_no_aside_of_ours_is_open(owner, before):
    assert actors.aside(before, _cast(owner)) is None, before


# --- what an aside of ours proposes is ours; what it reports of the customer is theirs --------------------------------

@pytest.mark.parametrize("owner, notes", [
    ("Sam Reid", "Good visit.\n[Sam 18 Jan: Ann is busy with audits. Proposal: push 2,000 units of the new line "
                 "into their store before the Feb expansion launch on 10 Feb.]"),
    ("Sam Reid", "[Rep note 18 Jan: quarter short by 30%. Offer them the new hall fit-out at 8% off before 5 Feb.]"),
    ("陈伟", "年前备货到位。\n【陈伟备注 1/18:Q1任务还差40%。想年前再给李总压一批新品2000个,2月5日前扩建开业前发过去。】"),
    ("陈伟", "--- 销售经理批注(何经理) ---\n* 同意,扩建的新仓库2月5日前报价直接降15%。"),
    ("陳偉", "【陳偉備註 1/18:季度目標還差四成。新倉庫擴建2月5日前先給他們報個九折。】"),
])
def test_our_asides_plan_is_no_opening_of_the_customers(options, owner, notes):
    facts = enrich(_account(notes, owner), AS_OF, **options)
    openings = [f for f in facts if f["kind"] == "opening"]
    assert not openings, openings


@pytest.mark.parametrize("owner, notes, kind", [
    ("Sam Reid", "[Sam 18 Jan: Ann told me they open the second warehouse on 10 Feb and pick suppliers before then.]",
     "expansion"),
    ("陈伟", "【陈伟备注 1/18:李总说新仓库2月10日前要定设备供应商。】", "expansion"),
    ("陳偉", "【陳偉備註 1/18:老闆說新倉庫2月10日前要定設備供應商。】", "expansion"),
])
def test_the_customers_deed_reported_in_our_aside_is_still_theirs(options, owner, notes, kind):
    facts = enrich(_account(notes, owner), AS_OF, **options)
    assert kind in [f["type"] for f in facts if f["kind"] == "opening"], facts


# --- our internal review's forecast is ours, not the customer's cut -------------------------------------------------

@pytest.mark.parametrize("owner, notes", [
    ("Sam Reid", "Forecast review (6 Jan): Sam: \"no order for three months, Q4 only 20k, I cut the forecast and "
                 "flagged churn risk.\""),
    ("Sam Reid", "Pipeline review notes: we cut the number for Test Account by 40% for next year."),
    ("陈伟", "预测会点评(2027-01-06):陈伟:\"三个多月没下单了,我把明年的预测砍了一半,标了流失风险。\""),
    ("陳偉", "預測會點評(2027-01-06):陳偉:\"三個多月沒下單了,我把明年的預測砍了一半。\""),
])
def test_our_forecast_review_is_not_the_customer_cutting(options, owner, notes):
    facts = enrich(_account(notes, owner), AS_OF, **options)
    cuts = [f for f in facts if f["kind"] == "situation" and f["type"] == "forecast_cut" and f["actor"] != "us"]
    assert not cuts, cuts


@pytest.mark.parametrize("notes", [
    "Ann told me they cut their 2027 forecast by 30% because the export market fell.",
    "李总说明年的采购预测要砍掉三成,出口单少了。",
    "李總說明年的採購預測要砍掉三成,出口單少了。",
])
def test_the_customers_own_forecast_cut_is_still_read(options, notes):
    facts = enrich(_account(notes), AS_OF, **options)
    assert [f for f in facts if f["kind"] == "situation" and f["type"] == "forecast_cut" and f["actor"] == "customer"]


# --- session 16: our colleague's note and our plan's field, however the line names them --------------------------------

@pytest.mark.parametrize("owner, notes", [
    ("Sam Reid", "Good visit.\nSam's note underneath: \"Send Ann the quote now with 10% summer discount so we bank it "
                 "before the new manager changes suppliers.\""),
    ("Sam Reid", "Next step field reads: \"push 2,000 units of the new line into their store before the expansion "
                 "launch on 10 Feb.\""),
    ("陈伟", "下一步写着:\"新仓库扩建2月5日前先免费送样品,报价降10%。\""),
    ("陳偉", "建議欄填的是:新倉庫擴建2月5日前先給他們報個九折。"),
])
def test_our_colleagues_note_and_our_next_step_field_are_no_opening_of_the_customers(options, owner, notes):
    facts = enrich(_account(notes, owner), AS_OF, **options)
    openings = [f for f in facts if f["kind"] == "opening"]
    assert not openings, openings


@pytest.mark.parametrize("owner, sentence, word, ours", [
    # "we" quoted under our rep's own possessive line ("Sam's note underneath:") is our side's, not the customer's
    ("Sam Reid", "Sam's note underneath: \"Send Ann the quote now with 10% off so we bank it before the new manager "
                 "changes suppliers.\"", "before", True),
    ("Sam Reid", "Sam's comment: \"Give Ann 8% now so we lock it in before the new buyer switches suppliers.\"",
     "before", True),
    ("Sam Reid", "Rep's remark below: \"Send Ann 5% off so we bank the order before the new owner moves.\"", "before",
     True),
    ("陈伟", "陈伟的备注:\"马上给李总报价再降10%,我们赶在新来的经理换供应商之前把单子拿下。\"", "之前", True),
    ("陳偉", "陳偉的留言:「馬上給李總報價再降一成,我們趕在新經理換供應商之前把單拿下。」", "之前", True),
    ("陈伟", "销售的意见:\"先报个低价,我们在新厂长上任换供应商前签下来。\"", "前签", True),
    # … the customer's own note, quoted, stays theirs
    ("Sam Reid", "Ann's note to us: \"we open the second warehouse on 10 Feb and pick suppliers before then.\"",
     "before", False),
    ("陈伟", "李总的原话:\"我们新仓库2月10日前要定设备供应商。\"", "前要", False),
])
def test_we_quoted_under_our_colleagues_possessive_line_is_ours(owner, sentence, word, ours):
    who = actors.judge(_account("", owner)).actor(sentence, sentence.lower().find(word))
    assert (who.who == actors.US) is ours, who
