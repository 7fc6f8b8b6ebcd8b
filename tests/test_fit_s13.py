"""Session 13 (issue 22): advice that fits the account's own facts — general rules about accounts, each tested in
wording written for these tests (en and zh, three phrasings or more), firing and silent.

- who acts: a line headed by our side ("Rep (Owain), 17 Dec:", "销售陈雅婷 12月16日:") is our side's words, quotes and
  all, unless it names who else acts; a sentence that names no subject and does something *for* the customer ("给他送一批陈列道具", "send them
  the new stands") is the note-writer's own to-do, never the customer's plan (accounts/actors.py);
- a table row written into the notes ("| Jan | Feb | … |") is figures, no sentence of anyone's plan
  (accounts/openings.py);
- a cold "book the first visit by phone" is for a prospect: at an account we keep (the maintain step, a won deal, a
  cycle at trust) where someone is met, the new person is introduced (core.visits.book-appointment);
- a project (capital-goods) buyer's year after its purchase falls by the purchase: no dormancy from that fall
  (core.category.dormant);
- an account re-tendering its period inside its own rhythm with nobody unhappy is pursuing its buying cycle, not a
  rescue (core.keep.defend-the-renewal-tender holds back; core.buying.work-the-tender speaks);
- a dealer that already buys from us is not asked for "the first order" (mobile-accessory-distribution
  .close.confirm-cooperation);
- a decline whose cause is known is answered at the cause: an unanswered objection naming what we cannot do, raised
  during the fall, is the stated cause (accounts/declinecause.py: capability); a decider never met is met to hear
  why (core.category.declining-meet-the-unmet-decider), not asked "face to face" as if known."""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts import actors
from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.language.pack import load_packs

from .conftest import AS_OF, RULES


@pytest.fixture(scope="module")
def vocabulary():
    return load_packs(["core"], RULES).fact_options()["vocabulary"]


def _top(advisor, data: dict, n: int = 5, as_of: dt.date = AS_OF) -> list[str]:
    return [a.rule for a in advisor.advise(Account.model_validate(data), as_of).actions[:n]]


def _fired(advisor, data: dict, as_of: dt.date = AS_OF) -> set[str]:
    return {a.rule for a in advisor.advise(Account.model_validate(data), as_of).actions}


# --- a subjectless deed done for the customer is ours ---------------------------------------------------------------
class _Acc:
    def __init__(self, owner: str, contacts: list[str]):
        self.owner, self.name, self.competitors = owner, "Lakeside Trading", []
        self.contacts = [type("C", (), {"name": n}) for n in contacts]


@pytest.mark.parametrize("sentence,ours", [
    ("打算春节前给他送两套新的展示架,再做一次门店促销", True),
    ("下个月给他们寄一批新品样机,顺便谈谈返利", True),
    ("年底前帮他做个清库存的活动,把进货拉起来", True),
    ("月底给对方补一批宣传物料", True),
    ("老刘准备下个月给他的下游送一批货", False),
    ("老刘说年后要开两家新店", False),
    ("他们打算三月份扩建仓库", False),
])
def test_a_subjectless_deed_for_the_customer_in_chinese_is_ours(sentence, ours):
    judge = actors.judge(_Acc("孙晓梅", ["老刘"]))
    assert (judge.actor(sentence, len(sentence) - 1).who == actors.US) == ours, judge.actor(sentence, len(sentence) - 1)


@pytest.mark.parametrize("sentence,ours", [
    ("plan to send them two new floor stands and a spring promotion before easter", True),
    ("going to give him a sharper price on the q2 order to pull volume", True),
    ("before the trade show bring them posters and a demo unit", True),
    ("offer her a loan unit for the busy season next month", True),
    ("they will send them back to the factory in january", False),
    ("priya plans a second branch in march", False),
    ("the group will open a new warehouse in the spring", False),
])
def test_a_subjectless_deed_for_the_customer_in_english_is_ours(sentence, ours):
    judge = actors.judge(_Acc("Tom Whitaker", ["Priya Nair"]))
    assert (judge.actor(sentence, len(sentence) - 1).who == actors.US) == ours, judge.actor(sentence, len(sentence) - 1)


# --- a table row is no plan -------------------------------------------------------------------------------------------
def _openings(vocabulary, notes: str, zh: bool) -> list[dict]:
    data = {"name": "湖畔食品" if zh else "Lakeside Foods", "stage": "maintain", "buying_pattern": "project",
            "contacts": [{"name": "周总" if zh else "Anna Berg", "roles": ["decider"], "met": True}],
            "notes": notes}
    return [f for f in enrich(Account.model_validate(data), AS_OF, vocabulary=vocabulary) if f["kind"] == "opening"]


@pytest.mark.parametrize("table,zh", [
    ("Line hours by month:\n| Jan | Feb | Mar | Apr | May | Jun | Jul | Aug | Sep | Oct | Nov | Dec |\n"
     "| 200 | 410 | 650 | 700 | 690 | 600 | 380 | 310 | 500 | 520 | 400 | 150 |", False),
    ("Tender calendar (for reference):\n| Month | Event |\n| March | budget review |\n| June | tender |", False),
    ("| quarter | orders | returns |\n| Q1 | 12 | 1 |\n| Q2 | 15 | 0 |\n| Q3 | 9 | 2 |", False),
    ("各月开机小时:\n| 1月 | 2月 | 3月 | 4月 | 5月 | 6月 |\n| 200 | 410 | 650 | 700 | 690 | 600 |", True),
    ("| 月份 | 事项 |\n| 3月 | 预算评审 |\n| 6月 | 招标 |", True),
    ("| 季度 | 订单 | 退货 |\n| 一季度 | 12 | 1 |\n| 二季度 | 15 | 0 |", True),
])
def test_a_table_row_in_the_notes_is_no_opening(vocabulary, table, zh):
    assert not [f for f in _openings(vocabulary, table, zh) if "|" in (f.get("quote") or "")]


@pytest.mark.parametrize("notes,zh", [
    ("The board approved the budget for a second packing line; the tender closes on 15 December.", False),
    ("集团明年3月要招标采购第二条包装线,预算已批。", True),
])
def test_the_same_plan_written_as_a_sentence_is_still_read(vocabulary, notes, zh):
    assert _openings(vocabulary, notes, zh)


# --- a cold call is for a prospect -------------------------------------------------------------------------------------
def _kept(zh: bool, **account) -> dict:
    people = [{"name": "王工" if zh else "Megan Price", "title": "设备主管" if zh else "Maintenance Lead",
               "roles": ["user"], "met": True, "reliability": 4},
              {"name": "赵总" if zh else "Dr Alan Reed", "title": "副总经理" if zh else "Chief Operating Officer",
               "roles": ["influencer"], "senior": True, "met": False}]
    base = {"name": "北辰医院" if zh else "Northgate Hospital", "customer_type": "end_customer", "contacts": people,
            "visits": [{"date": "2026-11-10", "contact": people[0]["name"], "outcome": "positive",
                        "note": "例行巡检" if zh else "Routine inspection walk-round."}]}
    base.update(account)
    return base


@pytest.mark.parametrize("zh", [False, True])
@pytest.mark.parametrize("kept", [
    {"stage": "maintain"},  # the account is kept: a supplier of years with no sales table in the file
    {"stage": "needs", "opportunities": [{"name": "service contract", "won": True, "close_date": "2025-03-01"}]},
    {"stage": "needs", "relationship": {"level": "preferred", "target": "partner", "cycle_stage": "trust"}},
])
def test_no_cold_call_at_an_account_we_keep(advisor, zh, kept):
    assert "core.visits.book-appointment" not in _fired(advisor, _kept(zh, **kept))


@pytest.mark.parametrize("zh", [False, True])
@pytest.mark.parametrize("prospect", [
    {"stage": "open"},
    {"stage": "needs", "relationship": {"level": "ordinary", "target": "partner", "cycle_stage": "acquaintance"}},
    {"stage": "needs", "opportunities": [{"name": "imaging room", "stage": "needs"}]},
])
def test_a_prospects_other_contact_is_still_called(advisor, zh, prospect):
    assert "core.visits.book-appointment" in _fired(advisor, _kept(zh, **prospect))


# --- a project buyer's year after its purchase ---------------------------------------------------------------------------
def _capital(pattern: str, zh: bool) -> dict:
    return {"name": "西北药机" if zh else "Delta Herbs Ltd", "stage": "maintain", "buying_pattern": pattern,
            "customer_type": "end_customer",
            "sales": {"last_12m": 30000, "prior_12m": 450000, "last_order": "2026-08-20"},
            "contacts": [{"name": "马总" if zh else "Omar Saleh", "roles": ["decider"], "met": True}],
            "visits": [{"date": "2026-11-02", "contact": "马总" if zh else "Omar Saleh", "outcome": "positive",
                        "note": "看了一号线的运行数据" if zh else "Reviewed line 1's running data."}]}


@pytest.mark.parametrize("zh", [False, True])
def test_a_project_buyers_year_after_its_purchase_is_no_dormancy(advisor, zh):
    assert "core.category.dormant-win-back" not in _fired(advisor, _capital("project", zh))


@pytest.mark.parametrize("zh", [False, True])
def test_a_repeat_buyers_same_fall_is_dormancy(advisor, zh):
    assert "core.category.dormant-win-back" in _fired(advisor, _capital("repeat", zh))


# --- a re-tender inside the account's rhythm ---------------------------------------------------------------------------
RHYTHM = [
    ("Buying rhythm: they order twice a year, January and July, against the annual agreement.", False),
    ("They buy every six months, in January and July.", False),
    ("Orders come twice a year (January, July) under the yearly supply agreement.", False),
    ("采购节奏:每年1月和7月各下一次单,按年度协议执行。", True),
    ("客户每年1月、7月下单,一年两次。", True),
    ("按年度协议每半年采购一次(1月和7月)。", True),
]


def _retender(notes: str, zh: bool, unhappy: bool = False) -> dict:
    return {"name": "东海制药" if zh else "Harbour Pharma", "stage": "maintain", "buying_pattern": "repeat",
            "customer_type": "end_customer", "ownership": "private",
            "sales": {"last_12m": 300000, "prior_12m": 290000, "last_order": "2026-07-12"},
            "contacts": [{"name": "钱总" if zh else "Lena Park", "roles": ["decider"], "met": True,
                          "satisfied": not unhappy},
                         {"name": "孙工" if zh else "Ravi Shah", "roles": ["expert"], "met": True}],
            "opportunities": [{"name": "2027年度瓶盖供货招标(1月15日截标)" if zh else
                               "2027 annual closures supply tender (closes 15 Jan 2027)", "stage": "propose"}],
            "notes": notes}


@pytest.mark.parametrize("notes,zh", RHYTHM)
def test_a_re_tender_inside_the_rhythm_is_worked_not_defended(advisor, notes, zh):
    fired = _fired(advisor, _retender(notes, zh))
    assert "core.keep.defend-the-renewal-tender" not in fired and "core.buying.work-the-tender" in fired, fired


@pytest.mark.parametrize("notes,zh", RHYTHM[:2] + RHYTHM[3:5])
def test_a_re_tender_with_an_unhappy_contact_is_defended(advisor, notes, zh):
    assert "core.keep.defend-the-renewal-tender" in _fired(advisor, _retender(notes, zh, unhappy=True))


# --- no "first order" for a dealer that buys ------------------------------------------------------------------------------
def _dealer(zh: bool, bought: bool) -> dict:
    data = {"name": "鹭岛数码批发" if zh else "Coastline Mobile Wholesale", "industry": "mobile-accessory-distribution",
            "stage": "needs", "customer_type": "dealer", "facts": {"pain_point_known": True},
            "contacts": [{"name": "林老板" if zh else "Mr. Tan", "roles": ["decider"], "met": True}],
            "opportunities": [{"name": "春季新品铺货" if zh else "spring range listing", "stage": "needs"}]}
    if bought:
        data["sales"] = {"last_12m": 180000, "prior_12m": 160000, "last_order": "2026-10-30"}
    return data


@pytest.mark.parametrize("zh", [False, True])
def test_a_dealer_that_buys_is_not_asked_for_its_first_order(advisor, zh):
    rule = "mobile-accessory-distribution.close.confirm-cooperation"
    assert rule not in _fired(advisor, _dealer(zh, bought=True))
    assert rule in _fired(advisor, _dealer(zh, bought=False))


# --- a decline with a known cause is answered at the cause --------------------------------------------------------------
def _falling(zh: bool, objection: dict | None = None, decider_met: bool = True) -> dict:
    people = [{"name": "黄经理" if zh else "Nadia Roy", "title": "运营主管" if zh else "Head of Operations",
               "roles": ["user", "expert"], "met": True},
              {"name": "程总" if zh else "Victor Hale", "title": "总经理" if zh else "Managing Director",
               "roles": ["decider"], "met": decider_met}]
    data = {"name": "临港物流" if zh else "Portside Logistics", "stage": "maintain", "buying_pattern": "repeat",
            "customer_type": "end_customer", "contacts": people,
            "sales": {"last_12m": 700000, "prior_12m": 1000000, "last_order": "2026-11-01"}}
    if objection:
        data["objections"] = [dict({"contact": people[0]["name"], "date": "2026-10-12"}, **objection)]
    return data


GAPS = [
    ("For single parcel orders your pickers need two days; our marketplace rating drops every time.", False),
    ("You can't do cold-chain for the vaccines, so that volume had to go elsewhere.", False),
    ("Your portal has no live stock view, and our planners need it every morning.", False),
    ("你们散单拣货要两天,平台的店铺评分一直在掉。", True),
    ("你们做不了冷链,那部分货只能给别人。", True),
    ("你们的系统看不到实时库存,我们计划员每天早上都要用。", True),
]


@pytest.mark.parametrize("text,zh", GAPS)
def test_a_decline_beside_a_named_capability_gap_acts_on_the_gap(advisor, vocabulary, text, zh):
    data = _falling(zh, {"text": text, "kind": "feature"})
    account = next(f for f in enrich(Account.model_validate(data), AS_OF, vocabulary=vocabulary)
                   if f["kind"] == "account")
    assert account["decline_cause_kind"] == "capability" and account["decline_cause_quote"] in text
    fired = _fired(advisor, data)
    assert "core.category.declining-stated-cause" in fired and "core.category.declining-find-cause" not in fired


@pytest.mark.parametrize("text,zh", GAPS[:1] + GAPS[3:4])
@pytest.mark.parametrize("change", [{"answered": True}, {"kind": "price"}, {"date": "2026-03-01"}])
def test_an_answered_old_or_other_objection_names_no_cause(advisor, text, zh, change):
    fired = _fired(advisor, _falling(zh, dict({"text": text, "kind": "feature"}, **change)))
    assert "core.category.declining-stated-cause" not in fired and "core.category.declining-find-cause" in fired


@pytest.mark.parametrize("zh", [False, True])
def test_a_decline_whose_decider_was_never_met_asks_for_that_meeting(advisor, zh):
    top = _top(advisor, _falling(zh, decider_met=False))
    assert top[0] == "core.category.declining-meet-the-unmet-decider", top
    assert "core.category.declining-find-cause" not in top and "core.roles.meet-decider" not in top
    met = _top(advisor, _falling(zh, decider_met=True))
    assert "core.category.declining-find-cause" in met and "core.category.declining-meet-the-unmet-decider" not in met


# --- a line our side heads is our side's words -----------------------------------------------------------------------
@pytest.mark.parametrize("sentence,ours", [
    ('Rep (Tom), 4 Dec: "nothing on order since October — ring Priya before the holidays and see"', True),
    ("Account manager note 2 Dec: push the framework price before the budget round in January", True),
    ("Tom: get the cost-per-tonne sheet to them before the group review", True),
    ("Rep (Tom), 4 Dec: Priya says the group will tender the spares in March", False),
    ('Priya: "we will review every supplier in January"', False),
])
def test_a_line_our_side_heads_is_ours_in_english(sentence, ours):
    judge = actors.judge(_Acc("Tom Whitaker", ["Priya Nair"]))
    assert (judge.actor(sentence.lower(), len(sentence) - 1).who == actors.US) == ours


@pytest.mark.parametrize("sentence,ours", [
    ("销售孙晓梅 12月3日:“年前再给老刘打个电话问问,搞个促销拉一下进货”", True),
    ("业务经理批示(周经理,12月5日):年前把框架协议价格定下来", True),
    ("孙晓梅:春节前把样机送过去,顺便谈返利", True),
    ("销售孙晓梅 12月3日:老刘说年后要开两家新店", False),
    ("老刘 12月3日:年后要开两家新店", False),
])
def test_a_line_our_side_heads_is_ours_in_chinese(sentence, ours):
    judge = actors.judge(_Acc("孙晓梅", ["老刘"]))
    assert (judge.actor(sentence, len(sentence) - 1).who == actors.US) == ours
