"""`advisor import crm`: CSV exports in, account files out, merged on re-import, bad rows located."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from advisor.accounts.account import load_account
from advisor.cli import cli
from advisor.crm.importer import run_import
from advisor.crm.mapping import load_mapping
from advisor.files.errors import AdvisorError

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-23"


def run(*args):
    result = CliRunner().invoke(cli, list(map(str, args)))
    assert "Traceback" not in result.output
    return result


def write_csv(path: Path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(header)
        w.writerows(rows)


def small_export(folder: Path, won_amount="100000", extra_deals=()):
    """A three-file Salesforce-style export of one account, with dates around 2026-11-23."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "Account.csv", ["Id", "Name", "Industry", "OwnerId"],
              [["A1", "华信电脑城", "Technology", "Li Wei"]])
    write_csv(folder / "Contact.csv", ["Id", "AccountId", "FirstName", "LastName", "Title"],
              [["C1", "A1", "强", "王", "总经理"], ["C2", "A1", "Ann", "Lee", "Assistant to the CEO"],
               ["C3", "A1", "Bo", "Chen", "Purchasing Manager"]])
    write_csv(folder / "Opportunity.csv", ["Id", "AccountId", "Name", "StageName", "Amount", "CloseDate"],
              [["O1", "A1", "Q1 order", "Closed Won", won_amount, "2026-03-01"],      # last 12 months
               ["O2", "A1", "Old order", "Closed Won", "1,000", "2025-06-30"],         # the 12 before
               ["O3", "A1", "Ancient", "Closed Won", "7", "2023-01-01"],               # neither
               ["O4", "A1", "Lost one", "Closed Lost", "999", "2026-05-01"],
               ["O5", "A1", "Server refresh", "Proposal/Price Quote", "¥250,000", "2027-01-15"],
               *extra_deals])
    write_csv(folder / "Event.csv", ["Id", "AccountId", "WhoId", "ActivityDate", "Subject", "DurationInMinutes"],
              [["E1", "A1", "C3", "2026-11-10", "Visit", "30"], ["E2", "A1", "C1", "2026-12-20", "Planned", "60"]])


def test_a_small_export_becomes_one_account_file_with_derived_sales(tmp_path):
    small_export(tmp_path / "export")
    result = run("import", "crm", tmp_path / "export", "--preset", "salesforce", "--currency", "CNY", "--out", tmp_path / "out",
                 "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    files = list((tmp_path / "out").iterdir())
    assert [f.name for f in files] == ["华信电脑城.yaml"]
    account = load_account(files[0])
    assert account.industry == "it-distribution" and account.owner == "Li Wei" and account.crm_id == "A1"
    assert (account.sales.last_12m, account.sales.prior_12m) == (100000, 1000)
    assert account.sales.last_order == dt.date(2026, 3, 1)
    assert account.stage == "propose"
    assert [(o.name, o.amount, o.stage) for o in account.opportunities] == [("Server refresh", 250000, "propose")]
    people = {c.name: c for c in account.contacts}
    assert set(people) == {"王强", "Ann Lee", "Bo Chen"}  # Chinese names family name first
    assert people["王强"].roles == ["decider"]
    assert people["Ann Lee"].roles == ["gatekeeper"]  # "Assistant to the CEO" is not the decider
    assert people["Bo Chen"].roles == ["purchaser"] and people["Bo Chen"].met is True
    assert [(v.date, v.contact) for v in account.visits] == [(dt.date(2026, 11, 10), "Bo Chen")]  # not the planned one


def test_reimport_keeps_what_the_rep_added_and_needs_force_to_rewrite(tmp_path):
    small_export(tmp_path / "export")
    out = tmp_path / "out"
    assert run("import", "crm", tmp_path / "export", "--preset", "salesforce", "--currency", "CNY", "--out", out,
               "--as-of", AS_OF).exit_code == 0
    path = out / "华信电脑城.yaml"
    yaml = YAML()
    doc = yaml.load(path.read_text(encoding="utf-8"))
    doc["contacts"][0]["roles"] = ["decider", "influencer"]
    doc["contacts"][0]["signals"] = ["decisive", "fast"]
    doc["objections"] = [{"contact": "王强", "text": "太贵了", "date": dt.date(2026, 11, 18)}]
    doc["policies"] = ["no_gifts"]
    doc["facts"] = {"signage_independent": True}
    doc["notes"] = "met at the trade fair"
    doc["visits"].append({"date": dt.date(2026, 11, 1), "contact": "Ann Lee", "note": "hand-written visit"})
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(doc, fh)
    text = path.read_text(encoding="utf-8").replace("notes: met", "# the rep's own comment\nnotes: met")
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()

    small_export(tmp_path / "export", won_amount="150000",
                 extra_deals=[["O6", "A1", "Storage", "Negotiation/Review", "80000", "2026-12-10"]])
    pending = run("import", "crm", tmp_path / "export", "--preset", "salesforce", "--currency", "CNY", "--out", out, "--as-of", AS_OF)
    assert pending.exit_code == 0
    assert "would update:" in pending.output and "sales.last_12m: 100000 → 150000" in pending.output
    assert "opportunities: + Storage" in pending.output and "--force" in pending.output
    assert path.read_bytes() == before  # nothing overwritten without --force

    forced = run("import", "crm", tmp_path / "export", "--preset", "salesforce", "--currency", "CNY", "--out", out, "--as-of", AS_OF,
                 "--force")
    assert forced.exit_code == 0 and "updated:" in forced.output
    account = load_account(path)
    assert account.sales.last_12m == 150000 and account.stage == "close"
    assert {o.name for o in account.opportunities} == {"Server refresh", "Storage"}
    wang = next(c for c in account.contacts if c.name == "王强")
    assert wang.roles == ["decider", "influencer"] and wang.signals == ["decisive", "fast"]
    assert [o.text for o in account.objections] == ["太贵了"]
    assert account.policy_names == ["no_gifts"] and account.facts == {"signage_independent": True}
    assert "hand-written visit" in [v.note for v in account.visits]
    assert "# the rep's own comment" in path.read_text(encoding="utf-8")

    again = run("import", "crm", tmp_path / "export", "--preset", "salesforce", "--currency", "CNY", "--out", out, "--as-of", AS_OF)
    assert again.output.startswith("0 created, 0 updated, 0 would update, 1 unchanged; 0 rows failed")


def test_a_file_in_the_way_is_never_overwritten(tmp_path):
    small_export(tmp_path / "export")
    out = tmp_path / "out"
    out.mkdir()
    (out / "华信电脑城.yaml").write_text("name: 华信电脑城\n# written by hand, no crm_id\n", encoding="utf-8")
    assert run("import", "crm", tmp_path / "export", "--preset", "salesforce", "--currency", "CNY", "--out", out,
               "--as-of", AS_OF).exit_code == 0
    assert (out / "华信电脑城.yaml").read_text(encoding="utf-8").startswith("name: 华信电脑城\n# written by hand")
    assert load_account(out / "华信电脑城-A1.yaml").crm_id == "A1"


@pytest.mark.parametrize("preset, accounts, errors", [
    ("salesforce", 60, [
        "Contact.csv:12:2: account id 001A9999999999999 is not in Account.csv",
        "Opportunity.csv:42:4: unknown stage 'Closed Wonn' — did you mean 'Closed Won'?",
        "Opportunity.csv:82:5: 'twelve thousand' is not an amount",
        "Opportunity.csv:122:6: '2026-02-31' is not a date",
        "Opportunity.csv:1195:2: account id 001A9999999999999 is not in Account.csv"]),
    ("hubspot", 55, [
        "deals.csv:32:3: unknown stage 'closed won!' — did you mean 'Closed Won'?",
        "deals.csv:62:4: 'about 5k' is not an amount",
        "deals.csv:92:5: '31/12/2026' is not a date",
        "meetings.csv:83:3: activity without a date"]),
])
def test_fixture_exports_import_and_advise_end_to_end(tmp_path, preset, accounts, errors):
    out = tmp_path / preset
    result = run("import", "crm", ROOT / "fixtures" / "crm" / preset, "--preset", preset, "--currency", "CNY",
                 "--out", out, "--as-of", AS_OF)
    assert result.exit_code == 1  # bad rows were reported, summarised per reason …
    shown = [line.strip() for line in result.output.splitlines() if line.startswith("    ")]
    assert len(shown) == len(errors)
    for expected in errors:
        assert any(expected in line for line in shown), expected
    assert f"; {len(errors)} rows failed" in result.output
    assert f"{accounts} created" in result.output  # … and every good account was still written
    assert len(list(out.glob("*.yaml"))) == accounts
    # in this process: the claim is that every imported account advises; a pool of workers gives the same bytes
    # (tests/test_batch_stream.py) and loaded the imported book's pack sets again in each worker
    batch = run("batch", out, "--as-of", AS_OF, "--top", "1", "--format", "json", "--jobs", "1")
    assert batch.exit_code == 0, batch.output[-500:]
    assert batch.output.count('"rank": 1') == accounts


def test_import_is_deterministic(tmp_path):
    mapping = load_mapping("hubspot")
    for name in ("a", "b"):
        run_import(ROOT / "fixtures" / "crm" / "hubspot", mapping, tmp_path / name, as_of=dt.date(2026, 11, 23),
                   currency="CNY")
    first = sorted((p.name, p.read_bytes()) for p in (tmp_path / "a").iterdir())
    second = sorted((p.name, p.read_bytes()) for p in (tmp_path / "b").iterdir())
    assert first == second and len(first) == 55


def test_a_bad_mapping_file_is_a_located_error(tmp_path):
    bad = tmp_path / "mine.yaml"
    bad.write_text((Path(__file__).parent.parent / "advisor" / "crm" / "presets" / "salesforce.yaml")
                   .read_text(encoding="utf-8").replace("roles: [purchaser]", "roles: [purchasr]"), encoding="utf-8")
    with pytest.raises(AdvisorError) as err:
        load_mapping(path=bad)
    assert "mine.yaml:" in str(err.value) and "did you mean 'purchaser'" in str(err.value)
    small_export(tmp_path / "export")
    result = run("import", "crm", tmp_path / "export", "--mapping", bad, "--out", tmp_path / "out")
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1


def test_a_missing_column_names_the_column_and_the_nearest_header(tmp_path):
    small_export(tmp_path / "export")
    write_csv(tmp_path / "export" / "Opportunity.csv", ["Id", "AccountId", "Name", "Stage", "Amount", "CloseDate"],
              [["O1", "A1", "x", "Closed Won", "1", "2026-01-01"]])
    result = run("import", "crm", tmp_path / "export", "--preset", "salesforce", "--currency", "CNY", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "Opportunity.csv:1: no column 'StageName' — did you mean 'Stage'?" in result.output


def test_exactly_one_mapping_source(tmp_path):
    result = run("import", "crm", tmp_path, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "exactly one of --preset or --mapping" in result.output
