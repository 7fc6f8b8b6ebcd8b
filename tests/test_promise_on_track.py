"""A promise of ours the record shows on track before its date (advisor/accounts/ontrack.py, session 16): a shared
plan's row for it marked on time, a note that it shipped. It stays listed, but ranks as work in flight — not first —
until its date is due; a plan that says nothing of it, says it is late, or says it will ship leaves it as it was."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account

AS_OF = dt.date(2026, 11, 23)


def _account(what: str, notes: str, due: str = "2026-11-27") -> Account:
    return Account.model_validate({
        "name": "Harbor Goods", "stage": "maintain", "customer_type": "distributor",
        "contacts": [{"name": "Mia", "roles": ["purchaser"], "met": True},
                     {"name": "Ray", "title": "Category head", "roles": ["decider"], "met": False}],
        "visits": [{"date": "2026-11-16", "contact": "Mia", "outcome": "positive", "note": "Range review went well."}],
        "opportunities": [{"name": "Spring range listing", "amount": 80000, "stage": "propose", "quoted": True}],
        "promises": [{"what": what, "by": "rep", "to": "Mia", "made": "2026-11-16", "due": due, "status": "open"}],
        "notes": notes})


def _promise(advisor, account: Account, as_of=AS_OF) -> dict:
    return next(f for f in advisor.advise(account, as_of).facts if f["kind"] == "promise")


ON_TRACK = [
    ("Winter gift boxes delivered to the DC by 27 Nov",
     "Joint plan (shared with Mia):\n 20 Nov | display layout | both | done\n 27 Nov | winter gift boxes at the DC | us | "
     "on schedule (left the plant 21 Nov)\n"),
    ("Send the revised planogram files by 27 Nov", "Planogram files: on track, Ana finishing the last bay."),
    ("Pallet labels reprinted for the whole lot", "The reprinted pallet labels shipped Friday with the truck."),
    ("冬季礼盒11月27日到仓", "联合计划表(与Mia共用):\n 11/20 | 陈列图 | 双方 | 完成\n 11/27 | 冬季礼盒到仓 | 我方 | 准时（已出厂）\n"),
    ("提供新版陈列图文件", "陈列图文件进度正常，周三给到。"),
    ("補寄試用樣品給門市", "試用樣品已發貨,週四到門市。"),
]
NOT_ON_TRACK = [
    ("Winter gift boxes delivered to the DC by 27 Nov",
     "Joint plan:\n 27 Nov | winter gift boxes at the DC | us | late — plant delayed\n"),
    ("Send the revised planogram files by 27 Nov", "The planogram files are not on track yet."),
    ("Pallet labels reprinted for the whole lot", "The pallet labels will be shipped next week."),
    ("冬季礼盒11月27日到仓", "联合计划表:\n 11/27 | 冬季礼盒到仓 | 我方 | 延误\n"),
    ("提供新版陈列图文件", "促销海报按计划上线。"),               # on track, but another thing
    ("補寄試用樣品給門市", "試用樣品將發貨。"),                   # still to come
]


@pytest.mark.parametrize("what, notes", ON_TRACK)
def test_a_promise_the_record_shows_on_track_is_read_so(advisor, what, notes):
    assert _promise(advisor, _account(what, notes))["on_track"] is True


@pytest.mark.parametrize("what, notes", NOT_ON_TRACK)
def test_late_unrelated_or_still_to_come_is_not_on_track(advisor, what, notes):
    assert _promise(advisor, _account(what, notes))["on_track"] is False


@pytest.mark.parametrize("what, notes", [ON_TRACK[0], ON_TRACK[3]])
def test_a_promise_on_track_ranks_as_work_in_flight_until_its_date_is_due(advisor, what, notes):
    # four days ahead: on track, it is not the first thing to do — but it stays on the list
    actions = advisor.advise(_account(what, notes), AS_OF).actions
    keep = [i for i, a in enumerate(actions) if a.rule.startswith("core.promises.")]
    assert keep and keep[0] > 0 and actions[keep[0]].level == "promise_ahead"
    # the same promise with no word of its progress leads
    assert advisor.advise(_account(what, "Joint plan with Mia."), AS_OF).actions[0].rule.startswith("core.promises.")
    # … and on its date it is due again, on track or not
    due = advisor.advise(_account(what, notes, due="2026-11-24"), AS_OF).actions
    assert due[0].rule.startswith("core.promises.") and due[0].level == "due_promise"
