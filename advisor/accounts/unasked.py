"""The rep's own record of questions not asked (issue 23; seed 001 · 二、IBM的销售模式 争取销售权利: Prepare →
Open → Needs → Propose → Close).

A rep who writes "didn't ask how many beds", "never asked who pays", "没问床位数", "还没了解他们用多少" has recorded that
the needs analysis has not been done: the sale is at most at the needs step, whatever its stage says
(``opportunity.needs_open``, advisor/accounts/steps.py). The reading is structural, not a list of topics: a negation
right before an asking verb, with something after it — the thing not asked. Three things keep it honest:

- the customer as the one who did not ask is not the rep's gap: "she didn't ask about price", "客户没问价格", "他没问"
  (a third person or the customer right before the negation) are left alone;
- 没问题 / 沒問題 ("no problem") is not a question left unasked;
- a question with nothing after it ("the contract terms — didn't ask.", "条款, 没问。") names its object before,
  in words this reading cannot tie to the needs: it is left to the readings that know that object (a dealer's brand
  contract: advisor/accounts/financing.py).

Only the rep's own words are read (the account's notes and the visits' notes), never the buyer's.
"""
from __future__ import annotations

import re
from typing import Optional

# the rep's "not asked": a negation, an asking verb, then the thing not asked (a letter or a CJK character, not the
# 题 of 没问题 nor the end of the clause)
_ZH = re.compile(r"(?:还没有|還沒有|还没|還沒|也没|也沒|都没|都沒|没有|沒有|没|沒|未)"
                 r"(?:问清楚|問清楚|问清|問清|问过|問過|问到|問到|问|問|了解清楚|了解过|了解過|了解|打听|打聽)"
                 r"(?![题題过過清到楚])\s*(?=[\u4e00-\u9fffa-z0-9])")
_EN = re.compile(r"\b(?:didn[’']t|did not|never|haven[’']t|have not|hasn[’']t|has not|not yet|forgot to)\s+"
                 r"(?:ask|asked|find out|found out|get to ask|got to ask)\b(?:\s+(?:about|them|him|her|whether|if))?"
                 r"\s+(?=[a-z0-9])")
# the customer as the one who did not ask: right before the negation
_THEY_ZH = re.compile(r"(?:他|她|他们|她們|他們|她们|客户|客戶|对方|對方|老板|老闆|买方|買方)\s*$")
_THEY_EN = re.compile(r"\b(?:he|she|they|customer|client|buyer|the customer|the client|the buyer)\s*$")


# a question the rep has not put to his own side ("haven't asked my RSM", "还没问我们领导") is an internal clearance,
# not the customer's needs
_OURS = re.compile(r"(?:(?:my|our|we|us|ourselves)\b|我们|我們|我的|我司|我方|领导|領導|老总|老總|上级|上級)")


def _first(pattern: re.Pattern, they: re.Pattern, text: str) -> Optional[str]:
    for hit in pattern.finditer(text):
        if they.search(text[max(0, hit.start() - 16):hit.start()]) or _OURS.match(text, hit.end()):
            continue
        return hit.group(0).strip()
    return None


def not_asked(*texts: Optional[str]) -> Optional[str]:
    """The first "not asked" of the rep's in ``texts`` (lower-cased, as written), or None."""
    for text in texts:
        if not text:
            continue
        low = text.lower()
        got = _first(_ZH, _THEY_ZH, low) or _first(_EN, _THEY_EN, low)
        if got:
            return got
    return None
