"""The account file: what a rep knows about one key account (validated, never trusted).

Models use ``extra="forbid"`` so a misspelt field is an error with a hint, not
silently ignored advice. Vocabulary fields (roles, stages, …) are checked
against ``terms`` with "did you mean" suggestions.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Optional

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, ValidationError,
                      WithJsonSchema,
                      model_validator)
from pydantic_core import PydanticCustomError

from . import terms
from .bounds import Amount, Day, FreeText, Name, Rate, ShortText, count_problem
from ..files.errors import choice_hint
from ..files.yamlio import Locations, load_yaml_file, pydantic_error

NonNegative = Amount  # finite, bounded, 4 decimals (bounds.py: the engine-safe boundary)


def _vocab(value: Any, table: dict, what: str) -> Any:
    if value is None:
        return value
    if value not in table:
        # the tool prints the labels (急性子, 结果型, …), so it reads them back as aliases — also written in
        # traditional characters (採購人, 積極), as a Taiwan or Hong Kong rep types them
        written = terms.simplified(value) if isinstance(value, str) else value
        for key, labels in table.items():
            if value in labels or written in labels:
                return key
        raise PydanticCustomError(
            "vocabulary", "unknown {what} '{value}'", {"what": what, "value": value,
                                                        "fix": choice_hint(str(value), table)})
    return value


def vocab(table: dict, what: str):
    """An str type that must be a key of ``table`` (validated per item, so errors point at it);
    a label (急性子, 结果型 …) is read as its key.

    Its JSON Schema lists the allowed keys with their en/zh labels (``x-labels``), so editors
    can complete them and docs/account-format.md can show them."""
    labels = {key: {"en": en, "zh": zh} for key, (en, zh) in table.items()}
    schema = {"type": "string", "enum": list(table), "x-vocabulary": what, "x-labels": labels}
    return Annotated[str, AfterValidator(lambda v: _vocab(v, table, what)), WithJsonSchema(schema)]


Role = vocab(terms.ROLES, "buying role")
Personality = vocab(terms.PERSONALITIES, "personality type")
Signal = vocab(terms.SIGNALS, "behaviour signal")
Resource = vocab(terms.CONTROLS, "controlled resource")
Level = vocab(terms.LEVELS, "relationship level")
CycleStage = vocab(terms.CYCLE_STAGES, "relationship cycle stage")
Outcome = vocab(terms.VISIT_OUTCOMES, "visit outcome")
Stage = vocab(terms.STAGES, "stage")
Policy = vocab(terms.POLICIES, "customer policy")
DealStatus = vocab(terms.DEAL_STATUSES, "deal status")
LossReason = vocab(terms.LOSS_REASONS, "loss reason")
CustomerType = vocab(terms.CUSTOMER_TYPES, "customer type")
BuyingPattern = vocab(terms.BUYING_PATTERNS, "buying pattern")
Ownership = vocab(terms.OWNERSHIP, "ownership")
ProspectFit = vocab(terms.PROSPECT_FIT, "fit")
CompetitionLevel = vocab(terms.COMPETITION_LEVELS, "competition level")
Geography = vocab(terms.GEOGRAPHY, "distance")
HiddenValue = vocab(terms.HIDDEN_VALUE, "hidden value")
PromiseBy = vocab(terms.PROMISE_BY, "promise owner")
PromiseStatus = vocab(terms.PROMISE_STATUSES, "promise status")
ComplaintStatus = vocab(terms.COMPLAINT_STATUSES, "complaint status")
Severity = vocab(terms.SEVERITIES, "severity")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, defer_build=True)  # built on first use (issue 13)


class Motives(Strict):
    organisational: Optional[FreeText] = None
    personal: Optional[FreeText] = None


class Contact(Strict):
    name: Name
    title: Optional[ShortText] = None
    roles: list[Role] = Field(default_factory=list)
    personality: Optional[Personality] = None
    signals: list[Signal] = Field(default_factory=list)
    met: bool = False
    senior: bool = False  # executive / senior manager
    is_boss: bool = False  # the real owner or top decision maker
    related_to: list[ShortText] = Field(default_factory=list)  # names of contacts he or she is related to
    reaches: list[ShortText] = Field(default_factory=list)  # names of contacts he or she can talk to and sway
    controls: list[Resource] = Field(default_factory=list)  # people / money / goods
    motives: Optional[Motives] = None
    reliability: Optional[int] = Field(default=None, ge=1, le=5)  # 关系的可靠度, 1 (weak) to 5 (solid)
    satisfied: Optional[bool] = None
    crm_id: Optional[ShortText] = None  # the CRM's record id, set by `advisor import crm` (merges re-imports)






class Relationship(Strict):
    level: Level = "ordinary"
    target: Optional[Level] = None
    cycle_stage: Optional[CycleStage] = None  # first_contact → … → reliance




class Period(Strict):
    period: ShortText
    amount: NonNegative


class Sales(Strict):
    last_12m: Optional[NonNegative] = None
    prior_12m: Optional[NonNegative] = None
    last_order: Optional[Day] = None
    periods: list[Period] = Field(default_factory=list)
    currency: ShortText = "CNY"
    wallet: Optional[NonNegative] = None  # the customer's yearly spend in your category, all suppliers (share of wallet)


class Plan(Strict):
    growth: Optional[Rate] = None  # planned growth of this account, 0.25 = +25%
    industry_growth: Optional[Rate] = None


class Visit(Strict):
    date: Day
    contact: Optional[ShortText] = None
    minutes: Optional[NonNegative] = None
    outcome: Optional[Outcome] = None
    appointment: Optional[bool] = None  # was it booked in advance?
    next_step: Optional[FreeText] = None  # the next step agreed: the rep's, or the customer's when its words say so (accounts/promises.py)
    reason_to_return: Optional[bool] = None
    note: Optional[FreeText] = None
    crm_id: Optional[ShortText] = None  # the CRM's activity id (imported visits)



class Objection(Strict):
    contact: Optional[ShortText] = None
    text: FreeText = Field(min_length=1)
    kind: Optional[ShortText] = None  # price / budget / … when the rep already knows; checked against the packs' kinds
    date: Optional[Day] = None
    answered: bool = False


class Competitor(Strict):
    name: ShortText
    conflict_with_customer: bool = False  # e.g. the dealer was fined by this brand
    note: Optional[FreeText] = None


class Opportunity(Strict):
    name: ShortText
    amount: Optional[NonNegative] = None
    stage: Optional[Stage] = None
    won: Optional[bool] = None
    close_date: Optional[Day] = None
    quoted: bool = False
    cooperation_agreed: bool = False
    crm_id: Optional[ShortText] = None  # the CRM's deal id (imported deals)



class Deal(Strict):
    """One deal of the account's history: won, lost or still open (issue 21)."""

    name: Optional[ShortText] = None
    status: DealStatus
    amount: Optional[NonNegative] = None
    currency: Optional[ShortText] = None  # default: the account's sales.currency
    created: Optional[Day] = None
    closed: Optional[Day] = None  # the day it was won or lost
    product: Optional[ShortText] = None
    owner: Optional[ShortText] = None  # the rep who owned the deal
    competitor: Optional[ShortText] = None  # who won it when it was lost (or who competes while open)
    loss_reason: Optional[LossReason] = None
    note: Optional[FreeText] = None  # what the customer said, e.g. why they moved
    crm_id: Optional[ShortText] = None


class Promise(Strict):
    """A commitment made by us or by the customer, kept on the list until it is kept (issue 22)."""

    what: FreeText = Field(min_length=1)
    by: PromiseBy = "rep"
    to: Optional[ShortText] = None  # the contact it was made to (or by, when the customer promised)
    made: Optional[Day] = None
    due: Optional[Day] = None  # else a date written in `what` ("by 13 Nov", "11月25日前"), else the pack's default
    status: PromiseStatus = "open"


class Complaint(Strict):
    """A complaint the customer raised (issue 23)."""

    what: FreeText = Field(min_length=1)
    date: Optional[Day] = None
    contact: Optional[ShortText] = None
    status: ComplaintStatus = "open"
    severity: Optional[Severity] = None
    promised_fix: Optional[FreeText] = None
    fix_due: Optional[Day] = None


class Invoice(Strict):
    """An invoice to the customer, as the receivables list of an ERP carries it (session 10, issue 22): one unpaid
    past its due date is money owed now (accounts/situations.py, an overdue_payment situation)."""

    number: Optional[ShortText] = None
    amount: Optional[NonNegative] = None
    due: Day
    paid: bool = False
    disputed: bool = False  # the customer disputes it (the goods, the quantity, the price)


class DealerProfile(Strict):
    """A dealer's money and its main brand's contract (seed 004 · 王强案例, issue 23)."""

    financing_capacity: Optional[NonNegative] = None  # how much the dealer can advance on a project (垫资)
    financing_checked: bool = False  # you confirmed the money (cash, credit line, past projects)
    main_brand: Optional[ShortText] = None  # the brand the dealer mainly sells today
    brand_contract_checked: bool = False  # you asked what the main brand's contract allows and forbids
    brand_restrictions: Optional[FreeText] = None  # what that contract forbids, as the dealer told you


class Reference(Strict):
    """An account of yours the customer could call or visit, with figures you may cite (issue 23)."""

    name: ShortText
    region: Optional[ShortText] = None
    industry: Optional[ShortText] = None
    similar: bool = True  # like this customer (size, market, region)
    figures: Optional[FreeText] = None  # what you can cite: "9M a year, 5M wholesale, 4M retail, 7–8% net"
    annual_sales: Optional[NonNegative] = None
    consent: bool = False  # the reference agreed to be cited or visited


class Prospect(Strict):
    """How a prospect screens (seed 000 · 客户名单的提纯技术, issue 21): the three factors, and its hidden value."""

    fit: Optional[ProspectFit] = None  # how far it is from your ideal customer: close / partial / far
    competition: Optional[CompetitionLevel] = None  # none / some / strong
    distance: Optional[Geography] = None  # near / reachable / far: where it is, for the rep's visits
    hidden_value: Optional[HiddenValue] = None  # high / some / none: growth, standing, what it could become
    bottleneck: Optional[FreeText] = None  # what stands between it and a first order


class Company(Strict):
    """What the CRM knows of the customer itself (an accounts file joined in by `advisor import crm`)."""

    revenue: Optional[NonNegative] = None  # the customer's own yearly revenue, in the CRM's unit
    employees: Optional[int] = Field(default=None, ge=0, le=10_000_000)
    founded: Optional[int] = Field(default=None, ge=1000, le=2200)
    location: Optional[ShortText] = None
    parent: Optional[ShortText] = None  # the group it belongs to


class PolicyEntry(Strict):
    """A customer policy with the date it took effect (``{name: no_gifts, since: 2026-10-01}``)."""

    name: Policy
    since: Optional[dt.date] = None


# a bare name is the same as {name: <it>} with no date; the JSON Schema says both forms
_POLICY_NAME = {"type": "string", "enum": list(terms.POLICIES), "x-vocabulary": "customer policy",
                "x-labels": {k: {"en": en, "zh": zh} for k, (en, zh) in terms.POLICIES.items()}}
PolicyItem = Annotated[PolicyEntry, BeforeValidator(lambda v: {"name": v} if isinstance(v, str) else v),
                       WithJsonSchema({"anyOf": [_POLICY_NAME, {
                           "type": "object", "additionalProperties": False, "required": ["name"],
                           "properties": {"name": _POLICY_NAME,
                                          "since": {"type": "string", "format": "date",
                                                    "description": "the date the policy took effect"}}}]})]


class Account(Strict):
    name: Name
    industry: Optional[ShortText] = None
    stage: Stage = "prepare"
    relationship: Relationship = Field(default_factory=Relationship)
    sales: Sales = Field(default_factory=Sales)
    plan: Plan = Field(default_factory=Plan)
    contacts: list[Contact] = Field(default_factory=list)
    visits: list[Visit] = Field(default_factory=list)
    objections: list[Objection] = Field(default_factory=list)
    # a name, or {name, since}: advice about a *new* policy follows only a recent one
    policies: list[PolicyItem] = Field(default_factory=list)
    competitors: list[Competitor] = Field(default_factory=list)
    opportunities: list[Opportunity] = Field(default_factory=list)
    facts: dict[ShortText, bool] = Field(default_factory=dict)  # industry checklist flags, e.g. signage_independent
    notes: Optional[FreeText] = None
    owner: Optional[ShortText] = None  # the rep or team that owns the account
    team: Optional[ShortText] = None  # the owner's sales team or office (from the CRM)
    company: Optional[Company] = None  # the customer's size and place, as the CRM has them
    crm_id: Optional[ShortText] = None  # the CRM's account id, set by `advisor import crm`
    customer_type: Optional[CustomerType] = None  # dealer / distributor / integrator / end customer
    buying_pattern: Optional[BuyingPattern] = None  # repeat orders / subscription / projects and tenders
    ownership: Optional[Ownership] = None  # state-owned / private / foreign / public institution
    strategic: Optional[bool] = None  # of strategic value beyond its sales (a flagship, a door to a market)
    deals: list[Deal] = Field(default_factory=list)
    promises: list[Promise] = Field(default_factory=list)
    complaints: list[Complaint] = Field(default_factory=list)
    invoices: list[Invoice] = Field(default_factory=list)  # receivables: unpaid past due is money owed now
    dealer: Optional[DealerProfile] = None
    references: list[Reference] = Field(default_factory=list)
    prospect: Optional[Prospect] = None  # screening of an account that has not bought yet (seed 000)
    # where each value was written, so checks against the loaded packs (industry, flags,
    # objection kinds) can name file, line and column too
    _locs: Optional[Locations] = PrivateAttr(default=None)

    @property
    def locations(self) -> Optional[Locations]:
        return self._locs

    @property
    def warnings(self) -> list[str]:
        """What the file's loading noticed but did not refuse (a plain value cut at a '#': files/yamlcut.py), one
        line each naming the file, the line and the fix; [] for an account built in code."""
        return self._locs.warnings() if self._locs is not None else []

    @property
    def policy_names(self) -> list[str]:
        return [p.name for p in self.policies]

    @model_validator(mode="after")
    def _references(self):
        names = [c.name for c in self.contacts]
        seen = set()
        for i, name in enumerate(names):
            if name in seen:
                raise _located(("contacts", i, "name"), f"contact '{name}' appears twice",
                               "give each contact a distinct name")
            seen.add(name)
        for i, c in enumerate(self.contacts):
            for field in ("related_to", "reaches"):
                for j, other in enumerate(getattr(c, field)):
                    if other not in seen:
                        raise _located(("contacts", i, field, j), f"'{other}' is not a contact of this account",
                                       choice_hint(other, names) if names else "add that contact first")
        for field, key in (("visits", "contact"), ("objections", "contact"), ("complaints", "contact"),
                           ("promises", "to")):
            for i, item in enumerate(getattr(self, field)):
                who = getattr(item, key)
                if who is not None and who not in seen:
                    raise _located((field, i, key), f"'{who}' is not a contact of this account",
                                   choice_hint(who, names) if names else "add that contact first")
        return self


class LocatedError(ValueError):
    """A cross-field check that knows which place in the file is wrong."""

    def __init__(self, path, message, fix):
        super().__init__(message)
        self.path, self.message, self.fix = path, message, fix


def _located(path, message, fix):
    return LocatedError(path, message, fix)


def allowed_fields(model: type[BaseModel]):
    """A function giving the field names of the sub-model at a pydantic error location."""
    import typing

    def fields_at(loc: tuple) -> list[str]:
        current: Any = model
        keyed = False  # the part after a dict[str, X] field is a key of the user's choosing, not a field
        for part in loc[:-1]:
            if isinstance(part, int) or keyed:
                keyed = False
                continue
            if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
                return []
            ann = current.model_fields[part].annotation
            while typing.get_origin(ann) is not None and typing.get_args(ann):  # Optional[X], list[X], dict[K, X]
                keyed = typing.get_origin(ann) is dict
                ann = typing.get_args(ann)[-1] if keyed else [a for a in typing.get_args(ann) if a is not type(None)][0]
            current = ann
        if isinstance(current, type) and issubclass(current, BaseModel):
            return list(current.model_fields)
        return []

    return fields_at


def validate_account(data: Any, locs: Locations) -> Account:
    """Validate parsed YAML as an Account; errors name the file, line and fix."""
    if not isinstance(data, dict):
        raise locs.error((), "an account file must be a YAML mapping (name:, contacts:, …)",
                         "start the file with 'name: <account name>'")
    too_many = count_problem(data)
    if too_many is not None:
        raise locs.error(*too_many)
    try:
        account = Account.model_validate(data)
    except ValidationError as exc:
        raise pydantic_error(exc, locs, allowed_fields=allowed_fields(Account)) from None
    account._locs = locs
    return account


def load_account(path: str | Path) -> Account:
    data, locs = load_yaml_file(path)
    return validate_account(data, locs)
