"""advisor import: accounts brought in from other tools (a CRM's CSV export)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .common import UserError, as_of_option, friendly


@click.group("import")
def import_group():
    """Bring accounts in from other tools (a CRM's CSV export).

    Example: advisor import crm fixtures/crm/salesforce --preset salesforce --currency CNY --out accounts/
    """


@import_group.command("crm")
@click.argument("export_dir", type=click.Path(file_okay=False, path_type=Path), required=False)
@click.option("--preset", type=click.Choice(["salesforce", "hubspot"]), default=None,
              help="A bundled mapping for a standard export.")
@click.option("--mapping", "mapping_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Your own mapping file (docs/crm-mapping.md; start from --mapping-template).")
@click.option("--mapping-template", is_flag=True,
              help="Print a commented mapping file to start from, and exit.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of account files to create or merge into.")
@click.option("--currency", default=None, metavar="CODE",
              help="The amounts' currency (USD, CNY, EUR …) where the mapping does not say it.")
@click.option("--rejected", "rejected_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write every rejected row (reason, file, line, column, message) to this CSV file.")
@as_of_option
@click.option("--force", is_flag=True, help="Rewrite existing account files that the CRM changed (merged, atomic).")
@click.option("--dry-run", is_flag=True, help="Show what would be created or changed; write nothing.")
@friendly
def import_crm(export_dir, preset, mapping_file, mapping_template, out_dir, currency, rejected_file, as_of, force,
               dry_run):
    """Import accounts, contacts, deals and visits from a CRM's CSV export.

    One account file per account in --out: every deal, won, lost and open, with amount, dates,
    product, owner, competitor and loss reason (deals:), from which the history is derived;
    the open ones also as opportunities with their stage; the account's owner by the mapping's
    owner_rule; contacts with titles (buying roles suggested from the title); visits from
    meetings; further files joined in by a key. The amounts' currency is never assumed: the
    mapping or --currency says it. Re-importing merges: the CRM's fields are refreshed, what you
    added by hand (roles, signals, personality, objections, notes, policies, facts) is kept, and
    the changes are listed; an existing file is rewritten only with --force. Rejected rows are
    summarised per reason with the first few by file:line (all of them with --rejected FILE),
    columns no mapping key reads are listed; exit code 1 if any row was rejected.

    Example: advisor import crm fixtures/crm/hubspot --preset hubspot --currency CNY --out my-accounts --as-of 2026-11-23
    """
    from ..crm.importer import run_import
    from ..crm.mapping import load_mapping, template_text
    from .common import emit

    if mapping_template:
        emit(template_text())
        return
    if export_dir is None or out_dir is None:
        raise UserError("give the export folder and --out DIR (or --mapping-template)")
    if (preset is None) == (mapping_file is None):
        raise UserError("give exactly one of --preset or --mapping")
    if currency is not None and not (len(currency) == 3 and currency.isalpha() and currency.isupper()):
        raise UserError(f"--currency {currency}: write a three-letter ISO code such as USD, CNY or EUR")
    mapping = load_mapping(preset=preset, path=mapping_file)
    from ..api import Advisor

    report = run_import(export_dir, mapping, out_dir, as_of=as_of or dt.date.today(), force=force, dry_run=dry_run,
                        currency=currency, packs=set(Advisor().installed))
    verbs = {"created": "would create" if dry_run else "created", "updated": "updated",
             "pending": "would update", "unchanged": "unchanged"}
    for change in report.files:
        if change.status == "unchanged":
            continue
        click.echo(f"{verbs[change.status]}: {change.path}")
        for line in change.changes:
            click.echo(f"    {line}")
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    for line in report.rejected_summary():
        click.echo(line, err=True)
    if rejected_file is not None and report.rejected:
        emit(report.rejected_csv(), rejected_file, force)
        click.echo(f"all {report.rejected_count} rejected rows: {rejected_file}", err=True)
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    summary = ", ".join(f"{report.count(s)} {verbs[s]}" for s in ("created", "updated", "pending", "unchanged"))
    skipped = "; ".join(f"{n} {why}" for why, n in sorted(report.skipped.items()))
    failed = report.rejected_count + len(report.errors)
    click.echo(f"{summary}; {failed} rows failed" + (f"; skipped {skipped}" if skipped else ""))
    if report.count("pending") and not dry_run:
        click.echo("existing files were left as they are: re-run with --force to apply the changes above")
    if failed:
        raise SystemExit(1)


COMMANDS = [import_group]
