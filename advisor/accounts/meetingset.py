"""A next step that only sets a meeting owes the customer nothing yet (session 14, issue 22).

A promise is something owed to a named person with content: a quote, a report, an answer, samples, a repair — "send
Dana the revised rate card by 13 Nov". A rep also writes the next meeting as the next step: "Meet Mrs Okafor at the
plant on Tuesday 10am", "周四下午再去店里,老板在", "see Tom next week". Nothing is handed over there; the meeting is the
step, and what matters is what the rep does at it. Kept as a due promise it ranked first and told the rep to "go back
with what was agreed" to the person who set it up, when the meeting is with someone else — often the decider nobody
has met, whom a coach would have the rep meet to listen, not to present.

``promise.meeting_only`` is true for an open next step of ours, not yet past its date, whose words hold a word of
meeting (the packs' vocabulary ``step_meeting``: meet, see, visit, go back, 见, 拜访, 再去) and nothing owed: no word of
``step_owes`` (a deed done for the customer or a thing handed over: send, bring, quote, discuss, 发, 送, 带, 报, 谈) and no
topic of what a promise hands over (accounts/topics.py) but the visit itself. Once its date has passed with no later
visit recorded, it is an open step again (core.visits.follow-up-script: go back to them).

The person it meets: the one contact the step names (other than the one it was agreed with), else the one it was agreed
with.

A meeting the rep booked is also written in the account's notes, not as a visit's next step: "Meeting booked Thu 15 Apr
10:00, Diane Mercer + Gareth Pugh", "已约好4月15日上午见赵总" (session 17). A sentence of the notes with a word of booking
(the packs' vocabulary ``meeting_booked``: booked, scheduled, 约好, 已约 … — not right after a negation), a word of
meeting (``step_meeting``), a date still ahead (within ``BOOKED_AHEAD_DAYS``: written with its month, else a day said
relative to the as-of date — "on Thursday", 下周二) and a
contact's name sets that meeting on every contact it names (``mark_notes``) — the first meeting with someone never
met is then prepared as a conversation (core.visits.first-meeting-set), not asked for again. That contact's fact gets ``meeting_in_days`` (days to the meeting), ``meeting_words`` (the step) and
``meeting_set_by`` (who it was agreed with) — the rules prepare the meeting for the person who will be in the room.
"""
from __future__ import annotations

from typing import Callable, Iterable, Optional

import datetime as dt
import re

from . import wordlists
from .internalstep import names_contact
from .promises import relative_date, written_date

CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    "promise": {
        "meeting_only": ("bool", "an open next step of ours, not yet past its date, that only sets a meeting (vocabulary "
                                 "step_meeting) and owes nothing (no step_owes word, no topic but the visit): the "
                                 "meeting to prepare, not a promise to keep (advisor/accounts/meetingset.py)"),
    },
    "contact": {
        "meeting_in_days": ("number", "days to a meeting with this contact that an open next step sets (meeting_only); "
                                      "missing when none"),
        "meeting_words": ("text", "the next step that sets that meeting, as written"),
        "meeting_set_by": ("text", "the contact it was agreed with (this contact, or the one who set it up)"),
        "meeting_days_past": ("number", "minus meeting_in_days (an action due on the meeting's day: due_minus)"),
    },
}
CATALOG_ZH: dict[str, dict[str, str]] = {
    "promise": {
        "meeting_only": "我方尚未到期的下一步只约了一次见面(词表 step_meeting),没有欠客户的东西(无 step_owes 词、除拜访外无交付主题):"
                        "是要准备的会面,不是要兑现的承诺",
    },
    "contact": {
        "meeting_in_days": "某个未完成的下一步约定与该联系人见面,距见面的天数;没有则缺失",
        "meeting_words": "约定这次见面的下一步原文",
        "meeting_set_by": "约定这次见面时拜访的联系人(即本人,或代为安排的人)",
        "meeting_days_past": "meeting_in_days 的相反数(行动以见面当天为期限:due_minus)",
    },
}


def meeting_only(text: str, find_meeting: Callable[..., Optional[str]], find_owes: Callable[..., Optional[str]],
                 topics: Iterable[str] = ()) -> bool:
    """Does ``text`` only set a meeting: a word of meeting, nothing owed (no step_owes word, no topic but the visit)?"""
    return (find_meeting(text) is not None and find_owes(text) is None
            and not (set(topics) - {"visit"}))


def mark(facts: list[dict], find_meeting: Callable[..., Optional[str]],
         find_owes: Callable[..., Optional[str]]) -> None:
    """Set ``meeting_only`` on every promise fact and the meeting on the contact it meets (after topics.mark)."""
    contacts = {f["name"]: f for f in facts if f["kind"] == "contact" and not f.get("departed")}
    for f in facts:
        if f["kind"] != "promise":
            continue
        only = (f.get("origin") == "visit" and f.get("by") == "rep" and f.get("status") == "open"
                and f.get("due_in_days", -1) >= 0
                and meeting_only(f["what"], find_meeting, find_owes, f.get("topics", ())))
        f["meeting_only"] = only
        if not only:
            continue
        named = [name for name in contacts if name != f.get("to") and names_contact(f["what"], name)]
        who = contacts.get(named[0] if len(named) == 1 else f.get("to") or "")
        if who is None or who.get("meeting_in_days", f["due_in_days"] + 1) <= f["due_in_days"]:
            continue  # nobody on file to meet, or an earlier meeting with them already set
        who["meeting_in_days"] = f["due_in_days"]
        who["meeting_days_past"] = -f["due_in_days"]
        who["meeting_words"] = f["what"]
        who["meeting_set_by"] = f.get("to") or who["name"]


# the words before a name that make its holder the one who arranged a meeting, not one who attends it
_VIA = re.compile(r"(?:\bvia|\bthrough|\bthanks to|通过|通過|透过|透過|经由|經由|经|經|托|託)\s*$")


def _arranged_by(low: str, name: str) -> bool:
    """Does every mention of ``name`` (or a word of it) in ``low`` follow a word of arranging ("via Sophie")?"""
    words = [name.lower()] + [w for w in re.split(r"[\s.,]+", name.lower()) if len(w) >= 3 and w.isascii()]
    spots = [m.start() for w in words for m in re.finditer(re.escape(w), low)]
    return bool(spots) and all(_VIA.search(low[max(0, at - 12):at]) for at in spots)


# a meeting booked further ahead than this is a plan, not the next thing to prepare (derived: six weeks covers the
# diaries of senior people a rep books through an assistant)
BOOKED_AHEAD_DAYS = 42


def mark_notes(facts: list[dict], notes: Optional[str], as_of: dt.date, find_booked: Callable[..., Optional[str]],
               find_meeting: Callable[..., Optional[str]]) -> None:
    """Set the meeting on the contacts a sentence of ``notes`` books a meeting with, on a date still ahead (in place;
    after ``mark``: a meeting a next step set, as soon or sooner, stands)."""
    if not notes:
        return
    contacts = [f for f in facts if f["kind"] == "contact" and not f.get("departed")]
    for sentence in wordlists.SENTENCE.split(notes):
        low = sentence.lower()
        booked = find_booked(low)
        if booked is None or find_meeting(low) is None or wordlists.negated_before(low, low.find(booked)):
            continue
        when = written_date(sentence, as_of)
        if when is not None and when[1]:
            continue  # a date already past (it rolled into next year): that meeting has been
        # … else a day said relative to now ("on Thursday", "下周二"): the notes speak as of the day they are read
        day = when[0] if when is not None else relative_date(sentence, as_of)
        if day is None:
            continue
        days = (day - as_of).days
        if not 0 <= days <= BOOKED_AHEAD_DAYS:
            continue
        named = [f for f in contacts if names_contact(sentence, f["name"])]
        # "(via Sophie)", "通过王秘书约的": who arranged it is not in the meeting
        arrangers = [f for f in named if _arranged_by(low, f["name"])]
        for f in named:
            if f in arrangers or f.get("meeting_in_days", days + 1) <= days:
                continue
            others = [o["name"] for o in arrangers + named if o is not f and o.get("met")]
            f["meeting_in_days"] = days
            f["meeting_days_past"] = -days
            f["meeting_words"] = sentence.strip()
            f["meeting_set_by"] = others[0] if others else f["name"]
