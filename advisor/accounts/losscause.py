"""Why the account is losing business, by its record — and whether that cause is price (issue 22, session 9).

A buyer shouts about the price rise; the record says the business went because our parts came three weeks late, or
because the kits ran a size small and the replacements came six weeks late. The loud complaint is not the cause. While
the account is losing business over delivery, quality, service or fit, a price move (a discount, a cut, an incentive, a
probe of what the price objection wants) or a growth pitch (a new line, a cross-sell, a bundle) answers the wrong
problem: the packs hold those back until the cause is answered (core.switching.answer-the-cause-first, keyed on the
closed tags of terms.OFFER_TAGS).

``account.loss_cause``, of the closed kinds of ``terms.LOSS_CAUSES``, from the record in this order:

1. a deal lost within ``REVIEW_DAYS`` (the newest): the cause its note marks as the real one ("the buyer said price, but
   actually our deliveries were late": the objection reader's kinds of the words after the marker, wordlists.REAL_CAUSE,
   read by api.Advisor), else its ``loss_reason``: service, product, price, relationship …; a ``price`` cause gives way
   to a serious complaint of the window the customer has not confirmed closed (still open, or fixed on our side only,
   or its complainant on record as not satisfied): the loss is over our failure (session 10);
2. while the account is losing business — a deal lost within the window, its own figures falling
   (movedaway.falling) or the business moved by record — a complaint raised within the window that is not
   low-severity: our own failure on record (``quality`` — delivery and quality are both the failure the customer
   lived through);
3. the cause its own words state for the decline (declinecause: ``quality`` or ``our_price`` → ``price``).

A price objection is never the cause by itself. ``loss_cause_words`` quotes the evidence; ``loss_cause_en``/``_zh``
say the kind in words.
"""
from __future__ import annotations

import datetime as dt
from typing import Optional

from . import actors, terms, wordlists
from .account import Account

REVIEW_DAYS = 365  # a loss or a complaint older than this is history, not the cause of what is being lost now

# a lost deal's loss_reason (terms.LOSS_REASONS) as a cause kind; timing, no_decision and other name no cause to answer
_FROM_REASON = {"price": "price", "service": "service", "product": "product", "relationship": "relationship"}

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"account": {
    "loss_cause": ("text", "why the account is losing business, by its record (terms.LOSS_CAUSES: price, service, "
                           "product, quality, relationship): a recent lost deal's loss_reason, else a complaint on "
                           "record while it loses business, else the decline cause its words state; missing when "
                           "none (advisor/accounts/losscause.py)"),
    "loss_cause_words": ("text", "the evidence: the lost deal and its reason, or the complaint, or the stated cause"),
    "loss_cause_en": ("text", "the kind of cause, in English words"),
    "loss_cause_zh": ("text", "the kind of cause, in Chinese words"),
}, "objection": {
    "lost_since": ("text", "a complaint's only (the reader's service kind), still unanswered: the name of the deal the "
                           "account lost after it was heard, within a year (the newest); absent when none "
                           "(advisor/accounts/losscause.py)"),
    "lost_since_en": ("text", "that loss in English words: the deal, to whom, when, the reason recorded"),
    "lost_since_zh": ("text", "that loss in Chinese words"),
    "states_loss_cause": ("text", "the objection states the cause of a lost deal (the newest lost within a year, nothing "
                                  "won since): unanswered, said by a contact within a year before the loss or after it, "
                                  "about what we failed at — the reader's service, trust or feature kind, or words that set "
                                  "the price aside (price_not_the_point) — not a move to a rival (incumbent): the deal's "
                                  "name; absent when none (advisor/accounts/losscause.py)"),
    "states_loss_cause_en": ("text", "that loss in English words: the deal, to whom, when, the reason recorded"),
    "states_loss_cause_zh": ("text", "that loss in Chinese words"),
}, "contact": {
    "tells_loss_cause": ("text", "the newest deal lost within a year (nothing won since), recorded as lost on service, "
                                 "product or the relationship, whose own note quotes this contact — met, still there — "
                                 "saying why, and no objection states that cause: the deal's name; absent when none "
                                 "(advisor/accounts/losscause.py)"),
    "tells_loss_cause_en": ("text", "that loss in English words: the deal, to whom, when, the reason recorded"),
    "tells_loss_cause_zh": ("text", "that loss in Chinese words"),
    "tells_loss_cause_quote": ("text", "the deal's note, as written (shortened past 160 characters)"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"account": {
    "loss_cause": "按记录看客户流失生意的原因(价格、服务/交付、产品/适配、质量、关系):近期丢单的丢单原因,否则是流失期间记录的投诉,"
                  "否则是客户文字说明的下滑原因;都没有时缺省(advisor/accounts/losscause.py)",
    "loss_cause_words": "依据:丢掉的单子及原因,或投诉,或写明的原因",
    "loss_cause_en": "原因类型(英文)",
    "loss_cause_zh": "原因类型(中文)",
}, "objection": {
    "lost_since": "仅限未答复的投诉(服务类异议):听到之后一年内该客户丢掉的单子(最近的一张)的名称;没有时缺省",
    "lost_since_en": "这次丢单的英文说明:哪张单、丢给谁、何时、记录的原因",
    "lost_since_zh": "这次丢单的中文说明",
    "states_loss_cause": "这条异议说出了一次丢单的原因(一年内最近丢的单,其后没有赢单):未答复,由联系人在丢单前一年内或丢单后说出,"
                         "讲的是我们做得不到位之处——服务、信任或产品功能类,或话里把价格放在一边——而不是转投对手:该单名称;没有时缺省",
    "states_loss_cause_en": "这次丢单的英文说明:哪张单、丢给谁、何时、记录的原因",
    "states_loss_cause_zh": "这次丢单的中文说明",
}, "contact": {
    "tells_loss_cause": "一年内最近丢的单(其后没有赢单)记录的原因是服务、产品或关系,而单子自己的备注引述了这位联系人(已见过、仍在任)"
                        "讲的原因,且没有哪条异议说出这个原因:该单名称;没有时缺省",
    "tells_loss_cause_en": "这次丢单的英文说明:哪张单、丢给谁、何时、记录的原因",
    "tells_loss_cause_zh": "这次丢单的中文说明",
    "tells_loss_cause_quote": "该单的备注原文(超过160字截短)",
}}


def _within(day: Optional[dt.date], as_of: dt.date) -> bool:
    return day is not None and 0 <= (as_of - day).days <= REVIEW_DAYS


# the objection reader's kinds, read after the word marking the real cause in a lost deal's note, as a cause kind
_FROM_KIND = {"price": "price", "budget": "price", "service": "service", "feature": "product", "need": "product",
              "trust": "relationship", "incumbent": "relationship"}


def _lost_deal(account: Account, as_of: dt.date,
               note_kinds: Optional[dict] = None) -> Optional[tuple[str, str]]:
    """The newest lost deal's cause: what its note marks as the real cause ("they said price, but actually our late
    deliveries": ``note_kinds``, deal index → the reader's kinds of the words after the marker), else its loss_reason."""
    note_kinds = note_kinds or {}
    lost = sorted(((i, d) for i, d in enumerate(account.deals) if d.status == "lost" and _within(d.closed, as_of)),
                  key=lambda x: x[1].closed, reverse=True)
    for i, d in lost:
        real = next((_FROM_KIND[k] for k in note_kinds.get(i, ()) if k in _FROM_KIND), None)
        kind = real or _FROM_REASON.get(d.loss_reason or "")
        if kind:
            why = f"“{wordlists.real_cause_tail(d.note)}”" if real else d.loss_reason
            return kind, f"{d.name or d.product or 'deal'} lost to {d.competitor or 'a competitor'} ({why})"
    return None


def _unconfirmed_failure(account: Account, as_of: dt.date) -> Optional[tuple[str, str]]:
    """A serious complaint (not low) raised within the window that the customer has not confirmed closed — still
    open, being fixed, or fixed on our side only — or whose complainant is on record as not satisfied: our failure is
    still live with the customer (session 10, issue 22)."""
    unhappy = {c.name for c in account.contacts if c.satisfied is False}
    got = sorted((c for c in account.complaints if _within(c.date, as_of) and c.severity != "low"
                  and (c.status != "closed" or (c.contact and c.contact in unhappy))),
                 key=lambda c: c.date, reverse=True)
    return ("quality", got[0].what) if got else None


def _complaint(account: Account, as_of: dt.date) -> Optional[tuple[str, str]]:
    got = sorted((c for c in account.complaints if _within(c.date, as_of) and c.severity != "low"),
                 key=lambda c: c.date, reverse=True)
    return ("quality", got[0].what) if got else None


def mark(a: dict, account: Account, as_of: dt.date, falling: bool, moved: bool,
         note_kinds: Optional[dict] = None) -> None:
    """Set ``loss_cause`` and its words on the account fact ``a`` (in place), after the decline cause is read
    (``falling``: the account's own figures fall; ``moved``: an objection records the business moved; ``note_kinds``:
    the reader's kinds of the real cause a lost deal's note marks, by deal index)."""
    found = _lost_deal(account, as_of, note_kinds)
    if found is not None and found[0] == "price":
        # "price" is what a buyer writes on the way out; a failure of ours the customer has not confirmed fixed is the
        # cause a price cut would not answer (a delivery that left a crew idle, the fix agreed with someone else)
        failure = _unconfirmed_failure(account, as_of)
        if failure is not None:
            found = (failure[0], f"{failure[1]} — not confirmed fixed; the lost deal was recorded as price")
    losing = found is not None or falling or moved or any(
        d.status == "lost" and _within(d.closed, as_of) for d in account.deals)
    if found is None and losing:
        found = _complaint(account, as_of)
    if found is None and a.get("decline_cause_kind") in ("quality", "our_price"):
        found = ("price" if a["decline_cause_kind"] == "our_price" else "quality", a.get("decline_cause_quote") or "")
    if found is None:
        return
    kind, words = found
    a["loss_cause"] = kind
    a["loss_cause_words"] = words
    a["loss_cause_en"], a["loss_cause_zh"] = terms.LOSS_CAUSES[kind]


def mark_complaints(facts: list[dict], account: Account, as_of: dt.date) -> None:
    """Set ``lost_since`` on every unanswered complaint (an objection of the reader's service kind) after which the
    account lost a deal, within ``REVIEW_DAYS`` (session 15, issue 22): the failure the customer lived through and never
    heard answered comes before the loss, so it is the first suspect for it, whatever reason was written down on the way
    out ("price", said by the buyer who passes the news on). A coach answers the complaint and reviews the loss in one
    conversation, with the person who complained (core.objection.complaint-before-a-loss). The newest such loss is named.
    ``facts``: the objection facts in the order of ``account.objections`` (facts.enrich builds them so)."""
    objections = [f for f in facts if f["kind"] == "objection"]
    lost = sorted((d for d in account.deals if d.status == "lost" and _within(d.closed, as_of)),
                  key=lambda d: d.closed, reverse=True)
    if not lost:
        return
    for o, f in zip(account.objections, objections):
        if o.answered or not o.date or "service" not in (f.get("kinds") or ()):
            continue
        d = next((d for d in lost if d.closed >= o.date), None)
        if d is not None:
            name = d.name or d.product or ""
            en_reason, zh_reason = terms.LOSS_REASONS.get(d.loss_reason or "", ("", ""))
            f["lost_since"] = name or d.closed.isoformat()
            f["lost_since_en"] = (f"{name or 'a deal'} was lost to {d.competitor or 'a competitor'} on {d.closed.isoformat()}"
                                  + (f", recorded as {en_reason}" if en_reason else ""))
            f["lost_since_zh"] = (f"{name or '一张单子'}在{d.closed.isoformat()}丢给了{d.competitor or '竞争对手'}"
                                  + (f",记录的原因是{zh_reason}" if zh_reason else ""))


# the reader's kinds that say we fell short — a failure (service), a doubt we deliver (trust), what the product lacks
# (feature): a cause of a loss the customer can state, and we can answer
_OUR_SHORTFALL = {"service", "trust", "feature"}


def _loss_words(d) -> tuple[str, str, str]:
    """A lost deal's name, and the loss in English and Chinese words (the deal, to whom, when, the reason recorded)."""
    name = d.name or d.product or ""
    en_reason, zh_reason = terms.LOSS_REASONS.get(d.loss_reason or "", ("", ""))
    en = (f"{name or 'a deal'} was lost to {d.competitor or 'a competitor'} on {d.closed.isoformat()}"
          + (f", recorded as {en_reason}" if en_reason else ""))
    zh = (f"{name or '一张单子'}在{d.closed.isoformat()}丢给了{d.competitor or '竞争对手'}"
          + (f",记录的原因是{zh_reason}" if zh_reason else ""))
    return name or d.closed.isoformat(), en, zh


def mark_stated_causes(facts: list[dict], account: Account, as_of: dt.date) -> None:
    """Set ``states_loss_cause`` on every objection in which one of the account's people states why a deal was lost
    (session 16, issue 22). The CRM's loss reason is what someone typed on the way out — often "price", passed on by
    the buyer who broke the news; the cause a person of the customer stated in their own words about what we failed
    at (a failure, a doubt that we deliver, what the product lacks, or price set aside: "price is not the main thing —
    your balls went soft after 20 overs", "不是价格的事,施工队返工两次") is the one to answer, and it is answered with
    the person who stated it — before a win-back pitch at the rival's weak point, which asks "why" as if nobody had
    said, and before any price move, which answers a reason nobody gave.

    The loss: the newest deal lost within ``REVIEW_DAYS`` with nothing won since (a lost round in a running business
    is no cause to answer). The words: unanswered, dated, said by a named contact within ``REVIEW_DAYS`` before the
    loss or after it; not a move to a rival (the reader's incumbent kind: the switching rules answer that), not a
    settled complaint said again in a bargain, not a complaint of before the loss that ``mark_complaints`` already names
    (run it first). ``facts``: the objection facts in the order of ``account.objections``."""
    objections = [f for f in facts if f["kind"] == "objection"]
    wins = [d.closed for d in account.deals if d.status == "won" and d.closed]
    lost = sorted((d for d in account.deals if d.status == "lost" and _within(d.closed, as_of)
                   and not any(w > d.closed for w in wins)), key=lambda d: d.closed, reverse=True)
    if not lost:
        return
    loss = lost[0]
    name, en, zh = _loss_words(loss)
    unhappy = {c.name for c in account.contacts if c.satisfied is False}
    unconfirmed = {c.contact for c in account.complaints if c.contact and (c.status != "closed" or c.contact in unhappy)}
    for o, f in zip(account.objections, objections):
        if o.answered or not o.date or not o.contact or (loss.closed - o.date).days > REVIEW_DAYS:
            continue
        kinds = set(f.get("kinds") or ())
        # a move to a rival: the switching rules answer it; a complaint never answered before the loss: its own rule
        # (mark_complaints, core.objection.complaint-before-a-loss) speaks in a complaint's words
        if "incumbent" in kinds or f.get("switching") or f.get("lost_since"):
            continue
        # a settled complaint said again is leverage in a bargain — unless the one who says it never confirmed the fix
        # (fixed on our side only, or on record as not satisfied): then it is still their cause
        if f.get("restates_settled_complaint") and o.contact not in unconfirmed:
            continue
        if kinds & _OUR_SHORTFALL or f.get("price_not_the_point"):
            f["states_loss_cause"], f["states_loss_cause_en"], f["states_loss_cause_zh"] = name, en, zh


# the loss reasons a customer's person can tell us in words we can answer: what we failed at, not the money or the
# timing (terms.LOSS_REASONS)
_ANSWERABLE_REASONS = frozenset({"service", "product", "relationship"})
QUOTE_MAX = 160


def mark_deal_tellers(facts: list[dict], account: Account, as_of: dt.date) -> None:
    """Set ``tells_loss_cause`` on the contact a lost deal's own note quotes saying why it was lost (session 17, issue
    22): "Jason: 'your February container landed three weeks late and we ran dry …'" — the cause is told, by a person we
    know, in the deal's record rather than in an objection. As for an objection stating it (``mark_stated_causes``, run
    first: where one does, that rule speaks and this stays silent), the answer goes to the one who told it — not a
    win-back pitch to the decider asking why, as if nobody had said. The loss: the newest deal lost within
    ``REVIEW_DAYS`` with nothing won since, recorded as lost on service, product or the relationship. The teller: the
    first contact the note names (by the name or the way notes shorten it: actors._short), met and still there."""
    if any(f.get("states_loss_cause") for f in facts if f["kind"] == "objection"):
        return
    wins = [d.closed for d in account.deals if d.status == "won" and d.closed]
    lost = sorted((d for d in account.deals if d.status == "lost" and _within(d.closed, as_of)
                   and not any(w > d.closed for w in wins)), key=lambda d: d.closed, reverse=True)
    if not lost or lost[0].loss_reason not in _ANSWERABLE_REASONS or not lost[0].note:
        return
    loss = lost[0]
    low = loss.note.lower()
    people = {f["name"]: f for f in facts if f["kind"] == "contact" and f.get("met") and not f.get("departed")}
    found = sorted((at, name) for name in people for at in [_named(name, low)] if at >= 0)
    if not found:
        return
    teller = people[found[0][1]]
    name, en, zh = _loss_words(loss)
    quote = loss.note.strip()
    teller["tells_loss_cause"], teller["tells_loss_cause_en"], teller["tells_loss_cause_zh"] = name, en, zh
    teller["tells_loss_cause_quote"] = quote if len(quote) <= QUOTE_MAX else quote[:QUOTE_MAX - 1] + "…"


def _named(name: str, low: str) -> int:
    """Where a contact is named in ``low`` (lower-cased): the whole name or a shortening of it, else -1."""
    hits = [at for short in actors._short(name) for at in [wordlists.name_at(low, short)] if at >= 0]
    return min(hits) if hits else -1
