"""A promise that would carry out an unverified change of authority is held, not kept (issue 22, session 11).

A rep writes down, as the next step, exactly what someone whose own authority is the question asked for ("add him as
signatory this week", "本周把收款账户改过去"). Kept as a due promise it ranked first and carried the request out. The
rule about accounts in general: where a change of who signs or where the money goes is not verified, a promise of ours
whose own words make that change is held (core.promises.hold-until-verified) below the verification
(core.roles.verify-authority-change), never kept as due; a verification recorded afterwards lets it be kept again.
And "until … verified" with a long subject between is still a check to come, not one done. Accounts in wording of our
own, built in memory.
"""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account

AS_OF = dt.date(2027, 2, 10)
VERIFY = "core.roles.verify-authority-change"
HOLD = "core.promises.hold-until-verified"
KEEP = {"core.visits.follow-up-script", "core.promises.keep", "core.promises.overdue"}


def _account(lang: str, note: str, next_step: str) -> Account:
    zh = lang == "zh"
    return Account.model_validate({
        "name": "华南五金贸易有限公司" if zh else "Harbourline Fasteners Ltd",
        "stage": "maintain", "owner": "Lin Yu" if not zh else "林宇",
        "sales": {"last_12m": 800000, "prior_12m": 760000, "last_order": "2027-02-01"},
        "contacts": [
            {"name": "周总" if zh else "Peter Walsh", "title": "董事长" if zh else "Managing director",
             "roles": ["decider"], "is_boss": True, "met": True},
            {"name": "周小军" if zh else "Ryan Walsh", "title": "副总" if zh else "Deputy director",
             "roles": ["influencer"], "met": True},
            {"name": "许会计" if zh else "Nora Diaz", "title": "会计" if zh else "Accountant",
             "roles": ["purchaser"], "met": True}],
        "visits": [{"date": "2027-02-03", "contact": "周小军" if zh else "Ryan Walsh", "outcome": "positive",
                    "note": note, "next_step": next_step}]})


CASES = [
    ("en", "Ryan came in with a letter he signed himself, asking to replace the signatory on the account with him "
           "and to remove his father from internet banking. Nothing moves until the request and the board minutes "
           "are confirmed with Peter in person.",
     "Add Ryan as sole signatory by Friday"),
    ("en", "Ryan wants the supplier payments switched to new bank details at another bank; no seal on the form. "
           "We act only once the change of mandate and its board resolution are verified with Peter by call-back.",
     "Update the bank details for Ryan before the 8th"),
    ("en", "Ryan asked us to change the authorised signatory to himself, saying his father has retired; the "
           "accountant had not heard of it.",
     "Change the authorised signatory to Ryan this week"),
    ("zh", "周小军拿来一封只有他本人签字的函,要求把授权签字人换成他,没有公章也没有董事会决议;在公司章程和董事会决议向周总本人核实之前不办。",
     "本周内把授权签字人换成周小军"),
    ("zh", "周小军说以后货款打到新的收款账户,是另一家银行的,许会计不知道这件事。",
     "2月5日前把收款账户改成周小军给的新账户"),
    ("zh", "周小军要求新增他为网银管理员并删除周总的权限,说周总住院了。",
     "月底前新增周小军为网银管理员"),
]


@pytest.mark.parametrize("lang, note, next_step", CASES)
def test_a_promise_carrying_an_unverified_change_is_held_below_the_verification(advisor, lang, note, next_step):
    advice = advisor.advise(_account(lang, note, next_step), as_of=AS_OF)
    rules = [a.rule for a in advice.actions]
    assert rules[0] == VERIFY, rules[:5]
    assert HOLD in rules[:3], rules[:5]
    assert not KEEP & set(rules), rules  # never kept as a due promise while the change is unverified
    [promise] = [f for f in advice.facts if f.get("kind") == "promise"]
    assert promise["carries_unverified_change"] is True


@pytest.mark.parametrize("lang, note, next_step", [
    # verified since: the promise is kept as any other
    ("en", "Ryan asked to replace the signatory with himself; verified with Peter by call-back on 4 Feb, board "
           "resolution on file.", "Add Ryan as signatory by Friday"),
    ("zh", "周小军要求把授权签字人换成他;已电话核实,周总本人确认,董事会决议已存档。", "本周内把授权签字人换成周小军"),
    # unverified, but the promise does something else: it is kept, the verification still first
    ("en", "Ryan asked to replace the signatory with himself; nothing changes until it is verified with Peter.",
     "Send Nora the March statement by Friday"),
    ("zh", "周小军要求把授权签字人换成他;在向周总本人核实之前不办。", "周五前把三月对账单发给许会计"),
])
def test_a_promise_that_is_safe_to_keep_is_kept(advisor, lang, note, next_step):
    advice = advisor.advise(_account(lang, note, next_step), as_of=AS_OF)
    rules = [a.rule for a in advice.actions]
    assert HOLD not in rules
    assert KEEP & set(rules), rules
    [promise] = [f for f in advice.facts if f.get("kind") == "promise"]
    assert promise["carries_unverified_change"] is False


# session 16: the customer's own step by the one who asked for the unverified change is held with every request of
# theirs (core.promises.hold-customer-step-until-verified) — never chased as a due commitment above the verification
HOLD_THEIRS = "core.promises.hold-customer-step-until-verified"
CHASE = {"core.promises.customer-commitment", "core.promises.customer-step-ahead",
         "core.promises.customer-step-undated", "core.promises.customer-step-before-the-deal"}


@pytest.mark.parametrize("lang, note, next_step", [
    ("en", "Ryan asked to be set up as sole approver for supplier payments; only his own letter backs it.",
     "Ryan to send the signed approval form by 11 Feb"),
    ("en", "Ryan wants the bank details changed to his new account at another bank; Peter was not there.",
     "Ryan to bring the new account letter by 11 Feb"),
    ("en", "Ryan asked us to add him as a signatory; nothing from Peter yet.", "Ryan to return the mandate by 11 Feb"),
    ("zh", "周小军要求把他设为付款唯一审批人,只有他自己签的函。", "周小军2月11日前交回签好的申请表"),
    ("zh", "周小军要求变更收款账户,周总不在场。", "周小军2月11日前送来新账户证明"),
    ("zh", "周小军要求更换授权签字人,没有董事会决议。", "周小军2月11日前交回授权书"),
])
def test_the_unverified_askers_own_step_is_held_not_chased(advisor, lang, note, next_step):
    actions = advisor.advise(_account(lang, note, next_step), AS_OF).actions
    rules = [a.rule for a in actions]
    assert rules[0] == VERIFY and HOLD_THEIRS in rules and not CHASE & set(rules), rules


@pytest.mark.parametrize("lang, note, next_step", [
    ("en", "Ryan asked to be set up as sole approver; verified in person with Peter at the branch.",
     "Ryan to send the signed approval form by 11 Feb"),
    ("en", "Ryan asked us to add him as a signatory; confirmed by call-back with Peter.",
     "Ryan to return the mandate by 11 Feb"),
    ("zh", "周小军要求把他设为付款唯一审批人,已当面核实。", "周小军2月11日前交回签好的申请表"),
])
def test_a_verified_askers_step_is_chased(advisor, lang, note, next_step):
    rules = [a.rule for a in advisor.advise(_account(lang, note, next_step), AS_OF).actions]
    assert HOLD_THEIRS not in rules, rules
