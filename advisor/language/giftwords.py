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


@lru_cache(maxsize=64)
def _any_english(words: tuple) -> re.Pattern | None:
    # one pattern for all of a tag's words, the same whole-word rule as ``_english``: compiling one
    # pattern per word for every pack load cost ~10 ms of each start (issue 13)
    if not words:
        return None
    alts = "|".join(re.escape(w.lower()) for w in words)
    return re.compile(r"(?<![A-Za-z-])(?:" + alts + r")(?:s|es)?(?![A-Za-z-])")


def tags_of(texts: dict[str, str], gift_words: dict) -> frozenset:
    """The tags (gift / entertainment) whose words appear in any language of ``texts``
    (the same answer as ``found`` being non-empty for some language, asked once per tag)."""
    out = set()
    for tag, words in gift_words.items():
        for lang, text in texts.items():
            if not text:
                continue
            if lang == "zh":
                hit = any(w in text for w in words.zh)
            else:
                pattern = _any_english(tuple(words.en))
                hit = pattern is not None and pattern.search(text.lower()) is not None
            if hit:
                out.add(tag)
    return frozenset(out)
