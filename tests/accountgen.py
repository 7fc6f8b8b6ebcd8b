"""Random but reproducible accounts, for the differential test and the benchmark."""
from __future__ import annotations

import datetime as dt
import random

from advisor.accounts import terms
from advisor.accounts.account import Account

WORDS = ["太贵了", "价格太高", "能不能加装IC卡", "交货期太长", "too expensive", "can it support a card slot",
         "we will think about it", "领导还没批", "预算不够", "服务太慢"]


def random_account(rng: random.Random, as_of: dt.date, index: int = 0, flags: list[str] | None = None) -> Account:
    return Account.model_validate(random_account_data(rng, as_of, index, flags))


def random_account_data(rng: random.Random, as_of: dt.date, index: int = 0, flags: list[str] | None = None) -> dict:
    """The account as it would be written in a file (plain data), before validation."""
    names = [f"C{index}-{i}" for i in range(rng.randint(0, 5))]
    contacts = []
    for name in names:
        contacts.append({
            "name": name,
            "roles": rng.sample(list(terms.ROLES), rng.randint(0, 3)),
            "personality": rng.choice([None, None, *terms.PERSONALITIES]),
            "signals": rng.sample(list(terms.SIGNALS), rng.randint(0, 3)),
            "met": rng.random() < 0.6,
            "senior": rng.random() < 0.3,
            "is_boss": rng.random() < 0.15,
            "controls": rng.sample(list(terms.CONTROLS), rng.randint(0, 2)),
            "reliability": rng.choice([None, 1, 2, 3, 4, 5]),
            "satisfied": rng.choice([None, True, False]),
        })
    for c in contacts:
        others = [n for n in names if n != c["name"]]
        if others and rng.random() < 0.3:
            c["related_to"] = [rng.choice(others)]
        if others and rng.random() < 0.3:
            c["reaches"] = [rng.choice(others)]
        if rng.random() < 0.3:
            c["motives"] = {"organisational": "x", "personal": "y"}
    day = lambda: as_of - dt.timedelta(days=rng.randint(0, 400))  # noqa: E731
    data = {
        "name": f"Account {index}",
        "stage": rng.choice(list(terms.STAGES)),
        "relationship": {"level": rng.choice(list(terms.LEVELS)), "target": rng.choice([None, *terms.LEVELS]),
                         "cycle_stage": rng.choice([None, *terms.CYCLE_STAGES])},
        "sales": {"last_12m": rng.choice([None, 0, rng.randint(0, 3_000_000)]),
                  "prior_12m": rng.choice([None, 0, rng.randint(1, 3_000_000)]),
                  "last_order": rng.choice([None, day()])},
        "plan": {"growth": rng.choice([None, 0.1, 0.25]), "industry_growth": rng.choice([None, 0.18])},
        "contacts": contacts,
        "visits": [{"date": day(), "contact": rng.choice(names) if names else None,
                    "minutes": rng.choice([None, 15, 20, 45, 90]),
                    "outcome": rng.choice([None, *terms.VISIT_OUTCOMES]),
                    "appointment": rng.choice([None, True, False]),
                    "next_step": rng.choice([None, "bring the contract"]),
                    "reason_to_return": rng.choice([None, True, False])} for _ in range(rng.randint(0, 4))],
        "objections": [{"contact": rng.choice(names) if names else None, "text": rng.choice(WORDS),
                        "kind": rng.choice([None, None, None, "price", "feature", "budget", "service", "stall"]), "date": day(),
                        "answered": rng.random() < 0.3} for _ in range(rng.randint(0, 3))],
        "policies": rng.sample(list(terms.POLICIES), rng.randint(0, 2)),
        "competitors": [{"name": f"K{i}", "conflict_with_customer": rng.random() < 0.4} for i in range(rng.randint(0, 2))],
        "opportunities": [{"name": f"O{i}", "amount": rng.randint(1, 10**6), "won": rng.choice([None, True, False]),
                           "quoted": rng.random() < 0.4, "cooperation_agreed": rng.random() < 0.5}
                          for i in range(rng.randint(0, 2))],
        "facts": {f: rng.choice([True, False]) for f in (flags or []) if rng.random() < 0.4},
    }
    return data
