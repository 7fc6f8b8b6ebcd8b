"""When a customer's words put something in time (issue 22, session 7): a quarter, a month written alone, a named
period — the time anchors the openings reader dates an opening or a customer's event by (accounts/openings.py).

A date written with its day is the promises' reading (promises.written_date). Here: a quarter with its year ("Q1
2027", "2027年一季度": its last day, or its first where the thing starts then); a month written alone ("in January",
"every June", "3月份"): its first day — the window is open until the month begins — or its last when the words say
within or by its end ("12月內", "12月底前"); a named period (the packs' vocabularies ``period_<name>``: year-end, 尾牙,
春茗, Christmas, Ramadan …) on its next date (``on:`` a month, a day every year, or the days of a period that moves).
The next one on or after the day the text was written; the words are the packs', this module only reads them.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, Optional

from . import promises, wordlists

PERIOD_PREFIX = "period_"  # the vocabularies that name a period and when it falls (language/pack.py Words.on)

_QUARTER = re.compile(r"(?<![a-z0-9])(?:q([1-4])\s*[-/ ]?\s*(\d{4})|(\d{4})\s*[-/ ]?\s*q([1-4]))(?![a-z0-9])|"
                      r"(\d{4})年\s*(?:第)?([一二三四1-4])季度")
# a quarter without its year: "in Q1", "by Q3", "一季度", "第二季度"
_BARE_QUARTER = re.compile(r"(?<![a-z0-9])q([1-4])(?![a-z0-9])|(?:第)?([一二三四])季度")
# the month after the one written in ("next month", "下个月"): its first day
_NEXT_MONTH = re.compile(r"(?<![a-z])next month(?![a-z])|下个?月(?![\d底末中初上下旬]|份?\d)|下個月")
_START = re.compile(r"start|begin|kick|open|开始|開始|启动|啟動|开工|開工")
_ZH_Q = {"一": 1, "二": 2, "三": 3, "四": 4}
# a month named alone after a word that places something in it ("in January", "every June", "next March")
_MONTH_EN = re.compile(r"(?<![a-z])(?:in|by|before|until|from|early|mid|during|every|each|next|this|coming)\s+("
                       + promises.MONTH_RE + r")\.?(?:\s+(\d{4}))?(?![a-z])")
_MONTH_ZH = re.compile(r"(?:(\d{4})年)?(?<!\d)(\d{1,2})月份?(?![\d日号號底末中初上下旬])")
# a month said to recur or to come ("every January", "next March", "每年3月", "明年1月"): past this year, it is next year's
_RECUR_EN = frozenset({"every", "each", "next", "coming"})
_RECUR_ZH = re.compile(r"(?:每年|年年|每逢|明年|來年|来年)\s*$")
_WITHIN = re.compile(r"^\s*(?:内|內|之内|之內|以内|以內)")  # "12月內": by the month's end, not its first day


def quarter(text: str, made: Optional[dt.date] = None) -> Optional[dt.date]:
    """A quarter written with its year ("Q1 2027", "2027年一季度"): its first day where the sentence says the thing
    starts then ("planning starts Q1 2027"), else its last. With ``made``, also one written without its year ("in
    Q1", "一季度"): the next one that has not ended on that day. ``text`` lower-cased."""
    m = _QUARTER.search(text)
    if not m:
        bare = _BARE_QUARTER.search(text) if made else None
        if not bare:
            return None
        q = _ZH_Q.get(bare.group(1) or bare.group(2)) or int(bare.group(1) or bare.group(2))
        first = dt.date(made.year, 3 * q - 2, 1)
        if promises.quarter_end(first) < made:
            first = dt.date(made.year + 1, 3 * q - 2, 1)
        return first if _START.search(text) else promises.quarter_end(first)
    q, year = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3)) if m.group(4) else \
        (m.group(6), m.group(5))
    q = _ZH_Q.get(q) or int(q)
    first = dt.date(int(year), 3 * q - 2, 1)
    if _START.search(text):
        return first
    return promises.quarter_end(first)


def month(low: str, made: dt.date, roll: bool = True, this_month: bool = False) -> Optional[dt.date]:
    """A month written alone ("the budget is set in January", "预算3月份批下来"): its first day — the window is open
    until that month begins, whatever day in it the thing is settled — or its last day where the words say within
    it ("12月內定") or, ``this_month``, it is the month written in (a customer's "12月要定", written on 10 Dec: this
    December); on or after the day written, else next year's — or, ``roll`` false and no word before it saying it
    recurs or comes ("every", "next", "每年", "明年"), None (a month past this year is a past event)."""
    m = _MONTH_EN.search(low)
    within = False
    if m:
        number, year = promises.MONTHS[m.group(1)], m.group(2)
        recurs = m.group(0).split()[0] in _RECUR_EN
    else:
        m = _MONTH_ZH.search(low)
        if not m or not 1 <= int(m.group(2)) <= 12:
            return None
        number, year = int(m.group(2)), m.group(1)
        within = bool(_WITHIN.match(low[m.end():]))
        recurs = bool(_RECUR_ZH.search(low[max(0, m.start() - 4):m.start()]))

    def pick(year: int) -> dt.date:
        return promises.month_end(dt.date(year, number, 1)) if within else dt.date(year, number, 1)

    if year:
        return pick(int(year))
    if this_month and number == made.month:
        return promises.month_end(dt.date(made.year, number, 1))
    got = pick(made.year)
    if got >= made:
        return got
    nxt = pick(made.year + 1)
    # unsaid whether it recurs: the nearer of the two — "in February" written in December is the coming one, "until
    # July" written in December the one just past
    return nxt if roll or recurs or (nxt - made).days <= (made - got).days else None


def next_on(on: list[str], made: dt.date) -> Optional[dt.date]:
    """The next day a period falls on or after ``made``: of each "MM" its first day, of each "MM-DD" that day (this
    year's or next), of each "YYYY-MM-DD" that day; the soonest. None when every date given is past."""
    found: list[dt.date] = []
    for when in on:
        parts = [int(p) for p in when.split("-")]
        if len(parts) == 3:
            day = dt.date(*parts)
            if day >= made:
                found.append(day)
            continue
        mo, d = parts[0], (parts[1] if len(parts) == 2 else 1)
        for year in (made.year, made.year + 1):
            try:
                day = dt.date(year, mo, d)
            except ValueError:  # 02-29 in a common year
                continue
            if day >= made:
                found.append(day)
                break
    return min(found) if found else None


Periods = list[tuple[Callable[..., Optional[str]], list[str]]]


def periods(vocabulary: Optional[wordlists.Vocabulary]) -> Periods:
    """The packs' named periods: (a finder of its words, when it falls), in name order."""
    out: Periods = []
    for name in sorted(vocabulary or {}):
        words: Any = (vocabulary or {})[name]
        if name.startswith(PERIOD_PREFIX) and words.get("on"):
            out.append((wordlists.finder(vocabulary, name), list(words["on"])))
    return out


def period(text: str, made: dt.date, named: Periods) -> Optional[tuple[dt.date, str]]:
    """The soonest named period the text speaks of, on its next date on or after ``made``, with its word."""
    found = []
    for find, on in named:
        word = find(text)
        day = next_on(on, made) if word else None
        if day is not None:
            found.append((day, word))
    return min(found) if found else None


def next_month(text: str, made: dt.date) -> Optional[dt.date]:
    """"next month", "下个月" (lower-cased text): the first day of the month after ``made``, else None."""
    if not _NEXT_MONTH.search(text):
        return None
    return promises.month_end(made) + dt.timedelta(days=1)
