"""How long the account's own words say a payment waits (issue 23; seed 004 · 王强案例 水到渠成: the
financer advances the money and collects it later — a project whose end customer pays in months is a
project someone must carry).

A rep writes the wait as a period beside a payment word, never as a fixed phrase: "the school pays in
6–9 months", "council settles 120 days after commissioning", "net 90", "学校付款周期约 6-9 个月",
"验收后九十天回款", "半年才结款" — not how long they have paid on time ("合作六年，一直按时回款").
``longest_wait_days`` reads the longest such period (days; a month is 30 days, a year 365) in any of the
texts, or None. Whether a wait is long enough to need financing is
the packs' judgement (core pack parameter ``financing_payment_days``), not this module's.
"""
from __future__ import annotations

import re
from typing import Optional

_DAYS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "mo": 30, "mos": 30,
         "year": 365, "years": 365, "天": 1, "日": 1, "周": 7, "週": 7, "个月": 30, "個月": 30, "年": 365}
_EN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "thirty": 30, "sixty": 60, "ninety": 90}
_ZH_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}

_EN_NUM = r"(\d+(?:\.\d+)?|" + "|".join(sorted(_EN_NUMBERS, key=len, reverse=True)) + r")"
_EN_UNIT = r"(days?|weeks?|months?|mos?|years?)"
_EN_PAY = r"(?:pay|pays|paid|paying|payment|payments|settle|settles|settled|settlement|collect|collects|collected|" \
          r"collection|receivable|receivables|invoice|invoices|invoiced|terms)"
_EN = [
    # "pays in 6-9 months", "payment only after 120 days", "settles 90 days after commissioning" — not what is
    # paid for ("they pay for 12 months of support": a span of service, no wait)
    re.compile(r"(?<![a-z])" + _EN_PAY + r"(?![a-z])[^.;!?\n]{0,30}?(?<![a-z0-9])(?<!for )" + _EN_NUM
               + r"(?:\s*(?:-|–|to)\s*" + _EN_NUM + r")?\s*-?\s*" + _EN_UNIT + r"(?![a-z])"),
    # "a 90-day payment term", "six months before they pay", "120 days to collect" — only a few joining words
    # between (a "12-month warranty and payment on delivery" speaks of no wait)
    re.compile(r"(?<![a-z0-9])" + _EN_NUM + r"(?:\s*(?:-|–|to)\s*" + _EN_NUM + r")?\s*-?\s*" + _EN_UNIT
               + r"(?:\s+(?:before|until|till|to|they|we|he|she|it|the|customer|school|council|client|can|will|"
                 r"would|finally|actually|get|gets|of|credit|in)){0,4}\s+" + _EN_PAY + r"(?![a-z])"),
]
_EN_NET = re.compile(r"(?<![a-z])net\s*-?\s*(\d{2,3})(?![0-9])")  # "net 90", "Net-120"

_ZH_NUM = r"(\d+(?:\.\d+)?|[零一二两兩三四五六七八九十半]+)"
# a bare 月 is a month of the year ("3月付款": March), not a span: months are 个月
_ZH_UNIT = r"(个月|個月|天|日|周|週|年)"
_ZH_PAY = r"(?:付款|回款|结款|結款|收款|结算|結算|付清|账期|賬期|帐期|帳期|回笼|回籠|打款|支付|给钱|給錢|结账|結賬)"
# a sentence ends at 。；！？ (full width, written as escapes so no editor folds them to ASCII) or their ASCII forms;
# a period and a payment word across a comma are two things ("合作六年，一直按时回款": six years together, paid on time)
_ZH_STOP = "\u3002\uff1b\uff01\uff1f;!?\\n"
_ZH_COMMA = "\uff0c\u3001,"
_ZH = [
    # "付款周期约 6-9 个月", "回款要半年", "账期九十天"
    # — not what comes after paying ("付款后3个月内发货")
    re.compile(_ZH_PAY + r"(?!后|後)[^" + _ZH_STOP + r"]{0,10}?" + _ZH_NUM + r"(?:\s*[-~～–至到]\s*" + _ZH_NUM + r")?\s*" + _ZH_UNIT),
    # "六个月后才付款", "验收后 90 天回款"
    re.compile(_ZH_NUM + r"(?:\s*[-~～–至到]\s*" + _ZH_NUM + r")?\s*" + _ZH_UNIT + r"[^" + _ZH_STOP + _ZH_COMMA + r"]{0,8}?" + _ZH_PAY),
]


# a period beside a word of paying on time is how long they have paid so, not how long a payment waits
# ("合作六年一直按时回款", "paid on time every month for three years")
_ON_TIME = re.compile(r"按时|準時|准时|及时|及時|按期|如期|从不拖|從不拖|没拖过|沒拖過|on time|promptly|on schedule|never late")

# Session 15: a buyer's terms are what its seller grants it. The account is our buyer, so "60-day terms", "payment
# terms 90 days", "net 60", "账期60天", "月结60天" — with no one else named who pays at the end of them — are its standing
# terms with us: how it pays us, not a project whose end customer makes someone wait for money (v15's badminton dealer
# "60-day terms, paid on time" and v16's dealer "payment terms 60 days agreed" were read as projects to finance). The
# same words with the one who pays at the end (a school, a council, a hospital, the project's owner: 学校, 医院, 业主,
# 甲方) or a project's milestone (after acceptance, 验收后) are that project's wait. A sentence that says the payments
# come on time ("paid on time", "从不拖欠") or that the terms were agreed ("terms agreed", "谈妥") speaks of standing
# terms kept, not of a wait.
_TERMS = re.compile(r"(?<![a-z])(?:terms?|net|credit)(?![a-z])|账期|賬期|帐期|帳期|月结|月結|信用期")
_AGREED = re.compile(r"(?<![a-z])(?:agreed|signed|accepted|settled on)(?![a-z])|谈妥|談妥|谈好|談好|签了|簽了|说好|說好|同意")
_THIRD_PAYER = re.compile(
    r"(?<![a-z])(?:schools?|councils?|hospitals?|universit(?:y|ies)|government|ministry|municipalit(?:y|ies)|"
    r"end[- ]?customers?|end[- ]?users?|public (?:sector|buyer)|projects?|commissioning|acceptance|handover|"
    r"completion|the client's client)(?![a-z])|"
    r"学校|學校|医院|醫院|政府|财政|財政|业主|業主|甲方|终端|終端|项目|項目|工程|验收|驗收|竣工|交付后|交付後")
# … and a period a seller grants the buyer ("Marathon gives me 60 days to pay", "offers them 90 days to settle", "竞品给我们
# 两个月付款", "别家允许他九十天后结款") is the same kind of terms — the account's time to pay a supplier (us or a rival),
# not a wait for someone else's money (session 16: v13's dealer quoting a rival's credit read as a project to finance).
# Read right before the period: the grant's verb and at most two words for whom (me, us, the dealer).
_GRANTED = re.compile(r"(?:(?<![a-z])(?:gives?|gave|giving|offers?|offered|offering|grants?|granted|granting|allows?|"
                      r"allowed|allowing|extends?|extended|extending)\s+(?:[a-z]+\s+){0,2}(?:up to\s+)?|"
                      r"(?:给|給|允许|允許|提供)(?:我们|我們|我|他们|他們|他|她|经销商|經銷商|代理商)?(?:最多|长达|長達)?)$")
_SENTENCE_END = re.compile(r"[.;!?\n\u3002\uff1b\uff01\uff1f]")


def _sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding the span start..end."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    stop = _SENTENCE_END.search(text, end)
    return text[begin:stop.start() if stop else len(text)]


def _standing_terms(text: str, m: re.Match) -> bool:
    """Is the period matched the account's standing terms with us, not a wait for someone else's money?"""
    sentence = _sentence_at(text, m.start(), m.end())
    if _THIRD_PAYER.search(sentence):
        return False
    return bool(_TERMS.search(m.group(0)) or _ON_TIME.search(sentence) or _AGREED.search(sentence)
                or _GRANTED.search(text[max(0, m.start(1) - 30):m.start(1)]))


def _zh_number(text: str) -> Optional[float]:
    """Chinese numerals as a rep writes a period: 六, 十二, 九十, 两, 半 (a half)."""
    if text == "半":
        return 0.5
    if "十" in text:
        tens, _, ones = text.partition("十")
        if (tens and tens not in _ZH_DIGITS) or (ones and ones not in _ZH_DIGITS):
            return None
        return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[ones] if ones else 0)
    if len(text) == 1 and text in _ZH_DIGITS:
        return _ZH_DIGITS[text]
    return None


def _number(text: Optional[str]) -> Optional[float]:
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return _EN_NUMBERS.get(text) or _zh_number(text)


def _period(low: Optional[str], high: Optional[str], unit: str) -> Optional[float]:
    """The longer end of a period ("6-9 months" → 270 days): the one who carries the money must last it."""
    n = max((x for x in (_number(low), _number(high)) if x is not None), default=None)
    if n is None:
        return None
    if unit in ("年", "year", "years") and n >= 1000:
        return None  # "2019年开户": a calendar year, not a span of 2019 years
    return n * _DAYS[unit]


def longest_wait_days(*texts: Optional[str]) -> Optional[int]:
    """The longest payment wait the texts speak of, in days, or None when none speaks of one."""
    best: Optional[float] = None
    for t in texts:
        if not t:
            continue
        low = t.lower()
        found = [_period(m.group(1), m.group(2), m.group(3)) for p in _EN + _ZH for m in p.finditer(low)
                 if not _ON_TIME.search(m.group(0)) and not _standing_terms(low, m)]
        found += [float(m.group(1)) for m in _EN_NET.finditer(low) if not _standing_terms(low, m)]
        for days in found:
            if days is not None and (best is None or days > best):
                best = days
    return None if best is None else int(best)
