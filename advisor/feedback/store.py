"""The feedback store: one SQLite file of events (done / snooze / dismiss), append-only.

Why SQLite: a single file, no server, safe against two commands writing at once
(WAL journal), and readable by any tool. The schema carries a version
(``PRAGMA user_version``) and is brought up to date by ``MIGRATIONS`` on open, so
an old store keeps working after an upgrade. ``export_jsonl`` / ``import_jsonl``
move every event in and out as JSON lines, so nothing is locked in.

Events refer to stable keys only — the account (its CRM id as ``crm:ID`` when it has
one, else its name; see record.account_key), the rule id, the contact name ('' for the
whole account) — so they survive a re-run of packs and a rule
id that no longer exists is still listed by ``history``.

The file lives under the user data dir (platformdirs); ``ADVISOR_STORE`` or
``--store`` moves it. Reading a store that does not exist yet gives no events and
creates nothing; the first recorded event creates it.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import sqlite3
import time
from contextlib import closing
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Optional

from ..files.errors import AdvisorError
from ..files.filekind import file_kind
from .location import default_path

VERBS = ("done", "snooze", "dismiss")

# index i brings a store from version i to i + 1; never edit one that has shipped
MIGRATIONS = [
    """
    CREATE TABLE events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account TEXT NOT NULL,
        rule TEXT NOT NULL,
        contact TEXT NOT NULL DEFAULT '',
        verb TEXT NOT NULL CHECK (verb IN ('done', 'snooze', 'dismiss')),
        at TEXT NOT NULL,
        until TEXT,
        note TEXT,
        by TEXT,
        fingerprint TEXT
    );
    CREATE INDEX events_account_rule ON events (account, rule);
    """,
    # v2: a content key per event, so importing the same export twice adds nothing
    """
    ALTER TABLE events ADD COLUMN key TEXT;
    CREATE UNIQUE INDEX events_key ON events (key);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
BUSY_SECONDS = 30.0  # how long a command waits for another one writing the store before it gives up
FIELDS = ("account", "rule", "contact", "verb", "at", "until", "note", "by", "fingerprint")


@dataclass(frozen=True)
class Event:
    account: str
    rule: str
    contact: str  # '' = every target of the rule at this account
    verb: str
    at: dt.date  # the as-of date it was recorded on (the clock of windows)
    until: Optional[dt.date] = None  # snooze: hidden before this date
    note: Optional[str] = None
    by: Optional[str] = None  # who recorded it
    fingerprint: Optional[str] = None  # the facts the action rested on (done / dismiss)
    id: int = 0  # order of recording; 0 before it is stored

    @property
    def key(self) -> str:
        """Content identity, independent of the row id (for de-duplicating imports)."""
        blob = json.dumps(self.as_json(with_id=False), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]

    def as_json(self, with_id: bool = True) -> dict:
        data = asdict(self)
        data["at"] = self.at.isoformat()
        data["until"] = self.until.isoformat() if self.until else None
        if not with_id:
            data.pop("id")
        return data


class Store:
    """Events of one store file. Open it per command; every method is one transaction."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path else default_path()
        # all events, read once: a batch or plan asks for every account's events, and one
        # query beats thousands of connections; writes through this object drop it
        self._all: Optional[list[Event]] = None
        self._by_account: dict[str, list[Event]] = {}

    # -- connection ---------------------------------------------------------
    def _connect(self, create: bool) -> Optional[sqlite3.Connection]:
        if self.path.exists() and not self.path.is_file():
            # a folder, FIFO, socket or device: SQLite would say only "disk I/O error" (or block on a FIFO)
            raise AdvisorError(f"the feedback store is {file_kind(self.path.stat().st_mode)}, not a file",
                               file=str(self.path),
                               fix="set --store / ADVISOR_STORE to a file path (the store is created on first write)")
        if not self.path.exists():
            if not create:
                return None
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise AdvisorError(f"cannot create the feedback store folder: {exc.strerror}", file=str(self.path),
                                   fix="set ADVISOR_STORE or --store to a writable file") from None
        try:
            # autocommit while opening, so _migrate's BEGIN EXCLUSIVE is the only transaction; then back
            # to Python's default, where `with con:` wraps each write in one transaction
            con = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
            _wal(con)
            self._migrate(con)
            con.isolation_level = ""
        except sqlite3.DatabaseError as exc:
            raise AdvisorError(f"not a usable feedback store ({exc})", file=str(self.path),
                               fix="point --store / ADVISOR_STORE at an advisor store, or move this file away") from None
        return con

    def _migrate(self, con: sqlite3.Connection) -> None:
        """Create or bring the schema up to date: every step in ONE exclusive transaction that reads the
        version again inside it, so processes opening a new or old store at once never both create the
        table or add a column (issue 20: 8 processes creating a store lost up to half their events)."""
        if self._check_version(con) == SCHEMA_VERSION:
            return  # the common case: nothing to do, no write lock taken
        con.execute("BEGIN EXCLUSIVE")  # waits (busy timeout) while another process migrates
        try:
            version = self._check_version(con)
            for i in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[i].split(";"):
                    if statement.strip():
                        con.execute(statement)
                if i == 1:  # fill the key of rows written before it existed
                    for row in con.execute(f"SELECT id, {', '.join(FIELDS)} FROM events").fetchall():
                        con.execute("UPDATE events SET key = ? WHERE id = ?", (_event(row).key, row[0]))
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def _check_version(self, con: sqlite3.Connection) -> int:
        version = con.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise AdvisorError(f"feedback store has schema version {version}, newer than this advisor ({SCHEMA_VERSION})",
                               file=str(self.path), fix="upgrade advisor, or use another --store")
        return version

    def schema_version(self) -> int:
        con = self._connect(create=False)
        if con is None:
            return 0
        with closing(con):
            return con.execute("PRAGMA user_version").fetchone()[0]

    # -- writing --------------------------------------------------------------
    def record(self, event: Event) -> Event:
        if event.verb not in VERBS:
            raise AdvisorError(f"unknown feedback '{event.verb}'", fix="use one of: " + ", ".join(VERBS))
        try:
            with closing(self._connect(create=True)) as con, con:
                cur = con.execute(
                    f"INSERT INTO events ({', '.join(FIELDS)}, key) VALUES ({', '.join('?' * (len(FIELDS) + 1))})",
                    _row(event) + (event.key,))
                rowid = cur.lastrowid
        except sqlite3.Error as exc:
            raise self._write_error(exc) from None
        self._all = None
        return Event(**{**asdict(event), "id": rowid})

    def import_events(self, events: Iterable[Event]) -> tuple[int, int]:
        """Add events not already present (same content), all or none; returns (added, skipped)."""
        added = skipped = 0
        try:
            with closing(self._connect(create=True)) as con, con:
                for event in events:
                    cur = con.execute(
                        f"INSERT OR IGNORE INTO events ({', '.join(FIELDS)}, key) "
                        f"VALUES ({', '.join('?' * (len(FIELDS) + 1))})", _row(event) + (event.key,))
                    added += cur.rowcount
                    skipped += 1 - cur.rowcount
        except sqlite3.Error as exc:
            raise self._write_error(exc) from None
        self._all = None
        return added, skipped

    def _write_error(self, exc: sqlite3.Error) -> AdvisorError:
        return AdvisorError(f"cannot write the feedback store: {exc}; nothing was recorded", file=str(self.path),
                            fix="check the file is writable and no other program holds it, or use --store")

    # -- reading --------------------------------------------------------------
    def events(self, account: str | None = None) -> list[Event]:
        """Events in recording order, of one account or all (the file is read once per Store)."""
        if self._all is None:
            con = self._connect(create=False)
            if con is None:  # no store yet: read as empty once (a batch asks once per account)
                self._all, self._by_account = [], {}
                return []
            with closing(con):
                self._all = [_event(row) for row in
                             con.execute(f"SELECT id, {', '.join(FIELDS)} FROM events ORDER BY id")]
            self._by_account = {}
            for e in self._all:
                self._by_account.setdefault(e.account, []).append(e)
        return list(self._all) if account is None else list(self._by_account.get(account, []))

    def events_of(self, keys: list[str]) -> list[Event]:
        """Events of any of ``keys`` (an account's key and its legacy name), in recording order."""
        if len(keys) == 1:
            return self.events(keys[0])
        self.events()
        wanted = set(keys)
        return [e for e in self._all or [] if e.account in wanted]

    def accounts(self) -> list[str]:
        return sorted({e.account for e in self.events()})

    def export_jsonl(self) -> str:
        return "".join(json.dumps(e.as_json(with_id=False), ensure_ascii=False, sort_keys=True) + "\n"
                       for e in self.events())


def _wal(con: sqlite3.Connection) -> None:
    """Switch the file to the WAL journal (readers never block the writer). The switch needs the file
    to itself; SQLite may answer "locked" at once instead of waiting when another process opens it in
    the same instant, so wait here as the busy timeout would."""
    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            con.execute("PRAGMA journal_mode=WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01 + random.random() * 0.04)


def _row(e: Event) -> tuple:
    return (e.account, e.rule, e.contact or "", e.verb, e.at.isoformat(),
            e.until.isoformat() if e.until else None, e.note, e.by, e.fingerprint)


def _event(row) -> Event:
    rid, account, rule, contact, verb, at, until, note, by, fingerprint = row
    return Event(account=account, rule=rule, contact=contact or "", verb=verb, at=dt.date.fromisoformat(at),
                 until=dt.date.fromisoformat(until) if until else None, note=note, by=by,
                 fingerprint=fingerprint, id=rid)


def parse_jsonl(text: str, source: str) -> list[Event]:
    """Events from an export; a bad line is a one-line error naming the line."""
    out = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            missing = [k for k in ("account", "rule", "verb", "at") if not data.get(k)]
            if missing:
                raise ValueError(f"missing {', '.join(missing)}")
            unknown = sorted(set(data) - set(FIELDS) - {"id"})
            if unknown:
                raise ValueError(f"unknown field '{unknown[0]}'")
            if data["verb"] not in VERBS:
                raise ValueError(f"unknown verb '{data['verb']}'")
            until = data.get("until")
            out.append(Event(account=str(data["account"]), rule=str(data["rule"]), contact=str(data.get("contact") or ""),
                             verb=data["verb"], at=dt.date.fromisoformat(data["at"]),
                             until=dt.date.fromisoformat(until) if until else None, note=data.get("note"),
                             by=data.get("by"), fingerprint=data.get("fingerprint")))
        except (ValueError, TypeError) as exc:
            raise AdvisorError(f"not a feedback event: {exc}", file=source, line=n,
                               fix="each line must be one object as written by `advisor store export`") from None
    return out
