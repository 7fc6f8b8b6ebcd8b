"""From fired rules to a ranked list of actions a coach would sign.

Order of work:

1. suppression — a customer's policy beats any tactic; an action with an optional gift
   element speaks in its policy-safe variant instead of being dropped;
2. one action per rule and target, scored (the parts are kept, not only the sum);
3. exclusive groups — per target only the best rule of a group speaks;
4. one action per intent — actions aiming at the same thing merge into one that cites every
   rule behind it; actions aiming at the same thing in different ways contradict, and the
   precedence below decides (the loser is listed as superseded, with the reason);
5. the order — first by what the action serves (the ``serves`` part: a promise due within
   ``promise_due_days`` or overdue, then an unverified change of who signs or where the money goes, an open
   complaint, the account's own problems and blockers, then
   opportunities, then the relationship, then upkeep — an unblock action at an account with nothing open to
   decide ranks with the relationship, and there a first meeting with someone the customer's recent words name and
   we have never met (the person who now matters) ranks before the opportunities: tag_levels ``named_only``), then by score (on equal scores a
   contact's third action onwards goes after the others), with at most ``max_generic_top``
   checklist items in the first ``top_n``. Upkeep never ranks above a specific action: it only
   fills the list once the specific ones are out (a coach's order, /work/shared/COACHING.md).

The ``serves`` part is a step per level, wider than every other part together can add, so the
score's order is the serves order and, within one level, what is due and what triggered the rule
weigh above the rule's static priority. ``why_above`` says in words why one action outranks the next.
Equal scores go to the fresher evidence, then the sooner date, then the person the recent notes name (``_tie``);
only then to rule id and target, so the output never depends on the engine's firing order.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import weakref
from dataclasses import dataclass, field
from typing import Optional

from .outcomes import SHAPING_HORIZON_DAYS, Candidate, Suppression, due_date, rule_tags
from ..accounts import terms
from ..language import conditions as cnd
from ..language.pack import PackSet, Rule, level_param

DEFAULTS = {
    "priority_weight": 60,  # percent of the rule's static priority that counts
    "urgency_overdue": 30,  # due date already passed …
    "urgency_per_day_late": 1,  # … plus this per day late (up to two weeks)
    "urgency_now": 22,  # due within 2 days
    "urgency_week": 12,  # due within 7 days
    "urgency_month": 4,  # due within 30 days
    "trigger_per_fact": 3,  # per unit of trigger strength (see trigger_strength)
    "trigger_max": 12,
    "industry_bonus": 6,  # a rule of an industry pack (not core): its own advice wins on equal footing
    "named_bonus": 4,  # it goes to someone not yet met whom the account's recent notes name: the one it talks about
    "promise_bonus": 60,  # a promise due within promise_due_days or overdue (or firm and due within promise_firm_days)
    "promise_due_days": 2,  # due this soon or overdue: the due-promise level, first
    "promise_firm_days": 7,  # a promise of the rep's with its date written: its last week earns the bonus in its level
    "promise_ahead_days": 20,  # a promise three weeks or more away is work in flight: it ranks with the opportunities
    "generic_penalty": 20,  # a checklist item that fits almost any account at that step
    "max_per_contact": 2,  # on equal scores, a contact's actions beyond this go after the others
    "top_n": 5,  # the head of the list that max_generic_top limits
    "max_generic_top": 1,  # checklist items allowed in the first top_n
    # what an action serves (accounts.terms.SERVES): one level per step, in a coach's order
    # (/work/shared/COACHING.md); a step is wider than the other parts can span (priority ≤60,
    # urgency ≤44, role ≤20, trigger ≤12, industry 6, named 4, the promise bonus 60 = 206)
    "serves_due_promise": 1800,  # any rule keeping a promise due within promise_due_days or overdue
    "serves_money_at_risk": 1600,  # a fix_problem rule tagged money-at-risk: an unverified change of who signs or where the money goes
    "serves_open_complaint": 1500,  # a fix_problem rule tagged open-complaint: outranks all but a due promise (issue 23)
    "serves_fix_problem": 1200,  # the account's own problem comes before the blockers on the path
    "serves_keep_promise": 900,  # a promise not yet due: beside the blockers, after the account's problems
    "serves_promise_ahead": 600,  # a promise due beyond promise_ahead_days: with the opportunities it is work for
    "serves_unblock": 900,
    "serves_pursue_opportunity": 600,
    "serves_develop_relationship": 300,
    "serves_undecided_voice": 750,  # a price or terms answer to someone who cannot decide, the decider unmet: after the blockers
    "serves_earn_first": 850,  # a first meeting over a contact's head at a prospect whose live objection is unanswered
    "serves_before_scoping": 800,  # an unblock action where the only open business is a need still being shaped
    "shaping_horizon_days": SHAPING_HORIZON_DAYS,  # … an opportunity whose close date is further off (outcomes.only_shaping)
    "serves_past_objection": 100,  # an answer to an objection that is no longer the live issue (Candidate.not_live)
    "serves_upkeep": 0,
    "serves_unstated": 600,  # a user's rule that does not say (pack lint asks for it) ranks with opportunities
}
# the levels a rule's tag lifts it to (a money-at-risk change above an open complaint above the other problems) are
# pack data: ``tag_levels:`` in rules/core/pack.yaml, each ranking at its parameter serves_<level> (pack.level_param)
# what "suppressed" an action about a contact who has left: the fact, not a rule (the trace shows it as the cause)
DEPARTED = "contact.departed"
def _checklist(leaf) -> bool:
    """A condition that places a rule on a checklist rather than triggers it: the sale step, or an
    item not yet ticked. A flag that *is* set (``new_product_line``) describes the situation."""
    if leaf.fact == "account.stage":
        return True
    if leaf.fact == "account.flags":
        return leaf.op == "not_contains"
    return leaf.fact == "account.flags_false"
# fact kinds that record something that happened (what the customer said or did, a deal of the
# history: won, lost or open — a rule about a lost deal is as specific as one about an objection)
_EVENT_KINDS = {"visit", "objection", "opportunity", "competitor", "promise", "deal"}


@dataclass
class Action:
    rank: int
    rule: str
    pack: str
    family: str
    title: dict[str, str]
    contact: Optional[str]
    roles: Optional[list[str]]
    role_label: Optional[str]
    what: dict[str, str]
    why: dict[str, str]
    by: dt.date
    due_offset: int
    source: list[str]
    basis: str
    score: int
    tags: list[str]
    group: Optional[str] = None
    score_parts: dict[str, int] = field(default_factory=dict)
    intent: Optional[str] = None
    merged_rules: list[str] = field(default_factory=list)  # every rule behind this action, itself first
    promise: bool = False
    generic: bool = False
    variant: Optional[str] = None  # "policy-safe" when a policy removed its gift element
    serves: Optional[str] = None  # what it serves on this account: its rule's serves, or develop_relationship (serves_level)
    level: str = "unstated"  # the level it ranked at: due_promise or its serves
    above_next: Optional[dict[str, str]] = None  # why it outranks the action after it (en, zh)
    promise_key: Optional[str] = None  # the promise it keeps (feedback: --promise KEY marks only that one)
    level_words: Optional[dict[str, str]] = None  # what its level says in the trace, for a level a tag lifts to (en, zh)
    evidence_days: Optional[int] = None  # days since the freshest dated fact behind it (the tie-break on equal scores)
    named: bool = False  # about someone not yet met whom the recent notes name (a tie-break on equal scores)
    merge_note: Optional[dict[str, str]] = None  # a promise merged with the rule doing it: what was merged and why (en, zh)


@dataclass
class Suppressed:
    rule: str
    contact: Optional[str]
    what: dict[str, str]
    reason: dict[str, str]
    by_rule: str


@dataclass
class Superseded:
    rule: str
    contact: Optional[str]
    group: str  # the exclusive group, or "intent: <aim>" for a contradiction
    by_rule: str
    reason: Optional[str] = None


@dataclass
class Ranking:
    actions: list[Action] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)
    superseded: list[Superseded] = field(default_factory=list)


def param(packset: PackSet, name: str) -> int:
    return int(packset.params.get(name, DEFAULTS[name]))


def params(packset: PackSet) -> dict[str, int]:
    """Every ranking parameter, resolved once per ranking (not once per candidate and part), with the value of each
    level a pack's ``tag_levels:`` adds (serves_<level>: the loader checked it is a whole number).
    Read afresh on every call: a pack set's params may be changed after loading (tests do)."""
    got = packset.params
    out = {name: int(got.get(name, default)) for name, default in DEFAULTS.items()}
    for lift in _lifts(packset).values():
        name = level_param(lift.level)
        if name not in out and name in got:
            out[name] = int(got[name])
    return out


def urgency(offset: int, packset: PackSet, p: dict[str, int] | None = None) -> int:
    p = p or params(packset)
    if offset < 0:
        return p["urgency_overdue"] + p["urgency_per_day_late"] * min(-offset, 14)
    if offset <= 2:
        return p["urgency_now"]
    if offset <= 7:
        return p["urgency_week"]
    if offset <= 30:
        return p["urgency_month"]
    return 0


def _guard(node) -> bool:
    """An ``any`` group with a ``not_exists`` branch is a guard: it says where a rule does not apply
    (issue 22: "not for an account that has bought for years") and passes when the fact is missing.
    It narrows the rule without making what triggers it any stronger."""
    return isinstance(node, cnd.Node) and node.op == "any" and any(
        leaf.op == "not_exists" for leaf in cnd.leaves(node))


def _trigger_leaves(cond):
    if isinstance(cond, cnd.Leaf):
        yield cond
    elif not _guard(cond):
        for child in cond.children:
            yield from _trigger_leaves(child)


def trigger_strength(rule: Rule, packset: PackSet) -> int:
    """How specific the trigger is: each condition on a fact other than the stage or a checklist
    flag counts one, and an event (a visit, an objection, an opportunity, a competitor — or a fact
    derived from one) two more. A rule that fires on a stage and an unticked checklist item fits
    any account there; one that fires on what the customer said or did fits this account."""
    leaves = sum(1 for leaf in _trigger_leaves(rule.when) if not _checklist(leaf)) if rule.when else 0
    derived = packset.derived.get(rule.subject)
    event = rule.subject in _EVENT_KINDS or (derived is not None and derived.about == "subject")
    return leaves + (2 if event else 0)


class _Static:
    """What ranking needs of a pack set that never changes after loading: each rule's trigger
    strength and each pack's depth (worked out per candidate, they were a sixth of ranking)."""

    def __init__(self, packset: PackSet):
        self.depth = {p.name: i for i, p in reversed(list(enumerate(packset.packs)))}  # first wins, as depth()
        self.strength = {r.id: trigger_strength(r, packset) for r in packset.rules}


_STATIC: dict[int, _Static] = {}  # id(pack set) → its static part; dropped when the pack set is collected


def _static(packset: PackSet) -> _Static:
    got = _STATIC.get(id(packset))
    if got is None:
        got = _STATIC[id(packset)] = _Static(packset)
        weakref.finalize(packset, _STATIC.pop, id(packset), None)
    return got


def is_due_promise(c: Candidate, packset: PackSet, p: dict[str, int] | None = None) -> bool:
    """A promise due within promise_due_days or overdue: it ranks first, whatever its rule serves (COACHING.md:
    due and overdue promises first). One due later ranks by the work it is (its rule's serves), after the account's
    own problem — a sample due next Wednesday does not outrank a buyer gone silent (session 5, issue 22)."""
    if not c.rule.promise:
        return False
    p = p or params(packset)
    return c.due_offset <= p["promise_due_days"]


def _promise_weighs(c: Candidate, packset: PackSet, p: dict[str, int]) -> bool:
    """A promise that earns the promise bonus inside its level: one due, or one the rep gave the customer a date for
    within promise_firm_days — the work to keep "by Friday" starts this week, ahead of the work beside it."""
    if is_due_promise(c, packset, p):
        return True
    return c.rule.promise and c.firm and c.due_offset <= p["promise_firm_days"]


def score_parts(c: Candidate, packset: PackSet, p: dict[str, int] | None = None) -> dict[str, int]:
    p = p or params(packset)
    static = _static(packset)
    rule = c.rule
    strength = static.strength.get(rule.id)
    if strength is None:  # a rule not of this pack set (a caller's own): worked out, not cached
        strength = trigger_strength(rule, packset)
    parts = {"priority": round(rule.priority * p["priority_weight"] / 100),
             "urgency": urgency(c.due_offset, packset, p),
             # a role nobody holds yet ("the decider" of an account with no contacts) reaches no one named: it
             # weighs as the account does, not as the person it stands in for (issue 21)
             # … and one handed to the lead contact for the account (who: lead, a role nobody holds) is about the
             # account, not about that person (session 4)
             "role": packset.role_weight(None if (c.contact is None and c.role_label) or c.lead_only
                                         else c.roles),
             "trigger": min(p["trigger_max"], p["trigger_per_fact"] * strength)}
    if static.depth.get(rule.pack, 0) > 0:
        parts["industry"] = p["industry_bonus"]
    if c.named:
        parts["named"] = p["named_bonus"]
    if _promise_weighs(c, packset, p):
        parts["promise"] = p["promise_bonus"]
    if rule.generic:
        parts["generic"] = -p["generic_penalty"]
    parts["serves"] = serves_part(c, packset, p)
    return parts


# the level of an action answering an objection that is no longer the live issue (issue 22, session 6): the buyer has
# moved on — a later concern, an open complaint — and a price probe on the old point is work on the wrong thing. It ranks
# below the relationship work and above upkeep, the reason in its words (Candidate.not_live, accounts/liveness.py)
PAST_OBJECTION = "past_objection"


# the level of a promise still weeks from its date (session 14): the work in flight for the deal or problem it belongs
# to, ranked with the opportunities — a proposal due in a month is built with the people the deal needs now, not ahead
# of them; its own date brings it back (within promise_ahead_days beside the blockers, within promise_due_days first)
PROMISE_AHEAD = "promise_ahead"


# the level of an unblock action (not an objection's answer) at a customer whose only open business is a need still being
# shaped (outcomes.only_shaping: in maintenance, every open opportunity at prepare, unquoted, no date near; session 16,
# issue 22). Nothing waits on a decision yet, so the unmet decider, the newcomer, the group's buying rules are the
# relationship the need will be decided through: it serves the relationship there, and comes before the opportunity work
# (a coach meets the CFO and the new COO before the warehouse project is scoped, not after) — after the account's
# problems, its promises and every blocker of a decision at hand
BEFORE_SCOPING = "before_scoping"


# the level of a first meeting over a contact's head — to the decider, to the boss through the key person — at a prospect
# (nothing bought from us) where an objection about the substance of the sale is live and unanswered
# (outcomes.substance_open: the need, the timing, the proof, a feature — not the money, the signature or the terms,
# which the decider answers). We have not earned the right to go higher yet: the answer comes first, and the meeting
# after it — after every other blocker on the path, before the opportunities (session 16, issue 22; 001 · 争取销售权利:
# needs first, no pitch; a coach asks the questions the contact says we never asked before asking for the boss)
EARN_FIRST = "earn_first"


# the level of a price or terms answer to an objection said by someone who cannot decide, our price on the table, while
# the account's decider has not been met (objection.price_for_the_decider; session 15): a purchaser pressing for 5% off
# a quote, an engineer asking for a sharper number — the concession is the decider's to trade, and answered to them
# first it is given away before the decider has seen the case. It ranks after every blocker on the path (the way to the
# decider among them) and before the opportunities; said by the decider, once a decider has been met, or before any
# quote ("too expensive!" is a perception to probe with whoever says it), it keeps its own level (COACHING.md §3)
UNDECIDED_VOICE = "undecided_voice"
# what such an answer offers: a price move (terms.OFFER_TAGS) or a terms answer
_CONCESSION_TAGS = frozenset({"price-move", "terms"})


def is_undecided_voice(c: Candidate) -> bool:
    """A price or terms answer (its rule tagged price-move or terms) declared on the decision path (serves unblock) to
    an objection said by someone who cannot decide while the decider is unmet (Candidate.undecided_voice)."""
    return (getattr(c, "undecided_voice", False) and c.rule.serves == "unblock"
            and not _CONCESSION_TAGS.isdisjoint(c.rule.tags))


def is_promise_ahead(c: Candidate, p: dict[str, int]) -> bool:
    """A promise kept as such (its rule serves keep_promise) due more than promise_ahead_days from now — or one the
    record shows on track (Candidate.on_track: a shared plan's row marks it on time, a note says it shipped) while its
    date is not yet due: work in flight either way, until its date brings it back (session 16)."""
    ahead = p["promise_due_days"] if getattr(c, "on_track", False) else p["promise_ahead_days"]
    return c.rule.promise and c.rule.serves == "keep_promise" and c.due_offset > ahead


def serves_level(c: Candidate, packset: PackSet, p: dict[str, int] | None = None, *,
                 as_declared: bool = False) -> str:
    """The level an action ranks at: ``due_promise`` for a promise due now or overdue; the level a tag of its rule
    lifts it to (the packs' ``tag_levels:`` — ``money_at_risk`` for a problem rule stopping an unverified change of
    authority or bank details, ``open_complaint`` for one answering an open complaint), the highest of them;
    ``develop_relationship`` for an unblock rule at an account with nothing to decide (not ``as_declared``);
    ``past_objection`` for an answer to an objection that is no longer the live issue (not ``as_declared``);
    else its rule's serves."""
    p = p or params(packset)
    if is_due_promise(c, packset, p):
        return "due_promise"
    if not as_declared and is_promise_ahead(c, p):
        return PROMISE_AHEAD
    if c.not_live and not as_declared:
        return PAST_OBJECTION
    if not as_declared and is_undecided_voice(c):
        return UNDECIDED_VOICE
    if not as_declared and getattr(c, "over_the_head", False):
        return EARN_FIRST
    lifted = tag_lift(c.rule, packset, p, **_situation(c, as_declared))
    if lifted:
        return lifted
    if not as_declared and _idle_widening(c):
        return BEFORE_SCOPING if getattr(c, "shaping", False) else "develop_relationship"
    return c.rule.serves if c.rule.serves in terms.SERVES else "unstated"


def _situation(c: Candidate, as_declared: bool = False) -> dict[str, bool]:
    """What the account's situation says of ``c`` for the lifts that hold only in one (``idle_only``, ``carried_only``,
    ``named_only``): none of them as the rule declares it (``as_declared``)."""
    return {"idle": c.idle and not as_declared, "carried": getattr(c, "carried", False) and not as_declared,
            "named": getattr(c, "named", False) and not as_declared,
            "shaping": getattr(c, "shaping", False) and not as_declared}


def _lifts(packset) -> dict:
    """The pack set's tag → level lifts (none for a stand-in holding only params, as the ordering tests pass)."""
    return getattr(packset, "tag_levels", None) or {}


def _applying(rule: Rule, packset: PackSet, idle: bool, carried: bool = False, named: bool = False,
              shaping: bool = False) -> list:
    """The tag_levels lifts that hold for ``rule`` here: a tag of its, its serves named, an ``idle_only`` lift
    only at an account with nothing open to decide, a ``carried_only`` lift only where the people we know carry the
    decision (outcomes.decision_carried), a ``named_only`` lift only for an action about someone never met whom the
    recent notes name (Candidate.named), a ``not_while_shaping`` lift not where the only open business is a need still
    being shaped (Candidate.shaping: nothing is proposed yet that would depend on it)."""
    return [lift for tag, lift in sorted(_lifts(packset).items())
            if tag in rule.tags and rule.serves in lift.serves and (idle or not getattr(lift, "idle_only", False))
            and (carried or not getattr(lift, "carried_only", False))
            and (named or not getattr(lift, "named_only", False))
            and not (shaping and getattr(lift, "not_while_shaping", False))]


def tag_lift(rule: Rule, packset: PackSet, p: dict[str, int], idle: bool = False,
             carried: bool = False, named: bool = False, shaping: bool = False) -> Optional[str]:
    """The level a tag of ``rule`` lifts it to (``tag_levels:`` of the packs, for a rule whose serves the lift names;
    an ``idle_only`` lift only where ``idle``, a ``named_only`` one only where ``named``), the highest when two do
    (then the level name, so the choice never depends on the tags' order); None if none."""
    got = [(p.get(level_param(lift.level), 0), lift.level)
           for lift in _applying(rule, packset, idle, carried, named, shaping)]
    return max(got)[1] if got else None


def _idle_widening(c: Candidate) -> bool:
    """A blocker is one on the path to a decision (COACHING.md §3). At an account in maintenance with nothing open
    to decide (``Candidate.idle``), meeting an unmet decider or widening beyond one thread develops the relationship
    (higher, wider) — it no longer outranks the relationship work the account itself asks for. A live objection still
    waits for its answer (issue 22, session 4: a steady hotel group, a quiet adhesives account). Where the only open
    business is a need still being shaped (``Candidate.shaping``) it ranks at BEFORE_SCOPING."""
    return c.idle and c.rule.serves == "unblock" and not _objection(c)


def _declared(c: Candidate, packset: PackSet, p: dict[str, int]) -> int:
    """The serves part the rule's own declaration gives (before an idle account lowers an unblock)."""
    return p[level_param(serves_level(c, packset, p, as_declared=True))]


def _serves_here(rule: Rule, level: str, packset: Optional[PackSet] = None) -> Optional[str]:
    """What an action serves on this account: its rule's declaration, unless its level says otherwise (an unblock
    rule at an account with nothing to decide serves the relationship there — at develop_relationship, or at a level
    an idle-only or carried-only lift of the packs placed it: widening a single thread to the people known but never
    met, or beyond the met decider where the people we know carry the decision)."""
    if rule.serves != "unblock":
        return rule.serves
    if level in ("develop_relationship", BEFORE_SCOPING):
        return "develop_relationship"
    idle_levels = {t.level for t in _lifts(packset).values()
                   if getattr(t, "idle_only", False) or getattr(t, "carried_only", False)} if packset else set()
    return "develop_relationship" if level in idle_levels else rule.serves


def serves_part(c: Candidate, packset: PackSet, p: dict[str, int] | None = None) -> int:
    p = p or params(packset)
    return p[level_param(serves_level(c, packset, p))]


def score(c: Candidate, packset: PackSet) -> int:
    return sum(score_parts(c, packset).values())


_UNDATED = 10 ** 6  # an action resting on standing facts only ranks after any dated evidence on equal scores


def _tie(c) -> tuple:
    """What decides between actions of one level and one score before the rule id (issue 22, session 6): the fresher
    evidence (days since the freshest dated fact the firing bound — what the account said or did lately), then the
    one due sooner, then the one about someone the recent notes name. A stand-in candidate (tests) lacks them."""
    days = getattr(c, "evidence_days", None)
    return (_UNDATED if days is None else days, getattr(c, "due_offset", 0), not getattr(c, "named", False))


class _Entry:
    """A candidate on its way to becoming an action (its parts, hence its score, are fixed)."""

    __slots__ = ("c", "parts", "score", "merged", "variant", "_order", "kept", "content", "topic", "also", "held",
                 "level")

    def __init__(self, c: Candidate, parts: dict[str, int], variant: Optional[str] = None):
        self.c, self.parts, self.variant = c, parts, variant
        self.score = sum(parts.values())
        self.merged: list[Candidate] = []
        # a promise and a rule doing what it promised, merged (_merge_topics): the promise kept, the rule's content, and
        # the topic they share; None otherwise
        self.kept: Optional[Candidate] = None
        self.content: Optional[Candidate] = None
        self.topic: Optional[str] = None
        self.also: list[str] = []  # further objections of the same person the same rule answers (_merge_same_answers)
        # a promise of ours that waits for this action (_hold_promises), and the level it lent it; None otherwise
        self.held: Optional[Candidate] = None
        self.level: Optional[str] = None
        self._order = (-parts.get("serves", 0), -self.score) + _tie(c) + (c.rule.id, c.target)

    def order(self) -> tuple:
        return self._order


def _apply_suppressions(candidates: list[Candidate], suppressions: list[Suppression], out: Ranking
                        ) -> list[tuple[Candidate, Optional[str]]]:
    kept: list[tuple[Candidate, Optional[str]]] = []
    for c in candidates:
        if c.withheld:  # about a contact who has left (outcomes.recommendations): listed, with why, never ranked
            out.suppressed.append(Suppressed(rule=c.rule.id, contact=c.contact, what=c.what, reason=c.withheld,
                                             by_rule=DEPARTED))
            continue
        tags = rule_tags(c.rule) if suppressions else frozenset()
        by = next((s for s in suppressions if s.covers(c.rule, tags)), None)
        if by is None:
            kept.append((c, None))
            continue
        r = c.rule
        safe_tags = set(r.tags) | set(r.safe_word_tags)
        if c.safe and not any(s.covers(r, safe_tags) for s in suppressions):
            # the policy removes only the optional gift element: say the same thing without it
            # every other field (the promise it keeps, a firm date) carries over unchanged
            kept.append((dataclasses.replace(c, what=c.safe["what"], why=c.safe["why"]), "policy-safe"))
            continue
        out.suppressed.append(Suppressed(rule=r.id, contact=c.contact, what=c.what, reason=by.reason, by_rule=by.rule.id))
    unique = {(s.rule, s.contact or ""): s for s in reversed(out.suppressed)}  # one entry per rule and contact
    out.suppressed = [unique[k] for k in sorted(unique)]
    return kept


def _precedence(e: _Entry, packset: PackSet) -> tuple:
    """Sort key, first = the one that stands among contradicting actions: a due promise, then the
    more specific pack (an industry pack over core), then the rule's priority, then the score,
    then the rule id and target (so the choice never depends on the engine's order)."""
    return (not is_due_promise(e.c, packset), -packset.depth(e.c.rule.pack), -e.c.rule.priority, -e.score,
            e.c.rule.id, e.c.target)


def _why_wins(w: _Entry, l: _Entry, packset: PackSet) -> str:
    if is_due_promise(w.c, packset) != is_due_promise(l.c, packset):
        return "keeps a promise that is due"
    if packset.depth(w.c.rule.pack) != packset.depth(l.c.rule.pack):
        return f"pack {w.c.rule.pack} is more specific than {l.c.rule.pack}"
    if w.c.rule.priority != l.c.rule.priority:
        return f"higher priority ({w.c.rule.priority} over {l.c.rule.priority})"
    return f"higher score ({w.score} over {l.score})"


def _objection(c: Candidate) -> str:
    """The objection an action answers ("" if none): one buyer's several objections each get an answer."""
    return next((k for k in c.keys if k.startswith("answer objection")), "")


_ONE_PER_FACT = {"promise", "deal"}  # two promises to one person are two things to keep, not one


def _own_fact(c: Candidate) -> str:
    """For a rule about a promise or a deal, the firing itself: each such fact keeps its own action."""
    return "|".join(map(str, c.key)) if c.rule.subject in _ONE_PER_FACT else ""


def _intent_groups(entries: list[_Entry]) -> list[list[_Entry]]:
    """Entries linked by a shared intent key (transitively), each group in rank order."""
    parent = list(range(len(entries)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, e in enumerate(entries):
        for k in e.c.keys:
            if k in first:
                parent[root(i)] = root(first[k])
            else:
                first[k] = i
    groups: dict[int, list[_Entry]] = {}
    for i, e in enumerate(entries):
        groups.setdefault(root(i), []).append(e)
    return [sorted(g, key=_Entry.order) for _, g in sorted(groups.items())]


def _resolve_intents(entries: list[_Entry], packset: PackSet, out: Ranking) -> list[_Entry]:
    """One action per intent: merge the compatible, settle the contradictions by precedence."""
    result: list[_Entry] = []
    for group in _intent_groups(sorted(entries, key=_Entry.order)):
        approaches = {e.c.approach for e in group if e.c.approach}
        if len(approaches) > 1:
            winner = min((e for e in group if e.c.approach), key=lambda e: _precedence(e, packset))
            for loser in [e for e in group if e.c.approach not in (None, winner.c.approach)]:
                shared = next((k for k in loser.c.keys if k in winner.c.keys), winner.c.intent)
                out.superseded.append(Superseded(
                    rule=loser.c.rule.id, contact=loser.c.contact, group=f"intent: {shared}",
                    by_rule=winner.c.rule.id,
                    reason=f"contradicts {winner.c.rule.id} on {shared} ({loser.c.approach} vs "
                           f"{winner.c.approach}): {_why_wins(winner, loser, packset)}"))
            group = [e for e in group if e.c.approach in (None, winner.c.approach)]
        head = group[0]
        head.merged = [e.c for e in group[1:]]
        result.append(head)
    return result


def _merge_topics(entries: list[_Entry], packset: Optional[PackSet] = None,
                  p: Optional[dict[str, int]] = None) -> list[_Entry]:
    """A promise and a rule doing the very thing it promised for the same person are one action (COACHING.md: no two
    actions say the same thing). The rep promised "propose a reference visit"; a rule answers the same buyer with the
    reference on file, its figures and its consent: a coach lists one item — at the place of the stronger of the two
    (a promise due ranks first), with the earlier date, in the specific rule's words, saying which promise it keeps.
    What a deed is comes from pack data: the rule's ``topic:`` and the promise's topics read from its words
    (accounts/topics.py). Going down the ranked list, each item takes in the first lower item that matches it; an
    item is taken once. A promise to come back with an answer to a demand (topic ``answer``) defers the demand and
    does not lower it: the one action ranks at the higher of the promise's level and the level the answer's rule
    declares (``_deferred_demand``)."""
    entries = sorted(entries, key=_Entry.order)
    taken: set[int] = set()
    out: list[_Entry] = []
    for i, e in enumerate(entries):
        if id(e) in taken:
            continue
        out.append(e)
        if not e.c.target or not (e.c.rule.topic or (e.c.promised and e.c.topics)):
            continue
        for o in entries[i + 1:]:
            if id(o) in taken or o.c.target != e.c.target or bool(o.c.promised) == bool(e.c.promised):
                continue
            promise, deed = (e, o) if e.c.promised else (o, e)
            if deed.c.rule.topic and deed.c.rule.topic in promise.c.topics:
                taken.add(id(o))
                e.kept, e.content, e.topic = promise.c, deed.c, deed.c.rule.topic
                e.merged = e.merged + [o.c] + o.merged
                if packset is not None and e.topic == DEFERRED_TOPIC:
                    _deferred_demand(e, promise, deed, packset, p or params(packset))
                break
    return out


# the topic of a promise to come back with an answer to a demand the rep could not grant on the spot (terms.TOPICS)
DEFERRED_TOPIC = "answer"


def _deferred_demand(e: _Entry, promise: _Entry, deed: _Entry, packset: PackSet, p: dict[str, int]) -> None:
    """A promise to come back with an answer ("I'll reply on exclusivity after head office", "春节前答复独家的事") merged
    with the rule saying what the answer must be (session 15, issue 23). The promise defers the demand; it does not
    answer it. While the promise stands the demand reads as not live (accounts/liveness.py: the promise is the live
    work) and its answer ranked at the past-objection level; merged, the one action carries the demand's weight: it
    ranks at the level the answer's rule declares (a dealer's exclusivity demand: with the account's own problems)
    when that is above the promise's level — a follow-up due in ten days does not rank the dealer's condition on his
    business with us below a checklist of the deal's next steps."""
    level = serves_level(deed.c, packset, p, as_declared=True)
    value = p.get(level_param(level), 0)
    if value <= e.parts.get("serves", 0):
        return
    # the answer's own parts at its declared level; a promise due or dated this week keeps its weight within it
    e.parts = {**deed.parts, "serves": value, **({"promise": promise.parts["promise"]} if "promise" in promise.parts
                                                  else {})}
    e.score = sum(e.parts.values())
    e._order = (-value, -e.score) + e._order[2:]
    e.level = level


def _hold_promises(entries: list[_Entry], packset: PackSet, p: dict[str, int]) -> list[_Entry]:
    """A promise whose deed a rule says must wait (its ``holds:``) is kept after that rule's action, as one action
    (issue 23, session 11). The rep promised "the quote by Friday"; the deal is a project the dealer must pre-finance,
    or its needs were never asked: a coach does not let the promise outrank the step that earns the quote — "before the
    quote you promised, check his money and his brand contract" — nor lets it vanish. The rule's action takes the
    place of the higher of the two, in the rule's words, saying that
    the promised deed waits for it. What waits is pack data: the rule's ``holds:`` and the promise's topics read from its
    words (accounts/topics.py). Whoever it was promised to: the quote promised to the projects engineer waits for the
    boss's money check all the same. Each promise waits for the first such action above or below it; a
    promise due now or overdue waits for nothing (it ranks first, COACHING.md)."""
    entries = sorted(entries, key=_Entry.order)
    taken: set[int] = set()
    for g in entries:
        holds = getattr(g.c.rule, "holds", ())
        if not holds or id(g) in taken or g.content is not None or g.c.promised or not g.c.target:
            continue
        for o in entries:
            # a promise due now or overdue is kept first, whatever waits (COACHING.md: due promises first)
            if (id(o) in taken or o is g or not o.c.promised or o.content is not None
                    or not set(holds) & set(o.c.topics) or is_due_promise(o.c, packset, p)):
                continue
            taken.add(id(o))
            g.held, g.topic = o.c, next(t for t in holds if t in o.c.topics)
            if o.order() < g.order():  # the promise stood higher: its place, its level
                g.parts, g.score = dict(o.parts), o.score
                g._order = o._order[:2] + g._order[2:]
                g.level = serves_level(o.c, packset, p)
            g.merged = g.merged + [o.c] + o.merged
            break
    return [e for e in entries if id(e) not in taken]


def _held_words(e: _Entry) -> tuple[dict[str, str], dict[str, str]]:
    """The words of an action a promise waits for (its own, then what waits: the promised deed, its date) and the
    trace's note (en, zh). The promise's own words are not repeated: "send the quote" is what must wait."""
    held, who = e.held, e.held.contact or e.held.target
    p = held.promised or {}
    en, zh = terms.TOPICS.get(e.topic or "", (e.topic, e.topic))
    en = en.split(" ", 1)[1] if en.startswith(("a ", "an ")) else en
    what = {"en": f"{e.c.what['en']} The {en} you promised {who} ({p.get('en', '')}) waits until this is done; if it "
                  f"cannot come by that date, tell {who} when it will.",
            "zh": f"{e.c.what['zh']}答应给{who}的{zh}({p.get('zh', '')})等这件事做完再给;赶不上日期,就主动告诉{who}什么时候给。"}
    note = {"en": f"one action: the promise “{p.get('what', '')}” ({held.rule.id}) waits for {e.c.rule.id}, which holds "
                  f"{en} (topic {e.topic}); ranked at the higher of the two, in {e.c.rule.id}'s words",
            "zh": f"合并为一项:承诺“{p.get('what', '')}”({held.rule.id})要等{e.c.rule.id}做完({zh},主题 {e.topic});"
                  f"按两者中较高的位置排序,用{e.c.rule.id}的内容"}
    return what, note


def _merge_same_answers(entries: list[_Entry]) -> list[_Entry]:
    """One rule answering two objections of the same person says the same deed twice ("don't answer it head-on — ask
    further questions" for each of a buyer's two unclassified remarks; one territory answer for his exclusivity demand
    and for his complaint about undercutting): a coach has one conversation, so they are one action — the higher one,
    its words naming the other objection too. Different rules answering one person's objections stay apart (each
    objection its own answer), and so do actions about different people."""
    entries = sorted(entries, key=_Entry.order)
    first: dict[tuple, _Entry] = {}
    out: list[_Entry] = []
    for e in entries:
        answer = _objection(e.c)
        slot = (e.c.rule.id, e.c.target)
        if answer and e.c.target and e.content is None and slot in first:
            head = first[slot]
            head.also.append(answer[len("answer objection "):])
            head.merged = head.merged + [e.c] + e.merged
            continue
        if answer and e.c.target and e.content is None:
            first.setdefault(slot, e)
        out.append(e)
    return out


def _merge_words(e: _Entry) -> tuple[dict[str, str], dict[str, str]]:
    """The merged action's words (its what: the promise it keeps, then the specific rule's deed) and the trace's note
    on what was merged and why (en, zh)."""
    kept, content = e.kept, e.content
    who = kept.contact or kept.target
    p = kept.promised or {}
    what = {"en": f"Keep your promise to {who} — “{p.get('what', '')}” ({p.get('en', '')}) — and make it this: "
                  f"{content.what['en']}",
            "zh": f"兑现对{who}的承诺——“{p.get('what', '')}”({p.get('zh', '')})——具体这样做:{content.what['zh']}"}
    label = terms.TOPICS.get(e.topic or "", (e.topic, e.topic))
    note = {"en": f"one action: the promise “{p.get('what', '')}” ({kept.rule.id}) and {content.rule.id} both give "
                  f"{who} {label[0]} (topic {e.topic}); ranked as {e.c.rule.id}, in {content.rule.id}'s words",
            "zh": f"合并为一项:承诺“{p.get('what', '')}”({kept.rule.id})与{content.rule.id}都是给{who}{label[1]}"
                  f"(主题 {e.topic});按{e.c.rule.id}排序,用{content.rule.id}的内容"}
    return what, note


def _order(entries: list[_Entry], packset: PackSet) -> list[_Entry]:
    """By score; among equal scores a contact's actions beyond ``max_per_contact`` go after the
    others (variety never hides a different action that outranks what it keeps); then at most
    ``max_generic_top`` checklist items in the first ``top_n``."""
    p = params(packset)
    cap = p["max_per_contact"]
    picked: list[_Entry] = []
    seen: dict[str, int] = {}

    def over(e: _Entry) -> bool:
        return bool(e.c.contact) and cap > 0 and seen.get(e.c.contact, 0) >= cap

    # Each step takes the least (-serves, -score, over cap, rule id, target). A higher level or score
    # always comes first, so the choice is made within one (level, score) at a time: among equals (in
    # rule id and target order) the first not over its contact's cap, else the first (all are over).
    ordered = sorted(entries, key=_Entry.order)
    start = 0
    while start < len(ordered):
        end = start
        while end < len(ordered) and ordered[end].order()[:2] == ordered[start].order()[:2]:
            end += 1
        # one pass (a contact's count only grows, so an entry over its cap stays over): take each
        # entry not over its cap as it comes, then the ones that were, in order — the same choice
        # as "the first not over, else the first" at every step, in linear time (issue 20)
        held: list[_Entry] = []
        for e in ordered[start:end]:
            if over(e):
                held.append(e)
                continue
            if e.c.contact:
                seen[e.c.contact] = seen.get(e.c.contact, 0) + 1
            picked.append(e)
        for e in held:
            if e.c.contact:
                seen[e.c.contact] = seen.get(e.c.contact, 0) + 1
            picked.append(e)
        start = end
    capped = _cap_generic(picked, p["top_n"], p["max_generic_top"])
    # a checklist item held back by the cap may land below upkeep's first items; upkeep still goes last
    return [e for e in capped if not _upkeep(e)] + [e for e in capped if _upkeep(e)]


def _upkeep(e: _Entry) -> bool:
    return getattr(e.c.rule, "serves", None) == "upkeep" and "promise" not in e.parts


def _cap_generic(picked: list[_Entry], top_n: int, max_generic: int) -> list[_Entry]:
    """At most ``max_generic`` generic items in the top ``top_n``; the ones held back follow the top."""
    head: list[_Entry] = []
    deferred: list[_Entry] = []
    generic = 0
    taken = 0
    while taken < len(picked) and len(head) < top_n:
        e = picked[taken]
        taken += 1
        if e.c.rule.generic and generic >= max_generic:
            deferred.append(e)
            continue
        generic += e.c.rule.generic
        head.append(e)
    return head + deferred + picked[taken:]


# the levels of no rule's serves; a tag's level says itself (tag_levels: words, carried by the action: level_words)
_LEVEL_WORDS = {
    "due_promise": ("keeps a promise that is due", "兑现到期的承诺"),
    PROMISE_AHEAD: ("keeps a promise still weeks from its date (work in flight, with the opportunities)",
                    "兑现离期限还有数周的承诺(进行中的工作,与机会同列)"),
    PAST_OBJECTION: ("answers an objection that is no longer the live issue", "回应已不是当前要害的异议"),
    UNDECIDED_VOICE: ("answers a price or terms point from someone who cannot decide, while the decider is unmet",
                      "回应无权拍板的人提出的价格或条款问题(决策人尚未见过)"),
    EARN_FIRST: ("goes over a contact's head to someone higher — at a new account, after the live objection is answered",
                 "越过对接人去见更高层的人——新客户处,先回应未决的异议"),
    BEFORE_SCOPING: ("builds the path of a need still being shaped, before it is scoped (relationship work, ahead of "
                     "the opportunities)", "需求还在成形:在立项之前先把决策路径上的关系做好(关系工作,先于机会)"),
    "unstated": ("ranks with opportunities (its rule does not say what it serves)", "与机会同列(规则未写明作用)"),
}
_PART_WORDS = {"priority": ("priority", "优先级"), "urgency": ("urgency", "紧迫度"), "role": ("role", "角色"),
               "trigger": ("trigger", "触发事实"), "industry": ("industry pack", "行业规则包"),
               "promise": ("promise due or dated this week", "到期或本周到期的承诺"), "generic": ("checklist item", "清单项"),
               "named": ("unmet, named in recent notes", "未见过、近期记录中提到")}


def _level_words(level: str, lang: str, words: Optional[dict] = None) -> str:
    if words and level in words:
        return words[level][lang]
    if level in _LEVEL_WORDS:
        return _LEVEL_WORDS[level][lang == "zh"]
    return terms.label(terms.SERVES, level, lang)


def level_words(level: str, packset: PackSet, c: Optional[Candidate] = None) -> Optional[dict[str, str]]:
    """What a level a tag lifts to says in the trace (its ``tag_levels:`` words, en and zh); None for the others.
    With the candidate, the words of the lift that placed it there — a lift to a plain level (a timing objection's
    answer ranked with the relationship at an idle account) says why, and that level's other actions say nothing."""
    if c is not None:
        lift = next((t for t in _applying(c.rule, packset, **_situation(c)) if t.level == level), None)
    else:
        lift = next((t for _, t in sorted(_lifts(packset).items()) if t.level == level
                     and not getattr(t, "idle_only", False) and not getattr(t, "carried_only", False)
                     and not getattr(t, "named_only", False)), None)
    return {"en": lift.words.en, "zh": lift.words.zh} if lift else None


def why_above(upper_parts: dict[str, int], lower_parts: dict[str, int], upper_level: str,
              lower_level: str, words: Optional[dict] = None, tie: Optional[dict] = None) -> dict[str, str]:
    """In words, why an action with ``upper_parts`` ranks above one with ``lower_parts``: what it
    serves, else the parts of the score that differ most, else the tie-break (a contact's third action
    goes later; then rule id). ``words``: level → {en, zh} for the levels the packs' tags add; ``tie``: the
    tie-breaks on equal scores, each as (upper, lower) — "fresh" (evidence days), "due" (days), "named"."""
    up, low = sum(upper_parts.values()), sum(lower_parts.values())
    out = {}
    for lang in ("en", "zh"):
        zh = lang == "zh"
        if upper_parts.get("serves", 0) != lower_parts.get("serves", 0):
            a, b = _level_words(upper_level, lang, words), _level_words(lower_level, lang, words)
            out[lang] = f"{a},先于{b}" if zh else f"{a} before {b}"
            continue
        if up != low:
            keys = set(upper_parts) | set(lower_parts)
            diffs = sorted(((upper_parts.get(k, 0) - lower_parts.get(k, 0), k) for k in keys
                            if k != "serves" and upper_parts.get(k, 0) != lower_parts.get(k, 0)), key=lambda d: (-d[0], d[1]))
            shown = ", ".join(f"{_PART_WORDS.get(k, (k, k))[zh]} {upper_parts.get(k, 0)} vs {lower_parts.get(k, 0)}"
                              for d, k in diffs if d > 0) or "—"
            out[lang] = (f"同为{_level_words(upper_level, lang, words)},得分更高({up} 对 {low}):{shown}" if zh else
                         f"both {_level_words(upper_level, lang, words)}; higher score ({up} over {low}): {shown}")
            continue
        out[lang] = _tie_words(tie, zh)
    return out


def _tie_words(tie: Optional[dict], zh: bool) -> str:
    """Which tie-break put the upper of two equal-scored actions first (``tie``: "fresh", "due", "named" → (upper,
    lower)), in words — the first that differs, as _tie orders them; the contact cap and the rule id otherwise (also
    where the cap put a less fresh action first)."""
    tie = tie or {}
    fresh, due, named = tie.get("fresh") or (None, None), tie.get("due") or (0, 0), tie.get("named") or (False, False)
    key = [tuple(_UNDATED if d is None else d for d in fresh), tuple(due), tuple(not n for n in named)]
    first = next((i for i, (u, low) in enumerate(key) if u != low), None)
    if first is not None and key[first][0] < key[first][1]:
        if first == 0:
            up, low = fresh
            if low is None:
                return (f"得分相同;依据更新({up}天前的事实;另一项只依据常设事实)" if zh else
                        f"equal score; fresher evidence ({up} days old; the other rests on standing facts)")
            return (f"得分相同;依据更新(分别为{up}天前与{low}天前)" if zh else
                    f"equal score; fresher evidence ({up} days old vs {low})")
        if first == 1:
            return (f"得分相同;到期更早({due[0]}天内与{due[1]}天内)" if zh else
                    f"equal score; due sooner (in {due[0]} days vs {due[1]})")
        return "得分相同;近期记录提到此人" if zh else "equal score; the recent notes name this person"
    return ("得分相同;同一联系人的第三项行动起排后,其余按规则编号" if zh else
            "equal score; a contact's third action goes later, then rule id order")


def explain_order(actions: list[Action]) -> None:
    """Set each action's ``above_next`` (why it ranks above the one after it); the last has none.
    Called again whenever a list is re-ranked (feedback hides actions)."""
    for upper, lower in zip(actions, actions[1:]):
        words = {a.level: a.level_words for a in (lower, upper) if a.level_words}  # each action's own words
        if upper.level == lower.level and upper.level_words != lower.level_words:
            # one level, reached two ways (a "not now" an idle account's lift placed beside plain relationship work):
            # "both" says the level's own words, not one action's reason for being there
            words.pop(upper.level, None)
        tie = {"fresh": (upper.evidence_days, lower.evidence_days), "due": (upper.due_offset, lower.due_offset),
               "named": (upper.named, lower.named)}
        upper.above_next = why_above(upper.score_parts, lower.score_parts, upper.level, lower.level, words, tie)
    if actions:
        actions[-1].above_next = None


def rank(candidates: list[Candidate], suppressions: list[Suppression], packset: PackSet,
         as_of: dt.date) -> Ranking:
    out = Ranking()
    suppressions = sorted(suppressions, key=lambda s: s.rule.id)
    kept = _apply_suppressions(candidates, suppressions, out)

    p = params(packset)
    best: dict[tuple, _Entry] = {}
    for c, variant in kept:
        e = _Entry(c, score_parts(c, packset, p), variant=variant)
        key = (c.rule.id, c.target, _objection(c) or _own_fact(c))
        if key not in best or (e.score, -c.due_offset) > (best[key].score, -best[key].c.due_offset):
            best[key] = e
    scored = sorted(best.values(), key=_Entry.order)

    # exclusive groups: per target, only the best-scoring rule of a group speaks — judged at the level each rule
    # declares: an unblock action ranked as relationship work at an idle account (serves_level) is still the better
    # way to the same person than a rule declared lower (a first meeting through an introduction over a cold call)
    winners: dict[tuple, str] = {}
    survivors: list[_Entry] = []
    for e in sorted(scored, key=lambda e: (-_declared(e.c, packset, p), -(e.score - e.parts.get("serves", 0))) + e.order()[2:]):
        g = e.c.rule.group
        if g:
            slot = (g, e.c.target, _objection(e.c))  # per objection: three objections, three answers
            if slot in winners and winners[slot] != e.c.rule.id:
                out.superseded.append(Superseded(rule=e.c.rule.id, contact=e.c.contact, group=g, by_rule=winners[slot]))
                continue
            winners.setdefault(slot, e.c.rule.id)
        survivors.append(e)

    ordered = _order(_merge_same_answers(_hold_promises(_merge_topics(_resolve_intents(survivors, packset, out),
                                                                      packset, p), packset, p)), packset)
    levels = [e.level or serves_level(e.c, packset, p) for e in ordered]
    for i, e in enumerate(ordered, start=1):
        c, r = e.c, e.c.rule
        source = list(r.source)
        for m in e.merged:
            source += [s for s in m.rule.source if s not in source]
        # the earliest commitment among the merged actions sets the date
        due_offset = min([c.due_offset] + [m.due_offset for m in e.merged])
        what, why, serves, merge_note, item = c.what, c.why, _serves_here(r, levels[i - 1], packset), None, c.item
        if e.content is not None:  # a promise and the rule doing it: the rule's deed, the promise's words around it
            what, merge_note = _merge_words(e)
            why, item = e.content.why, e.kept.item
            serves = e.content.rule.serves if e.content is not c else serves
        if e.held is not None:  # a promise that waits for this action: its words say so, the promise is its key
            what, merge_note = _held_words(e)
            item = e.held.item
        if e.also:  # the same answer to another objection of the same person: one conversation
            quotes_en, quotes_zh = " and ".join(e.also), "、".join(e.also)
            what = {"en": f"{what['en']} The same answer goes for {quotes_en}: one conversation answers both.",
                    "zh": f"{what['zh']}{quotes_zh}也照此回应:一次谈话一并解决。"}
        out.actions.append(Action(rank=i, rule=r.id, pack=r.pack, family=r.family,
                                  title={"en": r.title.en, "zh": r.title.zh}, contact=c.contact, roles=c.roles,
                                  role_label=c.role_label, what=what, why=why,
                                  by=due_date(as_of, due_offset), due_offset=due_offset, source=source,
                                  basis=r.basis, score=e.score, tags=r.tags, group=r.group,
                                  score_parts=dict(e.parts), intent=c.intent,
                                  merged_rules=[r.id] + [m.rule.id for m in e.merged],
                                  promise=r.promise or any(m.rule.promise for m in e.merged),
                                  generic=r.generic, variant=e.variant, serves=serves, level=levels[i - 1],
                                  promise_key=item, evidence_days=c.evidence_days, named=c.named, merge_note=merge_note,
                                  level_words=c.not_live if levels[i - 1] == PAST_OBJECTION
                                  # a deferred demand ranks at its answer's level: the answer's words (_deferred_demand)
                                  else level_words(levels[i - 1], packset,
                                                   e.content if e.content is not None and e.level else c)))
    _say_what_waits(out.actions)
    explain_order(out.actions)
    out.superseded.sort(key=lambda x: (x.rule, x.contact or ""))
    return out


# a rule tagged this clears what the account's facts say must come first (a know-your-customer review after an ownership
# change, a hold): its level (tag_levels) ranks it before every opportunity, and the opportunities say they wait for it
PRECONDITION_TAG = "precondition"
# … and so does the check of a dealer's money and main brand's contract (tag dealer-money, session 17): a stocking
# order, a tender or a target proposed to the dealer depends on that money
WAIT_FOR_TAGS = (PRECONDITION_TAG, "dealer-money")


def _say_what_waits(actions: list[Action]) -> None:
    """While an action clearing a precondition is on the list, every action that depends on it — an opportunity to
    pursue, an internal step of ours (a filing, an approval) — says that it waits, naming what it waits for (session 9,
    issue 22: "the credit increase waits until the KYC is redone"). The order already puts the clearing action first
    (its level); the words keep the rep from doing the dependent step first anyway."""
    def clears(a: Action) -> bool:
        return any(t in a.tags for t in WAIT_FOR_TAGS)
    first = next((a for a in actions if clears(a)), None)
    if first is None:
        return
    for a in actions:
        if a is first or clears(a):
            continue
        if a.serves == "pursue_opportunity" or "internal-step" in a.tags:
            a.what = {"en": f"{a.what['en']} This waits until “{first.title['en']}” is done.",
                      "zh": f"{a.what['zh']}此事须等“{first.title['zh']}”完成之后。"}
