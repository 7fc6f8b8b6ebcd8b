"""Enrichment: turn a validated Account into flat facts for the rules.

Pure bookkeeping, no playbook judgement: dates become "days since", two sales
figures become a growth rate, each visit learns whether it was the contact's
first. What those numbers *mean* (dormant? overdue?) is the packs' business.

Every fact is a flat dict with ``kind`` and a unique ``id``. Attributes of a
contact are copied onto that contact's visits and objections (``contact_roles``,
``contact_senior``) so no rule ever needs a join between facts — joins are
where durable-rules crashes (ENGINE-NOTES 2, 3).

``CATALOG`` is the schema of the facts: every path a rule may test, its type
and a one-line description. Packs are checked against it at load time.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, Optional

from . import (actors, anchors, authority, bookfacts, buyconstraint, casefacts, commitment, declinecause, declinenote, exclusivity,
               financing, formerpost, history, holds, inference, internalstep, losscause, offercondition, ownerchange, succession,
               topics, unmetpeople,
               liveness, meetingset, movedaway, newdecider, objectionguards, offerask, ontrack, openings, promises, reppromise, rhythm,
               served,
               situations, stepdone, steps, tenders, terms,
               valuecase,
               wordlists)
from .bounds import put, quantize, safe_fact
from .account import Account

NAMED_DAYS = 60  # how far back a visit note or an objection counts as what the account is saying now (contact.named_recently)

# kind → field → (type, description). Types: bool, number, text, list.
# the pack parameters enrichment reads (not rules), gathered from the modules that read them: pack lint
# counts them as used
PARAMS = (*inference.PARAMS, *financing.PARAMS, *liveness.PARAMS, *openings.PARAMS)

CATALOG: dict[str, dict[str, tuple[str, str]]] = {
    "account": {
        "name": ("text", "account name"),
        "industry": ("text", "industry key, selects the industry pack"),
        "stage": ("text", "sale step: prepare / open / needs / propose / close / maintain"),
        "level": ("text", "relationship level: ordinary / preferred / partner / strategic"),
        "target_level": ("text", "the relationship level we aim for"),
        "level_gap": ("number", "target level minus current level, in steps (0 when no target)"),
        "cycle_stage": ("text", "first_contact / acquaintance / familiarity / trust / reliance"),
        "cycle_index": ("number", "cycle stage as 1 (first contact) … 5 (reliance)"),
        "contact_count": ("number", "contacts known at the account"),
        "met_count": ("number", "contacts we have met in person"),
        "senior_count": ("number", "senior managers / executives among the contacts"),
        "senior_met_count": ("number", "senior contacts we have met"),
        "roles_present": ("list", "buying roles held by at least one contact"),
        "roles_missing": ("list", "core buying roles (initiator … expert) nobody holds yet"),
        "roles_missing_count": ("number", "how many core buying roles nobody holds yet"),
        "decider_known": ("bool", "some contact has the decider role"),
        "decider_met": ("bool", "some decider has been met"),
        "boss_known": ("bool", "some contact is marked is_boss"),
        "key_person_known": ("bool", "some contact who has not left is related to or reaches the boss"),
        "active_decider_count": ("number", "contacts with the decider role whose title does not say they left (contact.departed)"),
        "unmet_decider_count": ("number", "contacts with the decider role, not departed, never met"),
        "successor_count": ("number", "contacts who took the seat of someone who has left and are not met yet "
                                      "(contact.successor_of)"),
        "boss_name": ("text", "name of the contact marked is_boss (the first by name when several)"),
        "sales_last_12m": ("number", "sales in the last 12 months"),
        "sales_prior_12m": ("number", "sales in the 12 months before"),
        "sales_growth": ("number", "last 12 months vs prior 12 months, 0.25 = +25%"),
        "has_sales_history": ("bool", "the account has bought from us before"),
        "days_since_last_order": ("number", "days from the last order to the as-of date"),
        "plan_growth": ("number", "planned growth for the account, 0.25 = +25%"),
        "industry_growth": ("number", "the industry's growth, 0.18 = +18%"),
        "plan_gap": ("number", "plan growth minus industry growth"),
        "plan_shortfall_in_reach": ("bool", "the plan is below the industry (plan_gap < 0) and one open opportunity of "
                                            "the account is at least the sales the gap stands for (−plan_gap × "
                                            "sales_last_12m): growth with the market is at hand (absent when the plan "
                                            "or the sales are unknown)"),
        "sales_vs_industry": ("number", "sales growth minus industry growth: above 0 the account already grows faster "
                                        "than its market (where only whole-year sales are recorded, the last full "
                                        "year's growth on the year before)"),
        "visit_count": ("number", "visits recorded"),
        "days_since_first_visit": ("number", "days since the first visit"),
        "days_since_last_visit": ("number", "days since the latest visit"),
        "last_visit_outcome": ("text", "outcome of the latest visit"),
        "last_visit_has_next_step": ("bool", "the latest visit ended with a concrete next-step commitment"),
        "last_visit_reason_to_return": ("bool", "the latest visit left a reason to come back"),
        "last_visit_appointment": ("bool", "the latest visit was booked in advance"),
        "last_visit_minutes": ("number", "length of the latest visit in minutes"),
        "last_visit_objection_open": ("bool", "an objection still unanswered was recorded on the day of the latest "
                                              "visit, by the person met there (or either unnamed): what the customer "
                                              "said at that meeting"),
        "policies": ("list", "customer policies: no_gifts, no_entertainment, kyc_required"),
        "newest_policy_days": ("number", "days since the most recent policy with a since: date took effect"),
        "objection_count": ("number", "objections recorded"),
        "open_objection_count": ("number", "objections not yet answered"),
        "competitor_count": ("number", "competitors known at the account"),
        "competitor_conflict": ("bool", "the customer is in conflict with a competitor brand"),
        "opportunity_count": ("number", "opportunities recorded"),
        "open_opportunity_count": ("number", "opportunities neither won nor lost"),
        "won_count": ("number", "opportunities won"),
        "quoted_before_cooperation": ("bool", "an opportunity was quoted before cooperation was agreed"),
        "flags": ("list", "checklist items marked true in the account's facts:"),
        "flags_false": ("list", "checklist items marked false in the account's facts:"),
        "satisfied_count": ("number", "contacts marked satisfied"),
        "dissatisfied_count": ("number", "contacts marked not satisfied"),
    },
    "contact": {
        "name": ("text", "contact name"),
        "title": ("text", "job title"),
        "roles": ("list", "buying roles (PLAYBOOK §1)"),
        "personality": ("text", "stated personality type: result / professor / actor / nice_guy"),
        "signals": ("list", "observed behaviour signals"),
        "signal_count": ("number", "how many behaviour signals are recorded"),
        "met": ("bool", "met in person"),
        "senior": ("bool", "senior manager or executive"),
        "is_boss": ("bool", "the real owner / top decision maker"),
        "controls": ("list", "what he or she controls: people / money / goods"),
        "related_to_boss": ("bool", "related to a contact marked is_boss"),
        "reaches_boss": ("bool", "can reach a contact marked is_boss"),
        "met_route_elsewhere": ("bool", "not met, while another contact who has not left, is related to or reaches the "
                                        "boss, has been met: the route to the boss runs through that one"),
        "introducer_count": ("number", "other contacts who are related to or can reach this contact"),
        "has_motives": ("bool", "both organisational and personal motives are recorded"),
        "motive_organisational": ("text", "the organisational motive as recorded (absent when none)"),
        "motive_personal": ("text", "the personal motive as recorded (absent when none)"),
        "reliability": ("number", "how reliable the relationship is, 1–5"),
        "satisfied": ("bool", "satisfied with us"),
        "visit_count": ("number", "visits with this contact"),
        "days_since_last_visit": ("number", "days since the latest visit with this contact"),
        "departed": ("bool", "the title says the contact has left: a word of the packs' vocabulary departed (已离职, 已退休, left the company, no longer with …) — or a recent note says it of the contact (vocabulary departed_in_text: \"Tom resigned in November\", \"赵工跳槽了\"; not negated, not still to come, no later visit with them: advisor/accounts/situations.py)"),
        "successor_of": ("text", "who this contact took over from: someone who has left and held a seat this contact "
                                 "holds (the decider or purchaser role, the boss's, or the same post by title where they started or decided the purchases) — as the only one who stays in it, "
                                 "or with a title that says they arrived (vocabulary arrived); set only while this "
                                 "contact is not met yet (the first such person by name)"),
        "unnamed": ("bool", "the contact is recorded by role only, its name not known: a word of the packs' vocabulary "
                            "unnamed in the name (姓名不详, name unknown, name TBD …)"),
        "visit_gap_ratio": ("number", "days since the latest visit ÷ the median days between this contact's visits "
                                      "(two visits on different days at least); 2 = twice the usual gap"),
        "account_visit_gap_ratio": ("number", "days since the latest visit with this contact ÷ the median days between "
                                              "the account's visits (three visit days at least); 2 = twice the "
                                              "account's usual gap"),
        "objection_count": ("number", "objections this contact raised"),
        "complaint_words": ("text", "the words of this contact's newest unanswered objection that is a complaint "
                                    "(objection.complaint), as written: the grievance in their own words (absent when "
                                    "none)"),
        "named_recently": ("bool", f"named in a visit's note or an objection of the last {NAMED_DAYS} days (by name, "
                                   "or an English name's first word): the person the account is talking about now"),
    },
    "visit": {
        "contact": ("text", "the contact visited"),
        "contact_roles": ("list", "that contact's buying roles"),
        "contact_senior": ("bool", "that contact is senior"),
        "contact_departed": ("bool", "that contact has left since (contact.departed)"),
        "contact_open_objections": ("number", "objections that contact raised and we have not answered yet"),
        "contact_open_complaints": ("number", "complaints: that contact raised that are still open or being fixed"),
        "days_ago": ("number", "days from the visit to the as-of date"),
        "minutes": ("number", "length in minutes"),
        "outcome": ("text", "positive / neutral / cold / refused"),
        "appointment": ("bool", "booked in advance"),
        "has_next_step": ("bool", "ended with a concrete next-step commitment"),
        "next_step": ("text", "the next step agreed at the visit, as written (whose it is: its promise fact's by)"),
        "reason_to_return": ("bool", "left a reason to come back"),
        "number": ("number", "1 for the first visit to this contact, 2 for the second, …"),
        "is_latest": ("bool", "the latest visit to this contact"),
        "contact_visit_count": ("number", "visits to this contact in all"),
    },
    "objection": {
        "contact": ("text", "who raised it"),
        "contact_roles": ("list", "that contact's buying roles"),
        "contact_departed": ("bool", "that contact has left since (contact.departed)"),
        "text": ("text", "the words heard, lower-cased (for matching)"),
        "quote": ("text", "the words heard, as written (for messages)"),
        "stated_kind": ("text", "the kind the rep recorded, if any"),
        "kinds": ("list", "what it is about: the stated kind, else the kinds recognised in its text "
                          "(recognise: objection_kinds: in the packs), else unclassified"),
        "kind_source": ("text", "stated / recognised / unclassified"),
        "complaint": ("bool", "a complaint: its kinds include service (a delivery, quality or after-sales event, "
                              "told as a story or not) — route it to complaint handling"),
        "switching": ("bool", "the text names a listed competitor as the one they buy from, are bound to or moved "
                              "the business to (read as incumbent) — a switch to win back"),
        "competitor": ("text", "the listed competitor (account competitors:, or a pack's brand) the text names; "
                               "absent when none is named"),
        "complaint_recorded": ("bool", "a complaint whose trouble is already recorded under complaints: (an open one "
                                       "from the same contact, or raised within two weeks of it) — one complaint, "
                                       "answered once"),
        "beside_open_complaint": ("bool", "heard from a contact with an open complaint under complaints: (or within "
                                          "two weeks of one), whatever its kind — part of that complaint, not a new "
                                          "sales objection"),
        "restates_settled_complaint": ("bool", "a service complaint that raises again one the complaints: list shows "
                                               "resolved or closed (the same contact, said after it, a word of what "
                                               "went wrong shared): leverage in a bargain, not a complaint to answer "
                                               "now — complaint is then false"),
        "asks_for_reference": ("bool", "the buyer asks to see a customer like them who did it, or its figures: a word of "
                                       "the packs' vocabulary reference_demand (有没有案例, 同类客户, 有数据, 好似我哋咁, "
                                       "case study, customers like us …), or a likeness to them and a use or result "
                                       "in one clause (peer_likeness, peer_use: 跟我們一樣…在用, anyone our size running "
                                       "it) — whatever kind the reader gave it"),
        "days_ago": ("number", "days since it was heard"),
        "heard_in": ("text", "the customer's words were not filed but read from a visit's note — a quote, a reported "
                             "line or a speaker's line: the day of that visit, YYYY-MM-DD (advisor/reading/heard.py); "
                             "absent for a filed objection"),
        "answered": ("bool", "already answered"),
    },
    "competitor": {
        "name": ("text", "competitor name"),
        "conflict_with_customer": ("bool", "the customer is in conflict with this competitor"),
    },
    "opportunity": {
        "name": ("text", "opportunity name"),
        "amount": ("number", "amount"),
        "stage": ("text", "sale step of this opportunity"),
        "won": ("bool", "won (true) or lost (false); absent while open"),
        "quoted": ("bool", "a price has been quoted"),
        "cooperation_agreed": ("bool", "the cooperation itself has been agreed"),
        "days_to_close": ("number", "days from the as-of date to the expected close"),
    },
}
# the fact modules of issues 21–23 (the book, the deal history, the playbook's cases, promises, tenders, the dealer's money,
# the customer type inferred) each
# hold their own part of the catalog, in one shape: kind → field → (type, description)
FACT_MODULES = (bookfacts, history, casefacts, promises, tenders, inference, financing, objectionguards, valuecase,
                offerask, exclusivity, movedaway, declinenote, steps, authority, served, liveness, commitment, openings,
                offercondition, topics, declinecause, unmetpeople, reppromise, internalstep, ownerchange,
                losscause, holds, succession, situations, rhythm, meetingset, buyconstraint, ontrack, newdecider)
for _module in FACT_MODULES:
    for _kind, _fields in _module.CATALOG.items():
        CATALOG.setdefault(_kind, {}).update(_fields)
BASE_KINDS = tuple(CATALOG)


# a service objection heard this close to an open recorded complaint tells the same trouble again (issue 23:
# the complaint recorded both ways gets one answer — the complaint rules', which know the fix and its date)
SAME_COMPLAINT_DAYS = 14


_CJK_PAIR = re.compile(r"(?=([\u3400-\u9fff]{2}))")
_LATIN_WORD = re.compile(r"[a-z]{5,}")


def _restates(objection, complaint) -> bool:
    """An objection raises again a complaint on record: the same person (or one of them unnamed), said after it was
    recorded, sharing a word of what went wrong (an English word of five letters or more, two Chinese characters)."""
    if objection.contact and complaint.contact and objection.contact != complaint.contact:
        return False
    if objection.date and complaint.date and objection.date < complaint.date:
        return False
    said, what = objection.text.lower(), (complaint.what or "").lower()
    shared = set(_CJK_PAIR.findall(said)) & set(_CJK_PAIR.findall(what))
    shared |= set(_LATIN_WORD.findall(said)) & set(_LATIN_WORD.findall(what))
    return bool(shared - _NO_MATTER)


# words two sentences share that say nothing of what went wrong
_NO_MATTER = {"你们", "我们", "他们", "你們", "我們", "他們", "去年", "今年", "上次", "这次", "這次", "两个", "兩個", "个月", "個月",
              "about", "their", "there", "which", "would", "again", "order", "orders"}


def _same_complaint(objection, complaint) -> bool:
    if objection.contact and objection.contact == complaint.contact:
        return True
    return bool(objection.date and complaint.date
                and abs((objection.date - complaint.date).days) <= SAME_COMPLAINT_DAYS)


def _named(name: str, words: str) -> bool:
    """Is the contact named in ``words`` (lower-cased)? By the whole name; an English name also by its first word
    of three letters or more ("Rachel" for "Rachel Teo"), as a whole word."""
    full = name.strip().lower()
    if not full or not words:
        return False
    if full in words:
        return True
    first = full.split()[0] if full.split() else ""
    return (first.isascii() and len(first) >= 3 and first.isalpha()
            and re.search(r"(?<![a-z])" + re.escape(first) + r"(?![a-z])", words) is not None)


def _days(as_of: dt.date, date: dt.date | None) -> int | None:
    return (as_of - date).days if date else None


# the seats whose holder leaving puts the business in new hands (002 · 二、3: the new buyer or new leader may not want
# the supplier the predecessor used): who signs, who buys, the boss
_SEATS = ("decider", "purchaser")


# a remark in brackets on a title says when or whence its holder came or went: "(retired end of Oct)", "(started 3 Nov,
# came from a private clinic)", "(已离职)" — the post is what is outside them
_REMARK = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")
_TITLE_GAPS = re.compile(r"[\s,，、;；:：/|\-–—]+")


def _post(title: Optional[str], strip: Callable[[Optional[str]], str]) -> Optional[str]:
    """The post a title names, with its remarks in brackets and the words saying its holder came or went taken out
    ("Physiotherapy Manager (retired end of Oct 2026)" and "Physiotherapy Manager (started 3 Nov 2026)" are one post;
    so are "采购经理(已离职)" and "新任采购经理"); None when nothing is left."""
    post = _TITLE_GAPS.sub(" ", strip(_REMARK.sub(" ", title or ""))).strip()
    return post or None


# … and a post by title is a seat when its holder started or decided the purchases: who writes the requirement holds
# the pen for the next one (an adviser whose opinion counted, influencer alone, leaves no seat to fill)
_POST_ROLES = ("decider", "purchaser", "initiator")


def _seats(c, strip: Callable[[Optional[str]], str], left: bool = False) -> set:
    """The seats a contact holds: who signs, who buys, the boss — and their post by title (session 7, issue 22: the
    champion of six years retires and the new manager with her title writes the next tender's spec); of one who
    ``left``, the post only where they held a role of _POST_ROLES (whoever takes it over holds it whatever roles the
    rep has put down for them yet)."""
    post = _post(c.title, strip) if not left or set(c.roles) & set(_POST_ROLES) or c.is_boss else None
    return ((set(c.roles) & set(_SEATS)) | ({"boss"} if c.is_boss else set())
            | ({f"post:{post}"} if post else set()))


def _successors(contacts, gone: set, arrived, strip: Callable[[Optional[str]], str], met: bool = False) -> dict:
    """Each contact not yet met who now holds a seat of someone who has left → that predecessor (the first by name).
    Holding it now: the only one on file who stays in that seat ("VP Operations" once the ops director left; the one
    with the departed's post by title), or one whose title says they arrived (the packs' vocabulary ``arrived``: 新任,
    到任, "new", "joined" …) — of a chairman and a CFO on file when the CIO retires, neither took his place unless a
    title says so. ``strip`` takes the arrived and departed words out of a title (its post). ``met``: the contacts
    already met instead — a successor we know ("采购经理(接替王经理)", "新来的采购经理" met last month) gets the
    handover, not a first meeting (contact.handover_from, core.roles.handover-with-the-successor)."""
    left = sorted((c for c in contacts if c.name in gone), key=lambda c: c.name)
    seats = {c.name: _seats(c, strip, left=c.name in gone) for c in contacts}
    holders: dict[str, int] = {}
    for c in contacts:
        if c.name not in gone:
            for seat in seats[c.name]:
                holders[seat] = holders.get(seat, 0) + 1
    out = {}
    for c in contacts:
        if c.name in gone or c.met != met:
            continue
        new = arrived(c.title)
        if met and not new:
            continue  # someone we know in the seat all along took nothing over: only a title saying they arrived
        before = next((p.name for p in left for seat in sorted(seats[p.name] & seats[c.name])
                       if new or holders.get(seat) == 1), None)
        if before:
            out[c.name] = before
    return out


def _year_on_year(account: Account, as_of: dt.date) -> Optional[float]:
    """The last full year's sales on the year before, from sales periods written as whole years ("2026"), if both are
    there and in the account's currency (a period is a sales total, its currency the account's)."""
    years = {int(p.period): p.amount for p in account.sales.periods
             if re.fullmatch(r"\d{4}", p.period.strip()) and p.amount is not None}
    last, before = years.get(as_of.year - 1), years.get(as_of.year - 2)
    return round((last - before) / before, 4) if last is not None and before else None


def enrich(account: Account, as_of: dt.date,
           objection_kinds: list[tuple] | None = None, promise_days: int | None = None,
           usual_customer_type: str | None = None,
           tier_currency: str | None = None, rates: Any = None,
           vocabulary: wordlists.Vocabulary | None = None,
           financing_payment_days: int | None = None, objection_superseded_days: int | None = None,
           objection_live_days: int | None = None, opening_model: Any = None,
           deal_note_kinds: dict | None = None, situation_model: Any = None) -> list[dict]:
    """All base facts for one account at one date, in a stable order.

    ``vocabulary`` holds the packs' word lists (``vocabulary:`` in pack.yaml, as plain lists): the
    tender words mark an opportunity or a deal as a tender, the departed words a contact who has
    left. Without it no deal is a tender and no contact has left.

    ``tier_currency`` (the pack's parameter) and ``rates`` (the user's rate table, ``money.Rates``)
    put the account's amounts into the currency of the pack's tier thresholds (bookfacts.py).

    ``objection_kinds`` gives, per objection, its kinds and how they were found (and optionally a
    dict of what the reader saw beside them: ``switching``, ``competitor``)
    (the packs' recogniser runs in the language room, before this); without it an
    objection has its stated kind or is ``unclassified`` — never no kind at all.

    ``deal_note_kinds``: per lost deal (its index in ``deals:``), the objection reader's kinds of the words its note
    marks as the real cause (losscause.py; read in the language room, like the objections).

    ``opening_model``: the learned opening reader (openingmodel.LazyOpeningModel, found beside the core pack by the
    pack set); without it openings are read by the lists and the event reading only.

    ``situation_model``: the learned situation reader (situationmodel.LazySituationModel, found the same way); without
    it situations are read by the packs' phrases only.
    """
    contacts = account.contacts
    # the packs' words for "has left", read in a title — a phrase, or "already" and a word of leaving with a date between
    # — or a title headed by "former" (原, ex-: formerpost.py) that names no post held now
    reads_departed = wordlists.first_of(wordlists.finder(vocabulary, "departed"),
                                        wordlists.pair_finder(vocabulary, "departed_done", "departed_verb",
                                                              ordered=True, cjk_window=8),
                                        formerpost.reader(vocabulary))
    gone = {c.name for c in contacts if reads_departed(c.title)}
    # … or a recent note says so ("Tom resigned in November", "赵工跳槽了"), the title never changed (session 10)
    gone |= set(situations.left_in_text(account, as_of, wordlists.finder(vocabulary, "departed_in_text")))
    # who acts in a sentence of the account's text, and which time (actors.py): every reading of its words asks it
    judge = actors.judge(account, vocabulary)
    reads_unnamed = wordlists.matcher(vocabulary, "unnamed")  # "设备部经理(姓名不详)": a role, not yet a person
    # "有冇邊棟好似我哋咁嘅舊樓做過,有數據睇?": a demand for a peer's proof, however the reader reads its kind
    reads_reference_demand = wordlists.matcher(vocabulary, "reference_demand")
    # … or in words of its own: a likeness to them and a use or result in one clause, asked ("有沒有跟我們一樣做機能服的廠在
    # 用?", "跟我们差不多规模的谁家用过?", "is anyone our size running it?": session 11) — the vocabularies peer_likeness and
    # peer_use; an A-not-A question (有沒有) asks and is no negation
    peer_asked = wordlists.pair_finder(vocabulary, "peer_likeness", "peer_use", window=40, cjk_window=14, questions=True)
    by_name = {c.name: c for c in contacts}
    bosses = {c.name for c in contacts if c.is_boss}
    visits = sorted(account.visits, key=lambda v: (v.date, v.contact or ""))
    facts: list[dict] = []

    # account --------------------------------------------------------------
    a: dict[str, Any] = {"kind": "account", "id": "account"}
    put(a, "name", account.name)
    put(a, "industry", account.industry)
    a["stage"] = account.stage
    rel = account.relationship
    a["level"] = rel.level
    put(a, "target_level", rel.target)
    a["level_gap"] = (terms.LEVEL_ORDER.index(rel.target) - terms.LEVEL_ORDER.index(rel.level)) if rel.target else 0
    put(a, "cycle_stage", rel.cycle_stage)
    if rel.cycle_stage:
        a["cycle_index"] = terms.CYCLE_ORDER.index(rel.cycle_stage) + 1
    a["contact_count"] = len(contacts)
    a["met_count"] = sum(c.met for c in contacts)
    a["senior_count"] = sum(c.senior for c in contacts)
    a["senior_met_count"] = sum(c.senior and c.met for c in contacts)
    present = sorted({r for c in contacts for r in c.roles})
    a["roles_present"] = present
    a["roles_missing"] = [r for r in terms.CORE_ROLES if r not in present]
    a["roles_missing_count"] = len(a["roles_missing"])
    a["decider_known"] = "decider" in present
    a["decider_met"] = any("decider" in c.roles and c.met for c in contacts)
    a["boss_known"] = bool(bosses)
    # a key person who has left is no route to the boss any more; a decider who has left has a successor to find
    a["key_person_known"] = any(set(c.related_to + c.reaches) & bosses for c in contacts if c.name not in gone)
    # the key people who already know us: the route to the boss runs through the person who trusts us (session 15)
    met_routes = {c.name for c in contacts if set(c.related_to + c.reaches) & bosses and c.name not in gone and c.met}
    a["active_decider_count"] = sum("decider" in c.roles and c.name not in gone for c in contacts)
    a["unmet_decider_count"] = sum("decider" in c.roles and c.name not in gone and not c.met for c in contacts)
    successors = _successors(contacts, gone, wordlists.matcher(vocabulary, "arrived"),
                             wordlists.remover(vocabulary, "arrived", "departed"))
    handovers = _successors(contacts, gone, wordlists.matcher(vocabulary, "arrived"),
                            wordlists.remover(vocabulary, "arrived", "departed"), met=True)
    a["successor_count"] = len(successors)
    put(a, "boss_name", min(bosses) if bosses else None)
    s = account.sales
    put(a, "sales_last_12m", s.last_12m)
    put(a, "sales_prior_12m", s.prior_12m)
    if s.last_12m is not None and s.prior_12m:
        a["sales_growth"] = round((s.last_12m - s.prior_12m) / s.prior_12m, 4)
    a["has_sales_history"] = bool(s.last_12m or s.prior_12m or s.last_order or any(p.amount for p in s.periods))
    put(a, "days_since_last_order", _days(as_of, s.last_order))
    put(a, "plan_growth", account.plan.growth)
    put(a, "industry_growth", account.plan.industry_growth)
    if account.plan.growth is not None and account.plan.industry_growth is not None:
        a["plan_gap"] = round(account.plan.growth - account.plan.industry_growth, 4)
    a["visit_count"] = len(visits)
    if visits:
        last = visits[-1]
        a["days_since_first_visit"] = _days(as_of, visits[0].date)
        a["days_since_last_visit"] = _days(as_of, last.date)
        put(a, "last_visit_outcome", last.outcome)
        a["last_visit_has_next_step"] = bool(last.next_step)
        put(a, "last_visit_reason_to_return", last.reason_to_return)
        put(a, "last_visit_appointment", last.appointment)
        put(a, "last_visit_minutes", last.minutes)
        # what the customer said at that meeting and still waits on an answer to: a cold meeting that carried one is
        # an objection to answer, not a mood to sit out (core.negative.hold-steady; session 16)
        a["last_visit_objection_open"] = any(
            not o.answered and o.date == last.date and (o.contact is None or last.contact is None or o.contact == last.contact)
            for o in account.objections)
    a["policies"] = sorted(set(account.policy_names))
    dated = [_days(as_of, p.since) for p in account.policies if p.since]
    put(a, "newest_policy_days", min(dated) if dated else None)
    a["objection_count"] = len(account.objections)
    a["open_objection_count"] = sum(not o.answered for o in account.objections)
    a["competitor_count"] = len(account.competitors)
    a["competitor_conflict"] = any(c.conflict_with_customer for c in account.competitors)
    a["opportunity_count"] = len(account.opportunities)
    a["open_opportunity_count"] = sum(o.won is None for o in account.opportunities)
    a["won_count"] = sum(o.won is True for o in account.opportunities)
    a["quoted_before_cooperation"] = any(o.quoted and not o.cooperation_agreed for o in account.opportunities)
    a["flags"] = sorted(k for k, v in account.facts.items() if v)
    a["flags_false"] = sorted(k for k, v in account.facts.items() if not v)
    a["satisfied_count"] = sum(c.satisfied is True for c in contacts)
    a["dissatisfied_count"] = sum(c.satisfied is False for c in contacts)
    bookfacts.add(a, account, tier_currency, rates)
    facts.append(a)

    # contacts -------------------------------------------------------------
    # who may introduce whom, each contact's visits and objections: counted once, not per contact
    # (issue 20: 4,000 contacts took 32 s in these loops)
    introducers: dict[str, int] = {}
    for o in contacts:
        for name in set(o.related_to) | set(o.reaches):
            if name != o.name:
                introducers[name] = introducers.get(name, 0) + 1
    visit_days = {v.date for v in visits}
    account_gap = history.median_gap(list(visit_days)) if len(visit_days) >= 3 else None
    visits_of: dict[str, list] = {}
    for v in visits:
        visits_of.setdefault(v.contact, []).append(v)
    objections_of: dict[str, int] = {}
    for o in account.objections:
        objections_of[o.contact] = objections_of.get(o.contact, 0) + 1
    # what the account has said lately — visit notes and objections of the last NAMED_DAYS days — to tell the person
    # it is talking about (the new CFO the renewal waits for) from one merely on file
    recent_words = " ".join([v.note for v in visits if v.note and 0 <= (as_of - v.date).days <= NAMED_DAYS]
                            + [o.text for o in account.objections
                               if o.date is None or 0 <= (as_of - o.date).days <= NAMED_DAYS]).lower()
    for c in contacts:
        f: dict[str, Any] = {"kind": "contact", "id": f"contact:{c.name}", "name": c.name}
        put(f, "title", c.title)
        # a contact who has left stays on file (history, the relationship) but is no one to call or meet
        f["departed"] = c.name in gone
        f["unnamed"] = reads_unnamed(c.name)
        put(f, "successor_of", successors.get(c.name))
        put(f, "handover_from", handovers.get(c.name))  # a successor already met: the handover (succession.py too)
        f["roles"] = sorted(set(c.roles))
        put(f, "personality", c.personality)
        f["signals"] = sorted(set(c.signals))
        f["signal_count"] = len(f["signals"])
        f["met"] = c.met
        f["senior"] = c.senior
        f["is_boss"] = c.is_boss
        f["controls"] = sorted(set(c.controls))
        f["related_to_boss"] = bool(set(c.related_to) & bosses)
        f["reaches_boss"] = bool(set(c.reaches) & bosses)
        f["met_route_elsewhere"] = not c.met and bool(met_routes - {c.name})
        f["introducer_count"] = introducers.get(c.name, 0)
        f["has_motives"] = bool(c.motives and c.motives.organisational and c.motives.personal)
        if c.motives:  # the words themselves: an action serving the motives quotes them
            put(f, "motive_organisational", c.motives.organisational)
            put(f, "motive_personal", c.motives.personal)
        put(f, "reliability", c.reliability)
        put(f, "satisfied", c.satisfied)
        mine = visits_of.get(c.name, [])
        f["visit_count"] = len(mine)
        if mine:
            f["days_since_last_visit"] = _days(as_of, mine[-1].date)
            # the contact's own rhythm: a quarterly contact is not cold at 100 days, a weekly one is
            usual = history.median_gap([v.date for v in mine])
            if usual:
                f["visit_gap_ratio"] = quantize(f["days_since_last_visit"] / usual)
            # the account's own rhythm: where the rep sees this account twice a year, a contact unseen for half a
            # year is on it. Three visit days at least — with two, the one gap is the older contact's own silence
            if account_gap:
                f["account_visit_gap_ratio"] = quantize(f["days_since_last_visit"] / account_gap)
        f["objection_count"] = objections_of.get(c.name, 0)
        f["named_recently"] = _named(c.name, recent_words)
        facts.append(f)

    # visits -----------------------------------------------------------------
    open_complaints = [c for c in account.complaints if c.status in casefacts.OPEN_STATUSES]
    settled_complaints = [c for c in account.complaints if c.status not in casefacts.OPEN_STATUSES]
    per_contact: dict[str | None, int] = {}
    totals: dict[str | None, int] = {}
    for v in visits:
        totals[v.contact] = totals.get(v.contact, 0) + 1
    for i, v in enumerate(visits):
        per_contact[v.contact] = per_contact.get(v.contact, 0) + 1
        f = {"kind": "visit", "id": f"visit:{i + 1}"}
        put(f, "contact", v.contact)
        who = by_name.get(v.contact or "")
        f["contact_roles"] = sorted(set(who.roles)) if who else []
        f["contact_senior"] = bool(who and who.senior)
        f["contact_departed"] = v.contact in gone
        f["contact_open_objections"] = sum(o.contact == v.contact and not o.answered for o in account.objections)
        f["contact_open_complaints"] = sum(c.contact == v.contact for c in open_complaints)
        f["days_ago"] = _days(as_of, v.date)
        put(f, "minutes", v.minutes)
        put(f, "outcome", v.outcome)
        put(f, "appointment", v.appointment)
        f["has_next_step"] = bool(v.next_step)
        put(f, "next_step", v.next_step)
        put(f, "reason_to_return", v.reason_to_return)
        f["number"] = per_contact[v.contact]
        f["is_latest"] = per_contact[v.contact] == totals[v.contact]
        f["contact_visit_count"] = totals[v.contact]
        facts.append(f)

    # a commitment the customer already gave, recorded at the visit (a contract signed, an order placed)
    commitment.mark(facts, visits, wordlists.finder(vocabulary, "commitment_given"), judge)
    # … and a promise the rep made there ("答应下次带新机壳"): only a recorded promise ranks as one (issue 23)
    reppromise.mark(facts, visits, wordlists.finder(vocabulary, "rep_promised"), judge)

    # objections, competitors, opportunities ---------------------------------
    reads_not_the_point = wordlists.matcher(vocabulary, "price_not_the_point")  # "it wasn't only the price"
    lost_to = objectionguards.lost_competitors(history.deals_of(account))
    for i, o in enumerate(account.objections):
        f = {"kind": "objection", "id": f"objection:{i + 1}"}
        put(f, "contact", o.contact)
        who = by_name.get(o.contact or "")
        f["contact_roles"] = sorted(set(who.roles)) if who else []
        f["contact_departed"] = o.contact in gone
        f["text"] = o.text.lower()
        f["quote"] = o.text
        put(f, "stated_kind", o.kind)
        reading: dict = {}
        if objection_kinds is not None:
            f["kinds"], f["kind_source"] = list(objection_kinds[i][0]), objection_kinds[i][1]
            reading = objection_kinds[i][2] if len(objection_kinds[i]) > 2 else {}
        elif o.kind:
            f["kinds"], f["kind_source"] = [o.kind], "stated"
        else:
            f["kinds"], f["kind_source"] = ["unclassified"], "unclassified"
        f["complaint"] = "service" in f["kinds"]
        # beside an open complaint the words belong to it, whatever kind the reader gives them (a stall or a
        # brush-off said in anger is no sales objection to answer with material)
        f["beside_open_complaint"] = any(_same_complaint(o, c) for c in open_complaints)
        # a failure the record shows settled (resolved, closed), raised again in a bargain ("your rebate was two months
        # late last year — give us the project price or we go to X"), is leverage, not a complaint to answer now: the
        # objection's other kinds stand, the complaint rules and the win-back-over-a-failure rules stay silent
        # (session 11: a closed rebate complaint ranked #1 over a dealer's project)
        f["restates_settled_complaint"] = bool(f["complaint"] and not f["beside_open_complaint"] and any(
            _restates(o, c) for c in settled_complaints))
        if f["restates_settled_complaint"]:
            f["complaint"] = False
        f["complaint_recorded"] = f["complaint"] and f["beside_open_complaint"]
        f["switching"] = bool(reading.get("switching"))
        put(f, "competitor", reading.get("competitor"))
        put(f, "heard_in", reading.get("heard_in"))  # words read from a visit's note, not filed (reading/heard.py)
        put(f, "days_ago", _days(as_of, o.date))
        f["answered"] = o.answered
        f["asks_for_reference"] = reads_reference_demand(o.text) or peer_asked(o.text) is not None
        objectionguards.mark(f, o.text, reads_not_the_point, lost_to)
        facts.append(f)
    # an unhappy contact's grievance in their own words, unanswered: the visit that recovers them names it
    # (it-distribution.satisfaction.recover-unhappy-contact-in-their-words), and answers that objection in one action
    said = {f["contact"]: f for f in facts if f["kind"] == "objection" and f.get("complaint") and not f.get("answered")
            and f.get("contact") and f.get("quote")}
    for f in facts:
        if f["kind"] == "contact" and f["name"] in said:
            f["complaint_words"] = said[f["name"]]["quote"]
    for i, c in enumerate(account.competitors):
        facts.append({"kind": "competitor", "id": f"competitor:{i + 1}", "name": c.name,
                      "conflict_with_customer": c.conflict_with_customer})
    for i, o in enumerate(account.opportunities):
        f = {"kind": "opportunity", "id": f"opportunity:{i + 1}", "name": o.name}
        put(f, "amount", o.amount)
        put(f, "stage", o.stage)
        put(f, "won", o.won)
        f["quoted"] = o.quoted
        f["cooperation_agreed"] = o.cooperation_agreed
        if o.close_date:
            f["days_to_close"] = (o.close_date - as_of).days
        facts.append(f)
    facts.extend(history.history_facts(account, as_of, a))
    # a plan below the market whose gap one open opportunity of the account would close: the growth is at hand, and
    # winning it is how the plan catches up (core.keep.plan-vs-industry-in-reach) — not a planning talk first
    if a.get("plan_gap", 0) < 0 and a.get("sales_last_12m"):
        gap = -a["plan_gap"] * a["sales_last_12m"]
        a["plan_shortfall_in_reach"] = any(o.won is None and (o.amount or 0) >= gap for o in account.opportunities)
    # the account's own buying rhythm (after the history: its order interval, sales trend and year): a gap or a drop
    # inside it is no decline or dormancy (the category rules' within_rhythm guard)
    rhythm.mark(a, account, as_of, wordlists.matcher(vocabulary, "rhythm_buy"), wordlists.finder(vocabulary, "rhythm_season"))
    served.mark(facts, account, a)  # after the history: a won deal is a customer served
    # a past failure set as a condition of the next offer (after the objection facts: read as service)
    offercondition.mark(facts, account, wordlists.matcher(vocabulary, "offer_condition"))
    # "send me your proposal and a per-head price": a request, before any needs talk (after the history: a won deal
    # is a customer who bought from us, not a prospect asking)
    find_offer, bought = offerask.finder(vocabulary), history.bought_from_us(a)
    holds_price = wordlists.matcher(vocabulary, "price_not_yet")  # "先别急着报价": a quote named, none asked for
    said = {f"objection:{i + 1}": o.text for i, o in enumerate(account.objections)}
    for f in facts:
        if f["kind"] == "objection" and f["id"] in said:
            offerask.mark(f, said[f["id"]], bought, find_offer, holds_price)
    declinenote.add(a, as_of)  # after the history: it quotes the order gap and the sales trend
    # why it falls where the account's own words say it (a move to its own site, a line closed, a budget cut …)
    declinecause.add(a, account, as_of, declinecause.Words(vocabulary), judge)
    declinecause.add_named_gap(a, facts, as_of)  # … else what the customer said we cannot do (after the objection facts)
    # the people the notes say were never met: a single thread's other ends, by name or role
    unmetpeople.mark(a, account, gone, wordlists.locator(vocabulary, "unmet_people"), judge)
    # after the history's own growth; where the record gives whole years only ("2025", "2026"), the last full year on
    # the one before says how the account grows against its market (session 12: +9% against a +6% market, and the
    # plan's one point below the market was called "share being lost")
    growth = a.get("sales_growth")
    if growth is None:
        growth = _year_on_year(account, as_of)
    if growth is not None and a.get("industry_growth") is not None:
        a["sales_vs_industry"] = round(growth - a["industry_growth"], 4)
    facts += casefacts.add(account, as_of, a)
    # a price on the table, pressed by someone who cannot decide while the decider is unmet: the concession is the
    # decider's to trade — its answer waits for the way to the decider (after casefacts: account.open_quoted_count)
    objectionguards.mark_price_for_the_decider(facts, a, by_name)
    # a doubt that the reference on record answers, with no word of the price itself: proof before any price probe
    # … and a question about who got the result ("who made money with it?": a question word and a result word in
    # one clause) is a proof request whatever kind the reader gives it
    objectionguards.mark_proof(facts, a, wordlists.matcher(vocabulary, "result_doubt"),
                               wordlists.matcher(vocabulary, "price_complaint"),
                               objectionguards.result_question_finder(vocabulary),
                               objectionguards.proof_condition_finder(vocabulary))
    recent = [v.note for v in visits if v.note and 0 <= (as_of - v.date).days <= tenders.RECENT_VISIT_DAYS]
    tenders.mark(facts, a, wordlists.matcher(vocabulary, "tender"),
                 wordlists.matcher(vocabulary, "tender_under_way"), recent,
                 wordlists.matcher(vocabulary, "tender_no_contact"), account.notes)
    # the industry pack's usual_customer_type, if any; the packs' ownership words
    inference.infer(account, a, usual_customer_type, vocabulary)
    # after the inference: a dealer: section or an industry pack's usual customer reads as a dealer
    reads_financing = wordlists.matcher(vocabulary, "financing")
    # the pack's financing_payment_days; its money_strain words and the objections' live window (a dealer's money in question)
    financing.mark(facts, account, a, reads_financing, financing_payment_days, wordlists.finder(vocabulary, "money_strain"),
                   as_of, wordlists.pair_finder(vocabulary, "money_checked_verb", "money_checked_record", cjk_window=10),
                   wordlists.finder(vocabulary, "money_checked_undone"))
    objectionguards.mark_money(facts, reads_financing)  # after the deals' money marks
    # what the buyer weighs beyond the price: his yardstick, or a product that failed early by it
    valuecase.mark(facts, account, wordlists.finder(vocabulary, "value_criterion"),
                   wordlists.finder(vocabulary, "value_failure"))
    # a territory demand on record (after the inference: an inferred dealer reads as one)
    dealer = bool(a.get("dealer_account") or a.get("customer_type") in casefacts.DEALER_TYPES)
    exclusivity.mark(facts, account, exclusivity.reader(vocabulary, dealer), dealer,
                     history.bought_from_us(a), wordlists.matcher(vocabulary, "channel_conflict"))
    movedaway.mark(facts, account, a)  # after from_our_customer and the history: a rival named as supplier while we fall
    # … and words saying the customer moved the business, asked who moved (the competitor moving its warehouse is not)
    movedaway.mark_moved_words(facts, [o.text for o in account.objections], wordlists.finder(vocabulary, "business_moved"),
                               judge)
    # why the account is losing business, by its record (after the decline cause and the moves): a cause other than price
    # holds back price moves and growth pitches (core.switching.answer-the-cause-first)
    losscause.mark(a, account, as_of, movedaway.falling(account, a),
                   any(f.get("moved_by_record") for f in facts if f["kind"] == "objection"), deal_note_kinds)
    # … and an unanswered complaint followed by a lost deal: the complaint is the loss's first suspect
    losscause.mark_complaints(facts, account, as_of)
    # … and the words in which one of the account's people states why a deal was lost: answered with that person first
    losscause.mark_stated_causes(facts, account, as_of)
    # … or in a lost deal's own note, quoting the person who told it (after the objections: one of them says it first)
    losscause.mark_deal_tellers(facts, account, as_of)
    # a decider new in the post whom nobody has heard out yet: the step of a deal at propose or close is earned again
    # with them (before the steps, which read it; after the contacts' departed marks)
    newdecider.mark(facts, account, a, as_of, wordlists.finder(vocabulary, "arrived"),
                    wordlists.finder(vocabulary, "arrived_dated"))
    # the step each open deal has earned (after the contacts' departed marks and the sales history)
    steps.mark(facts, account, a, wordlists.matcher(vocabulary, "needs_open"))
    # promise_days: the pack's promise_default_days; a next step a note records done is kept (vocabulary step_done)
    promises.add(facts, account, as_of, promise_days, stepdone.finder(vocabulary))
    # … and one of ours the record shows on track before its date (a shared plan's row: 準時, shipped) is work in flight
    ontrack.mark(facts, account, as_of, vocabulary)
    topics.mark(facts, topics.finders(vocabulary))  # what each promise hands over: merged with a rule doing it
    # a promise to a dealer whose words name his exclusivity demand is the answer to it, deferred (topic answer)
    exclusivity.mark_promises(facts, exclusivity.reader(vocabulary, dealer))
    # a next step that only sets a meeting owes nothing yet: the meeting to prepare, for the person who will be in it
    meetingset.mark(facts, wordlists.finder(vocabulary, "step_meeting"), wordlists.finder(vocabulary, "step_owes"))
    # … and a meeting the notes say is booked, on a date ahead, with the contacts they name
    meetingset.mark_notes(facts, account.notes, as_of, wordlists.finder(vocabulary, "meeting_booked"),
                          wordlists.finder(vocabulary, "step_meeting"))
    # a step of ours that only moves things on our side (an approval, a filing) is work, not a promise to the customer
    internalstep.mark(facts, wordlists.finder(vocabulary, "step_internal"), wordlists.finder(vocabulary, "step_for_customer"))
    # a new owner or shareholder on record: where we must know our customer, the review comes before new business
    ownerchange.mark(a, account, wordlists.finder(vocabulary, "ownership_change"), wordlists.finder(vocabulary, "kyc_redone"),
                     judge)
    # a contact about to leave and the successor named: the introduction while the outgoing one can still vouch for us
    succession.mark(a, facts, account, wordlists.finder(vocabulary, "succession_incoming"),
                    wordlists.finder(vocabulary, "succession_outgoing"), wordlists.finder(vocabulary, "succession_heir"))
    # a dealer's money in question — it asks for credit, its money shows strain, its owners changed (after the territory
    # demands and the owner change): its open deals wait for the money check, and with none, the account does; the
    # objections the check answers are marked again on the deals it now holds
    financing.mark_question(facts, a, openings.OBJECTION_LIVE_DAYS if objection_live_days is None
                            else int(objection_live_days))
    objectionguards.mark_money(facts, reads_financing)
    # a hold on record (our credit hold, the customer's purchase freeze): cleared first, the dependent steps wait
    holds.mark(a, account, as_of, {k: wordlists.finder(vocabulary, k) for k in holds.KINDS},
               wordlists.finder(vocabulary, "hold_lifted"), judge)
    # what the customer said stands against buying more (no room, overstocked, cash tight): no growth pitch past it
    buyconstraint.mark(a, account, as_of, wordlists.finder(vocabulary, "buy_constraint"), judge)
    steps.mark_promises(facts, account, a)  # after the promises and the deal steps: a prospect's step before the deal
    # which objections are the live issue: after every objection's kinds are read (a later concern is one of another
    # kind) and the promises are gathered (a promise made since answers it)
    liveness.mark(facts, account, as_of, objection_superseded_days)
    # a live proof request makes every price point of the account wait for the proof (after the liveness)
    objectionguards.mark_proof_pending(facts, a, openings.OBJECTION_LIVE_DAYS if objection_live_days is None
                                       else int(objection_live_days))
    # a change of who signs or where the money goes, asked for by someone whose authority is the question
    # (a phrase of authority_change, or a thing of authority_object and a verb of authority_verb in one clause)
    find_change = wordlists.first_of(wordlists.finder(vocabulary, "authority_change"),
                                     wordlists.pair_finder(vocabulary, "authority_object", "authority_verb"))
    authority.mark(a, account, as_of, NAMED_DAYS, find_change, wordlists.finder(vocabulary, "authority_verified"))
    authority.mark_promises(facts, a, find_change)  # a promise of ours that would carry the unverified change out
    # an opening the account's own words describe: a subsidy sign-up, a budget lock date, an expansion, a selection with a
    # submission date (the tender words), a renewal, a competitor in trouble, a new project (vocabularies opportunity_*)
    # a gate the customer sets for its suppliers (opportunity_deadline*), and a plan or event of the customer's own with
    # a time anchor where no list names it (opportunity_event_intent, the named periods period_*)
    openings.add(facts, account, as_of, opening_finders(vocabulary), wordlists.matcher(vocabulary, "opportunity_off"), gone,
                 wordlists.matcher(vocabulary, "opportunity_competitor_trouble_object"), objection_live_days,
                 event_words(vocabulary), opening_model, wordlists.finder(vocabulary, "opportunity_gate"),
                 wordlists.matcher(vocabulary, "opportunity_renewal_word"), judge)
    financing.mark_openings(facts)  # a dealer's unchecked money holds an opening's window back (after the openings)
    # a situation the record describes — a payment late, a contact who stopped answering, news of ours the customer must
    # hear from us first (vocabularies situation_*; invoices: on record): one fact per kind, the packs say what to do
    situations.add(facts, a, account, as_of, situations.finders(vocabulary), judge, gone, situation_model)
    # computed numbers (a growth rate over a tiny base) stay engine-safe too (bounds.py)
    return [safe_fact(f) for f in facts]


def event_words(vocabulary: wordlists.Vocabulary | None) -> openings.EventWords:
    """What the event reading (and the learned reader's guards) read by: the packs' opportunity_event_* words and
    named periods (also scripts/train_openings.py, which measures the learned reader behind the same guards)."""
    return openings.EventWords(wordlists.finder(vocabulary, "opportunity_event_intent"),
                               wordlists.matcher(vocabulary, "opportunity_event_ours"), anchors.periods(vocabulary),
                               wordlists.matcher(vocabulary, "opportunity_event_recurring"),
                               wordlists.matcher(vocabulary, "opportunity_event_next_year"),
                               wordlists.matcher(vocabulary, "opportunity_event_routine"),
                               wordlists.matcher(vocabulary, "opportunity_event_business"),
                               wordlists.finder(vocabulary, "opportunity_event_usual"))


def opening_finders(vocabulary: wordlists.Vocabulary | None) -> dict:
    """Per type of opening (openings.TYPES), a finder of its words: the vocabulary opportunity_<type> (the tender type
    reads the packs' tender words), and for the paired types a thing and a verb of it in one clause."""
    out = {}
    for kind in openings.TYPES:
        if kind == "event":
            continue  # read by its own reading (openings.EventWords)
        name = "tender" if kind == "tender" else f"opportunity_{kind}"
        find = wordlists.finder(vocabulary, name)
        if kind in openings.PAIRED:
            find = wordlists.first_of(find, wordlists.pair_finder(vocabulary, f"{name}_object", f"{name}_verb"))
        if kind == "deadline":
            # a gate (a certificate, a registration, a deposit) and its cut-off in one clause, or a date and a word for
            # locking it ("尾牙日期要喺12月內定", "lock the dates")
            find = wordlists.first_of(find, wordlists.pair_finder(vocabulary, f"{name}_object", f"{name}_verb"),
                                      wordlists.pair_finder(vocabulary, f"{name}_date", f"{name}_lock"))
        out[kind] = find
    return out


def contact_of(fact: dict) -> str | None:
    """The contact a fact is about: the contact itself, or the one it names."""
    if fact.get("kind") == "contact":
        return fact["name"]
    return fact.get("contact")
