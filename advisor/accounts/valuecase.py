"""What the buyer has said he judges the purchase by, beside a price objection (issue 23, session 5).

"Too expensive" is probed because its meaning is unknown (001 · 3、管理不同的声音: find the real need, then
prescribe). Where the account already records what the buyer weighs beyond the price — the product's life, its
durability or uptime, the whole cost over its life, or how a rival's product aged early at one of his sites
(003 · 八 (二) 評價標準: 產品質量 …) — the need is known, and the answer is the value case in those terms, not
another probe. ``value_criterion`` on an objection fact is the first such word (the packs' vocabulary
``value_criterion``) in the objection itself, the visits' notes or the account's notes — or, where none holds one, the
first word of an early failure (vocabulary ``value_failure``: 老化, wore out) there; absent when neither is found.
"""
from __future__ import annotations

from typing import Callable, Optional

from .account import Account

CATALOG: dict[str, dict[str, tuple[str, str]]] = {"objection": {
    "value_criterion": ("text", "what the buyer judges the purchase by beyond its price, as written in the objection, a "
                               "visit's note or the account's notes (a word of the packs' vocabulary value_criterion: "
                               "lifetime, uptime, 寿命, 耐候 …), else a word of an early failure (value_failure: 老化, "
                               "wore out); absent when none says"),
}}
CATALOG_ZH: dict[str, dict[str, str]] = {"objection": {
    "value_criterion": "客户在价格之外衡量这次采购的标准,见于异议原话、拜访记录或客户备注(规则包词表 value_criterion:"
                       "寿命、耐候、停机、lifetime …),否则为提前损坏的说法(value_failure:老化、wore out);"
                       "都没有提到时不存在",
}}


def mark(facts: list[dict], account: Account, find: Callable[..., Optional[str]],
         find_failure: Callable[..., Optional[str]]) -> None:
    """Set ``value_criterion`` on every objection fact whose words, or the account's, name one (in place);
    ``find(*texts)`` and ``find_failure(*texts)`` are the packs' value_criterion and value_failure finders
    (wordlists.finder). The yardstick itself comes before a failure that shows it; the objection's words first."""
    around = (*(v.note for v in account.visits), account.notes)
    for f in facts:
        if f["kind"] == "objection":
            word = find(f.get("quote"), *around) or find_failure(f.get("quote"), *around)
            if word:
                f["value_criterion"] = word
