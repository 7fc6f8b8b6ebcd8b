"""Two public CRM samples of shapes unlike the Salesforce and HubSpot presets, imported with their
documented mappings and planned over (issue 21, "Measure it"). The expectations come from a csv-module
recount of the sample files, never from the advisor's own output.

- maven-crm: Maven Analytics "CRM + Sales + Opportunities" (fixtures/crm/maven-crm/SOURCE.md)
- sap-bikes: SAP Datasphere "Bike Sales" sample, Apache-2.0 (fixtures/crm/sap-bikes/SOURCE.md)
"""
from __future__ import annotations

import collections
import csv
import datetime as dt
import json
import math
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.accounts.account import load_account
from advisor.accounts.facts import enrich
from advisor.cli import cli
from advisor.crm.importer import run_import
from advisor.crm.mapping import load_mapping

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Sample:
    name: str
    as_of: dt.date
    accounts_file: str
    account_id: str
    account_name: str
    deals_file: str
    deal_account: str
    stage: str
    won: frozenset
    lost: frozenset
    date: str
    date_format: str
    amount: str


SAMPLES = [
    Sample("maven-crm", dt.date(2018, 1, 1), "accounts.csv", "account", "account", "sales_pipeline.csv", "account",
           "deal_stage", frozenset({"Won"}), frozenset({"Lost"}), "close_date", "%Y-%m-%d", "close_value"),
    Sample("sap-bikes", dt.date(2019, 7, 1), "BusinessPartners.csv", "PARTNERID", "COMPANYNAME", "SalesOrders.csv",
           "PARTNERID", "LIFECYCLESTATUS", frozenset({"C"}), frozenset({"X"}), "CREATEDAT", "%Y%m%d", "GROSSAMOUNT"),
]


def _rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


@dataclass
class Recount:
    """What the sample's own rows say, per account name."""

    won: dict
    lost: dict
    no_account: int
    at_risk: set  # dormant (no won order for 180 days) or declining (last full quarter ≥10% below the one before)
    drop: dict  # name -> how far the last full quarter fell below the one before (0.4 = -40%)


def _quarter(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3


def recount(sample: Sample) -> Recount:
    folder = ROOT / "fixtures" / "crm" / sample.name
    names = {r[sample.account_id]: r[sample.account_name] for r in _rows(folder / sample.accounts_file)}
    won, lost = collections.Counter(), collections.Counter()
    no_account = 0
    quarters: dict = collections.defaultdict(collections.Counter)
    last_win: dict = {}
    for row in _rows(folder / sample.deals_file):
        key = row[sample.deal_account].strip()
        if not key:
            no_account += 1
            continue
        name = names[key]
        if row[sample.stage] in sample.won:
            won[name] += 1
            day = dt.datetime.strptime(row[sample.date], sample.date_format).date()
            quarters[name][_quarter(day)] += float(row[sample.amount])
            last_win[name] = max(day, last_win.get(name, day))
        elif row[sample.stage] in sample.lost:
            lost[name] += 1
    this = _quarter(sample.as_of)
    last_full = (this[0], this[1] - 1) if this[1] else (this[0] - 1, 3)
    before = (last_full[0], last_full[1] - 1) if last_full[1] else (last_full[0] - 1, 3)
    at_risk, drop = set(), {}
    for name in names.values():
        dormant = name in last_win and (sample.as_of - last_win[name]).days >= 180
        q = quarters.get(name, {})
        declining = q.get(before, 0) > 0 and q.get(last_full, 0) <= 0.9 * q[before]
        if q.get(before, 0) > 0:
            drop[name] = 1 - q.get(last_full, 0) / q[before]
        if dormant or declining:
            at_risk.add(name)
    return Recount(won, lost, no_account, at_risk, drop)


@pytest.fixture(scope="module", params=SAMPLES, ids=[s.name for s in SAMPLES])
def book(request, tmp_path_factory):
    sample: Sample = request.param
    out = tmp_path_factory.mktemp(sample.name)
    mapping = load_mapping(path=ROOT / "docs" / "crm-mappings" / f"{sample.name}.yaml")
    report = run_import(ROOT / "fixtures" / "crm" / sample.name, mapping, out / "accounts", as_of=sample.as_of)
    result = CliRunner().invoke(cli, ["plan", str(out / "accounts"), "--as-of", sample.as_of.isoformat(),
                                      "--format", "json", "--jobs", "1", "--top-actions", "1"])
    assert result.exit_code == 0, result.output[-2000:]
    accounts = {load_account(p).name: load_account(p) for p in sorted((out / "accounts").glob("*.yaml"))}
    return sample, report, accounts, json.loads(result.output), recount(sample)


def test_won_and_lost_deals_match_a_recount_of_the_rows(book):
    sample, report, accounts, _, counted = book
    assert set(counted.won) | set(counted.lost) <= set(accounts)  # every account with a deal came in
    for name, account in accounts.items():
        facts = enrich(account, sample.as_of)[0]
        assert facts.get("deals_won_count", 0) == counted.won[name], name
        assert facts.get("deals_lost_count", 0) == counted.lost[name], name
    assert sum(counted.lost.values()) > 0  # the sample really has lost deals
    rejected = {reason: len(rows) for reason, rows in report.rejected.items()}
    assert rejected == ({"deal without an account": counted.no_account} if counted.no_account else {})


def test_categories_are_spread(book):
    _, _, _, plan, _ = book
    categories = collections.Counter(a["category"] for a in plan["accounts"])
    assert len(categories) >= 3, categories
    assert max(categories.values()) <= 0.6 * len(plan["accounts"]), categories


def test_accounts_at_risk_by_their_own_history_fill_the_top_third(book):
    _, _, _, plan, counted = book
    ranked = [a["account"] for a in plan["accounts"]]
    third = math.ceil(len(ranked) / 3)
    expected = min(third, len(counted.at_risk))
    assert expected >= 3, counted.at_risk  # the sample has accounts at risk to find
    head = ranked[:expected]
    assert [name for name in head if name not in counted.at_risk] == [], (head, sorted(counted.at_risk))


def test_the_steepest_fall_leads_the_declining_accounts(book):
    _, _, _, plan, counted = book
    declining = [a for a in plan["accounts"] if a["category"] == "declining"]
    steepest = max((a["account"] for a in declining), key=lambda name: counted.drop.get(name, 0))
    assert declining[0]["account"] == steepest, [(a["account"], round(counted.drop.get(a["account"], 0), 2))
                                                 for a in declining]
    assert any("last quarter" in r or "sales -" in r for r in declining[0]["reasons"])  # says how far it fell


def test_no_top_action_is_shared_by_more_than_30_percent_of_accounts_whose_histories_differ(book):
    """The top action follows the account's own history (issue 21). The csv recount splits the book into accounts
    at risk (dormant, or the last full quarter 10% below the one before) and the rest; one top action may lead more
    than 30% of the book only when the accounts it leads share that history — ten declining accounts each told to
    find why it buys less is right, one action for declining and growing accounts alike (find-decider on 22/22 Maven
    accounts before session 2) is not. The recount reads a quarter with no order as a fall even for an account that
    orders twice a year, so up to a quarter of a rule's accounts may sit on the other side."""
    _, _, _, plan, counted = book
    led = collections.defaultdict(list)
    for a in plan["accounts"]:
        if a["actions"]:
            led[a["actions"][0]["rule"]].append(a["account"] in counted.at_risk)
    for rule, at_risk in led.items():
        if len(at_risk) > 0.3 * len(plan["accounts"]):
            other_history = min(sum(at_risk), len(at_risk) - sum(at_risk))
            assert other_history <= 0.25 * len(at_risk), (rule, len(at_risk), other_history)
    # and an account the advisor itself reads as declining or dormant is led by its problem, never by a blocker or
    # a data gap (an imported account has no contacts: "find who decides" ranks below its history)
    for a in plan["accounts"]:
        if a["category"] in ("declining", "dormant"):
            assert a["actions"][0]["level"] == "fix_problem", (a["account"], a["actions"][0]["rule"])


def test_the_money_is_the_samples_currency(book):
    _, _, accounts, plan, _ = book
    assert {a.sales.currency for a in accounts.values()} == {"USD"}
    assert {a["currency"] for a in plan["accounts"]} == {"USD"}
    assert plan["value_totals"][0]["currency"] == "USD" and len(plan["value_totals"]) == 1


def test_usd_books_meet_the_cny_tier_thresholds_only_through_a_rate_table(book, tmp_path):
    """Both samples are in USD and core's tier amounts in CNY: without a rate no account is tiered by its
    amount (and each says so); with the user's table (1 CNY = 0.14 USD) the large buyers become key accounts."""
    sample, _, accounts, plan, _ = book
    assert {a["tier"]["note"] for a in plan["accounts"]} == {
        "sales in USD, the tier thresholds in CNY and no rate for USD: tiered on strategic value, growth and "
        "share of wallet, not on the amounts (plan --rates converts them)"}
    assert "key" not in {a["tier"]["value"] for a in plan["accounts"]}  # no account is marked strategic
    rates = tmp_path / "rates.yaml"
    rates.write_text("base: USD\nrates: {CNY: 0.14}\n", encoding="utf-8")
    folder = Path(next(iter(plan["accounts"]))["file"]).parent
    result = CliRunner().invoke(cli, ["plan", str(folder), "--as-of", sample.as_of.isoformat(), "--format", "json",
                                      "--jobs", "1", "--top-actions", "1", "--rates", str(rates)])
    assert result.exit_code == 0, result.output[-2000:]
    tiers = {a["account"]: a["tier"] for a in json.loads(result.output)["accounts"]}
    key = {name for name, t in tiers.items() if t["value"] == "key"}
    assert key and len(key) < len(tiers)
    # a key account by its purchases bought at least tier_key_sales_min (1,000,000 CNY) in 12 months
    for name in key:
        facts = enrich(accounts[name], sample.as_of)[0]
        assert facts["sales_last_12m"] / 0.14 >= 1_000_000, name
    assert {t["note"] for t in tiers.values()} == {
        "sales converted from USD into CNY with the rate table for the tier thresholds"}
