"""Deal history facts (advisor/accounts/history.py, issue 21): computed right on small hand-made
accounts, absent when the account does not say enough to know them."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account
from advisor.accounts.facts import CATALOG, enrich
from advisor.accounts.facts_zh import CATALOG_ZH
from advisor.accounts.history import parse_period, sales_by_month, sales_by_quarter
from advisor.language.pack import load_packs

from .conftest import RULES

AS_OF = dt.date(2026, 11, 23)
VOCABULARY = load_packs(["core"], RULES).fact_options()["vocabulary"]  # the core pack's tender words


def facts(data: dict) -> tuple[dict, list[dict]]:
    out = enrich(Account.model_validate({"name": "Acme", **data}), AS_OF, vocabulary=VOCABULARY)
    return out[0], [f for f in out if f["kind"] == "deal"]


def won(closed: str, amount: float, **more) -> dict:
    return {"status": "won", "closed": closed, "amount": amount, **more}


def test_history_facts_are_in_both_catalogues():
    for name in ("deals_won_count", "deals_lost_count", "deals_open_count", "win_rate", "days_since_last_win",
                 "tenure_years", "order_count", "median_order_interval_days", "order_gap_ratio", "lost_to",
                 "days_since_last_loss", "open_pipeline_amount", "sales_trend"):
        assert name in CATALOG["account"] and name in CATALOG_ZH["account"]
    assert set(CATALOG["deal"]) == {"status", "amount", "competitor", "competitor_listed", "loss_reason",
                                    "days_since_closed", "product", "owner", "name", "note", "wins_since",
                                    "share_of_sales", "tender"}  # issue 23: a deal whose words read as a tender (accounts/tenders.py)
    assert set(CATALOG_ZH["deal"]) == set(CATALOG["deal"])
    assert "sales_by_quarter" not in CATALOG["account"]  # JSON output only, not a fact


def test_an_account_without_history_has_none_of_the_facts():
    a, deals = facts({"sales": {"last_12m": 100, "prior_12m": 80}})
    assert deals == []
    for name in ("deals_won_count", "win_rate", "days_since_last_win", "tenure_years", "order_count",
                 "median_order_interval_days", "order_gap_ratio", "lost_to", "sales_trend", "open_pipeline_amount"):
        assert name not in a, name
    assert a["sales_growth"] == 0.25  # the written totals still make the growth


def test_counts_win_rate_losses_and_pipeline():
    a, deals = facts({
        "competitors": [{"name": "Bosch"}],
        "deals": [won("2026-01-10", 100), won("2026-04-10", 200), won("2026-07-10", 300),
                  {"status": "lost", "closed": "2026-09-01", "amount": 50, "competitor": "bosch",
                   "loss_reason": "price", "owner": "Li"},
                  {"status": "lost", "closed": "2026-05-01", "competitor": "Makita"},
                  {"status": "open", "amount": 70}, {"status": "open", "amount": 30, "currency": "EUR"},
                  {"status": "open"}]})
    assert (a["deals_won_count"], a["deals_lost_count"], a["deals_open_count"]) == (3, 2, 3)
    assert a["win_rate"] == 0.6
    assert a["lost_to"] == ["Makita", "bosch"]
    assert a["days_since_last_loss"] == (AS_OF - dt.date(2026, 9, 1)).days
    assert a["days_since_last_win"] == (AS_OF - dt.date(2026, 7, 10)).days
    assert a["open_pipeline_amount"] == 70  # the EUR deal is not added to a CNY sum
    assert a["order_count"] == 3
    assert a["median_order_interval_days"] == 90.5  # 90 and 91 days
    assert a["order_gap_ratio"] == round(a["days_since_last_order"] / 90.5, 4)
    assert a["has_sales_history"] is True
    lost = deals[3]
    assert lost == {"kind": "deal", "id": "deal:4", "status": "lost", "amount": 50, "competitor": "bosch",
                    "competitor_listed": True, "loss_reason": "price",
                    "days_since_closed": (AS_OF - dt.date(2026, 9, 1)).days, "owner": "Li", "wins_since": 0,
                    "share_of_sales": round(50 / a["sales_last_12m"], 4), "tender": False}  # issue 23: its words do not read as a tender
    assert deals[4]["wins_since"] == 1  # lost in May, won again in July: a lost round in a running business
    assert deals[4]["competitor_listed"] is False
    assert "name" not in deals[4]  # no name, product or CRM id: nothing to call it by
    assert "days_since_closed" not in deals[5]  # open deals have not closed


def test_won_deals_give_the_sales_totals_when_none_are_written():
    a, _ = facts({"deals": [won("2026-10-01", 100), won("2026-03-01", 50),
                            won("2025-06-01", 300), won("2024-06-01", 999)]})
    assert a["sales_last_12m"] == 150
    assert a["sales_prior_12m"] == 300
    assert a["sales_growth"] == -0.5
    assert a["days_since_last_order"] == (AS_OF - dt.date(2026, 10, 1)).days
    assert a["tenure_years"] == round((AS_OF - dt.date(2024, 6, 1)).days / 365.25, 2)


def test_written_totals_win_over_the_deals():
    a, _ = facts({"sales": {"last_12m": 10, "prior_12m": 20, "last_order": "2026-11-01"},
                  "deals": [won("2026-10-01", 100), won("2025-06-01", 300)]})
    assert (a["sales_last_12m"], a["sales_prior_12m"], a["sales_growth"]) == (10, 20, -0.5)
    assert a["days_since_last_order"] == 22


def test_prior_year_unknown_when_the_history_does_not_reach_into_it():
    a, _ = facts({"deals": [won("2026-10-01", 100), won("2026-03-01", 50)]})
    assert a["sales_last_12m"] == 150
    assert "sales_prior_12m" not in a and "sales_growth" not in a
    # 18 months of history cover only half the year before: an export's start, not a slow year
    a, _ = facts({"deals": [won("2026-10-01", 100), won("2025-06-01", 50)]})
    assert "sales_prior_12m" not in a and "sales_growth" not in a


def test_closed_opportunities_count_as_deals_once_per_crm_id():
    a, deals = facts({
        "deals": [{"status": "won", "closed": "2026-06-01", "amount": 10, "crm_id": "D1"}],
        "opportunities": [{"name": "same deal", "won": True, "crm_id": "D1", "amount": 10},
                          {"name": "tender", "won": False, "close_date": "2026-08-01"},
                          {"name": "still open"}]})
    assert (a["deals_won_count"], a["deals_lost_count"], a["deals_open_count"]) == (1, 1, 0)
    assert [d["name"] for d in deals] == ["D1", "tender"]  # the deal (its crm_id names it), the lost opportunity
    assert a["won_count"] == 1  # the opportunities' own count stays as it was


def test_other_currency_deals_count_as_orders_but_never_add():
    a, _ = facts({"sales": {"currency": "USD"},
                  "deals": [won("2026-10-01", 100), won("2026-09-01", 70, currency="EUR"),
                            won("2026-08-01", 5, currency="USD")]})
    assert a["sales_last_12m"] == 105
    assert a["order_count"] == 3


def test_sales_trend_is_the_last_full_quarter_against_the_one_before():
    # as of 2026-11-23 the last full quarter is 2026-Q3, the one before 2026-Q2
    a, _ = facts({"deals": [won("2026-05-01", 100), won("2026-06-01", 100), won("2026-08-01", 50),
                            won("2026-11-01", 20)]})
    assert a["sales_trend"] == -0.75
    # … unless the quarter in progress already holds more than the last full one: the fall is made up (session 12)
    a, _ = facts({"deals": [won("2026-05-01", 100), won("2026-06-01", 100), won("2026-08-01", 50),
                            won("2026-11-01", 999)]})
    assert a["sales_trend"] == 18.98
    a, _ = facts({"deals": [won("2026-05-01", 100), won("2026-11-01", 999)]})
    assert a["sales_trend"] == -1  # nothing in Q3 inside the recorded span is a real zero
    a, _ = facts({"deals": [won("2026-08-01", 100)]})
    assert "sales_trend" not in a  # nothing known before Q3


def test_sales_table_gives_quarters_orders_and_tenure():
    account = {"sales": {"periods": [{"period": "2025-Q4", "amount": 40}, {"period": "2026-01", "amount": 10},
                                     {"period": "2026-02", "amount": 10}, {"period": "2026年3月", "amount": 20},
                                     {"period": "Q2 2026", "amount": 80}, {"period": "2026年第3季度", "amount": 20},
                                     {"period": "2026-Q4", "amount": 0}, {"period": "budget", "amount": 5}]}}
    a, _ = facts(account)
    assert a["sales_trend"] == -0.75
    assert a["order_count"] == 6  # the periods with sales
    assert a["tenure_years"] == round((AS_OF - dt.date(2025, 10, 1)).days / 365.25, 2)
    assert a["has_sales_history"] is True
    assert "deals_won_count" not in a
    acc = Account.model_validate({"name": "Acme", **account})
    assert sales_by_quarter(acc, AS_OF) == {"2025-Q4": 40, "2026-Q1": 40, "2026-Q2": 80, "2026-Q3": 20,
                                            "2026-Q4": 0}
    assert sales_by_month(acc, AS_OF) == {"2026-01": 10, "2026-02": 10, "2026-03": 20}


@pytest.mark.parametrize("label, expected", [
    ("2025-Q3", ("quarter", dt.date(2025, 7, 1))), ("2025q3", ("quarter", dt.date(2025, 7, 1))),
    ("Q1 2026", ("quarter", dt.date(2026, 1, 1))), ("2026年二季度", ("quarter", dt.date(2026, 4, 1))),
    ("2026/7", ("month", dt.date(2026, 7, 1))), ("2026年12月", ("month", dt.date(2026, 12, 1))),
    ("2025", ("year", dt.date(2025, 1, 1))), ("2026-13", None), ("H1", None)])
def test_period_labels(label, expected):
    assert parse_period(label) == expected


def test_deals_after_the_as_of_date_have_not_happened_yet():
    a, deals = facts({"deals": [won("2026-10-01", 100), won("2027-01-01", 500),
                                {"status": "lost", "closed": "2027-02-01"}]})
    assert a["days_since_last_win"] == (AS_OF - dt.date(2026, 10, 1)).days
    assert a["sales_last_12m"] == 100
    assert "days_since_last_loss" not in a
    assert a["deals_won_count"] == 2  # the record itself still counts


def test_advice_json_carries_sales_per_quarter_with_its_currency(advisor):
    from advisor.output.advice_model import AdviceOut
    from advisor.output.render import as_dict

    account = Account.model_validate({"name": "Acme", "industry": "other", "sales": {"currency": "USD"},
                                      "deals": [won("2026-05-01", 100), won("2026-08-01", 40)]})
    data = as_dict(advisor.advise(account, AS_OF, packs=["core"]))
    assert data["sales_by_quarter"] == {"currency": "USD",
                                        "quarters": {"2026-Q2": 100, "2026-Q3": 40, "2026-Q4": 0}}
    AdviceOut.model_validate(data)
    plain = as_dict(advisor.advise(Account.model_validate({"name": "B", "industry": "other"}), AS_OF, packs=["core"]))
    assert "sales_by_quarter" not in plain  # unknown: no key, not an empty table


def test_a_deal_without_a_name_is_called_by_its_product_or_crm_id():
    _, deals = facts({"deals": [{"status": "lost", "product": "GTX Pro", "crm_id": "D1"},
                                {"status": "lost", "crm_id": "D2"}, {"status": "lost", "name": "Tender", "product": "X"}]})
    assert [d["name"] for d in deals] == ["GTX Pro", "D2", "Tender"]


def test_a_rule_merged_over_many_deals_is_named_once_in_the_text(advisor):
    from advisor.output.render import text

    lost = [{"status": "lost", "product": f"P{i}", "closed": "2026-11-01", "crm_id": f"L{i}"} for i in range(5)]
    account = Account.model_validate({"name": "Acme", "industry": "other", "deals": lost})
    advice = advisor.advise(account, AS_OF, packs=["core"])
    merged = [a for a in advice.actions if len(a.merged_rules) > 1 and len(set(a.merged_rules)) < len(a.merged_rules)]
    assert merged, "some rule fired on several deals and was merged into one action"
    out = text(advice, "en", 0)
    for line in out.splitlines():
        if line.strip().startswith("also:"):
            names = [n.strip() for n in line.split(":", 1)[1].split(",")]
            assert len(names) == len(set(names)), line


def test_a_month_table_starting_mid_quarter_leaves_that_quarter_unknown():
    """May and June alone are not the second quarter: against a full third quarter they read as growth (session 5,
    a dealer's fall went unseen). The quarter the table starts in counts only when it starts with the quarter."""
    months = [{"period": f"2026-{m:02d}", "amount": a} for m, a in ((5, 100), (6, 100), (7, 100), (8, 100), (9, 20))]
    acc = Account.model_validate({"name": "Acme", "sales": {"periods": months}})
    assert sales_by_quarter(acc, AS_OF) == {"2026-Q3": 220, "2026-Q4": 0}
    a, _ = facts({"sales": {"periods": months}})
    assert "sales_trend" not in a  # nothing known of the quarter before
    whole = [{"period": "2026-04", "amount": 100}] + months
    a, _ = facts({"sales": {"periods": whole}})
    assert a["sales_trend"] == round(220 / 300 - 1, 4)


def test_recent_sales_are_the_last_two_complete_months_against_the_accounts_usual():
    from advisor.accounts.history import recent_sales

    def ratio(rows, as_of=AS_OF):
        acc = Account.model_validate({"name": "Acme", "sales": {"periods": [{"period": p, "amount": a} for p, a in rows]}})
        return recent_sales(acc, as_of)

    steady = [("2026-05", 100), ("2026-06", 110), ("2026-07", 90), ("2026-08", 100), ("2026-09", 30), ("2026-10", 10)]
    # as of 23 Nov the last complete months are September and October: (30 + 10) / 2 against the median 100
    assert ratio(steady) == (0.2, ["2026-09", "2026-10"], 0.3)  # the better month: 30 of 100
    # November is not over on the 23rd: a November row does not count yet
    assert ratio(steady + [("2026-11", 0)]) == (0.2, ["2026-09", "2026-10"], 0.3)
    # a month missing inside the recorded span sold nothing — and October back at its usual says one skipped order
    assert ratio([("2026-05", 100), ("2026-06", 100), ("2026-07", 100), ("2026-10", 100)]) == (0.5, ["2026-09", "2026-10"], 1.0)
    # the same months a year before, where recorded, are the usual (a seasonal low is the rhythm)
    seasonal = [("2025-09", 20), ("2025-10", 20)] + [(f"2025-{m}", 100) for m in (11, 12)] + \
               [(f"2026-{m:02d}", 100) for m in range(1, 9)] + [("2026-09", 20), ("2026-10", 20)]
    assert ratio(seasonal) == (1.0, ["2026-09", "2026-10"], 1.0)
    # quarters when the table has no months; too short a record says nothing
    assert ratio([("2025-Q2", 100), ("2025-Q3", 100), ("2025-Q4", 100), ("2026-Q1", 100), ("2026-Q2", 40),
                  ("2026-Q3", 20)]) == (0.3, ["2026-Q2", "2026-Q3"], 0.4)
    assert ratio([("2026-07", 100), ("2026-08", 100), ("2026-09", 100), ("2026-10", 0)]) is None
