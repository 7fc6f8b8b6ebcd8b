"""A note that records a visit's next step done keeps it (advisor/accounts/stepdone.py, vocabulary step_done)."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts import stepdone
from advisor.accounts.account import Account
from advisor.accounts.promises import promise_facts
from advisor.language.pack import load_packs

from .conftest import RULES

DONE = stepdone.finder(load_packs(["core"], RULES).fact_options()["vocabulary"])


@pytest.mark.parametrize("step, note", [
    ("send pilot proposal for 20 x 120kW DC units", "proposal sent 24 Nov"),
    ("Email the revised rate card", "rate card emailed on the 3rd, no reply yet"),
    ("发报价单给王总", "报价单已于11月24日发出"),
    ("提供两套样品做跌落测试", "样品已寄,顺丰单号在群里"),
    ("寄樣辦俾陳生", "樣辦已寄出"),
])
def test_a_note_saying_the_step_was_done_keeps_it(step, note):
    assert DONE(step, note) is not None


@pytest.mark.parametrize("step, note", [
    ("send pilot proposal for 20 x 120kW DC units", "proposal not sent yet, waiting for pricing"),
    ("send pilot proposal for 20 x 120kW DC units", "the proposal will be sent on Friday"),
    ("send pilot proposal for 20 x 120kW DC units", "site walk, two chargers down"),
    ("发报价单给王总", "报价单还没发出,等工厂核价"),
    ("发报价单给王总", "报价单将于周五发出"),
    ("给客户发方案", "客户已完成验收"),            # names the customer, not the step's thing
    ("Send the layout drawing", "sent the invoice for the spares"),  # something else was sent
])
def test_a_note_that_does_not_say_so_leaves_it_open(step, note):
    assert DONE(step, note) is None


def test_the_kept_step_is_no_open_promise():
    data = {"name": "VoltLane", "contacts": [{"name": "Jason Lim", "met": True}, {"name": "Nurul Aina", "met": True}],
            "visits": [{"date": "2026-11-19", "contact": "Jason Lim", "next_step": "send pilot proposal for 20 DC units",
                        "note": "proposal sent 24 Nov"},
                       {"date": "2026-11-20", "contact": "Nurul Aina", "next_step": "Send the uptime report"}]}
    got = promise_facts(Account.model_validate(data), dt.date(2026, 12, 10), step_done=DONE)
    assert [(f["what"], f["status"]) for f in got] == [("send pilot proposal for 20 DC units", "kept"),
                                                        ("Send the uptime report", "open")]
    # without the reader the note is not read: both stay open (the old behaviour, a caller's choice)
    assert {f["status"] for f in promise_facts(Account.model_validate(data), dt.date(2026, 12, 10))} == {"open"}
