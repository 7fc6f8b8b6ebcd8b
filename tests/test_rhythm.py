"""The account's own buying rhythm (session 10, issue 22): a gap or a drop inside it is no decline or dormancy.

accounts/rhythm.py reads how often an account buys from the rep's words, the months it buys in, its dated orders, the
sales table's grain and a capital deal of the year before; the category rules' within_rhythm guard holds the decline
and dormancy readings back while the gap and every fall measured sit inside it, and the trace quotes the rhythm. The
phrasings and the accounts are written for these tests, not taken from a dev set."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts import rhythm, wordlists
from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.language.pack import load_packs

from .conftest import AS_OF, RULES

DECLINE_RULES = {"core.category.declining-find-cause", "core.category.declining-stated-cause",
                 "core.category.dormant-win-back", "core.category.dormant-deal-open-find-cause"}


@pytest.fixture(scope="module")
def vocabulary():
    return load_packs(["core"], RULES).fact_options()["vocabulary"]


@pytest.mark.parametrize("text, days, months", [
    ("They restock twice yearly: every April and again in October.", 182.5, [4, 10]),
    ("Orders land roughly every three months, never more often.", 90, []),
    ("The lift trucks are replaced on a four-year cycle.", 1460, []),
    ("他们一般每两个月补一次货。", 60, []),
    ("每年4月和10月各进一次货,其余月份不下单。", None, [4, 10]),
    ("伺服器換機週期大約四年,上一輪是去年。", 1460, []),
])
def test_the_reps_words_state_the_rhythm(vocabulary, text, days, months):
    assert rhythm.stated_rhythm(text, wordlists.matcher(vocabulary, "rhythm_buy")) == (days, months)


@pytest.mark.parametrize("text", [
    "We call on them every month to review the stock.",   # how often we visit, not how often they buy
    "10月和11月订货少了很多。",                               # two months it bought little in, not its buying months
    "They ordered on 7 Jan and on 14 Mar.",                  # dates, not months of a rhythm
])
def test_words_that_state_no_rhythm(vocabulary, text):
    assert rhythm.stated_rhythm(text, wordlists.matcher(vocabulary, "rhythm_buy")) == (None, [])


def _gap_account(notes: str, days_since: int = 120) -> Account:
    """A repeat buyer with no order for ``days_since`` days and nothing else on record: the gap alone reads as a
    decline (core.category.declining-by-gap) unless the account's rhythm holds it."""
    return Account.model_validate({
        "name": "Rhythm Test Co", "stage": "maintain", "buying_pattern": "repeat",
        "sales": {"last_order": (AS_OF - dt.timedelta(days=days_since)).isoformat()},
        "contacts": [{"name": "Lee", "roles": ["decider", "purchaser"], "is_boss": True, "met": True}],
        "notes": notes})


INSIDE = [
    "Family-run shop; they stock up twice a year and pay on time.",
    "Buys every six months, ahead of each season.",
    "The buyer told me they only reorder a couple of times per year.",
    "老客户,一年两次下单,回款及时。",
    "他们每半年采购一批,淡季不进货。",
    "這家店每隔半年才補一次貨。",
]


@pytest.mark.parametrize("notes", INSIDE)
def test_a_gap_inside_the_stated_rhythm_is_no_decline(advisor, notes):
    advice = advisor.advise(_gap_account(notes), as_of=AS_OF)
    assert not DECLINE_RULES & {a.rule for a in advice.actions}
    # the guard's fact, which the trace shows as the actual value, says why in both languages
    said = next(f for f in advice.facts if f["kind"] == "account")["within_rhythm"]
    assert "within its usual 6-month rhythm" in said and "在其通常的6个月采购周期内" in said


@pytest.mark.parametrize("notes", [
    "They reorder every month like clockwork.",
    "每个月都要进货两三次。",
    "Same shop: they stock up twice a year and pay on time.",  # … but 300 days is past twice a year
])
def test_a_gap_outside_the_rhythm_is_still_a_decline(advisor, notes):
    days = 300 if "twice a year" in notes else 120
    advice = advisor.advise(_gap_account(notes, days_since=days), as_of=AS_OF)
    assert DECLINE_RULES & {a.rule for a in advice.actions}


def _facts(vocabulary, account: Account) -> dict:
    return next(f for f in enrich(account, AS_OF, vocabulary=vocabulary) if f["kind"] == "account")


def test_a_capital_purchase_of_the_year_before_is_the_cycle_not_a_fall(advisor, vocabulary):
    def account(big: float) -> Account:
        return Account.model_validate({
            "name": "Harbour Cranes Ltd", "stage": "maintain", "buying_pattern": "project",
            "sales": {"last_12m": 400000, "prior_12m": 400000 + big, "last_order": "2026-06-02"},
            "contacts": [{"name": "Ngata", "roles": ["decider"], "met": True}],
            "deals": [{"name": "two ship-to-shore cranes", "status": "won", "amount": big, "closed": "2025-05-10"},
                      {"name": "service contract 2025", "status": "won", "amount": 400000, "closed": "2025-01-15"},
                      {"name": "service contract 2026", "status": "won", "amount": 400000, "closed": "2026-06-02"}]})
    held = _facts(vocabulary, account(3000000))
    assert "one-off: two ship-to-shore cranes" in held["within_rhythm"]
    assert not DECLINE_RULES & {a.rule for a in advisor.advise(account(3000000), as_of=AS_OF).actions}
    # a deal no bigger than the others is the run rate: the year's fall is a fall
    fell = _facts(vocabulary, account(500000))
    assert "within_rhythm" not in fell


def test_a_quarter_says_nothing_of_a_half_yearly_buyer(vocabulary):
    def account(periods: list) -> Account:
        return Account.model_validate({
            "name": "Reef Outfitters", "stage": "maintain", "buying_pattern": "repeat",
            "sales": {"periods": periods, "last_order": "2026-10-28"},
            "contacts": [{"name": "Sione", "roles": ["decider"], "met": True}],
            "deals": [{"name": "winter range", "status": "won", "amount": 90000, "closed": "2026-05-20"}]})
    halves = [{"period": p, "amount": a} for p, a in (("2025-H1", 80000), ("H2 2025", 85000), ("2026年上半年", 88000),
                                                      ("2026年下半年", 90000))]
    got = _facts(vocabulary, account(halves))
    assert got["rhythm_days"] == 182 and got["rhythm_source"] == "table"
    assert got.get("sales_trend") == -1.0 and "within its usual 6-month rhythm" in got["within_rhythm"]


def _season_account(notes: str) -> Account:
    """A monthly buyer whose last two months sit far below its usual (core.category.declining-recent-months) and
    whose year is not known: a fall, unless its rep says the trade is seasonal."""
    months = [("2026-03", 50000), ("2026-04", 52000), ("2026-05", 48000), ("2026-06", 51000), ("2026-07", 49000),
              ("2026-08", 50000), ("2026-09", 14000), ("2026-10", 12000)]
    return Account.model_validate({
        "name": "Fjord Outdoor AS", "stage": "maintain", "buying_pattern": "repeat",
        "sales": {"periods": [{"period": p, "amount": a} for p, a in months], "last_order": "2026-10-20"},
        "contacts": [{"name": "Ola", "roles": ["decider", "purchaser"], "is_boss": True, "met": True}],
        "notes": notes})


@pytest.mark.parametrize("notes", [
    "Kayak and tent shop: a seasonal trade, autumn and winter are always thin.",
    "We are in their off-season now; they order again ahead of the season in February.",
    "Ola says it is the quiet season for them.",
    "户外用品店,现在是淡季。",
    "他们是季节性生意,秋冬进货少。",
    "這家店秋冬是淡季,春天前才大量進貨。",
])
def test_a_low_season_the_rep_names_is_no_decline(advisor, notes):
    advice = advisor.advise(_season_account(notes), as_of=AS_OF)
    assert not DECLINE_RULES & {a.rule for a in advice.actions}
    said = next(f for f in advice.facts if f["kind"] == "account")["within_rhythm"]
    assert "seasonal" in said and "季节性" in said


@pytest.mark.parametrize("notes", ["Kayak and tent shop.", "It is not a seasonal business at all.", "他们不是淡季,是真的少了。",
                                   "Orders are down by a third in what should be their peak season."])
def test_without_a_season_the_low_months_are_a_decline(advisor, notes):
    assert DECLINE_RULES & {a.rule for a in advisor.advise(_season_account(notes), as_of=AS_OF).actions}


def test_no_hold_steady_against_meeting_a_decider_never_met(advisor):
    def account(decider_met: bool) -> Account:
        return Account.model_validate({
            "name": "Calder & Rowe", "stage": "propose",
            "contacts": [{"name": "Dana", "roles": ["purchaser"], "met": True},
                         {"name": "Rui", "roles": ["decider"], "met": decider_met}],
            "visits": [{"date": "2026-11-18", "contact": "Dana", "outcome": "cold", "note": "Short call."}],
            # answered: an objection the cold meeting left unanswered is answered first, not sat out (session 16)
            "objections": [{"contact": "Dana", "date": "2026-11-18", "answered": True,
                            "text": "We are putting every supplier through a review before we renew anything."}]})
    unmet = {a.rule for a in advisor.advise(account(False), as_of=AS_OF).actions}
    assert "core.negative.hold-steady" not in unmet and "core.roles.meet-decider" in unmet
    assert "core.negative.hold-steady" in {a.rule for a in advisor.advise(account(True), as_of=AS_OF).actions}


# --- the season holds only at the season's own level (session 11) ---------------------------------------------------
# A Q3 dip every year is the account's season — while Q3 holds against last year's Q3. A Q3 a quarter below last
# year's Q3 is a decline inside the season.

def _season_table(q3_2026: float) -> Account:
    amounts = [("2025-Q1", 500000), ("2025-Q2", 600000), ("2025-Q3", 300000), ("2025-Q4", 520000),
               ("2026-Q1", 510000), ("2026-Q2", 600000), ("2026-Q3", q3_2026), ("2026-Q4", 90000)]
    return Account.model_validate({
        "name": "Highland Outdoor Supply", "stage": "maintain", "buying_pattern": "repeat",
        "sales": {"periods": [{"period": p, "amount": a} for p, a in amounts], "last_order": "2026-11-10"},
        "contacts": [{"name": "Ross Kerr", "roles": ["decider"], "met": True}]})


def test_a_seasonal_dip_at_last_years_level_is_the_season(vocabulary):
    got = _facts(vocabulary, _season_table(300000))   # half of Q2, as last year
    assert got["sales_trend"] == -0.5 and "within_rhythm" in got


@pytest.mark.parametrize("q3", [265000, 255000, 245000])  # a dip as deep as last year's, but 12–18% below its Q3
def test_a_seasonal_dip_well_below_last_years_is_a_decline(advisor, vocabulary, q3):
    account = _season_table(q3)
    assert "within_rhythm" not in _facts(vocabulary, account)
    assert DECLINE_RULES & {a.rule for a in advisor.advise(account, as_of=AS_OF).actions}
