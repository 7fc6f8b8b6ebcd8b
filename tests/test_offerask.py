"""A request for our price, quote or proposal, however worded (advisor/accounts/offerask.py, the packs' vocabularies
offer_ask, offer_thing, offer_handed, offer_undone)."""
import pytest

from advisor.accounts.offerask import finder, mark
from advisor.language.pack import load_packs
from .conftest import RULES


@pytest.fixture(scope="module")
def find():
    return finder(load_packs(["core"], RULES).fact_options()["vocabulary"])


@pytest.mark.parametrize("text", [
    "Honestly just send me your proposal and a per-head price for a sales training",
    "can you email over your rates",
    "I want a proposal by Friday",
    "give me your best price",
    "给我发个报价",
    "先把方案和价格给我,我们比较一下三家再说。",
    "请把报价单发过来",
    # session 6: the words buyers of other trades use for our offer — a rebate sheet, a unit price, 返点
    "Just email me your rebate sheet, cents per gallon, and I'll compare it to Comdata.",
    "Send over your numbers per seat and we'll see.",
    "你把返点政策发我看看就行,不用专门跑一趟。",
    "先報個單價給我,我再同老闆講。",
    # session 11: a measure word and any qualifier before 价 — the figure asked for by its shape
    "你先报个人均价嘛,我们好比一比。",
    "直接出个底价,别绕弯子。",
    "給個團購價,我們二十幾個人。",
    "老闆說先報一下全包價再談。",
])
def test_a_request_is_read(find, text):
    assert find(text) is not None


@pytest.mark.parametrize("text", [
    "Your price is too high",
    "We need the price to come down 10%",   # a price objection, not a request
    "The last delivery was late again",
    "Your service team never called back after the quote",
    "报价太高了",
    "价格再低一点",
    "你们的膜好是好,就是每亩贵了一两百",
    # session 6: the order and the tense say it is no request — the price was given, or is what they complain of
    "The price you gave us last month is what the board saw",
    "你们的报价发过来了,比别家贵",
    "给的价格太高",
    "I don't need a proposal, I need someone who answers the phone",
])
def test_no_request_is_read(find, text):
    assert find(text) is None


def test_only_a_customer_that_never_bought_makes_it_a_prospects_request(find):
    bought, prospect = {}, {}
    mark(bought, "send me a quote for the seals", True, find)
    mark(prospect, "send me a quote for the seals", False, find)
    assert (bought["asks_for_offer"], bought["prospect_asks_for_offer"]) == (True, False)
    assert (prospect["asks_for_offer"], prospect["prospect_asks_for_offer"]) == (True, True)


# session 10 (issue 23): a bare figure asked for is a price in any trade — an asking word before "a number", "a
# figure", "个数", "個價" — unless the figure counts something ("a number of", "the number of", "figure out", "这个数量")
@pytest.mark.parametrize("text", [
    "Could you get us a rough number for the 200 seats before the board meets?",
    "Just give me a figure and I'll decide whether it's worth a meeting.",
    "Email a ballpark over and we can take it from there",
    "你先给个数,我们内部再商量。",
    "别讲那么多,直接报个数就行。",
    "你先出個價給我,我再同老闆傾。",
])
def test_a_bare_figure_asked_for_is_a_request(find, text):
    assert find(text) is not None


@pytest.mark.parametrize("text", [
    "Send me a number of references from the food industry",
    "We need to figure out who signs this",
    "Can you give me the number of your service engineer?",
    "给我这个数量的货要多久?",
    "把上個月的數據給我看看",
])
def test_a_figure_that_counts_something_is_no_request(find, text):
    assert find(text) is None
