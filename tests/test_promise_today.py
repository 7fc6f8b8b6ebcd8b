"""A promise due today at a time of day, and a promise the buyer is still waiting for (session 9, second round).

"今天中午前", "下班前", "by noon", "tonight" set the deadline on the day the record was written; "1/7(四)前" is a
month-first date in Chinese text; a later contact whose note says the thing has not arrived keeps the step open.
"""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.accounts.promises import due_from_text
from advisor.accounts.stillowed import still_owed

MADE = dt.date(2026, 3, 10)  # a Tuesday


@pytest.mark.parametrize("text", [
    # en
    "send the signed price list by noon", "revised drawings tonight", "confirm the truck slot by 4pm",
    "call back before close of business", "EOD: the spare-parts quote", "the credit note later today",
    # zh
    "今天中午前把报价发给采购", "下班前回复交期", "今晚把合同草稿发过去", "今日内确认样品数量", "下午三点前回电",
    # zh-Hant
    "今天中午前把報價傳給她", "本日下班前回覆", "今晚把菜單傳過去", "當天內回覆場地", "中午之前寄出估價單",
])
def test_a_deadline_today_is_due_the_day_it_was_written(text):
    assert due_from_text(text, MADE) == MADE


@pytest.mark.parametrize("text,due", [
    ("明早把样品送到仓库", dt.date(2026, 3, 11)),
    ("明天中午前回覆報價", dt.date(2026, 3, 11)),
    ("3/12(四)前回覆菜單", dt.date(2026, 3, 12)),
    ("3/12（週四）之前交報價", dt.date(2026, 3, 12)),
    ("2026/3/20前交付图纸", dt.date(2026, 3, 20)),
])
def test_tomorrow_and_month_first_dates(text, due):
    assert due_from_text(text, MADE) == due


@pytest.mark.parametrize("text", [
    "discussed today's volumes, will send the proposal",   # "today" with no limit is no deadline
    "met this morning at the plant",
    "会上讨论了今天的议题", "今天拜訪了廠長",
    "quote 3/4 of the volume",                          # no month-first reading in English text
])
def test_today_without_a_limit_sets_no_date(text):
    assert due_from_text(text, MADE) is None


@pytest.mark.parametrize("note", [
    "Buyer on the phone: we still haven't received the quote.", "Still waiting for the samples, she says.",
    "He has not yet received the drawings.",
    "林小姐LINE：昨天說好的報價，還沒收到耶", "客户说样品一直没收到", "对方还在等报价单", "採購說尚未收到估價單",
])
def test_a_note_of_the_thing_not_arrived_is_read(note):
    assert still_owed(note)


@pytest.mark.parametrize("note", [
    "Quote received and discussed; they will decide Friday.", "Went through the drawings together.",
    "报价已收到，下周开会决定", "樣品收到了，很滿意", None,
])
def test_a_note_of_the_thing_arrived_or_silent_is_not(note):
    assert still_owed(note) is None


def _promises(visits, as_of):
    data = {"name": "A", "contacts": [{"name": "林"}], "visits": visits}
    facts = enrich(Account.model_validate(data), as_of, promise_days=10)
    return [f for f in facts if f["kind"] == "promise"]


@pytest.mark.parametrize("chase", ["還沒收到報價耶，我們下午開會", "we still haven't received the menu"])
def test_a_later_contact_chasing_the_step_keeps_it_open_and_overdue(chase):
    got = _promises([{"date": "2026-03-05", "contact": "林", "next_step": "3/7(六)前回覆菜單和報價"},
                     {"date": "2026-03-09", "contact": "林", "note": chase}], dt.date(2026, 3, 9))
    assert [(f["status"], f["days_overdue"]) for f in got] == [("open", 2)]


def test_a_later_visit_without_a_chase_still_follows_the_step_up():
    got = _promises([{"date": "2026-03-05", "contact": "林", "next_step": "3/7(六)前回覆菜單和報價"},
                     {"date": "2026-03-09", "contact": "林", "note": "菜單討論完，下週簽約"}], dt.date(2026, 3, 9))
    assert [f["status"] for f in got] == ["kept"]
