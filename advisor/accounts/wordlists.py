"""Find a pack's vocabulary (``vocabulary:`` in pack.yaml — tender words, departed words) in the
account's own text, before the engine runs.

The words are the packs' (sales-ops extend them there); this module only finds them: English by
whole word, a plural s/es included, so "bid" finds "bids" but not "forbidden"; Chinese (simplified
or traditional, as written in the pack) by substring. A vocabulary arrives as plain lists —
``{"en": [...], "zh": [...], "zh_hant": [...]}`` — so this room needs nothing of the rule language.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable, Mapping, Optional

Vocabulary = Mapping[str, Any]  # vocabulary name → {"en": [...], "zh": [...], "zh_hant": [...]}


@lru_cache(maxsize=64)
def _pattern(en: tuple, zh: tuple) -> Optional[re.Pattern]:
    # one pattern per vocabulary, built once per process: every account reads the same words
    alts = [r"(?<![a-z0-9])" + re.escape(w.lower()) + r"(?:s|es)?(?![a-z0-9])" for w in en if w.strip()]
    alts += [re.escape(w) for w in zh if w.strip()]
    return re.compile("|".join(sorted(alts, key=len, reverse=True))) if alts else None


def matcher(vocabulary: Optional[Vocabulary], name: str) -> Callable[..., bool]:
    """A test ``reads(*texts)``: does any text hold a word of the named vocabulary? No vocabulary
    (a pack set that declares none) finds nothing."""
    words = (vocabulary or {}).get(name) or {}
    pattern = _pattern(tuple(sorted(words.get("en") or ())),
                       tuple(sorted(set(words.get("zh") or ()) | set(words.get("zh_hant") or ()))))

    def reads(*texts: Optional[str]) -> bool:
        return pattern is not None and any(t and pattern.search(t.lower()) for t in texts)
    return reads
