"""A dealer describing someone else's exclusivity is no demand of its own (advisor/accounts/exclusivity.py
``_described``; session 15): "Sportmax is the only dealer in town carrying Yonex" tells who holds a territory now; the
demand names the dealer itself ("make us the only stockist", "全市只能我们一家做") — and a sentence of each in one note
still reads the demand."""
from __future__ import annotations

import pytest

from advisor.accounts import exclusivity


@pytest.fixture(scope="module")
def reads(advisor):
    packset, _ = advisor.load(["core"])
    return exclusivity.reader(packset.fact_options()["vocabulary"], dealer=True)


@pytest.mark.parametrize("text", [
    "Pedal House is the only dealer in town carrying Brompton, and they sell out every spring.",
    "Their cousin's shop is the sole distributor for Shimano in the valley.",
    "The big chain across the road has been the exclusive stockist of that brand since 2022.",
    "老周那家是本市唯一的代理,卖得不错。",
    "对面那家店现在是全县独家经销。",
    "對面那間舖頭係全區唯一代理,一直是獨家。",
])
def test_someone_elses_exclusivity_is_no_demand(reads, text):
    assert not reads(text)


@pytest.mark.parametrize("text", [
    "Make us the only dealer in town for the e-bikes, or we stay with Brompton.",
    "We want to be the sole distributor for the valley before we stock your range.",
    "Pedal House is the only dealer in town carrying Brompton. We want exclusivity for the e-bikes here.",
    "要我们做,全县就只能我们一家做独家经销。",
    "老周那家是本市唯一的代理。我们也要独家,不然不做。",
    "我哋要獨家代理,先至入貨。",
])
def test_the_dealers_own_demand_is_read(reads, text):
    assert reads(text)
