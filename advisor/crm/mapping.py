"""The mapping file: which CSV column means what, and how the CRM's words map to the advisor's.

A mapping is YAML the user can read and edit (presets for Salesforce and HubSpot ship in
``presets/``). It names the export's files, the column of each field, how the CRM's stage
names map to advisor stages (or to won / lost), how job titles map to buying roles, how the
CRM's industries map to pack names, and the date formats to try.
"""
from __future__ import annotations

import importlib.resources
import re
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..accounts import terms
from ..files.errors import AdvisorError, choice_hint
from ..files.yamlio import load_yaml_file, load_yaml_text, pydantic_error

PRESETS = ("salesforce", "hubspot")
CLOSED = ("won", "lost")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AccountColumns(_Strict):
    id: str
    name: str
    industry: Optional[str] = None
    owner: Optional[str] = None


class ContactColumns(_Strict):
    id: str
    account: str
    name: Optional[str] = None  # one column with the whole name, or first/last below
    first_name: Optional[str] = None
    last_name: Optional[str] = None
    title: Optional[str] = None


class OpportunityColumns(_Strict):
    id: str
    account: str
    name: str
    stage: str
    amount: Optional[str] = None
    close_date: Optional[str] = None


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
    system: str
    files: Files
    accounts: AccountColumns
    contacts: Optional[ContactColumns] = None
    opportunities: Optional[OpportunityColumns] = None
    activities: list[ActivityFile] = Field(default_factory=list)
    stages: dict[str, str]  # CRM stage name -> advisor stage, or won / lost
    roles: list[RoleRule] = Field(default_factory=list)  # first match wins
    industries: dict[str, str] = Field(default_factory=dict)  # CRM industry -> pack name
    date_formats: list[str] = Field(default_factory=lambda: ["%Y-%m-%d"], min_length=1)
    encoding: str = "utf-8-sig"  # Excel-saved CSVs carry a BOM

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


def _title_has(title: str, word: str) -> bool:
    """English words match on word boundaries ("IT" is not in "Digital"); Chinese by substring."""
    if word.isascii():
        return re.search(r"(?<![A-Za-z])" + re.escape(word.casefold()) + r"(?![A-Za-z])", title.casefold()) is not None
    return word in title


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
        raise pydantic_error(exc, locs) from None
