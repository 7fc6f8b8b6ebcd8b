"""Issue 24 (session 10) — the buyer's own paperwork: margin notes on a document, approval-workflow verdicts, notes
addressed to a colleague, a bargain's promise, the seller's claim under doubt, and a competitor named only as a
yardstick or as the one the business leaves. What frames the objection comes off; what carries it stays. Every case is
worded here (en, zh, zh-Hant), none is copied from a labelled set."""
from __future__ import annotations

import pytest

from advisor.language.pack import load_packs

from .conftest import RULES


@pytest.fixture(scope="module")
def reader():
    return load_packs(["core"], RULES).recogniser


# ---- where a comment sits in a document is a frame: the place, then a label's mark ----
@pytest.mark.parametrize("text,left", [
    ("Section 9 (Warranty): twelve months is shorter than anyone else offers.",
     "twelve months is shorter than anyone else offers."),
    ("p.14 — the dashboard only exports PDF, our auditors want CSV.", "the dashboard only exports pdf, our auditors want csv."),
    ("Row 31, col H: freight added on top of the unit rate again.", "freight added on top of the unit rate again."),
    ("第3页：报表只能导出PDF，审计要的是Excel。", "报表只能导出pdf，审计要的是excel。"),
    ("合同第12条：违约金按合同总额两成算，太狠了。", "违约金按合同总额两成算，太狠了。"),
    ("第8頁左下角：保固只有半年？", "保固只有半年？"),
])
def test_a_place_in_the_document_comes_off(reader, text, left):
    assert reader.normalise(text) == left


@pytest.mark.parametrize("text", [
    "Clause 7 is unacceptable as drafted.",  # the clause is the subject: no label mark after it
    "Page two of the proposal says nothing about training.",
    "第七条我们不能接受",
])
def test_a_place_that_is_the_subject_stays(reader, text):
    norm = reader.matcher.normalise(text)
    assert reader.normalise(text) == norm


# ---- an approval verdict says no; its reason says why ----
@pytest.mark.parametrize("text,left", [
    ("Declined: the plant already logs this by hand and nobody has asked for more.",
     "the plant already logs this by hand and nobody has asked for more."),
    ("Returned — no cost centre has money for this until April.", "no cost centre has money for this until april."),
    ("On hold: legal has not cleared their indemnity wording.", "legal has not cleared their indemnity wording."),
    ("驳回：同类设备去年刚采购过，重复购置。", "同类设备去年刚采购过，重复购置。"),
    ("不予核准：供應商成立未滿一年，風險過高。", "供应商成立未满一年，风险过高。"),
    ("暂缓：等新厂房验收后再提。", "等新厂房验收后再提。"),
])
def test_a_verdict_comes_off(reader, text, left):
    assert reader.normalise(text) == left


def test_a_verdict_alone_is_kept(reader):
    assert reader.normalise("Declined.") == "declined."


# ---- who a note is addressed to is a frame, like a greeting ----
@pytest.mark.parametrize("text,left", [
    ("To the night-shift leads: their scanner needs wifi on the dock and we have none there.",
     "their scanner needs wifi on the dock and we have none there."),
    ("All — I cannot see us using half of what they showed.", "i can not see us using half of what they showed."),
    ("陈总，这家的系统不支持我们的老ERP。", "这家的系统不支持我们的老erp。"),
    ("各位同事：这个供应商我们以前没合作过，心里没底。", "这个供应商我们以前没合作过，心里没底。"),
    ("採購部：這家的報價比行情高一截。", "这家的报价比行情高一截。"),
])
def test_the_addressee_comes_off(reader, text, left):
    assert reader.normalise(text) == left


# ---- the seller's claim is what the buyer weighs: a seller or a document of theirs is no reporting frame ----
@pytest.mark.parametrize("text", [
    "The vendor claims the sensors run five years on one battery. I'd want to see that on a real site.",
    "Their brochure says zero downtime in ten years, which nobody believes.",
    "The datasheet states IP68, yet the sample leaked in our rinse test.",
])
def test_the_sellers_claim_stays(reader, text):
    assert reader.normalise(text) == reader.matcher.normalise(text)


def test_a_person_reporting_is_still_a_frame(reader):
    assert reader.normalise("Our plant manager said the budget is gone.") == "the budget is gone."


# ---- a bargain: the condition carries the kind, the promise to buy after it does not ----
@pytest.mark.parametrize("text,left", [
    ("Knock the install charge in half and we'll sign this week.", "knock the install charge in half"),
    ("If you can ship in ten days rather than six weeks, we would order the lot.",
     "if you can ship in ten days rather than six weeks"),
    ("Cut the minimum to fifty boxes and you've got yourself a customer.", "cut the minimum to fifty boxes"),
    ("付款期改成六十天，我们马上签。", "付款期改成六十天"),
    ("单价降到九块以内，我这边就下单。", "单价降到九块以内"),
    ("保固給到五年，我們就簽約。", "保固给到五年"),
])
def test_a_bargains_promise_comes_off(reader, text, left):
    assert reader.normalise(text) == left


# a promise said first, its condition after it: the promise goes, the condition stays whole (session 11 — "we'd order
# today if the roaster came with a fifteen-kilo drum" is the drum, not an order)
@pytest.mark.parametrize("text,kept", [
    ("We'll sign once the board has met.", "once the board has met."),
    ("I would gladly place the order if your dryer ran on 380 volts.", "if your dryer ran on 380 volts."),
    ("We'd switch tomorrow if you could deliver to Chengdu in a week.", "if you could deliver to chengdu in a week."),
])
def test_a_promise_before_its_condition_goes(reader, text, kept):
    assert reader.normalise(text) == kept


@pytest.mark.parametrize("text", [
    "Leave it with me and I'll think about it.",  # no promise to buy: the put-off itself
    "The kit is fine; I would buy it tomorrow if the capex line had anything left.",  # the condition follows the promise
    "他们就买了两台试试，后来再没动静。",  # a past purchase by them, no promise of ours
    "太贵了，我们就不考虑了。",
])
def test_what_is_no_bargains_promise_stays(reader, text):
    norm = reader.matcher.normalise(text)
    kept = reader.normalise(text)
    assert kept.startswith(norm[:12]) and (len(kept) >= len(norm) - 2 or "capex" in kept)


# ---- a competitor named as a yardstick, or as the one the business leaves, is no tie ----
@pytest.mark.parametrize("text,names", [
    ("Your per-tonne rate is well above Norvane's for the same grade.", ["Norvane"]),
    ("Compared with Norvane you're 9% dearer on every pallet.", ["Norvane"]),
    ("跟我们现在用的诺威比，你们每吨贵了快两百。", ["诺威"]),
    ("比諾威貴了一成半，品質也沒比較好。", ["諾威"]),
    ("If you can hold the rate through 2027 we would move our volume away from Norvane.", ["Norvane"]),
    ("我们打算从诺威换过来，前提是交期能稳定在两周。", ["诺威"]),
    ("We're switching from Norvane the day your lead times hold at two weeks.", ["Norvane"]),
])
def test_a_competitor_as_yardstick_or_left_is_no_tie(reader, text, names):
    got = reader.recognise(text, names)
    # the account's step reads no tie (whatever the model reads of the words itself)
    assert got.competitor == names[0] and not got.switching


@pytest.mark.parametrize("text,names", [
    ("We're tied to Norvane on a framework until 2027.", ["Norvane"]),
    ("我们跟诺威签了三年独家，动不了。", ["诺威"]),
    ("Norvane has been supplying us since 2016 and we are happy.", ["Norvane"]),
])
def test_a_tie_to_the_competitor_still_reads_incumbent(reader, text, names):
    got = reader.recognise(text, names)
    assert got.switching and "incumbent" in got.kinds


# ---- beside a tie, a second objection about the newcomer, written of in the third person, stays ----
# (a buyer writing to their own people calls the seller "this new outfit", 这家, 新厂家 — not "you")
@pytest.mark.parametrize("text,names", [
    ("我们跟凯隆合作八年了，这家连一个同行案例都拿不出来。", ["凯隆"]),
    ("凯隆给我们供货十年了，新厂家成立不到两年，谁知道明年还在不在。", ["凯隆"]),
    ("我們跟凱隆簽到明年，這家新廠商在台灣一個客戶都沒有。", ["凱隆"]),
])
def test_a_doubt_in_the_newcomer_beside_the_tie_stays(reader, text, names):
    got = reader.recognise(text, names)
    assert got.switching and sorted(got.kinds) == ["incumbent", "trust"]
