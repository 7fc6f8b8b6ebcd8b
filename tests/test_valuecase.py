"""What the buyer weighs beyond the price, beside a price objection (advisor/accounts/valuecase.py)."""

def test_the_buyers_yardstick_comes_before_a_failure_and_only_objections_get_it():
    """valuecase.mark: the value_criterion word (寿命) is preferred to an early failure (发脆) written before it;
    with no yardstick the failure stands; an account whose words hold neither leaves the fact absent."""
    from advisor.accounts.account import Account
    from advisor.accounts.valuecase import mark
    from advisor.accounts.wordlists import finder

    vocabulary = {"value_criterion": {"zh": ["寿命"], "en": ["uptime"]}, "value_failure": {"zh": ["发脆", "开裂"]}}
    crit, fail = finder(vocabulary, "value_criterion"), finder(vocabulary, "value_failure")
    account = Account.model_validate({"name": "X", "contacts": [{"name": "高总"}],
                                      "visits": [{"date": "2026-11-18", "contact": "高总",
                                                  "note": "内蒙那批膜一年半就发脆了,这次高总很在意寿命"}]})
    facts = [{"kind": "objection", "quote": "每亩贵了一两百"}, {"kind": "opportunity"}]
    mark(facts, account, crit, fail)
    assert facts[0]["value_criterion"] == "寿命" and "value_criterion" not in facts[1]
    only_failure = Account.model_validate({"name": "X", "notes": "别家的管材用了一年就开裂"})
    facts = [{"kind": "objection", "quote": "贵了"}]
    mark(facts, only_failure, crit, fail)
    assert facts[0]["value_criterion"] == "开裂"
    facts = [{"kind": "objection", "quote": "贵了"}]
    mark(facts, Account.model_validate({"name": "X", "notes": "按时交货"}), crit, fail)
    assert "value_criterion" not in facts[0]
