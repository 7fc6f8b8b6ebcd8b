"""Does a note record that a visit's next step was done? (issue 23, session 6.)

A rep writes the next step on the visit ("send pilot proposal for 20 DC units") and, when it is done, often only a
note ("proposal sent 24 Nov", "报价单已于11月24日发出") — no later visit to the same person, no ``status: kept``.
Read as still open, the kept step comes back as an overdue promise and pushes the account's real next move (a
buyer's doubt waiting for its proof) down the list.

A note records the step done when, in one clause, a word of the step itself (an English word of four letters or
more that is not a filler, or two Chinese characters of it) stands beside a word of the packs' vocabulary
``step_done`` (sent, delivered, submitted, 已发, 已提交 …; rules/core/pack.yaml) — not negated ("not sent yet",
"还没发") and not future ("will be sent", "将于周五发出"). Bookkeeping only; promises.py decides what is open.
"""
from __future__ import annotations

import re
from typing import Callable, Optional

from . import wordlists

# words of a next step that say nothing about what it is ("send them the … for the …")
_FILLER = {"send", "sending", "bring", "with", "that", "this", "them", "their", "they", "from", "about", "into",
           "over", "after", "before", "will", "have", "next", "week", "month", "friday", "monday", "tuesday",
           "wednesday", "thursday", "saturday", "sunday", "today", "tomorrow", "email", "e-mail", "call", "back",
           "follow", "up", "again", "more", "also", "some", "what", "when", "which"}
# … nor two characters naming the people ("给客户发方案" is about the 方案, not the 客户)
_FILLER_ZH = {"客户", "客戶", "对方", "對方", "我们", "我們", "他们", "他們", "一下", "一份", "发给", "發給", "给他", "給他"}
_EN_WORD = re.compile(r"[a-z][a-z-]{3,}")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
# a deed still to come is not done: "will be sent", "to be submitted", "将于周五发出", "准备发"
_FUTURE = re.compile(r"(?<![a-z])(?:will|to be|shall|going to|yet to)(?![a-z])|将|將|准备|準備|待|要")


def _things(step: str) -> tuple[list[str], list[str]]:
    low = step.lower()
    en = sorted({w for w in _EN_WORD.findall(low) if w not in _FILLER})
    zh = sorted({run[i:i + 2] for run in _CJK_RUN.findall(low) for i in range(len(run) - 1)} - _FILLER_ZH)
    return en, zh


def finder(vocabulary: Optional[wordlists.Vocabulary]) -> Callable[..., Optional[str]]:
    """``done(step, *notes)``: the words of a note that record ``step`` as done, or None."""
    done_words = (vocabulary or {}).get("step_done") or {}

    def done(step: Optional[str], *notes: Optional[str]) -> Optional[str]:
        if not step:
            return None
        en, zh = _things(step)
        if not (en or zh):
            return None
        find = wordlists.pair_finder({"thing": {"en": en, "zh": zh}, "done": done_words}, "thing", "done",
                                     16, cjk_window=10)
        for note in notes:
            for clause in re.split(r"[.;!?\n。；！？]", note or ""):
                hit = find(clause)
                if hit is not None and not _FUTURE.search(hit):
                    return hit
        return None
    return done
