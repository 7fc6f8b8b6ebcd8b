"""A visit that records the customer's commitment already given (session 6, issue 22): visit.commitment_recorded, read
with the packs' vocabulary commitment_given, not after a negation."""
from __future__ import annotations

import pytest

from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.language.pack import load_packs

from .conftest import AS_OF, RULES


@pytest.fixture(scope="module")
def vocabulary():
    return load_packs(["core"], RULES).fact_options()["vocabulary"]


@pytest.mark.parametrize("note, next_step, given", [
    ("SKO confirmed (contract signed). The incentive trip is still open.", None, True),
    ("Walked the site.", "PO issued for the first 40 units; delivery in January", True),
    ("年会场地定了,已付定金", None, True),
    ("蘇老闆說合同已簽,下週出貨", None, True),
    ("He has not signed the contract yet — wants to see the SLA first", None, False),
    ("Legal never signed the agreement; the budget moved", None, False),
    ("She hasn't signed the contract, wants the SLA first", None, False),
    ("They didn’t confirm the booking yet", None, False),
    ("价格谈妥了,但还没签合同", None, False),
    ("客户尚未下单,说月底再定", None, False),
    ("Good meeting, he liked the demo", "send the quote by Friday", False),
])
def test_a_visit_records_a_commitment_given_not_a_negated_one(vocabulary, note, next_step, given):
    account = Account.model_validate({"name": "Acme", "contacts": [{"name": "Li", "met": True}],
                                      "visits": [{"date": "2026-11-20", "contact": "Li", "note": note,
                                                  "next_step": next_step}]})
    [visit] = [f for f in enrich(account, AS_OF, vocabulary=vocabulary) if f["kind"] == "visit"]
    assert visit["commitment_recorded"] is given


def test_without_the_vocabulary_nothing_is_read():
    account = Account.model_validate({"name": "Acme", "visits": [{"date": "2026-11-20", "note": "contract signed"}]})
    [visit] = [f for f in enrich(account, AS_OF) if f["kind"] == "visit"]
    assert visit["commitment_recorded"] is False
