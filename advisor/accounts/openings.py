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

Session 7: the lists generalise only as far as their words, so two readings more. ``deadline``: a gate the customer
sets for its suppliers (the approved vendor list, a pre-qualification, a certificate, a deposit that holds a date, an
indent's cut-off; vocabularies opportunity_deadline*), only with its date — the strongest window. ``event``: in a
sentence no list names, a clause of the customer's words (the notes, a visit's note — never a next step, our promise,
nor an objection) holding a word of intent or the future (opportunity_event_intent) and a time anchor (a date, a
quarter, a month, a named period: anchors.py), with no negation, nothing saying it is over, nothing making it our own
plan or gift (opportunity_event_ours) and no recurring payment (opportunity_event_routine). An event that falls on or
after a deadline read on the same account is that deadline's: the gate is what to do about it.

Session 17: ``trial`` — a trial, a test run or a pilot run of ours the customer has set on a day (vocabulary
opportunity_trial), only with its date and not past: the live step the account waits on, whose results are what the
people not yet met will judge us by (rules/core/openings.yaml: core.openings.run-the-trial).

Session 8: a learned reading last (accounts/openingmodel.py, trained by scripts/train_openings.py). In a sentence of
the customer's words (notes, a visit's note) where neither a list nor the event reading found anything, the model's
confident reading (its threshold, chosen on cross-validation for precision) is an opening of the model's type, dated
by the same date reading; the same guards hold (negation, over or off, ours, routine, a decided deal, a past date, a
type that needs its date, a live objection answered first) and ``model_figure`` with the n-grams that weighed most
(``word``) show it in the trace.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from . import actors, anchors, promises, wordlists
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

# what each type is, in words for the actions' text ("… (an expansion of the customer's own)")
WHAT = {"subsidy": ("a subsidy the customer can use", "客户可用的补贴"),
        "budget": ("a budget of the customer's", "客户的预算窗口"),
        "tender": ("a selection or tender", "招标或比选"),
        "renewal": ("a renewal", "续约"),
        "expansion": ("an expansion of the customer's own", "客户自己的扩建扩产"),
        "new_project": ("a new project of the customer's own", "客户自己的新项目"),
        "competitor_trouble": ("a competitor's trouble", "竞争对手出了问题"),
        "deadline": ("a deadline the customer set", "客户定的截止日"),
        "trial": ("a trial the customer has set", "客户安排的试用"),
        "event": ("a plan or event of the customer's own", "客户自己的计划或活动")}
# the types, in the order they are read; an industry pack adds words to any of them. deadline: a gate the customer
# sets for its suppliers (the approved vendor list, a pre-qualification, a certificate, a deposit that holds a date, an
# indent's cut-off); event: a plan or event of the customer's own with a time anchor, read where no other type's words
# are (the lists name the kinds of opening they know; the event reading catches what they miss)
TYPES = ("subsidy", "budget", "tender", "renewal", "expansion", "new_project", "competitor_trouble", "deadline",
         "trial", "event")
PAIRED = ("budget", "expansion", "new_project")  # types also found as a thing + a verb in one clause
# "续约一直顺利" is history, not a window; a deadline without its date is a requirement, not a window
# … and a trial without its day is talk of one ("a trial could help"), not the dated step the account waits on
DATE_REQUIRED = frozenset({"budget", "tender", "renewal", "deadline", "trial"})
# an event is read in a clause of the customer's words: the notes and a visit's note, never a next step (our promise)
# and never an objection ("after the new year" there is a stall, answered by the objection rules)
EVENT_SOURCES = frozenset({"notes", "visit_note"})
# the learned reader (accounts/openingmodel.py) reads the same customer's words, last: where neither a list nor the
# event reading found an opening in the sentence; its type is the model's
MODEL = "model"
# the types a sentence saying the customer does it "as always" (opportunity_event_usual) is no opening of: its own plan,
# an expansion, a new project — a tender, a renewal, a budget or a gate recur and are still a window to win
USUAL_NOT_NEW = frozenset({"event", "expansion", "new_project"})
# the types the learned reader makes an opening of: not a renewal — that is the business we already have, read by the
# renewal words with its date (a renewal quote due is the existing deal's step, not an opening the account describes)
MODEL_TYPES = frozenset(TYPES) - {"renewal"}
# a clause ends where the other readings' clauses end, and in Chinese also at a space between two words: "部門聚會6場
# 做完 冇投訴 Kelvin話明年1月尾牙…" is three thoughts a rep wrote with spaces for commas
# a row of a table written into the notes ("| Jan | Feb | … |", "| 210 | 610 | … |"): figures or headings, read by the
# sales and usage readers — no sentence of anyone's plan (session 13: a month header was read as a tender)
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
EVENT_CLAUSE = re.compile(wordlists.CLAUSE.pattern + r"|(?<=[\u3400-\u9fff])\s+|\s+(?=[\u3400-\u9fff])")

CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    "opening": {
        "type": ("text", "what the opening is: subsidy / budget / tender / renewal / expansion / new_project / "
                         "competitor_trouble / deadline (a gate set for suppliers) / trial (a trial set on a day) "
                         "(vocabulary opportunity_<type>) / "
                         "event (a plan or event of the customer's own with a time anchor)"),
        "quote": ("text", "the sentence it was read in, as written (shortened past 160 characters)"),
        "word": ("text", "the words it was found by (lower-cased; an event: its word of intent … its anchor)"),
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
        "actor": ("text", "who acts in the sentence: the words naming the customer (a contact, they, 客户, their 'we' "
                          "in their own quoted words), or 'the customer' where none is named (accounts/actors.py)"),
        "deferred": ("text", "the window opens later, not closing now: 'deferred: at the earliest YYYY-MM (words)' "
                             "(vocabulary time_deferral; absent when not deferred)"),
        "opens": ("text", "the earliest day a deferred window opens, YYYY-MM-DD (absent when none is written)"),
        "model_figure": ("number", "read by the learned opening reader (no list named it): its probability that the "
                                   "sentence is an opening (absent for the lists' and the event reading's)"),
        "gate": ("text", "the words of a step before the decision written with it, where the requirement is shaped "
                         "(vocabulary opportunity_gate: a specification, a study, a design freeze); absent when none"),
        "decided": ("text", "won / lost: a deal or opportunity the same words name is already decided"),
        "answer_first": ("text", "the words of a live objection (open, heard within 90 days) that stands against us "
                                 "(service, trust, the incumbent, a feature we lack): it is answered first"),
        "promised_step": ("text", "what we promised the opening's contact (an open promise of ours) due on or before the "
                                  "window closes: the step the window needs, already agreed — keeping it takes the window"),
        "condition_first": ("text", "a deadline's only: the words of a condition its contact put on the decision (a live "
                                    "demand for exclusivity, a term) heard on or before the day he set the date, still "
                                    "unanswered — the date is when he expects the answer, so answering it comes first"),
        "window_en": ("text", "the window in English words, for the action's text"),
        "window_zh": ("text", "the window in Chinese words"),
        "what_en": ("text", "what the opening is, in English words for the action's text (an expansion of the "
                            "customer's own, a new project …)"),
        "what_zh": ("text", "what the opening is, in Chinese words"),
    },
    "account": {
        "opening_count": ("number", "opportunities the account's own words describe (opening facts)"),
        "opening_set_aside": ("list", "sentences the openings reading did not take, and why: our own plan, a "
                                      "competitor's move, a third party's, deferred beyond the horizon "
                                      "(accounts/actors.py)"),
    },
}
CATALOG_ZH: dict[str, dict[str, str]] = {
    "opening": {
        "type": "机会的种类:subsidy(补贴)/ budget(预算窗口)/ tender(招标比选)/ renewal(续约)/ expansion(扩建扩产)/ "
                "new_project(新项目)/ competitor_trouble(对手出问题)/ deadline(客户给供应商定的截止日)/ trial(客户定了日期的试用)(词表 "
                "opportunity_<type>)/ event(客户自己带时间的计划或活动)",
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
        "actor": "句中行动的一方:点名客户的词(联系人、他们、客户、客户原话里的“我们”),没有点名时为 the customer",
        "deferred": "窗口以后才打开、不是眼下关闭:'deferred: at the earliest YYYY-MM (原话)'(词表 time_deferral)",
        "opens": "推后的窗口最早打开的日子,YYYY-MM-DD(没写日期时不存在)",
        "model_figure": "由学习型机会阅读器读出(没有词表命中):该句是机会的概率(词表和事件阅读读出时不存在)",
        "gate": "同句写明的决定前一步、需求在此成形(词表 opportunity_gate:技术参数、需求论证、设计定稿)的词语;没有时不存在",
        "decided": "won / lost:同样词语所指的成交或商机已有结果",
        "answer_first": "一条仍有效、针对我方的异议(未答复、90天内;服务、信任、现有供应商、缺少的功能)的原话:先回答它",
        "promised_step": "我方向该机会的联系人作出、在窗口关闭当天或之前到期的未兑现承诺:窗口需要的那一步已经约定——兑现它就是抓住这个窗口",
        "condition_first": "仅限截止日:该联系人在定下日期当天或之前给这个决定提出、至今未答复的条件(独家要求、条款)的原话——"
                           "日期是他等答复的日子,先回应条件",
        "window_en": "窗口的英文说明(用于行动文字)",
        "window_zh": "窗口的中文说明(用于行动文字)",
        "what_en": "机会种类的英文说明(用于行动文字)",
        "what_zh": "机会种类的中文说明(用于行动文字:客户自己的扩建扩产、新项目……)",
    },
    "account": {"opening_count": "客户自己的文字中描述的机会数(opening 事实)",
                "opening_set_aside": "机会阅读没有采用的句子及原因:我方自己的打算、竞争对手的动作、第三方的动作、推到视野之外"},
}

# a negation just before the words found: "no expansion planned", "不用报名", "没有扩建计划" (未来 / 无论 are no negation)
_NEGATION = wordlists.NEGATION  # the one negation judgement (wordlists.py)


# a supplier's gate that the sentence says *opens* on its date ("the pre-qualification questionnaire opens 1 Oct",
# "供应商入库申报10月1日起开放"), with no word of its closing: the date is when it starts, not when it shuts — no
# deadline is read from it (session 12: a gate opening in 18 days was ranked as a deadline 18 days away)
_GATE_OPENS = re.compile(r"(?<![a-z])(?:opens|opening|open from|open on|will open|starts|start on|begins|goes live|"
                         r"launches|kicks off)(?![a-z])|开放|開放|开始|開始|启动|啟動|开启|開啟|上线|上線|起接受")
_GATE_CLOSES = re.compile(r"(?<![a-z])(?:closes|close|closing|deadline|due|cut-?off|expires|until|by|before|no later)"
                          r"(?![a-z])|截止|之前|以前|前交|前提交|前上传|前上傳|结束|結束|为止|為止")


def _gate_opens_only(sentence: str) -> bool:
    """Whether a gate's sentence says only when it opens (``_GATE_OPENS``), nothing of when it closes."""
    low = sentence.lower()
    return bool(_GATE_OPENS.search(low)) and not _GATE_CLOSES.search(low)


def _date(sentence: str, made: dt.date, named: anchors.Periods = ()) -> Optional[dt.date]:
    """The day the window closes, if the sentence writes one: a date (promises' reading), else a quarter, else a month
    written alone, else a named period (anchors.py). A day written that had already passed when the text was written
    names an event: no window."""
    low = sentence.lower()
    written = promises.written_date(sentence, made)
    if written and written[1] and (written[0] - made).days > EVENT_ROLL_DAYS:
        # a day a little before the day it was written, read as next year's ("tender documents out 16 Nov", written
        # on 1 Dec), names an event, not the window; "1月8日前" written in December is next January's
        return promises.relative_date(sentence, made) or anchors.quarter(low)
    return promises.due_from_text(sentence, made) or anchors.quarter(low) or \
        anchors.month(low, made, this_month=bool(named)) or (anchors.period(low, made, list(named)) or (None,))[0]


def _anchor(clause: str, made: dt.date, words: "EventWords") -> Optional[tuple[dt.date, str]]:
    """The time a clause (lower-cased) puts a customer's event at, and its words: a day written with its month (not
    one already past when written), a quarter (its year written or the next), a month written alone (one past this
    year only where the words say it recurs, "every July", "每年3月", or it is nearer than this year's), next month, a
    named period — the soonest; a quarter, month or period read in this year is next year's where the clause says so
    ("明年聖誕", "明年一季度"). A weekday or "in two weeks" is no anchor: a visit note's "next Friday" is the
    rep's diary, not the customer's event."""
    found: list[tuple[dt.date, str]] = []
    written = promises.written_date(clause, made)
    if written and not written[1]:
        found.append((written[0], "date"))
    next_year = bool(words.next_year(clause))
    later = [(d, w) for d, w in [(anchors.quarter(clause, made), "quarter"),
                                  (anchors.month(clause, made, roll=next_year, this_month=True), "month"),
                                  (anchors.next_month(clause, made), "next month"),
                                  anchors.period(clause, made, words.periods) or (None, "")] if d is not None]
    if next_year:
        later = [(_next_year(d) if d.year == made.year else d, w) for d, w in later]
    found += later
    return min(found) if found else None


def _next_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 Feb
        return day.replace(year=day.year + 1, day=28)


def _event(sentence: str, made: dt.date, words: "EventWords", reads_off: Callable[..., bool]) -> \
        Optional[tuple[str, dt.date]]:
    """A customer's own future plan or event in one clause of the sentence: a word of intent or of the future
    (opportunity_event_intent: plan, will, next, every, 计划, 准备, 明年, 每年 …) with a time anchor, no negation in
    the 12 characters before either, no word saying it is over (opportunity_off) and not our own plan
    (opportunity_event_ours: "we will", "我们会", a gift), nor a recurring payment (opportunity_event_recurring with
    opportunity_event_routine: "billed every January"), in a sentence with a word of business — buying, choosing,
    booking, building, a supplier (opportunity_event_business): without one it is background ("on leave until
    January"). (the words found, the anchor's day) or None."""
    if words.ours(sentence):
        return None  # a sentence about our own plan or gift ("往年春节给各部门送年货，12月要准备")
    if not words.business(sentence):
        return None  # background: "on leave until January", "预计1月付尾款" — nothing to buy, choose or build
    for clause in EVENT_CLAUSE.split(sentence.lower()):
        word = words.intent(clause)
        if not word or reads_off(clause):
            continue
        if words.recurring(clause) and words.routine(clause):
            continue  # "billed every January": the account's rhythm of paying, not an event
        got = _anchor(clause, made, words)
        if got is None:
            continue
        at = clause.find(word)
        if _NEGATION.search(clause[max(0, at - 12):at + len(word)]):  # "不打算" holds its intent word "打算"
            continue
        return f"{word} … {got[1]}", got[0]
    return None


def _model_read(sentence: str, model: Any, reads_off: Callable[..., bool], events: Optional["EventWords"]) -> \
        Optional[tuple[str, float, str]]:
    """The learned reader's opening in a sentence (accounts/openingmodel.py), behind the lists' guards: the sentence
    reads as an opening at the model's threshold (chosen on cross-validation for precision, behind these same
    guards); it is not our own plan or gift (opportunity_event_ours) nor a recurring payment (opportunity_event_routine);
    and the clause holding the n-grams that weighed most has no negation and no word saying it is over or off
    (opportunity_off) — as a list's words are guarded in their clause: in "3月定稿,我们还没见过项目经理" the
    negation is the meeting's, not the opening's. (its type, the model's figure, the n-grams that weighed most) or
    None."""
    low = sentence.lower()
    if events and (events.ours(sentence) or (events.recurring(low) and events.routine(low))):
        return None
    read = model.read(sentence)
    if read is None or read.probability < model.threshold or read.type not in MODEL_TYPES:
        return None
    clauses = [c for c in EVENT_CLAUSE.split(sentence) if c.strip()] or [sentence]
    folded = [model.folded(c) for c in clauses]
    # the clause of the first of the weightiest n-grams found in one (a word pair may span two: then the next)
    at = next((i for g in read.grams for i, c in enumerate(folded) if g in c), 0)
    if _NEGATION.search(clauses[at].lower()) or reads_off(clauses[at].lower()):
        return None
    return read.type, round(read.probability, 2), f"model {read.probability:.2f}: " + " · ".join(read.grams[:3])


def _word_at(sentence: str, word: str, kind: str, reader: Any) -> int:
    """Where the words a reading found end in the sentence (the actor is named before them): a list's words, an
    event's word of intent, the learned reader's weightiest n-gram; the sentence's end where none is found."""
    low = sentence.lower()
    if kind in TYPES and kind != "event":
        probe = word
    elif kind == "event":
        probe = word.split(" … ")[0]
    else:
        model = reader.get() if reader is not None else None
        grams = word.split(": ", 1)[-1].split(" · ")
        folded = model.folded(sentence) if model is not None else low
        hits = [folded.find(g) + len(g) for g in grams if g and folded.find(g) >= 0]
        return min(hits) if hits else len(low)
    at = low.find(probe)
    return at + len(probe) if at >= 0 else len(low)


def _aside(set_aside: Optional[list[str]], kind: str, sentence: str, why: str) -> None:
    """Record a sentence the reading did not take, and why (the account's ``opening_set_aside``: the trace)."""
    if set_aside is not None:
        line = actors.set_aside(f"opening ({kind})", sentence, why)
        if line not in set_aside:
            set_aside.append(line)


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


Text = tuple[str, str, Optional[str], dt.date, Optional[int], str]


def _texts(account: Any, as_of: dt.date) -> list[Text]:
    """(source, text, contact, day written, days ago, what it is) for every text read, notes first, then the newest
    visits; what it is: notes / visit_note / next_step / objection / opportunity (EVENT_SOURCES)."""
    out: list[Text] = []
    if account.notes:
        out.append(("notes", account.notes, None, as_of, None, "notes"))
    for v in sorted(account.visits, key=lambda v: v.date, reverse=True):
        age = (as_of - v.date).days
        if 0 <= age <= RECENT_DAYS:
            for text, what in ((v.note, "visit_note"), (v.next_step, "next_step")):
                if text:
                    out.append(("visit", text, v.contact, v.date, age, what))
    for o in account.objections:
        age = (as_of - o.date).days if o.date else None
        if age is None or 0 <= age <= RECENT_DAYS:
            out.append(("objection", o.text, o.contact, o.date or as_of, age, "objection"))
    for o in account.opportunities:
        if o.won is None:
            out.append(("opportunity", o.name, None, as_of, None, "opportunity"))
    return out


@dataclass(frozen=True)
class EventWords:
    """What the event reading reads by (the packs' vocabularies, accounts.facts.enrich): a finder of the words of
    intent or the future (opportunity_event_intent), a test for our own plan (opportunity_event_ours), the named
    periods (anchors.periods), tests for a recurring event, for one next year, for a payment (routine) and for a word
    of business in the sentence (without one an event is background)."""

    intent: Callable[..., Optional[str]]
    ours: Callable[..., bool]
    periods: anchors.Periods = field(default_factory=list)
    recurring: Callable[..., bool] = lambda *_: False  # opportunity_event_recurring
    next_year: Callable[..., bool] = lambda *_: False  # opportunity_event_next_year
    routine: Callable[..., bool] = lambda *_: False  # opportunity_event_routine
    business: Callable[..., bool] = lambda *_: True  # opportunity_event_business
    usual: Callable[..., Optional[str]] = lambda *_: None  # opportunity_event_usual: "as always", 照旧


def _who(sentence: str, contact: Optional[str], contacts: dict, gone: set) -> tuple[Optional[str], Optional[str]]:
    """(who to act with, someone unmet the sentence names)."""
    who, reach, _ = actors.people_in(sentence, contact, contacts, gone, _named)
    return who, reach


def _window(closes: Optional[dt.date], days_left: Optional[int]) -> tuple[str, str]:
    if closes is None:
        return "No date is written with it", "未写明日期"
    return (f"The window closes {closes.isoformat()}, in {days_left} days",
            f"窗口{closes.isoformat()}关闭,还有{days_left}天")


def opening_facts(account: Any, as_of: dt.date, finders: dict[str, Callable[..., Optional[str]]],
                 reads_off: Callable[..., bool], gone: set,
                 names_supplier: Callable[..., bool] = lambda *_: False,
                 answer_first: Optional[str] = None, events: Optional[EventWords] = None,
                 reader: Any = None, gates: Optional[Callable[..., Optional[str]]] = None,
                 renews: Optional[Callable[..., bool]] = None, judge: Optional[actors.Judge] = None,
                 set_aside: Optional[list[str]] = None) -> list[dict[str, Any]]:
    """One ``opening`` fact per type of opening the account's words describe (see the module's docstring).
    ``finders``: type → a finder of its words (a phrase list, or it and a pair of lists); ``gone``: contacts who left;
    ``names_supplier``: does a sentence speak of the supplier (vocabulary opportunity_competitor_trouble_object) — a
    competitor's trouble counts only where the sentence names it or a competitor on file; ``events``: the words of the
    event reading (none: no event is read); ``reader``: the learned opening reader (openingmodel.LazyOpeningModel;
    none: no sentence is read by it); ``gates``: a finder of the words of a step before the decision where the
    requirement is written (vocabulary opportunity_gate: a specification, a study, a design freeze); ``renews``: does
    a sentence speak of a renewal (opportunity_renewal_word) — the learned reader leaves it to the renewal words;
    ``judge``: who acts and which time (accounts/actors.py) — a sentence where we, a competitor or a third party act,
    or deferred beyond the horizon, is no opening (its line goes to ``set_aside``), a nearer deferral opens later
    (undated, ``opens``)."""
    judge = judge or actors.Judge()
    contacts = {c.name: c for c in account.contacts}
    decided = [(d.name or "").lower() + " " + (d.product or "").lower() for d in deals_of(account)
               if d.status in ("won", "lost")]
    decided_status = [d.status for d in deals_of(account) if d.status in ("won", "lost")]
    decided_names = [(d.name or "").lower().strip() for d in deals_of(account) if d.status in ("won", "lost")]
    # our rep on the account, without what follows the name ("陈伟(西南区经理)")
    owner = re.split(r"[(（,，]", getattr(account, "owner", None) or "")[0].strip()
    best: dict[str, tuple[tuple, dict[str, Any]]] = {}
    order = 0
    named = events.periods if events else []
    for source, text, contact, made, age, what in _texts(account, as_of):
        pos = 0
        for sentence in wordlists.SENTENCE.split(text):
            # a quote opened in an earlier sentence of the text runs on into this one: the customer's words
            quoted = actors.quoting(text[:text.find(sentence, pos)]) if sentence else False
            # … and an aside of our side opened before it ("[Bao 18 Jan: …", "--- 销售经理批注 ---") runs on too
            ours = judge.aside(text[:text.find(sentence, pos)]) if sentence else None
            pos = max(pos, text.find(sentence, pos) + len(sentence))
            if not sentence.strip() or TABLE_ROW.match(sentence):
                continue
            read_here = False
            figure = None
            for kind in TYPES + (MODEL,):
                closes = None
                if kind == "event":
                    # the customer's own dated plan, where no list above named the sentence's opening
                    got = _event(sentence, made, events, reads_off) \
                        if events and what in EVENT_SOURCES and not read_here else None
                    if not got:
                        continue
                    word, closes = got
                    read_here = True
                elif kind == MODEL:
                    # the learned reader, where neither the lists nor the event reading found anything
                    # (a sentence that speaks of a renewal — opportunity_renewal_word, read or not by the renewal list —
                    # is the renewal's: the business we have; "please send the renewal quote by 5 Jan" is its step)
                    model = reader.get() if reader is not None and what in EVENT_SOURCES and not read_here and \
                        not (renews and renews(sentence)) else None
                    read = _model_read(sentence, model, reads_off, events) if model else None
                    if not read:
                        continue
                    kind, figure, word = read
                    if owner and _named(owner, sentence.lower()) >= 0:
                        continue  # the sentence names our own rep ("陈伟的想法: …"): our side's words, not the customer's
                    if any(name and name in sentence.lower() for name in decided_names):
                        continue  # the sentence speaks of a deal already won or lost
                    closes = _date(sentence, made, named if kind == "deadline" else ())
                    if kind == "deadline" and _gate_opens_only(sentence):
                        closes = None
                else:
                    find = finders.get(kind)
                    word = _hit(sentence, find, reads_off) if find else None
                    if not word:
                        continue
                    if kind == "competitor_trouble" and not (names_supplier(sentence) or any(
                            wordlists.name_at(sentence.lower(), c.name.lower()) >= 0 for c in account.competitors)):
                        continue  # a plant stop or a recall of the customer's own is no opening for us
                    read_here = True
                    # a named period dates a supplier's gate ("deposit before Christmas"); the older types keep their
                    # dates ("by Christmas peak I'll have to tender" is a threat, not a window)
                    closes = _date(sentence, made, named if kind == "deadline" else ())
                    if kind == "deadline" and _gate_opens_only(sentence):
                        closes = None
                # the customer doing what it always does ("container 3 planned for mid-July, as always", "照旧4月下单")
                # is the account's standing rhythm, the business we have — not a new window (session 11)
                usual = events.usual(sentence) if events and kind in USUAL_NOT_NEW else None
                if usual:
                    _aside(set_aside, kind, sentence, f"the account's usual rhythm ({usual!r})")
                    continue
                # whose words and which time (actors.py): the customer acts in it, and it is not deferred
                at = _word_at(sentence, word, kind if figure is None else MODEL, reader)
                who_acts = judge.actor(sentence, at, quoted, aside=ours)
                if not who_acts.customers and kind != "competitor_trouble":  # a competitor's trouble: it acts in it
                    _aside(set_aside, kind, sentence, who_acts.note())
                    continue
                # a contact who approves the thing ("葉處長核定公司補助", "Ms Yeh approves the staff subsidy"), with no
                # date: the sentence says who decides — the buying centre —, not that a window is open (session 11)
                approver = judge.approver(sentence, max(0, at - len(word))) if kind in TYPES and kind != "event" \
                    and closes is None else None
                if approver:
                    _aside(set_aside, kind, sentence, f"who decides it ({approver!r}), no window")
                    continue
                in_use = judge.in_use(sentence)
                if in_use:
                    _aside(set_aside, kind, sentence, f"already in use ({in_use!r})")
                    continue  # what the customer has and runs, not what it will do
                later = judge.deferral(sentence, made)
                if later is not None:
                    if later.beyond(as_of):
                        _aside(set_aside, kind, sentence, later.note())
                        continue
                    closes = None  # a window opening later: nothing closes now
                if closes is not None and closes < as_of:
                    continue  # the window has closed: an event past, no opening
                if closes is None and later is None and kind in DATE_REQUIRED and (figure is None or kind == "deadline"):
                    # the lists' budget or tender word is everywhere ("the budget is tight"); the learned reader has
                    # already judged the sentence an opening — but a gate without its date is still no window
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
                                     "window_zh": zh, "what_en": WHAT[kind][0], "what_zh": WHAT[kind][1]}
                if closes is not None:
                    f["closes"], f["days_left"] = closes.isoformat(), days_left
                f["actor"] = who_acts.words or "the customer"
                if later is not None:
                    f["deferred"] = later.note()
                    if later.opens:
                        f["opens"] = later.opens.isoformat()
                if who:
                    f["contact"], f["contact_roles"] = who, sorted(set(contacts[who].roles))
                if reach:
                    f["reach"] = reach
                if age is not None:
                    f["days_ago"] = age
                if figure is not None:
                    f["model_figure"] = figure
                gate = gates(sentence) if gates is not None else None
                if gate:
                    f["gate"] = gate
                status = next((s for name, s in zip(decided, decided_status) if word in name), None)
                if status:
                    f["decided"] = status
                if answer_first:
                    f["answer_first"] = answer_first
                rank = (closes is None, days_left if days_left is not None else 0, order)
                if kind not in best or rank < best[kind][0]:
                    best[kind] = (rank, f)
    if "deadline" in best and "event" in best and falls_after_gate(best["event"][1], best["deadline"][1]):
        # the event falls after a gate the customer set: meeting the gate is what to do about it, by the earlier date
        del best["event"]
    out = [best[k][1] for k in TYPES if k in best]
    _number(out)
    return out


def falls_after_gate(event: dict[str, Any], deadline: dict[str, Any]) -> bool:
    """Whether the customer's event falls on or after the gate it set for suppliers. Either may be undated (an event
    read without its date, a gate that opens later): then nobody knows which comes first, and both stay (session 14:
    an undated event beside a dated gate stopped the advice with a KeyError)."""
    return "closes" in event and "closes" in deadline and event["closes"] >= deadline["closes"]


def _number(made: list[dict[str, Any]]) -> None:
    """Ids in list order: opening:1, opening:2 …"""
    for i, f in enumerate(made):
        f["id"] = f"opening:{i + 1}"


def live_objection(facts: list[dict], live_days: Optional[int] = None) -> Optional[str]:
    """The words of the first live objection heard within ``live_days`` (the pack's objection_live_days, else
    OBJECTION_LIVE_DAYS) of a kind that stands against us (ANSWER_FIRST) or demanding exclusivity, or None. Live is the
    one notion the answer rules rank by (objection.live, accounts/liveness.py: not answered, not superseded by a later
    concern, not money talk under an open high-severity complaint, not met by a promise since — set before the openings
    are read), within the age the answer rules' own guard allows: an opening waits only for an objection whose answer
    would rank as live work (session 7, issue 22: one notion of live, not a second, simpler one here)."""
    days = OBJECTION_LIVE_DAYS if live_days is None else int(live_days)
    for f in facts:
        if f.get("kind") != "objection" or f.get("answered") or f.get("live") is False:
            continue
        if f.get("days_ago") is not None and not 0 <= f["days_ago"] <= days:
            continue
        # a demand for exclusivity on record is a condition the opening waits on: "if you want us to push you next
        # year, give us the province" is answered before next year's plan is sold (accounts/exclusivity.py)
        if set(f.get("kinds") or ()) & ANSWER_FIRST or f.get("exclusivity_on_record"):
            return f.get("quote")
    return None


def add(facts: list[dict], account: Any, as_of: dt.date, finders: dict[str, Callable[..., Optional[str]]],
        reads_off: Callable[..., bool], gone: set, names_supplier: Callable[..., bool] = lambda *_: False,
        live_days: Optional[int] = None, events: Optional[EventWords] = None, reader: Any = None,
        gates: Optional[Callable[..., Optional[str]]] = None, renews: Optional[Callable[..., bool]] = None,
        judge: Optional[actors.Judge] = None) -> None:
    """Append the opening facts (after the objection facts — a live one is answered first — and the tender marks)
    and count them on the account fact; ``live_days``: the pack's objection_live_days."""
    acc = next(f for f in facts if f["kind"] == "account")
    aside: list[str] = []
    made = opening_facts(account, as_of, finders, reads_off, gone, names_supplier, live_objection(facts, live_days),
                         events, reader, gates, renews, judge, aside)
    if aside:
        acc["opening_set_aside"] = aside
    if acc.get("open_tender_count"):
        # a tender already on file (a deal's name or a visit note says it is under way: tenders.py) is worked by the
        # tender rules (rules/core/buying.yaml); a second reading of it as an opening would say the same twice
        made = [f for f in made if f["type"] != "tender"]
        _number(made)
    _promised_steps(made, facts)
    _conditions_first(made, facts, OBJECTION_LIVE_DAYS if live_days is None else int(live_days))
    acc["opening_count"] = len(made)
    facts.extend(made)


def _promised_steps(made: list[dict], facts: list[dict]) -> None:
    """Mark a dated opening whose contact we owe an open promise due on or before the window closes ("send the final BOM
    and pricing next Friday so Nathan can lock his bid to the council", the bid due a week later): that promise is the
    step the window needs, already agreed with the customer — keeping it is how the window is taken, and a second
    action asking what the window needs would rank above the promise that answers it (session 14)."""
    owed = [p for p in facts if p["kind"] == "promise" and p.get("status") == "open" and p.get("by") == "rep"
            and not p.get("internal") and p.get("due") and p.get("contact")]
    for f in made:
        if not f.get("closes") or not f.get("contact"):
            continue
        step = next((p for p in owed if p["contact"] == f["contact"] and p["due"] <= f["closes"]), None)
        if step is not None:
            f["promised_step"] = step.get("what", "")


# what a condition on a decision is: a demand for exclusivity (accounts/exclusivity.py) or an objection on terms
CONDITION_KINDS = frozenset({"terms"})


def _conditions_first(made: list[dict], facts: list[dict], live_days: int) -> None:
    """Mark a customer's deadline whose contact put a condition on the decision — a demand for exclusivity, a term — on
    or before the day he set the date, still live and unanswered: "give us sole distributorship … then I open the LC"
    and "come back before month end" in one conversation (session 15, issue 23). The date belongs to the decision the
    condition is on; it is when he expects the answer. Meeting it is answering the condition, so the answer ranks first
    (its own level) and the deadline waits beside the opportunities (core.openings.deadline-behind-a-condition), not
    above it as a gate of paperwork (core.openings.meet-the-deadline). A condition raised after the date was set, or by
    someone else, leaves the gate as it was."""
    for f in made:
        if f.get("type") != "deadline" or not f.get("contact") or f.get("days_ago") is None:
            continue
        condition = next((o for o in facts if o.get("kind") == "objection" and o.get("contact") == f["contact"]
                          and not o.get("answered") and o.get("live") is not False
                          and o.get("days_ago") is not None and f["days_ago"] <= o["days_ago"] <= live_days
                          and (o.get("exclusivity_on_record") or set(o.get("kinds") or ()) & CONDITION_KINDS)), None)
        if condition is not None:
            f["condition_first"] = condition.get("quote") or ""
