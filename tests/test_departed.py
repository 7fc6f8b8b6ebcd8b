"""A contact who has left (contact.departed: the title holds a word of the packs' vocabulary departed)
stays on file but is addressed by no action: rules about a contact are guarded, a role:<r> action goes
to those who stay, and a matter of theirs (an objection, a promise) stays with the account; a decider
who left is replaced by a search for the successor (core.roles.meet-successor)."""
from __future__ import annotations

import collections
import copy

import pytest
import yaml

from advisor.accounts.account import Account
from advisor.files.yamlio import load_yaml_file

from .conftest import AS_OF, FIXTURES, RULES


def _advise(advisor, data: dict, packs=None):
    return advisor.advise(Account.model_validate({"name": "Acme", **data}), AS_OF, packs=packs)


def _leave(data: dict, name: str) -> dict:
    out = copy.deepcopy(data)
    for c in out["contacts"]:
        if c["name"] == name:
            c["title"] = (c.get("title") or "") + "(已离职)"
    return out


@pytest.mark.parametrize("path", sorted((FIXTURES / "accounts").glob("*.yaml")), ids=lambda p: p.stem)
def test_no_action_is_addressed_to_a_contact_who_has_left(advisor, path):
    data = load_yaml_file(path)[0]
    before = collections.Counter(a.contact for a in advisor.advise(Account.model_validate(data), AS_OF).actions
                                 if a.contact)
    if not before:
        pytest.skip(f"{path.name}: no action is addressed to a contact")
    name = before.most_common(1)[0][0]  # the contact the advice leaned on most
    after = advisor.advise(Account.model_validate(_leave(data, name)), AS_OF)
    assert [a.rule for a in after.actions if a.contact == name] == []
    assert after.actions  # the account still gets advice


def test_a_role_action_goes_to_the_decider_who_stays(advisor):
    data = {"stage": "propose", "contacts": [{"name": "陈总", "title": "总经理(已离职)", "roles": ["decider"], "met": True},
                                             {"name": "李总", "roles": ["decider"], "met": True}]}
    frame = [a for a in _advise(advisor, data, ["core"]).actions if a.rule == "core.roles.frame-customer-order"]
    assert [a.contact for a in frame] == ["李总"]


def test_a_role_action_whose_only_holder_left_goes_to_the_senior_contact_who_stays_as_an_assumption(advisor):
    # issue 22 (session 4): a coach names who gets it — the most senior contact met — and says it is assumed
    data = {"stage": "propose", "contacts": [{"name": "陈总", "title": "总经理(已离职)", "roles": ["decider"], "met": True},
                                             {"name": "周经理", "roles": ["influencer"], "met": True}]}
    advice = _advise(advisor, data, ["core"])
    frame = [a for a in advice.actions if a.rule == "core.roles.frame-customer-order"]
    assert [(a.contact, a.role_label) for a in frame] == [("周经理", None)]
    assert "No decider is on file: this goes to 周经理" in frame[0].what["en"]
    assert "档案中没有决策人:暂交给已见过的最高层联系人周经理" in frame[0].what["zh"]
    successor = next(a for a in advice.actions if a.rule == "core.roles.meet-successor")
    assert successor.contact == "周经理" and "陈总 has left Acme" in successor.what["en"]


def test_a_role_action_with_nobody_met_who_stays_names_the_role(advisor):
    data = {"stage": "propose", "contacts": [{"name": "陈总", "title": "总经理(已离职)", "roles": ["decider"], "met": True},
                                             {"name": "周经理", "roles": ["influencer"], "met": False}]}
    advice = _advise(advisor, data, ["core"])
    frame = [a for a in advice.actions if a.rule == "core.roles.frame-customer-order"]
    assert [(a.contact, a.role_label) for a in frame] == [(None, "decider")]
    assert "on file" not in frame[0].what["en"]
    successor = next(a for a in advice.actions if a.rule == "core.roles.meet-successor")
    assert successor.contact is None


def test_an_objection_of_someone_who_left_stays_with_the_account(advisor):
    data = {"stage": "propose",
            "contacts": [{"name": "周经理", "title": "采购经理(已离职)", "roles": ["purchaser"], "met": True},
                         {"name": "陈总", "roles": ["decider"], "met": True}],
            "objections": [{"contact": "周经理", "text": "太贵了", "date": "2026-11-10"}]}
    probes = [a for a in _advise(advisor, data, ["core"]).actions if a.rule == "core.objection.price-probe"]
    assert probes and all(a.contact is None for a in probes)
    stays = _advise(advisor, {**data, "contacts": [dict(data["contacts"][0], title="采购经理"), data["contacts"][1]]}, ["core"])
    assert [a.contact for a in stays.actions if a.rule == "core.objection.price-probe"] == ["周经理"]


def test_who_left_counts_as_no_decider_and_no_route_to_the_boss(advisor):
    contacts = [{"name": "老板", "roles": ["decider"], "is_boss": True, "met": False},
                {"name": "小舅子", "title": "店长(已离职)", "related_to": ["老板"], "met": True},
                {"name": "陈总", "title": "副总(已离职)", "roles": ["decider"], "met": True}]
    facts = _advise(advisor, {"contacts": contacts}, ["core"]).facts
    account = next(f for f in facts if f["kind"] == "account")
    assert (account["key_person_known"], account["active_decider_count"]) == (False, 1)
    stay = [dict(c, title="店长") if c["name"] == "小舅子" else c for c in contacts]
    account = next(f for f in _advise(advisor, {"contacts": stay}, ["core"]).facts if f["kind"] == "account")
    assert (account["key_person_known"], account["active_decider_count"]) == (True, 1)


def test_the_visit_and_objection_facts_say_whether_their_contact_left(advisor):
    data = {"contacts": [{"name": "A", "title": "Buyer (no longer with the company)"}, {"name": "B"}],
            "visits": [{"date": "2026-11-01", "contact": "A"}, {"date": "2026-11-02", "contact": "B"}],
            "objections": [{"contact": "A", "text": "too expensive"}]}
    facts = _advise(advisor, data, ["core"]).facts
    assert {f["contact"]: f["contact_departed"] for f in facts if f["kind"] == "visit"} == {"A": True, "B": False}
    assert [f["contact_departed"] for f in facts if f["kind"] == "objection"] == [True]


def test_every_rule_about_a_contact_is_guarded_against_one_who_left():
    """A bundled rule for: contact that recommends something says contact.departed is false, so its why-not trace
    names the condition; the one place that guarantees it for every pack (a user's too) is outcomes.recommendations
    (test_a_users_rule_that_forgets_the_guard_still_addresses_nobody_who_left)."""
    unguarded = []
    for path in sorted(RULES.glob("*/*.yaml")):
        if path.name == "pack.yaml":
            continue
        for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules") or []:
            if rule.get("for") == "contact" and "recommend" in (rule.get("then") or {}):
                if "contact.departed" not in yaml.safe_dump(rule.get("when"), allow_unicode=True):
                    unguarded.append(rule["id"])
    assert unguarded == []


def test_a_users_rule_that_forgets_the_guard_still_addresses_nobody_who_left(tmp_path):
    """One place for every pack's rules (session 3): an action about a contact who has left is withheld where
    candidates are made, and listed as suppressed by contact.departed — the trace says why, not just 'fired'."""
    import shutil

    from advisor import Advisor
    from advisor.output.explain import status_of

    from .packkit import rule, write_pack

    rules = tmp_path / "rules"
    shutil.copytree(RULES / "core", rules / "core")
    write_pack(rules, "my-calls", "rules:\n" + rule(
        "my-calls.call-every-contact", "all:\n  - {fact: contact.met, op: eq, value: true}", subject="contact"),
        extra="extends: core\n")
    data = {"stage": "maintain", "contacts": [{"name": "陈总", "title": "总经理(已离职)", "roles": ["decider"], "met": True},
                                              {"name": "李总", "roles": ["decider"], "met": True}]}
    advice = Advisor(rules).advise(Account.model_validate({"name": "Acme", **data}), AS_OF, packs=["core", "my-calls"])
    calls = [a.contact for a in advice.actions if a.rule == "my-calls.call-every-contact"]
    assert calls == ["李总"]  # the one who stays; the rule fired for both
    [held] = [s for s in advice.suppressed if s.rule == "my-calls.call-every-contact"]
    assert (held.contact, held.by_rule) == ("陈总", "contact.departed")
    assert "陈总 has left" in held.reason["en"] and "陈总已离开" in held.reason["zh"]
    # a rule whose every firing was about someone who left is shown as suppressed, with the reason
    gone = Account.model_validate({"name": "Acme", **dict(data, contacts=data["contacts"][:1])})
    advice = Advisor(rules).advise(gone, AS_OF, packs=["core", "my-calls"], trace=True)
    trace = advice.evaluation.traces["my-calls.call-every-contact"]
    assert status_of(trace, advice)["status"] == "suppressed"
    assert status_of(trace, advice)["by_rule"] == "contact.departed"



@pytest.mark.parametrize("title, gone", [
    ("CIO (left the bank in October)", True), ("Buyer - left for a rival in May", True),
    ("采购经理(上月跳槽去了对手)", True), ("副總(已離開公司)", True), ("經理(上個月走咗)", True),
    ("COO, former CFO", False), ("Head of procurement (new since May)", False), ("采购经理", False)])
def test_the_ways_reps_write_that_someone_left(advisor, title, gone):
    data = {"contacts": [{"name": "A", "title": title}, {"name": "B"}], "visits": [{"date": "2026-11-01", "contact": "A"}]}
    facts = _advise(advisor, data, ["core"]).facts
    assert [f["contact_departed"] for f in facts if f["kind"] == "visit"] == [gone]


@pytest.mark.parametrize("title, gone", [
    # a title headed "former" names no post held now: the person moved on (session 16)
    ("Former Plant Director (transferred to the parent group in spring)", True), ("Ex-Head of Logistics", True),
    ("formerly our buyer, now at the regional office", True), ("原厂长（已调总部）", True), ("前任设备部部长", True),
    ("原採購主管(調任集團)", True),
    # … not "former" after the post held now, nor a post named as held now, nor 原 heading a word of its own
    ("Plant Director, former buyer", False), ("Former buyer, now Plant Director", False),
    ("Ex-controller; CFO since June", False), ("原料采购主管", False), ("原副厂长、现任厂长", False),
    ("原质量经理、生产总监", False), ("原厂售后工程师", False)])
def test_a_title_headed_former_names_no_post_held_now(advisor, title, gone):
    data = {"contacts": [{"name": "A", "title": title}, {"name": "B"}], "visits": [{"date": "2026-11-01", "contact": "A"}]}
    facts = _advise(advisor, data, ["core"]).facts
    assert [f["contact_departed"] for f in facts if f["kind"] == "visit"] == [gone]


def test_no_action_is_addressed_to_a_decider_whose_title_is_a_former_post(advisor):
    # the decider who backed us moved to the holding company: the new one is met, not the former one
    data = {"stage": "propose", "contacts": [
        {"name": "Tom Reyes", "title": "Former COO (moved to the holding company in May)", "roles": ["decider"],
         "met": True},
        {"name": "Ana Lim", "title": "COO (new since June)", "roles": ["decider"], "met": False}],
        "opportunities": [{"name": "Fleet renewal", "amount": 400000, "stage": "propose", "quoted": True}]}
    advice = _advise(advisor, data, ["core"])
    assert [a.rule for a in advice.actions if a.contact == "Tom Reyes"] == []
    assert any(a.contact == "Ana Lim" for a in advice.actions[:3])
