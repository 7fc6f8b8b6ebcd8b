"""Rule packs: the schema, the loader, and layering (a pack extends another).

A pack is a folder ``rules/<name>/`` with ``pack.yaml`` (name, version,
description, extends, parameters, derived fact kinds, disabled rules) and any
number of ``*.yaml`` rule files holding ``rules: [...]``. Test cases live in
``rules/<name>/tests/``. Everything is data read with a safe YAML loader:
no field is ever executed, imported or eval'd.

Loading checks each rule completely — schema, fact paths, operators, value
types, parameters, text in both languages, citations — so a broken pack fails
at load with file:line:col, never later during advice.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Optional, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from . import conditions as cnd
from . import packcache
from ..reading import cues as recog
from ..reading.reader import Reader
from .giftwords import tags_of
from ..accounts import openingmodel, situationmodel, terms, wordlists
from ..accounts.account import allowed_fields
from ..files.errors import AdvisorError, choice_hint
from ..accounts.facts import CATALOG
from ..files.yamlio import Locations, load_yaml_file, load_yaml_text, pydantic_error, read_text
from .packpath import PackPath, as_pack_path

RULE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+$")
PACK_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# {kind.field} or {kind.field:pct} (0.25 → +25%) inside action texts
PLACEHOLDER = re.compile(r"\{([a-z_]+)\.([a-z_]+)(?::(pct))?\}")
DEFAULT_ROLE_WEIGHT = 3


class Strict(BaseModel):
    # built on first use, not on import: `advisor pack list` and --help never pay for it (issue 13)
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Text(Strict):
    """A sentence in both languages; both are required (users work in en and zh)."""

    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


class ParamRef(Strict):
    param: str


MAX_DUE_DAYS = 3650  # ten years: due dates stay far inside what date arithmetic can hold
DueDays = Annotated[int, Field(ge=0, le=MAX_DUE_DAYS)]
IntOrParam = Union[DueDays, ParamRef]


class Variant(Strict):
    """The same action without its optional gift / entertainment element (chosen under a policy)."""

    what: Text
    why: Optional[Text] = None


class Recommend(Strict):
    # subject | account | lead (the most senior contact met) | decider (who decides: accounts/actors.decider — for an
    # action about why the business moves, what to decide or whom to back) | latest (the contact met most recently:
    # the one the rep deals with now — who hears the policy first) | role:<role> | met:<role>[,<role>…] (the first
    # role's holders we have met; all unmet: the met holders of the next role listed, else the lead — a step worked out
    # with the contacts we have, never asked of a stranger; nobody holding the first role: as role:<role>)
    who: str = "subject"
    what: Text
    why: Text
    policy_safe: Optional[Variant] = None  # used instead when a customer policy bans the gift element
    due_days: IntOrParam = 7
    due_minus: Optional[str] = None  # a fact path subtracted from due_days (e.g. visit.days_ago)

    @field_validator("who")
    @classmethod
    def _who(cls, v):
        if v in ("subject", "account", "lead", "decider", "latest"):
            return v
        if v.startswith("role:") and v[5:] in terms.ROLES:
            return v
        roles = v[4:].split(",") if v.startswith("met:") else []
        if roles and all(r in terms.ROLES for r in roles):
            return v
        wrong = next((r for r in roles if r not in terms.ROLES), v.removeprefix("role:"))
        raise ValueError(f"who '{v}' must be subject, account, lead, decider, latest, role:<role> or "
                         f"met:<role>[,<role>…] — " + choice_hint(wrong, terms.ROLES))


class Derive(Strict):
    kind: str
    set: dict[str, Any] = Field(default_factory=dict)  # value, or {fact: kind.field} to copy


class Suppress(Strict):
    tags: list[str] = Field(default_factory=list)
    except_tags: list[str] = Field(default_factory=list)  # suppress everything except these
    rules: list[str] = Field(default_factory=list)
    reason: Text

    @model_validator(mode="after")
    def _something(self):
        if not (self.tags or self.except_tags or self.rules):
            raise ValueError("suppress needs tags, except_tags or rules")
        return self


class Then(Strict):
    recommend: Optional[Recommend] = None
    derive: Optional[Derive] = None
    suppress: Optional[Suppress] = None

    @model_validator(mode="after")
    def _exactly_one(self):
        given = [k for k in ("recommend", "derive", "suppress") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("'then' needs exactly one of recommend, derive, suppress")
        return self

    @property
    def action(self) -> str:
        return "recommend" if self.recommend else "derive" if self.derive else "suppress"


class Override(Strict):
    reason: str = Field(min_length=1)


class Intent(Strict):
    """What an action aims at, and how; equal aims merge, different approaches to one aim contradict."""

    aim: str = Field(min_length=1)  # a template: "meet {contact.name}", "answer {target}"
    approach: Optional[str] = None
    also: list[str] = Field(default_factory=list)  # further aims it serves (merges with those too)


class Coaching(Strict):
    """How the ranking treats a rule's actions (on the rule, or in pack.yaml ``annotate:``)."""

    intent: Optional[Union[str, Intent]] = None
    promise: bool = False  # keeps a commitment made by the customer or the rep
    generic: bool = False  # a checklist item, true of almost any account at that step
    serves: Optional[str] = None  # what the action answers (accounts.terms.SERVES): keep_promise, fix_problem, …
    topic: Optional[str] = None  # what the action hands over or shows (accounts.terms.TOPICS)
    policy_safe: Optional[Variant] = None  # only in annotate: a variant for a rule in a file owned elsewhere


class RuleSpec(Strict):
    id: str
    family: str
    title: Text
    for_: str = Field("account", alias="for")
    priority: int = Field(50, ge=0, le=100)
    when: Any = None
    then: Then
    source: list[str] = Field(default_factory=list)
    basis: Literal["seed", "derived"] = "seed"
    tags: list[str] = Field(default_factory=list)
    group: Optional[str] = None
    override: Optional[Override] = None
    intent: Optional[Union[str, Intent]] = None
    promise: bool = False
    generic: bool = False
    serves: Optional[str] = None  # what the action answers (accounts.terms.SERVES)
    topic: Optional[str] = None  # what it hands over or shows (accounts.terms.TOPICS): one action with a promise of it
    # what must wait for this action (accounts.terms.TOPICS): a promise of ours to hand over one of these at the account
    # (to whomever it was made) is kept after it, as one action (evaluation/rank.py _hold_promises)
    holds: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id(cls, v):
        if not RULE_ID.match(v):
            raise ValueError(f"rule id '{v}' must be dotted lower-case words, e.g. core.roles.decider-not-met")
        return v

    @field_validator("source", mode="before")
    @classmethod
    def _source(cls, v):
        return [v] if isinstance(v, str) else v

    @model_validator(mode="after")
    def _cited(self):
        if self.basis == "seed" and not self.source:
            raise ValueError("a rule needs 'source: <seed file> · <section>' or 'basis: derived'")
        return self


class RuleFile(Strict):
    rules: list[dict] = Field(default_factory=list)
    recognise: Optional[dict] = None  # vocabularies matched in Python before the engine (reading/cues.py)


class ParamSpec(Strict):
    value: Union[bool, int, float, str]
    description: str = ""

    @field_validator("value")
    @classmethod
    def _engine_safe(cls, v):  # the value may reach the engine inside a condition (ENGINE-NOTES 13)
        problem = cnd.value_problem(v)
        if problem:
            raise ValueError(f"parameter value {problem} — use a plain number with at most 4 decimals")
        return v


class DerivedSpec(Strict):
    about: Literal["account", "contact", "subject"] = "subject"
    description: str = ""
    fields: dict[str, Literal["text", "number", "bool", "list"]]


class GiftWords(Strict):
    """Words that make an action's text a gift / incentive or an entertainment (PLAYBOOK §10)."""

    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)


class Words(Strict):
    """A vocabulary the advisor reads in the account's own text before the engine runs (``vocabulary:``
    in pack.yaml): English by whole word (a plural s/es included), Chinese by substring. Traditional
    characters are listed as written (zh_hant): a title or a deal name is matched as the rep wrote it."""

    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)
    zh_hant: list[str] = Field(default_factory=list)
    # read only as one half of a pair (wordlists.pair_finder: in one clause, in order, a few characters from a word
    # of the other half), so one Chinese character is a whole word here — 发 before 报价, 了 after it (pack lint)
    pair_part: bool = False
    # a named period (a vocabulary period_<name>: year-end, 尾牙, Christmas): when it falls — a month "MM", a day
    # "MM-DD" (every year), or a day "YYYY-MM-DD" of a period that moves (Ramadan, the lunar new year); the next one
    # on or after the day a text was written is the time it anchors (advisor/accounts/openings.py)
    on: list[str] = Field(default_factory=list)

    @field_validator("on")
    @classmethod
    def _on(cls, v):
        for when in v:
            if not PERIOD_ON.match(str(when)):
                raise ValueError(f"on: '{when}' is not a month, a day or a date — write \"MM\" (\"01\"), "
                                 f"\"MM-DD\" (\"12-25\") or \"YYYY-MM-DD\" (\"2027-02-06\")")
        return [str(w) for w in v]

    def merged(self, other: "Words") -> "Words":
        return Words(en=sorted(set(self.en) | set(other.en)), zh=sorted(set(self.zh) | set(other.zh)),
                     zh_hant=sorted(set(self.zh_hant) | set(other.zh_hant)), pair_part=self.pair_part or other.pair_part,
                     on=sorted(set(self.on) | set(other.on)))


PERIOD_ON = re.compile(r"^(?:\d{4}-)?(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?$")
PERIOD_PREFIX = "period_"  # a vocabulary named period_<name> is a named period with its date (Words.on)
# a vocabulary named situation_<kind> (phrases), situation_<kind>_thing + _state (a pair in one clause) or
# situation_<kind>_cleared (settled since) declares a situation the record describes — a kind is pack data, its rules
# read situation.type (advisor/accounts/situations.py; session 10)
SITUATION_PREFIX = "situation_"


# the vocabularies the fact builder reads (advisor/accounts/wordlists.py): tender — an opportunity or a
# deal bought by public tender; departed — a contact whose title says they have left; financing — a deal
# a dealer must advance the money for (垫资, advisor/accounts/financing.py); money_strain — a dealer's money strained
# (a bank line cut, payments slipping, 逾期: account.dealer_money_strain, the same module); money_checked_verb and
# money_checked_record — a verb of checking and a record of money in one clause: the dealer's money verified in
# words (account.dealer_money_verified, the same module), unless money_checked_undone stands beside them (a question,
# a plan: "看过没有?", "to be reviewed"); tender_under_way — a visit's note
# saying a tender's notice is out or its bid date is set (advisor/accounts/tenders.py); unnamed — a contact recorded
# by role only, its name unknown ("设备部经理(姓名不详)", "Plant manager (name TBD)"); price_not_the_point — an
# objection whose words say price is not the point ("it wasn't only the price": advisor/accounts/objectionguards.py);
# ownership_* — what the customer's name or the notes say it is (state-owned, public institution, foreign, private;
# a name ending in ownership_public_name: 局, council …), read where the account does not state it
# (advisor/accounts/inference.py); reference_demand — an objection asking to see a customer like them who did it
# (objection.asks_for_reference); needs_open — words saying the needs are not established yet
# (opportunity.needs_open, advisor/accounts/steps.py); value_criterion — what the buyer judges the purchase by beyond
# its price (lifetime, uptime, 寿命: objection.value_criterion, advisor/accounts/valuecase.py); value_failure — a
# product that failed early at the buyer's or a peer's site (老化, wore out), the same yardstick shown by a failure;
# exclusivity — a dealer's demand for exclusivity or a protected territory (advisor/accounts/exclusivity.py), and at a
# dealer exclusivity_sole before exclusivity_channel in one clause ("the only stockist", "只能我们一家");
# authority_change — a request to change who signs for the account or where its money goes (or authority_object and
# authority_verb in one clause: a seal, a signatory and a word for changing it), authority_verified —
# words saying it was verified (advisor/accounts/authority.py); arrived — a title saying its holder is new in the post
# (contact.successor_of); offer_ask, offer_thing, offer_handed, offer_undone — a buyer asking us to send a price, a
# quote or a proposal (objection.asks_for_offer, advisor/accounts/offerask.py), offer_figure and offer_figure_undone — a
# bare figure asked for ("just send me a number", "先给个价"), unless it counts something ("a number of"), the same
# module; price_not_yet — words telling us not to
# price yet ("先别急着报价": objection.holds_price, the same module); step_done — a note recording a
# visit's next step as done ("proposal sent 24 Nov": advisor/accounts/stepdone.py); commitment_given — a visit's note
# or next step saying the customer committed (a contract signed, an order placed: visit.commitment_recorded,
# advisor/accounts/commitment.py); rep_promised — a visit's note or next step saying the rep promised something
# (visit.rep_promised, advisor/accounts/reppromise.py); opportunity_<type> (subsidy, budget, renewal, expansion, new_project,
# competitor_trouble, and for budget, expansion and new_project a thing (_object) and what happens to it (_verb) in one
# clause) — an opening the account's own words describe, opportunity_off — words saying it is over or off,
# opportunity_deadline (a phrase, or _object and _verb, or _date and _lock in one clause) — a gate the customer sets for
# its suppliers, opportunity_event_intent — a word of intent or the future that, with a time anchor in its clause, makes
# a customer's own event, opportunity_event_ours — words making it our own plan or gesture, opportunity_event_recurring
# — a word making it recurring, opportunity_event_routine — a recurring payment, no event, opportunity_event_business —
# a word of buying, choosing, building or a supplier, without which an event is background, opportunity_gate — a step
# before the decision where the requirement is written: a specification, a study, a design freeze (opening.gate),
# opportunity_renewal_word — a sentence speaks of a renewal, which the learned reader leaves to the renewal words
# (advisor/accounts/openings.py); and
# period_<name> — a named period with the date it falls on (on:, advisor/accounts/anchors.py); result_doubt — a buyer's
# doubt that it will work, sell or pay back for him: read by rules themselves, as a mentions test naming the vocabulary
# (value: {vocabulary: result_doubt}; language/conditions.py), so one list serves every rule; business_moved — words
# saying the business has moved to another supplier, read with who moves it (objection.business_moved,
# advisor/accounts/movedaway.py); result_doubt is also read, with price_complaint (words about
# the price itself), for objection.proof_answers (advisor/accounts/objectionguards.py); channel_conflict — another
# dealer undercutting or taking customers in the objector's area, the reason a territory is demanded
# (objection.territory_grievance, advisor/accounts/exclusivity.py); offer_condition — words tying a past failure to
# what the next offer or order must hold (objection.offer_condition, advisor/accounts/offercondition.py); proof_asker
# and proof_result — a question word and a result word in one clause: the buyer asks who got the result
# (objection.result_question, advisor/accounts/objectionguards.py); peer_likeness and peer_use — a likeness to the buyer and
# a use or result in one clause: a peer asked for in words of its own (objection.asks_for_reference, accounts/facts.py)
# tender_no_contact — an open tender's rule against private contact with the evaluators while bids are open
# (account.tender_contact_barred, advisor/accounts/tenders.py)
VOCABULARIES = ("tender", "departed", "financing", "money_strain", "money_checked_verb", "money_checked_record", "money_checked_undone", "tender_under_way", "tender_no_contact", "unnamed", "price_not_the_point",
                "ownership_state_owned", "ownership_public_institution", "ownership_public_name", "ownership_foreign",
                "ownership_private", "reference_demand", "peer_likeness", "peer_use", "needs_open", "value_criterion",
                "value_failure", "exclusivity", "exclusivity_sole", "exclusivity_channel", "authority_change", "authority_object", "authority_verb",
                "authority_verified", "arrived", "arrived_dated", "meeting_booked", "offer_ask", "offer_thing", "offer_handed", "offer_undone", "offer_figure", "offer_figure_undone", "price_not_yet", "step_done",
                "commitment_given", "rep_promised",
                # complaint_settled: a complaint heard in a visit's note recorded settled after it (reading/heard.py)
                "complaint_settled",
                "opportunity_subsidy", "opportunity_budget", "opportunity_budget_object", "opportunity_budget_verb",
                "opportunity_renewal", "opportunity_expansion", "opportunity_expansion_object",
                "opportunity_expansion_verb", "opportunity_new_project", "opportunity_new_project_object",
                "opportunity_new_project_verb", "opportunity_competitor_trouble", "opportunity_competitor_trouble_object",
                "opportunity_off", "opportunity_trial", "opportunity_deadline", "opportunity_deadline_object", "opportunity_deadline_verb",
                "opportunity_deadline_date", "opportunity_deadline_lock", "opportunity_event_intent",
                "opportunity_event_ours", "opportunity_event_recurring", "opportunity_event_next_year",
                "opportunity_event_routine", "opportunity_event_business", "opportunity_event_usual", "opportunity_gate",
                "opportunity_renewal_word", "result_doubt", "business_moved",
                "price_complaint", "channel_conflict", "offer_condition", "proof_asker", "proof_result",
                # proof_see / proof_then / proof_see_undone: seeing it made the condition of going on
                # (objection.proof_condition, advisor/accounts/objectionguards.py; session 10)
                "proof_see", "proof_then", "proof_see_undone",
                # decline_cause_<kind>: a stated cause of falling sales, of each kind (accounts/declinecause.py);
                # decline_because: the words that join a decline to its cause
                "decline_because", "decline_words", *(f"decline_cause_{k}" for k in terms.DECLINE_CAUSES),
                # rhythm_buy: a word of buying, in a sentence stating how often the account buys (accounts/rhythm.py)
                "rhythm_buy", "rhythm_season",
                # unmet_people: the words saying the people after them were never met (accounts/unmetpeople.py)
                "unmet_people", "departed_done", "departed_verb",
                # former_post / former_post_not / current_post: a title headed "former" names no post held now
                # (contact.departed; accounts/formerpost.py)
                "former_post", "former_post_not", "former_post_title", "current_post",
                # actor_competitor: words naming a competitor; time_deferral: a window said to open later, not to close
                # now (accounts/actors.py: who acts in a sentence, and which time)
                "actor_competitor", "time_deferral", "actor_approves",
                # actor_our_target: our own sales target for a period — a sentence pushing for it is ours, never the
                # customer's window (accounts/actors.py; session 14)
                "actor_our_target",
                # step_internal / step_for_customer: a next step of ours that only moves things on our side is no
                # promise (accounts/internalstep.py); ownership_change / kyc_redone: a new owner on record, and the
                # customer identified again since (accounts/ownerchange.py)
                "step_internal", "step_for_customer", "ownership_change", "kyc_redone",
                # step_meeting / step_owes: a next step that only sets a meeting owes nothing yet (accounts/meetingset.py)
                "step_meeting", "step_owes",
                # step_on_track: a promise of ours the record shows on track before its date (accounts/ontrack.py)
                "step_on_track",
                # offer_price_move / offer_growth_pitch: read in the packs' own action texts by pack lint (offer-word),
                # for the closed offer tags (terms.OFFER_TAGS)
                "offer_price_move", "offer_growth_pitch",
                # credit_hold / purchase_freeze / hold_lifted: a hold on record (accounts/holds.py)
                "credit_hold", "purchase_freeze", "hold_lifted",
                # buy_constraint: the customer's own words against buying more (accounts/buyconstraint.py)
                "buy_constraint",
                # succession_incoming / succession_outgoing: the one coming in to take over, the one about to leave
                # (accounts/succession.py)
                "succession_incoming", "succession_outgoing", "succession_heir",
                # departed_in_text: a contact's leaving, written in a note (accounts/situations.py left_in_text)
                "departed_in_text",
                # topic_<name>: a promise naming what it hands over or shows (terms.TOPICS; accounts/topics.py)
                *(f"topic_{t}" for t in terms.TOPICS),
                # … or a split verb and its object ("报…价"), read as a pair (accounts/topics.py)
                *(f"topic_{t}_{part}" for t in terms.TOPICS for part in ("verb", "object")))


def _vocabulary_name(name: str) -> str:
    """A vocabulary the fact builder reads (VOCABULARIES), a named period (period_<name>, with its date) or a situation
    (situation_<kind>, its _thing, _state and _cleared)."""
    if name in VOCABULARIES or re.match(r"^(?:" + PERIOD_PREFIX + "|" + SITUATION_PREFIX + r")[a-z][a-z0-9_]*$", name):
        return name
    raise ValueError(f"unknown vocabulary '{name}' — " + choice_hint(name, VOCABULARIES)
                     + f" (or name a period {PERIOD_PREFIX}<name> with its date: on: [\"MM\"], or a situation "
                       f"{SITUATION_PREFIX}<kind>)")


class Disable(Strict):
    rule: str
    reason: str = Field(min_length=1)


LEVEL_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class TagLevel(Strict):
    """A level a rule's tag lifts its action to (``tag_levels:`` in pack.yaml; advisor/evaluation/rank.py): an open
    complaint above the account's other problems, an unverified change of who signs above an open complaint. The
    level ranks at the pack parameter ``serves_<level>``; ``serves`` names the rules' own serves the lift applies to
    (a rule about complaints in general that serves the relationship is not lifted); ``words`` say it in the trace
    ("answers an open complaint before fix a problem"); ``carried_only`` holds it to an account whose known, met
    contacts carry the decision; ``idle_only`` holds it to an account with nothing open to
    decide; ``named_only`` to an action about someone never met whom the recent notes name (a lift may also lower:
    a timing objection's answer there ranks with the relationship work); ``not_while_shaping`` keeps it off where the
    only open business is a need still being shaped."""

    level: str
    serves: list[str] = Field(min_length=1)
    words: Text
    # the lift holds only at an account with nothing open to decide (stage maintain, no open opportunity, deal or
    # tender: outcomes.nothing_to_decide) — a timing objection there asks for a date, it blocks no decision
    idle_only: bool = False
    # the lift holds only where the people we know carry the decision (the account buys from us, a decider has been
    # met, nothing open is at proposal or close, no tender open: outcomes.decision_carried) — widening beyond them is
    # relationship work there, not a block on the path
    carried_only: bool = False
    # the lift holds only for an action about someone we have never met whom the customer's recent words name
    # (Candidate.named: contact.named_recently) — the person the account is talking about now
    named_only: bool = False
    # the lift does not hold where the only open business is a need still being shaped (in maintenance, every open
    # opportunity at prepare, unquoted, no date near: outcomes.only_shaping) — nothing is proposed yet that depends on
    # what the lifted action clears, so it keeps the level it has there (a dealer's money check, session 17)
    not_while_shaping: bool = False

    @field_validator("level")
    @classmethod
    def _level(cls, v):
        if not LEVEL_NAME.match(v):
            raise ValueError(f"level '{v}' must be lower_case_with_underscores")
        return v

    @field_validator("serves", mode="before")
    @classmethod
    def _serves(cls, v):
        v = [v] if isinstance(v, str) else v
        for s in v or []:
            if s not in terms.SERVES:
                raise ValueError(f"unknown serves '{s}' — " + choice_hint(s, terms.SERVES))
        return v


class PackSpec(Strict):
    name: str
    version: str
    description: Text
    extends: Optional[str] = None
    params: dict[str, ParamSpec] = Field(default_factory=dict)
    role_weights: dict[str, int] = Field(default_factory=dict)
    derived: dict[str, DerivedSpec] = Field(default_factory=dict)
    # checklist items an account may set under facts: flag → {en, zh}; a plain string is read as
    # the same text in both languages (a user's pack need not be translated to load)
    flags: dict[str, Union[Text, str]] = Field(default_factory=dict)
    disable: list[Disable] = Field(default_factory=list)
    gift_words: dict[Literal["gift", "entertainment"], GiftWords] = Field(default_factory=dict)
    gift_words_exempt_tags: list[str] = Field(default_factory=list)  # rules that speak *about* the ban
    # an industry pack adds words; a period_<name> vocabulary names a period and when it falls (Words.on)
    vocabulary: dict[Annotated[str, AfterValidator(_vocabulary_name)], Words] = Field(default_factory=dict)
    annotate: dict[str, Coaching] = Field(default_factory=dict)  # coaching data for rules of this or a base pack
    # ranking: the level a rule's tag lifts its action to (rank.serves_level); a pack adds tags or redefines its bases'
    tag_levels: dict[str, TagLevel] = Field(default_factory=dict)
    # a user's pack with the name of a bundled one replaces it only when it says why
    shadows: Optional[Override] = None

    @field_validator("flags")
    @classmethod
    def _flags(cls, v):
        for name in v:
            if not re.match(r"^[a-z][a-z0-9_]*$", name):
                raise ValueError(f"flag '{name}' must be lower_case_with_underscores")
        return {k: Text(en=d, zh=d) if isinstance(d, str) else d for k, d in v.items()}

    @field_validator("name")
    @classmethod
    def _name(cls, v):
        if not PACK_NAME.match(v):
            raise ValueError(f"pack name '{v}' must be lower-case words joined by '-'")
        return v

    @field_validator("role_weights")
    @classmethod
    def _roles(cls, v):
        for role in v:
            if role not in terms.ROLES and role != "account":
                raise ValueError(f"unknown role '{role}' in role_weights — " + choice_hint(role, list(terms.ROLES) + ["account"]))
        return v


# ------------------------------------------------------------- loaded form ---
@dataclass
class Rule:
    """A rule as loaded: parsed, checked, parameters resolved."""

    id: str
    pack: str
    family: str
    title: Text
    subject: str
    priority: int
    when: Optional[cnd.Condition]
    then: Then
    source: list[str]
    basis: str
    tags: list[str]
    group: Optional[str]
    file: str
    locs: Optional[Locations]  # where the rule is written; worked out only when asked (an error, lint)
    where: tuple
    raw: dict
    override_reason: Optional[str] = None
    due_days: int = 7
    intent: Optional[Intent] = None
    promise: bool = False
    generic: bool = False
    serves: Optional[str] = None  # keep_promise / fix_problem / unblock / pursue_opportunity / develop_relationship / upkeep
    topic: Optional[str] = None  # what it hands over or shows (terms.TOPICS): merged with a promise of that, same person
    holds: tuple = ()  # what waits for it (terms.TOPICS): a promise of that at the account is kept after it
    policy_safe: Optional[Variant] = None
    word_tags: frozenset = frozenset()  # gift / entertainment, from the words of its action text
    safe_word_tags: frozenset = frozenset()  # the same, for its policy-safe variant

    @property
    def line(self) -> Optional[int]:
        return self.locs.find(self.where)[0] if self.locs is not None else None

    @functools.cached_property
    def action(self) -> str:
        """recommend, derive or suppress (cached: asked for every firing and every suppression test)."""
        return self.then.action

    @functools.cached_property
    def kinds(self) -> list[str]:
        """Fact kinds the rule binds: the subject first, then those its conditions test.

        Cached: a rule never changes after loading, and every firing asks for it (binding_key)."""
        kinds = [self.subject]
        for kind in sorted(cnd.kinds_of(self.when)) if self.when else []:
            if kind not in kinds:
                kinds.append(kind)
        return kinds


@dataclass
class Pack:
    name: str
    version: str
    description: Text
    extends: Optional[str]
    params: dict[str, Any]
    param_docs: dict[str, str]
    role_weights: dict[str, int]
    derived: dict[str, DerivedSpec]
    flags: dict[str, Text]
    disable: list[Disable]
    rules: list[Rule]
    folder: Path
    spec_file: str
    spec_locs: Locations
    gift_words: dict[str, GiftWords] = field(default_factory=dict)
    gift_words_exempt_tags: list[str] = field(default_factory=list)
    annotate: dict[str, Coaching] = field(default_factory=dict)
    vocabulary: dict[str, Words] = field(default_factory=dict)  # its own words (vocabulary:)
    tag_levels: dict[str, TagLevel] = field(default_factory=dict)  # its own tag → level lifts (tag_levels:)


@dataclass
class PackSet:
    """Packs layered into one effective rule list."""

    packs: list[Pack]  # base first
    rules: list[Rule]
    params: dict[str, Any]
    role_weights: dict[str, int]
    catalog: dict[str, dict[str, tuple[str, str]]]
    derived: dict[str, DerivedSpec]
    flags: dict[str, Text] = field(default_factory=dict)  # flag → description, from all packs
    overridden: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (pack, reason)
    disabled: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (pack, reason)
    recogniser: Optional[Reader] = None  # objection kinds: cues (recognise: objection_kinds:) and the reader model
    gift_words: dict[str, GiftWords] = field(default_factory=dict)  # tag → words, from all packs
    vocabulary: dict[str, Words] = field(default_factory=dict)  # tender / departed → words, from all packs
    compiled: Any = None  # its engine form (compiler.Compiled), when it was read back with one (language/snapshot.py)
    tag_levels: dict[str, TagLevel] = field(default_factory=dict)  # tag → the level it lifts a rule to, from all packs

    def depth(self, pack: str) -> int:
        """How far down the layering a pack sits (core 0, an industry pack 1, …): the more specific, the higher."""
        return next((i for i, p in enumerate(self.packs) if p.name == pack), 0)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.packs]

    def fact_options(self) -> dict[str, Any]:
        """What the fact builder (accounts.facts.enrich) takes from the packs: their parameters and
        their vocabularies as plain lists (the accounts room knows nothing of the rule language)."""
        return {"promise_days": self.params.get("promise_default_days"),
                "usual_customer_type": self.params.get("usual_customer_type"),
                "tier_currency": self.params.get("tier_currency"),
                "financing_payment_days": self.params.get("financing_payment_days"),
                "objection_superseded_days": self.params.get("objection_superseded_days"),
                "objection_live_days": self.params.get("objection_live_days"),
                "vocabulary": self._plain_vocabulary,
                "opening_model": self._opening_model,
                "situation_model": self._situation_model}

    @functools.cached_property
    def _opening_model(self) -> openingmodel.LazyOpeningModel:
        """The learned opening reader beside the base pack (rules/core/opening-model.json), read on first use. Why
        here: the openings are read in the accounts room, below the packs; the pack set knows where its files are and
        hands the scorer down (accounts/openingmodel.py). None beside the base pack: no model reading."""
        path = self.packs[0].folder / openingmodel.FILE if self.packs else None
        return openingmodel.LazyOpeningModel(str(path) if path is not None and path.is_file() else None)

    @functools.cached_property
    def _situation_model(self) -> situationmodel.LazySituationModel:
        """The learned situation reader beside the base pack (rules/core/situation-model.json), read on first use,
        handed down as the opening reader is."""
        path = self.packs[0].folder / situationmodel.FILE if self.packs else None
        return situationmodel.LazySituationModel(str(path) if path is not None and path.is_file() else None)

    @functools.cached_property
    def _plain_vocabulary(self) -> wordlists.PackVocabulary:
        # once per pack set, not per account; the readers built from it are kept on it (accounts/wordlists.py)
        return wordlists.PackVocabulary({k: v.model_dump() for k, v in self.vocabulary.items()})

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise AdvisorError(f"no rule '{rule_id}' in packs {', '.join(self.names)}",
                           fix=choice_hint(rule_id, [r.id for r in self.rules]))

    def role_weight(self, roles: list[str] | None) -> int:
        if roles is None:
            return self.role_weights.get("account", DEFAULT_ROLE_WEIGHT)
        return max([self.role_weights.get(r, DEFAULT_ROLE_WEIGHT) for r in roles] or [DEFAULT_ROLE_WEIGHT])


# ------------------------------------------------------------------ loading ---
def _check_text(text: Text, where: tuple, locs: Locations, kinds: set[str], catalog: dict, params: dict) -> None:
    for lang in terms.LANGS:
        for kind, name, _fmt in PLACEHOLDER.findall(text.get(lang)):
            if kind == "params":
                if name not in params:
                    raise locs.error(where + (lang,), f"unknown parameter '{{params.{name}}}' in text",
                                     choice_hint(name, params or {"(none)": 1}))
                continue
            if kind not in kinds | {"account"}:
                raise locs.error(where + (lang,), f"placeholder '{{{kind}.{name}}}' names a fact kind this rule does not bind",
                                 f"use one of: {', '.join(sorted(kinds | {'account'}))}")
            if name not in catalog.get(kind, {}):
                raise locs.error(where + (lang,), f"unknown fact '{kind}.{name}' in text placeholder",
                                 choice_hint(name, catalog.get(kind, {})))


def _derived_catalog(derived: dict[str, DerivedSpec]) -> dict:
    out = {}
    for kind, spec in derived.items():
        fields = {name: (ftype, f"derived {kind} field") for name, ftype in spec.fields.items()}
        fields["contact"] = ("text", "the contact it is about, if any")
        fields["contact_roles"] = ("list", "that contact's buying roles")
        fields["subject"] = ("text", "id of the fact it was derived from")
        out[kind] = fields
    return out


def _check_flags(when: cnd.Condition, flags: dict, err) -> None:
    """A test on account.flags must name a flag some loaded pack declares (catches typos)."""
    for leaf in cnd.leaves(when):
        if leaf.fact in ("account.flags", "account.flags_false") and leaf.op in ("contains", "not_contains"):
            if leaf.value not in flags:
                raise err(leaf.where + ("value",), f"unknown flag '{leaf.value}'",
                          choice_hint(str(leaf.value), flags) if flags else "declare it under 'flags:' in pack.yaml")


def _check_engine_limits(when: cnd.Condition, err, where: tuple) -> None:
    """Refuse what the engine would reject or hang on (ENGINE-NOTES 6, 15), at load, so
    lint (which builds every rule through here) and loading agree with the engine."""
    for kind, parts in sorted(cnd.split_by_kind(when).items()):
        expr = {"$and": [{"kind": kind}, *[cnd.to_durable(p) for p in parts]]}
        branches = cnd.branch_count(expr)
        if branches > cnd.MAX_BRANCHES:
            raise err(where, f"fans out to {branches} engine branches on '{kind}' facts (limit {cnd.MAX_BRANCHES})",
                      "split the rule or shorten its in/not_in lists")
        depth = cnd.bool_depth(expr)
        if depth > cnd.MAX_ENGINE_DEPTH:
            raise err(where, f"compiles to {depth} nested and/or levels (the engine allows {cnd.MAX_ENGINE_DEPTH})",
                      "flatten the condition, or derive a fact in a rule of its own and test that")


def level_param(level: str) -> str:
    """The pack parameter a ranking level's value is read from (rank.py: serves_<level>)."""
    return f"serves_{level}"


def _check_tag_levels(spec: PackSpec, locs: Locations, params: dict) -> None:
    """Each tag_levels entry names a level that exists: its parameter serves_<level> is set by this pack set, as a whole
    number (a lift to a level nobody defined would rank the action at 0, below upkeep, silently)."""
    for tag, lift in spec.tag_levels.items():
        name = level_param(lift.level)
        value = params.get(name)
        if value is None:
            known = sorted(k[len("serves_"):] for k in params if k.startswith("serves_"))
            raise locs.error(("tag_levels", tag, "level"), f"tag '{tag}' lifts to level '{lift.level}', which no pack "
                             f"defines (no parameter '{name}')",
                             f"add params: {name}: {{value: <number>}} to pack.yaml, or use one of: " + ", ".join(known))
        if isinstance(value, bool) or not isinstance(value, int):
            raise locs.error(("tag_levels", tag, "level"), f"level '{lift.level}' of tag '{tag}' ranks at parameter "
                             f"'{name}' = {value!r}, not a whole number", f"write e.g. {name}: {{value: 1500}}")


def check_number_params(packset: "PackSet", defaults: dict[str, int]) -> None:
    """Parameters read as whole numbers elsewhere (e.g. ranking weights) must be ones."""
    for pack in packset.packs:
        for name, value in pack.params.items():
            if name in defaults and (isinstance(value, bool) or not isinstance(value, int)
                                     or abs(value) > 1_000_000):
                raise pack.spec_locs.error(("params", name, "value"), f"parameter '{name}' is {value!r}, "
                                           "not a whole number", f"write e.g. value: {defaults[name]}")


def _build_rule(raw: dict, where: tuple, locs: Locations, pack: str, params: dict, catalog: dict,
                derived: dict, flags: dict | None = None, vocabulary: dict | None = None) -> Rule:
    if not isinstance(raw, dict):
        raise locs.error(where, "a rule must be a mapping (id:, family:, when:, then:, …)")
    try:
        spec = RuleSpec.model_validate(raw)
    except ValidationError as exc:
        raise pydantic_error(exc, locs, where, allowed_fields=allowed_fields(RuleSpec), what="a rule") from None

    def err(path, message, fix=None):
        return locs.error(path, f"rule {spec.id}: {message}", fix)

    if spec.for_ not in catalog:
        raise err(where + ("for",), f"unknown fact kind '{spec.for_}'", choice_hint(spec.for_, catalog))
    if spec.serves is not None and spec.serves not in terms.SERVES:
        raise err(where + ("serves",), f"unknown serves '{spec.serves}'", choice_hint(spec.serves, terms.SERVES))
    if spec.topic is not None and spec.topic not in terms.TOPICS:
        raise err(where + ("topic",), f"unknown topic '{spec.topic}'", choice_hint(spec.topic, terms.TOPICS))
    for i, held in enumerate(spec.holds):
        if held not in terms.TOPICS:
            raise err(where + ("holds", i), f"unknown topic '{held}'", choice_hint(held, terms.TOPICS))
    when = None
    if spec.when is not None:
        when = cnd.parse(spec.when, where + ("when",), err)
        when = cnd.resolve_params(when, params, err, vocabulary)
        cnd.check(when, catalog, err)
        _check_flags(when, flags or {}, err)
        try:
            cnd.split_by_kind(when)
        except ValueError as kinds:
            raise err(where + ("when",), f"an any/not group tests several fact kinds {kinds.args[0]}; "
                      "that would need a join", "keep each any/not group to one kind, or split the rule") from None
        bad = cnd.has_negated_mentions(when)
        if bad:
            raise err(bad.where, "'mentions' cannot stand under 'not'",
                      "derive a fact with mentions in its own rule and test that instead")
        _check_engine_limits(when, err, where + ("when",))
    kinds = {spec.for_} | (cnd.kinds_of(when) if when else set())
    due_days = 7
    then = spec.then
    if then.recommend:
        rec = then.recommend
        base = where + ("then", "recommend")
        _check_text(rec.what, base + ("what",), locs, kinds, catalog, params)
        _check_text(rec.why, base + ("why",), locs, kinds, catalog, params)
        if isinstance(rec.due_days, ParamRef):
            if rec.due_days.param not in params:
                raise err(base + ("due_days",), f"unknown parameter '{rec.due_days.param}'", choice_hint(rec.due_days.param, params))
            due_days = params[rec.due_days.param]
            if isinstance(due_days, bool) or not isinstance(due_days, int) or not 0 <= due_days <= MAX_DUE_DAYS:
                raise err(base + ("due_days",), f"parameter '{rec.due_days.param}' is {due_days!r}, not a number of days",
                          f"give it a whole number from 0 to {MAX_DUE_DAYS}")
        else:
            due_days = rec.due_days
        if rec.due_minus:
            kind, _, name = rec.due_minus.partition(".")
            if kind not in kinds or catalog.get(kind, {}).get(name, ("",))[0] != "number":
                raise err(base + ("due_minus",), f"due_minus '{rec.due_minus}' must be a number fact of a kind the rule binds",
                          "e.g. due_minus: visit.days_ago")
        if rec.who == "subject" and spec.for_ == "account":
            pass  # an account-level action: the account team owns it
    if then.derive:
        d = then.derive
        base = where + ("then", "derive")
        if d.kind not in derived:
            raise err(base + ("kind",), f"derived kind '{d.kind}' is not declared in any pack.yaml 'derived:'",
                      choice_hint(d.kind, derived or {"(none declared)": 1}))
        fields = derived[d.kind].fields
        for name, value in d.set.items():
            if name not in fields:
                raise err(base + ("set", name), f"'{name}' is not a field of derived kind '{d.kind}'", choice_hint(name, fields))
            if isinstance(value, dict):
                src = value.get("fact", "")
                if set(value) != {"fact"} or src.partition(".")[0] not in kinds or src.partition(".")[2] not in catalog.get(src.partition(".")[0], {}):
                    raise err(base + ("set", name), f"copy source {value!r} must be {{fact: kind.field}} of a kind the rule binds")
            elif fields[name] == "list" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise err(base + ("set", name), f"value {value!r} is not a list of texts")
            elif fields[name] != "list" and not cnd._scalar_ok(value, fields[name]):
                raise err(base + ("set", name), f"value {value!r} is not a {fields[name]}")
            elif cnd.value_problem(value):
                raise err(base + ("set", name), f"value {cnd.value_problem(value)}")
    if then.suppress:
        _check_text(then.suppress.reason, where + ("then", "suppress", "reason"), locs, kinds, catalog, params)
    intent = _intent(spec.intent)
    if intent:
        for aim in [intent.aim] + intent.also:
            _check_aim(aim, where + ("intent",), locs, kinds, catalog, params)
    rule = Rule(id=spec.id, pack=pack, family=spec.family, title=spec.title, subject=spec.for_,
                priority=spec.priority, when=when, then=then, source=spec.source, basis=spec.basis,
                tags=spec.tags, group=spec.group, file=locs.file, locs=locs, where=where, raw=raw,
                override_reason=spec.override.reason if spec.override else None, due_days=due_days,
                intent=intent, promise=spec.promise, generic=spec.generic, serves=spec.serves, topic=spec.topic,
                holds=tuple(spec.holds),
                policy_safe=then.recommend.policy_safe if then.recommend else None)
    if rule.policy_safe:
        base = where + ("then", "recommend", "policy_safe")
        _check_text(rule.policy_safe.what, base + ("what",), locs, kinds, catalog, params)
        if rule.policy_safe.why:
            _check_text(rule.policy_safe.why, base + ("why",), locs, kinds, catalog, params)
    return rule


def _intent(value) -> Optional[Intent]:
    return Intent(aim=value) if isinstance(value, str) else value


def _check_aim(aim: str, where: tuple, locs: Locations, kinds: set[str], catalog: dict, params: dict) -> None:
    """An intent's aim may use the rule's placeholders and {target} (the contact, role or account)."""
    text = aim.replace("{target}", "")
    _check_text(Text(en=text or "-", zh=text or "-"), where, locs, kinds, catalog, params)


def mark_words(rule: Rule, gift_words: dict, exempt: set[str] = frozenset()) -> None:
    """Record which gift / entertainment words the rule's action text (and its safe variant) contains.

    Rules tagged with an exempt tag (``compliance``) speak *about* the ban ("no gifts") and carry none."""
    rec = rule.then.recommend
    if not rec or set(rule.tags) & set(exempt):
        return
    rule.word_tags = tags_of({"en": rec.what.en, "zh": rec.what.zh}, gift_words)
    if rule.policy_safe:
        w = rule.policy_safe.what
        rule.safe_word_tags = tags_of({"en": w.en, "zh": w.zh}, gift_words)


def read_pack_spec(folder: Path) -> tuple[PackSpec, Locations]:
    spec_file = folder / "pack.yaml"
    data, locs = load_yaml_file(spec_file)
    if not isinstance(data, dict):
        raise locs.error((), "pack.yaml must be a mapping (name:, version:, description:, …)")
    try:
        spec = PackSpec.model_validate(data)
    except ValidationError as exc:
        raise pydantic_error(exc, locs, allowed_fields=allowed_fields(PackSpec), what="a pack") from None
    if spec.name != folder.name:
        raise locs.error(("name",), f"pack name '{spec.name}' differs from its folder '{folder.name}'",
                         f"rename one of them so both read '{folder.name}'")
    return spec, locs


def rule_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.name != "pack.yaml")


def find_packs(where: "Path | PackPath") -> dict[str, Path]:
    """Installed packs by name: pack folders (with a pack.yaml) of a rules folder or a search path."""
    return as_pack_path(where).folders()


def _chain(name: str, installed: dict[str, Path], specs: dict) -> list[str]:
    """The extends chain of a pack, base first; a cycle is an error."""
    chain: list[str] = []
    current: Optional[str] = name
    while current:
        if current in chain:
            spec, locs = specs[chain[-1]]
            raise locs.error(("extends",), f"packs extend each other in a cycle: {' → '.join(chain + [current])}",
                             "make one of them extend nothing or another pack")
        if current not in installed:
            if chain:
                spec, locs = specs[chain[-1]]
                raise locs.error(("extends",), f"extends unknown pack '{current}'", choice_hint(current, installed))
            raise AdvisorError(f"unknown pack '{current}'", fix=choice_hint(current, installed))
        if current not in specs:
            specs[current] = read_pack_spec(installed[current])
        chain.append(current)
        current = specs[current][0].extends
    return list(reversed(chain))


def load_packs(names: list[str], rules_dir: "Path | PackPath") -> PackSet:
    """Load packs and everything they extend, layer them, check it all.

    ``rules_dir`` is one rules folder or a search path (bundled, user, ADVISOR_PACKS, --rules),
    so a user's pack can extend a bundled one."""
    installed = find_packs(rules_dir)
    specs: dict[str, tuple[PackSpec, Locations]] = {}
    order: list[str] = []
    for name in names:
        for pack_name in _chain(name, installed, specs):
            if pack_name not in order:
                order.append(pack_name)

    params: dict[str, Any] = {}
    param_docs: dict[str, str] = {}
    role_weights: dict[str, int] = {}
    derived: dict[str, DerivedSpec] = {}
    flags: dict[str, Text] = {}
    gift_words: dict[str, GiftWords] = {}
    vocabulary: dict[str, Words] = {}
    tag_levels: dict[str, TagLevel] = {}
    for pack_name in order:
        spec, locs = specs[pack_name]
        flags.update(spec.flags)
        for name, words in spec.vocabulary.items():  # a pack adds words to its bases', never removes one
            vocabulary[name] = vocabulary.get(name, Words()).merged(words)
        for tag, words in spec.gift_words.items():
            have = gift_words.get(tag, GiftWords())
            gift_words[tag] = GiftWords(en=sorted(set(have.en) | set(words.en)), zh=sorted(set(have.zh) | set(words.zh)))
        for key, p in spec.params.items():
            params[key] = p.value
            if p.description or key not in param_docs:
                param_docs[key] = p.description
        role_weights.update(spec.role_weights)
        tag_levels.update(spec.tag_levels)  # a pack redefines a base's lift for one tag, keeps the others
        for kind, d in spec.derived.items():
            if kind in CATALOG:
                raise locs.error(("derived", kind), f"derived kind '{kind}' clashes with a base fact kind",
                                 "choose another name")
            derived[kind] = d
    catalog = dict(CATALOG) | _derived_catalog(derived)
    for pack_name in order:
        _check_tag_levels(*specs[pack_name], params)

    def ancestors(name: str) -> set[str]:
        """The packs ``name`` extends, directly or through parents."""
        out, current = set(), specs[name][0].extends
        while current and current not in out:
            out.add(current)
            current = specs[current][0].extends
        return out

    packs: list[Pack] = []
    defined_by: dict[str, str] = {}  # rule id → the pack that first defined it
    effective: dict[str, Rule] = {}
    overridden: dict[str, tuple[str, str]] = {}
    disabled: dict[str, tuple[str, str]] = {}
    vocabularies: list[tuple] = []
    files = {pack_name: rule_files(installed[pack_name]) for pack_name in order}
    texts = {str(path): read_text(path) for paths in files.values() for path in paths}
    cached = packcache.read(texts)  # the parsed data of exactly these files, from an earlier run
    fresh: dict[str, str] = {}  # file → its data as JSON, taken at parse time (before anything can change it)
    for pack_name in order:
        spec, spec_locs = specs[pack_name]
        folder = installed[pack_name]
        own: list[Rule] = []
        seen_here: dict[str, Rule] = {}
        for path in files[pack_name]:
            file = str(path)
            if file in cached:
                data, locs = cached[file], Locations(file, texts[file])
            else:
                data, locs = load_yaml_text(texts[file], file)
                fresh[file] = packcache.encode(data)
            if not isinstance(data, dict):
                raise locs.error((), "a rule file must be a mapping with 'rules:'", "start the file with 'rules:'")
            try:
                RuleFile.model_validate(data)
            except ValidationError as exc:
                raise pydantic_error(exc, locs, allowed_fields=allowed_fields(RuleFile), what="a rules file") from None
            if data.get("recognise") is not None:
                vocab = recog.parse(data["recognise"], locs, ("recognise",))
                if vocab.objection_kinds:
                    vocabularies.append((vocab.objection_kinds, locs, ("recognise", "objection_kinds")))
            for i, raw in enumerate(data.get("rules") or []):
                rule = _build_rule(raw, ("rules", i), locs, pack_name, params, catalog, derived, flags, vocabulary)
                if rule.id in seen_here:
                    first = seen_here[rule.id]
                    raise locs.error(("rules", i, "id"), f"duplicate rule id '{rule.id}' (first at {first.file}:{first.line})",
                                     "give each rule its own id")
                seen_here[rule.id] = rule
                if rule.id in effective:
                    owner = defined_by[rule.id]
                    if rule.override_reason and owner not in ancestors(pack_name):
                        # only rules of the packs this one extends may be replaced, whatever the load order
                        raise locs.error(("rules", i, "override"),
                                         f"rule '{rule.id}' belongs to pack '{owner}', which pack '{pack_name}' does not extend",
                                         f"add 'extends: {owner}' (directly or through a parent) or choose a new id")
                    if not rule.override_reason:
                        prev = effective[rule.id]
                        raise locs.error(("rules", i, "id"), f"rule id '{rule.id}' already exists in pack '{prev.pack}'",
                                         "add 'override: {reason: ...}' to replace it, or choose a new id")
                    if rule.id in overridden and overridden[rule.id][0] != pack_name:
                        raise locs.error(("rules", i, "id"), f"rule '{rule.id}' is already overridden by pack '{overridden[rule.id][0]}'",
                                         "only one pack may override a rule; drop one of the overrides")
                    overridden[rule.id] = (pack_name, rule.override_reason)
                elif rule.override_reason:
                    raise locs.error(("rules", i, "override"), f"rule '{rule.id}' overrides a rule that does not exist",
                                     choice_hint(rule.id, effective) if effective else "remove 'override:'")
                effective[rule.id] = rule
                defined_by.setdefault(rule.id, pack_name)
                own.append(rule)
        for j, dis in enumerate(spec.disable):
            if dis.rule not in effective:
                raise spec_locs.error(("disable", j, "rule"), f"disables unknown rule '{dis.rule}'",
                                      choice_hint(dis.rule, effective) if effective else "remove it")
            if defined_by[dis.rule] not in ancestors(pack_name) | {pack_name}:
                raise spec_locs.error(("disable", j, "rule"),
                                      f"rule '{dis.rule}' belongs to pack '{defined_by[dis.rule]}', which pack '{pack_name}' does not extend",
                                      f"add 'extends: {defined_by[dis.rule]}' or remove the disable")
            if dis.rule in disabled:
                raise spec_locs.error(("disable", j, "rule"), f"rule '{dis.rule}' is already disabled by pack '{disabled[dis.rule][0]}'")
            disabled[dis.rule] = (pack_name, dis.reason)
        packs.append(Pack(name=spec.name, version=spec.version, description=spec.description, extends=spec.extends,
                          params={k: p.value for k, p in spec.params.items()},
                          param_docs={k: p.description for k, p in spec.params.items()},
                          role_weights=spec.role_weights, derived=spec.derived, flags=spec.flags,
                          disable=spec.disable, rules=own,
                          folder=folder, spec_file=str(folder / "pack.yaml"), spec_locs=spec_locs,
                          gift_words=dict(spec.gift_words), gift_words_exempt_tags=list(spec.gift_words_exempt_tags),
                          annotate=dict(spec.annotate), vocabulary=dict(spec.vocabulary),
                          tag_levels=dict(spec.tag_levels)))
    for pack in packs:
        _annotate(pack, effective, defined_by, ancestors(pack.name) | {pack.name}, catalog, params)
    exempt = {t for p in packs for t in p.gift_words_exempt_tags}
    for rule in effective.values():
        mark_words(rule, gift_words, exempt)
    rules = sorted((r for r in effective.values() if r.id not in disabled), key=lambda r: r.id)
    merged = recog.merge(vocabularies)
    if fresh and not cached:  # the set loaded and checked: keep its parsed files for the next run
        packcache.write(texts, fresh)
    return PackSet(packs=packs, rules=rules, params=params, role_weights=role_weights, catalog=catalog,
                   derived=derived, flags=flags, overridden=overridden, disabled=disabled, gift_words=gift_words,
                   vocabulary=vocabulary, recogniser=Reader(merged) if merged else None, tag_levels=tag_levels)


def _annotate(pack: Pack, effective: dict[str, Rule], defined_by: dict[str, str], reach: set[str],
              catalog: dict, params: dict) -> None:
    """Apply a pack's ``annotate:`` (coaching data for rules whose files it does not hold)."""
    for rid, coaching in pack.annotate.items():
        where = ("annotate", rid)
        if rid not in effective:
            raise pack.spec_locs.error(where, f"annotates unknown rule '{rid}'", choice_hint(rid, effective))
        if defined_by[rid] not in reach:
            raise pack.spec_locs.error(where, f"rule '{rid}' belongs to pack '{defined_by[rid]}', which pack "
                                       f"'{pack.name}' does not extend", "annotate only rules of this pack or its bases")
        rule = effective[rid]
        if rule.pack not in reach:
            continue  # a more specific pack replaced the rule; its own text and fields speak now
        if coaching.intent is not None:
            rule.intent = _intent(coaching.intent)
            for aim in [rule.intent.aim] + rule.intent.also:
                _check_aim(aim, where + ("intent",), pack.spec_locs, set(rule.kinds), catalog, params)
        rule.promise = rule.promise or coaching.promise
        rule.generic = rule.generic or coaching.generic
        if coaching.serves is not None:
            if coaching.serves not in terms.SERVES:
                raise pack.spec_locs.error(where + ("serves",), f"unknown serves '{coaching.serves}'",
                                           choice_hint(coaching.serves, terms.SERVES))
            rule.serves = coaching.serves
        if coaching.topic is not None:
            if coaching.topic not in terms.TOPICS:
                raise pack.spec_locs.error(where + ("topic",), f"unknown topic '{coaching.topic}'",
                                           choice_hint(coaching.topic, terms.TOPICS))
            rule.topic = coaching.topic
        if coaching.policy_safe is not None:
            if not rule.then.recommend:
                raise pack.spec_locs.error(where + ("policy_safe",), f"rule '{rid}' recommends nothing; only a "
                                           "recommendation can have a policy-safe variant")
            rule.policy_safe = coaching.policy_safe
