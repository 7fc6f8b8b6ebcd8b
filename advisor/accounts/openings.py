"""An opportunity the account's own words describe (issue 22, session 6): one ``opening`` fact per kind of opening.

The coaches' first action on a steady or quiet account is often an opening the rep wrote down and nothing acts on:
a subsidy programme with a sign-up deadline ("以旧换新补贴门店12月25日前报名"), a budget window before a lock date
("总部12月18日锁定2027年资本预算", "budget is set on 20 Dec"), an expansion (a new hall, plant, line, branch, store),
a selection or tender with a submission date ("1月8日前要交方案和报价给工会比选"), a renewal window, a competitor who
cannot deliver, a new project whose planning starts. Read here, in the account's notes, the notes and next steps of
the visits and the objections of the last RECENT_DAYS days, and the names of its open opportunities — each sentence
against the packs' vocabularies ``opportunity_<type>`` (a phrase list, and for some types a thing and a word for
what is happening to it in one clause: ``opportunity_<type>_object`` + ``opportunity_<type>_verb``).

A sentence says no opening when, in the clause of the words found, a negation stands before them ("no expansion
planned", "不用报名") or a word of ``opportunity_off`` says it is over or off ("扩建已经完成", "cancelled",
"已截止"). A date written in the sentence (the promises' date reading, and a quarter: "planning starts Q1 2027")
is when the window closes (a month written alone: its first day); one already past closes it — no opening. Types in DATE_REQUIRED (a budget word or a
tender word is everywhere: "the budget is tight"; "renewed smoothly every year") count only with a date. An opening whose words name a deal or an
opportunity already won or lost is marked ``decided`` (the rules stay silent on it).

Who: a contact met and still there whom the sentence names, else the visit's or objection's contact, else the met
decider, else the boss; ``reach``: someone not yet met whom the sentence names (the one the opening runs through).
One opening per type: a dated one before an undated one, then the soonest, then the first written. Bookkeeping
only; what to do is the packs' (rules/core/openings.yaml).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, Optional

from . import promises, wordlists
from .history import deals_of

PARAMS = ("objection_live_days",)  # the pack parameter the reading takes (accounts.facts.PARAMS)
RECENT_DAYS = 90  # a visit or objection older than this describes how things were, not an opening now (a quarter)
# the objection kinds that stand against us — our service or delivery, trust in us, loyalty to the incumbent, a feature
# we lack: a live one is answered first, an opening is not sold over it. "Not this year", "no budget" are answered by
# the dated window itself; "it goes through the tender", a price or terms question is part of taking the opening
ANSWER_FIRST = frozenset({"service", "trust", "incumbent", "feature"})
OBJECTION_LIVE_DAYS = 90  # the core pack's objection_live_days where no pack says (an older objection is history)
ACT_BEFORE_DAYS = 7  # act this many days before the window closes …
ACT_MAX_DAYS = 14  # … and within this many days at the latest
QUOTE_MAX = 160  # the evidence quoted in the action, in characters
EVENT_ROLL_DAYS = 300  # a day with no year read as next year's and this far ahead was a day just past: an event

# the types, in the order they are read; an industry pack adds words to any of them
TYPES = ("subsidy", "budget", "tender", "renewal", "expansion", "new_project", "competitor_trouble")
PAIRED = ("budget", "expansion", "new_project")  # types also found as a thing + a verb in one clause
DATE_REQUIRED = frozenset({"budget", "tender", "renewal"})  # "续约一直顺利" is history, not a window

CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    "opening": {
        "type": ("text", "what the opening is: subsidy / budget / tender / renewal / expansion / new_project / "
                         "competitor_trouble (vocabulary opportunity_<type>)"),
        "quote": ("text", "the sentence it was read in, as written (shortened past 160 characters)"),
        "word": ("text", "the words it was found by (lower-cased)"),
        "source": ("text", "where it was read: notes / visit / objection / opportunity"),
        "contact": ("text", "who to act with: a met contact the sentence names, else the visit's or objection's "
                            "contact, else the met decider, else the boss (absent when none)"),
        "contact_roles": ("list", "that contact's buying roles"),
        "reach": ("text", "a contact not yet met whom the sentence names: the one the opening runs through"),
        "dated": ("bool", "a date is written with it: the day the window closes"),
        "closes": ("text", "that day, YYYY-MM-DD (absent when undated)"),
        "days_left": ("number", "days from the as-of date to that day (absent when undated)"),
        "days_past_act": ("number", "minus the days left to act — a week before the window closes, within 14 days "
                                    "at most, today at the latest (for due_minus)"),
        "days_ago": ("number", "days since the visit or objection it was read in (absent for the notes and an "
                               "opportunity's name)"),
        "decided": ("text", "won / lost: a deal or opportunity the same words name is already decided"),
        "answer_first": ("text", "the words of a live objection (open, heard within 90 days) that stands against us "
                                 "(service, trust, the incumbent, a feature we lack): it is answered first"),
        "window_en": ("text", "the window in English words, for the action's text"),
        "window_zh": ("text", "the window in Chinese words"),
    },
    "account": {
        "opening_count": ("number", "opportunities the account's own words describe (opening facts)"),
    },
}
CATALOG_ZH: dict[str, dict[str, str]] = {
    "opening": {
        "type": "机会的种类:subsidy(补贴)/ budget(预算窗口)/ tender(招标比选)/ renewal(续约)/ expansion(扩建扩产)/ "
                "new_project(新项目)/ competitor_trouble(对手出问题)(词表 opportunity_<type>)",
        "quote": "读出机会的那句话(原文,超过160字截断)",
        "word": "据以识别的词语(小写)",
        "source": "出处:notes(备注)/ visit(拜访)/ objection(异议)/ opportunity(商机名称)",
        "contact": "与谁一起推进:句中点名的已见过的联系人,否则该拜访或异议的联系人,否则见过的决策人,否则老板",
        "contact_roles": "该联系人的采购角色",
        "reach": "句中点名、尚未见过的联系人:机会要经过的人",
        "dated": "写有日期:窗口关闭的日子",
        "closes": "该日期,YYYY-MM-DD(无日期时不存在)",
        "days_left": "截至日到该日期的天数(无日期时不存在)",
        "days_past_act": "行动剩余天数的相反数——窗口关闭前一周,最多14天,最早今天(供 due_minus 使用)",
        "days_ago": "读出机会的拜访或异议距今天数(备注和商机名称中读出时不存在)",
        "decided": "won / lost:同样词语所指的成交或商机已有结果",
        "answer_first": "一条仍有效、针对我方的异议(未答复、90天内;服务、信任、现有供应商、缺少的功能)的原话:先回答它",
        "window_en": "窗口的英文说明(用于行动文字)",
        "window_zh": "窗口的中文说明(用于行动文字)",
    },
    "account": {"opening_count": "客户自己的文字中描述的机会数(opening 事实)"},
}

_SENTENCE = re.compile(r"[。；;！？!?\n]|\.(?=\s|$)")
# a negation just before the words found: "no expansion planned", "不用报名", "没有扩建计划" (未来 / 无论 are no negation)
_NEGATION = re.compile(r"(?<![a-z])(?:no|not|never|without|nor|n't|none)(?![a-z])|没有|沒有|未(?![来來])|无(?![论論])|"
                       r"無(?![論])|不用|不必|不需|不会|不會|不打算|不再|暂无|暫無")
_QUARTER = re.compile(r"(?<![a-z0-9])(?:q([1-4])\s*[-/ ]?\s*(\d{4})|(\d{4})\s*[-/ ]?\s*q([1-4]))(?![a-z0-9])|"
                      r"(\d{4})年\s*(?:第)?([一二三四1-4])季度")
_START = re.compile(r"start|begin|kick|open|开始|開始|启动|啟動|开工|開工")
_ZH_Q = {"一": 1, "二": 2, "三": 3, "四": 4}


def _quarter(text: str) -> Optional[dt.date]:
    """A quarter written with its year ("Q1 2027", "2027年一季度"): its first day where the sentence says the thing
    starts then ("planning starts Q1 2027"), else its last."""
    m = _QUARTER.search(text)
    if not m:
        return None
    q, year = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3)) if m.group(4) else \
        (m.group(6), m.group(5))
    q = _ZH_Q.get(q) or int(q)
    first = dt.date(int(year), 3 * q - 2, 1)
    if _START.search(text):
        return first
    return promises.quarter_end(first)


_MONTH_EN = re.compile(r"(?<![a-z])(?:in|by|before|until|from|early|mid|during)\s+(" + promises.MONTH_RE + r")\.?(?:\s+(\d{4}))?(?![a-z])")
_MONTH_ZH = re.compile(r"(?:(\d{4})年)?(?<!\d)(\d{1,2})月份?(?![\d日号號底末中初上下旬])")


def _month(low: str, made: dt.date) -> Optional[dt.date]:
    """A month written alone ("the budget is set in January", "预算3月份批下来"): its first day — the window is open
    until that month begins, whatever day in it the thing is settled — on or after the day written, else next year's."""
    m = _MONTH_EN.search(low)
    if m:
        month, year = promises.MONTHS[m.group(1)], m.group(2)
    else:
        m = _MONTH_ZH.search(low)
        if not m or not 1 <= int(m.group(2)) <= 12:
            return None
        month, year = int(m.group(2)), m.group(1)
    if year:
        return dt.date(int(year), month, 1)
    got = dt.date(made.year, month, 1)
    return got if got >= made else dt.date(made.year + 1, month, 1)


def _date(sentence: str, made: dt.date) -> Optional[dt.date]:
    """The day the window closes, if the sentence writes one: a date (promises' reading), else a quarter, else a month
    written alone. A day written that had already passed when the text was written names an event: no window."""
    low = sentence.lower()
    written = promises.written_date(sentence, made)
    if written and written[1] and (written[0] - made).days > EVENT_ROLL_DAYS:
        # a day a little before the day it was written, read as next year's ("tender documents out 16 Nov", written
        # on 1 Dec), names an event, not the window; "1月8日前" written in December is next January's
        return promises.relative_date(sentence, made) or _quarter(low)
    return promises.due_from_text(sentence, made) or _quarter(low) or _month(low, made)


def _named(name: str, text: str) -> int:
    """Where a contact is named in ``text`` (lower-cased), or -1: the whole name, or an English first name."""
    full = name.strip().lower()
    if not full:
        return -1
    at = text.find(full)
    if at >= 0:
        return at
    first = full.split()[0] if full.split() else ""
    if first.isascii() and first.isalpha() and len(first) >= 3:
        m = re.search(r"(?<![a-z])" + re.escape(first) + r"(?![a-z])", text)
        return m.start() if m else -1
    return -1


def _said_off(clause: str, start: int, end: int, reads_off: Callable[..., bool]) -> bool:
    """Is the opening said not to be, or to be over, in its clause? A negation in the 12 characters before the words,
    or a word of opportunity_off anywhere in the clause."""
    return bool(_NEGATION.search(clause[max(0, start - 12):start])) or reads_off(clause)


def _hit(sentence: str, find: Callable[..., Optional[str]], reads_off: Callable[..., bool]) -> Optional[str]:
    """The words of a type found in one of the sentence's clauses that does not say it is off; None if none."""
    for clause in wordlists.CLAUSE.split(sentence.lower()):
        word = find(clause)
        if not word:
            continue
        at = clause.find(word)
        if not _said_off(clause, at, at + len(word), reads_off):
            return word
    return None


def _texts(account: Any, as_of: dt.date) -> list[tuple[str, str, Optional[str], dt.date, Optional[int]]]:
    """(source, text, contact, day written, days ago) for every text read, notes first, then the newest visits."""
    out: list[tuple[str, str, Optional[str], dt.date, Optional[int]]] = []
    if account.notes:
        out.append(("notes", account.notes, None, as_of, None))
    for v in sorted(account.visits, key=lambda v: v.date, reverse=True):
        age = (as_of - v.date).days
        if 0 <= age <= RECENT_DAYS:
            for text in (v.note, v.next_step):
                if text:
                    out.append(("visit", text, v.contact, v.date, age))
    for o in account.objections:
        age = (as_of - o.date).days if o.date else None
        if age is None or 0 <= age <= RECENT_DAYS:
            out.append(("objection", o.text, o.contact, o.date or as_of, age))
    for o in account.opportunities:
        if o.won is None:
            out.append(("opportunity", o.name, None, as_of, None))
    return out


def _who(sentence: str, contact: Optional[str], contacts: dict, gone: set) -> tuple[Optional[str], Optional[str]]:
    """(who to act with, someone unmet the sentence names)."""
    low = sentence.lower()
    named = sorted((at, name) for name in contacts if name not in gone
                   for at in [_named(name, low)] if at >= 0)
    met = [n for _, n in named if contacts[n].met]
    unmet = [n for _, n in named if not contacts[n].met]
    if met:
        who = met[0]
    elif contact in contacts and contact not in gone and contacts[contact].met:
        who = contact
    else:
        alive = [c for c in contacts.values() if c.name not in gone and c.met]
        who = next((c.name for c in sorted(alive, key=lambda c: c.name) if "decider" in c.roles), None) or \
            next((c.name for c in sorted(alive, key=lambda c: c.name) if c.is_boss), None)
    return who, (unmet[0] if unmet else None)


def _window(closes: Optional[dt.date], days_left: Optional[int]) -> tuple[str, str]:
    if closes is None:
        return "No date is written with it", "未写明日期"
    return (f"The window closes {closes.isoformat()}, in {days_left} days",
            f"窗口{closes.isoformat()}关闭,还有{days_left}天")


def opening_facts(account: Any, as_of: dt.date, finders: dict[str, Callable[..., Optional[str]]],
                 reads_off: Callable[..., bool], gone: set,
                 names_supplier: Callable[..., bool] = lambda *_: False,
                 answer_first: Optional[str] = None) -> list[dict[str, Any]]:
    """One ``opening`` fact per type of opening the account's words describe (see the module's docstring).
    ``finders``: type → a finder of its words (a phrase list, or it and a pair of lists); ``gone``: contacts who left;
    ``names_supplier``: does a sentence speak of the supplier (vocabulary opportunity_competitor_trouble_object) — a
    competitor's trouble counts only where the sentence names it or a competitor on file."""
    contacts = {c.name: c for c in account.contacts}
    decided = [(d.name or "").lower() + " " + (d.product or "").lower() for d in deals_of(account)
               if d.status in ("won", "lost")]
    decided_status = [d.status for d in deals_of(account) if d.status in ("won", "lost")]
    best: dict[str, tuple[tuple, dict[str, Any]]] = {}
    order = 0
    for source, text, contact, made, age in _texts(account, as_of):
        for sentence in _SENTENCE.split(text):
            if not sentence.strip():
                continue
            for kind in TYPES:
                find = finders.get(kind)
                word = _hit(sentence, find, reads_off) if find else None
                if not word:
                    continue
                if kind == "competitor_trouble" and not (names_supplier(sentence) or any(
                        wordlists.name_at(sentence.lower(), c.name.lower()) >= 0 for c in account.competitors)):
                    continue  # a plant stop or a recall of the customer's own is no opening for us
                closes = _date(sentence, made)
                if closes is not None and closes < as_of:
                    continue  # the window has closed: an event past, no opening
                if closes is None and kind in DATE_REQUIRED:
                    continue
                order += 1
                days_left = (closes - as_of).days if closes else None
                act = ACT_MAX_DAYS if days_left is None else max(0, min(days_left - ACT_BEFORE_DAYS, ACT_MAX_DAYS))
                who, reach = _who(sentence, contact, contacts, gone)
                quote = sentence.strip()
                if len(quote) > QUOTE_MAX:
                    quote = quote[:QUOTE_MAX - 1] + "…"
                en, zh = _window(closes, days_left)
                f: dict[str, Any] = {"kind": "opening", "type": kind, "quote": quote, "word": word, "source": source,
                                     "dated": closes is not None, "days_past_act": -act, "window_en": en,
                                     "window_zh": zh}
                if closes is not None:
                    f["closes"], f["days_left"] = closes.isoformat(), days_left
                if who:
                    f["contact"], f["contact_roles"] = who, sorted(set(contacts[who].roles))
                if reach:
                    f["reach"] = reach
                if age is not None:
                    f["days_ago"] = age
                status = next((s for name, s in zip(decided, decided_status) if word in name), None)
                if status:
                    f["decided"] = status
                if answer_first:
                    f["answer_first"] = answer_first
                rank = (closes is None, days_left if days_left is not None else 0, order)
                if kind not in best or rank < best[kind][0]:
                    best[kind] = (rank, f)
    out = [best[k][1] for k in TYPES if k in best]
    _number(out)
    return out


def _number(made: list[dict[str, Any]]) -> None:
    """Ids in list order: opening:1, opening:2 …"""
    for i, f in enumerate(made):
        f["id"] = f"opening:{i + 1}"


def live_objection(facts: list[dict], live_days: Optional[int] = None) -> Optional[str]:
    """The words of the first live objection heard within ``live_days`` (the pack's objection_live_days, else
    OBJECTION_LIVE_DAYS) of a kind that stands against us (ANSWER_FIRST), or None. Live is the one notion the answer
    rules rank by (objection.live, accounts/liveness.py: not answered, not superseded by a later concern, not money
    talk under an open high-severity complaint, not met by a promise since — set before the openings are read), within
    the age the answer rules' own guard allows: an opening waits only for an objection whose answer would rank as live
    work (session 7, issue 22: one notion of live, not a second, simpler one here)."""
    days = OBJECTION_LIVE_DAYS if live_days is None else int(live_days)
    for f in facts:
        if f.get("kind") != "objection" or f.get("answered") or f.get("live") is False:
            continue
        if f.get("days_ago") is not None and not 0 <= f["days_ago"] <= days:
            continue
        if set(f.get("kinds") or ()) & ANSWER_FIRST:
            return f.get("quote")
    return None


def add(facts: list[dict], account: Any, as_of: dt.date, finders: dict[str, Callable[..., Optional[str]]],
        reads_off: Callable[..., bool], gone: set, names_supplier: Callable[..., bool] = lambda *_: False,
        live_days: Optional[int] = None) -> None:
    """Append the opening facts (after the objection facts — a live one is answered first — and the tender marks)
    and count them on the account fact; ``live_days``: the pack's objection_live_days."""
    acc = next(f for f in facts if f["kind"] == "account")
    made = opening_facts(account, as_of, finders, reads_off, gone, names_supplier, live_objection(facts, live_days))
    if acc.get("open_tender_count"):
        # a tender already on file (a deal's name or a visit note says it is under way: tenders.py) is worked by the
        # tender rules (rules/core/buying.yaml); a second reading of it as an opening would say the same twice
        made = [f for f in made if f["type"] != "tender"]
        _number(made)
    acc["opening_count"] = len(made)
    facts.extend(made)
