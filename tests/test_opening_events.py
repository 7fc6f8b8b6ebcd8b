"""The customer's own dated plans and the gates it sets for its suppliers (advisor/accounts/openings.py types event and
deadline, advisor/accounts/anchors.py, rules/core/openings.yaml core.openings.meet-the-deadline; issue 22, session 7).
Each reading fires and stays silent, each checked a second time worded differently, in another industry and the other
language (simplified and traditional Chinese)."""
from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest

from advisor.accounts import anchors
from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.files.errors import AdvisorError
from advisor.language.pack import load_packs
from advisor.toolkit.lint import lint

from .conftest import RULES

AS_OF = dt.date(2026, 12, 10)


@pytest.fixture(scope="module")
def options(advisor):
    packset, _ = advisor.load(["core"])
    return packset.fact_options()


def _account(note=None, notes=None, next_step=None, objections=(), **extra) -> Account:
    visit = {"date": "2026-12-02", "contact": "Ann Lee", "outcome": "positive"}
    if note:
        visit["note"] = note
    if next_step:
        visit["next_step"] = next_step
    data = {"name": "Test Account", "stage": "maintain",
            "sales": {"last_12m": 500000, "prior_12m": 480000, "last_order": "2026-11-20"},
            "contacts": [{"name": "Ann Lee", "title": "Owner", "roles": ["decider"], "is_boss": True, "met": True}],
            "visits": [visit] if (note or next_step) else [], "objections": list(objections)}
    if notes:
        data["notes"] = notes
    data.update(extra)
    return Account.model_validate(data)


def _openings(options, account: Account, as_of: dt.date = AS_OF) -> list[dict]:
    return [f for f in enrich(account, as_of, **options) if f["kind"] == "opening"]


def _types(options, **kw) -> dict[str, str]:
    return {f["type"]: f.get("closes") for f in _openings(options, _account(**kw))}


@pytest.mark.parametrize("kw, closes", [
    # a plan of the customer's with a month, in the visit's note — hospitality in Macau, Cantonese
    ({"note": "部門聚會做完 Kelvin話明年1月尾牙想再搵我哋"}, "2027-01-01"),
    # a recurring buying event with its month — a sports retailer, English
    ({"notes": "Pattern: they book the spring indent every January."}, "2027-01-01"),
    # a named period mapped to its day, simplified Chinese — a school canteen
    ({"note": "学校计划圣诞前更换食堂的全部餐具"}, "2026-12-25"),
    # a quarter, English — a water utility
    ({"note": "The utility plans to re-line the main intake in Q1 2027."}, "2027-03-31"),
    # a period that moves with the moon: Ramadan's next start after the day written
    ({"notes": "They will restock the prayer-hall carpets before Ramadan."}, "2027-02-08"),
    # next year's period, not this year's: "明年聖誕" written before this Christmas
    ({"note": "傾好明年聖誕杯同印花杯套"}, "2027-12-25"),
])
def test_a_customer_plan_with_a_time_anchor_is_an_event(options, kw, closes):
    assert _types(options, **kw) == {"event": closes}


@pytest.mark.parametrize("kw", [
    {"note": "No plans to replace the cutlery before Christmas."},            # negated
    {"note": "学校不打算在春节前更换餐具"},                                    # negated, Chinese
    {"next_step": "We will send the offer before Christmas."},               # our promise: a next step
    {"note": "We will send the revised offer in January."},                   # our own plan in a note
    {"note": "往年春节给行里各部门送年货,12月要准备"},                          # our gift, the year before
    {"notes": "Usual Christmas hamper to the line team every December."},     # our gift
    {"notes": "Annual contract billed every January."},                       # a recurring payment: rhythm
    {"notes": "年約每年1月請款一次,所以一年一筆是正常的"},                      # the same, traditional
    {"note": "They ordered every few weeks until July, then stopped."},       # a month past, not recurring
    {"note": "The plant shutdown was completed in November; next one planned."},  # over, and no anchor left
    {"note": "Next visit next Friday to go through the samples."},            # a weekday is the rep's diary
    {"note": "Our delivery will arrive in January."},                         # ours
    {"note": "He will be on leave until January."},                           # background: nothing to buy or choose
    {"note": "王经理下个月休产假,客户预计1月付尾款"},                             # background, Chinese
    {"note": "他们计划年底前完成内部审计"},                                       # background, a customer's own audit
    {"note": "他们6月份订过一次,之后没再下单"},                                   # a month just past, not said to recur
    {"objections": [{"text": "We will look at it again after Chinese New Year.", "date": "2026-12-02"}]},  # a stall
])
def test_no_event_where_it_is_negated_ours_routine_past_or_undated(options, kw):
    assert "event" not in _types(options, **kw)


@pytest.mark.parametrize("note, closes", [
    ("Finance plans to consolidate suppliers in Q1.", "2027-03-31"),            # a quarter without its year
    ("医院计划明年一季度启用新门诊楼", "2027-03-31"),                               # the same, next year's, Chinese
    ("They will decide on the new dosing pumps next month.", "2027-01-01"),     # next month
    ("他们下个月要定明年的物流承运商", "2027-01-01"),                               # the same, Chinese
    ("The mine is scheduled to start the crusher overhaul in February.", "2027-02-01"),  # nearer next year's
    ("公司預計明年3月搬去新辦公室", "2027-03-01"),                                  # traditional, next year's March
])
def test_an_event_is_dated_by_a_bare_quarter_next_month_or_the_nearer_month(options, note, closes):
    assert _types(options, note=note) == {"event": closes}


def test_a_subsidy_sign_up_stays_the_subsidy_and_a_gate_takes_its_own_words(options):
    # a subsidy's sign-up date is the subsidy's window (its own rule), not a second opening as a gate
    assert _types(options, note="县商务局通知:以旧换新补贴门店12月25日前报名") == {"subsidy": "2026-12-25"}
    # a gate's documents written another way, traditional: "…12月20日前要交"
    assert _types(options, note="供應商資質審核材料12月20日前要交齊") == {"deadline": "2026-12-20"}


def test_an_event_is_read_only_where_no_list_names_the_opening(options):
    # the expansion list names it: one opening, of the list's type, not a second reading as an event
    assert set(_types(options, note="Ann said they plan a new plant in Q2 2027.")) == {"expansion"}


@pytest.mark.parametrize("kw, closes", [
    # a vendor list a cement plant keeps, English
    ({"note": "Vendors must be on the approved list with updated documents before 31 Dec."}, "2026-12-31"),
    # a date to lock with a deposit, Cantonese: within the month written is its last day
    ({"notes": "尾牙日期要喺12月內定 唔係就畀其他場搶晒好日子"}, "2026-12-31"),
    # an indent's cut-off, English
    ({"notes": "SS27 indent window closes 20 Jan 2027."}, "2027-01-20"),
    # a supplier admission with its date, simplified — a state-owned bureau
    ({"note": "今年的供方入库评审12月底截止,过了就要等明年二季度"}, "2026-12-31"),
    # a certificate and its cut-off in one clause, traditional
    ({"note": "資質證書12月20日前上傳到平台"}, "2026-12-20"),
    # a deposit to hold the dates before a named period — a hotel, English ("before Christmas": by the 24th)
    ({"note": "They need to pay the deposit to hold the dates before Christmas."}, "2026-12-24"),
])
def test_a_gate_the_customer_sets_for_suppliers_is_a_deadline(options, kw, closes):
    got = _types(options, **kw)
    assert got.get("deadline") == closes and "event" not in got


@pytest.mark.parametrize("kw", [
    {"note": "We are on the approved vendor list since 2019."},             # no date: a fact, not a window
    {"note": "资质证书已经上传完成"},                                          # done
    {"note": "The vendor registration closed on 1 Nov."},                   # past
])
def test_no_deadline_without_its_date_or_when_it_is_over(options, kw):
    assert "deadline" not in _types(options, **kw)


def test_named_periods_fall_on_their_next_date():
    assert anchors.next_on(["12-25"], dt.date(2026, 12, 26)) == dt.date(2027, 12, 25)
    assert anchors.next_on(["02", "09"], dt.date(2026, 3, 5)) == dt.date(2026, 9, 1)
    assert anchors.next_on(["2027-02-06", "2028-01-26"], dt.date(2027, 3, 1)) == dt.date(2028, 1, 26)
    assert anchors.next_on(["2027-02-06"], dt.date(2027, 3, 1)) is None
    # within the month written is its last day; the month written in, for a customer's words, is this month
    assert anchors.month("12月內定", dt.date(2026, 12, 10)) == dt.date(2026, 12, 31)
    assert anchors.month("decide in december", dt.date(2026, 12, 10), this_month=True) == dt.date(2026, 12, 31)
    assert anchors.month("ordered until july", dt.date(2026, 12, 10), roll=False) is None


def _advise(advisor, data, as_of=AS_OF):
    return advisor.advise(Account.model_validate(data), as_of=as_of, packs=["core"])


BASE = {"stage": "maintain", "sales": {"last_12m": 900000, "prior_12m": 880000, "last_order": "2026-11-25"},
        "contacts": [{"name": "Omar Aziz", "title": "Buyer", "roles": ["purchaser"], "met": True},
                     {"name": "Lena Fox", "title": "Director", "roles": ["decider"], "senior": True, "met": False}]}


@pytest.mark.parametrize("name, note", [
    ("Gulf Cement", "Omar: vendors must be on the approved list with the renewed certificate before 28 Dec."),
    ("華南酒店", "Omar話尾牙日期要喺12月內定,要先交訂金"),
])
def test_a_supplier_gate_closing_soon_ranks_before_the_unmet_decider(advisor, name, note):
    data = dict(BASE, name=name, visits=[{"date": "2026-12-01", "contact": "Omar Aziz", "outcome": "neutral",
                                          "note": note}])
    actions = _advise(advisor, data).actions
    first = actions[0]
    assert (first.rule, first.level, first.contact) == ("core.openings.meet-the-deadline", "supplier_gate",
                                                        "Omar Aziz")
    decider = next(a for a in actions if a.rule == "core.roles.meet-decider")
    assert actions.index(decider) > 0


def test_a_supplier_gate_does_not_outrank_an_open_complaint_nor_fire_when_far(advisor):
    visits = [{"date": "2026-12-01", "contact": "Omar Aziz", "outcome": "neutral",
               "note": "Omar: vendors must be on the approved list with the renewed certificate before 28 Dec."}]
    data = dict(BASE, name="Gulf Cement", visits=visits,
                complaints=[{"date": "2026-12-03", "contact": "Omar Aziz", "what": "Two pallets of bricks arrived cracked",
                             "severity": "high", "status": "open"}])
    actions = _advise(advisor, data).actions
    gate = next(a for a in actions if a.rule == "core.openings.meet-the-deadline")
    assert actions[0].level == "open_complaint" and actions.index(gate) > 0
    far = dict(BASE, name="Gulf Cement", visits=[dict(visits[0], note="Omar: vendors must be on the approved list "
                                                                       "before 20 Mar 2027.")])
    rules = [a.rule for a in _advise(advisor, far).actions]
    assert "core.openings.meet-the-deadline" not in rules and "core.openings.pursue" in rules


@pytest.mark.parametrize("name, note", [
    ("Northwind Retail", "Owen says they decide the new brands every January."),
    ("兴华机电", "周经理说明年1月职代会定疗休养计划"),
])
def test_a_customer_event_within_the_window_ranks_at_the_window_level_but_after_a_live_objection_against_us(
        advisor, name, note):
    data = dict(BASE, name=name, contacts=[{"name": "Owen Cho", "title": "Owner", "roles": ["decider"], "met": True},
                                           {"name": "周经理", "title": "工会", "roles": ["influencer"], "met": True}],
                visits=[{"date": "2026-12-01", "contact": "Owen Cho" if name.isascii() else "周经理",
                         "outcome": "positive", "note": note}])
    first = _advise(advisor, data).actions[0]
    assert (first.rule, first.level) == ("core.openings.window-closing", "opportunity_window")
    # a demand for exclusivity on record is answered before the plan it conditions is sold
    data["objections"] = [{"contact": data["visits"][0]["contact"], "date": "2026-12-01",
                           "text": "Give us the province exclusive or we push the other brand next year."
                           if name.isascii() else "要我们明年主推你们,就得给我们全省独家"}]
    rules = [a.rule for a in _advise(advisor, data).actions]
    assert "core.openings.window-closing" not in rules and "core.openings.pursue" in rules


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    out = tmp_path / "rules"
    shutil.copytree(RULES / "core", out / "core")
    return out


def _industry_pack(rules_dir: Path, vocabulary: str) -> Path:
    folder = rules_dir / "hospitality-events"
    folder.mkdir(parents=True)
    path = folder / "pack.yaml"
    path.write_text("name: hospitality-events\nversion: 0.0.1\ndescription: {en: test pack, zh: 测试规则包}\n"
                    "extends: core\nvocabulary:\n" + textwrap.indent(textwrap.dedent(vocabulary), "  "), encoding="utf-8")
    return path


def test_an_industry_pack_names_its_own_period_and_the_reader_dates_by_it(rules_dir):
    """A trade's own season is pack data: a pack adds period_<name> with its month, and an event in it is read."""
    _industry_pack(rules_dir, """\
        period_pre_season:
          on: ["02"]
          en: [pre-season]
          zh: [旺季前]
          zh_hant: [旺季前]
        """)
    options = load_packs(["hospitality-events"], rules_dir).fact_options()
    assert load_packs(["core"], rules_dir).fact_options()["vocabulary"].get("period_pre_season") is None
    got = _openings(options, _account(note="They plan the team kit order for the pre-season."))
    assert [(f["type"], f["closes"]) for f in got] == [("event", "2027-02-01")]
    got = _openings(options, _account(note="球队计划旺季前统一订购队服"))
    assert [(f["type"], f["closes"]) for f in got] == [("event", "2027-02-01")]


@pytest.mark.parametrize("vocabulary, line, finding", [
    ("period_pre_season:\n  en: [pre-season]\n", 6, "a named period needs its date"),
    ("tender:\n  on: [\"02\"]\n  en: [expression of interest]\n", 7, "on: is for a named period only"),
])
def test_lint_names_a_period_without_its_date_and_a_date_on_a_word_list(rules_dir, vocabulary, line, finding):
    _industry_pack(rules_dir, vocabulary)
    errors = [str(e) for e in lint(rules_dir, ["hospitality-events"]).errors]
    assert any(finding in e and f"pack.yaml:{line}:" in e for e in errors), errors


def test_a_period_date_in_the_wrong_form_is_a_one_line_load_error(rules_dir):
    path = _industry_pack(rules_dir, "period_pre_season:\n  on: [\"Feb\"]\n  en: [pre-season]\n")
    with pytest.raises(AdvisorError) as info:
        load_packs(["hospitality-events"], rules_dir)
    message = str(info.value)
    assert f"{path}:7" in message and "'Feb' is not a month" in message and "\n" not in message.strip()


@pytest.mark.parametrize("name, note, reach", [
    ("Harbour Freight", "Omar says Lena Fox plans to pick the new forklift fleet in January.", "Lena Fox"),
    ("华南物流", "Omar说李总计划明年1月定新叉车车队", "李总"),
])
def test_an_event_that_runs_through_someone_unmet_asks_for_the_introduction(advisor, name, note, reach):
    data = dict(BASE, name=name, contacts=BASE["contacts"] + [{"name": "李总", "title": "总经理", "roles": ["decider"],
                                                                 "met": False}],
                visits=[{"date": "2026-12-01", "contact": "Omar Aziz", "outcome": "positive", "note": note}])
    actions = _advise(advisor, data).actions
    through = next(a for a in actions if "core.openings.window-closing-through" in a.merged_rules)
    assert through.level == "opportunity_window" and reach in through.what["en"]
    assert "core.openings.window-closing" not in [a.rule for a in actions]


@pytest.mark.parametrize("event, deadline, after", [
    ({"closes": "2027-01-10"}, {"closes": "2026-12-20"}, True),    # the event after the gate: the gate leads
    ({"closes": "2026-12-20"}, {"closes": "2026-12-20"}, True),
    ({"closes": "2026-12-15"}, {"closes": "2026-12-20"}, False),   # the event first: both stay
    ({"dated": False}, {"closes": "2026-12-20"}, False),           # an undated event beside a dated gate (was a KeyError)
    ({"closes": "2027-01-10"}, {"dated": False}, False),           # a gate that opens later, undated
])
def test_an_event_gives_way_to_the_gate_only_when_both_are_dated_and_it_falls_after(event, deadline, after):
    from advisor.accounts.openings import falls_after_gate
    assert falls_after_gate(event, deadline) is after
