"""The weekly plan document (``plan_to_json``) as text, a rich table, CSV, Markdown or iCalendar.

Every renderer reads the JSON document only, so what a person sees, what a
spreadsheet gets and what the HTML board shows cannot drift apart. All of them
are deterministic: the same document gives the same bytes (the rich table is for
a terminal only and is never used when output is piped).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import json
from typing import Any, Iterator

from ..accounts.terms import ui
from ..files import csvsafe

WEEKDAYS = {"en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
            "zh": ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]}
LABELS = {
    "plan": {"en": "Plan", "zh": "计划"},
    "next": {"en": "next {n} days", "zh": "未来{n}天"},
    "accounts": {"en": "Accounts, most in need of attention first", "zh": "客户(最需要关注的在前)"},
    "need": {"en": "need", "zh": "关注度"},
    "overdue": {"en": "Overdue", "zh": "已逾期"},
    "week": {"en": "Week", "zh": "本周"},
    "nothing": {"en": "nothing due", "zh": "无到期事项"},
    "failed": {"en": "Could not be advised", "zh": "无法给出建议"},
    "owner": {"en": "owner", "zh": "负责人"},
    "late": {"en": "overdue by {n} days", "zh": "已逾期{n}天"},
    "no_accounts": {"en": "No account matches.", "zh": "没有符合条件的客户。"},
    "account": {"en": "account", "zh": "客户"},
    "top_action": {"en": "top action", "zh": "首要行动"},
    "date": {"en": "date", "zh": "日期"},
    "hidden": {"en": "hidden by your feedback", "zh": "因你的反馈而隐藏"},
    "more": {"en": "(+{n} more actions; use --top-actions 0 to see all)", "zh": "(+{n} 条其他行动；用 --top-actions 0 查看全部)"},
    "attention": {"en": "The week by tier ({h:g} h; {source})", "zh": "按客户层级分配本周时间(共{h:g}小时;{source})"},
    "attention_row": {"en": "{label}: {n} account{s}, {share:.0%} — {hours:g} h ({each:g} h each)",
                      "zh": "{label}:{n}个客户,{share:.0%}——{hours:g}小时(每个{each:g}小时)"},
    "tier": {"en": "tier", "zh": "层级"},
    "more_rows": {"en": "… and {n} more {what} not shown on the terminal: write the plan to a file (-o FILE), "
                        "or narrow it with --top, --owner or --category",
                  "zh": "……另有{n}{what}未在终端显示:把计划写入文件(-o FILE),或用--top、--owner、--category缩小范围"},
    "rows_accounts": {"en": "accounts", "zh": "个客户"},
    "rows_items": {"en": "due actions", "zh": "项到期行动"},
    "rows_failed": {"en": "failed rows", "zh": "个失败的行"},
}
# A table on a terminal is for reading: it lists this many accounts, due actions and failed rows and
# counts the rest (a 100k-account book would otherwise be built whole in memory, then scrolled past)
TERMINAL_ROWS = 200
CSV_COLUMNS = ["account_rank", "account", "file", "owner", "industry", "category", "need", "action_rank", "rule",
               "contact", "who", "what", "by", "due_in_days", "status", "score", "uid", "tier", "potential",
               "tier_source"]


def failure(entry: dict) -> str:
    """A failed row as one line that names its file: the error itself does when it is about the file
    (``a.yaml:3:15: …``); a crash, a time limit or a program error does not, so the file goes first
    (issue 20: `plan -j 2` listed "ValueError: day is out of range for month" and no file)."""
    file, error = entry.get("file") or "", entry.get("error") or ""
    return error if not file or error.startswith(file.rsplit(":", 1)[0]) else f"{file}: {error}"


def action_uid(account: str, rule: str, contact: str | None) -> str:
    """Stable across runs: the same account, rule and contact always give the same id (ICS UID)."""
    key = "\x1f".join([account, rule, contact or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24] + "@advisor"


def _l(name: str, lang: str, **kw) -> str:
    return LABELS[name][lang].format(**kw)


def _day(iso: str, lang: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{WEEKDAYS[lang][d.weekday()]} {iso}"


def _status(due_in_days: int, days: int) -> str:
    if due_in_days < 0:
        return "overdue"
    return "due" if due_in_days < days else "later"


def _title(doc: dict) -> str:
    lang = doc["lang"]
    name = f" {doc['portfolio']}" if doc.get("portfolio") else ""
    return f"{_l('plan', lang)}{name} — {ui('as_of', lang)} {doc['as_of']} — {_l('next', lang, n=doc['days'])}"


def _class(acc: dict) -> dict | None:
    """The account's tier, or a prospect's potential (never both: a prospect has no sales)."""
    return acc.get("tier") or acc.get("potential")


def _account_line(acc: dict, lang: str) -> str:
    cls = _class(acc)
    bits = [b for b in (acc.get("owner") and f"{_l('owner', lang)} {acc['owner']}", acc.get("industry"),
                        acc.get("category"), cls and cls["label"]) if b]
    tail = f"  ({' · '.join(bits)})" if bits else ""
    return f"{acc['rank']}. {acc['account']}  {_l('need', lang)} {acc['need']:g}{tail}"


def _item_line(it: dict, lang: str, with_account: bool) -> str:
    late = f" ({_l('late', lang, n=-it['due_in_days'])})" if it["due_in_days"] < 0 else ""
    account = f"{it['account']}: " if with_account else ""
    return f"- {account}{it['what']} — {it['who']}{late} [{it['rule']}]"


# ------------------------------------------------------------------- text ---
def text(doc: dict) -> str:
    return "".join(iter_text(doc))


def _attention_lines(doc: dict) -> list[str]:
    """The week shared out by tier, with the seed section it rests on (empty when no account has a tier)."""
    att = doc.get("attention")
    if not att or not any(t["accounts"] for t in att["tiers"]):
        return []
    lang = doc["lang"]
    lines = [_l("attention", lang, h=att["hours"], source=att["source"] or "basis: derived")]
    for t in att["tiers"]:
        if t["accounts"]:
            lines.append("  " + _l("attention_row", lang, label=t["label"], n=t["accounts"], share=t["share"],
                                   s="" if t["accounts"] == 1 else "s",
                                   hours=t["hours"], each=t["hours_per_account"]))
    return lines + [""]


def _class_line(acc: dict, lang: str) -> list[str]:
    cls = _class(acc)
    if not cls:
        return []
    note = f" — {cls['note']}" if cls.get("note") else ""
    return [f"   {_l('tier', lang)}: {cls['label']} [{cls['rule']} · {cls['source']}]{note}"]


def iter_text(doc: dict) -> Iterator[str]:
    """``text`` line by line (a streamed plan is written as it is read back, never held whole)."""
    lang = doc["lang"]
    yield from _lines([_title(doc), "", *_attention_lines(doc), _l("accounts", lang)])
    if not doc["accounts"]:
        yield _l("no_accounts", lang) + "\n"
    for acc in doc["accounts"]:
        lines = [_account_line(acc, lang), f"   {ui('why', lang)}: " + "; ".join(acc["reasons"]),
                 *_class_line(acc, lang)]
        for a in acc["actions"]:
            lines.append(f"   {a['rank']}. {a['what']} — {a['who']['label']}, {ui('by', lang)} {a['by']} [{a['rule']}]")
        hidden = acc["total_actions"] - len(acc["actions"])
        if hidden > 0:
            lines.append(f"   {_l('more', lang, n=hidden)}")
        for fb in acc.get("feedback", []):
            target = f" [{fb['contact']}]" if fb["contact"] else ""
            lines.append(f"   {_l('hidden', lang)}: {fb['rule']}{target} — {fb['reason']}")
        yield from _lines(lines)
    if doc["overdue"]:
        yield from _lines(["", _l("overdue", lang)])
        for it in doc["overdue"]:
            yield "  " + _item_line(it, lang, True) + "\n"
    yield from _lines(["", _l("week", lang)])
    for day in doc["week"]:
        yield f"  {_day(day['date'], lang)}\n"
        if not day["items"]:
            yield f"    ({_l('nothing', lang)})\n"
        current = None
        for it in day["items"]:
            if it["account"] != current:
                current = it["account"]
                yield f"    {current}\n"
            yield "      " + _item_line(it, lang, False) + "\n"
    if doc["failed"]:
        yield from _lines(["", _l("failed", lang)])
        for f in doc["failed"]:
            yield f"  - {failure(f)}\n"


def _lines(lines: list[str]) -> Iterator[str]:
    yield "".join(line + "\n" for line in lines)


def rich_text(doc: dict, width: int | None = None, styles: bool = True, limit: int = TERMINAL_ROWS) -> str:
    """Tables for a person at a terminal (never used when output is piped or written to a file);
    ``styles=False`` (NO_COLOR, TERM=dumb) draws the same tables without any bold, italics or colour.
    The first ``limit`` accounts, due actions (overdue first) and failed rows are listed, the rest
    counted under the table; the document's lists are read once (a streamed plan's stay on disk).

    Every cell is a Text, never markup: an account called "[red]" prints as written.
    """
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    lang = doc["lang"]
    console = Console(record=True, width=width, force_terminal=True, highlight=False,
                      **({} if styles else {"color_system": None, "no_color": True}))
    with console.capture() as cap:
        console.print(Text(_title(doc), style="bold"))
        table = Table(title=_l("accounts", lang), show_lines=True)
        for col in ("#", _l("account", lang), _l("need", lang), ui("why", lang), _l("top_action", lang)):
            table.add_column(col)
        accounts, shown = _head(doc["accounts"], limit)
        for acc in accounts:
            top = acc["actions"][0] if acc["actions"] else None
            cls = _class(acc)
            table.add_row(Text(str(acc["rank"])), Text(acc["account"] + (f"\n{acc['owner']}" if acc.get("owner") else "")
                                                       + (f"\n{cls['label']}" if cls else "")),
                          Text(f"{acc['need']:g}"), Text("\n".join(acc["reasons"])),
                          Text(f"{top['what']}\n{top['who']['label']}, {ui('by', lang)} {top['by']}" if top else ""))
        console.print(table)
        _more(console, shown - limit, "rows_accounts", lang)
        week = Table(title=_l("week", lang))
        for col in (_l("date", lang), _l("account", lang), ui("what", lang), ui("who", lang), ui("rule", lang)):
            week.add_column(col)
        overdue, rows = _head(doc["overdue"], limit)
        for it in overdue:
            week.add_row(Text(_l("late", lang, n=-it["due_in_days"]), style="red"), Text(it["account"]),
                         Text(it["what"]), Text(it["who"]), Text(it["rule"]))
        for day in doc["week"]:
            items, count = _head(day["items"], max(0, limit - rows))
            rows += count
            for it in items:
                week.add_row(Text(_day(day["date"], lang)), Text(it["account"]), Text(it["what"]),
                             Text(it["who"]), Text(it["rule"]))
        console.print(week)
        _more(console, rows - limit, "rows_items", lang)
        failed, count = _head(doc["failed"], limit)
        for f in failed:
            console.print(Text(f"{_l('failed', lang)}: ", style="red") + Text(failure(f)))
        _more(console, count - limit, "rows_failed", lang)
    return cap.get()


def _head(entries, limit: int) -> tuple[list, int]:
    """The first ``limit`` entries and how many there are (a spilled list counts in SQLite)."""
    it = iter(entries)
    head = list(itertools.islice(it, limit))
    return head, len(entries) if hasattr(entries, "__len__") else len(head) + sum(1 for _ in it)


def _more(console, n: int, what: str, lang: str) -> None:
    from rich.text import Text

    if n > 0:
        console.print(Text(_l("more_rows", lang, n=n, what=_l(what, lang)), style="italic"))


# -------------------------------------------------------------------- CSV ---
def csv_text(doc: dict) -> str:
    """One row per listed action, the columns of CSV_COLUMNS, always in that order; no cell a
    spreadsheet would run as a formula (files/csvsafe.py)."""
    return "".join(iter_csv(doc))


def iter_csv(doc: dict) -> Iterator[str]:
    """``csv_text`` an account at a time."""
    out = io.StringIO()
    writer = csvsafe.writer(out)
    writer.writerow(CSV_COLUMNS)
    for acc in doc["accounts"]:
        for a in acc["actions"]:
            writer.writerow([acc["rank"], acc["account"], acc["file"], acc.get("owner") or "",
                             acc.get("industry") or "", acc.get("category") or "", f"{acc['need']:g}", a["rank"],
                             a["rule"], a["who"]["contact"] or "", a["who"]["label"], a["what"], a["by"],
                             a["due_in_days"], _status(a["due_in_days"], doc["days"]), a["score"],
                             action_uid(acc["account"], a["rule"], a["who"]["contact"]),
                             (acc.get("tier") or {}).get("value") or "", (acc.get("potential") or {}).get("value") or "",
                             (_class(acc) or {}).get("source") or ""])
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    yield out.getvalue()


# --------------------------------------------------------------- Markdown ---
def _cell(s: Any) -> str:
    return str(s).replace("|", "\\|").replace("\n", " ")


def markdown(doc: dict) -> str:
    return "".join(iter_markdown(doc))


def iter_markdown(doc: dict) -> Iterator[str]:
    """``markdown`` a line or a few at a time."""
    lang = doc["lang"]
    attention = _attention_lines(doc)
    if attention:
        attention = [f"## {attention[0]}", ""] + [f"- {line.strip()}" for line in attention[1:-1]] + [""]
    yield from _lines([f"# {_title(doc)}", "", *attention, f"## {_l('accounts', lang)}", ""])
    if not doc["accounts"]:
        yield _l("no_accounts", lang) + "\n"
    else:
        yield from _lines([f"| # | {_l('account', lang)} | {_l('tier', lang)} | {_l('need', lang)} | {ui('why', lang)} | "
                           f"{_l('top_action', lang)} |", "|---|---|---|---|---|---|"])
        for acc in doc["accounts"]:
            top = acc["actions"][0] if acc["actions"] else None
            cls = _class(acc)
            yield "| " + " | ".join([str(acc["rank"]), _cell(acc["account"]),
                                     _cell(f"{cls['label']} ({cls['source']})") if cls else "", f"{acc['need']:g}",
                                     _cell("; ".join(acc["reasons"])),
                                     _cell(f"{top['what']} ({top['who']['label']}, {top['by']})") if top
                                     else ""]) + " |\n"
    if doc["overdue"]:
        yield from _lines(["", f"## {_l('overdue', lang)}", ""])
        for it in doc["overdue"]:
            yield _cell(_item_line(it, lang, True)) + "\n"
    yield from _lines(["", f"## {_l('week', lang)}"])
    for day in doc["week"]:
        yield from _lines(["", f"### {_day(day['date'], lang)}", ""])
        if not day["items"]:
            yield f"_{_l('nothing', lang)}_\n"
        for it in day["items"]:
            yield _cell(_item_line(it, lang, True)) + "\n"
    if doc["failed"]:
        yield from _lines(["", f"## {_l('failed', lang)}", ""])
        for f in doc["failed"]:
            yield f"- {_cell(failure(f))}\n"


# -------------------------------------------------------------- iCalendar ---
def ics(doc: dict) -> bytes:
    """One all-day event per due action (overdue ones on the as-of date).

    UID = action_uid(account, rule, contact), so importing next week's file updates
    the events instead of duplicating them. DTSTAMP and SEQUENCE come from the as-of
    date (not the clock): the same plan gives the same bytes, and a later plan has a
    higher SEQUENCE, which is what calendars look at to accept an update.
    """
    return b"".join(iter_ics(doc))


def iter_ics(doc: dict) -> Iterator[bytes]:
    """``ics`` an event at a time: the calendar's head, each event as the calendar would write it, its end."""
    from icalendar import Calendar, Event

    as_of = dt.date.fromisoformat(doc["as_of"])
    cal = Calendar()
    cal.add("prodid", "-//advisor//plan//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _title(doc))
    stamp = dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.timezone.utc)
    sequence = (as_of - dt.date(2020, 1, 1)).days
    lang = doc["lang"]
    empty = cal.to_ical()
    end = b"END:VCALENDAR\r\n"
    assert empty.endswith(end), empty[-40:]  # a calendar's last line; its events go just before it
    yield empty[: -len(end)]
    for items in (doc["overdue"], *(day["items"] for day in doc["week"])):
        for it in items:
            day = dt.date.fromisoformat(it["by"])
            late = f" ({_l('late', lang, n=-it['due_in_days'])})" if it["due_in_days"] < 0 else ""
            ev = Event()
            ev.add("uid", it["uid"])
            ev.add("dtstamp", stamp)
            ev.add("sequence", max(sequence, 0))
            ev.add("dtstart", day)
            ev.add("dtend", day + dt.timedelta(days=1))
            ev.add("summary", f"{it['account']}: {it['what']}{late}")
            ev.add("description", f"{ui('who', lang)}: {it['who']}\n{ui('rule', lang)}: {it['rule']}\n{it['file']}")
            ev.add("categories", ["advisor", it["account"]])
            ev.add("transp", "TRANSPARENT")
            yield ev.to_ical()
    yield end


# ------------------------------------------------------------------- JSON ---
def iter_json(doc: dict, default=None) -> Iterator[str]:
    """``render.dump_json(doc)``'s bytes with every list of the document written an entry at a time.

    Anything iterable that is not a str, dict, list or tuple (a streamed plan's ``Spilled`` list)
    is written as a JSON array; everything else goes through ``jsonindent`` as ``dump_json`` does.
    """
    from . import jsonindent

    if default is None:  # what dump_json hands json for anything it cannot write itself
        from .render import _as_json as default

    def write(value: Any, pad: str) -> Iterator[str]:
        if isinstance(value, dict) and value and all(type(k) is str for k in value):
            yield "{"
            first = True
            for key, item in value.items():
                yield ("\n" if first else ",\n") + pad + "  " + json.dumps(key, ensure_ascii=False) + ": "
                yield from write(item, pad + "  ")
                first = False
            yield "\n" + pad + "}"
        elif isinstance(value, list) or (hasattr(value, "__iter__") and not isinstance(value, (str, bytes, dict, tuple))):
            first = True
            for item in value:
                yield ("[\n" if first else ",\n") + pad + "  "
                yield from write(item, pad + "  ")
                first = False
            yield "[]" if first else "\n" + pad + "]"
        else:
            yield jsonindent.dumps(value, indent=2, default=default).replace("\n", "\n" + pad)

    yield from write(doc, "")
    yield "\n"


FORMATS = ("text", "json", "csv", "markdown", "ics")


def iter_format(doc: dict, fmt: str, bom: bool = False, default=None) -> Iterator[str]:
    """The document in one of FORMATS as text pieces, in order (iCalendar's bytes are UTF-8, decoded
    per event); written one after the other they are the format's whole output."""
    if fmt == "json":
        return iter_json(doc, default)
    if fmt == "csv":
        return _prefixed("\ufeff" if bom else "", iter_csv(doc))
    if fmt == "ics":
        return (piece.decode("utf-8") for piece in iter_ics(doc))
    if fmt == "markdown":
        return iter_markdown(doc)
    if fmt == "text":
        return iter_text(doc)
    raise ValueError(f"unknown plan format {fmt!r}")


def _prefixed(first: str, rest: Iterator[str]) -> Iterator[str]:
    if first:
        yield first
    yield from rest
