"""The lean engine path reads action messages without decoding them; these pin how it reads them."""
from __future__ import annotations

import json

from advisor.evaluation.engine import _read_message


def message(rule_id: str, binding: dict) -> str:
    # the engine hands back each fact as it was sent (json.dumps' separators)
    return "{" + json.dumps(rule_id) + ":{" + ",".join(
        f"{json.dumps(alias)}:{json.dumps(fact, ensure_ascii=False)}" for alias, fact in binding.items()) + "}}"


def test_rule_id_and_fact_ids_are_read_as_json_would():
    binding = {
        "category": {"kind": "category", "value": 'a, "id": "not me"', "id": 'category(value="w") of account',
                     "sid": "1"},
        "contact": {"kind": "contact", "name": "王\\总", "id": "contact:王\\总", "roles": ["decider"], "sid": "1"},
    }
    text = message("core.x.y", binding)
    assert _read_message(text) == ("core.x.y", [f["id"] for f in json.loads(text)["core.x.y"].values()])
    assert _read_message(text)[1] == ['category(value="w") of account', "contact:王\\总"]


def test_a_value_holding_an_id_key_is_caught_by_the_count():
    text = message("core.r", {"account": {"kind": "account", "id": "account", "extra": {"id": "x"}}})
    rule_id, ids = _read_message(text)
    assert ids == ["account", "x"]  # two ids for a one-kind rule: the engine then decodes the message fully


def test_rulesets_run_producers_first_and_a_cycle_keeps_the_packs_order():
    from advisor.evaluation.engine import _producers_first

    handles = [("a", 1), ("b", 2), ("c", 3), ("d", 4)]
    # c derives "x" that a uses; b derives "y" that c uses; d neither derives nor uses anything derived
    makes = {"a": set(), "b": {"y"}, "c": {"x"}, "d": set()}
    uses = {"a": {"account", "x"}, "b": {"account"}, "c": {"y", "contact"}, "d": {"contact"}}
    assert [n for n, _ in _producers_first(handles, makes, uses)] == ["b", "c", "a", "d"]
    # a and c feed each other: no order delivers everything in one pass; the free ones go first,
    # the cycle keeps the packs' order (later rounds deliver the rest; test_differential checks the result)
    makes["a"] = {"z"}
    uses["c"] = {"y", "z"}
    assert [n for n, _ in _producers_first(handles, makes, uses)] == ["b", "d", "a", "c"]



def test_the_engine_lists_a_firings_facts_in_the_rules_kind_order():
    """Engine._fire takes the ids in message order as the binding key: that order must be rule.kinds
    (the compiled patterns' order), on every fixture and on generated accounts with derived facts."""
    import datetime as dt
    import random
    from pathlib import Path

    from advisor import Advisor
    from advisor.accounts.account import load_account
    from advisor.accounts.facts import enrich
    from advisor.evaluation.outcomes import binding_key
    from tests.accountgen import random_account

    as_of = dt.date(2026, 11, 23)
    advisor = Advisor()
    accounts = [load_account(p) for p in sorted((Path(__file__).parent.parent / "fixtures" / "accounts").glob("*.yaml"))]
    rng = random.Random(11)
    accounts += [random_account(rng, as_of, i) for i in range(60)]
    multi = 0
    for account in accounts:
        packset, engine = advisor.load(advisor.pack_names(account))
        for key, binding in engine.run(enrich(account, as_of)).fired.items():
            rule = engine.rules[key[0]]
            assert [f["kind"] for f in binding.values()] == rule.kinds  # each fact under its own kind
            assert key == binding_key(rule, binding)
            multi += len(rule.kinds) > 1
    assert multi > 100  # joins of several kinds were among them
