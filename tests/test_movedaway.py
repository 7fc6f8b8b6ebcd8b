"""A customer whose sales to us fall and who names a rival as the supplier they buy from has moved the business there,
whatever words say it (advisor/accounts/movedaway.py; issue 22, session 8: the paraphrase tests found the move read
only when written "moved to / switched / 转给"). Wording of our own, en and zh."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account

AS_OF = dt.date(2026, 12, 1)
MOVED = "core.switching.moved-to-named-competitor"


def _account(text: str, rival: str, periods: list[int] | None, lang: str) -> Account:
    zh = lang == "zh"
    data = {
        "name": "鸿达五金" if zh else "Brightline Tools", "stage": "maintain", "customer_type": "end_customer",
        "buying_pattern": "repeat",
        "contacts": [{"name": "周经理" if zh else "Dana Price", "title": "采购经理" if zh else "Purchasing Manager",
                      "roles": ["purchaser", "decider"], "met": True}],
        "competitors": [{"name": rival}],
        "objections": [{"contact": "周经理" if zh else "Dana Price", "text": text, "date": "2026-11-20"}],
    }
    if periods is not None:
        data["sales"] = {"periods": [{"period": f"2026-Q{i + 1}", "amount": a} for i, a in enumerate(periods)],
                         "last_order": "2026-11-10"}
    return Account.model_validate(data)


CASES = [
    ("These days the coated inserts come from Sandvik, their rep is in the plant every week.", "Sandvik", "en"),
    ("Honestly we've been buying the abrasives off 3M since the summer.", "3M", "en"),
    ("Our second line now runs on Bosch drills, purchasing signed with them in August.", "Bosch", "en"),
    ("刀片这块现在都是从山特维克拿货了,人家每周都来厂里。", "山特维克", "zh"),
    ("说实话,磨具我们夏天开始就在用3M的了。", "3M", "zh"),
    ("二线的电钻现在都采购博世的,八月份跟他们签的。", "博世", "zh"),
]


def _fires(advisor, text, rival, periods, lang) -> bool:
    advice = advisor.advise(_account(text, rival, periods, lang), as_of=AS_OF)
    reading = next(f for f in advice.facts if f.get("kind") == "objection")
    moved = any(a.rule == MOVED for a in advice.actions)
    return moved, reading


@pytest.mark.parametrize("text, rival, lang", CASES)
def test_a_falling_customer_naming_a_rival_as_supplier_has_moved_to_it(advisor, text, rival, lang):
    moved, reading = _fires(advisor, text, rival, [900000, 950000, 880000, 420000], lang)
    if "incumbent" not in reading["kinds"] or not reading.get("competitor"):
        pytest.skip(f"the reader gives {reading['kinds']} / {reading.get('competitor')}: not this module's reading")
    assert reading["moved_by_record"] and moved


@pytest.mark.parametrize("text, rival, lang", CASES)
def test_a_steady_customer_or_a_prospect_naming_its_supplier_has_not_moved(advisor, text, rival, lang):
    for periods in ([900000, 950000, 880000, 930000], None):  # steady sales; no sales at all (a prospect)
        moved, reading = _fires(advisor, text, rival, periods, lang)
        assert not reading["moved_by_record"]
        if not (reading["switching"] and reading["kinds"]):  # the words alone may still say it; the record does not
            assert not moved
