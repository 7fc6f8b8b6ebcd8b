"""Advise on a whole portfolio, streaming: read, advise and write one row at a time.

A portfolio is a YAML file::

    name: East region key accounts
    accounts:
      - ../accounts/jingfeng-dealer.yaml        # a path, relative to the portfolio file
      - {name: Inline Co., stage: open}         # or an account written inline

or a folder of account files. A bad row never stops the batch: it becomes an
error entry (file, line, what, fix) and the other accounts are still advised.

Memory does not grow with the portfolio: rows are read lazily (a folder keeps
only its sorted file names; a portfolio file is read as a stream of YAML events
and each inline account is parsed on its own, where it is advised), each row is
advised and rendered on its own, and the report is written as rows arrive. Only
the failed rows' one-line messages are kept, for the error section at the end.

Rows are advised in this process (``jobs=1``) or in worker processes
(``pool.imap``), or on a Dask cluster (``dask_run``, chosen in ``runner``); the output is the same
bytes either way. Each row travels as a ``RowRef`` (plain data: a path, or an
inline account's YAML text); ``advise_row`` turns it into its rendered piece of
the report inside whichever process runs it.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, TextIO

from ..accounts.account import Account, load_account, validate_account
from ..api import Advice, Advisor
from ..files.errors import AdvisorError
from ..files.filekind import require_regular_input
from ..files.yamlio import FIELD_LIKE, Locations, load_yaml_text

FORMATS = ("text", "markdown", "json", "jsonl")


# --------------------------------------------------------------- reading ---
@dataclass(frozen=True)
class RowRef:
    """One account of a portfolio, as plain (picklable) data; ``load()`` reads and validates it."""

    label: str  # the account file, or "portfolio.yaml:LINE" for an inline account
    path: Optional[str] = None  # an account file
    text: Optional[str] = None  # an inline account's YAML, columns kept, lines counted from line_offset
    line_offset: int = 0
    error: Optional[str] = None  # a row that is wrong in the portfolio itself

    def load(self) -> Account:
        if self.error:
            raise AdvisorError(self.error)
        if self.path is not None:
            try:
                return load_account(Path(self.path))
            except AdvisorError as exc:
                # a path made absolute for another machine's workers (dask_run) is reported as written
                if exc.file == self.path and self.label != self.path:
                    exc.file = self.label
                raise
        file = self.label.rsplit(":", 1)[0]
        try:
            data, locs = load_yaml_text(self.text, file)
        except AdvisorError as exc:  # a YAML error of the inline text: at its line in the portfolio
            if exc.line:
                exc.line += self.line_offset
            raise
        return validate_account(data, _Shifted(locs, self.line_offset))

    def __iter__(self):  # unpacks as (label, load), like the earlier (label, loader) pairs
        return iter((self.label, self.load))


class _Shifted(Locations):
    """Locations of an inline account parsed on its own, reported at its lines in the portfolio."""

    def __init__(self, inner: Locations, lines: int):
        super().__init__(inner.file)
        self._inner, self._lines = inner, lines
        self.cuts = inner.cuts

    def warnings(self) -> list[str]:
        return [c.message(self.file, self._lines) for c in self.cuts]

    def find(self, path):
        line, col = self._inner.find(path)
        return (line + self._lines if line else line), col

    def find_key(self, path):
        line, col = self._inner.find_key(path)
        return (line + self._lines if line else line), col


class Portfolio:
    """A portfolio's name and rows; iterate it (again, if need be) for RowRefs; ``len()`` counts them."""

    def __init__(self, name: str, count: int, rows: Callable[[], Iterator[RowRef]]):
        self.name, self._count, self._rows = name, count, rows

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[RowRef]:
        return self._rows()


def portfolio_rows(path: str | Path) -> tuple[str, Portfolio]:
    """The portfolio's name and its rows (RowRefs, read lazily; each unpacks as (label, load)).

    Errors in the portfolio's own structure (not YAML, no ``accounts:`` list,
    unknown field) raise AdvisorError before any row is read; errors of one
    entry become that row's error.
    """
    path = Path(path)
    if path.is_dir():
        return path.name, _folder(path)
    return _portfolio_file(path)


def _folder(path: Path) -> Portfolio:
    # names only (not Path objects, not stat results): 100k names are a few MB
    with os.scandir(path) as entries:
        names = sorted(e.name for e in entries if e.name.endswith((".yaml", ".yml")))
    if not names:
        raise AdvisorError("no .yaml account files in this folder", file=str(path), fix="name a folder of account files")
    base = str(path)
    return Portfolio(path.name, len(names),
                     lambda: (RowRef(os.path.join(base, n), path=os.path.join(base, n)) for n in names))


def _portfolio_file(path: Path) -> tuple[str, Portfolio]:
    # read whole (a 100k-row list is a few MB of text; nothing is built from it but one row at a time)
    require_regular_input(path)  # a FIFO would block the read forever
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AdvisorError("file not found", file=str(path),
                           fix="check the path (run from the project folder or give an absolute path)") from None
    except UnicodeDecodeError as exc:
        raise AdvisorError(f"not UTF-8 text (byte {exc.start})", file=str(path), fix="save the file as UTF-8") from None
    except OSError as exc:
        raise AdvisorError(f"cannot read: {exc.strerror}", file=str(path), fix="check permissions") from None
    # first pass: check the structure, find the name, count the rows (nothing is kept)
    name, count = None, 0
    for kind, value in _scan(text, path):
        if kind == "name":
            name = value
        elif kind == "row":
            count += 1
    return str(name or path.stem), Portfolio(str(name or path.stem), count,
                                             lambda: (v for k, v in _scan(text, path) if k == "row"))


def _scan(text: str, path: Path) -> Iterator[tuple[str, object]]:
    """Walk a portfolio file's YAML events: ("name", str) and one ("row", RowRef) per entry."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError
    from ruamel.yaml.events import (AliasEvent, CollectionEndEvent, CollectionStartEvent, MappingStartEvent,
                                    ScalarEvent, SequenceStartEvent)
    from ruamel.yaml.nodes import ScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    file = str(path)
    resolver = VersionedResolver()
    events = YAML(typ="rt").parse(text)

    def structure(message, fix, mark=None):
        return AdvisorError(message, file=file, line=mark.line + 1 if mark else 1,
                            col=mark.column + 1 if mark else 1, fix=fix)

    def skip(first) -> object:
        """Consume the rest of a collection that began with ``first``; return its end event."""
        depth, event = 1, first
        while depth:
            event = next(events)
            if isinstance(event, CollectionStartEvent):
                depth += 1
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
        return event

    def plain_str(event) -> bool:
        return isinstance(event, ScalarEvent) and (
            event.style is not None or resolver.resolve(ScalarNode, event.value, event.implicit)
            == "tag:yaml.org,2002:str")

    try:
        for event in events:
            if isinstance(event, (MappingStartEvent, SequenceStartEvent, ScalarEvent, AliasEvent)):
                break
        else:
            event = None
        if not isinstance(event, MappingStartEvent):
            raise structure("a portfolio must be a mapping with an 'accounts:' list",
                            "write accounts: [ path/to/account.yaml, ... ]", getattr(event, "start_mark", None))
        top = event
        seen_accounts = False
        while True:
            key = next(events)
            if isinstance(key, CollectionEndEvent):
                break
            if not plain_str(key) or key.value not in ("name", "accounts", "description"):
                field_name = key.value if isinstance(key, ScalarEvent) else "?"
                if not FIELD_LIKE.fullmatch(field_name):
                    # `plan /etc/shadow` read its first line as a key: say where, never what (issue 20)
                    raise structure(f"this is not a portfolio field (a key of {len(field_name)} characters that "
                                    "no field name looks like); is this the right file?",
                                    "allowed: name, description, accounts", key.start_mark)
                raise structure(f"unknown field '{field_name}'", "allowed: name, description, accounts",
                                key.start_mark)
            value = next(events)
            if key.value == "accounts":
                if not isinstance(value, SequenceStartEvent):
                    raise structure("a portfolio must be a mapping with an 'accounts:' list",
                                    "write accounts: [ path/to/account.yaml, ... ]", value.start_mark)
                seen_accounts = True
                yield from _entries(events, path, text, plain_str, skip)
            elif isinstance(value, CollectionStartEvent):
                skip(value)
            elif key.value == "name" and isinstance(value, ScalarEvent):
                yield "name", value.value
        if not seen_accounts:
            raise structure("a portfolio must be a mapping with an 'accounts:' list",
                            "write accounts: [ path/to/account.yaml, ... ]", top.start_mark)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        raise AdvisorError(f"invalid YAML: {problem}", file=file, line=mark.line + 1 if mark else None,
                           col=mark.column + 1 if mark else None,
                           fix="check indentation, quotes and colons at that place") from None
    except YAMLError as exc:
        raise AdvisorError(f"invalid YAML: {str(exc).splitlines()[0]}", file=file,
                           fix="check the file's YAML syntax") from None


def _entries(events, path: Path, text: str, plain_str, skip) -> Iterator[tuple[str, RowRef]]:
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, MappingStartEvent

    for event in events:
        if isinstance(event, CollectionEndEvent):
            return
        mark = event.start_mark
        label = f"{path}:{mark.line + 1}"
        if plain_str(event):
            target = os.path.normpath(path.parent / event.value)
            yield "row", RowRef(target, path=target)
        elif isinstance(event, MappingStartEvent):
            end = skip(event)
            # the account's own text, parsed where it is advised: blank what precedes it on its first
            # line ("  - ") so columns stay right; lines are shifted back when errors are reported
            line_start = text.rfind("\n", 0, mark.index) + 1
            piece = " " * (mark.index - line_start) + text[mark.index:end.end_mark.index]
            yield "row", RowRef(label, text=piece, line_offset=mark.line)
        else:
            if isinstance(event, CollectionStartEvent):
                skip(event)
            yield "row", RowRef(label, error=str(AdvisorError(
                "an account entry must be a path or a mapping", file=str(path), line=mark.line + 1,
                col=mark.column + 1, fix="write a file path or an inline account")))


# -------------------------------------------------------------- advising ---
@dataclass(frozen=True)
class BatchConfig:
    """What every process advising rows needs to know (picklable)."""

    rules_dir: object  # a folder, a PackPath, or None: the packs installed where the row is advised
    as_of: dt.date
    packs: Optional[tuple[str, ...]] = None
    fmt: str = "text"
    lang: str = "en"
    top_n: int = 3
    store: object = None  # the feedback store to honour (advisor.feedback.store.Store), or None
    rates: object = None  # a rate table (accounts.money.Rates) for the tier thresholds' currency, or None


@dataclass
class RowOut:
    """One advised row, rendered: ``piece`` of the report, or one-line ``error``."""

    label: str
    piece: Optional[str] = None
    error: Optional[str] = None
    account: Optional[str] = None
    warnings: tuple = ()  # the account file's loading warnings (a value cut at a '#'): stderr, never the report


_STATE: dict = {}  # this process's Advisor and config (set by start_worker)
_ADVISORS: dict = {}  # (rules_dir, packs) → Advisor, kept for the life of the process


def start_worker(config: BatchConfig, preload: bool = True) -> None:
    """Per process, once: build the Advisor and compile every pack set rows may need.

    The Advisor is kept for later calls with the same packs (another batch on a
    long-lived Dask worker): packs are registered once per process (ENGINE-NOTES 12).
    """
    key = (repr(config.rules_dir), config.packs)
    advisor = _ADVISORS.get(key)
    if advisor is None:
        advisor = _ADVISORS[key] = Advisor(config.rules_dir)
    if preload:
        # compile the base packs now, so no row pays for them (nor runs into the time limit because
        # of them). An industry's pack set is compiled when its first account comes: compiling all ten
        # up front cost each worker ~3 s and ~150 MB with no parse cache, mostly for packs never used.
        advisor.load(list(config.packs) if config.packs else ["core"])
    _STATE.clear()
    _STATE.update(advisor=advisor, config=config)


def advise_row(ref: RowRef) -> RowOut:
    """Load, advise and render one row in this process (after ``start_worker``)."""
    advisor: Advisor = _STATE["advisor"]
    config: BatchConfig = _STATE["config"]
    try:
        account = ref.load()
        advice = advisor.advise(account, as_of=config.as_of, packs=list(config.packs) if config.packs else None,
                                store=config.store, rates=config.rates)
    except AdvisorError as exc:
        if not exc.file:  # a time limit names no file: the row's own, so the report says which row
            exc.file = ref.label
        return RowOut(ref.label, error=str(exc))
    return RowOut(ref.label, piece=render_row(advice, ref.label, config.fmt, config.lang, config.top_n),
                  account=advice.account, warnings=tuple(account.warnings))


def advise_rows(portfolio: Iterable[RowRef], config: BatchConfig, jobs: int | None = 1,
                timeout: float | None = None, row_func: Callable[[RowRef], RowOut] = advise_row,
                chunksize: int = 16) -> Iterator[RowOut]:
    """Every row's RowOut, in portfolio order, advised here (jobs=1) or in ``jobs`` worker processes.

    A row that raises, crashes its worker or runs past ``timeout`` seconds is a
    failed row ("label: what happened"); the others are advised regardless.
    """
    from . import pool

    if config.store is not None:  # read once, here: the workers get the events and never open the file
        config.store.events()
    in_process = (jobs or os.cpu_count() or 1) <= 1
    for result in pool.imap(row_func, portfolio, jobs=jobs, initializer=start_worker,
                            initargs=(config, not in_process), timeout=timeout, chunksize=chunksize):
        if result.error is not None:
            yield RowOut(result.row.label, error=f"{result.row.label}: {result.error}")
        else:
            yield result.value


# ------------------------------------------------------------- rendering ---
def render_row(advice: Advice, label: str, fmt: str, lang: str, top_n: int) -> str:
    """One account's piece of the portfolio report."""
    from ..accounts.terms import ui
    from ..output import jsonindent, render

    if fmt in ("json", "jsonl"):
        record = render.as_dict(advice, lang, top_n) | {"file": label}
        if fmt == "jsonl":
            return json.dumps(record, ensure_ascii=False) + "\n"
        return _indent(jsonindent.dumps(record, indent=2))  # json.dumps(…, ensure_ascii=False, indent=2)'s bytes
    md = fmt == "markdown"
    lines = [f"## {advice.account}" if md else f"== {advice.account} ({label})"]
    if md:
        lines.append(f"`{label}` — {len(advice.actions)} actions, {len(advice.suppressed)} suppressed")
        lines.append("")
    shown = render.top(advice, top_n)
    for act in shown:
        lines.append(f"{act.rank}. {act.what[lang]} — {render.who_text(act, lang)}, "
                     f"{ui('by', lang)} {render.due_text(act, advice, lang)} [{act.rule}]")
    if not shown:
        lines.append(ui("no_actions", lang))
    lines.append("")
    return "\n".join(lines) + "\n"


def _indent(text: str) -> str:  # a list item inside the report document, as json.dumps(indent=2) nests it
    return "    " + text.replace("\n", "\n    ")


@dataclass
class Summary:
    advised: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (label, one-line message) per failed row

    @property
    def failed(self) -> int:
        return len(self.errors)


def write_report(name: str, rows: Iterable[RowOut], fmt: str, out: TextIO,
                 on_row: Callable[[RowOut], None] | None = None) -> Summary:
    """Write the report as rows arrive; return the counts and the failed rows' messages.

    text / markdown: a header, one section per advised account, the errors, a
    summary line. json: one document ``{"portfolio", "accounts": [...],
    "errors": [...], "summary"}`` written incrementally (the same bytes as
    dumping it whole). jsonl: one JSON object per line, in portfolio order — an
    advised account (the same object as in ``accounts``), or ``{"file",
    "error"}`` for a failed row — then ``{"portfolio", "summary"}`` last.
    """
    summary = Summary()
    if fmt == "json":
        out.write("{\n  \"portfolio\": " + json.dumps(name, ensure_ascii=False) + ",\n  \"accounts\": [")
    elif fmt in ("text", "markdown"):
        out.write((f"# {name}" if fmt == "markdown" else name) + "\n\n")
    for row in rows:
        if row.error is not None:
            summary.errors.append((row.label, row.error))
            if fmt == "jsonl":
                out.write(json.dumps({"file": row.label, "error": row.error}, ensure_ascii=False) + "\n")
        else:
            if fmt == "json":
                out.write(("\n" if summary.advised == 0 else ",\n") + row.piece)
            else:
                out.write(row.piece)
            summary.advised += 1
        if on_row:
            on_row(row)
    counts = {"advised": summary.advised, "failed": summary.failed}
    if fmt == "jsonl":
        out.write(json.dumps({"portfolio": name, "summary": counts}, ensure_ascii=False) + "\n")
    elif fmt == "json":
        out.write("\n  ],\n" if summary.advised else "],\n")
        errors = [{"file": label, "error": e} for label, e in summary.errors]
        body = json.dumps({"errors": errors, "summary": counts}, ensure_ascii=False, indent=2)
        out.write(body[2:] + "\n")  # continue the open document: drop this one's "{\n"
    else:
        md = fmt == "markdown"
        lines = []
        if summary.errors:
            lines.append("## Errors" if md else "errors:")
            if md:
                lines.append("")
            lines.extend(f"- {e}" for _, e in summary.errors)
            lines.append("")
        lines.append(f"advised: {summary.advised}, failed: {summary.failed}")
        out.write("\n".join(lines) + "\n")
    return summary


# -------------------------------------------------- the in-process API ---
@dataclass
class Row:
    label: str  # the path or "portfolio.yaml:LINE"
    advice: Optional[Advice] = None
    error: Optional[str] = None


def run_batch(advisor: Advisor, rows, as_of: dt.date, packs: list[str] | None = None,
              progress: Callable[[], None] | None = None, store=None) -> Iterator[Row]:
    """Advice objects one row at a time, in this process (for Python callers that want Advice, not text)."""
    for label, load in rows:
        try:
            yield Row(label, advice=advisor.advise(load(), as_of=as_of, packs=packs, store=store))
        except AdvisorError as exc:
            yield Row(label, error=str(exc))
        finally:
            if progress:
                progress()
