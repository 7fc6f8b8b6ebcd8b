"""The weekly plan of a book of any size, in flat memory: ``advisor plan``'s document, spilled to disk.

``build_plan`` keeps every advised account in memory until the book is ranked; at 10k accounts
that was ~1 GB (issue 21). Ranking needs the whole book, so here each account is reduced, as it
arrives, to the plan document's own pieces — its entry in ``accounts`` and its due items — and
written to a temporary SQLite file with the keys they are ordered by. When the last row is in,
SQLite ranks the book (need, then name, then file, then portfolio order: ``build_plan``'s order
exactly) and the document's lists are read back in order, one entry at a time, as the renderers
iterate them. What stays in memory is one account at a time and the pool's window of rows.

Where the piece is made: an account's entry and items are built where the account was advised (a
worker process or a Dask worker: ``spill_row``), pickled there, and travel as a few KB of bytes that
the planning process only inserts (``iter_pieces`` → ``SpilledPlan.add_piece``). The whole advice
(~26 KB pickled: every action in both languages) never crosses a pipe or the network, and the
planning process — one per plan, serial — does no per-account work but the insert; that is what
kept ``--dask``, with its second hop (Dask worker → its child), well behind ``--jobs``.

The document is ``plan_to_json``'s, field for field and byte for byte once rendered: the same
helpers (``plan.plan_account``, ``plan.account_json``, ``plan.account_items``, ``plan.item_json``)
build every piece, and tests/test_plan_stream.py compares the two on the fixture book. Its lists
are ``Spilled`` views: sized and iterable (each iteration reads the file again), which is all
a renderer asks of a list; ``materialise`` turns the document into plain lists and dicts.
"""
from __future__ import annotations

import datetime as dt
import pickle
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from . import book as book_mod
from .days import check_days
from .plan import PlanFilters, account_items, account_json, item_json, iter_results, plan_account, plan_header, plan_row

_SCHEMA = """
CREATE TABLE accounts (id INTEGER PRIMARY KEY, need REAL, name BLOB, file BLOB, bucket TEXT, doc BLOB);
CREATE TABLE items (id INTEGER PRIMARY KEY, account INTEGER, day TEXT, due INTEGER, action INTEGER, doc BLOB);
CREATE TABLE failed (id INTEGER PRIMARY KEY, label BLOB, error BLOB, doc BLOB);
CREATE TABLE ranked (id INTEGER PRIMARY KEY, rank INTEGER);
"""


def _key(text: str) -> bytes:
    # UTF-8 bytes compare as their code points do, so SQLite's memcmp order is Python's str order;
    # surrogatepass keeps a lone surrogate (a name read from raw bytes) sortable instead of an error
    return text.encode("utf-8", "surrogatepass")


@dataclass(frozen=True)
class PlanSpec:
    """What turns an advised account into its piece of the plan (picklable: it travels to workers)."""

    as_of: dt.date
    days: int = 7
    lang: str = "en"
    filters: PlanFilters = field(default_factory=PlanFilters)
    book: book_mod.BookRules = field(default_factory=book_mod.BookRules)


def piece_of(spec: PlanSpec, label: str, account, outcome) -> Optional[tuple]:
    """One advised row as the spill file stores it: ("failed", label, error, doc), ("account", need,
    name, file, bucket, doc, items) with docs pickled, or None when the filters leave it out."""
    if isinstance(outcome, str):
        return "failed", _key(label), _key(outcome), pickle.dumps({"file": label, "error": outcome}, 5)
    p = plan_account(label, account, outcome, spec.days, spec.lang, spec.filters)
    if p is None:
        return None
    items = [(None if it.due_in_days < 0 else it.by.isoformat(), it.due_in_days, it.action_rank,
              pickle.dumps(item_json(it), 5)) for it in account_items(p, spec.as_of, spec.days, spec.lang)]
    return ("account", p.need, _key(p.account), _key(p.file), book_mod.bucket_of(p.tier, p.potential),
            pickle.dumps(account_json(p, spec.lang, spec.filters.top_actions, spec.book), 5), items)


def spill_row(spec: PlanSpec, ref) -> tuple[Optional[tuple], tuple]:
    """In a worker (after ``batch.start_worker``): the row advised and made into its piece, with the account
    file's loading warnings (a value cut at a '#')."""
    account, outcome = plan_row(ref)
    return piece_of(spec, ref.label, account, outcome), (account.warnings if account is not None else ())


def iter_pieces(rows, config, spec: PlanSpec, jobs: Optional[int] = None, timeout: Optional[float] = 30.0,
                dask: object = None, warnings: Optional[list] = None) -> Iterator[Optional[tuple]]:
    """Each row's piece, in portfolio order, made in ``jobs`` worker processes or on Dask
    (``plan.iter_results``); a row that failed there (crash, time limit) becomes its failed piece. The rows'
    loading warnings are added to ``warnings`` (when given), for the CLI to list on stderr."""
    for result in iter_results(partial(spill_row, spec), rows, config, jobs=jobs, timeout=timeout, dask=dask):
        if result.error is not None:
            yield piece_of(spec, result.row.label, None, result.error)
            continue
        piece, found = result.value
        if warnings is not None:
            warnings.extend(found)
        yield piece


class Spilled:
    """A list of the plan document, read back from the spill file in order each time it is iterated."""

    def __init__(self, book: "SpilledPlan", query: str, params: tuple = (), ranked: bool = False):
        self._book, self._query, self._params, self._ranked = book, query, params, ranked
        self._len: Optional[int] = None

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for row in self._book.db.execute(self._query, self._params):
            doc = pickle.loads(row[-1])
            if self._ranked:
                doc["rank"] = row[0]  # the key exists already (0): the entry keeps its field order
            yield doc

    def __len__(self) -> int:
        if self._len is None:
            self._len = self._book.db.execute(f"SELECT count(*) FROM ({self._query})", self._params).fetchone()[0]
        return self._len

    def __bool__(self) -> bool:
        return len(self) > 0


class SpilledPlan:
    """Advised accounts in, the plan document out (``document``); ``close`` removes the spill file."""

    def __init__(self, *, as_of: dt.date, days: int = 7, lang: str = "en", filters: PlanFilters = PlanFilters(),
                 portfolio: Optional[str] = None, book: Optional[book_mod.BookRules] = None,
                 folder: Optional[str] = None):
        days = check_days(days)  # before the spill file is made
        self.as_of, self.days, self.lang, self.filters, self.portfolio = as_of, days, lang, filters, portfolio
        self.book = book or book_mod.BookRules()
        self._dir = tempfile.mkdtemp(prefix="advisor-plan-", dir=folder)
        # isolation_level=None: no implicit transactions; one explicit transaction around the loading
        self.db = sqlite3.connect(str(Path(self._dir) / "plan.sqlite3"), isolation_level=None)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE;"
                              + _SCHEMA)
        self.db.execute("BEGIN")
        self.failed_count = 0
        self._ranked = False

    @property
    def spec(self) -> PlanSpec:
        return PlanSpec(self.as_of, self.days, self.lang, self.filters, self.book)

    def add(self, label: str, account, outcome) -> None:
        """One advised row: (label, Account or AccountBrief, Advice), or (label, None, error message)."""
        self.add_piece(piece_of(self.spec, label, account, outcome))

    def add_piece(self, piece: Optional[tuple]) -> None:
        """One row's piece as ``piece_of`` made it (here or in a worker)."""
        if piece is None:
            return
        if piece[0] == "failed":
            self.failed_count += 1
            self.db.execute("INSERT INTO failed (label, error, doc) VALUES (?, ?, ?)", piece[1:])
            return
        _, need, name, file, bucket, doc, items = piece
        cur = self.db.execute("INSERT INTO accounts (need, name, file, bucket, doc) VALUES (?, ?, ?, ?, ?)",
                              (need, name, file, bucket, doc))
        self.db.executemany("INSERT INTO items (account, day, due, action, doc) VALUES (?, ?, ?, ?, ?)",
                            [(cur.lastrowid, *item) for item in items])

    def add_all(self, results: Iterable[tuple]) -> "SpilledPlan":
        for label, account, outcome in results:
            self.add(label, account, outcome)
        return self

    def add_pieces(self, pieces: Iterable[Optional[tuple]]) -> "SpilledPlan":
        for piece in pieces:
            self.add_piece(piece)
        return self

    def _rank(self) -> None:
        if self._ranked:
            return
        # build_plan sorts on (-need, account, file) with a stable sort: ties keep portfolio order (id)
        self.db.execute("INSERT INTO ranked (id, rank) SELECT id, row_number() OVER "
                        "(ORDER BY need DESC, name, file, id) FROM accounts")
        if self.filters.top:
            self.db.execute("DELETE FROM ranked WHERE rank > ?", (self.filters.top,))
        self.db.execute("COMMIT")
        self._ranked = True

    def document(self) -> dict[str, Any]:
        """The plan document (``plan_to_json``'s shape) with its lists read from the spill file."""
        self._rank()
        items = "SELECT r.rank, i.doc FROM items i JOIN ranked r ON r.id = i.account "
        days = [self.as_of + dt.timedelta(days=i) for i in range(self.days)]
        # every account that passed the filters, before --top (as build_plan counts them)
        buckets = dict(self.db.execute("SELECT bucket, count(*) FROM accounts WHERE bucket IS NOT NULL GROUP BY bucket"))
        return {
            **plan_header(self.as_of, self.lang, self.days, self.portfolio, self.filters),
            "attention": book_mod.attention(buckets, self.book, self.lang),
            "accounts": Spilled(self, "SELECT r.rank, a.doc FROM ranked r JOIN accounts a ON a.id = r.id "
                                      "ORDER BY r.rank", ranked=True),
            "week": [{"date": day.isoformat(),
                      "items": Spilled(self, items + "WHERE i.day = ? ORDER BY r.rank, i.action, i.id",
                                       (day.isoformat(),))} for day in days],
            "overdue": Spilled(self, items + "WHERE i.day IS NULL ORDER BY i.due, r.rank, i.action, i.id"),
            "failed": Spilled(self, "SELECT doc FROM failed ORDER BY label, error, id"),
        }

    def close(self) -> None:
        self.db.close()
        shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> "SpilledPlan":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def materialise(value: Any) -> Any:
    """The document with every spilled list read into a plain list (for a caller that wants all of it)."""
    if isinstance(value, dict):
        return {k: materialise(v) for k, v in value.items()}
    if isinstance(value, (list, Spilled)):
        return [materialise(v) for v in value]
    return value
