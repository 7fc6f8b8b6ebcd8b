"""From CRM rows to account data: the whole deal history, contacts, visits, the joined files.

Pure: it reads the export through ``csvread`` and returns one plain dict per account (the
shape of an account file), the rows it rejected grouped by reason, and warnings (columns no
mapping key reads). Every deal comes in — won, lost and open — as ``deals:``; open deals also
stay ``opportunities:`` with their stage and expected close, which the stage rules read.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..accounts import terms
from ..files.errors import AdvisorError, choice_hint
from .csvread import CsvRow, parse_amount, parse_date, read_rows
from .mapping import Mapping

STAGE_ORDER = tuple(terms.STAGES)  # prepare → … → maintain
# the 12 months before the last 12 are known when the deal history reaches into their first quarter
# (an export that starts later than that would make every account look fast-growing)
QUARTER = dt.timedelta(days=92)


@dataclass
class Built:
    accounts: list[dict]  # account-file dicts, in the export's order
    rejected: dict[str, list[AdvisorError]] = field(default_factory=dict)  # reason -> the rows, in file order
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> rows (not errors: e.g. calls, leads)
    warnings: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[AdvisorError]:
        return [e for rows in self.rejected.values() for e in rows]


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


def missing_currency(mapping: Mapping, currency: Optional[str]) -> Optional[AdvisorError]:
    """Amounts with no declared currency are an error: never assume one (a USD file is not CNY)."""
    opp = mapping.opportunities
    if opp is None or opp.amount is None or currency or mapping.currency or mapping.accounts.currency or opp.currency:
        return None
    return AdvisorError("the mapping reads amounts but does not say their currency",
                        fix="add 'currency: USD' (your code) to the mapping, pass --currency USD, "
                            "or name a currency column (accounts: {currency: …} or opportunities: {currency: …})")


class _Joins:
    """The joined files, read once: per target part, (key column, on column, key -> row values)."""

    def __init__(self, folder: Path, mapping: Mapping, headers: dict[str, list[str]]):
        self.tables: dict[str, list[tuple[str, dict[str, dict[str, str]]]]] = {}
        self.columns: dict[str, set[str]] = {}
        for join in mapping.joins:
            table: dict[str, dict[str, str]] = {}
            for row in read_rows(folder / join.file, join.encoding or mapping.encoding, [join.key], headers=headers):
                key = row.get(join.key)
                if key is not None and key not in table:  # the first row of a key wins, like a lookup
                    table[key] = {k: (v or "").strip() for k, v in row.values.items()}
            self.tables.setdefault(join.to, []).append((join.on, table))
            self.columns.setdefault(join.to, set()).update(headers[str(folder / join.file)])

    def apply(self, part: str, row: CsvRow) -> CsvRow:
        for on, table in self.tables.get(part, []):
            extra = table.get(row.get(on) or "")
            if extra:
                row.values = {**extra, **row.values}  # the row's own columns win
        return row


def _owner(deals: list[dict], rule: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """(owner, team) of the account by the mapping's rule over its deals."""
    owned = [d for d in deals if d.get("owner")]
    if not owned or rule not in ("latest_deal", "most_value"):
        return None, None

    def when(d: dict) -> dt.date:
        return d.get("closed") or d.get("created") or dt.date.min

    if rule == "most_value":
        value: Counter = Counter()
        for d in owned:
            if d["status"] == "won":
                value[d["owner"]] += d.get("amount") or 0
        if value:
            best = max(value.values())
            top = {o for o, v in value.items() if v == best}
            owned = [d for d in owned if d["owner"] in top]  # a tie goes to the latest of them
    latest = max(owned, key=lambda d: (when(d), d.get("crm_id") or ""))
    return latest["owner"], latest.get("_team")


def build_accounts(folder: Path, mapping: Mapping, as_of: dt.date, currency: Optional[str] = None) -> Built:
    """``currency`` (the --currency option) stands in for the mapping's ``currency:``."""
    out = Built(accounts=[])
    enc = mapping.encoding
    currency = currency or mapping.currency
    headers: dict[str, list[str]] = {}
    used: dict[str, set[str]] = {}

    def skip(reason: str) -> None:
        out.skipped[reason] = out.skipped.get(reason, 0) + 1

    def reject(reason: str, error: AdvisorError) -> None:
        out.rejected.setdefault(reason, []).append(error)

    joins = _Joins(folder, mapping, headers)
    for join in mapping.joins:
        used.setdefault(str(folder / join.file), set()).add(join.key)

    def rows(part: str, file: str, required: list[str]):
        path = folder / file
        used.setdefault(str(path), set()).update(mapping.columns_of(part))
        for row in read_rows(path, enc, mapping.columns_of(part) or required, joined=joins.columns.get(part, ()),
                             headers=headers):
            yield joins.apply(part, row)

    for join in mapping.joins:  # a joined column the mapping reads counts as read in the joined file too
        used[str(folder / join.file)].update(set(mapping.columns_of(join.to)) & joins.columns.get(join.to, set()))
        target = getattr(mapping.files, join.to)
        if target:  # and the key column of the rows it joins to is read by the join
            used.setdefault(str(folder / target), set()).add(join.on)

    accounts: dict[str, dict] = {}
    acc_cols = mapping.accounts
    for row in rows("accounts", mapping.files.accounts, [acc_cols.id, acc_cols.name]):
        crm_id, name = row.get(acc_cols.id), row.get(acc_cols.name)
        if not crm_id or not name:
            reject("account row without an id or a name",
                   row.error(acc_cols.id if not crm_id else acc_cols.name, "account row without an id or a name",
                             "fill it in the CRM and export again"))
            continue
        if crm_id in accounts:
            reject("account id appears twice",
                   row.error(acc_cols.id, f"account id {crm_id} appears twice", "export each account once"))
            continue
        account: dict = {"crm_id": crm_id, "name": name}
        industry = row.get(acc_cols.industry)
        if industry and industry in mapping.industries:
            account["industry"] = mapping.industries[industry]
        elif mapping.default_industry:
            account["industry"] = mapping.default_industry
        owner = row.get(acc_cols.owner)
        if owner and mapping.owner_from == "account":
            account["owner"] = owner
        try:
            company = _company(row, mapping)
        except AdvisorError as exc:
            reject("bad number in the accounts file", exc)
            company = {}
        accounts[crm_id] = {"account": account, "company": company, "contacts": [], "contact_names": {},
                            "deals": [], "open": [], "visits": [],
                            "currency": row.get(acc_cols.currency) or currency}

    def owner_of(row: CsvRow, column: str, what: str) -> Optional[dict]:
        ref = _first_id(row.get(column))
        if ref is None:
            reject(f"{what} without an account",
                   row.error(column, f"{what} without an account", "link it to an account in the CRM"))
            return None
        if ref not in accounts:
            reject(f"{what} whose account is not in {mapping.files.accounts}",
                   row.error(column, f"account id {ref} is not in {mapping.files.accounts}",
                             "export the accounts and this file at the same time"))
            return None
        return accounts[ref]

    if mapping.contacts and mapping.files.contacts:
        cols = mapping.contacts
        for row in rows("contacts", mapping.files.contacts, [cols.id, cols.account]):
            if _first_id(row.get(cols.account)) is None:
                skip("contacts without an account")
                continue
            acc = owner_of(row, cols.account, "contact")
            name = _full_name(row, mapping)
            if acc is None:
                continue
            if not name:
                reject("contact without a name", row.error(cols.first_name or cols.name, "contact without a name",
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
        for row in rows("opportunities", mapping.files.opportunities, [cols.id, cols.account, cols.stage]):
            acc = owner_of(row, cols.account, "deal")
            if acc is None:
                continue
            raw_stage = row.get(cols.stage) or ""
            stage = mapping.stages.get(raw_stage)
            if stage is None:
                reject("unknown stage", row.error(cols.stage, f"unknown stage '{raw_stage}'",
                                                  f"{choice_hint(raw_stage, mapping.stages)}; "
                                                  "or add it to stages: in the mapping"))
                continue
            try:
                amount = parse_amount(row, cols.amount)
            except AdvisorError as exc:
                reject("bad amount", exc)
                continue
            try:
                close = parse_date(row, cols.close_date, mapping.date_formats)
                created = parse_date(row, cols.created, mapping.date_formats)
            except AdvisorError as exc:
                reject("bad date", exc)
                continue
            deal = _deal(row, cols, mapping, stage, amount, close, created, acc["currency"])
            acc["deals"].append(deal)
            if stage not in ("won", "lost"):
                acc["open"].append({"crm_id": row.get(cols.id),
                                    "name": row.get(cols.name) or row.get(cols.product) or row.get(cols.id),
                                    "amount": amount, "close_date": close, "stage": stage})

    for spec in mapping.activities:
        path = folder / spec.file
        if not path.exists():
            skip(f"optional file not in the export ({spec.file})")
            continue
        used.setdefault(str(path), set()).update(mapping.columns_of(spec.file))
        for row in read_rows(path, enc, mapping.columns_of(spec.file), headers=headers):
            if _first_id(row.get(spec.account)) is None:
                skip("activities without an account")
                continue
            if not spec.all_visits and row.get(spec.type) not in spec.visit_types:
                skip("activities that are not visits (calls, e-mails, tasks)")
                continue
            acc = owner_of(row, spec.account, "activity")
            if acc is None:
                continue
            try:
                when = parse_date(row, spec.date, mapping.date_formats)
                minutes = parse_amount(row, spec.minutes)
            except AdvisorError as exc:
                reject("bad date or duration", exc)
                continue
            if when is None:
                reject("activity without a date",
                       row.error(spec.date, "activity without a date", "fill in its date in the CRM"))
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

    for path, header in headers.items():
        unmapped = [c for c in header if c and c not in used.get(path, set())]
        if unmapped:
            out.warnings.append(f"{path}: columns no mapping key reads: {', '.join(unmapped)}")
    for acc in accounts.values():
        out.accounts.append(_assemble(acc, as_of, mapping))
    return out


def _company(row: CsvRow, mapping: Mapping) -> dict:
    cols = mapping.accounts
    company: dict = {}
    revenue = parse_amount(row, cols.revenue)
    if revenue is not None:
        company["revenue"] = _clean(revenue)
    for key, column in (("employees", cols.employees), ("founded", cols.founded)):
        raw = row.get(column)
        if raw is None:
            continue
        try:
            company[key] = int(float(raw.replace(",", "")))
        except ValueError:
            raise row.error(column, f"'{raw}' is not a whole number", "write digits only, e.g. 1200") from None
    for key, column in (("location", cols.location), ("parent", cols.parent)):
        value = row.get(column)
        if value:
            company[key] = value
    return company


def _deal(row: CsvRow, cols, mapping: Mapping, stage: str, amount, close, created, account_currency) -> dict:
    status = stage if stage in ("won", "lost") else "open"
    deal: dict = {}
    name = row.get(cols.name)
    if name:
        deal["name"] = name
    deal["status"] = status
    if amount is not None:
        deal["amount"] = _clean(amount)
    own = row.get(cols.currency)
    if own and own != account_currency:
        deal["currency"] = own  # only where it differs: the account's currency is the default
    if created:
        deal["created"] = created
    if close and status != "open":
        deal["closed"] = close
    for key, column in (("product", cols.product), ("owner", cols.owner), ("competitor", cols.competitor)):
        value = row.get(column)
        if value:
            deal[key] = value
    reason = row.get(cols.loss_reason)
    note = row.get(cols.note)
    if reason and status == "lost":
        mapped = mapping.loss_reasons.get(reason) or (reason if reason in terms.LOSS_REASONS else None)
        deal["loss_reason"] = mapped or "other"
        if mapped is None:  # the CRM's own words are kept where no mapping says what they mean
            note = f"{reason}: {note}" if note else reason
    if note:
        deal["note"] = note
    deal["crm_id"] = row.get(cols.id)
    team = row.get(cols.team)
    if team:
        deal["_team"] = team  # for the account's team; not a deal field
    return deal


def _assemble(acc: dict, as_of: dt.date, mapping: Mapping) -> dict:
    account = dict(acc["account"])
    deals = acc["deals"]
    owner, team = _owner(deals, mapping.owner_from)
    if owner:
        account["owner"] = owner
    if team:
        account["team"] = team
    if acc["company"]:
        account["company"] = acc["company"]
    currency = acc["currency"] or _most_common([d["currency"] for d in deals if d.get("currency")])
    won = [d for d in deals if d["status"] == "won" and d.get("closed") and d["closed"] <= as_of
           and d.get("currency", currency) == currency]
    if won or currency:
        sales: dict = {}
        if won:
            year = dt.timedelta(days=365)
            last = sum(d.get("amount") or 0 for d in won if d["closed"] > as_of - year)
            sales = {"last_12m": _clean(round(last, 2))}
            if min(d["closed"] for d in won) <= as_of - 2 * year + QUARTER:  # else the year before is unknown, not 0
                prior = sum(d.get("amount") or 0 for d in won if as_of - 2 * year < d["closed"] <= as_of - year)
                sales["prior_12m"] = _clean(round(prior, 2))
            sales["last_order"] = max(d["closed"] for d in won)
        if currency:
            sales["currency"] = currency
        account["sales"] = sales
    open_deals = sorted(acc["open"], key=lambda d: (d["close_date"] or dt.date.max, d["crm_id"]))
    if open_deals:
        account["stage"] = max((d["stage"] for d in open_deals), key=STAGE_ORDER.index)
    elif any(d["status"] == "won" for d in deals):
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
    if deals:
        # oldest first, as a history reads; open deals (no close) after the closed ones
        ordered = sorted(deals, key=lambda d: (d.get("closed") or d.get("created") or dt.date.max,
                                               d.get("crm_id") or ""))
        account["deals"] = [{k: v for k, v in d.items() if not k.startswith("_")} for d in ordered]
    return account


def _most_common(values: list[str]) -> Optional[str]:
    if not values:
        return None
    counts = Counter(values)
    return min(counts, key=lambda v: (-counts[v], v))
