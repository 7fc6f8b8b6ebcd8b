"""The portfolio: batch and plan, then the feedback the rep records (done, snooze, dismiss),
its history and the store's export and import."""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..files.errors import AdvisorError
from .common import (UserError, advice_options, as_of_option, emit, feedback_store, friendly, jobs_option,
                     lang_option, no_feedback_option, open_store, output_options, pack_option, pack_search, parse_date,
                     rules_option, store_option, timeout_option)


@click.command()
@click.argument("portfolio", type=click.Path(path_type=Path))
@advice_options(top=3, top_help="How many actions per account (0 = all).")
@click.option("--jsonl", "jsonl", is_flag=True,
              help="With --format json: one JSON object per line (per account, then a summary) instead of one document.")
@jobs_option
@timeout_option
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Run on a Dask cluster (scheduler address, e.g. tcp://10.0.0.5:8786); needs advisor[dask].")
def batch(portfolio, packs, as_of, lang, fmt, top_n, rules_dirs, output, force, store_path, no_feedback, jsonl, jobs,
          timeout, dask_address):
    """Advise on every account of a portfolio file or folder, streaming; bad rows are reported, not fatal.

    Rows are read, advised and written one at a time (memory does not grow with the portfolio), in
    --jobs worker processes; the output is the same bytes whatever the number of jobs. A row that
    fails — bad input, a crash of the engine, over --timeout — is listed on stderr (file:line:
    message) and in the report, and the batch goes on. Exits 1 when some rows failed.

    Example: advisor batch fixtures/portfolios/seed-cases.yaml --as-of 2026-11-23 --top 2
    """
    from ..portfolio.batch import BatchConfig, portfolio_rows
    from ..portfolio.runner import run_report

    if jsonl and fmt != "json":
        raise UserError("--jsonl goes with --format json — add --format json")
    name, rows = portfolio_rows(portfolio)
    # on Dask without --rules, each worker uses the packs installed with it (its own search path)
    search = pack_search([Path(d).resolve() for d in rules_dirs]) if rules_dirs or not dask_address else None
    config = BatchConfig(rules_dir=search, as_of=as_of or dt.date.today(), packs=tuple(packs) or None,
                         fmt="jsonl" if jsonl else fmt, lang=lang, top_n=top_n,
                         store=feedback_store(store_path, no_feedback))
    how = dict(jobs=jobs, timeout=timeout, dask=dask_address)
    if output is None or str(output) == "-":
        code = run_report(rows, name, config, sys.stdout, sys.stderr, **how)
    else:
        from ..files.atomic import open_atomic

        with open_atomic(output, force=force) as out:
            code = run_report(rows, name, config, out, sys.stderr, **how)
    if code:
        raise SystemExit(code)


def check_days(ctx, param, value):
    """--days N: the bound build_plan keeps (portfolio/days.py), said as click says a bad option. Read only
    when plan runs: importing the portfolio package for every command would slow advise (test_fast_start)."""
    from ..portfolio.days import MAX_DAYS, check_days as within_bound

    try:
        return within_bound(value)
    except AdvisorError:
        raise click.BadParameter(f"{value} is not in the range 1<=x<={MAX_DAYS}") from None


@click.command()
@click.argument("portfolio", type=click.Path(path_type=Path))
@as_of_option
@click.option("--days", type=int, default=7, show_default=True, callback=check_days,
              help="How many days the week covers, from the as-of date (at most a leap year's days).")
@lang_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "markdown", "ics", "html", "salesforce",
                                                    "hubspot"]), default="text",
              show_default=True, help="text (a table on a terminal), JSON, CSV (a row per action), Markdown, "
              "iCalendar (an event per due action), html (the board: one self-contained page listing the 500 "
              "accounts most in need of attention and counting the rest), or the week's "
              "actions as a task import file: salesforce (Data Loader, object Task) or hubspot (import tool, Tasks).")
@click.option("--owner", default=None, help="Only accounts whose owner: is this rep.")
@click.option("--industry", default=None, help="Only accounts of this industry.")
@click.option("--category", default=None, help="Only accounts of this category (dormant, declining, fast_growing, …).")
@click.option("--due-within", type=click.IntRange(min=0), default=None, metavar="N",
              help="Only actions due within N days (overdue ones included); accounts without one are left out.")
@click.option("--top", "top_n", type=click.IntRange(min=0), default=0, show_default=True,
              help="How many accounts (0 = all).")
@click.option("--top-actions", type=click.IntRange(min=0), default=3, show_default=True,
              help="How many actions to list per account (0 = all); the week and the calendar keep every due one.")
@output_options[0]
@output_options[1]
@click.option("--bom", is_flag=True, help="CSV: start with a UTF-8 byte-order mark (for Excel).")
@click.option("--rates", "rates_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A rate table (YAML: base: CNY, rates: {USD: 7.1}) to total the value at stake in one "
                   "currency and to hold accounts in other currencies against the key-account thresholds "
                   "(pack parameter tier_currency); without it totals are per currency and such accounts are "
                   "tiered without their amounts.")
@click.option("--explain-dir", "explain_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="html: also write each account's trace page into this folder and link the board to them.")
@pack_option
@rules_option
@store_option
@no_feedback_option
@jobs_option
@timeout_option
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS",
              help="Run on a Dask cluster (scheduler address, e.g. tcp://10.0.0.5:8786); needs advisor[dask].")
@friendly
def plan(portfolio, as_of, days, lang, fmt, owner, industry, category, due_within, top_n, top_actions, output,
         force, bom, rates_file, explain_dir, packs, rules_dirs, store_path, no_feedback, jobs, timeout, dask_address):
    """Rank a portfolio's accounts by how much they need you now, with reasons, then lay out the week.

    Accounts are advised one at a time (in --jobs worker processes, or on a --dask cluster) and kept
    in a temporary file, not in memory, until the book is ranked; the plan is then written as it is
    read back, so memory stays flat however large the book (the html board and a terminal's table
    list the accounts most in need of attention and count the rest). The output is the same bytes
    with any --jobs or on Dask. Exits 1 when some rows could not be advised (after planning all the
    others).

    Example: advisor plan fixtures/portfolios/all-accounts.yaml --as-of 2026-11-23 --format ics -o week.ics
    """
    from ..api import Advisor
    from ..output import plan_formats
    from ..portfolio.batch import portfolio_rows
    from ..portfolio.book import book_rules
    from ..portfolio.plan import PlanFilters
    from ..portfolio.plan_stream import SpilledPlan, iter_pieces

    if explain_dir is not None and fmt != "html":
        raise UserError("--explain-dir links trace pages from the board; add --format html")
    as_of = as_of or dt.date.today()
    advisor = Advisor(pack_search(rules_dirs))
    name, rows = portfolio_rows(portfolio)
    store = feedback_store(store_path, no_feedback)
    filters = PlanFilters(owner=owner, industry=industry, category=category, due_within=due_within, top=top_n,
                          top_actions=top_actions)
    filters.check()  # before any account is advised
    rates = None
    if rates_file is not None:
        from ..accounts.money import load_rates

        rates = load_rates(rates_file)  # a bad table fails before any account is advised
    book = book_rules(advisor.load(list(packs) or ["core"])[0])
    from ..portfolio.batch import BatchConfig

    # in worker processes, here with -j 1, or on Dask: each row under --timeout, a failure its own;
    # on Dask without --rules, each worker uses the packs installed with it (as batch does)
    rules_dir = advisor.pack_path if rules_dirs or not dask_address else None
    # the rate table also puts accounts in other currencies on the tier thresholds' scale (tier_currency)
    config = BatchConfig(rules_dir=rules_dir, as_of=as_of, packs=tuple(packs) or None, store=store, rates=rates)
    with SpilledPlan(as_of=as_of, days=days, lang=lang, filters=filters, portfolio=name, book=book) as spilled:
        # each account's piece of the plan is made where it is advised; here it is only stored
        warnings: list[str] = []  # the rows' loading warnings (a value cut at a '#'): stderr, never the plan
        spilled.add_pieces(iter_pieces(rows, config, spilled.spec, jobs=jobs, timeout=timeout, dask=dask_address,
                                       warnings=warnings))
        for warning in warnings:
            click.echo(warning, err=True)
        doc = spilled.document()
        from ..accounts.money import plan_totals

        # per currency, or converted with --rates; one pass over the spilled accounts, a few numbers kept
        doc["value_totals"] = plan_totals(doc, rates)
        if fmt == "html":
            import itertools

            from ..output.explain_pages import write_explain_pages
            from ..output.plan_html import BOARD_ACCOUNTS, render_plan_html

            links = None
            if explain_dir is not None:
                board_dir = Path(output).resolve().parent if output and str(output) != "-" else Path.cwd()
                listed = {a["file"] for a in itertools.islice(doc["accounts"], BOARD_ACCOUNTS)}  # a page per row shown
                links = write_explain_pages(advisor, rows, explain_dir, board_dir, as_of=as_of,
                                            lang=lang, packs=list(packs) or None, force=force, store=store,
                                            rates=rates, only=listed)
            emit(render_plan_html(doc, links), output, force)
        elif fmt in ("salesforce", "hubspot"):
            from ..output import tasks

            _write_pieces(plan_formats._prefixed("\ufeff" if bom else "", tasks.iter_csv(doc, fmt)), output, force)
        elif fmt == "text" and output is None and sys.stdout.isatty():
            from ..files.terminal import wants_styles

            # the first rows drawn, the rest counted: the document's lists stay in the spill file
            emit(plan_formats.rich_text(doc, styles=wants_styles(sys.stdout)), output, force)
        else:
            _write_pieces(plan_formats.iter_format(doc, fmt, bom=bom), output, force)
        if fmt in ("csv", "ics", "salesforce", "hubspot"):  # the other formats list failed rows; these have no place
            for f in doc["failed"]:
                click.echo(f"error: {plan_formats.failure(f)}", err=True)
        failed = spilled.failed_count
    if failed:
        raise SystemExit(1)


def _write_pieces(pieces, output: Path | None, force: bool) -> None:
    """A streamed plan, piece by piece: to standard output as UTF-8, or to FILE all-or-nothing."""
    if output is None or str(output) == "-":
        sys.stdout.flush()
        stream = getattr(sys.stdout, "buffer", None)  # UTF-8 bytes whatever the terminal's encoding
        for piece in pieces:
            if stream is None:
                sys.stdout.write(piece)
            else:
                stream.write(piece.encode("utf-8", "surrogateescape"))
        (stream or sys.stdout).flush()
        return
    from ..files.atomic import open_atomic

    with open_atomic(output, force=force) as out:
        for piece in pieces:
            out.write(piece)


def _feedback_command(verb: str, summary: str, example: str):
    @click.argument("account")
    @click.argument("rule")
    @click.option("--contact", default=None, help="The contact the action is for (default: every target of the rule).")
    @click.option("--promise", default=None, metavar="KEY",
                  help="The promise the action keeps (its promise_key in the JSON advice), when the rule keeps several.")
    @click.option("--until", callback=parse_date, default=None, metavar="YYYY-MM-DD",
                  help="snooze: hidden until this date, back on it (default: 7 days after --as-of).")
    @click.option("--note", default=None, help="Why (shown wherever the action is hidden).")
    @click.option("--by", "by", default=None, envvar="ADVISOR_USER", help="Who records it (default: $ADVISOR_USER).")
    @click.option("--force", is_flag=True, help="Record it even if the rule, contact or action is unknown.")
    @as_of_option
    @pack_option
    @rules_option
    @store_option
    @timeout_option
    @friendly
    def command(account, rule, contact, promise, until, note, by, force, as_of, packs, rules_dirs, store_path,
                timeout):
        from ..api import Advisor

        advisor = Advisor(pack_search(rules_dirs))
        event = advisor.feedback_event(verb, account, rule, contact, as_of=as_of, until=until, note=note, by=by,
                                       packs=list(packs) or None, force=force, promise=promise, timeout=timeout)
        store = open_store(store_path)
        event = store.record(event)
        target = f" [{event.contact}]" if event.contact else ""
        until_text = f" until {event.until}" if event.until else ""
        click.echo(f"recorded #{event.id}: {verb} {event.account} {event.rule}{target} on {event.at}{until_text} "
                   f"({store.path})")

    command.__doc__ = f"""{summary}

    ACCOUNT is an account file (checked: the rule, the contact, and that the action is given now) or, for
    snooze, just the account's name.

    Example: {example}
    """
    return click.command(verb)(command)


done = _feedback_command("done", "Mark an action done: hidden until the facts it rested on change (a new visit, objection…).",
                  "advisor done fixtures/accounts/tcl-too-expensive.yaml core.roles.meet-decider --contact 陈总")
snooze = _feedback_command("snooze", "Snooze an action: hidden until --until (default a week), then back.",
                  "advisor snooze 华信电脑城 core.roles.meet-decider --until 2026-12-01")
dismiss = _feedback_command("dismiss", "Decide against an action: hidden until its facts change; after dismiss_limit "
                  "dismissals the rule is quiet at the account for dismiss_quiet_days.",
                  "advisor dismiss fixtures/accounts/tcl-too-expensive.yaml core.objection.price-probe --note 'not now'")


@click.command()
@click.argument("account", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@rules_option
@store_option
@friendly
def history(account, fmt, rules_dirs, store_path):
    """List recorded feedback (of one account: a file or a name), flagging rule ids no pack has any more.

    Example: advisor history 华信电脑城
    """
    from ..accounts.account import load_account
    from ..api import Advisor
    from ..feedback.keys import lookup_keys
    from ..feedback.record import history_entries, history_text
    from ..output import render

    name, keys = account, [account]
    if account and (Path(account).suffix in (".yaml", ".yml") or Path(account).is_file()):
        acc = load_account(Path(account))
        name, keys = acc.name, lookup_keys(acc.name, acc.crm_id)
    advisor = Advisor(pack_search(rules_dirs))
    store = open_store(store_path)
    entries = history_entries(store.events_of(keys) if account else store.events(), advisor.all_rule_ids())
    if fmt == "json":
        click.echo(render.dump_json({"account": name, "events": entries}), nl=False)
    else:
        click.echo(history_text(entries, name, store.accounts()), nl=False)


@click.group("store")
def store_group():
    """The feedback store: export and import every event as JSON lines.

    Example: advisor store export -o feedback.jsonl
    """


@store_group.command("export")
@output_options[0]
@output_options[1]
@store_option
@friendly
def store_export(output, force, store_path):
    """Write every feedback event as one JSON object per line.

    Example: advisor store export -o feedback.jsonl
    """
    emit(open_store(store_path).export_jsonl(), output, force)


@store_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@store_option
@friendly
def store_import(file, store_path):
    """Add the events of a JSON-lines export (- for stdin); events already present are skipped.

    Example: advisor store import feedback.jsonl
    """
    from ..feedback.store import parse_jsonl

    if str(file) == "-":
        text, source = sys.stdin.read(), "<stdin>"
    else:
        from ..files.filekind import require_regular_input

        require_regular_input(file)  # a FIFO would block the read forever
        try:
            text, source = file.read_text(encoding="utf-8"), str(file)
        except OSError as exc:
            raise AdvisorError(f"cannot read: {exc.strerror}", file=str(file), fix="name an export file") from None
        except UnicodeDecodeError:
            raise AdvisorError("not UTF-8 text", file=str(file), fix="name a file written by advisor store export") from None
    store = open_store(store_path)
    added, skipped = store.import_events(parse_jsonl(text, source))
    click.echo(f"imported {added} event{'s' if added != 1 else ''}, skipped {skipped} already present ({store.path})")


COMMANDS = [batch, plan, done, snooze, dismiss, history, store_group]
