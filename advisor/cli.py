"""The command line: a thin layer over ``advisor.api``.

Every user mistake becomes one line on stderr and exit code 2 (never a
traceback); outputs are deterministic for the same facts, packs and --as-of.
"""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import click

from . import explain as explain_mod
from . import render
from .account import load_account
from .api import Advisor, default_rules_dir
from .errors import AdvisorError


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


@click.group()
@click.version_option(package_name="advisor")
def cli():
    """Next-best-action advice for B2B key accounts, from declarative rule packs.

    Example: advisor advise fixtures/accounts/jingfeng-dealer.yaml --as-of 2026-11-23
    """


@cli.command()
@click.argument("account", type=click.Path(path_type=Path))
@pack_option
@as_of_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("--top", "top_n", type=click.IntRange(min=0), default=5, show_default=True,
              help="How many actions to show (0 = all).")
@rules_option
@friendly
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
        click.echo(render.dump_json(data), nl=False)
    else:
        click.echo(explain_mod.text(advice, packset, lang, rule_id), nl=False)


def main():  # console-script entry point
    cli()


if __name__ == "__main__":
    main()
