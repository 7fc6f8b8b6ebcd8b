"""The payment wait read in the account's words (advisor/accounts/paywait.py): a period beside a payment word, in
English or Chinese, the longer end of a range; what is paid for, a month of the year or what follows paying is no
wait."""
import pytest

from advisor.accounts.paywait import longest_wait_days


@pytest.mark.parametrize("text, days", [
    ("县一中新校区空调及电教设备(学校付款周期约 6-9 个月)", 270),
    ("The school pays in 6-9 months", 270),
    ("council settles 120 days after commissioning", 120),
    ("net 90 terms", 90),
    ("回款要半年", 182),
    ("賬期半年", 182),
    ("验收后九十天回款", 90),
    ("六个月后才付款", 180),
    ("a 90-day payment term", 90),
    ("six months before they pay", 180),
    ("账期30天", 30),
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
    assert longest_wait_days(None, "net 30", "the hospital pays 180 days after acceptance") == 180

