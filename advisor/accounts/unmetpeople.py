"""The people the account's notes say were never met (session 8, issue 22).

A steady account where "everything runs through one manager; we have never met the QA manager, the technical
director or the owners" hangs on one thread, and the notes name who the others are — by role or by name — even
when nobody entered them as contacts. A coach widens such an account first: the one contact is asked to introduce
those people, by role. This reads them by structure: a word of the packs' vocabulary ``unmet_people`` (never met,
haven't met, 没见过, 从未接触 …) and the list it governs — after it in English ("we have never met A, B or C"),
before it in Chinese where the object is put first ("质量经理和老板我们都没见过"), else after it ("从没见过质量经理、
老板"). The list is split at commas, "and", "or", 、, 和, 或; it ends at the clause's end or at a relative clause
(", who …"). People already met on file are left out.

Sets ``unmet_people`` (the list, as written) and ``unmet_known_count`` (it plus the contacts on file not yet met
and still there) on the account fact, and ``unmet_known_en`` / ``unmet_known_zh`` (the people, joined for an
action's text).
"""
from __future__ import annotations

import re
from typing import Any, Callable, Optional

from . import actors, wordlists
from .account import Account

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"account": {
    "unmet_people": ("list", "people the notes say were never met (a word of the packs' vocabulary unmet_people and "
                             "the list it governs: 'we have never met the QA manager, the technical director or the "
                             "owners'), as written"),
    "unmet_known_count": ("number", "people known but never met: the contacts on file not met (and still there) plus "
                                    "unmet_people"),
    "unmet_known_en": ("text", "those people, joined for an action's text (English)"),
    "unmet_known_zh": ("text", "those people, joined for an action's text (Chinese)"),
    "only_met_contact": ("text", "the one contact met, when exactly one is (the thread the account hangs on)"),
    "unmet_set_aside": ("list", "sentences with words of never meeting someone that are someone else's, not ours "
                                "('Ruth has never met our competitor'): who acts, accounts/actors.py"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"account": {
    "unmet_people": "备注中写明从未见过的人(如“我们从没见过质量经理、技术总监和老板”),照原文",
    "unmet_known_count": "知道但从未见过的人数:档案中未见过(且仍在职)的联系人加上 unmet_people",
    "unmet_known_en": "这些人,连成一句供行动文字使用(英文)",
    "unmet_known_zh": "这些人,连成一句供行动文字使用(中文)",
    "only_met_contact": "唯一见过的联系人(恰好只见过一人时):客户关系所系的那根线",
    "unmet_set_aside": "含“没见过”字眼、但说的是别人(不是我方)没见过谁的句子(谁在做:accounts/actors.py)",
}}
# a list item ends the list where a relative clause or an aside starts ("…, who are adding 60 ha")
_RELATIVE = re.compile(r"(?:,|，)?\s*\b(?:who|which|that|whose|because|but|so)\b|——|—|\s-\s")
_SPLIT = re.compile(r"\s*(?:,|，|、|;|\band\b|\bor\b|\bnor\b|以及|及|和|与|與|或者|或)\s*")
_CJK = re.compile(r"[\u3400-\u9fff]")
# what stands before a Chinese 没见过 besides the people: the subject and the adverbs (我们都没见过)
_ZH_TAIL = re.compile(r"(?:我们|我們|我|咱们|他们|他們)?(?:都|也|还|還|一直|从来|從來)*$")
_ZH_HEAD = re.compile(r"^(?:过|過|面|的)")
# what is no part of a person's name or role: "yet", "so far" after it, "their" before it
_TRIM_END = re.compile(r"\s+(?:yet|so far|either|at all|in person|personally)$", re.IGNORECASE)
_TRIM_START = re.compile(r"^(?:他们的|他們的|对方的|對方的|their\s+|its\s+)", re.IGNORECASE)
_EMPTY = {"anyone", "anybody", "anyone else", "them", "him", "her", "the others", "others", "any", "任何人", "其他人"}


def _items(text: str) -> list[str]:
    cut = _RELATIVE.search(text)
    text = text[:cut.start()] if cut else text
    out = []
    for part in _SPLIT.split(text):
        part = _TRIM_START.sub("", _TRIM_END.sub("", part.strip(" \t'\"“”‘’:：,，")))
        if part.lower().startswith("either "):
            part = part[7:]
        if len(part) >= 2 and part.lower() not in _EMPTY and len(part) <= 80:
            out.append(part)
    return out


def read(text: Optional[str], spans: Callable[[Optional[str]], list[tuple[int, int]]],
         judge: Optional[actors.Judge] = None, aside: Optional[list[str]] = None) -> list[str]:
    """The people ``text`` says were never met, in order, each once. ``judge``: who has never met them (actors.py) —
    only we can have never met someone we should meet: "Ruth has never met our competitor", "老板从没见过他们的销售" are
    someone else's (each set aside is quoted into ``aside``); nobody named is the rep's own note ("从没见过质量经理")."""
    found: list[str] = []
    text = wordlists.unwrap(text)
    for sentence in wordlists.SENTENCE.split(text):
        for start, end in spans(sentence):
            if judge is not None:
                # Chinese puts the people first and drops the subject ("周总监(没见过)", "老板从没见过"): a person before
                # the words is whom we never met, unless someone stands after them ("老板从没见过我们的销售")
                # (the object right after the words, in their clause); and only a subject named in the words' own
                # clause counts ("只认识段工,没接触过采购中心": the rep's dropped subject, not 段工)
                cjk = bool(_CJK.search(sentence[start:end]))
                clause = max((m.end() for m in wordlists.CLAUSE.finditer(sentence, 0, start)), default=0)
                after = re.split(r"[,，;；:：\s]", _ZH_HEAD.sub("", sentence[end:]), maxsplit=1)[0]
                who = judge.actor(sentence, start, nearest=True)
                named = who.words and who.words in sentence[clause:start].lower()
                if cjk:  # someone before and someone after: the one before is the subject ("周經理從沒見過友商的業務")
                    someone_else = who.who != actors.US and bool(_items(after)) and bool(
                        _ZH_TAIL.sub("", sentence[clause:start]).strip(" ,，:：(（"))
                else:
                    someone_else = who.who != actors.US and bool(named)
                if someone_else:
                    if aside is not None:
                        aside.append(actors.set_aside("never met", sentence, who.note()))
                    continue
            after = sentence[end:]
            people = _items(after) if not _CJK.search(sentence[start:end]) else []
            if _CJK.search(sentence[start:end]):
                before = _ZH_TAIL.sub("", sentence[:start]).strip()
                before = re.split(r"[,，:：]", before)[-1]
                people = _items(before) if before else _items(_ZH_HEAD.sub("", after))
            for p in people:
                if p not in found:
                    found.append(p)
    return found


def mark(a: dict[str, Any], account: Account, gone: set[str],
         spans: Callable[[Optional[str]], list[tuple[int, int]]], judge: Optional[actors.Judge] = None) -> None:
    """Set the unmet people on the account fact ``a``. ``gone``: contacts who have left; ``judge``: who acts."""
    met = [c.name for c in account.contacts if c.met]
    if len(met) == 1 and met[0] not in gone:  # the thread itself has gone: a handover, not a widening
        a["only_met_contact"] = met[0]
    aside: list[str] = []
    written = read(account.notes, spans, judge, aside)
    for v in account.visits:
        written += [p for p in read(v.note, spans, judge, aside) if p not in written]
    if aside:
        a["unmet_set_aside"] = aside
    # someone written as never met but on file as met since is met
    written = [p for p in written if not any(m.lower() in p.lower() for m in met)]
    on_file = [c for c in account.contacts if not c.met and c.name not in gone]
    on_file_text = [f"{c.name} ({c.title})" if c.title else c.name for c in on_file]
    written = [p for p in written if not any(c.name.lower() in p.lower() for c in on_file)]
    a["unmet_people"] = written
    a["unmet_known_count"] = len(on_file) + len(written)
    people = on_file_text + written
    if people:
        a["unmet_known_en"] = ", ".join(people)
        a["unmet_known_zh"] = "、".join(people)
