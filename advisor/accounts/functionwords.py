"""Words that carry grammar, not meaning: what a learned reader's evidence must hold more than (issue 24, session 13).

Why: the learned readers (the objection reader, reading/model.py; the situation reader, accounts/situationmodel.py)
show the n-grams that weighed most as their evidence. When every one of them is a function word ("next · for · the",
"we · the", 我们 · 的) the reading stands on the shape of a sentence, not on anything it says — a pattern of the
training texts' grammar that new writers do not share. Such a reading does not fire on its own: a cue, a phrase of
the packs or a content word must stand behind it.

A short closed list on purpose: articles, pronouns, the plainest prepositions and conjunctions, the auxiliaries and
greetings in English; particles, pronouns and 一个 in Chinese (simplified: the readers fold traditional characters
before they cut n-grams). Not the small words that carry an objection's meaning — a negation ("not", 不, 没有), a
comparison ("more than", "less"), a time's order ("after", "until", "since"), a tie ("with"), a modal ("can", 能):
on them a reading says something.
"""
from __future__ import annotations

import re

FUNCTION_EN = frozenset("""
a an the this that these those it its i me my we us our you your he him his she her they them their there here
what which who whom and or so as to of in on at by for from into onto is are was were be being am do does did
has have had s t d ll ve re m o oh ah um uh er hmm well ok okay yes yeah hi hello hey dear please next
""".split())
FUNCTION_ZH = frozenset("的了是在和我你他她它们这那个吗吧呢啊么着地得呀哦哈啦嗯一就也都")
_LATIN = re.compile(r"[a-z0-9]+")


def _word_is_function(word: str) -> bool:
    return word in FUNCTION_EN  # a figure is no function word: "-18%", "2 exp" say price (the situation reader drops them)


def is_function(gram: str) -> bool:
    """Is this n-gram (as a reader shows it: a word, a word pair, a Chinese n-gram, or a piece of a Latin word) made of
    function words only? A piece of a word (" th", "the ") counts as one when it is a piece of a function word and of
    a short one (under four letters) that a function word holds; a longer piece is content ("pric", "budg")."""
    g = gram.strip()
    if not g:
        return True
    han = [ch for ch in g if "\u3400" <= ch <= "\u9fff"]
    if han:
        return all(ch in FUNCTION_ZH for ch in han) and all(_word_is_function(w) for w in _LATIN.findall(g))
    words = _LATIN.findall(g.lower())
    if not words:
        return True
    if len(words) == 1 and words[0] not in FUNCTION_EN and len(words[0]) < 4 and any(words[0] in f for f in FUNCTION_EN):
        return True  # a short piece of a word that a function word holds (" th", "he "): nothing said
    return all(_word_is_function(w) for w in words)


def has_content(grams: list[str]) -> bool:
    """Does the evidence hold one n-gram that is not only function words?"""
    return any(not is_function(g) for g in grams)
