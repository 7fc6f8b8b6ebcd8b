"""Currency is honest (issue 21): a plan never adds two currencies; a user-given rate table converts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.accounts.money import load_rates, plan_totals, totals
from advisor.cli import cli
from advisor.files.errors import AdvisorError
from advisor.output.plan_html import plan_view

ROOT = Path(__file__).resolve().parent.parent


def test_totals_stay_per_currency_without_rates():
    assert totals([(100, "CNY"), (50, "EUR"), (30, "CNY")]) == [
        {"currency": "CNY", "amount": 130}, {"currency": "EUR", "amount": 50}]


def test_a_rate_table_converts_into_its_base(tmp_path):
    path = tmp_path / "rates.yaml"
    path.write_text("base: CNY\nrates: {EUR: 7.5, USD: 7}\n", encoding="utf-8")
    rates = load_rates(path)
    assert totals([(100, "CNY"), (10, "EUR"), (2, "USD")], rates) == [
        {"currency": "CNY", "amount": 189, "converted": ["EUR", "USD"]}]
    with pytest.raises(AdvisorError) as err:
        totals([(1, "GBP")], rates)
    assert "no rate for GBP" in str(err.value) and str(path) in str(err.value)


@pytest.mark.parametrize("text, message", [
    ("base: cny\nrates: {}\n", "is not a currency code"),
    ("base: CNY\nrates: {EUR: -1}\n", "must be a positive number"),
    ("base: CNY\nrates: {EUR: 7}\nextra: 1\n", "a rate table has base: and rates:"),
    ("rates: {EUR: 7}\n", "a rate table has base: and rates:"),
])
def test_a_bad_rate_table_is_a_located_error(tmp_path, text, message):
    path = tmp_path / "rates.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(AdvisorError) as err:
        load_rates(path)
    assert message in str(err.value) and str(path) in str(err.value)


def _book(tmp_path) -> Path:
    folder = tmp_path / "book"
    folder.mkdir(exist_ok=True)
    (folder / "a.yaml").write_text("name: Alpha\nindustry: other\nsales: {last_12m: 1000, currency: CNY}\n",
                                   encoding="utf-8")
    (folder / "b.yaml").write_text("name: Beta\nindustry: other\nsales: {last_12m: 200, currency: EUR}\n",
                                   encoding="utf-8")
    return folder


def test_plan_and_board_never_add_two_currencies(tmp_path):
    result = CliRunner().invoke(cli, ["plan", str(_book(tmp_path)), "--as-of", "2026-11-23", "--format", "json",
                                      "--jobs", "1"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert {a["account"]: (a["value_at_stake"], a["currency"]) for a in doc["accounts"]} == {
        "Alpha": (1000, "CNY"), "Beta": (200, "EUR")}
    assert doc["value_totals"] == [{"currency": "CNY", "amount": 1000}, {"currency": "EUR", "amount": 200}]
    assert plan_view(doc)["stats"]["value"] == "1,000 CNY; 200 EUR"
    del doc["value_totals"]  # a document written before value_totals existed: the board totals per currency itself
    assert plan_view(doc)["stats"]["value"] == "1,000 CNY; 200 EUR"
    assert plan_totals(doc) == [{"currency": "CNY", "amount": 1000}, {"currency": "EUR", "amount": 200}]


def test_plan_converts_only_with_rates(tmp_path):
    rates = tmp_path / "rates.yaml"
    rates.write_text("base: CNY\nrates: {EUR: 8}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["plan", str(_book(tmp_path)), "--as-of", "2026-11-23", "--format", "json",
                                      "--jobs", "1", "--rates", str(rates)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["value_totals"] == [{"currency": "CNY", "amount": 2600, "converted": ["EUR"]}]
    rates.write_text("base: CNY\nrates: {USD: 7}\n", encoding="utf-8")
    missing = CliRunner().invoke(cli, ["plan", str(_book(tmp_path)), "--as-of", "2026-11-23", "--format", "json",
                                       "--jobs", "1", "--rates", str(rates)])
    assert missing.exit_code == 2 and "no rate for EUR" in missing.output
