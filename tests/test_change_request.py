"""A change of bank details, payee, signatory or mandate asked for and not verified (session 9, second round): read in
any industry (accounts/authority.py) in the words a clerk or a fraudster writes, a verification still to come
("nothing moves until it is verified in person") is none, and the verification ranks first."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from advisor.accounts.account import Account
from advisor.accounts.facts import enrich
from advisor.language.pack import load_packs

RULES = Path(__file__).resolve().parent.parent / "rules"
AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def vocabulary():
    return load_packs(["core"], RULES).fact_options()["vocabulary"]


def _data(note: str, objection: str | None = None) -> dict:
    data = {"name": "Acme", "stage": "maintain",
            "contacts": [{"name": "Li", "roles": ["decider"], "is_boss": True, "met": True},
                         {"name": "Wu", "roles": ["purchaser"], "met": True}],
            "visits": [{"date": "2026-11-20", "contact": "Wu", "outcome": "neutral", "note": note}]}
    if objection:
        data["objections"] = [{"contact": "Wu", "text": objection, "date": "2026-11-21"}]
    return data


def _account_fact(vocabulary, note: str, objection: str | None = None) -> dict:
    facts = enrich(Account.model_validate(_data(note, objection)), AS_OF, vocabulary=vocabulary)
    return next(f for f in facts if f["kind"] == "account")


FIRES = [
    "An e-mail from a new address, signed by their 'CFO': please use our new bank details for the December invoices.",
    "WhatsApp from the owner's 'personal phone': the rebate goes to a new settlement account in Durban, urgent.",
    "Email asks for a signatory change — add Mr. Osei, remove Ms. Ama — scanned resolution attached.",
    "Text message from the buyer: change of payee for the rebate, keep it confidential.",
    "晚上收到一封邮件,自称财务总监,要求更改收款账户到香港,说很急。",
    "微信上新加的一个号说是吴经理,要把预留印鉴变更一下,U盾管理员也换人。",
    "客户短信通知银行账户变更,下笔货款打到新账号。",
    "收到郵件,說公司要變更簽字人,董事長出國不方便簽字。",
    "LINE訊息:請更改收款帳戶,這次匯到新的帳號,很急。",
    "對方用私人手機傳訊息,說法定代表人已變更,之後請改由他下單付款。",
]


@pytest.mark.parametrize("note", FIRES)
def test_a_change_asked_by_message_is_read(vocabulary, note):
    a = _account_fact(vocabulary, note)
    assert a.get("authority_change_unverified") is True and a["authority_change_word"]


@pytest.mark.parametrize("note", [
    # verified, or made in person
    "Their e-mail asked for new bank details; verified by call-back on the number on file with Li.",
    "Email about a signatory change; Li came to the branch and signed in person.",
    "Change of delivery address by email — confirmed by phone with Wu on the number we hold.",
    "邮件要求更改收款账户,已电话核实,李总确认无误。",
    "微信说要变更签字人,已当面核实,李总本人确认。",
    "收到郵件要變更簽字人,董事長本人到櫃檯當面辦理。",
    # no change asked, a change denied, or a change with no message
    "Emailed them the price list; no change of bank details this year.",
    "Li asked in the meeting about the new plant's opening hours.",
    "邮件里确认了下月的订单数量。",
    "客戶說簽字人沒有變更。",
])
def test_a_verified_absent_or_in_person_change_is_not_read(vocabulary, note):
    assert _account_fact(vocabulary, note).get("authority_change_unverified", False) is False


@pytest.mark.parametrize("note", [
    "E-mail asks for a mandate change. Compliance: nothing moves until the mandate change is verified in person.",
    "邮件要求更改收款账户,须电话核实后再办。",
    "郵件要求變更簽字人,尚未核實。",
])
def test_verification_still_to_come_does_not_silence_it(vocabulary, note):
    assert _account_fact(vocabulary, note).get("authority_change_unverified") is True


def test_the_verification_ranks_first_with_the_evidence(advisor):
    account = Account.model_validate(_data(FIRES[0], "We cannot wait, the boss is travelling — other suppliers do it by e-mail."))
    advice = advisor.advise(account, as_of=AS_OF, packs=["core"])
    first = advice.actions[0]
    assert first.rule.startswith("core.roles.verify-authority-change") and first.serves == "fix_problem"
    assert "on file" in first.what["en"] and "Li" in str(first)
