"""``who: met:<role>[,<role>…]`` (advisor/evaluation/outcomes.py; session 15): a step worked out WITH the contacts we
have goes to the holders of the first role we have met, else the met holders of the next role listed, else the most
senior contact met; nobody holding the first role: as ``role:<role>``.

No core rule uses it: session 15 tried it on the state buying path (`met:purchaser,expert`) and the blind set
accounts-v18 showed both coaches, on both state buyers, going to the purchasing head never met — the core rules keep
``role:purchaser`` (tests/test_playbook_teachings.py). The addressing is a pack author's choice, tested here on a pack of
its own.
"""
from __future__ import annotations

import datetime as dt

import pytest

from advisor import Advisor
from advisor.accounts.account import Account

from .packkit import rule, write_pack

AS_OF = dt.date(2026, 11, 23)
RULE = "with-known.map-the-path"


@pytest.fixture(scope="module")
def advisor(tmp_path_factory):
    rules = tmp_path_factory.mktemp("met-role") / "rules"
    write_pack(rules, "with-known", "rules:\n" + rule(
        RULE, "all:\n  - {fact: account.stage, op: eq, value: needs}", then=(
            "      recommend:\n"
            "        who: met:purchaser,expert\n"
            "        due_days: 7\n"
            "        what: {en: map the path with them, zh: 和他们一起理清采购路径}\n"
            "        why: {en: they know it, zh: 他们清楚}\n")))
    return Advisor(rules)


def _advise(advisor, account):
    return advisor.advise(account, as_of=AS_OF, packs=["with-known"])


def _account(name: str, contacts: list[dict]) -> Account:
    return Account.model_validate({
        "name": name, "ownership": "state_owned", "buying_pattern": "project", "stage": "needs",
        "contacts": contacts, "opportunities": [{"name": "Substation monitoring", "amount": 1800000, "stage": "needs"}]})


@pytest.mark.parametrize("name, contacts, to", [
    # the purchaser never met: the path is mapped with the engineer we know
    ("Grid Maintenance Co", [{"name": "Ms Dube", "roles": ["purchaser"], "met": False},
                             {"name": "Eng. Moyo", "roles": ["expert", "user"], "met": True}], {"Eng. Moyo"}),
    ("河西电力检修公司", [{"name": "刘科长", "roles": ["purchaser"], "met": False},
                   {"name": "周工", "roles": ["expert"], "met": True}], {"周工"}),
    ("市一医院设备科", [{"name": "王主任", "roles": ["purchaser"], "met": False},
                 {"name": "李工", "roles": ["user"], "met": True},
                 {"name": "赵院长", "roles": ["decider"], "is_boss": True, "met": False}], {"李工"}),
    # no purchaser met: the technical contact we know, before a more senior contact of another role
    ("Coastal Rail Works", [{"name": "Ms Dube", "roles": ["purchaser"], "met": False},
                            {"name": "Mr Banda", "roles": ["initiator", "user"], "senior": True, "met": True},
                            {"name": "Eng. Moyo", "roles": ["expert"], "met": True}], {"Eng. Moyo"}),
    # a purchaser met: with them, and not with an unmet second one
    ("Water Board", [{"name": "Mr Ncube", "roles": ["purchaser"], "met": True},
                     {"name": "Mrs Sibanda", "roles": ["purchaser"], "met": False},
                     {"name": "Eng. Moyo", "roles": ["expert"], "met": True}], {"Mr Ncube"}),
])
def test_a_met_role_step_goes_to_a_contact_we_have_met(advisor, name, contacts, to):
    advice = _advise(advisor, _account(name, contacts))
    got = {a.contact for a in advice.actions if a.rule == RULE or RULE in (a.merged_rules or [])}
    assert got == to, [(a.rule, a.contact) for a in advice.actions]


def test_nobody_holding_the_role_goes_to_the_lead_as_role_does(advisor):
    # no purchaser on file at all: as role:purchaser — the most senior contact met, not the technical contact
    account = _account("County Water Board", [{"name": "Mrs Phiri", "roles": ["decider"], "is_boss": True, "met": True},
                                              {"name": "Eng. Moyo", "roles": ["expert"], "met": True}])
    got = {a.contact for a in _advise(advisor, account).actions if a.rule == RULE}
    assert got == {"Mrs Phiri"}, got


def test_nobody_met_names_the_role(advisor):
    account = _account("Rural Council", [{"name": "Ms Dube", "roles": ["purchaser"], "met": False}])
    actions = [a for a in _advise(advisor, account).actions if a.rule == RULE]
    assert actions and all(a.contact is None for a in actions), [(a.rule, a.contact) for a in actions]
