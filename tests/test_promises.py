"""Promises as facts (issue 22): due dates read from the words, relative to the day they were made."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.accounts.promises import customer_step, due_from_text

MADE = dt.date(2026, 11, 18)  # a Wednesday


@pytest.mark.parametrize("text,due", [
    ("Send the revised rate card by 13 Nov", dt.date(2027, 11, 13)),   # 13 Nov has passed on 18 Nov: next year
    ("quote by 25 Nov", dt.date(2026, 11, 25)),
    ("Nov 30th: the pilot report", dt.date(2026, 11, 30)),
    ("deliver on 2027-01-05", dt.date(2027, 1, 5)),
    ("11月25日前提供临床对比数据", dt.date(2026, 11, 25)),
    ("12月3号寄样品", dt.date(2026, 12, 3)),
    ("next Friday bring the contract", dt.date(2026, 11, 27)),
    ("call back this Friday", dt.date(2026, 11, 20)),
    ("本周五前报价", dt.date(2026, 11, 20)),
    ("下周一送方案", dt.date(2026, 11, 23)),
    ("月底前确认", dt.date(2026, 11, 30)),
    ("the forecast by end of month", dt.date(2026, 11, 30)),
    ("三天内回复", dt.date(2026, 11, 21)),
    ("下周五交方案", dt.date(2026, 11, 27)),            # 下周五 is always next week's Friday
    ("下周一之前送到", dt.date(2026, 11, 23)),
    ("本周内回复", dt.date(2026, 11, 20)),
    ("下周末前", dt.date(2026, 11, 27)),
    ("下个月底前交付", dt.date(2026, 12, 31)),          # not this month's end: "下个月底" holds "月底"
    ("by EOW", dt.date(2026, 11, 20)),
    ("EOM: the volume forecast", dt.date(2026, 11, 30)),
    ("by the end of the month", dt.date(2026, 11, 30)),
    ("end of next week", dt.date(2026, 11, 27)),
    ("this coming Friday", dt.date(2026, 11, 20)),
    ("by Friday", dt.date(2026, 11, 20)),
    ("by the 5th", dt.date(2026, 12, 5)),                # the 5th of this month has passed: next month's
    ("5号前回复", dt.date(2026, 12, 5)),
    ("季度末前完成验收", dt.date(2026, 12, 31)),
    ("by EOD", dt.date(2026, 11, 18)),
    ("the price we discussed today", None),              # "today" in a note sets no deadline
    ("within two weeks", dt.date(2026, 12, 2)),
    ("tomorrow", dt.date(2026, 11, 19)),
    ("送年度用量预测", None),
    ("Send the brochure", None),
    # several dates (session 4, a v4 miss): the one a deadline word marks, not an event the promise is about
    ("root-cause report on the 7 Nov feeder trip and the corrective actions, by 27 Nov", dt.date(2026, 11, 27)),
    ("12月1日会议的纪要,12月5日前发给王总", dt.date(2026, 12, 5)),
    ("the Dec 1 workshop deck, due Dec 8", dt.date(2026, 12, 8)),
    # … and a date already past when the promise was made names the event: the relative deadline stands
    ("met on 3 Nov; send the quote next Friday", dt.date(2026, 11, 27)),
    # a part of a named month, a day of this or next month, working days (session 4)
    ("12月底前交方案", dt.date(2026, 12, 31)),                # was this month's end: 月底 inside 12月底
    ("1月中旬前回复", dt.date(2027, 1, 15)),
    ("3月初交付", dt.date(2027, 3, 10)),
    ("by the end of December", dt.date(2026, 12, 31)),
    ("by mid-December", dt.date(2026, 12, 15)),
    ("early January: the pilot plan", dt.date(2027, 1, 10)),
    ("本月20号前回复", dt.date(2026, 11, 20)),
    ("下月5号前付款", dt.date(2026, 12, 5)),
    ("下月中旬给答复", dt.date(2026, 12, 15)),
    ("before Christmas", dt.date(2026, 12, 24)),
    ("within 10 working days", dt.date(2026, 12, 2)),         # said on a Wednesday: two weeks of weekdays
    ("5个工作日内", dt.date(2026, 11, 25)),
])
def test_due_date_from_the_words(text, due):
    assert due_from_text(text, MADE) == due


@pytest.mark.parametrize("said_on,due", [
    (dt.date(2026, 11, 16), dt.date(2026, 11, 27)),  # Monday: Friday of next week, not of this one
    (dt.date(2026, 11, 19), dt.date(2026, 11, 27)),  # Thursday: the next calendar week's Friday
    (dt.date(2026, 11, 21), dt.date(2026, 11, 27)),  # Saturday: both readings agree
    (dt.date(2026, 11, 20), dt.date(2026, 11, 27)),  # said on a Friday: a week later
])
def test_next_friday_is_the_friday_of_next_week_whatever_day_it_is_said(said_on, due):
    """The reading parsedatetime takes ("next Friday" = Friday of next week); dateparser takes the coming
    Friday. The module's docstring says why this one: a promise is never given an earlier date than said."""
    assert due_from_text("next Friday", said_on) == due
    assert due_from_text("下周五", said_on) == due


def _promises(data, as_of):
    facts = enrich(Account.model_validate(data), as_of, promise_days=10)
    return [f for f in facts if f["kind"] == "promise"], next(f for f in facts if f["kind"] == "account")


def test_promise_facts_carry_due_overdue_and_the_assumption():
    data = {"name": "A", "contacts": [{"name": "王", "roles": ["decider"]}],
            "visits": [{"date": "2026-11-04", "contact": "王", "next_step": "Send the rate card by 13 Nov"}],
            "promises": [{"what": "Quote the kit", "to": "王", "made": "2026-11-01"},
                         {"what": "Plant visit", "made": "2026-09-01", "status": "kept"}]}
    got, account = _promises(data, dt.date(2027, 1, 12))
    quote, kept, visit = got
    assert (quote["due_assumed"], quote["due_in_days"], quote["days_overdue"]) == (True, -62, 62)
    assert "assumed 10 days after it was made" in quote["due_note_en"] and "按作出承诺后10天计" in quote["due_note_zh"]
    assert visit["origin"] == "visit" and visit["due_in_days"] == -60 and not visit["due_assumed"]
    assert visit["contact"] == "王" and visit["contact_roles"] == ["decider"]
    assert kept["status"] == "kept"
    assert (account["open_promise_count"], account["overdue_promise_count"]) == (2, 2)


def test_a_later_visit_to_the_same_contact_follows_the_step_up():
    data = {"name": "A", "contacts": [{"name": "王"}, {"name": "李"}],
            "visits": [{"date": "2026-11-04", "contact": "王", "next_step": "寄样品"},
                       {"date": "2026-11-10", "contact": "李"},
                       {"date": "2026-11-12", "contact": "王"}]}
    got, account = _promises(data, dt.date(2026, 11, 23))
    assert [f["status"] for f in got] == ["kept"] and account["open_promise_count"] == 0


def test_a_promise_by_13_nov_is_due_13_nov_and_listed_60_days_later(advisor):
    data = {"name": "Harbor", "stage": "propose", "contacts": [{"name": "Dana", "roles": ["decider"], "met": True}],
            "visits": [{"date": "2026-11-04", "contact": "Dana", "next_step": "Send the revised rate card by 13 Nov"}]}
    advice = advisor.advise(Account.model_validate(data), as_of=dt.date(2027, 1, 12), packs=["core"])
    first = advice.actions[0]
    # an overdue action is due today; its text keeps the date it was due and how late it is
    assert first.rule == "core.visits.follow-up-script" and first.by == dt.date(2027, 1, 12)
    assert first.due_offset == -60 and "60 days overdue (due 2026-11-13)" in first.what["en"]
    assert first.level == "due_promise"


def test_a_zh_promise_due_in_two_days_ranks_in_the_top_three(advisor):
    data = {"name": "市第一人民医院", "stage": "propose",
            "contacts": [{"name": "王主任", "roles": ["expert"], "met": True},
                         {"name": "刘院长", "roles": ["decider"], "met": False, "senior": True}],
            "complaints": [{"what": "上次维修响应慢", "date": "2026-11-01"}],
            "opportunities": [{"name": "CT招标", "amount": 16000000, "stage": "propose"}],
            "visits": [{"date": "2026-11-18", "contact": "王主任", "next_step": "11月25日前提供临床对比数据"}]}
    advice = advisor.advise(Account.model_validate(data), as_of=dt.date(2026, 11, 23))
    promise = next(a for a in advice.actions if a.rule == "core.visits.follow-up-script")
    assert promise.rank <= 3 and promise.by == dt.date(2026, 11, 25)


def test_a_promise_marked_done_stays_done_as_days_pass_and_a_new_one_shows(advisor, tmp_path):
    from advisor.feedback.store import Store
    path = tmp_path / "acct.yaml"
    path.write_text("name: Harbor\nstage: propose\ncontacts:\n  - {name: Dana, roles: [decider], met: true}\n"
                    "promises:\n  - {what: Send the rate card by 13 Nov, to: Dana, made: 2026-11-04}\n",
                    encoding="utf-8")
    from advisor import load_account
    store = Store(tmp_path / "fb.sqlite3")
    as_of = dt.date(2026, 11, 20)
    store.record(advisor.feedback_event("done", str(path), "core.promises.overdue", "Dana", as_of=as_of))
    for day in (as_of, as_of + dt.timedelta(days=30)):  # days passing alone bring nothing back
        advice = advisor.advise(load_account(path), as_of=day, store=store)
        assert not [a for a in advice.actions if a.rule == "core.promises.overdue"]
    path.write_text(path.read_text(encoding="utf-8") + "  - {what: Send the spare-parts quote, to: Dana, made: 2026-11-05}\n",
                    encoding="utf-8")
    # a new promise is a new fact: the rule speaks again for it — and the rate card, marked done (the only
    # promise then, so the event named that promise), stays done
    advice = advisor.advise(load_account(path), as_of=as_of, store=store)
    overdue = [a.what["en"] for a in advice.actions if a.rule == "core.promises.overdue"]
    assert len(overdue) == 1 and "spare-parts" in overdue[0]


TWO_PROMISES = ("name: Harbor\nstage: propose\ncontacts:\n  - {name: Dana, roles: [decider], met: true}\n"
                "promises:\n  - {what: Send the rate card by 13 Nov, to: Dana, made: 2026-11-04}\n"
                "  - {what: Send the spare-parts quote by 16 Nov, to: Dana, made: 2026-11-05}\n")


def test_done_on_one_promise_leaves_the_other_promise_to_the_same_contact(advisor, tmp_path):
    """Feedback is per promise (its stable key), not per rule and contact: two overdue promises to Dana,
    one marked done — the other stays listed, and the done one stays hidden as days pass."""
    from advisor import load_account
    from advisor.feedback.store import Store
    from advisor.files.errors import AdvisorError
    path = tmp_path / "acct.yaml"
    path.write_text(TWO_PROMISES, encoding="utf-8")
    store = Store(tmp_path / "fb.sqlite3")
    as_of = dt.date(2026, 11, 20)
    rule = "core.promises.overdue"
    keys = {a.promise_key: a.what["en"] for a in advisor.advise(load_account(path), as_of=as_of).actions if a.rule == rule}
    assert len(keys) == 2 and all(k.startswith("p") and len(k) == 8 for k in keys)
    rate_card = next(k for k, text in keys.items() if "rate card" in text)
    # naming only the contact is ambiguous: the error lists both promises and says how to pick one
    with pytest.raises(AdvisorError, match="keeps 2 promises to Dana") as err:
        advisor.feedback_event("done", str(path), rule, "Dana", as_of=as_of)
    assert "--promise" in str(err.value.fix) and rate_card in str(err.value)
    event = advisor.feedback_event("done", str(path), rule, "Dana", as_of=as_of, promise=rate_card)
    assert event.contact == f"promise:{rate_card}"
    store.record(event)
    for day in (as_of, as_of + dt.timedelta(days=20)):
        shown = [a.what["en"] for a in advisor.advise(load_account(path), as_of=day, store=store).actions
                 if a.rule == rule]
        assert len(shown) == 1 and "spare-parts" in shown[0]
    with pytest.raises(AdvisorError, match="keeps no promise 'p0000000'"):
        advisor.feedback_event("done", str(path), rule, None, as_of=as_of, promise="p0000000")


def test_a_promise_key_survives_a_new_date_and_a_reordered_list():
    data = {"name": "A", "contacts": [{"name": "Dana"}],
            "promises": [{"what": "Send the rate card", "to": "Dana", "made": "2026-11-04"},
                         {"what": "Send the quote", "to": "Dana", "made": "2026-11-05"}]}
    first, _ = _promises(data, dt.date(2026, 11, 20))
    data["promises"].reverse()
    later, _ = _promises(data, dt.date(2027, 1, 5))
    assert {f["what"]: f["key"] for f in first} == {f["what"]: f["key"] for f in later}
    assert len({f["key"] for f in first}) == 2


# session 3 (issue 22): whose promise it is — a customer's step is chased as theirs, never rewritten as the rep's own
@pytest.mark.parametrize("text,contact,customer", [
    ("PO for Westgate by 25 Nov", "Luis Herrera", True),            # a purchase order is only the customer's to send
    ("Luis to send the signed drawings", "Luis Herrera", True),     # the contact opens the step as its subject
    ("They confirm the pilot scope next week", None, True),
    ("客户月底前下单", "王总", True),
    ("下周三前发PO给我们", "王总", True),
    ("Post the samples to the lab", "Dana", False),                  # "po" inside a word is no purchase order
    ("王总确认试用方案", "王总", True),
    ("对方下周回复测试结果", None, True),
    ("Send the revised rate card by 13 Nov", "Dana", False),        # the rep's own deed
    ("11月25日前提供临床对比数据", "王主任", False),
    ("Bring Luis the installation plan", "Luis Herrera", False),    # names the contact, not as the doer
    ("Luisa's drawings to be checked by us", "Luis Herrera", False),  # another word, not the contact's name
])
def test_a_next_step_is_the_customers_when_its_words_make_the_customer_the_doer(text, contact, customer):
    assert customer_step(text, contact) is customer


def test_a_next_step_restating_a_listed_promise_is_one_promise_and_keeps_its_owner():
    data = {"name": "Redline", "contacts": [{"name": "Luis Herrera", "roles": ["purchaser"]}, {"name": "Ana"}],
            "promises": [{"what": "send the purchase order for Westgate by 25 Nov", "by": "customer",
                          "to": "Luis Herrera", "made": "2026-11-12"}],
            "visits": [{"date": "2026-11-12", "contact": "Luis Herrera", "next_step": "PO for Westgate by 25 Nov"},
                       {"date": "2026-11-14", "contact": "Ana", "next_step": "Send the spec sheet by 20 Nov"}]}
    got, account = _promises(data, dt.date(2026, 12, 1))
    assert [(f["origin"], f["by"]) for f in got] == [("promises", "customer"), ("visit", "rep")]
    assert account["open_promise_count"] == 2


def test_a_customers_overdue_step_is_chased_first_as_theirs(advisor):
    data = {"name": "Redline", "stage": "close", "contacts": [{"name": "Luis Herrera", "roles": ["purchaser", "decider"],
                                                               "met": True}],
            "visits": [{"date": "2026-11-12", "contact": "Luis Herrera", "next_step": "PO for Westgate by 25 Nov"}],
            "opportunities": [{"name": "Westgate panels", "amount": 412000, "stage": "close", "quoted": True}]}
    advice = advisor.advise(Account.model_validate(data), as_of=dt.date(2026, 12, 1), packs=["core"])
    first = advice.actions[0]
    assert first.rule == "core.promises.customer-commitment" and first.level == "due_promise"
    assert first.contact == "Luis Herrera" and "6 days overdue (due 2026-11-25)" in first.what["en"]
    assert "the customer's step, not yours" in first.what["en"] and "这是客户要走的一步" in first.what["zh"]
    # not rewritten as the rep's own: no "go back with what was agreed" for it
    assert "core.visits.follow-up-script" not in {k[0] for k in advice.fired}
    # not yet due, it is the customer's work: it waits with the opportunity it belongs to (session 11,
    # core.promises.customer-step-ahead), not with our blockers
    early = advisor.advise(Account.model_validate(data), as_of=dt.date(2026, 11, 14), packs=["core"])
    assert "core.promises.customer-commitment" not in {a.rule for a in early.actions}
    ahead = next(a for a in early.actions if a.rule == "core.promises.customer-step-ahead")
    assert ahead.level == "pursue_opportunity"

