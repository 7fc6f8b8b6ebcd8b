"""advisor plan: triage of a portfolio by need, the week by day, and its formats (JSON, CSV, ICS, Markdown, text)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import icalendar
import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.feedback.store import Store
from advisor.files.errors import AdvisorError
from advisor.output import plan_formats, render
from advisor.portfolio.batch import portfolio_rows
from advisor.portfolio.plan import PlanFilters, build_plan, plan_to_json

from .conftest import AS_OF, FIXTURES

ALL = FIXTURES / "portfolios" / "all-accounts.yaml"


@pytest.fixture(scope="module")
def doc(advisor):
    _, rows = portfolio_rows(ALL)
    return plan_to_json(build_plan(rows, advisor, as_of=AS_OF, portfolio="all",
                                   filters=PlanFilters(top_actions=0)))


def plan_doc(advisor, as_of=AS_OF, **filters):
    _, rows = portfolio_rows(ALL)
    return plan_to_json(build_plan(rows, advisor, as_of=as_of, filters=PlanFilters(**filters)))


def test_the_portfolio_of_all_fixtures_covers_every_account():
    _, rows = portfolio_rows(ALL)
    assert sorted(label.rsplit("/", 1)[1] for label, _ in rows) == sorted(
        p.name for p in (FIXTURES / "accounts").glob("*.yaml"))


def test_overdue_and_dormant_accounts_come_first_and_say_why(doc):
    accounts = doc["accounts"]
    pressing = [a["overdue"] > 0 or a["category"] == "dormant" for a in accounts]
    assert any(pressing) and not any(pressing[pressing.index(False):]), [a["account"] for a in accounts]
    assert [a["rank"] for a in accounts] == list(range(1, len(accounts) + 1))
    assert [a["need"] for a in accounts] == sorted((a["need"] for a in accounts), reverse=True)
    northwind = next(a for a in accounts if a["account"] == "Northwind Components")
    assert northwind["category"] == "dormant" and northwind["reasons"][0] == "dormant: no order for 285 days"
    assert northwind["need"] == round(sum(northwind["need_parts"].values()), 1)
    overdue = next(a for a in accounts if a["overdue"])
    assert any(r.startswith(f"{overdue['overdue']} action") and "overdue (oldest" in r for r in overdue["reasons"])


def test_the_json_document_follows_the_contract(doc, advisor):
    assert list(doc)[:4] == ["version", "as_of", "lang", "days"] and doc["version"] == 1
    for key in ("accounts", "week", "overdue", "failed"):
        assert key in doc
    acc = doc["accounts"][0]
    for key in ("rank", "account", "file", "owner", "industry", "category", "need", "need_parts", "reasons",
                "overdue", "due_soon", "days_since_contact", "value_at_stake", "actions"):
        assert key in acc
    assert set(acc["need_parts"]) == {"overdue", "due_soon", "top_action", "category", "last_contact", "value"}
    # the actions are exactly advise's JSON actions
    from advisor.accounts.account import load_account

    advice = advisor.advise(load_account(acc["file"]), as_of=AS_OF)
    assert acc["actions"] == render.as_dict(advice, "en", 0)["actions"]
    # the week: every day of [as_of, as_of + 7), empty ones included, items due that day
    assert [d["date"] for d in doc["week"]] == [(AS_OF + dt.timedelta(days=i)).isoformat() for i in range(7)]
    for day in doc["week"]:
        for it in day["items"]:
            assert it["by"] == day["date"] and 0 <= it["due_in_days"] < 7
            assert set(it) >= {"account", "rule", "contact", "who", "what", "by", "due_in_days", "uid"}
    assert doc["overdue"] and all(it["due_in_days"] < 0 and it["by"] == AS_OF.isoformat() for it in doc["overdue"])
    assert doc["failed"] == []


def test_same_inputs_same_bytes(advisor, doc):
    assert render.dump_json(plan_doc(advisor, top_actions=0) | {"portfolio": "all"}) == render.dump_json(doc)


def test_ics_parses_back_with_one_event_per_due_action_and_stable_uids(advisor, doc):
    cal = icalendar.Calendar.from_ical(plan_formats.ics(doc))
    events = cal.walk("VEVENT")
    items = doc["overdue"] + [it for d in doc["week"] for it in d["items"]]
    assert len(events) == len(items) > 0
    assert [str(e["UID"]) for e in events] == [it["uid"] for it in items]
    assert len({str(e["UID"]) for e in events}) == len(events)
    first = events[0]
    assert first.decoded("DTSTART") == dt.date.fromisoformat(items[0]["by"])
    assert str(first["SUMMARY"]).startswith(items[0]["account"] + ": ")
    # next week's file: the same actions keep their UIDs and carry a higher SEQUENCE, so a calendar updates them
    later = plan_doc(advisor, as_of=AS_OF + dt.timedelta(days=1), top_actions=0)
    later_events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(plan_formats.ics(later)).walk("VEVENT")}
    common = set(later_events) & {str(e["UID"]) for e in events}
    assert common
    assert all(int(later_events[u]["SEQUENCE"]) == int(first["SEQUENCE"]) + 1 for u in common)
    assert plan_formats.ics(doc) == plan_formats.ics(json.loads(json.dumps(doc)))


def test_csv_parses_back_one_row_per_listed_action(doc):
    text = plan_formats.csv_text(doc)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == plan_formats.CSV_COLUMNS
    assert len(rows) == sum(len(a["actions"]) for a in doc["accounts"])
    first = doc["accounts"][0]
    assert rows[0]["account"] == first["account"] and rows[0]["rule"] == first["actions"][0]["rule"]
    assert rows[0]["what"] == first["actions"][0]["what"]  # commas and quotes survive
    assert {r["status"] for r in rows} <= {"overdue", "due", "later"}
    uids = {it["uid"] for d in doc["week"] for it in d["items"]}
    assert uids <= {r["uid"] for r in rows}


def test_filters(advisor):
    mine = plan_doc(advisor, owner="li wei")
    assert sorted(a["account"] for a in mine["accounts"]) == ["京丰商贸", "华信电脑城"]
    assert all(a["owner"] == "Li Wei" for a in mine["accounts"])
    assert {a["industry"] for a in plan_doc(advisor, industry="sporting-goods")["accounts"]} == {"sporting-goods"}
    dormant = plan_doc(advisor, category="dormant")["accounts"]
    assert dormant and {a["category"] for a in dormant} == {"dormant"}
    soon = plan_doc(advisor, due_within=2, top=3, top_actions=2)
    assert len(soon["accounts"]) == 3
    assert all(len(a["actions"]) <= 2 and all(x["due_in_days"] <= 2 for x in a["actions"]) for a in soon["accounts"])
    with pytest.raises(AdvisorError, match="unknown category 'dormnt' — did you mean 'dormant'"):
        plan_doc(advisor, category="dormnt")


def test_plan_honours_feedback(advisor, doc, tmp_path):
    store = Store(tmp_path / "fb.sqlite3")
    top = doc["accounts"][0]
    action = top["actions"][0]
    store.record(advisor.feedback_event("done", top["file"], action["rule"], action["who"]["contact"], as_of=AS_OF))
    _, rows = portfolio_rows(ALL)
    after = plan_to_json(build_plan(rows, advisor, as_of=AS_OF, store=store, filters=PlanFilters(top_actions=0)))
    mine = next(a for a in after["accounts"] if a["file"] == top["file"])
    assert (action["rule"], action["who"]["contact"]) not in [(a["rule"], a["who"]["contact"]) for a in mine["actions"]]
    assert mine["suppressed"] == top["suppressed"] + 1
    [entry] = mine["feedback"]
    assert (entry["rule"], entry["by_rule"], entry["feedback"]["at"]) == (action["rule"], "feedback:done", "2026-11-23")
    text = plan_formats.text(after)
    assert f"   hidden by your feedback: {action['rule']}" in text


def test_cli_formats_outputs_and_bad_rows(tmp_path):
    runner = CliRunner()
    # the formats in this process (--jobs 1): worker processes give the same bytes (tests/test_plan_jobs.py), and
    # each pool here loaded every pack set of the book again (seven pools, ~45 s of the suite under load); the
    # bad-rows run below keeps the default pool, where a failing row fails alone
    base = ["plan", str(ALL), "--as-of", "2026-11-23", "--jobs", "1"]
    text = runner.invoke(cli, base + ["--top", "2"])
    assert text.exit_code == 0
    assert text.output.startswith("Plan All fixture accounts — as of 2026-11-23 — next 7 days\n")
    assert "Week\n  Mon 2026-11-23\n" in text.output
    zh = runner.invoke(cli, base + ["--lang", "zh", "--category", "dormant"])
    assert "休眠客户:" in zh.output and "周一 2026-11-23" in zh.output
    md = runner.invoke(cli, base + ["--format", "markdown", "--top", "1"])
    assert md.output.startswith("# Plan All fixture accounts") and "\n### Mon 2026-11-23\n" in md.output
    out = tmp_path / "week.csv"
    assert runner.invoke(cli, base + ["--format", "csv", "--bom", "-o", str(out)]).exit_code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf\"account_rank\",")  # every text cell quoted (files/csvsafe.py)
    again = runner.invoke(cli, base + ["--format", "csv", "-o", str(out)])
    assert again.exit_code == 2 and "already exists; nothing was written" in again.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    ics = tmp_path / "week.ics"
    assert runner.invoke(cli, base + ["--format", "ics", "-o", str(ics)]).exit_code == 0
    assert icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    bad = runner.invoke(cli, ["plan", str(FIXTURES / "portfolios" / "with-bad-rows.yaml"), "--as-of", "2026-11-23",
                              "--format", "json"])
    assert bad.exit_code == 1
    data = json.loads(bad.output)
    assert len(data["failed"]) == 2 and all(f["error"] for f in data["failed"])
    assert {a["account"] for a in data["accounts"]} == {"华信电脑城", "Inline Good Co."}


def test_the_terminal_table_shows_every_account_and_due_item(doc):
    out = plan_formats.rich_text(doc, width=200)
    assert "Accounts, most in need of attention first" in out
    assert all(a["account"] in out for a in doc["accounts"])
    late = doc["overdue"][0]["due_in_days"]
    assert f"overdue by {-late} days" in out  # the overdue rows head the week table
    odd = dict(doc, accounts=[dict(doc["accounts"][0], account="[red]Acme[/red]")])
    assert "[red]Acme[/red]" in plan_formats.rich_text(odd, width=200)  # user text is never markup
