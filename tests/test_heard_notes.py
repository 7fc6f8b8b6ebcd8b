"""The customer's words written only in a visit's note (advisor/reading/heard.py, session 14): a complaint voiced there
becomes the objection the rep did not file — the customer's words only, dated by the visit, never twice, answered when
the record says so. Phrasings written for these tests (en, zh, zh-Hant), not taken from the dev sets."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account
from advisor.reading import heard

AS_OF = dt.date(2027, 3, 1)
VISIT = "2027-02-20"
CONTACTS = [{"name": "Dana Ortiz", "met": True, "roles": ["purchaser"]},
            {"name": "王工", "met": True, "roles": ["user"]},
            {"name": "陳課長", "met": True, "roles": ["purchaser"]}]


@pytest.fixture(scope="module")
def packset(advisor):
    return advisor.packset(None)


def account(note: str, contact: str, **more) -> Account:
    data = {"name": "Acme Plant", "owner": "Sam Lee", "contacts": CONTACTS,
            "visits": [{"date": VISIT, "contact": contact, "note": note}] + more.pop("later", [])}
    return Account.model_validate({**data, **more})


def filed(packset, note: str, contact: str = "Dana Ortiz", **more):
    return heard.from_notes(account(note, contact, **more), AS_OF, packset.fact_options()["vocabulary"],
                            packset.recogniser)


FIRES = [
    # en: reported, quoted, a speaker's line, a pronoun frame
    ("Dana said the last two pallets arrived damaged and nobody from your side called her back.", "Dana Ortiz"),
    ('Dana: "Your technician never showed up on Tuesday, the line stood still for half a day."', "Dana Ortiz"),
    ("Quarterly review. Dana complained that the spare parts came three weeks late again.", "Dana Ortiz"),
    ("Call with Dana. She mentioned the courier lost one carton of our filters and nobody has answered her e-mail.",
     "Dana Ortiz"),
    # zh
    ("王工说上批货有三箱破损，到现在也没人来处理。", "王工"),
    ("王工：“你们的师傅来了三次都没修好，车间很有意见。”", "王工"),
    ("回访。王工反映送货老是延误，上周又晚了两天。", "王工"),
    # zh-Hant
    ("陳課長說上批貨有兩箱破損，到現在都沒人來處理。", "陳課長"),
    ("陳課長：「你們的技術員來了三次都沒修好，產線停了半天。」", "陳課長"),
    ("回訪。陳課長反映交貨又延誤了，上週晚了三天。", "陳課長"),
]


@pytest.mark.parametrize("note,contact", FIRES)
def test_a_complaint_voiced_in_a_visit_note_is_filed(packset, note, contact):
    acc, read = filed(packset, note, contact)
    assert len(read) == 1, read
    got, h = read[0]
    assert "service" in got.kinds
    assert h.contact == contact and h.date.isoformat() == VISIT and not h.answered
    new = acc.objections[-1]
    assert new.text == h.text and new.date == h.date and new.contact == contact and new.text in note


SILENT = [
    # our own side's words, not the customer's
    ("I told Dana that the pallets arrived damaged because of the carrier, and we will credit it.", "Dana Ortiz"),
    ('Sam Lee: "the pallets arrived damaged, I will sort a credit note"', "Dana Ortiz"),
    ("我跟王工说上批货破损是物流的问题，下周补发。", "王工"),
    # praise, or nothing that went wrong
    ("Dana said the new batch works fine, no complaints from the line.", "Dana Ortiz"),
    ("陳課長說新批次都很好，沒有再壞。", "陳課長"),
    # someone else's failure: the old supplier's, the customer's own
    ("Dana said their old supplier's pallets always arrived damaged, which is why they came to us.", "Dana Ortiz"),
    ("王工说我们自己仓库发错了货，不怪你们。", "王工"),
    # another kind of remark: the context of the note, not a complaint
    ("Dana said your price is 8% above the other quote.", "Dana Ortiz"),
    ("王工说今年预算要等老板回来才定。", "王工"),
    ("陳課長說下半年要再開一條產線。", "陳課長"),
    # hearsay, a word with 说 in it, a saying to come or denied: no words were said to us
    ("听说王工那边对送货老是延误很有意见。", "王工"),
    ("据说上批货有三箱破损，到现在也没人来处理。", "王工"),
    ("聽說陳課長那邊交貨又延誤了，上週晚了三天。", "陳課長"),
    ("产品说明：上批货有三箱破损的，已按规定处理。", "王工"),
    ("王工倒是没说上批货破损的事，只问了价格。", "王工"),
    ("Dana never said the pallets arrived damaged; she only asked about the price.", "Dana Ortiz"),
]


@pytest.mark.parametrize("note,contact", SILENT)
def test_other_words_in_a_visit_note_are_not_filed(packset, note, contact):
    acc, read = filed(packset, note, contact)
    assert read == [] and acc.objections == []


ANSWERED = [
    ("Dana said the last two pallets arrived damaged; we replaced them the next day.", "Dana Ortiz", {}),
    ("陳課長說上批貨有兩箱破損，已補發，處理好了。", "陳課長", {}),
    ("王工说上批货有三箱破损，到现在也没人来处理。", "王工",
     {"later": [{"date": "2027-02-25", "contact": "王工", "note": "补发的货到了，破损问题已解决。"}]}),
    ("Dana complained that the spare parts came three weeks late again.", "Dana Ortiz",
     {"later": [{"date": "2027-02-26", "contact": "Dana Ortiz", "outcome": "positive", "note": "good call"}]}),
    ("回訪。陳課長反映交貨又延誤了，上週晚了三天。", "陳課長",
     {"visits": [{"date": VISIT, "contact": "陳課長", "note": "回訪。陳課長反映交貨又延誤了，上週晚了三天。",
                  "next_step": "週五前把補貨排程和延誤原因書面回覆陳課長"}]}),
]


@pytest.mark.parametrize("note,contact,more", ANSWERED)
def test_a_complaint_the_record_shows_answered_is_filed_answered(packset, note, contact, more):
    _, read = filed(packset, note, contact, **more)
    assert len(read) == 1 and read[0][1].answered


def test_never_twice_when_also_filed(packset):
    note = "王工说上批货有三箱破损，到现在也没人来处理。"
    same_day = [{"contact": "王工", "date": VISIT, "text": "货又破损了"}]
    assert filed(packset, note, "王工", objections=same_day)[1] == []
    listed = [{"what": "上批货三箱破损", "date": "2027-02-19", "contact": "王工"}]
    assert filed(packset, note, "王工", complaints=listed)[1] == []


def test_an_old_visit_tells_how_things_were(packset):
    old = [{"date": "2026-10-01", "contact": "Dana Ortiz",
            "note": "Dana said the last two pallets arrived damaged and nobody from your side called her back."}]
    acc = Account.model_validate({"name": "Acme Plant", "contacts": CONTACTS, "visits": old})
    assert heard.from_notes(acc, AS_OF, packset.fact_options()["vocabulary"], packset.recogniser)[1] == []
    assert heard.from_notes(acc, dt.date(2026, 10, 20), packset.fact_options()["vocabulary"], packset.recogniser)[1]


DEMANDS = [
    ("Dana said she wants the whole county exclusive before she signs the pre-book.", "Dana Ortiz"),
    ("王工说全县得给他们独家代理，不然明年不进货。", "王工"),
    ("陳課長：「全縣要給我們獨家，不然不簽。」", "陳課長"),
]


@pytest.mark.parametrize("note,contact", DEMANDS)
def test_a_dealers_demand_for_exclusivity_in_a_visit_note_is_filed(packset, note, contact):
    acc, read = filed(packset, note, contact, customer_type="dealer")
    assert len(read) == 1 and read[0][1].contact == contact
    # at an end customer the same words speak of its supplier, not a territory it sells in (exclusivity.py)
    assert filed(packset, note, contact, customer_type="end_customer")[1] == []


def test_the_heard_complaint_is_answered_first_with_where_it_was_read(advisor):
    acc = account("回访。王工反映送货老是延误，上周又晚了两天，车间停了一个班。", "王工")
    advice = advisor.advise(acc, as_of=AS_OF)
    objection = next(f for f in advice.facts if f["kind"] == "objection")
    assert objection["heard_in"] == VISIT and objection["complaint"] and objection["contact"] == "王工"
    first = advice.actions[0]
    assert first.rule == "core.objection.service-complaint" and first.contact == "王工"
    from advisor.output.explain import objection_lines
    assert any(VISIT in line and "读自" in line for line in objection_lines(advice, "zh"))
    # the same words filed by the rep: one objection, no heard_in
    filed_acc = account("回访。王工反映送货老是延误，上周又晚了两天，车间停了一个班。", "王工",
                        objections=[{"contact": "王工", "date": VISIT, "text": "送货老是延误，上周又晚了两天"}])
    facts = advisor.advise(filed_acc, as_of=AS_OF).facts
    objections = [f for f in facts if f["kind"] == "objection"]
    assert len(objections) == 1 and "heard_in" not in objections[0]


def test_the_heard_demand_gets_the_territory_answer(advisor):
    acc = account("Dana said she wants the whole county exclusive before she signs the pre-book.", "Dana Ortiz",
                  customer_type="dealer")
    advice = advisor.advise(acc, as_of=AS_OF)
    objection = next(f for f in advice.facts if f["kind"] == "objection")
    assert objection["exclusivity_in_words"] and objection["heard_in"] == VISIT
    assert advice.actions[0].rule == "core.objection.exclusivity-territory"
