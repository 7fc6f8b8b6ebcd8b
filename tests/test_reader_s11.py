"""The objection reader on structures met in replies to outreach, bargains, lists of reasons and regional Englishes
(issue 24, session 11): a time that is only when the money comes, a failure told of another supplier, every place a
listed competitor is named (its short name too), the praise beside the deciding reason, a promise before its
condition, a greeting in a Hong Kong letter, Scots spellings, a decider's arrival in the deciding clause. Every
phrasing here is our own (en, zh, zh-Hant), none copied from a corpus or a dev set."""
from __future__ import annotations

import pytest

from advisor.reading.reader import budget_date, signals, their_failure


@pytest.fixture(scope="module")
def reader(advisor):
    return advisor.packset(packs=["core"]).recogniser


def sig(reader, text):
    norm = reader.normalise(text)
    return signals(reader.matcher.recognise(norm), reader.matcher.together, norm, reader.roles)


# ---- a time that is only when the money comes is budget (docs/account-format.md: no allocation for it now) ----
@pytest.mark.parametrize("text", [
    "Keep the quote open until the new budget year starts in April.",
    "Nothing until the grant money comes through in the autumn.",
    "等明年预算下来再说吧。",
    "經費要等七月新年度才會撥下來。",
])
def test_a_time_that_names_the_money_is_budget(reader, text):
    assert sig(reader, text)["budget_date"], reader.cues(text).evidence
    assert budget_date(["timing"], sig(reader, text)) == ["budget"]


@pytest.mark.parametrize("text", [
    "The budget is there, it's just that nothing changes before the audit in May.",  # the money conceded: a time
    "Call me again after the trade fair in March.",
    "等展会结束以后再联系吧。",
    "預算沒問題，只是要等新廠房十月落成。",
])
def test_a_time_without_the_money_stays_a_time(reader, text):
    assert not sig(reader, text)["budget_date"]


def test_budget_date_keeps_the_other_kinds():
    assert budget_date(["timing", "authority"], {"budget_date": True}) == ["budget", "authority"]
    assert budget_date(["budget", "timing"], {"budget_date": True}) == ["budget"]
    assert budget_date(["timing"], {"budget_date": False}) == ["timing"]


# ---- a failure told of another supplier is why they doubt ours: trust, not a complaint about us ----
@pytest.mark.parametrize("text", [
    "Every vendor says 'no downtime'. The previous supplier said it too, and their parts arrived late every single month.",
    "The last two installers promised the same thing and both jobs were delayed by weeks.",
    "上一家也是这么保证的，结果用了两个月就坏了。",
    "之前那家廠商也說零故障，結果半年內停機三次。",
])
def test_another_suppliers_failure_is_no_complaint_about_us(reader, text):
    assert reader.recognise(text).kinds == ["trust"]


def test_their_failure_turns_service_into_trust_once():
    assert their_failure(["service"], {"their_failure": True}) == ["trust"]
    assert their_failure(["trust", "service"], {"their_failure": True}) == ["trust"]
    assert their_failure(["service", "price"], {"their_failure": False}) == ["service", "price"]


@pytest.mark.parametrize("text", [
    "Your last delivery came two weeks late and half the cartons were crushed.",
    "你们上个月送的货坏了一半。",
    "Unlike the previous supplier, your crew left the site a mess and the pump still leaks.",  # ours, beside theirs
])
def test_our_own_failure_stays_a_complaint(reader, text):
    assert not sig(reader, text)["their_failure"]


# ---- every place a listed competitor is named, its short name too ----
@pytest.mark.parametrize("text,competitors", [
    ("一、青石机械报价比你们低两成；二、我们已经跟青石签了两年。", ["青石机械"]),
    ("Mate, we're tied to Norland till the end of '27.", ["Norland Pumps"]),
    ("Drop Norland Pumps? After twelve years? Not a chance.", ["Norland Pumps"]),
    ("We renewed with Norland Pumps for another three seasons.", ["Norland Pumps"]),
    ("Our reasons, in order: 1) price about the same; 2) we confirmed Norland Pumps for all four depots.", ["Norland Pumps"]),
])
def test_the_tie_is_read_wherever_the_competitor_is_named(reader, text, competitors):
    got = reader.recognise(text, competitors)
    assert "incumbent" in got.kinds and got.competitor == competitors[0] and got.switching, (got.kinds, got.evidence)


@pytest.mark.parametrize("text,competitors", [
    ("Knock eight percent off and you'd be level with Norland Pumps.", ["Norland Pumps"]),
    ("Match Norland Pumps on the unit price and we can talk.", ["Norland Pumps"]),
    ("The norland valley site is where we'd put it.", ["Norland Pumps"]),  # not written as a name: no short name
])
def test_a_competitor_as_a_yardstick_or_a_place_is_no_tie(reader, text, competitors):
    assert not reader.recognise(text, competitors).switching


@pytest.mark.parametrize("text,competitors", [
    ("1. We signed with Norland Pumps through 2027. 2. Your demo was impressive. 3. Do keep in touch.", ["Norland Pumps"]),
    ("这次没选你们：一是集团跟青石有统一协议；二是你们的样机质量不错。", ["青石"]),
    ("沒選貴司的原因：我們跟青石簽了三年；貴司的售後服務很專業。", ["青石"]),
])
def test_the_praise_beside_the_tie_is_no_second_kind(reader, text, competitors):
    assert reader.recognise(text, competitors).kinds == ["incumbent"]


# ---- the words around the objection that carry no kind ----
@pytest.mark.parametrize("text,kept", [
    ("Dear Amy，貴司的賬期只有十五天，我們接受不了。", "你司的账期只有十五天，我们接受不了。"),
    ("Hi Ken，你们的起订量太高了。", "你们的起订量太高了。"),
    ("Dear Mr Lau，保修只有半年，太短。", "保修只有半年，太短。"),
])
def test_an_english_greeting_before_a_chinese_letter_is_a_frame(reader, text, kept):
    assert reader.normalise(text) == kept


@pytest.mark.parametrize("text,kept", [
    ("要是能先借一台试用，没问题的话再谈采购。", "要是能先借一台试用"),
    ("如果付款能改成月结，就考虑。", "如果付款能改成月结"),
    ("If the freight came down by a third, we're in.", "if the freight came down by a third"),
])
def test_the_go_ahead_after_a_condition_carries_no_kind(reader, text, kept):
    assert reader.normalise(text).rstrip(" .,。，") == kept


@pytest.mark.parametrize("text", [
    "太贵了，就考虑别家吧。",  # the threat to go elsewhere is no go-ahead
    "We're in a hiring freeze until spring.",  # "we are in" that does not end the sentence
])
def test_what_is_no_go_ahead_stays(reader, text):
    assert reader.normalise(text) == reader.matcher.normalise(text)


@pytest.mark.parametrize("text,said", [
    ("I'm no the one signing, ye'd need tae ask Morag.", "i am not the one signing, you would need to ask morag."),
    ("We've nae bother wi' the old one.", "we have no bother with the old one."),
    ("She'll say it's no bad, but it's no me who decides.", "she will say it is not bad, but it is not me who decides."),
])
def test_scots_spellings_are_read_as_the_words_they_are(reader, text, said):
    assert reader.matcher.normalise(text) == said


@pytest.mark.parametrize("text", [
    "I'm no the one signing — that's our finance director in Leeds.",
    "Ye'd need tae get it past the trustees, no me.",
    "It's her call, not mine: the practice owner signs off every chair.",
])
def test_whose_call_it_is_is_authority(reader, text):
    assert "authority" in reader.cues(text).kinds


@pytest.mark.parametrize("text", [
    "Once our new CFO settles in next month she'll make the call, not before.",
    "等新院长下个月到任，由他拍板，之前不会定。",
])
def test_a_deciders_arrival_in_the_deciding_clause_is_authority(reader, text):
    assert reader.recognise(text).kinds == ["authority"]
