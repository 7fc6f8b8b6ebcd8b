"""At a bank, kyc_required is the bank's own duty to know its client (rules/banking-counter/pack.yaml disables
core.compliance.file-supplier-registration); at any other seller it is the customer's rule for its suppliers."""
from __future__ import annotations

import datetime as dt

from advisor.accounts.account import Account

AS_OF = dt.date(2026, 12, 10)
DATA = {"name": "Umhlanga Fresh Produce", "stage": "maintain", "sales": {"last_12m": 640000, "prior_12m": 590000},
        "policies": [{"name": "kyc_required", "since": "2026-11-01"}],
        "contacts": [{"name": "Priya Naidoo", "title": "Financial Director", "roles": ["decider", "purchaser"],
                      "met": True}]}


def _rules(advisor, packs):
    return {a.rule for a in advisor.advise(Account.model_validate(DATA), as_of=AS_OF, packs=packs).actions}


def test_the_bank_files_no_supplier_registration_with_its_own_client(advisor):
    assert "core.compliance.file-supplier-registration" not in _rules(advisor, ["core", "banking-counter"])


def test_any_other_seller_files_the_customers_new_registration(advisor):
    assert "core.compliance.file-supplier-registration" in _rules(advisor, ["core"])
