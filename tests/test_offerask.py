"""A request for our price, quote or proposal, however worded (advisor/accounts/offerask.py)."""
import pytest

from advisor.accounts.offerask import asks_for_offer, mark


@pytest.mark.parametrize("text", [
    "Honestly just send me your proposal and a per-head price for a sales training",
    "can you email over your rates",
    "I want a proposal by Friday",
    "give me your best price",
    "给我发个报价",
    "先把方案和价格给我,我们比较一下三家再说。",
    "请把报价单发过来",
])
def test_a_request_is_read(text):
    assert asks_for_offer(text)


@pytest.mark.parametrize("text", [
    "Your price is too high",
    "We need the price to come down 10%",   # a price objection, not a request
    "The last delivery was late again",
    "Your service team never called back after the quote",
    "报价太高了",
    "价格再低一点",
    "你们的膜好是好,就是每亩贵了一两百",
])
def test_no_request_is_read(text):
    assert not asks_for_offer(text)


def test_only_a_customer_that_never_bought_makes_it_a_prospects_request():
    bought, prospect = {}, {}
    mark(bought, "send me a quote for the seals", True)
    mark(prospect, "send me a quote for the seals", False)
    assert (bought["asks_for_offer"], bought["prospect_asks_for_offer"]) == (True, False)
    assert (prospect["asks_for_offer"], prospect["prospect_asks_for_offer"]) == (True, True)
