"""The command line: a thin layer over ``advisor.api``.

Every user mistake becomes one line on stderr and exit code 2 (never a
traceback); outputs are deterministic for the same facts, packs and --as-of.
"""
from __future__ import annotations

import datetime as dt
import functools
import sys
from pathlib import Path

import click

from .output import explain as explain_mod
from .output import render
from .accounts.account import load_account
from .api import Advisor, default_rules_dir
from .files.errors import AdvisorError


class UserError(click.ClickException):
    """Bad input: one line, exit code 2."""

    exit_code = 2


def friendly(func):
    """Turn AdvisorError into a one-line click error."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except AdvisorError as exc:
            raise UserError(str(exc)) from None

    return wrapper


def parse_date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; write YYYY-MM-DD, e.g. 2026-11-23") from None


rules_option = click.option("--rules", "rules_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                            help="Folder of rule packs (default: the bundled rules/).")
pack_option = click.option("--pack", "packs", multiple=True,
                           help="Pack to use (repeatable). Default: core plus the account's industry pack.")
as_of_option = click.option("--as-of", "as_of", callback=parse_date, default=None, metavar="YYYY-MM-DD",
                            help="Date to advise as of (default: today).")
lang_option = click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
                           help="Language of actions and explanations.")


def advice_options(top: int, top_help: str):
    """The options shared by commands that print advice (advise, batch)."""

    def decorate(func):
        for option in reversed([
            pack_option, as_of_option, lang_option,
            click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
                         show_default=True),
            click.option("--top", "top_n", type=click.IntRange(min=0), default=top, show_default=True, help=top_help),
            rules_option, friendly,
        ]):
            func = option(func)
        return func

    return decorate


@click.group()
@click.version_option(package_name="advisor")
def cli():
    """Next-best-action advice for B2B key accounts, from declarative rule packs.

    Example: advisor advise fixtures/accounts/jingfeng-dealer.yaml --as-of 2026-11-23
    """


@cli.command()
@click.argument("account", type=click.Path(path_type=Path))
@advice_options(top=5, top_help="How many actions to show (0 = all).")
def advise(account, packs, as_of, lang, fmt, top_n, rules_dir):
    """Rank the next best actions for one account.

    Example: advisor advise fixtures/accounts/tcl-too-expensive.yaml --lang zh --top 3
    """
    advisor = Advisor(rules_dir or default_rules_dir())
    advice = advisor.advise(load_account(account), as_of=as_of, packs=list(packs) or None)
    if fmt == "json":
        click.echo(render.dump_json(render.as_dict(advice, lang, top_n)), nl=False)
    else:
        click.echo(render.RENDERERS[fmt](advice, lang, top_n), nl=False)
    for err in advice.errors:
        click.echo(f"warning: rule action failed: {err}", err=True)


@cli.command()
@click.argument("account", type=click.Path(path_type=Path))
@click.option("--rule", "rule_id", default=None, help="Explain just this rule (why did or didn't it fire?).")
@pack_option
@as_of_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@rules_option
@friendly
def explain(account, rule_id, packs, as_of, lang, fmt, rules_dir):
    """Show the rule trace: every rule's status and each condition's actual value.

    Example: advisor explain fixtures/accounts/tcl-too-expensive.yaml --rule core.roles.meet-decider
    """
    advisor = Advisor(rules_dir or default_rules_dir())
    acc = load_account(account)
    advice = advisor.advise(acc, as_of=as_of, packs=list(packs) or None, trace=True)
    packset = advisor.packset(acc, list(packs) or None)
    if fmt == "json":
        data = render.as_dict(advice, lang, 0)
        data["trace"] = explain_mod.trace_entries(advice, packset, rule_id)
        data["objections"] = explain_mod.objection_entries(advice)
        click.echo(render.dump_json(data), nl=False)
    else:
        click.echo(explain_mod.text(advice, packset, lang, rule_id), nl=False)


@cli.command()
@click.argument("portfolio", type=click.Path(path_type=Path))
@advice_options(top=3, top_help="How many actions per account (0 = all).")
def batch(portfolio, packs, as_of, lang, fmt, top_n, rules_dir):
    """Advise on every account of a portfolio file or folder; bad rows are reported, not fatal.

    Exits 1 when some rows could not be advised (after advising all the others).

    Example: advisor batch fixtures/portfolios/seed-cases.yaml --as-of 2026-11-23 --top 2
    """
    from rich.progress import Progress

    from .portfolio.batch import portfolio_rows, render_rows, run_batch

    advisor = Advisor(rules_dir or default_rules_dir())
    name, rows = portfolio_rows(portfolio)
    as_of = as_of or dt.date.today()
    if sys.stderr.isatty():  # a progress bar only for a person watching; never in pipes, tests or CI
        with Progress(transient=True) as progress:
            task = progress.add_task("advising", total=len(rows))
            results = list(run_batch(advisor, rows, as_of, list(packs) or None,
                                     progress=lambda: progress.advance(task)))
    else:
        results = list(run_batch(advisor, rows, as_of, list(packs) or None))
    click.echo(render_rows(name, results, fmt, lang, top_n), nl=False)
    if any(r.error for r in results):
        raise SystemExit(1)


# ------------------------------------------------------------------ packs ---
@cli.group()
def pack():
    """The pack author's toolkit: list, show, test, lint, docs, new.

    Example: advisor pack lint rules/core
    """


pack_paths = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


def _packs(paths, rules_dir=None):
    from .toolkit.lint import pack_folders

    return pack_folders(paths, rules_dir or default_rules_dir())


@pack.command("list")
@lang_option
@rules_option
@friendly
def pack_list(lang, rules_dir):
    """List installed packs with version, rule count and description.

    Example: advisor pack list --lang zh
    """
    from .toolkit import packinfo

    click.echo(packinfo.list_text(rules_dir or default_rules_dir(), lang), nl=False)


@pack.command("show")
@click.argument("name")
@lang_option
@rules_option
@friendly
def pack_show(name, lang, rules_dir):
    """Show a pack's rules and what it overrides or disables (with reasons).

    Example: advisor pack show power-supply-critical
    """
    from .toolkit import packinfo

    click.echo(packinfo.show_text(rules_dir or default_rules_dir(), name, lang), nl=False)


@pack.command("test")
@pack_paths
@click.option("-v", "--verbose", is_flag=True, help="List every case, not only those that fail.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@friendly
def pack_test(paths, verbose, fmt):
    """Run packs' test cases (PATH = pack folders; default: all installed); exit 1 on any failure.

    Example: advisor pack test rules/core -v
    """
    from .toolkit import packtest

    rules_dir, names = _packs(paths)
    results = packtest.run(rules_dir, names)
    click.echo(packtest.as_json(results) if fmt == "json" else packtest.text(results, verbose), nl=False)
    if packtest.passed(results) != len(results):
        raise SystemExit(1)


@pack.command("lint")
@pack_paths
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@friendly
def pack_lint(paths, fmt):
    """Check packs without running them; one line per finding; exit 1 on errors.

    Each line reads file:line:col: error|warning: message [check]. Checks: schema, duplicate ids,
    unknown facts, operator/type fit, missing en/zh text or source, overrides and disables of missing
    rules, rules that can never fire, engine fan-out, rules without a firing or a silent case,
    unused parameters.

    Example: advisor pack lint rules/logistics
    """
    from .toolkit import lint as lint_mod

    rules_dir, names = _packs(paths)
    report = lint_mod.lint(rules_dir, names)
    if fmt == "json":
        data = {"findings": [f.as_dict() for f in report.findings], "errors": len(report.errors),
                "warnings": len(report.warnings), "packs": report.packs, "rules": report.rules}
        click.echo(render.dump_json(data), nl=False)
    else:
        click.echo(report.text(), nl=False)
    if report.errors:
        raise SystemExit(1)


@pack.command("docs")
@click.option("--check", is_flag=True, help="Write nothing; list stale files and exit 1 if any.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the pages (default: docs/rules beside the rules folder).")
@rules_option
@friendly
def pack_docs(check, out_dir, rules_dir):
    """Generate docs/rules/<pack>.md and docs/rules/README.md from the packs.

    Example: advisor pack docs --check
    """
    from .toolkit import docs

    rules_dir = rules_dir or default_rules_dir()
    target = out_dir or rules_dir.parent / "docs" / "rules"
    _sync(docs.sync(target, docs.rule_docs(rules_dir), check), check, "advisor pack docs")


def _sync(result, check, command):
    if check:
        if result.stale:
            for name in result.stale:
                click.echo(f"stale: {name}")
            click.echo(f"{len(result.stale)} stale file{'s' if len(result.stale) != 1 else ''} — run `{command}`")
            raise SystemExit(1)
        click.echo("up to date")
    else:
        for name in result.written:
            click.echo(f"wrote {name}")
        if not result.written:
            click.echo("up to date")


@pack.command("new")
@click.argument("name")
@click.option("--extends", default="core", show_default=True, help="The pack it extends.")
@rules_option
@friendly
def pack_new(name, extends, rules_dir):
    """Scaffold rules/NAME/ with pack.yaml, an example rule and passing test cases.

    Example: advisor pack new it-distribution --extends core
    """
    from .toolkit import scaffold

    for path in scaffold.new_pack(rules_dir or default_rules_dir(), name, extends or None):
        click.echo(f"created {path}")
    click.echo(f"next: edit the files, then run advisor pack lint and advisor pack test on the new folder")


@cli.command("docs-cli")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if docs/cli.md is stale.")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The file to write (default: docs/cli.md beside the rules folder).")
@friendly
def docs_cli(check, out_file):
    """Generate docs/cli.md, the reference of every command's --help.

    Example: advisor docs-cli --check
    """
    from .toolkit import docs

    target = out_file or default_rules_dir().parent / "docs" / "cli.md"
    result = docs.sync(target.parent, {target.name: docs.cli_reference(cli)}, check, prune=False)
    _sync(result, check, "advisor docs-cli")


@cli.command("diff")
@click.argument("old")
@click.argument("new")
@click.argument("accounts", type=click.Path(path_type=Path))
@as_of_option
@lang_option
@click.option("--top", "top_n", type=click.IntRange(min=0), default=0, show_default=True,
              help="Only count actions in the top N of either side (0 = all).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@friendly
def diff(old, new, accounts, as_of, lang, top_n, fmt):
    """Show how advice changes between two pack versions (folders or git revisions of rules/).

    Example: advisor diff HEAD~1 rules fixtures/accounts --as-of 2026-11-23
    """
    from .toolkit import impact

    result = impact.diff(old, new, accounts, as_of, top_n)
    click.echo(result.as_json() if fmt == "json" else result.text(lang), nl=False)


@cli.command("whatif")
@click.argument("account", type=click.Path(path_type=Path))
@click.option("--set", "sets", multiple=True, metavar="PATH=VALUE",
              help="Change a fact (repeatable), e.g. stage=propose, contacts[陈总].met=true, contacts[0].met=true.")
@pack_option
@as_of_option
@lang_option
@click.option("--top", "top_n", type=click.IntRange(min=0), default=5, show_default=True,
              help="Compare the top N actions of either side (0 = all).")
@rules_option
@friendly
def whatif(account, sets, packs, as_of, lang, top_n, rules_dir):
    """Change facts of an account and show how the ranking moves (new / gone / moved).

    Example: advisor whatif fixtures/accounts/tcl-too-expensive.yaml --set 'contacts[陈总].met=true'
    """
    from .toolkit import whatif as whatif_mod

    advisor = Advisor(rules_dir or default_rules_dir(), packs=list(packs) or None)
    result = whatif_mod.whatif(advisor, account, list(sets), as_of, top_n)
    click.echo(result.text(lang, top_n), nl=False)


def main():  # console-script entry point
    cli()


if __name__ == "__main__":
    main()
