"""The payment wait read in the account's words (advisor/accounts/paywait.py): a period beside a payment word, in
English or Chinese, the longer end of a range; what is paid for, a month of the year or what follows paying is no
wait."""
import pytest

from advisor.accounts.paywait import longest_wait_days


@pytest.mark.parametrize("text, days", [
    ("县一中新校区空调及电教设备(学校付款周期约 6-9 个月)", 270),
    ("The school pays in 6-9 months", 270),
    ("council settles 120 days after commissioning", 120),
    ("the council's terms are net 90", 90),
    ("回款要半年", 182),
    ("验收后九十天回款", 90),
    ("六个月后才付款", 180),
    ("the end customer has a 90-day payment term", 90),
    ("six months before they pay", 180),
    ("项目账期30天", 30),
    ("甲方賬期半年", 182),
    ("医院验收后回款，一般要六个月", 180),   # across a full-width comma the wait still follows its payment word
])
def test_a_wait_is_read(text, days):
    assert longest_wait_days(text) == days


@pytest.mark.parametrize("text", [
    "they pay for 12 months of support",          # a span of service paid for, no wait
    "12-month warranty and payment on delivery",  # the warranty is not the payment
    "3月付款",                                     # March, not three months
    "付款后3个月内发货",                             # what comes after paying
    "垫个三四百万问题不大",                           # money, no period
    "payment on delivery",
    # how long they have paid on time is no wait (issue 23, session 5: a six-year dealer who "一直按时回款" read as a
    # 2,190-day wait made his subsidy sign-up a project to finance); a full-width comma ends the clause too
    "合作六年，一直按时回款，没有投诉",
    "合作六年一直按时回款",
    "做了三年，每月準時結款",
    "they have paid on time every month for three years",
    "three years with us and they always pay promptly",
])
def test_no_wait_is_read(text):
    assert longest_wait_days(text) is None


def test_the_longest_of_several_texts():
    assert longest_wait_days(None, "the hospital pays 180 days after acceptance", "the school pays in 3 months") == 180


# session 15: the account is our buyer, and a buyer's terms are what its seller grants it — terms with no one else named
# who pays at their end, terms said to be kept or agreed, are the account's standing terms with us, not a project whose
# money someone must carry (v15's dealer "60-day terms, paid on time", v16's "payment terms 60 days agreed")
@pytest.mark.parametrize("text", [
    "Credit file: 75-day terms, always paid on time, limit USD 200k.",
    "They asked for payment terms of 90 days instead of 60.",
    "Net 90 with us since 2024; credit line reviewed yearly.",
    "Terms agreed at the meeting: 120 days from invoice.",
    "月结90天，合作五年从没拖过。",
    "他们要求账期延长到120天。",
    "賬期九十天已經談妥,信用額度兩百萬。",
])
def test_the_accounts_own_terms_with_us_are_no_wait(text):
    assert longest_wait_days(text) is None


@pytest.mark.parametrize("text, days", [
    ("The dealer has 60-day terms with us, but the school pays him only 9 months after handover.", 270),
    ("Our terms are net 30; the council settles 120 days after commissioning.", 120),
    ("月结30天没问题，但医院验收后要半年才回款。", 182),
    ("学校付款周期九个月，他们跟我们一直按时结账。", 270),
])
def test_a_third_payers_wait_beside_standing_terms_is_still_read(text, days):
    assert longest_wait_days(text) == days



# session 16: a period a seller grants the buyer — us or a rival — is the buyer's time to pay its supplier, the same
# kind of terms, not a wait for someone else's money; and a four-digit number before 年 is a calendar year
@pytest.mark.parametrize("text", [
    "The other brand gives me 60 days to pay, you want 30.",
    "Their Turkish supplier offers them up to 90 days to settle.",
    "Brand K grants the dealer 120 days to pay its invoices.",
    "竞品给我们两个月付款，你们只给一个月。",
    "别家允许他九十天后结款。",
    "B牌给经销商最多120天回款期。",
    "对公结算户，2018年开户。",
])
def test_a_sellers_grant_and_a_calendar_year_are_no_wait(text):
    assert longest_wait_days(text) is None


@pytest.mark.parametrize("text, days", [
    ("The hospital pays 180 days after acceptance, though Brand K gives the dealer 30 days to pay.", 180),
    ("The developer pays the balance 75 days after each progress claim.", 75),
    ("学校验收后九个月才付款，对手给他们60天付款。", 270),
    ("业主付款要等四个月。", 120),
])
def test_a_wait_for_someone_elses_money_beside_a_grant_is_still_read(text, days):
    assert longest_wait_days(text) == days
