"""One test per durable-rules workaround in ../shared/ENGINE-NOTES.md.

Each would fail (or crash) if the workaround regressed. Crash-prone scenarios run in
a subprocess so a segfault shows up as a failed test, not a dead test run.
"""
from __future__ import annotations

import json
import subprocess
import sys
import threading
import datetime as dt

import pytest

from advisor import Advisor
from advisor.accounts.account import Account
from advisor.language.compiler import FANOUT_BUDGET, compile_packs
from advisor.evaluation.engine import Engine, host
from advisor.files.errors import AdvisorError
from advisor.accounts.facts import enrich
from advisor.language.pack import load_packs
from advisor.evaluation.trace import evaluate

from .conftest import AS_OF, RULES
from .packkit import rule, write_pack

ACCOUNT = Account.model_validate({
    "name": "T", "stage": "open",
    "contacts": [{"name": "A", "roles": ["decider"], "met": False, "signals": ["talkative", "fast"]},
                 {"name": "B", "roles": ["user"], "met": True}],
    "competitors": [{"name": "K"}],
})


def walk(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)


@pytest.fixture(scope="module")
def core():
    return load_packs(["core"], RULES)


def test_note1_every_ruleset_has_a_sentinel_and_a_quiet_session_survives_delete(tmp_path):
    """delete_state on a session where no action ran segfaults: the $done sentinel prevents it."""
    write_pack(tmp_path, "quiet", "rules:\n" + rule("quiet.never", "all:\n  - {fact: account.contact_count, op: gt, value: 999}"))
    compiled = compile_packs(load_packs(["quiet"], tmp_path))
    for definition in compiled.rulesets.values():
        assert definition["$sentinel"]["all"] == [{"done": {"kind": "$done"}}]
    script = f"""
import datetime as dt
from advisor import Advisor
from advisor.accounts.account import Account
adv = Advisor({str(tmp_path)!r})
for i in range(3):
    a = adv.advise(Account(name="nobody"), as_of=dt.date(2026, 11, 23), packs=["quiet"])
    assert a.actions == [], a.actions
print("ok")
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_note2_and_3_no_join_tests_and_no_sid_or_id_in_conditions(core):
    """Joins crash the engine and sid/id comparisons read freed memory: the compiler emits neither."""
    compiled = compile_packs(core)
    for definition in compiled.rulesets.values():
        for key, value in walk(definition):
            assert key not in ("$l", "$r", "sid", "id"), (key, value)
    # every pattern tests exactly one kind, named by its alias
    for name, definition in compiled.rulesets.items():
        for rule_id, body in definition.items():
            if rule_id.startswith("$"):
                continue
            for pattern in body["all"]:
                (alias, expr), = pattern.items()
                kinds = [v for k, v in walk(expr) if k == "kind"] or [expr.get("kind")]
                assert kinds == [alias]


def test_note4_unmatched_fact_kinds_and_duplicate_derivations_do_not_abort_the_batch(tmp_path):
    """A fact no rule matches, or the same derived fact twice, used to make assert_facts raise."""
    write_pack(tmp_path, "dup", "rules:\n"
               + rule("dup.first", "all:\n  - {fact: contact.met, op: eq, value: false}", subject="contact",
                      then="      derive: {kind: flagged, set: {value: x}}\n")
               + rule("dup.second", "all:\n  - {fact: contact.roles, op: contains, value: decider}", subject="contact",
                      then="      derive: {kind: flagged, set: {value: x}}\n")
               + rule("dup.use", "all:\n  - {fact: flagged.value, op: eq, value: x}", subject="flagged"),
               extra="derived:\n  flagged: {fields: {value: text}}\n")
    packset = load_packs(["dup"], tmp_path)
    engine = Engine(packset)
    run = engine.run(enrich(ACCOUNT, AS_OF))  # competitor facts match no rule of this pack
    assert run.errors == []
    assert [f["id"] for f in run.derived] == ['flagged(value="x") of contact:A']
    assert {k[0] for k in run.fired} == {"dup.first", "dup.second", "dup.use"}


def test_note5_no_timer_threads():
    """Host() starts two timer threads per instance; ours starts none and is one per process."""
    before = threading.active_count()
    Advisor(RULES).advise(ACCOUNT, as_of=AS_OF)
    Advisor(RULES).advise(ACCOUNT, as_of=AS_OF)
    assert threading.active_count() == before
    assert host() is host()


def test_note6_large_families_are_split_below_the_fanout_limit(tmp_path):
    """~100 rules on one fact kind overflow a 64-slot stack (error 303): the compiler splits rulesets."""
    rules = "rules:\n" + "".join(
        rule(f"big.r{i:03d}", f"all:\n  - {{fact: account.contact_count, op: gte, value: {i % 7}}}\n"
             f"  - {{fact: account.stage, op: in, value: [open, needs]}}") for i in range(150))
    write_pack(tmp_path, "big", rules)
    packset = load_packs(["big"], tmp_path)
    compiled = compile_packs(packset)
    assert len(compiled.rulesets) > 1
    assert all(n <= FANOUT_BUDGET for load in compiled.fanout.values() for n in load.values())
    engine = Engine(packset, compiled)
    facts = enrich(ACCOUNT, AS_OF)
    run = engine.run(facts)
    assert run.errors == []
    assert set(run.fired) == set(evaluate(packset, facts).fired)
    assert len({k[0] for k in run.fired}) == sum(1 for i in range(150) if 2 >= i % 7)


def test_note7_exceptions_in_actions_are_recorded_not_swallowed(tmp_path, monkeypatch):
    write_pack(tmp_path, "boom", "rules:\n"
               + rule("boom.derive", "all:\n  - {fact: contact.met, op: eq, value: false}", subject="contact",
                      then="      derive: {kind: flagged, set: {value: x}}\n"),
               extra="derived:\n  flagged: {fields: {value: text}}\n")
    engine = Engine(load_packs(["boom"], tmp_path))

    def explode(rule, binding):
        raise RuntimeError("kaboom")

    monkeypatch.setattr("advisor.evaluation.engine.derived_fact", explode)
    run = engine.run(enrich(ACCOUNT, AS_OF))
    assert run.errors == ["boom.derive: RuntimeError: kaboom"]


def test_note8_no_not_patterns_are_compiled(core):
    """$not is evaluated too early in a batch; negation is pushed into expressions instead."""
    for definition in compile_packs(core).rulesets.values():
        assert all(key != "$not" for key, _ in walk(definition))


def test_note9_or_branches_fire_once_per_rule_and_contact(tmp_path):
    """$or fires the action once per true branch: results are de-duplicated by rule and facts."""
    write_pack(tmp_path, "ors", "rules:\n" + rule(
        "ors.any", "any:\n  - {fact: contact.met, op: eq, value: false}\n  - {fact: contact.roles, op: contains, value: decider}",
        subject="contact"))
    advice = Advisor(tmp_path).advise(ACCOUNT, as_of=AS_OF, packs=["ors"])
    assert [(a.rule, a.contact) for a in advice.actions] == [("ors.any", "A")]


def test_note10_types_are_checked_at_load_and_missing_fields_agree(tmp_path):
    """"150" > 100 is true in the engine: a string value for a number fact is refused at load."""
    write_pack(tmp_path, "typed", "rules:\n" + rule("typed.r", 'all:\n  - {fact: account.contact_count, op: gt, value: "150"}'))
    with pytest.raises(AdvisorError, match=r"main\.yaml:\d+:\d+: rule typed.r: value '150' is not a number"):
        load_packs(["typed"], tmp_path)
    # a missing field: every test false except not_exists, in both evaluators, also under `not`
    write_pack(tmp_path, "missing", "rules:\n"
               + rule("missing.ne", "all:\n  - {fact: contact.personality, op: ne, value: actor}", subject="contact")
               + rule("missing.notexists", "all:\n  - {fact: contact.personality, op: not_exists}", subject="contact")
               + rule("missing.noteq", "not:\n  all:\n    - {fact: contact.personality, op: eq, value: actor}", subject="contact")
               + rule("missing.notcontains", "all:\n  - {fact: contact.controls, op: not_contains, value: money}", subject="contact"))
    packset = load_packs(["missing"], tmp_path)
    facts = enrich(ACCOUNT, AS_OF)
    run = Engine(packset).run(facts)
    assert set(run.fired) == set(evaluate(packset, facts).fired)
    fired = {k[0] for k in run.fired}
    assert fired == {"missing.notexists", "missing.noteq", "missing.notcontains"}


def test_note11_bad_operator_is_a_load_error_with_a_hint(tmp_path):
    write_pack(tmp_path, "badop", "rules:\n" + rule("badop.r", "all:\n  - {fact: account.contact_count, op: gtx, value: 1}"))
    with pytest.raises(AdvisorError) as err:
        load_packs(["badop"], tmp_path)
    assert "main.yaml:" in str(err.value) and "unknown operator 'gtx'" in str(err.value)
    assert "did you mean 'gt'" in str(err.value)


def test_note12_packs_are_registered_once_per_process():
    adv = Advisor(RULES)
    adv.advise(ACCOUNT, as_of=AS_OF, packs=["core"])
    count = len(host()._ruleset_directory)
    for _ in range(5):
        adv.advise(ACCOUNT, as_of=AS_OF, packs=["core"])
    assert len(host()._ruleset_directory) == count


def test_sessions_are_deleted_so_memory_stays_flat():
    """Without delete_state the 1,025th session of a ruleset raises MemoryError."""
    adv = Advisor(RULES)
    for i in range(1100):
        adv.advise(Account(name=f"a{i}", contacts=[{"name": "x", "roles": ["decider"]}]), as_of=AS_OF, packs=["core"])


def test_note16_the_engine_is_driven_without_the_python_wrapper():
    """The wrapper's per-action Closure, timestamps and state JSON round trips were ~30% of a run:
    advice runs on durable_rules_engine alone, and still fires what the Python trace fires."""
    script = """
import sys, datetime as dt
from advisor import Advisor
from advisor.accounts.account import Account
acc = Account.model_validate({"name": "T", "stage": "open", "contacts": [{"name": "A", "roles": ["decider"]}]})
advice = Advisor().advise(acc, as_of=dt.date(2026, 11, 23), trace=True)
assert advice.errors == [] and set(advice.fired) == set(advice.evaluation.fired) and advice.fired
print(sorted(m for m in sys.modules if m == "durable" or m.startswith("durable.")))
"""
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
