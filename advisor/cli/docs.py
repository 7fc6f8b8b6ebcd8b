"""The project's contract and generated references: schema, docs-format, docs-cli, and init (the
commented account template)."""
from __future__ import annotations

from pathlib import Path

import click

from .common import (default_rules_dir, emit, force_option, friendly, output_options, pack_search, report_sync,
                     rules_option)


@click.command("docs-cli")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if docs/cli.md is stale.")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The file to write (default: docs/cli.md beside the rules folder).")
@force_option
@friendly
def docs_cli(check, out_file, force):
    """Generate docs/cli.md, the reference of every command's --help.

    The file is written atomically, and replaced only if this command generated it
    (see .advisor-generated.json beside it) and nobody edited it since, unless --force.

    Example: advisor docs-cli --check
    """
    from ..toolkit import docs

    root = click.get_current_context().find_root().command  # the whole `advisor` group, whatever it holds
    target = out_file or default_rules_dir().parent / "docs" / "cli.md"
    result = docs.sync(target.parent, {target.name: docs.cli_reference(root)}, check, prune=False,
                       force=force, command="advisor docs-cli")
    report_sync(result, check, "advisor docs-cli")


@click.command("schema")
@click.argument("which", type=click.Choice(["account", "advice", "crm-mapping"]))
@output_options[0]
@output_options[1]
@friendly
def schema(which, output, force):
    """Print the JSON Schema of the account file (account), of advise's JSON output (advice) or of
    the CRM mapping file (crm-mapping).

    Generated from the models; the same files are in docs/schema/. Point your editor at the account
    schema with a first line '# yaml-language-server: $schema=PATH' in an account file.

    Example: advisor schema account -o account.schema.json
    """
    from ..toolkit import accountformat

    emit(accountformat.schema_text(which), output, force)


@click.command("docs-format")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a file is stale.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The docs folder (default: docs/ beside the rules folder).")
@force_option
@friendly
def docs_format(check, out_dir, force):
    """Generate docs/account-format.md, docs/facts.md and docs/schema/*.json from the models.

    Example: advisor docs-format --check
    """
    from ..toolkit import accountformat, docs, factsref

    target = out_dir or default_rules_dir().parent / "docs"
    files = {"account-format.md": accountformat.account_format_md(), "facts.md": factsref.facts_md()}
    files.update({f"schema/{name}": accountformat.schema_text(which)
                  for which, name in accountformat.SCHEMA_FILES.items()})
    report_sync(docs.sync(target, files, check, prune=False, force=force, command="advisor docs-format"), check,
          "advisor docs-format")


@click.command("init")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="Language of the comments and sample names.")
@click.option("--industry", default=None, help="Industry pack: sets industry: and lists its checklist flags.")
@rules_option
@friendly
def init(file, lang, industry, rules_dirs):
    """Write a commented account template to FILE (or print it); never overwrites a file.

    Example: advisor init acme.yaml --lang zh --industry it-distribution
    """
    from importlib.resources import files

    from ..language.pack import find_packs, load_packs
    from ..toolkit import accountinit
    from ..files.errors import AdvisorError, choice_hint

    where = pack_search(rules_dirs)
    installed = find_packs(where)
    flags = None
    if industry:
        if industry not in installed:
            raise AdvisorError(f"unknown industry pack '{industry}'", fix=choice_hint(industry, installed))
        flags = load_packs([industry], where).packs[-1].flags
    schema_file = Path(str(files("advisor._bundled") / "schema" / "account.schema.json")).resolve()
    text = accountinit.template(lang, industry, flags, sorted(installed),
                                schema_file.as_uri() if schema_file.is_file() else None)
    if file is None or str(file) == "-":
        click.echo(text, nl=False)
        return
    from ..files.atomic import write_atomic

    write_atomic(file, text)
    click.echo(f"created {file} — fill it in, then: advisor advise {file}", err=True)


COMMANDS = [docs_cli, docs_format, schema, init]
