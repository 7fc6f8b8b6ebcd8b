"""The mapping file: which CSV column means what, and how the CRM's words map to the advisor's.

A mapping is YAML the user can read and edit (presets for Salesforce and HubSpot ship in
``presets/``; docs/crm-mapping.md documents every key, docs/schema/crm-mapping.schema.json is
its JSON Schema). It names the export's files, the column of each field, further files joined
in by a key (teams, products), how the CRM's stage names map to advisor stages (or to won /
lost), how job titles map to buying roles, how the CRM's industries map to packs, the currency
of the amounts, which deal's owner becomes the account's owner, and the date formats to try.
"""
from __future__ import annotations

import importlib.resources
import re
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..accounts import terms
from ..files.errors import AdvisorError, choice_hint
from ..files.yamlio import load_yaml_file, load_yaml_text, pydantic_error

PRESETS = ("salesforce", "hubspot")
CLOSED = ("won", "lost")
OWNER_RULES = ("account", "latest_deal", "most_value")
_CURRENCY = r"^[A-Z]{3}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AccountColumns(_Strict):
    id: str
    name: str
    industry: Optional[str] = None
    owner: Optional[str] = None
    currency: Optional[str] = Field(default=None, description="column with the account's currency (ISO code)")
    revenue: Optional[str] = Field(default=None, description="column with the customer's own yearly revenue")
    employees: Optional[str] = Field(default=None, description="column with the customer's head count")
    founded: Optional[str] = Field(default=None, description="column with the year the customer was founded")
    location: Optional[str] = Field(default=None, description="column with where the customer is")
    parent: Optional[str] = Field(default=None, description="column with the customer's parent company")


class ContactColumns(_Strict):
    id: str
    account: str
    name: Optional[str] = None  # one column with the whole name, or first/last below
    first_name: Optional[str] = None
    last_name: Optional[str] = None
    title: Optional[str] = None


class OpportunityColumns(_Strict):
    """The deals file: every row a deal, won, lost or open (the stage says which)."""

    id: str
    account: str
    name: Optional[str] = None  # else the deal's product, else its id
    stage: str
    amount: Optional[str] = None
    close_date: Optional[str] = None  # the day it was won or lost; for an open deal, the expected close
    created: Optional[str] = None  # the day the deal was opened (engaged)
    owner: Optional[str] = None  # the rep who owns the deal
    team: Optional[str] = None  # that rep's team (often a joined column: a teams file)
    product: Optional[str] = None
    competitor: Optional[str] = None  # who won it when lost
    loss_reason: Optional[str] = None
    currency: Optional[str] = None  # column with the deal's currency (ISO code)
    note: Optional[str] = None


class Join(_Strict):
    """A further file whose columns are added to the rows of one of the mapped files by a key:
    a teams file by the deal's owner, a products file by the deal's product."""

    file: str
    key: str  # the column of the joined file that identifies a row
    to: Literal["accounts", "contacts", "opportunities"]  # whose rows receive its columns
    on: str  # the column of those rows holding the key
    encoding: Optional[str] = None  # when this file's encoding differs from the mapping's (e.g. cp1252)


class ActivityFile(_Strict):
    """One activity file (tasks, events, meetings, calls). Only visits become account visits."""

    file: str
    id: str
    account: str
    date: str
    contact: Optional[str] = None
    subject: Optional[str] = None
    minutes: Optional[str] = None
    type: Optional[str] = None  # the column holding the activity type …
    visit_types: list[str] = Field(default_factory=list)  # … and the types that are visits
    all_visits: bool = False  # every row of this file is a meeting (e.g. Salesforce Event.csv)


class RoleRule(_Strict):
    match: list[str] = Field(min_length=1)  # words looked for in the title, case-insensitive
    roles: list[str] = Field(min_length=1)

    @field_validator("roles")
    @classmethod
    def _known_roles(cls, roles):
        for role in roles:
            if role not in terms.ROLES:
                raise ValueError(f"unknown buying role '{role}' ({choice_hint(role, terms.ROLES)})")
        return roles


class Files(_Strict):
    accounts: str
    contacts: Optional[str] = None
    opportunities: Optional[str] = None


class Mapping(_Strict):
    """A CRM mapping file (docs/crm-mapping.md)."""

    system: str = Field(description="the CRM's name, written into each imported file's header")
    files: Files = Field(description="the export's CSV files, relative to the export folder")
    accounts: AccountColumns = Field(description="the accounts file's columns")
    contacts: Optional[ContactColumns] = Field(default=None, description="the contacts file's columns")
    opportunities: Optional[OpportunityColumns] = Field(
        default=None, description="the deals file's columns: every row a won, lost or open deal")
    activities: list[ActivityFile] = Field(default_factory=list,
                                           description="activity files; only visits become account visits")
    joins: list[Join] = Field(default_factory=list,
                              description="further files joined by a key (teams, products); their columns "
                                          "can be named like the file's own")
    stages: dict[str, str] = Field(description="CRM stage -> advisor stage (prepare … maintain), or won / lost")
    roles: list[RoleRule] = Field(default_factory=list,
                                  description="job-title words -> buying roles; the first rule that matches wins")
    industries: dict[str, str] = Field(default_factory=dict,
                                       description="CRM industry / sector -> industry pack, or other (core only)")
    default_industry: Optional[str] = Field(default=None,
                                            description="the pack for an industry not in industries: (e.g. other)")
    loss_reasons: dict[str, str] = Field(
        default_factory=dict, description="CRM loss reason -> price / product / service / relationship / timing / "
                                          "no_decision / other; an unmapped reason becomes other, its words a note")
    currency: Optional[str] = Field(default=None, pattern=_CURRENCY,
                                    description="the ISO code of the amounts (USD, CNY, EUR); required when amounts "
                                                "are read and no currency column is named")
    owner_rule: Optional[Literal["account", "latest_deal", "most_value"]] = Field(
        default=None, description="the account's owner: the accounts file's owner column (account), the owner of "
                                  "the latest deal (latest_deal), or the owner with the most won value (most_value)")
    date_formats: list[str] = Field(default_factory=lambda: ["%Y-%m-%d"], min_length=1,
                                    description="strptime formats tried in order")
    encoding: str = Field(default="utf-8-sig", description="the files' text encoding (Excel's UTF-8 carries a BOM)")

    @field_validator("stages")
    @classmethod
    def _known_stages(cls, stages):
        for crm, ours in stages.items():
            if ours not in terms.STAGES and ours not in CLOSED:
                raise ValueError(f"stage '{crm}' maps to '{ours}', which is neither an advisor stage nor won/lost "
                                 f"({choice_hint(ours, list(terms.STAGES) + list(CLOSED))})")
        return stages

    def roles_for(self, title: Optional[str]) -> list[str]:
        """Buying roles suggested by a job title: the first rule that matches wins, so the
        mapping lists the specific before the general ("Assistant to the CEO" is a gatekeeper)."""
        if not title:
            return []
        for rule in self.roles:
            if any(_title_has(title, word) for word in rule.match):
                return list(rule.roles)
        return []


    @field_validator("loss_reasons")
    @classmethod
    def _known_reasons(cls, reasons):
        for crm, ours in reasons.items():
            if ours not in terms.LOSS_REASONS:
                raise ValueError(f"loss reason '{crm}' maps to '{ours}' "
                                 f"({choice_hint(ours, terms.LOSS_REASONS)})")
        return reasons

    @model_validator(mode="after")
    def _owner_rule_has_its_column(self):
        deal_owner = self.opportunities is not None and self.opportunities.owner is not None
        if self.owner_rule in ("latest_deal", "most_value") and not deal_owner:
            raise ValueError(f"owner_rule {self.owner_rule} needs the deals' owner column "
                             "(opportunities: {owner: <column>})")
        if self.owner_rule == "account" and self.accounts.owner is None:
            raise ValueError("owner_rule account needs the accounts' owner column (accounts: {owner: <column>})")
        return self

    @property
    def owner_from(self) -> Optional[str]:
        """Where the account's owner comes from: the declared rule, else the accounts file's
        owner column, else the owner of the latest deal."""
        if self.owner_rule:
            return self.owner_rule
        if self.accounts.owner:
            return "account"
        if self.opportunities is not None and self.opportunities.owner:
            return "latest_deal"
        return None

    def columns_of(self, part: str) -> list[str]:
        """Every column this mapping reads from the file of ``part`` (accounts / contacts /
        opportunities, or an activity file's name): the columns it must find there."""
        if part in ("accounts", "contacts", "opportunities"):
            cols = getattr(self, part)
            return [] if cols is None else [v for v in cols.model_dump().values() if isinstance(v, str)]
        spec = next(a for a in self.activities if a.file == part)
        return [v for k, v in spec.model_dump().items() if isinstance(v, str) and k != "file"]


def _title_has(title: str, word: str) -> bool:
    """English words match on word boundaries ("IT" is not in "Digital"); Chinese by substring."""
    if word.isascii():
        return re.search(r"(?<![A-Za-z])" + re.escape(word.casefold()) + r"(?![A-Za-z])", title.casefold()) is not None
    return word in title


def template_text() -> str:
    """The commented mapping template (`advisor import crm --mapping-template`)."""
    return importlib.resources.files(__package__).joinpath("presets", "template.yaml").read_text("utf-8")


def load_mapping(preset: Optional[str] = None, path: Optional[Path] = None) -> Mapping:
    """A preset by name, or the user's mapping file (errors name file, line and fix)."""
    if path is not None:
        data, locs = load_yaml_file(path)
    else:
        if preset not in PRESETS:
            raise AdvisorError(f"unknown CRM preset '{preset}'", fix=choice_hint(str(preset), PRESETS))
        text = importlib.resources.files(__package__).joinpath("presets", f"{preset}.yaml").read_text("utf-8")
        data, locs = load_yaml_text(text, f"preset:{preset}")
    if not isinstance(data, dict):
        raise locs.error((), "a CRM mapping must be a YAML mapping", "start from a preset: advisor import crm --help")
    try:
        return Mapping.model_validate(data)
    except ValidationError as exc:
        from ..accounts.account import allowed_fields  # its did-you-mean for an unknown key

        raise pydantic_error(exc, locs, allowed_fields=allowed_fields(Mapping), what="a mapping") from None
