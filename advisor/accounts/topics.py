"""What a promise hands over or shows, read from its words (session 8, issue 22).

"Karthik to propose a reference visit", "下周送样品", "send the revised quote by Friday": the rep promised one
deed, and a rule may advise that very deed for the same person with the account's own content (the reference
customer's figures, the sample the line needs). A coach lists it once. Each promise fact gets ``topics``: every
topic of ``terms.TOPICS`` whose words (the packs' vocabulary ``topic_<name>``) stand in its text; the ranking
merges a promise with a rule declaring one of them (``topic:``) for the same person (evaluation/rank.py).
Chinese splits a verb from its object ("报容县二中项目价", "出个价格", "给个方案"): a topic may also be read as a pair —
a word of ``topic_<name>_verb`` and, after it in the same clause, a word of ``topic_<name>_object`` (wordlists.pair_finder,
ordered, a short gap) — as English puts words between ("send Tom the price for the project"). Session 13: a promised
quote written "报…价" was read as no quote, so the dealer's money check (its ``holds: [quote]``) did not hold it.
Bookkeeping only; the words are the packs'.
"""
from __future__ import annotations

from typing import Callable, Mapping, Optional

from . import terms, wordlists

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"promise": {
    "topics": ("list", "what the promise hands over or shows, read from its words (reference, sample, quote, "
                       "proposal, trial, demo, report, visit: the packs' vocabularies topic_<name>)"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"promise": {
    "topics": "承诺要交付或展示的东西,从其文字读出(参考客户、样品、报价、方案、试用、演示、报告、拜访)",
}}


SPLIT_WINDOW, SPLIT_CJK_WINDOW = 24, 8  # the words allowed between a split verb and its object (a Chinese clause is short)


def finders(vocabulary: Optional[wordlists.Vocabulary]) -> Mapping[str, Callable[..., Optional[str]]]:
    """Per topic, a finder of its words, then of its split verb and object (an empty vocabulary finds nothing)."""
    out = {}
    for t in terms.TOPICS:
        find = wordlists.finder(vocabulary, f"topic_{t}")
        if (vocabulary or {}).get(f"topic_{t}_verb") and (vocabulary or {}).get(f"topic_{t}_object"):
            find = wordlists.first_of(find, wordlists.pair_finder(
                vocabulary, f"topic_{t}_verb", f"topic_{t}_object", SPLIT_WINDOW, ordered=True,
                cjk_window=SPLIT_CJK_WINDOW))
        out[t] = find
    return out


def read(text: Optional[str], find: Mapping[str, Callable[..., Optional[str]]]) -> list[str]:
    """The topics ``text`` names, in the vocabulary's order."""
    return [t for t, f in find.items() if text and f(text) is not None]


def mark(facts: list[dict], find: Mapping[str, Callable[..., Optional[str]]]) -> None:
    """Set ``topics`` on every promise fact."""
    for f in facts:
        if f["kind"] == "promise":
            f["topics"] = read(f.get("what"), find)
