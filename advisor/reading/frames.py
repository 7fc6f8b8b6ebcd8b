"""Take off what frames an objection but is not part of it: who reported it and how it was sent.

Why: a rep writes the buyer's words down inside a frame — "客户说…", "He said …", "per the buyer,",
"Email: Hi Tom, thanks for … Kind regards, Anneke", "voice note:". The frame carries no kind, yet
the cues met words in it ("Ward manager:" read as authority) and the model learned its n-grams as
evidence ('said the', '说', 'the') — the commonest cause of the reader's misses on reps' notes and
letters (benchmarks/results.md, session 3). The same text, frame off, is what both the cues and the
model read (reading/reader.py), at training and at run time (scripts/train_reader.py).

Works on the *normalised* text (lower case, simplified characters, contractions written out) and
only takes off a frame that stands where a frame stands: a channel label or greeting at the start,
a sign-off at the end, "X said (that)" at the start of a sentence or clause. A reporting verb inside
a kind's own wording stays ("他说了算" — his say decides — is authority, not a frame).
"""
from __future__ import annotations

import re

# a sentence or clause starts here: the text's start, or after punctuation (and its spaces)
_AT = r"(?:^|(?<=[.;:!?,()\"'\-–—\n，。；：！？、（）“”]))\s*"

# ---- English ----
_CHANNEL = re.compile(
    r"^\s*(?:e-?mail|voice ?(?:note|memo|message|mail)|vm|wechat|whatsapp|text|sms|call notes?|meeting notes?|"
    r"visit notes?|visit report|call report|notes?|minutes|re|fw|fwd|subject|fyi|update|debrief|"
    # a record's field label, written after the fact: "Loss reason (primary):", "Closed lost. Reason:", "Score 4. Reason:"
    r"loss reason|lost reason|reason for (?:loss|losing)|closed[- ]lost|win/loss|win-loss|survey|verbatim|nps|"
    r"free text|comments?|feedback|score \d+|rating \d+)\b[^:\n]{0,24}:\s*"
    # a speaker's label: "Ward manager: the pumps keep alarming" (the role is who speaks, not who decides)
    r"|^\s*(?:[a-z]+ ){0,3}(?:manager|director|buyer|owner|head|engineer|officer|lead|cfo|ceo|cto|coo|md|gm|vp|"
    r"purchasing|procurement|customer|client|dealer|distributor|"
    # ... or the record it was said in: "Buyer in debrief:", "Exit interview:"
    r"debrief|interview|survey|verbatim)\s*:\s*"
    # a closed record's bare status before the reason: "Closed lost - lead time.", "Lost, MOQ."
    r"|^\s*(?:closed[- ]lost|closed|lost|loss)\s*[-\u2013\u2014,.:]\s*")
_GREETING = re.compile(r"^\s*(?:hi|hello|hey|dear|morning|good (?:morning|afternoon|evening))\b[^,.!:\n]{0,30}[,.!:\n]+\s*")
# a thank-you that opens a letter and holds no contrast (a "thanks, but …" is the objection itself)
_THANKS = re.compile(r"^\s*(?:thanks|thank you|many thanks|thx)\b(?:(?!\b(?:but|however|though|unfortunately|sadly|"
                     r"not|no)\b)[^.!\n]){0,80}[.!\n]+\s*")
_SIGN_OFF = re.compile(
    r"(?:^|[,.;!?\n-])\s*(?:kind regards|best regards|warm regards|warmest regards|regards|best wishes|best|"
    r"cheers|thanks|thank you|many thanks|thanks again|thx|br|sincerely|yours sincerely|yours faithfully|yours|"
    r"talk soon|speak soon)\b[,.!\s-]*(?:[a-z][a-z.'-]*\s*){0,3}$")
# who said it: a person or a pronoun, then a reporting verb ("he goes" only after a pronoun: "the price goes up")
_PERSON = r"(?:he|she|they|i|we|[a-z]+ (?:from|at) [a-z]+|m(?:r|s|rs)\.? [a-z]+|(?:[a-z][a-z.'-]*\s+){0,3}[a-z][a-z.'-]*)"
_REPORTED = re.compile(
    _AT + r"(?:(?:so|and|then|but|anyway|basically)\s+)?(?:" +
    _PERSON + r"\s+(?:(?:just|then|also|basically|finally|politely|laughed and|smiled and|sighed and)\s+)?"
    r"(?:said|says|told (?:me|us|him|her)|tells (?:me|us)|mentioned|explained|replied|answered|added|claimed|claims|"
    r"insisted|insists|admitted|noted|stated|wrote|writes|emailed|texted|messaged|reckons|reckoned|repeated)"
    r"|(?:he|she|they)\s+(?:goes|went|go)"
    r")(?:\s+(?:to (?:me|us)|that|again|today|yesterday|on the phone|over the phone|on the call))*\s*[,:]?\s*")
_PER = re.compile(_AT + r"(?:per|according to|in the words of)\s+(?:the\s+|their\s+|our\s+)?[a-z]+(?:\s+[a-z]+)?\s*,\s*")

# ---- Chinese (simplified; Cantonese 佢 / 话 too) ----
_ZH_WHO = (r"(?:客户|客人|对方|他们|她们|他|她|佢哋|佢|老板娘|老板|老总|领导|采购|经理|经销商|代理商|厂长|店长|主任|院长|校长|"
           r"工程师|[\u4e00-\u9fff]{1,3}(?:总|经理|姐|哥|生|先生|小姐|太|老师|主任|工|老板|采购|主管))")
# not 说了算 / 说得算 (authority), 说实话 (a filler that stays harmless), 说不定, 说明
# "老板说了，…" / "经理讲咗，…": a 了 or 咗 after the verb belongs to the frame when punctuation follows it
# (only then: "他说了算" keeps its 了, whose say decides)
_ZH_REPORTED = re.compile(_AT + _ZH_WHO + r"(?:也|又|就|还|一直|直接|明确|今天|昨天|刚才|电话里|微信上|那边)?"
                          r"(?:说|讲|话|表示|反馈|提到|回复|答复|的意思是|意思是|意思)(?![了得]算|实话|不定|明|服)"
                          r"(?:[了咗](?=\s*[，,:：]))?\s*[，,:：]?")
# a channel or record label at the start: "微信回复：", "客户微信留言：", "会议纪要：", "钉钉：" — only a label
# that names a channel or a record (a bare "价格：太高" keeps its subject)
_ZH_CHANNEL = re.compile(r"^\s*[\u4e00-\u9fffa-z]{0,8}(?:微信|钉钉|企微|企业微信|短信|电话|邮件|语音|纪要|记录|反馈|回复|留言|"
                         r"备注|拜访|会议|消息|聊天|群里|"
                         # a record written after the fact: "输单原因：", "丢单复盘：", "客户访谈：", "结案：", "意见："
                         r"原因|复盘|访谈|结案|意见|问卷|调研|点评|评语|总结)[\u4e00-\u9fff]{0,4}\s*[:：]\s*")
_ZH_GREETING = re.compile(r"^\s*(?:[\u4e00-\u9fff]{1,3})?(?:您好|你好|早上好|下午好|晚上好|哈喽|hello|hi)[，,！!。.\s]*")
_ZH_SIGN_OFF = re.compile(r"[，,。.！!\s]*(?:谢谢|多谢|感谢|祝好|此致敬礼|此致|辛苦了|麻烦了)[！!。.~\s]*$")

# the formal address of a letter: 贵司, 贵公司, 贵方 ("your company", "your side") — 贵 here is the writer's
# courtesy, not "expensive" (the price cue 贵 read "贵司上次交付延误两周" as price). Written as the plain 你司 / 你方,
# so neither the cues nor the model meet a price word that is not there. Not after a degree word (太贵, 很贵).
_HONORIFIC = re.compile(r"(?<![太很好更最真挺较偏越蛮忒])贵(?=公司|司|方|单位|厂|校|院|集团|部门|中心|医院)")

# a record's reason field ("Loss reason: terms + price.", "Closed lost - price and the lead time", "输单原因：价格和交期"):
# its head is a list of reasons, one kind each; the coordinators of a short head become clause breaks, so that each
# reason is read as a clause of its own (two kinds named in one closed-lost clause were read as one)
_RECORD = re.compile(r"^\s*(?:loss reason|lost reason|reason for (?:loss|losing)|closed[- ]lost|lost|loss|win/loss|win-loss|"
                     r"[\u4e00-\u9fff]{0,4}(?:输单|丢单|失单|流失|落选)[\u4e00-\u9fff]{0,2}原因)(?![a-z])")
_HEAD = re.compile(r"^[^.;:!?\n\-\u2013\u2014。；：！？]+")
_AND_EN = re.compile(r"\s+(?:and|&|\+|/|plus)\s+")
_AND_ZH = re.compile(r"(?<=[\u4e00-\u9fff])(?:和|及|以及|与|跟|加上|\+|/|&)(?=[\u4e00-\u9fff])")


def _split_reasons(text: str) -> str:
    """The reason list at the head of a record's text, its coordinators made clause breaks (only a short head:
    "price and lead time", not a sentence that happens to hold "and")."""
    head = _HEAD.match(text)
    if not head:
        return text
    words = head.group(0).split()
    if _HAN.search(head.group(0)):
        if len(head.group(0).strip()) > 12:
            return text
        new = _AND_ZH.sub("，", head.group(0))
    elif len(words) > 6:
        return text
    else:
        new = _AND_EN.sub(", ", head.group(0))
    return new + text[head.end():]


_HAN = re.compile(r"[\u3400-\u9fff]")

PATTERNS = (_HONORIFIC, _CHANNEL, _GREETING, _THANKS, _SIGN_OFF, _REPORTED, _PER, _ZH_REPORTED, _ZH_CHANNEL, _ZH_GREETING,
            _ZH_SIGN_OFF)


def unframe(text: str) -> str:
    """The normalised text without its reporting frame and mail boilerplate; the text itself when
    nothing of it would be left (a bare "thanks" is what the rep wrote down)."""
    out = _HONORIFIC.sub("你", text)
    text = out
    record = bool(_RECORD.match(out))
    for _ in range(2):  # "Email: Hi Tom," — a label, then a greeting
        out = _CHANNEL.sub("", out, count=1)
        out = _GREETING.sub("", out, count=1)
        out = _ZH_CHANNEL.sub("", out, count=1)
        out = _ZH_GREETING.sub("", out, count=1)
    out = _THANKS.sub("", out, count=1)
    out = _SIGN_OFF.sub("", out, count=1)
    out = _ZH_SIGN_OFF.sub("", out, count=1)
    out = _REPORTED.sub("", out)
    out = _PER.sub("", out)
    out = _ZH_REPORTED.sub("", out)
    out = out.strip()
    if record:
        out = _split_reasons(out)
    return out if re.search(r"[\w\u3400-\u9fff]", out) else text
