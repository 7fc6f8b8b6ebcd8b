"""The account's decline in its own figures, as a phrase a rule's text can open with (issue 22, session 4).

COACHING.md: "name the problem, then the fix". "Sales are falling or orders have slowed" names no problem a
rep can take to the buyer; "no orders for 142 days (usually one every 49)" or "last quarter's sales −71% on the
quarter before" does. ``decline_note_en`` / ``decline_note_zh`` on the account fact say what the history shows,
or the general words when it shows nothing to quote.
"""
from __future__ import annotations

from typing import Any

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"account": {
    "decline_note_en": ("text", "the decline in the account's own figures, in English (days without an order against "
                                "its usual gap; last quarter or last year against the one before)"),
    "decline_note_zh": ("text", "the decline in the account's own figures, in Chinese"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"account": {
    "decline_note_en": "客户自身数字显示的下滑(英文):多久没下单、平时间隔多久;上季度或近一年与之前相比",
    "decline_note_zh": "客户自身数字显示的下滑(中文)",
}}
LATE_RATIO = 1.5  # an order gap this many times the usual one is worth naming
FALL = -0.1  # a quarter this far below the one before (or a year below the year before) is worth naming


def _pct(x: float) -> str:
    return f"{x * 100:+.0f}%"


def add(a: dict[str, Any]) -> None:
    """Set both notes on the account fact ``a`` (after the history facts)."""
    en: list[str] = []
    zh: list[str] = []
    days, usual, ratio = a.get("days_since_last_order"), a.get("median_order_interval_days"), a.get("order_gap_ratio")
    if days is not None and usual and ratio is not None and ratio >= LATE_RATIO:
        en.append(f"no orders for {days} days (usually one every {usual:g})")
        zh.append(f"已{days}天没有下单(平时约每{usual:g}天一单)")
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
