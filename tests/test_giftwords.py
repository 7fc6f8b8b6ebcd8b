"""giftwords.tags_of (one pattern per tag) answers exactly as the per-word ``found`` does."""
from __future__ import annotations

from pathlib import Path

from advisor.language.giftwords import found, tags_of
from advisor.language.pack import GiftWords, find_packs, load_packs

RULES = Path(__file__).resolve().parent.parent / "rules"


def slow_tags(texts: dict[str, str], gift_words: dict) -> frozenset:
    return frozenset(tag for tag, words in gift_words.items() for lang, text in texts.items()
                     if text and found(text, lang, tuple(words.zh if lang == "zh" else words.en)))


def test_tags_of_agrees_with_found_on_every_bundled_text_and_the_edge_cases():
    words = {"gift": GiftWords(en=["gift", "voucher", "red envelope"], zh=["礼品", "红包"]),
             "entertainment": GiftWords(en=["trip", "dinner"], zh=["宴请"])}
    texts = ["Send a gift", "GIFTS for all", "a test-trip", "we tripped", "two dinners", "a Trip-planner",
             "red  envelope", "red envelopes", "giftwrap", "", "送红包", "宴请客户", "安排参观"]
    cases = [{"en": t, "zh": z} for t in texts for z in ("", "送礼品", "开会")]
    for name in find_packs(RULES):
        packset = load_packs([name], RULES)
        words_here = packset.gift_words or words
        for rule in packset.rules:
            rec = rule.then.recommend
            if rec:
                cases.append({"en": rec.what.en, "zh": rec.what.zh})
        for case in cases:
            assert tags_of(case, words_here) == slow_tags(case, words_here), case
    assert tags_of({"en": "GIFTS for all", "zh": ""}, words) == {"gift"}
    assert tags_of({"en": "a test-trip", "zh": ""}, words) == frozenset()
    assert tags_of({"en": "", "zh": "宴请客户"}, words) == {"entertainment"}
