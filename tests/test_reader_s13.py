"""The objection reader on what frames a message and on how a buyer turns a point (issue 24, session 13): a contraction's
perfect tense ("he's asked us" is "has"), an automatic reply, a bracketed tag and a workflow's approver taken off as
frames, a learned reading on function words alone that does not stand, the Chinese "X是X" grant, a bare put-off said
after a reason, and a kind conceded after it was named. Every phrasing here is our own (en, zh, zh-Hant), none copied
from a corpus or a dev set."""
from __future__ import annotations

import pytest

from advisor.accounts.functionwords import has_content, is_function
from advisor.reading.contractions import expand
from advisor.reading.frames import unframe
from advisor.reading.reader import consequence, hybrid_kinds, signals


@pytest.fixture(scope="module")
def reader(advisor):
    return advisor.packset(packs=["core"]).recogniser


def framed(reader, text):
    return unframe(reader.matcher.normalise(text))


def sig_of(reader, text):
    norm = reader.normalise(text)
    return signals(reader.matcher.recognise(norm), reader.matcher.together, norm, reader.roles)


# ---- "'s" and "'d" in a perfect tense: has / had, not is / would ----
@pytest.mark.parametrize("text, out", [
    ("he's asked us twice for references", "he has asked us twice for references"),
    ("she's signed the renewal already", "she has signed the renewal already"),
    ("it's taken me a month to get a reply", "it has taken me a month to get a reply"),
    ("there's been no budget since march", "there has been no budget since march"),
    ("it's got no api", "it has got no api"),
    ("we'd already signed with them", "we had already signed with them"),
    ("i'd been told it was cheaper", "i had been told it was cheaper"),
])
def test_a_perfect_tense_is_written_out_with_has_or_had(text, out):
    assert expand(text) == out


@pytest.mark.parametrize("text, out", [
    ("it's too expensive", "it is too expensive"),
    ("he's worried the switch will go wrong", "he is worried the switch will go wrong"),  # a feeling, not a deed
    ("it's called the hub", "it is called the hub"),  # a name
    ("he's asked to leave early", "he is asked to leave early"),  # a passive: no object after it
    ("it's signed", "it is signed"),
    ("we'd need a discount", "we would need a discount"),  # a bare verb after 'd is "would"
    ("we'd rather wait", "we would rather wait"),
])
def test_is_and_would_stay_where_they_are_meant(text, out):
    assert expand(text) == out


# ---- what a mail system or a workflow wrote around the buyer's words ----
@pytest.mark.parametrize("text, message", [
    ("Automatic reply: I am on holiday until 4 August. [typed by hand] Your rates are well above our current carrier's.",
     "your rates are well above our current carrier's."),
    ("[Out of office] Back on Monday. — quick note from my phone: we have no use for a second fryer.",
     "quick note from my phone: we have no use for a second fryer."),
    ("Auto-reply: Thanks for your email, I will respond shortly. Personal note: the board has to sign this off, not me.",
     "the board has to sign this off, not me."),
    ("自动回复：您好，我出差中。人工补充：你们的交期太长了，我们等不了。", "你们的交期太长了，我们等不了。"),
    ("【自動回覆】感謝來信，週一回覆。——（本人補充）預算今年已經用完了。", "（本人补充）预算今年已经用完了。"),
])
def test_an_automatic_reply_is_a_frame(reader, text, message):
    assert framed(reader, text) == message


@pytest.mark.parametrize("text", [
    "Out of office all week and honestly we have no budget for this anyway.",  # no mark where the person starts: kept
    "Automatic replies to our customers are something your system cannot do.",  # a feature, no auto-reply label
])
def test_an_automatic_reply_without_a_mark_is_left_whole(reader, text):
    assert framed(reader, text) == reader.matcher.normalise(text).strip()


@pytest.mark.parametrize("text, message", [
    ("[Interpreter:] She says the unit is too heavy for their carts.", "the unit is too heavy for their carts."),
    ("[via WeChat] we only pay on 60-day terms", "we only pay on 60-day terms"),
    ("【转述】老板说暂时不考虑。", "暂时不考虑。"),
])
def test_a_bracketed_tag_at_the_start_is_a_frame(reader, text, message):
    assert framed(reader, text) == message


@pytest.mark.parametrize("text, gone, kept", [
    ("Request 4471 | Approver: K. Brandt (Finance) | Comment: we have no use for another chiller",
     "brandt", "we have no use for another chiller"),
    ("Step 2 — rejected by m.osei — our contract with the current hauliers runs to 2028",
     "osei", "our contract with the current hauliers runs to 2028"),
    ("采购申请——审批人：李厂长——意见：现有设备够用。", "李厂长", "现有设备够用"),
])
def test_who_approved_is_a_frame_not_a_decider(reader, text, gone, kept):
    out = framed(reader, text)
    assert gone not in out and kept in out


# ---- a learned reading on function words alone does not stand ----
@pytest.mark.parametrize("gram, function", [
    ("the", True), ("for the", True), ("next", True), ("we are", True), ("我们", True), ("的", True), ("th", True),
    ("price", False), ("budget", False), ("more than", False), ("not", False), ("after", False), ("预算", False),
    ("不", False), ("pric", False), ("18", False),
])
def test_function_words_are_the_grammar_only(gram, function):
    assert is_function(gram) is function


def test_a_reading_needs_one_weighty_n_gram_that_says_something():
    assert not has_content(["next", "for", "the"])
    assert not has_content(["我们", "的", "了"])
    assert has_content(["next", "quarter", "the"])
    assert has_content(["for a", "price"])


def _model_only_sig():
    return {"strong": {}, "weak": set(), "cleared": set(), "pairs": set(), "also": set(), "adds": False}


_DECIDE = {"answer_at": 0.1, "second_at": 0.95, "confirm_at": 0.8, "strong_bonus": 0.2, "weak_bonus": 0.0,
           "cleared_penalty": 0.7, "also_relief": 0.3, "also_second_at": 0.4, "clause_at": 0.5}


@pytest.mark.parametrize("says, kinds", [
    (lambda k, text: True, ["need", "incumbent"]),
    (lambda k, text: k == "need", ["need"]),  # the second kind on function words alone does not join
    (lambda k, text: k == "incumbent", ["incumbent"]),  # ... nor the first: the kind that says something stands
    (lambda k, text: False, ["need"]),  # neither says anything: the model's best reading, never unclassified
])
def test_a_model_only_kind_on_function_words_does_not_stand_beside_another(says, kinds):
    probs = {k: 0.01 for k in ("price", "budget", "timing", "authority", "trust", "stall", "feature", "terms",
                               "service")} | {"need": 0.99, "incumbent": 0.97}
    got, _extra, _units = hybrid_kinds(_model_only_sig(), probs, 6, _DECIDE, 2, "we are fine", None, lambda: [], says)
    assert got == kinds


def test_a_cue_kind_stands_whatever_the_model_weighs(reader):
    sig = sig_of(reader, "Your price is far too high.")
    probs = {k: 0.01 for k in reader.kinds} | {"price": 0.9}
    decide = dict(reader.model.decide)
    got, _extra, _units = hybrid_kinds(sig, probs, 6, decide, 2, reader.normalise("Your price is far too high."), None,
                                       lambda: [], lambda k, text: False)
    assert got == ["price"]


def test_the_situation_reader_does_not_fire_on_function_words(advisor):
    from advisor.accounts import situationmodel

    model = advisor.packset(packs=["core"])._situation_model.get()
    # a sentence the model fires on, its evidence real words; the same reading with function words only does not fire
    fired = [(s, r) for s in ("Three invoices are overdue and AP keeps saying next week.", "他们的付款已经拖了三个月了。",
                              "The buyer left the company last month.") for r in (model.read(s),) if r and r.fires]
    assert fired
    plain = situationmodel.has_content
    try:
        situationmodel.has_content = lambda grams: False  # as if every weighty n-gram were a function word
        assert not any(model.read(s).fires for s, _ in fired)
    finally:
        situationmodel.has_content = plain


# ---- how a buyer turns a point ----
@pytest.mark.parametrize("text, kind", [
    ("功能全是全，可是太复杂。", "feature"),
    ("价钱贵是贵，东西确实好，我们再看看。", "price"),
])
def test_the_chinese_x_shi_x_grant_concedes_its_clause(reader, text, kind):
    from advisor.reading import reader as module

    assert kind in sig_of(reader, text)["cleared"]
    plain = module._said_then_turned
    try:  # without the grant the kind stands on its cue
        module._said_then_turned = lambda text, clause: False
        assert kind not in sig_of(reader, text)["cleared"]
    finally:
        module._said_then_turned = plain


@pytest.mark.parametrize("text", ["这是我们的，是不是你们的我不知道。", "是是是，我们再看看。"])
def test_a_plain_shi_is_no_grant(text):
    from advisor.reading.reader import _said_then_turned

    assert not _said_then_turned(text, text.split("，")[0])


@pytest.mark.parametrize("text, first", [
    ("价格偏高，先放放吧", "price"),
    ("今年没钱了，明年再说", "budget"),
    ("Way over our budget. Later, maybe.", "budget"),
    ("Too pricey for us. Maybe next year.", "price"),
    ("預算沒了，之後再說。", "budget"),
])
def test_a_bare_put_off_after_a_reason_is_its_consequence(reader, text, first):
    sig = sig_of(reader, text)
    assert sig["trailing"] == {"stall", "timing"}
    assert consequence([first, "stall"], sig) == [first] and consequence([first, "timing"], sig) == [first]
    assert reader.recognise(text).kinds == [first]


@pytest.mark.parametrize("text", [
    "太贵了，而且明年再说",  # 而且: the text adds a second objection
    "Your price is high and on top of that we're not buying anything before the audit in March is done.",
    "价格偏高，另外我们现在实在太忙，等忙完这阵子再说吧。",  # a put-off with words of its own: not bare
    "Maybe next year. The budget is gone for now.",  # the put-off first: no reason before it
])
def test_a_put_off_with_its_own_words_stays(reader, text):
    sig = sig_of(reader, text)
    assert not sig["trailing"]
    assert consequence(["price", "timing"], sig) == ["price", "timing"]


def test_a_kind_named_then_conceded_is_taken_back(reader):
    text = "Budget was the reason on the form. The budget is not the problem, to be honest; the unit is too loud."
    sig = sig_of(reader, text)
    assert "budget" in sig["strong"] and "budget" in sig["conceded_first"]
    # named and never conceded it stands
    plain = sig_of(reader, "Budget was the reason on the form, and the unit is too loud as well.")
    assert "budget" in plain["strong"] and "budget" not in plain["conceded_first"]


# ---- no money at all, the price said to make no difference: budget, never price ----
@pytest.mark.parametrize("text", [
    "Even at half the price we couldn't do it, there's nothing in the pot this year.",
    "Whatever you charge, the answer is the same: no budget till the grant comes.",
    "A discount won't help, we have no money for anything new.",
    "不管贵不贵，今年一分钱都没有。",
    "再便宜也买不起，经费早就花完了。",
    "打折也沒用，今年根本沒有預算。",
])
def test_a_price_made_moot_beside_no_money_is_not_raised(reader, text):
    from advisor.reading.reader import money_moot

    sig = sig_of(reader, text)
    assert sig["price_moot"]
    assert money_moot(["budget", "price"], sig) == ["budget"]
    assert "price" not in reader.recognise(text).kinds


@pytest.mark.parametrize("text", [
    "Too dear, and anyway there's no budget left this year.",  # both raised: the price is not made moot
    "价格太高，而且今年预算也用完了。",
])
def test_a_price_raised_beside_no_money_is_not_moot(reader, text):
    from advisor.reading.reader import money_moot

    sig = sig_of(reader, text)
    assert not sig["price_moot"] and money_moot(["budget", "price"], sig) == ["budget", "price"]


# ---- a hedged or polite "we don't need it", and a message around it: read as need (the hybrid, end to end) ----
@pytest.mark.parametrize("text", [
    "Honestly we're fine as we are, thanks.",
    "It's not really a priority for us at the moment.",
    "We've managed without one for twenty years and we'll keep managing.",
    "I don't think it's something we need right now, if I'm honest.",
    "Voicemail from Dana, 14:02: hi, it's Dana at Lakeside, just to say we had a look and we don't really need it, bye now.",
    "用不上，我们这边量太小了。",
    "暂时不需要，谢谢你啊。",
    "目前够用了，没必要再添。",
    "我们一直手工记账，也没觉得哪里不方便。",
    "目前還夠用，暫時沒有這個需要。",
    "我們這種小診所，用不到那麼高階的東西。",
    "謝謝你特地跑一趟，不過我們真的沒這個需求。",
])
def test_a_hedged_no_need_reads_as_need(reader, text):
    assert reader.recognise(text).kinds == ["need"]
