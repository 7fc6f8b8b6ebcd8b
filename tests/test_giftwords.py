"""giftwords.tags_of (one pattern per tag) answers exactly as the per-word ``found`` does."""
from __future__ import annotations

from pathlib import Path

from advisor.language.giftwords import found, tags_of
from advisor.language.pack import GiftWords, find_packs

from .packkit import pack_alone

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
    word_sets = [words]
    for name in find_packs(RULES):
        packset = pack_alone(name, RULES)  # loaded once per process (tests/packkit.py)
        if packset.gift_words and packset.gift_words not in word_sets:
            word_sets.append(packset.gift_words)
        cases += [{"en": r.then.recommend.what.en, "zh": r.then.recommend.what.zh}
                  for r in packset.rules if r.then.recommend]
    assert len(word_sets) > 1 and len(cases) > 100
    for words_here in word_sets:
        for case in cases:
            assert tags_of(case, words_here) == slow_tags(case, words_here), case
    assert tags_of({"en": "GIFTS for all", "zh": ""}, words) == {"gift"}
    assert tags_of({"en": "a test-trip", "zh": ""}, words) == frozenset()
    assert tags_of({"en": "", "zh": "宴请客户"}, words) == {"entertainment"}
