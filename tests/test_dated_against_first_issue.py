"""A dated step against the account's own first issue (session 15, issues 22 and 23).

A date on the list — a next step we wrote down, a deadline the customer named — outranks the account's own first issue
only where a coach would let it:

- accounts/exclusivity.py mark_promises: a promise to a dealer whose words name the exclusivity he demanded ("answer
  him on exclusivity before the fair", "春节前给他区域独家的答复") is that answer, deferred: it is kept as one action with
  the rule saying what the answer must be (which term, why, tied to targets, cleared with management), at the
  promise's place — not a bare "go back with what was agreed" above the demand it leaves open.
- accounts/openings.py _conditions_first: a deadline the customer set after putting a condition on the decision (a
  demand for exclusivity, a term), the condition still open, is when he expects the answer: the answer ranks first
  and the deadline waits beside the opportunities (core.openings.deadline-behind-a-condition), saying so.
- accounts/losscause.py mark_complaints: a complaint nobody answered, then a deal of the account lost, is the loss's
  first suspect: the complaint's answer goes to the one who complained and asks what the loss was about
  (core.objection.complaint-before-a-loss).

Accounts in wording of our own, built in memory; facts through enrich, three end-to-end runs on the session advisor."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.language.pack import load_packs

from .conftest import AS_OF, RULES


@pytest.fixture(scope="module")
def vocabulary():
    return load_packs(["core"], RULES).fact_options()["vocabulary"]


OWNER, BUYER = "Dario Russo", "Mia Cole"


def _dealer(objections: list[dict], visits: list[dict], **more) -> Account:
    return Account.model_validate({
        "name": "Lakeside Outdoor", "stage": "propose", "customer_type": "dealer",
        "sales": {"last_12m": 300000, "prior_12m": 250000, "last_order": "2026-10-01"},
        "contacts": [{"name": OWNER, "title": "owner", "roles": ["decider"], "met": True, "is_boss": True},
                     {"name": BUYER, "title": "buyer", "roles": ["purchaser"], "met": True}],
        "opportunities": [{"name": "2027 range", "amount": 120000, "stage": "propose", "quoted": True}],
        "objections": objections, "visits": visits, **more})


def _visit(step: str = "", note: str = "range review", who: str = OWNER, day: str = "2026-11-19") -> dict:
    return {"date": day, "contact": who, "minutes": 40, "outcome": "neutral", "note": note,
            **({"next_step": step} if step else {})}


DEMANDS = {"en": "Make us the sole dealer for the whole lake district, or we stay with the other brand.",
           "zh": "要我们主推你们,就得给我们全县独家代理。"}


def _of(facts: list[dict], kind: str) -> list[dict]:
    return [f for f in facts if f["kind"] == kind]


# --- a promise naming the demand is its answer, deferred -------------------------------------------------------------

@pytest.mark.parametrize("lang, step", [
    ("en", "Answer Dario on exclusivity before the spring fair"),
    ("en", "Tell Dario where we stand on the exclusive territory after the sales meeting"),
    ("en", "Sole dealer question: decision to Dario by 30 Nov"),
    ("zh", "春节前给老板区域独家的答复"),
    ("zh", "独家代理的事,月底前定下来告诉他"),
    ("zh", "下周把全县独家的意见带给老板"),
])
def test_a_promise_naming_the_exclusivity_demand_is_its_answer(vocabulary, lang, step):
    facts = enrich(_dealer([{"contact": OWNER, "text": DEMANDS[lang], "date": "2026-11-19"}], [_visit(step)]),
                   AS_OF, vocabulary=vocabulary)
    [promise] = _of(facts, "promise")
    assert "answer" in promise["topics"]


@pytest.mark.parametrize("lang, step, who, demand", [
    ("en", "Send Dario the 2027 price list by Friday", OWNER, True),          # owed to him, but not the answer
    ("en", "Answer Mia on exclusivity before the fair", BUYER, True),          # she demanded nothing
    ("en", "Answer Dario on exclusivity before the fair", OWNER, False),       # nobody demanded it
    ("zh", "周五前把明年价格表发给老板", OWNER, True),
    ("zh", "月底前跟采购讲区域独家的事", BUYER, True),
    ("zh", "月底前把区域独家的事定下来告诉老板", OWNER, False),
])
def test_a_promise_is_no_such_answer_without_the_demand_or_its_words(vocabulary, lang, step, who, demand):
    said = DEMANDS[lang] if demand else ("Your delivery dates keep slipping." if lang == "en" else "你们交货老是拖。")
    facts = enrich(_dealer([{"contact": OWNER, "text": said, "date": "2026-11-19"}], [_visit(step, who=who)]),
                   AS_OF, vocabulary=vocabulary)
    [promise] = _of(facts, "promise")
    assert "answer" not in promise["topics"]


@pytest.mark.parametrize("lang, step", [("en", "Answer Dario on exclusivity before the spring fair"),
                                        ("zh", "独家代理的事,月底前定下来告诉他")])
def test_the_promised_answer_leads_in_the_answer_s_words(advisor, lang, step):
    advice = advisor.advise(_dealer([{"contact": OWNER, "text": DEMANDS[lang], "date": "2026-11-19"}], [_visit(step)]),
                            as_of=AS_OF)
    first = advice.actions[0]
    assert first.contact == OWNER
    assert {"core.visits.follow-up-script", "core.objection.exclusivity-territory"} <= set(first.merged_rules)
    assert ("territory protection" in first.what["en"]) and ("区域保护" in first.what["zh"])
    assert first.serves == "unblock"
    # the promise defers the demand, it does not lower it: the one action ranks where the demand does, and says so
    assert first.level == "fix_problem" and "exclusivity demand" in first.above_next["en"]


# --- a deadline set after a condition on the decision waits on the condition's answer -------------------------------

@pytest.mark.parametrize("note, demand", [
    ("Dario: the order deadline for spring is 10 Dec.", DEMANDS["en"]),
    ("Dario said the season order closes on 8 December.", "I want exclusive rights for the valley before I put money into stock."),
    ("Dario: spring pre-order window closes 6 Dec, after that the allocation goes elsewhere.",
     "Unless the valley is our protected territory, I won't commit to the pre-order."),
    ("老板说春季订货截止是12月10日。", DEMANDS["zh"]),
    ("他说12月8日前交订金才能锁定档期。", "全市只能我们一家做,不然我不压货。"),
    ("老板说订货会12月6日截单。", "区域保护不给,明年我就主推别家。"),
])
def test_a_deadline_after_a_condition_waits_for_its_answer(vocabulary, note, demand):
    facts = enrich(_dealer([{"contact": OWNER, "text": demand, "date": "2026-11-19"}], [_visit(note=note)]),
                   AS_OF, vocabulary=vocabulary)
    [deadline] = [f for f in _of(facts, "opening") if f["type"] == "deadline"]
    assert deadline["condition_first"] == demand


@pytest.mark.parametrize("note, demand, by, day, answered", [
    ("Dario: the order deadline for spring is 10 Dec.", DEMANDS["en"], BUYER, "2026-11-19", False),  # someone else's
    ("Dario said the season order closes on 8 December.", DEMANDS["en"], OWNER, "2026-11-21", False),  # raised after
    ("Dario: the order deadline for spring is 10 Dec.", DEMANDS["en"], OWNER, "2026-11-19", True),  # answered
    ("老板说春季订货截止是12月10日。", DEMANDS["zh"], BUYER, "2026-11-19", False),
    ("他说12月8日前交订金才能锁定档期。", DEMANDS["zh"], OWNER, "2026-11-21", False),
    ("老板说订货会12月6日截单。", "你们的包装太土了,顾客不爱拿。", OWNER, "2026-11-19", False),  # no condition
])
def test_a_deadline_stays_a_gate_without_an_open_condition_of_its_own(vocabulary, note, demand, by, day, answered):
    facts = enrich(_dealer([{"contact": by, "text": demand, "date": day, "answered": answered}], [_visit(note=note)]),
                   AS_OF, vocabulary=vocabulary)
    [deadline] = [f for f in _of(facts, "opening") if f["type"] == "deadline"]
    assert "condition_first" not in deadline


def test_a_terms_condition_holds_the_deadline_too(vocabulary):
    facts = enrich(_dealer([{"contact": OWNER, "text": "90 days or no order.", "date": "2026-11-19"}],
                           [_visit(note="Dario: the order deadline for spring is 10 Dec.")]),
                   AS_OF, [(["terms"], "test", {})], vocabulary=vocabulary)
    [deadline] = [f for f in _of(facts, "opening") if f["type"] == "deadline"]
    assert deadline["condition_first"] == "90 days or no order."


def test_the_condition_s_answer_ranks_above_its_deadline_and_says_why(advisor):
    advice = advisor.advise(_dealer([{"contact": OWNER, "text": DEMANDS["en"], "date": "2026-11-19"}],
                                    [_visit(note="Dario: the order deadline for spring is 10 Dec.")]), as_of=AS_OF)
    rules = [a.rule for a in advice.actions]
    assert "core.openings.meet-the-deadline" not in rules
    answer, deadline = (rules.index("core.objection.exclusivity-territory"),
                        rules.index("core.openings.deadline-behind-a-condition"))
    assert answer == 0 and deadline < 5
    assert "exclusivity demand" in advice.actions[0].above_next["en"]
    assert DEMANDS["en"] in advice.actions[deadline].what["en"]


# --- a complaint never answered, then a loss -------------------------------------------------------------------------

def _lost_after(complaint: str, who: str, said: str, lost_on: str = "2026-10-30", answered: bool = False) -> Account:
    return Account.model_validate({
        "name": "Northfield Foods", "stage": "maintain",
        "sales": {"last_12m": 80000, "prior_12m": 400000, "last_order": "2026-06-01"},
        "contacts": [{"name": "Ruth Hale", "title": "plant manager", "roles": ["user", "influencer"], "met": True},
                     {"name": "Tom Price", "title": "buyer", "roles": ["purchaser"], "met": True},
                     {"name": "Ann Ivers", "title": "CEO", "roles": ["decider"], "met": True}],
        "deals": [{"name": "line 2 packers", "status": "lost", "amount": 300000, "closed": lost_on,
                   "competitor": "Packwell", "loss_reason": "price"}],
        "objections": [{"contact": who, "text": complaint, "date": said, "answered": answered}]})


COMPLAINTS = [
    ("Your technician came four days after the line stopped; we threw away a whole shift of product.", "Ruth Hale"),
    ("Three service calls this spring and the sealer still jams every morning.", "Ruth Hale"),
    ("The spare parts you promised in March never arrived, we had to borrow from another plant.", "Tom Price"),
    ("设备坏了你们三天才来人,整条线停着,一天损失多少你知道吗?", "Ruth Hale"),
    ("今年报修了三次,封口机每天早上还是卡。", "Ruth Hale"),
    ("三月答应的备件到现在没到,我们只好找兄弟厂借。", "Tom Price"),
]


@pytest.mark.parametrize("complaint, who", COMPLAINTS)
def test_a_complaint_never_answered_is_the_first_suspect_for_a_later_loss(vocabulary, complaint, who):
    facts = enrich(_lost_after(complaint, who, "2026-07-02"), AS_OF, [(["service"], "test", {})], vocabulary=vocabulary)
    [o] = _of(facts, "objection")
    assert o["lost_since"] == "line 2 packers"
    assert "Packwell" in o["lost_since_en"] and "Packwell" in o["lost_since_zh"]


@pytest.mark.parametrize("complaint, who", COMPLAINTS)
@pytest.mark.parametrize("said, lost_on, answered", [("2026-11-10", "2026-10-30", False),   # the loss came first
                                                     ("2026-07-02", "2026-10-30", True),    # answered: history
                                                     ("2025-03-01", "2025-04-01", False)])  # over a year ago
def test_no_suspect_when_the_loss_came_first_the_complaint_was_answered_or_it_is_old(vocabulary, complaint, who,
                                                                                     said, lost_on, answered):
    facts = enrich(_lost_after(complaint, who, said, lost_on, answered), AS_OF, [(["service"], "test", {})],
                   vocabulary=vocabulary)
    [o] = _of(facts, "objection")
    assert "lost_since" not in o


def test_the_complaint_s_answer_asks_the_one_who_complained_about_the_loss(advisor):
    complaint, who = COMPLAINTS[3]
    advice = advisor.advise(_lost_after(complaint, who, "2026-07-02"), as_of=AS_OF)
    first = advice.actions[0]
    assert first.rule == "core.objection.complaint-before-a-loss" and first.contact == who
    assert "丢单" in first.what["zh"] and "the deal went" in first.what["en"]


# --- a customer's step is late only against a date the customer gave ------------------------------------------------

def _waiting(step: str, made: str = "2026-10-26") -> Account:
    return Account.model_validate({
        "name": "Fjordline Shipping", "stage": "close",
        "contacts": [{"name": "Ola Berg", "title": "buyer", "roles": ["purchaser"], "met": True},
                     {"name": "Siri Dahl", "title": "technical superintendent", "roles": ["influencer", "expert"],
                      "met": True},
                     {"name": "Eva Lund", "title": "CFO", "roles": ["decider"], "is_boss": True, "met": False}],
        "opportunities": [{"name": "four-ship retrofit", "amount": 900000, "stage": "close", "quoted": True,
                           "cooperation_agreed": True}],
        "deals": [{"name": "first retrofit", "status": "won", "amount": 200000, "closed": "2025-05-01"}],
        "visits": [{"date": made, "contact": "Ola Berg", "minutes": 30, "outcome": "positive", "next_step": step}],
        "objections": [{"contact": "Siri Dahl", "date": made,
                        "text": "Technically fine, but Eva signs anything this size and she has not seen a figure yet."}]})


UNDATED = ["Ola to send the purchase order template", "Ola will send over the yard schedule", "Ola to get the PO raised",
           "Ola 发采购订单模板过来", "Ola 把船厂排期表发给我们", "Ola 那边走采购订单流程"]
DATED = ["Ola to send the purchase order template by 18 Nov", "Ola will send over the yard schedule by 16 Nov",
         "Ola to get the PO raised by 17 Nov", "Ola 11月18日前发采购订单模板过来", "Ola 11月16日前把船厂排期表发给我们",
         "Ola 11月17日前走完采购订单流程"]


@pytest.mark.parametrize("step, undated", [(s, True) for s in UNDATED] + [(s, False) for s in DATED])
def test_a_customer_step_carries_whether_its_date_is_theirs(vocabulary, step, undated):
    [promise] = _of(enrich(_waiting(step), AS_OF, vocabulary=vocabulary), "promise")
    assert promise["by"] == "customer" and promise["days_overdue"] > 0
    assert promise["due_assumed"] is undated


@pytest.mark.parametrize("step, undated", [(UNDATED[0], True), (UNDATED[3], True), (DATED[0], False), (DATED[3], False)])
def test_a_late_customer_step_leads_only_against_its_own_date(advisor, step, undated):
    rules = [a.rule for a in advisor.advise(_waiting(step), as_of=AS_OF).actions]
    if undated:
        assert "core.promises.customer-commitment" not in rules
        assert rules[0] != "core.promises.customer-step-undated" and "core.promises.customer-step-undated" in rules[:5]
    else:
        assert rules[0] == "core.promises.customer-commitment"
        assert "core.promises.customer-step-undated" not in rules
