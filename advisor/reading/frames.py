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

# A Chinese character is written [^\W\d_a-z] here (a letter that is not a lower-case Latin one: the text is lower-cased
# before it comes here), not as the range \u4e00-\u9fff: Python's re compiles a range by visiting each of its ~21,000
# code points, ~1 ms a range, paid at every cold start for each of the frames' dozen ranges (benchmarks/coldstart_phases.py).
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
# (a full-width comma too: "Dear Peter，貴司保養條款…" — a Hong Kong letter greets in English and goes on in Chinese)
_GREETING = re.compile(r"^\s*(?:hi|hello|hey|dear|morning|good (?:morning|afternoon|evening))\b[^,.!:\n，。！：]{0,30}[,.!:\n，。！：]+\s*")
# a thank-you that opens a letter and holds no contrast (a "thanks, but …" is the objection itself)
_THANKS = re.compile(r"^\s*(?:thanks|thank you|many thanks|thx)\b(?:(?!\b(?:but|however|though|unfortunately|sadly|"
                     r"not|no)\b)[^.!\n]){0,80}[.!\n]+\s*")
_SIGN_OFF = re.compile(
    r"(?:^|[,.;!?\n-])\s*(?:kind regards|best regards|warm regards|warmest regards|regards|best wishes|best|"
    r"cheers|thanks|thank you|many thanks|thanks again|thx|br|sincerely|yours sincerely|yours faithfully|yours|"
    r"talk soon|speak soon)\b[,.!\s-]*(?:[a-z][a-z.'-]*\s*){0,3}$")
# who said it: a person or a pronoun, then a reporting verb ("he goes" only after a pronoun: "the price goes up")
# ... never the seller or a document of theirs: "the vendor claims …", "their brochure says …", "the datasheet states …" is the
# claim the buyer goes on to weigh — the seller's word under doubt is the objection (trust), not the note's frame
_SELLER = (r"(?!(?:the |this |that |their |your |its )?(?:[a-z]+ ){0,2}(?:vendors?|suppliers?|sellers?|manufacturers?|makers?|"
           r"salesman|salesmen|salesperson|sales ?rep|brochures?|website|datasheet|data sheet|spec sheet|specs?|"
           # ... or the seller's own outreach the buyer answers: "your message says 'zero downtime'", "your email claims"
           r"messages?|e-?mails?|letters?|pitch|flyer|leaflet|ads?|adverts?|"
           r"case stud(?:y|ies)|deck|proposal|quote|contract|literature|marketing|advert|figures?|"
           r"numbers?|claims?)\s)")
_PERSON = _SELLER + r"(?:he|she|they|i|we|[a-z]+ (?:from|at) [a-z]+|m(?:r|s|rs)\.? [a-z]+|(?:[a-z][a-z.'-]*\s+){0,3}[a-z][a-z.'-]*)"
_REPORTED = re.compile(
    _AT + r"(?:(?:so|and|then|but|anyway|basically)\s+)?(?:" +
    _PERSON + r"\s+(?:(?:just|then|also|basically|finally|politely|laughed and|smiled and|sighed and)\s+)?"
    r"(?:said|says|told (?:me|us|him|her)|tells (?:me|us)|mentioned|explained|replied|answered|claimed|claims|"
    # "added" reports only before what was said ("he added that …", "she added:"); "freight added on top" is no report
    r"added(?=\s*(?:that\b|[,:\"'“]))|"
    r"insisted|insists|admitted|noted|stated|wrote|writes|emailed|texted|messaged|reckons|reckoned|repeated)"
    r"|(?:he|she|they)\s+(?:goes|went|go)"
    r")(?:\s+(?:to (?:me|us)|that|again|today|yesterday|on the phone|over the phone|on the call))*\s*[,:]?\s*")
_PER = re.compile(_AT + r"(?:per|according to|in the words of)\s+(?:the\s+|their\s+|our\s+)?[a-z]+(?:\s+[a-z]+)?\s*,\s*")

# ---- the buyer's own paperwork (session 10) ----
# Where a comment sits in a document the buyer marks up: "p.6 —", "Clause 4 (Scope):", "Row 12, col F:", "第5页 ",
# "合同第8条：", "第1頁右上角：". The place is a frame, not the subject: a margin note on clause 4 is about what it says
# there ("Clause 4 (Scope): no Mandarin interface" is a missing feature, not terms). Only a place followed by a mark that
# ends a label (colon, dash; a space too after a Chinese locator) — "Clause 4 is unacceptable" keeps its subject.
_PLACE_EN = (r"(?:p|pp|pg|page|para|paragraph|section|sec|clause|cl|item|line|row|col|column|cell|tab|sheet|slide|schedule|"
             r"annex|appendix|exhibit|table|fig|figure|art|article|§)\.?\s*[a-z0-9][a-z0-9.]{0,5}"
             r"(?:\s*\([^)\n]{0,30}\))?")
_LOCATOR = re.compile(r"^\s*" + _PLACE_EN + r"(?:\s*[,&/]\s*" + _PLACE_EN + r")?\s*(?::|—|–|--|-\s)\s*")
_ZH_LOCATOR = re.compile(r"^\s*[^\W\d_a-z]{0,4}第\s*[0-9一二三四五六七八九十百两]+\s*(?:页|条|款|项|行|列|节|章|段|栏|张|格|点)"
                         r"(?:\s*第?\s*[0-9一二三四五六七八九十]+\s*(?:条|款|项|行|列|点))?"
                         r"(?:[^\W\d_a-z]{0,3}(?:角|处|上方|下方|旁边|边上|批注|备注|注))?\s*(?:[:：,，]\s*|\s+)")
# The verdict of an approval workflow, before its reason: "Rejected.", "Declined -", "Returned:", "On hold:", "不同意：",
# "不核准：", "暂不批：", "退回：". The verdict says no — every such note does; the reason after it says why, and carries
# the kind ("暂不批：…他们那个节电率我不信" is doubt, not a budget refused). A verdict alone is kept (nothing else is there).
_VERDICT = re.compile(r"^\s*(?:rejected|declined|returned|denied|refused|not approved|disapproved|not supported|"
                      r"on hold|deferred|parked|sent back|returned to requester|approval (?:declined|denied|refused))"
                      r"\s*(?:[.:;!]|—|–|--|-\s)\s*")
_ZH_VERDICT = re.compile(r"^\s*(?:不同意|不核准|不予核准|不批准|不予批准|未批准|未核准|暂不批准|暂不批|暂不同意|不予同意|退回|驳回|退件|"
                         r"否决|不通过|未通过|不予通过|拒绝|不予采纳|暂缓|缓议|搁置|退回修改|打回)\s*[:：，,。.]\s*")
# Who a note is addressed to: "各位，", "周经理，", "老板，", "学长，", "财务部：", "To the shift supervisors:", "All —".
# The addressee is a frame like a greeting: the boss named in "老板，这家说…" is who reads the note, not who decides.
_ZH_ADDRESS = re.compile(r"^\s*(?:各位(?:领导|同事|同仁|老师|老板)?|大家|诸位|"
                         r"[^\W\d_a-z]{0,2}(?:总|经理|主任|老师|老板|领导|学长|学姐|师傅|处长|科长|部长|厂长|院长|主管)|"
                         r"[^\W\d_a-z]{1,4}(?:部|处|科|组|中心))\s*[，,：:]\s*")
_ADDRESS = re.compile(r"^\s*(?:to (?:the |all |our )?[a-z][a-z ,&/'-]{0,40}:|(?:all|team|everyone|folks|guys)\s*(?:[,:]|—|–|--)|"
                      r"quick one,? [a-z]+\s*[:,—–])\s*")

# ---- what a mail system or a workflow wrote around the buyer's words (session 13) ----
# An automatic reply before the buyer's own line: "Automatic reply: our office is closed from 8 to 17 February. [manual]
# …", "[Auto-reply] I'm at the show until Friday. — typed quickly: …", "自动回覆：感谢您的来信。人工补充：…". Its dates
# and absences are the mail system's, not a put-off (the office closed till the 17th read as timing): taken off up to
# where the person's own text starts — a bracketed tag, a dash, a short label after a sentence ("Personal note:",
# 人工补充：). With no such mark nothing is taken off (the whole text may be the buyer's).
_AUTO_REPLY = re.compile(
    r"^\s*[\[(【]?\s*(?:automatic reply|auto-?reply|autoreply|auto-?response|automated (?:reply|response)|out of (?:the )?office|"
    r"ooo|away message|(?:系统)?自动(?:回复|回覆|答复))\s*[\])】]?\s*[:：\-—–]?\s*"
    r"[^\[\n]*?(?:\[[^\]\n]{0,40}\]\s*:?|\s(?:—|–|--|-)\s|——|(?<=[.!。！])\s*[a-z]+(?:\s+[a-z]+){0,2}\s*:|"
    r"(?<=[。！.!])\s*[^\W\d_a-z]{1,6}[:：])\s*")
# A bracketed tag that opens a note says where it came from or who is speaking: "[Interpreter:] He says …", "[WeChat]",
# "[forwarded]", 【审批】. A label like a channel's ("he says" after it is a report, taken off with the others).
_TAG = re.compile(r"^\s*(?:\[[^\]\n]{1,40}\]|【[^】\n]{1,20}】)\s*[:：]?\s*")
# Who approved or turned it down in a workflow, before the reason: "Approver: D. Moyo (Plant Finance) |", "rejected by
# j.okafor —", "审批人：王厂长——". The approver is who wrote the reason, not a decider the buyer must go to (王厂长 read
# as authority on a note that only said "not now").
_APPROVER = re.compile(r"(?:^|(?<=[|—–;；\n]))\s*(?:approver|reviewer|approved by|rejected by|declined by|returned by|reviewed by|"
                       r"审批人|审核人|批准人|审批领导)\s*[:：]?\s*[^|—–\n;；:：]{0,40}?\s*(?:[|;；]|—+|–|--)\s*")

# ---- a bargain: the condition carries the kind, the promise that follows it does not (session 10) ----
# "Get it to 3.85 a metre on 75-day terms and you've got the job", "Halve the set-up fee and we'll roll it out",
# "二十天内能到港，我们马上下单", "每台再降三千，我們就不等明年了，今年就換": the buyer names what must change (the
# objection) and then what they will do once it has (sign, order, switch, roll out; 就签, 马上下单, 今年就换). The promise
# is no objection — its words (order, contract, 明年, 下单) made kinds that are not there. Taken off from the promise to
# the end of its sentence; only after the condition (never a text's first clause: "we'll sign if …" is left whole), and
# only a promise to buy — "and we'll have to wait" or "then we'll think about it" are the objection itself.
_PROMISE = re.compile(
    r"(?:,|;|\band\b|\bthen\b|—|–)\s*(?:then\s+)?(?:(?:we|i)\s+(?:will|would|shall)\s+(?:happily\s+|gladly\s+|definitely\s+|"
    r"immediately\s+|straight away\s+|also\s+)?(?:sign|buy|order|place|roll|move|switch|send|go ahead|proceed|commit|"
    r"convert|standardi[sz]e|award|do the deal|do a deal|have a deal|be good to go|be happy to sign)\b|(?:we are|i am) good to go\b|"
    r"we can (?:sign|order|go ahead|proceed)\b|"
    r"you (?:have|will have) got (?:a|the|our|yourself a) (?:job|deal|order|contract|business|customer)\b|"
    r"(?:it|the (?:job|order|contract|deal|business)) is yours\b|(?:you have|it is) a deal\b|"
    # the bare go-ahead that ends a bargain's sentence: "…, we're in.", "…, we are interested.", "… and we go.", "…, you're
    # first in line." (only at the sentence's end: "we are in a freeze" is the objection)
    r"(?:(?:we are|i am) (?:in|interested|on board)|we go|we are done|you are (?:first in line|in|on the list))(?=\s*(?:[.;!?]|$)))"
    # to the end of its sentence, or to a contrast or a condition after it: "i would sign it myself, but we are in a
    # freeze" keeps the freeze, "i would buy it tomorrow if we had a dollar left" keeps the dollar
    r"(?:(?!\b(?:but|however|though|although|except|unless|if|once|when|provided)\b)[^.;!?\n—–])*[.;!?]?")
_ZH_PROMISE = re.compile(r"(?:[，,；;]\s*)?(?:那)?(?:我们|我|咱们)(?:这边)?(?:就|马上|立刻|立马|当场|今年就)"
                         r"(?:不等[^，,。；;！!]{0,6}[，,]?\s*(?:今年|马上|立刻)?就?)?"
                         r"(?:签|下单|订|采购|买|换|全换|合作|考虑)(?![了过])[^。；;！!？?\n]*[。；;！!]?"
                         # "…，没问题的话再谈采购": the purchase talked of once the condition is met
                         r"|(?:[，,；;]\s*)?(?:[^\W\d_a-z]{0,4}的话)?再谈(?:采购|合作|订单|下单|购买)[^。；;！!？?\n]*[。；;！!]?"
                         # "如果你们能先试用…，就考虑。": the go-ahead that ends the sentence, said without a subject
                         r"|[，,；;]\s*(?:那|那么)?就(?:考虑|签|下单|买|订|采购|合作)(?:一下|了|吧|啦)?[。；;！!]?(?=\s*$)")

# ---- Chinese (simplified; Cantonese 佢 / 话 too) ----
_ZH_WHO = (r"(?:客户|客人|对方|他们|她们|他|她|佢哋|佢|老板娘|老板|老总|领导|采购|经理|经销商|代理商|厂长|店长|主任|院长|校长|董事长|总裁|总监|"
           r"工程师|[^\W\d_a-z]{1,3}(?:总|经理|姐|哥|生|先生|小姐|太|老师|主任|工|老板|采购|主管))")
# not 说了算 / 说得算 (authority), 说实话 (a filler that stays harmless), 说不定, 说明
# "老板说了，…" / "经理讲咗，…": a 了 or 咗 after the verb belongs to the frame when punctuation follows it
# (only then: "他说了算" keeps its 了, whose say decides)
_ZH_REPORTED = re.compile(_AT + _ZH_WHO + r"(?:也|又|就|还|一直|直接|明确|今天|昨天|刚才|电话里|微信上|那边)?"
                          r"(?:说|讲|话|表示|反馈|提到|回复|答复|的意思是|意思是|意思)(?![了得]算|实话|不定|明|服)"
                          r"(?:[了咗](?=\s*[，,:：]))?\s*[，,:：]?")
# a channel or record label at the start: "微信回复：", "客户微信留言：", "会议纪要：", "钉钉：" — only a label
# that names a channel or a record (a bare "价格：太高" keeps its subject)
_ZH_CHANNEL = re.compile(r"^\s*[^\W\d_]{0,8}(?:微信|钉钉|企微|企业微信|短信|电话|邮件|语音|纪要|记录|反馈|回复|留言|"
                         r"备注|拜访|会议|消息|聊天|群里|"
                         # a record written after the fact: "输单原因：", "丢单复盘：", "客户访谈：", "结案：", "意见："
                         r"原因|复盘|访谈|结案|意见|问卷|调研|点评|评语|总结)[^\W\d_a-z]{0,4}\s*[:：]\s*")
_ZH_GREETING = re.compile(r"^\s*(?:[^\W\d_a-z]{1,3})?(?:您好|你好|早上好|下午好|晚上好|哈喽|hello|hi)[，,！!。.\s]*")
_ZH_SIGN_OFF = re.compile(r"[，,。.！!\s]*(?:谢谢|多谢|感谢|祝好|此致敬礼|此致|辛苦了|麻烦了)[！!。.~\s]*$")

# the formal address of a letter: 贵司, 贵公司, 贵方 ("your company", "your side") — 贵 here is the writer's
# courtesy, not "expensive" (the price cue 贵 read "贵司上次交付延误两周" as price). Written as the plain 你司 / 你方,
# so neither the cues nor the model meet a price word that is not there. Not after a degree word (太贵, 很贵).
_HONORIFIC = re.compile(r"(?<![太很好更最真挺较偏越蛮忒])贵(?=公司|司|方|单位|厂|校|院|集团|部门|中心|医院)")

# a record's reason field ("Loss reason: terms + price.", "Closed lost - price and the lead time", "输单原因：价格和交期"):
# its head is a list of reasons, one kind each; the coordinators of a short head become clause breaks, so that each
# reason is read as a clause of its own (two kinds named in one closed-lost clause were read as one)
_RECORD = re.compile(r"^\s*(?:loss reason|lost reason|reason for (?:loss|losing)|closed[- ]lost|lost|loss|win/loss|win-loss|"
                     r"[^\W\d_a-z]{0,4}(?:输单|丢单|失单|流失|落选)[^\W\d_a-z]{0,2}原因)(?![a-z])")
_HEAD = re.compile(r"^[^.;:!?\n\-\u2013\u2014。；：！？]+")
_AND_EN = re.compile(r"\s+(?:and|&|\+|/|plus)\s+")
_AND_ZH = re.compile(r"(?<=[^\W\d_a-z])(?:和|及|以及|与|跟|加上|\+|/|&)(?=[^\W\d_a-z])")


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


_HAN = re.compile(r"[^\W\d_a-z]")

# ---- a relayed message: who passes it on is not who objects (session 12) ----
# Someone answers for the one who decided: "Calling on behalf of Mr Haddad, he is travelling.", "I am covering for Anil
# while he is on leave.", "It is Pam at reception -", "Our consultant asked me to forward his view:", "… so I am passing it
# on.", "On the client's behalf:", 替我们总工回一下：, 厂长让我跟你讲：, 我是老板的表弟，替他说句实话：. The relay is a frame like
# "he said": the message after it carries the kind. Its words (on behalf of, covering for, reception, 替) read as
# authority or a gatekeeper's stall where the message was a need, a tie or a doubt. Only the relay itself is taken off,
# where it stands as a label (its own sentence, or before a colon or dash) — "I'm only covering, I can't sign" keeps
# its clause (the refusal to decide is in it).
_NAME = r"(?:(?:mr|mrs|ms|dr)\.?\s+)?(?:the |our |my |their )?[a-z][a-z.'-]*(?:\s+[a-z][a-z.'-]*){0,2}"
_RELAY = re.compile(
    _AT + r"(?:(?:i am |i am just |i am only |just )?(?:calling|writing|replying|answering|responding|speaking)\s+)?"
    r"(?:on behalf of\s+" + _NAME + r"|on\s+" + _NAME + r"'s behalf)\s*(?:,\s*(?:he|she|they) (?:is|are) [a-z ]{1,30}?)?\s*[.:,—–-]\s*"
    r"|" + _AT + r"i am (?:just |only )?(?:covering|standing in|filling in) for\s+" + _NAME +
    r"(?:\s+(?:while|whilst|as|since|until) [^.:;,]{1,40})?\s*[.:—–-]\s*"
    r"|" + _AT + r"(?:it is|this is)\s+[a-z][a-z'-]*\s+(?:from|at|in)\s+[a-z][a-z ]{0,24}?\s*(?:[.:—–]|\s-)\s*"
    r"|" + _AT + _NAME + r"\s*,?\s*(?:[a-z]+\s*,\s*)?(?:has |have )?(?:asked|wants|told|wanted) me to (?:forward|pass on|pass along|relay|"
    r"send on|share|let you know|tell you|give you)\s*(?:his|her|their|the)?\s*(?:view|views|answer|reply|message|feedback|thoughts|"
    r"position|decision|response)?\s*[.:—–]\s*")
# ... the relay said last: "so I am passing it on.", "just passing that on."
_RELAY_END = re.compile(r"(?:^|[.;,!?]\s*|\s(?:so|and)\s+)(?:so\s+)?(?:i am |i am just |just )?passing (?:it|that|this) (?:on|along)"
                        r"(?:\s+to you)?\s*[.!]?\s*$")
_ZH_RELAY = re.compile(
    r"(?:^|(?<=[。；！？，,.!?]))\s*(?:我是[^\W\d_a-z，,。]{1,8}[，,]\s*)?"
    r"(?:(?:替|代|帮)[^\W\d_a-z]{0,6}?(?:回(?:复|覆|答)?(?:一下|个话)?|说句(?:实话|公道话)?|转达(?:一下)?|传个话|带个话)"
    r"|[^\W\d_a-z]{1,4}(?:让|叫|托)我(?:跟|和|给|向)(?:你|您|你们)(?:讲|说|带个话|回个话|转达)(?:一下|一声)?)"
    r"\s*[:：，,]\s*")

PATTERNS = (_RELAY, _RELAY_END, _ZH_RELAY, _HONORIFIC, _CHANNEL, _GREETING, _THANKS, _SIGN_OFF, _REPORTED, _PER, _ZH_REPORTED, _ZH_CHANNEL, _ZH_GREETING,
            _ZH_SIGN_OFF, _LOCATOR, _ZH_LOCATOR, _VERDICT, _ZH_VERDICT, _ADDRESS, _ZH_ADDRESS, _PROMISE, _ZH_PROMISE,
            _AUTO_REPLY, _TAG, _APPROVER)
# the labels at the start of a note, taken off in turn: an automatic reply, a tag, a channel, a greeting, an addressee, a verdict, a place
_OPENERS = (_AUTO_REPLY, _TAG, _CHANNEL, _GREETING, _ZH_CHANNEL, _ZH_GREETING, _ADDRESS, _ZH_ADDRESS, _VERDICT, _ZH_VERDICT, _LOCATOR,
            _ZH_LOCATOR)


# ... or a promise said first, its condition after it: "we'd order today if the roaster came with a fifteen-kilo drum",
# "I'll sign tomorrow once the deposit drops to 20%": the promise to the condition word is taken off, the condition stays
_PROMISE_FIRST = re.compile(
    r"(?:^|(?<=[.;!?]\s))(?:we|i)\s+(?:will|would|shall)\s+(?:happily\s+|gladly\s+|definitely\s+|also\s+)?"
    r"(?:sign|buy|order|place|roll|move|switch|go ahead|proceed|commit|convert|award)\b[^.;!?,]{0,40}?\s+"
    r"(?=(?:if|once|when|as soon as|provided)\b)")


def _unpromise(text: str) -> str:
    """The text without a bargain's promise (``_PROMISE``), when a condition stands before it (or after it:
    ``_PROMISE_FIRST``)."""
    text = _PROMISE_FIRST.sub("", text)
    for pattern in (_PROMISE, _ZH_PROMISE):
        m = pattern.search(text)
        if m and re.search(r"[\w\u3400-\u9fff]", text[:m.start()]):
            end = m.group(0)[-1] if m.group(0)[-1] in ".;!?。；！" else ""  # the sentence break it ended with stays
            text = text[:m.start()] + (end + " " if m.end() < len(text) else "") + text[m.end():]
    return text.strip()


def unframe(text: str) -> str:
    """The normalised text without its reporting frame and mail boilerplate; the text itself when
    nothing of it would be left (a bare "thanks" is what the rep wrote down)."""
    out = _APPROVER.sub(" ", _HONORIFIC.sub("你", text)).strip()
    text = out
    record = bool(_RECORD.match(out))
    for _ in range(3):  # "Email: Hi Tom," — a label, then a greeting; "老板，第5页：" — an addressee, then a place
        before = out
        for opener in _OPENERS:
            out = opener.sub("", out, count=1)
        if out == before:  # nothing more at the start (most texts: one pass)
            break
    out = _THANKS.sub("", out, count=1)
    out = _SIGN_OFF.sub("", out, count=1)
    out = _ZH_SIGN_OFF.sub("", out, count=1)
    out = _RELAY.sub(" ", out, count=1).strip()
    out = _RELAY_END.sub("", out, count=1)
    out = _ZH_RELAY.sub("", out, count=1)
    out = _REPORTED.sub("", out)
    out = _PER.sub("", out)
    out = _ZH_REPORTED.sub("", out)
    out = _unpromise(out)
    out = out.strip()
    if record:
        out = _split_reasons(out)
    return out if re.search(r"[\w\u3400-\u9fff]", out) else text
