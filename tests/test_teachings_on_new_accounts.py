"""Issue 23's teachings on accounts nobody here wrote (session 10): the general readings that let each teaching land
where a dev account's writer put it — built in memory, our own wording, en, zh and traditional zh.

- A demand the rep could not grant on the spot and promised to answer later ("I'll get back to you after talking to
  head office", "回公司请示后答复") is deferred, not answered: the rule answering the demand is what the reply says — one
  action, at the promise's place and date (topic ``answer``; rules/core/territory.yaml).
- A dealer's tender is its end customer's, bid with our goods: no "our business is out to tender, defend it"
  (core.keep.defend-the-renewal-tender) at a dealer or distributor.
- While a deal the dealer would carry is unchecked (its money, its main brand's contract), no window of the account is
  taken before its date (a tender closing Friday has the rep price the project first): the check comes first, the
  opening waits its turn (opening.money_check_first).
"""
from __future__ import annotations

import pytest

from .test_teaching_done_means import _advise, _behind


def _dealer(name: str, boss: str, demand: str, next_step: str, **extra) -> dict:
    return {"name": name, "customer_type": "dealer", "stage": "propose",
            "sales": {"last_12m": 420000, "prior_12m": 380000, "last_order": "2026-11-02"},
            "contacts": [{"name": boss, "title": "Owner", "roles": ["decider"], "is_boss": True, "met": True}],
            "visits": [{"date": "2026-11-12", "contact": boss, "minutes": 60, "outcome": "neutral",
                        "next_step": next_step}],
            "objections": [{"contact": boss, "date": "2026-11-12", "text": demand}],
            "opportunities": [{"name": "2027 season order", "amount": 300000, "stage": "propose"}], **extra}


# the promise defers the demand in three wordings: a reply after checking with our side, a question taken back to the
# manager, a date to come back by — none of them names "exclusivity" in the vocabulary's own words
DEFERRED = [
    _dealer("Lakeside Marine Supply", "Dana Holt",
            "Make us the only stockist for the whole lake district or we push the other brand.",
            "Get back to Dana on her stockist question after the regional review, by 20 Nov"),
    _dealer("永丰建材", "邓老板", "要我们主推你们的瓷砖,全市就只能我们一家做,要独家。",
            "回公司请示领导后,11月25日前答复邓老板"),
    _dealer("新竹 嘉禾水電行", "陳老闆", "你們要我主推,新竹縣市就給我獨家代理,不然別家一直殺價。",
            "先問主管區域的事,下週一前回覆陳老闆"),
]


@pytest.mark.parametrize("data", DEFERRED, ids=["en", "zh", "zh-Hant"])
def test_a_demand_deferred_by_a_promise_is_answered_in_the_reply(advisor, data):
    actions = _advise(advisor, data).actions
    first = actions[0]
    assert "core.objection.exclusivity-territory" in _behind(first)  # the answer, not a bare follow-up script
    assert first.promise_key  # … keeping the promise: one action, at its date
    assert first.serves == "unblock"
    lang = "en" if data["name"].isascii() else "zh"
    assert ("territory" in first.what["en"]) and ("区域" in first.what["zh"])
    assert sum("core.objection.exclusivity-territory" in _behind(a) for a in actions) == 1, lang


def test_a_promise_about_something_else_keeps_its_own_words(advisor):
    """A promise to the same dealer that owes no answer (a sample to deliver) is not the reply to his demand."""
    data = _dealer("Lakeside Marine Supply", "Dana Holt",
                   "Make us the only stockist for the whole lake district or we push the other brand.",
                   "Drop off the new fender samples at Dana's yard by 20 Nov")
    actions = _advise(advisor, data).actions
    kept = next(a for a in actions if a.promise_key)
    assert "core.objection.exclusivity-territory" not in _behind(kept)


# a dealer bids its own customer's tender with our goods: three wordings of such a tender, en, zh, zh-Hant
DEALER_TENDERS = [
    ("Riverside Medical Supplies", "County hospital tender for 300 ward beds (bid due March)"),
    ("华东教学设备", "市一中 课桌椅 招标(明年3月开标)"),
    ("台南 永安醫材行", "市立醫院 病床 招標案"),
]


def _tender_account(name: str, deal: str, customer_type: str) -> dict:
    return {"name": name, "customer_type": customer_type, "buying_pattern": "repeat", "stage": "propose",
            "sales": {"last_12m": 500000, "prior_12m": 480000, "last_order": "2026-11-01"},
            "contacts": [{"name": "Alex Wong", "roles": ["decider"], "is_boss": True, "met": True}],
            "opportunities": [{"name": deal, "amount": 800000, "stage": "propose"}]}


@pytest.mark.parametrize("name, deal", DEALER_TENDERS, ids=["en", "zh", "zh-Hant"])
def test_a_dealers_tender_is_its_customers_not_ours_to_defend(advisor, name, deal):
    dealer = [a for a in _advise(advisor, _tender_account(name, deal, "dealer")).actions]
    assert not any("core.keep.defend-the-renewal-tender" in _behind(a) for a in dealer)
    assert any("core.buying.work-the-tender" in _behind(a) for a in dealer)  # the bid is still worked with him
    # the same tender at an end customer that buys from us routinely is our business out to tender
    end = _advise(advisor, _tender_account(name, deal, "end_customer")).actions
    assert any("core.keep.defend-the-renewal-tender" in _behind(a) for a in end)


# --- an exclusivity demand in words no phrase list holds (advisor/accounts/exclusivity.py reader) --------------------
@pytest.fixture(scope="module")
def vocabulary():
    from advisor.language.pack import load_packs

    from .conftest import RULES
    return load_packs(["core"], RULES).fact_options()["vocabulary"]


@pytest.mark.parametrize("text", [
    "Make us the only stockist for the whole lake district or we push the other brand.",
    "We want to be your sole authorised agent north of the river.",
    "If we're going to carry the range, we have to be the one and only dealer in town.",
    "全市只能我们一家做,别人不能拿货。",
    "要我们主推,这个区就只给我们一家经销。",
    "要我主推,台中只能我們一家賣,不然免談。",
])
def test_a_dealer_names_the_demand_in_words_of_its_own(vocabulary, text):
    from advisor.accounts.exclusivity import reader
    assert reader(vocabulary, dealer=True)(text)


@pytest.mark.parametrize("text", [
    "We are not the only stockist in the valley, you know.",
    "我们只做代理,不做零售。",
    "你們是唯一準時交貨的供應商。",
])
def test_words_that_tell_what_a_dealer_is_are_no_demand(vocabulary, text):
    from advisor.accounts.exclusivity import reader
    assert not reader(vocabulary, dealer=True)(text)


def test_at_an_end_customer_only_the_phrases_count(vocabulary):
    """"You are the only distributor we use" speaks of the supplier it buys from: no demand for a territory."""
    from advisor.accounts.exclusivity import reader
    assert not reader(vocabulary, dealer=False)("You are the only distributor we use for seals.")
    assert reader(vocabulary, dealer=True)("Make us the only stockist for the whole lake district.")


# --- a dealer's financed project: the money and the brand contract before the deal's own window ----------------------
def _financed(name: str, boss: str, buyer: str, note: str, deal: str) -> dict:
    return {"name": name, "customer_type": "dealer", "stage": "propose",
            "sales": {"last_12m": 150000, "prior_12m": 120000, "last_order": "2026-10-20"},
            "contacts": [{"name": boss, "title": "Owner", "roles": ["decider"], "is_boss": True, "met": True},
                         {"name": buyer, "title": "Tenders", "roles": ["influencer"], "met": True}],
            "visits": [{"date": "2026-11-18", "contact": buyer, "minutes": 40, "outcome": "positive", "note": note}],
            "notes": note, "opportunities": [{"name": deal, "amount": 900000, "stage": "propose", "quoted": False}]}


FINANCED = [
    _financed("Harbour Office Systems", "Ruth Kamau", "Leo Otieno",
              "Bids for the port authority's 400 desktops must be in by 27 Nov; the authority pays 120 days after "
              "delivery, so Harbour would have to pre-finance the lot.", "Port authority desktops"),
    _financed("恒通机电", "徐总", "小周", "县医院空调项目11月27日前要交投标文件,医院验收后半年才付款,恒通要垫资。",
              "县医院 空调 项目"),
    _financed("台南 永盛電腦", "林董", "阿哲", "市公所電腦標案11月27日前要投標,驗收後一百二十天才付款,永盛要先墊資。",
              "市公所 電腦 標案"),
]


@pytest.mark.parametrize("data", FINANCED, ids=["en", "zh", "zh-Hant"])
def test_the_money_check_comes_before_the_deals_window(advisor, data):
    actions = _advise(advisor, data).actions
    assert actions[0].rule == "core.dealer.check-money-and-contract"
    # the tender's own window (closing in four days) waits its turn: on the list as an opening to plan, not one to take
    # before its date (which would price the project first)
    rules = [a.rule for a in actions]
    assert "core.openings.window-closing" not in rules and "core.openings.pursue" in rules


@pytest.mark.parametrize("data", FINANCED, ids=["en", "zh", "zh-Hant"])
def test_with_the_money_checked_the_window_is_taken(advisor, data):
    checked = {**data, "dealer": {"financing_checked": True, "brand_contract_checked": True}}
    assert _advise(advisor, checked).actions[0].rule == "core.openings.window-closing"


# --- seeing it made the condition of going on: a proof request (objection.proof_condition) ---------------------------
@pytest.fixture(scope="module")
def proof_condition(vocabulary):
    from advisor.accounts.objectionguards import proof_condition_finder
    return proof_condition_finder(vocabulary)


@pytest.mark.parametrize("text", [
    "Nice slides. Show me one of these lines running in a plant our size and we talk.",
    "I need to see it working at a brewery like ours before we sign anything.",
    "Take us to see a yard that uses your cranes, then we'll talk.",
    "先带我们去看一家用你们设备的同行,看完再谈。",
    "要让我亲眼看到别的医院用得好,我才信。",
    "你帶我去睇下邊間舖賣緊你哋啲嘢,我先信。",
])
def test_seeing_it_first_is_a_proof_request(proof_condition, text):
    assert proof_condition(text) is not None


@pytest.mark.parametrize("text", [
    "Let me see what the board says and we'll talk next month.",   # a stall: nothing to see
    "Show me your best price and we talk.",                        # the price, not proof
    "看到你们的报价再说。",                                          # the quote, not proof
    "看看再说吧。",                                                  # a stall
    "我們要看到預算批下來再決定。",                                   # the budget, not proof
])
def test_a_stall_or_a_price_to_see_is_no_proof_request(proof_condition, text):
    assert proof_condition(text) is None


def _proof_account(name: str, boss: str, text: str, consent: bool = True) -> dict:
    return {"name": name, "customer_type": "end_customer", "stage": "open",
            "contacts": [{"name": boss, "title": "Owner", "roles": ["decider"], "is_boss": True, "met": True},
                         {"name": "Sam Lee", "title": "Plant manager", "roles": ["expert", "user"], "met": True}],
            "objections": [{"contact": boss, "date": "2026-11-18", "text": text}],
            "references": [{"name": "Northfield Foods", "similar": True, "consent": consent,
                            "figures": "two lines since 2025; yield up 2.1 points; payback 14 months"}],
            "opportunities": [{"name": "Line automation", "amount": 900000, "stage": "open", "quoted": False}],
            "notes": "The needs are not clear yet: volumes and the timeline were not discussed."}


PROOF = [
    _proof_account("Bayside Seafood", "Mr Ortega", "Show me one of these lines running in a plant our size and we talk."),
    _proof_account("海丰食品", "郑总", "先带我们去看一家用你们设备的同行,看完再谈。"),
    _proof_account("台中 大成食品", "吳董", "你帶我去睇下邊間廠用緊你哋部機,我先信。", consent=False),
]


@pytest.mark.parametrize("data", PROOF, ids=["en", "zh", "zh-Hant"])
def test_a_buyer_who_must_see_it_first_gets_the_reference(advisor, data):
    actions = _advise(advisor, data).actions
    assert actions[0].rule.startswith("core.objection.trust-prove-with-reference")
    assert "core.objection.price-probe" not in {a.rule for a in actions[:5]}
    # the needs questions wait for the proof he asked for
    assert "core.steps.needs-before-proposal" not in {a.rule for a in actions}


# --- a state buyer's supplier gate is a step of its buying path --------------------------------------------------------
def _gate_account(name: str, ownership: str, note: str) -> dict:
    return {"name": name, "ownership": ownership, "buying_pattern": "project", "stage": "needs",
            "contacts": [{"name": "Ma Li", "roles": ["purchaser"], "met": True},
                         {"name": "Zhou Wei", "roles": ["expert"], "met": True}],
            "visits": [{"date": "2026-11-16", "contact": "Ma Li", "minutes": 30, "outcome": "neutral", "note": note}],
            "opportunities": [{"name": "Phase 2 monitoring", "amount": 3000000, "stage": "needs"}]}


GATES = [
    ("State Water Corporation", "Procurement says the approved vendor list closes for new applications on 10 Dec."),
    ("省交投集团 二期指挥部", "马经理说集团合格供应商名录12月10日前要交入库申请,没入库的二期不能参加。"),
    ("台灣自來水 第三區處", "採購說合格供應商名錄12月10日前要申請入庫,沒入庫的二期不能參加。"),
]


@pytest.mark.parametrize("name, note", GATES, ids=["en", "zh", "zh-Hant"])
def test_a_state_buyers_supplier_gate_is_mapped_with_its_path(advisor, name, note):
    state = _advise(advisor, _gate_account(name, "state_owned", note)).actions
    assert state[0].rule == "core.buying.map-state-path-before-the-gate" and state[0].serves == "unblock"
    # one action: the gate and the path merged into it
    assert {"core.openings.meet-the-deadline", "core.buying.map-state-buying-path"} <= set(state[0].merged_rules)
    private = _advise(advisor, _gate_account(name, "private", note)).actions
    assert private[0].rule == "core.openings.meet-the-deadline"


@pytest.mark.parametrize("deal", ["RFB 221 - 30 ambulances", "Invitation for Bids: 120 hospital beds",
                                  "Request for bids, depot lighting upgrade"])
def test_a_request_for_bids_is_a_tender(advisor, deal):
    """A published request for bids (RFB, IFB) has its buying path laid down: it is worked as a tender, not mapped."""
    data = {**_gate_account("State Water Corporation", "state_owned", "Procurement is slow this year."),
            "opportunities": [{"name": deal, "amount": 800000, "stage": "propose"}]}
    opportunity = next(f for f in _advise(advisor, data).facts if f["kind"] == "opportunity")
    assert opportunity["tender"] is True
