"""Situations the account's own record describes (issue 22, session 10): one ``situation`` fact per kind found.

Seven sessions showed the same thing: each new set of accounts brings situations no rule reads — a payment that is
late, a champion who stopped answering, an announcement of ours the customer has not heard yet, a trial that ended
without a verdict, a newcomer who now decides. A key-account manager meets them in every industry, and a rep writes
them down in prose, in a visit's note or the account's notes. This module reads them the same way for every kind, so
a kind is added as pack data — vocabularies and rules — never as Python:

- a kind ``K`` is any vocabulary ``situation_K`` (phrases), or the pair ``situation_K_thing`` + ``situation_K_state``
  (a thing and what happened to it, in one clause, either order: "the October invoice … is overdue", "货款逾期"), or
  the pair ``situation_K_first`` + ``situation_K_then`` in that order ("新来的高主任": the arrival, then the title);
- ``situation_K_cleared``: words that record it settled since — in the same text after the words, or in a later text
  ("paid on 2 Dec", "已回款", "he called back") — and then there is no situation;
- a phrase or a pair right after a negation ("no overdue invoices", "没有逾期") says none (wordlists.pair_finder's and
  first_unnegated's negation reading);
- who acts (accounts/actors.py): ``actor`` is ``us`` when the rep's own side does it ("we must raise our prices",
  "我们1月要断货"), ``competitor`` for a competitor's move, else ``customer``; a rule reads the actor it needs;
- read in the account's notes (undated) and the notes and next steps of the visits and the objections of the last
  RECENT_DAYS days, newest first: the newest text of a kind is the one kept.

Who: the contacts the sentence names — the first met one is ``contact`` (else the visit's or objection's contact, else
the met decider), the first not yet met is ``reach``; ``other`` is a met contact still there who is not ``contact`` (the
decider first): the way round a contact who stopped answering. ``days_written`` is a number of days (or weeks, months)
written beside the words ("40 days overdue", "逾期40天", "two weeks"), for a rule's text and threshold.

Session 11: a learned reading last (accounts/situationmodel.py, trained by scripts/train_situations.py on two
independent writers' labelled sentences). In a sentence where no phrase reading of any kind fires, the model's kind —
when it reaches that kind's threshold, chosen out of fold for precision — is read as if its words were a phrase of the
kind, behind the same guards (a negation right before its words, a rumour or supposition, settled since in the same
clause or a later text, who acts, who it concerns, recency): the fact carries ``model_figure`` and, as ``word``, the
n-grams that weighed most ("model 0.93: keep · next week"). A kind the model reads that no pack declares yet still
makes its fact (no rule acts on it until a pack has one).

An account's ``invoices:`` (what an ERP's receivables list carries) make an ``overdue_payment`` situation too: an unpaid
invoice past its due date (the oldest), with its days past due — the record's own figure before any prose.
Bookkeeping only; what to do is the packs' (rules/core/situations.yaml).
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, Optional

from . import actors, wordlists
from .account import Account

RECENT_DAYS = 90  # a visit older than this describes how things were: ask, don't assume (as holds.py, openings.py)
PREFIX = "situation_"
QUOTE_MAX = 160

CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    "situation": {
        "type": ("text", "the kind of situation: the K of the packs' vocabularies situation_K (phrases) or "
                         "situation_K_thing + situation_K_state (a pair in one clause), e.g. overdue_payment, "
                         "gone_quiet, our_news, trial_ended, newcomer (advisor/accounts/situations.py)"),
        "quote": ("text", "the sentence it was read in, as written (shortened past 160 characters)"),
        "word": ("text", "the words it was found by (lower-cased)"),
        "source": ("text", "where it was read: notes / visit / objection / invoices"),
        "date": ("text", "the day of the visit or objection it was read in, YYYY-MM-DD (absent for the notes)"),
        "days_ago": ("number", "days since that visit or objection (absent for the notes)"),
        "actor": ("text", "who acts in the sentence: us (the rep's own side), competitor, or customer "
                          "(accounts/actors.py)"),
        "contact": ("text", "who it concerns: the first met contact the sentence names, else the visit's or "
                            "objection's contact, else the met decider (absent when none); for a newcomer, a met "
                            "contact whose reaches: names them when one does — the one to ask for the introduction"),
        "named": ("bool", "the contact is named in the sentence (not only the visit's contact or the decider)"),
        "reach": ("text", "a contact not yet met whom the sentence names (absent when none)"),
        "reach_decides": ("bool", "that contact not yet met holds the decider role (absent when there is no reach)"),
        "other": ("text", "a met contact still there who is not the contact — the decider first (absent when none)"),
        "gone": ("text", "a contact on file who has left (contact.departed) whom the sentence names — the contact rules "
                         "speak of that person (absent when none)"),
        "days_written": ("number", "a number of days written beside the words (weeks and months in days), e.g. "
                                   "'40 days overdue' (absent when none)"),
        "amount": ("number", "the amount of an overdue invoice on record (invoices:; absent from prose)"),
        "model_figure": ("number", "read by the learned situation reader (no phrase of any kind fired in the sentence): "
                                   "its probability for the kind (absent when phrases read it; "
                                   "advisor/accounts/situationmodel.py)"),
    },
    "account": {
        "situation_types": ("list", "the kinds of situation the record describes (situation facts)"),
    },
}
CATALOG_ZH: dict[str, dict[str, str]] = {
    "situation": {
        "type": "情形的种类:规则包词表 situation_K(短语)或 situation_K_thing + situation_K_state(同一分句中的一对词)中的 K,"
                "如 overdue_payment(逾期付款)、gone_quiet(联系人失联)、our_news(我方要先告知的消息)、trial_ended(试用结束未定)、"
                "newcomer(新来的人)",
        "quote": "读到它的那句话,按原文(超过160字截短)",
        "word": "据以识别的词语(小写)",
        "source": "读到的位置:notes / visit / objection / invoices",
        "date": "所在拜访或异议的日期 YYYY-MM-DD(备注中读到时不存在)",
        "days_ago": "距该拜访或异议的天数(备注中读到时不存在)",
        "actor": "句中谁在做:us(我方)、competitor(竞争对手)或 customer(客户)",
        "contact": "涉及的人:句中点名的第一位已见过的联系人,否则该拜访或异议的联系人,否则已见过的决策人(没有时不存在);"
                   "新来的人:若有已见过的联系人在 reaches: 中列出此人,则为该联系人——由其引荐",
        "named": "该联系人在句中被点名(而不只是该拜访的联系人或决策人)",
        "reach": "句中点名但尚未见过的联系人(没有时不存在)",
        "reach_decides": "该尚未见过的联系人担任决策者(没有 reach 时不存在)",
        "other": "另一位仍在任、已见过的联系人(决策人优先)(没有时不存在)",
        "gone": "句中点名、档案中已离开的联系人(contact.departed)——由联系人规则处理此人(没有时不存在)",
        "days_written": "紧挨着写的天数(周、月折算成天),如“逾期40天”(没有时不存在)",
        "amount": "记录中逾期发票的金额(invoices:;从文字读到时不存在)",
        "model_figure": "由学习型情形阅读器读出(该句没有任何短语命中):该种类的概率(短语读出时不存在)",
    },
    "account": {
        "situation_types": "记录所描述的情形种类(situation 事实)",
    },
}

# a fear, a rumour or a supposition, not a record ("what if Tom left tomorrow", "要是次仁明天调走了")
_HEDGED = re.compile(r"(?<![a-z])(?:rumou?rs?|rumou?red|might|if|whether|in case|suppose|supposing|unconfirmed|"
                     r"unverified|not verified|not confirmed|hopes? to|hoping to|speculation)(?![a-z])"
                     r"|传闻|傳聞|传言|傳言|谣言|謠言|如果|万一|萬一|要是|假如|假设|假設|若是|倘若|未证实|未經證實|未经证实|未核实|"
                     r"未核實|争取|爭取")
# history, not a situation: the clause dates it two years or more before the text was written ("promoted to purchasing
# head in 2015", "客户2019年被收购的事早就过去了", "五年前升任", "back in 2020") — not "since 2019", a state that goes on
_YEAR = re.compile(r"(?<![0-9a-z])(?<!since )(?<!自)(?<!从)(?<!從)((?:19|20)\d\d)(?![0-9])")
_AGO = re.compile(r"(?<![a-z])(?:years ago|long ago|back in the day)(?![a-z])|(?:[两兩二三四五六七八九十几幾]|\d+)\s*年前"
                  r"|早在|早就|早已|多年前")


def _long_ago(clause: str, year: int) -> bool:
    """The clause dates what it tells two years or more before ``year`` (the text's own): a past event, not news."""
    return bool(_AGO.search(clause)) or any(int(y) <= year - 2 for y in _YEAR.findall(clause))
# a word right after a negation says none ("no overdue invoices", "not decided yet", "还没决定", "沒有通知")
_NEGATED_BEFORE = re.compile(r"(?:(?<![a-z])(?:no|not|never|without|nor|yet to)(?![a-z])[^.;,]{0,10}|n['’]t[^.;,]{0,10}"
                             r"|(?:没|沒|未|无|無|不)[^。;,，]{0,2})$")
_NEGATED_INSIDE = re.compile(r"(?<![a-z])(?:no|not|never|nor)(?![a-z])|n['’]t(?![a-z])|不|没|沒|未|无|無")
_UNIT_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "天": 1, "日": 1, "周": 7,
              "週": 7, "星期": 7, "个月": 30, "個月": 30, "月": 30}
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
               "sixty": 60, "ninety": 90}
_ZH_NUMBERS = {"一": 1, "两": 2, "兩": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_SPAN = re.compile(r"(\d+|" + "|".join(_EN_NUMBERS) + r")\s*(?:\+\s*)?(days?|weeks?|months?)(?![a-z])"
                   r"|(\d+|[一两兩二三四五六七八九十]+)\s*(天|日|周|週|星期|个月|個月)")


# the parts of a kind's vocabularies: a pair in either order, a pair in this order, what settles it
PAIRS = (("_thing", "_state"), ("_first", "_then"))
PARTS = ("_thing", "_state", "_first", "_then", "_cleared")


def kinds(vocabulary: Optional[wordlists.Vocabulary]) -> list[str]:
    """The kinds the packs declare: situation_K (phrases), situation_K_thing with situation_K_state (a pair, either
    order), situation_K_first with situation_K_then (a pair in that order: "新来的高主任", not "经理说新来的两个潜导")."""
    names = set(vocabulary or ())
    out = set()
    for name in names:
        if not name.startswith(PREFIX):
            continue
        part = next((p for p in PARTS if name.endswith(p)), None)
        if part is None:
            out.add(name[len(PREFIX):])
        elif any(part == a and name[:-len(a)] + b in names for a, b in PAIRS):
            out.add(name[len(PREFIX):-len(part)])
    return sorted(out)


def finders(vocabulary: Optional[wordlists.Vocabulary]) -> "Finders":
    """Per kind: (a finder of its words — the phrases, then the pair — and a finder of its cleared words); built once
    per pack set (wordlists.kept)."""
    return wordlists.kept(vocabulary, "situation finders", lambda: Finders(vocabulary))


def _kind_finders(vocabulary: Optional[wordlists.Vocabulary], kind: str) -> tuple[Callable, Callable]:
    name = PREFIX + kind
    phrase = wordlists.finder(vocabulary, name)
    pair = wordlists.pair_finder(vocabulary, name + "_thing", name + "_state", cjk_window=8)
    ordered = wordlists.pair_finder(vocabulary, name + "_first", name + "_then", ordered=True, cjk_window=8)

    def find(text: Optional[str]) -> Optional[str]:
        hit = wordlists.first_unnegated(text, phrase, _NEGATED_BEFORE)
        if hit:
            return hit
        # a pair with a negation between its words says none ("供应商不会减少", "the invoice is not overdue")
        return next((p for p in (pair(text), ordered(text)) if p and not _NEGATED_INSIDE.search(p)), None)
    settled = wordlists.finder(vocabulary, name + "_cleared")

    def cleared(text: Optional[str]) -> Optional[str]:
        return wordlists.first_unnegated(text, settled, _NEGATED_BEFORE)  # "has not paid" settles nothing
    return find, cleared


# a run of the letters and digits an English word is bounded by (wordlists: a word is found whole)
_RUN = re.compile(r"[a-z0-9]+")


class WordIndex:
    """Which vocabularies' words a clause can hold, read in one pass over the clause — so that of the ~150 finders of
    the situation kinds only those whose words can stand there are run (session 12: every clause was read once per
    kind and part, 40% of building an account's facts).

    A word can stand in a clause only where its start does: an English word (found whole, a plural s/es included:
    wordlists) only where the clause has a run of letters and digits equal to the word's first run (with s/es taken
    off the clause's run when the word is that one run); any other word (Chinese, or English that opens with another
    sign) only where the clause holds its first character. The index is a necessary test, never a sufficient one:
    the finders still decide, so a kind is found exactly where its finders find it (tests/test_situation_index.py)."""

    def __init__(self, vocabulary: Optional[wordlists.Vocabulary], names: list[str]):
        self.by_run: dict[str, set[str]] = {}
        self.by_char: dict[str, set[str]] = {}
        for name in names:
            english, chinese = wordlists.literals(vocabulary, name)
            for word in english:
                run = _RUN.match(word)
                if run:
                    self.by_run.setdefault(run.group(0), set()).add(name)
                else:
                    self.by_char.setdefault(word[0], set()).add(name)
            for word in chinese:
                self.by_char.setdefault(word[0], set()).add(name)
        self.runs = frozenset(self.by_run)
        self.chars = frozenset(self.by_char)

    def names(self, low: str) -> set[str]:
        """The vocabularies whose words may stand in the lower-case ``low`` (a superset of those that do)."""
        runs = set(_RUN.findall(low))
        runs |= {r[:-1] for r in runs if r.endswith("s")} | {r[:-2] for r in runs if r.endswith("es")}
        out: set[str] = set()
        for r in runs & self.runs:
            out |= self.by_run[r]
        for c in self.chars.intersection(low):
            out |= self.by_char[c]
        return out


class Finders(dict):
    """kind → (find, cleared) for every kind the packs declare (``kinds``), with the index of where their words can
    stand: ``read(clause)`` gives every kind's words and every kind's settling words in a clause, running only the
    finders whose words can stand in it."""

    def __init__(self, vocabulary: Optional[wordlists.Vocabulary]):
        super().__init__((kind, _kind_finders(vocabulary, kind)) for kind in kinds(vocabulary))
        names = {kind: PREFIX + kind for kind in self}
        self.index = WordIndex(vocabulary, [n + part for n in names.values() for part in ("",) + PARTS])
        # per kind, the vocabularies its words are found by (any one: a phrase; both: a pair) and its settling ones
        self.needs = {kind: ((n,), (n + "_thing", n + "_state"), (n + "_first", n + "_then")) for kind, n in names.items()}
        self.settles = {kind: n + "_cleared" for kind, n in names.items()}
        self.kind_of = {n + part: kind for kind, n in names.items() for part in ("",) + PARTS}

    def read(self, clause: str) -> tuple[dict[str, str], dict[str, str]]:
        """(kind → the words it was found by, kind → the words that record it settled) in the lower-case ``clause``:
        what each kind's finders give, in one pass."""
        here = self.index.names(clause.lower())  # the finders lower-case what they read; so does the index
        words: dict[str, str] = {}
        settled: dict[str, str] = {}
        if not here:
            return words, settled
        touched = {self.kind_of[n] for n in here}
        for kind, (find, cleared) in self.items():
            if kind not in touched:
                continue
            if any(all(n in here for n in need) for need in self.needs[kind]) and (w := find(clause)):
                words[kind] = w
            if self.settles[kind] in here and (d := cleared(clause)):
                settled[kind] = d
        return words, settled


def _days_written(clause: str) -> Optional[int]:
    m = _SPAN.search(clause)
    if not m:
        return None
    if m.group(1):
        n = int(m.group(1)) if m.group(1).isdigit() else _EN_NUMBERS[m.group(1)]
        return n * _UNIT_DAYS[m.group(2)]
    raw = m.group(3)
    if raw.isdigit():
        n = int(raw)
    elif raw == "十":
        n = 10
    elif raw.startswith("十"):
        n = 10 + _ZH_NUMBERS.get(raw[1:], 0)
    elif "十" in raw:
        tens, _, ones = raw.partition("十")
        n = _ZH_NUMBERS.get(tens, 1) * 10 + (_ZH_NUMBERS.get(ones, 0) if ones else 0)
    else:
        n = _ZH_NUMBERS.get(raw, 0)
    return n * _UNIT_DAYS[m.group(4)] if n else None


def _texts(account: Account, as_of: dt.date) -> list[tuple[str, str, Optional[str], Optional[dt.date]]]:
    """(source, text, contact, day) oldest first; the notes (undated) first of all: a dated text is newer."""
    out: list[tuple[str, str, Optional[str], Optional[dt.date]]] = []
    if account.notes:
        out.append(("notes", account.notes, None, None))
    dated = [("visit", t, v.contact, v.date) for v in account.visits if 0 <= (as_of - v.date).days <= RECENT_DAYS
             for t in (v.note, v.next_step) if t]
    dated += [("objection", o.text, o.contact, o.date) for o in account.objections
              if o.date and 0 <= (as_of - o.date).days <= RECENT_DAYS]
    return out + sorted(dated, key=lambda x: x[3])


def _clauses(text: str) -> list[tuple[str, int, int]]:
    """(sentence, start, end) of every clause of ``text`` (unwrapped, as written), in order: a clause is read in the
    sentence it stands in, where who acts is judged (Chinese drops the subject of a later clause)."""
    out = []
    full = wordlists.unwrap(text)
    cuts = [0] + [m.end() for m in wordlists.SENTENCE.finditer(full)] + [len(full)]
    for a, b in zip(cuts, cuts[1:]):
        sentence = full[a:b]
        marks = [0] + [m.end() for m in wordlists.CLAUSE.finditer(sentence)] + [len(sentence)]
        out += [(sentence, x, y) for x, y in zip(marks, marks[1:]) if sentence[x:y].strip()]
    return out


def _asides(text: str, clauses: list[tuple[str, int, int]], judge: actors.Judge) -> list[Optional[str]]:
    """Per clause of ``text`` (``_clauses``): the heading of an aside of our side its sentence stands in ("[Bao 18 Jan:
    … Proposal: accept 6% cut.]"), or None — where nobody else is named acting, the words are our side's."""
    full = wordlists.unwrap(text)
    out: list[Optional[str]] = []
    at, last, heading = 0, None, None
    for sentence, _, _ in clauses:
        if sentence is not last:
            start = full.find(sentence, at)
            at = max(at, start + len(sentence)) if start >= 0 else at
            heading, last = (judge.aside(full[:start]) if start >= 0 else None), sentence
        out.append(heading)
    return out


# a sentence that ends in a question mark (closing quotes and brackets after it allowed)
_QUESTION = re.compile(r"[?？][\s\"'”’)）」』]*$")


def _model_reads(clauses: list[tuple[str, int, int]], phrased: list[dict[str, str]], model: Any) -> \
        dict[int, tuple[str, str, int, float]]:
    """The learned reader's situations in a text (accounts/situationmodel.py): per sentence in which no phrase reading
    of any kind fires (``phrased``: per clause, the kinds whose words were found there), the model's kind when it
    fires (at that kind's threshold) — keyed by the clause holding the n-grams that weighed most, as (kind, the words
    it was found by, where they end in that clause, the model's figure). The guards are the phrase reading's, applied
    by ``add``; here only a negation right before the evidence ("no … overdue invoices"), as a phrase's."""
    out: dict[int, tuple[str, str, int, float]] = {}
    at = 0
    while at < len(clauses):
        sentence = clauses[at][0]
        end = at
        while end < len(clauses) and clauses[end][0] is sentence:
            end += 1
        # a question tells nothing that happened: it is what someone (often the rep, in a list of things to find out)
        # does not know yet — "公司物资采购部谁经办?", "who signs above 1m?" — and the model weighs its topic words
        # (采购部, 公司, the group) as if the sentence told a change (session 17)
        if not any(phrased[i] for i in range(at, end)) and not _QUESTION.search(sentence):
            read = model.read(sentence)
            if read is not None and read.fires:
                folded = [model.folded(sentence[lo:hi]) for _, lo, hi in clauses[at:end]]
                # the clause of the first of the weightiest n-grams found in one (a word pair may span two: the next)
                j = next((k for g in read.grams for k, c in enumerate(folded) if g in c), 0)
                spans = [(folded[j].find(g), folded[j].find(g) + len(g)) for g in read.grams[:3] if g in folded[j]]
                start, stop = (min(a for a, _ in spans), max(b for _, b in spans)) if spans else (0, len(folded[j]))
                if not _NEGATED_BEFORE.search(folded[j][:start]):
                    word = f"model {read.probability:.2f}: " + " · ".join(read.grams[:3])
                    out[at + j] = (read.kind, word, stop, round(read.probability, 2))
        at = end
    return out


def _named(name: str, low: str) -> int:
    """Where a contact is named in ``low``: the whole name or the way notes shorten it ("Pete" for Pete Olsen)."""
    hits = [at for short in actors._short(name) for at in [wordlists.name_at(low, short)] if at >= 0]
    return min(hits) if hits else -1


def _people(sentence: str, contact: Optional[str], contacts: dict, gone: set) -> tuple[Optional[str], Optional[str], bool]:
    """(who it concerns, someone unmet the sentence names, whether ``who`` is named in the sentence)."""
    return actors.people_in(sentence, contact, contacts, gone, _named)


def _other(contacts: dict, gone: set, who: Optional[str]) -> Optional[str]:
    rest = [c for n, c in contacts.items() if n != who and n not in gone and c.met]
    return actors.decider(rest, met_only=True) or next((c.name for c in sorted(rest, key=lambda c: c.name)), None)


def _door(contacts: dict, gone: set, reach: str) -> Optional[str]:
    """The met contact still there who reaches ``reach`` (their ``reaches:`` names them): the one with the standing to
    introduce a newcomer, before whoever only mentioned them — the decider first, then the senior, then name order."""
    doors = [c for n, c in contacts.items() if c.met and n not in gone and reach in c.reaches]
    best = min(doors, key=lambda c: ("decider" not in c.roles, not c.senior, c.name), default=None)
    return best.name if best else None


def _settled_in_text(account: Account, invoice: Any, cleared: Callable[..., Optional[str]]) -> bool:
    """Does the record say in words that ``invoice`` was settled — a sentence of the notes or of a visit since its due
    date naming its number, with a settling word (paid, a credit note, cancelled, written off, 红冲: the packs'
    situation_overdue_payment_cleared) not negated? A finance list lags the note: "ALX-0457 was settled by the credit
    note of 30 Dec" is no money owed, whatever the list's ``paid: false`` says (session 15)."""
    number = (invoice.number or "").lower().strip()
    if not number:
        return False
    texts = [account.notes] + [v.note for v in account.visits if v.note and v.date >= invoice.due]
    return any(number in sentence.lower() and wordlists.first_unnegated(sentence, cleared)
               for t in texts if t for sentence in wordlists.SENTENCE.split(t))


def _from_invoices(account: Account, as_of: dt.date,
                   cleared: Callable[..., Optional[str]] = lambda *_: None) -> Optional[dict[str, Any]]:
    late = sorted((i for i in account.invoices if not i.paid and i.due < as_of
                   and not _settled_in_text(account, i, cleared)), key=lambda i: i.due)
    if not late:
        return None
    oldest = late[0]
    days = (as_of - oldest.due).days
    label = oldest.number or oldest.due.isoformat()
    quote = f"invoice {label}" + (f" of {oldest.amount:g}" if oldest.amount is not None else "") + \
        f" due {oldest.due.isoformat()}, unpaid" + (" (disputed)" if oldest.disputed else "")
    f: dict[str, Any] = {"kind": "situation", "type": "overdue_payment", "quote": quote, "word": "invoices",
                         "source": "invoices", "actor": actors.CUSTOMER, "days_written": days}
    if oldest.amount is not None:
        f["amount"] = sum(i.amount or 0 for i in late)
    return f


def _fact(kind: str, word: str, source: str, sentence: str, actor: str,
          people: tuple[Optional[str], Optional[str], bool], days: Optional[int]) -> dict[str, Any]:
    who, reach, named = people
    f: dict[str, Any] = {"kind": "situation", "type": kind, "word": word, "source": source,
                         "quote": sentence if len(sentence) <= QUOTE_MAX else sentence[:QUOTE_MAX - 1] + "…",
                         "actor": actor if actor in (actors.US, actors.COMPETITOR) else actors.CUSTOMER}
    if who:
        f["contact"], f["named"] = who, named
    if reach:
        f["reach"] = reach
    if days:
        f["days_written"] = days
    return f


def add(facts: list[dict], a: dict, account: Account, as_of: dt.date,
        found: "Finders", judge: actors.Judge, gone: set, reader: Any = None) -> None:
    """Append one ``situation`` fact per kind the record describes (the newest text of each), and set
    ``a["situation_types"]``. ``reader``: the learned situation reader (situationmodel.LazySituationModel), heard in
    the sentences no phrase reading fires in, behind the same guards; without it the phrases alone read."""
    contacts = {c.name: c for c in account.contacts}
    made: dict[str, dict[str, Any]] = {}
    recorded = _from_invoices(account, as_of, found["overdue_payment"][1] if "overdue_payment" in found else
                              (lambda *_: None))
    if recorded:
        made["overdue_payment"] = recorded
    texts = []
    for source, text, contact, day in _texts(account, as_of):
        clauses = _clauses(text)
        read = [found.read(sentence[lo:hi].lower()) for sentence, lo, hi in clauses]
        phrased = [words for words, _ in read]
        settled = [done for _, done in read]
        # the learned reader was trained on the record's own sentences (notes, visits, titles), not on the buyer's
        # objections: those the objection reader reads (reading/), and a remark like "you keep saying dealers do well"
        # is no situation of the account — so an objection's words are read by the phrases only
        model = reader.get() if reader is not None and source != "objection" else None
        texts.append((source, contact, day, clauses, phrased, settled,
                      _model_reads(clauses, phrased, model) if model else {}, _asides(text, clauses, judge)))
    for kind in sorted(set(found) | {r[0] for t in texts for r in t[6].values()}):
        latest: Optional[dict[str, Any]] = None
        for source, contact, day, clauses, phrased, settled, modelled, asides in texts:
            for i, (sentence, lo, hi) in enumerate(clauses):
                word = phrased[i].get(kind)
                done = settled[i].get(kind)
                figure = None
                if word:
                    clause = sentence[lo:hi].lower()
                    stop = clause.find(word) + len(word)
                elif i in modelled and modelled[i][0] == kind:
                    clause = sentence[lo:hi].lower()
                    _, word, stop, figure = modelled[i]
                elif not done:
                    continue  # nothing of this kind here: the clause neither tells it nor settles it
                if word and not (done and clause.rfind(done) >= stop):
                    if _HEDGED.search(sentence.lower()):
                        continue  # a fear, a rumour or a supposition, not a record ("Rumour from the trade show: …")
                    if _long_ago(clause, (day or as_of).year):
                        continue
                    at = lo + (max(0, clause.find(word)) if figure is None else stop)
                    who = judge.actor(sentence, at, aside=asides[i]).who
                    if who == actors.THIRD_PARTY:
                        # someone else's company ("听说隔壁那家厂被收购了", "隔壁厂家给他们的报价低了12个点"): never the
                        # customer's own situation — read as a competitor's, which the rules of the customer's set aside
                        who = actors.COMPETITOR
                    people = _people(sentence, contact, contacts, gone)
                    if not people[2] and not people[1]:
                        # a note's subject carries over to its next sentence ("Jonas has stopped picking up; three
                        # voicemails, no reply"): the people named in the sentence before, in the same text
                        before = [c for c in clauses[:i] if c[0] != sentence]
                        if before and (prior := _people(before[-1][0], contact, contacts, gone))[2]:
                            people = prior
                    latest = _fact(kind, word, source, sentence.strip(), who,
                                   people, _days_written(clause))
                    if latest.get("reach") in contacts:
                        latest["reach_decides"] = "decider" in contacts[latest["reach"]].roles
                    left = next((n for n in sorted(gone) if _named(n, sentence.lower()) >= 0), None)
                    if left:
                        latest["gone"] = left  # "Pete resigned": the departed contact's own rules speak of him
                    if figure is not None:
                        latest["model_figure"] = figure
                    if day is not None:
                        latest["date"], latest["days_ago"] = day.isoformat(), (as_of - day).days
                elif done and latest is not None:
                    latest = None  # settled since: "paid on 2 Dec", "他回电话了"
        if latest is not None and kind not in made:
            made[kind] = latest
    for n, kind in enumerate(sorted(made)):
        f = made[kind]
        f["id"] = f"situation:{n + 1}"
        if kind == "newcomer" and f.get("reach"):
            door = _door(contacts, gone, f["reach"])
            if door:
                f["contact"] = door
        other = _other(contacts, gone, f.get("contact"))
        if other:
            f["other"] = other
        facts.append(f)
    a["situation_types"] = sorted(made)


# --- a contact who has left, written in a note rather than in the title ------------------------------------------------
# "Tom resigned in November", "赵工11月跳槽去了对手公司": the record says the person is gone, the title was never changed.
# Read here so the contact counts as departed everywhere (contact.departed): no meeting is proposed with someone who has
# left, and the successor rules ask who holds the seat now. A word of the packs' vocabulary departed_in_text — the
# person's leaving, not a thing left ("left a sample", "left the meeting") — in a clause of a recent visit note or the
# notes, said of the contact named nearest before it (else the first named after it: "离职的是赵工"), not negated, not
# hedged, not still to come ("will leave", "下个月离职": succession.py reads those), and no later visit with that contact.
_TO_COME = re.compile(r"(?:(?<![a-z])(?:will|going to|plans? to|about to|may|might|could|to)\s+(?:\w+\s+){0,2}$)"
                      r"|(?:将|要|即将|准备|打算|会|可能|下个?月|明年|年底|月底|明天|下周|下週)[^。;,，]{0,3}$")


_SAYS = re.compile(r"(?<![a-z])(?:said|says|told|tells|mentioned|mentions|according to)(?![a-z])|说|說|表示|称|稱|讲|講|提到")


def left_in_text(account: Account, as_of: dt.date, find: Callable[..., Optional[str]]) -> dict[str, str]:
    """Contacts a recent note says have left → the words it was read by."""
    if not account.contacts:
        return {}
    names = [c.name for c in account.contacts]
    last_seen = {}
    for v in account.visits:
        if v.contact:
            last_seen[v.contact] = max(last_seen.get(v.contact, v.date), v.date)
    out: dict[str, str] = {}
    for source, text, _contact, day in _texts(account, as_of):
        if source == "objection":
            continue  # the buyer's words about someone else's departure are read by the objection rules
        for sentence, lo, hi in _clauses(text):
            clause = sentence[lo:hi].lower()
            word = wordlists.first_unnegated(clause, find, _NEGATED_BEFORE)
            if not word or _HEDGED.search(clause):
                continue
            at = clause.find(word)
            if _TO_COME.search(clause[max(0, at - 20):at]):
                continue
            named = [(_named(n, clause), n) for n in names]
            before = [(p, n) for p, n in named if 0 <= p < at]
            after = [(p, n) for p, n in named if p > at]
            if before and _SAYS.search(clause[max(before)[0]:at]):
                before = []  # "小林说他们车间离职率很高": the one named speaks; who left is in what was said
            who = max(before)[1] if before else (min(after)[1] if after else None)
            if who is None or (day is not None and last_seen.get(who, day) > day):
                continue
            out.setdefault(who, word)
    return out
