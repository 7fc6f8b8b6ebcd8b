"""Session 14 (issue 22): at a state-owned or public buyer with a purchase open, whoever approves at that amount is
reached through its approval levels, tender rules and budget year — the path comes before the person — so the route
to the boss through a key person (core.roles.win-key-person) waits, as the meeting with an unmet decider already does
(core.roles.meet-decider, session 3). A private buyer, a path already mapped, or nothing open: the route speaks.
Accounts written here, in trades none of the seen sets use."""
from __future__ import annotations

import copy

import pytest

from advisor.accounts.account import Account

from .conftest import AS_OF

ROUTE = "core.roles.win-key-person"


def _buyer(name, ownership, contact, boss, need):
    """A buyer of ours by project, at needs: ``contact`` (name, title) met and able to reach ``boss`` (name, title),
    the boss never met; ``need`` the open opportunity."""
    return {
        "name": name, "stage": "needs", "ownership": ownership, "customer_type": "end_customer",
        "buying_pattern": "project",
        "sales": {"last_12m": 300_000, "prior_12m": 280_000, "last_order": "2026-09-30"},
        "contacts": [{"name": contact[0], "title": contact[1], "roles": ["influencer", "user"], "met": True,
                      "reaches": [boss[0]]},
                     {"name": boss[0], "title": boss[1], "roles": ["decider"], "is_boss": True, "met": False}],
        "visits": [{"date": "2026-11-12", "contact": contact[0], "outcome": "positive", "note": need[1]}],
        "opportunities": [{"name": need[0], "amount": 1_800_000, "stage": "needs", "close_date": "2027-06-30"}],
    }


BUYERS = [
    _buyer("Port of Kestrel Authority", "state_owned", ("Hugh Barnes", "Crane Maintenance Lead"),
           ("Alan Pryce", "Chief Executive"), ("Spreader overhaul programme 2027", "Hugh says the overhaul goes into "
                                                "next year's works plan.")),
    _buyer("Riverside General Hospital", "public_institution", ("Nadia Flores", "Head of Radiography"),
           ("Dr. Colin Shaw", "Hospital Director"), ("Second CT suite", "Nadia expects the second suite in the "
                                                      "capital plan.")),
    _buyer("Northmoor Water Board", "state_owned", ("Ewan Clarke", "Network Engineer"),
           ("Fiona Reid", "Managing Director"), ("Leak detection loggers, phase 2", "Ewan wants phase 2 before the "
                                                 "summer peak.")),
    _buyer("鞍北特钢集团", "state_owned", ("孟工", "设备处工程师"), ("冯总", "总经理"),
           ("连铸机备件年度框架", "孟工说明年备件计划三月报集团。")),
    _buyer("滨江市第二人民医院", "public_institution", ("许护士长", "手术室护士长"), ("宋院长", "院长"),
           ("手术室耗材年度供应", "许护士长说新手术楼下半年启用。")),
    _buyer("晋南煤业有限公司", "state_owned", ("闫科长", "机电科科长"), ("贺总", "董事长"),
           ("井下定位系统升级", "闫科长说升级要列入明年技改计划。")),
]


def _advise(advisor, data):
    return advisor.advise(Account.model_validate(data), as_of=AS_OF, packs=["core"])


def _fires(advisor, data) -> bool:
    return ROUTE in {a.rule for a in _advise(advisor, data).actions}


@pytest.mark.parametrize("data", BUYERS, ids=[d["name"] for d in BUYERS])
def test_the_route_to_a_state_buyers_boss_waits_for_its_buying_path(advisor, data):
    assert not _fires(advisor, data)
    rules = {a.rule for a in _advise(advisor, data).actions}
    assert rules & {"core.buying.map-state-buying-path", "core.buying.map-state-buying-path-deal"}
    # a private owner's firm: the key person is the route
    assert _fires(advisor, dict(copy.deepcopy(data), ownership="private"))
    # the path mapped: the route to the one who approves is the next step again
    assert _fires(advisor, dict(copy.deepcopy(data), facts={"buying_path_mapped": True}))
    # nothing open to buy: the route is relationship work, not a detour around a path
    assert _fires(advisor, dict(copy.deepcopy(data), stage="maintain", opportunities=[]))
