"""The vocabulary patterns are built once per process, not once per account (session 8: about 100 vocabularies
are read per account; an LRU cache of 64 evicted in a cycle and rebuilt every pattern for every account, a fifth
of the full pipeline's time — benchmarks/results.md, "Session 8 — performance")."""
from __future__ import annotations

import datetime as dt

from advisor import Advisor, load_account
from advisor.accounts import wordlists

from .conftest import ROOT


def test_a_second_account_builds_no_pattern_again():
    advisor = Advisor()
    as_of = dt.date(2026, 11, 23)
    accounts = [load_account(ROOT / "fixtures" / "accounts" / name)
                for name in ("jingfeng-dealer.yaml", "bank-mainframe.yaml")]
    for account in accounts:  # every vocabulary either pack set reads, built once
        advisor.advise(account, as_of=as_of)
    built = wordlists._pattern.cache_info().misses
    for account in accounts:
        advisor.advise(account, as_of=as_of)
    assert wordlists._pattern.cache_info().misses == built
