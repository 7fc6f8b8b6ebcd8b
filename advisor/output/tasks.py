"""The week's actions as a task import file, so the advice lands in the CRM the rep already works in.

``advisor plan --format salesforce`` writes a CSV for Salesforce's Data Loader (insert, object
Task), headed by the Task object's own API field names so the loader maps every column by
itself: Subject, ActivityDate (the due date), Status, Priority, OwnerId ("Assigned To"), WhatId
(the related account) and Description ("Comments"). ``--format hubspot`` writes a CSV for
HubSpot's import tool (object: Tasks), headed by the task properties' labels: Task Title, Due Date,
Task Status, Priority, Task Type, Assigned To, Task Notes, and the company it belongs to
(Associated Company IDs — the column HubSpot's own export uses for that association).

One row per action in the plan's window and per overdue action (the plan's ``overdue`` and
``week`` lists, the same actions the calendar gets), in the plan's order. The related account and
the owner are the account's own ``crm_id`` and ``owner`` — what ``advisor import crm`` put there
from the same CRM's export (an Account Id and an OwnerId user id from Salesforce; a company Record
ID and the owner's name from HubSpot) — so re-importing lands each task on its account.
The title is the action's first sentence (Salesforce's Subject holds 255 characters); the notes
hold the whole action, who it is for, why, and the rule with its seed section. Every cell goes
through ``files/csvsafe``: a name or a note that starts with ``=``, ``+``, ``-`` or ``@`` cannot
run as a formula in the spreadsheet a rep opens the file with.
"""
from __future__ import annotations

import io
import re
from typing import Iterator

from ..files import csvsafe

SYSTEMS = ("salesforce", "hubspot")
SALESFORCE_COLUMNS = ["Subject", "ActivityDate", "Status", "Priority", "OwnerId", "WhatId", "Description"]
HUBSPOT_COLUMNS = ["Task Title", "Due Date", "Task Status", "Priority", "Task Type", "Assigned To",
                   "Associated Company IDs", "Task Notes"]
SUBJECT_MAX = 255  # Salesforce Task.Subject; HubSpot's title is shorter in its views, never cut here beyond this
NOTES = {"en": ("For", "Why", "Rule", "Account", "advisor id"), "zh": ("对象", "理由", "规则", "客户", "advisor 编号")}
# where a title may end: a full stop before a space, a Chinese full stop, a colon; never at a ? or !,
# which are mostly inside a quoted customer question
_BREAK = re.compile(r"(?<=\.)\s+|(?<=[。；])|[:：]\s*")


def title(what: str) -> str:
    """The action's first sentence (or clause before a colon), cut at SUBJECT_MAX characters."""
    whole = what.strip()
    first = _BREAK.split(whole, maxsplit=1)[0].strip() or whole
    if first.count('"') % 2 or first.count("“") != first.count("”") or first.count("「") != first.count("」"):
        first = whole  # the break fell inside a quotation: keep the action whole rather than half a quote
    return first if len(first) <= SUBJECT_MAX else first[: SUBJECT_MAX - 1].rstrip() + "…"


def notes(item: dict, lang: str) -> str:
    """What the task says in full: the action, who it is for, why, and the rule with its source."""
    for_, why, rule, account, uid = NOTES.get(lang, NOTES["en"])
    lines = [item["what"], "", f"{for_}: {item['who']}"]
    if item.get("why"):
        lines.append(f"{why}: {item['why']}")
    source = item.get("source")
    lines.append(f"{rule}: {item['rule']}" + (f" · {source}" if source else ""))
    lines.append(f"{account}: {item['account']} ({item['file']})")
    lines.append(f"{uid}: {item['uid']}")
    return "\n".join(lines)


def _priority(item: dict, system: str) -> str:
    # what is late, and each account's first action, come first in the rep's list
    high = item["due_in_days"] < 0 or item.get("action_rank") == 1
    if system == "salesforce":
        return "High" if high else "Normal"
    return "HIGH" if high else "MEDIUM"


def _items(doc: dict) -> Iterator[dict]:
    yield from doc["overdue"]
    for day in doc["week"]:
        yield from day["items"]


def rows(doc: dict, system: str) -> Iterator[list]:
    """The header, then one row per due or overdue action of the plan document."""
    if system not in SYSTEMS:
        raise ValueError(f"unknown task system {system!r}")
    lang = doc.get("lang") or "en"
    yield SALESFORCE_COLUMNS if system == "salesforce" else HUBSPOT_COLUMNS
    for it in _items(doc):
        body = notes(it, lang)
        if system == "salesforce":
            yield [title(it["what"]), it["by"], "Not Started", _priority(it, system), it.get("owner") or "",
                   it.get("crm_id") or "", body]
        else:
            yield [title(it["what"]), it["by"], "NOT_STARTED", _priority(it, system), "TODO", it.get("owner") or "",
                   it.get("crm_id") or "", body]


def iter_csv(doc: dict, system: str) -> Iterator[str]:
    """The task import file, a row at a time (a streamed plan is never held whole)."""
    out = io.StringIO()
    writer = csvsafe.writer(out)
    for row in rows(doc, system):
        writer.writerow(row)
        yield out.getvalue()
        out.seek(0)
        out.truncate()


def csv_text(doc: dict, system: str) -> str:
    return "".join(iter_csv(doc, system))
