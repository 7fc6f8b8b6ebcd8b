"""A decider new in the post whom we have not yet heard out (session 17, issue 22: earning the right).

A plant manager who joined in March, a CIO "since September, from another bank", 总经理(2027年3月到任), a procurement
head to whom the account "moved on 1 March": the person who now decides came after the sale was opened with someone
else. What the predecessor or the users told us is not what the newcomer will judge us on, so the right to propose, to
quote or to close has to be earned again with them — prepare, meet, learn what they need (seed 001 · 二、IBM的销售模式
争取销售权利; 002 · 二、大客户处境 3: who matters most has just changed). A coach holds the proposal, the price letter and
the discount until that conversation has happened.

Read on each contact (not departed) from the title, where a rep writes the arrival:

- ``contact.new_in_post``: the title holds a word of arriving (the packs' vocabulary ``arrived``: new, joined, 到任,
  新任 …), or a word that says arrival only beside a date (vocabulary ``arrived_dated``: since, moved to, 入职, 起 …)
  with a date in the title — and no date in the title is older than ``NEW_IN_POST_DAYS`` before the as-of date (a
  "Plant Manager, joined 2019" is no newcomer). ``new_in_post_words`` quotes the title (the evidence).
- ``contact.needs_unheard``: we have not had a real conversation with them — never met, or every visit with them
  shorter than ``BRIEF_VISIT_MINUTES`` (a card handed over in the lobby, fifteen minutes at a trade fair). A visit
  whose length is not written counts as a conversation: only what the record shows lowers the step.

``new_decider`` (account): the first such contact holding the decider role — the step of a deal at propose or close is
at needs with them (advisor/accounts/steps.py, basis ``new_decider``). Bookkeeping only: the words are the packs', the
advice is rules/core/selling-right.yaml's (core.steps.earn-the-right-with-the-new-decider).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, Optional

from .account import Account

# a newcomer stays new for a year: within it the predecessor's or the users' view of the need is still what the record
# holds, and the first budget round of their own is ahead of them (derived: one budget cycle)
NEW_IN_POST_DAYS = 365
# a meeting shorter than this is a greeting, not a needs conversation (derived: a needs meeting takes half an hour at
# least — seed 001 · 需求分析 asks the problem, the scale, the timeline, who judges; a 5-minute lobby chat or a
# 15-minute fair chat asks none of it)
BRIEF_VISIT_MINUTES = 20

CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    "account": {
        "new_decider": ("text", "a decider new in the post (contact.new_in_post) not yet heard out "
                                "(contact.needs_unheard), the first written; absent when none "
                                "(advisor/accounts/newdecider.py)"),
    },
    "contact": {
        "new_in_post": ("bool", "the title says the contact arrived in the post lately: a word of the vocabulary "
                                "arrived, or of arrived_dated beside a date — no date in it older than a year "
                                "(advisor/accounts/newdecider.py)"),
        "new_in_post_words": ("text", "the title that says so, as written (the evidence)"),
        "needs_unheard": ("bool", "never met, or every visit with them shorter than 20 minutes: nobody has heard "
                                  "from them what they need"),
    },
}
CATALOG_ZH: dict[str, dict[str, str]] = {
    "account": {"new_decider": "新到任、我们还没听过其需求的决策人(contact.new_in_post 且 contact.needs_unheard),取第一位;"
                               "没有时不存在(advisor/accounts/newdecider.py)"},
    "contact": {
        "new_in_post": "职务写明此人刚到任:词表 arrived 的词,或词表 arrived_dated 的词且写了日期——职务里的日期都不早于一年前"
                       "(advisor/accounts/newdecider.py)",
        "new_in_post_words": "写明到任的职务原文(证据)",
        "needs_unheard": "从未见过,或每次拜访都不到20分钟:还没有人听对方讲过需要什么",
    },
}

_MONTHS = {m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                           "nov", "dec"))}
# the dates a title writes: 2027-03-01 / 2027/3, 2027年3月(15日), "1 Apr 2027" / "September 2027" / "Sept. 2027",
# a bare year last (its middle is taken)
_ISO = re.compile(r"(?<!\d)(20\d\d)[-/.](\d{1,2})(?:[-/.]\d{1,2})?(?!\d)")
_ZH = re.compile(r"(?<!\d)(20\d\d)\s*年\s*(\d{1,2})\s*月")
_EN = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?"
                 r"(20\d\d)\b")
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def title_dates(title: str) -> list[dt.date]:
    """The dates a title writes (the first of the month; a bare year: its 1 July), in the order found."""
    low = title.lower()
    got: list[dt.date] = []
    spans: list[tuple[int, int]] = []
    for pattern, year_first in ((_ISO, True), (_ZH, True), (_EN, False)):
        for m in pattern.finditer(low):
            year, month = (m.group(1), m.group(2)) if year_first else (m.group(2), _MONTHS[m.group(1)])
            month = int(month)
            if 1 <= month <= 12:
                got.append(dt.date(int(year), month, 1))
                spans.append(m.span())
    for m in _YEAR.finditer(low):
        if not any(a <= m.start() < b for a, b in spans):
            got.append(dt.date(int(m.group(1)), 7, 1))
    return got


def arrival_words(title: Optional[str], as_of: dt.date, arrived: Callable[..., Optional[str]],
                  arrived_dated: Callable[..., Optional[str]]) -> Optional[str]:
    """The words of ``title`` saying its holder arrived in the post within NEW_IN_POST_DAYS of ``as_of``, or None."""
    if not title:
        return None
    dates = title_dates(title)
    if any((as_of - d).days > NEW_IN_POST_DAYS for d in dates):
        return None  # "joined 2019": long in the post
    word = arrived(title)
    if word is None and dates and all(d <= as_of for d in dates):
        word = arrived_dated(title)
    return word


def unheard(name: str, met: bool, account: Account) -> bool:
    """Never met, or met only in passing: every visit with them written shorter than BRIEF_VISIT_MINUTES."""
    if not met:
        return True
    mine = [v for v in account.visits if v.contact == name]
    return bool(mine) and all(v.minutes is not None and v.minutes < BRIEF_VISIT_MINUTES for v in mine)


def mark(facts: list[dict[str, Any]], account: Account, a: dict[str, Any], as_of: dt.date,
         arrived: Callable[..., Optional[str]], arrived_dated: Callable[..., Optional[str]]) -> None:
    """Set new_in_post, new_in_post_words and needs_unheard on the contact facts, and new_decider on the account fact
    ``a`` (in place)."""
    titles = {c.name: c.title for c in account.contacts}
    for f in facts:
        if f["kind"] != "contact" or f.get("departed"):
            continue
        words = arrival_words(titles.get(f["name"]), as_of, arrived, arrived_dated)
        f["new_in_post"] = bool(words)
        if words:
            # the title as written is the evidence: "到任" alone says less than "客房部总监(2027年2月到任)"
            f["new_in_post_words"] = " ".join(str(titles.get(f["name"])).split())
        f["needs_unheard"] = unheard(f["name"], bool(f.get("met")), account)
        if words and f["needs_unheard"] and "decider" in (f.get("roles") or ()) and "new_decider" not in a:
            a["new_decider"] = f["name"]
