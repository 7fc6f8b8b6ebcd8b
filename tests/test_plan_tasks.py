"""Tasks back out (issue 21): `advisor plan --format salesforce|hubspot` writes the week's actions as a task
import file, and a round trip through the importer's own presets lands every task on the account and owner
the CRM export named."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.output import tasks

from .conftest import AS_OF, FIXTURES, RULES

EXPORTS = FIXTURES / "crm"


def run(*args, codes=(0,)):
    result = CliRunner().invoke(cli, [*map(str, args)])
    assert result.exit_code in codes, result.output
    return result


@pytest.fixture(scope="module", params=["salesforce", "hubspot"])
def crm(request, tmp_path_factory):
    """The importer's preset over the CRM fixture export, then the plan as JSON and as that CRM's task file."""
    system = request.param
    out = tmp_path_factory.mktemp(f"book-{system}")
    # the fixture exports hold a few bad rows on purpose: they fail alone (exit 1), the rest is imported
    run("import", "crm", EXPORTS / system, "--preset", system, "--currency", "CNY", "--out", out,
        "--as-of", AS_OF.isoformat(), codes=(0, 1))
    plan = ["plan", out, "--as-of", AS_OF.isoformat(), "--rules", RULES, "--jobs", "1"]
    doc = json.loads(run(*plan, "--format", "json").stdout)
    rows = list(csv.DictReader(io.StringIO(run(*plan, "--format", system).stdout)))
    return system, doc, rows


def export(system: str) -> dict[str, dict]:
    """The CRM's own accounts file, by account id: its name and owner columns."""
    name, (id_col, name_col, owner_col) = {
        "salesforce": ("Account.csv", ("Id", "Name", "OwnerId")),
        "hubspot": ("companies.csv", ("Record ID", "Company name", "Company owner")),
    }[system]
    with open(EXPORTS / system / name, encoding="utf-8-sig", newline="") as f:
        return {r[id_col]: {"name": r[name_col], "owner": r[owner_col]} for r in csv.DictReader(f)}


def test_the_header_is_the_crms_own_task_columns(crm):
    system, _, rows = crm
    assert rows, "the fixture book has actions due this week"
    expected = tasks.SALESFORCE_COLUMNS if system == "salesforce" else tasks.HUBSPOT_COLUMNS
    assert list(rows[0]) == expected


def test_every_task_lands_on_the_account_and_owner_the_export_named(crm):
    system, doc, rows = crm
    accounts = export(system)
    related, owner = ("WhatId", "OwnerId") if system == "salesforce" else ("Associated Company IDs", "Assigned To")
    items = list(doc["overdue"]) + [it for d in doc["week"] for it in d["items"]]
    assert len(rows) == len(items)
    for row, it in zip(rows, items):
        source = accounts[row[related]]  # an id the CRM knows ...
        # ... of the account the action is about, and that account's owner in the CRM
        assert source["name"] == it["account"] and row[owner] == source["owner"], (it["account"], row)


def test_each_task_has_its_due_date_a_title_and_notes_with_the_why_and_the_rule(crm):
    system, doc, rows = crm
    title, due, body = (("Subject", "ActivityDate", "Description") if system == "salesforce"
                        else ("Task Title", "Due Date", "Task Notes"))
    items = list(doc["overdue"]) + [it for d in doc["week"] for it in d["items"]]
    for row, it in zip(rows, items):
        assert row[due] == it["by"]
        assert 0 < len(row[title]) <= tasks.SUBJECT_MAX and it["what"].startswith(row[title].rstrip("…"))
        assert it["what"] in row[body] and f"{it['rule']} · " in row[body] and it["why"] in row[body]
        assert it["uid"] in row[body]
    status = {r["Status" if system == "salesforce" else "Task Status"] for r in rows}
    assert status == ({"Not Started"} if system == "salesforce" else {"NOT_STARTED"})
    overdue_rows = rows[: len(doc["overdue"])]
    assert all(r["Priority"] in ("High", "HIGH") for r in overdue_rows)


def test_a_cell_that_would_run_as_a_formula_is_neutralised():
    doc = {"lang": "en", "week": [], "overdue": [{
        "account": "=HYPERLINK(\"http://x\")", "rule": "core.r", "contact": None, "who": "@boss", "what": "+call now",
        "by": "2026-11-23", "due_in_days": -1, "uid": "u@advisor", "file": "a.yaml", "action_rank": 1,
        "why": "-because", "source": "s", "owner": "=cmd|' /C calc'!A0", "crm_id": "-1"}]}
    for system in tasks.SYSTEMS:
        text = tasks.csv_text(doc, system)
        cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
        assert not any(c.startswith(("=", "+", "-", "@")) for c in cells), cells
        assert "'=cmd|' /C calc'!A0" in cells and "'+call now" in cells


def test_a_title_never_ends_inside_a_quotation():
    assert tasks.title('Answer "Can you do it?" within two days: send the outline.') == \
        'Answer "Can you do it?" within two days'
    assert tasks.title("本周预约拜访新客户:它接近理想客户") == "本周预约拜访新客户"
    assert len(tasks.title("x" * 400)) == tasks.SUBJECT_MAX
