"""A closing window is the customer's (session 14): our own to-do, our own push and our own quarter are never a window
the customer must act in, and a deal whose customer has already given its dated step gets no closing push.

- A CRM activity line that creates or recalls a task, or the next step a call assistant identified, is our side's
  to-do, whatever it names — unless it names who else acts.
- Our rep named by the given name our notes use ("丽娜备注:" for 隋丽娜) heads our own words, as the full name does.
- A sentence that names no subject and invites a customer's person, or gets them to act ("想请王经理吃饭", "get Ann
  to pull the order forward"), is the writer's own to-do.
- A sentence naming no one that speaks of our own period target ("季末冲量", "before our quarter closes") is our push.
- Still the customer's: a customer's own quarter-end budget, a task line whose step the customer owns.
- core.steps.close-techniques waits while the customer's own dated step is ahead (account.customer_step_ahead_count).

Every judgement in wording of our own (not the dev sets'), English, simplified and traditional Chinese, built in
memory; the session ``advisor`` fixture."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts import actors
from advisor.accounts.account import Account
from advisor.accounts.facts import enrich

AS_OF = dt.date(2027, 3, 22)
CONTACTS = [{"name": "Ann Lee", "title": "Owner", "roles": ["decider"], "is_boss": True, "met": True},
            {"name": "王经理", "title": "采购经理", "roles": ["purchaser"], "met": True},
            {"name": "陳小姐", "title": "採購", "roles": ["purchaser"], "met": True}]


def _account(notes: str = "", owner: str = "Sam Reid", **extra) -> Account:
    data = {"name": "Harbour Tools Ltd", "stage": "maintain", "owner": owner, "buying_pattern": "repeat",
            "sales": {"last_12m": 800000, "prior_12m": 700000, "last_order": "2027-03-01"},
            "contacts": CONTACTS}
    if notes:
        data["notes"] = notes
    data.update(extra)
    return Account.model_validate(data)


@pytest.fixture(scope="module")
def vocabulary(advisor):
    packset, _ = advisor.load(["core"])
    return packset.fact_options()["vocabulary"]


def _who(vocabulary, sentence: str, words: str, owner: str = "Sam Reid") -> str:
    judge = actors.judge(_account(owner=owner), vocabulary)
    return judge.actor(sentence, sentence.lower().find(words.lower()) + len(words)).who


@pytest.mark.parametrize("sentence, words", [
    # a CRM task line, with or without its time stamp
    ('2027-03-15 10:12  Task created: "Prepare a 10% intro offer for the spring range" — due 2027-04-02', "spring range"),
    ("Task (from AI next steps): send the expansion quote before 31 Mar", "expansion"),
    ("Reminder: chase the new warehouse racking order by 28 Mar", "new warehouse"),
    ("2027-03-16 09:00  任务创建:\"4月10日前把新产线的报价发过去\"", "新产线"),
    ("任务提醒(销售):新仓库货架方案 3月30日到期", "新仓库"),
    ("2027-03-16 09:05  任務建立(AI下一步):4月前提交新廠房設備清單", "新廠房"),
    # a call assistant's identified next step
    ("识别到的下一步:\"4月中旬前提交新设备技术参数\"", "新设备"),
    ("識別到的下一步:「3月底前送擴建方案」", "擴建"),
    ("Suggested next steps: send the new line's pricing before the 30 April budget lock", "budget"),
])
def test_a_task_line_is_our_to_do(vocabulary, sentence, words):
    assert _who(vocabulary, sentence, words) == actors.US


@pytest.mark.parametrize("sentence, words", [
    ("Task created: Ann to send the PO for the new warehouse by 5 Apr", "new warehouse"),
    ("任务创建:王经理4月10日前确认新仓库的订单", "新仓库"),
    ("任務建立:陳小姐3月底前回覆擴建的採購量", "擴建"),
])
def test_a_task_line_whose_step_the_customer_owns_stays_theirs(vocabulary, sentence, words):
    assert _who(vocabulary, sentence, words) == actors.CUSTOMER


@pytest.mark.parametrize("sentence, words", [
    ("丽娜备注:季度末了,想把二期提前到3月底下单。", "二期"),
    ("丽娜的想法:新仓库4月前上货架。", "新仓库"),
    ("麗娜備註:新廠4月開工前要把設備定下來。", "新廠"),
])
def test_our_rep_by_the_given_name_heads_our_words(vocabulary, sentence, words):
    assert _who(vocabulary, sentence, words, owner="隋丽娜" if "丽娜" in sentence else "隋麗娜") == actors.US


@pytest.mark.parametrize("sentence, words", [
    ("季末想请王经理吃饭,顺便聊聊新仓库的货架。", "新仓库"),
    ("想让王经理把第二批新货提前到月底下单。", "新货"),
    ("催王经理3月底前把新产线的单子下了。", "新产线"),
    ("月底想請陳小姐吃飯,順便談新門市的陳列。", "新門市"),
    ("想讓陳小姐把下季的新品訂單提前到3月。", "新品"),
    ("invite Ann to lunch before the new store opens in April", "new store"),
    ("get Ann to pull the second order forward to 31 March", "order"),
    ("push Ann to sign the new line before the end of March", "new line"),
])
def test_a_subjectless_invitation_or_push_is_our_to_do(vocabulary, sentence, words):
    assert _who(vocabulary, sentence, words) == actors.US


@pytest.mark.parametrize("sentence, words", [
    ("季末冲量,先把第二批新货压过去,月底前下单。", "新货"),
    ("季度任务还差50万,月底前把新产线的单子拿下。", "新产线"),
    ("年底衝業績,12月前把擴建的訂單拿下。", "擴建"),
    ("Need the new line booked before 31 March to make my number.", "new line"),
    ("Pull the expansion order into March for our quarter-end.", "expansion"),
    ("Second shipment by 31 Mar would hit our target.", "shipment"),
])
def test_our_own_period_target_is_our_push(vocabulary, sentence, words):
    assert _who(vocabulary, sentence, words) == actors.US


@pytest.mark.parametrize("sentence, words", [
    ("Ann must spend the rest of her budget before their quarter closes on 31 March.", "budget"),
    ("王经理说季度末要把预算用完,3月25日前下单。", "预算"),
    ("陳小姐說年底前要把新門市的設備定下來。", "新門市"),
    ("They want the new warehouse racking installed before their year-end on 30 June.", "new warehouse"),
])
def test_the_customers_own_period_is_still_theirs(vocabulary, sentence, words):
    assert _who(vocabulary, sentence, words) == actors.CUSTOMER


@pytest.mark.parametrize("notes", [
    '2027-03-15 10:12  Task created: "Prepare a 10% intro offer for the new spring range" — due 2027-04-02',
    "季末想请王经理吃饭,顺便送两盒新品礼盒给他。",
    "丽娜备注:季度末了,想让王经理把第二批新货也提前到3月底一起下,帮我冲一下Q1。",
    "月底想請陳小姐吃飯,順便送新品禮盒給她,謝謝她。",
])
def test_our_own_text_opens_no_window(advisor, vocabulary, notes):
    options = advisor.load(["core"])[0].fact_options()
    facts = enrich(_account(notes, owner="隋丽娜"), AS_OF, **options)
    assert not [f for f in facts if f["kind"] == "opening" and f.get("dated")], facts


# --- no closing push while the customer's own dated step is ahead ----------------------------------------------------

CLOSE = "core.steps.close-techniques"


def _deal(promise: dict | None) -> Account:
    data = {"name": "Northfield Clinics", "stage": "close", "owner": "Sam Reid",
            "sales": {"last_12m": 600000, "prior_12m": 500000, "last_order": "2027-02-20"},
            "contacts": [{"name": "Ann Lee", "title": "COO", "roles": ["decider"], "is_boss": True, "met": True},
                         {"name": "Tom Hale", "title": "IT lead", "roles": ["expert", "influencer"], "met": True}],
            "visits": [{"date": "2027-03-15", "contact": "Ann Lee", "outcome": "positive",
                        "note": "Pilot passed; Ann agreed the roll-out."}],
            "opportunities": [{"name": "Tablet roll-out, 120 units", "amount": 300000, "stage": "close",
                               "quoted": True, "close_date": "2027-05-30"}]}
    if promise:
        data["promises"] = [promise]
    return Account.model_validate(data)


@pytest.mark.parametrize("promise", [
    {"what": "Ann places the first order for 60 tablets", "by": "customer", "to": "Ann Lee", "made": "2027-03-15",
     "due": "2027-04-12"},
    {"what": "Ann下第一批60台的订单", "by": "customer", "to": "Ann Lee", "made": "2027-03-15", "due": "2027-04-20"},
    {"what": "Tom 4月底前發採購單", "by": "customer", "to": "Tom Hale", "made": "2027-03-15", "due": "2027-04-30"},
])
def test_no_closing_push_while_the_customers_dated_step_is_ahead(advisor, promise):
    rules = [a.rule for a in advisor.advise(_deal(promise), as_of=AS_OF).actions]
    assert CLOSE not in rules


@pytest.mark.parametrize("promise", [
    None,
    # the customer's step fell due already: it is chased, and the close is still to be got
    {"what": "Ann places the first order", "by": "customer", "to": "Ann Lee", "made": "2027-03-01",
     "due": "2027-03-10"},
    # a step of ours is no commitment of theirs
    {"what": "send Ann the signed service terms", "by": "rep", "to": "Ann Lee", "made": "2027-03-15",
     "due": "2027-04-10"},
])
def test_the_close_still_fires_without_a_dated_step_of_theirs(advisor, promise):
    rules = [a.rule for a in advisor.advise(_deal(promise), as_of=AS_OF).actions]
    assert CLOSE in rules


# --- the window's step already promised: keeping the promise takes the window ----------------------------------------

WINDOW = "core.openings.window-closing"


def _bid(note: str, step: str | None, to: str = "Ann Lee") -> Account:
    data = {"name": "Apex Integration Ltd", "stage": "propose", "owner": "Sam Reid",
            "sales": {"last_12m": 400000, "prior_12m": 380000, "last_order": "2027-02-01"},
            "contacts": [{"name": "Ann Lee", "title": "Bid manager", "roles": ["influencer", "decider"], "met": True},
                         {"name": "王工", "title": "技术负责人", "roles": ["expert"], "met": True}],
            "visits": [{"date": "2027-03-18", "contact": "Ann Lee", "outcome": "positive", "note": note}]}
    if step:
        data["promises"] = [{"what": step, "by": "rep", "to": to, "made": "2027-03-18", "due": "2027-03-26"}]
    return Account.model_validate(data)


BIDS = [
    "Ann said their tender to the city must be submitted by 2 April.",
    "Their bid for the port project is due on 3 April, Ann told me.",
    "Ann: the council's selection closes 1 April, they will pick a supplier then.",
    "王工说他们给市里的投标4月2日截止。",
    "王工表示港口项目的比选4月3日前要交方案。",
    "王工說市政的招標4月1日截標。",
]


@pytest.mark.parametrize("note", BIDS)
def test_a_promise_due_before_the_window_is_the_windows_step(advisor, note):
    who = "王工" if "王工" in note else "Ann Lee"
    promised = _bid(note, "send the final bill of materials and the project price", to=who)
    rules = [a.rule for a in advisor.advise(promised, as_of=AS_OF).actions]
    assert WINDOW not in rules, rules
    # without the promise the window's own action is there: the guard, not the reading, is tested
    assert WINDOW in [a.rule for a in advisor.advise(_bid(note, None), as_of=AS_OF).actions]
