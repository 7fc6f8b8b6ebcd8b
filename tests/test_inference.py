"""The customer type and buying pattern inferred where the rep left them out and the facts show them,
and the tenders read from a deal's own words (issue 23; accounts/inference.py, accounts/tenders.py)."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.accounts.wordlists import matcher
from advisor.language.pack import load_packs
from advisor.output import explain

from .conftest import AS_OF, RULES

# the words are the core pack's (vocabulary: in rules/core/pack.yaml), as the advisor passes them
VOCABULARY = load_packs(["core"], RULES).fact_options()["vocabulary"]
reads_as_tender = matcher(VOCABULARY, "tender")


def _account_fact(data, usual=None):
    facts = enrich(Account.model_validate({"name": "Acme", **data}), AS_OF, usual_customer_type=usual,
                   vocabulary=VOCABULARY)
    return next(f for f in facts if f["kind"] == "account"), facts


@pytest.mark.parametrize("data,usual,expected", [
    ({"dealer": {"main_brand": "A"}}, None, ("dealer", "inferred", "dealer_section")),
    ({}, "end_customer", ("end_customer", "inferred", "industry_pack")),
    ({"ownership": "public_institution"}, None, ("end_customer", "inferred", "public_institution")),
    # a dealer: section is the account's own word; the pack's usual customer only fills a gap
    ({"dealer": {"main_brand": "A"}}, "end_customer", ("dealer", "inferred", "dealer_section")),
])
def test_customer_type_is_inferred_where_the_facts_show_it(data, usual, expected):
    a, _ = _account_fact(data, usual)
    assert (a["customer_type"], a["customer_type_source"], a["customer_type_basis"]) == expected


def test_what_the_rep_wrote_is_never_overridden():
    a, _ = _account_fact({"customer_type": "integrator", "buying_pattern": "repeat", "dealer": {"main_brand": "A"},
                          "opportunities": [{"name": "City tender 2027"}]}, usual="dealer")
    assert (a["customer_type"], a["customer_type_source"]) == ("integrator", "stated")
    assert (a["buying_pattern"], a["buying_pattern_source"]) == ("repeat", "stated")
    assert "customer_type_basis" not in a and "buying_pattern_basis" not in a


def test_nothing_is_inferred_without_evidence():
    a, _ = _account_fact({"ownership": "private", "opportunities": [{"name": "Line 2 retrofit"}]}, usual="")
    assert "customer_type" not in a and "customer_type_source" not in a
    assert "buying_pattern" not in a and a["open_tender_count"] == 0


def test_an_open_tender_makes_a_project_buyer_and_a_closed_one_does_not():
    a, facts = _account_fact({"opportunities": [{"name": "CT招标", "amount": 1}, {"name": "Service", "won": True}],
                              "deals": [{"name": "Ultrasound", "status": "won"},
                                        {"name": "Depot CCTV", "status": "open", "note": "public bid, RFP 114"}]})
    assert (a["buying_pattern"], a["buying_pattern_source"], a["buying_pattern_basis"]) == ("project", "inferred", "open_tender")
    assert a["open_tender_count"] == 2
    tender = {f["id"]: f["tender"] for f in facts if f["kind"] in ("opportunity", "deal")}
    # deal:3 is the won opportunity, which the deal history lists too (history.deals_of)
    assert tender == {"opportunity:1": True, "opportunity:2": False, "deal:1": False, "deal:2": True, "deal:3": False}
    a, _ = _account_fact({"opportunities": [{"name": "CT招标", "won": False}]})
    assert "buying_pattern" not in a and a["open_tender_count"] == 0


@pytest.mark.parametrize("text,tender", [
    ("CT replacement tender, 2 x 128-slice", True), ("医共体便携彩超4台(公开招标)", True), ("RFQ-2026-88 pumps", True),
    ("門診樓空調 招標", True), ("比选:安防改造", True), ("Bid for depot works", True),
    ("Hall D modular UPS", False), ("Tenderloin restaurant fit-out", False), ("bidet range listing", False),
])
def test_tender_words(text, tender):
    assert reads_as_tender(text) is tender


def test_the_industry_pack_types_an_untyped_account_and_the_trace_says_so(advisor):
    """An enterprise-equipment account that does not say what it is: the pack's usual customer (an end
    customer) rules the dealer first-deal pitch out, and explain names the inference in both languages."""
    account = Account.model_validate({
        "name": "某商业银行", "industry": "enterprise-equipment", "stage": "open",
        "contacts": [{"name": "张主任", "roles": ["decider", "expert"], "met": True}],
        "opportunities": [{"name": "主机扩容", "amount": 3000000, "stage": "open"}]})
    advice = advisor.advise(account, as_of=AS_OF, trace=True)
    assert "core.dealer.lead-with-first-deal" not in {k[0] for k in advice.fired}
    packset = advisor.packset(account)
    doc = explain.document(advice, packset, "en")
    assert doc["inferred"] == [{"fact": "account.customer_type", "value": "end_customer", "basis": "industry_pack",
                                "because": {"en": "the industry pack's usual customer (parameter usual_customer_type)",
                                            "zh": "行业包的常见客户类型(参数 usual_customer_type)"}}]
    assert "account.customer_type = end_customer — the industry pack's usual customer" in explain.text(advice, packset, "en")
    assert "推断(客户档案中未写明)" in explain.text(advice, packset, "zh")
    # the same account with its type written: nothing inferred, nothing said
    typed = account.model_copy(update={"customer_type": "end_customer"})
    assert explain.document(advisor.advise(typed, as_of=AS_OF, trace=True), packset, "en")["inferred"] == []


def test_a_dealer_pack_account_gets_dealer_advice_without_saying_it_is_a_dealer(advisor):
    """A consumer-electronics dealer that does not record customer_type: the cooperation is agreed before the
    first quote (004 · 原则:先谈合作再报价), as for a dealer that says so."""
    data = {"name": "南华家电", "industry": "consumer-electronics-dealer", "stage": "open",
            "contacts": [{"name": "刘总", "roles": ["decider"], "is_boss": True, "met": True}],
            "opportunities": [{"name": "县医院空调工程", "amount": 400000, "stage": "open"}]}
    fired = {k[0] for k in advisor.advise(Account.model_validate(data), as_of=AS_OF).fired}
    assert "core.dealer.cooperation-before-first-quote" in fired
    data["customer_type"] = "end_customer"  # what the rep writes wins over the pack's usual customer
    fired = {k[0] for k in advisor.advise(Account.model_validate(data), as_of=AS_OF).fired}
    assert "core.dealer.cooperation-before-first-quote" not in fired


def test_contact_rhythm():
    _, facts = _account_fact({"contacts": [{"name": "王"}, {"name": "李"}],
                              "visits": [{"date": "2026-01-10", "contact": "王"}, {"date": "2026-05-10", "contact": "王"},
                                         {"date": "2026-09-07", "contact": "王"}, {"date": "2026-11-01", "contact": "李"}]})
    contacts = {f["name"]: f for f in facts if f["kind"] == "contact"}
    # 王: every 120 days, last seen 77 days before 23 Nov → 0.64 of the usual gap; 李: one visit, no rhythm yet
    assert contacts["王"]["visit_gap_ratio"] == pytest.approx(77 / 120, abs=0.01)
    assert "visit_gap_ratio" not in contacts["李"]
    assert AS_OF == dt.date(2026, 11, 23)
    # the account's rhythm: visit days 10 Jan, 10 May, 7 Sep, 1 Nov → gaps 120, 120, 55 → median 120
    assert contacts["王"]["account_visit_gap_ratio"] == pytest.approx(77 / 120, abs=0.01)
    assert contacts["李"]["account_visit_gap_ratio"] == pytest.approx(22 / 120, abs=0.01)


def test_account_rhythm_needs_three_visit_days():
    # with two visit days the one gap is the older contact's own silence: no rhythm to measure it against
    _, facts = _account_fact({"contacts": [{"name": "王"}, {"name": "李"}],
                              "visits": [{"date": "2026-03-11", "contact": "王"}, {"date": "2026-11-20", "contact": "李"}]})
    assert all("account_visit_gap_ratio" not in f for f in facts if f["kind"] == "contact")


@pytest.mark.parametrize("title,departed", [
    ("原销售副总裁(9月已离职)", True), ("Head of Purchasing (left the company in June)", True),
    ("CFO, retired 2025", True), ("前採購經理,已離職", True), ("Head of Purchasing", False), ("离职率分析主管", False),
])
def test_a_contact_whose_title_says_they_left(title, departed):
    _, facts = _account_fact({"contacts": [{"name": "A", "title": title}]})
    assert next(f for f in facts if f["kind"] == "contact")["departed"] is departed


@pytest.mark.parametrize("name,notes,expected", [
    # the customer's name: a state word anywhere in it, a public body by how the name ends
    ("PT Semen Nusantara (Persero)", None, ("state_owned", "name", "persero")),
    ("清河区教育局(区属中小学课桌椅更新项目)", None, ("public_institution", "name", "教育局")),
    ("江北市第二人民医院", None, ("public_institution", "name", "人民医院")),
    ("Leeds City Council", None, ("public_institution", "name", "city council")),
    ("Westbrook University", None, ("public_institution", "name", "university")),
    ("香港醫院管理局", None, ("public_institution", "name", "醫院管理局")),
    # the notes, when they point one way — en, simplified and traditional
    ("鲁化集团滨海石化有限公司", "省国资委下属,采购走集团集采。", ("state_owned", "notes", "国资委")),
    ("Kilang Refinery", "A state-owned refinery; capex goes through the board.", ("state_owned", "notes", "state-owned")),
    ("台北市立某院", "屬事業單位,年度預算制。", ("public_institution", "notes", "事業單位")),
    ("Wangji Foods", "家族企业,老板一人拍板。", ("private", "notes", "家族企业")),
    ("貴安數據中心", "外資背景,總部審批。", ("foreign", "notes", "外資")),
])
def test_ownership_is_read_from_the_name_or_the_notes(name, notes, expected):
    a, _ = _account_fact({"name": name, "notes": notes})
    assert (a["ownership"], a["ownership_basis"], a["ownership_evidence"]) == expected
    assert a["ownership_source"] == "inferred"


@pytest.mark.parametrize("name,notes", [
    # a bureau word inside a company's name is no bureau; a student union is no university; no words, no guess
    ("中建某局三公司 华南幕墙项目部", None), ("松江大学城某学院学生会", None), ("Smith Travel Agency", None),
    ("Acme Packaging", "They buy every quarter."),
    # notes that name two kinds speak of more than the customer (a state-owned rival beside a private buyer)
    ("Harbour Foods", "Family-owned; the rival supplier is state-owned."),
])
def test_ownership_is_not_guessed_without_one_clear_word(name, notes):
    a, _ = _account_fact({"name": name, "notes": notes})
    assert "ownership" not in a and "ownership_source" not in a


def test_stated_ownership_is_never_overridden_and_an_inferred_one_drives_the_rules(advisor):
    a, _ = _account_fact({"name": "清河区教育局", "ownership": "private"})
    assert (a["ownership"], a["ownership_source"]) == ("private", "stated") and "ownership_basis" not in a
    data = {"name": "清河区教育局", "stage": "needs", "buying_pattern": "project",
            "contacts": [{"name": "刘科长", "roles": ["purchaser"], "met": True}],
            "opportunities": [{"name": "课桌椅更新", "amount": 800000, "stage": "needs"}]}
    account = Account.model_validate(data)
    advice = advisor.advise(account, as_of=AS_OF, trace=True)
    assert "core.buying.map-state-buying-path" in {k[0] for k in advice.fired}
    doc = explain.document(advice, advisor.packset(account), "en")
    assert {"fact": "account.ownership", "value": "public_institution", "basis": "name",
            "because": {"en": "the customer's name says so: 教育局", "zh": "客户名称表明:教育局"}} in doc["inferred"]
    # a public institution buys for its own use: the customer type follows the inferred ownership
    assert {"fact": "account.customer_type", "value": "end_customer", "basis": "public_institution",
            "because": {"en": "a public institution buys for its own use", "zh": "事业单位为自用而采购"}} in doc["inferred"]
    stated = Account.model_validate({**data, "ownership": "private"})
    assert "core.buying.map-state-buying-path" not in {k[0] for k in advisor.advise(stated, as_of=AS_OF).fired}
