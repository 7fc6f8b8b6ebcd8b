"""Promises as facts (issue 22): what was promised, to whom, by when — until it is kept.

A promise comes from the account's ``promises:`` list or from a visit's ``next_step`` (what was
agreed to do next). Its due date is, in this order: the ``due:`` written down; a date written in
the text ("by 13 Nov", "13 Nov", "11月25日前", "next Friday", "月底前", "本周五", "下周一之前", "end of
month", "EOW", "本周内", "by the 5th", "季度末", "12月底前", "mid-December", "下月5号", "within 10 working
days"), read relative to the day it was made (the visit's date); else the pack's default number of days
after it was made (``due_assumed``: the rules say so in their text). Of several dates written with their
month, the one a deadline word marks ("the 7 Nov trip's report, by 27 Nov"); a date that had passed when the
promise was made names an event, so a relative deadline ("next Friday") beside it stands.

Weekdays: "this Friday", "by Friday", "on Fri", "this coming Friday" are the first Friday on or
after the day it was made. "next Friday" is the Friday of the *next calendar week* (Monday to
Sunday), whatever day it was said on — the reading of parsedatetime, and of the business usage
"next Friday" = "Friday next week"; dateparser reads it as the coming Friday instead, so the
parsers disagree and we take the later date only where the words say "next", never guessing an
earlier one. Said on a Saturday or Sunday both readings agree. 下周五 is always next week's Friday,
本周五 / 这周五 this week's (or the coming one when said after it).

Every open promise also has a stable ``key`` (from its origin, words, contact and date made, not its
place in the list), so feedback marks one promise done — not every promise of the same rule and contact.

An open promise never leaves the list because time passed: it stays until its status is kept or
cancelled, the rep marks the action done (feedback store), or — for a visit's next step — a later
visit to the same contact records that the rep went back with it, or a note of that visit or a later one
records it done ("proposal sent 24 Nov": stepdone.py).

Whose promise it is: a ``promises:`` entry says (``by:``, the rep by default). A visit's next step is the
rep's unless its words make the customer the doer — it opens with the customer ("customer", "they",
"客户", "对方", the contact's own name: "Luis to send …", "王总确认 …") or names a deed only a customer does
(a purchase order: "PO", "purchase order", "下单", "采购订单"). A customer's step is chased as theirs, never
rewritten as the rep's own. A next step that only says what NOT to do ("别再发报价了", "別急著簽", "no need to send
the quote — they will call": wordlists.told_not_to) is no promise at all. A next step that restates a
``promises:`` entry (same contact, made on the
visit's day, same due date) is that promise, listed once.
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from typing import Any, Callable, Optional

from . import stillowed, wordlists
from .account import Account

DEFAULT_DAYS = 14  # when no pack gives promise_default_days

FIELDS: dict[str, tuple[str, str]] = {
    "what": ("text", "what was promised, as written"),
    "by": ("text", "who promised: rep or customer (a visit's next step is the customer's when its words make the "
                   "customer the doer: accounts/promises.py)"),
    "to": ("text", "the contact it was made to (or by, when the customer promised)"),
    "contact": ("text", "the same contact (the action's who)"),
    "contact_roles": ("list", "that contact's buying roles"),
    "status": ("text", "open / kept / cancelled"),
    "due_in_days": ("number", "days from the as-of date to the due date; negative when overdue"),
    "days_past_due": ("number", "minus due_in_days: days past the due date (negative while it is ahead)"),
    "days_overdue": ("number", "days past the due date; 0 when not overdue"),
    "due_assumed": ("bool", "no date was given or found in the text: the pack's default days after it was made"),
    "due_note_en": ("text", "how the due date stands, in English words (for the action's text)"),
    "due_note_zh": ("text", "how the due date stands, in Chinese words (for the action's text)"),
    "origin": ("text", "promises (the account's promises: list) or visit (a visit's next_step)"),
    "due": ("text", "the due date, YYYY-MM-DD (given, read from the text, or assumed)"),
    "days_since_made": ("number", "days since it was made"),
    "key": ("text", "a stable key of this promise (p + 7 hex digits), for feedback on one promise: "
                    "advisor done … --promise KEY"),
}
# fields that move with the as-of date while nothing happens (a promise marked done must stay done tomorrow:
# feedback fingerprints leave them out and keep ``due``, the date itself)
VOLATILE = frozenset({"due_in_days", "days_past_due", "days_overdue", "due_note_en", "due_note_zh"})

# a promise of ours made this recently is still the deal's live business (the test units, the data, the cost case
# the decision waits for); an older open one is a promise to keep (core.promises.*), not the deal's current step
LIVE_PROMISE_DAYS = 30

ACCOUNT_FIELDS: dict[str, tuple[str, str]] = {
    "open_promise_count": ("number", "open promises (the promises: list and visits' next steps not yet followed up)"),
    "overdue_promise_count": ("number", "open promises past their due date"),
    "overdue_own_promise_count": ("number", "open promises of ours (by: rep) past their due date: what we owe the customer"),
    "live_own_promise_count": ("number", f"open promises of ours (by: rep) made within the last {LIVE_PROMISE_DAYS} days, "
                                         f"due or not, or overdue by {LIVE_PROMISE_DAYS} days at most on a date written: the proof, test, "
                                         "data or case in flight that a concession must not run ahead of"),
    "customer_step_ahead_count": ("number", "open promises of the customer's (by: customer) on a date written, not yet "
                                            "due: a dated commitment already in hand — no closing push runs ahead of it"),
}


FIELDS_ZH: dict[str, str] = {
    "what": "承诺的内容(原文)",
    "by": "谁作出的承诺:rep(我方)或 customer(客户)(拜访的下一步若写明由客户去做,即为客户的承诺)",
    "to": "承诺的对象联系人(客户承诺时为作出承诺的人)",
    "contact": "同一联系人(行动的对象)",
    "contact_roles": "该联系人的采购角色",
    "status": "open / kept / cancelled",
    "due_in_days": "截至日到期限的天数;逾期时为负",
    "days_past_due": "due_in_days 的相反数:超过期限的天数(期限未到时为负)",
    "days_overdue": "超过期限的天数;未逾期为0",
    "due_assumed": "未给出日期、文字中也找不到:按规则包默认天数计",
    "due_note_en": "期限情况的英文说明(用于行动文字)",
    "due_note_zh": "期限情况的中文说明(用于行动文字)",
    "origin": "promises(客户档案的 promises: 列表)或 visit(拜访的 next_step)",
    "due": "期限日期,YYYY-MM-DD(给定的、从文字读出的或推定的)",
    "days_since_made": "作出承诺至今的天数",
    "key": "该承诺的稳定键(p + 7位十六进制),用于只对这一项承诺反馈:advisor done … --promise KEY",
}
ACCOUNT_FIELDS_ZH: dict[str, str] = {
    "open_promise_count": "未兑现的承诺数(promises: 列表及尚未回访的拜访下一步)",
    "overdue_promise_count": "已过期限的未兑现承诺数",
    "overdue_own_promise_count": "我方(by: rep)已过期限的未兑现承诺数:欠客户的",
    "live_own_promise_count": f"我方(by: rep)近{LIVE_PROMISE_DAYS}天内作出、或按写明的日期逾期不超过{LIVE_PROMISE_DAYS}天、尚未兑现的承诺数(不论是否到期):正在兑现中的证据、测试、数据或方案,让步不能抢在它前面",
    "customer_step_ahead_count": "客户(by: customer)按写明日期作出、尚未到期的承诺数:已经拿到有日期的承诺——不必再抢在它前面促成",
}


# the shape every fact module gives facts.py and facts_zh.py
CATALOG = {"account": ACCOUNT_FIELDS, "promise": FIELDS}
CATALOG_ZH = {"account": ACCOUNT_FIELDS_ZH, "promise": FIELDS_ZH}


# --------------------------------------------------------------- dates in text ---
# the months in English, written and read by one table (the decline note's "no order since 3 Nov", the trace's dates,
# "by 13 Nov" read here) — fixed words, not the calendar module's, which follow the machine's locale
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
MONTH_ABBR = tuple(m[:3] for m in MONTH_NAMES)
MONTHS = {m.lower(): i for i, m in enumerate(MONTH_ABBR, start=1)}
MONTHS.update({m.lower(): i for i, m in enumerate(MONTH_NAMES, start=1)})
MONTHS["sept"] = 9
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))


def day_month(d: dt.date, lang: str) -> str:
    """A day as a rep writes it: "13 Nov", 11月13日."""
    return f"{d.month}月{d.day}日" if lang == "zh" else f"{d.day} {MONTH_ABBR[d.month - 1]}"


# the weekdays in English, fixed words as the months (calendar.day_name follows the machine's locale)
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS_EN = {d.lower(): i for i, d in enumerate(_DAY_NAMES)}
_WEEKDAYS_EN.update({d[:3].lower(): i for i, d in enumerate(_DAY_NAMES)})
_WEEKDAYS_ZH = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_ZH_NUM = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _on_or_after(made: dt.date, month: int, day: int, year: Optional[int] = None) -> Optional[dt.date]:
    """The date with that month and day, in the given year, else the first on or after ``made``
    (a promise is about the future: "by 5 Jan" said on 20 Dec is next January)."""
    try:
        if year:
            return dt.date(year, month, day)
        got = dt.date(made.year, month, day)
        return got if got >= made else dt.date(made.year + 1, month, day)
    except ValueError:
        return None


def month_end(d: dt.date) -> dt.date:
    """The last day of d's month."""
    return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def _weekday(made: dt.date, weekday: int, next_week: bool) -> dt.date:
    """This week's (or next week's) given weekday; "this Friday" said on Saturday is the coming one."""
    monday = made - dt.timedelta(days=made.weekday())
    got = monday + dt.timedelta(days=weekday + (7 if next_week else 0))
    return got if got >= made else got + dt.timedelta(days=7)


def _zh_number(text: str) -> Optional[int]:
    if text.isdigit():
        return int(text)
    if text in _ZH_NUM:
        return _ZH_NUM[text]
    return None


def quarter_end(d: dt.date) -> dt.date:
    return month_end(dt.date(d.year, (d.month - 1) // 3 * 3 + 3, 1))


def _day_of_month(made: dt.date, day: int) -> Optional[dt.date]:
    """The first such day of a month on or after ``made`` ("by the 5th" said on the 20th is next month's)."""
    for months in range(0, 3):
        y, m = divmod(made.month - 1 + months, 12)
        try:
            got = dt.date(made.year + y, m + 1, day)
        except ValueError:
            continue
        if got >= made:
            return got
    return None


# a date written with its month: ISO, 12月5日, "5 Dec", "Dec 5" — (pattern, group of year, month, day; month by name?)
_WRITTEN = (
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), (1, 2, 3), False),
    (re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号號]"), (1, 2, 3), False),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_RE})\.?(?:\s+(\d{{4}}))?\b"), (3, 2, 1), True),
    (re.compile(rf"\b({MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?"), (3, 1, 2), True),
    # 1/7(四)前, 2027/1/7: month first, as Chinese writes it — read only in Chinese text (in English 3/4 could be
    # either order); the weekday in brackets is part of the date, so "前" after it still marks the deadline
    (re.compile(r"(?<![\d/])(?:(\d{4})/)?(\d{1,2})/(\d{1,2})(?![\d/])"
                r"(?:\s*[（(](?:周|週|星期|禮拜|礼拜)?[一二三四五六日天][)）])?"), (1, 2, 3), False),
)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# a part of a named month: 12月底 / 1月中旬 / 3月初, "end of December", "mid-January", "early March" — its last day,
# the 15th or the 10th (the end of the part a buyer means)
_PART_DAY = {"底": 0, "末": 0, "下旬": 0, "end": 0, "late": 0, "中旬": 15, "中": 15, "mid": 15, "上旬": 10, "初": 10,
             "early": 10}
_MONTH_PARTS = (
    (re.compile(r"(\d{1,2})月份?(底|末|下旬|中旬|中|上旬|初)"), 1, 2, False),
    (re.compile(rf"\b(?:the\s+)?(end)\s+of\s+({MONTH_RE})\b"), 2, 1, True),
    (re.compile(rf"\b(mid|early|late)[- ]?({MONTH_RE})\b"), 2, 1, True),
)
# the words that make a written date the deadline: "by 27 Nov", "due Dec 5", "12月5日前"
_DEADLINE_BEFORE = re.compile(r"(?:\bby|\bbefore|\buntil|\btill|\bdue(?: on| by)?|no later than|not later than)\s+(?:the\s+)?$")
_DEADLINE_AFTER = re.compile(r"^\s*(?:之前|以前|前)")


def written_date(text: str, made: dt.date) -> Optional[tuple[dt.date, bool]]:
    """The due date among the dates written with their month. One date is the due date. Of several — "the report
    on the 7 Nov feeder trip, by 27 Nov" — the one a deadline word marks ("by", "before", "前"); else the first that
    falls on or after the day it was made (a date already past then names an event, not the deadline); else the
    first written. With it, whether it had passed when made (it was read as next year's)."""
    low = text.lower()
    found: list[tuple[int, int, dt.date, bool]] = []  # (rank, position, date, passed)
    for pattern, (y, mo, d), by_name in _WRITTEN:
        if "/" in pattern.pattern and not _CJK.search(text):
            continue
        for m in pattern.finditer(low):
            month = MONTHS[m.group(mo)] if by_name else int(m.group(mo))
            if not 1 <= month <= 12:
                continue
            year = int(m.group(y)) if m.group(y) else None
            got = _on_or_after(made, month, int(m.group(d)), year)
            if got is None:
                continue
            marked = bool(_DEADLINE_BEFORE.search(low[max(0, m.start() - 20):m.start()])
                          or _DEADLINE_AFTER.match(low[m.end():m.end() + 3]))
            passed = year is None and got.year > made.year  # rolled into next year: it had passed when made
            found.append((0 if marked else 1 if not passed else 2, m.start(), got, passed))
    for pattern, mo, part, by_name in _MONTH_PARTS:
        for m in pattern.finditer(low):
            month = MONTHS[m.group(mo)] if by_name else int(m.group(mo))
            if not 1 <= month <= 12:
                continue
            got = _month_part(made, month, _PART_DAY[m.group(part)])
            marked = bool(_DEADLINE_BEFORE.search(low[max(0, m.start() - 20):m.start()])
                          or _DEADLINE_AFTER.match(low[m.end():m.end() + 3]))
            passed = got.year > made.year
            found.append((0 if marked else 1 if not passed else 2, m.start(), got, passed))
    return (min(found)[2], min(found)[3]) if found else None


def _month_part(made: dt.date, month: int, day: int) -> dt.date:
    """That day of the month (0: its last), on or after ``made`` — this year's, else next year's."""
    for year in (made.year, made.year + 1):
        got = dt.date(year, month, day or calendar.monthrange(year, month)[1])
        if got >= made:
            return got
    return got


def due_from_text(text: str, made: dt.date) -> Optional[dt.date]:
    """The due date a promise's words give, read relative to the day it was made; None when none. A date written
    with its month comes first — unless every such date had already passed when the promise was made ("met on
    3 Nov, quote next Friday"): then a relative date ("next Friday") is the deadline, and the past one only when
    there is no other."""
    written = written_date(text, made)
    if written and not written[1]:
        return written[0]
    return relative_date(text, made) or (written[0] if written else None)


# the day itself as a deadline (en, zh, zh-Hant): "today" with a limit word, a part of the day with one, or the
# evening and morning words that name no other day
_TODAY_DEADLINE = re.compile(
    r"(?:今天|今日|本日|当天|當天|今早|今晨|今晚|今夜|即日)(?:[^，。,;；]{0,8}?)(?:之?前|以前|之?内|之?內)"
    r"|(?:今晚|今夜|今天晚上|今天下午|今天上午|今早|今晨|今天早上|今日中)"
    r"|(?:中午|午前|下班|收工|打烊|晚上|下午|上午|傍晚|(?:\d{1,2}|[一二两兩三四五六七八九十]{1,3})[点點時时](?:半|\d{1,2}分?)?|\d{1,2}[:：]\d{2})(?:之前|以前|前)"
    r"|\b(?:by|before|until|till|no later than)\s+(?:today|tonight|noon|midday|lunch(?:time)?|this (?:morning|afternoon|"
    r"evening)|close of (?:business|play)|end of (?:the )?(?:day|business day)|\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)"
    r"|\d{1,2}:\d{2})"
    r"|\b(?:tonight|later today|today before|end of (?:the )?day|eod|cob)\b")


def relative_date(text: str, made: dt.date) -> Optional[dt.date]:
    """A deadline said relative to the day made: a weekday, the month's or week's end, tomorrow, the 5th, in two weeks."""
    t = text.lower()
    # "下周五", "下个礼拜五", "下個禮拜五", "下星期五" are all next week's Friday: the measure word 个/個 and the
    # traditional 週/禮拜 change the words, not the week (session 8, paraphrase tests)
    m = re.search(r"(下下个?|下下個|下个?|下個|本|这个?|這個?|本个)?(?:周|週|星期|礼拜|禮拜)([一二三四五六日天])", text)
    if m:
        return _weekday(made, _WEEKDAYS_ZH[m.group(2)], next_week=(m.group(1) or "").startswith("下"))
    days = "|".join(sorted(_WEEKDAYS_EN, key=len, reverse=True))
    m = re.search(r"\b(next|this(?: coming)?|coming|by|on|before|until|due)\s+(" + days + r")\b", t)
    if m:  # "next Friday": next week's Friday (the module's docstring says why)
        return _weekday(made, _WEEKDAYS_EN[m.group(2)], next_week=m.group(1) == "next")
    m = re.search(r"(本|这个?|下个?)月(\d{1,2})[号日號]", text)
    if m:  # 本月20号 / 下月5号: the day of this or next month
        base = made if m.group(1)[0] in "本这" else month_end(made) + dt.timedelta(days=1)
        try:
            return dt.date(base.year, base.month, int(m.group(2)))
        except ValueError:
            return None
    if re.search(r"下个?月中", t):
        nxt = month_end(made) + dt.timedelta(days=1)
        return dt.date(nxt.year, nxt.month, 15)
    if re.search(r"(?:本|这个?)月中", t) and made.day <= 15:
        return dt.date(made.year, made.month, 15)
    if re.search(r"before christmas|圣诞节?前|聖誕節?前", t):
        return dt.date(made.year if (made.month, made.day) <= (12, 24) else made.year + 1, 12, 24)
    m = re.search(r"\bwithin\s+(\d+)\s+(?:working|business)\s+days?\b|(\d+)个?工作日[内之]", t)
    if m:  # counted Monday to Friday
        due, left = made, min(int(m.group(1) or m.group(2)), 2600)  # ten years of working days at most
        while left:
            due += dt.timedelta(days=1)
            left -= due.weekday() < 5
        return due
    # the longer phrases first: "下个月底" holds "月底", "end of next week" holds "next week"
    if re.search(r"下个?月底|下个?月末|end of next month", t):
        return month_end(month_end(made) + dt.timedelta(days=1))
    if re.search(r"下个?月初|early next month|beginning of next month", t):
        return month_end(made) + dt.timedelta(days=5)
    if re.search(r"下个?月内|下个?月之前|(?:within|in|by|during) next month", t):
        return month_end(month_end(made) + dt.timedelta(days=1))
    if re.search(r"月底|月末|end of (the )?month|month[- ]end|\beom\b", t):
        return month_end(made)
    if re.search(r"季度末|季末|本季度内|end of (the )?quarter|quarter[- ]end|\beoq\b", t):
        return quarter_end(made)
    if re.search(r"年底|年末|end of (the )?year|year[- ]end|\beoy\b", t):
        return dt.date(made.year, 12, 31)
    if re.search(r"下[个個]?(?:周|週|礼拜|禮拜|星期)(?:末|内|內|之内|之內)|end of next week|next week", t):
        return _weekday(made, 4, next_week=True)
    if re.search(r"周末前|(?:本|这个?|這個?)(?:周|週|礼拜|禮拜|星期)(?:内|內|之内|之內)|end of (the )?week|this week|\beow\b", t):
        return _weekday(made, 4, next_week=False)
    if re.search(r"后天|day after tomorrow", t):
        return made + dt.timedelta(days=2)
    if re.search(r"明天|明日|明早|明晨|tomorrow", t):
        return made + dt.timedelta(days=1)
    # only words that set a deadline ("discussed today" in a note is no due date): today with a limit, or a time of
    # day with one — "今天中午前", "下班前", "by noon", "tonight", "by 5pm" — all fall on the day it was written
    if _TODAY_DEADLINE.search(t):
        return made
    m = re.search(r"\bby the (\d{1,2})(?:st|nd|rd|th)\b", t) or re.search(r"(?<![月\d])(\d{1,2})[号日](?:之?前|以前)", text)
    if m:
        return _day_of_month(made, int(m.group(1)))
    if re.search(r"半个?月内|\bfortnight\b", t):
        return made + dt.timedelta(days=14)
    m = re.search(r"(\d+|[一两二三四五六七八九十])\s*(?:个)?(天|日|周|星期|个月)[内之]", text)
    if m and _zh_number(m.group(1)):
        n = _zh_number(m.group(1))
        return made + dt.timedelta(days=n * {"天": 1, "日": 1, "周": 7, "星期": 7, "个月": 30}[m.group(2)])
    m = re.search(r"\b(?:within|in)\s+(\d+|a|one|two|three)\s+(day|week|month)s?\b", t)
    if m:
        n = {"a": 1, "one": 1, "two": 2, "three": 3}.get(m.group(1)) or int(m.group(1))
        return made + dt.timedelta(days=n * {"day": 1, "week": 7, "month": 30}[m.group(2)])
    return None


# ------------------------------------------------------------------ whose step ---
# the customer as the subject at the start of a next step, or a deed only the customer does (a purchase order)
_CUSTOMER_START_EN = re.compile(r"^\W*(?:the\s+)?(?:customer|client|buyer|they|he|she)\b", re.IGNORECASE)
_CUSTOMER_START_ZH = re.compile(r"^\W*(?:客户|客戶|对方|對方|他们|他們|他|她)")
# "PO" between Latin letters only — "下周三前发PO" has no word boundary before it in Python's Unicode sense
_CUSTOMER_DEED = re.compile(r"(?<![a-z])(?:po|purchase order)(?![a-z])|下单|下訂單|下订单|采购订单|採購訂單", re.IGNORECASE)


# the customer's own deciding body meeting or deciding, as the step's subject ("Board meets 21 Jan to decide", "The
# management committee will decide by March", "董事会1月21日开会决定", "黨委會下月審議"): the customer's calendar, not a
# deed of ours — read as the rep's promise it made every objection of that day look answered (session 9 round 2,
# issue 23: "show me a cooperative like ours that got its money back" lost to the board's date). Only with a verb of
# meeting or deciding: "Board presentation by 10 Jan" is ours to give
_CUSTOMER_BODY_EN = re.compile(r"^\W*(?:the\s+|their\s+)?(?:[a-z]+\s+)?(?:board|committee|council|management|trustees|"
                               r"directors|shareholders|agm|assembly)\s+(?:(?:will|shall|is to|are to|to|then)\s+)?"
                               r"(?:meets?|meeting|decides?|decide|votes?|vote|approves?|approve|reviews?|review|sits?)\b",
                               re.IGNORECASE)
_CUSTOMER_BODY_ZH = re.compile(r"^\W*(?:(?![给給向为為帮幫替跟和与與把对對])\S){0,8}?(?:董事会|董事會|理事会|理事會|党委会|黨委會|党委|黨委|班子会|班子會|办公会|辦公會|"
                               r"股东会|股東會|社员大会|社員大會|管委会|管委會|决策会|決策會)[^,，。;；]{0,12}?"
                               r"(?:开会|開會|召开|召開|上会|上會|决定|決定|审议|審議|表决|表決|讨论|討論|审批|審批|定)")


# the customer opening a step as the one who *receives* ("Chief to receive the revised quote by 8 Dec", "Anna is to be
# sent the draft", "客户下周二前收到样品"): the deed is still ours — who is named first is not who acts (session 8,
# paraphrase tests: the same promise written in the passive was chased as the customer's). Not "王总收到方案后回复": what
# the customer does after receiving is theirs
_RECEIVES = re.compile(r"^[\s,:]*(?:(?:is|are|will|shall|should)\s+)?(?:to\s+)?(?:receive[sd]?|receiving|be\s+(?:sent|given|"
                       r"handed|emailed|e-mailed|shown)|(?:get|gets|have|has|obtain|obtains)\s+(?:our|it from|them from|"
                       r"the\s+[^.;]*?\bfrom\s+(?:us|me|our|[a-z]+\s+\(?(?:rep|sales)))\b)"
                       r"|^[\s,:]*\S{0,12}?(?:收到|拿到我们|拿到我們|会收到|會收到)(?![^,，。;；]*[后後])", re.IGNORECASE)


def customer_step(text: str, contact: Optional[str]) -> bool:
    """Does a visit's next step record what the *customer* will do (module docstring)? Not where the one named
    first only receives what we send (_RECEIVES)."""
    if _CUSTOMER_DEED.search(text) or _CUSTOMER_BODY_EN.search(text) or _CUSTOMER_BODY_ZH.search(text):
        return True
    for start in (_CUSTOMER_START_EN.search(text), _CUSTOMER_START_ZH.search(text)):
        if start:
            return not _RECEIVES.search(text[start.end():])
    if contact:
        # the contact's name, or its first word ("Luis" of "Luis Herrera"), opening the step as its subject
        first = contact.split()[0]
        step = text.lstrip()
        for name in {contact, first}:
            after = step[len(name):len(name) + 1]
            # a Latin name ends at a word boundary ("Luis to …", not "Luisa"); a Chinese one runs into its verb (王总确认)
            if len(name) >= 2 and step.startswith(name) and not (name.isascii() and after.isalnum()):
                return not _RECEIVES.search(step[len(name):])
    return False


# ----------------------------------------------------------------------- facts ---
def promise_key(origin: str, what: str, to: Optional[str], made: Optional[dt.date]) -> str:
    """A promise's identity that survives a new as-of date, a reordered list and other promises
    added or kept: what was promised, to whom, when, and where it was written."""
    blob = "\x1f".join((origin, what, to or "", made.isoformat() if made else ""))
    return "p" + hashlib.sha256(blob.encode("utf-8")).hexdigest()[:7]

def _notes(due: dt.date, overdue: int, assumed: bool, default_days: int) -> tuple[str, str]:
    when_en = f"{overdue} days overdue (due {due.isoformat()})" if overdue else f"due {due.isoformat()}"
    when_zh = f"已逾期{overdue}天(应于{due.isoformat()}完成)" if overdue else f"应于{due.isoformat()}完成"
    if assumed:
        return (f"{when_en}; no date was agreed — assumed {default_days} days after it was made",
                f"{when_zh};未约定日期——按作出承诺后{default_days}天计")
    return when_en, when_zh


def promise_facts(account: Account, as_of: dt.date, default_days: Optional[int] = None,
                  step_done: Optional[Callable[..., Optional[str]]] = None) -> list[dict[str, Any]]:
    """One ``promise`` fact per promise and per visit next step (open or not), in a stable order. ``step_done(step,
    *notes)`` (stepdone.finder) says a note of that visit or a later one records the next step done."""
    default_days = DEFAULT_DAYS if default_days is None else int(default_days)
    roles = {c.name: sorted(set(c.roles)) for c in account.contacts}
    raw: list[tuple[str, str, str, Optional[str], Optional[dt.date], Optional[dt.date], str]] = []
    listed: set[tuple] = set()  # (contact, day made, due date) of each promises: entry, to know a next step restating one
    for p in account.promises:
        raw.append(("promises", p.what, p.by, p.to, p.made, p.due, p.status))
        if p.made:
            listed.add((p.to, p.made, p.due or due_from_text(p.what, p.made)))
    visits = sorted(account.visits, key=lambda v: (v.date, v.contact or ""))
    for i, v in enumerate(visits):
        if not v.next_step:
            continue
        if (v.contact, v.date, due_from_text(v.next_step, v.date)) in listed:
            continue  # the same promise, written down twice: the promises: entry says whose it is
        if wordlists.told_not_to(v.next_step, lambda clause, who=v.contact: customer_step(clause, who)):
            continue  # "别再发报价了", "no need to visit — they will call": a step NOT to take is no promise
        # a later visit to the same person is the rep going back with it: followed up
        back = [w for w in visits[i + 1:] if w.date > v.date and w.contact == v.contact]
        # … unless that later contact is the wait for it ("還沒收到耶": the buyer chasing; stillowed.py)
        later = bool(back) and stillowed.still_owed(*(w.note for w in back)) is None
        # … or a note says it was done ("proposal sent 24 Nov"; session 6, issue 23)
        later = later or (step_done is not None and step_done(v.next_step, v.note, *(w.note for w in visits[i + 1:]))
                          is not None)
        by = "customer" if customer_step(v.next_step, v.contact) else "rep"
        raw.append(("visit", v.next_step, by, v.contact, v.date, None, "kept" if later else "open"))
    out = []
    for i, (origin, what, by, to, made, due, status) in enumerate(raw):
        base = made or as_of
        assumed = False
        if due is None:
            due = due_from_text(what, base)
        if due is None:
            due, assumed = base + dt.timedelta(days=default_days), True
        due_in = (due - as_of).days
        overdue = max(0, -due_in)
        en, zh = _notes(due, overdue, assumed, default_days)
        f: dict[str, Any] = {"kind": "promise", "id": f"promise:{i + 1}", "what": what, "by": by, "status": status,
                             "due_in_days": due_in, "days_past_due": -due_in, "days_overdue": overdue,
                             "due_assumed": assumed, "due": due.isoformat(), "due_note_en": en, "due_note_zh": zh, "origin": origin,
                             "contact_roles": roles.get(to or "", [])}
        if to:
            f["to"] = f["contact"] = to
        if made:
            f["days_since_made"] = (as_of - made).days
        f["key"] = promise_key(origin, what, to, made)
        out.append(f)
    return out


def add(facts: list[dict], account: Account, as_of: dt.date, default_days: Optional[int] = None,
        step_done: Optional[Callable[..., Optional[str]]] = None) -> None:
    """Append the promise facts and count the open and overdue ones on the account fact."""
    made = promise_facts(account, as_of, default_days, step_done)
    acc = next(f for f in facts if f["kind"] == "account")
    open_ = [f for f in made if f["status"] == "open"]
    acc["open_promise_count"] = len(open_)
    acc["overdue_promise_count"] = sum(f["days_overdue"] > 0 for f in open_)
    acc["overdue_own_promise_count"] = sum(f["days_overdue"] > 0 and f["by"] == "rep" for f in open_)
    # made lately, or fallen due lately on a date the rep wrote: a promise overdue by days is still in flight — more
    # than ever (session 12: a lab report promised 33 days ago "by 15 Jan" and 3 days late left a discount free to run
    # ahead of it); a due date only assumed (no date agreed) says nothing of that
    acc["live_own_promise_count"] = sum(f["by"] == "rep" and (
        f.get("days_since_made", 0) <= LIVE_PROMISE_DAYS or
        (not f.get("due_assumed") and 0 < f.get("days_overdue", 0) <= LIVE_PROMISE_DAYS)) for f in open_)
    # the customer's own dated step still ahead ("4月第一批20台下单", "PO by 15 Apr"): the dated commitment a close asks
    # for is already given — pushing for it again before it falls due is pressure, not a close (session 14)
    acc["customer_step_ahead_count"] = sum(f["by"] == "customer" and not f.get("due_assumed") and f["due_in_days"] > 0
                                           for f in open_)
    facts.extend(made)
