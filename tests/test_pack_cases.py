"""Every pack's own test cases (rules/<pack>/tests/*.yaml), one pytest item per case."""
from __future__ import annotations

import pytest

from advisor.toolkit.casetest import load_cases, run_case
from advisor.language.pack import find_packs

from .conftest import RULES

CASES = [case for folder in find_packs(RULES).values() for case in load_cases(folder)]


def test_every_pack_has_cases():
    packs = find_packs(RULES)
    without = [name for name, folder in packs.items() if not load_cases(folder)]
    assert without == []


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_pack_case(advisor, case):
    result = run_case(advisor, case)
    assert result.status == "PASS", "\n".join(result.problems) + "\n" + result.trace
