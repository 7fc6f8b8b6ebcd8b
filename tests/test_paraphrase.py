"""Advice that does not depend on the words a rep happened to use (issue 22, session 8): metamorphic tests.

tests/data/paraphrase/<set>/ holds copies of 30 accounts of the seen dev sets (15 en, 15 zh, every ``serves``) whose
#1 was right, with every fact kept and all free text rewritten in another register (terse notes, a narrative, report
prose) and other words (its expectations.yaml says how). The advice on a copy should be the advice on its original:
  - the #1-right count on the copies may not fall below what the advisor reaches now (a regression guard), and
  - where the original and its copy agree on the #1 rule today, they keep agreeing.
And the readings fixed while measuring it, in wording of our own: a title saying its holder has gone, and a Chinese
weekday deadline with a measure word (下个礼拜五) or in traditional characters (下週三).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from advisor import load_account
from advisor.accounts.account import Account
from advisor.accounts.promises import customer_step, due_from_text
from advisor.files.yamlio import load_yaml_file

from .conftest import ROOT, load_benchmark

PARAPHRASE = ROOT / "tests" / "data" / "paraphrase"
ORIGINAL = ROOT / "tests" / "data" / "blind"

# #1 right on the paraphrased copies (30 accounts): 25 before the session-8 fixes, 27 after (the departed words; a
# move read from the record, movedaway.py); the #1 rule agreed on 24 of 30 before, 26 after (also: a step whose
# customer only receives is ours)
FIRST_RIGHT_FLOOR = 27
# copies whose #1 rule differs from the original's today, each for a reason the report gives (not word readings
# this session could change: the objection reader and the openings model belong to other work, and one copy
# reads a retirement its original's title does not say with 已) — every other copy must agree with its original
DIFFERING = {
    "accounts/dispersant-moved-to-basf.yaml",  # "都从巴斯夫进了" read as price, not a supplier: right by the lost deal
    "accounts-v4/en-leisure-year-end-party-booking.yaml",  # the window date "before FY close 12/12" (openings model)
    "accounts-v6/zh-greenhouse-film-new-base.yaml",  # "一亩地要多花一两百块" read as budget, not price (reader)
    "accounts-v7/a-zh-power-hospital-new-chief.yaml",  # the copy's "已退休" is read; the original's "10月底退休" is not
    # session 11's retrained reader takes the original's "送货安装也是他们包" (what the rival offers) as a service
    # complaint, so the apology for a failure leads; the copy's "配送安装都是他们自己管" is not, so learning why leads
    "accounts-v4/zh-ce-dealer-fridges-moved-to-haier.yaml",
}


def _cases():
    for folder in sorted(p for p in PARAPHRASE.iterdir() if (p / "expectations.yaml").exists()):
        spec = load_yaml_file(folder / "expectations.yaml")[0]
        as_of = dt.date.fromisoformat(str(spec["as_of"]))
        for file, expect in sorted(spec["accounts"].items()):
            yield folder.name, file, as_of, expect


@pytest.fixture(scope="module")
def judged(advisor):
    coach = load_benchmark("coach")
    out = {}
    for folder, file, as_of, expect in _cases():
        lang = expect.get("lang", "en")
        got = {}
        for side, root in (("copy", PARAPHRASE), ("original", ORIGINAL)):
            account = load_account(root / folder / file)
            advice = advisor.advise(account, as_of=as_of)
            m = coach.blind_measure(advice, expect, lang, tuple(o.text.lower() for o in account.objections))
            got[side] = (m["first_right"], advice.actions[0].rule if advice.actions else None)
        out[f"{folder}/{file}"] = got
    return out


def test_the_paraphrase_set_is_thirty_accounts_half_en_half_zh():
    cases = list(_cases())
    assert len(cases) == 30
    assert sum(1 for *_, e in cases if e.get("lang") == "en") == 15
    for folder, file, _, _ in cases:  # a copy of an account that is still in its dev set
        assert (ORIGINAL / folder / file).exists(), f"{folder}/{file}"


def test_first_right_on_the_paraphrased_copies_does_not_fall(judged):
    right = sorted(k for k, v in judged.items() if v["copy"][0])
    assert len(right) >= FIRST_RIGHT_FLOOR, sorted(set(judged) - set(right))
    assert all(v["original"][0] for v in judged.values())  # the originals were chosen right: they still are


def test_original_and_copy_agree_on_the_first_action(judged):
    differ = {k for k, v in judged.items() if v["copy"][1] != v["original"][1]}
    assert differ <= DIFFERING, {k: judged[k] for k in differ - DIFFERING}


# ------------------------------------------------------------------ the readings fixed ---
def _departed(advisor, title: str) -> bool:
    account = Account.model_validate({"name": "Acme", "stage": "maintain", "contacts": [
        {"name": "Kim", "title": title, "roles": ["purchaser"], "met": True},
        {"name": "Lee", "roles": ["decider"], "met": True}]})
    facts = advisor.advise(account, as_of=dt.date(2026, 12, 1)).facts
    return next(f for f in facts if f.get("kind") == "contact" and f.get("name") == "Kim")["departed"]


@pytest.mark.parametrize("title", [
    "Plant buyer - no longer at the company since October",
    "Category Manager (stepped down after the merger)",
    "Senior Buyer, was let go in the restructuring",
    "采购主管,上个月已经不在公司了",
    "设备科科长(今年9月退休了)",
    "仓库经理 人已经走了,接替的人还没定",
    "採購專員(已經離職)",
])
def test_a_title_saying_its_holder_has_gone_in_other_words_is_read_as_departed(advisor, title):
    assert _departed(advisor, title)


@pytest.mark.parametrize("title", ["Senior Buyer (joined in October)", "Buyer, runs the move to the new site",
                                   "新任采购经理(10月到岗)", "仓库经理,负责出入库", "採購主任(剛上任)"])
def test_a_title_of_someone_still_there_is_not_read_as_departed(advisor, title):
    assert not _departed(advisor, title)


@pytest.mark.parametrize("text, due", [
    ("下个礼拜五之前把报价发过去", dt.date(2026, 11, 27)),
    ("下個禮拜三前回覆返利方案", dt.date(2026, 11, 25)),
    ("下週一前寄樣品", dt.date(2026, 11, 23)),
    ("下星期五以前交测试报告", dt.date(2026, 11, 27)),
    ("这个礼拜四前确认交期", dt.date(2026, 11, 19)),
    ("下礼拜内把图纸给他", dt.date(2026, 11, 27)),
])
def test_a_chinese_weekday_deadline_reads_the_same_in_other_words(text, due):
    # said on Tuesday 17 Nov 2026: 下… is next week's day, 这/本… this week's
    assert due_from_text(text, dt.date(2026, 11, 17)) == due


@pytest.mark.parametrize("step, contact, theirs", [
    ("Ines to receive the signed service plan by Friday", "Ines Duarte", False),
    ("Customer will be sent the trial results next week", None, False),
    ("They receive our revised layout before the board meeting", None, False),
    ("Ines to sign the service plan by Friday", "Ines Duarte", True),
    ("They get sign-off from the board", None, True),
    ("对方月底前收到我们的样机", None, False),
    ("客户下周二前收到三套打样", None, False),
    ("刘总下周收到合同草稿", "刘总", False),
    ("刘总收到合同草稿后安排法务审核", "刘总", True),
    ("客户下周一前确认数量并下单", None, True),
])
def test_a_step_whose_customer_only_receives_is_ours(step, contact, theirs):
    assert customer_step(step, contact) is theirs
