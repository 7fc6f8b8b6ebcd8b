"""The n-grams both learned readers cut a text into: the objection reader (reading/model.py) and the opening reader
(accounts/openingmodel.py).

Why one module: the two readers cut text the same way — Chinese runs in character 1-, 2- and 3-grams, Latin words
(digits folded to 0) as words, word pairs within a stretch of text and the word's character 3- and 4-grams padded
with spaces — and two copies drift apart. Each model's weights are stamped over this source (scripts/train_reader.py,
scripts/train_openings.py): a change here makes both stamps stale until both are retrained. Why in the accounts
room: the opening reader is there, below reading (tests/test_layout.py), and both may import from it.

The objection reader also gives its long words once more uninflected (``stems=True``: prices, priced, pricing →
pric), so a new author's inflection is the same word to it; the opening reader does not.
"""
from __future__ import annotations

import re

HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
STRETCH = re.compile(r"[^\s\w']+")  # punctuation ends a stretch: no word bigram across it
LATIN = re.compile(r"[^\W\u3400-\u9fff_]+(?:'[^\W\u3400-\u9fff_]+)*")
_DIGIT = re.compile(r"\d")

_ENDINGS = (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("s", ""))


def stem(word: str) -> str:
    """An English word without its inflection, crudely: prices, priced, pricing → pric; delays, delayed → dela.
    Why: a new author's "quotes came in higher" shares "quote came in high" only in letter pieces; the stem
    makes it the same word (and the same word pair) to the model."""
    if len(word) < 5 or not word.isalpha():
        return word
    for end, put in _ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 3 and not (end == "s" and word[-2] in "su'"):
            word = word[:-len(end)] + put
            break
    return word[:-1] if len(word) > 3 and word[-1] in "ey" else word


def grams(text: str, stems: bool = False) -> list[str]:
    """The n-grams of a folded text: ``c:`` Chinese 1-3-grams and the padded 3-/4-letter pieces of a Latin word,
    ``w:`` Latin words and word pairs; with ``stems``, ``s:`` the words of five letters or more uninflected, and
    the word pairs holding one ("prices went up" and "price goes up" share s:pric; the short words — the, too,
    not — have nothing to fold)."""
    out: list[str] = []
    for stretch in STRETCH.split(text):
        for run in HAN_RUN.findall(stretch):
            n = len(run)
            out += ["c:" + run[i:i + k] for k in (1, 2, 3) for i in range(n - k + 1)]
        words = [_DIGIT.sub("0", w) for w in LATIN.findall(stretch)]
        out += ["w:" + w for w in words]
        out += ["w:" + a + " " + b for a, b in zip(words, words[1:])]
        if stems:
            folded = [stem(w) if len(w) >= 5 else "" for w in words]
            out += ["s:" + x for x in folded if x]
            out += ["s:" + (a or x) + " " + (b or y) for a, b, x, y in zip(folded, folded[1:], words, words[1:]) if a or b]
        for w in words:
            padded = " " + w + " "
            out += ["c:" + padded[i:i + k] for k in (3, 4) for i in range(len(padded) - k + 1)]
    return out
