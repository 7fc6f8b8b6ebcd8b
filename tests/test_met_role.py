"""``who: met:<role>`` (advisor/evaluation/outcomes.py; session 15): a step worked out WITH the contacts we have — mapping
a state buyer's buying path "with the technical and the purchasing contacts" — goes to the holders of the role we have
met, else to the most senior contact met; a purchaser never met is someone to reach first, not the one it is done with.
"""
from __future__ import annotations

import datetime as dt

import pytest

from advisor.accounts.account import Account

AS_OF = dt.date(2026, 11, 23)
RULE = "core.buying.map-state-buying-path"


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
def test_the_buying_path_is_mapped_with_a_contact_we_have_met(advisor, name, contacts, to):
    advice = advisor.advise(_account(name, contacts), as_of=AS_OF)
    got = {a.contact for a in advice.actions if a.rule == RULE or RULE in (a.merged_rules or [])}
    assert got == to, [(a.rule, a.contact) for a in advice.actions]


def test_nobody_holding_the_role_goes_to_the_lead_as_role_does(advisor):
    # no purchaser on file at all: as role:purchaser — the most senior contact met, not the technical contact
    account = _account("County Water Board", [{"name": "Mrs Phiri", "roles": ["decider"], "is_boss": True, "met": True},
                                              {"name": "Eng. Moyo", "roles": ["expert"], "met": True}])
    got = {a.contact for a in advisor.advise(account, as_of=AS_OF).actions if a.rule == RULE}
    assert got == {"Mrs Phiri"}, got


def test_nobody_met_names_the_role(advisor):
    account = _account("Rural Council", [{"name": "Ms Dube", "roles": ["purchaser"], "met": False}])
    actions = [a for a in advisor.advise(account, as_of=AS_OF).actions if a.rule == RULE]
    assert actions and all(a.contact is None for a in actions), [(a.rule, a.contact) for a in actions]
