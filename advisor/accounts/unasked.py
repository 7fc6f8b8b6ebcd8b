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
                 r"(?:问清楚|問清楚|问清|問清|问过|問過|问到|問到|问|問|了解清楚|了解过|了解過|了解|打听|打聽|"
                 # … or a topic the talk never reached (session 11): 没聊到带宽, 沒談到預算, 没涉及现有系统
                 r"聊到|談到|谈到|涉及|深入聊|深入談|深入谈)"
                 # … and the rep's list of what is still unknown: 未了解：品类、客户、销量 (a colon before the list)
                 r"(?![题題过過清到楚])\s*[:：]?\s*(?=[\u4e00-\u9fffa-z0-9])")
_EN = re.compile(r"\b(?:didn[’']t|did not|never|haven[’']t|have not|hasn[’']t|has not|not yet|forgot to)\s+"
                 r"(?:ask|asked|find out|found out|get to ask|got to ask|get into|go into|dig into|touch on)\b"
                 r"(?:\s+(?:about|them|him|her|whether|if))?"
                 r"\s*:?\s+(?=[a-z0-9])")
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


# the rep asked nothing at all ("asked no questions", "一个问题都没问"): no object follows — the whole needs analysis is
# what was skipped (session 11: a demo given for half an hour without one question)
_NONE_ZH = re.compile(r"(?:一个问题都没|一個問題都沒|什么都没|什麼都沒|啥都没|啥都沒|没问任何|沒問任何|一句都没|一句都沒)"
                      r"(?:问|問|有问|有問)")
_NONE_EN = re.compile(r"\b(?:asked|asking|ask)\s+(?:no|zero|not a single|not one)\s+(?:questions?|question at all)\b"
                      r"|\b(?:didn[’']t|did not|never)\s+ask\s+(?:a single|one|any)\s+question")

# the rep's own "we don't know" about the customer's needs: a not-knowing, then within a few words what a needs analysis
# asks — how many / how much / why / what for, its size, volumes, budget, problem (not "the process": that is how they buy) (session 11: "we don't know
# its size, how many buying societies they have", 不知道他们日处理量和工艺). Structural: the not-knowing is the rep's
# (not the customer's: _THEY before it), and what follows is a question of the needs, not of a person ("don't know who
# the new buyer is" is the roles' matter) nor of our own side ("不知道我们领导批不批")
_UNKNOWN_EN = re.compile(r"\b(?:don[’']t|do not|didn[’']t|did not)\s+(?:yet\s+|even\s+|really\s+)?know\s+|"
                         r"\bno idea\s+(?:of\s+|about\s+)?|\bnot sure\s+(?:of\s+|about\s+)?")
_NEED_EN = re.compile(r"(?:how many|how much|how often|why they|why it|why the|what (?:they|it) (?:use|need|want|cost|save)|"
                      r"what for|(?:its|their|the) (?:size|volumes?|scale|budget|usage|pain|problem|throughput|"
                      r"real need|needs)|whether they need)\b")
_UNKNOWN_ZH = re.compile(r"(?:不知道|不晓得|不曉得|不清楚|搞不清楚|搞不清|没搞清楚|沒搞清楚|没弄清楚|沒弄清楚|摸不清|唔知)")
_NEED_ZH = re.compile(r"(?:多少|几个|幾個|几台|幾台|几条|幾條|几人|幾人|处理量|處理量|用量|产量|產量|规模|規模|工艺|工藝|"
                      r"为什么|為什麼|为啥|為啥|用途|痛点|痛點|预算|預算|需求|怎么用|怎麼用|人数|人數)")
_NEED_REACH, _NEED_REACH_ZH = 20, 8
# the customer as the one who does not know, with the adverbs between ("客户自己也不知道", "the buyer himself doesn't know")
_THEY_KNOW_ZH = re.compile(r"(?:他|她|他们|她們|他們|她们|客户|客戶|对方|對方|老板|老闆|买方|買方)(?:自己|本人)?"
                           r"(?:也|都|还|還|并|並|根本)*\s*$")
_THEY_KNOW_EN = re.compile(r"\b(?:he|she|they|customer|client|buyer)(?:\s+(?:himself|herself|themselves|also|still|"
                           r"really|even|just))*\s*$")


def _unknown(text: str) -> Optional[str]:
    for pattern, need, reach, they in ((_UNKNOWN_EN, _NEED_EN, _NEED_REACH, _THEY_KNOW_EN),
                                       (_UNKNOWN_ZH, _NEED_ZH, _NEED_REACH_ZH, _THEY_KNOW_ZH)):
        for hit in pattern.finditer(text):
            if they.search(text[max(0, hit.start() - 16):hit.start()]) or _OURS.match(text, hit.end()):
                continue
            window = re.split(r"[.;!?。;!?\n]", text[hit.end():hit.end() + reach])[0]
            got = need.search(window)
            if got:
                return text[hit.start():hit.end() + got.end()].strip()
    return None


def not_asked(*texts: Optional[str]) -> Optional[str]:
    """The first "not asked" of the rep's in ``texts`` (lower-cased, as written) — a question not put, no question put
    at all, or a need the rep says he does not know — or None."""
    for text in texts:
        if not text:
            continue
        low = text.lower()
        got = (_first(_ZH, _THEY_ZH, low) or _first(_EN, _THEY_EN, low) or _first(_NONE_ZH, _THEY_ZH, low)
               or _first(_NONE_EN, _THEY_EN, low) or _unknown(low))
        if got:
            return got
    return None
