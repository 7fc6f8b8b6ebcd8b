"""The account's decline in its own figures, as a phrase a rule's text can open with (issue 22, session 4).

COACHING.md: "name the problem, then the fix". "Sales are falling or orders have slowed" names no problem a
rep can take to the buyer; "no orders for 142 days (usually one every 49)" or "last quarter's sales −71% on the
quarter before" does. ``decline_note_en`` / ``decline_note_zh`` on the account fact say what the history shows,
or the general words when it shows nothing to quote.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from .promises import MONTH_ABBR, day_month

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"account": {
    "decline_note_en": ("text", "the decline in the account's own figures, in English (days without an order against "
                                "its usual gap; the last two months against the usual; last quarter or last year "
                                "against the one before)"),
    "decline_note_zh": ("text", "the decline in the account's own figures, in Chinese"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"account": {
    "decline_note_en": "客户自身数字显示的下滑(英文):多久没下单、平时间隔多久;近两个月与平常相比;上季度或近一年与之前相比",
    "decline_note_zh": "客户自身数字显示的下滑(中文)",
}}
LATE_RATIO = 1.5  # an order gap this many times the usual one is worth naming
RECENT_LOW = 0.8  # the last two months (or quarters) at this share of the usual or less are worth naming
FALL = -0.1  # a quarter this far below the one before (or a year below the year before) is worth naming


def _pct(x: float) -> str:
    return f"{x * 100:+.0f}%"




def _periods(labels: list[str]) -> tuple[str, str]:
    """Two periods as a rep says them: "Oct and Nov 2026" / "2026年10月和11月"; quarters "Q2 and Q3 2026"."""
    parts = [label.split("-") for label in labels]  # ["2026", "10"] or ["2026", "Q3"]
    years = {y for y, _ in parts}

    def en_one(y: str, p: str, with_year: bool) -> str:
        name = p if p.startswith("Q") else MONTH_ABBR[int(p) - 1]
        return f"{name} {y}" if with_year else name

    def zh_one(y: str, p: str, with_year: bool) -> str:
        name = f"第{p[1]}季度" if p.startswith("Q") else f"{int(p)}月"
        return f"{y}年{name}" if with_year else name

    if len(years) == 1:
        (y, a), (_, b) = parts
        return f"{en_one(y, a, False)} and {en_one(y, b, True)}", f"{zh_one(y, a, True)}和{zh_one(y, b, False)}"
    return (" and ".join(en_one(y, p, True) for y, p in parts), "和".join(zh_one(y, p, True) for y, p in parts))


def add(a: dict[str, Any], as_of: dt.date | None = None) -> None:
    """Set both notes on the account fact ``a`` (after the history facts); ``as_of`` dates the last order."""
    en: list[str] = []
    zh: list[str] = []
    days, usual, ratio = a.get("days_since_last_order"), a.get("median_order_interval_days"), a.get("order_gap_ratio")
    if days is not None and usual and ratio is not None and ratio >= LATE_RATIO:
        en.append(f"no orders for {days} days (usually one every {usual:g})")
        zh.append(f"已{days}天没有下单(平时约每{usual:g}天一单)")
    recent, periods = a.get("recent_sales_ratio"), a.get("recent_sales_periods")
    if recent is not None and periods and recent <= RECENT_LOW:
        p_en, p_zh = _periods(periods.split(", "))
        since_en = since_zh = ""
        if as_of is not None and days is not None and not en:  # (a long gap named above already says it)
            last = as_of - dt.timedelta(days=days)
            since_en, since_zh = f", no order since {day_month(last, 'en')}", f",{day_month(last, 'zh')}以来没有下单"
        en.append(f"sales in {p_en} at {recent * 100:.0f}% of the usual{since_en}")
        zh.append(f"{p_zh}的销售只有平常的{recent * 100:.0f}%{since_zh}")
    trend, growth = a.get("sales_trend"), a.get("sales_growth")
    if trend is not None and trend <= FALL:
        en.append(f"last quarter's sales {_pct(trend)} on the quarter before")
        zh.append(f"上季度销售较前一季度{_pct(trend)}")
    elif growth is not None and growth <= FALL:
        en.append(f"sales {_pct(growth)} on the year before")
        zh.append(f"销售同比{_pct(growth)}")
    if en:
        a["decline_note_en"] = "; ".join(en)[0].upper() + "; ".join(en)[1:]
        a["decline_note_zh"] = ";".join(zh)
    else:
        a["decline_note_en"], a["decline_note_zh"] = "Sales are falling or orders have slowed", "销售下滑或下单放缓"
