"""Issue 20 (an outside audit): one regression test per fault, named for the fault.

Nothing lost, nothing deleted, nothing injected: each test runs the real command (CliRunner, or a
subprocess where processes, signals or file types matter) on the input the audit used.
"""
from __future__ import annotations

import datetime as dt
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


@pytest.mark.parametrize("flags", [[], ["--check"], ["--force"]])
def test_manifest_with_a_name_the_os_cannot_encode_is_refused_not_a_traceback(tmp_path, flags):
    """Found by the long fuzz run (run 8): "\\ud800" in the manifest's JSON is a lone surrogate, which no
    file name can hold; resolving it raised UnicodeEncodeError."""
    out = tmp_path / "docs"
    out.mkdir()
    hostile_manifest(out, ["ok\ud800.md"])
    assert "\\ud800" in (out / ".advisor-generated.json").read_text(encoding="utf-8")  # as JSON writes it
    result = invoke("pack", "docs", "--out", out, *flags)
    assert result.exit_code == 2, result.output
    assert "lists 'ok\\ud800.md', which is not a file inside its folder" in one_error_line(result.output)
    assert sorted(p.name for p in out.iterdir()) == [".advisor-generated.json"]


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


def test_rejected_rows_csv_holds_no_formula_cell():
    import csv
    import io

    from advisor.crm.importer import ImportReport
    from advisor.files.errors import AdvisorError

    report = ImportReport(rejected={"=reason": [AdvisorError("=cmd|' /C calc'!A0 is not an amount", file="@x.csv",
                                                             line=3, col=2, fix="+SUM(1,2)")]})
    rows = list(csv.reader(io.StringIO(report.rejected_csv())))
    assert rows[1] == ["'=reason", "'@x.csv", "3", "2", "'=cmd|' /C calc'!A0 is not an amount", "'+SUM(1,2)"]


def test_every_csv_writer_goes_through_the_neutraliser():
    """No module writes CSV with the csv module directly (a new export would skip the guard)."""
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "advisor").rglob("*.py")
                 if p.name != "csvsafe.py" and re.search(r"csv\.(writer|DictWriter)\(", p.read_text(encoding="utf-8"))]
    assert offenders == []


# --- impossible dates: one located line everywhere --------------------------------------------
IMPOSSIBLE = [("last_contact: 2025-02-29", "'2025-02-29' is not a real date"),
              ("last_contact: 2026-11-01T25:61:00", "'2026-11-01T25:61:00' is not a real date")]


@pytest.mark.parametrize("line, message", IMPOSSIBLE)
def test_impossible_unquoted_date_is_one_located_line_in_advise(tmp_path, line, message):
    account = tmp_path / "acct.yaml"
    account.write_text(f"name: X\nstage: open\n{line}\n", encoding="utf-8")
    for command in ("advise", "explain"):
        result = invoke(command, account, "--as-of", AS_OF)
        assert result.exit_code == 2
        error = one_error_line(result.output)
        assert f"{account}:3:15: {message}" in error and "write dates as YYYY-MM-DD" in error


def bad_date_portfolio(tmp_path: Path) -> tuple[Path, Path]:
    bad = tmp_path / "bad-date.yaml"
    bad.write_text("name: Bad Date Co\nstage: open\nlast_contact: 2025-02-29\n", encoding="utf-8")
    good = FIXTURES / "accounts" / "tcl-too-expensive.yaml"
    portfolio = tmp_path / "book.yaml"
    portfolio.write_text(f"name: Book\naccounts:\n  - {bad}\n  - {good}\n"
                         "  - {name: Inline Bad, stage: open, last_contact: 2026-11-01T25:61:00}\n", encoding="utf-8")
    return portfolio, bad


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "csv", "ics", "html"])
def test_impossible_date_fails_only_its_plan_row_and_every_format_names_the_file(tmp_path, jobs, fmt):
    portfolio, bad = bad_date_portfolio(tmp_path)
    out = tmp_path / f"plan.{fmt}"
    result = CliRunner().invoke(cli, ["plan", str(portfolio), "--as-of", AS_OF, "--format", fmt, "-j", jobs,
                                      "-o", str(out)])
    assert result.exit_code == 1, result.output  # the plan is made; some rows failed
    assert "Traceback" not in result.output
    import html

    shown = html.unescape(re.sub(r"<[^>]+>", "", out.read_text(encoding="utf-8"))) + result.output
    assert f"{bad}:3:15: '2025-02-29' is not a real date" in shown
    assert f"{portfolio}:5:" in shown and "'2026-11-01T25:61:00' is not a real date" in shown
    assert "华信电脑城" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_impossible_date_fails_only_its_batch_row(tmp_path, jobs):
    portfolio, bad = bad_date_portfolio(tmp_path)
    result = CliRunner().invoke(cli, ["batch", str(portfolio), "--as-of", AS_OF, "-j", jobs, "--top", "1"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{bad}:3:15: '2025-02-29' is not a real date" in result.output
    assert f"{portfolio}:5:" in result.output and "华信电脑城" in result.output


def test_a_program_error_on_a_plan_row_fails_that_row_and_names_its_file():
    """`plan -j 1` once died on a row that raised something other than a user error (no plan at all)."""
    from advisor.api import Advisor
    from advisor.output import plan_formats
    from advisor.portfolio.plan import build_plan, plan_to_json

    def broken():
        raise ValueError("day is out of range for month")

    good = FIXTURES / "accounts" / "tcl-too-expensive.yaml"
    from advisor import load_account

    rows = [("broken.yaml", broken), (str(good), lambda: load_account(good))]
    doc = plan_to_json(build_plan(rows, Advisor(), as_of=AS_OF))
    assert [a["account"] for a in doc["accounts"]] == ["华信电脑城"]
    assert doc["failed"] == [{"file": "broken.yaml", "error": "ValueError: day is out of range for month"}]
    for render in (plan_formats.text, plan_formats.markdown):
        assert "broken.yaml: ValueError: day is out of range for month" in render(doc)


# --- count limits: documented bounds, located errors, linear work below them -------------------
def _over_the_bound(path: tuple, limit: int) -> dict:
    """A parsed account holding limit + 1 entries at ``path`` (contacts[0].reaches for a '*')."""
    items = {"contacts": lambda i: {"name": f"C{i}"}, "related_to": lambda i: f"C{i}", "reaches": lambda i: f"C{i}",
             "visits": lambda i: {"date": "2026-10-01", "contact": "C0"},
             "objections": lambda i: {"text": f"too expensive {i}"}, "opportunities": lambda i: {"name": f"O{i}"},
             "deals": lambda i: {"name": f"D{i}", "status": "won"}, "promises": lambda i: {"what": f"quote {i}"},
             "complaints": lambda i: {"what": f"broken {i}"}, "competitors": lambda i: {"name": f"K{i}"},
             "policies": lambda i: "no_gifts", "references": lambda i: {"name": f"R{i}"},
             "invoices": lambda i: {"due": "2026-10-01"},
             "periods": lambda i: {"period": f"{2000 + i // 12}-{i % 12 + 1:02d}", "amount": 1}}
    leaf = path[-1]
    many = ({f"flag_{i}": True for i in range(limit + 1)} if leaf == "facts"
            else [items[leaf](i) for i in range(limit + 1)])
    data: dict = {"name": "Over Co", "stage": "open"}
    if path[0] == "contacts" and len(path) == 3:
        data["contacts"] = [{"name": "C0", leaf: many}]
    elif path == ("sales", "periods"):
        data["sales"] = {"periods": many}
    else:
        data[leaf] = many
    return data


def count_limit_cases():
    from advisor.accounts.bounds import COUNT_LIMITS

    return [pytest.param(path, limit, id=".".join(path)) for path, limit in COUNT_LIMITS.items()]


@pytest.mark.parametrize("path, limit", count_limit_cases())
def test_count_over_its_bound_is_one_located_line(tmp_path, path, limit):
    import yaml

    from advisor.accounts.account import load_account
    from advisor.files.errors import AdvisorError

    account = tmp_path / "over.yaml"
    account.write_text(yaml.safe_dump(_over_the_bound(path, limit), allow_unicode=True, sort_keys=False),
                       encoding="utf-8")
    with pytest.raises(AdvisorError) as info:
        load_account(account)
    message = str(info.value)
    assert re.match(rf"{re.escape(str(account))}:\d+:\d+: ", message), message
    assert f"{limit + 1:,} entries, more than the {limit:,} allowed" in message
    assert "docs/account-format.md#limits" in message
    assert info.value.line > limit  # the entry past the bound, not the top of the file


def test_count_bounds_are_documented():
    from advisor.accounts.bounds import COUNT_LIMITS

    text = (ROOT / "docs" / "account-format.md").read_text(encoding="utf-8")
    section = text.split("## Limits", 1)[1].split("\n## ", 1)[0]
    for path, limit in COUNT_LIMITS.items():
        assert f"| {limit:,} entries |" in section and path[-1] in section


def test_contact_facts_counted_once_give_the_same_counts_as_before():
    """introducer_count, visit_count and objection_count are now counted in one pass; the values are
    those of the per-contact scans they replace."""
    import datetime as dt

    from advisor.accounts.account import validate_account
    from advisor.accounts.facts import enrich
    from advisor.files.yamlio import Locations

    contacts = [{"name": f"C{i}", "related_to": [f"C{(i + 1) % 7}", f"C{i}"], "reaches": [f"C{(i * 3) % 7}"]}
                for i in range(7)]
    data = {"name": "Counts", "contacts": contacts,
            "visits": [{"date": f"2026-10-{d:02d}", "contact": f"C{d % 3}"} for d in range(1, 20)],
            "objections": [{"text": "too expensive", "contact": f"C{k % 4}"} for k in range(9)]}
    account = validate_account(data, Locations("<test>"))
    facts = {f["name"]: f for f in enrich(account, dt.date(2026, 11, 23)) if f["kind"] == "contact"}
    for c in account.contacts:
        want = sum(c.name in (o.related_to + o.reaches) for o in account.contacts if o.name != c.name)
        assert facts[c.name]["introducer_count"] == want
        assert facts[c.name]["visit_count"] == sum(v.contact == c.name for v in account.visits)
        assert facts[c.name]["objection_count"] == sum(o.contact == c.name for o in account.objections)


def test_rank_order_in_one_pass_is_the_first_not_over_its_cap_at_every_step():
    """The linear ordering picks what "the first entry not over its contact's cap, else the first"
    picked at every step (the quadratic loop it replaces), on many random rankings."""
    import random
    from types import SimpleNamespace

    from advisor.evaluation import rank as rank_mod

    def reference(entries, p):
        cap, picked, seen = p["max_per_contact"], [], {}
        over = lambda e: bool(e.c.contact) and cap > 0 and seen.get(e.c.contact, 0) >= cap  # noqa: E731
        ordered = sorted(entries, key=rank_mod._Entry.order)
        start = 0
        while start < len(ordered):
            end = start
            while end < len(ordered) and ordered[end].score == ordered[start].score:
                end += 1
            left = ordered[start:end]
            while left:
                e = next((x for x in left if not over(x)), left[0])
                left.remove(e)
                if e.c.contact:
                    seen[e.c.contact] = seen.get(e.c.contact, 0) + 1
                picked.append(e)
            start = end
        return rank_mod._cap_generic(picked, p["top_n"], p["max_generic_top"])

    rng = random.Random(20)
    for _ in range(300):
        entries = []
        for i in range(rng.randint(0, 30)):
            rule = SimpleNamespace(id=f"r{rng.randint(0, 5)}.{i}", generic=rng.random() < 0.3)
            c = SimpleNamespace(contact=rng.choice(["", "A", "B", "C"]), rule=rule, target=f"t{i}")
            entries.append(rank_mod._Entry(c, {"score": rng.randint(1, 4)}))
        packset = SimpleNamespace(params={"max_per_contact": rng.randint(0, 3), "top_n": rng.randint(1, 6),
                                          "max_generic_top": rng.randint(0, 2)})
        p = rank_mod.params(packset)
        assert rank_mod._order(entries, packset) == reference(entries, p)


# --- only regular files are read or replaced ----------------------------------------------------
def run_cli(*args, timeout=60, cwd=None):
    """The real command in its own process: a hang fails this test by its timeout, not the run."""
    import os
    import subprocess
    import sys

    script = Path(sys.executable).parent / "advisor"
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "advisor.cli"]
    return subprocess.run([*command, *map(str, args)], capture_output=True, text=True, timeout=timeout,
                          cwd=cwd or ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))


@pytest.fixture
def fifo(tmp_path):
    import os

    path = tmp_path / "account.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", [["advise", "{}", "--as-of", AS_OF], ["explain", "{}", "--as-of", AS_OF],
                                     ["batch", "{}", "--as-of", AS_OF], ["plan", "{}", "--as-of", AS_OF],
                                     ["whatif", "{}", "--set", "stage=propose"], ["history", "{}"],
                                     ["store", "import", "{}"]])
def test_fifo_as_input_is_refused_not_waited_on(fifo, command):
    result = run_cli(*[str(fifo) if part == "{}" else part for part in command])
    assert result.returncode == 2, result.stderr
    line = one_error_line(result.stderr)
    assert str(fifo) in line and "FIFO" in line


def test_fifo_as_crm_export_is_refused_not_waited_on(tmp_path):
    import os
    import shutil

    export = tmp_path / "export"
    shutil.copytree(FIXTURES / "crm" / "hubspot", export)
    target = next(p for p in sorted(export.iterdir()) if p.suffix == ".csv")
    target.unlink()
    os.mkfifo(target)
    result = run_cli("import", "crm", export, "--preset", "hubspot", "--currency", "USD", "--out", tmp_path / "out",
                     "--as-of", AS_OF)
    assert result.returncode in (1, 2) and "FIFO" in result.stderr and "Traceback" not in result.stderr


def test_device_as_input_is_refused():
    result = run_cli("advise", "/dev/zero", "--as-of", AS_OF)
    assert result.returncode == 2 and "is a device" in one_error_line(result.stderr)


def _special_targets(tmp_path: Path) -> dict[str, Path]:
    import os

    precious = tmp_path / "precious.txt"
    precious.write_text("the user's work\n")
    targets = {"symlink": tmp_path / "link.json", "dangling symlink": tmp_path / "dangling.json",
               "fifo": tmp_path / "fifo.json"}
    targets["symlink"].symlink_to(precious)
    targets["dangling symlink"].symlink_to(tmp_path / "nowhere.json")
    os.mkfifo(targets["fifo"])
    return targets


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_output_never_replaces_a_symlink_fifo_or_device(tmp_path, force):
    import os
    import stat

    for kind, target in _special_targets(tmp_path).items():
        before = os.lstat(target)
        result = invoke("schema", "account", "-o", target, *force)
        assert result.exit_code == 2, (kind, result.output)
        assert "not a regular file; nothing was written" in one_error_line(result.output)
        after = os.lstat(target)
        assert (stat.S_IFMT(after.st_mode), after.st_ino) == (stat.S_IFMT(before.st_mode), before.st_ino), kind
    assert (tmp_path / "precious.txt").read_text() == "the user's work\n"
    assert not (tmp_path / "nowhere.json").exists()
    result = invoke("advise", FIXTURES / "accounts" / "tcl-too-expensive.yaml", "--as-of", AS_OF, "-o", "/dev/null",
                    *force)
    assert result.exit_code == 2 and "is a device" in one_error_line(result.output)


def test_output_still_replaces_a_regular_file_with_force(tmp_path):
    target = tmp_path / "schema.json"
    target.write_text("old\n")
    assert invoke("schema", "account", "-o", target).exit_code == 2
    assert invoke("schema", "account", "-o", target, "--force").exit_code == 0
    assert json.loads(target.read_text())["title"]


# --- errors never print a file's contents ------------------------------------------------------
def test_error_on_a_non_account_file_does_not_echo_its_first_line(tmp_path):
    shadow = tmp_path / "shadow"
    secret = "root:$6$Qx1bY2cZ$kP0l3vW8s9RtYh5Jm4Nq7Ue2Ia1Ob6Xc:20228:0:99999:7:::"
    shadow.write_text(secret + "\ndaemon:*:20228:0:99999:7:::\n", encoding="utf-8")
    result = invoke("advise", shadow)
    assert result.exit_code == 2
    line = one_error_line(result.output)
    assert f"{shadow}:1:1:" in line and "not an account field" in line
    assert "$6$" not in line and "20228" not in line and "daemon" not in line


SECRET = "root:$6$Qx1bY2cZ$kP0l3vW8s9RtYh5Jm4Nq7Ue2Ia1Ob6Xc:20228:0:99999:7:::"


def shadow_file(path: Path) -> Path:
    path.write_text(SECRET + "\ndaemon:*:20228:0:99999:7:::\n", encoding="utf-8")
    return path


def no_secret(line: str, path: Path) -> None:
    line = line.replace(str(path), "FILE")  # a temporary folder's name may hold "root"
    assert "$6$" not in line and "20228" not in line and "daemon" not in line and "root" not in line


@pytest.mark.parametrize("command", ["batch", "plan"])
def test_error_on_a_non_portfolio_file_does_not_echo_its_first_line(tmp_path, command):
    shadow = shadow_file(tmp_path / "shadow")
    result = invoke(command, shadow, "--as-of", AS_OF)
    assert result.exit_code == 2
    line = one_error_line(result.output)
    assert line == (f"Error: {shadow}:1:1: this is not a portfolio field (a key of 67 characters that no field name "
                    "looks like); is this the right file? — allowed: name, description, accounts")
    no_secret(line, shadow)
    portfolio = tmp_path / "typo.yaml"
    portfolio.write_text("nmae: mine\naccounts: []\n", encoding="utf-8")  # a field a person typed: named
    assert "unknown field 'nmae'" in one_error_line(invoke(command, portfolio).output)


def test_error_on_a_non_csv_crm_file_does_not_echo_its_header(tmp_path):
    import shutil

    export = tmp_path / "export"
    shutil.copytree(FIXTURES / "crm" / "hubspot", export)
    shadow_file(export / "companies.csv")
    result = invoke("import", "crm", export, "--preset", "hubspot", "--currency", "CNY", "--out", tmp_path / "out",
                    "--as-of", AS_OF)
    assert result.exit_code == 2
    line = one_error_line(result.output)
    assert line == (f"Error: {export / 'companies.csv'}:1: no column 'Record ID' — the header row has 1 cell and none "
                    "looks like a column name; is this the CRM's CSV export? or fix the column name in the mapping")
    no_secret(line, export)
    # a real header with a column missing still names the columns it has, and a close one
    (export / "companies.csv").write_text("Record I,Company name,Industry,Company owner,root:$6$x:1\n1,A,IT,B,x\n",
                                          encoding="utf-8")
    line = one_error_line(invoke("import", "crm", export, "--preset", "hubspot", "--currency", "CNY",
                                 "--out", tmp_path / "out", "--as-of", AS_OF).output)
    assert "no column 'Record ID' — did you mean 'Record I'? (1 more header cell that looks like no column name, " \
           "not shown)" in line
    assert "$6$" not in line


def test_error_on_a_non_mapping_file_names_the_kind_of_file_and_not_its_line(tmp_path):
    """The account reader's guard also holds for mappings and packs, and says which file it expected."""
    shadow = shadow_file(tmp_path / "shadow")
    result = invoke("import", "crm", FIXTURES / "crm" / "hubspot", "--mapping", shadow, "--out", tmp_path / "out")
    line = one_error_line(result.output)
    assert result.exit_code == 2 and f"{shadow}:1:1: this is not a mapping field (a key of 67 characters" in line
    no_secret(line, shadow)
    pack = tmp_path / "packs" / "x"
    pack.mkdir(parents=True)
    shadow_file(pack / "pack.yaml")
    linted = invoke("pack", "lint", pack)
    assert "pack.yaml:1:1: error: this is not a pack field (a key of 67 characters" in linted.output
    no_secret(linted.output, pack / "pack.yaml")


def test_unknown_field_a_person_typed_is_still_named(tmp_path):
    account = tmp_path / "acct.yaml"
    account.write_text("name: X\nstgae: open\n名称: 客户\n", encoding="utf-8")
    line = one_error_line(invoke("advise", account).output)
    assert "unknown field 'stgae'" in line and "did you mean 'stage'?" in line


# --- options: --timeout everywhere and finite, --jobs capped, --days bounded, --pack "" refused -----
SEED = FIXTURES / "portfolios" / "seed-cases.yaml"
TCL = FIXTURES / "accounts" / "tcl-too-expensive.yaml"


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "0", "-1", "1e9"])
@pytest.mark.parametrize("command", [["advise", TCL], ["explain", TCL], ["batch", SEED], ["plan", SEED]])
def test_timeout_must_be_finite_and_positive(command, value):
    result = invoke(*command, "--timeout", value)
    assert result.exit_code == 2 and "is not a time limit" in one_error_line(result.output)


def test_timeout_applies_to_advise_in_this_process():
    result = invoke("advise", TCL, "--as-of", AS_OF, "--timeout", "0.0001")
    assert result.exit_code == 2
    assert "took longer than 0.0001 s" in one_error_line(result.output)
    assert invoke("advise", TCL, "--as-of", AS_OF, "--timeout", "60").exit_code == 0


@pytest.mark.parametrize("command", [["whatif", TCL, "--set", "stage=propose"],
                                     ["diff", ROOT / "rules", ROOT / "rules", TCL.parent],
                                     ["done", TCL, "core.roles.meet-decider", "--contact", "陈总"],
                                     ["snooze", TCL, "core.roles.meet-decider"],
                                     ["dismiss", TCL, "core.roles.meet-decider"]])
def test_timeout_applies_to_every_command_that_advises(tmp_path, command):
    """whatif, diff and the feedback verbs advise too (to compare, or to check the action is given)."""
    store = tmp_path / "store.db"
    feedback = ["--store", store] if command[0] in ("done", "snooze", "dismiss") else []
    result = invoke(*command, *feedback, "--as-of", AS_OF, "--timeout", "0.0001")
    assert result.exit_code == 2
    line = one_error_line(result.output)
    assert "took longer than 0.0001 s (the per-account time limit, --timeout); nothing was" in line
    assert ".yaml: took longer" in line  # the account it was advising
    assert not store.exists()  # nothing recorded
    assert "is not a time limit" in one_error_line(invoke(*command, *feedback, "--timeout", "nan").output)
    assert invoke(*command, *feedback, "--as-of", AS_OF, "--timeout", "600").exit_code == 0


@pytest.mark.parametrize("command", ["batch", "plan"])
def test_timeout_applies_to_every_row_with_one_job(command):
    result = invoke(command, SEED, "--as-of", AS_OF, "-j", "1", "--timeout", "0.0001")
    assert result.exit_code == 1  # every row failed, each one named, and the report was still written
    assert "Traceback" not in result.output
    assert f"{FIXTURES.relative_to(ROOT) / 'accounts' / 'tcl-too-expensive.yaml'}: took longer than 0.0001 s" \
        in result.output.replace(str(ROOT) + "/", "")


def test_jobs_beyond_the_cores_is_capped_with_a_note(monkeypatch):
    import os

    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    result = invoke("batch", SEED, "--as-of", AS_OF, "--top", "1", "-j", "2000")
    assert result.exit_code == 0
    assert "note: --jobs 2000 is more than the 2 cores here; using 2" in result.output


def test_days_is_bounded():
    result = invoke("plan", SEED, "--as-of", AS_OF, "--days", "99999999")
    assert result.exit_code == 2 and "--days" in one_error_line(result.output)
    assert invoke("plan", SEED, "--as-of", AS_OF, "--days", "366", "--format", "json", "--jobs", "1").exit_code == 0


@pytest.mark.parametrize("days", [99999999, 367, 0, -1, True, 7.5, "7"])
def test_days_is_bounded_in_the_api_too(days):
    """build_plan (and the spilled plan the CLI uses) refuse what --days refuses, before any advice."""
    from advisor.api import Advisor
    from advisor.files.errors import AdvisorError
    from advisor.portfolio.plan import build_plan
    from advisor.portfolio.plan_stream import SpilledPlan

    def never():
        raise AssertionError("no account may be advised with a bad day count")

    with pytest.raises(AdvisorError) as caught:
        build_plan([("never.yaml", never)], Advisor(), as_of=AS_OF, days=days)
    assert str(caught.value) == f"plan days {days!r} is " + (
        "out of range" if isinstance(days, int) and not isinstance(days, bool) else "not a whole number of days") + \
        " — pass a whole number from 1 to 366 (--days in 'advisor plan')"
    with pytest.raises(AdvisorError):
        SpilledPlan(as_of=AS_OF, days=days)


def test_the_longest_plan_the_api_allows_lays_out_every_day():
    from advisor import load_account
    from advisor.api import Advisor
    from advisor.portfolio.plan import build_plan

    rows = [(str(TCL), lambda: load_account(TCL))]
    plan = build_plan(rows, Advisor(), as_of=AS_OF, days=366)
    assert len(plan.week) == 366 and plan.week[-1][0] - plan.week[0][0] == dt.timedelta(days=365)


@pytest.mark.parametrize("command", [["advise", TCL], ["explain", TCL], ["batch", SEED], ["plan", SEED],
                                     ["whatif", TCL, "--set", "stage=propose"]])
def test_empty_pack_name_is_an_error(command):
    result = invoke(*command, "--pack", "")
    assert result.exit_code == 2 and "an empty name is not a pack" in one_error_line(result.output)


# --- pack lint: contains with a list is a finding, not a crash ---------------------------------
@pytest.mark.parametrize("second", ["{fact: contact.roles, op: not_contains, value: decider}",
                                    "{fact: contact.roles, op: contains, value: [user]}"])
def test_pack_lint_contains_with_a_list_is_a_finding_not_a_crash(tmp_path, second):
    from advisor.files.errors import AdvisorError
    from advisor.language.pack import load_packs

    from .packkit import rule, write_pack

    when = f"all:\n  - {{fact: contact.roles, op: contains, value: [decider]}}\n  - {second}"
    folder = write_pack(tmp_path / "rules", "alpha", "rules:\n" + rule("alpha.test.one", when, subject="contact"),
                        extra="extends: core\n")
    result = invoke("pack", "lint", folder)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert re.search(r"main\.yaml:\d+:\d+: error: rule alpha\.test\.one: 'contains' needs one text value .*"
                     r"\[value-type\]", result.output), result.output
    with pytest.raises(AdvisorError, match="needs one text value"):  # the loader says the same, located
        from advisor.api import default_pack_path

        load_packs(["alpha"], default_pack_path([tmp_path / "rules"]))


LINT_RULE = ("rules:\n  - {{id: {rid}, family: f, title: {{en: t, zh: 题}}, basis: derived, {extra},\n"
             "     when: {{all: [{{fact: account.stage, op: eq, value: open}}]}},\n"
             "     then: {{recommend: {{who: account, due_days: 1, what: {{en: a, zh: 甲}}, why: {{en: b, zh: 乙}}}}}}}}\n")


@pytest.mark.parametrize("rid, extra, finding", [
    ("p.a.b", "serves: []", r"main\.yaml:2:\d+: error: rule p\.a\.b: serves must be one word — use one of: keep_promise"),
    ("p.a.b", "serves: {a: 1}", r"error: rule p\.a\.b: serves must be one word"),
    ("[1]", "serves: upkeep", r"main\.yaml:2:\d+: error: rules\[0\]\.id: Input should be a valid string"),
    ("[1]", "serves: upkeep, tags: [[1], {a: 2}]", r"error: rules\[0\]\.id: Input should be a valid string"),
])
def test_pack_lint_a_list_as_serves_or_id_is_a_finding_not_a_crash(tmp_path, rid, extra, finding):
    """Found by the long fuzz run (run 8) once its packs said serves: (unhashable list in lint)."""
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "pack.yaml").write_text("name: p\nversion: 0.0.1\ndescription: {en: x, zh: 乙}\n", encoding="utf-8")
    (folder / "main.yaml").write_text(LINT_RULE.format(rid=rid, extra=extra), encoding="utf-8")
    result = invoke("pack", "lint", folder)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert re.search(finding, result.output), result.output


# --- a CRM cell over the length limit: reported at its line and column, with a fix ---------------
def test_crm_cell_over_the_length_limit_is_reported_at_its_line_and_column(tmp_path):
    import csv
    import shutil

    export = tmp_path / "export"
    shutil.copytree(FIXTURES / "crm" / "hubspot", export)
    companies = export / "companies.csv"
    with companies.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[2][1] = "C" * 300  # the second company's name, line 3, column 2
    with companies.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    result = CliRunner().invoke(cli, ["import", "crm", str(export), "--preset", "hubspot", "--currency", "USD",
                                      "--out", str(tmp_path / "out"), "--as-of", AS_OF])
    assert result.exit_code == 1, result.output  # that account failed, the others were imported
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {companies}:3:2: column 'Company name' makes name 300 characters long, more than "
                      "the 200 it may have — shorten it in the CRM (or in the export), or map a shorter column in "
                      "the mapping"], result.output


# --- cache entries carry a MAC under a per-user key: a forged entry is ignored and rebuilt ---------
def advise_with_cache(cache: Path) -> str:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "ADVISOR_NO_CACHE"}
    env.update(ADVISOR_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-m", "advisor", "advise", str(TCL), "--as-of", str(AS_OF), "--pack", "core",
                           "--no-feedback", "--lang", "en"], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_cache_entry_rewritten_with_a_recomputed_plain_digest_is_ignored_and_rebuilt(tmp_path):
    import hashlib
    import os
    import stat

    cache = tmp_path / "cache"
    true_advice = advise_with_cache(cache)
    assert "Get a first meeting with" in true_advice
    key_file = cache / "cache.key"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    entries = sorted(cache.glob("*/*.json"))
    assert {p.parent.name for p in entries} == {"loaded", "packs"}
    heads = {}
    for entry in entries:
        head, _, body = entry.read_text(encoding="utf-8").partition("\n")
        heads[entry] = head
        forged = body.replace("Get a first meeting with", "TAMPERED: wire the money to")
        assert forged != body
        plain = hashlib.sha256(forged.encode("utf-8")).hexdigest()
        meta = json.loads(head) | {"digest": plain, "mac": plain}
        entry.write_text(json.dumps(meta) + "\n" + forged, encoding="utf-8")
    again = advise_with_cache(cache)
    assert again == true_advice and "TAMPERED" not in again
    for entry, head in heads.items():  # rebuilt whole, under the same key
        assert entry.read_text(encoding="utf-8").partition("\n")[0] == head


def test_cache_key_others_can_read_turns_the_cache_off(tmp_path):
    import os

    cache = tmp_path / "cache"
    advise_with_cache(cache)
    os.chmod(cache / "cache.key", 0o644)
    for entry in cache.glob("*/*.json"):
        entry.unlink()
    advise_with_cache(cache)
    assert list(cache.glob("*/*.json")) == []  # nothing written (nor read) under a key others could use


# --- a fresh clone: the browser tests skip without Chromium, and are required on CI -------------------
@pytest.mark.parametrize("ci, outcome", [(None, "skip"), ("", "skip"), ("false", "skip"), ("1", "fail"),
                                         ("true", "fail")])
def test_browser_tests_skip_without_chromium_unless_ci_requires_them(monkeypatch, ci, outcome):
    import shutil

    from . import browser

    monkeypatch.delenv(browser.SKIP_FLAG, raising=False)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    expected = pytest.skip.Exception if outcome == "skip" else pytest.fail.Exception
    with pytest.raises(expected) as info:
        browser.browser_paths()
    message = str(info.value)
    assert "\n" not in message and "apt-get install -y chromium chromium-driver fonts-wqy-microhei" in message
    monkeypatch.setenv(browser.SKIP_FLAG, "1")  # an explicit request skips, on CI too
    with pytest.raises(pytest.skip.Exception):
        browser.browser_paths()


def test_readme_says_how_to_run_the_browser_tests_and_names_the_cjk_font_package():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tests_part = readme.split("Run the tests", 1)[1].split("\n## ", 1)[0]
    assert "apt-get install chromium chromium-driver fonts-wqy-microhei" in tests_part
    assert "skip" in tests_part and "CI" in tests_part


def test_pages_name_cjk_fonts_in_their_font_stacks():
    from advisor.output import svg

    css = (ROOT / "advisor" / "output" / "templates" / "page.css").read_text(encoding="utf-8")
    body = css.split("body {", 1)[1].split("}", 1)[0]
    for font in ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei"):
        assert font in body and font in svg.FONTS


# --- NO_COLOR and a non-terminal turn off every style -------------------------------------------
def at_a_terminal(args: list[str], **env_changes) -> str:
    """What a command prints on a pseudo-terminal (where styles are allowed) with these variables."""
    import os
    import select
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    env.update({"PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "COLUMNS": "160", **env_changes})
    env = {k: v for k, v in env.items() if v is not None}
    main, child = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "advisor", *args], stdout=child, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, env=env, cwd=ROOT)
    os.close(child)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 120)
        if not ready:
            proc.kill()
            break
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode in (0, 1), err
    return b"".join(chunks).decode("utf-8", "replace")


# --jobs 1: the styles are the parent's; a pool of workers in each of the four runs only added their start
@pytest.mark.parametrize("args", [["plan", str(SEED), "--as-of", str(AS_OF), "--top", "2", "--jobs", "1"],
                                  ["pack", "list"]])
def test_no_color_turns_off_every_style_at_a_terminal(args):
    styled = at_a_terminal(args)
    assert "\x1b[" in styled  # at a terminal, styles are on: so the test below can fail
    for value in ("1", "true"):
        plain = at_a_terminal(args, NO_COLOR=value)
        assert "\x1b[" not in plain and plain.strip()
    assert "\x1b[" not in at_a_terminal(args, TERM="dumb")


def test_no_style_when_the_output_is_not_a_terminal():
    result = invoke("plan", SEED, "--as-of", AS_OF, "--top", "2", "--jobs", "1")
    assert result.exit_code == 0 and "\x1b[" not in result.output
    result = invoke("pack", "list")
    assert result.exit_code == 0 and "\x1b[" not in result.output


# --- pack docs and diff work on user packs --------------------------------------------------------
def user_pack(rules: Path, stages: str = "[propose, close, maintain]") -> Path:
    rules.mkdir(parents=True, exist_ok=True)
    assert invoke("pack", "new", "my-dealers", "--extends", "core", "--rules", rules).exit_code == 0
    example = rules / "my-dealers" / "example.yaml"
    example.write_text(example.read_text(encoding="utf-8").replace("[propose, close, maintain]", stages), encoding="utf-8")
    return rules


def test_pack_docs_of_an_installed_advisor_documents_the_user_packs(tmp_path, monkeypatch):
    from advisor.cli import pack as pack_cli

    monkeypatch.setenv("ADVISOR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setattr(pack_cli, "_bundled_is_a_checkout", lambda: False)  # as from a wheel
    user_pack(tmp_path / "config" / "packs")
    result = invoke("pack", "docs")
    assert result.exit_code == 0, result.output
    pages = tmp_path / "config" / "docs" / "rules"
    assert sorted(p.name for p in pages.glob("*.md")) == ["README.md", "my-dealers.md"]
    assert "my-dealers.value.train-the-users" in (pages / "my-dealers.md").read_text(encoding="utf-8")
    assert invoke("pack", "docs", "--check").output.strip() == "up to date"


def test_pack_docs_with_no_user_packs_says_how_to_make_one(tmp_path, monkeypatch):
    from advisor.cli import pack as pack_cli

    monkeypatch.setenv("ADVISOR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setattr(pack_cli, "_bundled_is_a_checkout", lambda: False)
    result = invoke("pack", "docs")
    assert result.exit_code == 2 and "no packs to document" in one_error_line(result.output)


def test_pack_docs_never_writes_into_the_installed_package(tmp_path):
    import advisor

    inside = Path(advisor.__file__).resolve().parent / "_pages_that_must_not_exist"
    result = invoke("pack", "docs", "--out", inside)
    assert result.exit_code == 2 and "inside the installed advisor package" in one_error_line(result.output)
    assert not inside.exists()


def test_diff_of_user_pack_folders_finds_the_bundled_core(tmp_path):
    old = user_pack(tmp_path / "old")
    new = user_pack(tmp_path / "new", stages="[open, propose, close, maintain]")
    accounts = tmp_path / "accounts"
    accounts.mkdir()
    (accounts / "a.yaml").write_text("name: 示例客户\nstage: open\nindustry: my-dealers\n"
                                     "contacts: [{name: 李工, roles: [user]}]\n", encoding="utf-8")
    result = invoke("diff", old, new, accounts, "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    changes = [c for a in data["accounts"] for c in a["changes"]]
    # a generic checklist item: below the account's specific advice (4th: with nobody met yet, "find who decides"
    # no longer speaks — session 3, core.roles.find-decider waits for the first meeting)
    assert {"change": "new", "rule": "my-dealers.value.train-the-users", "contact": "李工", "before": None,
            "after": 4} in changes
