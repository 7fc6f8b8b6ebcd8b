"""`advisor import crm`: an export folder in, one account file per account out (merged on re-import).

Flow: read the export (csvread) → assemble accounts (build) → validate each as an account
file would be → new account: a new file; known account (same ``crm_id`` in the output
folder): merge into the rep's file (merge) and show the diff. An existing file is rewritten
only with ``force``; every write is atomic. A bad row or account is reported and skipped.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from ..accounts.account import validate_account
from ..files.atomic import write_atomic
from ..files.errors import AdvisorError, choice_hint
from ..files.yamlio import Locations
from .build import build_accounts, missing_currency
from .mapping import Mapping
from .merge import merge_account, plain


@dataclass
class FileChange:
    path: Path
    status: str  # created / updated / pending (would update; needs --force) / unchanged
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    files: list[FileChange] = field(default_factory=list)
    errors: list[AdvisorError] = field(default_factory=list)  # accounts that could not be written
    rejected: dict[str, list[AdvisorError]] = field(default_factory=dict)  # reason -> rows, in file order
    skipped: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def rejected_count(self) -> int:
        return sum(len(rows) for rows in self.rejected.values())

    def rejected_summary(self, first: int = 3) -> list[str]:
        """Per reason (most rows first): the count, then the first few rows by file and line."""
        lines = []
        for reason, rows in sorted(self.rejected.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            lines.append(f"{len(rows)} rejected: {reason}")
            lines += [f"    {row}" for row in rows[:first]]
            if len(rows) > first:
                lines.append(f"    … and {len(rows) - first} more")
        return lines

    def rejected_csv(self) -> str:
        """Every rejected row as CSV (reason, file, line, column, message, fix), for --rejected FILE; a
        message quotes the CRM's cells, so no cell may run as a formula (files/csvsafe.py)."""
        from ..files import csvsafe

        buffer = io.StringIO()
        out = csvsafe.writer(buffer)
        out.writerow(["reason", "file", "line", "column", "message", "fix"])
        for reason, rows in sorted(self.rejected.items()):
            for row in rows:
                out.writerow([reason, row.file or "", row.line or "", row.col or "", row.message, row.fix or ""])
        return buffer.getvalue()


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_unicode = True
    yaml.width = 4096  # never fold a long deal name or note over two lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.ignore_aliases = lambda data: True  # a date shared by two fields is written twice, not as &id001
    return yaml


def _dump(doc: CommentedMap) -> str:
    deals = doc.get("deals")
    if isinstance(deals, list):  # one deal a line: a history of a hundred deals stays readable
        for i, deal in enumerate(deals):
            if isinstance(deal, dict):
                deals[i] = deal = deal if isinstance(deal, CommentedMap) else CommentedMap(deal)
                deal.fa.set_flow_style()
    buffer = io.StringIO()
    _yaml().dump(doc, buffer)
    return buffer.getvalue()


def _known_files(out_dir: Path, report: ImportReport) -> dict[str, tuple[Path, CommentedMap]]:
    """crm_id -> (file, parsed document) for the account files already in the output folder."""
    known: dict[str, tuple[Path, CommentedMap]] = {}
    if not out_dir.is_dir():
        return known
    for path in sorted(p for p in out_dir.iterdir() if p.suffix in (".yaml", ".yml")):
        try:
            doc = _yaml().load(path.read_text(encoding="utf-8"))
        except (YAMLError, UnicodeDecodeError, OSError) as exc:
            report.errors.append(AdvisorError(f"cannot read this account file ({type(exc).__name__}); left as it is",
                                              file=str(path), fix="fix or move the file, then import again"))
            continue
        if isinstance(doc, CommentedMap) and doc.get("crm_id"):
            known[str(doc["crm_id"])] = (path, doc)
    return known


def _file_name(name: str, crm_id: str, out_dir: Path, taken: set[str]) -> Path:
    stem = re.sub(r"[^\w\-]+", "-", name, flags=re.UNICODE).strip("-_")[:60] or "account"
    safe_id = re.sub(r"[^\w-]+", "-", crm_id)
    for candidate in (stem, f"{stem}-{safe_id}"):
        path = out_dir / f"{candidate}.yaml"
        if path.name not in taken and not path.exists():
            taken.add(path.name)
            return path
    raise AdvisorError(f"no free file name for account {name} ({crm_id})", file=str(out_dir),
                       fix="move the files that are in the way")


def _header(mapping: Mapping, as_of: dt.date) -> str:
    return (f"imported from a {mapping.system} export as of {as_of.isoformat()} by `advisor import crm`.\n"
            "On re-import the CRM's fields (name, industry, owner, team, company, stage, sales, deals,\n"
            "opportunities and visits with a crm_id, contact titles) are refreshed; what you add by hand\n"
            "(roles, signals, personality, objections, notes, policies, facts, deals without a crm_id) is kept.")


_TOO_LONG = re.compile(r"should have at most ([\d,]+) characters")


def _at_the_cell(exc: AdvisorError, fresh: dict, export_dir: Path) -> AdvisorError:
    """A value too long for its field, reported at the CSV cell it came from (file:line:col) with a
    fix, not at the account built from it (issue 20: "companies.csv[9000000]: name: String should
    have at most 200 characters")."""
    match = _TOO_LONG.search(exc.message)
    if match is None:
        return exc
    limit = int(match.group(1).replace(",", ""))
    from .csvread import find_cell

    for value in sorted(_strings(fresh), key=len, reverse=True):
        if len(value) <= limit:
            break
        found = find_cell(Path(export_dir), value, limit)
        if found is not None:
            file, line, col, column = found
            field = exc.message.split(":", 1)[0]
            return AdvisorError(f"column '{column}' makes {field} {len(value):,} characters long, more than the "
                                f"{limit:,} it may have", file=file, line=line, col=col,
                                fix="shorten it in the CRM (or in the export), or map a shorter column in the mapping")
    return exc


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, (list, tuple)):
        return [s for v in node for s in _strings(v)]
    return []


def check_industries(mapping: Mapping, packs: set[str]) -> None:
    """Every pack the mapping sends accounts to is installed (or ``other``: core only) — a typo here
    would otherwise surface only when each imported account is advised."""
    allowed = (set(packs) - {"core"}) | {"other"}
    targets = [(f"industries: {crm}", pack) for crm, pack in mapping.industries.items()]
    if mapping.default_industry:
        targets.append(("default_industry", mapping.default_industry))
    for where, pack in targets:
        if pack not in allowed:
            raise AdvisorError(f"the mapping's {where} names '{pack}', which is no installed industry pack",
                               fix=choice_hint(pack, allowed))


def run_import(export_dir: Path, mapping: Mapping, out_dir: Path, *, as_of: dt.date, force: bool = False,
               dry_run: bool = False, currency: Optional[str] = None,
               packs: Optional[set[str]] = None) -> ImportReport:
    """``currency`` (--currency) declares the amounts' currency where the mapping does not;
    ``packs`` (the installed pack names), when given, are what ``industries:`` may map to."""
    problem = missing_currency(mapping, currency)
    if problem is not None:
        raise problem
    if packs is not None:
        check_industries(mapping, packs)
    report = ImportReport()
    built = build_accounts(export_dir, mapping, as_of, currency=currency)
    report.rejected = built.rejected
    report.warnings = list(built.warnings)
    report.skipped = dict(built.skipped)
    known = _known_files(out_dir, report)
    taken: set[str] = set()
    for fresh in built.accounts:
        label = f"{export_dir / mapping.files.accounts}[{fresh['crm_id']}]"
        try:
            validate_account(fresh, Locations(label))
        except AdvisorError as exc:
            report.errors.append(_at_the_cell(exc, fresh, export_dir))
            continue
        if fresh["crm_id"] in known:
            path, doc = known[fresh["crm_id"]]
            changes = merge_account(doc, fresh)
            if not changes:
                report.files.append(FileChange(path, "unchanged"))
                continue
            try:  # the merged file must still be a valid account (e.g. a hand-written visit names a contact)
                validate_account(plain(doc), Locations(str(path)))
            except AdvisorError as exc:
                report.errors.append(exc)
                continue
            if not force or dry_run:
                report.files.append(FileChange(path, "pending", changes))
                continue
            write_atomic(path, _dump(doc), force=True)
            report.files.append(FileChange(path, "updated", changes))
        else:
            path = _file_name(fresh["name"], fresh["crm_id"], out_dir, taken)
            doc = CommentedMap(fresh)
            doc.yaml_set_start_comment(_header(mapping, as_of))
            if not dry_run:
                write_atomic(path, _dump(doc))
            report.files.append(FileChange(path, "created"))
    return report

