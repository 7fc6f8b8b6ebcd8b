"""One sentence splitter for the account's readings (wordlists.SENTENCE): the decline cause, the people never met
and the openings cut sentences alike — a full stop inside a figure or a version number does not end one, a line
broken after a comma goes on."""
from __future__ import annotations

import pytest

from advisor import Advisor
from advisor.accounts import declinecause, unmetpeople, wordlists


@pytest.fixture(scope="module")
def vocabulary():
    return Advisor().packset(packs=["core"]).fact_options()["vocabulary"]


@pytest.mark.parametrize("text, pieces", [
    ("Volumes fell 3.5% because they moved to their own DC. Next call Monday.", 2),
    ("销量下降,\n因为他们改由自己的仓库发货。下周再约。", 2),
    ("Orders are down\nWe quoted v2.1 of the spec today", 2),
])
def test_a_figure_or_a_version_or_a_comma_before_a_line_break_does_not_end_a_sentence(text, pieces):
    assert len([s for s in wordlists.SENTENCE.split(text) if s.strip()]) == pieces


def test_a_cause_after_a_decimal_figure_is_quoted_whole(vocabulary):
    got = declinecause.stated("Throughput fell 3.5% since they are moving volume to their own new DC in Midrand.",
                              declinecause.Words(vocabulary))
    assert got == ("own_facility", "Throughput fell 3.5% since they are moving volume to their own new DC in Midrand")


def test_a_cause_on_the_line_after_a_comma_is_read(vocabulary):
    got = declinecause.stated("订货量下滑了三成,\n因为他们搬到了新厂区自己配送", declinecause.Words(vocabulary))
    assert got is not None and "搬到" in got[1]
