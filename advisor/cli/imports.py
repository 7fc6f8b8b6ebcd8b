"""advisor import: accounts brought in from other tools (a CRM's CSV export)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .common import UserError, as_of_option, friendly


@click.group("import")
def import_group():
    """Bring accounts in from other tools (a CRM's CSV export).

    Example: advisor import crm fixtures/crm/salesforce --preset salesforce --out accounts/
    """


@import_group.command("crm")
@click.argument("export_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--preset", type=click.Choice(["salesforce", "hubspot"]), default=None,
              help="A bundled mapping for a standard export.")
@click.option("--mapping", "mapping_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Your own mapping file (YAML: columns, stages, titles -> roles, industries, date formats).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder of account files to create or merge into.")
@as_of_option
@click.option("--force", is_flag=True, help="Rewrite existing account files that the CRM changed (merged, atomic).")
@click.option("--dry-run", is_flag=True, help="Show what would be created or changed; write nothing.")
@friendly
def import_crm(export_dir, preset, mapping_file, out_dir, as_of, force, dry_run):
    """Import accounts, contacts, deals and visits from a CRM's CSV export.

    One account file per account in --out: sales history from won deals (last 12 months, the
    12 before, last order), open deals with amount, stage and close date, contacts with titles
    (buying roles suggested from the title), visits from meetings. Re-importing merges: the
    CRM's fields are refreshed, what you added by hand (roles, signals, personality,
    objections, notes, policies, facts) is kept, and the changes are listed; an existing file
    is rewritten only with --force. Bad rows are reported with file:line:col and skipped;
    exit code 1 if any row failed.

    Example: advisor import crm fixtures/crm/hubspot --preset hubspot --out my-accounts --as-of 2026-11-23
    """
    from ..crm.importer import run_import
    from ..crm.mapping import load_mapping

    if (preset is None) == (mapping_file is None):
        raise UserError("give exactly one of --preset or --mapping")
    mapping = load_mapping(preset=preset, path=mapping_file)
    report = run_import(export_dir, mapping, out_dir, as_of=as_of or dt.date.today(), force=force, dry_run=dry_run)
    verbs = {"created": "would create" if dry_run else "created", "updated": "updated",
             "pending": "would update", "unchanged": "unchanged"}
    for change in report.files:
        if change.status == "unchanged":
            continue
        click.echo(f"{verbs[change.status]}: {change.path}")
        for line in change.changes:
            click.echo(f"    {line}")
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    summary = ", ".join(f"{report.count(s)} {verbs[s]}" for s in ("created", "updated", "pending", "unchanged"))
    skipped = "; ".join(f"{n} {why}" for why, n in sorted(report.skipped.items()))
    click.echo(f"{summary}; {len(report.errors)} rows failed" + (f"; skipped {skipped}" if skipped else ""))
    if report.count("pending") and not dry_run:
        click.echo("existing files were left as they are: re-run with --force to apply the changes above")
    if report.errors:
        raise SystemExit(1)


COMMANDS = [import_group]
