"""Which objections are the live issue (issue 22, session 6).

A coach answers the concern the buyer holds now. An objection stays on record after the buyer has moved on, and an
answer to it in the top five (a price probe on a price point made two months before a complaint) is work on the wrong
thing. Every objection fact gets ``live`` — set here, before the engine, for every kind — and where it is not live,
why: the ranking puts every action answering a dead objection below the account's live work, with the reason in the
trace (rank.serves_level: the ``past_objection`` level).

An objection is not live when:

- ``answered`` — it was answered;
- ``superseded`` — it is older than the pack's ``objection_superseded_days`` and a later concern is on record: a later
  objection of the same person about something else (a kind it does not share), or a complaint raised after it and still
  open (the account's live issue, whoever raised it) — and no objection since repeats one of its kinds;
- ``complaint_open`` — it is about money (price, terms, budget) and was raised while a high-severity complaint was
  open: "for what we pay I expect boots that last a year" is the complaint speaking, and the fix answers it, not a price
  probe;
- ``promised`` — we have promised the same person something on or after the day it was heard, still open, and about
  what the objection asks for: the next step agreed after hearing it ("the lab wants individual certificates — if you
  can give that, I will quote yours" → "ask the plant for individual certificates by 4 Dec") is its answer, and keeping
  the promise is the live work. What was promised must answer it (session 10): a price list sent does not answer a
  request to visit a reference — a promise whose topics (topics.py: quote, reference, demo …) are read and none of
  them is proof leaves a proof request live (``answers``); a promise whose topic is not read, or an objection that asks
  for no proof, is matched on the person as before.

A complaint (an objection of kind service) and a switch ("we moved the business to X": objection.switching) are events,
not points in a negotiation: each stays live until it is answered — a later concern does not close it.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from .account import Account
from .casefacts import OPEN_STATUSES

PARAMS = ("objection_superseded_days",)
DEFAULT_SUPERSEDED_DAYS = 21
MONEY_KINDS = frozenset({"price", "terms", "budget"})
COMPLAINT_KIND = "service"

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"objection": {
    "live": ("bool", "the live issue: not answered, not superseded by a later concern (objection_superseded_days), not "
                     "money talk raised during an open high-severity complaint (advisor/accounts/liveness.py)"),
    "heard_on": ("text", "the date it was heard (YYYY-MM-DD), when the account gives one"),
    "not_live_reason": ("text", "why it is not live: answered / superseded / complaint_open / promised (absent when "
                                "live)"),
    "not_live_since": ("text", "the date of the later concern, the complaint or the promise that took its place "
                               "(YYYY-MM-DD)"),
    "not_live_by": ("text", "what took its place: a kind of objection (trust, feature …), complaint, or the words of "
                            "the promise"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"objection": {
    "live": "是当前的要害:未答复,未被之后的新关注取代(objection_superseded_days),也不是高严重度投诉未结期间提出的钱的问题",
    "heard_on": "听到该异议的日期(YYYY-MM-DD),如账户写明",
    "not_live_reason": "不再是要害的原因:answered(已答复)/ superseded(被取代)/ complaint_open(投诉未结)/ promised(已有承诺作答)",
    "not_live_since": "取代它的新关注、投诉或承诺的日期(YYYY-MM-DD)",
    "not_live_by": "取代它的是什么:某类异议(trust、feature……)、complaint(投诉),或承诺的原话",
}}


# what a promise must hand over to answer a proof request (the topics of terms.TOPICS, topics.py): a reference, a visit
# to one, a trial, a demo, a report or a sample. Only a request whose words ask for proof (objection.proof_request,
# asks_for_reference, result_question) is matched on the topic: the reader's kind of other objections is too rough a
# guide to what a promise answers ("比京东贵一点 … 测不过再便宜也没用" is read as price and answered by test units)
PROOF_TOPICS = frozenset({"reference", "visit", "trial", "demo", "report", "sample"})


def answers(objection: dict, topics) -> bool:
    """Does a promise on ``topics`` answer the objection fact? A proof request only by proof (``PROOF_TOPICS``) or by
    a promise whose topic is not read; anything else: yes (matched on the person alone, as before)."""
    asks = objection.get("proof_request") or objection.get("asks_for_reference") or objection.get("result_question")
    return not asks or not topics or bool(set(topics) & PROOF_TOPICS)


def _known(kinds) -> set[str]:
    return set(kinds or ()) - {"unclassified"}


def mark(facts: list[dict], account: Account, as_of: dt.date, superseded_days: Optional[int] = None) -> None:
    """Set ``live`` (and where it is not, the reason, the date and what took its place) on every objection fact, in the
    order of ``account.objections`` (facts.enrich builds them so)."""
    days = DEFAULT_SUPERSEDED_DAYS if superseded_days is None else int(superseded_days)
    objections = [f for f in facts if f["kind"] == "objection"]
    said = [(o, f, _known(f.get("kinds"))) for o, f in zip(account.objections, objections)]
    complaints = [c for c in account.complaints if c.date and c.status in OPEN_STATUSES]
    # our open promises (promises.add: the promises list and the visits' next steps), each with the day it was made
    owed = [(f.get("to"), as_of - dt.timedelta(days=int(f["days_since_made"])), f.get("what") or "",
             tuple(f.get("topics") or ()))
            for f in facts if f["kind"] == "promise" and f.get("status") == "open" and f.get("by") == "rep"
            and f.get("days_since_made") is not None]
    for o, f, kinds in said:
        f["live"] = True
        if o.date:
            f["heard_on"] = o.date.isoformat()
        if f.get("switching") and not o.answered:
            continue  # business moved to a competitor: lost until won back, whatever was said since
        why = _not_live(o, kinds, said, complaints, as_of, days) or _promised(o, f, kinds, owed)
        if why:
            f["live"] = False
            f["not_live_reason"], since, f["not_live_by"] = why
            if since:
                f["not_live_since"] = since.isoformat()


def _promised(o, f: dict, kinds: set[str], owed: list):
    """The earliest open promise of ours to the same person made on or after the day the objection was heard, about
    what it asks for (``answers``)."""
    if COMPLAINT_KIND in kinds or not o.date or not o.contact:
        return None
    since = sorted((made, what) for to, made, what, topics in owed
                   if to == o.contact and made >= o.date and answers(f, topics))
    return ("promised", since[0][0], since[0][1]) if since else None


def _not_live(o, kinds: set[str], said: list, complaints: list, as_of: dt.date, days: int):
    if o.answered:
        return "answered", None, "answered"
    if COMPLAINT_KIND in kinds or not o.date:
        return None
    if kinds & MONEY_KINDS:
        during = [c for c in complaints if c.severity == "high" and c.date <= o.date]
        if during:
            return "complaint_open", max(c.date for c in during), "complaint"
    if (as_of - o.date).days <= days:
        return None
    later = [(p, k) for p, _, k in said if p.date and p.date > o.date]
    if any(k & kinds for _, k in later):
        return None  # raised again since, by someone: still what they talk about
    concerns = [(p.date, "+".join(sorted(k))) for p, k in later
                if k and (not o.contact or p.contact == o.contact)]
    concerns += [(c.date, "complaint") for c in complaints if c.date > o.date]
    if not concerns:
        return None
    since, by = min(concerns)
    return "superseded", since, by
