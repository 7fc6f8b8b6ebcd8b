"""Feedback that sticks: done / snooze / dismiss recorded in the store and honoured by advise.

Every test uses its own store in tmp_path (never the user's).
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest
from click.testing import CliRunner

from advisor.accounts.account import Objection, Visit, load_account
from advisor.cli import cli
from advisor.feedback import policy
from advisor.feedback.store import MIGRATIONS, SCHEMA_VERSION, Event, Store, parse_jsonl
from advisor.files.errors import AdvisorError
from advisor.output import explain, render

from .conftest import AS_OF, FIXTURES

TCL = FIXTURES / "accounts" / "tcl-too-expensive.yaml"
PRICE = "core.objection.price-probe"
DECIDER = "core.roles.meet-decider"


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "fb.sqlite3")


@pytest.fixture(scope="module")
def tcl():
    return load_account(TCL)


def shown(advice, rule, contact):
    return any(a.rule == rule and a.contact == contact for a in advice.actions)


def hidden(advice, rule, contact):
    return [s for s in advice.suppressed if s.rule == rule and s.contact == contact and s.by_rule.startswith("feedback:")]


def mark(advisor, store, verb, rule, contact=None, as_of=AS_OF, **kw):
    return store.record(advisor.feedback_event(verb, str(TCL), rule, contact, as_of=as_of, **kw))


# ------------------------------------------------------------------ the store ---
def test_store_records_in_order_and_reading_a_missing_store_creates_nothing(store):
    assert store.events() == [] and not store.path.exists()
    first = store.record(Event("A", "r.one", "", "snooze", AS_OF, until=AS_OF + dt.timedelta(days=3), note="later"))
    second = store.record(Event("B", "r.two", "Ms Wu", "done", AS_OF, fingerprint="abc"))
    assert (first.id, second.id) == (1, 2)
    assert [e.account for e in store.events()] == ["A", "B"]
    assert [e.rule for e in store.events("B")] == ["r.two"]
    assert store.events("A")[0].until == dt.date(2026, 11, 26)
    assert store.schema_version() == SCHEMA_VERSION
    with sqlite3.connect(store.path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_export_import_round_trip_skips_what_is_already_there(store, tmp_path):
    store.record(Event("京丰商贸", "core.x", "刘姐", "dismiss", AS_OF, note="不合适", by="李伟", fingerprint="f1"))
    store.record(Event("京丰商贸", "core.y", "", "snooze", AS_OF, until=AS_OF + dt.timedelta(days=7)))
    text = store.export_jsonl()
    assert len(text.splitlines()) == 2 and "不合适" in text  # UTF-8, not escaped
    other = Store(tmp_path / "other.sqlite3")
    assert other.import_events(parse_jsonl(text, "x.jsonl")) == (2, 0)
    assert other.import_events(parse_jsonl(text, "x.jsonl")) == (0, 2)
    assert other.export_jsonl() == text


def test_import_names_the_bad_line(tmp_path):
    with pytest.raises(AdvisorError) as exc:
        parse_jsonl('{"account": "A", "rule": "r", "verb": "done", "at": "2026-11-23"}\n{"account": "A"}\n', "fb.jsonl")
    assert str(exc.value).startswith("fb.jsonl:2: not a feedback event: missing rule, verb, at")


def test_an_old_store_is_migrated_on_open(tmp_path):
    path = tmp_path / "v1.sqlite3"
    with sqlite3.connect(path) as con:
        con.executescript(MIGRATIONS[0])
        con.execute("INSERT INTO events (account, rule, contact, verb, at) VALUES ('A', 'r', '', 'done', '2026-11-01')")
        con.execute("PRAGMA user_version = 1")
    store = Store(path)
    assert [e.rule for e in store.events()] == ["r"]
    assert store.schema_version() == SCHEMA_VERSION
    with sqlite3.connect(path) as con:
        assert con.execute("SELECT key FROM events").fetchone()[0] == store.events()[0].key


def test_a_store_that_cannot_be_written_is_a_one_line_error(store, monkeypatch):
    store.record(Event("A", "r", "", "snooze", AS_OF, until=AS_OF + dt.timedelta(days=1)))
    # a read-only database (a read-only mount, another user's file): writes fail inside SQLite
    monkeypatch.setattr(Store, "_connect", lambda self, create: sqlite3.connect(f"file:{self.path}?mode=ro", uri=True))
    with pytest.raises(AdvisorError) as exc:
        store.record(Event("A", "r", "", "snooze", AS_OF, until=AS_OF + dt.timedelta(days=2)))
    assert str(exc.value).startswith(f"{store.path}: cannot write the feedback store: attempt to write a readonly "
                                     "database; nothing was recorded")
    monkeypatch.undo()
    assert len(store.events()) == 1
    garbage = store.path.with_name("garbage.sqlite3")
    garbage.write_text("not a database at all, just text " * 200, encoding="utf-8")
    with pytest.raises(AdvisorError) as exc:
        Store(garbage).events()
    assert str(exc.value).startswith(f"{garbage}: not a usable feedback store")


def test_a_store_newer_than_the_program_is_refused(tmp_path):
    path = tmp_path / "future.sqlite3"
    with sqlite3.connect(path) as con:
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(AdvisorError, match="newer than this advisor"):
        Store(path).events()


# -------------------------------------------------------------- the policy ---
def test_done_hides_until_the_trigger_facts_change(advisor, store, tcl):
    assert shown(advisor.advise(tcl, as_of=AS_OF), PRICE, "周经理")
    mark(advisor, store, "done", PRICE, "周经理", note="sent the price breakdown", by="Li Wei")
    for day in (AS_OF, AS_OF + dt.timedelta(days=1)):  # days passing alone change nothing
        advice = advisor.advise(tcl, as_of=day, store=store)
        assert not shown(advice, PRICE, "周经理")
        [entry] = hidden(advice, PRICE, "周经理")
        assert entry.by_rule == "feedback:done"
        assert entry.reason["en"] == "done on 2026-11-23 by Li Wei: sent the price breakdown; back when its facts change"
        assert [a.rank for a in advice.actions] == list(range(1, len(advice.actions) + 1))
    again = tcl.model_copy(update={"objections": tcl.objections + [
        Objection(contact="周经理", text="还是太贵了", date=AS_OF)]})
    assert shown(advisor.advise(again, as_of=AS_OF + dt.timedelta(days=1), store=store), PRICE, "周经理")


def test_done_on_an_account_level_action_comes_back_with_a_new_visit(advisor, store, tmp_path):
    # the fixture's buyer last seen 50 days ago: a regular call (266 days, as in the fixture, is a contact gone
    # cold — core.keep.contact-gone-cold — and no regular call)
    path = tmp_path / "northwind.yaml"
    text = (FIXTURES / "accounts" / "generic-dormant-manufacturer.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("{date: 2026-03-02, contact: Erik Lund", "{date: 2026-10-04, contact: Erik Lund"),
                    encoding="utf-8")
    acc = load_account(path)
    rule = "core.keep.regular-call"
    advice = advisor.advise(acc, as_of=AS_OF)
    [target] = [a.contact for a in advice.actions if a.rule == rule]
    store.record(advisor.feedback_event("done", str(path), rule, None, as_of=AS_OF))
    assert not shown(advisor.advise(acc, as_of=AS_OF, store=store), rule, target)
    visited = acc.model_copy(update={"visits": acc.visits + [Visit(date=AS_OF - dt.timedelta(days=40), contact=target)]})
    later = AS_OF + dt.timedelta(days=10)
    assert shown(advisor.advise(visited, as_of=later), rule, target)  # it fires on the new facts …
    assert shown(advisor.advise(visited, as_of=later, store=store), rule, target)  # … and is no longer hidden


def test_feedback_survives_reloading_the_packs(store, tcl):
    from advisor import Advisor

    from .conftest import RULES

    first = Advisor(RULES)
    store.record(first.feedback_event("done", str(TCL), DECIDER, "陈总", as_of=AS_OF))
    assert hidden(Advisor(RULES).advise(tcl, as_of=AS_OF + dt.timedelta(days=3), store=Store(store.path)),
                  DECIDER, "陈总")


def test_snooze_hides_until_the_date_then_it_is_back(advisor, store, tcl):
    mark(advisor, store, "snooze", DECIDER, "陈总", until=AS_OF + dt.timedelta(days=3))
    assert hidden(advisor.advise(tcl, as_of=AS_OF + dt.timedelta(days=2), store=store), DECIDER, "陈总")
    assert shown(advisor.advise(tcl, as_of=AS_OF + dt.timedelta(days=3), store=store), DECIDER, "陈总")


def test_feedback_recorded_after_the_as_of_date_is_ignored(advisor, store, tcl):
    mark(advisor, store, "done", DECIDER, "陈总", as_of=AS_OF + dt.timedelta(days=5))
    assert shown(advisor.advise(tcl, as_of=AS_OF, store=store), DECIDER, "陈总")


def test_the_latest_feedback_wins(advisor, store, tcl):
    mark(advisor, store, "done", DECIDER, "陈总")
    mark(advisor, store, "snooze", DECIDER, "陈总", as_of=AS_OF + dt.timedelta(days=1), until=AS_OF + dt.timedelta(days=2))
    assert shown(advisor.advise(tcl, as_of=AS_OF + dt.timedelta(days=2), store=store), DECIDER, "陈总")


def test_dismissed_n_times_is_quiet_for_d_days_whatever_the_facts(advisor, store, tcl):
    params = advisor.packset(tcl).params
    limit, quiet = params["dismiss_limit"], params["dismiss_quiet_days"]
    assert (limit, quiet) == (3, 30)  # the core pack's contact policy
    changed = tcl
    for i in range(limit):
        day = AS_OF + dt.timedelta(days=i)
        advice = advisor.advise(changed, as_of=day, store=store)
        assert shown(advice, PRICE, "周经理"), f"dismissal {i} should have been undone by new facts"
        store.record(advisor.feedback_event("dismiss", str(TCL), PRICE, "周经理", as_of=day))
        # a new objection each time: a single dismissal lasts only while the facts stay the same
        changed = changed.model_copy(update={"objections": changed.objections + [
            Objection(contact="周经理", text=f"太贵了 {i}", date=day)]})
    last = AS_OF + dt.timedelta(days=limit - 1)
    advice = advisor.advise(changed, as_of=last + dt.timedelta(days=quiet - 1), store=store)
    entries = hidden(advice, PRICE, "周经理")  # one per price objection: each objection gets its own answer
    assert entries and all(e.by_rule == "feedback:dismiss-limit" for e in entries)
    entry = entries[0]
    assert entry.until == last + dt.timedelta(days=quiet)
    assert "dismissed 3 times" in entry.reason["en"] and "已放弃3次" in entry.reason["zh"]
    assert shown(advisor.advise(changed, as_of=last + dt.timedelta(days=quiet), store=store), PRICE, "周经理")


def test_feedback_parameters_come_from_the_pack():
    assert policy.param({"dismiss_limit": 5}, "dismiss_limit") == 5
    assert policy.param({}, "dismiss_quiet_days") == policy.DEFAULTS["dismiss_quiet_days"]


def test_hidden_actions_are_listed_in_json_and_in_the_trace(advisor, store, tcl):
    mark(advisor, store, "done", DECIDER, "陈总", note="met at the fair", by="Li Wei")
    advice = advisor.advise(tcl, as_of=AS_OF, store=store, trace=True)
    data = render.as_dict(advice, "en", 0)
    [entry] = [s for s in data["suppressed"] if s["rule"] == DECIDER]
    assert entry["feedback"] == {"verb": "done", "at": "2026-11-23", "until": None, "note": "met at the fair",
                                 "by": "Li Wei"}
    [trace] = explain.trace_entries(advice, advisor.packset(tcl), DECIDER)
    assert trace["status"] == "feedback-hidden" and trace["feedback"][0]["contact"] == "陈总"
    text = explain.text(advice, advisor.packset(tcl), "zh", DECIDER)
    assert "因反馈隐藏 [陈总]: 已于2026-11-23完成(Li Wei):met at the fair" in text
    assert "FEEDBACK-HIDDEN [陈总]: done on 2026-11-23 by Li Wei" in explain.text(advice, advisor.packset(tcl), "en", DECIDER)


# ------------------------------------------------------------- checking input ---
def test_unknown_rule_and_contact_are_one_line_errors_with_a_hint(advisor):
    with pytest.raises(AdvisorError) as exc:
        advisor.feedback_event("done", str(TCL), "core.roles.meet-decidr", "陈总", as_of=AS_OF)
    assert "no rule 'core.roles.meet-decidr'" in str(exc.value) and "did you mean 'core.roles.meet-decider'" in str(exc.value)
    with pytest.raises(AdvisorError, match="'陈' is not a contact of 华信电脑城 — did you mean '陈总'"):
        advisor.feedback_event("done", str(TCL), DECIDER, "陈", as_of=AS_OF)
    with pytest.raises(AdvisorError, match="gives no action for 周经理"):
        advisor.feedback_event("done", str(TCL), DECIDER, "周经理", as_of=AS_OF)
    with pytest.raises(AdvisorError, match="done needs the account file"):
        advisor.feedback_event("done", "华信电脑城", DECIDER, "陈总", as_of=AS_OF)
    with pytest.raises(AdvisorError, match="--until applies to snooze"):
        advisor.feedback_event("done", str(TCL), DECIDER, "陈总", as_of=AS_OF, until=AS_OF)
    forced = advisor.feedback_event("dismiss", "华信电脑城", "core.gone.rule", None, as_of=AS_OF, force=True)
    assert forced.fingerprint is None and forced.rule == "core.gone.rule"


def run(args, store_path):
    return CliRunner().invoke(cli, args + ["--store", str(store_path)])


def test_cli_round_trip_done_history_export_import(tmp_path):
    db = tmp_path / "fb.sqlite3"
    r = run(["done", str(TCL), DECIDER, "--contact", "陈总", "--as-of", "2026-11-23", "--note", "met"], db)
    assert r.exit_code == 0 and r.output.startswith(f"recorded #1: done 华信电脑城 {DECIDER} [陈总] on 2026-11-23")
    r = run(["snooze", "华信电脑城", "core.retired.rule", "--as-of", "2026-11-23", "--force"], db)
    assert r.exit_code == 0 and "until 2026-11-30" in r.output
    r = run(["advise", str(TCL), "--as-of", "2026-11-23", "--format", "json", "--top", "0"], db)
    data = json.loads(r.output)
    assert DECIDER not in [a["rule"] for a in data["actions"]]
    assert [s["by_rule"] for s in data["suppressed"] if s["rule"] == DECIDER] == ["feedback:done"]
    r = run(["advise", str(TCL), "--as-of", "2026-11-23", "--format", "json", "--top", "0", "--no-feedback"], db)
    assert DECIDER in [a["rule"] for a in json.loads(r.output)["actions"]]
    r = run(["history", str(TCL)], db)
    assert r.exit_code == 0
    assert "2026-11-23  snooze  华信电脑城  core.retired.rule until 2026-11-30  (rule no longer in the installed packs)" in r.output
    assert r.output.rstrip().endswith("1 rule id no longer in the packs: core.retired.rule")
    r = run(["history", "华信电脑"], db)
    assert r.output == "no feedback recorded for 华信电脑 — did you mean '华信电脑城'?\n"
    out = tmp_path / "fb.jsonl"
    assert run(["store", "export", "-o", str(out)], db).exit_code == 0
    assert run(["store", "export", "-o", str(out)], db).exit_code == 2  # never over a file without --force
    r = run(["store", "import", str(out)], tmp_path / "copy.sqlite3")
    assert r.exit_code == 0 and r.output.startswith("imported 2 events, skipped 0 already present")
    assert Store(tmp_path / "copy.sqlite3").export_jsonl() == out.read_text(encoding="utf-8")


def test_cli_bad_feedback_is_one_line_exit_2(tmp_path):
    r = run(["done", str(TCL), "core.roles.meet-decidr", "--as-of", "2026-11-23"], tmp_path / "fb.sqlite3")
    assert r.exit_code == 2
    assert r.output.strip().splitlines() == [
        "Error: no rule 'core.roles.meet-decidr' in the loaded packs — did you mean 'core.roles.meet-decider'? "
        "(or pass --force to record it anyway)"]
    assert not (tmp_path / "fb.sqlite3").exists()


def test_batch_honours_feedback(advisor, tmp_path):
    db = tmp_path / "fb.sqlite3"
    assert run(["done", str(TCL), DECIDER, "--contact", "陈总", "--as-of", "2026-11-23"], db).exit_code == 0
    r = run(["batch", str(FIXTURES / "portfolios" / "seed-cases.yaml"), "--as-of", "2026-11-23", "--format", "json",
             "--top", "0"], db)
    [tcl] = [a for a in json.loads(r.output)["accounts"] if a["account"] == "华信电脑城"]
    assert DECIDER not in [a["rule"] for a in tcl["actions"]]
    assert any(s["by_rule"] == "feedback:done" for s in tcl["suppressed"])


def test_feedback_on_a_rule_merged_into_an_action_hides_that_action(advisor, store):
    bank = FIXTURES / "accounts" / "bank-mainframe.yaml"
    acc = load_account(bank)
    [merged] = [a for a in advisor.advise(acc, as_of=AS_OF).actions if len(a.merged_rules) > 1][:1]
    secondary = merged.merged_rules[1]
    store.record(advisor.feedback_event("done", str(bank), secondary, merged.contact, as_of=AS_OF))
    advice = advisor.advise(acc, as_of=AS_OF, store=store)
    assert not shown(advice, merged.rule, merged.contact)
    assert hidden(advice, merged.rule, merged.contact)[0].by_rule == "feedback:done"


def test_feedback_follows_the_crm_id_so_namesakes_stay_apart(advisor, store, tmp_path):
    """Two branches with one name: done on one must not hide the other's action. An event recorded
    under the bare name before the CRM import still applies (it is kept, not rewritten)."""
    text = TCL.read_text(encoding="utf-8")
    north, south = tmp_path / "north.yaml", tmp_path / "south.yaml"
    north.write_text(text + "crm_id: ACC-N\n", encoding="utf-8")
    south.write_text(text + "crm_id: ACC-S\n", encoding="utf-8")
    event = store.record(advisor.feedback_event("done", str(north), PRICE, "周经理", as_of=AS_OF))
    assert event.account == "crm:ACC-N"
    assert not shown(advisor.advise(load_account(north), as_of=AS_OF, store=store), PRICE, "周经理")
    assert shown(advisor.advise(load_account(south), as_of=AS_OF, store=store), PRICE, "周经理")
    store.record(advisor.feedback_event("snooze", "华信电脑城", DECIDER, "陈总", as_of=AS_OF))  # by name
    for path in (north, south):
        advice = advisor.advise(load_account(path), as_of=AS_OF, store=store)
        assert [s.by_rule for s in advice.suppressed if s.rule == DECIDER] == ["feedback:snooze"]
    history = CliRunner().invoke(cli, ["history", str(south), "--store", str(store.path)])
    assert history.exit_code == 0 and "crm:ACC-N" not in history.output and "snooze  华信电脑城" in history.output


@pytest.mark.parametrize("make", ["fifo", "folder"])
def test_a_store_path_that_is_not_a_file_is_one_line_naming_what_it_is(tmp_path, make):
    import os

    path = tmp_path / "store.sqlite3"
    os.mkfifo(path) if make == "fifo" else path.mkdir()
    with pytest.raises(AdvisorError) as exc:
        Store(path).events()
    message = str(exc.value)
    assert message.startswith(f"{path}: the feedback store is {'a FIFO' if make == 'fifo' else 'a folder'}")
    assert "disk I/O" not in message and "--store" in message
