"""Why the account's sales fall, where its own words already say it (session 8, issue 22).

A coach does not tell a rep to "find the cause of the decline" when the visit note reads "volumes are down, lots
going to their own new DC" or "订单少了一半,因为他们改由集团统一采购": the cause is stated; the work is to learn
what moves, how much and why from the person who decides it, and to reset the plan. This reads the stated cause by
structure, in any trade: in one sentence of a visit's note, an objection or the account's notes,

- a word saying volume falls or goes (the packs' vocabulary ``decline_words``: down, fell, lost, moving, 下降, 少了,
  转到 …),
- a word joining it to its cause (``decline_because``: because, due to, since, moving to, going to, 因为, 由于, 搬到,
  改由 …), and
- in the clause that joining word opens (up to the next comma or sentence mark), a cause of one kind
  (``decline_cause_<kind>``, the kinds of ``terms.DECLINE_CAUSES``: its own facility, a move, a lost customer of its
  own, a line closed, a competitor, a product phased out, a budget cut, our price, quality).

"since August" joins no cause (no kind in its clause); "because of the season" names none of the kinds — a season is
what a coach checks against the account's own rhythm, not a cause to act on — so both leave the cause to be found.
The freshest statement wins: visits and objections newest first, then the account's notes. Negated clauses ("not
because of the price") state no cause. Of two causes in one text, the one after a word marking the real cause ("but
actually", "其实", "真正的原因": wordlists.real_cause) wins. Who acts is asked of each cause (actors.py): a deed of the
customer's own (a move, its own facility, a line closed …) done by a competitor is the competitor's move ("Grundfos
moved its depot next to them": competition, not the customer moving away); done by us or a third party it is no
cause of the customer's.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, Optional

from . import actors, terms, wordlists
from .account import Account
from .promises import day_month

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"account": {
    "decline_cause_kind": ("text", "why sales fall, as the account's own words state it (decline_cause_<kind> of the "
                                   "packs' vocabulary: own_facility, move, lost_customer, line_closed, competitor, "
                                   "phased_out, budget_cut, our_price, quality), or capability where no words state "
                                   "one and a customer's unanswered objection of the feature kind, raised in the last "
                                   "180 days of a measured decline, names what we cannot do for them; missing "
                                   "when no cause is stated"),
    "decline_cause_quote": ("text", "the clause stating that cause, in the words written"),
    "decline_cause_kind_en": ("text", "the kind of cause, in English words"),
    "decline_cause_kind_zh": ("text", "the kind of cause, in Chinese words"),
    "decline_cause_by_en": ("text", "where it was said: the contact and the day, or the account notes (English)"),
    "decline_cause_by_zh": ("text", "where it was said (Chinese)"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"account": {
    "decline_cause_kind": "客户自己的文字说明的销量下滑原因类型(自有设施、转移、丢了客户、关停、竞争对手、淘汰、预算削减、我方涨价、质量);"
                          "文字没有写明、但在有数字可见的下滑中客户近180天内提出的、未答复的功能类异议点明了我们做不到的地方时为"
                          " capability;没有写明原因时缺省",
    "decline_cause_quote": "写明该原因的那一句(原文)",
    "decline_cause_kind_en": "原因类型(英文)",
    "decline_cause_kind_zh": "原因类型(中文)",
    "decline_cause_by_en": "在哪里说的:联系人和日期,或客户备注(英文)",
    "decline_cause_by_zh": "在哪里说的(中文)",
}}
# a sentence as wordlists.SENTENCE cuts it; a clause ends also at a comma, a semicolon or a colon
_CLAUSE_END = re.compile(r"[,;，；:：!?！？。\n]|\.(?=\s|$)")  # "3.5%" is one figure, not a clause end
_QUOTES = " \t'\"“”‘’()（）[]「」—-"
RECENT_DAYS = 365  # a cause stated longer ago than this is history, not this decline's cause


class Words:
    """The packs' words for the reading: the decline words, the joining words, and per kind its cause words."""

    def __init__(self, vocabulary: Optional[wordlists.Vocabulary]):
        self.decline = wordlists.matcher(vocabulary, "decline_words")
        self.because = wordlists.locator(vocabulary, "decline_because")
        self.kinds: dict[str, Callable[[Optional[str]], list[tuple[int, int]]]] = {
            k: wordlists.locator(vocabulary, f"decline_cause_{k}") for k in terms.DECLINE_CAUSES}


# the causes that are the customer's own deed: done by a competitor they are the competitor's move ("Grundfos moved its
# depot next door" is competition, not the customer moving away); done by a third party or by us, no decline cause of
# the customer's ("we relocated our warehouse" is our own move: what it did to our service is for the complaint)
CUSTOMER_DEEDS = frozenset({"own_facility", "move", "lost_customer", "line_closed", "phased_out", "budget_cut"})


def _by_actor(kind: str, sentence: str, at: int, judge: Optional[actors.Judge], quoted: bool) -> Optional[str]:
    """The kind as who acts makes it (actors.py: the subject of the cause's words), or None where it is no cause of the
    customer's decline."""
    if judge is None or kind not in CUSTOMER_DEEDS:
        return kind
    who = judge.actor(sentence, at, quoted, nearest=True)
    if who.who == actors.COMPETITOR:
        return "competitor"
    return None if who.who in (actors.US, actors.THIRD_PARTY) else kind


def stated(text: Optional[str], words: Words, judge: Optional[actors.Judge] = None,
           quoted: bool = False) -> Optional[tuple[str, str]]:
    """The (kind, quoted clause) of the cause ``text`` states for a decline, or None: the first stated, unless a
    cause stands after a word marking the real one ("but actually", "其实", "真正的原因": wordlists.real_cause) — that
    one wins. ``judge``: who acts (a customer's deed done by someone else is not the customer's cause); ``quoted``: the
    text is the customer's own words (an objection), where "we" is the customer."""
    text = wordlists.unwrap(text)
    found: list[tuple[int, tuple[str, str]]] = []  # (where in the text, (kind, quote))
    offset = 0
    for sentence in wordlists.SENTENCE.split(text):
        here, offset = text.find(sentence, offset), text.find(sentence, offset) + len(sentence)
        if not sentence.strip() or not words.decline(sentence):
            continue
        low = sentence.lower()
        for start, end in words.because(sentence):
            if wordlists.negated_before(low, start, 16):
                continue  # "not because of the price": no cause stated
            stop = _CLAUSE_END.search(sentence, end)
            clause = sentence[start:stop.start() if stop else len(sentence)]
            # the kind named first in the clause ("我们涨价以后他们转到别家": our price, then where it went)
            hits = [(spans(clause)[0][0], i, k) for i, (k, spans) in enumerate(words.kinds.items()) if spans(clause)]
            if not hits:
                continue
            at, _i, kind = min(hits)
            kind = _by_actor(kind, sentence, start + at, judge, quoted)
            if kind is None:
                continue
            found.append((here + start, (kind, _quote(sentence, start, stop.start() if stop else len(sentence)))))
    # the word marking the real cause joins it by itself ("…; in fact the real reason is a competitor took half"):
    # a cause of a kind right after it, in a text that speaks of a decline
    for m in wordlists.REAL_CAUSE.finditer(text.lower()) if words.decline(text) else ():
        end = wordlists.SENTENCE.search(text, m.end())
        tail = text[m.end():end.start() if end else len(text)]
        hits = [(spans(tail)[0][0], i, k) for i, (k, spans) in enumerate(words.kinds.items()) if spans(tail)]
        if hits:
            at, _i, kind = min(hits)
            begin = max((x.end() for x in wordlists.SENTENCE.finditer(text, 0, m.start())), default=0)
            kind = _by_actor(kind, text[begin:], m.end() + at - begin, judge, quoted)
            if kind is not None:
                found.append((m.end(), (kind, text[m.start():end.start() if end else len(text)].strip(_QUOTES))))
    found.sort(key=lambda f: f[0])
    return wordlists.real_cause(text, found)


def _quote(sentence: str, start: int, end: int) -> str:
    """The clause holding the cause: from the last clause mark before its joining word to the end of the cause."""
    marks = [m.end() for m in _CLAUSE_END.finditer(sentence, 0, start)]
    begin = marks[-1] if marks else 0
    return sentence[begin:end].strip(_QUOTES + ",，")


# a capability gap the customer named (session 13, issue 22): where no words state why the account buys less, an
# unanswered objection of the feature kind — what we cannot do for them ("for single orders we wait two days", "你们做不了
# 小批量") — raised by a contact still there during a decline the figures show is the known cause: a coach answers it
# at the gap, not with "find why it falls" (a bare probe), nor with a price cut
GAP_KINDS = frozenset({"feature"})
GAP_DAYS = 180
CAPABILITY = ("the customer named what we cannot do for them", "客户点明了我们做不到的地方")


def add_named_gap(a: dict[str, Any], facts: list[dict[str, Any]], as_of: dt.date) -> None:
    """Where no cause is stated (``add`` found none) and the account fact ``a`` shows a decline (decline_note_en), the
    newest unanswered objection of a kind in GAP_KINDS, raised in the last GAP_DAYS days by a contact who has not
    left and no restatement of a settled complaint, is the decline's cause: kind ``capability``, its words the quote."""
    if "decline_cause_kind" in a or "decline_note_en" not in a:
        return
    named = [f for f in facts if f["kind"] == "objection" and not f.get("answered") and GAP_KINDS & set(f["kinds"])
             and f.get("days_ago") is not None and 0 <= f["days_ago"] <= GAP_DAYS and not f.get("contact_departed")
             and not f.get("restates_settled_complaint")]
    if not named:
        return
    gap = min(named, key=lambda f: f["days_ago"])
    a["decline_cause_kind"], a["decline_cause_quote"] = "capability", gap["quote"].strip(_QUOTES)
    a["decline_cause_kind_en"], a["decline_cause_kind_zh"] = CAPABILITY
    who = gap.get("contact")
    said = as_of - dt.timedelta(days=gap["days_ago"])
    a["decline_cause_by_en"] = f"{who or 'a contact'}, {day_month(said, 'en')}"
    a["decline_cause_by_zh"] = f"{who or '联系人'},{day_month(said, 'zh')}"


def add(a: dict[str, Any], account: Account, as_of: dt.date, words: Words, judge: Optional[actors.Judge] = None) -> None:
    """Set the stated cause of a decline on the account fact ``a`` (nothing when none is stated); ``judge``: who acts
    (accounts/actors.py)."""
    said: list[tuple[dt.date, str, Optional[str], bool]] = []
    for v in account.visits:
        if v.note and 0 <= (as_of - v.date).days <= RECENT_DAYS:
            said.append((v.date, v.note, v.contact, False))
    for o in account.objections:  # the customer's own words: their "we" is the customer
        if o.date is None or 0 <= (as_of - o.date).days <= RECENT_DAYS:
            said.append((o.date or dt.date.min, o.text, o.contact, True))
    said.sort(key=lambda s: s[0], reverse=True)
    sources = [(text, who, on, theirs) for on, text, who, theirs in said] + [(account.notes, None, None, False)]
    for text, who, on, theirs in sources:
        got = stated(text, words, judge, theirs)
        if got is None:
            continue
        kind, quote = got
        a["decline_cause_kind"], a["decline_cause_quote"] = kind, quote
        a["decline_cause_kind_en"], a["decline_cause_kind_zh"] = terms.DECLINE_CAUSES[kind]
        if on is not None and on != dt.date.min:
            who_en, who_zh = (who or "a contact"), (who or "联系人")
            a["decline_cause_by_en"] = f"{who_en}, {day_month(on, 'en')}"
            a["decline_cause_by_zh"] = f"{who_zh},{day_month(on, 'zh')}"
        else:
            a["decline_cause_by_en"], a["decline_cause_by_zh"] = "the account notes", "客户备注"
        return
