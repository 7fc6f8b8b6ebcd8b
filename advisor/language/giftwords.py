"""Which words make an action a gift, an incentive or an entertainment (PLAYBOOK §10).

Packs declare the words (``gift_words:`` in pack.yaml, en and zh); this module
only finds them. An action whose text names a gift is treated as one whether or
not its author remembered the tag, so a customer's no-gift policy can never be
leaked by an untagged sentence.
"""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=512)
def _english(word: str) -> re.Pattern:
    # whole words, plural allowed: "gift" finds "gifts"; "trip" finds neither "tripped" nor "test-trip"
    return re.compile(r"(?<![A-Za-z-])" + re.escape(word.lower()) + r"(?:s|es)?(?![A-Za-z-])")


def found(text: str, lang: str, words) -> list[str]:
    """The declared words that occur in one text (Chinese by substring, English by whole word)."""
    if lang == "zh":
        return [w for w in words if w in text]
    low = text.lower()
    return [w for w in words if _english(w).search(low)]


def tags_of(texts: dict[str, str], gift_words: dict) -> frozenset:
    """The tags (gift / entertainment) whose words appear in any language of ``texts``."""
    out = set()
    for tag, words in gift_words.items():
        for lang, text in texts.items():
            if text and found(text, lang, tuple(words.zh if lang == "zh" else words.en)):
                out.add(tag)
    return frozenset(out)
