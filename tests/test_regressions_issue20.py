"""Issue 20 (an outside audit): one regression test per fault, named for the fault.

Nothing lost, nothing deleted, nothing injected: each test runs the real command (CliRunner, or a
subprocess where processes, signals or file types matter) on the input the audit used.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli

from .conftest import AS_OF, FIXTURES

ROOT = Path(__file__).resolve().parent.parent
ONE_LINE = re.compile(r"^Error: .+$")


def one_error_line(output: str) -> str:
    lines = output.strip().splitlines()
    assert len(lines) == 1 and ONE_LINE.match(lines[0]) and "Traceback" not in output, output
    return lines[0]


def invoke(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


# --- generated-file pruning never deletes outside its folder ----------------------------------
def hostile_manifest(folder: Path, names: list[str]) -> None:
    entries = {name: {"sha256": "0" * 64, "by": "advisor pack docs"} for name in names}
    (folder / ".advisor-generated.json").write_text(json.dumps({"files": entries}), encoding="utf-8")


@pytest.mark.parametrize("force", [False, True])
def test_manifest_pruning_never_deletes_outside_its_folder(tmp_path, force):
    out = tmp_path / "docs"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    absolute = tmp_path / "abs" / "path.txt"
    absolute.parent.mkdir()
    absolute.write_text("keep me too\n")
    hostile_manifest(out, ["../victim.txt", str(absolute)])
    result = invoke("pack", "docs", "--out", out, *(["--force"] if force else []))
    assert result.exit_code == 2
    line = one_error_line(result.output)
    assert ".advisor-generated.json" in line and "not a file inside its folder" in line
    assert victim.read_text() == "keep me\n" and absolute.read_text() == "keep me too\n"
    assert sorted(p.name for p in out.iterdir()) == [".advisor-generated.json"]  # nothing written either


@pytest.mark.parametrize("name", ["a/../../victim.txt", "./x.md", "a\\..\\..\\victim.txt", "C:/victim.txt", "",
                                  ".advisor-generated.json", "sub//x.md"])
def test_manifest_with_a_name_that_is_not_plain_is_refused(tmp_path, name):
    out = tmp_path / "docs"
    out.mkdir()
    hostile_manifest(out, [name])
    result = invoke("pack", "docs", "--out", out, "--check")
    assert result.exit_code == 2, result.output
    assert "not a file inside its folder" in one_error_line(result.output)


def test_manifest_pruning_does_not_follow_a_symlinked_folder_out(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.md"
    victim.write_text("keep me\n")
    out = tmp_path / "docs"
    out.mkdir()
    (out / "sub").symlink_to(outside, target_is_directory=True)
    hostile_manifest(out, ["sub/victim.md"])
    result = invoke("pack", "docs", "--out", out, "--force")
    assert result.exit_code == 2 and "not a file inside its folder" in one_error_line(result.output)
    assert victim.read_text() == "keep me\n"


def test_manifest_pruning_still_deletes_its_own_stale_page(tmp_path):
    out = tmp_path / "docs"
    assert invoke("pack", "docs", "--out", out).exit_code == 0
    manifest = json.loads((out / ".advisor-generated.json").read_text(encoding="utf-8"))
    stale = out / "retired-pack.md"
    stale.write_text("old\n")
    import hashlib

    manifest["files"]["retired-pack.md"] = {"sha256": hashlib.sha256(b"old\n").hexdigest(), "by": "advisor pack docs"}
    (out / ".advisor-generated.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = invoke("pack", "docs", "--out", out)
    assert result.exit_code == 0 and "retired-pack.md" in result.output, result.output
    assert not stale.exists()


# --- the feedback store: created and migrated by many processes at once, no event lost ---------
RECORDER = """
import datetime as dt, sys, time
from advisor.feedback.store import Event, Store
path, start, who, count = sys.argv[1], float(sys.argv[2]), sys.argv[3], int(sys.argv[4])
while time.time() < start:  # every process opens the store in the same instant
    time.sleep(0.001)
for i in range(count):
    verb = "snooze" if i % 2 else "done"
    Store(path).record(Event(account=f"account-{who}-{i}", rule="core.roles.meet-decider", contact="", verb=verb,
                             at=dt.date(2026, 11, 23), until=dt.date(2026, 12, 1) if verb == "snooze" else None))
"""


def record_at_once(path: Path, processes: int, each: int) -> list[str]:
    import subprocess
    import sys
    import time

    start = time.time() + 2.0  # after every interpreter has started
    children = [subprocess.Popen([sys.executable, "-c", RECORDER, str(path), str(start), str(k), str(each)],
                                 stderr=subprocess.PIPE, text=True) for k in range(processes)]
    return [err for child in children for err in [child.communicate(timeout=120)[1]] if child.returncode or err]


def stored_accounts(path: Path) -> list[str]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(path)) as con:
        return sorted(row[0] for row in con.execute("SELECT account FROM events"))


def test_store_created_by_many_processes_at_once_loses_no_event(tmp_path):
    for trial in range(3):  # the audit lost 0, 3 and 4 of 8 over three trials
        path = tmp_path / f"trial{trial}" / "feedback.sqlite3"
        failures = record_at_once(path, processes=8, each=3)
        assert failures == [], failures[0]
        assert stored_accounts(path) == sorted(f"account-{k}-{i}" for k in range(8) for i in range(3))


def test_store_migrated_by_many_processes_at_once_loses_no_event(tmp_path):
    """A version-1 store (no key column): eight processes upgrade it at once ("duplicate column name")."""
    import sqlite3
    from contextlib import closing

    from advisor.feedback.store import MIGRATIONS, SCHEMA_VERSION, Store

    path = tmp_path / "v1.sqlite3"
    with closing(sqlite3.connect(path)) as con, con:
        con.executescript(MIGRATIONS[0])
        con.execute("INSERT INTO events (account, rule, contact, verb, at) VALUES ('old', 'core.x', '', 'done', "
                    "'2026-01-02')")
        con.execute("PRAGMA user_version = 1")
    failures = record_at_once(path, processes=8, each=5)
    assert failures == [], failures[0]
    assert stored_accounts(path) == sorted(["old"] + [f"account-{k}-{i}" for k in range(8) for i in range(5)])
    assert Store(path).schema_version() == SCHEMA_VERSION
    assert all(e.key for e in Store(path).events())


# --- CSV formula injection: no cell a spreadsheet would run -----------------------------------
FORMULAS = ["=cmd|' /C calc'!A0", "@SUM(1,2)", "+SUM(1,2)", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1",
            "=HYPERLINK(\"http://x\";\"y\")"]
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def formula_portfolio(tmp_path: Path) -> Path:
    import yaml

    accounts = []
    for i, formula in enumerate(FORMULAS):
        accounts.append({"name": f"{formula} {i}" if i % 2 else formula, "owner": FORMULAS[-1 - i],
                         "industry": "it-distribution", "stage": "propose",
                         "contacts": [{"name": FORMULAS[(i + 1) % len(FORMULAS)], "roles": ["decider"],
                                       "met": False},
                                      {"name": f"a;{formula}", "roles": ["purchaser"], "met": True}]})
    path = tmp_path / "formulas.yaml"
    path.write_text(yaml.safe_dump({"name": "=portfolio", "accounts": accounts}, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_csv_export_holds_no_formula_cell(tmp_path, jobs):
    import csv

    out = tmp_path / "plan.csv"
    result = invoke("plan", formula_portfolio(tmp_path), "--as-of", AS_OF, "--format", "csv", "--top-actions", "0",
                    "-j", jobs, "-o", out)
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) > len(FORMULAS)  # a header and the actions of every account
    cells = [c for row in rows for c in row]
    dangerous = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not NUMBER.fullmatch(c)]
    assert dangerous == []
    names = {row[1] for row in rows[1:]}
    assert "'=cmd|' /C calc'!A0" in names  # neutralised, not dropped: the name is still readable
    contacts = {row[9] for row in rows[1:]}
    assert "'@SUM(1,2)" in contacts or "'+SUM(1,2)" in contacts


def test_every_csv_writer_goes_through_the_neutraliser():
    """No module writes CSV with the csv module directly (a new export would skip the guard)."""
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "advisor").rglob("*.py")
                 if p.name != "csvsafe.py" and re.search(r"csv\.(writer|DictWriter)\(", p.read_text(encoding="utf-8"))]
    assert offenders == []
