"""What every command group shares: the options, writing the output, reading an account, the
feedback store, and turning a user's mistake into one line on stderr (exit code 2).

Imports only click and the error type at the top: `advisor --version`, `--help` and `pack list`
must not pay for pydantic's model building or durable-rules (issue 13: --version took 330 ms).
"""
from __future__ import annotations

import datetime as dt
import errno
import functools
import os
import sys
from pathlib import Path

import click

from ..files.errors import AdvisorError, escape


def default_rules_dir() -> Path:
    from ..api import default_rules_dir as bundled

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
    from ..accounts.bounds import check_as_of  # here, not at import: `advisor --version` stays fast

    try:
        return check_as_of(day)
    except AdvisorError as exc:
        raise click.BadParameter(f"{day.isoformat()} is out of range; {exc.fix}") from None


def check_packs(ctx, param, value):
    """--pack NAME: an empty or blank name is an error, not "no pack" (issue 20: --pack "" advised silently
    with no pack at all)."""
    for name in value:
        if not name.strip():
            raise click.BadParameter("an empty name is not a pack; name one (advisor pack list shows them), "
                                     "or leave --pack out for core plus the account's industry pack")
    return value


MAX_TIMEOUT = 24 * 3600.0  # a day: longer is not a limit anyone means


def check_timeout(ctx, param, value):
    """--timeout SECONDS: a finite number above 0 (nan, inf or 0 would mean no limit at all)."""
    import math

    if value is None:
        return None
    if not math.isfinite(value) or not 0 < value <= MAX_TIMEOUT:
        raise click.BadParameter(f"'{value:g}' is not a time limit; give seconds above 0 and at most "
                                 f"{MAX_TIMEOUT:g}, e.g. --timeout 30")
    return value


def cap_jobs(ctx, param, value):
    """--jobs N: more worker processes than cores only adds memory and switching; use the cores."""
    cores = os.cpu_count() or 1
    if value is not None and value > cores:
        click.echo(f"note: --jobs {value} is more than the {cores} cores here; using {cores}", err=True)
        return cores
    return value


jobs_option = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N", callback=cap_jobs,
                           help="Worker processes (default: the number of cores, at most that; 1 = in this process, "
                                "no isolation).")
timeout_option = click.option("--timeout", type=float, default=30.0, show_default=True, metavar="SECONDS",
                              callback=check_timeout,
                              help="Time limit per account (in this process too); an account over it fails.")

rules_option = click.option("--rules", "rules_dirs", type=click.Path(file_okay=False, path_type=Path), multiple=True,
                            help="Another folder of rule packs, searched after the bundled packs, your pack folder "
                                 "and ADVISOR_PACKS (repeatable).")
pack_option = click.option("--pack", "packs", multiple=True, callback=check_packs,
                           help="Pack to use (repeatable). Default: core plus the account's industry pack.")
as_of_option = click.option("--as-of", "as_of", callback=parse_date, default=None, metavar="YYYY-MM-DD",
                            help="Date to advise as of (default: today).")
store_option = click.option("--store", "store_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
                            help="Feedback store file (default: $ADVISOR_STORE, else the user data dir).")
no_feedback_option = click.option("--no-feedback", is_flag=True,
                                  help="Ignore recorded feedback (done / snooze / dismiss).")
lang_option = click.option("--lang", type=click.Choice(["en", "zh"]), default="en", show_default=True,
                           help="Language of actions and explanations.")
# one account's advice defaults to the language the account is written in (accounts.writtenlang)
account_lang_option = click.option("--lang", type=click.Choice(["auto", "en", "zh"]), default="auto",
                                   show_default=True,
                                   help="Language of actions and explanations; auto = the language the account "
                                        "is written in (Chinese when most of its own words are Chinese).")


def advice_lang(lang: str, account) -> str:
    """--lang as given, or for 'auto' the language the account is written in."""
    if lang != "auto":
        return lang
    from ..accounts.writtenlang import written_language

    return written_language(account)
force_option = click.option("--force", is_flag=True,
                            help="Replace or delete files even if this command did not generate them "
                                 "(or they were edited since).")


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
    from ..files.atomic import write_atomic

    write_atomic(output, text, force=force)


def read_account(account: Path):
    """An account file, or standard input when ACCOUNT is '-'."""
    from ..accounts.account import load_account, validate_account

    if str(account) == "-":
        from ..files.yamlio import MAX_BYTES, load_yaml_text, read_bounded

        raw = read_bounded(sys.stdin.buffer)  # never more than the cap (issue 12 item 2)
        if len(raw) > MAX_BYTES:
            raise AdvisorError(f"input is larger than {MAX_BYTES // (1024 * 1024)} MB", file="<stdin>",
                               fix="send one account (a few KB)")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise AdvisorError(f"not UTF-8 text (byte {exc.start})", file="<stdin>", fix="send the account as UTF-8") from None
        data, locs = load_yaml_text(text, "<stdin>")
        acc = validate_account(data, locs)
    else:
        acc = load_account(account)
    for warning in acc.warnings:  # on stderr: stdout's formats stay the advice alone
        click.echo(warning, err=True)
    return acc


def pack_search(rules_dirs=()):
    """Bundled packs, the user's pack folder, ADVISOR_PACKS, then the --rules folders."""
    from ..api import default_pack_path

    return default_pack_path(list(rules_dirs))


def advice_options(top: int, top_help: str, lang=lang_option):
    """The options shared by commands that print advice (advise, batch)."""

    def decorate(func):
        for option in reversed([
            pack_option, as_of_option, lang,
            click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text",
                         show_default=True),
            click.option("--top", "top_n", type=click.IntRange(min=0), default=top, show_default=True, help=top_help),
            rules_option, *output_options, store_option, no_feedback_option, friendly,
        ]):
            func = option(func)
        return func

    return decorate


def open_store(path, off=False):
    """The feedback store to honour (None with --no-feedback); reading never creates it."""
    from ..feedback.store import Store

    return None if off else Store(path)


def feedback_store(path, off=False):
    """The store an advice command reads: None with --no-feedback, or when there is no store file yet
    (no events either way; the store module and sqlite3 are then not even imported)."""
    from ..feedback.location import default_path

    if off or not (Path(path) if path else default_path()).exists():
        return None
    return open_store(path)


def report_sync(result, check, command):
    """What a docs generator wrote, or (with --check) what is stale: exit 1 if anything is."""
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


# exit code of a fault in the advisor itself (sysexits.h EX_SOFTWARE), apart from bad input (2) and findings (1)
INTERNAL_ERROR = 70


def internal_error(exc: BaseException, prog: str, args: list[str]) -> str:
    """The one line a fault of the advisor's own prints: what failed, where in our code, the command that met it and
    how to see the whole story — as ruff reports a panic, never a traceback the user cannot act on."""
    import traceback

    package = Path(__file__).resolve().parent.parent  # advisor/
    where = ""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):  # the innermost frame in our own code
        try:
            where = f" at advisor/{Path(frame.filename).resolve().relative_to(package).as_posix()}:{frame.lineno}"
            break
        except ValueError:
            continue
    message = " ".join(str(exc).split()) or "-"
    command = " ".join([prog, *args])
    return (f"Error: internal error{where}: {type(exc).__name__}: {escape(message)} — while running '{escape(command)}'."
            " This is a fault in the advisor, not in your input (files are written atomically: none is left"
            " half-written). Please report it with the input; ADVISOR_DEBUG=1 shows the traceback.")


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
        except Exception as exc:  # noqa: BLE001 — a fault of ours: one line, never a traceback (ADVISOR_DEBUG=1 shows it)
            if os.environ.get("ADVISOR_DEBUG"):
                raise
            click.echo(internal_error(exc, prog_name or "advisor", sys.argv[1:] if args is None else list(args)),
                       err=True)
            sys.exit(INTERNAL_ERROR)
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
