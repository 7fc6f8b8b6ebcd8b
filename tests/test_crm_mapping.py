"""`advisor import crm` keeps everything and says what it did (issue 21): every deal, the owner by a
declared rule, joined files, currency, sector → pack, the mapping's template, schema and errors."""
from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from advisor.accounts.account import load_account
from advisor.accounts.facts import enrich
from advisor.cli import cli
from advisor.crm.importer import run_import
from advisor.crm.mapping import Mapping, load_mapping, template_text
from advisor.files.errors import AdvisorError
from advisor.files.yamlio import load_yaml_text

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)


def write_csv(path: Path, header, rows):
    with path.open("w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        w.writerow(header)
        w.writerows(rows)


def export(folder: Path) -> Path:
    """A flat pipeline in the Maven shape: deals name their account; teams join by the agent."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "accounts.csv", ["account", "sector", "revenue", "employees", "office"],
              [["Acme", "technolgy", "1,100.5", "2822", "United States"], ["Bolt", "medical", "12", "40", "Kenya"],
               ["Cargo", "shipping", "", "", ""]])
    write_csv(folder / "teams.csv", ["agent", "manager", "office"],
              [["Ann", "Mia", "Central"], ["Bob", "Mia", "West"]])
    write_csv(folder / "pipeline.csv", ["id", "agent", "product", "account", "stage", "engaged", "closed", "value",
                                        "lost_to", "why"],
              [["D1", "Ann", "GTX", "Acme", "Won", "2026-01-02", "2026-02-01", "1000", "", ""],
               ["D2", "Bob", "MG", "Acme", "Won", "2026-03-02", "2026-06-01", "3000", "", ""],
               ["D3", "Ann", "GTX", "Acme", "Lost", "2026-05-02", "2026-07-01", "0", "Bosch", "Too expensive"],
               ["D4", "Bob", "GTX", "Acme", "Engaging", "2026-10-02", "", "", "", ""],
               ["D5", "Ann", "MG", "Acme", "Won", "2026-08-02", "2026-09-01", "500", "", ""],
               ["D6", "Bob", "MG", "Bolt", "Lost", "2026-01-02", "2026-02-01", "0", "", "no budget"],
               ["D7", "Ann", "MG", "", "Prospecting", "", "", "", "", ""],
               ["D8", "Ann", "MG", "", "Prospecting", "", "", "", "", ""],
               ["D9", "Ann", "MG", "Nobody Inc", "Won", "2026-01-02", "2026-02-01", "5", "", ""]])
    return folder


MAPPING = """
system: test-crm
files: {accounts: accounts.csv, opportunities: pipeline.csv}
accounts: {id: account, name: account, industry: sector, revenue: revenue, employees: employees, location: office}
opportunities: {id: id, account: account, stage: stage, amount: value, created: engaged, close_date: closed,
                owner: agent, team: office, product: product, competitor: lost_to, loss_reason: why}
joins: [{file: teams.csv, key: agent, to: opportunities, on: agent}]
stages: {Prospecting: open, Engaging: needs, Won: won, Lost: lost}
loss_reasons: {Too expensive: price}
owner_rule: latest_deal
currency: USD
industries: {technolgy: it-distribution, medical: other}
default_industry: other
"""


def mapping(text: str = MAPPING, **changes) -> Mapping:
    data, _ = load_yaml_text(text, "mapping.yaml")
    data.update(changes)
    return Mapping.model_validate(data)


def imported(tmp_path, m: Mapping | None = None, **kw):
    report = run_import(export(tmp_path / "export"), m or mapping(), tmp_path / "out", as_of=AS_OF, **kw)
    return report, {load_account(p).name: load_account(p) for p in sorted((tmp_path / "out").glob("*.yaml"))}


def test_every_deal_comes_in_won_lost_and_open(tmp_path):
    report, accounts = imported(tmp_path)
    acme = accounts["Acme"]
    assert [(d.crm_id, d.status) for d in acme.deals] == [("D1", "won"), ("D2", "won"), ("D3", "lost"),
                                                           ("D5", "won"), ("D4", "open")]
    lost = acme.deals[2]
    assert (lost.competitor, lost.loss_reason, lost.closed, lost.created) == (
        "Bosch", "price", dt.date(2026, 7, 1), dt.date(2026, 5, 2))
    assert acme.deals[0].product == "GTX" and acme.deals[0].owner == "Ann"
    assert [o.crm_id for o in acme.opportunities] == ["D4"]  # the open deal keeps its stage there too
    facts = enrich(acme, AS_OF)[0]
    assert (facts["deals_won_count"], facts["deals_lost_count"], facts["deals_open_count"]) == (3, 1, 1)
    assert facts["lost_to"] == ["Bosch"]
    bolt = accounts["Bolt"]
    # a reason no mapping names is 'other', and the CRM's own words are kept as the note
    assert (bolt.deals[0].loss_reason, bolt.deals[0].note) == ("other", "no budget")


def test_owner_team_company_sector_and_currency(tmp_path):
    _, accounts = imported(tmp_path)
    acme = accounts["Acme"]
    assert (acme.owner, acme.team) == ("Bob", "West")  # the latest deal (D4, opened 2026-10-02) is Bob's
    assert acme.company.revenue == 1100.5 and acme.company.employees == 2822
    assert acme.company.location == "United States"
    assert acme.sales.currency == "USD" and acme.sales.last_12m == 4500
    assert acme.industry == "it-distribution"
    assert accounts["Bolt"].industry == "other"
    assert accounts["Cargo"].industry == "other"  # not listed: the default pack


def test_a_no_break_space_in_a_cell_is_a_space(tmp_path):
    folder = export(tmp_path / "export")
    text = (folder / "pipeline.csv").read_text(encoding="utf-8").replace("Bob", "Bob\u00a0Lee")
    (folder / "pipeline.csv").write_text(text, encoding="utf-8")
    (folder / "teams.csv").write_text("agent,manager,office\nAnn,Mia,Central\nBob Lee,Mia,West\n", encoding="utf-8")
    report = run_import(folder, mapping(), tmp_path / "out", as_of=AS_OF)
    acme = load_account(next((tmp_path / "out").glob("Acme*.yaml")))
    assert (acme.owner, acme.team) == ("Bob Lee", "West") and not report.errors


def test_owner_by_most_value(tmp_path):
    _, accounts = imported(tmp_path, mapping(owner_rule="most_value"))
    assert accounts["Acme"].owner == "Bob"  # 3000 won against Ann's 1500
    (tmp_path / "out").rename(tmp_path / "first")
    data, _ = load_yaml_text(MAPPING, "m")
    data["owner_rule"] = "most_value"
    data["opportunities"]["owner"] = "manager"  # a joined column: the team's manager
    _, accounts = imported(tmp_path, Mapping.model_validate(data))
    assert accounts["Acme"].owner == "Mia"


def test_rejected_rows_are_summarised_per_reason_with_a_file_on_request(tmp_path):
    report, _ = imported(tmp_path)
    assert {reason: len(rows) for reason, rows in report.rejected.items()} == {
        "deal without an account": 2, "deal whose account is not in accounts.csv": 1}
    lines = report.rejected_summary(first=1)
    assert lines[0] == "2 rejected: deal without an account"
    assert lines[1].strip().startswith(str(tmp_path / "export" / "pipeline.csv") + ":8:")
    assert lines[2].strip() == "… and 1 more"
    rows = list(csv.reader(report.rejected_csv().splitlines()))
    assert rows[0] == ["reason", "file", "line", "column", "message", "fix"] and len(rows) == 4
    assert {r[2] for r in rows[1:]} == {"8", "9", "10"}


def test_columns_no_key_reads_are_listed(tmp_path):
    report, _ = imported(tmp_path)
    assert report.warnings == [f"{tmp_path / 'export' / 'teams.csv'}: columns no mapping key reads: manager"]


def test_a_mapped_column_missing_from_the_file_names_the_nearest_header(tmp_path):
    data, _ = load_yaml_text(MAPPING, "m")
    data["opportunities"]["amount"] = "valeu"
    with pytest.raises(AdvisorError) as err:
        imported(tmp_path, Mapping.model_validate(data))
    assert "no column 'valeu'" in str(err.value) and "did you mean 'value'?" in str(err.value)


def test_amounts_without_a_currency_are_an_error_not_cny(tmp_path):
    with pytest.raises(AdvisorError) as err:
        imported(tmp_path, mapping(currency=None))
    assert "does not say their currency" in str(err.value) and "--currency" in str(err.value)
    _, accounts = imported(tmp_path, mapping(currency=None), currency="EUR")
    assert accounts["Acme"].sales.currency == "EUR"


def test_an_unknown_mapping_key_gets_a_did_you_mean(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(MAPPING.replace("owner_rule:", "owner_rul:"), encoding="utf-8")
    with pytest.raises(AdvisorError) as err:
        load_mapping(path=path)
    assert "unknown field 'owner_rul'" in str(err.value) and "did you mean 'owner_rule'?" in str(err.value)
    path.write_text(MAPPING.replace("close_date: closed", "close_dat: closed"), encoding="utf-8")
    with pytest.raises(AdvisorError) as err:
        load_mapping(path=path)
    assert "did you mean 'close_date'?" in str(err.value) and ":5:" in str(err.value)


def test_an_owner_rule_needs_its_column():
    data, _ = load_yaml_text(MAPPING, "m")
    del data["opportunities"]["owner"]
    with pytest.raises(ValueError, match="latest_deal needs the deals' owner column"):
        Mapping.model_validate(data)


def test_reimport_merges_deals_and_keeps_the_reps_own(tmp_path):
    imported(tmp_path)
    path = next((tmp_path / "out").glob("Acme*.yaml"))
    yaml = YAML()
    doc = yaml.load(path.read_text(encoding="utf-8"))
    doc["deals"].append({"status": "lost", "name": "tender we lost before the CRM", "competitor": "Makita"})
    doc["notes"] = "the rep's own note"
    with path.open("w", encoding="utf-8") as out:
        yaml.dump(doc, out)
    report = run_import(tmp_path / "export", mapping(), tmp_path / "out", as_of=AS_OF, force=True)
    acme = load_account(path)
    assert report.count("unchanged") == 3  # the CRM's deals did not change; the rep's one is not the CRM's
    assert acme.notes == "the rep's own note"
    assert [d.name for d in acme.deals if d.crm_id is None] == ["tender we lost before the CRM"]
    assert len([d for d in acme.deals if d.crm_id]) == 5


def test_deals_are_one_a_line_in_the_written_file(tmp_path):
    imported(tmp_path)
    text = next((tmp_path / "out").glob("Acme*.yaml")).read_text(encoding="utf-8")
    assert "  - {status: won, amount: 1000, created: 2026-01-02, closed: 2026-02-01, product: GTX, owner: Ann, " \
           "crm_id: D1}" in text
    assert "&id" not in text  # a date shared by two fields is not written as a YAML anchor


def test_the_template_is_a_valid_documented_mapping():
    data, _ = load_yaml_text(template_text(), "template")
    m = Mapping.model_validate(data)
    assert m.currency == "USD" and m.owner_from == "account"
    doc = (ROOT / "docs" / "crm-mapping.md").read_text(encoding="utf-8")
    for name, field in Mapping.model_fields.items():  # every key of the format is on the docs page
        assert f"`{name}" in doc, name
    result = CliRunner().invoke(cli, ["import", "crm", "--mapping-template"])
    assert result.exit_code == 0 and result.output == template_text()


def test_the_schema_is_generated_from_the_model():
    schema = json.loads((ROOT / "docs" / "schema" / "crm-mapping.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]) == set(Mapping.model_fields)
    assert schema["additionalProperties"] is False


def test_cli_summary_and_rejected_file(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(MAPPING, encoding="utf-8")
    export(tmp_path / "export")
    result = CliRunner().invoke(cli, ["import", "crm", str(tmp_path / "export"), "--mapping", str(path), "--out",
                                      str(tmp_path / "out"), "--as-of", "2026-11-23", "--rejected",
                                      str(tmp_path / "rejected.csv")])
    assert result.exit_code == 1, result.output
    assert "2 rejected: deal without an account" in result.output
    assert "warning: " in result.output and "columns no mapping key reads: manager" in result.output
    assert "3 created" in result.output and "; 3 rows failed" in result.output
    assert len((tmp_path / "rejected.csv").read_text(encoding="utf-8").splitlines()) == 4
    bad = CliRunner().invoke(cli, ["import", "crm", str(tmp_path / "export"), "--mapping", str(path), "--out",
                                   str(tmp_path / "o2"), "--currency", "usd"])
    assert bad.exit_code == 2 and "three-letter ISO code" in bad.output


def test_history_facts_on_an_imported_account_match_the_rows(tmp_path):
    _, accounts = imported(tmp_path)
    facts = enrich(accounts["Acme"], AS_OF)[0]
    assert facts["win_rate"] == 0.75
    assert facts["days_since_last_win"] == (AS_OF - dt.date(2026, 9, 1)).days
    assert facts["median_order_interval_days"] == 106  # 2026-02-01 → 06-01 → 09-01: 120 and 92 days


def test_a_mapping_to_a_pack_that_is_not_installed_is_an_error(tmp_path):
    packs = {"core", "it-distribution", "sporting-goods"}
    run_import(export(tmp_path / "export"), mapping(), tmp_path / "ok", as_of=AS_OF, packs=packs)
    with pytest.raises(AdvisorError) as err:
        run_import(tmp_path / "export", mapping(industries={"technolgy": "it-distrbution"}), tmp_path / "out",
                   as_of=AS_OF, packs=packs)
    assert "industries: technolgy names 'it-distrbution'" in str(err.value)
    assert "did you mean 'it-distribution'?" in str(err.value)
    with pytest.raises(AdvisorError, match="default_industry names 'core'"):
        run_import(tmp_path / "export", mapping(default_industry="core"), tmp_path / "out", as_of=AS_OF, packs=packs)
