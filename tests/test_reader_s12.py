"""The objection reader on who speaks and whose words they are (issue 24, session 12): a message relayed for someone
else (the relay is a frame, the message carries the kind), a time or a delivery word beside a listed competitor's tie
(the tie's end or its praise, unless the buyer asks us back then), a price figure between a comparison and the
competitor it is measured against. Every phrasing here is our own (en, zh, zh-Hant), none copied from a corpus or a
dev set."""
from __future__ import annotations

import pytest

from advisor.reading.frames import unframe


@pytest.fixture(scope="module")
def reader(advisor):
    return advisor.packset(packs=["core"]).recogniser


def framed(reader, text):
    return unframe(reader.matcher.normalise(text))


# ---- a relayed message: the relay is who passes it on, the message is the objection ----
@pytest.mark.parametrize("text, message", [
    ("Calling on behalf of Mrs Lindqvist, she is at a trade fair. Your quote is well above what we pay now.",
     "your quote is well above what we pay now."),
    ("I'm covering for Tomasz while he's on paternity leave. We have no money left for this until spring.",
     "we have no money left for this until spring."),
    ("It's Jo at the front desk - the kitchen already has a dishwasher it is happy with.",
     "the kitchen already has a dishwasher it is happy with."),
    ("Our auditor, Priya, asked me to pass on her view: your uptime figures look made up.",
     "your uptime figures look made up."),
    ("Your lead time is three weeks longer than we can live with, so I am passing that on.",
     "your lead time is three weeks longer than we can live with"),
    ("替我们厂长回一下：你们的报价比别家高了一截。", "你们的报价比别家高了一截。"),
    ("经理让我跟你说：今年没有这笔预算。", "今年没有这笔预算。"),
    ("我是总监的助理，替他转达一下：你们的设备没有我们要的接口。", "你们的设备没有我们要的接口。"),
    ("替我們總經理回覆一下：你們的保固條款太短了。", "你们的保固条款太短了。"),
    ("董事長說，謝謝你們，他再想想。", "谢谢你们，他再想想。"),
])
def test_a_relay_is_a_frame(reader, text, message):
    assert framed(reader, text) == message


@pytest.mark.parametrize("text", [
    "I'm only covering for her, I can't sign anything.",  # the refusal to decide is in the relay's own clause
    "I'm just filling in for the manager, so it's not my call.",
    "这个我做不了主，得等我们老板回来定。",
    "我只是幫忙接電話的，這事要問老闆。",
    "On behalf of the board I have to say no to anything above the budget we set.",  # no relay label: a decision
])
def test_a_clause_that_refuses_to_decide_is_no_relay(reader, text):
    out = framed(reader, text)
    assert reader.cues(text).kinds != ["unclassified"], out
    assert "authority" in reader.cues(text).kinds or "budget" in reader.cues(text).kinds


@pytest.mark.parametrize("text, kinds", [
    ("I'm covering for Raj while he's away. Your price is far too expensive for us.", ["price"]),
    ("Calling on behalf of Mr Obi, he's travelling. We don't have the budget this year.", ["budget"]),
    ("替我们老板回一下：你们报价太贵了。", ["price"]),
    ("經理讓我跟你說：你們的價格太貴了。", ["price"]),
])
def test_the_relayed_message_carries_the_kind(reader, text, kinds):
    assert reader.recognise(text).kinds == kinds


# ---- beside a listed competitor's tie: its end date and its praise are the tie's own ----
@pytest.mark.parametrize("text, competitor", [
    ("All our sites run on Polarix chillers, contract until next spring, so no change.", "Polarix"),
    ("We're tied to Nordhavn, the agreement runs till 2028.", "Nordhavn"),
    ("We buy from Keller Foods. They have never missed a delivery in six years.", "Keller Foods"),
    ("我们跟华瑞签了两年合同，明年年底才到期。", "华瑞"),
    ("我們跟長興的合約到後年六月，現在動不了。", "長興"),
])
def test_a_time_or_a_delivery_beside_the_tie_is_the_ties_own(reader, text, competitor):
    assert reader.recognise(text, [competitor]).kinds == ["incumbent"]


@pytest.mark.parametrize("text, competitor", [
    ("Our deal with Polarix ends in March. Come back after the summer and we'll talk.", "Polarix"),
    ("We are with Polarix until 2027; come back next year.", "Polarix"),
    ("我们跟华瑞的合同到年底，年底前你再来找我。", "华瑞"),
    ("我們跟長興的合約明年三月到期，三月你再來找我們。", "長興"),
])
def test_a_time_the_buyer_asks_us_back_at_stands_beside_the_tie(reader, text, competitor):
    assert reader.recognise(text, [competitor]).kinds == ["incumbent", "timing"]


# ---- a figure between the comparison and the competitor: still a yardstick, not a tie ----
@pytest.mark.parametrize("text, competitor", [
    ("At 3.40 a unit against 2.95 from Brightpak, we'd be giving margin away.", "Brightpak"),
    ("You're at 1.15 per litre compared with 0.98 at Aquavia. Too much.", "Aquavia"),
    ("Your bid is 12.5 per cent above 40.2k from Stellan, and that decides it.", "Stellan"),
])
def test_a_figure_in_a_comparison_keeps_the_competitor_a_yardstick(reader, text, competitor):
    got = reader.recognise(text, [competitor])
    assert "incumbent" not in got.kinds and "price" in got.kinds



# ---- a kind granted before the contrast that turns from it is conceded: the point is after the contrast ----
def granted(reader, text):
    from advisor.reading.reader import signals
    norm = reader.normalise(text)
    sig = signals(reader.matcher.recognise(norm), reader.matcher.together, norm, reader.roles)
    return {k for k in sig["cleared"] if k not in sig["strong"]}


@pytest.mark.parametrize("text, kind", [
    ("Sure, your price is lower than the others. But the pump has no remote monitoring.", "price"),
    ("Admittedly the budget is there, however the board won't meet before June.", "budget"),
    ("Yes, we have the budget for it, it's just that the machine is too big for our floor.", "budget"),
    ("你们价格便宜没错，但是售后网点太少了。", "price"),
    ("预算确实批下来了，可是老板还没点头。", "budget"),
    ("你們價錢比較便宜沒錯，不過交期太長。", "price"),
])
def test_a_kind_granted_before_a_contrast_is_conceded(reader, text, kind):
    assert kind in granted(reader, text)


@pytest.mark.parametrize("text, kind", [
    ("Your price is too high, but the quality is good.", "price"),  # raised, then something granted after it
    ("It is expensive, but we might still look at it next year.", "price"),  # no grant word: raised
    ("Sure, but there's no budget for it this year.", "budget"),  # the kind is after the contrast
    ("价格太贵了，不过质量还行。", "price"),
    ("确实没有预算，但是明年可以再谈。", "budget"),  # granted that there is none: the objection itself
    ("價錢太高，可是東西不錯。", "price"),
])
def test_a_kind_raised_is_not_conceded(reader, text, kind):
    assert kind not in granted(reader, text)
