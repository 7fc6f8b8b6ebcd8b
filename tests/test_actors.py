"""Whose words, and which time (advisor/accounts/actors.py; issue 22, session 9): an opening, event or subsidy is the
customer's only when the customer acts in it; our own plan and a competitor's move are not; a deferral opens a window
later and never closes one now; an action about why the business moves goes to who decides. Every judgement in three
wordings of its own at least, English, simplified and traditional Chinese."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts import actors
from advisor.accounts.account import Account
from advisor.accounts.facts import enrich

AS_OF = dt.date(2026, 12, 4)


@pytest.fixture(scope="module")
def options(advisor):
    packset, _ = advisor.load(["core"])
    return packset.fact_options()


@pytest.fixture(scope="module")
def judge(advisor):
    packset, _ = advisor.load(["core"])
    return actors.judge(_account(), packset.fact_options()["vocabulary"])


def _account(notes=None, visits=(), contacts=None, competitors=(), **extra) -> Account:
    data = {"name": "Test Account", "stage": "maintain", "owner": "Sam Reid",
            "sales": {"last_12m": 500000, "prior_12m": 480000, "last_order": "2026-11-20"},
            "contacts": contacts or [{"name": "Ann Lee", "title": "Owner", "roles": ["decider"], "is_boss": True,
                                      "met": True}],
            "visits": list(visits), "competitors": [{"name": c} for c in competitors]}
    if notes:
        data["notes"] = notes
    data.update(extra)
    return Account.model_validate(data)


def _read(options, account: Account) -> tuple[list[dict], list[str]]:
    facts = enrich(account, AS_OF, **options)
    acc = next(f for f in facts if f["kind"] == "account")
    return [f for f in facts if f["kind"] == "opening"], acc.get("opening_set_aside") or []


# --- who acts -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, words, who", [
    # our own plan, in the rep's voice
    ("I think we just mail Ann the new price list before Christmas and wait.", "before", actors.US),
    ("Plan: we'll drop the renewal pack at their office before 15 Dec.", "before", actors.US),
    ("我打算下周把扩建的报价发给李总。", "扩建", actors.US),
    ("我們準備12月20日前把補貼申請資料送過去。", "補貼", actors.US),
    ("计划下周去他们新厂房看看。", "新厂房", actors.US),
    # a competitor's move
    ("Looks like another supplier is offering them a subsidy on the installation.", "subsidy", actors.COMPETITOR),
    ("Zeta Pumps gave the dealer a rebate budget until 31 Dec.", "budget", actors.COMPETITOR),
    ("听说A品牌给了门店一笔补贴。", "补贴", actors.COMPETITOR),
    ("竞争对手答应给他们的新仓库免费安装。", "新仓库", actors.COMPETITOR),
    ("對手話會俾佢哋補貼。", "補貼", actors.COMPETITOR),
    # the customer: they, a named contact, their own "we" in their quoted words, 客户, 对方
    ("They are opening a new warehouse in March.", "new warehouse", actors.CUSTOMER),
    ('Ann said "we will double the line in Q2".', "double", actors.CUSTOMER),
    ("he told me quote we're adding a second site next year unquote", "second site", actors.CUSTOMER),
    ("客户说明年3月要扩建二号车间。", "扩建", actors.CUSTOMER),
    ("對方表示「我們明年擴建倉庫」。", "擴建", actors.CUSTOMER),
    ("李总说他们1月前要定补贴名单。", "补贴", actors.CUSTOMER),
    # a heading of the writer's own plan (a call report's "Next steps:", a recommendation, a to-do, "from my side",
    # the rep's name with "plan:"): what follows is ours, even with no "I" or "we" in it (session 11)
    ("Next steps: offer them a loyalty rebate on the spring range before 20 Jan.", "spring range", actors.US),
    ("Recommendation: bid 5% under the incumbent at the February tender.", "tender", actors.US),
    ("Action items: pitch the new dosing pumps to Ann at the plant opening in March.", "plant opening", actors.US),
    ("next steps from our side present the expansion package to the board in Q1", "expansion", actors.US),
    ("Sam's plan: mail the renewal offer before the budget freeze on 15 Jan.", "budget", actors.US),
    ("Proposed next step: a 5% volume promo to pull the March order forward.", "order", actors.US),
    ("下一步：1月10日前把新仓库的方案发给李总。", "新仓库", actors.US),
    ("建议：趁他们扩建，月底前报一个整线的优惠价。", "扩建", actors.US),
    ("待办事项：春节前把补贴申请表送过去。", "补贴", actors.US),
    ("待辦：12月底前向對方推薦擴建方案。", "擴建", actors.US),
    ("建議：趁佢哋新廠開工，1月前報個團購價。", "新廠", actors.US),
    # … unless the heading's step opens with who else acts, or names the customer first
    ("Next steps: Ann to send the expansion drawings by 12 Jan.", "expansion", actors.CUSTOMER),
    ("Their plan: a second warehouse opening in March.", "warehouse", actors.CUSTOMER),
    ("下一步：李总1月前定扩建的供应商。", "扩建", actors.CUSTOMER),
])
def test_who_acts_in_a_sentence(advisor, sentence, words, who):
    packset, _ = advisor.load(["core"])
    account = _account(contacts=[{"name": "Ann Lee", "roles": ["decider"], "met": True},
                                 {"name": "李总", "roles": ["decider"], "met": True}], competitors=["Zeta Pumps"])
    judge = actors.judge(account, packset.fact_options()["vocabulary"])
    at = sentence.lower().find(words.lower()) + len(words)
    assert judge.actor(sentence, at).who == who


def test_a_quote_opened_in_an_earlier_sentence_runs_on():
    assert actors.quoting("he told me quote we're putting in a new line.")
    assert not actors.quoting("he told me quote we're putting in a new line unquote.")
    assert actors.quoting('她说:"我们明年')
    assert not actors.quoting("No quote here.")


# --- which time -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, opens", [
    ("Phase three at the earliest end of 2027, they said.", dt.date(2027, 12, 31)),
    ("The new hall is not before Q3 2027.", dt.date(2027, 7, 1)),
    ("Expansion pushed back to 2028.", dt.date(2028, 1, 1)),
    ("三期最快也要2027年底。", dt.date(2027, 12, 31)),
    ("新仓库的事 2028 年初 再说。", dt.date(2028, 1, 1)),
    ("擴建往後放,等2027下半年再說。", dt.date(2027, 7, 1)),
])
def test_a_deferral_opens_later(judge, sentence, opens):
    got = judge.deferral(sentence, AS_OF)
    assert got is not None and got.opens == opens
    assert got.beyond(AS_OF)


@pytest.mark.parametrize("sentence", [
    "The new hall opens in March 2027.", "三期2027年3月开工。", "補貼12月20日前報名。",
])
def test_a_dated_window_is_no_deferral(judge, sentence):
    assert judge.deferral(sentence, AS_OF) is None


@pytest.mark.parametrize("sentence", [
    "二期 800 套 运行 一年 没问题。", "新仓库已经运行两年了。", "舊廠房用了三年。",
    "Their phase two line has been running for two years without a fault.",
])
def test_what_is_already_in_use_is_no_opening(judge, sentence):
    assert judge.in_use(sentence)


# --- in the openings reading ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("notes, why", [
    ("I reckon we just email Ann the budget sheet before Christmas and see.", "our own plan"),
    ("We'll pitch the expansion deal to them before 20 Dec.", "our own plan"),
    ("我准备12月20日前把新厂房的方案发给他们。", "our own plan"),
    ("可能B品牌给了点补贴,12月25日前报名。", "a competitor's move"),
    ("Zeta Pumps offers them a subsidy that closes on 18 Dec.", "a competitor's move"),
    ("聽說別家俾咗補貼,12月22日前報名。", "a competitor's move"),
    ("Phase three expansion: at the earliest end of 2027.", "deferred: at the earliest 2027-12"),
    ("三期扩建最早2027年底再说。", "deferred: at the earliest 2027-12"),
    ("新廠房擴建往後放,2028年再說。", "deferred: at the earliest 2028-01"),
    # our plan under a heading, with no "I" or "we": the rep's to-do is no opening of the customer's
    ("Next steps: launch the new premium range to Ann and book her for the trade fair on 18 Dec.", "our own plan"),
    ("Recommendation: go in 6% lower on the expansion tender due 20 Dec.", "our own plan"),
    ("下一步：12月20日前向李总推新仓库的整套方案。", "our own plan"),
    ("建議：12月22日前趁佢哋擴建報一個優惠價。", "our own plan"),
])
def test_a_sentence_not_the_customers_window_is_set_aside_with_its_reason(options, notes, why):
    got, aside = _read(options, _account(notes=notes, competitors=["Zeta Pumps"]))
    assert not [f for f in got if f.get("dated")], got
    assert any(why in line for line in aside), aside


@pytest.mark.parametrize("notes, kind", [
    ("They are expanding the warehouse, doors open on 20 Dec.", "expansion"),
    ("Ann told me the regional subsidy for heat pumps closes on 18 Dec.", "subsidy"),
    ("县里以旧换新补贴门店12月25日前报名。", "subsidy"),
    ("對方話新倉庫12月28日前要定供應商。", "expansion"),
])
def test_the_customers_own_window_is_still_read(options, notes, kind):
    got, aside = _read(options, _account(notes=notes, competitors=["Zeta Pumps"]))
    assert kind in [f["type"] for f in got if f.get("dated")], (got, aside)
    assert all(f.get("actor") for f in got)


def test_a_deferral_within_the_horizon_opens_later_and_closes_nothing(options):
    got, _ = _read(options, _account(notes="The new line expansion is not before March 2027."))
    assert [(f["type"], f["dated"], f.get("opens")) for f in got] == [("expansion", False, "2027-03-01")]
    assert got[0]["deferred"].startswith("deferred: at the earliest 2027-03")


# --- a heading that files the sentence as our own plan (session 11) -------------------------------------------------
# The rep's note files its own to-do under a heading — "Plan:", "Next steps:", "<the rep>'s idea:", "下一步：" — and the
# to-do names the customer as its object ("invite Ann to the launch"). Under our heading it is our plan, never the
# customer's window; a heading someone else owns ("Ann's plan:") and a customer named as the body's subject stay theirs.

@pytest.mark.parametrize("notes", [
    "Sam's thought for next week: invite Ann to the new plant tour on 18 Dec.",
    "Action items: bring Ann and her finance head to the new plant opening on 15 Dec.",
    "Recommendation: offer the new dosing line at 6% off before the budget closes on 20 Dec.",
    "- Next step: thank Ann with a hamper at the expansion ribbon-cutting on 19 Dec.",
    "☐ take Ann to the trade fair in Hanover on 18 Dec (new line launch)",
    "Push the renewal deal before the budget lock on 21 Dec (my idea).",
    "下一步：请李总和王工来参加12月18日新仓库的开业仪式。",
    "业务员的打算：新厂12月20日投产前给李总报个九折。",
    "我的想法：邀请李总参加12月22日的扩建剪彩。",
    "銷售的建議：年前給李總補貼方案，12月25日前報名。",
])
def test_a_sentence_under_our_planning_heading_is_our_plan(options, notes):
    account = _account(notes=notes, contacts=[{"name": "Ann Lee", "roles": ["decider"], "is_boss": True, "met": True},
                                              {"name": "李总", "roles": ["decider"], "met": True},
                                              {"name": "王工", "roles": ["user"], "met": True}])
    got, aside = _read(options, account)
    assert not [f for f in got if f.get("dated")], got
    assert any("our own plan" in line for line in aside), aside


@pytest.mark.parametrize("notes, kind", [
    ("Ann's plan: open the new warehouse on 20 Dec, suppliers chosen before then.", "expansion"),
    ("Next steps: Ann to pick the suppliers for the new warehouse before 20 Dec.", "expansion"),
    ("李总的计划：新仓库12月28日前要定供应商。", "expansion"),
    ("客户的安排：新厂房12月20日前选定设备供应商。", "expansion"),
])
def test_a_heading_the_customer_owns_stays_theirs(options, notes, kind):
    account = _account(notes=notes, contacts=[{"name": "Ann Lee", "roles": ["decider"], "is_boss": True, "met": True},
                                              {"name": "李总", "roles": ["decider"], "met": True}])
    got, aside = _read(options, account)
    assert kind in [f["type"] for f in got if f.get("dated")], (got, aside)


@pytest.mark.parametrize("sentence, words", [
    ("Invite Ann and Raj to the plant tour in March.", "plant tour"),
    ("请李总和王工参加三月的新品发布会。", "发布会"),
    ("邀請李總及王工參加三月的擴建剪綵。", "擴建"),
])
def test_names_joined_to_an_object_are_objects(sentence, words):
    cast = actors.Cast(customer=("ann", "raj", "李总", "王工", "李總"))
    at = sentence.lower().find(words.lower()) + len(words)
    # the names are objects, never who acts: a sentence that names no subject and invites the customer's people is the
    # writer's own to-do, the evidence the one invited (session 14: "想請林小姐吃飯" was read as the customer's new project)
    who = actors.actor(sentence, at, cast)
    assert who.who == actors.US and who.words.lower() in cast.customer, who


# --- who decides ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("contacts, who", [
    # the gatekeeper listed first places the orders; the boss decides
    ([{"name": "Kim", "roles": ["gatekeeper", "purchaser"], "met": True},
      {"name": "Lee", "roles": ["decider"], "is_boss": True, "met": True}], "Lee"),
    ([{"name": "郭店长", "roles": ["gatekeeper", "purchaser"], "met": True},
      {"name": "张老板", "is_boss": True, "met": True}], "张老板"),
    ([{"name": "陳秘書", "roles": ["gatekeeper"], "met": True},
      {"name": "黃生", "controls": ["money"], "met": True}], "黃生"),
    # the decider not yet met is whom to reach, before a met gatekeeper
    ([{"name": "Ana", "roles": ["gatekeeper", "user"], "met": True},
      {"name": "Raj", "roles": ["decider", "purchaser"], "met": False}], "Raj"),
    # nobody decides on record: who places the orders
    ([{"name": "DAN", "roles": ["purchaser"]}], "DAN"),
])
def test_who_decides(contacts, who):
    account = _account(contacts=contacts)
    assert actors.decider(account.contacts) == who


def test_the_find_cause_action_goes_to_who_decides(advisor):
    """A repeat buyer that stopped ordering: why is asked of the boss, not of the gatekeeper who types the orders."""
    account = _account(contacts=[{"name": "郭小明", "title": "店长", "roles": ["gatekeeper", "purchaser", "user"],
                                  "met": True},
                                 {"name": "张建华", "title": "老板", "roles": ["decider"], "is_boss": True, "met": True}],
                       buying_pattern="repeat",
                       sales={"periods": [{"period": f"2026-{m:02d}", "amount": a} for m, a in
                                          [(5, 400000), (6, 420000), (7, 410000), (8, 430000), (9, 400000),
                                           (10, 90000), (11, 0)]],
                              "last_order": "2026-10-06"})
    advice = advisor.advise(account, as_of=AS_OF, packs=["core"])
    cause = [a for a in advice.actions if a.rule in ("core.category.declining-find-cause",
                                                          "core.category.dormant-win-back")]
    assert cause and {a.contact for a in cause} == {"张建华"}


# --- commitments ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("note, given, why", [
    ("They signed the contract with Zeta Pumps last week.", False, "a competitor's move"),
    ("听说他们跟B品牌签了合同。", False, "a competitor's move"),
    ("聽說他們跟對手的合同已簽了。", False, "a competitor's move"),
    ("I'll get the contract signed next week.", False, "our own plan"),
    ("我准备下周让他们签了合同再走。", False, "our own plan"),
    ("我們打算月底前讓對方合同已簽。", False, "our own plan"),
    ("Contract signed today, delivery in January.", True, None),
    ("李总说合同已签,下周发货。", True, None),
    ("對方已下單,尾款最早明年再說。", True, None),  # the deferral is the payment's, not the order's
])
def test_a_commitment_is_the_customers_to_us(options, note, given, why):
    account = _account(visits=[{"date": "2026-11-28", "contact": "Ann Lee", "note": note}], competitors=["Zeta Pumps"])
    [visit] = [f for f in enrich(account, AS_OF, **options) if f["kind"] == "visit"]
    assert visit["commitment_recorded"] is given
    assert (why or "") in (visit.get("commitment_set_aside") or "")
    assert bool(visit.get("commitment_set_aside")) is bool(why)


# --- who decides over a thing is no window (session 11) -------------------------------------------------------------
# A sentence whose subject is a contact approving a thing — "Ann approves the staff subsidy", "李总审批技改补助" —
# says who decides (the buying centre). With no date it names no window; the account's unmet approver is the finding.

@pytest.mark.parametrize("notes", [
    "Ann Lee approves the staff travel subsidy each year; we only ever hear it from her assistant.",
    "Funding note: Ann signs off the training grant, we have never sat down with her.",
    "Raj controls the subsidy pot for the canteen programme.",
    "李总审批员工旅游补助,我们一直只跟前台联系。",
    "李总审核每年的设备补助,王工只管技术。",
    "財務處陳處長核定員工補助,我們從沒見過她。",
])
def test_a_contact_who_approves_a_thing_names_who_decides_not_a_window(options, notes):
    account = _account(notes=notes, contacts=[
        {"name": "Ann Lee", "roles": ["decider"], "is_boss": True, "met": True},
        {"name": "Raj Patel", "roles": ["decider"], "met": False},
        {"name": "李总", "roles": ["decider"], "met": True}, {"name": "王工", "roles": ["expert"], "met": True},
        {"name": "陳處長", "roles": ["decider"], "met": False}])
    got, aside = _read(options, account)
    assert not [f for f in got if f["type"] == "subsidy"], got
    assert any("who decides it" in line for line in aside), aside


@pytest.mark.parametrize("notes", [
    "The county approves trade-in subsidies for stores that sign up by 25 Dec.",   # an outside body, not a contact
    "Ann Lee approves the staff subsidy, and the sign-up closes on 20 Dec.",       # dated: a window all the same
    "李总批准了技改补助,我们可以报名。",                                              # a deed done, not who decides
    "縣裡以舊換新補貼,李总说12月25日前報名。",
])
def test_an_approval_that_opens_a_window_is_still_read(options, notes):
    account = _account(notes=notes, contacts=[{"name": "Ann Lee", "roles": ["decider"], "is_boss": True, "met": True},
                                              {"name": "李总", "roles": ["decider"], "met": True}])
    got, aside = _read(options, account)
    assert "subsidy" in [f["type"] for f in got], (got, aside)
