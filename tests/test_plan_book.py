"""The book in the plan (issue 21): tiers and prospect potential with their rule and seed section, and the
rep's week shared out by tier (rules/core/book.yaml, pack parameters attention_*)."""
from __future__ import annotations

import csv
import io

import pytest

from advisor.accounts.account import Account
from advisor.output import plan_formats
from advisor.portfolio.book import book_rules
from advisor.portfolio.plan import PlanFilters, build_plan, plan_to_json

from .conftest import AS_OF

BOOK = {
    "big": {"name": "Big Buyer", "sales": {"last_12m": 2_000_000, "prior_12m": 1_900_000, "last_order": "2026-11-01"}},
    "flagship": {"name": "Flagship", "strategic": True,
                 "sales": {"last_12m": 100_000, "prior_12m": 100_000, "last_order": "2026-11-01"}},
    "grower": {"name": "Grower", "sales": {"last_12m": 300_000, "prior_12m": 200_000, "last_order": "2026-11-01"}},
    "small-share": {"name": "Small Share", "sales": {"last_12m": 200_000, "prior_12m": 200_000,
                                                     "last_order": "2026-11-01", "wallet": 2_000_000}},
    "steady": {"name": "Steady", "sales": {"last_12m": 300_000, "prior_12m": 300_000, "last_order": "2026-11-01"}},
    "ideal": {"name": "Ideal Prospect", "prospect": {"fit": "close", "competition": "none", "distance": "near"}},
    "far": {"name": "Far Prospect", "prospect": {"fit": "far", "competition": "strong", "distance": "far",
                                                  "hidden_value": "none"}},
    "unknown": {"name": "Unscreened"},
}


def doc_for(advisor, lang="en", **filters):
    rows = [(key, (lambda d=data: Account.model_validate(d))) for key, data in BOOK.items()]
    return plan_to_json(build_plan(rows, advisor, as_of=AS_OF, lang=lang, filters=PlanFilters(**filters)))


@pytest.fixture(scope="module")
def doc(advisor):
    return doc_for(advisor)


def by_name(doc):
    return {a["account"]: a for a in doc["accounts"]}


def test_each_account_gets_the_tier_its_figures_give_with_the_rule_and_seed_section(doc):
    accounts = by_name(doc)
    tiers = {name: (a["tier"] or {}).get("value") for name, a in accounts.items()}
    assert tiers == {"Big Buyer": "key", "Flagship": "key", "Grower": "potential_key", "Small Share": "potential_key",
                     "Steady": "regular", "Ideal Prospect": None, "Far Prospect": None, "Unscreened": None}
    key = accounts["Big Buyer"]["tier"]
    assert key["rule"] == "core.book.tier-key" and key["source"].startswith("003_7a883303e2b65e3b.txt · 一、")
    assert accounts["Grower"]["tier"]["source"].startswith("003_7a883303e2b65e3b.txt · 六、")


def test_prospects_get_their_potential_and_the_seeds_action_for_it(doc):
    accounts = by_name(doc)
    assert accounts["Ideal Prospect"]["potential"]["value"] == "A"
    assert accounts["Far Prospect"]["potential"]["value"] == "D"
    assert accounts["Unscreened"]["potential"] is None
    assert accounts["Ideal Prospect"]["potential"]["source"] == "000_3c1f88d0652b660a.txt · 客户名单的提纯技术"
    rules = {a["rule"] for a in accounts["Ideal Prospect"]["actions"]}
    assert "core.book.potential-a-visit" in rules
    far = {a["rule"] for a in accounts["Far Prospect"]["actions"]}
    assert "core.book.potential-a-visit" not in far


def test_the_week_is_shared_out_by_tier_and_adds_up_to_the_pack_hours(doc, advisor):
    att = doc["attention"]
    rows = {r["tier"]: r for r in att["tiers"]}
    assert att["hours"] == 30
    assert att["source"].startswith("003_7a883303e2b65e3b.txt · 六、")
    assert {k: r["accounts"] for k, r in rows.items()} == {"key": 2, "potential_key": 2, "regular": 1, "prospect": 1}
    assert sum(r["hours"] for r in rows.values()) == pytest.approx(30, abs=0.2)
    # a key account gets more of the rep's time than a regular one, per account
    assert rows["key"]["hours_per_account"] > rows["potential_key"]["hours_per_account"] > 0
    assert rows["key"]["hours_per_account"] > rows["regular"]["hours_per_account"]
    shares = book_rules(advisor.load(["core"])[0]).shares
    assert rows["key"]["share"] == pytest.approx(shares["key"] / sum(shares.values()), abs=0.001)


def test_a_tier_without_accounts_gives_its_time_to_the_others(advisor):
    doc = doc_for(advisor, owner="nobody")
    assert all(r["accounts"] == 0 and r["hours"] == 0 for r in doc["attention"]["tiers"])
    text = plan_formats.text(doc)
    assert "The week by tier" not in text


def test_text_csv_and_markdown_show_the_tier_with_its_citation(doc, advisor):
    text = plan_formats.text(doc)
    assert "The week by tier (30 h; 003_7a883303e2b65e3b.txt · 六、" in text
    assert "tier: key account [core.book.tier-key · 003_7a883303e2b65e3b.txt · 一、" in text
    assert "tier: prospect, potential A [core.book.potential-a · 000_3c1f88d0652b660a.txt · 客户名单的提纯技术]" in text
    rows = list(csv.DictReader(io.StringIO(plan_formats.csv_text(doc))))
    ideal = [r for r in rows if r["account"] == "Ideal Prospect"]
    assert ideal and {r["potential"] for r in ideal} == {"A"} and {r["tier"] for r in ideal} == {""}
    assert {r["tier_source"] for r in rows if r["account"] == "Big Buyer"} == {
        "003_7a883303e2b65e3b.txt · 一、大客戶的定義與識別"}
    assert "| key account (003_7a883303e2b65e3b.txt · 一、大客戶的定義與識別) |" in plan_formats.markdown(doc)
    zh = plan_formats.text(doc_for(advisor, lang="zh"))
    assert "层级: 重点大客户 [core.book.tier-key" in zh and "按客户层级分配本周时间(共30小时" in zh


def test_the_board_shows_the_tier_and_the_week_by_tier(doc):
    from advisor.output.plan_html import render_plan_html

    page = render_plan_html(doc)
    assert '<h2 id="attention-h">The week by tier</h2>' in page
    assert '<b class="tier">key account</b>' in page and "core.book.tier-key · 003_7a883303e2b65e3b.txt" in page


def test_a_misspelt_screening_value_is_one_line_naming_file_place_and_fix(tmp_path):
    from click.testing import CliRunner

    from advisor.cli import cli

    bad = tmp_path / "prospect.yaml"
    bad.write_text("name: X\nprospect: {fit: closee, competition: none}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["advise", str(bad), "--as-of", "2026-11-23"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"Error: {bad}:2:17: prospect.fit: unknown fit 'closee' — did you mean 'close'?"]


def test_the_screening_labels_are_read_back_in_chinese():
    account = Account.model_validate({"name": "X", "prospect": {"fit": "接近理想客户", "competition": "竞争激烈",
                                                               "distance": "就近(日常拜访范围)"}})
    assert (account.prospect.fit, account.prospect.competition, account.prospect.distance) == ("close", "strong", "near")


# ------------------------------------------------------------------ tiers and currency ---
# core's tier amounts are in CNY (tier_currency); 1,000,000 is tier_key_sales_min
def _sales(amount, currency):
    return {"last_12m": amount, "prior_12m": amount, "last_order": "2026-11-01", "currency": currency}


MIXED = {
    "cny-big": {"name": "CNY Big", "sales": _sales(2_000_000, "CNY")},
    # 2M dollars and 2M yuan are not one number: without a rate this one is not held against the CNY threshold
    "usd-big": {"name": "USD Big", "sales": _sales(2_000_000, "USD")},
    # 200,000 USD is 1.42M CNY at 7.1: a key account once the rate is given, "regular" by its bare number
    "usd-mid": {"name": "USD Mid", "sales": _sales(200_000, "USD")},
    "usd-small": {"name": "USD Small", "sales": _sales(50_000, "USD")},
    "eur-strategic": {"name": "EUR Strategic", "strategic": True, "sales": _sales(10_000, "EUR")},
}


def tiers_for(advisor, rates=None, lang="en"):
    rows = [(key, (lambda d=data: Account.model_validate(d))) for key, data in MIXED.items()]
    doc = plan_to_json(build_plan(rows, advisor, as_of=AS_OF, lang=lang, rates=rates))
    return {a["account"]: a["tier"] for a in doc["accounts"]}


def test_without_a_rate_an_account_in_another_currency_is_tiered_without_its_amounts_and_says_so(advisor):
    tiers = tiers_for(advisor)
    assert {k: v["value"] for k, v in tiers.items()} == {
        "CNY Big": "key", "USD Big": "regular", "USD Mid": "regular", "USD Small": "regular", "EUR Strategic": "key"}
    assert tiers["CNY Big"]["note"] is None
    assert tiers["USD Big"]["note"] == ("sales in USD, the tier thresholds in CNY and no rate for USD: tiered on "
                                        "strategic value, growth and share of wallet, not on the amounts "
                                        "(plan --rates converts them)")
    zh = tiers_for(advisor, lang="zh")
    assert zh["USD Big"]["note"].startswith("销售以USD计,分层门槛以CNY计,且没有USD的汇率")
    facts = advisor.advise(Account.model_validate(MIXED["usd-big"]), as_of=AS_OF).facts[0]
    assert (facts["tier_amounts"], facts["sales_currency"], facts["tier_currency"]) == ("not_comparable", "USD", "CNY")
    assert "tier_sales_12m" not in facts and facts["sales_last_12m"] == 2_000_000


def test_with_the_users_rate_table_the_amounts_are_converted_into_the_thresholds_currency(advisor):
    from advisor.accounts.money import Rates

    into_cny = tiers_for(advisor, Rates("CNY", {"USD": 7.1}))
    assert {k: v["value"] for k, v in into_cny.items()} == {
        "CNY Big": "key", "USD Big": "key", "USD Mid": "key", "USD Small": "regular", "EUR Strategic": "key"}
    assert into_cny["USD Mid"]["note"] == "sales converted from USD into CNY with the rate table for the tier thresholds"
    assert into_cny["EUR Strategic"]["note"].startswith("sales in EUR, the tier thresholds in CNY and no rate for EUR")
    # a table based on another currency works through it: 1 CNY = 0.14 USD puts 200,000 USD at 1.43M CNY
    via_usd = tiers_for(advisor, Rates("USD", {"CNY": 0.14}))
    assert via_usd["USD Mid"]["value"] == "key" and via_usd["CNY Big"]["value"] == "key"
    facts = advisor.advise(Account.model_validate(MIXED["usd-mid"]), as_of=AS_OF, rates=Rates("CNY", {"USD": 7.1})).facts[0]
    assert (facts["tier_amounts"], facts["tier_sales_12m"]) == ("converted", 1_420_000.0)


def test_plan_rates_reaches_the_workers_and_the_text_says_how_the_tier_was_met(advisor, tmp_path):
    import yaml
    from click.testing import CliRunner

    from advisor.cli import cli

    folder = tmp_path / "book"
    folder.mkdir()
    for key in ("usd-mid", "cny-big"):
        (folder / f"{key}.yaml").write_text(yaml.safe_dump(MIXED[key], allow_unicode=True), encoding="utf-8")
    rates = tmp_path / "rates.yaml"
    rates.write_text("base: CNY\nrates: {USD: 7.1}\n", encoding="utf-8")

    def plan(*extra):
        result = CliRunner().invoke(cli, ["plan", str(folder), "--as-of", "2026-11-23", "--format", "text", *extra])
        assert result.exit_code == 0, result.output
        return result.output

    assert "tier: regular account [core.book.tier-regular" in plan("--jobs", "1")
    converted = plan("--jobs", "2", "--rates", str(rates))
    assert ("tier: key account [core.book.tier-key · 003_7a883303e2b65e3b.txt · 一、大客戶的定義與識別] — sales "
            "converted from USD into CNY with the rate table for the tier thresholds") in converted
