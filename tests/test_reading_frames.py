"""Issue 24 (session 3) — the reporting frame and the mail boilerplate around an objection are taken off
before the cues and the model read it (advisor/reading/frames.py); the objection itself stays whole."""
from __future__ import annotations

import pytest

from advisor.language.pack import load_packs
from advisor.reading.frames import unframe

from .conftest import RULES


@pytest.fixture(scope="module")
def reader():
    return load_packs(["core"], RULES).recogniser


@pytest.mark.parametrize("text,left", [
    ("客户说你们的报价太高了", "你们的报价太高了"),
    ("王总说今年没预算", "今年没预算"),
    ("佢話你哋個價貴咗", "你哋个价贵咗"),  # Cantonese, folded to simplified first
    ("He said they already have one that works.", "they already have one that works."),
    ("Ms Okoro told me the board decides.", "the board decides."),
    ("Per the buyer, the lead time is too long.", "the lead time is too long."),
    ("Email: Hi Tom, thanks for the proposal. We have no budget left this year. Kind regards, Anneke",
     "we have no budget left this year"),
    ("voice note: so he goes we dont need it", "we do not need it"),
    ("Ward manager: the pumps keep alarming", "the pumps keep alarming"),
    ("您好,这个价格我们接受不了,谢谢", "这个价格我们接受不了"),
    # session 5: a 了 / 咗 after the reporting verb is the frame's, when punctuation follows
    ("老板说了，价格太高", "价格太高"),
    ("经理讲咗，今年冇budget", "今年冇budget"),
    # a channel or record label at the start, then the frame inside it
    ("客户微信回复：老板说了，明年再说", "明年再说"),
    ("钉钉留言: 采购门户还没开", "采购门户还没开"),
])
def test_the_frame_comes_off(reader, text, left):
    assert reader.normalise(text) == left


@pytest.mark.parametrize("text", [
    "这事得老板说了算",  # 说了算: whose say decides — authority, not a frame
    "他说了算,我做不了主",
    "Thanks, but we are happy with our supplier.",  # the thanks holds the objection
    "The price goes up every year.",  # "goes" after a thing, not a speaker
    "It is not the best fit for us.",  # "best" inside the sentence is no sign-off
    "No thanks",  # the refusal itself
    "老板说了算",  # 了 before 算, not before punctuation: authority
    "价格：太高了",  # a label that names no channel or record is the subject
])
def test_what_is_not_a_frame_stays(reader, text):
    norm = reader.matcher.normalise(text)
    assert unframe(norm) == norm


def test_nothing_but_a_frame_is_kept_as_written():
    assert unframe("thanks") == "thanks"


def test_the_frame_no_longer_decides_a_kind(reader):
    # the speaker's role in a label is who speaks, not who decides
    got = reader.cues("Plant manager: the last two deliveries came in a week late.")
    assert "authority" not in got.kinds and got.kinds == ["service"]
