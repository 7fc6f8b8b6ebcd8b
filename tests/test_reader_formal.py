"""Issue 24 (session 8) — objections written after the fact and in formal language: a record's field label is a
frame, a letter's courtesy 贵 is no price, formal Chinese adds with 且, a negated evaluation is no complaint, and the
model meets an English word in its inflected forms as the same word. Every case is worded here, none is copied from
a labelled set."""
from __future__ import annotations

import pytest

from advisor.language.pack import load_packs
from advisor.reading import model as reader_model
from advisor.reading.reader import signals

from .conftest import RULES


@pytest.fixture(scope="module")
def reader():
    return load_packs(["core"], RULES).recogniser


# ---- a record's field label ("Loss reason:", 输单原因：) frames the objection like a channel label does ----
@pytest.mark.parametrize("text,left", [
    ("Loss reason (primary): they never found the money for it.", "they never found the money for it."),
    ("Closed-lost. Reason: the owner wants to wait for the new site.", "the owner wants to wait for the new site."),
    ("Closed lost - delivery slots too far out", "delivery slots too far out"),
    ("NPS verbatim: support never picks up the phone", "support never picks up the phone"),
    ("Client in exit interview: we had no one to run it", "we had no one to run it"),
    ("输单原因：对方报价比我们低两成", "对方报价比我们低两成"),
    ("丢单复盘：客户那边一直没人拍板", "客户那边一直没人拍板"),
    ("結案原因：客戶決定繼續用舊系統", "客户决定继续用旧系统"),
    ("客户问卷意见：售后响应太慢", "售后响应太慢"),
])
def test_a_records_field_label_comes_off(reader, text, left):
    assert reader.normalise(text) == left


@pytest.mark.parametrize("text", [
    "Lost patience with your support team.",  # 'lost' is the complaint's own verb, no label
    "Closed on Mondays, so deliveries must come on Tuesday.",
    "Loss of signal in the basement sites is the problem.",
    "价格：太高了",  # a label naming no record or channel is the subject
])
def test_words_that_only_look_like_a_record_label_stay(reader, text):
    assert reader.normalise(text) == reader.matcher.normalise(text)


# ---- 贵司 / 贵公司 / 贵方: the courtesy of a letter, not "expensive" ----
@pytest.mark.parametrize("text", [
    "贵司上个月的货晚到了十天",
    "貴公司的方案已轉呈總部，由總部定奪",
    "贵单位的资质我们还要再核实一下",
    "请贵方先提供三家同类医院的使用证明",
])
def test_the_courtesy_gui_is_no_price(reader, text):
    norm = reader.normalise(text)
    assert "贵" not in norm and "你" in norm
    assert "price" not in reader.recognise(text).kinds


@pytest.mark.parametrize("text", ["你们比别家贵太多了", "这个太贵公司批不下来", "价格很贵方案再改改"])
def test_expensive_stays_expensive_before_the_same_characters(reader, text):
    assert "贵" in reader.normalise(text)
    assert "price" in reader.recognise(text).kinds


# ---- 且 adds an objection in formal Chinese, as 而且 does; 暂且 / 姑且 do not ----
@pytest.mark.parametrize("text,adds", [
    ("价格偏高，且付款周期太短", True),
    ("你司交付延误，且需总部审批", True),
    ("產品未獲認證，且報價偏高", True),
    ("The price is high, and besides the warranty is short.", True),
    ("Too expensive, and on top of that the lead time is long.", True),
    ("The boss has to sign it off as well.", True),
    ("暂且放一放吧", False),
    ("姑且先这样吧", False),
    ("It is just too expensive.", False),
])
def test_an_adding_word_marks_a_second_objection(reader, text, adds):
    norm = reader.normalise(text)
    assert signals(reader.matcher.recognise(norm), reader.matcher.together, norm)["adds"] is adds


# ---- a negation inside a degree cue's gap negates the complaint: "not that high" is no price objection ----
@pytest.mark.parametrize("text", [
    "报价没有比较贵，就是现在用不上",
    "价格其实不算高，主要是老板不同意",
    "你们的价格不算太离谱，可我们今年没这笔钱",
    "The price is not that high, our problem is the lead time.",
    "The price isn't really high, we just can't use it.",
    "Honestly the price was never high; nobody here would run it.",
])
def test_a_negated_evaluation_clears_the_price_cue(reader, text):
    cued = reader.cues(text)
    assert "price" not in cued.kinds
    assert any(e.kind == "price" for e in cued.cleared)
    assert "price" not in reader.recognise(text).kinds


@pytest.mark.parametrize("text,kind", [
    ("老板还没点头", "authority"),  # a negation before the cue's verb is the objection itself
    ("上面一直不批", "authority"),
    ("价格比别家高", "price"),
    ("报价太高了", "price"),
    ("The price is way too high.", "price"),
    ("My director will not sign off on it.", "authority"),
])
def test_a_negation_that_is_the_objection_stays(reader, text, kind):
    assert kind in reader.cues(text).kinds


# ---- the model's word n-grams meet a word's inflections as one word ----
@pytest.mark.parametrize("a,b,shared", [
    ("prices went up again", "the price goes up", "s:pric"),
    ("delayed deliveries", "delivery delays", "s:deliver"),
    ("they are still evaluating", "we evaluated it", "s:evaluat"),
    ("the quotes came in high", "your quoted rate", "s:quot"),
])
def test_inflected_english_words_share_their_stem(a, b, shared):
    assert shared in reader_model.features(a) and shared in reader_model.features(b)


def test_short_words_and_chinese_have_no_stem():
    assert not [g for g in reader_model.features("too bad, not now") if g.startswith("s:")]
    assert not [g for g in reader_model.features("价格太高了，老板不同意") if g.startswith("s:")]
