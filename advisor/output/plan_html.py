"""The portfolio board: the book on one page, from the `advisor plan --format json` document.

Accounts ranked by need of attention with the reasons, two inline-SVG charts
(accounts per category; actions due per day, overdue first), the week's agenda,
the overdue list and rows that failed. Its input is exactly the plan contract's
JSON document (version 1), so the board shows what the JSON says and nothing else.

A page is for a person, and a book can hold 100k accounts: the board lists the first
``BOARD_ACCOUNTS`` accounts (those most in need of attention) and, per day, in the overdue list and
among the failed rows, the first ``BOARD_ENTRIES`` entries; everything beyond is counted, not
listed — the headline figures and both charts cover the whole book, and a line under each list says
how many more there are (the rest by category under the accounts) and where they are (the JSON or
CSV plan, or a narrower board with --owner / --category / --top). The document is read once, an
entry at a time (a streamed plan's lists are read back from its spill file), so building the board
holds the listed entries and a few counters, whatever the size of the book.
"""
from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any, Iterable, Mapping, Optional

from . import htmlpage, svg
from ..accounts.money import totals

PLAN_VERSION = 1
BOARD_ACCOUNTS = 500  # accounts listed on the board, most in need of attention first; the rest counted
BOARD_ENTRIES = 200  # entries listed per day of the week, in the overdue list and among failed rows

LABELS = {
    "title": ("Portfolio board", "客户组合看板"),
    "as_of": ("as of", "截至"),
    "days": ("days ahead", "天视野"),
    "accounts": ("accounts", "客户"),
    "overdue": ("overdue actions", "逾期行动"),
    "due_week": ("actions due in the window", "期内到期行动"),
    "value": ("value at stake", "涉及金额"),
    "failed": ("rows that failed", "失败的行"),
    "book": ("Accounts by need of attention", "按关注需要排序的客户"),
    "book_caption": ("Most in need of attention first; the reasons say why.", "最需要关注的排在最前;原因列说明理由。"),
    "rank": ("#", "#"),
    "account": ("account", "客户"),
    "owner": ("owner", "负责人"),
    "category": ("category", "分类"),
    "need": ("need", "关注度"),
    "reasons": ("reasons", "原因"),
    "overdue_short": ("overdue", "逾期"),
    "due_soon": ("due soon", "即将到期"),
    "since_contact": ("days since contact", "距上次联系(天)"),
    "top_action": ("next action", "下一步行动"),
    "actions_n": ("{n} actions", "{n} 条行动"),
    "need_parts": ("need parts", "关注度构成"),
    "trace": ("trace", "规则追踪"),
    "charts": ("The book at a glance", "一览"),
    "by_category": ("Accounts per category", "各分类客户数"),
    "per_day": ("Actions due per day (first column: overdue)", "每日到期行动数(首列:已逾期)"),
    "week": ("The week", "本期日程"),
    "nothing_due": ("nothing due", "无到期行动"),
    "overdue_list": ("Overdue", "已逾期"),
    "days_late": ("{n} days late", "逾期{n}天"),
    "none": ("none", "无"),
    "uncategorised": ("uncategorised", "未分类"),
    "filter": ("Filter accounts", "筛选客户"),
    "search": ("search", "搜索"),
    "search_hint": ("account, owner, reason…", "客户、负责人、原因……"),
    "only_overdue": ("only with overdue actions", "仅显示有逾期行动的"),
    "all": ("all", "全部"),
    "reset": ("Show all", "显示全部"),
    "showing": ("accounts shown:", "显示客户数:"),
    "of": ("of", "/"),
    "who": ("who", "对象"),
    "by": ("by", "期限"),
    "jump": ("Jump to", "跳转"),
    "attention": ("The week by tier", "按客户层级分配本周时间"),
    "attention_caption": ("{h} selling hours shared out by customer value:", "按客户价值分配{h}小时销售时间:"),
    "tier": ("tier", "层级"),
    "share": ("share", "占比"),
    "hours": ("hours", "小时"),
    "hours_each": ("hours per account", "每个客户小时数"),
    "more_accounts": ("{n} more accounts are not listed here (the board lists the {shown} most in need of "
                      "attention):", "另有{n}个客户未在此列出(看板只列出最需要关注的{shown}个):"),
    "more_accounts_where": ("all of them are in the JSON or CSV plan (--format json, csv); --owner, "
                            "--category or --top narrows the board.",
                            "全部客户见JSON或CSV计划(--format json、csv);用--owner、--category或--top缩小看板范围。"),
    "more_entries": ("… and {n} more (all in the JSON or CSV plan)", "……另有{n}项(全部见JSON或CSV计划)"),
    "with_overdue": ("with overdue actions", "有逾期行动"),
}
WEEKDAYS = {"en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), "zh": ("周一", "周二", "周三", "周四", "周五", "周六", "周日")}
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _label(key: str, lang: str) -> str:
    pair = LABELS[key]
    return pair[1] if lang == "zh" else pair[0]


def safe_href(href: str) -> Optional[str]:
    """Only relative paths and file: URLs become links (a page never points at the network or at script)."""
    if not href:
        return None
    if SCHEME.match(href) and not href.lower().startswith("file:"):
        return None
    return href


def _number(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


def check_plan(doc: Mapping[str, Any]) -> None:
    if not isinstance(doc, Mapping) or doc.get("version") != PLAN_VERSION:
        found = doc.get("version") if isinstance(doc, Mapping) else type(doc).__name__
        raise ValueError(f"not a plan document of version {PLAN_VERSION} (version: {found!r})")
    for key in ("as_of", "accounts", "week"):
        if key not in doc:
            raise ValueError(f"plan document without '{key}'")


def _account_view(acc: Mapping[str, Any], links: Mapping[str, str]) -> dict:
    actions = acc.get("actions") or []
    top = actions[0] if actions else None
    href = safe_href(links.get(acc.get("file") or "") or links.get(acc.get("account") or "") or "")
    reasons = [str(r) for r in acc.get("reasons") or []]
    category = acc.get("category")
    cls = acc.get("tier") or acc.get("potential")
    return {
        "rank": acc.get("rank"), "account": acc.get("account", ""), "file": acc.get("file"),
        "owner": acc.get("owner"), "industry": acc.get("industry"), "category": category,
        "need": _number(acc.get("need")), "need_parts": [(k, _number(v)) for k, v in (acc.get("need_parts") or {}).items()],
        "reasons": reasons, "overdue": int(acc.get("overdue") or 0), "due_soon": int(acc.get("due_soon") or 0),
        "since_contact": _number(acc.get("days_since_contact")), "value": _number(acc.get("value_at_stake")),
        "top": top and {"what": top.get("what", ""), "who": (top.get("who") or {}).get("label", ""),
                        "by": top.get("by", ""), "late": (top.get("due_in_days") or 0) < 0},
        "actions": [{"what": a.get("what", ""), "who": (a.get("who") or {}).get("label", ""), "by": a.get("by", ""),
                     "rule": a.get("rule", "")} for a in actions],
        "href": href,
        "tier": cls and {"label": str(cls.get("label") or cls.get("value") or ""), "rule": cls.get("rule") or "",
                         "source": cls.get("source") or "", "note": cls.get("note") or ""},
        "search": " ".join([acc.get("account") or "", acc.get("owner") or "", category or "",
                            (cls or {}).get("label") or "",
                            acc.get("industry") or "", *reasons]).lower(),
    }


def _first(entries: Iterable, limit: int) -> tuple[list, int]:
    """The first ``limit`` entries and how many there are in all: a list or a spilled list knows its
    length (a count in SQLite), anything else is read to the end to count the rest."""
    entries = entries or []
    it = iter(entries)
    head = list(itertools.islice(it, limit))
    if hasattr(entries, "__len__"):
        return head, len(entries)
    return head, len(head) + sum(1 for _ in it)


def plan_view(doc: Mapping[str, Any], explain_links: Optional[Mapping[str, str]] = None,
              accounts_limit: int = BOARD_ACCOUNTS, entries_limit: int = BOARD_ENTRIES) -> dict:
    check_plan(doc)
    lang = doc.get("lang") or "en"
    links = explain_links or {}
    labels = {k: {lang: _label(k, lang)} for k in LABELS}
    accounts = []
    cats: dict[str, int] = {}  # the whole book's, for the chart
    rest: dict[str, int] = {}  # the accounts not listed, by category
    total = rest_overdue = 0
    money: dict[str, float] = {}  # value at stake per currency, summed as money.totals sums it
    for acc in doc["accounts"]:  # once, an entry at a time: a streamed plan reads its spill file here
        total += 1
        currency = acc.get("currency") or "?"
        money[currency] = money.get(currency, 0.0) + float(acc.get("value_at_stake") or 0)
        name = acc.get("category") or _label("uncategorised", lang)
        cats[name] = cats.get(name, 0) + 1
        if len(accounts) < accounts_limit:
            accounts.append(_account_view(acc, links))
        else:
            rest[name] = rest.get(name, 0) + 1
            rest_overdue += bool(acc.get("overdue"))
    days = []
    for day in doc["week"]:
        date = dt.date.fromisoformat(day["date"])
        entries, count = _first(day.get("items"), entries_limit)
        days.append({"date": day["date"], "weekday": WEEKDAYS.get(lang, WEEKDAYS["en"])[date.weekday()],
                     "entries": entries, "count": count, "more": count - len(entries)})
    overdue, overdue_count = _first(doc.get("overdue"), entries_limit)
    category_bars = sorted(cats.items(), key=lambda kv: (-kv[1], kv[0]))
    day_bars = [(_label("overdue_short", lang), "", overdue_count)] + [(d["weekday"], d["date"][5:], d["count"]) for d in days]
    failed_head, failed_count = _first(doc.get("failed"), entries_limit)
    failed = [{"file": f.get("file", ""), "error": f.get("error", "")} for f in failed_head]
    att = doc.get("attention") or {}
    attention = None
    if any(r.get("accounts") for r in att.get("tiers") or []):
        attention = {"hours": _number(att.get("hours")), "source": att.get("source") or "",
                     "tiers": [{"label": r.get("label", ""), "accounts": r.get("accounts", 0),
                                "share": f"{float(r.get('share') or 0):.0%}", "hours": _number(r.get("hours")),
                                "each": _number(r.get("hours_per_account"))}
                               for r in att["tiers"] if r.get("accounts")]}
    more = None
    if total > len(accounts):
        more = {"accounts": total - len(accounts), "shown": len(accounts), "overdue": rest_overdue,
                "by_category": sorted(rest.items(), key=lambda kv: (-kv[1], kv[0]))}
    return {
        "lang": lang, "langs": [lang], "labels": labels, "as_of": doc["as_of"], "days": doc.get("days", len(days)),
        "portfolio": doc.get("portfolio"),  # the portfolio's name, when the document carries it
        "accounts": accounts, "more": more, "week": days, "overdue": overdue,
        "overdue_more": overdue_count - len(overdue), "failed": failed, "failed_more": failed_count - len(failed),
        "attention": attention,
        "categories": sorted({a["category"] for a in accounts if a["category"]}),  # the filter's: listed rows
        "stats": {"accounts": total, "overdue": overdue_count, "due": sum(d["count"] for d in days),
                  "failed": failed_count,
                  # per currency, never one sum of two currencies (converted only with plan --rates)
                  "value": "; ".join(f"{_number(t['amount'])} {t['currency']}" for t in
                                     (doc.get("value_totals") or totals((a, c) for c, a in money.items())))},
        "chart_categories": svg.horizontal_bars("chart-cat", _label("by_category", lang), category_bars,
                                                alert=frozenset({"dormant", "declining"})),
        "chart_days": svg.columns("chart-days", _label("per_day", lang), day_bars, alert_first=True),
    }


def render_plan_html(plan_json: dict, explain_links: dict | None = None, accounts_limit: int = BOARD_ACCOUNTS,
                     entries_limit: int = BOARD_ENTRIES) -> str:
    """The board as one self-contained page (the first ``accounts_limit`` accounts listed, the rest counted).

    ``explain_links`` maps an account's ``file`` (or its name) to the href of its explain
    page, e.g. {"fixtures/accounts/bank-mainframe.yaml": "explain/bank-mainframe.html"}.
    """
    view = plan_view(plan_json, explain_links, accounts_limit, entries_limit)
    return htmlpage.render("plan.html.j2", styles=["page.css", "board.css"], scripts=["page.js"], page=view)
