"""From CRM rows to account data: sales history from won deals, open deals, contacts, visits.

Pure: it reads the export through ``csvread`` and returns one plain dict per account (the
shape of an account file) plus the located errors of the rows it had to skip.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..accounts import terms
from ..files.errors import AdvisorError, choice_hint
from .csvread import CsvRow, parse_amount, parse_date, read_rows
from .mapping import Mapping

STAGE_ORDER = tuple(terms.STAGES)  # prepare → … → maintain


@dataclass
class Built:
    accounts: list[dict]  # account-file dicts, in the export's order
    errors: list[AdvisorError] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> rows (not errors: e.g. calls, leads)


def _first_id(raw: Optional[str]) -> Optional[str]:
    """HubSpot writes several associations as 'id1;id2': the first is the primary one."""
    if raw is None:
        return None
    return raw.split(";")[0].strip() or None


def _clean(number: float) -> float | int:
    return int(number) if float(number).is_integer() else number


def _full_name(row: CsvRow, mapping: Mapping) -> Optional[str]:
    cols = mapping.contacts
    if cols.name:
        return row.get(cols.name)
    first, last = row.get(cols.first_name), row.get(cols.last_name)
    parts = [p for p in (first, last) if p]
    if not parts:
        return None
    # Chinese names are written family name first, without a space (王强, not 强 王)
    if all(not p.isascii() for p in parts) and first and last:
        return last + first
    return " ".join(parts)


def build_accounts(folder: Path, mapping: Mapping, as_of: dt.date) -> Built:
    out = Built(accounts=[])
    enc = mapping.encoding

    def skip(reason: str) -> None:
        out.skipped[reason] = out.skipped.get(reason, 0) + 1

    accounts: dict[str, dict] = {}
    acc_cols = mapping.accounts
    for row in read_rows(folder / mapping.files.accounts, enc, [acc_cols.id, acc_cols.name]):
        crm_id, name = row.get(acc_cols.id), row.get(acc_cols.name)
        if not crm_id or not name:
            out.errors.append(row.error(acc_cols.id if not crm_id else acc_cols.name,
                                        "account row without an id or a name", "fill it in the CRM and export again"))
            continue
        if crm_id in accounts:
            out.errors.append(row.error(acc_cols.id, f"account id {crm_id} appears twice", "export each account once"))
            continue
        industry = row.get(acc_cols.industry)
        account = {"crm_id": crm_id, "name": name}
        if industry and industry in mapping.industries:
            account["industry"] = mapping.industries[industry]
        owner = row.get(acc_cols.owner)
        if owner:
            account["owner"] = owner
        accounts[crm_id] = {"account": account, "contacts": [], "contact_names": {}, "won": [], "open": [],
                            "visits": []}

    def owner_of(row: CsvRow, column: str) -> Optional[dict]:
        ref = _first_id(row.get(column))
        if ref is None:
            return None
        if ref not in accounts:
            out.errors.append(row.error(column, f"account id {ref} is not in {mapping.files.accounts}",
                                        "export the accounts and this file at the same time"))
            return None
        return accounts[ref]

    if mapping.contacts and mapping.files.contacts:
        cols = mapping.contacts
        for row in read_rows(folder / mapping.files.contacts, enc, [cols.id, cols.account]):
            if _first_id(row.get(cols.account)) is None:
                skip("contacts without an account")
                continue
            acc = owner_of(row, cols.account)
            name = _full_name(row, mapping)
            if acc is None:
                continue
            if not name:
                out.errors.append(row.error(cols.first_name or cols.name, "contact without a name",
                                            "fill in the contact's name in the CRM"))
                continue
            taken = {c["name"] for c in acc["contacts"]}
            if name in taken:  # two people of the same name at one account: keep both, told apart
                name = f"{name} ({row.get(cols.id)})"
            contact = {"crm_id": row.get(cols.id), "name": name}
            title = row.get(cols.title)
            if title:
                contact["title"] = title
            roles = mapping.roles_for(title)
            if roles:
                contact["roles"] = roles
            acc["contacts"].append(contact)
            acc["contact_names"][row.get(cols.id)] = name

    if mapping.opportunities and mapping.files.opportunities:
        cols = mapping.opportunities
        for row in read_rows(folder / mapping.files.opportunities, enc, [cols.id, cols.account, cols.stage]):
            acc = owner_of(row, cols.account)
            if acc is None:
                if _first_id(row.get(cols.account)) is None:
                    out.errors.append(row.error(cols.account, "opportunity without an account",
                                                "link it to an account in the CRM"))
                continue
            raw_stage = row.get(cols.stage) or ""
            stage = mapping.stages.get(raw_stage)
            if stage is None:
                out.errors.append(row.error(cols.stage, f"unknown stage '{raw_stage}'",
                                            f"{choice_hint(raw_stage, mapping.stages)}; or add it to stages: in the mapping"))
                continue
            try:
                amount = parse_amount(row, cols.amount)
                close = parse_date(row, cols.close_date, mapping.date_formats)
            except AdvisorError as exc:
                out.errors.append(exc)
                continue
            deal = {"crm_id": row.get(cols.id), "name": row.get(cols.name) or row.get(cols.id), "amount": amount,
                    "close_date": close, "stage": stage}
            if stage == "won":
                acc["won"].append(deal)
            elif stage != "lost":
                acc["open"].append(deal)

    for spec in mapping.activities:
        path = folder / spec.file
        if not path.exists():
            skip(f"optional file not in the export ({spec.file})")
            continue
        for row in read_rows(path, enc, [spec.id, spec.account, spec.date]):
            if _first_id(row.get(spec.account)) is None:
                skip("activities without an account")
                continue
            if not spec.all_visits and row.get(spec.type) not in spec.visit_types:
                skip("activities that are not visits (calls, e-mails, tasks)")
                continue
            acc = owner_of(row, spec.account)
            if acc is None:
                continue
            try:
                when = parse_date(row, spec.date, mapping.date_formats)
                minutes = parse_amount(row, spec.minutes)
            except AdvisorError as exc:
                out.errors.append(exc)
                continue
            if when is None:
                out.errors.append(row.error(spec.date, "activity without a date", "fill in its date in the CRM"))
                continue
            if when > as_of:
                skip("meetings planned after --as-of")
                continue
            visit = {"crm_id": row.get(spec.id), "date": when}
            who = acc["contact_names"].get(_first_id(row.get(spec.contact)) or "")
            if who:
                visit["contact"] = who
            if minutes is not None:
                visit["minutes"] = _clean(minutes)
            subject = row.get(spec.subject)
            if subject:
                visit["note"] = subject
            acc["visits"].append(visit)

    for acc in accounts.values():
        out.accounts.append(_assemble(acc, as_of))
    return out


def _assemble(acc: dict, as_of: dt.date) -> dict:
    account = dict(acc["account"])
    won = [d for d in acc["won"] if d["close_date"] is not None and d["close_date"] <= as_of]
    if won:
        year = dt.timedelta(days=365)
        last = sum(d["amount"] or 0 for d in won if d["close_date"] > as_of - year)
        prior = sum(d["amount"] or 0 for d in won if as_of - 2 * year < d["close_date"] <= as_of - year)
        account["sales"] = {"last_12m": _clean(round(last, 2)), "prior_12m": _clean(round(prior, 2)),
                            "last_order": max(d["close_date"] for d in won)}
    open_deals = sorted(acc["open"], key=lambda d: (d["close_date"] or dt.date.max, d["crm_id"]))
    if open_deals:
        account["stage"] = max((d["stage"] for d in open_deals), key=STAGE_ORDER.index)
    elif won:
        account["stage"] = "maintain"
    visited = {v.get("contact") for v in acc["visits"]}
    contacts = []
    for c in acc["contacts"]:
        if c["name"] in visited:
            c = {**c, "met": True}
        contacts.append(c)
    if contacts:
        account["contacts"] = contacts
    visits = sorted(acc["visits"], key=lambda v: (v["date"], v["crm_id"]))
    if visits:
        account["visits"] = visits
    if open_deals:
        account["opportunities"] = [
            {k: (_clean(v) if k == "amount" and v is not None else v) for k, v in d.items() if v is not None}
            for d in open_deals]
    return account
