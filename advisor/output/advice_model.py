"""The JSON that ``advise --format json`` prints, as pydantic models: the contract readers code against.

``advisor schema advice`` prints the JSON Schema generated from these models (checked in as
docs/schema/advice.schema.json); a test validates real output against it. New keys may appear
in a later release (readers must ignore keys they do not know); removing a key or changing its
meaning bumps ``version``.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    # additive changes keep version 1, so the schema allows keys it does not list
    model_config = ConfigDict(extra="allow")


class PackRef(Open):
    name: str = Field(description="pack name, e.g. core")
    version: str = Field(description="the pack's version")


class Who(Open):
    contact: Optional[str] = Field(description="the contact to act with; null for an account-level action")
    roles: Optional[list[str]] = Field(description="that contact's buying roles, or the role nobody holds yet "
                                                   "(role:<r> targets); null for the account")
    label: str = Field(description="contact and roles as printed, in the output language")


class ActionOut(Open):
    rank: int = Field(ge=1, description="1 = do this first")
    rule: str = Field(description="id of the rule that recommends it")
    pack: str = Field(description="pack the rule comes from")
    family: str = Field(description="the rule's family (roles, objection, visits, …)")
    who: Who
    what: str = Field(description="the action, in the output language")
    by: str = Field(description="due date, YYYY-MM-DD", pattern=r"^\d{4}-\d{2}-\d{2}$")
    due_in_days: int = Field(description="days from as_of to by; negative when overdue")
    why: str = Field(description="the reason, in the output language")
    source: list[str] = Field(description="citations: '<seed file> · <section>' (see docs/sources.md)")
    basis: Literal["seed", "derived"] = Field(description="seed: from a cited document; derived: the pack's own judgement")
    score: int = Field(description="the sum of score_parts")
    tags: list[str]
    score_parts: dict[str, int] = Field(description="the score's parts: priority, urgency, role, trigger, serves (the "
                                                    "level of what it serves, one step wider than the rest can add) "
                                                    "and when they apply industry, promise, generic")
    intent: Optional[str] = Field(description="what the action aims at; actions with one intent are merged; null when "
                                              "nothing else aims at the same")
    merged_rules: list[str] = Field(description="every rule behind this action, its own rule first")
    promise: bool = Field(description="keeps a commitment (an agreed next step, an owed answer, an open complaint)")
    generic: bool = Field(description="a checklist item, ranked below specific advice")
    variant: Optional[Literal["policy-safe"]] = Field(description="policy-safe: a customer policy removed its optional "
                                                                  "gift element and it speaks without it")
    serves: Optional[str] = Field(None, description="what the rule says the action serves: keep_promise, fix_problem, "
                                                    "unblock, pursue_opportunity, develop_relationship, upkeep")
    level: str = Field("unstated", description="the level it ranked at: due_promise (a promise due now or overdue), "
                                               "else its serves (unstated when the rule does not say)")
    above_next: Optional[str] = Field(None, description="why it ranks above the next action (what it serves, else the "
                                                        "score parts that differ); null for the last action")
    promise_key: Optional[str] = Field(None, description="the stable key of the promise it keeps (null when it keeps "
                                                         "none): `advisor done … --promise KEY` marks that one promise")
    merge_note: Optional[str] = Field(None, description="a promise merged with the rule that does what it promised "
                                                        "for the same person: what was merged and why (absent otherwise)")


class SuppressedOut(Open):
    rule: str
    contact: Optional[str]
    what: str
    reason: str = Field(description="why it is held back (e.g. the customer's gift policy)")
    by_rule: str = Field(description="the rule that suppressed it (feedback:<verb> for the rep's feedback, "
                                     "contact.departed for an action about a contact who has left)")


class SupersededOut(Open):
    rule: str
    contact: Optional[str]
    group: str = Field(description="the exclusive group in which another action won, or 'intent: <aim>' when a "
                                   "contradicting action with the same intent won")
    by_rule: str
    reason: Optional[str] = Field(None, description="why the other action won a contradiction; null for a group")


class QuarterlySales(Open):
    currency: str = Field(description="the account's currency (sales.currency); other currencies are not added in")
    quarters: dict[str, float] = Field(description="calendar quarter (2026-Q3) → sales, oldest first, up to "
                                                   "the as-of date; 0 inside the recorded span means none")


class AdviceOut(Open):
    """One account's advice: ``advisor advise ACCOUNT --format json``."""

    version: Literal[1] = Field(description="format version; changes if a key is removed or changes meaning")
    account: str
    industry: Optional[str]
    as_of: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    lang: Literal["en", "zh"]
    packs: list[PackRef] = Field(description="packs used, base first")
    note: Optional[str] = Field(default=None, description="present when no industry pack applies "
                                                          "(industry: other): core playbook only")
    actions: list[ActionOut] = Field(description="the top actions, best first (--top)")
    total_actions: int = Field(ge=0, description="how many actions there are in all")
    suppressed: list[SuppressedOut]
    superseded: list[SupersededOut]
    sales_by_quarter: Optional[QuarterlySales] = Field(
        default=None, description="present when the sales table or dated won deals give sales per quarter")
