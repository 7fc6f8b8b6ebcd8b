"""The account's own buying rhythm, and whether its gap or its drop sits inside it (issue 22, session 10).

history.py measures the gap since the last order against the median interval between dated orders. That is one
reading of the rhythm; an account's record and its rep's words carry more of it:

- the months it buys in, where orders (won deals, months of the sales table) recur in the same months of two years
  or more ("March and August"), or where the rep names them with a word of buying ("buys in March and September",
  "每年3月和9月下单");
- how often it buys, in the rep's words: a count per period ("twice a year", "一年兩次"), an interval ("every six
  months", "每半年", "每隔3个月"), a replacement cycle in years ("a five-year refresh cycle", "換機週期五年",
  "五年一换") — read in a sentence that holds a word of buying (vocabulary ``rhythm_buy``), so "we visit every month"
  says nothing of the orders;
- the sales table's grain: a table of half-years (or quarters, years) with sales in every period buys at least once
  in each;
- the buying pattern: a subscription is billed once a year.

Then each measured fall is checked against that rhythm:

- the gap since the last order is inside it while it is at most ``SLACK`` times the usual gap and no more than
  ``MAX_LATE_DAYS`` past it, or while no buying
  month has passed since the last order (a club that buys in March and August is not lapsed in January);
- a quarter against the quarter before, or the last two months against the usual, with no order in it says nothing
  of an account that buys once in four months or less often (``SHORT_WINDOW_DAYS``): it is the gap between orders;
  nor does a quarter fall that the same quarter a year before showed as much (its season);
- a year against the year before is the cycle where one won deal of the year before made at least ``LUMP_SHARE`` of
  it and the rest holds against this year (a capital refresh bought last year: a bank's storage, a fleet).

``account.within_rhythm`` is set only where the rhythm is known and every fall measured sits inside it: a phrase, so
the decline and dormancy rules' guard (``within_rhythm`` not_exists) shows in the trace why it holds them back
("within its usual 6-month rhythm (buys in Mar and Aug; last order 20 Aug)").
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, Optional

from . import history, wordlists
from .account import Account
from .bounds import quantize
from .promises import MONTH_ABBR, MONTH_RE, MONTHS, day_month

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"account": {
    "rhythm_days": ("number", "the account's usual days between orders: from the rep's words (\"twice a year\", "
                              "\"每半年\"), the months it buys in, the median interval between dated orders, the sales "
                              "table's grain, or a subscription's year (advisor/accounts/rhythm.py)"),
    "rhythm_source": ("text", "where rhythm_days comes from: words / months / orders / table / subscription"),
    "buying_months": ("list", "the months (1–12) the account buys in: named with a word of buying, or recurring in "
                              "its record over two years"),
    "within_rhythm": ("text", "set only where the rhythm is known and the gap since the last order and every fall "
                              "measured (the quarter, the last two months, the year) sit inside it: the phrase saying "
                              "so, in English and Chinese — the decline and dormancy rules hold back while it exists"),
    "within_rhythm_en": ("text", "the same phrase, in English: \"within its usual 6-month rhythm (…)\""),
    "within_rhythm_zh": ("text", "the same phrase, in Chinese: \"在其通常的6个月采购周期内(…)\""),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"account": {
    "rhythm_days": "客户平常两次下单之间的天数:取自销售的文字(“一年两次”“每半年”)、客户下单的月份、有日期的订单间隔中位数、"
                   "销售表的期间长度,或订阅的一年(advisor/accounts/rhythm.py)",
    "rhythm_source": "rhythm_days 的来源:words / months / orders / table / subscription",
    "buying_months": "客户下单的月份(1–12):文字中与采购词一起写明的,或记录中两年以上在同一月份重复出现的",
    "within_rhythm": "仅当采购节奏已知、且距上次下单的间隔和所测到的每一项下滑(季度、近两个月、全年)都在节奏之内时存在:"
                     "说明这一点的中英文短语——存在时,下滑和睡眠的规则不触发",
    "within_rhythm_en": "同一短语,英文",
    "within_rhythm_zh": "同一短语,中文:“在其通常的6个月采购周期内(…)”",
}}

SLACK = 1.5  # a gap up to this many times the usual one is the rhythm (as the pack's declining_gap_ratio) …
MAX_LATE_DAYS = 60  # … and no more than two months past it: a yearly invoice fourteen months on has lapsed
SHORT_WINDOW_DAYS = 120  # an account buying this seldom or less often: a quarter or two months hold no order of it
LUMP_SHARE = 0.5  # one won deal this share of the year before or more: a one-off (a capital purchase), not the run rate
LUMP_FACTOR = 2  # … and at least this many times any other won deal on record: it stands out of the account's deals
HOLDS = -0.1  # the rest of the year before against this year: at or above this change it holds (loyal_growth_floor)
YEAR, HALF, QUARTER, MONTH, WEEK = 365, 182, 91, 30, 7

_EN_NUM = {"one": 1, "once": 1, "two": 2, "twice": 2, "three": 3, "thrice": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "other": 2, "a couple of": 2}
_ZH_NUM = {"一": 1, "两": 2, "兩": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "十一": 11, "十二": 12, "半": 0.5}
_EN_UNIT = {"week": WEEK, "month": MONTH, "quarter": QUARTER, "year": YEAR, "annum": YEAR}
_ZH_UNIT = {"周": WEEK, "週": WEEK, "星期": WEEK, "月": MONTH, "个月": MONTH, "個月": MONTH, "季度": QUARTER,
            "季": QUARTER, "年": YEAR}
_EN_ADVERB = {"weekly": WEEK, "monthly": MONTH, "quarterly": QUARTER, "yearly": YEAR, "annually": YEAR,
              "annual": YEAR, "semi-annually": HALF, "semi-annual": HALF, "semiannually": HALF, "biannually": HALF,
              "biannual": HALF, "half-yearly": HALF, "twice-yearly": HALF}
_EN_N = r"(\d+|a couple of|one|once|two|twice|three|thrice|four|five|six|seven|eight|nine|ten|eleven|twelve|other)"
_ZH_N = r"(\d+|十[一二]|[一两兩二三四五六七八九十半])"
_EN_RULES: list[tuple[re.Pattern, Callable[[re.Match], Optional[float]]]] = [
    # "twice a year", "two orders per year", "3 times each quarter"
    (re.compile(rf"\b{_EN_N}\s*(?:times?|orders?|purchases?|deliveries|shipments?|batch(?:es)?)?\s*(?:a|an|per|each|every)"
                r"\s+(week|month|quarter|year|annum)\b"),
     lambda m: _EN_UNIT[m.group(2)] / _en(m.group(1))),
    # "twice yearly", "three times monthly"
    (re.compile(rf"\b{_EN_N}\s+(?:times?\s+)?(weekly|monthly|quarterly|yearly|annually)\b"),
     lambda m: _EN_ADVERB[m.group(2)] / _en(m.group(1))),
    # "every six months", "every other month", "every 5 years", "every year"
    (re.compile(rf"\bevery\s+(?:{_EN_N}\s+)?(week|month|quarter|year)s?\b"),
     lambda m: _EN_UNIT[m.group(2)] * (_en(m.group(1)) if m.group(1) else 1)),
    # "a five-year refresh cycle", "5-year replacement cycle", "a cycle of four years", "a two-year cycle"
    (re.compile(rf"\b{_EN_N}[- ]years?(?:[- ]\w+){{0,2}}[- ]cycle\b"), lambda m: YEAR * _en(m.group(1))),
    (re.compile(rf"\bcycle\s+(?:is\s+|of\s+)?(?:about\s+|roughly\s+|around\s+)?{_EN_N}\s+(year|month)s?\b"),
     lambda m: _EN_UNIT[m.group(2)] * _en(m.group(1))),
    (re.compile(r"\b(semi-annually|semiannually|semi-annual|biannually|biannual|half-yearly|twice-yearly|weekly|monthly"
                r"|quarterly|yearly|annually|annual)\b"), lambda m: _EN_ADVERB[m.group(1)]),
]
_ZH_RULES: list[tuple[re.Pattern, Callable[[re.Match], Optional[float]]]] = [
    # 一年两次 / 每年下单两次 / 每年2批 / 一年兩單
    (re.compile(rf"(?:每|一)(年|季度|季|个月|個月|月)\D{{0,4}}?{_ZH_N}\s*(?:次|单|單|批|回)"),
     lambda m: _ZH_UNIT[m.group(1)] / _zh(m.group(2))),
    # 月月订货 / 週週補貨
    (re.compile(r"(月|周|週|年)\1"), lambda m: _ZH_UNIT[m.group(1)]),
    # 每半年 / 每季度 / 每个月 / 每隔3个月 / 每五年
    (re.compile(rf"每隔?\s*{_ZH_N}?\s*(个月|個月|季度|季|星期|周|週|年|月)"),
     lambda m: _ZH_UNIT[m.group(2)] * (_zh(m.group(1)) if m.group(1) else 1)),
    # 五年一换 / 半年一次 / 3年一轮
    (re.compile(rf"{_ZH_N}\s*(个月|個月|年)一(?:换|換|次|轮|輪|更新|批|单|單)"),
     lambda m: _ZH_UNIT[m.group(2)] * _zh(m.group(1))),
    # 换机周期五年 / 更新週期约5年 / 周期大概是三年
    (re.compile(rf"(?:周期|週期)\D{{0,4}}?{_ZH_N}\s*(个月|個月|年)"), lambda m: _ZH_UNIT[m.group(2)] * _zh(m.group(1))),
    # 五年的更新周期 / 3年周期
    (re.compile(rf"{_ZH_N}\s*年(?:的)?\S{{0,3}}?(?:周期|週期)"), lambda m: YEAR * _zh(m.group(1))),
]
# months name the account's buying months only in a sentence saying they recur ("each March and September", "twice a
# year: March and August", "每年3月和9月下单"); "10月、11月订货少" names two months it bought little in
_RECURS = re.compile(r"\b(?:every|each|usually|typically|normally|always|regularly|twice|a year|per year|annually|yearly"
                     r"|seasons?)\b|每年|每逢|通常|一般|都在|固定|年年|兩次|两次")
# "every year", "annually", "每年" with no count say when it buys again, not how often within the year: the months
# named beside them ("每年3月和9月下单") or the record's say that
_EVERY_YEAR = re.compile(r"every\s+year|yearly|annually|annual|每年")
# a month named as such — capitalised ("may" is a verb), no day beside it ("7 Jan", "Jan 15" are dates)
_EN_MONTHS = re.compile(rf"(?<!\d)(?<!\d )\b({'|'.join(sorted({m.capitalize() for m in MONTHS}, key=len, reverse=True))})\b\.?(?!\s*\d)")
_ZH_MONTHS = re.compile(r"(十[一二]|1[0-2]|0?[1-9]|[一二三四五六七八九十])\s*月(?![\d一二三四五六七八九十]*[日号號])(?!份?底)")
_ZH_MONTH_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                 "十一": 11, "十二": 12}


def _en(word: Optional[str]) -> float:
    return float(word) if word and word.isdigit() else float(_EN_NUM.get(word or "", 1))


def _zh(word: Optional[str]) -> float:
    return float(word) if word and word.isdigit() else float(_ZH_NUM.get(word or "", 1))


def stated_rhythm(text: Optional[str], buys: Callable[..., bool]) -> tuple[Optional[float], list[int]]:
    """The usual days between orders and the buying months the text states, in a sentence holding a word of buying
    (``buys``): (days or None, months). A sentence naming two months or more with a word of buying names its months
    ("orders in March and September", "每年3月和9月下单"); a date ("by 15 March", "3月20日") names none."""
    days: Optional[float] = None
    months: list[int] = []
    for sentence in wordlists.SENTENCE.split(wordlists.unwrap(text)):
        low = sentence.lower()
        if not low.strip() or not buys(low):
            continue
        if days is None:
            for pattern, value in _EN_RULES + _ZH_RULES:
                m = pattern.search(low)
                got = value(m) if m else None
                if got and got >= 1 and not (got == YEAR and _EVERY_YEAR.fullmatch(m.group(0))):
                    days = got
                    break
        named = sorted({MONTHS[m.group(1).lower()] for m in _EN_MONTHS.finditer(sentence)}
                       | {_zh_month(m.group(1)) for m in _ZH_MONTHS.finditer(low)})
        if len(named) >= 2 and not months and _RECURS.search(low):
            months = named
    return days, months


def _zh_month(word: str) -> int:
    return int(word) if word.isdigit() else _ZH_MONTH_NUM[word]


def _months_gap(months: list[int]) -> float:
    """The mean days between buying months round the year: two buying months, half a year (Mar and Aug → 182)."""
    return YEAR / len(set(months))


def _recurring_months(days: list[dt.date]) -> list[int]:
    """The months orders fall in, in two different years or more — with every order month recurring (a rhythm, not
    chance): else none."""
    years: dict[int, set[int]] = {}
    for d in days:
        years.setdefault(d.month, set()).add(d.year)
    if len({d.year for d in days}) < 2 or not years:
        return []
    recurring = sorted(m for m, ys in years.items() if len(ys) >= 2)
    return recurring if len(recurring) == len(years) and len(recurring) <= 4 else []


def _order_days(account: Account, as_of: dt.date) -> list[dt.date]:
    wins = [d.closed for d in history.deals_of(account) if d.status == "won" and d.closed and d.closed <= as_of]
    table = [start for kind, start, amount in history.table_rows(account, as_of) if kind == "month" and amount > 0]
    return sorted(set(wins) | set(table))


def _table_grain(account: Account, as_of: dt.date) -> Optional[int]:
    """A sales table whose every period sold something, of one grain (half-years, quarters, years): the account buys
    at least once in each (two periods at least)."""
    rows = [(kind, amount) for kind, _, amount in history.table_rows(account, as_of)]
    kinds = {k for k, _ in rows}
    if len(rows) < 2 or len(kinds) != 1 or any(a <= 0 for _, a in rows):
        return None
    return {"half": HALF, "quarter": QUARTER, "year": YEAR}.get(kinds.pop())


def _lump(account: Account, as_of: dt.date, a: dict[str, Any]) -> Optional[tuple[str, float]]:
    """A won deal of the year before this one that made at least LUMP_SHARE of that year, with the rest of that year
    holding against this one: the fall is that one-off, not the run rate. (name, amount) or None."""
    last, prior = a.get("sales_last_12m"), a.get("sales_prior_12m")
    if last is None or not prior:
        return None
    start, end = as_of - dt.timedelta(days=2 * YEAR), as_of - dt.timedelta(days=YEAR)
    currency = account.sales.currency
    won = [d for d in history.deals_of(account) if d.status == "won" and d.amount and d.closed and d.closed <= as_of
           and not (d.currency and d.currency != currency)]
    for d in won:
        if not start < d.closed <= end:
            continue
        # a one-off stands out of the account's other deals (a year's orders booked as one deal is the run rate)
        others = [o.amount for o in won if o is not d]
        if not others or d.amount < LUMP_FACTOR * max(others):
            continue
        rest = prior - d.amount
        if d.amount >= LUMP_SHARE * prior and (rest <= 0 or (last - rest) / rest >= HOLDS):
            return d.name or d.product or "a one-off deal", d.amount
    return None


def _same_quarter_fell(account: Account, as_of: dt.date, trend: float) -> bool:
    """The last full quarter fell as much a year before against its own quarter before — the season — and it holds
    against that same quarter a year before: a low quarter a quarter lower than last year's low is a decline inside
    the season, not the season (session 11: a sports dealer down a quarter on the year read as its Q4 dip)."""
    quarters = history.sales_by_quarter(account, as_of)
    labels = list(quarters)  # oldest first, the running quarter last: the trend is labels[-2] against labels[-3]
    if len(labels) < 7 or not quarters[labels[-7]] or not quarters[labels[-6]]:
        return False
    last, year_ago, before = quarters[labels[-2]], quarters[labels[-6]], quarters[labels[-7]]
    return (year_ago - before) / before <= trend + 0.1 and (last - year_ago) / year_ago > HOLDS


def _span(days: float) -> tuple[str, str]:
    if days >= 300 and round(days / YEAR) >= 1 and abs(days - YEAR * round(days / YEAR)) <= 45:
        n = round(days / YEAR)
        return (f"{n}-year", f"{n}年") if n > 1 else ("yearly", "一年")
    if days >= 45:
        n = round(days / (YEAR / 12))
        return f"{n}-month", f"{n}个月"
    n = max(1, round(days / WEEK))
    return f"{n}-week", f"{n}周"


def mark(a: dict[str, Any], account: Account, as_of: dt.date, buys: Callable[..., bool],
         season: Optional[Callable[..., Optional[str]]] = None) -> None:
    """Set the rhythm facts on the account fact ``a`` (after the history facts): ``buys`` finds a word of buying,
    ``season`` a word saying the account buys by season."""
    texts = [account.notes] + [v.note for v in account.visits if v.note and v.date <= as_of]
    # the rep's word that the trade is seasonal ("it's their low season", "淡季"), read unnegated in the notes or a
    # visit of the last year: a quarter or two months below the ones before is its season while its year holds
    seasonal = None
    if season is not None:
        recent = [account.notes] + [v.note for v in account.visits
                                    if v.note and 0 <= (as_of - v.date).days <= YEAR]
        seasonal = next((w for t in recent if t
                         and (w := wordlists.first_unnegated(t, season))), None)
    said_days: Optional[float] = None
    said_months: list[int] = []
    for text in texts:
        d, m = stated_rhythm(text, buys)
        said_days = said_days or d
        said_months = said_months or m
    if said_days is None and account.buying_pattern != "subscription" and any(
            _EVERY_YEAR.search(t.lower()) and buys(t) for t in texts if t) and not said_months:
        said_days = YEAR  # "they renew every year", "每年采购一次": nothing names a shorter rhythm
    seen_months = _recurring_months(_order_days(account, as_of))
    months = said_months or seen_months
    grain = _table_grain(account, as_of)
    candidates = [(said_days, "words"), (_months_gap(months) if months else None, "months"),
                  (a.get("median_order_interval_days"), "orders"), (grain, "table"),
                  (YEAR if account.buying_pattern == "subscription" else None, "subscription")]
    rhythm, source = next(((d, s) for d, s in candidates if d), (None, None))
    if months:
        a["buying_months"] = months
    lump = _lump(account, as_of, a)
    if rhythm is None and lump is None and seasonal is None:
        return
    if rhythm is not None:
        a["rhythm_days"], a["rhythm_source"] = quantize(round(rhythm)), source

    days = a.get("days_since_last_order")
    last_order = as_of - dt.timedelta(days=days) if days is not None else None
    # the buying months speak for a slow buyer only: a monthly buyer's months are every month
    gap_ok = days is None or (rhythm is not None and days <= rhythm + min((SLACK - 1) * rhythm, MAX_LATE_DAYS)) or (
        bool(months) and rhythm is not None and rhythm >= SHORT_WINDOW_DAYS and last_order is not None
        and not _buying_month_passed(months, last_order, as_of)) or (
        rhythm is None and days < (YEAR if lump is not None else HALF))
    if not gap_ok:
        return
    slow = rhythm is not None and rhythm >= SHORT_WINDOW_DAYS
    trend, recent, growth = a.get("sales_trend"), a.get("recent_sales_ratio"), a.get("sales_growth")
    # a slow buyer's quarter (or two months) without an order is the gap between its orders; an order there that is
    # smaller than the one before is a fall all the same
    quarters = list(history.sales_by_quarter(account, as_of).values())
    empty_quarter = len(quarters) >= 2 and quarters[-2] == 0
    # a seasonal trade's low quarter or months are its season — while its year holds (or is not known)
    in_season = seasonal is not None and (growth is None or growth > HOLDS)
    if trend is not None and trend <= HOLDS and not ((slow and empty_quarter) or in_season
                                                     or _same_quarter_fell(account, as_of, trend)):
        return
    if recent is not None and recent <= 0.75 and not ((slow and recent == 0) or in_season):
        return
    if growth is not None and growth <= HOLDS and lump is None:
        return
    why_en: list[str] = []
    why_zh: list[str] = []
    if months:
        why_en.append("buys in " + " and ".join(MONTH_ABBR[m - 1] for m in months))
        why_zh.append("通常在" + "和".join(f"{m}月" for m in months) + "采购")
    if seasonal is not None and (trend is not None and trend <= HOLDS or recent is not None and recent <= 0.75):
        why_en.append(f"a seasonal trade: “{seasonal}”")
        why_zh.append(f"季节性生意:“{seasonal}”")
    if lump is not None:
        why_en.append(f"the year before held a one-off: {lump[0]}, {lump[1]:,.0f}")
        why_zh.append(f"前一年含一次性项目:{lump[0]},{lump[1]:,.0f}")
    if last_order is not None:
        why_en.append(f"last order {day_month(last_order, 'en')}")
        why_zh.append(f"上次下单{day_month(last_order, 'zh')}")
    if rhythm is not None:
        span_en, span_zh = _span(rhythm)
        head_en, head_zh = f"within its usual {span_en} rhythm", f"在其通常的{span_zh}采购周期内"
    else:
        head_en, head_zh = "within its buying cycle", "在其采购周期内"
    a["within_rhythm_en"] = f"{head_en} ({'; '.join(why_en)})" if why_en else head_en
    a["within_rhythm_zh"] = f"{head_zh}({';'.join(why_zh)})" if why_zh else head_zh
    a["within_rhythm"] = f"{a['within_rhythm_en']} / {a['within_rhythm_zh']}"  # the guard's fact: the trace says both


def _buying_month_passed(months: list[int], last_order: dt.date, as_of: dt.date) -> bool:
    """A buying month has come and gone since the last order (the month of the as-of date still running)."""
    y, m = last_order.year, last_order.month
    while True:
        m, y = (1, y + 1) if m == 12 else (m + 1, y)
        if (y, m) >= (as_of.year, as_of.month):
            return False
        if m in months:
            return True
