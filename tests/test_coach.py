"""Advice a coach would sign (issue 10): promises first, one answer per intent, no contradiction,
facts that fit, no gift leak — and the score explained in its parts."""
from __future__ import annotations

import datetime as dt
import json
import random
import shutil

import pytest
from click.testing import CliRunner

from advisor import Advisor, load_account
from advisor.accounts.account import Objection, PolicyEntry
from advisor.accounts.facts import enrich
from advisor.cli import cli
from advisor.files.errors import AdvisorError
from advisor.language.giftwords import found
from advisor.output.render import as_dict

from .accountgen import random_account
from .conftest import AS_OF, FIXTURES, RULES
from .packkit import rule, write_pack

ACCOUNTS = FIXTURES / "accounts"


def advise(advisor, name, packs=None, account=None):
    return advisor.advise(account or load_account(ACCOUNTS / name), as_of=AS_OF, packs=packs)


def with_price_objection(name="wanneng-gift-policy.yaml", contact="Dannie Hammersmith"):
    account = load_account(ACCOUNTS / name)
    return account.model_copy(update={"objections": account.objections + [
        Objection(contact=contact, text="Your price is too expensive", date=dt.date(2026, 11, 20))]})


# --- promises first ------------------------------------------------------------------------------
@pytest.mark.parametrize("packs", [None, ["core"]], ids=["default-packs", "core"])
def test_bank_overdue_follow_up_is_in_the_top_three(advisor, packs):
    """The follow-up agreed at the last visit (提供认证培训方案) is 7 days overdue: it is kept before new ideas."""
    advice = advise(advisor, "bank-mainframe.yaml", packs)
    # with the equipment pack the promised plan is the dated answer to 张主任's training question: one action
    follow = next(a for a in advice.actions if "core.visits.follow-up-script" in a.merged_rules)
    assert follow.rank <= 3 and follow.due_offset == -7 and follow.promise
    assert follow.score_parts["promise"] > 0


def test_overdue_contract_outranks_an_item_due_in_60_days(advisor):
    advice = advise(advisor, "consumer-electronics-dealer-first-project-won.yaml")
    ranks = {a.rule: a.rank for a in advice.actions}
    assert ranks["core.visits.follow-up-script"] < ranks["consumer-electronics-dealer.close.agency-after-first-project"]


# --- the score, explained --------------------------------------------------------------------------
def test_score_parts_add_up_and_are_in_the_json(advisor):
    advice = advise(advisor, "tcl-too-expensive.yaml")
    for a in advice.actions:
        assert sum(a.score_parts.values()) == a.score
        assert {"priority", "urgency", "role", "trigger"} <= set(a.score_parts)
    doc = as_dict(advice, "en", 0)
    first = doc["actions"][0]
    assert {"score_parts", "intent", "merged_rules", "promise", "generic", "variant"} <= set(first)
    assert first["merged_rules"][0] == first["rule"]
    assert sum(first["score_parts"].values()) == first["score"]


def test_urgency_and_trigger_outweigh_static_priority(tmp_path):
    """A priority-40 answer due tomorrow to what a customer said beats a priority-80 checklist item due in a month."""
    rules = "rules:\n" + rule("core.t.answer", "all:\n  - {fact: objection.answered, op: eq, value: false}",
                             subject="objection", priority=40,
                             then="      recommend:\n        who: subject\n        due_days: 1\n"
                                  "        what: {en: answer it, zh: 回答}\n        why: {en: asked, zh: 问了}\n") + rule(
        "core.t.checklist", "all:\n  - {fact: account.flags, op: not_contains, value: research_done}",
        priority=80, then="      recommend:\n        who: account\n        due_days: 30\n"
                          "        what: {en: research, zh: 调研}\n        why: {en: method, zh: 方法}\n")
    write_pack(tmp_path, "core", rules, extra="flags: {research_done: researched}\n")
    from advisor.accounts.account import Account
    account = Account.model_validate({"name": "A", "contacts": [{"name": "王"}], "objections": [{"contact": "王", "text": "太慢"}]})
    advice = Advisor(tmp_path).advise(account, as_of=AS_OF)
    answer, checklist = advice.actions
    assert answer.rule == "core.t.answer" and checklist.rule == "core.t.checklist"
    assert answer.score_parts["priority"] < checklist.score_parts["priority"]
    assert answer.score_parts["urgency"] + answer.score_parts["trigger"] > \
        checklist.score_parts["urgency"] + checklist.score_parts["trigger"] + \
        checklist.score_parts["priority"] - answer.score_parts["priority"]


def test_ranking_is_deterministic(advisor):
    first = json.dumps(as_dict(advise(advisor, "jingfeng-dealer.yaml"), "zh", 0), ensure_ascii=False)
    again = json.dumps(as_dict(Advisor(RULES).advise(load_account(ACCOUNTS / "jingfeng-dealer.yaml"), as_of=AS_OF),
                               "zh", 0), ensure_ascii=False)
    assert first == again


# --- one action per intent -------------------------------------------------------------------------
def test_parts_of_one_proposal_merge_and_cite_every_rule(advisor):
    advice = advise(advisor, "logistics-pharma-integrated.yaml")
    proposal = [a for a in advice.actions if a.intent and a.intent.startswith("integrated logistics proposal")]
    assert len(proposal) == 1
    assert set(proposal[0].merged_rules) == {"logistics.develop.integrated-proposal",
                                             "logistics.develop.survey-transport-needs",
                                             "logistics.develop.survey-warehousing-needs"}
    # its sources are the union of the merged rules' citations
    assert len(proposal[0].source) == len(set(proposal[0].source)) >= 1


def test_contradicting_answers_to_one_objection_leave_one_with_the_reason(advisor):
    """probe vs buy time for one price objection; an industry's dated yes vs core's stall for 张主任's question."""
    advice = advise(advisor, "generic-fast-growing-distributor.yaml")
    lost = next(s for s in advice.superseded if s.rule == "core.objection.agree-and-buy-time")
    assert lost.by_rule == "core.objection.price-probe"
    assert lost.group.startswith("intent: answer objection") and "contradicts core.objection.price-probe" in lost.reason
    bank = advise(advisor, "bank-mainframe.yaml")
    stall = next(s for s in bank.superseded if s.rule == "core.objection.agree-and-buy-time")
    assert stall.by_rule == "enterprise-equipment.objection.training-before-purchase"
    assert "keeps a promise that is due" in stall.reason  # the customer's question is owed an answer
    assert "core.objection.agree-and-buy-time" not in {a.rule for a in bank.actions}


def test_route_via_the_key_person_supersedes_cold_calling_the_boss(advisor):
    advice = advise(advisor, "jingfeng-dealer.yaml")
    call = next(s for s in advice.superseded if s.rule == "core.visits.book-appointment" and s.contact == "刘总")
    assert call.by_rule == "core.roles.win-key-person"
    assert "first meeting with 刘总" in call.reason and "phone-direct vs via-key-person" in call.reason


def test_explain_shows_merged_and_contradicted_rules(advisor):
    result = CliRunner().invoke(cli, ["explain", str(ACCOUNTS / "logistics-pharma-integrated.yaml"), "--as-of", "2026-11-23",
                                      "--lang", "en"])
    assert result.exit_code == 0
    assert "logistics.develop.survey-transport-needs  MERGED into logistics.develop.integrated-proposal" in result.output
    result = CliRunner().invoke(cli, ["explain", str(ACCOUNTS / "jingfeng-dealer.yaml"), "--as-of", "2026-11-23", "--lang", "en"])
    assert "core.visits.book-appointment  SUPERSEDED by core.roles.win-key-person" in result.output
    assert "contradicts core.roles.win-key-person" in result.output


@pytest.mark.parametrize("seed", range(3))
def test_generated_accounts_hold_the_structural_promises(advisor, seed):
    """On generated accounts: no intent twice in the top five, no contradicting pair anywhere, due promises in the
    top three (when there are at most three), at most one checklist item in the top five while specific advice waits."""
    rng = random.Random(seed)
    for i in range(25):
        advice = advisor.advise(random_account(rng, AS_OF, i), as_of=AS_OF)
        top = advice.actions[:5]
        intents = [a.intent for a in top if a.intent]
        assert len(intents) == len(set(intents))
        due = [a for a in advice.actions if a.promise and a.due_offset <= 2]
        if len(due) <= 3:
            assert all(a.rank <= 3 for a in due)
        if sum(a.generic for a in top) > 1:
            assert all(a.generic for a in advice.actions[5:])
        # the per-contact cap only breaks ties: no action is ever placed below one it outranks
        specific = [a.score for a in advice.actions if not a.generic]
        assert specific == sorted(specific, reverse=True)
        # keys of each action's rules are resolved: nothing left that contradicts a shown action
        shown = {(a.rule, a.contact) for a in advice.actions}
        assert not {(s.rule, s.contact) for s in advice.superseded if s.reason} & shown


def test_generic_items_follow_specific_advice_and_obey_the_pack_parameter():
    # its own Advisor: the test changes its pack set's parameters, which the session `advisor` shares with every
    # later test of the process (a shared one left generic_penalty at 0 for test_seed_cases in CI, session 12)
    advisor = Advisor(RULES)
    advice = advisor.advise(load_account(ACCOUNTS / "tcl-too-expensive.yaml"), as_of=AS_OF, packs=["core"])
    generic = [a for a in advice.actions if a.generic]
    assert generic and all(a.score_parts["generic"] < 0 for a in generic)
    assert sum(a.generic for a in advice.actions[:5]) <= 1
    packset = advisor.packset(packs=["core"])
    packset.params["max_generic_top"] = 0
    packset.params["generic_penalty"] = 0
    again = advisor.advise(load_account(ACCOUNTS / "tcl-too-expensive.yaml"), as_of=AS_OF, packs=["core"])
    assert not [a for a in again.actions[:5] if a.generic]


# --- facts that fit ------------------------------------------------------------------------------
def test_new_policy_advice_follows_only_a_recent_policy(advisor):
    recent = advise(advisor, "wanneng-gift-policy.yaml")
    assert "new policy" in next(a for a in recent.actions if a.rule == "core.compliance.comply-openly").what["en"]
    account = load_account(ACCOUNTS / "wanneng-gift-policy.yaml")
    old = account.model_copy(update={"policies": [p.model_copy(update={"since": dt.date(2024, 1, 1)}) for p in account.policies]})
    advice = advisor.advise(old, as_of=AS_OF)
    fired = {k[0] for k in advice.fired}
    assert "core.compliance.no-gifts" in fired
    assert not fired & {"core.compliance.comply-openly", "core.compliance.management-backing"}
    assert not [a for a in advice.actions if "new policy" in a.what["en"] or "orders at risk" in a.what["en"]]


def test_policy_since_is_enriched_and_a_bare_name_still_works(advisor, tmp_path):
    path = tmp_path / "acct.yaml"
    path.write_text("name: X\npolicies: [no_entertainment, {name: no_gifts, since: 2026-11-01}]\n", encoding="utf-8")
    account = load_account(path)
    facts = enrich(account, AS_OF)[0]
    assert facts["policies"] == ["no_entertainment", "no_gifts"] and facts["newest_policy_days"] == 22
    path.write_text("name: X\npolicies:\n  - {name: no_gifts, sinse: 2026-11-01}\n", encoding="utf-8")
    with pytest.raises(AdvisorError) as err:
        load_account(path)
    assert "acct.yaml:3:" in str(err.value) and "did you mean 'since'" in str(err.value)


def test_no_gendered_pronoun_in_the_purchasing_head_advice(advisor):
    advice = advise(advisor, "wanneng-gift-policy.yaml")
    head = next(a for a in advice.actions if a.rule == "core.compliance.win-head-on-value")
    assert "Dannie Hammersmith can defend" in head.what["en"] and "她" not in head.what["zh"]
    assert not found(head.what["en"], "en", ("she", "her", "he", "his"))


# --- no gift leak --------------------------------------------------------------------------------
def test_no_gift_account_gets_a_price_probe_without_the_trip(advisor):
    advice = advisor.advise(with_price_objection(), as_of=AS_OF)  # it-distribution: its probe names the trip
    probe = next(a for a in advice.actions if a.rule == "core.objection.price-probe")
    assert probe.variant == "policy-safe"
    assert "trip" not in probe.what["en"] and "incentive" not in probe.what["en"]
    assert "出国" not in probe.what["zh"] and "奖励" not in probe.what["zh"]
    # without the policy the same account hears the full probe, trip included
    free = with_price_objection().model_copy(update={"policies": []})
    full = next(a for a in advisor.advise(free, as_of=AS_OF).actions if a.rule == "core.objection.price-probe")
    assert full.variant is None and "trip" in full.what["en"]


def test_core_price_probe_never_names_the_trip_its_own_rule_does(advisor):
    """Issue 9: core's probe is written without the trip; the incentive option is a separate rule
    tagged gift, held back under a no-gift policy and shown without one."""
    advice = advisor.advise(with_price_objection(), as_of=AS_OF, packs=["core"])
    probe = next(a for a in advice.actions if a.rule == "core.objection.price-probe")
    assert "trip" not in probe.what["en"] and "奖励" not in probe.what["zh"]
    assert "core.objection.price-incentive-option" in {s.rule for s in advice.suppressed}
    free = with_price_objection().model_copy(update={"policies": []})
    free_advice = advisor.advise(free, as_of=AS_OF, packs=["core"])
    assert "core.objection.price-probe" in {a.rule for a in free_advice.actions}
    # one answer per objection: the option is listed as superseded by the probe, never lost
    assert ("core.objection.price-incentive-option", "core.objection.price-probe") in {
        (s.rule, s.by_rule) for s in free_advice.superseded}


def test_display_shell_visit_drops_the_token_under_a_no_gift_policy(advisor):
    account = load_account(ACCOUNTS / "jingfeng-dealer.yaml")
    banned = account.model_copy(update={"policies": [PolicyEntry(name="no_gifts")]})
    shells = next(a for a in advisor.advise(banned, as_of=AS_OF).actions
                  if a.rule == "consumer-electronics-dealer.visits.bring-display-shells")
    assert shells.variant == "policy-safe" and "token" not in shells.what["en"] and "礼物" not in shells.what["zh"]
    # the shop-floor merchandise is tagged gift: held back entirely
    assert "consumer-electronics-dealer.relationship.win-the-shop-floor" in {
        s.rule for s in advisor.advise(banned, as_of=AS_OF).suppressed}


def test_untagged_gift_text_is_suppressed_anyway(tmp_path):
    """By construction: the words of the text make it a gift, whatever its tags say."""
    write_pack(tmp_path, "core", "rules:\n" + rule("core.t.treat", "all:\n  - {fact: account.contact_count, op: gte, value: 0}",
               then="      recommend:\n        who: account\n        what: {en: Bring a small gift, zh: 带一份小礼物}\n"
                    "        why: {en: because, zh: 因为}\n") + rule(
               "core.t.ban", "all:\n  - {fact: account.policies, op: contains, value: no_gifts}",
               then="      suppress:\n        tags: [gift]\n        reason: {en: banned, zh: 禁止}\n"),
               extra="gift_words:\n  gift: {en: [gift], zh: [礼物]}\n")
    advisor = Advisor(tmp_path)
    from advisor.accounts.account import Account
    banned = advisor.advise(Account.model_validate({"name": "A", "policies": ["no_gifts"]}), as_of=AS_OF)
    assert [s.rule for s in banned.suppressed] == ["core.t.treat"] and not banned.actions


def lint(path):
    return CliRunner().invoke(cli, ["pack", "lint", str(path)])


def test_lint_fails_on_a_gift_word_without_its_tag(tmp_path, monkeypatch):
    shutil.copytree(RULES / "core", tmp_path / "rules" / "core")
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "rules" / "core" / "keep.yaml"
    text = target.read_text(encoding="utf-8")
    old = "到使用现场与{contact.name}交流半小时"
    assert old in text
    target.write_text(text.replace(old, "请{contact.name}吃饭,到使用现场与{contact.name}交流半小时"), encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    result = lint("rules/core")
    assert result.exit_code == 1
    hit = next(x for x in result.output.splitlines() if "[gift-word]" in x)
    assert hit.startswith(f"rules/core/keep.yaml:{line}:") and "'吃饭'" in hit and "'entertainment'" in hit
    assert "policy_safe" in hit


def test_lint_fails_when_the_policy_safe_variant_still_names_the_gift(tmp_path, monkeypatch):
    shutil.copytree(RULES, tmp_path / "rules")
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "rules" / "consumer-electronics-dealer" / "dealer.yaml"
    text = target.read_text(encoding="utf-8")
    old = "带着答应的新款机壳回访{visit.contact}"
    assert old in text
    target.write_text(text.replace(old, "带着答应的新款机壳和小礼物回访{visit.contact}"), encoding="utf-8")
    result = lint("rules/consumer-electronics-dealer")
    assert result.exit_code == 1
    assert any("policy-safe variant still names '小礼物'" in x and "[gift-word]" in x for x in result.output.splitlines())


def test_lint_warns_on_gendered_text(tmp_path, monkeypatch):
    shutil.copytree(RULES / "core", tmp_path / "rules" / "core")
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "rules" / "core" / "keep.yaml"
    text = target.read_text(encoding="utf-8")
    old = "and what the user would change."
    target.write_text(text.replace(old, "and what he would change."), encoding="utf-8")
    result = lint("rules/core")
    hit = next(x for x in result.output.splitlines() if "[gendered-text]" in x and x.startswith("rules/core/keep.yaml:"))
    assert ": warning: " in hit and "'he'" in hit and "core.keep.ask-users-about-usage" in hit


def test_annotate_unknown_rule_is_a_located_error(tmp_path):
    write_pack(tmp_path, "core", "rules:\n" + rule("core.t.one", "all:\n  - {fact: account.contact_count, op: gte, value: 0}"),
               extra="annotate:\n  core.t.onee: {generic: true}\n")
    with pytest.raises(AdvisorError) as err:
        Advisor(tmp_path).packset(packs=["core"])
    assert "pack.yaml:5:" in str(err.value) and "annotates unknown rule 'core.t.onee'" in str(err.value)
    assert "did you mean 'core.t.one'" in str(err.value)


def test_lint_checks_a_policy_safe_variant_given_in_pack_yaml(tmp_path, monkeypatch):
    shutil.copytree(RULES / "core", tmp_path / "rules" / "core")
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "rules" / "core" / "pack.yaml"
    text = target.read_text(encoding="utf-8")
    old = "accessories thrown in, or training.\""
    assert old in text
    target.write_text(text.replace(old, "accessories thrown in, training, or a trip.\""), encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    result = lint("rules/core")
    assert result.exit_code == 1
    hit = next(x for x in result.output.splitlines() if "[gift-word]" in x)
    assert hit.startswith(f"rules/core/pack.yaml:{line}:") and "core.objection.price-probe" in hit and "'trip'" in hit
