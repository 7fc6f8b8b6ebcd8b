"""The customer doing what it always does is no opening (issue 22, session 11).

"Container 3 planned for mid-July, as always" or "第一批照旧4月下单" is the account's standing rhythm — the business we
already have — not a new window to pursue; nor is an order released under an agreement in force (a call-off). The
openings reading sets such a sentence aside (its reason in the trace) for the customer's own plan, an expansion or a
new project; a tender or a renewal that recurs is still a window to win. Sentences in wording of our own."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account
from advisor.accounts.facts import enrich

AS_OF = dt.date(2026, 12, 4)


@pytest.fixture(scope="module")
def options(advisor):
    packset, _ = advisor.load(["core"])
    return packset.fact_options()


def _read(options, notes: str) -> tuple[list[dict], list[str]]:
    account = Account.model_validate({
        "name": "Kestrel Farm Supplies", "stage": "maintain", "owner": "Sam Reid",
        "sales": {"last_12m": 500000, "prior_12m": 480000, "last_order": "2026-11-20"},
        "contacts": [{"name": "Ann Lee", "title": "Owner", "roles": ["decider"], "is_boss": True, "met": True}],
        "notes": notes})
    facts = enrich(account, AS_OF, **options)
    acc = next(f for f in facts if f["kind"] == "account")
    return [f for f in facts if f["kind"] == "opening"], acc.get("opening_set_aside") or []


@pytest.mark.parametrize("notes", [
    # each read as the customer's opening without the guard
    "Ann plans the spring restock for mid-February, as always after their stock count.",
    "They will order the next container in January, same as every year.",
    "Ann says the second call-off for the spring planting is expected by 20 January.",
    "Their second call-off for the spring range is due by 15 January under the annual contract.",
    "客户准备明年1月进一批春季的货,照旧。",
    "他们计划明年3月订一批新货,照例先比价。",
    "他們準備明年2月採購一批春季貨,跟往年一樣。",
])
def test_the_customers_usual_order_is_no_opening(options, notes):
    got, aside = _read(options, notes)
    assert not [f for f in got if f["type"] in ("event", "expansion", "new_project")], got
    assert any("the account's usual rhythm" in line for line in aside), aside


@pytest.mark.parametrize("notes, kind", [
    ("Ann plans a new warehouse in Feltham, opening 15 January.", "expansion"),
    ("The canteen contract goes to tender every year; bids are due 18 December.", "tender"),
    ("客户计划1月10日前新建一个仓库。", "expansion"),
])
def test_a_new_window_or_a_recurring_tender_is_still_read(options, notes, kind):
    got, _ = _read(options, notes)
    assert kind in [f["type"] for f in got], got
