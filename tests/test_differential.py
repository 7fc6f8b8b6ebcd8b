"""The Python trace evaluator and durable-rules must agree on what fires (ENGINE-NOTES 10).

advise() takes its actions from the engine; explain shows the Python trace. If the
two ever disagree, the trace would explain a decision the engine did not make.
"""
from __future__ import annotations

import random

import pytest

from advisor import load_account
from advisor.language.pack import find_packs

from .accountgen import random_account
from .conftest import AS_OF, FIXTURES, RULES

ACCOUNT_FILES = sorted((FIXTURES / "accounts").glob("*.yaml"))


def fired_sets(advisor, account, packs):
    advice = advisor.advise(account, as_of=AS_OF, packs=packs, trace=True)
    assert advice.errors == []
    return set(advice.fired), set(advice.evaluation.fired), advice


@pytest.mark.parametrize("path", ACCOUNT_FILES, ids=[p.stem for p in ACCOUNT_FILES])
def test_engine_and_trace_agree_on_every_fixture(advisor, path):
    account = load_account(path)
    for packs in (None, ["core"]):
        engine, python, advice = fired_sets(advisor, account, packs)
        assert engine == python
        assert engine, "every fixture should make some rule fire"
        # derived facts agree too
        assert sorted(f["id"] for f in advice.derived) == sorted(f["id"] for f in advice.evaluation.derived)


def test_engine_and_trace_agree_on_random_accounts(advisor):
    rng = random.Random(20261123)
    packs = sorted(find_packs(RULES))
    for i in range(150):
        chosen = ["core"] if i % 3 == 0 else [packs[i % len(packs)]]
        # an account may only set checklist flags the loaded packs declare (no silent typo)
        account = random_account(rng, AS_OF, i, sorted(advisor.packset(packs=chosen).flags))
        engine, python, _ = fired_sets(advisor, account, chosen)
        assert engine == python, f"account {i} with packs {chosen}"
