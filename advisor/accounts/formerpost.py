"""A title that names a post its holder no longer has: "Former VP Procurement (moved to the holding company)",
"Ex-Head of Fleet", "原总经理(已调集团)", "前任采购经理" (session 16).

A title is read as the post a contact holds now. When it *opens* with a word saying the post was theirs before
(the packs' vocabulary ``former_post``: former, ex-, 原, 前任 …), it names none they hold here now: the person has
moved on — to another post of the group, another company, retirement — and no action is theirs to take as that post
(contact.departed). Only at the head: "COO, former CFO" holds a post now, the former one is history. Not where the
same title also names a post they hold now — in words (vocabulary ``current_post``: "Former CFO, now CEO",
"原财务总监,现任总经理"; "now at the holding company" says where they went, not a post here) or as a second post of a
list ("原法定代表人、总经理": no longer the legal representative, still the general manager).

In Chinese 原 also opens a word of its own (原料, 原材料, 原厂: raw material, the original maker), so a title opening
with one of those (vocabulary ``former_post_not``) is a post, not a former one — unless a post's word follows the head
at once (``former_post_title``: 原厂长 is a former plant director). Bookkeeping only: the packs hold the
words, this module reads where they stand.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from . import wordlists

# what a head word may be followed by in English: a hyphen, a space or a colon ("ex-CFO", "Former: VP")
_EN_HEAD_END = re.compile(r"[\s\-–:]")
# a title's remarks in brackets, and the marks between the posts of a list ("原法定代表人、总经理", "Former CFO; Board member")
_REMARK = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]?")
_POSTS = re.compile(r"[、,，;；/]|\s+and\s+|\s*&\s*")
# "now at / now with / now in": where they went, not a post held here
_NOW_ELSEWHERE = re.compile(r"(?<![a-z])(?:now|currently)\s+(?:at|with|in|working|based|over at)(?![a-z])")


def reader(vocabulary: Optional[wordlists.Vocabulary]) -> Callable[..., Optional[str]]:
    """``find(title)``: the head word that makes a title a former post (lower-cased), or None."""
    return wordlists.kept(vocabulary, ("formerpost.reader",), lambda: _build(vocabulary))


def _build(vocabulary: Optional[wordlists.Vocabulary]) -> Callable[..., Optional[str]]:
    en, zh = wordlists.literals(vocabulary, "former_post")
    not_en, not_zh = wordlists.literals(vocabulary, "former_post_not")
    current = wordlists.finder(vocabulary, "current_post")
    heads_en = sorted(en, key=len, reverse=True)
    heads_zh = sorted(zh, key=len, reverse=True)
    words_not = sorted(not_en + not_zh, key=len, reverse=True)
    titles = wordlists.literals(vocabulary, "former_post_title")[1]

    def head(low: str) -> Optional[str]:
        for w in heads_zh:
            # a post's word right after the head is a former post (原厂长), whatever word 原 could open (原厂)
            if low.startswith(w) and len(low) > len(w) and (
                    any(low.startswith(t, len(w)) for t in titles) or not any(low.startswith(n) for n in words_not)):
                return w
        if any(low.startswith(w) for w in words_not):
            return None
        for w in heads_en:
            if low.startswith(w) and len(low) > len(w) and _EN_HEAD_END.match(low[len(w)]):
                return w
        return None

    def find(*titles: Optional[str]) -> Optional[str]:
        for title in titles:
            low = (title or "").strip().lstrip("\"'“‘([（【").lower()
            word = head(low)
            if word is None:
                continue
            rest = low[len(word):]
            # "Former CFO, now CEO": a post held now — unless "now at …" says where they went
            if current(rest) and not _NOW_ELSEWHERE.search(rest):
                continue
            # "原法定代表人、总经理": of two posts listed, the second is held now (only a list of former ones is none)
            posts = [p.strip() for p in _POSTS.split(_REMARK.sub(" ", rest))[1:]]
            if any(p and head(p) is None and not _NOW_ELSEWHERE.match(p) for p in posts):
                continue
            return word
        return None
    return find
