"""The command line: a thin layer over ``advisor.api``.

Every user mistake becomes one line on stderr and exit code 2 (never a
traceback); outputs are deterministic for the same facts, packs and --as-of.
"""
from __future__ import annotations

import datetime as dt
import errno
import functools
import os
import sys
from pathlib import Path

import click

from . import __version__
from .files.errors import AdvisorError, escape

# Commands import what they use when they run: `advisor --version`, `--help` and `pack list` must
# not pay for pydantic's model building or durable-rules (issue 13: --version took 330 ms).


def default_rules_dir() -> Path:
    from .api import default_rules_dir as bundled

    return bundled()


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
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date; write YYYY-MM-DD, e.g. 2026-11-23") from None
    from .accounts.bounds import check_as_of  # here, not at import: `advisor --version` stays fast

    try:
        return check_as_of(day)
    except AdvisorError as exc:
        raise click.BadParameter(f"{day.isoformat()} is out of range; {exc.fix}") from None


rules_option = click.option("--rules", "rules_dirs", type=click.Path(file_okay=False, path_type=Path), multiple=True,
                            help="Another folder of rule packs, searched after the bundled packs, your pack folder "
                                 "and ADVISOR_PACKS (repeatable).")
pack_option = click.option("--pack", "packs", multiple=True,
                           help="Pack to use (repeatable). Default: core plus the account's industry pack.")
as_of_option = click.option("--as-of", "as_of", callback=parse_date, default=None, metavar="YYYY-MM-DD",
                            help="Date to advise as of (default: today).")
store_option = click.option("--store", "store_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                            help="Feedback store file (default: $ADVISOR_STORE, else the user data dir).")
no_feedback_option = click.option("--no-feedback", is_flag=True,
                                  help="Ignore recorded feedback (done / snooze / dismiss).")
lang_option = click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
                           help="Language of actions and explanations.")


output_options = [
    click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path), default=None,
                 help="Write to FILE (atomically) instead of standard output."),
    click.option("--force", is_flag=True, help="With --output: replace FILE if it exists."),
]


def emit(text: str, output: Path | None = None, force: bool = False) -> None:
    """Print, or write FILE all-or-nothing; an existing FILE is replaced only with --force."""
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    from .files.atomic import write_atomic

    write_atomic(output, text, force=force)


def read_account(account: Path):
    """An account file, or standard input when ACCOUNT is '-'."""
    from .accounts.account import load_account, validate_account

    if str(account) == "-":
        from .files.yamlio import MAX_BYTES, load_yaml_text, read_bounded

        raw = read_bounded(sys.stdin.buffer)  # never more than the cap (issue 12 item 2)
        if len(raw) > MAX_BYTES:
            raise AdvisorError(f"input is larger than {MAX_BYTES // (1024 * 1024)} MB", file="<stdin>",
                               fix="send one account (a few KB)")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise AdvisorError(f"not UTF-8 text (byte {exc.start})", file="<stdin>", fix="send the account as UTF-8") from None
        data, locs = load_yaml_text(text, "<stdin>")
        return validate_account(data, locs)
    return load_account(account)


def pack_search(rules_dirs=()):
    """Bundled packs, the user's pack folder, ADVISOR_PACKS, then the --rules folders."""
    from .api import default_pack_path

    return default_pack_path(list(rules_dirs))


def advice_options(top: int, top_help: str):
    """The options shared by commands that print advice (advise, batch)."""

    def decorate(func):
        for option in reversed([
            pack_option, as_of_option, lang_option,
            click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
                         show_default=True),
            click.option("--top", "top_n", type=click.IntRange(min=0), default=top, show_default=True, help=top_help),
            rules_option, *output_options, store_option, no_feedback_option, friendly,
        ]):
            func = option(func)
        return func

    return decorate


class AdvisorGroup(click.Group):
    """Turns a closed pipe into a quiet exit and a failed write into one line, never a traceback;
    a usage error is one line plus where to look, never click's usage block:
    ``Error: No such option '--tpo'. Did you mean '--top'? (try 'advisor advise -h')`` (exit 2)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx is not None else (prog_name or "advisor")
            names = exc.ctx.help_option_names if exc.ctx is not None else ["--help"]
            flag = "-h" if "-h" in names else names[0]
            message = escape(" ".join(exc.format_message().split()))
            click.echo(f"Error: {message} (try '{where} {flag}')", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"Error: {escape(' '.join(exc.format_message().split()))}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # the reader (e.g. `| head -1`) has what it wanted
                _silence_stdout()
                ctx.exit(0)
            if exc.errno == errno.ENOSPC and exc.filename is None:  # standard output is on a full disk
                _silence_stdout()
                raise UserError("cannot write the output: the disk is full") from None
            where = f"{exc.filename}: " if exc.filename else ""
            raise UserError(f"{where}{exc.strerror or exc}") from None


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail a second time."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (tests capture output in memory)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


EXIT_CODES = """\b
Exit codes: 0 ok; 1 findings (a failing pack test or lint error, a failed batch row);
2 bad input (a file, option or pack that cannot be used: one line on stderr says where).
Packs: bundled, then your pack folder (advisor pack list shows it), then ADVISOR_PACKS, then --rules."""


@click.group(cls=AdvisorGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES)
@click.version_option(__version__, "-V", "--version", package_name="advisor")  # no importlib.metadata scan
def cli():
    """Next-best-action advice for B2B key accounts, from declarative rule packs.

    Example: advisor advise fixtures/accounts/jingfeng-dealer.yaml --as-of 2026-11-23
    """


def _store(path, off=False):
    """The feedback store to honour (None with --no-feedback); reading never creates it."""
    from .feedback.store import Store

    return None if off else Store(path)


def _feedback(path, off=False):
    """The store an advice command reads: None with --no-feedback, or when there is no store file yet
    (no events either way; the store module and sqlite3 are then not even imported)."""
    from .feedback.location import default_path

    if off or not (Path(path) if path else default_path()).exists():
        return None
    return _store(path)


@cli.command()
@click.argument("account", type=click.Path(path_type=Path))
@advice_options(top=5, top_help="How many actions to show (0 = all).")
def advise(account, packs, as_of, lang, fmt, top_n, rules_dirs, output, force, store_path, no_feedback):
    """Rank the next best actions for one account (ACCOUNT '-' reads standard input).

    Example: advisor advise fixtures/accounts/tcl-too-expensive.yaml --lang zh --top 3
    """
    from .api import Advisor
    from .output import render

    acc = read_account(account)
    advisor = Advisor(pack_search(rules_dirs))
    advice = advisor.advise(acc, as_of=as_of, packs=list(packs) or None, store=_feedback(store_path, no_feedback))
    if fmt == "json":
        emit(render.dump_json(render.as_dict(advice, lang, top_n)), output, force)
    else:
        emit(render.RENDERERS[fmt](advice, lang, top_n), output, force)
    for err in advice.errors:
        click.echo(f"warning: rule action failed: {err}", err=True)


@cli.command()
@click.argument("account", type=click.Path(path_type=Path))
@click.option("--rule", "rule_id", default=None, help="Explain just this rule (why did or didn't it fire?).")
@pack_option
@as_of_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True,
              help="html: one self-contained page (offline, no network) to explore the trace in a browser.")
@click.option("--open", "open_page", is_flag=True, help="Open the written --output file in the default browser.")
@rules_option
@output_options[0]
@output_options[1]
@store_option
@no_feedback_option
@friendly
def explain(account, rule_id, packs, as_of, lang, fmt, open_page, rules_dirs, output, force, store_path, no_feedback):
    """Show the rule trace: every rule's status and each condition's actual value (ACCOUNT '-' = stdin).

    Example: advisor explain fixtures/accounts/tcl-too-expensive.yaml --rule core.roles.meet-decider

    Example: advisor explain fixtures/accounts/bank-mainframe.yaml --format html -o bank.html --open
    """
    if open_page and output is None:
        raise UserError("--open needs a file to open; add -o FILE (e.g. -o trace.html)")
    from .api import Advisor
    from .output import explain as explain_mod
    from .output import render

    acc = read_account(account)
    advisor = Advisor(pack_search(rules_dirs))
    advice = advisor.advise(acc, as_of=as_of, packs=list(packs) or None, trace=True,
                            store=_feedback(store_path, no_feedback))
    packset = advisor.packset(acc, list(packs) or None)
    if fmt == "json":
        emit(render.dump_json(explain_mod.document(advice, packset, lang, rule_id)), output, force)
    elif fmt == "html":
        from .output.explain_html import render_explain_html

        langs = (lang, *sorted({"en", "zh"} - {lang}))  # the page carries both; --lang shows first
        docs = {code: explain_mod.document(advice, packset, code, rule_id) for code in langs}
        emit(render_explain_html(docs, lang), output, force)
    else:
        emit(explain_mod.text(advice, packset, lang, rule_id), output, force)
    if open_page:
        click.echo(f"wrote {output}", err=True)
        click.launch(Path(output).resolve().as_uri())


@cli.command()
@click.argument("portfolio", type=click.Path(path_type=Path))
@advice_options(top=3, top_help="How many actions per account (0 = all).")
@click.option("--jsonl", "jsonl", is_flag=True,
              help="With --format json: one JSON object per line (per account, then a summary) instead of one document.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes (default: the number of cores; 1 = in this process, no isolation).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              metavar="SECONDS", help="Time limit per account in worker processes; a row over it fails.")
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
    from .portfolio.batch import BatchConfig, portfolio_rows, run_report

    if jsonl and fmt != "json":
        raise UserError("--jsonl goes with --format json — add --format json")
    name, rows = portfolio_rows(portfolio)
    # on Dask without --rules, each worker uses the packs installed with it (its own search path)
    search = pack_search([Path(d).resolve() for d in rules_dirs]) if rules_dirs or not dask_address else None
    config = BatchConfig(rules_dir=search, as_of=as_of or dt.date.today(), packs=tuple(packs) or None,
                         fmt="jsonl" if jsonl else fmt, lang=lang, top_n=top_n,
                         store=_feedback(store_path, no_feedback))
    how = dict(jobs=jobs, timeout=timeout, dask=dask_address)
    if output is None or str(output) == "-":
        code = run_report(rows, name, config, sys.stdout, sys.stderr, **how)
    else:
        from .files.atomic import open_atomic

        with open_atomic(output, force=force) as out:
            code = run_report(rows, name, config, out, sys.stderr, **how)
    if code:
        raise SystemExit(code)


# ------------------------------------------------------------------ plan ---
@cli.command()
@click.argument("portfolio", type=click.Path(path_type=Path))
@as_of_option
@click.option("--days", type=click.IntRange(min=1), default=7, show_default=True,
              help="How many days the week covers, from the as-of date.")
@lang_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "markdown", "ics", "html"]), default="text",
              show_default=True, help="text (a table on a terminal), JSON, CSV (a row per action), Markdown, "
              "iCalendar (an event per due action), or html (the board: one self-contained page).")
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
@click.option("--explain-dir", "explain_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="html: also write each account's trace page into this folder and link the board to them.")
@pack_option
@rules_option
@store_option
@no_feedback_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="Worker processes (default: the number of cores; 1 = in this process, no isolation).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              metavar="SECONDS", help="Time limit per account in worker processes; a row over it fails.")
@friendly
def plan(portfolio, as_of, days, lang, fmt, owner, industry, category, due_within, top_n, top_actions, output,
         force, bom, explain_dir, packs, rules_dirs, store_path, no_feedback, jobs, timeout):
    """Rank a portfolio's accounts by how much they need you now, with reasons, then lay out the week.

    Exits 1 when some rows could not be advised (after planning all the others).

    Example: advisor plan fixtures/portfolios/all-accounts.yaml --as-of 2026-11-23 --format ics -o week.ics
    """
    from .api import Advisor
    from .output import plan_formats, render
    from .portfolio.batch import portfolio_rows
    from .portfolio.plan import PlanFilters, build_plan, plan_to_json

    if explain_dir is not None and fmt != "html":
        raise UserError("--explain-dir links trace pages from the board; add --format html")
    advisor = Advisor(pack_search(rules_dirs))
    name, rows = portfolio_rows(portfolio)
    store = _feedback(store_path, no_feedback)
    filters = PlanFilters(owner=owner, industry=industry, category=category, due_within=due_within, top=top_n,
                          top_actions=top_actions)
    filters.check()  # before any account is advised
    advised = None
    if (jobs or os.cpu_count() or 1) > 1:  # the same plan, advised in worker processes
        from .portfolio.batch import BatchConfig
        from .portfolio.plan import advise_for_plan

        config = BatchConfig(rules_dir=advisor.pack_path, as_of=as_of or dt.date.today(),
                             packs=tuple(packs) or None, store=store)
        advised = advise_for_plan(rows, config, jobs=jobs, timeout=timeout)
    the_plan = build_plan(rows, advisor, as_of=as_of or dt.date.today(), days=days, lang=lang, filters=filters,
                          store=store, packs=list(packs) or None, portfolio=name, advised=advised)
    doc = plan_to_json(the_plan)
    if fmt == "html":
        from .output.explain_pages import write_explain_pages
        from .output.plan_html import render_plan_html

        links = None
        if explain_dir is not None:
            board_dir = Path(output).resolve().parent if output and str(output) != "-" else Path.cwd()
            links = write_explain_pages(advisor, rows, explain_dir, board_dir, as_of=as_of or dt.date.today(),
                                        lang=lang, packs=list(packs) or None, force=force, store=store)
        data = render_plan_html(doc, links)
    elif fmt == "json":
        data: str | bytes = render.dump_json(doc)
    elif fmt == "csv":
        data = ("\ufeff" if bom else "") + plan_formats.csv_text(doc)
    elif fmt == "ics":
        data = plan_formats.ics(doc)
    elif fmt == "markdown":
        data = plan_formats.markdown(doc)
    elif output is None and sys.stdout.isatty():
        data = plan_formats.rich_text(doc)
    else:
        data = plan_formats.text(doc)
    emit(data, output, force)
    if the_plan.failed:
        raise SystemExit(1)


# -------------------------------------------------------------- feedback ---
def _feedback_command(verb: str, summary: str, example: str):
    @click.argument("account")
    @click.argument("rule")
    @click.option("--contact", default=None, help="The contact the action is for (default: every target of the rule).")
    @click.option("--until", callback=parse_date, default=None, metavar="YYYY-MM-DD",
                  help="snooze: hidden until this date, back on it (default: 7 days after --as-of).")
    @click.option("--note", default=None, help="Why (shown wherever the action is hidden).")
    @click.option("--by", "by", default=None, envvar="ADVISOR_USER", help="Who records it (default: $ADVISOR_USER).")
    @click.option("--force", is_flag=True, help="Record it even if the rule, contact or action is unknown.")
    @as_of_option
    @pack_option
    @rules_option
    @store_option
    @friendly
    def command(account, rule, contact, until, note, by, force, as_of, packs, rules_dirs, store_path):
        from .api import Advisor

        advisor = Advisor(pack_search(rules_dirs))
        event = advisor.feedback_event(verb, account, rule, contact, as_of=as_of, until=until, note=note, by=by,
                                       packs=list(packs) or None, force=force)
        store = _store(store_path)
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
    return cli.command(verb)(command)


_feedback_command("done", "Mark an action done: hidden until the facts it rested on change (a new visit, objection…).",
                  "advisor done fixtures/accounts/tcl-too-expensive.yaml core.roles.meet-decider --contact 陈总")
_feedback_command("snooze", "Snooze an action: hidden until --until (default a week), then back.",
                  "advisor snooze 华信电脑城 core.roles.meet-decider --until 2026-12-01")
_feedback_command("dismiss", "Decide against an action: hidden until its facts change; after dismiss_limit "
                  "dismissals the rule is quiet at the account for dismiss_quiet_days.",
                  "advisor dismiss fixtures/accounts/tcl-too-expensive.yaml core.objection.price-probe --note 'not now'")


@cli.command()
@click.argument("account", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@rules_option
@store_option
@friendly
def history(account, fmt, rules_dirs, store_path):
    """List recorded feedback (of one account: a file or a name), flagging rule ids no pack has any more.

    Example: advisor history 华信电脑城
    """
    from .accounts.account import load_account
    from .api import Advisor
    from .feedback.keys import lookup_keys
    from .feedback.record import history_entries, history_text
    from .output import render

    name, keys = account, [account]
    if account and (Path(account).suffix in (".yaml", ".yml") or Path(account).is_file()):
        acc = load_account(Path(account))
        name, keys = acc.name, lookup_keys(acc.name, acc.crm_id)
    advisor = Advisor(pack_search(rules_dirs))
    store = _store(store_path)
    entries = history_entries(store.events_of(keys) if account else store.events(), advisor.all_rule_ids())
    if fmt == "json":
        click.echo(render.dump_json({"account": name, "events": entries}), nl=False)
    else:
        click.echo(history_text(entries, name, store.accounts()), nl=False)


@cli.group("store")
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
    emit(_store(store_path).export_jsonl(), output, force)


@store_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@store_option
@friendly
def store_import(file, store_path):
    """Add the events of a JSON-lines export (- for stdin); events already present are skipped.

    Example: advisor store import feedback.jsonl
    """
    from .feedback.store import parse_jsonl

    if str(file) == "-":
        text, source = sys.stdin.read(), "<stdin>"
    else:
        try:
            text, source = file.read_text(encoding="utf-8"), str(file)
        except OSError as exc:
            raise AdvisorError(f"cannot read: {exc.strerror}", file=str(file), fix="name an export file") from None
        except UnicodeDecodeError:
            raise AdvisorError("not UTF-8 text", file=str(file), fix="name a file written by advisor store export") from None
    store = _store(store_path)
    added, skipped = store.import_events(parse_jsonl(text, source))
    click.echo(f"imported {added} event{'s' if added != 1 else ''}, skipped {skipped} already present ({store.path})")


# ------------------------------------------------------------------ import ---
@cli.group("import")
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
    from .crm.importer import run_import
    from .crm.mapping import load_mapping

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


# ------------------------------------------------------------------ packs ---
@cli.group()
def pack():
    """The pack author's toolkit: list, show, test, lint, docs, new.

    Example: advisor pack lint rules/core
    """


pack_paths = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


def _packs(paths):
    """(search path, pack names) for PATH arguments: the folders named, found after the bundled packs."""
    from .toolkit.lint import pack_folders

    rules_dir, names = pack_folders(paths, default_rules_dir())
    return pack_search([rules_dir]), names


@pack.command("list")
@lang_option
@rules_option
@friendly
def pack_list(lang, rules_dirs):
    """List packs with where each comes from, version, rule count and description.

    Packs are searched in the bundled set, then your pack folder, then ADVISOR_PACKS, then --rules.

    Example: advisor pack list --lang zh
    """
    from .toolkit import packinfo

    click.echo(packinfo.list_text(pack_search(rules_dirs), lang), nl=False)


@pack.command("show")
@click.argument("name")
@lang_option
@rules_option
@friendly
def pack_show(name, lang, rules_dirs):
    """Show a pack's rules and what it overrides or disables (with reasons).

    Example: advisor pack show power-supply-critical
    """
    from .toolkit import packinfo

    click.echo(packinfo.show_text(pack_search(rules_dirs), name, lang), nl=False)


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
    from .output import render

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


force_option = click.option("--force", is_flag=True,
                            help="Replace or delete files even if this command did not generate them "
                                 "(or they were edited since).")


@pack.command("docs")
@click.option("--check", is_flag=True, help="Write nothing; list stale files and exit 1 if any.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the pages (default: docs/rules beside the rules folder).")
@force_option
@rules_option
@friendly
def pack_docs(check, out_dir, force, rules_dirs):
    """Generate docs/rules/<pack>.md and docs/rules/README.md from the packs.

    Files are written atomically. The folder's .advisor-generated.json lists what this
    command wrote (with a checksum); it replaces or deletes only those files, unedited,
    and refuses anything else (writing nothing) unless --force.

    Example: advisor pack docs --check
    """
    from .toolkit import docs

    from .language.pack import find_packs

    # documents the packs of the --rules folders (default: the bundled packs); parents they
    # extend are found on the whole search path
    folders = [Path(p) for p in rules_dirs] or [default_rules_dir()]
    names = sorted({name for folder in folders for name in find_packs(folder)})
    target = out_dir or folders[0].resolve().parent / "docs" / "rules"
    _sync(docs.sync(target, docs.rule_docs(pack_search(rules_dirs), names), check, force=force), check, "advisor pack docs")


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
@click.option("--rules", "rules_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to create the pack in (default: your pack folder, see advisor pack list).")
@friendly
def pack_new(name, extends, rules_dir):
    """Scaffold NAME/ in your pack folder with pack.yaml, an example rule and passing test cases.

    Never writes over an existing pack, nor takes the name of a bundled one (there is no
    --force: it never replaces a file); each file is written atomically.

    Example: advisor pack new my-dealers --extends core
    """
    from .language.packpath import user_packs_dir
    from .toolkit import scaffold

    folder = rules_dir or user_packs_dir()  # the user folder is on the search path already
    where = pack_search([rules_dir] if rules_dir else [])
    for path in scaffold.new_pack(folder, name, extends or None, where=where):
        click.echo(f"created {path}")
    click.echo("next: edit the files, then run advisor pack lint and advisor pack test on the new folder")


@cli.command("docs-cli")
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
    from .toolkit import docs

    target = out_file or default_rules_dir().parent / "docs" / "cli.md"
    result = docs.sync(target.parent, {target.name: docs.cli_reference(cli)}, check, prune=False,
                       force=force, command="advisor docs-cli")
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
def whatif(account, sets, packs, as_of, lang, top_n, rules_dirs):
    """Change facts of an account and show how the ranking moves (new / gone / moved).

    Example: advisor whatif fixtures/accounts/tcl-too-expensive.yaml --set 'contacts[陈总].met=true'
    """
    from .api import Advisor

    from .toolkit import whatif as whatif_mod

    advisor = Advisor(pack_search(rules_dirs), packs=list(packs) or None)
    result = whatif_mod.whatif(advisor, account, list(sets), as_of, top_n)
    click.echo(result.text(lang, top_n), nl=False)


# ---------------------------------------------------------- the contract ---
@cli.command("schema")
@click.argument("which", type=click.Choice(["account", "advice"]))
@output_options[0]
@output_options[1]
@friendly
def schema(which, output, force):
    """Print the JSON Schema of the account file (account) or of advise's JSON output (advice).

    Generated from the models; the same files are in docs/schema/. Point your editor at the account
    schema with a first line '# yaml-language-server: $schema=PATH' in an account file.

    Example: advisor schema account -o account.schema.json
    """
    from .toolkit import accountformat

    emit(accountformat.schema_text(which), output, force)


@cli.command("docs-format")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if a file is stale.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The docs folder (default: docs/ beside the rules folder).")
@force_option
@friendly
def docs_format(check, out_dir, force):
    """Generate docs/account-format.md, docs/facts.md and docs/schema/*.json from the models.

    Example: advisor docs-format --check
    """
    from .toolkit import accountformat, docs, factsref

    target = out_dir or default_rules_dir().parent / "docs"
    files = {"account-format.md": accountformat.account_format_md(), "facts.md": factsref.facts_md()}
    files.update({f"schema/{name}": accountformat.schema_text(which)
                  for which, name in accountformat.SCHEMA_FILES.items()})
    _sync(docs.sync(target, files, check, prune=False, force=force, command="advisor docs-format"), check,
          "advisor docs-format")


@cli.command("init")
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

    from .language.pack import find_packs, load_packs
    from .toolkit import accountinit
    from .files.errors import AdvisorError, choice_hint

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
    from .files.atomic import write_atomic

    write_atomic(file, text)
    click.echo(f"created {file} — fill it in, then: advisor advise {file}", err=True)


@cli.command("completion")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
def completion(shell):
    """Print the shell completion script (click's own) for bash, zsh or fish.

    \b
    bash: advisor completion bash > ~/.local/share/bash-completion/completions/advisor
    zsh:  advisor completion zsh > "${fpath[1]}/_advisor"
    fish: advisor completion fish > ~/.config/fish/completions/advisor.fish

    Example: advisor completion bash > ~/.local/share/bash-completion/completions/advisor
    """
    from click.shell_completion import get_completion_class

    complete = get_completion_class(shell)(cli, {}, "advisor", "_ADVISOR_COMPLETE")
    click.echo(complete.source())


LOADER = "pydantic.plugin._loader"


def _without_pydantic_plugins() -> None:
    """The CLI uses no pydantic plugin: say so, and skip the plugin loader's import.

    pydantic looks for plugins through importlib.metadata when it builds its first model. With
    PYDANTIC_DISABLE_PLUGINS it finds none, but its loader module still imports
    importlib.metadata (with zipfile, email and csv: ~10 ms of every start, issue 13). When
    plugins are off, that loader's one function (``get_plugins``, called from
    pydantic/plugin/_schema_validator.py) answers "none" without the import. A user who sets the
    variable keeps their choice; naming plugins to skip loads the real loader.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] in ("__all__", "1", "true") and LOADER not in sys.modules:
        import types

        loader = types.ModuleType(LOADER, "pydantic's plugin loader while plugins are off (advisor.cli)")
        loader.get_plugins = lambda: ()
        sys.modules[LOADER] = loader


def main():  # console-script entry point
    _without_pydantic_plugins()
    cli(prog_name="advisor")


if __name__ == "__main__":
    main()
